//! GDELT and ICEWS readers on real rows: the bundled fixtures always, and
//! every file of the shared data folder (`$EVENTGRAPH_SHARED/data`; skipped
//! with a notice when it is missing, a failure under
//! `EVENTGRAPH_REQUIRE_SHARED=1`): every row is read or reported and the
//! counts match the files. Also the CAMEO codebook against
//! `EventKind::from_cameo`.

mod common;

use eventgraph::{
    read_dataset, read_dataset_to_vec, Codebook, DatasetError, DatasetFormat, DatasetOptions,
    EventKind, NoProgress, Progress, ReadStats, Role,
};
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    common::fixture(&format!("datasets/{name}"))
}

/// Non-blank lines of a file.
fn count_lines(path: &Path) -> u64 {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count() as u64
}

fn read_file(path: &Path) -> (Vec<eventgraph::DatasetRecord>, eventgraph::ReadReport) {
    let file = std::fs::File::open(path).unwrap();
    read_dataset_to_vec(file, &DatasetOptions::for_file(path.display().to_string())).unwrap()
}

#[test]
fn fixtures_are_read_in_full() {
    for (name, format) in [
        ("gdelt1_1982_57col.tsv", DatasetFormat::Gdelt1),
        ("gdelt1_20160728_58col.tsv", DatasetFormat::Gdelt1Url),
        ("icews14_facts.tsv", DatasetFormat::IcewsFacts),
    ] {
        let path = fixture(name);
        let (records, report) = read_file(&path);
        assert_eq!(report.format, Some(format), "{name}");
        assert_eq!(report.stats.bad_rows, 0, "{name}: {:?}", report.bad_rows);
        assert_eq!(records.len() as u64, count_lines(&path), "{name}");
        for r in &records {
            assert_eq!(
                EventKind::from_cameo(r.event.cameo.as_deref().unwrap()),
                Some(r.event.kind)
            );
            assert!(r.event.participants.len() <= 2);
        }
    }
}

#[test]
fn gdelt_1982_rows_have_no_url_and_keep_the_file_as_document() {
    let (records, _) = read_file(&fixture("gdelt1_1982_57col.tsv"));
    for r in &records {
        assert_eq!(r.event.when.start.format("%Y").to_string(), "1982");
        assert!(r.document.url.is_none());
        assert!(r.document.id.starts_with("gdelt:"));
        assert!(r.gdelt.unwrap().num_mentions >= 1);
    }
}

#[test]
fn the_meetings_of_2016_07_28_have_both_actors() {
    let (records, _) = read_file(&fixture("gdelt1_20160728_58col.tsv"));
    let meetings: Vec<_> = records
        .iter()
        .filter(|r| r.event.when.value == "2016-07-28")
        .filter(|r| r.event.cameo.as_deref().unwrap().starts_with("04"))
        .filter(|r| r.event.participants.len() == 2)
        .collect();
    assert_eq!(meetings.len(), 7);
    let first = meetings
        .iter()
        .find(|r| r.event.id == "gdelt-564112764")
        .unwrap();
    assert_eq!(first.event.participants[0].actor, "Christian");
    assert_eq!(first.event.participants[0].role, Role::Source);
    assert_eq!(first.event.participants[1].actor, "United States");
    assert_eq!(first.event.participants[1].role, Role::Target);
    assert_eq!(
        first.event.place.as_deref(),
        Some("Boston, Massachusetts, United States")
    );
    assert!(first.document.url.as_deref().unwrap().starts_with("http"));
    // the place's FIPS country code (US) as ISO 3166
    assert_eq!(
        first.place.as_ref().and_then(|p| p.country.as_deref()),
        Some("US")
    );
    // 043 "Host a visit": Actor1 hosts, so the visitor (Actor2) is the source.
    let hosted = meetings
        .iter()
        .find(|r| r.event.id == "gdelt-564137328")
        .unwrap();
    assert_eq!(hosted.event.cameo.as_deref(), Some("043"));
    assert_eq!(hosted.event.participants[0].actor, "Government");
    assert_eq!(hosted.event.participants[0].role, Role::Target);
    assert_eq!(hosted.event.participants[1].actor, "United States");
    assert_eq!(hosted.event.participants[1].role, Role::Source);
}

