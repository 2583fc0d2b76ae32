//! Dataset rows keyed by their own ids: a row is stored once whatever
//! file brings it, no later file or article replaces it, re-ingesting
//! adds nothing, document ids do not depend on how the path is typed; a
//! replaced document takes its unused actors with it.

mod common;

use common::eventgraph_on as eventgraph;
use eventgraph::{
    ingest, load, Diagnostics, IngestError, IngestSettings, IngestSummary, Input, InputFormat,
    NoProgress, Store,
};
use std::path::{Path, PathBuf};

#[derive(Default)]
struct Errors(Vec<String>);

impl Diagnostics for Errors {
    fn warning(&mut self, _: &eventgraph::Diagnostic) {}
    fn error(&mut self, error: &IngestError) {
        self.0.push(error.to_string());
    }
}

fn run(store: &mut Store, path: &Path, format: InputFormat) -> (IngestSummary, Vec<String>) {
    let mut errors = Errors::default();
    let summary = ingest(
        store,
        &[Input {
            path: path.to_path_buf(),
            format,
        }],
        &IngestSettings::default(),
        &mut NoProgress,
        &mut errors,
    );
    (summary, errors.0)
}

fn dataset(store: &mut Store, path: &Path) -> IngestSummary {
    let (summary, errors) = run(store, path, InputFormat::Dataset(None));
    assert!(errors.is_empty(), "{errors:?}");
    summary
}

/// The file's lines split in two: odd and even lines.
fn split(text: &str, dir: &Path) -> (PathBuf, PathBuf) {
    let (mut odd, mut even) = (String::new(), String::new());
    for (i, line) in text.lines().enumerate() {
        let half = if i % 2 == 0 { &mut odd } else { &mut even };
        half.push_str(line);
        half.push('\n');
    }
    let (a, b) = (dir.join("odd.tsv"), dir.join("even.tsv"));
    std::fs::write(&a, odd).unwrap();
    std::fs::write(&b, even).unwrap();
    (a, b)
}

