//! Streaming reader for ICEWS event files and the 4-column ICEWS fact files.
