//! Chronological summaries in Markdown, text and JSON.
//!
//! API contract (the CLI codes against it):
//! `write_timeline(&Subgraph, &TimelineOptions, &mut dyn Write)`.
//! [`build_timeline`] gives the same summary as data (the HTML report uses
//! it); [`event_sentence`] is the one-sentence description of an event.
//!
//! A timeline groups events by day (by month when the events span more than
//! [`MONTH_GROUPING_DAYS`] days), one plain-English sentence per event,
//! planned and hypothetical events marked, each citing numbered sources that
//! are listed at the end, after a who's who of the titled actors. Within a day, what was done comes before what was
//! said (statements, appeals, accusations...), then the order of the first
//! report. Output is deterministic: no clock values, no hash ordering.

mod sentence;

pub use sentence::event_sentence;
pub(crate) use sentence::{event_sentence_about, join_names};

use crate::model::{Event, EventKind, Modality, Precision, Subgraph};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The version of the timeline JSON schema.
pub const TIMELINE_VERSION: u32 = 1;

/// With [`Grouping::Auto`], events spanning more days than this are grouped
/// by month.
pub(crate) const MONTH_GROUPING_DAYS: i64 = 92;

/// Output format of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimelineFormat {
    /// Markdown: a heading per group, a bullet per event, then who's who and the sources.
    #[default]
    Markdown,
    /// Plain text.
    Text,
    /// Pretty-printed JSON of [`Timeline`], followed by a newline.
    Json,
}

/// How events are grouped under headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    /// By day, or by month when the span is long.
    #[default]
    Auto,
    /// By day; an event spanning several days gets a heading for its span.
    Day,
    /// By calendar month; an event spanning several months gets a heading for its span.
    Month,
}

/// Options for [`write_timeline`].
#[derive(Debug, Clone, Default)]
pub struct TimelineOptions {
    /// The output format.
    pub format: TimelineFormat,
    /// A heading for the summary.
    pub title: Option<String>,
    /// How to group events under headings.
    pub grouping: Grouping,
    /// The actor whose story this is (`timeline --actor`): undirected
    /// events are told from its side ("Sergei Lavrov met John Kerry").
    pub focus: Option<String>,
}

/// A chronological summary as data (the JSON format, version 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// The schema version, [`TIMELINE_VERSION`].
    pub version: u32,
    /// `TimelineOptions::title`.
    pub title: Option<String>,
    /// `day` or `month`.
    pub grouping: Grouping,
    /// The groups, by start day, then end day, then label.
    pub groups: Vec<TimelineGroup>,
    /// Documents cited, numbered from 1 in order of first citation.
    pub sources: Vec<TimelineSource>,
    /// Who's who: the actors of the timeline that have a title, by name.
    pub people: Vec<TimelinePerson>,
}

/// An actor of the timeline with its titles ("Secretary of State, United
/// States").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelinePerson {
    /// The actor's name.
    pub name: String,
    /// Each title held, as "Title, Of" or "Title".
    pub titles: Vec<String>,
}

/// The events under one heading (a day, a month, or a vaguer span).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineGroup {
    /// "Sunday 30 March 2014", "March 2014", "the 1990s".
    pub label: String,
    /// First day of the group (inclusive).
    pub start: NaiveDate,
    /// Last day of the group (inclusive); equal to `start` for a day.
    pub end: NaiveDate,
    /// The events by date; on one date deeds before sayings, then in order of first report.
    pub entries: Vec<TimelineEntry>,
}

/// One event in a timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// The event's id.
    pub event: String,
    /// The event's TIMEX3 date value.
    pub date: String,
    /// First day of the event's date (inclusive).
    pub start: NaiveDate,
    /// Last day of the event's date (inclusive).
    pub end: NaiveDate,
    /// The event's kind.
    pub kind: EventKind,
    /// Asserted, reported, planned, hypothetical or negated.
    pub modality: Modality,
    /// The plain-English sentence, ending with a period.
    pub sentence: String,
    /// The date was not stated but taken from the publication date.
    pub date_inferred: bool,
    /// Numbers of the sources (see [`Timeline::sources`]).
    pub sources: Vec<usize>,
    /// The supporting text of each mention, in document order.
    pub evidence: Vec<String>,
}

