//! Plural anaphora: "both men", "the two leaders", "the two sides", "the
//! pair", "the three ministers", "the leaders", "they" refer to the pair or group of
//! people or countries just mentioned. Each resolved phrase becomes one
//! mention per member of the group (marked as a pronoun), so that events
//! take every member as a participant. A phrase whose group is not clear
//! stays unresolved.
//!
//! The group is looked for in the sentence of the phrase (before it) and
//! the two sentences before, the nearest of:
//! - a coordination of names ("X and Y", "X, Y and Z") of the kind the
//!   phrase wants;
//! - a plural phrase resolved before ("Both leaders ... They ...");
//! - for a phrase about people with a number ("both men", "the two", "the
//!   pair"): the last that many people named, placed by the first of them.
//!
//! "They", "the leaders" and "the two countries" are resolved by the
//! first two only.

use super::mentions::{Doc, Mention};
use crate::model::ActorKind;

/// What a plural phrase refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wants {
    /// People ("men", "leaders", "ministers").
    People,
    /// Countries or organisations ("countries", "nations", "governments").
    States,
    /// Either ("sides", "parties", "they").
    Any,
}

/// The plural phrase at `token`: its end, the size of the group (`None`
/// for "they") and the kind of its members.
fn phrase_at(doc: &Doc<'_>, token: usize, end: usize) -> Option<(usize, Option<usize>, Wants)> {
    let word = doc.low(token);
    let noun = |k: usize| -> Option<Wants> {
        if k >= end {
            return None;
        }
        Some(match doc.low(k) {
            "men" | "women" | "leaders" | "ministers" | "presidents" | "diplomats" | "envoys"
            | "officials" | "heads" => Wants::People,
            "countries" | "nations" | "governments" | "states" | "neighbours" | "neighbors" => {
                Wants::States
            }
            "sides" | "parties" | "delegations" | "allies" | "rivals" => Wants::Any,
            _ => return None,
        })
    };
    let number = |w: &str| match w {
        "two" => Some(2),
        "three" => Some(3),
        "four" => Some(4),
        "five" => Some(5),
        _ => None,
    };
    match word {
        "both" => noun(token + 1).map(|w| (token + 2, Some(2), w)),
        "they" if !doc.toks[token].quoted => Some((token + 1, None, Wants::Any)),
        "the" if token + 1 < end => {
            let next = doc.low(token + 1);
            if next == "pair" {
                return Some((token + 2, Some(2), Wants::Any));
            }
            // "the leaders", "the ministers" without a number: the group
            // just named, as "they" (not "the leaders of X", a
            // description, nor "the leaders who ...")
            if number(next).is_none() {
                let people = noun(token + 1).filter(|&w| w == Wants::People)?;
                let qualified = token + 2 < end
                    && matches!(
                        doc.low(token + 2),
                        "of" | "from" | "in" | "at" | "who" | "whose" | "that" | "attending"
                    );
                return (!qualified).then_some((token + 2, None, people));
            }
            let n = number(next)?;
            match noun(token + 2) {
                Some(w) => Some((token + 3, Some(n), w)),
                // "the two met", "the two agreed": a verb after the number
                None if token + 2 < end && verb_after_number(doc.low(token + 2)) => {
                    Some((token + 2, Some(n), Wants::Any))
                }
                None => None,
            }
        }
        _ => None,
    }
}

/// A word that follows "the two" used as a noun phrase: a verb or an
/// adverb ("the two met", "the two also agreed", "the two will meet").
fn verb_after_number(w: &str) -> bool {
    (w.ends_with("ed") && w.len() > 3)
        || matches!(
            w,
            "met"
                | "spoke"
                | "have"
                | "had"
                | "were"
                | "are"
                | "will"
                | "would"
                | "also"
                | "shook"
                | "held"
                | "took"
                | "made"
                | "said"
                | "sat"
                | "went"
                | "did"
                | "can"
                | "could"
                | "must"
                | "should"
                | "then"
                | "later"
                | "last"
        )
}

fn fits(doc: &Doc<'_>, actor: usize, wants: Wants) -> bool {
    let kind = doc.actors[actor].kind;
    match wants {
        Wants::People => kind == ActorKind::Person,
        Wants::States => matches!(kind, ActorKind::Country | ActorKind::Organization),
        Wants::Any => matches!(
            kind,
            ActorKind::Person | ActorKind::Country | ActorKind::Organization
        ),
    }
}

/// The argument mentions before `token` in the sentences `sentence - 2 ..=
/// sentence`, nearest first, from the document's mentions and the ones
/// resolved so far.
fn before<'m>(
    doc: &'m Doc<'_>,
    added: &'m [Mention],
    sentence: usize,
    token: usize,
) -> Vec<&'m Mention> {
    // both lists are in sentence order: only the three sentences are read
    fn window(list: &[Mention], sentence: usize) -> &[Mention] {
        let from = list.partition_point(|m| m.sent + 2 < sentence);
        let to = list.partition_point(|m| m.sent <= sentence);
        &list[from..to.max(from)]
    }
    let mut out: Vec<&Mention> = window(&doc.mentions, sentence)
        .iter()
        .chain(window(added, sentence))
        .filter(|m| m.arg && (m.sent < sentence || m.t1 <= token))
        .collect();
    out.sort_by_key(|m| std::cmp::Reverse((m.sent, m.t0)));
    out
}

