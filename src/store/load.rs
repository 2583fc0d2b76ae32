//! Reading the store back: one ordered scan per table, handed out as model
//! values with their row ids to a [`RowSink`] (the pipeline builds the
//! graph from them; the store knows nothing of graphs or resolution).

use super::{Error, Store};
use crate::model::{
    merge_titles, Actor, ActorKind, DateSource, Document, EventKind, Modality, Place, Precision,
    Role, Title,
};
use chrono::NaiveDate;
use rusqlite::{Connection, Row};
use std::collections::HashMap;

fn bad(table: &'static str, column: &'static str, value: &str) -> Error {
    Error::BadValue {
        table,
        column,
        value: value.to_string(),
    }
}

/// A document's stored publication day.
fn parse_published(text: Option<String>) -> Result<Option<NaiveDate>, Error> {
    text.map(|p| {
        NaiveDate::parse_from_str(&p, "%Y-%m-%d").map_err(|_| bad("documents", "published", &p))
    })
    .transpose()
}

/// Row counts and largest row ids, for sizing what a scan fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TableSizes {
    /// Rows of `actors`.
    pub actors: usize,
    /// Rows of `events`.
    pub events: usize,
    /// Rows of `participants`.
    pub participants: usize,
    /// Rows of `places`.
    pub places: usize,
    /// Rows of `documents`.
    pub documents: usize,
    /// The largest actor row id (0 when empty).
    pub max_actor_row: i64,
    /// The largest place row id (0 when empty).
    pub max_place_row: i64,
    /// The largest document row id (0 when empty).
    pub max_document_row: i64,
}

/// A stored actor (one row per normalised canonical name) before
/// resolution: aliases and titles (each title with the publication date and
/// id of the document that reported it, united by `merge_titles`) filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredActor {
    /// The actor's row id.
    pub row: i64,
    /// The actor with its aliases and titles.
    pub actor: Actor,
    /// The row ids of the articles that name it (datasets record none).
    pub documents: Vec<i64>,
}

/// One mention of a stored event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMention {
    /// The row id of the document.
    pub document: i64,
    /// Start byte offset into the document's file.
    pub start: usize,
    /// End byte offset, exclusive.
    pub end: usize,
    /// The text of the span.
    pub text: String,
}

/// A stored event row with its participants and mentions.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent<'a> {
    /// The event's row id.
    pub row: i64,
    /// The content key (`e` and 16 hex digits).
    pub key: &'a str,
    /// What sort of event.
    pub kind: EventKind,
    /// The CAMEO code, if any.
    pub cameo: Option<&'a str>,
    /// First day (a day number).
    pub start: i32,
    /// Last day (a day number).
    pub end: i32,
    /// How precisely the date is known.
    pub precision: Precision,
    /// The TIMEX3 value.
    pub value: &'a str,
    /// How the date was obtained.
    pub date_source: DateSource,
    /// The place's row id, if any.
    pub place: Option<i64>,
    /// Whether it happened.
    pub modality: Modality,
    /// The extraction's confidence.
    pub confidence: f32,
    /// The dataset row id; `None` for an article's report.
    pub external_id: Option<&'a str>,
    /// The CAMEO actor code of the source, if any.
    pub source_code: Option<&'a str>,
    /// The CAMEO actor code of the target, if any.
    pub target_code: Option<&'a str>,
    /// Actor row ids with their roles.
    pub participants: &'a [(i64, Role)],
    /// Where documents report it.
    pub mentions: &'a [StoredMention],
}

/// A dataset event of a window as [`Store::list_days`] reads it: what a
/// listing prints and what its content key is computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedEvent<'a> {
    /// The event's row id.
    pub row: i64,
    /// What sort of event.
    pub kind: EventKind,
    /// The CAMEO code, if any.
    pub cameo: Option<&'a str>,
    /// First day (a day number).
    pub start: i32,
    /// Last day (a day number).
    pub end: i32,
    /// How precisely the date is known.
    pub precision: Precision,
    /// The place's row id, if any.
    pub place: Option<i64>,
    /// Whether it happened.
    pub modality: Modality,
    /// The dataset row id.
    pub external_id: Option<&'a str>,
    /// Actor row ids with their roles.
    pub participants: &'a [(i64, Role)],
    /// The row ids of the documents of its mentions (one per mention).
    pub documents: &'a [i64],
}