/// A numbered source document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineSource {
    /// The citation number, from 1.
    pub number: usize,
    /// The document id.
    pub document: String,
    /// The document's title, if known.
    pub title: Option<String>,
    /// The outlet or dataset (the document's `source`), if known.
    pub outlet: Option<String>,
    /// The publication date, if known.
    pub published: Option<NaiveDate>,
    /// The document's URL, if known.
    pub url: Option<String>,
}

/// Shortest quotation repeated in a timeline sentence, in words: shorter
/// ones are mostly scare quotes ("special economic zone", "protect").
pub(crate) const MIN_QUOTE_WORDS: usize = 5;

/// Longest quotation to repeat in a timeline sentence, in words.
pub(crate) const MAX_QUOTE_WORDS: usize = 40;

/// The longest passage in double quotes (straight or curly) of at least
/// [`MIN_QUOTE_WORDS`] words, trimmed of trailing commas and cut to [`MAX_QUOTE_WORDS`].
pub(crate) fn quoted_passage(text: &str) -> Option<String> {
    let mut best: Option<&str> = None;
    let mut open: Option<usize> = None;
    for (i, ch) in text.char_indices() {
        match ch {
            '“' => open = Some(i + ch.len_utf8()),
            '"' if open.is_none() => open = Some(i + 1),
            '"' | '”' => {
                if let Some(start) = open.take() {
                    let inner = &text[start..i];
                    if best.is_none_or(|b| inner.len() > b.len()) {
                        best = Some(inner);
                    }
                }
            }
            _ => {}
        }
    }
    let passage = best?.trim().trim_end_matches([',', ';', ':']).trim();
    let words: Vec<&str> = passage.split_whitespace().collect();
    if words.len() < MIN_QUOTE_WORDS {
        return None;
    }
    if words.len() > MAX_QUOTE_WORDS {
        return Some(format!("{}…", words[..MAX_QUOTE_WORDS].join(" ")));
    }
    Some(words.join(" "))
}

/// The timeline sentence: the event's sentence and, for what was said, the
/// words quoted in its first report.
fn entry_sentence(
    event: &Event,
    mentions: &[&crate::model::Mention],
    focus: Option<&str>,
) -> String {
    let mut sentence = event_sentence_about(event, focus);
    if event.kind.is_meeting() {
        if let Some(duration) = mentions.iter().find_map(|m| duration_of(&m.text)) {
            sentence.push_str(" for ");
            sentence.push_str(&duration);
        }
    }
    if event.kind.is_verbal() {
        if let Some(quote) = mentions.iter().find_map(|m| quoted_passage(&m.text)) {
            return format!("{sentence}: “{quote}”.");
        }
        // a plain statement by one speaker: what the report says they said
        let (subjects, objects) = sentence::subjects_and_objects(event);
        if event.kind == EventKind::Statement
            && event.modality == Modality::Asserted
            && subjects.len() == 1
            && objects.is_empty()
        {
            if let Some(clause) = mentions
                .iter()
                .find_map(|m| reported_speech(&m.text, subjects[0]))
            {
                return format!("{} said {clause}.", subjects[0]);
            }
        }
    }
    format!("{sentence}.")
}

/// Shortest reported clause repeated, in words.
const MIN_CLAUSE_WORDS: usize = 5;

