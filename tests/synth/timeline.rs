//! Synthetic report sets from a known timeline, to measure event merging.
//!
//! A timeline of occasions (who met or visited whom, on which day, in which
//! city) is drawn with a small xorshift generator from a fixed seed; each
//! occasion gets 1-6 reports, as different documents would give them: the
//! date kept to the day, coarsened to the month or replaced by an inferred
//! publication day (up to two days later), the place dropped, the names
//! spelled differently ("Sergei"/"Sergey", capitals), a bystander added to
//! a meeting, a meeting called talks. The reports come in a fixed random
//! order. The truth (each report's occasion) is kept, so clusters can be
//! scored with B-cubed precision and recall.
//!
//! Used by `tests/resolve_clusters.rs` and `examples/resolve_bench.rs`
//! (`--synthetic`) through `#[path]`.

use chrono::NaiveDate;
use eventgraph::{
    resolve_actors, skeleton, Actor, ActorInput, ActorKind, DateSource, Event, EventKind, Mention,
    Modality, Participant, Role, When,
};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// A xorshift64* generator: small, fixed, no dependency.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (zero is replaced by a constant).
    pub fn new(seed: u64) -> Rng {
        Rng(if seed == 0 {
            0x9e37_79b9_7f4a_7c15
        } else {
            seed
        })
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// A number in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A generated report set.
pub struct ReportSet {
    /// The reports, in the generator's random order.
    pub reports: Vec<Event>,
    /// For each report, the index of its occasion in the timeline.
    pub occasion: Vec<usize>,
    /// For each report, its true day when the report states one exactly
    /// (explicit day), else `None`.
    pub exact_day: Vec<Option<NaiveDate>>,
    /// The number of occasions.
    pub occasions: usize,
}

const FIRST: &[&str] = &[
    "Sergei", "Anna", "Dmitri", "Maria", "Nikolai", "Elena", "Andrei", "Olga", "Yuri", "Irina",
    "Pavel", "Laila", "Omar", "Fatima", "Kenji", "Akiko", "Pedro", "Lucia", "Jonas", "Greta",
];

const CITIES: &[&str] = &[
    "Paris", "Rome", "London", "Geneva", "Vienna", "Berlin", "Madrid", "Lisbon", "Oslo", "Warsaw",
    "Prague", "Athens", "Cairo", "Doha", "Riyadh", "Ankara", "Tehran", "Delhi", "Beijing", "Tokyo",
    "Seoul", "Manila", "Jakarta", "Nairobi", "Lagos", "Dakar", "Havana", "Lima", "Bogota", "Quito",
];

/// Surnames whose transliteration skeletons all differ (so two people never
/// pass for one), built from consonant-vowel syllables.
fn surnames(count: usize, rng: &mut Rng) -> Vec<String> {
    const CONS: &[u8] = b"bdfgklmnprstvz";
    const VOWELS: &[u8] = b"aeiou";
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let syllables = 2 + rng.below(3);
        let mut name = String::new();
        for i in 0..syllables {
            let c = CONS[rng.below(CONS.len())] as char;
            name.push(if i == 0 { c.to_ascii_uppercase() } else { c });
            name.push(VOWELS[rng.below(VOWELS.len())] as char);
        }
        if seen.insert(skeleton(&name)) {
            out.push(name);
        }
    }
    out
}

/// A spelling of a person's name as one document gives it: as is, with
/// the inner vowels of the first name changed (one skeleton), or with the
/// surname in capitals.
fn variant(first: &str, last: &str, rng: &mut Rng) -> String {
    match rng.below(6) {
        0 | 1 => {
            let mut chars: Vec<char> = first.chars().collect();
            for c in chars.iter_mut().skip(1) {
                *c = match *c {
                    'i' => 'y',
                    'y' => 'i',
                    'e' => 'a',
                    other => other,
                };
            }
            let changed: String = chars.into_iter().collect();
            format!("{changed} {last}")
        }
        2 => format!("{first} {}", last.to_uppercase()),
        _ => format!("{first} {last}"),
    }
}

struct Occasion {
    kind: EventKind,
    day: NaiveDate,
    city: &'static str,
    core: Vec<usize>,
}

