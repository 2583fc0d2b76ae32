//! A synthetic subgraph of many events for the scale test of the exporters
//! (`tests/export_scale.rs`) and their benchmark (`benches/export.rs`).

use eventgraph::{
    Actor, ActorKind, Document, Event, EventKind, Mention, Modality, Participant, Role, Subgraph,
    When,
};

/// `n_events` events among `n_actors` actors over a year, each reported in
/// its own document (as GDELT rows are).
pub fn synthetic(n_events: usize, n_actors: usize) -> Subgraph {
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
            source_code: None,
            target_code: None,
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
