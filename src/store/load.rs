//! Loading the store into a [`Graph`] through the bulk builder: one ordered
//! scan per table, no JSON.

use super::Error;
use crate::graph::{
    ActorId, DocumentId, EventConflicts, EventId, Graph, GraphBuilder, NewEvent, PlaceId,
};
use crate::model::{
    date_of_day_number, day_number, merge_titles, normalize_name, Actor, ActorKind, DateSource,
    Document, Event, EventKind, Modality, Participant, Place, Precision, Role, Title, When,
};
use crate::resolve::{resolve_actors, ActorInput, EventMerger};
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

/// Resolved actors stand in reports as tokens of their index, so that two
/// actors with one canonical name (a country and a person) stay apart.
fn actor_token(k: usize) -> String {
    format!("a{k}")
}

fn token_actor(token: &str) -> Option<usize> {
    token.strip_prefix('a')?.parse().ok()
}

/// A document's stored publication day.
fn parse_published(text: Option<String>) -> Result<Option<NaiveDate>, Error> {
    text.map(|p| {
        NaiveDate::parse_from_str(&p, "%Y-%m-%d").map_err(|_| bad("documents", "published", &p))
    })
    .transpose()
}

/// Store row id → graph id. SQLite row ids are dense (`max + 1`), so a
/// vector indexed by row id replaces a SipHash map (8% of a million-event
/// load went to hashing actor row ids); very sparse ids use the map.
enum RowMap<T: Copy> {
    Dense(Vec<Option<T>>),
    Sparse(HashMap<i64, T>),
}

impl<T: Copy> RowMap<T> {
    fn new(max_id: i64, count: usize) -> RowMap<T> {
        if max_id >= 0 && (max_id as usize) <= count.saturating_mul(8).saturating_add(1 << 16) {
            RowMap::Dense(vec![None; max_id as usize + 1])
        } else {
            RowMap::Sparse(HashMap::with_capacity(count))
        }
    }

    fn insert(&mut self, id: i64, value: T) {
        match self {
            RowMap::Dense(v) if id >= 0 && (id as usize) < v.len() => v[id as usize] = Some(value),
            RowMap::Dense(v) => {
                // An id above the maximum read before: move to the map.
                let mut map: HashMap<i64, T> = v
                    .iter()
                    .enumerate()
                    .filter_map(|(i, x)| x.map(|x| (i as i64, x)))
                    .collect();
                map.insert(id, value);
                *self = RowMap::Sparse(map);
            }
            RowMap::Sparse(m) => {
                m.insert(id, value);
            }
        }
    }

