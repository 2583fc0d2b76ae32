//! Credits: the reporters and outlets a news page names outside its running
//! text, in bylines ("By Ana Reyes | May 4, 2021", "Tom Hale,
//! Gazette chief correspondent", "Author : Lena Varga"), agency lines
//! ("NORDIC PRESS AGENCY - NPA", "Daily News Service") and source lists
//! ("[Agence One, NTV, City Post]"). They become actors of the document
//! (reporters with their outlet as affiliation, outlets as organisations)
//! with no event: the text reads them as page furniture (`LineKind::Meta`).

#![warn(clippy::too_many_lines)]

use super::mentions::Doc;
use crate::lexicon::EntryKind;
use crate::model::ActorKind;
use crate::text::{Article, LineKind};

/// Words that make a byline segment a reporter's title ("national
/// correspondent", "staff writer").
const ROLE_WORDS: &[&str] = &[
    "correspondent",
    "reporter",
    "writer",
    "editor",
    "columnist",
    "contributor",
    "bureau",
];

/// Words that make a capitalised phrase an outlet ("Daily News Service").
const OUTLET_HEADS: &[&str] = &[
    "agency",
    "news",
    "service",
    "press",
    "times",
    "post",
    "herald",
    "tribune",
    "journal",
    "gazette",
    "telegraph",
    "guardian",
    "daily",
    "today",
    "radio",
    "television",
    "tv",
    "network",
    "broadcasting",
    "wire",
    "media",
];

/// Lines that are pictures' credits, not the article's.
const PICTURE_WORDS: &[&str] = &["photo", "image", "picture", "getty", "video", "graphic"];

/// Parts of a byline that are not names.
const NOT_NAME_WORDS: &[&str] = &[
    "updated",
    "published",
    "posted",
    "am",
    "pm",
    "gmt",
    "utc",
    "et",
    "edt",
    "est",
    "min",
    "read",
];

/// Reads the credit lines of an article into the document's actors.
pub(super) fn find_credits(d: &mut Doc<'_>, article: &Article) {
    for line in &article.lines {
        if line.kind != LineKind::Meta {
            continue;
        }
        let Some(s) = article.text.get(line.span.start..line.span.end) else {
            continue;
        };
        let s = s.trim();
        let lower = s.to_lowercase();
        if s.len() > 160 || PICTURE_WORDS.iter().any(|w| lower.contains(w)) {
            continue;
        }
        if let Some(inner) = s.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
            source_list(d, inner, false);
        } else if let Some(inner) = s.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
            source_list(d, inner, true);
        } else if let Some(rest) = byline_body(s, &lower) {
            byline(d, rest);
        } else if is_agency_line(&lower) {
            agency_line(d, s);
        } else if names_line(s) {
            byline(d, s);
        }
    }
}

/// The part of a byline after its marker ("By ", "Author :", a trailing
/// " By").
fn byline_body<'s>(s: &'s str, lower: &str) -> Option<&'s str> {
    for p in [
        "by ",
        "author :",
        "author:",
        "authors:",
        "written by ",
        "reporting by ",
        "story by ",
        "words by ",
    ] {
        if lower.starts_with(p) {
            return s.get(p.len()..);
        }
    }
    // a byline with the date first: "May 04, 2021|By Tom Hale, ..."
    if let Some(k) = lower.find("|by ") {
        return s.get(k + 4..);
    }
    if let Some(k) = lower.find("| by ") {
        return s.get(k + 5..);
    }
    if lower.ends_with(" by") && s.split_whitespace().count() <= 6 {
        return s.get(..s.len() - 3);
    }
    None
}

fn is_agency_line(lower: &str) -> bool {
    lower.split_whitespace().count() <= 8
        && [
            "news service",
            "press agency",
            "news agency",
            "wire service",
        ]
        .iter()
        .any(|w| lower.contains(w))
}

/// A line of names only: "Ana Reyes-Lindqvist, and Tom Hale".
fn names_line(s: &str) -> bool {
    let parts = split_names(s);
    !parts.is_empty() && parts.iter().all(|p| person_name(p).is_some())
}

/// Splits "A, B and C" into its items.
fn split_names(s: &str) -> Vec<&str> {
    s.split([',', ';', '&'])
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().trim_start_matches("and ").trim())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A byline body: names, then optional segments naming a title and an
/// outlet; dates and times after `|` are dropped.
fn byline(d: &mut Doc<'_>, body: &str) {
    // "Jane Doe; Editing by John Roe": each credit with its own role
    let mut parts = body.split(';').map(str::trim).filter(|p| !p.is_empty());
    if let Some(first) = parts.next() {
        byline_part(d, first, None);
    }
    for part in parts {
        let lower = part.to_lowercase();
        let Some(k) = lower.find(" by ") else {
            continue;
        };
        let role = match lower[..k].trim() {
            "editing" => "editor",
            "writing" => "writer",
            "reporting" | "additional reporting" => "reporter",
            "compiled" | "compiling" => "compiler",
            _ => continue,
        };
        if let Some(rest) = part.get(k + 4..) {
            byline_part(d, rest, Some(role));
        }
    }
}

