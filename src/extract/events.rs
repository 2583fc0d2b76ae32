//! Events: trigger words and phrases mapped to event kinds and CAMEO codes,
//! their participants and roles read from the clause around the trigger,
//! the date of the temporal expression that governs the trigger (else the
//! publication date, marked inferred), the place, the modality.

#![warn(clippy::too_many_lines)]

use super::lexdata::{self, Frame};
use super::mentions::Doc;
use super::parse::Parse;
use super::roles::Tree;
use crate::model::{ActorKind, EventKind, Modality, Role};
use crate::syntax::Upos;
use crate::time::Timex;

/// Nouns that take a place of their own ("the crisis in Ukraine"): a
/// place after them is not the place of the event the clause reports.
const PLACE_NOUNS: &[&str] = &[
    "crisis",
    "situation",
    "democracy",
    "conflict",
    "war",
    "fighting",
    "violence",
    "unrest",
    "tension",
    "tensions",
    "election",
    "elections",
    "presence",
    "interests",
    "investment",
    "investments",
    "rights",
    "peace",
    "stability",
    "security",
    "policy",
    "role",
    "influence",
    "interference",
    "intervention",
    "involvement",
    "operations",
    "events",
    "protests",
    "reforms",
    "embassy",
    "ambassador",
    "minister",
    "people",
    "population",
    "economy",
];

/// An event of one sentence being built (a draft of the report's event).
#[derive(Debug, Clone)]
pub struct EventDraft {
    /// The event kind.
    pub kind: EventKind,
    /// The CAMEO code of the trigger, if it has one.
    pub cameo: Option<String>,
    /// The participants: index in `Doc::actors` and role.
    pub participants: Vec<(usize, Role)>,
    /// Index into the document's timexes, or `None` for the publication date.
    pub timex: Option<usize>,
    /// Without a timex of its own: the day of the events just before it
    /// (a timex index), used instead of the publication date.
    pub anchor: Option<usize>,
    /// A definite description ("the talks") of a meeting reported before.
    pub corefer: bool,
    /// A gathering its parties convene or attend ("X opened the summit"):
    /// a meeting of its own when it refers to none reported before.
    pub convened: bool,
    /// The place after "in", "at", "to" or "near" nearest the trigger, its clause first.
    pub place: Option<String>,
    /// Asserted, planned, reported, negated or hypothetical.
    pub modality: Modality,
    /// Index in `Doc::sents` of the sentence with the trigger.
    pub sent: usize,
    /// Other sentences that report the same event.
    pub more_sents: Vec<usize>,
    /// A score from 0.3 to 0.95: higher with a date, two participants, a verb.
    pub confidence: f32,
    /// Dated by "in (the) coming days (weeks, months, years)" and nothing
    /// else: the time ahead of the publication day, as (days, precision).
    pub ahead: Option<(u32, crate::model::Precision)>,
    /// Without a date of its own, dated by the day that opens its
    /// paragraph (an entry of a chronology, "May 2 — X met Y. ..."): an
    /// event of that day, not a report of one of another day.
    pub entry_day: bool,
    /// Without a date the tree gives it, happening at or during an event
    /// named by a definite noun without a date of its own ("said at the
    /// meeting", "signed during their visit"): that noun's event kind; the
    /// merge dates it by the last such event reported.
    pub during: Option<EventKind>,
}

fn is_boundary_word(w: &str) -> bool {
    matches!(
        w,
        "after"
            | "before"
            | "since"
            | "while"
            | "whereas"
            | "although"
            | "though"
            | "because"
            | "where"
            | "which"
            | "who"
            | "whom"
            | "when"
            | "but"
            | "whose"
            | "saying"
            | "calling"
            | "despite"
            | "until"
            | "unless"
            | "if"
    )
}

/// Clause index of every token of the sentence `first..end`.
fn clauses(doc: &Doc<'_>, first: usize, end: usize) -> Vec<u16> {
    let mut out = Vec::with_capacity(end - first);
    let mut clause: u16 = 0;
    for token in first..end {
        let text = doc.tx(token);
        let low = doc.low(token);
        let boundary = matches!(text, ";" | "\u{2014}" | "\u{2013}" | "--")
            || (text == "-" && token > first && doc.toks[token - 1].end < doc.toks[token].start)
            || (is_boundary_word(low) && token > first);
        if boundary {
            clause = clause.saturating_add(1);
        }
        out.push(clause);
    }
    out
}

/// The modality of the trigger `trigger..trigger_end` in the sentence
/// `first..end`: negated, hypothetical or planned by the words before it in
/// its clause, an infinitive, or "is planned" after it; else asserted.
fn modality(
    doc: &Doc<'_>,
    first: usize,
    trigger: usize,
    trigger_end: usize,
    end: usize,
    clauses: &[u16],
) -> Modality {
    let clause = clauses[trigger - first];
    let from = trigger.saturating_sub(6).max(first);
    let mut modality = Modality::Asserted;
    for token in (from..trigger).rev() {
        if clauses[token - first] != clause {
            break;
        }
        let word = doc.low(token);
        match word {
            "not" | "never" | "n't" | "no" | "didn't" | "don't" | "doesn't" | "won't"
            | "hasn't" | "haven't" | "wasn't" | "weren't" => return Modality::Negated,
            "could" | "might" | "may" | "would" | "nearly" | "almost" | "if" => {
                modality = Modality::Hypothetical
            }
            "will" | "'ll" | "shall" if modality == Modality::Asserted => {
                modality = Modality::Planned
            }
            "to" if token > first
                && matches!(
                    doc.low(token - 1),
                    "expected"
                        | "set"
                        | "due"
                        | "plans"
                        | "planned"
                        | "scheduled"
                        | "going"
                        | "intends"
                        | "hopes"
                        | "wants"
                )
                && modality == Modality::Asserted =>
            {
                modality = Modality::Planned
            }
            // "called for talks", "pressed for a meeting": wanted, not held
            "for"
                if token > first
                    && matches!(
                        doc.low(token - 1),
                        "called"
                            | "calls"
                            | "calling"
                            | "call"
                            | "pressed"
                            | "pushed"
                            | "push"
                            | "pushing"
                            | "appealed"
                            | "asked"
                    )
                    && modality == Modality::Asserted =>
            {
                modality = Modality::Planned
            }
            "expected" | "planned" | "upcoming" | "proposed" | "scheduled"
                if modality == Modality::Asserted =>
            {
                modality = Modality::Planned
            }
            _ => {}
        }
    }
    // an infinitive: "agreed on Sunday to meet", "is to visit"
    if modality == Modality::Asserted
        && trigger > first
        && doc.low(trigger - 1) == "to"
        && trigger_end == trigger + 1
    {
        let word = doc.low(trigger);
        if !word.ends_with("ed") && !word.ends_with('s') && !word.ends_with("ing") {
            modality = Modality::Planned;
        }
    }
    if modality == Modality::Asserted {
        // "... are planned", "... is expected"
        for token in trigger_end..(trigger_end + 4).min(end) {
            if matches!(doc.low(token), "planned" | "expected" | "scheduled")
                && token > trigger_end
                && matches!(doc.low(token - 1), "are" | "is" | "was" | "were")
            {
                return Modality::Planned;
            }
        }
    }
    modality
}

/// Argument mentions of sentence `sentence`: (first token, last token + 1,
/// actor).
fn args(doc: &Doc<'_>, sentence: usize) -> Vec<(usize, usize, usize)> {
    sent_mentions(doc, sentence)
        .iter()
        .filter(|m| m.arg)
        .map(|m| (m.t0, m.t1, m.actor))
        .collect()
}

/// The mentions of sentence `sentence` (mentions are sorted by sentence).
fn sent_mentions<'m>(doc: &'m Doc<'_>, sentence: usize) -> &'m [crate::extract::mentions::Mention] {
    let from = doc.mentions.partition_point(|m| m.sent < sentence);
    let to = doc.mentions.partition_point(|m| m.sent <= sentence);
    &doc.mentions[from..to]
}

/// Adds `actor` with `role` unless it takes part already.
fn push_unique(participants: &mut Vec<(usize, Role)>, actor: usize, role: Role) {
    if !participants.iter().any(|p| p.0 == actor) {
        participants.push((actor, role));
    }
}

/// Whether the mention starting at `mention_start` is the object of a
/// preposition ("from COUNTRY"), which is never a subject; "leaders of X"
/// is.
fn prepositional(doc: &Doc<'_>, mention_start: usize, first: usize) -> bool {
    if mention_start == first {
        return false;
    }
    let mut previous = mention_start - 1;
    while previous > first && matches!(doc.low(previous), "the" | "a" | "an") {
        previous -= 1;
    }
    let mention_start = previous + 1;
    let preposition = doc.low(previous);
    let prep = matches!(
        preposition,
        "from"
            | "in"
            | "at"
            | "to"
            | "of"
            | "with"
            | "for"
            | "by"
            | "on"
            | "into"
            | "over"
            | "against"
            | "about"
            | "toward"
            | "towards"
            | "under"
            | "than"
            | "between"
            | "among"
            | "including"
    );
    if !prep {
        return false;
    }
    if matches!(preposition, "of" | "from") && mention_start >= first + 2 {
        let head = doc.low(mention_start - 2);
        if group_noun(head) {
            return false;
        }
    }
    true
}

/// Whether `word` is a noun for people who act for a country or body
/// ("leaders of X", "delegations from X and Y", "the government of X").
fn group_noun(word: &str) -> bool {
    matches!(
        word,
        "leaders"
            | "leader"
            | "presidents"
            | "heads"
            | "governments"
            | "government"
            | "representatives"
            | "representative"
            | "ministers"
            | "officials"
            | "delegations"
            | "delegation"
            | "envoys"
            | "members"
    )
}

