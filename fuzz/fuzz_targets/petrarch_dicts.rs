//! PETRARCH dictionaries: the same bytes read as each of the four kinds
//! (verbs, actors, agents, discards). Each reader gives a dictionary or an
//! error naming the file and a line inside it; never a panic.

#![no_main]

use eventgraph::petrarch::{ActorDict, AgentDict, DictError, DiscardList, VerbDict};
use libfuzzer_sys::fuzz_target;

fn check(error: Option<DictError>, text: &str) {
    if let Some(error) = error {
        assert_eq!(error.file, "fuzz.txt");
        let lines = text.lines().count().max(1);
        assert!((1..=lines).contains(&error.line), "{error} ({lines} lines)");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(VerbDict::parse(&text, "fuzz.txt").err(), &text);
    check(ActorDict::parse(&text, "fuzz.txt").err(), &text);
    check(AgentDict::parse(&text, "fuzz.txt").err(), &text);
    check(DiscardList::parse(&text, "fuzz.txt").err(), &text);
});
