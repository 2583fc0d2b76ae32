//! A first load's new events, with their participants and mentions, held
//! in memory and inserted in row-id order. A dataset event's row id is its
//! day's base plus its rank that day (`super::day_row_base`), so rows in
//! file order land in as many places of the `events`, `participants` and
//! `mentions` B-trees as the file has days (366 for a year): each insert a
//! descent to another leaf, each leaf split half empty. Held and sorted,
//! one flush's rows of a day are consecutive ids after the day's last one,
//! written one after the other (SQLite's cursor stays on the leaf it
//! wrote, and a leaf filled at its right end is split full).
//!
//! The rows are written before the commit that holds them (see
//! `RowWriter::commit`), so what a transaction stores is what writing them
//! one by one stored; only the order of the inserts inside it changes.

use super::hash::FxHashSet;
use super::Error;
use crate::model::{DateSource, EventKind, Modality, Precision, Role};
use std::sync::OnceLock;

/// Held events past which a writer flushes them (before its next batch):
/// enough that each day of a year gets a run of rows (some 22), few
/// enough that the reading thread, at most two batches ahead, waits
/// little while they are written (65,536 made the two threads take
/// turns: 14.4 s of wall against 11.3 s for the 722,780-row file).
pub(super) const FLUSH_ROWS: usize = 8_192;

/// Held events per multi-row insert (15 values each).
const EVENT_ROWS: usize = 32;

/// Held participants or mentions per multi-row insert.
const LINK_ROWS: usize = 128;

static MULTI_EVENTS: OnceLock<String> = OnceLock::new();
static MULTI_PARTICIPANTS: OnceLock<String> = OnceLock::new();
static MULTI_MENTIONS: OnceLock<String> = OnceLock::new();

/// `head VALUES row, row, ...`: `rows` copies of `row` (its parameters
/// `?`, numbered in order), made once.
fn multi_row_sql(
    cell: &'static OnceLock<String>,
    head: &str,
    row: &str,
    rows: usize,
) -> &'static str {
    cell.get_or_init(|| format!("{head} VALUES {}", vec![row; rows].join(",")))
}

/// The head of the insert of a dataset event (its values follow), as a
/// literal for `concat!`.
macro_rules! insert_event_head {
    () => {
        "INSERT INTO events (key, kind, cameo, start_day, end_day, precision, value,
         date_source, place_id, modality, confidence, external_id, source_code,
         target_code, id)"
    };
}

/// The head of the insert of a dataset event (its values follow).
const INSERT_EVENT_HEAD: &str = insert_event_head!();

/// The insert of a dataset event (the conflict clause added when the
/// content keys' unique index is there).
pub(super) const INSERT_EVENT: &str = concat!(
    insert_event_head!(),
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
);

/// The head of the insert of a participant (its values follow).
const INSERT_PARTICIPANT_HEAD: &str =
    "INSERT OR IGNORE INTO participants (event_id, actor_id, role)";

/// The head of the insert of a dataset row's mention (its values follow).
const INSERT_MENTION_HEAD: &str =
    "INSERT OR IGNORE INTO mentions (event_id, document_id, start, end, text)";

/// A piece of [`HeldRows::text`]: its start and end, or no value.
#[derive(Debug, Clone, Copy)]
struct Text(u32, u32);

/// An absent text value.
const NO_TEXT: Text = Text(u32::MAX, 0);

/// One held event row: the values of `events`, the texts in
/// [`HeldRows::text`].
#[derive(Debug)]
struct HeldEvent {
    id: i64,
    key: i64,
    place: Option<i64>,
    confidence: f32,
    start: i32,
    end: i32,
    kind: EventKind,
    precision: Precision,
    date_source: DateSource,
    modality: Modality,
    cameo: Text,
    value: Text,
    external_id: Text,
    source_code: Text,
    target_code: Text,
}

