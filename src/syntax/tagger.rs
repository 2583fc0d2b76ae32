//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over
//! hashed features, predicting UPOS.
//!
//! Features of word `i` (see [`Tagger::features`]): the form and its lower
//! case, prefixes and suffixes of 1-4 characters, the word shape and flags
//! (capitalised, all capitals, digit, hyphen), the two previous predicted
//! tags, the two previous and two next words and their 3-character
//! suffixes, word bigrams, and the word's and its neighbours' ambiguity
//! classes (the set of tags the word had in training). Frequent words that
//! were almost always one tag take it from a tag dictionary without scoring.
//!
//! Training is deterministic: a seeded xorshift shuffle, features indexed in
//! the order they are first updated, and the model written sorted by feature
//! hash. Averaged weights are pruned (rows whose largest weight is small) and
//! quantised to 16 bits; the tagger that [`train_tagger`] returns already
//! holds the quantised weights, so it tags exactly as the loaded model does.

use super::binio::{
    feature, hash_str, invalid, pair, prefetch, read_count, read_f32, read_u32, read_u64, read_u8,
    write_f32, write_u32, write_u64, HashIndex, XorShift,
};
use super::conllu::Sentence;
use super::table::Table;
use super::Upos;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Read, Write};

/// The number of tags.
const NT: usize = 17;
/// The "tag" of positions before the sentence.
const START_TAG: u64 = 17;
/// The "tag" of positions after the sentence.
const END_TAG: u64 = 18;

/// Training options.
#[derive(Debug, Clone)]
pub struct TaggerOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// The shuffle seed.
    pub seed: u64,
    /// Rows whose largest averaged weight is below this are dropped.
    pub prune: f32,
    /// A word is in the tag dictionary when seen at least this often...
    pub dict_min_count: u32,
    /// ...with its commonest tag at least this share of its occurrences.
    pub dict_min_share: f64,
    /// Tag twice, the second pass seeing the first pass's tags of the next
    /// words.
    pub two_pass: bool,
    /// Jackknife folds (ambiguity classes, first-pass tags) are contiguous
    /// blocks of the training file rather than every k-th sentence, so a
    /// held-out sentence's document is mostly held out with it.
    pub contiguous_folds: bool,
    /// One feature more: the previous tag with the word's flags and last
    /// letter, so that a capitalised sentence-initial "-s" word can learn
    /// to be a plural noun rather than a verb from all such words
    /// (parse4's feature; off by default, which writes the same bytes as
    /// before it existed). Stored in the model file.
    pub prev_tag_flags: bool,
}

impl Default for TaggerOptions {
    fn default() -> TaggerOptions {
        TaggerOptions {
            epochs: 7,
            seed: 0x5eed_1234,
            prune: 0.05,
            dict_min_count: 20,
            dict_min_share: 0.99,
            two_pass: true,
            contiguous_folds: false,
            prev_tag_flags: false,
        }
    }
}

/// Averaged, pruned and quantised perceptron weights: one row of 17 tag
/// weights (16-bit, times `scale`) per feature hash, found through an
/// open-addressing table (linear probing; key 0 marks an empty slot, and a
/// hash of 0 is stored as 1). The upper bits of a hash pick its home slot,
/// so the sorted rows of a model file fill the table from start to end
/// (sequential writes while loading).
#[derive(Debug, Clone, Default)]
struct Weights {
    /// Slot -> (feature hash, row).
    slots: Table<(u64, u32)>,
    /// `64 - log2(slots.len())`: a hash's home slot is `hash >> shift`.
    shift: u32,
    /// Rows of `NT` quantised weights.
    rows: Table<i16>,
    /// The value of one quantisation step.
    scale: f32,
}

/// [`Weights`] being filled: the rows grow, the slots are sized for the
/// number of rows announced.
struct Builder {
    slots: Table<(u64, u32)>,
    shift: u32,
    rows: Vec<i16>,
    scale: f32,
}

impl Builder {
    fn with_capacity(rows: usize, scale: f32) -> Builder {
        let size = (rows * 2).next_power_of_two().max(16);
        Builder {
            slots: Table::zeroed(size),
            shift: 64 - size.trailing_zeros(),
            rows: Vec::with_capacity(rows * NT),
            scale,
        }
    }

    fn insert(&mut self, hash: u64, row: &[i16]) {
        let key = slot_key(hash);
        let mask = self.slots.len() - 1;
        let mut i = (key >> self.shift) as usize;
        while self.slots[i].0 != 0 && self.slots[i].0 != key {
            i = (i + 1) & mask;
        }
        if self.slots[i].0 == key {
            return;
        }
        self.slots[i] = (key, (self.rows.len() / NT) as u32);
        self.rows.extend_from_slice(row);
    }

    fn build(self) -> Weights {
        Weights {
            slots: self.slots,
            shift: self.shift,
            rows: Table::from(self.rows),
            scale: self.scale,
        }
    }
}

fn slot_key(hash: u64) -> u64 {
    hash.max(1)
}

