//! Affiliation edges through real ingest (interchange JSON → store →
//! graph → CLI): a title reported by several documents is one edge with
//! the first and last publication dates and every document; its `of` names
//! the resolved actor; another title is another edge; a plain affiliation
//! is an edge with no title; a schema 1 database keeps its titles when the
//! new code opens it.

mod common;

use eventgraph::{
    read_interchange, to_records, ActorKind, Graph, IngestOptions, Store, Title, SCHEMA_VERSION,
};
use serde_json::{json, Value};
use std::path::Path;

/// An actor: (id, name, kind, aliases, title, affiliation id or name).
type A<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a [&'a str],
    Option<&'a str>,
    Option<&'a str>,
);

/// A document whose first two actors meet on its publication day, and
/// whose first actor makes a statement to the third.
fn doc(id: &str, published: Option<&str>, actors: &[A]) -> String {
    let list: Vec<Value> = actors
        .iter()
        .map(|(id, name, kind, aliases, title, affiliation)| {
            json!({"id": id, "name": name, "kind": kind, "aliases": aliases,
                   "title": title, "affiliation": affiliation})
        })
        .collect();
    let day = published.unwrap_or("2014-03-30");
    let mut events = vec![json!({
        "kind": "meet",
        "date": {"start": day, "end": day},
        "actors": [{"actor": actors[0].0, "role": "participant"},
                   {"actor": actors[1].0, "role": "participant"}],
        "evidence": [{"text": format!("{id} says so"), "start": 0, "end": 5}],
    })];
    if let Some(third) = actors.get(2) {
        events.push(json!({
            "kind": "statement",
            "date": {"start": day, "end": day},
            "actors": [{"actor": actors[0].0, "role": "source"},
                       {"actor": third.0, "role": "target"}],
            "evidence": [{"text": format!("{id} says more"), "start": 6, "end": 9}],
        }));
    }
    json!({
        "version": 1,
        "document": {"id": id, "title": format!("title of {id}"), "published": published},
        "actors": list,
        "events": events,
    })
    .to_string()
}

fn lavrov_docs() -> Vec<String> {
    vec![
        doc(
            "upi",
            Some("2014-03-30"),
            &[
                (
                    "l",
                    "Sergei Lavrov",
                    "person",
                    &["Lavrov"],
                    Some("Foreign Minister"),
                    Some("r"),
                ),
                ("k", "John Kerry", "person", &["Kerry"], None, None),
                ("r", "Russia", "country", &[], None, None),
            ],
        ),
        doc(
            "eurasia",
            Some("2014-04-02"),
            &[
                (
                    "l",
                    "Sergey Lavrov",
                    "person",
                    &[],
                    Some("Foreign Minister"),
                    Some("rf"),
                ),
                ("k", "Kerry", "person", &[], None, None),
                (
                    "rf",
                    "Russian Federation",
                    "country",
                    &["Russia"],
                    None,
                    None,
                ),
            ],
        ),
    ]
}

fn third_doc() -> String {
    doc(
        "tass",
        Some("2004-05-10"),
        &[
            (
                "l",
                "Sergei Lavrov",
                "person",
                &[],
                Some("Permanent Representative"),
                Some("un"),
            ),
            ("k", "Kofi Annan", "person", &[], None, Some("un")),
            ("un", "United Nations", "organization", &["UN"], None, None),
            // its own affiliation: no edge
            (
                "s",
                "Security Council",
                "organization",
                &[],
                None,
                Some("s"),
            ),
        ],
    )
}

fn ingest(store: &mut Store, docs: &[String]) {
    for (i, json) in docs.iter().enumerate() {
        let name = format!("doc{i}.json");
        let (parsed, errors) = read_interchange(&name, json.as_bytes());
        assert!(errors.is_empty(), "{errors:?}");
        for d in parsed {
            let records = to_records(&d.doc, &name);
            assert!(records.diagnostics.is_empty(), "{:?}", records.diagnostics);
            store
                .ingest(&records, &d.content_hash, &IngestOptions::default())
                .unwrap();
        }
    }
}

fn graph_of(docs: &[String]) -> Graph {
    let mut store = Store::open_in_memory().unwrap();
    ingest(&mut store, docs);
    let graph = eventgraph::load(&store).unwrap();
    graph.check_consistency().unwrap();
    graph
}

