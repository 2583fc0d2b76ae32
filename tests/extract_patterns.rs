//! Extraction patterns on small made-up news sentences: titles,
//! appositions, surnames, spelling variants, pronouns, roles, modality,
//! dates.

use eventgraph::{extract_document, EventRecord, ExtractOptions, ExtractionDoc};

fn run(body: &str) -> ExtractionDoc {
    let src = format!("published: 2014-03-31\n\n{body}\n");
    extract_document(src.as_bytes(), &ExtractOptions::default()).unwrap()
}

/// `run` with the negated and hypothetical events kept
/// (`ExtractOptions::unrealised`).
fn run_unrealised(body: &str) -> ExtractionDoc {
    let src = format!("published: 2014-03-31\n\n{body}\n");
    let options = ExtractOptions {
        unrealised: true,
        ..ExtractOptions::default()
    };
    extract_document(src.as_bytes(), &options).unwrap()
}

fn id(doc: &ExtractionDoc, name: &str) -> String {
    doc.actors
        .iter()
        .find(|a| a.name == name || a.aliases.iter().any(|x| x == name))
        .unwrap_or_else(|| {
            panic!(
                "no actor {name} in {:?}",
                doc.actors.iter().map(|a| &a.name).collect::<Vec<_>>()
            )
        })
        .id
        .clone()
}

fn event<'a>(doc: &'a ExtractionDoc, kind: &str) -> &'a EventRecord {
    doc.events
        .iter()
        .find(|e| e.kind == kind)
        .unwrap_or_else(|| {
            panic!(
                "no {kind} event in {:?}",
                doc.events.iter().map(|e| &e.kind).collect::<Vec<_>>()
            )
        })
}

fn role(e: &EventRecord, actor: &str) -> Option<String> {
    e.actors
        .iter()
        .find(|r| r.actor == actor)
        .map(|r| r.role.clone())
}

#[test]
fn apposition_gives_title_and_affiliation() {
    let doc = run("Wilhelmina Okonkwo-Brandt, an analyst at the Institute for Regional Studies, said the talks had failed.");
    let a = doc
        .actors
        .iter()
        .find(|a| a.name == "Wilhelmina Okonkwo-Brandt")
        .expect("the analyst");
    assert_eq!(a.kind, "person");
    assert_eq!(a.title.as_deref(), Some("analyst"));
    let inst = id(&doc, "Institute for Regional Studies");
    assert_eq!(a.affiliation.as_deref(), Some(inst.as_str()));
    let st = event(&doc, "statement");
    assert_eq!(role(st, &a.id).as_deref(), Some("source"));
}

#[test]
fn title_before_comma_and_name() {
    let doc = run(
        "\"We are ready,\" said the spokesman for the finance ministry, Tomasz Wierzbicki-Lund.",
    );
    let a = id(&doc, "Tomasz Wierzbicki-Lund");
    assert!(role(event(&doc, "statement"), &a).is_some());
}

#[test]
fn surnames_and_spelling_variants_resolve_to_one_actor() {
    let doc = run("Foreign Minister Sergei Vashchenko met Prime Minister Ilse Marquardt in Vienna on Sunday. Sergey Vashchenko said later that Marquardt was firm. Vashchenko left.");
    let people: Vec<_> = doc
        .actors
        .iter()
        .filter(|a| a.name.contains("Vashchenko"))
        .collect();
    assert_eq!(people.len(), 1, "{people:?}");
    let meet = event(&doc, "meet");
    assert_eq!(meet.actors.len(), 2);
    assert_eq!(meet.date.start.as_deref(), Some("2014-03-30"));
    assert_eq!(meet.place.as_deref(), Some("Vienna"));
}

#[test]
fn object_pronoun_is_not_the_subject() {
    let doc = run("Chancellor Ilse Marquardt's office said President Anton Velikov had informed her of the decision in a phone call on Monday.");
    let call = event(&doc, "call");
    let m = id(&doc, "Ilse Marquardt");
    let v = id(&doc, "Anton Velikov");
    assert!(
        role(call, &m).is_some() && role(call, &v).is_some(),
        "{call:?}"
    );
    assert_eq!(call.date.start.as_deref(), Some("2014-03-31"));
}

