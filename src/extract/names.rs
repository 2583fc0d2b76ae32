//! Guards on capitalised words that look like a person's name but are not
//! one: a given name alone ("John" with no John of the document), the name
//! of an event or occasion ("the Cold War", "Mass", "the Final Phase") and
//! a place named by its kind ("Camp David", "Fort Knox", "Lake Chad").

use crate::lexicon::{EntryKind, Lexicon};
use std::collections::HashSet;
use std::sync::OnceLock;

/// What a capitalised name that is no known person stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NameClass {
    /// Possibly a person.
    Person,
    /// An event, an occasion or a rite: nobody.
    Event,
    /// A place named by its kind: a place, nobody.
    Place,
}

/// Last words that make a capitalised phrase the name of an event,
/// occasion or agreement ("Korean War", "Arab Spring", "Jewish Sabbath").
const EVENT_HEADS: &[&str] = &[
    "war",
    "wars",
    "summit",
    "games",
    "olympics",
    "cup",
    "conference",
    "accord",
    "accords",
    "agreement",
    "treaty",
    "revolution",
    "crisis",
    "sabbath",
    "day",
    "festival",
    "phase",
    "talks",
    "process",
    "declaration",
    "protocol",
    "memorandum",
    "convention",
    "initiative",
    "doctrine",
    "uprising",
    "spring",
    "massacre",
    "election",
    "elections",
    "referendum",
    "offensive",
    "award",
    "prize",
    "mass",
    "holocaust",
    "intifada",
];

/// One-word names of rites and feasts.
const RITES: &[&str] = &[
    "mass",
    "easter",
    "christmas",
    "ramadan",
    "sabbath",
    "eid",
    "hajj",
    "passover",
    "diwali",
    "advent",
    "lent",
    "vespers",
    "liturgy",
    "communion",
    "eucharist",
    "hanukkah",
    "thanksgiving",
];

/// First words that make a capitalised phrase a place named by its kind.
const PLACE_KINDS: &[&str] = &[
    "camp", "fort", "mount", "mt", "lake", "cape", "port", "isle", "gulf",
];

/// What the capitalised words `words` (lowercase) name, when no known
/// person has that name.
pub(super) fn name_class(words: &[&str]) -> NameClass {
    let bare = |w: &str| w.trim_end_matches('.').to_string();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return NameClass::Person;
    };
    if words.len() == 1 && RITES.contains(&bare(first).as_str()) {
        return NameClass::Event;
    }
    if words.len() >= 2 && PLACE_KINDS.contains(&bare(first).as_str()) {
        return NameClass::Place;
    }
    if words.len() >= 2 && EVENT_HEADS.contains(&bare(last).as_str()) {
        return NameClass::Event;
    }
    NameClass::Person
}

/// Countries whose people's names put the family name first: their first
/// word is no given name.
const FAMILY_NAME_FIRST: &[&str] = &["CN", "TW", "HK", "MO", "KR", "KP", "VN", "KH", "SG"];

fn given_names_of(lex: &Lexicon) -> HashSet<String> {
    let mut first: HashSet<String> = HashSet::new();
    let mut last: HashSet<String> = HashSet::new();
    for e in lex.entries() {
        if e.kind != EntryKind::Person {
            continue;
        }
        let family_first = e
            .country
            .as_deref()
            .is_some_and(|c| FAMILY_NAME_FIRST.contains(&c));
        for name in std::iter::once(&e.canonical).chain(&e.aliases) {
            let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
            if words.len() < 2 {
                continue;
            }
            if let Some(w) = words.last() {
                last.insert(w.clone());
            }
            if family_first {
                last.insert(words[0].clone());
            } else {
                first.insert(words[0].clone());
            }
        }
    }
    first.retain(|w| !last.contains(w) && w.chars().count() > 2 && !w.contains('.'));
    first
}

/// Whether `word` (lowercase) is a given name: the first name of people in
/// the lexicon and never their family name.
pub(super) fn is_given_name(lex: &Lexicon, word: &str) -> bool {
    static BUILTIN: OnceLock<HashSet<String>> = OnceLock::new();
    if std::ptr::eq(lex, Lexicon::builtin()) {
        BUILTIN.get_or_init(|| given_names_of(lex)).contains(word)
    } else {
        given_names_of(lex).contains(word)
    }
}

/// Name parts that follow a name and may be left out ("John Paul" for
/// "John Paul II"), as `normalize_name` writes them.
pub(super) const GENERATIONAL: &[&str] = &["ii", "iii", "iv", "v", "jr", "sr", "junior", "senior"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_and_places_are_no_people() {
        assert_eq!(name_class(&["korean", "war"]), NameClass::Event);
        assert_eq!(name_class(&["cold", "war"]), NameClass::Event);
        assert_eq!(name_class(&["mass"]), NameClass::Event);
        assert_eq!(name_class(&["camp", "david"]), NameClass::Place);
        assert_eq!(name_class(&["fort", "sumter"]), NameClass::Place);
        assert_eq!(name_class(&["jane", "day"]), NameClass::Event);
        assert_eq!(name_class(&["ada", "okafor"]), NameClass::Person);
        assert_eq!(name_class(&["camp"]), NameClass::Person);
    }

    #[test]
    fn given_names() {
        let lex = Lexicon::builtin();
        assert!(is_given_name(lex, "john"));
        assert!(!is_given_name(lex, "lavrov"));
        // a family name written first is no given name
        assert!(!is_given_name(lex, "xi"));
        assert_eq!(crate::model::normalize_name("John Paul II"), "john paul ii");
        assert_eq!(
            crate::model::normalize_name("Olaf Brenn Jr."),
            "olaf brenn jr"
        );
    }
}
