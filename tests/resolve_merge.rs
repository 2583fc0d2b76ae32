//! Resolution across documents through real ingest (interchange JSON →
//! store → graph): one actor per real person, one event per occasion with
//! every report as a source, namesakes kept apart, and a graph that is the
//! same whatever order (or batching) the documents are ingested in.

use eventgraph::export::write_json;
use eventgraph::graph::{EventFilter, Graph};
use eventgraph::ingest::json::{read_interchange, to_records};
use eventgraph::store::{IngestOptions, Store};
use proptest::prelude::*;
use serde_json::{json, Value};

/// An actor: (id, name, kind, aliases).
type A<'a> = (&'a str, &'a str, &'a str, &'a [&'a str]);
/// An event: (kind, date start, date end, precision, actor ids, place, modality).
type E<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a [&'a str],
    Option<&'a str>,
    &'a str,
);

fn doc(id: &str, published: &str, actors: &[A], events: &[E]) -> String {
    let actors: Vec<Value> = actors
        .iter()
        .map(|(id, name, kind, aliases)| {
            json!({"id": id, "name": name, "kind": kind, "aliases": aliases})
        })
        .collect();
    let events: Vec<Value> = events
        .iter()
        .enumerate()
        .map(|(i, (kind, start, end, precision, who, place, modality))| {
            let value = if precision == &"month" {
                start[..7].to_string()
            } else {
                start.to_string()
            };
            json!({
                "id": format!("e{i}"),
                "kind": kind,
                "date": {"start": start, "end": end, "value": value,
                         "precision": precision, "source": "explicit"},
                "actors": who.iter().map(|a| json!({"actor": a, "role": "participant"}))
                    .collect::<Vec<_>>(),
                "place": place,
                "modality": modality,
                "evidence": [{"text": format!("{id} sentence {i}"), "start": i * 10,
                              "end": i * 10 + 9}],
            })
        })
        .collect();
    json!({
        "version": 1,
        "document": {"id": id, "title": format!("title of {id}"), "published": published,
                     "url": format!("https://example.org/{id}"), "source": "test"},
        "actors": actors,
        "places": [],
        "timexes": [],
        "events": events,
    })
    .to_string()
}

/// Adds actors and titles to a document: `extra` actors (id, name, kind,
/// aliases), then (actor id, title, affiliation) for actors of the document.
fn titled(json: String, extra: &[A], titles: &[(&str, Option<&str>, Option<&str>)]) -> String {
    let mut value: Value = serde_json::from_str(&json).unwrap();
    let actors = value["actors"].as_array_mut().unwrap();
    for (id, name, kind, aliases) in extra {
        actors.push(json!({"id": id, "name": name, "kind": kind, "aliases": aliases}));
    }
    for (id, title, affiliation) in titles {
        let actor = actors.iter_mut().find(|a| a["id"] == *id).unwrap();
        actor["title"] = json!(title);
        actor["affiliation"] = json!(affiliation);
    }
    value.to_string()
}

/// The corpus with titles and affiliations: Lavrov's title reported by two
/// documents naming Russia two ways, Kerry's title with and without its
/// country, a plain affiliation.
fn corpus() -> Vec<String> {
    let mut docs = plain_corpus();
    let russia: A = ("r", "Russia", "country", &[]);
    let us: A = ("us", "United States", "country", &["U.S."]);
    docs[0] = titled(
        docs[0].clone(),
        &[russia, us],
        &[
            ("l", Some("Foreign Minister"), Some("r")),
            ("k", Some("Secretary of State"), Some("us")),
        ],
    );
    docs[1] = titled(
        docs[1].clone(),
        &[("rf", "Russian Federation", "country", &["Russia"])],
        &[("2", Some("Foreign Minister"), Some("rf"))],
    );
    docs[2] = titled(
        docs[2].clone(),
        &[],
        &[("x", Some("Secretary of State"), None)],
    );
    docs[4] = titled(docs[4].clone(), &[], &[("w", None, Some("U.S."))]);
    docs
}

