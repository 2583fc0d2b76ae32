//! Resolving a whole set of actors into real actors, deterministically.
//!
//! The input is every stored actor (one per distinct name, with the
//! documents that named it); the output is a partition of them and, per
//! part, one merged actor whose canonical name is chosen from the part
//! (most documents, then longest, then smallest), so the result depends on
//! the set of actors only, never on the order documents were ingested in.
//!
//! Four passes, each in a fixed order:
//! 1. strong links: [`same_actor`] (a shared full name or alias,
//!    transliteration skeletons of full names, Kiev/Kyiv), found through an
//!    index of match keys and skeletons;
//! 2. person variants: "Sergei Lavrov" and "Sergey Viktorovich Lavrov"
//!    (first names with one skeleton, the same surname, compatible middle
//!    names) when exactly one resolved person fits;
//! 3. bare surnames: a person named only "Modi" joins the one resolved
//!    person whose full name ends in "Modi"; with two candidates (two
//!    Castros) it joins neither.
//! 4. across sources: a dataset actor (no documents) joins the one actor
//!    whose canonical name or multi-word alias is its name.
//!
//! Two actors named in one document as different actors are never joined
//! (the extractor already told them apart): that keeps George W. Bush,
//! named "Bush", apart from George H.W. Bush in the same article.

use super::{match_keys, same_actor, skeleton};
use crate::model::{merge_titles, normalize_name, Actor, ActorKind, Title};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One stored actor and the documents (store rows) that name it.
#[derive(Debug, Clone)]
pub struct ActorInput {
    /// The stored actor, with its aliases and titles.
    pub actor: Actor,
    /// Documents naming this actor, sorted, no duplicates. Empty for actors
    /// from datasets (no cannot-link constraint is known for them).
    pub documents: Vec<i64>,
}

/// The real actors found in a set of stored actors.
#[derive(Debug, Clone)]
pub struct ActorResolution {
    /// Merged actors, sorted by normalised canonical name then kind.
    pub actors: Vec<Actor>,
    /// For each input, the index of its merged actor in `actors`.
    pub actor_of: Vec<usize>,
}

struct Clusters {
    parent: Vec<usize>,
    docs: Vec<BTreeSet<i64>>,
}

impl Clusters {
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Joins two clusters unless they share a document; returns whether
    /// they are (now) one.
    fn join(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        if !self.docs[ra].is_disjoint(&self.docs[rb]) {
            return false;
        }
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        let moved = std::mem::take(&mut self.docs[hi]);
        self.docs[lo].extend(moved);
        self.parent[hi] = lo;
        true
    }
}

fn words(name: &str) -> Vec<String> {
    normalize_name(name)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A person's full name as (first-name skeleton, middle words, surname),
/// for names of two or more words.
fn name_parts(name: &str) -> Option<(String, Vec<String>, String)> {
    let w = words(name);
    if w.len() < 2 {
        return None;
    }
    let first = skeleton(&w[0]);
    let last = w[w.len() - 1].clone();
    Some((first, w[1..w.len() - 1].to_vec(), last))
}

/// The display rule for organisations: the common name is the acronym
/// when one of the names is an acronym of four to six capital letters
/// that spells the initials of another name's words ("NATO" for "North
/// Atlantic Treaty Organization"; "of", "the", "and", "for" skipped).
/// Shorter acronyms (UN, EU) are left to the other rule: news spell those
/// out as often as not. The smallest such acronym when several.
fn common_acronym<'a>(names: &[&'a str]) -> Option<&'a str> {
    let initials = |name: &str| -> String {
        name.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .filter(|w| !matches!(w.to_lowercase().as_str(), "of" | "the" | "and" | "for"))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    names
        .iter()
        .copied()
        .filter(|a| (4..=6).contains(&a.len()) && a.bytes().all(|b| b.is_ascii_uppercase()))
        .filter(|a| names.iter().any(|n| n.contains(' ') && initials(n) == *a))
        .min()
}

