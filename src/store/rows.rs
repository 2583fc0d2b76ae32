//! Writing dataset rows (GDELT, ICEWS) into the store, a batch per
//! transaction. A row is keyed by its own identity, the dataset's event id
//! (`gdelt-<GLOBALEVENTID>`, `icews-<Event ID>`), kept as the event's
//! external id: a row already stored adds nothing, whatever file it comes
//! from, and no later row or article replaces it. The document a row was
//! reported in (a GDELT SOURCEURL, an ICEWS story, else the file) is a
//! source only: created with the first row that names it, never replaced,
//! and marked as a dataset source so that an article cannot replace it.

use super::hash::FxHashMap;
use super::held::{HeldRows, NewEventRow, FLUSH_ROWS, INSERT_EVENT};
use super::write::{upsert_place, write_actor, write_event};
use super::{Error, IngestOptions, Store, SOURCE_HASH_PREFIX};
use crate::model::{
    actor_key_of_normalized, event_key, normalize_name, Actor, DateOrigin, Document, Event,
    EventKind, KeyInput, Place, ReportEvent, Role,
};
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

/// What one batch has already written: rows by value, so that a batch
/// writes each distinct actor, place and document once.
#[derive(Default)]
struct BatchRows {
    /// Actors by name: each distinct value written, with its row.
    actors: FxHashMap<String, Vec<(Actor, i64)>>,
    /// Full places written (by name, every distinct value).
    places: FxHashMap<String, Vec<Place>>,
    /// Place rows by name (for the event's place).
    place_rows: HashMap<String, (i64, String)>,
    /// Document rows by id.
    documents: FxHashMap<String, i64>,
    /// `documents` holds every stored document: the store had none when
    /// the writer started, and the cache was neither emptied nor rolled
    /// back since (a document not in it is then not stored).
    documents_complete: bool,
    /// The ids written, when the store had no events at the writer's
    /// start (`None` otherwise, and after a rollback).
    seen: Option<SeenIds>,
    /// Events, participants and mentions written, by kind, since the last
    /// commit (added to `kind_counts` when it commits).
    counts: std::collections::BTreeMap<EventKind, (i64, i64, i64)>,
    /// Pairs of actor rows that share an event written since the last
    /// commit, with the first day they do (added to `actor_pairs` when it
    /// commits).
    pairs: std::collections::BTreeMap<(i64, i64), i32>,
    /// Events written since the last commit by actor row (and pair of
    /// actor rows, the smaller first; 0 for the row alone) and kind, with
    /// their first and last days (added to `actor_kinds` when it commits).
    actor_kinds: std::collections::BTreeMap<(i64, i64, EventKind), (i64, i32, i32)>,
    /// Documents created since the last commit (added to the kept count
    /// of `row_counts` when it commits).
    new_documents: i64,
    /// The next row id of a dataset event starting on each day (see
    /// `day_row_base`), found once per day and writer.
    next_ids: FxHashMap<i32, i64>,
    /// A first load's new event rows, inserted in row-id order when
    /// [`FLUSH_ROWS`] of them are held and before each commit (`None`
    /// when not a first load, and after a rollback: rows are then
    /// inserted as they come).
    held: Option<HeldRows>,
}

/// Secondary indexes that a first load into an empty store builds after
/// its rows (one sorted pass each) instead of row by row; the last two
/// ([`super::ARTICLE_INDEXES`]) are dropped and left to the first article
/// written. Every writer's
/// open creates any that are missing (`SCHEMA`), so an ingest killed
/// before it rebuilt them leaves a store that the next writer completes.
/// The `actor_days` table is deferred the same way (dropped, then filled
/// from the rows; a writer's open fills it when it is missing). Without
/// `events_key` (the content keys' uniqueness) a first load's rows are
/// inserted without a conflict check: their keys hold their ids, which
/// it checks; two that collide are settled when the index is built
/// (`super::ensure_key_index`).
const DEFERRED_INDEXES: [&str; 5] = [
    "events_key",
    "events_start",
    "events_span",
    "participants_actor",
    "mentions_document",
];

/// The page cache of a writer, in KiB (as `cache_size` takes it, negated;
/// what `Store::init` sets).
const WRITER_CACHE_KIB: i64 = 131_072;

/// The page cache while the deferred indexes are built, in KiB: SQLite's
/// sorter holds as much as the page cache in memory before it spills to
/// a temporary file, so the two together stay within the writer's cache.
const INDEX_BUILD_CACHE_KIB: i64 = 32_768;

/// Builds the deferred indexes (`SCHEMA` creates what is missing) with a
/// smaller page cache: the rows' pages are not needed again, and the
/// sorter of `CREATE INDEX` takes as much memory as the cache size; fills
/// `actor_days` when a first load deferred it.
fn build_indexes(conn: &Connection) -> Result<(), Error> {
    conn.pragma_update(None, "temp_store", "DEFAULT")?;
    conn.pragma_update(None, "cache_size", -INDEX_BUILD_CACHE_KIB)?;
    conn.execute_batch("PRAGMA shrink_memory")?;
    let built = super::migrate_v3(conn, super::SCHEMA_VERSION)
        .and_then(|()| Ok(conn.execute_batch(super::SCHEMA)?))
        .and_then(|()| super::ensure_document_indexes(conn))
        .and_then(|()| super::ensure_key_index(conn));
    conn.pragma_update(None, "cache_size", -WRITER_CACHE_KIB)?;
    built
}

