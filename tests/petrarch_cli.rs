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
            "empty.verbs.txt: expected at least one",
        ));
}
