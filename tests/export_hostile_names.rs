//! Actor names, places, ids and titles with quotes, brackets, HTML-like
//! text, backslashes and newlines go through every exporter: each output
//! still parses and still shows the name.

mod common;

use eventgraph::{
    export::{self, DotOptions, DotView, Layout, RenderFormat, TurtleOptions},
    write_timeline, Actor, ActorKind, Document, Event, EventKind, Mention, Modality, Participant,
    Role, Subgraph, TimelineFormat, TimelineOptions, Title, When,
};
use quick_xml::events::Event as XmlEvent;
use std::time::Duration;

const QUOTE: &str = "Evil \"Quote\" Corp";
const BRACKET: &str = "Bracket ] [ Name;x";
const SCRIPT: &str = "<script>alert('x')</script>";
const NEWLINE: &str = "New\nLine";
const BACKSLASH: &str = "Back\\slash \\\" -->";
const NAMES: [&str; 5] = [QUOTE, BRACKET, SCRIPT, NEWLINE, BACKSLASH];

fn hostile() -> Subgraph {
    let day = |d: u32| When::day(chrono::NaiveDate::from_ymd_opt(2020, 1, d).unwrap());
    let mut actors: Vec<Actor> = NAMES
        .iter()
        .map(|n| {
            let mut a = Actor::new(*n, ActorKind::Person);
            a.aliases = vec![format!("{n} alias")];
            a.titles = vec![Title::new(format!("Chief {n}"), Some(QUOTE.to_string()))];
            a.affiliation = Some(QUOTE.to_string());
            a
        })
        .collect();
    actors.sort_by(|a, b| a.name.cmp(&b.name));
    let mention = |text: &str| Mention {
        document: "doc \"1\" <b>".into(),
        text: text.into(),
        start: 0,
        end: 10,
    };
    let events = vec![
        Event {
            id: "meet \"1\" ]".into(),
            kind: EventKind::Meet,
            cameo: Some("044".into()),
            source_code: None,
            target_code: None,
            when: day(1),
            participants: vec![
                Participant {
                    actor: QUOTE.into(),
                    role: Role::Participant,
                },
                Participant {
                    actor: SCRIPT.into(),
                    role: Role::Participant,
                },
            ],
            place: Some("Place <i>\"&amp;\"</i>\n2".into()),
            modality: Modality::Asserted,
            mentions: vec![mention("He said \"<script>\" & left")],
            confidence: 1.0,
        },
        Event {
            id: "call\n2".into(),
            kind: EventKind::Call,
            cameo: None,
            source_code: None,
            target_code: None,
            when: day(2),
            participants: vec![
                Participant {
                    actor: NEWLINE.into(),
                    role: Role::Source,
                },
                Participant {
                    actor: BRACKET.into(),
                    role: Role::Target,
                },
            ],
            place: None,
            modality: Modality::Planned,
            mentions: vec![mention("line one\nline two")],
            confidence: 0.5,
        },
        Event {
            id: "<script>3".into(),
            kind: EventKind::Statement,
            cameo: None,
            source_code: None,
            target_code: None,
            when: day(2),
            participants: vec![Participant {
                actor: BACKSLASH.into(),
                role: Role::Source,
            }],
            place: None,
            modality: Modality::Asserted,
            mentions: vec![mention("\\ backslash")],
            confidence: 0.5,
        },
    ];
    Subgraph {
        actors,
        events,
        documents: vec![Document {
            id: "doc \"1\" <b>".into(),
            title: Some("Title </script><script>alert(2)</script>".into()),
            url: Some("http://example.org/a?b=\"c\"&d=<e>".into()),
            published: None,
            source: Some("Outlet ]]> \"x\"".into()),
        }],
    }
}

