//! Extraction: actors, places and dated events with their roles in one document.
//!
//! API contract: `extract_document(input: &[u8], &ExtractOptions) ->
//! Result<ExtractionDoc, text::Error>` reads an article file's bytes and
//! returns the interchange document (see `interchange`).
//!
//! The stages: `text::read_article` gives the clean text (same offsets as
//! the file); `time::find_timexes` its temporal expressions; the lexicon
//! and the patterns of `mentions` its actors and places; `events` the
//! triggers with their participants, date, place and modality. Events that
//! repeat (same kind, same participants, a date that agrees or none of its
//! own) are merged, keeping every sentence as evidence.

pub mod credits;
pub mod events;
pub mod lexdata;
pub mod mentions;

use crate::interchange::{
    ActorRecord, DateRecord, DocInfo, EventRecord, EvidenceRecord, ExtractionDoc, PlaceRecord,
    RoleRecord, TimexRecord, FORMAT_VERSION,
};
use crate::lexicon::Lexicon;
use crate::model::{ActorKind, DateSource};
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
}

/// Extracts actors, places, dates and events from an article's bytes.
pub fn extract_document(input: &[u8], options: &ExtractOptions) -> anyhow::Result<ExtractionDoc> {
    extract_with(input, options, Lexicon::builtin())
}

