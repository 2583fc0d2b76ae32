//! Bad input never panics: empty, binary, invalid UTF-8, a 50 MB line, an
//! article without any date, arbitrary bytes.

use eventgraph::{extract_document, ExtractOptions};
use proptest::prelude::*;

fn opts() -> ExtractOptions {
    ExtractOptions::default()
}

#[test]
fn empty_file_gives_an_empty_document_with_a_warning() {
    let doc = extract_document(b"", &opts()).unwrap();
    assert!(doc.events.is_empty() && doc.actors.is_empty());
    assert!(
        doc.warnings.iter().any(|w| w.contains("empty")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn binary_file_is_a_clear_error() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    let o = ExtractOptions {
        file_name: Some("x.bin".into()),
        ..opts()
    };
    let err = extract_document(&bytes, &o).unwrap_err().to_string();
    assert!(err.contains("x.bin") && err.contains("binary"), "{err}");
}

#[test]
fn invalid_utf8_is_read_lossily_with_offsets_into_the_file() {
    let mut src = b"published: 2014-03-31\n\nIn Paris, \xff\xfe U.S. Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov.\n".to_vec();
    src.extend_from_slice(b"\n\xc3 Kerry said the talks were useful.\n");
    let doc = extract_document(&src, &opts()).unwrap();
    assert!(
        doc.warnings.iter().any(|w| w.contains("invalid UTF-8")),
        "{:?}",
        doc.warnings
    );
    let meet = doc
        .events
        .iter()
        .find(|e| e.kind == "meet")
        .expect("a meeting");
    let ev = &meet.evidence[0];
    let file_text = String::from_utf8_lossy(&src[ev.start..ev.end]).into_owned();
    assert!(file_text.starts_with("In Paris,"), "{file_text}");
    assert!(file_text.ends_with("Lavrov."), "{file_text}");
}

#[test]
fn a_50_mb_single_line_is_read() {
    // one line: a real sentence, then 50 MB of long words with no sentence
    // end (the shape of a minified page), then another sentence
    let mut s =
        String::from("Secretary of State John Kerry met Foreign Minister Sergei Lavrov in Paris. ");
    let word = "x".repeat(997);
    while s.len() < 50 * 1024 * 1024 {
        s.push_str(&word);
        s.push_str(", ");
    }
    s.push_str("Putin called Merkel on Monday.");
    // No time is asserted (a test does not measure speed; benches/extract.rs
    // does): quadratic work on 50 MB would take hours, so a regression shows
    // as a test that never ends.
    let doc = extract_document(s.as_bytes(), &opts()).unwrap();
    assert!(
        doc.events.iter().any(|e| e.kind == "meet"),
        "{:?}",
        doc.events
    );
}

#[test]
fn no_date_anywhere_warns_and_leaves_dates_unresolved() {
    let src = b"Kerry met Lavrov in Paris on Sunday.\n";
    let doc = extract_document(src, &opts()).unwrap();
    assert!(doc.document.published.is_none());
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.contains("no publication date")),
        "{:?}",
        doc.warnings
    );
    for e in &doc.events {
        // nothing is guessed: no day for an expression that needs a reference
        assert!(e.date.start.is_none(), "{:?}", e.date);
    }
    for t in &doc.timexes {
        if t.text.to_lowercase().contains("sunday") {
            assert!(t.date.is_none(), "{t:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = extract_document(&bytes, &opts());
    }

    #[test]
    fn arbitrary_text_never_panics(s in "[A-Za-z .,'\u{2019}\u{201c}\u{201d}\"()\n:-]{0,400}") {
        let doc = extract_document(s.as_bytes(), &opts()).unwrap();
        for e in &doc.events {
            for ev in &e.evidence {
                prop_assert!(ev.start <= ev.end && ev.end <= s.len());
            }
        }
    }
}
