//! Tests of the builtin lexicon: every data file parses, known names resolve
//! to the right entries, matching respects case and word boundaries, and the
//! output is deterministic.

use eventgraph::{EntryKind, Lexicon, Via};

fn lex() -> &'static Lexicon {
    Lexicon::builtin()
}

fn canonical(name: &str) -> (String, EntryKind, Via) {
    let (i, via) = lex()
        .lookup(name)
        .unwrap_or_else(|| panic!("no entry for {name:?}"));
    let e = &lex().entries()[i];
    (e.canonical.clone(), e.kind, via)
}

fn matches(text: &str) -> Vec<(String, String, Via)> {
    lex()
        .find_all(text)
        .iter()
        .map(|m| {
            (
                text[m.start..m.end].to_string(),
                lex().entries()[m.entry].canonical.clone(),
                m.via,
            )
        })
        .collect()
}

#[test]
fn builtin_files_parse_and_every_kind_is_present() {
    let files = Lexicon::builtin_files();
    let parsed = Lexicon::parse(&files).expect("builtin files parse");
    assert_eq!(parsed.entries().len(), lex().entries().len());
    for kind in [EntryKind::Country, EntryKind::City] {
        let n = lex().entries().iter().filter(|e| e.kind == kind).count();
        assert!(n > 200, "{kind:?}: only {n} entries");
    }
    let n_countries = lex()
        .entries()
        .iter()
        .filter(|e| e.kind == EntryKind::Country)
        .count();
    assert!(n_countries >= 240, "{n_countries} countries");
}

#[test]
fn capital_names_the_country() {
    assert_eq!(
        canonical("Moscow"),
        ("Russia".into(), EntryKind::Country, Via::Capital)
    );
    let (i, _) = lex().lookup("Moscow").unwrap();
    let city = lex().capital_city(i).expect("Russia has a capital");
    assert_eq!(lex().entries()[city].canonical, "Moscow");
    assert_eq!(lex().entries()[city].kind, EntryKind::City);
    assert_eq!(lex().entries()[city].country.as_deref(), Some("RU"));
}

#[test]
fn demonyms_name_the_country() {
    for (d, c) in [
        ("Russian", "Russia"),
        ("Russians", "Russia"),
        ("Ukrainian", "Ukraine"),
        ("American", "United States"),
        ("British", "United Kingdom"),
        ("Chinese", "China"),
        ("French", "France"),
        ("Germans", "Germany"),
    ] {
        assert_eq!(
            canonical(d),
            (c.into(), EntryKind::Country, Via::Demonym),
            "{d}"
        );
    }
}

#[test]
fn news_names_of_countries() {
    for (n, c) in [
        ("U.S.", "United States"),
        ("US", "United States"),
        ("USA", "United States"),
        ("America", "United States"),
        ("United States", "United States"),
        ("UK", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("Great Britain", "United Kingdom"),
        ("Russian Federation", "Russia"),
        ("Iran", "Iran"),
        ("South Korea", "South Korea"),
        ("North Korea", "North Korea"),
    ] {
        assert_eq!(
            canonical(n),
            (c.into(), EntryKind::Country, Via::Name),
            "{n}"
        );
    }
    assert_eq!(canonical("Washington").0, "United States");
    assert_eq!(canonical("Washington").2, Via::Capital);
}

#[test]
fn kiev_and_kyiv_are_the_capital_of_ukraine() {
    for name in ["Kiev", "Kyiv"] {
        let (i, via) = lex().lookup(name).unwrap();
        assert_eq!(via, Via::Capital, "{name}");
        assert_eq!(lex().entries()[i].canonical, "Ukraine");
        let cands = lex().candidates(name);
        let city = cands
            .iter()
            .find(|(e, _)| lex().entries()[*e].kind == EntryKind::City)
            .expect("a city candidate");
        assert_eq!(lex().entries()[city.0].country.as_deref(), Some("UA"));
        assert_eq!(Some(city.0), lex().capital_city(i));
    }
}

#[test]
fn acronyms_are_case_sensitive() {
    assert!(matches("Tell us what you think, let us know.").is_empty());
    assert!(lex().lookup("us").is_none());
    let m = matches("The US and the U.S. Navy");
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m.iter().all(|x| x.1 == "United States"));
}

#[test]
fn matches_are_leftmost_longest_on_word_boundaries() {
    let m = matches(
        "South Korea's envoy met Russians in Moscow, not in Moscowville or Parisian cafes.",
    );
    let got: Vec<(&str, &str)> = m.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("South Korea", "South Korea"),
            ("Russians", "Russia"),
            ("Moscow", "Russia"),
        ]
    );
}