impl Weights {
    /// Builds the table from (hash, row of weights), quantising with a
    /// power-of-two scale (so reading and writing again gives the same
    /// bytes).
    fn from_rows(rows: &[(u64, [f32; NT])]) -> Weights {
        let max = rows
            .iter()
            .flat_map(|(_, r)| r.iter())
            .fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            (max / 32767.0).log2().ceil().exp2()
        } else {
            1.0
        };
        let mut weights = Builder::with_capacity(rows.len(), scale);
        for (hash, row) in rows {
            let q: Vec<i16> = row.iter().map(|w| (w / scale).round() as i16).collect();
            if q.iter().any(|v| *v != 0) {
                weights.insert(*hash, &q);
            }
        }
        weights.build()
    }

    /// The row index of a feature hash.
    #[inline]
    fn find(&self, hash: u64) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let key = slot_key(hash);
        let mask = self.slots.len() - 1;
        let mut i = (key >> self.shift) as usize;
        loop {
            let (k, row) = self.slots[i];
            if k == key {
                return Some(row as usize);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    fn len(&self) -> usize {
        self.rows.len() / NT
    }

    /// Sums the rows of `feats` into `scores`. In phases, so that the cache
    /// misses of different features overlap: the home slots are prefetched,
    /// then probed (prefetching the rows found), then the rows added.
    fn scores(&self, feats: &[u64], scores: &mut [i32; NT]) {
        *scores = [0; NT];
        self.add_scores(feats, scores);
    }

    /// Adds the rows of `feats` to `scores` (as [`Weights::scores`], without
    /// clearing them first).
    fn add_scores(&self, feats: &[u64], scores: &mut [i32; NT]) {
        if self.slots.is_empty() {
            return;
        }
        for &f in feats {
            prefetch(&self.slots[(slot_key(f) >> self.shift) as usize]);
        }
        let mut found = [0u32; 64];
        let mut n = 0;
        for &f in feats {
            if let Some(row) = self.find(f) {
                let base = row * NT;
                prefetch(&self.rows[base]);
                prefetch(&self.rows[base + NT - 1]);
                if n < found.len() {
                    found[n] = base as u32;
                    n += 1;
                } else {
                    add_row(scores, &self.rows[base..base + NT]);
                }
            }
        }
        for &base in &found[..n] {
            let base = base as usize;
            add_row(scores, &self.rows[base..base + NT]);
        }
    }

    /// Adds to `sums[g]` the rows of the features `feats[g * per..(g + 1) *
    /// per]`, for every group `g` (the sums [`Weights::add_scores`] gives
    /// each group; integer sums, so the order changes nothing). The cache
    /// misses of [`GROUPS`] groups at a time overlap: their home slots are
    /// prefetched, then probed (prefetching the rows found), then the rows
    /// added.
    fn add_many(&self, feats: &[u64], per: usize, sums: &mut [[i32; NT]]) {
        debug_assert_eq!(feats.len(), per * sums.len());
        if self.slots.is_empty() || per == 0 {
            return;
        }
        let mut found: Vec<(u32, u32)> = Vec::with_capacity(per * GROUPS);
        for (feats, sums) in feats.chunks(per * GROUPS).zip(sums.chunks_mut(GROUPS)) {
            for &f in feats {
                prefetch(&self.slots[(slot_key(f) >> self.shift) as usize]);
            }
            found.clear();
            for (k, &f) in feats.iter().enumerate() {
                if let Some(row) = self.find(f) {
                    let base = row * NT;
                    prefetch(&self.rows[base]);
                    prefetch(&self.rows[base + NT - 1]);
                    found.push(((k / per) as u32, base as u32));
                }
            }
            for &(g, base) in &found {
                let base = base as usize;
                add_row(&mut sums[g as usize], &self.rows[base..base + NT]);
            }
        }
    }

    /// Writes the scale, the row count, and a length-prefixed block of rows
    /// sorted by feature hash: hash (`u64`), a `u32` mask of the non-zero
    /// weights, those weights (`i16`).
    fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        write_f32(out, self.scale)?;
        let mut keyed: Vec<(u64, u32)> = self.slots.iter().copied().filter(|s| s.0 != 0).collect();
        keyed.sort_unstable();
        write_u32(out, keyed.len() as u32)?;
        let mut block = Vec::with_capacity(keyed.len() * 20);
        for (hash, row) in keyed {
            block.extend_from_slice(&hash.to_le_bytes());
            let base = row as usize * NT;
            let q = &self.rows[base..base + NT];
            let mut nonzero = 0u32;
            for (t, v) in q.iter().enumerate() {
                if *v != 0 {
                    nonzero |= 1 << t;
                }
            }
            block.extend_from_slice(&nonzero.to_le_bytes());
            for v in q.iter().filter(|v| **v != 0) {
                block.extend_from_slice(&v.to_le_bytes());
            }
        }
        write_u64(out, block.len() as u64)?;
        out.write_all(&block)
    }

    fn read_from(input: &mut dyn Read) -> io::Result<Weights> {
        let scale = read_f32(input)?;
        if !scale.is_finite() || scale <= 0.0 {
            return Err(invalid("tagger: bad weight scale"));
        }
        let rows = read_count(input, 1 << 26, "tagger rows")?;
        let len = read_u64(input)?;
        if len > (rows as u64) * (12 + 2 * NT as u64) {
            return Err(invalid(format!("tagger: weight block of {len} bytes")));
        }
        let mut block = vec![0u8; len as usize];
        input.read_exact(&mut block)?;
        let mut weights = Builder::with_capacity(rows, scale);
        let mut at = 0usize;
        let truncated = || invalid("tagger: the weight block ends early");
        let mut row = [0i16; NT];
        for _ in 0..rows {
            let head = block.get(at..at + 12).ok_or_else(truncated)?;
            let hash = u64::from_le_bytes(head[..8].try_into().map_err(|_| truncated())?);
            let nonzero = u32::from_le_bytes(head[8..].try_into().map_err(|_| truncated())?);
            at += 12;
            for (t, w) in row.iter_mut().enumerate() {
                *w = if nonzero & (1 << t) != 0 {
                    let b = block.get(at..at + 2).ok_or_else(truncated)?;
                    at += 2;
                    i16::from_le_bytes([b[0], b[1]])
                } else {
                    0
                };
            }
            weights.insert(hash, &row);
        }
        if at != block.len() {
            return Err(invalid("tagger: bytes left over in the weight block"));
        }
        Ok(weights.build())
    }
}

/// Adds a row of weights to the scores.
#[inline]
fn add_row(scores: &mut [i32; NT], row: &[i16]) {
    for (s, w) in scores.iter_mut().zip(row) {
        *s += i32::from(*w);
    }
}

/// A trained tagger.
///
/// With two passes, the first pass tags the sentence left to right, and the
/// second tags it again with the first pass's tags of the next two words as
/// extra features (right context the greedy pass cannot see).
#[derive(Debug, Clone)]
pub struct Tagger {
    first: Weights,
    second: Option<Weights>,
    /// Hash of the lower-cased word -> tags seen (bit per tag).
    classes: HashIndex<u32>,
    /// Hash of the exact form -> tag index, for frequent unambiguous words.
    dict: HashIndex<u8>,
    /// The previous tag + word flags + last letter feature is used
    /// ([`TaggerOptions::prev_tag_flags`]).
    prev_tag_flags: bool,
}

/// The per-token values features are built from.
#[derive(Debug, Clone, Copy, Default)]
struct Tok {
    form: u64,
    lower: u64,
    suffix: [u64; 4],
    prefix: [u64; 4],
    shape: u64,
    flags: u64,
    mask: u64,
}

fn pad(kind: u64) -> Tok {
    let v = 0xdead_0000 + kind;
    Tok {
        form: v,
        lower: v,
        suffix: [v; 4],
        prefix: [v; 4],
        shape: v,
        flags: v,
        mask: v,
    }
}

