//! The CAMEO verb dictionary (`data/petrarch/CAMEO.2.0.txt`) and the
//! project's selection of its verbs (`data/cameo_triggers.tsv`), each read
//! once; the matching of a verb is `extract::cameo`.

use crate::model::EventKind;
use crate::petrarch::{VerbDict, VerbRef};
use std::collections::HashMap;
use std::sync::OnceLock;

const CAMEO_VERBS: &str = include_str!("../../data/petrarch/CAMEO.2.0.txt");
const OWN_CHANGES: &str = include_str!("../../data/cameo_triggers.tsv");

/// The project's change to the dictionary for one lemma.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Change {
    /// The lemma is a trigger with the dictionary's code: its block's
    /// patterns, else the verb's own code.
    Dict,
    /// The lemma is never a trigger (a verb too general to report an event).
    Drop,
    /// The lemma is a trigger with this code whatever the dictionary says.
    Code(String),
}

/// The project's selection: lemma → change. Each line of
/// `data/cameo_triggers.tsv` is `lemma<TAB>dict, a code or -<TAB>reason`.
pub(super) fn parse_changes(src: &str) -> Result<HashMap<String, Change>, String> {
    let mut out = HashMap::new();
    for (n, line) in src.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 3 || cols[2].trim().is_empty() {
            return Err(format!(
                "cameo_triggers.tsv line {}: expected lemma, code and reason (3 tab-separated columns), found {}",
                n + 1,
                cols.len()
            ));
        }
        let lemma = cols[0].trim().to_lowercase();
        let change = match cols[1].trim() {
            "-" => Change::Drop,
            "dict" => Change::Dict,
            code if EventKind::from_cameo(code).is_some() => Change::Code(code.to_string()),
            other => {
                return Err(format!(
                    "cameo_triggers.tsv line {}: field 'code': {other:?} is not a CAMEO event code",
                    n + 1
                ))
            }
        };
        out.insert(lemma, change);
    }
    Ok(out)
}

/// The CAMEO verb dictionary, read once (empty if it does not read).
pub(super) fn verbs() -> &'static VerbDict {
    static V: OnceLock<VerbDict> = OnceLock::new();
    V.get_or_init(|| {
        VerbDict::parse(CAMEO_VERBS, "data/petrarch/CAMEO.2.0.txt").unwrap_or_default()
    })
}

/// The project's changes, read once (none if the file does not read; a
/// unit test checks that it does).
pub(super) fn changes() -> &'static HashMap<String, Change> {
    static C: OnceLock<HashMap<String, Change>> = OnceLock::new();
    C.get_or_init(|| parse_changes(OWN_CHANGES).unwrap_or_default())
}

/// The dictionary entries (block and code) of the lemmas the project
/// takes from it, with the dictionary's code or a code of its own (the
/// dictionary still gives the inflections: "bars", "barred").
fn listed_refs() -> &'static Vec<VerbRef> {
    static R: OnceLock<Vec<VerbRef>> = OnceLock::new();
    R.get_or_init(|| {
        let mut lemmas: Vec<&String> = changes()
            .iter()
            .filter(|(_, c)| matches!(c, Change::Dict | Change::Code(_)))
            .map(|(l, _)| l)
            .collect();
        lemmas.sort();
        lemmas
            .into_iter()
            .filter_map(|l| {
                let upper = l.to_uppercase();
                verbs().lookup(&upper, &upper).cloned()
            })
            .collect()
    })
}

/// Whether a lower-case word may be a verb the project takes from the
/// dictionary (a listed lemma, or a form the dictionary gives one): the
/// sentence holding it is worth parsing.
pub(super) fn could_be_verb(lower: &str) -> bool {
    match changes().get(lower) {
        Some(Change::Drop) => return false,
        Some(_) => return true,
        None => {}
    }
    let upper = lower.to_uppercase();
    verbs()
        .lookup(&upper, &upper)
        .is_some_and(|r| listed_refs().contains(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_changes_parse() {
        let c = parse_changes(OWN_CHANGES).unwrap();
        assert!(!c.is_empty());
    }

    #[test]
    fn bad_change_lines_are_reported() {
        let e = parse_changes("meet\t044\n").unwrap_err();
        assert!(e.contains("line 1"), "{e}");
        let e = parse_changes("# c\nmeet\t9x9\tbecause\n").unwrap_err();
        assert!(e.contains("line 2") && e.contains("code"), "{e}");
        assert_eq!(
            parse_changes("go\t-\ttoo general\n").unwrap().get("go"),
            Some(&Change::Drop)
        );
    }

    #[test]
    fn the_dictionary_reads() {
        assert!(verbs().verb_count() > 1000);
        assert!(could_be_verb("ban"));
        assert!(could_be_verb("banned"));
        assert!(could_be_verb("struck"));
        // a lemma with a code of the project's own: its inflections too
        assert!(could_be_verb("bars"));
        assert!(could_be_verb("barred"));
        assert!(!could_be_verb("table"));
        assert!(!could_be_verb("expect"));
    }
}