/// What a scan of the store hands its values to, in this order: the
/// sizes, every actor at once, the places (by normalised name), the
/// documents (by id), then the events one at a time (by row id).
pub trait RowSink {
    /// The sink's error; store errors convert into it.
    type Error: From<Error>;
    /// Row counts, before anything else.
    fn sizes(&mut self, sizes: TableSizes) -> Result<(), Self::Error>;
    /// Every actor, in row order.
    fn actors(&mut self, actors: Vec<StoredActor>) -> Result<(), Self::Error>;
    /// One place.
    fn place(&mut self, row: i64, place: Place) -> Result<(), Self::Error>;
    /// One document.
    fn document(&mut self, row: i64, document: Document) -> Result<(), Self::Error>;
    /// One event with its participants and mentions.
    fn event(&mut self, event: StoredEvent<'_>) -> Result<(), Self::Error>;
}

impl Store {
    /// Reads every table once, in order, into `sink` (see [`RowSink`]).
    pub fn scan<S: RowSink>(&self, sink: &mut S) -> Result<(), S::Error> {
        let conn = &self.conn;
        sink.sizes(sizes(conn)?)?;
        sink.actors(actors(conn)?)?;
        for (row, place) in places(conn)? {
            sink.place(row, place)?;
        }
        for (row, document) in documents(conn)? {
            sink.document(row, document)?;
        }
        events(conn, sink, "", &[], self.actor_codes)
    }

