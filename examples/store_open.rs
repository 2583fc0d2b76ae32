//! How fast a store of a million events opens: writes the benchmark workload
//! (WORKLOAD.md: 1,000,000 events, 100,000 actors) into a SQLite store through
//! `Store::ingest` (documents of 1,000 events, one transaction each), then
//! times `Store::open` and `pipeline::load` (one ordered scan per table
//! into the graph's bulk builder; no JSON is parsed) and checks the loaded
//! graph against the generated events. Prints one JSON object.
//!
//! ```text
//! cargo run --release --example store_open -- --db /tmp/workload.db [--events N --actors N] [--reuse]
//! ```
//! `--reuse` skips writing when the database already exists.

#[path = "graph_workload/workload.rs"]
mod workload;

use eventgraph::{
    date_of_day_number, day_number, Actor, ActorKind, Document, EventKind, IngestOptions, Modality,
    Report, ReportEvent, Role, Store, When,
};
use serde_json::json;
use std::time::Instant;

const EVENTS_PER_DOCUMENT: usize = 1000;

fn main() {
    if let Err(message) = run() {
        eprintln!("store_open: {message}");
        std::process::exit(2);
    }
}

fn status_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))?
                .split_whitespace()
                .nth(1)?
                .parse::<f64>()
                .ok()
        })
        .unwrap_or(f64::NAN)
        / 1024.0
}

/// CPU seconds (user + system) of this process, from `/proc/self/stat`.
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn run() -> Result<(), String> {
    let mut db = None;
    let mut n_events = 1_000_000usize;
    let mut n_actors = 100_000usize;
    let mut reuse = false;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--db" => db = Some(value()?),
            "--events" => n_events = value()?.parse().map_err(|e| format!("--events: {e}"))?,
            "--actors" => n_actors = value()?.parse().map_err(|e| format!("--actors: {e}"))?,
            "--reuse" => reuse = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let db = db.ok_or("--db PATH is required")?;
    let path = std::path::Path::new(&db);
    let events = workload::generate_events(n_events, n_actors);
    let kinds = [
        EventKind::Meet,
        EventKind::Visit,
        EventKind::Call,
        EventKind::Statement,
        EventKind::Mobilize,
    ];
    let base = day_number(chrono::NaiveDate::from_ymd_opt(2005, 1, 1).expect("valid date"));
    let mut out = serde_json::Map::new();
    out.insert("n_events".into(), json!(n_events));
    out.insert("n_actors".into(), json!(n_actors));

    if !(reuse && path.exists()) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{db}{suffix}"));
        }
        let mut store = Store::open(path).map_err(|e| e.to_string())?;
        let t0 = Instant::now();
        for (d, first) in (0..events.len()).step_by(EVENTS_PER_DOCUMENT).enumerate() {
            let last = (first + EVENTS_PER_DOCUMENT).min(events.len());
            let mut actors: Vec<Actor> = Vec::new();
            let mut slot_of = std::collections::HashMap::new();
            let mut records = Vec::with_capacity(last - first);
            for i in first..last {
                let participants = events
                    .actors_of(i)
                    .iter()
                    .map(|&a| {
                        let slot = *slot_of.entry(a).or_insert_with(|| {
                            actors.push(Actor::new(format!("actor {a}"), ActorKind::Person));
                            actors.len() - 1
                        });
                        (slot, Role::Participant)
                    })
                    .collect();
                let day = date_of_day_number(base + i32::from(events.days[i])).expect("valid day");
                records.push(ReportEvent {
                    kind: kinds[events.types[i] as usize],
                    cameo: None,
                    source_code: None,
                    target_code: None,
                    when: Some(When::day(day)),
                    date_origin: eventgraph::DateOrigin::Given,
                    participants,
                    place: None,
                    modality: Modality::Asserted,
                    confidence: 1.0,
                    evidence: Vec::new(),
                    external_id: Some(i.to_string()),
                });
            }
            let doc = Report {
                document: Document {
                    id: format!("workload-{d}"),
                    source: Some("workload".to_string()),
                    ..Document::default()
                },
                actors,
                places: Vec::new(),
                events: records,
                diagnostics: Vec::new(),
                published_time: None,
                timexes: Vec::new(),
                affiliations: Vec::new(),
            };
            store
                .ingest(&doc, &format!("workload-{d}"), &IngestOptions::default())
                .map_err(|e| e.to_string())?;
        }
        out.insert(
            "write_s".into(),
            json!((t0.elapsed().as_secs_f64() * 100.0).round() / 100.0),
        );
    }
    let size: u64 = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{db}{s}")).ok())
        .map(|m| m.len())
        .sum();
    out.insert("db_mb".into(), json!((size as f64 / 1e6).round()));

    let rss0 = status_mb("VmRSS:");
    let t0 = Instant::now();
    let store = Store::open(path).map_err(|e| e.to_string())?;
    let open_s = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let c1 = cpu_s();
    let graph = eventgraph::load(&store).map_err(|e| e.to_string())?;
    let load_s = t1.elapsed().as_secs_f64();
    out.insert("load_graph_cpu_s".into(), json!(cpu_s() - c1));
    out.insert(
        "load1".into(),
        json!(std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_string()),
    );
    out.insert("open_s".into(), json!((open_s * 1000.0).round() / 1000.0));
    out.insert(
        "load_graph_s".into(),
        json!((load_s * 1000.0).round() / 1000.0),
    );
    out.insert(
        "load_rss_delta_mb".into(),
        json!((status_mb("VmRSS:") - rss0).round()),
    );
    out.insert("peak_rss_mb".into(), json!(status_mb("VmHWM:").round()));
    out.insert("graph_events".into(), json!(graph.n_events()));
    out.insert("graph_actors".into(), json!(graph.n_actors()));
    out.insert(
        "graph_participations".into(),
        json!(graph.n_participations()),
    );
    let mut seen = vec![false; n_actors];
    for &a in &events.actors {
        seen[a as usize] = true;
    }
    let n_used_actors = seen.iter().filter(|&&s| s).count();
    let ok = graph.n_events() == events.len()
        && graph.n_participations() == events.actors.len()
        && graph.n_actors() == n_used_actors;
    out.insert("counts_ok".into(), json!(ok));
    println!("{}", serde_json::Value::Object(out));
    Ok(())
}
