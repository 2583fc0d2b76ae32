//! Timings of the `serve` API on the shared 1M-event workload (the graph of
//! `graph_workload`: 1,000,000 events over 100,000 actors named
//! "actor N", Zipf-distributed): builds the graph, starts the web server
//! (`eventgraph::WebServer`) on a free local port and times HTTP requests
//! end to end: actor searches (a prefix, a full name, a typo that only the
//! fuzzy pass finds) and actor pages (the busiest actor, a median one).
//! Prints one JSON object: the median and the worst of `--runs` requests
//! each, in milliseconds. The issue's targets: search <= 50 ms, actor page
//! <= 200 ms.
//!
//! ```text
//! cargo run --release --example serve_bench -- [--events N] [--actors N] [--runs N]
//! ```

#[path = "graph_workload/workload.rs"]
mod workload;

use eventgraph::{
    day_number, Actor, ActorId, ActorKind, EventKind, GraphBuilder, NewEvent, Role, WebServer,
};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Instant;

fn kind_of(t: u8) -> EventKind {
    match t {
        0 => EventKind::Meet,
        1 => EventKind::Visit,
        2 => EventKind::Call,
        3 => EventKind::Statement,
        _ => EventKind::Mobilize,
    }
}

fn get(port: u16, path: &str) -> (String, f64) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    assert!(reply.starts_with("HTTP/1.1 200"), "{path}: {reply:.300}");
    let body = reply
        .split_once("\r\n\r\n")
        .map(|x| x.1)
        .unwrap_or("")
        .to_string();
    (body, ms)
}

fn time(port: u16, path: &str, runs: usize) -> Value {
    let mut times: Vec<f64> = Vec::new();
    let mut body = String::new();
    for _ in 0..runs {
        let (b, ms) = get(port, path);
        body = b;
        times.push(ms);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let reply: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    json!({"path": path, "median_ms": (times[times.len() / 2] * 100.0).round() / 100.0,
           "max_ms": (times[times.len() - 1] * 100.0).round() / 100.0,
           "reply_bytes": body.len(),
           "results": reply.get("results").and_then(|r| r.as_array()).map(|r| r.len()),
           "events": reply.get("events")})
}

fn main() {
    let mut n_events = 1_000_000usize;
    let mut n_actors = 100_000usize;
    let mut runs = 7usize;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value: usize = args
            .next()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{flag} needs a number"));
        match flag.as_str() {
            "--events" => n_events = value,
            "--actors" => n_actors = value,
            "--runs" => runs = value.max(1),
            _ => panic!("unknown flag {flag}"),
        }
    }
    let started = Instant::now();
    let events = workload::generate_events(n_events, n_actors);
    let mut builder = GraphBuilder::new();
    builder.reserve(events.n_actors, events.len(), events.actors.len());
    let mut ids: Vec<ActorId> = Vec::with_capacity(events.n_actors);
    for r in 0..events.n_actors {
        ids.push(builder.add_actor(Actor::new(format!("actor {r}"), ActorKind::Person)));
    }
    let base = day_number(chrono::NaiveDate::from_ymd_opt(2005, 1, 1).unwrap());
    let mut parts: Vec<(ActorId, Role)> = Vec::new();
    let mut external = String::new();
    for i in 0..events.len() {
        parts.clear();
        parts.extend(
            events
                .actors_of(i)
                .iter()
                .map(|&a| (ids[a as usize], Role::Participant)),
        );
        external.clear();
        let _ = write!(external, "{i}");
        let mut new = NewEvent::day(
            kind_of(events.types[i]),
            base + i32::from(events.days[i]),
            &parts,
        );
        new.external_id = Some(external.as_str());
        builder.add_event(&new).expect("valid event");
    }
    let graph = builder.build();
    let built_s = started.elapsed().as_secs_f64();
    let busiest = ids[0].index();
    let median = ids[n_actors / 2].index();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let server = WebServer::new(graph, listener, "serve_bench".into()).unwrap();
    let port = server.local_addr().unwrap().port();
    let ready = Instant::now();
    std::thread::spawn(move || server.run());
    let _ = get(port, "/api/info");
    let report = json!({
        "events": n_events, "actors": n_actors, "runs": runs,
        "build_graph_s": (built_s * 100.0).round() / 100.0,
        "server_start_s": (ready.elapsed().as_secs_f64() * 100.0).round() / 100.0,
        "search": [
            time(port, "/api/search?q=actor+12", runs),
            time(port, "/api/search?q=actor+54321", runs),
            time(port, "/api/search?q=actro+54321", runs),
        ],
        "actor_page": [
            time(port, &format!("/api/actor?id=a{busiest}"), runs),
            time(port, &format!("/api/actor?id=a{median}"), runs),
        ],
        "graph": [time(port, &format!("/api/graph?actor=a{busiest}"), runs)],
    });
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
}
