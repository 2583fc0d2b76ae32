//! The dependency parser: a greedy transition-based parser (arc-hybrid) with
//! an averaged perceptron, trained with a dynamic oracle and exploration.
//!
//! # Transition system
//!
//! Arc-hybrid (Kuhlmann, Gómez-Rodríguez & Satta 2011) with the root token
//! `0` at the bottom of the stack and the words `1..=n` in the buffer:
//! `SHIFT` pushes the first buffer word; `LEFT-l` makes the first buffer
//! word the head of the stack top (label `l`) and pops it; `RIGHT-l` makes
//! the word under the stack top its head and pops it. `RIGHT` onto the root
//! is allowed only once the buffer is empty, so every tree has exactly one
//! word attached to the root. Labeled transitions: one perceptron class per
//! (transition, label), `1 + 2 × labels` classes, labels exactly as in the
//! treebank (subtypes included: `nsubj:pass`, `obl:tmod`, ...).
//!
//! # Oracle and training
//!
//! The dynamic oracle of Goldberg & Nivre (2013) for arc-hybrid: the cost of
//! a transition is the number of gold arcs (with their labels) it makes
//! unreachable. It is exact for projective trees. Training follows the
//! highest-scoring zero-cost transition, and from the epoch
//! [`ParserOptions::explore_from`] on, when the model's own choice is wrong,
//! follows that choice anyway with probability
//! [`ParserOptions::explore_prob`] (error exploration), so the model learns
//! to recover from its own mistakes.
//!
//! Non-projective training trees (288 of the 12,544 EWT train sentences):
//! by default ([`NonProjective::MinCost`]) they are trained on with the same
//! oracle, whose costs then count gold arcs lost as if every arc were
//! reachable; the oracle follows the cheapest transitions, which yields a
//! projective tree keeping the rest of the sentence (the crossing arcs are
//! the ones lost), so the projective majority of their arcs is still learnt.
//! Skipping them ([`NonProjective::Skip`]) was measured on dev (gold UPOS,
//! 6 epochs): UAS 87.88 / LAS 86.29 against 87.90 / 86.28 for MinCost, no
//! difference at this share. Projectivising with label encoding would add a
//! de-projectivising step at parse time for ~1% of the arcs; not done. The
//! parser's output is always projective.
//!
//! # Selectional branching
//!
//! Parsing can be greedy with one correction (after Choi & McCallum 2013;
//! off by default, see [`DEFAULT_BRANCHES`]): while parsing, the decisions whose margin between the best and the
//! second-best legal class is below [`DEFAULT_BRANCH_MARGIN`] perceptron
//! updates are noted; the one with the smallest margin is then taken the
//! other way and the rest of the sentence parsed greedily from there, and
//! the sequence with the higher sum of class scores is kept (the two have
//! the same number of moves). On EWT dev with the tagger's UPOS this is
//! worth +0.3 UAS / +0.3 LAS for about 10% of the tagging + parsing time;
//! more branches or wider margins gain a little more for much more time,
//! and comparing the two sequences over only a few moves instead of to the
//! end gains less (docs/syntax.md). Training is unchanged (greedy, local
//! updates). [`Parser::set_branching`] changes the setting (0 branches:
//! plain greedy).
//!
//! # Beam search and global training
//!
//! Also available, off by default (measured on EWT dev, docs/syntax.md,
//! and not better than the greedy parser there): beam search
//! ([`Parser::set_beam`]: the `width` best-scoring hypotheses kept from
//! move to move, optionally only those within a margin of the best) and
//! global training ([`ParserOptions::beam`]): each sentence decoded with a
//! beam, and at the step where the best hypothesis beats the reference by
//! the most while no correct hypothesis is left in the beam (max-violation,
//! Huang, Fayong & Guo 2012), one update: +1 for the reference's moves, -1
//! for the best hypothesis's. The reference is latent: the best-scoring
//! sequence of the oracle's cheapest moves (a correct hypothesis of the
//! beam when it scores higher than the one followed so far), so
//! non-projective trees train as in greedy training.
//! [`ParserOptions::beam_from`] trains the first epochs greedily (a warm
//! start). A locally trained parser must not be decoded with a beam: its
//! class scores are not comparable across configurations (dev UAS 77 with
//! a beam of 4 against 84 greedy).
//!
//! # Features
//!
//! The rich feature set of Zhang & Nivre (2011) adapted to arc-hybrid: the
//! lower-cased form (digits mapped to `0`), UPOS and their pair for the
//! stack words `s0..s2` and buffer words `b0..b2`; the leftmost and
//! rightmost two children of `s0`, `s1` (and left children of `b0`) with
//! their forms, tags and labels; the `s0`–`b0` and `s1`–`s0` distances;
//! valencies; the sets of labels of left and right children; three-letter
//! suffixes and a word shape (for unknown words). Optional templates
//! ([`ParserOptions::templates`], recorded in the file, off in the shipped
//! one): [`TEMPLATES_LEXICAL`], UPOS refined by the word or its ending
//! (measured on dev: within the noise, docs/syntax.md). Feature ids are 64-bit
//! hashes of the template number and its atoms (deterministic, no
//! `HashMap` anywhere). Each feature has a sparse row of the classes it was
//! ever updated for.
//!
//! Training keeps integer weights (each perceptron update is ±1) and their
//! running sums, so averaging is exact and the run is deterministic (a fixed
//! seed xorshift shuffles the sentences and draws the exploration). After
//! every epoch the averaged weights are pruned (|w| below
//! [`ParserOptions::min_weight`] dropped) and quantised to `i16`; the epoch
//! whose quantised model has the best dev LAS is kept. Parsing sums `i16`
//! weights into `i32` class scores: no floating point, no allocation per
//! transition.
//!
//! # Figures
//!
//! EWT v2.15, gold tokens and gold UPOS, 12 epochs (best dev epoch 11),
//! CoNLL 2018 scoring (every word, universal relations):
//!
//! | model                       | size    | dev UAS / LAS | test UAS / LAS |
//! |-----------------------------|---------|---------------|----------------|
//! | unpruned (1.18M features)   | 21.3 MB | 88.23 / 86.69 | 87.96 / 86.34  |
//! | `min_weight` 1.0 (default)  |  9.1 MB | 88.09 / 86.53 | 87.78 / 86.18  |
//! | `min_weight` 2.0            |  3.4 MB | 87.80 / 86.17 | 87.71 / 86.20  |
//! | `min_weight` 3.0            |  1.3 MB | 87.15 / 85.30 |                |
//!
//! With the tagger's predicted UPOS (95.3% right on dev, 95.5% on test;
//! `train_parser --predicted`), default pruning: trained on gold tags, dev
//! 84.74 / 81.79, test 84.28 / 81.49; trained on 5-fold jackknifed tags (8
//! epochs, `--jackknife 5`), dev 84.73 / 81.76, test 84.76 / 82.00. Tag
//! errors cost 3-4 points; jackknifing wins back ~0.5 on test.
//!
//! Speed, parser alone, CPU time of one thread on a shared 2-core machine
//! (noisy, ±20%): 90-110k tokens/s unpruned, 100-130k at 1.0, 110-160k at
//! 2.0, ~160k at 3.0. Training: 15-40 s per epoch. Reproduce with
//! `examples/train_parser.rs` (`--prune-sweep 1,2,3` prints the other rows
//! from one training).
//!
//! # API
//!
//! ```text
//! pub struct TrainTree<'a> { pub forms: Vec<&'a str>, pub upos: Vec<Upos>,
//!                            pub heads: Vec<usize>, pub deprels: Vec<&'a str> }
//! pub struct ParserOptions { epochs, seed, explore_prob, explore_from,
//!                            nonprojective, min_weight, keep_last,
//!                            beam, beam_from }                        // impl Default
//! impl Parser {
//!     pub fn train(train: &[TrainTree], dev: &[TrainTree], options: &ParserOptions,
//!                  log: &mut dyn FnMut(&str)) -> Parser;
//!     pub fn parse(&self, forms: &[&str], upos: &[Upos]) -> Vec<(usize, &str)>;
//!     pub fn set_branching(&mut self, margin: f32, branches: usize);
//!     pub fn set_lookahead(&mut self, margin: f32, branches: usize, window: usize);
//!     pub fn set_beam(&mut self, width: usize, margin: f32);
//!     pub fn evaluate(&self, trees: &[TrainTree]) -> AttachmentScores;
//!     pub fn labels(&self) -> &[String];
//!     pub fn prune(&self, min_weight: f32) -> Parser;
//!     pub fn feature_count(&self) -> usize;
//!     pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()>;
//!     pub fn read_from(input: &mut dyn Read) -> Result<Parser, ParserModelError>;
//! }
//! pub fn is_projective(heads: &[usize]) -> bool;
//! ```

use super::binio::prefetch;
use super::table::Table;
use super::Upos;
use std::cell::RefCell;
use std::fmt;
use std::io::{self, Read, Write};
use std::time::Instant;

/// One training (or evaluation) sentence: gold tokens, tags and tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainTree<'a> {
    /// The word forms.
    pub forms: Vec<&'a str>,
    /// The UPOS tag of each word (gold, or predicted by the tagger).
    pub upos: Vec<Upos>,
    /// The head of each word: 1-based, 0 for the root.
    pub heads: Vec<usize>,
    /// The relation of each word to its head, as in the treebank.
    pub deprels: Vec<&'a str>,
}

/// What training does with non-projective trees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonProjective {
    /// Train on them with the dynamic oracle, following the cheapest
    /// transitions (the crossing arcs are lost, the rest is learnt).
    MinCost,
    /// Leave them out of training.
    Skip,
}

/// Training settings.
#[derive(Debug, Clone, PartialEq)]
pub struct ParserOptions {
    /// Passes over the training set.
    pub epochs: usize,
    /// Seed of the xorshift generator (shuffling and exploration).
    pub seed: u64,
    /// Probability of following the model's own wrong transition.
    pub explore_prob: f64,
    /// First epoch (0-based) that explores.
    pub explore_from: usize,
    /// What to do with non-projective training trees.
    pub nonprojective: NonProjective,
    /// Averaged weights smaller than this (in perceptron updates) are
    /// dropped from the model.
    pub min_weight: f32,
    /// Keep the last epoch instead of the one with the best dev LAS (a
    /// fixed epoch count, for training on a set that includes dev).
    pub keep_last: bool,
    /// 0 or 1: greedy training, one local update per wrong transition (the
    /// dynamic oracle with exploration, above). 2 or more: global training
    /// with a beam of this width and max-violation updates (see
    /// [`Parser::train`]); exploration is then not used.
    pub beam: usize,
    /// With [`ParserOptions::beam`] 2 or more: the first epoch (0-based)
    /// trained globally; the ones before are trained greedily (a warm
    /// start).
    pub beam_from: usize,
    /// Optional feature templates, a set of `TEMPLATES_*` bits (0: the
    /// original set). Recorded in the model file.
    pub templates: u32,
}

/// [`ParserOptions::templates`] bit: lexical tags. Each word's UPOS is
/// refined by its form where the form tells what the universal tag
/// collapses (closer to the treebank's fine tags): closed-class words,
/// adverbs and punctuation by the word itself (`to`, `by`, `that`, `,`,
/// `"`), verbs by their ending (`-ing`, `-ed`, `-en`, `-s`), nouns by a
/// plural `-s`; and templates pairing and tripling these tags for the
/// stack and buffer words and the children of `s0`, `s1` and `b0`.
pub const TEMPLATES_LEXICAL: u32 = 1;
/// The template bits this code knows.
const TEMPLATES_KNOWN: u32 = TEMPLATES_LEXICAL;

impl Default for ParserOptions {
    fn default() -> ParserOptions {
        ParserOptions {
            epochs: 12,
            seed: 0x5eed_2026,
            explore_prob: 0.9,
            explore_from: 1,
            nonprojective: NonProjective::MinCost,
            min_weight: 1.0,
            keep_last: false,
            beam: 0,
            beam_from: 0,
            templates: 0,
        }
    }
}

/// Attachment scores on a set of trees (CoNLL 2018: every word counts).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AttachmentScores {
    /// Words scored.
    pub words: usize,
    /// Words with the right head.
    pub head_correct: usize,
    /// Words with the right head and the right universal relation (the
    /// part before ':').
    pub labeled_correct: usize,
}

impl AttachmentScores {
    /// Unlabeled attachment score, in percent.
    pub fn uas(&self) -> f64 {
        percent(self.head_correct, self.words)
    }

    /// Labeled attachment score, in percent.
    pub fn las(&self) -> f64 {
        percent(self.labeled_correct, self.words)
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// Why a parser model could not be read.
#[derive(Debug)]
pub enum ParserModelError {
    /// The input ended early.
    Truncated,
    /// The input does not start with the parser's magic bytes.
    BadMagic,
    /// The format version is not one this code reads.
    BadVersion(u32),
    /// A field holds an impossible value (named).
    Corrupt(String),
    /// Reading failed.
    Io(io::Error),
}

impl fmt::Display for ParserModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParserModelError::Truncated => f.write_str("parser model: the data ends early"),
            ParserModelError::BadMagic => {
                f.write_str("parser model: not a parser model (bad magic)")
            }
            ParserModelError::BadVersion(v) => {
                write!(f, "parser model: format version {v}, expected {VERSION}")
            }
            ParserModelError::Corrupt(what) => write!(f, "parser model: {what}"),
            ParserModelError::Io(e) => write!(f, "parser model: {e}"),
        }
    }
}

impl std::error::Error for ParserModelError {}

impl From<io::Error> for ParserModelError {
    fn from(e: io::Error) -> ParserModelError {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            ParserModelError::Truncated
        } else {
            ParserModelError::Io(e)
        }
    }
}

const MAGIC: &[u8; 8] = b"EGPARSE\0";
const END: &[u8; 4] = b"END.";
/// Version 2 added the weight scale after the labels.
const VERSION: u32 = 2;
/// The version of files with optional templates: a `u32` of template bits
/// follows the version (files without them are still written as
/// [`VERSION`], byte for byte as before).
const VERSION_TEMPLATES: u32 = 3;
/// Selectional branching of a trained or loaded parser: decisions whose
/// margin is below this many perceptron updates may be taken the other way
/// (the best setting on dev: see docs/syntax.md).
pub const DEFAULT_BRANCH_MARGIN: f32 = 10.0;
/// How many decisions per sentence are tried the other way by default: 0,
/// greedy. One (with [`DEFAULT_BRANCH_MARGIN`]) is worth +0.3 UAS / LAS
/// but changes a PETRARCH construction test's actor (docs/syntax.md), so
/// it is off until that is looked at; `set_branching(DEFAULT_BRANCH_MARGIN,
/// 1)` turns it on.
pub const DEFAULT_BRANCHES: usize = 0;
/// The beam width a loaded parser decodes with (0: greedy; see
/// [`Parser::set_beam`]).
pub const DEFAULT_BEAM: usize = 0;
/// Labels beyond this many (rarest first) are not learnt: classes must fit a byte.
const MAX_LABELS: usize = 127;

/// Buffers reused from transition to transition.
#[derive(Default)]
struct Scratch {
    atoms: Atoms,
    state: State,
    features: Vec<u64>,
    /// The part (see [`Part`]) of each of `features`.
    parts: Vec<u8>,
    offsets: Vec<(u32, u32)>,
    scores: Vec<i32>,
    /// The scores of the parts of the sentence being parsed.
    cache: PartCache,
    /// Beam parsing: the hypotheses and their scores, the next step's, and
    /// the candidates (sequence score, hypothesis, class).
    beam: Vec<(State, i64)>,
    next_beam: Vec<(State, i64)>,
    candidates: Vec<(i64, u32, u16)>,
}

/// The scores of each part of the features (see [`Part`]) for the words
/// of one sentence: part `p` of word `i` holds the sum of the rows of
/// that part's features when `i` is in the part's place, with the key
/// (what else the part reads: the word's children and their relations,
/// valency, label sets) they were computed for. A configuration whose word
/// and key match adds the sum instead of looking the features up: the
/// same integer sums, so the same scores. Kept for the whole sentence, so
/// that the passes of selectional branching and the hypotheses of a beam
/// share it (a different key is recomputed and replaces the sum).
#[derive(Default)]
struct PartCache {
    /// Words of the sentence plus the root and the "none" index.
    words: usize,
    /// `stride(n_classes)`.
    nc: usize,
    /// `keys[p * words + i]`; `NO_KEY` before it is computed.
    keys: Vec<[u64; 3]>,
    /// `sums[(p * words + i) * nc..][..nc]`, then one more vector for the
    /// features of no part ([`CROSS`]).
    sums: Vec<i32>,
}

/// A key no configuration has (an index of `u32::MAX` in both halves).
const NO_KEY: [u64; 3] = [u64::MAX; 3];

impl PartCache {
    /// Empties the cache for a sentence of `n` words and `nc` scores.
    fn reset(&mut self, n: usize, nc: usize) {
        self.words = n + 2;
        self.nc = nc;
        self.keys.clear();
        self.keys.resize(CACHED * self.words, NO_KEY);
        self.sums.resize((CACHED * self.words + 1) * nc, 0);
    }
}

