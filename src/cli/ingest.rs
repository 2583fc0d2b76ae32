//! `eventgraph ingest PATH...`: articles and interchange JSON into the database.

use super::progress::TerminalProgress;
use super::walk::{walk_folder, Walk};
use super::{Cli, Outcome};
use crate::ingest::dataset::{DatasetError, DatasetFormat};
use crate::model::{Diagnostic, When};
use crate::pipeline::ArticleCoder;
use crate::pipeline::{
    self, Diagnostics, IngestError, IngestSettings, IngestSummary, Input,
    InputFormat as PipelineFormat,
};
use crate::store::{Error as StoreError, Store};
use anyhow::{bail, Context};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InputFormat {
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
    pub(crate) fn dataset_layout(self) -> Option<Option<DatasetFormat>> {
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
    pub(crate) fn from_path(path: &Path) -> Option<InputFormat> {
        Some(match PipelineFormat::from_path(path)? {
            PipelineFormat::Json => InputFormat::Json,
            PipelineFormat::Jsonl => InputFormat::Jsonl,
            PipelineFormat::Text => InputFormat::Text,
            PipelineFormat::Html => InputFormat::Html,
            PipelineFormat::Dataset(_) => InputFormat::Dataset,
        })
    }

    /// The library's name for the format.
    pub(crate) fn to_pipeline(self) -> PipelineFormat {
        match (self, self.dataset_layout()) {
            (_, Some(layout)) => PipelineFormat::Dataset(layout),
            (InputFormat::Json, _) => PipelineFormat::Json,
            (InputFormat::Jsonl, _) => PipelineFormat::Jsonl,
            (InputFormat::Html, _) => PipelineFormat::Html,
            _ => PipelineFormat::Text,
        }
    }
}

/// Arguments of `ingest`.
#[derive(Debug, Args)]
pub(crate) struct IngestArgs {
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
    /// Code the articles with these PETRARCH dictionaries (a folder, read
    /// as `code --dictionaries` reads it): their events keep its CAMEO codes
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
    /// How long to wait for another ingest into the same database to
    /// finish before giving up, in seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub wait: f64,
    /// Follow symbolic links that lead out of the directories given
    /// (by default they are skipped with a warning)
    #[arg(long)]
    pub follow_links: bool,
    /// Dataset rows per transaction (default 262144): an ingest killed
    /// keeps every committed transaction, and the next one completes it
    #[arg(long, value_name = "ROWS", value_parser = clap::value_parser!(u32).range(1..))]
    pub commit_rows: Option<u32>,
}

/// Every input file under the paths, with its format, and what the walk
/// skipped; directories are walked in name order (each once, links out of
/// the folder given skipped unless `follow_links`) and keep only files of
/// a known format.
pub(super) fn collect_inputs(
    paths: &[PathBuf],
    format: Option<InputFormat>,
    follow_links: bool,
) -> anyhow::Result<Walk<InputFormat>> {
    let format_of = |path: &Path| InputFormat::from_path(path).or(format);
    let mut out = Walk::default();
    let mut visited = BTreeSet::new();
    for path in paths {
        if path.is_dir() {
            walk_folder(path, follow_links, &format_of, &mut visited, &mut out).with_context(
                || format!("cannot read directory {:?}", path.display().to_string()),
            )?;
        } else if !path.exists() {
            bail!(
                "no such file or directory: {:?}",
                path.display().to_string()
            );
        } else {
            match format.or_else(|| InputFormat::from_path(path)) {
                Some(f) => out.files.push((path.clone(), f)),
                None => bail!(
                    "cannot tell the format of {:?} from its extension: give --format json|jsonl|text|html|dataset",
                    path.display().to_string()
                ),
            }
        }
    }
    Ok(out)
}

/// The inputs under the paths; what the walk skipped is printed as
/// warnings unless `quiet`.
pub(super) fn find_inputs(
    paths: &[PathBuf],
    format: Option<InputFormat>,
    follow_links: bool,
    quiet: bool,
) -> anyhow::Result<Vec<(PathBuf, InputFormat)>> {
    let walk = collect_inputs(paths, format, follow_links)?;
    if !quiet {
        for warning in &walk.warnings {
            eprintln!("eventgraph: warning: {warning}");
        }
    }
    Ok(walk.files)
}

/// Parses `--published`.
pub(super) fn parse_published(text: Option<&str>) -> anyhow::Result<Option<NaiveDate>> {
    parse_day_flag("published", text)
}

/// Parses the day given to the flag `--FLAG` (`published`, `reference`):
/// errors name that flag.
pub(super) fn parse_day_flag(flag: &str, text: Option<&str>) -> anyhow::Result<Option<NaiveDate>> {
    let Some(text) = text else { return Ok(None) };
    let when = When::parse_query(text).with_context(|| format!("bad --{flag}"))?;
    if when.start != when.end {
        bail!("--{flag} needs a day like 2014-03-31, but found {text:?}");
    }
    Ok(Some(when.start))
}

/// The flag that helps with an extraction warning, if one does.
pub(crate) fn warning_hint(message: &str) -> &'static str {
    if message == crate::text::NO_PUBLICATION_DATE {
        " (give --published)"
    } else {
        ""
    }
}

