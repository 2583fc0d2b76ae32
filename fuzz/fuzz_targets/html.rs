//! HTML pages through the whole extraction: the input follows an `<html>`
//! start so that it is read as a page (markup, entities, cut tags); no
//! panic, and every evidence span lies in the page.

#![no_main]

use eventgraph::{extract_document, ExtractOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut page = b"<!DOCTYPE html><html><body>".to_vec();
    page.extend_from_slice(data);
    let options = ExtractOptions {
        file_name: Some("fuzz.html".into()),
        ..ExtractOptions::default()
    };
    if let Ok(doc) = extract_document(&page, &options) {
        for event in &doc.events {
            for evidence in &event.evidence {
                assert!(evidence.start <= evidence.end && evidence.end <= page.len());
            }
        }
    }
});
