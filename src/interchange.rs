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
//! Architecture invariant: no I/O here, only the types and their checks.

use serde::{Deserialize, Serialize};

/// The current version of the interchange format.
pub const FORMAT_VERSION: u32 = 1;

fn default_version() -> u32 {
    FORMAT_VERSION
}

/// One extracted (or hand-written) document with its actors and events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractionDoc {
    #[serde(default = "default_version")]
    pub version: u32,
    pub document: DocInfo,
    #[serde(default)]
    pub actors: Vec<ActorRecord>,
    #[serde(default)]
    pub places: Vec<PlaceRecord>,
    #[serde(default)]
    pub timexes: Vec<TimexRecord>,
    #[serde(default)]
    pub events: Vec<EventRecord>,
    /// Warnings produced while reading or extracting the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// The document's metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DocInfo {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    /// `YYYY-MM-DD`, optionally followed by a time.
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// An actor as the document names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRecord {
    pub id: String,
    pub name: String,
    /// person, organization, country, group or place.
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// The id of another actor of this document (or a canonical name).
    #[serde(default)]
    pub affiliation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// A place named in the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceRecord {
    #[serde(default)]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// A date span: inclusive first and last day, and the TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DateRecord {
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub end: Option<String>,
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
    pub text: String,
    /// Byte offsets into the input.
    pub start: usize,
    pub end: usize,
    /// The TIMEX3 value (`2014-03-30`, `2014-02`, `PAST_REF`, `P3D`, ...).
    pub value: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: String,
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
    #[serde(default = "default_role")]
    pub role: String,
}

fn default_role() -> String {
    "participant".to_string()
}

/// The text that supports an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct EvidenceRecord {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub start: usize,
    #[serde(default)]
    pub end: usize,
}

/// An event of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    #[serde(default)]
    pub id: String,
    pub kind: String,
    #[serde(default)]
    pub cameo: Option<String>,
    #[serde(default)]
    pub date: DateRecord,
    #[serde(default)]
    pub actors: Vec<RoleRecord>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default = "default_modality")]
    pub modality: String,
    #[serde(default)]
    pub evidence: Vec<EvidenceRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

fn default_modality() -> String {
    "asserted".to_string()
}
