//! Scores the temporal tagger on the TempEval-3 platinum test set: strict
//! and relaxed extent F1 and value F1. The TimeML files are read from the
//! shared data folder at run time (`$EVENTGRAPH_SHARED/data/temporal/tempeval3`,
//! `EVENTGRAPH_SHARED` defaulting to `../shared` beside the crate root).
//!
//! `cargo run --example tempeval3 [-- --misses]`

#[path = "../tests/temporal_harness/mod.rs"]
mod harness;
#[path = "../tests/common/shared.rs"]
mod shared;

use harness::tempeval;

fn main() {
    let dir = shared::shared_path("data/temporal/tempeval3");
    let show = std::env::args().any(|a| a == "--misses");
    match tempeval::run(&dir) {
        Ok((s, misses, extra)) => {
            println!(
                "TempEval-3 platinum ({}): gold {} system {}",
                dir.display(),
                s.gold,
                s.system
            );
            for (name, (p, r, f)) in [
                ("strict extent", s.strict_f1()),
                ("relaxed extent", s.relaxed_f1()),
                ("value", s.value_f1()),
                ("type", s.type_f1()),
            ] {
                println!("  {name:<15} P={p:.3} R={r:.3} F1={f:.3}");
            }
            if show {
                println!("misses:");
                for m in &misses {
                    println!("  {m}");
                }
                println!("extra:");
                for m in &extra {
                    println!("  {m}");
                }
            }
        }
        Err(e) => {
            eprintln!("tempeval3: {e}");
            std::process::exit(2);
        }
    }
}
