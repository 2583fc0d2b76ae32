//! SQLite persistence: the source of truth between runs.
//!
//! Normalised tables (documents with their content hash, actors, aliases,
//! titles, places, events, participants, mentions; see [`SCHEMA`]), so that
//! a store of a million events is read back (by [`Store::scan`], as model
//! values with their row ids) without re-parsing JSON. Every document is written in one transaction: a document already
//! stored (same content hash) adds nothing, and a process killed in the
//! middle of a document leaves the database as it was before it.
//!
//! Titles and plain affiliations are kept per document (`titles` rows with
//! the reporting document), so the loaded graph knows when and where each
//! was reported; schema 1 databases are migrated on open (`migrate_v1`).
//! Schema 3 adds the events' CAMEO actor codes (`source_code`,
//! `target_code`); a schema 2 database gains the two columns, empty, when
//! opened for writing (`migrate_v2`) and is read as it is when opened
//! read-only.
//!
//! Actors from different documents share a row when their normalised
//! canonical names are equal (see [`match_actor`]); events with the same
//! content key (`model::event_key`) share a row with a mention per report.
//! Everything else (aliases, transliterations, reports of one occasion in
//! several articles) is resolved when the graph is loaded
//! (`pipeline::load`), over the whole set of rows, so the graph does not
//! depend on ingest order.
//!
//! Layer: imports only `model`.
#![warn(clippy::too_many_lines)]

mod fill;
mod hash;
mod held;
mod load;
mod rows;
mod write;

pub use load::{
    ActorKindSummary, ListedEvent, RowSink, StoredActor, StoredEvent, StoredMention, TableSizes,
};
pub use rows::{
    DatasetRow, KindCount, PreparedRow, RowPreparer, RowWriter, RowsOutcome, StoredCounts,
};
pub use write::{IngestOptions, IngestOutcome};

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};

/// The prefix of the content hash of a dataset source document: such a
/// document has no content of its own, and its id is unique.
const SOURCE_HASH_PREFIX: &str = "dataset-source:";

/// The page size of a new database, in bytes (`PRAGMA page_size`; a
/// database keeps the size it was created with).
pub const PAGE_SIZE: i64 = 65_536;

/// The schema version kept in `PRAGMA user_version`.
pub const SCHEMA_VERSION: i64 = 5;

/// The oldest schema a read-only open reads without migrating it (its
/// events have no actor codes).
const OLDEST_READABLE: i64 = 2;

/// The columns of the `events` table, written once for [`SCHEMA`] and
/// for the table a schema 4 store's events are copied into.
macro_rules! events_table {
    () => {
        "(
    id INTEGER PRIMARY KEY,
    key INTEGER NOT NULL,
    kind TEXT NOT NULL,
    cameo TEXT,
    start_day INTEGER NOT NULL,
    end_day INTEGER NOT NULL,
    precision TEXT NOT NULL,
    value TEXT NOT NULL,
    date_source TEXT NOT NULL,
    place_id INTEGER REFERENCES places(id),
    modality TEXT NOT NULL,
    confidence REAL NOT NULL,
    external_id TEXT,
    source_code TEXT,
    target_code TEXT
)"
    };
}

