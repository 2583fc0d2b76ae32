//! Actor and place mentions in one document: lexicon matches (countries,
//! demonyms, capitals, organisations, known people, cities), people
//! introduced by titles (a country's possessive, a title, a full name), by
//! appositions (a name, a comma, a role at an organisation; a role, a
//! comma, a name), capitalised names, pronouns; and the actor table they
//! resolve to (surnames and spelling variants to one actor).

#![warn(clippy::too_many_lines)]

use super::lexdata::{self, is_in};
use super::names::{self, NameClass};
use crate::lexicon::{EntryKind, LexMatch, Lexicon, Via};
use crate::model::ActorKind;
use std::collections::{BTreeSet, HashMap};

/// A map from token index to a value, backed by a vector (the lexicon
/// matches starting or ending at each token).
pub struct TokMap(Vec<usize>);

impl TokMap {
    fn new(n: usize) -> TokMap {
        TokMap(vec![usize::MAX; n])
    }
    fn insert(&mut self, k: usize, v: usize) {
        self.0[k] = v;
    }
    fn get(&self, k: &usize) -> Option<&usize> {
        self.0.get(*k).filter(|v| **v != usize::MAX)
    }
    fn contains_key(&self, k: &usize) -> bool {
        self.get(k).is_some()
    }
}

impl std::ops::Index<&usize> for TokMap {
    type Output = usize;
    fn index(&self, k: &usize) -> &usize {
        &self.0[*k]
    }
}

/// A token of the document with its lowercase form and flags.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Byte offset in `Doc::text` where the token starts.
    pub start: usize,
    /// Byte offset in `Doc::text` just past the token (exclusive).
    pub end: usize,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// A word (letters), not a number or punctuation.
    pub word: bool,
    /// Inside double quotes.
    pub quoted: bool,
}

/// A sentence: its span and its tokens `toks[t0..t1]`.
#[derive(Debug, Clone, Copy)]
pub struct Sent {
    /// Byte offset in `Doc::text` where the sentence starts.
    pub start: usize,
    /// Byte offset in `Doc::text` just past the sentence (exclusive).
    pub end: usize,
    /// Index in `Doc::toks` of the first token.
    pub t0: usize,
    /// Index in `Doc::toks` just past the last token (exclusive).
    pub t1: usize,
    /// From a heading: names count, events do not.
    pub heading: bool,
    /// From a photo caption: dated by its own dates, not the story's.
    pub caption: bool,
}

/// An actor of the document being built from its mentions (a draft of the
/// report's actor).
#[derive(Debug, Clone)]
pub struct ActorDraft {
    /// The display name: the lexicon's canonical name, else the name as the text writes it.
    pub name: String,
    /// `normalize_name(name)`.
    pub norm: String,
    /// What the actor is.
    pub kind: ActorKind,
    /// Other surface forms the text uses for the actor, sorted.
    pub aliases: BTreeSet<String>,
    /// The title the text or the lexicon gives ("Foreign Minister").
    pub title: Option<String>,
    /// Index in `Doc::actors` of the country or organisation the actor belongs to.
    pub affiliation: Option<usize>,
    /// ISO 3166 alpha-2 code of the actor's country, from the lexicon.
    pub country: Option<String>,
    /// Index of the actor's entry in `Lexicon::entries()`.
    pub lex: Option<usize>,
    /// Number of mentions in the text; 0 for an actor merged into another or only credited.
    pub mentions: usize,
    /// Introduced with its own title as a single name ("President Bush").
    pub titled_single: bool,
    /// Introduced as a former holder of its title ("former President X").
    pub former: bool,
    /// Named in the page's credits (byline, agency line, source list): listed
    /// without a mention in the text.
    pub credited: bool,
}

impl ActorDraft {
    /// A new actor of the document with no alias, title or mention.
    fn new(name: String, norm: String, kind: ActorKind) -> ActorDraft {
        ActorDraft {
            name,
            norm,
            kind,
            aliases: BTreeSet::new(),
            title: None,
            affiliation: None,
            country: None,
            lex: None,
            mentions: 0,
            titled_single: false,
            former: false,
            credited: false,
        }
    }
}

/// A mention of an actor.
#[derive(Debug, Clone, Copy)]
pub struct Mention {
    /// Index in `Doc::actors`.
    pub actor: usize,
    /// Index in `Doc::sents`.
    pub sent: usize,
    /// Token range.
    pub t0: usize,
    /// Index in `Doc::toks` just past the mention (exclusive).
    pub t1: usize,
    /// Can be an event participant (not a modifier inside another mention).
    pub arg: bool,
    /// Refers back to an actor named before: a pronoun, "the two men", or a
    /// description such as "the top U.S. diplomat".
    pub pronoun: bool,
}

/// A place mention.
#[derive(Debug, Clone)]
pub struct PlaceM {
    /// The lexicon's canonical name, or the text's surface form.
    pub name: String,
    /// ISO 3166 alpha-2 code of the place's country, if known.
    pub country: Option<String>,
    /// Latitude in degrees, from the lexicon.
    pub lat: Option<f64>,
    /// Longitude in degrees, from the lexicon.
    pub lon: Option<f64>,
    /// Index in `Doc::sents`.
    pub sent: usize,
    /// Index in `Doc::toks` of the first token.
    pub t0: usize,
    /// Index in `Doc::toks` just past the last token (exclusive).
    pub t1: usize,
}

/// The document being read: text, tokens, sentences, mentions, actors.
pub struct Doc<'a> {
    /// The text read (the article's clean text).
    pub text: &'a str,
    /// `text` lowercased with the same byte offsets (ASCII lowercase).
    pub lower: &'a str,
    /// The tokens of all sentences, in text order.
    pub toks: Vec<Tok>,
    /// The sentences, in text order.
    pub sents: Vec<Sent>,
    /// The actors found so far; other fields refer to them by index.
    pub actors: Vec<ActorDraft>,
    /// The actor mentions.
    pub mentions: Vec<Mention>,
    /// The place mentions, by sentence.
    pub places: Vec<PlaceM>,
    /// The lexicon the names are looked up in.
    pub lex: &'a Lexicon,
    by_lex: HashMap<usize, usize>,
    by_name: HashMap<String, usize>,
    by_part: HashMap<String, Vec<usize>>,
    /// Per token: `(title end << 1) | plural`, 0 for none.
    title_cache: Vec<u64>,
}

impl<'a> Doc<'a> {
    /// An empty document over `text`; `lower` must have the same byte
    /// offsets as `text`. The caller fills `toks` and `sents`.
    pub fn new(text: &'a str, lower: &'a str, lex: &'a Lexicon) -> Doc<'a> {
        Doc {
            text,
            lower,
            toks: Vec::new(),
            sents: Vec::new(),
            actors: Vec::new(),
            mentions: Vec::new(),
            places: Vec::new(),
            lex,
            by_lex: HashMap::new(),
            by_name: HashMap::new(),
            by_part: HashMap::new(),
            title_cache: Vec::new(),
        }
    }

    /// The lowercase text of token `i`.
    pub fn low(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.lower[t.start..t.end]
    }

    /// The text of token `i`.
    pub fn tx(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }

    fn surface(&self, t0: usize, t1: usize) -> String {
        if t0 >= t1 {
            return String::new();
        }
        let s = &self.text[self.toks[t0].start..self.toks[t1 - 1].end];
        clean_name(s)
    }

    fn actor_for_entry(&mut self, entry: usize) -> usize {
        if let Some(&a) = self.by_lex.get(&entry) {
            return a;
        }
        let e = &self.lex.entries()[entry];
        let kind = match e.kind {
            EntryKind::Country => ActorKind::Country,
            EntryKind::Person => ActorKind::Person,
            EntryKind::Group => ActorKind::Group,
            EntryKind::City | EntryKind::Region => ActorKind::Place,
            _ => ActorKind::Organization,
        };
        let a = self.actors.len();
        self.actors.push(ActorDraft {
            title: e.title.clone(),
            country: e.country.clone(),
            lex: Some(entry),
            ..ActorDraft::new(
                e.canonical.clone(),
                crate::model::normalize_name(&e.canonical),
                kind,
            )
        });
        self.by_lex.insert(entry, a);
        if kind == ActorKind::Person {
            self.by_name
                .insert(crate::model::normalize_name(&e.canonical), a);
            self.index_parts(a);
        }
        if let Some(c) = e.country.clone() {
            if kind == ActorKind::Person {
                if let Some(ci) = self.country_entry(&c) {
                    let ca = self.actor_for_entry(ci);
                    self.actors[a].affiliation = Some(ca);
                }
            }
        }
        a
    }

    fn country_entry(&self, code: &str) -> Option<usize> {
        self.lex
            .entries()
            .iter()
            .position(|e| e.kind == EntryKind::Country && e.country.as_deref() == Some(code))
    }

    /// The actor for a person's name (tokens `n0..n1`).
    fn person(&mut self, n0: usize, n1: usize, titled: bool) -> usize {
        let name = self.surface(n0, n1);
        let key = crate::model::normalize_name(&name);
        if let Some(&a) = self.by_name.get(&key) {
            return a;
        }
        let parts: Vec<String> = key.split(' ').map(str::to_string).collect();
        // surname-only: an existing person with that name part
        if parts.len() == 1 {
            if let Some(a) = self.person_by_part(&parts[0]) {
                return a;
            }
        } else {
            // spelling variants: same last name, first names alike (the
            // people with that name part, from the index)
            let last = parts.last().cloned().unwrap_or_default();
            let found = self
                .by_part
                .get(&last)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&a| {
                    let x = &self.actors[a];
                    x.kind == ActorKind::Person && {
                        let xp: Vec<&str> = x.norm.split(' ').collect();
                        xp.len() > 1
                            && xp.last() == Some(&last.as_str())
                            && similar_first(xp[0], &parts[0])
                    }
                })
                .min();
            if let Some(a) = found {
                self.by_name.insert(key, a);
                self.actors[a].aliases.insert(name);
                return a;
            }
            // an untitled single-name person takes the full name
            let single = parts
                .iter()
                .filter_map(|p| self.by_part.get(p))
                .flatten()
                .copied()
                .filter(|&a| {
                    let x = &self.actors[a];
                    x.kind == ActorKind::Person
                        && !x.titled_single
                        && x.lex.is_none()
                        && !x.name.contains(' ')
                        && parts.contains(&x.norm)
                })
                .min();
            // the name with its generational suffix left out ("John Paul"
            // for "John Paul II")
            let fuller = names::GENERATIONAL.iter().find_map(|suffix| {
                self.by_name
                    .get(&format!("{key} {suffix}"))
                    .copied()
                    .filter(|&a| self.actors[a].kind == ActorKind::Person)
            });
            if let Some(a) = fuller {
                self.by_name.insert(key, a);
                self.actors[a].aliases.insert(name);
                return a;
            }
            if let Some(a) = single {
                let old = std::mem::replace(&mut self.actors[a].name, name.clone());
                self.actors[a].norm = key.clone();
                self.actors[a].aliases.insert(old);
                self.index_parts(a);
                self.by_name.insert(key, a);
                return a;
            }
        }
        let a = self.actors.len();
        self.actors.push(ActorDraft {
            titled_single: titled && parts.len() == 1,
            ..ActorDraft::new(name, key.clone(), ActorKind::Person)
        });
        self.by_name.insert(key, a);
        self.index_parts(a);
        a
    }

