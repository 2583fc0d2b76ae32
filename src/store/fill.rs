//! Filling `actor_days` from the stored dataset rows without SQLite's
//! sorter: the participations of a range of actor rows are read (one
//! scan of `participants` joined with `events` by row id, in row order),
//! sorted in memory by the table's key and appended to the empty table
//! in key order, a multi-row `INSERT` at a time. The ranges are chosen
//! from the kept per-actor counts (`actor_kinds`) so that one range holds
//! at most [`MAX_HELD`] participations, whatever the store's size; an
//! actor row with more on its own (a hub of a large store), and a store
//! without those counts, are filled by `INSERT ... SELECT ... ORDER BY`
//! (SQLite's sorter, which spills to files: memory stays bounded).
//!
//! The sorter sorts records of the whole join through linked lists and
//! spills past its cache (32 MB during the builds); the rows sorted here
//! are 32 bytes, and an append in key order is the cheapest insert into a
//! B-tree (on the 722,780-row GDELT file, about a third of the sorter's
//! CPU; `docs/benchmarks.md`).

use super::Error;
use rusqlite::Connection;
use std::sync::OnceLock;

/// A range of actor rows, first and last (inclusive), with the
/// participations the kept counts give it.
type Range = (i64, i64, usize);

/// Participations held in memory at once (32 bytes each: 48 MB).
const MAX_HELD: usize = 1_500_000;

/// Rows per multi-row insert into `actor_days`.
const INSERT_ROWS: usize = 128;

/// One participation: a row of `actor_days`, the kind as an index into
/// the kinds read.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Day {
    actor: i64,
    start: i32,
    event: i64,
    end: i32,
    kind: u32,
}

/// Fills the empty `actor_days` table from the dataset events stored
/// (inside the caller's transaction).
pub(super) fn fill_actor_days(conn: &Connection) -> Result<(), Error> {
    let Some(ranges) = actor_ranges(conn)? else {
        conn.execute_batch(
            "INSERT OR IGNORE INTO actor_days (actor_id, start_day, event_id, end_day, kind)
                 SELECT p.actor_id, e.start_day, e.id, e.end_day, e.kind
                 FROM participants p JOIN events e ON e.id = p.event_id
                 WHERE e.external_id IS NOT NULL
                 ORDER BY p.actor_id, e.start_day, e.id;",
        )?;
        return Ok(());
    };
    let mut kinds: Vec<String> = Vec::new();
    let mut days: Vec<Day> = Vec::new();
    for (first, last, held) in ranges {
        if held > MAX_HELD {
            // one actor row with more participations than may be held
            // (a hub of a large store): SQLite's sorter, which spills to
            // files past its cache; the rows still come in key order
            conn.execute(
                "INSERT OR IGNORE INTO actor_days (actor_id, start_day, event_id, end_day, kind)
                     SELECT p.actor_id, e.start_day, e.id, e.end_day, e.kind
                     FROM participants p JOIN events e ON e.id = p.event_id
                     WHERE e.external_id IS NOT NULL AND p.actor_id BETWEEN ?1 AND ?2
                     ORDER BY p.actor_id, e.start_day, e.id",
                [first, last],
            )?;
            continue;
        }
        days.clear();
        // the kept count, so the vector does not double past the bound
        days.reserve_exact(held);
        read_range(conn, first, last, &mut kinds, &mut days)?;
        days.sort_unstable();
        days.dedup_by(|b, a| (a.actor, a.start, a.event) == (b.actor, b.start, b.event));
        append(conn, &days, &kinds)?;
    }
    Ok(())
}

/// Ranges of actor rows (first and last, inclusive) of at most
/// [`MAX_HELD`] participations each by the kept counts (one range for an
/// actor row with more), covering every actor row, each with its count;
/// `None` when the store has no kept counts to go by.
fn actor_ranges(conn: &Connection) -> Result<Option<Vec<Range>>, Error> {
    let kept: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'actor_kinds')
            AND EXISTS (SELECT 1 FROM actor_kinds)",
        [],
        |r| r.get(0),
    )?;
    if !kept {
        let any: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM events WHERE external_id IS NOT NULL)",
            [],
            |r| r.get(0),
        )?;
        return Ok((!any).then(Vec::new));
    }
    let mut stmt = conn.prepare(
        "SELECT actor_id, SUM(events) FROM actor_kinds WHERE other_id = 0
         GROUP BY actor_id ORDER BY actor_id",
    )?;
    let counts = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut ranges = Vec::new();
    let mut first = i64::MIN;
    let mut held = 0usize;
    for (actor, events) in counts {
        let events = usize::try_from(events).unwrap_or(0);
        if held > 0 && held + events > MAX_HELD {
            ranges.push((first, actor - 1, held));
            first = actor;
            held = 0;
        }
        held += events;
    }
    ranges.push((first, i64::MAX, held));
    Ok(Some(ranges))
}

/// Reads the participations of the actor rows `first..=last` in dataset
/// events into `days` (kinds as indexes into `kinds`, which grows).
fn read_range(
    conn: &Connection,
    first: i64,
    last: i64,
    kinds: &mut Vec<String>,
    days: &mut Vec<Day>,
) -> Result<(), Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.actor_id, e.start_day, e.id, e.end_day, e.kind
         FROM participants p JOIN events e ON e.id = p.event_id
         WHERE e.external_id IS NOT NULL AND p.actor_id BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query([first, last])?;
    while let Some(row) = rows.next()? {
        let kind = row.get_ref(4)?.as_str().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e))
        })?;
        let index = match kinds.iter().position(|k| k == kind) {
            Some(index) => index,
            None => {
                kinds.push(kind.to_string());
                kinds.len() - 1
            }
        };
        days.push(Day {
            actor: row.get(0)?,
            start: row.get(1)?,
            event: row.get(2)?,
            end: row.get(3)?,
            // a handful of kinds
            kind: index as u32,
        });
    }
    Ok(())
}

/// Inserts sorted, distinct participations into `actor_days`.
fn append(conn: &Connection, days: &[Day], kinds: &[String]) -> Result<(), Error> {
    static MANY: OnceLock<String> = OnceLock::new();
    const HEAD: &str =
        "INSERT OR IGNORE INTO actor_days (actor_id, start_day, event_id, end_day, kind)";
    let many = MANY.get_or_init(|| {
        format!(
            "{HEAD} VALUES {}",
            vec!["(?,?,?,?,?)"; INSERT_ROWS].join(",")
        )
    });
    let mut stmt = conn.prepare_cached(many)?;
    let mut chunks = days.chunks_exact(INSERT_ROWS);
    for chunk in chunks.by_ref() {
        for (i, day) in chunk.iter().enumerate() {
            bind(&mut stmt, i * 5, day, kinds)?;
        }
        stmt.raw_execute()?;
    }
    let mut one = conn.prepare_cached(&format!("{HEAD} VALUES (?,?,?,?,?)"))?;
    for day in chunks.remainder() {
        bind(&mut one, 0, day, kinds)?;
        one.raw_execute()?;
    }
    Ok(())
}

fn bind(
    stmt: &mut rusqlite::Statement<'_>,
    offset: usize,
    day: &Day,
    kinds: &[String],
) -> Result<(), Error> {
    stmt.raw_bind_parameter(offset + 1, day.actor)?;
    stmt.raw_bind_parameter(offset + 2, day.start)?;
    stmt.raw_bind_parameter(offset + 3, day.event)?;
    stmt.raw_bind_parameter(offset + 4, day.end)?;
    stmt.raw_bind_parameter(offset + 5, kinds[day.kind as usize].as_str())?;
    Ok(())
}
