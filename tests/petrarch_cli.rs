//! `eventgraph code`: dictionaries written for the test (invented names),
//! JSON and TSV rows, `--date`, `--records`, and errors naming file and line.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

const VERBS: &str = "--- CONDEMN [122] ---\nCONDEMN\n\n--- VISIT [042:043] ---\nVISIT\n";
const ACTORS: &str =
    "VALDOR [VAL]\nKESTREL [KES]\nTHE_OLD_KING\n\t[KESGOV 20000101-20051231]\n\t[KESELI]\n";
const AGENTS: &str = "GOVERNMENT [~GOV]\n";

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("test.verbs.txt"), VERBS).unwrap();
    std::fs::write(dir.path().join("test.actors.txt"), ACTORS).unwrap();
    std::fs::write(dir.path().join("test.agents.txt"), AGENTS).unwrap();
    dir
}

fn eventgraph() -> Command {
    Command::cargo_bin("eventgraph").unwrap()
}

#[test]
fn codes_text_as_json_and_tsv() {
    let dir = folder();
    let out = eventgraph()
        .args(["code", "--dictionaries"])
        .arg(dir.path())
        .arg("The Valdor government condemned Kestrel.")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let line: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(line["source"], "VALGOV");
    assert_eq!(line["target"], "KES");
    assert_eq!(line["code"], "122");
    assert_eq!(line["verb"], "condemned");
    assert_eq!(line["start"], 22);
    eventgraph()
        .args([
            "code",
            "--format",
            "tsv",
            "--date",
            "20030101",
            "--dictionaries",
        ])
        .arg(dir.path())
        .arg("The old king visited Valdor.")
        .assert()
        .success()
        .stdout(predicate::str::contains("KESGOV\tVAL\t042\tvisited"))
        .stdout(predicate::str::contains("VAL\tKESGOV\t043"));
    // nothing coded: exit 1
    eventgraph()
        .args(["code", "--dictionaries"])
        .arg(dir.path())
        .arg("Valdor praised Kestrel.")
        .assert()
        .code(1);
}

#[test]
fn codes_a_validation_file() {
    let dir = folder();
    let xml = r#"<Validation><Environment>
<Verbfile>test.verbs.txt</Verbfile><Actorfile>test.actors.txt</Actorfile>
</Environment><Sentences>
<Sentence date="20030101" id="T-1" category="DEMO" sentence="true">
<EventCoding sourcecode="KESGOV" targetcode="VAL" eventcode="122"/>
<Text>The old king condemned Valdor.</Text>
</Sentence></Sentences></Validation>"#;
    let path = dir.path().join("t.xml");
    std::fs::write(&path, xml).unwrap();
    eventgraph()
        .args(["code", "--records"])
        .arg(&path)
        .assert()
        .success()
        .stdout(
            "{\"id\":\"T-1\",\"category\":\"DEMO\",\"codings\":[{\"source\":\"KESGOV\",\"target\":\"VAL\",\"code\":\"122\"}]}\n",
        );
}

#[test]
fn bad_dictionaries_name_file_and_line() {
    let dir = folder();
    let bad = dir.path().join("bad.actors.txt");
    std::fs::write(&bad, "VALDOR [VAL]\nKESTREL\n\t[KES 2001-13-01]\n").unwrap();
    // lenient: a warning naming the line, the rest loads
    eventgraph()
        .args(["code", "--verbs"])
        .arg(dir.path().join("test.verbs.txt"))
        .arg("--actors")
        .arg(&bad)
        .arg("Valdor condemned Kestrel.")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"VAL\""))
        .stderr(predicate::str::contains(
            "bad.actors.txt:3: expected a date restriction",
        ));
    // strict: an error
    eventgraph()
        .args(["code", "--strict", "--verbs"])
        .arg(dir.path().join("test.verbs.txt"))
        .arg("--actors")
        .arg(&bad)
        .arg("Valdor condemned Kestrel.")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.actors.txt:3:"));
    let verbs = dir.path().join("bad.verbs.txt");
    std::fs::write(&verbs, "--- CONDEMN [122] ---\nCONDEMN\n- * @ [123]\n").unwrap();
    eventgraph()
        .args(["code", "--verbs"])
        .arg(&verbs)
        .arg("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.verbs.txt:3: expected a word or a pattern symbol",
        ));
    let empty = dir.path().join("empty.verbs.txt");
    std::fs::write(&empty, "").unwrap();
    eventgraph()
        .args(["code", "--verbs"])
        .arg(&empty)
        .arg("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "empty.verbs.txt:1: expected at least one",
        ));
}

