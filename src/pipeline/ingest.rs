//! `ingest`: input files into the store. Format dispatch, extraction,
//! hashing, warning counts and store writes; what the user sees (progress,
//! messages) goes through the [`Progress`] and [`Diagnostics`] the caller
//! passes in.

use super::coding::ArticleCoder;
use crate::extract::{self, extract_report, ExtractOptions};
use crate::ingest::dataset::{
    read_dataset_while, DatasetError, DatasetFormat, DatasetRecord, ReadOptions,
};
use crate::ingest::json::{self, read_interchange, to_records};
use crate::model::{content_hash, Diagnostic, Report};
use crate::store::{
    self, DatasetRow, IngestOptions, IngestOutcome, PreparedRow, RowPreparer, RowsOutcome, Store,
};
use chrono::NaiveDate;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use crate::ingest::dataset::{BadRow, NoProgress, Progress};

/// What an input file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One interchange document.
    Json,
    /// JSON Lines of interchange documents.
    Jsonl,
    /// An article as plain text (optionally with a `key: value` header).
    Text,
    /// An article as an HTML page.
    Html,
    /// An event dataset: the layout given, or detected when `None`.
    Dataset(Option<DatasetFormat>),
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
            "csv" | "tsv" | "tab" | "zip" => Some(InputFormat::Dataset(None)),
            _ => None,
        }
    }
}

/// One input file and its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file.
    pub path: PathBuf,
    /// What it holds.
    pub format: InputFormat,
}

/// How to ingest.
#[derive(Debug, Clone, Default)]
pub struct IngestSettings {
    /// The articles' publication date, overriding what they say.
    pub published: Option<NaiveDate>,
    /// Stop a dataset file at its first bad row.
    pub strict: bool,
    /// Code the articles' events with these PETRARCH dictionaries (their
    /// `cameo` from the codings; see [`ArticleCoder::code_report`]);
    /// `None` keeps the extraction's codes. Interchange JSON and dataset
    /// rows are not coded.
    pub coder: Option<Arc<ArticleCoder>>,
    /// Dataset rows per transaction (`None`: [`ROWS_PER_COMMIT`]). A killed
    /// ingest keeps every committed transaction; larger ones rewrite the
    /// pages they touch fewer times.
    pub commit_rows: Option<usize>,
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
    /// Warnings of the documents (skipped or defaulted values, text that
    /// could not be used).
    pub warnings: usize,
    /// Inputs that could not be read or stored (each reported).
    pub errors: usize,
    /// Dataset rows whose id was stored already (they added nothing).
    pub rows_already_stored: usize,
    /// The run stopped before its end: the store could not be written at
    /// all (a full disk, a read-only or damaged file); the error says why.
    pub stopped: bool,
}

/// Something that kept an input, a document or a row out of the store.
#[derive(Debug)]
#[non_exhaustive]
pub enum IngestError {
    /// The file could not be read.
    Read {
        /// The file.
        file: String,
        /// What the system reported.
        error: std::io::Error,
    },
    /// An interchange document could not be parsed.
    Json(json::Error),
    /// A dataset row could not be read (the row is skipped).
    BadRow(BadRow),
    /// More bad rows than were kept to be reported one by one.
    MoreBadRows {
        /// The file.
        file: String,
        /// How many were not reported.
        count: u64,
    },
    /// A dataset file could not be read (or, in strict mode, had a bad row).
    Dataset(DatasetError),
    /// An article could not be extracted.
    Extract {
        /// The file.
        file: String,
        /// Why.
        error: extract::Error,
    },
    /// A batch of dataset rows could not be written (none of them is
    /// stored; the rest of the file is not read).
    StoreRows {
        /// The file.
        file: String,
        /// The line of the batch's first row.
        first_line: u64,
        /// The line of its last row.
        last_line: u64,
        /// What the store reported.
        error: store::Error,
    },
    /// Reading the file hit a bug (a panic in the extractor or a reader);
    /// the file was skipped and the run went on.
    Panic {
        /// The file.
        file: String,
        /// What the panic said.
        message: String,
    },
    /// A document could not be written.
    Store {
        /// The file.
        file: String,
        /// The line where the document starts.
        line: usize,
        /// The document's id.
        document: String,
        /// What the store reported.
        error: store::Error,
    },
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IngestError::Read { file, error } => write!(f, "{file}: cannot read: {error}"),
            IngestError::Json(e) => write!(f, "{e}"),
            IngestError::BadRow(bad) => write!(f, "{bad}"),
            IngestError::MoreBadRows { file, count } => {
                write!(f, "{file}: {count} more bad rows")
            }
            IngestError::Dataset(e) => write!(f, "{e}"),
            IngestError::Extract { file, error } => write!(f, "{file}: cannot extract: {error}"),
            IngestError::StoreRows {
                file,
                first_line,
                last_line,
                error,
            } => write!(
                f,
                "{file}:{first_line}-{last_line}: cannot store the rows: {error}"
            ),
            IngestError::Panic { file, message } => write!(
                f,
                "{file}: skipped: reading it hit a bug in eventgraph ({message}); please report it"
            ),
            IngestError::Store {
                file,
                line,
                document,
                error,
            } => write!(
                f,
                "{file}:{line}: cannot store document {document:?}: {error}"
            ),
        }
    }
}