/// The number of [`Tagger::static_features`] of a word.
const STATIC: usize = 30;
/// The number of [`Tagger::right_features`] of a word.
const RIGHT: usize = 5;
/// The words whose static features [`Weights::add_many`] looks up together.
const GROUPS: usize = 4;

/// The previous two tags guessed for a word and the sum of its step
/// features with them ([`Tagger::guessed_steps`]).
type Guess = Option<((u64, u64), [i32; NT])>;

/// A sentence ready for tagging: its token values (padded), the tag
/// dictionary's tag of each word, and the [`STATIC`] static feature hashes
/// of each word not in the dictionary, in order.
struct Prepared {
    toks: Vec<Tok>,
    fixed: Vec<Option<u8>>,
    statics: Vec<u64>,
}

/// The word's shape: `X` upper, `x` lower, `d` digit, other characters as
/// is; runs of one class collapsed (`Xx`, `d.d`, `x-x`).
#[cfg(test)]
fn shape(form: &str) -> String {
    let mut out = String::new();
    shape_into(form, &mut out);
    out
}

/// The word shape (see `shape`) written into `out` (cleared first).
fn shape_into(form: &str, out: &mut String) {
    out.clear();
    let mut last = '\0';
    for c in form.chars().take(24) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if k != last {
            out.push(k);
            last = k;
        }
    }
}

fn flags(form: &str) -> u64 {
    let mut f = 0u64;
    if form.chars().next().is_some_and(char::is_uppercase) {
        f |= 1;
    }
    if form.chars().any(char::is_alphabetic) && !form.chars().any(char::is_lowercase) {
        f |= 2;
    }
    if form.chars().any(|c| c.is_ascii_digit()) {
        f |= 4;
    }
    if form.contains('-') {
        f |= 8;
    }
    if form.chars().count() <= 2 {
        f |= 16;
    }
    f
}

/// The first `n` characters (`None` if the word is shorter).
fn prefix(text: &str, n: usize) -> Option<&str> {
    match text.char_indices().nth(n) {
        Some((i, _)) => Some(&text[..i]),
        None => (text.chars().count() == n).then_some(text),
    }
}

/// The last `n` characters (`None` if the word is shorter).
fn suffix(text: &str, n: usize) -> Option<&str> {
    let count = text.chars().count();
    if count < n {
        return None;
    }
    text.char_indices().nth(count - n).map(|(i, _)| &text[i..])
}

impl Tagger {
    fn toks(&self, forms: &[&str]) -> Vec<Tok> {
        Self::toks_with(forms, |_, lower| {
            self.classes.get(&lower).copied().unwrap_or(0)
        })
    }

    /// The token values; `mask(i, lower_hash)` gives word i's ambiguity
    /// class.
    fn toks_with(forms: &[&str], mask: impl Fn(usize, u64) -> u32) -> Vec<Tok> {
        let mut toks = Vec::with_capacity(forms.len() + 4);
        let mut shape_buf = String::new();
        toks.push(pad(1));
        toks.push(pad(2));
        let mut lower = String::new();
        for (i, form) in forms.iter().enumerate() {
            // (an ASCII word's lower case without allocating: the same
            // string `to_lowercase` gives)
            lower.clear();
            if form.is_ascii() {
                lower.push_str(form);
                lower.make_ascii_lowercase();
            } else {
                lower.push_str(&form.to_lowercase());
            }
            let lower_hash = hash_str(&lower);
            let mut t = Tok {
                form: hash_str(form),
                lower: lower_hash,
                shape: {
                    shape_into(form, &mut shape_buf);
                    hash_str(&shape_buf)
                },
                flags: flags(form),
                mask: u64::from(mask(i, lower_hash)),
                ..Tok::default()
            };
            if lower.is_ascii() {
                // one character a byte: the affixes are byte slices
                let len = lower.len();
                for n in 1..=4 {
                    (t.suffix[n - 1], t.prefix[n - 1]) = if len >= n {
                        (hash_str(&lower[len - n..]), hash_str(&lower[..n]))
                    } else {
                        (n as u64, n as u64)
                    };
                }
            } else {
                for n in 1..=4 {
                    t.suffix[n - 1] = suffix(&lower, n).map_or(n as u64, hash_str);
                    t.prefix[n - 1] = prefix(&lower, n).map_or(n as u64, hash_str);
                }
            }
            toks.push(t);
        }
        toks.push(pad(3));
        toks.push(pad(4));
        toks
    }

    /// The feature hashes of word `i` (0-based) given the two previous tags
    /// (indexes into [`Upos::ALL`], 17 before the sentence). `right` holds
    /// the first pass's tags (empty in the first pass), padded with two end
    /// tags.
    /// `extra`: the features of [`TaggerOptions::prev_tag_flags`] too.
    fn features(
        toks: &[Tok],
        i: usize,
        (p1, p2): (u64, u64),
        right: &[u64],
        extra: bool,
        out: &mut Vec<u64>,
    ) {
        out.clear();
        let k = i + 2;
        let w = &toks[k];
        let (m1, m2, n1, n2) = (&toks[k - 1], &toks[k - 2], &toks[k + 1], &toks[k + 2]);
        out.push(feature(0, 0));
        out.push(feature(1, w.form));
        out.push(feature(2, w.lower));
        for n in 0..4 {
            out.push(feature(3 + n as u64, w.suffix[n]));
            out.push(feature(7 + n as u64, w.prefix[n]));
        }
        out.push(feature(11, w.shape));
        out.push(feature(12, w.flags));
        out.push(feature(13, p1));
        out.push(feature(14, pair(p1, p2)));
        out.push(feature(15, pair(p1, w.lower)));
        out.push(feature(16, m1.lower));
        out.push(feature(17, m2.lower));
        out.push(feature(18, n1.lower));
        out.push(feature(19, n2.lower));
        out.push(feature(20, m1.suffix[2]));
        out.push(feature(21, n1.suffix[2]));
        out.push(feature(22, m2.suffix[2]));
        out.push(feature(23, n2.suffix[2]));
        out.push(feature(24, w.mask));
        out.push(feature(25, n1.mask));
        out.push(feature(26, n2.mask));
        out.push(feature(27, pair(m1.lower, w.lower)));
        out.push(feature(28, pair(w.lower, n1.lower)));
        out.push(feature(29, pair(p1, w.mask)));
        out.push(feature(30, pair(w.mask, n1.mask)));
        out.push(feature(31, pair(w.shape, n1.shape)));
        out.push(feature(32, n1.flags));
        out.push(feature(33, pair(p1, w.suffix[2])));
        out.push(feature(34, m1.mask));
        if extra {
            // The previous tag with the word's flags and last letter: a
            // capitalised sentence-initial "-s" word is a plural noun far
            // more often than a verb, whatever the word.
            out.push(feature(35, pair(p1, pair(w.flags, w.suffix[0]))));
        }
        if !right.is_empty() {
            let (q1, q2) = (right[i + 1], right[i + 2]);
            out.push(feature(40, q1));
            out.push(feature(41, pair(q1, q2)));
            out.push(feature(42, pair(q1, w.lower)));
            out.push(feature(43, pair(p1, q1)));
            out.push(feature(44, right[i]));
            out.push(feature(45, pair(right[i], w.suffix[2])));
        }
    }

