//! Reading the interchange format: one JSON document or JSON Lines of them.
//!
//! [`read_interchange`] parses the bytes of a `.json` file (one
//! `ExtractionDoc`) or a `.jsonl` file (one per line) and returns every
//! document it could read plus an [`Error`] for each one it could not, with
//! the file, line, column and field path. [`to_records`] checks a document's
//! values (kinds, roles, dates, actor references) and turns it into model
//! values ([`Report`]); a bad value skips that record with a warning
//! naming its field, never the whole document.

use crate::interchange::{DateRecord, EventRecord, ExtractionDoc, FORMAT_VERSION};
use crate::model::{
    content_hash, normalize_name, Actor, ActorKind, DateOrigin, DateSource, Diagnostic, Document,
    EventKind, Evidence, Modality, Place, Precision, Report, ReportEvent, Role, TimexMention,
    TimexType, Title, When,
};
use chrono::{NaiveDate, NaiveTime};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;

/// A document that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The file name given to [`read_interchange`].
    pub file: String,
    /// 1-based line of the problem in the file.
    pub line: usize,
    /// 1-based column of the problem (serde_json's column for syntax errors).
    pub column: usize,
    /// Where in the document, like `events[2].kind`, when known.
    pub field: Option<String>,
    /// What is wrong, without the position.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if let Some(field) = &self.field {
            write!(f, "field {field}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// One parsed document with where it came from.
#[derive(Debug, Clone)]
pub struct ReadDocument {
    /// The document as parsed; its values are not checked yet (see
    /// [`to_records`]).
    pub doc: ExtractionDoc,
    /// SHA-256 of the document's bytes (the file, or its line), in hex.
    pub content_hash: String,
    /// 1-based line where the document starts.
    pub line: usize,
}

/// Whether a file's bytes are JSON Lines: the `.jsonl` or `.ndjson`
/// extension, or (unless the extension is `.json`) more than one non-blank
/// line, each starting with `{` and ending with `}`.
pub(crate) fn looks_like_jsonl(file: &str, bytes: &[u8]) -> bool {
    if file.ends_with(".jsonl") || file.ends_with(".ndjson") {
        return true;
    }
    if file.ends_with(".json") {
        return false;
    }
    let mut n = 0;
    for line in bytes.split(|&b| b == b'\n') {
        let trimmed = line.trim_ascii();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.first() != Some(&b'{') || trimmed.last() != Some(&b'}') {
            return false;
        }
        n += 1;
    }
    n > 1
}

/// Reads a `.json` file (one document) or JSON Lines (one per line).
pub fn read_interchange(file: &str, bytes: &[u8]) -> (Vec<ReadDocument>, Vec<Error>) {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    if looks_like_jsonl(file, bytes) {
        let mut line_no = 0;
        for line in bytes.split(|&b| b == b'\n') {
            line_no += 1;
            if line.trim_ascii().is_empty() {
                continue;
            }
            match parse_one(file, line, line_no) {
                Ok(doc) => docs.push(doc),
                Err(e) => errors.push(e),
            }
        }
    } else {
        match parse_one(file, bytes, 1) {
            Ok(doc) => docs.push(doc),
            Err(e) => errors.push(e),
        }
    }
    (docs, errors)
}

fn parse_one(file: &str, bytes: &[u8], first_line: usize) -> Result<ReadDocument, Error> {
    let error = |line: usize, column: usize, field: Option<String>, message: String| Error {
        file: file.to_string(),
        line: first_line + line.saturating_sub(1),
        column,
        field,
        message,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count();
        error(line, column, None, "invalid UTF-8".to_string())
    })?;
    if text.trim().is_empty() {
        return Err(error(
            1,
            1,
            None,
            "empty input, expected a JSON object".into(),
        ));
    }
    match serde_json::from_str::<ExtractionDoc>(text) {
        Ok(doc) => {
            if doc.version > FORMAT_VERSION {
                return Err(error(
                    1,
                    1,
                    Some("version".into()),
                    format!(
                        "expected format version {FORMAT_VERSION} or older, but found {}",
                        doc.version
                    ),
                ));
            }
            Ok(ReadDocument {
                doc,
                content_hash: content_hash(bytes),
                line: first_line,
            })
        }
        Err(e) => {
            let field = serde_json::from_str::<Value>(text)
                .ok()
                .and_then(|v| shape_problem(&v));
            let message = strip_position(&e.to_string());
            Err(error(e.line().max(1), e.column(), field, message))
        }
    }
}

