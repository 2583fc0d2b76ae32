//! TempEval-3 platinum: value F1 of the tagger must stay at or above 0.80
//! (HeidelTime, the best system of that evaluation, scored 0.776). The
//! TimeML files are read from the shared data folder at run time
//! (`$EVENTGRAPH_SHARED/data/temporal/tempeval3`); without it the test is
//! skipped with a notice, or fails under `EVENTGRAPH_REQUIRE_SHARED=1`.

mod common;
#[path = "temporal_harness/mod.rs"]
mod harness;

#[test]
fn tempeval3_value_f1() {
    let Some(dir) = common::shared("data/temporal/tempeval3") else {
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
