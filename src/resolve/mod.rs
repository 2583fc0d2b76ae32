//! Entity resolution and cross-document event merging.
//!
//! Two questions, answered with pure functions over model types so that the
//! graph can ask them while it inserts and the answers do not depend on the
//! order documents arrive in:
//!
//! - *Actors*: which names may identify one actor across documents
//!   ([`match_keys`]) and whether two actors are the same ([`same_actor`]).
//!   Full names and their transliteration skeletons are keys; a bare
//!   surname is never a key across documents, so two Castros stay two.
//! - *Events*: whether two reports describe one occasion ([`same_occasion`])
//!   and what the merged event is ([`merge_reports`]): the most precise date
//!   and the place the reports agree on, with the values not kept listed as
//!   conflicts. [`EventMerger`] clusters reports incrementally; a cluster's
//!   event is a function of its set of reports, never of arrival order.
//!
//! Architecture invariant: no I/O and no graph types here.

use crate::model::{
    normalize_name, Actor, ActorKind, DateSource, Event, EventKind, Modality, Participant, Role,
    When,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

mod actors;
pub use actors::{resolve_actors, ActorInput, ActorResolution};

/// Folds a name to a spelling-insensitive skeleton: lowercase, accents
/// removed, vowels (and y) dropped after a word's first letter, doubled
/// letters collapsed. "Sergei"/"Sergey" and "Kiev"/"Kyiv" share a skeleton.
pub fn skeleton(name: &str) -> String {
    let norm = normalize_name(name);
    let mut out = String::with_capacity(norm.len());
    for word in norm.split(' ') {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut last: Option<char> = None;
        for (i, ch) in word.chars().map(fold_accent).enumerate() {
            let is_vowel = matches!(ch, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
            if i > 0 && (is_vowel || ch == 'h' || ch == '-' || ch == '\'') {
                continue;
            }
            if last == Some(ch) {
                continue;
            }
            out.push(ch);
            last = Some(ch);
        }
    }
    out
}

fn fold_accent(ch: char) -> char {
    match ch {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' | 'ş' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ğ' => 'g',
        'ł' => 'l',
        'ř' => 'r',
        'ț' | 'ţ' => 't',
        other => other,
    }
}

/// The names by which an actor may be found across documents: its
/// normalised canonical name and aliases, except single-word aliases of a
/// person (a bare surname such as "Castro" names different people in
/// different documents).
pub(crate) fn match_keys(actor: &Actor) -> Vec<String> {
    let mut keys = BTreeSet::new();
    for (i, name) in actor.names().enumerate() {
        let norm = normalize_name(name);
        if norm.is_empty() {
            continue;
        }
        let single_word = !norm.contains(' ');
        if actor.kind == ActorKind::Person && single_word && i > 0 {
            continue;
        }
        keys.insert(norm);
    }
    keys.into_iter().collect()
}

/// Whether two actors (typically from different documents) are the same
/// real actor. Same kind (or one is a place standing for a country), and
/// a shared match key, or full names whose skeletons agree and that share
/// a word exactly (Sergei/Sergey Lavrov), or single-word names of places
/// and countries whose skeletons agree (Kiev/Kyiv).
pub fn same_actor(a: &Actor, b: &Actor) -> bool {
    let kinds_fit = a.kind == b.kind
        || matches!(
            (a.kind, b.kind),
            (ActorKind::Country, ActorKind::Place) | (ActorKind::Place, ActorKind::Country)
        );
    if !kinds_fit {
        return false;
    }
    let ka = match_keys(a);
    let kb = match_keys(b);
    if ka.iter().any(|k| kb.contains(k)) {
        return true;
    }
    for x in &ka {
        for y in &kb {
            if skeleton(x) != skeleton(y) {
                continue;
            }
            let multi = x.contains(' ') && y.contains(' ');
            let shares_word = x
                .split(' ')
                .any(|w| w.len() > 2 && y.split(' ').any(|v| v == w));
            if multi && shares_word {
                return true;
            }
            if !multi && a.kind != ActorKind::Person && b.kind != ActorKind::Person {
                return true;
            }
        }
    }
    false
}

/// Kinds that can describe one occasion.
fn kinds_compatible(a: EventKind, b: EventKind) -> bool {
    if a == b {
        return true;
    }
    let talks = |k: EventKind| {
        matches!(
            k,
            EventKind::Meet | EventKind::Negotiate | EventKind::Consult
        )
    };
    let hard = |k: EventKind| matches!(k, EventKind::Accuse | EventKind::Disapprove);
    let down = |k: EventKind| matches!(k, EventKind::Deescalate | EventKind::Yield);
    (talks(a) && talks(b)) || (hard(a) && hard(b)) || (down(a) && down(b))
}

/// The days an event's date may stand for when matching: a date inferred
/// from the publication day may be a few days earlier.
fn match_span(when: &When) -> (chrono::NaiveDate, chrono::NaiveDate) {
    if when.source == DateSource::Inferred {
        let start = when.start - chrono::Days::new(3);
        (start, when.end)
    } else {
        (when.start, when.end)
    }
}

fn actor_set(event: &Event) -> BTreeSet<String> {
    event
        .participants
        .iter()
        .map(|p| normalize_name(&p.actor))
        .collect()
}

/// Whether two reports describe the same occasion: compatible kinds, dates
/// that overlap at their precision (a date inferred from the publication
/// day may be up to three days earlier), participants that agree (a
/// meeting's reports share two or more, or name the very same one; other
/// kinds: one set within the other), no conflicting place, and not one
/// negated while the other asserts. A planned event and the report that it
/// happened do merge. Two reports from one document never merge: a document
/// that states two events gives two events (the extractor already joins its
/// own repeats).
pub fn same_occasion(a: &Event, b: &Event) -> bool {
    same_occasion_with(a, b, &BTreeSet::new())
}

/// [`same_occasion`], knowing which place names (normalised) are whole
/// countries. A country is a coarse place ("talks in Ukraine" often names
/// the subject, not the room): the same two or more actors meeting on the
/// same day read from the text, one report in a country and the other in a
/// city, are one occasion; the country is kept as a conflict. Two cities
/// (Paris, London) stay two occasions.
pub fn same_occasion_with(a: &Event, b: &Event, countries: &BTreeSet<String>) -> bool {
    Facts::of(a).fits(&Facts::of(b), countries)
}

/// What the occasion rules compare of one report, computed once.
#[derive(Debug, Clone)]
struct Facts {
    kind: EventKind,
    negated: bool,
    /// Documents reporting it, sorted.
    documents: Vec<String>,
    /// The days it may stand for (see `match_span`).
    span: (chrono::NaiveDate, chrono::NaiveDate),
    /// The day, when it is one day read from the text (not inferred).
    exact_day: Option<chrono::NaiveDate>,
    /// Participants, normalised.
    actors: BTreeSet<String>,
    /// The place, normalised.
    place: Option<String>,
}

impl Facts {
    fn of(e: &Event) -> Facts {
        let mut documents: Vec<String> = e.mentions.iter().map(|m| m.document.clone()).collect();
        documents.sort_unstable();
        documents.dedup();
        let exact = e.when.start == e.when.end
            && !matches!(e.when.source, DateSource::Inferred | DateSource::Unknown);
        Facts {
            kind: e.kind,
            negated: e.modality == Modality::Negated,
            documents,
            span: match_span(&e.when),
            exact_day: exact.then_some(e.when.start),
            actors: actor_set(e),
            place: e.place.as_deref().map(normalize_name),
        }
    }

    fn shares_document(&self, other: &Facts) -> bool {
        let (mut i, mut j) = (0, 0);
        while i < self.documents.len() && j < other.documents.len() {
            match self.documents[i].cmp(&other.documents[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// The pairwise rule of [`same_occasion_with`].
    fn fits(&self, other: &Facts, countries: &BTreeSet<String>) -> bool {
        let (a, b) = (self, other);
        if !kinds_compatible(a.kind, b.kind) || a.negated != b.negated || a.shares_document(b) {
            return false;
        }
        if a.span.0 > b.span.1 || b.span.0 > a.span.1 {
            return false;
        }
        if a.actors.is_empty() || b.actors.is_empty() {
            return false;
        }
        if !participants_fit(a.kind, &a.actors, &b.actors) {
            return false;
        }
        if let (Some(x), Some(y)) = (&a.place, &b.place) {
            let coarse = countries.contains(x) || countries.contains(y);
            if x != y && !(coarse && one_meeting(a, b)) {
                return false;
            }
        }
        true
    }
}

/// Whether two reports' participant sets (normalised names) may be one
/// occasion's. A meeting's reports agree on its core: they share two or
/// more participants (each may add a bystander the other does not name), or
/// name the very same one. Other kinds: one set within the other.
fn participants_fit(kind: EventKind, pa: &BTreeSet<String>, pb: &BTreeSet<String>) -> bool {
    if kind.is_meeting() {
        pa == pb || pa.intersection(pb).nth(1).is_some()
    } else {
        pa.is_subset(pb) || pb.is_subset(pa)
    }
}

/// The same two or more actors meeting on the same explicitly reported day:
/// one occasion even when the reports name different places (one of them
/// is then kept as a conflict, see [`merge_reports`]).
fn one_meeting(a: &Facts, b: &Facts) -> bool {
    a.kind.is_meeting()
        && b.kind.is_meeting()
        && a.actors.len() >= 2
        && a.actors == b.actors
        && a.exact_day.is_some()
        && a.exact_day == b.exact_day
}

/// The values a merged event did not keep because reports disagreed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Conflicts {
    /// TIMEX3 values of dates not kept.
    pub dates: Vec<String>,
    /// Places not kept.
    pub places: Vec<String>,
    /// For a coarse or placeless report that stayed on its own because
    /// several occasions fitted it equally well: how many (0 otherwise).
    /// It is a vague report of one of them, not an occasion of its own.
    pub alternatives: usize,
}

/// How exact a date is, smaller first: explicit day beats inferred day
/// beats a month, and so on.
fn date_rank(when: &When) -> (i64, u8, String) {
    let span = (when.end - when.start).num_days();
    let source = match when.source {
        DateSource::Explicit => 0,
        DateSource::Relative => 1,
        DateSource::Inferred => 2,
        DateSource::Unknown => 3,
    };
    (span, source, when.value.clone())
}

fn kind_rank(kind: EventKind) -> u8 {
    match kind {
        EventKind::Meet => 0,
        EventKind::Negotiate => 1,
        EventKind::Consult => 2,
        _ => 3,
    }
}

/// Merges reports of one occasion into one event. The result depends only
/// on the set of reports: the most common kind (ties: the most specific),
/// the most precise date, the most common place, every participant (the
/// role most reports give), asserted if any report asserts it, and every
/// mention. The id is the smallest report id.
pub fn merge_reports(reports: &[Event]) -> Option<(Event, Conflicts)> {
    let first = reports.first()?;
    let mut kinds: BTreeMap<EventKind, usize> = BTreeMap::new();
    for r in reports {
        *kinds.entry(r.kind).or_default() += 1;
    }
    let kind = kinds
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(kind_rank(*b.0).cmp(&kind_rank(*a.0))))
        .map(|(k, _)| *k)
        .unwrap_or(first.kind);
    let best = reports
        .iter()
        .min_by(|a, b| date_rank(&a.when).cmp(&date_rank(&b.when)))
        .unwrap_or(first);
    let when = best.when.clone();
    let mut conflicts = Conflicts::default();
    let dates: BTreeSet<&str> = reports
        .iter()
        .filter(|r| r.when.value != when.value && r.when.source != DateSource::Inferred)
        .map(|r| r.when.value.as_str())
        .collect();
    conflicts.dates = dates.into_iter().map(str::to_string).collect();
    let mut places: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for r in reports {
        if let Some(p) = &r.place {
            let entry = places.entry(normalize_name(p)).or_insert((0, p.clone()));
            entry.0 += 1;
        }
    }
    let place = places
        .values()
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, name)| name.clone());
    conflicts.places = places
        .values()
        .filter(|(_, name)| Some(name) != place.as_ref())
        .map(|(_, name)| name.clone())
        .collect();
    let mut roles: BTreeMap<String, BTreeMap<Role, usize>> = BTreeMap::new();
    for r in reports {
        for p in &r.participants {
            *roles
                .entry(p.actor.clone())
                .or_default()
                .entry(p.role)
                .or_default() += 1;
        }
    }
    let mut participants: Vec<Participant> = roles
        .into_iter()
        .map(|(actor, counts)| {
            let role = counts
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(r, _)| *r)
                .unwrap_or(Role::Participant);
            Participant { actor, role }
        })
        .collect();
    participants.sort();
    participants.dedup_by(|a, b| normalize_name(&a.actor) == normalize_name(&b.actor));
    let modality = reports
        .iter()
        .map(|r| r.modality)
        .min()
        .unwrap_or(Modality::Asserted);
    let mut mentions: Vec<_> = reports.iter().flat_map(|r| r.mentions.clone()).collect();
    mentions.sort();
    mentions.dedup();
    let cameo = reports
        .iter()
        .filter(|r| r.kind == kind)
        .filter_map(|r| r.cameo.clone())
        .min();
    // the actor codes of a report with the kept code, else of any report
    // of the kind (the least pair: the same whatever the reports' order)
    let codes_of = |same_code: bool| {
        reports
            .iter()
            .filter(|r| r.kind == kind && (!same_code || r.cameo == cameo))
            .filter(|r| r.source_code.is_some() || r.target_code.is_some())
            .map(|r| (r.source_code.clone(), r.target_code.clone()))
            .min()
    };
    let (source_code, target_code) = codes_of(true)
        .or_else(|| codes_of(false))
        .unwrap_or_default();
    let id = reports
        .iter()
        .map(|r| r.id.clone())
        .min()
        .unwrap_or_default();
    let confidence = reports.iter().map(|r| r.confidence).fold(0.0f32, f32::max);
    Some((
        Event {
            id,
            kind,
            cameo,
            source_code,
            target_code,
            when,
            participants,
            place,
            modality,
            mentions,
            confidence,
        },
        conflicts,
    ))
}

/// Clusters event reports into occasions: constrained clustering, the same
/// whatever order the reports are added in.
///
/// Every pair of reports in a cluster satisfies [`same_occasion_with`]
/// (so their dates share a day, no two days read from the text differ and
/// no two cities differ), and a meeting's reports share a core of two or
/// more participants that every one of them names. Reports are placed in a
/// canonical order, a function of the set of reports only: first the
/// precise ones (one day read from the text, and a place), then those with
/// a day and no place, then the coarse ones (a week, month or year, or a
/// date inferred from the publication day), each class sorted by the
/// width of its span (narrowest first), then by content.
/// A report joins the cluster that fits it best (see `Fit`); a precise
/// report takes the first of equally good clusters, a placeless or coarse
/// report joins only when exactly one cluster fits best and otherwise stays
/// on its own, so a report dated "March" with no place does not pick one
/// of four March meetings of the same two people. An inferred date never
/// widens a cluster: it joins only clusters whose days all lie within its
/// three-day window, and [`merge_reports`] keeps the day read from the text.
///
/// Candidates come from an index by (participant, week) for spans up to
/// ten weeks and by participant for longer spans, so placing a report costs
/// about the number of reports of the same actors in the same weeks.
#[derive(Debug, Default)]
pub struct EventMerger {
    reports: Vec<Event>,
    /// Normalised names of places that are whole countries.
    countries: BTreeSet<String>,
}

/// How a report is placed: precise reports first, then placeless days,
/// then coarse dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    /// One day read from the text, and a place.
    Precise,
    /// One day read from the text, no place.
    Placeless,
    /// A longer span, or a date inferred from the publication day.
    Coarse,
}