/// The values of a new event row for [`HeldRows::push`] (texts borrowed).
pub(super) struct NewEventRow<'a> {
    /// The row id (the day's base plus its rank).
    pub id: i64,
    /// The stored content key.
    pub key: i64,
    /// The event's kind.
    pub kind: EventKind,
    /// Its CAMEO code.
    pub cameo: Option<&'a str>,
    /// Its first and last day numbers.
    pub span: (i32, i32),
    /// The date's precision.
    pub precision: Precision,
    /// The date's TIMEX3 value.
    pub value: &'a str,
    /// Where the date came from.
    pub date_source: DateSource,
    /// The place row.
    pub place: Option<i64>,
    /// The modality.
    pub modality: Modality,
    /// The confidence.
    pub confidence: f32,
    /// The dataset's id of the row.
    pub external_id: &'a str,
    /// The source's CAMEO actor code.
    pub source_code: Option<&'a str>,
    /// The target's CAMEO actor code.
    pub target_code: Option<&'a str>,
}

/// New event rows with their participants and mentions, held until
/// [`HeldRows::flush`].
#[derive(Debug, Default)]
pub(super) struct HeldRows {
    events: Vec<HeldEvent>,
    /// The held events' texts, one after the other.
    text: String,
    /// (event row, actor row, role).
    participants: Vec<(i64, i64, Role)>,
    /// (event row, document row).
    mentions: Vec<(i64, i64)>,
    /// The id hashes of the held rows: a row whose id the writer's filters
    /// may have seen is looked up in the store, where a held row is not
    /// yet (the writer flushes first when the hash is here).
    id_hashes: FxHashSet<u64>,
}

impl HeldRows {
    /// Held events.
    pub(super) fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether a held row may have this id hash.
    pub(super) fn may_hold(&self, id_hash: u64) -> bool {
        self.id_hashes.contains(&id_hash)
    }

    fn text(&mut self, value: Option<&str>) -> Text {
        match value {
            Some(value) => {
                let start = self.text.len() as u32;
                self.text.push_str(value);
                Text(start, self.text.len() as u32)
            }
            None => NO_TEXT,
        }
    }

    fn get(&self, text: Text) -> Option<&str> {
        (text.0 != NO_TEXT.0).then(|| &self.text[text.0 as usize..text.1 as usize])
    }

    /// Holds a new event row, its participants (distinct actor rows) and
    /// its mention by `document`.
    pub(super) fn push(
        &mut self,
        row: &NewEventRow<'_>,
        id_hash: u64,
        participants: &[(i64, Role)],
        document: i64,
    ) {
        let event = HeldEvent {
            id: row.id,
            key: row.key,
            place: row.place,
            confidence: row.confidence,
            start: row.span.0,
            end: row.span.1,
            kind: row.kind,
            precision: row.precision,
            date_source: row.date_source,
            modality: row.modality,
            cameo: self.text(row.cameo),
            value: self.text(Some(row.value)),
            external_id: self.text(Some(row.external_id)),
            source_code: self.text(row.source_code),
            target_code: self.text(row.target_code),
        };
        self.events.push(event);
        self.participants.extend(
            participants
                .iter()
                .map(|&(actor, role)| (row.id, actor, role)),
        );
        self.mentions.push((row.id, document));
        self.id_hashes.insert(id_hash);
    }

