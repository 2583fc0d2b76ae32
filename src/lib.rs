//! eventgraph turns news into a knowledge graph of dated events and the
//! actors in them: who met whom, when and where.
//!
//! The pipeline: `text` reads an article, `time` finds its dates, `lexicon`
//! and `extract` find actors, places and events, `ingest` reads datasets,
//! `resolve` merges reports across documents, `graph` holds the result with
//! its indexes, `store` keeps it in SQLite, and `export` and `summary` render
//! it. `model` is the data model at the centre: every document becomes a
//! `model::Report`. `pipeline` drives the stages as a library (`ingest`
//! into the store, `load` into a graph); `cli` is the command line around
//! it.
#![warn(missing_docs)]

pub mod cli;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod interchange;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod resolve;
pub mod store;
pub mod summary;
pub mod text;
pub mod time;
