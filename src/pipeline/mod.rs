//! The pipeline as a library: what the command line runs, without the
//! command line. [`load`] reads the store into a graph (resolution and
//! merging happen here, not in the store).
//!
//! Layer: may import every module but `cli`, `export` and `summary`.

mod load;

pub use load::{load, LoadError};