/// What a speaker said in reported speech: in "Ana Reyes, an analyst
/// at ..., said her sources believed the army had only 5,000 troops
/// left there", the clause after "said" when the speaker's name (or
/// its last word) stands right before the verb or before an apposition set
/// off by commas. A leading time
/// ("on Monday") and "that" are dropped; the clause runs to the end of the
/// sentence and must have `MIN_CLAUSE_WORDS` words, no quotation mark and
/// at most [`MAX_QUOTE_WORDS`] words.
pub(crate) fn reported_speech(text: &str, speaker: &str) -> Option<String> {
    use std::sync::OnceLock;
    static VERB: OnceLock<regex::Regex> = OnceLock::new();
    static LEAD: OnceLock<regex::Regex> = OnceLock::new();
    let verb = VERB.get_or_init(|| {
        regex::Regex::new(r"\b(?:said|says|told reporters|told journalists)\b")
            .expect("valid pattern")
    });
    let lead = LEAD.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^(?:,\s*)?(?:(?:on|last|this|late on|early on)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month)(?:\s+(?:morning|afternoon|evening|night))?\s*,?\s*|(?:yesterday|today|earlier|later|recently)\s*,?\s*)?(?:that\s+)?",
        )
        .expect("valid pattern")
    });
    let last_name = speaker.split_whitespace().last()?;
    let found = verb.find(text)?;
    let before = &text[..found.start()];
    // the speaker's name right before the verb, or with one apposition set
    // off by commas ("Quill, a researcher at ..., said")
    let name_end = [speaker, last_name].iter().find_map(|name| {
        before
            .match_indices(name)
            .filter(|&(i, _)| {
                let end = i + name.len();
                !before[end..].starts_with(|c: char| c.is_alphanumeric())
                    && !before[..i].ends_with(|c: char| c.is_alphanumeric())
            })
            .last()
            .map(|(i, _)| i + name.len())
    })?;
    let gap = before[name_end..].trim();
    let apposition = gap.starts_with(',')
        && gap.ends_with(',')
        && gap.matches(',').count() == 2
        && gap.split_whitespace().count() <= 15;
    if !gap.is_empty() && !apposition {
        return None;
    }
    let after = text[found.end()..].trim_start();
    let after = &after[lead.find(after).map(|m| m.end()).unwrap_or(0)..];
    let clause = after.trim().trim_end_matches(['.', '!', ' ']);
    if clause.starts_with(',') || clause.contains(['"', '“', '”']) || clause.contains(". ") {
        return None;
    }
    let words: Vec<&str> = clause.split_whitespace().collect();
    if words.len() < MIN_CLAUSE_WORDS || words.len() > MAX_QUOTE_WORDS {
        return None;
    }
    Some(words.join(" "))
}

const NUMBER: &str = r"an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3}";

/// How long a meeting lasted, as its report says: "a four-hour meeting"
/// gives "four hours", "talked for about 90 minutes" "about 90 minutes",
/// "an hour-long call" "an hour".
pub(crate) fn duration_of(text: &str) -> Option<String> {
    use std::sync::OnceLock;
    static PATTERNS: OnceLock<[regex::Regex; 2]> = OnceLock::new();
    let [compound, phrase] = PATTERNS.get_or_init(|| {
        let nouns = r"meeting|talks|session|conversation|call|discussions?|negotiations|summit|consultations";
        [
            regex::Regex::new(&format!(
                r"(?i)\b({NUMBER})[- ](hour|minute)(?:s)?(?:[- ]long)?\s+(?:(?:phone|telephone|closed-door|private|face-to-face)\s+)?(?:{nouns})\b"
            ))
            .expect("valid pattern"),
            regex::Regex::new(&format!(
                r"(?i)\bfor\s+((?:about|nearly|almost|more than|over|some)\s+)?({NUMBER})\s+(hours?|minutes?)\b"
            ))
            .expect("valid pattern"),
        ]
    });
    let unit = |number: &str, unit: &str| {
        let number = number.to_ascii_lowercase();
        let singular = matches!(number.as_str(), "a" | "an" | "one" | "1");
        let unit = unit.to_ascii_lowercase();
        let unit = unit.trim_end_matches('s');
        format!("{number} {unit}{}", if singular { "" } else { "s" })
    };
    if let Some(c) = compound.captures(text) {
        return Some(unit(&c[1], &c[2]));
    }
    if let Some(c) = phrase.captures(text) {
        let qualifier = c
            .get(1)
            .map(|m| m.as_str().to_ascii_lowercase())
            .unwrap_or_default();
        return Some(format!("{qualifier}{}", unit(&c[2], &c[3])));
    }
    None
}

/// Whether a date is a single day (or finer).
fn is_single_day(event: &Event) -> bool {
    event.when.start == event.when.end
        && matches!(
            event.when.precision,
            Precision::Day | Precision::Time | Precision::PartOfDay
        )
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(date: NaiveDate) -> &'static str {
    MONTHS[date.month0() as usize]
}

