//! The JSON API of `eventgraph serve` (documented in `docs/serve.md`):
//! read-only queries over a loaded [`Graph`], each a function of the path
//! and the query parameters. Actors are named by `a` and their index in the
//! graph (stable while the server runs), events by their public key (`e` and
//! 16 hex digits). Every list is sorted; no hash-map order reaches a reply.

use super::search::{Entry, SearchIndex};
use crate::graph::{ActorId, EventFilter, EventId, Graph, PlaceId};
use crate::model::{date_of_day_number, day_number, format_key, parse_key, EventKind, Role, When};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// How many events a graph reply holds at most unless `limit` says less.
pub(crate) const GRAPH_LIMIT: usize = 150;
/// The most a `limit` parameter may ask for.
const MAX_LIMIT: usize = 2000;

/// A reply that is not a success: an HTTP status and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    /// 400 or 404.
    pub status: u16,
    /// What is wrong, naming the parameter.
    pub message: String,
}

fn bad(message: impl Into<String>) -> ApiError {
    ApiError {
        status: 400,
        message: message.into(),
    }
}

fn not_found(message: impl Into<String>) -> ApiError {
    ApiError {
        status: 404,
        message: message.into(),
    }
}

/// The loaded graph with what the API precomputes once: the normalised
/// names of every actor and the busiest actors.
pub(crate) struct Api {
    graph: Graph,
    title: String,
    /// The index of every actor's names (built once).
    search: SearchIndex,
    /// The pages of the actors with [`BUSY_ACTOR`] events or more, made
    /// once (the graph does not change while the server runs): reading
    /// a hundred thousand events takes long on a loaded machine.
    busy_pages: BTreeMap<ActorId, Value>,
}

/// How many events make an actor's page worth making at start.
const BUSY_ACTOR: usize = 10_000;

fn day_text(day: i32) -> String {
    date_of_day_number(day)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Parameters of a request, decoded.
pub(crate) type Params = BTreeMap<String, String>;

fn param<'a>(params: &'a Params, name: &str) -> Option<&'a str> {
    params
        .get(name)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
}

fn limit_param(params: &Params, default: usize) -> Result<usize, ApiError> {
    match param(params, "limit") {
        None => Ok(default),
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .map(|n| n.min(MAX_LIMIT))
            .ok_or_else(|| bad(format!("limit: expected a positive number, found {text:?}"))),
    }
}

#[derive(Serialize)]
struct ActorRef {
    id: String,
    name: String,
}

#[derive(Serialize)]
struct EventSummary {
    id: String,
    kind: String,
    start: String,
    end: String,
    actors: Vec<ParticipantRef>,
    place: Option<String>,
    modality: String,
}

#[derive(Serialize)]
struct ParticipantRef {
    id: String,
    name: String,
    role: String,
}

impl Api {
    /// Prepares the API over a graph (and builds the search index).
    pub(crate) fn new(graph: Graph, title: String) -> Api {
        Api::with_busy(graph, title, BUSY_ACTOR)
    }

    /// [`Api::new`], making at start the pages of actors with `busy`
    /// events or more.
    fn with_busy(graph: Graph, title: String, busy: usize) -> Api {
        let search = SearchIndex::new(graph.actor_ids().filter_map(|id| {
            let actor = graph.actor(id)?;
            let names: Vec<String> = actor.names().map(str::to_string).collect();
            Some((id, actor.name.clone(), names, graph.actor_event_count(id)))
        }));
        let mut api = Api {
            graph,
            title,
            search,
            busy_pages: BTreeMap::new(),
        };
        let busy_actors: Vec<ActorId> = api
            .search
            .entries()
            .iter()
            .filter(|e| e.events >= busy)
            .map(|e| e.id)
            .collect();
        for id in busy_actors {
            if let Some(page) = api.actor_page(id) {
                api.busy_pages.insert(id, page);
            }
        }
        api
    }

    /// The reply to `GET /api/NAME?params`, as JSON.
    pub(crate) fn reply(&self, name: &str, params: &Params) -> Result<Value, ApiError> {
        match name {
            "info" => Ok(self.info()),
            "search" => self.search(params),
            "actor" => self.actor(params),
            "graph" => self.neighbourhood(params),
            "timeline" => self.timeline(params),
            "meetings" => self.meetings(params),
            "places" => self.places(params),
            "event" => self.event(params),
            _ => Err(not_found(format!("no API /api/{name}"))),
        }
    }