    fn person_by_part(&self, part: &str) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for &i in self.by_part.get(part).map(Vec::as_slice).unwrap_or(&[]) {
            let x = &self.actors[i];
            if best.is_none_or(|b| x.mentions > b.1) {
                best = Some((i, x.mentions));
            }
        }
        best.map(|b| b.0)
    }

    /// Indexes a person's name parts for surname-only mentions.
    fn index_parts(&mut self, a: usize) {
        if self.actors[a].kind != ActorKind::Person {
            return;
        }
        let norm = self.actors[a].norm.clone();
        for p in norm.split(' ') {
            if p.is_empty() || is_in(lexdata::NAME_PARTICLES, p) {
                continue;
            }
            let v = self.by_part.entry(p.to_string()).or_default();
            if !v.contains(&a) {
                v.push(a);
            }
        }
    }

    fn org(&mut self, name: String) -> usize {
        let key = crate::model::normalize_name(&name);
        if let Some(&a) = self.by_name.get(&key) {
            return a;
        }
        if let Some((e, _)) = self.lex.lookup(&name) {
            return self.actor_for_entry(e);
        }
        let a = self.actors.len();
        self.actors
            .push(ActorDraft::new(name, key.clone(), ActorKind::Organization));
        self.by_name.insert(key, a);
        a
    }

    /// The actor a credit line names: an actor of the document with that
    /// name, else a lexicon entry of the same kind, else a new actor.
    pub fn credit_actor(&mut self, name: &str, kind: ActorKind) -> usize {
        let key = crate::model::normalize_name(name);
        let same_name = self.by_name.get(&key).copied();
        let a = if let Some(a) = same_name.filter(|&a| self.actors[a].kind == kind) {
            a
        } else if let Some(e) = self
            .lex
            .candidates(name)
            .iter()
            .map(|&(e, _)| e)
            .find(|&e| match self.lex.entries()[e].kind {
                EntryKind::Person => kind == ActorKind::Person,
                EntryKind::Organization => kind == ActorKind::Organization,
                _ => false,
            })
        {
            self.actor_for_entry(e)
        } else {
            let a = self.actors.len();
            self.actors
                .push(ActorDraft::new(name.to_string(), key.clone(), kind));
            // a name the text gave an actor of another kind keeps pointing there
            if same_name.is_none() {
                self.by_name.insert(key, a);
            }
            a
        };
        self.actors[a].credited = true;
        a
    }

    fn add_mention(&mut self, actor: usize, sent: usize, t0: usize, t1: usize, arg: bool) {
        let surface = self.surface(t0, t1);
        let a = &mut self.actors[actor];
        if !surface.is_empty() && surface != a.name && surface.len() < 120 {
            a.aliases.insert(surface);
        }
        self.refer(actor, sent, t0, t1, arg, false);
    }

    /// A mention whose words are not a name of the actor ("the top U.S.
    /// diplomat", the "Commission" of "AU Commission"): no alias.
    fn refer(&mut self, actor: usize, sent: usize, t0: usize, t1: usize, arg: bool, pronoun: bool) {
        self.actors[actor].mentions += 1;
        self.mentions.push(Mention {
            actor,
            sent,
            t0,
            t1,
            arg,
            pronoun,
        });
    }
}

fn similar_first(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let pa: String = a.chars().take(4).collect();
    let pb: String = b.chars().take(4).collect();
    pa.chars().count() >= 4 && pa == pb
}

/// Trims a surface form: surrounding punctuation and a possessive.
pub fn clean_name(s: &str) -> String {
    let mut t = s.trim().trim_matches(|c: char| {
        matches!(
            c,
            ',' | ';'
                | ':'
                | '"'
                | '('
                | ')'
                | '\u{201c}'
                | '\u{201d}'
                | '\u{2018}'
                | '-'
                | '\u{2014}'
                | '\u{2013}'
        )
    });
    for suf in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(x) = t.strip_suffix(suf) {
            t = x;
            break;
        }
    }
    t.trim().to_string()
}

/// Whether token `i` can be part of a personal name.
fn name_like(doc: &Doc<'_>, token: usize) -> bool {
    let tok = doc.toks[token];
    if !tok.word || !tok.cap {
        return false;
    }
    let low = doc.low(token);
    let bare = low.trim_end_matches('.');
    if lexdata::not_name(bare) {
        return false;
    }
    // possessive token
    if low == "'s" || low == "\u{2019}s" {
        return false;
    }
    true
}

fn is_possessive(doc: &Doc<'_>, token: usize) -> bool {
    token < doc.toks.len() && matches!(doc.low(token), "'s" | "\u{2019}s")
}

/// Longest title starting at token `i` (within `end`): the end token
/// (looked up in the per-document cache when it is filled).
fn title_at(doc: &Doc<'_>, token: usize, end: usize) -> Option<(usize, bool)> {
    if let Some(&cached) = doc.title_cache.get(token) {
        if cached == 0 {
            return None;
        }
        let title_end = (cached >> 1) as usize;
        return (title_end <= end).then_some((title_end, cached & 1 == 1));
    }
    title_scan(doc, token, end)
}

fn title_scan(doc: &Doc<'_>, token: usize, end: usize) -> Option<(usize, bool)> {
    let titles = lexdata::titles();
    let low = doc.low(token);
    let list = titles.by_first.get(low)?;
    for &k in list {
        let title = &titles.all[k];
        let len = title.words.len();
        if token + len <= end && (0..len).all(|j| doc.low(token + j) == title.words[j]) {
            return Some((token + len, title.plural));
        }
    }
    None
}

/// A personal name starting at `i`: capitalised words with particles,
/// initials, a quoted nickname and a generational suffix. Returns its end.
fn name_at(doc: &Doc<'_>, start: usize, end: usize, lex: &LexIndex<'_>) -> Option<usize> {
    if start >= end || !name_like(doc, start) || title_at(doc, start, end).is_some() {
        return None;
    }
    let mut next = start + 1;
    while next < end && next - start < 6 {
        if lex.start.contains_key(&next) && !lex_is_person(doc, lex.start[&next], lex.matches) {
            break;
        }
        if name_like(doc, next) && title_at(doc, next, end).is_none() {
            next += 1;
        } else if is_in(lexdata::NAME_PARTICLES, doc.low(next))
            && next + 1 < end
            && (name_like(doc, next + 1)
                || (next + 2 < end
                    && is_in(lexdata::NAME_PARTICLES, doc.low(next + 1))
                    && name_like(doc, next + 2)))
        {
            next += if name_like(doc, next + 1) { 2 } else { 3 };
        } else if matches!(doc.tx(next), "\"" | "\u{201c}")
            && next + 2 < end
            && name_like(doc, next + 1)
            && matches!(doc.tx(next + 2), "\"" | "\u{201d}")
            && next + 3 < end
            && name_like(doc, next + 3)
        {
            next += 3;
        } else {
            break;
        }
    }
    // a name of one word must not be a sentence-initial common word; that
    // is checked by the caller
    Some(next)
}