/// Dates the events that have no timex of their own with the day of the
/// events reported just before them (within `window` sentences): news
/// narrates one occasion over several sentences. That day is one of the
/// week before publication (an older one is background), except in the
/// paragraph that names it: the undated sentences of a paragraph (an
/// entry of a chronology, "May 2 — X met Y. They signed ...") go on with
/// the day it names, however old. `paragraph` numbers each sentence's
/// paragraph; `opens` tells, for each timex, whether it opens its
/// sentence (an entry's date, when that sentence opens its paragraph:
/// the events dated by it are `entry_day`).
#[allow(clippy::too_many_arguments)]
pub fn anchor_dates(
    evs: &mut [EventDraft],
    timexes: &[Timex],
    tx_sent: &[Option<usize>],
    background: &[bool],
    opens: &[bool],
    window: usize,
    published: Option<chrono::NaiveDate>,
    paragraph: &[u32],
) {
    let mut anchor: Option<(usize, usize)> = None; // (timex, sentence)
                                                   // the last day named in a paragraph, whatever its age: (timex, sentence)
    let mut local: Option<(usize, usize)> = None;
    let mut next_tx = 0;
    for ev in evs.iter_mut() {
        // every day named in the sentences before this one
        while next_tx < timexes.len() && tx_sent[next_tx].is_none_or(|s| s < ev.sent) {
            let t = &timexes[next_tx];
            if let Some(s) = tx_sent[next_tx] {
                // a day of the story so far: not a future one
                // (a day after publication only through an event, below:
                // "shook hands Tuesday" in a paper dated Monday, US time)
                let past = match (t.first, published) {
                    (Some(f), Some(p)) => f <= p && f + chrono::Duration::days(7) >= p,
                    (Some(_), None) => true,
                    _ => false,
                };
                // (a date of a noun or a relative clause is background:
                // "the strikes, which X ordered on Monday")
                if past && t.first == t.last && !weak_timex(t) && !background[next_tx] {
                    anchor = Some((next_tx, s));
                }
                let before = match (t.first, published) {
                    (Some(f), Some(p)) => f <= p,
                    (Some(_), None) => true,
                    _ => false,
                };
                if before && t.first == t.last && !weak_timex(t) && !background[next_tx] {
                    local = Some((next_tx, s));
                }
            }
            next_tx += 1;
        }
        match ev.timex {
            Some(k) => {
                let t = &timexes[k];
                let past = match (t.first, published) {
                    (Some(f), Some(p)) => {
                        f <= p + chrono::Duration::days(1) && f + chrono::Duration::days(7) >= p
                    }
                    (Some(_), None) => true,
                    _ => false,
                };
                if past && t.first == t.last && ev.modality != Modality::Planned && !background[k] {
                    anchor = Some((k, ev.sent));
                }
            }
            None => {
                // the day named earlier in the same paragraph, when no
                // later day of the story came since
                let same_paragraph = local.filter(|&(_, s)| {
                    s < ev.sent
                        && paragraph.get(s) == paragraph.get(ev.sent)
                        && anchor.is_none_or(|(_, a)| a <= s)
                });
                if let Some((k, s)) = same_paragraph {
                    ev.anchor = Some(k);
                    // the date that opens the paragraph: a dated entry
                    ev.entry_day = opens[k] && (s == 0 || paragraph.get(s - 1) != paragraph.get(s));
                } else if let Some((k, s)) = anchor {
                    if ev.sent <= s + window {
                        ev.anchor = Some(k);
                        // the story goes on: the window runs from here
                        anchor = Some((k, ev.sent));
                    }
                }
            }
        }
    }
}

/// Finds the events of every body sentence.
pub fn find_events(
    doc: &Doc<'_>,
    parse: &Parse,
    timexes: &[Timex],
    timex_tokens: &[(usize, usize)],
) -> Vec<EventDraft> {
    let triggers = lexdata::triggers();
    let mut out: Vec<EventDraft> = Vec::new();
    for sentence in 0..doc.sents.len() {
        let sent = doc.sents[sentence];
        if sent.heading {
            continue;
        }
        let (first, end) = (sent.t0, sent.t1);
        let sentence_clauses = clauses(doc, first, end);
        let sentence_args = args(doc, sentence);
        let mut token = first;
        while token < end {
            let Some(trigger) = match_trigger(doc, parse, token, end)
                .map(|k| Found::of(&triggers.all[k]))
                .or_else(|| cameo_trigger(doc, parse, token))
                .or_else(|| border_crossing(parse, token))
            else {
                token += 1;
                continue;
            };
            let trigger_end = token + trigger.len;
            // "X promised (praised, invited...) Y, saying ...": the saying
            // is how the act was made, not a second event
            if (trigger.kind == EventKind::Statement
                && (elaborates_verbal_act(doc, parse, token, end)
                    || voices_verbal_noun(doc, parse, token, end)
                    || reports_own_act(doc, parse, token, end)))
                || topic_of_event_noun(doc, parse, token, end)
                || names_without_reporting(doc, parse, (token, trigger_end), end, trigger.kind)
            {
                token = trigger_end;
                continue;
            }
            // a trigger inside a mention (a title, a name) is not a trigger
            if sentence_args.iter().any(|m| m.0 <= token && token < m.1)
                || doc.toks[token].cap
                    && token > first
                    && !matches!(doc.tx(token - 1), "\"" | "\u{201c}")
                    && doc.toks[token].word
                    && trigger.frame != Frame::Say
                    && trigger.first != "summit"
            {
                token = trigger_end;
                continue;
            }
            let site = TriggerSite::new(
                doc,
                parse,
                sentence,
                (token, trigger_end),
                trigger.frame,
                &sentence_args,
                &sentence_clauses,
            );
            // "the sanctions target X and Y": the targets of the event of
            // that kind reported before
            if let Some(w) = site.word.filter(|&w| refers_back(parse, w)) {
                let tree = Tree {
                    doc,
                    parse,
                    args: &sentence_args,
                };
                let named = tree.named_targets(w);
                let before = (!named.is_empty())
                    .then(|| {
                        out.iter_mut()
                            .rev()
                            .take_while(|o| o.sent + 12 >= sentence)
                            .find(|o| o.kind == trigger.kind && o.sent < sentence)
                    })
                    .flatten();
                if let Some(o) = before {
                    for a in named {
                        push_unique(&mut o.participants, a, Role::Target);
                    }
                    if !o.more_sents.contains(&sentence) {
                        o.more_sents.push(sentence);
                    }
                    token = trigger_end;
                    continue;
                }
            }
            if let Some(event) = build(
                &site,
                trigger.kind,
                trigger.cameo.clone(),
                timexes,
                timex_tokens,
            ) {
                // "the attack", "the visit" without a date or parties of
                // their own: the event of that kind reported in the dozen
                // sentences before (a meeting noun joins its meeting at the
                // merge, `corefer`)
                if event.timex.is_none()
                    && !matches!(
                        event.kind,
                        EventKind::Meet
                            | EventKind::Consult
                            | EventKind::Negotiate
                            | EventKind::Call
                    )
                    && site.word.is_some_and(|w| refers_back(parse, w))
                {
                    let before = out
                        .iter_mut()
                        .rev()
                        .take_while(|o| o.sent + 12 >= sentence)
                        .find(|o| o.kind == event.kind && o.sent < sentence);
                    if let Some(o) = before {
                        if !o.more_sents.contains(&sentence) {
                            o.more_sents.push(sentence);
                        }
                        token = trigger_end;
                        continue;
                    }
                }
                let pact = negotiated_pact(doc, &event, &trigger.last);
                out.push(event);
                if let Some(negotiation) = pact {
                    out.push(negotiation);
                }
            }
            token = trigger_end;
        }
    }
    // a verb of speaking with someone by phone: the call, not a second meeting
    let same = |a: &EventDraft, b: &EventDraft| {
        let mut x: Vec<usize> = a.participants.iter().map(|p| p.0).collect();
        let mut y: Vec<usize> = b.participants.iter().map(|p| p.0).collect();
        x.sort_unstable();
        y.sort_unstable();
        x == y
    };
    // (`out` is in sentence order: the calls of a sentence are found by
    // binary search, so a long document stays linear)
    let calls: Vec<EventDraft> = out
        .iter()
        .filter(|e| e.kind == EventKind::Call)
        .cloned()
        .collect();
    out.retain(|e| {
        if e.kind != EventKind::Meet {
            return true;
        }
        let from = calls.partition_point(|c| c.sent < e.sent);
        !calls[from..]
            .iter()
            .take_while(|c| c.sent == e.sent)
            .any(|c| same(c, e))
    });
    out
}

/// Whether the verb of saying at `token` is a participle adjunct without
/// a subject of its own ("..., saying ...", "..., adding ...") of a verb
/// that is itself a verbal act (a statement, appeal, intent, demand,
/// disapproval, accusation, rejection or threat): one act, reported once.
fn elaborates_verbal_act(doc: &Doc<'_>, parse: &Parse, token: usize, end: usize) -> bool {
    use super::parse::Rel;
    let Some(w) = parse.word_of_tok(token) else {
        return false;
    };
    let word = parse.word(w);
    if !matches!(word.rel, Rel::Advcl | Rel::Xcomp | Rel::Acl)
        || !doc.low(token).ends_with("ing")
        || parse.child(w, Rel::Nsubj).is_some()
    {
        return false;
    }
    let Some(h) = parse.head(w) else {
        return false;
    };
    let head_tok = parse.word(h).tok as usize;
    if parse.word(h).upos != Upos::Verb {
        return false;
    }
    let kind = match_trigger(doc, parse, head_tok, end)
        .map(|k| lexdata::triggers().all[k].kind)
        .or_else(|| cameo_trigger(doc, parse, head_tok).map(|f| f.kind));
    kind.is_some_and(EventKind::is_verbal)
}

/// Whether the verb of saying at `token` has for its object a noun that
/// is itself a verbal act ("announced their intention to ...", "repeated
/// the demand that ...", "reiterated its call for ..."): the noun's event
/// is the report, not a second one.
fn voices_verbal_noun(doc: &Doc<'_>, parse: &Parse, token: usize, end: usize) -> bool {
    let Some(w) = parse.word_of_tok(token) else {
        return false;
    };
    let Some(obj) = parse.child(w, super::parse::Rel::Obj) else {
        return false;
    };
    let o = parse.word(obj);
    if !matches!(o.upos, Upos::Noun) {
        return false;
    }
    let kind =
        match_trigger(doc, parse, o.tok as usize, end).map(|k| lexdata::triggers().all[k].kind);
    kind.is_some_and(EventKind::is_verbal)
}

