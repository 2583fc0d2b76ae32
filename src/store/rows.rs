//! Writing dataset rows (GDELT, ICEWS) into the store, a batch per
//! transaction. A row is keyed by its own identity, the dataset's event id
//! (`gdelt-<GLOBALEVENTID>`, `icews-<Event ID>`), kept as the event's
//! external id: a row already stored adds nothing, whatever file it comes
//! from, and no later row or article replaces it. The document a row was
//! reported in (a GDELT SOURCEURL, an ICEWS story, else the file) is a
//! source only: created with the first row that names it, never replaced,
//! and marked as a dataset source so that an article cannot replace it.

use super::write::{upsert_place, write_actor, write_event};
use super::{Error, IngestOptions, Store, SOURCE_HASH_PREFIX};
use crate::model::{Actor, DateOrigin, Document, Event, Place, ReportEvent};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashMap;

/// One dataset row for [`Store::ingest_rows`]: the event (its `id` is the
/// row's identity), the actors its participants name, its place and the
/// document it was reported in.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetRow {
    /// The event; `id` is the dataset's own id of the row.
    pub event: Event,
    /// The actors the participants name (a name not among them is stored
    /// as a group).
    pub actors: Vec<Actor>,
    /// Where the event took place, with coordinates.
    pub place: Option<Place>,
    /// The document the row was reported in.
    pub document: Document,
}

/// What writing a batch of rows did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowsOutcome {
    /// Rows stored as new events.
    pub new_events: usize,
    /// Rows whose id was already stored (nothing added).
    pub already_stored: usize,
    /// Actor rows created.
    pub new_actors: usize,
    /// Source documents created.
    pub new_documents: usize,
}

/// A stored actor's row and normalised name.
type ActorRow = (i64, String);

/// What one batch has already written: rows by value, so that a batch
/// writes each distinct actor, place and document once.
#[derive(Default)]
struct BatchRows {
    /// Actors by name: each distinct value written, with its row and
    /// normalised name.
    actors: HashMap<String, Vec<(Actor, ActorRow)>>,
    /// Full places written (by name, every distinct value).
    places: HashMap<String, Vec<Place>>,
    /// Place rows by name (for the event's place).
    place_rows: HashMap<String, (i64, String)>,
    /// Document rows by id.
    documents: HashMap<String, i64>,
}

impl Store {
    /// Stores a batch of dataset rows in one transaction. A row whose id
    /// (its event's `id`) is stored already adds nothing; no row replaces
    /// another or any document.
    pub fn ingest_rows(
        &mut self,
        rows: &[DatasetRow],
        options: &IngestOptions,
    ) -> Result<RowsOutcome, Error> {
        // The rows refer only to rows this writer has just found or
        // written: the foreign-key checks (a B-tree seek per reference,
        // five per row) are left out for the batch.
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let result = self.write_rows(rows, options);
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        result
    }

    fn write_rows(
        &mut self,
        rows: &[DatasetRow],
        options: &IngestOptions,
    ) -> Result<RowsOutcome, Error> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut outcome = RowsOutcome::default();
        let mut batch = BatchRows::default();
        for row in rows {
            write_row(&tx, row, options, &mut batch, &mut outcome)?;
        }
        tx.commit()?;
        Ok(outcome)
    }
}

fn write_row(
    tx: &Transaction<'_>,
    row: &DatasetRow,
    options: &IngestOptions,
    batch: &mut BatchRows,
    outcome: &mut RowsOutcome,
) -> Result<(), Error> {
    let stored = tx
        .prepare_cached("SELECT 1 FROM events WHERE external_id = ?1")?
        .query_row([&row.event.id], |_| Ok(()))
        .optional()?
        .is_some();
    if stored {
        outcome.already_stored += 1;
        return Ok(());
    }
    let doc_row = source_document(tx, &row.document, options, batch, outcome)?;
    // The participants' actors, as a report's actor list.
    let mut actor_rows: Vec<ActorRow> = Vec::with_capacity(row.event.participants.len());
    let mut participants = Vec::with_capacity(row.event.participants.len());
    for p in &row.event.participants {
        let fallback;
        let actor = match row.actors.iter().find(|a| a.name == p.actor) {
            Some(a) => a,
            None => {
                fallback = Actor::new(p.actor.clone(), crate::model::ActorKind::Group);
                &fallback
            }
        };
        let written = batch.actors.entry(actor.name.clone()).or_default();
        let found = match written.iter().find(|(a, _)| a == actor) {
            Some((_, found)) => found.clone(),
            None => {
                let (id, norm, created) = write_actor(tx, actor, false, doc_row)?;
                outcome.new_actors += usize::from(created);
                written.push((actor.clone(), (id, norm.clone())));
                (id, norm)
            }
        };
        participants.push((actor_rows.len(), p.role));
        actor_rows.push(found);
    }
    if let Some(place) = &row.place {
        let written = batch.places.entry(place.name.clone()).or_default();
        if !written.contains(place) {
            let found = upsert_place(
                tx,
                &place.name,
                place.country.as_deref(),
                place.lat,
                place.lon,
            )?;
            batch.place_rows.insert(place.name.clone(), found);
            written.push(place.clone());
        }
    }
    let event = &row.event;
    let report_event = ReportEvent {
        kind: event.kind,
        cameo: event.cameo.clone(),
        source_code: event.source_code.clone(),
        target_code: event.target_code.clone(),
        when: Some(event.when.clone()),
        date_origin: DateOrigin::Given,
        participants,
        place: event.place.clone(),
        modality: event.modality,
        confidence: event.confidence,
        evidence: Vec::new(),
        external_id: Some(event.id.clone()),
    };
    write_event(
        tx,
        &report_event,
        &event.when,
        doc_row,
        &actor_rows,
        &mut batch.place_rows,
    )?;
    outcome.new_events += 1;
    Ok(())
}

/// The content hash of a source document: the prefix and a short digest
/// of the (unique) id.
fn source_hash(id: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(id.as_bytes());
    let mut hash = String::with_capacity(SOURCE_HASH_PREFIX.len() + 32);
    hash.push_str(SOURCE_HASH_PREFIX);
    for b in &digest[..16] {
        hash.push_str(&format!("{b:02x}"));
    }
    hash
}

/// The row of a row's source document, created if it is not stored.
fn source_document(
    tx: &Transaction<'_>,
    doc: &Document,
    options: &IngestOptions,
    batch: &mut BatchRows,
    outcome: &mut RowsOutcome,
) -> Result<i64, Error> {
    if let Some(&row) = batch.documents.get(&doc.id) {
        return Ok(row);
    }
    let found: Option<i64> = tx
        .prepare_cached("SELECT id FROM documents WHERE doc_id = ?1")?
        .query_row([&doc.id], |r| r.get(0))
        .optional()?;
    let row = match found {
        Some(row) => row,
        None => {
            tx.prepare_cached(
                "INSERT INTO documents (doc_id, content_hash, title, url, published, source, path)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                doc.id,
                source_hash(&doc.id),
                doc.title,
                doc.url,
                doc.published.map(|d| d.format("%Y-%m-%d").to_string()),
                doc.source,
                options.path,
            ])?;
            outcome.new_documents += 1;
            tx.last_insert_rowid()
        }
    };
    batch.documents.insert(doc.id.clone(), row);
    Ok(row)
}
