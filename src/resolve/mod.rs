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

pub mod actors;
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
pub fn match_keys(actor: &Actor) -> Vec<String> {
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

/// Whether two reports come from (at least) one same document.
fn shares_document(a: &Event, b: &Event) -> bool {
    a.mentions
        .iter()
        .any(|m| b.mentions.iter().any(|n| n.document == m.document))
}

fn actor_set(event: &Event) -> BTreeSet<String> {
    event
        .participants
        .iter()
        .map(|p| normalize_name(&p.actor))
        .collect()
}

/// Whether two reports describe the same occasion: compatible kinds, dates
/// that overlap at their precision, the same participants or a subset (and
/// at least one), no conflicting place, and not one negated while the other
/// asserts. A planned event and the report that it happened do merge.
/// Two reports from one document never merge: a document that states two
/// events gives two events (the extractor already joins its own repeats).
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
    if !kinds_compatible(a.kind, b.kind) || shares_document(a, b) {
        return false;
    }
    let negated = |e: &Event| e.modality == Modality::Negated;
    if negated(a) != negated(b) {
        return false;
    }
    let (sa, ea) = match_span(&a.when);
    let (sb, eb) = match_span(&b.when);
    if sa > eb || sb > ea {
        return false;
    }
    let pa = actor_set(a);
    let pb = actor_set(b);
    if pa.is_empty() || pb.is_empty() {
        return false;
    }
    if !(pa.is_subset(&pb) || pb.is_subset(&pa)) {
        return false;
    }
    if a.kind.is_meeting() && pa.len().min(pb.len()) < 2 && pa != pb {
        return false;
    }
    if let (Some(x), Some(y)) = (&a.place, &b.place) {
        let (nx, ny) = (normalize_name(x), normalize_name(y));
        let coarse = countries.contains(&nx) || countries.contains(&ny);
        if nx != ny && !(coarse && one_meeting(a, b, &pa, &pb)) {
            return false;
        }
    }
    true
}

/// The same two or more actors meeting on the same explicitly reported day:
/// one occasion even when the reports name different places (one of them
/// is then kept as a conflict, see [`merge_reports`]).
fn one_meeting(a: &Event, b: &Event, pa: &BTreeSet<String>, pb: &BTreeSet<String>) -> bool {
    // One day (or part of it), read from the text rather than inferred.
    let exact_day = |e: &Event| e.when.start == e.when.end && e.when.source != DateSource::Inferred;
    a.kind.is_meeting()
        && b.kind.is_meeting()
        && pa.len() >= 2
        && pa == pb
        && exact_day(a)
        && exact_day(b)
        && a.when.start == b.when.start
}

/// The values a merged event did not keep because reports disagreed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Conflicts {
    /// TIMEX3 values of dates not kept.
    pub dates: Vec<String>,
    /// Places not kept.
    pub places: Vec<String>,
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

/// Clusters event reports into occasions, incrementally. Two reports share
/// a cluster when a chain of [`same_occasion`] links joins them, so the
/// clusters are the same whatever order the reports arrive in.
#[derive(Debug, Default)]
pub struct EventMerger {
    reports: Vec<Event>,
    parent: Vec<usize>,
    /// Reports by participant key, to find candidates without a full scan.
    by_actor: HashMap<String, Vec<usize>>,
    /// Reports of short span by participant key and week of the days they
    /// may match (see [`week_keys`]).
    by_week: HashMap<(String, i64), Vec<usize>>,
    /// Reports of long span by participant key.
    long: HashMap<String, Vec<usize>>,
    /// Normalised names of places that are whole countries.
    countries: BTreeSet<String>,
    /// Each report's matching span (see `match_span`).
    spans: Vec<(chrono::NaiveDate, chrono::NaiveDate)>,
}

/// The weeks (day number / 7) a report's matching span covers, or `None`
/// for spans longer than about two months (matched against every report
/// of the same actor). Two reports whose spans overlap share a week.
fn week_keys(when: &When) -> Option<std::ops::RangeInclusive<i64>> {
    let (start, end) = match_span(when);
    let s = i64::from(crate::model::day_number(start)).div_euclid(7);
    let e = i64::from(crate::model::day_number(end)).div_euclid(7);
    (e - s <= 9).then_some(s..=e)
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

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Adds a report and joins it to every cluster it matches.
    pub fn add(&mut self, report: Event) {
        let index = self.reports.len();
        let (start, end) = match_span(&report.when);
        let kind = report.kind;
        // Candidates: reports of the same actors whose spans overlap this
        // one's and whose kinds fit (cheap checks, before `same_occasion`).
        let fits = |other: usize, spans: &[(chrono::NaiveDate, chrono::NaiveDate)]| {
            let (s, e) = spans[other];
            s <= end && start <= e
        };
        let mut candidates: Vec<usize> = Vec::new();
        let weeks = week_keys(&report.when);
        let actors = actor_set(&report);
        for key in &actors {
            let mut take = |list: &Vec<usize>| {
                candidates.extend(list.iter().copied().filter(|&o| fits(o, &self.spans)));
            };
            match &weeks {
                Some(weeks) => {
                    for week in weeks.clone() {
                        if let Some(list) = self.by_week.get(&(key.clone(), week)) {
                            take(list);
                        }
                    }
                    if let Some(list) = self.long.get(key) {
                        take(list);
                    }
                }
                // A long span may overlap anything of this actor's.
                None => {
                    if let Some(list) = self.by_actor.get(key) {
                        take(list);
                    }
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        self.parent.push(index);
        for key in actors {
            self.by_actor.entry(key.clone()).or_default().push(index);
            match &weeks {
                Some(weeks) => {
                    for week in weeks.clone() {
                        self.by_week
                            .entry((key.clone(), week))
                            .or_default()
                            .push(index);
                    }
                }
                None => self.long.entry(key).or_default().push(index),
            }
        }
        self.spans.push((start, end));
        self.reports.push(report);
        for other in candidates {
            if !kinds_compatible(kind, self.reports[other].kind) {
                continue;
            }
            if same_occasion_with(&self.reports[index], &self.reports[other], &self.countries) {
                let a = self.find(index);
                let b = self.find(other);
                if a != b {
                    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                    self.parent[hi] = lo;
                }
            }
        }
    }

    /// The clusters: each merged event with the indexes (in order of
    /// [`EventMerger::add`]) of its reports and its conflicts, in order of
    /// each cluster's first report.
    pub fn clusters(&mut self) -> Vec<(Event, Vec<usize>, Conflicts)> {
        let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..self.reports.len() {
            let root = self.find(i);
            clusters.entry(root).or_default().push(i);
        }
        clusters
            .into_values()
            .filter_map(|members| {
                let reports: Vec<Event> =
                    members.iter().map(|&i| self.reports[i].clone()).collect();
                merge_reports(&reports).map(|(e, c)| (e, members, c))
            })
            .collect()
    }

    /// The merged events, sorted by start date then id, each with its
    /// number of reports and its conflicts.
    pub fn events(&mut self) -> Vec<(Event, usize, Conflicts)> {
        let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..self.reports.len() {
            let root = self.find(i);
            clusters.entry(root).or_default().push(i);
        }
        let mut out: Vec<(Event, usize, Conflicts)> = clusters
            .values()
            .filter_map(|members| {
                let reports: Vec<Event> =
                    members.iter().map(|&i| self.reports[i].clone()).collect();
                merge_reports(&reports).map(|(e, c)| (e, reports.len(), c))
            })
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
}