fn export_json(db: &Path) -> Vec<u8> {
    let out = eventgraph(db)
        .args(["export", "--format", "json", "-o", "-"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    out.stdout
}

#[test]
fn the_shared_gdelt_day_split_in_two_runs_stores_the_same_509_events() {
    let Some(shared) = common::shared("data/gdelt/gdelt1_events_20160728_58col.tsv") else {
        return;
    };
    let dir = common::tempdir();
    let (odd, even) = split(&std::fs::read_to_string(&shared).unwrap(), dir.path());

    let one = dir.path().join("one.db");
    eventgraph(&one)
        .arg("ingest")
        .arg(&shared)
        .assert()
        .success();
    let two = dir.path().join("two.db");
    eventgraph(&two).arg("ingest").arg(&odd).assert().success();
    eventgraph(&two).arg("ingest").arg(&even).assert().success();

    let single = export_json(&one);
    let parsed: serde_json::Value = serde_json::from_slice(&single).unwrap();
    assert_eq!(parsed["events"].as_array().unwrap().len(), 509);
    // The same events, actors and documents, byte for byte.
    assert_eq!(
        String::from_utf8(export_json(&two)).unwrap(),
        String::from_utf8(single).unwrap()
    );

    // Every row again, from either file, adds nothing.
    let again = eventgraph(&two)
        .arg("ingest")
        .arg(&shared)
        .output()
        .unwrap();
    assert!(again.status.success());
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("0 documents added"), "{stderr}");
    assert!(stderr.contains("0 new events"), "{stderr}");
    assert!(
        stderr.contains("509 dataset rows already stored"),
        "{stderr}"
    );
}

#[test]
fn rows_of_one_source_from_two_files_are_both_kept() {
    let dir = common::tempdir();
    let text = common::read_fixture("datasets/gdelt1_20160728_58col.tsv");
    let (odd, even) = split(&text, dir.path());
    let mut store = Store::open_in_memory().unwrap();
    let first = dataset(&mut store, &odd);
    let second = dataset(&mut store, &even);
    assert_eq!(first.new_events + second.new_events, text.lines().count());
    assert_eq!(second.documents_replaced, 0);
    let graph = load(&store).unwrap();
    assert_eq!(graph.n_events(), text.lines().count());
    // Reading both again adds nothing.
    let again = dataset(&mut store, &odd);
    assert_eq!((again.new_events, again.documents_added), (0, 0));
    assert_eq!(again.rows_already_stored, first.new_events);
}

#[test]
fn document_ids_do_not_depend_on_how_the_path_is_typed() {
    let dir = common::tempdir();
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    let file = nested.join("rows.tsv");
    std::fs::copy(common::fixture("datasets/gdelt1_1982_57col.tsv"), &file).unwrap();
    let spelled = dir.path().join("a/./b/../b/rows.tsv");
    let mut ids = Vec::new();
    for path in [&file, &spelled] {
        let mut store = Store::open_in_memory().unwrap();
        dataset(&mut store, path);
        let graph = load(&store).unwrap();
        let sub = graph.subgraph(&graph.events(&Default::default()));
        let docs: Vec<String> = sub.documents.iter().map(|d| d.id.clone()).collect();
        ids.push(docs);
    }
    assert_eq!(ids[0], vec!["gdelt:rows.tsv".to_string()]);
    assert_eq!(ids[0], ids[1]);
}

/// A JSON document with the given id and URL: Ada Quill and Bo Lind met
/// on 2016-07-28, then Ada Quill spoke.
fn article(dir: &Path, id: &str, url: &str) -> PathBuf {
    let path = dir.join(format!("article{}.json", id.len()));
    let json = serde_json::json!({
        "document": {"id": id, "url": url, "published": "2016-07-28"},
        "actors": [{"id": "a", "name": "Ada Quill", "kind": "person"},
                   {"id": "b", "name": "Bo Lind", "kind": "person"}],
        "events": [{"kind": "meet", "actors": [{"actor": "a"}, {"actor": "b"}]},
                   {"kind": "statement", "actors": [{"actor": "a"}]}]
    });
    std::fs::write(&path, json.to_string()).unwrap();
    path
}

#[test]
fn a_row_with_an_articles_url_leaves_the_article_alone() {
    let dir = common::tempdir();
    let rows = common::fixture("datasets/gdelt1_20160728_58col.tsv");
    let text = std::fs::read_to_string(&rows).unwrap();
    let url = text.lines().next().unwrap().split('\t').nth(57).unwrap();
    let json = article(dir.path(), url, url);
    let mut store = Store::open_in_memory().unwrap();
    let (first, errors) = run(&mut store, &json, InputFormat::Json);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(first.new_events, 2);
    let rows_summary = dataset(&mut store, &rows);
    assert_eq!(rows_summary.documents_replaced, 0);
    let graph = load(&store).unwrap();
    assert_eq!(graph.n_events(), 2 + text.lines().count());

    // The other way round: an article cannot take a row source's id.
    let taken = article(dir.path(), &format!("gdelt:{url}"), url);
    let (summary, errors) = run(&mut store, &taken, InputFormat::Json);
    assert_eq!(summary.errors, 1);
    assert!(
        errors[0].contains("is a dataset source document"),
        "{errors:?}"
    );
    assert_eq!(load(&store).unwrap().n_events(), 2 + text.lines().count());
}

#[test]
fn a_replaced_document_takes_its_unused_actors_with_it() {
    let dir = common::tempdir();
    let path = dir.path().join("notes.json");
    let write = |other: &str| {
        let json = serde_json::json!({
            "document": {"id": "notes", "published": "2020-05-04"},
            "actors": [{"id": "a", "name": "Ada Quill", "kind": "person"},
                       {"id": "b", "name": other, "kind": "person"}],
            "events": [{"kind": "meet", "actors": [{"actor": "a"}, {"actor": "b"}]}]
        });
        std::fs::write(&path, json.to_string()).unwrap();
    };
    let mut store = Store::open_in_memory().unwrap();
    write("Bo Lind");
    run(&mut store, &path, InputFormat::Json);
    write("Cy Marsh");
    let (summary, _) = run(&mut store, &path, InputFormat::Json);
    assert_eq!(summary.documents_replaced, 1);
    let counts = store.counts().unwrap();
    assert_eq!((counts.actors, counts.events), (2, 1));
    let graph = load(&store).unwrap();
    assert!(!matches!(
        graph.lookup_actor("Bo Lind"),
        eventgraph::ActorLookup::Found(_)
    ));
}

#[test]
fn a_second_writer_waits_then_fails_clearly() {
    let dir = common::tempdir();
    let db = dir.path().join("w.db");
    let rows = common::fixture("datasets/gdelt1_20160728_58col.tsv");
    let held = Store::open(&db).unwrap();
    let out = eventgraph(&db)
        .args(["ingest", "--wait", "0.3"])
        .arg(&rows)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is being written by another process") && stderr.contains("--wait"),
        "{stderr}"
    );
    // Readers are not kept out by a writer.
    eventgraph(&db).arg("stats").assert().success();
    // A writer that finishes while the second one waits lets it in.
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(held);
    });
    let out = eventgraph(&db)
        .args(["ingest", "--wait", "30"])
        .arg(&rows)
        .output()
        .unwrap();
    release.join().unwrap();
    assert!(out.status.success(), "{out:?}");
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(
        store.counts().unwrap().events as usize,
        std::fs::read_to_string(&rows).unwrap().lines().count()
    );
}