/// A trained parser.
#[derive(Debug, Clone, PartialEq)]
pub struct Parser {
    labels: Vec<String>,
    weights: Weights,
    /// The optional templates it was trained with ([`ParserOptions::templates`]).
    templates: u32,
    /// Selectional branching (see [`Parser::set_branching`]): decisions
    /// whose margin is below this many `i16` weight units may be taken
    /// the other way; 0 parses greedily.
    branch_margin: i32,
    /// How many low-margin decisions are tried the other way.
    branches: usize,
    /// Lookahead: moves compared after a low-margin decision (0: to the
    /// end of the sentence, the whole rest re-parsed).
    window: usize,
    /// Beam width of parsing (0 or 1: greedy, with the branching above).
    beam: usize,
    /// Hypotheses more than this many `i16` weight units below the best
    /// are dropped from the beam (`i64::MAX`: none).
    beam_margin: i64,
}

/// The quantised weights. For writing: the sorted feature hashes and their
/// sparse rows of (class, weight). For parsing: an open-addressing table of
/// 8-byte slots (lower 32 bits of the hash as a fingerprint, the upper bits
/// pick the slot; the row's place, see [`INLINE_FLAG`] and [`DENSE_FLAG`])
/// and the other rows packed as `[len, class << 16 | weight, ...]` in one
/// `u32` array. Because the upper bits pick the slot, the sorted keys of a
/// model file fill the table from start to end (sequential writes, no cache
/// miss per key while loading).
#[derive(Debug, Clone, PartialEq)]
struct Weights {
    /// Feature hashes, sorted (the order they are written in).
    keys: Vec<u64>,
    /// Row `i` is `entries[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    entries: Vec<(u8, i16)>,
    /// Slots: (fingerprint, row); fingerprint 0 is empty. The row is a
    /// one-weight row itself (`INLINE_FLAG | class << 16 | weight`), the
    /// index of a dense row (`DENSE_FLAG | index`), or the offset of the
    /// row in `packed`: a feature's row is found with one cache miss (the
    /// slot's) for a row of one weight, and the next miss, for the others,
    /// is known from the slot alone (prefetched while other slots are
    /// probed).
    slots: Table<(u32, u32)>,
    /// `64 - log2(slots.len())`: a key's home slot is `key >> shift`.
    shift: u32,
    /// `packed[0] = 0` is the empty row of features not in the table.
    packed: Table<u32>,
    /// Rows with many classes, `n_classes` weights each (added with SIMD).
    dense: Table<i16>,
    n_classes: usize,
    /// The averaged perceptron weight of one `i16` unit.
    scale: f32,
}

/// The length of a dense row and of the score vector: the classes rounded
/// up to a multiple of 8 (whole SIMD chunks; the padding is never legal).
#[inline]
fn stride(n_classes: usize) -> usize {
    (n_classes + 7) & !7
}

/// Rows with at least this many weights are stored densely.
const DENSE_FROM: usize = 16;
/// A slot's row that is the index of a dense row.
const DENSE_FLAG: u32 = 1 << 31;
/// A slot's row that is a row of one weight, `class << 16 | weight` (a
/// class fits a byte); without either flag, a row is an offset in `packed`,
/// below `INLINE_FLAG` (`Parser::read_from` refuses larger models).
const INLINE_FLAG: u32 = 1 << 30;

/// The fingerprint stored for a key (never 0, which marks an empty slot).
#[inline]
fn fingerprint(key: u64) -> u32 {
    (key as u32).max(1)
}

/// A key's home slot in a table of `1 << (64 - shift)` slots.
#[inline]
fn home(key: u64, shift: u32) -> usize {
    (key >> shift) as usize
}

impl Weights {
    fn new(
        n_classes: usize,
        scale: f32,
        keys: Vec<u64>,
        starts: Vec<u32>,
        entries: Vec<(u8, i16)>,
    ) -> Weights {
        // at most half full: a probe rarely leaves its cache line
        let size = (keys.len() * 2).next_power_of_two().max(16);
        let mut slots: Table<(u32, u32)> = Table::zeroed(size);
        let mask = size - 1;
        let shift = 64 - size.trailing_zeros();
        let mut packed = Vec::with_capacity(1 + keys.len() + entries.len());
        packed.push(0u32);
        let mut dense = Vec::new();
        for (row, &key) in keys.iter().enumerate() {
            let (from, to) = (starts[row] as usize, starts[row + 1] as usize);
            let offset = if to - from >= DENSE_FROM {
                let index = DENSE_FLAG | (dense.len() / stride(n_classes)) as u32;
                let base = dense.len();
                dense.resize(base + stride(n_classes), 0);
                for &(class, weight) in &entries[from..to] {
                    if let Some(w) = dense.get_mut(base + class as usize) {
                        *w = weight;
                    }
                }
                index
            } else if to - from == 1 {
                let (class, weight) = entries[from];
                INLINE_FLAG | (class as u32) << 16 | weight as u16 as u32
            } else {
                let offset = packed.len() as u32;
                packed.push((to - from) as u32);
                for &(class, weight) in &entries[from..to] {
                    packed.push((class as u32) << 16 | weight as u16 as u32);
                }
                offset
            };
            let mut at = home(key, shift);
            while slots[at].0 != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = (fingerprint(key), offset);
        }
        Weights {
            keys,
            starts,
            entries,
            slots,
            shift,
            packed: Table::from(packed),
            dense: Table::from(dense),
            n_classes,
            scale,
        }
    }

    /// Adds the rows of `features` to `scores`. In phases, so that the
    /// cache misses of different features overlap: first the slots are
    /// prefetched, then probed (adding the one-weight rows, prefetching the
    /// others), then the other rows added. `offsets` is scratch space. The
    /// sums are integers: the order they are added in changes nothing.
    #[inline]
    fn score(&self, features: &[u64], offsets: &mut Vec<(u32, u32)>, scores: &mut [i32]) {
        self.score_at(features, |_| 0, offsets, scores);
    }

    /// [`Weights::score`] with the row of feature `i` added to the scores
    /// at `scores[base(i)..]` (`stride` of them; several score vectors
    /// filled in one pass).
    #[inline]
    fn score_at(
        &self,
        features: &[u64],
        base: impl Fn(usize) -> usize,
        offsets: &mut Vec<(u32, u32)>,
        scores: &mut [i32],
    ) {
        let mask = self.slots.len() - 1;
        let nc = stride(self.n_classes);
        offsets.clear();
        for &key in features {
            prefetch(&self.slots[home(key, self.shift)]);
        }
        for (i, &key) in features.iter().enumerate() {
            let fp = fingerprint(key);
            let mut at = home(key, self.shift);
            let row = loop {
                let (f, row) = self.slots[at];
                if f == fp {
                    break row;
                }
                if f == 0 {
                    break 0;
                }
                at = (at + 1) & mask;
            };
            let to = base(i);
            if row & DENSE_FLAG != 0 {
                let at = (row & !DENSE_FLAG) as usize * nc;
                if let Some(dense) = self.dense.get(at..at + nc) {
                    // the row's cache lines (2 bytes a class)
                    for line in dense.chunks(32) {
                        prefetch(&line[0]);
                    }
                    prefetch(&dense[nc - 1]);
                    offsets.push((row, to as u32));
                }
            } else if row & INLINE_FLAG != 0 {
                if let Some(s) = scores.get_mut(to + ((row >> 16) & 0xff) as usize) {
                    *s += row as u16 as i16 as i32;
                }
            } else if row != 0 {
                let row = row as usize;
                if let Some(header) = self.packed.get(row) {
                    prefetch(header);
                    // a row of up to 15 weights may end in the next line
                    if let Some(end) = self.packed.get(row + DENSE_FROM - 1) {
                        prefetch(end);
                    }
                    offsets.push((row as u32, to as u32));
                }
            }
        }
        for &(row, to) in offsets.iter() {
            let to = to as usize;
            let Some(scores) = scores.get_mut(to..(to + nc).min(scores.len())) else {
                continue;
            };
            if row & DENSE_FLAG != 0 {
                let at = (row & !DENSE_FLAG) as usize * nc;
                if let Some(dense) = self.dense.get(at..at + nc) {
                    add_row(scores, dense);
                }
                continue;
            }
            let offset = row as usize;
            let len = self.packed[offset] as usize;
            if let Some(row) = self.packed.get(offset + 1..offset + 1 + len) {
                for &e in row {
                    if let Some(s) = scores.get_mut((e >> 16) as usize) {
                        *s += e as u16 as i16 as i32;
                    }
                }
            }
        }
    }
}

/// Adds a row of weights (the dense `i16` rows) or of sums (`i32`) to the
/// scores, as far as the shorter goes, with AVX2 where the processor has
/// it: the same integer sums either way.
#[inline]
fn add_row<T: Copy + Into<i32>>(scores: &mut [i32], row: &[T]) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2 (checked just above).
            unsafe { add_row_avx2(scores, row) };
            return;
        }
    }
    add_row_portable(scores, row);
}

/// [`add_row`] compiled with AVX2 (8 values widened and added at once).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn add_row_avx2<T: Copy + Into<i32>>(scores: &mut [i32], row: &[T]) {
    add_row_portable(scores, row);
}

/// [`add_row`] in chunks of 8, which the compiler turns into SIMD.
#[inline(always)]
fn add_row_portable<T: Copy + Into<i32>>(scores: &mut [i32], row: &[T]) {
    let n = scores.len().min(row.len());
    let (scores, row) = (&mut scores[..n], &row[..n]);
    let mut s8 = scores.chunks_exact_mut(8);
    let mut w8 = row.chunks_exact(8);
    for (s, w) in (&mut s8).zip(&mut w8) {
        for k in 0..8 {
            s[k] += w[k].into();
        }
    }
    for (s, &w) in s8.into_remainder().iter_mut().zip(w8.remainder()) {
        *s += w.into();
    }
}

// ---------------------------------------------------------------------------
// Hashing

const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(26) ^ x).wrapping_mul(K)
}

#[inline]
fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    if h == 0 {
        1
    } else {
        h
    }
}

// ---------------------------------------------------------------------------
// Per-token atoms

const POS_NONE: u64 = 0;
const POS_ROOT: u64 = 30;

/// Per-token feature atoms of one sentence: index 0 is the root, `1..=n`
/// the words, `n + 1` the "none" sentinel.
#[derive(Default)]
struct Atoms {
    word: Vec<u64>,
    pos: Vec<u64>,
    suffix: Vec<u64>,
    shape: Vec<u64>,
    /// Lexical tags ([`TEMPLATES_LEXICAL`]); empty when the parser does
    /// not use them.
    fine: Vec<u64>,
}

impl Atoms {
    fn fill(&mut self, forms: &[&str], upos: &[Upos], templates: u32) {
        self.fine.clear();
        if templates & TEMPLATES_LEXICAL != 0 {
            self.fine.reserve(forms.len() + 2);
            self.fine.push(POS_ROOT);
            for (i, form) in forms.iter().enumerate() {
                self.fine.push(lexical_tag(form, upos.get(i).copied()));
            }
            self.fine.push(POS_NONE);
        }
        let n = forms.len();
        for v in [
            &mut self.word,
            &mut self.pos,
            &mut self.suffix,
            &mut self.shape,
        ] {
            v.clear();
            v.reserve(n + 2);
        }
        self.word.push(finish(0x100));
        self.pos.push(POS_ROOT);
        self.suffix.push(finish(0x101));
        self.shape.push(0x102);
        for (i, form) in forms.iter().enumerate() {
            let (word, suffix, shape) = word_atoms(form);
            self.word.push(word);
            self.pos
                .push(upos.get(i).map_or(POS_NONE, |p| p.index() as u64 + 1));
            self.suffix.push(suffix);
            self.shape.push(shape);
        }
        self.word.push(finish(0x200));
        self.pos.push(POS_NONE);
        self.suffix.push(finish(0x201));
        self.shape.push(0x202);
    }
}

/// Whether `form` ends with `end` (ASCII, any case).
fn ends_with(form: &str, end: &[u8]) -> bool {
    let b = form.as_bytes();
    b.len() > end.len() && b[b.len() - end.len()..].eq_ignore_ascii_case(end)
}

/// The lexical tag of a word ([`TEMPLATES_LEXICAL`]): its UPOS refined by
/// the lower-cased word for closed classes, adverbs and punctuation, by
/// the ending for verbs, by a plural `-s` for nouns; the UPOS alone
/// otherwise.
fn lexical_tag(form: &str, upos: Option<Upos>) -> u64 {
    let Some(upos) = upos else { return POS_NONE };
    let tag = upos.index() as u64 + 1;
    let detail = match upos {
        Upos::Adp
        | Upos::Sconj
        | Upos::Aux
        | Upos::Part
        | Upos::Det
        | Upos::Pron
        | Upos::Cconj
        | Upos::Adv
        | Upos::Punct => word_atoms(form).0,
        Upos::Verb => {
            if ends_with(form, b"ing") {
                1
            } else if ends_with(form, b"ed") {
                2
            } else if ends_with(form, b"en") {
                3
            } else if ends_with(form, b"s") {
                4
            } else {
                5
            }
        }
        Upos::Noun | Upos::Propn if ends_with(form, b"s") => 1,
        _ => return tag,
    };
    finish(mix(mix(0x7a9, tag), detail))
}

/// The hash of the lower-cased form (digits as `0`), of its last three
/// characters, and a small shape code.
fn word_atoms(form: &str) -> (u64, u64, u64) {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut last = [0u32; 3];
    let (mut upper, mut lower, mut digit, mut other) = (0u32, 0u32, 0u32, 0u32);
    let mut first_upper = false;
    for (i, c) in form.chars().enumerate() {
        if c.is_uppercase() {
            upper += 1;
            if i == 0 {
                first_upper = true;
            }
        } else if c.is_lowercase() {
            lower += 1;
        } else if c.is_ascii_digit() {
            digit += 1;
        } else {
            other += 1;
        }
        let mapped = if c.is_ascii_digit() { '0' } else { c };
        for l in mapped.to_lowercase() {
            h = mix(h, l as u64);
            last = [last[1], last[2], l as u32];
        }
    }
    let word = finish(h);
    let suffix = finish(mix(
        mix(mix(0x5u64, last[0] as u64), last[1] as u64),
        last[2] as u64,
    ));
    let shape = match () {
        _ if digit > 0 && upper + lower == 0 => 1,
        _ if digit > 0 => 2,
        _ if upper > 0 && lower == 0 => 3,
        _ if first_upper && other > 0 => 4,
        _ if first_upper => 5,
        _ if upper > 0 => 6,
        _ if other > 0 && lower > 0 => 7,
        _ if other > 0 => 8,
        _ => 9,
    };
    (word, suffix, shape)
}

// ---------------------------------------------------------------------------
// Parser state

/// An arc-hybrid configuration plus the per-token summaries the features
/// read (children, valency, label sets). All vectors are reused.
#[derive(Default, Clone)]
struct State {
    n: usize,
    stack: Vec<u32>,
    /// First buffer word; the buffer is `next..=n`.
    next: usize,
    head: Vec<u32>,
    /// Label id + 1 of the arc to the head; 0 before it is attached.
    label: Vec<u16>,
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

const SHIFT: usize = 0;

#[inline]
#[cfg(test)]
fn class_left(label: usize) -> usize {
    1 + 2 * label
}

#[inline]
#[cfg(test)]
fn class_right(label: usize) -> usize {
    2 + 2 * label
}

impl State {
    /// Becomes a copy of `other`, reusing this state's allocations.
    fn copy_from(&mut self, other: &State) {
        self.n = other.n;
        self.next = other.next;
        self.stack.clone_from(&other.stack);
        self.head.clone_from(&other.head);
        self.label.clone_from(&other.label);
        self.lc1.clone_from(&other.lc1);
        self.lc2.clone_from(&other.lc2);
        self.rc1.clone_from(&other.rc1);
        self.rc2.clone_from(&other.rc2);
        self.nl.clone_from(&other.nl);
        self.nr.clone_from(&other.nr);
        self.lset.clone_from(&other.lset);
        self.rset.clone_from(&other.rset);
    }