/// One credit of a byline: names, then optional segments naming a title
/// and an outlet; dates and times after `|` are dropped. A byline that
/// names an outlet instead of people ("By The Associated Press") credits
/// the outlet.
fn byline_part(d: &mut Doc<'_>, body: &str, role: Option<&str>) {
    let mut segments: Vec<&str> = body
        .split(['|', '\u{2014}', '\u{2013}'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect();
    if segments.is_empty() {
        return;
    }
    let first = segments.remove(0);
    let items: Vec<&str> = first.split(',').map(str::trim).collect();
    let mut people: Vec<String> = Vec::new();
    let mut rest: Vec<&str> = Vec::new();
    let mut outlet: Option<usize> = None;
    for (k, item) in items.iter().enumerate() {
        // "Jane Doe Reuters": a known outlet after the name
        let (item, trailing) = split_trailing_outlet(d, item);
        let names: Vec<&str> = split_names(item);
        let all: Option<Vec<String>> = names.iter().map(|n| person_name(n)).collect();
        match all {
            Some(ns) if !ns.is_empty() && rest.is_empty() => {
                people.extend(ns);
                if let Some(o) = trailing {
                    outlet.get_or_insert_with(|| d.credit_actor(&o, ActorKind::Organization));
                }
            }
            _ => {
                if k == 0 {
                    if let Some(name) = outlet_name(d, item.trim_start_matches("The ")) {
                        d.credit_actor(&name, ActorKind::Organization);
                    }
                    return;
                }
                rest.push(item);
            }
        }
    }
    rest.extend(segments);
    if people.is_empty() {
        return;
    }
    // the title and the outlet: "Gazette national correspondent", "BBC TODAY"
    let mut title: Option<String> = role.map(str::to_string);
    for seg in rest {
        let words: Vec<&str> = seg.split_whitespace().collect();
        if let Some(r) = words
            .iter()
            .position(|w| ROLE_WORDS.contains(&w.to_lowercase().trim_end_matches('s')))
        {
            // capitalised words before the role words name the outlet
            let mut k = 0;
            while k < r && words[k].chars().next().is_some_and(char::is_uppercase) {
                k += 1;
            }
            if k > 0 && outlet.is_none() {
                outlet =
                    Some(d.credit_actor(&display(&words[..k].join(" ")), ActorKind::Organization));
            }
            // one title per person: "staff writers" → "staff writer"
            let t = words[k..].join(" ").to_lowercase();
            let t = match t.strip_suffix('s') {
                Some(one) if ROLE_WORDS.iter().any(|r| one.ends_with(r)) => one.to_string(),
                _ => t,
            };
            title.get_or_insert(t);
        } else if outlet.is_none() {
            if let Some(name) = outlet_name(d, seg) {
                outlet = Some(d.credit_actor(&name, ActorKind::Organization));
            }
        }
    }
    for name in people {
        let a = d.credit_actor(&name, ActorKind::Person);
        let x = &mut d.actors[a];
        if x.kind != ActorKind::Person {
            continue;
        }
        if x.title.is_none() {
            x.title = Some(title.clone().unwrap_or_else(|| "reporter".to_string()));
        }
        if x.affiliation.is_none() {
            x.affiliation = outlet.filter(|&o| o != a);
        }
    }
}

/// A name followed by an outlet the lexicon knows ("Jane Doe Reuters"):
/// the name and the outlet's canonical name.
fn split_trailing_outlet<'s>(d: &Doc<'_>, item: &'s str) -> (&'s str, Option<String>) {
    // byte offset of each word's start
    let starts: Vec<usize> = item
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace() && (i == 0 || item[..i].ends_with(char::is_whitespace))
        })
        .map(|(i, _)| i)
        .collect();
    for n in (1..=3).rev() {
        if starts.len() < n + 2 {
            continue;
        }
        let at = starts[starts.len() - n];
        if let Some(name) = lexicon_org(d, item[at..].trim()) {
            return (item[..at].trim_end(), Some(name));
        }
    }
    (item, None)
}