/// A folder of dictionaries for articles the extraction reads (country
/// names it knows), with an article of two events.
fn article_folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let dicts = dir.path().join("dicts");
    std::fs::create_dir(&dicts).unwrap();
    std::fs::write(
        dicts.join("small.verbs.txt"),
        "--- CRITICIZE [111] ---\nCRITICIZE\n\n--- ATTACK [183] ---\nATTACK\n",
    )
    .unwrap();
    std::fs::write(
        dicts.join("small.actors.txt"),
        "NORWAY [NOR]\nSWEDEN [SWE]\nCHILE [CHL]\nPERU [PER]\n",
    )
    .unwrap();
    let article = dir.path().join("quota.txt");
    std::fs::write(
        &article,
        "Norway criticized Sweden on Monday over the fishing quota.\n\n\
         Chile attacked Peru on Tuesday.\n",
    )
    .unwrap();
    (dir, article)
}

/// The sorted CAMEO codes of `OUT/events.json`.
fn built_codes(out: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(out.join("events.json")).unwrap();
    let events: serde_json::Value = serde_json::from_str(&text).unwrap();
    let list = events
        .as_array()
        .or_else(|| events["events"].as_array())
        .expect("a list of events");
    let mut codes: Vec<String> = list
        .iter()
        .map(|e| e["cameo"].as_str().unwrap_or("").to_string())
        .collect();
    codes.sort();
    codes
}

#[test]
fn build_and_ingest_code_articles_with_a_dictionary_folder() {
    let (dir, article) = article_folder();
    let plain = dir.path().join("plain");
    eventgraph()
        .args(["--quiet", "build", "--published", "2021-03-10", "--out"])
        .arg(&plain)
        .arg(&article)
        .assert()
        .success();
    assert_eq!(built_codes(&plain), ["110", "180"]);
    let coded = dir.path().join("coded");
    eventgraph()
        .args(["--quiet", "build", "--published", "2021-03-10", "--out"])
        .arg(&coded)
        .arg("--dictionaries")
        .arg(dir.path().join("dicts"))
        .arg(&article)
        .assert()
        .success();
    assert_eq!(built_codes(&coded), ["111", "183"]);
    let db = dir.path().join("ingested.db");
    eventgraph()
        .arg("--db")
        .arg(&db)
        .args(["--quiet", "ingest", "--published", "2021-03-10"])
        .arg("--dictionaries")
        .arg(dir.path().join("dicts"))
        .arg(&article)
        .assert()
        .success();
    eventgraph()
        .arg("--db")
        .arg(&db)
        .args(["events", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"111\""))
        .stdout(predicate::str::contains("\"183\""));
}

#[test]
fn a_bad_dictionary_folder_stops_ingest_before_any_input_is_read() {
    let (dir, _) = article_folder();
    // the input does not exist: an error about it would mean it was read first
    let missing_input = dir.path().join("no-such-article.txt");
    let db = dir.path().join("never.db");
    let try_folder = |folder: &std::path::Path, says: &str| {
        eventgraph()
            .arg("--db")
            .arg(&db)
            .args(["ingest", "--dictionaries"])
            .arg(folder)
            .arg(&missing_input)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says))
            .stderr(predicate::str::contains("no-such-article").not());
        assert!(!db.exists());
    };
    try_folder(
        &dir.path().join("no-such-folder"),
        "cannot list the dictionaries",
    );
    let no_verbs = dir.path().join("no-verbs");
    std::fs::create_dir(&no_verbs).unwrap();
    std::fs::write(no_verbs.join("a.actors.txt"), "NORWAY [NOR]\n").unwrap();
    try_folder(&no_verbs, "no verb dictionary");
    let broken = dir.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    std::fs::write(
        broken.join("a.verbs.txt"),
        "--- CRITICIZE [111] ---\nCRITICIZE\n- * @ [112]\n",
    )
    .unwrap();
    try_folder(
        &broken,
        "a.verbs.txt:3: expected a word or a pattern symbol",
    );
    // build stops the same way, before its report folder is made
    let out = dir.path().join("report");
    eventgraph()
        .args(["build", "--out"])
        .arg(&out)
        .arg("--dictionaries")
        .arg(&no_verbs)
        .arg(&missing_input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no verb dictionary"));
    assert!(!out.exists());
}

/// A GDELT 1.0 row (58 columns) of one day and code, with its actor codes
/// and names (the other columns empty, the geography unknown).
fn gdelt_row(id: u64, day: &str, source: (&str, &str), target: (&str, &str), code: &str) -> String {
    let mut fields = vec![String::new(); 58];
    fields[0] = id.to_string();
    fields[1] = day.to_string();
    fields[2] = day[..6].to_string();
    fields[3] = day[..4].to_string();
    fields[4] = format!("{}.0000", &day[..4]);
    for (start, (actor_code, name)) in [(5, source), (15, target)] {
        fields[start] = actor_code.to_string();
        fields[start + 1] = name.to_string();
        fields[start + 2] = actor_code[..3].to_string();
    }
    fields[25] = "1".into();
    fields[26] = code.to_string();
    fields[27] = code.to_string();
    fields[28] = code[..2].to_string();
    fields[29] = "3".into();
    fields[30] = "-5.0".into();
    for (k, v) in [(31, "1"), (32, "1"), (33, "1"), (34, "-2.5")] {
        fields[k] = v.into();
    }
    for geo in [35, 42, 49] {
        fields[geo] = "0".into();
    }
    fields[56] = day.to_string();
    fields[57] = format!("https://news.example/{id}");
    fields.join("\t")
}

