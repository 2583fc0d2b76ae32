//! eventgraph turns news into a knowledge graph of dated events and the
//! actors in them: who met whom, when and where.
//!
//! The pipeline: the text stage reads an article, the time stage finds its
//! dates, the lexicon and extraction find actors, places and events, the
//! readers read datasets, resolution merges reports across documents, the
//! [`Graph`] holds the result with its indexes, the [`Store`] keeps it in
//! SQLite, and the exporters and the timeline render it. Every document
//! becomes a [`Report`] (the data model is at the centre). [`ingest`] drives
//! the stages into the store and [`load`] reads the store into a graph; the
//! command line around them is [`run_cli`].
//!
//! ```
//! use eventgraph::{content_hash, extract_report, load, EventFilter, EventKind};
//! use eventgraph::{ExtractOptions, IngestOptions, Store};
//!
//! let article = b"published: 2023-05-09\n\n\
//!     Foreign Minister Ana Lopez met Foreign Minister Karl Weber in Vienna on Tuesday.\n";
//! let report = extract_report(article, &ExtractOptions::default())?;
//! let mut store = Store::open_in_memory()?;
//! store.ingest(&report, &content_hash(article), &IngestOptions::default())?;
//! let graph = load(&store)?;
//! let meetings: Vec<_> = graph
//!     .events(&EventFilter::default())
//!     .into_iter()
//!     .filter_map(|id| graph.to_event(id))
//!     .filter(|event| event.kind == EventKind::Meet)
//!     .collect();
//! assert_eq!(meetings.len(), 1);
//! assert_eq!(meetings[0].when.value, "2023-05-09");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The public API
//!
//! The modules are private; what programs use is re-exported here:
//!
//! - entry points: [`Graph`] (with [`GraphBuilder`] and its queries),
//!   [`Store`], [`ingest`] and [`load`] with their settings, summary and
//!   errors, [`extract_report`] and [`extract_document`];
//! - the data model: [`Report`], [`Event`], [`Actor`], [`When`], the
//!   vocabularies ([`EventKind`], [`Role`], ...), [`Subgraph`], the content
//!   keys;
//! - readers: [`read_article`], [`read_interchange`] and [`to_records`],
//!   [`read_dataset`] (GDELT, ICEWS), the [`Lexicon`], the CAMEO
//!   [`Codebook`];
//! - the interchange JSON types ([`ExtractionDoc`] and its records);
//! - the temporal tagger: [`find_timexes`], [`find_detailed`];
//! - entity resolution: [`resolve_actors`], [`EventMerger`];
//! - the timeline: [`build_timeline`], [`write_timeline`]; the format-generic
//!   exporter [`write_export`] with [`ExportFormat`].
//!
//! Names that would clash at the root are re-exported under the name of
//! what they belong to: each stage's `Error` ([`ArticleError`],
//! [`ExtractError`], [`InterchangeError`], [`LexiconError`],
//! [`StoreError`]), the two `ReadOptions` ([`ArticleOptions`] for
//! [`read_article`], [`DatasetOptions`] for [`read_dataset`]) and the
//! interchange `FORMAT_VERSION` ([`INTERCHANGE_VERSION`]).
//!
//! One namespace stays public: [`export`], the per-format writers
//! (`export::write_dot`, `export::render`, `export::write_json`,
//! `export::ReportOptions`, `export::Layout`, ...), whose names say which
//! format only next to the module name (at the root `render`, `write_json`
//! or `ReportOptions` would read as something else).
//!
//! A second namespace is public: [`syntax`], the part-of-speech tagger,
//! lemmatiser and dependency parser with their CoNLL-U reader and writer
//! (`syntax::Model`, `syntax::Upos`, `syntax::read_conllu`, ...): a toolkit
//! of its own whose names (`Model`, `Parser`, `Sentence`) would be vague at
//! the root.
//!
//! A third: [`petrarch`], CAMEO event coding with dictionaries in the
//! TABARI/PETRARCH format (`petrarch::Dictionaries`, `petrarch::Coder`,
//! `petrarch::read_records` for a validation file).
#![warn(missing_docs)]

