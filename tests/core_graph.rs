//! The graph's queries and indexes: interval queries at every precision,
//! alias lookup, the meetings rule, content keys independent of insertion
//! order, and (property tests) indexes consistent with the graph after any
//! mix of inserts and deletes.

use chrono::NaiveDate;
use eventgraph::{
    day_number, Actor, ActorId, ActorKind, ActorLookup, EventFilter, EventId, EventKind, Graph,
    GraphBuilder, NewEvent, Precision, Role, When,
};
use proptest::prelude::*;

fn d(text: &str) -> i32 {
    day_number(NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap())
}

fn person(name: &str, aliases: &[&str]) -> Actor {
    let mut actor = Actor::new(name, ActorKind::Person);
    actor.aliases = aliases.iter().map(|a| a.to_string()).collect();
    actor
}

/// One event per precision, all involving one actor; the query finds an
/// event when its span overlaps the query's span.
#[test]
fn interval_queries_find_events_at_every_precision() {
    let mut g = Graph::new();
    let a = g.add_actor(person("A", &[]));
    let parts = [(a, Role::Source)];
    let cases = [
        ("2014-03-30", "2014-03-30", Precision::Day),
        ("2014-03-31", "2014-04-06", Precision::Week),
        ("2014-03-01", "2014-03-31", Precision::Month),
        ("2014-01-01", "2014-03-31", Precision::Quarter),
        ("2014-01-01", "2014-12-31", Precision::Year),
        ("1990-01-01", "1999-12-31", Precision::Decade),
        ("2001-01-01", "2100-12-31", Precision::Century),
    ];
    let mut ids = Vec::new();
    for (i, (start, end, precision)) in cases.iter().enumerate() {
        let mut event = NewEvent::day(EventKind::ALL[i], d(start), &parts);
        event.end = d(end);
        event.precision = *precision;
        ids.push(g.add_event(&event).unwrap());
    }
    g.check_consistency().unwrap();
    let found = |from: &str, to: &str| -> Vec<usize> {
        let mut hits: Vec<usize> = g
            .events_in(d(from), d(to))
            .into_iter()
            .map(|e| ids.iter().position(|&x| x == e).unwrap())
            .collect();
        hits.sort();
        hits
    };
    // A day inside the month finds the month, quarter, year, century events.
    assert_eq!(found("2014-03-15", "2014-03-15"), vec![2, 3, 4, 6]);
    // The seed day finds the day event too.
    assert_eq!(found("2014-03-30", "2014-03-30"), vec![0, 2, 3, 4, 6]);
    // A week straddling two months.
    assert_eq!(found("2014-04-01", "2014-04-01"), vec![1, 4, 6]);
    assert_eq!(found("1995-06-01", "1995-06-30"), vec![5]);
    assert_eq!(found("2001-01-01", "2013-12-31"), vec![6]);
    assert_eq!(found("2000-01-01", "2000-12-31"), Vec::<usize>::new());
    // The actor index answers the same questions.
    let of_actor: Vec<EventId> = g.events_of_actor(a, d("2014-03-15"), d("2014-03-15"));
    assert_eq!(of_actor.len(), 4);
    // And a query dated by a month argument covers the whole month.
    let month = When::parse_query("2014-04").unwrap();
    let hits = g.events_in(day_number(month.start), day_number(month.end));
    assert_eq!(hits.len(), 3);
}

#[test]
fn actors_are_found_by_name_and_alias_case_insensitively() {
    let mut g = Graph::new();
    let kerry = g.add_actor(person("John Kerry", &["Kerry", "US Secretary of State"]));
    let fidel = g.add_actor(person("Fidel Castro", &["Castro"]));
    let raul = g.add_actor(person("Raúl Castro", &["Castro"]));
    assert_eq!(g.lookup_actor("kerry"), ActorLookup::Found(kerry));
    assert_eq!(g.lookup_actor("JOHN KERRY"), ActorLookup::Found(kerry));
    assert_eq!(
        g.lookup_actor("us secretary of state"),
        ActorLookup::Found(kerry)
    );
    assert_eq!(g.lookup_actor("Fidel"), ActorLookup::Found(fidel));
    match g.lookup_actor("castro") {
        ActorLookup::Ambiguous(ids) => assert_eq!(ids, vec![fidel, raul]),
        other => panic!("expected ambiguous, got {other:?}"),
    }
    match g.lookup_actor("Lavrov") {
        ActorLookup::NotFound(near) => assert!(near.is_empty()),
        other => panic!("expected not found, got {other:?}"),
    }
    // A name sharing a word lists near misses.
    assert_eq!(
        g.lookup_actor("John Smith"),
        ActorLookup::NotFound(vec![kerry])
    );
    // Adding the same actor again merges its aliases.
    let again = g.add_actor(person("john kerry", &["Secretary Kerry"]));
    assert_eq!(again, kerry);
    assert_eq!(g.lookup_actor("secretary kerry"), ActorLookup::Found(kerry));
    g.check_consistency().unwrap();
}

