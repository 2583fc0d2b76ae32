//! CAMEO event coding with dictionaries in the TABARI/PETRARCH format
//! (docs/coding.md).
//!
//! Four readers, one per dictionary kind: `actors` (named actors with
//! aliases and dated role codes), `agents` (generic agents whose codes are
//! added to an actor's code), `verbs` (verb blocks, synonym sets and
//! patterns with their CAMEO codes) and `discards` (phrases that stop a
//! sentence or a story from being coded). `coder` codes a sentence on the
//! project's dependency parse (`syntax`); `records` reads a PETRARCH
//! validation file (the unit-test suite's XML).
//!
//! Every reader takes the file's text and its name and returns the
//! dictionary or a [`DictError`] naming the file, the line and what was
//! expected. No reader panics on any input.
//!
//! Files import each other in one direction: `records` → `coder` →
//! `verbs`, `actors`, `agents`, `discards` → `mod` (the line reader and
//! the error type).

mod actors;
mod agents;
mod coder;
mod discards;
mod records;
mod verbs;

pub use actors::{ActorDict, ActorEntry, DateRange, RoleCode};
pub use agents::{AgentCode, AgentDict};
pub use coder::{Coder, Coding, SentenceCodings};
pub use discards::{Discard, DiscardList};
pub use records::{
    ratio, read_records, Record, RecordCoding, RecordsError, SuiteScore, Validation,
};
pub use verbs::{
    EventCode, MultiVerb, Pattern, PatternElem, PatternTok, VerbBlock, VerbDict, VerbRef,
};

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong in a dictionary: the file, the 1-based line (0 for the
/// file as a whole), what the reader expected and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictError {
    /// The file (as given to the reader).
    pub file: String,
    /// The 1-based line (0 only for an error about a file that could not be
    /// read at all).
    pub line: usize,
    /// What the reader expected there.
    pub expected: String,
    /// What it found (a piece of the line, or a description).
    pub found: String,
}

impl DictError {
    /// A file without a single entry: the error names its last line (1
    /// for an empty file), where the reader met the end of the file.
    pub(crate) fn no_entry(file: &str, text: &str, expected: &str) -> Self {
        let lines = text.lines().count();
        let found = if text.trim().is_empty() {
            if lines == 0 {
                "an empty file".to_string()
            } else {
                format!("the end of the file after {lines} blank lines")
            }
        } else {
            format!("the end of the file after {lines} lines without one")
        };
        DictError::new(file, lines.max(1), expected, found)
    }

    pub(crate) fn new(file: &str, line: usize, expected: &str, found: impl Into<String>) -> Self {
        DictError {
            file: file.to_string(),
            line,
            expected: expected.to_string(),
            found: found.into(),
        }
    }
}

impl fmt::Display for DictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(
                f,
                "{}: expected {}, found {}",
                self.file, self.expected, self.found
            )
        } else {
            write!(
                f,
                "{}:{}: expected {}, found {}",
                self.file, self.line, self.expected, self.found
            )
        }
    }
}

impl std::error::Error for DictError {}

/// The dictionaries a [`Coder`] codes with.
#[derive(Debug, Clone, Default)]
pub struct Dictionaries {
    /// Verb blocks, synonym sets and patterns.
    pub verbs: VerbDict,
    /// Named actors (several files merge into one).
    pub actors: ActorDict,
    /// Generic agents.
    pub agents: AgentDict,
    /// Discard phrases.
    pub discards: DiscardList,
}

/// Which files make up a set of dictionaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DictionaryFiles {
    /// The verb dictionary.
    pub verbs: Option<PathBuf>,
    /// The actor dictionaries.
    pub actors: Vec<PathBuf>,
    /// The agent dictionary.
    pub agents: Option<PathBuf>,
    /// The discard list.
    pub discards: Option<PathBuf>,
}

impl DictionaryFiles {
    /// The files of a folder found by name: `*verbs*` or `CAMEO*` for the
    /// verbs, `*actors*` (all of them, sorted), `*agents*`, `*discards*`
    /// (`.txt` files). With several candidates for one kind, the first in
    /// name order is taken, `Phoenix` and `CAMEO` files before others.
    pub fn in_folder(dir: &Path) -> std::io::Result<DictionaryFiles> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")))
            .collect();
        names.sort_by_key(|p| {
            let name = file_name(p).to_ascii_lowercase();
            let rank = if name.starts_with("phoenix") || name.starts_with("cameo") {
                0
            } else {
                1
            };
            (rank, name)
        });
        let mut files = DictionaryFiles::default();
        for path in names {
            let name = file_name(&path).to_ascii_lowercase();
            if name.contains("verbs") || name.starts_with("cameo") {
                files.verbs.get_or_insert(path);
            } else if name.contains("actors") {
                files.actors.push(path);
            } else if name.contains("agents") {
                files.agents.get_or_insert(path);
            } else if name.contains("discards") {
                files.discards.get_or_insert(path);
            }
        }
        Ok(files)
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// An error loading dictionaries: a file that cannot be read, or a
/// dictionary error.
#[derive(Debug)]
pub enum LoadError {
    /// A file could not be read.
    Io {
        /// The file.
        file: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A dictionary is malformed.
    Dict(DictError),
    /// No verb dictionary was named.
    NoVerbs,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { file, source } => write!(f, "{}: {source}", file.display()),
            LoadError::Dict(e) => e.fmt(f),
            LoadError::NoVerbs => f.write_str("no verb dictionary: nothing to code with"),
        }
    }
}