/// Whether the verb of saying at `token` reports the speaker's own verbal
/// act ("X said he had urged Y to ...", "X told reporters that she
/// condemned the raid"): a `ccomp` verb whose subject is a personal
/// pronoun, that is itself a verbal act (appeal, demand, disapproval, ...)
/// and that is neither negated nor modal. The act is the report, not a
/// second event.
fn reports_own_act(doc: &Doc<'_>, parse: &Parse, token: usize, end: usize) -> bool {
    use super::parse::Rel;
    let Some(w) = parse.word_of_tok(token) else {
        return false;
    };
    parse.children(w).iter().any(|&c| {
        let x = parse.word(c);
        if x.rel != Rel::Ccomp || x.upos != Upos::Verb {
            return false;
        }
        let pronoun = parse.children(c).iter().any(|&d| {
            parse.word(d).rel == Rel::Nsubj
                && matches!(
                    doc.low(parse.word(d).tok as usize),
                    "he" | "she" | "they" | "we" | "i"
                )
        });
        let plain = !parse.children(c).iter().any(|&d| {
            let y = parse.word(d);
            matches!(y.rel, Rel::Aux | Rel::Advmod)
                && matches!(
                    &*y.lemma,
                    "will"
                        | "would"
                        | "shall"
                        | "could"
                        | "can"
                        | "may"
                        | "might"
                        | "must"
                        | "should"
                        | "not"
                        | "never"
                )
        });
        let kind = match_trigger(doc, parse, x.tok as usize, end)
            .map(|k| lexdata::triggers().all[k].kind)
            .or_else(|| cameo_trigger(doc, parse, x.tok as usize).map(|f| f.kind));
        pronoun && plain && kind.is_some_and(EventKind::is_verbal)
    })
}

/// Whether the noun at `token` is the topic of another event noun
/// ("talks on a ceasefire", "negotiations about the withdrawal",
/// "discussions over sanctions"): what is talked about, not an event
/// reported.
fn topic_of_event_noun(doc: &Doc<'_>, parse: &Parse, token: usize, end: usize) -> bool {
    let Some(w) = parse.word_of_tok(token) else {
        return false;
    };
    use super::parse::Rel;
    let word = parse.word(w);
    if !matches!(word.upos, Upos::Noun | Upos::Propn)
        || !matches!(
            parse.case_of(w),
            "on" | "about" | "over" | "regarding" | "concerning"
        )
    {
        return false;
    }
    let Some(h) = parse.head(w) else {
        return false;
    };
    let event_noun = |n: u32| match_trigger(doc, parse, parse.word(n).tok as usize, end).is_some();
    // the event noun right before the preposition, hung by the parser on
    // the word `h` ("a round of talks | on X": on "round")
    let noun_before = |h: u32| {
        let Some(case) = parse.child(w, Rel::Case) else {
            return false;
        };
        let before = parse.word(case).tok as usize;
        parse.children(h).iter().any(|&o| {
            let x = parse.word(o);
            matches!(x.rel, Rel::Obj | Rel::Nmod)
                && matches!(x.upos, Upos::Noun | Upos::Propn)
                && x.tok as usize + 1 == before
                && event_noun(o)
        })
    };
    match word.rel {
        Rel::Nmod => {
            matches!(parse.word(h).upos, Upos::Noun | Upos::Propn)
                && (event_noun(h) || noun_before(h))
        }
        // the parser hangs the phrase on the verb: "opened talks | on a
        // ceasefire", the event noun right before the preposition
        Rel::Obl => noun_before(h),
        _ => false,
    }
}

/// Verbs that characterise an event already named: with a predicate of
/// their own ("called the talks tense", "described the meeting as
/// useful", "the visit was seen as a success") their object is referred
/// to, not reported.
const CHARACTERIZE_VERBS: &[&str] = &[
    "call",
    "describe",
    "portray",
    "term",
    "label",
    "deem",
    "consider",
    "regard",
    "view",
    "see",
    "hail",
    "characterize",
    "characterise",
    "dub",
    "brand",
    "paint",
    "judge",
    "rate",
    "pronounce",
];

/// Verbs and nouns that lift, break, cancel or carry out an event that
/// already stands ("lifted the sanctions", "violated the truce",
/// "cancelled the deal", "relief from sanctions", "the implementation of
/// the accord"): the event they act on is background, not reported (the
/// act on it is an event of its own when it is a trigger).
const UNDO_WORDS: &[&str] = &[
    "lift",
    "ease",
    "scrap",
    "cancel",
    "abandon",
    "suspend",
    "violate",
    "breach",
    "break",
    "implement",
    "honor",
    "honour",
    "respect",
    "undermine",
    "derail",
    "revoke",
    "renounce",
    "rescind",
    "repeal",
    "annul",
    "terminate",
    "remove",
    "relief",
    "lifting",
    "easing",
    "removal",
    "violation",
    "implementation",
    "repeal",
];

/// Nouns of people named by their stance on an event ("opponents of the
/// deal", "critics of the talks", "the architects of the accord"): the
/// event is named, not reported.
const STANCE_NOUNS: &[&str] = &[
    "opponent",
    "critic",
    "supporter",
    "proponent",
    "advocate",
    "backer",
    "foe",
    "enemy",
    "skeptic",
    "sceptic",
    "champion",
    "architect",
];

/// Whether the trigger `token..trigger_end` of kind `kind` names an event
/// without reporting it:
/// - an event noun in "X or no X" ("will leave, deal or no deal"): either
///   way, no event;
/// - the noun of a noun naming people by their stance ("opponents of the
///   deal", `STANCE_NOUNS`);
/// - a participle or gerund modifying a noun ("the negotiating teams",
///   "the X-backed government"), or a noun compound modifying a noun that
///   is no event ("aid workers", "the election commission");
/// - the object of a verb that characterises it with a predicate ("called
///   the talks tense", "portrayed the meeting as a step");
/// - the object of a verb (or the noun of a noun) that lifts, breaks or
///   carries it out ("lifted sanctions", "violated the truce", "relief
///   from sanctions"), or of "end" for an event that is no meeting ("to
///   end the war"; "ended their talks" reports the talks).
fn names_without_reporting(
    doc: &Doc<'_>,
    parse: &Parse,
    (token, trigger_end): (usize, usize),
    end: usize,
    kind: EventKind,
) -> bool {
    use super::parse::Rel;
    let Some(w) = parse.phrase_head(token, trigger_end) else {
        return false;
    };
    let word = parse.word(w);
    let Some(h) = parse.head(w) else {
        return false;
    };
    let head = parse.word(h);
    let head_noun = matches!(head.upos, Upos::Noun | Upos::Propn);
    // a modifier before a noun
    if head_noun && head.tok > word.tok {
        if word.rel == Rel::Amod && matches!(word.upos, Upos::Verb | Upos::Adj) {
            return true;
        }
        if word.rel == Rel::Compound
            && (word.upos == Upos::Verb
                || (word.upos == Upos::Noun
                    && match_trigger(doc, parse, head.tok as usize, end).is_none()))
        {
            return true;
        }
    }
    if !matches!(word.upos, Upos::Noun | Upos::Propn) {
        return false;
    }
    // "deal or no deal": the noun and its negated twin
    let no = |n: u32| {
        parse
            .children(n)
            .iter()
            .any(|&c| parse.word(c).rel == Rel::Det && doc.low(parse.word(c).tok as usize) == "no")
    };
    let twin = |a: u32, b: u32| parse.word(a).lemma == parse.word(b).lemma && (no(a) || no(b));
    if parse
        .children(w)
        .iter()
        .any(|&c| parse.word(c).rel == Rel::Conj && twin(w, c))
        || (word.rel == Rel::Conj && twin(h, w))
    {
        return true;
    }
    if word.rel == Rel::Nmod && head_noun && STANCE_NOUNS.contains(&&*head.lemma) {
        return true;
    }
    // a word that undoes the event, or ends it (a meeting that ends was
    // held: "end" undoes only the other kinds)
    let undoes = |lemma: &str| {
        UNDO_WORDS.contains(&lemma)
            || (lemma == "end"
                && !matches!(
                    kind,
                    EventKind::Meet | EventKind::Consult | EventKind::Negotiate | EventKind::Call
                ))
    };
    match word.rel {
        Rel::Obj | Rel::NsubjPass => {
            let lemma = &*head.lemma;
            // the predicate: a complement of the verb, or an "as" phrase
            // on the verb or hung on the noun
            let predicate = parse.children(h).iter().any(|&c| {
                let x = parse.word(c);
                x.rel == Rel::Xcomp || (x.rel == Rel::Obl && parse.case_of(c) == "as")
            }) || parse
                .children(w)
                .iter()
                .any(|&c| parse.word(c).rel == Rel::Nmod && parse.case_of(c) == "as");
            (CHARACTERIZE_VERBS.contains(&lemma) && predicate) || undoes(lemma)
        }
        Rel::Nmod if head_noun => undoes(&head.lemma),
        _ => false,
    }
}

/// Whether noun trigger word `w` is a definite description without
/// parties, qualifiers or a date of its own ("the attack", "this visit";
/// not "the attack on X", "X's visit", "the second attack", "the deal
/// signed by X", nor the object of a verb that makes it, "signed the
/// deal"): it refers to an event reported before.
fn refers_back(parse: &Parse, w: u32) -> bool {
    use super::parse::Rel;
    use super::roles::SUPPORT_VERBS;
    let word = parse.word(w);
    if word.upos != Upos::Noun {
        return false;
    }
    let mut definite = false;
    for &c in parse.children(w) {
        let x = parse.word(c);
        match x.rel {
            Rel::Det if matches!(&*x.lemma, "the" | "this" | "that") => definite = true,
            Rel::Nmod | Rel::NmodPoss | Rel::Acl | Rel::AclRelcl | Rel::Appos => return false,
            Rel::Compound if x.upos == Upos::Propn => return false,
            Rel::Amod
                if matches!(
                    &*x.lemma,
                    "first"
                        | "second"
                        | "third"
                        | "new"
                        | "next"
                        | "latest"
                        | "last"
                        | "another"
                        | "fresh"
                        | "further"
                        | "previous"
                        | "earlier"
                        | "planned"
                        | "upcoming"
                        | "proposed"
                        | "possible"
                ) =>
            {
                return false
            }
            _ => {}
        }
    }
    let made_here = matches!(word.rel, Rel::Obj | Rel::NsubjPass)
        && parse
            .head(w)
            .is_some_and(|h| SUPPORT_VERBS.contains(&&*parse.word(h).lemma));
    definite && !made_here
}

