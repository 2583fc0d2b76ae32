//! RDF Turtle with the Simple Event Model (SEM) for events and schema.org
//! for actor types and documents.
//!
//! - an event is a `sem:Event` with `sem:eventType`, `sem:hasBeginTimeStamp`
//!   / `sem:hasEndTimeStamp` (`xsd:date`), `sem:hasPlace`, `sem:hasActor`,
//!   the role as `eg:source`, `eg:target` or `eg:participant`
//!   (sub-properties of `sem:hasActor`), `eg:modality`, `eg:cameo`, and one
//!   `eg:mention` blank node per mention (document, text, byte offsets);
//! - an actor is a `sem:Actor` (and `schema:Person`, `schema:Organization`,
//!   `schema:Country` or `schema:Place`) with `rdfs:label`, one
//!   `skos:altLabel` per alias, `schema:jobTitle`, `schema:affiliation`
//!   per organisation or country it is affiliated with, and, where the
//!   reports are known, one `eg:affiliation` blank node per title (`eg:of`,
//!   `eg:title`, `eg:firstReported` / `eg:lastReported` as `xsd:date`, one
//!   `eg:reportedIn` per document);
//! - a place is a `sem:Place`; a document a `schema:NewsArticle`.
//!
//! IRIs are `<base>actor/<name>`, `<base>event/<id>`, `<base>place/<name>`,
//! `<base>document/<id>` with every byte outside `A-Za-z0-9-._~`
//! percent-encoded; literals are escaped, so no name can break the file.

use crate::model::{ActorKind, Subgraph};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// The namespace of eventgraph's own terms (`eg:`).
pub(super) const VOCAB: &str = "urn:eventgraph:vocab:";

/// Options for [`write_turtle`].
#[derive(Debug, Clone)]
pub struct TurtleOptions {
    /// The prefix of the IRIs of actors, events, places and documents.
    pub base: String,
}

impl Default for TurtleOptions {
    fn default() -> Self {
        TurtleOptions {
            base: "urn:eventgraph:".to_string(),
        }
    }
}

/// Percent-encodes everything but unreserved characters.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A Turtle string literal.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct Iris<'a> {
    base: &'a str,
}

impl Iris<'_> {
    fn make(&self, space: &str, local: &str) -> String {
        // the base itself may hold characters that are not allowed in an IRI
        let base: String = self
            .base
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control() && !"<>\"{}|^`\\".contains(*c))
            .collect();
        format!("<{base}{space}/{}>", encode(local))
    }
}

/// A subject with its predicate-object pairs, written as one block.
struct Block {
    subject: String,
    pairs: Vec<(String, String)>,
}

impl Block {
    fn new(subject: String) -> Block {
        Block {
            subject,
            pairs: Vec::new(),
        }
    }
    fn add(&mut self, predicate: &str, object: String) {
        self.pairs.push((predicate.to_string(), object));
    }
    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", self.subject)?;
        for (i, (p, o)) in self.pairs.iter().enumerate() {
            let end = if i + 1 == self.pairs.len() {
                " ."
            } else {
                " ;"
            };
            writeln!(out, "    {p} {o}{end}")?;
        }
        writeln!(out)
    }
}

