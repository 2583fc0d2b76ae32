//! `eventgraph export --format parquet` and `export::write_parquet`: the
//! datasets are read back with the parquet crate's own reader and hold the
//! rows of the JSON export (events, participants, actors), in hive
//! partitions named by each event's year and month; a store of dataset rows
//! (written a month at a time) and a store of articles (written at once)
//! both; the same store gives the same bytes; an empty store gives empty
//! datasets; names with quotes, newlines and non-ASCII text come back as
//! they went in; row groups hold `ROW_GROUP_ROWS` rows.

mod common;

use chrono::{Datelike, NaiveDate};
use common::eventgraph_on as eventgraph;
use eventgraph::export::{write_parquet, ROW_GROUP_ROWS};
use eventgraph::{
    Actor, ActorKind, Event, EventKind, Mention, Participant, Role, Subgraph, Title, When,
};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use std::path::{Path, PathBuf};

/// One value read back, or expected.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Null,
    Text(String),
    Date(NaiveDate),
    Float(f32),
    List(Vec<String>),
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn opt(s: Option<&str>) -> Cell {
    s.map_or(Cell::Null, text)
}

fn cell(field: &Field) -> Cell {
    match field {
        Field::Null => Cell::Null,
        Field::Str(s) => Cell::Text(s.clone()),
        Field::Date(d) => {
            Cell::Date(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Days::new(*d as u64))
        }
        Field::Float(x) => Cell::Float(*x),
        Field::ListInternal(list) => Cell::List(
            list.elements()
                .iter()
                .map(|f| match f {
                    Field::Str(s) => s.clone(),
                    other => panic!("a list of strings holds {other:?}"),
                })
                .collect(),
        ),
        other => panic!("unexpected parquet value {other:?}"),
    }
}

/// Every `.parquet` file under `dir/table`, sorted by the numbers of its
/// hive partition (`year=2016/month=3` before `year=2016/month=11`).
fn files(dir: &Path, table: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&dir.join(table), &mut out);
    out.sort_by_key(|p| {
        let numbers: Vec<i64> = p
            .components()
            .filter_map(|c| {
                let c = c.as_os_str().to_str()?;
                let (_, n) = c.split_once('=')?;
                n.parse().ok()
            })
            .collect();
        (numbers, p.clone())
    });
    out
}

/// The rows of one table: each with the partition (`year=..`, `month=..`
/// from its path, empty for an unpartitioned file), its column names and
/// values.
fn read_table(dir: &Path, table: &str) -> Vec<(String, Vec<String>, Vec<Cell>)> {
    let mut rows = Vec::new();
    for path in files(dir, table) {
        assert_eq!(path.extension().unwrap(), "parquet", "{path:?}");
        let partition = path
            .parent()
            .unwrap()
            .strip_prefix(dir.join(table))
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        for row in reader.get_row_iter(None).unwrap() {
            let row = row.unwrap();
            let (names, cells) = row
                .get_column_iter()
                .map(|(name, field)| (name.clone(), cell(field)))
                .unzip();
            rows.push((partition.clone(), names, cells));
        }
    }
    rows
}

fn partition_of(date: NaiveDate) -> String {
    format!("year={}/month={}", date.year(), date.month())
}

/// The event rows the export should hold for a subgraph, in order.
fn expected_events(sub: &Subgraph) -> Vec<(String, Vec<Cell>)> {
    sub.events
        .iter()
        .map(|e| {
            let mut documents: Vec<String> =
                e.mentions.iter().map(|m| m.document.clone()).collect();
            documents.sort();
            documents.dedup();
            (
                partition_of(e.when.start),
                vec![
                    text(&e.id),
                    Cell::Date(e.when.start),
                    Cell::Date(e.when.end),
                    text(&e.when.value),
                    text(e.when.precision.as_str()),
                    text(e.when.source.as_str()),
                    text(e.kind.as_str()),
                    opt(e.cameo.as_deref()),
                    opt(e.source_code.as_deref()),
                    opt(e.target_code.as_deref()),
                    text(e.modality.as_str()),
                    opt(e.place.as_deref()),
                    Cell::Float(e.confidence),
                    Cell::List(documents),
                ],
            )
        })
        .collect()
}

