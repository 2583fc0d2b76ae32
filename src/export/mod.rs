//! Exporters: DOT (graphviz-rust), SVG/PNG/PDF through Graphviz, JSON, CSV,
//! GraphML, RDF Turtle, TimelineJS, Neo4j CSV and the HTML report.
//!
//! API contract (the CLI codes against it): every writer takes a
//! `model::Subgraph` (what a graph query returns) and a `&mut dyn Write`:
//!
//! - [`write_dot`]`(&Subgraph, &DotOptions, out)`; [`dot_warnings`] says when
//!   a view is too large to read; [`Layout::for_size`] picks the engine;
//! - [`render`]`(dot_text, RenderFormat, Layout, timeout) -> bytes` runs
//!   Graphviz (svg, png, pdf) with a time limit;
//! - [`write_interchange`]: JSON Lines of interchange documents (what
//!   `eventgraph ingest` reads back);
//! - [`write_json`], [`write_csv_events`], [`write_csv_actors`],
//!   [`write_csv_participants`], [`write_graphml`], [`write_turtle`],
//!   [`write_timelinejs`];
//! - [`write_neo4j`]`(&Subgraph, dir)` writes the `neo4j-admin database
//!   import` files into a directory;
//! - [`write_parquet`]`(&Subgraph, dir)` writes the events, participants
//!   and actors as Parquet datasets partitioned by year and month;
//!   [`ParquetDataset`] writes them a subgraph (a month) at a time (with
//!   the `parquet` feature, on by default);
//! - [`write_html_report`]`(&Subgraph, svg: Option<&str>, &ReportOptions, out)`;
//! - [`write_export`]`(&Subgraph, ExportFormat, &ExportOptions, out)` writes
//!   any single-stream format; [`ExportFormat::from_path`] picks it from an
//!   output file's extension;
//! - [`write_report_files`]`(&Subgraph, dir, &BundleOptions)` writes the
//!   report of `eventgraph build --out DIR` (all but the database).
//!
//! Every label written to DOT, XML, Turtle, JSON or HTML is escaped: a name
//! with quotes, brackets, newlines or HTML-like text cannot break the file.
//! Output is deterministic: sorted, no clock values.

mod csv;
mod dot;
mod format;
mod graphml;
mod html;
mod interchange;
mod neo4j;
#[cfg(feature = "parquet")]
mod parquet;
mod render;
mod timelinejs;
mod turtle;
mod viewer;

pub(crate) use self::csv::{strip_controls, text_cell};
pub use self::csv::{write_csv_actors, write_csv_events, write_csv_participants};
pub(crate) use self::dot::{actor_style, date_text, event_fill};
pub use self::dot::{drawn_day, node_count, quote as dot_quote};
pub use self::format::{write_export, ExportError, ExportFormat, ExportOptions};
pub use self::graphml::write_graphml;
pub use self::html::{
    write_html_report, write_html_report_with_places, ReportOptions, INLINE_SVG_MAX_NODES,
};
pub use self::interchange::{interchange_documents, write_interchange, UNSOURCED_DOCUMENT};
pub use self::neo4j::{neo4j_files, neo4j_import_command, write_neo4j, NEO4J_FILES};
#[cfg(feature = "parquet")]
pub use self::parquet::{
    write_parquet, ParquetDataset, ParquetExportError, ParquetSummary, ACTORS_SCHEMA,
    EVENTS_SCHEMA, PARTICIPANTS_SCHEMA, ROW_GROUP_ROWS,
};
pub use self::render::{
    graphviz_available, render, render_with, RenderError, RenderFormat, GRAPHVIZ_PROGRAM,
};
pub use self::timelinejs::write_timelinejs;
pub use self::turtle::{write_turtle, TurtleOptions};
pub(crate) use self::viewer::{json_for_script, served_page, viewer_assets};

use crate::model::Subgraph;
use serde::Serialize;
use std::io::{self, Write};
use std::time::Duration;

/// The version of the JSON export schema.
pub const JSON_VERSION: u32 = 1;

/// Up to this many nodes the `dot` layout is used by default; above it,
/// `sfdp` (`dot` takes seconds for 200 nodes and does not finish in 20
/// minutes for 2,000).
pub const DOT_LAYOUT_MAX_NODES: usize = 300;

/// Above this many nodes a drawing is too dense to read.
pub const READABLE_MAX_NODES: usize = 500;

/// A sensible default time limit for [`render`].
pub const DEFAULT_RENDER_TIMEOUT: Duration = Duration::from_secs(120);

/// Which DOT view to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DotView {
    /// Actors and events as nodes, participation as edges.
    #[default]
    Events,
    /// Actors only: one edge per pair of actors that interacted.
    Actors,
}