/// "Sunday 30 March 2014".
pub(crate) fn day_label(date: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        date.format("%A"),
        date.day(),
        month_name(date),
        date.year()
    )
}

/// "March 2014".
fn month_label(date: NaiveDate) -> String {
    format!("{} {}", month_name(date), date.year())
}

/// A heading for a span that is not one day.
fn span_label(event: &Event) -> String {
    let w = &event.when;
    match w.precision {
        Precision::Month if w.start.day() == 1 && w.start.month() == w.end.month() => {
            month_label(w.start)
        }
        Precision::Year if w.start.year() == w.end.year() => w.start.year().to_string(),
        Precision::Decade => format!("the {}0s", w.start.year() / 10),
        Precision::Century => format!("the {}00s", w.start.year() / 100),
        _ => short_range(w.start, w.end),
    }
}

/// "24–31 March 2014", "30 March – 1 April 2014", "30 March 2014".
fn short_range(start: NaiveDate, end: NaiveDate) -> String {
    if start == end {
        format!("{} {} {}", start.day(), month_name(start), start.year())
    } else if start.year() != end.year() {
        format!(
            "{} {} {} – {} {} {}",
            start.day(),
            month_name(start),
            start.year(),
            end.day(),
            month_name(end),
            end.year()
        )
    } else if start.month() != end.month() {
        format!(
            "{} {} – {} {} {}",
            start.day(),
            month_name(start),
            end.day(),
            month_name(end),
            end.year()
        )
    } else {
        format!(
            "{}–{} {} {}",
            start.day(),
            end.day(),
            month_name(end),
            end.year()
        )
    }
}

/// The order of events inside a group.
fn entry_order(event: &Event) -> (NaiveDate, NaiveDate, bool, String, usize, String) {
    let first = event
        .mentions
        .iter()
        .min_by(|a, b| (a.document.as_str(), a.start).cmp(&(b.document.as_str(), b.start)));
    let (start, end) = if is_vague_span(event) {
        (event.when.end, event.when.end)
    } else {
        (event.when.start, event.when.end)
    };
    (
        start,
        end,
        // within a day, what was said comes after what was done
        event.kind.is_verbal(),
        first.map(|m| m.document.clone()).unwrap_or_default(),
        first.map(|m| m.start).unwrap_or(usize::MAX),
        event.id.clone(),
    )
}

/// Whether an event's date is a vague span ("in recent days": precision
/// unknown, more than one day). Such an event is only known to have happened
/// by the span's last day, so the timeline lists it there, with its span.
pub(crate) fn is_vague_span(event: &Event) -> bool {
    event.when.precision == Precision::Unknown && event.when.start < event.when.end
}

/// Whether an event is dated to within a month (what decides how long the
/// timeline is: a decade-long background event does not make a week's
/// events group by month).
fn is_closely_dated(event: &Event) -> bool {
    !is_vague_span(event) && (event.when.end - event.when.start).num_days() < 31
}

/// Whether the events of a subgraph span long enough to group by month.
fn resolve_grouping(subgraph: &Subgraph, grouping: Grouping) -> Grouping {
    match grouping {
        Grouping::Auto => {
            let close: Vec<&Event> = subgraph
                .events
                .iter()
                .filter(|e| is_closely_dated(e))
                .collect();
            let considered: Vec<&Event> = if close.is_empty() {
                subgraph.events.iter().collect()
            } else {
                close
            };
            let first = considered.iter().map(|e| e.when.start).min();
            let last = considered.iter().map(|e| e.when.start).max();
            match (first, last) {
                (Some(a), Some(b)) if (b - a).num_days() > MONTH_GROUPING_DAYS => Grouping::Month,
                _ => Grouping::Day,
            }
        }
        g => g,
    }
}