fn run(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Vec<u8> {
    let mut out = Vec::new();
    f(&mut out).unwrap();
    out
}

/// The DOT escape of a label (how a name must appear inside the file).
fn dot_escaped(name: &str) -> String {
    let q = export::dot_quote(name);
    q[1..q.len() - 1].to_string()
}

#[test]
fn dot_survives_hostile_names() {
    let sub = hostile();
    for view in [DotView::Events, DotView::Actors] {
        let options = DotOptions {
            view,
            ..Default::default()
        };
        let text = String::from_utf8(run(|o| export::write_dot(&sub, &options, o))).unwrap();
        graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{view:?}: {e}\n{text}"));
        for name in NAMES {
            if view == DotView::Actors && name == BACKSLASH {
                continue; // a statement with no other side: no pair
            }
            assert!(
                text.contains(&format!("label=\"{}\"", dot_escaped(name))),
                "{view:?} misses {name:?}"
            );
        }
        if !common::graphviz() {
            continue;
        }
        let svg = export::render(
            &text,
            RenderFormat::Svg,
            Layout::Dot,
            Duration::from_secs(60),
        )
        .unwrap();
        // the SVG is well-formed XML and its text shows the names
        let texts = xml_texts(&svg);
        let all = texts.join("\n");
        for name in [QUOTE, SCRIPT, BRACKET] {
            assert!(all.contains(name), "{view:?} svg misses {name:?}");
        }
        // a newline in a name is a line break: both lines are shown
        assert!(texts.iter().any(|t| t == "New") && texts.iter().any(|t| t == "Line"));
    }
}

fn xml_texts(xml: &[u8]) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut texts = Vec::new();
    let mut depth = 0i32;
    loop {
        match reader.read_event_into(&mut buf).expect("well-formed XML") {
            XmlEvent::Start(_) => depth += 1,
            XmlEvent::End(_) => depth -= 1,
            XmlEvent::Text(t) => texts.push(t.unescape().unwrap().into_owned()),
            XmlEvent::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    assert_eq!(depth, 0);
    texts
}

#[test]
fn graphml_survives_hostile_names() {
    let sub = hostile();
    let xml = run(|o| export::write_graphml(&sub, o));
    let texts = xml_texts(&xml);
    for name in NAMES {
        assert!(texts.iter().any(|t| t == name), "{name:?}");
    }
}

#[test]
fn turtle_survives_hostile_names() {
    let sub = hostile();
    let ttl = run(|o| export::write_turtle(&sub, &TurtleOptions::default(), o));
    let triples: Vec<oxrdf::Triple> = oxttl::TurtleParser::new()
        .for_slice(&ttl)
        .map(|t| t.unwrap_or_else(|e| panic!("{e}\n{}", String::from_utf8_lossy(&ttl))))
        .collect();
    let literals: Vec<String> = triples
        .iter()
        .filter_map(|t| match &t.object {
            oxrdf::Term::Literal(l) => Some(l.value().to_string()),
            _ => None,
        })
        .collect();
    for name in NAMES {
        assert!(literals.iter().any(|l| l == name), "{name:?}");
    }
    // every actor has its own IRI
    let actors: std::collections::BTreeSet<String> = triples
        .iter()
        .filter(|t| t.predicate.as_str() == "http://www.w3.org/2000/01/rdf-schema#label")
        .filter(|t| t.subject.to_string().contains(":actor/"))
        .map(|t| t.subject.to_string())
        .collect();
    assert_eq!(actors.len(), NAMES.len());
}

#[test]
fn json_csv_and_neo4j_survive_hostile_names() {
    let sub = hostile();
    let back: Subgraph = serde_json::from_slice(&run(|o| export::write_json(&sub, o))).unwrap();
    assert_eq!(back, sub);
    let column = |bytes: &[u8], i: usize| -> Vec<String> {
        csv::Reader::from_reader(bytes)
            .records()
            .map(|r| r.unwrap()[i].to_string())
            .collect()
    };
    let actors = column(&run(|o| export::write_csv_actors(&sub, o)), 0);
    let participants = column(&run(|o| export::write_csv_participants(&sub, o)), 1);
    let neo4j: std::collections::BTreeMap<_, _> =
        export::neo4j_files(&sub).unwrap().into_iter().collect();
    let neo_actors = column(&neo4j["actors.csv"], 1);
    for name in NAMES {
        assert!(actors.iter().any(|a| a == name), "{name:?}");
        assert!(participants.iter().any(|a| a == name), "{name:?}");
        assert!(neo_actors.iter().any(|a| a == name), "{name:?}");
    }
    let lines = String::from_utf8(run(|o| export::write_interchange(&sub, o))).unwrap();
    assert_eq!(lines.lines().count(), 1, "one document, one line");
    let doc: eventgraph::ExtractionDoc = serde_json::from_str(lines.trim()).unwrap();
    for name in NAMES {
        assert!(doc.actors.iter().any(|a| a.name == name), "{name:?}");
    }
    let events = column(&run(|o| export::write_csv_events(&sub, o)), 0);
    assert_eq!(events.len(), 3);
}

#[test]
fn timelinejs_survives_hostile_names() {
    let sub = hostile();
    let json: serde_json::Value =
        serde_json::from_slice(&run(|o| export::write_timelinejs(&sub, Some(SCRIPT), o))).unwrap();
    let slides = json["events"].as_array().unwrap();
    assert_eq!(slides.len(), 3);
    let all = serde_json::to_string(&json).unwrap();
    assert!(!all.contains("<script"), "raw HTML in TimelineJS text");
    assert!(all.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(all.contains("Evil &quot;Quote&quot; Corp"));
}

#[test]
fn timelines_survive_hostile_names() {
    let sub = hostile();
    let write = |format| {
        String::from_utf8(run(|o| {
            write_timeline(
                &sub,
                &TimelineOptions {
                    format,
                    ..Default::default()
                },
                o,
            )
        }))
        .unwrap()
    };
    let md = write(TimelineFormat::Markdown);
    assert!(!md.contains("<script>"), "{md}");
    assert!(md.contains("\\<script\\>alert('x')\\</script\\>"), "{md}");
    let text = write(TimelineFormat::Text);
    assert!(
        text.contains("Evil \"Quote\" Corp met <script>alert('x')</script>"),
        "{text}"
    );
    assert!(
        text.contains("New Line is to speak by phone with Bracket ] [ Name;x"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&write(TimelineFormat::Json)).unwrap();
    assert_eq!(
        json["groups"][1]["entries"][0]["sentence"],
        "New\nLine is to speak by phone with Bracket ] [ Name;x."
    );
}

#[test]
fn html_report_survives_hostile_names() {
    let sub = hostile();
    let html = String::from_utf8(run(|o| {
        export::write_html_report(
            &sub,
            None,
            &export::ReportOptions {
                title: Some(SCRIPT.into()),
            },
            o,
        )
    }))
    .unwrap();
    // only the report's own script element
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert_eq!(html.matches("</script>").count(), 1);
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("Evil &quot;Quote&quot; Corp"));
    assert!(html.contains("Title &lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;"));
}
