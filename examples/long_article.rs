//! Extraction time against article size (issue 18): one article of 8, 32
//! and 128 MB (paragraphs written for this benchmark, repeated with their
//! names and days varied), each extracted once after a warm-up; prints the
//! wall and CPU seconds, both per MB (the CPU figure stays flat when the
//! extraction is linear in the article's size; the wall figure also counts
//! other processes' load), and the process's peak resident memory so far
//! (Linux `VmHWM`; sizes in increasing order make it each size's peak).
//!
//! `cargo run --release --example long_article [-- MB...]`

use eventgraph::{extract_document, ExtractOptions};
use std::time::Instant;

const PEOPLE: [&str; 6] = [
    "Angela Merkel",
    "Wang Yi",
    "Emmanuel Macron",
    "Justin Trudeau",
    "Shinzo Abe",
    "Narendra Modi",
];
const PLACES: [&str; 4] = ["Berlin", "Paris", "Ottawa", "Tokyo"];
const DAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// Paragraph `k`: a meeting, a statement, a call and a visit, with the
/// names, places and days turned by `k`.
fn paragraph(k: usize) -> String {
    let a = PEOPLE[k % PEOPLE.len()];
    let b = PEOPLE[(k + 1) % PEOPLE.len()];
    let c = PEOPLE[(k + 3) % PEOPLE.len()];
    let place = PLACES[k % PLACES.len()];
    let day = DAYS[k % DAYS.len()];
    format!(
        "{a} met {b} in {place} on {day} to discuss trade and the climate talks planned \
         for next month. The two leaders said the meeting had been useful, according to \
         officials who briefed reporters afterwards. {c} called {a} on {day} evening, and \
         the foreign minister will visit {place} in the spring, the ministry said in a \
         statement.\n\n"
    )
}

/// An article of about `mb` megabytes: a header, then paragraphs.
fn article(mb: usize) -> Vec<u8> {
    let mut text = String::from("title: A long record of talks\npublished: 2019-05-14\n\n");
    let mut k = 0;
    while text.len() < mb << 20 {
        text.push_str(&paragraph(k));
        k += 1;
    }
    text.into_bytes()
}

fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// The process's peak resident set size in MB (Linux), if available.
fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let sizes: Vec<usize> = match std::env::args().skip(1).map(|a| a.parse()).collect() {
        Ok(sizes) if !Vec::<usize>::is_empty(&sizes) => sizes,
        Ok(_) => vec![8, 32, 128],
        Err(e) => {
            eprintln!("long_article: expected sizes in MB: {e}");
            std::process::exit(2);
        }
    };
    let options = ExtractOptions::default();
    // warm up: the lexicon, the trigger tables and the model load once
    let _ = extract_document(&article(1), &options);
    println!("size_mb\twall_s\twall_s_per_mb\tcpu_s\tcpu_s_per_mb\tpeak_rss_mb\tevents");
    for mb in sizes {
        let bytes = article(mb);
        let cpu0 = cpu_seconds();
        let start = Instant::now();
        let doc = extract_document(&bytes, &options).expect("the article reads");
        let wall = start.elapsed().as_secs_f64();
        let cpu = match (cpu0, cpu_seconds()) {
            (Some(a), Some(b)) => b - a,
            _ => wall,
        };
        let peak = peak_rss_mb().map_or("-".to_string(), |m| format!("{m:.0}"));
        println!(
            "{mb}\t{wall:.2}\t{:.3}\t{cpu:.2}\t{:.3}\t{peak}\t{}",
            wall / mb as f64,
            cpu / mb as f64,
            doc.events.len()
        );
    }
}
