//! Trains and evaluates the dependency parser alone, on gold tokens and gold
//! UPOS (the tagger is not involved): prints the per-epoch log, UAS and LAS
//! on dev and test (CoNLL 2018: every word, universal relations), parsing
//! speed in tokens per second, and the model size; writes the model if
//! asked.
//!
//! ```text
//! cargo run --release --example train_parser -- \
//!     --train ../shared/data/syntax/ud-english-ewt/en_ewt-ud-train.conllu \
//!     --dev ../shared/data/syntax/ud-english-ewt/en_ewt-ud-dev.conllu \
//!     [--test FILE] [--epochs N] [--seed S] [--skip-nonprojective]
//!     [--min-weight W] [--explore P] [--model OUT] [--load MODEL]
//!     [--prune-sweep W1,W2,...] [--prune W] [--predicted] [--jackknife K]
//!     [--write-tagged PREFIX] [--keep-last] [--mix A,B,...]
//! ```
//!
//! `--predicted` also trains the UPOS tagger on the training file (default
//! options) and scores dev and test with its tags instead of the gold ones
//! (the parser itself is trained on gold tags). `--jackknife K` trains the
//! parser on predicted tags instead: each of K folds of the training file
//! tagged by a tagger trained on the other folds, dev tagged by a tagger
//! trained on all of it (for choosing the epoch). `--write-tagged PREFIX`
//! writes those taggings as `PREFIX-train.conllu` and `PREFIX-dev.conllu`
//! (the files' UPOS replaced), so later runs can train on them directly
//! without retraining the taggers. `--contiguous` makes the jackknife folds
//! contiguous blocks of the file (every k-th sentence otherwise);
//! `--tagger-contiguous` makes the tagger's own folds contiguous too.
//! `--keep-last` keeps the last epoch (a fixed epoch count) instead of the
//! best on dev. `--mix A,B,...` loads the parsers A, B, ... (trained on the
//! same relations, e.g. with different `--seed`s), prints each one's dev
//! figures, and goes on with their uniform mixture (`Parser::mix`, pruned
//! at `--min-weight`) as if it had been loaded.
//!
//! ```text
//! ```

use eventgraph::syntax::conllu::{read_conllu, write_conllu, Sentence};
use eventgraph::syntax::parser::{
    NonProjective, Parser, ParserOptions, TrainTree, TEMPLATES_LEXICAL,
};
use eventgraph::syntax::tagger::{fold_of, train_tagger, Tagger, TaggerOptions};
use std::time::Instant;

/// Reads a CoNLL-U file with the library's reader.
fn read(path: &str) -> Result<Vec<Sentence>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    read_conllu(path, std::io::BufReader::new(file)).map_err(|e| e.to_string())
}

/// The words of each sentence as parser input; words without a tag or
/// head are an error.
fn trees<'a>(path: &str, sentences: &'a [Sentence]) -> Result<Vec<TrainTree<'a>>, String> {
    let mut out = Vec::with_capacity(sentences.len());
    for (number, sentence) in sentences.iter().enumerate() {
        let mut tree = TrainTree {
            forms: vec![],
            upos: vec![],
            heads: vec![],
            deprels: vec![],
        };
        for word in sentence.words() {
            let (Some(upos), Some(head)) = (word.upos, word.head) else {
                return Err(format!(
                    "{path}: sentence {}: word '{}' has no UPOS or head",
                    number + 1,
                    word.form
                ));
            };
            tree.forms.push(word.form.as_str());
            tree.upos.push(upos);
            tree.heads.push(head);
            tree.deprels.push(word.deprel.as_str());
        }
        out.push(tree);
    }
    Ok(out)
}

