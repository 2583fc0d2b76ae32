//! Throughput of the temporal tagger over a large news-like text (about
//! 5 MB, built deterministically from news sentence templates with dates in
//! every common form, numbers, names and look-alikes such as "May" and
//! "March" used as words). Reports bytes per second; docs/temporal.md has
//! the figures.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use eventgraph::time::{find_timexes, TagOptions};

/// A news-like text of about `size` bytes.
pub fn news_text(size: usize) -> String {
    const SUBJECTS: &[&str] = &[
        "Secretary of State John Kerry",
        "Russia's Foreign Minister Sergei Lavrov",
        "The Ukrainian defence ministry",
        "A Kiev official",
        "NATO foreign ministers",
        "German Chancellor Angela Merkel's office",
        "The United Nations Security Council",
        "Prime Minister Narendra Modi",
        "Rebel commanders in the east",
        "The European Union",
    ];
    const VERBS: &[&str] = &[
        "said",
        "announced",
        "will meet",
        "met",
        "warned",
        "is expected to vote",
        "agreed",
        "rejected the proposal",
        "spoke by telephone",
        "may decide",
    ];
    const TIMES: &[&str] = &[
        "on Monday",
        "on Tuesday",
        "last month",
        "on March 30, 2014",
        "on 5 April 2013",
        "two weeks ago",
        "next week",
        "earlier this year",
        "in the 1990s",
        "on Sept. 28",
        "at 9 a.m. Tuesday",
        "yesterday",
        "late on Thursday night",
        "between 2010 and 2012",
        "from 5 to 7 March",
        "in May 2015",
        "a day later",
        "recently",
        "on 3/30",
        "this morning",
    ];
    const TAILS: &[&str] = &[
        "after a four-hour meeting in Paris, officials said.",
        "as 40,000 troops remained near the border.",
        "in a statement released to reporters in Brussels.",
        "despite a $1-billion aid package approved by Congress.",
        "while the march through the capital drew 10,000 people.",
        "according to a spokesman who declined to be named.",
        "and talks are due to resume in Geneva, diplomats said.",
        "but the agreement may not hold, analysts warned.",
    ];
    let mut out = String::with_capacity(size + 256);
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let mut sentences = 0;
    while out.len() < size {
        out.push_str(SUBJECTS[next(SUBJECTS.len())]);
        out.push(' ');
        out.push_str(VERBS[next(VERBS.len())]);
        // about one sentence in two carries a date, as in wire copy
        if next(2) == 0 {
            out.push(' ');
            out.push_str(TIMES[next(TIMES.len())]);
        }
        out.push(' ');
        out.push_str(TAILS[next(TAILS.len())]);
        sentences += 1;
        out.push_str(if sentences % 5 == 0 { "\n\n" } else { " " });
    }
    out
}

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
