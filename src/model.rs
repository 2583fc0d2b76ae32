//! The data model at the centre of eventgraph: actors, events, dates, places,
//! documents and the mentions that tie them to text.
//!
//! Architecture invariant: this module does no I/O. Every other stage depends
//! on it; it depends on no other stage.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

mod key;
mod report;

pub(crate) use key::actor_key_of_normalized;
pub use key::{actor_key, event_key, format_key, parse_key, KeyInput};
pub use report::{
    content_hash, DateOrigin, Diagnostic, Evidence, Report, ReportEvent, TimexMention,
};

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Precision {
    /// A clock time within a day.
    Time,
    /// A part of a day (morning, evening, ...).
    PartOfDay,
    /// A single day.
    Day,
    /// A week (TIMEX3 `2014-W14`).
    Week,
    /// A calendar month.
    Month,
    /// A quarter of a year.
    Quarter,
    /// A season of a year.
    Season,
    /// A calendar year.
    Year,
    /// A decade (TIMEX3 `199`).
    Decade,
    /// A century.
    Century,
    /// Unknown or vague (`PAST_REF`, ...).
    Unknown,
}

impl Precision {
    /// Every precision, from the finest to the coarsest.
    pub const ALL: [Precision; 11] = [
        Precision::Time,
        Precision::PartOfDay,
        Precision::Day,
        Precision::Week,
        Precision::Month,
        Precision::Quarter,
        Precision::Season,
        Precision::Year,
        Precision::Decade,
        Precision::Century,
        Precision::Unknown,
    ];

    /// The lowercase name used in JSON, tables and the store.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Time => "time",
            Precision::PartOfDay => "part_of_day",
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Season => "season",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
            Precision::Unknown => "unknown",
        }
    }
}

impl FromStr for Precision {
    type Err = ModelError;
    /// The name of a precision (`day`, `part_of_day`, ...), in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        Precision::ALL
            .into_iter()
            .find(|p| p.as_str() == lower)
            .ok_or_else(|| ModelError::UnknownPrecision(s.to_string()))
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexType {
    /// A calendar date or period: a day, week, month, season, year, ...
    Date,
    /// A clock time or part of a day.
    Time,
    /// A length of time ("three days", `P3D`).
    Duration,
    /// A recurring time ("every Monday", `XXXX-WXX-1`).
    Set,
}

impl TimexType {
    /// Every type, in the order of the TIMEX3 specification.
    pub const ALL: [TimexType; 4] = [
        TimexType::Date,
        TimexType::Time,
        TimexType::Duration,
        TimexType::Set,
    ];

    /// DATE, TIME, DURATION or SET.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

impl FromStr for TimexType {
    type Err = ModelError;
    /// DATE, TIME, DURATION or SET, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let upper = s.trim().to_ascii_uppercase();
        TimexType::ALL
            .into_iter()
            .find(|t| t.as_str() == upper)
            .ok_or_else(|| ModelError::UnknownTimexType(s.to_string()))
    }
}

impl fmt::Display for TimexType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a date was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// Written out in full in the text or the data.
    #[default]
    Explicit,
    /// Resolved from a relative expression ("on Monday", "last month").
    Relative,
    /// Not stated: taken from the publication date.
    Inferred,
    /// No date could be found.
    Unknown,
}

impl DateSource {
    /// The lowercase name used in JSON and the store.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Explicit => "explicit",
            DateSource::Relative => "relative",
            DateSource::Inferred => "inferred",
            DateSource::Unknown => "unknown",
        }
    }
}

impl FromStr for DateSource {
    type Err = ModelError;
    /// `explicit`, `relative`, `inferred` or `unknown`, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "explicit" => Ok(DateSource::Explicit),
            "relative" => Ok(DateSource::Relative),
            "inferred" => Ok(DateSource::Inferred),
            "unknown" => Ok(DateSource::Unknown),
            _ => Err(ModelError::UnknownDateSource(s.to_string())),
        }
    }
}