impl std::error::Error for IngestError {}

/// Where an ingest reports what it skipped or could not read, as it goes.
pub trait Diagnostics {
    /// A value skipped or defaulted, or text that could not be used; the
    /// document was stored.
    fn warning(&mut self, diagnostic: &Diagnostic);
    /// An input, document or row that was not stored.
    fn error(&mut self, error: &IngestError);
}

/// A document ready for the store: the line it starts on, its report and
/// its content hash. `placed` says whether the report's diagnostics are
/// already placed on lines (an article's are: its warnings name no line);
/// `carried` counts its first diagnostics that are not reported again (the
/// warnings an interchange document carries from its extraction, which
/// `extract` reported).
struct Pending {
    line: usize,
    report: Report,
    hash: String,
    placed: bool,
    carried: usize,
}

/// Ingests every input into the store, one transaction per document.
/// Problems are reported to `diagnostics` and counted; nothing stops the
/// run but the end of the inputs. A panic while reading a file (a bug) is
/// an error for that file, not the end of the run.
pub fn ingest(
    store: &mut Store,
    inputs: &[Input],
    settings: &IngestSettings,
    progress: &mut dyn Progress,
    diagnostics: &mut dyn Diagnostics,
) -> IngestSummary {
    ingest_each(
        store,
        inputs,
        settings,
        progress,
        diagnostics,
        |input, file, bytes, progress, reporter| {
            read_input(input, file, bytes, settings, progress, reporter)
        },
    )
}

/// The loop of [`ingest`], with the reading of one file passed in (the
/// tests pass a reader that panics).
fn ingest_each(
    store: &mut Store,
    inputs: &[Input],
    settings: &IngestSettings,
    progress: &mut dyn Progress,
    diagnostics: &mut dyn Diagnostics,
    mut read: impl FnMut(&Input, &str, &[u8], &mut dyn Progress, &mut Reporter<'_>) -> Vec<Pending>,
) -> IngestSummary {
    let mut summary = IngestSummary::default();
    for input in inputs {
        summary.files += 1;
        let file = input.path.display().to_string();
        let mut reporter = Reporter {
            diagnostics: &mut *diagnostics,
            summary: &mut summary,
        };
        if let InputFormat::Dataset(layout) = input.format {
            let options = ReadOptions {
                format: layout,
                strict: settings.strict,
                file: file.clone(),
            };
            match std::fs::File::open(&input.path) {
                Ok(handle) => {
                    progress.start(&file);
                    let done = guard(|| {
                        let commit_rows = settings.commit_rows.unwrap_or(ROWS_PER_COMMIT).max(1);
                        ingest_dataset(
                            store,
                            handle,
                            &options,
                            commit_rows,
                            &mut *progress,
                            &mut reporter,
                        )
                    });
                    if let Err(message) = done {
                        reporter.error(IngestError::Panic { file, message });
                    }
                }
                Err(error) => reporter.error(IngestError::Read { file, error }),
            }
            if summary.stopped {
                break;
            }
            continue;
        }
        let bytes = match std::fs::read(&input.path) {
            Ok(b) => b,
            Err(error) => {
                reporter.error(IngestError::Read { file, error });
                continue;
            }
        };
        let documents = match guard(|| read(input, &file, &bytes, &mut *progress, &mut reporter)) {
            Ok(documents) => documents,
            Err(message) => {
                reporter.error(IngestError::Panic { file, message });
                continue;
            }
        };
        for pending in documents {
            store_document(store, &file, pending, &mut reporter);
            if reporter.summary.stopped {
                return summary;
            }
        }
    }
    summary
}

/// Runs `work` (the reading of one file); a panic in it becomes its
/// message, which the caller reports as an [`IngestError::Panic`] naming
/// the file. The last line of defence that keeps one bad input from
/// ending a run: the readers and the extractor are meant never to panic on
/// input, and their own tests call them unguarded, so a panic there still
/// fails a test.
fn guard<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string())
    })
}

