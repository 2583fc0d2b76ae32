//! The extraction's own word lists: event triggers (`data/triggers.tsv`),
//! person titles (`data/titles.txt`), and small closed classes of English
//! (function words, organisation head nouns, name particles).

#![warn(clippy::too_many_lines)]

use crate::model::EventKind;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How a trigger's participants are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Frame {
    /// A speaker: the subject, or the name right after an inverted "said".
    Say,
    /// Source = the subject before the trigger, target = the object after it.
    Svo,
    /// Every participant: the subject group and "with"/"between"/object.
    Meet,
    /// As `Meet`, for phone calls.
    Call,
    /// Visitor = the subject (or "by X"), host = the destination actor.
    Visit,
    /// Host = the subject (target role), guest = the object (source role).
    Host,
    /// A noun: participants from possessives, "between", "with", "by", "of".
    Noun,
}

/// One trigger phrase.
#[derive(Debug, Clone)]
pub(super) struct Trigger {
    /// The phrase's lowercase words, matched on consecutive tokens.
    pub words: Vec<String>,
    /// The event kind the phrase reports.
    pub kind: EventKind,
    /// The CAMEO code; `None` where the table has `-`.
    pub cameo: Option<String>,
    /// How the participants are read.
    pub frame: Frame,
    /// Only as a verb (a form written `word/v`): a base form that is also
    /// a common noun ("state", "sign").
    pub verb_only: bool,
    /// Only as a noun (a form written `word/n`): a noun whose verb is
    /// another word ("deal with" a problem is no deal, "accorded"
    /// importance no accord, "rallied" support no rally).
    pub noun_only: bool,
}

/// The trigger lexicon, indexed by first word.
#[derive(Debug, Default)]
pub(super) struct Triggers {
    /// Every trigger phrase, in table order.
    pub all: Vec<Trigger>,
    /// First word → trigger indexes, longest phrase first.
    pub by_first: HashMap<String, Vec<usize>>,
}

/// A title phrase.
#[derive(Debug, Clone)]
pub(super) struct Title {
    /// The title's lowercase words.
    pub words: Vec<String>,
    /// A plural form ("presidents"), marked `*` in the list.
    pub plural: bool,
}

/// Titles indexed by first word.
#[derive(Debug, Default)]
pub(super) struct Titles {
    /// Every title, in list order.
    pub all: Vec<Title>,
    /// First word → title indexes, longest title first.
    pub by_first: HashMap<String, Vec<usize>>,
}

const TRIGGERS_TSV: &str = include_str!("../../data/triggers.tsv");
const TITLES_TXT: &str = include_str!("../../data/titles.txt");

fn parse_frame(s: &str) -> Option<Frame> {
    Some(match s {
        "say" => Frame::Say,
        "svo" => Frame::Svo,
        "meet" => Frame::Meet,
        "call" => Frame::Call,
        "visit" => Frame::Visit,
        "host" => Frame::Host,
        "noun" => Frame::Noun,
        _ => return None,
    })
}

/// Parses a trigger table (see `data/triggers.tsv` for the columns). Blank
/// lines and `#` comments are skipped. The error names the line and field.
pub(super) fn parse_triggers(src: &str) -> Result<Triggers, String> {
    let mut t = Triggers::default();
    for (n, line) in src.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 4 {
            return Err(format!(
                "triggers.tsv line {}: expected 4 tab-separated columns, but found {}",
                n + 1,
                cols.len()
            ));
        }
        let kind: EventKind = cols[1]
            .parse()
            .map_err(|e| format!("triggers.tsv line {}: field 'kind': {e}", n + 1))?;
        let cameo = (cols[2] != "-").then(|| cols[2].to_string());
        let frame = parse_frame(cols[3]).ok_or_else(|| {
            format!(
                "triggers.tsv line {}: field 'frame': unknown frame {:?}",
                n + 1,
                cols[3]
            )
        })?;
        for form in cols[0].split('|') {
            let form = form.trim();
            let (form, verb_only, noun_only) = if let Some(f) = form.strip_suffix("/v") {
                (f, true, false)
            } else if let Some(f) = form.strip_suffix("/n") {
                (f, false, true)
            } else {
                (form, false, false)
            };
            let words: Vec<String> = form.split_whitespace().map(str::to_string).collect();
            if words.is_empty() {
                continue;
            }
            t.all.push(Trigger {
                words,
                kind,
                cameo: cameo.clone(),
                frame,
                verb_only,
                noun_only,
            });
        }
    }
    for (i, tr) in t.all.iter().enumerate() {
        t.by_first.entry(tr.words[0].clone()).or_default().push(i);
    }
    for v in t.by_first.values_mut() {
        let all = &t.all;
        v.sort_by_key(|&i| std::cmp::Reverse(all[i].words.len()));
    }
    Ok(t)
}