impl fmt::Display for DateSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A date or period with its precision: inclusive `start` and `end` days and
/// the TIMEX3 value (`2014-03-30`, `2014-02`, `199`, `2014-W14`, `2014-03-31TMO`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct When {
    /// The first day of the span, inclusive.
    pub start: NaiveDate,
    /// The last day of the span, inclusive; `start` for a single day.
    pub end: NaiveDate,
    /// How precisely the date is known.
    pub precision: Precision,
    /// The TIMEX3 value, as found or computed.
    pub value: String,
    /// How the date was obtained; `explicit` when missing from JSON.
    #[serde(default)]
    pub source: DateSource,
}

impl When {
    /// One whole day.
    pub fn day(date: NaiveDate) -> When {
        When {
            start: date,
            end: date,
            precision: Precision::Day,
            value: date.format("%Y-%m-%d").to_string(),
            source: DateSource::Explicit,
        }
    }

    /// A whole calendar month.
    pub fn month(year: i32, month: u32) -> Option<When> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        let end = last_day_of_month(year, month)?;
        Some(When {
            start,
            end,
            precision: Precision::Month,
            value: format!("{year:04}-{month:02}"),
            source: DateSource::Explicit,
        })
    }

    /// A whole calendar year.
    pub fn year(year: i32) -> Option<When> {
        Some(When {
            start: NaiveDate::from_ymd_opt(year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(year, 12, 31)?,
            precision: Precision::Year,
            value: format!("{year:04}"),
            source: DateSource::Explicit,
        })
    }

    /// The same span, marked with another source.
    pub fn with_source(mut self, source: DateSource) -> When {
        self.source = source;
        self
    }

    /// The first and last day numbers (see [`day_number`]).
    pub fn day_span(&self) -> (i32, i32) {
        (day_number(self.start), day_number(self.end))
    }

    /// Whether the inclusive interval `[from, to]` overlaps this one.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.start <= to && self.end >= from
    }

    /// Parses a user's date argument: `2014-03-30`, `2014-03` or `2014`; a
    /// month or a year stands for its whole span.
    pub fn parse_query(text: &str) -> Result<When, ModelError> {
        let t = text.trim();
        let bad = || ModelError::BadDate(text.to_string());
        let parts: Vec<&str> = t.split('-').collect();
        let num = |s: &str| -> Result<u32, ModelError> {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            s.parse::<u32>().map_err(|_| bad())
        };
        let out_of_range =
            |field: &'static str, value: u32, limit: String| ModelError::DateOutOfRange {
                field,
                value,
                limit,
                text: t.to_string(),
            };
        let month_of = |m: &str| -> Result<u32, ModelError> {
            let month = num(m)?;
            if !(1..=12).contains(&month) {
                return Err(out_of_range(
                    "month",
                    month,
                    "months run from 1 to 12".into(),
                ));
            }
            Ok(month)
        };
        match parts.as_slice() {
            [y] if y.len() == 4 => When::year(num(y)? as i32).ok_or_else(bad),
            [y, m] if y.len() == 4 => When::month(num(y)? as i32, month_of(m)?).ok_or_else(bad),
            [y, m, d] if y.len() == 4 => {
                let (year, month, day) = (num(y)? as i32, month_of(m)?, num(d)?);
                let last = last_day_of_month(year, month).ok_or_else(bad)?;
                if day == 0 || day > last.day() {
                    return Err(out_of_range(
                        "day",
                        day,
                        format!("{} has {} days", last.format("%B %Y"), last.day()),
                    ));
                }
                NaiveDate::from_ymd_opt(year, month, day)
                    .map(When::day)
                    .ok_or_else(bad)
            }
            _ => Err(bad()),
        }
    }
}

/// The last day of a month, if the month exists.
pub fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// Days since 1970-01-01, the compact date used by the graph's indexes.
pub fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce() - 719_163
}

/// The date of a day number (see [`day_number`]).
pub fn date_of_day_number(n: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(n + 719_163)
}

/// What sort of actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActorKind {
    /// A person.
    Person,
    /// An organisation: a ministry, a company, a party, an agency.
    Organization,
    /// A country or state.
    Country,
    /// A group of people without a formal organisation (also what an
    /// unknown kind is read as).
    Group,
    /// A place named as an actor (a city, a region).
    Place,
}

impl ActorKind {
    /// All kinds, in display order.
    pub const ALL: [ActorKind; 5] = [
        ActorKind::Person,
        ActorKind::Organization,
        ActorKind::Country,
        ActorKind::Group,
        ActorKind::Place,
    ];

