//! The command line as a new user meets it: README's install line and every
//! example of "Using the command line" run on the bundled data; `build`
//! replaces its own report, refuses other folders, honours `--db` and says
//! how to query; a query without a database points at a report's; `--limit`
//! and `--sort` on the listings; `top pairs|actors|kinds [--by week|month]`;
//! specific errors for bad dates, naming the flag given.

mod common;

use common::{eventgraph, eventgraph_on, ARTICLES, SEED_JSON};
use std::path::{Path, PathBuf};

const CRATE: &str = env!("CARGO_MANIFEST_DIR");

/// Splits an example line into words: double quotes group, `#` starts a
/// comment.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut in_word = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                in_word = true;
            }
            '#' if !quoted && !in_word => break,
            c if c.is_whitespace() && !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// The example commands of README's "Using the command line" section.
fn readme_examples() -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(Path::new(CRATE).join("README.md")).unwrap();
    let section = &readme[readme
        .find("## Using the command line")
        .expect("the section")..];
    section
        .lines()
        .take_while(|l| !l.starts_with("The database is"))
        .filter_map(|l| l.strip_prefix("    eventgraph "))
        .map(shell_words)
        .collect()
}

#[test]
fn readme_says_how_to_install() {
    let readme = std::fs::read_to_string(Path::new(CRATE).join("README.md")).unwrap();
    assert!(readme.contains("    cargo install --path .\n"));
    assert!(readme.contains("eventgraph --db report/eventgraph.db meetings"));
}

#[test]
fn every_readme_example_works_on_the_bundled_data() {
    let examples = readme_examples();
    assert!(examples.len() >= 12, "{examples:?}");
    let dir = common::tempdir();
    for words in &examples {
        // paths of the bundled data are relative to the crate root
        let args: Vec<String> = words
            .iter()
            .map(|w| {
                if w.starts_with("data/") || w.starts_with("tests/") {
                    format!("{CRATE}/{w}")
                } else {
                    w.clone()
                }
            })
            .collect();
        if words[0] == "serve" {
            // runs until stopped: on a free port, until it says where it listens
            let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_eventgraph"))
                .current_dir(dir.path())
                .env_remove("EVENTGRAPH_DB")
                .args(&args)
                .args(["--port", "0"])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let mut line = String::new();
            std::io::BufRead::read_line(
                &mut std::io::BufReader::new(child.stderr.take().unwrap()),
                &mut line,
            )
            .unwrap();
            let _ = child.kill();
            let _ = child.wait();
            assert!(line.contains("at http://127.0.0.1:"), "{line}");
            continue;
        }
        let output = eventgraph()
            .current_dir(dir.path())
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(0),
            "`eventgraph {}` failed: {stderr}",
            words.join(" ")
        );
        if words[0] != "ingest" && words[0] != "export" {
            assert!(!output.stdout.is_empty(), "{words:?} printed nothing");
        }
        if words[0] == "path" {
            let table = String::from_utf8_lossy(&output.stdout);
            assert!(table.lines().count() >= 4, "a chain of 2+ steps: {table}");
        }
    }
    assert!(dir.path().join("kerry.svg").exists() || !common::graphviz());
}

/// Runs `build` and returns (success, stderr).
fn build(out: &Path, db: Option<&Path>) -> (bool, String) {
    let mut cmd = eventgraph();
    if let Some(db) = db {
        cmd.arg("--db").arg(db);
    }
    let output = cmd
        .args(["build", SEED_JSON, "--out"])
        .arg(out)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn build_writes_a_fresh_report_and_refuses_other_folders() {
    let dir = common::tempdir();
    let out = dir.path().join("report");
    let (ok, stderr) = build(&out, None);
    assert!(ok, "{stderr}");
    let db = out.join("eventgraph.db");
    assert!(
        stderr.contains(&format!("eventgraph --db {} meetings", db.display())),
        "{stderr}"
    );
    assert!(out.join(".eventgraph-report").exists());
    // a stale file of its own is replaced, a file of the user's is kept
    std::fs::write(out.join("timeline.md"), "stale").unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let (ok, stderr) = build(&out, None);
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("1 documents added"),
        "fresh database: {stderr}"
    );
    assert_ne!(
        std::fs::read_to_string(out.join("timeline.md")).unwrap(),
        "stale"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
    // a folder that is not a report is left alone
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("thesis.tex"), "keep me").unwrap();
    let (ok, stderr) = build(&other, None);
    assert!(!ok);
    assert!(
        stderr.contains("is not a report of `eventgraph build`")
            && stderr.contains("\"thesis.tex\""),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(&other).unwrap().count(), 1);
    // a file is refused too
    let (ok, stderr) = build(&other.join("thesis.tex"), None);
    assert!(!ok && stderr.contains("is a file"), "{stderr}");
}