/// Writes the subgraph as RDF Turtle.
pub fn write_turtle(
    subgraph: &Subgraph,
    options: &TurtleOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let iris = Iris {
        base: &options.base,
    };
    writeln!(
        out,
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> ."
    )?;
    writeln!(
        out,
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."
    )?;
    writeln!(out, "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .")?;
    writeln!(
        out,
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> ."
    )?;
    writeln!(
        out,
        "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> ."
    )?;
    writeln!(out, "@prefix schema: <https://schema.org/> .")?;
    writeln!(out, "@prefix eg: <{VOCAB}> .")?;
    writeln!(out)?;
    for role in ["source", "target", "participant"] {
        writeln!(out, "eg:{role} rdfs:subPropertyOf sem:hasActor .")?;
    }
    writeln!(out)?;

    let mut actors: Vec<_> = subgraph.actors.iter().collect();
    actors.sort_by(|a, b| a.name.cmp(&b.name));
    let known: BTreeSet<&str> = actors.iter().map(|a| a.name.as_str()).collect();
    for actor in actors {
        let mut b = Block::new(iris.make("actor", &actor.name));
        b.add("a", "sem:Actor".into());
        let schema_type = match actor.kind {
            ActorKind::Person => Some("schema:Person"),
            ActorKind::Organization => Some("schema:Organization"),
            ActorKind::Country => Some("schema:Country"),
            ActorKind::Place => Some("schema:Place"),
            _ => None,
        };
        if let Some(t) = schema_type {
            b.add("a", t.into());
        }
        b.add("rdfs:label", literal(&actor.name));
        b.add("eg:kind", literal(actor.kind.as_str()));
        let mut aliases: Vec<&String> = actor.aliases.iter().collect();
        aliases.sort();
        aliases.dedup();
        for alias in aliases {
            b.add("skos:altLabel", literal(alias));
        }
        for title in actor.held_titles() {
            let text = match &title.of {
                Some(of) => format!("{} of {of}", title.title),
                None => title.title.clone(),
            };
            b.add("schema:jobTitle", literal(&text));
        }
        let edges = super::affiliation_edges(actor);
        let affiliated: BTreeSet<&str> = edges.iter().map(|(_, of)| *of).collect();
        for of in affiliated {
            b.add("schema:affiliation", iris.make("actor", of));
        }
        // the reports of each affiliation, where known (graphs loaded
        // from the store): title, dates and documents
        for (title, of) in &edges {
            if title.sources.is_empty() && title.first_reported.is_none() {
                continue;
            }
            let mut parts = vec![format!("eg:of {}", iris.make("actor", of))];
            if !title.title.is_empty() {
                parts.push(format!("eg:title {}", literal(&title.title)));
            }
            if let Some(d) = title.first_reported {
                parts.push(format!("eg:firstReported \"{d}\"^^xsd:date"));
            }
            if let Some(d) = title.last_reported {
                parts.push(format!("eg:lastReported \"{d}\"^^xsd:date"));
            }
            for doc in &title.sources {
                parts.push(format!("eg:reportedIn {}", iris.make("document", doc)));
            }
            b.add("eg:affiliation", format!("[ {} ]", parts.join(" ; ")));
        }
        if let Some(country) = &actor.country {
            b.add("eg:country", literal(country));
        }
        b.write(out)?;
    }
    // actors named by participants but missing from the list
    let mut missing: BTreeSet<&str> = BTreeSet::new();
    for e in &subgraph.events {
        for p in &e.participants {
            if !known.contains(p.actor.as_str()) {
                missing.insert(&p.actor);
            }
        }
    }
    for name in missing {
        let mut b = Block::new(iris.make("actor", name));
        b.add("a", "sem:Actor".into());
        b.add("rdfs:label", literal(name));
        b.write(out)?;
    }

    let mut events: Vec<_> = subgraph.events.iter().collect();
    events
        .sort_by(|a, b| (a.when.start, a.when.end, &a.id).cmp(&(b.when.start, b.when.end, &b.id)));
    let mut places: BTreeSet<&str> = BTreeSet::new();
    for event in events {
        let mut b = Block::new(iris.make("event", &event.id));
        b.add("a", "sem:Event".into());
        b.add(
            "rdfs:label",
            literal(&format!("{}.", crate::summary::event_sentence(event))),
        );
        b.add("sem:eventType", format!("eg:{}", event.kind.as_str()));
        if let Some(cameo) = &event.cameo {
            b.add("eg:cameo", literal(cameo));
        }
        b.add(
            "sem:hasBeginTimeStamp",
            format!("\"{}\"^^xsd:date", event.when.start),
        );
        b.add(
            "sem:hasEndTimeStamp",
            format!("\"{}\"^^xsd:date", event.when.end),
        );
        b.add("eg:dateValue", literal(&event.when.value));
        b.add("eg:precision", literal(event.when.precision.as_str()));
        if let Some(place) = &event.place {
            b.add("sem:hasPlace", iris.make("place", place));
            places.insert(place);
        }
        let mut roles: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for p in &event.participants {
            roles.entry(&p.actor).or_default().insert(p.role.as_str());
        }
        for (actor, actor_roles) in &roles {
            b.add("sem:hasActor", iris.make("actor", actor));
            for role in actor_roles {
                b.add(&format!("eg:{role}"), iris.make("actor", actor));
            }
        }
        b.add("eg:modality", literal(event.modality.as_str()));
        b.add(
            "eg:confidence",
            format!("\"{:.2}\"^^xsd:decimal", event.confidence),
        );
        let mut mentions: Vec<_> = event.mentions.iter().collect();
        mentions.sort();
        for m in mentions {
            b.add(
                "eg:mention",
                format!(
                    "[ eg:document {} ; eg:text {} ; eg:start {} ; eg:end {} ]",
                    iris.make("document", &m.document),
                    literal(&m.text),
                    m.start,
                    m.end
                ),
            );
        }
        b.write(out)?;
    }
    for place in places {
        let mut b = Block::new(iris.make("place", place));
        b.add("a", "sem:Place".into());
        b.add("rdfs:label", literal(place));
        b.write(out)?;
    }
    let mut documents: Vec<_> = subgraph.documents.iter().collect();
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    for doc in documents {
        let mut b = Block::new(iris.make("document", &doc.id));
        b.add("a", "schema:NewsArticle".into());
        b.add("schema:identifier", literal(&doc.id));
        if let Some(title) = &doc.title {
            b.add("schema:headline", literal(title));
        }
        if let Some(date) = doc.published {
            b.add("schema:datePublished", format!("\"{date}\"^^xsd:date"));
        }
        if let Some(url) = &doc.url {
            b.add("schema:url", format!("{}^^xsd:anyURI", literal(url)));
        }
        if let Some(source) = &doc.source {
            b.add("schema:publisher", literal(source));
        }
        b.write(out)?;
    }
    Ok(())
}
