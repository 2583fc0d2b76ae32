//! Writing documents into the store: one transaction per document.

use super::{Error, Store};
use crate::model::{
    actor_key_of_normalized, event_key, normalize_name, Actor, Evidence, KeyInput, Report,
    ReportEvent, Role, When,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::HashMap;

/// Options for [`Store::ingest`].
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// The file the document came from (kept with the document).
    pub path: Option<String>,
}

/// What ingesting one document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestOutcome {
    /// The document was stored.
    Added {
        /// Events created.
        new_events: usize,
        /// Events already stored (from another document) that this document
        /// reports too.
        merged_events: usize,
        /// Actor rows created (actors not matched to a stored one).
        new_actors: usize,
        /// The document replaced an earlier version with the same id.
        replaced: bool,
    },
    /// A document with the same content hash is already stored.
    AlreadyStored,
}

/// The stored actor that an incoming actor is, if any: the actor whose
/// normalised canonical name is the incoming one's. Nothing else is merged
/// at write time, so the rows do not depend on the order documents arrive
/// in; aliases, titles, transliterations and surnames are resolved over
/// the whole set when the graph is loaded (`resolve::resolve_actors`).
pub(super) fn match_actor(tx: &Connection, actor: &Actor) -> Result<Option<i64>, Error> {
    let norm = normalize_name(&actor.name);
    Ok(tx
        .prepare_cached("SELECT id FROM actors WHERE norm = ?1")?
        .query_row([&norm], |r| r.get::<_, i64>(0))
        .optional()?)
}

impl Store {
    /// Stores one document in one transaction. A document whose content
    /// hash is already stored adds nothing; one with the id of a stored
    /// document but other content replaces it.
    pub fn ingest(
        &mut self,
        records: &Report,
        content_hash: &str,
        options: &IngestOptions,
    ) -> Result<IngestOutcome, Error> {
        if self.has_content(content_hash)? {
            return Ok(IngestOutcome::AlreadyStored);
        }
        // a store of dataset rows has not needed them so far
        self.conn.execute_batch(super::ARTICLE_INDEXES)?;
        let tx = self.conn.transaction()?;
        let replaced = delete_document(&tx, &records.document.id)?;
        let doc = &records.document;
        tx.execute(
            "INSERT INTO documents (doc_id, content_hash, title, url, published, source, path)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                doc.id,
                content_hash,
                doc.title,
                doc.url,
                doc.published.map(|d| d.format("%Y-%m-%d").to_string()),
                doc.source,
                options.path,
            ],
        )?;
        let doc_row = tx.last_insert_rowid();
        super::count_documents(&tx, 1 - i64::from(replaced))?;

        // An article (no dataset row ids): its actors are recorded per
        // document, for resolution across documents at load time.
        let article = records.events.iter().all(|e| e.external_id.is_none());
        // Actors: resolve each to a stored actor or create it.
        let mut new_actors = 0;
        let mut actor_rows: Vec<(i64, String)> = Vec::with_capacity(records.actors.len());
        for actor in &records.actors {
            let (row, norm, created) = write_actor(&tx, actor, article, doc_row)?;
            new_actors += usize::from(created);
            actor_rows.push((row, norm));
        }

        for place in &records.places {
            upsert_place(
                &tx,
                &place.name,
                place.country.as_deref(),
                place.lat,
                place.lon,
            )?;
        }

        let mut new_events = 0;
        let mut merged_events = 0;
        // Place rows of this document, by name.
        let mut place_rows: HashMap<String, (i64, String)> = HashMap::new();
        for event in &records.events {
            // An event that nothing dates is not stored (its report says so).
            let Some(when) = &event.when else { continue };
            if write_event(
                &tx,
                event,
                when,
                doc_row,
                &actor_rows,
                &mut place_rows,
                None,
            )? {
                new_events += 1;
            } else {
                merged_events += 1;
            }
        }
        tx.commit()?;
        Ok(IngestOutcome::Added {
            new_events,
            merged_events,
            new_actors,
            replaced,
        })
    }
}

