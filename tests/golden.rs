//! Golden files, one folder per case under `tests/fixtures/<case>/`: the
//! case's input (`input.json`, a subgraph) and, in `expected/`, what every
//! exporter and the timeline write from it, byte for byte. A table lists
//! the cases; `common::check` compares (and fails on an expected file no
//! longer written). After a deliberate change, `EVENTGRAPH_BLESS=1 cargo
//! test --test golden` rewrites the expected files; review the diff.

mod common;

use eventgraph::{
    export::{self, DotOptions, DotView, TurtleOptions},
    write_timeline, Subgraph, TimelineFormat, TimelineOptions,
};

/// One golden case: its folder under `tests/fixtures` and the titles its
/// timelines are written with.
struct Case {
    name: &'static str,
    timelinejs_title: Option<&'static str>,
    timeline_title: Option<&'static str>,
}

/// The seed article's graph, built by hand from the France 24 article of
/// 2014-03-31.
const CASES: &[Case] = &[Case {
    name: "seed",
    timelinejs_title: Some("Russia and Ukraine"),
    timeline_title: Some("Russia and Ukraine, March 2014"),
}];

fn written(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Vec<u8> {
    let mut out = Vec::new();
    f(&mut out).unwrap();
    out
}

fn dot(sub: &Subgraph, view: DotView) -> Vec<u8> {
    let options = DotOptions {
        view,
        ..Default::default()
    };
    written(|o| export::write_dot(sub, &options, o))
}

fn timeline(sub: &Subgraph, format: TimelineFormat, title: Option<&str>) -> Vec<u8> {
    let options = TimelineOptions {
        format,
        title: title.map(str::to_string),
        ..Default::default()
    };
    written(|o| write_timeline(sub, &options, o))
}

/// Every file the exporters and the timeline write for a case.
fn outputs(case: &Case, sub: &Subgraph) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = vec![
        ("events.dot".into(), dot(sub, DotView::Events)),
        ("actors.dot".into(), dot(sub, DotView::Actors)),
        ("graph.json".into(), written(|o| export::write_json(sub, o))),
        (
            "interchange.jsonl".into(),
            written(|o| export::write_interchange(sub, o)),
        ),
        (
            "events.csv".into(),
            written(|o| export::write_csv_events(sub, o)),
        ),
        (
            "actors.csv".into(),
            written(|o| export::write_csv_actors(sub, o)),
        ),
        (
            "participants.csv".into(),
            written(|o| export::write_csv_participants(sub, o)),
        ),
        (
            "graph.graphml".into(),
            written(|o| export::write_graphml(sub, o)),
        ),
        (
            "graph.ttl".into(),
            written(|o| export::write_turtle(sub, &TurtleOptions::default(), o)),
        ),
        (
            "timelinejs.json".into(),
            written(|o| export::write_timelinejs(sub, case.timelinejs_title, o)),
        ),
        (
            "timeline.md".into(),
            timeline(sub, TimelineFormat::Markdown, case.timeline_title),
        ),
        (
            "timeline.txt".into(),
            timeline(sub, TimelineFormat::Text, case.timeline_title),
        ),
        (
            "timeline.json".into(),
            timeline(sub, TimelineFormat::Json, case.timeline_title),
        ),
    ];
    for (name, bytes) in export::neo4j_files(sub).unwrap() {
        out.push((format!("neo4j/{name}"), bytes));
    }
    out
}

#[test]
fn every_case_writes_its_expected_files() {
    for case in CASES {
        let sub: Subgraph =
            serde_json::from_str(&common::read_fixture(&format!("{}/input.json", case.name)))
                .unwrap_or_else(|e| panic!("{}/input.json: {e}", case.name));
        common::check(case.name, &outputs(case, &sub));
    }
}
