//! Article text (plain, with or without a `key: value` header) through the
//! whole extraction: no panic, and every evidence span lies in the input.

#![no_main]

use eventgraph::{extract_document, ExtractOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = ExtractOptions {
        file_name: Some("fuzz.txt".into()),
        ..ExtractOptions::default()
    };
    if let Ok(doc) = extract_document(data, &options) {
        for event in &doc.events {
            for evidence in &event.evidence {
                assert!(evidence.start <= evidence.end && evidence.end <= data.len());
            }
        }
    }
});
