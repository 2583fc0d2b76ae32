//! The synthetic event-graph workload of the shared benchmark (WORKLOAD.md),
//! reproduced draw for draw: SplitMix64, uniform days, event types, 2 or 3
//! distinct Zipf(s = 1) actors per event (cumulative weights summed left to
//! right, `bisect_right`), and the Q1/Q2 queries from a second generator.
//! `write_events_tsv` and `queries_json` give the exact bytes of the
//! reference `events.tsv` and `queries.json`, so their sha256 can be compared
//! with the hashes published in WORKLOAD.md.

#![allow(dead_code)]

use std::io::{self, Write};

/// Seed of the events stream.
pub const SEED: u64 = 20140331;
/// Seed of the queries stream.
pub const QUERY_SEED: u64 = SEED + 1;
/// 2005-01-01 (day 0) .. 2024-12-31 (day 7304).
pub const N_DAYS: u32 = 7305;
pub const TYPES: [&str; 5] = ["MEET", "VISIT", "CALL", "STATEMENT", "TROOP_MOVEMENT"];
const TYPE_CUM: [f64; 4] = [0.25, 0.40, 0.60, 0.90];
const N_Q1: usize = 1000;
const Q1_WINDOW: u32 = 30;
const N_Q1_HUB: usize = 10;