/// Parses the title list: one title per line, lowercase, a trailing `*` for
/// a plural; blank lines and `#` comments are skipped.
pub(super) fn parse_titles(src: &str) -> Titles {
    let mut t = Titles::default();
    for line in src.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let plural = line.ends_with('*');
        let words = line
            .trim_end_matches('*')
            .split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>();
        if words.is_empty() {
            // a line of only "*" names no title
            continue;
        }
        t.all.push(Title { words, plural });
    }
    for (i, tt) in t.all.iter().enumerate() {
        t.by_first.entry(tt.words[0].clone()).or_default().push(i);
    }
    for v in t.by_first.values_mut() {
        let all = &t.all;
        v.sort_by_key(|&i| std::cmp::Reverse(all[i].words.len()));
    }
    t
}

/// The built-in triggers, parsed once; empty if `data/triggers.tsv` does not parse.
pub(super) fn triggers() -> &'static Triggers {
    static T: OnceLock<Triggers> = OnceLock::new();
    T.get_or_init(|| parse_triggers(TRIGGERS_TSV).unwrap_or_default())
}

/// The built-in titles, parsed once.
pub(super) fn titles() -> &'static Titles {
    static T: OnceLock<Titles> = OnceLock::new();
    T.get_or_init(|| parse_titles(TITLES_TXT))
}

/// Capitalised words that are not names (sentence starters, days, months,
/// pronouns...), lowercase.
pub(super) const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "for",
    "to",
    "from",
    "by",
    "with",
    "and",
    "or",
    "but",
    "if",
    "as",
    "after",
    "before",
    "when",
    "while",
    "since",
    "though",
    "although",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "there",
    "here",
    "then",
    "now",
    "both",
    "all",
    "some",
    "many",
    "most",
    "no",
    "not",
    "one",
    "two",
    "three",
    "what",
    "who",
    "why",
    "how",
    "where",
    "which",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "sept",
    "jan",
    "feb",
    "aug",
    "oct",
    "nov",
    "dec",
    "meanwhile",
    "however",
    "under",
    "during",
    "despite",
    "earlier",
    "later",
    "last",
    "next",
    "several",
    "each",
    "every",
    "another",
    "other",
    "such",
    "because",
    "so",
    "also",
    "even",
    "only",
    "just",
    "still",
    "yet",
    "about",
    "over",
    "into",
    "than",
    "up",
    "out",
    "newly",
    "former",
    "new",
    "said",
    "says",
    "mr",
    "mrs",
    "ms",
    "dr",
    "is",
    "was",
    "are",
    "were",
    "will",
    "would",
    "can",
    "could",
    "do",
    "does",
    "did",
    "has",
    "have",
    "had",
    "be",
    "been",
    "let",
    "among",
    "between",
    "within",
    "without",
    "through",
    "until",
    "against",
    "toward",
    "towards",
    "upon",
    "once",
    "twice",
    "nearly",
    "almost",
    "more",
    "less",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "without",
    "relations",
    "efforts",
    "crisis",
    "summit",
    "talks",
    "president",
    "minister",
    "officials",
    "diplomats",
    "sources",
    "state",
    "states",
    "government",
    "trade",
    "pastor",
    "wire",
    "services",
    "text",
    "photo",
    "read",
    "date",
    "latest",
    "update",
    "created",
    "published",
    "updated",
    "author",
    "copyright",
    "visit",
    "meeting",
    "deal",
    "agreement",
    "nuclear",
    "delegation",
    "formal",
    "informal",
    "both",
    "twin",
    "group",
    "first",
    "second",
    "third",
    "western",
    "eastern",
    "northern",
    "southern",
    "central",
    "african",
    "asian",
    "european",
    "international",
    "national",
    "regional",
    "local",
    "global",
    "world",
    "ancient",
    "islamic",
    "economic",
    "political",
    "military",
    "federal",
    "royal",
    "supreme",
    "secretary",
    "pm",
    "prime",
    "foreign",
    "chancellor",
    "don't",
    "we've",
    "it's",
    "i'm",
];

