//! Verb triggers from the CAMEO verb dictionary (`data/petrarch/CAMEO.2.0.txt`,
//! PETRARCH2/Phoenix, MIT: see data/README.md) read with
//! `petrarch::VerbDict`, with the project's own changes in
//! `data/cameo_triggers.tsv`.
//!
//! A verb of the parse that the trigger table (`data/triggers.tsv`) does
//! not know, and that the selection lists, is looked up by lemma (else by its form; multi-word verbs such
//! as `CALL_OFF` need their other words right around it). Its block's
//! patterns are tried longest first over the verb's own phrase: the words
//! a pattern writes after `*` must come after the verb in its subtree, in
//! order (`_` joins words that touch), those before `*` before the verb in
//! its clause; a preposition phrase `(WITH ...)` is the preposition and
//! its words; actor slots (`$`, `+`, `%`) match nothing of their own, the
//! extractor reads the participants from the parse. The first pattern that
//! matches gives the code, else the verb's own code. A null code (`---`),
//! as most blocks of general verbs have ("end", "close", "take"), or a
//! code only for the target's side (`[:020]`) gives no event. The code's
//! kind is `EventKind::from_cameo` (the CAMEO table of the model).
//!
//! Only the verbs listed in `data/cameo_triggers.tsv` are taken (the
//! file says why: the whole dictionary floods precision), and only as a
//! verb with a subject or an object of its own.
//!
//! The dictionary is read once per process, the first time a verb is
//! looked up.

use super::cameo_dict::{changes, verbs, Change};
use super::mentions::Doc;
use super::parse::{Parse, Rel};
use crate::model::EventKind;
use crate::petrarch::{EventCode, Pattern, PatternElem, PatternTok, VerbDict};
use crate::syntax::Upos;

/// The most words of a verb's phrase a pattern is matched against.
const MAX_PHRASE: usize = 40;

/// A trigger found through the dictionary: its kind and CAMEO code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CameoTrigger {
    /// The event kind of the code.
    pub kind: EventKind,
    /// The CAMEO code (`"036"`).
    pub code: String,
}

/// The CAMEO trigger that the verb `w` of the parse is, if any.
pub(super) fn trigger(doc: &Doc<'_>, parse: &Parse, w: u32) -> Option<CameoTrigger> {
    let word = parse.word(w);
    if word.upos != Upos::Verb {
        return None;
    }
    // a verb with an argument of its own: not an adjective the parser
    // made a verb ("more striking for its images")
    let argument = parse.children(w).iter().any(|&c| {
        matches!(
            parse.word(c).rel,
            Rel::Nsubj | Rel::NsubjPass | Rel::Obj | Rel::OblAgent
        )
    });
    if !argument {
        return None;
    }
    let lemma = &*word.lemma;
    match changes().get(lemma)? {
        Change::Drop => return None,
        Change::Code(code) => {
            return Some(CameoTrigger {
                kind: EventKind::from_cameo(code)?,
                code: code.clone(),
            })
        }
        Change::Dict => {}
    }
    let dict = verbs();
    let upper_lemma = lemma.to_uppercase();
    let phrase = Phrase::of(doc, parse, w);
    let upper_form = phrase.words[phrase.at].clone();
    let multi = dict
        .multi_words(&upper_lemma, &upper_form)
        .filter(|m| {
            m.before.len() <= phrase.at
                && phrase.at + m.after.len() < phrase.words.len()
                && m.before
                    .iter()
                    .enumerate()
                    .all(|(k, x)| phrase.words[phrase.at - m.before.len() + k] == **x)
                && m.after
                    .iter()
                    .enumerate()
                    .all(|(k, x)| phrase.words[phrase.at + 1 + k] == **x)
        })
        .max_by_key(|m| m.before.len() + m.after.len())
        .map(|m| &m.entry);
    let verb = multi.or_else(|| dict.lookup(&upper_lemma, &upper_form))?;
    let block = dict.blocks.get(verb.block as usize)?;
    let code = block
        .patterns
        .iter()
        .find(|p| phrase.matches(dict, p))
        .map_or(&verb.code, |p| &p.code);
    forward_code(code)
}

fn forward_code(code: &EventCode) -> Option<CameoTrigger> {
    let code = code.forward.as_deref()?;
    Some(CameoTrigger {
        kind: EventKind::from_cameo(code)?,
        code: code.to_string(),
    })
}

/// The words a pattern is matched against: the verb's clause (the words
/// before it, from the clause it heads or completes) and its subtree after
/// it, upper case, in text order; `at` is the verb.
struct Phrase {
    words: Vec<String>,
    at: usize,
}

