//! What the event-dataset readers (GDELT, ICEWS) and the dispatch in
//! `dataset` share: the record they
//! produce, the bad-row report, the read options, format detection, the
//! line reader with its limits, and the progress observer.
//!
//! A reader turns each row into a [`DatasetRecord`]: a `model::Event` (kind
//! from the CAMEO code, day precision, participants with roles source and
//! target, place name, one mention of the row), the `model::Actor`s it names,
//! the `model::Place` with coordinates, the `model::Document` it was reported
//! in, and the dataset's own figures (GDELT's NumMentions, NumSources, ...).
//! A row it cannot read becomes a [`BadRow`] naming the file, line and field;
//! it is counted and skipped, or stops the read when `strict` is set.

use crate::interchange::{
    ActorRecord, DateRecord, DocInfo, EventRecord, ExtractionDoc, PlaceRecord, RoleRecord,
    FORMAT_VERSION,
};
use crate::model::{Actor, Document, Event, Place};
use std::fmt;
use std::io::{BufRead, Read};

/// The longest line a reader accepts; longer lines are reported and skipped
/// without being held in memory.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// How many bad rows a report keeps in full (all are counted).
pub const MAX_KEPT_BAD_ROWS: usize = 1000;

/// The dataset layouts the readers know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DatasetFormat {
    /// GDELT 1.0 events, 57 columns (historical files, before 2013-04).
    Gdelt1,
    /// GDELT 1.0 daily events, 58 columns (SOURCEURL added, from 2013-04).
    Gdelt1Url,
    /// GDELT 2.0 events, 61 columns.
    Gdelt2,
    /// ICEWS coded event files: 20 tab-separated columns with a header.
    IcewsEvents,
    /// ICEWS-derived fact files: source, event text, target, date.
    IcewsFacts,
}

impl DatasetFormat {
    /// Every format, in the order they are tried.
    pub const ALL: [DatasetFormat; 5] = [
        DatasetFormat::Gdelt1,
        DatasetFormat::Gdelt1Url,
        DatasetFormat::Gdelt2,
        DatasetFormat::IcewsEvents,
        DatasetFormat::IcewsFacts,
    ];

    /// The name used by `--format`.
    pub fn as_str(self) -> &'static str {
        match self {
            DatasetFormat::Gdelt1 => "gdelt1",
            DatasetFormat::Gdelt1Url => "gdelt1-url",
            DatasetFormat::Gdelt2 => "gdelt2",
            DatasetFormat::IcewsEvents => "icews",
            DatasetFormat::IcewsFacts => "icews-facts",
        }
    }

    /// The number of tab-separated columns of a row.
    pub fn columns(self) -> usize {
        match self {
            DatasetFormat::Gdelt1 => 57,
            DatasetFormat::Gdelt1Url => 58,
            DatasetFormat::Gdelt2 => 61,
            DatasetFormat::IcewsEvents => 20,
            DatasetFormat::IcewsFacts => 4,
        }
    }

    /// Parses a `--format` value (`gdelt` alone means "a GDELT layout,
    /// detected by column count" and is returned as `None` inside `Ok`).
    pub fn parse(text: &str) -> Result<Option<DatasetFormat>, DatasetError> {
        let lower = text.trim().to_ascii_lowercase();
        match lower.as_str() {
            "gdelt" | "auto" => Ok(None),
            "gdelt1" | "gdelt1-57" => Ok(Some(DatasetFormat::Gdelt1)),
            "gdelt1-url" | "gdelt1-58" => Ok(Some(DatasetFormat::Gdelt1Url)),
            "gdelt2" | "gdelt2-61" => Ok(Some(DatasetFormat::Gdelt2)),
            "icews" | "icews-events" => Ok(Some(DatasetFormat::IcewsEvents)),
            "icews-facts" => Ok(Some(DatasetFormat::IcewsFacts)),
            _ => Err(DatasetError::UnknownFormat(text.to_string())),
        }
    }

    /// Detects the format from the first line of a file: the ICEWS header, or
    /// the number of tab-separated columns.
    pub fn detect(first_line: &str) -> Option<DatasetFormat> {
        if first_line.starts_with("Event ID\t") {
            return Some(DatasetFormat::IcewsEvents);
        }
        let n_columns = first_line.split('\t').count();
        DatasetFormat::ALL
            .into_iter()
            .find(|f| f.columns() == n_columns)
    }

    /// Whether this is one of the GDELT layouts.
    pub fn is_gdelt(self) -> bool {
        matches!(
            self,
            DatasetFormat::Gdelt1 | DatasetFormat::Gdelt1Url | DatasetFormat::Gdelt2
        )
    }
}

