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
        .unwrap_or_else(|_| format!("{}/../../shared/eval/articles", env!("CARGO_MANIFEST_DIR")));
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

#[test]
#[ignore = "measures speed; run in release"]
fn parse_time_and_find_all_throughput() {
    let files = Lexicon::builtin_files();
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let lex = Lexicon::parse(&files).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(lex);
    }
    times.sort_by(f64::total_cmp);
    let lex = Lexicon::builtin();
    println!(
        "parse: median {:.1} ms (min {:.1}, max {:.1}); {} entries, {} names",
        times[2],
        times[0],
        times[4],
        lex.entries().len(),
        lex.n_names()
    );
    let text = bench_text();
    let words = text.split_whitespace().count();
    let mut best = f64::MAX;
    let mut n_matches = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let m = lex.find_all(&text);
        best = best.min(t.elapsed().as_secs_f64());
        n_matches = m.len();
    }
    println!(
        "find_all: {:.1} MB in {:.3} s = {:.0} MB/s, {:.1} M words/s, {} matches",
        text.len() as f64 / 1e6,
        best,
        text.len() as f64 / 1e6 / best,
        words as f64 / 1e6 / best,
        n_matches
    );
}