    /// The features of word `i` that depend on neither pass's tags (the
    /// word, its affixes, shape and flags, its neighbours, the ambiguity
    /// classes): [`STATIC`] of them, the same for both passes, so they are
    /// hashed once per word and their rows summed once per pass, before the
    /// pass starts. Together with [`Tagger::right_features`] and
    /// [`Tagger::step_features`] they are exactly [`Tagger::features`] (in
    /// another order; a test checks the multisets are equal).
    fn static_features(toks: &[Tok], i: usize, out: &mut Vec<u64>) {
        let k = i + 2;
        let w = &toks[k];
        let (m1, m2, n1, n2) = (&toks[k - 1], &toks[k - 2], &toks[k + 1], &toks[k + 2]);
        out.push(feature(0, 0));
        out.push(feature(1, w.form));
        out.push(feature(2, w.lower));
        for n in 0..4 {
            out.push(feature(3 + n as u64, w.suffix[n]));
            out.push(feature(7 + n as u64, w.prefix[n]));
        }
        out.push(feature(11, w.shape));
        out.push(feature(12, w.flags));
        out.push(feature(16, m1.lower));
        out.push(feature(17, m2.lower));
        out.push(feature(18, n1.lower));
        out.push(feature(19, n2.lower));
        out.push(feature(20, m1.suffix[2]));
        out.push(feature(21, n1.suffix[2]));
        out.push(feature(22, m2.suffix[2]));
        out.push(feature(23, n2.suffix[2]));
        out.push(feature(24, w.mask));
        out.push(feature(25, n1.mask));
        out.push(feature(26, n2.mask));
        out.push(feature(27, pair(m1.lower, w.lower)));
        out.push(feature(28, pair(w.lower, n1.lower)));
        out.push(feature(30, pair(w.mask, n1.mask)));
        out.push(feature(31, pair(w.shape, n1.shape)));
        out.push(feature(32, n1.flags));
        out.push(feature(34, m1.mask));
    }

    /// The second pass's features of word `i` that read only the first
    /// pass's tags `right` ([`RIGHT`] of them): fixed for the whole second
    /// pass, summed before it starts like [`Tagger::static_features`].
    fn right_features(toks: &[Tok], i: usize, right: &[u64], out: &mut Vec<u64>) {
        let w = &toks[i + 2];
        let (q1, q2) = (right[i + 1], right[i + 2]);
        out.push(feature(40, q1));
        out.push(feature(41, pair(q1, q2)));
        out.push(feature(42, pair(q1, w.lower)));
        out.push(feature(44, right[i]));
        out.push(feature(45, pair(right[i], w.suffix[2])));
    }

    /// The features of word `i` that read the tags this pass has just given
    /// the previous words (`p1`, `p2`): looked up at each step.
    fn step_features(
        toks: &[Tok],
        i: usize,
        (p1, p2): (u64, u64),
        right: &[u64],
        extra: bool,
        out: &mut Vec<u64>,
    ) {
        out.clear();
        let w = &toks[i + 2];
        out.push(feature(13, p1));
        out.push(feature(14, pair(p1, p2)));
        out.push(feature(15, pair(p1, w.lower)));
        out.push(feature(29, pair(p1, w.mask)));
        out.push(feature(33, pair(p1, w.suffix[2])));
        if extra {
            out.push(feature(35, pair(p1, pair(w.flags, w.suffix[0]))));
        }
        if !right.is_empty() {
            out.push(feature(43, pair(p1, right[i + 1])));
        }
    }

    /// One greedy left-to-right pass. `sums` holds, per word not in the tag
    /// dictionary (in order), the sum of the rows of its features fixed for
    /// the pass ([`Tagger::static_features`], and in the second pass
    /// [`Tagger::right_features`]); each step adds the rows of
    /// [`Tagger::step_features`], from `guessed` when the previous tags are
    /// the ones guessed there (see [`Tagger::guessed_steps`]), else looked
    /// up. `seen` gets each scored word's index and scores.
    fn pass(
        &self,
        weights: &Weights,
        sentence: &Prepared,
        sums: &[[i32; NT]],
        guessed: &[Guess],
        right: &[u64],
        mut seen: impl FnMut(usize, &[i32; NT]),
    ) -> Vec<u64> {
        let n = sentence.fixed.len();
        let mut tags = Vec::with_capacity(n + 2);
        let mut feats = Vec::with_capacity(8);
        let mut scored = sums.iter().zip(guessed);
        let (mut p1, mut p2) = (START_TAG, START_TAG);
        for i in 0..n {
            let tag = match sentence.fixed[i] {
                Some(tag) => u64::from(tag),
                None => {
                    // (one sum and guess per scored word: never `None`)
                    let (sum, guess) = scored.next().unwrap_or((&[0; NT], &None));
                    let mut scores = *sum;
                    match guess {
                        Some((prev, step)) if *prev == (p1, p2) => {
                            for (s, g) in scores.iter_mut().zip(step) {
                                *s += g;
                            }
                        }
                        _ => {
                            let extra = self.prev_tag_flags;
                            let toks = &sentence.toks;
                            Self::step_features(toks, i, (p1, p2), right, extra, &mut feats);
                            weights.add_scores(&feats, &mut scores);
                        }
                    }
                    seen(i, &scores);
                    argmax(&scores) as u64
                }
            };
            tags.push(tag);
            p2 = p1;
            p1 = tag;
        }
        tags
    }