/// A cluster being built: its reports (indexes into the merger's reports)
/// and the participants every one of them names.
#[derive(Debug)]
struct Cluster {
    members: Vec<usize>,
    core: BTreeSet<String>,
    /// See [`Conflicts::alternatives`]: set when the cluster's first
    /// report stayed on its own for a tie.
    alternatives: usize,
}

/// How well a report fits a cluster, larger is better: the report names
/// the cluster's place, the number of the cluster's core participants it
/// names, minus the participants on one side only.
type Fit = (bool, usize, i64);

/// The weeks (day number / 7) a report's matching span covers, or `None`
/// for spans longer than about two months (matched against every report
/// of the same actor). Two reports whose spans overlap share a week.
fn week_keys(
    span: (chrono::NaiveDate, chrono::NaiveDate),
) -> Option<std::ops::RangeInclusive<i64>> {
    let s = i64::from(crate::model::day_number(span.0)).div_euclid(7);
    let e = i64::from(crate::model::day_number(span.1)).div_euclid(7);
    (e - s <= 9).then_some(s..=e)
}

/// The canonical order of reports: class, then content (every field, so
/// that two reports compare equal only when they are interchangeable).
fn content_order(a: &Event, b: &Event) -> std::cmp::Ordering {
    let key = |e: &Event| {
        (
            e.kind,
            e.when.start,
            e.when.end,
            e.when.value.clone(),
            e.when.source as u8,
            e.place.clone(),
            e.modality,
        )
    };
    key(a)
        .cmp(&key(b))
        .then_with(|| a.participants.cmp(&b.participants))
        .then_with(|| a.mentions.cmp(&b.mentions))
        .then_with(|| a.id.cmp(&b.id))
        .then_with(|| a.cameo.cmp(&b.cameo))
        .then_with(|| a.confidence.to_bits().cmp(&b.confidence.to_bits()))
}

