//! The search behind `Lexicon::find_all`: leftmost-longest, case-sensitive
//! matching of every surface form, on word boundaries.
//!
//! A match must start where a word starts, so instead of an automaton over
//! every byte the matcher visits the word starts of the text and looks the
//! first word up in a hash table of the forms that begin with it, longest
//! first. A bitmap of the first two bytes of every form skips most words
//! ("the", "said") without hashing. Building it takes a few milliseconds,
//! where an Aho-Corasick automaton over the same 13,000 forms took 40-180 ms
//! (measured; see docs/lexicon.md), and it searches faster because it only
//! does work at word starts.

use super::fxhash::FxHashMap as HashMap;

use super::{LexMatch, Via};

#[derive(Debug)]
pub(crate) struct Matcher {
    /// First word of a form -> ids of the forms starting with it, longest first.
    by_first_word: HashMap<Box<str>, Vec<u32>>,
    /// The forms and what they name.
    forms: Vec<(Box<str>, usize, Via)>,
    /// Bit `a * 256 + b` is set when a first word starts with bytes `a b`
    /// (`b` is 0 for a one-byte first word).
    starts: Box<[u64; 1024]>,
}

impl Matcher {
    /// Build from (surface, entry, via) triples sorted by surface.
    pub(crate) fn build(surfaces: &[(&str, usize, Via)]) -> Matcher {
        // A form that does not start with a letter or digit can never start
        // on a word boundary: leave it out.
        let forms: Vec<(Box<str>, usize, Via)> = surfaces
            .iter()
            .filter(|(s, _, _)| !first_word(s).is_empty())
            .map(|(s, e, v)| (Box::from(*s), *e, *v))
            .collect();
        let mut by_first_word: HashMap<Box<str>, Vec<u32>> = HashMap::default();
        let mut starts = Box::new([0u64; 1024]);
        for (id, (surface, _, _)) in forms.iter().enumerate() {
            let first = first_word(surface);
            set_bit(&mut starts, first.as_bytes());
            by_first_word
                .entry(Box::from(first))
                .or_default()
                .push(id as u32);
        }
        for ids in by_first_word.values_mut() {
            ids.sort_by(|a, b| {
                let (fa, fb) = (&forms[*a as usize].0, &forms[*b as usize].0);
                fb.len().cmp(&fa.len()).then(fa.cmp(fb))
            });
        }
        Matcher {
            by_first_word,
            forms,
            starts,
        }
    }

    pub(crate) fn find_all(&self, text: &str, out: &mut Vec<LexMatch>) {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut pos = 0;
        while pos < n {
            // Skip to the next word start.
            let b = bytes[pos];
            if b < 0x80 && !b.is_ascii_alphanumeric() {
                pos += 1;
                continue;
            }
            let start = pos;
            let word_end = word_end(text, start);
            if word_end == start {
                // A non-ASCII character that is not a letter or digit.
                pos = next_char(text, start);
                continue;
            }
            if boundary_before(text, start) && has_bit(&self.starts, &bytes[start..word_end]) {
                if let Some(ids) = self.by_first_word.get(&text[start..word_end]) {
                    let rest = &text[start..];
                    let found = ids.iter().find(|&&id| {
                        let form = &self.forms[id as usize].0;
                        rest.starts_with(&**form) && boundary_after(text, start + form.len())
                    });
                    if let Some(&id) = found {
                        let (form, entry, via) = &self.forms[id as usize];
                        let end = start + form.len();
                        out.push(LexMatch {
                            start,
                            end,
                            entry: *entry,
                            via: *via,
                        });
                        pos = end;
                        continue;
                    }
                }
            }
            pos = word_end;
        }
    }
}

fn bit_index(word: &[u8]) -> usize {
    let a = word[0] as usize;
    let b = word.get(1).copied().unwrap_or(0) as usize;
    a * 256 + b
}

fn set_bit(bits: &mut [u64; 1024], word: &[u8]) {
    let i = bit_index(word) % (1024 * 64);
    bits[i / 64] |= 1 << (i % 64);
}

fn has_bit(bits: &[u64; 1024], word: &[u8]) -> bool {
    let i = bit_index(word) % (1024 * 64);
    bits[i / 64] & (1 << (i % 64)) != 0
}

/// The first word of a form: its leading run of letters and digits.
fn first_word(s: &str) -> &str {
    &s[..word_end(s, 0)]
}

/// The end of the run of letters and digits starting at `i`.
fn word_end(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut j = i;
    while j < bytes.len() {
        let b = bytes[j];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                j += 1;
                continue;
            }
            break;
        }
        let c = text[j..].chars().next().expect("j is on a char boundary");
        if !is_word_char(c) {
            break;
        }
        j += c.len_utf8();
    }
    j
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when no letter or digit comes right before `i`.
fn boundary_before(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

/// True when no letter or digit comes right after `i`.
fn boundary_after(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_none_or(|c| !is_word_char(c))
}

fn next_char(text: &str, i: usize) -> usize {
    text[i..]
        .chars()
        .next()
        .map_or(text.len(), |c| i + c.len_utf8())
}
