//! What the page layout gives the extraction beyond its sentences: the
//! dateline's city as a place of the document and its date as a temporal
//! expression (the dateline itself is blanked, so that its city is no
//! actor and its date is read as the day it names, not by the tagger).

use super::events::EventDraft;
use super::mentions::{Doc, PlaceM};
use crate::lexicon::EntryKind;
use crate::model::{ActorKind, DateSource, Precision, TimexType};
use crate::text::Article;
use crate::time::Timex;

/// The dateline's day as a temporal expression (offsets in the text).
pub(super) fn dateline_timex(article: &Article) -> Option<Timex> {
    let dateline = article.dateline.as_ref()?;
    let (span, day) = (dateline.date_span?, dateline.date?);
    Some(Timex {
        text: article.text[span.start..span.end].to_string(),
        start: span.start,
        end: span.end,
        value: day.format("%Y-%m-%d").to_string(),
        kind: TimexType::Date,
        precision: Precision::Day,
        first: Some(day),
        last: Some(day),
        source: if dateline.year.is_some() {
            DateSource::Explicit
        } else {
            DateSource::Relative
        },
    })
}

/// Adds a temporal expression found outside the sentences (the
/// dateline's) to the document's list in text order; the events' indexes
/// into the list move past it.
pub(super) fn insert_timex(timexes: &mut Vec<Timex>, evs: &mut [EventDraft], timex: Timex) {
    let at = timexes.partition_point(|t| t.start < timex.start);
    timexes.insert(at, timex);
    for ev in evs {
        for k in [&mut ev.timex, &mut ev.anchor].into_iter().flatten() {
            if *k >= at {
                *k += 1;
            }
        }
    }
}

/// The agency of the dateline ("(Reuters)") as the document's outlet: an
/// organisation listed with the actors, in no event (as the credits).
pub(super) fn dateline_agency(doc: &mut Doc<'_>, article: &Article) {
    if let Some(agency) = article.dateline.as_ref().and_then(|d| d.agency.as_deref()) {
        doc.credit_actor(agency, ActorKind::Organization);
    }
}

/// The dateline's city as a place of the document: the lexicon's city
/// (or region, or country) of that name, else the name as written. It is
/// placed at the start of the first sentence after the dateline, where no
/// event takes it as its place (a place follows a preposition).
pub(super) fn dateline_place(doc: &mut Doc<'_>, article: &Article) {
    let Some(dateline) = &article.dateline else {
        return;
    };
    let sentence = doc.sents.partition_point(|s| s.end <= dateline.span.end);
    let Some(first) = doc.sents.get(sentence) else {
        return;
    };
    let lex = doc.lex;
    let entries = lex.entries();
    let candidates = lex.candidates(&dateline.city);
    let pick = |kinds: &[EntryKind]| {
        candidates
            .iter()
            .map(|&(e, _)| e)
            .find(|&e| kinds.contains(&entries[e].kind))
    };
    let place =
        match pick(&[EntryKind::City, EntryKind::Region]).or_else(|| pick(&[EntryKind::Country])) {
            Some(e) => PlaceM {
                name: entries[e].canonical.clone(),
                country: entries[e].country.clone(),
                lat: entries[e].lat,
                lon: entries[e].lon,
                sent: sentence,
                t0: first.t0,
                t1: first.t0,
            },
            None => PlaceM {
                name: dateline.city.clone(),
                country: None,
                lat: None,
                lon: None,
                sent: sentence,
                t0: first.t0,
                t1: first.t0,
            },
        };
    let at = doc.places.partition_point(|p| p.sent < sentence);
    doc.places.insert(at, place);
}