fn expected_participants(sub: &Subgraph) -> Vec<(String, Vec<Cell>)> {
    sub.events
        .iter()
        .flat_map(|e| {
            e.participants.iter().map(move |p| {
                (
                    partition_of(e.when.start),
                    vec![
                        text(&e.id),
                        text(&p.actor),
                        text(p.role.as_str()),
                        Cell::Date(e.when.start),
                        text(e.kind.as_str()),
                        text(e.modality.as_str()),
                    ],
                )
            })
        })
        .collect()
}

fn expected_actors(sub: &Subgraph) -> Vec<Vec<Cell>> {
    let mut actors: Vec<&Actor> = sub.actors.iter().collect();
    actors.sort_by(|a, b| (&a.name, a.kind).cmp(&(&b.name, b.kind)));
    actors
        .into_iter()
        .map(|a| {
            vec![
                text(&a.name),
                text(a.kind.as_str()),
                Cell::List(a.aliases.clone()),
                Cell::List(a.held_titles().map(|t| t.title.clone()).collect()),
                opt(a.affiliation.as_deref()),
                opt(a.country.as_deref()),
            ]
        })
        .collect()
}

/// Checks that the dataset in `dir` holds exactly the rows of `sub`, with
/// the documented column names.
fn assert_dataset_holds(dir: &Path, sub: &Subgraph) {
    let events = read_table(dir, "events");
    let want = expected_events(sub);
    assert_eq!(events.len(), want.len(), "event rows");
    for ((partition, names, cells), (want_partition, want_cells)) in events.iter().zip(&want) {
        assert_eq!(
            names,
            &[
                "id",
                "start_date",
                "end_date",
                "date_value",
                "precision",
                "date_source",
                "kind",
                "cameo",
                "source_code",
                "target_code",
                "modality",
                "place",
                "confidence",
                "documents"
            ]
        );
        assert_eq!(partition, want_partition);
        assert_eq!(cells, want_cells);
    }
    let participants = read_table(dir, "participants");
    let want = expected_participants(sub);
    assert_eq!(participants.len(), want.len(), "participant rows");
    for ((partition, names, cells), (want_partition, want_cells)) in participants.iter().zip(&want)
    {
        assert_eq!(
            names,
            &["event", "actor", "role", "start_date", "kind", "modality"]
        );
        assert_eq!(partition, want_partition);
        assert_eq!(cells, want_cells);
    }
    let actors = read_table(dir, "actors");
    let want = expected_actors(sub);
    assert_eq!(actors.len(), want.len(), "actor rows");
    for ((partition, names, cells), want_cells) in actors.iter().zip(&want) {
        assert_eq!(
            names,
            &[
                "name",
                "kind",
                "aliases",
                "titles",
                "affiliation",
                "country"
            ]
        );
        assert_eq!(partition, "", "actors are not partitioned");
        assert_eq!(cells, want_cells);
    }
}