/// serde_json appends " at line L column C"; the error already says where.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(pos) => message[..pos].to_string(),
        None => message.to_string(),
    }
}

/// Finds the first field of a syntactically valid document whose JSON type
/// does not fit the interchange schema, as a path like `events[2].actors`.
fn shape_problem(value: &Value) -> Option<String> {
    #[derive(Clone, Copy)]
    enum T {
        Str,
        OptStr,
        Num,
        OptNum,
        Obj,
        Arr,
    }
    fn fits(value: Option<&Value>, t: T) -> bool {
        match (value, t) {
            (None, T::Str | T::Obj) => false,
            (None, _) => true,
            (Some(Value::Null), T::OptStr | T::OptNum | T::Arr) => true,
            (Some(Value::String(_)), T::Str | T::OptStr) => true,
            (Some(Value::Number(n)), T::Num | T::OptNum) => n.is_u64() || n.is_f64(),
            (Some(Value::Object(_)), T::Obj) => true,
            (Some(Value::Array(_)), T::Arr) => true,
            _ => false,
        }
    }
    fn check(obj: &Value, path: &str, fields: &[(&str, T)]) -> Option<String> {
        let Value::Object(map) = obj else {
            return Some(path.trim_end_matches('.').to_string());
        };
        for &(name, t) in fields {
            if !fits(map.get(name), t) {
                return Some(format!("{path}{name}"));
            }
        }
        None
    }
    fn each(
        value: &Value,
        name: &str,
        f: &dyn Fn(&Value, &str) -> Option<String>,
    ) -> Option<String> {
        let Some(Value::Array(items)) = value.get(name) else {
            return None;
        };
        items
            .iter()
            .enumerate()
            .find_map(|(i, item)| f(item, &format!("{name}[{i}].")))
    }
    check(
        value,
        "",
        &[
            ("document", T::Obj),
            ("actors", T::Arr),
            ("places", T::Arr),
            ("timexes", T::Arr),
            ("events", T::Arr),
            ("version", T::OptNum),
        ],
    )
    .or_else(|| {
        check(
            &value["document"],
            "document.",
            &[
                ("id", T::OptStr),
                ("title", T::OptStr),
                ("published", T::OptStr),
                ("url", T::OptStr),
                ("source", T::OptStr),
            ],
        )
    })
    .or_else(|| {
        each(value, "actors", &|a, p| {
            check(
                a,
                p,
                &[
                    ("id", T::Str),
                    ("name", T::Str),
                    ("kind", T::Str),
                    ("aliases", T::Arr),
                    ("title", T::OptStr),
                    ("affiliation", T::OptStr),
                    ("country", T::OptStr),
                ],
            )
            .or_else(|| {
                each(a, "aliases", &|x, q| {
                    (!x.is_string()).then(|| format!("{p}{}", q.trim_end_matches('.')))
                })
            })
        })
    })
    .or_else(|| {
        each(value, "places", &|x, p| {
            check(
                x,
                p,
                &[
                    ("name", T::Str),
                    ("id", T::OptStr),
                    ("country", T::OptStr),
                    ("lat", T::OptNum),
                    ("lon", T::OptNum),
                ],
            )
        })
    })
    .or_else(|| {
        each(value, "timexes", &|x, p| {
            check(
                x,
                p,
                &[
                    ("text", T::Str),
                    ("start", T::Num),
                    ("end", T::Num),
                    ("value", T::Str),
                    ("type", T::Str),
                ],
            )
        })
    })
    .or_else(|| {
        each(value, "events", &|e, p| {
            check(
                e,
                p,
                &[
                    ("kind", T::Str),
                    ("id", T::OptStr),
                    ("cameo", T::OptStr),
                    ("actors", T::Arr),
                    ("place", T::OptStr),
                    ("modality", T::OptStr),
                    ("evidence", T::Arr),
                    ("confidence", T::OptNum),
                ],
            )
            .or_else(|| {
                if e.get("date").is_some_and(|d| !d.is_null()) {
                    check(
                        &e["date"],
                        &format!("{p}date."),
                        &[
                            ("start", T::OptStr),
                            ("end", T::OptStr),
                            ("value", T::OptStr),
                            ("precision", T::OptStr),
                            ("source", T::OptStr),
                        ],
                    )
                } else {
                    None
                }
            })
            .or_else(|| {
                let prefix = p.to_string();
                each(e, "actors", &move |r, q| {
                    check(
                        r,
                        &format!("{prefix}{q}"),
                        &[("actor", T::Str), ("role", T::OptStr)],
                    )
                })
            })
            .or_else(|| {
                let prefix = p.to_string();
                each(e, "evidence", &move |r, q| {
                    check(
                        r,
                        &format!("{prefix}{q}"),
                        &[
                            ("text", T::OptStr),
                            ("start", T::OptNum),
                            ("end", T::OptNum),
                        ],
                    )
                })
            })
        })
    })
}

