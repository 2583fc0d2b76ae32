//! The coder's constructions, one sentence each, on small dictionaries
//! written for these tests (invented names).

use super::*;
use crate::petrarch::{parse_dict_date, ActorDict, AgentDict, DiscardList, VerbDict};

const VERBS: &str = "\
&COIN
+CROWN
+SILVER_MARK

--- RESTORE [---] ---
RESTORE
- * TIES [064]

--- GIVE [070] ---
GIVE {GAVE GIVEN GIVING GIVES}
DONATE
- * &COIN [071]
- * UP_HOPE [011]
- REFUSED_TO_* [111]

--- CONDEMN [122] ---
CONDEMN
+CALL_OFF [160]

--- VISIT [042:043] ---
VISIT

--- AGREE [030] ---
AGREE
- % * [030:030]
- * WITH % [031]

--- CRITICIZE [121] ---
CRITICIZE

--- WARN [160] ---
WARN
- * (ABOUT +) [162]

--- BELIEVE [023] ---
BELIEVE

--- SAY [010] ---
SAY {SAID SAYS SAYING}

--- HOST [---] ---
HOST
- * + FOR TALKS [043]
";

const ACTORS: &str = "\
VALDOR [VAL]
+VALDORAN
KESTREL [KES]
NORLAND [NOR]
THE_OLD_KING
\t[KESGOV 20000101-20051231]
\t[KESELI]
TWIN_CITIES [TWA/TWB]
";

const AGENTS: &str = "\
FOREIGN_MINISTER [~GOVFRM]
GOVERNMENT [~GOV]
SOLDIER [~MIL]
RELIEF_AGENCY [NGO~]
LAWMAKER [~LEG]
PRESIDENT [~GOV]
OFFICIAL [~GOV]
";

const DISCARDS: &str = "CHESS OPEN\n+HAILSTORM\n";

fn coder() -> Coder {
    Coder::new(Dictionaries {
        verbs: VerbDict::parse(VERBS, "t.verbs").unwrap(),
        actors: ActorDict::parse(ACTORS, "t.actors").unwrap(),
        agents: AgentDict::parse(AGENTS, "t.agents").unwrap(),
        discards: DiscardList::parse(DISCARDS, "t.discards").unwrap(),
    })
}

fn codes(coder: &Coder, text: &str, date: Option<&str>) -> Vec<String> {
    let day = date.and_then(parse_dict_date);
    let mut out: Vec<String> = coder
        .code_text(text, day)
        .into_iter()
        .flat_map(|s| s.codings)
        .map(|c| format!("{}/{}/{}", c.source, c.target, c.code))
        .collect();
    out.sort();
    out
}