impl fmt::Display for DatasetFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// GDELT's own figures for an event row.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct GdeltFigures {
    /// GLOBALEVENTID, the row's id in GDELT.
    pub global_event_id: u64,
    /// Whether the event was in the lead paragraph (IsRootEvent).
    pub is_root_event: bool,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    pub quad_class: u8,
    /// GoldsteinScale: the event type's impact on stability (-10..10).
    pub goldstein_scale: f32,
    /// NumMentions: mentions of the event in the documents of the update
    /// it first appeared in (several in one document count apart).
    pub num_mentions: u32,
    /// NumSources: distinct sources that mentioned it there.
    pub num_sources: u32,
    /// NumArticles: distinct documents that mentioned it there.
    pub num_articles: u32,
    /// AvgTone: the mean tone of those documents (-100..100, usually -10..10).
    pub avg_tone: f32,
    /// DATEADDED as a number: `YYYYMMDD` (1.0) or `YYYYMMDDHHMMSS` (2.0).
    pub date_added: u64,
}

/// One dataset row as model records.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetRecord {
    /// The event: id, kind, CAMEO code, day, participants (source and
    /// target by actor name), place name, and one mention of the row.
    pub event: Event,
    /// The actors the participants name, in role order (source first).
    pub actors: Vec<Actor>,
    /// Where the event took place (GDELT ActionGeo, ICEWS city/country).
    pub place: Option<Place>,
    /// The document the event was reported in (GDELT SOURCEURL, ICEWS
    /// story) or, when the row names none, the dataset file itself.
    pub document: Document,
    /// GDELT's figures; `None` for ICEWS.
    pub gdelt: Option<GdeltFigures>,
    /// ICEWS intensity (-10..10), where the layout has it.
    pub intensity: Option<f32>,
    /// 1-based line of the row in its file.
    pub line: u64,
}

impl DatasetRecord {
    /// The record as an interchange document (the JSON of `eventgraph
    /// extract`), so that dataset rows can go through the same ingest path
    /// as articles: the document, the actors (`a1`, `a2` in role order), the
    /// place and the one event. GDELT's figures have no slot there and are
    /// left out.
    pub fn to_extraction_doc(&self) -> ExtractionDoc {
        let actors: Vec<ActorRecord> = self
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| ActorRecord {
                id: format!("a{}", i + 1),
                name: a.name.clone(),
                kind: a.kind.as_str().to_string(),
                aliases: a.aliases.clone(),
                title: None,
                affiliation: a.affiliation.clone(),
                country: a.country.clone(),
            })
            .collect();
        let id_of = |name: &str| {
            actors
                .iter()
                .find(|a| a.name == name)
                .map(|a| a.id.clone())
                .unwrap_or_default()
        };
        let event = &self.event;
        let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
        ExtractionDoc {
            version: FORMAT_VERSION,
            document: DocInfo {
                id: self.document.id.clone(),
                title: self.document.title.clone(),
                published: self.document.published.map(day),
                url: self.document.url.clone(),
                source: self.document.source.clone(),
            },
            places: self
                .place
                .iter()
                .map(|p| PlaceRecord {
                    id: "p1".to_string(),
                    name: p.name.clone(),
                    country: p.country.clone(),
                    lat: p.lat,
                    lon: p.lon,
                })
                .collect(),
            timexes: Vec::new(),
            events: vec![EventRecord {
                id: event.id.clone(),
                kind: event.kind.as_str().to_string(),
                cameo: event.cameo.clone(),
                date: DateRecord {
                    start: Some(day(event.when.start)),
                    end: Some(day(event.when.end)),
                    value: Some(event.when.value.clone()),
                    precision: Some(event.when.precision.as_str().to_string()),
                    source: None,
                },
                actors: event
                    .participants
                    .iter()
                    .map(|p| RoleRecord {
                        actor: id_of(&p.actor),
                        role: p.role.as_str().to_string(),
                    })
                    .collect(),
                place: event.place.clone(),
                modality: event.modality.as_str().to_string(),
                evidence: Vec::new(),
                confidence: None,
            }],
            actors,
            warnings: Vec::new(),
        }
    }
}

/// What is wrong with a row.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// The row has the wrong number of columns.
    ColumnCount {
        /// The layout's column count.
        expected: usize,
        /// The row's column count.
        found: usize,
    },
    /// The line is not UTF-8.
    InvalidUtf8,
    /// The line is longer than [`MAX_LINE_BYTES`].
    LineTooLong {
        /// The line's length, newline included.
        bytes: usize,
    },
    /// A date that is not a calendar day (`00000000`, `2014-02-30`).
    BadDate,
    /// A CAMEO code that is not in the codebook.
    UnknownCode,
    /// An ICEWS event text that names no CAMEO code.
    UnknownEventText,
    /// A number that does not parse.
    BadNumber,
    /// A field that must not be empty.
    Empty,
}