/// Parses a day (`2014-03-30`, optionally followed by a time).
fn parse_day(text: &str) -> Option<NaiveDate> {
    let day = text.trim().get(..10)?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// The precision a TIMEX3 value implies.
fn precision_of_value(value: &str) -> Option<Precision> {
    let b = value.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    match b.len() {
        4 if digits(0..4) => Some(Precision::Year),
        7 if digits(0..4) && b[4] == b'-' && digits(5..7) => Some(Precision::Month),
        10 if digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10) => {
            Some(Precision::Day)
        }
        3 if digits(0..3) => Some(Precision::Decade),
        2 if digits(0..2) => Some(Precision::Century),
        _ if value.contains('W') && digits(0..4) => Some(Precision::Week),
        _ if b.len() > 10 && digits(0..4) && value.contains('T') => {
            if value[11..]
                .bytes()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
            {
                Some(Precision::Time)
            } else {
                Some(Precision::PartOfDay)
            }
        }
        _ => None,
    }
}

/// Turns a date record into a `When`; `Err` says which field of the date
/// (empty for the date as a whole) and what is wrong.
fn when_of(
    date: &DateRecord,
    published: Option<NaiveDate>,
) -> Result<When, (&'static str, String)> {
    let day = |field: &'static str, text: Option<&str>| match text {
        Some(s) => parse_day(s).map(Some).ok_or_else(|| {
            (
                field,
                format!("expected a date like 2014-03-30, but found {s:?}"),
            )
        }),
        None => Ok(None),
    };
    let start = day("start", date.start.as_deref())?;
    let end = day("end", date.end.as_deref())?;
    let from_value = date
        .value
        .as_deref()
        .and_then(|v| When::parse_query(v).ok());
    let (start, end) = match (start, end, &from_value) {
        (Some(s), Some(e), _) => (s, e),
        (Some(s), None, _) => (s, s),
        (None, Some(e), _) => (e, e),
        (None, None, Some(w)) => (w.start, w.end),
        (None, None, None) => match published {
            Some(p) => {
                return Ok(When {
                    source: DateSource::Inferred,
                    ..When::day(p)
                })
            }
            None => {
                return Err((
                    "",
                    format!(
                "no start, end or readable value ({:?}) and no publication date to fall back on",
                date.value.as_deref().unwrap_or("")
            ),
                ))
            }
        },
    };
    if end < start {
        return Err((
            "end",
            format!("expected a day on or after {start}, but found {end}"),
        ));
    }
    let precision = match date.precision.as_deref() {
        Some(p) => p.parse::<Precision>().map_err(|_| {
            (
                "precision",
                format!("expected day, month, year, ..., but found {p:?}"),
            )
        })?,
        None => date
            .value
            .as_deref()
            .and_then(precision_of_value)
            .unwrap_or(if start == end {
                Precision::Day
            } else {
                Precision::Unknown
            }),
    };
    let source = match date.source.as_deref() {
        Some(s) => s.parse::<DateSource>().map_err(|_| {
            (
                "source",
                format!("expected explicit, relative, inferred or unknown, but found {s:?}"),
            )
        })?,
        None => DateSource::Explicit,
    };
    let value = match date.value.as_deref() {
        Some(v) if !v.trim().is_empty() => v.trim().to_string(),
        _ => When {
            start,
            end,
            precision,
            value: String::new(),
            source,
        }
        .value_or_span(),
    };
    Ok(When {
        start,
        end,
        precision,
        value,
        source,
    })
}

trait ValueOrSpan {
    fn value_or_span(&self) -> String;
}