    fn get(&self, id: &i64) -> Option<&T> {
        match self {
            RowMap::Dense(v) => usize::try_from(*id)
                .ok()
                .and_then(|i| v.get(i))
                .and_then(Option::as_ref),
            RowMap::Sparse(m) => m.get(id),
        }
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
    let max_id = |table: &str| -> Result<i64, Error> {
        Ok(conn.query_row(
            &format!("SELECT COALESCE(MAX(id), 0) FROM {table}"),
            [],
            |r| r.get::<_, i64>(0),
        )?)
    };
    let n_actors = count("actors")?;
    let mut builder = GraphBuilder::new();
    builder.reserve(n_actors, count("events")?, count("participants")?);

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
    // One row per title and reporting document: each becomes a title
    // reported on the document's publication date; the reports of one
    // actor are united by `merge_titles` (here and again after resolution).
    let mut titles: HashMap<i64, Vec<Title>> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT t.actor_id, t.title, t.of_name, d.doc_id, d.published
             FROM titles t LEFT JOIN documents d ON d.id = t.document_id
             ORDER BY t.actor_id, t.title, t.of_name, d.doc_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let of: String = row.get(2)?;
            let text: String = row.get(1)?;
            if text.is_empty() && of.is_empty() {
                continue;
            }
            let doc_id: Option<String> = row.get(3)?;
            let published: Option<String> = row.get(4)?;
            let published = parse_published(published)?;
            let mut title = Title::new(text, (!of.is_empty()).then_some(of));
            title.first_reported = published;
            title.last_reported = published;
            title.sources.extend(doc_id);
            titles.entry(row.get(0)?).or_default().push(title);
        }
    }
    // Documents naming each actor (articles only), for resolution.
    let mut actor_docs: HashMap<i64, Vec<i64>> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT actor_id, document_id FROM actor_documents ORDER BY actor_id, document_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            actor_docs.entry(row.get(0)?).or_default().push(row.get(1)?);
        }
    }
    // Actors: every stored actor, resolved over the whole set into real
    // actors, added in the order of their canonical names.
    let mut actor_rows: Vec<i64> = Vec::new();
    let mut inputs: Vec<ActorInput> = Vec::new();
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
            actor.titles = merge_titles(titles.remove(&id).unwrap_or_default());
            actor_rows.push(id);
            inputs.push(ActorInput {
                actor,
                documents: actor_docs.remove(&id).unwrap_or_default(),
            });
        }
    }
    let resolution = resolve_actors(&inputs);
    drop(inputs);
    let resolved_ids: Vec<ActorId> = resolution
        .actors
        .iter()
        .map(|a| builder.add_actor(a.clone()))
        .collect();
    let mut actor_of_row: RowMap<ActorId> = RowMap::new(max_id("actors")?, actor_rows.len());
    let mut resolved_of_row: RowMap<usize> = RowMap::new(max_id("actors")?, actor_rows.len());
    for (i, row) in actor_rows.iter().enumerate() {
        let k = resolution.actor_of[i];
        actor_of_row.insert(*row, resolved_ids[k]);
        resolved_of_row.insert(*row, k);
    }
    let mut place_of_row: RowMap<PlaceId> = RowMap::new(max_id("places")?, count("places")?);
    {
        let mut stmt =
            conn.prepare("SELECT id, name, country, lat, lon FROM places ORDER BY norm, id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let place = Place {
                name: row.get(1)?,
                country: row.get(2)?,
                lat: row.get(3)?,
                lon: row.get(4)?,
            };
            place_of_row.insert(row.get::<_, i64>(0)?, builder.add_place(place));
        }
    }
    let mut document_of_row: RowMap<DocumentId> =
        RowMap::new(max_id("documents")?, count("documents")?);
    {
        let mut stmt = conn.prepare(
            "SELECT id, doc_id, title, url, published, source FROM documents ORDER BY doc_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let published: Option<String> = row.get(4)?;
            let published = parse_published(published)?;
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

    // Events, their participants and their mentions: three scans ordered by
    // event row, merged as they go (no map from rows to events).
    let mut part_stmt =
        conn.prepare("SELECT event_id, actor_id, role FROM participants ORDER BY event_id")?;
    let mut part_rows = part_stmt.query([])?;
    let mut mention_stmt = conn.prepare(
        "SELECT event_id, document_id, start, end, text FROM mentions ORDER BY event_id",
    )?;
    let mut mention_rows = mention_stmt.query([])?;
    let mut stmt = conn.prepare(
        "SELECT id, kind, cameo, start_day, end_day, precision, value, date_source,
                place_id, modality, confidence, external_id, key
         FROM events ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut parts: Vec<(ActorId, Role)> = Vec::new();
    let mut part_done = false;
    let mut part_pending: Option<(i64, ActorId, usize, Role)> = None;
    let mut resolved_parts: Vec<(usize, Role)> = Vec::new();
    // Reports from articles and their mentions, merged after the scan.
    let mut reports: Vec<(i64, Event)> = Vec::new();
    let mut report_mentions: Vec<(i64, DocumentId, usize, usize, String)> = Vec::new();
    let mut mention_done = false;
    let mut mention_pending: Option<(i64, Option<DocumentId>, usize, usize, String)> = None;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        parts.clear();
        resolved_parts.clear();
        loop {
            if part_pending.is_none() && !part_done {
                match part_rows.next()? {
                    Some(p) => {
                        let role_text = p.get_ref(2)?.as_str()?;
                        let role: Role = role_text
                            .parse()
                            .map_err(|_| bad("participants", "role", role_text))?;
                        let actor_row: i64 = p.get(1)?;
                        let actor = *actor_of_row.get(&actor_row).ok_or_else(|| {
                            bad("participants", "actor_id", &actor_row.to_string())
                        })?;
                        let resolved = resolved_of_row.get(&actor_row).copied().unwrap_or(0);
                        part_pending = Some((p.get(0)?, actor, resolved, role));
                    }
                    None => part_done = true,
                }
            }
            match part_pending {
                Some((event, actor, resolved, role)) if event <= id => {
                    if event == id {
                        parts.push((actor, role));
                        resolved_parts.push((resolved, role));
                    }
                    part_pending = None;
                }
                _ => break,
            }
        }
        let kind_text = row.get_ref(1)?.as_str()?;
        let kind: EventKind = kind_text
            .parse()
            .map_err(|_| bad("events", "kind", kind_text))?;
        let cameo = row.get_ref(2)?.as_str_or_null()?;
        let precision_text = row.get_ref(5)?.as_str()?;
        let precision: Precision = precision_text
            .parse()
            .map_err(|_| bad("events", "precision", precision_text))?;
        let value = row.get_ref(6)?.as_str()?;
        let source_text = row.get_ref(7)?.as_str()?;
        let date_source: DateSource = source_text
            .parse()
            .map_err(|_| bad("events", "date_source", source_text))?;
        let place_row: Option<i64> = row.get(8)?;
        let modality_text = row.get_ref(9)?.as_str()?;
        let modality: Modality = modality_text
            .parse()
            .map_err(|_| bad("events", "modality", modality_text))?;
        let confidence: f64 = row.get(10)?;
        let external_id = row.get_ref(11)?.as_str_or_null()?;
        let start: i32 = row.get(3)?;
        let end: i32 = row.get(4)?;
        let place = place_row.and_then(|p| place_of_row.get(&p).copied());
        // An article's report (no dataset row id) is merged across
        // documents after the scan; a dataset row is added as it is.
        let event_id: Option<EventId> = if external_id.is_none() {
            let (Some(start_date), Some(end_date)) =
                (date_of_day_number(start), date_of_day_number(end))
            else {
                return Err(bad("events", "start_day", &start.to_string()));
            };
            let report = Event {
                id: row.get(12)?,
                kind,
                cameo: cameo.map(str::to_string),
                when: When {
                    start: start_date,
                    end: end_date,
                    precision,
                    value: value.to_string(),
                    source: date_source,
                },
                participants: resolved_parts
                    .iter()
                    .map(|&(k, role)| Participant {
                        actor: actor_token(k),
                        role,
                    })
                    .collect(),
                place: place
                    .and_then(|p| builder.graph().place(p))
                    .map(|p| p.name.clone()),
                modality,
                mentions: Vec::new(),
                confidence: confidence as f32,
            };
            reports.push((id, report));
            None
        } else {
            let event = NewEvent {
                kind,
                cameo,
                start,
                end,
                precision,
                value: Some(value),
                date_source,
                participants: &parts,
                place,
                modality,
                confidence: confidence as f32,
                external_id,
            };
            Some(builder.add_event(&event)?)
        };
        // Mentions of rows before this one belong to no event: skipped.
        loop {
            if mention_pending.is_none() && !mention_done {
                match mention_rows.next()? {
                    Some(m) => {
                        let document = document_of_row.get(&m.get::<_, i64>(1)?).copied();
                        mention_pending = Some((
                            m.get(0)?,
                            document,
                            m.get::<_, i64>(2)?.max(0) as usize,
                            m.get::<_, i64>(3)?.max(0) as usize,
                            m.get(4)?,
                        ));
                    }
                    None => mention_done = true,
                }
            }
            match &mention_pending {
                Some((event_row, document, start, end, text)) if *event_row <= id => {
                    if let (true, Some(document)) = (*event_row == id, document) {
                        match event_id {
                            Some(event_id) => {
                                builder.add_mention(event_id, *document, text, *start, *end)?
                            }
                            None => {
                                report_mentions.push((id, *document, *start, *end, text.clone()))
                            }
                        }
                    }
                    mention_pending = None;
                }
                _ => break,
            }
        }
    }
    // Each report's documents (ids only), so that two events one document
    // states stay two events when they are clustered.
    let mut documents_of_row: HashMap<i64, Vec<crate::model::Mention>> = HashMap::new();
    for (row, document, ..) in &report_mentions {
        documents_of_row
            .entry(*row)
            .or_default()
            .push(crate::model::Mention {
                document: document.index().to_string(),
                text: String::new(),
                start: 0,
                end: 0,
            });
    }
    for (row, report) in reports.iter_mut() {
        if let Some(mentions) = documents_of_row.remove(row) {
            report.mentions = mentions;
        }
    }
    // Reports from articles: one event per occasion, whatever the order
    // the reports were stored in (they are clustered in key order).
    reports.sort_by(|a, b| a.1.id.cmp(&b.1.id));
    let countries = resolution
        .actors
        .iter()
        .filter(|a| a.kind == ActorKind::Country)
        .flat_map(|a| a.names().map(normalize_name).collect::<Vec<_>>())
        .collect();
    let mut merger = EventMerger::with_countries(countries);
    for (_, report) in &reports {
        merger.add(report.clone());
    }
    let mut merged = merger.clusters();
    let mut event_of_row: HashMap<i64, EventId> = HashMap::with_capacity(reports.len());
    merged.sort_by(|a, b| (a.0.when.start, &a.0.id).cmp(&(b.0.when.start, &b.0.id)));
    for (event, members, conflicts) in merged {
        let parts: Vec<(ActorId, Role)> = event
            .participants
            .iter()
            .filter_map(|p| {
                token_actor(&p.actor)
                    .and_then(|k| resolved_ids.get(k))
                    .map(|&id| (id, p.role))
            })
            .collect();
        let place = event
            .place
            .as_deref()
            .and_then(|name| builder.graph().place_named(name));
        let new = NewEvent {
            kind: event.kind,
            cameo: event.cameo.as_deref(),
            start: day_number(event.when.start),
            end: day_number(event.when.end),
            precision: event.when.precision,
            value: Some(&event.when.value),
            date_source: event.when.source,
            participants: &parts,
            place,
            modality: event.modality,
            confidence: event.confidence,
            external_id: None,
        };
        let id = builder.add_event(&new)?;
        builder.set_conflicts(
            id,
            EventConflicts {
                dates: conflicts.dates,
                places: conflicts.places,
            },
        )?;
        for m in members {
            event_of_row.insert(reports[m].0, id);
        }
    }
    for (row, document, start, end, text) in report_mentions {
        if let Some(&event) = event_of_row.get(&row) {
            builder.add_mention(event, document, &text, start, end)?;
        }
    }
    Ok(builder.build())
}
