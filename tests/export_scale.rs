//! Exporters on a synthetic graph of many events: every writer handles
//! 10,000 events, large views switch to sfdp and warn, and sfdp draws a
//! 2,000-node graph within the renderer's time limit. No time is asserted
//! here: `cargo bench --bench export` measures the writers on this graph.

mod common;
#[path = "common/synthetic.rs"]
mod synthetic;

use eventgraph::{
    export::{self, DotOptions, DotView, Layout, RenderFormat, TurtleOptions},
    write_timeline, Subgraph, TimelineFormat, TimelineOptions,
};
use std::time::{Duration, Instant};
use synthetic::synthetic;

#[test]
fn every_writer_handles_many_events() {
    let sub = synthetic(10_000, 1_000);
    let mut sizes = Vec::new();
    let mut sink = Vec::new();
    export::write_dot(&sub, &DotOptions::default(), &mut sink).unwrap();
    sizes.push(("dot", sink.len()));
    let actor_view = DotOptions {
        view: DotView::Actors,
        ..Default::default()
    };
    let mut sink = Vec::new();
    export::write_dot(&sub, &actor_view, &mut sink).unwrap();
    sizes.push(("actors.dot", sink.len()));
    type Writer = fn(&Subgraph, &mut Vec<u8>) -> std::io::Result<()>;
    let writers: [(&str, Writer); 9] = [
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
            write_timeline(
                s,
                &TimelineOptions {
                    format: TimelineFormat::Json,
                    ..Default::default()
                },
                o,
            )
        }),
    ];
    for (name, write) in writers {
        let mut sink = Vec::new();
        write(&sub, &mut sink).unwrap();
        sizes.push((name, sink.len()));
    }
    let files = export::neo4j_files(&sub).unwrap();
    sizes.push(("neo4j", files.iter().map(|(_, b)| b.len()).sum()));
    assert!(sizes.iter().all(|(_, n)| *n > 1000), "{sizes:?}");
    // a year of monthly headings
    let mut md = Vec::new();
    write_timeline(&sub, &TimelineOptions::default(), &mut md).unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("## January 2015") && md.contains("## December 2015"));
}

#[test]
fn large_views_are_drawn_with_sfdp_in_time() {
    if !common::graphviz() {
        return;
    }
    // 1,700 events, 300 actors and a day marker each: about 2,000 nodes
    let sub = synthetic(1_700, 300);
    let options = DotOptions::default();
    assert_eq!(options.effective_layout(&sub), Layout::Sfdp);
    assert!(!export::dot_warnings(&sub, &options).is_empty());
    let dot = export::dot_string(&sub, &options);
    let started = Instant::now();
    let svg = export::render(
        &dot,
        RenderFormat::Svg,
        Layout::Sfdp,
        Duration::from_secs(120),
    )
    .unwrap();
    eprintln!(
        "sfdp drew {} nodes in {:?}",
        export::node_count(&sub, DotView::Events),
        started.elapsed()
    );
    assert!(String::from_utf8_lossy(&svg).contains("<svg"));
}