#[test]
fn visits_have_the_visitor_as_source_and_the_host_as_target() {
    let doc = run("President Anton Velikov visited Germany on Sunday.");
    let v = event(&doc, "visit");
    assert_eq!(
        role(v, &id(&doc, "Anton Velikov")).as_deref(),
        Some("source")
    );
    assert_eq!(role(v, &id(&doc, "Germany")).as_deref(), Some("target"));
    let doc = run("The visit to Crimea by Prime Minister Anton Velikov was unannounced.");
    let v = event(&doc, "visit");
    assert_eq!(
        role(v, &id(&doc, "Anton Velikov")).as_deref(),
        Some("source")
    );
}

#[test]
fn modality_planned_hypothetical_negated() {
    let doc =
        run("On Tuesday, Minister Ilse Marquardt will meet Chancellor Anton Velikov in Brussels.");
    let m = event(&doc, "meet");
    assert_eq!(m.modality, "planned");
    assert_eq!(m.date.start.as_deref(), Some("2014-04-01"));
    // negated and hypothetical events are read with their modality, and
    // are no events by default
    let text = "Russia has not withdrawn its troops, and Russia has not agreed to pull back.";
    let doc = run_unrealised(text);
    assert_eq!(event(&doc, "agree").modality, "negated");
    assert!(doc
        .events
        .iter()
        .all(|e| e.kind != "agree" || e.modality == "negated"));
    assert!(run(text).events.iter().all(|e| e.kind != "agree"));
    let text = "Ilse Marquardt could meet Anton Velikov in Vienna.";
    assert_eq!(
        event(&run_unrealised(text), "meet").modality,
        "hypothetical"
    );
    assert!(run(text).events.is_empty());
}

#[test]
fn no_event_without_a_trigger_or_a_named_party() {
    let doc = run("The weather in Paris was mild. Officials were tired.");
    assert!(doc.events.is_empty(), "{:?}", doc.events);
    // a meeting of nobody named is not a meeting
    let doc = run("The two sides met on Sunday.");
    assert!(doc.events.iter().all(|e| e.kind != "meet"));
}

#[test]
fn undated_sentences_take_the_day_of_the_story() {
    let doc = run("President Anton Velikov met Chancellor Ilse Marquardt on Sunday. Velikov said the talks were useful.");
    let st = event(&doc, "statement");
    assert_eq!(st.date.start.as_deref(), Some("2014-03-30"));
    assert_eq!(st.date.source.as_deref(), Some("inferred"));
}

#[test]
fn output_is_deterministic() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/articles/france24-2014-03-31-russia-troops.txt"
    );
    let bytes = std::fs::read(path).unwrap();
    let a = serde_json::to_string(&extract_document(&bytes, &ExtractOptions::default()).unwrap())
        .unwrap();
    let b = serde_json::to_string(&extract_document(&bytes, &ExtractOptions::default()).unwrap())
        .unwrap();
    assert_eq!(a, b);
}

#[test]
fn published_option_overrides_the_page() {
    let o = ExtractOptions {
        published: chrono::NaiveDate::from_ymd_opt(2014, 4, 2),
        ..ExtractOptions::default()
    };
    let doc = extract_document(b"published: 2014-03-31\n\nPresident Anton Velikov met Chancellor Ilse Marquardt on Monday.\n", &o).unwrap();
    assert_eq!(doc.document.published.as_deref(), Some("2014-04-02"));
    assert_eq!(
        event(&doc, "meet").date.start.as_deref(),
        Some("2014-03-31")
    );
}

