//! Queries over a [`Graph`]: events by filter, meetings, actor pairs, the
//! shortest path between two actors, name lookup, statistics, and the
//! conversion of results to `model::Subgraph` for the exporters.

use super::{format_key, ActorId, EventCore, EventId, Graph, Node, PlaceId};
use crate::model::{
    date_of_day_number, normalize_name, Actor, ActorKind, Event, EventKind, Mention, Participant,
    Role, Subgraph, When,
};
use petgraph::stable_graph::NodeIndex;
use petgraph::Direction;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

/// Which events a query wants. Days are day numbers (`model::day_number`),
/// inclusive; an event matches a date range when its span overlaps it.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Every one of these actors takes part.
    pub actors: Vec<ActorId>,
    /// First day of the range (a day number); `None` means no lower bound.
    pub from: Option<i32>,
    /// Last day of the range (a day number); `None` means no upper bound.
    pub to: Option<i32>,
    /// Any of these kinds (all kinds when empty).
    pub kinds: Vec<EventKind>,
    /// The event's place, compared normalised.
    pub place: Option<String>,
}

/// A meeting: an event whose participants met (see [`Graph::meeting_pairs`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    /// The meeting event.
    pub event: EventId,
    /// The actors that met, sorted by id.
    pub actors: Vec<ActorId>,
    /// Who met whom: pairs `(a, b)` with `a < b`, sorted.
    pub pairs: Vec<(ActorId, ActorId)>,
}

/// One link of a path between actors: `from` and `to` both take part in
/// `event`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathStep {
    /// The actor the step starts from.
    pub from: ActorId,
    /// The event both actors take part in.
    pub event: EventId,
    /// The actor the step leads to.
    pub to: ActorId,
}

/// The result of looking up an actor by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActorLookup {
    /// Exactly one actor.
    Found(ActorId),
    /// Several actors fit; sorted by name.
    Ambiguous(Vec<ActorId>),
    /// None fits; near misses (sharing a word), sorted by name.
    NotFound(Vec<ActorId>),
}

/// Counts of what a graph holds.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Stats {
    /// Documents in the graph.
    pub documents: usize,
    /// Actors in the graph.
    pub actors: usize,
    /// Events in the graph.
    pub events: usize,
    /// Actor-event participant edges.
    pub participations: usize,
    /// Places in the graph.
    pub places: usize,
    /// Mentions, summed over every event.
    pub mentions: usize,
    /// The earliest first day of any event, `YYYY-MM-DD`; `None` without events.
    pub first_date: Option<String>,
    /// The latest last day of any event, `YYYY-MM-DD`; `None` without events.
    pub last_date: Option<String>,
    /// Events per kind, by kind name (alphabetical); kinds with no event are left out.
    pub events_by_kind: BTreeMap<String, usize>,
    /// Actors per kind.
    pub actors_by_kind: BTreeMap<String, usize>,
}

impl Graph {
    fn overlaps(core: &EventCore, from: i32, to: i32) -> bool {
        core.start <= to && core.end >= from
    }

    /// Events of one actor overlapping `[from, to]`, in the order of their
    /// first day (ties by id). The fast path of "what did X do then".
    pub fn events_of_actor(&self, actor: ActorId, from: i32, to: i32) -> Vec<EventId> {
        let mut out = Vec::new();
        self.for_each_event_of_actor(actor, from, to, |id| out.push(id));
        out
    }

    /// Every event of `actor`, whatever its days, by id: the order of the
    /// events in memory, so that a pass over many of them reads memory
    /// forwards (the actor's page of `serve` counts its events this way).
    pub(crate) fn event_ids_of_actor(&self, actor: ActorId) -> Vec<EventId> {
        let mut ids: Vec<EventId> = self
            .actor_events
            .get(actor.index())
            .map(|list| list.entries.iter().map(|&e| EventId(e)).collect())
            .unwrap_or_default();
        ids.sort_unstable();
        ids
    }

    /// Calls `f` with each event of `actor` overlapping `[from, to]`.
    pub fn for_each_event_of_actor(
        &self,
        actor: ActorId,
        from: i32,
        to: i32,
        mut f: impl FnMut(EventId),
    ) {
        let Some(list) = self.actor_events.get(actor.index()) else {
            return;
        };
        let start_of = super::start_of(&self.g);
        let exact = list.max_span == 0;
        for &id in list.candidates(from, to, &start_of) {
            if exact || self.core(EventId(id)).is_some_and(|c| c.end >= from) {
                f(EventId(id));
            }
        }
    }

