//! Chronological summaries in Markdown, text and JSON.