/// Builds the chronological summary of a subgraph.
pub fn build_timeline(subgraph: &Subgraph, options: &TimelineOptions) -> Timeline {
    let grouping = resolve_grouping(subgraph, options.grouping);
    let mut events: Vec<&Event> = subgraph.events.iter().collect();
    events.sort_by_cached_key(|e| entry_order(e));

    // group key: (start, end, label)
    let mut groups: BTreeMap<(NaiveDate, NaiveDate, String), Vec<&Event>> = BTreeMap::new();
    for event in events {
        // a vague span is listed on its last day (or in that day's month)
        let (first, last) = if is_vague_span(event) {
            (event.when.end, event.when.end)
        } else {
            (event.when.start, event.when.end)
        };
        let key = match grouping {
            Grouping::Month if first.year() == last.year() && first.month() == last.month() => {
                let start = first.with_day(1).unwrap_or(first);
                let end =
                    crate::model::last_day_of_month(start.year(), start.month()).unwrap_or(start);
                (start, end, month_label(start))
            }
            Grouping::Day | Grouping::Auto
                if first == last && (is_single_day(event) || is_vague_span(event)) =>
            {
                (first, first, day_label(first))
            }
            _ => (event.when.start, event.when.end, span_label(event)),
        };
        groups.entry(key).or_default().push(event);
    }

    let documents: BTreeMap<&str, &crate::model::Document> = subgraph
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    let mut numbers: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sources: Vec<TimelineSource> = Vec::new();
    let mut out_groups = Vec::new();
    for ((start, end, label), events) in groups {
        let mut entries = Vec::new();
        for event in events {
            let mut mentions: Vec<_> = event.mentions.iter().collect();
            mentions.sort_by(|a, b| (&a.document, a.start).cmp(&(&b.document, b.start)));
            let mut cited = Vec::new();
            for m in &mentions {
                let number = *numbers.entry(m.document.as_str()).or_insert_with(|| {
                    let number = sources.len() + 1;
                    let doc = documents.get(m.document.as_str()).copied();
                    sources.push(TimelineSource {
                        number,
                        document: m.document.clone(),
                        title: doc.and_then(|d| d.title.clone()),
                        outlet: doc.and_then(|d| d.source.clone()),
                        published: doc.and_then(|d| d.published),
                        url: doc.and_then(|d| d.url.clone()),
                    });
                    number
                });
                if !cited.contains(&number) {
                    cited.push(number);
                }
            }
            cited.sort_unstable();
            entries.push(TimelineEntry {
                event: event.id.clone(),
                date: event.when.value.clone(),
                start: event.when.start,
                end: event.when.end,
                kind: event.kind,
                modality: event.modality,
                sentence: entry_sentence(event, &mentions, options.focus.as_deref()),
                date_inferred: event.when.source == crate::model::DateSource::Inferred,
                sources: cited,
                evidence: mentions
                    .iter()
                    .filter(|m| !m.text.is_empty())
                    .map(|m| m.text.clone())
                    .collect(),
            });
        }
        out_groups.push(TimelineGroup {
            label,
            start,
            end,
            entries,
        });
    }
    Timeline {
        version: TIMELINE_VERSION,
        title: options.title.clone(),
        grouping,
        groups: out_groups,
        sources,
        people: people(subgraph),
    }
}

/// The actors taking part in the events that have a title, sorted by name.
fn people(subgraph: &Subgraph) -> Vec<TimelinePerson> {
    let named: std::collections::BTreeSet<&str> = subgraph
        .events
        .iter()
        .flat_map(|e| e.participants.iter().map(|p| p.actor.as_str()))
        .collect();
    let mut people: Vec<TimelinePerson> = subgraph
        .actors
        .iter()
        .filter(|a| named.contains(a.name.as_str()) && a.held_titles().next().is_some())
        .map(|a| TimelinePerson {
            name: a.name.clone(),
            titles: a
                .held_titles()
                .map(|t| match &t.of {
                    Some(of) => format!("{}, {of}", t.title),
                    None => t.title.clone(),
                })
                .collect(),
        })
        .collect();
    people.sort_by(|a, b| a.name.cmp(&b.name));
    people.dedup_by(|a, b| a.name == b.name);
    people
}

/// Writes a chronological summary of the subgraph.
pub fn write_timeline(
    subgraph: &Subgraph,
    options: &TimelineOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let timeline = build_timeline(subgraph, options);
    match options.format {
        TimelineFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &timeline)?;
            writeln!(out)
        }
        TimelineFormat::Markdown => write_markdown(&timeline, out),
        TimelineFormat::Text => write_text(&timeline, out),
    }
}