#[test]
fn html_evidence_points_into_the_page() {
    let page = "<html><head><title>Talks</title><meta property=\"article:published_time\" content=\"2014-03-30\"></head><body><nav>Home</nav><article><p>U.S. Secretary of State John Kerry met Russian Foreign Minister Sergey Lavrov on Sunday in Paris.</p><p>Kerry said the talks were &ldquo;constructive&rdquo;.</p></article></body></html>";
    let doc = extract_document(page.as_bytes(), &ExtractOptions::default()).unwrap();
    let meet = event(&doc, "meet");
    assert_eq!(meet.date.start.as_deref(), Some("2014-03-30"));
    let ev = &meet.evidence[0];
    assert!(
        page[ev.start..].starts_with("U.S. Secretary"),
        "{}",
        &page[ev.start..]
    );
    for t in &doc.timexes {
        assert_eq!(&page[t.start..t.end], t.text);
    }
}

#[test]
fn relation_description_refers_to_the_named_apposition() {
    let doc = run("President Anton Velikov met Chancellor Ilse Marquardt in Vienna on Sunday. \
        Talks were held at the home of the chancellor's predecessor, former Chancellor Otto Brenninkmeyer. \
        The weather was fine. Crowds were small. Markets were calm. \
        Velikov praised Marquardt. \
        Analysts were cautious. Shops were open. Trains ran late. \
        The chancellor's predecessor greeted Velikov at the airport.");
    let o = id(&doc, "Otto Brenninkmeyer");
    let v = id(&doc, "Anton Velikov");
    let greet = doc
        .events
        .iter()
        .find(|e| e.kind == "meet" && role(e, &o).is_some())
        .unwrap_or_else(|| panic!("no meeting of the predecessor in {:?}", doc.events));
    assert!(role(greet, &v).is_some(), "{greet:?}");
    // the day of the story carries on through the undated praise
    assert_eq!(greet.date.start.as_deref(), Some("2014-03-30"));
}

#[test]
fn two_parties_clinching_a_deal_negotiated_with_each_other() {
    let doc = run(
        "After weeks of haggling, Norway and Chile clinched a deal on Sunday on salmon quotas.",
    );
    let n = event(&doc, "negotiate");
    assert!(role(n, &id(&doc, "Norway")).is_some(), "{n:?}");
    assert!(role(n, &id(&doc, "Chile")).is_some(), "{n:?}");
    assert_eq!(n.date.start.as_deref(), Some("2014-03-30"));
    assert!(doc.events.iter().any(|e| e.kind == "agree"));
    // one party's deal is no negotiation between two
    let doc = run("Norway clinched a deal on Sunday on salmon quotas.");
    assert!(
        !doc.events.iter().any(|e| e.kind == "negotiate"),
        "{:?}",
        doc.events
    );
}

#[test]
fn a_leader_attending_a_summit_meets_the_organisation() {
    for text in [
        "President Anton Velikov attended the NATO summit in Brussels on Sunday.",
        "President Anton Velikov, who attended the NATO summit in Brussels on Sunday, said trade must grow.",
    ] {
        let doc = run(text);
        let v = id(&doc, "Anton Velikov");
        let nato = id(&doc, "North Atlantic Treaty Organization");
        let m = event(&doc, "meet");
        assert!(role(m, &v).is_some() && role(m, &nato).is_some(), "{text}: {m:?}");
        assert_eq!(m.modality, "asserted");
    }
    let text = "President Anton Velikov did not attend the NATO summit in Brussels on Sunday.";
    assert_eq!(event(&run_unrealised(text), "meet").modality, "negated");
    assert!(run(text).events.iter().all(|e| e.kind != "meet"));
}

#[test]
fn spoke_with_a_leader_is_a_meeting_and_by_phone_a_call_only() {
    let doc =
        run("President Anton Velikov spoke with Prime Minister Ingrid Solhaug-Berg on Sunday.");
    let m = event(&doc, "meet");
    assert!(role(m, &id(&doc, "Ingrid Solhaug-Berg")).is_some(), "{m:?}");
    assert!(role(m, &id(&doc, "Anton Velikov")).is_some(), "{m:?}");
    let doc = run("President Anton Velikov spoke with reporters on Sunday.");
    assert!(
        !doc.events.iter().any(|e| e.kind == "meet"),
        "{:?}",
        doc.events
    );
    let doc = run(
        "President Anton Velikov spoke with Prime Minister Ingrid Solhaug-Berg by phone on Sunday.",
    );
    assert!(doc.events.iter().any(|e| e.kind == "call"));
    assert!(
        !doc.events.iter().any(|e| e.kind == "meet"),
        "{:?}",
        doc.events
    );
}

