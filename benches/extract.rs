//! Throughput of `extract_document` end to end (reading, dates, mentions,
//! events), in words per second on one core. Reads the shared evaluation
//! articles when `$EVENTGRAPH_SHARED/eval/articles` exists (never shipped;
//! `EVENTGRAPH_SHARED` defaults to `../shared` beside the crate root), else the
//! seed article in `data/articles`, and repeats them to about 20 MB.
//!
//! `cargo bench --bench extract`

#[path = "../tests/common/shared.rs"]
mod shared;

use eventgraph::{extract_document, ExtractOptions};
use std::time::Instant;

fn main() {
    let mut docs: Vec<Vec<u8>> = Vec::new();
    let shared = shared::shared_path("eval/articles");
    if let Ok(rd) = std::fs::read_dir(&shared) {
        let mut paths: Vec<_> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            if let Ok(b) = std::fs::read(&p) {
                docs.push(b);
            }
        }
    }
    if docs.is_empty() {
        eprintln!(
            "extract: {} not found; the corpus is the seed article alone",
            shared.display()
        );
        let seed = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/articles/france24-2014-03-31-russia-troops.txt"
        );
        docs.push(std::fs::read(seed).expect("the seed article"));
    } else {
        eprintln!(
            "extract: the corpus is the {} articles of {}",
            docs.len(),
            shared.display()
        );
    }
    let words_per_round: usize = docs
        .iter()
        .map(|d| String::from_utf8_lossy(d).split_whitespace().count())
        .sum();
    let bytes_per_round: usize = docs.iter().map(Vec::len).sum();
    let rounds = (20_000_000 / bytes_per_round.max(1)).max(1);
    let opts = ExtractOptions::default();
    // warm up: lexicon and trigger tables are built once
    for d in &docs {
        let _ = extract_document(d, &opts);
    }
    let cpu0 = cpu_seconds();
    let t = Instant::now();
    let mut events = 0usize;
    for _ in 0..rounds {
        for d in &docs {
            events += extract_document(d, &opts)
                .map(|x| x.events.len())
                .unwrap_or(0);
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    let words = words_per_round * rounds;
    println!(
        "extract: {} documents, {:.1} MB, {} words, {} events in {:.2} s: {:.0} words/s, {:.2} MB/s",
        docs.len() * rounds,
        (bytes_per_round * rounds) as f64 / 1e6,
        words,
        events,
        secs,
        words as f64 / secs,
        (bytes_per_round * rounds) as f64 / 1e6 / secs
    );
    if let Some(cpu) = cpu {
        // on a shared machine the wall clock counts other people's work:
        // the CPU time of this thread is the one-core figure
        println!(
            "extract: {:.2} s on the CPU: {:.0} words/s per core",
            cpu,
            words as f64 / cpu
        );
    }
}

/// CPU time of this thread in seconds (Linux `schedstat`), if available.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