/// Prints the library's diagnostics on stderr: warnings unless `quiet`,
/// errors always, with the flag that helps where one does.
pub(super) struct StderrDiagnostics {
    /// Leave the warnings out.
    pub quiet: bool,
}

impl Diagnostics for StderrDiagnostics {
    fn warning(&mut self, diagnostic: &Diagnostic) {
        if !self.quiet {
            eprintln!(
                "eventgraph: {diagnostic}{}",
                warning_hint(&diagnostic.message)
            );
        }
    }

    fn error(&mut self, error: &IngestError) {
        match error {
            IngestError::Dataset(e @ DatasetError::Undetected { .. }) => {
                eprintln!("eventgraph: {e}; give --format")
            }
            e => eprintln!("eventgraph: {e}"),
        }
    }
}

/// Ingests every input into the store, reporting problems on stderr, with
/// a progress line for each dataset file; `strict` stops a dataset file at
/// its first bad row; `coder` codes the articles' events.
pub(super) fn ingest_inputs(
    store: &mut Store,
    inputs: &[(PathBuf, InputFormat)],
    published: Option<NaiveDate>,
    quiet: bool,
    strict: bool,
    coder: Option<Arc<ArticleCoder>>,
    commit_rows: Option<usize>,
) -> IngestSummary {
    let inputs: Vec<Input> = inputs
        .iter()
        .map(|(path, format)| Input {
            path: path.clone(),
            format: format.to_pipeline(),
        })
        .collect();
    let settings = IngestSettings {
        published,
        strict,
        coder,
        commit_rows,
    };
    pipeline::ingest(
        store,
        &inputs,
        &settings,
        &mut TerminalProgress::new(quiet),
        &mut StderrDiagnostics { quiet },
    )
}

/// Prints a summary line on stderr.
pub(super) fn report(summary: &IngestSummary) {
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
    if summary.rows_already_stored > 0 {
        eprintln!(
            "eventgraph: {} dataset rows already stored (nothing added for them)",
            summary.rows_already_stored
        );
    }
}

/// Ingests the inputs into the database and prints the summary on stderr.
/// Fails, after ingesting the rest, when anything could not be read or
/// stored: a file, a document, a dataset row.
pub(super) fn run(cli: &Cli, args: &IngestArgs) -> anyhow::Result<Outcome> {
    let published = parse_published(args.published.as_deref())?;
    let coder = match &args.dictionaries {
        Some(dir) => Some(super::code::article_coder(dir, cli.quiet)?),
        None => None,
    };
    let inputs = find_inputs(&args.paths, args.format, args.follow_links, cli.quiet)?;
    if !(args.wait.is_finite() && args.wait >= 0.0) {
        bail!("--wait needs a number of seconds, 0 or more");
    }
    let wait = std::time::Duration::from_secs_f64(args.wait.min(1e9));
    let path = super::db_path(cli);
    let mut store = Store::open_waiting(&path, wait).map_err(|e| match e {
        StoreError::Busy { .. } => anyhow::anyhow!("{e} (give --wait to wait longer)"),
        e => e.into(),
    })?;
    let summary = ingest_inputs(
        &mut store,
        &inputs,
        published,
        cli.quiet,
        args.strict,
        coder,
        args.commit_rows.map(|rows| rows as usize),
    );
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