    /// Whether every stored event is a dataset row (has an external id):
    /// such a store needs no merging of reports across documents, so a
    /// window of its events reads as the whole store would, restricted.
    pub fn only_dataset_rows(&self) -> Result<bool, Error> {
        Ok(self.conn.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM events WHERE external_id IS NULL)",
            [],
            |r| r.get(0),
        )?)
    }

    /// [`Store::scan`] restricted to the events whose days overlap
    /// `from..=to` (day numbers), found through the `start_day` index, with
    /// their participants and mentions and the documents those name; every
    /// actor and place is handed out as in a full scan.
    pub fn scan_days<S: RowSink>(&self, sink: &mut S, from: i32, to: i32) -> Result<(), S::Error> {
        self.scan_window(sink, from, to, None, &[])
    }

    /// [`Store::scan_days`] further restricted, when `actors` is given, to
    /// the events in which one of these actor rows takes part (found
    /// through `actor_days`, or `participants_actor` in a store without
    /// it), and, when `kinds` is not empty, to the events of those kinds:
    /// every actor and place is still handed out, with only those events
    /// and their documents.
    pub fn scan_window<S: RowSink>(
        &self,
        sink: &mut S,
        from: i32,
        to: i32,
        actor_rows: Option<&[i64]>,
        kinds: &[EventKind],
    ) -> Result<(), S::Error> {
        let conn = &self.conn;
        let (low, from, to) = window_days(conn, from, to)?;
        // kinds are the vocabulary's own words: written into the statement
        let kind_list: Vec<String> = kinds.iter().map(|k| format!("'{}'", k.as_str())).collect();
        let kind_list = kind_list.join(", ");
        let (kinds, index_kinds) = if kinds.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!(" AND e.kind IN ({kind_list})"),
                format!(" AND kind IN ({kind_list})"),
            )
        };
        if actor_rows.is_none() {
            if let Some(range) = day_range(conn, low, to)? {
                // the rows of the days, one range of each table: no index
                // read, no join (`+` keeps the planner off `events_start`)
                let window = format!(
                    "e.id BETWEEN {} AND {} AND +e.start_day BETWEEN ?1 AND ?2 \
                     AND e.end_day >= ?3{kinds}",
                    range.0, range.1
                );
                let params: [&dyn rusqlite::ToSql; 3] = [&low, &to, &from];
                return scan_range(conn, sink, &window, &params, range, self.actor_codes);
            }
        }
        let window = match actor_rows {
            None => format!("e.start_day BETWEEN ?1 AND ?2 AND e.end_day >= ?3{kinds}"),
            // row ids are integers: written into the statement
            Some(rows) => {
                let list: Vec<String> = rows.iter().map(i64::to_string).collect();
                let list = list.join(", ");
                if self.actor_index {
                    // a range of actor_days per actor row: its days (and
                    // kinds) only, no event row read for another kind
                    format!(
                        "e.id IN (SELECT event_id FROM actor_days WHERE actor_id IN ({list})
                                  AND start_day BETWEEN ?1 AND ?2{index_kinds})
                         AND e.start_day BETWEEN ?1 AND ?2 AND e.end_day >= ?3{kinds}"
                    )
                } else {
                    format!(
                        "e.id IN (SELECT event_id FROM participants WHERE actor_id IN ({list}))
                         AND e.start_day BETWEEN ?1 AND ?2 AND e.end_day >= ?3{kinds}"
                    )
                }
            }
        };
        let window = window.as_str();
        let params: [&dyn rusqlite::ToSql; 3] = [&low, &to, &from];
        let mut sizes = window_sizes(conn)?;
        sizes.events = conn
            .query_row(
                &format!("SELECT COUNT(*) FROM events e WHERE {window}"),
                &params[..],
                |r| r.get::<_, i64>(0),
            )
            .map_err(Error::from)? as usize;
        sizes.participants = sizes.events.saturating_mul(2);
        sizes.documents = sizes.events;
        scan_where(conn, sink, sizes, window, &params, self.actor_codes)
    }

    /// The dataset events whose days overlap `from..=to` (day numbers),
    /// of `kinds` when it is not empty, handed to `each` in row order with
    /// their participants and the row ids of the documents that report
    /// them, read as one range of `events`, `participants` and `mentions`
    /// each (no document, no mention text): what a listing of the window
    /// prints. `Ok(false)` (nothing handed out) when the rows cannot be
    /// read that way: the store holds an article's report, or its rows are
    /// not clustered by day ([`day_range`]); the caller then loads the
    /// window as [`Store::scan_window`] does. A dataset event's mentions
    /// name the row's source document, which is never deleted, so the
    /// document ids are those the loaded graph counts.
    pub fn list_days<E: From<Error>>(
        &self,
        from: i32,
        to: i32,
        kinds: &[EventKind],
        mut each: impl FnMut(&ListedEvent<'_>) -> Result<(), E>,
    ) -> Result<bool, E> {
        let conn = &self.conn;
        if !self.only_dataset_rows()? {
            return Ok(false);
        }
        let (low, from, to) = window_days(conn, from, to)?;
        let Some((first, last)) = day_range(conn, low, to)? else {
            // no event starts in the days (an empty listing), or older ids
            let none: bool = conn
                .query_row(
                    "SELECT NOT EXISTS (SELECT 1 FROM events WHERE start_day BETWEEN ?1 AND ?2)",
                    [low, to],
                    |r| r.get(0),
                )
                .map_err(Error::from)?;
            return Ok(none);
        };
        let mut events = conn
            .prepare(
                "SELECT id, kind, cameo, start_day, end_day, precision, place_id, modality,
                        external_id
                 FROM events WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
            )
            .map_err(Error::from)?;
        let mut parts = conn
            .prepare(
                "SELECT event_id, actor_id, role FROM participants
                 WHERE event_id BETWEEN ?1 AND ?2 ORDER BY event_id",
            )
            .map_err(Error::from)?;
        let mut mentions = conn
            .prepare(
                "SELECT event_id, document_id FROM mentions
                 WHERE event_id BETWEEN ?1 AND ?2 ORDER BY event_id",
            )
            .map_err(Error::from)?;
        let mut rows = events.query([first, last]).map_err(Error::from)?;
        let mut part_rows = parts.query([first, last]).map_err(Error::from)?;
        let mut mention_rows = mentions.query([first, last]).map_err(Error::from)?;
        let mut part_pending = Pending::new();
        let mut mention_pending = Pending::new();
        let mut participants: Vec<(i64, Role)> = Vec::new();
        let mut documents: Vec<i64> = Vec::new();
        let read_document =
            |m: &Row<'_>| -> Result<(i64, i64), Error> { Ok((m.get(0)?, m.get(1)?)) };
        while let Some(row) = rows.next().map_err(Error::from)? {
            let id: i64 = row.get(0).map_err(Error::from)?;
            let start: i32 = row.get(3).map_err(Error::from)?;
            let end: i32 = row.get(4).map_err(Error::from)?;
            let kind_text = row
                .get_ref(1)
                .map_err(Error::from)?
                .as_str()
                .map_err(Error::from)?;
            let kind: EventKind = kind_text
                .parse()
                .map_err(|_| bad("events", "kind", kind_text))?;
            if i64::from(start) < low
                || i64::from(start) > to
                || i64::from(end) < from
                || !(kinds.is_empty() || kinds.contains(&kind))
            {
                continue;
            }
            participants.clear();
            documents.clear();
            part_pending.take_for(id, &mut part_rows, read_part, &mut participants)?;
            mention_pending.take_for(id, &mut mention_rows, read_document, &mut documents)?;
            let precision_text = row
                .get_ref(5)
                .map_err(Error::from)?
                .as_str()
                .map_err(Error::from)?;
            let modality_text = row
                .get_ref(7)
                .map_err(Error::from)?
                .as_str()
                .map_err(Error::from)?;
            let event = ListedEvent {
                row: id,
                kind,
                cameo: row
                    .get_ref(2)
                    .map_err(Error::from)?
                    .as_str_or_null()
                    .map_err(Error::from)?,
                start,
                end,
                precision: precision_text
                    .parse()
                    .map_err(|_| bad("events", "precision", precision_text))?,
                place: row.get(6).map_err(Error::from)?,
                modality: modality_text
                    .parse()
                    .map_err(|_| bad("events", "modality", modality_text))?,
                external_id: row
                    .get_ref(8)
                    .map_err(Error::from)?
                    .as_str_or_null()
                    .map_err(Error::from)?,
                participants: &participants,
                documents: &documents,
            };
            each(&event)?;
        }
        Ok(true)
    }

    /// The actors and places alone, as a scan hands them out (no event, no
    /// document): what an actor lookup needs.
    pub fn scan_actors<S: RowSink>(&self, sink: &mut S) -> Result<(), S::Error> {
        let conn = &self.conn;
        conn.pragma_update(None, "mmap_size", 0)
            .map_err(Error::from)?;
        sink.sizes(window_sizes(conn)?)?;
        sink.actors(actors(conn)?)?;
        for (row, place) in places(conn)? {
            sink.place(row, place)?;
        }
        Ok(())
    }

    /// Whether `actor_days` and `actor_pairs` index the dataset events
    /// (schema 4): the actor summaries and paths read through them.
    pub fn has_actor_index(&self) -> bool {
        self.actor_index
    }

    /// What the dataset events of these actor rows add up to, by kind
    /// (read from `actor_days` alone): for each kind, the number of
    /// distinct events, the first start day and the last end day. `None`
    /// when the store has no `actor_days`.
    pub fn actor_summary(&self, rows: &[i64]) -> Result<Option<Vec<ActorKindSummary>>, Error> {
        if !self.actor_index {
            return Ok(None);
        }
        if self.actor_kinds {
            return self.actor_summary_kept(rows).map(Some);
        }
        let list: Vec<String> = rows.iter().map(i64::to_string).collect();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT kind, COUNT(DISTINCT event_id), MIN(start_day), MAX(end_day)
             FROM actor_days WHERE actor_id IN ({}) GROUP BY kind ORDER BY kind",
            list.join(", ")
        ))?;
        let out = stmt
            .query_map([], |r| {
                Ok(ActorKindSummary {
                    kind: r.get(0)?,
                    events: r.get::<_, i64>(1)? as u64,
                    first_day: r.get(2)?,
                    last_day: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(out))
    }

    /// [`Store::actor_summary`] from the kept counts (`actor_kinds`,
    /// schema 5), a few rows per actor row whatever its number of events:
    /// by kind, the events of each row less those two of the rows share (a
    /// dataset event names at most two actor rows, so no event is taken
    /// away twice).
    fn actor_summary_kept(&self, rows: &[i64]) -> Result<Vec<ActorKindSummary>, Error> {
        let mut by_kind: std::collections::BTreeMap<String, (i64, i32, i32)> =
            std::collections::BTreeMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT other_id, kind, events, first_day, last_day FROM actor_kinds
             WHERE actor_id = ?1",
        )?;
        for row in rows {
            let mut found = stmt.query([row])?;
            while let Some(r) = found.next()? {
                let other: i64 = r.get(0)?;
                let kind: String = r.get(1)?;
                let events: i64 = r.get(2)?;
                if other == 0 {
                    let (first, last): (i32, i32) = (r.get(3)?, r.get(4)?);
                    let entry = by_kind.entry(kind).or_insert((0, first, last));
                    entry.0 += events;
                    entry.1 = entry.1.min(first);
                    entry.2 = entry.2.max(last);
                } else if rows.contains(&other) {
                    by_kind.entry(kind).or_insert((0, i32::MAX, i32::MIN)).0 -= events;
                }
            }
        }
        Ok(by_kind
            .into_iter()
            .filter(|(_, (events, ..))| *events > 0)
            .map(|(kind, (events, first_day, last_day))| ActorKindSummary {
                kind,
                events: events as u64,
                first_day,
                last_day,
            })
            .collect())
    }

    /// The actor rows that share a dataset event with one of `rows`, each
    /// with the first day they do (from `actor_pairs`), in row order.
    pub fn actor_partners(&self, rows: &[i64]) -> Result<Vec<(i64, i32)>, Error> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT other_id, first_day FROM actor_pairs WHERE actor_id = ?1 ORDER BY other_id",
        )?;
        for row in rows {
            let found = stmt
                .query_map([row], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i32>(1)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            out.extend(found);
        }
        out.sort_unstable();
        Ok(out)
    }

    /// The dataset events starting on `day` in which one of the actor rows
    /// `a` and one of `b` take part, as (content key, row id), in key order
    /// (read through `actor_days` from the side with fewer events that day).
    pub fn shared_events_on(
        &self,
        day: i32,
        a: &[i64],
        b: &[i64],
    ) -> Result<Vec<(String, i64)>, Error> {
        let list = |rows: &[i64]| {
            rows.iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let count = |rows: &[i64]| -> Result<i64, Error> {
            Ok(self.conn.query_row(
                &format!(
                    "SELECT COUNT(*) FROM actor_days WHERE actor_id IN ({}) AND start_day = ?1",
                    list(rows)
                ),
                [day],
                |r| r.get(0),
            )?)
        };
        let (near, far) = if count(a)? <= count(b)? {
            (a, b)
        } else {
            (b, a)
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT DISTINCT {key}, e.id FROM actor_days d
             JOIN events e ON e.id = d.event_id
             WHERE d.actor_id IN ({}) AND d.start_day = ?1
               AND EXISTS (SELECT 1 FROM participants p
                           WHERE p.event_id = d.event_id AND p.actor_id IN ({}))
             ORDER BY 1",
            list(near),
            list(far),
            key = super::KEY_TEXT_SQL,
        ))?;
        let out = stmt
            .query_map([day], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(out)
    }

    /// The actor rows taking part in an event, in row order.
    pub fn event_actor_rows(&self, event: i64) -> Result<Vec<i64>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT actor_id FROM participants WHERE event_id = ?1 ORDER BY actor_id",
        )?;
        let rows = stmt
            .query_map([event], |r| r.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        Ok(rows)
    }

    /// [`Store::scan`] restricted to the events with these row ids (and
    /// the documents they name), with every actor and place.
    pub fn scan_events<S: RowSink>(&self, sink: &mut S, ids: &[i64]) -> Result<(), S::Error> {
        let conn = &self.conn;
        conn.pragma_update(None, "mmap_size", 0)
            .map_err(Error::from)?;
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        let window = format!("e.id IN ({})", list.join(", "));
        let mut sizes = window_sizes(conn)?;
        sizes.events = ids.len();
        sizes.participants = ids.len().saturating_mul(2);
        sizes.documents = ids.len();
        scan_where(conn, sink, sizes, &window, &[], self.actor_codes)
    }
}