/// The JSON export of the store, with these filters, as a subgraph.
fn json_export(db: &Path, args: &[&str]) -> Subgraph {
    let out = eventgraph(db)
        .args(["export", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn parquet_export(db: &Path, dir: &Path, args: &[&str]) -> String {
    let out = eventgraph(db)
        .args(["export", "--format", "parquet", "-o"])
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    assert!(out.stdout.is_empty());
    stderr
}

/// Every file of a directory with its bytes, by relative path.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = ["events", "participants", "actors"]
        .iter()
        .flat_map(|t| files(dir, t))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p.strip_prefix(dir).unwrap().to_path_buf(), bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_store_of_dataset_rows_exports_the_rows_of_the_json_export_month_by_month() {
    let dir = common::tempdir();
    let db = dir.path().join("gdelt.db");
    for file in ["gdelt1_20160728_58col.tsv", "gdelt1_1982_57col.tsv"] {
        eventgraph(&db)
            .args(["ingest", "--format", "dataset"])
            .arg(common::fixture(&format!("datasets/{file}")))
            .assert()
            .success();
    }
    let sub = json_export(&db, &[]);
    let months: std::collections::BTreeSet<String> = sub
        .events
        .iter()
        .map(|e| partition_of(e.when.start))
        .collect();
    assert!(months.len() >= 3, "rows over several months: {months:?}");
    let out = dir.path().join("pq");
    let stderr = parquet_export(&db, &out, &[]);
    assert!(
        stderr.contains(&format!("{} events", sub.events.len())),
        "{stderr}"
    );
    assert_dataset_holds(&out, &sub);
    // one events and one participants file per month
    let event_files = files(&out, "events");
    assert_eq!(event_files.len(), months.len());
    // the same store gives the same bytes
    let again = dir.path().join("pq2");
    parquet_export(&db, &again, &[]);
    assert_eq!(tree(&out), tree(&again));
    // filters select what the JSON export selects (written at once)
    let filtered = json_export(&db, &["--from", "2016-07-01", "--to", "2016-07-31"]);
    assert!(!filtered.events.is_empty() && filtered.events.len() < sub.events.len());
    let part = dir.path().join("july");
    parquet_export(&db, &part, &["--from", "2016-07-01", "--to", "2016-07-31"]);
    assert_dataset_holds(&part, &filtered);
}

#[test]
fn a_store_of_articles_exports_the_rows_of_the_json_export() {
    let dir = common::tempdir();
    let db = dir.path().join("seed.db");
    eventgraph(&db)
        .args(["ingest", common::SEED_JSON])
        .assert()
        .success();
    let sub = json_export(&db, &[]);
    assert!(sub.events.iter().any(|e| !e.mentions.is_empty()));
    assert!(sub.actors.iter().any(|a| !a.aliases.is_empty()));
    let out = dir.path().join("pq");
    parquet_export(&db, &out, &[]);
    assert_dataset_holds(&out, &sub);
    let again = dir.path().join("pq2");
    parquet_export(&db, &again, &[]);
    assert_eq!(tree(&out), tree(&again));
    // an actor's events
    let kerry = json_export(&db, &["--actor", "Kerry"]);
    assert!(!kerry.events.is_empty() && kerry.events.len() < sub.events.len());
    let part = dir.path().join("kerry");
    parquet_export(&db, &part, &["--actor", "Kerry"]);
    assert_dataset_holds(&part, &kerry);
}

#[test]
fn an_empty_store_gives_empty_datasets_and_a_used_directory_is_refused() {
    let dir = common::tempdir();
    let db = dir.path().join("empty.db");
    drop(eventgraph::Store::open(&db).unwrap());
    let out = dir.path().join("pq");
    let result = eventgraph(&db)
        .args(["export", "--format", "parquet", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(1), "nothing found");
    assert!(files(&out, "events").is_empty());
    assert!(files(&out, "participants").is_empty());
    assert_eq!(files(&out, "actors").len(), 1);
    assert!(read_table(&out, "actors").is_empty());
    // the directory now holds a dataset: a second export is refused
    let result = eventgraph(&db)
        .args(["export", "--format", "parquet", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("not empty"), "{stderr}");
    // no -o
    let result = eventgraph(&db)
        .args(["export", "--format", "parquet"])
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&result.stderr).contains("-o DIR"));
    // the library on an empty subgraph
    let lib = dir.path().join("lib");
    let summary = write_parquet(&Subgraph::default(), &lib).unwrap();
    assert_eq!((summary.events, summary.actors), (0, 0));
    assert_dataset_holds(&lib, &Subgraph::default());
}

fn event(id: &str, day: NaiveDate, actors: &[&str], place: Option<&str>, doc: &str) -> Event {
    Event {
        id: id.to_string(),
        kind: EventKind::Meet,
        cameo: Some("040".to_string()),
        source_code: None,
        target_code: None,
        when: When::day(day),
        participants: actors
            .iter()
            .map(|a| Participant {
                actor: a.to_string(),
                role: Role::Participant,
            })
            .collect(),
        place: place.map(str::to_string),
        modality: Default::default(),
        mentions: vec![Mention {
            document: doc.to_string(),
            text: String::new(),
            start: 0,
            end: 0,
        }],
        confidence: 0.75,
    }
}

#[test]
fn hostile_names_come_back_as_they_went_in() {
    let names = [
        "Anna \"the Quote\" O'Neil",
        "Line one\nline two\r\n\tend",
        "Zoë Ångström 李明 🕊️",
        "'; DROP TABLE actors; --",
        "back\\slash, comma; semi",
    ];
    let day = NaiveDate::from_ymd_opt(2016, 3, 9).unwrap();
    let mut sub = Subgraph::default();
    for (i, name) in names.iter().enumerate() {
        let mut actor = Actor::new(*name, ActorKind::Person);
        actor.aliases = vec![format!("{name} (alias)"), "\"".to_string()];
        actor.titles = vec![Title::new(format!("Minister \"{i}\"\n"), None)];
        actor.affiliation = Some(names[(i + 1) % names.len()].to_string());
        sub.actors.push(actor);
    }
    sub.events.push(event(
        "e\"1\"\n",
        day,
        &names[..3],
        Some("Saint-Étienne \"old town\"\n"),
        "doc \"a\"\n,b",
    ));
    sub.events.push(event(
        "e2 ✓",
        day.succ_opt().unwrap(),
        &names[3..],
        None,
        "https://example.org/?q=\"x\"&y=1",
    ));
    let dir = common::tempdir();
    let out = dir.path().join("pq");
    write_parquet(&sub, &out).unwrap();
    assert_dataset_holds(&out, &sub);
    let actors = read_table(&out, "actors");
    assert!(actors
        .iter()
        .any(|(_, _, c)| c[0] == text("Line one\nline two\r\n\tend")));
}

#[test]
fn events_are_written_in_row_groups_of_row_group_rows_and_in_month_order() {
    let start = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    let n = ROW_GROUP_ROWS + 1000;
    let mut sub = Subgraph::default();
    sub.actors.push(Actor::new("Alpha", ActorKind::Country));
    // every event on one day: one partition, two row groups
    for i in 0..n {
        let mut e = event(&format!("e{i:07}"), start, &["Alpha"], None, "d");
        e.mentions.clear();
        sub.events.push(e);
    }
    sub.events.push(event(
        "f",
        start + chrono::Days::new(40),
        &["Alpha"],
        None,
        "d",
    ));
    let dir = common::tempdir();
    let out = dir.path().join("pq");
    let summary = write_parquet(&sub, &out).unwrap();
    assert_eq!(summary.events, n + 1);
    assert_eq!(summary.participants, n + 1);
    let files = files(&out, "events");
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[0].ends_with("year=2016/month=1/part-0.parquet"));
    assert!(files[1].ends_with("year=2016/month=2/part-0.parquet"));
    let reader = SerializedFileReader::new(std::fs::File::open(&files[0]).unwrap()).unwrap();
    let groups: Vec<i64> = reader
        .metadata()
        .row_groups()
        .iter()
        .map(|g| g.num_rows())
        .collect();
    assert_eq!(groups, vec![ROW_GROUP_ROWS as i64, 1000]);
    // a month before one already written is refused
    let mut dataset =
        eventgraph::export::ParquetDataset::create(&dir.path().join("order")).unwrap();
    let late = Subgraph {
        events: vec![event("late", start + chrono::Days::new(40), &[], None, "d")],
        ..Subgraph::default()
    };
    let early = Subgraph {
        events: vec![event("early", start, &[], None, "d")],
        ..Subgraph::default()
    };
    dataset.add(&late).unwrap();
    let err = dataset.add(&early).unwrap_err().to_string();
    assert!(err.contains("2016-01 came after 2016-02"), "{err}");
    // nor the same month again once its partition is closed (its file
    // would be replaced)
    dataset.close_partition().unwrap();
    let err = dataset.add(&late).unwrap_err().to_string();
    assert!(err.contains("2016-02 came after 2016-02"), "{err}");
}
