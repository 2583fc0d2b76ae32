//! `eventgraph parse`: raw text to CoNLL-U and JSON, CoNLL-U in and out
//! (comments and multiword tokens kept, our columns filled), and a
//! malformed file reported with file:line:column and exit code 2.

use assert_cmd::Command;
use eventgraph::syntax::conllu::{read_conllu, RowId};
use serde_json::Value;

fn eventgraph() -> Command {
    Command::cargo_bin("eventgraph").unwrap()
}

#[test]
fn text_to_conllu() {
    let out = eventgraph()
        .args(["parse", "The talks ended. Both sides didn't sign."])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let sentences = read_conllu("stdout", text.as_bytes()).unwrap();
    assert_eq!(sentences.len(), 2);
    assert_eq!(sentences[0].comment_value("text"), Some("The talks ended."));
    let forms: Vec<&str> = sentences[1].words().map(|w| w.form.as_str()).collect();
    assert_eq!(forms, ["Both", "sides", "did", "n't", "sign", "."]);
    for sentence in &sentences {
        let roots = sentence.words().filter(|w| w.head == Some(0)).count();
        assert!(roots >= 1);
        assert!(sentence.words().all(|w| w.upos.is_some() && w.lemma != "_"));
    }
    // "did" is followed directly by "n't".
    assert_eq!(sentences[1].tokens[2].misc, "SpaceAfter=No");
}

#[test]
fn text_to_json() {
    let out = eventgraph()
        .args(["parse", "--format", "json", "Rebels seized the airport."])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let words = json[0]["words"].as_array().unwrap();
    assert_eq!(words.len(), 5);
    assert_eq!(words[1]["form"], "seized");
    assert_eq!(words[1]["lemma"], "seize");
    assert_eq!(words[1]["start"], 7);
    assert!(words.iter().all(|w| w["head"].as_u64().unwrap() <= 5));
}

const INPUT: &str = "# sent_id = x-1\n# text = We can't stay.\n\
1\tWe\t_\t_\t_\t_\t_\t_\t_\t_\n\
2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tca\t_\t_\t_\t_\t_\t_\t_\t_\n\
3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
4\tstay\tXX\tNOUN\tNN\t_\t1\tdep\t_\tSpaceAfter=No\n\
5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";

#[test]
fn conllu_in_conllu_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.conllu");
    std::fs::write(&path, INPUT).unwrap();
    let out = eventgraph()
        .args(["parse", "--input-format", "conllu"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let sentences = read_conllu("stdout", text.as_bytes()).unwrap();
    assert_eq!(sentences.len(), 1);
    let s = &sentences[0];
    assert_eq!(s.comments, ["# sent_id = x-1", "# text = We can't stay."]);
    assert_eq!(s.tokens[1].id, RowId::Range(2, 3));
    assert_eq!(s.tokens[1].form, "can't");
    assert_eq!(s.tokens[1].upos, None);
    let words: Vec<_> = s.words().collect();
    assert_eq!(words.len(), 5);
    // Our columns replace the file's; the others stay.
    assert_eq!(words[3].lemma, "stay");
    assert_ne!(words[3].head, Some(1));
    assert_eq!(words[3].xpos, "NN");
    assert_eq!(words[3].misc, "SpaceAfter=No");
    assert_eq!(words[2].lemma, "not");
    assert!(words.iter().all(|w| w.upos.is_some() && w.head.is_some()));
    // Read from standard input too.
    let out = eventgraph()
        .args(["parse", "--input-format", "conllu", "--format", "json", "-"])
        .write_stdin(INPUT)
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["text"], "We can't stay.");
    assert_eq!(json[0]["words"].as_array().unwrap().len(), 5);
}

#[test]
fn malformed_conllu_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.conllu");
    std::fs::write(
        &path,
        "1\tWe\t_\t_\t_\t_\t_\t_\t_\t_\n2\tgo\t_\tVB\t_\t_\t_\t_\t_\t_\n\n",
    )
    .unwrap();
    let out = eventgraph()
        .args(["parse", "--input-format", "conllu"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = format!("{}:2:8:", path.display());
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(stderr.contains("UPOS"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn nothing_to_parse() {
    let out = eventgraph().args(["parse", "   "]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}
