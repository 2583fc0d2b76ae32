//! Reading articles: the `key: value` header, HTML, boilerplate removal, the
//! publication date, sentences and tokens.
//!
//! API contract: `read_article(bytes, &ReadOptions) -> Result<Article, Error>`
//! gives the main text with its byte offsets into the input kept
//! (`Article::to_file` maps a text offset back to the file), and
//! `sentences(text)` splits into sentence spans.
//!
//! Architecture invariant: for plain-text input `Article::text` has exactly
//! the bytes of the file (invalid UTF-8 bytes become spaces one for one), so
//! text offsets are file offsets; boilerplate is blanked with spaces in
//! `Article::clean` rather than cut out, so `clean` has the same offsets.

mod date;
mod html;
mod layout;
mod segment;

pub use layout::Dateline;
pub use segment::{sentences, tokenize, Span, TokKind, Token};
pub(crate) use segment::{sentences_in, tokenize_into};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Errors from reading an article.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input has a NUL byte in its first 8 KiB.
    #[error(
        "expected a text or HTML article, but found binary data (a NUL byte at offset {offset})"
    )]
    Binary {
        /// Byte offset of the first NUL byte in the input.
        offset: usize,
    },
}

/// The warning of an article with no text (an empty or blank file, a page
/// with no text in it); the pipeline does not store such a document.
pub(crate) const EMPTY_ARTICLE: &str = "empty article: no text to read";

/// The warning of an article whose publication date is not known.
pub(crate) const NO_PUBLICATION_DATE: &str =
    "no publication date in the header or the text: relative dates stay unresolved";

/// Options for [`read_article`].
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Overrides the publication date found in the header or text.
    pub published: Option<NaiveDate>,
}

/// The `key: value` header at the top of an article file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// The `url:` value, trimmed.
    pub url: Option<String>,
    /// The `published:` or `date:` value as written, trimmed; not yet parsed.
    pub published: Option<String>,
    /// The `title:` value, trimmed.
    pub title: Option<String>,
    /// The `source:` value, trimmed.
    pub source: Option<String>,
}

/// What a line of the article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Running text: sentences with events.
    Body,
    /// A headline or sub-heading of this article (no final punctuation):
    /// its names and dates count, but it states no events.
    Heading,
    /// Page furniture: bylines, date stamps, credits, agency lines.
    Meta,
    /// Navigation and teasers of other stories ("Read more", "Don't miss").
    Teaser,
    /// The `key: value` header.
    Header,
    /// A photo caption ("PHOTO: ...", "... / AFP"): its words are
    /// sentences dated by their own dates, not the story's; its label and
    /// credit are blanked.
    Caption,
    /// A list item ("- ", "\u{2022} ", "1. "): a sentence of its own, its
    /// bullet blanked.
    Item,
}

/// One non-blank line of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Byte range of the line in `Article::text`, without surrounding
    /// whitespace or the line break.
    pub span: Span,
    /// What the line is.
    pub kind: LineKind,
    /// Index of the block (run of non-blank lines) the line belongs to.
    pub block: usize,
}

/// Where the publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishedFrom {
    /// `ReadOptions::published`, given by the caller.
    Option,
    /// The `published:` or `date:` line of the header.
    Header,
    /// A published-time `<meta>` or `<time datetime>` element of the HTML page.
    Html,
    /// A labelled stamp: "Date created : 2014-03-31", "Published ...".
    Stamp,
    /// A byline or other page line with a date.
    Byline,
    /// A dateline: "LONDON, Sept 28, 2015 (AFP)".
    Dateline,
    /// An "Updated ..." stamp (the last resort).
    Updated,
}

/// A read article.
#[derive(Debug, Clone)]
pub struct Article {
    /// The text: the file itself for plain text, the extracted text for HTML.
    pub text: String,
    /// `text` with the header and boilerplate blanked by spaces.
    pub clean: String,
    /// For HTML, the map from text offsets to file offsets.
    pub map: Option<Vec<(usize, usize)>>,
    /// The `key: value` header; all `None` for HTML or when there is none.
    pub header: Header,
    /// The non-blank lines of `text`, in order, with their kinds.
    pub lines: Vec<Line>,
    /// The header title, else the HTML title, else a leading heading line.
    pub title: Option<String>,
    /// The publication date; `None` when none was given or found.
    pub published: Option<NaiveDate>,
    /// The publication time of day, when the date source gave one.
    pub published_time: Option<NaiveTime>,
    /// Where `published` came from; `None` exactly when `published` is `None`.
    pub published_from: Option<PublishedFrom>,
    /// The dateline that opens the story ("LONDON, March 15 (Reuters) -"),
    /// blanked in `clean`.
    pub dateline: Option<Dateline>,
    /// Problems found while reading (invalid UTF-8, no date, ...), for the user.
    pub warnings: Vec<String>,
}