#[test]
fn bad_rows_are_counted_with_file_line_and_field() {
    let good = std::fs::read_to_string(fixture("gdelt1_20160728_58col.tsv")).unwrap();
    let mut lines: Vec<String> = good.lines().map(str::to_string).collect();
    let mut fields: Vec<String> = lines[2].split('\t').map(str::to_string).collect();
    fields[1] = "00000000".into();
    lines[2] = fields.join("\t");
    let mut fields: Vec<String> = lines[4].split('\t').map(str::to_string).collect();
    fields[26] = "0999".into();
    lines[4] = fields.join("\t");
    lines[6] = "too\tfew\tcolumns".into();
    let mut bytes = lines.join("\n").into_bytes();
    bytes.extend_from_slice(b"\n\xff\xfe\tnot utf-8\n");
    let (records, report) =
        read_dataset_to_vec(&bytes[..], &DatasetOptions::for_file("bad.tsv")).unwrap();
    assert_eq!(records.len(), lines.len() - 3);
    assert_eq!(report.stats.bad_rows, 4);
    let text: Vec<String> = report.bad_rows.iter().map(|b| b.to_string()).collect();
    assert_eq!(
        text,
        [
            "bad.tsv:3: SQLDATE: expected a calendar date, but found \"00000000\"",
            "bad.tsv:5: EventCode: expected a CAMEO event code of the codebook, but found \"0999\"",
            "bad.tsv:7: line: expected 58 tab-separated columns, but found 3",
            "bad.tsv:27: line: expected UTF-8 text, but found invalid bytes",
        ]
    );
    let strict = DatasetOptions {
        strict: true,
        ..DatasetOptions::for_file("bad.tsv")
    };
    let err = read_dataset_to_vec(&bytes[..], &strict).unwrap_err();
    assert!(
        matches!(err, DatasetError::BadRow(ref b) if b.line == 3),
        "{err}"
    );
}

#[test]
fn a_forced_format_reports_rows_of_another_layout() {
    let path = fixture("gdelt1_1982_57col.tsv");
    let options = DatasetOptions {
        format: Some(DatasetFormat::Gdelt2),
        ..DatasetOptions::for_file("forced")
    };
    let (records, report) =
        read_dataset_to_vec(std::fs::File::open(&path).unwrap(), &options).unwrap();
    assert!(records.is_empty());
    assert_eq!(report.stats.bad_rows, count_lines(&path));
    assert_eq!(
        report.bad_rows[0].to_string(),
        "forced:1: line: expected 61 tab-separated columns, but found 57"
    );
}

#[test]
fn an_unknown_layout_is_an_error_naming_the_line() {
    let err = read_dataset_to_vec("a\tb\tc\n".as_bytes(), &DatasetOptions::for_file("x.tsv"))
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("x.tsv:1: cannot tell the dataset format from a row of 3 columns"),
        "{err}"
    );
}

#[test]
fn zip_archives_are_read_entry_by_entry() {
    let mut zipped = Vec::new();
    {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(&mut zipped));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for name in ["gdelt1_20160728_58col.tsv", "gdelt1_1982_57col.tsv"] {
            writer.start_file(format!("{name}.CSV"), options).unwrap();
            writer
                .write_all(&std::fs::read(fixture(name)).unwrap())
                .unwrap();
        }
        writer.finish().unwrap();
    }
    let (records, report) =
        read_dataset_to_vec(&zipped[..], &DatasetOptions::for_file("export.zip")).unwrap();
    let expected = count_lines(&fixture("gdelt1_20160728_58col.tsv"))
        + count_lines(&fixture("gdelt1_1982_57col.tsv"));
    assert_eq!(records.len() as u64, expected);
    assert_eq!(report.stats.bad_rows, 0);
}

struct Counting {
    updates: usize,
    finished: Option<ReadStats>,
}

impl Progress for Counting {
    fn update(&mut self, _stats: &ReadStats) {
        self.updates += 1;
    }
    fn finish(&mut self, stats: &ReadStats) {
        self.finished = Some(stats.clone());
    }
}

#[test]
fn progress_sees_the_final_counts() {
    let path = fixture("icews14_facts.tsv");
    let text = std::fs::read_to_string(&path).unwrap().repeat(1000);
    let mut progress = Counting {
        updates: 0,
        finished: None,
    };
    let mut n = 0u64;
    let report = read_dataset(
        text.as_bytes(),
        &DatasetOptions::for_file("big"),
        &mut progress,
        &mut |_| n += 1,
    )
    .unwrap();
    assert_eq!(n, 15_000);
    assert_eq!(report.stats.records, 15_000);
    assert_eq!(progress.updates, 1); // every 8192 lines
    assert_eq!(progress.finished.unwrap().records, 15_000);
}