impl std::error::Error for LoadError {}

impl From<DictError> for LoadError {
    fn from(e: DictError) -> Self {
        LoadError::Dict(e)
    }
}

fn read_file(path: &Path) -> Result<(String, String), LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        file: path.to_path_buf(),
        source,
    })?;
    Ok((
        path.display().to_string(),
        String::from_utf8_lossy(&bytes).into_owned(),
    ))
}

impl Dictionaries {
    /// What a lenient read skipped: verb patterns, actor lines and roles,
    /// agent lines.
    pub fn warnings(&self) -> impl Iterator<Item = &DictError> {
        self.verbs
            .warnings
            .iter()
            .chain(&self.actors.warnings)
            .chain(&self.agents.warnings)
    }

    /// Reads the named files. The verb dictionary is required; the others
    /// may be missing (no actors, agents or discards). When `strict`, a
    /// pattern or role that a lenient read skips (see [`Self::warnings`])
    /// is an error.
    pub fn load(files: &DictionaryFiles, strict: bool) -> Result<Dictionaries, LoadError> {
        let verbs_path = files.verbs.as_ref().ok_or(LoadError::NoVerbs)?;
        let (name, text) = read_file(verbs_path)?;
        let verbs = VerbDict::parse(&text, &name)?;
        if strict {
            if let Some(first) = verbs.warnings.first() {
                return Err(LoadError::Dict(first.clone()));
            }
        }
        let mut actors = ActorDict::default();
        for path in &files.actors {
            let (name, text) = read_file(path)?;
            actors.add_file(&text, &name, strict)?;
        }
        let agents = match &files.agents {
            Some(path) => {
                let (name, text) = read_file(path)?;
                AgentDict::parse_with(&text, &name, strict)?
            }
            None => AgentDict::default(),
        };
        let discards = match &files.discards {
            Some(path) => {
                let (name, text) = read_file(path)?;
                DiscardList::parse(&text, &name)?
            }
            None => DiscardList::default(),
        };
        Ok(Dictionaries {
            verbs,
            actors,
            agents,
            discards,
        })
    }
}

/// The meaningful lines of a dictionary file: comments removed (`#` and the
/// legacy `;` to the end of the line, `<!-- ... -->` within or across
/// lines, a line starting with `<`), trailing blanks trimmed. Yields the
/// 1-based line number and the rest (blank lines included as empty, since
/// a blank line ends a synonym set). Leading whitespace is kept (it marks
/// an actor's role line).
pub(crate) fn clean_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (i, raw) in text.lines().enumerate() {
        let mut line = String::with_capacity(raw.len());
        let mut rest = raw;
        loop {
            if in_comment {
                match rest.find("-->") {
                    Some(end) => {
                        rest = &rest[end + 3..];
                        in_comment = false;
                    }
                    None => {
                        rest = "";
                        break;
                    }
                }
            } else {
                match rest.find("<!--") {
                    Some(start) => {
                        line.push_str(&rest[..start]);
                        rest = &rest[start + 4..];
                        in_comment = true;
                    }
                    None => {
                        line.push_str(rest);
                        break;
                    }
                }
            }
        }
        let _ = rest;
        if line.trim_start().starts_with('<') {
            line.clear();
        }
        if let Some(cut) = comment_start(&line) {
            line.truncate(cut);
        }
        let trimmed = line.trim_end().to_string();
        out.push((i + 1, trimmed));
    }
    out
}

/// Where a `#` or `;` comment starts, outside `[...]` (codes such as
/// `[###]` keep their `#`).
fn comment_start(line: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in line.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '#' | ';' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// The words of a dictionary phrase: split on blanks and `_`, upper-cased,
/// empty pieces dropped (`ARNOR_` is `ARNOR`).
pub(crate) fn phrase_words(phrase: &str) -> Vec<Box<str>> {
    phrase
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_uppercase().into_boxed_str())
        .collect()
}