/// Kinds one real actor may be stored with: the same, or a place and a
/// country.
fn kinds_fit(a: ActorKind, b: ActorKind) -> bool {
    a == b
        || matches!(
            (a, b),
            (ActorKind::Country, ActorKind::Place) | (ActorKind::Place, ActorKind::Country)
        )
}

fn middles_compatible(a: &[String], b: &[String]) -> bool {
    a.is_empty() || b.is_empty() || a == b
}

/// Resolves a set of stored actors. Deterministic: the inputs are first
/// put in a canonical order, so any permutation of the same inputs gives
/// the same partition and the same merged actors.
pub fn resolve_actors(inputs: &[ActorInput]) -> ActorResolution {
    // Canonical order of the inputs.
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    let sort_key = |i: usize| {
        let a = &inputs[i].actor;
        (normalize_name(&a.name), a.kind, a.name.clone())
    };
    let keys: Vec<_> = (0..inputs.len()).map(sort_key).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    let items: Vec<&ActorInput> = order.iter().map(|&i| &inputs[i]).collect();
    let n = items.len();
    let mut clusters = Clusters {
        parent: (0..n).collect(),
        docs: items
            .iter()
            .map(|it| it.documents.iter().copied().collect())
            .collect(),
    };

    // Pass 1: strong links through an index of keys and skeletons.
    let mut index: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    // Only actors named by articles are resolved: dataset actors (no
    // documents) keep their rows, so a dataset load does no fuzzy work and
    // never fuses coded actors.
    let article = |i: usize| !items[i].documents.is_empty();
    for (i, it) in items.iter().enumerate() {
        if it.documents.is_empty() {
            continue;
        }
        let mut seen = BTreeSet::new();
        for key in match_keys(&it.actor) {
            seen.insert(skeleton(&key));
            seen.insert(key);
        }
        for key in seen {
            index.entry(key).or_default().push(i);
        }
    }
    for bucket in index.values() {
        // Buckets are small for real names; a huge bucket (a skeleton
        // shared by many dataset names) is only joined on exact keys.
        if bucket.len() > 64 {
            continue;
        }
        for (x, &i) in bucket.iter().enumerate() {
            for &j in &bucket[x + 1..] {
                if clusters.find(i) != clusters.find(j)
                    && same_actor(&items[i].actor, &items[j].actor)
                {
                    clusters.join(i, j);
                }
            }
        }
    }

    // Pass 2: person name variants, joined when exactly one cluster fits.
    let is_person = |i: usize| items[i].actor.kind == ActorKind::Person;
    let mut by_surname: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        if item.actor.kind != ActorKind::Person || item.documents.is_empty() {
            continue;
        }
        for name in item.actor.names() {
            if let Some((_, _, last)) = name_parts(name) {
                by_surname.entry(last).or_default().push(i);
            }
        }
    }
    for list in by_surname.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    for i in 0..n {
        if !is_person(i) || !article(i) {
            continue;
        }
        let Some((first, middle, last)) = name_parts(&items[i].actor.name) else {
            continue;
        };
        let Some(list) = by_surname.get(&last) else {
            continue;
        };
        let own = clusters.find(i);
        let mut fits = BTreeSet::new();
        for &j in list {
            let root = clusters.find(j);
            if root == own {
                continue;
            }
            let fit = items[j].actor.names().any(|name| {
                name_parts(name).is_some_and(|(f, m, l)| {
                    f == first && l == last && middles_compatible(&m, &middle)
                })
            });
            if fit {
                fits.insert(root);
            }
        }
        if fits.len() == 1 {
            let target = *fits.iter().next().unwrap_or(&own);
            clusters.join(i, target);
        }
    }

    // Pass 3: bare surnames of persons.
    for (i, item) in items.iter().enumerate() {
        if item.actor.kind != ActorKind::Person || item.documents.is_empty() {
            continue;
        }
        let single: Vec<String> = item
            .actor
            .names()
            .map(words)
            .filter(|w| w.len() == 1)
            .map(|w| w[0].clone())
            .collect();
        if single.is_empty() || words(&item.actor.name).len() != 1 {
            continue;
        }
        let own = clusters.find(i);
        let mut fits = BTreeSet::new();
        for surname in &single {
            for &j in by_surname.get(surname).map(Vec::as_slice).unwrap_or(&[]) {
                let root = clusters.find(j);
                if root != own {
                    fits.insert(root);
                }
            }
        }
        if fits.len() == 1 {
            let target = *fits.iter().next().unwrap_or(&own);
            clusters.join(i, target);
        }
    }

    // Pass 4: dataset actors join the actor whose full name or multi-word
    // alias is their name ("Sergey Viktorovich Lavrov" of ICEWS is an alias
    // the articles give "Sergei Lavrov"), and dataset actors of one name
    // join each other (a GDELT name rewritten by the name authority at
    // ingest), when kinds fit and exactly one cluster carries the name.
    let mut by_full_name: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        for (k, name) in item.actor.names().enumerate() {
            let norm = normalize_name(name);
            // Dataset actors offer their own name only; articles every
            // multi-word name.
            if norm.is_empty() || (k > 0 && (!article(i) || !norm.contains(' '))) {
                continue;
            }
            by_full_name
                .entry(norm)
                .or_default()
                .insert(clusters.find(i));
        }
    }
    for i in 0..n {
        if article(i) {
            continue;
        }
        let norm = normalize_name(&items[i].actor.name);
        let Some(roots) = by_full_name.get(&norm) else {
            continue;
        };
        let own = clusters.find(i);
        let kind = items[i].actor.kind;
        let others: BTreeSet<usize> = roots
            .iter()
            .map(|&r| clusters.find(r))
            .filter(|&r| r != own)
            .filter(|&r| kinds_fit(items[r].actor.kind, kind))
            .collect();
        if others.len() == 1 {
            let target = *others.iter().next().unwrap_or(&own);
            clusters.join(i, target);
        }
    }

    // Merge each cluster.
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let root = clusters.find(i);
        members.entry(root).or_default().push(i);
    }
    let mut merged: Vec<(Actor, Vec<usize>)> = members
        .into_values()
        .map(|m| {
            let actors: Vec<&ActorInput> = m.iter().map(|&i| items[i]).collect();
            (merge_actors(&actors), m)
        })
        .collect();
    merged.sort_by_cached_key(|(a, _)| (normalize_name(&a.name), a.kind, a.name.clone()));
    let mut actor_of = vec![0; inputs.len()];
    let mut actors = Vec::with_capacity(merged.len());
    for (k, (actor, m)) in merged.into_iter().enumerate() {
        for i in m {
            actor_of[order[i]] = k;
        }
        actors.push(actor);
    }
    canonical_affiliations(inputs, &mut actors, &actor_of);
    ActorResolution { actors, actor_of }
}