/// Syncs a first load's writes to the disk and goes back to the writer's
/// `synchronous = NORMAL` (the checkpoint writes the log into the
/// database and syncs both).
fn restore_sync(conn: &Connection) -> Result<(), Error> {
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
    Ok(())
}

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
        let no_documents: bool =
            self.conn
                .query_row("SELECT NOT EXISTS (SELECT 1 FROM documents)", [], |r| {
                    r.get(0)
                })?;
        if empty {
            // A first load does not wait for the disk at each commit: a
            // killed process loses nothing committed (the system holds
            // its writes); the store is synced when the load ends
            // (`restore_sync`).
            self.conn.pragma_update(None, "synchronous", "OFF")?;
            // the statement journals of the held rows' multi-row inserts
            // (a few pages each) in memory, not in temporary files (until
            // `build_indexes`, whose sorts spill to files)
            self.conn.pragma_update(None, "temp_store", "MEMORY")?;
            let mut sql = String::from("BEGIN IMMEDIATE;");
            for index in DEFERRED_INDEXES {
                sql.push_str(&format!("DROP INDEX IF EXISTS {index};"));
            }
            sql.push_str("DROP TABLE IF EXISTS actor_days;");
            if no_documents {
                // every document is then in the writer's cache until it
                // is emptied (`RowWriter::commit` builds them then)
                for index in super::DOCUMENT_INDEXES {
                    sql.push_str(&format!("DROP INDEX IF EXISTS {index};"));
                }
            }
            sql.push_str("COMMIT;");
            self.conn.execute_batch(&sql).inspect_err(|_| {
                let _ = self.conn.execute_batch("ROLLBACK");
            })?;
        }
        Ok(RowWriter {
            store: self,
            options: options.clone(),
            batch: BatchRows {
                seen: empty.then(SeenIds::new),
                held: empty.then(HeldRows::default),
                documents_complete: no_documents,
                ..BatchRows::default()
            },
            open: false,
            deferred: empty,
        })
    }
}

impl RowWriter<'_> {
    /// Writes a batch of rows into the open transaction (opening one if
    /// needed). A row whose id is stored already adds nothing.
    pub fn write(&mut self, rows: &[DatasetRow]) -> Result<RowsOutcome, Error> {
        let mut preparer = RowPreparer::new();
        let prepared: Vec<PreparedRow> = rows
            .iter()
            .map(|row| preparer.prepare(row.clone()))
            .collect();
        self.write_prepared(&prepared)
    }

    /// [`RowWriter::write`] for rows a [`RowPreparer`] prepared (on
    /// another thread, say).
    pub fn write_prepared(&mut self, rows: &[PreparedRow]) -> Result<RowsOutcome, Error> {
        if !self.open {
            self.store.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.open = true;
        }
        let mut outcome = RowsOutcome::default();
        let conn = &self.store.conn;
        let written = Statements::new(conn, self.deferred).and_then(|mut statements| {
            for row in rows {
                write_row(
                    conn,
                    &mut statements,
                    row,
                    &self.options,
                    &mut self.batch,
                    &mut outcome,
                )?;
            }
            match self.batch.held.as_mut() {
                Some(held) if held.len() >= FLUSH_ROWS => statements.flush(held),
                _ => Ok(()),
            }
        });
        if let Err(e) = written {
            self.rollback();
            return Err(e);
        }
        Ok(outcome)
    }

    /// Commits the rows written since the last commit.
    pub fn commit(&mut self) -> Result<(), Error> {
        if self.open {
            let conn = &self.store.conn;
            let flushed = match self.batch.held.as_mut() {
                Some(held) if held.len() > 0 => {
                    Statements::new(conn, self.deferred).and_then(|mut s| s.flush(held))
                }
                _ => Ok(()),
            }
            .and_then(|()| add_counts(&self.store.conn, &self.batch.counts))
            .and_then(|()| add_pairs(&self.store.conn, &self.batch.pairs))
            .and_then(|()| add_actor_kinds(&self.store.conn, &self.batch.actor_kinds))
            .and_then(|()| match self.batch.new_documents {
                0 => Ok(()),
                n => super::count_documents(&self.store.conn, n),
            })
            .and_then(|()| Ok(self.store.conn.execute_batch("COMMIT")?));
            if let Err(e) = flushed {
                self.rollback();
                return Err(e);
            }
            self.open = false;
            self.batch.counts.clear();
            self.batch.pairs.clear();
            self.batch.actor_kinds.clear();
            self.batch.new_documents = 0;
        }
        if self.batch.documents.len() > MAX_CACHED_DOCUMENTS {
            self.batch.documents.clear();
            self.batch.documents_complete = false;
            // documents are looked up by id from now on
            super::ensure_document_indexes(&self.store.conn)?;
        }
        if self.batch.actors.len() + self.batch.place_rows.len() > MAX_CACHED_DOCUMENTS {
            // written again (to the same values) when next named
            self.batch.actors.clear();
            self.batch.places.clear();
            self.batch.place_rows.clear();
        }
        Ok(())
    }

    /// Commits, and builds the indexes a first load deferred.
    pub fn finish(mut self) -> Result<(), Error> {
        self.commit()?;
        // the caches and the held rows' buffers are not needed again:
        // freed before the builds' sorts take their memory
        self.batch = BatchRows::default();
        if self.deferred {
            build_indexes(&self.store.conn)?;
            self.deferred = false;
            restore_sync(&self.store.conn)?;
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
            let _ = build_indexes(&self.store.conn);
            let _ = restore_sync(&self.store.conn);
        }
        let _ = self.store.conn.pragma_update(None, "foreign_keys", "ON");
    }
}