/// Writes one actor of a document: matched to a stored actor by its
/// normalised name or created, with its aliases, titles and (for an
/// article) its document. Returns the row, the normalised name and whether
/// the row is new.
pub(super) fn write_actor(
    tx: &Connection,
    actor: &Actor,
    article: bool,
    doc_row: i64,
) -> Result<(i64, String, bool), Error> {
    let (row, norm, created) = match match_actor(tx, actor)? {
        Some(row) => {
            let norm: String = tx
                .prepare_cached("SELECT norm FROM actors WHERE id = ?1")?
                .query_row([row], |r| r.get(0))?;
            // The smallest of the values reported, whatever the
            // order of the documents (for dataset rows, the kind too: a
            // row's actor codes give one name several kinds).
            tx.prepare_cached(
                "UPDATE actors SET
                 name = CASE WHEN ?4 < name THEN ?4 ELSE name END,
                 kind = CASE WHEN ?5 AND ?6 < kind THEN ?6 ELSE kind END,
                 affiliation = CASE WHEN affiliation IS NULL OR ?2 < affiliation
                     THEN COALESCE(?2, affiliation) ELSE affiliation END,
                 country = CASE WHEN country IS NULL OR ?3 < country
                     THEN COALESCE(?3, country) ELSE country END
                 WHERE id = ?1",
            )?
            .execute(params![
                row,
                actor.affiliation,
                actor.country,
                actor.name,
                !article,
                actor.kind.as_str()
            ])?;
            (row, norm, false)
        }
        None => {
            let norm = normalize_name(&actor.name);
            tx.prepare_cached(
                "INSERT INTO actors (name, norm, kind, affiliation, country)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                actor.name,
                norm,
                actor.kind.as_str(),
                actor.affiliation,
                actor.country
            ])?;
            (tx.last_insert_rowid(), norm, true)
        }
    };
    for name in actor.names() {
        let alias_norm = normalize_name(name);
        if alias_norm.is_empty() || alias_norm == norm {
            continue;
        }
        tx.prepare_cached(
            "INSERT OR IGNORE INTO aliases (actor_id, alias, norm) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![row, name, alias_norm])?;
    }
    // One row per title and document: the dates a title was
    // reported are the documents' publication dates. An affiliation
    // no title names is kept as a title row with an empty title.
    // Datasets (ICEWS gives every actor a country) keep only the
    // actor's `affiliation` column.
    let plain = actor
        .affiliation
        .as_deref()
        .filter(|_| article)
        .filter(|a| !a.trim().is_empty())
        // an actor given as its own affiliation says nothing
        .filter(|a| normalize_name(a) != normalize_name(&actor.name))
        .filter(|a| !actor.titles.iter().any(|t| t.of.as_deref() == Some(*a)))
        .map(|a| ("", a));
    let titles = actor
        .titles
        .iter()
        .map(|t| (t.title.as_str(), t.of.as_deref().unwrap_or("")));
    for (title, of) in titles.chain(plain) {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO titles (actor_id, title, of_name, document_id)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![row, title, of, doc_row])?;
    }
    if article {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO actor_documents (actor_id, document_id) VALUES (?1, ?2)",
        )?
        .execute(params![row, doc_row])?;
    }
    Ok((row, norm, created))
}