fn lex_is_person(doc: &Doc<'_>, lexicon_match: usize, matches: &[LexMatch]) -> bool {
    matches!(
        doc.lex.entries()[matches[lexicon_match].entry].kind,
        EntryKind::Person | EntryKind::City | EntryKind::Region
    )
}

/// The document's lexicon matches indexed by token: the match that starts
/// at a token and the token just past it.
struct LexIndex<'m> {
    /// The lexicon matches, in text order.
    matches: &'m [LexMatch],
    /// Per token: the index in `matches` of the match starting there.
    start: TokMap,
    /// Per token: the token just past the match starting there.
    end: TokMap,
}

impl<'m> LexIndex<'m> {
    /// Indexes `matches` (in text order) by their first token; a match that
    /// does not end where a token of the same sentence ends is left out (the
    /// lexicon runs over the whole text, so a name can run across a line
    /// that ends a sentence or across the cut of an overlong sentence).
    fn new(doc: &Doc<'_>, matches: &'m [LexMatch]) -> LexIndex<'m> {
        let mut start = TokMap::new(doc.toks.len());
        let mut end = TokMap::new(doc.toks.len());
        let mut next_match = 0;
        for sentence in &doc.sents {
            for token in sentence.t0..sentence.t1 {
                let tok = doc.toks[token];
                while next_match < matches.len() && matches[next_match].start < tok.start {
                    next_match += 1;
                }
                if next_match < matches.len() && matches[next_match].start == tok.start {
                    // the last token: the first whose end reaches the match's end
                    let mut last = token;
                    while last < sentence.t1 && doc.toks[last].end < matches[next_match].end {
                        last += 1;
                    }
                    if last < sentence.t1 && doc.toks[last].end == matches[next_match].end {
                        start.insert(token, next_match);
                        end.insert(token, last + 1);
                    }
                }
            }
        }
        LexIndex {
            matches,
            start,
            end,
        }
    }
}

/// One sentence being read for mentions: its tokens and which of them a
/// mention covers already.
struct SentenceScan {
    /// Index in `Doc::sents`.
    sentence: usize,
    /// Index in `Doc::toks` of the sentence's first token.
    first: usize,
    /// Index in `Doc::toks` just past the sentence's last token.
    end: usize,
    /// Index in `Doc::mentions` of the sentence's first mention.
    first_mention: usize,
    /// Per token of the sentence: part of a mention already.
    covered: Vec<bool>,
}

impl SentenceScan {
    fn new(doc: &Doc<'_>, sentence: usize) -> SentenceScan {
        let Sent { t0, t1, .. } = doc.sents[sentence];
        SentenceScan {
            sentence,
            first: t0,
            end: t1,
            first_mention: doc.mentions.len(),
            covered: vec![false; t1 - t0],
        }
    }

    fn is_covered(&self, token: usize) -> bool {
        self.covered[token - self.first]
    }

    fn cover(&mut self, tokens: std::ops::Range<usize>) {
        for token in tokens {
            self.covered[token - self.first] = true;
        }
    }
}

/// Finds mentions in every sentence: per sentence, the passes from the most
/// specific construction to the least (people with titles, lexicon
/// entities, capitalised names, groups of powers, descriptions by relation,
/// pronouns); then the merges over the whole document. Plural phrases
/// ("both men", "they") are resolved afterwards (`extract::anaphora`).
pub fn find_mentions(doc: &mut Doc<'_>, lexicon_matches: &[LexMatch]) {
    cache_titles(doc);
    let lex = LexIndex::new(doc, lexicon_matches);
    for sentence in 0..doc.sents.len() {
        let mut scan = SentenceScan::new(doc, sentence);
        people_with_titles(doc, &lex, &mut scan);
        lexicon_entities(doc, &lex, &mut scan);
        capitalised_names(doc, &lex, &mut scan);
        groups_of_powers(doc, &mut scan);
        opposition_groups(doc, &lex, &mut scan);
        relation_descriptions(doc, &mut scan);
        pronouns(doc, &scan);
        doc.mentions[scan.first_mention..].sort_by_key(|m| (m.sent, m.t0));
    }
    merge_short_names(doc);
    article_names(doc);
}

/// Fills the per-token title cache: the longest title starting at each
/// token of each sentence.
fn cache_titles(doc: &mut Doc<'_>) {
    let mut cache = vec![0u64; doc.toks.len()];
    for sentence in &doc.sents {
        for (token, slot) in cache
            .iter_mut()
            .enumerate()
            .take(sentence.t1)
            .skip(sentence.t0)
        {
            if let Some((title_end, plural)) = title_scan(doc, token, sentence.t1) {
                *slot = ((title_end as u64) << 1) | plural as u64;
            }
        }
    }
    doc.title_cache = cache;
}

/// A span of tokens: the first and the one just past the last.
type TokenSpan = (usize, usize);

/// A title that introduces people, with its modifiers.
struct TitleFound {
    /// Index of the title's first token.
    start: usize,
    /// A plural title, which can name two people.
    plural: bool,
    /// The title as the text writes it.
    text: String,
    /// Index of the first modifier before the title.
    modifiers_start: usize,
    /// The country or organisation the modifiers or an "of" phrase name.
    affiliation: Option<usize>,
}

/// Pass 1: people introduced by a title (a title before a name, a title
/// then a comma then a name), and a definite description by a title that
/// names a person met before.
fn people_with_titles(doc: &mut Doc<'_>, lex: &LexIndex<'_>, scan: &mut SentenceScan) {
    let mut token = scan.first;
    while token < scan.end {
        token = match title_at(doc, token, scan.end) {
            Some((title_end, plural)) => titled_people_at(doc, lex, scan, token, title_end, plural),
            None => token + 1,
        };
    }
}

/// The people the title at `title_start..title_end` introduces; returns
/// the token to go on from.
fn titled_people_at(
    doc: &mut Doc<'_>,
    lex: &LexIndex<'_>,
    scan: &mut SentenceScan,
    title_start: usize,
    title_end: usize,
    plural: bool,
) -> usize {
    let (mut after, last_title, of_actor) =
        title_complements(doc, lex, scan, title_start, title_end);
    let (modifiers_start, affiliation) = modifiers_before(doc, title_start, scan, lex);
    let title_capitalised = doc.toks[last_title].cap;
    // a title, then "the", then a name of two words
    if after + 2 < scan.end
        && doc.low(after) == "the"
        && name_like(doc, after + 1)
        && name_like(doc, after + 2)
    {
        after += 1;
    }
    let title = TitleFound {
        start: title_start,
        plural,
        text: doc.surface(title_start, title_end),
        modifiers_start,
        affiliation: affiliation.or(of_actor),
    };
    let (names, titled_alias) = names_after_title(doc, lex, scan.end, after, plural);
    if names.is_empty() {
        // a description by a title ("the foreign minister"): a person the
        // article named before with that title
        if !plural && after == title_end {
            if let Some(actor) = definite_description(
                doc,
                title_start,
                title_end,
                modifiers_start,
                affiliation,
                scan.first,
            ) {
                let mention_start = modifiers_start.min(title_start);
                doc.refer(actor, scan.sentence, mention_start, title_end, true, true);
                scan.cover(mention_start..title_end);
            }
        }
        return title_end.max(title_start + 1);
    }
    let mut last_end = after;
    for (k, &(name_start, name_end)) in names.iter().enumerate() {
        // skip a one-word name after a lowercase title unless known
        if name_end - name_start == 1
            && !title_capitalised
            && doc.person_by_part(doc.low(name_start)).is_none()
        {
            continue;
        }
        let mention_start = if k == 0 { modifiers_start } else { name_start };
        let alias = titled_alias.filter(|_| k == 0);
        add_titled_person(
            doc,
            lex,
            scan,
            &title,
            (name_start, name_end),
            mention_start,
            alias,
        );
        last_end = name_end;
    }
    last_end.max(title_start + 1)
}

