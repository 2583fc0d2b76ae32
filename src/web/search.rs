//! The actor search of `eventgraph serve` and the index behind it, built
//! once when the server starts.
//!
//! Every actor's names and aliases are normalised ([`normalize_name`]).
//! A plain fit (the name is the query, starts with it, has a word starting
//! with it, or contains it) is looked up in an index of the 1-, 2- and
//! 3-letter pieces of the names: a query of up to three letters reads its
//! own list, a longer one the shortest list of its 3-letter pieces, and
//! only those actors are compared with the query. A typo-tolerant fit (a
//! word of the query within one or two edits of the start of a word of the
//! name) walks the sorted vocabulary of name words as a trie, keeping the
//! row of the edit distance of each prefix and leaving a branch as soon as
//! the row is past the distance allowed; only the actors holding the words
//! reached are compared. What fits, and the order of the results, is the
//! same as comparing every actor (a test checks it against that).

use crate::graph::ActorId;
use crate::model::normalize_name;
use std::cmp::Reverse;
use std::collections::HashMap;

/// The longest word the typo-tolerant pass compares (longer ones fit only
/// plainly).
const MAX_WORD: usize = 48;

/// The names of one actor, normalised.
pub(crate) struct Entry {
    /// The actor.
    pub id: ActorId,
    /// The name shown (the results are ordered by it after the fit and
    /// the events).
    pub display: String,
    /// The normalised names and aliases, without empty or repeated ones.
    pub names: Vec<String>,
    /// The words of each name, as indexes into the sorted vocabulary.
    words: Vec<Vec<u32>>,
    /// How many events the actor is in.
    pub events: usize,
}

/// One result: the entry, how it fits (0 the name is the query, 1 starts
/// with it, 2 a word starts with it, 3 contains it, 4 a near miss), and
/// the index of the name that fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Index into [`SearchIndex::entries`].
    pub entry: usize,
    /// 0 to 4, as above.
    pub score: u8,
    /// Index into the entry's `names`.
    pub name: usize,
}

/// The search index over every actor's names.
pub(crate) struct SearchIndex {
    entries: Vec<Entry>,
    /// Every distinct word of the normalised names, as characters, sorted.
    vocabulary: Vec<Vec<char>>,
    /// The entries (ascending, once each) with a name holding each word.
    postings: Vec<Vec<u32>>,
    /// `cumulative[w]`: the total length of the postings of the words
    /// before `w` (one more element than the vocabulary).
    cumulative: Vec<usize>,
    /// The entries (ascending, once each) with a name holding each piece
    /// of one to three letters.
    grams: HashMap<u128, Vec<u32>>,
}

/// The key of a piece of one to three characters.
fn gram_key(chars: &[char]) -> u128 {
    chars
        .iter()
        .enumerate()
        .fold(0u128, |key, (i, &c)| key | (u128::from(c) + 1) << (32 * i))
}

/// Edit distance of two short strings (by chars; insertions, deletions,
/// substitutions and swaps of neighbours each count one), stopping at
/// `max + 1`; strings longer than [`MAX_WORD`] count as too far.
#[cfg(test)]
fn edit_distance(a: &[char], b: &[char], max: usize) -> usize {
    if a.len().abs_diff(b.len()) > max || a.len() > MAX_WORD || b.len() > MAX_WORD {
        return max + 1;
    }
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>()];
    for i in 0..a.len() {
        let next = next_row(&rows, a, i, b);
        if next.iter().min().copied().unwrap_or(0) > max {
            return max + 1;
        }
        rows.push(next);
    }
    rows[a.len()][b.len()].min(max + 1)
}

/// The edit-distance row of `prefix[..=i]` against `query`, from the rows
/// of the shorter prefixes (`rows[d]`: `prefix[..d]`); a swap of
/// neighbouring letters counts one.
fn next_row(rows: &[Vec<usize>], prefix: &[char], i: usize, query: &[char]) -> Vec<usize> {
    let previous = &rows[i];
    let mut current = vec![0usize; query.len() + 1];
    current[0] = i + 1;
    let c = prefix[i];
    for j in 0..query.len() {
        let cost = usize::from(c != query[j]);
        let mut best = (previous[j] + cost)
            .min(previous[j + 1] + 1)
            .min(current[j] + 1);
        if i > 0 && j > 0 && c == query[j - 1] && prefix[i - 1] == query[j] {
            best = best.min(rows[i - 1][j - 1] + 1);
        }
        current[j + 1] = best;
    }
    current
}