/// Hands `sink` every actor and place, then the events matching `window`
/// (a condition on `events e` with `params`) and the documents they name:
/// the part of [`Store::scan_window`] and [`Store::scan_events`] after
/// they have chosen their events.
fn scan_where<S: RowSink>(
    conn: &Connection,
    sink: &mut S,
    sizes: TableSizes,
    window: &str,
    params: &[&dyn rusqlite::ToSql],
    actor_codes: bool,
) -> Result<(), S::Error> {
    sink.sizes(sizes)?;
    sink.actors(actors(conn)?)?;
    for (row, place) in places(conn)? {
        sink.place(row, place)?;
    }
    let mut stmt = conn
        .prepare(&format!(
            "SELECT id, doc_id, title, url, published, source FROM documents
             WHERE id IN (SELECT m.document_id FROM mentions m
                          JOIN events e ON e.id = m.event_id WHERE {window})
             ORDER BY doc_id"
        ))
        .map_err(Error::from)?;
    let mut rows = stmt.query(params).map_err(Error::from)?;
    while let Some(row) = rows.next().map_err(Error::from)? {
        let (row, document) = document_of(row)?;
        sink.document(row, document)?;
    }
    events(conn, sink, window, params, actor_codes)
}

/// Prepares `conn` for reading the window of days `from..=to` and gives
/// the days to read as `(low, from, to)`: `low` is the earliest start
/// day of an event overlapping the window (the longest span stored bounds
/// how early it starts).
fn window_days(conn: &Connection, from: i32, to: i32) -> Result<(i64, i64, i64), Error> {
    // A window reads pages scattered over the file: through the page
    // cache, not the memory map (whose pages would count in the process's
    // memory, a page per event read).
    conn.pragma_update(None, "mmap_size", 0)?;
    let span: i64 = conn.query_row(
        "SELECT COALESCE(MAX(end_day - start_day), 0) FROM events",
        [],
        |r| r.get(0),
    )?;
    Ok((i64::from(from) - span, i64::from(from), i64::from(to)))
}

