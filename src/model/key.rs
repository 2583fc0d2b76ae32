//! Content-derived event keys: the same event content gives the same key
//! whatever the order in which events are added.
//!
//! The key hashes (64 bits, eight bytes at a time, with a final avalanche) the kind, CAMEO code, first and last day,
//! precision, the participants (each actor's normalised canonical name and
//! role, sorted), the normalised place and an optional external id (a dataset
//! row id, so that two identical dataset rows stay two events). Modality and
//! confidence are not part of the key: "will meet" and "met" are one event.

use super::{normalize_name, EventKind, Precision, Role};

const SEED: u64 = 0xcbf2_9ce4_8422_2325;
const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// A 64-bit hasher that reads eight bytes at a time (stable across runs
/// and platforms: little-endian words, a fixed seed).
#[derive(Debug, Clone, Copy)]
pub(crate) struct WordHash(u64);

impl WordHash {
    pub(crate) fn new() -> WordHash {
        WordHash(SEED)
    }

    fn mix(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(MULTIPLIER).rotate_left(29);
    }

    pub(crate) fn bytes(mut self, bytes: &[u8]) -> WordHash {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 60));
        }
        self
    }

    /// A field followed by its length, so that fields cannot run together.
    pub(crate) fn field(mut self, bytes: &[u8]) -> WordHash {
        self = self.bytes(bytes);
        self.mix(0xff00_0000_0000_0000 | bytes.len() as u64);
        self
    }

    /// The hash, after a final avalanche (SplitMix64's finaliser).
    pub(crate) fn finish(self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// The key of an actor: the hash of its normalised canonical name.
pub fn actor_key(name: &str) -> u64 {
    actor_key_of_normalized(&normalize_name(name))
}

/// The key of an actor from its already normalised name.
pub(crate) fn actor_key_of_normalized(norm: &str) -> u64 {
    WordHash::new().field(norm.as_bytes()).finish()
}

/// What an event key is computed from. `participants` holds actor keys
/// (see [`actor_key`]) with roles, in any order.
#[derive(Debug, Clone)]
pub struct KeyInput<'a> {
    /// What sort of event.
    pub kind: EventKind,
    /// CAMEO code, hashed as given; `None` hashes like an empty code.
    pub cameo: Option<&'a str>,
    /// First day (a day number).
    pub start: i32,
    /// Last day (a day number).
    pub end: i32,
    /// How precisely the date is known.
    pub precision: Precision,
    /// Actor keys with roles, in any order; exact repeats count once.
    pub participants: &'a [(u64, Role)],
    /// The normalised place name.
    pub place: Option<&'a str>,
    /// A dataset row id, so that identical rows get different keys.
    pub external_id: Option<&'a str>,
}

/// The content-derived key of an event.
pub fn event_key(input: &KeyInput<'_>) -> u64 {
    let mut hasher = WordHash::new()
        .field(input.kind.as_str().as_bytes())
        .field(input.cameo.unwrap_or("").as_bytes())
        .field(&input.start.to_le_bytes())
        .field(&input.end.to_le_bytes())
        .field(input.precision.as_str().as_bytes());
    let mut inline = [(0u64, 0u8); 8];
    let mut heap = Vec::new();
    let parts: &mut [(u64, u8)] = if input.participants.len() <= inline.len() {
        let n = input.participants.len();
        for (slot, &(k, role)) in inline.iter_mut().zip(input.participants) {
            *slot = (k, role as u8);
        }
        &mut inline[..n]
    } else {
        heap.extend(input.participants.iter().map(|&(k, role)| (k, role as u8)));
        &mut heap
    };
    parts.sort_unstable();
    let mut previous = None;
    for &mut (k, role) in parts {
        if previous == Some((k, role)) {
            continue;
        }
        previous = Some((k, role));
        hasher.mix(k);
        hasher.mix(u64::from(role));
    }
    hasher
        .field(&[])
        .field(input.place.unwrap_or("").as_bytes())
        .field(input.external_id.unwrap_or("").as_bytes())
        .finish()
}

/// The public form of an event key: `e` and 16 hex digits.
pub fn format_key(key: u64) -> String {
    format!("e{key:016x}")
}

/// Parses the public form of an event key.
pub fn parse_key(text: &str) -> Option<u64> {
    let hex = text.strip_prefix('e')?;
    if hex.len() != 16 {
        return None;
    }
    u64::from_str_radix(hex, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_participant_order_and_name_case() {
        let a = actor_key("John Kerry");
        let b = actor_key("Sergei Lavrov");
        assert_eq!(a, actor_key("john  KERRY"));
        let input = |parts: &[(u64, Role)]| {
            event_key(&KeyInput {
                kind: EventKind::Meet,
                cameo: Some("044"),
                start: 10,
                end: 10,
                precision: Precision::Day,
                participants: parts,
                place: Some("paris"),
                external_id: None,
            })
        };
        let k1 = input(&[(a, Role::Participant), (b, Role::Participant)]);
        let k2 = input(&[(b, Role::Participant), (a, Role::Participant)]);
        assert_eq!(k1, k2);
        assert_ne!(k1, input(&[(a, Role::Source), (b, Role::Target)]));
        assert_eq!(parse_key(&format_key(k1)), Some(k1));
    }
}
