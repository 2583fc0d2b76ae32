//! Extraction: actors, places and dated events with their roles in one document.
//!
//! API contract: `extract_report(input: &[u8], &ExtractOptions) ->
//! Result<Report, Error>` reads an article file's bytes and returns what
//! it reports as model values. `extract_document` is the same report in
//! the interchange format (`ExtractionDoc::from(&Report)`), what
//! `eventgraph extract --format json` prints.
//!
//! The stages: `text::read_article` gives the clean text (same offsets as
//! the file); `time::find_timexes` its temporal expressions; the lexicon
//! and the patterns of `mentions` its actors and places; `events` the
//! triggers with their participants, date, place and modality. Events that
//! repeat (same kind, same participants, a date that agrees or none of its
//! own) are merged, keeping every sentence as evidence.

#![warn(clippy::too_many_lines)]

mod anaphora;
mod cameo;
mod cameo_dict;
mod credits;
mod events;
mod lexdata;
mod mentions;
mod names;
mod page;
mod parse;
mod phoenix;
mod report;
mod roles;

pub use report::timex_mention;

use crate::interchange::ExtractionDoc;
use crate::lexicon::Lexicon;
use crate::model::Report;
use crate::text::{self, LineKind, ReadOptions, Span, TokKind};
use crate::time::{self, TagOptions, Timex};
use chrono::NaiveDate;
use mentions::{Doc, Sent, Tok};
use sha2::Digest;

/// Options for [`extract_document`].
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Overrides the publication date found in the header or text.
    pub published: Option<NaiveDate>,
    /// The file name, used for the document id when no url is given.
    pub file_name: Option<String>,
    /// Also report the events read as negated ("did not meet") or
    /// hypothetical ("nearly met", "could attack", "hopes to visit"), with
    /// that modality. Off by default: an article's events are what it
    /// reports as done, under way or scheduled (asserted, reported,
    /// planned); what did not happen or is only wished, feared, asked for
    /// or conditional is no event of the graph (docs/extraction.md).
    pub unrealised: bool,
}

/// Why an article could not be extracted at all. Problems with parts of
/// the text do not stop extraction: they become warnings of the document.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes could not be read as an article.
    #[error("{}{error}", file.as_deref().map(|f| format!("{f}: ")).unwrap_or_default())]
    Read {
        /// The file name given in the options, if any.
        file: Option<String>,
        /// Why the text could not be read.
        error: text::Error,
    },
}

/// Extracts actors, places, dates and events from an article's bytes, in
/// the interchange format: [`extract_report`]'s report, encoded.
pub fn extract_document(input: &[u8], options: &ExtractOptions) -> Result<ExtractionDoc, Error> {
    extract_with(input, options, Lexicon::builtin())
}

/// [`extract_document`] with a given lexicon.
pub fn extract_with(
    input: &[u8],
    options: &ExtractOptions,
    lex: &Lexicon,
) -> Result<ExtractionDoc, Error> {
    extract_report_with(input, options, lex).map(|report| ExtractionDoc::from(&report))
}

/// Extracts an article's actors, places, dates and events as a [`Report`].
/// The extraction's warnings come first in its diagnostics.
pub fn extract_report(input: &[u8], options: &ExtractOptions) -> Result<Report, Error> {
    extract_report_with(input, options, Lexicon::builtin())
}

/// [`extract_report`] with a given lexicon.
pub fn extract_report_with(
    input: &[u8],
    options: &ExtractOptions,
    lex: &Lexicon,
) -> Result<Report, Error> {
    analyse(input, options, lex, |article, doc, timexes, evs| {
        report::to_report(
            document_id(input, options, article),
            extraction_warnings(article),
            article,
            doc,
            timexes,
            evs,
        )
    })
}