#[test]
fn spans_are_byte_offsets_in_unicode_text() {
    let text = "Über-Gespräch — Paris und Berlin";
    for m in lex().find_all(text) {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
    let got: Vec<&str> = lex()
        .find_all(text)
        .iter()
        .map(|m| &text[m.start..m.end])
        .collect();
    assert_eq!(got, vec!["Paris", "Berlin"]);
}

#[test]
fn output_is_deterministic() {
    let text = "NATO and the EU met in Brussels; Kerry flew from Washington to Kyiv and Moscow.";
    let a = lex().find_all(text);
    let files = Lexicon::builtin_files();
    let other = Lexicon::parse(&files).unwrap();
    let b = other.find_all(text);
    assert_eq!(a, b);
    assert_eq!(lex().entries(), other.entries());
}

#[test]
fn organisations_people_and_regions() {
    assert_eq!(
        canonical("NATO"),
        (
            "North Atlantic Treaty Organization".into(),
            EntryKind::Organization,
            Via::Name
        )
    );
    assert_eq!(canonical("U.N.").0, "United Nations");
    // a seat of government standing for its state
    assert_eq!(canonical("Kremlin").0, "Russia");
    assert_eq!(canonical("Kremlin").1, EntryKind::Country);
    let (i, _) = lex().lookup("Downing Street").unwrap();
    assert_eq!(lex().entries()[i].kind, EntryKind::Organization);
    assert_eq!(lex().entries()[i].country.as_deref(), Some("GB"));
    // spelling variants of one person resolve to one entry
    let a = lex().lookup("Sergei Lavrov").unwrap().0;
    let b = lex().lookup("Sergey Lavrov").unwrap().0;
    assert_eq!(a, b);
    assert_eq!(lex().entries()[a].kind, EntryKind::Person);
    assert_eq!(canonical("Crimea").1, EntryKind::Region);
    assert_eq!(canonical("Black Sea").1, EntryKind::Region);
}

#[test]
fn person_named_small_places_are_not_matched() {
    // "Vladimir" is a Russian city of 350,000 and a first name; a text
    // mentioning it is far more likely to be about a person.
    let m = matches("Vladimir said that Obama would call.");
    assert!(
        m.iter().all(|x| x.0 != "Vladimir" && x.0 != "Obama"),
        "{m:?}"
    );
    assert!(lex().lookup("Vladimir").is_some());
    // large cities that share a person's name stay ("Houston", "Washington")
    let m = matches("in Houston and Washington");
    assert_eq!(m.len(), 2, "{m:?}");
}

#[test]
fn common_word_places_are_flagged() {
    let (i, _) = lex().lookup("Reading").unwrap();
    assert_eq!(lex().entries()[i].kind, EntryKind::City);
    assert!(lex().entries()[i].common_word);
    let (i, _) = lex().lookup("Paris").unwrap();
    let paris = lex().capital_city(i).unwrap();
    assert!(!lex().entries()[paris].common_word);
    let (chad, _) = lex().lookup("Chad").unwrap();
    assert!(lex().entries()[chad].person_name && lex().entries()[chad].common_word);
    let (turkey, _) = lex().lookup("Turkey").unwrap();
    assert!(lex().entries()[turkey].common_word);
    assert!(!lex().entries()[turkey].person_name);
}

#[test]
fn every_entry_has_a_unique_id_and_names_resolve_back() {
    let mut ids: Vec<&str> = lex().entries().iter().map(|e| e.id.as_str()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
    for (i, e) in lex().entries().iter().enumerate() {
        let cands = lex().candidates(&e.canonical);
        assert!(
            cands.iter().any(|(j, _)| *j == i),
            "{} does not resolve to itself",
            e.id
        );
    }
}

#[test]
fn former_countries_and_name_variants() {
    assert_eq!(
        canonical("USSR"),
        ("Soviet Union".into(), EntryKind::Country, Via::Name)
    );
    assert_eq!(canonical("Soviets").2, Via::Demonym);
    assert_eq!(canonical("Raul Castro").0, "Raúl Castro");
    let mut buf = Vec::new();
    lex().find_all_into("Moscow", &mut buf);
    lex().find_all_into("Kyiv", &mut buf);
    assert_eq!(buf.len(), 2);
}

#[test]
fn unicode_names_and_noun_demonyms() {
    let m = matches("Talks at the Élysée and in São Paulo; Turks and Poles voted.");
    let got: Vec<(&str, &str)> = m.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("Élysée", "Élysée Palace"),
            ("São Paulo", "São Paulo"),
            ("Turks", "Turkey"),
            ("Poles", "Poland"),
        ]
    );
}

#[test]
fn people_by_surname() {
    let found = lex().people_with_surname("Lavrov");
    assert_eq!(found.len(), 1);
    assert_eq!(
        lex().entries()[found[0]].canonical,
        "Sergey Viktorovich Lavrov"
    );
    assert!(lex().people_with_surname("Nobodyknowsme").is_empty());
    // only people: "Korea" is the last word of a country name
    assert!(lex().people_with_surname("Korea").is_empty());
}

#[test]
fn data_files_are_sorted_without_duplicate_rows() {
    let f = Lexicon::builtin_files();
    for (name, text) in [
        ("countries", f.countries),
        ("cities", f.cities),
        ("regions", f.regions),
        ("organizations", f.organizations),
        ("people", f.people),
        ("groups", f.groups),
    ] {
        let rows: Vec<&str> = text.lines().skip(1).collect();
        assert!(!rows.is_empty(), "{name} is empty");
        for w in rows.windows(2) {
            assert!(w[0] < w[1], "{name}: {:?} before {:?}", w[0], w[1]);
        }
        assert!(text.ends_with('\n') && !text.contains('\r'), "{name}");
    }
}