impl ValueOrSpan for When {
    fn value_or_span(&self) -> String {
        let first = self.start.format("%Y-%m-%d").to_string();
        if self.start == self.end {
            first
        } else {
            format!("{first}/{}", self.end.format("%Y-%m-%d"))
        }
    }
}

/// Checks a document's values and turns it into model values. Records with
/// a bad value are skipped (or the value defaulted) with a warning naming
/// the field; `fallback_id` names a document without an id. The
/// document's `warnings` become the report's first diagnostics (with no
/// field), its timexes, publication time and affiliations by local id are
/// kept, and an event that nothing dates (no span and no publication day)
/// is kept with no `when` (the store skips it; a diagnostic says so):
/// `ExtractionDoc::from` gives back what `eventgraph extract` printed.
pub fn to_records(doc: &ExtractionDoc, fallback_id: &str) -> Report {
    // The document's own warnings (an extraction's) come first.
    let mut warnings: Vec<Diagnostic> = doc
        .warnings
        .iter()
        .map(|w| Diagnostic::new(w.as_str()))
        .collect();
    let info = &doc.document;
    let published = match info.published.as_deref() {
        Some(p) if !p.trim().is_empty() => {
            let day = parse_day(p);
            if day.is_none() {
                warnings.push(Diagnostic::in_field(
                    "document.published",
                    format!("expected a date like 2014-03-30, but found {p:?}"),
                ));
            }
            day
        }
        _ => None,
    };
    let id = if info.id.trim().is_empty() {
        fallback_id.to_string()
    } else {
        info.id.trim().to_string()
    };
    let published_time = published
        .and(info.published.as_deref())
        .and_then(|p| p.trim().get(11..16))
        .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok());
    let document = Document {
        id,
        title: info.title.clone(),
        url: info.url.clone(),
        published,
        source: info.source.clone(),
    };
    // Actors, by local id.
    let mut local: HashMap<&str, usize> = HashMap::new();
    let mut actors: Vec<Actor> = Vec::new();
    for (i, record) in doc.actors.iter().enumerate() {
        if normalize_name(&record.name).is_empty() {
            warnings.push(Diagnostic::in_field(
                format!("actors[{i}].name"),
                format!(
                    "expected a name with letters or digits, but found {:?}; actor skipped",
                    record.name
                ),
            ));
            continue;
        }
        let kind = match record.kind.parse::<ActorKind>() {
            Ok(k) => k,
            Err(e) => {
                warnings.push(Diagnostic::in_field(
                    format!("actors[{i}].kind"),
                    format!("{e}; taken as group"),
                ));
                ActorKind::Group
            }
        };
        let mut actor = Actor::new(record.name.trim(), kind);
        for alias in &record.aliases {
            let alias = alias.trim();
            if !alias.is_empty() && alias != actor.name && !actor.aliases.iter().any(|a| a == alias)
            {
                actor.aliases.push(alias.to_string());
            }
        }
        actor.country = record.country.clone();
        if local.insert(record.id.as_str(), actors.len()).is_some() {
            warnings.push(Diagnostic::in_field(
                format!("actors[{i}].id"),
                format!("expected a unique id, but found {:?} again", record.id),
            ));
        }
        actors.push(actor);
    }
    // Affiliations and titles, once every local id is known.
    let mut affiliations = Vec::new();
    for record in &doc.actors {
        let Some(&index) = local.get(record.id.as_str()) else {
            continue;
        };
        let affiliation = record.affiliation.as_deref().map(|a| match local.get(a) {
            Some(&j) => {
                affiliations.push((index, j));
                actors[j].name.clone()
            }
            None => a.to_string(),
        });
        if let Some(title) = record.title.as_deref().filter(|t| !t.trim().is_empty()) {
            actors[index]
                .titles
                .push(Title::new(title.trim(), affiliation.clone()));
        }
        actors[index].affiliation = affiliation;
    }
    let places: Vec<Place> = doc
        .places
        .iter()
        .filter(|p| !normalize_name(&p.name).is_empty())
        .map(|p| Place {
            name: p.name.trim().to_string(),
            country: p.country.clone(),
            lat: p.lat,
            lon: p.lon,
        })
        .collect();
    let place_by_id: HashMap<&str, &str> = doc
        .places
        .iter()
        .filter(|p| !p.id.is_empty())
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let known = Known {
        published,
        actors: &local,
        places: &place_by_id,
    };
    let events = doc
        .events
        .iter()
        .enumerate()
        .filter_map(|(i, record)| read_event(i, record, &known, &mut warnings))
        .collect();
    let timexes = read_timexes(doc, &mut warnings);
    Report {
        document,
        actors,
        places,
        events,
        diagnostics: warnings,
        published_time,
        timexes,
        affiliations,
    }
}