/// The tables and indexes.
pub const SCHEMA: &str = concat!(
    "
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    title TEXT, url TEXT, published TEXT, source TEXT,
    path TEXT
);
CREATE TABLE IF NOT EXISTS actors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    norm TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    affiliation TEXT,
    country TEXT
);
CREATE TABLE IF NOT EXISTS aliases (
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    alias TEXT NOT NULL,
    norm TEXT NOT NULL,
    PRIMARY KEY (actor_id, norm)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS aliases_norm ON aliases(norm);
CREATE TABLE IF NOT EXISTS titles (
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    title TEXT NOT NULL,
    of_name TEXT NOT NULL DEFAULT '',
    document_id INTEGER REFERENCES documents(id),
    UNIQUE (actor_id, title, of_name, document_id)
);
CREATE INDEX IF NOT EXISTS titles_document ON titles(document_id);
CREATE TABLE IF NOT EXISTS actor_documents (
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (actor_id, document_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    norm TEXT NOT NULL UNIQUE,
    country TEXT, lat REAL, lon REAL
);
CREATE TABLE IF NOT EXISTS events ",
    events_table!(),
    ";
CREATE INDEX IF NOT EXISTS events_start ON events(start_day);
CREATE INDEX IF NOT EXISTS events_external ON events(external_id);
CREATE INDEX IF NOT EXISTS events_span ON events(end_day - start_day);
CREATE TABLE IF NOT EXISTS participants (
    event_id INTEGER NOT NULL REFERENCES events(id),
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    role TEXT NOT NULL,
    PRIMARY KEY (event_id, actor_id, role)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mentions (
    event_id INTEGER NOT NULL REFERENCES events(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (event_id, document_id, start, end)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS actor_days (
    actor_id INTEGER NOT NULL,
    start_day INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    end_day INTEGER NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (actor_id, start_day, event_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS actor_pairs (
    actor_id INTEGER NOT NULL,
    other_id INTEGER NOT NULL,
    first_day INTEGER NOT NULL,
    PRIMARY KEY (actor_id, other_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS actor_kinds (
    actor_id INTEGER NOT NULL,
    other_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    events INTEGER NOT NULL,
    first_day INTEGER NOT NULL,
    last_day INTEGER NOT NULL,
    PRIMARY KEY (actor_id, other_id, kind)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS row_counts (
    name TEXT PRIMARY KEY,
    rows INTEGER NOT NULL,
    max_id INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS kind_counts (
    kind TEXT PRIMARY KEY,
    events INTEGER NOT NULL,
    participants INTEGER NOT NULL,
    mentions INTEGER NOT NULL
) WITHOUT ROWID;
"
);

/// The indexes only an article's write reads (a replaced document's
/// mentions, an actor left in no event), and a schema 3 store's windows
/// (which has them): created by the first article written
/// (`Store::ingest`), not by every first load of dataset rows.
pub(crate) const ARTICLE_INDEXES: &str =
    "CREATE INDEX IF NOT EXISTS participants_actor ON participants(actor_id);
     CREATE INDEX IF NOT EXISTS mentions_document ON mentions(document_id);";

/// The uniqueness of the documents' ids and content hashes: separate
/// indexes (since scale10; a store made before has them as the table's
/// own `UNIQUE` constraints, `sqlite_autoindex_documents_1` and `_2`, and
/// does not get these), so that a first load of dataset rows, which keeps
/// every document it writes in memory, can build them after its rows
/// (one sorted pass each) instead of inserting two random keys a document.
pub(crate) const DOCUMENT_INDEXES: [&str; 2] = ["documents_doc_id", "documents_hash"];

/// Creates the documents' unique indexes ([`DOCUMENT_INDEXES`]) when the
/// table has neither them nor its older inline constraints (a new store,
/// or a first load that deferred them).
pub(crate) fn ensure_document_indexes(conn: &Connection) -> Result<(), Error> {
    let inline: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master
                        WHERE type = 'index' AND name = 'sqlite_autoindex_documents_1')",
        [],
        |r| r.get(0),
    )?;
    if !inline {
        conn.execute_batch(
            "CREATE UNIQUE INDEX IF NOT EXISTS documents_doc_id ON documents(doc_id);
             CREATE UNIQUE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);",
        )?;
    }
    Ok(())
}

/// The unique index of the events' content keys (`events.key` holds
/// [`stored_key`]). Apart from [`SCHEMA`]: a first load drops it and builds
/// it after its rows ([`ensure_key_index`], which also settles two rows
/// whose keys collide).
const KEY_INDEX: &str = "CREATE UNIQUE INDEX IF NOT EXISTS events_key ON events(key);";

/// The number of rows of `documents` kept in `row_counts` (with the
/// largest document row id when it was counted), if it is still that of
/// the table: a writer that did not keep it (an older version) added a
/// document, which moved the largest id up. `stats` reads it instead of
/// counting the documents (a scan of an index of the whole table).
pub(crate) fn kept_document_count(conn: &Connection) -> Result<Option<u64>, Error> {
    if !has_table(conn, "row_counts")? {
        return Ok(None);
    }
    let kept: Option<(i64, i64)> = conn
        .query_row(
            "SELECT rows, max_id FROM row_counts WHERE name = 'documents'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((rows, max_id)) = kept else {
        return Ok(None);
    };
    let now: i64 = conn.query_row("SELECT COALESCE(MAX(id), 0) FROM documents", [], |r| {
        r.get(0)
    })?;
    Ok((now == max_id && rows >= 0).then_some(rows as u64))
}

/// Adds `added` (negative: removed) to the kept number of documents, in
/// the writer's transaction, with the largest document row id now.
pub(crate) fn count_documents(conn: &Connection, added: i64) -> Result<(), Error> {
    conn.prepare_cached(
        "UPDATE row_counts SET rows = rows + ?1,
             max_id = (SELECT COALESCE(MAX(id), 0) FROM documents)
         WHERE name = 'documents'",
    )?
    .execute([added])?;
    Ok(())
}

/// A writer's open: counts the documents when the kept number is missing
/// (a store written before it was kept) or is not the table's (written
/// since by a version that did not keep it).
fn ensure_document_count(conn: &Connection) -> Result<(), Error> {
    if kept_document_count(conn)?.is_some() {
        return Ok(());
    }
    conn.execute_batch(
        "INSERT OR REPLACE INTO row_counts (name, rows, max_id)
         SELECT 'documents', COUNT(*), COALESCE(MAX(id), 0) FROM documents;",
    )?;
    Ok(())
}

/// An event's content key as stored in `events.key` (schema 5): the 64
/// bits with the top one flipped, as a signed integer, so that the
/// integers sort as the keys do (and as their text forms did).
pub(crate) fn stored_key(key: u64) -> i64 {
    (key ^ (1 << 63)) as i64
}

/// SQL giving the text form of the content key of the event aliased `e`
/// (`format_key`): from the integer of schema 5, or the text that schema 4
/// and older stored (read as they are when opened read-only).
pub(crate) const KEY_TEXT_SQL: &str = "CASE typeof(e.key) WHEN 'integer' \
     THEN printf('e%016x', (~e.key & -9223372036854775808) | (e.key & 9223372036854775807)) \
     ELSE e.key END";

/// Schema 1 kept one `titles` row per (actor, title, of) with the first
/// document that reported it, and no row for a plain affiliation. Schema 2
/// keeps a row per document (plain affiliations as rows with an empty
/// title). The migration rebuilds the table in one transaction, keeping
/// every row (and its document), and adds a plain-affiliation row without a
/// document for each actor whose stored affiliation no title names: what
/// v1 stored is kept, but the other documents of a title are not known.
fn migrate_v1(conn: &Connection) -> Result<(), Error> {
    let has_titles: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'titles')",
        [],
        |r| r.get(0),
    )?;
    if !has_titles {
        return Ok(());
    }
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         CREATE TABLE titles_v2 (
             actor_id INTEGER NOT NULL REFERENCES actors(id),
             title TEXT NOT NULL,
             of_name TEXT NOT NULL DEFAULT '',
             document_id INTEGER REFERENCES documents(id),
             UNIQUE (actor_id, title, of_name, document_id)
         );
         INSERT INTO titles_v2 (actor_id, title, of_name, document_id)
             SELECT actor_id, title, of_name, document_id FROM titles
             ORDER BY actor_id, title, of_name;
         INSERT INTO titles_v2 (actor_id, title, of_name, document_id)
             SELECT a.id, '', a.affiliation, NULL FROM actors a
             WHERE a.affiliation IS NOT NULL AND a.affiliation <> ''
               AND NOT EXISTS (SELECT 1 FROM titles t
                               WHERE t.actor_id = a.id AND t.of_name = a.affiliation)
             ORDER BY a.id;
         DROP TABLE titles;
         ALTER TABLE titles_v2 RENAME TO titles;
         PRAGMA user_version = 2;
         COMMIT;",
    )
    .inspect_err(|_| {
        let _ = conn.execute_batch("ROLLBACK");
    })?;
    Ok(())
}

/// Schema 2 had no actor codes on events: the two columns are added
/// (empty: what v2 stored is kept as it was).
fn migrate_v2(conn: &Connection) -> Result<(), Error> {
    let has_events: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events')",
        [],
        |r| r.get(0),
    )?;
    if !has_events || has_actor_codes(conn)? {
        return Ok(());
    }
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         ALTER TABLE events ADD COLUMN source_code TEXT;
         ALTER TABLE events ADD COLUMN target_code TEXT;
         PRAGMA user_version = 3;
         COMMIT;",
    )
    .inspect_err(|_| {
        let _ = conn.execute_batch("ROLLBACK");
    })?;
    Ok(())
}

/// Whether the `events` table has the actor code columns (schema 3).
fn has_actor_codes(conn: &Connection) -> Result<bool, Error> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('events') WHERE name = 'source_code')",
        [],
        |r| r.get(0),
    )?)
}