/// A row that could not be read: where, which field, what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// The file (or the name given to the stream).
    pub file: String,
    /// 1-based line number.
    pub line: u64,
    /// The column name, or `"line"` for the whole row.
    pub field: &'static str,
    /// The bad value (cut to 80 characters).
    pub value: String,
    /// What is wrong.
    pub problem: Problem,
}

impl fmt::Display for BadRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}: ", self.file, self.line, self.field)?;
        match &self.problem {
            Problem::ColumnCount { expected, found } => {
                write!(
                    f,
                    "expected {expected} tab-separated columns, but found {found}"
                )
            }
            Problem::InvalidUtf8 => write!(f, "expected UTF-8 text, but found invalid bytes"),
            Problem::LineTooLong { bytes } => write!(
                f,
                "expected a line of at most {MAX_LINE_BYTES} bytes, but found {bytes} or more"
            ),
            Problem::BadDate => write!(f, "expected a calendar date, but found {:?}", self.value),
            Problem::UnknownCode => write!(
                f,
                "expected a CAMEO event code of the codebook, but found {:?}",
                self.value
            ),
            Problem::UnknownEventText => write!(
                f,
                "expected a CAMEO event description, but found {:?}",
                self.value
            ),
            Problem::BadNumber => write!(f, "expected a number, but found {:?}", self.value),
            Problem::Empty => write!(f, "expected a value, but found an empty field"),
        }
    }
}

impl BadRow {
    /// A bad row; a value longer than 80 characters is cut and ends in `...`.
    pub(crate) fn new(
        file: &str,
        line: u64,
        field: &'static str,
        value: &str,
        problem: Problem,
    ) -> BadRow {
        let value = if value.chars().count() > 80 {
            let cut: String = value.chars().take(80).collect();
            format!("{cut}...")
        } else {
            value.to_string()
        };
        BadRow {
            file: file.to_string(),
            line,
            field,
            value,
            problem,
        }
    }
}

/// Errors that stop a read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DatasetError {
    /// The input could not be read.
    #[error("{file}: cannot read: {source}")]
    Io {
        /// The file (or the name given to the stream).
        file: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The input starts like a zip archive but cannot be read as one.
    #[error("{file}: cannot read the zip archive: {message}")]
    Zip {
        /// The file (or the name given to the stream).
        file: String,
        /// The zip reader's message.
        message: String,
    },
    /// No format was given and the first non-blank line fits none.
    #[error("{file}:{line}: cannot tell the dataset format from a row of {columns} columns (expected GDELT 57, 58 or 61, ICEWS 20 with its header, or ICEWS facts 4)")]
    Undetected {
        /// The file (or the name given to the stream).
        file: String,
        /// 1-based line number of the row looked at.
        line: u64,
        /// Its number of tab-separated columns.
        columns: usize,
    },
    /// A format name that [`DatasetFormat::parse`] does not know, or a
    /// layout the reader does not handle (`read_gdelt` given an ICEWS
    /// layout, `read_icews` a GDELT one).
    #[error("expected a dataset format (gdelt, gdelt1, gdelt1-url, gdelt2, icews, icews-facts), but found {0:?}")]
    UnknownFormat(String),
    /// A bad row in strict mode.
    #[error("{0}")]
    BadRow(BadRow),
}

/// How to read a dataset.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The layout; `None` detects it from the first line.
    pub format: Option<DatasetFormat>,
    /// Stop at the first bad row instead of reporting and skipping it.
    pub strict: bool,
    /// The name used in messages and for the file's document id.
    pub file: String,
}

impl ReadOptions {
    /// Options for a named file, format detected, not strict.
    pub fn for_file(file: impl Into<String>) -> ReadOptions {
        ReadOptions {
            format: None,
            strict: false,
            file: file.into(),
        }
    }
}

/// Counts for a read, also what a [`Progress`] observer sees.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadStats {
    /// Lines seen (data rows, bad rows, headers and blank lines).
    pub lines: u64,
    /// Rows turned into records.
    pub records: u64,
    /// Rows reported as bad.
    pub bad_rows: u64,
    /// Header and blank lines skipped.
    pub skipped: u64,
    /// Bytes read (uncompressed).
    pub bytes: u64,
}

