//! The pipeline as a library: what the command line runs, without the
//! command line. [`ingest`] reads input files (articles, interchange JSON,
//! datasets) into reports and writes them to the store; [`load`] reads the
//! store into a graph (resolution and merging happen here, not in the
//! store).
//!
//! Layer: may import every module but `cli`, `export` and `summary`.
#![warn(clippy::too_many_lines)]

mod coding;
mod ingest;
mod load;

pub use coding::ArticleCoder;
pub use ingest::{
    ingest, BadRow, Diagnostics, IngestError, IngestSettings, IngestSummary, Input, InputFormat,
    NoProgress, Progress, ROWS_PER_COMMIT,
};
pub use load::{
    actor_profile, list_days, load, load_actor_days, load_days, load_path, load_window,
    stored_stats, ActorProfile, ListedRow, LoadError,
};
