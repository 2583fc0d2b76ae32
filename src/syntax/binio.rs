//! Small helpers shared by the syntax models: string and feature hashing, a
//! seeded xorshift generator (deterministic shuffles without a `rand`
//! dependency), a hasher for keys that are already hashes, and little-endian
//! binary reading and writing for the model file.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, Read, Write};

/// The splitmix64 finaliser: mixes the bits of a 64-bit value.
pub fn mix64(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A 64-bit hash of a string (FNV-1a, then mixed); stable across runs and
/// platforms.
pub fn hash_str(text: &str) -> u64 {
    hash_bytes(text.as_bytes())
}

/// A 64-bit hash of bytes (FNV-1a, then mixed).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix64(h)
}

/// Combines a feature template number with a value hash.
#[inline]
pub fn feature(template: u64, value: u64) -> u64 {
    mix64(value ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// Combines two value hashes into one (for conjunctions).
#[inline]
pub fn pair(a: u64, b: u64) -> u64 {
    mix64(a.rotate_left(17) ^ b.wrapping_add(0x2545_f491_4f6c_dd1d))
}

/// A hasher for `u64` keys that are already well mixed hashes.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is expected; fold anything else deterministically.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// Asks the processor to bring the cache line holding `value` closer (a
/// hint only: no effect on any result). Used to overlap the cache misses of
/// the many weight rows one prediction reads.
#[inline(always)]
pub fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch never faults and reads nothing observable; the
    // pointer comes from a reference, and SSE is part of the x86_64 baseline.
    #[allow(unused_unsafe)]
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// A map from feature hashes.
pub type HashIndex<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// The xorshift64* generator: deterministic, seeded.
#[derive(Debug, Clone)]
pub struct XorShift(u64);

impl XorShift {
    /// A generator from a seed (0 is replaced by a fixed constant).
    pub fn new(seed: u64) -> XorShift {
        XorShift(if seed == 0 {
            0x9e37_79b9_7f4a_7c15
        } else {
            seed
        })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Shuffles a slice in place (Fisher-Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// Writes a little-endian `u32`.
pub fn write_u32(out: &mut dyn Write, value: u32) -> io::Result<()> {
    out.write_all(&value.to_le_bytes())
}

/// Writes a little-endian `u64`.
pub fn write_u64(out: &mut dyn Write, value: u64) -> io::Result<()> {
    out.write_all(&value.to_le_bytes())
}

/// Writes a little-endian `f32`.
pub fn write_f32(out: &mut dyn Write, value: f32) -> io::Result<()> {
    out.write_all(&value.to_le_bytes())
}

/// Writes a string: its byte length (`u32`) then its bytes.
pub fn write_str(out: &mut dyn Write, text: &str) -> io::Result<()> {
    let len = u32::try_from(text.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "string too long"))?;
    write_u32(out, len)?;
    out.write_all(text.as_bytes())
}

/// An error for a malformed model.
pub fn invalid(message: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.into())
}

/// Reads a little-endian `u8`.
pub fn read_u8(input: &mut dyn Read) -> io::Result<u8> {
    let mut b = [0u8; 1];
    input.read_exact(&mut b)?;
    Ok(b[0])
}

/// Reads a little-endian `u32`.
pub fn read_u32(input: &mut dyn Read) -> io::Result<u32> {
    let mut b = [0u8; 4];
    input.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

/// Reads a little-endian `u64`.
pub fn read_u64(input: &mut dyn Read) -> io::Result<u64> {
    let mut b = [0u8; 8];
    input.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

/// Reads a little-endian `f32`.
pub fn read_f32(input: &mut dyn Read) -> io::Result<f32> {
    let mut b = [0u8; 4];
    input.read_exact(&mut b)?;
    Ok(f32::from_le_bytes(b))
}

/// Reads a string written by [`write_str`] (at most `1 << 20` bytes).
pub fn read_str(input: &mut dyn Read) -> io::Result<String> {
    let len = read_u32(input)? as usize;
    if len > 1 << 20 {
        return Err(invalid(format!("string of {len} bytes in the model")));
    }
    let mut bytes = vec![0u8; len];
    input.read_exact(&mut bytes)?;
    String::from_utf8(bytes).map_err(|_| invalid("a string in the model is not UTF-8"))
}

/// A count read from the model, checked against a sanity bound.
pub fn read_count(input: &mut dyn Read, bound: usize, what: &str) -> io::Result<usize> {
    let n = read_u32(input)? as usize;
    if n > bound {
        return Err(invalid(format!("{what}: {n} exceeds {bound}")));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable() {
        assert_eq!(hash_str("word"), hash_str("word"));
        assert_ne!(hash_str("word"), hash_str("Word"));
        assert_ne!(feature(1, 5), feature(2, 5));
    }

    #[test]
    fn shuffle_is_seeded() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        XorShift::new(7).shuffle(&mut a);
        XorShift::new(7).shuffle(&mut b);
        assert_eq!(a, b);
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn strings_round_trip() {
        let mut out = Vec::new();
        write_str(&mut out, "héllo").unwrap();
        write_u32(&mut out, 9).unwrap();
        let mut input = out.as_slice();
        assert_eq!(read_str(&mut input).unwrap(), "héllo");
        assert_eq!(read_u32(&mut input).unwrap(), 9);
    }
}
