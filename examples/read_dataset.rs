//! Reads GDELT or ICEWS files with the library's dataset readers and prints
//! one JSON line per file: format, lines, records, bad rows, MB/s and rows/s,
//! and the first bad rows. Progress is drawn on stderr when it is a terminal
//! (unless `--quiet`).
//!
//! ```text
//! cargo run --release --example read_dataset -- [--format F] [--strict] [--quiet] FILE...
//! ```

use eventgraph::{read_dataset, DatasetFormat, DatasetOptions, Progress, TerminalProgress};
use serde_json::json;
use std::time::Instant;

fn main() {
    let mut format = None;
    let mut strict = false;
    let mut quiet = false;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => {
                let value = args.next().unwrap_or_default();
                match DatasetFormat::parse(&value) {
                    Ok(f) => format = f,
                    Err(e) => {
                        eprintln!("read_dataset: {e}");
                        std::process::exit(2);
                    }
                }
            }
            "--strict" => strict = true,
            "--quiet" => quiet = true,
            _ => files.push(arg),
        }
    }
    let mut status = 0;
    for file in files {
        let input = match std::fs::File::open(&file) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("read_dataset: {file}: cannot open: {e}");
                status = 2;
                continue;
            }
        };
        let options = DatasetOptions {
            format,
            strict,
            file: file.clone(),
        };
        let mut progress = TerminalProgress::new(quiet);
        progress.start(&file);
        let mut n_participants = 0usize;
        let t0 = Instant::now();
        let result = read_dataset(input, &options, &mut progress, &mut |record| {
            n_participants += record.event.participants.len();
        });
        let seconds = t0.elapsed().as_secs_f64();
        match result {
            Ok(report) => {
                let s = &report.stats;
                println!(
                    "{}",
                    json!({
                        "file": file,
                        "format": report.format.map(|f| f.as_str()),
                        "lines": s.lines,
                        "records": s.records,
                        "bad_rows": s.bad_rows,
                        "participants": n_participants,
                        "seconds": (seconds * 1000.0).round() / 1000.0,
                        "mb_per_s": (s.bytes as f64 / 1e6 / seconds * 10.0).round() / 10.0,
                        "rows_per_s": ((s.records + s.bad_rows) as f64 / seconds).round(),
                        "first_bad_rows": report.bad_rows.iter().take(5).map(|b| b.to_string()).collect::<Vec<_>>(),
                    })
                );
                if s.bad_rows > 0 {
                    status = 2;
                }
            }
            Err(e) => {
                eprintln!("read_dataset: {e}");
                status = 2;
            }
        }
    }
    std::process::exit(status);
}