/// "in (the) coming days", "in the coming weeks", "over the coming
/// months", "in the upcoming years" on trigger word `t`, the verb it
/// completes or the verb that supports it: a time ahead, undated. Gives
/// the span it covers after the publication day (a few of its units:
/// 10 days, 6 weeks, 6 months, 3 years) and its precision.
fn coming_time(parse: &Parse, t: u32) -> Option<(u32, crate::model::Precision)> {
    use super::parse::Rel;
    use crate::model::Precision;
    let phrase = |x: &super::parse::Word| {
        matches!(x.rel, Rel::Obl | Rel::OblTmod | Rel::Nmod | Rel::NmodTmod)
    };
    let mut w = t;
    for _ in 0..3 {
        // its phrases, and those the parser hangs on a phrase of it
        // ("a summit between X and Y in the coming weeks")
        let nested = parse
            .children(w)
            .iter()
            .filter(|&&c| phrase(parse.word(c)))
            .flat_map(|&c| parse.children(c).iter().copied());
        for c in parse.children(w).iter().copied().chain(nested) {
            let x = parse.word(c);
            if !phrase(x) {
                continue;
            }
            // (the parser may read "coming" as a participle, `acl`)
            let coming = parse.children(c).iter().any(|&d| {
                let y = parse.word(d);
                matches!(y.rel, Rel::Amod | Rel::Acl)
                    && y.tok < x.tok
                    && matches!(&*y.lemma, "coming" | "upcoming" | "come")
            });
            if !coming {
                continue;
            }
            let span = match &*x.lemma {
                "day" => (10, Precision::Week),
                "week" => (42, Precision::Week),
                "month" => (183, Precision::Month),
                "year" => (1096, Precision::Year),
                _ => continue,
            };
            return Some(span);
        }
        let word = parse.word(w);
        match (word.rel, parse.head(w)) {
            (Rel::Xcomp | Rel::Obj | Rel::Conj, Some(h)) => w = h,
            _ => break,
        }
    }
    None
}

/// The span of "coming days (weeks, months, years)" from a temporal
/// expression of the trigger's clause, wherever the parser hangs it (as
/// `coming_time`, by position).
fn coming_in_clause(
    site: &TriggerSite<'_, '_>,
    timexes: &[Timex],
    timex_tokens: &[(usize, usize)],
) -> Option<(u32, crate::model::Precision)> {
    use crate::model::Precision;
    let from = timex_tokens.partition_point(|&(a, _)| a < site.first);
    let to = from + timex_tokens[from..].partition_point(|&(a, _)| a < site.end);
    for (k, &(a, _)) in timex_tokens[from..to].iter().enumerate() {
        let timex = &timexes[from + k];
        if timex.first.is_some() || site.clause_of(a) != site.clause {
            continue;
        }
        // after another event noun, the time ahead is that noun's ("repeated
        // a vow, ... on the road to a summit in coming weeks": the
        // summit's time, not the vow's)
        let of_other_noun = (site.trigger_end..a).any(|q| {
            site.parse
                .word_of_tok(q)
                .is_some_and(|x| site.parse.word(x).upos == Upos::Noun)
                && match_trigger(site.doc, site.parse, q, site.end).is_some()
        });
        if of_other_noun {
            continue;
        }
        let text = timex.text.trim().to_ascii_lowercase();
        let text = text.strip_prefix("the ").unwrap_or(&text);
        let Some(unit) = text
            .strip_prefix("coming ")
            .or_else(|| text.strip_prefix("upcoming "))
        else {
            continue;
        };
        return match unit {
            "days" => Some((10, Precision::Week)),
            "weeks" => Some((42, Precision::Week)),
            "months" => Some((183, Precision::Month)),
            "years" => Some((1096, Precision::Year)),
            _ => None,
        };
    }
    None
}

/// A verb of walking or crossing whose path is a border ("crossed the
/// border", "walked across the border into X", "stepped over the
/// demarcation line"): a visit to the other side (CAMEO 042), the walker
/// the visitor.
fn border_crossing(parse: &Parse, token: usize) -> Option<Found> {
    use super::parse::Rel;
    let w = parse.word_of_tok(token)?;
    let word = parse.word(w);
    if word.upos != Upos::Verb
        || !matches!(
            &*word.lemma,
            "cross" | "walk" | "step" | "stride" | "drive" | "stroll"
        )
    {
        return None;
    }
    let border = |c: u32| {
        matches!(
            &*parse.word(c).lemma,
            "border" | "frontier" | "boundary" | "line" | "demarcation"
        )
    };
    let crosses = parse.children(w).iter().any(|&c| {
        let x = parse.word(c);
        (x.rel == Rel::Obj && &*word.lemma == "cross" && border(c))
            || (x.rel == Rel::Obl
                && matches!(parse.case_of(c), "across" | "over" | "into")
                && border(c))
    });
    crosses.then(|| Found {
        kind: EventKind::Visit,
        cameo: Some("042".to_string()),
        frame: Frame::Visit,
        len: 1,
        first: word.lemma.to_string(),
        last: word.lemma.to_string(),
    })
}

/// A trigger found at a token: from the trigger table or the CAMEO
/// verb dictionary.
struct Found {
    kind: EventKind,
    cameo: Option<String>,
    frame: Frame,
    /// Its number of tokens.
    len: usize,
    /// Its first and last words (lower case).
    first: String,
    last: String,
}

impl Found {
    fn of(t: &lexdata::Trigger) -> Found {
        Found {
            kind: t.kind,
            cameo: t.cameo.clone(),
            frame: t.frame,
            len: t.words.len(),
            first: t.words[0].clone(),
            last: t.words.last().cloned().unwrap_or_default(),
        }
    }
}

/// A verb the trigger table does not know that the CAMEO verb dictionary
/// codes (`extract::cameo`), with the frame of its kind: statements are
/// said, consultations, meetings and negotiations met, calls called, the
/// hosting of a visit (043) hosted, visits visited, the rest svo.
fn cameo_trigger(doc: &Doc<'_>, parse: &Parse, token: usize) -> Option<Found> {
    let w = parse.word_of_tok(token)?;
    let found = super::cameo::trigger(doc, parse, w)?;
    let frame = match found.kind {
        EventKind::Statement => Frame::Say,
        EventKind::Consult | EventKind::Meet | EventKind::Negotiate => Frame::Meet,
        EventKind::Call => Frame::Call,
        EventKind::Visit if found.code.starts_with("043") => Frame::Host,
        EventKind::Visit => Frame::Visit,
        _ => Frame::Svo,
    };
    let lemma = parse.word(w).lemma.to_string();
    Some(Found {
        kind: found.kind,
        cameo: Some(found.code),
        frame,
        len: 1,
        first: lemma.clone(),
        last: lemma,
    })
}

/// The trigger starting at token `token` (the sentence ends at `end`):
/// the longest phrase of the table whose words are the tokens' lower-case
/// forms, else a one-word trigger that is the token's lemma (so that
/// inflections need no entry of their own). A one-word trigger must be a
/// verb or a noun in the parse, and one matched by its lemma a verb, or a
/// noun when the table has the noun.
fn match_trigger(doc: &Doc<'_>, parse: &Parse, token: usize, end: usize) -> Option<usize> {
    let triggers = lexdata::triggers();
    let word = parse.word_of_tok(token).map(|w| parse.word(w));
    let content = |k: usize| {
        let trigger = &triggers.all[k];
        let upos = word.map(|w| w.upos);
        if trigger.verb_only {
            return upos.is_none_or(|u| u == Upos::Verb);
        }
        if trigger.noun_only {
            return upos.is_none_or(|u| matches!(u, Upos::Noun | Upos::Propn));
        }
        trigger.words.len() > 1
            || upos.is_none_or(|u| matches!(u, Upos::Verb | Upos::Noun | Upos::Propn))
    };
    if let Some(list) = triggers.by_first.get(doc.low(token)) {
        let found = list.iter().copied().find(|&k| {
            let words = &triggers.all[k].words;
            token + words.len() <= end
                && (0..words.len()).all(|j| doc.low(token + j) == words[j])
                && content(k)
        });
        if found.is_some() {
            return found;
        }
    }
    let word = word?;
    if &*word.lemma == doc.low(token) {
        return None;
    }
    let list = triggers.by_first.get(&*word.lemma)?;
    list.iter().copied().find(|&k| {
        let words = &triggers.all[k].words;
        words.len() == 1
            && !(triggers.all[k].noun_only && word.upos == Upos::Verb)
            && (word.upos == Upos::Verb
                || (word.upos == Upos::Noun && lexdata::is_in(lexdata::NOUN_TRIGGERS, &words[0])))
    })
}

/// Two parties that reach a pact together ("X and Y sealed a deal") have
/// negotiated with each other; the talks are reported as a second event
/// (not for a pact negated, "X and Y reached no deal").
fn negotiated_pact(doc: &Doc<'_>, event: &EventDraft, head: &str) -> Option<EventDraft> {
    let pact = matches!(
        head,
        "deal" | "agreement" | "accord" | "treaty" | "clinched" | "inked" | "sealed"
    );
    let sources = event
        .participants
        .iter()
        .filter(|p| p.1 == Role::Source)
        .count();
    let parties = event.participants.iter().all(|p| {
        p.1 == Role::Source
            && matches!(
                doc.actors[p.0].kind,
                ActorKind::Country | ActorKind::Organization | ActorKind::Person
            )
    });
    // "they reached no agreement": no pact, and the talks are not what
    // the sentence reports
    if event.kind != EventKind::Agree
        || !pact
        || sources < 2
        || !parties
        || event.corefer
        || event.modality == Modality::Negated
    {
        return None;
    }
    let mut negotiation = event.clone();
    negotiation.kind = EventKind::Negotiate;
    negotiation.cameo = Some("046".to_string());
    negotiation.participants = event
        .participants
        .iter()
        .map(|p| (p.0, Role::Participant))
        .collect();
    negotiation.confidence = (event.confidence - 0.1).max(0.3);
    Some(negotiation)
}

/// A timex too weak to date an event: a bare ordinal ("the 19th
/// summit").
fn weak_timex(timex: &Timex) -> bool {
    let text = timex.text.trim();
    let text = text.strip_prefix("the ").unwrap_or(text);
    text.len() <= 4
        && text.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && (text.ends_with("th")
            || text.ends_with("st")
            || text.ends_with("nd")
            || text.ends_with("rd"))
}

/// A trigger in its sentence: where it is, how its participants are read,
/// and the sentence's argument mentions and clauses.
#[derive(Clone, Copy)]
struct TriggerSite<'c, 'a> {
    /// The document.
    doc: &'c Doc<'a>,
    /// The document's parse.
    parse: &'c Parse,
    /// The trigger's head word in the parse, if its sentence was parsed.
    word: Option<u32>,
    /// Index in `Doc::sents` of the sentence.
    sentence: usize,
    /// Index in `Doc::toks` of the sentence's first token.
    first: usize,
    /// Index in `Doc::toks` just past the sentence's last token.
    end: usize,
    /// Index of the trigger's first token.
    trigger: usize,
    /// Index just past the trigger's last token.
    trigger_end: usize,
    /// How the participants are read.
    frame: Frame,
    /// The trigger's last word, lowercase.
    head: &'a str,
    /// The trigger is a noun ("the meeting"), not a verb.
    is_noun: bool,
    /// The trigger's clause.
    clause: u16,
    /// The sentence's argument mentions: (first token, end token, actor).
    args: &'c [(usize, usize, usize)],
    /// The clause of every token of the sentence.
    clauses: &'c [u16],
}