mod cli;
pub mod export;
mod extract;
mod graph;
mod ingest;
mod interchange;
mod lexicon;
mod model;
pub mod petrarch;
mod pipeline;
mod resolve;
mod store;
mod summary;
pub mod syntax;
mod text;
mod time;
mod web;

pub use cli::progress::TerminalProgress;
pub use export::{write_export, ExportError, ExportFormat, ExportOptions};
pub use extract::{
    extract_document, extract_report, timex_mention, Error as ExtractError, ExtractOptions,
};
pub use graph::{
    ActorId, ActorLookup, Affiliation, DocumentId, EventConflicts, EventFilter, EventId, Graph,
    GraphBuilder, GraphError, Meeting, NewEvent, PathStep, PlaceId, Stats,
};
pub use ingest::cameo::{CodeEntry, Codebook, CodebookError};
pub use ingest::dataset::{
    read_dataset, read_dataset_to_vec, read_gdelt, read_icews, DatasetError, DatasetFormat,
    DatasetRecord, GdeltFigures, Problem, ReadOptions as DatasetOptions, ReadReport, ReadStats,
    MAX_KEPT_BAD_ROWS, MAX_LINE_BYTES, PROGRESS_EVERY,
};
pub use ingest::json::{read_interchange, to_records, Error as InterchangeError, ReadDocument};
pub use interchange::{
    ActorRecord, DateRecord, DocInfo, EventRecord, EvidenceRecord, ExtractionDoc, PlaceRecord,
    RoleRecord, TimexRecord, FORMAT_VERSION as INTERCHANGE_VERSION,
};
pub use lexicon::{Entry, EntryKind, Error as LexiconError, LexMatch, Lexicon, LexiconFiles, Via};
pub use model::{
    actor_key, content_hash, date_of_day_number, day_number, event_key, format_key,
    last_day_of_month, merge_titles, normalize_name, parse_key, Actor, ActorKind, DateOrigin,
    DateSource, Diagnostic, Document, Event, EventKind, Evidence, KeyInput, Mention, Modality,
    ModelError, Participant, Place, Precision, Report, ReportEvent, Role, Subgraph, TimexMention,
    Title, When,
};
pub use pipeline::{
    actor_profile, ingest, list_days, load, load_actor_days, load_days, load_path, load_window,
    stored_stats, ActorProfile, ArticleCoder, BadRow, Diagnostics, IngestError, IngestSettings,
    IngestSummary, Input, InputFormat, ListedRow, LoadError, NoProgress, Progress, ROWS_PER_COMMIT,
};
pub use resolve::{
    merge_reports, resolve_actors, same_actor, same_occasion, same_occasion_with, skeleton,
    ActorInput, ActorResolution, Conflicts, EventMerger,
};
pub use store::{
    ActorKindSummary, Counts, DatasetRow, Error as StoreError, IngestOptions, IngestOutcome,
    KindCount, PreparedRow, RowPreparer, RowSink, RowWriter, RowsOutcome, Store, StoredActor,
    StoredCounts, StoredEvent, StoredMention, TableSizes, DEFAULT_LOCK_WAIT, SCHEMA,
    SCHEMA_VERSION,
};
pub use summary::{
    build_timeline, event_sentence, write_timeline, Grouping, Timeline, TimelineEntry,
    TimelineFormat, TimelineGroup, TimelineOptions, TimelinePerson, TimelineSource,
    TIMELINE_VERSION,
};
pub use text::{
    read_article, sentences, tokenize, Article, Error as ArticleError, Header, Line, LineKind,
    PublishedFrom, ReadOptions as ArticleOptions, Span, TokKind, Token,
};
pub use time::{find_detailed, find_timexes, Bias, Detailed, Locale, TagOptions, Timex, TimexType};
pub use web::Server as WebServer;

/// Runs the `eventgraph` command line on the process's arguments and
/// returns its exit code (0 success, 1 nothing matched, 2 error); what
/// `src/main.rs` calls.
pub fn run_cli() -> i32 {
    cli::main()
}
