//! Readers that turn input files into interchange documents or model records:
//! the JSON interchange format, GDELT and ICEWS.
//!
//! `json` (owned with the store and CLI) reads the interchange format;
//! `gdelt`, `icews` and `cameo` read event datasets.

pub(crate) mod cameo;
pub(crate) mod dataset;
mod gdelt;
mod icews;
pub(crate) mod json;
mod rows;
