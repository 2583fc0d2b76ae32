//! The Aho-Corasick search behind `Lexicon::find_all`: every surface form in
//! one automaton, case-sensitive, leftmost-longest, with word-boundary checks.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use super::{LexMatch, Via};

#[derive(Debug)]
pub(crate) struct Matcher {
    /// Leftmost-longest automaton over every surface form.
    longest: AhoCorasick,
    /// The same forms with standard semantics, used only when the longest
    /// form at a position does not end on a word boundary ("Georgians" where
    /// a shorter form could still fit).
    overlapping: AhoCorasick,
    /// Pattern id -> (entry, via).
    targets: Vec<(usize, Via)>,
}

impl Matcher {
    /// Build from (surface, entry, via) triples sorted by surface.
    pub(crate) fn build(surfaces: &[(&str, usize, Via)]) -> Matcher {
        let patterns: Vec<&str> = surfaces.iter().map(|s| s.0).collect();
        let longest = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("lexicon names build an automaton");
        let overlapping = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("lexicon names build an automaton");
        Matcher {
            longest,
            overlapping,
            targets: surfaces.iter().map(|s| (s.1, s.2)).collect(),
        }
    }

    pub(crate) fn find_all(&self, text: &str, out: &mut Vec<LexMatch>) {
        let bytes = text.as_bytes();
        let mut pos = 0;
        while pos < bytes.len() {
            let Some(m) = self.longest.find(Input::new(text).span(pos..text.len())) else {
                break;
            };
            let (start, end) = (m.start(), m.end());
            if boundary_before(text, start) {
                if boundary_after(text, end) {
                    let (entry, via) = self.targets[m.pattern().as_usize()];
                    out.push(LexMatch {
                        start,
                        end,
                        entry,
                        via,
                    });
                    pos = end;
                    continue;
                }
                // A shorter form starting here may still end on a boundary.
                if let Some((pattern, end)) = self.shorter_at(text, start, end) {
                    let (entry, via) = self.targets[pattern];
                    out.push(LexMatch {
                        start,
                        end,
                        entry,
                        via,
                    });
                    pos = end;
                    continue;
                }
            }
            // No match starts here: go on from the next character.
            pos = next_char(text, start);
        }
    }

    /// The longest form that starts at `start`, ends before `end` and ends on
    /// a word boundary.
    fn shorter_at(&self, text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for m in self
            .overlapping
            .find_overlapping_iter(Input::new(text).span(start..end))
        {
            if m.start() == start
                && m.end() < end
                && boundary_after(text, m.end())
                && best.is_none_or(|(_, e)| m.end() > e)
            {
                best = Some((m.pattern().as_usize(), m.end()));
            }
        }
        best
    }
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
