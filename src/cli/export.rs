//! `eventgraph export`: the graph, or the part the filters select, in any
//! export format: DOT and its renderings (SVG, PNG, PDF through Graphviz),
//! JSON, interchange JSON Lines, CSV, GraphML, Turtle, TimelineJS, the HTML
//! report, or a directory of Neo4j import files.

use super::scope::ScopeArgs;
use super::{load_graph_for, Cli, Outcome};
use crate::export::{
    dot_warnings, write_export, write_neo4j, DotOptions, DotView, DotWarning, ExportError,
    ExportFormat, ExportOptions, Layout, RenderError, DEFAULT_RENDER_TIMEOUT,
};
#[cfg(feature = "parquet")]
use crate::export::{write_parquet, ParquetDataset};
#[cfg(feature = "parquet")]
use crate::model::{date_of_day_number, day_number};
#[cfg(feature = "parquet")]
use crate::store::Store;
use anyhow::{bail, Context};
#[cfg(feature = "parquet")]
use chrono::{Datelike, NaiveDate};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What `--format` names: a format written to one stream, or the Neo4j
/// directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OutputFormat {
    /// A format written to stdout or one file.
    Stream(ExportFormat),
    /// The Neo4j import files, written into the `-o` directory.
    Neo4j,
    /// Parquet datasets (events, participants, actors), written into the
    /// `-o` directory.
    Parquet,
}

impl OutputFormat {
    fn name(self) -> &'static str {
        match self {
            OutputFormat::Stream(f) => f.name(),
            OutputFormat::Neo4j => "neo4j",
            OutputFormat::Parquet => "parquet",
        }
    }

    /// Whether the format draws the graph (and so takes --view and --layout).
    fn draws(self) -> bool {
        matches!(
            self,
            OutputFormat::Stream(
                ExportFormat::Dot
                    | ExportFormat::Svg
                    | ExportFormat::Png
                    | ExportFormat::Pdf
                    | ExportFormat::Html
            )
        )
    }
}

fn parse_format(text: &str) -> Result<OutputFormat, String> {
    if text.trim().eq_ignore_ascii_case("neo4j") {
        return Ok(OutputFormat::Neo4j);
    }
    if text.trim().eq_ignore_ascii_case("parquet") {
        return Ok(OutputFormat::Parquet);
    }
    text.parse::<ExportFormat>()
        .map(OutputFormat::Stream)
        .map_err(|e| e.replace("), but", ", neo4j, parquet), but"))
}

/// What a drawing shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum ViewArg {
    /// Actors and events as nodes, laid out in time
    #[default]
    Events,
    /// Actors only, one edge per pair that interacted
    Actors,
}

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// Hierarchical, in time order (slow above a few hundred nodes)
    Dot,
    /// Force-directed, fast for thousands of nodes
    Sfdp,
    /// Force-directed, for small graphs
    Neato,
}

impl From<LayoutArg> for Layout {
    fn from(arg: LayoutArg) -> Layout {
        match arg {
            LayoutArg::Dot => Layout::Dot,
            LayoutArg::Sfdp => Layout::Sfdp,
            LayoutArg::Neato => Layout::Neato,
        }
    }
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// dot, svg, png, pdf, json, jsonl, csv, actors-csv, participants-csv,
    /// graphml, turtle, timelinejs, html, neo4j or parquet [default: from -o's
    /// extension]
    #[arg(long, value_parser = parse_format, value_name = "FORMAT")]
    pub format: Option<OutputFormat>,
    /// The part of the graph to export.
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// What the drawing shows (dot, svg, png, pdf)
    #[arg(long, value_enum, default_value_t = ViewArg::Events)]
    pub view: ViewArg,
    /// The Graphviz layout [default: dot up to 300 nodes, sfdp above]
    #[arg(long, value_enum)]
    pub layout: Option<LayoutArg>,
    /// A title for the drawing, the TimelineJS title slide or the HTML report
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Stop Graphviz after this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_RENDER_TIMEOUT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
    /// Write to this file ("-" or none: stdout); for neo4j and parquet, a
    /// directory
    #[arg(short = 'o', long = "output", value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,
}