/// Reads one file into documents by its format.
fn read_input(
    input: &Input,
    file: &str,
    bytes: &[u8],
    settings: &IngestSettings,
    _progress: &mut dyn Progress,
    reporter: &mut Reporter<'_>,
) -> Vec<Pending> {
    match input.format {
        InputFormat::Json | InputFormat::Jsonl => {
            read_json(&input.path, file, input.format, bytes, reporter)
        }
        // datasets are streamed by the loop, not read here
        InputFormat::Text | InputFormat::Html | InputFormat::Dataset(_) => {
            read_article(&input.path, file, bytes, settings, reporter)
        }
    }
}

/// Counts what it passes on.
struct Reporter<'a> {
    diagnostics: &'a mut dyn Diagnostics,
    summary: &'a mut IngestSummary,
}

impl Reporter<'_> {
    fn warning(&mut self, diagnostic: &Diagnostic) {
        self.summary.warnings += 1;
        self.diagnostics.warning(diagnostic);
    }

    fn error(&mut self, error: IngestError) {
        self.summary.errors += 1;
        self.diagnostics.error(&error);
    }
}

/// The file's stem, naming documents without an id.
fn stem_of(path: &Path, file: &str) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string())
}

fn read_json(
    path: &Path,
    file: &str,
    format: InputFormat,
    bytes: &[u8],
    reporter: &mut Reporter<'_>,
) -> Vec<Pending> {
    let stem = stem_of(path, file);
    let jsonl = format == InputFormat::Jsonl;
    let name = if jsonl && !file.ends_with(".jsonl") {
        "input.jsonl"
    } else {
        file
    };
    let (docs, errors) = read_interchange(name, bytes);
    for e in errors {
        reporter.error(IngestError::Json(json::Error {
            file: file.to_string(),
            ..e
        }));
    }
    docs.into_iter()
        .map(|doc| {
            let fallback = if jsonl {
                format!("{stem}:{}", doc.line)
            } else {
                stem.clone()
            };
            Pending {
                line: doc.line,
                report: to_records(&doc.doc, &fallback),
                hash: doc.content_hash,
                placed: false,
                carried: doc.doc.warnings.len(),
            }
        })
        .collect()
}

/// Rows per batch handed to the writer thread: enough that the hand-over
/// is a small part of a batch, few enough that the batches in flight (at
/// most five) stay a few megabytes each.
const ROWS_PER_BATCH: usize = 4096;

/// A batch of rows for the writer: the lines of its first and last row,
/// and the rows.
type Batch = (u64, u64, Vec<PreparedRow>);

/// Dataset rows per transaction unless [`IngestSettings::commit_rows`]
/// says otherwise: many batches, so that each commit rewrites the pages
/// it touched once for many rows (262,144 rows of GDELT take about half
/// the system time of 65,536 per row, and commit some 100 MB).
pub const ROWS_PER_COMMIT: usize = 262_144;

/// What the writer thread stored, and the first error with the lines of
/// the rows it did not store.
type Written = (RowsOutcome, Option<(u64, u64, store::Error)>);

