//! `eventgraph build INPUT... --out DIR`: the one-shot main job.
//!
//! Ingests the inputs into `DIR/eventgraph.db`, then writes `events.json`,
//! `events.csv`, `meetings.json`, `graph.dot` and `timeline.md` there.

use super::ingest::{collect_inputs, ingest_inputs, parse_published, report, InputFormat};
use super::{output, Cli, ListFormat, Outcome};
use crate::export::{write_dot, DotOptions};
use crate::graph::EventFilter;
use crate::store::Store;
use crate::summary::{write_timeline, TimelineFormat, TimelineOptions};
use anyhow::{bail, Context};
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Articles, interchange JSON files, or directories of them
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The report directory (created if needed)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The input format [default: from each file's extension]
    #[arg(long, value_enum)]
    pub format: Option<InputFormat>,
    /// Publication date of the articles, overriding what they say
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
}

fn write_file(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<PathBuf> {
    let path = dir.join(name);
    let mut buffer = Vec::new();
    write(&mut buffer)?;
    std::fs::write(&path, buffer)
        .with_context(|| format!("cannot write {:?}", path.display().to_string()))?;
    Ok(path)
}

pub fn run(cli: &Cli, args: &BuildArgs) -> anyhow::Result<Outcome> {
    let published = parse_published(args.published.as_deref())?;
    let inputs = collect_inputs(&args.inputs, args.format)?;
    if inputs.is_empty() {
        bail!("no article or JSON file found in the inputs");
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {:?}", args.out.display().to_string()))?;
    let mut store = Store::open(&args.out.join("eventgraph.db"))?;
    let summary = ingest_inputs(&mut store, &inputs, published, cli.quiet);
    if !cli.quiet {
        report(&summary);
    }
    let graph = store.load_graph()?;
    let all = graph.event_ids();
    let meetings = graph.meetings(&EventFilter::default());
    let subgraph = graph.subgraph(&all);
    let mut written = Vec::new();
    written.push(write_file(&args.out, "events.json", |out| {
        output::write_events(&graph, &all, ListFormat::Json, out)
    })?);
    written.push(write_file(&args.out, "events.csv", |out| {
        output::write_events(&graph, &all, ListFormat::Csv, out)
    })?);
    written.push(write_file(&args.out, "meetings.json", |out| {
        output::write_meetings(&graph, &meetings, ListFormat::Json, out)
    })?);
    written.push(write_file(&args.out, "graph.dot", |out| {
        Ok(write_dot(&subgraph, &DotOptions::default(), out)?)
    })?);
    written.push(write_file(&args.out, "timeline.md", |out| {
        // Other fields may be added to the options on the summary branch.
        #[allow(clippy::needless_update)]
        let options = TimelineOptions {
            format: TimelineFormat::Markdown,
            title: Some("Timeline".to_string()),
            ..TimelineOptions::default()
        };
        Ok(write_timeline(&subgraph, &options, out)?)
    })?);
    if !cli.quiet {
        let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "eventgraph: {} events, {} meetings, {} actors; wrote {} and {}",
            graph.n_events(),
            meetings.len(),
            graph.n_actors(),
            args.out.join("eventgraph.db").display(),
            names.join(", ")
        );
    }
    if summary.errors > 0 {
        bail!(
            "{} of the inputs could not be read (see above)",
            summary.errors
        );
    }
    Ok(Outcome::Done)
}