/// What an event record may refer to: the publication day, the actors
/// and places by local id.
struct Known<'a> {
    published: Option<NaiveDate>,
    actors: &'a HashMap<&'a str, usize>,
    places: &'a HashMap<&'a str, &'a str>,
}

/// The `i`th event record as a report event, adding a diagnostic for each
/// value it defaults or leaves out; `None` when it is skipped.
fn read_event(
    i: usize,
    record: &EventRecord,
    known: &Known<'_>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<ReportEvent> {
    let (published, local, place_by_id) = (known.published, known.actors, known.places);
    let field = |name: &str| format!("events[{i}].{name}");
    let cameo = match record.cameo.as_deref().map(str::trim) {
        Some(c) if !c.is_empty() => {
            if EventKind::from_cameo(c).is_some() {
                Some(c.to_string())
            } else {
                warnings.push(Diagnostic::in_field(
                    field("cameo"),
                    format!("expected a CAMEO code of 2 to 4 digits, but found {c:?}; dropped"),
                ));
                None
            }
        }
        _ => None,
    };
    let kind = match record.kind.parse::<EventKind>() {
        Ok(k) => k,
        Err(e) => match cameo.as_deref().and_then(EventKind::from_cameo) {
            Some(k) => {
                warnings.push(Diagnostic::in_field(
                    field("kind"),
                    format!("{e}; taken from the cameo code"),
                ));
                k
            }
            None => {
                warnings.push(Diagnostic::in_field(
                    field("kind"),
                    format!("{e}; event skipped"),
                ));
                return None;
            }
        },
    };
    let date_origin = missing_date(&record.date);
    let when = match when_of(&record.date, published) {
        Ok(w) => Some(w),
        Err(("", message)) => {
            // kept for what else it says; the store skips it
            warnings.push(Diagnostic::in_field(
                field("date"),
                format!("{message}; event skipped"),
            ));
            None
        }
        Err((part, message)) => {
            let name = if part.is_empty() {
                "date".to_string()
            } else {
                format!("date.{part}")
            };
            warnings.push(Diagnostic::in_field(
                field(&name),
                format!("{message}; event skipped"),
            ));
            return None;
        }
    };
    let mut participants = Vec::new();
    for (j, role_record) in record.actors.iter().enumerate() {
        let Some(&index) = local.get(role_record.actor.as_str()) else {
            warnings.push(Diagnostic::in_field(
                field(&format!("actors[{j}].actor")),
                format!(
                    "expected the id of an actor of this document, but found {:?}; participant skipped",
                    role_record.actor
                ),
            ));
            continue;
        };
        let role = match role_record.role.parse::<Role>() {
            Ok(r) => r,
            Err(e) => {
                warnings.push(Diagnostic::in_field(
                    field(&format!("actors[{j}].role")),
                    format!("{e}; taken as participant"),
                ));
                Role::Participant
            }
        };
        participants.push((index, role));
    }
    let modality = match record.modality.parse::<Modality>() {
        Ok(m) => m,
        Err(e) => {
            warnings.push(Diagnostic::in_field(
                field("modality"),
                format!("{e}; taken as asserted"),
            ));
            Modality::Asserted
        }
    };
    let place = record
        .place
        .as_deref()
        .map(str::trim)
        .map(|p| place_by_id.get(p).copied().unwrap_or(p).trim().to_string())
        .filter(|p| !normalize_name(p).is_empty());
    let confidence = match record.confidence {
        Some(c) if !(0.0..=1.0).contains(&c) || c.is_nan() => {
            warnings.push(Diagnostic::in_field(
                field("confidence"),
                format!("expected a number from 0 to 1, but found {c}; taken as 1"),
            ));
            1.0
        }
        Some(c) => c,
        None => 1.0,
    };
    let evidence = record
        .evidence
        .iter()
        .map(|e| Evidence {
            text: e.text.clone(),
            start: e.start,
            end: e.end,
        })
        .collect();
    Some(ReportEvent {
        kind,
        cameo,
        source_code: None,
        target_code: None,
        when,
        date_origin,
        participants,
        place,
        modality,
        confidence,
        evidence,
        external_id: None,
    })
}

