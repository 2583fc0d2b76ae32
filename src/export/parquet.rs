//! Parquet datasets: the events, participants and actors of one or more
//! subgraphs written as three Apache Parquet datasets under one directory,
//! the events and participants partitioned hive-style by the year and month
//! of the event's first day (`events/year=2016/month=3/part-0.parquet`),
//! the actors in one unpartitioned file (`actors/part-0.parquet`). DuckDB,
//! Spark, Polars and pyarrow read each as a dataset. The columns are
//! documented in docs/exports.md.
//!
//! [`ParquetDataset`] is written a subgraph at a time, in the order of the
//! events' first days (a month's partition is closed when the next month
//! starts), so that a store can be exported a month at a time without
//! holding it all; the rows of a partition are buffered only up to one row
//! group ([`ROW_GROUP_ROWS`]). The same subgraphs give the same bytes: no
//! clock value, no hash-map order, and the writer's version string is fixed
//! by the crate version.

use crate::model::{day_number, Actor, ActorKind, Event, Subgraph};
use bytes::Bytes;
use chrono::Datelike;
use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, FloatType, Int32Type};
use parquet::errors::ParquetError;
use parquet::file::properties::{WriterProperties, WriterVersion};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use parquet::schema::types::Type;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rows per row group: 122,880, DuckDB's own default (60 of its 2,048-row
/// vectors). A row group is the unit that DuckDB, Polars and Spark read in
/// parallel and skip by its statistics; at about 40 bytes an event row
/// compressed, a full group is a few megabytes, large enough that the
/// column chunks are read in long sequential runs and small enough that a
/// month of a GDELT year (80,000-150,000 events) spreads over one or two
/// groups and the writer holds at most one group per table in memory.
pub const ROW_GROUP_ROWS: usize = 122_880;

/// The schema of the events dataset (Parquet message type).
pub const EVENTS_SCHEMA: &str = "message event {
  required binary id (STRING);
  required int32 start_date (DATE);
  required int32 end_date (DATE);
  required binary date_value (STRING);
  required binary precision (STRING);
  required binary date_source (STRING);
  required binary kind (STRING);
  optional binary cameo (STRING);
  optional binary source_code (STRING);
  optional binary target_code (STRING);
  required binary modality (STRING);
  optional binary place (STRING);
  required float confidence;
  required group documents (LIST) {
    repeated group list {
      required binary element (STRING);
    }
  }
}";

/// The schema of the participants dataset (Parquet message type).
pub const PARTICIPANTS_SCHEMA: &str = "message participant {
  required binary event (STRING);
  required binary actor (STRING);
  required binary role (STRING);
  required int32 start_date (DATE);
  required binary kind (STRING);
  required binary modality (STRING);
}";

/// The schema of the actors dataset (Parquet message type).
pub const ACTORS_SCHEMA: &str = "message actor {
  required binary name (STRING);
  required binary kind (STRING);
  required group aliases (LIST) {
    repeated group list {
      required binary element (STRING);
    }
  }
  required group titles (LIST) {
    repeated group list {
      required binary element (STRING);
    }
  }
  optional binary affiliation (STRING);
  optional binary country (STRING);
}";

/// Why a Parquet dataset could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ParquetExportError {
    /// The output directory exists and holds files: the dataset would mix
    /// with them.
    #[error("{path:?} exists and is not empty: give a new or empty directory")]
    NotEmpty {
        /// The directory.
        path: String,
    },
    /// Creating a directory or file failed.
    #[error("cannot write {path:?}: {source}")]
    Io {
        /// The file or directory.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// The Parquet writer failed.
    #[error("cannot write {path:?}: {source}")]
    Parquet {
        /// The file.
        path: String,
        /// The error.
        source: ParquetError,
    },
    /// Events came after a later month was already closed.
    #[error("events must be written in the order of their first days: {got} came after {after}")]
    OutOfOrder {
        /// The month of the event (`2016-03`).
        got: String,
        /// The month already written.
        after: String,
    },
}

