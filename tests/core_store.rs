//! The store: idempotent ingest, replacement of a re-extracted document,
//! actors and events merged across documents, the store-to-graph round
//! trip (a property test from interchange JSON to the loaded graph), and
//! content keys that agree between the store and the graph.

use eventgraph::{
    format_key, read_interchange, to_records, ActorKind, ActorRecord, DateRecord, DocInfo,
    EventKind, EventRecord, EvidenceRecord, ExtractionDoc, IngestOptions, IngestOutcome, Report,
    RoleRecord, Store, INTERCHANGE_VERSION,
};
use proptest::prelude::*;
use std::collections::BTreeSet;

const SEED: &str = include_str!("../data/examples/seed.json");

fn records_of(json: &str, name: &str) -> (Report, String) {
    let (docs, errors) = read_interchange(name, json.as_bytes());
    assert!(errors.is_empty(), "{errors:?}");
    let doc = &docs[0];
    (to_records(&doc.doc, name), doc.content_hash.clone())
}

fn ingest(store: &mut Store, json: &str, name: &str) -> IngestOutcome {
    let (records, hash) = records_of(json, name);
    store
        .ingest(&records, &hash, &IngestOptions::default())
        .unwrap()
}

#[test]
fn ingesting_the_same_document_twice_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut store = Store::open(&path).unwrap();
    let first = ingest(&mut store, SEED, "seed.json");
    assert!(
        matches!(first, IngestOutcome::Added { new_events: 18, .. }),
        "{first:?}"
    );
    let counts = store.counts().unwrap();
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        ingest(&mut store, SEED, "seed.json"),
        IngestOutcome::AlreadyStored
    );
    assert_eq!(store.counts().unwrap(), counts);
    assert_eq!(counts.documents, 1);
    assert_eq!(counts.events, 18);
}