#[test]
fn every_shared_row_is_read_or_reported() {
    let mut n_files = 0;
    for sub in ["data/gdelt", "data/icews"] {
        let Some(paths) = common::shared_files(sub, "tsv") else {
            return;
        };
        for path in paths {
            let file = std::fs::File::open(&path).unwrap();
            let mut n = 0u64;
            let report = read_dataset(
                file,
                &DatasetOptions::for_file(path.display().to_string()),
                &mut NoProgress,
                &mut |_| n += 1,
            )
            .unwrap();
            let lines = count_lines(&path);
            assert_eq!(
                report.stats.records + report.stats.bad_rows,
                lines,
                "{}",
                path.display()
            );
            assert_eq!(n, report.stats.records);
            // The shared files are clean: every row becomes a record.
            assert_eq!(report.stats.bad_rows, 0, "{:?}", report.bad_rows);
            n_files += 1;
        }
    }
    assert_eq!(n_files, 6);
}

#[test]
fn every_codebook_code_maps_to_a_kind() {
    let book = Codebook::builtin();
    assert_eq!(book.entries().len(), 311);
    let roots: Vec<&str> = book
        .entries()
        .iter()
        .filter(|e| e.code.len() == 2)
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(roots.len(), 20);
    for entry in book.entries() {
        let kind = EventKind::from_cameo(&entry.code)
            .unwrap_or_else(|| panic!("{} has no kind", entry.code));
        // A subcode has the kind of its root unless the kind table (DESIGN.md)
        // names the subcode itself.
        let root_kind = EventKind::from_cameo(&entry.code[..2]).unwrap();
        let special = [
            ("041", EventKind::Call),
            ("042", EventKind::Visit),
            ("043", EventKind::Visit),
            ("044", EventKind::Meet),
            ("045", EventKind::Meet),
            ("046", EventKind::Negotiate),
            ("057", EventKind::Agree),
            ("087", EventKind::Deescalate),
            ("112", EventKind::Accuse),
            ("163", EventKind::Sanction),
            ("192", EventKind::Occupy),
        ];
        let expected = special
            .iter()
            .find(|(prefix, _)| entry.code.starts_with(prefix))
            .map(|&(_, k)| k)
            .unwrap_or(root_kind);
        assert_eq!(kind, expected, "{} {}", entry.code, entry.description);
    }
}

#[test]
fn every_icews_event_text_of_the_shared_files_has_a_code() {
    let Some(paths) = common::shared_files("data/icews", "tsv") else {
        return;
    };
    let book = Codebook::builtin();
    let mut texts = std::collections::BTreeSet::new();
    for path in paths {
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            texts.insert(line.split('\t').nth(1).unwrap_or("").to_string());
        }
    }
    assert!(texts.len() > 200);
    let missing: Vec<&String> = texts
        .iter()
        .filter(|t| book.code_for_text(t).is_none())
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn records_convert_to_interchange_documents() {
    let (records, _) = read_file(&fixture("gdelt1_20160728_58col.tsv"));
    let r = records
        .iter()
        .find(|r| r.event.id == "gdelt-564112764")
        .unwrap();
    let doc = r.to_extraction_doc();
    let json = serde_json::to_value(&doc).unwrap();
    assert_eq!(json["events"][0]["kind"], "consult");
    assert_eq!(json["events"][0]["cameo"], "040");
    assert_eq!(json["events"][0]["date"]["start"], "2016-07-28");
    assert_eq!(json["events"][0]["actors"][0]["actor"], "a1");
    assert_eq!(json["events"][0]["actors"][0]["role"], "source");
    assert_eq!(json["events"][0]["actors"][1]["role"], "target");
    assert_eq!(json["actors"][1]["name"], "United States");
    assert_eq!(json["actors"][1]["kind"], "country");
    assert_eq!(json["places"][0]["lat"], 42.3584);
    assert_eq!(json["document"]["url"], r.document.url.clone().unwrap());
    // It reads back as the interchange type.
    let back: eventgraph::ExtractionDoc = serde_json::from_value(json).unwrap();
    assert_eq!(back, doc);
}

#[test]
fn gdelt_place_countries_are_iso_codes() {
    let Some(path) = common::shared("data/gdelt/gdelt1_events_20160728_58col.tsv") else {
        return;
    };
    let (records, _) = read_file(&path);
    let country_of = |suffix: &str| {
        records
            .iter()
            .filter_map(|r| r.place.as_ref())
            .find(|p| p.name.ends_with(suffix))
            .and_then(|p| p.country.clone())
    };
    // FIPS RS, UK, GM are ISO RU, GB, DE
    assert_eq!(country_of(", Russia").as_deref(), Some("RU"));
    assert_eq!(country_of(", United Kingdom").as_deref(), Some("GB"));
    assert_eq!(country_of(", Germany").as_deref(), Some("DE"));
}