impl std::str::FromStr for DotView {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "events" => Ok(DotView::Events),
            "actors" => Ok(DotView::Actors),
            _ => Err(format!("expected a view (events, actors), but found {s:?}")),
        }
    }
}

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Hierarchical: the time-ordered layout; slow above a few hundred nodes.
    Dot,
    /// Force-directed, multiscale: fast for thousands of nodes.
    Sfdp,
    /// Force-directed (stress majorization) for small graphs.
    Neato,
}

impl Layout {
    /// The engine's name (`-K` value and program name).
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Dot => "dot",
            Layout::Sfdp => "sfdp",
            Layout::Neato => "neato",
        }
    }

    /// The default engine for a drawing of `n_nodes` nodes.
    pub fn for_size(n_nodes: usize) -> Layout {
        if n_nodes <= DOT_LAYOUT_MAX_NODES {
            Layout::Dot
        } else {
            Layout::Sfdp
        }
    }
}

impl std::str::FromStr for Layout {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dot" => Ok(Layout::Dot),
            "sfdp" => Ok(Layout::Sfdp),
            "neato" => Ok(Layout::Neato),
            _ => Err(format!(
                "expected a layout (dot, sfdp, neato), but found {s:?}"
            )),
        }
    }
}

/// Options for [`write_dot`].
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    /// What to draw: events with their actors (default), or actors only.
    pub view: DotView,
    /// A graph label.
    pub title: Option<String>,
    /// The layout engine written into the file (`layout=...`); by default
    /// chosen by size with [`Layout::for_size`].
    pub layout: Option<Layout>,
    /// Canonical names of the actors the query is centred on (`--actor`,
    /// `--with`): drawn with a double outline.
    pub focus: Vec<String>,
}

impl DotOptions {
    /// The layout the DOT file asks for.
    pub fn effective_layout(&self, subgraph: &Subgraph) -> Layout {
        self.layout
            .unwrap_or_else(|| Layout::for_size(node_count(subgraph, self.view)))
    }
}

/// Writes the subgraph as Graphviz DOT.
pub fn write_dot(subgraph: &Subgraph, options: &DotOptions, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(dot::dot_text(subgraph, options).as_bytes())
}

/// The DOT text of the subgraph (what [`write_dot`] writes).
pub fn dot_string(subgraph: &Subgraph, options: &DotOptions) -> String {
    dot::dot_text(subgraph, options)
}

/// A warning about a drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DotWarning {
    /// More nodes than a reader can follow.
    #[error("the drawing has {nodes} nodes, too many to read")]
    TooManyNodes {
        /// The number of nodes drawn.
        nodes: usize,
    },
    /// The `dot` layout was asked for a graph it lays out very slowly.
    #[error("the dot layout of {nodes} nodes may take very long")]
    SlowLayout {
        /// The number of nodes drawn.
        nodes: usize,
    },
}

/// Warnings about a view: too many nodes to read, or a slow layout forced
/// on a large graph. The CLI prints them on stderr.
pub fn dot_warnings(subgraph: &Subgraph, options: &DotOptions) -> Vec<DotWarning> {
    let n_nodes = node_count(subgraph, options.view);
    let mut warnings = Vec::new();
    if n_nodes > READABLE_MAX_NODES {
        warnings.push(DotWarning::TooManyNodes { nodes: n_nodes });
    }
    if options.layout == Some(Layout::Dot) && n_nodes > DOT_LAYOUT_MAX_NODES {
        warnings.push(DotWarning::SlowLayout { nodes: n_nodes });
    }
    warnings
}

/// Why [`write_report_files`] left something out.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BundleWarning {
    /// A warning about the drawing.
    #[error(transparent)]
    Dot(DotWarning),
    /// `graph.svg` could not be drawn.
    #[error("graph.svg not written: {0}")]
    SvgNotWritten(RenderError),
}

#[derive(Serialize)]
struct VersionedSubgraph<'a> {
    version: u32,
    #[serde(flatten)]
    subgraph: &'a Subgraph,
}

/// Writes the subgraph as JSON: `{"version": 1, "actors", "events",
/// "documents"}`, the model's serde form (reads back as a `Subgraph`).
pub fn write_json(subgraph: &Subgraph, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(
        &mut *out,
        &VersionedSubgraph {
            version: JSON_VERSION,
            subgraph,
        },
    )?;
    writeln!(out)
}

/// Options for [`write_report_files`].
#[derive(Debug, Clone)]
pub struct BundleOptions {
    /// The report's title.
    pub title: Option<String>,
    /// The layout engine of the graph drawing (by size when `None`).
    pub layout: Option<Layout>,
    /// The time limit for Graphviz.
    pub render_timeout: Duration,
    /// The Graphviz program ([`GRAPHVIZ_PROGRAM`], or a path to it).
    pub graphviz: String,
    /// Places with their coordinates, for the map of `index.html`.
    pub places: Vec<crate::model::Place>,
}

