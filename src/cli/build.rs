//! `eventgraph build INPUT... --out DIR`: the one-shot main job.
//!
//! Ingests the inputs into `DIR/eventgraph.db`, then writes `events.json`,
//! `meetings.json` and the report of `export::write_report_files` there:
//! `timeline.md`, `graph.dot`, `graph.svg` (when Graphviz is installed),
//! `actors.dot`, `events.csv` and a self-contained `index.html`.
//!
//! Each run writes a fresh report: the folder is new or empty, or one of
//! its own reports (it holds the marker file [`MARKER`], or only files
//! `build` writes), whose files are removed first; any other folder is
//! refused. With `--db PATH` the inputs go into that database instead (kept
//! and added to, as `ingest` does) and the report shows all it holds.

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

/// The database's file name inside a report folder.
pub(crate) const DATABASE_NAME: &str = "eventgraph.db";

/// The file that marks a folder as a report `build` wrote.
pub(crate) const MARKER: &str = ".eventgraph-report";

/// What the marker file says.
const MARKER_TEXT: &str = "This folder is a report written by `eventgraph build`; \
running it again replaces the files it wrote.\n";

/// The files `build` writes into a report folder (and SQLite's companions
/// of the database).
const OWN_FILES: &[&str] = &[
    MARKER,
    "events.json",
    "meetings.json",
    "timeline.md",
    "graph.dot",
    "graph.svg",
    "actors.dot",
    "events.csv",
    "index.html",
    DATABASE_NAME,
    "eventgraph.db-wal",
    "eventgraph.db-shm",
    "eventgraph.db-journal",
];

/// Makes `dir` ready for a fresh report: created when missing; when it
/// is one of `build`'s reports, its files are removed (the database too,
/// unless `keep_database`); any other non-empty folder is an error.
fn prepare_folder(dir: &Path, keep_database: bool) -> anyhow::Result<()> {
    let shown = dir.display().to_string();
    if dir.exists() && !dir.is_dir() {
        bail!("--out {shown:?} is a file, not a folder");
    }
    if !dir.exists() {
        return std::fs::create_dir_all(dir).with_context(|| format!("cannot create {shown:?}"));
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {shown:?}"))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let ours = dir.join(MARKER).is_file()
        || names
            .iter()
            .all(|n| OWN_FILES.contains(&n.as_str()) && dir.join(n).is_file());
    if !ours {
        let foreign: Vec<String> = names
            .iter()
            .filter(|n| !OWN_FILES.contains(&n.as_str()) || !dir.join(n).is_file())
            .map(|n| format!("{n:?}"))
            .collect();
        bail!(
            "--out {shown:?} is not a report of `eventgraph build` (it holds {}{}): give a new \
             or empty folder",
            foreign[..foreign.len().min(5)].join(", "),
            if foreign.len() > 5 { ", ..." } else { "" }
        );
    }
    for name in OWN_FILES {
        if keep_database && name.starts_with(DATABASE_NAME) {
            continue;
        }
        let path = dir.join(name);
        if path.is_file() {
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove {:?}", path.display().to_string()))?;
        }
    }
    Ok(())
}

/// A path as a shell word: quoted when it holds anything but letters,
/// digits and `_./-`.
fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./-".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

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
    /// Code the articles with these PETRARCH dictionaries (a folder, read
    /// as `code --dictionaries` reads it): their events keep its CAMEO codes
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
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
    let coder = match &args.dictionaries {
        Some(dir) => Some(super::code::article_coder(dir, cli.quiet)?),
        None => None,
    };
    let inputs = find_inputs(&args.inputs, args.format, args.follow_links, cli.quiet)?;
    if inputs.is_empty() {
        bail!("no article, JSON or dataset file found in the inputs");
    }
    let db = match &cli.db {
        Some(path) => path.clone(),
        None => args.out.join(DATABASE_NAME),
    };
    prepare_folder(&args.out, cli.db.is_some())?;
    std::fs::write(args.out.join(MARKER), MARKER_TEXT)
        .with_context(|| format!("cannot write in {:?}", args.out.display().to_string()))?;
    let mut store = Store::open(&db)?;
    let summary = ingest_inputs(
        &mut store, &inputs, published, cli.quiet, false, coder, None,
    );
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
            places: (0..graph.n_places())
                .filter_map(|i| graph.place(crate::graph::PlaceId::from_index(i)?))
                .cloned()
                .collect(),
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
            db.display(),
            names.join(", ")
        );
        eprintln!(
            "eventgraph: open {} in a browser; query it with `eventgraph --db {} meetings` \
             (or events, actors, top actors, ...), or explore it with `eventgraph --db {} serve`",
            shell_word(&args.out.join("index.html")),
            shell_word(&db),
            shell_word(&db)
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
