//! PETRARCH validation files: the unit-test suite's XML.
//!
//! ```text
//! <Validation>
//! <Environment>
//!     <Verbfile>X.verbs.txt</Verbfile>  <Actorfile>X.actors.txt</Actorfile>
//!     <Agentfile>...</Agentfile>  <Discardfile>...</Discardfile>
//! </Environment>
//! <Sentences>
//! <Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
//! <EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"/>
//! <Text>...</Text>  <Parse>...</Parse>
//! </Sentence>
//! ```
//!
//! `sentence="false"` marks a record its authors did not implement; an
//! `EventCoding` with `noevents` or `error` (a discard, a bad parse)
//! expects no event. The files named in `<Environment>` are relative to
//! the validation file. The `<Parse>` is not read: the coder parses the
//! text itself.

use super::coder::Coder;
use super::{parse_dict_date, DictionaryFiles};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::fmt;
use std::path::Path;

/// An expected coding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordCoding {
    /// The source code (empty when the attribute is missing).
    pub source: String,
    /// The target code.
    pub target: String,
    /// The event code.
    pub code: String,
}

/// One record of a validation file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Its `id`.
    pub id: String,
    /// Its `category`.
    pub category: String,
    /// Its `date` (`YYYYMMDD`), as written.
    pub date: String,
    /// `false` for `sentence="false"` (not implemented by its authors).
    pub active: bool,
    /// The sentence.
    pub text: String,
    /// The expected codings (empty when none is expected).
    pub expected: Vec<RecordCoding>,
    /// Whether it expects no event (`noevents` or `error`, or no coding).
    pub expects_none: bool,
    /// The `error` it expects, if any (a discard, a bad parse, a dateline).
    pub error: Option<String>,
    /// Its line in the file.
    pub line: usize,
}

