//! `eventgraph ingest`: an ingest killed in the middle of a document leaves
//! the database as before that document; malformed JSON is reported with
//! file, line and field while the other documents are read; directories are
//! walked; JSON Lines are read line by line.

mod common;

use common::eventgraph_on as eventgraph;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::{Duration, Instant};

/// A document with `n` call events between two of its actors.
fn document(id: usize, n: usize) -> String {
    let events: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"kind": "call", "date": {{"start": "2014-03-{:02}"}}, "actors": [{{"actor": "a", "role": "source"}}, {{"actor": "b", "role": "target"}}], "evidence": [{{"text": "event {i} of {id}", "start": {i}, "end": {}}}]}}"#,
                1 + i % 28,
                i + 1
            )
        })
        .collect();
    format!(
        r#"{{"document": {{"id": "doc-{id}", "published": "2014-03-31"}}, "actors": [{{"id": "a", "name": "Person {id}", "kind": "person"}}, {{"id": "b", "name": "Shared Host", "kind": "person"}}], "events": [{}]}}"#,
        events.join(", ")
    )
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn an_ingest_killed_midway_leaves_the_last_committed_document() {
    let dir = common::tempdir();
    let db = dir.path().join("kill.db");
    let input = dir.path().join("docs.jsonl");
    // A small first document, then one large enough that writing it takes
    // far longer than noticing the first commit and killing the process.
    let lines: Vec<String> = [6, 60_000, 6]
        .iter()
        .enumerate()
        .map(|(i, &n)| document(i, n))
        .collect();
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();

    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("eventgraph"))
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the first document is committed, then kill the process
    // while it is inside the second document's transaction.
    let started = Instant::now();
    loop {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "first document never committed"
        );
        if db.exists() {
            if let Ok(conn) = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY) {
                if conn
                    .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get::<_, i64>(0))
                    .unwrap_or(0)
                    >= 1
                {
                    break;
                }
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the ingest finished before it was killed"
    );

    // The database holds exactly the first document and all of its events.
    let conn = Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM documents"), 1);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM events"), 6);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM mentions"), 6);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM participants"), 12);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM actors"), 2);
    drop(conn);

    // Ingesting again completes the work, and gives what a clean run gives.
    eventgraph(&db)
        .args(["ingest"])
        .arg(&input)
        .assert()
        .success();
    let clean = dir.path().join("clean.db");
    eventgraph(&clean)
        .args(["ingest"])
        .arg(&input)
        .assert()
        .success();
    let stats = |db: &Path| {
        eventgraph(db)
            .args(["stats", "--format", "json"])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(stats(&db), stats(&clean));
    let conn = Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM documents"), 3);
    // 6 + 6 events, and the large document's 60,000 reports of 28 days.
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM events"), 6 + 28 + 6);
}

#[test]
fn malformed_json_names_file_line_and_field_and_the_rest_is_read() {
    let dir = common::tempdir();
    let db = dir.path().join("bad.db");
    let input = dir.path().join("mixed.jsonl");
    let bad =
        r#"{"document": {"id": "bad"}, "events": [{"kind": "call", "actors": [{"actor": 7}]}]}"#;
    std::fs::write(
        &input,
        format!("{}\n{bad}\n{}\n", document(1, 2), document(2, 2)),
    )
    .unwrap();
    let out = eventgraph(&db).arg("ingest").arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = format!("eventgraph: {}:2:", input.display());
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(
        stderr.contains("field events[0].actors[0].actor"),
        "{stderr}"
    );
    assert!(stderr.contains("expected a string"), "{stderr}");
    let conn = Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM documents"), 2);

    // A broken .json file: the line of the syntax error.
    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        "{\n  \"document\": {\"id\": \"x\"},\n  \"events\": [\n    {\"kind\": \"call\",}\n  ]\n}\n",
    )
    .unwrap();
    eventgraph(&db)
        .arg("ingest")
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{}:4:",
            broken.display()
        )));
}

#[test]
fn bad_values_are_warnings_naming_the_field() {
    let dir = common::tempdir();
    let db = dir.path().join("w.db");
    let input = dir.path().join("w.json");
    std::fs::write(
        &input,
        r#"{"document": {"id": "w", "published": "2014-03-31"},
            "actors": [{"id": "a", "name": "A", "kind": "person"}],
            "events": [{"kind": "dance", "actors": [{"actor": "a"}]},
                       {"kind": "meet", "date": {"start": "2014-02-30"}, "actors": [{"actor": "a"}]},
                       {"kind": "call", "actors": [{"actor": "a", "role": "boss"}]}]}"#,
    )
    .unwrap();
    let out = eventgraph(&db).arg("ingest").arg(&input).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("field events[0].kind: expected an event kind"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "field events[1].date.start: expected a date like 2014-03-30, but found \"2014-02-30\""
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("field events[2].actors[0].role"),
        "{stderr}"
    );
    let conn = Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM events"), 1);
}

#[test]
fn extraction_warnings_are_counted_in_the_summary() {
    let dir = common::tempdir();
    let db = dir.path().join("w.db");
    let input = dir.path().join("undated.txt");
    std::fs::write(&input, "Talks ended on Monday, officials said.\n").unwrap();
    let out = eventgraph(&db).arg("ingest").arg(&input).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no publication date"), "{stderr}");
    assert!(stderr.contains("1 warnings, 0 errors"), "{stderr}");
}

#[test]
fn directories_are_walked_and_unknown_files_skipped() {
    let dir = common::tempdir();
    let tree = dir.path().join("in");
    std::fs::create_dir_all(tree.join("sub")).unwrap();
    std::fs::write(tree.join("one.json"), document(1, 1)).unwrap();
    std::fs::write(
        tree.join("sub/two.jsonl"),
        format!("{}\n{}\n", document(2, 1), document(3, 1)),
    )
    .unwrap();
    std::fs::write(tree.join("notes.md"), "not an input").unwrap();
    let db = dir.path().join("d.db");
    eventgraph(&db)
        .arg("ingest")
        .arg(&tree)
        .assert()
        .success()
        .stderr(predicates::str::contains("3 documents added"));
    // An explicit file of unknown format is an error.
    eventgraph(&db)
        .arg("ingest")
        .arg(tree.join("notes.md"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--format"));
    eventgraph(&db)
        .args(["ingest", "/nonexistent/x.json"])
        .assert()
        .code(2);
}
