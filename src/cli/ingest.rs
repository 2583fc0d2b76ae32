//! `eventgraph ingest PATH...`: articles and interchange JSON into the database.

use super::{open_store, Cli, Outcome};
use crate::extract::{extract_document, ExtractOptions};
use crate::ingest::dataset::{
    read_dataset_documents, DatasetFormat, ReadOptions, TerminalProgress,
};
use crate::ingest::json::{read_interchange, to_records};
use crate::model::{content_hash, When};
use crate::store::{IngestOptions, IngestOutcome, Store};
use anyhow::{bail, Context};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// One interchange document (what `eventgraph extract` prints)
    Json,
    /// JSON Lines of interchange documents
    Jsonl,
    /// An article as plain text (optionally with a `key: value` header)
    Text,
    /// An article as an HTML page
    Html,
    /// A GDELT (57, 58 or 61 columns) or ICEWS (20 columns with header, or
    /// 4-column facts) event file, plain or zip; the layout is detected
    Dataset,
    /// GDELT 1.0 events, 57 columns (historical files)
    Gdelt1,
    /// GDELT 1.0 daily events, 58 columns (with SOURCEURL)
    Gdelt1Url,
    /// GDELT 2.0 events, 61 columns
    Gdelt2,
    /// ICEWS coded events, 20 columns with a header
    Icews,
    /// ICEWS facts: source, event text, target, date
    IcewsFacts,
}

impl InputFormat {
    /// The dataset layout a format names: `Some(None)` for a dataset whose
    /// layout is detected, `None` for articles and JSON.
    pub fn dataset_layout(self) -> Option<Option<DatasetFormat>> {
        match self {
            InputFormat::Dataset => Some(None),
            InputFormat::Gdelt1 => Some(Some(DatasetFormat::Gdelt1)),
            InputFormat::Gdelt1Url => Some(Some(DatasetFormat::Gdelt1Url)),
            InputFormat::Gdelt2 => Some(Some(DatasetFormat::Gdelt2)),
            InputFormat::Icews => Some(Some(DatasetFormat::IcewsEvents)),
            InputFormat::IcewsFacts => Some(Some(DatasetFormat::IcewsFacts)),
            _ => None,
        }
    }
}

impl InputFormat {
    /// The format of a file from its extension.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(InputFormat::Json),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "txt" | "text" => Some(InputFormat::Text),
            "html" | "htm" => Some(InputFormat::Html),
            "csv" | "tsv" | "tab" | "zip" => Some(InputFormat::Dataset),
            _ => None,
        }
    }
}

/// Arguments of `ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or directories (directories are read recursively)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The input format [default: from each file's extension]
    #[arg(long, value_enum)]
    pub format: Option<InputFormat>,
    /// Publication date of the articles, overriding what they say
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Stop at the first bad row of a dataset file instead of reporting and
    /// skipping it
    #[arg(long)]
    pub strict: bool,
}

/// What an ingest run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestSummary {
    /// Input files tried, read or not.
    pub files: usize,
    /// Documents stored, replacements included.
    pub documents_added: usize,
    /// Of those, documents that replaced an earlier version with the same id.
    pub documents_replaced: usize,
    /// Documents skipped because one with the same content hash is stored.
    pub documents_already_stored: usize,
    /// Events created.
    pub new_events: usize,
    /// Stored events that a new document reports again.
    pub merged_events: usize,
    /// Actors created.
    pub new_actors: usize,
    /// Warnings of the documents' records (skipped or defaulted values).
    pub warnings: usize,
    /// Inputs that could not be read (each reported on stderr).
    pub errors: usize,
}

/// Every input file under the paths, with its format; directories are
/// walked in name order and keep only files of a known format.
pub fn collect_inputs(
    paths: &[PathBuf],
    format: Option<InputFormat>,
) -> anyhow::Result<Vec<(PathBuf, InputFormat)>> {
    fn walk(
        dir: &Path,
        format: Option<InputFormat>,
        out: &mut Vec<(PathBuf, InputFormat)>,
    ) -> anyhow::Result<()> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read directory {:?}", dir.display().to_string()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, format, out)?;
            } else if let Some(f) = InputFormat::from_path(&path).or(format) {
                out.push((path, f));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, format, &mut out)?;
        } else if !path.exists() {
            bail!(
                "no such file or directory: {:?}",
                path.display().to_string()
            );
        } else {
            match format.or_else(|| InputFormat::from_path(path)) {
                Some(f) => out.push((path.clone(), f)),
                None => bail!(
                    "cannot tell the format of {:?} from its extension: give --format json|jsonl|text|html|dataset",
                    path.display().to_string()
                ),
            }
        }
    }
    Ok(out)
}

/// Parses `--published`.
pub fn parse_published(text: Option<&str>) -> anyhow::Result<Option<NaiveDate>> {
    let Some(text) = text else { return Ok(None) };
    let when = When::parse_query(text).context("bad --published")?;
    if when.start != when.end {
        bail!("--published needs a day like 2014-03-31, but found {text:?}");
    }
    Ok(Some(when.start))
}

/// Ingests every input into the store, reporting problems on stderr.
pub fn ingest_inputs(
    store: &mut Store,
    inputs: &[(PathBuf, InputFormat)],
    published: Option<NaiveDate>,
    quiet: bool,
) -> IngestSummary {
    ingest_inputs_with(store, inputs, published, quiet, false)
}