/// A dataset row with what writing it needs that the row alone gives: the
/// actors its participants name, the participants as indexes into them,
/// the event's content key and its day span. [`RowPreparer`] computes it
/// (name normalisation, hashing) off the writer's thread, so that the
/// writer does only SQLite's work.
#[derive(Debug, Clone)]
pub struct PreparedRow {
    row: DatasetRow,
    /// The distinct actors the participants name, in the order they are
    /// first named (a name the row does not list is a group).
    actors: Vec<Actor>,
    /// The participants: an index into `actors` and the role.
    participants: Vec<(usize, Role)>,
    /// The event's content key, as stored (`super::stored_key`).
    key: i64,
    /// The event's first and last day numbers.
    span: (i32, i32),
    /// A hash of the row's id (for [`SeenIds`]).
    id_hash: u64,
}

/// Prepares [`DatasetRow`]s for a [`RowWriter`], caching the normalised
/// names it has seen (a dataset names the same actors and places again
/// and again; the caches are emptied past a bound).
#[derive(Debug, Default)]
pub struct RowPreparer {
    /// Actor keys by actor name, with the normalised name.
    actors: FxHashMap<String, (u64, String)>,
    /// Normalised place names by place name.
    places: FxHashMap<String, String>,
}

/// Past this many names a preparer's cache is emptied.
const MAX_PREPARED_NAMES: usize = 1 << 16;

impl RowPreparer {
    /// A preparer with empty caches.
    pub fn new() -> RowPreparer {
        RowPreparer::default()
    }

    /// The row with its actors, participants, content key and days.
    pub fn prepare(&mut self, row: DatasetRow) -> PreparedRow {
        let event = &row.event;
        let mut actors: Vec<Actor> = Vec::with_capacity(event.participants.len());
        let mut participants = Vec::with_capacity(event.participants.len());
        // (normalised name, actor key, role): one role per actor row (the
        // least), as the graph has it; rows are one per normalised name
        let mut keyed: Vec<(&str, u64, Role)> = Vec::with_capacity(event.participants.len());
        if self.actors.len() > MAX_PREPARED_NAMES {
            self.actors.clear();
        }
        for p in &event.participants {
            let index = match actors.iter().position(|a| a.name == p.actor) {
                Some(index) => index,
                None => {
                    let actor = row
                        .actors
                        .iter()
                        .find(|a| a.name == p.actor)
                        .cloned()
                        .unwrap_or_else(|| {
                            Actor::new(p.actor.clone(), crate::model::ActorKind::Group)
                        });
                    actors.push(actor);
                    actors.len() - 1
                }
            };
            participants.push((index, p.role));
            if !self.actors.contains_key(&p.actor) {
                let norm = normalize_name(&p.actor);
                let key = actor_key_of_normalized(&norm);
                self.actors.insert(p.actor.clone(), (key, norm));
            }
        }
        for p in &event.participants {
            let (key, norm) = &self.actors[&p.actor];
            keyed.push((norm.as_str(), *key, p.role));
        }
        keyed.sort_unstable_by(|a, b| (a.0, a.2).cmp(&(b.0, b.2)));
        keyed.dedup_by(|later, first| later.0 == first.0);
        let keyed: Vec<(u64, Role)> = keyed.iter().map(|&(_, key, role)| (key, role)).collect();
        if self.places.len() > MAX_PREPARED_NAMES {
            self.places.clear();
        }
        let place = match event.place.as_deref() {
            Some(name) => {
                if !self.places.contains_key(name) {
                    self.places.insert(name.to_string(), normalize_name(name));
                }
                Some(self.places[name].as_str())
            }
            None => None,
        };
        let span = event.when.day_span();
        let key = super::stored_key(event_key(&KeyInput {
            kind: event.kind,
            cameo: event.cameo.as_deref(),
            start: span.0,
            end: span.1,
            precision: event.when.precision,
            participants: &keyed,
            place,
            external_id: Some(&event.id),
        }));
        let id_hash = {
            use std::hash::{BuildHasher, Hasher};
            let mut hasher = ID_HASH.build_hasher();
            hasher.write(row.event.id.as_bytes());
            hasher.finish()
        };
        PreparedRow {
            row,
            actors,
            participants,
            key,
            span,
            id_hash,
        }
    }
}

