//! Entity resolution and cross-document event merging.
