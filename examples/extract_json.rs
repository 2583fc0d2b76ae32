//! Prints the extraction JSON of one article file:
//! `cargo run --example extract_json -- ARTICLE [--published YYYY-MM-DD]`.

use eventgraph::{extract_document, ExtractOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("extract_json: expected an article path");
        std::process::exit(2);
    };
    let mut options = ExtractOptions {
        file_name: std::path::Path::new(path)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned()),
        ..ExtractOptions::default()
    };
    if let Some(p) = args.iter().position(|a| a == "--published") {
        match args
            .get(p + 1)
            .map(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d"))
        {
            Some(Ok(d)) => options.published = Some(d),
            _ => {
                eprintln!("extract_json: expected a date like 2014-03-31 after --published");
                std::process::exit(2);
            }
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("extract_json: {path}: {e}");
            std::process::exit(2);
        }
    };
    match extract_document(&bytes, &options) {
        Ok(doc) => match serde_json::to_string_pretty(&doc) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("extract_json: {e}");
                std::process::exit(2);
            }
        },
        Err(e) => {
            eprintln!("extract_json: {path}: {e:#}");
            std::process::exit(2);
        }
    }
}
