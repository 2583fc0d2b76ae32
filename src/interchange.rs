//! The interchange format: the JSON document that `eventgraph extract`
//! prints and `eventgraph ingest` reads back (as a `.json` file or as JSON
//! Lines of such documents). See DESIGN.md, "The extraction contract".
//!
//! Schema (version 1): `{"version", "document", "actors", "places",
//! "timexes", "events"}`. Actor references inside events use the actor's
//! document-local `id`. Offsets are byte offsets into the input file.
//! Fields not listed here are ignored when reading; missing optional fields
//! take their defaults.
//!
//! `ExtractionDoc::from(&Report)` writes a document's report in this format
//! (what `eventgraph extract --format json` prints); the reverse direction,
//! with its checks, is `ingest::json::to_records`.
//!
//! Architecture invariant: no I/O here, only the types and their checks.

use crate::model::DateOrigin;
use crate::model::{Modality, Report, ReportEvent, Role, TimexMention, When};
use serde::{Deserialize, Serialize};

/// The current version of the interchange format.
pub const FORMAT_VERSION: u32 = 1;

fn default_version() -> u32 {
    FORMAT_VERSION
}

/// One extracted (or hand-written) document with its actors and events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractionDoc {
    /// The format version; [`FORMAT_VERSION`] when missing. A reader
    /// rejects a newer version.
    #[serde(default = "default_version")]
    pub version: u32,
    /// The document's metadata.
    pub document: DocInfo,
    /// The actors named in the document.
    #[serde(default)]
    pub actors: Vec<ActorRecord>,
    /// The places named in the document.
    #[serde(default)]
    pub places: Vec<PlaceRecord>,
    /// The temporal expressions found in the text (checked, not kept, on
    /// reading).
    #[serde(default)]
    pub timexes: Vec<TimexRecord>,
    /// The events of the document.
    #[serde(default)]
    pub events: Vec<EventRecord>,
    /// Warnings produced while reading or extracting the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// The document's metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DocInfo {
    /// The document's id; when empty, the reader supplies one.
    #[serde(default)]
    pub id: String,
    /// The headline, if known.
    #[serde(default)]
    pub title: Option<String>,
    /// `YYYY-MM-DD`, optionally followed by a time.
    #[serde(default)]
    pub published: Option<String>,
    /// The URL, if known.
    #[serde(default)]
    pub url: Option<String>,
    /// Outlet or dataset ("France 24", "GDELT"), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// An actor as the document names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRecord {
    /// Document-local id that events and affiliations refer to; unique within the document.
    pub id: String,
    /// The name as the document writes it.
    pub name: String,
    /// person, organization, country, group or place.
    pub kind: String,
    /// Other names for the actor in the document.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The title the actor holds ("Secretary of State"), if stated.
    #[serde(default)]
    pub title: Option<String>,
    /// The id of another actor of this document (or a canonical name).
    #[serde(default)]
    pub affiliation: Option<String>,
    /// ISO 3166 code of the actor's country, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// A place named in the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceRecord {
    /// Document-local id that events may use as their `place`.
    #[serde(default)]
    pub id: String,
    /// The name as written.
    pub name: String,
    /// ISO 3166 code of the country the place is in.
    #[serde(default)]
    pub country: Option<String>,
    /// Latitude in decimal degrees, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude in decimal degrees, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// A date span: inclusive first and last day, and the TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DateRecord {
    /// First day, `YYYY-MM-DD`, inclusive.
    #[serde(default)]
    pub start: Option<String>,
    /// Last day, `YYYY-MM-DD`, inclusive.
    #[serde(default)]
    pub end: Option<String>,
    /// The TIMEX3 value; gives the span when `start` and `end` are missing
    /// and it reads as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    #[serde(default)]
    pub value: Option<String>,
    /// day, month, year, ... (see `model::Precision`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<String>,
    /// explicit, relative, inferred or unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A temporal expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimexRecord {
    /// The expression as written.
    pub text: String,
    /// Byte offsets into the input.
    pub start: usize,
    /// End byte offset, exclusive.
    pub end: usize,
    /// The TIMEX3 value (`2014-03-30`, `2014-02`, `PAST_REF`, `P3D`, ...).
    pub value: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: String,
    /// day, month, year, ... (see `model::Precision`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<String>,
    /// The days the expression covers, where it names a date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateRecord>,
}

/// An actor's part in an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleRecord {
    /// The id of an actor of this document.
    pub actor: String,
    /// source, target or participant; participant when missing.
    #[serde(default = "default_role")]
    pub role: String,
}

fn default_role() -> String {
    Role::Participant.as_str().to_string()
}

/// The text that supports an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct EvidenceRecord {
    /// The supporting sentence.
    #[serde(default)]
    pub text: String,
    /// Start byte offset into the input file.
    #[serde(default)]
    pub start: usize,
    /// End byte offset into the input file, exclusive.
    #[serde(default)]
    pub end: usize,
}