/// The writer thread: writes the batches, committing every
/// `commit_rows` rows and at the end. An error loses only the rows
/// since the last commit (their lines are in the error).
fn write_batches(
    store: &mut Store,
    options: &IngestOptions,
    commit_rows: usize,
    batches: std::sync::mpsc::Receiver<Batch>,
    written_back: std::sync::mpsc::Sender<Vec<PreparedRow>>,
) -> Written {
    let mut written = RowsOutcome::default();
    let mut pending = RowsOutcome::default();
    let mut writer = match store.row_writer(options) {
        Ok(writer) => writer,
        Err(error) => return (written, Some((0, 0, error))),
    };
    let mut uncommitted: Option<(u64, u64)> = None;
    let mut since_commit = 0;
    let add = |total: &mut RowsOutcome, outcome: &RowsOutcome| {
        total.new_events += outcome.new_events;
        total.already_stored += outcome.already_stored;
        total.new_actors += outcome.new_actors;
        total.new_documents += outcome.new_documents;
    };
    for (first_line, last_line, rows) in batches {
        let first = uncommitted.map_or(first_line, |(first, _)| first);
        uncommitted = Some((first, last_line));
        match writer.write_prepared(&rows) {
            Ok(outcome) => add(&mut pending, &outcome),
            Err(error) => return (written, Some((first, last_line, error))),
        }
        since_commit += rows.len();
        // freed by the reader, which allocated them (a free across threads
        // costs the allocator a lock and a consolidation)
        let _ = written_back.send(rows);
        if since_commit >= commit_rows {
            if let Err(error) = writer.commit() {
                return (written, Some((first, last_line, error)));
            }
            add(&mut written, &std::mem::take(&mut pending));
            uncommitted = None;
            since_commit = 0;
        }
    }
    let (first, last) = uncommitted.unwrap_or((0, 0));
    if let Err(error) = writer.finish() {
        return (written, Some((first, last, error)));
    }
    add(&mut written, &pending);
    (written, None)
}

/// Reads a dataset file and writes its rows in batches, one transaction
/// each: this thread reads, parses and prepares them (names normalised,
/// content keys hashed), a second one writes, so memory holds
/// at most a few batches whatever the file's size. A batch that cannot be
/// written stops the file (rows are keyed by their ids: ingesting the file
/// again completes it); one that finds the store unwritable stops the run.
fn ingest_dataset(
    store: &mut Store,
    input: std::fs::File,
    options: &ReadOptions,
    commit_rows: usize,
    progress: &mut dyn Progress,
    reporter: &mut Reporter<'_>,
) {
    let store_options = IngestOptions {
        path: Some(options.file.clone()),
    };
    let (to_writer, batches) = std::sync::mpsc::sync_channel::<Batch>(2);
    let (written_back, done) = std::sync::mpsc::channel::<Vec<PreparedRow>>();
    let read = std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            write_batches(store, &store_options, commit_rows, batches, written_back)
        });
        let mut batch: Vec<PreparedRow> = Vec::with_capacity(ROWS_PER_BATCH);
        // names normalised and keys hashed here, beside the parsing: the
        // writer's thread does only SQLite's work
        let mut preparer = RowPreparer::new();
        let mut first_line = 0;
        let mut last_line = 0;
        let mut sink = |record: DatasetRecord| {
            if batch.is_empty() {
                first_line = record.line;
            }
            last_line = record.line;
            batch.push(preparer.prepare(DatasetRow {
                event: record.event,
                actors: record.actors,
                place: record.place,
                document: record.document,
            }));
            if batch.len() < ROWS_PER_BATCH {
                return true;
            }
            // a written batch's rows are freed here; its vector is reused
            let next = match done.try_recv() {
                Ok(mut written) => {
                    written.clear();
                    written
                }
                Err(_) => Vec::with_capacity(ROWS_PER_BATCH),
            };
            while let Ok(written) = done.try_recv() {
                drop(written);
            }
            let full = std::mem::replace(&mut batch, next);
            // the writer has stopped on an error: stop reading
            to_writer.send((first_line, last_line, full)).is_ok()
        };
        let read = read_dataset_while(input, options, progress, &mut sink);
        if !batch.is_empty() {
            let _ = to_writer.send((first_line, last_line, std::mem::take(&mut batch)));
        }
        drop(to_writer);
        let written = writer.join();
        (read, written)
    });
    let (read, written) = read;
    match read {
        Ok(read) => {
            for bad in &read.bad_rows {
                reporter
                    .diagnostics
                    .error(&IngestError::BadRow(bad.clone()));
            }
            let unshown = read.stats.bad_rows - read.bad_rows.len() as u64;
            if unshown > 0 {
                reporter.diagnostics.error(&IngestError::MoreBadRows {
                    file: options.file.clone(),
                    count: unshown,
                });
            }
            // A file with bad rows counts as one error.
            if read.stats.bad_rows > 0 {
                reporter.summary.errors += 1;
            }
        }
        Err(e) => reporter.error(IngestError::Dataset(e)),
    }
    let (written, failure) = match written {
        Ok(result) => result,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    let summary = &mut *reporter.summary;
    summary.documents_added += written.new_documents;
    summary.new_events += written.new_events;
    summary.new_actors += written.new_actors;
    summary.rows_already_stored += written.already_stored;
    if let Some((first_line, last_line, error)) = failure {
        reporter.summary.stopped |= error.is_fatal();
        reporter.error(IngestError::StoreRows {
            file: options.file.clone(),
            first_line,
            last_line,
            error,
        });
    }
}

