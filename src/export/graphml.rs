//! GraphML for Gephi, yEd and NetworkX: actors and events as nodes
//! (`type` = actor or event), participation edges (`relation` =
//! participant, `role` = source, target or participant; a source points to
//! its event, an event to its target) and affiliation edges between actors
//! (`relation` = affiliation; one per title and what it is of, with the
//! `title`, `first_reported`, `last_reported` and `sources` when known).
//! Every attribute is declared with a `<key>`; values are XML-escaped and
//! characters XML forbids are dropped.

use super::xml_safe;
use crate::model::Subgraph;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// Escapes text for XML content and double-quoted attributes; line breaks
/// in attributes are kept as character references.
fn xml_escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in xml_safe(text).chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' if attribute => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

const KEYS: &[(&str, &str, &str)] = &[
    // (id, for, type)
    ("type", "node", "string"),
    ("label", "node", "string"),
    ("kind", "node", "string"),
    ("aliases", "node", "string"),
    ("titles", "node", "string"),
    ("country", "node", "string"),
    ("start", "node", "string"),
    ("end", "node", "string"),
    ("date", "node", "string"),
    ("cameo", "node", "string"),
    ("place", "node", "string"),
    ("modality", "node", "string"),
    ("confidence", "node", "double"),
    ("summary", "node", "string"),
    ("documents", "node", "string"),
    ("relation", "edge", "string"),
    ("role", "edge", "string"),
    ("title", "edge", "string"),
    ("first_reported", "edge", "string"),
    ("last_reported", "edge", "string"),
    ("sources", "edge", "string"),
];

fn data(out: &mut dyn Write, key: &str, value: &str) -> io::Result<()> {
    if value.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "      <data key=\"{key}\">{}</data>",
        xml_escape(value, false)
    )
}

/// Writes the subgraph as GraphML.
pub fn write_graphml(subgraph: &Subgraph, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, domain, ty) in KEYS {
        writeln!(
            out,
            r#"  <key id="{id}" for="{domain}" attr.name="{id}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="eventgraph" edgedefault="directed">"#)?;

    let mut actors: BTreeMap<&str, Option<&crate::model::Actor>> = BTreeMap::new();
    for a in &subgraph.actors {
        actors.insert(&a.name, Some(a));
    }
    for e in &subgraph.events {
        for p in &e.participants {
            actors.entry(&p.actor).or_insert(None);
        }
    }
    for (name, actor) in &actors {
        writeln!(
            out,
            r#"    <node id="{}">"#,
            xml_escape(&format!("actor:{name}"), true)
        )?;
        data(out, "type", "actor")?;
        data(out, "label", name)?;
        if let Some(actor) = actor {
            data(out, "kind", actor.kind.as_str())?;
            data(out, "aliases", &actor.aliases.join("; "))?;
            let titles: Vec<String> = actor
                .held_titles()
                .map(|t| match &t.of {
                    Some(of) => format!("{} of {of}", t.title),
                    None => t.title.clone(),
                })
                .collect();
            data(out, "titles", &titles.join("; "))?;
            data(out, "country", actor.country.as_deref().unwrap_or(""))?;
        }
        writeln!(out, "    </node>")?;
    }
    let mut events: Vec<_> = subgraph.events.iter().collect();
    events
        .sort_by(|a, b| (a.when.start, a.when.end, &a.id).cmp(&(b.when.start, b.when.end, &b.id)));
    for event in &events {
        writeln!(
            out,
            r#"    <node id="{}">"#,
            xml_escape(&format!("event:{}", event.id), true)
        )?;
        data(out, "type", "event")?;
        data(out, "label", &event_label(event))?;
        data(out, "kind", event.kind.as_str())?;
        data(out, "start", &event.when.start.to_string())?;
        data(out, "end", &event.when.end.to_string())?;
        data(out, "date", &event.when.value)?;
        data(out, "cameo", event.cameo.as_deref().unwrap_or(""))?;
        data(out, "place", event.place.as_deref().unwrap_or(""))?;
        data(out, "modality", event.modality.as_str())?;
        data(out, "confidence", &format!("{:.2}", event.confidence))?;
        data(
            out,
            "summary",
            &format!("{}.", crate::summary::event_sentence(event)),
        )?;
        let docs: BTreeSet<&str> = event.mentions.iter().map(|m| m.document.as_str()).collect();
        data(
            out,
            "documents",
            &docs.into_iter().collect::<Vec<_>>().join("; "),
        )?;
        writeln!(out, "    </node>")?;
    }
    let mut n_edges = 0usize;
    for event in &events {
        let mut seen = BTreeSet::new();
        for p in &event.participants {
            if !seen.insert((p.actor.as_str(), p.role)) {
                continue;
            }
            let actor = format!("actor:{}", p.actor);
            let ev = format!("event:{}", event.id);
            let (source, target) = match p.role {
                crate::model::Role::Target => (ev, actor),
                _ => (actor, ev),
            };
            writeln!(
                out,
                r#"    <edge id="e{n_edges}" source="{}" target="{}">"#,
                xml_escape(&source, true),
                xml_escape(&target, true)
            )?;
            data(out, "relation", "participant")?;
            data(out, "role", p.role.as_str())?;
            writeln!(out, "    </edge>")?;
            n_edges += 1;
        }
    }
    for (name, actor) in &actors {
        let Some(actor) = actor else { continue };
        for (title, of) in super::affiliation_edges(actor) {
            if of == *name || !actors.contains_key(of) {
                continue;
            }
            writeln!(
                out,
                r#"    <edge id="e{n_edges}" source="{}" target="{}">"#,
                xml_escape(&format!("actor:{name}"), true),
                xml_escape(&format!("actor:{of}"), true)
            )?;
            data(out, "relation", "affiliation")?;
            data(out, "title", &title.title)?;
            let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            data(out, "first_reported", &day(title.first_reported))?;
            data(out, "last_reported", &day(title.last_reported))?;
            data(out, "sources", &title.sources.join("; "))?;
            writeln!(out, "    </edge>")?;
            n_edges += 1;
        }
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

/// "2014-03-30 meet (Paris)".
fn event_label(event: &crate::model::Event) -> String {
    let mut label = format!(
        "{} {}",
        super::date_text(&event.when),
        event.kind.as_str().replace('_', " ")
    );
    if let Some(place) = &event.place {
        label.push_str(&format!(" ({place})"));
    }
    label
}