/// The hasher of row ids for [`SeenIds`] (SipHash with fixed keys: the
/// same ids hash alike in every run).
const ID_HASH: std::hash::BuildHasherDefault<std::collections::hash_map::DefaultHasher> =
    std::hash::BuildHasherDefault::new();

/// The ids of the rows a writer has written into a store that had no
/// events when it started, as Bloom filters: a row whose id they have not
/// seen is not stored, and is written without looking its id up (a
/// B-tree descent a row). Filters of 8 bits an id and 5 probes in one
/// 512-bit block (about 3% false positives, which are looked up), each twice the last, up to
/// [`MAX_SEEN_IDS`] ids (16 MB); past them every id is looked up.
struct SeenIds {
    /// (bits, the ids it holds, the ids it is sized for).
    filters: Vec<(Vec<u64>, usize, usize)>,
}

/// The ids the first of the [`SeenIds`] filters is sized for.
const FIRST_SEEN_IDS: usize = 1 << 20;

/// The ids all the [`SeenIds`] filters together are sized for.
const MAX_SEEN_IDS: usize = (1 << 24) - (1 << 20);

impl SeenIds {
    fn new() -> SeenIds {
        SeenIds {
            filters: Vec::new(),
        }
    }

    /// The five bit positions of a hash in a filter of `bits` bits (a
    /// power of two), all in one block of 512 bits (one cache line: a
    /// probe is one memory access, not five).
    fn probes(hash: u64, bits: usize) -> impl Iterator<Item = usize> {
        let block = (hash as usize) & (bits - 1) & !511;
        // the bits within the block from a second mix of the hash
        let h2 = hash.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(17);
        (0..5u64).map(move |i| block | ((h2 >> (i * 9)) as usize & 511))
    }

    /// Whether the id may have been seen (`true` when it may be, or when
    /// the filters are full); records it.
    fn check_and_add(&mut self, hash: u64) -> bool {
        let seen = self.filters.iter().any(|(words, _, _)| {
            Self::probes(hash, words.len() * 64).all(|b| words[b / 64] & (1 << (b % 64)) != 0)
        });
        if seen {
            return true;
        }
        let full = self.filters.last().is_none_or(|f| f.1 >= f.2);
        if full {
            let held: usize = self.filters.iter().map(|f| f.2).sum();
            if held >= MAX_SEEN_IDS {
                return true;
            }
            let ids = self.filters.last().map_or(FIRST_SEEN_IDS, |f| f.2 * 2);
            // 8 bits an id
            self.filters.push((vec![0u64; ids / 8], 0, ids));
        }
        let Some((words, count, _)) = self.filters.last_mut() else {
            return true;
        };
        for b in Self::probes(hash, words.len() * 64) {
            words[b / 64] |= 1 << (b % 64);
        }
        *count += 1;
        false
    }
}

/// The statements a row is written with, prepared once per batch.
struct Statements<'c> {
    conn: &'c Connection,
    stored: rusqlite::CachedStatement<'c>,
    event: rusqlite::CachedStatement<'c>,
    participant: rusqlite::CachedStatement<'c>,
    mention: rusqlite::CachedStatement<'c>,
    /// Only when `actor_days` is kept row by row (not on a first load).
    actor_day: Option<rusqlite::CachedStatement<'c>>,
}

impl Statements<'_> {
    /// Inserts the held rows (a first load's: `event` is the plain insert).
    fn flush(&mut self, held: &mut HeldRows) -> Result<(), Error> {
        held.flush(
            self.conn,
            &mut self.event,
            &mut self.participant,
            &mut self.mention,
        )
    }
}

