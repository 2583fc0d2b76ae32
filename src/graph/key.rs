//! Content-derived event keys: the same event content gives the same key
//! whatever the order in which events are added.
//!
//! The key hashes (FNV-1a, 64 bits) the kind, CAMEO code, first and last day,
//! precision, the participants (each actor's normalised canonical name and
//! role, sorted), the normalised place and an optional external id (a dataset
//! row id, so that two identical dataset rows stay two events). Modality and
//! confidence are not part of the key: "will meet" and "met" are one event.

use crate::model::{normalize_name, EventKind, Precision, Role};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// A 64-bit FNV-1a hasher (stable across runs and platforms).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Fnv {
    pub(crate) fn new() -> Fnv {
        Fnv(FNV_OFFSET)
    }

    pub(crate) fn bytes(mut self, bytes: &[u8]) -> Fnv {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(FNV_PRIME);
        }
        self
    }

    /// A field followed by a separator byte that cannot occur in UTF-8.
    pub(crate) fn field(self, bytes: &[u8]) -> Fnv {
        self.bytes(bytes).bytes(&[0xff])
    }

    pub(crate) fn finish(self) -> u64 {
        self.0
    }
}

/// The key of an actor: the hash of its normalised canonical name.
pub fn actor_key(name: &str) -> u64 {
    Fnv::new().field(normalize_name(name).as_bytes()).finish()
}

/// What an event key is computed from. `participants` holds actor keys
/// (see [`actor_key`]) with roles, in any order.
#[derive(Debug, Clone)]
pub struct KeyInput<'a> {
    pub kind: EventKind,
    pub cameo: Option<&'a str>,
    pub start: i32,
    pub end: i32,
    pub precision: Precision,
    pub participants: &'a [(u64, Role)],
    /// The normalised place name.
    pub place: Option<&'a str>,
    pub external_id: Option<&'a str>,
}

/// The content-derived key of an event.
pub fn event_key(input: &KeyInput<'_>) -> u64 {
    let mut hasher = Fnv::new()
        .field(input.kind.as_str().as_bytes())
        .field(input.cameo.unwrap_or("").as_bytes())
        .field(&input.start.to_le_bytes())
        .field(&input.end.to_le_bytes())
        .field(input.precision.as_str().as_bytes());
    // Sorted on the stack for the usual handful of participants.
    let mut small = [(0u64, 0u8); 8];
    let mut heap = Vec::new();
    let parts: &mut [(u64, u8)] = if input.participants.len() <= small.len() {
        &mut small[..input.participants.len()]
    } else {
        heap.resize(input.participants.len(), (0u64, 0u8));
        &mut heap
    };
    for (slot, &(k, role)) in parts.iter_mut().zip(input.participants) {
        *slot = (k, role as u8);
    }
    parts.sort_unstable();
    let mut last = None;
    for &(k, role) in parts.iter() {
        if last == Some((k, role)) {
            continue;
        }
        last = Some((k, role));
        hasher = hasher.bytes(&k.to_le_bytes()).bytes(&[role]);
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