impl<'c, 'a> TriggerSite<'c, 'a> {
    fn new(
        doc: &'c Doc<'a>,
        parse: &'c Parse,
        sentence: usize,
        (trigger, trigger_end): (usize, usize),
        frame: Frame,
        args: &'c [(usize, usize, usize)],
        clauses: &'c [u16],
    ) -> TriggerSite<'c, 'a> {
        let sent = doc.sents[sentence];
        let (first, end) = (sent.t0, sent.t1);
        let head = doc.low(trigger_end - 1);
        let word = parse.phrase_head(trigger, trigger_end);
        let is_noun = match word {
            Some(w) => matches!(parse.word(w).upos, Upos::Noun | Upos::Propn),
            None => {
                lexdata::is_in(lexdata::NOUN_TRIGGERS, head)
                    || (trigger > first
                        && matches!(
                            doc.low(trigger - 1),
                            "a" | "an"
                                | "the"
                                | "state"
                                | "unannounced"
                                | "first"
                                | "his"
                                | "her"
                                | "their"
                                | "its"
                        ))
            }
        };
        TriggerSite {
            doc,
            parse,
            word,
            sentence,
            first,
            end,
            trigger,
            trigger_end,
            frame,
            head,
            is_noun,
            clause: clauses[trigger - first],
            args,
            clauses,
        }
    }

    /// The clause of token `token` of the sentence.
    fn clause_of(&self, token: usize) -> u16 {
        self.clauses[token - self.first]
    }

    /// The group of mentions ending nearest before `at` in the trigger's
    /// clause.
    fn left(&self, at: usize) -> Vec<usize> {
        self.left_group(at, self.clause, false)
    }

    /// The group of mentions starting from `from` in the trigger's clause,
    /// and whether it follows "by".
    fn right(&self, from: usize, max_gap: usize) -> (Vec<usize>, bool) {
        self.right_group(from, self.clause, max_gap)
    }

    /// The group of argument mentions ending nearest before `at` in clause
    /// `clause` (not objects of a preposition; inside or outside quotes as
    /// `at` is, unless `skip_quoted`), with those joined to it by "and",
    /// commas or a possessive.
    fn left_group(&self, at: usize, clause: u16, skip_quoted: bool) -> Vec<usize> {
        let (doc, first) = (self.doc, self.first);
        let mut out = Vec::new();
        let quoted_here = at < doc.toks.len() && doc.toks[at].quoted;
        let candidates: Vec<&(usize, usize, usize)> = self
            .args
            .iter()
            .filter(|m| {
                m.1 <= at
                    && self.clause_of(m.0) == clause
                    && !(skip_quoted && doc.toks[m.0].quoted)
                    && (skip_quoted || doc.toks[m.0].quoted == quoted_here)
                    && !prepositional(doc, m.0, first)
            })
            .collect();
        let Some(last) = candidates.last() else {
            // a relative clause: a name, a comma, "who" and its verb
            let clause_start = (first..at).find(|&q| self.clause_of(q) == clause);
            if let Some(q) = clause_start {
                if q > first && doc.low(q) == "who" {
                    let before = if doc.tx(q - 1) == "," { q - 1 } else { q };
                    if let Some(m) = self.args.iter().find(|m| m.1 == before) {
                        out.push(m.2);
                    }
                }
            }
            return out;
        };
        // a person's mention may leave out a title before it with its own
        // modifiers ("the UN's Special Envoy for Syria NAME"): the group
        // goes on from where that title starts, over the names inside it
        let lead = |m: &(usize, usize, usize)| {
            let mut s = m.0;
            if doc.actors[m.2].kind == ActorKind::Person {
                while s > first && m.0 - s < 8 {
                    let (w, tok) = (doc.low(s - 1), doc.toks[s - 1]);
                    let title_word = (tok.cap && tok.word && !lexdata::not_name(w))
                        || matches!(w, "'s" | "\u{2019}s")
                        || (matches!(w, "for" | "of") && doc.toks[s].cap);
                    if !title_word {
                        break;
                    }
                    s -= 1;
                }
            }
            s
        };
        out.push(last.2);
        let mut group_start = lead(last);
        let mut member_start = last.0;
        for m in candidates.iter().rev().skip(1) {
            if m.0 == member_start {
                out.push(m.2);
                continue;
            }
            if m.1 > group_start {
                // a name inside the title of the group's first member
                continue;
            }
            // joined by "and" / "," / "and their" between m.1 and group_start,
            // or by a list's separator and a group noun ("X, delegations
            // from Y", "X and the leaders of Y")
            let between: Vec<&str> = (m.1..group_start).map(|q| doc.low(q)).collect();
            let list_word = |word: &str| {
                matches!(
                    word,
                    "and" | "," | "her" | "his" | "their" | "husband" | "wife" | "&" | "the"
                )
            };
            let joined = !between.is_empty()
                && ((between.len() <= 3 && between.iter().all(|word| list_word(word)))
                    || (between.len() <= 5
                        && matches!(between[0], "," | "and")
                        && matches!(between[between.len() - 1], "from" | "of")
                        && between.len() >= 3
                        && group_noun(between[between.len() - 2])
                        && between[..between.len() - 2]
                            .iter()
                            .all(|word| list_word(word))));
            if joined {
                out.push(m.2);
                group_start = lead(m);
                member_start = m.0;
            } else {
                break;
            }
        }
        out
    }

    /// The group of argument mentions starting at most `max_gap` tokens
    /// after `from` in clause `clause` (not across a reporting verb or a
    /// closing quote), with those joined to it by "and" or commas; and
    /// whether "by" comes before it.
    fn right_group(&self, from: usize, clause: u16, max_gap: usize) -> (Vec<usize>, bool) {
        let doc = self.doc;
        let mut out = Vec::new();
        let quoted_here = from > 0 && from - 1 < doc.toks.len() && doc.toks[from - 1].quoted;
        let candidates: Vec<&(usize, usize, usize)> = self
            .args
            .iter()
            .filter(|m| {
                m.0 >= from && self.clause_of(m.0) == clause && doc.toks[m.0].quoted == quoted_here
            })
            .collect();
        let Some(nearest) = candidates.first() else {
            return (out, false);
        };
        if nearest.0 - from > max_gap {
            return (out, false);
        }
        // not across a reporting verb or a closing quote
        if (from..nearest.0).any(|q| {
            matches!(
                doc.low(q),
                "said" | "says" | "told" | "\"" | "\u{201d}" | "according"
            )
        }) {
            return (out, false);
        }
        let by = nearest.0 > self.first && doc.low(nearest.0 - 1) == "by";
        out.push(nearest.2);
        let mut group_end = nearest.1;
        for m in candidates.iter().skip(1) {
            if m.0 == nearest.0 && m.1 == nearest.1 {
                out.push(m.2);
                continue;
            }
            let between: Vec<&str> = (group_end..m.0).map(|q| doc.low(q)).collect();
            if !between.is_empty()
                && between.len() <= 2
                && between.iter().all(|word| matches!(*word, "and" | ","))
            {
                out.push(m.2);
                group_end = m.1;
            } else {
                break;
            }
        }
        (out, by)
    }
}

/// What a frame reads around a trigger.
struct FrameReading {
    /// The participants and their roles.
    participants: Vec<(usize, Role)>,
    /// A definite description ("the talks") of a meeting reported before.
    corefer: bool,
    /// The first token a timex dating the event may start at.
    date_floor: usize,
}

impl FrameReading {
    /// The participants read by a frame that sets nothing else.
    fn of(site: &TriggerSite<'_, '_>, participants: Vec<(usize, Role)>) -> FrameReading {
        FrameReading {
            participants,
            corefer: false,
            date_floor: site.first,
        }
    }
}

