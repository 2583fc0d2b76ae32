//! The syntax model: deterministic training on a tiny treebank written for
//! this test, the model file round trip, no panic on arbitrary input, raw
//! text analysis, and a table of constructions the event extractor relies
//! on, parsed by the shipped model (sentences written for this test).

use eventgraph::syntax::conllu::read_conllu;
use eventgraph::syntax::{train_model, Analysis, Model, TrainOptions, Upos};
use proptest::prelude::*;

const TINY: &str = include_str!("fixtures/syntax/tiny.conllu");

fn tiny_options() -> TrainOptions {
    let mut options = TrainOptions::default();
    options.tagger.epochs = 3;
    options.parser.epochs = 3;
    options.jackknife = 2;
    options
}

fn train_bytes() -> Vec<u8> {
    let sentences = read_conllu("tiny.conllu", TINY.as_bytes()).unwrap();
    let model = train_model(&sentences, &sentences[..2], &tiny_options(), &mut |_| {});
    let mut bytes = Vec::new();
    model.write_to(&mut bytes).unwrap();
    bytes
}

#[test]
fn training_is_deterministic() {
    let first = train_bytes();
    let second = train_bytes();
    assert!(first.len() > 100);
    assert!(first == second, "two trainings gave different model bytes");
    // Reading and writing again gives the same bytes.
    let model = Model::from_bytes(&first).unwrap();
    let mut again = Vec::new();
    model.write_to(&mut again).unwrap();
    assert!(again == first, "a read model writes different bytes");
    // Parameter mixing (three parsers of different seeds) is deterministic
    // too.
    let mixed = || {
        let sentences = read_conllu("tiny.conllu", TINY.as_bytes()).unwrap();
        let mut options = tiny_options();
        options.parser_mix_seeds = vec![1, 2];
        let model = train_model(&sentences, &sentences[..2], &options, &mut |_| {});
        let mut bytes = Vec::new();
        model.write_to(&mut bytes).unwrap();
        bytes
    };
    let mixed_first = mixed();
    assert!(mixed_first == mixed(), "two mixed trainings differ");
    assert!(
        mixed_first != first,
        "the mixture is the first parser alone"
    );
    // The tagger's optional feature (previous tag + word flags + last
    // letter) is trained deterministically, kept by the file and changes
    // the tagger.
    let flagged = || {
        let sentences = read_conllu("tiny.conllu", TINY.as_bytes()).unwrap();
        let mut options = tiny_options();
        options.tagger.prev_tag_flags = true;
        let model = train_model(&sentences, &sentences[..2], &options, &mut |_| {});
        let mut bytes = Vec::new();
        model.write_to(&mut bytes).unwrap();
        bytes
    };
    let flagged_first = flagged();
    assert!(
        flagged_first == flagged(),
        "two trainings with the tagger feature differ"
    );
    assert!(flagged_first != first, "the tagger feature changes nothing");
    let mut again = Vec::new();
    Model::from_bytes(&flagged_first)
        .unwrap()
        .write_to(&mut again)
        .unwrap();
    assert!(
        again == flagged_first,
        "the tagger feature is lost on reading"
    );
    // The tiny model analyses its own words.
    let out = model.analyze(&["The", "minister", "met", "the", "president", "."]);
    assert_eq!(out.len(), 6);
    assert!(out.iter().all(|a| a.head <= 6));
    assert_eq!(out[1].lemma, "minister");
}

