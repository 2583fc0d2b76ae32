//! The interchange JSON is a codec of the `Report`: `extract_document` is
//! `ExtractionDoc::from(&extract_report(..))`, and reading that JSON back
//! (`to_records`) gives the same report, which written again gives the
//! same bytes. Checked for every article of `data/articles`, for articles
//! written here (no date, an undated event, titles and affiliations, a
//! publication time, no text, HTML) and for hand-written JSON in the
//! shapes the extraction prints (a date record with no span, with only a
//! source).

use eventgraph::{
    extract_document, extract_report, to_records, DateOrigin, DateSource, ExtractOptions,
    ExtractionDoc, Report,
};

/// The JSON as `eventgraph extract --format json` prints it.
fn json(doc: &ExtractionDoc) -> String {
    serde_json::to_string_pretty(doc).unwrap()
}

/// Reads `doc` back and writes it again: the same bytes. Returns the
/// report read back.
fn round_trip(name: &str, doc: &ExtractionDoc) -> Report {
    let decoded = to_records(doc, "fallback");
    assert_eq!(json(&ExtractionDoc::from(&decoded)), json(doc), "{name}");
    decoded
}

fn check(name: &str, bytes: &[u8], options: &ExtractOptions) -> (ExtractionDoc, Report) {
    let doc = extract_document(bytes, options).unwrap();
    let mut report = extract_report(bytes, options).unwrap();
    assert_eq!(json(&ExtractionDoc::from(&report)), json(&doc), "{name}");
    let mut decoded = round_trip(name, &doc);
    // The values' diagnostics of an extraction name the document's line.
    decoded.diagnostics = decoded
        .diagnostics
        .into_iter()
        .map(|d| if d.field.is_some() { d.with_line(1) } else { d })
        .collect();
    if report.document.id.is_empty() {
        report.document.id = "fallback".to_string();
    }
    assert_eq!(report, decoded, "{name}");
    (doc, report)
}

#[test]
fn the_repository_articles_round_trip() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let options = ExtractOptions {
            file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
            ..ExtractOptions::default()
        };
        let (doc, _) = check(&path.display().to_string(), &bytes, &options);
        assert!(!doc.events.is_empty() && !doc.timexes.is_empty());
        n += 1;
    }
    assert!(n > 0, "no article in {dir}");
}

#[test]
fn edge_cases_round_trip() {
    let none = ExtractOptions::default();
    for (name, text) in [
        (
            "dated",
            "published: 2019-11-05\n\nMinister Arlo Venn met Premier Dana Kestrel in Lisbon on \
             Monday. Venn will visit Kestrel again in 2020, the ministry said.\n",
        ),
        ("empty", ""),
        (
            "html",
            "<html><head><title>Talks</title></head><body><p>Premier Dana Kestrel called \
             Minister Arlo Venn on Friday.</p></body></html>",
        ),
    ] {
        check(name, text.as_bytes(), &none);
    }
    let dated = ExtractOptions {
        published: chrono::NaiveDate::from_ymd_opt(2021, 6, 1),
        file_name: Some("given.txt".to_string()),
        ..ExtractOptions::default()
    };
    check(
        "given date",
        b"Minister Arlo Venn met Premier Dana Kestrel last week.\n",
        &dated,
    );
}

#[test]
fn an_undated_event_is_kept_for_the_json_and_not_dated() {
    let (doc, report) = check(
        "undated",
        b"Minister Arlo Venn met Premier Dana Kestrel in Lisbon.\n",
        &ExtractOptions::default(),
    );
    // No publication date: the event's date is unknown, with a warning.
    assert_eq!(doc.document.published, None);
    assert!(!doc.warnings.is_empty());
    let event = &doc.events[0];
    assert_eq!(event.date.start, None);
    assert_eq!(event.date.source.as_deref(), Some("unknown"));
    assert_eq!(report.events.len(), doc.events.len());
    assert_eq!(report.events[0].when, None);
    assert_eq!(
        report.events[0].date_origin,
        DateOrigin::Missing {
            source: Some(DateSource::Unknown)
        }
    );
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.field.as_deref() == Some("events[0].date")
            && d.message.ends_with("event skipped")));
}

