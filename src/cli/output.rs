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

/// A table laid out as [`write_table`] lays out a [`new_table`] (the
/// ASCII_MARKDOWN preset, each column as wide as its widest cell, one
/// space of padding, control characters removed), built without a
/// `comfy_table` cell a value: the cells are kept in one text buffer and
/// the table is written line by line. The one-day `events` of a big store
/// prints tens of thousands of rows, where `comfy_table`'s copies of each
/// cell took most of the time. Its output is `write_table`'s, byte for
/// byte (`a_plain_table_is_written_as_comfy_table_writes_it`).
pub(super) struct PlainTable {
    /// The number of columns.
    columns: usize,
    /// Every cell's text, header first, control characters removed.
    text: String,
    /// Where each cell ends in `text`.
    ends: Vec<usize>,
    /// The display width of each column (at least 1).
    widths: Vec<usize>,
}

/// The display width of a cell, as `comfy_table` measures it.
fn display_width(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        unicode_width::UnicodeWidthStr::width(s)
    }
}

impl PlainTable {
    /// A table with this header.
    pub(super) fn new(header: &[&str]) -> PlainTable {
        let mut table = PlainTable {
            columns: header.len(),
            text: String::new(),
            ends: Vec::new(),
            widths: vec![1; header.len()],
        };
        for cell in header {
            table.push_cell(cell);
        }
        table
    }

    /// Appends a cell; a row is `columns` cells in a row.
    pub(super) fn push_cell(&mut self, cell: &str) {
        let start = self.text.len();
        self.text.push_str(&strip_controls(cell, false));
        self.end_cell(start);
    }

    /// Appends a cell written by `write` into the table's buffer (no
    /// allocation of its own).
    pub(super) fn push_with(&mut self, write: impl FnOnce(&mut String)) {
        let start = self.text.len();
        write(&mut self.text);
        if self.text[start..].contains(char::is_control) {
            let clean = strip_controls(&self.text[start..], false).into_owned();
            self.text.truncate(start);
            self.text.push_str(&clean);
        }
        self.end_cell(start);
    }

    fn end_cell(&mut self, start: usize) {
        let column = self.ends.len() % self.columns.max(1);
        let width = display_width(&self.text[start..]);
        if let Some(w) = self.widths.get_mut(column) {
            *w = (*w).max(width);
        }
        self.ends.push(self.text.len());
    }

    /// Writes the table followed by a newline, as [`write_table`] does.
    pub(super) fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        // comfy_table measures widths in u16: past that it would wrap,
        // which this writer does not; let it write such a table
        if self.columns == 0
            || self.widths.iter().any(|&w| w > usize::from(u16::MAX))
            || !self.ends.len().is_multiple_of(self.columns)
        {
            return self.write_through_comfy_table(out);
        }
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        let mut start = 0;
        for (i, &end) in self.ends.iter().enumerate() {
            let column = i % self.columns;
            let cell = &self.text[start..end];
            start = end;
            out.write_all(if column == 0 { b"| " } else { b" | " })?;
            out.write_all(cell.as_bytes())?;
            let pad = self.widths[column] - display_width(cell);
            write_spaces(&mut out, pad)?;
            if column + 1 == self.columns {
                out.write_all(b" |")?;
                if i + 1 == self.columns {
                    // the line under the header
                    out.write_all(b"\n")?;
                    for w in &self.widths {
                        out.write_all(b"|")?;
                        for _ in 0..w + 2 {
                            out.write_all(b"-")?;
                        }
                    }
                    out.write_all(b"|")?;
                }
                if i + 1 < self.ends.len() {
                    out.write_all(b"\n")?;
                }
            }
        }
        out.write_all(b"\n")?;
        out.flush()
    }

    fn write_through_comfy_table(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut cells: Vec<&str> = Vec::with_capacity(self.ends.len());
        let mut start = 0;
        for &end in &self.ends {
            cells.push(&self.text[start..end]);
            start = end;
        }
        let columns = self.columns.max(1);
        let mut chunks = cells.chunks(columns);
        let header = chunks.next().unwrap_or_default();
        let mut table = new_table(header);
        for row in chunks {
            table.add_row(row.to_vec());
        }
        write_table(out, &table)
    }
}

fn write_spaces(out: &mut impl Write, n: usize) -> io::Result<()> {
    const SPACES: &[u8; 64] = &[b' '; 64];
    let mut left = n;
    while left > 0 {
        let k = left.min(SPACES.len());
        out.write_all(&SPACES[..k])?;
        left -= k;
    }
    Ok(())
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
    if format == ListFormat::Table {
        return write_event_table(graph, ids, out);
    }
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
        ListFormat::Table => unreachable!("written above"),
    }
    Ok(())
}

/// Writes a day as `2014-03-30` into `out` (chrono's `%Y-%m-%d`).
fn push_day(out: &mut String, day: i32) {
    use chrono::Datelike;
    use std::fmt::Write as _;
    let Some(date) = crate::model::date_of_day_number(day) else {
        return;
    };
    if (0..=9999).contains(&date.year()) {
        let _ = write!(
            out,
            "{:04}-{:02}-{:02}",
            date.year(),
            date.month(),
            date.day()
        );
    } else {
        let _ = write!(out, "{}", date.format("%Y-%m-%d"));
    }
}