/// The event a trigger reports: its participants by frame, its date, place,
/// modality and confidence; `None` when the frame finds no fitting
/// participants.
fn build(
    site: &TriggerSite<'_, '_>,
    kind: EventKind,
    cameo: Option<String>,
    timexes: &[Timex],
    timex_tokens: &[(usize, usize)],
) -> Option<EventDraft> {
    let positional = match site.frame {
        Frame::Say => say_frame(site),
        Frame::Svo | Frame::Noun => Some(svo_frame(site)),
        Frame::Meet | Frame::Call => meet_frame(site),
        Frame::Visit => visit_frame(site),
        Frame::Host => host_frame(site),
    };
    let tree = Tree {
        doc: site.doc,
        parse: site.parse,
        args: site.args,
    };
    let from_tree = site.word.and_then(|w| tree.participants(w, site.frame));
    // The tree's reading first; the positional frame adds the parties the
    // tree missed (a parse error loses a conjunct or an object more often
    // than the positions name a wrong one), except a subject for a verb
    // conjoined to another one (the nearest name before it is the first
    // verb's object: "X met Y and visited Z") or for a noun that is the
    // object of another verb (its subject: "X condemned the attack").
    let shared_subject = site.word.is_some_and(|w| {
        let word = site.parse.word(w);
        (word.rel == super::parse::Rel::Conj
            && site.parse.child(w, super::parse::Rel::Nsubj).is_none())
            || super::roles::object_of_other_verb(site.parse, w)
    });
    // "X opened the summit", "X will host a conference": its one
    // convener is a party (an indefinite gathering stands alone; a
    // definite one refers to a meeting reported before, if any)
    let conveners = match site.word {
        Some(w) if site.frame == Frame::Meet => tree.conveners(w),
        _ => Vec::new(),
    };
    let definite = site.word.is_some_and(|w| tree.definite_meeting(w));
    let mut reading = match (from_tree, positional) {
        (Some(mut participants), Some(p)) => {
            for q in &p.participants {
                if shared_subject && q.1 == Role::Source {
                    continue;
                }
                if !participants.iter().any(|x| x.0 == q.0) {
                    participants.push(*q);
                }
            }
            FrameReading {
                participants,
                corefer: false,
                date_floor: p.date_floor,
            }
        }
        (Some(participants), None) => FrameReading::of(site, participants),
        (None, Some(p)) => p,
        (None, None) if !conveners.is_empty() && !definite => FrameReading {
            participants: conveners.iter().map(|&a| (a, Role::Participant)).collect(),
            corefer: false,
            date_floor: site.first,
        },
        (None, None) => match site
            .word
            .filter(|&w| matches!(site.frame, Frame::Meet) && tree.definite_meeting(w))
        {
            // "the opening ceremony", "this meeting" with one party or none
            // of its own: the meeting reported just before, joined by
            // those it names
            Some(w) => FrameReading {
                participants: tree
                    .parties(w)
                    .into_iter()
                    .chain(conveners.iter().copied())
                    .fold(Vec::new(), |mut out, a| {
                        push_unique(&mut out, a, Role::Participant);
                        out
                    }),
                corefer: true,
                date_floor: site.first,
            },
            None => return None,
        },
    };
    if let Some(w) = site.word {
        drop_topics(site, w, &mut reading.participants);
    }
    // the sentence's dated timexes (`timex_tokens` is in text order: only
    // the sentence's stretch of it is read, so a long document stays linear)
    let from = timex_tokens.partition_point(|&(a, _)| a < site.first);
    let to = from + timex_tokens[from..].partition_point(|&(a, _)| a < site.end);
    let sentence_timexes: Vec<(usize, (usize, usize))> = timex_tokens[from..to]
        .iter()
        .enumerate()
        .map(|(j, &x)| (from + j, x))
        .filter(|&(k, (a, b))| {
            b <= site.end && a < b && timexes[k].first.is_some() && !weak_timex(&timexes[k])
        })
        .collect();
    // the date the tree attaches to the trigger, else the nearest one of
    // its clause
    let tree_timex = site.word.and_then(|w| tree.timex(w, &sentence_timexes));
    let timex = tree_timex.or_else(|| {
        // a statement is not dated by the clause it reports ("X said
        // Y met Z on May 2": the meeting's date, not the saying's)
        let reported = match (site.frame, site.word) {
            (Frame::Say, Some(w)) => reported_spans(site.parse, w),
            _ => Vec::new(),
        };
        event_timex(site, reading.date_floor, timexes, timex_tokens, &reported)
    });
    // an event without a named actor stands on a date of its own: with a
    // parse, one the tree attaches to the trigger ("the war ended on May
    // 2"), not one of the clause around it ("launched talks to end the
    // war with a ceremony on May 2")
    let own_timex = match site.word {
        Some(w) => tree_timex.or(timex.filter(|&k| {
            let (a, b) = timex_tokens[k];
            // its date is the trigger's or one inside its phrase, or
            // stands right before a noun ("the 1978 peace accords")
            (site.is_noun && b <= site.trigger && site.trigger - b <= 2)
                || site
                    .parse
                    .phrase_head(a, b)
                    .is_some_and(|h| tree.governor_of(h).is_some_and(|g| tree.within(g, w)))
        })),
        None => timex,
    };
    if reading.participants.is_empty()
        && !stands_without_participants(site, kind, own_timex, timex_tokens)
    {
        return None;
    }
    let place = event_place(site);
    let modality = match site.word {
        Some(w) => tree.modality(w),
        _ => modality(
            site.doc,
            site.first,
            site.trigger,
            site.trigger_end,
            site.end,
            site.clauses,
        ),
    };
    let mut confidence: f32 = 0.45;
    if timex.is_some() {
        confidence += 0.2;
    }
    if reading.participants.len() >= 2 || site.frame == Frame::Say {
        confidence += 0.2;
    }
    if !site.is_noun {
        confidence += 0.1;
    }
    Some(EventDraft {
        kind,
        cameo,
        participants: reading.participants,
        timex,
        anchor: None,
        corefer: reading.corefer,
        convened: reading.corefer && !conveners.is_empty(),
        place,
        modality,
        sent: site.sentence,
        more_sents: Vec::new(),
        confidence: confidence.min(0.95),
        entry_day: false,
        during: (site.word.filter(|_| tree_timex.is_none()))
            .and_then(|w| occasion_of(site, &tree, w, &sentence_timexes)),
        ahead: if timex.is_none() {
            site.word
                .and_then(|w| coming_time(site.parse, w))
                .or_else(|| coming_in_clause(site, timexes, timex_tokens))
        } else {
            None
        },
    })
}

/// What is discussed is no party to the discussion: the actors named
/// only in the object of "discuss" ("X and Y discussed Z", "discussed
/// tensions between Z and W"), outside a "with" phrase in it, are
/// dropped from `participants`.
fn drop_topics(site: &TriggerSite<'_, '_>, w: u32, participants: &mut Vec<(usize, Role)>) {
    use super::parse::Rel;
    let p = site.parse;
    if p.word(w).upos != Upos::Verb || &*p.word(w).lemma != "discuss" {
        return;
    }
    let Some(object) = p.child(w, Rel::Obj) else {
        return;
    };
    let mut topic: Vec<usize> = Vec::new();
    let mut stack = vec![object];
    while let Some(x) = stack.pop() {
        if topic.len() > 2_000 {
            break;
        }
        if x != object && p.case_of(x) == "with" {
            continue;
        }
        topic.push(p.word(x).tok as usize);
        stack.extend_from_slice(p.children(x));
    }
    participants.retain(|&(a, _)| {
        site.args
            .iter()
            .any(|&(start, _, actor)| actor == a && !topic.contains(&start))
    });
}

/// The event a trigger happens at or during: a definite noun ("the",
/// "this", "that" or a possessive) under "at" or "during" of the trigger,
/// or of the support verb of a noun trigger ("X said at the meeting",
/// "they signed a deal during the visit"), that is a trigger itself and
/// has no date of its own. Its kind.
fn occasion_of(
    site: &TriggerSite<'_, '_>,
    tree: &Tree<'_, '_>,
    w: u32,
    sentence_timexes: &[(usize, (usize, usize))],
) -> Option<EventKind> {
    use super::parse::Rel;
    let p = site.parse;
    let mut governors = [Some(w), None];
    if site.is_noun && p.word(w).rel == Rel::Obj {
        governors[1] = p
            .head(w)
            .filter(|&h| super::roles::SUPPORT_VERBS.contains(&&*p.word(h).lemma));
    }
    for g in governors.into_iter().flatten() {
        for &c in p.children(g) {
            let x = p.word(c);
            if !matches!(x.rel, Rel::Obl | Rel::Nmod)
                || !matches!(x.upos, Upos::Noun)
                || !matches!(p.case_of(c), "at" | "during")
            {
                continue;
            }
            let definite = p.children(c).iter().any(|&d| {
                let y = p.word(d);
                y.rel == Rel::NmodPoss
                    || (y.rel == Rel::Det && matches!(&*y.lemma, "the" | "this" | "that"))
            });
            // a date in its phrase ("at the meeting on May 2"): the
            // clause's date
            let dated = sentence_timexes
                .iter()
                .any(|&(_, (a, b))| p.phrase_head(a, b).is_some_and(|h| tree.within(h, c)));
            if !definite || dated {
                continue;
            }
            let tok = x.tok as usize;
            if let Some(k) = match_trigger(site.doc, p, tok, site.end) {
                return Some(lexdata::triggers().all[k].kind);
            }
        }
    }
    None
}

/// The say frame: the speaker (after the verb in an inverted quotation,
/// else the subject right before it) and the one told. The reported
/// content before the speaker is not dated by the statement.
fn say_frame(site: &TriggerSite<'_, '_>) -> Option<FrameReading> {
    let TriggerSite {
        doc,
        first,
        trigger,
        trigger_end,
        args,
        clause,
        head,
        ..
    } = *site;
    // "according to X": the source is the noun after it, which the tree
    // reads; the names before it are what X reports
    if doc.low(trigger) == "according" {
        return None;
    }
    // inverted: a quotation or a comma then the verb then the speaker; not
    // a subject, an apposition between commas, then the verb
    let inverted = trigger > first
        && (matches!(doc.tx(trigger - 1), "\"" | "\u{201d}" | "'" | "\u{2019}")
            || (doc.tx(trigger - 1) == "," && !args.iter().any(|m| m.1 == trigger - 1)));
    let mut speaker = None;
    if inverted || trigger == first {
        if let Some(m) = args
            .iter()
            .find(|m| m.0 >= trigger_end && m.0 <= trigger_end + 1 && !doc.toks[m.0].quoted)
        {
            speaker = Some(m.2);
        }
    }
    // the subject must end right before the verb (adverbs and
    // auxiliaries aside): an indefinite "an official said" names no one
    let mut subject_end = trigger;
    while subject_end > first
        && matches!(
            doc.low(subject_end - 1),
            "also"
                | "later"
                | "earlier"
                | "then"
                | "has"
                | "had"
                | "have"
                | "reportedly"
                | "previously"
                | "would"
                | "will"
                | "repeatedly"
                | "personally"
                | "directly"
                | "recently"
                | "again"
                | "officially"
                | "publicly"
                | "once"
                | "further"
                | "separately"
                | "first"
                | "quickly"
                | "finally"
        )
    {
        subject_end -= 1;
    }
    let adjacent = subject_end == first
        || !doc.toks[subject_end - 1].word
        || args.iter().any(|m| m.1 == subject_end)
        || doc.toks[subject_end - 1].quoted;
    let mut group = Vec::new();
    if speaker.is_none() && !adjacent {
        return None;
    }
    if speaker.is_none() {
        group = site.left_group(trigger, clause, true);
        speaker = group.first().copied();
    }
    if speaker.is_none() {
        // a speaker before a relative clause: "X, who ..., said"
        if let Some(m) = args.iter().rev().find(|m| {
            m.1 <= trigger
                && !doc.toks[m.0].quoted
                && doc.actors[m.2].kind == ActorKind::Person
                && !prepositional(doc, m.0, first)
        }) {
            speaker = Some(m.2);
        }
    }
    let speaker = speaker?;
    let fronted = matches!(
        doc.low(first),
        "while"
            | "on"
            | "in"
            | "at"
            | "after"
            | "before"
            | "during"
            | "earlier"
            | "later"
            | "speaking"
            | "when"
            | "since"
            | "last"
            | "late"
            | "early"
    );
    let date_floor = match args.iter().rev().find(|m| m.2 == speaker && m.1 <= trigger) {
        _ if fronted => first,
        Some(m) => m.0,
        None => trigger_end,
    };
    let mut participants = vec![(speaker, Role::Source)];
    for actor in group.into_iter().skip(1) {
        push_unique(&mut participants, actor, Role::Source);
    }
    if matches!(head, "told" | "tells" | "tell") {
        if let Some(m) = args.iter().find(|m| m.0 == trigger_end) {
            push_unique(&mut participants, m.2, Role::Target);
        }
    }
    Some(FrameReading {
        participants,
        corefer: false,
        date_floor,
    })
}