impl Article {
    /// Maps an offset in `text` to a byte offset in the input file.
    pub fn to_file(&self, pos: usize) -> usize {
        match &self.map {
            None => pos,
            Some(m) => html::map_offset(m, pos),
        }
    }

    /// The publication date and time, if known; midnight when only the date is.
    pub fn published_at(&self) -> Option<NaiveDateTime> {
        self.published
            .map(|d| d.and_time(self.published_time.unwrap_or(NaiveTime::MIN)))
    }

    /// The date and time relative dates are resolved against: the
    /// dateline's day when it falls in the week up to the publication day
    /// (the story was filed that day), else the publication date and time.
    pub fn reference_at(&self) -> Option<NaiveDateTime> {
        let published = self.published_at()?;
        match self.dateline.as_ref().and_then(|d| d.date) {
            Some(day)
                if day < published.date()
                    && day + chrono::Duration::days(7) >= published.date() =>
            {
                day.and_hms_opt(0, 0, 0)
            }
            _ => Some(published),
        }
    }

    /// Spans of running text to split into sentences: consecutive body lines
    /// of one block; each heading, caption and list item alone. Linear in
    /// the number of lines: the lines are in text order and do not overlap,
    /// so the line before a line is the one before it in the list.
    pub fn body_segments(&self) -> Vec<(Span, LineKind)> {
        let mut out: Vec<(Span, LineKind)> = Vec::new();
        for (k, line) in self.lines.iter().enumerate() {
            match line.kind {
                LineKind::Body => {
                    if let Some(last) = out.last_mut() {
                        let prev = k
                            .checked_sub(1)
                            .map(|j| self.lines[j])
                            .filter(|l| l.span.end <= line.span.start);
                        if last.1 == LineKind::Body
                            && prev.is_some_and(|p| {
                                p.block == line.block
                                    && p.kind == LineKind::Body
                                    && p.span.end == last.0.end
                            })
                        {
                            last.0.end = line.span.end;
                            continue;
                        }
                    }
                    out.push((line.span, LineKind::Body));
                }
                LineKind::Heading | LineKind::Caption | LineKind::Item => {
                    out.push((line.span, line.kind));
                }
                _ => {}
            }
        }
        out
    }
}

/// Makes text of the bytes: valid UTF-8 as it is; each byte of an invalid
/// sequence becomes a space so that offsets stay those of the file. Returns the
/// text and the number of replaced bytes.
pub(crate) fn lossy_same_length(bytes: &[u8]) -> (String, usize) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), 0),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len());
            let mut rest = bytes;
            let mut bad = 0;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        // SAFETY-free: the prefix was checked by from_utf8
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or(""));
                        let n = e.error_len().unwrap_or(rest.len() - good);
                        for _ in 0..n {
                            out.push(' ');
                        }
                        bad += n;
                        rest = &rest[good + n..];
                    }
                }
            }
            (out, bad)
        }
    }
}