    fn actor_id(&self, params: &Params, name: &str) -> Result<Option<ActorId>, ApiError> {
        let Some(text) = param(params, name) else {
            return Ok(None);
        };
        text.strip_prefix('a')
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(ActorId::from_index)
            .filter(|&id| self.graph.actor(id).is_some())
            .map(Some)
            .ok_or_else(|| not_found(format!("{name}: no actor {text:?}")))
    }

    fn event_id(&self, params: &Params, name: &str) -> Result<Option<EventId>, ApiError> {
        let Some(text) = param(params, name) else {
            return Ok(None);
        };
        parse_key(text)
            .and_then(|key| self.graph.event_by_key(key))
            .map(Some)
            .ok_or_else(|| not_found(format!("{name}: no event {text:?}")))
    }

    fn actor_ref(&self, id: ActorId) -> ActorRef {
        ActorRef {
            id: format!("a{}", id.index()),
            name: self
                .graph
                .actor(id)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
        }
    }

    /// The filter of `from`, `to`, `kinds` (comma-separated) and `actor`.
    fn filter(&self, params: &Params) -> Result<EventFilter, ApiError> {
        let date = |name: &str| -> Result<Option<When>, ApiError> {
            param(params, name)
                .map(|t| When::parse_query(t).map_err(|e| bad(format!("{name}: {e}"))))
                .transpose()
        };
        let from = date("from")?.map(|w| day_number(w.start));
        let to = date("to")?.map(|w| day_number(w.end));
        let kinds = match param(params, "kinds") {
            None => Vec::new(),
            Some(list) => list
                .split(',')
                .filter(|k| !k.is_empty())
                .map(|k| {
                    k.parse::<EventKind>()
                        .map_err(|e| bad(format!("kinds: {e}")))
                })
                .collect::<Result<Vec<_>, _>>()?,
        };
        let actors = self.actor_id(params, "actor")?.into_iter().collect();
        Ok(EventFilter {
            actors,
            from,
            to,
            kinds,
            place: None,
        })
    }

    fn summary(&self, id: EventId) -> Option<EventSummary> {
        let (start, end) = self.graph.event_days(id)?;
        let kind = self.graph.event_kind(id)?;
        let mut actors: Vec<ParticipantRef> = self
            .graph
            .participants(id)
            .into_iter()
            .map(|(a, role)| {
                let r = self.actor_ref(a);
                ParticipantRef {
                    id: r.id,
                    name: r.name,
                    role: role.as_str().to_string(),
                }
            })
            .collect();
        actors.sort_by(|a, b| (&a.role, &a.name).cmp(&(&b.role, &b.name)));
        actors.dedup_by(|a, b| a.id == b.id && a.role == b.role);
        Some(EventSummary {
            id: format_key(self.graph.event_key(id)?),
            kind: kind.as_str().to_string(),
            start: day_text(start),
            end: day_text(end),
            actors,
            place: self
                .graph
                .event_place(id)
                .and_then(|p| self.graph.place(p))
                .map(|p| p.name.clone()),
            modality: self
                .graph
                .core(id)
                .map(|c| c.modality.as_str().to_string())
                .unwrap_or_default(),
        })
    }

    /// `/api/info`: the title, counts, dates, kinds and the busiest actors.
    fn info(&self) -> Value {
        let stats = self.graph.stats();
        let mut busiest: Vec<&Entry> = self
            .search
            .entries()
            .iter()
            .filter(|e| e.events > 0)
            .collect();
        busiest.sort_by(|a, b| {
            b.events
                .cmp(&a.events)
                .then_with(|| self.name_of(a.id).cmp(self.name_of(b.id)))
        });
        let busiest: Vec<Value> = busiest
            .iter()
            .take(12)
            .map(|e| {
                let r = self.actor_ref(e.id);
                json!({"id": r.id, "name": r.name, "events": e.events,
                       "kind": self.graph.actor(e.id).map(|a| a.kind.as_str())})
            })
            .collect();
        json!({
            "title": self.title,
            "events": stats.events,
            "actors": stats.actors,
            "documents": stats.documents,
            "places": stats.places,
            "first_date": stats.first_date,
            "last_date": stats.last_date,
            "events_by_kind": stats.events_by_kind,
            "busiest": busiest,
        })
    }