/// What a Parquet export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParquetSummary {
    /// Event rows.
    pub events: usize,
    /// Participant rows.
    pub participants: usize,
    /// Actor rows.
    pub actors: usize,
    /// The files written, relative to the dataset directory, in order.
    pub files: Vec<PathBuf>,
}

/// Strings of a column for the row group being filled, in one buffer (one
/// allocation for the group instead of one a value).
#[derive(Default)]
struct Texts {
    bytes: Vec<u8>,
    /// The end of each string in `bytes`.
    ends: Vec<usize>,
}

impl Texts {
    fn push(&mut self, s: &str) {
        self.bytes.extend_from_slice(s.as_bytes());
        self.ends.push(self.bytes.len());
    }

    fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
    }

    /// The strings as the writer takes them: slices of one shared buffer.
    fn values(&self) -> Vec<ByteArray> {
        let all = Bytes::copy_from_slice(&self.bytes);
        let mut start = 0;
        self.ends
            .iter()
            .map(|&end| {
                let value = ByteArray::from(all.slice(start..end));
                start = end;
                value
            })
            .collect()
    }
}

/// One column's values for the row group being filled.
enum Column {
    /// A `required binary (STRING)`.
    Text(Texts),
    /// An `optional binary (STRING)`: the values and one definition level a row.
    OptText(Texts, Vec<i16>),
    /// A `required int32 (DATE)`.
    Date(Vec<i32>),
    /// A `required float`.
    Float(Vec<f32>),
    /// A `required group (LIST)` of required strings: values, definition
    /// and repetition levels.
    List(Texts, Vec<i16>, Vec<i16>),
}

impl Column {
    fn clear(&mut self) {
        match self {
            Column::Text(v) => v.clear(),
            Column::OptText(v, d) => {
                v.clear();
                d.clear();
            }
            Column::Date(v) => v.clear(),
            Column::Float(v) => v.clear(),
            Column::List(v, d, r) => {
                v.clear();
                d.clear();
                r.clear();
            }
        }
    }

    fn text(&mut self, s: &str) {
        if let Column::Text(v) = self {
            v.push(s);
        }
    }

    fn opt_text(&mut self, s: Option<&str>) {
        if let Column::OptText(v, d) = self {
            match s {
                Some(s) => {
                    v.push(s);
                    d.push(1);
                }
                None => d.push(0),
            }
        }
    }

    fn date(&mut self, day: i32) {
        if let Column::Date(v) = self {
            v.push(day);
        }
    }

    fn float(&mut self, x: f32) {
        if let Column::Float(v) = self {
            v.push(x);
        }
    }

    fn list<'a>(&mut self, items: impl IntoIterator<Item = &'a str>) {
        if let Column::List(v, d, r) = self {
            let mut first = true;
            for item in items {
                v.push(item);
                d.push(1);
                r.push(if first { 0 } else { 1 });
                first = false;
            }
            if first {
                // an empty list: one level, no value
                d.push(0);
                r.push(0);
            }
        }
    }
}

/// The columns of a schema, in leaf order, from its message type.
fn columns_of(schema: &Type) -> Vec<Column> {
    schema
        .get_fields()
        .iter()
        .map(|field| {
            if field.is_group() {
                return Column::List(Texts::default(), Vec::new(), Vec::new());
            }
            let optional = field.is_optional();
            match field.get_physical_type() {
                parquet::basic::Type::INT32 => Column::Date(Vec::new()),
                parquet::basic::Type::FLOAT => Column::Float(Vec::new()),
                _ if optional => Column::OptText(Texts::default(), Vec::new()),
                _ => Column::Text(Texts::default()),
            }
        })
        .collect()
}

/// One Parquet file being written, a row group at a time.
struct TableFile {
    /// The path relative to the dataset directory (for messages).
    name: String,
    writer: SerializedFileWriter<BufWriter<File>>,
    columns: Vec<Column>,
    rows: usize,
}