impl Record {
    /// The record's codings by `coder`: every sentence of its text, coded
    /// on its date; sorted, without duplicates.
    pub fn code(&self, coder: &Coder) -> Vec<RecordCoding> {
        let day = parse_dict_date(&self.date);
        let mut out: Vec<RecordCoding> = coder
            .code_text(&self.text, day)
            .into_iter()
            .flat_map(|s| s.codings)
            .map(|c| RecordCoding {
                source: c.source,
                target: c.target,
                code: c.code,
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Whether `got` (sorted, deduplicated) is exactly what the record
    /// expects.
    pub fn passes(&self, got: &[RecordCoding]) -> bool {
        if self.expects_none {
            return got.is_empty();
        }
        let mut want = self.expected.clone();
        want.sort();
        want.dedup();
        want == got
    }
}

/// A validation file: its dictionaries and records.
#[derive(Debug, Clone, Default)]
pub struct Validation {
    /// The dictionaries named in `<Environment>`, relative to the file.
    pub files: DictionaryFiles,
    /// The records in file order.
    pub records: Vec<Record>,
}

/// How a coder did on the active records of a validation file.
#[derive(Debug, Clone, Default)]
pub struct SuiteScore {
    /// Passed and total records, overall.
    pub overall: (usize, usize),
    /// Passed and total records per category, by category name.
    pub categories: std::collections::BTreeMap<String, (usize, usize)>,
    /// Passed and total records that expect no event (`noevents`, or no
    /// coding at all; records expecting an `error` are not counted here).
    pub expecting_none: (usize, usize),
    /// The records that failed: id, category, what was coded.
    pub failures: Vec<(String, String, Vec<RecordCoding>)>,
}

impl SuiteScore {
    /// The share of records passed, overall.
    pub fn rate(&self) -> f64 {
        ratio(self.overall)
    }
}

/// `passed / total` (0 when there is none).
pub fn ratio((passed, total): (usize, usize)) -> f64 {
    if total == 0 {
        0.0
    } else {
        passed as f64 / total as f64
    }
}

impl Validation {
    /// Codes every active record and counts those that pass.
    pub fn score(&self, coder: &Coder) -> SuiteScore {
        let mut score = SuiteScore::default();
        for record in self.records.iter().filter(|r| r.active) {
            let got = record.code(coder);
            let pass = record.passes(&got);
            let add = |slot: &mut (usize, usize)| {
                slot.0 += usize::from(pass);
                slot.1 += 1;
            };
            add(&mut score.overall);
            add(score.categories.entry(record.category.clone()).or_default());
            if record.expects_none && record.error.is_none() {
                add(&mut score.expecting_none);
            }
            if !pass {
                score
                    .failures
                    .push((record.id.clone(), record.category.clone(), got));
            }
        }
        score
    }
}

/// A validation file that cannot be read.
#[derive(Debug)]
pub struct RecordsError {
    /// The file.
    pub file: String,
    /// The 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RecordsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for RecordsError {}

/// Reads a validation file.
pub fn read_records(path: &Path) -> Result<Validation, RecordsError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| RecordsError {
        file: file.clone(),
        line: 0,
        message: e.to_string(),
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let dir = path.parent().unwrap_or(Path::new("."));
    parse_records(&text, &file, dir)
}

/// What the reader is inside of.
#[derive(Default)]
struct State {
    element: Vec<String>,
    record: Option<Record>,
    text: String,
}

/// Reads a validation file's text; `dir` is where its dictionaries are.
pub(crate) fn parse_records(
    text: &str,
    file: &str,
    dir: &Path,
) -> Result<Validation, RecordsError> {
    let mut reader = Reader::from_str(text);
    let line_at = |pos: u64| -> usize {
        let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(text.len());
        text.as_bytes()[..pos]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    };
    let err = |pos: u64, message: String| RecordsError {
        file: file.to_string(),
        line: line_at(pos),
        message,
    };
    let mut out = Validation::default();
    let mut state = State::default();
    loop {
        let pos = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| err(reader.error_position(), e.to_string()))?;
        match event {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if name == "Sentence" {
                    state.record = Some(start_record(&e, line_at(pos)).map_err(|m| err(pos, m))?);
                }
                if name == "EventCoding" {
                    add_coding(&e, state.record.as_mut()).map_err(|m| err(pos, m))?;
                }
                state.element.push(name);
                state.text.clear();
            }
            Event::Empty(e) if e.name().as_ref() == b"EventCoding" => {
                add_coding(&e, state.record.as_mut()).map_err(|m| err(pos, m))?;
            }
            Event::Text(t) => {
                let t = t.unescape().map_err(|e| err(pos, e.to_string()))?;
                state.text.push_str(&t);
            }
            Event::CData(t) => state.text.push_str(&String::from_utf8_lossy(&t)),
            Event::End(_) => {
                let name = state.element.pop().unwrap_or_default();
                let body = state.text.split_whitespace().collect::<Vec<_>>().join(" ");
                state.text.clear();
                match name.as_str() {
                    "Verbfile" => out.files.verbs = Some(dir.join(&body)),
                    "Actorfile" => out.files.actors.push(dir.join(&body)),
                    "Agentfile" => out.files.agents = Some(dir.join(&body)),
                    "Discardfile" => out.files.discards = Some(dir.join(&body)),
                    "Text" => {
                        if let Some(r) = state.record.as_mut() {
                            r.text = body;
                        }
                    }
                    "Sentence" => {
                        if let Some(mut r) = state.record.take() {
                            if r.expected.is_empty() {
                                r.expects_none = true;
                            }
                            out.records.push(r);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn attributes(e: &BytesStart<'_>) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let value = attr
            .unescape_value()
            .map_err(|e| e.to_string())?
            .into_owned();
        out.push((key, value));
    }
    Ok(out)
}

fn start_record(e: &BytesStart<'_>, line: usize) -> Result<Record, String> {
    let attrs = attributes(e)?;
    let get = |k: &str| attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone());
    let id = get("id").ok_or("a <Sentence> without an id")?;
    Ok(Record {
        id,
        category: get("category").unwrap_or_default(),
        date: get("date").unwrap_or_default(),
        active: get("sentence").is_none_or(|s| !s.eq_ignore_ascii_case("false")),
        text: String::new(),
        expected: Vec::new(),
        expects_none: false,
        error: None,
        line,
    })
}

fn add_coding(e: &BytesStart<'_>, record: Option<&mut Record>) -> Result<(), String> {
    let record = record.ok_or("an <EventCoding> outside a <Sentence>")?;
    let attrs = attributes(e)?;
    let get = |k: &str| attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone());
    if get("noevents").is_some() || get("error").is_some() {
        record.expects_none = true;
        record.error = get("error");
        return Ok(());
    }
    record.expected.push(RecordCoding {
        source: get("sourcecode").unwrap_or_default(),
        target: get("targetcode").unwrap_or_default(),
        code: get("eventcode").unwrap_or_default(),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"<Validation>
<Environment>
    <Verbfile>v.txt</Verbfile>
    <Actorfile>a.txt</Actorfile>
</Environment>
<Sentences>
<!-- a comment -->
<Sentence date = "19950101" id ="T-1" category="DEMO" sentence="true">
<EventCoding sourcecode="VAL" targetcode="KES" eventcode="122"></EventCoding>
<Text>
Valdor condemned
Kestrel &amp; friends.
</Text>
<Parse>(ROOT (S))</Parse>
</Sentence>
<Sentence date="19950101" id="T-2" category="X" sentence="false">
<EventCoding noevents="True"/>
<Text>Nothing.</Text>
</Sentence>
</Sentences>
</Validation>
"#;

    #[test]
    fn reads_environment_and_records() {
        let v = parse_records(FILE, "t.xml", Path::new("/d")).unwrap();
        assert_eq!(v.files.verbs.as_deref(), Some(Path::new("/d/v.txt")));
        assert_eq!(v.files.actors.len(), 1);
        assert_eq!(v.records.len(), 2);
        let r = &v.records[0];
        assert_eq!(
            (r.id.as_str(), r.category.as_str(), r.line),
            ("T-1", "DEMO", 8)
        );
        assert_eq!(r.text, "Valdor condemned Kestrel & friends.");
        assert!(r.active && !r.expects_none);
        assert_eq!(r.expected[0].code, "122");
        assert!(!v.records[1].active && v.records[1].expects_none);
        let got = vec![RecordCoding {
            source: "VAL".into(),
            target: "KES".into(),
            code: "122".into(),
        }];
        assert!(r.passes(&got));
        assert!(!r.passes(&[]));
        assert!(v.records[1].passes(&[]));
    }

    #[test]
    fn bad_xml_names_the_line() {
        let bad = "<Validation>\n<Sentences>\n<Sentence id=\"a\">\n</Sentenc>\n";
        let e = parse_records(bad, "b.xml", Path::new(".")).unwrap_err();
        assert_eq!(e.file, "b.xml");
        assert!(e.line >= 3, "{e}");
        let no_id = "<Sentence date=\"1\">\n</Sentence>";
        assert!(parse_records(no_id, "b.xml", Path::new(".")).is_err());
    }
}