/// Writes one event of a document (or, when its content key is stored,
/// another report of it) with its participants and mentions. Returns
/// whether the event row is new. `id` is the row id a new event row gets
/// (`None`: the next free one); an id already taken is an error, never a
/// row left out.
pub(super) fn write_event(
    tx: &Connection,
    event: &ReportEvent,
    when: &When,
    doc_row: i64,
    actor_rows: &[(i64, String)],
    place_rows: &mut HashMap<String, (i64, String)>,
    id: Option<i64>,
) -> Result<bool, Error> {
    let mut parts: Vec<(i64, u64, Role)> = event
        .participants
        .iter()
        .filter_map(|&(i, role)| {
            actor_rows
                .get(i)
                .map(|(row, norm)| (*row, actor_key_of_normalized(norm), role))
        })
        .collect();
    // One role per actor, as in the graph.
    parts.sort_unstable();
    parts.dedup_by_key(|p| p.0);
    let keyed: Vec<(u64, Role)> = parts.iter().map(|p| (p.1, p.2)).collect();
    let place = match event.place.as_deref() {
        Some(name) => match place_rows.get(name) {
            Some(row) => Some(row.clone()),
            None => {
                let row = upsert_place(tx, name, None, None, None)?;
                place_rows.insert(name.to_string(), row.clone());
                Some(row)
            }
        },
        None => None,
    };
    let (start, end) = when.day_span();
    let key = super::stored_key(event_key(&KeyInput {
        kind: event.kind,
        cameo: event.cameo.as_deref(),
        start,
        end,
        precision: when.precision,
        participants: &keyed,
        place: place.as_ref().map(|p| p.1.as_str()),
        external_id: event.external_id.as_deref(),
    }));
    let inserted = tx
        .prepare_cached(
            "INSERT INTO events (key, kind, cameo, start_day, end_day, precision,
             value, date_source, place_id, modality, confidence, external_id,
             source_code, target_code, id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
             ON CONFLICT (key) DO NOTHING",
        )?
        .execute(params![
            key,
            event.kind.as_str(),
            event.cameo,
            start,
            end,
            when.precision.as_str(),
            when.value,
            when.source.as_str(),
            place.as_ref().map(|p| p.0),
            event.modality.as_str(),
            f64::from(event.confidence),
            event.external_id,
            event.source_code,
            event.target_code,
            id,
        ])?;
    let event_row: i64 = if inserted == 1 {
        tx.last_insert_rowid()
    } else {
        tx.prepare_cached("SELECT id FROM events WHERE key = ?1")?
            .query_row([&key], |r| r.get(0))?
    };
    if inserted == 1 {
        for (actor_row, _, role) in &parts {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO participants (event_id, actor_id, role)
                 VALUES (?1, ?2, ?3)",
            )?
            .execute(params![event_row, actor_row, role.as_str()])?;
        }
    } else {
        // Another report with the same content key: keep the values
        // the set of reports gives, whatever their order (of the actor
        // codes, the least pair given).
        tx.prepare_cached(
            "UPDATE events SET value = min(value, ?2),
             date_source = min(date_source, ?3), modality = min(modality, ?4),
             confidence = max(confidence, ?5),
             source_code = CASE WHEN (?6 IS NOT NULL OR ?7 IS NOT NULL)
                 AND (source_code IS NULL AND target_code IS NULL
                      OR (coalesce(?6, ''), coalesce(?7, ''))
                         < (coalesce(source_code, ''), coalesce(target_code, '')))
                 THEN ?6 ELSE source_code END,
             target_code = CASE WHEN (?6 IS NOT NULL OR ?7 IS NOT NULL)
                 AND (source_code IS NULL AND target_code IS NULL
                      OR (coalesce(?6, ''), coalesce(?7, ''))
                         < (coalesce(source_code, ''), coalesce(target_code, '')))
                 THEN ?7 ELSE target_code END
             WHERE id = ?1",
        )?
        .execute(params![
            event_row,
            when.value,
            when.source.as_str(),
            event.modality.as_str(),
            f64::from(event.confidence),
            event.source_code,
            event.target_code,
        ])?;
    }
    let mut evidence = event.evidence.clone();
    if evidence.is_empty() {
        // The document is a source of the event even without a quote.
        evidence.push(Evidence::default());
    }
    for Evidence { text, start, end } in &evidence {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO mentions (event_id, document_id, start, end, text)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            event_row,
            doc_row,
            *start as i64,
            *end as i64,
            text
        ])?;
    }
    Ok(inserted == 1)
}