/// The marker put before an entry's sentence ("Planned", "Possible").
pub(crate) fn modality_marker(modality: Modality) -> Option<&'static str> {
    match modality {
        Modality::Planned => Some("Planned"),
        Modality::Hypothetical => Some("Possible"),
        _ => None,
    }
}

/// The span of an entry that covers several days but is listed under one day
/// (a vague span listed on its last day): "between 24 and 31 March 2014".
/// `None` when the group covers more than one day or the entry is one day.
pub(crate) fn span_note(group: &TimelineGroup, entry: &TimelineEntry) -> Option<String> {
    if group.start != group.end || entry.start == entry.end {
        return None;
    }
    let (a, b) = (entry.start, entry.end);
    Some(if a.year() != b.year() {
        format!(
            "between {} {} {} and {} {} {}",
            a.day(),
            month_name(a),
            a.year(),
            b.day(),
            month_name(b),
            b.year()
        )
    } else if a.month() != b.month() {
        format!(
            "between {} {} and {} {} {}",
            a.day(),
            month_name(a),
            b.day(),
            month_name(b),
            b.year()
        )
    } else {
        format!(
            "between {} and {} {} {}",
            a.day(),
            b.day(),
            month_name(b),
            b.year()
        )
    })
}

/// The date written before an entry when events are grouped by month:
/// "30 March", "24–31 March 2014".
pub(crate) fn entry_date_prefix(entry: &TimelineEntry) -> String {
    if entry.start == entry.end {
        format!("{} {}", entry.start.day(), month_name(entry.start))
    } else {
        short_range(entry.start, entry.end)
    }
}

fn citations(numbers: &[usize]) -> String {
    if numbers.is_empty() {
        return String::new();
    }
    let list: Vec<String> = numbers.iter().map(|n| n.to_string()).collect();
    format!(" [{}]", list.join(", "))
}

/// Escapes text for Markdown: no markup, no raw HTML, one line.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One line of plain text: control characters become spaces.
fn plain_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn source_line(source: &TimelineSource, escape: &dyn Fn(&str) -> String) -> String {
    let mut parts = Vec::new();
    if let Some(outlet) = &source.outlet {
        parts.push(escape(outlet));
    }
    if let Some(title) = &source.title {
        parts.push(format!("“{}”", escape(title)));
    }
    if parts.is_empty() {
        parts.push(escape(&source.document));
    }
    let mut line = parts.join(": ");
    if let Some(date) = source.published {
        line.push_str(&format!(", {date}"));
    }
    if let Some(url) = &source.url {
        line.push_str(&format!(", {}", escape(url)));
    }
    if source.title.is_some() || source.outlet.is_some() {
        line.push_str(&format!(" (document {})", escape(&source.document)));
    }
    line
}

/// One entry of a timeline as a line without its bullet: the date (when
/// grouped by month), the modality marker (wrapped in `emphasis`), the
/// escaped sentence, notes on vague or inferred dates, and the citations.
fn entry_line(
    timeline: &Timeline,
    group: &TimelineGroup,
    entry: &TimelineEntry,
    emphasis: &str,
    escape: &dyn Fn(&str) -> String,
) -> String {
    let mut line = String::new();
    if timeline.grouping == Grouping::Month {
        line.push_str(&format!("{}: ", entry_date_prefix(entry)));
    }
    if let Some(marker) = modality_marker(entry.modality) {
        line.push_str(&format!("{emphasis}{marker}:{emphasis} "));
    }
    line.push_str(&escape(&entry.sentence));
    if let Some(note) = span_note(group, entry) {
        line.push_str(&format!(" ({note})"));
    }
    if entry.date_inferred {
        line.push_str(" (date inferred from the report)");
    }
    line.push_str(&citations(&entry.sources));
    line
}

