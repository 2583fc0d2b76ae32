//! The 1M-event graph benchmark of the shared workload (WORKLOAD.md): builds
//! the graph through the library's `graph::GraphBuilder` (the code the CLI
//! ingests with), runs the Q1 and Q2 queries, checks every answer against
//! `expected.json` (or, without it, against a brute-force scan of the
//! generated events) and prints one JSON object with the timings.
//!
//! ```text
//! cargo run --release --example graph_workload -- \
//!     --queries ../shared/bench/queries.json --expected ../shared/bench/expected.json
//! cargo run --release --example graph_workload -- --events 20000 --actors 2000
//! cargo run --release --example graph_workload -- --dump out/events.tsv
//! ```

mod workload;

use eventgraph::{
    day_number, Actor, ActorId, ActorKind, EventId, EventKind, Graph, GraphBuilder, NewEvent, Role,
};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::time::Instant;
use workload::{Events, Queries, Q1, Q2};

/// The published hashes (WORKLOAD.md) of the full-size files.
const EVENTS_TSV_SHA256: &str = "bb967ea4e2db5b5d682198ed9a875accf357613c1be1f6535f4a62eed2f3e5f8";
const QUERIES_JSON_SHA256: &str =
    "99284338cb3df127c7a83ff5b2438bfd872fa052bc6d1fff0ab8d7b58b049b88";