#[test]
fn meetings_rule_pairs_participants_and_visitors_with_hosts() {
    let mut g = Graph::new();
    let a = g.add_actor(person("A", &[]));
    let b = g.add_actor(person("B", &[]));
    let c = g.add_actor(person("C", &[]));
    let host = g.add_actor(person("Host", &[]));
    let day = d("2014-03-30");
    let meet = g
        .add_event(&NewEvent::day(
            EventKind::Meet,
            day,
            &[
                (a, Role::Participant),
                (b, Role::Participant),
                (c, Role::Participant),
            ],
        ))
        .unwrap();
    // A visit by A and B (travelling together) to Host.
    let visit = g
        .add_event(&NewEvent::day(
            EventKind::Visit,
            day + 1,
            &[(a, Role::Source), (b, Role::Source), (host, Role::Target)],
        ))
        .unwrap();
    // A visit without a host and a statement are not meetings.
    let lone = g
        .add_event(&NewEvent::day(
            EventKind::Visit,
            day + 2,
            &[(c, Role::Source)],
        ))
        .unwrap();
    g.add_event(&NewEvent::day(
        EventKind::Statement,
        day,
        &[(a, Role::Source), (b, Role::Target)],
    ))
    .unwrap();
    assert_eq!(g.meeting_pairs(meet), vec![(a, b), (a, c), (b, c)]);
    assert_eq!(g.meeting_pairs(visit), vec![(a, host), (b, host)]);
    assert!(g.meeting_pairs(lone).is_empty());
    let all: Vec<EventId> = g
        .meetings(&EventFilter::default())
        .iter()
        .map(|m| m.event)
        .collect();
    assert_eq!(all, vec![meet, visit]);
    // A and B met at the meeting but not on the visit.
    let ab: Vec<EventId> = g
        .meetings(&EventFilter {
            actors: vec![a, b],
            ..EventFilter::default()
        })
        .iter()
        .map(|m| m.event)
        .collect();
    assert_eq!(ab, vec![meet]);
    let with_host: Vec<EventId> = g
        .meetings(&EventFilter {
            actors: vec![host],
            ..EventFilter::default()
        })
        .iter()
        .map(|m| m.event)
        .collect();
    assert_eq!(with_host, vec![visit]);
    assert_eq!(
        g.pairs_in(&[EventKind::Meet, EventKind::Visit], day, day + 1),
        vec![(a, b), (a, c), (a, host), (b, c), (b, host)]
    );
    assert_eq!(g.pairs_in(&[EventKind::Meet], day + 1, day + 5), vec![]);
}

#[test]
fn path_links_actors_through_events() {
    let mut g = Graph::new();
    let ids: Vec<ActorId> = ["A", "B", "C", "D"]
        .iter()
        .map(|n| g.add_actor(person(n, &[])))
        .collect();
    let ab = g
        .add_event(&NewEvent::day(
            EventKind::Meet,
            1,
            &[(ids[0], Role::Participant), (ids[1], Role::Participant)],
        ))
        .unwrap();
    let bc = g
        .add_event(&NewEvent::day(
            EventKind::Call,
            2,
            &[(ids[1], Role::Source), (ids[2], Role::Target)],
        ))
        .unwrap();
    let path = g.path(ids[0], ids[2]).unwrap();
    assert_eq!(path.len(), 2);
    assert_eq!(
        (path[0].from, path[0].event, path[0].to),
        (ids[0], ab, ids[1])
    );
    assert_eq!(
        (path[1].from, path[1].event, path[1].to),
        (ids[1], bc, ids[2])
    );
    assert!(g.path(ids[0], ids[3]).is_none());
}

/// An operation on a graph under test.
#[derive(Debug, Clone)]
enum Op {
    Add {
        kind: usize,
        start: i32,
        span: i32,
        actors: Vec<(usize, u8)>,
        place: Option<usize>,
    },
    RemoveEvent(usize),
    RemoveActor(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0usize..6, 0i32..60, prop_oneof![Just(0), Just(6), Just(30), Just(364)],
              prop::collection::vec((0usize..8, 0u8..3), 0..6), prop::option::of(0usize..3))
            .prop_map(|(kind, start, span, actors, place)| Op::Add { kind, start, span, actors, place }),
        2 => (0usize..100).prop_map(Op::RemoveEvent),
        1 => (0usize..8).prop_map(Op::RemoveActor),
    ]
}

const KINDS: [EventKind; 6] = [
    EventKind::Meet,
    EventKind::Call,
    EventKind::Visit,
    EventKind::Statement,
    EventKind::Fight,
    EventKind::Consult,
];

fn role(r: u8) -> Role {
    [Role::Source, Role::Target, Role::Participant][r as usize]
}