fn write_markdown(timeline: &Timeline, out: &mut dyn Write) -> io::Result<()> {
    match &timeline.title {
        Some(title) => writeln!(out, "# {}", escape_markdown(title))?,
        None => writeln!(out, "# Timeline")?,
    }
    if timeline.groups.is_empty() {
        writeln!(out, "\nNo events.")?;
        return Ok(());
    }
    for group in &timeline.groups {
        writeln!(out, "\n## {}\n", escape_markdown(&group.label))?;
        for entry in &group.entries {
            let line = entry_line(timeline, group, entry, "**", &escape_markdown);
            writeln!(out, "- {line}")?;
        }
    }
    if !timeline.people.is_empty() {
        writeln!(out, "\n## Who's who\n")?;
        for person in &timeline.people {
            let titles: Vec<String> = person.titles.iter().map(|t| escape_markdown(t)).collect();
            writeln!(
                out,
                "- {}: {}",
                escape_markdown(&person.name),
                titles.join("; ")
            )?;
        }
    }
    if !timeline.sources.is_empty() {
        writeln!(out, "\n## Sources\n")?;
        for source in &timeline.sources {
            writeln!(
                out,
                "{}. {}",
                source.number,
                source_line(source, &escape_markdown)
            )?;
        }
    }
    Ok(())
}