/// An event of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Document-local id, such as `e1`.
    #[serde(default)]
    pub id: String,
    /// The event kind name (see `model::EventKind`).
    pub kind: String,
    /// CAMEO code of 2 to 4 digits, if any.
    #[serde(default)]
    pub cameo: Option<String>,
    /// When it happened; with no start, end or readable value, the
    /// publication date is taken (as inferred).
    #[serde(default)]
    pub date: DateRecord,
    /// The actors taking part, by document-local id.
    #[serde(default)]
    pub actors: Vec<RoleRecord>,
    /// The id of a place of this document, or a place name.
    #[serde(default)]
    pub place: Option<String>,
    /// asserted, planned, reported, negated or hypothetical; asserted when missing.
    #[serde(default = "default_modality")]
    pub modality: String,
    /// The sentences that report the event.
    #[serde(default)]
    pub evidence: Vec<EvidenceRecord>,
    /// How sure the extraction is, from 0 to 1; 1 when missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

fn default_modality() -> String {
    Modality::Asserted.as_str().to_string()
}

/// The local id of the `index`th actor of a report.
fn actor_id(index: usize) -> String {
    format!("a{}", index + 1)
}

/// `YYYY-MM-DD`.
fn day_text(day: chrono::NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// A span written out in full: first and last day, value, precision and
/// source.
impl From<&When> for DateRecord {
    fn from(when: &When) -> DateRecord {
        DateRecord {
            start: Some(day_text(when.start)),
            end: Some(day_text(when.end)),
            value: Some(when.value.clone()),
            precision: Some(when.precision.as_str().to_string()),
            source: Some(when.source.as_str().to_string()),
        }
    }
}

impl From<&TimexMention> for TimexRecord {
    fn from(timex: &TimexMention) -> TimexRecord {
        TimexRecord {
            text: timex.text.clone(),
            start: timex.start,
            end: timex.end,
            value: timex.value.clone(),
            kind: timex.kind.as_str().to_string(),
            precision: timex.precision.map(|p| p.as_str().to_string()),
            date: timex.date.as_ref().map(DateRecord::from),
        }
    }
}

impl EventRecord {
    /// The record of a report's `n`th event.
    fn of(n: usize, event: &ReportEvent) -> EventRecord {
        let date = match (event.date_origin, &event.when) {
            (DateOrigin::Given, Some(when)) => DateRecord::from(when),
            (DateOrigin::Missing { source }, _) => DateRecord {
                source: source.map(|s| s.as_str().to_string()),
                ..DateRecord::default()
            },
            (DateOrigin::Given, None) => DateRecord::default(),
        };
        EventRecord {
            id: format!("e{}", n + 1),
            kind: event.kind.as_str().to_string(),
            cameo: event.cameo.clone(),
            date,
            actors: event
                .participants
                .iter()
                .map(|&(index, role)| RoleRecord {
                    actor: actor_id(index),
                    role: role.as_str().to_string(),
                })
                .collect(),
            place: event.place.clone(),
            modality: event.modality.as_str().to_string(),
            evidence: event
                .evidence
                .iter()
                .map(|e| EvidenceRecord {
                    text: e.text.clone(),
                    start: e.start,
                    end: e.end,
                })
                .collect(),
            confidence: Some(event.confidence),
        }
    }
}

/// The interchange document of a report: actors get local ids `a1`,
/// `a2`, ... and places `p1`, `p2`, ... in report order; an affiliation to
/// an actor of the report is its local id; the warnings are the
/// diagnostics that name no field.
impl From<&Report> for ExtractionDoc {
    fn from(report: &Report) -> ExtractionDoc {
        let document = &report.document;
        let actors = report
            .actors
            .iter()
            .enumerate()
            .map(|(i, actor)| ActorRecord {
                id: actor_id(i),
                name: actor.name.clone(),
                kind: actor.kind.as_str().to_string(),
                aliases: actor.aliases.clone(),
                title: actor.titles.first().map(|t| t.title.clone()),
                affiliation: match report.affiliations.iter().find(|a| a.0 == i) {
                    Some(&(_, of)) => Some(actor_id(of)),
                    None => actor.affiliation.clone(),
                },
                country: actor.country.clone(),
            })
            .collect();
        let places = report
            .places
            .iter()
            .enumerate()
            .map(|(k, place)| PlaceRecord {
                id: format!("p{}", k + 1),
                name: place.name.clone(),
                country: place.country.clone(),
                lat: place.lat,
                lon: place.lon,
            })
            .collect();
        ExtractionDoc {
            version: FORMAT_VERSION,
            document: DocInfo {
                id: document.id.clone(),
                title: document.title.clone(),
                published: document.published.map(|day| match report.published_time {
                    Some(time) => format!("{}T{}", day_text(day), time.format("%H:%M")),
                    None => day_text(day),
                }),
                url: document.url.clone(),
                source: document.source.clone(),
            },
            actors,
            places,
            timexes: report.timexes.iter().map(TimexRecord::from).collect(),
            events: report
                .events
                .iter()
                .enumerate()
                .map(|(n, event)| EventRecord::of(n, event))
                .collect(),
            warnings: report
                .diagnostics
                .iter()
                .filter(|d| d.field.is_none())
                .map(|d| d.message.clone())
                .collect(),
        }
    }
}