/// [`extract_document`] with a given lexicon.
pub fn extract_with(
    input: &[u8],
    options: &ExtractOptions,
    lex: &Lexicon,
) -> anyhow::Result<ExtractionDoc> {
    let article = text::read_article(
        input,
        &ReadOptions {
            published: options.published,
        },
    )
    .map_err(|e| match &options.file_name {
        Some(f) => anyhow::anyhow!("{f}: {e}"),
        None => anyhow::anyhow!("{e}"),
    })?;
    let clean = article.clean.as_str();
    let lower = clean.to_ascii_lowercase();

    // timexes over the clean text
    let tag = TagOptions {
        reference: article.published_at(),
        ..TagOptions::default()
    };
    let timexes: Vec<Timex> = time::find_timexes(clean, &tag);

    // sentences and tokens
    let mut doc = Doc::new(clean, &lower, lex);
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
            });
        }
    }
    let lexm = lex.find_all(clean);
    mentions::find_mentions(&mut doc, &lexm);
    credits::find_credits(&mut doc, &article);

    // timex token spans
    let tx_tok: Vec<(usize, usize)> = timexes
        .iter()
        .map(|t| {
            let a = doc.toks.partition_point(|k| k.end <= t.start);
            let b = doc.toks.partition_point(|k| k.start < t.end);
            (a, b.max(a))
        })
        .collect();
    let mut evs = events::find_events(&doc, &timexes, &tx_tok);
    evs.extend(events::leaders_meetings(&doc, &timexes, &tx_tok));
    evs.sort_by_key(|e| e.sent);
    let tx_sent: Vec<Option<usize>> = tx_tok
        .iter()
        .map(|&(a, _)| {
            let k = doc.sents.partition_point(|s| s.t1 <= a);
            (k < doc.sents.len() && doc.sents[k].t0 <= a && !doc.sents[k].heading).then_some(k)
        })
        .collect();
    events::anchor_dates(&mut evs, &timexes, &tx_sent, 5, article.published);
    events::summit_attendees(&doc, &mut evs, &timexes);
    let evs = merge(evs, &timexes);

    // output
    let mut warnings = article.warnings.clone();
    let published = article.published;
    let mut ids: Vec<Option<String>> = vec![None; doc.actors.len()];
    let mut order: Vec<usize> = Vec::new();
    // an actor named only as a modifier ("the Belarusian capital") is not
    // listed unless another listed actor belongs to it
    let mut named = vec![false; doc.actors.len()];
    for m in &doc.mentions {
        if m.arg || doc.actors[m.actor].kind == ActorKind::Person {
            named[m.actor] = true;
        }
    }
    for m in &doc.mentions {
        if ids[m.actor].is_none() && named[m.actor] && doc.actors[m.actor].kind != ActorKind::Place
        {
            ids[m.actor] = Some(String::new());
            order.push(m.actor);
        }
    }
    // people and outlets of the page's credits
    for (a, x) in doc.actors.iter().enumerate() {
        if x.credited && ids[a].is_none() {
            ids[a] = Some(String::new());
            order.push(a);
        }
    }
    // affiliations must be listed too
    let mut k = 0;
    while k < order.len() {
        if let Some(af) = doc.actors[order[k]].affiliation {
            if ids[af].is_none() {
                ids[af] = Some(String::new());
                order.push(af);
            }
        }
        k += 1;
    }
    for (n, &a) in order.iter().enumerate() {
        ids[a] = Some(format!("a{}", n + 1));
    }
    let actors: Vec<ActorRecord> = order
        .iter()
        .map(|&a| {
            let x = &doc.actors[a];
            ActorRecord {
                id: ids[a].clone().unwrap_or_default(),
                name: x.name.clone(),
                kind: x.kind.as_str().to_string(),
                aliases: x
                    .aliases
                    .iter()
                    .filter(|al| **al != x.name)
                    .cloned()
                    .collect(),
                title: x.title.clone(),
                affiliation: x.affiliation.and_then(|f| ids[f].clone()),
                country: x.country.clone(),
            }
        })
        .collect();
    let mut places: Vec<PlaceRecord> = Vec::new();
    for p in &doc.places {
        if !places.iter().any(|q| q.name == p.name) {
            places.push(PlaceRecord {
                id: format!("p{}", places.len() + 1),
                name: p.name.clone(),
                country: p.country.clone(),
                lat: p.lat,
                lon: p.lon,
            });
        }
    }
    let timex_records: Vec<TimexRecord> = timexes
        .iter()
        .map(|t| {
            let start = article.to_file(t.start);
            let end = article.to_file(t.end);
            TimexRecord {
                text: t.text.clone(),
                start,
                end,
                value: t.value.clone(),
                kind: t.kind.as_str().to_string(),
                precision: Some(t.precision.as_str().to_string()),
                date: date_of(t),
            }
        })
        .collect();
    let mut events = Vec::new();
    for ev in &evs {
        let date = match (ev.timex, ev.anchor) {
            (Some(k), _) => date_of(&timexes[k]).unwrap_or_default(),
            (None, Some(k)) => DateRecord {
                source: Some("inferred".to_string()),
                ..date_of(&timexes[k]).unwrap_or_default()
            },
            (None, None) => match published {
                Some(p) => {
                    let v = p.format("%Y-%m-%d").to_string();
                    DateRecord {
                        start: Some(v.clone()),
                        end: Some(v.clone()),
                        value: Some(v),
                        precision: Some("day".to_string()),
                        source: Some("inferred".to_string()),
                    }
                }
                None => DateRecord {
                    source: Some("unknown".to_string()),
                    ..DateRecord::default()
                },
            },
        };
        let evidence = std::iter::once(ev.sent)
            .chain(ev.more_sents.iter().copied())
            .map(|s| {
                let sp = Span {
                    start: doc.sents[s].start,
                    end: doc.sents[s].end,
                };
                EvidenceRecord {
                    text: clean[sp.start..sp.end].to_string(),
                    start: article.to_file(sp.start),
                    end: article.to_file(sp.end),
                }
            })
            .collect();
        events.push(EventRecord {
            id: format!("e{}", events.len() + 1),
            kind: ev.kind.as_str().to_string(),
            cameo: ev.cameo.clone(),
            date,
            actors: ev
                .participants
                .iter()
                .filter_map(|&(a, r)| {
                    ids[a].clone().map(|id| RoleRecord {
                        actor: id,
                        role: r.as_str().to_string(),
                    })
                })
                .collect(),
            place: ev.place.clone(),
            modality: ev.modality.as_str().to_string(),
            evidence,
            confidence: Some(ev.confidence),
        });
    }
    if clean.trim().is_empty() && !warnings.iter().any(|w| w.contains("empty")) {
        warnings.push("no text after removing page furniture".to_string());
    }
    let id = match (&article.header.url, &options.file_name) {
        (Some(u), _) => u.clone(),
        (None, Some(f)) => f.clone(),
        (None, None) => {
            let h = sha2::Sha256::digest(input);
            h.iter().take(8).map(|b| format!("{b:02x}")).collect()
        }
    };
    warnings.dedup();
    Ok(ExtractionDoc {
        version: FORMAT_VERSION,
        document: DocInfo {
            id,
            title: article.title.clone(),
            published: published.map(|p| match article.published_time {
                Some(t) => format!("{}T{}", p.format("%Y-%m-%d"), t.format("%H:%M")),
                None => p.format("%Y-%m-%d").to_string(),
            }),
            url: article.header.url.clone(),
            source: article.header.source.clone(),
        },
        actors,
        places,
        timexes: timex_records,
        events,
        warnings,
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

fn date_of(t: &Timex) -> Option<DateRecord> {
    let (first, last) = (t.first?, t.last?);
    Some(DateRecord {
        start: Some(first.format("%Y-%m-%d").to_string()),
        end: Some(last.format("%Y-%m-%d").to_string()),
        value: Some(t.value.clone()),
        precision: Some(t.precision.as_str().to_string()),
        source: Some(
            match t.source {
                DateSource::Explicit => "explicit",
                DateSource::Relative => "relative",
                DateSource::Inferred => "inferred",
                DateSource::Unknown => "unknown",
            }
            .to_string(),
        ),
    })
}

/// Merges events of the same kind and participants whose dates agree, or
/// whose later report has no date of its own.
/// How many of the events already kept a repeated report is compared with.
const MERGE_WINDOW: usize = 300;

fn merge(evs: Vec<events::EventDraft>, timexes: &[Timex]) -> Vec<events::EventDraft> {
    let mut out: Vec<events::EventDraft> = Vec::new();
    for ev in evs {
        if ev.corefer && ev.modality == crate::model::Modality::Negated {
            // "who is not attending the summit": no one joins it
            continue;
        }
        if ev.corefer {
            // join the last meeting reported within a few sentences
            let target = out.iter_mut().rev().find(|o| {
                use crate::model::EventKind::*;
                matches!(o.kind, Meet | Consult | Negotiate) && o.sent + 4 >= ev.sent
            });
            if let Some(o) = target {
                for p in &ev.participants {
                    if !o.participants.iter().any(|q| q.0 == p.0) {
                        o.participants.push((p.0, crate::model::Role::Participant));
                    }
                }
                if o.sent != ev.sent && !o.more_sents.contains(&ev.sent) {
                    o.more_sents.push(ev.sent);
                }
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
        let meeting = |k: crate::model::EventKind| {
            use crate::model::EventKind::*;
            matches!(k, Meet | Consult | Negotiate)
        };
        // the last MERGE_WINDOW events only: a long document stays linear
        let from = out.len().saturating_sub(MERGE_WINDOW);
        let found = out[from..].iter_mut().find(|o| {
            (o.kind == ev.kind || (meeting(o.kind) && meeting(ev.kind)))
                && o.participants.len() == set.len()
                && {
                    let mut os: Vec<usize> = o.participants.iter().map(|p| p.0).collect();
                    os.sort_unstable();
                    os == set
                }
                && !set.is_empty()
                && (value(o) == value(&ev) || ev.timex.is_none() || same_days(o, &ev))
        });
        match found {
            Some(o) => {
                if o.sent != ev.sent && !o.more_sents.contains(&ev.sent) {
                    o.more_sents.push(ev.sent);
                }
                if o.place.is_none() {
                    o.place = ev.place;
                }
            }
            None => out.push(ev),
        }
    }
    out
}
