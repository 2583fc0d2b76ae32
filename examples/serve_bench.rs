//! Timings of the `serve` API on a large graph, either the shared 1M-event
//! workload (the graph of `graph_workload`: 1,000,000 events over 100,000
//! actors named "actor N", Zipf-distributed) or a store given with `--db`
//! (loaded as `serve` loads it, `eventgraph::load`; e.g. the 1M-row GDELT
//! store of `gen_gdelt` + `ingest`). Starts the web server
//! (`eventgraph::WebServer`) on a free local port and times HTTP requests
//! end to end: actor searches (a prefix, a full name, a typo that only the
//! fuzzy pass finds, a short prefix) and actor pages (the busiest actor, a
//! median one). Prints one JSON object: the median and the worst of
//! `--runs` requests each, in milliseconds. The issue's targets: search
//! <= 50 ms, actor page <= 200 ms.
//!
//! ```text
//! cargo run --release --example serve_bench -- [--events N] [--actors N] [--runs N]
//! cargo run --release --example serve_bench -- --db STORE [--runs N]
//! ```

#[path = "graph_workload/workload.rs"]
mod workload;

use eventgraph::{
    day_number, Actor, ActorId, ActorKind, EventKind, Graph, GraphBuilder, NewEvent, Role, Store,
    WebServer,
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

/// A typo of a name: its first word of five letters or more with two
/// neighbouring letters swapped (or the name itself when it has none).
fn typo_of(name: &str) -> String {
    let words: Vec<String> = name
        .split(' ')
        .map(|w| {
            let mut chars: Vec<char> = w.chars().collect();
            if chars.len() >= 5 {
                chars.swap(2, 3);
            }
            chars.into_iter().collect()
        })
        .collect();
    words.join(" ")
}

/// Many searches: for 100 actors spread over the order by events, a typo
/// of the name and the first three letters of its last word.
fn sweep_paths(graph: &Graph) -> Vec<String> {
    let mut actors: Vec<ActorId> = graph.actor_ids().collect();
    actors.sort_by_key(|&id| (std::cmp::Reverse(graph.actor_event_count(id)), id));
    let step = (actors.len() / 100).max(1);
    let mut paths = Vec::new();
    for &id in actors.iter().step_by(step).take(100) {
        let name = graph.actor(id).map(|a| a.name.clone()).unwrap_or_default();
        let last: String = name
            .split(' ')
            .next_back()
            .unwrap_or("")
            .chars()
            .take(3)
            .collect();
        for q in [typo_of(&name), last] {
            let path = format!(
                "/api/search?q={}",
                q.replace('%', "%25")
                    .replace(' ', "+")
                    .replace('&', "%26")
                    .replace('#', "%23")
            );
            paths.push(path);
        }
    }
    paths
}

/// Times each path once: the count, median, 95th percentile and worst, in
/// milliseconds.
fn sweep(port: u16, paths: &[String]) -> Value {
    let mut times: Vec<f64> = paths.iter().map(|p| get(port, p).1).collect();
    times.sort_by(|a, b| a.total_cmp(b));
    let at = |f: f64| (times[((times.len() - 1) as f64 * f) as usize] * 100.0).round() / 100.0;
    json!({"requests": times.len(), "median_ms": at(0.5), "p95_ms": at(0.95), "max_ms": at(1.0)})
}

/// The paths timed: searches and actor pages chosen from the graph (the
/// busiest actor and the one in the middle of the order by events).
fn paths(graph: &Graph) -> (Vec<String>, Vec<String>, String) {
    let mut actors: Vec<(usize, ActorId)> = graph
        .actor_ids()
        .map(|id| (graph.actor_event_count(id), id))
        .collect();
    actors.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let busiest = actors[0].1;
    let median = actors[actors.len() / 2].1;
    let name = |id: ActorId| graph.actor(id).map(|a| a.name.clone()).unwrap_or_default();
    let q = |text: &str| text.replace(' ', "+").replace('&', "%26");
    let busiest_name = name(busiest);
    let median_name = name(median);
    // the typo: of the first name from the middle on with a word of five
    // letters or more
    let typo_target = actors[actors.len() / 2..]
        .iter()
        .map(|&(_, id)| name(id))
        .find(|n| n.split(' ').any(|w| w.chars().count() >= 5))
        .unwrap_or_else(|| median_name.clone());
    let prefix: String = busiest_name.chars().take(4).collect();
    let short: String = busiest_name.chars().take(1).collect();
    let search = vec![
        format!("/api/search?q={}", q(&prefix)),
        format!("/api/search?q={}", q(&median_name)),
        format!("/api/search?q={}", q(&typo_of(&typo_target))),
        format!("/api/search?q={}", q(&short)),
    ];
    // the busiest actor whose page the server makes on request (pages of
    // actors with 10,000 events or more are made at start)
    let on_request = actors.iter().find(|a| a.0 < 10_000).map_or(median, |a| a.1);
    let pages = vec![
        format!("/api/actor?id=a{}", busiest.index()),
        format!("/api/actor?id=a{}", on_request.index()),
        format!("/api/actor?id=a{}", median.index()),
    ];
    (
        search,
        pages,
        format!("/api/graph?actor=a{}", busiest.index()),
    )
}

fn load_store(path: &str) -> Graph {
    let store =
        Store::open_read_only(std::path::Path::new(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    eventgraph::load(&store).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn main() {
    let mut n_events = 1_000_000usize;
    let mut n_actors = 100_000usize;
    let mut runs = 7usize;
    let mut db: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--db" {
            db = Some(args.next().expect("--db needs a path"));
            continue;
        }
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
    let graph = match &db {
        Some(path) => load_store(path),
        None => synthetic(n_events, n_actors),
    };
    let built_s = started.elapsed().as_secs_f64();
    let (n_events, n_actors) = (graph.n_events(), graph.actor_ids().count());
    let (search, pages, graph_path) = paths(&graph);
    let sweep_list = sweep_paths(&graph);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    // the search index and the pages of the busiest actors are made here
    let preparing = Instant::now();
    let server = WebServer::new(graph, listener, "serve_bench".into()).unwrap();
    let prepared_s = preparing.elapsed().as_secs_f64();
    let port = server.local_addr().unwrap().port();
    let ready = Instant::now();
    std::thread::spawn(move || server.run());
    let _ = get(port, "/api/info");
    let report = json!({
        "events": n_events, "actors": n_actors, "runs": runs,
        "store": db,
        "build_graph_s": (built_s * 100.0).round() / 100.0,
        "server_prepare_s": (prepared_s * 100.0).round() / 100.0,
        "first_request_s": (ready.elapsed().as_secs_f64() * 100.0).round() / 100.0,
        "search": search.iter().map(|p| time(port, p, runs)).collect::<Vec<_>>(),
        "actor_page": pages.iter().map(|p| time(port, p, runs)).collect::<Vec<_>>(),
        "graph": [time(port, &graph_path, runs)],
        "search_sweep": sweep(port, &sweep_list),
    });
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
}

/// The graph of the shared workload: `n_events` events over `n_actors`
/// actors named "actor N".
fn synthetic(n_events: usize, n_actors: usize) -> Graph {
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
    builder.build()
}