#[test]
fn graph_keys_match_store_keys() {
    let mut store = Store::open_in_memory().unwrap();
    ingest(&mut store, SEED, "seed.json");
    let graph = eventgraph::load(&store).unwrap();
    graph.check_consistency().unwrap();
    let from_graph: BTreeSet<String> = graph
        .event_ids()
        .into_iter()
        .map(|e| format_key(graph.event_key(e).unwrap()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let mut file_store = Store::open(&path).unwrap();
    ingest(&mut file_store, SEED, "seed.json");
    drop(file_store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    // schema 5 stores the key's 64 bits with the top one flipped (so that
    // the integers sort as the keys)
    let from_store: BTreeSet<String> = conn
        .prepare("SELECT key FROM events")
        .unwrap()
        .query_map([], |r| r.get::<_, i64>(0))
        .unwrap()
        .map(|k| k.map(|k| format_key(k as u64 ^ (1 << 63))))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(from_graph, from_store);
}

fn doc(
    id: &str,
    actors: &[(&str, &str, &str, &[&str])],
    events: &[(&str, &str, &[&str])],
) -> String {
    let doc = ExtractionDoc {
        version: INTERCHANGE_VERSION,
        document: DocInfo {
            id: id.into(),
            published: Some("2014-03-31".into()),
            ..DocInfo::default()
        },
        actors: actors
            .iter()
            .map(|(aid, name, kind, aliases)| ActorRecord {
                id: aid.to_string(),
                name: name.to_string(),
                kind: kind.to_string(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                title: None,
                affiliation: None,
                country: None,
            })
            .collect(),
        places: Vec::new(),
        timexes: Vec::new(),
        events: events
            .iter()
            .map(|(kind, date, ids)| EventRecord {
                id: String::new(),
                kind: kind.to_string(),
                cameo: None,
                date: DateRecord {
                    start: Some(date.to_string()),
                    end: Some(date.to_string()),
                    ..DateRecord::default()
                },
                actors: ids
                    .iter()
                    .map(|a| RoleRecord {
                        actor: a.to_string(),
                        role: "participant".into(),
                    })
                    .collect(),
                place: Some("Paris".into()),
                modality: "asserted".into(),
                evidence: vec![EvidenceRecord {
                    text: format!("{id} says so"),
                    start: 0,
                    end: 5,
                }],
                confidence: None,
            })
            .collect(),
        warnings: Vec::new(),
    };
    serde_json::to_string(&doc).unwrap()
}

#[test]
fn actors_and_events_merge_across_documents_but_namesakes_do_not() {
    let mut store = Store::open_in_memory().unwrap();
    ingest(
        &mut store,
        &doc(
            "a",
            &[
                ("k", "John Kerry", "person", &["Kerry"]),
                ("l", "Sergei Lavrov", "person", &["Lavrov"]),
                ("f", "Fidel Castro", "person", &["Castro"]),
            ],
            &[("meet", "2014-03-30", &["k", "l"])],
        ),
        "a.json",
    );
    // The second report names them by surname only. The store keeps one
    // row per distinct name and per content key; resolution across
    // documents happens when the graph is loaded (order-independent).
    let second = ingest(
        &mut store,
        &doc(
            "b",
            &[
                ("1", "Kerry", "person", &[]),
                ("2", "Lavrov", "person", &[]),
                ("3", "Raúl Castro", "person", &["Castro"]),
            ],
            &[("meet", "2014-03-30", &["1", "2"])],
        ),
        "b.json",
    );
    assert!(
        matches!(
            second,
            IngestOutcome::Added {
                new_events: 1,
                merged_events: 0,
                new_actors: 3,
                ..
            }
        ),
        "{second:?}"
    );
    let graph = eventgraph::load(&store).unwrap();
    assert_eq!(graph.n_actors(), 4);
    assert_eq!(graph.n_events(), 1);
    let event = graph.to_event(graph.event_ids()[0]).unwrap();
    let docs: BTreeSet<&str> = event.mentions.iter().map(|m| m.document.as_str()).collect();
    assert_eq!(docs, BTreeSet::from(["a", "b"]));
    assert!(matches!(
        graph.lookup_actor("castro"),
        eventgraph::ActorLookup::Ambiguous(_)
    ));
}

#[test]
fn a_changed_document_with_the_same_id_replaces_the_old_one() {
    let mut store = Store::open_in_memory().unwrap();
    let actors: &[(&str, &str, &str, &[&str])] = &[
        ("k", "John Kerry", "person", &[]),
        ("l", "Sergei Lavrov", "person", &[]),
    ];
    ingest(
        &mut store,
        &doc("a", actors, &[("meet", "2014-03-30", &["k", "l"])]),
        "a.json",
    );
    let outcome = ingest(
        &mut store,
        &doc("a", actors, &[("call", "2014-03-31", &["k", "l"])]),
        "a.json",
    );
    assert!(
        matches!(outcome, IngestOutcome::Added { replaced: true, .. }),
        "{outcome:?}"
    );
    let graph = eventgraph::load(&store).unwrap();
    assert_eq!(graph.n_events(), 1);
    assert_eq!(
        graph.event_kind(graph.event_ids()[0]),
        Some(EventKind::Call)
    );
    assert_eq!(store.counts().unwrap().documents, 1);
}

const KINDS: [&str; 6] = ["meet", "call", "visit", "statement", "fight", "agree"];
const ROLES: [&str; 3] = ["source", "target", "participant"];
const NAMES: [&str; 6] = [
    "Ann Lee",
    "Bo Chen",
    "Cy Diaz",
    "Dee Evans",
    "Ed Fox",
    "Flo Gray",
];

fn arb_doc() -> impl Strategy<Value = ExtractionDoc> {
    let event = (
        0usize..KINDS.len(),
        (2000i32..2020, 1u32..13, 1u32..29, 0i64..40),
        prop::collection::vec((0usize..NAMES.len(), 0usize..3), 0..4),
        prop::option::of(prop::sample::select(vec!["Paris", "Kyiv", "São Paulo"])),
        prop::option::of("[a-zA-Z .,'\"é]{0,30}"),
    );
    (
        "[a-z0-9-]{1,12}",
        prop::collection::vec(0usize..NAMES.len(), 1..NAMES.len()),
        prop::collection::vec(event, 0..8),
    )
        .prop_map(|(id, actor_ids, events)| {
            let mut ids: Vec<usize> = actor_ids;
            ids.sort();
            ids.dedup();
            ExtractionDoc {
                version: INTERCHANGE_VERSION,
                document: DocInfo {
                    id,
                    title: Some("A \"title\" — with ünïcode".into()),
                    published: Some("2014-03-31".into()),
                    url: None,
                    source: None,
                },
                actors: ids
                    .iter()
                    .map(|&i| ActorRecord {
                        id: format!("a{i}"),
                        name: NAMES[i].to_string(),
                        kind: ActorKind::Person.as_str().to_string(),
                        aliases: vec![NAMES[i].split(' ').nth(1).unwrap().to_string()],
                        title: None,
                        affiliation: None,
                        country: None,
                    })
                    .collect(),
                places: Vec::new(),
                timexes: Vec::new(),
                events: events
                    .into_iter()
                    .map(|(kind, (y, m, d, span), parts, place, text)| {
                        let start = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
                        let end = start + chrono::Duration::days(span);
                        EventRecord {
                            id: String::new(),
                            kind: KINDS[kind].to_string(),
                            cameo: None,
                            date: DateRecord {
                                start: Some(start.to_string()),
                                end: Some(end.to_string()),
                                value: None,
                                precision: None,
                                source: None,
                            },
                            actors: parts
                                .into_iter()
                                .filter(|(a, _)| ids.contains(a))
                                .map(|(a, r)| RoleRecord {
                                    actor: format!("a{a}"),
                                    role: ROLES[r].to_string(),
                                })
                                .collect(),
                            place: place.map(str::to_string),
                            modality: "asserted".into(),
                            evidence: text
                                .map(|t| {
                                    vec![EvidenceRecord {
                                        text: t,
                                        start: 3,
                                        end: 9,
                                    }]
                                })
                                .unwrap_or_default(),
                            confidence: None,
                        }
                    })
                    .collect(),
                warnings: Vec::new(),
            }
        })
}

/// What an event is, by names: comparable between records and the graph.
type EventSig = (
    String,
    String,
    String,
    String,
    Vec<(String, String)>,
    Option<String>,
);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Interchange JSON survives printing and reading back, and its events
    /// survive the store and the graph.
    #[test]
    fn json_round_trips_through_reader_store_and_graph(doc in arb_doc()) {
        let json = serde_json::to_string_pretty(&doc).unwrap();
        let (docs, errors) = read_interchange("p.json", json.as_bytes());
        prop_assert!(errors.is_empty());
        prop_assert_eq!(&docs[0].doc, &doc);
        // JSON Lines of the same document read the same.
        let line = serde_json::to_string(&doc).unwrap();
        let (lines, errors) = read_interchange("p.jsonl", format!("{line}\n{line}\n").as_bytes());
        prop_assert!(errors.is_empty());
        prop_assert_eq!(lines.len(), 2);
        prop_assert_eq!(&lines[1].doc, &doc);

        let records = to_records(&doc, "fallback");
        prop_assert!(records.diagnostics.is_empty(), "{:?}", records.diagnostics);
        // The store skips an event that nothing dates.
        let expected: BTreeSet<EventSig> = records.events.iter().filter_map(|e| {
            let when = e.when.as_ref()?;
            let mut parts: Vec<(String, String)> = Vec::new();
            let mut seen = BTreeSet::new();
            let mut sorted = e.participants.clone();
            sorted.sort_by_key(|&(a, r)| (records.actors[a].name.clone(), r));
            for (a, r) in sorted {
                if seen.insert(a) {
                    parts.push((records.actors[a].name.clone(), r.as_str().to_string()));
                }
            }
            parts.sort();
            Some((e.kind.as_str().to_string(), when.start.to_string(), when.end.to_string(), when.value.clone(), parts, e.place.clone()))
        }).collect();
        let mut store = Store::open_in_memory().unwrap();
        store.ingest(&records, &docs[0].content_hash, &IngestOptions::default()).unwrap();
        let graph = eventgraph::load(&store).unwrap();
        graph.check_consistency().unwrap();
        let found: BTreeSet<EventSig> = graph.event_ids().into_iter().map(|id| {
            let e = graph.to_event(id).unwrap();
            let mut parts: Vec<(String, String)> = e.participants.iter().map(|p| (p.actor.clone(), p.role.as_str().to_string())).collect();
            parts.sort();
            (e.kind.as_str().to_string(), e.when.start.to_string(), e.when.end.to_string(), e.when.value.clone(), parts, e.place.clone())
        }).collect();
        prop_assert_eq!(found, expected);
        // The evidence of every event is kept.
        let n_texts: usize = graph.event_ids().into_iter().map(|id| graph.to_event(id).unwrap().mentions.len()).sum();
        prop_assert!(n_texts >= graph.n_events());
    }
}