struct Args {
    queries: Option<String>,
    expected: Option<String>,
    events: usize,
    actors: usize,
    runs: usize,
    dump: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        queries: None,
        expected: None,
        events: 1_000_000,
        actors: 100_000,
        runs: 3,
        dump: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |text: String| {
            text.parse::<usize>()
                .map_err(|_| format!("expected a number, but found {text:?}"))
        };
        match flag.as_str() {
            "--queries" => args.queries = Some(value()?),
            "--expected" => args.expected = Some(value()?),
            "--events" => args.events = number(value()?)?,
            "--actors" => args.actors = number(value()?)?,
            "--runs" => args.runs = number(value()?)?.max(1),
            "--dump" => args.dump = Some(value()?),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if args.actors < 3 || args.events == 0 {
        return Err("expected at least 1 event and 3 actors".into());
    }
    Ok(args)
}

/// The event kind standing for a workload type.
fn kind_of(t: u8) -> EventKind {
    match t {
        0 => EventKind::Meet,
        1 => EventKind::Visit,
        2 => EventKind::Call,
        3 => EventKind::Statement,
        _ => EventKind::Mobilize,
    }
}

/// Day 0 of the workload (2005-01-01) as a graph day number.
fn epoch() -> i32 {
    day_number(chrono::NaiveDate::from_ymd_opt(2005, 1, 1).expect("valid date"))
}

/// The graph and the maps from its ids back to workload ids.
struct Built {
    graph: Graph,
    event_of: Vec<u32>,
    actor_rank: Vec<u32>,
    actor_ids: Vec<ActorId>,
}

/// Builds the graph from the generated events with the library's bulk
/// builder: actors, then events with their participants, then the indexes.
fn build(events: &Events) -> Built {
    let n_links = events.actors.len();
    let mut builder = GraphBuilder::new();
    builder.reserve(events.n_actors, events.len(), n_links);
    let mut actor_ids = Vec::with_capacity(events.n_actors);
    let mut name = String::new();
    for r in 0..events.n_actors {
        name.clear();
        let _ = write!(name, "actor {r}");
        actor_ids.push(builder.add_actor(Actor::new(name.as_str(), ActorKind::Person)));
    }
    let max_actor = actor_ids.iter().map(|a| a.index()).max().unwrap_or(0);
    let mut actor_rank = vec![u32::MAX; max_actor + 1];
    for (r, a) in actor_ids.iter().enumerate() {
        actor_rank[a.index()] = r as u32;
    }
    let base = epoch();
    let mut event_of = Vec::with_capacity(events.n_actors + events.len());
    let mut parts: Vec<(ActorId, Role)> = Vec::with_capacity(3);
    let mut external = String::new();
    for i in 0..events.len() {
        parts.clear();
        parts.extend(
            events
                .actors_of(i)
                .iter()
                .map(|&a| (actor_ids[a as usize], Role::Participant)),
        );
        external.clear();
        let _ = write!(external, "{i}");
        let day = base + i32::from(events.days[i]);
        let mut new = NewEvent::day(kind_of(events.types[i]), day, &parts);
        new.external_id = Some(external.as_str());
        let id = builder.add_event(&new).expect("valid event");
        if event_of.len() <= id.index() {
            event_of.resize(id.index() + 1, u32::MAX);
        }
        event_of[id.index()] = i as u32;
    }
    Built {
        graph: builder.build(),
        event_of,
        actor_rank,
        actor_ids,
    }
}

fn run_q1(built: &Built, q: &Q1) -> Vec<EventId> {
    let base = epoch();
    built.graph.events_of_actor(
        built.actor_ids[q.actor as usize],
        base + q.from as i32,
        base + q.to as i32 - 1,
    )
}

fn run_q2(built: &Built, q: &Q2) -> Vec<(ActorId, ActorId)> {
    let base = epoch();
    built.graph.pairs_in(
        &[EventKind::Meet],
        base + q.from as i32,
        base + q.to as i32 - 1,
    )
}

fn answer_q1(built: &Built, found: &[EventId]) -> (u64, u64) {
    let sum = found
        .iter()
        .map(|id| u64::from(built.event_of[id.index()]))
        .sum();
    (found.len() as u64, sum)
}

fn answer_q2(built: &Built, pairs: &[(ActorId, ActorId)], n_actors: u64) -> (u64, u64) {
    let sum = pairs
        .iter()
        .map(|&(a, b)| {
            let (ra, rb) = (built.actor_rank[a.index()], built.actor_rank[b.index()]);
            u64::from(ra.min(rb)) * n_actors + u64::from(ra.max(rb))
        })
        .sum();
    (pairs.len() as u64, sum)
}

/// Times each query `runs` times; returns per-query median seconds and the
/// answers of the last run.
fn time_queries<Q, A>(
    queries: &[Q],
    runs: usize,
    mut f: impl FnMut(&Q) -> A,
) -> (Vec<f64>, Vec<A>) {
    let mut per_run: Vec<Vec<f64>> = Vec::with_capacity(runs);
    let mut answers = Vec::new();
    for _ in 0..runs {
        let mut lat = Vec::with_capacity(queries.len());
        answers.clear();
        for q in queries {
            let t0 = Instant::now();
            let a = f(q);
            lat.push(t0.elapsed().as_secs_f64());
            answers.push(a);
        }
        per_run.push(lat);
    }
    let per_query = (0..queries.len())
        .map(|i| median(per_run.iter().map(|r| r[i]).collect()))
        .collect();
    (per_query, answers)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// `{p50_ms, p95_ms, max_ms}` over per-query latencies (p95 as the
/// reference computes it: the element at `int(0.95 * n)`).
fn stats(per_query: &[f64]) -> Value {
    let mut s = per_query.to_vec();
    s.sort_by(f64::total_cmp);
    let p95 = s[(s.len() - 1).min((0.95 * s.len() as f64) as usize)];
    let round = |x: f64| (x * 1e3 * 1e4).round() / 1e4;
    json!({
        "p50_ms": round(median(s.clone())),
        "p95_ms": round(p95),
        "max_ms": round(s[s.len() - 1]),
        "total_ms": round(per_query.iter().sum()),
    })
}

fn status_kb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse::<f64>().ok()
}

fn rss_mb() -> f64 {
    status_kb("VmRSS:").unwrap_or(f64::NAN) / 1024.0
}

fn peak_rss_mb() -> f64 {
    status_kb("VmHWM:").unwrap_or(f64::NAN) / 1024.0
}

/// CPU seconds (user + system) used by this process so far, from
/// `/proc/self/stat` (clock ticks of 1/100 s).
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are the
    // 12th and 13th of them.
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

fn load1() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(f64::NAN)
}