#[test]
fn build_honours_db() {
    let dir = common::tempdir();
    let db = dir.path().join("elsewhere.db");
    eventgraph_on(&db)
        .args(["ingest", ARTICLES])
        .assert()
        .success();
    let out = dir.path().join("report");
    let (ok, stderr) = build(&out, Some(&db));
    assert!(ok, "{stderr}");
    assert!(!out.join("eventgraph.db").exists());
    assert!(
        stderr.contains(&format!("--db {} meetings", db.display())),
        "{stderr}"
    );
    // the report shows the whole database: the article and the JSON of it
    let stats = eventgraph_on(&db)
        .args(["stats", "--format", "json"])
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["documents"], 1 + 1);
    let events: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("events.json")).unwrap()).unwrap();
    assert_eq!(events.as_array().unwrap().len(), stats["events"]);
}

#[test]
fn a_query_without_a_database_points_at_the_report() {
    let dir = common::tempdir();
    let (ok, stderr) = build(&dir.path().join("report"), None);
    assert!(ok, "{stderr}");
    let output = eventgraph()
        .current_dir(dir.path())
        .arg("meetings")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("a report's database is at \"report/eventgraph.db\"")
            && stderr.contains("--db report/eventgraph.db"),
        "{stderr}"
    );
    // no report around: the message says where build puts its database
    let empty = common::tempdir();
    let output = eventgraph()
        .current_dir(empty.path())
        .arg("events")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("eventgraph ingest") && stderr.contains("DIR/eventgraph.db"),
        "{stderr}"
    );
}

/// A database of invented events with known counts: three meetings of
/// Ana and Ben (two in week 10 of 2014, one in April), one call of Ben and
/// Cai in April.
fn invented_db(dir: &Path) -> PathBuf {
    let event = |id: &str, kind: &str, day: &str, a: &str, b: &str| {
        serde_json::json!({
            "id": id, "kind": kind, "date": {"start": day, "end": day},
            "actors": [{"actor": a, "role": "participant"}, {"actor": b, "role": "participant"}],
            "evidence": [{"text": format!("{a} and {b} met."), "start": 0, "end": 10}]
        })
    };
    let doc = |id: &str, events: Vec<serde_json::Value>| {
        serde_json::json!({
            "version": 1,
            "document": {"id": id, "title": id, "published": "2014-04-30"},
            "actors": [
                {"id": "ana", "name": "Ana Invented", "kind": "person"},
                {"id": "ben", "name": "Ben Invented", "kind": "person"},
                {"id": "cai", "name": "Cai Invented", "kind": "person"}
            ],
            "events": events
        })
    };
    let lines = [
        doc(
            "d1",
            vec![
                event("e1", "meet", "2014-03-03", "ana", "ben"),
                event("e2", "meet", "2014-03-05", "ana", "ben"),
            ],
        ),
        doc(
            "d2",
            vec![
                event("e3", "meet", "2014-04-10", "ana", "ben"),
                event("e4", "call", "2014-04-11", "ben", "cai"),
            ],
        ),
    ];
    let input = dir.join("invented.jsonl");
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    std::fs::write(&input, text.join("\n") + "\n").unwrap();
    let db = dir.join("invented.db");
    eventgraph_on(&db)
        .arg("ingest")
        .arg(&input)
        .assert()
        .success();
    db
}

