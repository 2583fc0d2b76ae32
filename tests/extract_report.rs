//! `extract_report` stores what ingesting `extract_document`'s JSON stores:
//! for every article of `data/articles` and a few written here (no date,
//! no text, HTML, an undated event), the report equals the JSON read back
//! by `to_records`.

use eventgraph::{extract_document, extract_report, to_records, ExtractOptions};

fn check(name: &str, bytes: &[u8], options: &ExtractOptions) {
    let doc = extract_document(bytes, options).unwrap();
    let mut decoded = to_records(&doc, "fallback");
    // The extraction's warnings come first, without a line; the values'
    // diagnostics name the document's line.
    let mut diagnostics: Vec<_> = doc
        .warnings
        .iter()
        .map(|w| eventgraph::Diagnostic::new(w.as_str()))
        .collect();
    diagnostics.extend(decoded.diagnostics.drain(..).map(|d| d.with_line(1)));
    decoded.diagnostics = diagnostics;
    let mut report = extract_report(bytes, options).unwrap();
    if report.document.id.is_empty() {
        report.document.id = "fallback".to_string();
    }
    assert_eq!(report, decoded, "{name}");
}

#[test]
fn the_report_is_the_json_read_back() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let options = ExtractOptions {
            file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
            ..ExtractOptions::default()
        };
        check(&path.display().to_string(), &bytes, &options);
        n += 1;
    }
    assert!(n > 0, "no article in {dir}");
}

#[test]
fn edge_cases_agree_too() {
    let none = ExtractOptions::default();
    for (name, text) in [
        (
            "undated",
            "Minister Arlo Venn met Premier Dana Kestrel in Lisbon.\n",
        ),
        (
            "dated",
            "published: 2019-11-05\n\nMinister Arlo Venn met Premier Dana Kestrel in Lisbon on \
             Monday. Venn will visit Kestrel again in 2020, the ministry said.\n",
        ),
        ("empty", ""),
        (
            "html",
            "<html><head><title>Talks</title></head><body><p>Premier Dana Kestrel called \
             Minister Arlo Venn on Friday.</p></body></html>",
        ),
    ] {
        check(name, text.as_bytes(), &none);
    }
    let dated = ExtractOptions {
        published: chrono::NaiveDate::from_ymd_opt(2021, 6, 1),
        file_name: Some("given.txt".to_string()),
    };
    check(
        "given date",
        b"Minister Arlo Venn met Premier Dana Kestrel last week.\n",
        &dated,
    );
}