    fn reset(&mut self, n: usize) {
        let none = (n + 1) as u32;
        self.n = n;
        self.stack.clear();
        self.stack.push(0);
        self.next = 1;
        for v in [
            &mut self.head,
            &mut self.lc1,
            &mut self.lc2,
            &mut self.rc1,
            &mut self.rc2,
        ] {
            v.clear();
            v.resize(n + 2, none);
        }
        self.label.clear();
        self.label.resize(n + 2, 0);
        for v in [&mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(n + 2, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(n + 2, 0);
        }
    }

    fn none(&self) -> u32 {
        (self.n + 1) as u32
    }

    fn terminal(&self) -> bool {
        self.next > self.n && self.stack.len() == 1
    }

    fn buffer_empty(&self) -> bool {
        self.next > self.n
    }

    fn can_shift(&self) -> bool {
        !self.buffer_empty()
    }

    fn can_left(&self) -> bool {
        self.stack.len() >= 2 && !self.buffer_empty()
    }

    fn can_right(&self) -> bool {
        let len = self.stack.len();
        len >= 2 && (self.stack[len - 2] != 0 || self.buffer_empty())
    }

    #[cfg(test)]
    fn legal(&self, class: usize) -> bool {
        if class == SHIFT {
            self.can_shift()
        } else if class % 2 == 1 {
            self.can_left()
        } else {
            self.can_right()
        }
    }

    fn add_arc(&mut self, head: u32, dep: u32, label: usize) {
        let none = self.none();
        let h = head as usize;
        self.head[dep as usize] = head;
        self.label[dep as usize] = label as u16 + 1;
        let bit = 1u64 << label.min(63);
        if dep < head {
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
            if self.lc1[h] == none || dep < self.lc1[h] {
                self.lc2[h] = self.lc1[h];
                self.lc1[h] = dep;
            } else if self.lc2[h] == none || dep < self.lc2[h] {
                self.lc2[h] = dep;
            }
        } else {
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
            if self.rc1[h] == none || dep > self.rc1[h] {
                self.rc2[h] = self.rc1[h];
                self.rc1[h] = dep;
            } else if self.rc2[h] == none || dep > self.rc2[h] {
                self.rc2[h] = dep;
            }
        }
    }

    /// Applies a legal transition.
    fn apply(&mut self, class: usize) {
        if class == SHIFT {
            self.stack.push(self.next as u32);
            self.next += 1;
        } else if class % 2 == 1 {
            let s0 = self.stack.pop().unwrap_or(0);
            self.add_arc(self.next as u32, s0, (class - 1) / 2);
        } else {
            let s0 = self.stack.pop().unwrap_or(0);
            let s1 = *self.stack.last().unwrap_or(&0);
            self.add_arc(s1, s0, (class - 2) / 2);
        }
    }
}

// ---------------------------------------------------------------------------
// Features

fn dist_bucket(a: u32, b: u32, none: u32) -> u64 {
    if a == none || b == none {
        return 0;
    }
    let d = a.abs_diff(b);
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        10..=14 => 7,
        _ => 8,
    }
}

/// The parts of the features of a configuration, by what they read: the
/// first stack word `s0` with its left children (`S0L`; final once it is
/// on the stack) or with its right children and their relations, valency
/// and label sets (`S0R`), the same of `s1` (`S1L`, `S1R`), the word `s2`
/// (`S2`), the first buffer word with its left children (`B0L`), the first
/// three buffer words alone (`BUF`), and the rest, which combine words of
/// several places (`CROSS`). All but `CROSS` are the same for every
/// configuration with the same word and key (see [`part_keys`]) and are
/// scored once per sentence, word and key ([`PartCache`]).
const S0L: usize = 0;
const S0R: usize = 1;
const S1L: usize = 2;
const S1R: usize = 3;
const S2: usize = 4;
const B0L: usize = 5;
const BUF: usize = 6;
/// The parts that are cached (all but [`CROSS`]).
const CACHED: usize = 7;
const CROSS: usize = 7;

/// A part of the features; see [`S0L`].
type Part = usize;

/// The hash of feature template `t` with values `a`, `b`, `c`, `e`.
#[inline]
fn feature_hash(t: u64, a: u64, b: u64, c: u64, e: u64) -> u64 {
    finish(mix(mix(mix(mix(t.wrapping_mul(K), a), b), c), e))
}

/// Pushes the feature hashes of a configuration into `out` (cleared first).
fn extract(state: &State, atoms: &Atoms, out: &mut Vec<u64>) {
    out.clear();
    each_feature(state, atoms, |_, t, a, b, c, e| {
        out.push(feature_hash(t, a, b, c, e))
    });
}

/// Pushes the hashes of the features whose part is not in `skip` (bit `p`
/// for part `p`) into `out` and their parts into `parts` (both cleared
/// first). A skipped feature's hash is not computed.
fn extract_parts(state: &State, atoms: &Atoms, skip: u32, out: &mut Vec<u64>, parts: &mut Vec<u8>) {
    out.clear();
    parts.clear();
    each_feature(state, atoms, |part, t, a, b, c, e| {
        if skip & (1 << part) == 0 {
            out.push(feature_hash(t, a, b, c, e));
            parts.push(part as u8);
        }
    });
}

/// The word each cached part of a configuration reads and its key: what
/// else the part's features read (see [`S0L`]). Two configurations with
/// the same word and key for a part have the same features in it.
#[inline]
fn part_keys(state: &State) -> [(usize, [u64; 3]); CACHED] {
    let none = state.none();
    let len = state.stack.len();
    let s0 = state.stack[len - 1] as usize;
    let s1 = if len >= 2 { state.stack[len - 2] } else { none } as usize;
    let s2 = if len >= 3 { state.stack[len - 3] } else { none } as usize;
    let b0 = if state.next <= state.n {
        state.next
    } else {
        none as usize
    };
    let label = |i: u32| u64::from(state.label[i as usize]);
    let left = |i: usize| {
        let (c1, c2) = (state.lc1[i], state.lc2[i]);
        [
            u64::from(c1) | u64::from(c2) << 32,
            label(c1) | label(c2) << 16 | u64::from(state.nl[i]) << 32,
            state.lset[i],
        ]
    };
    let right = |i: usize| {
        let (c1, c2) = (state.rc1[i], state.rc2[i]);
        [
            u64::from(c1) | u64::from(c2) << 32,
            label(c1) | label(c2) << 16 | u64::from(state.nr[i]) << 32 | label(state.lc1[i]) << 48,
            state.rset[i],
        ]
    };
    let first_left = |i: usize| {
        let c1 = state.lc1[i];
        [u64::from(c1) | label(c1) << 32, 0, 0]
    };
    [
        (s0, left(s0)),
        (s0, right(s0)),
        (s1, first_left(s1)),
        (s1, right(s1)),
        (s2, [0; 3]),
        (b0, left(b0)),
        (state.next.min(state.n + 1), [0; 3]),
    ]
}

/// Calls `emit(part, template, a, b, c, e)` for each feature of a
/// configuration, in template order. A feature's hash holds its template's
/// number, so where it is pushed changes nothing.
#[inline(always)]
fn each_feature(state: &State, atoms: &Atoms, mut emit: impl FnMut(Part, u64, u64, u64, u64, u64)) {
    let none = state.none();
    let len = state.stack.len();
    let s0 = state.stack[len - 1];
    let s1 = if len >= 2 { state.stack[len - 2] } else { none };
    let s2 = if len >= 3 { state.stack[len - 3] } else { none };
    let n = state.n;
    let at = |i: usize| if i <= n { i as u32 } else { none };
    let b0 = at(state.next);
    let b1 = at(state.next + 1);
    let b2 = at(state.next + 2);
    let (s0, s1, s2, b0, b1, b2) = (
        s0 as usize,
        s1 as usize,
        s2 as usize,
        b0 as usize,
        b1 as usize,
        b2 as usize,
    );
    let lc1 = |i: usize| state.lc1[i] as usize;
    let lc2 = |i: usize| state.lc2[i] as usize;
    let rc1 = |i: usize| state.rc1[i] as usize;
    let rc2 = |i: usize| state.rc2[i] as usize;
    let w = |i: usize| atoms.word[i];
    let p = |i: usize| atoms.pos[i];
    let l = |i: usize| state.label[i] as u64;
    let s0l = lc1(s0);
    let s0l2 = lc2(s0);
    let s0r = rc1(s0);
    let s0r2 = rc2(s0);
    let s1l = lc1(s1);
    let s1r = rc1(s1);
    let s1r2 = rc2(s1);
    let b0l = lc1(b0);
    let b0l2 = lc2(b0);
    let d = dist_bucket(s0 as u32, b0 as u32, none);
    let d1 = dist_bucket(s1 as u32, s0 as u32, none);
    let s0vl = state.nl[s0].min(6) as u64;
    let s0vr = state.nr[s0].min(6) as u64;
    let b0vl = state.nl[b0].min(6) as u64;
    let s1vr = state.nr[s1].min(6) as u64;

    let mut t = 0u64;
    let mut f = |part: usize, a: u64, b: u64, c: u64, e: u64| {
        t += 1;
        emit(part, t, a, b, c, e);
    };
    let (s0w, s0p, s1w, s1p, b0w, b0p, b1w, b1p) =
        (w(s0), p(s0), w(s1), p(s1), w(b0), p(b0), w(b1), p(b1));
    // Single words.
    f(S0L, s0w, 0, 0, 0);
    f(S0L, s0p, 0, 0, 0);
    f(S0L, s0w, s0p, 0, 0);
    f(S1L, s1w, 0, 0, 0);
    f(S1L, s1p, 0, 0, 0);
    f(S1L, s1w, s1p, 0, 0);
    f(S2, w(s2), 0, 0, 0);
    f(S2, p(s2), 0, 0, 0);
    f(BUF, b0w, 0, 0, 0);
    f(BUF, b0p, 0, 0, 0);
    f(BUF, b0w, b0p, 0, 0);
    f(BUF, b1w, 0, 0, 0);
    f(BUF, b1p, 0, 0, 0);
    f(BUF, b1w, b1p, 0, 0);
    f(BUF, w(b2), 0, 0, 0);
    f(BUF, p(b2), 0, 0, 0);
    f(BUF, w(b2), p(b2), 0, 0);
    // Word pairs.
    f(CROSS, s0w, s0p, b0w, b0p);
    f(CROSS, s0w, s0p, b0w, 0);
    f(CROSS, s0w, b0w, b0p, 0);
    f(CROSS, s0w, s0p, b0p, 0);
    f(CROSS, s0p, b0w, b0p, 0);
    f(CROSS, s0w, b0w, 0, 0);
    f(CROSS, s0p, b0p, 0, 0);
    f(BUF, b0p, b1p, 0, 0);
    f(BUF, b0w, b1w, 0, 0);
    f(BUF, b0w, b0p, b1p, 0);
    f(CROSS, s1w, s1p, s0w, s0p);
    f(CROSS, s1w, s0w, 0, 0);
    f(CROSS, s1p, s0p, 0, 0);
    f(CROSS, s1w, s1p, s0p, 0);
    f(CROSS, s1p, s0w, s0p, 0);
    f(CROSS, s1p, b0p, 0, 0);
    f(CROSS, s1w, b0w, 0, 0);
    // Tag trigrams.
    f(BUF, b0p, b1p, p(b2), 0);
    f(CROSS, s0p, b0p, b1p, 0);
    f(CROSS, s1p, s0p, b0p, 0);
    f(CROSS, p(s2), s1p, s0p, 0);
    f(CROSS, s0p, p(s0l), b0p, 0);
    f(CROSS, s0p, p(s0r), b0p, 0);
    f(CROSS, s0p, b0p, p(b0l), 0);
    f(CROSS, s1p, p(s1r), s0p, 0);
    f(CROSS, s1p, p(s1l), s0p, 0);
    f(CROSS, s1p, s0p, p(s0l), 0);
    f(CROSS, s1p, s0p, p(s0r), 0);
    // Distance.
    f(CROSS, s0w, d, 0, 0);
    f(CROSS, s0p, d, 0, 0);
    f(CROSS, b0w, d, 0, 0);
    f(CROSS, b0p, d, 0, 0);
    f(CROSS, s0w, b0w, d, 0);
    f(CROSS, s0p, b0p, d, 0);
    f(CROSS, s1p, s0p, d1, 0);
    f(CROSS, s1w, s0w, d1, 0);
    f(CROSS, s1p, s0p, b0p, d);
    // Valency.
    f(S0R, s0w, s0vr, 0, 0);
    f(S0R, s0p, s0vr, 0, 0);
    f(S0L, s0w, s0vl, 0, 0);
    f(S0L, s0p, s0vl, 0, 0);
    f(B0L, b0w, b0vl, 0, 0);
    f(B0L, b0p, b0vl, 0, 0);
    f(S1R, s1p, s1vr, 0, 0);
    // Children.
    f(S0L, w(s0l), 0, 0, 0);
    f(S0L, p(s0l), 0, 0, 0);
    f(S0L, l(s0l), 0, 0, 0);
    f(S0R, w(s0r), 0, 0, 0);
    f(S0R, p(s0r), 0, 0, 0);
    f(S0R, l(s0r), 0, 0, 0);
    f(B0L, w(b0l), 0, 0, 0);
    f(B0L, p(b0l), 0, 0, 0);
    f(B0L, l(b0l), 0, 0, 0);
    f(S1L, w(s1l), p(s1l), l(s1l), 0);
    f(S1R, w(s1r), p(s1r), l(s1r), 0);
    f(S1R, p(s1r2), l(s1r2), 0, 0);
    f(S0R, s0p, l(s0l), l(s0r), 0);
    f(S0L, s0w, l(s0l), 0, 0);
    f(S0R, s0w, l(s0r), 0, 0);
    f(B0L, b0p, l(b0l), 0, 0);
    // Second children.
    f(S0L, w(s0l2), 0, 0, 0);
    f(S0L, p(s0l2), 0, 0, 0);
    f(S0L, l(s0l2), 0, 0, 0);
    f(S0R, w(s0r2), 0, 0, 0);
    f(S0R, p(s0r2), 0, 0, 0);
    f(S0R, l(s0r2), 0, 0, 0);
    f(B0L, w(b0l2), 0, 0, 0);
    f(B0L, p(b0l2), 0, 0, 0);
    f(B0L, l(b0l2), 0, 0, 0);
    f(S0L, s0p, p(s0l), p(s0l2), 0);
    f(S0R, s0p, p(s0r), p(s0r2), 0);
    f(B0L, b0p, p(b0l), p(b0l2), 0);
    // Label sets.
    f(S0R, s0w, state.rset[s0], 0, 0);
    f(S0R, s0p, state.rset[s0], 0, 0);
    f(S0L, s0w, state.lset[s0], 0, 0);
    f(S0L, s0p, state.lset[s0], 0, 0);
    f(B0L, b0w, state.lset[b0], 0, 0);
    f(B0L, b0p, state.lset[b0], 0, 0);
    f(S1R, s1p, state.rset[s1], 0, 0);
    // Unknown words: suffixes and shapes.
    f(S0L, atoms.suffix[s0], 0, 0, 0);
    f(BUF, atoms.suffix[b0], 0, 0, 0);
    f(BUF, atoms.suffix[b1], 0, 0, 0);
    f(S1L, atoms.suffix[s1], 0, 0, 0);
    f(CROSS, atoms.suffix[s0], b0p, 0, 0);
    f(CROSS, s0p, atoms.suffix[b0], 0, 0);
    f(CROSS, atoms.shape[s0], atoms.shape[b0], 0, 0);
    f(BUF, atoms.shape[b0], b0p, 0, 0);
    f(S0L, atoms.shape[s0], s0p, 0, 0);
    if atoms.fine.is_empty() {
        return;
    }
    // Lexical tags (TEMPLATES_LEXICAL).
    let q = |i: usize| atoms.fine[i];
    let (s0q, s1q, b0q, b1q) = (q(s0), q(s1), q(b0), q(b1));
    f(S0L, s0q, 0, 0, 0);
    f(S1L, s1q, 0, 0, 0);
    f(S2, q(s2), 0, 0, 0);
    f(BUF, b0q, 0, 0, 0);
    f(BUF, b1q, 0, 0, 0);
    f(BUF, b0q, b1q, 0, 0);
    f(BUF, b0q, b1q, q(b2), 0);
    f(S0L, s0q, q(s0l), l(s0l), 0);
    f(S0L, s0q, q(s0l), q(s0l2), 0);
    f(S0R, s0q, q(s0r), l(s0r), 0);
    f(S0R, s0q, q(s0r), q(s0r2), 0);
    f(B0L, b0q, q(b0l), l(b0l), 0);
    f(S1R, s1q, q(s1r), l(s1r), 0);
    f(CROSS, s0q, b0q, 0, 0);
    f(CROSS, s1q, s0q, 0, 0);
    f(CROSS, s0q, b0q, b1q, 0);
    f(CROSS, s1q, s0q, b0q, 0);
    f(CROSS, s0q, b0q, d, 0);
}

// ---------------------------------------------------------------------------
// Oracle

/// Gold information for the dynamic oracle, with counters kept up to date
/// as transitions are applied.
#[derive(Clone, Default)]
struct Gold {
    /// Gold head of each position (index 0 and n + 1 unused).
    head: Vec<u32>,
    /// Gold label id of each position (`u16::MAX` if unknown).
    label: Vec<u16>,
    /// For each token h: the buffer words whose gold head is h.
    buffer_deps: Vec<u32>,
    /// For each token h: the stack words whose gold head is h.
    stack_deps: Vec<u32>,
    on_stack: Vec<bool>,
}

impl Gold {
    fn new(heads: &[usize], labels: &[u16]) -> Gold {
        let n = heads.len();
        let mut head = vec![u32::MAX; n + 2];
        let mut label = vec![u16::MAX; n + 2];
        let mut buffer_deps = vec![0u32; n + 2];
        for (i, (&h, &l)) in heads.iter().zip(labels).enumerate() {
            head[i + 1] = h as u32;
            label[i + 1] = l;
            if h <= n {
                buffer_deps[h] += 1;
            }
        }
        let mut on_stack = vec![false; n + 2];
        on_stack[0] = true;
        Gold {
            head,
            label,
            buffer_deps,
            stack_deps: vec![0; n + 2],
            on_stack,
        }
    }

    /// Becomes a copy of `other`, reusing this one's allocations.
    fn copy_from(&mut self, other: &Gold) {
        self.head.clone_from(&other.head);
        self.label.clone_from(&other.label);
        self.buffer_deps.clone_from(&other.buffer_deps);
        self.stack_deps.clone_from(&other.stack_deps);
        self.on_stack.clone_from(&other.on_stack);
    }

