//! Rendering query results: the JSON shapes of `events` and `meetings`,
//! tables and CSV.

use super::ListFormat;
use crate::export::{strip_controls, text_cell};
use crate::graph::{EventId, Graph, Meeting};
use crate::model::Event;
use comfy_table::{presets, ContentArrangement, Table};
use serde::Serialize;
use std::io::{self, Write};

/// A document an event is reported in.
#[derive(Debug, Clone, Serialize)]
pub(super) struct SourceJson {
    /// The document id.
    pub document: String,
    /// The document's title, if known.
    pub title: Option<String>,
    /// The document's URL, if known.
    pub url: Option<String>,
    /// The publication day (`2014-03-30`), if known.
    pub published: Option<String>,
    /// The supporting sentences from this document.
    pub evidence: Vec<String>,
}

/// `{"start","end","value"}`.
#[derive(Debug, Clone, Serialize)]
pub(super) struct DateJson {
    /// The first day (`2014-03-30`).
    pub start: String,
    /// The last day, inclusive.
    pub end: String,
    /// The TIMEX3 value (`2014-03-30`, `2014-03`, `2014-W14`).
    pub value: String,
}

/// `{"name","role"}`.
#[derive(Debug, Clone, Serialize)]
pub(super) struct ActorRoleJson {
    /// The actor's canonical name.
    pub name: String,
    /// `source`, `target` or `participant`.
    pub role: String,
}

/// One event as `eventgraph events --format json` prints it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct EventJson {
    /// The event id.
    pub id: String,
    /// The event kind (`meet`, `visit`, ...).
    pub kind: String,
    /// The CAMEO code, if any.
    pub cameo: Option<String>,
    /// The source's CAMEO actor code (a coded article, a GDELT row).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_code: Option<String>,
    /// The target's CAMEO actor code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_code: Option<String>,
    /// When it happened.
    pub date: DateJson,
    /// The participants, in the event's order.
    pub actors: Vec<ActorRoleJson>,
    /// The place name, if any.
    pub place: Option<String>,
    /// `asserted`, `planned`, `reported`, `negated` or `hypothetical`.
    pub modality: String,
    /// The documents that report it (see [`sources`]).
    pub sources: Vec<SourceJson>,
    /// Values reports gave that the merged event did not keep.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflicts: Option<crate::graph::EventConflicts>,
}

/// One meeting as `eventgraph meetings --format json` prints it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct MeetingJson {
    /// The first day (`2014-03-30`).
    pub date: String,
    /// The last day, inclusive.
    pub end: String,
    /// The event kind.
    pub kind: String,
    /// The place name, if any.
    pub place: Option<String>,
    /// The canonical names of those who met, sorted.
    pub actors: Vec<String>,
    /// `asserted`, `planned`, `reported`, `negated` or `hypothetical`.
    pub modality: String,
    /// Whether it happened (asserted or reported); `meetings` lists only
    /// these unless `--include-planned`.
    pub happened: bool,
    /// The documents that report it (see [`sources`]).
    pub sources: Vec<SourceJson>,
    /// The id of the meeting's event.
    pub event: String,
}

fn day(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The sources of an event: one per document, sorted by document id.
pub(super) fn sources(graph: &Graph, event: &Event) -> Vec<SourceJson> {
    let mut out: Vec<SourceJson> = Vec::new();
    for mention in &event.mentions {
        if out.last().is_none_or(|s| s.document != mention.document) {
            let doc = graph
                .document_named(&mention.document)
                .and_then(|d| graph.document(d));
            out.push(SourceJson {
                document: mention.document.clone(),
                title: doc.and_then(|d| d.title.clone()),
                url: doc.and_then(|d| d.url.clone()),
                published: doc.and_then(|d| d.published).map(day),
                evidence: Vec::new(),
            });
        }
        if !mention.text.is_empty() {
            if let Some(last) = out.last_mut() {
                if !last.evidence.contains(&mention.text) {
                    last.evidence.push(mention.text.clone());
                }
            }
        }
    }
    out
}

/// The JSON form of an event.
pub(super) fn event_json(graph: &Graph, event: &Event) -> EventJson {
    EventJson {
        id: event.id.clone(),
        kind: event.kind.as_str().to_string(),
        cameo: event.cameo.clone(),
        source_code: event.source_code.clone(),
        target_code: event.target_code.clone(),
        date: DateJson {
            start: day(event.when.start),
            end: day(event.when.end),
            value: event.when.value.clone(),
        },
        actors: event
            .participants
            .iter()
            .map(|p| ActorRoleJson {
                name: p.actor.clone(),
                role: p.role.as_str().to_string(),
            })
            .collect(),
        place: event.place.clone(),
        modality: event.modality.as_str().to_string(),
        sources: sources(graph, event),
        conflicts: crate::model::parse_key(&event.id)
            .and_then(|key| graph.event_by_key(key))
            .and_then(|id| graph.conflicts(id))
            .cloned(),
    }
}

/// The JSON form of a meeting.
pub(super) fn meeting_json(graph: &Graph, meeting: &Meeting) -> Option<MeetingJson> {
    let event = graph.to_event(meeting.event)?;
    let mut actors: Vec<String> = meeting
        .actors
        .iter()
        .filter_map(|&a| graph.actor(a).map(|x| x.name.clone()))
        .collect();
    actors.sort();
    Some(MeetingJson {
        date: day(event.when.start),
        end: day(event.when.end),
        kind: event.kind.as_str().to_string(),
        place: event.place.clone(),
        actors,
        modality: event.modality.as_str().to_string(),
        happened: happened(event.modality),
        sources: sources(graph, &event),
        event: event.id.clone(),
    })
}

/// Whether a modality says the event happened: asserted, or reported by
/// someone else. Planned, negated and hypothetical events did not (yet).
pub(super) fn happened(modality: crate::model::Modality) -> bool {
    matches!(
        modality,
        crate::model::Modality::Asserted | crate::model::Modality::Reported
    )
}

/// A date span for a table: one day, or `first..last`.
pub(super) fn span_text(event: &Event) -> String {
    if event.when.start == event.when.end {
        day(event.when.start)
    } else {
        format!("{}..{}", day(event.when.start), day(event.when.end))
    }
}

/// A plain table that does not depend on the terminal width.
pub(super) fn new_table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::ASCII_MARKDOWN)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.to_vec());
    table
}

