//! The command line on the hand-written seed example: the "done when" checks
//! of issue 2 (meetings of Kerry, Putin's call on 2014-03-31, idempotent
//! re-ingest), exit codes, deterministic output, broken pipes, the DOT export
//! rendered by Graphviz, and `build`.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Stdio;

use common::SEED_JSON as SEED;

use common::eventgraph_on as eventgraph;

fn seeded() -> (tempfile::TempDir, PathBuf) {
    let dir = common::tempdir();
    let db = dir.path().join("seed.db");
    eventgraph(&db).args(["ingest", SEED]).assert().success();
    (dir, db)
}

fn stdout_json(cmd: &mut Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn kerry_meetings_are_paris_and_brussels() {
    let (_dir, db) = seeded();
    // What happened: Paris. The Brussels meeting is planned ("will meet"),
    // listed only with --include-planned (issue 15).
    let happened =
        stdout_json(eventgraph(&db).args(["meetings", "--actor", "Kerry", "--format", "json"]));
    let happened = happened.as_array().unwrap();
    assert_eq!(happened.len(), 1, "{happened:#?}");
    assert_eq!(happened[0]["place"], "Paris");
    assert_eq!(happened[0]["modality"], "asserted");
    let meetings = stdout_json(eventgraph(&db).args([
        "meetings",
        "--actor",
        "Kerry",
        "--include-planned",
        "--format",
        "json",
    ]));
    let rows = meetings.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{meetings:#}");
    assert_eq!(rows[1]["modality"], "planned");
    assert_eq!(rows[1]["happened"], false);
    assert_eq!(rows[0]["date"], "2014-03-30");
    assert_eq!(rows[0]["place"], "Paris");
    assert_eq!(rows[0]["kind"], "meet");
    assert_eq!(
        rows[0]["actors"],
        serde_json::json!(["John Kerry", "Sergei Lavrov"])
    );
    assert_eq!(rows[1]["date"], "2014-04-01");
    assert_eq!(rows[1]["place"], "Brussels");
    assert_eq!(rows[1]["actors"], serde_json::json!(["John Kerry", "NATO"]));
    for row in rows {
        for key in ["date", "end", "kind", "place", "actors", "sources", "event"] {
            assert!(row.get(key).is_some(), "missing {key}");
        }
        assert_eq!(
            row["sources"][0]["document"],
            "france24-2014-03-31-russia-troops"
        );
    }
    // --with narrows to the pair.
    let with = stdout_json(eventgraph(&db).args([
        "meetings", "--actor", "kerry", "--with", "lavrov", "--format", "json",
    ]));
    assert_eq!(with.as_array().unwrap().len(), 1);
}

#[test]
fn events_of_one_day_include_putins_call_to_merkel() {
    let (_dir, db) = seeded();
    let events = stdout_json(eventgraph(&db).args([
        "events",
        "--from",
        "2014-03-31",
        "--to",
        "2014-03-31",
        "--format",
        "json",
    ]));
    let rows = events.as_array().unwrap();
    let call = rows
        .iter()
        .find(|e| e["kind"] == "call")
        .expect("a call on 2014-03-31");
    let names: Vec<&str> = call["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Vladimir Putin") && names.contains(&"Angela Merkel"),
        "{names:?}"
    );
    assert_eq!(
        call["date"],
        serde_json::json!({"start": "2014-03-31", "end": "2014-03-31", "value": "2014-03-31"})
    );
    for key in [
        "id", "kind", "cameo", "date", "actors", "place", "modality", "sources",
    ] {
        assert!(call.get(key).is_some(), "missing {key}");
    }
    // Sorted by date.
    let starts: Vec<&str> = rows
        .iter()
        .map(|e| e["date"]["start"].as_str().unwrap())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    // The month of the annexation is found by a day inside it.
    let feb = stdout_json(eventgraph(&db).args([
        "events",
        "--actor",
        "Russia",
        "--from",
        "2014-02-15",
        "--to",
        "2014-02-15",
        "--format",
        "json",
    ]));
    assert!(feb
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "occupy"));
}

