//! The binary against hostile input (issue 18): names that a spreadsheet
//! would run or that carry terminal escapes, looping directory links, a
//! byte-order mark before a dataset's first row, an empty article, a file
//! that is not a database.

mod common;

use common::{eventgraph_on, tempdir};
use std::path::Path;

/// A document whose actors are named to attack a spreadsheet and a terminal.
const HOSTILE: &str = r#"{"document": {"id": "d1", "published": "2020-05-04"},
  "actors": [{"id": "a", "name": "=HYPERLINK(\"http://x\",\"y\")", "kind": "person"},
             {"id": "b", "name": "Bo\u001b[2J\u0000b Ray", "kind": "person"}],
  "places": [{"id": "p", "name": "@Quay", "lat": -3.5, "lon": -60.25}],
  "events": [{"kind": "meet", "place": "p",
              "actors": [{"actor": "a"}, {"actor": "b"}]}]}"#;

fn hostile_db(dir: &Path) -> std::path::PathBuf {
    let json = dir.join("hostile.json");
    std::fs::write(&json, HOSTILE).unwrap();
    let db = dir.join("h.db");
    eventgraph_on(&db)
        .arg("ingest")
        .arg(&json)
        .assert()
        .success();
    db
}

fn stdout(db: &Path, args: &[&str]) -> String {
    let out = eventgraph_on(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn csv_cells_are_neutralised_and_tables_show_no_escapes() {
    let dir = tempdir();
    let db = hostile_db(dir.path());
    for args in [
        &["events", "--format", "csv"][..],
        &["meetings", "--format", "csv"],
        &["actors", "--format", "csv"],
    ] {
        let text = stdout(&db, args);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\0'),
            "{args:?}: {text:?}"
        );
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "{args:?}: {cell:?}"
                );
            }
        }
        assert!(
            text.contains("'=HYPERLINK") || text.contains("'@Quay"),
            "{args:?}: {text}"
        );
    }
    let exported = dir.path().join("events.csv");
    eventgraph_on(&db)
        .args(["export", "--format", "csv", "-o"])
        .arg(&exported)
        .assert()
        .success();
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(
        text.contains("'@Quay") && !text.contains('\u{1b}'),
        "{text}"
    );
    for args in [&["events"][..], &["meetings"], &["actors"]] {
        let text = stdout(&db, args);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\0'),
            "{args:?}: {text:?}"
        );
        assert!(text.contains("Bo[2Jb Ray"), "{args:?}: {text}");
    }
}

#[cfg(unix)]
#[test]
fn looping_directory_links_end_and_links_out_are_skipped() {
    use std::os::unix::fs::symlink;
    let dir = tempdir();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("a/b")).unwrap();
    std::fs::write(input.join("a/b/hostile.json"), HOSTILE).unwrap();
    symlink(input.join("a"), input.join("a/b/loop")).unwrap();
    symlink(input.join("a/b"), input.join("a/back")).unwrap();
    let outside = dir.path().join("outside.json");
    std::fs::write(&outside, HOSTILE.replace("\"d1\"", "\"d2\"")).unwrap();
    symlink(&outside, input.join("out.json")).unwrap();
    let db = dir.path().join("w.db");
    let out = eventgraph_on(&db)
        .arg("ingest")
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("out.json: link to") && stderr.contains("--follow-links"),
        "{stderr}"
    );
    assert!(stderr.contains("1 files: 1 documents added"), "{stderr}");
    let out = eventgraph_on(&db)
        .args(["ingest", "--follow-links"])
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 files: 1 documents added"), "{stderr}");
}

#[test]
fn a_byte_order_mark_keeps_the_first_dataset_row() {
    let Some(gdelt) = common::shared("data/gdelt/gdelt1_events_20160728_58col.tsv") else {
        return;
    };
    let text = std::fs::read_to_string(gdelt).unwrap();
    let rows: String = text.lines().take(5).map(|l| format!("{l}\n")).collect();
    let dir = tempdir();
    let with_bom = dir.path().join("bom.tsv");
    std::fs::write(&with_bom, format!("\u{feff}{rows}")).unwrap();
    let db = dir.path().join("b.db");
    let out = eventgraph_on(&db)
        .args(["ingest", "--format", "dataset"])
        .arg(&with_bom)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("0 errors") && !stderr.contains("GLOBALEVENTID"),
        "{stderr}"
    );
}

#[test]
fn an_empty_article_is_not_stored() {
    let dir = tempdir();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "\n \n").unwrap();
    let db = dir.path().join("e.db");
    let out = eventgraph_on(&db)
        .arg("ingest")
        .arg(&empty)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("empty.txt: empty article: no text to read; not stored"),
        "{stderr}"
    );
    assert!(stderr.contains("0 documents added"), "{stderr}");
}

#[test]
fn an_error_says_its_cause_once() {
    let dir = tempdir();
    let db = dir.path().join("not.db");
    std::fs::write(&db, vec![b'x'; 4096]).unwrap();
    let out = eventgraph_on(&db).arg("stats").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("file is not a database").count(),
        1,
        "{stderr}"
    );
}