    /// The lowercase name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Country => "country",
            ActorKind::Group => "group",
            ActorKind::Place => "place",
        }
    }
}

impl FromStr for ActorKind {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        match lower.as_str() {
            "person" => Ok(ActorKind::Person),
            "organization" | "organisation" | "org" => Ok(ActorKind::Organization),
            "country" => Ok(ActorKind::Country),
            "group" => Ok(ActorKind::Group),
            "place" => Ok(ActorKind::Place),
            _ => Err(ModelError::UnknownActorKind(s.to_string())),
        }
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A title an actor holds, and what it is a title of
/// (Kerry: "Secretary of State" of "United States"): an affiliation edge
/// from the actor to `of`, with the dates and documents that reported it.
///
/// An empty `title` with an `of` is a plain affiliation (a person reported
/// as belonging to a country or organisation without a title). The report
/// fields are filled when the graph is loaded from the store (a document's
/// report date is its publication date); they are empty for titles read
/// from one document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Title {
    /// The title text ("Secretary of State"); empty for a plain affiliation.
    pub title: String,
    /// What the title is of ("United States"), if stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// The earliest publication date of a document that reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_reported: Option<NaiveDate>,
    /// The latest publication date of a document that reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_reported: Option<NaiveDate>,
    /// The ids of the documents that reported it, sorted, no repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl Title {
    /// A title with no report dates or sources.
    pub fn new(title: impl Into<String>, of: Option<String>) -> Title {
        Title {
            title: title.into(),
            of,
            first_reported: None,
            last_reported: None,
            sources: Vec::new(),
        }
    }

    /// A plain affiliation (no title) is kept as a title with an empty text.
    pub fn is_plain_affiliation(&self) -> bool {
        self.title.is_empty()
    }

    /// "Secretary of State, United States", "Foreign Minister", or the
    /// affiliation alone.
    pub fn display(&self) -> String {
        match (&self.of, self.title.is_empty()) {
            (Some(of), true) => of.clone(),
            (Some(of), false) => format!("{}, {of}", self.title),
            (None, _) => self.title.clone(),
        }
    }

    /// Adds another report of the same title and `of`: sources united,
    /// the earliest first and the latest last date.
    pub fn absorb(&mut self, other: Title) {
        self.first_reported = match (self.first_reported, other.first_reported) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.last_reported = match (self.last_reported, other.last_reported) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.sources.extend(other.sources);
        self.sources.sort();
        self.sources.dedup();
    }
}

/// Titles united by (title, of): one entry per pair, with the sources and
/// dates of every report, sorted by title then `of`. The result depends
/// only on the set of titles, not on their order.
pub fn merge_titles(titles: impl IntoIterator<Item = Title>) -> Vec<Title> {
    let mut all: Vec<Title> = titles.into_iter().collect();
    all.sort();
    let mut out: Vec<Title> = Vec::with_capacity(all.len());
    for mut t in all {
        t.sources.sort();
        t.sources.dedup();
        match out.last_mut() {
            Some(last) if last.title == t.title && last.of == t.of => last.absorb(t),
            _ => out.push(t),
        }
    }
    out
}

/// A person, organisation, country or group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Canonical name.
    pub name: String,
    /// What sort of actor it is.
    pub kind: ActorKind,
    /// Other names the actor goes by.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Titles and plain affiliations, with their reports.
    #[serde(default)]
    pub titles: Vec<Title>,
    /// The canonical name of the actor this one belongs to (a minister's
    /// country, an analyst's institute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// ISO 3166 alpha-2 or alpha-3 code where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

impl Actor {
    /// A new actor with no aliases or titles.
    pub fn new(name: impl Into<String>, kind: ActorKind) -> Actor {
        Actor {
            name: name.into(),
            kind,
            aliases: Vec::new(),
            titles: Vec::new(),
            affiliation: None,
            country: None,
        }
    }

    /// The titles held, without the plain affiliations (titles with an
    /// empty text).
    pub fn held_titles(&self) -> impl Iterator<Item = &Title> {
        self.titles.iter().filter(|t| !t.is_plain_affiliation())
    }