impl ExportArgs {
    /// The output file, `None` for stdout.
    fn output_path(&self) -> Option<&Path> {
        self.output
            .as_deref()
            .filter(|p| p.as_os_str() != "-" && !p.as_os_str().is_empty())
    }

    /// The format: `--format`, else from the output's extension.
    fn output_format(&self) -> anyhow::Result<OutputFormat> {
        if let Some(format) = self.format {
            return Ok(format);
        }
        match self.output_path() {
            None => bail!(
                "give --format (dot, svg, json, csv, ...) or an -o FILE with a known extension"
            ),
            Some(path) if path.is_dir() => Ok(OutputFormat::Neo4j),
            Some(path) => ExportFormat::from_path(path)
                .map(OutputFormat::Stream)
                .with_context(|| {
                    format!(
                    "cannot tell the format from {:?}; give --format (dot, svg, png, pdf, json, \
                     jsonl, csv, graphml, turtle, timelinejs, html, neo4j)",
                    path.display().to_string()
                )
                }),
        }
    }
}

/// The flags that help with a warning about a drawing.
pub(crate) fn dot_hint(warning: &DotWarning) -> &'static str {
    match warning {
        DotWarning::TooManyNodes { .. } => {
            "; narrow it with --actor, --with, --from/--to, --kind or --depth, or use --view actors"
        }
        DotWarning::SlowLayout { .. } => "; --layout sfdp is much faster",
    }
}

/// The flags that help when Graphviz could not draw.
pub(crate) fn render_hint(error: &RenderError) -> &'static str {
    match error {
        RenderError::NotInstalled(_) => " or write DOT with --format dot",
        RenderError::Timeout { .. } => {
            "; narrow the graph with --actor, --from/--to, --kind or --depth, or use --layout sfdp"
        }
        _ => "",
    }
}

