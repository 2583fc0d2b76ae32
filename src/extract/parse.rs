//! The dependency parse of the sentences the extractor reads: each body
//! sentence's tokens are analysed by the built-in syntax model
//! (`syntax::Model::builtin`, loaded once per process), with the clitics UD
//! writes as words of their own (`n't`, `'ll`, ...) split off, and kept with
//! a map from the extractor's tokens to the parse's words. The work per
//! sentence is bounded: the extractor's sentences are at most 2,000 bytes,
//! and the model analyses sentences over 200 words in pieces of 200.

use super::lexdata;
use super::mentions::Doc;
use crate::syntax::{Model, Upos};

/// No word (a head of the root, a token of an unparsed sentence).
pub(super) const NONE: u32 = u32::MAX;

/// The dependency relations the extractor reads (UD English), the others
/// as `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rel {
    /// The root of a tree (or of a piece of a long sentence).
    Root,
    /// Nominal subject.
    Nsubj,
    /// Subject of a passive.
    NsubjPass,
    /// The outer subject of a copular clause ("her aim is to visit X":
    /// "aim" of "visit").
    NsubjOuter,
    /// Direct object.
    Obj,
    /// Indirect object.
    Iobj,
    /// Oblique nominal (with its case preposition).
    Obl,
    /// The agent of a passive ("by X").
    OblAgent,
    /// A bare temporal oblique ("met Monday").
    OblTmod,
    /// Nominal modifier of a noun (with its case preposition).
    Nmod,
    /// Possessive ("X's meeting").
    NmodPoss,
    /// Temporal modifier of a noun.
    NmodTmod,
    /// A conjunct.
    Conj,
    /// A coordinating conjunction ("and").
    Cc,
    /// An apposition ("X, the foreign minister").
    Appos,
    /// The parts of a name.
    Flat,
    /// A compound ("Foreign Minister X", "the X-Y talks").
    Compound,
    /// An open clausal complement ("plans to meet").
    Xcomp,
    /// A clausal complement ("said that ...").
    Ccomp,
    /// An adverbial clause ("if they meet", "after meeting").
    Advcl,
    /// A clause modifying a noun ("talks held in X").
    Acl,
    /// A relative clause ("X, who met Y").
    AclRelcl,
    /// A subordinating marker ("if", "that", "to").
    Mark,
    /// A case marker (a preposition, the possessive 's).
    Case,
    /// An auxiliary ("will", "could").
    Aux,
    /// A passive auxiliary.
    AuxPass,
    /// A copula.
    Cop,
    /// An adverb ("not", "nearly").
    Advmod,
    /// An adjective modifier ("planned talks").
    Amod,
    /// A determiner ("no meeting").
    Det,
    /// Anything else.
    Other,
}

impl Rel {
    fn of(label: &str) -> Rel {
        match label {
            "root" => Rel::Root,
            "nsubj" => Rel::Nsubj,
            "nsubj:pass" => Rel::NsubjPass,
            "nsubj:outer" => Rel::NsubjOuter,
            "obj" => Rel::Obj,
            "iobj" => Rel::Iobj,
            "obl" | "obl:npmod" => Rel::Obl,
            "obl:agent" => Rel::OblAgent,
            // UD 2.15 (EWT) writes "obl:unmarked" and "nmod:unmarked"
            // where earlier releases wrote the ":tmod" subtypes
            "obl:tmod" | "obl:unmarked" => Rel::OblTmod,
            "nmod" => Rel::Nmod,
            "nmod:poss" => Rel::NmodPoss,
            "nmod:tmod" | "nmod:unmarked" => Rel::NmodTmod,
            "conj" => Rel::Conj,
            "cc" => Rel::Cc,
            "appos" => Rel::Appos,
            "flat" | "flat:foreign" | "nmod:desc" => Rel::Flat,
            "compound" => Rel::Compound,
            "xcomp" => Rel::Xcomp,
            "ccomp" => Rel::Ccomp,
            "advcl" => Rel::Advcl,
            "acl" => Rel::Acl,
            "acl:relcl" => Rel::AclRelcl,
            "mark" => Rel::Mark,
            "case" => Rel::Case,
            "aux" => Rel::Aux,
            "aux:pass" => Rel::AuxPass,
            "cop" => Rel::Cop,
            "advmod" => Rel::Advmod,
            "amod" => Rel::Amod,
            "det" => Rel::Det,
            _ => Rel::Other,
        }
    }
}