/// The first row id of the dataset events that start on `day` (a day
/// number): a dataset event's row id is this plus its rank among that
/// day's rows (below 2^28), so the rows of a day, and their participants
/// and mentions (keyed by event row), sit together in their tables. The
/// ids are positive and above any id an older store gave (2^52 and up for
/// the days of years -45,000 to 45,000).
pub(crate) fn day_row_base(day: i32) -> i64 {
    (i64::from(day) + (1 << 24)) << DAY_ROW_BITS
}

/// How many dataset events one day's ids hold (2^28).
pub(crate) const DAY_ROW_BITS: u32 = 28;

/// Fills `actor_days` from the dataset events stored (every participation
/// by actor and day), sorted in memory a range of actors at a time
/// (`fill`).
fn fill_actor_days(conn: &Connection) -> Result<(), Error> {
    fill::fill_actor_days(conn)
}

/// Fills `actor_pairs` from the dataset events stored: each ordered pair
/// of distinct actor rows in one event, with the first day they share.
fn fill_actor_pairs(conn: &Connection) -> Result<(), Error> {
    conn.execute_batch(
        "INSERT INTO actor_pairs (actor_id, other_id, first_day)
             SELECT a.actor_id, b.actor_id, MIN(e.start_day)
             FROM participants a JOIN participants b
                 ON b.event_id = a.event_id AND b.actor_id <> a.actor_id
             JOIN events e ON e.id = a.event_id
             WHERE e.external_id IS NOT NULL
             GROUP BY a.actor_id, b.actor_id
         ON CONFLICT (actor_id, other_id) DO UPDATE
             SET first_day = MIN(first_day, excluded.first_day);",
    )?;
    Ok(())
}

