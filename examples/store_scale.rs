//! Scale check of the store: write a large synthetic document set, then time
//! how long the store takes to open and load into the graph. Run it in
//! release mode (formerly an ignored test; it measures, so it is an example):
//!
//! `cargo run --release --example store_scale`
//!
//! `EVENTGRAPH_SCALE_EVENTS` sets the number of events (default 1,000,000).

use chrono::{Duration, NaiveDate};
use eventgraph::{
    Actor, ActorKind, DateSource, Document, EventKind, IngestOptions, Modality, Report,
    ReportEvent, Role, Store, When,
};
use std::time::Instant;

fn main() {
    a_million_event_store_loads_without_json();
}

fn a_million_event_store_loads_without_json() {
    let n_events: usize = std::env::var("EVENTGRAPH_SCALE_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let n_actors = (n_events / 10).max(10);
    let per_document = 10_000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scale.db");
    let mut store = Store::open(&path).unwrap();
    let base = NaiveDate::from_ymd_opt(2005, 1, 1).unwrap();
    let kinds = [
        EventKind::Meet,
        EventKind::Call,
        EventKind::Visit,
        EventKind::Statement,
    ];
    let mut state: u64 = 20140331;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let started = Instant::now();
    let mut written = 0;
    let mut doc_no = 0;
    while written < n_events {
        let n = per_document.min(n_events - written);
        // Each document names the actors it uses (local indexes).
        let mut local: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        let mut actors: Vec<Actor> = Vec::new();
        let mut local_of = |global: usize, actors: &mut Vec<Actor>| {
            *local.entry(global).or_insert_with(|| {
                actors.push(Actor::new(format!("Actor {global}"), ActorKind::Person));
                actors.len() - 1
            })
        };
        let events: Vec<ReportEvent> = (0..n)
            .map(|i| {
                let day = base + Duration::days((next() % 7305) as i64);
                let a = (next() % n_actors as u64) as usize;
                let b = (a + 1 + (next() % (n_actors as u64 - 1)) as usize) % n_actors;
                ReportEvent {
                    kind: kinds[(next() % 4) as usize],
                    cameo: None,
                    source_code: None,
                    target_code: None,
                    when: Some(When::day(day).with_source(DateSource::Explicit)),
                    date_origin: eventgraph::DateOrigin::Given,
                    participants: vec![
                        (local_of(a, &mut actors), Role::Source),
                        (local_of(b, &mut actors), Role::Target),
                    ],
                    place: None,
                    modality: Modality::Asserted,
                    confidence: 1.0,
                    evidence: Vec::new(),
                    external_id: Some(format!("{}", written + i)),
                }
            })
            .collect();
        let records = Report {
            document: Document {
                id: format!("doc-{doc_no}"),
                ..Document::default()
            },
            actors,
            places: Vec::new(),
            events,
            diagnostics: Vec::new(),
            published_time: None,
            timexes: Vec::new(),
            affiliations: Vec::new(),
        };
        store
            .ingest(
                &records,
                &format!("hash-{doc_no}"),
                &IngestOptions::default(),
            )
            .unwrap();
        written += n;
        doc_no += 1;
    }
    let ingest_s = started.elapsed().as_secs_f64();
    drop(store);
    let size_mb = std::fs::metadata(&path).unwrap().len() as f64 / 1e6;
    let started = Instant::now();
    let store = Store::open(&path).unwrap();
    let open_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let graph = eventgraph::load(&store).unwrap();
    let load_s = started.elapsed().as_secs_f64();
    assert_eq!(graph.n_events(), n_events);
    println!(
        "{{\"events\":{n_events},\"actors\":{n_actors},\"ingest_s\":{ingest_s:.2},\"db_mb\":{size_mb:.1},\
         \"open_s\":{open_s:.4},\"load_graph_s\":{load_s:.2}}}"
    );
}