/// Reads `queries.json` (the reference layout).
fn read_queries(path: &str) -> Result<Queries, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("{path}: not JSON: {e}"))?;
    let field = |q: &Value, name: &str| -> Result<u32, String> {
        q.get(name)
            .and_then(Value::as_u64)
            .map(|v| v as u32)
            .ok_or_else(|| format!("{path}: expected a number in field {name:?}, but found {q}"))
    };
    let list = |name: &str| -> Result<Vec<Value>, String> {
        value
            .get(name)
            .and_then(Value::as_array)
            .cloned()
            .ok_or_else(|| format!("{path}: expected an array {name:?}"))
    };
    let q1 = |name: &str| -> Result<Vec<Q1>, String> {
        list(name)?
            .iter()
            .map(|q| {
                Ok(Q1 {
                    actor: field(q, "actor")?,
                    from: field(q, "from")?,
                    to: field(q, "to")?,
                })
            })
            .collect()
    };
    Ok(Queries {
        q1: q1("q1")?,
        q1_hub: q1("q1_hub")?,
        q2: list("q2")?
            .iter()
            .map(|q| {
                Ok(Q2 {
                    from: field(q, "from")?,
                    to: field(q, "to")?,
                })
            })
            .collect::<Result<_, String>>()?,
    })
}

/// Expected answers: `(count, checksum)` per query of each list.
struct Expected {
    q1: Vec<(u64, u64)>,
    q1_hub: Vec<(u64, u64)>,
    q2: Vec<(u64, u64)>,
}

fn read_expected(path: &str) -> Result<Expected, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("{path}: not JSON: {e}"))?;
    let list = |name: &str, sum: &str| -> Result<Vec<(u64, u64)>, String> {
        value
            .get(name)
            .and_then(Value::as_array)
            .ok_or_else(|| format!("{path}: expected an array {name:?}"))?
            .iter()
            .map(|a| {
                let count = a.get("count").and_then(Value::as_u64);
                let s = a.get(sum).and_then(Value::as_u64);
                count.zip(s).ok_or_else(|| {
                    format!("{path}: expected {{\"count\", {sum:?}}}, but found {a}")
                })
            })
            .collect()
    };
    Ok(Expected {
        q1: list("q1", "sum_event_ids")?,
        q1_hub: list("q1_hub", "sum_event_ids")?,
        q2: list("q2", "sum_a_times_N_plus_b")?,
    })
}