#[test]
fn queries_write_nothing() {
    let dir = common::tempdir();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let out = eventgraph(&empty)
        .args(["stats", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["events"], 0);
    eventgraph(&empty).arg("events").assert().code(1);
    // Nothing was written: no schema, no journal.
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["empty.db".to_string()]);

    // A stored database is read without being changed.
    let db = dir.path().join("g.db");
    eventgraph(&db)
        .arg("ingest")
        .arg(common::fixture("datasets/gdelt1_20160728_58col.tsv"))
        .assert()
        .success();
    let before = std::fs::read(&db).unwrap();
    for args in [
        &["stats"][..],
        &["events", "--from", "2016-07-28"],
        &["export", "--format", "json", "-o", "-"],
    ] {
        eventgraph(&db).args(args).assert().success();
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// What a query over `from..=to` answers on a graph: the events and the
/// meetings (as subgraphs), and the actors by name.
fn answers(graph: &eventgraph::Graph, from: i32, to: i32) -> (eventgraph::Subgraph, Vec<String>) {
    let filter = eventgraph::EventFilter {
        from: Some(from),
        to: Some(to),
        ..Default::default()
    };
    let events = graph.subgraph(&graph.events(&filter));
    let meetings: Vec<String> = graph
        .meetings(&filter)
        .iter()
        .map(|m| {
            let names: Vec<String> = m
                .actors
                .iter()
                .map(|&a| graph.actor(a).unwrap().name.clone())
                .collect();
            format!("{:?} {}", graph.event_key(m.event), names.join("+"))
        })
        .collect();
    (events, meetings)
}

#[test]
fn a_window_of_days_reads_as_the_whole_store_restricted() {
    let Some(gdelt) = common::shared("data/gdelt/gdelt1_events_20160728_58col.tsv") else {
        return;
    };
    let mut store = Store::open_in_memory().unwrap();
    dataset(&mut store, &gdelt);
    dataset(&mut store, &common::fixture("datasets/icews14_facts.tsv"));
    assert!(store.only_dataset_rows().unwrap());
    let whole = load(&store).unwrap();
    let day = |d: &str| eventgraph::day_number(d.parse().unwrap());
    let windows = [
        (day("2016-07-28"), day("2016-07-28")),
        (day("2016-07-01"), day("2016-07-31")),
        (day("2014-01-01"), day("2016-07-27")),
        (day("2006-01-01"), day("2015-12-31")),
        (i32::MIN, day("2016-07-27")),
        (day("2016-07-29"), i32::MAX),
    ];
    let mut seen = 0;
    for (from, to) in windows {
        let part = eventgraph::load_days(&store, from, to).unwrap();
        part.check_consistency().unwrap();
        assert!(part.n_events() <= whole.n_events());
        let expected = answers(&whole, from, to);
        assert_eq!(answers(&part, from, to), expected, "{from}..{to}");
        seen += expected.0.events.len();
    }
    assert!(seen > 509, "the windows select events");

    // With an article's reports (merged across documents), the whole
    // store is read.
    let dir = common::tempdir();
    let json = article(dir.path(), "notes", "http://example.org/notes");
    run(&mut store, &json, InputFormat::Json);
    assert!(!store.only_dataset_rows().unwrap());
    let whole = load(&store).unwrap();
    let part = eventgraph::load_days(&store, day("2016-07-28"), day("2016-07-28")).unwrap();
    assert_eq!(part.n_events(), whole.n_events());
}

fn actor_answers(
    graph: &eventgraph::Graph,
    names: &[&str],
    from: i32,
    to: i32,
) -> (eventgraph::Subgraph, Vec<String>, usize) {
    let mut actors = Vec::new();
    for name in names {
        match graph.lookup_actor(name) {
            eventgraph::ActorLookup::Found(id) => actors.push(id),
            other => return (graph.subgraph(&[]), vec![format!("{other:?}")], 0),
        }
    }
    let filter = eventgraph::EventFilter {
        from: Some(from),
        to: Some(to),
        actors: actors.clone(),
        ..Default::default()
    };
    let events = graph.subgraph(&graph.events(&filter));
    let meetings: Vec<String> = graph
        .meetings(&filter)
        .iter()
        .map(|m| format!("{:?} {:?}", graph.event_key(m.event), m.actors))
        .collect();
    // every event of the first actor (what `actor NAME` counts) when the
    // window is all time
    let all = if from == i32::MIN && to == i32::MAX {
        graph.actor_events(actors[0]).len()
    } else {
        0
    };
    (events, meetings, all)
}

#[test]
fn an_actor_window_reads_as_the_whole_store_restricted() {
    let Some(gdelt) = common::shared("data/gdelt/gdelt1_events_20160728_58col.tsv") else {
        return;
    };
    let mut store = Store::open_in_memory().unwrap();
    dataset(&mut store, &gdelt);
    dataset(&mut store, &common::fixture("datasets/icews14_facts.tsv"));
    let whole = load(&store).unwrap();
    // the actors with most events, one with a single event, and names
    // that find none or several
    let mut by_events: Vec<(usize, String)> = whole
        .actors_of_kind(None)
        .into_iter()
        .map(|a| {
            (
                whole.actor_events(a).len(),
                whole.actor(a).unwrap().name.clone(),
            )
        })
        .collect();
    by_events.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let busiest: Vec<String> = by_events.iter().take(3).map(|a| a.1.clone()).collect();
    let single = by_events.iter().rev().find(|a| a.0 == 1).unwrap().1.clone();
    let day = |d: &str| eventgraph::day_number(d.parse().unwrap());
    let windows = [
        (i32::MIN, i32::MAX),
        (day("2016-07-28"), day("2016-07-28")),
        (day("2014-01-01"), day("2016-07-27")),
    ];
    let queries: Vec<Vec<&str>> = vec![
        vec![&busiest[0]],
        vec![&busiest[1], &busiest[2]],
        vec![&single],
        vec!["no such actor anywhere"],
    ];
    let mut seen = 0;
    for names in &queries {
        for (from, to) in windows {
            let part = eventgraph::load_actor_days(&store, names, from, to).unwrap();
            part.check_consistency().unwrap();
            let expected = actor_answers(&whole, names, from, to);
            if from == i32::MIN {
                assert!(part.n_events() < whole.n_events(), "{names:?}");
            }
            assert_eq!(
                actor_answers(&part, names, from, to),
                expected,
                "{names:?} {from}..{to}"
            );
            seen += expected.0.events.len();
        }
    }
    assert!(seen > 10, "the queries select events");
}

#[test]
fn stats_from_the_kept_counts_are_the_loaded_graphs() {
    let Some(gdelt) = common::shared("data/gdelt/gdelt1_events_20160728_58col.tsv") else {
        return;
    };
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(
        eventgraph::stored_stats(&store).unwrap(),
        Some(load(&store).unwrap().stats())
    );
    dataset(&mut store, &gdelt);
    dataset(&mut store, &common::fixture("datasets/icews14_facts.tsv"));
    // again: nothing added, nothing counted twice
    dataset(&mut store, &gdelt);
    let stats = load(&store).unwrap().stats();
    assert!(stats.events > 509);
    assert_eq!(eventgraph::stored_stats(&store).unwrap(), Some(stats));

    // With an article's reports (merged on load) the store cannot say.
    let dir = common::tempdir();
    let json = article(dir.path(), "notes", "http://example.org/notes");
    run(&mut store, &json, InputFormat::Json);
    assert_eq!(eventgraph::stored_stats(&store).unwrap(), None);
}

/// The fixture's GDELT rows repeated with ids of their own, `rows` in all.
fn many_rows(path: &Path, rows: usize) {
    let fixture = common::read_fixture("datasets/gdelt1_20160728_58col.tsv");
    let lines: Vec<&str> = fixture.lines().collect();
    let mut text = String::new();
    for n in 0..rows {
        let (_, rest) = lines[n % lines.len()].split_once('\t').unwrap();
        text.push_str(&format!("{}\t{rest}\n", 900_000_000 + n));
    }
    std::fs::write(path, text).unwrap();
}

fn count_rows(db: &Path, table: &str) -> i64 {
    // 0 before the ingest has created the file and its tables
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|conn| conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)))
        .unwrap_or(0)
}

