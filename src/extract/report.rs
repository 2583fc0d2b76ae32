//! The extraction as a [`Report`]: typed model values straight from the
//! analysis, with no interchange strings in between. It stores exactly what
//! reading the extraction's JSON back (`ingest::json::to_records`) stores:
//! the same names (trimmed), aliases, affiliations and titles, the same
//! dates (an event without a date of its own takes the publication day,
//! or the dateline's day when that is the reference date, inferred; without that either it is left out, with a diagnostic), and a
//! diagnostic for each value it leaves out or defaults.

use super::events::EventDraft;
use super::mentions::Doc;
use crate::model::{
    normalize_name, Actor, ActorKind, DateOrigin, DateSource, Diagnostic, Document, EventKind,
    Evidence, Place, Report, ReportEvent, TimexMention, Title, When,
};
use crate::text::Article;
use crate::time::Timex;
use chrono::NaiveDate;

/// A problem with a value of the document: record diagnostics name the
/// document's first line, as a JSON reader does for a one-document file.
fn field_problem(field: String, message: String) -> Diagnostic {
    Diagnostic::in_field(field, message).with_line(1)
}

/// The report of an analysed article; `id` is the document id the
/// interchange output gives it, `warnings` the extraction's warnings.
pub(super) fn to_report(
    id: String,
    warnings: Vec<String>,
    article: &Article,
    doc: &Doc<'_>,
    timexes: &[Timex],
    evs: &[EventDraft],
) -> Report {
    let mut report = Report::new(Document {
        id: id.trim().to_string(),
        title: article.title.clone(),
        url: article.header.url.clone(),
        published: article.published,
        source: article.header.source.clone(),
    });
    report.diagnostics = warnings.into_iter().map(Diagnostic::new).collect();
    report.published_time = article.published.and(article.published_time);
    report.timexes = timexes
        .iter()
        .map(|t| TimexMention {
            start: article.to_file(t.start),
            end: article.to_file(t.end),
            ..timex_mention(t)
        })
        .collect();
    let (order, _) = listed_actors(doc);
    // Report index of each analysis actor, for the listed ones kept.
    let mut index_of: Vec<Option<usize>> = vec![None; doc.actors.len()];
    for (i, &a) in order.iter().enumerate() {
        let x = &doc.actors[a];
        if normalize_name(&x.name).is_empty() {
            report.diagnostics.push(field_problem(
                format!("actors[{i}].name"),
                format!(
                    "expected a name with letters or digits, but found {:?}; actor skipped",
                    x.name
                ),
            ));
            continue;
        }
        let mut actor = Actor::new(x.name.trim(), x.kind);
        for alias in x.aliases.iter().filter(|al| **al != x.name) {
            let alias = alias.trim();
            if !alias.is_empty() && alias != actor.name && !actor.aliases.iter().any(|a| a == alias)
            {
                actor.aliases.push(alias.to_string());
            }
        }
        actor.country = x.country.clone();
        index_of[a] = Some(report.actors.len());
        report.actors.push(actor);
    }
    // Affiliations and titles, once every kept actor is known; an
    // affiliation to an actor left out keeps its local id, as in the JSON.
    let listed: Vec<Option<usize>> = {
        let mut position = vec![None; doc.actors.len()];
        for (i, &a) in order.iter().enumerate() {
            position[a] = Some(i);
        }
        position
    };
    for &a in &order {
        let Some(index) = index_of[a] else { continue };
        let x = &doc.actors[a];
        let affiliation = x.affiliation.and_then(|f| match index_of[f] {
            Some(j) => {
                report.affiliations.push((index, j));
                Some(report.actors[j].name.clone())
            }
            None => listed[f].map(|i| format!("a{}", i + 1)),
        });
        if let Some(title) = x.title.as_deref().filter(|t| !t.trim().is_empty()) {
            report.actors[index]
                .titles
                .push(Title::new(title.trim(), affiliation.clone()));
        }
        report.actors[index].affiliation = affiliation;
    }
    let mut names: Vec<&str> = Vec::new();
    for p in &doc.places {
        if names.contains(&p.name.as_str()) {
            continue;
        }
        names.push(&p.name);
        if !normalize_name(&p.name).is_empty() {
            report.places.push(Place {
                name: p.name.trim().to_string(),
                country: p.country.clone(),
                lat: p.lat,
                lon: p.lon,
            });
        }
    }
    let actors = Actors {
        index_of: &index_of,
        listed: &listed,
    };
    for (i, ev) in evs.iter().enumerate() {
        let event = report_event(
            i,
            ev,
            article,
            doc,
            timexes,
            &actors,
            &names,
            &mut report.diagnostics,
        );
        report.events.extend(event);
    }
    report
}

