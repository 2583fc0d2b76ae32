//! The verb dictionary: synonym sets, verb blocks and their patterns.
//!
//! ```text
//! &CURRENCY                 # a synonym set: `+` lines until a blank line
//! +DOLLARS                  # (a label ending in `_` adds no plurals)
//! +SWISS_FRANCS
//! +&COINS                   # another set, included
//!
//! --- GRANT [070] ---       # a block: its default code
//! GRANT                     # the verbs of the block (lemmas)
//! GIVE {GAVE GIVEN} [071]   # irregular forms; a verb's own code
//! - * &CURRENCY [903]       # a pattern: words before `*` (the verb)
//! - * AID TO + [073]        # come before it, words after come after;
//! - $ * (TO BORDER) [154]   # `$` the source, `+` the target, `%` a
//! - % * [030:030]           # compound actor, `^` any one word,
//!                           # `(P ...)` a phrase with preposition P,
//!                           # `{...}` a noun phrase; `A_B`: B right
//!                           # after A, `A B`: words may come between.
//! ```
//!
//! A code `[042:043]` codes the source→target event 042 and the
//! target→source event 043; `---` is the null code (no event).
//! Multi-word verbs (`CLEAR_UP`, `+CALL_OFF {+CALLED_OFF}`, `WIRE_+TAP`:
//! the word marked `+`, else the first, is the verb) need their other
//! words right around the verb (PETRARCH skips them). A pattern with
//! unbalanced brackets, without one `*`, or naming an undefined synonym set
//! is skipped with a warning.

use super::agents::make_plural;
use super::{clean_lines, phrase_words, split_brackets, DictError};
use std::collections::{BTreeMap, HashMap};

/// A CAMEO code pair: the source→target event and, after `:`, the
/// target→source one. `None` is the null code `---`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventCode {
    /// The source→target code.
    pub forward: Option<String>,
    /// The target→source code.
    pub reverse: Option<String>,
}

impl EventCode {
    fn parse(text: &str) -> Option<EventCode> {
        let text = text.trim();
        if text.is_empty() || text.contains(char::is_whitespace) {
            return None;
        }
        let one = |s: &str| -> Option<Option<String>> {
            if s.chars().all(|c| c == '-') {
                Some(None)
            } else {
                Some(Some(s.to_uppercase()))
            }
        };
        match text.split_once(':') {
            Some((a, b)) => Some(EventCode {
                forward: one(a)?,
                reverse: one(b)?,
            }),
            None => Some(EventCode {
                forward: one(text)?,
                reverse: None,
            }),
        }
    }

    /// Whether this code makes no event at all.
    pub fn is_null(&self) -> bool {
        self.forward.is_none() && self.reverse.is_none()
    }
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternElem {
    /// A word (upper case), matched against the word as written.
    Word(Box<str>),
    /// Any phrase of a synonym set (index into the dictionary's sets).
    Synset(u32),
    /// `$`: the source actor's phrase.
    Source,
    /// `+`: the target actor's phrase.
    Target,
    /// `%`: a compound actor (two or more, coded with each other).
    Compound,
    /// `^`: any one word.
    Skip,
    /// `(P ...)`: a phrase introduced by preposition `P`, then its words.
    Prep(Box<str>, Vec<PatternTok>),
    /// `{...}`: a noun phrase: its words in order.
    Phrase(Vec<PatternTok>),
    /// `*`: the verb (only while reading).
    Verb,
}

/// A pattern element and how it joins the element before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternTok {
    /// The element.
    pub elem: PatternElem,
    /// Joined by `_`: it must come right after the element before it (for
    /// the first element after the verb: right after the verb).
    pub tight: bool,
}

/// A verb pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The elements before the verb, in sentence order.
    pub left: Vec<PatternTok>,
    /// Whether the last element before the verb must touch it (`X_*`).
    pub left_tight: bool,
    /// The elements after the verb.
    pub right: Vec<PatternTok>,
    /// The code it gives.
    pub code: EventCode,
    /// Its line in the file.
    pub line: usize,
    /// The literal words it needs (a quick filter before matching).
    pub required: Vec<Box<str>>,
}