/// Reads an article file's bytes: plain text or HTML, with an optional
/// header. Fails only on binary input (a NUL byte in the first 8 KiB);
/// other problems go to `Article::warnings`.
pub fn read_article(bytes: &[u8], options: &ReadOptions) -> Result<Article, Error> {
    let mut warnings = Vec::new();
    let probe = &bytes[..bytes.len().min(8192)];
    if let Some(offset) = memchr::memchr(0, probe) {
        return Err(Error::Binary { offset });
    }
    let (raw, bad) = lossy_same_length(bytes);
    if bad > 0 {
        let first = std::str::from_utf8(bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
        let line = bytes[..first].iter().filter(|&&b| b == b'\n').count() + 1;
        warnings.push(format!(
            "invalid UTF-8: {bad} byte(s) replaced by spaces, the first at byte {first} (line {line})"
        ));
    }
    let mut header = Header::default();
    let mut html_published = None;
    let (text, map, html_title) = if html::looks_like_html(&raw) {
        let h = html::html_to_text(&raw);
        html_published = h.published.clone();
        (h.text, Some(h.map), h.title)
    } else {
        (raw, None, None)
    };
    if text.trim().is_empty() {
        warnings.push(EMPTY_ARTICLE.to_string());
    }
    let mut lines = split_lines(&text);
    // header
    let mut n_header = 0;
    if map.is_none() {
        for (k, line) in lines.iter().enumerate() {
            if line.block != 0 {
                break;
            }
            let s = &text[line.span.start..line.span.end];
            let Some((key, value)) = s.split_once(':') else {
                break;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim().to_string();
            let known = matches!(
                key.as_str(),
                "url" | "published" | "title" | "source" | "date" | "author" | "updated"
            );
            if !known || key.contains(' ') {
                break;
            }
            match key.as_str() {
                "url" => header.url = Some(value),
                "published" | "date" => header.published = Some(value),
                "title" => header.title = Some(value),
                "source" => header.source = Some(value),
                _ => {}
            }
            n_header = k + 1;
        }
        // a header is only a header when it is its own block
        if n_header > 0 && lines.get(n_header).is_some_and(|l| l.block == 0) {
            header = Header::default();
            n_header = 0;
        }
    }
    for line in lines.iter_mut().take(n_header) {
        line.kind = LineKind::Header;
    }
    classify(&text, &mut lines[n_header..]);
    let (found_dateline, mut blanks) = layout_spans(&text, &lines[n_header..]);

    // publication date
    let mut published: Option<(NaiveDate, Option<NaiveTime>, PublishedFrom)> = None;
    if let Some(d) = options.published {
        published = Some((d, None, PublishedFrom::Option));
    }
    if published.is_none() {
        if let Some(p) = header.published.as_deref().and_then(date::find_date) {
            published = Some((p.date, p.time, PublishedFrom::Header));
        } else if let Some(v) = &header.published {
            warnings.push(format!(
                "header: expected a date like 2014-03-31 in 'published', but found {v:?}"
            ));
        }
    }
    if published.is_none() {
        if let Some(p) = html_published.as_deref().and_then(date::find_date) {
            published = Some((p.date, p.time, PublishedFrom::Html));
        }
    }
    if published.is_none() {
        published = date_from_text(&text, &lines[n_header..], found_dateline.as_ref());
    }
    let dateline = found_dateline.map(|(start, p)| {
        let at = |(a, b): (usize, usize)| Span {
            start: start + a,
            end: start + b,
        };
        Dateline {
            span: at((0, p.end)),
            city: p.city_name.clone(),
            city_span: at(p.city),
            region: p
                .region
                .map(|(a, b)| text[start + a..start + b].to_string()),
            agency: p
                .agency
                .map(|(a, b)| text[start + a..start + b].trim().to_string()),
            date_span: p.date.map(|d| at((d.0, d.1))),
            date: p
                .date
                .and_then(|d| layout::dateline_day(d.2, d.3, d.4, published.map(|x| x.0))),
            year: p.date.and_then(|d| d.4),
        }
    });
    if let Some(d) = &dateline {
        blanks.push(d.span);
    }
    if published.is_none() {
        warnings.push(NO_PUBLICATION_DATE.to_string());
    }
    // clean text: blank everything that is not body or heading
    let mut clean = text.clone().into_bytes();
    let mut keep = vec![false; clean.len()];
    for line in &lines {
        if matches!(
            line.kind,
            LineKind::Body | LineKind::Heading | LineKind::Caption | LineKind::Item
        ) {
            keep[line.span.start..line.span.end].fill(true);
        }
    }
    for b in &blanks {
        keep[b.start..b.end].fill(false);
    }
    for (i, b) in clean.iter_mut().enumerate() {
        if !keep[i] && *b != b'\n' {
            *b = b' ';
        }
    }
    // a hard-wrapped paragraph reads as one line: the line break between
    // two body lines of one block, the first not ending a sentence, is a
    // space (same length, so offsets stay those of the file)
    for pair in lines.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        if before.kind == LineKind::Body
            && after.kind == LineKind::Body
            && before.block == after.block
            && !ends_sentence(&text[before.span.start..before.span.end])
        {
            clean[before.span.end..after.span.start].fill(b' ');
        }
    }
    // blanking whole lines keeps UTF-8 valid: lines start and end on char boundaries
    let clean = String::from_utf8(clean)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let title = header.title.clone().or(html_title).or_else(|| {
        lines
            .iter()
            .find(|l| matches!(l.kind, LineKind::Heading | LineKind::Body))
            .filter(|l| l.kind == LineKind::Heading)
            .map(|l| text[l.span.start..l.span.end].trim().to_string())
    });
    Ok(Article {
        text,
        clean,
        map,
        header,
        lines,
        title,
        published: published.map(|p| p.0),
        published_time: published.and_then(|p| p.1),
        published_from: published.map(|p| p.2),
        dateline,
        warnings,
    })
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut block = 0;
    let mut blank_run = true;
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let body = raw.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim();
        if trimmed.is_empty() {
            if !blank_run {
                block += 1;
            }
            blank_run = true;
            continue;
        }
        blank_run = false;
        let lead = body.len() - body.trim_start().len();
        lines.push(Line {
            span: Span {
                start: start + lead,
                end: start + lead + trimmed.len(),
            },
            kind: LineKind::Body,
            block,
        });
    }
    lines
}

