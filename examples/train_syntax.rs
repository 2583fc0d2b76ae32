//! Trains the syntax model (tagger, lemmatiser, parser) on a CoNLL-U
//! treebank and writes the model file, byte-identical from run to run.
//!
//! ```text
//! cargo run --release --example train_syntax -- \
//!     --train ../shared/data/syntax/ud-english-ewt/en_ewt-ud-train.conllu \
//!     --dev ../shared/data/syntax/ud-english-ewt/en_ewt-ud-dev.conllu \
//!     [--out data/syntax/en_ewt.model] [--tagger-epochs N] \
//!     [--parser-epochs N] [--jackknife K] [--parser-min-weight W]
//!     [--parser-keep-last] [--parser-mix-seeds S1,S2,...]
//!     [--tagger-prev-tag-flags]
//! ```
//!
//! `--tagger-prev-tag-flags` adds the tagger feature previous tag + word
//! flags + last letter (`TaggerOptions::prev_tag_flags`, docs/syntax.md).
//!
//! `--parser-mix-seeds 1,2` trains two more parsers with those seeds and
//! ships the uniform mixture of the three (parameter mixing,
//! `Parser::mix`): +0.3-0.4 UAS and LAS on dev and test for no parsing
//! cost (docs/syntax.md).
//!
//! `--parser-keep-last` keeps the parser's last epoch (a fixed epoch
//! count) instead of the epoch with the best dev LAS: for training on a
//! set that includes the dev file.
//!
//! `--train` may be given more than once: the files' sentences are read in
//! that order as one training set (`--train TRAIN --train DEV --dev DEV`
//! trains on train + dev, with dev figures on text it was trained on; the
//! shipped model is trained on train alone, see docs/syntax.md).
//!
//! Prints the development figures per epoch (tagger, then parser), then the
//! figures of the written model on the development file.

use eventgraph::syntax::conllu::{read_conllu, Sentence};
use eventgraph::syntax::parser::TEMPLATES_LEXICAL;
use eventgraph::syntax::{train_model, Model, TrainOptions};
use std::io::BufReader;
use std::process::ExitCode;
use std::time::Instant;

fn read(path: &str) -> Result<Vec<Sentence>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    read_conllu(path, BufReader::new(file)).map_err(|e| e.to_string())
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (mut train, mut dev) = (Vec::new(), None);
    let mut out = "data/syntax/en_ewt.model".to_string();
    let mut options = TrainOptions::default();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        let number = |text: String, name: &str| {
            text.parse::<usize>()
                .map_err(|_| format!("{name}: expected a number, found '{text}'"))
        };
        match arg.as_str() {
            "--train" => train.push(value("--train")?),
            "--dev" => dev = Some(value("--dev")?),
            "--out" => out = value("--out")?,
            "--tagger-epochs" => {
                options.tagger.epochs = number(value("--tagger-epochs")?, "--tagger-epochs")?
            }
            "--parser-epochs" => {
                options.parser.epochs = number(value("--parser-epochs")?, "--parser-epochs")?
            }
            "--parser-keep-last" => options.parser.keep_last = true,
            "--parser-lexical-tags" => options.parser.templates |= TEMPLATES_LEXICAL,
            "--tagger-prev-tag-flags" => options.tagger.prev_tag_flags = true,
            "--parser-mix-seeds" => {
                let text = value("--parser-mix-seeds")?;
                options.parser_mix_seeds = text
                    .split(',')
                    .map(|seed| {
                        seed.parse::<u64>().map_err(|_| {
                            format!("--parser-mix-seeds: expected numbers, found '{seed}'")
                        })
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--jackknife" => options.jackknife = number(value("--jackknife")?, "--jackknife")?,
            "--parser-min-weight" => {
                let text = value("--parser-min-weight")?;
                options.parser.min_weight = text.parse().map_err(|_| {
                    format!("--parser-min-weight: expected a number, found '{text}'")
                })?
            }
            other => return Err(format!("unknown argument '{other}'")),
        }
    }
    if train.is_empty() {
        return Err("--train FILE is required".to_string());
    }
    let mut sentences = Vec::new();
    for path in &train {
        sentences.extend(read(path)?);
    }
    let train = sentences;
    let dev = read(&dev.ok_or("--dev FILE is required")?)?;
    println!(
        "train: {} sentences, dev: {} sentences",
        train.len(),
        dev.len()
    );
    let start = Instant::now();
    let model = train_model(&train, &dev, &options, &mut |line: &str| {
        println!("[{:6.1}s] {line}", start.elapsed().as_secs_f64())
    });
    let mut bytes = Vec::new();
    model
        .write_to(&mut bytes)
        .map_err(|e| format!("writing the model: {e}"))?;
    if let Some(dir) = std::path::Path::new(&out).parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
    }
    std::fs::write(&out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    // The figures of the model as written, read back.
    let loaded = Model::from_bytes(&bytes).map_err(|e| e.to_string())?;
    let (mut words, mut upos, mut lemma, mut uas, mut las) = (0usize, 0, 0, 0, 0);
    for sentence in &dev {
        let gold: Vec<_> = sentence.words().collect();
        let forms: Vec<&str> = gold.iter().map(|w| w.form.as_str()).collect();
        for (g, a) in gold.iter().zip(loaded.analyze(&forms)) {
            words += 1;
            upos += usize::from(g.upos == Some(a.upos));
            lemma += usize::from(g.lemma == a.lemma);
            if g.head == Some(a.head) {
                uas += 1;
                las +=
                    usize::from(g.universal_deprel() == a.deprel.split(':').next().unwrap_or(""));
            }
        }
    }
    let pct = |n: usize| 100.0 * n as f64 / words.max(1) as f64;
    println!(
        "wrote {out}: {} bytes; dev UPOS {:.2}% lemma {:.2}% UAS {:.2} LAS {:.2} ({:.0}s)",
        bytes.len(),
        pct(upos),
        pct(lemma),
        pct(uas),
        pct(las),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_syntax: {e}");
            ExitCode::from(2)
        }
    }
}