fn write_text(timeline: &Timeline, out: &mut dyn Write) -> io::Result<()> {
    let title = timeline
        .title
        .as_deref()
        .map(plain_line)
        .unwrap_or_else(|| "Timeline".to_string());
    writeln!(out, "{title}")?;
    writeln!(out, "{}", "=".repeat(title.chars().count()))?;
    if timeline.groups.is_empty() {
        writeln!(out, "\nNo events.")?;
        return Ok(());
    }
    for group in &timeline.groups {
        writeln!(out, "\n{}", plain_line(&group.label))?;
        for entry in &group.entries {
            let line = entry_line(timeline, group, entry, "", &plain_line);
            writeln!(out, "  - {line}")?;
        }
    }
    if !timeline.people.is_empty() {
        writeln!(out, "\nWho's who")?;
        for person in &timeline.people {
            let titles: Vec<String> = person.titles.iter().map(|t| plain_line(t)).collect();
            writeln!(
                out,
                "  - {}: {}",
                plain_line(&person.name),
                titles.join("; ")
            )?;
        }
    }
    if !timeline.sources.is_empty() {
        writeln!(out, "\nSources")?;
        for source in &timeline.sources {
            writeln!(
                out,
                "  [{}] {}",
                source.number,
                source_line(source, &plain_line)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Mention, Participant, Role, When};

    fn ev(id: &str, kind: EventKind, date: &str, actor: &str, offset: usize) -> Event {
        Event {
            id: id.into(),
            kind,
            cameo: None,
            source_code: None,
            target_code: None,
            when: When::parse_query(date).unwrap(),
            participants: vec![Participant {
                actor: actor.into(),
                role: Role::Source,
            }],
            place: None,
            modality: Modality::Asserted,
            mentions: vec![Mention {
                document: "d1".into(),
                text: "t".into(),
                start: offset,
                end: offset + 1,
            }],
            confidence: 1.0,
        }
    }

    #[test]
    fn deeds_come_before_words_within_a_day() {
        let sub = Subgraph {
            actors: vec![],
            events: vec![
                ev("a", EventKind::Statement, "2014-03-31", "X", 1),
                ev("b", EventKind::Visit, "2014-03-31", "Y", 50),
                ev("c", EventKind::Meet, "2014-03-30", "Z", 99),
            ],
            documents: vec![],
        };
        let t = build_timeline(&sub, &TimelineOptions::default());
        let order: Vec<&str> = t
            .groups
            .iter()
            .flat_map(|g| g.entries.iter().map(|e| e.event.as_str()))
            .collect();
        assert_eq!(order, ["c", "b", "a"]);
        assert_eq!(t.groups[0].label, "Sunday 30 March 2014");
        assert_eq!(t.sources.len(), 1);
        assert_eq!(t.sources[0].number, 1);
    }

    #[test]
    fn long_spans_group_by_month_and_vague_dates_get_their_own_heading() {
        let sub = Subgraph {
            actors: vec![],
            events: vec![
                ev("a", EventKind::Meet, "2014-01-05", "X", 1),
                ev("b", EventKind::Meet, "2014-06-07", "Y", 2),
                ev("c", EventKind::Meet, "2014-06", "Z", 3),
            ],
            documents: vec![],
        };
        let t = build_timeline(&sub, &TimelineOptions::default());
        assert_eq!(t.grouping, Grouping::Month);
        let labels: Vec<&str> = t.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(labels, ["January 2014", "June 2014"]);
        let day = build_timeline(
            &sub,
            &TimelineOptions {
                grouping: Grouping::Day,
                ..Default::default()
            },
        );
        let labels: Vec<&str> = day.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Sunday 5 January 2014", "June 2014", "Saturday 7 June 2014"]
        );
    }

    #[test]
    fn reported_speech_is_found_after_the_speakers_said() {
        let check = |text: &str, speaker: &str, expected: Option<&str>| {
            assert_eq!(
                reported_speech(text, speaker).as_deref(),
                expected,
                "{text}"
            );
        };
        check(
            "Ada Quill, a researcher at Valdor's Institute for Harbour and Shipping Affairs, said her figures showed Kestrel had only 300 boats left in port by Friday.",
            "Ada Quill",
            Some("her figures showed Kestrel had only 300 boats left in port by Friday"),
        );
        check(
            "Kerry said on Sunday that the talks had been constructive and frank.",
            "John Kerry",
            Some("the talks had been constructive and frank"),
        );
        // someone else speaks, or too little is said
        check(
            "Kestrel is moving its fleet north, a Valdor official said on Friday.",
            "Kestrel",
            None,
        );
        check("Lavrov said the meeting went well.", "John Kerry", None);
        check("Kerry said on Monday.", "John Kerry", None);
        check(
            "Kerrymann said the talks were long and hard work.",
            "John Kerry",
            None,
        );
        check(
            "Kestrel is moving its fleet north, a Valdor official said, adding that it would take weeks.",
            "Kestrel",
            None,
        );
        check(
            "Kerry met Lavrov, who said the talks would go on for weeks.",
            "John Kerry",
            None,
        );
    }

    #[test]
    fn durations_are_found() {
        let check = |text: &str, expected: Option<&str>| {
            assert_eq!(duration_of(text).as_deref(), expected, "{text}");
        };
        check(
            "after a four-hour session in the capital",
            Some("four hours"),
        );
        check("a 90-minute phone call with", Some("90 minutes"));
        check("an hour-long conversation", Some("an hour"));
        check("They talked for about two hours.", Some("about two hours"));
        check("They met for 1 hour", Some("1 hour"));
        check("a four-hour drive to Paris", None);
        check("met on Sunday", None);
    }

    #[test]
    fn quotations_are_found() {
        assert_eq!(
            quoted_passage("\"In recent days, the forces withdrew,\" said X."),
            Some("In recent days, the forces withdrew".into())
        );
        assert_eq!(
            quoted_passage("called it “a small sign of hope” today"),
            Some("a small sign of hope".into())
        );
        assert_eq!(quoted_passage("a \"special economic zone\" only"), None);
        assert_eq!(quoted_passage("no quote here"), None);
        assert_eq!(quoted_passage("unclosed \"quote here and more"), None);
    }

    #[test]
    fn month_groups_give_each_entry_its_day() {
        let mut planned = ev("b", EventKind::Meet, "2014-06-07", "Y", 2);
        planned.modality = Modality::Planned;
        let sub = Subgraph {
            actors: vec![],
            events: vec![ev("a", EventKind::Call, "2014-01-05", "X", 1), planned],
            documents: vec![],
        };
        let mut out = Vec::new();
        write_timeline(&sub, &TimelineOptions::default(), &mut out).unwrap();
        let md = String::from_utf8(out).unwrap();
        assert!(
            md.contains("## January 2014\n\n- 5 January: X made a phone call. [1]\n"),
            "{md}"
        );
        assert!(
            md.contains("- 7 June: **Planned:** Y is to hold a meeting. [1]"),
            "{md}"
        );
        assert!(md.contains("## Sources\n\n1. d1\n"), "{md}");
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(
            escape_markdown("<script>*x*\n[y]"),
            "\\<script\\>\\*x\\* \\[y\\]"
        );
    }
}