    fn name_of(&self, id: ActorId) -> &str {
        self.graph.actor(id).map_or("", |a| a.name.as_str())
    }

    /// `/api/search?q=TEXT&limit=N`: actors whose name or alias fits the
    /// query, best first; when few fit plainly, near misses (one typo) are
    /// added as suggestions.
    fn search(&self, params: &Params) -> Result<Value, ApiError> {
        let raw = param(params, "q").unwrap_or("");
        let limit = limit_param(params, 10)?;
        let (total, hits) = self.search.search(raw, limit);
        let entries = self.search.entries();
        let results: Vec<Value> = hits
            .iter()
            .map(|hit| {
                let entry = &entries[hit.entry];
                let actor = self.graph.actor(entry.id);
                json!({
                    "id": format!("a{}", entry.id.index()),
                    "name": entry.display,
                    "kind": actor.map(|a| a.kind.as_str()),
                    "events": entry.events,
                    "matched": entry.names[hit.name],
                    "suggestion": hit.score == 4,
                })
            })
            .collect();
        Ok(json!({"query": raw, "total": total, "results": results}))
    }

    /// `/api/actor?id=aN`: aliases, titles with dates, events by kind, the
    /// actors met and how often, first and last dates.
    fn actor(&self, params: &Params) -> Result<Value, ApiError> {
        let id = self
            .actor_id(params, "id")?
            .ok_or_else(|| bad("id: the actor (aN) is missing"))?;
        if let Some(page) = self.busy_pages.get(&id) {
            return Ok(page.clone());
        }
        self.actor_page(id).ok_or_else(|| not_found("no actor"))
    }

    /// The page of an actor (`None`: no such actor).
    fn actor_page(&self, id: ActorId) -> Option<Value> {
        let actor = self.graph.actor(id)?;
        // one pass over the actor's events (in the order they lie in
        // memory: the counts do not depend on it), without allocating per
        // event
        let mut counts = vec![0usize; EventKind::ALL.len()];
        // a hash map while counting; the list is sorted fully below
        let mut met: std::collections::HashMap<u32, (usize, i32)> =
            std::collections::HashMap::new();
        let (mut first, mut last) = (None::<i32>, None::<i32>);
        let mut n_events = 0usize;
        let me = id.index() as u32;
        let mut parts: Vec<(u32, Role)> = Vec::new();
        let mut others: Vec<u32> = Vec::new();
        for e in self.graph.event_ids_of_actor(id) {
            let Some(core) = self.graph.core(e) else {
                continue;
            };
            n_events += 1;
            if let Some(slot) = counts.get_mut(core.kind as usize) {
                *slot += 1;
            }
            first = Some(first.map_or(core.start, |f| f.min(core.start)));
            last = Some(last.map_or(core.end, |l| l.max(core.end)));
            let visit = core.kind == EventKind::Visit;
            if !core.kind.is_meeting() && !visit {
                continue;
            }
            parts.clear();
            self.graph
                .for_each_participant(core, e.index() as u32, |a, r| parts.push((a, r)));
            others.clear();
            for &(a, ra) in &parts {
                if a != me {
                    continue;
                }
                for &(b, rb) in &parts {
                    let met_them = b != me
                        && (!visit
                            || matches!(
                                (ra, rb),
                                (Role::Source, Role::Target) | (Role::Target, Role::Source)
                            ));
                    if met_them && !others.contains(&b) {
                        others.push(b);
                    }
                }
            }
            for &b in &others {
                let slot = met.entry(b).or_insert((0, core.start));
                slot.0 += 1;
                slot.1 = slot.1.max(core.start);
            }
        }
        let by_kind: BTreeMap<&str, usize> = EventKind::ALL
            .iter()
            .filter_map(|&k| {
                let n = counts.get(k as usize).copied().unwrap_or(0);
                (n > 0).then(|| (k.as_str(), n))
            })
            .collect();
        let met: Vec<(ActorId, (usize, i32))> = met
            .into_iter()
            .filter_map(|(a, v)| Some((ActorId::from_index(a as usize)?, v)))
            .collect();
        let mut met: Vec<(ActorId, usize, i32)> =
            met.into_iter().map(|(a, (n, d))| (a, n, d)).collect();
        let order = |a: &(ActorId, usize, i32), b: &(ActorId, usize, i32)| {
            b.1.cmp(&a.1)
                .then_with(|| self.name_of(a.0).cmp(self.name_of(b.0)))
                .then(a.0.cmp(&b.0))
        };
        if met.len() > 100 {
            met.select_nth_unstable_by(100, order);
            met.truncate(100);
        }
        met.sort_by(order);
        let met: Vec<Value> = met
            .iter()
            .take(100)
            .map(|&(a, n, d)| {
                let r = self.actor_ref(a);
                json!({"id": r.id, "name": r.name, "meetings": n, "last": day_text(d)})
            })
            .collect();
        let mut aliases = actor.aliases.clone();
        aliases.sort();
        let mut titles: Vec<&crate::model::Title> = actor.held_titles().collect();
        titles.sort();
        let titles: Vec<Value> = titles
            .iter()
            .map(|t| {
                json!({"title": t.title, "of": t.of,
                       "first_reported": t.first_reported.map(|d| d.format("%Y-%m-%d").to_string()),
                       "last_reported": t.last_reported.map(|d| d.format("%Y-%m-%d").to_string()),
                       "sources": t.sources.len()})
            })
            .collect();
        Some(json!({
            "id": format!("a{}", id.index()),
            "name": actor.name,
            "kind": actor.kind.as_str(),
            "aliases": aliases,
            "titles": titles,
            "affiliation": actor.affiliation,
            "country": actor.country,
            "events": n_events,
            "events_by_kind": by_kind,
            "first_date": first.map(day_text),
            "last_date": last.map(day_text),
            "met": met,
        }))
    }