/// What follows a title before the name: more titles in a chain (a title
/// then an honorific), and an "of"/"to" phrase naming a country or an
/// organisation, which is mentioned here. Returns the token after them,
/// the first token of the chain's last title, and the actor of an "of"
/// phrase.
fn title_complements(
    doc: &mut Doc<'_>,
    lex: &LexIndex<'_>,
    scan: &SentenceScan,
    title_start: usize,
    title_end: usize,
) -> (usize, usize, Option<usize>) {
    let end = scan.end;
    let mut after = title_end;
    let mut of_actor = None;
    let mut last_title = title_start;
    while after < end {
        if let Some((next_title_end, _)) = title_at(doc, after, end) {
            if doc.toks[after].cap || doc.low(after).ends_with('.') {
                last_title = after;
                after = next_title_end;
                continue;
            }
        }
        break;
    }
    if after + 1 < end && matches!(doc.low(after), "of" | "to") {
        if let Some(&m) = lex.start.get(&(after + 1)) {
            let entry = lex.matches[m].entry;
            let kind = doc.lex.entries()[entry].kind;
            if matches!(kind, EntryKind::Country | EntryKind::Organization) {
                let actor = doc.actor_for_entry(entry);
                if doc.low(after) == "of" {
                    of_actor = Some(actor);
                }
                let match_end = lex.end[&(after + 1)];
                doc.add_mention(actor, scan.sentence, after + 1, match_end, false);
                after = match_end;
            }
        }
    }
    (after, last_title, of_actor)
}

/// The names a title introduces from token `after`: a known person, a
/// personal name, two names joined by "and" after a plural title, else a
/// name after a comma. Also the span of a second title and name after the
/// comma, kept as an alias.
fn names_after_title(
    doc: &Doc<'_>,
    lex: &LexIndex<'_>,
    end: usize,
    after: usize,
    plural: bool,
) -> (Vec<TokenSpan>, Option<TokenSpan>) {
    let mut names: Vec<(usize, usize)> = Vec::new();
    if after >= end {
        // the title ends the sentence: the next token is another sentence's
        return (names, None);
    }
    if let Some(&m) = lex.start.get(&after) {
        if doc.lex.entries()[lex.matches[m].entry].kind == EntryKind::Person {
            names.push((after, lex.end[&after]));
        }
    }
    if names.is_empty() {
        if let Some(name_end) = name_at(doc, after, end, lex) {
            // a lowercase descriptive title needs a capitalised title
            // or a name of two words or more, or a known surname
            names.push((after, name_end));
        }
    }
    if plural && names.len() == 1 {
        let (_, name_end) = names[0];
        if name_end + 1 < end && doc.low(name_end) == "and" {
            if let Some(second_end) = name_at(doc, name_end + 1, end, lex) {
                names.push((name_end + 1, second_end));
            }
        }
    }
    if !names.is_empty() {
        return (names, None);
    }
    match name_after_comma(doc, lex, end, after) {
        Some((name, alias)) => (vec![name], alias),
        None => (names, None),
    }
}

/// A title phrase, a comma, then a name of two words or more (perhaps
/// after a second title, whose span with the name is returned as an
/// alias).
fn name_after_comma(
    doc: &Doc<'_>,
    lex: &LexIndex<'_>,
    end: usize,
    after: usize,
) -> Option<(TokenSpan, Option<TokenSpan>)> {
    let mut comma = after;
    let limit = (after + 14).min(end);
    while comma < limit
        && doc.tx(comma) != ","
        && !matches!(doc.low(comma), "said" | "says" | "told")
    {
        comma += 1;
    }
    // a comma that ends the sentence introduces no name
    if comma + 1 >= end || doc.tx(comma) != "," {
        return None;
    }
    // a second title before the name
    let name_start = match title_at(doc, comma + 1, end) {
        Some((second_title_end, false)) if second_title_end < end && doc.toks[comma + 1].cap => {
            second_title_end
        }
        _ => comma + 1,
    };
    let name_end = name_at(doc, name_start, end, lex)?;
    let ok_end = name_end >= end
        || matches!(doc.tx(name_end), "," | "." | ";" | ")")
        || matches!(doc.low(name_end), "said" | "says" | "told");
    if !ok_end || name_end - name_start < 2 {
        return None;
    }
    let alias = (name_start > comma + 1).then_some((comma + 1, name_end));
    Some(((name_start, name_end), alias))
}

/// One person a title introduces, named by tokens `name.0..name.1`: the
/// actor, its title, affiliation and former status, and the mention from
/// `mention_start` (the title's modifiers for the first name).
fn add_titled_person(
    doc: &mut Doc<'_>,
    lex: &LexIndex<'_>,
    scan: &mut SentenceScan,
    title: &TitleFound,
    name: (usize, usize),
    mention_start: usize,
    alias: Option<(usize, usize)>,
) {
    let (name_start, name_end) = name;
    let actor = match lex.start.get(&name_start) {
        Some(&m)
            if lex.end[&name_start] == name_end
                && doc.lex.entries()[lex.matches[m].entry].kind == EntryKind::Person =>
        {
            doc.actor_for_entry(lex.matches[m].entry)
        }
        _ => doc.person(name_start, name_end, true),
    };
    if doc.actors[actor].title.is_none() || doc.actors[actor].lex.is_some() {
        let singular = title.text.trim_end_matches('s').to_string();
        let text = if title.plural {
            singular
        } else {
            title.text.clone()
        };
        if doc.actors[actor].title.is_none() {
            doc.actors[actor].title = Some(text);
        }
    }
    if doc.actors[actor].affiliation.is_none() {
        doc.actors[actor].affiliation = title.affiliation;
    }
    if (title.modifiers_start..title.start).any(|q| is_in(FORMER, doc.low(q))) {
        doc.actors[actor].former = true;
    }
    let mention_start = mention_start.min(name_start);
    doc.add_mention(actor, scan.sentence, mention_start, name_end, true);
    if let Some((alias_start, alias_end)) = alias {
        let alias = doc.surface(alias_start, alias_end);
        doc.actors[actor].aliases.insert(alias);
    }
    // the whole phrase is an alias; mark covered
    scan.cover(mention_start..name_end);
}

/// Pass 2: the lexicon matches no earlier mention covers: places,
/// countries, organisations, known people, demonyms.
fn lexicon_entities(doc: &mut Doc<'_>, lex: &LexIndex<'_>, scan: &mut SentenceScan) {
    let mut token = scan.first;
    while token < scan.end {
        token = lexicon_entity_at(doc, lex, scan, token);
    }
}

/// The lexicon match starting at `token`, if any; returns the token to go
/// on from.
fn lexicon_entity_at(
    doc: &mut Doc<'_>,
    lex: &LexIndex<'_>,
    scan: &mut SentenceScan,
    token: usize,
) -> usize {
    if scan.is_covered(token) {
        return token + 1;
    }
    let Some(&m) = lex.start.get(&token) else {
        return token + 1;
    };
    let match_end = lex.end[&token];
    let entry = lex.matches[m].entry;
    let via = lex.matches[m].via;
    let kind = doc.lex.entries()[entry].kind;
    let prep_before = token > scan.first
        && matches!(
            doc.low(token - 1),
            "in" | "at"
                | "to"
                | "from"
                | "near"
                | "outside"
                | "inside"
                | "across"
                | "around"
                | "into"
        );
    // a one-word city name that is the surname of a person named before
    let known_person =
        if matches!(kind, EntryKind::City | EntryKind::Region) && match_end == token + 1 {
            doc.person_by_part(doc.low(token))
        } else {
            None
        };
    if let Some(actor) = known_person {
        doc.add_mention(actor, scan.sentence, token, match_end, true);
        scan.cover(token..token + 1);
        return match_end;
    }
    match kind {
        EntryKind::City | EntryKind::Region
            if match_end < scan.end
                && doc.toks[match_end].cap
                && lexdata::org_head(doc.low(match_end)) =>
        {
            // a place name before an organisation's head noun: left to
            // the organisation names
            return token + 1;
        }
        EntryKind::City | EntryKind::Region => {
            city_or_region(doc, scan, entry, via, (token, match_end), prep_before);
        }
        _ if capital_as_modifier(doc, lex, scan.end, via, (token, match_end)) => {
            return token + 1;
        }
        _ => entity_mention(doc, scan, entry, via, (token, match_end), prep_before),
    }
    scan.cover(token..match_end);
    match_end
}

/// A city or region: a place; a capital not after a preposition also
/// stands for its country's government, mentioned here.
fn city_or_region(
    doc: &mut Doc<'_>,
    scan: &SentenceScan,
    entry: usize,
    via: Via,
    span: (usize, usize),
    prep_before: bool,
) {
    let e = &doc.lex.entries()[entry];
    let country = e.country.clone();
    let (lat, lon) = (e.lat, e.lon);
    let name = e.canonical.clone();
    if via == Via::Capital && !prep_before {
        if let Some(country_entry) = country.as_deref().and_then(|c| doc.country_entry(c)) {
            let country_actor = doc.actor_for_entry(country_entry);
            doc.add_mention(country_actor, scan.sentence, span.0, span.1, true);
        }
    }
    doc.places.push(PlaceM {
        name,
        country,
        lat,
        lon,
        sent: scan.sentence,
        t0: span.0,
        t1: span.1,
    });
}

