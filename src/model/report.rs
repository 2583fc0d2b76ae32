//! What one document reports, in model values: the unit that extraction
//! and every reader produce and the store writes ([`Report`]), with the
//! problems found on the way as typed [`Diagnostic`]s.

use super::{
    Actor, DateSource, Document, EventKind, Modality, Place, Precision, Role, TimexType, When,
};
use chrono::NaiveTime;
use sha2::{Digest, Sha256};
use std::fmt;

/// A problem found while reading or extracting a document: a value skipped
/// or defaulted, or text that could not be used. Where it is, as far as is
/// known: the file, the 1-based line and the field (a path like
/// `events[2].kind`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The input file, when known.
    pub file: Option<String>,
    /// The 1-based line in the file, when known.
    pub line: Option<usize>,
    /// The field the problem is in, when there is one.
    pub field: Option<String>,
    /// What is wrong (and what was done about it).
    pub message: String,
}

impl Diagnostic {
    /// A problem with no known place.
    pub fn new(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: None,
            line: None,
            field: None,
            message: message.into(),
        }
    }

    /// A problem in a field.
    pub fn in_field(field: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            field: Some(field.into()),
            ..Diagnostic::new(message)
        }
    }

    /// The same problem, placed in a file (a file already set is kept).
    pub fn with_file(mut self, file: &str) -> Diagnostic {
        self.file.get_or_insert_with(|| file.to_string());
        self
    }

    /// The same problem, placed on a line (a line already set is kept).
    pub fn with_line(mut self, line: usize) -> Diagnostic {
        self.line.get_or_insert(line);
        self
    }
}

/// `file:line: field F: message`, leaving out what is not known.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            f.write_str(file)?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
            f.write_str(": ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field {field}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// A sentence (or other span) of a document that supports an event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Evidence {
    /// The text of the span; may be empty.
    pub text: String,
    /// Start byte offset into the input file.
    pub start: usize,
    /// End byte offset into the input file, exclusive.
    pub end: usize,
}

/// A temporal expression of a document, as the extraction found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimexMention {
    /// The expression as written.
    pub text: String,
    /// Start byte offset into the input file.
    pub start: usize,
    /// End byte offset into the input file, exclusive.
    pub end: usize,
    /// The TIMEX3 value (`2014-03-30`, `2014-02`, `PAST_REF`, `P3D`, ...).
    pub value: String,
    /// DATE, TIME, DURATION or SET.
    pub kind: TimexType,
    /// The grain of `value`, when known.
    pub precision: Option<Precision>,
    /// The days the expression covers, where it names days.
    pub date: Option<When>,
}

/// Whether an event's date is the document's own or stands in for a
/// missing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrigin {
    /// The document gives the event's span (possibly the publication day,
    /// inferred): [`ReportEvent::when`].
    #[default]
    Given,
    /// The document gives no span for the event, only (perhaps) where its
    /// date would come from; `when` is the publication day, inferred, or
    /// `None` when there is none (the store skips the event).
    Missing {
        /// The date source the document names for the missing date.
        source: Option<DateSource>,
    },
}

/// An event as one document reports it; participants index
/// [`Report::actors`].
#[derive(Debug, Clone, PartialEq)]
pub struct ReportEvent {
    /// What sort of event.
    pub kind: EventKind,
    /// The CAMEO code, when a valid one is known.
    pub cameo: Option<String>,
    /// The CAMEO actor code of the source, when a coder or a dataset row
    /// gives one (see `model::Event::source_code`).
    pub source_code: Option<String>,
    /// The CAMEO actor code of the target, likewise.
    pub target_code: Option<String>,
    /// When the event happened (the publication day, inferred, when the
    /// document gives no date); `None` when nothing dates it, not even a
    /// publication day: the store skips such an event (a diagnostic of the
    /// report says so).
    pub when: Option<When>,
    /// Whether `when` is the document's own date for the event.
    pub date_origin: DateOrigin,
    /// Each participant: an index into [`Report::actors`] and its role.
    pub participants: Vec<(usize, Role)>,
    /// The place name.
    pub place: Option<String>,
    /// Asserted, planned, reported, negated or hypothetical.
    pub modality: Modality,
    /// How sure the extraction is, from 0 to 1.
    pub confidence: f32,
    /// The spans of the document that report the event.
    pub evidence: Vec<Evidence>,
    /// A dataset row id that keeps identical rows apart.
    pub external_id: Option<String>,
}

/// What one document reports, ready for the store: the document, its
/// actors, places and events, and the problems met while reading it.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The document.
    pub document: Document,
    /// The actors, in document order.
    pub actors: Vec<Actor>,
    /// The places, in document order.
    pub places: Vec<Place>,
    /// The events, in document order.
    pub events: Vec<ReportEvent>,
    /// What was skipped or defaulted.
    pub diagnostics: Vec<Diagnostic>,
    /// The publication time of day, when the document gives one.
    pub published_time: Option<NaiveTime>,
    /// The temporal expressions the extraction found (none for a dataset).
    pub timexes: Vec<TimexMention>,
    /// Affiliations between actors of the report: `(member, organisation)`
    /// indexes into [`Report::actors`] (the member's `affiliation` holds
    /// the organisation's name).
    pub affiliations: Vec<(usize, usize)>,
}

impl Report {
    /// An empty report of a document.
    pub fn new(document: Document) -> Report {
        Report {
            document,
            actors: Vec::new(),
            places: Vec::new(),
            events: Vec::new(),
            diagnostics: Vec::new(),
            published_time: None,
            timexes: Vec::new(),
            affiliations: Vec::new(),
        }
    }
}

/// SHA-256 of some bytes, as lowercase hex: the content hash by which the
/// store recognises a document it already holds.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_print_what_is_known() {
        let d = Diagnostic::in_field("events[0].kind", "expected a kind");
        assert_eq!(d.to_string(), "field events[0].kind: expected a kind");
        let d = d.with_file("a.json").with_line(3);
        assert_eq!(
            d.to_string(),
            "a.json:3: field events[0].kind: expected a kind"
        );
        assert_eq!(
            Diagnostic::new("no date").with_file("b.txt").to_string(),
            "b.txt: no date"
        );
        assert_eq!(content_hash(b"").len(), 64);
    }
}