/// Fills `actor_kinds` from `actor_days` and the participants (schema 5):
/// for each actor row and kind, its dataset events (`other_id` 0) with
/// their first and last days, and for each pair of actor rows (the
/// smaller first) the events the two share. A dataset event names at most
/// two actor rows, so an actor made of several rows has, by kind, the sum
/// of its rows' events less the events two of its rows share
/// (`Store::actor_summary`).
fn fill_actor_kinds(conn: &Connection) -> Result<(), Error> {
    conn.execute_batch(
        "DELETE FROM actor_kinds;
         INSERT INTO actor_kinds (actor_id, other_id, kind, events, first_day, last_day)
             SELECT actor_id, 0, kind, COUNT(*), MIN(start_day), MAX(end_day)
             FROM actor_days GROUP BY actor_id, kind;
         INSERT INTO actor_kinds (actor_id, other_id, kind, events, first_day, last_day)
             SELECT d.actor_id, p.actor_id, d.kind, COUNT(DISTINCT d.event_id),
                    MIN(d.start_day), MAX(d.end_day)
             FROM actor_days d JOIN participants p
                 ON p.event_id = d.event_id AND p.actor_id > d.actor_id
             GROUP BY d.actor_id, p.actor_id, d.kind;",
    )?;
    Ok(())
}

/// Schema 5: `actor_kinds`, the actor rows' events by kind. A store of an
/// older schema (or a first load killed before its rows were counted,
/// which cannot happen: the counts are written with the rows) gets it
/// filled from `actor_days` in one transaction when a writer opens it.
fn migrate_actor_kinds(conn: &Connection, version: i64) -> Result<(), Error> {
    if version >= 5 && has_table(conn, "actor_kinds")? {
        return Ok(());
    }
    let run = || -> Result<(), Error> {
        conn.execute_batch("BEGIN IMMEDIATE;")?;
        conn.execute_batch(SCHEMA)?;
        fill_actor_kinds(conn)?;
        conn.execute_batch("COMMIT;")?;
        Ok(())
    };
    run().inspect_err(|_| {
        let _ = conn.execute_batch("ROLLBACK");
    })
}

/// Whether a table exists.
fn has_table(conn: &Connection, name: &str) -> Result<bool, Error> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
        [name],
        |r| r.get(0),
    )?)
}

