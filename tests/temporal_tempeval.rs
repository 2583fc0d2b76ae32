//! TempEval-3 platinum: value F1 of the tagger must stay at or above 0.80
//! (HeidelTime, the best system of that evaluation, scored 0.776). The
//! TimeML files are read from the shared data folder at run time; the test
//! is skipped when they are absent.

#[path = "temporal_harness/mod.rs"]
mod harness;

use std::path::PathBuf;

#[test]
fn tempeval3_value_f1() {
    let dir = std::env::var("EVENTGRAPH_TEMPEVAL")
        .map(PathBuf::from)
        .ok()
        .or_else(|| {
            ["../shared", "../../shared", "/work/shared"]
                .iter()
                .map(|p| PathBuf::from(p).join("data/temporal/tempeval3"))
                .find(|p| p.is_dir())
        });
    let Some(dir) = dir else {
        eprintln!("tempeval3 folder not found: skipped");
        return;
    };
    let (s, _, _) = harness::tempeval::run(&dir).unwrap();
    let (_, _, strict) = s.strict_f1();
    let (_, _, relaxed) = s.relaxed_f1();
    let (_, _, value) = s.value_f1();
    println!("strict {strict:.3} relaxed {relaxed:.3} value {value:.3}");
    assert!(s.gold > 100, "only {} gold timexes read", s.gold);
    assert!(value >= 0.80, "value F1 {value:.3}");
}
