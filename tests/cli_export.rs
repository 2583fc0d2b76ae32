//! `eventgraph export` and `eventgraph timeline` from the command line, on
//! the hand-written seed example: every format parses with an independent
//! reader (DOT with graphviz-rust and Graphviz, GraphML as XML, Turtle with
//! oxttl, JSON, CSV, PNG/PDF magic), the format comes from `-o`'s extension,
//! filters and `--depth` select what they say, a missing Graphviz names its
//! package, large views warn, and the timeline reads in the order of issue 7.

mod common;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::SEED_JSON as SEED;
const SEED_EVENTS: usize = 18;

use common::eventgraph_on as eventgraph;

fn seeded() -> (tempfile::TempDir, PathBuf) {
    let dir = common::tempdir();
    let db = dir.path().join("seed.db");
    eventgraph(&db).args(["ingest", SEED]).assert().success();
    (dir, db)
}

use common::graphviz;

/// Runs an export to a file and returns its bytes (and the command's stderr).
fn export_file(db: &Path, dir: &Path, name: &str, args: &[&str]) -> (Vec<u8>, String) {
    let path = dir.join(name);
    let out = eventgraph(db)
        .arg("export")
        .args(args)
        .arg("-o")
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "export {name} {args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "data goes to the file only");
    (std::fs::read(&path).unwrap(), stderr)
}

/// The JSON export: the reference for the other formats' counts.
fn json_subgraph(db: &Path, args: &[&str]) -> Value {
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

/// Element names of an XML document, checking it is well formed.
fn xml_elements(xml: &[u8]) -> Vec<(String, Vec<(String, String)>)> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (
                            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                            a.unescape_value().unwrap().into_owned(),
                        )
                    })
                    .collect();
                out.push((
                    String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                    attrs,
                ));
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