impl<'c> Statements<'c> {
    /// `deferred`: a first load, without the secondary indexes, the
    /// content keys' unique index and `actor_days`.
    fn new(conn: &'c Connection, deferred: bool) -> Result<Statements<'c>, Error> {
        let actor_days = !deferred;
        Ok(Statements {
            conn,
            stored: conn.prepare_cached("SELECT 1 FROM events WHERE external_id = ?1")?,
            event: if deferred {
                conn.prepare_cached(INSERT_EVENT)?
            } else {
                conn.prepare_cached(&format!("{INSERT_EVENT} ON CONFLICT (key) DO NOTHING"))?
            },
            participant: conn.prepare_cached(concat!(
                "INSERT OR IGNORE INTO participants (event_id, actor_id, role)",
                " VALUES (?1, ?2, ?3)"
            ))?,
            mention: conn.prepare_cached(concat!(
                "INSERT OR IGNORE INTO mentions (event_id, document_id, start, end, text)",
                " VALUES (?1, ?2, 0, 0, '')"
            ))?,
            actor_day: if actor_days {
                Some(conn.prepare_cached(
                    "INSERT OR IGNORE INTO actor_days (actor_id, start_day, event_id, end_day, kind)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?)
            } else {
                None
            },
        })
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
    statements: &mut Statements<'_>,
    prepared: &PreparedRow,
    options: &IngestOptions,
    batch: &mut BatchRows,
    outcome: &mut RowsOutcome,
) -> Result<(), Error> {
    let row = &prepared.row;
    let maybe_stored = batch
        .seen
        .as_mut()
        .is_none_or(|seen| seen.check_and_add(prepared.id_hash));
    if maybe_stored {
        // a held row is not in the table yet
        if let Some(held) = batch.held.as_mut().filter(|h| h.may_hold(prepared.id_hash)) {
            statements.flush(held)?;
        }
    }
    if maybe_stored && statements.stored.exists([&row.event.id])? {
        outcome.already_stored += 1;
        return Ok(());
    }
    let doc_row = source_document(tx, &row.document, options, batch, outcome)?;
    // The participants' actor rows, in the order they are first named.
    let mut actor_rows: Vec<i64> = Vec::with_capacity(prepared.actors.len());
    for actor in &prepared.actors {
        let found = batch
            .actors
            .get(&actor.name)
            .and_then(|written| written.iter().find(|(a, _)| a == actor))
            .map(|(_, found)| *found);
        let found = match found {
            Some(found) => found,
            None => {
                let (id, _, created) = write_actor(tx, actor, false, doc_row)?;
                outcome.new_actors += usize::from(created);
                batch
                    .actors
                    .entry(actor.name.clone())
                    .or_default()
                    .push((actor.clone(), id));
                id
            }
        };
        actor_rows.push(found);
    }
    if let Some(place) = &row.place {
        let written = batch
            .places
            .get(&place.name)
            .is_some_and(|written| written.contains(place));
        if !written {
            let found = upsert_place(
                tx,
                &place.name,
                place.country.as_deref(),
                place.lat,
                place.lon,
            )?;
            batch.place_rows.insert(place.name.clone(), found);
            batch
                .places
                .entry(place.name.clone())
                .or_default()
                .push(place.clone());
        }
    }
    let event = &row.event;
    let place_row = match event.place.as_deref() {
        Some(name) => match batch.place_rows.get(name) {
            Some(found) => Some(found.0),
            None => {
                let found = upsert_place(tx, name, None, None, None)?;
                let id = found.0;
                batch.place_rows.insert(name.to_string(), found);
                Some(id)
            }
        },
        None => None,
    };
    let (start, end) = prepared.span;
    // ids of one day's range until it is full, then the next free one
    let id = next_event_id(tx, batch, start)?;
    let id = (id < super::day_row_base(start) + (1 << super::DAY_ROW_BITS)).then_some(id);
    // one participant row per distinct actor row (the least role)
    let mut parts: Vec<(i64, Role)> = prepared
        .participants
        .iter()
        .map(|&(i, role)| (actor_rows[i], role))
        .collect();
    parts.sort_unstable();
    parts.dedup_by_key(|p| p.0);
    let held = match (batch.held.as_mut(), id) {
        (Some(held), Some(id)) => {
            held.push(
                &NewEventRow {
                    id,
                    key: prepared.key,
                    kind: event.kind,
                    cameo: event.cameo.as_deref(),
                    span: prepared.span,
                    precision: event.when.precision,
                    value: &event.when.value,
                    date_source: event.when.source,
                    place: place_row,
                    modality: event.modality,
                    confidence: event.confidence,
                    external_id: &event.id,
                    source_code: event.source_code.as_deref(),
                    target_code: event.target_code.as_deref(),
                },
                prepared.id_hash,
                &parts,
                doc_row,
            );
            true
        }
        (Some(held), None) => {
            // a full day: SQLite picks the id, above the held ones
            statements.flush(held)?;
            false
        }
        (None, _) => false,
    };
    let inserted = if held {
        1
    } else {
        write_now(tx, statements, prepared, id, place_row, &parts, doc_row)?
    };
    if inserted == 1 {
        for (a, _) in &parts {
            for (b, _) in &parts {
                if a != b {
                    let first = batch.pairs.entry((*a, *b)).or_insert(start);
                    *first = (*first).min(start);
                }
            }
        }
        // `parts` holds distinct actor rows, in row order
        for (i, (a, _)) in parts.iter().enumerate() {
            let others = std::iter::once(0).chain(parts[i + 1..].iter().map(|p| p.0));
            for b in others {
                let count = batch
                    .actor_kinds
                    .entry((*a, b, event.kind))
                    .or_insert((0, start, end));
                count.0 += 1;
                count.1 = count.1.min(start);
                count.2 = count.2.max(end);
            }
        }
    } else {
        // Another stored event has the content key (a key collision):
        // written as another report of it, as a document's event is.
        another_report(tx, prepared, &actor_rows, doc_row, &mut batch.place_rows)?;
    }
    let count = batch.counts.entry(event.kind).or_default();
    count.0 += 1;
    count.1 += parts.len() as i64;
    count.2 += 1;
    outcome.new_events += 1;
    Ok(())
}

/// Inserts a new event row, its participants (distinct actor rows), its
/// mention and (when kept row by row) its `actor_days` rows now; the
/// number of event rows inserted (0 when another stored event has the
/// content key).
fn write_now(
    tx: &Connection,
    statements: &mut Statements<'_>,
    prepared: &PreparedRow,
    id: Option<i64>,
    place_row: Option<i64>,
    parts: &[(i64, Role)],
    doc_row: i64,
) -> Result<usize, Error> {
    let event = &prepared.row.event;
    let (start, end) = prepared.span;
    let inserted = statements.event.execute(params![
        prepared.key,
        event.kind.as_str(),
        event.cameo,
        start,
        end,
        event.when.precision.as_str(),
        event.when.value,
        event.when.source.as_str(),
        place_row,
        event.modality.as_str(),
        f64::from(event.confidence),
        event.id,
        event.source_code,
        event.target_code,
        id,
    ])?;
    if inserted == 1 {
        let event_row = id.unwrap_or_else(|| tx.last_insert_rowid());
        for (actor_row, role) in parts {
            statements
                .participant
                .execute(params![event_row, actor_row, role.as_str()])?;
        }
        statements.mention.execute(params![event_row, doc_row])?;
        if let Some(actor_day) = statements.actor_day.as_mut() {
            for (actor_row, _) in parts {
                actor_day.execute(params![
                    actor_row,
                    start,
                    event_row,
                    end,
                    event.kind.as_str()
                ])?;
            }
        }
    }
    Ok(inserted)
}

/// Writes a row whose content key is stored already as another report of
/// that event (through [`write_event`]).
fn another_report(
    tx: &Connection,
    prepared: &PreparedRow,
    actor_rows: &[i64],
    doc_row: i64,
    place_rows: &mut HashMap<String, (i64, String)>,
) -> Result<(), Error> {
    let event = &prepared.row.event;
    let rows: Vec<(i64, String)> = prepared
        .actors
        .iter()
        .zip(actor_rows)
        .map(|(actor, &row)| (row, normalize_name(&actor.name)))
        .collect();
    let report_event = ReportEvent {
        kind: event.kind,
        cameo: event.cameo.clone(),
        source_code: event.source_code.clone(),
        target_code: event.target_code.clone(),
        when: Some(event.when.clone()),
        date_origin: DateOrigin::Given,
        participants: prepared.participants.clone(),
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
        &rows,
        place_rows,
        None,
    )?;
    Ok(())
}

/// The content hash of a source document: the prefix and a short digest
/// of the (unique) id.
fn source_hash(id: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(id.as_bytes());
    let mut hash = String::with_capacity(SOURCE_HASH_PREFIX.len() + 32);
    hash.push_str(SOURCE_HASH_PREFIX);
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for b in &digest[..16] {
        hash.push(char::from(HEX[usize::from(b >> 4)]));
        hash.push(char::from(HEX[usize::from(b & 15)]));
    }
    hash
}

/// A day as `YYYY-MM-DD`, as chrono's `%Y-%m-%d` writes it (without its
/// format parser, for the years of four digits).
fn iso_day(day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    if (0..=9999).contains(&day.year()) {
        format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
    } else {
        day.format("%Y-%m-%d").to_string()
    }
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
    // every stored document is in the cache: not stored
    let found: Option<i64> = if batch.documents_complete {
        None
    } else {
        tx.prepare_cached("SELECT id FROM documents WHERE doc_id = ?1")?
            .query_row([&doc.id], |r| r.get(0))
            .optional()?
    };
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
                doc.published.map(iso_day),
                doc.source,
                options.path,
            ])?;
            outcome.new_documents += 1;
            batch.new_documents += 1;
            tx.last_insert_rowid()
        }
    };
    batch.documents.insert(doc.id.clone(), row);
    Ok(row)
}