#[test]
fn fronted_meeting_phrase_pairs_with_the_main_subject() {
    let doc = run("During a meeting with Prime Minister Ingrid Solhaug-Berg on Sunday, President Anton Velikov said trade must grow.");
    let m = event(&doc, "meet");
    assert!(role(m, &id(&doc, "Ingrid Solhaug-Berg")).is_some(), "{m:?}");
    assert!(role(m, &id(&doc, "Anton Velikov")).is_some(), "{m:?}");
    assert_eq!(m.date.start.as_deref(), Some("2014-03-30"));
    // the meeting is not in the fronted phrase: the speaker is not its party
    let doc = run("In Oslo, a meeting with Prime Minister Ingrid Solhaug-Berg ended early, President Anton Velikov said on Sunday.");
    let v = id(&doc, "Anton Velikov");
    assert!(
        !doc.events
            .iter()
            .any(|e| e.kind == "meet" && role(e, &v).is_some()),
        "{:?}",
        doc.events
    );
}

#[test]
fn hosting_a_meal_for_a_guest_is_a_meeting() {
    for text in [
        "Norwegian Prime Minister Ingrid Solhaug-Berg hosted a dinner for Chilean President Rosa Ibarrondo-Vega on Sunday.",
        "Norwegian Prime Minister Ingrid Solhaug-Berg hosted a lunch in honour of Chilean President Rosa Ibarrondo-Vega on Sunday.",
    ] {
        let doc = run(text);
        let m = event(&doc, "meet");
        assert_eq!(role(m, &id(&doc, "Rosa Ibarrondo-Vega")).as_deref(), Some("source"), "{text}");
        assert_eq!(role(m, &id(&doc, "Ingrid Solhaug-Berg")).as_deref(), Some("target"), "{text}");
    }
    let doc = run(
        "Norwegian Prime Minister Ingrid Solhaug-Berg hosted a dinner for journalists on Sunday.",
    );
    assert!(
        !doc.events.iter().any(|e| e.kind == "meet"),
        "{:?}",
        doc.events
    );
}

#[test]
fn a_titled_surname_takes_the_full_name_given_later() {
    let doc = run("President Okafor arrived in Lagos on Monday.\n\nOfficials said President Chidi Okafor met Governor Bello Ade on Tuesday.");
    let names: Vec<&str> = doc.actors.iter().map(|a| a.name.as_str()).collect();
    assert!(names.contains(&"Chidi Okafor"), "{names:?}");
    assert!(!names.contains(&"Okafor"), "{names:?}");
    assert_eq!(id(&doc, "President Okafor"), id(&doc, "Chidi Okafor"));
}

#[test]
fn a_former_holder_stays_apart_from_the_titled_surname() {
    let doc = run("President Okafor hosted the talks on Monday.\n\nHis father, former President Emeka Okafor, met the delegates on Tuesday.");
    let names: Vec<&str> = doc.actors.iter().map(|a| a.name.as_str()).collect();
    assert!(names.contains(&"Okafor"), "{names:?}");
    assert!(names.contains(&"Emeka Okafor"), "{names:?}");
}

#[test]
fn credits_give_reporters_and_outlets() {
    let doc = run("By Wilma Tarrant and Joe Blunden, Gazette staff writers | March 30, 2014\n\nThe minister resigned on Monday, officials said.\n\n[CNN, Northfield Daily Times]");
    let wilma = doc
        .actors
        .iter()
        .find(|a| a.name == "Wilma Tarrant")
        .expect("the first reporter");
    assert_eq!(wilma.kind, "person");
    assert_eq!(wilma.title.as_deref(), Some("staff writer"));
    assert_eq!(
        wilma.affiliation.as_deref(),
        Some(id(&doc, "Gazette").as_str())
    );
    assert!(doc.actors.iter().any(|a| a.name == "Joe Blunden"));
    for outlet in ["CNN", "Northfield Daily Times"] {
        let a = doc.actors.iter().find(|a| a.name == outlet).expect(outlet);
        assert_eq!(a.kind, "organization");
    }
    // credits state no events and are not places
    assert!(doc
        .events
        .iter()
        .all(|e| e.actors.iter().all(|r| r.actor != wilma.id)));
    assert!(doc.places.iter().all(|p| p.name != "March"));
}