#[test]
fn every_format_through_the_cli_parses() {
    let (dir, db) = seeded();
    let dir = dir.path();
    let reference = json_subgraph(&db, &[]);
    let n_events = reference["events"].as_array().unwrap().len();
    let n_actors = reference["actors"].as_array().unwrap().len();
    assert_eq!(n_events, SEED_EVENTS);
    assert_eq!(reference["version"], 1);

    // DOT, format from the extension: parses back and renders
    let (dot, _) = export_file(&db, dir, "graph.dot", &[]);
    let dot = String::from_utf8(dot).unwrap();
    assert!(dot.starts_with("digraph"));
    graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("DOT does not parse: {e}\n{dot}"));
    let (gv, _) = export_file(&db, dir, "graph.gv", &["--format", "dot"]);
    assert_eq!(gv, dot.as_bytes(), "--format dot and .dot agree");
    for event in reference["events"].as_array().unwrap() {
        let id = event["id"].as_str().unwrap();
        assert!(dot.contains(&format!("\"event:{id}\"")), "{id} not drawn");
    }
    if graphviz() {
        let rendered = std::process::Command::new("dot")
            .arg("-Tsvg")
            .arg(dir.join("graph.dot"))
            .output()
            .unwrap();
        assert!(rendered.status.success());
    }

    // JSON Lines (interchange) reads back into a new database with the same events
    let (jsonl, _) = export_file(&db, dir, "graph.jsonl", &[]);
    for line in String::from_utf8(jsonl).unwrap().lines() {
        let doc: Value = serde_json::from_str(line).unwrap();
        assert!(doc["document"]["id"].is_string());
    }
    let copy = dir.join("copy.db");
    eventgraph(&copy)
        .arg("ingest")
        .arg(dir.join("graph.jsonl"))
        .assert()
        .success();
    let again = json_subgraph(&copy, &[]);
    let ids = |v: &Value| -> BTreeSet<String> {
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&again), ids(&reference), "interchange round trip");

    // CSV: one row per event, one per actor, one per participation
    let (csv, _) = export_file(&db, dir, "events.csv", &[]);
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    assert_eq!(
        reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
            .len(),
        n_events
    );
    let (actors_csv, _) = export_file(&db, dir, "actors.csv", &[]);
    let rows = csv::Reader::from_reader(actors_csv.as_slice())
        .records()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
        .len();
    assert_eq!(rows, n_actors);
    let (participants_csv, _) = export_file(&db, dir, "participants.csv", &[]);
    let n_participations: usize = reference["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["participants"].as_array().unwrap().len())
        .sum();
    let rows = csv::Reader::from_reader(participants_csv.as_slice())
        .records()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
        .len();
    assert_eq!(rows, n_participations);

    // GraphML: well-formed XML, a node per actor and event
    let (graphml, _) = export_file(&db, dir, "graph.graphml", &[]);
    let elements = xml_elements(&graphml);
    let nodes = elements.iter().filter(|(n, _)| n == "node").count();
    let edges = elements.iter().filter(|(n, _)| n == "edge").count();
    assert_eq!(nodes, n_actors + n_events);
    assert!(edges >= n_participations, "{edges} edges");

    // Turtle: parses with oxttl; one sem:Event per event, every actor labelled
    let (ttl, _) = export_file(&db, dir, "graph.ttl", &[]);
    let triples: Vec<Triple> = oxttl::TurtleParser::new()
        .for_slice(&ttl)
        .map(|t| {
            let t = t.expect("turtle parses");
            Triple {
                predicate: t.predicate.as_str().to_string(),
                object: t.object.to_string(),
            }
        })
        .collect();
    let sem_events = triples
        .iter()
        .filter(|t| {
            t.predicate == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
                && t.object == "<http://semanticweb.cs.vu.nl/2009/11/sem/Event>"
        })
        .count();
    assert_eq!(sem_events, n_events);
    for actor in reference["actors"].as_array().unwrap() {
        let name = actor["name"].as_str().unwrap();
        assert!(
            triples.iter().any(|t| t.object == format!("\"{name}\"")),
            "{name} has no label"
        );
    }
    let (turtle, _) = export_file(&db, dir, "graph.turtle", &["--format", "turtle"]);
    assert_eq!(turtle, ttl);

    // TimelineJS: one slide per event
    let (tl, _) = export_file(&db, dir, "story.timelinejs.json", &[]);
    let tl: Value = serde_json::from_slice(&tl).unwrap();
    assert_eq!(tl["events"].as_array().unwrap().len(), n_events);

    // Neo4j: the import files, every relationship pointing at a node
    let neo = dir.join("neo4j");
    eventgraph(&db)
        .args(["export", "--format", "neo4j", "-o"])
        .arg(&neo)
        .assert()
        .success();
    let names: BTreeSet<String> = std::fs::read_dir(&neo)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for file in eventgraph::export::NEO4J_FILES {
        assert!(names.contains(file), "{file} missing from {names:?}");
    }
    let rows = csv::Reader::from_path(neo.join("events.csv"))
        .unwrap()
        .records()
        .count();
    assert_eq!(rows, n_events);

    // renderings
    if graphviz() {
        let (svg, _) = export_file(&db, dir, "graph.svg", &[]);
        let elements = xml_elements(&svg);
        assert!(elements.iter().any(|(n, _)| n == "svg"));
        let titles = String::from_utf8_lossy(&svg)
            .matches("<title>event:")
            .count();
        assert_eq!(titles, n_events);
        let (png, _) = export_file(&db, dir, "graph.png", &[]);
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let (pdf, _) = export_file(&db, dir, "graph.pdf", &[]);
        assert!(pdf.starts_with(b"%PDF-"));
        let (html, _) = export_file(&db, dir, "report.html", &[]);
        let html = String::from_utf8(html).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    }
}

/// A parsed triple's predicate IRI and object in N-Triples form.
struct Triple {
    predicate: String,
    object: String,
}

