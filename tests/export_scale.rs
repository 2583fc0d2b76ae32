//! Exporters on a synthetic graph of many events: every writer finishes in
//! time linear in the input (no quadratic lookups), large views switch to
//! sfdp and warn, and sfdp draws a 2,000-node graph under the time limit.

use eventgraph::export::{self, DotOptions, DotView, Layout, RenderFormat, TurtleOptions};
use eventgraph::model::{
    Actor, ActorKind, Document, Event, EventKind, Mention, Modality, Participant, Role, Subgraph,
    When,
};
use eventgraph::summary::{write_timeline, TimelineFormat, TimelineOptions};
use std::time::{Duration, Instant};

/// `n_events` events among `n_actors` actors over a year, each reported in
/// its own document (as GDELT rows are).
fn synthetic(n_events: usize, n_actors: usize) -> Subgraph {
    let start = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
    let kinds = [
        EventKind::Meet,
        EventKind::Call,
        EventKind::Statement,
        EventKind::Sanction,
    ];
    let actors: Vec<Actor> = (0..n_actors)
        .map(|i| Actor::new(format!("Actor {i:05}"), ActorKind::ALL[i % 4]))
        .collect();
    let mut events = Vec::with_capacity(n_events);
    let mut documents = Vec::with_capacity(n_events);
    for i in 0..n_events {
        let a = (i * 7919) % n_actors;
        let b = (i * 104_729 + 1) % n_actors;
        let doc = format!("doc-{i:07}");
        events.push(Event {
            id: format!("e{i:07}"),
            kind: kinds[i % kinds.len()],
            cameo: None,
            when: When::day(start + chrono::Duration::days((i % 365) as i64)),
            participants: vec![
                Participant {
                    actor: actors[a].name.clone(),
                    role: Role::Source,
                },
                Participant {
                    actor: actors[b].name.clone(),
                    role: Role::Target,
                },
            ],
            place: Some(format!("City {}", i % 50)),
            modality: if i % 10 == 0 {
                Modality::Planned
            } else {
                Modality::Asserted
            },
            mentions: vec![Mention {
                document: doc.clone(),
                text: "t".into(),
                start: 0,
                end: 1,
            }],
            confidence: 1.0,
        });
        documents.push(Document {
            id: doc,
            ..Default::default()
        });
    }
    events.sort_by(|x, y| (x.when.start, &x.id).cmp(&(y.when.start, &y.id)));
    Subgraph {
        actors,
        events,
        documents,
    }
}

#[test]
fn every_writer_is_fast_on_many_events() {
    let sub = synthetic(10_000, 1_000);
    let started = Instant::now();
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
        let t = Instant::now();
        let mut sink = Vec::new();
        write(&sub, &mut sink).unwrap();
        eprintln!("{name}: {:?}", t.elapsed());
        sizes.push((name, sink.len()));
    }
    let files = export::neo4j_files(&sub).unwrap();
    sizes.push(("neo4j", files.iter().map(|(_, b)| b.len()).sum()));
    let elapsed = started.elapsed();
    eprintln!("10,000 events through every writer in {elapsed:?}: {sizes:?}");
    assert!(sizes.iter().all(|(_, n)| *n > 1000));
    // generous for a debug build on a shared machine; quadratic code takes minutes
    assert!(elapsed < Duration::from_secs(60), "{elapsed:?}");
    // a year of monthly headings
    let mut md = Vec::new();
    write_timeline(&sub, &TimelineOptions::default(), &mut md).unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("## January 2015") && md.contains("## December 2015"));
}

#[test]
fn large_views_are_drawn_with_sfdp_in_time() {
    if !export::graphviz_available() {
        eprintln!("NOTICE: graphviz not installed; sfdp check skipped");
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
