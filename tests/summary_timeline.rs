//! The chronological summary of the seed article's graph: the order issue 7
//! asks for, the JSON shape, and citations. Its golden Markdown, text and
//! JSON files are checked by `tests/golden.rs`.

mod common;

use eventgraph::{build_timeline, write_timeline, Subgraph, TimelineFormat, TimelineOptions};

fn seed() -> Subgraph {
    serde_json::from_str(&common::read_fixture("seed/input.json")).unwrap()
}

fn timeline(format: TimelineFormat) -> String {
    let mut out = Vec::new();
    let options = TimelineOptions {
        format,
        title: Some("Russia and Ukraine, March 2014".into()),
        ..Default::default()
    };
    write_timeline(&seed(), &options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Position of a phrase in the text, failing when it is missing.
fn at(text: &str, phrase: &str) -> usize {
    text.find(phrase)
        .unwrap_or_else(|| panic!("missing {phrase:?} in:\n{text}"))
}

#[test]
fn seed_timeline_reads_in_the_order_of_issue_7() {
    let md = timeline(TimelineFormat::Markdown);
    let sunday = at(&md, "## Sunday 30 March 2014");
    let paris = at(&md, "John Kerry met Sergei Lavrov in Paris for four hours.");
    let monday = at(&md, "## Monday 31 March 2014");
    let pullback = at(&md, "Russia took steps to de-escalate toward Ukraine.");
    let call = at(&md, "Vladimir Putin spoke by phone with Angela Merkel.");
    let visit = at(&md, "Dmitry Medvedev visited Crimea.");
    let statements = [
        at(&md, "Oleksiy Dmytrashkivskiy made a statement: “In recent days, the Russian forces have been gradually withdrawing from the border”."),
        at(&md, "Dmytro Tymchuk said his sources believed Russia had only 10,000 soldiers remaining there as of Monday morning. (date inferred from the report)"),
        at(&md, "Frank-Walter Steinmeier made a statement: “a small sign that the situation is becoming less tense”."),
        at(&md, "Douglas Lute commented on Russia: “It is clear that Russia has not played by the rules"),
    ];
    let tuesday = at(&md, "## Tuesday 1 April 2014");
    let nato = at(&md, "**Planned:** John Kerry is to meet NATO in Brussels.");
    let sources = at(&md, "## Sources");
    assert!(sunday < paris && paris < monday);
    assert!(monday < pullback && pullback < call && call < visit);
    for s in statements {
        assert!(
            visit < s && s < tuesday,
            "statements come after the deeds of the day"
        );
    }
    assert!(tuesday < nato && nato < sources);
    // numbered sources at the end
    assert!(md.contains(
        "1. France 24: “Russia ‘gradually withdrawing troops’ from Ukraine border”, 2014-03-31"
    ));
    assert_eq!(md.matches(" [1]").count(), 9);
}

#[test]
fn seed_timeline_as_data() {
    let t = build_timeline(&seed(), &TimelineOptions::default());
    let labels: Vec<&str> = t.groups.iter().map(|g| g.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Sunday 30 March 2014",
            "Monday 31 March 2014",
            "Tuesday 1 April 2014"
        ]
    );
    let ids: Vec<&str> = t
        .groups
        .iter()
        .flat_map(|g| g.entries.iter().map(|e| e.event.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            "paris-meeting",
            "troop-pullback",
            "putin-merkel-call",
            "medvedev-visit",
            "dmytrashkivskiy-statement",
            "tymchuk-statement",
            "steinmeier-statement",
            "lute-statement",
            "nato-ministers-meeting",
        ]
    );
    assert_eq!(ids[0], "paris-meeting");
    assert_eq!(
        &ids[1..4],
        ["troop-pullback", "putin-merkel-call", "medvedev-visit"]
    );
    assert_eq!(ids[8], "nato-ministers-meeting");
    assert_eq!(t.sources.len(), 1);
    let medvedev = &t.groups[1].entries[2];
    assert!(medvedev.date_inferred);
    assert_eq!(medvedev.evidence.len(), 1);
}

#[test]
fn seed_timeline_json_names_its_version_and_grouping() {
    let json = timeline(TimelineFormat::Json);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["version"], 1);
    assert_eq!(value["grouping"], "day");
}

#[test]
fn an_empty_subgraph_says_so() {
    let mut out = Vec::new();
    write_timeline(&Subgraph::default(), &TimelineOptions::default(), &mut out).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "# Timeline\n\nNo events.\n"
    );
}

#[test]
fn an_actors_story_is_told_from_its_side() {
    // what `timeline --actor Lavrov` gets from the query: Lavrov's events
    let mut sub = seed();
    sub.events
        .retain(|e| e.participants.iter().any(|p| p.actor == "Sergei Lavrov"));
    let mut out = Vec::new();
    let options = TimelineOptions {
        title: Some("Sergei Lavrov".into()),
        focus: Some("Sergei Lavrov".into()),
        ..Default::default()
    };
    write_timeline(&sub, &options, &mut out).unwrap();
    let md = String::from_utf8(out).unwrap();
    assert!(md.starts_with("# Sergei Lavrov\n"));
    assert!(
        md.contains("- Sergei Lavrov met John Kerry in Paris for four hours. [1]"),
        "{md}"
    );
    let events = &md[..md.find("## Who's who").unwrap()];
    assert_eq!(events.matches("\n- ").count(), 1);
    // the who's who lists the actors of these events only
    assert!(md.contains("- Sergei Lavrov: Foreign Minister, Russia\n"));
    assert!(!md.contains("Vladimir Putin"));
}

#[test]
fn merged_reports_cite_every_document_in_order_of_first_citation() {
    let mut sub = seed();
    // a second outlet reports the Paris meeting and the NATO session
    sub.documents.push(eventgraph::Document {
        id: "upi-kerry-meets-lavrov".into(),
        title: Some("Kerry meets Lavrov in Paris".into()),
        url: Some("https://example.org/kerry-lavrov".into()),
        published: chrono::NaiveDate::from_ymd_opt(2014, 3, 30),
        source: Some("UPI".into()),
    });
    for id in ["paris-meeting", "nato-ministers-meeting"] {
        let event = sub.events.iter_mut().find(|e| e.id == id).unwrap();
        event.mentions.push(eventgraph::Mention {
            document: "upi-kerry-meets-lavrov".into(),
            text: "Kerry met Lavrov.".into(),
            start: 0,
            end: 17,
        });
    }
    let mut out = Vec::new();
    write_timeline(&sub, &TimelineOptions::default(), &mut out).unwrap();
    let md = String::from_utf8(out).unwrap();
    assert!(
        md.contains("- John Kerry met Sergei Lavrov in Paris for four hours. [1, 2]\n"),
        "{md}"
    );
    assert!(md.contains("Brussels. [1, 2]\n"), "{md}");
    assert!(md.contains("- Russia took steps to de-escalate toward Ukraine. [1]\n"));
    assert!(md.contains(
        "2. UPI: “Kerry meets Lavrov in Paris”, 2014-03-30, https://example.org/kerry-lavrov"
    ));
    // one sentence per merged event, not one per report
    assert_eq!(md.matches("met Sergei Lavrov").count(), 1);
}