/// A word of the parse.
#[derive(Debug, Clone)]
pub(super) struct Word {
    /// Index in `Doc::toks` of the token the word is (part of).
    pub tok: u32,
    /// Index in `Parse::words` of the head, `NONE` for a root.
    pub head: u32,
    /// The part of speech.
    pub upos: Upos,
    /// The relation to the head.
    pub rel: Rel,
    /// The lemma, lower case.
    pub lemma: Box<str>,
}

/// The parse of a document's body sentences.
#[derive(Debug, Default)]
pub(super) struct Parse {
    /// The words of every parsed sentence, in text order.
    pub words: Vec<Word>,
    /// Per token of `Doc::toks`: its first word, `NONE` when its sentence
    /// was not parsed.
    pub tok_word: Vec<u32>,
    /// The children of word `w` are `child_list[child_at[w]..child_at[w + 1]]`.
    child_at: Vec<u32>,
    child_list: Vec<u32>,
}

/// The clitics UD English writes as words of their own.
const CLITICS: [&str; 6] = ["n't", "'re", "'ve", "'ll", "'d", "'m"];

/// Where a word token splits into a word and a clitic ("don't" -> "do"
/// "n't"), as a byte length of the first part.
fn clitic_cut(form: &str) -> Option<usize> {
    let lower = form.to_ascii_lowercase().replace('\u{2019}', "'");
    for clitic in CLITICS {
        if lower.ends_with(clitic) {
            let chars = clitic.chars().count();
            let cut = form.char_indices().rev().nth(chars - 1).map(|(i, _)| i)?;
            return (cut > 0).then_some(cut);
        }
    }
    None
}

/// Whether lower-case word `w` can be a trigger: a first word of the
/// trigger table, or an inflection of one ("signs", "signed", "signing",
/// "agreed", "planned", "carries", "carried"). A sentence without one is
/// not parsed: it gives no event.
fn could_trigger(w: &str) -> bool {
    let by_first = &lexdata::triggers().by_first;
    if by_first.contains_key(w) {
        return true;
    }
    let mut stem = String::with_capacity(w.len() + 1);
    for (suffix, add) in [
        ("s", ""),
        ("es", ""),
        ("ed", ""),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
        ("ies", "y"),
        ("ied", "y"),
    ] {
        let Some(base) = w.strip_suffix(suffix) else {
            continue;
        };
        stem.clear();
        stem.push_str(base);
        stem.push_str(add);
        if by_first.contains_key(stem.as_str()) {
            return true;
        }
        // a doubled final consonant: "planned", "shelling"
        let b = base.as_bytes();
        if add.is_empty()
            && b.len() >= 2
            && b[b.len() - 1].is_ascii()
            && b[b.len() - 1] == b[b.len() - 2]
            && by_first.contains_key(&base[..base.len() - 1])
        {
            return true;
        }
    }
    false
}

impl Parse {
    /// Parses every body sentence of `doc` (not headings) that has a word
    /// that can be a trigger, with the built-in model.
    pub fn of_doc(doc: &Doc<'_>) -> Parse {
        let model = Model::builtin();
        let mut parse = Parse {
            words: Vec::new(),
            tok_word: vec![NONE; doc.toks.len()],
            ..Parse::default()
        };
        let mut forms: Vec<&str> = Vec::new();
        let mut toks: Vec<u32> = Vec::new();
        let mut clausal_subjects: Vec<u32> = Vec::new();
        for sent in &doc.sents {
            if sent.heading
                || sent.t1 <= sent.t0
                || !(sent.t0..sent.t1).any(|t| {
                    doc.toks[t].word
                        && (could_trigger(doc.low(t))
                            || super::cameo_dict::could_be_verb(doc.low(t)))
                })
            {
                continue;
            }
            forms.clear();
            toks.clear();
            for t in sent.t0..sent.t1 {
                let form = doc.tx(t);
                let cut = if doc.toks[t].word {
                    clitic_cut(form)
                } else {
                    None
                };
                match cut {
                    Some(c) => {
                        forms.push(&form[..c]);
                        forms.push(&form[c..]);
                        toks.extend([t as u32, t as u32]);
                    }
                    None => {
                        forms.push(form);
                        toks.push(t as u32);
                    }
                }
            }
            let base = parse.words.len() as u32;
            let mut i = 0;
            model.analyze_each(&forms, |a| {
                let tok = toks[i];
                if parse.tok_word[tok as usize] == NONE {
                    parse.tok_word[tok as usize] = base + i as u32;
                }
                if a.deprel.starts_with("csubj") {
                    clausal_subjects.push(parse.words.len() as u32);
                }
                parse.words.push(Word {
                    tok,
                    head: if a.head == 0 {
                        NONE
                    } else {
                        base + a.head as u32 - 1
                    },
                    upos: a.upos,
                    rel: Rel::of(a.deprel),
                    lemma: a.lemma.to_lowercase().into_boxed_str(),
                });
                i += 1;
            });
        }
        parse.index_children();
        parse.open_infinitives(&clausal_subjects);
        parse.headline_verbs(doc);
        parse
    }