#[test]
fn constructions() {
    let coder = coder();
    let cases: &[(&str, &[&str])] = &[
        // subject, object, the verb's code
        ("Valdor condemned Kestrel.", &["VAL/KES/122"]),
        // subject of the clause an xcomp complements; target inside the object
        (
            "Valdor is about to restore ties with Kestrel.",
            &["VAL/KES/064"],
        ),
        // null block code and no pattern: no event
        ("Valdor is about to restore the old railway.", &[]),
        // a synonym set with its plural; the target in an oblique
        (
            "Valdor gave two thousand crowns to Kestrel.",
            &["VAL/KES/071"],
        ),
        ("Valdor gave grain to Kestrel.", &["VAL/KES/070"]),
        // an irregular form given in {...}
        ("Valdor will donate grain to Kestrel.", &["VAL/KES/070"]),
        // `_`: words right after each other
        ("Valdor gave up hope.", &["VAL/---/011"]),
        ("Valdor gave up all hope.", &["VAL/---/070"]),
        // words before the verb, in the clause it complements
        (
            "Valdor refused to give Kestrel any grain.",
            &["VAL/KES/111"],
        ),
        // agents after a possessive; a code pair source->target, target->source
        (
            "Valdor's foreign minister visited Kestrel.",
            &["KES/VALGOVFRM/043", "VALGOVFRM/KES/042"],
        ),
        // `%`: a compound actor coded with each other
        (
            "Valdor and Norland agree that the border should stay open.",
            &["NOR/VAL/030", "VAL/NOR/030"],
        ),
        // `%` after the verb: the compound is the target of the subject
        (
            "Valdor agrees with Kestrel and Norland on the border.",
            &["VAL/KES/031", "VAL/NOR/031"],
        ),
        // passive: the `by` phrase is the source
        ("Kestrel was criticized by Valdor.", &["VAL/KES/121"]),
        // compound subject and object: one coding per actor
        (
            "Valdor and Norland condemned Kestrel.",
            &["NOR/KES/122", "VAL/KES/122"],
        ),
        (
            "Valdor condemned Kestrel and Norland.",
            &["VAL/KES/122", "VAL/NOR/122"],
        ),
        // the subject of a complement clause is the target
        (
            "Valdor believes Kestrel and Norland can cope with the drought.",
            &["VAL/KES/023", "VAL/NOR/023"],
        ),
        // agent in a prepositional modifier's owner, `~` after the country
        (
            "Soldiers from Valdor condemned Kestrel.",
            &["VALMIL/KES/122"],
        ),
        (
            "Lawmakers in Valdor and Norland condemned Kestrel.",
            &["NORLEG/KES/122", "VALLEG/KES/122"],
        ),
        // agents coordinated share the actor that modifies one of them
        (
            "Lawmakers and officials in Valdor condemned Kestrel.",
            &["VALGOV/KES/122", "VALLEG/KES/122"],
        ),
        // `X~`: the agent code before the country
        (
            "The relief agency of Valdor condemned Kestrel.",
            &["NGOVAL/KES/122"],
        ),
        // an agent without a country
        ("The government condemned Kestrel.", &["---GOV/KES/122"]),
        // no target actor
        ("Valdor condemned the weather.", &["VAL/---/122"]),
        // an alias; a code naming two actors
        (
            "The Valdoran government condemned Kestrel.",
            &["VALGOV/KES/122"],
        ),
        (
            "The Twin Cities condemned Kestrel.",
            &["TWA/KES/122", "TWB/KES/122"],
        ),
        // `(P +)`: the target is the phrase of preposition P
        ("Valdor warned Norland about Kestrel.", &["VAL/KES/162"]),
        ("Valdor warned Norland.", &["VAL/NOR/160"]),
        // `+` in the middle of a pattern
        ("Valdor will host Kestrel for talks.", &["VAL/KES/043"]),
        ("Valdor will host Kestrel.", &[]),
        // a multi-word verb: the verb and the word right after it
        (
            "Valdor called off its talks with Kestrel.",
            &["VAL/KES/160"],
        ),
        // a verb not in the dictionary
        ("Valdor praised Kestrel.", &[]),
        // no named actor on either side, or no source: no event
        ("An official condemned the weather.", &[]),
        ("Kestrel was condemned.", &[]),
        // a title in the name's core ("Valdor President Arel")
        (
            "Valdor President Arel condemned Kestrel.",
            &["VALGOV/KES/122"],
        ),
        // the target in a subjectless clause continuing the verb's phrase
        (
            "Valdor condemned the decision, citing Kestrel.",
            &["VAL/KES/122"],
        ),
        // a target named but unknown: no event; a day is no actor
        ("Valdor restored ties with Zanthor.", &[]),
        ("Valdor condemned the decision on Monday.", &["VAL/---/122"]),
        // a report: coded with no target, unless what was said names
        // someone unknown
        (
            "Valdor said that the storm had damaged the bridge.",
            &["VAL/---/010"],
        ),
        ("Valdor said that Zanthor had damaged the bridge.", &[]),
        // the subject of the reported clause is the report's target
        (
            "Kestrel condemned Zanthor, a Valdor official said.",
            &["VALGOV/KES/010"],
        ),
        // a trailing reporting clause: what comes before its comma was
        // reported, and it names someone unknown
        (
            "Valdor is about to restore full ties with Zanthor almost two years \
             after Morvish crowds burned down its consulate, a senior Norland \
             official said on Tuesday.",
            &[],
        ),
        // a pronoun subject of a reported clause: the reporting subject
        (
            "Valdor said it would condemn Kestrel.",
            &["VAL/---/010", "VAL/KES/122"],
        ),
    ];
    let mut failures = Vec::new();
    for (text, expected) in cases {
        let got = codes(&coder, text, None);
        let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        want.sort();
        if got != want {
            failures.push(format!("{text}\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn roles_follow_the_date() {
    let coder = coder();
    let text = "The old king condemned Norland.";
    assert_eq!(codes(&coder, text, Some("20030101")), ["KESGOV/NOR/122"]);
    assert_eq!(codes(&coder, text, Some("20100101")), ["KESELI/NOR/122"]);
    assert_eq!(codes(&coder, text, None), ["KESELI/NOR/122"]);
}

#[test]
fn discards_stop_the_sentence_or_the_story() {
    let coder = coder();
    let sentence = coder.code_text(
        "Valdor condemned Kestrel at the chess open. Norland condemned Kestrel.",
        None,
    );
    assert_eq!(sentence.len(), 2);
    assert_eq!(sentence[0].discarded.as_deref(), Some("CHESS OPEN"));
    assert!(sentence[0].codings.is_empty());
    assert_eq!(sentence[1].codings.len(), 1);
    let story = coder.code_text(
        "Valdor condemned Kestrel. A hailstorm hit the valley.",
        None,
    );
    assert!(story.iter().all(|s| s.codings.is_empty()));
}

#[test]
fn agents_combine_once() {
    let gov = AgentCode {
        code: "GOV".into(),
        prefix: false,
    };
    let ngo = AgentCode {
        code: "NGO".into(),
        prefix: true,
    };
    assert_eq!(combine("VAL", &[&gov]), "VALGOV");
    assert_eq!(combine("VALGOV", &[&gov]), "VALGOV");
    assert_eq!(combine("VAL", &[&ngo, &gov]), "NGOVALGOV");
    assert_eq!(combine("---", &[&gov]), "---GOV");
}

#[test]
fn any_tree_is_safe() {
    // heads out of range, on the word itself, in a cycle: no panic
    let coder = coder();
    let parsed = Model::builtin().analyze_text("Valdor condemned Kestrel and Norland.");
    let base = parsed[0].clone();
    for heads in [
        [9, 0, 2, 7, 4, 99],
        [1, 2, 3, 4, 5, 6],
        [2, 3, 1, 0, 0, 1],
        [0; 6],
    ] {
        for rel in ["nsubj", "conj", "xcomp", "obj", "nmod", "compound", "ccomp"] {
            let mut sentence = base.clone();
            for (word, head) in sentence.words.iter_mut().zip(heads) {
                word.analysis.head = head;
                word.analysis.deprel = rel.to_string();
            }
            let _ = coder.code_analyzed(&sentence, None);
        }
    }
}

/// The words of `text`'s first sentence as the parser reads them, with
/// the reporting verb hung under `under` with relation `rel` and the word
/// `obj` made its object (the misattachment a long sentence can get).
fn misparsed(text: &str, verb: &str, under: &str, rel: &str, obj: &str) -> AnalyzedSentence {
    let mut sentence = Model::builtin().analyze_text(text).remove(0);
    let at = |form: &str| {
        sentence
            .words
            .iter()
            .position(|w| w.form == form)
            .unwrap_or_else(|| panic!("{form} not in {text}"))
    };
    let (v, h, o) = (at(verb), at(under), at(obj));
    sentence.words[v].analysis.head = h + 1;
    sentence.words[v].analysis.deprel = rel.to_string();
    sentence.words[o].analysis.head = v + 1;
    sentence.words[o].analysis.deprel = "obj".to_string();
    sentence
}

#[test]
fn trailing_report_reaches_back_to_its_comma() {
    let coder = coder();
    let coded = |s: &AnalyzedSentence| -> Vec<String> {
        let mut out: Vec<String> = coder
            .code_analyzed(s, None)
            .into_iter()
            .map(|c| format!("{}/{}/{}", c.source, c.target, c.code))
            .collect();
        out.sort();
        out
    };
    // "said" parsed as a complement of "burned", "consulate" its object:
    // the report still covers the words before its comma, and those name
    // someone unknown (Zanthor), so the report is not coded
    let unknown = misparsed(
        "Valdor restored ties with Zanthor after crowds burned its consulate, \
         a Norland official said on Tuesday.",
        "said",
        "burned",
        "ccomp",
        "consulate",
    );
    assert_eq!(coded(&unknown), Vec::<String>::new());
    // the same shape naming only known actors: the report is coded
    let known = misparsed(
        "Valdor restored ties with Kestrel after crowds burned its consulate, \
         a Norland official said on Tuesday.",
        "said",
        "burned",
        "ccomp",
        "consulate",
    );
    assert!(
        coded(&known).contains(&"NORGOV/---/010".to_string()),
        "{:?}",
        coded(&known)
    );
}
