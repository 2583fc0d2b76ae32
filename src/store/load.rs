//! Loading the store into a [`Graph`] through the bulk builder: one ordered
//! scan per table, no JSON.

use super::Error;
use crate::graph::{ActorId, EventId, Graph, GraphBuilder, NewEvent, PlaceId};
use crate::ingest::json::parse_precision;
use crate::model::{
    Actor, ActorKind, DateSource, Document, EventKind, Modality, Place, Role, Title,
};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

fn bad(table: &'static str, column: &'static str, value: &str) -> Error {
    Error::BadValue {
        table,
        column,
        value: value.to_string(),
    }
}

fn parse_date_source(text: &str) -> Option<DateSource> {
    match text {
        "explicit" => Some(DateSource::Explicit),
        "relative" => Some(DateSource::Relative),
        "inferred" => Some(DateSource::Inferred),
        "unknown" => Some(DateSource::Unknown),
        _ => None,
    }
}

pub(crate) fn load_graph(conn: &Connection) -> Result<Graph, Error> {
    let count = |table: &str| -> Result<usize, Error> {
        Ok(
            conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
                r.get::<_, i64>(0)
            })? as usize,
        )
    };
    let mut builder = GraphBuilder::new();
    builder.reserve(count("actors")?, count("events")?, count("participants")?);

    // Aliases and titles, grouped by actor row.
    let mut aliases: HashMap<i64, Vec<String>> = HashMap::new();
    {
        let mut stmt =
            conn.prepare("SELECT actor_id, alias FROM aliases ORDER BY actor_id, alias")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            aliases.entry(row.get(0)?).or_default().push(row.get(1)?);
        }
    }
    let mut titles: HashMap<i64, Vec<Title>> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT actor_id, title, of_name FROM titles ORDER BY actor_id, title, of_name",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let of: String = row.get(2)?;
            titles.entry(row.get(0)?).or_default().push(Title {
                title: row.get(1)?,
                of: (!of.is_empty()).then_some(of),
            });
        }
    }
    let mut actor_of_row: HashMap<i64, ActorId> = HashMap::new();
    {
        let mut stmt =
            conn.prepare("SELECT id, name, kind, affiliation, country FROM actors ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let kind_text: String = row.get(2)?;
            let kind: ActorKind = kind_text
                .parse()
                .map_err(|_| bad("actors", "kind", &kind_text))?;
            let mut actor = Actor::new(row.get::<_, String>(1)?, kind);
            actor.affiliation = row.get(3)?;
            actor.country = row.get(4)?;
            actor.aliases = aliases.remove(&id).unwrap_or_default();
            actor.titles = titles.remove(&id).unwrap_or_default();
            actor_of_row.insert(id, builder.add_actor(actor));
        }
    }
    let mut place_of_row: HashMap<i64, PlaceId> = HashMap::new();
    {
        let mut stmt =
            conn.prepare("SELECT id, name, country, lat, lon FROM places ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let place = Place {
                name: row.get(1)?,
                country: row.get(2)?,
                lat: row.get(3)?,
                lon: row.get(4)?,
            };
            place_of_row.insert(row.get(0)?, builder.add_place(place));
        }
    }
    let mut document_of_row = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT id, doc_id, title, url, published, source FROM documents ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let published: Option<String> = row.get(4)?;
            let published = match published {
                Some(p) => Some(
                    NaiveDate::parse_from_str(&p, "%Y-%m-%d")
                        .map_err(|_| bad("documents", "published", &p))?,
                ),
                None => None,
            };
            let document = Document {
                id: row.get(1)?,
                title: row.get(2)?,
                url: row.get(3)?,
                published,
                source: row.get(5)?,
            };
            document_of_row.insert(row.get::<_, i64>(0)?, builder.add_document(document));
        }
    }

    // Events and their participants, merged by event row.
    let mut event_of_row: HashMap<i64, EventId> = HashMap::new();
    {
        let mut part_stmt =
            conn.prepare("SELECT event_id, actor_id, role FROM participants ORDER BY event_id")?;
        let mut part_rows = part_stmt.query([])?;
        let mut pending: Option<(i64, i64, String)> = None;
        let mut stmt = conn.prepare(
            "SELECT id, kind, cameo, start_day, end_day, precision, value, date_source,
                    place_id, modality, confidence, external_id
             FROM events ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut parts: Vec<(ActorId, Role)> = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            parts.clear();
            loop {
                if pending.is_none() {
                    if let Some(p) = part_rows.next()? {
                        pending = Some((p.get(0)?, p.get(1)?, p.get(2)?));
                    }
                }
                match &pending {
                    Some((event, actor, role)) if *event <= id => {
                        if *event == id {
                            let role: Role = role
                                .parse()
                                .map_err(|_| bad("participants", "role", role))?;
                            let actor = *actor_of_row.get(actor).ok_or_else(|| {
                                bad("participants", "actor_id", &actor.to_string())
                            })?;
                            parts.push((actor, role));
                        }
                        pending = None;
                    }
                    _ => break,
                }
            }
            let kind_text: String = row.get(1)?;
            let kind: EventKind = kind_text
                .parse()
                .map_err(|_| bad("events", "kind", &kind_text))?;
            let cameo: Option<String> = row.get(2)?;
            let precision_text: String = row.get(5)?;
            let precision = parse_precision(&precision_text)
                .ok_or_else(|| bad("events", "precision", &precision_text))?;
            let value: String = row.get(6)?;
            let source_text: String = row.get(7)?;
            let date_source = parse_date_source(&source_text)
                .ok_or_else(|| bad("events", "date_source", &source_text))?;
            let place_row: Option<i64> = row.get(8)?;
            let modality_text: String = row.get(9)?;
            let modality: Modality = modality_text
                .parse()
                .map_err(|_| bad("events", "modality", &modality_text))?;
            let confidence: f64 = row.get(10)?;
            let external_id: Option<String> = row.get(11)?;
            let event = NewEvent {
                kind,
                cameo: cameo.as_deref(),
                start: row.get(3)?,
                end: row.get(4)?,
                precision,
                value: Some(&value),
                date_source,
                participants: &parts,
                place: place_row.and_then(|p| place_of_row.get(&p).copied()),
                modality,
                confidence: confidence as f32,
                external_id: external_id.as_deref(),
            };
            event_of_row.insert(id, builder.add_event(&event)?);
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT event_id, document_id, start, end, text FROM mentions ORDER BY event_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (Some(&event), Some(&document)) = (
                event_of_row.get(&row.get::<_, i64>(0)?),
                document_of_row.get(&row.get::<_, i64>(1)?),
            ) else {
                continue;
            };
            let text: String = row.get(4)?;
            let start: i64 = row.get(2)?;
            let end: i64 = row.get(3)?;
            builder.add_mention(event, document, &text, start as usize, end as usize)?;
        }
    }
    Ok(builder.build())
}