impl Default for BundleOptions {
    fn default() -> Self {
        BundleOptions {
            title: None,
            layout: None,
            render_timeout: DEFAULT_RENDER_TIMEOUT,
            graphviz: GRAPHVIZ_PROGRAM.to_string(),
            places: Vec::new(),
        }
    }
}

/// What [`write_report_files`] wrote, and what it could not.
#[derive(Debug, Default)]
pub struct BundleReport {
    /// The files written, in order.
    pub files: Vec<std::path::PathBuf>,
    /// Why something was left out (no Graphviz, a render timeout) and
    /// size warnings; the CLI prints them on stderr.
    pub warnings: Vec<BundleWarning>,
}

/// The report files `eventgraph build --out DIR` writes besides the
/// database: `timeline.md`, `graph.dot`, `graph.svg` (when Graphviz is
/// installed and finishes in time), `actors.dot`, `events.csv` and a
/// self-contained `index.html`. `dir` is created if missing.
pub fn write_report_files(
    subgraph: &Subgraph,
    dir: &std::path::Path,
    options: &BundleOptions,
) -> io::Result<BundleReport> {
    std::fs::create_dir_all(dir)?;
    let mut report = BundleReport::default();
    let save = |name: &str, bytes: &[u8], report: &mut BundleReport| -> io::Result<()> {
        let path = dir.join(name);
        std::fs::write(&path, bytes)?;
        report.files.push(path);
        Ok(())
    };
    let mut timeline = Vec::new();
    crate::summary::write_timeline(
        subgraph,
        &crate::summary::TimelineOptions {
            title: options.title.clone(),
            ..Default::default()
        },
        &mut timeline,
    )?;
    save("timeline.md", &timeline, &mut report)?;

    let dot_options = DotOptions {
        view: DotView::Events,
        title: options.title.clone(),
        layout: options.layout,
        focus: Vec::new(),
    };
    let dot_text = dot_string(subgraph, &dot_options);
    save("graph.dot", dot_text.as_bytes(), &mut report)?;
    report.warnings.extend(
        dot_warnings(subgraph, &dot_options)
            .into_iter()
            .map(BundleWarning::Dot),
    );
    let layout = dot_options.effective_layout(subgraph);
    let svg = match render_with(
        &options.graphviz,
        &dot_text,
        RenderFormat::Svg,
        layout,
        options.render_timeout,
    ) {
        Ok(bytes) => {
            save("graph.svg", &bytes, &mut report)?;
            Some(String::from_utf8_lossy(&bytes).into_owned())
        }
        Err(e) => {
            report.warnings.push(BundleWarning::SvgNotWritten(e));
            None
        }
    };
    let actor_options = DotOptions {
        view: DotView::Actors,
        ..dot_options.clone()
    };
    save(
        "actors.dot",
        dot_string(subgraph, &actor_options).as_bytes(),
        &mut report,
    )?;
    let mut events = Vec::new();
    write_csv_events(subgraph, &mut events)?;
    save("events.csv", &events, &mut report)?;
    let mut html = Vec::new();
    write_html_report_with_places(
        subgraph,
        svg.as_deref(),
        &ReportOptions {
            title: options.title.clone(),
        },
        &options.places,
        &mut html,
    )?;
    save("index.html", &html, &mut report)?;
    Ok(report)
}

/// An actor's affiliation edges: each title with what it is of (one per
/// title and `of`, in title order), then the actor's `affiliation` if no
/// title names it.
pub(crate) fn affiliation_edges(actor: &crate::model::Actor) -> Vec<(crate::model::Title, &str)> {
    let mut edges: Vec<(crate::model::Title, &str)> = actor
        .titles
        .iter()
        .filter_map(|t| t.of.as_deref().map(|of| (t.clone(), of)))
        .collect();
    if let Some(aff) = actor.affiliation.as_deref() {
        if !edges.iter().any(|(_, of)| *of == aff) {
            edges.push((crate::model::Title::new("", Some(aff.to_string())), aff));
        }
    }
    edges
}

/// Text safe for XML 1.0 (and HTML): characters XML forbids are dropped.
pub(crate) fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || (!c.is_control() && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in xml_safe(text).chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_follows_size() {
        assert_eq!(Layout::for_size(10), Layout::Dot);
        assert_eq!(Layout::for_size(2000), Layout::Sfdp);
        assert_eq!("neato".parse::<Layout>(), Ok(Layout::Neato));
        assert!("circo".parse::<Layout>().is_err());
    }

    #[test]
    fn html_and_xml_escaping() {
        assert_eq!(
            html_escape("<script>\"&'\u{1}"),
            "&lt;script&gt;&quot;&amp;&#39;"
        );
    }
}