fn only(graph: &Graph, needle: &str) -> eventgraph::ActorId {
    let ids: Vec<_> = graph
        .actor_ids()
        .filter(|&id| graph.actor(id).unwrap().name.contains(needle))
        .collect();
    assert_eq!(ids.len(), 1, "actors named {needle:?}: {ids:?}");
    ids[0]
}

fn day(text: &str) -> Option<chrono::NaiveDate> {
    Some(text.parse().unwrap())
}

#[test]
fn one_title_reported_twice_is_one_edge_with_both_dates_and_sources() {
    let graph = graph_of(&lavrov_docs());
    let lavrov = only(&graph, "Lavrov");
    let russia = only(&graph, "Russia");
    assert_eq!(graph.actor(russia).unwrap().kind, ActorKind::Country);
    let edges = graph.affiliations(lavrov);
    assert_eq!(edges.len(), 1, "{edges:#?}");
    let edge = &edges[0];
    assert_eq!(edge.title.as_deref(), Some("Foreign Minister"));
    // The second document said "Russian Federation": the edge names the
    // resolved country.
    let russia_name = graph.actor(russia).unwrap().name.clone();
    assert_eq!(edge.of_name.as_deref(), Some(russia_name.as_str()));
    assert_eq!(edge.of, Some(russia));
    assert_eq!(edge.first_reported, day("2014-03-30"));
    assert_eq!(edge.last_reported, day("2014-04-02"));
    assert_eq!(edge.sources, ["eurasia", "upi"]);
    assert_eq!(
        edge.describe(),
        format!(
            "Foreign Minister, {russia_name} — reported 2014-03-30 to 2014-04-02 in 2 documents"
        )
    );
    // The reverse edge: Russia's members.
    let members = graph.members(russia);
    assert_eq!(members.len(), 1, "{members:#?}");
    assert_eq!(members[0].0, lavrov);
    assert_eq!(&members[0].1, edge);
    // The actor's titles carry the same reports.
    let titles = &graph.actor(lavrov).unwrap().titles;
    assert_eq!(titles.len(), 1, "{titles:#?}");
    assert_eq!(titles[0].sources, ["eurasia", "upi"]);
}

#[test]
fn another_title_is_another_edge_and_a_plain_affiliation_is_an_edge_too() {
    let mut docs = lavrov_docs();
    docs.push(third_doc());
    let graph = graph_of(&docs);
    let lavrov = only(&graph, "Lavrov");
    let un = only(&graph, "United Nations");
    let edges = graph.affiliations(lavrov);
    let described: Vec<String> = edges.iter().map(|e| e.describe()).collect();
    assert_eq!(edges.len(), 2, "{described:#?}");
    let un_edge = edges
        .iter()
        .find(|e| e.title.as_deref() == Some("Permanent Representative"))
        .expect("the UN title");
    assert_eq!(un_edge.of, Some(un));
    assert_eq!(un_edge.first_reported, day("2004-05-10"));
    assert_eq!(un_edge.last_reported, day("2004-05-10"));
    assert_eq!(un_edge.sources, ["tass"]);
    // Kofi Annan: an affiliation with no title.
    let annan = only(&graph, "Annan");
    let plain = graph.affiliations(annan);
    assert_eq!(plain.len(), 1, "{plain:#?}");
    assert_eq!(plain[0].title, None);
    assert_eq!(plain[0].of, Some(un));
    assert_eq!(plain[0].sources, ["tass"]);
    assert_eq!(plain[0].first_reported, day("2004-05-10"));
    let council = only(&graph, "Security Council");
    assert_eq!(graph.affiliations(council), []);
    // The plain affiliation is not a held title.
    assert_eq!(graph.actor(annan).unwrap().held_titles().count(), 0);
    let members: Vec<String> = graph
        .members(un)
        .iter()
        .map(|(m, _)| graph.actor(*m).unwrap().name.clone())
        .collect();
    assert_eq!(members, ["Kofi Annan", "Sergei Lavrov"]);
}

#[test]
fn a_document_without_a_date_gives_a_source_but_no_date() {
    let mut docs = lavrov_docs();
    docs.push(doc(
        "undated",
        None,
        &[
            (
                "l",
                "Sergei Lavrov",
                "person",
                &[],
                Some("Foreign Minister"),
                Some("r"),
            ),
            ("k", "John Kerry", "person", &[], None, None),
            ("r", "Russia", "country", &[], None, None),
        ],
    ));
    let graph = graph_of(&docs);
    let edges = graph.affiliations(only(&graph, "Lavrov"));
    assert_eq!(edges.len(), 1);
    assert_eq!(edges[0].sources, ["eurasia", "undated", "upi"]);
    assert_eq!(edges[0].first_reported, day("2014-03-30"));
    assert_eq!(edges[0].last_reported, day("2014-04-02"));
}