/// Reads the article and analyses it, then hands the analysis to `finish`.
fn analyse<T>(
    input: &[u8],
    options: &ExtractOptions,
    lex: &Lexicon,
    finish: impl FnOnce(&text::Article, &Doc<'_>, &[Timex], &[events::EventDraft]) -> T,
) -> Result<T, Error> {
    let article = text::read_article(
        input,
        &ReadOptions {
            published: options.published,
        },
    )
    .map_err(|error| Error::Read {
        file: options.file_name.clone(),
        error,
    })?;
    let clean = article.clean.as_str();
    let lower = clean.to_ascii_lowercase();

    // timexes over the clean text, relative ones resolved against the
    // dateline's day or the publication date
    let tag = TagOptions {
        reference: article.reference_at(),
        ..TagOptions::default()
    };
    let mut timexes: Vec<Timex> = time::find_timexes(clean, &tag);

    let mut doc = Doc::new(clean, &lower, lex);
    read_sentences(&mut doc, &article);
    let lexm = lex.find_all(clean);
    mentions::find_mentions(&mut doc, &lexm);
    anaphora::plural_anaphora(&mut doc);
    credits::find_credits(&mut doc, &article);
    phoenix::dated_roles(&mut doc, article.published);
    page::dateline_place(&mut doc, &article);
    page::dateline_agency(&mut doc, &article);
    let parsed = parse::Parse::of_doc(&doc);
    let mut evs = document_events(&doc, &parsed, &timexes, article.published);
    if !options.unrealised {
        use crate::model::Modality::{Hypothetical, Negated};
        evs.retain(|e| !matches!(e.modality, Negated | Hypothetical));
    }
    if let Some(t) = page::dateline_timex(&article) {
        page::insert_timex(&mut timexes, &mut evs, t);
    }
    Ok(finish(&article, &doc, &timexes, &evs))
}

/// The document id: the article's url, else the file name, else a hash of
/// the bytes.
fn document_id(input: &[u8], options: &ExtractOptions, article: &text::Article) -> String {
    match (&article.header.url, &options.file_name) {
        (Some(u), _) => u.clone(),
        (None, Some(f)) => f.clone(),
        (None, None) => {
            let h = sha2::Sha256::digest(input);
            h.iter().take(8).map(|b| format!("{b:02x}")).collect()
        }
    }
}

/// The warnings of reading the article, and one for an article with no
/// text left.
fn extraction_warnings(article: &text::Article) -> Vec<String> {
    let mut warnings = article.warnings.clone();
    if article.clean.trim().is_empty() && !warnings.iter().any(|w| w.contains("empty")) {
        warnings.push("no text after removing page furniture".to_string());
    }
    warnings.dedup();
    warnings
}

/// Splits the article's body into sentences (each bounded in length) and
/// tokens, marking the tokens inside quotation marks.
fn read_sentences(doc: &mut Doc<'_>, article: &text::Article) {
    let clean = article.clean.as_str();
    let mut toks = Vec::new();
    for (seg, kind) in article.body_segments() {
        for sp in text::sentences_in(clean, seg)
            .into_iter()
            .flat_map(|sp| bounded(clean, sp))
        {
            let t0 = doc.toks.len();
            toks.clear();
            text::tokenize_into(clean, sp, &mut toks);
            let mut quoted = false;
            for t in &toks {
                let s = &clean[t.start..t.end];
                let is_quote = matches!(s, "\"" | "\u{201c}" | "\u{201d}");
                if is_quote {
                    quoted = match s {
                        "\u{201c}" => true,
                        "\u{201d}" => false,
                        _ => !quoted,
                    };
                }
                let first = s.chars().next().unwrap_or(' ');
                doc.toks.push(Tok {
                    start: t.start,
                    end: t.end,
                    cap: first.is_uppercase(),
                    word: t.kind == TokKind::Word,
                    quoted: quoted && !is_quote,
                });
            }
            doc.sents.push(Sent {
                start: sp.start,
                end: sp.end,
                t0,
                t1: doc.toks.len(),
                heading: kind == LineKind::Heading,
                caption: kind == LineKind::Caption,
            });
        }
    }
}

/// The document's events: triggers with their participants, dated by
/// their own expression or an anchor nearby, repeats merged.
fn document_events(
    doc: &Doc<'_>,
    parsed: &parse::Parse,
    timexes: &[Timex],
    published: Option<NaiveDate>,
) -> Vec<events::EventDraft> {
    // timex token spans
    let tx_tok: Vec<(usize, usize)> = timexes
        .iter()
        .map(|t| {
            let a = doc.toks.partition_point(|k| k.end <= t.start);
            let b = doc.toks.partition_point(|k| k.start < t.end);
            (a, b.max(a))
        })
        .collect();
    let mut evs = events::find_events(doc, parsed, timexes, &tx_tok);
    evs.sort_by_key(|e| e.sent);
    // the days of headings and captions are not the story's
    let tx_sent: Vec<Option<usize>> = tx_tok
        .iter()
        .map(|&(a, _)| {
            let k = doc.sents.partition_point(|s| s.t1 <= a);
            (k < doc.sents.len()
                && doc.sents[k].t0 <= a
                && !doc.sents[k].heading
                && !doc.sents[k].caption)
                .then_some(k)
        })
        .collect();
    // a caption is dated by its own date only
    let (captions, mut evs): (Vec<_>, Vec<_>) =
        evs.into_iter().partition(|e| doc.sents[e.sent].caption);
    // the dates of nouns and relative clauses are not the story's day
    let tree = roles::Tree {
        doc,
        parse: parsed,
        args: &[],
    };
    // (a date that opens its sentence, "May 2 — X met Y", is the
    // sentence's own whatever the parser hangs it on)
    let background: Vec<bool> = tx_tok
        .iter()
        .zip(&tx_sent)
        .map(|(&(a, b), s)| {
            !s.is_some_and(|s| doc.sents[s].t0 == a)
                && parsed
                    .phrase_head(a, b)
                    .is_some_and(|h| tree.background_date(h))
        })
        .collect();
    // paragraphs: a blank line between two sentences starts a new one
    let mut paragraph: Vec<u32> = Vec::with_capacity(doc.sents.len());
    let mut number = 0u32;
    for (k, s) in doc.sents.iter().enumerate() {
        if k > 0 {
            let gap = doc.text.get(doc.sents[k - 1].end..s.start).unwrap_or("");
            // the lines strictly between the two sentences' lines
            let mut lines = gap.split('\n');
            lines.next();
            lines.next_back();
            if lines.any(|l| l.trim().is_empty()) {
                number += 1;
            }
        }
        paragraph.push(number);
    }
    events::anchor_dates(
        &mut evs,
        timexes,
        &tx_sent,
        &background,
        5,
        published,
        &paragraph,
    );
    evs.extend(captions);
    evs.sort_by_key(|e| e.sent);
    let mut out = merge(evs, timexes);
    summit_speakers(doc, &mut out, timexes);
    out
}

/// Titles of those who speak for their state at a summit.
const HEAD_TITLES: &[&str] = &[
    "president",
    "prime minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "emir",
    "sultan",
    "vice president",
];

/// How many sentences after a summit's last report a head of state's
/// statement of that day is read as made there.
const SUMMIT_SPAN: usize = 12;

/// The speakers at a summit named by the story only: a head of state or
/// government whose statement on the day of an organisation's meeting
/// (a summit of a body: one of its parties is an organisation) follows
/// that meeting's report within a dozen sentences, with no place of its
/// own or the meeting's, attends it ("Leaders of the X opened their
/// summit in Y on May 2. ... President Z said ..."). A statement before
/// the meeting's first report, of another day or from another place is
/// not.
fn summit_speakers(doc: &Doc<'_>, evs: &mut [events::EventDraft], timexes: &[Timex]) {
    use crate::model::{ActorKind, EventKind, Modality, Role};
    let day = |e: &events::EventDraft| e.timex.or(e.anchor).and_then(|k| timexes[k].first);
    let mut summit: Option<usize> = None;
    for i in 0..evs.len() {
        let e = &evs[i];
        let body_meeting = e.kind == EventKind::Meet
            && e.modality == Modality::Asserted
            && e.participants
                .iter()
                .any(|p| doc.actors[p.0].kind == ActorKind::Organization);
        if body_meeting {
            summit = Some(i);
            continue;
        }
        let Some(k) = summit else { continue };
        if e.kind != EventKind::Statement || e.modality != Modality::Asserted {
            continue;
        }
        let meeting = &evs[k];
        let last = meeting
            .more_sents
            .iter()
            .copied()
            .chain([meeting.sent])
            .max()
            .unwrap_or(meeting.sent);
        let Some(&(speaker, _)) = e.participants.iter().find(|p| p.1 == Role::Source) else {
            continue;
        };
        let head = doc.actors[speaker].kind == ActorKind::Person
            && doc.actors[speaker]
                .title
                .as_deref()
                .is_some_and(|t| HEAD_TITLES.contains(&t.to_lowercase().as_str()));
        if !head
            || e.sent <= meeting.sent
            || e.sent > last + SUMMIT_SPAN
            || day(e).is_none()
            || day(e) != day(meeting)
            || e.place
                .as_ref()
                .is_some_and(|p| Some(p) != meeting.place.as_ref())
            || meeting.participants.iter().any(|p| p.0 == speaker)
            || met_elsewhere(evs, k, i, speaker, day)
        {
            continue;
        }
        let sent = e.sent;
        let meeting = &mut evs[k];
        meeting.participants.push((speaker, Role::Participant));
        if !meeting.more_sents.contains(&sent) {
            meeting.more_sents.push(sent);
        }
    }
}

/// Whether `speaker` took part in a meeting or visit other than `summit`
/// on the same day as the statement at `statement`: a leader who met
/// someone elsewhere that day speaks from there, not from the summit.
fn met_elsewhere<D: PartialEq>(
    evs: &[events::EventDraft],
    summit: usize,
    statement: usize,
    speaker: usize,
    day: impl Fn(&events::EventDraft) -> Option<D>,
) -> bool {
    let on = day(&evs[statement]);
    evs.iter().enumerate().any(|(j, o)| {
        j != summit
            && j != statement
            && (o.kind.is_meeting() || o.kind == crate::model::EventKind::Visit)
            && o.participants.iter().any(|p| p.0 == speaker)
            && on.is_some()
            && day(o) == on
    })
}

/// The longest sentence read as one: longer runs (a page without
/// punctuation, a 50 MB line) are cut at white space so that the work per
/// sentence stays bounded.
const MAX_SENTENCE: usize = 2000;

fn bounded(text: &str, sp: Span) -> Vec<Span> {
    if sp.end - sp.start <= MAX_SENTENCE {
        return vec![sp];
    }
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut s = sp.start;
    while s < sp.end {
        let mut e = (s + MAX_SENTENCE).min(sp.end);
        if e < sp.end {
            let mut k = e;
            while k > s && !b[k - 1].is_ascii_whitespace() {
                k -= 1;
            }
            e = if k > s { k } else { e };
            while e < sp.end && !text.is_char_boundary(e) {
                e += 1;
            }
        }
        out.push(Span { start: s, end: e });
        s = e;
    }
    out
}

/// Merges events of the same kind and participants whose dates agree, or
/// whose later report has no date of its own.
/// How many of the events already kept a repeated report is compared with.
const MERGE_WINDOW: usize = 300;

fn merge(evs: Vec<events::EventDraft>, timexes: &[Timex]) -> Vec<events::EventDraft> {
    let mut out: Vec<events::EventDraft> = Vec::new();
    for ev in evs {
        if ev.corefer && ev.modality == crate::model::Modality::Negated {
            // a relative clause that negates attendance: no one joins it
            continue;
        }
        if ev.corefer {
            // join the last meeting reported within a few sentences; first
            // one that a party of this report took part in, within a dozen
            // sentences ("X said after the meeting": the meeting X attended,
            // not another one named since)
            let recent = |o: &events::EventDraft| {
                use crate::model::EventKind::*;
                matches!(o.kind, Meet | Consult | Negotiate) && o.sent + 4 >= ev.sent
            };
            let shares = |o: &events::EventDraft| {
                matches!(
                    o.kind,
                    crate::model::EventKind::Meet
                        | crate::model::EventKind::Consult
                        | crate::model::EventKind::Negotiate
                ) && o.sent + 12 >= ev.sent
                    && o.participants
                        .iter()
                        .any(|q| ev.participants.iter().any(|p| p.0 == q.0))
            };
            let from = out.len().saturating_sub(MERGE_WINDOW);
            let target = match out[from..]
                .iter()
                .rposition(shares)
                .or_else(|| out[from..].iter().rposition(recent))
            {
                Some(k) => out.get_mut(from + k),
                None => None,
            };
            if let Some(o) = target {
                for p in &ev.participants {
                    if !o.participants.iter().any(|q| q.0 == p.0) {
                        o.participants.push((p.0, crate::model::Role::Participant));
                    }
                }
                if o.sent != ev.sent && !o.more_sents.contains(&ev.sent) {
                    o.more_sents.push(ev.sent);
                }
            } else if ev.convened {
                // "X opened the summit" with no meeting reported before:
                // the gathering X convened
                let mut own = ev;
                own.corefer = false;
                own.convened = false;
                out.push(own);
            }
            continue;
        }
        let mut set: Vec<usize> = ev.participants.iter().map(|p| p.0).collect();
        set.sort_unstable();
        let value = |e: &events::EventDraft| e.timex.map(|k| timexes[k].value.clone());
        // "Friday afternoon" and "Friday": the same day
        let same_days = |a: &events::EventDraft, b: &events::EventDraft| match (a.timex, b.timex) {
            (Some(x), Some(y)) => {
                let (x, y) = (&timexes[x], &timexes[y]);
                x.first.is_some() && x.first == y.first && x.last == y.last
            }
            _ => false,
        };
        // a meeting planned for a later day is not the one held ("X met Y
        // on Monday ... and is to meet him on Friday"); a plan reported
        // for the day of the held one, or before it, is that meeting's
        // ("they agreed that X and Y would talk at their meeting")
        let day = |e: &events::EventDraft| e.timex.or(e.anchor).and_then(|k| timexes[k].first);
        let same_occasion = |a: &events::EventDraft, b: &events::EventDraft| {
            use crate::model::Modality::{Asserted, Hypothetical, Planned};
            // a plan for the weeks ahead is not a meeting reported before
            if a.ahead.is_some() != b.ahead.is_some() {
                return false;
            }
            if a.modality == b.modality {
                return true;
            }
            let plan = |m: crate::model::Modality| matches!(m, Planned | Hypothetical);
            let (held, plan) = match (a.modality, b.modality) {
                (Asserted, m) if plan(m) => (a, b),
                (m, Asserted) if plan(m) => (b, a),
                // a negated event is never the one that happened
                _ => return false,
            };
            match (day(held), day(plan)) {
                (Some(h), Some(p)) => p <= h,
                _ => true,
            }
        };
        let meeting = |k: crate::model::EventKind| {
            use crate::model::EventKind::*;
            matches!(k, Meet | Consult | Negotiate)
        };
        // the last MERGE_WINDOW events only: a long document stays linear
        let from = out.len().saturating_sub(MERGE_WINDOW);
        // two triggers of one clause naming one event ("will travel to X
        // for a state visit", "met for talks"): one party list holds the
        // other's
        let nested = |o: &events::EventDraft| {
            o.sent == ev.sent
                && !o.participants.is_empty()
                && (o
                    .participants
                    .iter()
                    .all(|p| set.binary_search(&p.0).is_ok())
                    || set.iter().all(|a| o.participants.iter().any(|p| p.0 == *a)))
        };
        let found = out[from..].iter_mut().find(|o| {
            (o.kind == ev.kind || (meeting(o.kind) && meeting(ev.kind)))
                && same_occasion(o, &ev)
                && ((o.participants.len() == set.len() && {
                    let mut os: Vec<usize> = o.participants.iter().map(|p| p.0).collect();
                    os.sort_unstable();
                    os == set
                }) || (o.kind == ev.kind && nested(o)))
                && !set.is_empty()
                // an undated report of a chronology's entry is of the day
                // its paragraph names: not an event of another day
                && !(ev.timex.is_none()
                    && ev.paragraph_day
                    && day(o).is_some()
                    && day(&ev).is_some()
                    && day(o) != day(&ev))
                && (value(o) == value(&ev)
                    || ev.timex.is_none()
                    || o.timex.is_none() && o.sent == ev.sent
                    || same_days(o, &ev))
        });
        match found {
            Some(o) => {
                for p in &ev.participants {
                    if !o.participants.iter().any(|q| q.0 == p.0) {
                        o.participants.push(*p);
                    }
                }
                if o.timex.is_none() && ev.timex.is_some() {
                    o.timex = ev.timex;
                    o.anchor = ev.anchor;
                }
                if o.sent != ev.sent && !o.more_sents.contains(&ev.sent) {
                    o.more_sents.push(ev.sent);
                }
                if o.place.is_none() {
                    o.place = ev.place;
                }
                // a plan (or a wish) reported for the day of a meeting
                // held is that meeting: it was held
                if ev.modality == crate::model::Modality::Asserted {
                    o.modality = ev.modality;
                }
            }
            None => out.push(ev),
        }
    }
    out
}