fn read_article(
    path: &Path,
    file: &str,
    bytes: &[u8],
    settings: &IngestSettings,
    reporter: &mut Reporter<'_>,
) -> Vec<Pending> {
    let options = ExtractOptions {
        published: settings.published,
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
        ..ExtractOptions::default()
    };
    match extract_report(bytes, &options) {
        Ok(report)
            if report
                .diagnostics
                .iter()
                .any(|d| d.message == crate::text::EMPTY_ARTICLE) =>
        {
            // nothing to store: an empty document would only hide that the
            // file had no text
            reporter.warning(
                &Diagnostic::new(format!("{}; not stored", crate::text::EMPTY_ARTICLE))
                    .with_file(file),
            );
            Vec::new()
        }
        Ok(mut report) => {
            // The same article with another given date, or coded with
            // other dictionaries, is another document.
            let mut hashed = bytes.to_vec();
            if let Some(p) = settings.published {
                hashed.extend_from_slice(format!("\npublished={p}").as_bytes());
            }
            if let Some(coder) = &settings.coder {
                coder.code_report(&mut report, &String::from_utf8_lossy(bytes));
                hashed.extend_from_slice(
                    format!("\ndictionaries={}", coder.fingerprint()).as_bytes(),
                );
            }
            if report.document.id.is_empty() {
                report.document.id = stem_of(path, file);
            }
            vec![Pending {
                line: 1,
                report,
                hash: content_hash(&hashed),
                placed: true,
                carried: 0,
            }]
        }
        Err(error) => {
            reporter.error(IngestError::Extract {
                file: file.to_string(),
                error,
            });
            Vec::new()
        }
    }
}

