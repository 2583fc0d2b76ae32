//! Throughput of the temporal tagger over a large news-like text (about
//! 5 MB, built deterministically from news sentence templates with dates in
//! every common form, numbers, names and look-alikes such as "May" and
//! "March" used as words). Reports bytes per second; docs/temporal.md has
//! the figures.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use eventgraph::{find_timexes, TagOptions};

#[path = "news_text.rs"]
mod news_text;
use news_text::news_text;

fn bench(c: &mut Criterion) {
    let text = news_text(5_000_000);
    let opts =
        TagOptions::with_reference_date(chrono::NaiveDate::from_ymd_opt(2014, 3, 31).unwrap());
    let n = find_timexes(&text, &opts).len();
    eprintln!("news-like text: {} bytes, {} timexes", text.len(), n);
    let mut g = c.benchmark_group("time");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("find_timexes_5mb_news", |b| {
        b.iter(|| find_timexes(std::hint::black_box(&text), &opts))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
