//! Trains the UPOS tagger alone and prints its accuracy on a development
//! file after every epoch: quick experiments on the tagger's options.
//!
//! ```text
//! cargo run --release --example train_tagger -- \
//!     --train ../shared/data/syntax/ud-english-ewt/en_ewt-ud-train.conllu \
//!     --dev ../shared/data/syntax/ud-english-ewt/en_ewt-ud-dev.conllu \
//!     [--epochs N] [--one-pass] [--contiguous] [--prev-tag-flags]
//! ```
//!
//! `--contiguous` takes the tagger's jackknife folds as contiguous blocks
//! of the file instead of every k-th sentence.
//!
//! `--prev-tag-flags` adds the feature previous tag + word flags + last
//! letter (`TaggerOptions::prev_tag_flags`).

use eventgraph::syntax::conllu::{read_conllu, Sentence};
use eventgraph::syntax::tagger::{accuracy, train_tagger, Tagger, TaggerOptions};
use std::time::Instant;

fn read(path: &str) -> Vec<Sentence> {
    let parsed = std::fs::File::open(path)
        .map_err(|e| format!("{path}: {e}"))
        .and_then(|f| read_conllu(path, std::io::BufReader::new(f)).map_err(|e| e.to_string()));
    match parsed {
        Ok(s) => s,
        Err(e) => {
            eprintln!("train_tagger: {e}");
            std::process::exit(1);
        }
    }
}

fn main() {
    let mut options = TaggerOptions::default();
    let (mut train, mut dev) = (String::new(), String::new());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match arg.as_str() {
            "--train" => train = value(),
            "--dev" => dev = value(),
            "--epochs" => options.epochs = value().parse().unwrap_or(options.epochs),
            "--one-pass" => options.two_pass = false,
            "--contiguous" => options.contiguous_folds = true,
            "--prev-tag-flags" => options.prev_tag_flags = true,
            other => {
                eprintln!("train_tagger: unknown argument '{other}'");
                std::process::exit(2);
            }
        }
    }
    let (train, dev) = (read(&train), read(&dev));
    let started = Instant::now();
    let mut hook = |epoch: usize, tagger: &Tagger| {
        println!(
            "epoch {epoch}: dev UPOS {:.2}% ({:.0}s)",
            100.0 * accuracy(tagger, &dev),
            started.elapsed().as_secs_f64()
        );
    };
    let tagger = train_tagger(&train, &options, Some(&mut hook));
    println!(
        "final: dev UPOS {:.2}%, {} features",
        100.0 * accuracy(&tagger, &dev),
        tagger.feature_count()
    );
}