/// Schema 4: the actor indexes of dataset rows. A table missing when a
/// writer opens the store (a schema 3 database, or a first load killed
/// before it built `actor_days`) is created and filled from the rows in
/// one transaction; a schema 3 database also recounts `kind_counts`
/// (from schema 4 on, every dataset row is counted when written).
fn migrate_v3(conn: &Connection, version: i64) -> Result<(), Error> {
    let days = has_table(conn, "actor_days")?;
    let pairs = has_table(conn, "actor_pairs")?;
    let recount = (1..=3).contains(&version) && has_table(conn, "events")?;
    if days && pairs && !recount {
        return Ok(());
    }
    let run = || -> Result<(), Error> {
        conn.execute_batch("BEGIN IMMEDIATE;")?;
        conn.execute_batch(SCHEMA)?;
        if !days {
            fill_actor_days(conn)?;
        }
        if !pairs {
            fill_actor_pairs(conn)?;
        }
        if recount {
            rows::recount(conn)?;
        }
        conn.execute_batch("COMMIT;")?;
        Ok(())
    };
    run().inspect_err(|_| {
        let _ = conn.execute_batch("ROLLBACK");
    })
}

/// The SQL of the integer a schema 4 text key (`e` and 16 hex digits)
/// becomes in schema 5 ([`stored_key`]): the digits' values shifted into
/// place, the first one's top bit flipped.
fn text_key_to_integer_sql() -> String {
    (0..16)
        .map(|i| {
            let digit = format!(
                "(instr('0123456789abcdef', substr(lower(key), {}, 1)) - 1)",
                i + 2
            );
            let digit = if i == 0 {
                format!("(({digit} + 8) % 16)")
            } else {
                digit
            };
            format!("({digit} << {})", 60 - 4 * i)
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Schema 5: `events.key` is an integer ([`stored_key`]) and its
/// uniqueness a separate index ([`KEY_INDEX`]) that a first load builds
/// after its rows. An `events` table with text keys (schema 4 and older)
/// is rebuilt in one transaction, every row keeping its id and values;
/// its indexes are created again by the open ([`SCHEMA`] and
/// [`ensure_key_index`]), which sets the version after the other
/// migrations (a migration killed half way is taken up by the next open).
fn migrate_keys(conn: &Connection) -> Result<(), Error> {
    let text_keys: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('events')
                        WHERE name = 'key' AND type = 'TEXT')",
        [],
        |r| r.get(0),
    )?;
    if !text_keys {
        return Ok(());
    }
    let columns = "id, kind, cameo, start_day, end_day, precision, value, date_source, \
                   place_id, modality, confidence, external_id, source_code, target_code";
    let sql = format!(
        "BEGIN IMMEDIATE;
         CREATE TABLE events_v5 {table};
         INSERT INTO events_v5 (key, {columns})
             SELECT {key}, {columns} FROM events ORDER BY id;
         DROP TABLE events;
         ALTER TABLE events_v5 RENAME TO events;
         COMMIT;",
        key = text_key_to_integer_sql(),
        table = events_table!(),
    );
    // the old table is dropped while other tables refer to it
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let migrated = conn.execute_batch(&sql).inspect_err(|_| {
        let _ = conn.execute_batch("ROLLBACK");
    });
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(migrated?)
}

/// Creates the unique index of the content keys if it is missing (a first
/// load builds it after its rows). Two rows of such a load whose keys
/// collide (different rows hashing alike: the key holds the row's id)
/// are first made one, as a later row with a stored key is written: the
/// later row (the larger id: both start the same day) becomes another
/// report of the first ([`merge_key_collisions`]).
pub(crate) fn ensure_key_index(conn: &Connection) -> Result<(), Error> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'events_key')",
        [],
        |r| r.get(0),
    )?;
    if exists {
        return Ok(());
    }
    let run = || -> Result<(), Error> {
        conn.execute_batch("BEGIN IMMEDIATE;")?;
        match conn.execute_batch(KEY_INDEX) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                merge_key_collisions(conn)?;
                conn.execute_batch(KEY_INDEX)?;
            }
            other => other?,
        }
        conn.execute_batch("COMMIT;")?;
        Ok(())
    };
    run().inspect_err(|_| {
        let _ = conn.execute_batch("ROLLBACK");
    })
}