/// Head nouns that make a capitalised phrase an organisation.
pub(super) const ORG_HEADS: &[&str] = &[
    "department",
    "ministry",
    "palace",
    "council",
    "committee",
    "commission",
    "union",
    "party",
    "house",
    "agency",
    "office",
    "bank",
    "fund",
    "institute",
    "centre",
    "center",
    "university",
    "court",
    "parliament",
    "congress",
    "senate",
    "army",
    "forces",
    "force",
    "navy",
    "guard",
    "police",
    "treasury",
    "organization",
    "organisation",
    "association",
    "company",
    "corporation",
    "times",
    "post",
    "news",
    "network",
    "foundation",
    "forum",
    "kremlin",
    "pentagon",
    "assembly",
    "government",
    "administration",
    "cabinet",
    "service",
    "services",
    "press",
    "group",
    "alliance",
    "federation",
    "league",
    "movement",
    "front",
    "brigade",
    "brigades",
    "authority",
    "board",
    "bureau",
    "tribunal",
    "program",
    "programme",
    "studies",
    "inc",
    "ltd",
    "corp",
    "airlines",
    "telegraph",
    "herald",
    "journal",
    "tribune",
    "reuters",
    "embassy",
    "council's",
    "committee's",
    "school",
    "college",
    "hospital",
    "media",
];

/// Head nouns that make a capitalised phrase a place, not an actor.
pub(super) const PLACE_HEADS: &[&str] = &[
    "museum",
    "hotel",
    "street",
    "square",
    "island",
    "islands",
    "river",
    "lake",
    "mountain",
    "mountains",
    "airport",
    "base",
    "point",
    "resort",
    "province",
    "region",
    "district",
    "city",
    "valley",
    "sea",
    "ocean",
    "bay",
    "guest",
    "hall",
    "stadium",
    "park",
    "bridge",
    "road",
    "avenue",
    "peninsula",
    "strait",
    "gulf",
    "coast",
    "desert",
    "county",
    "state's",
];

/// Lowercase particles inside personal names.
pub(super) const NAME_PARTICLES: &[&str] = &[
    "de", "la", "del", "della", "da", "di", "van", "von", "der", "den", "bin", "ibn", "al", "le",
    "du", "dos", "das", "el", "ter", "zu", "y",
];

/// Adjectives that may stand between a determiner and a title.
pub(super) const TITLE_ADJ: &[&str] = &[
    "former",
    "new",
    "newly",
    "elected",
    "newly-elected",
    "acting",
    "deputy",
    "top",
    "senior",
    "chief",
    "then",
    "outgoing",
    "incoming",
    "exiled",
    "spiritual",
    "guerrilla",
    "rebel",
    "junior",
    "vice",
    "interim",
    "late",
    "current",
    "longtime",
    "veteran",
    "powerful",
    "first",
    "press",
    "foreign",
    "defence",
    "defense",
    "finance",
    "interior",
    "justice",
    "state",
    "military",
    "political",
    "opposition",
    "national",
    "general",
    "prime",
    "grand",
    "lead",
    "assistant",
    "associate",
    "regional",
    "special",
    "local",
    "high-ranking",
    "retired",
    "independent",
    "the",
    "supreme",
    "her",
    "his",
    "their",
    "its",
    "our",
];