impl Pattern {
    /// The number of elements (longer patterns are tried first).
    pub fn size(&self) -> usize {
        fn count(toks: &[PatternTok]) -> usize {
            toks.iter()
                .map(|t| match &t.elem {
                    PatternElem::Prep(_, inner) => 1 + count(inner),
                    PatternElem::Phrase(inner) => count(inner),
                    _ => 1,
                })
                .sum()
        }
        count(&self.left) + count(&self.right)
    }
}

/// A verb block: its verbs share its patterns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerbBlock {
    /// The description in the `--- ... ---` line.
    pub name: String,
    /// The block's default code.
    pub code: EventCode,
    /// Its patterns, longest first (file order among equals).
    pub patterns: Vec<Pattern>,
    /// Its line in the file.
    pub line: usize,
}

/// A verb of a block and its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbRef {
    /// The block.
    pub block: u32,
    /// The verb's own code, or the block's.
    pub code: EventCode,
}

/// A multi-word verb (`+CALL_OFF`, `WIRE_+TAP`): the verb word (marked
/// `+`, else the first) and the words right before and after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiVerb {
    /// The words right before the verb.
    pub before: Vec<Box<str>>,
    /// The verb word.
    pub verb: Box<str>,
    /// The words right after it.
    pub after: Vec<Box<str>>,
    /// Its block and code.
    pub entry: VerbRef,
}

fn multi_verb(phrase: &str, entry: &VerbRef) -> Option<MultiVerb> {
    let phrase = phrase.trim();
    let (phrase, first_is_verb) = match phrase.strip_prefix('+') {
        Some(rest) => (rest, true),
        None => (phrase, false),
    };
    let words: Vec<&str> = phrase
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let at = words
        .iter()
        .position(|w| w.starts_with('+'))
        .or(first_is_verb.then_some(0))
        .unwrap_or(0);
    let clean =
        |w: &&str| -> Box<str> { w.trim_start_matches('+').to_uppercase().into_boxed_str() };
    let verb = clean(words.get(at)?);
    if verb.is_empty() || !verb.chars().all(is_word_char) {
        return None;
    }
    Some(MultiVerb {
        before: words[..at].iter().map(clean).collect(),
        verb,
        after: words[at + 1..].iter().map(clean).collect(),
        entry: entry.clone(),
    })
}

/// The verb dictionary.
#[derive(Debug, Clone, Default)]
pub struct VerbDict {
    /// The verb blocks in file order.
    pub blocks: Vec<VerbBlock>,
    /// Synonym sets: each phrase as upper-case words.
    pub synsets: Vec<Vec<Vec<Box<str>>>>,
    /// Synonym set names (`&NAME`), in the order of `synsets`.
    pub synset_names: Vec<String>,
    /// Verbs by lemma, and by the forms given or made regular.
    verbs: HashMap<Box<str>, VerbRef>,
    /// Forms that are not lemmas (irregular and regular inflections).
    forms: HashMap<Box<str>, VerbRef>,
    /// Multi-word verbs by their verb word (lemma or form).
    multi: HashMap<Box<str>, Vec<MultiVerb>>,
    /// What was skipped while reading: patterns with unbalanced brackets,
    /// without one `*`, or naming an undefined synonym set.
    pub warnings: Vec<DictError>,
}

/// A synonym set while reading: its members unexpanded.
struct RawSet {
    name: String,
    plurals: bool,
    members: Vec<(String, usize)>,
}

/// A pattern while reading: its synonym set names unresolved.
struct RawPattern {
    block: usize,
    toks: Vec<RawTok>,
    code: EventCode,
    line: usize,
}

#[derive(Debug, Clone)]
enum RawTok {
    Atom(String, bool),
    Open(char, bool),
    Close(char),
}