    /// Reads the present tense of headlines and chronologies ("Norway
    /// bars two ministers", "May 2 — Peru cancels the deal"), which the
    /// parser, trained on running text, takes for a noun compound
    /// ("Norway bars" like "chocolate bars"), as the verb it is: a plural-
    /// looking noun that heads its sentence (the root, or an apposition of
    /// a root date), without a determiner, whose form is its lemma plus
    /// "s" or "es" and whose lemma is a verb the trigger lists know, with a
    /// proper-noun compound right before it and a dependent after it,
    /// becomes a verb: the compound its subject, a nominal dependent after
    /// it without a preposition its object. A noun with a verb of its own
    /// ("the Norway talks ended") is a subject, never a root, and stays.
    fn headline_verbs(&mut self, doc: &Doc<'_>) {
        for w in 0..self.words.len() as u32 {
            let word = self.word(w);
            if word.upos != Upos::Noun {
                continue;
            }
            let at_top = match word.rel {
                Rel::Root => true,
                // a clause after a fronted phrase the parser conjoins to
                // that phrase's last noun ("Removing X, Norway bars Y")
                Rel::Conj => {
                    self.child(w, Rel::Cc).is_none()
                        && word.tok >= 2
                        && doc.tx(word.tok as usize - 2) == ","
                }
                Rel::Appos => self.head(w).is_some_and(|h| {
                    self.word(h).rel == Rel::Root
                        && matches!(self.word(h).upos, Upos::Num | Upos::Propn)
                }),
                _ => false,
            };
            if !at_top {
                continue;
            }
            let low = doc.low(word.tok as usize);
            let lemma = &*word.lemma;
            let third_person = low.strip_suffix('s').is_some_and(|b| b == lemma)
                || low.strip_suffix("es").is_some_and(|b| b == lemma);
            if !third_person || !(could_trigger(lemma) || super::cameo_dict::could_be_verb(lemma)) {
                continue;
            }
            let tok = word.tok;
            let children = self.children(w).to_vec();
            if children.iter().any(|&c| self.word(c).rel == Rel::Det) {
                continue;
            }
            let subject = children
                .iter()
                .copied()
                .rev()
                .find(|&c| self.word(c).tok < tok && self.word(c).rel == Rel::Compound);
            let Some(subject) = subject else { continue };
            // the subject's name ends right before the verb, every word of
            // it a proper noun
            let name_ok = self.word(subject).upos == Upos::Propn
                && self.word(subject).tok + 1 == tok
                && children
                    .iter()
                    .filter(|&&c| self.word(c).tok < tok && self.word(c).rel == Rel::Compound)
                    .all(|&c| self.word(c).upos == Upos::Propn);
            let after = children.iter().any(|&c| {
                self.word(c).tok > tok
                    && matches!(
                        self.word(c).rel,
                        Rel::Nmod | Rel::Acl | Rel::Obj | Rel::Amod | Rel::Conj
                    )
            });
            if !name_ok || !after {
                continue;
            }
            self.words[w as usize].upos = Upos::Verb;
            self.words[subject as usize].rel = Rel::Nsubj;
            // the object: the first noun after it without a preposition
            // (the parser's `nmod`, or a `conj` without "and")
            let object = children.iter().copied().find(|&c| {
                let x = self.word(c);
                x.tok > tok
                    && matches!(x.upos, Upos::Noun | Upos::Propn | Upos::Pron)
                    && match x.rel {
                        Rel::Nmod => self.case_of(c).is_empty(),
                        Rel::Conj => self.child(c, Rel::Cc).is_none(),
                        _ => false,
                    }
            });
            if let Some(o) = object {
                self.words[o as usize].rel = Rel::Obj;
            }
        }
    }