/// Adds the counts of a transaction's rows to `kind_counts`.
fn add_counts(
    conn: &Connection,
    counts: &std::collections::BTreeMap<EventKind, (i64, i64, i64)>,
) -> Result<(), Error> {
    for (kind, (events, participants, mentions)) in counts {
        conn.prepare_cached(
            "INSERT INTO kind_counts (kind, events, participants, mentions)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(kind) DO UPDATE SET events = events + excluded.events,
             participants = participants + excluded.participants,
             mentions = mentions + excluded.mentions",
        )?
        .execute(params![kind.as_str(), events, participants, mentions])?;
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

/// Adds the events of a transaction's rows by actor row, pair of actor
/// rows and kind to `actor_kinds` (schema 5), keeping the first and last
/// days.
fn add_actor_kinds(
    conn: &Connection,
    kinds: &std::collections::BTreeMap<(i64, i64, EventKind), (i64, i32, i32)>,
) -> Result<(), Error> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO actor_kinds (actor_id, other_id, kind, events, first_day, last_day)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (actor_id, other_id, kind) DO UPDATE
         SET events = events + excluded.events,
             first_day = MIN(first_day, excluded.first_day),
             last_day = MAX(last_day, excluded.last_day)",
    )?;
    for (&(a, b, kind), &(events, first, last)) in kinds {
        stmt.execute(params![a, b, kind.as_str(), events, first, last])?;
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
        // the last day: the last start when no event lasts more than a
        // day (dataset rows), else among the events starting within the
        // longest span of the last start (the start and span indexes; the
        // second reads those events' rows: a day of them at 10M rows)
        let (first_day, last_start, span): (Option<i32>, Option<i32>, i64) = conn.query_row(
            "SELECT (SELECT MIN(start_day) FROM events), (SELECT MAX(start_day) FROM events),
                    (SELECT COALESCE(MAX(end_day - start_day), 0) FROM events)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let last_day = if span == 0 {
            last_start
        } else {
            conn.query_row(
                "SELECT MAX(end_day) FROM events WHERE start_day >= ?1",
                [last_start.map(|d| i64::from(d) - span)],
                |r| r.get(0),
            )?
        };
        let documents = match super::kept_document_count(conn)? {
            Some(kept) => kept,
            None => count("SELECT COUNT(*) FROM documents")?,
        };
        Ok(Some(StoredCounts {
            documents,
            places: count("SELECT COUNT(*) FROM places")?,
            kinds,
            first_day,
            last_day,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of one day: each with its own id and document, two actors.
    fn day_rows(n: usize) -> Vec<DatasetRow> {
        use crate::model::{ActorKind, EventKind, Modality, Participant, When};
        let day = chrono::NaiveDate::from_ymd_opt(2016, 7, 28).unwrap();
        let names = ["Ruritania", "Freedonia", "Latveria", "Genovia"];
        (0..n)
            .map(|i| {
                let (a, b) = (names[i % 4], names[(i + 1) % 4]);
                DatasetRow {
                    event: Event {
                        id: format!("test-{i}"),
                        kind: EventKind::Meet,
                        cameo: Some("040".into()),
                        source_code: Some(format!("S{i}")),
                        target_code: None,
                        when: When::day(day),
                        participants: vec![
                            Participant {
                                actor: a.into(),
                                role: Role::Source,
                            },
                            Participant {
                                actor: b.into(),
                                role: Role::Target,
                            },
                        ],
                        place: None,
                        modality: Modality::default(),
                        mentions: Vec::new(),
                        confidence: 1.0,
                    },
                    actors: vec![
                        Actor::new(a, ActorKind::Country),
                        Actor::new(b, ActorKind::Country),
                    ],
                    place: None,
                    document: Document {
                        id: format!("test:doc-{i}"),
                        ..Document::default()
                    },
                }
            })
            .collect()
    }

    fn count(conn: &Connection, table: &str) -> i64 {
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_first_load_writes_keys_unchecked_and_settles_a_collision_at_the_end() {
        let rows = day_rows(12);
        let day = rows[0].event.when.day_span().0;
        let mut store = Store::open_in_memory().unwrap();
        let mut writer = store.row_writer(&IngestOptions::default()).unwrap();
        writer.write(&rows).unwrap();
        // a first load holds its rows until the commit
        assert_eq!(count(&writer.store.conn, "events"), 0);
        writer.commit().unwrap();
        let conn = &writer.store.conn;
        assert_eq!(count(conn, "events"), rows.len() as i64);
        assert_eq!(count(conn, "mentions"), rows.len() as i64);
        let index = |conn: &Connection| -> bool {
            conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'events_key')",
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert!(!index(conn), "a first load builds the key index at the end");
        // Two rows of the day given one key, as a collision of the 64-bit
        // hash would: the later is another report of the first.
        let (first, second): (i64, i64) = conn
            .query_row(
                "SELECT MIN(id), MIN(id) + 1 FROM events WHERE start_day = ?1",
                [day],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let participants_of = |conn: &Connection, id: i64| -> Vec<(i64, String)> {
            conn.prepare("SELECT actor_id, role FROM participants WHERE event_id = ?1")
                .unwrap()
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let mentions = |conn: &Connection, id: i64| -> i64 {
            conn.query_row(
                "SELECT COUNT(*) FROM mentions WHERE event_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap()
        };
        let documents: i64 = conn
            .query_row(
                "SELECT COUNT(DISTINCT document_id) FROM mentions WHERE event_id IN (?1, ?2)",
                [first, second],
                |r| r.get(0),
            )
            .unwrap();
        let participants = participants_of(conn, first);
        conn.execute(
            "UPDATE events SET key = (SELECT key FROM events WHERE id = ?1) WHERE id = ?2",
            [first, second],
        )
        .unwrap();
        writer.finish().unwrap();
        let conn = &store.conn;
        assert!(index(conn));
        let left: Vec<i64> = conn
            .prepare("SELECT id FROM events WHERE id IN (?1, ?2)")
            .unwrap()
            .query_map([first, second], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(left, vec![first]);
        assert_eq!(mentions(conn, first), documents);
        assert_eq!(mentions(conn, second), 0);
        let kept = participants_of(conn, first);
        assert_eq!(kept, participants);
        let orphans: i64 = conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM participants WHERE event_id = ?1)
                      + (SELECT COUNT(*) FROM actor_days WHERE event_id = ?1)",
                [second],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0);
        assert_eq!(
            store.counts().unwrap().events,
            rows.len() as u64 - 1,
            "one event fewer"
        );
        // the pairs are those of the events left
        let read_pairs = || -> Vec<(i64, i64, i32)> {
            conn.prepare("SELECT actor_id, other_id, first_day FROM actor_pairs ORDER BY 1, 2")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let pairs = read_pairs();
        conn.execute_batch("DELETE FROM actor_pairs").unwrap();
        super::super::fill_actor_pairs(conn).unwrap();
        assert_eq!(pairs, read_pairs());
    }

    #[test]
    fn the_kept_document_count_is_the_tables_or_is_not_used() {
        let rows = day_rows(20);
        let mut store = Store::open_in_memory().unwrap();
        store
            .ingest_rows(&rows[..8], &IngestOptions::default())
            .unwrap();
        store.ingest_rows(&rows, &IngestOptions::default()).unwrap();
        let table = |store: &Store| -> u64 {
            store
                .conn
                .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get::<_, i64>(0))
                .unwrap() as u64
        };
        let kept = |store: &Store| super::super::kept_document_count(&store.conn).unwrap();
        assert_eq!(table(&store), 20);
        assert_eq!(kept(&store), Some(20));
        assert_eq!(store.stored_counts().unwrap().unwrap().documents, 20);
        // a document written by a version that did not keep the count:
        // the kept number is no longer used, the table is counted
        store
            .conn
            .execute(
                "INSERT INTO documents (doc_id, content_hash) VALUES ('older', 'writer')",
                [],
            )
            .unwrap();
        assert_eq!(kept(&store), None);
        assert_eq!(store.stored_counts().unwrap().unwrap().documents, 21);
        // the next writer's open counts them again
        super::super::ensure_document_count(&store.conn).unwrap();
        assert_eq!(kept(&store), Some(21));
    }

    #[test]
    fn a_later_load_checks_each_key_against_the_stored_ones() {
        let rows = day_rows(30);
        let mut store = Store::open_in_memory().unwrap();
        store
            .ingest_rows(&rows[..10], &IngestOptions::default())
            .unwrap();
        // not a first load: the index is kept while it writes
        let writer = store.row_writer(&IngestOptions::default()).unwrap();
        let index: bool = writer
            .store
            .conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'events_key')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(index);
        drop(writer);
        let outcome = store.ingest_rows(&rows, &IngestOptions::default()).unwrap();
        assert_eq!(
            (outcome.new_events, outcome.already_stored),
            (rows.len() - 10, 10)
        );
    }

    #[test]
    fn stored_keys_sort_as_the_keys_and_read_back_as_their_text() {
        let store = Store::open_in_memory().unwrap();
        let keys = [
            0u64,
            1,
            (1 << 63) - 1,
            1 << 63,
            u64::MAX,
            0x0123_4567_89ab_cdef,
        ];
        let mut stored: Vec<i64> = keys.iter().map(|&k| super::super::stored_key(k)).collect();
        stored.sort_unstable();
        let mut sorted = keys.to_vec();
        sorted.sort_unstable();
        assert_eq!(
            stored,
            sorted
                .iter()
                .map(|&k| super::super::stored_key(k))
                .collect::<Vec<_>>()
        );
        for key in keys {
            let text: String = store
                .conn
                .query_row(
                    &format!(
                        "SELECT {} FROM (SELECT ?1 AS key) e",
                        super::super::KEY_TEXT_SQL
                    ),
                    [super::super::stored_key(key)],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(text, crate::model::format_key(key));
            // and the migration's reading of the text form
            let back: i64 = store
                .conn
                .query_row(
                    &format!(
                        "SELECT {} FROM (SELECT ?1 AS key)",
                        super::super::text_key_to_integer_sql()
                    ),
                    [crate::model::format_key(key)],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(back, super::super::stored_key(key));
        }
    }

    #[test]
    fn the_seen_ids_forget_no_id_as_they_grow() {
        let mut seen = SeenIds::new();
        let hash = |n: u64| n.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(17);
        // past the first filter (2^20 ids) into the second
        let n = 1_500_000;
        let mut false_positives = 0;
        for i in 0..n {
            false_positives += usize::from(seen.check_and_add(hash(i)));
        }
        assert_eq!(seen.filters.len(), 2);
        assert!(false_positives < n as usize / 20, "{false_positives}");
        assert!((0..n).all(|i| seen.check_and_add(hash(i))));
    }
}
