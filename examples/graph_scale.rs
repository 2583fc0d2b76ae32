//! Scale check of the graph on a synthetic load shaped like the benchmark
//! workload (SplitMix64, Zipf actors, 2 or 3 actors per event). Run it in
//! release mode (formerly an ignored test; it measures, so it is an example):
//!
//! `cargo run --release --example graph_scale`
//!
//! `EVENTGRAPH_SCALE_EVENTS` and `EVENTGRAPH_SCALE_ACTORS` shrink it.

use eventgraph::{Actor, ActorId, ActorKind, EventKind, Graph, GraphBuilder, NewEvent, Role};
use std::time::Instant;

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unif(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

struct Row {
    day: i32,
    kind: EventKind,
    actors: Vec<u32>,
}

fn generate(n_events: usize, n_actors: usize) -> Vec<Row> {
    let mut cum = Vec::with_capacity(n_actors);
    let mut total = 0.0;
    for r in 0..n_actors {
        total += 1.0 / (r as f64 + 1.0);
        cum.push(total);
    }
    let mut rng = SplitMix(20140331);
    let mut rows = Vec::with_capacity(n_events);
    for _ in 0..n_events {
        let day = (rng.unif() * 7305.0) as i32;
        let u = rng.unif();
        let kind = if u < 0.25 {
            EventKind::Meet
        } else if u < 0.40 {
            EventKind::Visit
        } else if u < 0.60 {
            EventKind::Call
        } else if u < 0.90 {
            EventKind::Statement
        } else {
            EventKind::Mobilize
        };
        let k = 2 + (rng.next() >> 63) as usize;
        let mut actors: Vec<u32> = Vec::with_capacity(k);
        while actors.len() < k {
            let x = rng.unif() * total;
            let r = cum.partition_point(|&c| c <= x).min(n_actors - 1) as u32;
            if !actors.contains(&r) {
                actors.push(r);
            }
        }
        rows.push(Row { day, kind, actors });
    }
    rows
}

fn build(rows: &[Row], n_actors: usize) -> (Graph, Vec<ActorId>) {
    let n_parts: usize = rows.iter().map(|r| r.actors.len()).sum();
    let mut builder = GraphBuilder::new();
    builder.reserve(n_actors, rows.len(), n_parts);
    let ids: Vec<ActorId> = (0..n_actors)
        .map(|i| builder.add_actor(Actor::new(format!("actor {i}"), ActorKind::Person)))
        .collect();
    eprintln!("actors added");
    let t = Instant::now();
    let mut parts = Vec::with_capacity(3);
    let mut external = String::new();
    for (i, row) in rows.iter().enumerate() {
        parts.clear();
        parts.extend(
            row.actors
                .iter()
                .map(|&a| (ids[a as usize], Role::Participant)),
        );
        external.clear();
        use std::fmt::Write;
        let _ = write!(external, "{i}");
        let mut event = NewEvent::day(row.kind, row.day, &parts);
        event.external_id = Some(&external);
        builder.add_event(&event).expect("valid event");
    }
    eprintln!("events added {:.3}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let graph = builder.build();
    eprintln!("index build {:.3}s", t.elapsed().as_secs_f64());
    (graph, ids)
}

fn rss_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn percentile(times: &mut [f64], p: f64) -> f64 {
    times.sort_by(|a, b| a.total_cmp(b));
    times[((times.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    million_event_load();
}

fn million_event_load() {
    let n_events: usize = std::env::var("EVENTGRAPH_SCALE_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let n_actors: usize = std::env::var("EVENTGRAPH_SCALE_ACTORS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let rows = generate(n_events, n_actors);
    let rss_before = rss_mb("VmRSS:");
    let started = Instant::now();
    let (graph, ids) = build(&rows, n_actors);
    let build_s = started.elapsed().as_secs_f64();
    let rss_after = rss_mb("VmRSS:");
    assert_eq!(graph.n_events(), n_events);

    let mut rng = SplitMix(20140332);
    let mut q1 = Vec::new();
    let mut total = 0usize;
    for i in 0..1000u32 {
        let actor = if i % 100 == 0 {
            0
        } else {
            (rng.next() % n_actors as u64) as usize
        };
        let from = (rng.unif() * 7275.0) as i32;
        let t = Instant::now();
        let found = graph.events_of_actor(ids[actor], from, from + 29);
        q1.push(t.elapsed().as_secs_f64() * 1000.0);
        total += found.len();
    }
    let mut q2 = Vec::new();
    let mut n_pairs = 0;
    for len in [30, 365] {
        for _ in 0..10 {
            let from = (rng.unif() * (7305 - len) as f64) as i32;
            let t = Instant::now();
            let pairs = graph.pairs_in(&[EventKind::Meet], from, from + len - 1);
            q2.push((len, t.elapsed().as_secs_f64() * 1000.0));
            n_pairs += pairs.len();
        }
    }
    let mut q2_30: Vec<f64> = q2.iter().filter(|q| q.0 == 30).map(|q| q.1).collect();
    let mut q2_365: Vec<f64> = q2.iter().filter(|q| q.0 == 365).map(|q| q.1).collect();
    println!(
        "{{\"events\":{n_events},\"actors\":{n_actors},\"build_s\":{build_s:.3},\
         \"rss_growth_mb\":{:.1},\"peak_rss_mb\":{:.1},\
         \"q1_p50_ms\":{:.4},\"q1_p95_ms\":{:.4},\"q1_results\":{total},\
         \"q2_30d_p50_ms\":{:.3},\"q2_365d_p50_ms\":{:.3},\"q2_pairs\":{n_pairs}}}",
        rss_after - rss_before,
        rss_mb("VmHWM:"),
        percentile(&mut q1.clone(), 0.5),
        percentile(&mut q1, 0.95),
        percentile(&mut q2_30, 0.5),
        percentile(&mut q2_365, 0.5),
    );
}