fn main() {
    if let Err(message) = run() {
        eprintln!("graph_workload: {message}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let full_size = args.events == 1_000_000 && args.actors == 100_000;
    let mut out = serde_json::Map::new();
    out.insert("n_events".into(), json!(args.events));
    out.insert("n_actors".into(), json!(args.actors));
    out.insert("load1_start".into(), json!(load1()));
    let rss_start = rss_mb();

    let t0 = Instant::now();
    let events = workload::generate_events(args.events, args.actors);
    let generated = workload::generate_queries(args.actors);
    out.insert(
        "generate_s".into(),
        json!(round3(t0.elapsed().as_secs_f64())),
    );
    out.insert("n_links".into(), json!(events.actors.len()));

    let queries_sha = workload::sha256_hex(workload::queries_json(&generated).as_bytes());
    out.insert("queries_json_sha256".into(), json!(queries_sha));
    if let Some(path) = &args.dump {
        let mut bytes = Vec::with_capacity(events.len() * 30);
        workload::write_events_tsv(&events, &mut bytes).map_err(|e| e.to_string())?;
        std::fs::write(path, &bytes).map_err(|e| format!("{path}: cannot write: {e}"))?;
        let sha = workload::sha256_hex(&bytes);
        if full_size {
            out.insert("events_tsv_matches".into(), json!(sha == EVENTS_TSV_SHA256));
            out.insert(
                "queries_json_matches".into(),
                json!(queries_sha == QUERIES_JSON_SHA256),
            );
        }
        out.insert("events_tsv_sha256".into(), json!(sha));
    }

    let queries = match &args.queries {
        Some(path) => {
            let read = read_queries(path)?;
            if read != generated {
                return Err(format!(
                    "{path}: the queries differ from the generated ones (is the file for {} events and {} actors?)",
                    args.events, args.actors
                ));
            }
            read
        }
        None => generated,
    };
    let expected = match &args.expected {
        Some(path) => Some(read_expected(path)?),
        None => None,
    };

    // Build three times; keep the last graph.
    let mut build_times = Vec::with_capacity(3);
    let mut build_cpu = Vec::with_capacity(3);
    let mut built: Option<Built> = None;
    for run in 0..3 {
        drop(built.take());
        let rss_before = rss_mb();
        let t0 = Instant::now();
        let c0 = cpu_s();
        let b = build(&events);
        build_times.push(t0.elapsed().as_secs_f64());
        build_cpu.push(cpu_s() - c0);
        if run == 0 {
            out.insert(
                "graph_rss_delta_mb".into(),
                json!(round1(rss_mb() - rss_before)),
            );
        }
        built = Some(b);
    }
    let built = built.expect("built three times");
    out.insert(
        "build_s_runs".into(),
        json!(build_times.iter().map(|&t| round3(t)).collect::<Vec<_>>()),
    );
    out.insert("build_s".into(), json!(round3(median(build_times))));
    out.insert("build_cpu_s".into(), json!(round3(median(build_cpu))));

    let n_actors = args.actors as u64;
    let (lat_q1, found_q1) = time_queries(&queries.q1, args.runs, |q| run_q1(&built, q));
    let (lat_hub, found_hub) = time_queries(&queries.q1_hub, args.runs, |q| run_q1(&built, q));
    let (lat_q2, found_q2) = time_queries(&queries.q2, args.runs, |q| run_q2(&built, q));
    let got_q1: Vec<(u64, u64)> = found_q1.iter().map(|f| answer_q1(&built, f)).collect();
    let got_hub: Vec<(u64, u64)> = found_hub.iter().map(|f| answer_q1(&built, f)).collect();
    let got_q2: Vec<(u64, u64)> = found_q2
        .iter()
        .map(|p| answer_q2(&built, p, n_actors))
        .collect();

    let (want_q1, want_hub, want_q2, checked_against) = match expected {
        Some(e) => (e.q1, e.q1_hub, e.q2, "expected.json"),
        None => (
            workload::reference_q1_all(&events, &queries.q1),
            workload::reference_q1_all(&events, &queries.q1_hub),
            queries
                .q2
                .iter()
                .map(|q| workload::reference_q2(&events, q))
                .collect(),
            "brute-force scan",
        ),
    };
    let mismatches = |name: &str, got: &[(u64, u64)], want: &[(u64, u64)]| -> Vec<String> {
        if got.len() != want.len() {
            return vec![format!(
                "{name}: {} answers, expected {}",
                got.len(),
                want.len()
            )];
        }
        got.iter()
            .zip(want)
            .enumerate()
            .filter(|(_, (g, w))| g != w)
            .map(|(i, (g, w))| format!("{name}[{i}]: got {g:?}, expected {w:?}"))
            .collect()
    };
    let mut wrong = mismatches("q1", &got_q1, &want_q1);
    wrong.extend(mismatches("q1_hub", &got_hub, &want_hub));
    wrong.extend(mismatches("q2", &got_q2, &want_q2));
    for w in wrong.iter().take(10) {
        eprintln!("graph_workload: wrong answer {w}");
    }

    out.insert("q1".into(), stats(&lat_q1));
    out.insert("q1_hub".into(), stats(&lat_hub));
    out.insert("q2_30d".into(), stats(&lat_q2[..lat_q2.len() / 2]));
    out.insert("q2_365d".into(), stats(&lat_q2[lat_q2.len() / 2..]));
    out.insert(
        "q1_results_total".into(),
        json!(got_q1.iter().map(|a| a.0).sum::<u64>()),
    );
    out.insert("answers_checked_against".into(), json!(checked_against));
    out.insert("answers_wrong".into(), json!(wrong.len()));
    out.insert("answers_ok".into(), json!(wrong.is_empty()));
    out.insert("graph_events".into(), json!(built.graph.n_events()));
    out.insert(
        "graph_participations".into(),
        json!(built.graph.n_participations()),
    );
    out.insert("rss_start_mb".into(), json!(round1(rss_start)));
    out.insert("rss_end_mb".into(), json!(round1(rss_mb())));
    out.insert("peak_rss_mb".into(), json!(round1(peak_rss_mb())));
    out.insert("load1_end".into(), json!(load1()));
    println!("{}", Value::Object(out));
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!("{} wrong answers", wrong.len()))
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
