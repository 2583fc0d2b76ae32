//! Readers that turn input files into interchange documents or model records:
//! the JSON interchange format, GDELT and ICEWS.
//!
//! `json` (owned with the store and CLI) reads the interchange format;
//! `gdelt`, `icews` and `cameo` read event datasets.

pub mod cameo;
pub mod dataset;
pub mod gdelt;
pub mod icews;
pub mod json;
pub mod rows;

pub use dataset::{read_dataset, DatasetFormat, DatasetRecord, ReadOptions, ReadReport};