fn norm_line(s: &str) -> String {
    s.trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .replace('\u{2019}', "'")
        .to_lowercase()
}

const NAV: &[&str] = &[
    "read more",
    "don't miss",
    "dont miss",
    "related",
    "advertisement",
    "share",
    "share this",
    "comments",
    "most read",
    "more",
    "see also",
    "also read",
    "watch",
    "video",
    "listen",
    "subscribe",
    "sign up",
    "follow us",
    "tweet",
    "email",
    "print",
    "top stories",
    "latest news",
    "trending",
    "recommended",
    "more on this story",
    "related stories",
    "related articles",
    "related content",
    "you may also like",
    "read next",
    "next article",
    "previous article",
    "skip to content",
    "menu",
    "search",
    "home",
    "loading",
    "continue reading",
    "read full story",
    "click here",
    "newsletter",
    "sponsored",
    "ad",
    "more stories",
    "popular",
    "editor's picks",
    "in pictures",
    "photos",
    "gallery",
];

const META_PREFIXES: &[&str] = &[
    "text by",
    "by ",
    "author",
    "published",
    "updated",
    "last updated",
    "latest update",
    "date created",
    "posted",
    "first published",
    "modified",
    "created",
    "©",
    "(c)",
    "copyright",
    "photo:",
    "photo by",
    "photos:",
    "image:",
    "credit:",
    "getty images",
    "afp photo",
    "ap photo",
    "file photo",
    "pictured",
    "web posted",
    "reporting by",
    "editing by",
    "writing by",
    "additional reporting",
    "source:",
    "contact:",
];

const AGENCY_WORDS: &[&str] = &[
    "wire services",
    "news service",
    "press agency",
    "associated press",
    "staff writer",
    "correspondent",
    "news agency",
    "reporter",
    "agencies",
    "with afp",
    "with reuters",
    "with ap",
];

fn is_meta(s: &str) -> bool {
    let t = s.trim();
    let lower = t.to_lowercase();
    let words = t.split_whitespace().count();
    if META_PREFIXES.iter().any(|p| lower.starts_with(p)) && words <= 16 && !ends_sentence(t) {
        return true;
    }
    if META_PREFIXES
        .iter()
        .any(|p| lower.starts_with(p) && p.len() > 3)
        && words <= 8
    {
        return true;
    }
    if lower.ends_with(" by") && words <= 6 {
        return true;
    }
    if words <= 20 && t.contains('|') && (lower.contains("by ") || date::find_date(t).is_some()) {
        return true;
    }
    if ((t.starts_with('(') && t.ends_with(')')) || (t.starts_with('[') && t.ends_with(']')))
        && words <= 8
    {
        return true;
    }
    if words <= 8 && AGENCY_WORDS.iter().any(|a| lower.contains(a)) && !ends_sentence(t) {
        return true;
    }
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    if !letters.is_empty() && words <= 6 && letters.iter().all(|c| c.is_uppercase()) {
        return true;
    }
    // a line that is only a date stamp
    if words > 8 {
        return false;
    }
    if let Some(d) = date::find_date(t) {
        if t.len() - (d.end - d.start) <= 16 && words <= 6 {
            return true;
        }
    }
    // a byline of names: short, every word capitalised but "and"
    if (2..=8).contains(&words) && !ends_sentence(t) {
        let all_cap = t.split_whitespace().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.is_empty() || w == "and" || w.chars().next().is_some_and(|c| c.is_uppercase())
        });
        let has_and_or_comma = t.contains(',') || t.split_whitespace().any(|w| w == "and");
        if all_cap && has_and_or_comma {
            return true;
        }
    }
    false
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with([
        '.', '?', '!', '"', '\u{201d}', ')', ':', ';', '\u{2019}', '\'',
    ])
}