/// "NORDIC PRESS AGENCY - NPA": the outlet, with the acronym as an alias.
fn agency_line(d: &mut Doc<'_>, s: &str) {
    let parts: Vec<&str> = s
        .split([',', '|', '\u{2014}', '\u{2013}'])
        .flat_map(|p| p.split(" - "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let acronym = parts.iter().copied().find(|p| is_acronym(p));
    let phrase = parts
        .iter()
        .copied()
        .find(|p| p.split_whitespace().count() > 1 && outlet_phrase(p));
    let (name, alias) = match (phrase, acronym) {
        (Some(p), a) => (display(p), a),
        (None, Some(a)) => (a.to_string(), None),
        (None, None) => return,
    };
    let o = d.credit_actor(&name, ActorKind::Organization);
    if let Some(a) = alias {
        if a != d.actors[o].name {
            d.actors[o].aliases.insert(a.to_string());
        }
    }
}

/// A source list: every item that is an outlet. In parentheses ("(AFP)")
/// only outlets the lexicon knows count, as a parenthesised line may be
/// anything.
fn source_list(d: &mut Doc<'_>, inner: &str, known_only: bool) {
    let items: Vec<&str> = inner
        .split([',', ';', '/'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect();
    if items.is_empty() || items.len() > 8 {
        return;
    }
    for item in items {
        let known = lexicon_org(d, item);
        if known_only && known.is_none() {
            continue;
        }
        let name = known.or_else(|| {
            if is_acronym(item) {
                Some(item.to_string())
            } else {
                capitalised_phrase(item, 5).then(|| display(item))
            }
        });
        if let Some(name) = name {
            d.credit_actor(&name, ActorKind::Organization);
        }
    }
}

/// An outlet named in a byline segment: a known organisation, an acronym,
/// or a capitalised phrase with an outlet word ("BBC TODAY").
fn outlet_name(d: &Doc<'_>, seg: &str) -> Option<String> {
    if let Some(n) = lexicon_org(d, seg) {
        return Some(n);
    }
    if is_acronym(seg) {
        return Some(seg.to_string());
    }
    if outlet_phrase(seg) {
        return Some(display(seg));
    }
    None
}

fn lexicon_org(d: &Doc<'_>, name: &str) -> Option<String> {
    d.lex.candidates(name).iter().find_map(|&(e, _)| {
        let e = &d.lex.entries()[e];
        (e.kind == EntryKind::Organization).then(|| e.canonical.clone())
    })
}

fn outlet_phrase(s: &str) -> bool {
    capitalised_phrase(s, 5)
        && s.split_whitespace()
            .any(|w| OUTLET_HEADS.contains(&w.to_lowercase().as_str()))
}

fn capitalised_phrase(s: &str, max: usize) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= max
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphanumeric() || "-.'&".contains(c))
        })
}

/// "NTV", "NPA", "ABC": two to six capitals.
fn is_acronym(s: &str) -> bool {
    (2..=6).contains(&s.len()) && s.chars().all(|c| c.is_ascii_uppercase())
}

/// A person's name in a credit: two to four capitalised words (initials and
/// hyphens allowed), none a date or page word. All-capitals names are
/// title-cased.
fn person_name(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) {
        return None;
    }
    for w in &words {
        let lw = w.to_lowercase();
        let first = w.chars().next()?;
        if !first.is_uppercase()
            || !w
                .chars()
                .all(|c| c.is_alphabetic() || "-.'\u{2019}".contains(c))
            || NOT_NAME_WORDS.contains(&lw.as_str())
            || super::lexdata::not_name(lw.trim_end_matches(['.', ',']))
            || OUTLET_HEADS.contains(&lw.as_str())
            || ROLE_WORDS.contains(&lw.as_str())
        {
            return None;
        }
    }
    Some(
        words
            .iter()
            .map(|w| {
                if w.chars().filter(|c| c.is_alphabetic()).count() > 1
                    && w.chars().all(|c| !c.is_lowercase())
                {
                    title_case(w)
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// "OKAFOR-MOSS" → "Okafor-Moss": upper case after a hyphen or
/// apostrophe, lower case elsewhere.
fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, '-' | '\'' | '\u{2019}');
    }
    out
}

/// Title-cases words written in capitals ("NORDIC PRESS AGENCY" →
/// "Nordic Press Agency"), keeping words of up to three letters ("BBC").
fn display(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            if letters > 3 && w.chars().all(|c| !c.is_lowercase()) {
                title_case(w)
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_outlets() {
        assert_eq!(person_name("Rosa Alvarez").as_deref(), Some("Rosa Alvarez"));
        assert_eq!(
            person_name("Jane Okafor-Moss").as_deref(),
            Some("Jane Okafor-Moss")
        );
        assert_eq!(person_name("March 30"), None);
        assert_eq!(person_name("Daily News Service"), None);
        assert_eq!(person_name("Kate"), None);
        assert_eq!(person_name("Paul Lind").as_deref(), Some("Paul Lind"));
        assert_eq!(person_name("Jan. 5"), None);
        assert_eq!(person_name("Monday March"), None);
        assert!(outlet_phrase("BBC TODAY"));
        assert!(!outlet_phrase("Rosa Alvarez"));
        assert_eq!(display("NORDIC PRESS AGENCY"), "Nordic Press Agency");
        assert_eq!(display("BBC TODAY"), "BBC Today");
        assert_eq!(person_name("JANE DOE").as_deref(), Some("Jane Doe"));
        assert_eq!(
            person_name("JANE OKAFOR-MOSS").as_deref(),
            Some("Jane Okafor-Moss")
        );
        assert!(names_line("Ana Reyes-Lindqvist, and Tom Hale"));
        assert!(!names_line("Wuhan welcomes PM Modi"));
        assert_eq!(
            byline_body(
                "May 04, 2021|By Tom Hale, Gazette",
                "may 04, 2021|by tom hale, gazette"
            ),
            Some("Tom Hale, Gazette")
        );
    }
}