/// Generates about `n` reports (exactly `n`) from a timeline drawn with
/// `seed`. People are drawn with a skewed popularity (a few meet often, as
/// foreign ministers do), days from two years.
pub fn generate(n: usize, seed: u64) -> ReportSet {
    let mut rng = Rng::new(seed);
    let people = (n / 40).max(40);
    let last = surnames(people, &mut rng);
    let first: Vec<&str> = (0..people).map(|_| FIRST[rng.below(FIRST.len())]).collect();
    let origin = NaiveDate::from_ymd_opt(2012, 1, 1).expect("valid date");
    let days = 2 * 365;
    let pick =
        |rng: &mut Rng| ((rng.unit() * rng.unit() * rng.unit()) * people as f64) as usize % people;
    let mut timeline: Vec<Occasion> = Vec::new();
    let mut distinct = HashSet::new();
    let mut reports = Vec::with_capacity(n);
    let mut occasion = Vec::with_capacity(n);
    let mut exact_day = Vec::with_capacity(n);
    while reports.len() < n {
        let kind = if rng.chance(15) {
            EventKind::Visit
        } else {
            EventKind::Meet
        };
        let size = if kind == EventKind::Meet && rng.chance(30) {
            3
        } else {
            2
        };
        let mut core = BTreeSet::new();
        while core.len() < size {
            core.insert(pick(&mut rng));
        }
        let day = origin + chrono::Days::new(rng.below(days) as u64);
        let city = CITIES[rng.below(CITIES.len())];
        let core: Vec<usize> = core.into_iter().collect();
        // One occasion per (kind, people, day): two meetings of the same
        // people on one day would be told apart by their place alone.
        if !distinct.insert((kind, core.clone(), day)) {
            continue;
        }
        let index = timeline.len();
        timeline.push(Occasion {
            kind,
            day,
            city,
            core,
        });
        let o = &timeline[index];
        let count = 1 + rng.below(6);
        for _ in 0..count.min(n - reports.len()) {
            let id = reports.len();
            let published = o.day + chrono::Days::new(rng.below(3) as u64);
            let roll = rng.below(100);
            let (when, exact) = if roll < 68 {
                (When::day(o.day), Some(o.day))
            } else if roll < 82 {
                let month = When::month(
                    chrono::Datelike::year(&o.day),
                    chrono::Datelike::month(&o.day),
                )
                .expect("valid month");
                (month, None)
            } else {
                let mut inferred = When::day(published);
                inferred.source = DateSource::Inferred;
                (inferred, None)
            };
            let place = (!rng.chance(25)).then(|| o.city.to_string());
            let mut participants: Vec<Participant> = o
                .core
                .iter()
                .enumerate()
                .map(|(i, &p)| Participant {
                    actor: variant(first[p], &last[p], &mut rng),
                    role: match (o.kind, i) {
                        (EventKind::Visit, 0) => Role::Source,
                        (EventKind::Visit, _) => Role::Target,
                        _ => Role::Participant,
                    },
                })
                .collect();
            if o.kind == EventKind::Meet && rng.chance(20) {
                let extra = pick(&mut rng);
                if !o.core.contains(&extra) {
                    participants.push(Participant {
                        actor: variant(first[extra], &last[extra], &mut rng),
                        role: Role::Participant,
                    });
                }
            }
            let kind = if o.kind == EventKind::Meet && rng.chance(10) {
                EventKind::Negotiate
            } else {
                o.kind
            };
            reports.push(Event {
                id: format!("r{id:06}"),
                kind,
                cameo: kind.default_cameo().map(str::to_string),
                source_code: None,
                target_code: None,
                when,
                participants,
                place,
                modality: Modality::Asserted,
                mentions: vec![Mention {
                    document: format!("d{id:06}"),
                    text: format!("report {id}"),
                    start: 0,
                    end: 9,
                }],
                confidence: 0.8,
            });
            occasion.push(index);
            exact_day.push(exact);
        }
    }
    // A fixed random order (Fisher-Yates).
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut set = ReportSet {
        reports: Vec::with_capacity(n),
        occasion: Vec::with_capacity(n),
        exact_day: Vec::with_capacity(n),
        occasions: timeline.len(),
    };
    for i in order {
        set.reports.push(reports[i].clone());
        set.occasion.push(occasion[i]);
        set.exact_day.push(exact_day[i]);
    }
    set
}

/// Another order of the same reports: a permutation drawn from `seed`
/// (each element is an index into the set's reports).
pub fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, rng.below(i + 1));
    }
    order
}

/// The reports with every participant named by its resolved actor's
/// canonical name, as the store does before merging: each distinct name
/// is a stored actor, each report a document (`resolve_actors`).
pub fn resolve_names(reports: &[Event]) -> Vec<Event> {
    let mut documents: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for (i, r) in reports.iter().enumerate() {
        for p in &r.participants {
            documents.entry(&p.actor).or_default().push(i as i64);
        }
    }
    let names: Vec<&str> = documents.keys().copied().collect();
    let inputs: Vec<ActorInput> = documents
        .iter()
        .map(|(name, docs)| ActorInput {
            actor: Actor::new(*name, ActorKind::Person),
            documents: docs.clone(),
        })
        .collect();
    let resolution = resolve_actors(&inputs);
    let canonical: BTreeMap<&str, &str> = names
        .iter()
        .zip(&resolution.actor_of)
        .map(|(name, &a)| (*name, resolution.actors[a].name.as_str()))
        .collect();
    reports
        .iter()
        .map(|r| {
            let mut r = r.clone();
            for p in &mut r.participants {
                if let Some(name) = canonical.get(p.actor.as_str()) {
                    p.actor = name.to_string();
                }
            }
            r
        })
        .collect()
}

/// B-cubed precision, recall and F1 of `clusters` (report indexes) against
/// the true occasion of each report.
pub fn bcubed(clusters: &[Vec<usize>], occasion: &[usize]) -> (f64, f64, f64) {
    let n = occasion.len();
    let mut truth_size: BTreeMap<usize, usize> = BTreeMap::new();
    for &o in occasion {
        *truth_size.entry(o).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for cluster in clusters {
        let mut in_cluster: BTreeMap<usize, usize> = BTreeMap::new();
        for &r in cluster {
            *in_cluster.entry(occasion[r]).or_default() += 1;
        }
        for &r in cluster {
            let both = in_cluster[&occasion[r]] as f64;
            precision += both / cluster.len() as f64;
            recall += both / truth_size[&occasion[r]] as f64;
        }
    }
    let (p, r) = (precision / n as f64, recall / n as f64);
    (p, r, 2.0 * p * r / (p + r))
}