fn run_json(db: &Path, args: &[&str]) -> serde_json::Value {
    let output = eventgraph_on(db).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn listings_take_limit_and_sort() {
    let dir = common::tempdir();
    let db = invented_db(dir.path());
    let all = run_json(&db, &["events", "--format", "json"]);
    assert_eq!(all.as_array().unwrap().len(), 4);
    let recent = run_json(
        &db,
        &[
            "events", "--format", "json", "--sort", "recent", "--limit", "2",
        ],
    );
    let days: Vec<&str> = recent
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"]["start"].as_str().unwrap())
        .collect();
    assert_eq!(days, ["2014-04-11", "2014-04-10"]);
    let by_kind = run_json(
        &db,
        &[
            "events", "--format", "json", "--sort", "kind", "--limit", "1",
        ],
    );
    assert_eq!(by_kind[0]["kind"], "call");
    let meetings = run_json(
        &db,
        &[
            "meetings", "--format", "json", "--sort", "recent", "--limit", "1",
        ],
    );
    assert_eq!(meetings.as_array().unwrap().len(), 1);
    assert_eq!(meetings[0]["date"], "2014-04-11");
    let actors = run_json(
        &db,
        &[
            "actors", "--format", "json", "--sort", "events", "--limit", "2",
        ],
    );
    let names: Vec<&str> = actors
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ben Invented", "Ana Invented"]);
    // the note on stderr says how much was left out
    let output = eventgraph_on(&db)
        .args(["events", "--limit", "1"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("showing 1 of 4 events"));
}

#[test]
fn top_counts_pairs_actors_and_kinds() {
    let dir = common::tempdir();
    let db = invented_db(dir.path());
    let pairs = run_json(&db, &["top", "pairs", "--format", "json"]);
    assert_eq!(
        pairs,
        serde_json::json!([
            {"actors": ["Ana Invented", "Ben Invented"], "events": 3},
            {"actors": ["Ben Invented", "Cai Invented"], "events": 1}
        ])
    );
    let actors = run_json(&db, &["top", "actors", "--format", "json", "--limit", "1"]);
    assert_eq!(
        actors,
        serde_json::json!([{"actor": "Ben Invented", "events": 4}])
    );
    let weeks = run_json(&db, &["top", "kinds", "--by", "week", "--format", "json"]);
    assert_eq!(
        weeks,
        serde_json::json!([
            {"period": "2014-W10", "kind": "meet", "events": 2},
            {"period": "2014-W15", "kind": "call", "events": 1},
            {"period": "2014-W15", "kind": "meet", "events": 1}
        ])
    );
    let months = run_json(
        &db,
        &[
            "top", "pairs", "--by", "month", "--format", "json", "--actor", "Cai",
        ],
    );
    assert_eq!(
        months,
        serde_json::json!([
            {"period": "2014-04", "actors": ["Ben Invented", "Cai Invented"], "events": 1}
        ])
    );
    // nothing selected: exit 1
    eventgraph_on(&db)
        .args(["top", "kinds", "--from", "2015"])
        .assert()
        .code(1);
}

#[test]
fn bad_dates_get_specific_errors_naming_the_flag() {
    let dir = common::tempdir();
    let db = invented_db(dir.path());
    let stderr = |cmd: &mut assert_cmd::Command| -> String {
        let output = cmd.output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let e = stderr(eventgraph_on(&db).args(["events", "--from", "2014-13-45"]));
    assert!(
        e.contains("bad --from: month 13 is out of range in 2014-13-45"),
        "{e}"
    );
    let e = stderr(eventgraph_on(&db).args(["events", "--to", "2015-02-29"]));
    assert!(
        e.contains("bad --to: day 29 is out of range in 2015-02-29 (February 2015 has 28 days)"),
        "{e}"
    );
    let e = stderr(eventgraph().args(["dates", "on Monday", "--reference", "2014-13-01"]));
    assert!(e.contains("bad --reference: month 13"), "{e}");
    assert!(!e.contains("--published"), "{e}");
    let e = stderr(eventgraph().args(["dates", "on Monday", "--reference", "2014-03"]));
    assert!(e.contains("--reference needs a day"), "{e}");
    assert!(!e.contains("--published"), "{e}");
}