/// SplitMix64 with 64-bit wrapping arithmetic.
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// An f64 in [0, 1): the top 53 bits times 2^-53.
    pub fn unif(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// Unnormalised cumulative Zipf weights `1/(r+1)`, summed left to right.
pub fn zipf_cdf(n: usize) -> Vec<f64> {
    let mut acc = 0.0f64;
    (0..n)
        .map(|r| {
            acc += 1.0 / (r as f64 + 1.0);
            acc
        })
        .collect()
}

/// One Zipf draw: the first rank `r` with `cum[r] > x` (`bisect_right`),
/// clamped to the last rank.
pub fn zipf_draw(rng: &mut SplitMix64, cum: &[f64]) -> u32 {
    let x = rng.unif() * cum[cum.len() - 1];
    let r = cum.partition_point(|&c| c <= x);
    r.min(cum.len() - 1) as u32
}

/// The generated events: parallel arrays; the actors of event `i` are
/// `actors[offsets[i]..offsets[i + 1]]` in draw order.
pub struct Events {
    pub days: Vec<u16>,
    pub types: Vec<u8>,
    pub offsets: Vec<u32>,
    pub actors: Vec<u32>,
    pub n_actors: usize,
}

impl Events {
    pub fn len(&self) -> usize {
        self.days.len()
    }

    pub fn actors_of(&self, i: usize) -> &[u32] {
        &self.actors[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

/// Generates `n_events` events over `n_actors` actors.
pub fn generate_events(n_events: usize, n_actors: usize) -> Events {
    let mut rng = SplitMix64::new(SEED);
    let cum = zipf_cdf(n_actors);
    let mut days = Vec::with_capacity(n_events);
    let mut types = Vec::with_capacity(n_events);
    let mut offsets = Vec::with_capacity(n_events + 1);
    let mut actors = Vec::with_capacity(n_events * 5 / 2);
    offsets.push(0u32);
    for _ in 0..n_events {
        days.push((rng.unif() * f64::from(N_DAYS)) as u16);
        let u = rng.unif();
        let t = TYPE_CUM.iter().position(|&c| u < c).unwrap_or(4);
        types.push(t as u8);
        let k = 2 + (rng.next_u64() >> 63) as usize;
        let start = actors.len();
        while actors.len() - start < k {
            let a = zipf_draw(&mut rng, &cum);
            if !actors[start..].contains(&a) {
                actors.push(a);
            }
        }
        offsets.push(actors.len() as u32);
    }
    Events {
        days,
        types,
        offsets,
        actors,
        n_actors,
    }
}

/// A Q1 query: events of `actor` with `from <= day < to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Q1 {
    pub actor: u32,
    pub from: u32,
    pub to: u32,
}

/// A Q2 query: pairs of actors in MEET events with `from <= day < to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Q2 {
    pub from: u32,
    pub to: u32,
}

/// The query set, in generation order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queries {
    pub q1: Vec<Q1>,
    pub q1_hub: Vec<Q1>,
    pub q2: Vec<Q2>,
}

/// Generates the queries for a workload of `n_actors` actors.
pub fn generate_queries(n_actors: usize) -> Queries {
    let mut rng = SplitMix64::new(QUERY_SEED);
    let cum = zipf_cdf(n_actors);
    let mut q1 = Vec::with_capacity(N_Q1);
    for _ in 0..N_Q1 {
        let actor = zipf_draw(&mut rng, &cum);
        let from = (rng.unif() * f64::from(N_DAYS - Q1_WINDOW)) as u32;
        q1.push(Q1 {
            actor,
            from,
            to: from + Q1_WINDOW,
        });
    }
    let mut q1_hub = Vec::with_capacity(N_Q1_HUB);
    for _ in 0..N_Q1_HUB {
        let from = (rng.unif() * f64::from(N_DAYS - Q1_WINDOW)) as u32;
        q1_hub.push(Q1 {
            actor: 0,
            from,
            to: from + Q1_WINDOW,
        });
    }
    let mut q2 = Vec::with_capacity(20);
    for window in [30u32; 10].into_iter().chain([365u32; 10]) {
        let from = (rng.unif() * f64::from(N_DAYS - window)) as u32;
        q2.push(Q2 {
            from,
            to: from + window,
        });
    }
    Queries { q1, q1_hub, q2 }
}

/// Writes `events.tsv` exactly as the reference does.
pub fn write_events_tsv(events: &Events, out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    out.write_all(b"event_id\tday\ttype\tactors\n")?;
    for i in 0..events.len() {
        write!(
            out,
            "{}\t{}\t{}\t",
            i, events.days[i], TYPES[events.types[i] as usize]
        )?;
        for (j, a) in events.actors_of(i).iter().enumerate() {
            if j > 0 {
                out.write_all(b",")?;
            }
            write!(out, "{a}")?;
        }
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// `queries.json` exactly as the reference writes it (no spaces).
pub fn queries_json(queries: &Queries) -> String {
    let q1 = |list: &[Q1]| {
        list.iter()
            .map(|q| {
                format!(
                    "{{\"actor\":{},\"from\":{},\"to\":{}}}",
                    q.actor, q.from, q.to
                )
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let q2 = queries
        .q2
        .iter()
        .map(|q| format!("{{\"type\":\"MEET\",\"from\":{},\"to\":{}}}", q.from, q.to))
        .collect::<Vec<_>>()
        .join(",");
    format!(
        "{{\"q1\":[{}],\"q1_hub\":[{}],\"q2\":[{}]}}",
        q1(&queries.q1),
        q1(&queries.q1_hub),
        q2
    )
}

/// Hex sha256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reference answers by brute force over the generated events: Q1 as
/// `(count, sum of event ids)`, Q2 as `(count, sum of a * n_actors + b)`.
pub fn reference_q1(events: &Events, q: &Q1) -> (u64, u64) {
    let mut count = 0;
    let mut sum = 0;
    for i in 0..events.len() {
        let day = u32::from(events.days[i]);
        if day >= q.from && day < q.to && events.actors_of(i).contains(&q.actor) {
            count += 1;
            sum += i as u64;
        }
    }
    (count, sum)
}

pub fn reference_q2(events: &Events, q: &Q2) -> (u64, u64) {
    let mut pairs = std::collections::BTreeSet::new();
    for i in 0..events.len() {
        let day = u32::from(events.days[i]);
        if events.types[i] == 0 && day >= q.from && day < q.to {
            let mut acts = events.actors_of(i).to_vec();
            acts.sort_unstable();
            for x in 0..acts.len() {
                for y in x + 1..acts.len() {
                    pairs.insert((acts[x], acts[y]));
                }
            }
        }
    }
    let n = events.n_actors as u64;
    let sum = pairs
        .iter()
        .map(|&(a, b)| u64::from(a) * n + u64::from(b))
        .sum();
    (pairs.len() as u64, sum)
}

/// [`reference_q1`] for many queries in one pass over the events.
pub fn reference_q1_all(events: &Events, queries: &[Q1]) -> Vec<(u64, u64)> {
    let mut by_actor: std::collections::HashMap<u32, Vec<usize>> = std::collections::HashMap::new();
    for (i, q) in queries.iter().enumerate() {
        by_actor.entry(q.actor).or_default().push(i);
    }
    let mut answers = vec![(0u64, 0u64); queries.len()];
    for i in 0..events.len() {
        let day = u32::from(events.days[i]);
        for a in events.actors_of(i) {
            for &qi in by_actor.get(a).map(Vec::as_slice).unwrap_or(&[]) {
                let q = &queries[qi];
                if day >= q.from && day < q.to {
                    answers[qi].0 += 1;
                    answers[qi].1 += i as u64;
                }
            }
        }
    }
    answers
}