#[test]
fn corrupt_models_are_errors() {
    let bytes = train_bytes();
    assert!(Model::from_bytes(b"not a model").is_err());
    assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    let mut bad = bytes.clone();
    bad[8] = 99; // the version
    let err = Model::from_bytes(&bad).unwrap_err().to_string();
    assert!(err.contains("version"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_panic_on_arbitrary_text(text in "\\PC{0,200}") {
        let model = Model::builtin();
        for sentence in model.analyze_text(&text) {
            let n = sentence.words.len();
            prop_assert!(n > 0);
            for word in &sentence.words {
                prop_assert!(word.analysis.head <= n);
                prop_assert_eq!(&text[word.span.start..word.span.end], word.form.as_str());
            }
        }
    }

    #[test]
    fn no_panic_on_arbitrary_words(words in prop::collection::vec("\\PC{1,12}", 0..60)) {
        let forms: Vec<&str> = words.iter().map(String::as_str).collect();
        let out = Model::builtin().analyze(&forms);
        prop_assert_eq!(out.len(), forms.len());
        for a in &out {
            prop_assert!(a.head <= forms.len());
            prop_assert!(!a.deprel.is_empty());
        }
    }
}

#[test]
fn long_sentences_are_bounded() {
    let words: Vec<String> = (0..450).map(|i| format!("w{i}")).collect();
    let forms: Vec<&str> = words.iter().map(String::as_str).collect();
    let out = Model::builtin().analyze(&forms);
    assert_eq!(out.len(), 450);
    assert!(out.iter().all(|a| a.head <= 450));
}

#[test]
fn raw_text_is_split_and_analysed() {
    let text = "The ministers didn't meet on Monday. They will meet again in Geneva.";
    let sentences = Model::builtin().analyze_text(text);
    assert_eq!(sentences.len(), 2);
    let forms: Vec<&str> = sentences[0].words.iter().map(|w| w.form.as_str()).collect();
    assert_eq!(
        forms,
        [
            "The",
            "ministers",
            "did",
            "n't",
            "meet",
            "on",
            "Monday",
            "."
        ]
    );
    let a = &sentences[0].words;
    assert_eq!(a[1].analysis.lemma, "minister");
    assert_eq!(a[2].analysis.lemma, "do");
    assert_eq!(a[3].analysis.lemma, "not");
    assert_eq!(a[6].analysis.upos, Upos::Propn);
}

/// The analysis of a sentence given as space-separated words.
fn parse(sentence: &str) -> (Vec<&str>, Vec<Analysis>) {
    let forms: Vec<&str> = sentence.split(' ').collect();
    let out = Model::builtin().analyze(&forms);
    (forms, out)
}

/// Checks that `dependent` hangs from `head` ("ROOT" for the root) with
/// `relation`; returns a description of the mismatch otherwise.
fn check(sentence: &str, dependent: &str, relation: &str, head: &str) -> Result<(), String> {
    let (forms, out) = parse(sentence);
    let i = forms
        .iter()
        .position(|f| *f == dependent)
        .ok_or(format!("no word '{dependent}' in '{sentence}'"))?;
    let got_head = match out[i].head {
        0 => "ROOT",
        h => forms[h - 1],
    };
    if got_head == head && out[i].deprel == relation {
        Ok(())
    } else {
        let tree: Vec<String> = forms
            .iter()
            .zip(&out)
            .map(|(f, a)| format!("{f}/{}<-{}:{}", a.upos, a.head, a.deprel))
            .collect();
        Err(format!(
            "'{sentence}': expected {dependent} --{relation}--> {head}, got {dependent} --{}--> {got_head}\n  {}",
            out[i].deprel,
            tree.join(" ")
        ))
    }
}

#[test]
fn constructions() {
    // (sentence, dependent, relation, head)
    let table: &[(&str, &str, &str, &str)] = &[
        // Passive with an agent.
        (
            "The village was destroyed by the rebels .",
            "village",
            "nsubj:pass",
            "destroyed",
        ),
        (
            "The village was destroyed by the rebels .",
            "rebels",
            "obl:agent",
            "destroyed",
        ),
        // Coordinated subjects.
        (
            "Russia and China signed the agreement .",
            "Russia",
            "nsubj",
            "signed",
        ),
        (
            "Russia and China signed the agreement .",
            "China",
            "conj",
            "Russia",
        ),
        // Coordinated objects.
        (
            "The police arrested the mayor and his deputy .",
            "mayor",
            "obj",
            "arrested",
        ),
        (
            "The police arrested the mayor and his deputy .",
            "deputy",
            "conj",
            "mayor",
        ),
        // Apposition with a title.
        (
            "Maria Lopez , the foreign minister , arrived in Paris .",
            "minister",
            "appos",
            "Maria",
        ),
        (
            "Maria Lopez , the foreign minister , arrived in Paris .",
            "Maria",
            "nsubj",
            "arrived",
        ),
        // Relative clause.
        (
            "The soldiers who attacked the base were arrested .",
            "attacked",
            "acl:relcl",
            "soldiers",
        ),
        // "X and Y met".
        ("Putin and Xi met in Beijing .", "Putin", "nsubj", "met"),
        ("Putin and Xi met in Beijing .", "Xi", "conj", "Putin"),
        // "talks between X and Y".
        (
            "Talks between Israel and Hamas resumed on Sunday .",
            "Israel",
            "nmod",
            "Talks",
        ),
        (
            "Talks between Israel and Hamas resumed on Sunday .",
            "Hamas",
            "conj",
            "Israel",
        ),
        (
            "Talks between Israel and Hamas resumed on Sunday .",
            "Talks",
            "nsubj",
            "resumed",
        ),
        // Reported speech.
        (
            "The minister said that the army would withdraw .",
            "withdraw",
            "ccomp",
            "said",
        ),
        (
            "The minister said that the army would withdraw .",
            "minister",
            "nsubj",
            "said",
        ),
        (
            "The minister said that the army would withdraw .",
            "army",
            "nsubj",
            "withdraw",
        ),
        // "plan to" / "hope to" with an xcomp.
        (
            "The government planned to build a new port .",
            "build",
            "xcomp",
            "planned",
        ),
        (
            "The government planned to build a new port .",
            "port",
            "obj",
            "build",
        ),
        (
            "They hope to reach an agreement .",
            "reach",
            "xcomp",
            "hope",
        ),
        // Negation.
        (
            "The president did not attend the summit .",
            "not",
            "advmod",
            "attend",
        ),
        (
            "The president did not attend the summit .",
            "summit",
            "obj",
            "attend",
        ),
        (
            "The president did not attend the summit .",
            "president",
            "nsubj",
            "attend",
        ),
    ];
    let failures: Vec<String> = table
        .iter()
        .filter_map(|(s, d, r, h)| check(s, d, r, h).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} relations wrong:\n{}",
        failures.len(),
        table.len(),
        failures.join("\n")
    );
}
