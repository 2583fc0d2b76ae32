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
use rusqlite::{params, Connection, OptionalExtension};
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
    /// Events, participants and mentions written, by kind, since the last
    /// commit (added to `kind_counts` when it commits).
    counts: std::collections::BTreeMap<&'static str, (i64, i64, i64)>,
    /// Pairs of actor rows that share an event written since the last
    /// commit, with the first day they do (added to `actor_pairs` when it
    /// commits).
    pairs: std::collections::BTreeMap<(i64, i64), i32>,
    /// The next row id of a dataset event starting on each day (see
    /// `day_row_base`), found once per day and writer.
    next_ids: HashMap<i32, i64>,
}

/// Secondary indexes that a first load into an empty store builds after
/// its rows (one sorted pass each) instead of row by row. Every writer's
/// open creates any that are missing (`SCHEMA`), so an ingest killed
/// before it rebuilt them leaves a store that the next writer completes.
/// The `actor_days` table is deferred the same way (dropped, then filled
/// from the rows; a writer's open fills it when it is missing).
const DEFERRED_INDEXES: [&str; 4] = [
    "events_start",
    "events_span",
    "participants_actor",
    "mentions_document",
];

/// Past this many cached source documents a writer forgets them at its
/// next commit (memory stays bounded whatever the file).
const MAX_CACHED_DOCUMENTS: usize = 200_000;

/// Writes batches of dataset rows, committing when asked: rows written
/// since the last commit are one transaction, so a process killed at any
/// point keeps every committed batch and nothing of the others. A writer
/// that finds the store without events (a first load) drops the
/// secondary indexes in [`DEFERRED_INDEXES`] and builds them at
/// [`RowWriter::finish`].
pub struct RowWriter<'a> {
    store: &'a mut Store,
    options: IngestOptions,
    batch: BatchRows,
    /// A transaction is open.
    open: bool,
    /// The secondary indexes were dropped for a first load.
    deferred: bool,
}

impl std::fmt::Debug for RowWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RowWriter")
            .field("open", &self.open)
            .field("deferred", &self.deferred)
            .finish_non_exhaustive()
    }
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
        let mut writer = self.row_writer(options)?;
        let outcome = writer.write(rows)?;
        writer.finish()?;
        Ok(outcome)
    }

    /// A writer of dataset rows in transactions of several batches (see
    /// [`RowWriter`]).
    pub fn row_writer(&mut self, options: &IngestOptions) -> Result<RowWriter<'_>, Error> {
        // The rows refer only to rows this writer has just found or
        // written: the foreign-key checks (a B-tree seek per reference,
        // five per row) are left out while it writes.
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let empty: bool =
            self.conn
                .query_row("SELECT NOT EXISTS (SELECT 1 FROM events)", [], |r| r.get(0))?;
        if empty {
            let mut sql = String::from("BEGIN IMMEDIATE;");
            for index in DEFERRED_INDEXES {
                sql.push_str(&format!("DROP INDEX IF EXISTS {index};"));
            }
            sql.push_str("DROP TABLE IF EXISTS actor_days;");
            sql.push_str("COMMIT;");
            self.conn.execute_batch(&sql).inspect_err(|_| {
                let _ = self.conn.execute_batch("ROLLBACK");
            })?;
        }
        Ok(RowWriter {
            store: self,
            options: options.clone(),
            batch: BatchRows::default(),
            open: false,
            deferred: empty,
        })
    }
}

impl RowWriter<'_> {
    /// Writes a batch of rows into the open transaction (opening one if
    /// needed). A row whose id is stored already adds nothing.
    pub fn write(&mut self, rows: &[DatasetRow]) -> Result<RowsOutcome, Error> {
        if !self.open {
            self.store.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.open = true;
        }
        let mut outcome = RowsOutcome::default();
        for row in rows {
            if let Err(e) = write_row(
                &self.store.conn,
                row,
                &self.options,
                &mut self.batch,
                &mut outcome,
                !self.deferred,
            ) {
                self.rollback();
                return Err(e);
            }
        }
        Ok(outcome)
    }

    /// Commits the rows written since the last commit.
    pub fn commit(&mut self) -> Result<(), Error> {
        if self.open {
            let flushed = add_counts(&self.store.conn, &self.batch.counts)
                .and_then(|()| add_pairs(&self.store.conn, &self.batch.pairs))
                .and_then(|()| Ok(self.store.conn.execute_batch("COMMIT")?));
            if let Err(e) = flushed {
                self.rollback();
                return Err(e);
            }
            self.open = false;
            self.batch.counts.clear();
            self.batch.pairs.clear();
        }
        if self.batch.documents.len() > MAX_CACHED_DOCUMENTS {
            self.batch.documents.clear();
        }
        Ok(())
    }

    /// Commits, and builds the indexes a first load deferred.
    pub fn finish(mut self) -> Result<(), Error> {
        self.commit()?;
        if self.deferred {
            super::migrate_v3(&self.store.conn, super::SCHEMA_VERSION)?;
            self.store.conn.execute_batch(super::SCHEMA)?;
            self.deferred = false;
        }
        Ok(())
    }

    /// Rolls the open transaction back; the cached rows may be gone.
    fn rollback(&mut self) {
        if self.open {
            let _ = self.store.conn.execute_batch("ROLLBACK");
            self.open = false;
        }
        self.batch = BatchRows::default();
    }
}