/// The subject-verb-object frame (and its nouns): the subject group is the
/// source, the object group the target, swapped after "by".
fn svo_frame(site: &TriggerSite<'_, '_>) -> FrameReading {
    let TriggerSite {
        doc,
        trigger,
        trigger_end,
        args,
        is_noun,
        ..
    } = *site;
    let mut participants = Vec::new();
    let mut left = site.left(trigger);
    if is_noun && !left.is_empty() {
        // a noun takes the subject only as the object of its verb, not
        // through "of" (informing someone of a noun)
        let last_end = args
            .iter()
            .filter(|m| m.1 <= trigger && site.clause_of(m.0) == site.clause)
            .map(|m| m.1)
            .max()
            .unwrap_or(trigger);
        if (last_end..trigger).any(|k| {
            matches!(
                doc.low(k),
                "of" | "with" | "for" | "about" | "from" | "against" | "into" | "to"
            )
        }) {
            left.clear();
        }
    }
    let (right, by) = site.right(trigger_end, 6);
    let (sources, targets) = if by { (right, left) } else { (left, right) };
    for actor in sources {
        push_unique(&mut participants, actor, Role::Source);
    }
    for actor in targets {
        push_unique(&mut participants, actor, Role::Target);
    }
    // an event needs the one who acts
    if !participants.iter().any(|p| p.1 == Role::Source) {
        participants.clear();
    }
    FrameReading::of(site, participants)
}

/// The meet and call frames: the parties after "between", "with" or "to",
/// those attending, the subject and object of a verb or the possessor of a
/// noun; a bare "the talks" refers to a meeting reported before.
fn meet_frame(site: &TriggerSite<'_, '_>) -> Option<FrameReading> {
    let TriggerSite {
        doc,
        first,
        trigger,
        trigger_end,
        frame,
        is_noun,
        ..
    } = *site;
    let mut participants = Vec::new();
    partners_after(site, &mut participants);
    attendees_before(site, &mut participants);
    if is_noun && doc.low(trigger_end - 1) == "of" {
        // "in the presence of X": X
        let (group, _) = site.right(trigger_end, 3);
        for actor in group {
            push_unique(&mut participants, actor, Role::Participant);
        }
    }
    if !is_noun {
        // verb: subject group and object group
        for actor in site.left(trigger) {
            push_unique(&mut participants, actor, Role::Participant);
        }
        let (objects, _) = site.right(trigger_end, 2);
        for actor in objects {
            push_unique(&mut participants, actor, Role::Participant);
        }
    } else {
        // noun: a possessive or modifier right before it
        if let Some(m) = site
            .args
            .iter()
            .find(|m| m.1 <= trigger && trigger - m.1 <= 2 && site.clause_of(m.0) == site.clause)
        {
            push_unique(&mut participants, m.2, Role::Participant);
        }
        if participants.len() < 2 {
            for actor in site.left(trigger) {
                push_unique(&mut participants, actor, Role::Participant);
            }
        }
    }
    if participants.len() < 2 && frame == Frame::Call {
        // a call after a verb with two people before it: those two
        let mut seen = 0;
        for m in site
            .args
            .iter()
            .rev()
            .filter(|m| m.1 <= trigger && site.clause_of(m.0) == site.clause)
        {
            if doc.actors[m.2].kind == ActorKind::Person {
                push_unique(&mut participants, m.2, Role::Participant);
                seen += 1;
                if participants.len() >= 2 || seen >= 3 {
                    break;
                }
            }
        }
    }
    fronted_meeting_partner(site, &mut participants);
    let people = participants.len();
    let has_body = participants.iter().any(|p| {
        matches!(
            doc.actors[p.0].kind,
            ActorKind::Organization | ActorKind::Group
        )
    });
    let mut corefer = false;
    if people < 2 && !(has_body && people == 1 && is_noun) {
        // "the talks": the meeting reported before, joined by the subject
        if is_noun && trigger > first && doc.low(trigger - 1) == "the" && frame == Frame::Meet {
            corefer = true;
        } else {
            return None;
        }
    }
    Some(FrameReading {
        participants,
        corefer,
        date_floor: first,
    })
}

/// The parties in the phrase after a meeting or call: "between X and Y",
/// "with X", a call "to X", a noun "before X"; it stops at another
/// meeting's or call's trigger.
fn partners_after(site: &TriggerSite<'_, '_>, participants: &mut Vec<(usize, Role)>) {
    let TriggerSite {
        doc,
        first,
        end,
        trigger_end,
        frame,
        is_noun,
        ..
    } = *site;
    let mut token = trigger_end;
    let limit = (trigger_end + if is_noun { 30 } else { 14 }).min(end);
    let mut clause = site.clause;
    while token < limit {
        let word = doc.low(token);
        if word == "before" && is_noun && token > first && site.clause_of(token - 1) == clause {
            clause = site.clause_of(token);
        }
        if site.clause_of(token) != clause {
            break;
        }
        // not into the phrase of another meeting or call
        if token > trigger_end
            && lexdata::triggers().by_first.get(word).is_some_and(|list| {
                list.iter().any(|&k| {
                    let other = &lexdata::triggers().all[k];
                    other.words.len() == 1 && matches!(other.frame, Frame::Meet | Frame::Call)
                })
            })
        {
            break;
        }
        if word == "to" && frame == Frame::Call && is_noun && token == trigger_end {
            let (group, _) = site.right_group(token + 1, clause, 2);
            for actor in group {
                push_unique(participants, actor, Role::Participant);
            }
        }
        if word == "between" || word == "with" || (word == "before" && is_noun) {
            let next_clause = site.clause_of((token + 1).min(end - 1));
            let (group, _) = site.right_group(token + 1, next_clause, 3);
            let found = !group.is_empty();
            for actor in group {
                push_unique(participants, actor, Role::Participant);
            }
            if found && word != "before" {
                break;
            }
        }
        token += 1;
    }
}

/// The subject of "at" before a meeting noun (within a few words, no
/// person named between) attends it, and so does the subject of "attended"
/// or "joined" before it.
fn attendees_before(site: &TriggerSite<'_, '_>, participants: &mut Vec<(usize, Role)>) {
    let TriggerSite {
        doc,
        first,
        trigger,
        is_noun,
        args,
        ..
    } = *site;
    let no_person_between = |q: usize| {
        !args.iter().any(|m| {
            m.0 > q
                && m.1 <= trigger
                && site.clause_of(m.0) == site.clause
                && doc.actors[m.2].kind == ActorKind::Person
        })
    };
    let from = trigger.saturating_sub(7).max(first);
    let at_event = is_noun && (from..trigger).any(|q| doc.low(q) == "at" && no_person_between(q));
    if at_event {
        for actor in site.left(trigger) {
            push_unique(participants, actor, Role::Participant);
        }
    }
    let attend = (from..trigger).rev().find(|&q| {
        is_noun
            && matches!(
                doc.low(q),
                "attended" | "attends" | "attend" | "attending" | "joined" | "joins"
            )
            && no_person_between(q)
    });
    if let Some(q) = attend {
        for actor in site.left(q) {
            push_unique(participants, actor, Role::Participant);
        }
    }
}

/// A meeting noun in a fronted phrase ("During a meeting with Y, X
/// said"): the subject of the main clause after the comma is the other
/// party.
fn fronted_meeting_partner(site: &TriggerSite<'_, '_>, participants: &mut Vec<(usize, Role)>) {
    let TriggerSite {
        doc,
        first,
        end,
        trigger,
        trigger_end,
        is_noun,
        args,
        ..
    } = *site;
    if !(is_noun
        && participants.len() == 1
        && matches!(
            doc.low(first),
            "during" | "at" | "in" | "after" | "following" | "before"
        )
        && !(first..trigger).any(|q| doc.tx(q) == ","))
    {
        return;
    }
    let Some(comma) = (trigger_end..end).find(|&q| doc.tx(q) == ",") else {
        return;
    };
    let start = if comma + 1 < end && doc.low(comma + 1) == "the" {
        comma + 2
    } else {
        comma + 1
    };
    if let Some(m) = args.iter().find(|m| m.0 == start) {
        if matches!(
            doc.actors[m.2].kind,
            ActorKind::Person | ActorKind::Country | ActorKind::Organization
        ) {
            push_unique(participants, m.2, Role::Participant);
        }
    }
}

/// The visit frame: the visitor (the subject, "by X" after the noun, a
/// possessive before it) is the source, the place or actor visited the
/// target.
fn visit_frame(site: &TriggerSite<'_, '_>) -> Option<FrameReading> {
    let TriggerSite {
        doc,
        end,
        trigger,
        trigger_end,
        is_noun,
        args,
        ..
    } = *site;
    let mut participants = Vec::new();
    let (right, by) = site.right(trigger_end, 4);
    if by {
        for actor in right {
            push_unique(&mut participants, actor, Role::Source);
        }
    } else {
        for actor in site.left(trigger) {
            push_unique(&mut participants, actor, Role::Source);
        }
        // "by X" further on: a visit to a place by someone
        let mut token = trigger_end;
        while token < end && site.clause_of(token) == site.clause && token < trigger_end + 10 {
            if doc.low(token) == "by" {
                if let Some(m) = args.iter().find(|m| m.0 == token + 1 || m.0 == token + 2) {
                    push_unique(&mut participants, m.2, Role::Source);
                }
                break;
            }
            token += 1;
        }
        for actor in right {
            if matches!(
                doc.actors[actor].kind,
                ActorKind::Country | ActorKind::Organization | ActorKind::Person
            ) && !participants.iter().any(|p| p.0 == actor)
            {
                participants.push((actor, Role::Target));
            }
        }
    }
    // a possessive before a noun: someone's trip
    if !participants.iter().any(|p| p.1 == Role::Source) && is_noun {
        if let Some(m) = sent_mentions(doc, site.sentence).iter().find(|m| {
            m.t1 <= trigger
                && trigger - m.t1 <= 2
                && (matches!(doc.low(m.t0), "his" | "her" | "their" | "its")
                    || (m.t1 < trigger && matches!(doc.low(m.t1), "'s" | "\u{2019}s")))
        }) {
            push_unique(&mut participants, m.actor, Role::Source);
        }
        // a possessive, a visit, "to" and a destination: the destination hosts
        if !participants.is_empty() {
            let (group, _) = site.right(trigger_end, 2);
            for actor in group {
                if matches!(
                    doc.actors[actor].kind,
                    ActorKind::Country | ActorKind::Organization | ActorKind::Person
                ) {
                    push_unique(&mut participants, actor, Role::Target);
                }
            }
        }
    }
    if !participants.iter().any(|p| p.1 == Role::Source) {
        return None;
    }
    Some(FrameReading::of(site, participants))
}

