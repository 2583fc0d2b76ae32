//! CoNLL-U reading and writing: a generated round trip (proptest), malformed
//! lines reported with file, line and column, and the exact counts of the
//! shared UD English EWT training file (skipped when the shared folder is
//! absent, unless `EVENTGRAPH_REQUIRE_SHARED=1`).

mod common;

use eventgraph::syntax::conllu::{read_conllu, write_conllu, ConlluError, Row, RowId, Sentence};
use eventgraph::syntax::Upos;
use proptest::prelude::*;

fn field() -> impl Strategy<Value = String> {
    // Any text without tab or line break, not empty; spaces allowed.
    "[^\t\r\n]{1,6}"
}

fn upos() -> impl Strategy<Value = Option<Upos>> {
    prop_oneof![Just(None), (0..17usize).prop_map(|i| Some(Upos::ALL[i]))]
}

fn row_fields() -> impl Strategy<
    Value = (
        String,
        String,
        Option<Upos>,
        String,
        String,
        String,
        String,
        String,
    ),
> {
    (
        field(),
        field(),
        upos(),
        field(),
        field(),
        field(),
        field(),
        field(),
    )
}

fn sentence() -> impl Strategy<Value = Sentence> {
    (
        prop::collection::vec("[^\r\n]{0,8}", 0..3),
        prop::collection::vec((row_fields(), 0..4u8), 1..8),
    )
        .prop_flat_map(|(comments, words)| {
            let n = words.len();
            let heads = prop::collection::vec(prop_oneof![Just(None), (0..=n).prop_map(Some)], n);
            (Just(comments), Just(words), heads)
        })
        .prop_map(|(comments, words, heads)| {
            let n = words.len();
            let mut tokens = Vec::new();
            for (i, ((f, extra), head)) in words.into_iter().zip(heads).enumerate() {
                let id = i + 1;
                let make = |id: RowId, head: Option<usize>| Row {
                    id,
                    form: f.0.clone(),
                    lemma: f.1.clone(),
                    upos: f.2,
                    xpos: f.3.clone(),
                    feats: f.4.clone(),
                    head,
                    deprel: f.5.clone(),
                    deps: f.6.clone(),
                    misc: f.7.clone(),
                };
                if extra == 1 && id < n {
                    tokens.push(make(RowId::Range(id, id + 1), None));
                }
                // A word may not be its own head.
                let head = head.filter(|&h| h != id);
                tokens.push(make(RowId::Word(id), head));
                if extra == 2 {
                    tokens.push(make(RowId::Empty(id, 1), None));
                }
            }
            Sentence {
                comments: comments.into_iter().map(|c| format!("#{c}")).collect(),
                tokens,
            }
        })
}

proptest! {
    #[test]
    fn round_trip(sentences in prop::collection::vec(sentence(), 0..5)) {
        let mut out = Vec::new();
        write_conllu(&mut out, &sentences).unwrap();
        let back = read_conllu("gen.conllu", out.as_slice()).unwrap();
        prop_assert_eq!(&back, &sentences);
        let mut again = Vec::new();
        write_conllu(&mut again, &back).unwrap();
        prop_assert_eq!(again, out);
    }
}

fn error(text: &str) -> (String, usize, usize, String) {
    match read_conllu("bad.conllu", text.as_bytes()) {
        Err(ConlluError::Syntax {
            file,
            line,
            column,
            message,
        }) => (file, line, column, message),
        other => panic!("expected a syntax error for {text:?}, got {other:?}"),
    }
}

const GOOD: &str = "1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n";

