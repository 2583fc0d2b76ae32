//! CSV exports: events, actors and participants (one row per actor in an
//! event), RFC 4180 quoting, a header row, `;` between list items.
//!
//! - events.csv: `id,start,end,date,precision,kind,cameo,modality,place,actors,documents,confidence,summary,evidence`
//! - actors.csv: `name,kind,aliases,titles,affiliation,country,events`
//! - participants.csv: `event,actor,role,start,kind,modality`
//!
//! Text cells (names, places, documents, sentences, values read from the
//! input) go through [`text_cell`]: control characters are removed and a
//! cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
//! `@`) gets a leading apostrophe. Numbers, dates and the fixed
//! vocabularies are written as they are.

use crate::model::{Event, Subgraph};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// `s` without control characters (NUL, ESC, DEL, the C1 controls such as
/// CSI), keeping line breaks and tabs when `keep_layout` is set: what a
/// terminal or a spreadsheet would act on instead of showing.
pub(crate) fn strip_controls(s: &str, keep_layout: bool) -> Cow<'_, str> {
    let unwanted = |c: char| c.is_control() && !(keep_layout && matches!(c, '\n' | '\t'));
    if !s.contains(unwanted) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter(|&c| !unwanted(c)).collect())
}

/// A text cell for a CSV file: control characters removed (line breaks and
/// tabs kept, the CSV quoting holds them), and a leading apostrophe when a
/// spreadsheet would read the cell as a formula. For text only: a number
/// such as `-3.5` must not go through it.
pub(crate) fn text_cell(s: &str) -> Cow<'_, str> {
    let clean = strip_controls(s, true);
    if clean.starts_with(['=', '+', '-', '@', '\t']) {
        Cow::Owned(format!("'{clean}"))
    } else {
        clean
    }
}

fn csv_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn sorted_events(subgraph: &Subgraph) -> Vec<&Event> {
    let mut events: Vec<&Event> = subgraph.events.iter().collect();
    events
        .sort_by(|a, b| (a.when.start, a.when.end, &a.id).cmp(&(b.when.start, b.when.end, &b.id)));
    events
}

/// Writes one row per event.
pub fn write_csv_events(subgraph: &Subgraph, out: &mut dyn Write) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record([
        "id",
        "start",
        "end",
        "date",
        "precision",
        "kind",
        "cameo",
        "modality",
        "place",
        "actors",
        "documents",
        "confidence",
        "summary",
        "evidence",
    ])
    .map_err(csv_error)?;
    for event in sorted_events(subgraph) {
        let mut actors: Vec<&str> = Vec::new();
        for p in &event.participants {
            if !actors.contains(&p.actor.as_str()) {
                actors.push(&p.actor);
            }
        }
        let mut documents: Vec<&str> = event.mentions.iter().map(|m| m.document.as_str()).collect();
        documents.sort_unstable();
        documents.dedup();
        let mut mentions: Vec<_> = event.mentions.iter().collect();
        mentions.sort_by(|a, b| (&a.document, a.start).cmp(&(&b.document, b.start)));
        let evidence = mentions
            .iter()
            .map(|m| m.text.as_str())
            .find(|t| !t.is_empty())
            .unwrap_or("");
        w.write_record([
            event.id.as_str(),
            &event.when.start.to_string(),
            &event.when.end.to_string(),
            &text_cell(&event.when.value),
            event.when.precision.as_str(),
            event.kind.as_str(),
            &text_cell(event.cameo.as_deref().unwrap_or("")),
            event.modality.as_str(),
            &text_cell(event.place.as_deref().unwrap_or("")),
            &text_cell(&actors.join(";")),
            &text_cell(&documents.join(";")),
            &format!("{:.2}", event.confidence),
            &text_cell(&format!("{}.", crate::summary::event_sentence(event))),
            &text_cell(evidence),
        ])
        .map_err(csv_error)?;
    }
    w.flush()
}

/// Writes one row per actor, with the number of events it takes part in.
pub fn write_csv_actors(subgraph: &Subgraph, out: &mut dyn Write) -> io::Result<()> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for event in &subgraph.events {
        let mut names: Vec<&str> = event
            .participants
            .iter()
            .map(|p| p.actor.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            *counts.entry(name).or_default() += 1;
        }
    }
    let mut actors: Vec<_> = subgraph.actors.iter().collect();
    actors.sort_by(|a, b| a.name.cmp(&b.name));
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record([
        "name",
        "kind",
        "aliases",
        "titles",
        "affiliation",
        "country",
        "events",
    ])
    .map_err(csv_error)?;
    for actor in actors {
        let titles: Vec<String> = actor
            .held_titles()
            .map(|t| match &t.of {
                Some(of) => format!("{} of {}", t.title, of),
                None => t.title.clone(),
            })
            .collect();
        w.write_record([
            &text_cell(&actor.name),
            actor.kind.as_str(),
            &text_cell(&actor.aliases.join(";")),
            &text_cell(&titles.join(";")),
            &text_cell(actor.affiliation.as_deref().unwrap_or("")),
            &text_cell(actor.country.as_deref().unwrap_or("")),
            &counts
                .get(actor.name.as_str())
                .copied()
                .unwrap_or(0)
                .to_string(),
        ])
        .map_err(csv_error)?;
    }
    w.flush()
}

/// Writes one row per (event, actor, role).
pub fn write_csv_participants(subgraph: &Subgraph, out: &mut dyn Write) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(["event", "actor", "role", "start", "kind", "modality"])
        .map_err(csv_error)?;
    for event in sorted_events(subgraph) {
        for p in &event.participants {
            w.write_record([
                event.id.as_str(),
                &text_cell(&p.actor),
                p.role.as_str(),
                &event.when.start.to_string(),
                event.kind.as_str(),
                event.modality.as_str(),
            ])
            .map_err(csv_error)?;
        }
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_controls_removed() {
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for start in ["+1", "-2", "@SUM(A1)", "\tx"] {
            assert_eq!(text_cell(start), format!("'{start}"));
        }
        assert_eq!(text_cell("Ada\u{0}\u{1b}[31m Quill"), "Ada[31m Quill");
        // a control character hiding a formula does not hide it
        assert_eq!(text_cell("\u{7}=1+1"), "'=1+1");
        assert_eq!(text_cell("C1 \u{9b}2J csi"), "C1 2J csi");
        assert_eq!(text_cell("line one\nline two"), "line one\nline two");
        assert!(matches!(text_cell("Paris"), Cow::Borrowed("Paris")));
        assert_eq!(strip_controls("a\tb\nc\u{1b}", false), "abc");
    }
}