    /// `/api/graph?actor=aN|event=eKEY&from&to&kinds&limit`: the events of
    /// an actor (or one event) with every participant, as nodes and edges;
    /// past `limit` events the latest are kept and `truncated` says so.
    fn neighbourhood(&self, params: &Params) -> Result<Value, ApiError> {
        let limit = limit_param(params, GRAPH_LIMIT)?;
        let mut filter = self.filter(params)?;
        let (mut events, centre) = match (
            filter.actors.first().copied(),
            self.event_id(params, "event")?,
        ) {
            (Some(actor), _) => {
                filter.actors.clear();
                let from = filter.from.unwrap_or(i32::MIN);
                let to = filter.to.unwrap_or(i32::MAX);
                let list: Vec<EventId> = self
                    .graph
                    .events_of_actor(actor, from, to)
                    .into_iter()
                    .filter(|&e| {
                        filter.kinds.is_empty()
                            || self
                                .graph
                                .event_kind(e)
                                .is_some_and(|k| filter.kinds.contains(&k))
                    })
                    .collect();
                (list, format!("a{}", actor.index()))
            }
            (None, Some(event)) => (
                vec![event],
                self.graph
                    .event_key(event)
                    .map(format_key)
                    .unwrap_or_default(),
            ),
            (None, None) => return Err(bad("actor or event: give where the graph starts")),
        };
        // events_of_actor lists them by first day: keep the latest, then
        // order those by first day and key
        let total = events.len();
        if events.len() > limit {
            events.drain(..events.len() - limit);
        }
        self.graph.sort_events(&mut events);
        let mut nodes: BTreeMap<String, Value> = BTreeMap::new();
        let mut edges: Vec<Value> = Vec::new();
        for &e in &events {
            let Some(summary) = self.summary(e) else {
                continue;
            };
            let label = match &summary.place {
                Some(place) => format!("{} {} ({place})", summary.kind, summary.start),
                None => format!("{} {}", summary.kind, summary.start),
            };
            for p in &summary.actors {
                edges.push(json!({"id": format!("{}-{}-{}", summary.id, p.id, p.role),
                                  "source": summary.id, "target": p.id, "role": p.role}));
                nodes.entry(p.id.clone()).or_insert_with(|| {
                    let actor = p.id[1..]
                        .parse::<usize>()
                        .ok()
                        .and_then(ActorId::from_index);
                    json!({"id": p.id, "type": "actor", "label": p.name,
                           "kind": actor.and_then(|a| self.graph.actor(a)).map(|a| a.kind.as_str()),
                           "events": actor.map_or(0, |a| self.graph.actor_event_count(a))})
                });
            }
            nodes.insert(
                summary.id.clone(),
                json!({"id": summary.id, "type": "event", "label": label, "kind": summary.kind,
                       "start": summary.start, "end": summary.end, "modality": summary.modality}),
            );
        }
        Ok(json!({
            "centre": centre,
            "total": total,
            "truncated": total > events.len(),
            "nodes": nodes.into_values().collect::<Vec<_>>(),
            "edges": edges,
        }))
    }