/// Names the resolved actor in every title's `of` and every affiliation of
/// an actor named by articles: "Russian Federation" in one document and
/// "Russia" in another both become the canonical name of the resolved
/// country, and the two reports of "Foreign Minister" become one title.
/// A name that several resolved actors carry goes to the most
/// institution-like kind (country, organisation, group, place, person),
/// then to the first by canonical name; a name no other actor carries is
/// kept as it was. Dataset actors keep their affiliations as stored.
fn canonical_affiliations(inputs: &[ActorInput], actors: &mut [Actor], actor_of: &[usize]) {
    let mut article = vec![false; actors.len()];
    for (i, input) in inputs.iter().enumerate() {
        if !input.documents.is_empty() {
            article[actor_of[i]] = true;
        }
    }
    let needed = actors
        .iter()
        .zip(&article)
        .any(|(a, &art)| art && (a.affiliation.is_some() || !a.titles.is_empty()));
    if !needed {
        return;
    }
    let rank = |k: ActorKind| match k {
        ActorKind::Country => 0,
        ActorKind::Organization => 1,
        ActorKind::Group => 2,
        ActorKind::Place => 3,
        _ => 4,
    };
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (i, input) in inputs.iter().enumerate() {
        let k = actor_of[i];
        for name in input.actor.names() {
            let norm = normalize_name(name);
            if norm.is_empty() {
                continue;
            }
            by_name
                .entry(norm)
                .and_modify(|best| {
                    if (rank(actors[k].kind), k) < (rank(actors[*best].kind), *best) {
                        *best = k;
                    }
                })
                .or_insert(k);
        }
    }
    let canonical: Vec<String> = actors.iter().map(|a| a.name.clone()).collect();
    for (k, actor) in actors.iter_mut().enumerate() {
        if !article[k] {
            continue;
        }
        let lookup = |name: &str| {
            by_name
                .get(&normalize_name(name))
                .filter(|&&j| j != k)
                .map(|&j| canonical[j].clone())
        };
        if let Some(name) = actor.affiliation.as_deref().and_then(lookup) {
            actor.affiliation = Some(name);
        }
        if actor.titles.iter().any(|t| t.of.is_some()) {
            let titles = std::mem::take(&mut actor.titles)
                .into_iter()
                .map(|mut t| {
                    if let Some(name) = t.of.as_deref().and_then(lookup) {
                        t.of = Some(name);
                    }
                    t
                })
                .collect::<Vec<_>>();
            actor.titles = fold_bare_titles(merge_titles(titles));
        }
    }
}