    /// Keeps the counters in step with `state.apply(class)` (call first).
    fn before_apply(&mut self, state: &State, class: usize) {
        if class == SHIFT {
            let b0 = state.next;
            let h = self.head[b0] as usize;
            if h < self.buffer_deps.len() {
                self.buffer_deps[h] -= 1;
                self.stack_deps[h] += 1;
            }
            self.on_stack[b0] = true;
        } else {
            let s0 = *state.stack.last().unwrap_or(&0) as usize;
            let h = self.head[s0] as usize;
            if h < self.stack_deps.len() {
                self.stack_deps[h] -= 1;
            }
            self.on_stack[s0] = false;
        }
    }

    /// Unlabeled costs of SHIFT, LEFT, RIGHT (u32::MAX if illegal) and the
    /// gold labels that LEFT and RIGHT must use to stay at that cost.
    fn costs(&self, state: &State) -> ([u32; 3], Option<u16>, Option<u16>) {
        let mut cost = [u32::MAX; 3];
        let len = state.stack.len();
        let s0 = state.stack[len - 1] as usize;
        let b0 = state.next;
        let in_buffer = |h: u32| (h as usize) >= b0 && (h as usize) <= state.n;
        if state.can_shift() {
            let h = self.head[b0];
            let head_lost =
                h != s0 as u32 && (h as usize) < self.on_stack.len() && self.on_stack[h as usize];
            cost[0] = self.stack_deps[b0] + head_lost as u32;
        }
        let mut left_label = None;
        let mut right_label = None;
        if len >= 2 {
            let s1 = state.stack[len - 2];
            let h = self.head[s0];
            let deps = self.buffer_deps[s0];
            if state.can_left() {
                let lost = h != b0 as u32 && (h == s1 || in_buffer(h));
                cost[1] = deps + lost as u32;
                if h == b0 as u32 {
                    left_label = Some(self.label[s0]);
                }
            }
            if state.can_right() {
                let lost = h != s1 && in_buffer(h);
                cost[2] = deps + lost as u32;
                if h == s1 {
                    right_label = Some(self.label[s0]);
                }
            }
        }
        (cost, left_label, right_label)
    }

    /// The cost of every class (u32::MAX when illegal).
    fn class_costs(&self, state: &State, n_labels: usize, out: &mut Vec<u32>) {
        let (cost, left, right) = self.costs(state);
        out.clear();
        out.push(cost[0]);
        for label in 0..n_labels {
            let c = |base: u32, gold: Option<u16>| {
                if base == u32::MAX {
                    u32::MAX
                } else {
                    base + gold.is_some_and(|g| g as usize != label) as u32
                }
            };
            out.push(c(cost[1], left));
            out.push(c(cost[2], right));
        }
    }
}

/// Whether a tree (heads 1-based, 0 = root) is projective, the root arc
/// included.
pub fn is_projective(heads: &[usize]) -> bool {
    let arcs: Vec<(usize, usize)> = heads
        .iter()
        .enumerate()
        .map(|(i, &h)| {
            let d = i + 1;
            (h.min(d), h.max(d))
        })
        .collect();
    for (i, &(a, b)) in arcs.iter().enumerate() {
        for &(c, d) in &arcs[i + 1..] {
            if (a < c && c < b && b < d) || (c < a && a < d && d < b) {
                return false;
            }
        }
    }
    true
}

/// Whether heads form a tree over `1..=n` rooted in 0.
fn is_tree(heads: &[usize]) -> bool {
    let n = heads.len();
    if heads.iter().any(|&h| h > n) {
        return false;
    }
    // Every word reaches 0 within n steps.
    for start in 1..=n {
        let mut at = start;
        let mut steps = 0;
        while at != 0 {
            at = heads[at - 1];
            steps += 1;
            if steps > n {
                return false;
            }
        }
    }
    true
}

// ---------------------------------------------------------------------------
// Training

/// One weight of the perceptron during training: integer weight, its
/// running sum up to `stamp`.
#[derive(Clone, Copy)]
struct TrainEntry {
    class: u16,
    weight: i32,
    stamp: u32,
    total: i64,
}

/// Training weights: an open-addressing table from feature hash to a
/// sparse row.
struct TrainWeights {
    slots: Vec<(u64, u32)>,
    keys: Vec<u64>,
    rows: Vec<Vec<TrainEntry>>,
    now: u32,
}

impl TrainWeights {
    fn new() -> TrainWeights {
        TrainWeights {
            slots: vec![(0, 0); 1 << 16],
            keys: Vec::new(),
            rows: Vec::new(),
            now: 0,
        }
    }

