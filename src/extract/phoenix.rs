//! Dated roles of people from the Phoenix country-actor dictionary
//! (`data/petrarch/Phoenix.Countries.actors.txt`, PETRARCH2/Phoenix, MIT:
//! see data/README.md), read with `petrarch::ActorDict`.
//!
//! A person the article names whose full name is an entry (or an alias)
//! of the dictionary gets the role code valid on the article's
//! publication day (`[USAGOVLEG 850103-130201]`, `[USAGOV >130201]`: a
//! senator until 2013, in government after), else the entry's undated
//! role. The code's first three letters are the ISO 3166 alpha-3 country
//! of that role: a person without an affiliation of the text's own is
//! affiliated with that country when the article names it, else given its
//! alpha-2 code as country. What the text says wins: a title or
//! affiliation written in the article is never replaced.
//!
//! The dictionary (1.4 MB) is read once per process, the first time an
//! article names a person without an affiliation.

use super::mentions::Doc;
use crate::model::ActorKind;
use crate::petrarch::ActorDict;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::OnceLock;

const COUNTRY_ACTORS: &str = include_str!("../../data/petrarch/Phoenix.Countries.actors.txt");
const COUNTRIES_TSV: &str = include_str!("../../data/lexicon/countries.tsv");

/// The Phoenix country actors, read once (lenient: the few malformed roles
/// of the shipped file are skipped; empty if the file does not read).
fn actors() -> &'static ActorDict {
    static A: OnceLock<ActorDict> = OnceLock::new();
    A.get_or_init(|| {
        let mut dict = ActorDict::default();
        if dict
            .add_file(
                COUNTRY_ACTORS,
                "data/petrarch/Phoenix.Countries.actors.txt",
                false,
            )
            .is_err()
        {
            return ActorDict::default();
        }
        dict
    })
}

/// ISO 3166 alpha-3 → alpha-2, from the lexicon's country table.
fn alpha2_of() -> &'static HashMap<String, String> {
    static M: OnceLock<HashMap<String, String>> = OnceLock::new();
    M.get_or_init(|| {
        COUNTRIES_TSV
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut cols = line.split('\t');
                let a2 = cols.next()?.trim();
                let a3 = cols.next()?.trim();
                (a2.len() == 2 && a3.len() == 3).then(|| (a3.to_string(), a2.to_string()))
            })
            .collect()
    })
}

/// The role code of the person named `name` on `day` (days since
/// 1970-01-01), if the whole name is a dictionary phrase.
pub(super) fn role_on(name: &str, day: Option<i32>) -> Option<String> {
    let words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .collect();
    if words.len() < 2 {
        // a single word ("Kerry") is too vague to look up
        return None;
    }
    let (len, entry) = actors().longest(&words)?;
    if len != words.len() {
        return None;
    }
    entry.codes_on(day)?.first().cloned()
}

/// The alpha-2 country of a role code ("USAGOV" → "US").
pub(super) fn country_of_code(code: &str) -> Option<&'static str> {
    alpha2_of().get(code.get(..3)?).map(String::as_str)
}

/// Gives each person of `doc` without an affiliation the country of the
/// role the dictionary gives them on the publication day.
pub(super) fn dated_roles(doc: &mut Doc<'_>, published: Option<NaiveDate>) {
    let day = published.and_then(|d| {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
        i32::try_from((d - epoch).num_days()).ok()
    });
    for a in 0..doc.actors.len() {
        let actor = &doc.actors[a];
        if actor.kind != ActorKind::Person || actor.affiliation.is_some() || actor.mentions == 0 {
            continue;
        }
        let Some(code) = role_on(&actor.name, day) else {
            continue;
        };
        let Some(country) = country_of_code(&code) else {
            continue;
        };
        let named = doc.actors.iter().position(|x| {
            x.kind == ActorKind::Country && x.mentions > 0 && x.country.as_deref() == Some(country)
        });
        let actor = &mut doc.actors[a];
        match named {
            Some(c) => actor.affiliation = Some(c),
            None => {
                if actor.country.is_none() {
                    actor.country = Some(country.to_string());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<i32> {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
        Some((NaiveDate::from_ymd_opt(y, m, d)? - epoch).num_days() as i32)
    }

    #[test]
    fn the_role_is_the_one_valid_on_the_day() {
        // a senator until 1 February 2013, in government after
        let before = role_on("John Kerry", day(2010, 6, 1)).unwrap();
        let after = role_on("John Kerry", day(2014, 3, 30)).unwrap();
        assert_ne!(before, after);
        assert!(before.starts_with("USA"), "{before}");
        assert_eq!(after, "USAGOV");
        assert_eq!(country_of_code(&after), Some("US"));
    }

    #[test]
    fn a_single_word_or_an_unknown_name_has_no_role() {
        assert_eq!(role_on("Kerry", day(2014, 1, 1)), None);
        assert_eq!(role_on("Zebulon Quargle", day(2014, 1, 1)), None);
        assert_eq!(country_of_code("XX"), None);
    }
}