/// Starts an ingest of `rows` into `db`, kills it when `kill_now` says so
/// (or lets it finish), and returns whether it was killed.
fn ingest_killed(db: &Path, rows: &Path, mut kill_now: impl FnMut() -> bool) -> bool {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("eventgraph"))
        .env_remove("EVENTGRAPH_DB")
        .arg("--db")
        .arg(db)
        .args([
            "ingest",
            "--format",
            "dataset",
            "--commit-rows",
            COMMIT_ROWS,
        ])
        .arg(rows)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(300));
        if kill_now() {
            child.kill().unwrap();
            child.wait().unwrap();
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

/// The rows per transaction of the killed ingests (`--commit-rows`; the
/// default, 262,144, would need a file four times as large).
const COMMIT_ROWS: &str = "16384";

#[test]
fn a_dataset_ingest_killed_at_any_point_loses_nothing_committed() {
    // more rows than one commit: a first load commits once, then writes
    // the rest and builds its deferred indexes
    const ROWS: usize = 20_000;
    let commit: i64 = COMMIT_ROWS.parse().unwrap();
    let dir = common::tempdir();
    let rows = dir.path().join("rows.tsv");
    many_rows(&rows, ROWS);
    let clean = dir.path().join("clean.db");
    let started = std::time::Instant::now();
    eventgraph(&clean)
        .args([
            "ingest",
            "--format",
            "dataset",
            "--commit-rows",
            COMMIT_ROWS,
        ])
        .arg(&rows)
        .assert()
        .success();
    let took = started.elapsed();
    assert_eq!(count_rows(&clean, "events"), ROWS as i64);
    let expected = export_json(&clean);

    // killed once the first commit is visible (inside the second
    // transaction or the index builds), then at fractions of a clean run
    let first_commit = dir.path().join("first.db");
    let mut kills: Vec<(PathBuf, Box<dyn FnMut() -> bool>)> = vec![(
        first_commit.clone(),
        Box::new(move || count_rows(&first_commit, "events") > 0),
    )];
    for (i, fraction) in [0.4, 0.9].into_iter().enumerate() {
        let start = std::time::Instant::now();
        kills.push((
            dir.path().join(format!("timed{i}.db")),
            Box::new(move || start.elapsed() >= took.mul_f64(fraction)),
        ));
    }
    for (db, kill_now) in kills {
        let killed = ingest_killed(&db, &rows, kill_now);
        if db.exists() {
            // only whole commits are stored, and the file is sound
            let events = count_rows(&db, "events");
            assert!(
                [0, commit, ROWS as i64].contains(&events),
                "{events} events after a kill"
            );
            assert_eq!(count_rows(&db, "mentions"), events);
            let conn = rusqlite::Connection::open(&db).unwrap();
            let check: String = conn
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(check, "ok");
        }
        // the next ingest completes it, to what a clean run stores
        let out = eventgraph(&db)
            .args(["ingest", "--format", "dataset"])
            .arg(&rows)
            .output()
            .unwrap();
        assert!(out.status.success(), "killed {killed}: {out:?}");
        assert_eq!(count_rows(&db, "events"), ROWS as i64);
        assert!(
            export_json(&db) == expected,
            "killed {killed}: the completed store exports other bytes"
        );
    }
}

#[test]
fn a_first_load_stores_a_repeated_id_once() {
    let file = std::fs::File::open(common::fixture("datasets/gdelt1_20160728_58col.tsv")).unwrap();
    let (records, _) =
        eventgraph::read_dataset_to_vec(file, &eventgraph::DatasetOptions::for_file("rows.tsv"))
            .unwrap();
    let mut rows: Vec<eventgraph::DatasetRow> = records
        .into_iter()
        .map(|r| eventgraph::DatasetRow {
            event: r.event,
            actors: r.actors,
            place: r.place,
            document: r.document,
        })
        .collect();
    let n = rows.len();
    // the first row again, on another day: its id is stored already (a
    // first load looks up only the ids it may have written)
    let mut again = rows[0].clone();
    let day = chrono::NaiveDate::from_ymd_opt(2016, 8, 1).unwrap();
    again.event.when.start = day;
    again.event.when.end = day;
    rows.push(again);
    let mut store = Store::open_in_memory().unwrap();
    let outcome = store
        .ingest_rows(&rows, &eventgraph::IngestOptions::default())
        .unwrap();
    assert_eq!((outcome.new_events, outcome.already_stored), (n, 1));
    assert_eq!(store.counts().unwrap().events, n as u64);
}

/// The shared GDELT day and the ICEWS facts fixture in a store file: the
/// first file a first load (the actor index built at the end), the second
/// written row by row.
fn indexed_store(dir: &Path) -> Option<(PathBuf, eventgraph::Graph)> {
    let gdelt = common::shared("data/gdelt/gdelt1_events_20160728_58col.tsv")?;
    let db = dir.join("index.db");
    let mut store = Store::open(&db).unwrap();
    dataset(&mut store, &gdelt);
    dataset(&mut store, &common::fixture("datasets/icews14_facts.tsv"));
    let whole = load(&store).unwrap();
    Some((db, whole))
}

/// Every actor name the whole graph finds as one actor.
fn found_names(whole: &eventgraph::Graph) -> Vec<String> {
    whole
        .actors_of_kind(None)
        .into_iter()
        .map(|a| whole.actor(a).unwrap().name.clone())
        .filter(|n| matches!(whole.lookup_actor(n), eventgraph::ActorLookup::Found(_)))
        .collect()
}

#[test]
fn a_window_of_some_kinds_reads_as_the_whole_store_restricted() {
    let dir = common::tempdir();
    let Some((db, whole)) = indexed_store(dir.path()) else {
        return;
    };
    let store = Store::open_read_only(&db).unwrap();
    let meeting: Vec<eventgraph::EventKind> = eventgraph::EventKind::ALL
        .iter()
        .copied()
        .filter(|k| k.is_meeting() || *k == eventgraph::EventKind::Visit)
        .collect();
    let names = found_names(&whole);
    let day = |d: &str| eventgraph::day_number(d.parse().unwrap());
    let mut seen = 0;
    for name in names.iter().take(40) {
        for (from, to) in [(i32::MIN, i32::MAX), (day("2016-07-28"), day("2016-07-28"))] {
            let part =
                eventgraph::load_window(&store, &[name.as_str()], from, to, &meeting).unwrap();
            part.check_consistency().unwrap();
            let (_, expected, _) = actor_answers(&whole, &[name], from, to);
            let (_, got, _) = actor_answers(&part, &[name], from, to);
            assert_eq!(got, expected, "{name} {from}..{to}");
            seen += expected.len();
        }
    }
    assert!(seen > 0, "some meetings");
    // one kind over a day, no actor: the events of that kind
    let kinds = [eventgraph::EventKind::Visit];
    let (from, to) = (day("2016-07-28"), day("2016-07-28"));
    let part = eventgraph::load_window(&store, &[], from, to, &kinds).unwrap();
    let filter = eventgraph::EventFilter {
        from: Some(from),
        to: Some(to),
        kinds: kinds.to_vec(),
        ..Default::default()
    };
    let expected = whole.subgraph(&whole.events(&filter));
    assert!(!expected.events.is_empty());
    assert_eq!(part.subgraph(&part.events(&filter)), expected);
    assert_eq!(part.n_events(), expected.events.len());
}

/// What the events table prints of an event, with names instead of
/// graph ids: days, kind, modality, key, participants (name, role), place,
/// number of documents.
type TableLine = (
    i32,
    i32,
    String,
    String,
    u64,
    Vec<(String, String)>,
    Option<String>,
    usize,
);

fn table_line(graph: &eventgraph::Graph, row: &eventgraph::ListedRow) -> TableLine {
    let mut names: Vec<(String, String)> = row
        .participants
        .iter()
        .map(|&(a, role)| {
            (
                graph.actor(a).unwrap().name.clone(),
                role.as_str().to_string(),
            )
        })
        .collect();
    names.sort();
    (
        row.start,
        row.end,
        row.kind.as_str().to_string(),
        row.modality.as_str().to_string(),
        row.key,
        names,
        row.place.map(|p| graph.place(p).unwrap().name.clone()),
        row.sources,
    )
}

#[test]
fn a_listing_without_the_graph_is_the_loaded_graphs() {
    let dir = common::tempdir();
    let Some((db, whole)) = indexed_store(dir.path()) else {
        return;
    };
    let store = Store::open_read_only(&db).unwrap();
    let day = |d: &str| eventgraph::day_number(d.parse().unwrap());
    let visit = [eventgraph::EventKind::Visit];
    let meeting: Vec<eventgraph::EventKind> = eventgraph::EventKind::ALL
        .iter()
        .copied()
        .filter(|k| k.is_meeting())
        .collect();
    let windows = [
        (day("2016-07-28"), day("2016-07-28")),
        (day("2016-07-01"), day("2016-07-31")),
        (day("2014-01-01"), day("2016-07-27")),
        (day("2006-01-01"), day("2015-12-31")),
        (i32::MIN, day("2016-07-27")),
        (day("2016-07-29"), i32::MAX),
        (i32::MIN, i32::MAX),
        (day("2030-01-01"), day("2030-01-31")),
    ];
    let mut seen = 0;
    for (from, to) in windows {
        for kinds in [&[][..], &visit[..], &meeting[..]] {
            let filter = eventgraph::EventFilter {
                from: Some(from),
                to: Some(to),
                kinds: kinds.to_vec(),
                ..Default::default()
            };
            let expected: Vec<TableLine> = whole
                .events(&filter)
                .into_iter()
                .map(|id| {
                    let row = eventgraph::ListedRow {
                        start: whole.event_days(id).unwrap().0,
                        end: whole.event_days(id).unwrap().1,
                        kind: whole.event_kind(id).unwrap(),
                        modality: whole.event_modality(id).unwrap(),
                        key: whole.event_key(id).unwrap(),
                        participants: whole.participants(id),
                        place: whole.event_place(id),
                        sources: whole.event_documents(id).len(),
                    };
                    table_line(&whole, &row)
                })
                .collect();
            let (graph, rows) = eventgraph::list_days(&store, from, to, kinds)
                .unwrap()
                .expect("a store of dataset rows clustered by day");
            assert_eq!(graph.n_events(), 0, "no event loaded");
            let got: Vec<TableLine> = rows.iter().map(|r| table_line(&graph, r)).collect();
            assert_eq!(got, expected, "{from}..{to} {kinds:?}");
            seen += expected.len();
        }
    }
    assert!(seen > 1000, "the windows select events: {seen}");
    // a store holding an article's report is not listed this way
    let mut store = Store::open(&db).unwrap();
    let json = article(dir.path(), "notes", "http://example.org/notes");
    run(&mut store, &json, InputFormat::Json);
    let (from, to) = (day("2016-07-28"), day("2016-07-28"));
    assert!(eventgraph::list_days(&store, from, to, &[])
        .unwrap()
        .is_none());
}

#[test]
fn an_actors_profile_from_the_index_is_the_loaded_graphs() {
    let dir = common::tempdir();
    let Some((db, whole)) = indexed_store(dir.path()) else {
        return;
    };
    let store = Store::open_read_only(&db).unwrap();
    assert!(store.has_actor_index());
    let names = found_names(&whole);
    assert!(names.len() > 50);
    for name in &names {
        let eventgraph::ActorLookup::Found(id) = whole.lookup_actor(name) else {
            unreachable!()
        };
        let profile = eventgraph::actor_profile(&store, name).unwrap().unwrap();
        assert_eq!(
            profile.graph.actor(profile.actor),
            whole.actor(id),
            "{name}"
        );
        let events = whole.actor_events(id);
        let mut by_kind: std::collections::BTreeMap<String, usize> = Default::default();
        for &e in &events {
            *by_kind
                .entry(whole.event_kind(e).unwrap().as_str().to_string())
                .or_default() += 1;
        }
        let days: Vec<(i32, i32)> = events
            .iter()
            .map(|&e| whole.event_days(e).unwrap())
            .collect();
        assert_eq!(profile.events, events.len(), "{name}");
        assert_eq!(
            profile.events_by_kind,
            by_kind.into_iter().collect::<Vec<_>>(),
            "{name}"
        );
        assert_eq!(profile.first_day, days.iter().map(|d| d.0).min(), "{name}");
        assert_eq!(profile.last_day, days.iter().map(|d| d.1).max(), "{name}");
    }
    assert!(eventgraph::actor_profile(&store, "no such actor anywhere")
        .unwrap()
        .is_none());
}

/// A chain as names and event keys.
fn chain(graph: &eventgraph::Graph, from: &str, to: &str) -> Option<Vec<String>> {
    let eventgraph::ActorLookup::Found(a) = graph.lookup_actor(from) else {
        return None;
    };
    let eventgraph::ActorLookup::Found(b) = graph.lookup_actor(to) else {
        return None;
    };
    let name = |x| graph.actor(x).unwrap().name.clone();
    graph.path(a, b).map(|steps| {
        steps
            .iter()
            .map(|s| {
                format!(
                    "{} {:?} {}",
                    name(s.from),
                    graph.event_key(s.event),
                    name(s.to)
                )
            })
            .collect()
    })
}

#[test]
fn a_path_through_the_index_is_the_whole_graphs() {
    let dir = common::tempdir();
    let Some((db, whole)) = indexed_store(dir.path()) else {
        return;
    };
    let store = Store::open_read_only(&db).unwrap();
    let names = found_names(&whole);
    // every 13th actor against every 17th: chains of every length, and
    // actors that nothing links
    let (mut lengths, mut none) = (std::collections::BTreeSet::new(), 0);
    for a in names.iter().step_by(13) {
        for b in names.iter().step_by(17) {
            let expected = chain(&whole, a, b);
            let part = eventgraph::load_path(&store, a, b).unwrap().unwrap();
            part.check_consistency().unwrap();
            assert!(part.n_events() <= expected.as_ref().map_or(0, Vec::len));
            assert_eq!(chain(&part, a, b), expected, "{a} -> {b}");
            match expected {
                Some(steps) => {
                    lengths.insert(steps.len());
                }
                None => none += 1,
            }
        }
    }
    assert!(lengths.len() >= 3, "chains of several lengths: {lengths:?}");
    // a name that finds nobody: the actors alone, which say so
    let nobody = eventgraph::load_path(&store, "no such actor anywhere", &names[0])
        .unwrap()
        .unwrap();
    assert_eq!(nobody.n_events(), 0);
    assert!(chain(&nobody, "no such actor anywhere", &names[0]).is_none());
    assert!(none > 0, "some actors are not linked");
}

#[test]
fn a_schema_3_store_reads_as_it_is_and_gains_the_index_when_written() {
    let dir = common::tempdir();
    let Some((db, whole)) = indexed_store(dir.path()) else {
        return;
    };
    // what schema 3 had: no actor tables
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "DROP TABLE actor_days; DROP TABLE actor_pairs; PRAGMA user_version = 3;",
        )
        .unwrap();
    }
    let names = found_names(&whole);
    let name = names[0].as_str();
    let day = |d: &str| eventgraph::day_number(d.parse().unwrap());
    let (from, to) = (day("2016-07-28"), day("2016-07-28"));
    {
        let old = Store::open_read_only(&db).unwrap();
        assert!(!old.has_actor_index());
        assert!(eventgraph::actor_profile(&old, name).unwrap().is_none());
        assert!(eventgraph::load_path(&old, name, &names[1])
            .unwrap()
            .is_none());
        let part = eventgraph::load_actor_days(&old, &[name], from, to).unwrap();
        assert_eq!(
            actor_answers(&part, &[name], from, to),
            actor_answers(&whole, &[name], from, to)
        );
    }
    // a writer's open migrates it
    drop(Store::open(&db).unwrap());
    let new = Store::open_read_only(&db).unwrap();
    assert!(new.has_actor_index());
    let profile = eventgraph::actor_profile(&new, name).unwrap().unwrap();
    let eventgraph::ActorLookup::Found(id) = whole.lookup_actor(name) else {
        unreachable!()
    };
    assert_eq!(profile.events, whole.actor_events(id).len());
    assert_eq!(
        chain(
            &eventgraph::load_path(&new, name, &names[1])
                .unwrap()
                .unwrap(),
            name,
            &names[1]
        ),
        chain(&whole, name, &names[1])
    );
    assert_eq!(eventgraph::stored_stats(&new).unwrap(), Some(whole.stats()));
}