impl VerbDict {
    /// Reads a verb dictionary.
    pub fn parse(text: &str, file: &str) -> Result<VerbDict, DictError> {
        let mut dict = VerbDict::default();
        let mut sets: Vec<RawSet> = Vec::new();
        let mut patterns: Vec<RawPattern> = Vec::new();
        let mut in_set = false;
        for (line_no, line) in clean_lines(text) {
            let line = line.trim();
            if line.is_empty() {
                in_set = false;
                continue;
            }
            if line.starts_with("---") {
                in_set = false;
                dict.start_block(line, line_no, file)?;
            } else if let Some(name) = line.strip_prefix('&') {
                let name = name.split_whitespace().next().unwrap_or("");
                let plurals = !name.ends_with('_');
                let name = name.trim_end_matches('_').to_uppercase();
                if name.is_empty() || !name.chars().all(|c| is_word_char(c) || c == '_') {
                    return Err(DictError::new(
                        file,
                        line_no,
                        "a synonym set name `&NAME`",
                        format!("`{line}`"),
                    ));
                }
                sets.push(RawSet {
                    name,
                    plurals,
                    members: Vec::new(),
                });
                in_set = true;
            } else if let Some(member) = line.strip_prefix('+') {
                if in_set {
                    if let Some(set) = sets.last_mut() {
                        set.members.push((member.trim().to_string(), line_no));
                    }
                } else if !dict.blocks.is_empty() {
                    // a `+` line in a verb block: a multi-word verb
                    dict.add_verb(line, line_no, file)?;
                }
            } else if let Some(pattern) = line.strip_prefix('-') {
                in_set = false;
                let Some(block) = dict.blocks.len().checked_sub(1) else {
                    return Err(DictError::new(
                        file,
                        line_no,
                        "a `--- VERB [code] ---` block before its patterns",
                        format!("`{line}`"),
                    ));
                };
                let (body, codes) = split_brackets(pattern, '[', ']', file, line_no)?;
                let code = codes
                    .first()
                    .and_then(|c| EventCode::parse(c))
                    .ok_or_else(|| {
                        DictError::new(
                            file,
                            line_no,
                            "the pattern's code in `[...]` at its end",
                            format!("`{line}`"),
                        )
                    })?;
                let toks = tokenize(&body, file, line_no)?;
                patterns.push(RawPattern {
                    block,
                    toks,
                    code,
                    line: line_no,
                });
            } else {
                in_set = false;
                dict.add_verb(line, line_no, file)?;
            }
        }
        if dict.blocks.is_empty() {
            return Err(DictError::no_entry(
                file,
                text,
                "at least one `--- VERB [code] ---` block",
            ));
        }
        dict.resolve_sets(&sets, file);
        for raw in patterns {
            if let Some(pattern) = dict.build_pattern(&raw, file) {
                dict.blocks[raw.block].patterns.push(pattern);
            }
        }
        for block in &mut dict.blocks {
            // longest first, file order among equals (a stable sort)
            block.patterns.sort_by_key(|p| std::cmp::Reverse(p.size()));
        }
        Ok(dict)
    }

    fn start_block(&mut self, line: &str, line_no: usize, file: &str) -> Result<(), DictError> {
        let (outside, codes) = split_brackets(line, '[', ']', file, line_no)?;
        let code = match codes.first() {
            Some(c) => EventCode::parse(c).ok_or_else(|| {
                DictError::new(file, line_no, "a code inside `[...]`", format!("`[{c}]`"))
            })?,
            None => EventCode::default(),
        };
        let name = outside.trim_matches(|c: char| c == '-' || c.is_whitespace());
        self.blocks.push(VerbBlock {
            name: name.to_string(),
            code,
            patterns: Vec::new(),
            line: line_no,
        });
        Ok(())
    }