/// Where the analysis actors went: their index in the report (`None` when
/// left out) and their position in the listing (`None` when not listed).
struct Actors<'a> {
    index_of: &'a [Option<usize>],
    listed: &'a [Option<usize>],
}

/// The `i`th event, adding a diagnostic for each value it defaults or
/// leaves out; `None` when its date cannot be read. `places` are the names
/// of the listed places (`p1`, `p2`, ... in the JSON).
#[allow(clippy::too_many_arguments)] // the parts of one analysis
fn report_event(
    i: usize,
    ev: &EventDraft,
    article: &Article,
    doc: &Doc<'_>,
    timexes: &[Timex],
    actors: &Actors<'_>,
    places: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ReportEvent> {
    let field = |name: &str| format!("events[{i}].{name}");
    let cameo = match ev.cameo.as_deref().map(str::trim) {
        Some(c) if !c.is_empty() => {
            if EventKind::from_cameo(c).is_some() {
                Some(c.to_string())
            } else {
                diagnostics.push(field_problem(
                    field("cameo"),
                    format!("expected a CAMEO code of 2 to 4 digits, but found {c:?}; dropped"),
                ));
                None
            }
        }
        _ => None,
    };
    // an undated event: the day the story was filed (the dateline's, when
    // it is the reference date), else the publication day
    let fallback = article
        .reference_at()
        .map(|t| t.date())
        .or(article.published);
    let (when, date_origin) = match event_when(ev, timexes, fallback) {
        Ok((None, origin)) => {
            diagnostics.push(field_problem(
                field("date"),
                "no start, end or readable value (\"\") and no publication date to fall back on; event skipped"
                    .to_string(),
            ));
            (None, origin)
        }
        Ok(found) => found,
        Err((name, message)) => {
            diagnostics.push(field_problem(
                field(name),
                format!("{message}; event skipped"),
            ));
            return None;
        }
    };
    let mut participants = Vec::new();
    let mut j = 0;
    for &(a, role) in &ev.participants {
        // Participants that are not listed actors are not in the JSON.
        let Some(position) = actors.listed[a] else {
            continue;
        };
        match actors.index_of[a] {
            Some(index) => participants.push((index, role)),
            None => diagnostics.push(field_problem(
                field(&format!("actors[{j}].actor")),
                format!(
                    "expected the id of an actor of this document, but found {:?}; participant skipped",
                    format!("a{}", position + 1)
                ),
            )),
        }
        j += 1;
    }
    let confidence = if !(0.0..=1.0).contains(&ev.confidence) || ev.confidence.is_nan() {
        diagnostics.push(field_problem(
            field("confidence"),
            format!(
                "expected a number from 0 to 1, but found {}; taken as 1",
                ev.confidence
            ),
        ));
        1.0
    } else {
        ev.confidence
    };
    let clean = article.clean.as_str();
    let evidence = std::iter::once(ev.sent)
        .chain(ev.more_sents.iter().copied())
        .map(|s| {
            let (start, end) = (doc.sents[s].start, doc.sents[s].end);
            Evidence {
                text: clean[start..end].to_string(),
                start: article.to_file(start),
                end: article.to_file(end),
            }
        })
        .collect();
    let event = ReportEvent {
        kind: ev.kind,
        cameo,
        source_code: None,
        target_code: None,
        when,
        date_origin,
        participants,
        place: ev
            .place
            .as_deref()
            .map(str::trim)
            .map(|p| {
                // a place given by its local id, as the JSON reader reads it
                let by_id = p
                    .strip_prefix('p')
                    .and_then(|n| n.parse::<usize>().ok())
                    .filter(|n| format!("p{n}") == p)
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|k| places.get(k).copied());
                by_id.unwrap_or(p).trim().to_string()
            })
            .filter(|p| !normalize_name(p).is_empty()),
        modality: ev.modality,
        confidence,
        evidence,
        external_id: None,
    };
    Some(event)
}