    /// Events overlapping `[from, to]`, sorted by first day then key.
    pub fn events_in(&self, from: i32, to: i32) -> Vec<EventId> {
        self.events(&EventFilter {
            from: Some(from),
            to: Some(to),
            ..EventFilter::default()
        })
    }

    /// Events matching a filter, sorted by first day then key.
    pub fn events(&self, filter: &EventFilter) -> Vec<EventId> {
        let from = filter.from.unwrap_or(i32::MIN);
        let to = filter.to.unwrap_or(i32::MAX);
        let place = filter.place.as_deref().map(normalize_name);
        let place_id: Option<Option<PlaceId>> =
            place.as_ref().map(|p| self.place_ids.get(p).copied());
        if let Some(None) = place_id {
            return Vec::new();
        }
        let keep = |id: u32| -> bool {
            let Some(core) = self.core(EventId(id)) else {
                return false;
            };
            if !Self::overlaps(core, from, to) {
                return false;
            }
            if !filter.kinds.is_empty() && !filter.kinds.contains(&core.kind) {
                return false;
            }
            if let Some(Some(p)) = place_id {
                if core.place != p.0 + 1 {
                    return false;
                }
            }
            for wanted in &filter.actors {
                let mut found = false;
                self.for_each_participant(core, id, |a, _| found |= a == wanted.0);
                if !found {
                    return false;
                }
            }
            true
        };
        let mut out: Vec<EventId> = Vec::new();
        let start_of = super::start_of(&self.g);
        if !filter.actors.is_empty() {
            // Scan the actor with the fewest events.
            let Some(&smallest) = filter
                .actors
                .iter()
                .min_by_key(|a| self.actor_event_count(**a))
            else {
                return out;
            };
            let Some(list) = self.actor_events.get(smallest.index()) else {
                return out;
            };
            for &id in list.candidates(from, to, &super::start_of(&self.g)) {
                if keep(id) {
                    out.push(EventId(id));
                }
            }
        } else if !filter.kinds.is_empty() {
            let mut kinds = filter.kinds.clone();
            kinds.sort_unstable();
            kinds.dedup();
            for kind in kinds {
                self.by_kind[kind as usize].for_each_candidate(from, to, &start_of, |id| {
                    if keep(id) {
                        out.push(EventId(id));
                    }
                });
            }
        } else {
            for index in &self.by_kind {
                index.for_each_candidate(from, to, &start_of, |id| {
                    if keep(id) {
                        out.push(EventId(id));
                    }
                });
            }
        }
        self.sort_events(&mut out);
        out.dedup();
        out
    }

