//! `eventgraph timeline`: a chronological summary of the events the filters
//! select (`summary::write_timeline`): one sentence per event, grouped by
//! day (or month over long spans), with numbered sources.

use super::scope::ScopeArgs;
use super::{load_graph_for, Cli, Outcome};
use crate::summary::{write_timeline, Grouping, TimelineFormat, TimelineOptions};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Output format of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum TimelineFormatArg {
    /// Markdown: headings per day, a who's who and the sources
    #[default]
    Md,
    /// Plain text
    Text,
    /// JSON (the summary as data, version 1)
    Json,
}

/// How events are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum GroupArg {
    /// By day, or by month when the events span more than three months
    #[default]
    Auto,
    Day,
    Month,
}

/// Arguments of `timeline`.
#[derive(Debug, Args)]
pub(crate) struct TimelineArgs {
    /// The part of the graph to summarise.
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = TimelineFormatArg::Md)]
    pub format: TimelineFormatArg,
    /// Group the events by day or month
    #[arg(long, value_enum, default_value_t = GroupArg::Auto)]
    pub group: GroupArg,
    /// A heading [default: "Timeline", or "Timeline: NAME" with one --actor]
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Write to this file instead of stdout ("-" is stdout)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Writes the timeline of the selected events to `-o` or `out`. Nothing
/// found when no event is selected (the empty timeline is still written).
pub(super) fn run(cli: &Cli, args: &TimelineArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let graph = load_graph_for(cli, &args.scope.filter, args.scope.depth, &[])?;
    let selection = args.scope.select(&graph)?;
    let subgraph = graph.subgraph(&selection.events);
    // One actor's story is told from its side; with several, no side.
    let focus = match selection.focus.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    };
    let title = args.title.clone().unwrap_or_else(|| match &focus {
        Some(name) => format!("Timeline: {name}"),
        None => "Timeline".to_string(),
    });
    let options = TimelineOptions {
        format: match args.format {
            TimelineFormatArg::Md => TimelineFormat::Markdown,
            TimelineFormatArg::Text => TimelineFormat::Text,
            TimelineFormatArg::Json => TimelineFormat::Json,
        },
        title: Some(title),
        grouping: match args.group {
            GroupArg::Auto => Grouping::Auto,
            GroupArg::Day => Grouping::Day,
            GroupArg::Month => Grouping::Month,
        },
        focus,
    };
    let mut buffer = Vec::new();
    write_timeline(&subgraph, &options, &mut buffer)?;
    match args
        .output
        .as_deref()
        .filter(|p| p.as_os_str() != "-" && !p.as_os_str().is_empty())
    {
        Some(path) => {
            std::fs::write(path, &buffer).map_err(|e| {
                anyhow::anyhow!("cannot write {:?}: {e}", path.display().to_string())
            })?;
        }
        None => out.write_all(&buffer)?,
    }
    if subgraph.events.is_empty() {
        if !cli.quiet {
            eprintln!("eventgraph: no event matches the filters");
        }
        return Ok(Outcome::NothingFound);
    }
    Ok(Outcome::Done)
}