    /// Per word not in the tag dictionary, the previous two tags it will
    /// most likely see in a pass and the sum of its [`Tagger::step_features`]
    /// with them, when they can be told before the pass: in the second pass
    /// the first pass's tags (`right`), in the first the tag dictionary's,
    /// or the one tag of a word whose ambiguity class has one tag. Summed
    /// for all such words at once ([`Weights::add_many`]), their cache
    /// misses overlap instead of coming one word after another; a step whose
    /// previous tags differ from the guess looks its features up.
    fn guessed_steps(&self, weights: &Weights, sentence: &Prepared, right: &[u64]) -> Vec<Guess> {
        let extra = self.prev_tag_flags;
        let per = 5 + usize::from(extra) + usize::from(!right.is_empty());
        let known = |j: usize| -> Option<u64> {
            if !right.is_empty() {
                return Some(right[j]);
            }
            if let Some(t) = sentence.fixed[j] {
                return Some(u64::from(t));
            }
            let mask = sentence.toks[j + 2].mask;
            (mask.count_ones() == 1).then(|| u64::from(mask.trailing_zeros()))
        };
        let before = |i: usize, back: usize| {
            if i < back {
                Some(START_TAG)
            } else {
                known(i - back)
            }
        };
        let mut feats = Vec::new();
        let mut step = Vec::with_capacity(per);
        let mut guesses = Vec::new();
        for (i, f) in sentence.fixed.iter().enumerate() {
            if f.is_some() {
                continue;
            }
            match (before(i, 1), before(i, 2)) {
                (Some(p1), Some(p2)) => {
                    Self::step_features(&sentence.toks, i, (p1, p2), right, extra, &mut step);
                    debug_assert_eq!(step.len(), per);
                    feats.extend_from_slice(&step);
                    guesses.push(Some(((p1, p2), [0; NT])));
                }
                _ => guesses.push(None),
            }
        }
        let mut sums = vec![[0i32; NT]; feats.len() / per];
        weights.add_many(&feats, per, &mut sums);
        let mut sums = sums.into_iter();
        for guess in guesses.iter_mut().flatten() {
            guess.1 = sums.next().unwrap_or([0; NT]);
        }
        guesses
    }

    /// A sentence's token values, tag dictionary entries and static feature
    /// hashes.
    fn prepare(&self, forms: &[&str]) -> Prepared {
        let toks = self.toks(forms);
        let fixed: Vec<Option<u8>> = toks[2..2 + forms.len()]
            .iter()
            .map(|t| self.dict.get(&t.form).copied())
            .collect();
        let scored = fixed.iter().filter(|f| f.is_none()).count();
        let mut statics = Vec::with_capacity(scored * STATIC);
        for (i, f) in fixed.iter().enumerate() {
            if f.is_none() {
                Self::static_features(&toks, i, &mut statics);
            }
        }
        Prepared {
            toks,
            fixed,
            statics,
        }
    }

    /// Both passes over a prepared sentence; `seen` gets the pass (0 or 1),
    /// each scored word's index and its scores.
    fn tag_prepared(
        &self,
        sentence: &Prepared,
        mut seen: impl FnMut(usize, usize, &[i32; NT]),
    ) -> Vec<u64> {
        let scored = sentence.statics.len() / STATIC;
        let mut sums = vec![[0i32; NT]; scored];
        self.first.add_many(&sentence.statics, STATIC, &mut sums);
        let guessed = self.guessed_steps(&self.first, sentence, &[]);
        let first = |i, s: &[i32; NT]| seen(0, i, s);
        let mut tags = self.pass(&self.first, sentence, &sums, &guessed, &[], first);
        if let Some(second) = &self.second {
            tags.extend([END_TAG, END_TAG]);
            let mut rights = Vec::with_capacity(scored * RIGHT);
            for (i, f) in sentence.fixed.iter().enumerate() {
                if f.is_none() {
                    Self::right_features(&sentence.toks, i, &tags, &mut rights);
                }
            }
            sums.fill([0; NT]);
            second.add_many(&sentence.statics, STATIC, &mut sums);
            second.add_many(&rights, RIGHT, &mut sums);
            let guessed = self.guessed_steps(second, sentence, &tags);
            let second_seen = |i, s: &[i32; NT]| seen(1, i, s);
            tags = self.pass(second, sentence, &sums, &guessed, &tags, second_seen);
        }
        tags
    }

    /// Tags a sentence of word forms.
    pub fn tag(&self, forms: &[&str]) -> Vec<Upos> {
        let sentence = self.prepare(forms);
        let tags = self.tag_prepared(&sentence, |_, _, _| {});
        tags.iter().map(|&t| Upos::ALL[t as usize]).collect()
    }

    /// The number of weight rows (features kept).
    pub fn feature_count(&self) -> usize {
        self.first.len() + self.second.as_ref().map_or(0, Weights::len)
    }

    /// Writes the tagger (little-endian; see [`Weights::write_to`]).
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        write_u32(out, NT as u32)?;
        self.first.write_to(out)?;
        // Bit 0: a second pass follows; bit 1: the prev_tag_flags feature
        // (absent from older files, which read as without it).
        let extra = if self.prev_tag_flags { 2 } else { 0 };
        match &self.second {
            Some(second) => {
                out.write_all(&[1 | extra])?;
                second.write_to(out)?;
            }
            None => out.write_all(&[extra])?,
        }
        let classes: BTreeMap<&u64, &u32> = self.classes.iter().collect();
        write_u32(out, classes.len() as u32)?;
        for (hash, mask) in classes {
            write_u64(out, *hash)?;
            write_u32(out, *mask)?;
        }
        let dict: BTreeMap<&u64, &u8> = self.dict.iter().collect();
        write_u32(out, dict.len() as u32)?;
        for (hash, tag) in dict {
            write_u64(out, *hash)?;
            out.write_all(&[*tag])?;
        }
        Ok(())
    }

    /// Reads a tagger written by [`Tagger::write_to`].
    pub fn read_from(input: &mut dyn Read) -> io::Result<Tagger> {
        let nt = read_u32(input)? as usize;
        if nt != NT {
            return Err(invalid(format!("tagger: {nt} tags, expected {NT}")));
        }
        let first = Weights::read_from(input)?;
        let flags = read_u8(input)?;
        if flags > 3 {
            return Err(invalid(format!("tagger: second-pass flags {flags}")));
        }
        let second = if flags & 1 == 1 {
            Some(Weights::read_from(input)?)
        } else {
            None
        };
        let prev_tag_flags = flags & 2 == 2;
        let n = read_count(input, 1 << 24, "tagger classes")?;
        let mut classes = HashIndex::default();
        classes.reserve(n);
        for _ in 0..n {
            let hash = read_u64(input)?;
            classes.insert(hash, read_u32(input)?);
        }
        let n = read_count(input, 1 << 24, "tagger dictionary")?;
        let mut dict = HashIndex::default();
        dict.reserve(n);
        for _ in 0..n {
            let hash = read_u64(input)?;
            let tag = read_u8(input)?;
            if usize::from(tag) >= NT {
                return Err(invalid(format!("tagger dictionary: tag {tag}")));
            }
            dict.insert(hash, tag);
        }
        Ok(Tagger {
            first,
            second,
            classes,
            dict,
            prev_tag_flags,
        })
    }
}