    /// The canonical name and every alias.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// Normalises a name for lookup: lowercase, straight apostrophes, no
/// possessive, no punctuation, single spaces, no leading "the ".
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut last_space = true;
    let replaced = name.replace(['\u{2019}', '\u{2018}'], "'");
    let stripped = strip_possessive(&replaced);
    for ch in stripped.chars() {
        if ch.is_alphanumeric() {
            for lower in ch.to_lowercase() {
                out.push(lower);
            }
            last_space = false;
        } else if ch == '-' || ch == '&' {
            out.push(ch);
            last_space = false;
        } else if ch.is_whitespace() && !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

fn strip_possessive(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\''
            && i + 1 < bytes.len()
            && (bytes[i + 1] == b's' || bytes[i + 1] == b'S')
            && (i + 2 == bytes.len() || !bytes[i + 2].is_ascii_alphanumeric())
        {
            i += 2;
            continue;
        }
        // keep char boundaries intact
        let ch = s[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// The user-facing event kinds; each maps to CAMEO codes (see DESIGN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// Makes a public statement (CAMEO 01).
    Statement,
    /// Appeals or requests (CAMEO 02).
    Appeal,
    /// Expresses an intent to cooperate (CAMEO 03).
    Intent,
    /// Consults, without a more specific kind (CAMEO 04).
    Consult,
    /// Talks by telephone (CAMEO 041).
    Call,
    /// Visits or hosts a visit (CAMEO 042, 043).
    Visit,
    /// Meets, or mediates (CAMEO 044, 045).
    Meet,
    /// Negotiates (CAMEO 046).
    Negotiate,
    /// Cooperates diplomatically or materially (CAMEO 05, 06).
    Cooperate,
    /// Signs a formal agreement (CAMEO 057).
    Agree,
    /// Gives aid (CAMEO 07).
    Aid,
    /// Yields or concedes (CAMEO 08).
    Yield,
    /// De-escalates militarily (CAMEO 087).
    Deescalate,
    /// Investigates (CAMEO 09).
    Investigate,
    /// Demands (CAMEO 10).
    Demand,
    /// Disapproves or criticises (CAMEO 11).
    Disapprove,
    /// Accuses (CAMEO 112).
    Accuse,
    /// Rejects (CAMEO 12).
    Reject,
    /// Threatens (CAMEO 13).
    Threaten,
    /// Protests (CAMEO 14).
    Protest,
    /// Mobilises or shows force (CAMEO 15).
    Mobilize,
    /// Reduces relations (CAMEO 16).
    ReduceRelations,
    /// Imposes sanctions (CAMEO 163).
    Sanction,
    /// Coerces (CAMEO 17).
    Coerce,
    /// Assaults (CAMEO 18).
    Assault,
    /// Fights (CAMEO 19 except 192, and 20).
    Fight,
    /// Occupies territory (CAMEO 192).
    Occupy,
    /// Votes or holds an election (no CAMEO code).
    Vote,
    /// Anything else (kept so that no dataset row is lost).
    Other,
}

impl EventKind {
    /// All kinds, in CAMEO order.
    pub const ALL: [EventKind; 29] = [
        EventKind::Statement,
        EventKind::Appeal,
        EventKind::Intent,
        EventKind::Consult,
        EventKind::Call,
        EventKind::Visit,
        EventKind::Meet,
        EventKind::Negotiate,
        EventKind::Cooperate,
        EventKind::Agree,
        EventKind::Aid,
        EventKind::Yield,
        EventKind::Deescalate,
        EventKind::Investigate,
        EventKind::Demand,
        EventKind::Disapprove,
        EventKind::Accuse,
        EventKind::Reject,
        EventKind::Threaten,
        EventKind::Protest,
        EventKind::Mobilize,
        EventKind::ReduceRelations,
        EventKind::Sanction,
        EventKind::Coerce,
        EventKind::Assault,
        EventKind::Fight,
        EventKind::Occupy,
        EventKind::Vote,
        EventKind::Other,
    ];

    /// Whether the kind is an act made by speaking (a statement, appeal,
    /// intent, demand, disapproval, accusation, rejection or threat)
    /// rather than a deed.
    pub fn is_verbal(self) -> bool {
        matches!(
            self,
            EventKind::Statement
                | EventKind::Appeal
                | EventKind::Intent
                | EventKind::Demand
                | EventKind::Disapprove
                | EventKind::Accuse
                | EventKind::Reject
                | EventKind::Threaten
        )
    }

    /// The lowercase name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Statement => "statement",
            EventKind::Appeal => "appeal",
            EventKind::Intent => "intent",
            EventKind::Consult => "consult",
            EventKind::Call => "call",
            EventKind::Visit => "visit",
            EventKind::Meet => "meet",
            EventKind::Negotiate => "negotiate",
            EventKind::Cooperate => "cooperate",
            EventKind::Agree => "agree",
            EventKind::Aid => "aid",
            EventKind::Yield => "yield",
            EventKind::Deescalate => "deescalate",
            EventKind::Investigate => "investigate",
            EventKind::Demand => "demand",
            EventKind::Disapprove => "disapprove",
            EventKind::Accuse => "accuse",
            EventKind::Reject => "reject",
            EventKind::Threaten => "threaten",
            EventKind::Protest => "protest",
            EventKind::Mobilize => "mobilize",
            EventKind::ReduceRelations => "reduce_relations",
            EventKind::Sanction => "sanction",
            EventKind::Coerce => "coerce",
            EventKind::Assault => "assault",
            EventKind::Fight => "fight",
            EventKind::Occupy => "occupy",
            EventKind::Vote => "vote",
            EventKind::Other => "other",
        }
    }

    /// The default CAMEO code for the kind (`None` for vote and other).
    pub fn default_cameo(self) -> Option<&'static str> {
        Some(match self {
            EventKind::Statement => "010",
            EventKind::Appeal => "020",
            EventKind::Intent => "030",
            EventKind::Consult => "040",
            EventKind::Call => "041",
            EventKind::Visit => "042",
            EventKind::Meet => "044",
            EventKind::Negotiate => "046",
            EventKind::Cooperate => "050",
            EventKind::Agree => "057",
            EventKind::Aid => "070",
            EventKind::Yield => "080",
            EventKind::Deescalate => "087",
            EventKind::Investigate => "090",
            EventKind::Demand => "100",
            EventKind::Disapprove => "110",
            EventKind::Accuse => "112",
            EventKind::Reject => "120",
            EventKind::Threaten => "130",
            EventKind::Protest => "140",
            EventKind::Mobilize => "150",
            EventKind::ReduceRelations => "160",
            EventKind::Sanction => "163",
            EventKind::Coerce => "170",
            EventKind::Assault => "180",
            EventKind::Fight => "190",
            EventKind::Occupy => "192",
            EventKind::Vote | EventKind::Other => return None,
        })
    }