/// Hard-wrapped paragraphs (a mail client's or a text export's lines of
/// 40 to 80 columns): in a block whose last line ends a sentence, a line
/// taken for a heading that is not the last and is nearly as wide as the
/// block's widest line is a wrapped line of the paragraph, so it is body
/// text (and `Article::body_segments` joins it to the lines after it); so
/// is a line taken for page furniture (a byline) when the body line before
/// it runs on into it. A
/// short line above the paragraph (a headline without a blank line after
/// it) stays a heading, and so do bullets.
fn unwrap_paragraphs(text: &str, lines: &mut [Line]) {
    let width = |l: &Line| text[l.span.start..l.span.end].chars().count();
    let mut start = 0;
    while start < lines.len() {
        let block = lines[start].block;
        let end = start
            + lines[start..]
                .iter()
                .take_while(|l| l.block == block)
                .count();
        let last = &lines[end - 1];
        let widest = lines[start..end].iter().map(width).max().unwrap_or(0);
        if end - start >= 2
            && widest >= 30
            && last.kind == LineKind::Body
            && ends_sentence(&text[last.span.start..last.span.end])
        {
            for k in start..end - 1 {
                let line = lines[k];
                let s = &text[line.span.start..line.span.end];
                // a line that looks like a byline ("Prime Minister Ann Lee
                // and President") inside a paragraph: the line before runs on
                let runs_on = k > start
                    && lines[k - 1].kind == LineKind::Body
                    && !ends_sentence(&text[lines[k - 1].span.start..lines[k - 1].span.end]);
                // a paragraph's first line that reads as a line of names
                // ("President Ann Lee and Prime Minister Bo") runs on into
                // the body line under it when it ends no sentence (and is
                // nearly as wide as the block, below)
                let opens = k == start
                    // (the lines under it are turned to body after it)
                    && matches!(lines[k + 1].kind, LineKind::Body | LineKind::Heading)
                    && !ends_sentence(s);
                if (line.kind == LineKind::Heading
                    || (line.kind == LineKind::Meta && (runs_on || opens)))
                    && width(&line) * 10 >= widest * 6
                    && !s.starts_with(['-', '*', '\u{2022}', '\u{2013}', '\u{2014}'])
                {
                    lines[k].kind = LineKind::Body;
                }
            }
        }
        start = end;
    }
}

fn classify(text: &str, lines: &mut [Line]) {
    let n = lines.len();
    let norms: Vec<String> = lines
        .iter()
        .map(|l| norm_line(&text[l.span.start..l.span.end]))
        .collect();
    let is_nav = |k: usize| NAV.contains(&norms[k].as_str());
    for k in 0..n {
        let s = &text[lines[k].span.start..lines[k].span.end];
        if is_nav(k) {
            lines[k].kind = LineKind::Teaser;
            continue;
        }
        // a teaser: the next line is a "Read more"-style link
        if k + 1 < n
            && matches!(
                norms[k + 1].as_str(),
                "read more" | "more" | "continue reading" | "read full story" | "watch" | "video"
            )
        {
            lines[k].kind = LineKind::Teaser;
            continue;
        }
        match layout::caption(s) {
            Some(layout::Caption::Text(..)) => {
                lines[k].kind = LineKind::Caption;
                continue;
            }
            Some(layout::Caption::CreditOnly) => {
                lines[k].kind = LineKind::Meta;
                continue;
            }
            None => {}
        }
        // a list item, unless its words are page furniture ("- By Jo Roe")
        if layout::item_marker(s).is_some_and(|at| !is_meta(&s[at..])) {
            lines[k].kind = LineKind::Item;
            continue;
        }
        if is_meta(s) {
            lines[k].kind = LineKind::Meta;
            continue;
        }
        lines[k].kind = if ends_sentence(s) || s.split_whitespace().count() > 25 {
            LineKind::Body
        } else {
            LineKind::Heading
        };
    }
    unwrap_paragraphs(text, lines);
    // headings and list items inside a run of teasers are teasers too
    // (lists of links)
    for k in 0..n {
        if matches!(lines[k].kind, LineKind::Heading | LineKind::Item) {
            let prev = lines[..k].iter().rev().find(|l| l.kind != LineKind::Meta);
            let next = lines[k + 1..].iter().find(|l| l.kind != LineKind::Meta);
            if prev.is_some_and(|l| l.kind == LineKind::Teaser)
                && next.is_none_or(|l| l.kind == LineKind::Teaser)
            {
                lines[k].kind = LineKind::Teaser;
            }
        }
    }
}

