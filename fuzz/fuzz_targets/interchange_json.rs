//! The interchange JSON (one document, or JSON Lines when the input has
//! several lines): parsed, then checked into a `Report`. No panic; an error
//! names the file.

#![no_main]

use eventgraph::{read_interchange, to_records};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["fuzz.json", "fuzz.jsonl"] {
        let (docs, errors) = read_interchange(name, data);
        for error in &errors {
            assert!(error.to_string().contains(name));
        }
        for doc in &docs {
            let _ = to_records(&doc.doc, "fuzz");
        }
    }
});