fn plain_corpus() -> Vec<String> {
    vec![
        doc(
            "a",
            "2014-03-31",
            &[
                (
                    "k",
                    "John Kerry",
                    "person",
                    &["Kerry", "US Secretary of State John Kerry"],
                ),
                ("l", "Sergei Lavrov", "person", &["Lavrov"]),
                ("u", "Ukraine", "country", &["Kiev"]),
            ],
            &[
                (
                    "meet",
                    "2014-03-30",
                    "2014-03-30",
                    "day",
                    &["k", "l"],
                    Some("Paris"),
                    "asserted",
                ),
                (
                    "statement",
                    "2014-03-31",
                    "2014-03-31",
                    "day",
                    &["u"],
                    None,
                    "asserted",
                ),
            ],
        ),
        doc(
            "b",
            "2014-03-30",
            &[
                ("1", "Kerry", "person", &[]),
                ("2", "Sergey Viktorovich Lavrov", "person", &["Lavrov"]),
            ],
            &[
                // Planned in one report, happened in the others.
                (
                    "meet",
                    "2014-03-30",
                    "2014-03-30",
                    "day",
                    &["1", "2"],
                    Some("Paris"),
                    "planned",
                ),
            ],
        ),
        doc(
            "c",
            "2014-04-02",
            &[
                ("x", "Secretary John Kerry", "person", &["John Kerry"]),
                ("y", "Lavrov", "person", &[]),
                ("z", "Kyiv", "country", &[]),
            ],
            &[
                // Less precise date, same occasion; a second, later meeting.
                (
                    "meet",
                    "2014-03-01",
                    "2014-03-31",
                    "month",
                    &["x", "y"],
                    None,
                    "asserted",
                ),
                (
                    "meet",
                    "2014-04-14",
                    "2014-04-14",
                    "day",
                    &["x", "y"],
                    Some("London"),
                    "asserted",
                ),
            ],
        ),
        doc(
            "d",
            "1995-05-01",
            &[
                ("f", "Fidel Castro", "person", &["Castro"]),
                ("g", "George H.W. Bush", "person", &["George"]),
                ("h", "Bush", "person", &["President Bush"]),
            ],
            &[(
                "meet",
                "1995-04-30",
                "1995-04-30",
                "day",
                &["f", "g"],
                None,
                "asserted",
            )],
        ),
        doc(
            "e",
            "2008-02-25",
            &[
                ("r", "Raúl Castro", "person", &["Castro"]),
                ("w", "George W. Bush", "person", &["Bush"]),
            ],
            &[(
                "reject",
                "2008-02-24",
                "2008-02-24",
                "day",
                &["w", "r"],
                None,
                "asserted",
            )],
        ),
        doc(
            "f",
            "2008-02-26",
            &[("c", "Castro", "person", &[])],
            &[(
                "statement",
                "2008-02-26",
                "2008-02-26",
                "day",
                &["c"],
                None,
                "asserted",
            )],
        ),
    ]
}

fn ingest_all(store: &mut Store, docs: &[&String]) {
    for (i, json) in docs.iter().enumerate() {
        let name = format!("doc{i}.json");
        let (parsed, errors) = read_interchange(&name, json.as_bytes());
        assert!(errors.is_empty(), "{errors:?}");
        for d in parsed {
            let records = to_records(&d.doc, &name);
            store
                .ingest(&records, &d.content_hash, &IngestOptions::default())
                .unwrap();
        }
    }
}

/// Everything a user can see: the JSON export of every event, then every
/// actor with its aliases and titles (with their reports), then every
/// actor's affiliation edges.
fn fingerprint(graph: &Graph) -> Vec<u8> {
    let mut out = Vec::new();
    write_json(&graph.subgraph_for(&EventFilter::default()), &mut out).unwrap();
    let mut actors: Vec<String> = graph
        .actor_ids()
        .map(|id| serde_json::to_string(graph.actor(id).unwrap()).unwrap())
        .collect();
    actors.extend(graph.actor_ids().map(|id| {
        let who = &graph.actor(id).unwrap().name;
        let edges: Vec<String> = graph
            .affiliations(id)
            .iter()
            .map(|e| {
                let of = e.of.and_then(|o| graph.actor(o)).map(|a| a.name.clone());
                format!("{} → {of:?}", e.describe())
            })
            .collect();
        format!("{who}: {edges:?}")
    }));
    actors.sort();
    for a in actors {
        out.extend_from_slice(a.as_bytes());
        out.push(b'\n');
    }
    out
}