/// The dateline of the story (the start of its first body line, or of a
/// later paragraph when it has a date or an agency), with the offset of its
/// line in `text`; and the spans of each caption's label and credit and of
/// each list item's bullet, to blank.
fn layout_spans(text: &str, lines: &[Line]) -> (Option<(usize, layout::DatelineParts)>, Vec<Span>) {
    let mut blanks = Vec::new();
    let mut dateline = None;
    let mut first_body = true;
    let mut prev_block = usize::MAX;
    for line in lines {
        let s = &text[line.span.start..line.span.end];
        let at = |a: usize, b: usize| Span {
            start: line.span.start + a,
            end: line.span.start + b,
        };
        match line.kind {
            LineKind::Body => {
                let opens_block = line.block != prev_block;
                if dateline.is_none() && (first_body || opens_block) {
                    if let Some(mut p) = layout::dateline(s, !first_body) {
                        // the same dateline twice ("OSLO, Norway - OSLO, Norway -")
                        if let Some(again) = layout::dateline(&s[p.end..], false)
                            .filter(|again| again.city_name == p.city_name)
                        {
                            p.end += again.end;
                        }
                        dateline = Some((line.span.start, p));
                    }
                }
                first_body = false;
            }
            LineKind::Caption => {
                if let Some(layout::Caption::Text(a, b)) = layout::caption(s) {
                    blanks.push(at(0, a));
                    blanks.push(at(b, s.len()));
                }
            }
            LineKind::Item => {
                if let Some(a) = layout::item_marker(s) {
                    blanks.push(at(0, a));
                }
            }
            _ => {}
        }
        prev_block = line.block;
    }
    (dateline, blanks)
}