    fn add_verb(&mut self, line: &str, line_no: usize, file: &str) -> Result<(), DictError> {
        let Some(block) = self.blocks.len().checked_sub(1) else {
            return Err(DictError::new(
                file,
                line_no,
                "a `--- VERB [code] ---` block before its verbs",
                format!("`{line}`"),
            ));
        };
        let (rest, codes) = split_brackets(line, '[', ']', file, line_no)?;
        let (verb, forms) = split_brackets(&rest, '{', '}', file, line_no)?;
        let code = match codes.first() {
            Some(c) => EventCode::parse(c).ok_or_else(|| {
                DictError::new(file, line_no, "a code inside `[...]`", format!("`[{c}]`"))
            })?,
            None => self.blocks[block].code.clone(),
        };
        let verb = verb.trim();
        if verb.is_empty() {
            return Ok(());
        }
        if verb.starts_with('+') || verb.contains(['_', ' ', '\t']) {
            let entry = VerbRef {
                block: u32::try_from(block).unwrap_or(u32::MAX),
                code,
            };
            let mut phrases = vec![verb.to_string()];
            if let Some(given) = forms.first() {
                phrases.extend(given.split_whitespace().map(str::to_string));
            }
            for phrase in phrases {
                if let Some(multi) = multi_verb(&phrase, &entry) {
                    self.multi
                        .entry(multi.verb.clone())
                        .or_default()
                        .push(multi);
                }
            }
            return Ok(());
        }
        if !verb.chars().all(is_word_char) {
            return Err(DictError::new(
                file,
                line_no,
                "a verb (letters), `-` pattern, `&` set or `---` block",
                format!("`{line}`"),
            ));
        }
        let verb = verb.to_uppercase();
        let entry = VerbRef {
            block: u32::try_from(block).unwrap_or(u32::MAX),
            code,
        };
        let mut inflected: Vec<String> = Vec::new();
        match forms.first() {
            Some(given) => inflected.extend(given.split_whitespace().map(str::to_uppercase)),
            None => inflected.extend(regular_forms(&verb)),
        }
        self.verbs
            .entry(verb.into_boxed_str())
            .or_insert_with(|| entry.clone());
        for form in inflected {
            self.forms
                .entry(form.into_boxed_str())
                .or_insert_with(|| entry.clone());
        }
        Ok(())
    }

    fn resolve_sets(&mut self, sets: &[RawSet], file: &str) {
        let names: BTreeMap<&str, usize> = sets
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.as_str(), i))
            .collect();
        for set in sets {
            let mut phrases = Vec::new();
            let mut seen = vec![false; sets.len()];
            expand_set(set, sets, &names, &mut seen, &mut phrases, 0);
            if phrases.is_empty() {
                let line = set.members.first().map_or(0, |m| m.1);
                self.warnings.push(DictError::new(
                    file,
                    line,
                    "a synonym set with members",
                    format!("&{} empty", set.name),
                ));
            }
            self.synsets.push(phrases);
            self.synset_names.push(set.name.clone());
        }
    }

    /// The pattern, or `None` (with a warning) when its brackets or its
    /// `*` are wrong: the shipped CAMEO dictionary has such lines.
    fn build_pattern(&mut self, raw: &RawPattern, file: &str) -> Option<Pattern> {
        let mut i = 0;
        let toks = match parse_seq(&raw.toks, &mut i, None, self) {
            Ok(t) => t,
            Err(PatternIssue::Dict(expected, found)) => {
                self.warnings.push(DictError::new(
                    file,
                    raw.line,
                    &expected,
                    format!("{found} (pattern skipped)"),
                ));
                return None;
            }
            Err(PatternIssue::UnknownSet(name)) => {
                self.warnings.push(DictError::new(
                    file,
                    raw.line,
                    "a defined synonym set",
                    format!("&{name} (pattern skipped)"),
                ));
                return None;
            }
        };
        let verbs: Vec<usize> = toks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.elem == PatternElem::Verb)
            .map(|(i, _)| i)
            .collect();
        let [at] = verbs.as_slice() else {
            self.warnings.push(DictError::new(
                file,
                raw.line,
                "one `*` for the verb, outside brackets",
                format!("{} (pattern skipped)", verbs.len()),
            ));
            return None;
        };
        let mut required = Vec::new();
        collect_words(&toks, &mut required);
        Some(Pattern {
            left_tight: toks[*at].tight,
            left: toks[..*at].to_vec(),
            right: toks[at + 1..].to_vec(),
            code: raw.code.clone(),
            line: raw.line,
            required,
        })
    }

    /// The block and code of a verb, by its lemma or, failing that, by
    /// its form as written (both upper case).
    pub fn lookup(&self, lemma: &str, form: &str) -> Option<&VerbRef> {
        self.verbs
            .get(lemma)
            .or_else(|| self.verbs.get(form))
            .or_else(|| self.forms.get(form))
    }

    /// The multi-word verbs whose verb word is `lemma` or `form`.
    pub fn multi_words<'a>(
        &'a self,
        lemma: &str,
        form: &str,
    ) -> impl Iterator<Item = &'a MultiVerb> {
        let by_lemma = self.multi.get(lemma).into_iter().flatten();
        let by_form = self
            .multi
            .get(form)
            .filter(|_| form != lemma)
            .into_iter()
            .flatten();
        by_lemma.chain(by_form)
    }

    /// How many verbs (lemmas) are known.
    pub fn verb_count(&self) -> usize {
        self.verbs.len()
    }

    /// How many patterns all blocks hold.
    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }
}