/// The fixture's rows with two more: one whose two actors are two stored
/// rows of one resolved actor (Sergei Vorontsev, spelled two ways), and one of him
/// alone; the rows' ids are new.
fn store_with_a_doubled_actor(dir: &Path) -> (PathBuf, eventgraph::Graph) {
    let text = common::read_fixture("datasets/gdelt1_20160728_58col.tsv");
    let template: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
    let mut extra = String::new();
    for (id, one, two) in [
        ("990000001", "SERGEI VORONTSEV", "SERGEY VORONTSEV"),
        ("990000002", "SERGEY VORONTSEV", "SERGEI VORONTSEV"),
        ("990000003", "SERGEI VORONTSEV", ""),
    ] {
        let mut fields: Vec<String> = template.iter().map(|f| f.to_string()).collect();
        fields[0] = id.to_string();
        fields[5] = "RUSGOV".to_string();
        fields[6] = one.to_string();
        fields[15] = if two.is_empty() { "" } else { "RUSGOV" }.to_string();
        fields[16] = two.to_string();
        extra.push_str(&fields.join("\t"));
        extra.push('\n');
    }
    let file = dir.join("rows.tsv");
    std::fs::write(&file, format!("{text}{extra}")).unwrap();
    let db = dir.join("doubled.db");
    let mut store = Store::open(&db).unwrap();
    dataset(&mut store, &file);
    let whole = load(&store).unwrap();
    (db, whole)
}