/// Whether a date record gives no span: no start, no end and no value
/// that reads as days (the event takes the publication day); what the
/// record says of the missing date is its source.
fn missing_date(date: &DateRecord) -> DateOrigin {
    let readable = date
        .value
        .as_deref()
        .is_some_and(|v| When::parse_query(v).is_ok());
    if date.start.is_none() && date.end.is_none() && !readable {
        DateOrigin::Missing {
            source: date.source.as_deref().and_then(|s| s.parse().ok()),
        }
    } else {
        DateOrigin::Given
    }
}

/// The document's temporal expressions; one with an unknown type is
/// skipped, an unknown precision or unreadable date left out, each with a
/// diagnostic.
fn read_timexes(doc: &ExtractionDoc, warnings: &mut Vec<Diagnostic>) -> Vec<TimexMention> {
    let mut timexes = Vec::new();
    for (i, record) in doc.timexes.iter().enumerate() {
        let field = |name: &str| format!("timexes[{i}].{name}");
        let kind = match record.kind.parse::<TimexType>() {
            Ok(kind) => kind,
            Err(e) => {
                warnings.push(Diagnostic::in_field(
                    field("type"),
                    format!("{e}; expression skipped"),
                ));
                continue;
            }
        };
        let precision = record
            .precision
            .as_deref()
            .and_then(|p| match p.parse::<Precision>() {
                Ok(p) => Some(p),
                Err(e) => {
                    warnings.push(Diagnostic::in_field(
                        field("precision"),
                        format!("{e}; left out"),
                    ));
                    None
                }
            });
        let date = record
            .date
            .as_ref()
            .and_then(|date| match when_of(date, None) {
                Ok(when) => Some(when),
                Err((part, message)) => {
                    let name = if part.is_empty() {
                        "date".to_string()
                    } else {
                        format!("date.{part}")
                    };
                    warnings.push(Diagnostic::in_field(
                        field(&name),
                        format!("{message}; left out"),
                    ));
                    None
                }
            });
        timexes.push(TimexMention {
            text: record.text.clone(),
            start: record.start,
            end: record.end,
            value: record.value.clone(),
            kind,
            precision,
            date,
        });
    }
    timexes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_error(input: &str, line: usize, field: Option<&str>, message_part: &str) {
        let (docs, errors) = read_interchange("x.json", input.as_bytes());
        assert!(docs.is_empty(), "{input}");
        assert_eq!(errors.len(), 1);
        let e = &errors[0];
        assert_eq!(e.line, line, "{e}");
        assert_eq!(e.field.as_deref(), field, "{e}");
        assert!(e.message.contains(message_part), "{e}");
    }

    #[test]
    fn malformed_documents_name_line_and_field() {
        check_error(
            "{\"document\": {}, \"events\": [\n {\"kind\": 5}\n]}",
            2,
            Some("events[0].kind"),
            "expected a string",
        );
        check_error(
            "{\"document\": {},\n \"actors\": [{\"id\": \"a1\", \"name\": \"X\"}]}",
            2,
            Some("actors[0].kind"),
            "missing field `kind`",
        );
        check_error("{\"document\": {}, \"events\": [", 1, None, "EOF");
        check_error("", 1, None, "empty input");
        check_error(
            "{\"actors\": []}",
            1,
            Some("document"),
            "missing field `document`",
        );
    }

    #[test]
    fn json_lines_report_the_line_of_the_bad_document() {
        let input =
            "{\"document\": {\"id\": \"a\"}}\n{\"document\": 3}\n{\"document\": {\"id\": \"c\"}}\n";
        let (docs, errors) = read_interchange("x.jsonl", input.as_bytes());
        assert_eq!(docs.len(), 2);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[0].field.as_deref(), Some("document"));
        assert!(errors[0].to_string().starts_with("x.jsonl:2:"));
    }

    #[test]
    fn values_are_checked_with_warnings() {
        let input = r#"{"document": {"id": "d", "published": "2014-03-31"},
          "actors": [{"id": "a1", "name": "John Kerry", "kind": "person", "title": "Secretary of State", "affiliation": "a2"},
                     {"id": "a2", "name": "United States", "kind": "country"}],
          "events": [{"kind": "meet", "date": {"value": "2014-03"}, "actors": [{"actor": "a1"}, {"actor": "zz"}]},
                     {"kind": "dance", "actors": []},
                     {"kind": "call", "date": {"start": "2014-03-31", "end": "2014-03-30"}}]}"#;
        let (docs, errors) = read_interchange("x.json", input.as_bytes());
        assert!(errors.is_empty());
        let records = to_records(&docs[0].doc, "fallback");
        assert_eq!(records.events.len(), 1);
        let event = &records.events[0];
        let when = event.when.as_ref().unwrap();
        assert_eq!(when.precision, Precision::Month);
        assert_eq!(when.end, NaiveDate::from_ymd_opt(2014, 3, 31).unwrap());
        assert_eq!(event.participants, vec![(0, Role::Participant)]);
        assert_eq!(
            records.actors[0].affiliation.as_deref(),
            Some("United States")
        );
        assert_eq!(
            records.actors[0].titles[0].of.as_deref(),
            Some("United States")
        );
        assert_eq!(records.diagnostics.len(), 3, "{:?}", records.diagnostics);
        let fields: Vec<Option<&str>> = records
            .diagnostics
            .iter()
            .map(|d| d.field.as_deref())
            .collect();
        assert_eq!(
            fields,
            [
                Some("events[0].actors[1].actor"),
                Some("events[1].kind"),
                Some("events[2].date.end")
            ]
        );
    }

    #[test]
    fn names_without_letters_are_skipped() {
        let doc: ExtractionDoc = serde_json::from_str(
            r#"{"document": {"published": "2014-03-31"},
                "actors": [{"id": "a", "name": "!?", "kind": "person"}, {"id": "b", "name": "B", "kind": "person"}],
                "events": [{"kind": "statement", "place": " ! ", "actors": [{"actor": "a"}, {"actor": "b"}]}]}"#,
        )
        .unwrap();
        let records = to_records(&doc, "d");
        assert_eq!(records.actors.len(), 1);
        assert_eq!(records.events[0].participants, vec![(0, Role::Participant)]);
        assert_eq!(records.events[0].place, None);
        assert_eq!(records.diagnostics.len(), 2, "{:?}", records.diagnostics);
    }

    #[test]
    fn missing_dates_fall_back_to_publication() {
        let doc: ExtractionDoc = serde_json::from_str(
            r#"{"document": {"published": "2014-03-31"}, "events": [{"kind": "statement"}]}"#,
        )
        .unwrap();
        let records = to_records(&doc, "d");
        let when = records.events[0].when.as_ref().unwrap();
        assert_eq!(when.source, DateSource::Inferred);
        assert_eq!(
            records.events[0].date_origin,
            DateOrigin::Missing { source: None }
        );
        assert_eq!(records.document.id, "d");
    }

    #[test]
    fn an_undated_event_is_kept_without_a_date() {
        let doc: ExtractionDoc = serde_json::from_str(
            r#"{"document": {"id": "d", "published": "2014-03-31T10:05:00Z"},
                "events": [{"kind": "statement", "date": {"source": "unknown"}}]}"#,
        )
        .unwrap();
        let records = to_records(&doc, "d");
        assert_eq!(records.published_time, NaiveTime::from_hms_opt(10, 5, 0));
        let doc: ExtractionDoc = serde_json::from_str(
            r#"{"document": {"id": "d"},
                "events": [{"kind": "statement", "date": {"source": "unknown"}}],
                "timexes": [{"text": "soon", "start": 0, "end": 4, "value": "FUTURE_REF", "type": "when"}]}"#,
        )
        .unwrap();
        let records = to_records(&doc, "d");
        assert_eq!(records.events.len(), 1);
        assert_eq!(records.events[0].when, None);
        assert_eq!(
            records.events[0].date_origin,
            DateOrigin::Missing {
                source: Some(DateSource::Unknown)
            }
        );
        let fields: Vec<Option<&str>> = records
            .diagnostics
            .iter()
            .map(|d| d.field.as_deref())
            .collect();
        assert_eq!(fields, [Some("events[0].date"), Some("timexes[0].type")]);
        assert!(records.timexes.is_empty());
    }
}
