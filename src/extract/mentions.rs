//! Actor and place mentions in one document: lexicon matches (countries,
//! demonyms, capitals, organisations, known people, cities), people
//! introduced by titles ("Russia's Foreign Minister Sergei Lavrov"), by
//! appositions ("Dmytro Tymchuk, an analyst at ...", "the spokesman for
//! ..., Oleksiy Dmytrashkivskiy"), capitalised names, pronouns; and the
//! actor table they resolve to (surnames and spelling variants to one
//! actor).

use super::lexdata::{self, is_in};
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
}

/// An actor being built.
#[derive(Debug, Clone)]
pub struct ActorB {
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

impl ActorB {
    /// A new actor of the document with no alias, title or mention.
    fn new(name: String, norm: String, kind: ActorKind) -> ActorB {
        ActorB {
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
    /// The country actor a capital or country name stands for.
    pub actor: Option<usize>,
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
    pub actors: Vec<ActorB>,
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
        self.actors.push(ActorB {
            title: e.title.clone(),
            country: e.country.clone(),
            lex: Some(entry),
            ..ActorB::new(
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
        self.actors.push(ActorB {
            titled_single: titled && parts.len() == 1,
            ..ActorB::new(name, key.clone(), ActorKind::Person)
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
            .push(ActorB::new(name, key.clone(), ActorKind::Organization));
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
                .push(ActorB::new(name.to_string(), key.clone(), kind));
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
fn name_like(d: &Doc<'_>, i: usize) -> bool {
    let t = d.toks[i];
    if !t.word || !t.cap {
        return false;
    }
    let low = d.low(i);
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

fn is_possessive(d: &Doc<'_>, i: usize) -> bool {
    i < d.toks.len() && matches!(d.low(i), "'s" | "\u{2019}s")
}

/// Longest title starting at token `i` (within `end`): the end token
/// (looked up in the per-document cache when it is filled).
fn title_at(d: &Doc<'_>, i: usize, end: usize) -> Option<(usize, bool)> {
    if let Some(&c) = d.title_cache.get(i) {
        if c == 0 {
            return None;
        }
        let te = (c >> 1) as usize;
        return (te <= end).then_some((te, c & 1 == 1));
    }
    title_scan(d, i, end)
}

fn title_scan(d: &Doc<'_>, i: usize, end: usize) -> Option<(usize, bool)> {
    let titles = lexdata::titles();
    let low = d.low(i);
    let list = titles.by_first.get(low)?;
    for &k in list {
        let tt = &titles.all[k];
        let n = tt.words.len();
        if i + n <= end && (0..n).all(|j| d.low(i + j) == tt.words[j]) {
            return Some((i + n, tt.plural));
        }
    }
    None
}

/// A personal name starting at `i`: capitalised words with particles,
/// initials, a quoted nickname and a generational suffix. Returns its end.
fn name_at(
    d: &Doc<'_>,
    i: usize,
    end: usize,
    lexstart: &TokMap,
    lexm: &[LexMatch],
) -> Option<usize> {
    if i >= end || !name_like(d, i) || title_at(d, i, end).is_some() {
        return None;
    }
    let mut j = i + 1;
    while j < end && j - i < 6 {
        if lexstart.contains_key(&j) && !lex_is_person(d, lexstart[&j], lexm) {
            break;
        }
        if name_like(d, j) && title_at(d, j, end).is_none() {
            j += 1;
        } else if is_in(lexdata::NAME_PARTICLES, d.low(j))
            && j + 1 < end
            && (name_like(d, j + 1)
                || (j + 2 < end
                    && is_in(lexdata::NAME_PARTICLES, d.low(j + 1))
                    && name_like(d, j + 2)))
        {
            j += if name_like(d, j + 1) { 2 } else { 3 };
        } else if matches!(d.tx(j), "\"" | "\u{201c}")
            && j + 2 < end
            && name_like(d, j + 1)
            && matches!(d.tx(j + 2), "\"" | "\u{201d}")
            && j + 3 < end
            && name_like(d, j + 3)
        {
            j += 3;
        } else {
            break;
        }
    }
    // a name of one word must not be a sentence-initial common word; that
    // is checked by the caller
    Some(j)
}

fn lex_is_person(d: &Doc<'_>, m: usize, lexm: &[LexMatch]) -> bool {
    matches!(
        d.lex.entries()[lexm[m].entry].kind,
        EntryKind::Person | EntryKind::City | EntryKind::Region
    )
}

/// Finds mentions in every sentence.
pub fn find_mentions(d: &mut Doc<'_>, lexm: &[LexMatch]) {
    // lexicon matches by start token
    let mut cache = vec![0u64; d.toks.len()];
    for s in &d.sents {
        for (i, slot) in cache.iter_mut().enumerate().take(s.t1).skip(s.t0) {
            if let Some((te, plural)) = title_scan(d, i, s.t1) {
                *slot = ((te as u64) << 1) | plural as u64;
            }
        }
    }
    d.title_cache = cache;
    let mut lexstart = TokMap::new(d.toks.len());
    let mut lexend = TokMap::new(d.toks.len());
    {
        let mut k = 0;
        for (i, t) in d.toks.iter().enumerate() {
            while k < lexm.len() && lexm[k].start < t.start {
                k += 1;
            }
            if k < lexm.len() && lexm[k].start == t.start {
                // end token: first token whose end >= match end
                let mut j = i;
                while j < d.toks.len() && d.toks[j].end < lexm[k].end {
                    j += 1;
                }
                if j < d.toks.len() && d.toks[j].end == lexm[k].end {
                    lexstart.insert(i, k);
                    lexend.insert(i, j + 1);
                }
            }
        }
    }
    for s in 0..d.sents.len() {
        let Sent { t0, t1, .. } = d.sents[s];
        let first_mention = d.mentions.len();
        let mut covered = vec![false; t1 - t0];
        // 1. people with titles
        let mut i = t0;
        while i < t1 {
            let Some((te, plural)) = title_at(d, i, t1) else {
                i += 1;
                continue;
            };
            // "of <entity>" after the title: "President of Ukraine", "Emir of Kuwait"
            let mut after = te;
            let mut of_actor = None;
            // chained titles: "Chairperson Dr.", "Supreme Leader Ayatollah"
            let mut last_title = i;
            while after < t1 {
                if let Some((e2, _)) = title_at(d, after, t1) {
                    if d.toks[after].cap || d.low(after).ends_with('.') {
                        last_title = after;
                        after = e2;
                        continue;
                    }
                }
                break;
            }
            if after + 1 < t1 && matches!(d.low(after), "of" | "to") {
                if let Some(&m) = lexstart.get(&(after + 1)) {
                    let e = lexm[m].entry;
                    let ek = d.lex.entries()[e].kind;
                    if matches!(ek, EntryKind::Country | EntryKind::Organization) {
                        let a = d.actor_for_entry(e);
                        if d.low(after) == "of" {
                            of_actor = Some(a);
                        }
                        let le = lexend[&(after + 1)];
                        d.add_mention(a, s, after + 1, le, false);
                        after = le;
                    }
                }
            }
            // modifiers before the title
            let (mstart, affil) = modifiers_before(d, i, t0, &lexstart, &lexend, lexm, s);
            let title_cap = d.toks[last_title].cap;
            // "spiritual leader the Dalai Lama"
            if after + 2 < t1
                && d.low(after) == "the"
                && name_like(d, after + 1)
                && name_like(d, after + 2)
            {
                after += 1;
            }
            let title_text = d.surface(i, te);
            let mut names: Vec<(usize, usize)> = Vec::new();
            let mut end_span = after;
            if let Some(&m) = lexstart.get(&after) {
                if d.lex.entries()[lexm[m].entry].kind == EntryKind::Person {
                    names.push((after, lexend[&after]));
                }
            }
            if names.is_empty() {
                if let Some(ne) = name_at(d, after, t1, &lexstart, lexm) {
                    // a lowercase descriptive title needs a capitalised title
                    // or a name of two words or more, or a known surname
                    names.push((after, ne));
                }
            }
            if plural && names.len() == 1 {
                let (_, ne) = names[0];
                if ne + 1 < t1 && d.low(ne) == "and" {
                    if let Some(ne2) = name_at(d, ne + 1, t1, &lexstart, lexm) {
                        names.push((ne + 1, ne2));
                    }
                }
            }
            if names.is_empty() && after < t1 && d.tx(after) == "," {
                // "the spokesman for ..., NAME" handled by the comma pattern below
            }
            // "Sheikh NAME" after a first title: kept as an alias
            let mut titled_alias: Option<(usize, usize)> = None;
            if names.is_empty() {
                // title phrase then a comma then a name: "the pastor, Andrew Brunson"
                let mut j = after;
                let limit = (after + 14).min(t1);
                while j < limit && d.tx(j) != "," && !matches!(d.low(j), "said" | "says" | "told") {
                    j += 1;
                }
                if j < t1 && d.tx(j) == "," {
                    // a second title before the name: "the Emir of X, Sheikh NAME"
                    let n0 = match title_at(d, j + 1, t1) {
                        Some((te2, false)) if te2 < t1 && d.toks[j + 1].cap => te2,
                        _ => j + 1,
                    };
                    if let Some(ne) = name_at(d, n0, t1, &lexstart, lexm) {
                        let ok_end = ne >= t1
                            || matches!(d.tx(ne), "," | "." | ";" | ")")
                            || matches!(d.low(ne), "said" | "says" | "told");
                        if ok_end && ne - n0 >= 2 {
                            names.push((n0, ne));
                            if n0 > j + 1 {
                                titled_alias = Some((j + 1, ne));
                            }
                        }
                    }
                }
            }
            if names.is_empty() {
                // "the top U.S. diplomat", "the Russian foreign minister": a
                // person the article named before with that title
                if !plural && after == te {
                    if let Some(a) = definite_description(d, i, te, mstart, affil, t0) {
                        let m0 = mstart.min(i);
                        d.refer(a, s, m0, te, true, true);
                        for c in m0..te {
                            covered[c - t0] = true;
                        }
                    }
                }
                i = te.max(i + 1);
                continue;
            }
            let mut last_end = end_span;
            for (k, &(n0, n1)) in names.iter().enumerate() {
                // skip a one-word name after a lowercase title unless known
                if n1 - n0 == 1 && !title_cap && d.person_by_part(d.low(n0)).is_none() {
                    continue;
                }
                let a = if let Some(&m) = lexstart.get(&n0) {
                    if lexend[&n0] == n1 && d.lex.entries()[lexm[m].entry].kind == EntryKind::Person
                    {
                        d.actor_for_entry(lexm[m].entry)
                    } else {
                        d.person(n0, n1, true)
                    }
                } else {
                    d.person(n0, n1, true)
                };
                if d.actors[a].title.is_none() || d.actors[a].lex.is_some() {
                    let t = title_text.trim_end_matches('s').to_string();
                    let t = if plural { t } else { title_text.clone() };
                    if d.actors[a].title.is_none() {
                        d.actors[a].title = Some(t);
                    }
                }
                if d.actors[a].affiliation.is_none() {
                    d.actors[a].affiliation = affil.or(of_actor);
                }
                if (mstart..i).any(|q| is_in(FORMER, d.low(q))) {
                    d.actors[a].former = true;
                }
                let m0 = if k == 0 { mstart } else { n0 };
                let m0 = m0.min(n0);
                d.add_mention(a, s, m0, n1, true);
                if let Some((x0, x1)) = titled_alias.filter(|_| k == 0) {
                    let alias = d.surface(x0, x1);
                    d.actors[a].aliases.insert(alias);
                }
                // the whole phrase is an alias; mark covered
                for c in m0..n1 {
                    covered[c - t0] = true;
                }
                last_end = n1;
            }
            end_span = last_end;
            i = end_span.max(i + 1);
        }
        // 2. lexicon matches not covered
        let mut i = t0;
        while i < t1 {
            if covered[i - t0] {
                i += 1;
                continue;
            }
            let Some(&m) = lexstart.get(&i) else {
                i += 1;
                continue;
            };
            let le = lexend[&i];
            let entry = lexm[m].entry;
            let e = &d.lex.entries()[entry];
            let prep_before = i > t0
                && matches!(
                    d.low(i - 1),
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
            let known_person =
                if matches!(e.kind, EntryKind::City | EntryKind::Region) && le == i + 1 {
                    d.person_by_part(d.low(i))
                } else {
                    None
                };
            if let Some(a) = known_person {
                d.add_mention(a, s, i, le, true);
                covered[i - t0] = true;
                i = le;
                continue;
            }
            match e.kind {
                EntryKind::City | EntryKind::Region
                    if le < t1 && d.toks[le].cap && lexdata::org_head(d.low(le)) =>
                {
                    // "Buckingham Palace": left to the organisation names
                    i += 1;
                    continue;
                }
                EntryKind::City | EntryKind::Region => {
                    let country = e.country.clone();
                    let (lat, lon) = (e.lat, e.lon);
                    let name = e.canonical.clone();
                    let mut actor = None;
                    if lexm[m].via == Via::Capital && !prep_before {
                        if let Some(ci) = country.as_deref().and_then(|c| d.country_entry(c)) {
                            let a = d.actor_for_entry(ci);
                            d.add_mention(a, s, i, le, true);
                            actor = Some(a);
                        }
                    }
                    d.places.push(PlaceM {
                        name,
                        country,
                        lat,
                        lon,
                        sent: s,
                        t0: i,
                        t1: le,
                        actor,
                    });
                }
                _ => {
                    let via = lexm[m].via;
                    let single_cap = le == i + 1 && d.toks[i].cap;
                    // a capital or city name that is a first name: "Douglas Lute"
                    if via == Via::Capital
                        && single_cap
                        && le < t1
                        && name_like(d, le)
                        && !lexstart.contains_key(&le)
                        && title_at(d, le, t1).is_none()
                        && !lexdata::org_head(d.low(le))
                    {
                        i += 1;
                        continue;
                    }
                    if via == Via::Capital
                        && le < t1
                        && d.toks[le].cap
                        && d.toks[le].word
                        && lexdata::org_head(d.low(le))
                    {
                        i += 1;
                        continue;
                    }
                    // "Brussels, Belgium": the country of a place just named
                    let after_place = i >= t0 + 2
                        && d.tx(i - 1) == ","
                        && d.places.last().is_some_and(|p| {
                            p.sent == s && p.t1 == i - 1 && p.country == e.country
                        });
                    let capital_of = via == Via::Capital && i > t0 && d.low(i - 1) == "of";
                    if ((via == Via::Capital || (e.kind == EntryKind::Country && via == Via::Name))
                        && prep_before
                        && !matches!(d.low(i - 1), "to" | "from" | "into"))
                        || capital_of
                        || (after_place && e.kind == EntryKind::Country)
                    {
                        // "in Berlin": a place, not an actor
                        let name = d.surface(i, le);
                        let country = e.country.clone();
                        d.places.push(PlaceM {
                            name,
                            country,
                            lat: None,
                            lon: None,
                            sent: s,
                            t0: i,
                            t1: le,
                            actor: None,
                        });
                        for c in i..le {
                            covered[c - t0] = true;
                        }
                        i = le;
                        continue;
                    }
                    let a = d.actor_for_entry(entry);
                    // "a Kiev official": a modifier of an unnamed person
                    let modifier = (i > t0
                        && matches!(d.low(i - 1), "a" | "an")
                        && le < t1
                        && title_at(d, le, t1).is_some())
                        || (via == Via::Capital
                            && le < t1
                            && d.toks[le].word
                            && (d.toks[le].cap || is_in(lexdata::NOUN_TRIGGERS, d.low(le))));
                    // a demonym is an actor when it heads a state noun or is plural
                    let arg = match via {
                        Via::Demonym => {
                            let txt = d.tx(i);
                            (le < t1 && is_in(lexdata::STATE_NOUNS, d.low(le)))
                                || (txt.ends_with('s') && le - i == 1 && !txt.ends_with("ss"))
                        }
                        _ => !modifier,
                    };
                    let t_end = if via == Via::Demonym
                        && arg
                        && le < t1
                        && is_in(lexdata::STATE_NOUNS, d.low(le))
                    {
                        le + 1
                    } else {
                        le
                    };
                    if e.kind == EntryKind::Country && (prep_before || via == Via::Capital) {
                        let name = if via == Via::Capital {
                            d.surface(i, le)
                        } else {
                            e.canonical.clone()
                        };
                        let country = e.country.clone();
                        d.places.push(PlaceM {
                            name,
                            country,
                            lat: None,
                            lon: None,
                            sent: s,
                            t0: i,
                            t1: le,
                            actor: Some(a),
                        });
                    }
                    if !arg {
                        // registered as an actor, not an argument
                        d.refer(a, s, i, le, false, false);
                    } else {
                        d.add_mention(a, s, i, t_end, true);
                    }
                    // "Revolutionary Armed Forces of Colombia (FARC)": alias in brackets
                }
            }
            for c in i..le {
                covered[c - t0] = true;
            }
            i = le;
        }
        // 3. capitalised names: appositions, surnames, organisations
        let mut i = t0;
        while i < t1 {
            if covered[i - t0] || !name_like(d, i) {
                i += 1;
                continue;
            }
            // an organisation phrase: capitalised words ending in a head noun
            let mut j = i;
            let mut has_org_head = false;
            let mut has_place_head = false;
            while j < t1
                && !covered[j - t0]
                && (d.toks[j].cap && d.toks[j].word
                    || (matches!(d.low(j), "of" | "for" | "and" | "the")
                        && has_org_head
                        && j + 1 < t1
                        && d.toks[j + 1].cap))
            {
                let w = d.low(j);
                if lexdata::org_head(w) {
                    has_org_head = true;
                }
                if lexdata::place_head(w) {
                    has_place_head = true;
                }
                if title_at(d, j, t1).is_some() && j > i {
                    break;
                }
                j += 1;
            }
            while j > i && matches!(d.low(j - 1), "of" | "for" | "and" | "the") {
                j -= 1;
            }
            if has_org_head && !has_place_head && j > i {
                // "AU Commission": a body of the organisation just named
                let parent = (t0..i).rev().take(6).find_map(|q| {
                    let m = *lexstart.get(&q)?;
                    (lexend[&q] == i
                        && d.lex.entries()[lexm[m].entry].kind == EntryKind::Organization)
                        .then_some(lexm[m].entry)
                });
                let a = match parent {
                    Some(e) => d.actor_for_entry(e),
                    None => {
                        let name = d.surface(i, j);
                        d.org(name)
                    }
                };
                if parent.is_some() {
                    // the body's own word is no name of the organisation
                    d.refer(a, s, i, j, true, false);
                } else {
                    d.add_mention(a, s, i, j, true);
                }
                // "(FARC)" after the name: an alias
                if j + 2 < t1 && d.tx(j) == "(" && d.tx(j + 2) == ")" && d.toks[j + 1].cap {
                    let al = d.tx(j + 1).to_string();
                    d.actors[a].aliases.insert(al.clone());
                    d.by_name.insert(crate::model::normalize_name(&al), a);
                }
                for c in i..j {
                    covered[c - t0] = true;
                }
                i = j;
                continue;
            }
            if has_place_head {
                i = j.max(i + 1);
                continue;
            }
            let Some(ne) = name_at(d, i, t1, &lexstart, lexm) else {
                i += 1;
                continue;
            };
            let n_words = ne - i;
            let prev_mr = i > t0
                && matches!(
                    d.low(i - 1).trim_end_matches('.'),
                    "mr" | "mrs" | "ms" | "dr"
                );
            // apposition with a title: "NAME, [det] ... TITLE ..."
            let mut appos_end = None;
            let mut appos_title = None;
            let mut appos_affil = None;
            let mut appos_org: Option<(usize, usize)> = None;
            if ne + 1 < t1 && d.tx(ne) == "," {
                let mut j = ne + 1;
                let limit = (ne + 24).min(t1);
                let mut found_title = None;
                while j < limit && !matches!(d.tx(j), "," | "." | ";" | "\u{2014}" | "\u{2013}") {
                    if found_title.is_none() {
                        if let Some((te, _)) = title_at(d, j, t1) {
                            found_title = Some((j, te));
                            j = te;
                            continue;
                        }
                    }
                    if appos_affil.is_none() {
                        if let Some(&m) = lexstart.get(&j) {
                            let e = lexm[m].entry;
                            if !matches!(
                                d.lex.entries()[e].kind,
                                EntryKind::City | EntryKind::Region
                            ) || lexm[m].via == Via::Capital
                            {
                                appos_affil = Some((e, j, lexend[&j]));
                            }
                        }
                    }
                    j += 1;
                }
                let first_ok = matches!(
                    d.low(ne + 1),
                    "a" | "an" | "the" | "his" | "her" | "its" | "their"
                ) || found_title.is_some_and(|(ts, _)| ts <= ne + 4);
                if let Some((ts, te)) = found_title {
                    if first_ok {
                        appos_end = Some(j);
                        appos_title = Some(d.surface(ts, te));
                        appos_org = org_phrase(d, te, j);
                    }
                }
            }
            let followed_by_say = ne < t1
                && matches!(
                    d.low(ne),
                    "said" | "says" | "told" | "added" | "tweeted" | "announced" | "stated"
                );
            let known = if n_words == 1 {
                d.person_by_part(d.low(i))
            } else {
                None
            };
            let sentence_initial =
                i == t0 || (i > t0 && matches!(d.tx(i - 1), "\"" | "\u{201c}" | "(" | "\u{2018}"));
            let starts_with_place = lexstart.contains_key(&i);
            // a Title Case headline capitalises every word: only known
            // names, titles, appositions and "Mr." count there
            let heading = d.sents[s].heading;
            let a = if let Some(a) = known {
                Some(a)
            } else if (starts_with_place && appos_end.is_none() && !followed_by_say && !prev_mr)
                || (heading && appos_end.is_none() && !prev_mr)
            {
                None
            } else if appos_end.is_some()
                || prev_mr
                || (n_words >= 2 && !sentence_initial)
                || (n_words >= 2 && followed_by_say)
                || (n_words >= 2 && sentence_initial && ne < t1 && d.tx(ne) == ",")
                || (n_words >= 2
                    && sentence_initial
                    && ne < t1
                    && d.toks[ne].word
                    && !d.toks[ne].cap
                    && !lexdata::not_name(d.low(i)))
            {
                Some(d.person(i, ne, false))
            } else {
                None
            };
            if let Some(a) = a {
                if let Some(t) = appos_title {
                    if d.actors[a].title.is_none() {
                        d.actors[a].title = Some(t);
                    }
                }
                if let Some((o0, o1)) = appos_org {
                    let name = d.surface(o0, o1);
                    let oa = d.org(name);
                    if d.actors[a].affiliation.is_none() && oa != a {
                        d.actors[a].affiliation = Some(oa);
                    }
                    d.add_mention(oa, s, o0, o1, false);
                }
                if let Some((e, m0, m1)) = appos_affil {
                    let aa = d.actor_for_entry(e);
                    if d.actors[a].affiliation.is_none() && aa != a {
                        d.actors[a].affiliation = Some(aa);
                    }
                    d.add_mention(aa, s, m0, m1, false);
                }
                let end = appos_end.unwrap_or(ne);
                let m0 = if prev_mr { i - 1 } else { i };
                d.add_mention(a, s, m0, ne, true);
                // the apposition belongs to the mention
                if let Some(ae) = appos_end {
                    for m in d.mentions[first_mention..].iter_mut() {
                        if m.sent == s && m.t0 >= ne && m.t1 <= ae {
                            m.arg = false;
                        }
                    }
                    if let Some(m) = d.mentions.last_mut() {
                        m.t1 = ae;
                    }
                }
                for c in i..end {
                    covered[c - t0] = true;
                }
                i = end;
            } else {
                i = ne;
            }
        }
        // "six world powers", "major powers": a group
        for i in t0 + 1..t1 {
            if covered[i - t0] || d.low(i) != "powers" {
                continue;
            }
            if matches!(
                d.low(i - 1),
                "world" | "major" | "great" | "western" | "global"
            ) {
                let mut k = i - 1;
                if k > t0
                    && (d.toks[k - 1].word
                        && matches!(
                            d.low(k - 1),
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
                        || d.toks[k - 1].start < d.toks[k - 1].end
                            && d.text.as_bytes()[d.toks[k - 1].start].is_ascii_digit())
                {
                    k -= 1;
                }
                let name = d.surface(k, i + 1);
                let a = d.org(name);
                d.actors[a].kind = ActorKind::Group;
                d.add_mention(a, s, k, i + 1, true);
                for c in k..=i {
                    covered[c - t0] = true;
                }
            }
        }
        // 4. pronouns and definite descriptions
        // "the president's father, former President X" introduced before:
        // a later "the president's father" is X
        for i in t0..t1.saturating_sub(3) {
            if covered[i - t0]
                || covered[i + 3 - t0]
                || d.low(i) != "the"
                || !matches!(d.low(i + 2), "'s" | "\u{2019}s")
                || !is_relation_noun(d.low(i + 3))
            {
                continue;
            }
            let (w, n) = (d.low(i + 1), d.low(i + 3));
            let found = d.mentions.iter().rev().find_map(|m| {
                if m.sent >= s || m.pronoun || d.actors[m.actor].kind != ActorKind::Person {
                    return None;
                }
                let st = d.sents[m.sent].t0;
                (m.t0.saturating_sub(3).max(st + 4)..m.t0)
                    .any(|q| {
                        d.tx(q) == ","
                            && d.low(q - 4) == "the"
                            && d.low(q - 3) == w
                            && matches!(d.low(q - 2), "'s" | "\u{2019}s")
                            && d.low(q - 1) == n
                    })
                    .then_some(m.actor)
            });
            if let Some(a) = found {
                d.add_mention(a, s, i, i + 4, true);
                for c in i..i + 4 {
                    covered[c - t0] = true;
                }
            }
        }
        // "both men", "the two leaders": the last two people named
        for i in t0..t1.saturating_sub(1) {
            let w0 = d.low(i);
            let w1 = d.low(i + 1);
            let pair = (w0 == "both"
                && matches!(
                    w1,
                    "men" | "leaders" | "ministers" | "presidents" | "women" | "sides"
                ))
                || (w0 == "the"
                    && w1 == "two"
                    && i + 2 < t1
                    && matches!(
                        d.low(i + 2),
                        "men"
                            | "leaders"
                            | "ministers"
                            | "presidents"
                            | "women"
                            | "sides"
                            | "spoke"
                            | "met"
                            | "agreed"
                    ));
            if !pair || covered[i - t0] {
                continue;
            }
            let end = if w0 == "both"
                || !d.toks[i + 2].word
                || matches!(d.low(i + 2), "spoke" | "met" | "agreed")
            {
                i + 2
            } else {
                i + 3
            };
            let mut two: Vec<usize> = Vec::new();
            for m in d.mentions.iter().rev() {
                if m.sent + 2 < s || (m.sent == s && m.t0 >= i) || m.sent > s {
                    continue;
                }
                if d.actors[m.actor].kind == ActorKind::Person && !two.contains(&m.actor) {
                    two.push(m.actor);
                    if two.len() == 2 {
                        break;
                    }
                }
            }
            if two.len() == 2 {
                for a in two {
                    d.mentions.push(Mention {
                        actor: a,
                        sent: s,
                        t0: i,
                        t1: end,
                        arg: true,
                        pronoun: true,
                    });
                }
                for c in i..end {
                    covered[c - t0] = true;
                }
            }
        }
        for i in t0..t1 {
            if covered[i - t0] {
                continue;
            }
            let low = d.low(i);
            let resolved = match low {
                "he" | "she" | "him" | "her" | "his" => {
                    resolve_pronoun(d, s, i, matches!(low, "him" | "her"))
                }
                "alliance" | "bloc" if i > t0 && d.low(i - 1) == "the" => {
                    last_of_kind(d, s, ActorKind::Organization)
                }
                "i" if d.toks[i].quoted => None,
                _ => None,
            };
            if let Some(a) = resolved {
                // "her" before a noun is a possessive determiner, not an object
                let possessive_det = matches!(low, "his")
                    || (low == "her"
                        && i + 1 < t1
                        && d.toks[i + 1].word
                        && !matches!(
                            d.low(i + 1),
                            "of" | "to"
                                | "in"
                                | "on"
                                | "at"
                                | "that"
                                | "and"
                                | "by"
                                | "for"
                                | "with"
                        ));
                d.mentions.push(Mention {
                    actor: a,
                    sent: s,
                    t0: i,
                    t1: i + 1,
                    arg: !possessive_det,
                    pronoun: true,
                });
            }
        }
        d.mentions[first_mention..].sort_by_key(|m| (m.sent, m.t0));
    }
    merge_short_names(d);
    article_names(d);
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
/// Bush" and "former President George H.W. Bush" stay two).
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
            ActorB::new(String::new(), String::new(), ActorKind::Person),
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
    d: &Doc<'_>,
    i: usize,
    te: usize,
    mstart: usize,
    affil: Option<usize>,
    t0: usize,
) -> Option<usize> {
    // a determiner "the", with up to two adjectives after it
    let mut k = mstart.min(i);
    let mut adjectives = 0;
    if d.low(k) == "the" {
        k += 1;
    }
    while k > t0 && adjectives < 3 {
        let w = d.low(k - 1);
        if w == "the" {
            break;
        }
        if d.toks[k - 1].cap || !d.toks[k - 1].word {
            return None;
        }
        adjectives += 1;
        k -= 1;
    }
    if k == t0 || d.low(k - 1) != "the" {
        return None;
    }
    let title: Vec<&str> = (i..te).map(|q| d.low(q)).collect();
    let title = title.join(" ");
    let mut found: Option<usize> = None;
    // the people of the last mentions before the description (a bounded
    // window keeps long documents linear)
    let before = d.mentions.partition_point(|m| m.t0 < i);
    for m in &d.mentions[before.saturating_sub(DESCRIPTION_WINDOW)..before] {
        if m.t0 >= i {
            continue;
        }
        let x = &d.actors[m.actor];
        if x.kind != ActorKind::Person || x.former {
            continue;
        }
        let Some(t) = x.title.as_deref() else {
            continue;
        };
        if !title_fits(&title, t) {
            continue;
        }
        if affil.is_some() && x.affiliation != affil {
            continue;
        }
        if found.is_some_and(|f| f != m.actor) {
            return None;
        }
        found = Some(m.actor);
    }
    found
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
fn org_phrase(d: &Doc<'_>, from: usize, to: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i < to {
        // "Washington-based" describes the organisation, it is not its name
        if !(d.toks[i].cap && d.toks[i].word) || is_possessive(d, i) || d.low(i).ends_with("-based")
        {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut head = false;
        while j < to
            && ((d.toks[j].cap && d.toks[j].word && !is_possessive(d, j))
                || (matches!(d.low(j), "of" | "for" | "and" | "the")
                    && j + 1 < to
                    && d.toks[j + 1].cap))
        {
            if lexdata::org_head(d.low(j)) {
                head = true;
            }
            j += 1;
        }
        if head {
            return Some((i, j));
        }
        i = j.max(i + 1);
    }
    None
}

fn modifiers_before(
    d: &mut Doc<'_>,
    title: usize,
    t0: usize,
    lexstart: &TokMap,
    lexend: &TokMap,
    lexm: &[LexMatch],
    s: usize,
) -> (usize, Option<usize>) {
    let mut start = title;
    let mut affil = None;
    let mut j = title;
    while j > t0 {
        let p = j - 1;
        let low = d.low(p);
        if is_possessive(d, p) && p > t0 {
            j = p;
            continue;
        }
        // a lexicon entity ending at p
        let lex_here = (t0..=p)
            .rev()
            .take(6)
            .find(|&q| lexend.get(&q) == Some(&(p + 1)));
        if let Some(q) = lex_here {
            let e = lexm[lexstart[&q]].entry;
            let ek = d.lex.entries()[e].kind;
            if matches!(
                ek,
                EntryKind::Country | EntryKind::Organization | EntryKind::Group
            ) || lexm[lexstart[&q]].via == Via::Capital
            {
                let a = if lexm[lexstart[&q]].via == Via::Capital {
                    d.lex.entries()[e]
                        .country
                        .clone()
                        .and_then(|c| d.country_entry(&c))
                        .map(|ci| d.actor_for_entry(ci))
                } else {
                    Some(d.actor_for_entry(e))
                };
                if let Some(a) = a {
                    if affil.is_none() {
                        affil = Some(a);
                    }
                    d.add_mention(a, s, q, p + 1, false);
                }
                j = q;
                start = q;
                continue;
            }
            break;
        }
        if is_in(lexdata::TITLE_ADJ, low)
            || (d.toks[p].cap
                && d.toks[p].word
                && !lexdata::not_name(low)
                && title_at(d, p, title).is_none())
            || low == "u.s."
        {
            j = p;
            start = p;
            if matches!(low, "the" | "his" | "her" | "their" | "its" | "our") {
                break;
            }
            continue;
        }
        if matches!(low, "a" | "an") {
            start = p;
        }
        break;
    }
    // an organisation named by capitalised modifiers: "State Department spokeswoman"
    if affil.is_none() && start < title {
        let caps: Vec<usize> = (start..title)
            .filter(|&q| d.toks[q].cap && d.toks[q].word)
            .collect();
        if caps.len() >= 2 && caps.iter().any(|&q| lexdata::org_head(d.low(q))) {
            let q0 = caps[0];
            let q1 = *caps.last().unwrap_or(&q0) + 1;
            let name = d.surface(q0, q1);
            let a = d.org(name);
            d.add_mention(a, s, q0, q1, false);
            affil = Some(a);
        }
    }
    (start, affil)
}

fn resolve_pronoun(d: &Doc<'_>, s: usize, i: usize, object: bool) -> Option<usize> {
    // people mentioned before, in this sentence then the previous ones
    let mut cands: Vec<(usize, usize, usize)> = Vec::new(); // (sent, t0, actor)
    for m in d.mentions.iter().rev() {
        if m.sent + 2 < s {
            break;
        }
        if m.sent > s || (m.sent == s && m.t0 >= i) || m.pronoun {
            continue;
        }
        if d.actors[m.actor].kind != ActorKind::Person {
            continue;
        }
        cands.push((m.sent, m.t0, m.actor));
    }
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    if cands.is_empty() {
        return None;
    }
    if object {
        // not the nearest (the clause's subject), when another is available
        let nearest = cands[0].2;
        return cands
            .iter()
            .find(|c| c.2 != nearest)
            .map(|c| c.2)
            .or(Some(nearest));
    }
    // subject pronoun: the first person of this sentence, else of the previous one
    let same: Vec<_> = cands.iter().filter(|c| c.0 == s).collect();
    if let Some(first) = same.last() {
        return Some(first.2);
    }
    let prev_sent = cands[0].0;
    cands.iter().rfind(|c| c.0 == prev_sent).map(|c| c.2)
}

fn last_of_kind(d: &Doc<'_>, s: usize, kind: ActorKind) -> Option<usize> {
    d.mentions
        .iter()
        .rev()
        .filter(|m| m.sent <= s && !m.pronoun)
        .find(|m| d.actors[m.actor].kind == kind)
        .map(|m| m.actor)
}