impl EventMerger {
    /// An empty merger.
    pub fn new() -> EventMerger {
        EventMerger::default()
    }

    /// An empty merger that knows which place names are whole countries
    /// (see [`same_occasion_with`]).
    pub fn with_countries(countries: BTreeSet<String>) -> EventMerger {
        EventMerger {
            countries,
            ..EventMerger::default()
        }
    }

    /// Adds a report. Clustering happens when the clusters are asked for,
    /// over every report added so far.
    pub fn add(&mut self, report: Event) {
        self.reports.push(report);
    }

    /// The partition of the reports: each cluster's report indexes (in
    /// order of [`EventMerger::add`]), clusters in order of their first
    /// report.
    /// With each cluster, the number of clusters its first report fitted
    /// equally well when it stayed on its own (see [`Conflicts::alternatives`]).
    fn partition(&self) -> Vec<(Vec<usize>, usize)> {
        let n = self.reports.len();
        let facts: Vec<Facts> = self.reports.iter().map(Facts::of).collect();
        let class = |f: &Facts| match (f.exact_day, &f.place) {
            (Some(_), Some(_)) => Class::Precise,
            (Some(_), None) => Class::Placeless,
            (None, _) => Class::Coarse,
        };
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            let width = |f: &Facts| f.span.1 - f.span.0;
            (class(&facts[a]), width(&facts[a]))
                .cmp(&(class(&facts[b]), width(&facts[b])))
                .then_with(|| content_order(&self.reports[a], &self.reports[b]))
                .then(a.cmp(&b))
        });
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut cluster_of: Vec<usize> = vec![usize::MAX; n];
        // Placed reports by participant and week, and by participant.
        let mut by_week: HashMap<(&str, i64), Vec<usize>> = HashMap::new();
        let mut long: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_actor: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut candidates: Vec<usize> = Vec::new();
        for &r in &order {
            let f = &facts[r];
            let weeks = week_keys(f.span);
            candidates.clear();
            for key in &f.actors {
                let key = key.as_str();
                let mut take = |list: Option<&Vec<usize>>| {
                    if let Some(list) = list {
                        candidates.extend(list.iter().map(|&o| cluster_of[o]));
                    }
                };
                match &weeks {
                    Some(weeks) => {
                        for week in weeks.clone() {
                            take(by_week.get(&(key, week)));
                        }
                        take(long.get(key));
                    }
                    // A long span may overlap anything of this actor's.
                    None => take(by_actor.get(key)),
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            let mut best: Option<(Fit, usize)> = None;
            let mut n_best = 0;
            for &c in &candidates {
                let Some(fit) = self.fit(f, &clusters[c], &facts) else {
                    continue;
                };
                match &best {
                    Some((b, _)) if fit < *b => {}
                    Some((b, _)) if fit == *b => n_best += 1,
                    _ => {
                        best = Some((fit, c));
                        n_best = 1;
                    }
                }
            }
            let tied = n_best > 1;
            let chosen = match best {
                Some((_, c)) if !tied || class(f) == Class::Precise => Some(c),
                _ => None,
            };
            let c = match chosen {
                Some(c) => {
                    let cluster = &mut clusters[c];
                    cluster.members.push(r);
                    cluster.core = cluster.core.intersection(&f.actors).cloned().collect();
                    c
                }
                None => {
                    clusters.push(Cluster {
                        members: vec![r],
                        core: f.actors.clone(),
                        alternatives: if tied { n_best } else { 0 },
                    });
                    clusters.len() - 1
                }
            };
            cluster_of[r] = c;
            for key in &f.actors {
                let key = key.as_str();
                by_actor.entry(key).or_default().push(r);
                match &weeks {
                    Some(weeks) => {
                        for week in weeks.clone() {
                            by_week.entry((key, week)).or_default().push(r);
                        }
                    }
                    None => long.entry(key).or_default().push(r),
                }
            }
        }
        let mut out: Vec<(Vec<usize>, usize)> = clusters
            .into_iter()
            .map(|mut c| {
                c.members.sort_unstable();
                // Joined by later reports: an occasion after all.
                let alternatives = if c.members.len() == 1 {
                    c.alternatives
                } else {
                    0
                };
                (c.members, alternatives)
            })
            .collect();
        out.sort_unstable_by_key(|m| m.0[0]);
        out
    }

    /// How well report `f` fits `cluster`, or `None` when it does not fit:
    /// some member is not the same occasion, or (meetings) the core
    /// participants every report names would fall below two.
    fn fit(&self, f: &Facts, cluster: &Cluster, facts: &[Facts]) -> Option<Fit> {
        if !cluster
            .members
            .iter()
            .all(|&m| f.fits(&facts[m], &self.countries))
        {
            return None;
        }
        let shared = cluster.core.intersection(&f.actors).count();
        if f.kind.is_meeting() && shared < 2 {
            // The very same single participant in every report is a core.
            let same = cluster.members.iter().all(|&m| facts[m].actors == f.actors);
            if !same {
                return None;
            }
        }
        let place = f.place.is_some() && cluster.members.iter().any(|&m| facts[m].place == f.place);
        let apart = (f.actors.len() - shared) + (cluster.core.len() - shared);
        Some((place, shared, -(apart as i64)))
    }

    /// The clusters: each merged event with the indexes (in order of
    /// [`EventMerger::add`]) of its reports and its conflicts, in order of
    /// each cluster's first report.
    pub fn clusters(&mut self) -> Vec<(Event, Vec<usize>, Conflicts)> {
        self.partition()
            .into_iter()
            .filter_map(|(members, alternatives)| {
                let reports: Vec<Event> =
                    members.iter().map(|&i| self.reports[i].clone()).collect();
                merge_reports(&reports).map(|(e, mut c)| {
                    c.alternatives = alternatives;
                    (e, members, c)
                })
            })
            .collect()
    }

    /// The merged events, sorted by start date then id, each with its
    /// number of reports and its conflicts.
    pub fn events(&mut self) -> Vec<(Event, usize, Conflicts)> {
        let mut out: Vec<(Event, usize, Conflicts)> = self
            .clusters()
            .into_iter()
            .map(|(e, members, c)| (e, members.len(), c))
            .collect();
        out.sort_by(|a, b| {
            a.0.when
                .start
                .cmp(&b.0.when.start)
                .then_with(|| a.0.id.cmp(&b.0.id))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    //! Table-driven: each table row is one case of a rule (names that are
    //! or are not one actor, reports that are or are not one occasion),
    //! most of them variations of one fixture, the Kerry–Lavrov meeting in
    //! Paris on 2014-03-30; one `check` per table asserts every row.

    use super::*;
    use crate::model::Mention;
    use chrono::NaiveDate;

    fn person(name: &str, aliases: &[&str]) -> Actor {
        let mut a = Actor::new(name, ActorKind::Person);
        a.aliases = aliases.iter().map(|s| s.to_string()).collect();
        a
    }

    fn day(y: i32, m: u32, d: u32) -> When {
        When::day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    fn event(id: &str, kind: EventKind, when: When, actors: &[&str], place: Option<&str>) -> Event {
        Event {
            id: id.to_string(),
            kind,
            cameo: kind.default_cameo().map(str::to_string),
            source_code: None,
            target_code: None,
            when,
            participants: actors
                .iter()
                .map(|a| Participant {
                    actor: a.to_string(),
                    role: Role::Participant,
                })
                .collect(),
            place: place.map(str::to_string),
            modality: Modality::Asserted,
            mentions: vec![Mention {
                document: format!("doc-{id}"),
                text: String::new(),
                start: 0,
                end: 0,
            }],
            confidence: 0.8,
        }
    }

    /// The fixture: John Kerry and Sergei Lavrov meet in Paris on
    /// 2014-03-30, as reported by document `doc-{id}`.
    fn paris(id: &str) -> Event {
        event(
            id,
            EventKind::Meet,
            day(2014, 3, 30),
            &["John Kerry", "Sergei Lavrov"],
            Some("Paris"),
        )
    }

    /// The fixture with one change.
    fn paris_with(id: &str, change: impl FnOnce(&mut Event)) -> Event {
        let mut e = paris(id);
        change(&mut e);
        e
    }

    #[test]
    fn skeletons() {
        // (name, other name, same skeleton)
        let cases = [
            ("Sergei Lavrov", "Sergey Lavrov", true),
            ("Kiev", "Kyiv", true),
            ("Dmitry Medvedev", "Dmitri Medvedev", true),
            ("Angela Merkel", "Barack Obama", false),
        ];
        for (a, b, same) in cases {
            assert_eq!(skeleton(a) == skeleton(b), same, "{a} / {b}");
        }
    }

    #[test]
    fn same_actor_cases() {
        let place = |name: &str| Actor::new(name, ActorKind::Place);
        // (what the case shows, one actor, another, one actor or two)
        let cases = [
            (
                "spelling variants",
                person("Sergei Lavrov", &["Lavrov"]),
                person("Sergey Lavrov", &["Lavrov"]),
                true,
            ),
            (
                "a place spelled two ways",
                place("Kiev"),
                place("Kyiv"),
                true,
            ),
            (
                "brothers sharing a surname",
                person("Fidel Castro", &["Castro"]),
                person("Raul Castro", &["Castro"]),
                false,
            ),
            (
                "father and son",
                person("George W. Bush", &["Bush"]),
                person("George H.W. Bush", &["Bush"]),
                false,
            ),
        ];
        for (what, a, b, same) in &cases {
            assert_eq!(same_actor(a, b), *same, "{what}");
        }
        // a surname shared by two people is no match key of either
        let fidel = person("Fidel Castro", &["Castro"]);
        assert!(match_keys(&fidel).iter().all(|k| k != "castro"));
    }

    /// One row of the occasion table: two reports, the place names known to
    /// be countries, and whether they are one occasion.
    struct Occasion {
        what: &'static str,
        a: Event,
        b: Event,
        countries: &'static [&'static str],
        same: bool,
    }

    fn check(case: &Occasion) {
        let countries: BTreeSet<String> = case.countries.iter().map(|c| c.to_string()).collect();
        assert_eq!(
            same_occasion_with(&case.a, &case.b, &countries),
            case.same,
            "{}",
            case.what
        );
        if countries.is_empty() {
            assert_eq!(same_occasion(&case.a, &case.b), case.same, "{}", case.what);
        }
    }

    #[test]
    fn occasions() {
        let one_document = {
            let long = event(
                "a",
                EventKind::Visit,
                When::month(2011, 1).unwrap(),
                &["Flo Gray"],
                None,
            );
            let mut short = event("b", EventKind::Visit, day(2011, 1, 1), &["Flo Gray"], None);
            short.mentions = long.mentions.clone();
            (long, short)
        };
        let cases = [
            Occasion {
                what: "another city",
                a: paris("a"),
                b: paris_with("b", |e| e.place = Some("London".into())),
                countries: &[],
                same: false,
            },
            Occasion {
                what: "two weeks later",
                a: paris("a"),
                b: paris_with("c", |e| e.when = day(2014, 4, 14)),
                countries: &[],
                same: false,
            },
            Occasion {
                what: "a call, not a meeting",
                a: paris("a"),
                b: paris_with("d", |e| {
                    e.kind = EventKind::Call;
                    e.cameo = EventKind::Call.default_cameo().map(str::to_string);
                    e.place = None;
                }),
                countries: &[],
                same: false,
            },
            Occasion {
                what: "another person",
                a: paris("a"),
                b: paris_with("e", |e| e.participants[1].actor = "Laurent Fabius".into()),
                countries: &[],
                same: false,
            },
            Occasion {
                what: "a country as place, not known as one",
                a: paris("a"),
                b: paris_with("b", |e| e.place = Some("Ukraine".into())),
                countries: &[],
                same: false,
            },
            Occasion {
                what: "a country as place yields to the city",
                a: paris("a"),
                b: paris_with("b", |e| e.place = Some("Ukraine".into())),
                countries: &["ukraine"],
                same: true,
            },
            Occasion {
                what: "a country as place, with one side only",
                a: paris("a"),
                b: paris_with("b", |e| {
                    e.place = Some("Ukraine".into());
                    e.participants.pop();
                }),
                countries: &["ukraine"],
                same: false,
            },
            Occasion {
                what: "planned and happened",
                a: {
                    let mut planned = event(
                        "a",
                        EventKind::Meet,
                        day(2014, 4, 1),
                        &["John Kerry", "NATO"],
                        Some("Brussels"),
                    );
                    planned.modality = Modality::Planned;
                    planned
                },
                b: event(
                    "b",
                    EventKind::Meet,
                    day(2014, 4, 1),
                    &["John Kerry", "NATO"],
                    None,
                ),
                countries: &[],
                same: true,
            },
            Occasion {
                what: "a day within a month, from two documents",
                a: one_document.0.clone(),
                b: event("b", EventKind::Visit, day(2011, 1, 1), &["Flo Gray"], None),
                countries: &[],
                same: true,
            },
            Occasion {
                what: "a day within a month, from one document: two events",
                a: one_document.0,
                b: one_document.1,
                countries: &[],
                same: false,
            },
        ];
        for case in &cases {
            check(case);
        }
    }

    #[test]
    fn reports_of_one_meeting_merge() {
        let b = paris_with("b", |e| {
            e.kind = EventKind::Negotiate;
            e.cameo = EventKind::Negotiate.default_cameo().map(str::to_string);
            e.place = None;
        });
        let mut month = When::month(2014, 3).unwrap();
        month.source = DateSource::Explicit;
        let c = paris_with("c", |e| {
            e.when = month;
            e.participants.reverse();
        });
        let mut merger = EventMerger::new();
        for e in [c, paris("a"), b] {
            merger.add(e);
        }
        let merged = merger.events();
        assert_eq!(merged.len(), 1);
        let (event, n, conflicts) = &merged[0];
        assert_eq!(*n, 3);
        assert_eq!(event.when.value, "2014-03-30");
        assert_eq!(event.place.as_deref(), Some("Paris"));
        assert_eq!(event.kind, EventKind::Meet);
        assert_eq!(event.mentions.len(), 3);
        assert_eq!(conflicts.dates, vec!["2014-03".to_string()]);
    }

    #[test]
    fn merged_places_and_modality() {
        let ukraine = paris_with("b", |e| e.place = Some("Ukraine".into()));
        let (merged, conflicts) = merge_reports(&[paris("a"), ukraine, paris("a")]).unwrap();
        assert_eq!(merged.place.as_deref(), Some("Paris"));
        assert_eq!(conflicts.places, ["Ukraine"]);

        let mut planned = event(
            "a",
            EventKind::Meet,
            day(2014, 4, 1),
            &["John Kerry", "NATO"],
            Some("Brussels"),
        );
        planned.modality = Modality::Planned;
        let happened = event(
            "b",
            EventKind::Meet,
            day(2014, 4, 1),
            &["John Kerry", "NATO"],
            None,
        );
        let (merged, _) = merge_reports(&[planned, happened]).unwrap();
        assert_eq!(merged.modality, Modality::Asserted);
        assert_eq!(merged.place.as_deref(), Some("Brussels"));
    }

    #[test]
    fn merging_ignores_order() {
        let reports = [
            event(
                "a",
                EventKind::Meet,
                day(2014, 3, 30),
                &["A B", "C D"],
                Some("Paris"),
            ),
            event(
                "b",
                EventKind::Meet,
                day(2014, 3, 30),
                &["A B", "C D", "E F"],
                None,
            ),
            event("c", EventKind::Statement, day(2014, 3, 30), &["A B"], None),
            event(
                "d",
                EventKind::Meet,
                When::month(2014, 3).unwrap(),
                &["C D", "A B"],
                None,
            ),
        ];
        let mut forward = EventMerger::new();
        reports.iter().cloned().for_each(|r| forward.add(r));
        let mut backward = EventMerger::new();
        reports.iter().rev().cloned().for_each(|r| backward.add(r));
        assert_eq!(forward.events(), backward.events());
    }

    /// The case of issue 15: John Kerry and Sergei Lavrov meet four times
    /// in March 2014, twice in Paris (5 and 30 March), in Rome (6 March)
    /// and in London (14 March); several documents report each meeting,
    /// some without the place, one with only its publication day, some
    /// naming a bystander; one more report says only "in March", no place.
    /// Exactly four meetings come out, each with its own day and city. The
    /// vague report fits all four equally well (no place to prefer one, the
    /// same two people), so by the tie rule it joins none and stays an
    /// event of its own, dated by the month.
    #[test]
    fn four_meetings_in_one_month_stay_four() {
        let kl = ["John Kerry", "Sergei Lavrov"];
        let meet = |id: &str, when: When, who: &[&str], place: Option<&str>| {
            event(id, EventKind::Meet, when, who, place)
        };
        let mut inferred = day(2014, 3, 31);
        inferred.source = DateSource::Inferred;
        let mut march = When::month(2014, 3).unwrap();
        march.source = DateSource::Explicit;
        let reports = vec![
            meet("p5a", day(2014, 3, 5), &kl, Some("Paris")),
            meet("p5b", day(2014, 3, 5), &kl, None),
            meet(
                "p5c",
                day(2014, 3, 5),
                &["John Kerry", "Sergei Lavrov", "Ukraine"],
                Some("Paris"),
            ),
            meet("r6a", day(2014, 3, 6), &kl, Some("Rome")),
            meet(
                "r6b",
                day(2014, 3, 6),
                &["John Kerry", "Sergei Lavrov", "Vladimir Putin"],
                Some("Rome"),
            ),
            meet("l14a", day(2014, 3, 14), &kl, Some("London")),
            meet("l14b", day(2014, 3, 14), &kl, None),
            meet("p30a", day(2014, 3, 30), &kl, Some("Paris")),
            meet("p30b", day(2014, 3, 30), &kl, Some("Paris")),
            meet("p30c", inferred, &kl, None),
            meet("vague", march, &kl, None),
        ];
        let expected = [
            ("2014-03-05", Some("Paris"), 3),
            ("2014-03-06", Some("Rome"), 2),
            ("2014-03-14", Some("London"), 2),
            ("2014-03-30", Some("Paris"), 3),
        ];
        let n = reports.len();
        // Every rotation of the input and its reverse: one answer.
        let mut answers = Vec::new();
        for shift in 0..n {
            for reverse in [false, true] {
                let mut order = reports.clone();
                order.rotate_left(shift);
                if reverse {
                    order.reverse();
                }
                let mut merger = EventMerger::new();
                order.into_iter().for_each(|r| merger.add(r));
                answers.push(merger.events());
            }
        }
        let events = &answers[0];
        assert!(answers.iter().all(|a| a == events));
        let days: Vec<_> = events
            .iter()
            .filter(|(e, ..)| e.when.precision == crate::model::Precision::Day)
            .map(|(e, n, _)| (e.when.value.as_str(), e.place.as_deref(), *n))
            .collect();
        assert_eq!(days, expected);
        // The vague report stays on its own.
        assert_eq!(events.len(), 5);
        let vague: Vec<_> = events
            .iter()
            .filter(|(e, ..)| e.when.value == "2014-03")
            .collect();
        assert_eq!(vague.len(), 1);
        assert_eq!(vague[0].1, 1);
        assert_eq!(vague[0].0.id, "vague");

        // Without the two Rome reports and the London ones, and with the
        // 5 March meeting moved to April, March has one meeting: the vague
        // report joins it.
        let mut one = reports.clone();
        one.retain(|r| !r.id.starts_with('r') && !r.id.starts_with('l'));
        for r in one.iter_mut().filter(|r| r.id.starts_with("p5")) {
            r.when = day(2014, 4, 5);
        }
        let mut merger = EventMerger::new();
        one.into_iter().for_each(|r| merger.add(r));
        let events = merger.events();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].0.when.value, "2014-03-30");
        assert_eq!(events[0].1, 4);
    }

    /// Chains are not clusters: a report that fits two reports that do not
    /// fit each other joins at most one of them.
    #[test]
    fn no_chains_through_a_coarse_report() {
        let a = paris("a");
        let b = paris_with("b", |e| {
            e.when = day(2014, 3, 29);
            e.place = None;
        });
        let mut march = When::month(2014, 3).unwrap();
        march.source = DateSource::Explicit;
        let c = paris_with("c", |e| e.when = march);
        let mut merger = EventMerger::new();
        [a, b, c].into_iter().for_each(|r| merger.add(r));
        let events = merger.events();
        // the month report in Paris fits the Paris meeting best (same place)
        assert_eq!(events.len(), 2);
        assert!(events
            .iter()
            .all(|(e, ..)| e.when.precision == crate::model::Precision::Day));
        let paris_event = events
            .iter()
            .find(|(e, ..)| e.when.value == "2014-03-30")
            .unwrap();
        assert_eq!(paris_event.1, 2);
    }
}
