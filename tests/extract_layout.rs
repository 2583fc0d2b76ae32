//! Page layout and reference resolution on made-up pages: datelines, page
//! stamps, photo captions, list items, plural anaphora and the guards on
//! names that are no people.

use eventgraph::{extract_document, read_article, ArticleOptions, ExtractOptions, ExtractionDoc};

fn extract(src: &str) -> ExtractionDoc {
    extract_document(src.as_bytes(), &ExtractOptions::default()).unwrap()
}

fn run(body: &str) -> ExtractionDoc {
    extract(&format!("published: 2014-03-17\n\n{body}\n"))
}

fn names(doc: &ExtractionDoc) -> Vec<String> {
    doc.actors.iter().map(|a| a.name.clone()).collect()
}

fn id(doc: &ExtractionDoc, name: &str) -> String {
    doc.actors
        .iter()
        .find(|a| a.name == name || a.aliases.iter().any(|x| x == name))
        .unwrap_or_else(|| panic!("no actor {name} in {:?}", names(doc)))
        .id
        .clone()
}

/// The events of a kind with their participants' ids, sorted, and start day.
fn events(doc: &ExtractionDoc, kind: &str) -> Vec<(Vec<String>, String)> {
    doc.events
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| {
            let mut ids: Vec<String> = e.actors.iter().map(|r| r.actor.clone()).collect();
            ids.sort();
            (ids, e.date.start.clone().unwrap_or_default())
        })
        .collect()
}

fn pair(doc: &ExtractionDoc, a: &str, b: &str) -> Vec<String> {
    let mut v = vec![id(doc, a), id(doc, b)];
    v.sort();
    v
}

#[test]
fn a_dateline_city_is_a_place_and_its_day_dates_the_story() {
    // the page is dated two days after the dateline (a weekly round-up):
    // "yesterday" is read from the dateline's day
    let doc = run(
        "ZANBERG, March 15 (Reuters) - Foreign Minister Ola Brenn met \
         Foreign Minister Ivo Castell yesterday.",
    );
    assert!(!names(&doc)
        .iter()
        .any(|n| n.eq_ignore_ascii_case("zanberg")));
    assert!(
        doc.places.iter().any(|p| p.name == "Zanberg"),
        "{:?}",
        doc.places
    );
    let t = doc
        .timexes
        .iter()
        .find(|t| t.text == "March 15")
        .expect("the dateline's date");
    assert_eq!(t.value, "2014-03-15");
    let yesterday = doc.timexes.iter().find(|t| t.text == "yesterday").unwrap();
    assert_eq!(yesterday.value, "2014-03-14");
    // the agency is listed as the outlet, in no event
    assert!(
        names(&doc).iter().any(|n| n == "Reuters"),
        "{:?}",
        names(&doc)
    );
    let meetings = events(&doc, "meet");
    assert_eq!(meetings.len(), 1, "{meetings:?}");
    assert_eq!(meetings[0].0, pair(&doc, "Ola Brenn", "Ivo Castell"));
    assert_eq!(meetings[0].1, "2014-03-14");
}

#[test]
fn an_undated_event_takes_the_dateline_day() {
    let doc = run(
        "ZANBERG, March 15 (Reuters) - Foreign Minister Ola Brenn criticised \
         Foreign Minister Ivo Castell.",
    );
    let e = doc
        .events
        .iter()
        .find(|e| e.kind == "disapprove")
        .expect("the criticism");
    assert_eq!(e.date.start.as_deref(), Some("2014-03-15"));
    assert_eq!(e.date.source.as_deref(), Some("inferred"));
}

#[test]
fn a_dateline_with_a_colon_is_the_day_not_the_month() {
    let doc =
        run("ZANBERG, March 15: Foreign Minister Ola Brenn met Foreign Minister Ivo Castell.");
    let t = doc
        .timexes
        .iter()
        .find(|t| t.text.starts_with("March"))
        .unwrap();
    assert_eq!(
        (t.text.as_str(), t.value.as_str()),
        ("March 15", "2014-03-15")
    );
    assert!(!doc.timexes.iter().any(|t| t.value == "2014-03"));
}