    /// `/api/timeline?actor&from&to&kinds&limit`: events in date order (the
    /// first `limit`), with the total.
    fn timeline(&self, params: &Params) -> Result<Value, ApiError> {
        let limit = limit_param(params, 200)?;
        let filter = self.filter(params)?;
        let ids = self.graph.events(&filter);
        let events: Vec<EventSummary> = ids
            .iter()
            .take(limit)
            .filter_map(|&e| self.summary(e))
            .collect();
        Ok(json!({"total": ids.len(), "events": events}))
    }

    /// `/api/meetings?actor&from&to&limit`: who met whom, with counts, most
    /// first.
    fn meetings(&self, params: &Params) -> Result<Value, ApiError> {
        let limit = limit_param(params, 100)?;
        let filter = self.filter(params)?;
        let mut counts: BTreeMap<(ActorId, ActorId), (usize, i32)> = BTreeMap::new();
        for meeting in self.graph.meetings(&filter) {
            let day = self.graph.event_days(meeting.event).map_or(0, |d| d.0);
            for pair in meeting.pairs {
                let slot = counts.entry(pair).or_insert((0, day));
                slot.0 += 1;
                slot.1 = slot.1.max(day);
            }
        }
        let mut list: Vec<((ActorId, ActorId), (usize, i32))> = counts.into_iter().collect();
        list.sort_by(|a, b| {
            b.1 .0.cmp(&a.1 .0).then_with(|| {
                (self.name_of(a.0 .0), self.name_of(a.0 .1))
                    .cmp(&(self.name_of(b.0 .0), self.name_of(b.0 .1)))
            })
        });
        let total = list.len();
        let pairs: Vec<Value> = list
            .into_iter()
            .take(limit)
            .map(|((a, b), (n, day))| {
                let (mut x, mut y) = (self.actor_ref(a), self.actor_ref(b));
                if x.name > y.name {
                    std::mem::swap(&mut x, &mut y);
                }
                json!({"a": x, "b": y, "meetings": n, "last": day_text(day)})
            })
            .collect();
        Ok(json!({"total": total, "pairs": pairs}))
    }

    /// `/api/places?actor&from&to&kinds`: places with coordinates and how
    /// many of the selected events happened there.
    fn places(&self, params: &Params) -> Result<Value, ApiError> {
        let filter = self.filter(params)?;
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for e in self.graph.events(&filter) {
            if let Some(p) = self.graph.event_place(e) {
                *counts.entry(p.index()).or_default() += 1;
            }
        }
        let places: Vec<Value> = counts
            .into_iter()
            .filter_map(|(index, events)| {
                let place = self.graph.place(PlaceId::from_index(index)?)?;
                let (lat, lon) = (place.lat?, place.lon?);
                (lat.is_finite() && lon.is_finite()).then(|| {
                    json!({"name": place.name, "country": place.country,
                           "lat": lat, "lon": lon, "events": events})
                })
            })
            .collect();
        Ok(json!({"places": places}))
    }

