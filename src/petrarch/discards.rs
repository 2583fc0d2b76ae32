//! The discard list: phrases that mark a sentence (plain) or a whole story
//! (`+` first) as not codable, such as sports and entertainment.
//!
//! A phrase matches when it occurs in the upper-cased text at the start of
//! a word (so `TYPHOON` also matches "typhoons"), as PETRARCH matches it.

use super::{clean_lines, DictError};
use std::collections::HashMap;

/// One discard phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    /// The phrase, upper case, words separated by one blank.
    pub phrase: String,
    /// Whether it discards the whole story (`+`), not just the sentence.
    pub story: bool,
}

/// The discard phrases.
#[derive(Debug, Clone, Default)]
pub struct DiscardList {
    /// Every phrase, in file order.
    pub phrases: Vec<Discard>,
    /// One-word phrases by their word.
    single: HashMap<String, usize>,
    /// Longer phrases by their first word.
    multi: HashMap<String, Vec<usize>>,
}

impl DiscardList {
    /// Reads a discard list.
    pub fn parse(text: &str, file: &str) -> Result<DiscardList, DictError> {
        let mut phrases = Vec::new();
        for (line_no, line) in clean_lines(text) {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let (body, story) = match line.strip_prefix('+') {
                Some(rest) => (rest, true),
                None => (line, false),
            };
            let phrase = normalize(body);
            if phrase.is_empty() {
                return Err(DictError::new(
                    file,
                    line_no,
                    "a phrase after `+`",
                    format!("`{line}`"),
                ));
            }
            phrases.push(Discard { phrase, story });
        }
        if phrases.is_empty() {
            return Err(DictError::no_entry(
                file,
                text,
                "at least one discard phrase",
            ));
        }
        let mut list = DiscardList {
            phrases,
            ..DiscardList::default()
        };
        for (i, d) in list.phrases.iter().enumerate() {
            let mut words = d.phrase.split(' ');
            let first = words.next().unwrap_or("").to_string();
            if words.next().is_none() {
                list.single.entry(first).or_insert(i);
            } else {
                list.multi.entry(first).or_default().push(i);
            }
        }
        Ok(list)
    }

    /// The first phrase found in `text` (any case), if any.
    pub fn find(&self, text: &str) -> Option<&Discard> {
        self.find_where(text, |_| true)
    }

    /// The first story-level (`story`) or sentence-level phrase found in
    /// `text`.
    pub fn find_kind(&self, text: &str, story: bool) -> Option<&Discard> {
        self.find_where(text, |d| d.story == story)
    }

    /// The first phrase (in file order) kept by `keep` that occurs in
    /// `text`: its words in a row, the last one possibly the start of a
    /// longer word.
    fn find_where(&self, text: &str, keep: impl Fn(&Discard) -> bool) -> Option<&Discard> {
        if self.phrases.is_empty() {
            return None;
        }
        let normalized = normalize(text);
        let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
        let mut best: Option<usize> = None;
        let mut consider = |i: usize| {
            if keep(&self.phrases[i]) && best.is_none_or(|b| i < b) {
                best = Some(i);
            }
        };
        for (at, word) in words.iter().enumerate() {
            for (end, _) in word.char_indices().skip(1).chain([(word.len(), ' ')]) {
                if let Some(&i) = self.single.get(&word[..end]) {
                    consider(i);
                }
            }
            for &i in self.multi.get(*word).into_iter().flatten() {
                let phrase: Vec<&str> = self.phrases[i].phrase.split(' ').collect();
                let Some((last, middle)) = phrase[1..].split_last() else {
                    continue;
                };
                let fits = words.len() >= at + phrase.len()
                    && middle
                        .iter()
                        .enumerate()
                        .all(|(k, m)| words[at + 1 + k] == *m)
                    && words[at + phrase.len() - 1].starts_with(last);
                if fits {
                    consider(i);
                }
            }
        }
        best.map(|i| &self.phrases[i])
    }
}

/// Upper case, `_` as a blank, blanks collapsed.
fn normalize(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_and_story_phrases() {
        let list = DiscardList::parse("# c\nCHESS OPEN\n+HAILSTORM # x\n", "d").unwrap();
        assert_eq!(list.find("The Chess  open began."), Some(&list.phrases[0]));
        let hit = list.find("Two hailstorms hit the valley").unwrap();
        assert!(hit.story);
        assert!(list.find("A bighailstorm").is_none());
        assert!(list.find("chess  openings").is_some());
        assert!(list.find("chessy open").is_none());
        assert!(list.find("chess").is_none());
        assert!(list.find("Chess players met").is_none());
    }

    #[test]
    fn errors() {
        assert_eq!(DiscardList::parse("A\n+\n", "d").unwrap_err().line, 2);
        // no phrase: the error names the file's last line (1 when empty)
        assert_eq!(DiscardList::parse("# only\n", "d").unwrap_err().line, 1);
        let empty = DiscardList::parse("", "d").unwrap_err();
        assert_eq!(
            empty.to_string(),
            "d:1: expected at least one discard phrase, found an empty file"
        );
    }
}