/// Nouns after a demonym that make it stand for its country's state.
pub(super) const STATE_NOUNS: &[&str] = &[
    "forces",
    "troops",
    "government",
    "officials",
    "military",
    "army",
    "authorities",
    "diplomats",
    "side",
    "delegation",
    "navy",
    "leaders",
    "leadership",
    "administration",
    "team",
    "negotiators",
    "state-run",
    "state",
    "media",
    "sources",
];

/// Is `w` (lowercase) in `list`?
pub(super) fn is_in(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

fn set_of(list: &'static [&'static str]) -> std::collections::HashSet<&'static str> {
    list.iter().copied().collect()
}

/// Is `w` (lowercase) a capitalised word that is not a name?
pub(super) fn not_name(w: &str) -> bool {
    static S: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| set_of(NOT_NAMES)).contains(w)
}

/// Is `w` (lowercase) an organisation head noun?
pub(super) fn org_head(w: &str) -> bool {
    static S: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| set_of(ORG_HEADS)).contains(w)
}

/// Is `w` (lowercase) a place head noun?
pub(super) fn place_head(w: &str) -> bool {
    static S: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| set_of(PLACE_HEADS)).contains(w)
}

/// Trigger words that are nouns.
pub(super) const NOUN_TRIGGERS: &[&str] = &[
    "meeting",
    "meetings",
    "talks",
    "summit",
    "summits",
    "encounter",
    "handshake",
    "session",
    "negotiations",
    "negotiation",
    "consultations",
    "discussions",
    "discussion",
    "call",
    "conversation",
    "visit",
    "trip",
    "arrival",
    "tour",
    "deal",
    "agreement",
    "accord",
    "treaty",
    "ceasefire",
    "cease-fire",
    "truce",
    "sanctions",
    "annexation",
    "suspension",
    "cooperation",
    "aid",
    "assistance",
    "package",
    "pullback",
    "withdrawal",
    "one-on-one",
    "invasion",
    "occupation",
    "coup",
    "war",
    "referendum",
    "election",
    "detention",
    "arrest",
    "criticism",
    "accusation",
    "accusations",
    "refusal",
    "warning",
    "ultimatum",
    "protest",
    "protests",
    "deployment",
    "build-up",
    "buildup",
    "investigation",
    "probe",
    "inquiry",
    "demand",
    "demands",
    "intention",
    "attack",
    "attacks",
    "bombing",
    "clashes",
    "fighting",
    "embargo",
    "loan",
    "anger",
    "ceremony",
    "agreements",
    "accords",
    "deals",
    "treaties",
    "visits",
    "trips",
    "ceasefires",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_parse() {
        let t = parse_triggers(TRIGGERS_TSV).unwrap();
        assert!(t.all.len() > 100);
        let met = &t.by_first["met"];
        assert_eq!(t.all[met[0]].kind, EventKind::Meet);
        let pulled = &t.by_first["pulled"];
        assert_eq!(t.all[pulled[0]].words, vec!["pulled", "back"]);
        assert!(titles().by_first.contains_key("president"));
    }

    #[test]
    fn a_title_line_of_only_a_star_is_skipped() {
        let t = parse_titles("president\n*\n  \nministers*\n");
        assert_eq!(t.all.len(), 2);
        assert!(t.all[1].plural);
    }

    #[test]
    fn bad_trigger_rows_are_reported() {
        let err = parse_triggers("met\tmeet\t044\n").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
        let err = parse_triggers("met\tdance\t044\tmeet\n").unwrap_err();
        assert!(err.contains("kind"), "{err}");
    }
}