/// `actor_profile` against the loaded graph, for every name the graph
/// finds as one actor.
fn profiles_match(store: &Store, whole: &eventgraph::Graph) {
    for name in found_names(whole) {
        let eventgraph::ActorLookup::Found(id) = whole.lookup_actor(&name) else {
            unreachable!()
        };
        let profile = eventgraph::actor_profile(store, &name).unwrap().unwrap();
        let events = whole.actor_events(id);
        let mut by_kind: std::collections::BTreeMap<String, usize> = Default::default();
        for &e in &events {
            *by_kind
                .entry(whole.event_kind(e).unwrap().as_str().to_string())
                .or_default() += 1;
        }
        assert_eq!(profile.events, events.len(), "{name}");
        assert_eq!(
            profile.events_by_kind,
            by_kind.into_iter().collect::<Vec<_>>(),
            "{name}"
        );
        let days: Vec<(i32, i32)> = events
            .iter()
            .map(|&e| whole.event_days(e).unwrap())
            .collect();
        assert_eq!(profile.first_day, days.iter().map(|d| d.0).min(), "{name}");
        assert_eq!(profile.last_day, days.iter().map(|d| d.1).max(), "{name}");
    }
}

#[test]
fn the_kept_actor_counts_take_an_event_of_two_rows_of_one_actor_once() {
    let dir = common::tempdir();
    let (db, whole) = store_with_a_doubled_actor(dir.path());
    // both stored rows are one actor in the graph, met in two events
    let eventgraph::ActorLookup::Found(vorontsev) = whole.lookup_actor("Sergei Vorontsev") else {
        let names: Vec<String> = whole
            .actors_of_kind(None)
            .into_iter()
            .map(|a| format!("{:?}", whole.actor(a).unwrap()))
            .filter(|n| n.to_lowercase().contains("vorontsev"))
            .collect();
        panic!("Sergei Vorontsev is one actor: {names:?}");
    };
    let conn = rusqlite::Connection::open(&db).unwrap();
    let rows: Vec<i64> = conn
        .prepare("SELECT id FROM actors WHERE norm IN ('sergei vorontsev', 'sergey vorontsev') ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 2, "two stored rows");
    let shared: i64 = conn
        .query_row(
            "SELECT SUM(events) FROM actor_kinds WHERE actor_id = ?1 AND other_id = ?2",
            [rows[0], rows[1]],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        shared, 2,
        "the two events naming both rows are kept as shared"
    );
    let store = Store::open_read_only(&db).unwrap();
    let profile = eventgraph::actor_profile(&store, "Sergei Vorontsev")
        .unwrap()
        .unwrap();
    assert_eq!(profile.events, 3);
    assert_eq!(profile.events, whole.actor_events(vorontsev).len());
    profiles_match(&store, &whole);
    drop(store);
    // a schema 4 store (no kept counts) answers from `actor_days`; a
    // writer's open fills the counts with the same answers
    conn.execute_batch("DROP TABLE actor_kinds; PRAGMA user_version = 4;")
        .unwrap();
    drop(conn);
    profiles_match(&Store::open_read_only(&db).unwrap(), &whole);
    drop(Store::open(&db).unwrap());
    let conn = rusqlite::Connection::open(&db).unwrap();
    let kept: i64 = conn
        .query_row("SELECT COUNT(*) FROM actor_kinds", [], |r| r.get(0))
        .unwrap();
    assert!(kept > 0);
    profiles_match(&Store::open_read_only(&db).unwrap(), &whole);
}

#[test]
fn a_schema_4_store_with_text_keys_reads_as_it_is_and_migrates_when_written() {
    let dir = common::tempdir();
    let Some((db, whole)) = indexed_store(dir.path()) else {
        return;
    };
    let before = export_json(&db);
    let names = found_names(&whole);
    let events = count_rows(&db, "events");
    // what schema 4 had: the key as text (`e` and 16 hex digits), unique
    // in the table
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             CREATE TABLE events_v4 (
                 id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
                 cameo TEXT, start_day INTEGER NOT NULL, end_day INTEGER NOT NULL,
                 precision TEXT NOT NULL, value TEXT NOT NULL, date_source TEXT NOT NULL,
                 place_id INTEGER REFERENCES places(id), modality TEXT NOT NULL,
                 confidence REAL NOT NULL, external_id TEXT, source_code TEXT, target_code TEXT);
             INSERT INTO events_v4 SELECT id,
                 printf('e%016x', (~key & -9223372036854775808) | (key & 9223372036854775807)),
                 kind, cameo, start_day, end_day, precision, value, date_source, place_id,
                 modality, confidence, external_id, source_code, target_code FROM events;
             DROP TABLE events;
             ALTER TABLE events_v4 RENAME TO events;
             CREATE INDEX events_start ON events(start_day);
             CREATE INDEX events_external ON events(external_id);
             CREATE INDEX events_span ON events(end_day - start_day);
             PRAGMA user_version = 4;",
        )
        .unwrap();
        let text: String = conn
            .query_row("SELECT typeof(key) FROM events LIMIT 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(text, "text");
    }
    // read as it is
    assert_eq!(export_json(&db), before);
    let old = Store::open_read_only(&db).unwrap();
    assert_eq!(
        chain(
            &eventgraph::load_path(&old, &names[0], &names[1])
                .unwrap()
                .unwrap(),
            &names[0],
            &names[1]
        ),
        chain(&whole, &names[0], &names[1])
    );
    drop(old);
    // a writer's open migrates it: integer keys, the key index, every row
    drop(Store::open(&db).unwrap());
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let (version, kinds, index): (i64, String, bool) = conn
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version),
                        (SELECT group_concat(DISTINCT typeof(key)) FROM events),
                        EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'events_key')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!((version, kinds.as_str(), index), (5, "integer", true));
    }
    assert_eq!(count_rows(&db, "events"), events);
    assert_eq!(export_json(&db), before);
    // and takes more rows as before: the shared day again adds nothing
    let mut store = Store::open(&db).unwrap();
    let gdelt = common::shared("data/gdelt/gdelt1_events_20160728_58col.tsv").unwrap();
    let again = dataset(&mut store, &gdelt);
    assert_eq!(again.new_events, 0);
    drop(store);
    assert_eq!(export_json(&db), before);
}

