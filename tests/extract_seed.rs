//! The seed article (France 24, 2014-03-31): the Paris meeting, the phone
//! call, Medvedev's visit, the NATO session; nothing from the teasers of
//! other stories; evidence offsets into the file.

use eventgraph::{extract_document, ExtractOptions, ExtractionDoc};

fn seed() -> (Vec<u8>, ExtractionDoc) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/articles/france24-2014-03-31-russia-troops.txt"
    );
    let bytes = std::fs::read(path).unwrap();
    let doc = extract_document(&bytes, &ExtractOptions::default()).unwrap();
    (bytes, doc)
}

fn actor_id(doc: &ExtractionDoc, surname: &str) -> String {
    doc.actors
        .iter()
        .find(|a| a.name.ends_with(surname) || a.aliases.iter().any(|x| x == surname))
        .unwrap_or_else(|| panic!("no actor {surname}"))
        .id
        .clone()
}

fn has_event(doc: &ExtractionDoc, kinds: &[&str], ids: &[&str]) -> bool {
    doc.events.iter().any(|e| {
        kinds.contains(&e.kind.as_str())
            && ids.iter().all(|id| e.actors.iter().any(|r| r.actor == *id))
    })
}

#[test]
fn publication_date_comes_from_the_page_stamp() {
    let (_, doc) = seed();
    assert_eq!(doc.document.published.as_deref(), Some("2014-03-31"));
}

#[test]
fn the_meetings_and_the_call_are_found() {
    let (_, doc) = seed();
    let kerry = actor_id(&doc, "Kerry");
    let lavrov = actor_id(&doc, "Lavrov");
    let putin = actor_id(&doc, "Putin");
    let merkel = actor_id(&doc, "Merkel");
    let nato = doc
        .actors
        .iter()
        .find(|a| a.aliases.iter().any(|x| x == "NATO") || a.name == "NATO")
        .unwrap()
        .id
        .clone();
    assert!(has_event(&doc, &["meet"], &[&kerry, &lavrov]));
    assert!(has_event(&doc, &["call"], &[&putin, &merkel]));
    assert!(has_event(&doc, &["meet"], &[&kerry, &nato]));
    let planned = doc
        .events
        .iter()
        .find(|e| e.kind == "meet" && e.actors.iter().any(|r| r.actor == nato))
        .unwrap();
    assert_eq!(planned.modality, "planned");
    assert_eq!(planned.place.as_deref(), Some("Brussels"));
    let paris = doc
        .events
        .iter()
        .find(|e| e.kind == "meet" && e.actors.iter().any(|r| r.actor == lavrov))
        .unwrap();
    assert_eq!(paris.place.as_deref(), Some("Paris"));
}

#[test]
fn the_visit_has_its_visitor_as_source() {
    let (_, doc) = seed();
    let medvedev = actor_id(&doc, "Medvedev");
    let visit = doc
        .events
        .iter()
        .find(|e| e.kind == "visit" && e.actors.iter().any(|r| r.actor == medvedev))
        .expect("Medvedev's visit");
    assert!(visit
        .actors
        .iter()
        .any(|r| r.actor == medvedev && r.role == "source"));
    assert_eq!(visit.place.as_deref(), Some("Crimea"));
}

#[test]
fn people_get_titles_affiliations_and_one_actor_each() {
    let (_, doc) = seed();
    let lavrov: Vec<_> = doc
        .actors
        .iter()
        .filter(|a| a.name.contains("Lavrov"))
        .collect();
    assert_eq!(lavrov.len(), 1);
    let tymchuk = doc
        .actors
        .iter()
        .find(|a| a.name == "Dmytro Tymchuk")
        .expect("Tymchuk");
    assert_eq!(tymchuk.title.as_deref(), Some("analyst"));
    let d = doc
        .actors
        .iter()
        .find(|a| a.name == "Oleksiy Dmytrashkivskiy")
        .expect("Dmytrashkivskiy");
    assert_eq!(d.kind, "person");
}

#[test]
fn teasers_yield_nothing() {
    let (_, doc) = seed();
    let mut blob = String::new();
    for a in &doc.actors {
        blob.push_str(&a.name);
        blob.push('\n');
        for x in &a.aliases {
            blob.push_str(x);
            blob.push('\n');
        }
    }
    for e in &doc.events {
        for ev in &e.evidence {
            blob.push_str(&ev.text);
        }
    }
    for name in [
        "Trump",
        "Macron",
        "Johnny Marr",
        "NFL",
        "Vietnam",
        "North Korea",
        "Iran",
        "China",
        "Rwanda",
        "Viva Technology",
    ] {
        assert!(!blob.contains(name), "{name} came from a teaser");
    }
}

#[test]
fn evidence_offsets_are_file_offsets() {
    let (bytes, doc) = seed();
    for e in &doc.events {
        for ev in &e.evidence {
            assert_eq!(
                std::str::from_utf8(&bytes[ev.start..ev.end]).unwrap(),
                ev.text
            );
        }
    }
    for t in &doc.timexes {
        assert_eq!(std::str::from_utf8(&bytes[t.start..t.end]).unwrap(), t.text);
    }
}