#[test]
fn titles_affiliations_and_the_publication_time_round_trip() {
    let (doc, report) = check(
        "titles",
        b"published: 2019-11-05T09:30\n\nPortuguese Foreign Minister Arlo Venn met Premier \
          Dana Kestrel in Lisbon recently.\n",
        &ExtractOptions::default(),
    );
    assert_eq!(doc.document.published.as_deref(), Some("2019-11-05T09:30"));
    let venn = doc.actors.iter().find(|a| a.name == "Arlo Venn").unwrap();
    assert_eq!(venn.title.as_deref(), Some("Foreign Minister"));
    let of = venn.affiliation.as_deref().unwrap();
    let portugal = doc.actors.iter().find(|a| a.id == of).unwrap();
    assert_eq!(portugal.name, "Portugal");
    // In the report: the organisation's name, and the pair by index.
    let venn = report
        .actors
        .iter()
        .position(|a| a.name == "Arlo Venn")
        .unwrap();
    assert_eq!(report.actors[venn].affiliation.as_deref(), Some("Portugal"));
    assert_eq!(
        report.actors[venn].titles[0].of.as_deref(),
        Some("Portugal")
    );
    let (_, of) = report.affiliations.iter().find(|a| a.0 == venn).unwrap();
    assert_eq!(report.actors[*of].name, "Portugal");
    assert!(report.timexes.iter().any(|t| t.value == "PAST_REF"));
}

#[test]
fn hand_written_dates_without_a_span_round_trip() {
    // The shapes of a date the extraction prints when an event's own
    // expression names no days (`{}`), or only its anchor's source.
    let input = r#"{"version": 1,
      "document": {"id": "d", "title": "Talks", "published": "2014-03-31", "url": null},
      "actors": [
        {"id": "a1", "name": "Arlo Venn", "kind": "person", "aliases": ["Venn"],
         "title": "Minister", "affiliation": "a2"},
        {"id": "a2", "name": "Portugal", "kind": "country", "aliases": [], "title": null,
         "affiliation": null, "country": "PT"}],
      "places": [],
      "timexes": [{"text": "recently", "start": 40, "end": 48, "value": "PAST_REF",
                   "type": "DATE", "precision": "unknown"}],
      "events": [
        {"id": "e1", "kind": "statement", "cameo": "010",
         "date": {"start": null, "end": null, "value": null},
         "actors": [{"actor": "a1", "role": "source"}], "place": null,
         "modality": "asserted", "evidence": [], "confidence": 0.5},
        {"id": "e2", "kind": "statement", "cameo": "010",
         "date": {"start": null, "end": null, "value": null, "source": "inferred"},
         "actors": [{"actor": "a1", "role": "source"}], "place": "Lisbon",
         "modality": "reported", "evidence": [{"text": "Venn spoke.", "start": 0, "end": 11}],
         "confidence": 0.5}],
      "warnings": ["a warning the extraction gave"]}"#;
    let doc: ExtractionDoc = serde_json::from_str(input).unwrap();
    let report = round_trip("hand-written", &doc);
    // Both take the publication day, inferred, for the store.
    for (event, source) in report.events.iter().zip([None, Some(DateSource::Inferred)]) {
        assert_eq!(event.date_origin, DateOrigin::Missing { source });
        let when = event.when.as_ref().unwrap();
        assert_eq!(
            (when.value.as_str(), when.source),
            ("2014-03-31", DateSource::Inferred)
        );
    }
    assert_eq!(report.diagnostics.len(), 1);
    assert_eq!(
        report.diagnostics[0].message,
        "a warning the extraction gave"
    );
}

#[test]
fn the_store_skips_an_undated_event_as_before() {
    let input = r#"{"version": 1,
      "document": {"id": "d", "title": null, "published": null, "url": null},
      "actors": [
        {"id": "a1", "name": "Arlo Venn", "kind": "person", "aliases": [], "title": null,
         "affiliation": null},
        {"id": "a2", "name": "Dana Kestrel", "kind": "person", "aliases": [], "title": null,
         "affiliation": null}],
      "places": [], "timexes": [],
      "events": [
        {"id": "e1", "kind": "meet", "cameo": "044",
         "date": {"start": "2019-03-03", "end": "2019-03-03", "value": "2019-03-03",
                  "precision": "day", "source": "explicit"},
         "actors": [{"actor": "a1", "role": "participant"}, {"actor": "a2", "role": "participant"}],
         "place": null, "modality": "asserted", "evidence": [], "confidence": 0.75},
        {"id": "e2", "kind": "visit", "cameo": "042",
         "date": {"start": null, "end": null, "value": null, "source": "unknown"},
         "actors": [{"actor": "a1", "role": "source"}, {"actor": "a2", "role": "target"}],
         "place": null, "modality": "planned", "evidence": [], "confidence": 0.65}]}"#;
    let doc: ExtractionDoc = serde_json::from_str(input).unwrap();
    let report = round_trip("store", &doc);
    assert_eq!(report.events.len(), 2);
    let fields: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| d.field.as_deref())
        .collect();
    assert_eq!(fields, [Some("events[1].date")]);
    let mut store = eventgraph::Store::open_in_memory().unwrap();
    let outcome = store
        .ingest(&report, "hash", &eventgraph::IngestOptions::default())
        .unwrap();
    match outcome {
        eventgraph::IngestOutcome::Added { new_events, .. } => assert_eq!(new_events, 1),
        other => panic!("expected the document to be added, got {other:?}"),
    }
}
