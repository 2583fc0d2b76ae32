//! Speed of the builtin lexicon: parse time and `find_all` throughput.
//!
//! Run with `cargo test --release --test lexicon_perf -- --ignored --nocapture`.
//! The text is the articles of `EVENTGRAPH_BENCH_DIR` (default: the shared
//! evaluation articles beside the repository) repeated to about 50 MB, or,
//! when there are none, a text made from lexicon names and filler words.

use std::time::Instant;

use eventgraph::lexicon::Lexicon;

fn bench_text() -> String {
    let dir = std::env::var("EVENTGRAPH_BENCH_DIR")
        .unwrap_or_else(|_| format!("{}/../shared/eval/articles", env!("CARGO_MANIFEST_DIR")));
    let mut base = String::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|x| x == "txt") {
                base.push_str(&std::fs::read_to_string(&p).unwrap_or_default());
                base.push('\n');
            }
        }
    }
    if base.is_empty() {
        let lex = Lexicon::builtin();
        for (i, e) in lex.entries().iter().enumerate().step_by(7) {
            base.push_str("the minister said on Tuesday that talks with ");
            base.push_str(&e.canonical);
            base.push_str(if i % 2 == 0 {
                " would go on. "
            } else {
                " had failed.\n"
            });
        }
    }
    let mut text = String::with_capacity(52_000_000);
    while text.len() < 50_000_000 {
        text.push_str(&base);
    }
    text
}

/// CPU time of this thread in seconds (Linux `/proc/thread-self/schedstat`),
/// which, unlike wall time, does not count waiting for a busy machine.
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

#[test]
#[ignore = "measures speed; run in release"]
fn parse_time_and_find_all_throughput() {
    let files = Lexicon::builtin_files();
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..5 {
        let c = thread_cpu_seconds();
        let t = Instant::now();
        let lex = Lexicon::parse(&files).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if let (Some(a), Some(b)) = (c, thread_cpu_seconds()) {
            cpu.push((b - a) * 1000.0);
        }
        std::hint::black_box(lex);
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    let lex = Lexicon::builtin();
    println!(
        "parse: wall median {:.1} ms (min {:.1}, max {:.1}), cpu median {:.1} ms; {} entries, {} names",
        times[2],
        times[0],
        times[4],
        cpu.get(2).copied().unwrap_or(f64::NAN),
        lex.entries().len(),
        lex.n_names()
    );
    let text = bench_text();
    let words = text.split_whitespace().count();
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut n_matches = 0;
    for _ in 0..3 {
        let c = thread_cpu_seconds();
        let t = Instant::now();
        let m = lex.find_all(&text);
        best = best.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c, thread_cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
        n_matches = m.len();
    }
    let mb = text.len() as f64 / 1e6;
    println!(
        "find_all: {mb:.1} MB, {:.1} M words, {n_matches} matches; wall {best:.3} s = {:.0} MB/s, {:.1} M words/s; cpu {best_cpu:.3} s = {:.0} MB/s, {:.1} M words/s",
        words as f64 / 1e6,
        mb / best,
        words as f64 / 1e6 / best,
        mb / best_cpu,
        words as f64 / 1e6 / best_cpu,
    );
}
