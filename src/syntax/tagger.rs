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
        for (i, form) in forms.iter().enumerate() {
            let lower = form.to_lowercase();
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
            for n in 1..=4 {
                t.suffix[n - 1] = suffix(&lower, n).map_or(n as u64, hash_str);
                t.prefix[n - 1] = prefix(&lower, n).map_or(n as u64, hash_str);
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

    /// One greedy left-to-right pass.
    fn pass(&self, weights: &Weights, forms: &[&str], toks: &[Tok], right: &[u64]) -> Vec<u64> {
        debug_assert_eq!(toks.len(), forms.len() + 4);
        let mut tags = Vec::with_capacity(forms.len() + 2);
        let mut feats = Vec::with_capacity(48);
        let mut scores = [0i32; NT];
        let (mut p1, mut p2) = (START_TAG, START_TAG);
        for i in 0..forms.len() {
            let tag = match self.dict.get(&toks[i + 2].form) {
                Some(&tag) => u64::from(tag),
                None => {
                    Self::features(toks, i, (p1, p2), right, self.prev_tag_flags, &mut feats);
                    weights.scores(&feats, &mut scores);
                    argmax(&scores) as u64
                }
            };
            tags.push(tag);
            p2 = p1;
            p1 = tag;
        }
        tags
    }

    /// Tags a sentence of word forms.
    pub fn tag(&self, forms: &[&str]) -> Vec<Upos> {
        let toks = self.toks(forms);
        let mut tags = self.pass(&self.first, forms, &toks, &[]);
        if let Some(second) = &self.second {
            tags.extend([END_TAG, END_TAG]);
            tags = self.pass(second, forms, &toks, &tags);
        }
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
