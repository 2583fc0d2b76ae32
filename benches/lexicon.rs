//! Speed of the builtin lexicon: parse time and `find_all` throughput
//! (formerly the ignored test `tests/lexicon_perf.rs`; no test asserts a
//! time). The text is the articles of `$EVENTGRAPH_SHARED/eval/articles`
//! (`EVENTGRAPH_SHARED` defaults to `../shared` beside the crate root)
//! repeated to about 5 MB, or, when there are none, a text made from
//! lexicon names and filler words.
//!
//! `cargo bench --bench lexicon`

#[path = "../tests/common/shared.rs"]
mod shared;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use eventgraph::Lexicon;

/// The articles of the shared evaluation set, else lexicon names in filler
/// sentences, repeated to at least `size` bytes.
fn bench_text(size: usize) -> String {
    let dir = shared::shared_path("eval/articles");
    let mut base = String::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|x| x == "txt") {
                base.push_str(&std::fs::read_to_string(&p).unwrap_or_default());
                base.push('\n');
            }
        }
    }
    if base.is_empty() {
        eprintln!(
            "lexicon: {} not found; the text is lexicon names in filler sentences",
            dir.display()
        );
        let lex = Lexicon::builtin();
        for (i, e) in lex.entries().iter().enumerate().step_by(7) {
            base.push_str("the minister said on Tuesday that talks with ");
            base.push_str(&e.canonical);
            base.push_str(if i % 2 == 0 {
                " would go on. "
            } else {
                " had failed.\n"
            });
        }
    }
    let mut text = String::with_capacity(size + base.len());
    while text.len() < size {
        text.push_str(&base);
    }
    text
}

fn bench(c: &mut Criterion) {
    let files = Lexicon::builtin_files();
    let lex = Lexicon::builtin();
    eprintln!(
        "lexicon: {} entries, {} names",
        lex.entries().len(),
        lex.n_names()
    );
    let mut g = c.benchmark_group("lexicon");
    g.sample_size(10);
    g.bench_function("parse_builtin", |b| {
        b.iter(|| Lexicon::parse(std::hint::black_box(&files)).unwrap())
    });
    let text = bench_text(5_000_000);
    eprintln!(
        "lexicon: find_all text of {} bytes, {} words, {} matches",
        text.len(),
        text.split_whitespace().count(),
        lex.find_all(&text).len()
    );
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("find_all_5mb", |b| {
        b.iter(|| lex.find_all(std::hint::black_box(&text)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
