//! Speed of every exporter and of the timeline on a synthetic graph of
//! 10,000 events among 1,000 actors (the graph of `tests/export_scale.rs`,
//! which checks the outputs without timing them). Linear writers take
//! milliseconds; quadratic lookups would take minutes.
//!
//! `cargo bench --bench export`

#[path = "../tests/common/synthetic.rs"]
mod synthetic;

use criterion::{criterion_group, criterion_main, Criterion};
use eventgraph::{
    export::{self, DotOptions, DotView, TurtleOptions},
    write_timeline, Subgraph, TimelineFormat, TimelineOptions,
};

type Writer = fn(&Subgraph, &mut Vec<u8>) -> std::io::Result<()>;

fn bench(c: &mut Criterion) {
    let sub = synthetic::synthetic(10_000, 1_000);
    let writers: [(&str, Writer); 12] = [
        ("dot", |s, o| {
            export::write_dot(s, &DotOptions::default(), o)
        }),
        ("actors.dot", |s, o| {
            let options = DotOptions {
                view: DotView::Actors,
                ..Default::default()
            };
            export::write_dot(s, &options, o)
        }),
        ("json", |s, o| export::write_json(s, o)),
        ("events.csv", |s, o| export::write_csv_events(s, o)),
        ("actors.csv", |s, o| export::write_csv_actors(s, o)),
        ("graphml", |s, o| export::write_graphml(s, o)),
        ("ttl", |s, o| {
            export::write_turtle(s, &TurtleOptions::default(), o)
        }),
        ("timelinejs", |s, o| export::write_timelinejs(s, None, o)),
        ("html", |s, o| {
            export::write_html_report(s, None, &Default::default(), o)
        }),
        ("timeline.md", |s, o| {
            write_timeline(s, &TimelineOptions::default(), o)
        }),
        ("timeline.json", |s, o| {
            let options = TimelineOptions {
                format: TimelineFormat::Json,
                ..Default::default()
            };
            write_timeline(s, &options, o)
        }),
        ("neo4j", |s, o| {
            for (_, bytes) in export::neo4j_files(s)? {
                o.extend_from_slice(&bytes);
            }
            Ok(())
        }),
    ];
    let mut g = c.benchmark_group("export_10k_events");
    g.sample_size(10);
    for (name, write) in writers {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut sink = Vec::new();
                write(std::hint::black_box(&sub), &mut sink).unwrap();
                sink
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