/// How many edits a query word of this many letters may be from a word:
/// none for one or two letters, one up to six, two from seven.
fn allowed_edits(letters: usize) -> usize {
    match letters {
        0..=2 => 0,
        3..=6 => 1,
        _ => 2,
    }
}

/// How well a normalised name fits a normalised query: 0 the same, 1 the
/// name starts with it, 2 a word starts with it, 3 it is inside; `None`
/// otherwise.
pub(crate) fn plain_score(name: &str, query: &str) -> Option<u8> {
    if name == query {
        Some(0)
    } else if name.starts_with(query) {
        Some(1)
    } else if name
        .match_indices(query)
        .any(|(i, _)| name[..i].ends_with([' ', '-']))
    {
        Some(2)
    } else if name.contains(query) {
        Some(3)
    } else {
        None
    }
}

/// A typo-tolerant fit of one word: the query word is within
/// [`allowed_edits`] of the start of the word (a start one letter shorter
/// or longer than the query, or as long).
#[cfg(test)]
fn word_fits(word: &[char], query: &[char]) -> bool {
    let max = allowed_edits(query.len());
    (query.len().saturating_sub(1).max(1)..=query.len() + 1)
        .filter(|&n| n <= word.len())
        .any(|n| edit_distance(&word[..n], query, max) <= max)
}

/// The words of a normalised name, as characters.
pub(crate) fn words_of(name: &str) -> Vec<Vec<char>> {
    name.split([' ', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().collect())
        .collect()
}

/// The sort key of a hit: fit, most events first, display name, entry.
type HitKey<'a> = (u8, Reverse<usize>, &'a str, usize, usize);