/// The row ids `(first, last)` of the events starting on the days
/// `low..=to`, when every one of them has an id of its day's range
/// (`day_row_base`: a store whose dataset rows are clustered by day): the
/// rows of those days, and their participants and mentions (keyed by
/// event row), are then one range of each table. `None` when no event
/// starts then, or one has an id from outside the days' ranges (a store
/// written before schema 4).
fn day_range(conn: &Connection, low: i64, to: i64) -> Result<Option<(i64, i64)>, Error> {
    let (first, last): (Option<i64>, Option<i64>) = conn.query_row(
        "SELECT MIN(id), MAX(id) FROM events WHERE start_day BETWEEN ?1 AND ?2",
        [low, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(None);
    };
    // `day_row_base` in i64: the window's ends may be far outside i32
    let base = |day: i64| {
        day.checked_add(1 << 24)
            .and_then(|d| d.checked_mul(1 << super::DAY_ROW_BITS))
    };
    let within = match (base(low), to.checked_add(1).and_then(base)) {
        (Some(lo), Some(hi)) => first >= lo && last < hi,
        _ => false,
    };
    Ok(within.then_some((first, last)))
}

/// [`scan_where`] for a window whose events lie in the row range
/// `range` ([`day_range`]; `window` a condition on `events e` within it):
/// the events read twice by row id (their ids, then the rows), the
/// participants and mentions once each as one range of their tables
/// (rows of events outside the window are skipped as they come), and the
/// documents the window's mentions name, by row id.
fn scan_range<S: RowSink>(
    conn: &Connection,
    sink: &mut S,
    window: &str,
    params: &[&dyn rusqlite::ToSql],
    range: (i64, i64),
    actor_codes: bool,
) -> Result<(), S::Error> {
    let (first, last) = range;
    let ids: Vec<i64> = conn
        .prepare(&format!(
            "SELECT e.id FROM events e WHERE {window} ORDER BY e.id"
        ))
        .and_then(|mut stmt| {
            stmt.query_map(params, |r| r.get(0))?
                .collect::<Result<Vec<i64>, _>>()
        })
        .map_err(Error::from)?;
    // the window's mentions, in event order
    let mut mentions: Vec<(i64, StoredMention)> = Vec::with_capacity(ids.len());
    {
        let mut stmt = conn
            .prepare(
                "SELECT event_id, document_id, start, end, text FROM mentions
                 WHERE event_id BETWEEN ?1 AND ?2 ORDER BY event_id",
            )
            .map_err(Error::from)?;
        let mut rows = stmt.query([first, last]).map_err(Error::from)?;
        let mut next = 0;
        while let Some(row) = rows.next().map_err(Error::from)? {
            let event: i64 = row.get(0).map_err(Error::from)?;
            while next < ids.len() && ids[next] < event {
                next += 1;
            }
            if next < ids.len() && ids[next] == event {
                mentions.push(read_mention(row)?);
            }
        }
    }
    let mut document_rows: Vec<i64> = mentions.iter().map(|m| m.1.document).collect();
    document_rows.sort_unstable();
    document_rows.dedup();
    let mut sizes = window_sizes(conn)?;
    sizes.events = ids.len();
    sizes.participants = ids.len().saturating_mul(2);
    sizes.documents = document_rows.len();
    drop(ids);
    sink.sizes(sizes)?;
    sink.actors(actors(conn)?)?;
    for (row, place) in places(conn)? {
        sink.place(row, place)?;
    }
    // row ids are integers: written into the statement
    let list: Vec<String> = document_rows.iter().map(i64::to_string).collect();
    let mut stmt = conn
        .prepare(&format!(
            "SELECT id, doc_id, title, url, published, source FROM documents
             WHERE id IN ({}) ORDER BY doc_id",
            list.join(", ")
        ))
        .map_err(Error::from)?;
    let mut rows = stmt.query([]).map_err(Error::from)?;
    while let Some(row) = rows.next().map_err(Error::from)? {
        let (row, document) = document_of(row)?;
        sink.document(row, document)?;
    }
    let part_sql = format!(
        "SELECT event_id, actor_id, role FROM participants
         WHERE event_id BETWEEN {first} AND {last} ORDER BY event_id"
    );
    let sources = EventSources {
        window,
        params,
        part_sql: &part_sql,
        part_params: &[],
        mentions: MentionSource::Read(mentions),
    };
    emit_events(conn, sink, sources, actor_codes)
}

/// What the events of one kind of an actor add up to
/// ([`Store::actor_summary`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorKindSummary {
    /// The event kind, as stored.
    pub kind: String,
    /// Distinct events of the kind.
    pub events: u64,
    /// The first start day (a day number).
    pub first_day: i32,
    /// The last end day.
    pub last_day: i32,
}