/// Makes the events sharing a content key one (inside the caller's
/// transaction): each later row's values are merged into the first's as
/// another report's are (`write::write_event`), its mentions moved to the
/// first, and the row with its participants deleted; `actor_pairs` is
/// then filled again from the rows left. The kept counts are left as
/// they are, as a row written onto a stored key counts.
fn merge_key_collisions(conn: &Connection) -> Result<(), Error> {
    let rows: Vec<(i64, i64)> = conn
        .prepare(
            "SELECT key, id FROM events WHERE key IN
                 (SELECT key FROM events GROUP BY key HAVING COUNT(*) > 1)
             ORDER BY key, id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let days = has_table(conn, "actor_days")?;
    let mut first: Option<(i64, i64)> = None;
    for (key, id) in rows {
        let kept = match first {
            Some((k, kept)) if k == key => kept,
            _ => {
                first = Some((key, id));
                continue;
            }
        };
        conn.execute(
            "UPDATE events SET (value, date_source, modality, confidence, source_code, target_code) =
                 (SELECT min(events.value, o.value), min(events.date_source, o.date_source),
                         min(events.modality, o.modality), max(events.confidence, o.confidence),
                         CASE WHEN (o.source_code IS NOT NULL OR o.target_code IS NOT NULL)
                             AND (events.source_code IS NULL AND events.target_code IS NULL
                                  OR (coalesce(o.source_code, ''), coalesce(o.target_code, ''))
                                     < (coalesce(events.source_code, ''), coalesce(events.target_code, '')))
                             THEN o.source_code ELSE events.source_code END,
                         CASE WHEN (o.source_code IS NOT NULL OR o.target_code IS NOT NULL)
                             AND (events.source_code IS NULL AND events.target_code IS NULL
                                  OR (coalesce(o.source_code, ''), coalesce(o.target_code, ''))
                                     < (coalesce(events.source_code, ''), coalesce(events.target_code, '')))
                             THEN o.target_code ELSE events.target_code END
                  FROM events o WHERE o.id = ?2)
             WHERE id = ?1",
            [kept, id],
        )?;
        conn.execute(
            "INSERT OR IGNORE INTO mentions (event_id, document_id, start, end, text)
                 SELECT ?1, document_id, start, end, text FROM mentions WHERE event_id = ?2",
            [kept, id],
        )?;
        conn.execute("DELETE FROM mentions WHERE event_id = ?1", [id])?;
        conn.execute("DELETE FROM participants WHERE event_id = ?1", [id])?;
        if days {
            conn.execute("DELETE FROM actor_days WHERE event_id = ?1", [id])?;
        }
        conn.execute("DELETE FROM events WHERE id = ?1", [id])?;
    }
    if first.is_some() {
        conn.execute_batch("DELETE FROM actor_pairs;")?;
        fill_actor_pairs(conn)?;
    }
    Ok(())
}

/// Errors from the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database could not be opened, set up or migrated.
    #[error("cannot open database {path:?}: {source}")]
    Open {
        /// The database file.
        path: PathBuf,
        /// What SQLite reported.
        source: rusqlite::Error,
    },
    /// The database was written by a newer eventgraph (a later schema), or
    /// (opened read-only) by one older than schema 2 and not yet migrated:
    /// opening it for writing migrates it.
    #[error("database {path:?} has schema version {found}, expected {SCHEMA_VERSION}{}", if *found < SCHEMA_VERSION { " (an older schema: open it for writing once, as an ingest does, to migrate it)" } else { " or older" })]
    Version {
        /// The database file.
        path: PathBuf,
        /// The schema version found in the database.
        found: i64,
    },
    /// An article has the id of a dataset's source document, which is
    /// never replaced.
    #[error("document id {id:?} is a dataset source document, which is never replaced")]
    SourceDocument {
        /// The document id.
        id: String,
    },
    /// Another writer holds the database for longer than the wait.
    #[error("database {path:?} is being written by another process (waited {}s for it to finish)", waited.as_secs_f64())]
    Busy {
        /// The database file.
        path: PathBuf,
        /// How long the writer waited.
        waited: std::time::Duration,
    },
    /// The writer's lock could not be taken.
    #[error("cannot lock database {path:?} for writing: {message}")]
    Lock {
        /// The database file.
        path: PathBuf,
        /// What the system reported.
        message: String,
    },
    /// A query or update failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored value does not have the column's expected SQL type.
    #[error("stored value of an unexpected type: {0}")]
    Type(#[from] rusqlite::types::FromSqlError),
    /// A stored value could not be read back (a bad date, kind or role, or
    /// a row id that names no row).
    #[error("stored value {value:?} in {table}.{column} is not valid")]
    BadValue {
        /// The table holding the value.
        table: &'static str,
        /// The column holding the value.
        column: &'static str,
        /// The value as stored.
        value: String,
    },
}

impl Error {
    /// Whether the store cannot be written at all (a full disk, an I/O
    /// error, a read-only or damaged file, a lock not released): nothing
    /// more can be stored in this run.
    pub fn is_fatal(&self) -> bool {
        use rusqlite::ErrorCode as C;
        let code = match self {
            Error::Open { .. } | Error::Busy { .. } | Error::Lock { .. } => return true,
            Error::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => e.code,
            _ => return false,
        };
        matches!(
            code,
            C::DiskFull
                | C::SystemIoFailure
                | C::ReadOnly
                | C::DatabaseCorrupt
                | C::NotADatabase
                | C::CannotOpen
                | C::DatabaseBusy
                | C::DatabaseLocked
                | C::OutOfMemory
                | C::PermissionDenied
        )
    }
}

/// An open database.
#[derive(Debug)]
pub struct Store {
    // Dropped first: the connection closes before the lock is released.
    conn: Connection,
    path: PathBuf,
    /// The writer's lock on the database file (`None` for a reader or a
    /// database in memory).
    _lock: Option<std::fs::File>,
    /// Whether the events have actor code columns (a schema 2 database
    /// opened read-only has none: its events read without codes).
    actor_codes: bool,
    /// The schema version of the database as opened (`SCHEMA_VERSION`
    /// once a writer has opened it).
    version: i64,
    /// Whether `actor_days` and `actor_pairs` index every dataset event
    /// (schema 4, and no first load stopped before building them).
    actor_index: bool,
    /// Whether `actor_kinds` counts the actor rows' events (schema 5).
    actor_kinds: bool,
}

/// Row counts of the tables.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Counts {
    /// Rows of `documents`.
    pub documents: u64,
    /// Rows of `actors` (before actors are resolved on load).
    pub actors: u64,
    /// Rows of `aliases`.
    pub aliases: u64,
    /// Rows of `events` (before reports are merged on load).
    pub events: u64,
    /// Rows of `participants`.
    pub participants: u64,
    /// Rows of `mentions`.
    pub mentions: u64,
    /// Rows of `places`.
    pub places: u64,
}