impl Phrase {
    fn of(doc: &Doc<'_>, parse: &Parse, v: u32) -> Phrase {
        // the clause the verb heads or completes (xcomp, ccomp)
        let mut top = v;
        for _ in 0..8 {
            match parse.head(top) {
                Some(h) if matches!(parse.word(top).rel, Rel::Xcomp | Rel::Ccomp) => top = h,
                _ => break,
            }
        }
        let left: Vec<u32> = subtree(parse, top).into_iter().filter(|&x| x < v).collect();
        let right: Vec<u32> = subtree(parse, v).into_iter().filter(|&x| x > v).collect();
        let left = &left[left.len().saturating_sub(MAX_PHRASE)..];
        let right = &right[..right.len().min(MAX_PHRASE)];
        let upper = |x: &u32| form_of(doc, parse, *x);
        let mut words: Vec<String> = left.iter().map(upper).collect();
        let at = words.len();
        words.push(form_of(doc, parse, v));
        words.extend(right.iter().map(upper));
        Phrase { words, at }
    }

    fn matches(&self, dict: &VerbDict, pattern: &Pattern) -> bool {
        let right = &self.words[self.at + 1..];
        if seq(dict, &pattern.right, right, 0, false, None).is_none() {
            return false;
        }
        if pattern.left.is_empty() {
            return true;
        }
        let left = &self.words[..self.at];
        let end = pattern.left_tight.then_some(left.len());
        seq(dict, &pattern.left, left, 0, true, end).is_some()
    }
}

/// The upper-case form of word `w`: its token's text, or its lemma for
/// the second word of a split token ("n't").
fn form_of(doc: &Doc<'_>, parse: &Parse, w: u32) -> String {
    let tok = parse.word(w).tok as usize;
    if parse.word_of_tok(tok) == Some(w) {
        doc.tx(tok).to_uppercase()
    } else {
        parse.word(w).lemma.to_uppercase()
    }
}

/// The words of the subtree of `w` (itself included), in text order,
/// at most a few hundred.
fn subtree(parse: &Parse, w: u32) -> Vec<u32> {
    let mut out = vec![w];
    let mut stack = vec![w];
    while let Some(x) = stack.pop() {
        for &c in parse.children(x) {
            if out.len() >= 400 {
                break;
            }
            out.push(c);
            stack.push(c);
        }
    }
    out.sort_unstable();
    out
}

/// Matches the elements `toks` in order in `words` from position `from`:
/// a tight element (`_`) right where the one before ended, another
/// anywhere after it; an element after an actor slot is free (the slot's
/// words are not matched). With `end`, the last element must end there.
/// The position after the last element, if they all match.
fn seq(
    dict: &VerbDict,
    toks: &[PatternTok],
    words: &[String],
    from: usize,
    free: bool,
    end: Option<usize>,
) -> Option<usize> {
    let Some((tok, rest)) = toks.split_first() else {
        return end.is_none_or(|e| e == from).then_some(from);
    };
    if zero_width(&tok.elem) {
        return seq(dict, rest, words, from, true, end);
    }
    let last = if tok.tight && !free {
        from
    } else {
        words.len()
    };
    for start in from..=last.min(words.len()) {
        if let Some(after) = elem(dict, &tok.elem, words, start) {
            if let Some(done) = seq(dict, rest, words, after, false, end) {
                return Some(done);
            }
        }
    }
    None
}

fn zero_width(elem: &PatternElem) -> bool {
    matches!(
        elem,
        PatternElem::Source | PatternElem::Target | PatternElem::Compound | PatternElem::Verb
    )
}

/// Matches one element at `at`; the position after it.
fn elem(dict: &VerbDict, elem: &PatternElem, words: &[String], at: usize) -> Option<usize> {
    match elem {
        PatternElem::Word(w) => (words.get(at)? == &**w).then_some(at + 1),
        PatternElem::Synset(k) => dict.synsets.get(*k as usize)?.iter().find_map(|phrase| {
            let end = at + phrase.len();
            (!phrase.is_empty()
                && end <= words.len()
                && (0..phrase.len()).all(|j| words[at + j] == *phrase[j]))
            .then_some(end)
        }),
        PatternElem::Source | PatternElem::Target | PatternElem::Compound | PatternElem::Verb => {
            Some(at)
        }
        PatternElem::Skip => (at < words.len()).then_some(at + 1),
        PatternElem::Prep(p, inner) => {
            if words.get(at)? != &**p {
                return None;
            }
            seq(dict, inner, words, at + 1, false, None)
        }
        PatternElem::Phrase(inner) => seq(dict, inner, words, at, false, None),
    }
}
