//! CSV exports: events, actors and participants (one row per actor in an
//! event), RFC 4180 quoting, a header row, `;` between list items.
//!
//! - events.csv: `id,start,end,date,precision,kind,cameo,modality,place,actors,documents,confidence,summary,evidence`
//! - actors.csv: `name,kind,aliases,titles,affiliation,country,events`
//! - participants.csv: `event,actor,role,start,kind,modality`

use crate::model::{Event, Subgraph};
use std::collections::BTreeMap;
use std::io::{self, Write};

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
            &event.when.value,
            event.when.precision.as_str(),
            event.kind.as_str(),
            event.cameo.as_deref().unwrap_or(""),
            event.modality.as_str(),
            event.place.as_deref().unwrap_or(""),
            &actors.join(";"),
            &documents.join(";"),
            &format!("{:.2}", event.confidence),
            &format!("{}.", crate::summary::event_sentence(event)),
            evidence,
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
            actor.name.as_str(),
            actor.kind.as_str(),
            &actor.aliases.join(";"),
            &titles.join(";"),
            actor.affiliation.as_deref().unwrap_or(""),
            actor.country.as_deref().unwrap_or(""),
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
                p.actor.as_str(),
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