fn expand_set(
    set: &RawSet,
    sets: &[RawSet],
    names: &BTreeMap<&str, usize>,
    seen: &mut [bool],
    out: &mut Vec<Vec<Box<str>>>,
    depth: usize,
) {
    for (member, _) in &set.members {
        if let Some(inner) = member.strip_prefix('&') {
            let inner = inner.trim().trim_end_matches('_').to_uppercase();
            if let Some(&j) = names.get(inner.as_str()) {
                if depth < 8 && !seen[j] {
                    seen[j] = true;
                    expand_set(&sets[j], sets, names, seen, out, depth + 1);
                }
            }
            continue;
        }
        let words = phrase_words(member);
        if words.is_empty() {
            continue;
        }
        let plural = set.plurals && !member.ends_with('_');
        if plural {
            let mut p = words.clone();
            if let Some(last) = p.last_mut() {
                *last = make_plural(last).into_boxed_str();
            }
            out.push(p);
        }
        out.push(words);
    }
}

/// The regular forms of a verb: -S, -ED (-D after E), -ING (E dropped).
fn regular_forms(verb: &str) -> Vec<String> {
    let mut forms = vec![if verb.ends_with(['S', 'X', 'Z'])
        || verb.ends_with("SH")
        || verb.ends_with("CH")
    {
        format!("{verb}ES")
    } else {
        format!("{verb}S")
    }];
    if let Some(stem) = verb.strip_suffix('E') {
        forms.push(format!("{verb}D"));
        forms.push(format!("{stem}ING"));
    } else {
        forms.push(format!("{verb}ED"));
        forms.push(format!("{verb}ING"));
    }
    forms
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '.' | '-' | ',' | '/' | ':' | '"' | '!' | '?')
}

/// Splits a pattern body into atoms and brackets, each with whether a `_`
/// joins it to what comes before.
fn tokenize(body: &str, file: &str, line: usize) -> Result<Vec<RawTok>, DictError> {
    let mut toks = Vec::new();
    let mut word = String::new();
    let mut tight = false;
    let flush = |word: &mut String, toks: &mut Vec<RawTok>, tight: &mut bool| {
        if !word.is_empty() {
            toks.push(RawTok::Atom(std::mem::take(word), *tight));
            *tight = false;
        }
    };
    for c in body.chars() {
        match c {
            '_' if word.starts_with('&') => word.push(c),
            '_' => {
                flush(&mut word, &mut toks, &mut tight);
                tight = true;
            }
            c if c.is_whitespace() => {
                flush(&mut word, &mut toks, &mut tight);
            }
            '(' | '{' => {
                flush(&mut word, &mut toks, &mut tight);
                toks.push(RawTok::Open(c, tight));
                tight = false;
            }
            ')' | '}' => {
                flush(&mut word, &mut toks, &mut tight);
                toks.push(RawTok::Close(c));
                tight = false;
            }
            '*' | '$' | '+' | '%' | '^' => {
                flush(&mut word, &mut toks, &mut tight);
                toks.push(RawTok::Atom(c.to_string(), tight));
                tight = false;
            }
            '&' if word.is_empty() => word.push(c),
            c if is_word_char(c) => word.push(c),
            other => {
                return Err(DictError::new(
                    file,
                    line,
                    "a word or a pattern symbol (* $ + % ^ & ( ) { } _)",
                    format!("the unknown symbol `{other}` in `{}`", body.trim()),
                ))
            }
        }
    }
    flush(&mut word, &mut toks, &mut tight);
    Ok(toks)
}

enum PatternIssue {
    Dict(String, String),
    UnknownSet(String),
}