fn graph_of(order: &[usize]) -> Graph {
    let docs = corpus();
    let picked: Vec<&String> = order.iter().map(|&i| &docs[i]).collect();
    let mut store = Store::open_in_memory().unwrap();
    ingest_all(&mut store, &picked);
    let graph = eventgraph::pipeline::load(&store).unwrap();
    graph.check_consistency().unwrap();
    graph
}

fn actor_names(graph: &Graph) -> Vec<String> {
    let mut names: Vec<String> = graph
        .actor_ids()
        .map(|id| graph.actor(id).unwrap().name.clone())
        .collect();
    names.sort();
    names
}

#[test]
fn one_actor_per_person_and_namesakes_apart() {
    let graph = graph_of(&[0, 1, 2, 3, 4, 5]);
    let names = actor_names(&graph);
    let count = |needle: &str| names.iter().filter(|n| n.contains(needle)).count();
    assert_eq!(count("Kerry"), 1, "{names:?}");
    assert_eq!(count("Lavrov"), 1, "{names:?}");
    // Ukraine / Kyiv spelled two ways are one country.
    assert_eq!(count("Ukraine") + count("Kyiv"), 1, "{names:?}");
    // Fidel and Raúl Castro stay two; the bare "Castro" of a third article
    // could be either and joins neither.
    assert!(names.contains(&"Fidel Castro".to_string()), "{names:?}");
    assert!(names.contains(&"Raúl Castro".to_string()), "{names:?}");
    assert_eq!(count("Castro"), 3, "{names:?}");
    // George H.W. Bush and the "Bush" named beside him in one article are
    // two people; George W. Bush of another article is not his father.
    assert!(names.contains(&"George H.W. Bush".to_string()), "{names:?}");
    assert!(names.contains(&"George W. Bush".to_string()), "{names:?}");
    let kerry = graph
        .actor_ids()
        .find(|&id| graph.actor(id).unwrap().name.contains("Kerry"))
        .unwrap();
    let aliases = &graph.actor(kerry).unwrap().aliases;
    assert!(aliases.iter().any(|a| a == "Kerry"), "{aliases:?}");
}

#[test]
fn reports_of_one_meeting_become_one_event_with_every_source() {
    let graph = graph_of(&[0, 1, 2, 3, 4, 5]);
    let meetings: Vec<_> = graph
        .event_ids()
        .into_iter()
        .map(|id| graph.to_event(id).unwrap())
        .filter(|e| e.kind == eventgraph::model::EventKind::Meet)
        .filter(|e| e.participants.iter().any(|p| p.actor.contains("Kerry")))
        .collect();
    assert_eq!(meetings.len(), 2, "{meetings:#?}");
    let paris = meetings
        .iter()
        .find(|e| e.place.as_deref() == Some("Paris"))
        .expect("the Paris meeting");
    assert_eq!(paris.when.value, "2014-03-30");
    let docs: std::collections::BTreeSet<&str> =
        paris.mentions.iter().map(|m| m.document.as_str()).collect();
    assert_eq!(docs, ["a", "b", "c"].into());
    // The planned report and the reports that it happened: asserted.
    assert_eq!(paris.modality, eventgraph::model::Modality::Asserted);
    let id = graph
        .event_by_key(eventgraph::model::parse_key(&paris.id).unwrap())
        .unwrap();
    let conflicts = graph.conflicts(id).expect("the month value is kept");
    assert_eq!(conflicts.dates, ["2014-03"]);
    let london = meetings
        .iter()
        .find(|e| e.place.as_deref() == Some("London"))
        .expect("the London meeting");
    assert_eq!(london.mentions.len(), 1);
}