/// Exports the selected part of the graph to `-o` or `out`. Refuses to
/// write PNG or PDF to a terminal. Nothing found when no event is selected
/// (the empty export is still written).
pub(super) fn run(cli: &Cli, args: &ExportArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let format = args.output_format()?;
    if format == OutputFormat::Parquet {
        return run_parquet(cli, args);
    }
    let graph = load_graph_for(cli, &args.scope.filter, args.scope.depth, &[])?;
    let selection = args.scope.select(&graph)?;
    let subgraph = graph.subgraph(&selection.events);
    let options = ExportOptions {
        dot: DotOptions {
            view: match args.view {
                ViewArg::Events => DotView::Events,
                ViewArg::Actors => DotView::Actors,
            },
            title: args.title.clone(),
            layout: args.layout.map(Layout::from),
            focus: selection.focus.clone(),
        },
        render_timeout: Duration::from_secs(args.timeout),
    };
    if !cli.quiet && format.draws() {
        for warning in dot_warnings(&subgraph, &options.dot) {
            eprintln!("eventgraph: warning: {warning}{}", dot_hint(&warning));
        }
    }
    let written = match format {
        // handled before the graph is loaded
        OutputFormat::Parquet => return run_parquet(cli, args),
        OutputFormat::Neo4j => {
            let Some(dir) = args.output_path() else {
                bail!("--format neo4j writes several files: give -o DIR");
            };
            let files = write_neo4j(&subgraph, dir)
                .with_context(|| format!("cannot write {:?}", dir.display().to_string()))?;
            format!("{} files in {}", files.len(), dir.display())
        }
        OutputFormat::Stream(stream) => {
            let path = args.output_path();
            if path.is_none() && stream.is_binary() && std::io::stdout().is_terminal() {
                bail!(
                    "{} is binary: give -o FILE or redirect standard output",
                    stream.name()
                );
            }
            let mut buffer = Vec::new();
            write_export(&subgraph, stream, &options, &mut buffer).map_err(|e| match e {
                ExportError::Render(r) => anyhow::anyhow!("{r}{}", render_hint(&r)),
                e => e.into(),
            })?;
            match path {
                Some(path) => {
                    std::fs::write(path, &buffer).with_context(|| {
                        format!("cannot write {:?}", path.display().to_string())
                    })?;
                    path.display().to_string()
                }
                None => {
                    out.write_all(&buffer)?;
                    String::new()
                }
            }
        }
    };
    if !cli.quiet {
        if subgraph.events.is_empty() {
            eprintln!("eventgraph: no event matches the filters");
        } else if !written.is_empty() {
            eprintln!(
                "eventgraph: {} events, {} actors as {}; wrote {written}",
                subgraph.events.len(),
                subgraph.actors.len(),
                format.name()
            );
        }
    }
    Ok(if subgraph.events.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}

/// `export --format parquet -o DIR`: the events, participants and actors as
/// Parquet datasets partitioned by year and month
/// (`export::ParquetDataset`). A whole store of dataset rows is read a
/// month at a time (`pipeline::load_days` over each month that holds
/// events, found with `Store::next_start_day`), so the memory is a month's
/// graph whatever the store's size; a store holding articles (whose
/// reports are merged over the whole store) or an export with filters is
/// loaded as the other formats are and written at once. Both give the
/// rows of `export --format json` with the same filters.
#[cfg(feature = "parquet")]
fn run_parquet(cli: &Cli, args: &ExportArgs) -> anyhow::Result<Outcome> {
    let Some(dir) = args.output_path() else {
        bail!("--format parquet writes a directory of datasets: give -o DIR");
    };
    let where_to = || format!("cannot write {:?}", dir.display().to_string());
    let filter = &args.scope.filter;
    let whole_store = args.scope.depth.is_none()
        && filter.actor.is_empty()
        && filter.with.is_none()
        && filter.from.is_none()
        && filter.to.is_none()
        && filter.kind.is_empty()
        && filter.place.is_none();
    let path = super::db_path(cli);
    let by_month = if whole_store && path.exists() {
        let store = Store::open_read_only(&path)?;
        if store.only_dataset_rows()? {
            Some(store)
        } else {
            None
        }
    } else {
        None
    };
    let summary = match by_month {
        Some(store) => {
            let mut dataset = ParquetDataset::create(dir).with_context(where_to)?;
            let mut day = i32::MIN;
            while let Some(start) = store.next_start_day(day)? {
                let (from, to) = month_of_day(start)
                    .with_context(|| format!("an event starts on day {start}, not a date"))?;
                let graph = crate::pipeline::load_days(&store, from, to)
                    .with_context(|| format!("cannot load {:?}", path.display().to_string()))?;
                let mut subgraph = graph.subgraph(&graph.events_in(from, to));
                subgraph
                    .events
                    .retain(|e| (from..=to).contains(&day_number(e.when.start)));
                dataset.add(&subgraph).with_context(where_to)?;
                drop((subgraph, graph));
                dataset.close_partition().with_context(where_to)?;
                match to.checked_add(1) {
                    Some(next) => day = next,
                    None => break,
                }
            }
            dataset.finish().with_context(where_to)?
        }
        None => {
            let graph = load_graph_for(cli, &args.scope.filter, args.scope.depth, &[])?;
            let selection = args.scope.select(&graph)?;
            let subgraph = graph.subgraph(&selection.events);
            write_parquet(&subgraph, dir).with_context(where_to)?
        }
    };
    if !cli.quiet {
        if summary.events == 0 {
            eprintln!("eventgraph: no event matches the filters");
        } else {
            eprintln!(
                "eventgraph: {} events, {} participants, {} actors as parquet; wrote {} files in {}",
                summary.events,
                summary.participants,
                summary.actors,
                summary.files.len(),
                dir.display()
            );
        }
    }
    Ok(if summary.events == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}

/// Without the `parquet` feature: says so.
#[cfg(not(feature = "parquet"))]
fn run_parquet(_cli: &Cli, _args: &ExportArgs) -> anyhow::Result<Outcome> {
    bail!(
        "this eventgraph was built without Parquet: build it with the `parquet` feature \
         (on by default)"
    );
}

/// The first and last days (day numbers) of the month holding `day`.
#[cfg(feature = "parquet")]
fn month_of_day(day: i32) -> Option<(i32, i32)> {
    let date = date_of_day_number(day)?;
    let first = NaiveDate::from_ymd_opt(date.year(), date.month(), 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    Some((day_number(first), day_number(next) - 1))
}