/// Whether a capital's name at `span` is not its country here: a first
/// name before a surname, or a word before an organisation's head noun.
fn capital_as_modifier(
    doc: &Doc<'_>,
    lex: &LexIndex<'_>,
    end: usize,
    via: Via,
    span: (usize, usize),
) -> bool {
    let (token, match_end) = span;
    let single_cap = match_end == token + 1 && doc.toks[token].cap;
    // a capital or city name that is a first name
    let first_name = via == Via::Capital
        && single_cap
        && match_end < end
        && name_like(doc, match_end)
        && !lex.start.contains_key(&match_end)
        && title_at(doc, match_end, end).is_none()
        && !lexdata::org_head(doc.low(match_end));
    first_name
        || (via == Via::Capital
            && match_end < end
            && doc.toks[match_end].cap
            && doc.toks[match_end].word
            && lexdata::org_head(doc.low(match_end)))
}

/// A country, organisation, person or group of the lexicon at `span`: a
/// place after a preposition, else an actor (an argument of events, or
/// only a modifier of another noun).
fn entity_mention(
    doc: &mut Doc<'_>,
    scan: &SentenceScan,
    entry: usize,
    via: Via,
    span: (usize, usize),
    prep_before: bool,
) {
    let e = &doc.lex.entries()[entry];
    let (first, end, sentence) = (scan.first, scan.end, scan.sentence);
    let (token, match_end) = span;
    // a place then a comma then its country
    let after_place = token >= first + 2
        && doc.tx(token - 1) == ","
        && doc
            .places
            .last()
            .is_some_and(|p| p.sent == sentence && p.t1 == token - 1 && p.country == e.country);
    let capital_of = via == Via::Capital && token > first && doc.low(token - 1) == "of";
    if ((via == Via::Capital || (e.kind == EntryKind::Country && via == Via::Name))
        && prep_before
        && !matches!(doc.low(token - 1), "to" | "from" | "into"))
        || capital_of
        || (after_place && e.kind == EntryKind::Country)
    {
        // a preposition before a capital or a country: a place, not an actor
        let name = doc.surface(token, match_end);
        let country = e.country.clone();
        doc.places.push(PlaceM {
            name,
            country,
            lat: None,
            lon: None,
            sent: sentence,
            t0: token,
            t1: match_end,
        });
        return;
    }
    let actor = doc.actor_for_entry(entry);
    // an article, a capital and a title: a modifier of an unnamed person
    let modifier = (token > first
        && matches!(doc.low(token - 1), "a" | "an")
        && match_end < end
        && title_at(doc, match_end, end).is_some())
        || (via == Via::Capital
            && match_end < end
            && doc.toks[match_end].word
            && (doc.toks[match_end].cap || is_in(lexdata::NOUN_TRIGGERS, doc.low(match_end))));
    // a demonym is an actor when it heads a state noun or is plural
    let arg = match via {
        Via::Demonym => {
            let text = doc.tx(token);
            (match_end < end && is_in(lexdata::STATE_NOUNS, doc.low(match_end)))
                || (text.ends_with('s') && match_end - token == 1 && !text.ends_with("ss"))
        }
        _ => !modifier,
    };
    let mention_end = if via == Via::Demonym
        && arg
        && match_end < end
        && is_in(lexdata::STATE_NOUNS, doc.low(match_end))
    {
        match_end + 1
    } else {
        match_end
    };
    if e.kind == EntryKind::Country && (prep_before || via == Via::Capital) {
        let name = if via == Via::Capital {
            doc.surface(token, match_end)
        } else {
            e.canonical.clone()
        };
        let country = e.country.clone();
        doc.places.push(PlaceM {
            name,
            country,
            lat: None,
            lon: None,
            sent: sentence,
            t0: token,
            t1: match_end,
        });
    }
    if !arg {
        // registered as an actor, not an argument
        doc.refer(actor, sentence, token, match_end, false, false);
    } else {
        doc.add_mention(actor, sentence, token, mention_end, true);
    }
}

/// Pass 3: capitalised words no earlier mention covers: organisation
/// names, personal names with their appositions.
fn capitalised_names(doc: &mut Doc<'_>, lex: &LexIndex<'_>, scan: &mut SentenceScan) {
    let mut token = scan.first;
    while token < scan.end {
        token = capitalised_name_at(doc, lex, scan, token);
    }
}

/// The organisation or person named from `token`; returns the token to go
/// on from.
fn capitalised_name_at(
    doc: &mut Doc<'_>,
    lex: &LexIndex<'_>,
    scan: &mut SentenceScan,
    token: usize,
) -> usize {
    if scan.is_covered(token) || !name_like(doc, token) {
        return token + 1;
    }
    let (phrase_end, has_org_head, has_place_head) = capitalised_phrase(doc, scan, token);
    // a head noun alone after a capitalised word that names nothing by
    // itself ("the State House dinner", "a Government House reception"):
    // the end of a building's or body's name the reader cannot take
    // whole, no organisation of its own
    if has_org_head
        && phrase_end == token + 1
        && token > scan.first
        && doc.toks[token - 1].cap
        && doc.toks[token - 1].word
        && lexdata::not_name(doc.low(token - 1).trim_end_matches('.'))
    {
        return token + 1;
    }
    if has_org_head && !has_place_head && phrase_end > token {
        organisation_name(doc, lex, scan, (token, phrase_end));
        return phrase_end;
    }
    if has_place_head {
        return phrase_end.max(token + 1);
    }
    let Some(name_end) = name_at(doc, token, scan.end, lex) else {
        return token + 1;
    };
    personal_name(doc, lex, scan, (token, name_end))
}

/// The capitalised phrase from `token` (with "of", "for", "and", "the"
/// inside it once it has an organisation's head noun): its end, and
/// whether it has an organisation's or a place's head noun.
fn capitalised_phrase(doc: &Doc<'_>, scan: &SentenceScan, token: usize) -> (usize, bool, bool) {
    let end = scan.end;
    let mut phrase_end = token;
    let mut has_org_head = false;
    let mut has_place_head = false;
    while phrase_end < end
        && !scan.is_covered(phrase_end)
        && (doc.toks[phrase_end].cap && doc.toks[phrase_end].word
            || (matches!(doc.low(phrase_end), "of" | "for" | "and" | "the")
                && has_org_head
                && phrase_end + 1 < end
                && doc.toks[phrase_end + 1].cap))
    {
        let word = doc.low(phrase_end);
        if lexdata::org_head(word) {
            has_org_head = true;
        }
        if lexdata::place_head(word) {
            has_place_head = true;
        }
        if title_at(doc, phrase_end, end).is_some() && phrase_end > token {
            break;
        }
        phrase_end += 1;
    }
    while phrase_end > token && matches!(doc.low(phrase_end - 1), "of" | "for" | "and" | "the") {
        phrase_end -= 1;
    }
    (phrase_end, has_org_head, has_place_head)
}

/// An organisation named by a capitalised phrase at `span`: a body of the
/// organisation just named (its own word is no name of the organisation),
/// else an organisation of that name; an acronym in brackets after it is
/// an alias.
fn organisation_name(
    doc: &mut Doc<'_>,
    lex: &LexIndex<'_>,
    scan: &mut SentenceScan,
    span: (usize, usize),
) {
    let (start, end) = span;
    let parent = (scan.first..start).rev().take(6).find_map(|q| {
        let m = *lex.start.get(&q)?;
        (lex.end[&q] == start
            && doc.lex.entries()[lex.matches[m].entry].kind == EntryKind::Organization)
            .then_some(lex.matches[m].entry)
    });
    let actor = match parent {
        Some(entry) => doc.actor_for_entry(entry),
        None => {
            let name = doc.surface(start, end);
            doc.org(name)
        }
    };
    if parent.is_some() {
        doc.refer(actor, scan.sentence, start, end, true, false);
    } else {
        doc.add_mention(actor, scan.sentence, start, end, true);
    }
    if end + 2 < scan.end && doc.tx(end) == "(" && doc.tx(end + 2) == ")" && doc.toks[end + 1].cap {
        let alias = doc.tx(end + 1).to_string();
        doc.actors[actor].aliases.insert(alias.clone());
        doc.by_name
            .insert(crate::model::normalize_name(&alias), actor);
    }
    scan.cover(start..end);
}

/// An apposition after a name: a comma, then a determiner or a title
/// within four words, up to the next punctuation.
#[derive(Default)]
struct Apposition {
    /// Index just past the apposition, when it has a fitting title.
    end: Option<usize>,
    /// The title the apposition gives.
    title: Option<String>,
    /// The first lexicon entity in the comma phrase (an entry and its
    /// tokens), found whether or not it has a title.
    affiliation: Option<(usize, usize, usize)>,
    /// A capitalised organisation phrase after the title.
    organisation: Option<(usize, usize)>,
}