#[test]
fn malformed_lines() {
    // Wrong column count: 9 columns.
    let (file, line, column, message) =
        error(&format!("{GOOD}2\tran\trun\tVERB\tVBD\t_\t0\troot\t_\n\n"));
    assert_eq!((file.as_str(), line), ("bad.conllu", 2));
    assert_eq!(column, 30);
    assert!(
        message.contains("expected 10 tab-separated columns, but found 9"),
        "{message}"
    );
    // Eleven columns: the column of the extra one.
    let (_, line, column, _) = error(&format!(
        "{GOOD}2\tran\trun\tVERB\tVBD\t_\t0\troot\t_\t_\tx\n\n"
    ));
    assert_eq!((line, column), (2, 33));
    // Bad id.
    let (_, line, column, message) = error(&format!(
        "{GOOD}two\tran\trun\tVERB\tVBD\t_\t0\troot\t_\t_\n\n"
    ));
    assert_eq!((line, column), (2, 1));
    assert!(message.contains("expected an ID"), "{message}");
    // Out-of-order id.
    let (_, line, _, message) = error(&format!(
        "{GOOD}3\tran\trun\tVERB\tVBD\t_\t0\troot\t_\t_\n\n"
    ));
    assert_eq!(line, 2);
    assert!(message.contains("expected word ID 2"), "{message}");
    // Bad head: not a number, then beyond the sentence.
    let (_, line, column, message) = error(&format!(
        "{GOOD}2\tran\trun\tVERB\tVBD\t_\tx\troot\t_\t_\n\n"
    ));
    assert_eq!((line, column), (2, 22));
    assert!(message.contains("expected HEAD"), "{message}");
    let (_, line, column, message) = error(&format!(
        "{GOOD}2\tran\trun\tVERB\tVBD\t_\t9\troot\t_\t_\n\n"
    ));
    assert_eq!((line, column), (2, 22));
    assert!(message.contains("between 0 and 2"), "{message}");
    // Bad UPOS.
    let (_, line, column, message) = error(&format!(
        "{GOOD}2\tran\trun\tVRB\tVBD\t_\t0\troot\t_\t_\n\n"
    ));
    assert_eq!((line, column), (2, 11));
    assert!(message.contains("UPOS"), "{message}");
    // Empty field.
    let (_, line, column, _) = error(&format!("{GOOD}2\t\trun\tVERB\tVBD\t_\t0\troot\t_\t_\n\n"));
    assert_eq!((line, column), (2, 3));
    // The Display form names file:line:column.
    let err = read_conllu("bad.conllu", "1\tx\n".as_bytes()).unwrap_err();
    assert!(err.to_string().starts_with("bad.conllu:1:4: "), "{err}");
}

#[test]
fn ewt_train_counts() {
    let Some(path) = common::shared("data/syntax/ud-english-ewt/en_ewt-ud-train.conllu") else {
        return;
    };
    let file = std::fs::File::open(&path).unwrap();
    let sentences =
        read_conllu(&path.display().to_string(), std::io::BufReader::new(file)).unwrap();
    assert_eq!(sentences.len(), 12_544);
    let words: usize = sentences.iter().map(Sentence::word_count).sum();
    assert_eq!(words, 204_577);
    // Lossless: writing gives the file back.
    let mut out = Vec::new();
    write_conllu(&mut out, &sentences).unwrap();
    let original = std::fs::read(&path).unwrap();
    assert!(
        out == original,
        "the written file differs from the original"
    );
}

/// A line that ends in several carriage returns (a file converted twice)
/// reads as the line without them, so what is written reads and writes
/// back to the same bytes (found by the `conllu` fuzz target).
#[test]
fn carriage_returns_before_a_newline_are_all_line_end() {
    let text = "# text = Hi\r\r\n1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\t_\r\r\r\n\r\n";
    let sentences = read_conllu("cr.conllu", text.as_bytes()).unwrap();
    let mut first = Vec::new();
    write_conllu(&mut first, &sentences).unwrap();
    assert_eq!(
        String::from_utf8(first.clone()).unwrap(),
        "# text = Hi\n1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\t_\n\n"
    );
    let again = read_conllu("cr.conllu", first.as_slice()).unwrap();
    let mut second = Vec::new();
    write_conllu(&mut second, &again).unwrap();
    assert_eq!(first, second);
}