    fn find(&self, key: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut at = key as usize & mask;
        loop {
            let (k, row) = self.slots[at];
            if k == key {
                return Some(row as usize);
            }
            if k == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    fn insert(&mut self, key: u64) -> usize {
        if let Some(row) = self.find(key) {
            return row;
        }
        if (self.keys.len() + 1) * 2 > self.slots.len() {
            let size = self.slots.len() * 2;
            let mut slots = vec![(0u64, 0u32); size];
            for (row, &k) in self.keys.iter().enumerate() {
                let mut at = k as usize & (size - 1);
                while slots[at].0 != 0 {
                    at = (at + 1) & (size - 1);
                }
                slots[at] = (k, row as u32);
            }
            self.slots = slots;
        }
        let mask = self.slots.len() - 1;
        let mut at = key as usize & mask;
        while self.slots[at].0 != 0 {
            at = (at + 1) & mask;
        }
        let row = self.keys.len();
        self.slots[at] = (key, row as u32);
        self.keys.push(key);
        self.rows.push(Vec::new());
        row
    }

    fn update(&mut self, row: usize, class: usize, delta: i32) {
        let now = self.now;
        let entries = &mut self.rows[row];
        match entries.iter_mut().find(|e| e.class as usize == class) {
            Some(e) => {
                e.total += (now - e.stamp) as i64 * e.weight as i64;
                e.stamp = now;
                e.weight += delta;
            }
            None => entries.push(TrainEntry {
                class: class as u16,
                weight: delta,
                stamp: now,
                total: 0,
            }),
        }
    }

    /// The averaged weights, pruned and quantised.
    fn averaged(&self, n_classes: usize, min_weight: f32) -> Weights {
        let now = self.now.max(1) as f64;
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_unstable_by_key(|&i| self.keys[i]);
        let mut max = 0f64;
        let averages: Vec<Vec<(u8, f64)>> = self
            .rows
            .iter()
            .map(|row| {
                let mut v: Vec<(u8, f64)> = row
                    .iter()
                    .map(|e| {
                        let total = e.total + (self.now - e.stamp) as i64 * e.weight as i64;
                        (e.class as u8, total as f64 / now)
                    })
                    .filter(|&(_, a)| a.abs() >= min_weight as f64 && a != 0.0)
                    .collect();
                v.sort_unstable_by_key(|&(c, _)| c);
                for &(_, a) in &v {
                    max = max.max(a.abs());
                }
                v
            })
            .collect();
        let step = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut keys = Vec::new();
        let mut starts = vec![0u32];
        let mut entries = Vec::new();
        for i in order {
            let before = entries.len();
            for &(c, a) in &averages[i] {
                let q = (a / step).round().clamp(-32767.0, 32767.0) as i16;
                if q != 0 {
                    entries.push((c, q));
                }
            }
            if entries.len() > before {
                keys.push(self.keys[i]);
                starts.push(entries.len() as u32);
            }
        }
        Weights::new(n_classes, step as f32, keys, starts, entries)
    }
}

/// A xorshift64* generator: deterministic shuffling and exploration.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> XorShift {
        XorShift(seed ^ 0x2545_F491_4F6C_DD1D | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A training sentence with label ids.
struct Prepared<'t, 'a> {
    tree: &'t TrainTree<'a>,
    labels: Vec<u16>,
}

/// A hypothesis of the beam in global training: the configuration, the
/// oracle's counters for it, its moves and score, and whether every move
/// so far was one of the cheapest (zero-cost for a projective tree).
#[derive(Clone, Default)]
struct TrainItem {
    state: State,
    gold: Gold,
    moves: Vec<u8>,
    score: i64,
    correct: bool,
}

impl TrainItem {
    fn copy_from(&mut self, other: &TrainItem) {
        self.state.copy_from(&other.state);
        self.gold.copy_from(&other.gold);
        self.moves.clone_from(&other.moves);
        self.score = other.score;
        self.correct = other.correct;
    }

    /// Applies `class` (legal), with its score.
    fn apply(&mut self, class: usize, score: i64, correct: bool) {
        self.gold.before_apply(&self.state, class);
        self.state.apply(class);
        self.moves.push(class as u8);
        self.score += score;
        self.correct &= correct;
    }
}

/// Global training with a beam and max-violation updates (Huang, Fayong &
/// Guo 2012), the reference sequence being latent: the best-scoring
/// sequence of cheapest moves. Buffers reused from sentence to sentence.
#[derive(Default)]
struct GlobalTrainer {
    beam: Vec<TrainItem>,
    next: Vec<TrainItem>,
    gold: TrainItem,
    /// (sequence score, item, class, cheapest)
    candidates: Vec<(i64, u32, u16, bool)>,
    features: Vec<u64>,
    scores: Vec<i64>,
    costs: Vec<u32>,
    state: State,
}

/// The training weights' class scores of a configuration (all zero when
/// only SHIFT is legal: that move is not scored, as in parsing).
fn train_scores(
    weights: &TrainWeights,
    state: &State,
    atoms: &Atoms,
    features: &mut Vec<u64>,
    scores: &mut [i64],
) {
    scores.iter_mut().for_each(|s| *s = 0);
    if state.stack.len() == 1 {
        return;
    }
    extract(state, atoms, features);
    for &key in features.iter() {
        if let Some(r) = weights.find(key) {
            for e in &weights.rows[r] {
                scores[e.class as usize] += e.weight as i64;
            }
        }
    }
}

impl GlobalTrainer {
    /// Decodes one sentence with a beam of `width` and, at the step where
    /// the best hypothesis beats the reference by the most while no
    /// correct hypothesis is left in the beam (or at the end, if the best
    /// is wrong), updates: +1 for the reference's moves, -1 for the best
    /// hypothesis's, up to that step. Returns whether it updated.
    fn train_sentence(
        &mut self,
        weights: &mut TrainWeights,
        atoms: &Atoms,
        tree: &TrainTree,
        labels: &[u16],
        n_labels: usize,
        width: usize,
    ) -> bool {
        let n = tree.forms.len();
        let n_classes = 1 + 2 * n_labels;
        self.scores.clear();
        self.scores.resize(n_classes, 0);
        if self.beam.is_empty() {
            self.beam.push(TrainItem::default());
        }
        {
            let root = &mut self.beam[0];
            root.state.reset(n);
            root.gold = Gold::new(&tree.heads, labels);
            root.moves.clear();
            root.score = 0;
            root.correct = true;
        }
        let mut len = 1;
        self.gold.copy_from(&self.beam[0]);
        // (violation, beam moves, reference moves)
        let mut worst: Option<(i64, Vec<u8>, Vec<u8>)> = None;
        while !self.beam[0].state.terminal() {
            self.candidates.clear();
            for (i, item) in self.beam[..len].iter().enumerate() {
                train_scores(
                    weights,
                    &item.state,
                    atoms,
                    &mut self.features,
                    &mut self.scores,
                );
                item.gold
                    .class_costs(&item.state, n_labels, &mut self.costs);
                let min = self.costs.iter().copied().min().unwrap_or(0);
                if min == u32::MAX {
                    continue;
                }
                // This item's best `width` classes (the first of equals).
                let from = self.candidates.len();
                for class in 0..n_classes {
                    if self.costs[class] == u32::MAX {
                        continue;
                    }
                    let total = item.score + self.scores[class];
                    let mine = &self.candidates[from..];
                    if mine.len() == width && total <= mine[width - 1].0 {
                        continue;
                    }
                    let at = from + mine.iter().take_while(|c| c.0 >= total).count();
                    self.candidates.insert(
                        at,
                        (
                            total,
                            i as u32,
                            class as u16,
                            item.correct && self.costs[class] == min,
                        ),
                    );
                    self.candidates.truncate(from + width);
                }
            }
            if self.candidates.is_empty() {
                return false;
            }
            self.candidates
                .sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            self.candidates.truncate(width);
            while self.next.len() < self.candidates.len() {
                self.next.push(TrainItem::default());
            }
            for (j, &(total, i, class, correct)) in self.candidates.iter().enumerate() {
                let parent = &self.beam[i as usize];
                let child = &mut self.next[j];
                child.copy_from(parent);
                child.apply(class as usize, total - parent.score, correct);
            }
            len = self.candidates.len();
            std::mem::swap(&mut self.beam, &mut self.next);
            // The reference: its best cheapest move.
            {
                let gold = &mut self.gold;
                train_scores(
                    weights,
                    &gold.state,
                    atoms,
                    &mut self.features,
                    &mut self.scores,
                );
                gold.gold
                    .class_costs(&gold.state, n_labels, &mut self.costs);
                let min = self.costs.iter().copied().min().unwrap_or(0);
                let mut target = usize::MAX;
                for class in 0..n_classes {
                    if self.costs[class] == min
                        && min != u32::MAX
                        && (target == usize::MAX || self.scores[class] > self.scores[target])
                    {
                        target = class;
                    }
                }
                if target == usize::MAX {
                    return false;
                }
                gold.apply(target, self.scores[target], true);
            }
            // A better correct hypothesis in the beam becomes the reference.
            let terminal = self.beam[0].state.terminal();
            match self.beam[..len].iter().position(|item| item.correct) {
                Some(c) => {
                    if self.beam[c].score >= self.gold.score {
                        self.gold.copy_from(&self.beam[c]);
                    }
                    if terminal && c != 0 {
                        let v = self.beam[0].score - self.gold.score;
                        if v >= worst.as_ref().map_or(0, |w| w.0) {
                            worst = Some((v, self.beam[0].moves.clone(), self.gold.moves.clone()));
                        }
                    }
                }
                None => {
                    let v = self.beam[0].score - self.gold.score;
                    if v >= 0 && v >= worst.as_ref().map_or(0, |w| w.0) {
                        worst = Some((v, self.beam[0].moves.clone(), self.gold.moves.clone()));
                    }
                }
            }
        }
        let Some((_, wrong, right)) = worst else {
            return false;
        };
        let shared = wrong.iter().zip(&right).take_while(|(a, b)| a == b).count();
        for (moves, delta) in [(&right, 1), (&wrong, -1)] {
            self.state.reset(n);
            for (k, &class) in moves.iter().enumerate() {
                if k >= shared && self.state.stack.len() > 1 {
                    extract(&self.state, atoms, &mut self.features);
                    for &key in &self.features {
                        let row = weights.insert(key);
                        weights.update(row, class as usize, delta);
                    }
                }
                self.state.apply(class as usize);
            }
        }
        true
    }
}

impl Parser {
    /// Trains a parser on `train`, evaluating on `dev` after every epoch
    /// (greedily; with a beam of [`ParserOptions::beam`] when that is 2 or
    /// more, the greedy figures logged beside) and keeping the epoch with the best dev LAS (the earliest
    /// of equals; the last epoch if `dev` is empty or
    /// [`ParserOptions::keep_last`] is set). The parser returned has the
    /// default branching ([`DEFAULT_BRANCHES`]). Trees whose heads do not form a tree, or whose forms,
    /// tags, heads and relations differ in length, are skipped (and logged).
    pub fn train(
        train: &[TrainTree],
        dev: &[TrainTree],
        options: &ParserOptions,
        log: &mut dyn FnMut(&str),
    ) -> Parser {
        // Labels: by frequency (ties by name), the first MAX_LABELS kept,
        // then sorted by name for the class numbering.
        let mut counts: Vec<(&str, usize)> = Vec::new();
        {
            let mut all: Vec<&str> = train
                .iter()
                .flat_map(|t| t.deprels.iter().copied())
                .collect();
            all.sort_unstable();
            for label in all {
                match counts.last_mut() {
                    Some((l, c)) if *l == label => *c += 1,
                    _ => counts.push((label, 1)),
                }
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        counts.truncate(MAX_LABELS);
        let mut labels: Vec<String> = counts.iter().map(|(l, _)| l.to_string()).collect();
        if labels.is_empty() {
            labels.push("dep".to_string());
        }
        labels.sort();
        let n_labels = labels.len();
        let label_id = |l: &str| {
            labels
                .binary_search_by(|x| x.as_str().cmp(l))
                .map_or(u16::MAX, |i| i as u16)
        };

        let mut prepared = Vec::new();
        let (mut bad, mut nonprojective) = (0usize, 0usize);
        for tree in train {
            let n = tree.forms.len();
            if tree.upos.len() != n
                || tree.heads.len() != n
                || tree.deprels.len() != n
                || !is_tree(&tree.heads)
            {
                bad += 1;
                continue;
            }
            if !is_projective(&tree.heads) {
                nonprojective += 1;
                if options.nonprojective == NonProjective::Skip {
                    continue;
                }
            }
            let ids = tree.deprels.iter().map(|l| label_id(l)).collect();
            prepared.push(Prepared { tree, labels: ids });
        }
        log(&format!(
            "parser: {} training trees ({} non-projective, {}; {} malformed skipped), {} labels, {} classes",
            prepared.len(),
            nonprojective,
            match options.nonprojective {
                NonProjective::MinCost => "trained with the min-cost oracle",
                NonProjective::Skip => "skipped",
            },
            bad,
            n_labels,
            1 + 2 * n_labels
        ));

        let n_classes = 1 + 2 * n_labels;
        let mut weights = TrainWeights::new();
        let mut rng = XorShift::new(options.seed);
        let mut order: Vec<usize> = (0..prepared.len()).collect();
        let mut atoms = Atoms::default();
        let mut state = State::default();
        let mut features = Vec::new();
        let mut rows: Vec<Option<usize>> = Vec::new();
        let mut scores = vec![0i64; n_classes];
        let mut costs = Vec::new();
        let mut global = GlobalTrainer::default();
        let mut best: Option<(f64, usize, Parser)> = None;
        for epoch in 0..options.epochs.max(1) {
            let started = Instant::now();
            for i in (1..order.len()).rev() {
                let j = rng.below(i + 1);
                order.swap(i, j);
            }
            let (mut decisions, mut errors) = (0usize, 0usize);
            for &index in &order {
                let sentence = &prepared[index];
                let tree = sentence.tree;
                atoms.fill(&tree.forms, &tree.upos, options.templates);
                if options.beam >= 2 && epoch >= options.beam_from {
                    // Global training: one update (or none) per sentence,
                    // the clock of the averages advanced by its moves (as
                    // greedy training advances it).
                    decisions += 1;
                    weights.now += 2 * tree.forms.len() as u32;
                    if global.train_sentence(
                        &mut weights,
                        &atoms,
                        tree,
                        &sentence.labels,
                        n_labels,
                        options.beam,
                    ) {
                        errors += 1;
                    }
                    continue;
                }
                state.reset(tree.forms.len());
                let mut gold = Gold::new(&tree.heads, &sentence.labels);
                while !state.terminal() {
                    extract(&state, &atoms, &mut features);
                    scores.iter_mut().for_each(|s| *s = 0);
                    rows.clear();
                    for &key in &features {
                        let row = weights.find(key);
                        if let Some(r) = row {
                            for e in &weights.rows[r] {
                                scores[e.class as usize] += e.weight as i64;
                            }
                        }
                        rows.push(row);
                    }
                    gold.class_costs(&state, n_labels, &mut costs);
                    let min_cost = costs.iter().copied().min().unwrap_or(0);
                    let mut predicted = usize::MAX;
                    let mut target = usize::MAX;
                    for class in 0..n_classes {
                        if costs[class] == u32::MAX {
                            continue;
                        }
                        if predicted == usize::MAX || scores[class] > scores[predicted] {
                            predicted = class;
                        }
                        if costs[class] == min_cost
                            && (target == usize::MAX || scores[class] > scores[target])
                        {
                            target = class;
                        }
                    }
                    if predicted == usize::MAX {
                        break; // no legal transition: cannot happen in a non-terminal state
                    }
                    decisions += 1;
                    weights.now += 1;
                    let mut next = predicted;
                    if costs[predicted] > min_cost {
                        errors += 1;
                        for (k, row) in rows.iter().enumerate() {
                            let row = match row {
                                Some(r) => *r,
                                None => weights.insert(features[k]),
                            };
                            weights.update(row, target, 1);
                            weights.update(row, predicted, -1);
                        }
                        if !(epoch >= options.explore_from && rng.unit() < options.explore_prob) {
                            next = target;
                        }
                    }
                    gold.before_apply(&state, next);
                    state.apply(next);
                }
            }
            let trained = started.elapsed();
            // Epochs are compared greedily (branching off), as before it
            // existed, so the kept epoch does not depend on it.
            let mut parser = Parser {
                labels: labels.clone(),
                weights: weights.averaged(n_classes, options.min_weight),
                templates: options.templates,
                branch_margin: 0,
                branches: 0,
                window: 0,
                beam: 0,
                beam_margin: i64::MAX,
            };
            let mut scores = parser.evaluate(dev);
            let mut beam_note = String::new();
            if options.beam >= 2 {
                // A globally trained model is compared with its beam.
                parser.set_beam(options.beam, f32::INFINITY);
                let greedy = scores;
                scores = parser.evaluate(dev);
                beam_note = format!(
                    " (greedy {:.2} / {:.2}; beam {})",
                    greedy.uas(),
                    greedy.las(),
                    options.beam
                );
            }
            log(&format!(
                "epoch {:>2}: train error {:.2}% of {} {}, {} features; dev UAS {:.2} LAS {:.2}{}; {:.1}s",
                epoch + 1,
                percent(errors, decisions),
                decisions,
                if options.beam >= 2 && epoch >= options.beam_from {
                    "sentences"
                } else {
                    "transitions"
                },
                parser.weights.keys.len(),
                scores.uas(),
                scores.las(),
                beam_note,
                trained.as_secs_f64()
            ));
            let better = match &best {
                None => true,
                Some((las, _, _)) => scores.las() > *las || dev.is_empty() || options.keep_last,
            };
            if better {
                best = Some((scores.las(), epoch + 1, parser));
            }
        }
        match best {
            Some((las, epoch, mut parser)) => {
                log(&format!("parser: kept epoch {epoch} (dev LAS {las:.2})"));
                parser.set_branching(DEFAULT_BRANCH_MARGIN, DEFAULT_BRANCHES);
                parser.beam = DEFAULT_BEAM;
                parser
            }
            None => Parser {
                labels,
                weights: Weights::new(1 + 2 * n_labels, 1.0, Vec::new(), vec![0], Vec::new()),
                templates: options.templates,
                branch_margin: 0,
                branches: 0,
                window: 0,
                beam: 0,
                beam_margin: i64::MAX,
            },
        }
    }

    /// Parses one sentence: the head (1-based, 0 for the root) and relation
    /// of each word. Tags beyond `forms` are ignored; missing tags count as
    /// unknown.
    pub fn parse(&self, forms: &[&str], upos: &[Upos]) -> Vec<(usize, &str)> {
        thread_local! {
            /// The buffers of the last parse on this thread, reused (every
            /// parse resets what it reads).
            static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.parse_in(forms, upos, &mut scratch),
            Err(_) => self.parse_in(forms, upos, &mut Scratch::default()),
        })
    }

    fn parse_in(&self, forms: &[&str], upos: &[Upos], scratch: &mut Scratch) -> Vec<(usize, &str)> {
        if self.beam >= 2 {
            self.parse_beam(forms, upos, scratch);
        } else if self.branches > 0 && self.branch_margin > 0 && self.window > 0 {
            self.parse_lookahead(forms, upos, scratch);
        } else if self.branches > 0 && self.branch_margin > 0 {
            self.parse_branching(forms, upos, scratch);
        } else {
            self.parse_with(forms, upos, scratch);
        }
        let state = &scratch.state;
        (1..=forms.len())
            .map(|i| {
                let h = state.head[i] as usize;
                let label = (state.label[i] as usize)
                    .checked_sub(1)
                    .and_then(|l| self.labels.get(l));
                (h.min(forms.len()), label.map_or("dep", |l| l.as_str()))
            })
            .collect()
    }

    /// The class scores of `state` into `scores`: the sums of the cached
    /// parts (see [`PartCache`]) whose word and key match, the features of
    /// the other parts scored into the cache (one pass over the weights for
    /// all of them), and the features of no part. Integer sums: the scores
    /// are the same as with every feature looked up. `features`, `parts`
    /// and `offsets` are scratch space.
    fn score_state(
        &self,
        state: &State,
        atoms: &Atoms,
        work: (&mut Vec<u64>, &mut Vec<u8>, &mut Vec<(u32, u32)>),
        cache: &mut PartCache,
        scores: &mut [i32],
    ) {
        let (features, parts, offsets) = work;
        let nc = cache.nc;
        let keys = part_keys(state);
        let mut skip = 0u32;
        let mut bases = [0usize; CACHED + 1];
        for (part, &(word, key)) in keys.iter().enumerate() {
            let at = part * cache.words + word.min(cache.words - 1);
            bases[part] = at * nc;
            if cache.keys[at] == key {
                skip |= 1 << part;
            } else {
                cache.keys[at] = key;
                cache.sums[at * nc..(at + 1) * nc].fill(0);
            }
        }
        bases[CROSS] = CACHED * cache.words * nc;
        cache.sums[bases[CROSS]..bases[CROSS] + nc].fill(0);
        extract_parts(state, atoms, skip, features, parts);
        self.weights.score_at(
            features,
            |i| bases[parts[i] as usize],
            offsets,
            &mut cache.sums,
        );
        let sums = &cache.sums;
        scores.copy_from_slice(&sums[bases[CROSS]..bases[CROSS] + nc]);
        for &base in &bases[..CACHED] {
            add_row(scores, &sums[base..base + nc]);
        }
    }

    fn parse_with(&self, forms: &[&str], upos: &[Upos], scratch: &mut Scratch) {
        let Scratch {
            atoms,
            state,
            features,
            parts,
            offsets,
            scores,
            cache,
            ..
        } = scratch;
        scores.clear();
        let n_classes = 1 + 2 * self.labels.len();
        scores.resize(stride(n_classes), 0);
        cache.reset(forms.len(), stride(n_classes));
        atoms.fill(forms, upos, self.templates);
        state.reset(forms.len());
        while !state.terminal() {
            if state.stack.len() == 1 {
                // Only the root on the stack: SHIFT is the one legal move.
                state.apply(SHIFT);
                continue;
            }
            self.score_state(state, atoms, (features, parts, offsets), cache, scores);
            // The best legal class, the first of equals (as in training).
            let (can_left, can_right) = (state.can_left(), state.can_right());
            let mut best = usize::MAX;
            let mut best_score = i32::MIN;
            if state.can_shift() {
                best = SHIFT;
                best_score = scores[SHIFT];
            }
            if can_left || can_right {
                for (label, pair) in scores[1..n_classes].chunks_exact(2).enumerate() {
                    if can_left && (best == usize::MAX || pair[0] > best_score) {
                        best = 1 + 2 * label;
                        best_score = pair[0];
                    }
                    if can_right && (best == usize::MAX || pair[1] > best_score) {
                        best = 2 + 2 * label;
                        best_score = pair[1];
                    }
                }
            }
            if best == usize::MAX {
                // Only when there are no labels: attach what is left in a chain.
                if state.can_shift() {
                    best = SHIFT;
                } else {
                    break;
                }
            }
            state.apply(best);
        }
        // A model without labels cannot reduce; leave words on the root.
        let none = state.none();
        for i in 1..=forms.len() {
            if state.head[i] == none {
                state.head[i] = 0;
            }
        }
    }

    /// Turns selectional branching (Choi & McCallum 2013) on or off: the
    /// sentence is parsed greedily, then the `branches` decisions with the
    /// smallest margins between the best and the second-best legal class,
    /// among those below `margin` (in perceptron updates), are each taken
    /// the other way and the parse finished greedily from there; the
    /// sequence with the highest sum of class scores wins. `branches` 0
    /// (or `margin` 0) parses greedily.
    pub fn set_branching(&mut self, margin: f32, branches: usize) {
        self.set_lookahead(margin, branches, 0);
    }

    /// Like [`Parser::set_branching`], but during the greedy pass: at
    /// each of the first `branches` decisions whose margin is below
    /// `margin`, both the best and the second-best class are followed
    /// greedily for `window` moves and the one with the higher sum of
    /// scores is kept (the loser's moves are the only extra work). A
    /// `window` of 0 re-parses to the end of the sentence after the
    /// greedy pass instead.
    pub fn set_lookahead(&mut self, margin: f32, branches: usize, window: usize) {
        self.window = window;
        let units = (margin / self.weights.scale).round();
        self.branch_margin = if units.is_finite() {
            units.clamp(0.0, i32::MAX as f32) as i32
        } else {
            0
        };
        self.branches = branches;
    }

    /// The best and second-best legal classes of a state with their scores
    /// (`usize::MAX` when there is none).
    #[inline]
    fn best_two(&self, state: &State, scores: &[i32], n_classes: usize) -> [(usize, i32); 2] {
        let mut top = [(usize::MAX, i32::MIN); 2];
        let mut consider = |class: usize, score: i32| {
            if top[0].0 == usize::MAX || score > top[0].1 {
                top[1] = top[0];
                top[0] = (class, score);
            } else if top[1].0 == usize::MAX || score > top[1].1 {
                top[1] = (class, score);
            }
        };
        if state.can_shift() {
            consider(SHIFT, scores[SHIFT]);
        }
        let (can_left, can_right) = (state.can_left(), state.can_right());
        if can_left || can_right {
            for (label, pair) in scores[1..n_classes].chunks_exact(2).enumerate() {
                if can_left {
                    consider(1 + 2 * label, pair[0]);
                }
                if can_right {
                    consider(2 + 2 * label, pair[1]);
                }
            }
        }
        top
    }

    /// Parses greedily from the scratch state to the end, appending the
    /// moves and their scores; with `candidates`, records the decisions
    /// whose margin is below the branching margin as (margin, step, the
    /// second-best class, its score). Returns false if it got stuck (no
    /// labels).
    fn greedy_rest(
        &self,
        scratch: &mut Scratch,
        moves: &mut Vec<(u8, i32)>,
        mut candidates: Option<&mut Vec<(i32, usize, u8, i32)>>,
    ) -> bool {
        let n_classes = 1 + 2 * self.labels.len();
        let Scratch {
            atoms,
            state,
            features,
            parts,
            offsets,
            scores,
            cache,
            ..
        } = scratch;
        while !state.terminal() {
            if state.stack.len() == 1 {
                state.apply(SHIFT);
                moves.push((SHIFT as u8, 0));
                continue;
            }
            self.score_state(state, atoms, (features, parts, offsets), cache, scores);
            let [(best, best_score), (second, second_score)] =
                self.best_two(state, scores, n_classes);
            if best == usize::MAX {
                return false;
            }
            if let Some(candidates) = candidates.as_deref_mut() {
                if second != usize::MAX {
                    let margin = best_score.saturating_sub(second_score);
                    if margin < self.branch_margin {
                        candidates.push((margin, moves.len(), second as u8, second_score));
                    }
                }
            }
            state.apply(best);
            moves.push((best as u8, best_score));
        }
        true
    }

    /// Greedy moves from `state` until it is terminal or `limit` moves
    /// are made; the sum of their scores. `features`, `offsets`, `scores`
    /// are scratch space.
    #[allow(clippy::too_many_arguments)]
    fn run_greedy(
        &self,
        state: &mut State,
        atoms: &Atoms,
        features: &mut Vec<u64>,
        offsets: &mut Vec<(u32, u32)>,
        scores: &mut [i32],
        limit: usize,
    ) -> i64 {
        let n_classes = 1 + 2 * self.labels.len();
        let mut total = 0i64;
        for _ in 0..limit {
            if state.terminal() {
                break;
            }
            if state.stack.len() == 1 {
                state.apply(SHIFT);
                continue;
            }
            extract(state, atoms, features);
            scores.iter_mut().for_each(|s| *s = 0);
            self.weights.score(features, offsets, scores);
            let [(best, best_score), _] = self.best_two(state, scores, n_classes);
            if best == usize::MAX {
                break;
            }
            state.apply(best);
            total += i64::from(best_score);
        }
        total
    }

    /// Greedy parsing with a lookahead at low-margin decisions (see
    /// [`Parser::set_lookahead`]); the result is left in `scratch.state`.
    fn parse_lookahead(&self, forms: &[&str], upos: &[Upos], scratch: &mut Scratch) {
        if !self.lookahead_pass(forms, upos, scratch) {
            // No labels: the greedy parser's handling.
            self.parse_with(forms, upos, scratch);
        }
    }

    /// The pass of [`Parser::parse_lookahead`]; false if it got stuck.
    fn lookahead_pass(&self, forms: &[&str], upos: &[Upos], scratch: &mut Scratch) -> bool {
        let n_classes = 1 + 2 * self.labels.len();
        let Scratch {
            atoms,
            state,
            features,
            offsets,
            scores,
            ..
        } = scratch;
        scores.clear();
        scores.resize(stride(n_classes), 0);
        atoms.fill(forms, upos, self.templates);
        state.reset(forms.len());
        let mut other = State::default();
        let mut left = self.branches;
        while !state.terminal() {
            if state.stack.len() == 1 {
                state.apply(SHIFT);
                continue;
            }
            extract(state, atoms, features);
            scores.iter_mut().for_each(|s| *s = 0);
            self.weights.score(features, offsets, scores);
            let [(best, best_score), (second, second_score)] =
                self.best_two(state, scores, n_classes);
            if best == usize::MAX {
                break;
            }
            if left > 0
                && second != usize::MAX
                && best_score.saturating_sub(second_score) < self.branch_margin
            {
                left -= 1;
                other.copy_from(state);
                other.apply(second);
                let rest = self.window - 1;
                let alt = i64::from(second_score)
                    + self.run_greedy(&mut other, atoms, features, offsets, scores, rest);
                state.apply(best);
                let kept = i64::from(best_score)
                    + self.run_greedy(state, atoms, features, offsets, scores, rest);
                if alt > kept {
                    std::mem::swap(state, &mut other);
                }
                continue;
            }
            state.apply(best);
        }
        if !state.terminal() {
            return false;
        }
        let none = state.none();
        for i in 1..=forms.len() {
            if state.head[i] == none {
                state.head[i] = 0;
            }
        }
        true
    }

    /// Sets the beam width of parsing: 0 or 1 parses greedily (with the
    /// branching of [`Parser::set_branching`]), a wider beam keeps that
    /// many best-scoring hypotheses from move to move (for a parser
    /// trained globally, [`ParserOptions::beam`]).
    /// `margin` (in perceptron updates; infinite: none) drops the
    /// hypotheses whose score is more than that below the best one's, so
    /// that the beam is one hypothesis wide where the model is sure.
    pub fn set_beam(&mut self, width: usize, margin: f32) {
        self.beam = width;
        let units = (margin / self.weights.scale).round();
        self.beam_margin = if units.is_finite() && units < i64::MAX as f32 {
            units.max(0.0) as i64
        } else {
            i64::MAX
        };
    }

    /// Beam search (see [`Parser::set_beam`]); the result is left in
    /// `scratch.state`. Hypotheses are ordered by score, then by the
    /// order of their parents and classes: deterministic.
    fn parse_beam(&self, forms: &[&str], upos: &[Upos], scratch: &mut Scratch) {
        let width = self.beam;
        let n_classes = 1 + 2 * self.labels.len();
        let Scratch {
            atoms,
            state,
            features,
            parts,
            offsets,
            scores,
            cache,
            beam,
            next_beam,
            candidates,
        } = scratch;
        let nc = stride(n_classes);
        scores.clear();
        scores.resize(nc, 0);
        atoms.fill(forms, upos, self.templates);
        // shared by the hypotheses (each part's sum is kept for one key)
        cache.reset(forms.len(), nc);
        if beam.is_empty() {
            beam.push((State::default(), 0));
        }
        beam[0].0.reset(forms.len());
        beam[0].1 = 0;
        let mut len = 1;
        let mut stuck = false;
        while !beam[0].0.terminal() {
            candidates.clear();
            for (i, (item, base)) in beam[..len].iter().enumerate() {
                if item.stack.len() == 1 {
                    candidates.push((*base, i as u32, SHIFT as u16));
                    continue;
                }
                self.score_state(item, atoms, (features, parts, offsets), cache, scores);
                let (can_left, can_right) = (item.can_left(), item.can_right());
                let from = candidates.len();
                let mut consider = |class: usize, score: i32| {
                    let total = base + i64::from(score);
                    let mine = &candidates[from..];
                    if mine.len() == width && total <= mine[width - 1].0 {
                        return;
                    }
                    let at = from + mine.iter().take_while(|c| c.0 >= total).count();
                    candidates.insert(at, (total, i as u32, class as u16));
                    candidates.truncate(from + width);
                };
                if item.can_shift() {
                    consider(SHIFT, scores[SHIFT]);
                }
                if can_left || can_right {
                    for (label, pair) in scores[1..n_classes].chunks_exact(2).enumerate() {
                        if can_left {
                            consider(1 + 2 * label, pair[0]);
                        }
                        if can_right {
                            consider(2 + 2 * label, pair[1]);
                        }
                    }
                }
            }
            if candidates.is_empty() {
                stuck = true;
                break;
            }
            candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            candidates.truncate(width);
            let floor = candidates[0].0.saturating_sub(self.beam_margin);
            let kept = candidates.iter().take_while(|c| c.0 >= floor).count();
            candidates.truncate(kept);
            while next_beam.len() < candidates.len() {
                next_beam.push((State::default(), 0));
            }
            for (j, &(total, i, class)) in candidates.iter().enumerate() {
                let (child, score) = &mut next_beam[j];
                child.copy_from(&beam[i as usize].0);
                child.apply(class as usize);
                *score = total;
            }
            len = candidates.len();
            std::mem::swap(beam, next_beam);
        }
        if stuck {
            // No labels: the greedy parser's handling.
            self.parse_with(forms, upos, scratch);
            return;
        }
        state.copy_from(&beam[0].0);
    }

    /// Selectional branching (see [`Parser::set_branching`]); the result
    /// is left in `scratch.state`.
    fn parse_branching(&self, forms: &[&str], upos: &[Upos], scratch: &mut Scratch) {
        let n_classes = 1 + 2 * self.labels.len();
        scratch.scores.clear();
        scratch.scores.resize(stride(n_classes), 0);
        // kept across the passes: a branch shares most parts with greedy
        scratch.cache.reset(forms.len(), stride(n_classes));
        scratch.atoms.fill(forms, upos, self.templates);
        scratch.state.reset(forms.len());
        let mut greedy = Vec::with_capacity(2 * forms.len() + 1);
        let mut candidates = Vec::new();
        if !self.greedy_rest(scratch, &mut greedy, Some(&mut candidates)) {
            // No labels: fall back to the greedy parser's handling.
            self.parse_with(forms, upos, scratch);
            return;
        }
        // The smallest margins first (earlier steps first among equals).
        candidates.sort_unstable_by_key(|&(margin, step, _, _)| (margin, step));
        candidates.truncate(self.branches);
        let mut best: Option<(i64, Vec<(u8, i32)>)> = None;
        let mut moves = Vec::with_capacity(greedy.len());
        for &(_, step, alt, alt_score) in &candidates {
            let greedy_total: i64 = greedy[step..].iter().map(|&(_, s)| i64::from(s)).sum();
            scratch.state.reset(forms.len());
            for &(class, _) in &greedy[..step] {
                scratch.state.apply(class as usize);
            }
            scratch.state.apply(alt as usize);
            moves.clear();
            moves.extend_from_slice(&greedy[..step]);
            moves.push((alt, alt_score));
            if !self.greedy_rest(scratch, &mut moves, None) {
                continue;
            }
            let total: i64 = moves[step..].iter().map(|&(_, s)| i64::from(s)).sum();
            // Compared over the moves after the shared prefix.
            let prefix: i64 = greedy[..step].iter().map(|&(_, s)| i64::from(s)).sum();
            let (total, greedy_total) = (total + prefix, greedy_total + prefix);
            let beats = match &best {
                Some((b, _)) => total > *b,
                None => total > greedy_total,
            };
            if beats {
                best = Some((total, moves.clone()));
            }
        }
        let chosen = best.map_or(greedy, |(_, m)| m);
        scratch.state.reset(forms.len());
        for &(class, _) in &chosen {
            scratch.state.apply(class as usize);
        }
    }

    /// Parses every tree's words and tags and compares with its heads and
    /// relations (the universal part, before ':').
    pub fn evaluate(&self, trees: &[TrainTree]) -> AttachmentScores {
        let mut scores = AttachmentScores::default();
        for tree in trees {
            let parsed = self.parse(&tree.forms, &tree.upos);
            for (i, (head, label)) in parsed.iter().enumerate() {
                let (Some(&gold_head), Some(gold_label)) = (tree.heads.get(i), tree.deprels.get(i))
                else {
                    continue;
                };
                scores.words += 1;
                if *head == gold_head {
                    scores.head_correct += 1;
                    if universal(label) == universal(gold_label) {
                        scores.labeled_correct += 1;
                    }
                }
            }
        }
        scores
    }

    /// The relations the parser can assign, sorted.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// A copy without the weights whose averaged value is below
    /// `min_weight` (in perceptron updates): a smaller, faster model.
    pub fn prune(&self, min_weight: f32) -> Parser {
        let w = &self.weights;
        let mut keys = Vec::new();
        let mut starts = vec![0u32];
        let mut entries = Vec::new();
        for (row, &key) in w.keys.iter().enumerate() {
            let before = entries.len();
            let (from, to) = (w.starts[row] as usize, w.starts[row + 1] as usize);
            for &(class, weight) in &w.entries[from..to] {
                if (weight as f32).abs() * w.scale >= min_weight {
                    entries.push((class, weight));
                }
            }
            if entries.len() > before {
                keys.push(key);
                starts.push(entries.len() as u32);
            }
        }
        Parser {
            labels: self.labels.clone(),
            weights: Weights::new(w.n_classes, w.scale, keys, starts, entries),
            templates: self.templates,
            branch_margin: self.branch_margin,
            branches: self.branches,
            window: self.window,
            beam: self.beam,
            beam_margin: self.beam_margin,
        }
    }

    /// Number of features with weights in the model.
    pub fn feature_count(&self) -> usize {
        self.weights.keys.len()
    }

    /// Writes the model (little-endian binary, see [`Parser::read_from`]).
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut buf =
            Vec::with_capacity(16 + self.weights.keys.len() * 10 + self.weights.entries.len() * 3);
        buf.extend_from_slice(MAGIC);
        if self.templates == 0 {
            buf.extend_from_slice(&VERSION.to_le_bytes());
        } else {
            buf.extend_from_slice(&VERSION_TEMPLATES.to_le_bytes());
            buf.extend_from_slice(&self.templates.to_le_bytes());
        }
        buf.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for label in &self.labels {
            buf.extend_from_slice(&(label.len() as u16).to_le_bytes());
            buf.extend_from_slice(label.as_bytes());
        }
        let w = &self.weights;
        buf.extend_from_slice(&w.scale.to_le_bytes());
        buf.extend_from_slice(&(w.keys.len() as u32).to_le_bytes());
        buf.extend_from_slice(&(w.entries.len() as u32).to_le_bytes());
        for &key in &w.keys {
            buf.extend_from_slice(&key.to_le_bytes());
        }
        for pair in w.starts.windows(2) {
            buf.push((pair[1] - pair[0]) as u8);
        }
        for &(class, _) in &w.entries {
            buf.push(class);
        }
        for &(_, weight) in &w.entries {
            buf.extend_from_slice(&weight.to_le_bytes());
        }
        buf.extend_from_slice(END);
        out.write_all(&buf)
    }

    /// Reads a model written by [`Parser::write_to`]: magic `EGPARSE\0`,
    /// version, labels, then the feature hashes (sorted), row lengths,
    /// classes and `i16` weights, and an end marker.
    pub fn read_from(input: &mut dyn Read) -> Result<Parser, ParserModelError> {
        let mut magic = [0u8; 8];
        input.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(ParserModelError::BadMagic);
        }
        let version = read_u32(input)?;
        let templates = match version {
            VERSION => 0,
            VERSION_TEMPLATES => read_u32(input)?,
            _ => return Err(ParserModelError::BadVersion(version)),
        };
        if templates & !TEMPLATES_KNOWN != 0 {
            return Err(ParserModelError::Corrupt(format!(
                "unknown feature templates {templates:#x}"
            )));
        }
        let n_labels = read_u32(input)? as usize;
        if n_labels == 0 || n_labels > MAX_LABELS {
            return Err(ParserModelError::Corrupt(format!("label count {n_labels}")));
        }
        let mut labels = Vec::with_capacity(n_labels);
        for _ in 0..n_labels {
            let mut len = [0u8; 2];
            input.read_exact(&mut len)?;
            let mut bytes = vec![0u8; u16::from_le_bytes(len) as usize];
            input.read_exact(&mut bytes)?;
            let label = String::from_utf8(bytes)
                .map_err(|_| ParserModelError::Corrupt("a label is not UTF-8".to_string()))?;
            labels.push(label);
        }
        let scale = f32::from_bits(read_u32(input)?);
        if !(scale.is_finite() && scale > 0.0) {
            return Err(ParserModelError::Corrupt(format!("weight scale {scale}")));
        }
        let n_keys = read_u32(input)? as usize;
        let n_entries = read_u32(input)? as usize;
        let n_classes = 1 + 2 * n_labels;
        if n_keys.saturating_add(n_entries) >= INLINE_FLAG as usize {
            return Err(ParserModelError::Corrupt(format!(
                "{n_keys} features and {n_entries} weights: more than the table addresses"
            )));
        }
        let keys_bytes = read_vec(input, n_keys.checked_mul(8))?;
        let keys: Vec<u64> = keys_bytes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect();
        if keys.windows(2).any(|p| p[0] >= p[1]) || keys.first() == Some(&0) {
            return Err(ParserModelError::Corrupt(
                "feature hashes not sorted".to_string(),
            ));
        }
        let lengths = read_vec(input, Some(n_keys))?;
        let mut starts = Vec::with_capacity(n_keys + 1);
        starts.push(0u32);
        let mut total = 0usize;
        for &len in &lengths {
            total += len as usize;
            starts.push(total as u32);
        }
        if total != n_entries {
            return Err(ParserModelError::Corrupt(format!(
                "rows hold {total} weights, header says {n_entries}"
            )));
        }
        let classes = read_vec(input, Some(n_entries))?;
        if classes.iter().any(|&c| c as usize >= n_classes) {
            return Err(ParserModelError::Corrupt("class out of range".to_string()));
        }
        let weight_bytes = read_vec(input, n_entries.checked_mul(2))?;
        let entries = classes
            .iter()
            .zip(weight_bytes.chunks_exact(2))
            .map(|(&c, w)| (c, i16::from_le_bytes([w[0], w[1]])))
            .collect();
        let mut end = [0u8; 4];
        input.read_exact(&mut end)?;
        if &end != END {
            return Err(ParserModelError::Corrupt("bad end marker".to_string()));
        }
        let mut parser = Parser {
            labels,
            weights: Weights::new(n_classes, scale, keys, starts, entries),
            templates,
            branch_margin: 0,
            branches: 0,
            window: 0,
            beam: DEFAULT_BEAM,
            beam_margin: i64::MAX,
        };
        parser.set_branching(DEFAULT_BRANCH_MARGIN, DEFAULT_BRANCHES);
        Ok(parser)
    }
}

/// The universal part of a relation (`nsubj` for `nsubj:pass`).
fn universal(label: &str) -> &str {
    label.split(':').next().unwrap_or(label)
}

fn read_u32(input: &mut dyn Read) -> Result<u32, ParserModelError> {
    let mut b = [0u8; 4];
    input.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

/// Reads `len` bytes, growing the buffer as data arrives (a corrupt length
/// cannot make it allocate gigabytes up front).
fn read_vec(input: &mut dyn Read, len: Option<usize>) -> Result<Vec<u8>, ParserModelError> {
    let len = len.ok_or_else(|| ParserModelError::Corrupt("length overflows".to_string()))?;
    let mut out = Vec::with_capacity(len.min(1 << 24));
    let got = input.take(len as u64).read_to_end(&mut out)?;
    if got < len {
        return Err(ParserModelError::Truncated);
    }
    Ok(out)
}

/// Parameter mixing (issue 12, parse6): one parser from several trained on
/// the same labels (different shuffles, seeds or folds).
impl Parser {
    /// The uniform mixture of `parsers`: each weight the mean of the
    /// parsers' weights for that feature and class (a feature a parser
    /// lacks counts as 0 there), weights below `min_weight` (in perceptron
    /// updates) dropped, quantised again to 16 bits. Decoding costs what one
    /// parser's does (one table); the size grows with the union of the
    /// features, which `min_weight` keeps in check. Branching is the
    /// default, as after training. Deterministic: rows are merged in key
    /// order.
    /// Parsers of different optional templates ([`ParserOptions::templates`])
    /// mix into one computing all of them (a parser without a template
    /// has weight 0 for its features).
    /// Errors when `parsers` is empty or their relation sets differ.
    pub fn mix(parsers: &[Parser], min_weight: f32) -> Result<Parser, String> {
        let first = parsers.first().ok_or("no parser to mix")?;
        if let Some(other) = parsers.iter().find(|p| p.labels != first.labels) {
            return Err(format!(
                "the parsers' relations differ ({} against {})",
                first.labels.len(),
                other.labels.len()
            ));
        }
        // The mixture computes the union of the parsers' templates: a
        // parser without a template has weight 0 for its features, so the
        // mixture's scores are still the mean of the parsers' scores.
        let templates = parsers.iter().fold(0, |t, p| t | p.templates);
        let n_classes = first.weights.n_classes;
        let k = parsers.len() as f64;
        let mut at = vec![0usize; parsers.len()];
        let mut sum = vec![0f64; n_classes];
        let mut rows: Vec<(u64, Vec<(u8, f64)>)> = Vec::new();
        let mut max = 0f64;
        loop {
            // The smallest key not yet merged among the parsers.
            let key = parsers
                .iter()
                .zip(&at)
                .filter_map(|(p, &i)| p.weights.keys.get(i).copied())
                .min();
            let Some(key) = key else { break };
            sum.iter_mut().for_each(|v| *v = 0.0);
            for (p, i) in parsers.iter().zip(at.iter_mut()) {
                let w = &p.weights;
                if w.keys.get(*i) != Some(&key) {
                    continue;
                }
                let (from, to) = (w.starts[*i] as usize, w.starts[*i + 1] as usize);
                for &(class, weight) in &w.entries[from..to] {
                    if let Some(v) = sum.get_mut(class as usize) {
                        *v += weight as f64 * w.scale as f64;
                    }
                }
                *i += 1;
            }
            let row: Vec<(u8, f64)> = sum
                .iter()
                .enumerate()
                .map(|(c, &v)| (c as u8, v / k))
                .filter(|&(_, a)| a != 0.0 && a.abs() >= min_weight as f64)
                .collect();
            if !row.is_empty() {
                for &(_, a) in &row {
                    max = max.max(a.abs());
                }
                rows.push((key, row));
            }
        }
        let step = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut keys = Vec::new();
        let mut starts = vec![0u32];
        let mut entries = Vec::new();
        for (key, row) in rows {
            let before = entries.len();
            for (c, a) in row {
                let q = (a / step).round().clamp(-32767.0, 32767.0) as i16;
                if q != 0 {
                    entries.push((c, q));
                }
            }
            if entries.len() > before {
                keys.push(key);
                starts.push(entries.len() as u32);
            }
        }
        let mut mixed = Parser {
            labels: first.labels.clone(),
            weights: Weights::new(n_classes, step as f32, keys, starts, entries),
            templates,
            branch_margin: 0,
            branches: 0,
            window: 0,
            beam: DEFAULT_BEAM,
            beam_margin: i64::MAX,
        };
        mixed.set_branching(DEFAULT_BRANCH_MARGIN, DEFAULT_BRANCHES);
        Ok(mixed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// Sentences written for these tests: `form/UPOS/head/deprel` per word.
    const TREEBANK: &[&str] = &[
        "The/DET/2/det cat/NOUN/3/nsubj sleeps/VERB/0/root ./PUNCT/3/punct",
        "A/DET/2/det dog/NOUN/3/nsubj barked/VERB/0/root loudly/ADV/3/advmod ./PUNCT/3/punct",
        "The/DET/2/det minister/NOUN/3/nsubj met/VERB/0/root the/DET/5/det president/NOUN/3/obj in/ADP/7/case Paris/PROPN/3/obl ./PUNCT/3/punct",
        "She/PRON/2/nsubj said/VERB/0/root that/SCONJ/6/mark the/DET/5/det talks/NOUN/6/nsubj failed/VERB/2/ccomp ./PUNCT/2/punct",
        "The/DET/2/det bill/NOUN/4/nsubj:pass was/AUX/4/aux:pass passed/VERB/0/root by/ADP/7/case the/DET/7/det senate/NOUN/4/obl:agent ./PUNCT/4/punct",
        "Rebels/NOUN/4/nsubj and/CCONJ/3/cc soldiers/NOUN/1/conj clashed/VERB/0/root near/ADP/7/case the/DET/7/det border/NOUN/4/obl ./PUNCT/4/punct",
        "He/PRON/2/nsubj plans/VERB/0/root to/PART/4/mark visit/VERB/2/xcomp Berlin/PROPN/4/obj ./PUNCT/2/punct",
        "The/DET/2/det company/NOUN/5/nsubj did/AUX/5/aux not/PART/5/advmod sign/VERB/0/root the/DET/7/det deal/NOUN/5/obj ./PUNCT/5/punct",
        "Police/NOUN/2/nsubj arrested/VERB/0/root two/NUM/4/nummod men/NOUN/2/obj who/PRON/6/nsubj robbed/VERB/4/acl:relcl a/DET/8/det bank/NOUN/6/obj ./PUNCT/2/punct",
        "Talks/NOUN/6/nsubj between/ADP/3/case Iran/PROPN/1/nmod and/CCONJ/5/cc Iraq/PROPN/3/conj resumed/VERB/0/root ./PUNCT/6/punct",
        "President/PROPN/2/compound Smith/PROPN/3/nsubj visited/VERB/0/root the/DET/5/det troops/NOUN/3/obj ./PUNCT/3/punct",
        "The/DET/2/det army/NOUN/3/nsubj fired/VERB/0/root rockets/NOUN/3/obj and/CCONJ/6/cc shells/NOUN/4/conj ./PUNCT/3/punct",
        "They/PRON/2/nsubj hope/VERB/0/root to/PART/4/mark win/VERB/2/xcomp ./PUNCT/2/punct",
        "The/DET/2/det leaders/NOUN/3/nsubj met/VERB/0/root on/ADP/5/case Monday/PROPN/3/obl ./PUNCT/3/punct",
        "A/DET/2/det bomb/NOUN/3/nsubj exploded/VERB/0/root in/ADP/6/case the/DET/6/det market/NOUN/3/obl ./PUNCT/3/punct",
        "The/DET/2/det police/NOUN/5/nsubj did/AUX/5/aux not/PART/5/advmod arrest/VERB/0/root anyone/PRON/5/obj ./PUNCT/5/punct",
        "Officials/NOUN/2/nsubj said/VERB/0/root the/DET/4/det vote/NOUN/6/nsubj:pass was/AUX/6/aux:pass delayed/VERB/2/ccomp ./PUNCT/2/punct",
        "The/DET/3/det old/ADJ/3/amod man/NOUN/4/nsubj walked/VERB/0/root home/ADV/4/advmod ./PUNCT/4/punct",
        "Troops/NOUN/2/nsubj entered/VERB/0/root the/DET/4/det city/NOUN/2/obj and/CCONJ/6/cc seized/VERB/2/conj the/DET/8/det airport/NOUN/6/obj ./PUNCT/2/punct",
        "The/DET/2/det ministers/NOUN/7/nsubj who/PRON/4/nsubj attended/VERB/2/acl:relcl the/DET/6/det summit/NOUN/4/obj signed/VERB/0/root a/DET/9/det treaty/NOUN/7/obj ./PUNCT/7/punct",
    ];

    /// A non-projective sentence: "on the issue" modifies "hearing" across
    /// the verb.
    const NONPROJECTIVE: &str = "A/DET/2/det hearing/NOUN/4/nsubj:pass is/AUX/4/aux:pass scheduled/VERB/0/root on/ADP/7/case the/DET/7/det issue/NOUN/2/nmod today/NOUN/4/obl:tmod ./PUNCT/4/punct";

    fn tree(line: &'static str) -> TrainTree<'static> {
        let mut t = TrainTree {
            forms: vec![],
            upos: vec![],
            heads: vec![],
            deprels: vec![],
        };
        for word in line.split(' ') {
            let parts: Vec<&str> = word.split('/').collect();
            t.forms.push(parts[0]);
            t.upos.push(parts[1].parse().unwrap());
            t.heads.push(parts[2].parse().unwrap());
            t.deprels.push(parts[3]);
        }
        t
    }

    fn treebank() -> Vec<TrainTree<'static>> {
        TREEBANK.iter().map(|l| tree(l)).collect()
    }

    fn small_options() -> ParserOptions {
        ParserOptions {
            epochs: 8,
            min_weight: 0.0,
            ..ParserOptions::default()
        }
    }

    fn trained() -> &'static Parser {
        static PARSER: OnceLock<Parser> = OnceLock::new();
        PARSER.get_or_init(|| {
            let bank = treebank();
            Parser::train(&bank, &bank, &small_options(), &mut |_| {})
        })
    }

    /// The small model with the lexical-tag templates.
    fn trained_lexical() -> &'static Parser {
        static PARSER: OnceLock<Parser> = OnceLock::new();
        PARSER.get_or_init(|| {
            let bank = treebank();
            let options = ParserOptions {
                templates: TEMPLATES_LEXICAL,
                ..small_options()
            };
            Parser::train(&bank, &bank, &options, &mut |_| {})
        })
    }

    /// Label ids of a tree's relations in a sorted label list.
    fn label_ids(t: &TrainTree, labels: &[&str]) -> Vec<u16> {
        t.deprels
            .iter()
            .map(|l| labels.binary_search(l).unwrap() as u16)
            .collect()
    }

    fn all_labels() -> Vec<&'static str> {
        let mut labels: Vec<&str> = treebank()
            .iter()
            .chain([tree(NONPROJECTIVE)].iter())
            .flat_map(|t| t.deprels.clone())
            .collect();
        labels.sort();
        labels.dedup();
        labels
    }

    /// Follows zero-cost (or, if none, cheapest) transitions, picking among
    /// them with the generator; returns the heads and label ids reached.
    fn follow_oracle(t: &TrainTree, labels: &[&str], rng: &mut XorShift) -> (Vec<u32>, Vec<u16>) {
        let n = t.forms.len();
        let ids = label_ids(t, labels);
        let mut state = State::default();
        state.reset(n);
        let mut gold = Gold::new(&t.heads, &ids);
        let mut costs = Vec::new();
        let mut steps = 0;
        while !state.terminal() {
            gold.class_costs(&state, labels.len(), &mut costs);
            let min = *costs.iter().min().unwrap();
            assert!(min < u32::MAX, "no legal transition");
            let cheapest: Vec<usize> = (0..costs.len()).filter(|&c| costs[c] == min).collect();
            let class = cheapest[rng.below(cheapest.len())];
            assert!(state.legal(class));
            gold.before_apply(&state, class);
            state.apply(class);
            steps += 1;
            assert!(steps <= 2 * n);
        }
        (
            state.head[1..=n].to_vec(),
            state.label[1..=n].iter().map(|l| l - 1).collect(),
        )
    }

    #[test]
    fn projective_trees_reproduced_exactly_by_zero_cost_transitions() {
        let labels = all_labels();
        let mut rng = XorShift::new(7);
        for t in treebank() {
            assert!(is_projective(&t.heads));
            let ids = label_ids(&t, &labels);
            for _ in 0..20 {
                let (heads, got) = follow_oracle(&t, &labels, &mut rng);
                let want: Vec<u32> = t.heads.iter().map(|&h| h as u32).collect();
                assert_eq!(heads, want, "{:?}", t.forms);
                assert_eq!(got, ids);
            }
        }
    }

    #[test]
    fn gold_transitions_cost_zero() {
        // The static oracle (reduce as soon as the arc is gold, else shift)
        // only takes transitions of cost 0.
        let labels = all_labels();
        for t in treebank() {
            let ids = label_ids(&t, &labels);
            let mut state = State::default();
            state.reset(t.forms.len());
            let mut gold = Gold::new(&t.heads, &ids);
            let mut costs = Vec::new();
            while !state.terminal() {
                let len = state.stack.len();
                let s0 = state.stack[len - 1] as usize;
                let head = |i: usize| t.heads[i - 1];
                let all_deps_done = |h: usize| {
                    (1..=t.forms.len()).all(|d| head(d) != h || state.head[d] as usize == h)
                };
                let class = if len >= 2
                    && !state.buffer_empty()
                    && head(s0) == state.next
                    && all_deps_done(s0)
                {
                    class_left(ids[s0 - 1] as usize)
                } else if len >= 2
                    && head(s0) == state.stack[len - 2] as usize
                    && all_deps_done(s0)
                    && state.can_right()
                {
                    class_right(ids[s0 - 1] as usize)
                } else {
                    SHIFT
                };
                gold.class_costs(&state, labels.len(), &mut costs);
                assert_eq!(costs[class], 0, "{:?} at {:?}", t.forms, state.stack);
                gold.before_apply(&state, class);
                state.apply(class);
            }
        }
    }

    #[test]
    fn nonprojective_tree_loses_only_crossing_arcs() {
        let labels = all_labels();
        let t = tree(NONPROJECTIVE);
        assert!(!is_projective(&t.heads));
        let mut rng = XorShift::new(3);
        let (heads, _) = follow_oracle(&t, &labels, &mut rng);
        let wrong = heads
            .iter()
            .zip(&t.heads)
            .filter(|(a, b)| **a as usize != **b)
            .count();
        assert_eq!(wrong, 1);
    }

    #[test]
    fn projectivity() {
        assert!(is_projective(&[2, 0, 2]));
        assert!(!is_projective(&tree(NONPROJECTIVE).heads));
        assert!(is_projective(&[]));
        // 1 <- 3 and 2 <- 4 cross.
        assert!(!is_projective(&[3, 4, 0, 3]));
    }

    /// The least number of wrong heads reachable from a state (exhaustive).
    fn min_loss(state: &State, gold_heads: &[usize]) -> u32 {
        if state.terminal() {
            return (1..=state.n)
                .filter(|&i| state.head[i] as usize != gold_heads[i - 1])
                .count() as u32;
        }
        (0..3)
            .filter(|&c| state.legal(c))
            .map(|c| {
                let mut next = state.clone();
                next.apply(c);
                min_loss(&next, gold_heads)
            })
            .min()
            .unwrap()
    }

    #[test]
    fn dynamic_oracle_costs_are_exact_on_projective_trees() {
        let mut rng = XorShift::new(11);
        let mut checked = 0;
        while checked < 40 {
            let n = 2 + rng.below(4);
            let heads: Vec<usize> = (1..=n).map(|_| rng.below(n + 1)).collect();
            if heads.iter().enumerate().any(|(i, &h)| h == i + 1)
                || heads.iter().filter(|&&h| h == 0).count() != 1
                || !is_tree(&heads)
                || !is_projective(&heads)
            {
                continue;
            }
            let labels = vec![0u16; n];
            let mut state = State::default();
            state.reset(n);
            let mut gold = Gold::new(&heads, &labels);
            // Wander off with random transitions, then check every cost.
            for _ in 0..rng.below(2 * n) {
                if state.terminal() {
                    break;
                }
                let legal: Vec<usize> = (0..3).filter(|&c| state.legal(c)).collect();
                let c = legal[rng.below(legal.len())];
                gold.before_apply(&state, c);
                state.apply(c);
            }
            if state.terminal() {
                continue;
            }
            let base = min_loss(&state, &heads);
            let mut costs = Vec::new();
            gold.class_costs(&state, 1, &mut costs);
            for (c, &cost) in costs.iter().enumerate() {
                if !state.legal(c) {
                    assert_eq!(cost, u32::MAX);
                    continue;
                }
                let mut next = state.clone();
                next.apply(c);
                assert_eq!(
                    cost,
                    min_loss(&next, &heads) - base,
                    "heads {heads:?} stack {:?} next {} class {c}",
                    state.stack,
                    state.next
                );
            }
            checked += 1;
        }
    }

    #[test]
    fn training_is_deterministic_and_fits_the_treebank() {
        let bank = treebank();
        let mut first = Vec::new();
        let mut log = Vec::new();
        Parser::train(&bank, &bank, &small_options(), &mut |l| {
            log.push(l.to_string())
        })
        .write_to(&mut first)
        .unwrap();
        let mut second = Vec::new();
        trained().write_to(&mut second).unwrap();
        assert_eq!(first, second);
        assert!(log.iter().any(|l| l.starts_with("epoch  8")));
        let scores = trained().evaluate(&bank);
        assert!(scores.uas() >= 95.0, "UAS {}", scores.uas());
        assert!(scores.las() >= 90.0, "LAS {}", scores.las());
    }

    #[test]
    fn round_trip_and_typed_errors() {
        let parser = trained();
        let mut bytes = Vec::new();
        parser.write_to(&mut bytes).unwrap();
        let read = Parser::read_from(&mut bytes.as_slice()).unwrap();
        assert_eq!(&read, parser);
        let mut again = Vec::new();
        read.write_to(&mut again).unwrap();
        assert_eq!(again, bytes);
        let words = ["The", "army", "fired", "rockets", "."];
        let tags = [Upos::Det, Upos::Noun, Upos::Verb, Upos::Noun, Upos::Punct];
        assert_eq!(read.parse(&words, &tags), parser.parse(&words, &tags));

        for len in (0..bytes.len()).step_by(7).chain([bytes.len() - 1]) {
            match Parser::read_from(&mut &bytes[..len]) {
                Err(ParserModelError::Truncated) => {}
                other => panic!("prefix {len}: {other:?}"),
            }
        }
        let mut bad = bytes.clone();
        bad[0] = b'X';
        assert!(matches!(
            Parser::read_from(&mut bad.as_slice()),
            Err(ParserModelError::BadMagic)
        ));
        let mut bad = bytes.clone();
        bad[8] = 9;
        assert!(matches!(
            Parser::read_from(&mut bad.as_slice()),
            Err(ParserModelError::BadVersion(9))
        ));
        let mut bad = bytes.clone();
        let end = bad.len() - 1;
        bad[end] = b'?';
        assert!(matches!(
            Parser::read_from(&mut bad.as_slice()),
            Err(ParserModelError::Corrupt(_))
        ));
    }

    #[test]
    fn lexical_templates_round_trip_and_are_recorded() {
        let parser = trained_lexical();
        assert_eq!(parser.templates, TEMPLATES_LEXICAL);
        let mut bytes = Vec::new();
        parser.write_to(&mut bytes).unwrap();
        assert_eq!(&bytes[8..12], &VERSION_TEMPLATES.to_le_bytes());
        let read = Parser::read_from(&mut bytes.as_slice()).unwrap();
        assert_eq!(&read, parser);
        let words = ["The", "army", "fired", "rockets", "at", "the", "town", "."];
        let tags = [
            Upos::Det,
            Upos::Noun,
            Upos::Verb,
            Upos::Noun,
            Upos::Adp,
            Upos::Det,
            Upos::Noun,
            Upos::Punct,
        ];
        assert_eq!(read.parse(&words, &tags), parser.parse(&words, &tags));
        // the lexical templates are features of the model
        assert!(parser.feature_count() > trained().feature_count());
        // a file without templates is still written as version 2
        let mut plain = Vec::new();
        trained().write_to(&mut plain).unwrap();
        assert_eq!(&plain[8..12], &VERSION.to_le_bytes());
        // unknown template bits are an error
        let mut bad = bytes.clone();
        bad[12] = 0x80;
        assert!(matches!(
            Parser::read_from(&mut bad.as_slice()),
            Err(ParserModelError::Corrupt(_))
        ));
        // training with them is deterministic
        let bank = treebank();
        let options = ParserOptions {
            templates: TEMPLATES_LEXICAL,
            ..small_options()
        };
        let again = Parser::train(&bank, &bank, &options, &mut |_| {});
        let mut again_bytes = Vec::new();
        again.write_to(&mut again_bytes).unwrap();
        assert_eq!(again_bytes, bytes);
        // parsers of different templates mix into one with the union of
        // them, whose scores are the mean of the two parsers' scores
        let mixed = Parser::mix(&[trained().clone(), parser.clone()], 0.0).unwrap();
        assert_eq!(mixed.templates, TEMPLATES_LEXICAL);
        let (mut atoms, mut state) = (Atoms::default(), State::default());
        atoms.fill(&words, &tags, TEMPLATES_LEXICAL);
        state.reset(words.len());
        state.apply(SHIFT);
        state.apply(SHIFT);
        let mut all = Vec::new();
        extract(&state, &atoms, &mut all);
        let n = stride(mixed.weights.n_classes);
        let score = |p: &Parser| {
            let (mut sums, mut offsets) = (vec![0i32; n], Vec::new());
            p.weights.score(&all, &mut offsets, &mut sums);
            sums.iter()
                .map(|&v| v as f64 * p.weights.scale as f64)
                .collect::<Vec<_>>()
        };
        let (a, b, m) = (score(trained()), score(parser), score(&mixed));
        for c in 0..mixed.weights.n_classes {
            let want = (a[c] + b[c]) / 2.0;
            // each of the mixture's weights is rounded by at most half a step
            let tolerance = all.len() as f64 * mixed.weights.scale as f64 / 2.0 + 1e-9;
            assert!(
                (m[c] - want).abs() <= tolerance,
                "{c}: {} against {want}",
                m[c]
            );
        }
    }

    #[test]
    fn lexical_tags_refine_upos_by_form() {
        assert_eq!(
            lexical_tag("to", Some(Upos::Part)),
            lexical_tag("TO", Some(Upos::Part))
        );
        assert_ne!(
            lexical_tag("to", Some(Upos::Part)),
            lexical_tag("not", Some(Upos::Part))
        );
        assert_ne!(
            lexical_tag(",", Some(Upos::Punct)),
            lexical_tag(".", Some(Upos::Punct))
        );
        assert_ne!(
            lexical_tag("killed", Some(Upos::Verb)),
            lexical_tag("killing", Some(Upos::Verb))
        );
        assert_eq!(
            lexical_tag("killed", Some(Upos::Verb)),
            lexical_tag("signed", Some(Upos::Verb))
        );
        assert_ne!(
            lexical_tag("talks", Some(Upos::Noun)),
            lexical_tag("talk", Some(Upos::Noun))
        );
        assert_eq!(
            lexical_tag("red", Some(Upos::Adj)),
            lexical_tag("blue", Some(Upos::Adj))
        );
        assert_eq!(
            lexical_tag("ed", Some(Upos::Verb)),
            lexical_tag("go", Some(Upos::Verb))
        );
        assert_eq!(lexical_tag("x", None), POS_NONE);
    }

    #[test]
    fn mixing_averages_weights() {
        let bank = treebank();
        let one = trained();
        // A parser mixed with itself is itself (the same weights, scale and
        // parses).
        let same = Parser::mix(&[one.clone(), one.clone()], 0.0).unwrap();
        for t in &bank {
            assert_eq!(same.parse(&t.forms, &t.upos), one.parse(&t.forms, &t.upos));
        }
        assert_eq!(same.feature_count(), one.feature_count());
        // Another seed: the mixture holds the union of the features (none
        // pruned at 0), gives trees, and is the same whatever the run.
        let other = Parser::train(
            &bank,
            &bank,
            &ParserOptions {
                seed: 7,
                ..small_options()
            },
            &mut |_| {},
        );
        let mixed = Parser::mix(&[one.clone(), other.clone()], 0.0).unwrap();
        assert!(mixed.feature_count() >= one.feature_count().max(other.feature_count()));
        for t in &bank {
            assert_tree(&mixed.parse(&t.forms, &t.upos));
        }
        assert_eq!(mixed, Parser::mix(&[one.clone(), other], 0.0).unwrap());
        // Pruning the mixture keeps fewer features.
        let pruned = Parser::mix(&[one.clone(), one.clone()], 1e9).unwrap();
        assert_eq!(pruned.feature_count(), 0);
        // Nothing to mix, or different relations: an error.
        assert!(Parser::mix(&[], 0.0).is_err());
        let mut relabelled = one.clone();
        relabelled.labels[0].push('x');
        assert!(Parser::mix(&[one.clone(), relabelled], 0.0).is_err());
    }

    #[test]
    fn pruning_drops_small_weights_only() {
        let parser = trained();
        assert_eq!(&parser.prune(0.0), parser);
        let half = parser.prune(0.3);
        assert!(half.feature_count() < parser.feature_count());
        assert!(half.feature_count() > 0);
        let none = parser.prune(f32::MAX);
        assert_eq!(none.feature_count(), 0);
        let words = ["Troops", "entered", "the", "city", "."];
        let tags = [Upos::Noun, Upos::Verb, Upos::Det, Upos::Noun, Upos::Punct];
        assert_tree(&none.parse(&words, &tags));
        assert_tree(&half.parse(&words, &tags));
    }

    /// Heads form one tree rooted in 0 with exactly one root word.
    fn assert_tree(parse: &[(usize, &str)]) {
        let heads: Vec<usize> = parse.iter().map(|p| p.0).collect();
        assert!(is_tree(&heads), "{heads:?}");
        if !heads.is_empty() {
            assert_eq!(heads.iter().filter(|&&h| h == 0).count(), 1);
        }
    }

    /// Greedy parsing with every feature looked up at every transition
    /// (no buffer scores kept): what `parse_with` must give.
    fn parse_reference(parser: &Parser, forms: &[&str], upos: &[Upos]) -> Vec<(u32, u16)> {
        let n_classes = 1 + 2 * parser.labels.len();
        let mut scores = vec![0i32; stride(n_classes)];
        let (mut atoms, mut state) = (Atoms::default(), State::default());
        let (mut features, mut offsets) = (Vec::new(), Vec::new());
        atoms.fill(forms, upos, parser.templates);
        state.reset(forms.len());
        while !state.terminal() {
            if state.stack.len() == 1 {
                state.apply(SHIFT);
                continue;
            }
            extract(&state, &atoms, &mut features);
            scores.iter_mut().for_each(|s| *s = 0);
            parser.weights.score(&features, &mut offsets, &mut scores);
            let mut best = (usize::MAX, i32::MIN);
            for (class, &score) in scores[..n_classes].iter().enumerate() {
                if state.legal(class) && (best.0 == usize::MAX || score > best.1) {
                    best = (class, score);
                }
            }
            if best.0 == usize::MAX {
                break;
            }
            state.apply(best.0);
        }
        (1..=forms.len())
            .map(|i| (state.head[i], state.label[i]))
            .collect()
    }

    /// At every configuration of greedy walks and of random walks through
    /// the same sentence (sharing one cache, as the passes of branching
    /// and the hypotheses of a beam do), the scores with the cached parts
    /// are the scores with every feature looked up.
    #[test]
    fn cached_part_scores_equal_every_feature_looked_up() {
        let model = crate::syntax::Model::builtin();
        let sentences = [
            "The two ministers met in Geneva on Tuesday and agreed to talk again next month .",
            "She said that the talks , which were planned for May , had been put off .",
            "Rebels fired rockets at the town , killing three people , officials said .",
            "Talks between the two sides broke down over the weekend .",
            "Yes .",
        ];
        let mut rng = XorShift::new(7);
        let mut checked = 0usize;
        let long: Vec<&str> = (0..240)
            .map(|i| ["the", "army", "fired", ",", "at", "them", "and"][i % 7])
            .collect();
        let texts: Vec<Vec<&str>> = sentences
            .iter()
            .map(|t| t.split(' ').collect())
            .chain([long])
            .collect();
        for (parser, tagged) in [
            (&model.parser, true),
            (trained(), false),
            (trained_lexical(), false),
            (trained_lexical(), true),
        ] {
            let n_classes = 1 + 2 * parser.labels.len();
            let nc = stride(n_classes);
            for words in &texts {
                let tags: Vec<Upos> = if tagged {
                    model.tagger.tag(words)
                } else {
                    (0..words.len()).map(|i| Upos::ALL[(i * 5) % 17]).collect()
                };
                let mut atoms = Atoms::default();
                atoms.fill(words, &tags, parser.templates);
                let mut cache = PartCache::default();
                cache.reset(words.len(), nc);
                let (mut features, mut parts, mut offsets) = (Vec::new(), Vec::new(), Vec::new());
                let mut all = Vec::new();
                let mut state = State::default();
                for walk in 0..4 {
                    state.reset(words.len());
                    while !state.terminal() {
                        if state.stack.len() == 1 {
                            state.apply(SHIFT);
                            continue;
                        }
                        let mut got = vec![0i32; nc];
                        parser.score_state(
                            &state,
                            &atoms,
                            (&mut features, &mut parts, &mut offsets),
                            &mut cache,
                            &mut got,
                        );
                        extract(&state, &atoms, &mut all);
                        let mut want = vec![0i32; nc];
                        parser.weights.score(&all, &mut offsets, &mut want);
                        assert_eq!(got, want, "{words:?}, walk {walk}");
                        checked += 1;
                        let legal: Vec<usize> =
                            (0..n_classes).filter(|&c| state.legal(c)).collect();
                        if legal.is_empty() {
                            break;
                        }
                        let class = if walk == 0 {
                            // the first best, as greedy parsing takes it
                            let best = legal.iter().map(|&c| want[c]).max().unwrap_or(0);
                            legal
                                .iter()
                                .copied()
                                .find(|&c| want[c] == best)
                                .unwrap_or(SHIFT)
                        } else {
                            legal[rng.below(legal.len())]
                        };
                        state.apply(class);
                    }
                }
            }
        }
        assert!(checked > 2000, "{checked}");
    }

    #[test]
    fn cached_part_scores_change_no_parse() {
        let model = crate::syntax::Model::builtin();
        let sentences = [
            "The two ministers met in Geneva on Tuesday and agreed to talk again next month .",
            "She said that the talks , which were planned for May , had been put off .",
            "Rebels fired rockets at the town , killing three people , officials said .",
            "Why would anyone sign a deal like that without reading it first ?",
            "Talks between the two sides broke down over the weekend .",
        ];
        for text in sentences {
            let words: Vec<&str> = text.split(' ').collect();
            let tags = model.tagger.tag(&words);
            let got: Vec<(u32, u16)> = {
                let mut scratch = Scratch::default();
                model.parser.parse_with(&words, &tags, &mut scratch);
                (1..=words.len())
                    .map(|i| (scratch.state.head[i], scratch.state.label[i]))
                    .collect()
            };
            let mut want = parse_reference(&model.parser, &words, &tags);
            let none = words.len() as u32 + 1;
            for w in &mut want {
                if w.0 == none {
                    w.0 = 0;
                }
            }
            assert_eq!(got, want, "{text}");
        }
        // and on the small models, with a long sentence of repeated words
        for parser in [trained(), trained_lexical()] {
            let words: Vec<&str> = (0..300)
                .map(|i| ["the", "army", "fired", ",", "at", "them"][i % 6])
                .collect();
            let tags: Vec<Upos> = (0..300).map(|i| Upos::ALL[(i * 7) % 17]).collect();
            let mut scratch = Scratch::default();
            parser.parse_with(&words, &tags, &mut scratch);
            let got: Vec<(u32, u16)> = (1..=300)
                .map(|i| (scratch.state.head[i], scratch.state.label[i]))
                .collect();
            let mut want = parse_reference(parser, &words, &tags);
            for w in &mut want {
                if w.0 == 301 {
                    w.0 = 0;
                }
            }
            assert_eq!(got, want);
        }
    }

    #[test]
    fn parses_empty_and_long_input() {
        let parser = trained();
        assert!(parser.parse(&[], &[]).is_empty());
        let words: Vec<&str> = (0..1000)
            .map(|i| ["the", "army", "fired", ","][i % 4])
            .collect();
        let tags: Vec<Upos> = (0..1000).map(|i| Upos::ALL[i % 17]).collect();
        let parse = parser.parse(&words, &tags);
        assert_eq!(parse.len(), 1000);
        assert_tree(&parse);
        // Fewer tags than words.
        assert_tree(&parser.parse(&words[..10], &tags[..3]));
    }

    #[test]
    fn branching_gives_trees_and_no_branch_is_greedy() {
        let greedy = trained();
        let mut off = greedy.clone();
        off.set_branching(DEFAULT_BRANCH_MARGIN, 0);
        let mut on = greedy.clone();
        on.set_branching(1000.0, 3);
        let mut ahead = greedy.clone();
        ahead.set_lookahead(1000.0, 5, 4);
        for t in treebank() {
            assert_eq!(
                off.parse(&t.forms, &t.upos),
                greedy.parse(&t.forms, &t.upos)
            );
            assert_tree(&on.parse(&t.forms, &t.upos));
            assert_tree(&ahead.parse(&t.forms, &t.upos));
        }
        let words: Vec<&str> = (0..500)
            .map(|i| ["the", "army", "fired", ","][i % 4])
            .collect();
        let tags: Vec<Upos> = (0..500).map(|i| Upos::ALL[i % 17]).collect();
        for parser in [&on, &ahead] {
            let parse = parser.parse(&words, &tags);
            assert_eq!(parse.len(), 500);
            assert_tree(&parse);
            assert!(parser.parse(&[], &[]).is_empty());
        }
        // A parser without weights has no margins to branch on but must
        // still give a tree.
        let mut empty = greedy.prune(f32::MAX);
        empty.set_branching(1000.0, 2);
        assert_tree(&empty.parse(&words[..20], &tags[..20]));
    }

    #[test]
    fn beam_of_one_is_greedy_and_beams_give_trees() {
        let greedy = trained();
        let mut one = greedy.clone();
        one.set_beam(1, f32::INFINITY);
        let mut wide = greedy.clone();
        wide.set_beam(4, f32::INFINITY);
        let mut narrow = greedy.clone();
        narrow.set_beam(4, 0.0);
        let words: Vec<&str> = (0..300)
            .map(|i| ["the", "army", "fired", ","][i % 4])
            .collect();
        let tags: Vec<Upos> = (0..300).map(|i| Upos::ALL[i % 17]).collect();
        let long = TrainTree {
            forms: words.clone(),
            upos: tags.clone(),
            heads: vec![],
            deprels: vec![],
        };
        for t in treebank().iter().chain([&long]) {
            let expected = greedy.parse(&t.forms, &t.upos);
            assert_eq!(one.parse(&t.forms, &t.upos), expected);
            // The beam search itself with one hypothesis: greedy.
            let mut scratch = Scratch::default();
            let mut forced = greedy.clone();
            forced.beam = 1;
            forced.parse_beam(&t.forms, &t.upos, &mut scratch);
            let heads: Vec<usize> = (1..=t.forms.len())
                .map(|i| scratch.state.head[i] as usize)
                .collect();
            let greedy_heads: Vec<usize> = expected.iter().map(|a| a.0).collect();
            assert_eq!(heads, greedy_heads);
            assert_tree(&wide.parse(&t.forms, &t.upos));
            // A margin of 0 keeps only hypotheses tied with the best.
            assert_tree(&narrow.parse(&t.forms, &t.upos));
        }
        assert!(wide.parse(&[], &[]).is_empty());
        let mut empty = greedy.prune(f32::MAX);
        empty.set_beam(3, f32::INFINITY);
        assert_tree(&empty.parse(&words[..20], &tags[..20]));
    }

    #[test]
    fn global_training_is_deterministic_and_fits_the_treebank() {
        let bank = treebank();
        for (beam, beam_from) in [(3, 0), (2, 4)] {
            let options = ParserOptions {
                beam,
                beam_from,
                ..small_options()
            };
            let mut bytes = [Vec::new(), Vec::new()];
            let mut parser = None;
            for out in bytes.iter_mut() {
                let p = Parser::train(&bank, &bank, &options, &mut |_| {});
                p.write_to(out).unwrap();
                parser = Some(p);
            }
            assert_eq!(bytes[0], bytes[1]);
            let mut parser = parser.unwrap();
            parser.set_beam(beam, f32::INFINITY);
            let scores = parser.evaluate(&bank);
            assert!(scores.uas() >= 95.0, "beam {beam}: UAS {}", scores.uas());
            assert!(scores.las() >= 90.0, "beam {beam}: LAS {}", scores.las());
        }
    }

    proptest! {
        #[test]
        fn no_panic_on_arbitrary_words(
            words in proptest::collection::vec(".{0,12}", 0..40),
            tags in proptest::collection::vec(0usize..17, 0..40),
        ) {
            let forms: Vec<&str> = words.iter().map(String::as_str).collect();
            let upos: Vec<Upos> = tags.iter().map(|&t| Upos::ALL[t]).collect();
            let parse = trained().parse(&forms, &upos);
            prop_assert_eq!(parse.len(), forms.len());
            assert_tree(&parse);
        }

        #[test]
        fn no_panic_on_arbitrary_model_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut input = MAGIC.to_vec();
            input.extend_from_slice(&VERSION.to_le_bytes());
            input.extend_from_slice(&bytes);
            let _ = Parser::read_from(&mut input.as_slice());
        }
    }
}