/// The date of an event: its own expression's span, else its anchor's (as
/// inferred), else the publication day (inferred; `None` without one), and
/// whether the span is the document's own. `Err` names the part of the
/// date that is wrong and says why.
fn event_when(
    ev: &EventDraft,
    timexes: &[Timex],
    published: Option<NaiveDate>,
) -> Result<(Option<When>, DateOrigin), (&'static str, String)> {
    let spanned = |k: usize, source: DateSource| {
        let t = &timexes[k];
        match (t.first, t.last) {
            (Some(start), Some(end)) => Some((start, end, t, source)),
            _ => None,
        }
    };
    // What the document says of a date it does not give: nothing for an
    // expression with no days, inferred for such an anchor, unknown when
    // there is neither an expression nor a publication day.
    // "in the coming weeks": the time ahead of the publication day
    if let (None, Some((days, precision)), Some(p)) = (ev.timex, ev.ahead, published) {
        let start = p + chrono::Duration::days(1);
        let end = p + chrono::Duration::days(i64::from(days));
        let when = When {
            start,
            end,
            precision,
            value: format!("{}/{}", start.format("%Y-%m-%d"), end.format("%Y-%m-%d")),
            source: DateSource::Inferred,
        };
        return Ok((Some(when), DateOrigin::Given));
    }
    let (found, missing) = match (ev.timex, ev.anchor) {
        (Some(k), _) => (spanned(k, timexes[k].source), None),
        (None, Some(k)) => (spanned(k, DateSource::Inferred), Some(DateSource::Inferred)),
        (None, None) if published.is_some() => {
            let day = published.map(|p| When::day(p).with_source(DateSource::Inferred));
            return Ok((day, DateOrigin::Given));
        }
        (None, None) => (None, Some(DateSource::Unknown)),
    };
    let Some((start, end, t, source)) = found else {
        let day = published.map(|p| When::day(p).with_source(DateSource::Inferred));
        return Ok((day, DateOrigin::Missing { source: missing }));
    };
    if end < start {
        return Err((
            "date.end",
            format!("expected a day on or after {start}, but found {end}"),
        ));
    }
    let value = match t.value.trim() {
        "" if start == end => start.format("%Y-%m-%d").to_string(),
        "" => format!("{}/{}", start.format("%Y-%m-%d"), end.format("%Y-%m-%d")),
        v => v.to_string(),
    };
    Ok((
        Some(When {
            start,
            end,
            precision: t.precision,
            value,
            source,
        }),
        DateOrigin::Given,
    ))
}

/// A temporal expression as a model value (offsets into the text it was
/// found in).
pub fn timex_mention(t: &Timex) -> TimexMention {
    TimexMention {
        text: t.text.clone(),
        start: t.start,
        end: t.end,
        value: t.value.clone(),
        kind: t.kind,
        precision: Some(t.precision),
        date: match (t.first, t.last) {
            (Some(start), Some(end)) => Some(When {
                start,
                end,
                precision: t.precision,
                value: t.value.clone(),
                source: t.source,
            }),
            _ => None,
        },
    }
}

/// The actors the document lists, in order, and each actor's local id
/// (`a1`, `a2`, ...; `None` for an actor not listed).
pub(super) fn listed_actors(doc: &Doc<'_>) -> (Vec<usize>, Vec<Option<String>>) {
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
    (order, ids)
}