#[test]
fn an_agency_line_gives_the_outlet_with_its_acronym() {
    let doc =
        run("NORTHERN PRESS AGENCY - NPA\n\nThe minister resigned on Monday, officials said.");
    let a = doc
        .actors
        .iter()
        .find(|a| a.name == "Northern Press Agency")
        .expect("the agency");
    assert!(a.aliases.iter().any(|x| x == "NPA"));
}

#[test]
fn a_definite_description_names_the_person_introduced_before() {
    let doc = run("Norland's Foreign Minister Ilse Varga arrived in Tallinn on Saturday.\n\nThe top Norland diplomat met Prime Minister Juhan Kask on Sunday.\n\nThe foreign minister said the talks were useful.");
    let varga = id(&doc, "Ilse Varga");
    let meet = event(&doc, "meet");
    assert!(role(meet, &varga).is_some(), "{:?}", meet.actors);
    let st = event(&doc, "statement");
    assert_eq!(role(st, &varga).as_deref(), Some("source"));
}

#[test]
fn a_definite_description_that_fits_two_people_names_nobody() {
    let doc = run("Foreign Minister Ilse Varga met Foreign Minister Juhan Kask on Sunday.\n\nThe foreign minister said the talks were useful.");
    let st = doc.events.iter().find(|e| e.kind == "statement");
    assert!(st.is_none_or(|e| e.actors.is_empty()), "{st:?}");
}

#[test]
fn a_known_person_is_named_as_the_article_names_them() {
    // the lexicon (ICEWS) gives "Sergey Viktorovich Lavrov"
    let doc = run("Russian Foreign Minister Sergei Lavrov met reporters in Moscow on Monday.");
    let a = doc
        .actors
        .iter()
        .find(|a| a.name == "Sergei Lavrov")
        .unwrap_or_else(|| panic!("{:?}", doc.actors));
    assert!(a.aliases.iter().any(|x| x == "Sergey Viktorovich Lavrov"));
}

#[test]
fn a_titled_surname_does_not_join_a_relative() {
    let doc = run(
        "President Okafor hosted the talks on Monday.\n\nAda Okafor met the delegates on Tuesday.",
    );
    let names: Vec<&str> = doc.actors.iter().map(|a| a.name.as_str()).collect();
    assert!(names.contains(&"Okafor"), "{names:?}");
    assert!(names.contains(&"Ada Okafor"), "{names:?}");
}

#[test]
fn an_abbreviated_title_fits_the_full_one() {
    let doc = run("Crowds welcomed PM Okafor on Monday.\n\nPrime Minister Chidi Okafor met the delegates on Tuesday.");
    assert_eq!(id(&doc, "PM Okafor"), id(&doc, "Chidi Okafor"));
}

#[test]
fn a_place_before_a_reporting_verb_is_where_it_was_said() {
    let doc = run("In Berlin, Chancellor Ilse Varga's office said President Juhan Kask had informed her in a phone call on Monday.");
    let call = event(&doc, "call");
    assert_eq!(call.place, None, "{call:?}");
}

#[test]
fn a_place_that_belongs_to_a_noun_is_not_the_event_place() {
    let doc = run("Foreign Minister Ilse Varga met Foreign Minister Juhan Kask on Sunday to discuss the crisis in Moldova.");
    let meet = event(&doc, "meet");
    assert_eq!(meet.place, None, "{meet:?}");
    let doc =
        run("Foreign Minister Ilse Varga met Foreign Minister Juhan Kask in Vienna on Sunday.");
    assert_eq!(event(&doc, "meet").place.as_deref(), Some("Vienna"));
}
