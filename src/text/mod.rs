//! Reading articles: the `key: value` header, HTML, boilerplate removal, the
//! publication date, sentences and tokens.
//!
//! API contract: `read_article(bytes, &ReadOptions) -> Result<Article, Error>`
//! gives the main text with its byte offsets into the input kept
//! (`Article::body_start`/`paragraphs` map back to the file), and
//! `sentences(text)` splits into sentence spans.