    /// The kind of a CAMEO event code (`"042"`, `"0871"`, `"19"`); every
    /// well-formed code from CAMEO roots 01-20 maps to a kind.
    pub fn from_cameo(code: &str) -> Option<EventKind> {
        let code = code.trim();
        if code.len() < 2 || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let root: u32 = code[..2].parse().ok()?;
        let sub = &code[2..];
        Some(match root {
            1 => EventKind::Statement,
            2 => EventKind::Appeal,
            3 => EventKind::Intent,
            4 => match sub.get(..1) {
                Some("1") => EventKind::Call,
                Some("2") | Some("3") => EventKind::Visit,
                Some("4") | Some("5") => EventKind::Meet,
                Some("6") => EventKind::Negotiate,
                _ => EventKind::Consult,
            },
            5 => {
                if sub.starts_with('7') {
                    EventKind::Agree
                } else {
                    EventKind::Cooperate
                }
            }
            6 => EventKind::Cooperate,
            7 => EventKind::Aid,
            8 => {
                if sub.starts_with('7') {
                    EventKind::Deescalate
                } else {
                    EventKind::Yield
                }
            }
            9 => EventKind::Investigate,
            10 => EventKind::Demand,
            11 => {
                if sub.starts_with('2') {
                    EventKind::Accuse
                } else {
                    EventKind::Disapprove
                }
            }
            12 => EventKind::Reject,
            13 => EventKind::Threaten,
            14 => EventKind::Protest,
            15 => EventKind::Mobilize,
            16 => {
                if sub.starts_with('3') {
                    EventKind::Sanction
                } else {
                    EventKind::ReduceRelations
                }
            }
            17 => EventKind::Coerce,
            18 => EventKind::Assault,
            19 => {
                if sub.starts_with('2') {
                    EventKind::Occupy
                } else {
                    EventKind::Fight
                }
            }
            20 => EventKind::Fight,
            _ => return None,
        })
    }

