//! `eventgraph build INPUT... --out DIR`: the one-shot main job.
//!
//! Ingests the inputs into `DIR/eventgraph.db`, then writes `events.json`,
//! `meetings.json` and the report of `export::write_report_files` there:
//! `timeline.md`, `graph.dot`, `graph.svg` (when Graphviz is installed),
//! `actors.dot`, `events.csv` and a self-contained `index.html`.

use super::ingest::{find_inputs, ingest_inputs, parse_published, report, InputFormat};
use super::{output, Cli, ListFormat, Outcome};
use crate::export::{write_report_files, BundleOptions, BundleWarning};
use crate::graph::EventFilter;
use crate::model::Subgraph;
use crate::store::Store;
use anyhow::{bail, Context};
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `build`.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
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
    /// Follow symbolic links that lead out of the directories given
    /// (by default they are skipped with a warning)
    #[arg(long)]
    pub follow_links: bool,
    /// The report's title [default: the article's headline when there is
    /// one document, else the number of reports and their dates]
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

/// The title of the report.
fn report_title(given: Option<&str>, subgraph: &Subgraph) -> String {
    if let Some(title) = given {
        return title.to_string();
    }
    if let [document] = subgraph.documents.as_slice() {
        if let Some(title) = document.title.as_deref().filter(|t| !t.trim().is_empty()) {
            return title.trim().to_string();
        }
    }
    let first = subgraph.events.iter().map(|e| e.when.start).min();
    let last = subgraph.events.iter().map(|e| e.when.end).max();
    match (first, last) {
        (Some(first), Some(last)) => format!(
            "Events of {} reports, {first} to {last}",
            subgraph.documents.len()
        ),
        _ => "eventgraph report".to_string(),
    }
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

/// Ingests the inputs into `OUT/eventgraph.db`, then writes `events.json`,
/// `meetings.json` and the report files of `export::write_report_files` into
/// OUT. Inputs that could not be read make it fail, after the files are
/// written.
pub(super) fn run(cli: &Cli, args: &BuildArgs) -> anyhow::Result<Outcome> {
    let published = parse_published(args.published.as_deref())?;
    let inputs = find_inputs(&args.inputs, args.format, args.follow_links, cli.quiet)?;
    if inputs.is_empty() {
        bail!("no article, JSON or dataset file found in the inputs");
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {:?}", args.out.display().to_string()))?;
    let mut store = Store::open(&args.out.join("eventgraph.db"))?;
    let summary = ingest_inputs(&mut store, &inputs, published, cli.quiet, false);
    if !cli.quiet {
        report(&summary);
    }
    let graph = crate::pipeline::load(&store)?;
    let all = graph.event_ids();
    let meetings = graph.meetings(&EventFilter::default());
    let subgraph = graph.subgraph(&all);
    let mut written = Vec::new();
    written.push(write_file(&args.out, "events.json", |out| {
        output::write_events(&graph, &all, ListFormat::Json, out)
    })?);
    written.push(write_file(&args.out, "meetings.json", |out| {
        output::write_meetings(&graph, &meetings, ListFormat::Json, out)
    })?);
    let bundle = write_report_files(
        &subgraph,
        &args.out,
        &BundleOptions {
            title: Some(report_title(args.title.as_deref(), &subgraph)),
            ..BundleOptions::default()
        },
    )
    .with_context(|| {
        format!(
            "cannot write the report in {:?}",
            args.out.display().to_string()
        )
    })?;
    written.extend(bundle.files);
    if !cli.quiet {
        for warning in &bundle.warnings {
            let hint = match warning {
                BundleWarning::Dot(w) => super::export::dot_hint(w),
                BundleWarning::SvgNotWritten(e) => super::export::render_hint(e),
            };
            eprintln!("eventgraph: warning: {warning}{hint}");
        }
    }
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
            "{} error(s) while reading the inputs (see above)",
            summary.errors
        );
    }
    Ok(Outcome::Done)
}