fn store_document(store: &mut Store, file: &str, pending: Pending, reporter: &mut Reporter<'_>) {
    let Pending {
        line,
        report,
        hash,
        placed,
        carried,
    } = pending;
    for warning in report.diagnostics.iter().skip(carried) {
        let warning = warning.clone().with_file(file);
        reporter.warning(&if placed {
            warning
        } else {
            warning.with_line(line)
        });
    }
    let options = IngestOptions {
        path: Some(file.to_string()),
    };
    match store.ingest(&report, &hash, &options) {
        Ok(IngestOutcome::AlreadyStored) => reporter.summary.documents_already_stored += 1,
        Ok(IngestOutcome::Added {
            new_events,
            merged_events,
            new_actors,
            replaced,
        }) => {
            let summary = &mut *reporter.summary;
            summary.documents_added += 1;
            summary.documents_replaced += usize::from(replaced);
            summary.new_events += new_events;
            summary.merged_events += merged_events;
            summary.new_actors += new_actors;
        }
        Err(error) => {
            reporter.summary.stopped |= error.is_fatal();
            reporter.error(IngestError::Store {
                file: file.to_string(),
                line,
                document: report.document.id.clone(),
                error,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Collect {
        warnings: Vec<Diagnostic>,
        errors: Vec<String>,
    }

    impl Diagnostics for Collect {
        fn warning(&mut self, diagnostic: &Diagnostic) {
            self.warnings.push(diagnostic.clone());
        }
        fn error(&mut self, error: &IngestError) {
            self.errors.push(error.to_string());
        }
    }

    #[test]
    fn the_library_ingests_and_reports_without_a_terminal() {
        let dir = tempfile::tempdir().unwrap();
        let json = dir.path().join("notes.json");
        std::fs::write(
            &json,
            r#"{"document": {"id": "n1", "published": "2020-05-04"},
                "actors": [{"id": "a", "name": "Ada Quill", "kind": "person"}],
                "events": [{"kind": "statement", "actors": [{"actor": "a"}]},
                           {"kind": "juggle", "actors": [{"actor": "a"}]}],
                "warnings": ["an extraction warning, reported by extract already"]}"#,
        )
        .unwrap();
        let missing = dir.path().join("missing.json");
        let inputs = [
            Input {
                path: json.clone(),
                format: InputFormat::Json,
            },
            Input {
                path: missing,
                format: InputFormat::Json,
            },
        ];
        let mut store = Store::open_in_memory().unwrap();
        let mut collect = Collect::default();
        let summary = ingest(
            &mut store,
            &inputs,
            &IngestSettings::default(),
            &mut NoProgress,
            &mut collect,
        );
        assert_eq!(summary.files, 2);
        assert_eq!(summary.documents_added, 1);
        assert_eq!(summary.new_events, 1);
        // The document's carried warning is not reported again.
        assert_eq!((summary.warnings, summary.errors), (1, 1));
        let warning = &collect.warnings[0];
        assert_eq!(warning.file.as_deref(), Some(json.to_str().unwrap()));
        assert_eq!(warning.line, Some(1));
        assert_eq!(warning.field.as_deref(), Some("events[1].kind"));
        assert!(collect.errors[0].contains("missing.json: cannot read"));
        let graph = crate::pipeline::load(&store).unwrap();
        assert_eq!(graph.n_events(), 1);
    }

    /// The (kind, CAMEO code) of every event an article gives, ingested
    /// with the settings.
    fn codes_of(article: &std::path::Path, settings: &IngestSettings) -> Vec<(String, String)> {
        let mut store = Store::open_in_memory().unwrap();
        let mut collect = Collect::default();
        let input = Input {
            path: article.to_path_buf(),
            format: InputFormat::Text,
        };
        let summary = ingest(
            &mut store,
            &[input],
            settings,
            &mut NoProgress,
            &mut collect,
        );
        assert_eq!(summary.errors, 0, "{:?}", collect.errors);
        let graph = crate::pipeline::load(&store).unwrap();
        let mut codes: Vec<(String, String)> = graph
            .subgraph(&graph.event_ids())
            .events
            .iter()
            .map(|e| (e.kind.to_string(), e.cameo.clone().unwrap_or_default()))
            .collect();
        codes.sort();
        codes
    }

    #[test]
    fn articles_are_coded_with_the_dictionaries_given() {
        let dir = tempfile::tempdir().unwrap();
        let dicts = dir.path().join("dicts");
        std::fs::create_dir(&dicts).unwrap();
        // criticize: a code of the extraction's kind (disapprove), more
        // specific than its 110; attack: 190 is a fight, not the assault
        // the extraction finds, so the event keeps its code
        std::fs::write(
            dicts.join("small.verbs.txt"),
            "--- CRITICIZE [111] ---\nCRITICIZE\n\n--- ATTACK [190] ---\nATTACK\n",
        )
        .unwrap();
        std::fs::write(
            dicts.join("small.actors.txt"),
            "NORWAY [NOR]\nSWEDEN [SWE]\nCHILE [CHL]\nPERU [PER]\n",
        )
        .unwrap();
        let article = dir.path().join("quota.txt");
        std::fs::write(
            &article,
            "Norway criticized Sweden on Monday over the fishing quota.\n\n\
             Chile attacked Peru on Tuesday.\n",
        )
        .unwrap();
        let plain = IngestSettings {
            published: NaiveDate::from_ymd_opt(2021, 3, 10),
            ..IngestSettings::default()
        };
        let files = crate::petrarch::DictionaryFiles::in_folder(&dicts).unwrap();
        let coded = IngestSettings {
            coder: Some(Arc::new(ArticleCoder::load(&files, true).unwrap())),
            ..plain.clone()
        };
        let pair = |kind: &str, code: &str| (kind.to_string(), code.to_string());
        assert_eq!(
            codes_of(&article, &plain),
            [pair("assault", "180"), pair("disapprove", "110")]
        );
        assert_eq!(
            codes_of(&article, &coded),
            [pair("assault", "180"), pair("disapprove", "111")]
        );
        // a story discard phrase leaves the extraction's codes
        std::fs::write(dicts.join("small.discards.txt"), "+FISHING QUOTA\n").unwrap();
        let files = crate::petrarch::DictionaryFiles::in_folder(&dicts).unwrap();
        let discarded = IngestSettings {
            coder: Some(Arc::new(ArticleCoder::load(&files, true).unwrap())),
            ..plain.clone()
        };
        assert_eq!(codes_of(&article, &discarded), codes_of(&article, &plain));
    }

    #[test]
    fn an_article_coded_with_dictionaries_is_another_document() {
        let dir = tempfile::tempdir().unwrap();
        let verbs = dir.path().join("a.verbs.txt");
        std::fs::write(&verbs, "--- CRITICIZE [111] ---\nCRITICIZE\n").unwrap();
        let files = crate::petrarch::DictionaryFiles {
            verbs: Some(verbs),
            ..Default::default()
        };
        let article = dir.path().join("quota.txt");
        std::fs::write(&article, "Norway criticized Sweden on Monday.\n").unwrap();
        let input = Input {
            path: article,
            format: InputFormat::Text,
        };
        let plain = IngestSettings {
            published: NaiveDate::from_ymd_opt(2021, 3, 10),
            ..IngestSettings::default()
        };
        let coded = IngestSettings {
            coder: Some(Arc::new(ArticleCoder::load(&files, false).unwrap())),
            ..plain.clone()
        };
        let mut store = Store::open_in_memory().unwrap();
        let mut collect = Collect::default();
        let first = ingest(
            &mut store,
            std::slice::from_ref(&input),
            &plain,
            &mut NoProgress,
            &mut collect,
        );
        let again = ingest(
            &mut store,
            std::slice::from_ref(&input),
            &coded,
            &mut NoProgress,
            &mut collect,
        );
        assert_eq!(first.documents_added, 1);
        assert_eq!((again.documents_added, again.documents_replaced), (1, 1));
        let same = ingest(
            &mut store,
            std::slice::from_ref(&input),
            &coded,
            &mut NoProgress,
            &mut collect,
        );
        assert_eq!(same.documents_already_stored, 1);
    }

    #[test]
    fn a_full_disk_stops_the_ingest_with_one_error() {
        let dir = tempfile::tempdir().unwrap();
        let fixture = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/datasets/gdelt1_20160728_58col.tsv"
        );
        let rows = std::fs::read_to_string(fixture).unwrap();
        let mut inputs = Vec::new();
        for i in 0..4 {
            // 200 copies of the rows, each with its own ids: more than the
            // tables' first pages (64 KB each) hold
            let mut text = String::new();
            for copy in 0..200 {
                for (n, line) in rows.lines().enumerate() {
                    let (_, rest) = line.split_once('\t').unwrap();
                    text.push_str(&format!("{}\t{rest}\n", (i * 200 + copy) * 1000 + n));
                }
            }
            let path = dir.path().join(format!("rows{i}.tsv"));
            std::fs::write(&path, text).unwrap();
            inputs.push(Input {
                path,
                format: InputFormat::Dataset(None),
            });
        }
        // an article after them is not tried either
        let json = dir.path().join("notes.json");
        std::fs::write(
            &json,
            r#"{"document": {"id": "n1"}, "actors": [], "events": []}"#,
        )
        .unwrap();
        inputs.push(Input {
            path: json,
            format: InputFormat::Json,
        });
        let mut store = Store::open(&dir.path().join("full.db")).unwrap();
        // The database may not grow past its first pages: SQLite reports a
        // full disk, as on a full device.
        let pages: u32 = store
            .conn_for_test()
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        store.limit_pages(pages + 1);
        let mut collect = Collect::default();
        let summary = ingest(
            &mut store,
            &inputs,
            &IngestSettings::default(),
            &mut NoProgress,
            &mut collect,
        );
        assert!(summary.stopped);
        assert_eq!(collect.errors.len(), 1, "{:?}", collect.errors);
        assert!(collect.errors[0].contains("full"), "{:?}", collect.errors);
        assert_eq!(summary.files, 1);
    }

    #[test]
    fn the_guard_turns_a_panic_into_its_message() {
        assert_eq!(guard(|| 7), Ok(7));
        let message = guard(|| -> usize { panic!("index out of bounds") }).unwrap_err();
        assert_eq!(message, "index out of bounds");
        let formatted = guard(|| -> usize { panic!("bad offset {}", 12) }).unwrap_err();
        assert_eq!(formatted, "bad offset 12");
        let error = IngestError::Panic {
            file: "b.txt".into(),
            message,
        };
        assert!(error.to_string().starts_with("b.txt: "), "{error}");
    }

    #[test]
    fn a_panic_reading_one_file_does_not_stop_the_run() {
        let dir = tempfile::tempdir().unwrap();
        let doc = |id: &str| {
            format!(
                r#"{{"document": {{"id": "{id}", "published": "2020-05-04"}},
                    "actors": [{{"id": "a", "name": "Ada Quill", "kind": "person"}}],
                    "events": [{{"kind": "statement", "actors": [{{"actor": "a"}}]}}]}}"#
            )
        };
        let inputs: Vec<Input> = ["first", "broken", "last"]
            .iter()
            .map(|name| {
                let path = dir.path().join(format!("{name}.json"));
                std::fs::write(&path, doc(name)).unwrap();
                Input {
                    path,
                    format: InputFormat::Json,
                }
            })
            .collect();
        let mut store = Store::open_in_memory().unwrap();
        let mut collect = Collect::default();
        let settings = IngestSettings::default();
        let summary = ingest_each(
            &mut store,
            &inputs,
            &settings,
            &mut NoProgress,
            &mut collect,
            |input, file, bytes, progress, reporter| {
                // a reader with a bug that only this file reaches
                if input.path.ends_with("broken.json") {
                    let offsets: Vec<usize> = Vec::new();
                    let _ = offsets[bytes.len()];
                }
                read_input(input, file, bytes, &settings, progress, reporter)
            },
        );
        assert_eq!(summary.files, 3);
        assert_eq!(summary.documents_added, 2);
        assert_eq!(summary.errors, 1);
        assert_eq!(collect.errors.len(), 1);
        assert!(
            collect.errors[0].contains("broken.json")
                && collect.errors[0].contains("out of bounds"),
            "{:?}",
            collect.errors
        );
    }

    #[test]
    fn an_empty_article_is_not_stored_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.txt");
        std::fs::write(&empty, "\n  \n").unwrap();
        let inputs = [Input {
            path: empty,
            format: InputFormat::Text,
        }];
        let mut store = Store::open_in_memory().unwrap();
        let mut collect = Collect::default();
        let summary = ingest(
            &mut store,
            &inputs,
            &IngestSettings::default(),
            &mut NoProgress,
            &mut collect,
        );
        assert_eq!((summary.documents_added, summary.errors), (0, 0));
        assert_eq!(summary.warnings, 1);
        let message = collect.warnings[0].to_string();
        assert!(
            message.contains("empty.txt") && message.contains("not stored"),
            "{message}"
        );
        assert_eq!(crate::pipeline::load(&store).unwrap().n_events(), 0);
    }
}