    /// Kinds whose participants meet (every pair of them).
    pub fn is_meeting(self) -> bool {
        matches!(
            self,
            EventKind::Meet | EventKind::Call | EventKind::Negotiate | EventKind::Consult
        )
    }
}

impl FromStr for EventKind {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase().replace('-', "_");
        EventKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == lower)
            .ok_or_else(|| ModelError::UnknownEventKind(s.to_string()))
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The part an actor plays in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Who acts (the visitor, the caller, the one who accuses).
    Source,
    /// Who is acted upon (the host, the one accused).
    Target,
    /// A participant without direction (both sides of a meeting).
    Participant,
}

impl Role {
    /// The lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Source => "source",
            Role::Target => "target",
            Role::Participant => "participant",
        }
    }
}

impl FromStr for Role {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "source" => Ok(Role::Source),
            "target" => Ok(Role::Target),
            "participant" => Ok(Role::Participant),
            _ => Err(ModelError::UnknownRole(s.to_string())),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether an event happened, is planned, or only might happen.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Stated as having happened.
    #[default]
    Asserted,
    /// Announced for the future ("will meet").
    Planned,
    /// Attributed to someone else ("reportedly met").
    Reported,
    /// Stated as not having happened ("did not meet").
    Negated,
    /// Possible only ("might meet", "could meet").
    Hypothetical,
}

impl Modality {
    /// The lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Planned => "planned",
            Modality::Reported => "reported",
            Modality::Negated => "negated",
            Modality::Hypothetical => "hypothetical",
        }
    }
}

impl FromStr for Modality {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "asserted" => Ok(Modality::Asserted),
            "planned" => Ok(Modality::Planned),
            "reported" => Ok(Modality::Reported),
            "negated" => Ok(Modality::Negated),
            "hypothetical" => Ok(Modality::Hypothetical),
            _ => Err(ModelError::UnknownModality(s.to_string())),
        }
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place: a city, region or country, with coordinates where known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The name as written.
    pub name: String,
    /// ISO 3166 code of the country the place is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Latitude in decimal degrees, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude in decimal degrees, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

/// A source document: an article, a dataset row's URL, a JSON file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Document {
    /// Stable id: derived from the content hash unless given.
    pub id: String,
    /// The headline, if known.
    #[serde(default)]
    pub title: Option<String>,
    /// The URL, if known.
    #[serde(default)]
    pub url: Option<String>,
    /// The publication date, if known.
    #[serde(default)]
    pub published: Option<NaiveDate>,
    /// Outlet or dataset ("France 24", "GDELT").
    #[serde(default)]
    pub source: Option<String>,
}

/// Where an event is said: a span of a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Mention {
    /// The id of the document (see [`Document::id`]).
    pub document: String,
    /// The text of the span (the sentence that reports the event); may be empty.
    #[serde(default)]
    pub text: String,
    /// Byte offsets into the input file.
    #[serde(default)]
    pub start: usize,
    /// End byte offset, exclusive.
    #[serde(default)]
    pub end: usize,
}

/// An actor's part in an event, by canonical actor name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Participant {
    /// The canonical name of the actor.
    pub actor: String,
    /// The part the actor plays.
    pub role: Role,
}