impl TableFile {
    fn create(dir: &Path, relative: &Path, schema: &str) -> Result<TableFile, ParquetExportError> {
        let path = dir.join(relative);
        let name = relative.display().to_string();
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| ParquetExportError::Io {
                path: parent.display().to_string(),
                source,
            })?;
        }
        let file = File::create(&path).map_err(|source| ParquetExportError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let schema =
            Arc::new(
                parse_message_type(schema).map_err(|source| ParquetExportError::Parquet {
                    path: name.clone(),
                    source,
                })?,
            );
        let columns = columns_of(&schema);
        let properties = WriterProperties::builder()
            .set_writer_version(WriterVersion::PARQUET_1_0)
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .build();
        let writer = SerializedFileWriter::new(BufWriter::new(file), schema, Arc::new(properties))
            .map_err(|source| ParquetExportError::Parquet {
                path: name.clone(),
                source,
            })?;
        Ok(TableFile {
            name,
            writer,
            columns,
            rows: 0,
        })
    }

    fn parquet_error(&self, source: ParquetError) -> ParquetExportError {
        ParquetExportError::Parquet {
            path: self.name.clone(),
            source,
        }
    }

    /// Counts a row whose columns were filled, writing the row group when full.
    fn row_done(&mut self) -> Result<(), ParquetExportError> {
        self.rows += 1;
        if self.rows >= ROW_GROUP_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the buffered rows as one row group.
    fn flush(&mut self) -> Result<(), ParquetExportError> {
        if self.rows == 0 {
            return Ok(());
        }
        let result = (|| -> Result<(), ParquetError> {
            let mut group = self.writer.next_row_group()?;
            for column in &self.columns {
                let Some(mut writer) = group.next_column()? else {
                    return Err(ParquetError::General(
                        "the schema has fewer columns than the rows".to_string(),
                    ));
                };
                match column {
                    Column::Text(v) => {
                        writer
                            .typed::<ByteArrayType>()
                            .write_batch(&v.values(), None, None)?;
                    }
                    Column::OptText(v, d) => {
                        writer
                            .typed::<ByteArrayType>()
                            .write_batch(&v.values(), Some(d), None)?;
                    }
                    Column::Date(v) => {
                        writer.typed::<Int32Type>().write_batch(v, None, None)?;
                    }
                    Column::Float(v) => {
                        writer.typed::<FloatType>().write_batch(v, None, None)?;
                    }
                    Column::List(v, d, r) => {
                        writer.typed::<ByteArrayType>().write_batch(
                            &v.values(),
                            Some(d),
                            Some(r),
                        )?;
                    }
                }
                writer.close()?;
            }
            group.close()?;
            Ok(())
        })();
        result.map_err(|e| self.parquet_error(e))?;
        for column in &mut self.columns {
            column.clear();
        }
        self.rows = 0;
        Ok(())
    }

    /// Writes what is buffered and the file's footer.
    fn close(mut self) -> Result<(), ParquetExportError> {
        self.flush()?;
        let name = self.name.clone();
        let writer = self.writer;
        let mut inner = writer
            .into_inner()
            .map_err(|source| ParquetExportError::Parquet {
                path: name.clone(),
                source,
            })?;
        std::io::Write::flush(&mut inner)
            .map_err(|source| ParquetExportError::Io { path: name, source })
    }
}

/// The open partition of a month: its events and participants files.
struct Partition {
    month: (i32, u32),
    events: TableFile,
    participants: TableFile,
}

/// A Parquet dataset directory being written (see the module's doc).
pub struct ParquetDataset {
    dir: PathBuf,
    open: Option<Partition>,
    /// The month of the last partition closed.
    closed: Option<(i32, u32)>,
    /// The actors named by the events written, by name and kind.
    actors: BTreeMap<(String, ActorKind), Actor>,
    summary: ParquetSummary,
}