fn parse_seq(
    toks: &[RawTok],
    i: &mut usize,
    closing: Option<char>,
    dict: &VerbDict,
) -> Result<Vec<PatternTok>, PatternIssue> {
    let mut out = Vec::new();
    while *i < toks.len() {
        let tok = toks[*i].clone();
        *i += 1;
        match tok {
            RawTok::Close(c) => {
                if Some(c) == closing {
                    return Ok(out);
                }
                return Err(PatternIssue::Dict(
                    "brackets that balance".to_string(),
                    format!("an unbalanced `{c}`"),
                ));
            }
            RawTok::Open(open, tight) => {
                let close = if open == '(' { ')' } else { '}' };
                let mut inner = parse_seq(toks, i, Some(close), dict)?;
                if inner.iter().any(|t| t.elem == PatternElem::Verb) {
                    return Err(PatternIssue::Dict(
                        "the `*` outside brackets".to_string(),
                        "`*` inside brackets".to_string(),
                    ));
                }
                let elem = if open == '(' {
                    match inner.first().map(|t| t.elem.clone()) {
                        Some(PatternElem::Word(prep)) => {
                            inner.remove(0);
                            PatternElem::Prep(prep, inner)
                        }
                        _ => {
                            return Err(PatternIssue::Dict(
                                "a preposition after `(`".to_string(),
                                "something else".to_string(),
                            ))
                        }
                    }
                } else {
                    PatternElem::Phrase(inner)
                };
                out.push(PatternTok { elem, tight });
            }
            RawTok::Atom(atom, tight) => {
                let elem = match atom.as_str() {
                    "*" => PatternElem::Verb,
                    "$" => PatternElem::Source,
                    "+" => PatternElem::Target,
                    "%" => PatternElem::Compound,
                    "^" => PatternElem::Skip,
                    a if a.starts_with('&') => {
                        // `&SET_WORD`: the longest defined set name, then
                        // the words joined to it by `_`
                        let upper = a[1..].to_uppercase();
                        let segments: Vec<&str> = upper.split('_').collect();
                        let found = (1..=segments.len()).rev().find_map(|n| {
                            let name = segments[..n].join("_");
                            dict.synset_names
                                .iter()
                                .position(|s| *s == name)
                                .map(|at| (n, at))
                        });
                        let Some((n, at)) = found else {
                            return Err(PatternIssue::UnknownSet(
                                upper.trim_end_matches('_').to_string(),
                            ));
                        };
                        out.push(PatternTok {
                            elem: PatternElem::Synset(u32::try_from(at).unwrap_or(u32::MAX)),
                            tight,
                        });
                        for word in segments[n..].iter().filter(|w| !w.is_empty()) {
                            out.push(PatternTok {
                                elem: PatternElem::Word((*word).into()),
                                tight: true,
                            });
                        }
                        continue;
                    }
                    a => PatternElem::Word(a.to_uppercase().into_boxed_str()),
                };
                out.push(PatternTok { elem, tight });
            }
        }
    }
    match closing {
        Some(c) => Err(PatternIssue::Dict(
            format!("a closing `{c}`"),
            "the end of the pattern".to_string(),
        )),
        None => Ok(out),
    }
}