/// The index of the largest score (the first on ties).
fn argmax(scores: &[i32]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}

/// The averaged perceptron being trained (Daumé's trick: the average is
/// `w - u / c`).
struct Training {
    index: HashIndex<u32>,
    w: Vec<i32>,
    u: Vec<i64>,
    c: i64,
}

impl Training {
    fn row(&mut self, f: u64) -> usize {
        let next = self.index.len() as u32;
        let row = *self.index.entry(f).or_insert(next) as usize;
        if row == next as usize {
            self.w.extend([0; NT]);
            self.u.extend([0; NT]);
        }
        row
    }

    fn scores(&self, feats: &[u64]) -> [i64; NT] {
        let mut scores = [0i64; NT];
        for f in feats {
            if let Some(&row) = self.index.get(f) {
                let base = row as usize * NT;
                for (s, w) in scores.iter_mut().zip(&self.w[base..base + NT]) {
                    *s += i64::from(*w);
                }
            }
        }
        scores
    }

    fn update(&mut self, feats: &[u64], gold: usize, guess: usize) {
        for &f in feats {
            let base = self.row(f) * NT;
            self.w[base + gold] += 1;
            self.u[base + gold] += self.c;
            self.w[base + guess] -= 1;
            self.u[base + guess] -= self.c;
        }
    }
}

/// The gold forms and tags of a sentence's words (words without a UPOS are
/// skipped by training).
fn gold(sentence: &Sentence) -> (Vec<&str>, Vec<Option<Upos>>) {
    sentence.words().map(|w| (w.form.as_str(), w.upos)).unzip()
}

/// What [`train_tagger`] calls after each epoch: the epoch (1-based) and the
/// tagger so far.
pub type EpochHook<'a> = &'a mut dyn FnMut(usize, &Tagger);

/// Trains a tagger on the sentences' gold UPOS. `progress` is called after
/// each epoch of the last pass with the epoch number (1-based) and the
/// tagger so far (to measure it on development data).
pub fn train_tagger(
    sentences: &[Sentence],
    options: &TaggerOptions,
    mut progress: Option<EpochHook<'_>>,
) -> Tagger {
    // The lexicon: tags per lower-cased word, and the tag dictionary.
    let mut counts: BTreeMap<String, [u32; NT]> = BTreeMap::new();
    let mut exact: BTreeMap<String, [u32; NT]> = BTreeMap::new();
    for sentence in sentences {
        for word in sentence.words() {
            if let Some(tag) = word.upos {
                counts.entry(word.form.to_lowercase()).or_insert([0; NT])[tag.index()] += 1;
                exact.entry(word.form.clone()).or_insert([0; NT])[tag.index()] += 1;
            }
        }
    }
    let classes: HashIndex<u32> = counts
        .iter()
        .map(|(word, c)| (hash_str(word), class_mask(c)))
        .collect();
    let mut dict: HashIndex<u8> = HashIndex::default();
    for (word, c) in &exact {
        let total: u32 = c.iter().sum();
        let best = argmax_u32(c);
        if total >= options.dict_min_count
            && f64::from(c[best]) >= options.dict_min_share * f64::from(total)
        {
            dict.insert(hash_str(word), best as u8);
        }
    }
    let masks = jackknifed_masks(sentences, &counts, options.contiguous_folds);
    let data: Vec<Example> = sentences
        .iter()
        .zip(&masks)
        .map(|(sentence, masks)| {
            let (forms, tags) = gold(sentence);
            Example {
                toks: Tagger::toks_with(&forms, |i, _| masks[i]),
                tags: tags.iter().map(|t| t.map(Upos::index)).collect(),
                fixed: forms
                    .iter()
                    .map(|f| dict.get(&hash_str(f)).map(|&t| u64::from(t)))
                    .collect(),
            }
        })
        .collect();
    let mut tagger = Tagger {
        first: Weights::default(),
        second: None,
        classes,
        dict,
        prev_tag_flags: options.prev_tag_flags,
    };
    let all: Vec<usize> = (0..data.len()).collect();
    if !options.two_pass {
        tagger.first = train_pass(&data, &all, None, options, |epoch, weights| {
            if let Some(progress) = progress.as_deref_mut() {
                tagger.first = weights.clone();
                progress(epoch, &tagger);
            }
        });
        return tagger;
    }
    // The second pass learns from first-pass tags of the kind it will see
    // on new text: each fold's tags come from a first pass trained on the
    // other folds.
    let mut right: Vec<Vec<u64>> = vec![Vec::new(); data.len()];
    let n = data.len();
    let fold = |s: usize| fold_of(s, n, PASS_FOLDS, options.contiguous_folds);
    for k in 0..PASS_FOLDS {
        let train: Vec<usize> = all.iter().copied().filter(|&s| fold(s) != k).collect();
        let weights = train_pass(&data, &train, None, options, |_, _| {});
        for s in all.iter().copied().filter(|&s| fold(s) == k) {
            right[s] = first_pass(&weights, &data[s], options.prev_tag_flags);
        }
    }
    tagger.first = train_pass(&data, &all, None, options, |_, _| {});
    tagger.second = Some(train_pass(
        &data,
        &all,
        Some(&right),
        options,
        |epoch, weights| {
            if let Some(progress) = progress.as_deref_mut() {
                tagger.second = Some(weights.clone());
                progress(epoch, &tagger);
            }
        },
    ));
    tagger
}

/// The folds of the first-pass tags the second pass trains on.
const PASS_FOLDS: usize = 5;

/// A training sentence, prepared.
struct Example {
    toks: Vec<Tok>,
    tags: Vec<Option<usize>>,
    /// The tag dictionary's tag of each word.
    fixed: Vec<Option<u64>>,
}

/// The first-pass tags of a training sentence, padded with two end tags.
fn first_pass(weights: &Weights, example: &Example, extra: bool) -> Vec<u64> {
    let mut tags = Vec::with_capacity(example.fixed.len() + 2);
    let mut feats = Vec::with_capacity(48);
    let mut scores = [0i32; NT];
    let (mut p1, mut p2) = (START_TAG, START_TAG);
    for (i, fixed) in example.fixed.iter().enumerate() {
        let tag = match fixed {
            Some(t) => *t,
            None => {
                Tagger::features(&example.toks, i, (p1, p2), &[], extra, &mut feats);
                weights.scores(&feats, &mut scores);
                argmax(&scores) as u64
            }
        };
        tags.push(tag);
        p2 = p1;
        p1 = tag;
    }
    tags.extend([END_TAG, END_TAG]);
    tags
}

