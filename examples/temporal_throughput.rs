//! Throughput of `find_timexes` in wall-clock and CPU time over the 5 MB
//! news-like text of the criterion benchmark (CPU time from /proc, so the
//! figure per core holds on a loaded machine).
//!
//! `cargo run --release --example temporal_throughput [-- RUNS]`

#[path = "../benches/news_text.rs"]
mod news_text;

use eventgraph::{find_timexes, TagOptions};
use std::time::Instant;

/// User + system CPU seconds of this process, if /proc is there.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let text = news_text::news_text(5_000_000);
    let chars = text.chars().count();
    let opts = TagOptions::with_reference_date(
        chrono::NaiveDate::from_ymd_opt(2014, 3, 31).unwrap_or_default(),
    );
    let n = find_timexes(&text, &opts).len();
    let cpu0 = cpu_seconds();
    let t0 = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(find_timexes(std::hint::black_box(&text), &opts));
    }
    let wall = t0.elapsed().as_secs_f64();
    let total = (chars * runs) as f64;
    println!(
        "{} bytes, {} chars, {} timexes, {} runs",
        text.len(),
        chars,
        n,
        runs
    );
    println!(
        "wall: {:.2} s, {:.1} million chars/s",
        wall,
        total / wall / 1e6
    );
    if let (Some(a), Some(b)) = (cpu0, cpu_seconds()) {
        let cpu = b - a;
        if cpu > 0.0 {
            println!(
                "cpu:  {:.2} s, {:.1} million chars/s per core",
                cpu,
                total / cpu / 1e6
            );
        }
    }
}