    /// `/api/event?id=eKEY`: the event with its participants, place,
    /// and sources (title, URL, publication day, evidence sentences).
    fn event(&self, params: &Params) -> Result<Value, ApiError> {
        let id = self
            .event_id(params, "id")?
            .ok_or_else(|| bad("id: the event (e and 16 hex digits) is missing"))?;
        let summary = self.summary(id).ok_or_else(|| not_found("no event"))?;
        let event = self
            .graph
            .to_event(id)
            .ok_or_else(|| not_found("no event"))?;
        let mut sources: Vec<Value> = Vec::new();
        let mut current: Option<(String, Vec<String>)> = None;
        let flush = |doc: String, evidence: Vec<String>, sources: &mut Vec<Value>| {
            let d = self
                .graph
                .document_named(&doc)
                .and_then(|d| self.graph.document(d));
            sources.push(json!({
                "document": doc,
                "title": d.and_then(|d| d.title.clone()),
                "url": d.and_then(|d| d.url.clone()),
                "outlet": d.and_then(|d| d.source.clone()),
                "published": d.and_then(|d| d.published).map(|p| p.format("%Y-%m-%d").to_string()),
                "evidence": evidence,
            }));
        };
        for mention in &event.mentions {
            match &mut current {
                Some((doc, evidence)) if *doc == mention.document => {
                    if !mention.text.is_empty() && !evidence.contains(&mention.text) {
                        evidence.push(mention.text.clone());
                    }
                }
                _ => {
                    if let Some((doc, evidence)) = current.take() {
                        flush(doc, evidence, &mut sources);
                    }
                    let evidence = if mention.text.is_empty() {
                        Vec::new()
                    } else {
                        vec![mention.text.clone()]
                    };
                    current = Some((mention.document.clone(), evidence));
                }
            }
        }
        if let Some((doc, evidence)) = current.take() {
            flush(doc, evidence, &mut sources);
        }
        let place = self
            .graph
            .event_place(id)
            .and_then(|p| self.graph.place(p))
            .map(|p| json!({"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon}));
        Ok(json!({
            "id": summary.id,
            "kind": summary.kind,
            "cameo": event.cameo,
            "date": {"start": summary.start, "end": summary.end, "value": event.when.value},
            "actors": summary.actors,
            "place": place,
            "modality": summary.modality,
            "sources": sources,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{GraphBuilder, NewEvent};
    use crate::model::{Actor, ActorKind};

    #[test]
    fn pages_made_at_start_are_the_pages_made_on_request() {
        let graph = || {
            let mut builder = GraphBuilder::new();
            let names = [
                "Ana Invented",
                "Ben Invented",
                "Cai Invented",
                "Dee Invented",
            ];
            let ids: Vec<ActorId> = names
                .iter()
                .map(|n| builder.add_actor(Actor::new(n.to_string(), ActorKind::Person)))
                .collect();
            let kinds = [
                EventKind::Meet,
                EventKind::Visit,
                EventKind::Call,
                EventKind::Statement,
            ];
            for i in 0..40usize {
                let parts = [
                    (ids[i % 4], Role::Source),
                    (ids[(i / 4) % 4], Role::Target),
                    (ids[(i + 1) % 4], Role::Participant),
                ];
                let parts: Vec<(ActorId, Role)> = parts
                    .iter()
                    .enumerate()
                    .filter(|(k, p)| parts[..*k].iter().all(|q| q.0 != p.0))
                    .map(|(_, &p)| p)
                    .collect();
                let day = 16_000 + (i as i32 * 7) % 50;
                let external = format!("{i}");
                let mut new = NewEvent::day(kinds[i % 4], day, &parts);
                new.external_id = Some(external.as_str());
                builder.add_event(&new).unwrap();
            }
            builder.build()
        };
        let made = Api::with_busy(graph(), "t".into(), 1);
        let asked = Api::with_busy(graph(), "t".into(), usize::MAX);
        assert_eq!(made.busy_pages.len(), 4);
        assert!(asked.busy_pages.is_empty());
        for i in 0..4 {
            let mut params = Params::new();
            params.insert("id".into(), format!("a{i}"));
            let page = made.reply("actor", &params).unwrap();
            assert_eq!(page, asked.reply("actor", &params).unwrap());
            assert!(
                page["met"].as_array().is_some_and(|m| !m.is_empty()),
                "{page}"
            );
        }
    }
}
