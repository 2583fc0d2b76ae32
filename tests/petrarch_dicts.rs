//! The PETRARCH dictionary readers on the shared dictionaries (the suite's
//! toy ones and the Phoenix/CAMEO ones): they load, with the counts their
//! files hold; and no mutated dictionary line makes a reader panic, every
//! error naming the file and one of its lines.

mod common;

use eventgraph::petrarch::{
    ActorDict, AgentDict, Dictionaries, DictionaryFiles, DiscardList, VerbDict,
};
use proptest::prelude::*;

#[test]
fn phoenix_dictionaries_load() {
    let Some(dir) = common::shared("data/petrarch") else {
        return;
    };
    let files = DictionaryFiles {
        verbs: Some(dir.join("CAMEO.2.0.txt")),
        actors: vec![
            dir.join("Phoenix.Countries.actors.txt"),
            dir.join("Phoenix.International.actors.txt"),
            dir.join("Phoenix.MilNonState.actors.txt"),
        ],
        agents: Some(dir.join("Phoenix.agents.txt")),
        discards: Some(dir.join("Phoenix.discards.txt")),
    };
    let dicts = Dictionaries::load(&files, false).unwrap_or_else(|e| panic!("{e}"));
    // the shipped files hold a few bad lines: a strict read names the first
    let strict = Dictionaries::load(&files, true).unwrap_err().to_string();
    assert!(strict.contains("CAMEO.2.0.txt:"), "{strict}");
    let warnings: Vec<String> = dicts.warnings().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("Countries.actors.txt:") && w.contains("9008223")),
        "{warnings:?}"
    );
    assert!(warnings.len() < 60, "{}", warnings.len());
    assert!(
        dicts.verbs.blocks.len() > 300,
        "{}",
        dicts.verbs.blocks.len()
    );
    assert!(
        dicts.verbs.pattern_count() > 4000,
        "{}",
        dicts.verbs.pattern_count()
    );
    assert!(
        dicts.actors.entries.len() > 25_000,
        "{}",
        dicts.actors.entries.len()
    );
    assert!(dicts.agents.len() > 1000, "{}", dicts.agents.len());
    assert!(dicts.discards.phrases.len() > 300);
    let (_, lavrov) = dicts
        .actors
        .longest(&["SERGEI", "LAVROV"])
        .expect("an alias of the file");
    assert!(!lavrov.roles.is_empty());
}

#[test]
fn suite_dictionaries_load() {
    let Some(dir) = common::shared("data/petrarch") else {
        return;
    };
    let files = DictionaryFiles::in_folder(&dir).unwrap();
    assert!(files.verbs.as_ref().unwrap().ends_with("CAMEO.2.0.txt"));
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let verbs = VerbDict::parse(&read("PETR.Validate.verbs.txt"), "verbs").unwrap();
    assert!(verbs.lookup("ABANDON", "").is_some());
    let actors = ActorDict::parse(&read("PETR.Validate.actors.txt"), "actors").unwrap();
    assert!(actors.longest(&["MINAS", "TIRITH"]).is_some());
    AgentDict::parse(&read("PETR.Validate.agents.txt"), "agents").unwrap();
    DiscardList::parse(&read("PETR.Validate.discards.txt"), "discards").unwrap();
}

/// Lines of every kind the readers see, for the mutations to start from.
const SEEDS: &[&str] = &[
    "--- MEET [040] ---",
    "MEET {MET MEETING} [041]",
    "- $ * (WITH +) {JOINT TALKS} [043:044]",
    "- SAID_* &SET_ ^ % [010]",
    "&SET_",
    "+GOLD_PIECES_",
    "VALDOR [VAL] # c",
    "+THE_OLD_KING",
    "\t[KESGOV 20000101-20051231]",
    "\t[KES <991231] [XYZ >050101]",
    "!PERSON! = MAN, WOMAN",
    "GUILD!PERSON! {} [~LAB]",
    "RELIEF_BODY [NGO~]",
    "<!-- a comment -->",
    "+CHESS OPEN",
];

fn mutate(line: &str, ops: &[(u8, usize, char)]) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    for &(op, at, c) in ops {
        let at = if chars.is_empty() {
            0
        } else {
            at % (chars.len() + 1)
        };
        match op % 3 {
            0 => chars.insert(at, c),
            1 if at < chars.len() => {
                chars.remove(at);
            }
            _ if at < chars.len() => chars[at] = c,
            _ => {}
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn mutated_lines_never_panic(
        picks in proptest::collection::vec((0..SEEDS.len(), proptest::collection::vec((0u8..3, 0usize..64, prop_oneof![
            Just('['), Just(']'), Just('{'), Just('}'), Just('('), Just(')'), Just('*'), Just('$'),
            Just('+'), Just('%'), Just('^'), Just('&'), Just('~'), Just('!'), Just('<'), Just('>'),
            Just('-'), Just('_'), Just(' '), Just('\t'), Just('#'), Just('0'), Just('9'), Just(':'),
            Just('/'), Just('A'), Just('é'), Just('\n'), Just('='), Just(',')
        ]), 0..6)), 1..12)
    ) {
        let text: String = picks
            .iter()
            .map(|(i, ops)| mutate(SEEDS[*i], ops) + "\n")
            .collect();
        // an error names the file and a line of it
        let lines = text.lines().count().max(1);
        let errors = [
            VerbDict::parse(&text, "m.verbs").err(),
            ActorDict::parse(&text, "m.actors").err(),
            AgentDict::parse(&text, "m.agents").err(),
            DiscardList::parse(&text, "m.discards").err(),
        ];
        for e in errors.into_iter().flatten() {
            prop_assert!((1..=lines).contains(&e.line), "{e} ({lines} lines)");
            prop_assert!(e.to_string().starts_with(&format!("{}:{}: expected ", e.file, e.line)), "{e}");
            prop_assert!(e.file.starts_with("m."), "{e}");
        }
    }
}