/// The apposition after a name that ends at `name_end`.
fn apposition_after(doc: &Doc<'_>, lex: &LexIndex<'_>, end: usize, name_end: usize) -> Apposition {
    let mut apposition = Apposition::default();
    if name_end + 1 >= end || doc.tx(name_end) != "," {
        return apposition;
    }
    let mut token = name_end + 1;
    let limit = (name_end + 24).min(end);
    let mut found_title = None;
    while token < limit && !matches!(doc.tx(token), "," | "." | ";" | "\u{2014}" | "\u{2013}") {
        if found_title.is_none() {
            if let Some((title_end, _)) = title_at(doc, token, end) {
                found_title = Some((token, title_end));
                token = title_end;
                continue;
            }
        }
        if apposition.affiliation.is_none() {
            if let Some(&m) = lex.start.get(&token) {
                let entry = lex.matches[m].entry;
                if !matches!(
                    doc.lex.entries()[entry].kind,
                    EntryKind::City | EntryKind::Region
                ) || lex.matches[m].via == Via::Capital
                {
                    apposition.affiliation = Some((entry, token, lex.end[&token]));
                }
            }
        }
        token += 1;
    }
    let first_ok = matches!(
        doc.low(name_end + 1),
        "a" | "an" | "the" | "his" | "her" | "its" | "their"
    ) || found_title.is_some_and(|(title_start, _)| title_start <= name_end + 4);
    if let Some((title_start, title_end)) = found_title {
        if first_ok {
            apposition.end = Some(token);
            apposition.title = Some(doc.surface(title_start, title_end));
            apposition.organisation = org_phrase(doc, title_end, token);
        }
    }
    apposition
}

/// A personal name at `span`: the person when the name is known, has an
/// apposition, follows "Mr." or is two words outside a heading (with care
/// at the start of a sentence); returns the token to go on from.
fn personal_name(
    doc: &mut Doc<'_>,
    lex: &LexIndex<'_>,
    scan: &mut SentenceScan,
    span: (usize, usize),
) -> usize {
    let (first, end, sentence) = (scan.first, scan.end, scan.sentence);
    let (token, name_end) = span;
    let n_words = name_end - token;
    let prev_mr = token > first
        && matches!(
            doc.low(token - 1).trim_end_matches('.'),
            "mr" | "mrs" | "ms" | "dr"
        );
    let apposition = apposition_after(doc, lex, end, name_end);
    let followed_by_say = name_end < end
        && matches!(
            doc.low(name_end),
            "said" | "says" | "told" | "added" | "tweeted" | "announced" | "stated"
        );
    let known = if n_words == 1 {
        doc.person_by_part(doc.low(token))
    } else {
        None
    };
    if known.is_none() && !guard_name(doc, scan, (token, name_end)) {
        return name_end;
    }
    let sentence_initial = token == first
        || (token > first && matches!(doc.tx(token - 1), "\"" | "\u{201c}" | "(" | "\u{2018}"));
    let starts_with_place = lex.start.contains_key(&token);
    // a Title Case headline capitalises every word: only known
    // names, titles, appositions and "Mr." count there
    let heading = doc.sents[sentence].heading;
    let has_apposition = apposition.end.is_some();
    let actor = if let Some(actor) = known {
        Some(actor)
    } else if (starts_with_place && !has_apposition && !followed_by_say && !prev_mr)
        || (heading && !has_apposition && !prev_mr)
    {
        None
    } else if has_apposition
        || prev_mr
        || (n_words >= 2 && !sentence_initial)
        || (n_words >= 2 && followed_by_say)
        || (n_words >= 2 && sentence_initial && name_end < end && doc.tx(name_end) == ",")
        || (n_words >= 2
            && sentence_initial
            && name_end < end
            && doc.toks[name_end].word
            && !doc.toks[name_end].cap
            && !lexdata::not_name(doc.low(token)))
    {
        Some(doc.person(token, name_end, false))
    } else {
        None
    };
    let Some(actor) = actor else {
        return name_end;
    };
    add_named_person(doc, scan, actor, (token, name_end), prev_mr, apposition)
}

/// Whether the capitalised words at `span`, which name no known person,
/// may name a new one: not an event or a place named by its kind (a place
/// of the document then), not a given name alone.
fn guard_name(doc: &mut Doc<'_>, scan: &mut SentenceScan, span: (usize, usize)) -> bool {
    let (token, name_end) = span;
    let words: Vec<&str> = (token..name_end).map(|k| doc.low(k)).collect();
    match names::name_class(&words) {
        NameClass::Person => {
            !(words.len() == 1 && names::is_given_name(doc.lex, words[0].trim_end_matches('.')))
        }
        NameClass::Event => {
            scan.cover(token..name_end);
            false
        }
        NameClass::Place => {
            let name = doc.surface(token, name_end);
            doc.places.push(PlaceM {
                name,
                country: None,
                lat: None,
                lon: None,
                sent: scan.sentence,
                t0: token,
                t1: name_end,
            });
            scan.cover(token..name_end);
            false
        }
    }
}

/// The mention of a person named at `span` with its apposition's title,
/// organisation and affiliation; returns the token to go on from.
fn add_named_person(
    doc: &mut Doc<'_>,
    scan: &mut SentenceScan,
    actor: usize,
    span: (usize, usize),
    prev_mr: bool,
    apposition: Apposition,
) -> usize {
    let sentence = scan.sentence;
    let (token, name_end) = span;
    if let Some(title) = apposition.title {
        if doc.actors[actor].title.is_none() {
            doc.actors[actor].title = Some(title);
        }
    }
    if let Some((org_start, org_end)) = apposition.organisation {
        let name = doc.surface(org_start, org_end);
        let organisation = doc.org(name);
        if doc.actors[actor].affiliation.is_none() && organisation != actor {
            doc.actors[actor].affiliation = Some(organisation);
        }
        doc.add_mention(organisation, sentence, org_start, org_end, false);
    }
    if let Some((entry, entity_start, entity_end)) = apposition.affiliation {
        let affiliation = doc.actor_for_entry(entry);
        if doc.actors[actor].affiliation.is_none() && affiliation != actor {
            doc.actors[actor].affiliation = Some(affiliation);
        }
        doc.add_mention(affiliation, sentence, entity_start, entity_end, false);
    }
    let end = apposition.end.unwrap_or(name_end);
    let mention_start = if prev_mr { token - 1 } else { token };
    doc.add_mention(actor, sentence, mention_start, name_end, true);
    // the apposition belongs to the mention
    if let Some(apposition_end) = apposition.end {
        for m in doc.mentions[scan.first_mention..].iter_mut() {
            if m.sent == sentence && m.t0 >= name_end && m.t1 <= apposition_end {
                m.arg = false;
            }
        }
        if let Some(m) = doc.mentions.last_mut() {
            m.t1 = apposition_end;
        }
    }
    scan.cover(token..end);
    end
}

/// Pass 4: a number and an adjective before "powers" ("the great powers",
/// "five world powers"): a group.
fn groups_of_powers(doc: &mut Doc<'_>, scan: &mut SentenceScan) {
    for token in scan.first + 1..scan.end {
        if scan.is_covered(token) || doc.low(token) != "powers" {
            continue;
        }
        if !matches!(
            doc.low(token - 1),
            "world" | "major" | "great" | "western" | "global"
        ) {
            continue;
        }
        let mut start = token - 1;
        if start > scan.first
            && (doc.toks[start - 1].word
                && matches!(
                    doc.low(start - 1),
                    "six"
                        | "five"
                        | "four"
                        | "three"
                        | "two"
                        | "seven"
                        | "eight"
                        | "several"
                        | "other"
                )
                || doc.toks[start - 1].start < doc.toks[start - 1].end
                    && doc.text.as_bytes()[doc.toks[start - 1].start].is_ascii_digit())
        {
            start -= 1;
        }
        let name = doc.surface(start, token + 1);
        let actor = doc.org(name);
        doc.actors[actor].kind = ActorKind::Group;
        doc.add_mention(actor, scan.sentence, start, token + 1, true);
        scan.cover(start..token + 1);
    }
}

/// Pass 4b: a country's opposition ("the Syrian opposition", "Peru's
/// armed opposition", "the main Belarusian opposition"): a group of that
/// country, one per country in a document (later phrases are aliases).
/// The country of a possessive before it is its modifier, not a party.
fn opposition_groups(doc: &mut Doc<'_>, lex: &LexIndex<'_>, scan: &mut SentenceScan) {
    for token in scan.first + 1..scan.end {
        if scan.is_covered(token) || doc.low(token) != "opposition" {
            continue;
        }
        let mut q = token;
        while q > scan.first
            && matches!(
                doc.low(q - 1),
                "armed" | "political" | "main" | "moderate" | "mainstream" | "exiled"
            )
        {
            q -= 1;
        }
        if q == scan.first {
            continue;
        }
        // "X's opposition": the mention of country X ending before "'s"
        let possessive = is_possessive(doc, q - 1);
        let country_mention = if possessive {
            doc.mentions[scan.first_mention..]
                .iter()
                .position(|m| m.t1 == q - 1 && doc.actors[m.actor].kind == ActorKind::Country)
                .map(|i| scan.first_mention + i)
        } else {
            None
        };
        let (start, country) = if let Some(i) = country_mention {
            (doc.mentions[i].t0, doc.mentions[i].actor)
        } else if let Some(&m) = lex.start.get(&(q - 1)) {
            // "the Syrian opposition": a demonym right before it
            let found = &lex.matches[m];
            let entry = found.entry;
            if found.via != Via::Demonym
                || lex.end.get(&(q - 1)) != Some(&q)
                || doc.lex.entries()[entry].kind != EntryKind::Country
            {
                continue;
            }
            (q - 1, doc.actor_for_entry(entry))
        } else {
            continue;
        };
        let existing = (0..doc.actors.len()).find(|&a| {
            doc.actors[a].kind == ActorKind::Group
                && doc.actors[a].affiliation == Some(country)
                && doc.actors[a].norm.ends_with("opposition")
        });
        let actor = match existing {
            Some(a) => a,
            None => {
                let name = doc.surface(start, token + 1);
                let a = doc.org(name);
                doc.actors[a].kind = ActorKind::Group;
                doc.actors[a].affiliation = Some(country);
                a
            }
        };
        if let Some(i) = country_mention {
            doc.mentions[i].arg = false;
        }
        doc.add_mention(actor, scan.sentence, start, token + 1, true);
        scan.cover(start..token + 1);
    }
}

