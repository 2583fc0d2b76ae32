//! Prints the results of the Duckling and chrono English suites per suite
//! and per category, with the out-of-scope reasons and the first failures.
//!
//! `cargo run --example temporal_suites [-- FAILURES_TO_SHOW]`

#[path = "../tests/temporal_harness/mod.rs"]
mod harness;

use std::path::Path;

fn main() {
    let show: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/temporal");
    for (name, run) in [
        (
            "duckling-en",
            harness::run_duckling as fn(&Path) -> Result<Vec<harness::CaseResult>, String>,
        ),
        ("chrono-en", harness::run_chrono),
    ] {
        match run(&dir.join(format!("{name}.jsonl"))) {
            Ok(results) => println!("{}", harness::report(name, &results, show)),
            Err(e) => {
                eprintln!("temporal_suites: {e}");
                std::process::exit(2);
            }
        }
    }
}