/// The largest row id of `table` (0 when it is empty).
fn max_row(conn: &Connection, table: &str) -> Result<i64, Error> {
    Ok(conn.query_row(
        &format!("SELECT COALESCE(MAX(id), 0) FROM {table}"),
        [],
        |r| r.get::<_, i64>(0),
    )?)
}

/// The sizes a window's sink is given before its events: the counts of
/// actors and places and the largest row ids (no count of the big tables,
/// a scan of each).
fn window_sizes(conn: &Connection) -> Result<TableSizes, Error> {
    let count = |sql: &str| -> Result<usize, Error> {
        Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
    };
    let max_id = |table: &str| max_row(conn, table);
    Ok(TableSizes {
        actors: count("SELECT COUNT(*) FROM actors")?,
        places: count("SELECT COUNT(*) FROM places")?,
        max_actor_row: max_id("actors")?,
        max_place_row: max_id("places")?,
        max_document_row: max_id("documents")?,
        ..TableSizes::default()
    })
}

fn places(conn: &Connection) -> Result<Vec<(i64, Place)>, Error> {
    let mut stmt =
        conn.prepare("SELECT id, name, country, lat, lon FROM places ORDER BY norm, id")?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let place = Place {
            name: row.get(1)?,
            country: row.get(2)?,
            lat: row.get(3)?,
            lon: row.get(4)?,
        };
        out.push((row.get(0)?, place));
    }
    Ok(out)
}

fn documents(conn: &Connection) -> Result<Vec<(i64, Document)>, Error> {
    let mut stmt = conn.prepare(
        "SELECT id, doc_id, title, url, published, source FROM documents ORDER BY doc_id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(document_of(row)?);
    }
    Ok(out)
}

