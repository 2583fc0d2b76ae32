//! Events: trigger words and phrases mapped to event kinds and CAMEO codes,
//! their participants and roles read from the clause around the trigger,
//! the date of the temporal expression that governs the trigger (else the
//! publication date, marked inferred), the place, the modality.

use super::lexdata::{self, Frame};
use super::mentions::Doc;
use crate::model::{ActorKind, EventKind, Modality, Role};
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

/// An event found in one sentence.
#[derive(Debug, Clone)]
pub struct EventB {
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

/// Clause index of every token of a sentence.
fn clauses(d: &Doc<'_>, t0: usize, t1: usize) -> Vec<u16> {
    let mut out = Vec::with_capacity(t1 - t0);
    let mut c: u16 = 0;
    for i in t0..t1 {
        let tx = d.tx(i);
        let low = d.low(i);
        let boundary = matches!(tx, ";" | "\u{2014}" | "\u{2013}" | "--")
            || (tx == "-" && i > t0 && d.toks[i - 1].end < d.toks[i].start)
            || (is_boundary_word(low) && i > t0);
        if boundary {
            c = c.saturating_add(1);
        }
        out.push(c);
    }
    out
}

fn modality(
    d: &Doc<'_>,
    t0: usize,
    trig: usize,
    trig_end: usize,
    t1: usize,
    cl: &[u16],
) -> Modality {
    let c = cl[trig - t0];
    let from = trig.saturating_sub(6).max(t0);
    let mut m = Modality::Asserted;
    for i in (from..trig).rev() {
        if cl[i - t0] != c {
            break;
        }
        let w = d.low(i);
        match w {
            "not" | "never" | "n't" | "no" | "didn't" | "don't" | "doesn't" | "won't"
            | "hasn't" | "haven't" | "wasn't" | "weren't" => return Modality::Negated,
            "could" | "might" | "may" | "would" | "nearly" | "almost" | "if" => {
                m = Modality::Hypothetical
            }
            "will" | "'ll" | "shall" if m == Modality::Asserted => m = Modality::Planned,
            "to" if i > t0
                && matches!(
                    d.low(i - 1),
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
                && m == Modality::Asserted =>
            {
                m = Modality::Planned
            }
            // "called for talks", "pressed for a meeting": wanted, not held
            "for"
                if i > t0
                    && matches!(
                        d.low(i - 1),
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
                    && m == Modality::Asserted =>
            {
                m = Modality::Planned
            }
            "expected" | "planned" | "upcoming" | "proposed" | "scheduled"
                if m == Modality::Asserted =>
            {
                m = Modality::Planned
            }
            _ => {}
        }
    }
    // an infinitive: "agreed on Sunday to meet", "is to visit"
    if m == Modality::Asserted && trig > t0 && d.low(trig - 1) == "to" && trig_end == trig + 1 {
        let w = d.low(trig);
        if !w.ends_with("ed") && !w.ends_with('s') && !w.ends_with("ing") {
            m = Modality::Planned;
        }
    }
    if m == Modality::Asserted {
        // "... are planned", "... is expected"
        for i in trig_end..(trig_end + 4).min(t1) {
            if matches!(d.low(i), "planned" | "expected" | "scheduled")
                && i > trig_end
                && matches!(d.low(i - 1), "are" | "is" | "was" | "were")
            {
                return Modality::Planned;
            }
        }
    }
    m
}

/// Argument mentions of sentence `s`: (first token, last token + 1, actor).
fn args(d: &Doc<'_>, s: usize) -> Vec<(usize, usize, usize)> {
    sent_mentions(d, s)
        .iter()
        .filter(|m| m.arg)
        .map(|m| (m.t0, m.t1, m.actor))
        .collect()
}

/// The mentions of sentence `s` (mentions are sorted by sentence).
fn sent_mentions<'m>(d: &'m Doc<'_>, s: usize) -> &'m [crate::extract::mentions::Mention] {
    let a = d.mentions.partition_point(|m| m.sent < s);
    let b = d.mentions.partition_point(|m| m.sent <= s);
    &d.mentions[a..b]
}

fn push_unique(v: &mut Vec<(usize, Role)>, a: usize, r: Role) {
    if !v.iter().any(|x| x.0 == a) {
        v.push((a, r));
    }
}

/// The group of mentions ending nearest before `at` in clause `c`, with
/// those joined to it by "and" or commas.
fn left_group(
    d: &Doc<'_>,
    ar: &[(usize, usize, usize)],
    at: usize,
    t0: usize,
    cl: &[u16],
    c: u16,
    skip_quoted: bool,
) -> Vec<usize> {
    let mut out = Vec::new();
    let quoted_here = at < d.toks.len() && d.toks[at].quoted;
    let cands: Vec<&(usize, usize, usize)> = ar
        .iter()
        .filter(|m| {
            m.1 <= at
                && cl[m.0 - t0] == c
                && !(skip_quoted && d.toks[m.0].quoted)
                && (skip_quoted || d.toks[m.0].quoted == quoted_here)
                && !prepositional(d, m.0, t0)
        })
        .collect();
    let Some(last) = cands.last() else {
        // a relative clause: "Kerry, who had planned to leave the talks"
        let first = (t0..at).find(|&q| cl[q - t0] == c);
        if let Some(q) = first {
            if q > t0 && d.low(q) == "who" {
                let before = if d.tx(q - 1) == "," { q - 1 } else { q };
                if let Some(m) = ar.iter().find(|m| m.1 == before) {
                    out.push(m.2);
                }
            }
        }
        return out;
    };
    out.push(last.2);
    let mut cur_start = last.0;
    for m in cands.iter().rev().skip(1) {
        if m.0 == cur_start {
            out.push(m.2);
            continue;
        }
        // joined by "and" / "," / "and their" between m.1 and cur_start
        let between: Vec<&str> = (m.1..cur_start).map(|i| d.low(i)).collect();
        let joined = !between.is_empty()
            && between.len() <= 3
            && between.iter().all(|w| {
                matches!(
                    *w,
                    "and" | "," | "her" | "his" | "their" | "husband" | "wife" | "&" | "the"
                )
            });
        if joined {
            out.push(m.2);
            cur_start = m.0;
        } else {
            break;
        }
    }
    out
}

/// Whether the mention starting at `m0` is the object of a preposition
/// ("from Saudi Arabia"), which is never a subject; "leaders of X" is.
fn prepositional(d: &Doc<'_>, m0: usize, t0: usize) -> bool {
    if m0 == t0 {
        return false;
    }
    let mut q = m0 - 1;
    while q > t0 && matches!(d.low(q), "the" | "a" | "an") {
        q -= 1;
    }
    let m0 = q + 1;
    let p = d.low(q);
    let prep = matches!(
        p,
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
    if p == "of" && m0 >= t0 + 2 {
        let head = d.low(m0 - 2);
        if matches!(
            head,
            "leaders"
                | "presidents"
                | "heads"
                | "governments"
                | "representatives"
                | "ministers"
                | "officials"
                | "delegations"
                | "members"
        ) {
            return false;
        }
    }
    true
}

fn right_group(
    d: &Doc<'_>,
    ar: &[(usize, usize, usize)],
    from: usize,
    t0: usize,
    cl: &[u16],
    c: u16,
    max_gap: usize,
) -> (Vec<usize>, bool) {
    let mut out = Vec::new();
    let quoted_here = from > 0 && from - 1 < d.toks.len() && d.toks[from - 1].quoted;
    let cands: Vec<&(usize, usize, usize)> = ar
        .iter()
        .filter(|m| m.0 >= from && cl[m.0 - t0] == c && d.toks[m.0].quoted == quoted_here)
        .collect();
    let Some(first) = cands.first() else {
        return (out, false);
    };
    if first.0 - from > max_gap {
        return (out, false);
    }
    // not across a reporting verb or a closing quote
    if (from..first.0).any(|i| {
        matches!(
            d.low(i),
            "said" | "says" | "told" | "\"" | "\u{201d}" | "according"
        )
    }) {
        return (out, false);
    }
    let by = first.0 > t0 && d.low(first.0 - 1) == "by";
    out.push(first.2);
    let mut cur_end = first.1;
    for m in cands.iter().skip(1) {
        if m.0 == first.0 && m.1 == first.1 {
            out.push(m.2);
            continue;
        }
        let between: Vec<&str> = (cur_end..m.0).map(|i| d.low(i)).collect();
        if !between.is_empty()
            && between.len() <= 2
            && between.iter().all(|w| matches!(*w, "and" | ","))
        {
            out.push(m.2);
            cur_end = m.1;
        } else {
            break;
        }
    }
    (out, by)
}

/// Dates the events that have no timex of their own with the day of the
/// events reported just before them (within `window` sentences): news
/// narrates one occasion over several sentences.
pub fn anchor_dates(
    evs: &mut [EventB],
    timexes: &[Timex],
    tx_sent: &[Option<usize>],
    window: usize,
    published: Option<chrono::NaiveDate>,
) {
    let mut anchor: Option<(usize, usize)> = None; // (timex, sentence)
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
                if past && t.first == t.last && !weak_timex(t) {
                    anchor = Some((next_tx, s));
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
                if past && t.first == t.last && ev.modality != Modality::Planned {
                    anchor = Some((k, ev.sent));
                }
            }
            None => {
                if let Some((k, s)) = anchor {
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
pub fn find_events(d: &Doc<'_>, timexes: &[Timex], tx_tok: &[(usize, usize)]) -> Vec<EventB> {
    let trig = lexdata::triggers();
    let mut out: Vec<EventB> = Vec::new();
    for s in 0..d.sents.len() {
        let sent = d.sents[s];
        if sent.heading {
            continue;
        }
        let (t0, t1) = (sent.t0, sent.t1);
        let cl = clauses(d, t0, t1);
        let ar = args(d, s);
        let mut i = t0;
        while i < t1 {
            let Some(list) = trig.by_first.get(d.low(i)) else {
                i += 1;
                continue;
            };
            let Some(&k) = list.iter().find(|&&k| {
                let w = &trig.all[k].words;
                i + w.len() <= t1 && (0..w.len()).all(|j| d.low(i + j) == w[j])
            }) else {
                i += 1;
                continue;
            };
            let tr = &trig.all[k];
            let te = i + tr.words.len();
            // a trigger inside a mention (a title, a name) is not a trigger
            if ar.iter().any(|m| m.0 <= i && i < m.1)
                || d.toks[i].cap
                    && i > t0
                    && !matches!(d.tx(i - 1), "\"" | "\u{201c}")
                    && d.toks[i].word
                    && tr.frame != Frame::Say
                    && !tr.words[0].eq("summit")
            {
                i = te;
                continue;
            }
            if let Some(ev) = build(
                d,
                s,
                i,
                te,
                tr.kind,
                tr.cameo.clone(),
                tr.frame,
                &ar,
                &cl,
                timexes,
                tx_tok,
            ) {
                let pact = negotiated_pact(d, &ev, &tr.words);
                out.push(ev);
                if let Some(n) = pact {
                    out.push(n);
                }
            }
            i = te;
        }
    }
    // "spoke with X by phone": the call, not a second meeting
    let same = |a: &EventB, b: &EventB| {
        let mut x: Vec<usize> = a.participants.iter().map(|p| p.0).collect();
        let mut y: Vec<usize> = b.participants.iter().map(|p| p.0).collect();
        x.sort_unstable();
        y.sort_unstable();
        x == y
    };
    let calls: Vec<EventB> = out
        .iter()
        .filter(|e| e.kind == EventKind::Call)
        .cloned()
        .collect();
    out.retain(|e| {
        e.kind != EventKind::Meet || !calls.iter().any(|c| c.sent == e.sent && same(c, e))
    });
    out
}

/// "X and Y clinched a deal": two parties that reach a pact together have
/// negotiated with each other; the talks are reported as a second event.
fn negotiated_pact(d: &Doc<'_>, ev: &EventB, words: &[String]) -> Option<EventB> {
    let head = words.last()?.as_str();
    let pact = matches!(
        head,
        "deal" | "agreement" | "accord" | "treaty" | "clinched" | "inked" | "sealed"
    );
    let sources = ev
        .participants
        .iter()
        .filter(|p| p.1 == Role::Source)
        .count();
    let parties = ev.participants.iter().all(|p| {
        p.1 == Role::Source
            && matches!(
                d.actors[p.0].kind,
                ActorKind::Country | ActorKind::Organization | ActorKind::Person
            )
    });
    if ev.kind != EventKind::Agree || !pact || sources < 2 || !parties || ev.corefer {
        return None;
    }
    let mut n = ev.clone();
    n.kind = EventKind::Negotiate;
    n.cameo = Some("046".to_string());
    n.participants = ev
        .participants
        .iter()
        .map(|p| (p.0, Role::Participant))
        .collect();
    n.confidence = (ev.confidence - 0.1).max(0.3);
    Some(n)
}

/// A timex too weak to date an event: a bare ordinal ("the 19th AU
/// summit").
fn weak_timex(t: &Timex) -> bool {
    let s = t.text.trim();
    let s = s.strip_prefix("the ").unwrap_or(s);
    s.len() <= 4
        && s.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && (s.ends_with("th") || s.ends_with("st") || s.ends_with("nd") || s.ends_with("rd"))
}

#[allow(clippy::too_many_arguments)]
fn build(
    d: &Doc<'_>,
    s: usize,
    i: usize,
    te: usize,
    kind: EventKind,
    cameo: Option<String>,
    frame: Frame,
    ar: &[(usize, usize, usize)],
    cl: &[u16],
    timexes: &[Timex],
    tx_tok: &[(usize, usize)],
) -> Option<EventB> {
    let sent = d.sents[s];
    let (t0, t1) = (sent.t0, sent.t1);
    let c = cl[i - t0];
    let head = d.low(te - 1);
    let is_noun = lexdata::is_in(lexdata::NOUN_TRIGGERS, head)
        || (i > t0
            && matches!(
                d.low(i - 1),
                "a" | "an"
                    | "the"
                    | "state"
                    | "unannounced"
                    | "first"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
            ));
    let mut parts: Vec<(usize, Role)> = Vec::new();
    let mut corefer = false;
    // for statements: the reported content before the speaker is not dated by it
    let mut date_floor = t0;
    match frame {
        Frame::Say => {
            // inverted: `"...," said X` / `, said the spokesman ..., X`
            // `"...," said X`, `..., said X`; not `X, the press secretary, said`
            let inverted = i > t0
                && (matches!(d.tx(i - 1), "\"" | "\u{201d}" | "'" | "\u{2019}")
                    || (d.tx(i - 1) == "," && !ar.iter().any(|m| m.1 == i - 1)));
            let mut speaker = None;
            if inverted || i == t0 {
                if let Some(m) = ar
                    .iter()
                    .find(|m| m.0 >= te && m.0 <= te + 1 && !d.toks[m.0].quoted)
                {
                    speaker = Some(m.2);
                }
            }
            // the subject must end right before the verb (adverbs and
            // auxiliaries aside): "a Kiev official said" names no one
            let mut k = i;
            while k > t0
                && matches!(
                    d.low(k - 1),
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
                k -= 1;
            }
            let adjacent = k == t0
                || !d.toks[k - 1].word
                || ar.iter().any(|m| m.1 == k)
                || d.toks[k - 1].quoted;
            let mut group = Vec::new();
            if speaker.is_none() && !adjacent {
                return None;
            }
            if speaker.is_none() {
                group = left_group(d, ar, i, t0, cl, c, true);
                speaker = group.first().copied();
            }
            if speaker.is_none() {
                // a speaker before a relative clause: "X, who ..., said"
                if let Some(m) = ar.iter().rev().find(|m| {
                    m.1 <= i
                        && !d.toks[m.0].quoted
                        && d.actors[m.2].kind == ActorKind::Person
                        && !prepositional(d, m.0, t0)
                }) {
                    speaker = Some(m.2);
                }
            }
            let sp = speaker?;
            let fronted = matches!(
                d.low(t0),
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
            date_floor = match ar.iter().rev().find(|m| m.2 == sp && m.1 <= i) {
                _ if fronted => t0,
                Some(m) => m.0,
                None => te,
            };
            parts.push((sp, Role::Source));
            for a in group.into_iter().skip(1) {
                push_unique(&mut parts, a, Role::Source);
            }
            if matches!(head, "told" | "tells" | "tell") {
                if let Some(m) = ar.iter().find(|m| m.0 == te) {
                    push_unique(&mut parts, m.2, Role::Target);
                }
            }
        }
        Frame::Svo | Frame::Noun => {
            let mut left = left_group(d, ar, i, t0, cl, c, false);
            if is_noun && !left.is_empty() {
                // a noun takes the subject only as the object of its verb
                // ("the alliance will confirm the suspension"), not through
                // "of" ("informed her of the troop pullback")
                let last_end = ar
                    .iter()
                    .filter(|m| m.1 <= i && cl[m.0 - t0] == c)
                    .map(|m| m.1)
                    .max()
                    .unwrap_or(i);
                if (last_end..i).any(|k| {
                    matches!(
                        d.low(k),
                        "of" | "with" | "for" | "about" | "from" | "against" | "into" | "to"
                    )
                }) {
                    left.clear();
                }
            }
            let (right, by) = right_group(d, ar, te, t0, cl, c, 6);
            if by {
                for a in right {
                    push_unique(&mut parts, a, Role::Source);
                }
                for a in left {
                    push_unique(&mut parts, a, Role::Target);
                }
            } else {
                for a in left {
                    push_unique(&mut parts, a, Role::Source);
                }
                for a in right {
                    push_unique(&mut parts, a, Role::Target);
                }
            }
            // an event needs the one who acts
            if !parts.iter().any(|p| p.1 == Role::Source) {
                parts.clear();
            }
        }
        Frame::Meet | Frame::Call => {
            // "between X and Y", "with X"
            let mut j = te;
            let limit = (te + if is_noun { 30 } else { 14 }).min(t1);
            let mut cc = c;
            while j < limit {
                let w = d.low(j);
                if w == "before" && is_noun && j > t0 && cl[j - 1 - t0] == cc {
                    cc = cl[j - t0];
                }
                if cl[j - t0] != cc {
                    break;
                }
                // not into another meeting's phrase: "a call to X during a meeting between ..."
                if j > te
                    && lexdata::triggers().by_first.get(w).is_some_and(|v| {
                        v.iter().any(|&k| {
                            let t = &lexdata::triggers().all[k];
                            t.words.len() == 1 && matches!(t.frame, Frame::Meet | Frame::Call)
                        })
                    })
                {
                    break;
                }
                if w == "to" && frame == Frame::Call && is_noun && j == te {
                    let (g, _) = right_group(d, ar, j + 1, t0, cl, cc, 2);
                    for a in g {
                        push_unique(&mut parts, a, Role::Participant);
                    }
                }
                if w == "between" || w == "with" || (w == "before" && is_noun) {
                    let (g, _) = right_group(d, ar, j + 1, t0, cl, cl[(j + 1).min(t1 - 1) - t0], 3);
                    let found = !g.is_empty();
                    for a in g {
                        push_unique(&mut parts, a, Role::Participant);
                    }
                    if found && w != "before" {
                        break;
                    }
                }
                j += 1;
            }
            // "signed it at a ceremony": the subject attends
            // "at the opening of the AU summit": within a few words, no name between
            let no_person_between = |q: usize| {
                !ar.iter().any(|m| {
                    m.0 > q
                        && m.1 <= i
                        && cl[m.0 - t0] == c
                        && d.actors[m.2].kind == ActorKind::Person
                })
            };
            let from = i.saturating_sub(7).max(t0);
            let at_event = is_noun && (from..i).any(|q| d.low(q) == "at" && no_person_between(q));
            if at_event {
                for a in left_group(d, ar, i, t0, cl, c, false) {
                    push_unique(&mut parts, a, Role::Participant);
                }
            }
            // "X attended the NATO summit", "X, who joined the talks": the
            // subject of the verb attends
            let attend = (from..i).rev().find(|&q| {
                is_noun
                    && matches!(
                        d.low(q),
                        "attended" | "attends" | "attend" | "attending" | "joined" | "joins"
                    )
                    && no_person_between(q)
            });
            if let Some(q) = attend {
                for a in left_group(d, ar, q, t0, cl, c, false) {
                    push_unique(&mut parts, a, Role::Participant);
                }
            }
            if !is_noun {
                // verb: subject group and object group
                for a in left_group(d, ar, i, t0, cl, c, false) {
                    push_unique(&mut parts, a, Role::Participant);
                }
                let (g, _) = right_group(d, ar, te, t0, cl, c, 2);
                for a in g {
                    push_unique(&mut parts, a, Role::Participant);
                }
            } else {
                // noun: a possessive or modifier right before it
                if let Some(m) = ar
                    .iter()
                    .find(|m| m.1 <= i && i - m.1 <= 2 && cl[m.0 - t0] == c)
                {
                    push_unique(&mut parts, m.2, Role::Participant);
                }
                if parts.len() < 2 {
                    let left = left_group(d, ar, i, t0, cl, c, false);
                    for a in left {
                        push_unique(&mut parts, a, Role::Participant);
                    }
                }
            }
            if parts.len() < 2 && frame == Frame::Call {
                // "X informed Y ... in a phone call": two people before it
                let mut seen = 0;
                for m in ar.iter().rev().filter(|m| m.1 <= i && cl[m.0 - t0] == c) {
                    if d.actors[m.2].kind == ActorKind::Person {
                        push_unique(&mut parts, m.2, Role::Participant);
                        seen += 1;
                        if parts.len() >= 2 || seen >= 3 {
                            break;
                        }
                    }
                }
            }
            // "During a meeting with Y on Sunday, X said ...": the subject of
            // the main clause after the fronted phrase is the other party
            if is_noun
                && parts.len() == 1
                && matches!(
                    d.low(t0),
                    "during" | "at" | "in" | "after" | "following" | "before"
                )
                && !(t0..i).any(|q| d.tx(q) == ",")
            {
                if let Some(comma) = (te..t1).find(|&q| d.tx(q) == ",") {
                    let start = if comma + 1 < t1 && d.low(comma + 1) == "the" {
                        comma + 2
                    } else {
                        comma + 1
                    };
                    if let Some(m) = ar.iter().find(|m| m.0 == start) {
                        if matches!(
                            d.actors[m.2].kind,
                            ActorKind::Person | ActorKind::Country | ActorKind::Organization
                        ) {
                            push_unique(&mut parts, m.2, Role::Participant);
                        }
                    }
                }
            }
            let people = parts.len();
            let has_body = parts.iter().any(|p| {
                matches!(
                    d.actors[p.0].kind,
                    ActorKind::Organization | ActorKind::Group
                )
            });
            if people < 2 && !(has_body && people == 1 && is_noun) {
                // "the talks": the meeting reported before, joined by the subject
                if is_noun && i > t0 && d.low(i - 1) == "the" && frame == Frame::Meet {
                    corefer = true;
                } else {
                    return None;
                }
            }
        }
        Frame::Visit => {
            let (right, by) = right_group(d, ar, te, t0, cl, c, 4);
            if by {
                for a in right {
                    push_unique(&mut parts, a, Role::Source);
                }
            } else {
                let left = left_group(d, ar, i, t0, cl, c, false);
                for a in left {
                    push_unique(&mut parts, a, Role::Source);
                }
                // "by X" further on: "a visit to Crimea by X"
                let mut j = te;
                while j < t1 && cl[j - t0] == c && j < te + 10 {
                    if d.low(j) == "by" {
                        if let Some(m) = ar.iter().find(|m| m.0 == j + 1 || m.0 == j + 2) {
                            push_unique(&mut parts, m.2, Role::Source);
                        }
                        break;
                    }
                    j += 1;
                }
                for a in right {
                    if matches!(
                        d.actors[a].kind,
                        ActorKind::Country | ActorKind::Organization | ActorKind::Person
                    ) && !parts.iter().any(|p| p.0 == a)
                    {
                        parts.push((a, Role::Target));
                    }
                }
            }
            // a possessive before a noun: "Osborne's trip"
            if !parts.iter().any(|p| p.1 == Role::Source) && is_noun {
                if let Some(m) = sent_mentions(d, s).iter().find(|m| {
                    m.t1 <= i
                        && i - m.t1 <= 2
                        && (matches!(d.low(m.t0), "his" | "her" | "their" | "its")
                            || (m.t1 < i && matches!(d.low(m.t1), "'s" | "\u{2019}s")))
                }) {
                    push_unique(&mut parts, m.actor, Role::Source);
                }
                // "during his first visit to China": the destination hosts
                if !parts.is_empty() {
                    let (g, _) = right_group(d, ar, te, t0, cl, c, 2);
                    for a in g {
                        if matches!(
                            d.actors[a].kind,
                            ActorKind::Country | ActorKind::Organization | ActorKind::Person
                        ) {
                            push_unique(&mut parts, a, Role::Target);
                        }
                    }
                }
            }
            if !parts.iter().any(|p| p.1 == Role::Source) {
                return None;
            }
        }
        Frame::Host => {
            let left = left_group(d, ar, i, t0, cl, c, false);
            let (mut right, by) = right_group(d, ar, te, t0, cl, c, 2);
            // "hosted a dinner for Y", "hosted a lunch in honour of Y"
            if right.is_empty() && te + 3 < t1 && matches!(d.low(te), "a" | "an" | "the") {
                let meal = matches!(
                    d.low(te + 1),
                    "dinner" | "lunch" | "luncheon" | "banquet" | "reception" | "breakfast"
                );
                let mut j = te + 2;
                if j + 2 < t1 && d.low(j) == "in" && matches!(d.low(j + 1), "honour" | "honor") {
                    j += 2;
                    if d.low(j) != "of" {
                        j = t1;
                    }
                } else if d.low(j) != "for" {
                    j = t1;
                }
                if meal && j + 1 < t1 {
                    right = right_group(d, ar, j + 1, t0, cl, c, 2).0;
                }
            }
            if left.is_empty() || right.is_empty() {
                return None;
            }
            // "X welcomed Y" / "Y was greeted by X": the guest is the source
            let (guests, hosts) = if by { (left, right) } else { (right, left) };
            for a in guests {
                push_unique(&mut parts, a, Role::Source);
            }
            for a in hosts {
                push_unique(&mut parts, a, Role::Target);
            }
        }
    }
    // date: the nearest resolved timex in the clause, else a preceding one;
    // only the timexes of this sentence (tx_tok is in text order)
    let k0 = tx_tok.partition_point(|&(a, _)| a < t0.min(date_floor));
    let k1 = tx_tok.partition_point(|&(a, _)| a < t1);
    let sentence_tx = || {
        tx_tok[k0..k1]
            .iter()
            .enumerate()
            .map(move |(j, x)| (k0 + j, x))
    };
    let mut best: Option<(usize, usize)> = None;
    for (k, &(a, b)) in sentence_tx() {
        if a < t0 || b > t1 || a >= t1 {
            continue;
        }
        let t = &timexes[k];
        if t.first.is_none() || weak_timex(t) || a < date_floor {
            continue;
        }
        if cl[a - t0] != c {
            continue;
        }
        let coarse = matches!(
            t.precision,
            crate::model::Precision::Season
                | crate::model::Precision::Year
                | crate::model::Precision::Decade
                | crate::model::Precision::Century
        );
        let dist = if a >= te { a - te } else { i - b.min(i) } + if coarse { 6 } else { 0 };
        if best.is_none_or(|x| dist < x.1 || (dist == x.1 && a >= te)) {
            best = Some((k, dist));
        }
    }
    if best.is_none() {
        for (k, &(a, b)) in sentence_tx() {
            if a < date_floor || b > i || timexes[k].first.is_none() || weak_timex(&timexes[k]) {
                continue;
            }
            best = Some((k, 0));
        }
    }
    if best.is_none() {
        // a timex later in the sentence: "the summit ..., which began on Friday"
        for (k, &(a, _)) in sentence_tx() {
            if a < te || a >= t1 || timexes[k].first.is_none() || weak_timex(&timexes[k]) {
                continue;
            }
            // only from a relative clause: "which began on Friday"
            let ca = cl[a - t0];
            let opener = (t0..a).find(|&q| cl[q - t0] == ca);
            if !opener.is_some_and(|q| d.low(q) == "which" && a - q <= 8) {
                continue;
            }
            best = Some((k, 0));
            break;
        }
    }
    let timex = best.map(|b| b.0);
    if parts.is_empty() {
        // "the troop pullback" refers back; "it voted" has an unresolved subject
        let anaphoric = (i.saturating_sub(3).max(t0)..i).any(|q| {
            matches!(
                d.low(q),
                "the"
                    | "this"
                    | "its"
                    | "it"
                    | "they"
                    | "he"
                    | "she"
                    | "we"
                    | "his"
                    | "her"
                    | "their"
            )
        });
        if anaphoric {
            return None;
        }
        let explicit = timex.is_some_and(|k| {
            let (a, b) = tx_tok[k];
            a >= t0
                && cl[a - t0] == c
                && (!ar.iter().any(|m| cl[m.0 - t0] == c)
                    || (a >= te && a - te <= 10)
                    || (b <= i && i - b <= 2))
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
        if !(explicit && allowed) {
            return None;
        }
    }
    // place: "in/at X" in the clause, else in the sentence
    let mut place = None;
    let mut best_p: Option<usize> = None;
    let pa = d.places.partition_point(|p| p.sent < s);
    let pb = d.places.partition_point(|p| p.sent <= s);
    for p in &d.places[pa..pb] {
        if p.t0 == t0 || !matches!(d.low(p.t0 - 1), "in" | "at" | "to" | "near") {
            continue;
        }
        let same = cl[p.t0 - t0] == c;
        let dist = if p.t0 >= te {
            p.t0 - te
        } else {
            i - p.t1.min(i)
        } + if same { 0 } else { 100 };
        if frame != Frame::Visit && d.low(p.t0 - 1) == "to" && !same {
            continue;
        }
        // "resolution to Iran's program": a possessive is no place; "the
        // crisis in Ukraine", "democracy in Russia": a place that belongs
        // to a noun is not where the event happened
        if p.t1 < d.toks.len() && matches!(d.low(p.t1), "'s" | "\u{2019}s") {
            continue;
        }
        if p.t0 >= 2 && lexdata::is_in(PLACE_NOUNS, d.low(p.t0 - 2)) {
            continue;
        }
        // "In Berlin, X's office said Putin informed her in a call": a place
        // before a reporting verb is where it was said, not where the
        // reported event happened
        if frame != Frame::Say
            && p.t1 <= i
            && (p.t1..i).any(|k| {
                matches!(
                    d.low(k),
                    "said" | "says" | "told" | "tells" | "announced" | "reported" | "stated"
                )
            })
        {
            continue;
        }
        if best_p.is_none_or(|b| dist < b) {
            best_p = Some(dist);
            place = Some(p.name.clone());
        }
    }
    let modality = modality(d, t0, i, te, t1, cl);
    let mut confidence: f32 = 0.45;
    if timex.is_some() {
        confidence += 0.2;
    }
    if parts.len() >= 2 || frame == Frame::Say {
        confidence += 0.2;
    }
    if !is_noun {
        confidence += 0.1;
    }
    Some(EventB {
        kind,
        cameo,
        participants: parts,
        timex,
        anchor: None,
        corefer,
        place,
        modality,
        sent: s,
        more_sents: Vec::new(),
        confidence: confidence.min(0.95),
    })
}

/// The person the article names as the leader of country `c`: the one
/// affiliated person, or among several the one with a head-of-state or
/// head-of-government title.
fn leader_of(d: &Doc<'_>, c: usize) -> Option<usize> {
    let people: Vec<usize> = (0..d.actors.len())
        .filter(|&a| d.actors[a].kind == ActorKind::Person && d.actors[a].affiliation == Some(c))
        .collect();
    if people.len() == 1 {
        return Some(people[0]);
    }
    let heads: Vec<usize> = people
        .into_iter()
        .filter(|&a| {
            d.actors[a].title.as_deref().is_some_and(|t| {
                matches!(
                    t.to_lowercase().as_str(),
                    "president" | "prime minister" | "chancellor" | "king" | "premier"
                )
            })
        })
        .collect();
    (heads.len() == 1).then(|| heads[0])
}

/// "the leaders of Russia, Germany, France and Ukraine ... after
/// negotiations": a meeting of the leaders of the listed countries (each
/// the person the article names as its leader, else the country), when the
/// sentence reports talks, a summit or a meeting.
pub fn leaders_meetings(d: &Doc<'_>, timexes: &[Timex], tx_tok: &[(usize, usize)]) -> Vec<EventB> {
    let mut out = Vec::new();
    for s in 0..d.sents.len() {
        let sent = d.sents[s];
        if sent.heading {
            continue;
        }
        let (t0, t1) = (sent.t0, sent.t1);
        let ar = args(d, s);
        let mut i = t0;
        while i + 2 < t1 {
            if !(matches!(d.low(i), "leaders" | "presidents" | "heads") && d.low(i + 1) == "of") {
                i += 1;
                continue;
            }
            // the list of countries: "X, Y and Z"
            let mut j = i + 2;
            let mut countries: Vec<usize> = Vec::new();
            while let Some(m) = ar.iter().find(|m| m.0 == j) {
                if d.actors[m.2].kind != ActorKind::Country {
                    break;
                }
                countries.push(m.2);
                j = m.1;
                if j < t1 && d.tx(j) == "," {
                    j += 1;
                }
                if j < t1 && d.low(j) == "and" {
                    j += 1;
                }
            }
            countries.dedup();
            if countries.len() < 2 {
                i += 1;
                continue;
            }
            let trig = (t0..t1).find(|&k| {
                matches!(
                    d.low(k),
                    "negotiations"
                        | "talks"
                        | "summit"
                        | "meeting"
                        | "met"
                        | "meet"
                        | "discussions"
                        | "negotiated"
                )
            });
            let Some(tk) = trig else {
                break;
            };
            // "called for talks" is no meeting held
            if tk > t0 && matches!(d.low(tk - 1), "for" | "new" | "future") {
                break;
            }
            let mut parts: Vec<(usize, Role)> = Vec::new();
            for &c in &countries {
                push_unique(&mut parts, leader_of(d, c).unwrap_or(c), Role::Participant);
            }
            let timex = tx_tok.iter().enumerate().find_map(|(k, &(a, _))| {
                (a >= t0 && a < t1 && timexes[k].first.is_some() && !weak_timex(&timexes[k]))
                    .then_some(k)
            });
            let cl = clauses(d, t0, t1);
            out.push(EventB {
                kind: EventKind::Meet,
                cameo: Some("044".to_string()),
                participants: parts,
                timex,
                anchor: None,
                corefer: false,
                place: None,
                // "agreed to meet": a meeting to come
                modality: if tk > t0 && d.low(tk - 1) == "to" {
                    Modality::Planned
                } else {
                    modality(d, t0, tk, tk + 1, t1, &cl)
                },
                sent: s,
                more_sents: Vec::new(),
                confidence: 0.6,
            });
            break;
        }
    }
    out
}

/// A head of state or government by title.
fn head_title(t: &str) -> bool {
    matches!(
        t.to_lowercase().as_str(),
        "president" | "prime minister" | "chancellor" | "king" | "queen" | "emir" | "premier"
    )
}

/// The organisation whose summit the sentence names: "the 19th AU
/// Summit", "an African Union summit", "the summit of the X".
fn summit_org(d: &Doc<'_>, s: usize) -> Option<usize> {
    let (t0, t1) = (d.sents[s].t0, d.sents[s].t1);
    let ms = sent_mentions(d, s);
    for k in t0..t1 {
        if !matches!(d.low(k), "summit" | "summits") {
            continue;
        }
        let org = |m: &&crate::extract::mentions::Mention| {
            d.actors[m.actor].kind == ActorKind::Organization && !m.pronoun
        };
        if let Some(m) = ms
            .iter()
            .filter(org)
            .find(|m| m.t1 == k || m.t0 < k && k < m.t1)
        {
            return Some(m.actor);
        }
        let mut j = k + 1;
        if j < t1 && d.low(j) == "of" {
            j += 1;
            if j < t1 && d.low(j) == "the" {
                j += 1;
            }
            if let Some(m) = ms.iter().filter(org).find(|m| m.t0 == j) {
                return Some(m.actor);
            }
        }
    }
    None
}

/// In a report whose headline or lead is an organisation's summit, a head
/// of state or government of a country speaking on the summit day attended
/// it: the leader joins the summit's meeting with the organisation (a new
/// one in the summit sentence when none was found there).
pub fn summit_attendees(d: &Doc<'_>, evs: &mut Vec<EventB>, timexes: &[Timex]) {
    // the headline, or the first body sentence
    let Some(lead) = (0..d.sents.len()).find(|&s| !d.sents[s].heading) else {
        return;
    };
    let Some((org, ss)) = (0..=lead)
        .rev()
        .find_map(|s| summit_org(d, s).map(|o| (o, s)))
    else {
        return;
    };
    let at = lead.max(ss);
    let day = |e: &EventB| {
        e.timex
            .or(e.anchor)
            .map(|k| (timexes[k].first, timexes[k].last))
    };
    let meeting = |k: EventKind| {
        matches!(
            k,
            EventKind::Meet | EventKind::Negotiate | EventKind::Consult
        )
    };
    let Some(sday) = evs.iter().find(|e| e.sent == at).map(day) else {
        return;
    };
    let mut attendees: Vec<(usize, usize)> = Vec::new(); // (actor, sentence)
    for e in evs.iter() {
        if e.kind != EventKind::Statement
            || e.modality != Modality::Asserted
            || e.sent < lead
            || day(e) != sday
        {
            continue;
        }
        let (t0, t1) = (d.sents[e.sent].t0, d.sents[e.sent].t1);
        // "who is not attending the summit"
        if (t0..t1).any(|k| {
            matches!(
                d.low(k),
                "not" | "n't" | "never" | "absent" | "skipped" | "boycotted" | "boycott"
            )
        }) {
            continue;
        }
        for p in &e.participants {
            let a = &d.actors[p.0];
            let head = a.kind == ActorKind::Person
                && a.title.as_deref().is_some_and(head_title)
                && a.affiliation
                    .is_some_and(|c| d.actors[c].kind == ActorKind::Country);
            if head && p.1 == Role::Source && !attendees.iter().any(|x| x.0 == p.0) {
                attendees.push((p.0, e.sent));
            }
        }
    }
    // "addressed heads of state, dignitaries and guests, including X"
    let tx_in = |s: usize| {
        let (t0, t1) = (d.sents[s].t0, d.sents[s].t1);
        if t1 <= t0 {
            return false;
        }
        let (a, b) = (d.toks[t0].start, d.toks[t1 - 1].end);
        timexes.iter().any(|t| t.start >= a && t.end <= b)
    };
    for s in lead..d.sents.len().min(lead + 8) {
        let (t0, t1) = (d.sents[s].t0, d.sents[s].t1);
        if d.sents[s].heading || (s != at && tx_in(s)) {
            continue;
        }
        for k in t0..t1 {
            if d.low(k) != "including" {
                continue;
            }
            let guests = (k.saturating_sub(8).max(t0)..k).any(|q| {
                matches!(
                    d.low(q),
                    "guests" | "dignitaries" | "delegates" | "leaders" | "heads"
                )
            });
            if !guests {
                continue;
            }
            // the people listed right after it
            let mut j = k + 1;
            for m in sent_mentions(d, s).iter().filter(|m| m.t0 > k && m.arg) {
                if m.t0 > j + 2 {
                    break;
                }
                if d.actors[m.actor].kind == ActorKind::Person
                    && !attendees.iter().any(|x| x.0 == m.actor)
                {
                    attendees.push((m.actor, s));
                }
                j = m.t1;
            }
        }
    }
    if attendees.is_empty() {
        return;
    }
    let k = match evs
        .iter()
        .position(|e| e.sent == at && meeting(e.kind) && e.participants.iter().any(|p| p.0 == org))
    {
        Some(k) => k,
        None => {
            let Some(base) = evs.iter().find(|e| e.sent == at).cloned() else {
                return;
            };
            let mut ev = base;
            ev.kind = EventKind::Meet;
            ev.cameo = Some("044".to_string());
            ev.participants = vec![(org, Role::Participant)];
            ev.corefer = false;
            ev.more_sents.clear();
            ev.confidence = 0.5;
            evs.push(ev);
            evs.sort_by_key(|e| e.sent);
            match evs.iter().position(|e| {
                e.sent == at
                    && e.kind == EventKind::Meet
                    && e.participants.iter().any(|p| p.0 == org)
            }) {
                Some(k) => k,
                None => return,
            }
        }
    };
    let ev = &mut evs[k];
    for (a, s) in attendees {
        push_unique(&mut ev.participants, a, Role::Participant);
        if s != ev.sent && !ev.more_sents.contains(&s) {
            ev.more_sents.push(s);
        }
    }
}
