//! The coder: CAMEO events from a sentence's dependency parse and the
//! dictionaries (docs/coding.md).
//!
//! For each verb of the sentence found in the verb dictionary (by lemma,
//! else by its form), the block's patterns are tried longest first: the
//! elements before `*` must occur before the verb in its clause (the verb's
//! subtree, or the subtree of the clause it complements through `xcomp`
//! or `ccomp`), those after it after the verb in its subtree; `(P ...)`
//! is a phrase whose preposition P is a word of the phrase headed by P's
//! head. The first pattern that matches gives the code, else the verb's
//! code. The source is the pattern's `$` phrase, else the subject (the
//! `obl:agent` of a passive; the controller of an `xcomp`; the first
//! conjunct's subject of a coordinated verb; the matrix subject when the
//! subject is a pronoun of a `ccomp`); the target is the pattern's `+`
//! phrase, else the object, else the first oblique phrase, else the subject
//! of a `ccomp` (the passive subject of a passive).
//!
//! The codes of a phrase: each conjunct of its head gives its own codes;
//! in a conjunct the actor nearest its head in the tree (leftmost among
//! equals, with the actors coordinated with it) is combined with the
//! agents of the path between them and of that path's modifiers (`~X`
//! after the actor's code, `X~` before it; a code already present is not
//! repeated). Agents without an actor give `---` and the agents' codes.

use super::actors::ActorEntry;
use super::agents::AgentCode;
use super::verbs::{EventCode, Pattern, PatternElem, PatternTok};
use super::Dictionaries;
use crate::syntax::{AnalyzedSentence, Model, Upos};
use std::collections::HashSet;

/// One event coded from a sentence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Coding {
    /// The source actor's code (`---` when unknown).
    pub source: String,
    /// The target actor's code (`---` when unknown).
    pub target: String,
    /// The CAMEO event code.
    pub code: String,
    /// The verb's word index in the sentence (0-based).
    pub verb: usize,
    /// The dictionary line of the pattern that matched, if one did.
    pub pattern_line: Option<usize>,
}

/// The codings of one sentence of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceCodings {
    /// The sentence's bytes in the text.
    pub start: usize,
    /// End of the sentence (exclusive).
    pub end: usize,
    /// The verb's bytes in the text, per coding (same order as `codings`).
    pub verb_spans: Vec<(usize, usize)>,
    /// The events, without duplicates.
    pub codings: Vec<Coding>,
    /// The discard phrase that stopped the coding, if one did.
    pub discarded: Option<String>,
}

/// Codes sentences with a set of dictionaries and the built-in parser.
#[derive(Debug)]
pub struct Coder {
    dicts: Dictionaries,
    model: &'static Model,
}

/// A word of the sentence being coded.
struct Word {
    upper: String,
    lemma: String,
    upos: Upos,
    head: Option<usize>,
    deprel: String,
}

/// An actor or agent phrase found in the sentence.
#[derive(Clone)]
struct Mention<'d> {
    start: usize,
    len: usize,
    head: usize,
    kind: MentionKind<'d>,
}

#[derive(Clone)]
enum MentionKind<'d> {
    Actor(&'d ActorEntry),
    Agent(&'d AgentCode),
}

/// What one conjunct of a phrase holds.
struct Parts<'d> {
    /// Actor codes on the sentence's day.
    actors: Vec<String>,
    /// Agents, in sentence order.
    agents: Vec<&'d AgentCode>,
    /// Whether the actors modify the conjunct's head ("officials in X").
    modifier: bool,
}

/// What a pattern's `$`, `+` and `%` matched: phrase head words.
#[derive(Clone, Copy, Default)]
struct Bind {
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
}

struct Sentence<'d> {
    words: Vec<Word>,
    children: Vec<Vec<usize>>,
    mentions: Vec<Mention<'d>>,
    /// The mention starting at each word, if any.
    mention_at: Vec<Option<usize>>,
    /// The mention whose head is each word, if any.
    mention_head: Vec<Option<usize>>,
    present: HashSet<String>,
    day: Option<i32>,
}

/// Relations that leave a noun phrase: clauses and loose attachments.
const NOT_IN_PHRASE: &[&str] = &[
    "acl:relcl",
    "advcl",
    "ccomp",
    "parataxis",
    "appos",
    "punct",
    "cc",
    "dep",
    "discourse",
    "vocative",
    "list",
    "orphan",
    "reparandum",
];