/// `2016-03`.
fn month_text((year, month): (i32, u32)) -> String {
    format!("{year:04}-{month:02}")
}

/// `year=2016/month=3`: plain integers, as Spark writes integer partition
/// columns, so that DuckDB, Spark and Polars all type them as integers (a
/// zero-padded `03` stays a string in DuckDB).
fn partition_dir((year, month): (i32, u32)) -> PathBuf {
    PathBuf::from(format!("year={year}")).join(format!("month={month}"))
}

impl ParquetDataset {
    /// Starts a dataset in `dir`, which must not exist or be empty (it is
    /// created).
    pub fn create(dir: &Path) -> Result<ParquetDataset, ParquetExportError> {
        let io = |source| ParquetExportError::Io {
            path: dir.display().to_string(),
            source,
        };
        if dir.exists() {
            if std::fs::read_dir(dir).map_err(io)?.next().is_some() {
                return Err(ParquetExportError::NotEmpty {
                    path: dir.display().to_string(),
                });
            }
        } else {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        for table in ["events", "participants", "actors"] {
            std::fs::create_dir_all(dir.join(table)).map_err(io)?;
        }
        Ok(ParquetDataset {
            dir: dir.to_path_buf(),
            open: None,
            closed: None,
            actors: BTreeMap::new(),
            summary: ParquetSummary::default(),
        })
    }

    /// Adds a subgraph's events (sorted by first day, as a query returns
    /// them), their participants, and the actors they name (an actor of
    /// the subgraph that no event of it names is left out). Subgraphs must come in the
    /// order of their events' first days: an event of a month before the
    /// open partition's is an error.
    pub fn add(&mut self, subgraph: &Subgraph) -> Result<(), ParquetExportError> {
        let named: BTreeSet<&str> = subgraph
            .events
            .iter()
            .flat_map(|e| e.participants.iter().map(|p| p.actor.as_str()))
            .collect();
        for actor in subgraph
            .actors
            .iter()
            .filter(|a| named.contains(a.name.as_str()))
        {
            self.actors
                .entry((actor.name.clone(), actor.kind))
                .or_insert_with(|| actor.clone());
        }
        for event in &subgraph.events {
            let start = event.when.start;
            let month = (start.year(), start.month());
            self.partition(month)?;
            if let Some(open) = self.open.as_mut() {
                write_event(&mut open.events, event)?;
                self.summary.events += 1;
                for p in &event.participants {
                    let c = &mut open.participants.columns;
                    c[0].text(&event.id);
                    c[1].text(&p.actor);
                    c[2].text(p.role.as_str());
                    c[3].date(day_number(start));
                    c[4].text(event.kind.as_str());
                    c[5].text(event.modality.as_str());
                    open.participants.row_done()?;
                    self.summary.participants += 1;
                }
            }
        }
        Ok(())
    }

    /// Makes `month`'s partition the open one.
    fn partition(&mut self, month: (i32, u32)) -> Result<(), ParquetExportError> {
        if let Some(open) = &self.open {
            if open.month == month {
                return Ok(());
            }
        }
        // a month already closed, or before one, would replace its file
        let last = self.open.as_ref().map(|p| p.month).or(self.closed);
        if let Some(last) = last.filter(|&last| last >= month) {
            return Err(ParquetExportError::OutOfOrder {
                got: month_text(month),
                after: month_text(last),
            });
        }
        self.close_partition()?;
        let part = partition_dir(month).join("part-0.parquet");
        let events_file = Path::new("events").join(&part);
        let participants_file = Path::new("participants").join(&part);
        let events = TableFile::create(&self.dir, &events_file, EVENTS_SCHEMA)?;
        let participants = TableFile::create(&self.dir, &participants_file, PARTICIPANTS_SCHEMA)?;
        self.summary.files.push(events_file);
        self.summary.files.push(participants_file);
        self.open = Some(Partition {
            month,
            events,
            participants,
        });
        Ok(())
    }

    /// Closes the open partition, writing its last row group and footers:
    /// the events added after must start in a later month. (Called after
    /// each month of a store, so that its rows are not held while the
    /// next month is read.)
    pub fn close_partition(&mut self) -> Result<(), ParquetExportError> {
        if let Some(open) = self.open.take() {
            self.closed = Some(open.month);
            open.events.close()?;
            open.participants.close()?;
        }
        Ok(())
    }

    /// Closes the last partition and writes the actors; returns what was
    /// written.
    pub fn finish(mut self) -> Result<ParquetSummary, ParquetExportError> {
        self.close_partition()?;
        let file = Path::new("actors").join("part-0.parquet");
        let mut actors = TableFile::create(&self.dir, &file, ACTORS_SCHEMA)?;
        for actor in self.actors.values() {
            let c = &mut actors.columns;
            c[0].text(&actor.name);
            c[1].text(actor.kind.as_str());
            c[2].list(actor.aliases.iter().map(String::as_str));
            let titles: Vec<&str> = actor.held_titles().map(|t| t.title.as_str()).collect();
            c[3].list(titles);
            c[4].opt_text(actor.affiliation.as_deref());
            c[5].opt_text(actor.country.as_deref());
            actors.row_done()?;
        }
        actors.close()?;
        self.summary.actors = self.actors.len();
        self.summary.files.push(file);
        Ok(self.summary)
    }
}

fn write_event(file: &mut TableFile, event: &Event) -> Result<(), ParquetExportError> {
    let c = &mut file.columns;
    c[0].text(&event.id);
    c[1].date(day_number(event.when.start));
    c[2].date(day_number(event.when.end));
    c[3].text(&event.when.value);
    c[4].text(event.when.precision.as_str());
    c[5].text(event.when.source.as_str());
    c[6].text(event.kind.as_str());
    c[7].opt_text(event.cameo.as_deref());
    c[8].opt_text(event.source_code.as_deref());
    c[9].opt_text(event.target_code.as_deref());
    c[10].text(event.modality.as_str());
    c[11].opt_text(event.place.as_deref());
    c[12].float(event.confidence);
    let mut documents: Vec<&str> = event.mentions.iter().map(|m| m.document.as_str()).collect();
    documents.sort_unstable();
    documents.dedup();
    c[13].list(documents);
    file.row_done()
}

/// Writes a whole subgraph as a Parquet dataset in `dir` (see
/// [`ParquetDataset`]).
pub fn write_parquet(
    subgraph: &Subgraph,
    dir: &Path,
) -> Result<ParquetSummary, ParquetExportError> {
    let mut dataset = ParquetDataset::create(dir)?;
    dataset.add(subgraph)?;
    dataset.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schemas_parse_and_their_columns_are_typed() {
        for (schema, n) in [
            (EVENTS_SCHEMA, 14),
            (PARTICIPANTS_SCHEMA, 6),
            (ACTORS_SCHEMA, 6),
        ] {
            let t = parse_message_type(schema).unwrap();
            assert_eq!(columns_of(&t).len(), n);
        }
        let t = parse_message_type(EVENTS_SCHEMA).unwrap();
        let c = columns_of(&t);
        assert!(matches!(c[1], Column::Date(_)));
        assert!(matches!(c[7], Column::OptText(..)));
        assert!(matches!(c[12], Column::Float(_)));
        assert!(matches!(c[13], Column::List(..)));
    }

    #[test]
    fn partitions_are_named_hive_style() {
        assert_eq!(
            partition_dir((2016, 3)),
            PathBuf::from("year=2016").join("month=3")
        );
        assert_eq!(
            partition_dir((2016, 11)),
            PathBuf::from("year=2016").join("month=11")
        );
        assert_eq!(month_text((987, 12)), "0987-12");
    }
}
