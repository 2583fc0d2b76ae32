//! Evaluates the syntax model on a CoNLL-U file with gold tokens: UPOS
//! accuracy, lemma accuracy, UAS and LAS as the CoNLL 2018 shared task
//! defines them (every syntactic word counts, punctuation included; LAS
//! compares the universal part of the relation, before ':'), then the
//! speed of tagging + parsing in tokens per second of CPU time on one
//! thread, and the model's load time and size.
//!
//! ```text
//! cargo run --release --example syntax_eval -- \
//!     ../shared/data/syntax/ud-english-ewt/en_ewt-ud-test.conllu [--model FILE]
//! ```
//!
//! Without `--model` it evaluates the model embedded in the binary.
//! `--branching M:K[:W][,M:K[:W]...]` also scores the parser with
//! selectional branching or lookahead (`Parser::set_lookahead(M, K, W)`: up
//! to K decisions with a margin below M perceptron updates tried the other
//! way, compared over W moves, 0 = to the end), with its speed.
//! `--beam W[:M][,W[:M]...]` does the same with beam search of width W
//! (`Parser::set_beam(W, M)`: hypotheses more than M perceptron updates
//! below the best dropped; no M: none dropped).

use eventgraph::syntax::conllu::{read_conllu, universal_deprel};
use eventgraph::syntax::Model;
use std::io::BufReader;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The CPU time of this process (user + system), from /proc/self/stat on
/// Linux; `None` elsewhere.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which ends with ')').
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    // The kernel's USER_HZ is 100 on every Linux platform Rust supports.
    Some(Duration::from_millis((utime + stime) * 10))
}