impl Coder {
    /// A coder over these dictionaries (the parser is loaded once).
    pub fn new(dicts: Dictionaries) -> Coder {
        Coder {
            dicts,
            model: Model::builtin(),
        }
    }

    /// The dictionaries.
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dicts
    }

    /// Codes a text: split into sentences, each parsed and coded. `day` is
    /// the date the actors' roles are chosen by (days since 1970-01-01).
    /// A story discard phrase anywhere stops every sentence.
    pub fn code_text(&self, text: &str, day: Option<i32>) -> Vec<SentenceCodings> {
        let story = self
            .dicts
            .discards
            .find_kind(text, true)
            .map(|d| d.phrase.clone());
        self.model
            .analyze_text(text)
            .iter()
            .map(|sentence| {
                let slice = &text[sentence.span.start..sentence.span.end];
                let discarded = story.clone().or_else(|| {
                    self.dicts
                        .discards
                        .find_kind(slice, false)
                        .map(|d| d.phrase.clone())
                });
                let codings = if discarded.is_some() {
                    Vec::new()
                } else {
                    self.code_analyzed(sentence, day)
                };
                let verb_spans = codings
                    .iter()
                    .map(|c| {
                        sentence
                            .words
                            .get(c.verb)
                            .map_or((0, 0), |w| (w.span.start, w.span.end))
                    })
                    .collect();
                SentenceCodings {
                    start: sentence.span.start,
                    end: sentence.span.end,
                    verb_spans,
                    codings,
                    discarded,
                }
            })
            .collect()
    }

    /// Codes one analysed sentence.
    pub fn code_analyzed(&self, sentence: &AnalyzedSentence, day: Option<i32>) -> Vec<Coding> {
        let n = sentence.words.len();
        let words: Vec<Word> = sentence
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| Word {
                upper: w.form.to_uppercase(),
                lemma: w.analysis.lemma.to_uppercase(),
                upos: w.analysis.upos,
                // a head outside the sentence or on the word itself: none
                head: w.analysis.head.checked_sub(1).filter(|&h| h < n && h != i),
                deprel: w.analysis.deprel.clone(),
            })
            .collect();
        let sent = self.prepare(words, day);
        let mut out: Vec<Coding> = Vec::new();
        for v in 0..sent.words.len() {
            if sent.words[v].upos != Upos::Verb {
                continue;
            }
            for coding in self.code_verb(&sent, v) {
                if !out.iter().any(|c| {
                    c.source == coding.source && c.target == coding.target && c.code == coding.code
                }) {
                    out.push(coding);
                }
            }
        }
        out
    }

    fn prepare(&self, words: Vec<Word>, day: Option<i32>) -> Sentence<'_> {
        let n = words.len();
        let mut children = vec![Vec::new(); n];
        for (i, w) in words.iter().enumerate() {
            if let Some(h) = w.head.filter(|&h| h < n && h != i) {
                children[h].push(i);
            }
        }
        let mut sent = Sentence {
            present: words.iter().map(|w| w.upper.clone()).collect(),
            words,
            children,
            mentions: Vec::new(),
            mention_at: vec![None; n],
            mention_head: vec![None; n],
            day,
        };
        let uppers: Vec<&str> = sent.words.iter().map(|w| w.upper.as_str()).collect();
        let mut i = 0;
        let mut found = Vec::new();
        while i < n {
            let actor = self.dicts.actors.longest(&uppers[i..]);
            let agent = self.dicts.agents.longest(&uppers[i..]);
            let pick = match (actor, agent) {
                (Some((la, a)), Some((lg, _))) if la >= lg => Some((la, MentionKind::Actor(a))),
                (Some((la, a)), None) => Some((la, MentionKind::Actor(a))),
                (_, Some((lg, g))) => Some((lg, MentionKind::Agent(g))),
                (None, None) => None,
            };
            match pick {
                Some((len, kind)) => {
                    let head = span_head(&sent.words, i, len);
                    found.push(Mention {
                        start: i,
                        len,
                        head,
                        kind,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        for (m, mention) in found.iter().enumerate() {
            sent.mention_at[mention.start] = Some(m);
            sent.mention_head[mention.head] = Some(m);
        }
        sent.mentions = found;
        sent
    }

    fn code_verb(&self, sent: &Sentence<'_>, v: usize) -> Vec<Coding> {
        let word = &sent.words[v];
        // a multi-word verb whose other words stand right around this one
        let multi = self
            .dicts
            .verbs
            .multi_words(&word.lemma, &word.upper)
            .filter(|m| {
                m.before.len() <= v
                    && v + m.after.len() < sent.words.len()
                    && m.before
                        .iter()
                        .enumerate()
                        .all(|(k, w)| sent.words[v - m.before.len() + k].upper == **w)
                    && m.after
                        .iter()
                        .enumerate()
                        .all(|(k, w)| sent.words[v + 1 + k].upper == **w)
            })
            .max_by_key(|m| m.before.len() + m.after.len())
            .map(|m| &m.entry);
        let Some(verb) = multi.or_else(|| self.dicts.verbs.lookup(&word.lemma, &word.upper)) else {
            return Vec::new();
        };
        let Some(block) = self.dicts.verbs.blocks.get(verb.block as usize) else {
            return Vec::new();
        };
        let right: Vec<usize> = subtree(sent, v).into_iter().filter(|&i| i > v).collect();
        let mut top = v;
        for _ in 0..sent.words.len() {
            match sent.words[top].head {
                Some(h) if matches!(sent.words[top].deprel.as_str(), "xcomp" | "ccomp") => top = h,
                _ => break,
            }
        }
        let left: Vec<usize> = subtree(sent, top).into_iter().filter(|&i| i < v).collect();
        let mut code = &verb.code;
        let mut bind = Bind::default();
        let mut pattern_line = None;
        for pattern in &block.patterns {
            if !pattern.required.iter().all(|w| sent.present.contains(&**w)) {
                continue;
            }
            if let Some(b) = self.match_pattern(sent, pattern, &left, &right) {
                code = &pattern.code;
                bind = b;
                pattern_line = Some(pattern.line);
                break;
            }
        }
        if code.is_null() {
            return Vec::new();
        }
        self.assemble(sent, v, code, bind, pattern_line)
    }

    fn assemble(
        &self,
        sent: &Sentence<'_>,
        v: usize,
        code: &EventCode,
        bind: Bind,
        pattern_line: Option<usize>,
    ) -> Vec<Coding> {
        let mut out = Vec::new();
        let mut push = |s: &str, t: &str, c: &Option<String>| {
            if let Some(c) = c {
                if s != t {
                    out.push(Coding {
                        source: s.to_string(),
                        target: t.to_string(),
                        code: c.clone(),
                        verb: v,
                        pattern_line,
                    });
                }
            }
        };
        let pairwise = |members: &[String], push: &mut dyn FnMut(&str, &str, &Option<String>)| {
            for (i, a) in members.iter().enumerate() {
                for b in &members[i + 1..] {
                    push(a, b, &code.forward);
                    push(
                        b,
                        a,
                        code.reverse
                            .as_ref()
                            .map_or(&code.forward, |_| &code.reverse),
                    );
                }
            }
        };
        if let Some(c) = bind.compound {
            let members = self.phrase_codes(sent, c);
            // `%` after the verb with a subject ("X agreed with A and B"):
            // the compound is the target; else its members code each other
            let subject = if c > v {
                self.subject_codes(sent, v, 0)
            } else {
                Vec::new()
            };
            if subject.is_empty() {
                pairwise(&members, &mut push);
            } else {
                for s in &subject {
                    for t in &members {
                        push(s, t, &code.forward);
                        push(t, s, &code.reverse);
                    }
                }
            }
            return out;
        }
        let passive = sent.children[v]
            .iter()
            .any(|&c| sent.words[c].deprel.starts_with("nsubj:pass"));
        let sources = match bind.source {
            Some(s) => self.phrase_codes(sent, s),
            None if passive => self.agent_of_passive(sent, v),
            None => self.subject_codes(sent, v, 0),
        };
        let targets = match bind.target {
            Some(t) => self.phrase_codes(sent, t),
            None if passive => self.subject_codes(sent, v, 0),
            None => match self.object_codes(sent, v, 0) {
                Some(codes) => codes,
                None => return out,
            },
        };
        if targets.is_empty() && reported_unknown(sent, v) {
            // "..., an official said": what was said names someone unknown
            return out;
        }
        // an event needs a source, and a named actor on one side at least:
        // "an official said" alone names nobody
        let named = |codes: &[String]| codes.iter().any(|c| !c.starts_with("---"));
        if sources.is_empty() || !(named(&sources) || named(&targets)) {
            return out;
        }
        if targets.is_empty() && sources.len() > 1 {
            // "A and B renewed ties": the members act on each other
            pairwise(&sources, &mut push);
            return out;
        }
        let unknown = vec!["---".to_string()];
        let targets = if targets.is_empty() {
            &unknown
        } else {
            &targets
        };
        for s in &sources {
            for t in targets {
                push(s, t, &code.forward);
                push(t, s, &code.reverse);
            }
        }
        out
    }

    /// The codes of the verb's subject (climbing through `xcomp`, `conj`
    /// and a pronoun subject of a `ccomp`).
    fn subject_codes(&self, sent: &Sentence<'_>, v: usize, depth: usize) -> Vec<String> {
        if depth > 8 {
            return Vec::new();
        }
        let subject = sent.children[v].iter().copied().find(|&c| {
            let rel = sent.words[c].deprel.as_str();
            rel == "nsubj" || rel.starts_with("nsubj:") || rel == "expl"
        });
        let head = sent.words[v].head;
        let rel = sent.words[v].deprel.as_str();
        match subject {
            Some(s) => {
                let codes = self.phrase_codes(sent, s);
                if codes.is_empty() && sent.words[s].upos == Upos::Pron && rel == "ccomp" {
                    if let Some(h) = head {
                        return self.subject_codes(sent, h, depth + 1);
                    }
                }
                codes
            }
            None => match head {
                Some(h) if rel == "xcomp" => {
                    let object = sent.children[h]
                        .iter()
                        .copied()
                        .find(|&c| sent.words[c].deprel == "obj");
                    match object {
                        Some(o) => self.phrase_codes(sent, o),
                        None => self.subject_codes(sent, h, depth + 1),
                    }
                }
                Some(h) if rel == "conj" => self.subject_codes(sent, h, depth + 1),
                _ => Vec::new(),
            },
        }
    }

    fn agent_of_passive(&self, sent: &Sentence<'_>, v: usize) -> Vec<String> {
        sent.children[v]
            .iter()
            .copied()
            .find(|&c| {
                sent.words[c].deprel == "obl:agent"
                    || (sent.words[c].deprel == "obl"
                        && sent.children[c].iter().any(|&k| {
                            sent.words[k].deprel == "case" && sent.words[k].upper == "BY"
                        }))
            })
            .map(|c| self.phrase_codes(sent, c))
            .unwrap_or_default()
    }

    /// The object's codes, else the first oblique's with codes, else those
    /// of a subjectless adverbial clause after the verb, else the subject
    /// of a `ccomp`. `None` when there is none but an object or oblique
    /// names someone the dictionaries do not know ("ties with Zanth"):
    /// the event has a target, unknown, and is not coded.
    fn object_codes(&self, sent: &Sentence<'_>, v: usize, depth: usize) -> Option<Vec<String>> {
        let kids = &sent.children[v];
        let mut unknown_name = false;
        for rels in [&["obj", "iobj"][..], &["obl", "obl:npmod"][..]] {
            for &c in kids {
                if rels.contains(&sent.words[c].deprel.as_str()) {
                    let codes = self.phrase_codes(sent, c);
                    if !codes.is_empty() {
                        return Some(codes);
                    }
                    unknown_name |= has_unknown_name(sent, c);
                }
            }
        }
        // a non-finite adverbial clause without a subject of its own
        // ("..., hoping to reach X") continues the verb's phrase
        if depth < 4 {
            for &c in kids {
                let subjectless = !sent.children[c]
                    .iter()
                    .any(|&k| sent.words[k].deprel.starts_with("nsubj"));
                if c > v && subjectless && sent.words[c].deprel == "advcl" {
                    match self.object_codes(sent, c, depth + 1) {
                        Some(codes) if !codes.is_empty() => return Some(codes),
                        None => unknown_name = true,
                        Some(_) => {}
                    }
                }
            }
        }
        if unknown_name {
            return None;
        }
        for &c in kids {
            if sent.words[c].deprel == "ccomp" {
                let subject = sent.children[c]
                    .iter()
                    .copied()
                    .find(|&k| sent.words[k].deprel.starts_with("nsubj"));
                if let Some(s) = subject {
                    return Some(self.phrase_codes(sent, s));
                }
            }
        }
        Some(Vec::new())
    }

    /// The codes of the phrase headed by `head`: one list entry per actor
    /// of each conjunct, agents combined.
    fn phrase_codes(&self, sent: &Sentence<'_>, head: usize) -> Vec<String> {
        let mut conjuncts = vec![head];
        let mut i = 0;
        while i < conjuncts.len() && conjuncts.len() < 64 {
            let c = conjuncts[i];
            for &k in &sent.children[c] {
                if sent.words[k].deprel == "conj" && !conjuncts.contains(&k) {
                    conjuncts.push(k);
                }
            }
            i += 1;
        }
        conjuncts.sort_unstable();
        let parts: Vec<Parts<'_>> = conjuncts
            .iter()
            .map(|&c| self.conjunct_parts(sent, c))
            .collect();
        // "lawmakers and officials in X": a conjunct with agents only
        // shares the actors that modify another conjunct
        let shared: Vec<String> = parts
            .iter()
            .filter(|p| p.modifier)
            .flat_map(|p| p.actors.iter().cloned())
            .collect();
        let mut out: Vec<String> = Vec::new();
        for part in &parts {
            let actors = if part.actors.is_empty() && !part.agents.is_empty() {
                &shared
            } else {
                &part.actors
            };
            let codes: Vec<String> = if actors.is_empty() {
                if part.agents.is_empty() {
                    Vec::new()
                } else {
                    vec![combine("---", &part.agents)]
                }
            } else {
                actors.iter().map(|a| combine(a, &part.agents)).collect()
            };
            for code in codes {
                if !out.contains(&code) {
                    out.push(code);
                }
            }
        }
        out
    }

    /// The actors (their codes on the sentence's day) and agents of one
    /// conjunct, and whether the actors modify its head (not the head).
    fn conjunct_parts<'s>(&'s self, sent: &Sentence<'s>, c: usize) -> Parts<'s> {
        // breadth-first over the phrase, remembering each word's parent
        let n = sent.words.len();
        let mut parent = vec![usize::MAX; n];
        let mut order = vec![c];
        let mut seen = vec![false; n];
        seen[c] = true;
        let mut i = 0;
        while i < order.len() {
            let w = order[i];
            for &k in &sent.children[w] {
                let rel = sent.words[k].deprel.as_str();
                let leaves = NOT_IN_PHRASE.contains(&rel) || (w == c && rel == "conj");
                if !leaves && !seen[k] {
                    seen[k] = true;
                    parent[k] = w;
                    order.push(k);
                }
            }
            i += 1;
        }
        let actor_at = |w: usize| -> Option<&[String]> {
            let m = sent.mention_head[w]?;
            match sent.mentions[m].kind {
                MentionKind::Actor(entry) => entry.codes_on(sent.day),
                MentionKind::Agent(_) => None,
            }
        };
        // BFS order is by depth; among one depth, the leftmost
        let mut best: Option<(usize, usize)> = None; // (depth, word)
        for &w in &order {
            if actor_at(w).is_some() {
                let d = depth_of(&parent, c, w);
                if best.is_none_or(|(bd, bw)| d < bd || (d == bd && w < bw)) {
                    best = Some((d, w));
                }
            }
        }
        // the path from the conjunct's head to the actor, and its modifiers
        let mut path = vec![c];
        let mut actors: Vec<usize> = Vec::new();
        if let Some((_, a)) = best {
            let mut w = a;
            while w != c && w != usize::MAX {
                path.push(w);
                w = parent[w];
            }
            actors.push(a);
            let mut j = 0;
            while j < actors.len() && actors.len() < 64 {
                let x = actors[j];
                for &k in &sent.children[x] {
                    if sent.words[k].deprel == "conj"
                        && actor_at(k).is_some()
                        && !actors.contains(&k)
                    {
                        actors.push(k);
                    }
                }
                j += 1;
            }
        }
        // the path and the nominal core of each of its words (names,
        // compounds, adjectives, possessors)
        let mut agent_words: Vec<usize> = path.clone();
        let mut j = 0;
        while j < agent_words.len() && agent_words.len() <= n {
            let p = agent_words[j];
            for &k in &sent.children[p] {
                let rel = sent.words[k].deprel.as_str();
                let core = matches!(
                    rel,
                    "compound" | "amod" | "flat" | "nmod:poss" | "nmod:desc"
                ) || rel.starts_with("flat:")
                    || rel.starts_with("compound:");
                if core && !agent_words.contains(&k) {
                    agent_words.push(k);
                }
            }
            j += 1;
        }
        agent_words.sort_unstable();
        agent_words.dedup();
        let agents: Vec<&AgentCode> = agent_words
            .iter()
            .filter_map(|&w| match sent.mentions[sent.mention_head[w]?].kind {
                MentionKind::Agent(code) => Some(code),
                MentionKind::Actor(_) => None,
            })
            .collect();
        let modifier = actors.first().is_some_and(|&a| a != c);
        let mut codes = Vec::new();
        for a in actors {
            codes.extend(actor_at(a).unwrap_or(&[]).iter().cloned());
        }
        Parts {
            actors: codes,
            agents,
            modifier,
        }
    }

    fn match_pattern(
        &self,
        sent: &Sentence<'_>,
        pattern: &Pattern,
        left: &[usize],
        right: &[usize],
    ) -> Option<Bind> {
        let mut budget = 4096usize;
        let mut found_left: Option<Bind> = None;
        if pattern.left.is_empty() {
            found_left = Some(Bind::default());
        } else {
            let need_end = pattern.left_tight.then_some(left.len());
            self.match_seq(
                sent,
                &pattern.left,
                left,
                0,
                false,
                Bind::default(),
                &mut budget,
                &mut |end, b| {
                    if need_end.is_none_or(|e| e == end) {
                        found_left = Some(b);
                        true
                    } else {
                        false
                    }
                },
            );
        }
        let start = found_left?;
        if pattern.right.is_empty() {
            return Some(start);
        }
        let mut found = None;
        let first_tight = pattern.right[0].tight;
        self.match_seq(
            sent,
            &pattern.right,
            right,
            0,
            first_tight,
            start,
            &mut budget,
            &mut |_, b| {
                found = Some(b);
                true
            },
        );
        found
    }

    /// Matches `toks` over `dom` from index `at` (exactly there when
    /// `adjacent`), calling `done` with the end index and bindings of each
    /// match until it returns true.
    #[allow(clippy::too_many_arguments)]
    fn match_seq(
        &self,
        sent: &Sentence<'_>,
        toks: &[PatternTok],
        dom: &[usize],
        at: usize,
        adjacent: bool,
        bind: Bind,
        budget: &mut usize,
        done: &mut dyn FnMut(usize, Bind) -> bool,
    ) -> bool {
        let Some((tok, rest)) = toks.split_first() else {
            return done(at, bind);
        };
        let last_start = if adjacent { at } else { dom.len() };
        for s in at..=last_start.min(dom.len()) {
            if *budget == 0 {
                return false;
            }
            *budget -= 1;
            for (end, b) in self.elem_ends(sent, &tok.elem, dom, s, bind, budget) {
                let next_adjacent = rest.first().is_some_and(|t| t.tight);
                if self.match_seq(sent, rest, dom, end, next_adjacent, b, budget, done) {
                    return true;
                }
            }
        }
        false
    }

    /// The ends (exclusive domain indexes) of element `elem` starting at
    /// domain index `s`.
    fn elem_ends(
        &self,
        sent: &Sentence<'_>,
        elem: &PatternElem,
        dom: &[usize],
        s: usize,
        bind: Bind,
        budget: &mut usize,
    ) -> Vec<(usize, Bind)> {
        let Some(&w) = dom.get(s) else {
            return Vec::new();
        };
        let word = &sent.words[w];
        match elem {
            PatternElem::Word(x) => {
                if word.upper == **x {
                    vec![(s + 1, bind)]
                } else {
                    Vec::new()
                }
            }
            PatternElem::Skip => vec![(s + 1, bind)],
            PatternElem::Synset(i) => {
                let Some(set) = self.dicts.verbs.synsets.get(*i as usize) else {
                    return Vec::new();
                };
                let mut ends: Vec<usize> = set
                    .iter()
                    .filter(|phrase| {
                        phrase.len() + s <= dom.len()
                            && phrase
                                .iter()
                                .enumerate()
                                .all(|(k, p)| sent.words[dom[s + k]].upper == **p)
                    })
                    .map(|phrase| s + phrase.len())
                    .collect();
                ends.sort_unstable_by(|a, b| b.cmp(a));
                ends.dedup();
                ends.into_iter().map(|e| (e, bind)).collect()
            }
            PatternElem::Source | PatternElem::Target | PatternElem::Compound => {
                let Some(m) = sent.mention_at[w] else {
                    return Vec::new();
                };
                let mention = &sent.mentions[m];
                let head = noun_head(sent, mention.head);
                let mut b = bind;
                match elem {
                    PatternElem::Source => b.source = Some(head),
                    PatternElem::Target => b.target = Some(head),
                    _ => {
                        if self.phrase_codes(sent, head).len() < 2 {
                            return Vec::new();
                        }
                        b.compound = Some(head);
                    }
                }
                let last = mention.start + mention.len - 1;
                let end = dom.iter().position(|&d| d > last).unwrap_or(dom.len());
                vec![(end.max(s + 1), b)]
            }
            PatternElem::Prep(prep, inner) => {
                if word.upper != **prep {
                    return Vec::new();
                }
                let Some(h) = word.head else {
                    return Vec::new();
                };
                let phrase = subtree(sent, h);
                let inner_dom: Vec<usize> = dom[s + 1..]
                    .iter()
                    .copied()
                    .filter(|d| phrase.binary_search(d).is_ok())
                    .collect();
                let mut out = Vec::new();
                let first_tight = inner.first().is_some_and(|t| t.tight);
                self.match_seq(
                    sent,
                    inner,
                    &inner_dom,
                    0,
                    first_tight,
                    bind,
                    budget,
                    &mut |end, b| {
                        let last = if end == 0 { w } else { inner_dom[end - 1] };
                        let outer = dom.iter().position(|&d| d > last).unwrap_or(dom.len());
                        out.push((outer, b));
                        true
                    },
                );
                out
            }
            PatternElem::Phrase(inner) => {
                let mut out = Vec::new();
                self.match_seq(sent, inner, dom, s, true, bind, budget, &mut |end, b| {
                    out.push((end, b));
                    true
                });
                out
            }
            PatternElem::Verb => Vec::new(),
        }
    }
}

/// Proper nouns that name times, not actors.
const TIME_NAMES: &[&str] = &[
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
];

/// Whether the phrase of `head` (clauses left out) holds a proper noun
/// that no actor or agent phrase covers (and that is not a day or month).
fn has_unknown_name(sent: &Sentence<'_>, head: usize) -> bool {
    let mut covered = vec![false; sent.words.len()];
    for m in &sent.mentions {
        for flag in covered.iter_mut().skip(m.start).take(m.len) {
            *flag = true;
        }
    }
    let mut stack = vec![head];
    let mut steps = 0;
    while let Some(w) = stack.pop() {
        steps += 1;
        if steps > sent.words.len() {
            break;
        }
        let word = &sent.words[w];
        if word.upos == Upos::Propn && !covered[w] && !TIME_NAMES.contains(&word.upper.as_str()) {
            return true;
        }
        for &k in &sent.children[w] {
            if !NOT_IN_PHRASE.contains(&sent.words[k].deprel.as_str())
                && sent.words[k].deprel != "acl"
            {
                stack.push(k);
            }
        }
    }
    false
}

/// Whether the clause a reporting verb reports (its `ccomp`, the clause
/// it is a `parataxis` of: "X did Y, an official said", or the words
/// before a trailing reporting clause) holds a proper noun no actor or
/// agent phrase covers.
fn reported_unknown(sent: &Sentence<'_>, v: usize) -> bool {
    let own = subtree(sent, v);
    let content: Vec<usize> = match sent.children[v]
        .iter()
        .copied()
        .find(|&c| sent.words[c].deprel == "ccomp")
    {
        Some(c) => subtree(sent, c),
        None => match sent.words[v].head {
            Some(h) if sent.words[v].deprel == "parataxis" => subtree(sent, h)
                .into_iter()
                .filter(|w| own.binary_search(w).is_err())
                .collect(),
            _ => match trailing_report(sent, v, &own) {
                Some(comma) => (0..comma).collect(),
                None => return false,
            },
        },
    };
    let mut covered = vec![false; sent.words.len()];
    for m in &sent.mentions {
        for flag in covered.iter_mut().skip(m.start).take(m.len) {
            *flag = true;
        }
    }
    content.iter().any(|&w| {
        let word = &sent.words[w];
        word.upos == Upos::Propn && !covered[w] && !TIME_NAMES.contains(&word.upper.as_str())
    })
}

/// The comma before a reporting clause that ends the sentence ("...,
/// a senior official said on Tuesday."): the verb's subject phrase starts
/// right after a comma, nothing after the verb is outside the verb's
/// clause (but punctuation) and the verb has no object or complement
/// after it. Whatever the parse attached to the verb before that comma,
/// the words before it are what was reported: a reporting clause does
/// not reach back over the comma that sets it off.
fn trailing_report(sent: &Sentence<'_>, v: usize, own: &[usize]) -> Option<usize> {
    let subject = sent.children[v]
        .iter()
        .copied()
        .find(|&c| c < v && sent.words[c].deprel.starts_with("nsubj"))?;
    // the phrase's first word (a comma the parse hung on it left out)
    let start = subtree(sent, subject)
        .into_iter()
        .find(|&w| sent.words[w].upos != Upos::Punct)?;
    let comma = start.checked_sub(1)?;
    if sent.words[comma].upper != "," || comma == 0 {
        return None;
    }
    let complement = sent.children[v].iter().any(|&c| {
        c > v
            && matches!(
                sent.words[c].deprel.as_str(),
                "obj" | "iobj" | "ccomp" | "xcomp"
            )
    });
    let clause_ends = (v + 1..sent.words.len())
        .all(|w| sent.words[w].upos == Upos::Punct || own.binary_search(&w).is_ok());
    (!complement && clause_ends).then_some(comma)
}

/// The word of `start..start+len` whose head lies outside the span.
fn span_head(words: &[Word], start: usize, len: usize) -> usize {
    let end = start + len;
    (start..end)
        .find(|&i| words[i].head.is_none_or(|h| h < start || h >= end))
        .unwrap_or(start)
}

/// The noun a mention's head belongs to: up through `compound`, `flat`,
/// `amod` and `nmod:poss` ("the Valdor government", "Valdor's army").
fn noun_head(sent: &Sentence<'_>, mut w: usize) -> usize {
    for _ in 0..sent.words.len() {
        match sent.words[w].head {
            Some(h)
                if matches!(
                    sent.words[w].deprel.as_str(),
                    "compound" | "flat" | "amod" | "nmod:poss"
                ) =>
            {
                w = h
            }
            _ => break,
        }
    }
    w
}

fn depth_of(parent: &[usize], root: usize, mut w: usize) -> usize {
    let mut d = 0;
    while w != root && w != usize::MAX && d <= parent.len() {
        w = parent[w];
        d += 1;
    }
    d
}

/// The words of `w`'s subtree, sorted.
fn subtree(sent: &Sentence<'_>, w: usize) -> Vec<usize> {
    let mut out = vec![w];
    let mut i = 0;
    while i < out.len() && out.len() <= sent.words.len() {
        out.extend(sent.children[out[i]].iter().copied());
        i += 1;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// An actor code with agent codes added: `~X` after, `X~` before; a code
/// whose 3-letter pieces are all in the code already is not added again.
fn combine(actor: &str, agents: &[&AgentCode]) -> String {
    let mut code = actor.to_string();
    for agent in agents {
        let pieces: Vec<&str> = chunks(&agent.code);
        let have: Vec<&str> = chunks(&code);
        if !pieces.is_empty() && pieces.iter().all(|p| have.contains(p)) {
            continue;
        }
        if agent.prefix {
            code = format!("{}{code}", agent.code);
        } else {
            code.push_str(&agent.code);
        }
    }
    code
}

fn chunks(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let end = (i + 3).min(code.len());
        match code.get(i..end) {
            Some(piece) => out.push(piece),
            None => break,
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests;