fn sizes(conn: &Connection) -> Result<TableSizes, Error> {
    let count = |table: &str| -> Result<usize, Error> {
        Ok(
            conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
                r.get::<_, i64>(0)
            })? as usize,
        )
    };
    let max_id = |table: &str| max_row(conn, table);
    Ok(TableSizes {
        actors: count("actors")?,
        events: count("events")?,
        participants: count("participants")?,
        places: count("places")?,
        documents: count("documents")?,
        max_actor_row: max_id("actors")?,
        max_place_row: max_id("places")?,
        max_document_row: max_id("documents")?,
    })
}

fn document_of(row: &Row<'_>) -> Result<(i64, Document), Error> {
    let published: Option<String> = row.get(4)?;
    let document = Document {
        id: row.get(1)?,
        title: row.get(2)?,
        url: row.get(3)?,
        published: parse_published(published)?,
        source: row.get(5)?,
    };
    Ok((row.get(0)?, document))
}

/// Every actor with its aliases, titles and documents.
fn actors(conn: &Connection) -> Result<Vec<StoredActor>, Error> {
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
    // actor are united by `merge_titles`.
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
            let published = parse_published(row.get(4)?)?;
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
    let mut out = Vec::new();
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
        out.push(StoredActor {
            row: id,
            actor,
            documents: actor_docs.remove(&id).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The next row of a scan ordered by event row id, kept until its event
/// comes.
struct Pending<T> {
    item: Option<(i64, T)>,
    done: bool,
}

impl<T> Pending<T> {
    fn new() -> Pending<T> {
        Pending {
            item: None,
            done: false,
        }
    }

    /// Moves the rows of event `id` into `out`, skipping rows of earlier
    /// events (rows that belong to no event).
    fn take_for(
        &mut self,
        id: i64,
        rows: &mut rusqlite::Rows<'_>,
        read: impl Fn(&Row<'_>) -> Result<(i64, T), Error>,
        out: &mut Vec<T>,
    ) -> Result<(), Error> {
        loop {
            if self.item.is_none() && !self.done {
                match rows.next()? {
                    Some(row) => self.item = Some(read(row)?),
                    None => self.done = true,
                }
            }
            match &self.item {
                Some((event, _)) if *event <= id => {
                    if let Some((event, value)) = self.item.take() {
                        if event == id {
                            out.push(value);
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }
}

/// Where the mentions of a scan's events come from: a statement ordered
/// by event row, or rows already read (in event order).
enum MentionSource {
    Query(String),
    Read(Vec<(i64, StoredMention)>),
}

/// The statements of an event scan: the events' condition (on `events
/// e`, empty for every event) with its parameters, the participants'
/// statement (ordered by event row) and the mentions.
struct EventSources<'a> {
    window: &'a str,
    params: &'a [&'a dyn rusqlite::ToSql],
    part_sql: &'a str,
    part_params: &'a [&'a dyn rusqlite::ToSql],
    mentions: MentionSource,
}

/// A participant row: (event row, (actor row, role)).
fn read_part(p: &Row<'_>) -> Result<(i64, (i64, Role)), Error> {
    let role_text = p.get_ref(2)?.as_str()?;
    let role: Role = role_text
        .parse()
        .map_err(|_| bad("participants", "role", role_text))?;
    Ok((p.get(0)?, (p.get(1)?, role)))
}

/// A mention row: (event row, mention).
fn read_mention(m: &Row<'_>) -> Result<(i64, StoredMention), Error> {
    Ok((
        m.get(0)?,
        StoredMention {
            document: m.get(1)?,
            start: m.get::<_, i64>(2)?.max(0) as usize,
            end: m.get::<_, i64>(3)?.max(0) as usize,
            text: m.get(4)?,
        },
    ))
}

/// Events, their participants and their mentions: three scans ordered by
/// event row, merged as they go.
/// `window`, when not empty, is a condition on the events (alias `e`)
/// with its parameters: only those events are read. `actor_codes`: whether
/// the events have actor code columns (not in a schema 2 database).
fn events<S: RowSink>(
    conn: &Connection,
    sink: &mut S,
    window: &str,
    params: &[&dyn rusqlite::ToSql],
    actor_codes: bool,
) -> Result<(), S::Error> {
    let (part_sql, mention_sql) = if window.is_empty() {
        (
            "SELECT event_id, actor_id, role FROM participants ORDER BY event_id".to_string(),
            "SELECT event_id, document_id, start, end, text FROM mentions ORDER BY event_id"
                .to_string(),
        )
    } else {
        (
            format!(
                "SELECT p.event_id, p.actor_id, p.role FROM participants p
                 JOIN events e ON e.id = p.event_id WHERE {window} ORDER BY p.event_id"
            ),
            format!(
                "SELECT m.event_id, m.document_id, m.start, m.end, m.text FROM mentions m
                 JOIN events e ON e.id = m.event_id WHERE {window} ORDER BY m.event_id"
            ),
        )
    };
    let sources = EventSources {
        window,
        params,
        part_sql: &part_sql,
        part_params: params,
        mentions: MentionSource::Query(mention_sql),
    };
    emit_events(conn, sink, sources, actor_codes)
}

/// The events of `sources.window` handed to `sink` in row order, each
/// with its participants and mentions (rows of other events skipped).
fn emit_events<S: RowSink>(
    conn: &Connection,
    sink: &mut S,
    sources: EventSources<'_>,
    actor_codes: bool,
) -> Result<(), S::Error> {
    let EventSources {
        window,
        params,
        part_sql,
        part_params,
        mentions: mention_source,
    } = sources;
    let codes = if actor_codes {
        "e.source_code, e.target_code"
    } else {
        "NULL, NULL"
    };
    let condition = if window.is_empty() {
        String::new()
    } else {
        format!("WHERE {window}")
    };
    let event_sql = format!(
        "SELECT e.id, e.kind, e.cameo, e.start_day, e.end_day, e.precision, e.value,
            e.date_source, e.place_id, e.modality, e.confidence, e.external_id, {key},
            {codes}
         FROM events e {condition} ORDER BY e.id",
        key = super::KEY_TEXT_SQL,
    );
    let mut part_stmt = conn.prepare(part_sql).map_err(Error::from)?;
    let mut part_rows = part_stmt.query(part_params).map_err(Error::from)?;
    let (mention_sql, read) = match mention_source {
        MentionSource::Query(sql) => (Some(sql), Vec::new()),
        MentionSource::Read(read) => (None, read),
    };
    let mut mention_stmt = match &mention_sql {
        Some(sql) => Some(conn.prepare(sql).map_err(Error::from)?),
        None => None,
    };
    let mut mention_rows = match &mut mention_stmt {
        Some(stmt) => Some(stmt.query(params).map_err(Error::from)?),
        None => None,
    };
    let mut read = read.into_iter().peekable();
    let mut stmt = conn.prepare(&event_sql).map_err(Error::from)?;
    let mut rows = stmt.query(params).map_err(Error::from)?;
    let mut parts: Vec<(i64, Role)> = Vec::new();
    let mut mentions: Vec<StoredMention> = Vec::new();
    let mut part_pending = Pending::new();
    let mut mention_pending = Pending::new();
    while let Some(row) = rows.next().map_err(Error::from)? {
        let id: i64 = row.get(0).map_err(Error::from)?;
        parts.clear();
        mentions.clear();
        part_pending.take_for(id, &mut part_rows, read_part, &mut parts)?;
        match &mut mention_rows {
            Some(mention_rows) => {
                mention_pending.take_for(id, mention_rows, read_mention, &mut mentions)?;
            }
            None => {
                while let Some((event, m)) = read.next_if(|m| m.0 <= id) {
                    if event == id {
                        mentions.push(m);
                    }
                }
            }
        }
        let event = event_of(row, &parts, &mentions)?;
        sink.event(event)?;
    }
    Ok(())
}

/// One event row as a [`StoredEvent`].
fn event_of<'a>(
    row: &'a Row<'_>,
    participants: &'a [(i64, Role)],
    mentions: &'a [StoredMention],
) -> Result<StoredEvent<'a>, Error> {
    let kind_text = row.get_ref(1)?.as_str()?;
    let precision_text = row.get_ref(5)?.as_str()?;
    let source_text = row.get_ref(7)?.as_str()?;
    let modality_text = row.get_ref(9)?.as_str()?;
    Ok(StoredEvent {
        row: row.get(0)?,
        key: row.get_ref(12)?.as_str()?,
        kind: kind_text
            .parse()
            .map_err(|_| bad("events", "kind", kind_text))?,
        cameo: row.get_ref(2)?.as_str_or_null()?,
        start: row.get(3)?,
        end: row.get(4)?,
        precision: precision_text
            .parse()
            .map_err(|_| bad("events", "precision", precision_text))?,
        value: row.get_ref(6)?.as_str()?,
        date_source: source_text
            .parse()
            .map_err(|_| bad("events", "date_source", source_text))?,
        place: row.get(8)?,
        modality: modality_text
            .parse()
            .map_err(|_| bad("events", "modality", modality_text))?,
        confidence: row.get::<_, f64>(10)? as f32,
        external_id: row.get_ref(11)?.as_str_or_null()?,
        source_code: row.get_ref(13)?.as_str_or_null()?,
        target_code: row.get_ref(14)?.as_str_or_null()?,
        participants,
        mentions,
    })
}

impl Store {
    /// The first day (a day number) on which a stored event starts, on or
    /// after `day`; `None` when no event starts then or later. One seek in
    /// the `start_day` index: `export --format parquet` steps through the
    /// months that hold events with it.
    pub fn next_start_day(&self, day: i32) -> Result<Option<i32>, Error> {
        Ok(self.conn.query_row(
            "SELECT MIN(start_day) FROM events WHERE start_day >= ?1",
            [day],
            |r| r.get(0),
        )?)
    }
}
