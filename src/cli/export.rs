//! `eventgraph export`: the graph, or the part a filter selects, as DOT or JSON.

use super::{load_graph, Cli, FilterArgs, Outcome};
use crate::export::{write_dot, write_json, DotOptions, DotView};
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Dot,
    Json,
}

/// What a DOT drawing shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ViewArg {
    /// Actors and events as nodes
    #[default]
    Events,
    /// Actors only, one edge per pair that interacted
    Actors,
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// The DOT view
    #[arg(long, value_enum, default_value_t = ViewArg::Events)]
    pub view: ViewArg,
    /// Write to this file instead of stdout ("-" is stdout)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(cli: &Cli, args: &ExportArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let graph = load_graph(cli)?;
    let filter = args.filter.to_filter(&graph)?;
    let subgraph = graph.subgraph_for(&filter);
    let mut buffer = Vec::new();
    match args.format {
        ExportFormat::Dot => {
            let options = DotOptions {
                view: match args.view {
                    ViewArg::Events => DotView::Events,
                    ViewArg::Actors => DotView::Actors,
                },
                ..DotOptions::default()
            };
            write_dot(&subgraph, &options, &mut buffer)?;
        }
        ExportFormat::Json => write_json(&subgraph, &mut buffer)?,
    }
    match &args.output {
        Some(path) if path.as_os_str() != "-" => std::fs::write(path, &buffer)
            .with_context(|| format!("cannot write {:?}", path.display().to_string()))?,
        _ => out.write_all(&buffer)?,
    }
    Ok(if subgraph.events.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}