/// Trains one pass's weights on the examples `which`; `epoch_done` sees the
/// averaged weights after each epoch.
fn train_pass(
    data: &[Example],
    which: &[usize],
    right: Option<&[Vec<u64>]>,
    options: &TaggerOptions,
    mut epoch_done: impl FnMut(usize, &Weights),
) -> Weights {
    let mut training = Training {
        index: HashIndex::default(),
        w: Vec::new(),
        u: Vec::new(),
        c: 1,
    };
    let mut order = which.to_vec();
    let mut rng = XorShift::new(options.seed);
    let mut feats = Vec::with_capacity(48);
    for epoch in 1..=options.epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let example = &data[s];
            let r: &[u64] = right.map_or(&[], |r| &r[s]);
            let (mut p1, mut p2) = (START_TAG, START_TAG);
            for (i, fixed) in example.fixed.iter().enumerate() {
                let guess = match fixed {
                    Some(t) => *t as usize,
                    None => {
                        let extra = options.prev_tag_flags;
                        Tagger::features(&example.toks, i, (p1, p2), r, extra, &mut feats);
                        let scores = training.scores(&feats);
                        let guess = argmax_i64(&scores);
                        if let Some(g) = example.tags[i] {
                            if g != guess {
                                training.update(&feats, g, guess);
                            }
                        }
                        training.c += 1;
                        guess
                    }
                };
                p2 = p1;
                p1 = guess as u64;
            }
        }
        if epoch < options.epochs {
            epoch_done(epoch, &average(&training, options.prune));
        }
    }
    let weights = average(&training, options.prune);
    epoch_done(options.epochs, &weights);
    weights
}

/// The ambiguity classes training sees, jackknifed: a sentence of fold k
/// gets its words' classes from the other folds, so that training meets
/// unknown words and incomplete classes as tagging new text does.
fn jackknifed_masks(
    sentences: &[Sentence],
    counts: &BTreeMap<String, [u32; NT]>,
    contiguous: bool,
) -> Vec<Vec<u32>> {
    let n = sentences.len();
    let fold = |s: usize| fold_of(s, n, FOLDS, contiguous);
    let lowers: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| s.words().map(|w| w.form.to_lowercase()).collect())
        .collect();
    let mut fold_counts: Vec<HashMap<&str, [u32; NT]>> = vec![HashMap::new(); FOLDS];
    for (s, sentence) in sentences.iter().enumerate() {
        for (word, lower) in sentence.words().zip(&lowers[s]) {
            if let Some(tag) = word.upos {
                fold_counts[fold(s)]
                    .entry(lower.as_str())
                    .or_insert([0; NT])[tag.index()] += 1;
            }
        }
    }
    lowers
        .iter()
        .enumerate()
        .map(|(s, words)| {
            words
                .iter()
                .map(|w| {
                    let mut c = counts.get(w).copied().unwrap_or([0; NT]);
                    if let Some(own) = fold_counts[fold(s)].get(w.as_str()) {
                        for (a, b) in c.iter_mut().zip(own) {
                            *a -= b;
                        }
                    }
                    class_mask(&c)
                })
                .collect()
        })
        .collect()
}

/// Averages, prunes and quantises the training weights (through the file
/// format, so the weights are what a reader would load).
fn average(training: &Training, prune: f32) -> Weights {
    let c = training.c as f64;
    let mut keyed: Vec<(u64, u32)> = training.index.iter().map(|(&h, &r)| (h, r)).collect();
    keyed.sort_unstable();
    let mut rows = Vec::with_capacity(keyed.len());
    for (hash, row) in keyed {
        let base = row as usize * NT;
        let mut avg = [0.0f32; NT];
        for (t, a) in avg.iter_mut().enumerate() {
            *a = (f64::from(training.w[base + t]) - training.u[base + t] as f64 / c) as f32;
        }
        if avg.iter().any(|w| w.abs() >= prune) {
            rows.push((hash, avg));
        }
    }
    Weights::from_rows(&rows)
}

/// The jackknife fold (`0..folds`) of item `index` of `count`: contiguous
/// blocks of about `count / folds` items, or every `folds`-th item.
pub fn fold_of(index: usize, count: usize, folds: usize, contiguous: bool) -> usize {
    if folds == 0 {
        0
    } else if contiguous {
        (index * folds / count.max(1)).min(folds - 1)
    } else {
        index % folds
    }
}

/// The folds of the jackknifed ambiguity classes.
const FOLDS: usize = 10;

/// The ambiguity class of a word's tag counts: the tags that make at least
/// 5% of its occurrences.
fn class_mask(counts: &[u32; NT]) -> u32 {
    let total: u32 = counts.iter().sum();
    let mut mask = 0u32;
    for (t, n) in counts.iter().enumerate() {
        if *n > 0 && u64::from(*n) * 20 >= u64::from(total) {
            mask |= 1 << t;
        }
    }
    mask
}

fn argmax_u32(counts: &[u32; NT]) -> usize {
    let mut best = 0;
    for (i, c) in counts.iter().enumerate() {
        if *c > counts[best] {
            best = i;
        }
    }
    best
}

fn argmax_i64(scores: &[i64; NT]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}

