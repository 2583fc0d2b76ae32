//! Coding speed with the Phoenix/CAMEO dictionaries loaded: words per
//! second on one thread, the parse included and the coder alone, over
//! sentences generated from templates written for this benchmark.
//!
//!     cargo run --release --example petrarch_speed
//!
//! Reads `$EVENTGRAPH_SHARED/data/petrarch` (default `../shared`).

#[path = "../tests/common/shared.rs"]
mod shared;

use eventgraph::petrarch::{Coder, Dictionaries, DictionaryFiles};
use eventgraph::syntax::Model;
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

const ACTORS: &[&str] = &[
    "Russia",
    "France",
    "the United Nations",
    "Germany's foreign minister",
    "Chinese police",
    "Japan",
    "the Iranian government",
    "Brazil",
    "Kenyan troops",
    "the European Union",
];
const TEMPLATES: &[&str] = &[
    "{A} condemned {B} on Monday over the border dispute.",
    "{A} met {B} in the capital to discuss trade and security.",
    "Officials said {A} had accused {B} of violating the ceasefire agreement.",
    "{A} and {B} signed an agreement on energy cooperation after two days of talks.",
    "{A} urged {B} to release the detained journalists before the end of the month.",
    "{A} is about to restore full diplomatic ties with {B}, a senior official said.",
    "Protesters in the city demanded that {A} impose sanctions on {B}.",
    "{A} sent humanitarian aid to {B} after the floods destroyed thousands of homes.",
];

fn main() {
    let dir = shared::shared_path("data/petrarch");
    let files = DictionaryFiles {
        verbs: Some(dir.join("CAMEO.2.0.txt")),
        actors: vec![
            dir.join("Phoenix.Countries.actors.txt"),
            dir.join("Phoenix.International.actors.txt"),
            dir.join("Phoenix.MilNonState.actors.txt"),
        ],
        agents: Some(dir.join("Phoenix.agents.txt")),
        discards: Some(dir.join("Phoenix.discards.txt")),
    };
    let wall = Instant::now();
    let t0 = thread_cpu(wall);
    let w0 = thread_waited();
    let dicts = match Dictionaries::load(&files, false) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("petrarch_speed: {e}");
            std::process::exit(2);
        }
    };
    println!(
        "load: {:.0} ms wall, {:.0} ms CPU, {:.0} ms waiting for a CPU",
        wall.elapsed().as_secs_f64() * 1000.0,
        (thread_cpu(wall) - t0) * 1000.0,
        (thread_waited() - w0) * 1000.0
    );
    let coder = Coder::new(dicts);
    let mut sentences = Vec::new();
    for t in TEMPLATES {
        for (i, a) in ACTORS.iter().enumerate() {
            let b = ACTORS[(i + 3) % ACTORS.len()];
            let s = t.replacen("{A}", a, 1).replacen("{B}", b, 1);
            let mut chars = s.chars();
            let s = match chars.next() {
                Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
                None => s,
            };
            sentences.push(s);
        }
    }
    let text = sentences.join(" ");
    let model = Model::builtin();
    let analyzed = model.analyze_text(&text);
    let words: usize = analyzed.iter().map(|s| s.words.len()).sum();
    let rounds = 20;
    let wall = Instant::now();
    // the parse alone
    let t0 = thread_cpu(wall);
    for _ in 0..rounds {
        std::hint::black_box(model.analyze_text(&text));
    }
    let parse = thread_cpu(wall) - t0;
    // the parse and the coder (discards, sentences, events)
    let t0 = thread_cpu(wall);
    let mut events = 0;
    for _ in 0..rounds {
        events += coder
            .code_text(&text, None)
            .iter()
            .map(|s| s.codings.len())
            .sum::<usize>();
    }
    let full = thread_cpu(wall) - t0;
    // the coder alone, on sentences parsed once
    let t0 = thread_cpu(wall);
    for _ in 0..rounds {
        for s in &analyzed {
            std::hint::black_box(coder.code_analyzed(s, None));
        }
    }
    let alone = thread_cpu(wall) - t0;
    let total = (words * rounds) as f64;
    println!(
        "{} sentences, {words} words, {} events per round",
        analyzed.len(),
        events / rounds
    );
    println!("(words per second of this thread's CPU time)");
    println!("parse alone:    {:.0} words/s", total / parse);
    println!("parse + coding: {:.0} words/s", total / full);
    println!("coding alone:   {:.0} words/s", total / alone);
}