/// A dated event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id (assigned by the graph; derived from content, not from
    /// insertion order, so that the same input gives the same ids).
    #[serde(default)]
    pub id: String,
    /// What sort of event.
    pub kind: EventKind,
    /// CAMEO code where one fits.
    #[serde(default)]
    pub cameo: Option<String>,
    /// The CAMEO actor code of the event's source, as a coder gave it
    /// (`RUSGOV`; an article coded with dictionaries) or a dataset row
    /// carries it (GDELT's `Actor1Code`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_code: Option<String>,
    /// The CAMEO actor code of the event's target (GDELT's `Actor2Code`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_code: Option<String>,
    /// When it happened, or is said to happen.
    pub when: When,
    /// The actors taking part, by canonical name.
    pub participants: Vec<Participant>,
    /// The name of the place where it happened, if known.
    #[serde(default)]
    pub place: Option<String>,
    /// Whether it happened, is planned, or only might happen.
    #[serde(default)]
    pub modality: Modality,
    /// Where documents report it.
    #[serde(default)]
    pub mentions: Vec<Mention>,
    /// How sure the extraction is, from 0 to 1; 1 when not given.
    #[serde(default = "default_confidence")]
    pub confidence: f32,
}

/// A self-contained piece of the graph: what a query returns and what the
/// exporters and summaries render. Events are sorted by start date, then id;
/// actors and documents by name and id. Every actor named by a participant
/// and every document named by a mention is included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Subgraph {
    /// The actors, sorted by name.
    pub actors: Vec<Actor>,
    /// The events, sorted by start date, then id.
    pub events: Vec<Event>,
    /// The documents, sorted by id.
    pub documents: Vec<Document>,
}

fn default_confidence() -> f32 {
    1.0
}

