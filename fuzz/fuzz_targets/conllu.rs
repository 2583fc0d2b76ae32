//! CoNLL-U: what reads is written back, and reading and writing that again
//! gives the same bytes (the reader and writer are lossless). No panic.

#![no_main]

use eventgraph::syntax::conllu::{read_conllu, write_conllu};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(sentences) = read_conllu("fuzz.conllu", data) else {
        return;
    };
    let mut first = Vec::new();
    write_conllu(&mut first, &sentences).expect("writes to memory");
    let again = read_conllu("fuzz.conllu", first.as_slice()).expect("what was written reads");
    let mut second = Vec::new();
    write_conllu(&mut second, &again).expect("writes to memory");
    assert_eq!(first, second);
});