#[test]
fn letter_spaced_and_repeated_datelines() {
    let doc = run(
        "Z A N B E R G, Ostland, July 20, 2013 -- Foreign Minister Ola Brenn met \
         Foreign Minister Ivo Castell.",
    );
    assert!(
        names(&doc)
            .iter()
            .all(|n| n.split(' ').all(|w| w.len() > 1)),
        "{:?}",
        names(&doc)
    );
    let t = doc
        .timexes
        .iter()
        .find(|t| t.text == "July 20, 2013")
        .unwrap();
    assert_eq!(t.value, "2013-07-20");
    let doc = run(
        "PORT ZANBERG, OSTLAND \u{2014} PORT ZANBERG, Ostland - Foreign Minister Ola \
         Brenn met Foreign Minister Ivo Castell on Sunday.",
    );
    assert!(
        !names(&doc)
            .iter()
            .any(|n| n.to_lowercase().contains("zanberg")),
        "{:?}",
        names(&doc)
    );
    assert_eq!(
        events(&doc, "meet")[0].0,
        pair(&doc, "Ola Brenn", "Ivo Castell")
    );
}

#[test]
fn published_stamp_is_the_reference_not_the_update() {
    let src = "Ministers meet in Zanberg\n\nPublished: 10:34 GMT, 12 March 2014 | Updated: 09:00 GMT, 14 March 2014\n\nForeign Minister Ola Brenn met Foreign Minister Ivo Castell yesterday.\n";
    let a = read_article(src.as_bytes(), &ArticleOptions::default()).unwrap();
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2014-03-12")
    );
    let doc = extract(src);
    let t = doc.timexes.iter().find(|t| t.text == "yesterday").unwrap();
    assert_eq!(t.value, "2014-03-11");
    // the stamp is page furniture: no actor, no event from it
    assert_eq!(events(&doc, "meet").len(), 1);
}

#[test]
fn a_caption_is_dated_by_its_own_date_only() {
    let body = "Foreign Minister Ola Brenn met Foreign Minister Ivo Castell on March 16.\n\n\
        PHOTO: Foreign Minister Ola Brenn visits Ostland on March 2, 2014. REUTERS/Jo Roe\n\n\
        Brenn criticised Castell.\n\n\
        Photo: President Mira Toft criticised Ivo Castell in Zanberg / AFP";
    let doc = run(body);
    // the caption's own date dates its event; the credit names nobody
    assert!(
        !names(&doc).iter().any(|n| n.contains("Roe")),
        "{:?}",
        names(&doc)
    );
    let visits = events(&doc, "visit");
    assert_eq!(visits.len(), 1, "{visits:?}");
    assert_eq!(visits[0].1, "2014-03-02");
    // the story sentence after the caption is dated by the story's day,
    // not by the caption's
    let criticism: Vec<_> = doc
        .events
        .iter()
        .filter(|e| e.kind == "disapprove")
        .collect();
    let story = criticism
        .iter()
        .find(|e| e.evidence[0].text.starts_with("Brenn"))
        .unwrap_or_else(|| {
            panic!(
                "{:?}",
                doc.events.iter().map(|e| &e.kind).collect::<Vec<_>>()
            )
        });
    assert_eq!(story.date.start.as_deref(), Some("2014-03-16"));
    // an undated caption takes no day from the story: the publication day
    let caption = criticism
        .iter()
        .find(|e| e.evidence[0].text.starts_with("President Mira Toft"))
        .expect("the caption's criticism");
    assert_eq!(caption.date.start.as_deref(), Some("2014-03-17"));
}