#[test]
fn ingesting_again_changes_nothing() {
    let (_dir, db) = seeded();
    let before = eventgraph(&db)
        .args(["stats", "--format", "json"])
        .output()
        .unwrap()
        .stdout;
    eventgraph(&db)
        .args(["ingest", SEED])
        .assert()
        .success()
        .stderr(predicates::str::contains("1 already stored"));
    let after = eventgraph(&db)
        .args(["stats", "--format", "json"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(before, after);
    let stats: Value = serde_json::from_slice(&after).unwrap();
    assert_eq!(stats["documents"], 1);
    assert_eq!(stats["events"], 18);
}

#[test]
fn exit_codes_and_messages() {
    let (_dir, db) = seeded();
    // Nothing matched: exit 1, nothing on stdout but the empty listing.
    eventgraph(&db)
        .args(["events", "--from", "2020", "--format", "json"])
        .assert()
        .code(1)
        .stdout("[]\n");
    // Unknown and ambiguous names: exit 2 with a message naming candidates.
    eventgraph(&db)
        .args(["events", "--actor", "Kerri"])
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with(
            "eventgraph: no actor named \"Kerri\"",
        ));
    eventgraph(&db)
        .args(["meetings", "--actor", "Sergei"])
        .assert()
        .success();
    eventgraph(&db)
        .args(["actor", "Foreign"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no actor named \"Foreign\""));
    eventgraph(&db)
        .args(["events", "--from", "2014-13"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "bad --from: month 13 is out of range in 2014-13",
        ));
    eventgraph(&db)
        .args(["events", "--kind", "dance"])
        .assert()
        .code(2);
    // Usage errors exit 2; help exits 0.
    eventgraph(&db).args(["events", "--bogus"]).assert().code(2);
    eventgraph(&db).args(["--help"]).assert().success();
    // A missing database is an error, not an empty result.
    let dir = common::tempdir();
    eventgraph(&dir.path().join("none.db"))
        .args(["events"])
        .assert()
        .code(2);
}

#[test]
fn output_is_deterministic() {
    let (_dir, db) = seeded();
    let (_dir2, db2) = seeded();
    for args in [
        vec!["events", "--format", "json"],
        vec!["events", "--format", "csv"],
        vec!["events"],
        vec!["meetings"],
        vec!["actors", "--format", "json"],
        vec!["export", "--format", "json"],
        vec!["export", "--format", "dot"],
    ] {
        let a = eventgraph(&db).args(&args).output().unwrap().stdout;
        let b = eventgraph(&db2).args(&args).output().unwrap().stdout;
        assert!(!a.is_empty());
        assert_eq!(a, b, "{args:?}");
    }
}

#[test]
fn a_closed_pipe_exits_zero() {
    let (_dir, db) = seeded();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("eventgraph"))
        .args(["--db"])
        .arg(&db)
        .args(["events", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn dot_export_renders_with_graphviz() {
    let (dir, db) = seeded();
    let dot_file = dir.path().join("g.dot");
    eventgraph(&db)
        .args(["export", "--format", "dot", "--actor", "Kerry", "-o"])
        .arg(&dot_file)
        .assert()
        .success()
        .stdout("");
    if !common::graphviz() {
        return;
    }
    let svg = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&dot_file)
        .output()
        .unwrap();
    assert!(
        svg.status.success(),
        "{}",
        String::from_utf8_lossy(&svg.stderr)
    );
    assert!(String::from_utf8_lossy(&svg.stdout).contains("<svg"));
}

#[test]
fn build_writes_the_reports() {
    let dir = common::tempdir();
    let out = dir.path().join("report");
    common::eventgraph()
        .args(["build", SEED, "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    for file in [
        "eventgraph.db",
        "events.json",
        "events.csv",
        "meetings.json",
        "graph.dot",
        "timeline.md",
    ] {
        assert!(out.join(file).exists(), "{file}");
    }
    let meetings: Value =
        serde_json::from_slice(&std::fs::read(out.join("meetings.json")).unwrap()).unwrap();
    assert_eq!(meetings.as_array().unwrap().len(), 3);
    let events: Value =
        serde_json::from_slice(&std::fs::read(out.join("events.json")).unwrap()).unwrap();
    assert_eq!(events.as_array().unwrap().len(), 18);
    let csv = std::fs::read_to_string(out.join("events.csv")).unwrap();
    assert_eq!(csv.lines().count(), 19);
    if common::graphviz() {
        let svg = std::process::Command::new("dot")
            .arg("-Tsvg")
            .arg(out.join("graph.dot"))
            .output()
            .unwrap();
        assert!(svg.status.success());
    }
}

#[test]
fn actor_and_path_and_stats() {
    let (_dir, db) = seeded();
    let kerry = stdout_json(eventgraph(&db).args(["actor", "kerry", "--format", "json"]));
    assert_eq!(kerry["name"], "John Kerry");
    assert_eq!(kerry["affiliation"], "United States");
    assert_eq!(kerry["titles"][0]["title"], "Secretary of State");
    assert_eq!(kerry["events_by_kind"]["meet"], 2);
    assert_eq!(kerry["first_date"], "2014-03-30");
    let path = stdout_json(eventgraph(&db).args(["path", "Lute", "Medvedev", "--format", "json"]));
    let steps = path.as_array().unwrap();
    assert!(!steps.is_empty());
    assert_eq!(steps[0]["from"], "Douglas Lute");
    assert_eq!(steps.last().unwrap()["to"], "Dmitry Medvedev");
    let people =
        stdout_json(eventgraph(&db).args(["actors", "--kind", "person", "--format", "json"]));
    assert_eq!(people.as_array().unwrap().len(), 10);
}

#[test]
fn db_comes_from_the_environment_when_not_given() {
    let (_dir, db) = seeded();
    common::eventgraph()
        .env("EVENTGRAPH_DB", &db)
        .args(["stats", "--format", "json"])
        .assert()
        .success()
        .stdout(predicates::str::contains("\"events\": 18"));
    // Without either, ./eventgraph.db in the current directory.
    let dir = common::tempdir();
    common::eventgraph()
        .current_dir(dir.path())
        .args(["ingest", SEED])
        .assert()
        .success();
    assert!(dir.path().join("eventgraph.db").exists());
}