/// Applies the operations; returns the graph and the ids of live events.
fn apply(ops: &[Op], bulk_first: usize) -> Graph {
    let mut builder = GraphBuilder::new();
    let actors: Vec<ActorId> = (0..8)
        .map(|i| builder.add_actor(person(&format!("Actor {i}"), &[&format!("a{i}")])))
        .collect();
    let places: Vec<_> = (0..3)
        .map(|i| {
            builder.add_place(eventgraph::Place {
                name: format!("Place {i}"),
                country: None,
                lat: None,
                lon: None,
            })
        })
        .collect();
    let mut removed_actors = vec![false; actors.len()];
    let add = |g: &mut dyn FnMut(&NewEvent<'_>) -> Option<EventId>, op: &Op, removed: &[bool]| {
        if let Op::Add {
            kind,
            start,
            span,
            actors: parts,
            place,
        } = op
        {
            let parts: Vec<(ActorId, Role)> = parts
                .iter()
                .filter(|(a, _)| !removed[*a])
                .map(|&(a, r)| (actors[a], role(r)))
                .collect();
            let mut event = NewEvent::day(KINDS[*kind], *start, &parts);
            event.end = start + span;
            event.place = place.map(|p| places[p]);
            return g(&event);
        }
        None
    };
    for op in &ops[..bulk_first.min(ops.len())] {
        add(&mut |e| builder.add_event(e).ok(), op, &removed_actors);
    }
    let mut g = builder.build();
    g.check_consistency().expect("consistent after bulk build");
    let mut live: Vec<EventId> = g.event_ids();
    for op in &ops[bulk_first.min(ops.len())..] {
        match op {
            Op::Add { .. } => {
                if let Some(id) = add(&mut |e| g.add_event(e).ok(), op, &removed_actors) {
                    if !live.contains(&id) {
                        live.push(id);
                    }
                }
            }
            Op::RemoveEvent(i) if !live.is_empty() => {
                let id = live.remove(i % live.len());
                g.remove_event(id).unwrap();
            }
            Op::RemoveEvent(_) => {}
            Op::RemoveActor(a) => {
                if !removed_actors[*a] {
                    g.remove_actor(actors[*a]).unwrap();
                    removed_actors[*a] = true;
                    live = g.event_ids();
                }
            }
        }
        if let Err(e) = g.check_consistency() {
            panic!("inconsistent after {op:?}: {e}");
        }
    }
    g
}

/// The answer a query should give, computed by brute force.
fn brute_force(g: &Graph, filter: &EventFilter) -> Vec<EventId> {
    let from = filter.from.unwrap_or(i32::MIN);
    let to = filter.to.unwrap_or(i32::MAX);
    let mut out: Vec<EventId> = g
        .event_ids()
        .into_iter()
        .filter(|&e| {
            let (start, end) = g.event_days(e).unwrap();
            let parts = g.participants(e);
            start <= to
                && end >= from
                && (filter.kinds.is_empty() || filter.kinds.contains(&g.event_kind(e).unwrap()))
                && filter
                    .actors
                    .iter()
                    .all(|a| parts.iter().any(|p| p.0 == *a))
        })
        .collect();
    g.sort_events(&mut out);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn indexes_stay_consistent_after_inserts_and_deletes(
        ops in prop::collection::vec(op(), 0..60),
        bulk_first in 0usize..30,
        queries in prop::collection::vec((0i32..70, 0i32..40, prop::option::of(0usize..8), prop::option::of(0usize..6)), 1..8),
    ) {
        let g = apply(&ops, bulk_first);
        for (from, len, actor, kind) in queries {
            let actors: Vec<ActorId> = actor
                .and_then(|a| match g.lookup_actor(&format!("a{a}")) {
                    ActorLookup::Found(id) => Some(id),
                    _ => None,
                })
                .into_iter()
                .collect();
            let filter = EventFilter {
                actors,
                from: Some(from),
                to: Some(from + len),
                kinds: kind.map(|k| KINDS[k]).into_iter().collect(),
                place: None,
            };
            prop_assert_eq!(g.events(&filter), brute_force(&g, &filter));
        }
    }

    #[test]
    fn keys_do_not_depend_on_insertion_order(
        ops in prop::collection::vec(op(), 1..30),
        seed in any::<u64>(),
    ) {
        let adds: Vec<Op> = ops.into_iter().filter(|o| matches!(o, Op::Add { .. })).collect();
        let mut shuffled = adds.clone();
        // A deterministic shuffle from the seed.
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        let keys = |g: &Graph| {
            let mut k: Vec<u64> = g.event_ids().into_iter().map(|e| g.event_key(e).unwrap()).collect();
            k.sort();
            k
        };
        let g1 = apply(&adds, adds.len());
        let g2 = apply(&shuffled, 0);
        prop_assert_eq!(keys(&g1), keys(&g2));
        prop_assert_eq!(g1.subgraph(&g1.event_ids()), g2.subgraph(&g2.event_ids()));
    }
}
