//! `meetings` on articles written for these tests (issue 15):
//! - four Kerry–Lavrov meetings on different days and in different cities
//!   plus one report dated only "in March" with no place give exactly four
//!   meetings, each with its own day and city, whatever order the documents
//!   are ingested in; the vague report is kept as an event that says how
//!   many meetings it fits (`--include-vague` lists it);
//! - modality in every format: a planned and a negated meeting are not
//!   listed by default, `--include-planned` adds them, marked (the
//!   negated one from interchange JSON: an article's "did not meet" gives
//!   no event, docs/extraction.md);
//! - an ambiguous name is used with a note on stderr, an unknown name
//!   suggests the closest ("did you mean ...?").

mod common;

use common::eventgraph_on as eventgraph;
use serde_json::Value;
use std::path::{Path, PathBuf};

const KL: &[&str] = &[
    "a-paris-0305.txt",
    "b-rome-0306.txt",
    "c-london-0314.txt",
    "d-paris-0330.txt",
    "e-vague.txt",
];

fn ingest(db: &Path, files: &[PathBuf]) {
    for f in files {
        eventgraph(db).arg("ingest").arg(f).assert().success();
    }
}

fn json(db: &Path, args: &[&str]) -> Value {
    let out = eventgraph(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn kl_files() -> Vec<PathBuf> {
    KL.iter()
        .map(|f| common::fixture(&format!("kerry-lavrov/{f}")))
        .collect()
}

#[test]
fn four_kerry_lavrov_meetings_and_one_vague_report() {
    let dir = common::tempdir();
    let mut answers = Vec::new();
    // The documents one at a time in three orders.
    for (i, order) in [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 4, 0, 3, 1]]
        .iter()
        .enumerate()
    {
        let db = dir.path().join(format!("kl{i}.db"));
        let files = kl_files();
        let files: Vec<PathBuf> = order.iter().map(|&k| files[k].clone()).collect();
        ingest(&db, &files);
        answers.push((
            json(&db, &["meetings", "--format", "json"]),
            json(&db, &["events", "--format", "json"]),
        ));
    }
    assert!(
        answers.iter().all(|a| a == &answers[0]),
        "order changes output"
    );
    let meetings = answers[0].0.as_array().unwrap();
    let got: Vec<(String, String, Vec<String>)> = meetings
        .iter()
        .map(|m| {
            (
                m["date"].as_str().unwrap().to_string(),
                m["place"].as_str().unwrap_or("").to_string(),
                m["actors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    let kl = vec!["John Kerry".to_string(), "Sergei Lavrov".to_string()];
    assert_eq!(
        got,
        vec![
            ("2014-03-05".to_string(), "Paris".to_string(), kl.clone()),
            ("2014-03-06".to_string(), "Rome".to_string(), kl.clone()),
            ("2014-03-14".to_string(), "London".to_string(), kl.clone()),
            ("2014-03-30".to_string(), "Paris".to_string(), kl.clone()),
        ]
    );
    for m in meetings {
        assert_eq!(m["sources"].as_array().unwrap().len(), 1, "{m:#}");
        assert_eq!(m["modality"], "asserted");
        assert_eq!(m["happened"], true);
    }
    // The vague report is an event of its own that fits four meetings.
    let events = answers[0].1.as_array().unwrap();
    let vague: Vec<&Value> = events
        .iter()
        .filter(|e| e["date"]["value"] == "2014-03")
        .collect();
    assert_eq!(vague.len(), 1, "{events:#?}");
    assert_eq!(vague[0]["conflicts"]["alternatives"], 4);
    let db = dir.path().join("kl0.db");
    let all = json(&db, &["meetings", "--include-vague", "--format", "json"]);
    assert_eq!(all.as_array().unwrap().len(), 5);
}

#[test]
fn modality_in_every_format_and_planned_on_request() {
    let dir = common::tempdir();
    let db = dir.path().join("m.db");
    eventgraph(&db)
        .arg("ingest")
        .arg(common::fixture("meeting-modality"))
        .arg(common::fixture("kerry-lavrov"))
        .assert()
        .success();
    let happened = json(&db, &["meetings", "--from", "2015", "--format", "json"]);
    let rows = happened.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{happened:#}");
    assert_eq!(rows[0]["place"], "Vienna");
    assert_eq!(rows[0]["modality"], "asserted");

    let all = json(
        &db,
        &[
            "meetings",
            "--from",
            "2015",
            "--include-planned",
            "--format",
            "json",
        ],
    );
    let modalities: Vec<(&str, bool)> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["modality"].as_str().unwrap(),
                m["happened"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        modalities,
        [("negated", false), ("planned", false), ("asserted", true)]
    );

    let csv = eventgraph(&db)
        .args([
            "meetings",
            "--from",
            "2015",
            "--include-planned",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("date,end,kind,place,actors,modality,sources,event\n"));
    assert!(
        csv.contains(",planned,") && csv.contains(",negated,"),
        "{csv}"
    );

    let table = eventgraph(&db)
        .args(["meetings", "--from", "2015", "--include-planned"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("planned (not held)"), "{table}");
    assert!(table.contains("negated (not held)"), "{table}");
    let plain = eventgraph(&db)
        .args(["meetings", "--from", "2015"])
        .output()
        .unwrap();
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(
        !plain.contains("planned") && plain.contains("asserted"),
        "{plain}"
    );

    // `events` shows modality in every format too.
    let events = json(&db, &["events", "--from", "2015", "--format", "json"]);
    assert!(events
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["modality"] == "planned"));
    for format in ["csv", "table"] {
        let out = eventgraph(&db)
            .args(["events", "--from", "2015", "--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("modality") && text.contains("planned"),
            "{text}"
        );
    }
}

#[test]
fn ambiguous_and_unknown_names() {
    let dir = common::tempdir();
    let db = dir.path().join("n.db");
    eventgraph(&db)
        .arg("ingest")
        .arg(common::fixture("meeting-modality"))
        .arg(common::fixture("kerry-lavrov"))
        .assert()
        .success();
    // Two actors are called "Lavrov": the one with more events is used.
    let out = eventgraph(&db)
        .args(["meetings", "--actor", "Lavrov", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("Lavrov: 2 actors match, using \"Sergei Lavrov\"")
            && stderr.contains("give the full name")
            && stderr.contains("Pyotr Lavrov"),
        "{stderr}"
    );
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 4);
    // The full name needs no note.
    eventgraph(&db)
        .args(["actor", "Pyotr Lavrov"])
        .assert()
        .success()
        .stderr("");
    // A misspelt name: the closest names are suggested.
    eventgraph(&db)
        .args(["actor", "Kery"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no actor named \"Kery\"; did you mean Kerry?",
        ));
    eventgraph(&db)
        .args(["meetings", "--actor", "Vienna Zzz"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no actor named \"Vienna Zzz\""));
}