/// The outcome of a read: counts, the detected format, the bad rows.
#[derive(Debug, Clone, Default)]
pub struct ReadReport {
    /// The file (or the name given to the stream), as in [`ReadOptions::file`].
    pub file: String,
    /// The format of the last file read (a zip may hold several).
    pub format: Option<DatasetFormat>,
    /// The counts, summed over every file of a zip.
    pub stats: ReadStats,
    /// The first [`MAX_KEPT_BAD_ROWS`] bad rows; `stats.bad_rows` counts all.
    pub bad_rows: Vec<BadRow>,
}

impl ReadReport {
    /// Counts a bad row, and keeps it if fewer than [`MAX_KEPT_BAD_ROWS`] are kept.
    pub(crate) fn push_bad(&mut self, bad: BadRow) {
        self.stats.bad_rows += 1;
        if self.bad_rows.len() < MAX_KEPT_BAD_ROWS {
            self.bad_rows.push(bad);
        }
    }
}

/// Watches a long read: told when a file starts, called every few thousand
/// lines and once at the end.
pub trait Progress {
    /// Called when the read of a file (named `what`) starts.
    fn start(&mut self, _what: &str) {}
    /// Called with the counts so far.
    fn update(&mut self, stats: &ReadStats);
    /// Called once when the read ends.
    fn finish(&mut self, _stats: &ReadStats) {}
}

/// A [`Progress`] that shows nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn update(&mut self, _stats: &ReadStats) {}
}

/// How often (in lines) a reader calls [`Progress::update`].
pub const PROGRESS_EVERY: u64 = 8192;

/// The UTF-8 byte-order mark some tools write at the start of a file.
const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

/// Reads lines with a length limit, counting lines and bytes, stripping
/// `\n` and `\r\n` and a byte-order mark at the start of the file.
pub(crate) struct LineReader<R> {
    input: R,
    buf: Vec<u8>,
    /// Lines read so far (the 1-based number of the last one).
    pub(crate) line_no: u64,
    /// Bytes read so far, line ends and skipped overlong lines included.
    pub(crate) bytes: u64,
}

impl<R: BufRead> LineReader<R> {
    /// A reader at the start of `input`.
    pub(crate) fn new(input: R) -> LineReader<R> {
        LineReader {
            input,
            buf: Vec::with_capacity(4096),
            line_no: 0,
            bytes: 0,
        }
    }

    /// Reads the next line: `None` at the end, `Some(Err)` for a line that
    /// cannot be text; the text itself is then in [`LineReader::text`].
    pub(crate) fn next_line(&mut self) -> std::io::Result<Option<Result<(), Problem>>> {
        self.buf.clear();
        let limit = (MAX_LINE_BYTES + 1) as u64;
        let n = (&mut self.input)
            .take(limit)
            .read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(None);
        }
        self.line_no += 1;
        self.bytes += n as u64;
        if self.buf.last() != Some(&b'\n') && n as u64 == limit {
            // Too long: skip to the end of the line without keeping it.
            let mut total = n;
            loop {
                let available = self.input.fill_buf()?;
                if available.is_empty() {
                    break;
                }
                match memchr::memchr(b'\n', available) {
                    Some(i) => {
                        self.input.consume(i + 1);
                        total += i + 1;
                        break;
                    }
                    None => {
                        let len = available.len();
                        self.input.consume(len);
                        total += len;
                    }
                }
            }
            self.bytes += (total - n) as u64;
            return Ok(Some(Err(Problem::LineTooLong { bytes: total })));
        }
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
        }
        // a byte-order mark starts the file, not the first field
        if self.line_no == 1 && self.buf.starts_with(UTF8_BOM) {
            self.buf.drain(..UTF8_BOM.len());
        }
        match std::str::from_utf8(&self.buf) {
            Ok(_) => Ok(Some(Ok(()))),
            Err(_) => Ok(Some(Err(Problem::InvalidUtf8))),
        }
    }

    /// The text of the line last read (empty if it was not text).
    pub(crate) fn text(&self) -> &str {
        std::str::from_utf8(&self.buf).unwrap_or("")
    }
}

/// The first check every row reader makes: the row has the layout's
/// number of columns.
pub(crate) fn check_columns(
    file: &str,
    format: DatasetFormat,
    n_fields: usize,
    line: u64,
) -> Result<(), BadRow> {
    if n_fields == format.columns() {
        return Ok(());
    }
    Err(BadRow::new(
        file,
        line,
        "line",
        "",
        Problem::ColumnCount {
            expected: format.columns(),
            found: n_fields,
        },
    ))
}

/// Splits a tab-separated line into `out` (cleared first).
pub(crate) fn split_tabs<'a>(line: &'a str, out: &mut Vec<&'a str>) {
    out.clear();
    out.extend(line.split('\t'));
}