#[test]
fn filters_and_depth_select_the_subgraph() {
    let (_dir, db) = seeded();
    let events_of = |args: &[&str]| -> Vec<Value> {
        json_subgraph(&db, args)["events"]
            .as_array()
            .unwrap()
            .clone()
    };
    let has = |e: &Value, name: &str| {
        e["participants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["actor"] == name)
    };
    // --actor: Kerry's events only
    let kerry = events_of(&["--actor", "Kerry"]);
    assert!(!kerry.is_empty());
    assert!(kerry.iter().all(|e| has(e, "John Kerry")));
    // --depth 1 is the same as --actor alone
    assert_eq!(events_of(&["--actor", "Kerry", "--depth", "1"]), kerry);
    // --depth 2 adds the events of those Kerry met (Lavrov, NATO) without Kerry
    let two = events_of(&["--actor", "Kerry", "--depth", "2"]);
    assert!(two.len() > kerry.len());
    let partners: BTreeSet<String> = kerry
        .iter()
        .flat_map(|e| e["participants"].as_array().unwrap().clone())
        .map(|p| p["actor"].as_str().unwrap().to_string())
        .collect();
    for e in &two {
        assert!(
            partners.iter().any(|p| has(e, p)),
            "{e} is not within two hops of Kerry"
        );
    }
    assert!(two
        .iter()
        .any(|e| !has(e, "John Kerry") && has(e, "Sergei Lavrov")));
    // --depth keeps the other filters: dates and kinds
    let later = events_of(&["--actor", "Kerry", "--depth", "3", "--from", "2014-04-01"]);
    assert!(!later.is_empty());
    assert!(later
        .iter()
        .all(|e| e["when"]["end"].as_str().unwrap() >= "2014-04-01"));
    let meetings = events_of(&["--actor", "Kerry", "--depth", "3", "--kind", "meet"]);
    assert!(meetings.iter().all(|e| e["kind"] == "meet"));
    // --depth needs an actor to start from; --with cannot be combined
    eventgraph(&db)
        .args(["export", "--format", "json", "--depth", "2"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--depth 2 needs --actor"));
    eventgraph(&db)
        .args([
            "export", "--format", "json", "--actor", "Kerry", "--with", "Lavrov", "--depth", "2",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot be combined with --depth"));
    eventgraph(&db)
        .args([
            "export", "--format", "json", "--actor", "Kerry", "--depth", "0",
        ])
        .assert()
        .code(2);
    // a period with nothing in it: exit 1, still valid output
    let out = eventgraph(&db)
        .args(["export", "--format", "json", "--from", "2020-01-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let empty: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(empty["events"].as_array().unwrap().is_empty());
}

#[test]
fn drawing_options_reach_the_dot_file() {
    let (dir, db) = seeded();
    let dir = dir.path();
    let (dot, _) = export_file(
        &db,
        dir,
        "kerry.dot",
        &["--actor", "Kerry", "--title", "Kerry \"in\" <Paris>"],
    );
    let dot = String::from_utf8(dot).unwrap();
    graphviz_rust::parse(&dot).unwrap();
    assert!(
        dot.contains("layout=dot"),
        "small graphs use the dot layout"
    );
    assert!(dot.contains("Kerry \\\"in\\\" <Paris>"), "title escaped");
    // the actor the query is centred on stands out
    let kerry_node = dot
        .lines()
        .find(|l| l.contains("\"actor:John Kerry\"["))
        .or_else(|| {
            dot.split(';')
                .find(|l| l.trim_start().starts_with("\"actor:John Kerry\"["))
        })
        .unwrap_or_else(|| panic!("no Kerry node in {dot}"));
    assert!(kerry_node.contains("peripheries=2"), "{kerry_node}");

    let (actors, _) = export_file(&db, dir, "actors.dot", &["--view", "actors"]);
    let actors = String::from_utf8(actors).unwrap();
    assert!(actors.starts_with("graph"), "the actors view is undirected");
    graphviz_rust::parse(&actors).unwrap();
    assert!(actors.contains("\"actor:John Kerry\" -- \"actor:Sergei Lavrov\""));

    let (sfdp, _) = export_file(&db, dir, "sfdp.dot", &["--layout", "sfdp"]);
    let sfdp = String::from_utf8(sfdp).unwrap();
    assert!(sfdp.contains("layout=sfdp"));
    if graphviz() {
        let (svg, _) = export_file(&db, dir, "neato.svg", &["--layout", "neato"]);
        assert!(String::from_utf8_lossy(&svg).contains("<svg"));
    }
}

#[test]
fn bad_formats_and_missing_graphviz_are_clear_errors() {
    let (dir, db) = seeded();
    let dir = dir.path();
    eventgraph(&db)
        .args(["export", "--format", "yaml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "neo4j, parquet), but found \"yaml\"",
        ));
    eventgraph(&db)
        .args(["export"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("give --format"));
    eventgraph(&db)
        .args(["export", "-o"])
        .arg(dir.join("graph.xyz"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot tell the format from \""));
    eventgraph(&db)
        .args(["export", "--format", "neo4j"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("give -o DIR"));

    // no Graphviz on the PATH: the package is named, nothing is written
    let empty_path = dir.join("no-programs");
    std::fs::create_dir(&empty_path).unwrap();
    for name in ["graph.svg", "graph.png", "graph.pdf"] {
        let target = dir.join(name);
        eventgraph(&db)
            .env("PATH", &empty_path)
            .args(["export", "-o"])
            .arg(&target)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "graphviz is not installed: the \"dot\" program was not found; install the Debian package `graphviz`",
            ));
        assert!(!target.exists(), "{name} written without graphviz");
    }
    // DOT needs no Graphviz
    eventgraph(&db)
        .env("PATH", &empty_path)
        .args(["export", "-o"])
        .arg(dir.join("ok.dot"))
        .assert()
        .success();
}

/// An interchange document with `n` events, each between two of `n / 2`
/// people, on one day each over a month.
fn big_document(n: usize) -> String {
    let n_actors = n / 2;
    let actors: Vec<Value> = (0..n_actors)
        .map(|i| serde_json::json!({"id": format!("a{i}"), "name": format!("Person {i}"), "kind": "person"}))
        .collect();
    let events: Vec<Value> = (0..n)
        .map(|i| {
            let day = format!("2014-03-{:02}", 1 + i % 28);
            serde_json::json!({
                "id": format!("e{i}"), "kind": "meet",
                "date": {"start": day, "end": day},
                "actors": [
                    {"actor": format!("a{}", i % n_actors), "role": "participant"},
                    {"actor": format!("a{}", (i * 7 + 1) % n_actors), "role": "participant"}
                ]
            })
        })
        .collect();
    serde_json::json!({
        "version": 1,
        "document": {"id": "big", "title": "many meetings", "published": "2014-04-01"},
        "actors": actors,
        "events": events
    })
    .to_string()
}

#[test]
fn large_views_warn_and_use_a_fast_layout() {
    let dir = common::tempdir();
    let input = dir.path().join("big.json");
    std::fs::write(&input, big_document(600)).unwrap();
    let db = dir.path().join("big.db");
    eventgraph(&db).arg("ingest").arg(&input).assert().success();
    let (dot, stderr) = export_file(&db, dir.path(), "big.dot", &[]);
    let dot = String::from_utf8(dot).unwrap();
    assert!(dot.contains("layout=sfdp"), "sfdp above 300 nodes");
    assert!(
        stderr.contains("eventgraph: warning: the drawing has")
            && stderr.contains("too many to read; narrow it with --actor"),
        "{stderr}"
    );
    let (_, stderr) = export_file(&db, dir.path(), "forced.dot", &["--layout", "dot"]);
    assert!(stderr.contains("--layout sfdp is much faster"), "{stderr}");
    // narrowed, the warning goes away
    let (_, stderr) = export_file(
        &db,
        dir.path(),
        "narrow.dot",
        &["--actor", "Person 3", "--depth", "1"],
    );
    assert!(!stderr.contains("warning:"), "{stderr}");
    // --quiet silences it
    let out = eventgraph(&db)
        .args(["--quiet", "export", "--format", "dot"])
        .output()
        .unwrap();
    assert!(out.status.success() && out.stderr.is_empty());
}

/// A timeline entry: (group's first day, kind, modality, sentence).
type Entry = (String, String, String, String);

/// The timeline's entries, in order.
fn timeline_entries(db: &Path, args: &[&str]) -> Vec<Entry> {
    let out = eventgraph(db)
        .args(["timeline", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let timeline: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(timeline["version"], 1);
    let mut entries = Vec::new();
    for group in timeline["groups"].as_array().unwrap() {
        for entry in group["entries"].as_array().unwrap() {
            entries.push((
                group["start"].as_str().unwrap().to_string(),
                entry["kind"].as_str().unwrap().to_string(),
                entry["modality"].as_str().unwrap().to_string(),
                entry["sentence"].as_str().unwrap().to_string(),
            ));
        }
    }
    entries
}

/// Checks the order issue 7 gives for the seed article's timeline: the
/// Paris meeting (2014-03-30); the pullback, the Putin-Merkel call,
/// Medvedev's visit and the statements (2014-03-31); the NATO session
/// (2014-04-01, planned). Other events may come between them.
pub fn assert_issue_7_order(entries: &[Entry]) {
    let find = |what: &str, test: &dyn Fn(&Entry) -> bool| -> usize {
        entries
            .iter()
            .position(test)
            .unwrap_or_else(|| panic!("no {what} in the timeline: {entries:#?}"))
    };
    let paris = find("Paris meeting", &|(day, kind, _, s)| {
        day == "2014-03-30"
            && kind == "meet"
            && s.contains("Kerry")
            && s.contains("Lavrov")
            && s.contains("Paris")
    });
    let pullback = find("pullback", &|(day, kind, _, _)| {
        day == "2014-03-31" && kind == "deescalate"
    });
    let call = find("Putin-Merkel call", &|(day, kind, _, s)| {
        day == "2014-03-31" && kind == "call" && s.contains("Putin") && s.contains("Merkel")
    });
    let visit = find("Medvedev's visit", &|(day, kind, _, s)| {
        day == "2014-03-31" && kind == "visit" && s.contains("Medvedev") && s.contains("Crimea")
    });
    let statements: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, (day, kind, _, _))| day == "2014-03-31" && kind == "statement")
        .map(|(i, _)| i)
        .collect();
    assert!(
        statements.len() >= 2,
        "statements of 31 March: {entries:#?}"
    );
    let nato = find("NATO session", &|(day, kind, modality, s)| {
        day == "2014-04-01"
            && kind == "meet"
            && modality == "planned"
            && s.contains("Kerry")
            && (s.contains("NATO") || s.contains("North Atlantic"))
    });
    assert!(paris < pullback, "the Paris meeting comes first");
    assert!(pullback < call, "then the pullback");
    assert!(call < visit, "then the call, then the visit");
    for s in statements {
        assert!(visit < s && s < nato, "statements after the visit");
    }
}

#[test]
fn seed_timeline_reads_in_the_order_of_issue_7() {
    let (_dir, db) = seeded();
    assert_issue_7_order(&timeline_entries(&db, &[]));
    // the Markdown says the same, with headings and a planned marker
    let out = eventgraph(&db).args(["timeline"]).output().unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("no {s:?} in\n{md}"));
    assert!(md.starts_with("# Timeline\n"));
    assert!(
        at("## Sunday 30 March 2014") < at("John Kerry met Sergei Lavrov in Paris for four hours.")
    );
    assert!(at("## Monday 31 March 2014") < at("Russia took steps to de-escalate"));
    assert!(at("Russia took steps to de-escalate") < at("## Tuesday 1 April 2014"));
    assert!(
        at("## Tuesday 1 April 2014") < at("**Planned:** John Kerry is to meet NATO in Brussels.")
    );
    // "in recent days" is listed on the day it was reported, with its span
    assert!(md.contains("toward Ukraine. (between 24 and 31 March 2014) [1]"));
    assert!(at("## Sources") > at("## Tuesday 1 April 2014"));
    assert!(md.contains("\n1. France 24: "));
    // a decade-long background event does not make the week group by month
    assert!(md.contains("## the 1990s"));
    let text = eventgraph(&db)
        .args(["timeline", "--format", "text"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("Timeline\n========\n"));
    assert!(text.contains("\nMonday 31 March 2014\n  - Russia took steps"));
}

#[test]
fn timeline_filters_tell_an_actor_story_and_a_period() {
    let (dir, db) = seeded();
    // --actor: Lavrov's story, told from his side
    let out = eventgraph(&db)
        .args(["timeline", "--actor", "Lavrov"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("# Timeline: Sergei Lavrov\n"), "{md}");
    assert!(
        md.contains("- Sergei Lavrov met John Kerry in Paris for four hours. [1]"),
        "{md}"
    );
    assert!(!md.contains("Putin spoke"), "{md}");
    let lavrov = timeline_entries(&db, &["--actor", "Lavrov"]);
    assert!(lavrov.iter().all(|(_, _, _, s)| s.contains("Lavrov")));
    // --from/--to: one day
    let monday = timeline_entries(&db, &["--from", "2014-03-31", "--to", "2014-03-31"]);
    assert!(monday.iter().all(|(day, _, _, _)| day == "2014-03-31"));
    assert!(monday.iter().any(|(_, kind, _, _)| kind == "call"));
    // the span reported on 31 March overlaps the day and is listed there
    assert!(monday.iter().any(|(_, kind, _, _)| kind == "deescalate"));
    // --group month and -o
    let file = dir.path().join("t.md");
    eventgraph(&db)
        .args(["timeline", "--group", "month", "--title", "March", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    let md = std::fs::read_to_string(file).unwrap();
    assert!(md.starts_with("# March\n"));
    assert!(md.contains("## March 2014\n"));
    assert!(md.contains("- 30 March: John Kerry met Sergei Lavrov in Paris for four hours."));
    // nothing in the period: exit 1, the timeline says so
    eventgraph(&db)
        .args(["timeline", "--from", "2020-01-01"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("No events."));
    eventgraph(&db)
        .args(["timeline", "--actor", "Nobody Atall"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no actor named \"Nobody Atall\""));
}

#[test]
fn extracted_seed_article_timeline_reads_in_the_order_of_issue_7() {
    let dir = common::tempdir();
    let db = dir.path().join("articles.db");
    eventgraph(&db)
        .args(["ingest", common::ARTICLES])
        .assert()
        .success();
    assert_issue_7_order(&timeline_entries(&db, &[]));
}