/// The row and normalised name of a place, created if needed.
pub(super) fn upsert_place(
    tx: &Connection,
    name: &str,
    country: Option<&str>,
    lat: Option<f64>,
    lon: Option<f64>,
) -> Result<(i64, String), Error> {
    let norm = normalize_name(name);
    tx.prepare_cached(
        "INSERT INTO places (name, norm, country, lat, lon) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(norm) DO UPDATE SET name = min(name, excluded.name),
         country = CASE WHEN country IS NULL OR excluded.country < country
             THEN COALESCE(excluded.country, country) ELSE country END,
         lat = COALESCE(lat, excluded.lat), lon = COALESCE(lon, excluded.lon)",
    )?
    .execute(params![name, norm, country, lat, lon])?;
    let row = tx
        .prepare_cached("SELECT id FROM places WHERE norm = ?1")?
        .query_row([&norm], |r| r.get(0))?;
    Ok((row, norm))
}

/// Deletes a stored document with this id and what only it reported
/// (events no other document reports, actors left in no event and no
/// document); returns whether there was one. A dataset's source document
/// is never replaced: its id is an error.
fn delete_document(tx: &Transaction<'_>, doc_id: &str) -> Result<bool, Error> {
    let Some((row, hash)): Option<(i64, String)> = tx
        .query_row(
            "SELECT id, content_hash FROM documents WHERE doc_id = ?1",
            [doc_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
    else {
        return Ok(false);
    };
    if hash.starts_with(super::SOURCE_HASH_PREFIX) {
        return Err(Error::SourceDocument {
            id: doc_id.to_string(),
        });
    }
    let events: Vec<i64> = tx
        .prepare("SELECT DISTINCT event_id FROM mentions WHERE document_id = ?1")?
        .query_map([row], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut actors: Vec<i64> = tx
        .prepare(
            "SELECT actor_id FROM actor_documents WHERE document_id = ?1
             UNION SELECT actor_id FROM titles WHERE document_id = ?1",
        )?
        .query_map([row], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    tx.execute("DELETE FROM mentions WHERE document_id = ?1", [row])?;
    for event in events {
        let still_reported: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM mentions WHERE event_id = ?1)",
            [event],
            |r| r.get(0),
        )?;
        if !still_reported {
            let mut stmt =
                tx.prepare_cached("SELECT actor_id FROM participants WHERE event_id = ?1")?;
            for actor in stmt.query_map([event], |r| r.get(0))? {
                actors.push(actor?);
            }
            tx.execute("DELETE FROM participants WHERE event_id = ?1", [event])?;
            tx.execute("DELETE FROM events WHERE id = ?1", [event])?;
        }
    }
    tx.execute("DELETE FROM actor_documents WHERE document_id = ?1", [row])?;
    tx.execute("DELETE FROM titles WHERE document_id = ?1", [row])?;
    tx.execute("DELETE FROM documents WHERE id = ?1", [row])?;
    actors.sort_unstable();
    actors.dedup();
    for actor in actors {
        delete_if_unused(tx, actor)?;
    }
    Ok(true)
}

/// Deletes an actor that no event and no document names any more, with
/// its aliases and titles.
fn delete_if_unused(tx: &Transaction<'_>, actor: i64) -> Result<(), Error> {
    let used: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM participants WHERE actor_id = ?1)
                 OR EXISTS (SELECT 1 FROM actor_documents WHERE actor_id = ?1)",
        )?
        .query_row([actor], |r| r.get(0))?;
    if !used {
        tx.execute("DELETE FROM aliases WHERE actor_id = ?1", [actor])?;
        tx.execute("DELETE FROM titles WHERE actor_id = ?1", [actor])?;
        tx.execute("DELETE FROM actors WHERE id = ?1", [actor])?;
    }
    Ok(())
}