impl SearchIndex {
    /// Builds the index over `(actor, display name, names, events)`.
    pub(crate) fn new(
        actors: impl IntoIterator<Item = (ActorId, String, Vec<String>, usize)>,
    ) -> Self {
        let mut raw: Vec<(ActorId, String, Vec<String>, usize)> = Vec::new();
        for (id, display, names, events) in actors {
            let mut normalised: Vec<String> = names.iter().map(|n| normalize_name(n)).collect();
            normalised.retain(|n| !n.is_empty());
            normalised.dedup();
            raw.push((id, display, normalised, events));
        }
        let mut vocabulary: Vec<Vec<char>> = raw
            .iter()
            .flat_map(|r| r.2.iter().flat_map(|n| words_of(n)))
            .collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocabulary.len()];
        let mut grams: HashMap<u128, Vec<u32>> = HashMap::new();
        let mut entries = Vec::with_capacity(raw.len());
        for (i, (id, display, names, events)) in raw.into_iter().enumerate() {
            let e = i as u32;
            let mut words = Vec::with_capacity(names.len());
            for name in &names {
                let ids: Vec<u32> = words_of(name)
                    .iter()
                    .filter_map(|w| vocabulary.binary_search(w).ok())
                    .map(|w| w as u32)
                    .collect();
                for &w in &ids {
                    let list = &mut postings[w as usize];
                    if list.last() != Some(&e) {
                        list.push(e);
                    }
                }
                words.push(ids);
                let chars: Vec<char> = name.chars().collect();
                for start in 0..chars.len() {
                    for len in 1..=3.min(chars.len() - start) {
                        let list = grams
                            .entry(gram_key(&chars[start..start + len]))
                            .or_default();
                        if list.last() != Some(&e) {
                            list.push(e);
                        }
                    }
                }
            }
            entries.push(Entry {
                id,
                display,
                names,
                words,
                events,
            });
        }
        let mut cumulative = Vec::with_capacity(postings.len() + 1);
        let mut total = 0usize;
        cumulative.push(0);
        for list in &postings {
            total += list.len();
            cumulative.push(total);
        }
        SearchIndex {
            entries,
            vocabulary,
            postings,
            cumulative,
            grams,
        }
    }

    /// Every actor's entry, in the order given.
    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The actors whose names fit a query (normalised here), best first:
    /// the plain fits, then, when fewer than `limit` fit plainly and the
    /// query has three letters or more, the near misses. Returns how many
    /// fit in all and the first `limit`.
    pub(crate) fn search(&self, raw_query: &str, limit: usize) -> (usize, Vec<Hit>) {
        let query = normalize_name(raw_query);
        if query.is_empty() {
            return (0, Vec::new());
        }
        let mut hits: Vec<HitKey> = Vec::new();
        for &e in self.plain_candidates(&query) {
            let entry = &self.entries[e as usize];
            let best = entry
                .names
                .iter()
                .enumerate()
                .filter_map(|(k, n)| plain_score(n, &query).map(|s| (s, n.as_str(), k)))
                .min();
            if let Some((score, _, name)) = best {
                hits.push((
                    score,
                    Reverse(entry.events),
                    entry.display.as_str(),
                    e as usize,
                    name,
                ));
            }
        }
        if hits.len() < limit && query.chars().count() >= 3 {
            let mut plain: Vec<usize> = hits.iter().map(|h| h.3).collect();
            plain.sort_unstable();
            for (e, name) in self.near_misses(&query) {
                if plain.binary_search(&e).is_err() {
                    let entry = &self.entries[e];
                    hits.push((4, Reverse(entry.events), entry.display.as_str(), e, name));
                }
            }
        }
        let total = hits.len();
        if hits.len() > limit {
            hits.select_nth_unstable(limit);
            hits.truncate(limit);
        }
        hits.sort_unstable();
        let hits = hits
            .into_iter()
            .map(|(score, _, _, entry, name)| Hit { entry, score, name })
            .collect();
        (total, hits)
    }

    /// The entries that may fit a normalised query plainly: all of them
    /// hold every 3-letter piece of the query (or the query itself, when
    /// it is shorter).
    fn plain_candidates(&self, query: &str) -> &[u32] {
        let chars: Vec<char> = query.chars().collect();
        if chars.len() <= 3 {
            return self.grams.get(&gram_key(&chars)).map_or(&[], Vec::as_slice);
        }
        let mut best: &[u32] = &[];
        for (i, piece) in chars.windows(3).enumerate() {
            let list = self
                .grams
                .get(&gram_key(piece))
                .map_or(&[][..], Vec::as_slice);
            if i == 0 || list.len() < best.len() {
                best = list;
            }
            if best.is_empty() {
                break;
            }
        }
        best
    }

    /// The entries with a name of which every word of the query fits some
    /// word within the edits allowed (at most 64 query words count), with
    /// the first such name, by entry.
    fn near_misses(&self, query: &str) -> Vec<(usize, usize)> {
        let query_words: Vec<Vec<char>> = words_of(query).into_iter().take(64).collect();
        if query_words.is_empty() {
            return Vec::new();
        }
        // the vocabulary ranges each query word fits, and how many
        // postings they hold
        let fitted: Vec<Vec<(usize, usize)>> =
            query_words.iter().map(|q| self.fitting_ranges(q)).collect();
        let sizes: Vec<usize> = fitted
            .iter()
            .map(|ranges| {
                ranges
                    .iter()
                    .map(|&(lo, hi)| self.cumulative[hi] - self.cumulative[lo])
                    .sum()
            })
            .collect();
        let Some(rarest) = (0..fitted.len()).min_by_key(|&k| sizes[k]) else {
            return Vec::new();
        };
        if sizes[rarest] == 0 {
            return Vec::new();
        }
        // bit k of fits[w]: query word k fits vocabulary word w
        let mut fits = vec![0u64; self.vocabulary.len()];
        for (k, ranges) in fitted.iter().enumerate() {
            for &(lo, hi) in ranges {
                for slot in &mut fits[lo..hi] {
                    *slot |= 1 << k;
                }
            }
        }
        let all = if query_words.len() >= 64 {
            u64::MAX
        } else {
            (1u64 << query_words.len()) - 1
        };
        let mut candidates: Vec<u32> = Vec::with_capacity(sizes[rarest]);
        for &(lo, hi) in &fitted[rarest] {
            for list in &self.postings[lo..hi] {
                candidates.extend_from_slice(list);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|e| {
                let entry = &self.entries[e as usize];
                let name = entry.words.iter().position(|words| {
                    words.iter().fold(0u64, |bits, &w| bits | fits[w as usize]) == all
                })?;
                Some((e as usize, name))
            })
            .collect()
    }

    /// The ranges of the sorted vocabulary whose words a query word fits
    /// (a start of the word, one letter shorter or longer than the query
    /// or as long, within [`allowed_edits`] of it), found by walking the
    /// vocabulary as a trie.
    fn fitting_ranges(&self, query: &[char]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        if query.is_empty() || query.len() > MAX_WORD {
            return out;
        }
        let max = allowed_edits(query.len());
        let shortest = query.len().saturating_sub(1).max(1);
        let longest = (query.len() + 1).min(MAX_WORD);
        // rows[d]: the edit-distance row of the current prefix's first d
        // letters against the query
        let mut rows: Vec<Vec<usize>> = vec![(0..=query.len()).collect()];
        let mut prefix: Vec<char> = Vec::new();
        // (depth, lo, hi): the words in lo..hi share prefix[..depth]
        let mut stack: Vec<(usize, usize, usize)> = vec![(0, 0, self.vocabulary.len())];
        while let Some((depth, lo, hi)) = stack.pop() {
            if depth > 0 {
                prefix.truncate(depth - 1);
                rows.truncate(depth);
                prefix.push(self.vocabulary[lo][depth - 1]);
                let row = next_row(&rows, &prefix, depth - 1, query);
                rows.push(row);
                let row = &rows[depth];
                if depth >= shortest && row[query.len()] <= max {
                    out.push((lo, hi));
                    continue;
                }
                if depth >= longest || row.iter().min().copied().unwrap_or(0) > max {
                    continue;
                }
            }
            // the children: words longer than the prefix, grouped by their
            // next letter (pushed last first, so that they are visited in
            // order)
            let mut start = lo;
            while start < hi && self.vocabulary[start].len() == depth {
                start += 1;
            }
            let mut children = Vec::new();
            while start < hi {
                let c = self.vocabulary[start][depth];
                let end = start + self.vocabulary[start..hi].partition_point(|w| w[depth] <= c);
                children.push((depth + 1, start, end));
                start = end;
            }
            stack.extend(children.into_iter().rev());
        }
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(names: &[&[&str]]) -> SearchIndex {
        SearchIndex::new(names.iter().enumerate().map(|(i, n)| {
            (
                ActorId::from_index(i).unwrap(),
                n[0].to_string(),
                n.iter().map(|s| s.to_string()).collect(),
                names.len() - i,
            )
        }))
    }

    /// The search by comparing every entry, as the index must answer.
    fn scan(index: &SearchIndex, raw: &str, limit: usize) -> (usize, Vec<Hit>) {
        let query = normalize_name(raw);
        if query.is_empty() {
            return (0, Vec::new());
        }
        let query_words: Vec<Vec<char>> = words_of(&query);
        let mut hits: Vec<HitKey> = Vec::new();
        for (i, entry) in index.entries.iter().enumerate() {
            let best = entry
                .names
                .iter()
                .enumerate()
                .filter_map(|(k, n)| plain_score(n, &query).map(|s| (s, n.as_str(), k)))
                .min();
            if let Some((s, _, k)) = best {
                hits.push((s, Reverse(entry.events), &entry.display, i, k));
            }
        }
        if hits.len() < limit && query.chars().count() >= 3 {
            let plain: Vec<usize> = hits.iter().map(|h| h.3).collect();
            for (i, entry) in index.entries.iter().enumerate() {
                if plain.contains(&i) {
                    continue;
                }
                let name = entry.names.iter().position(|n| {
                    let words = words_of(n);
                    query_words
                        .iter()
                        .all(|q| words.iter().any(|w| word_fits(w, q)))
                });
                if let Some(k) = name {
                    hits.push((4, Reverse(entry.events), &entry.display, i, k));
                }
            }
        }
        hits.sort_unstable();
        let total = hits.len();
        let hits = hits
            .into_iter()
            .take(limit)
            .map(|(score, _, _, entry, name)| Hit { entry, score, name })
            .collect();
        (total, hits)
    }

    #[test]
    fn edit_distance_counts_edits() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edit_distance(&c("kerry"), &c("kery"), 2), 1);
        assert_eq!(edit_distance(&c("lavrov"), &c("lavorv"), 2), 1);
        assert_eq!(edit_distance(&c("lavrov"), &c("lvarvo"), 3), 2);
        assert_eq!(edit_distance(&c("abc"), &c("xyz"), 1), 2);
    }

    #[test]
    fn scores_rank_exact_prefix_word_inside() {
        assert_eq!(plain_score("john kerry", "john kerry"), Some(0));
        assert_eq!(plain_score("john kerry", "jo"), Some(1));
        assert_eq!(plain_score("john kerry", "kerr"), Some(2));
        assert_eq!(plain_score("john kerry", "erry"), Some(3));
        assert_eq!(plain_score("john kerry", "x"), None);
    }

    #[test]
    fn typos_find_the_name_through_the_index() {
        let idx = index(&[
            &["Jon Kerrigan"],
            &["Sergio Lavrova", "Mr Lavrova"],
            &["Anna Merkle"],
            &["Otto Lavorv-Smith"],
        ]);
        let names = |q: &str| -> Vec<(String, u8)> {
            idx.search(q, 10)
                .1
                .iter()
                .map(|h| (idx.entries[h.entry].display.clone(), h.score))
                .collect()
        };
        assert_eq!(names("kerigan"), vec![("Jon Kerrigan".to_string(), 4)]);
        assert_eq!(
            names("lavrvoa").first(),
            Some(&("Sergio Lavrova".to_string(), 4))
        );
        assert_eq!(
            names("serigo lavrova"),
            vec![("Sergio Lavrova".to_string(), 4)]
        );
        assert_eq!(names("merkle anna"), vec![("Anna Merkle".to_string(), 4)]);
        assert!(names("sergio merkle").is_empty());
        assert_eq!(names("rig"), vec![("Jon Kerrigan".to_string(), 3)]);
        assert_eq!(
            names("mr lav").first(),
            Some(&("Sergio Lavrova".to_string(), 1))
        );
    }

    /// A fixed pseudo-random generator (SplitMix64).
    fn next(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut x = *state;
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^ (x >> 31)
    }

    #[test]
    fn the_index_answers_as_a_scan_of_every_name() {
        // short words over a small alphabet, so that plain fits, typos,
        // swaps and shared prefixes are common
        let mut state = 17u64;
        let word = |state: &mut u64| -> String {
            let n = 1 + (next(state) % 8) as usize;
            (0..n)
                .map(|_| ['a', 'b', 'c', 'd', 'é'][(next(state) % 5) as usize])
                .collect()
        };
        let mut actors: Vec<(ActorId, String, Vec<String>, usize)> = Vec::new();
        for i in 0..400 {
            let n_names = 1 + (next(&mut state) % 3) as usize;
            let names: Vec<String> = (0..n_names)
                .map(|_| {
                    let n_words = 1 + (next(&mut state) % 3) as usize;
                    let words: Vec<String> = (0..n_words).map(|_| word(&mut state)).collect();
                    words.join(if next(&mut state).is_multiple_of(4) {
                        "-"
                    } else {
                        " "
                    })
                })
                .collect();
            let events = (next(&mut state) % 5) as usize;
            actors.push((
                ActorId::from_index(i).unwrap(),
                names[0].clone(),
                names,
                events,
            ));
        }
        let idx = SearchIndex::new(actors);
        for _ in 0..250 {
            let n_words = 1 + (next(&mut state) % 2) as usize;
            let query: Vec<String> = (0..n_words).map(|_| word(&mut state)).collect();
            let query = query.join(" ");
            for limit in [1, 10, 1000] {
                assert_eq!(
                    idx.search(&query, limit),
                    scan(&idx, &query, limit),
                    "{query:?}"
                );
            }
        }
    }
}
