//! The subgraph as interchange documents (JSON Lines, one
//! `interchange::ExtractionDoc` per source document), the format that
//! `eventgraph ingest` reads: exporting and ingesting again rebuilds the
//! same actors and events.
//!
//! An event reported in several documents appears in each (with that
//! document's evidence); events with no mention go into one document with
//! the id [`UNSOURCED_DOCUMENT`]. Actors are numbered `a1, a2, ...` and
//! events `e1, e2, ...` within each document, in name and date order.

use crate::interchange::{
    ActorRecord, DateRecord, DocInfo, EventRecord, EvidenceRecord, ExtractionDoc, PlaceRecord,
    RoleRecord, FORMAT_VERSION,
};
use crate::model::{Actor, Event, Subgraph};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// The document id given to events that cite no document.
pub const UNSOURCED_DOCUMENT: &str = "eventgraph-unsourced";

fn actor_record(id: String, name: &str, actor: Option<&Actor>) -> ActorRecord {
    match actor {
        Some(a) => ActorRecord {
            id,
            name: a.name.clone(),
            kind: a.kind.as_str().to_string(),
            aliases: a.aliases.clone(),
            title: a.held_titles().next().map(|t| t.title.clone()),
            affiliation: a.affiliation.clone(),
            country: a.country.clone(),
        },
        None => ActorRecord {
            id,
            name: name.to_string(),
            kind: "group".to_string(),
            aliases: Vec::new(),
            title: None,
            affiliation: None,
            country: None,
        },
    }
}

/// The interchange documents of a subgraph, sorted by document id.
pub fn interchange_documents(subgraph: &Subgraph) -> Vec<ExtractionDoc> {
    let actors: BTreeMap<&str, &Actor> = subgraph
        .actors
        .iter()
        .map(|a| (a.name.as_str(), a))
        .collect();
    let mut by_document: BTreeMap<&str, Vec<&Event>> = BTreeMap::new();
    for event in &subgraph.events {
        let docs: BTreeSet<&str> = event.mentions.iter().map(|m| m.document.as_str()).collect();
        if docs.is_empty() {
            by_document
                .entry(UNSOURCED_DOCUMENT)
                .or_default()
                .push(event);
        }
        for doc in docs {
            by_document.entry(doc).or_default().push(event);
        }
    }
    let documents: BTreeMap<&str, &crate::model::Document> = subgraph
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    let mut out = Vec::new();
    for (doc_id, mut events) in by_document {
        events.sort_by(|a, b| {
            (a.when.start, a.when.end, &a.id).cmp(&(b.when.start, b.when.end, &b.id))
        });
        let names: BTreeSet<&str> = events
            .iter()
            .flat_map(|e| e.participants.iter().map(|p| p.actor.as_str()))
            .collect();
        let ids: BTreeMap<&str, String> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (*n, format!("a{}", i + 1)))
            .collect();
        let actor_records = names
            .iter()
            .map(|n| actor_record(ids[n].clone(), n, actors.get(n).copied()))
            .collect();
        let places: BTreeSet<&str> = events.iter().filter_map(|e| e.place.as_deref()).collect();
        let place_records = places
            .iter()
            .enumerate()
            .map(|(i, p)| PlaceRecord {
                id: format!("p{}", i + 1),
                name: p.to_string(),
                country: None,
                lat: None,
                lon: None,
            })
            .collect();
        let event_records = events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut evidence: Vec<EvidenceRecord> = e
                    .mentions
                    .iter()
                    .filter(|m| m.document == doc_id)
                    .map(|m| EvidenceRecord {
                        text: m.text.clone(),
                        start: m.start,
                        end: m.end,
                    })
                    .collect();
                evidence.sort_by_key(|a| (a.start, a.end));
                EventRecord {
                    id: format!("e{}", i + 1),
                    kind: e.kind.as_str().to_string(),
                    cameo: e.cameo.clone(),
                    date: DateRecord {
                        start: Some(e.when.start.to_string()),
                        end: Some(e.when.end.to_string()),
                        value: Some(e.when.value.clone()),
                        precision: Some(e.when.precision.as_str().to_string()),
                        source: Some(e.when.source.as_str().to_string()),
                    },
                    actors: e
                        .participants
                        .iter()
                        .map(|p| RoleRecord {
                            actor: ids[p.actor.as_str()].clone(),
                            role: p.role.as_str().to_string(),
                        })
                        .collect(),
                    place: e.place.clone(),
                    modality: e.modality.as_str().to_string(),
                    evidence,
                    confidence: Some(e.confidence),
                }
            })
            .collect();
        let doc = documents.get(doc_id);
        out.push(ExtractionDoc {
            version: FORMAT_VERSION,
            document: DocInfo {
                id: doc_id.to_string(),
                title: doc.and_then(|d| d.title.clone()),
                published: doc.and_then(|d| d.published).map(|p| p.to_string()),
                url: doc.and_then(|d| d.url.clone()),
                source: doc.and_then(|d| d.source.clone()),
            },
            actors: actor_records,
            places: place_records,
            timexes: Vec::new(),
            events: event_records,
            warnings: Vec::new(),
        });
    }
    out
}

/// Writes the subgraph as interchange JSON Lines (one document per line).
pub fn write_interchange(subgraph: &Subgraph, out: &mut dyn Write) -> io::Result<()> {
    for doc in interchange_documents(subgraph) {
        serde_json::to_writer(&mut *out, &doc)?;
        writeln!(out)?;
    }
    Ok(())
}