#[test]
fn replacing_a_document_drops_its_reports() {
    let mut store = Store::open_in_memory().unwrap();
    ingest(&mut store, &lavrov_docs());
    // The same id with other content: eurasia no longer gives the title.
    ingest(
        &mut store,
        &[doc(
            "eurasia",
            Some("2014-04-02"),
            &[
                ("l", "Sergey Lavrov", "person", &[], None, None),
                ("k", "Kerry", "person", &[], None, None),
            ],
        )],
    );
    let graph = eventgraph::load(&store).unwrap();
    let edges = graph.affiliations(only(&graph, "Lavrov"));
    assert_eq!(edges.len(), 1, "{edges:#?}");
    assert_eq!(edges[0].sources, ["upi"]);
    assert_eq!(edges[0].last_reported, day("2014-03-30"));
}

/// Schema 1, as released: titles keyed by (actor, title, of).
const V1_SCHEMA: &str = "
CREATE TABLE documents (id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE, title TEXT, url TEXT, published TEXT, source TEXT,
    path TEXT);
CREATE TABLE actors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, norm TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL, affiliation TEXT, country TEXT);
CREATE TABLE titles (actor_id INTEGER NOT NULL REFERENCES actors(id), title TEXT NOT NULL,
    of_name TEXT NOT NULL DEFAULT '', document_id INTEGER REFERENCES documents(id),
    PRIMARY KEY (actor_id, title, of_name)) WITHOUT ROWID;