    /// Who met whom in an event: every pair of participants of a meet,
    /// call, negotiate or consult event, and each visitor (role source)
    /// with each host (role target) of a visit; companions travelling
    /// together have not met each other. Pairs `(a, b)` with `a < b`, sorted.
    pub fn meeting_pairs(&self, id: EventId) -> Vec<(ActorId, ActorId)> {
        let mut pairs = Vec::new();
        if let Some(core) = self.core(id) {
            self.push_pairs(core, id.0, &mut |a, b| pairs.push((ActorId(a), ActorId(b))));
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    fn push_pairs(&self, core: &EventCore, id: u32, out: &mut impl FnMut(u32, u32)) {
        let visit = core.kind == EventKind::Visit;
        if !core.kind.is_meeting() && !visit {
            return;
        }
        let mut buf: [(u32, Role); 3] = [(0, Role::Participant); 3];
        let owned;
        let parts: &[(u32, Role)] = if core.n_participants <= 3 {
            let mut n = 0;
            self.for_each_participant(core, id, |a, r| {
                buf[n] = (a, r);
                n += 1;
            });
            &buf[..n]
        } else {
            owned = self
                .participants(EventId(id))
                .into_iter()
                .map(|(a, r)| (a.0, r))
                .collect::<Vec<_>>();
            &owned
        };
        for (i, &(a, ra)) in parts.iter().enumerate() {
            for &(b, rb) in &parts[i + 1..] {
                if a == b {
                    continue;
                }
                let met = if visit {
                    matches!(
                        (ra, rb),
                        (Role::Source, Role::Target) | (Role::Target, Role::Source)
                    )
                } else {
                    true
                };
                if met {
                    out(a.min(b), a.max(b));
                }
            }
        }
    }

    /// Meetings matching a filter (its kinds are narrowed to meeting kinds
    /// and visit): with one actor in the filter, the meetings that actor
    /// took part in; with several, those where each of them met each other.
    pub fn meetings(&self, filter: &EventFilter) -> Vec<Meeting> {
        let meeting_kinds: Vec<EventKind> = EventKind::ALL
            .iter()
            .copied()
            .filter(|k| k.is_meeting() || *k == EventKind::Visit)
            .filter(|k| filter.kinds.is_empty() || filter.kinds.contains(k))
            .collect();
        if meeting_kinds.is_empty() {
            return Vec::new();
        }
        let narrowed = EventFilter {
            kinds: meeting_kinds,
            ..filter.clone()
        };
        let mut out = Vec::new();
        for id in self.events(&narrowed) {
            let pairs = self.meeting_pairs(id);
            if pairs.is_empty() {
                continue;
            }
            let in_pair = |a: ActorId| pairs.iter().any(|p| p.0 == a || p.1 == a);
            let met = |a: ActorId, b: ActorId| pairs.contains(&(a.min(b), a.max(b)));
            let wanted = &filter.actors;
            let ok = match wanted.len() {
                0 => true,
                1 => in_pair(wanted[0]),
                _ => wanted
                    .iter()
                    .enumerate()
                    .all(|(i, &a)| wanted[i + 1..].iter().all(|&b| a == b || met(a, b))),
            };
            if !ok {
                continue;
            }
            let actors: BTreeSet<ActorId> = pairs.iter().flat_map(|p| [p.0, p.1]).collect();
            out.push(Meeting {
                event: id,
                actors: actors.into_iter().collect(),
                pairs,
            });
        }
        out
    }

    /// All distinct pairs of actors who met in events of the given kinds
    /// overlapping `[from, to]`: `(a, b)` with `a < b`, sorted.
    pub fn pairs_in(&self, kinds: &[EventKind], from: i32, to: i32) -> Vec<(ActorId, ActorId)> {
        let mut packed: Vec<u64> = Vec::new();
        let start_of = super::start_of(&self.g);
        for &kind in kinds {
            self.by_kind[kind as usize].for_each_candidate(from, to, &start_of, |id| {
                let Some(core) = self.core(EventId(id)) else {
                    return;
                };
                if core.end < from {
                    return;
                }
                self.push_pairs(core, id, &mut |a, b| {
                    packed.push((u64::from(a) << 32) | u64::from(b))
                });
            });
        }
        packed.sort_unstable();
        packed.dedup();
        packed
            .into_iter()
            .map(|p| (ActorId((p >> 32) as u32), ActorId(p as u32)))
            .collect()
    }

    /// Looks an actor up by name: exact match on the normalised name or an
    /// alias first; otherwise actors having every word of the query in one
    /// of their names.
    pub fn lookup_actor(&self, name: &str) -> ActorLookup {
        let norm = normalize_name(name);
        let exact = self.names.get(&norm).cloned().unwrap_or_default();
        if exact.len() == 1 {
            return ActorLookup::Found(exact[0]);
        }
        if exact.len() > 1 {
            // Prefer the one whose canonical name it is.
            let canonical: Vec<ActorId> = exact
                .iter()
                .copied()
                .filter(|&a| {
                    self.actor(a)
                        .is_some_and(|x| normalize_name(&x.name) == norm)
                })
                .collect();
            if canonical.len() == 1 {
                return ActorLookup::Found(canonical[0]);
            }
            return ActorLookup::Ambiguous(self.sorted_by_name(exact));
        }
        let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return ActorLookup::NotFound(Vec::new());
        }
        let mut all_words = BTreeSet::new();
        let mut some_word = BTreeSet::new();
        for (key, ids) in &self.names {
            let key_words: Vec<&str> = key.split(' ').collect();
            let n_common = words.iter().filter(|w| key_words.contains(w)).count();
            if n_common == words.len() {
                all_words.extend(ids.iter().copied());
            } else if n_common > 0 {
                some_word.extend(ids.iter().copied());
            }
        }
        match all_words.len() {
            1 => ActorLookup::Found(*all_words.iter().next().expect("one")),
            0 => ActorLookup::NotFound(self.sorted_by_name(some_word.into_iter().collect())),
            _ => ActorLookup::Ambiguous(self.sorted_by_name(all_words.into_iter().collect())),
        }
    }

    fn sorted_by_name(&self, mut ids: Vec<ActorId>) -> Vec<ActorId> {
        ids.sort_by(|a, b| {
            let na = self.actor(*a).map(|x| x.name.as_str());
            let nb = self.actor(*b).map(|x| x.name.as_str());
            na.cmp(&nb).then(a.cmp(b))
        });
        ids.dedup();
        ids
    }

    /// Actors of one kind (all when `None`), sorted by name.
    pub fn actors_of_kind(&self, kind: Option<ActorKind>) -> Vec<ActorId> {
        let ids = self
            .actor_ids()
            .filter(|&a| kind.is_none_or(|k| self.actor(a).is_some_and(|x| x.kind == k)))
            .collect();
        self.sorted_by_name(ids)
    }

    /// Number of events an actor takes part in.
    pub fn actor_event_count(&self, actor: ActorId) -> usize {
        self.actor_events.get(actor.index()).map_or(0, |l| l.len())
    }

    /// Every event of an actor, sorted by first day then key.
    pub fn actor_events(&self, actor: ActorId) -> Vec<EventId> {
        let mut ids = self.events_of_actor(actor, i32::MIN, i32::MAX);
        self.sort_events(&mut ids);
        ids
    }

    /// The shortest chain of events linking two actors (breadth-first over
    /// the graph; ties broken by date, key and name so the answer is
    /// deterministic). `None` when they are not connected.
    pub fn path(&self, from: ActorId, to: ActorId) -> Option<Vec<PathStep>> {
        let start = self.actors.get(from.index())?.as_ref()?.node;
        let goal = self.actors.get(to.index())?.as_ref()?.node;
        if start == goal {
            return Some(Vec::new());
        }
        let mut parent: HashMap<NodeIndex<u32>, NodeIndex<u32>> = HashMap::new();
        let mut queue = VecDeque::from([start]);
        parent.insert(start, start);
        while let Some(node) = queue.pop_front() {
            let mut next: Vec<NodeIndex<u32>> = match &self.g[node] {
                Node::Actor(_) => self
                    .g
                    .neighbors_directed(node, Direction::Outgoing)
                    .collect(),
                Node::Event(_) => self
                    .g
                    .neighbors_directed(node, Direction::Incoming)
                    .collect(),
            };
            next.sort_by_key(|n| match &self.g[*n] {
                Node::Event(c) => (c.start, c.key, String::new()),
                Node::Actor(a) => (
                    0,
                    0,
                    self.actor(*a).map(|x| x.name.clone()).unwrap_or_default(),
                ),
            });
            for n in next {
                if parent.contains_key(&n) {
                    continue;
                }
                parent.insert(n, node);
                if n == goal {
                    queue.clear();
                    break;
                }
                queue.push_back(n);
            }
        }
        parent.get(&goal)?;
        let mut chain = vec![goal];
        let mut cur = goal;
        while cur != start {
            cur = parent[&cur];
            chain.push(cur);
        }
        chain.reverse();
        let actor_of = |n: NodeIndex<u32>| match self.g[n] {
            Node::Actor(a) => a,
            Node::Event(_) => ActorId(u32::MAX),
        };
        let steps = chain
            .windows(3)
            .step_by(2)
            .map(|w| PathStep {
                from: actor_of(w[0]),
                event: EventId(w[1].index() as u32),
                to: actor_of(w[2]),
            })
            .collect();
        Some(steps)
    }

    /// The event as a model value (participants by canonical name, sorted by
    /// role then name; mentions sorted by document and offset).
    pub fn to_event(&self, id: EventId) -> Option<Event> {
        let core = self.core(id)?;
        let start = date_of_day_number(core.start)?;
        let end = date_of_day_number(core.end)?;
        let value = match self.values.get(&id.0) {
            Some(v) => v.to_string(),
            None => super::derived_value(core.start, core.end, core.precision),
        };
        let mut participants: Vec<Participant> = self
            .participants(id)
            .into_iter()
            .filter_map(|(a, role)| {
                Some(Participant {
                    actor: self.actor(a)?.name.clone(),
                    role,
                })
            })
            .collect();
        participants.sort_by(|a, b| a.role.cmp(&b.role).then(a.actor.cmp(&b.actor)));
        let mut mentions: Vec<Mention> = self
            .mentions
            .get(&id.0)
            .map(|list| {
                list.iter()
                    .map(|m| Mention {
                        document: self
                            .documents
                            .get(m.doc.index())
                            .map(|d| d.id.clone())
                            .unwrap_or_default(),
                        text: m.text.to_string(),
                        start: m.start as usize,
                        end: m.end as usize,
                    })
                    .collect()
            })
            .unwrap_or_default();
        mentions.sort();
        let codes = self.actor_codes.get(&id.0).map_or((None, None), |[s, t]| {
            (
                s.as_deref().map(str::to_string),
                t.as_deref().map(str::to_string),
            )
        });
        Some(Event {
            id: format_key(core.key),
            kind: core.kind,
            cameo: super::decode_cameo(core.cameo),
            source_code: codes.0,
            target_code: codes.1,
            when: When {
                start,
                end,
                precision: core.precision,
                value,
                source: core.date_source,
            },
            participants,
            place: self
                .event_place(id)
                .and_then(|p| self.place(p))
                .map(|p| p.name.clone()),
            modality: core.modality,
            mentions,
            confidence: self.confidences.get(&id.0).copied().unwrap_or(1.0),
        })
    }

    /// The documents an event is reported in, sorted by id.
    pub fn event_documents(&self, id: EventId) -> Vec<super::DocumentId> {
        let mut docs: Vec<super::DocumentId> = self
            .mentions
            .get(&id.0)
            .map(|l| l.iter().map(|m| m.doc).collect())
            .unwrap_or_default();
        docs.sort_by(|a, b| {
            let da = self.document(*a).map(|d| d.id.as_str());
            let db = self.document(*b).map(|d| d.id.as_str());
            da.cmp(&db)
        });
        docs.dedup();
        docs
    }

    /// A self-contained subgraph of some events: the events sorted by
    /// date then id, every actor they name and every document they cite.
    pub fn subgraph(&self, events: &[EventId]) -> Subgraph {
        let mut ids = events.to_vec();
        self.sort_events(&mut ids);
        ids.dedup();
        let mut actor_ids = BTreeSet::new();
        let mut doc_ids = BTreeSet::new();
        let mut out_events = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(event) = self.to_event(id) else {
                continue;
            };
            for (a, _) in self.participants(id) {
                actor_ids.insert(a);
            }
            doc_ids.extend(self.event_documents(id));
            out_events.push(event);
        }
        let mut actors: Vec<Actor> = actor_ids
            .into_iter()
            .filter_map(|a| self.actor(a).cloned())
            .collect();
        actors.sort_by(|a, b| a.name.cmp(&b.name));
        let mut documents: Vec<_> = doc_ids
            .into_iter()
            .filter_map(|d| self.document(d).cloned())
            .collect();
        documents.sort_by(|a, b| a.id.cmp(&b.id));
        Subgraph {
            actors,
            events: out_events,
            documents,
        }
    }

