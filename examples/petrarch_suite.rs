//! The PETRARCH unit-test suite coded by eventgraph: the pass rate overall
//! and per category on the active records (`sentence="false"` ones left
//! out; a record passes when its set of codings equals the expected set,
//! one expecting no event when nothing is coded). Also the load time of
//! the Phoenix/CAMEO dictionaries.
//!
//!     cargo run --release --example petrarch_suite [-- --failures]
//!
//! Reads `$EVENTGRAPH_SHARED/data/petrarch` (default `../shared`).

#[path = "../tests/common/shared.rs"]
mod shared;

use eventgraph::petrarch::{ratio, read_records, Coder, Dictionaries, DictionaryFiles};
use std::time::Instant;

/// The CPU time this thread has run, in seconds, from
/// /proc/thread-self/schedstat (Linux); wall time elsewhere.
fn thread_cpu(wall: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or_else(|| wall.elapsed().as_secs_f64(), |ns| ns as f64 / 1e9)
}

/// The time this thread has waited, runnable, for a CPU, in seconds (the
/// second field of /proc/thread-self/schedstat; 0 elsewhere): on a loaded
/// machine, most of the wall time that is not CPU time.
fn thread_waited() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0.0, |ns| ns as f64 / 1e9)
}

fn main() {
    let dir = shared::shared_path("data/petrarch");
    let show_failures = std::env::args().any(|a| a == "--failures");
    let validation = match read_records(&dir.join("PETR.UnitTest.records.xml")) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("petrarch_suite: {e}");
            std::process::exit(2);
        }
    };
    let dicts = match Dictionaries::load(&validation.files, false) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("petrarch_suite: {e}");
            std::process::exit(2);
        }
    };
    let coder = Coder::new(dicts);
    let score = validation.score(&coder);
    println!(
        "PETRARCH unit-test suite: {} active records",
        score.overall.1
    );
    println!(
        "{:<12} {:>6} {:>6} {:>7}",
        "category", "passed", "total", "rate"
    );
    for (category, counts) in &score.categories {
        println!(
            "{:<12} {:>6} {:>6} {:>6.1}%",
            category,
            counts.0,
            counts.1,
            100.0 * ratio(*counts)
        );
    }
    println!(
        "{:<12} {:>6} {:>6} {:>6.1}%",
        "no event",
        score.expecting_none.0,
        score.expecting_none.1,
        100.0 * ratio(score.expecting_none)
    );
    println!(
        "{:<12} {:>6} {:>6} {:>6.1}%",
        "overall",
        score.overall.0,
        score.overall.1,
        100.0 * score.rate()
    );
    if show_failures {
        for (id, category, got) in &score.failures {
            let got: Vec<String> = got
                .iter()
                .map(|c| format!("{}/{}/{}", c.source, c.target, c.code))
                .collect();
            println!("FAIL {id} [{category}] coded {got:?}");
        }
    }
    // the Phoenix/CAMEO dictionaries: load time (median of 5)
    let phoenix = DictionaryFiles {
        verbs: Some(dir.join("CAMEO.2.0.txt")),
        actors: vec![
            dir.join("Phoenix.Countries.actors.txt"),
            dir.join("Phoenix.International.actors.txt"),
            dir.join("Phoenix.MilNonState.actors.txt"),
        ],
        agents: Some(dir.join("Phoenix.agents.txt")),
        discards: Some(dir.join("Phoenix.discards.txt")),
    };
    let mut times = Vec::new();
    let mut cpu: Vec<f64> = Vec::new();
    let mut waited: Vec<f64> = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let t0 = thread_cpu(start);
        let w0 = thread_waited();
        match Dictionaries::load(&phoenix, false) {
            Ok(d) => std::hint::black_box(d),
            Err(e) => {
                eprintln!("petrarch_suite: {e}");
                std::process::exit(2);
            }
        };
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        cpu.push((thread_cpu(start) - t0) * 1000.0);
        waited.push((thread_waited() - w0) * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    waited.sort_by(f64::total_cmp);
    println!(
        "Phoenix dictionaries load: {:.0} ms wall, {:.0} ms CPU, {:.0} ms waiting for a CPU (medians of 5)",
        times[2], cpu[2], waited[2]
    );
}