/// Errors from parsing model values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// A date argument that is not `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or
    /// not a real date.
    #[error("expected a date like 2014-03-30, 2014-03 or 2014, but found {0:?}")]
    BadDate(String),
    /// A date argument whose month or day does not exist
    /// (`month 13 is out of range in 2014-13-45`).
    #[error("{field} {value} is out of range in {text} ({limit})")]
    DateOutOfRange {
        /// `month` or `day`.
        field: &'static str,
        /// The number given.
        value: u32,
        /// What the range is (`months run from 1 to 12`).
        limit: String,
        /// The whole argument.
        text: String,
    },
    /// An actor kind name that is not known.
    #[error(
        "expected an actor kind (person, organization, country, group, place), but found {0:?}"
    )]
    UnknownActorKind(String),
    /// An event kind name that is not known.
    #[error("expected an event kind such as meet, call, visit, statement, but found {0:?}")]
    UnknownEventKind(String),
    /// A role name that is not known.
    #[error("expected a role (source, target, participant), but found {0:?}")]
    UnknownRole(String),
    /// A modality name that is not known.
    #[error(
        "expected a modality (asserted, planned, reported, negated, hypothetical), but found {0:?}"
    )]
    UnknownModality(String),
    /// A precision name that is not known.
    #[error("expected a precision (day, month, year, ...), but found {0:?}")]
    UnknownPrecision(String),
    /// A date source name that is not known.
    #[error("expected a date source (explicit, relative, inferred, unknown), but found {0:?}")]
    UnknownDateSource(String),
    /// A TIMEX3 type name that is not known.
    #[error("expected a TIMEX3 type (DATE, TIME, DURATION, SET), but found {0:?}")]
    UnknownTimexType(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_titles_unite_reports_whatever_their_order() {
        let report = |title: &str, of: Option<&str>, doc: &str, day: u32| {
            let mut t = Title::new(title, of.map(str::to_string));
            t.first_reported = NaiveDate::from_ymd_opt(2014, 3, day);
            t.last_reported = t.first_reported;
            t.sources = vec![doc.to_string()];
            t
        };
        let reports = vec![
            report("Foreign Minister", Some("Russia"), "b", 31),
            report("", Some("Russia"), "c", 2),
            report("Foreign Minister", Some("Russia"), "a", 30),
            report("Foreign Minister", Some("Russia"), "a", 30),
        ];
        let merged = merge_titles(reports.clone());
        let mut reversed = reports;
        reversed.reverse();
        assert_eq!(merge_titles(reversed), merged);
        assert_eq!(merged.len(), 2);
        assert!(merged[0].is_plain_affiliation());
        assert_eq!(merged[0].display(), "Russia");
        let minister = &merged[1];
        assert_eq!(minister.display(), "Foreign Minister, Russia");
        assert_eq!(minister.sources, ["a", "b"]);
        assert_eq!(
            minister.first_reported,
            NaiveDate::from_ymd_opt(2014, 3, 30)
        );
        assert_eq!(minister.last_reported, NaiveDate::from_ymd_opt(2014, 3, 31));
        // Titles without reports still read from JSON without the fields.
        let old: Title = serde_json::from_str(r#"{"title": "President"}"#).unwrap();
        assert_eq!(old, Title::new("President", None));
        assert_eq!(
            serde_json::to_string(&old).unwrap(),
            r#"{"title":"President"}"#
        );
    }

    #[test]
    fn query_dates_cover_their_span() {
        let m = When::parse_query("2014-03").unwrap();
        assert_eq!(m.start, NaiveDate::from_ymd_opt(2014, 3, 1).unwrap());
        assert_eq!(m.end, NaiveDate::from_ymd_opt(2014, 3, 31).unwrap());
        let y = When::parse_query("2012").unwrap();
        assert_eq!(y.end, NaiveDate::from_ymd_opt(2012, 12, 31).unwrap());
        assert!(When::parse_query("2014-02-30").is_err());
        assert!(When::parse_query("March").is_err());
        let message = |text: &str| When::parse_query(text).unwrap_err().to_string();
        assert_eq!(
            message("2014-13-45"),
            "month 13 is out of range in 2014-13-45 (months run from 1 to 12)"
        );
        assert_eq!(
            message("2014-02-30"),
            "day 30 is out of range in 2014-02-30 (February 2014 has 28 days)"
        );
        assert_eq!(
            message("2014-00"),
            "month 0 is out of range in 2014-00 (months run from 1 to 12)"
        );
        assert!(message("2014-3-x").starts_with("expected a date like"));
    }

    #[test]
    fn cameo_codes_map_to_kinds() {
        for (code, kind) in [
            ("041", EventKind::Call),
            ("042", EventKind::Visit),
            ("043", EventKind::Visit),
            ("044", EventKind::Meet),
            ("040", EventKind::Consult),
            ("046", EventKind::Negotiate),
            ("0871", EventKind::Deescalate),
            ("112", EventKind::Accuse),
            ("163", EventKind::Sanction),
            ("192", EventKind::Occupy),
            ("20", EventKind::Fight),
        ] {
            assert_eq!(EventKind::from_cameo(code), Some(kind), "{code}");
        }
        assert_eq!(EventKind::from_cameo("21"), None);
        assert_eq!(EventKind::from_cameo("x1"), None);
    }

    #[test]
    fn names_normalise() {
        assert_eq!(normalize_name("the Kremlin"), "kremlin");
        assert_eq!(normalize_name("Merkel\u{2019}s office"), "merkel office");
        assert_eq!(normalize_name("  U.S.  "), "us");
        assert_eq!(
            normalize_name("Frank-Walter Steinmeier"),
            "frank-walter steinmeier"
        );
    }

    #[test]
    fn every_vocabulary_reads_back_what_it_writes() {
        for p in Precision::ALL {
            assert_eq!(p.as_str().parse::<Precision>(), Ok(p));
        }
        for s in [
            DateSource::Explicit,
            DateSource::Relative,
            DateSource::Inferred,
            DateSource::Unknown,
        ] {
            assert_eq!(s.to_string().parse::<DateSource>(), Ok(s));
        }
        for r in [Role::Source, Role::Target, Role::Participant] {
            assert_eq!(r.as_str().parse::<Role>(), Ok(r));
        }
        for m in [
            Modality::Asserted,
            Modality::Planned,
            Modality::Reported,
            Modality::Negated,
            Modality::Hypothetical,
        ] {
            assert_eq!(m.as_str().parse::<Modality>(), Ok(m));
        }
        for k in ActorKind::ALL {
            assert_eq!(k.as_str().parse::<ActorKind>(), Ok(k));
        }
        for k in EventKind::ALL {
            assert_eq!(k.as_str().parse::<EventKind>(), Ok(k));
        }
        assert!(" Day ".parse::<Precision>().is_ok());
        assert!("sometime".parse::<DateSource>().is_err());
    }

    #[test]
    fn day_numbers_round_trip() {
        let d = NaiveDate::from_ymd_opt(2014, 3, 30).unwrap();
        assert_eq!(date_of_day_number(day_number(d)), Some(d));
        assert_eq!(day_number(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()), 0);
    }
}