    /// Reads a "to" infinitive without a subject of its own as the open
    /// complement (`xcomp`) of its head when the parser labelled it a
    /// clausal complement (`ccomp`) or a clausal subject (`csubj`) that
    /// cannot be one: the head has a subject already ("X is due to visit
    /// Y" with "visit" a second subject of "due"), or the clause follows its
    /// head ("it was decided to meet"). UD gives such infinitives `xcomp`;
    /// models trained on different data or shuffles disagree on the few of
    /// them EWT holds, and modality (a plan's complement is planned) and
    /// subject inheritance (control) read `xcomp`. A clausal subject before
    /// its head ("To meet them would be a mistake") is left alone.
    /// `clausal_subjects` are the words labelled `csubj` or `csubj:pass`
    /// (the extractor keeps no relation of its own for them).
    fn open_infinitives(&mut self, clausal_subjects: &[u32]) {
        let ccomps =
            (0..self.words.len() as u32).filter(|&w| self.words[w as usize].rel == Rel::Ccomp);
        let candidates: Vec<u32> = clausal_subjects.iter().copied().chain(ccomps).collect();
        for w in candidates {
            let Some(h) = self.head(w) else { continue };
            let infinitive = self
                .children(w)
                .iter()
                .any(|&c| self.word(c).rel == Rel::Mark && &*self.word(c).lemma == "to");
            let own_subject = self.children(w).iter().any(|&c| {
                matches!(
                    self.word(c).rel,
                    Rel::Nsubj | Rel::NsubjPass | Rel::NsubjOuter
                )
            });
            if !infinitive || own_subject {
                continue;
            }
            let open = self.word(w).rel == Rel::Ccomp
                || self.word(w).tok > self.word(h).tok
                || self
                    .children(h)
                    .iter()
                    .any(|&c| c != w && matches!(self.word(c).rel, Rel::Nsubj | Rel::NsubjPass));
            if open {
                self.words[w as usize].rel = Rel::Xcomp;
            }
        }
    }

    /// Builds the children lists.
    fn index_children(&mut self) {
        let n = self.words.len();
        let mut count = vec![0u32; n + 1];
        for w in &self.words {
            if w.head != NONE {
                count[w.head as usize + 1] += 1;
            }
        }
        for i in 0..n {
            count[i + 1] += count[i];
        }
        let mut fill = count.clone();
        let mut list = vec![0u32; count[n] as usize];
        for (i, w) in self.words.iter().enumerate() {
            if w.head != NONE {
                let h = w.head as usize;
                list[fill[h] as usize] = i as u32;
                fill[h] += 1;
            }
        }
        self.child_at = count;
        self.child_list = list;
    }

    /// The children of word `w`, in text order.
    pub fn children(&self, w: u32) -> &[u32] {
        let w = w as usize;
        if w + 1 >= self.child_at.len() {
            return &[];
        }
        &self.child_list[self.child_at[w] as usize..self.child_at[w + 1] as usize]
    }

    /// The word `w`.
    pub fn word(&self, w: u32) -> &Word {
        &self.words[w as usize]
    }

    /// The head of `w`, if any.
    pub fn head(&self, w: u32) -> Option<u32> {
        let h = self.words[w as usize].head;
        (h != NONE).then_some(h)
    }

    /// The first word of token `t`, if its sentence was parsed.
    pub fn word_of_tok(&self, t: usize) -> Option<u32> {
        self.tok_word.get(t).copied().filter(|&w| w != NONE)
    }

    /// The first child of `w` with relation `rel`.
    pub fn child(&self, w: u32, rel: Rel) -> Option<u32> {
        self.children(w)
            .iter()
            .copied()
            .find(|&c| self.word(c).rel == rel)
    }

    /// The lemma of the case marker of `w` ("with" in "with X"; the first
    /// one of a compound preposition), or "" without one.
    pub fn case_of(&self, w: u32) -> &str {
        self.child(w, Rel::Case)
            .map_or("", |c| &*self.word(c).lemma)
    }