impl Drop for RowWriter<'_> {
    fn drop(&mut self) {
        self.rollback();
        if self.deferred {
            // the next writer's open builds them otherwise
            let _ = super::migrate_v3(&self.store.conn, super::SCHEMA_VERSION);
            let _ = self.store.conn.execute_batch(super::SCHEMA);
        }
        let _ = self.store.conn.pragma_update(None, "foreign_keys", "ON");
    }
}

/// The row id of the next dataset event that starts on `day`: after the
/// largest id of the day's range stored (looked up once per day).
fn next_event_id(tx: &Connection, batch: &mut BatchRows, day: i32) -> Result<i64, Error> {
    let base = super::day_row_base(day);
    let next = match batch.next_ids.get(&day) {
        Some(&next) => next,
        None => {
            let last: Option<i64> = tx
                .prepare_cached("SELECT MAX(id) FROM events WHERE id >= ?1 AND id < ?2")?
                .query_row(params![base, base + (1 << super::DAY_ROW_BITS)], |r| {
                    r.get(0)
                })?;
            last.map_or(base + 1, |l| l + 1)
        }
    };
    batch.next_ids.insert(day, next + 1);
    Ok(next)
}

fn write_row(
    tx: &Connection,
    row: &DatasetRow,
    options: &IngestOptions,
    batch: &mut BatchRows,
    outcome: &mut RowsOutcome,
    actor_days: bool,
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
    let (start, end) = event.when.day_span();
    // ids of one day's range until it is full, then the next free one
    let id = next_event_id(tx, batch, start)?;
    let id = (id < super::day_row_base(start) + (1 << super::DAY_ROW_BITS)).then_some(id);
    write_event(
        tx,
        &report_event,
        &event.when,
        doc_row,
        &actor_rows,
        &mut batch.place_rows,
        id,
    )?;
    let event_row = match id {
        Some(id) => id,
        None => tx.last_insert_rowid(),
    };
    // one participant row per distinct actor row, one mention
    let mut rows: Vec<i64> = actor_rows.iter().map(|r| r.0).collect();
    rows.sort_unstable();
    rows.dedup();
    if actor_days {
        for &actor in &rows {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO actor_days (actor_id, start_day, event_id, end_day, kind)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![actor, start, event_row, end, event.kind.as_str()])?;
        }
    }
    for &a in &rows {
        for &b in &rows {
            if a != b {
                let first = batch.pairs.entry((a, b)).or_insert(start);
                *first = (*first).min(start);
            }
        }
    }
    let count = batch.counts.entry(event.kind.as_str()).or_default();
    count.0 += 1;
    count.1 += rows.len() as i64;
    count.2 += 1;
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
    tx: &Connection,
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

/// Adds the counts of a transaction's rows to `kind_counts`.
fn add_counts(
    conn: &Connection,
    counts: &std::collections::BTreeMap<&'static str, (i64, i64, i64)>,
) -> Result<(), Error> {
    for (kind, (events, participants, mentions)) in counts {
        conn.prepare_cached(
            "INSERT INTO kind_counts (kind, events, participants, mentions)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(kind) DO UPDATE SET events = events + excluded.events,
             participants = participants + excluded.participants,
             mentions = mentions + excluded.mentions",
        )?
        .execute(params![kind, events, participants, mentions])?;
    }
    Ok(())
}

/// Adds the actor pairs of a transaction's rows to `actor_pairs` (both
/// orders are in the map), keeping the first day of each.
fn add_pairs(
    conn: &Connection,
    pairs: &std::collections::BTreeMap<(i64, i64), i32>,
) -> Result<(), Error> {
    for (&(a, b), &day) in pairs {
        conn.prepare_cached(
            "INSERT INTO actor_pairs (actor_id, other_id, first_day) VALUES (?1, ?2, ?3)
             ON CONFLICT (actor_id, other_id) DO UPDATE
             SET first_day = MIN(first_day, excluded.first_day)",
        )?
        .execute(params![a, b, day])?;
    }
    Ok(())
}