/// The CPU time this thread has run, in nanoseconds, from
/// /proc/thread-self/schedstat on Linux (finer than /proc/self/stat's
/// 10 ms ticks, for the load time); `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut model_path = None;
    // (margin, count, window) of branching, or (margin, width, usize::MAX)
    // of a beam.
    let mut branching: Vec<(f32, usize, usize)> = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--model" => model_path = Some(args.next().ok_or("--model needs a file")?),
            "--branching" => {
                let text = args.next().ok_or("--branching needs M:K[,M:K...]")?;
                for item in text.split(',') {
                    let mut parts = item.split(':');
                    let (Some(m), Some(k)) = (parts.next(), parts.next()) else {
                        return Err(format!("--branching: expected M:K[:W], found '{item}'"));
                    };
                    let w = parts.next().unwrap_or("0");
                    let w = w
                        .parse()
                        .map_err(|_| format!("--branching: bad window '{w}'"))?;
                    let m = m
                        .parse()
                        .map_err(|_| format!("--branching: bad margin '{m}'"))?;
                    let k = k
                        .parse()
                        .map_err(|_| format!("--branching: bad count '{k}'"))?;
                    branching.push((m, k, w));
                }
            }
            "--beam" => {
                let text = args.next().ok_or("--beam needs W[:M][,W[:M]...]")?;
                for item in text.split(',') {
                    let mut parts = item.split(':');
                    let w = parts.next().unwrap_or("");
                    let w = w.parse().map_err(|_| format!("--beam: bad width '{w}'"))?;
                    let m = match parts.next() {
                        Some(m) => m.parse().map_err(|_| format!("--beam: bad margin '{m}'"))?,
                        None => f32::INFINITY,
                    };
                    branching.push((m, w, usize::MAX));
                }
            }
            _ if path.is_none() => path = Some(arg),
            other => return Err(format!("unexpected argument '{other}'")),
        }
    }
    let path = path.ok_or("usage: syntax_eval TEST.conllu [--model FILE]")?;
    let file = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
    let sentences = read_conllu(&path, BufReader::new(file)).map_err(|e| e.to_string())?;

    let start = Instant::now();
    let load_cpu0 = thread_cpu_ns();
    let owned;
    let model: &Model = match &model_path {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| format!("{p}: {e}"))?;
            owned = Model::from_bytes(&bytes).map_err(|e| format!("{p}: {e}"))?;
            &owned
        }
        None => Model::builtin(),
    };
    let load = start.elapsed();
    let load_cpu = match (load_cpu0, thread_cpu_ns()) {
        (Some(a), Some(b)) => Some(b.saturating_sub(a)),
        _ => None,
    };

    let (mut words, mut upos, mut lemma, mut uas, mut las) = (0usize, 0, 0, 0, 0);
    let forms: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words().map(|w| w.form.as_str()).collect())
        .collect();
    for (sentence, forms) in sentences.iter().zip(&forms) {
        for (gold, got) in sentence.words().zip(model.analyze(forms)) {
            words += 1;
            upos += usize::from(gold.upos == Some(got.upos));
            lemma += usize::from(gold.lemma == got.lemma);
            if gold.head == Some(got.head) {
                uas += 1;
                las += usize::from(universal_deprel(&gold.deprel) == universal_deprel(&got.deprel));
            }
        }
    }
    let pct = |n: usize| 100.0 * n as f64 / words.max(1) as f64;
    println!(
        "file: {path} ({} sentences, {words} words)",
        sentences.len()
    );
    println!("UPOS   {:.2}%", pct(upos));
    println!("lemma  {:.2}%", pct(lemma));
    println!("UAS    {:.2}", pct(uas));
    println!("LAS    {:.2}", pct(las));

    // Speed: tagging + parsing only, repeated until 2 s of CPU time.
    let cpu0 = cpu_time();
    let wall0 = Instant::now();
    let mut tokens = 0usize;
    let mut checksum = 0usize;
    loop {
        for forms in &forms {
            let tags = model.tagger.tag(forms);
            let arcs = model.parser.parse(forms, &tags);
            checksum = checksum.wrapping_add(arcs.iter().map(|(h, _)| *h).sum::<usize>());
            tokens += forms.len();
        }
        let spent = match (cpu0, cpu_time()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => wall0.elapsed(),
        };
        if spent >= Duration::from_secs(2) || tokens == 0 {
            let secs = spent.as_secs_f64().max(1e-9);
            println!(
                "speed  {:.0} tokens/s (tagging + parsing, {} tokens in {:.2} s {} time, one thread; checksum {checksum})",
                tokens as f64 / secs,
                tokens,
                secs,
                if cpu0.is_some() { "CPU" } else { "wall" }
            );
            break;
        }
    }
    for &(margin, count, window) in &branching {
        let mut parser = model.parser.clone();
        if window == usize::MAX {
            parser.set_branching(0.0, 0);
            parser.set_beam(count, margin);
        } else {
            parser.set_beam(0, f32::INFINITY);
            parser.set_lookahead(margin, count, window);
        }
        let tags: Vec<_> = forms.iter().map(|f| model.tagger.tag(f)).collect();
        let (mut uas, mut las) = (0usize, 0usize);
        for ((sentence, forms), tags) in sentences.iter().zip(&forms).zip(&tags) {
            for (gold, (head, deprel)) in sentence.words().zip(parser.parse(forms, tags)) {
                if gold.head == Some(head) {
                    uas += 1;
                    las += usize::from(universal_deprel(&gold.deprel) == universal_deprel(deprel));
                }
            }
        }
        let cpu0 = cpu_time();
        let wall0 = Instant::now();
        let mut tokens = 0usize;
        let secs = loop {
            for forms in &forms {
                let tags = model.tagger.tag(forms);
                tokens += parser.parse(forms, &tags).len();
            }
            let spent = match (cpu0, cpu_time()) {
                (Some(a), Some(b)) => b.saturating_sub(a),
                _ => wall0.elapsed(),
            };
            if spent >= Duration::from_secs(2) || tokens == 0 {
                break spent.as_secs_f64().max(1e-9);
            }
        };
        let setting = if window == usize::MAX {
            format!("beam {count}:{margin}")
        } else {
            format!("branching {margin}:{count}:{window}")
        };
        println!(
            "{setting}: UAS {:.2} LAS {:.2}, {:.0} tokens/s (tagging + parsing)",
            pct(uas),
            pct(las),
            tokens as f64 / secs
        );
    }
    match load_cpu {
        Some(ns) => println!(
            "load   {:.1} ms ({:.1} ms CPU time)",
            load.as_secs_f64() * 1000.0,
            ns as f64 / 1e6
        ),
        None => println!("load   {:.1} ms", load.as_secs_f64() * 1000.0),
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("syntax_eval: {e}");
            ExitCode::from(2)
        }
    }
}