#[test]
fn the_article_indexes_wait_for_the_first_article() {
    let dir = common::tempdir();
    let db = dir.path().join("lazy.db");
    let indexes = |db: &Path| -> Vec<String> {
        let conn = rusqlite::Connection::open(db).unwrap();
        let names: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master
                 WHERE name IN ('participants_actor', 'mentions_document') ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        names
    };
    let mut store = Store::open(&db).unwrap();
    dataset(
        &mut store,
        &common::fixture("datasets/gdelt1_20160728_58col.tsv"),
    );
    assert!(
        indexes(&db).is_empty(),
        "a store of dataset rows reads without them"
    );
    // an article, then the same id again with other events: the replaced
    // document's events go through the new indexes
    let json = article(dir.path(), "notes", "https://example.org/notes");
    let (first, errors) = run(&mut store, &json, InputFormat::Json);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(first.new_events, 2);
    assert_eq!(indexes(&db), ["mentions_document", "participants_actor"]);
    let events = store.counts().unwrap().events;
    let mut text = std::fs::read_to_string(&json).unwrap();
    text = text.replace("2016-07-28", "2016-07-29");
    std::fs::write(&json, text).unwrap();
    let (again, errors) = run(&mut store, &json, InputFormat::Json);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(again.documents_replaced, 1);
    assert_eq!(store.counts().unwrap().events, events);
}
