//! Format checks of every exporter on the seed article's graph
//! (`tests/fixtures/seed/input.json`), built by hand from the France 24
//! article of 2014-03-31: each output parses with an independent reader and
//! has the expected counts. The byte-for-byte golden files of the same
//! graph are checked by `tests/golden.rs`.

mod common;

use eventgraph::{
    export::{self, DotOptions, DotView, Layout, RenderFormat, TurtleOptions},
    Subgraph,
};
use quick_xml::events::Event as XmlEvent;
use std::time::Duration;

fn seed() -> Subgraph {
    serde_json::from_str(&common::read_fixture("seed/input.json")).unwrap()
}

fn run(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Vec<u8> {
    let mut out = Vec::new();
    f(&mut out).unwrap();
    out
}

fn dot_of(sub: &Subgraph, view: DotView) -> String {
    let options = DotOptions {
        view,
        ..Default::default()
    };
    String::from_utf8(run(|o| export::write_dot(sub, &options, o))).unwrap()
}

use common::graphviz as dot_available;

#[test]
fn output_is_deterministic() {
    let sub = seed();
    let mut shuffled = sub.clone();
    shuffled.actors.reverse();
    shuffled.events.reverse();
    for view in [DotView::Events, DotView::Actors] {
        assert_eq!(dot_of(&sub, view), dot_of(&shuffled, view));
    }
    assert_eq!(
        run(|o| export::write_graphml(&sub, o)),
        run(|o| export::write_graphml(&shuffled, o))
    );
    assert_eq!(
        run(|o| export::write_turtle(&sub, &TurtleOptions::default(), o)),
        run(|o| export::write_turtle(&shuffled, &TurtleOptions::default(), o))
    );
}

#[test]
fn dot_parses_back_with_graphviz_rust() {
    let sub = seed();
    for view in [DotView::Events, DotView::Actors] {
        let text = dot_of(&sub, view);
        let graph = graphviz_rust::parse(&text)
            .unwrap_or_else(|e| panic!("{view:?} view does not parse: {e}\n{text}"));
        let printed = graphviz_rust::printer::DotPrinter::print(&graph, &mut Default::default());
        assert!(printed.contains("actor:John Kerry"));
    }
    // the events view: 15 actors, 9 events, 3 day markers, each day a rank
    let text = dot_of(&sub, DotView::Events);
    let actor_nodes = text
        .lines()
        .filter(|l| l.starts_with("  \"actor:") && l.contains("[label=") && !l.contains(" -> "))
        .count();
    assert_eq!(actor_nodes, 15);
    assert_eq!(text.matches("rank=same").count(), 3);
    assert!(text.contains("2014-04-01\\nmeet (planned)\\nBrussels"));
    assert!(text.contains("rounded,filled,dashed"));
    assert!(text.contains("layout=dot"));
    // the actor view: one edge per pair, labelled with date and kind, and
    // a dashed arrow per affiliation between two drawn actors (Lavrov and
    // Putin to Russia; Kerry's and Lute's titles of the United States are
    // not drawn: the United States is in no pair, so it is not drawn)
    let actors = dot_of(&sub, DotView::Actors);
    assert_eq!(actors.matches(" -- ").count(), 7, "{actors}");
    let affiliations: Vec<&str> = actors
        .lines()
        .filter(|l| l.contains("arrowhead=empty"))
        .collect();
    assert_eq!(affiliations.len(), 2, "{actors}");
    assert!(affiliations[0].starts_with(
        "  \"actor:Sergei Lavrov\" -- \"actor:Russia\" [label=\"Foreign Minister\" style=\"dashed\""
    ));
    assert!(actors.contains("2014-03-30 meet"));
    assert!(actors.contains("2014-04-01 meet (planned)"));
}

#[test]
fn dot_renders_with_graphviz() {
    if !dot_available() {
        return;
    }
    let sub = seed();
    for view in [DotView::Events, DotView::Actors] {
        let text = dot_of(&sub, view);
        let svg = export::render(
            &text,
            RenderFormat::Svg,
            Layout::Dot,
            Duration::from_secs(60),
        )
        .unwrap();
        let svg = String::from_utf8(svg).unwrap();
        assert!(svg.contains("<svg"), "{view:?}");
        assert!(svg.contains("John Kerry"));
        assert!(svg.contains("Sergei Lavrov"));
    }
    let png = export::render(
        &dot_of(&sub, DotView::Actors),
        RenderFormat::Png,
        Layout::Sfdp,
        Duration::from_secs(60),
    )
    .unwrap();
    assert_eq!(&png[..4], b"\x89PNG");
    let pdf = export::render(
        &dot_of(&sub, DotView::Events),
        RenderFormat::Pdf,
        Layout::Neato,
        Duration::from_secs(60),
    )
    .unwrap();
    assert_eq!(&pdf[..4], b"%PDF");
}

#[test]
fn render_reports_graphviz_errors_and_time_limit() {
    if !dot_available() {
        return;
    }
    let err = export::render(
        "digraph { a -> }",
        RenderFormat::Svg,
        Layout::Dot,
        Duration::from_secs(30),
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("graphviz failed"), "{err}");
    // a graph too large to lay out in a millisecond is stopped
    let mut big = String::from("digraph { ");
    for i in 0..3000 {
        big.push_str(&format!(
            "n{i} -> n{} ; n{i} -> n{} ;",
            (i * 7 + 1) % 3000,
            (i * 13 + 5) % 3000
        ));
    }
    big.push('}');
    let err = export::render(
        &big,
        RenderFormat::Svg,
        Layout::Dot,
        Duration::from_millis(1),
    )
    .unwrap_err();
    assert!(err.to_string().contains("did not finish within"), "{err}");
}

#[test]
fn missing_graphviz_names_the_package() {
    let err = export::render_with(
        "eventgraph-test-no-such-dot",
        &dot_of(&seed(), DotView::Events),
        RenderFormat::Svg,
        Layout::Dot,
        Duration::from_secs(5),
    )
    .unwrap_err();
    assert!(matches!(err, export::RenderError::NotInstalled(_)));
    let message = err.to_string();
    assert!(
        message.starts_with("graphviz is not installed"),
        "{message}"
    );
    assert!(message.contains("Debian package `graphviz`"), "{message}");
    assert!(message.contains("eventgraph-test-no-such-dot"), "{message}");
}

#[test]
fn large_views_warn_and_switch_to_sfdp() {
    let mut sub = seed();
    let template = sub.events[0].clone();
    for i in 0..400 {
        let mut e = template.clone();
        e.id = format!("bulk-{i:04}");
        e.participants[1].actor = format!("Actor {i:04}");
        sub.events.push(e);
    }
    let options = DotOptions::default();
    assert_eq!(options.effective_layout(&sub), Layout::Sfdp);
    let warnings = export::dot_warnings(&sub, &options);
    assert!(
        warnings
            .iter()
            .any(|w| w.to_string().contains("too many to read")),
        "{warnings:?}"
    );
    assert!(dot_of(&sub, DotView::Events).contains("layout=sfdp"));
    assert!(export::dot_warnings(&seed(), &options).is_empty());
    let forced = DotOptions {
        layout: Some(Layout::Dot),
        ..Default::default()
    };
    assert!(export::dot_warnings(&sub, &forced)
        .iter()
        .any(|w| matches!(w, export::DotWarning::SlowLayout { .. })));
}

/// Counts GraphML nodes and edges with quick-xml, checking the XML is well formed.
fn graphml_counts(xml: &[u8]) -> (usize, usize, Vec<String>) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut nodes, mut edges) = (0, 0);
    let mut texts = Vec::new();
    let mut depth = 0i32;
    loop {
        match reader
            .read_event_into(&mut buf)
            .expect("graphml is well-formed XML")
        {
            XmlEvent::Start(e) => {
                depth += 1;
                match e.name().as_ref() {
                    b"node" => nodes += 1,
                    b"edge" => edges += 1,
                    _ => {}
                }
            }
            XmlEvent::Empty(e) => match e.name().as_ref() {
                b"node" => nodes += 1,
                b"edge" => edges += 1,
                _ => {}
            },
            XmlEvent::End(_) => depth -= 1,
            XmlEvent::Text(t) => texts.push(t.unescape().unwrap().into_owned()),
            XmlEvent::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    assert_eq!(depth, 0, "unbalanced elements");
    (nodes, edges, texts)
}

#[test]
fn graphml_parses_with_expected_counts() {
    let sub = seed();
    let xml = run(|o| export::write_graphml(&sub, o));
    let (nodes, edges, texts) = graphml_counts(&xml);
    let n_participations: usize = sub.events.iter().map(|e| e.participants.len()).sum();
    let n_affiliations = sub
        .actors
        .iter()
        .filter(|a| {
            a.affiliation
                .as_ref()
                .is_some_and(|f| sub.actors.iter().any(|b| &b.name == f))
        })
        .count();
    assert_eq!(nodes, sub.actors.len() + sub.events.len());
    assert_eq!((nodes, n_participations, n_affiliations), (24, 14, 9));
    assert_eq!(edges, n_participations + n_affiliations);
    assert!(texts
        .iter()
        .any(|t| t == "John Kerry met Sergei Lavrov in Paris."));
}

/// Parses Turtle with oxttl and returns the triples as N-Triples lines.
fn turtle_triples(ttl: &[u8]) -> Vec<String> {
    oxttl::TurtleParser::new()
        .for_slice(ttl)
        .map(|t| t.expect("turtle parses").to_string())
        .collect()
}

#[test]
fn turtle_parses_with_expected_triple_count() {
    let sub = seed();
    let ttl = run(|o| export::write_turtle(&sub, &TurtleOptions::default(), o));
    let triples = turtle_triples(&ttl);
    // vocabulary: 3 sub-property declarations
    let mut expected = 3;
    for a in &sub.actors {
        // sem:Actor, schema type (none for groups), label, kind, aliases,
        // titles, affiliation, country
        expected += 1 + usize::from(a.kind != eventgraph::ActorKind::Group) + 2;
        expected += a.aliases.len() + a.titles.len();
        expected += usize::from(a.affiliation.is_some()) + usize::from(a.country.is_some());
    }
    let mut places = std::collections::BTreeSet::new();
    for e in &sub.events {
        // type, label, eventType, begin, end, dateValue, precision, modality, confidence
        expected += 9 + usize::from(e.cameo.is_some());
        if let Some(p) = &e.place {
            expected += 1;
            places.insert(p.clone());
        }
        // hasActor + role per actor
        expected += 2 * e.participants.len();
        // the mention link and its 4 properties
        expected += 5 * e.mentions.len();
    }
    expected += 2 * places.len();
    // document: type, identifier, headline, datePublished, publisher
    expected += 5 * sub.documents.len();
    assert_eq!(triples.len(), expected);
    assert_eq!(triples.len(), 288);
    assert!(triples.iter().any(|t| t
        == "<urn:eventgraph:event/paris-meeting> <http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace> <urn:eventgraph:place/Paris>"));
    assert!(triples
        .iter()
        .any(|t| t.contains("\"2014-04-01\"^^<http://www.w3.org/2001/XMLSchema#date>")));
}

#[test]
fn timelinejs_has_one_slide_per_event() {
    let sub = seed();
    let json: serde_json::Value =
        serde_json::from_slice(&run(|o| export::write_timelinejs(&sub, None, o))).unwrap();
    let slides = json["events"].as_array().unwrap();
    assert_eq!(slides.len(), sub.events.len());
    let ids: std::collections::BTreeSet<_> = slides
        .iter()
        .map(|s| s["unique_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), slides.len(), "unique ids");
    assert_eq!(slides[0]["start_date"]["day"], 30);
    assert_eq!(
        slides[0]["text"]["headline"],
        "John Kerry met Sergei Lavrov in Paris"
    );
    let last = slides.last().unwrap();
    assert_eq!(
        last["text"]["headline"],
        "Planned: John Kerry is to meet NATO in Brussels"
    );
}

#[test]
fn json_reads_back_as_the_same_subgraph() {
    let sub = seed();
    let bytes = run(|o| export::write_json(&sub, o));
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(value["version"], 1);
    let back: Subgraph = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(back, sub);
}

#[test]
fn csv_files_have_one_row_per_record() {
    let sub = seed();
    let count = |bytes: Vec<u8>| {
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().unwrap();
        rows.len()
    };
    assert_eq!(count(run(|o| export::write_csv_events(&sub, o))), 9);
    assert_eq!(count(run(|o| export::write_csv_actors(&sub, o))), 15);
    assert_eq!(count(run(|o| export::write_csv_participants(&sub, o))), 14);
}

#[test]
fn neo4j_files_reference_existing_nodes() {
    let sub = seed();
    let files: std::collections::BTreeMap<_, _> =
        export::neo4j_files(&sub).unwrap().into_iter().collect();
    let column = |name: &str, i: usize| -> Vec<String> {
        let mut r = csv::Reader::from_reader(files[name].as_slice());
        r.records().map(|r| r.unwrap()[i].to_string()).collect()
    };
    let actors = column("actors.csv", 0);
    let events = column("events.csv", 0);
    assert_eq!((actors.len(), events.len()), (15, 9));
    for a in column("participated_in.csv", 0) {
        assert!(actors.contains(&a), "{a}");
    }
    for e in column("participated_in.csv", 1) {
        assert!(events.contains(&e), "{e}");
    }
    assert_eq!(column("at.csv", 1), ["Paris", "Crimea", "Brussels"]);
    assert_eq!(column("reported_in.csv", 0).len(), 9);
    assert!(
        String::from_utf8_lossy(&files["import.sh"]).contains("neo4j-admin database import full")
    );
    let dir = common::tempdir();
    let paths = export::write_neo4j(&sub, dir.path()).unwrap();
    assert_eq!(paths.len(), export::NEO4J_FILES.len());
    // the streamed files hold the same bytes as the in-memory ones
    for (name, bytes) in &files {
        assert_eq!(
            &std::fs::read(dir.path().join(name)).unwrap(),
            bytes,
            "{name}"
        );
    }
}

#[test]
fn interchange_lines_carry_every_event_back() {
    use eventgraph::ExtractionDoc;
    let mut sub = seed();
    // an event cited by a second document, and one cited by none
    let mut twice = sub.events[0].clone();
    twice.mentions.push(eventgraph::Mention {
        document: "second".into(),
        text: "Kerry and Lavrov met.".into(),
        start: 5,
        end: 26,
    });
    sub.events[0] = twice;
    let mut unsourced = sub.events[1].clone();
    unsourced.id = "unsourced".into();
    unsourced.mentions.clear();
    sub.events.push(unsourced);
    let bytes = run(|o| export::write_interchange(&sub, o));
    let docs: Vec<ExtractionDoc> = String::from_utf8(bytes)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = docs.iter().map(|d| d.document.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            export::UNSOURCED_DOCUMENT,
            "france24-2014-03-31-russia-troops",
            "second"
        ]
    );
    let seed_doc = &docs[1];
    assert_eq!(seed_doc.events.len(), 9);
    assert_eq!(seed_doc.document.published.as_deref(), Some("2014-03-31"));
    // every participant resolves to the same actor name
    for (record, event) in seed_doc.events.iter().zip(seed().events.iter()) {
        let names: Vec<&str> = record
            .actors
            .iter()
            .map(|r| {
                seed_doc
                    .actors
                    .iter()
                    .find(|a| a.id == r.actor)
                    .map(|a| a.name.as_str())
                    .unwrap()
            })
            .collect();
        let expected: Vec<&str> = event
            .participants
            .iter()
            .map(|p| p.actor.as_str())
            .collect();
        assert_eq!(names, expected, "{}", event.id);
        assert_eq!(
            record.date.value.as_deref(),
            Some(event.when.value.as_str())
        );
        assert_eq!(record.evidence[0].text, event.mentions[0].text);
    }
    assert_eq!(docs[2].events.len(), 1);
    assert_eq!(docs[2].events[0].evidence[0].text, "Kerry and Lavrov met.");
    assert_eq!(docs[0].events[0].evidence.len(), 0);
}

#[test]
fn an_empty_subgraph_gives_valid_empty_outputs() {
    let sub = Subgraph::default();
    for view in [DotView::Events, DotView::Actors] {
        graphviz_rust::parse(&dot_of(&sub, view)).unwrap();
    }
    let (nodes, edges, _) = graphml_counts(&run(|o| export::write_graphml(&sub, o)));
    assert_eq!((nodes, edges), (0, 0));
    assert_eq!(
        turtle_triples(&run(|o| export::write_turtle(
            &sub,
            &TurtleOptions::default(),
            o
        )))
        .len(),
        3
    );
    let tl: serde_json::Value =
        serde_json::from_slice(&run(|o| export::write_timelinejs(&sub, None, o))).unwrap();
    assert_eq!(tl["events"].as_array().unwrap().len(), 0);
    assert!(run(|o| export::write_interchange(&sub, o)).is_empty());
    let mut html = Vec::new();
    export::write_html_report(&sub, None, &Default::default(), &mut html).unwrap();
    assert!(String::from_utf8(html)
        .unwrap()
        .contains("<p>No events.</p>"));
    if dot_available() {
        let svg = export::render(
            &dot_of(&sub, DotView::Events),
            RenderFormat::Svg,
            Layout::Dot,
            Duration::from_secs(30),
        )
        .unwrap();
        assert!(String::from_utf8_lossy(&svg).contains("<svg"));
    }
}

#[test]
fn focus_actors_stand_out() {
    let options = DotOptions {
        focus: vec!["Sergei Lavrov".into()],
        ..Default::default()
    };
    let text = String::from_utf8(run(|o| export::write_dot(&seed(), &options, o))).unwrap();
    let lavrov = text
        .lines()
        .find(|l| l.starts_with("  \"actor:Sergei Lavrov\"["))
        .unwrap();
    assert!(lavrov.contains("peripheries=2"), "{lavrov}");
    assert_eq!(text.matches("peripheries=2").count(), 1);
    graphviz_rust::parse(&text).unwrap();
}

/// x positions of nodes in Graphviz's `plain` output.
fn plain_positions(dot_text: &str) -> std::collections::BTreeMap<String, f64> {
    use std::io::Write;
    let mut child = std::process::Command::new("dot")
        .arg("-Tplain")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot_text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut positions = std::collections::BTreeMap::new();
    for line in text.lines().filter(|l| l.starts_with("node ")) {
        let rest = &line[5..];
        let (name, rest) = if let Some(stripped) = rest.strip_prefix('"') {
            let end = stripped.find('"').unwrap();
            (stripped[..end].to_string(), &stripped[end + 1..])
        } else {
            let end = rest.find(' ').unwrap();
            (rest[..end].to_string(), &rest[end..])
        };
        let x: f64 = rest.split_whitespace().next().unwrap().parse().unwrap();
        positions.insert(name, x);
    }
    positions
}

#[test]
fn days_stay_in_order_when_roles_point_backwards() {
    if !dot_available() {
        return;
    }
    // Russia is the source of an event on the 31st and the target of one on
    // the 1st, and the source of one in February: no edge may reorder days
    let mut sub = seed();
    let mut sanction = sub.events[8].clone();
    sanction.id = "sanction".into();
    sanction.kind = eventgraph::EventKind::Sanction;
    sanction.participants = vec![
        eventgraph::Participant {
            actor: "NATO".into(),
            role: eventgraph::Role::Source,
        },
        eventgraph::Participant {
            actor: "Russia".into(),
            role: eventgraph::Role::Target,
        },
    ];
    sub.events.push(sanction);
    let mut annex = sub.events[7].clone();
    annex.id = "annexation".into();
    annex.kind = eventgraph::EventKind::Occupy;
    annex.when = eventgraph::When::month(2014, 2).unwrap();
    annex.participants.truncate(1);
    sub.events.push(annex);
    let text = dot_of(&sub, DotView::Events);
    assert!(
        text.contains("label=\"2014-02\""),
        "a month's marker shows the month"
    );
    assert_days_in_order(&sub);
    // what the extractor made of the seed article: 31 events, many roles
    let extracted: Subgraph =
        serde_json::from_str(&common::read_fixture("seed-extracted/input.json")).unwrap();
    assert_days_in_order(&extracted);
}

/// The day markers run left to right in date order and every event stands
/// in its day's column (a vague span, "in recent days", on its last day).
fn assert_days_in_order(sub: &Subgraph) {
    let x = plain_positions(&dot_of(sub, DotView::Events));
    let days: std::collections::BTreeSet<_> = sub.events.iter().map(export::drawn_day).collect();
    let days: Vec<String> = days.iter().map(|d| format!("day:{d}")).collect();
    for pair in days.windows(2) {
        assert!(
            x[&pair[0]] < x[&pair[1]],
            "{} is not left of {}: {x:?}",
            pair[0],
            pair[1]
        );
    }
    for event in &sub.events {
        let day = format!("day:{}", export::drawn_day(event));
        let ex = x[&format!("event:{}", event.id)];
        assert!(
            (ex - x[&day]).abs() < 1e-6,
            "{} is not in its day's column",
            event.id
        );
    }
}

#[test]
fn write_export_dispatches_every_format() {
    let sub = seed();
    let options = export::ExportOptions::default();
    let graphviz = dot_available();
    for (format, name) in export::ExportFormat::ALL {
        let rendering = matches!(
            format,
            export::ExportFormat::Svg | export::ExportFormat::Png | export::ExportFormat::Pdf
        );
        if rendering && !graphviz {
            continue;
        }
        let mut out = Vec::new();
        export::write_export(&sub, format, &options, &mut out)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(out.len() > 500, "{name}: {} bytes", out.len());
        let direct = match format {
            export::ExportFormat::Dot => Some(dot_of(&sub, DotView::Events).into_bytes()),
            export::ExportFormat::Graphml => Some(run(|o| export::write_graphml(&sub, o))),
            export::ExportFormat::Turtle => Some(run(|o| {
                export::write_turtle(&sub, &TurtleOptions::default(), o)
            })),
            export::ExportFormat::Jsonl => Some(run(|o| export::write_interchange(&sub, o))),
            _ => None,
        };
        if let Some(direct) = direct {
            assert_eq!(out, direct, "{name}");
        }
        if format.is_binary() {
            assert!(
                out.starts_with(b"\x89PNG") || out.starts_with(b"%PDF"),
                "{name}"
            );
        }
    }
}