    /// The word among `from..to` (token range) whose head lies outside
    /// the range: the head of a multiword phrase.
    pub fn phrase_head(&self, from: usize, to: usize) -> Option<u32> {
        let first = self.word_of_tok(from)?;
        let mut best = None;
        for w in first..self.words.len() as u32 {
            let t = self.word(w).tok as usize;
            if t >= to {
                break;
            }
            let outside = self.head(w).is_none_or(|h| {
                (self.word(h).tok as usize) < from || self.word(h).tok as usize >= to
            });
            if outside && best.is_none() {
                best = Some(w);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::clitic_cut;
    use super::{Parse, Rel, Word, NONE};
    use crate::syntax::Upos;

    /// A parse of one sentence from (head, UPOS, relation, lemma) per word
    /// (heads 1-based, 0 for the root, as in CoNLL-U).
    fn parse_of(words: &[(u32, Upos, Rel, &str)]) -> Parse {
        let mut parse = Parse::default();
        for (i, &(head, upos, rel, lemma)) in words.iter().enumerate() {
            parse.words.push(Word {
                tok: i as u32,
                head: if head == 0 { NONE } else { head - 1 },
                upos,
                rel,
                lemma: lemma.into(),
            });
        }
        parse.index_children();
        parse
    }

    #[test]
    fn infinitives_read_as_open_complements_whatever_their_label() {
        use Upos::*;
        // "Ana is due to visit Peru": "visit" a second subject of "due"
        let mut p = parse_of(&[
            (3, Propn, Rel::Nsubj, "ana"),
            (3, Aux, Rel::Cop, "be"),
            (0, Adj, Rel::Root, "due"),
            (5, Part, Rel::Mark, "to"),
            (3, Verb, Rel::Other, "visit"),
            (5, Propn, Rel::Obj, "peru"),
        ]);
        p.open_infinitives(&[4]);
        assert_eq!(p.word(4).rel, Rel::Xcomp);
        // "Ana plans to visit Peru" with "visit" a ccomp
        let mut p = parse_of(&[
            (2, Propn, Rel::Nsubj, "ana"),
            (0, Verb, Rel::Root, "plan"),
            (4, Part, Rel::Mark, "to"),
            (2, Verb, Rel::Ccomp, "visit"),
            (4, Propn, Rel::Obj, "peru"),
        ]);
        p.open_infinitives(&[]);
        assert_eq!(p.word(3).rel, Rel::Xcomp);
        // "To visit Peru would be wise": a clausal subject before its head
        let mut p = parse_of(&[
            (2, Part, Rel::Mark, "to"),
            (6, Verb, Rel::Other, "visit"),
            (2, Propn, Rel::Obj, "peru"),
            (6, Aux, Rel::Aux, "would"),
            (6, Aux, Rel::Cop, "be"),
            (0, Adj, Rel::Root, "wise"),
        ]);
        p.open_infinitives(&[1]);
        assert_eq!(p.word(1).rel, Rel::Other);
        // "Ana said her aim was to visit Peru": a predicate with its own
        // (outer) subject, not an open complement of "said"
        let mut p = parse_of(&[
            (2, Propn, Rel::Nsubj, "ana"),
            (0, Verb, Rel::Root, "say"),
            (4, Pron, Rel::NmodPoss, "she"),
            (7, Noun, Rel::NsubjOuter, "aim"),
            (7, Aux, Rel::Cop, "be"),
            (7, Part, Rel::Mark, "to"),
            (2, Verb, Rel::Ccomp, "visit"),
            (7, Propn, Rel::Obj, "peru"),
        ]);
        p.open_infinitives(&[]);
        assert_eq!(p.word(6).rel, Rel::Ccomp);
        // "Ana said that Tom will visit Peru": not an infinitive
        let mut p = parse_of(&[
            (2, Propn, Rel::Nsubj, "ana"),
            (0, Verb, Rel::Root, "say"),
            (6, Sconj, Rel::Mark, "that"),
            (6, Propn, Rel::Nsubj, "tom"),
            (6, Aux, Rel::Aux, "will"),
            (2, Verb, Rel::Ccomp, "visit"),
            (6, Propn, Rel::Obj, "peru"),
        ]);
        p.open_infinitives(&[]);
        assert_eq!(p.word(5).rel, Rel::Ccomp);
        // "Ana asked for Tom to visit Peru": an infinitive with its own subject
        let mut p = parse_of(&[
            (2, Propn, Rel::Nsubj, "ana"),
            (0, Verb, Rel::Root, "ask"),
            (4, Sconj, Rel::Mark, "for"),
            (6, Propn, Rel::Nsubj, "tom"),
            (6, Part, Rel::Mark, "to"),
            (2, Verb, Rel::Ccomp, "visit"),
            (6, Propn, Rel::Obj, "peru"),
        ]);
        p.open_infinitives(&[]);
        assert_eq!(p.word(5).rel, Rel::Ccomp);
    }

    #[test]
    fn inflections_of_triggers_are_candidates() {
        use super::could_trigger;
        assert!(could_trigger("met"));
        assert!(could_trigger("signs"));
        assert!(could_trigger("imposed"));
        assert!(could_trigger("canceling"));
        assert!(could_trigger("cancelled"));
        assert!(!could_trigger("table"));
        assert!(!could_trigger("xxxxxxxx"));
        assert!(!could_trigger("\u{2082}\u{2082}ed"));
    }

    #[test]
    fn clitics_split_like_ud() {
        assert_eq!(clitic_cut("don't"), Some(2));
        assert_eq!(clitic_cut("won\u{2019}t"), Some(2));
        assert_eq!(clitic_cut("we'll"), Some(2));
        assert_eq!(clitic_cut("met"), None);
        assert_eq!(clitic_cut("n't"), None);
    }
}