/// The host frame: a host welcomes a guest (or a guest is greeted by a
/// host, or a host gives a meal for a guest); the guest is the source.
fn host_frame(site: &TriggerSite<'_, '_>) -> Option<FrameReading> {
    let TriggerSite {
        doc,
        end,
        trigger,
        trigger_end,
        ..
    } = *site;
    let left = site.left(trigger);
    let (mut right, by) = site.right(trigger_end, 2);
    // a host gives a meal "for" a guest or "in honour of" one
    if right.is_empty()
        && trigger_end + 3 < end
        && matches!(doc.low(trigger_end), "a" | "an" | "the")
    {
        let meal = matches!(
            doc.low(trigger_end + 1),
            "dinner" | "lunch" | "luncheon" | "banquet" | "reception" | "breakfast"
        );
        let mut token = trigger_end + 2;
        if token + 2 < end
            && doc.low(token) == "in"
            && matches!(doc.low(token + 1), "honour" | "honor")
        {
            token += 2;
            if doc.low(token) != "of" {
                token = end;
            }
        } else if doc.low(token) != "for" {
            token = end;
        }
        if meal && token + 1 < end {
            right = site.right(token + 1, 2).0;
        }
    }
    if left.is_empty() || right.is_empty() {
        return None;
    }
    let (guests, hosts) = if by { (left, right) } else { (right, left) };
    let mut participants = Vec::new();
    for actor in guests {
        push_unique(&mut participants, actor, Role::Source);
    }
    for actor in hosts {
        push_unique(&mut participants, actor, Role::Target);
    }
    Some(FrameReading::of(site, participants))
}

/// The token spans of the clauses verb `w` reports: its `ccomp`s, and
/// every clause below it introduced by "that" (the parser may hang "said
/// during the session in X, the capital, that ..." on a noun).
fn reported_spans(parse: &Parse, w: u32) -> Vec<(usize, usize)> {
    use super::parse::Rel;
    let span_of = |c: u32| {
        let (mut lo, mut hi) = (usize::MAX, 0);
        let mut stack = vec![c];
        let mut seen = 0;
        while let Some(x) = stack.pop() {
            seen += 1;
            if seen > 2_000 {
                break;
            }
            let t = parse.word(x).tok as usize;
            lo = lo.min(t);
            hi = hi.max(t + 1);
            stack.extend_from_slice(parse.children(x));
        }
        (lo < hi).then_some((lo, hi))
    };
    let that_clause = |c: u32| {
        parse
            .children(c)
            .iter()
            .any(|&m| parse.word(m).rel == Rel::Mark && &*parse.word(m).lemma == "that")
    };
    let mut out = Vec::new();
    let mut stack: Vec<u32> = parse.children(w).to_vec();
    let mut seen = 0;
    while let Some(c) = stack.pop() {
        seen += 1;
        if seen > 2_000 {
            break;
        }
        let direct = parse.head(c) == Some(w) && parse.word(c).rel == Rel::Ccomp;
        if direct || that_clause(c) {
            out.extend(span_of(c));
            continue;
        }
        stack.extend_from_slice(parse.children(c));
    }
    out
}

/// The timex that dates the event: the nearest resolved one in the
/// trigger's clause, else one before the trigger, else one in a relative
/// clause after it ("which began on DAY"); never a date of a noun or of a relative
/// clause about another noun (`Tree::dates_other`); only the timexes of the
/// sentence from `date_floor` on (`timex_tokens` is in text order).
fn event_timex(
    site: &TriggerSite<'_, '_>,
    date_floor: usize,
    timexes: &[Timex],
    timex_tokens: &[(usize, usize)],
    skip: &[(usize, usize)],
) -> Option<usize> {
    let TriggerSite {
        doc,
        first,
        end,
        trigger,
        trigger_end,
        ..
    } = *site;
    let from = timex_tokens.partition_point(|&(start, _)| start < first.min(date_floor));
    let to = timex_tokens.partition_point(|&(start, _)| start < end);
    let sentence_timexes = || {
        timex_tokens[from..to]
            .iter()
            .enumerate()
            .map(move |(j, x)| (from + j, x))
    };
    // a date of a noun or of a relative clause about another noun
    let tree = Tree {
        doc: site.doc,
        parse: site.parse,
        args: site.args,
    };
    // a trigger inside a relative clause is dated inside it only ("the
    // accord, which X signed, takes effect on May 20": not signed then)
    let relative = site.word.and_then(|w| tree.relative_clause_of(w));
    let elsewhere = |start: usize, stop: usize| {
        site.word.is_some_and(|w| {
            site.parse.phrase_head(start, stop).is_some_and(|h| {
                tree.dates_other(h, w) || relative.is_some_and(|r| !tree.within(h, r))
            })
        })
    };
    let mut best: Option<(usize, usize)> = None;
    for (k, &(start, stop)) in sentence_timexes() {
        if start < first || stop > end || start >= end {
            continue;
        }
        let timex = &timexes[k];
        if timex.first.is_none()
            || weak_timex(timex)
            || start < date_floor
            || skip.iter().any(|&(a, b)| a <= start && start < b)
            || elsewhere(start, stop)
        {
            continue;
        }
        if site.clause_of(start) != site.clause {
            continue;
        }
        let coarse = matches!(
            timex.precision,
            crate::model::Precision::Season
                | crate::model::Precision::Year
                | crate::model::Precision::Decade
                | crate::model::Precision::Century
        );
        let distance = if start >= trigger_end {
            start - trigger_end
        } else {
            trigger - stop.min(trigger)
        } + if coarse { 6 } else { 0 };
        if best.is_none_or(|x| distance < x.1 || (distance == x.1 && start >= trigger_end)) {
            best = Some((k, distance));
        }
    }
    if best.is_none() {
        for (k, &(start, stop)) in sentence_timexes() {
            if start < date_floor
                || stop > trigger
                || skip.iter().any(|&(a, b)| a <= start && start < b)
                || timexes[k].first.is_none()
                || weak_timex(&timexes[k])
                || elsewhere(start, stop)
            {
                continue;
            }
            best = Some((k, 0));
        }
    }
    if best.is_none() {
        // a timex later in the sentence, only from a relative clause
        for (k, &(start, stop)) in sentence_timexes() {
            if start < trigger_end
                || start >= end
                || skip.iter().any(|&(a, b)| a <= start && start < b)
                || timexes[k].first.is_none()
                || weak_timex(&timexes[k])
                || elsewhere(start, stop)
            {
                continue;
            }
            let clause = site.clause_of(start);
            let opener = (first..start).find(|&q| site.clause_of(q) == clause);
            if !opener.is_some_and(|q| doc.low(q) == "which" && start - q <= 8) {
                continue;
            }
            best = Some((k, 0));
            break;
        }
    }
    best.map(|b| b.0)
}

/// Whether an event with no participant stands: not when the trigger
/// refers back (a determiner, a pronoun before it), only for kinds that
/// can be reported without actors and with a timex of its own near it.
fn stands_without_participants(
    site: &TriggerSite<'_, '_>,
    kind: EventKind,
    timex: Option<usize>,
    timex_tokens: &[(usize, usize)],
) -> bool {
    let TriggerSite {
        doc,
        first,
        trigger,
        trigger_end,
        args,
        ..
    } = *site;
    // a determiner refers back; a pronoun subject is unresolved
    let anaphoric = (trigger.saturating_sub(3).max(first)..trigger).any(|q| {
        matches!(
            doc.low(q),
            "the" | "this" | "its" | "it" | "they" | "he" | "she" | "we" | "his" | "her" | "their"
        )
    });
    if anaphoric {
        return false;
    }
    let explicit = timex.is_some_and(|k| {
        let (start, stop) = timex_tokens[k];
        start >= first
            && site.clause_of(start) == site.clause
            && (!args.iter().any(|m| site.clause_of(m.0) == site.clause)
                || (start >= trigger_end && start - trigger_end <= 10)
                || (stop <= trigger && trigger - stop <= 2))
    });
    let allowed = matches!(
        kind,
        EventKind::Agree
            | EventKind::Deescalate
            | EventKind::Coerce
            | EventKind::Assault
            | EventKind::Fight
            | EventKind::Vote
            | EventKind::Yield
    );
    explicit && allowed
}

/// The place of the event: the place after "in", "at", "to" or "near"
/// nearest the trigger, its clause first; not a possessive, not a place
/// that belongs to a noun, not a place of the report before a reporting
/// verb.
fn event_place(site: &TriggerSite<'_, '_>) -> Option<String> {
    let TriggerSite {
        doc,
        sentence,
        first,
        trigger,
        trigger_end,
        frame,
        ..
    } = *site;
    let mut place = None;
    let mut best_distance: Option<usize> = None;
    let from = doc.places.partition_point(|p| p.sent < sentence);
    let to = doc.places.partition_point(|p| p.sent <= sentence);
    for candidate in &doc.places[from..to] {
        if candidate.t0 == first
            || !matches!(doc.low(candidate.t0 - 1), "in" | "at" | "to" | "near")
        {
            continue;
        }
        let same_clause = site.clause_of(candidate.t0) == site.clause;
        let distance = if candidate.t0 >= trigger_end {
            candidate.t0 - trigger_end
        } else {
            trigger - candidate.t1.min(trigger)
        } + if same_clause { 0 } else { 100 };
        if frame != Frame::Visit && doc.low(candidate.t0 - 1) == "to" && !same_clause {
            continue;
        }
        // a possessive is no place; a place after a noun such as
        // "crisis" or "democracy" belongs to the noun, not to the event
        if candidate.t1 < doc.toks.len() && matches!(doc.low(candidate.t1), "'s" | "\u{2019}s") {
            continue;
        }
        if candidate.t0 >= 2 && lexdata::is_in(PLACE_NOUNS, doc.low(candidate.t0 - 2)) {
            continue;
        }
        // a place before a reporting verb is where it was said, not where
        // the reported event happened
        if frame != Frame::Say
            && candidate.t1 <= trigger
            && (candidate.t1..trigger).any(|k| {
                matches!(
                    doc.low(k),
                    "said" | "says" | "told" | "tells" | "announced" | "reported" | "stated"
                )
            })
        {
            continue;
        }
        if best_distance.is_none_or(|b| distance < b) {
            best_distance = Some(distance);
            place = Some(candidate.name.clone());
        }
    }
    place
}