    /// Inserts the held rows, each table in row order, with the statements
    /// given for a single row (`event` is the plain insert of
    /// [`INSERT_EVENT`]) and multi-row inserts of the same values
    /// prepared on `conn` (a statement's run, its cursor opened once, for
    /// [`EVENT_ROWS`] or [`LINK_ROWS`] rows), and empties the holder.
    pub(super) fn flush(
        &mut self,
        conn: &rusqlite::Connection,
        event: &mut rusqlite::CachedStatement<'_>,
        participant: &mut rusqlite::CachedStatement<'_>,
        mention: &mut rusqlite::CachedStatement<'_>,
    ) -> Result<(), Error> {
        self.events.sort_unstable_by_key(|e| e.id);
        let mut many = conn.prepare_cached(multi_row_sql(
            &MULTI_EVENTS,
            INSERT_EVENT_HEAD,
            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            EVENT_ROWS,
        ))?;
        insert_rows(
            &mut many,
            event,
            &self.events,
            EVENT_ROWS,
            15,
            |stmt, at, e| self.bind_event(stmt, at, e),
        )?;
        self.participants.sort_unstable();
        let mut many = conn.prepare_cached(multi_row_sql(
            &MULTI_PARTICIPANTS,
            INSERT_PARTICIPANT_HEAD,
            "(?,?,?)",
            LINK_ROWS,
        ))?;
        insert_rows(
            &mut many,
            participant,
            &self.participants,
            LINK_ROWS,
            3,
            |stmt, at, (event_row, actor_row, role)| {
                stmt.raw_bind_parameter(at + 1, event_row)?;
                stmt.raw_bind_parameter(at + 2, actor_row)?;
                stmt.raw_bind_parameter(at + 3, role.as_str())?;
                Ok(())
            },
        )?;
        self.mentions.sort_unstable();
        let mut many = conn.prepare_cached(multi_row_sql(
            &MULTI_MENTIONS,
            INSERT_MENTION_HEAD,
            "(?,?,0,0,'')",
            LINK_ROWS,
        ))?;
        insert_rows(
            &mut many,
            mention,
            &self.mentions,
            LINK_ROWS,
            2,
            |stmt, at, (event_row, document_row)| {
                stmt.raw_bind_parameter(at + 1, event_row)?;
                stmt.raw_bind_parameter(at + 2, document_row)?;
                Ok(())
            },
        )?;
        self.clear();
        Ok(())
    }

    /// Binds one held event's values to the parameters after `offset`, in
    /// the order of [`INSERT_EVENT`].
    fn bind_event(
        &self,
        stmt: &mut rusqlite::Statement<'_>,
        offset: usize,
        e: &HeldEvent,
    ) -> Result<(), Error> {
        stmt.raw_bind_parameter(offset + 1, e.key)?;
        stmt.raw_bind_parameter(offset + 2, e.kind.as_str())?;
        stmt.raw_bind_parameter(offset + 3, self.get(e.cameo))?;
        stmt.raw_bind_parameter(offset + 4, e.start)?;
        stmt.raw_bind_parameter(offset + 5, e.end)?;
        stmt.raw_bind_parameter(offset + 6, e.precision.as_str())?;
        stmt.raw_bind_parameter(offset + 7, self.get(e.value))?;
        stmt.raw_bind_parameter(offset + 8, e.date_source.as_str())?;
        stmt.raw_bind_parameter(offset + 9, e.place)?;
        stmt.raw_bind_parameter(offset + 10, e.modality.as_str())?;
        stmt.raw_bind_parameter(offset + 11, f64::from(e.confidence))?;
        stmt.raw_bind_parameter(offset + 12, self.get(e.external_id))?;
        stmt.raw_bind_parameter(offset + 13, self.get(e.source_code))?;
        stmt.raw_bind_parameter(offset + 14, self.get(e.target_code))?;
        stmt.raw_bind_parameter(offset + 15, e.id)?;
        Ok(())
    }

    /// Forgets the held rows (after a flush, or a rollback).
    pub(super) fn clear(&mut self) {
        self.events.clear();
        self.text.clear();
        self.participants.clear();
        self.mentions.clear();
        self.id_hashes.clear();
    }
}

/// Inserts `rows` in their order: `per` rows at a time through `many` (a
/// multi-row insert of `per` rows of `width` parameters each), the rest
/// one at a time through `one`; `bind` binds a row's values to the
/// parameters after an offset.
fn insert_rows<T>(
    many: &mut rusqlite::Statement<'_>,
    one: &mut rusqlite::Statement<'_>,
    rows: &[T],
    per: usize,
    width: usize,
    mut bind: impl FnMut(&mut rusqlite::Statement<'_>, usize, &T) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut chunks = rows.chunks_exact(per);
    for chunk in chunks.by_ref() {
        for (i, row) in chunk.iter().enumerate() {
            bind(many, i * width, row)?;
        }
        many.raw_execute()?;
    }
    for row in chunks.remainder() {
        bind(one, 0, row)?;
        one.raw_execute()?;
    }
    Ok(())
}