/// [`ingest_inputs`], with `strict` stopping a dataset file at its first bad
/// row.
pub fn ingest_inputs_with(
    store: &mut Store,
    inputs: &[(PathBuf, InputFormat)],
    published: Option<NaiveDate>,
    quiet: bool,
    strict: bool,
) -> IngestSummary {
    let pause = std::env::var("EVENTGRAPH_TEST_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map(Duration::from_millis);
    let mut summary = IngestSummary::default();
    for (path, format) in inputs {
        summary.files += 1;
        let file = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("eventgraph: {file}: cannot read: {e}");
                summary.errors += 1;
                continue;
            }
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.clone());
        let mut documents = Vec::new();
        match format {
            InputFormat::Json | InputFormat::Jsonl => {
                let (docs, errors) = read_interchange(
                    if *format == InputFormat::Jsonl && !file.ends_with(".jsonl") {
                        "input.jsonl"
                    } else {
                        &file
                    },
                    &bytes,
                );
                for e in errors {
                    let e = crate::ingest::json::Error {
                        file: file.clone(),
                        ..e
                    };
                    eprintln!("eventgraph: {e}");
                    summary.errors += 1;
                }
                for doc in docs {
                    let fallback = if *format == InputFormat::Jsonl {
                        format!("{stem}:{}", doc.line)
                    } else {
                        stem.clone()
                    };
                    documents.push((doc.line, to_records(&doc.doc, &fallback), doc.content_hash));
                }
            }
            InputFormat::Dataset
            | InputFormat::Gdelt1
            | InputFormat::Gdelt1Url
            | InputFormat::Gdelt2
            | InputFormat::Icews
            | InputFormat::IcewsFacts => {
                let options = ReadOptions {
                    format: format.dataset_layout().flatten(),
                    strict,
                    file: file.clone(),
                };
                let mut progress = TerminalProgress::new(&file, quiet);
                match read_dataset_documents(&bytes[..], &options, &mut progress) {
                    Ok((docs, read)) => {
                        for bad in &read.bad_rows {
                            eprintln!("eventgraph: {bad}");
                        }
                        let unshown = read.stats.bad_rows - read.bad_rows.len() as u64;
                        if unshown > 0 {
                            eprintln!("eventgraph: {file}: {unshown} more bad rows");
                        }
                        if read.stats.bad_rows > 0 {
                            summary.errors += 1;
                        }
                        for (line, records, hash) in docs {
                            documents.push((line as usize, records, hash));
                        }
                    }
                    Err(e) => {
                        eprintln!("eventgraph: {e}");
                        summary.errors += 1;
                        continue;
                    }
                }
            }
            InputFormat::Text | InputFormat::Html => {
                // Other fields may be added to the options on the extract branch.
                #[allow(clippy::needless_update)]
                let options = ExtractOptions {
                    published,
                    file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
                    ..ExtractOptions::default()
                };
                match extract_document(&bytes, &options) {
                    Ok(doc) => {
                        let mut hashed = bytes.clone();
                        if let Some(p) = published {
                            hashed.extend_from_slice(format!("\npublished={p}").as_bytes());
                        }
                        for warning in &doc.warnings {
                            summary.warnings += 1;
                            if !quiet {
                                eprintln!("eventgraph: {file}: {warning}");
                            }
                        }
                        documents.push((1, to_records(&doc, &stem), content_hash(&hashed)));
                    }
                    Err(e) => {
                        eprintln!("eventgraph: {file}: cannot extract: {e:#}");
                        summary.errors += 1;
                        continue;
                    }
                }
            }
        }
        for (line, records, hash) in documents {
            for warning in &records.diagnostics {
                summary.warnings += 1;
                if !quiet {
                    eprintln!(
                        "eventgraph: {}",
                        warning.clone().with_file(&file).with_line(line)
                    );
                }
            }
            let options = IngestOptions {
                path: Some(file.clone()),
                pause_after_event: pause,
            };
            match store.ingest(&records, &hash, &options) {
                Ok(IngestOutcome::AlreadyStored) => summary.documents_already_stored += 1,
                Ok(IngestOutcome::Added {
                    new_events,
                    merged_events,
                    new_actors,
                    replaced,
                }) => {
                    summary.documents_added += 1;
                    summary.documents_replaced += usize::from(replaced);
                    summary.new_events += new_events;
                    summary.merged_events += merged_events;
                    summary.new_actors += new_actors;
                }
                Err(e) => {
                    eprintln!(
                        "eventgraph: {file}:{line}: cannot store document {:?}: {e}",
                        records.document.id
                    );
                    summary.errors += 1;
                }
            }
        }
    }
    summary
}

/// Prints a summary line on stderr.
pub fn report(summary: &IngestSummary) {
    eprintln!(
        "eventgraph: {} files: {} documents added ({} replaced), {} already stored; {} new events, {} reported again; {} new actors; {} warnings, {} errors",
        summary.files,
        summary.documents_added,
        summary.documents_replaced,
        summary.documents_already_stored,
        summary.new_events,
        summary.merged_events,
        summary.new_actors,
        summary.warnings,
        summary.errors
    );
}

/// Ingests the inputs into the database and prints the summary on stderr.
/// Fails, after ingesting the rest, when anything could not be read or
/// stored: a file, a document, a dataset row.
pub fn run(cli: &Cli, args: &IngestArgs) -> anyhow::Result<Outcome> {
    let published = parse_published(args.published.as_deref())?;
    let inputs = collect_inputs(&args.paths, args.format)?;
    let mut store = open_store(cli)?;
    let summary = ingest_inputs_with(&mut store, &inputs, published, cli.quiet, args.strict);
    if !cli.quiet {
        report(&summary);
    }
    if summary.errors > 0 {
        bail!(
            "{} error(s) while reading the inputs (see above)",
            summary.errors
        );
    }
    Ok(Outcome::Done)
}