fn main() {
    let mut train_path = None;
    let mut dev_path = None;
    let mut test_path = None;
    let mut model_path = None;
    let mut load_path = None;
    let mut mix_paths: Vec<String> = Vec::new();
    let mut prune_sweep = Vec::new();
    let mut predicted = false;
    let mut prune = None;
    let mut jackknife = 0usize;
    let mut write_tagged = None;
    let mut contiguous = false;
    let mut decode: Vec<String> = Vec::new();
    let mut tagger_options = TaggerOptions::default();
    let mut options = ParserOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match arg.as_str() {
            "--train" => train_path = Some(value()),
            "--dev" => dev_path = Some(value()),
            "--test" => test_path = Some(value()),
            "--model" => model_path = Some(value()),
            "--load" => load_path = Some(value()),
            "--mix" => mix_paths = value().split(',').map(str::to_string).collect(),
            "--prune-sweep" => {
                prune_sweep = value()
                    .split(',')
                    .filter_map(|v| v.parse::<f32>().ok())
                    .collect()
            }
            "--epochs" => options.epochs = value().parse().unwrap_or(options.epochs),
            "--seed" => options.seed = value().parse().unwrap_or(options.seed),
            "--min-weight" => options.min_weight = value().parse().unwrap_or(options.min_weight),
            "--explore" => options.explore_prob = value().parse().unwrap_or(options.explore_prob),
            "--skip-nonprojective" => options.nonprojective = NonProjective::Skip,
            "--beam" => options.beam = value().parse().unwrap_or(0),
            "--beam-from" => options.beam_from = value().parse().unwrap_or(0),
            "--keep-last" => options.keep_last = true,
            "--lexical-tags" => options.templates |= TEMPLATES_LEXICAL,
            "--decode" => decode = value().split(',').map(str::to_string).collect(),
            "--predicted" => predicted = true,
            "--jackknife" => jackknife = value().parse().unwrap_or(0),
            "--prune" => prune = value().parse::<f32>().ok(),
            "--write-tagged" => write_tagged = Some(value()),
            "--contiguous" => contiguous = true,
            "--tagger-contiguous" => tagger_options.contiguous_folds = true,
            other => {
                eprintln!("train_parser: unknown argument '{other}'");
                std::process::exit(2);
            }
        }
    }
    let train_path = train_path.unwrap_or_default();
    if !mix_paths.is_empty() {
        load_path = Some(String::new());
    }
    if train_path.is_empty() && load_path.is_none() {
        eprintln!("train_parser: --train FILE (or --load MODEL) is required");
        std::process::exit(2);
    }
    let load = |path: &str| match read(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("train_parser: {e}");
            std::process::exit(1);
        }
    };
    let train_sentences = if train_path.is_empty() {
        Vec::new()
    } else {
        load(&train_path)
    };
    let dev_sentences = dev_path.as_deref().map(load).unwrap_or_default();
    let test_sentences = test_path.as_deref().map(load).unwrap_or_default();
    let convert = |path: &str, sentences| match trees(path, sentences) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("train_parser: {e}");
            std::process::exit(1);
        }
    };
    let mut train = convert(&train_path, &train_sentences);
    let mut dev = convert(dev_path.as_deref().unwrap_or(""), &dev_sentences);
    let gold_dev = dev.clone();
    if jackknife > 1 && train.len() >= jackknife {
        let started = Instant::now();
        let n = train.len();
        for fold in 0..jackknife {
            let rest: Vec<Sentence> = train_sentences
                .iter()
                .enumerate()
                .filter(|&(i, _)| fold_of(i, n, jackknife, contiguous) != fold)
                .map(|(_, s)| s.clone())
                .collect();
            let tagger = train_tagger(&rest, &tagger_options, None);
            for (_, tree) in train
                .iter_mut()
                .enumerate()
                .filter(|&(i, _)| fold_of(i, n, jackknife, contiguous) == fold)
            {
                tree.upos = tagger.tag(&tree.forms);
            }
        }
        let tagger = train_tagger(&train_sentences, &tagger_options, None);
        dev = retag(&tagger, &dev);
        println!(
            "jackknife: {jackknife} folds tagged, dev tagged, in {:.1}s",
            started.elapsed().as_secs_f64()
        );
        if let Some(prefix) = &write_tagged {
            for (name, sentences, tagged) in [
                ("train", &train_sentences, &train),
                ("dev", &dev_sentences, &dev),
            ] {
                let path = format!("{prefix}-{name}.conllu");
                let mut out = sentences.clone();
                for (sentence, tree) in out.iter_mut().zip(tagged.iter()) {
                    for (word, &upos) in sentence.words_mut().zip(&tree.upos) {
                        word.upos = Some(upos);
                    }
                }
                let written = std::fs::File::create(&path)
                    .and_then(|f| write_conllu(std::io::BufWriter::new(f), &out));
                if let Err(e) = written {
                    eprintln!("train_parser: {path}: {e}");
                    std::process::exit(1);
                }
                println!("wrote {path}");
            }
        }
    }
    let test = convert(test_path.as_deref().unwrap_or(""), &test_sentences);

    let read_parser = |path: &str| {
        let read = std::fs::File::open(path)
            .map_err(|e| e.to_string())
            .and_then(|f| {
                Parser::read_from(&mut std::io::BufReader::new(f)).map_err(|e| e.to_string())
            });
        match read {
            Ok(p) => p,
            Err(e) => {
                eprintln!("train_parser: {path}: {e}");
                std::process::exit(1);
            }
        }
    };
    let parser = match &load_path {
        Some(_) if !mix_paths.is_empty() => {
            let parsers: Vec<Parser> = mix_paths.iter().map(|p| read_parser(p)).collect();
            for (path, p) in mix_paths.iter().zip(&parsers) {
                let scores = p.evaluate(&dev);
                println!(
                    "{path}: {} features; dev UAS {:.2} LAS {:.2}",
                    p.feature_count(),
                    scores.uas(),
                    scores.las()
                );
            }
            match Parser::mix(&parsers, options.min_weight) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("train_parser: --mix: {e}");
                    std::process::exit(1);
                }
            }
        }
        Some(path) => read_parser(path),
        None => {
            let started = Instant::now();
            let parser = Parser::train(&train, &dev, &options, &mut |line| println!("{line}"));
            println!("training took {:.1}s", started.elapsed().as_secs_f64());
            parser
        }
    };

    let parser = match prune {
        Some(min_weight) => parser.prune(min_weight),
        None => parser,
    };
    let mut bytes = Vec::new();
    if let Err(e) = parser.write_to(&mut bytes) {
        eprintln!("train_parser: {e}");
        std::process::exit(1);
    }
    println!(
        "model: {} features, {:.2} MB",
        parser.feature_count(),
        bytes.len() as f64 / 1e6
    );
    let cpu = cpu_seconds();
    let reread = Parser::read_from(&mut bytes.as_slice()).map(|p| p == parser);
    println!(
        "reread in {:.0} ms of CPU time: {:?}",
        (cpu_seconds() - cpu) * 1000.0,
        reread.map_err(|e| e.to_string())
    );
    if let Some(path) = model_path {
        if let Err(e) = std::fs::write(&path, &bytes) {
            eprintln!("train_parser: {path}: {e}");
            std::process::exit(1);
        }
        println!("wrote {path}");
    }
    for min_weight in prune_sweep {
        let pruned = parser.prune(min_weight);
        let mut bytes = Vec::new();
        if pruned.write_to(&mut bytes).is_err() {
            continue;
        }
        let cpu = cpu_seconds();
        let scores = pruned.evaluate(&gold_dev);
        let seconds = cpu_seconds() - cpu;
        println!(
            "pruned at {min_weight}: {} features, {:.2} MB; dev UAS {:.2} LAS {:.2}, {:.0} tokens/s of CPU time",
            pruned.feature_count(),
            bytes.len() as f64 / 1e6,
            scores.uas(),
            scores.las(),
            scores.words as f64 / seconds
        );
        if !test.is_empty() {
            let scores = pruned.evaluate(&test);
            println!(
                "pruned at {min_weight}: test UAS {:.2} LAS {:.2}",
                scores.uas(),
                scores.las()
            );
        }
    }
    // `--decode bW[:M],sM:K,...`: dev scored with other decodings (beam
    // of width W and margin M, or branching M:K), with the parsing speed.
    for spec in &decode {
        let mut p = parser.clone();
        let numbers: Vec<f32> = spec
            .get(1..)
            .unwrap_or("")
            .split(':')
            .filter_map(|v| v.parse().ok())
            .collect();
        match (spec.as_bytes().first(), numbers.as_slice()) {
            (Some(b'b'), [w]) => p.set_beam(*w as usize, f32::INFINITY),
            (Some(b'b'), [w, m]) => p.set_beam(*w as usize, *m),
            (Some(b's'), [m, k]) => {
                p.set_beam(0, f32::INFINITY);
                p.set_branching(*m, *k as usize)
            }
            _ => {
                eprintln!("train_parser: --decode: bad setting '{spec}'");
                continue;
            }
        }
        let cpu = cpu_seconds();
        let scores = p.evaluate(&gold_dev);
        let seconds = cpu_seconds() - cpu;
        println!(
            "decode {spec}: dev UAS {:.2} LAS {:.2}, {:.0} tokens/s of CPU time",
            scores.uas(),
            scores.las(),
            scores.words as f64 / seconds
        );
    }
    for (name, set) in [("dev", &gold_dev), ("test", &test)] {
        if set.is_empty() {
            continue;
        }
        // The best of three runs: the machine is shared.
        let mut seconds = f64::MAX;
        let mut scores = Default::default();
        for _ in 0..3 {
            let cpu = cpu_seconds();
            scores = parser.evaluate(set);
            seconds = seconds.min(cpu_seconds() - cpu);
        }
        let scores: eventgraph::syntax::parser::AttachmentScores = scores;
        println!(
            "{name} (gold UPOS): UAS {:.2} LAS {:.2} ({} words, {:.0} tokens/s of CPU time)",
            scores.uas(),
            scores.las(),
            scores.words,
            scores.words as f64 / seconds
        );
    }
    if predicted && !train_sentences.is_empty() {
        let started = Instant::now();
        let tagger = train_tagger(&train_sentences, &tagger_options, None);
        println!("tagger trained in {:.1}s", started.elapsed().as_secs_f64());
        for (name, set) in [("dev", &gold_dev), ("test", &test)] {
            if set.is_empty() {
                continue;
            }
            let tagged = retag(&tagger, set);
            let (right, total) = tagged
                .iter()
                .zip(set.iter())
                .fold((0, 0), |(r, t), (a, b)| {
                    let same = a.upos.iter().zip(&b.upos).filter(|(x, y)| x == y).count();
                    (r + same, t + a.upos.len())
                });
            let scores = parser.evaluate(&tagged);
            println!(
                "{name} (predicted UPOS, {:.2}% right): UAS {:.2} LAS {:.2}",
                100.0 * right as f64 / total.max(1) as f64,
                scores.uas(),
                scores.las()
            );
        }
    }
}

/// CPU time of this thread in seconds (Linux `schedstat`; wall time
/// elsewhere).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|ns| ns.parse::<u64>().ok())
        })
        .map(|ns| ns as f64 / 1e9)
        .unwrap_or_else(|| {
            use std::sync::OnceLock;
            static START: OnceLock<Instant> = OnceLock::new();
            START.get_or_init(Instant::now).elapsed().as_secs_f64()
        })
}

/// The trees with the tagger's UPOS in place of the gold tags.
fn retag<'a>(tagger: &Tagger, trees: &[TrainTree<'a>]) -> Vec<TrainTree<'a>> {
    trees
        .iter()
        .map(|t| TrainTree {
            upos: tagger.tag(&t.forms),
            ..t.clone()
        })
        .collect()
}