    /// The subgraph of the events matching a filter.
    pub fn subgraph_for(&self, filter: &EventFilter) -> Subgraph {
        self.subgraph(&self.events(filter))
    }

    /// Counts of what the graph holds.
    pub fn stats(&self) -> Stats {
        let mut events_by_kind = BTreeMap::new();
        for kind in EventKind::ALL {
            let n = self.by_kind[kind as usize].len();
            if n > 0 {
                events_by_kind.insert(kind.as_str().to_string(), n);
            }
        }
        let mut actors_by_kind = BTreeMap::new();
        for a in self.actor_ids() {
            if let Some(actor) = self.actor(a) {
                *actors_by_kind
                    .entry(actor.kind.as_str().to_string())
                    .or_insert(0) += 1;
            }
        }
        let mut first = None::<i32>;
        let mut last = None::<i32>;
        for node in self.g.node_weights() {
            if let Node::Event(c) = node {
                first = Some(first.map_or(c.start, |f| f.min(c.start)));
                last = Some(last.map_or(c.end, |l| l.max(c.end)));
            }
        }
        let day = |d: Option<i32>| {
            d.and_then(date_of_day_number)
                .map(|d| d.format("%Y-%m-%d").to_string())
        };
        Stats {
            documents: self.documents.len(),
            actors: self.n_actors,
            events: self.n_events,
            participations: self.n_participations,
            places: self.places.len(),
            mentions: self.mentions.values().map(Vec::len).sum(),
            first_date: day(first),
            last_date: day(last),
            events_by_kind,
            actors_by_kind,
        }
    }
}