#[test]
fn list_items_are_sentences() {
    let body = "What happened this week:\n\
        - Foreign Minister Ola Brenn met Foreign Minister Ivo Castell on March 10\n\
        \u{2022} President Mira Toft visited Ostland on March 11\n\
        1. Prime Minister Anu Vale criticised Ostland";
    let doc = run(body);
    let kinds: Vec<&String> = doc.events.iter().map(|e| &e.kind).collect();
    assert_eq!(events(&doc, "meet").len(), 1, "{kinds:?}");
    assert_eq!(events(&doc, "meet")[0].1, "2014-03-10");
    assert_eq!(events(&doc, "visit")[0].1, "2014-03-11");
    assert_eq!(events(&doc, "disapprove").len(), 1, "{kinds:?}");
    // each item is its own sentence: the bullets are not part of the text
    for e in &doc.events {
        let text = &e.evidence[0].text;
        assert!(!text.starts_with(['-', '\u{2022}', '1']), "{text}");
        assert!(!text.contains('\n'), "{text}");
    }
}

#[test]
fn both_men_and_the_two_leaders_are_the_pair_just_named() {
    let doc = run(
        "Foreign Minister Ola Brenn met Foreign Minister Ivo Castell on Sunday. \
         Both men agreed to resume talks.",
    );
    let agree = events(&doc, "agree");
    assert_eq!(agree[0].0, pair(&doc, "Ola Brenn", "Ivo Castell"));
    let doc = run(
        "President Mira Toft and Prime Minister Anu Vale spoke by phone on Sunday. \
         The two leaders agreed to meet in April.",
    );
    assert_eq!(
        events(&doc, "agree")[0].0,
        pair(&doc, "Mira Toft", "Anu Vale")
    );
    let doc = run(
        "Foreign Minister Ola Brenn met Foreign Minister Ivo Castell on Sunday. \
         The pair agreed to resume talks.",
    );
    assert_eq!(
        events(&doc, "agree")[0].0,
        pair(&doc, "Ola Brenn", "Ivo Castell")
    );
}

#[test]
fn they_is_a_coordinated_group_or_nobody() {
    let doc = run(
        "President Mira Toft and Prime Minister Anu Vale met on Sunday in Zanberg. \
         They agreed to resume talks.",
    );
    assert_eq!(
        events(&doc, "agree")[0].0,
        pair(&doc, "Mira Toft", "Anu Vale")
    );
    // two people named apart: "they" is not clear
    let doc = run(
        "President Mira Toft said on Sunday that Prime Minister Anu Vale was wrong. \
         They agreed to resume talks.",
    );
    assert!(
        events(&doc, "agree").iter().all(|e| e.0.len() < 2),
        "{:?}",
        events(&doc, "agree")
    );
    // countries: "the two countries" after "X and Y"
    let doc = run(
        "Ostland and Westmark signed a treaty on Sunday. The two countries agreed to \
         open embassies.",
    );
    let agree = events(&doc, "agree");
    assert!(!agree.is_empty());
}

#[test]
fn a_given_name_alone_is_no_new_person() {
    let doc = run("John, a spokesman for the ministry, said the talks had failed.");
    assert!(
        !names(&doc).iter().any(|n| n == "John"),
        "{:?}",
        names(&doc)
    );
    // it is the person of the document with that given name
    let doc = run(
        "Foreign Minister John Okafor met Foreign Minister Ivo Castell on Sunday. \
         John, the senior diplomat, said the talks went well.",
    );
    assert!(
        !names(&doc).iter().any(|n| n == "John"),
        "{:?}",
        names(&doc)
    );
    // a generational suffix left out is the same person
    let doc = run(
        "King Olaf Brenn III met President Mira Toft on Sunday. Olaf Brenn said \
         the talks went well.",
    );
    assert!(
        !names(&doc).iter().any(|n| n == "Olaf Brenn"),
        "{:?}",
        names(&doc)
    );
}

#[test]
fn events_and_places_are_no_people() {
    let doc = run(
        "Veterans of the Westmark War met President Mira Toft, who attended Mass \
         with them. Later she flew to Camp Ostheim, where President Ivo Castell hosted her.",
    );
    for n in names(&doc) {
        assert!(
            !n.contains("War") && n != "Mass" && !n.contains("Camp"),
            "{:?}",
            names(&doc)
        );
    }
    let doc = run("Mass, a service with President Mira Toft, was held on Sunday.");
    assert!(
        !names(&doc).iter().any(|n| n == "Mass"),
        "{:?}",
        names(&doc)
    );
}