/// The text between a bracket and its closing partner on one line: `[`
/// with `]`, `{` with `}`. Returns the pieces outside and inside, or an
/// error naming the unbalanced bracket.
pub(crate) fn split_brackets(
    line: &str,
    open: char,
    close: char,
    file: &str,
    line_no: usize,
) -> Result<(String, Vec<String>), DictError> {
    let mut outside = String::new();
    let mut inside = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find([open, close]) {
        if rest[start..].starts_with(close) {
            return Err(DictError::new(
                file,
                line_no,
                &format!("`{open}` before `{close}`"),
                format!("an unmatched `{close}` in `{}`", line.trim()),
            ));
        }
        outside.push_str(&rest[..start]);
        let after = &rest[start + open.len_utf8()..];
        let Some(end) = after.find(close) else {
            return Err(DictError::new(
                file,
                line_no,
                &format!("a closing `{close}`"),
                format!("an unbalanced `{open}` in `{}`", line.trim()),
            ));
        };
        let body = &after[..end];
        if body.contains(open) {
            return Err(DictError::new(
                file,
                line_no,
                &format!("a closing `{close}` before the next `{open}`"),
                format!("a nested `{open}` in `{}`", line.trim()),
            ));
        }
        inside.push(body.to_string());
        rest = &after[end + close.len_utf8()..];
    }
    outside.push_str(rest);
    Ok((outside, inside))
}

/// A day number (days since 1970-01-01) from `YYYYMMDD` or `YYMMDD` (years
/// 00-30 are 20YY, others 19YY, as TABARI and PETRARCH read them); `None`
/// when it is not a valid calendar date.
pub fn parse_dict_date(text: &str) -> Option<i32> {
    let text = text.trim();
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (year, rest) = match text.len() {
        8 => (text[..4].parse::<i32>().ok()?, &text[4..]),
        6 => {
            let yy = text[..2].parse::<i32>().ok()?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &text[2..])
        }
        _ => return None,
    };
    let month = rest[..2].parse::<u32>().ok()?;
    let day = rest[2..4].parse::<u32>().ok()?;
    let date = chrono::NaiveDate::from_ymd_opt(year, month, day)?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((date - epoch).num_days()).ok()
}

/// Index of phrases by their first word: each first word lists the rest
/// of its phrases, longest first (file order among equals).
#[derive(Debug, Clone)]
pub(crate) struct PhraseIndex<T> {
    map: std::collections::HashMap<Box<str>, Vec<PhraseRest<T>>>,
}

/// The words after the first and the value of an indexed phrase.
type PhraseRest<T> = (Vec<Box<str>>, T);

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex {
            map: std::collections::HashMap::new(),
        }
    }
}

impl<T> PhraseIndex<T> {
    pub(crate) fn insert(&mut self, words: Vec<Box<str>>, value: T) {
        let mut words = words.into_iter();
        let Some(first) = words.next() else { return };
        let rest: Vec<Box<str>> = words.collect();
        let list = self.map.entry(first).or_default();
        let at = list.partition_point(|(r, _)| r.len() >= rest.len());
        list.insert(at, (rest, value));
    }

    /// The longest phrase starting at `words[0]` (upper-case words): its
    /// length in words and its value.
    pub(crate) fn longest<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, &T)> {
        let first = words.first()?;
        let list = self.map.get(first.as_ref())?;
        list.iter()
            .find(|(rest, _)| {
                rest.len() < words.len()
                    && rest
                        .iter()
                        .zip(&words[1..])
                        .all(|(a, b)| a.as_ref() == b.as_ref())
            })
            .map(|(rest, value)| (rest.len() + 1, value))
    }

    pub(crate) fn len(&self) -> usize {
        self.map.values().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_removed() {
        let text = "A # x\n<!-- c\nd -->B\nC ; old\n<! -- e\nD <!-- f --> E\n";
        let lines: Vec<String> = clean_lines(text).into_iter().map(|(_, l)| l).collect();
        assert_eq!(lines, ["A", "", "B", "C", "", "D  E"]);
    }

    #[test]
    fn dates_read_both_widths() {
        assert_eq!(parse_dict_date("19700102"), Some(1));
        assert_eq!(parse_dict_date("700102"), Some(1));
        assert_eq!(parse_dict_date("000101"), parse_dict_date("20000101"));
        assert_eq!(parse_dict_date("20100931"), None);
        assert_eq!(parse_dict_date("2010093"), None);
        assert_eq!(parse_dict_date("abcdefgh"), None);
    }

    #[test]
    fn brackets_must_balance() {
        assert!(split_brackets("A [B", '[', ']', "f", 3).is_err());
        assert!(split_brackets("A ]B", '[', ']', "f", 3).is_err());
        let (out, inside) = split_brackets("A [B] C [D]", '[', ']', "f", 1).unwrap();
        assert_eq!(out, "A  C ");
        assert_eq!(inside, ["B", "D"]);
    }

    #[test]
    fn longest_phrase_wins() {
        let mut index = PhraseIndex::default();
        index.insert(phrase_words("NEW"), 1);
        index.insert(phrase_words("NEW_ZEALAND"), 2);
        assert_eq!(index.longest(&["NEW", "ZEALAND", "X"]), Some((2, &2)));
        assert_eq!(index.longest(&["NEW", "YORK"]), Some((1, &1)));
        assert_eq!(index.longest(&["OLD"]), None);
    }
}