fn collect_words(toks: &[PatternTok], out: &mut Vec<Box<str>>) {
    for t in toks {
        match &t.elem {
            PatternElem::Word(w) => out.push(w.clone()),
            PatternElem::Prep(p, inner) => {
                out.push(p.clone());
                collect_words(inner, out);
            }
            PatternElem::Phrase(inner) => collect_words(inner, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &str = "\
&COIN
+CROWN
+GOLD_PIECES_

&WEALTH_
+&COIN
+JEWELRY

--- GIVE [070] ---
GIVE {GAVE GIVEN GIVING GIVES}
DONATE [071]
CLEAR_UP
+HAND_OVER
WIRE_+TAP {WIRE_+TAPPED} [072]
- * &COIN [903]
- * AID_TO + [073]
- $ * (TO BORDER) [154]
- % * [030:031]
- PROMISED_* [---]
- * {ARMS SHIPMENT} [072]

--- WAIT ---
WAIT
";

    #[test]
    fn blocks_verbs_sets_patterns() {
        let dict = VerbDict::parse(DICT, "t.verbs").unwrap();
        assert_eq!(dict.blocks.len(), 2);
        let give = dict.lookup("GIVE", "GAVE").unwrap();
        assert_eq!(give.code.forward.as_deref(), Some("070"));
        assert_eq!(dict.lookup("X", "GIVEN").unwrap().block, 0);
        assert_eq!(
            dict.lookup("DONATE", "").unwrap().code.forward.as_deref(),
            Some("071")
        );
        assert!(dict.lookup("X", "DONATED").is_some());
        assert!(dict.lookup("CLEAR_UP", "").is_none());
        let clear: Vec<_> = dict.multi_words("CLEAR", "CLEARED").collect();
        assert_eq!(clear.len(), 1);
        assert_eq!(&*clear[0].after[0], "UP");
        let hand: Vec<_> = dict.multi_words("HAND", "HANDED").collect();
        assert_eq!(hand[0].entry.block, 0);
        let tap: Vec<_> = dict.multi_words("TAP", "TAPPED").collect();
        assert_eq!(
            (&*tap[0].before[0], tap[0].entry.code.forward.as_deref()),
            ("WIRE", Some("072"))
        );
        assert!(dict.blocks[1].code.is_null());
        let coin = &dict.synsets[0];
        assert!(coin.contains(&vec!["CROWNS".into()]));
        assert!(coin.contains(&vec!["GOLD".into(), "PIECES".into()]));
        assert!(!coin.contains(&vec!["GOLD".into(), "PIECESES".into()]));
        let wealth = &dict.synsets[1];
        assert!(wealth.contains(&vec!["CROWN".into()]));
        assert!(!wealth.contains(&vec!["JEWELRIES".into()]));
        let pats = &dict.blocks[0].patterns;
        assert_eq!(pats.len(), 6);
        let aid = pats
            .iter()
            .find(|p| p.code.forward.as_deref() == Some("073"))
            .unwrap();
        assert_eq!(aid.right.len(), 3);
        assert!(!aid.right[0].tight && aid.right[1].tight && !aid.right[2].tight);
        assert_eq!(aid.right[2].elem, PatternElem::Target);
        let comp = pats.iter().find(|p| p.code.reverse.is_some()).unwrap();
        assert_eq!(comp.left[0].elem, PatternElem::Compound);
        let promised = pats.iter().find(|p| p.code.is_null()).unwrap();
        assert!(promised.left_tight);
        let border = pats
            .iter()
            .find(|p| p.code.forward.as_deref() == Some("154"))
            .unwrap();
        assert!(
            matches!(&border.right[0].elem, PatternElem::Prep(p, inner) if &**p == "TO" && inner.len() == 1)
        );
    }

    #[test]
    fn undefined_sets_skip_the_pattern() {
        let text = "--- A [010] ---\nA\n- * &NOPE [011]\n- * B [012]\n";
        let dict = VerbDict::parse(text, "t").unwrap();
        assert_eq!(dict.blocks[0].patterns.len(), 1);
        assert_eq!(dict.warnings[0].line, 3);
    }

    #[test]
    fn bad_patterns_are_skipped_with_a_warning() {
        let cases = [
            ("- * (TO B [011]", "closing `)`"),
            ("- * B) [011]", "balance"),
            ("- B C [011]", "one `*`"),
            ("- * * [011]", "one `*`"),
            ("- * (B * C) [011]", "outside brackets"),
        ];
        for (line, expected) in cases {
            let text = format!("--- A [010] ---\nA\n{line}\n- * D [012]\n");
            let dict = VerbDict::parse(&text, "w.verbs").unwrap();
            assert_eq!(dict.blocks[0].patterns.len(), 1, "{line}");
            let warning = dict.warnings[0].to_string();
            assert!(warning.starts_with("w.verbs:3:"), "{warning}");
            assert!(warning.contains(expected), "{warning}");
        }
    }

    #[test]
    fn errors_name_the_line() {
        let bad = [
            ("--- A [010] ---\nA\n- * B @ C [011]\n", 3, "pattern symbol"),
            ("--- A [010] ---\nA\n- * B\n", 3, "code"),
            ("--- A [010 ---\n", 1, "closing"),
            ("- * B [011]\n", 1, "block before"),
            ("A\n", 1, "block before"),
            ("# nothing\n", 1, "at least one"),
            ("", 1, "at least one"),
            ("--- A [] ---\n", 1, "code inside"),
        ];
        for (text, line, expected) in bad {
            let err = VerbDict::parse(text, "bad.verbs").unwrap_err();
            assert_eq!(err.line, line, "{text:?}: {err}");
            assert!(err.expected.contains(expected), "{text:?}: {err}");
        }
    }
}