/// A title reported without what it is of ("Secretary of State") joins
/// the same title reported with one (`of` "United States") when exactly
/// one such `of` is known for the actor; with two or more it stays apart.
fn fold_bare_titles(titles: Vec<Title>) -> Vec<Title> {
    let mut out: Vec<Title> = Vec::with_capacity(titles.len());
    let mut bare: Vec<Title> = Vec::new();
    for t in titles {
        if t.of.is_none() && !t.title.is_empty() {
            bare.push(t);
        } else {
            out.push(t);
        }
    }
    for t in bare {
        let mut with_of = out
            .iter_mut()
            .filter(|o| o.title == t.title && o.of.is_some());
        match (with_of.next(), with_of.next()) {
            (Some(one), None) => one.absorb(t),
            _ => out.push(t),
        }
    }
    merge_titles(out)
}

/// Merges the stored actors of one real actor: canonical name from the
/// member named by the most documents (then the longest name, then the
/// smallest), every other name an alias, titles united, the smallest
/// affiliation and country, the most specific kind (a country over a place).
pub(super) fn merge_actors(members: &[&ActorInput]) -> Actor {
    let best = members
        .iter()
        .max_by(|a, b| {
            a.documents
                .len()
                .cmp(&b.documents.len())
                .then(
                    a.actor
                        .name
                        .chars()
                        .count()
                        .cmp(&b.actor.name.chars().count()),
                )
                .then(b.actor.name.cmp(&a.actor.name))
        })
        .map(|m| &m.actor);
    let Some(best) = best else {
        return Actor::new("", ActorKind::Group);
    };
    // The kind most documents give (a dataset row counts as one), places
    // yielding to any other kind; ties go to the kind of the member giving
    // the name, then to the first kind.
    let mut kinds: BTreeMap<ActorKind, usize> = BTreeMap::new();
    for m in members {
        *kinds.entry(m.actor.kind).or_default() += m.documents.len().max(1);
    }
    let kind = kinds
        .iter()
        .filter(|(k, _)| **k != ActorKind::Place)
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then((*a.0 == best.kind).cmp(&(*b.0 == best.kind)))
                .then(b.0.cmp(a.0))
        })
        .map_or(best.kind, |(k, _)| *k);
    let all_names: Vec<&str> = members.iter().flat_map(|m| m.actor.names()).collect();
    let display = if kind == ActorKind::Organization {
        common_acronym(&all_names).unwrap_or(&best.name)
    } else {
        &best.name
    };
    let mut actor = Actor::new(display, kind);
    let canonical = normalize_name(display);
    let mut aliases: BTreeMap<String, String> = BTreeMap::new();
    for m in members {
        for name in m.actor.names() {
            let norm = normalize_name(name);
            if norm.is_empty() || norm == canonical {
                continue;
            }
            aliases
                .entry(norm)
                .and_modify(|v| {
                    if name < v.as_str() {
                        *v = name.to_string();
                    }
                })
                .or_insert_with(|| name.to_string());
        }
    }
    let mut alias_list: Vec<String> = aliases.into_values().collect();
    alias_list.sort();
    actor.aliases = alias_list;
    actor.titles = merge_titles(members.iter().flat_map(|m| m.actor.titles.iter().cloned()));
    actor.affiliation = members
        .iter()
        .filter_map(|m| m.actor.affiliation.clone())
        .min();
    actor.country = members.iter().filter_map(|m| m.actor.country.clone()).min();
    actor
}