/// Pass 5: a person described by a relation to another ("the
/// minister's son") who was introduced before with that description
/// and a comma: the same person.
fn relation_descriptions(doc: &mut Doc<'_>, scan: &mut SentenceScan) {
    let sentence = scan.sentence;
    for token in scan.first..scan.end.saturating_sub(3) {
        if scan.is_covered(token)
            || scan.is_covered(token + 3)
            || doc.low(token) != "the"
            || !matches!(doc.low(token + 2), "'s" | "\u{2019}s")
            || !is_relation_noun(doc.low(token + 3))
        {
            continue;
        }
        let (owner, relation) = (doc.low(token + 1), doc.low(token + 3));
        let found = doc.mentions.iter().rev().find_map(|m| {
            if m.sent >= sentence || m.pronoun || doc.actors[m.actor].kind != ActorKind::Person {
                return None;
            }
            let sentence_first = doc.sents[m.sent].t0;
            (m.t0.saturating_sub(3).max(sentence_first + 4)..m.t0)
                .any(|q| {
                    doc.tx(q) == ","
                        && doc.low(q - 4) == "the"
                        && doc.low(q - 3) == owner
                        && matches!(doc.low(q - 2), "'s" | "\u{2019}s")
                        && doc.low(q - 1) == relation
                })
                .then_some(m.actor)
        });
        if let Some(actor) = found {
            doc.add_mention(actor, sentence, token, token + 4, true);
            scan.cover(token..token + 4);
        }
    }
}

/// Pass 6: personal pronouns (the person they refer to) and "the
/// alliance", "the bloc" (the last organisation named).
fn pronouns(doc: &mut Doc<'_>, scan: &SentenceScan) {
    let sentence = scan.sentence;
    for token in scan.first..scan.end {
        if scan.is_covered(token) {
            continue;
        }
        let low = doc.low(token);
        let resolved = match low {
            "he" | "she" | "him" | "her" | "his" => {
                resolve_pronoun(doc, sentence, token, matches!(low, "him" | "her"))
            }
            "alliance" | "bloc" if token > scan.first && doc.low(token - 1) == "the" => {
                last_of_kind(doc, sentence, ActorKind::Organization)
            }
            "i" if doc.toks[token].quoted => None,
            _ => None,
        };
        if let Some(actor) = resolved {
            // "her" before a noun is a possessive determiner, not an object
            let possessive_det = matches!(low, "his")
                || (low == "her"
                    && token + 1 < scan.end
                    && doc.toks[token + 1].word
                    && !matches!(
                        doc.low(token + 1),
                        "of" | "to" | "in" | "on" | "at" | "that" | "and" | "by" | "for" | "with"
                    ));
            doc.mentions.push(Mention {
                actor,
                sent: sentence,
                t0: token,
                t1: token + 1,
                arg: !possessive_det,
                pronoun: true,
            });
        }
    }
}

/// A known person whose lexicon name has middle names or a patronymic the
/// article does not use ("Sergey Viktorovich Lavrov" for "Sergey Lavrov")
/// is named as the article names them; the lexicon name stays an alias.
fn article_names(d: &mut Doc<'_>) {
    for a in 0..d.actors.len() {
        let x = &d.actors[a];
        if x.kind != ActorKind::Person || x.lex.is_none() || x.mentions == 0 {
            continue;
        }
        let words: Vec<&str> = x.name.split(' ').collect();
        if words.len() < 3 {
            continue;
        }
        // the article's spelling of the first name: "Sergei" for "Sergey"
        let (first, last) = (words[0], words[words.len() - 1]);
        let short = x.aliases.iter().find_map(|al| {
            let w: Vec<&str> = al.split(' ').collect();
            let n = w.len();
            (n >= 2
                && w[n - 1] == last
                && similar_first(&w[n - 2].to_lowercase(), &first.to_lowercase()))
            .then(|| format!("{} {}", w[n - 2], last))
        });
        if let Some(short) = short {
            d.actors[a].norm = crate::model::normalize_name(&short);
            let long = std::mem::replace(&mut d.actors[a].name, short);
            d.actors[a].aliases.insert(long);
        }
    }
}

/// Words that mark a former holder of a title.
const FORMER: &[&str] = &["former", "late", "ex", "then"];

/// A person named by one word before the document gave the full name
/// ("President Obama" ... "President Barack Obama") is the full-named
/// person when exactly one person of the document has that surname and
/// one is not a former holder of the title the other holds ("President
/// Smith" and "former President John A. Smith" stay two).
fn merge_short_names(d: &mut Doc<'_>) {
    // full-named people by each name part but the first
    let mut by_later_part: HashMap<&str, Vec<usize>> = HashMap::new();
    for (f, y) in d.actors.iter().enumerate() {
        if y.kind == ActorKind::Person && y.mentions > 0 {
            for p in y.norm.split(' ').skip(1) {
                let v = by_later_part.entry(p).or_default();
                if v.last() != Some(&f) {
                    v.push(f);
                }
            }
        }
    }
    let mut target: Vec<Option<usize>> = vec![None; d.actors.len()];
    for (s, x) in d.actors.iter().enumerate() {
        if x.kind != ActorKind::Person || x.lex.is_some() || x.norm.contains(' ') || x.mentions == 0
        {
            continue;
        }
        let full = by_later_part
            .get(x.norm.as_str())
            .map_or(&[][..], Vec::as_slice);
        let [f] = *full else {
            continue;
        };
        let y = &d.actors[f];
        if f == s || y.former != x.former {
            continue;
        }
        // "President Obama" is not "Michelle Obama": a titled surname joins
        // only a full name with a fitting title
        if let Some(tx) = x.title.as_deref() {
            let fits = y.title.as_deref().is_some_and(|ty| {
                title_fits(&tx.to_lowercase(), ty) || title_fits(&ty.to_lowercase(), tx)
            });
            if !fits {
                continue;
            }
        }
        target[s] = Some(f);
    }
    if target.iter().all(Option::is_none) {
        return;
    }
    // move everything of each merged actor to its full-named one
    for (s, f) in target.iter().enumerate() {
        let Some(f) = *f else {
            continue;
        };
        let old = std::mem::replace(
            &mut d.actors[s],
            ActorDraft::new(String::new(), String::new(), ActorKind::Person),
        );
        let y = &mut d.actors[f];
        y.mentions += old.mentions;
        y.aliases.extend(old.aliases);
        if old.name != y.name {
            y.aliases.insert(old.name.clone());
        }
        if y.title.is_none() {
            y.title = old.title.clone();
        }
        if y.affiliation.is_none() {
            y.affiliation = old.affiliation.filter(|&a| a != f);
        }
        // the emptied slot keeps its kind and name so that nothing else
        // finds it; it has no mention and is not listed
        d.actors[s].name = old.name;
        d.actors[s].norm = old.norm;
    }
    let moved = |a: usize| target[a].unwrap_or(a);
    for m in &mut d.mentions {
        m.actor = moved(m.actor);
    }
    for (k, a) in d.actors.iter_mut().enumerate() {
        a.affiliation = a.affiliation.map(moved).filter(|&f| f != k);
    }
    for v in d.by_name.values_mut() {
        *v = moved(*v);
    }
    for v in d.by_part.values_mut() {
        v.retain(|&a| target[a].is_none());
    }
}

/// Titles of one kind of office: a description with one of them names a
/// person introduced with another ("the top U.S. diplomat" for a Secretary
/// of State).
const TITLE_CLASSES: &[&[&str]] = &[
    &[
        "diplomat",
        "envoy",
        "secretary of state",
        "foreign minister",
        "foreign secretary",
        "minister of foreign affairs",
        "ambassador",
    ],
    &[
        "leader",
        "pm",
        "president",
        "prime minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "emir",
        "supreme leader",
    ],
];

/// Whether a description's title fits a person's title: the same words, or
/// two titles of one class.
fn title_fits(description: &str, person: &str) -> bool {
    let p = person.to_lowercase();
    if p == description || p.ends_with(&format!(" {description}")) {
        return true;
    }
    TITLE_CLASSES.iter().any(|class| {
        class.contains(&description)
            && class
                .iter()
                .any(|t| p == *t || p.ends_with(&format!(" {t}")))
    })
}