CREATE TABLE actor_documents (actor_id INTEGER NOT NULL REFERENCES actors(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (actor_id, document_id)) WITHOUT ROWID;
INSERT INTO documents VALUES (1, 'old', 'h1', NULL, NULL, '2014-03-29', NULL, NULL);
INSERT INTO actors VALUES (1, 'Sergei Lavrov', 'sergei lavrov', 'person', 'Russia', NULL);
INSERT INTO actors VALUES (2, 'Russia', 'russia', 'country', NULL, NULL);
INSERT INTO actors VALUES (3, 'Vitaly Churkin', 'vitaly churkin', 'person', 'Russia', NULL);
INSERT INTO actors VALUES (4, 'Ban Ki-moon', 'ban ki moon', 'person', 'United Nations', NULL);
INSERT INTO titles VALUES (1, 'Foreign Minister', 'Russia', 1);
INSERT INTO titles VALUES (3, 'Ambassador', 'Russia', NULL);
INSERT INTO actor_documents VALUES (1, 1), (2, 1), (3, 1), (4, 1);
PRAGMA user_version = 1;
";

#[test]
fn a_schema_1_database_keeps_its_titles_and_takes_new_reports() {
    let dir = common::tempdir();
    let path = dir.path().join("v1.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(V1_SCHEMA).unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    let rows = |path: &Path| -> Vec<(i64, String, String, Option<i64>)> {
        let conn = rusqlite::Connection::open(path).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let mut stmt = conn
            .prepare("SELECT actor_id, title, of_name, document_id FROM titles ORDER BY 1, 2, 3, 4")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    // Every v1 row is kept with its document; Ban Ki-moon's affiliation,
    // which no title named, becomes a plain-affiliation row.
    assert_eq!(
        rows(&path),
        [
            (1, "Foreign Minister".into(), "Russia".into(), Some(1)),
            (3, "Ambassador".into(), "Russia".into(), None),
            (4, String::new(), "United Nations".into(), None),
        ]
    );
    let graph = eventgraph::load(&store).unwrap();
    let lavrov = only(&graph, "Lavrov");
    let edges = graph.affiliations(lavrov);
    assert_eq!(edges.len(), 1);
    assert_eq!(edges[0].sources, ["old"]);
    assert_eq!(edges[0].first_reported, day("2014-03-29"));
    let churkin = graph.actor(only(&graph, "Churkin")).unwrap();
    assert_eq!(
        churkin.titles,
        [Title::new("Ambassador", Some("Russia".into()))]
    );
    // A new document adds its own report of the same title.
    ingest(&mut store, &lavrov_docs()[..1]);
    drop(store);
    assert_eq!(rows(&path).len(), 4);
    let store = Store::open(&path).unwrap();
    let graph = eventgraph::load(&store).unwrap();
    let edges = graph.affiliations(only(&graph, "Lavrov"));
    assert_eq!(edges.len(), 1, "{edges:#?}");
    assert_eq!(edges[0].sources, ["old", "upi"]);
    assert_eq!(edges[0].first_reported, day("2014-03-29"));
    assert_eq!(edges[0].last_reported, day("2014-03-30"));
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let dir = common::tempdir();
    let path = dir.path().join("v9.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 9).unwrap();
    }
    let err = Store::open(&path).unwrap_err().to_string();
    assert!(err.contains("schema version 9"), "{err}");
}

use common::eventgraph_on as eventgraph;

#[test]
fn the_actor_command_and_the_json_export_show_the_edges() {
    let dir = common::tempdir();
    let db = dir.path().join("a.db");
    let mut docs = lavrov_docs();
    docs.push(third_doc());
    for (i, d) in docs.iter().enumerate() {
        let file = dir.path().join(format!("d{i}.json"));
        std::fs::write(&file, d).unwrap();
        eventgraph(&db).arg("ingest").arg(&file).assert().success();
    }
    let out = eventgraph(&db)
        .args(["actor", "Lavrov"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        // The country's canonical name is its longest name (each name is
        // used by one document): the report that said "Russia" is counted.
        text.contains(
            "Foreign Minister, Russian Federation — reported 2014-03-30 to 2014-04-02 in 2 documents"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Permanent Representative, United Nations — reported 2004-05-10 in 1 document"
        ),
        "{text}"
    );
    let out = eventgraph(&db)
        .args(["actor", "United Nations", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let detail: Value = serde_json::from_slice(&out).unwrap();
    let members = detail["members"].as_array().unwrap();
    let names: Vec<&str> = members
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Kofi Annan", "Sergei Lavrov"]);
    assert_eq!(members[1]["title"], "Permanent Representative");
    assert_eq!(members[1]["sources"], json!(["tass"]));

    let out = eventgraph(&db)
        .args(["export", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let export: Value = serde_json::from_slice(&out).unwrap();
    let lavrov = export["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Sergei Lavrov")
        .expect("Lavrov exported");
    assert_eq!(
        lavrov["titles"][0],
        json!({"title": "Foreign Minister", "of": "Russian Federation", "first_reported": "2014-03-30",
               "last_reported": "2014-04-02", "sources": ["eurasia", "upi"]})
    );
}

#[test]
fn dot_graphml_and_turtle_carry_the_edges() {
    use eventgraph::EventFilter;
    use eventgraph::{export, export::DotOptions, export::DotView, export::TurtleOptions};
    let mut docs = lavrov_docs();
    docs.push(third_doc());
    let graph = graph_of(&docs);
    let sub = graph.subgraph_for(&EventFilter::default());
    let options = DotOptions {
        view: DotView::Actors,
        ..DotOptions::default()
    };
    let dot = export::dot_string(&sub, &options);
    graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{e}\n{dot}"));
    let edges: Vec<&str> = dot
        .lines()
        .filter(|l| l.contains("arrowhead=empty"))
        .collect();
    assert_eq!(edges.len(), 3, "{dot}");
    assert!(edges.iter().any(|l| l.starts_with(
        "  \"actor:Sergei Lavrov\" -- \"actor:Russian Federation\" [label=\"Foreign Minister\\n2014-03-30 – 2014-04-02\""
    )), "{edges:#?}");
    assert!(edges.iter().any(|l| l.contains("\"actor:Kofi Annan\" -- \"actor:United Nations\" [label=\"affiliated with\\n2004-05-10\"")), "{edges:#?}");

    let mut xml = Vec::new();
    export::write_graphml(&sub, &mut xml).unwrap();
    let xml = String::from_utf8(xml).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    loop {
        match reader.read_event().expect("graphml is well-formed XML") {
            quick_xml::events::Event::Eof => break,
            _ => continue,
        }
    }
    assert_eq!(
        xml.matches("<data key=\"relation\">affiliation</data>")
            .count(),
        3
    );
    assert!(
        xml.contains("<data key=\"sources\">eurasia; upi</data>"),
        "{xml}"
    );
    assert!(
        xml.contains("<data key=\"first_reported\">2004-05-10</data>"),
        "{xml}"
    );

    let mut ttl = Vec::new();
    export::write_turtle(&sub, &TurtleOptions::default(), &mut ttl).unwrap();
    let triples: Vec<String> = oxttl::TurtleParser::new()
        .for_slice(&ttl)
        .map(|t| t.expect("turtle parses").to_string())
        .collect();
    let first = triples
        .iter()
        .filter(|t| t.contains("vocab:firstReported"))
        .count();
    assert_eq!(first, 3, "{}", String::from_utf8_lossy(&ttl));
    let reported_in = triples
        .iter()
        .filter(|t| t.contains("vocab:reportedIn"))
        .count();
    // eurasia and upi for the Foreign Minister, tass twice
    assert_eq!(reported_in, 4);
    // a plain affiliation is an edge, not a title with no text
    assert!(!String::from_utf8_lossy(&ttl).contains("schema:jobTitle \" of"));
    let mut csv = Vec::new();
    export::write_csv_actors(&sub, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let annan = csv.lines().find(|l| l.starts_with("Kofi Annan,")).unwrap();
    assert!(!annan.contains(" of United Nations"), "{annan}");
    assert!(annan.contains("United Nations"), "{annan}");
}

mod orders {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// A document naming Lavrov (one of two spellings) with one of two
    /// titles of Russia (one of two names), published on a day of March
    /// 2014 or undated.
    fn lavrov_doc(i: usize, spelling: bool, title: bool, russia: bool, day: Option<u32>) -> String {
        let published = day.map(|d| format!("2014-03-{d:02}"));
        doc(
            &format!("d{i}"),
            published.as_deref(),
            &[
                (
                    "l",
                    if spelling {
                        "Sergei Lavrov"
                    } else {
                        "Sergey Lavrov"
                    },
                    "person",
                    &[],
                    Some(if title {
                        "Foreign Minister"
                    } else {
                        "Ambassador"
                    }),
                    Some("r"),
                ),
                ("k", "John Kerry", "person", &[], None, None),
                (
                    "r",
                    if russia {
                        "Russia"
                    } else {
                        "Russian Federation"
                    },
                    "country",
                    &["Russia"],
                    None,
                    None,
                ),
            ],
        )
    }

    type Spec = (bool, bool, bool, Option<u32>);

    fn edges(graph: &Graph) -> Vec<String> {
        graph
            .affiliations(only(graph, "Lavrov"))
            .iter()
            .map(|e| format!("{e:?}"))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]

        /// Whatever the order, each title is one edge whose dates are the
        /// earliest and latest publication dates of the documents giving
        /// it and whose sources are those documents.
        #[test]
        fn edges_are_the_same_in_any_order(
            specs in prop::collection::vec(
                (any::<bool>(), any::<bool>(), any::<bool>(), prop::option::of(1u32..29)),
                1..6,
            ),
            seed in any::<u64>(),
        ) {
            let docs: Vec<String> = specs
                .iter()
                .enumerate()
                .map(|(i, &(s, t, r, d)): (usize, &Spec)| lavrov_doc(i, s, t, r, d))
                .collect();
            let mut shuffled = docs.clone();
            // A deterministic shuffle from the seed.
            let mut x = seed | 1;
            for i in (1..shuffled.len()).rev() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                shuffled.swap(i, (x % (i as u64 + 1)) as usize);
            }
            let graph = graph_of(&docs);
            prop_assert_eq!(edges(&graph), edges(&graph_of(&shuffled)));
            let mut expected: BTreeMap<&str, (BTreeSet<String>, Vec<u32>)> = BTreeMap::new();
            for (i, &(_, t, _, d)) in specs.iter().enumerate() {
                let entry = expected
                    .entry(if t { "Foreign Minister" } else { "Ambassador" })
                    .or_default();
                entry.0.insert(format!("d{i}"));
                entry.1.extend(d);
            }
            let found = graph.affiliations(only(&graph, "Lavrov"));
            prop_assert_eq!(found.len(), expected.len());
            for edge in &found {
                let (sources, days) = &expected[edge.title.as_deref().unwrap()];
                prop_assert_eq!(&edge.sources.iter().cloned().collect::<BTreeSet<_>>(), sources);
                let day = |d: Option<&u32>| d.map(|d| chrono::NaiveDate::from_ymd_opt(2014, 3, *d).unwrap());
                prop_assert_eq!(edge.first_reported, day(days.iter().min()));
                prop_assert_eq!(edge.last_reported, day(days.iter().max()));
                prop_assert_eq!(edge.of, Some(only(&graph, "Russia")));
            }
        }
    }
}