/// The `When` of one day, formatted without chrono's format parser (the
/// readers make one per row).
pub(crate) fn day_when(date: chrono::NaiveDate) -> crate::model::When {
    use chrono::Datelike;
    crate::model::When {
        start: date,
        end: date,
        precision: crate::model::Precision::Day,
        value: format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
        source: crate::model::DateSource::Explicit,
    }
}

/// Entries a reader's per-file caches (actors by their fields, codes by
/// event text) hold before they are cleared.
pub(crate) const CACHE_LIMIT: usize = 1 << 16;

/// Title case for names written in capitals by a dataset
/// ("UNITED STATES" to "United States"); names in mixed case are kept.
pub(crate) fn title_case(name: &str) -> String {
    if name.chars().any(|c| c.is_lowercase()) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for ch in name.chars() {
        if start {
            out.extend(ch.to_uppercase());
        } else {
            out.extend(ch.to_lowercase());
        }
        start = !ch.is_alphanumeric() && ch != '\'';
    }
    out
}

/// Whether a name without parentheses reads as an organisation rather than
/// a person ("UN Security Council", "Boko Haram" stays a person-like name).
pub(super) fn looks_like_organization(name: &str) -> bool {
    const WORDS: [&str; 34] = [
        "council",
        "union",
        "nations",
        "forces",
        "force",
        "fund",
        "bank",
        "party",
        "organization",
        "organisation",
        "army",
        "court",
        "ministry",
        "government",
        "association",
        "committee",
        "commission",
        "agency",
        "congress",
        "parliament",
        "movement",
        "front",
        "league",
        "assembly",
        "police",
        "office",
        "department",
        "community",
        "group",
        "brotherhood",
        "east",
        "america",
        "asia",
        "europe",
    ];
    let upper_words = name.split_whitespace().filter(|w| w.len() >= 2).count();
    let has_word = name
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| WORDS.contains(&w.to_ascii_lowercase().as_str()));
    has_word || (upper_words == 1 && name.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_line() {
        let input: &[u8] = b"\xef\xbb\xbfEvent ID\tx\n\xef\xbb\xbfsecond\n";
        let mut reader = LineReader::new(input);
        assert!(matches!(reader.next_line(), Ok(Some(Ok(())))));
        assert_eq!(reader.text(), "Event ID\tx");
        assert_eq!(
            DatasetFormat::detect(reader.text()),
            Some(DatasetFormat::IcewsEvents)
        );
        // only the file's start: a later one is the line's own text
        assert!(matches!(reader.next_line(), Ok(Some(Ok(())))));
        assert_eq!(reader.text(), "\u{feff}second");
        assert_eq!(reader.bytes, input.len() as u64);
    }

    #[test]
    fn formats_are_detected_by_columns_and_header() {
        let row = |n: usize| vec!["x"; n].join("\t");
        assert_eq!(DatasetFormat::detect(&row(57)), Some(DatasetFormat::Gdelt1));
        assert_eq!(
            DatasetFormat::detect(&row(58)),
            Some(DatasetFormat::Gdelt1Url)
        );
        assert_eq!(DatasetFormat::detect(&row(61)), Some(DatasetFormat::Gdelt2));
        assert_eq!(
            DatasetFormat::detect(&row(4)),
            Some(DatasetFormat::IcewsFacts)
        );
        assert_eq!(
            DatasetFormat::detect("Event ID\tEvent Date\tSource Name"),
            Some(DatasetFormat::IcewsEvents)
        );
        assert_eq!(DatasetFormat::detect(&row(7)), None);
    }

    #[test]
    fn long_lines_are_skipped_not_kept() {
        let mut data = vec![b'a'; MAX_LINE_BYTES + 10];
        data.extend_from_slice(b"\nshort\r\n");
        let mut lines = LineReader::new(&data[..]);
        assert!(matches!(
            lines.next_line().unwrap(),
            Some(Err(Problem::LineTooLong { .. }))
        ));
        assert!(matches!(lines.next_line().unwrap(), Some(Ok(()))));
        assert_eq!(lines.text(), "short");
        assert!(lines.next_line().unwrap().is_none());
        assert_eq!(lines.line_no, 2);
        assert_eq!(lines.bytes, data.len() as u64);
    }

    #[test]
    fn capitals_become_title_case() {
        assert_eq!(title_case("UNITED STATES"), "United States");
        assert_eq!(title_case("JOHN O'BRIEN"), "John O'brien");
        assert_eq!(title_case("Xi Jinping"), "Xi Jinping");
    }
}