/// Whether `kind_counts` holds the counts of every stored event: a store
/// of dataset rows only, written by schema 4 (every dataset row is
/// counted when written, and a schema 3 store is recounted when
/// migrated), or, for a schema 3 store read as it is, whose counted
/// events are its largest event row id (nothing deleted: its row ids are
/// dense). A store written by a version without the table, or holding
/// articles, fails it.
fn counts_complete(conn: &Connection, version: i64) -> Result<bool, Error> {
    let complete = if version >= 4 {
        "SELECT NOT EXISTS (SELECT 1 FROM events WHERE external_id IS NULL)"
    } else {
        "SELECT (SELECT COALESCE(SUM(events), 0) FROM kind_counts)
                = (SELECT COALESCE(MAX(id), 0) FROM events)
            AND NOT EXISTS (SELECT 1 FROM events WHERE external_id IS NULL)"
    };
    Ok(conn.query_row(complete, [], |r| r.get(0))?)
}

/// Recounts `kind_counts` from the dataset events stored (one scan of the
/// events, participants and mentions), inside the caller's transaction.
pub(super) fn recount(conn: &Connection) -> Result<(), Error> {
    conn.execute_batch(
        "DELETE FROM kind_counts;
         INSERT INTO kind_counts (kind, events, participants, mentions)
             SELECT e.kind, COUNT(*),
                 COALESCE(SUM((SELECT COUNT(*) FROM participants p WHERE p.event_id = e.id)), 0),
                 COALESCE(SUM((SELECT COUNT(*) FROM mentions m WHERE m.event_id = e.id)), 0)
             FROM events e WHERE e.external_id IS NOT NULL GROUP BY e.kind;",
    )?;
    Ok(())
}

/// The number of events of one kind, with their participants and mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindCount {
    /// The event kind, as stored.
    pub kind: String,
    /// Events of the kind.
    pub events: u64,
    /// Their participant rows.
    pub participants: u64,
    /// Their mention rows.
    pub mentions: u64,
}

/// What a store of dataset rows holds, read from its kept counts and its
/// indexes without a scan (see [`Store::stored_counts`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCounts {
    /// Document rows.
    pub documents: u64,
    /// Place rows.
    pub places: u64,
    /// Events, participants and mentions by kind, in kind order.
    pub kinds: Vec<KindCount>,
    /// The first day of an event (a day number), if any.
    pub first_day: Option<i32>,
    /// The last day of an event, if any.
    pub last_day: Option<i32>,
}

impl Store {
    /// The counts of a store of dataset rows only, kept at ingest
    /// (`kind_counts`), with the first and last days read through the day
    /// indexes: `None` when the store holds articles or its counts are not
    /// complete (written by an older version: the next ingest recounts).
    pub fn stored_counts(&self) -> Result<Option<StoredCounts>, Error> {
        let conn = &self.conn;
        // a few index pages and the last days' events: through the page
        // cache, not the memory map (its pages count in the memory)
        conn.pragma_update(None, "mmap_size", 0)?;
        let has_table: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'kind_counts')",
            [],
            |r| r.get(0),
        )?;
        if !has_table || !counts_complete(conn, self.version)? {
            return Ok(None);
        }
        let mut stmt = conn.prepare(
            "SELECT kind, events, participants, mentions FROM kind_counts
             WHERE events > 0 ORDER BY kind",
        )?;
        let kinds = stmt
            .query_map([], |r| {
                Ok(KindCount {
                    kind: r.get(0)?,
                    events: r.get::<_, i64>(1)? as u64,
                    participants: r.get::<_, i64>(2)? as u64,
                    mentions: r.get::<_, i64>(3)? as u64,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let count = |sql: &str| -> Result<u64, Error> {
            Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        // the last day: among the events starting within the longest span
        // of the last start (the start and span indexes)
        let (first_day, last_day) = conn.query_row(
            "SELECT (SELECT MIN(start_day) FROM events),
                    (SELECT MAX(end_day) FROM events WHERE start_day >=
                        (SELECT MAX(start_day) FROM events)
                        - (SELECT COALESCE(MAX(end_day - start_day), 0) FROM events))",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Some(StoredCounts {
            documents: count("SELECT COUNT(*) FROM documents")?,
            places: count("SELECT COUNT(*) FROM places")?,
            kinds,
            first_day,
            last_day,
        }))
    }
}