/// The events table (`events`, table format): the date span (one day, or
/// `first..last`), the participants as `participants_text` gives them,
/// and the rest read from the graph directly, with no model event built
/// (a row of a one-day `events` of a 10M-row store cost a dozen
/// allocations that way).
fn write_event_table(graph: &Graph, ids: &[EventId], out: &mut dyn Write) -> anyhow::Result<()> {
    let rows = ids.iter().filter_map(|&id| {
        let (Some((start, end)), Some(kind), Some(modality), Some(key)) = (
            graph.event_days(id),
            graph.event_kind(id),
            graph.event_modality(id),
            graph.event_key(id),
        ) else {
            return None;
        };
        Some(crate::pipeline::ListedRow {
            start,
            end,
            kind,
            modality,
            key,
            participants: graph.participants(id),
            place: graph.event_place(id),
            sources: graph.event_documents(id).len(),
        })
    });
    write_listed_table(graph, rows, out)
}

/// The events table of rows read without a graph of their events
/// (`pipeline::list_days`), or of the graph's events: `graph` names the
/// actors and places.
pub(super) fn write_listed_table<R: std::borrow::Borrow<crate::pipeline::ListedRow>>(
    graph: &Graph,
    rows: impl IntoIterator<Item = R>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    use std::fmt::Write as _;
    let mut table = PlainTable::new(&[
        "date", "kind", "actors", "place", "modality", "sources", "id",
    ]);
    let mut names: Vec<(crate::model::Role, &str)> = Vec::new();
    for row in rows {
        let row = row.borrow();
        let (start, end) = (row.start, row.end);
        // as `to_event`: a day that is no date leaves the event out
        if crate::model::date_of_day_number(start).is_none()
            || crate::model::date_of_day_number(end).is_none()
        {
            continue;
        }
        table.push_with(|s| {
            push_day(s, start);
            if start != end {
                s.push_str("..");
                push_day(s, end);
            }
        });
        table.push_cell(row.kind.as_str());
        names.clear();
        names.extend(
            row.participants
                .iter()
                .filter_map(|&(a, role)| Some((role, graph.actor(a)?.name.as_str()))),
        );
        names.sort();
        table.push_with(|s| {
            for (i, (role, name)) in names.iter().enumerate() {
                if i > 0 {
                    s.push_str("; ");
                }
                s.push_str(name);
                if *role != crate::model::Role::Participant {
                    let _ = write!(s, " ({})", role.as_str());
                }
            }
        });
        let place = row
            .place
            .and_then(|p| graph.place(p))
            .map_or("", |p| p.name.as_str());
        table.push_cell(place);
        table.push_cell(row.modality.as_str());
        let sources = row.sources;
        table.push_with(|s| {
            let _ = write!(s, "{sources}");
        });
        let key = row.key;
        table.push_with(|s| {
            let _ = write!(s, "e{key:016x}");
        });
    }
    table.write(out)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn through_comfy(rows: &[Vec<String>]) -> String {
        let header: Vec<&str> = rows[0].iter().map(String::as_str).collect();
        let mut table = new_table(&header);
        for row in &rows[1..] {
            table.add_row(row.clone());
        }
        let mut out = Vec::new();
        write_table(&mut out, &table).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn through_plain(rows: &[Vec<String>]) -> String {
        let header: Vec<&str> = rows[0].iter().map(String::as_str).collect();
        let mut table = PlainTable::new(&header);
        for row in &rows[1..] {
            for (i, cell) in row.iter().enumerate() {
                if i % 2 == 0 {
                    table.push_cell(cell);
                } else {
                    table.push_with(|s| s.push_str(cell));
                }
            }
        }
        let mut out = Vec::new();
        table.write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_plain_table_is_written_as_comfy_table_writes_it() {
        let cells = [
            "",
            "a",
            "Pennsylvania",
            "2016-03-15..2016-03-16",
            "Zürich",
            "東京 summit",
            "e\u{301}migré",
            "tab\there",
            "two\nlines",
            "bell\u{7}",
            "\u{1b}[31mred",
            "🙂 ok",
            "   spaces   ",
            "|pipe|",
        ];
        // header only, then growing tables whose cells cycle through the list
        for n_rows in 0..6 {
            for columns in 1..5 {
                let mut rows = vec![(0..columns).map(|c| format!("h{c}")).collect::<Vec<_>>()];
                for r in 0..n_rows {
                    rows.push(
                        (0..columns)
                            .map(|c| cells[(r * 7 + c * 3 + n_rows) % cells.len()].to_string())
                            .collect(),
                    );
                }
                assert_eq!(through_plain(&rows), through_comfy(&rows), "{rows:?}");
            }
        }
        // a header cell wider than the column's cells, and an empty header
        let rows = vec![
            vec!["a long header".to_string(), String::new()],
            vec!["x".to_string(), "東".to_string()],
        ];
        assert_eq!(through_plain(&rows), through_comfy(&rows));
    }
}
