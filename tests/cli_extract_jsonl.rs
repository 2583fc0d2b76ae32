//! `eventgraph extract --jsonl`: a streaming filter, one article a JSON
//! line in, one extraction a line out, as each arrives; the same
//! extraction as `extract` of a file; bad lines (not JSON, no text, not
//! UTF-8) named and skipped; the output ingested back by `ingest`;
//! `--unrealised` in both modes.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

const FIRST: &str = "Ada Quill met Bo Lind in Oslo on Monday.";
const SECOND: &str = "The mayor of Tulsa, Cy Marsh, visited Denver on Friday.";

fn line(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text, "published": "2020-05-06", "source": "Notes"})
        .to_string()
}

#[test]
fn each_line_is_extracted_as_the_file_would_be() {
    let dir = common::tempdir();
    let file = dir.path().join("second.txt");
    std::fs::write(&file, SECOND).unwrap();
    let single = common::eventgraph()
        .args(["extract", "--published", "2020-05-06"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(single.status.success());
    let single: serde_json::Value = serde_json::from_slice(&single.stdout).unwrap();

    let input = format!(
        "{}\n{{\"id\": \"bad\"}}\nnot json\n\n{}\n",
        line("n1", FIRST),
        line("n2", SECOND)
    );
    let out = common::eventgraph()
        .args(["extract", "--jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("<stdin>:2: text: missing"), "{stderr}");
    assert!(stderr.contains("<stdin>:3: "), "{stderr}");
    let docs: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["document"]["id"], "n1");
    assert_eq!(docs[1]["document"]["id"], "n2");
    assert_eq!(docs[1]["document"]["source"], "Notes");
    // The same actors, events and spans as the file gives.
    for field in ["actors", "places", "timexes", "events"] {
        assert_eq!(docs[1][field], single[field], "{field}");
    }
    assert!(!docs[1]["events"].as_array().unwrap().is_empty());
}

#[test]
fn an_extraction_comes_out_before_the_next_line_goes_in() {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("eventgraph"))
        .args(["extract", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    for (id, text) in [("n1", FIRST), ("n2", SECOND)] {
        writeln!(stdin, "{}", line(id, text)).unwrap();
        stdin.flush().unwrap();
        // stdin is still open: the answer comes line by line.
        let mut answer = String::new();
        stdout.read_line(&mut answer).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(doc["document"]["id"], id);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_line_that_is_not_utf8_is_named_and_skipped() {
    let mut input = Vec::new();
    input.extend_from_slice(line("n1", FIRST).as_bytes());
    input.extend_from_slice(b"\n{\"id\": \"x\", \"text\": \"caf\xe9 \xff\"}\n");
    input.extend_from_slice(line("n2", SECOND).as_bytes());
    input.push(b'\n');
    let out = common::eventgraph()
        .args(["extract", "--jsonl"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("<stdin>:2: not UTF-8 (byte 25)"),
        "{stderr}"
    );
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let doc: serde_json::Value = serde_json::from_str(l).unwrap();
            doc["document"]["id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(ids, ["n1", "n2"]);
    // --keep-going: the same lines out, the same message, exit 0
    let kept = common::eventgraph()
        .args(["extract", "--jsonl", "--keep-going"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(kept.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&kept.stderr);
    assert!(
        stderr.contains("<stdin>:2: not UTF-8 (byte 25)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 line(s) could not be extracted"),
        "{stderr}"
    );
    assert_eq!(kept.stdout.iter().filter(|&&b| b == b'\n').count(), 2);
}

#[test]
fn the_output_is_ingested_back() {
    let dir = common::tempdir();
    let third = "The mayor of Leeds, Eva Stone, visited York on Tuesday.";
    let input = format!(
        "{}\n{}\n{}\n",
        line("n1", FIRST),
        line("n2", SECOND),
        line("n3", third)
    );
    let out = common::eventgraph()
        .args(["extract", "--jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let extractions = dir.path().join("extractions.jsonl");
    std::fs::write(&extractions, &out.stdout).unwrap();
    let extracted: usize = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let doc: serde_json::Value = serde_json::from_str(l).unwrap();
            doc["events"].as_array().unwrap().len()
        })
        .sum();
    assert!(extracted >= 2, "{extracted}");
    let db = dir.path().join("g.db");
    common::eventgraph_on(&db)
        .arg("ingest")
        .arg(&extractions)
        .assert()
        .success();
    let export = common::eventgraph_on(&db)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert!(export.status.success());
    let graph: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    let documents: Vec<&str> = graph["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(documents.contains(&"n2") && documents.contains(&"n3"));
    assert!(documents.iter().all(|d| ["n1", "n2", "n3"].contains(d)));
    // every extracted event is stored (the articles report different
    // occasions, so nothing merges), each citing its article
    let events = graph["events"].as_array().unwrap();
    assert_eq!(events.len(), extracted);
    for e in events {
        let doc = e["mentions"][0]["document"].as_str().unwrap();
        assert!(["n1", "n2", "n3"].contains(&doc), "{e}");
    }
}

/// `--unrealised` prints what the article says is only wished, possible or
/// denied, with its modality, from a file and from `--jsonl` alike; without
/// it such an event is not printed.
#[test]
fn unrealised_events_are_printed_only_when_asked() {
    const WILLING: &str = "Chile is willing to meet Peru on May 20.";
    let dir = common::tempdir();
    let file = dir.path().join("willing.txt");
    std::fs::write(&file, WILLING).unwrap();
    let modalities = |flag: Option<&str>, jsonl: bool| -> Vec<String> {
        let mut cmd = common::eventgraph();
        cmd.arg("extract");
        if let Some(flag) = flag {
            cmd.arg(flag);
        }
        let out = if jsonl {
            cmd.arg("--jsonl")
                .write_stdin(format!("{}\n", line("w", WILLING)))
                .output()
                .unwrap()
        } else {
            cmd.args(["--published", "2020-05-06"])
                .arg(&file)
                .output()
                .unwrap()
        };
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| format!("{} {}", e["kind"], e["modality"]))
            .collect()
    };
    for jsonl in [false, true] {
        assert_eq!(
            modalities(None, jsonl),
            Vec::<String>::new(),
            "jsonl {jsonl}"
        );
        assert_eq!(
            modalities(Some("--unrealised"), jsonl),
            vec!["\"meet\" \"hypothetical\"".to_string()],
            "jsonl {jsonl}"
        );
    }
}