#[cfg(test)]
mod tests {
    //! Table-driven: each row is a set of actor inputs (name, kind,
    //! aliases, documents) and the canonical names they resolve to; one
    //! `check` asserts every row.

    use super::*;

    fn input(name: &str, kind: ActorKind, aliases: &[&str], docs: &[i64]) -> ActorInput {
        let mut actor = Actor::new(name, kind);
        actor.aliases = aliases.iter().map(|s| s.to_string()).collect();
        ActorInput {
            actor,
            documents: docs.to_vec(),
        }
    }

    fn names(r: &ActorResolution) -> Vec<String> {
        r.actors.iter().map(|a| a.name.clone()).collect()
    }

    /// One row: what it shows, the inputs, the resolved actors' names.
    struct Case {
        what: &'static str,
        inputs: Vec<ActorInput>,
        names: &'static [&'static str],
    }

    fn check(case: &Case) -> ActorResolution {
        let r = resolve_actors(&case.inputs);
        assert_eq!(names(&r), case.names, "{}", case.what);
        assert_eq!(r.actor_of.len(), case.inputs.len(), "{}", case.what);
        r
    }

    fn cases() -> Vec<Case> {
        use ActorKind::{Person, Place};
        vec![
            Case {
                what: "variants of one person merge",
                inputs: vec![
                    input("Sergei Lavrov", Person, &["Lavrov"], &[1]),
                    input("Sergey Viktorovich Lavrov", Person, &["Lavrov"], &[2, 3]),
                    input("Kerry", Person, &[], &[4]),
                    input("John Kerry", Person, &["Kerry"], &[1, 2]),
                ],
                names: &["John Kerry", "Sergey Viktorovich Lavrov"],
            },
            Case {
                what: "two Castros and a bare Castro stay apart",
                inputs: vec![
                    input("Fidel Castro", Person, &["Castro"], &[1]),
                    input("Raul Castro", Person, &["Castro"], &[2]),
                    input("Castro", Person, &[], &[3]),
                ],
                names: &["Castro", "Fidel Castro", "Raul Castro"],
            },
            Case {
                // One article names George H.W. Bush in full and his son
                // only as "Bush": the bare surname must not join the father.
                what: "actors of one document never merge",
                inputs: vec![
                    input("George H.W. Bush", Person, &["George"], &[7]),
                    input("Bush", Person, &["President Bush"], &[7]),
                    input("George W. Bush", Person, &["Bush"], &[8]),
                ],
                names: &["Bush", "George H.W. Bush", "George W. Bush"],
            },
            Case {
                what: "a bare surname joins the one full name",
                inputs: vec![
                    input("Modi", Person, &["PM Modi"], &[1]),
                    input("Narendra Modi", Person, &[], &[2]),
                ],
                names: &["Narendra Modi"],
            },
            Case {
                what: "dataset actors (no document) are left alone",
                inputs: vec![
                    input("Sergei Lavrov", Person, &[], &[]),
                    input("Sergey Lavrov", Person, &[], &[]),
                ],
                names: &["Sergei Lavrov", "Sergey Lavrov"],
            },
            Case {
                what: "places spelled two ways merge",
                inputs: vec![
                    input("Kiev", Place, &[], &[1]),
                    input("Kyiv", Place, &[], &[2]),
                ],
                names: &["Kiev"],
            },
            Case {
                // each rule above at once: the spellings merge, each bare
                // surname joins its one full name
                what: "a mixed set",
                inputs: vec![
                    input("Sergei Lavrov", Person, &["Lavrov"], &[1]),
                    input("Sergey Lavrov", Person, &[], &[2]),
                    input("Modi", Person, &[], &[3]),
                    input("Narendra Modi", Person, &[], &[4]),
                    input("Raul Castro", Person, &["Castro"], &[2]),
                    input("Castro", Person, &[], &[5]),
                ],
                names: &["Narendra Modi", "Raul Castro", "Sergei Lavrov"],
            },
            Case {
                // issue 15: an ICEWS name the articles give as an alias
                what: "a dataset actor joins the article actor of its name",
                inputs: vec![
                    input(
                        "Sergei Lavrov",
                        Person,
                        &["Lavrov", "Sergey Viktorovich Lavrov"],
                        &[1, 2],
                    ),
                    input("Sergey Viktorovich Lavrov", Person, &[], &[]),
                    input("Lavrov", Person, &[], &[]),
                ],
                names: &["Lavrov", "Sergei Lavrov"],
            },
            Case {
                what: "a dataset name two article actors carry joins neither",
                inputs: vec![
                    input("Ana Pires", Person, &["Ana Maria Pires"], &[1]),
                    input("Ana Maria Pires Lopes", Person, &["Ana Maria Pires"], &[1]),
                    input("Ana Maria Pires", Person, &[], &[]),
                ],
                names: &["Ana Maria Pires", "Ana Maria Pires Lopes", "Ana Pires"],
            },
            Case {
                what: "an organisation is shown by its acronym of four letters or more",
                inputs: vec![
                    input(
                        "North Atlantic Treaty Organization",
                        ActorKind::Organization,
                        &["NATO"],
                        &[1],
                    ),
                    input(
                        "North Atlantic Treaty Organization",
                        ActorKind::Organization,
                        &[],
                        &[],
                    ),
                    input("European Union", ActorKind::Organization, &["EU"], &[2]),
                ],
                names: &["European Union", "NATO"],
            },
        ]
    }

    /// The kind most documents give wins, not the first by name.
    #[test]
    fn merged_kind_is_the_most_reported() {
        let inputs = [
            input("Vladimir Putin", ActorKind::Person, &["Putin"], &[1, 2, 3]),
            input(
                "Russian President Vladimir Putin",
                ActorKind::Person,
                &[],
                &[4],
            ),
            input("Putin", ActorKind::Organization, &[], &[]),
        ];
        let members: Vec<&ActorInput> = inputs.iter().collect();
        let merged = merge_actors(&members);
        assert_eq!(
            (merged.name.as_str(), merged.kind),
            ("Vladimir Putin", ActorKind::Person)
        );
    }

    #[test]
    fn resolution_cases() {
        for case in &cases() {
            check(case);
        }
        // the first case: which input went to which actor, and the merged
        // actor keeps the other spelling as an alias
        let r = check(&cases()[0]);
        assert_eq!(r.actor_of, vec![1, 1, 0, 0]);
        assert!(r.actors[1].aliases.contains(&"Sergei Lavrov".to_string()));
    }

    #[test]
    fn result_ignores_input_order() {
        for case in cases() {
            let a = resolve_actors(&case.inputs);
            let mut reversed = case.inputs.clone();
            reversed.reverse();
            let b = resolve_actors(&reversed);
            assert_eq!(a.actors, b.actors, "{}", case.what);
            for (i, &k) in a.actor_of.iter().enumerate() {
                assert_eq!(k, b.actor_of[case.inputs.len() - 1 - i], "{}", case.what);
            }
        }
    }
}