fn date_from_text(
    text: &str,
    lines: &[Line],
    dateline: Option<&(usize, layout::DatelineParts)>,
) -> Option<(NaiveDate, Option<NaiveTime>, PublishedFrom)> {
    let mut best: Option<(u8, NaiveDate, Option<NaiveTime>, PublishedFrom)> = None;
    let mut consider = |rank: u8, d: NaiveDate, t: Option<NaiveTime>, from: PublishedFrom| {
        if best.is_none_or(|b| rank < b.0) {
            best = Some((rank, d, t, from));
        }
    };
    for line in lines {
        if line.kind != LineKind::Meta {
            continue;
        }
        let s = &text[line.span.start..line.span.end];
        let lower = s.trim().to_lowercase();
        let (published, updated) = layout::stamp_dates(s);
        if let Some(d) = published {
            let labelled = ["created", "published", "posted", "date", "first published"]
                .iter()
                .any(|p| lower.starts_with(p));
            if labelled {
                consider(1, d.date, d.time, PublishedFrom::Stamp);
            } else {
                consider(2, d.date, d.time, PublishedFrom::Byline);
            }
        }
        if let Some(d) = updated {
            consider(5, d.date, d.time, PublishedFrom::Updated);
        }
    }
    if let Some((_, p)) = dateline {
        if let Some((_, _, month, day, Some(year))) = p.date {
            if let Some(d) = NaiveDate::from_ymd_opt(year, month, day) {
                consider(3, d, None, PublishedFrom::Dateline);
            }
        }
    }
    best.map(|b| (b.1, b.2, b.3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_read_and_blanked() {
        let src = "url: http://x\npublished: 2014-03-31\n\nKerry met Lavrov.\n";
        let a = read_article(src.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!(a.header.url.as_deref(), Some("http://x"));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2014, 3, 31));
        assert_eq!(a.clean.len(), src.len());
        assert!(!a.clean.contains("http"));
        assert_eq!(a.clean.find("Kerry"), src.find("Kerry"));
    }

    #[test]
    fn teasers_and_stamps() {
        let src = "Don't miss\n\nTrump scraps summit\n\nRead more\n\nRussia withdraws\n\n\u{a9} Photo: AFP\n\nText by FRANCE 24\n\nLatest update : 2014-04-01\n\nRussia is pulling back troops, an official said.\n\nDate created : 2014-03-31\n\n    Putin and Obama discuss crisis\n\n    Read more\n";
        let a = read_article(src.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2014, 3, 31));
        assert_eq!(a.published_from, Some(PublishedFrom::Stamp));
        assert!(!a.clean.contains("Trump"));
        assert!(!a.clean.contains("Obama"));
        assert!(!a.clean.contains("FRANCE"));
        assert!(a.clean.contains("Russia withdraws"));
        assert_eq!(a.title.as_deref(), Some("Russia withdraws"));
    }

    #[test]
    fn a_hard_wrapped_paragraph_is_one_body_segment_under_its_headline() {
        let src = "published: 2019-05-14\n\nTalks in Berlin\n\
The German Chancellor received the Chinese\n\
foreign minister in Berlin on Tuesday, and\n\
the two spoke for an hour.\n\n\
On Friday the Chancellor met the Economy\n\
Minister Ann Lee and President Bo Ray and\n\
the mayor.\n\n\
- a bullet that is\n\
- not a paragraph.\n";
        let a = read_article(src.as_bytes(), &ReadOptions::default()).unwrap();
        let segments = a.body_segments();
        let texts: Vec<&str> = segments
            .iter()
            .map(|(span, _)| &a.clean[span.start..span.end])
            .collect();
        assert_eq!(
            texts[..2],
            [
                "Talks in Berlin",
                "The German Chancellor received the Chinese \
foreign minister in Berlin on Tuesday, and \
the two spoke for an hour."
            ]
        );
        // the wrapped lines read as one line in the clean text
        assert!(a
            .clean
            .contains("the Chinese foreign minister in Berlin on Tuesday, and the two"));
        // a wrapped line that looks like a byline stays in its paragraph
        assert_eq!(
            texts[2],
            "On Friday the Chancellor met the Economy \
Minister Ann Lee and President Bo Ray and \
the mayor."
        );
        assert_eq!(segments[0].1, LineKind::Heading);
        assert_eq!(segments[1].1, LineKind::Body);
        // bullets are list items, each a segment of its own, never unwrapped
        assert_eq!(segments.len(), 5, "{texts:?}");
        assert_eq!(segments[3].1, LineKind::Item, "{texts:?}");
        assert_eq!(segments[4].1, LineKind::Item, "{texts:?}");
    }

    #[test]
    fn a_wrapped_paragraph_that_opens_with_a_line_of_names_is_one_paragraph() {
        let src = "published: 2019-05-14\n\n\
President Ann Lee and Foreign Minister Bo Ray\n\
of Freedonia signed a trade agreement in the capital on\n\
Tuesday after two days of talks.\n";
        let a = read_article(src.as_bytes(), &ReadOptions::default()).unwrap();
        let segments = a.body_segments();
        assert_eq!(segments.len(), 1, "{segments:?}");
        assert_eq!(segments[0].1, LineKind::Body);
        assert!(a
            .clean
            .contains("President Ann Lee and Foreign Minister Bo Ray of Freedonia"));
        // a short line of names over a paragraph stays what it was
        let byline = "published: 2019-05-14\n\nAnn Lee and Bo Ray\n\
Freedonia signed a trade agreement in the capital on\n\
Tuesday after two days of talks.\n";
        let a = read_article(byline.as_bytes(), &ReadOptions::default()).unwrap();
        assert!(!a.clean.contains("Ann Lee"), "{}", a.clean);
    }

    #[test]
    fn invalid_utf8_keeps_offsets() {
        let src = b"published: 2014-03-31\n\nKerry \xff\xfe met Lavrov.\n";
        let a = read_article(src, &ReadOptions::default()).unwrap();
        assert_eq!(a.text.len(), src.len());
        assert!(a.warnings.iter().any(|w| w.contains("invalid UTF-8")));
        let k = a.text.find("Lavrov").unwrap();
        assert_eq!(&src[k..k + 6], b"Lavrov");
    }

    #[test]
    fn binary_is_an_error() {
        let err = read_article(b"\x7fELF\x00\x01", &ReadOptions::default()).unwrap_err();
        assert!(err.to_string().contains("binary"));
    }
}