/// How many mentions before a definite description are searched for the
/// person it names.
const DESCRIPTION_WINDOW: usize = 400;

/// The person a definite description ("the \[top\] \[U.S.\] diplomat", title
/// tokens `i..te`, modifiers from `mstart`) stands for: the one person
/// mentioned before whose title fits and whose affiliation is the
/// description's country or organisation, if it names one. None when no
/// person or more than one fits.
fn definite_description(
    doc: &Doc<'_>,
    title_start: usize,
    title_end: usize,
    modifiers_start: usize,
    affiliation: Option<usize>,
    first: usize,
) -> Option<usize> {
    // a determiner "the", with up to two adjectives after it
    let mut k = modifiers_start.min(title_start);
    let mut adjectives = 0;
    if doc.low(k) == "the" {
        k += 1;
    }
    while k > first && adjectives < 3 {
        let word = doc.low(k - 1);
        if word == "the" {
            break;
        }
        if doc.toks[k - 1].cap || !doc.toks[k - 1].word {
            return None;
        }
        adjectives += 1;
        k -= 1;
    }
    if k == first || doc.low(k - 1) != "the" {
        return None;
    }
    let title: Vec<&str> = (title_start..title_end).map(|q| doc.low(q)).collect();
    let title = title.join(" ");
    let mut found: Option<usize> = None;
    // a person whose affiliation the article does not give fits a
    // description naming a country ("the Peruvian leader" for "President
    // X" welcomed "to Peru") when no person of that affiliation does and
    // only one such person fits
    let mut unaffiliated: Option<Option<usize>> = None;
    // the people of the last mentions before the description (a bounded
    // window keeps long documents linear)
    let before = doc.mentions.partition_point(|m| m.t0 < title_start);
    for m in &doc.mentions[before.saturating_sub(DESCRIPTION_WINDOW)..before] {
        if m.t0 >= title_start {
            continue;
        }
        let person = &doc.actors[m.actor];
        if person.kind != ActorKind::Person || person.former {
            continue;
        }
        let Some(person_title) = person.title.as_deref() else {
            continue;
        };
        if !title_fits(&title, person_title) {
            continue;
        }
        if affiliation.is_some() && person.affiliation != affiliation {
            if person.affiliation.is_none() {
                unaffiliated = match unaffiliated {
                    None => Some(Some(m.actor)),
                    Some(Some(u)) if u == m.actor => Some(Some(u)),
                    Some(_) => Some(None),
                };
            }
            continue;
        }
        if found.is_some_and(|f| f != m.actor) {
            return None;
        }
        found = Some(m.actor);
    }
    found.or(unaffiliated.flatten())
}

/// A noun naming a person by a relation to another ("the president's
/// father").
fn is_relation_noun(w: &str) -> bool {
    matches!(
        w,
        "father"
            | "mother"
            | "wife"
            | "husband"
            | "son"
            | "daughter"
            | "brother"
            | "sister"
            | "predecessor"
            | "successor"
            | "deputy"
            | "spokesman"
            | "spokeswoman"
    )
}

/// A capitalised phrase with an organisation head noun in `from..to`
/// ("the Institute for Regional Studies").
fn org_phrase(doc: &Doc<'_>, from: usize, to: usize) -> Option<(usize, usize)> {
    let mut start = from;
    while start < to {
        // "Washington-based" describes the organisation, it is not its name
        if !(doc.toks[start].cap && doc.toks[start].word)
            || is_possessive(doc, start)
            || doc.low(start).ends_with("-based")
        {
            start += 1;
            continue;
        }
        let mut phrase_end = start;
        let mut head = false;
        while phrase_end < to
            && ((doc.toks[phrase_end].cap
                && doc.toks[phrase_end].word
                && !is_possessive(doc, phrase_end))
                || (matches!(doc.low(phrase_end), "of" | "for" | "and" | "the")
                    && phrase_end + 1 < to
                    && doc.toks[phrase_end + 1].cap))
        {
            if lexdata::org_head(doc.low(phrase_end)) {
                head = true;
            }
            phrase_end += 1;
        }
        if head {
            return Some((start, phrase_end));
        }
        start = phrase_end.max(start + 1);
    }
    None
}

/// The modifiers before the title at `title` (adjectives, a possessive, a
/// country or an organisation, capitalised words): the first modifier's
/// token, and the country or organisation they name, mentioned here.
fn modifiers_before(
    doc: &mut Doc<'_>,
    title: usize,
    scan: &SentenceScan,
    lex: &LexIndex<'_>,
) -> (usize, Option<usize>) {
    let first = scan.first;
    let mut start = title;
    let mut affiliation = None;
    let mut next = title;
    while next > first {
        let previous = next - 1;
        let low = doc.low(previous);
        if is_possessive(doc, previous) && previous > first {
            next = previous;
            continue;
        }
        // a lexicon entity ending at `previous`
        let lex_here = (first..=previous)
            .rev()
            .take(6)
            .find(|&q| lex.end.get(&q) == Some(&(previous + 1)));
        if let Some(q) = lex_here {
            let found = &lex.matches[lex.start[&q]];
            let entry = found.entry;
            let kind = doc.lex.entries()[entry].kind;
            if matches!(
                kind,
                EntryKind::Country | EntryKind::Organization | EntryKind::Group
            ) || found.via == Via::Capital
            {
                let actor = if found.via == Via::Capital {
                    doc.lex.entries()[entry]
                        .country
                        .clone()
                        .and_then(|c| doc.country_entry(&c))
                        .map(|country_entry| doc.actor_for_entry(country_entry))
                } else {
                    Some(doc.actor_for_entry(entry))
                };
                if let Some(actor) = actor {
                    if affiliation.is_none() {
                        affiliation = Some(actor);
                    }
                    doc.add_mention(actor, scan.sentence, q, previous + 1, false);
                }
                next = q;
                start = q;
                continue;
            }
            break;
        }
        if is_in(lexdata::TITLE_ADJ, low)
            || (doc.toks[previous].cap
                && doc.toks[previous].word
                && !lexdata::not_name(low)
                && title_at(doc, previous, title).is_none())
            || low == "u.s."
        {
            next = previous;
            start = previous;
            if matches!(low, "the" | "his" | "her" | "their" | "its" | "our") {
                break;
            }
            continue;
        }
        if matches!(low, "a" | "an") {
            start = previous;
        }
        break;
    }
    // an organisation named by capitalised modifiers (two capitalised
    // words with an organisation's head noun before a title)
    if affiliation.is_none() && start < title {
        let caps: Vec<usize> = (start..title)
            .filter(|&q| doc.toks[q].cap && doc.toks[q].word)
            .collect();
        if caps.len() >= 2 && caps.iter().any(|&q| lexdata::org_head(doc.low(q))) {
            let org_start = caps[0];
            let org_end = *caps.last().unwrap_or(&org_start) + 1;
            let name = doc.surface(org_start, org_end);
            let actor = doc.org(name);
            doc.add_mention(actor, scan.sentence, org_start, org_end, false);
            affiliation = Some(actor);
        }
    }
    (start, affiliation)
}

fn resolve_pronoun(doc: &Doc<'_>, sentence: usize, token: usize, object: bool) -> Option<usize> {
    // people mentioned before, in this sentence then the previous ones
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new(); // (sent, t0, actor)
    for m in doc.mentions.iter().rev() {
        if m.sent + 2 < sentence {
            break;
        }
        // a definite description resolved before ("the pope ... He") is
        // an antecedent; a pronoun is not (its own guess is not repeated)
        let personal = m.pronoun
            && m.t1 == m.t0 + 1
            && matches!(doc.low(m.t0), "he" | "she" | "him" | "her" | "his");
        if m.sent > sentence || (m.sent == sentence && m.t0 >= token) || personal {
            continue;
        }
        if doc.actors[m.actor].kind != ActorKind::Person {
            continue;
        }
        candidates.push((m.sent, m.t0, m.actor));
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    if candidates.is_empty() {
        return None;
    }
    if object {
        // not the nearest (the clause's subject), when another is available
        let nearest = candidates[0].2;
        return candidates
            .iter()
            .find(|c| c.2 != nearest)
            .map(|c| c.2)
            .or(Some(nearest));
    }
    // subject pronoun: the first person of this sentence, else of the previous one
    let same: Vec<_> = candidates.iter().filter(|c| c.0 == sentence).collect();
    if let Some(first) = same.last() {
        return Some(first.2);
    }
    let prev_sent = candidates[0].0;
    candidates.iter().rfind(|c| c.0 == prev_sent).map(|c| c.2)
}

fn last_of_kind(doc: &Doc<'_>, sentence: usize, kind: ActorKind) -> Option<usize> {
    doc.mentions
        .iter()
        .rev()
        .filter(|m| m.sent <= sentence && !m.pronoun)
        .find(|m| doc.actors[m.actor].kind == kind)
        .map(|m| m.actor)
}