#[test]
fn a_coded_article_and_a_gdelt_row_of_the_same_codes_line_up() {
    let (dir, article) = article_folder();
    let db = dir.path().join("both.db");
    eventgraph()
        .arg("--db")
        .arg(&db)
        .args(["--quiet", "ingest", "--published", "2021-03-10"])
        .arg("--dictionaries")
        .arg(dir.path().join("dicts"))
        .arg(&article)
        .assert()
        .success();
    // "Norway criticized Sweden on Monday" (2021-03-08), as a GDELT row
    let rows = dir.path().join("rows.tsv");
    std::fs::write(
        &rows,
        gdelt_row(
            7001,
            "20210308",
            ("NOR", "NORWAY"),
            ("SWE", "SWEDEN"),
            "111",
        ) + "\n",
    )
    .unwrap();
    eventgraph()
        .arg("--db")
        .arg(&db)
        .args(["--quiet", "ingest"])
        .arg(&rows)
        .assert()
        .success();
    let out = eventgraph()
        .arg("--db")
        .arg(&db)
        .args(["events", "--format", "json", "--from", "2021-03-08"])
        .args(["--to", "2021-03-08"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let events: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let events = events.as_array().unwrap();
    // the article's event and the row's (one event when the graph merges
    // them): both coded 111, source NOR, target SWE
    let mut sources: Vec<String> = Vec::new();
    for e in events {
        assert_eq!(
            (&e["cameo"], &e["source_code"], &e["target_code"]),
            (
                &serde_json::json!("111"),
                &serde_json::json!("NOR"),
                &serde_json::json!("SWE")
            ),
            "{e:#}"
        );
        for s in e["sources"].as_array().unwrap() {
            sources.push(s["document"].as_str().unwrap().to_string());
        }
    }
    assert!(
        sources.iter().any(|s| s.contains("quota")),
        "the article's event: {events:#?}"
    );
    assert!(
        sources.iter().any(|s| s.contains("news.example")),
        "the row's event: {events:#?}"
    );
    // the JSON export keeps the codes too
    let export = eventgraph()
        .arg("--db")
        .arg(&db)
        .args(["export", "--format", "json", "--output", "-"])
        .output()
        .unwrap();
    assert!(export.status.success(), "{export:?}");
    let text = String::from_utf8_lossy(&export.stdout);
    assert!(text.contains("\"source_code\": \"NOR\""), "{text}");
    assert!(text.contains("\"target_code\": \"SWE\""), "{text}");
}

#[test]
fn a_schema_2_store_reads_without_codes_and_migrates_on_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    let rows = dir.path().join("rows.tsv");
    std::fs::write(
        &rows,
        gdelt_row(
            7002,
            "20210309",
            ("NORGOV", "NORWAY"),
            ("SWE", "SWEDEN"),
            "042",
        ) + "\n",
    )
    .unwrap();
    let ingest = |file: &std::path::Path| {
        eventgraph()
            .arg("--db")
            .arg(&db)
            .args(["--quiet", "ingest"])
            .arg(file)
            .assert()
            .success();
    };
    ingest(&rows);
    // made a schema 2 store: the events without the actor code columns
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "ALTER TABLE events DROP COLUMN source_code;
             ALTER TABLE events DROP COLUMN target_code;
             PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    let listed = || -> serde_json::Value {
        let out = eventgraph()
            .arg("--db")
            .arg(&db)
            .args(["events", "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // read as it is (a query opens it read-only): the event, no codes
    let old = listed();
    assert_eq!(old.as_array().unwrap().len(), 1, "{old:#}");
    assert_eq!(old[0]["cameo"], "042");
    assert!(old[0].get("source_code").is_none(), "{old:#}");
    // an ingest opens it for writing: migrated, the old row kept, a new
    // row stored with its codes
    let more = dir.path().join("more.tsv");
    std::fs::write(
        &more,
        gdelt_row(
            7003,
            "20210310",
            ("SWE", "SWEDEN"),
            ("NOR", "NORWAY"),
            "043",
        ) + "\n",
    )
    .unwrap();
    ingest(&more);
    let version: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, eventgraph::SCHEMA_VERSION);
    let new = listed();
    let new = new.as_array().unwrap();
    assert_eq!(new.len(), 2, "{new:#?}");
    assert!(new[0].get("source_code").is_none());
    assert_eq!(new[1]["source_code"], "SWE");
    assert_eq!(new[1]["target_code"], "NOR");
}