/// How long [`Store::open`] waits for another writer to finish.
pub const DEFAULT_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Takes the writer's lock on the database file (an advisory `flock`,
/// apart from SQLite's own locks), waiting up to `wait` for another writer
/// to release it.
fn lock_writer(path: &Path, wait: std::time::Duration) -> Result<std::fs::File, Error> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .open(path)
        .map_err(|e| Error::Lock {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    let start = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::Busy {
                    path: path.to_path_buf(),
                    waited: wait,
                })
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Error::Lock {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                })
            }
        }
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` for writing: takes
    /// the writer's lock up front, waiting up to [`DEFAULT_LOCK_WAIT`] for
    /// another writer (an ingest into the same file) to finish.
    pub fn open(path: &Path) -> Result<Store, Error> {
        Store::open_waiting(path, DEFAULT_LOCK_WAIT)
    }

    /// [`Store::open`], waiting up to `wait` for another writer.
    pub fn open_waiting(path: &Path, wait: std::time::Duration) -> Result<Store, Error> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| Error::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let lock = lock_writer(path, wait)?;
        let mut store = Store::init(conn, path.to_path_buf())?;
        store._lock = Some(lock);
        Ok(store)
    }

    /// Opens the database at `path` for reading only: nothing is written
    /// (not even a schema into an empty file), so a query works on a
    /// read-only file or a full disk, and beside a running ingest. An
    /// empty file reads as an empty store; a missing one is an error.
    pub fn open_read_only(path: &Path) -> Result<Store, Error> {
        let open_error = |source| Error::Open {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_error)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(open_error)?;
        // Reads go through a memory map and a 64 MB page cache: loading a
        // large store is then a few ordered scans without a syscall per page.
        conn.pragma_update(None, "mmap_size", 1i64 << 30)
            .map_err(open_error)?;
        conn.pragma_update(None, "cache_size", -65_536)
            .map_err(open_error)?;
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(open_error)?;
        let has_tables: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table')",
                [],
                |r| r.get(0),
            )
            .map_err(open_error)?;
        if version == 0 && !has_tables {
            // An empty file: an empty store, without writing into it.
            let mut empty = Store::open_in_memory()?;
            empty.path = path.to_path_buf();
            return Ok(empty);
        }
        if !(OLDEST_READABLE..=SCHEMA_VERSION).contains(&version) {
            return Err(Error::Version {
                path: path.to_path_buf(),
                found: version,
            });
        }
        let as_open = |e| match e {
            Error::Sqlite(source) => open_error(source),
            e => e,
        };
        let actor_codes = has_actor_codes(&conn).map_err(as_open)?;
        let actor_index = version >= 4
            && has_table(&conn, "actor_days").map_err(as_open)?
            && has_table(&conn, "actor_pairs").map_err(as_open)?;
        let actor_kinds = version >= 5 && has_table(&conn, "actor_kinds").map_err(as_open)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            _lock: None,
            actor_codes,
            version,
            actor_index,
            actor_kinds,
        })
    }

    /// A database in memory (for tests and one-shot runs).
    pub fn open_in_memory() -> Result<Store, Error> {
        let conn = Connection::open_in_memory()?;
        Store::init(conn, PathBuf::from(":memory:"))
    }

    fn init(conn: Connection, path: PathBuf) -> Result<Store, Error> {
        let open_error = |source| Error::Open {
            path: path.clone(),
            source,
        };
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(open_error)?;
        // A new database's pages are 64 KB (SQLite's largest; set before
        // anything is written, ignored on a database that has pages): a
        // day's rows, neighbours in each table's B-tree, then lie on a few
        // dozen pages instead of some thousand 4 KB pages scattered over
        // the file, and a cold read of a window of days costs a read per
        // page (docs/scale.md, "Page size").
        conn.pragma_update(None, "page_size", PAGE_SIZE)
            .map_err(open_error)?;
        // WAL: a killed writer leaves the last committed state; readers
        // do not block the writer.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_error)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_error)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_error)?;
        // A writer reads through a 128 MB page cache and no memory map:
        // pages of the map would count in its memory, which must stay
        // bounded whatever the size of the store (a reader maps the file).
        conn.pragma_update(None, "mmap_size", 0)
            .map_err(open_error)?;
        conn.pragma_update(None, "cache_size", -131_072)
            .map_err(open_error)?;
        // the row writers use some twenty statements
        conn.set_prepared_statement_cache_capacity(64);
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(open_error)?;
        if version > SCHEMA_VERSION {
            return Err(Error::Version {
                path,
                found: version,
            });
        }
        let migrated = |e| match e {
            Error::Sqlite(source) => Error::Open {
                path: path.clone(),
                source,
            },
            e => e,
        };
        if version == 1 {
            migrate_v1(&conn).map_err(migrated)?;
        }
        if (1..=2).contains(&version) {
            migrate_v2(&conn).map_err(migrated)?;
        }
        migrate_keys(&conn).map_err(migrated)?;
        migrate_v3(&conn, version).map_err(migrated)?;
        migrate_actor_kinds(&conn, version).map_err(migrated)?;
        conn.execute_batch(SCHEMA).map_err(open_error)?;
        ensure_document_indexes(&conn).map_err(migrated)?;
        ensure_key_index(&conn).map_err(migrated)?;
        ensure_document_count(&conn).map_err(migrated)?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(open_error)?;
        Ok(Store {
            conn,
            path,
            _lock: None,
            actor_codes: true,
            version: SCHEMA_VERSION,
            actor_index: true,
            actor_kinds: true,
        })
    }

    /// Where the database is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Row counts of every table.
    pub fn counts(&self) -> Result<Counts, Error> {
        let count = |table: &str| -> Result<u64, Error> {
            Ok(self
                .conn
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
                    r.get::<_, i64>(0)
                })? as u64)
        };
        Ok(Counts {
            documents: count("documents")?,
            actors: count("actors")?,
            aliases: count("aliases")?,
            events: count("events")?,
            participants: count("participants")?,
            mentions: count("mentions")?,
            places: count("places")?,
        })
    }

    /// Lets the database grow to `pages` pages at most: past them SQLite
    /// reports a full disk (as a full device would).
    #[cfg(test)]
    pub(crate) fn limit_pages(&self, pages: u32) {
        self.conn
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
    }

    /// The connection, for tests.
    #[cfg(test)]
    pub(crate) fn conn_for_test(&self) -> &Connection {
        &self.conn
    }

    /// Whether a document with this content hash is stored.
    pub fn has_content(&self, content_hash: &str) -> Result<bool, Error> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM documents WHERE content_hash = ?1",
                [content_hash],
                |_| Ok(()),
            )
            .map(|_| true)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(false),
                e => Err(e),
            })?)
    }
}