/// Writes a table followed by a newline, with the control characters of
/// its cells removed (an escape sequence in a name would act on the
/// terminal instead of being shown).
pub(super) fn write_table(out: &mut dyn Write, table: &Table) -> io::Result<()> {
    let clean = |row: &comfy_table::Row| -> Vec<String> {
        row.cell_iter()
            .map(|cell| strip_controls(&cell.content(), false).into_owned())
            .collect()
    };
    let mut shown = Table::new();
    shown
        .load_preset(presets::ASCII_MARKDOWN)
        .set_content_arrangement(ContentArrangement::Disabled);
    if let Some(header) = table.header() {
        shown.set_header(clean(header));
    }
    for row in table.row_iter() {
        shown.add_row(clean(row));
    }
    writeln!(out, "{shown}")
}

/// Writes pretty JSON followed by a newline.
pub(super) fn write_json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

fn participants_text(event: &Event) -> String {
    event
        .participants
        .iter()
        .map(|p| match p.role {
            crate::model::Role::Participant => p.actor.clone(),
            role => format!("{} ({})", p.actor, role.as_str()),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Writes events in a format.
pub(super) fn write_events(
    graph: &Graph,
    ids: &[EventId],
    format: ListFormat,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let events: Vec<Event> = ids.iter().filter_map(|&id| graph.to_event(id)).collect();
    match format {
        ListFormat::Json => {
            let rows: Vec<EventJson> = events.iter().map(|e| event_json(graph, e)).collect();
            write_json(out, &rows)?;
        }
        ListFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record([
                "id", "start", "end", "value", "kind", "cameo", "actors", "place", "modality",
                "sources",
            ])?;
            for e in &events {
                let docs: Vec<String> = sources(graph, e).into_iter().map(|s| s.document).collect();
                writer.write_record([
                    e.id.as_str(),
                    &day(e.when.start),
                    &day(e.when.end),
                    &text_cell(&e.when.value),
                    e.kind.as_str(),
                    &text_cell(e.cameo.as_deref().unwrap_or("")),
                    &text_cell(&participants_text(e)),
                    &text_cell(e.place.as_deref().unwrap_or("")),
                    e.modality.as_str(),
                    &text_cell(&docs.join(" ")),
                ])?;
            }
            writer.flush()?;
        }
        ListFormat::Table => {
            let mut table = new_table(&[
                "date", "kind", "actors", "place", "modality", "sources", "id",
            ]);
            for e in &events {
                table.add_row(vec![
                    span_text(e),
                    e.kind.as_str().to_string(),
                    participants_text(e),
                    e.place.clone().unwrap_or_default(),
                    e.modality.as_str().to_string(),
                    sources(graph, e).len().to_string(),
                    e.id.clone(),
                ]);
            }
            write_table(out, &table)?;
        }
    }
    Ok(())
}

/// Writes meetings in a format.
pub(super) fn write_meetings(
    graph: &Graph,
    meetings: &[Meeting],
    format: ListFormat,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let rows: Vec<MeetingJson> = meetings
        .iter()
        .filter_map(|m| meeting_json(graph, m))
        .collect();
    match format {
        ListFormat::Json => write_json(out, &rows)?,
        ListFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record([
                "date", "end", "kind", "place", "actors", "modality", "sources", "event",
            ])?;
            for m in &rows {
                let docs: Vec<&str> = m.sources.iter().map(|s| s.document.as_str()).collect();
                writer.write_record([
                    m.date.as_str(),
                    &m.end,
                    &m.kind,
                    &text_cell(m.place.as_deref().unwrap_or("")),
                    &text_cell(&m.actors.join("; ")),
                    &m.modality,
                    &text_cell(&docs.join(" ")),
                    &m.event,
                ])?;
            }
            writer.flush()?;
        }
        ListFormat::Table => {
            let mut table = new_table(&[
                "date", "kind", "who", "place", "modality", "sources", "event",
            ]);
            for m in &rows {
                let date = if m.date == m.end {
                    m.date.clone()
                } else {
                    format!("{}..{}", m.date, m.end)
                };
                table.add_row(vec![
                    date,
                    m.kind.clone(),
                    m.actors.join(" – "),
                    m.place.clone().unwrap_or_default(),
                    // What did not happen is marked: "planned (not held)".
                    if m.happened {
                        m.modality.clone()
                    } else {
                        format!("{} (not held)", m.modality)
                    },
                    m.sources.len().to_string(),
                    m.event.clone(),
                ]);
            }
            write_table(out, &table)?;
        }
    }
    Ok(())
}