/// The share of words whose predicted UPOS equals the gold one.
pub fn accuracy(tagger: &Tagger, sentences: &[Sentence]) -> f64 {
    let (mut right, mut total) = (0usize, 0usize);
    for sentence in sentences {
        let (forms, tags) = gold(sentence);
        for (p, g) in tagger.tag(&forms).iter().zip(tags) {
            total += 1;
            if Some(*p) == g {
                right += 1;
            }
        }
    }
    if total == 0 {
        0.0
    } else {
        right as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random sentences: words of a pool (common words, names, numbers,
    /// punctuation, accented and capitalised forms) and random strings.
    fn random_sentences(count: usize, seed: u64) -> Vec<Vec<String>> {
        const POOL: [&str; 40] = [
            "the",
            "talks",
            "Talks",
            "between",
            "the",
            "two",
            "ministers",
            "resumed",
            "on",
            "Monday",
            ".",
            ",",
            "she",
            "said",
            "that",
            "they",
            "would",
            "meet",
            "again",
            "in",
            "Geneva",
            "next",
            "week",
            "3.5",
            "1998",
            "U.S.",
            "well-known",
            "don't",
            "Élodie",
            "naïve",
            "CEO",
            "run",
            "runs",
            "running",
            "signed",
            "an",
            "accord",
            "\u{201c}",
            "!",
            "-",
        ];
        const CHARS: &[char] = &[
            'a', 'e', 'k', 's', 'Z', 'Q', '7', '-', '.', 'é', 'ß', '\'', 'İ',
        ];
        let mut rng = XorShift::new(seed);
        (0..count)
            .map(|_| {
                let len = rng.below(30);
                (0..len)
                    .map(|_| {
                        if rng.below(4) == 0 {
                            let n = 1 + rng.below(9);
                            (0..n).map(|_| CHARS[rng.below(CHARS.len())]).collect()
                        } else {
                            POOL[rng.below(POOL.len())].to_string()
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// The features of a step as [`Tagger::features`] gives them and as the
    /// static, right and step features give them, sorted.
    fn both_feature_sets(
        toks: &[Tok],
        i: usize,
        prev: (u64, u64),
        right: &[u64],
        extra: bool,
    ) -> (Vec<u64>, Vec<u64>) {
        let mut whole = Vec::new();
        Tagger::features(toks, i, prev, right, extra, &mut whole);
        let mut split = Vec::new();
        Tagger::static_features(toks, i, &mut split);
        assert_eq!(split.len(), STATIC);
        if !right.is_empty() {
            Tagger::right_features(toks, i, right, &mut split);
            assert_eq!(split.len(), STATIC + RIGHT);
        }
        let mut step = Vec::new();
        Tagger::step_features(toks, i, prev, right, extra, &mut step);
        split.extend(step);
        whole.sort_unstable();
        split.sort_unstable();
        (whole, split)
    }

    #[test]
    fn split_features_are_the_features() {
        let mut rng = XorShift::new(11);
        for words in random_sentences(200, 5) {
            let forms: Vec<&str> = words.iter().map(String::as_str).collect();
            let toks = Tagger::toks_with(&forms, |i, _| (i as u32 * 2654435761) & 0x1ffff);
            let mut right: Vec<u64> = (0..forms.len()).map(|_| rng.below(17) as u64).collect();
            right.extend([END_TAG, END_TAG]);
            for i in 0..forms.len() {
                let prev = (rng.below(18) as u64, rng.below(18) as u64);
                for extra in [false, true] {
                    for r in [&[][..], &right[..]] {
                        let (whole, split) = both_feature_sets(&toks, i, prev, r, extra);
                        assert_eq!(whole, split, "word {i} of {forms:?}");
                    }
                }
            }
        }
    }

    /// The tags of both passes with every feature of every step looked up
    /// one by one (the tagger before the static sums), with the scores of
    /// each scored word.
    fn reference_tags(
        tagger: &Tagger,
        forms: &[&str],
        seen: &mut Vec<(usize, usize, [i32; NT])>,
    ) -> Vec<u64> {
        let toks = tagger.toks(forms);
        let mut run = |pass: usize, weights: &Weights, right: &[u64]| {
            let mut tags = Vec::new();
            let mut feats = Vec::new();
            let mut scores = [0i32; NT];
            let (mut p1, mut p2) = (START_TAG, START_TAG);
            for i in 0..forms.len() {
                let tag = match tagger.dict.get(&toks[i + 2].form) {
                    Some(&tag) => u64::from(tag),
                    None => {
                        let extra = tagger.prev_tag_flags;
                        Tagger::features(&toks, i, (p1, p2), right, extra, &mut feats);
                        weights.scores(&feats, &mut scores);
                        seen.push((pass, i, scores));
                        argmax(&scores) as u64
                    }
                };
                tags.push(tag);
                p2 = p1;
                p1 = tag;
            }
            tags
        };
        let mut tags = run(0, &tagger.first, &[]);
        if let Some(second) = &tagger.second {
            tags.extend([END_TAG, END_TAG]);
            tags = run(1, second, &tags);
        }
        tags
    }

    #[test]
    fn static_sums_score_as_every_feature_looked_up() {
        let model = crate::syntax::Model::builtin();
        let tagger = &model.tagger;
        let mut with_flags = tagger.clone();
        with_flags.prev_tag_flags = true;
        let mut one_pass = tagger.clone();
        one_pass.second = None;
        let mut sentences = random_sentences(300, 9);
        sentences.push(Vec::new());
        sentences.push(vec!["Talks".to_string()]);
        for tagger in [tagger, &with_flags, &one_pass] {
            for words in &sentences {
                let forms: Vec<&str> = words.iter().map(String::as_str).collect();
                let mut expected = Vec::new();
                let want = reference_tags(tagger, &forms, &mut expected);
                let mut got = Vec::new();
                let prepared = tagger.prepare(&forms);
                let tags = tagger.tag_prepared(&prepared, |pass, i, s| got.push((pass, i, *s)));
                assert_eq!(got, expected, "{forms:?}");
                assert_eq!(tags, want, "{forms:?}");
            }
        }
    }

    #[test]
    fn token_values_are_those_of_the_lower_cased_string() {
        let mut words: Vec<String> = random_sentences(200, 3).into_iter().flatten().collect();
        words.extend(["KELVIN\u{212a}", "İSTANBUL", "ΟΔΟΣ", "x", ""].map(String::from));
        let forms: Vec<&str> = words.iter().map(String::as_str).collect();
        let toks = Tagger::toks_with(&forms, |_, _| 0);
        for (form, t) in forms.iter().zip(&toks[2..]) {
            let lower = form.to_lowercase();
            assert_eq!(t.lower, hash_str(&lower), "{form}");
            for n in 1..=4 {
                assert_eq!(
                    t.suffix[n - 1],
                    suffix(&lower, n).map_or(n as u64, hash_str)
                );
                assert_eq!(
                    t.prefix[n - 1],
                    prefix(&lower, n).map_or(n as u64, hash_str)
                );
            }
        }
    }

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(shape("McDonald"), "XxXx");
        assert_eq!(shape("3.14"), "d.d");
        assert_eq!(suffix("walked", 2), Some("ed"));
        assert_eq!(suffix("é", 2), None);
        assert_eq!(prefix("walked", 3), Some("wal"));
        assert_eq!(prefix("wa", 2), Some("wa"));
        assert_eq!(prefix("w", 2), None);
    }
}