/// The nearest coordination of names before `token` ("X and Y", "X, Y and
/// Z") whose members all fit `wants`, nearest last member first.
fn coordination(
    doc: &Doc<'_>,
    mentions: &[&Mention],
    wants: Wants,
) -> Option<(Vec<usize>, (usize, usize))> {
    let mut k = 0;
    while k < mentions.len() {
        // mentions are nearest first: walk back while joined by "and" or commas
        let mut group = vec![mentions[k].actor];
        let mut j = k;
        let mut joined_by_and = false;
        while j + 1 < mentions.len() {
            let (later, earlier) = (mentions[j], mentions[j + 1]);
            if earlier.sent != later.sent || earlier.t1 >= later.t0 {
                break;
            }
            let between: Vec<&str> = (earlier.t1..later.t0).map(|q| doc.low(q)).collect();
            let and = matches!(between.as_slice(), ["and"] | [",", "and"] | ["and", "the"]);
            if !(and || between == [","]) {
                break;
            }
            joined_by_and |= and;
            if !group.contains(&earlier.actor) {
                group.push(earlier.actor);
            }
            j += 1;
        }
        if joined_by_and && group.len() >= 2 {
            let at = (mentions[k].sent, mentions[k].t0);
            return group
                .iter()
                .all(|&a| fits(doc, a, wants))
                .then_some((group, at));
        }
        k = j + 1;
    }
    None
}

/// The nearest plural phrase resolved before (its members share one
/// span) whose members all fit `wants`, with its position.
fn resolved_group(
    added: &[Mention],
    mentions: &[&Mention],
    wants: Wants,
    doc: &Doc<'_>,
) -> Option<(Vec<usize>, (usize, usize))> {
    let nearest = mentions.iter().find(|m| {
        m.pronoun
            && added
                .iter()
                .filter(|a| a.sent == m.sent && a.t0 == m.t0 && a.t1 == m.t1)
                .count()
                >= 2
    })?;
    let group: Vec<usize> = added
        .iter()
        .filter(|a| a.sent == nearest.sent && a.t0 == nearest.t0 && a.t1 == nearest.t1)
        .map(|a| a.actor)
        .collect();
    group
        .iter()
        .all(|&a| fits(doc, a, wants))
        .then_some((group, (nearest.sent, nearest.t0)))
}

/// The group a plural phrase in `sentence` at `token` refers to, if clear.
fn group_for(
    doc: &Doc<'_>,
    added: &[Mention],
    sentence: usize,
    token: usize,
    size: Option<usize>,
    wants: Wants,
) -> Option<Vec<usize>> {
    let mentions = before(doc, added, sentence, token);
    // the nearest of a coordination ("X and Y"), a plural phrase resolved
    // before ("Both leaders stepped in. They agreed ...": the group of
    // "both leaders") and, for a phrase about people with a number ("both
    // men", "the two"), the last that many people named when they all
    // come after the other two ("a summit of X and Y ... A greeted B.
    // Both leaders ...": A and B); countries and "they" never by count
    let mut candidates: Vec<(Vec<usize>, (usize, usize))> = Vec::new();
    if let Some(c) = coordination(doc, &mentions, wants) {
        candidates.push(c);
    }
    if let Some(r) = resolved_group(added, &mentions, wants, doc) {
        candidates.push(r);
    }
    if let Some(n) = size.filter(|_| wants != Wants::States) {
        let mut group: Vec<usize> = Vec::new();
        let mut farthest = (0, 0);
        for m in &mentions {
            if fits(doc, m.actor, Wants::People) && !group.contains(&m.actor) {
                group.push(m.actor);
                farthest = (m.sent, m.t0);
                if group.len() == n {
                    break;
                }
            }
        }
        if group.len() == n {
            // the count goes by its farthest member
            candidates.push((group, farthest));
        }
    }
    candidates
        .into_iter()
        .filter(|(group, _)| size.is_none_or(|n| n == group.len()))
        .max_by_key(|c| c.1)
        .map(|c| c.0)
}

/// Resolves the plural phrases of every body sentence: one mention per
/// member of the group, in text order with the other mentions.
pub(super) fn plural_anaphora(doc: &mut Doc<'_>) {
    let mut added: Vec<Mention> = Vec::new();
    for sentence in 0..doc.sents.len() {
        let s = doc.sents[sentence];
        if s.heading {
            continue;
        }
        let mut token = s.t0;
        while token < s.t1 {
            let Some((end, size, wants)) = phrase_at(doc, token, s.t1) else {
                token += 1;
                continue;
            };
            // a phrase inside a mention (a title, a name) is part of it
            let covered = doc.mentions[doc.mentions.partition_point(|m| m.sent < sentence)..]
                .iter()
                .take_while(|m| m.sent == sentence)
                .any(|m| m.t0 < end && token < m.t1);
            if !covered {
                if let Some(group) = group_for(doc, &added, sentence, token, size, wants) {
                    for actor in group {
                        added.push(Mention {
                            actor,
                            sent: sentence,
                            t0: token,
                            t1: end,
                            arg: true,
                            pronoun: true,
                        });
                    }
                }
            }
            token = end;
        }
    }
    if !added.is_empty() {
        doc.mentions.extend(added);
        doc.mentions.sort_by_key(|m| (m.sent, m.t0));
    }
}