#[test]
fn titles_are_one_edge_per_office_with_every_report() {
    let graph = graph_of(&[0, 1, 2, 3, 4, 5]);
    let find = |needle: &str| {
        graph
            .actor_ids()
            .find(|&id| graph.actor(id).unwrap().name.contains(needle))
            .unwrap()
    };
    let lavrov = graph.affiliations(find("Lavrov"));
    assert_eq!(lavrov.len(), 1, "{lavrov:#?}");
    assert_eq!(lavrov[0].sources, ["a", "b"]);
    assert_eq!(lavrov[0].of, Some(find("Russia")));
    // "Secretary of State" without a country (document c) is the same
    // office as "Secretary of State" of the United States (document a).
    let kerry = graph.affiliations(find("Kerry"));
    assert_eq!(kerry.len(), 1, "{kerry:#?}");
    assert_eq!(kerry[0].of_name.as_deref(), Some("United States"));
    assert_eq!(kerry[0].sources, ["a", "c"]);
    assert_eq!(kerry[0].first_reported.unwrap().to_string(), "2014-03-31");
    assert_eq!(kerry[0].last_reported.unwrap().to_string(), "2014-04-02");
    // "U.S." is the resolved United States.
    let bush = graph.affiliations(find("George W. Bush"));
    assert_eq!(bush.len(), 1, "{bush:#?}");
    assert_eq!(bush[0].title, None);
    assert_eq!(bush[0].of, Some(find("United States")));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any order of the documents, and ingesting them one store session at
    /// a time, gives the same bytes.
    #[test]
    fn order_of_ingest_does_not_matter(order in Just((0..6).collect::<Vec<usize>>()).prop_shuffle()) {
        let reference = fingerprint(&graph_of(&[0, 1, 2, 3, 4, 5]));
        prop_assert_eq!(&fingerprint(&graph_of(&order)), &reference);
    }
}

#[test]
fn one_at_a_time_equals_all_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inc.db");
    let docs = corpus();
    for i in [4, 2, 0, 5, 1, 3] {
        // A new session per document, as repeated `eventgraph ingest` runs.
        let mut store = Store::open(&path).unwrap();
        ingest_all(&mut store, &[&docs[i]]);
    }
    let store = Store::open(&path).unwrap();
    let incremental = fingerprint(&eventgraph::pipeline::load(&store).unwrap());
    assert_eq!(incremental, fingerprint(&graph_of(&[0, 1, 2, 3, 4, 5])));
}

/// Issue 15 through the store: four Kerry-Lavrov meetings in March 2014
/// (Paris on the 5th and the 30th, Rome on the 6th, London on the 14th),
/// each in its own document, and a fifth document saying only that they
/// met in March, with no place. Four meetings with their own day and city
/// come out; the vague report fits all four equally and joins none. In any
/// order of ingest.
#[test]
fn four_meetings_of_one_month_and_a_vague_report() {
    let people: [A; 2] = [
        ("k", "John Kerry", "person", &["Kerry"]),
        ("l", "Sergei Lavrov", "person", &["Lavrov"]),
    ];
    let meeting = |id: &str, day: &str, place: Option<&str>| {
        doc(
            id,
            day,
            &people,
            &[("meet", day, day, "day", &["k", "l"], place, "asserted")],
        )
    };
    let docs = [
        meeting("p5", "2014-03-05", Some("Paris")),
        meeting("r6", "2014-03-06", Some("Rome")),
        meeting("l14", "2014-03-14", Some("London")),
        meeting("p30", "2014-03-30", Some("Paris")),
        doc(
            "vague",
            "2014-04-02",
            &people,
            &[(
                "meet",
                "2014-03-01",
                "2014-03-31",
                "month",
                &["k", "l"],
                None,
                "asserted",
            )],
        ),
    ];
    let mut answers = Vec::new();
    for order in [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 4, 0, 3, 1]] {
        let picked: Vec<&String> = order.iter().map(|&i| &docs[i]).collect();
        let mut store = Store::open_in_memory().unwrap();
        ingest_all(&mut store, &picked);
        let graph = eventgraph::pipeline::load(&store).unwrap();
        let mut meetings: Vec<(String, Option<String>, usize)> = graph
            .event_ids()
            .into_iter()
            .map(|id| graph.to_event(id).unwrap())
            .map(|e| (e.when.value, e.place, e.mentions.len()))
            .collect();
        meetings.sort();
        answers.push(meetings);
    }
    let expected: Vec<(String, Option<String>, usize)> = [
        ("2014-03", None),
        ("2014-03-05", Some("Paris")),
        ("2014-03-06", Some("Rome")),
        ("2014-03-14", Some("London")),
        ("2014-03-30", Some("Paris")),
    ]
    .into_iter()
    .map(|(d, p)| (d.to_string(), p.map(str::to_string), 1))
    .collect();
    for answer in &answers {
        assert_eq!(answer, &expected);
    }
}
