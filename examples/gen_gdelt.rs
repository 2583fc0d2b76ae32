//! Writes a GDELT 1.0 daily-layout file (58 tab-separated columns) of any
//! size from the shared sample rows, deterministically: row `i` is sample
//! row `i mod n` with GLOBALEVENTID `900000000 + i`, its day (SQLDATE,
//! MonthYear, Year, FractionDate, DATEADDED) drawn over the 366 days of
//! 2016 by a fixed hash of `i`, and its SOURCEURL given a `#<day>`
//! fragment (one source document per sample URL and day, about as many
//! documents per event as a GDELT day has). The same arguments give the
//! same bytes.
//!
//! ```text
//! cargo run --release --example gen_gdelt -- --rows 1000000 --out /tmp/g1m.tsv [--sample FILE]
//! ```

#[path = "../tests/common/shared.rs"]
mod shared;

use std::io::Write;

/// SplitMix64: a fixed, well-mixed hash of the row number.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn main() {
    let mut rows: u64 = 1_000_000;
    let mut out = None;
    let mut sample = shared::shared_path("data/gdelt/gdelt1_events_20160728_58col.tsv");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value) {
            ("--rows", Some(v)) => {
                rows = v.parse().unwrap_or_else(|_| {
                    eprintln!("gen_gdelt: --rows needs a number, found {v:?}");
                    std::process::exit(2)
                })
            }
            ("--out", Some(v)) => out = Some(v),
            ("--sample", Some(v)) => sample = v.into(),
            _ => {
                eprintln!("usage: gen_gdelt --rows N --out FILE [--sample FILE]");
                std::process::exit(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!("usage: gen_gdelt --rows N --out FILE [--sample FILE]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&sample).unwrap_or_else(|e| {
        eprintln!("gen_gdelt: {}: {e}", sample.display());
        std::process::exit(2)
    });
    let templates: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| f.len() == 58)
        .collect();
    if templates.is_empty() {
        eprintln!("gen_gdelt: {}: no 58-column row", sample.display());
        std::process::exit(2);
    }
    let file = std::fs::File::create(&out).unwrap_or_else(|e| {
        eprintln!("gen_gdelt: {out}: {e}");
        std::process::exit(2)
    });
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let jan1 = chrono::NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    let mut line = String::with_capacity(1024);
    for i in 0..rows {
        let t = &templates[(i % templates.len() as u64) as usize];
        let doy = (mix(i) % 366) as i64;
        let day = jan1 + chrono::Duration::days(doy);
        let ymd = day.format("%Y%m%d").to_string();
        line.clear();
        for (c, field) in t.iter().enumerate() {
            if c > 0 {
                line.push('\t');
            }
            match c {
                0 => line.push_str(&(900_000_000 + i).to_string()),
                1 | 56 => line.push_str(&ymd),
                2 => line.push_str(&ymd[..6]),
                3 => line.push_str("2016"),
                4 => line.push_str(&format!("{:.4}", 2016.0 + doy as f64 / 366.0)),
                57 => {
                    line.push_str(field);
                    line.push('#');
                    line.push_str(&ymd);
                }
                _ => line.push_str(field),
            }
        }
        line.push('\n');
        if let Err(e) = w.write_all(line.as_bytes()) {
            eprintln!("gen_gdelt: {out}: {e}");
            std::process::exit(2);
        }
    }
    if let Err(e) = w.flush() {
        eprintln!("gen_gdelt: {out}: {e}");
        std::process::exit(2);
    }
    eprintln!("gen_gdelt: wrote {rows} rows to {out}");
}
