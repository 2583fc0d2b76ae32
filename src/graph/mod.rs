//! The in-memory graph (petgraph `StableGraph`) and its indexes; the query API.
//!
//! Nodes are actors and events; a participant edge goes from an actor to an
//! event and carries the actor's [`Role`]. Places, documents, mentions and
//! other strings live in side tables so that an event node stays small
//! (about 48 bytes): a million events, a hundred thousand actors and 2.5
//! million participations fit in well under 200 MB.
//!
//! Indexes: events by kind and time (one interval index per kind, bucketed
//! by span so that month and year events are found by day queries; a query
//! without kinds visits each kind's index), each
//! actor's events sorted by date, actors by normalised name and alias, and
//! events by content key.
//!
//! Ids: [`ActorId`], [`EventId`], [`DocumentId`] and [`PlaceId`] are handles
//! into this graph (stable while the graph lives, also across deletes). The
//! public, content-derived id of an event is its key (see [`event_key`]),
//! printed as `e` and 16 hex digits: the same input gives the same keys
//! whatever the insertion order. No petgraph type appears in this API.
//!
//! Bulk loads go through [`GraphBuilder`]: it appends without sorting and
//! sorts every index once in [`GraphBuilder::build`]. Single inserts and
//! deletes on a [`Graph`] keep every index sorted.
//!
//! ```
//! use eventgraph::{Actor, ActorKind, EventKind, GraphBuilder, NewEvent, Role};
//! let mut builder = GraphBuilder::new();
//! let kerry = builder.add_actor(Actor::new("John Kerry", ActorKind::Person));
//! let lavrov = builder.add_actor(Actor::new("Sergei Lavrov", ActorKind::Person));
//! let parts = [(kerry, Role::Participant), (lavrov, Role::Participant)];
//! builder.add_event(&NewEvent::day(EventKind::Meet, 16159, &parts)).unwrap();
//! let graph = builder.build();
//! let found = graph.events_of_actor(kerry, 16159, 16159);
//! assert_eq!(found.len(), 1);
//! ```

mod affiliation;
mod index;
mod neighborhood;
mod query;

use crate::model::{actor_key_of_normalized, event_key, format_key, KeyInput};
pub use affiliation::Affiliation;
pub use query::{ActorLookup, EventFilter, Meeting, PathStep, Stats};

use crate::model::{
    date_of_day_number, day_number, normalize_name, Actor, DateSource, Document, EventKind,
    Modality, Place, Precision, Role, When,
};
use index::{SortedList, TimeIndex};
use petgraph::stable_graph::{NodeIndex, StableGraph};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::HashMap;

/// An actor of a [`Graph`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorId(u32);

/// An event of a [`Graph`] (a handle; the public id is [`Graph::event_key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventId(u32);

/// A document of a [`Graph`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentId(u32);

/// A place of a [`Graph`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceId(u32);

macro_rules! id_methods {
    ($t:ty) => {
        impl $t {
            /// The dense index of this id.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The id of a dense index (the inverse of `index`); whether
            /// the graph holds it is for the graph's lookups to say.
            #[allow(dead_code)]
            pub(crate) fn from_index(index: usize) -> Option<Self> {
                u32::try_from(index).ok().map(Self)
            }
        }
    };
}
id_methods!(ActorId);
id_methods!(EventId);
id_methods!(DocumentId);
id_methods!(PlaceId);

/// Errors from graph updates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError {
    /// An actor id that is not in the graph (never added, or removed).
    #[error("unknown actor id {0}")]
    UnknownActor(u32),
    /// A place id that is not in the graph.
    #[error("unknown place id {0}")]
    UnknownPlace(u32),
    /// An event id that is not in the graph (never added, or removed).
    #[error("unknown event id {0}")]
    UnknownEvent(u32),
    /// A document id that is not in the graph.
    #[error("unknown document id {0}")]
    UnknownDocument(u32),
    /// A CAMEO code that is not 2 to 4 digits.
    #[error("expected a cameo code of 2 to 4 digits, but found {0:?}")]
    BadCameo(String),
    /// A span whose last day comes before its first.
    #[error("expected the last day ({end}) not to come before the first ({start})")]
    BadSpan {
        /// The first day (a day number).
        start: i32,
        /// The last day (a day number).
        end: i32,
    },
}

/// Values that the reports of a merged event gave and the event did not
/// keep: TIMEX3 values of dates, place names. Sorted.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct EventConflicts {
    /// TIMEX3 values of dates that were not kept.
    pub dates: Vec<String>,
    /// Place names that were not kept.
    pub places: Vec<String>,
    /// A vague report (a coarse date or no place) that fitted this many
    /// occasions equally well and so joined none: it reports one of them,
    /// it is not an occasion of its own. 0 (not serialised) otherwise.
    #[serde(skip_serializing_if = "is_zero")]
    pub alternatives: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// An event to add: days are day numbers (see `model::day_number`).
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    /// What sort of event.
    pub kind: EventKind,
    /// CAMEO code, if any; 2 to 4 digits, surrounding spaces ignored.
    pub cameo: Option<&'a str>,
    /// The CAMEO actor code of the source, if any (not part of the key).
    pub source_code: Option<&'a str>,
    /// The CAMEO actor code of the target, if any (not part of the key).
    pub target_code: Option<&'a str>,
    /// First day, inclusive (a day number).
    pub start: i32,
    /// Last day, inclusive (a day number); not before `start`.
    pub end: i32,
    /// How precisely the date is known.
    pub precision: Precision,
    /// The TIMEX3 value; `None` derives it from the days and precision.
    pub value: Option<&'a str>,
    /// How the date was obtained.
    pub date_source: DateSource,
    /// The actors and their roles. An actor listed twice keeps the first
    /// of source, target, participant.
    pub participants: &'a [(ActorId, Role)],
    /// Where it happened: a place of the same graph.
    pub place: Option<PlaceId>,
    /// Whether it happened, is planned, or only might happen.
    pub modality: Modality,
    /// How sure the extraction is, from 0 to 1.
    pub confidence: f32,
    /// A dataset row id: keeps identical rows apart (part of the key).
    pub external_id: Option<&'a str>,
}

impl<'a> NewEvent<'a> {
    /// An asserted event on one day.
    pub fn day(kind: EventKind, day: i32, participants: &'a [(ActorId, Role)]) -> NewEvent<'a> {
        NewEvent {
            kind,
            cameo: None,
            source_code: None,
            target_code: None,
            start: day,
            end: day,
            precision: Precision::Day,
            value: None,
            date_source: DateSource::Explicit,
            participants,
            place: None,
            modality: Modality::Asserted,
            confidence: 1.0,
            external_id: None,
        }
    }

    /// An asserted event dated by a `When`.
    pub fn dated(
        kind: EventKind,
        when: &'a When,
        participants: &'a [(ActorId, Role)],
    ) -> NewEvent<'a> {
        NewEvent {
            start: day_number(when.start),
            end: day_number(when.end),
            precision: when.precision,
            value: Some(when.value.as_str()),
            date_source: when.source,
            ..NewEvent::day(kind, 0, participants)
        }
    }
}

/// The compact event stored in a node.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EventCore {
    pub(crate) key: u64,
    pub(crate) start: i32,
    pub(crate) end: i32,
    /// The first three participants (all of them are in `overflow` when
    /// there are more).
    actors: [u32; 3],
    /// `PlaceId + 1`, or 0.
    place: u32,
    /// See [`encode_cameo`]; 0 for none.
    cameo: u16,
    pub(crate) kind: EventKind,
    pub(crate) modality: Modality,
    pub(crate) precision: Precision,
    pub(crate) date_source: DateSource,
    n_participants: u8,
    /// Two bits per inline participant.
    roles: u8,
}

#[derive(Debug, Clone)]
enum Node {
    Actor(ActorId),
    Event(EventCore),
}

#[derive(Debug, Clone)]
struct ActorSlot {
    actor: Actor,
    node: NodeIndex<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct MentionRec {
    doc: DocumentId,
    start: u32,
    end: u32,
    text: Box<str>,
}

#[derive(Debug, Clone)]
struct PlaceSlot {
    place: Place,
    norm: String,
}

/// The event graph with its indexes.
#[derive(Debug, Clone)]
pub struct Graph {
    g: StableGraph<Node, Role, petgraph::Directed, u32>,
    actors: Vec<Option<ActorSlot>>,
    n_actors: usize,
    /// Per actor: its key and node index (`u32::MAX` once removed); kept
    /// apart from the actor records so that bulk loads stay in cache.
    actor_hot: Vec<(u64, u32)>,
    /// Per actor: `(start_day, event)` sorted.
    actor_events: Vec<SortedList>,
    /// Normalised name or alias → actors, sorted.
    names: HashMap<String, Vec<ActorId>>,
    by_kind: Vec<TimeIndex>,
    /// Events sorted by `(key, id)` (empty during a bulk load).
    keys: Vec<u32>,
    overflow: HashMap<u32, Vec<(ActorId, Role)>>,
    values: HashMap<u32, Box<str>>,
    /// Values that reports of a merged event gave and it did not keep.
    conflicts: HashMap<u32, Box<EventConflicts>>,
    confidences: HashMap<u32, f32>,
    /// The source's and the target's CAMEO actor codes, of the events
    /// that have any.
    actor_codes: HashMap<u32, [Option<Box<str>>; 2]>,
    mentions: HashMap<u32, Vec<MentionRec>>,
    documents: Vec<Document>,
    document_ids: HashMap<String, DocumentId>,
    places: Vec<PlaceSlot>,
    place_ids: HashMap<String, PlaceId>,
    n_events: usize,
    n_participations: usize,
    bulk: bool,
    scratch_parts: Vec<(ActorId, Role)>,
    scratch_keys: Vec<(u64, Role)>,
}

impl Default for Graph {
    fn default() -> Self {
        Graph::new()
    }
}

/// Encodes a CAMEO code (2 to 4 digits) in 16 bits, keeping leading zeros.
fn encode_cameo(code: &str) -> Option<u16> {
    let code = code.trim();
    if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: u16 = code.parse().ok()?;
    Some(code.len() as u16 * 10_000 + number)
}

fn decode_cameo(value: u16) -> Option<String> {
    if value == 0 {
        return None;
    }
    let len = (value / 10_000) as usize;
    Some(format!("{:0len$}", value % 10_000, len = len))
}

fn role_bits(role: Role) -> u8 {
    match role {
        Role::Source => 0,
        Role::Target => 1,
        Role::Participant => 2,
    }
}

fn role_of_bits(bits: u8) -> Role {
    match bits & 3 {
        0 => Role::Source,
        1 => Role::Target,
        _ => Role::Participant,
    }
}

/// The TIMEX3 value a span has when none is stored.
fn derived_value(start: i32, end: i32, precision: Precision) -> String {
    let (Some(first), Some(last)) = (date_of_day_number(start), date_of_day_number(end)) else {
        return String::new();
    };
    match precision {
        Precision::Month => first.format("%Y-%m").to_string(),
        Precision::Year => first.format("%Y").to_string(),
        _ if first == last => first.format("%Y-%m-%d").to_string(),
        _ => format!("{}/{}", first.format("%Y-%m-%d"), last.format("%Y-%m-%d")),
    }
}

/// Whether `value` is what [`derived_value`] gives, checked without
/// formatting for the common one-day case (the bulk path).
fn is_derived_value(value: &str, start: i32, end: i32, precision: Precision) -> bool {
    use chrono::Datelike;
    if start == end && value.len() == 10 && !matches!(precision, Precision::Month | Precision::Year)
    {
        let Some(day) = date_of_day_number(start) else {
            return false;
        };
        let b = value.as_bytes();
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        return b[4] == b'-'
            && b[7] == b'-'
            && num(0..4) == u32::try_from(day.year()).ok()
            && num(5..7) == Some(day.month())
            && num(8..10) == Some(day.day());
    }
    value == derived_value(start, end, precision)
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Graph {
        Graph {
            g: StableGraph::default(),
            actors: Vec::new(),
            n_actors: 0,
            actor_hot: Vec::new(),
            actor_events: Vec::new(),
            names: HashMap::new(),
            by_kind: (0..EventKind::ALL.len())
                .map(|_| TimeIndex::new())
                .collect(),
            keys: Vec::new(),
            overflow: HashMap::new(),
            values: HashMap::new(),
            conflicts: HashMap::new(),
            confidences: HashMap::new(),
            actor_codes: HashMap::new(),
            mentions: HashMap::new(),
            documents: Vec::new(),
            document_ids: HashMap::new(),
            places: Vec::new(),
            place_ids: HashMap::new(),
            n_events: 0,
            n_participations: 0,
            bulk: false,
            scratch_parts: Vec::new(),
            scratch_keys: Vec::new(),
        }
    }

    /// Reserves room for more actors, events and participations.
    pub fn reserve(&mut self, n_actors: usize, n_events: usize, n_participations: usize) {
        if self.g.node_count() == 0 && self.g.edge_count() == 0 {
            // petgraph 0.6's StableGraph can only reserve when created.
            self.g = StableGraph::with_capacity(n_actors + n_events, n_participations);
        }
        self.actors.reserve(n_actors);
        self.actor_hot.reserve(n_actors);
        self.actor_events.reserve(n_actors);
        self.names.reserve(n_actors);
        if !self.bulk {
            self.keys.reserve(n_events);
        }
    }

    // ----- actors -----

    /// Adds an actor, or merges it into the actor with the same normalised
    /// canonical name (aliases, titles and missing fields are added).
    pub fn add_actor(&mut self, actor: Actor) -> ActorId {
        let norm = normalize_name(&actor.name);
        if let Some(existing) = self.actor_by_canonical(&norm) {
            self.merge_actor_fields(existing, actor);
            return existing;
        }
        let id = ActorId(self.actors.len() as u32);
        let node = self.g.add_node(Node::Actor(id));
        let key = actor_key_of_normalized(&norm);
        let aliases: Vec<String> = actor.aliases.iter().map(|a| normalize_name(a)).collect();
        self.actor_hot.push((key, node.index() as u32));
        self.actor_events.push(SortedList::new());
        self.actors.push(Some(ActorSlot { actor, node }));
        self.n_actors += 1;
        self.index_name(norm, id);
        for alias in aliases {
            self.index_name(alias, id);
        }
        id
    }

    fn index_name(&mut self, norm: String, id: ActorId) {
        if norm.is_empty() {
            return;
        }
        let ids = self.names.entry(norm).or_default();
        if let Err(pos) = ids.binary_search(&id) {
            ids.insert(pos, id);
        }
    }

    fn actor_by_canonical(&self, norm: &str) -> Option<ActorId> {
        self.names.get(norm)?.iter().copied().find(|&id| {
            self.actor(id)
                .is_some_and(|a| normalize_name(&a.name) == norm)
        })
    }

    fn merge_actor_fields(&mut self, id: ActorId, actor: Actor) {
        let mut new_names = Vec::new();
        if let Some(Some(slot)) = self.actors.get_mut(id.index()) {
            let existing = &mut slot.actor;
            for alias in actor.aliases {
                if alias != existing.name && !existing.aliases.contains(&alias) {
                    new_names.push(normalize_name(&alias));
                    existing.aliases.push(alias);
                }
            }
            if actor.name != existing.name && !existing.aliases.contains(&actor.name) {
                existing.aliases.push(actor.name);
            }
            if !actor.titles.is_empty() {
                let titles = std::mem::take(&mut existing.titles);
                existing.titles =
                    crate::model::merge_titles(titles.into_iter().chain(actor.titles));
            }
            if existing.affiliation.is_none() {
                existing.affiliation = actor.affiliation;
            }
            if existing.country.is_none() {
                existing.country = actor.country;
            }
        }
        for name in new_names {
            self.index_name(name, id);
        }
    }

    /// Adds an alias to an actor.
    pub fn add_alias(&mut self, id: ActorId, alias: &str) -> Result<(), GraphError> {
        let slot = self
            .actors
            .get_mut(id.index())
            .and_then(Option::as_mut)
            .ok_or(GraphError::UnknownActor(id.0))?;
        if slot.actor.name != alias && !slot.actor.aliases.iter().any(|a| a == alias) {
            slot.actor.aliases.push(alias.to_string());
        }
        self.index_name(normalize_name(alias), id);
        Ok(())
    }

    /// The actor of an id, if it exists.
    pub fn actor(&self, id: ActorId) -> Option<&Actor> {
        self.actors
            .get(id.index())
            .and_then(Option::as_ref)
            .map(|s| &s.actor)
    }

    /// Every actor id, in id order.
    pub fn actor_ids(&self) -> impl Iterator<Item = ActorId> + '_ {
        self.actors
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_some())
            .map(|(i, _)| ActorId(i as u32))
    }

    /// Actors whose normalised name or alias is exactly `name` normalised.
    pub fn actors_named(&self, name: &str) -> &[ActorId] {
        self.names
            .get(&normalize_name(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Removes an actor and its participations; its events stay with their
    /// other participants (and get new keys).
    pub fn remove_actor(&mut self, id: ActorId) -> Result<(), GraphError> {
        self.ensure_indexed();
        if self.actor(id).is_none() {
            return Err(GraphError::UnknownActor(id.0));
        }
        let events: Vec<u32> = self.actor_events[id.index()].entries.clone();
        for event in events {
            let old = self.participants(EventId(event));
            let kept: Vec<(ActorId, Role)> = old.into_iter().filter(|p| p.0 != id).collect();
            self.replace_participants(EventId(event), &kept)?;
        }
        let Some(slot) = self.actors[id.index()].take() else {
            return Err(GraphError::UnknownActor(id.0));
        };
        self.g.remove_node(slot.node);
        self.actor_hot[id.index()] = (0, u32::MAX);
        for name in slot.actor.names().map(normalize_name) {
            if let Some(ids) = self.names.get_mut(&name) {
                ids.retain(|&x| x != id);
                if ids.is_empty() {
                    self.names.remove(&name);
                }
            }
        }
        self.n_actors -= 1;
        Ok(())
    }

    // ----- places and documents -----

    /// Adds a place, or returns the place with the same normalised name
    /// (filling its missing fields).
    pub fn add_place(&mut self, place: Place) -> PlaceId {
        let norm = normalize_name(&place.name);
        if let Some(&id) = self.place_ids.get(&norm) {
            let slot = &mut self.places[id.index()].place;
            if slot.country.is_none() {
                slot.country = place.country;
            }
            if slot.lat.is_none() {
                slot.lat = place.lat;
                slot.lon = place.lon;
            }
            return id;
        }
        let id = PlaceId(self.places.len() as u32);
        self.place_ids.insert(norm.clone(), id);
        self.places.push(PlaceSlot { place, norm });
        id
    }

    /// A place by id.
    pub fn place(&self, id: PlaceId) -> Option<&Place> {
        self.places.get(id.index()).map(|s| &s.place)
    }

    /// A place by name (normalised).
    pub fn place_named(&self, name: &str) -> Option<PlaceId> {
        self.place_ids.get(&normalize_name(name)).copied()
    }

    /// Adds a document, or returns the one with the same id.
    pub fn add_document(&mut self, document: Document) -> DocumentId {
        if let Some(&id) = self.document_ids.get(&document.id) {
            return id;
        }
        let id = DocumentId(self.documents.len() as u32);
        self.document_ids.insert(document.id.clone(), id);
        self.documents.push(document);
        id
    }

    /// A document by id.
    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        self.documents.get(id.index())
    }

    /// A document by its string id.
    pub fn document_named(&self, id: &str) -> Option<DocumentId> {
        self.document_ids.get(id).copied()
    }

    // ----- events -----

    /// The key [`Graph::add_event`] gives `event` and its encoded CAMEO
    /// code, with its participants as the graph keeps them in `parts` (one
    /// role per actor: the first of source, target, participant; sorted
    /// by actor) and their actor keys in `keyed`.
    fn key_parts(
        &self,
        event: &NewEvent<'_>,
        parts: &mut Vec<(ActorId, Role)>,
        keyed: &mut Vec<(u64, Role)>,
    ) -> Result<(u64, u16), GraphError> {
        if event.end < event.start {
            return Err(GraphError::BadSpan {
                start: event.start,
                end: event.end,
            });
        }
        let cameo = match event.cameo {
            Some(code) => encode_cameo(code).ok_or_else(|| GraphError::BadCameo(code.into()))?,
            None => 0,
        };
        parts.clear();
        keyed.clear();
        parts.extend_from_slice(event.participants);
        // One role per actor: the first of source, target, participant.
        parts.sort_unstable();
        parts.dedup_by_key(|p| p.0);
        for &(actor, role) in parts.iter() {
            let hot = self
                .actor_hot
                .get(actor.index())
                .filter(|h| h.1 != u32::MAX)
                .ok_or(GraphError::UnknownActor(actor.0))?;
            keyed.push((hot.0, role));
        }
        let place_norm = match event.place {
            Some(p) => Some(
                self.places
                    .get(p.index())
                    .ok_or(GraphError::UnknownPlace(p.0))?
                    .norm
                    .as_str(),
            ),
            None => None,
        };
        let key = event_key(&KeyInput {
            kind: event.kind,
            cameo: event.cameo.map(str::trim),
            start: event.start,
            end: event.end,
            precision: event.precision,
            participants: keyed,
            place: place_norm,
            external_id: event.external_id,
        });
        Ok((key, cameo))
    }

    /// The key [`Graph::add_event`] would give `event`, without adding it,
    /// with its participants as the graph would keep them in `parts` (one
    /// role per actor, sorted by actor): what a listing of events that
    /// are not in the graph prints (`keyed` is scratch space). The same
    /// errors as `add_event`.
    pub fn event_key_of(
        &self,
        event: &NewEvent<'_>,
        parts: &mut Vec<(ActorId, Role)>,
        keyed: &mut Vec<(u64, Role)>,
    ) -> Result<u64, GraphError> {
        self.key_parts(event, parts, keyed).map(|(key, _)| key)
    }

    /// Adds an event. Outside a bulk load, an event whose key is already in
    /// the graph is not added again: its id is returned.
    pub fn add_event(&mut self, event: &NewEvent<'_>) -> Result<EventId, GraphError> {
        // Scratch buffers: no allocation per event on the bulk path.
        let mut parts = std::mem::take(&mut self.scratch_parts);
        let mut keyed = std::mem::take(&mut self.scratch_keys);
        let computed = self.key_parts(event, &mut parts, &mut keyed);
        let (key, cameo) = match computed {
            Ok(found) => found,
            Err(e) => {
                self.scratch_parts = parts;
                self.scratch_keys = keyed;
                return Err(e);
            }
        };
        if !self.bulk {
            if let Some(existing) = self.event_by_key(key) {
                self.scratch_parts = parts;
                self.scratch_keys = keyed;
                return Ok(existing);
            }
        }
        let mut core = EventCore {
            key,
            start: event.start,
            end: event.end,
            actors: [0; 3],
            place: event.place.map_or(0, |p| p.0 + 1),
            cameo,
            kind: event.kind,
            modality: event.modality,
            precision: event.precision,
            date_source: event.date_source,
            n_participants: parts.len().min(255) as u8,
            roles: 0,
        };
        for (i, &(actor, role)) in parts.iter().take(3).enumerate() {
            core.actors[i] = actor.0;
            core.roles |= role_bits(role) << (2 * i);
        }
        let node = self.g.add_node(Node::Event(core));
        let id = EventId(node.index() as u32);
        for &(actor, role) in &parts {
            let actor_node = NodeIndex::new(self.actor_hot[actor.index()].1 as usize);
            self.g.add_edge(actor_node, node, role);
        }
        if !self.bulk {
            let start_of = start_of(&self.g);
            let mut previous: Option<ActorId> = None;
            for &(actor, _) in &parts {
                // An actor in two roles (a GDELT row with the same actor on
                // both sides) is listed once among its events; `parts` is
                // sorted, so repeats are adjacent.
                if previous == Some(actor) {
                    continue;
                }
                previous = Some(actor);
                self.actor_events[actor.index()].insert(
                    event.start,
                    event.end - event.start,
                    id.0,
                    &start_of,
                );
            }
        }
        if parts.len() > 3 {
            self.overflow.insert(id.0, parts.clone());
        }
        self.n_participations += parts.len();
        self.scratch_parts = parts;
        self.scratch_keys = keyed;
        if let Some(value) = event.value {
            if !is_derived_value(value, event.start, event.end, event.precision) {
                self.values.insert(id.0, value.into());
            }
        }
        if event.confidence != 1.0 {
            self.confidences.insert(id.0, event.confidence);
        }
        if event.source_code.is_some() || event.target_code.is_some() {
            self.actor_codes.insert(
                id.0,
                [
                    event.source_code.map(Into::into),
                    event.target_code.map(Into::into),
                ],
            );
        }
        if !self.bulk {
            let start_of = start_of(&self.g);
            self.by_kind[event.kind as usize].insert(event.start, event.end, id.0, &start_of);
            let pos = self.key_position(key, id.0);
            self.keys.insert(pos, id.0);
        }
        self.n_events += 1;
        Ok(id)
    }

    /// Attaches a mention (document, evidence text, byte span) to an event;
    /// an identical mention is not added twice.
    pub fn add_mention(
        &mut self,
        event: EventId,
        document: DocumentId,
        text: &str,
        start: usize,
        end: usize,
    ) -> Result<(), GraphError> {
        self.core(event).ok_or(GraphError::UnknownEvent(event.0))?;
        if document.index() >= self.documents.len() {
            return Err(GraphError::UnknownDocument(document.0));
        }
        let rec = MentionRec {
            doc: document,
            start: start.min(u32::MAX as usize) as u32,
            end: end.min(u32::MAX as usize) as u32,
            text: text.into(),
        };
        let list = self.mentions.entry(event.0).or_default();
        if let Err(pos) = list.binary_search(&rec) {
            list.insert(pos, rec);
        }
        Ok(())
    }

    /// Records the values the reports of a merged event gave and the event
    /// did not keep (see `resolve::merge_reports`); empty lists clear them.
    pub fn set_conflicts(
        &mut self,
        event: EventId,
        conflicts: EventConflicts,
    ) -> Result<(), GraphError> {
        self.core(event).ok_or(GraphError::UnknownEvent(event.0))?;
        if conflicts.dates.is_empty() && conflicts.places.is_empty() && conflicts.alternatives == 0
        {
            self.conflicts.remove(&event.0);
        } else {
            self.conflicts.insert(event.0, Box::new(conflicts));
        }
        Ok(())
    }

    /// The values reports gave that a merged event did not keep, if any.
    pub fn conflicts(&self, event: EventId) -> Option<&EventConflicts> {
        self.conflicts.get(&event.0).map(|c| &**c)
    }

    /// Removes an event with its participations and mentions.
    pub fn remove_event(&mut self, id: EventId) -> Result<(), GraphError> {
        self.ensure_indexed();
        let core = *self.core(id).ok_or(GraphError::UnknownEvent(id.0))?;
        let parts = self.participants(id);
        {
            let start_of = start_of(&self.g);
            for (actor, _) in &parts {
                if let Some(list) = self.actor_events.get_mut(actor.index()) {
                    list.remove(core.start, id.0, &start_of);
                }
            }
            self.by_kind[core.kind as usize].remove(core.start, core.end, id.0, &start_of);
        }
        self.n_participations -= parts.len();
        let pos = self.key_position(core.key, id.0);
        if self.keys.get(pos) == Some(&id.0) {
            self.keys.remove(pos);
        }
        self.overflow.remove(&id.0);
        self.values.remove(&id.0);
        self.conflicts.remove(&id.0);
        self.confidences.remove(&id.0);
        self.actor_codes.remove(&id.0);
        self.mentions.remove(&id.0);
        self.g.remove_node(NodeIndex::new(id.index()));
        self.n_events -= 1;
        Ok(())
    }

    /// Replaces an event's participants and recomputes its key.
    fn replace_participants(
        &mut self,
        id: EventId,
        parts: &[(ActorId, Role)],
    ) -> Result<(), GraphError> {
        let core = *self.core(id).ok_or(GraphError::UnknownEvent(id.0))?;
        let mentions = self.mentions.get(&id.0).cloned().unwrap_or_default();
        let value = self.values.get(&id.0).cloned();
        let confidence = self.confidences.get(&id.0).copied().unwrap_or(1.0);
        let cameo = decode_cameo(core.cameo);
        let [source_code, target_code] = self.actor_codes.get(&id.0).cloned().unwrap_or_default();
        self.remove_event(id)?;
        let new = NewEvent {
            kind: core.kind,
            cameo: cameo.as_deref(),
            source_code: source_code.as_deref(),
            target_code: target_code.as_deref(),
            start: core.start,
            end: core.end,
            precision: core.precision,
            value: value.as_deref(),
            date_source: core.date_source,
            participants: parts,
            place: (core.place > 0).then(|| PlaceId(core.place - 1)),
            modality: core.modality,
            confidence,
            external_id: None,
        };
        let new_id = self.add_event(&new)?;
        for m in mentions {
            self.add_mention(new_id, m.doc, &m.text, m.start as usize, m.end as usize)?;
        }
        Ok(())
    }

    pub(crate) fn core(&self, id: EventId) -> Option<&EventCore> {
        match self.g.node_weight(NodeIndex::new(id.index()))? {
            Node::Event(core) => Some(core),
            Node::Actor(_) => None,
        }
    }

    /// Whether the id names an event of this graph.
    pub fn contains_event(&self, id: EventId) -> bool {
        self.core(id).is_some()
    }

    /// The event with a content key.
    pub fn event_by_key(&self, key: u64) -> Option<EventId> {
        debug_assert!(!self.bulk);
        let pos = self.key_position(key, 0);
        self.keys
            .get(pos)
            .filter(|&&e| self.core(EventId(e)).is_some_and(|c| c.key == key))
            .map(|&e| EventId(e))
    }

    /// Where `(key, id)` is or would be in the key index.
    fn key_position(&self, key: u64, id: u32) -> usize {
        self.keys.partition_point(|&e| {
            let k = self.core(EventId(e)).map_or(0, |c| c.key);
            (k, e) < (key, id)
        })
    }

    /// The content key of an event (see [`format_key`] for its text form).
    pub fn event_key(&self, id: EventId) -> Option<u64> {
        self.core(id).map(|c| c.key)
    }

    /// The first and last day of an event.
    pub fn event_days(&self, id: EventId) -> Option<(i32, i32)> {
        self.core(id).map(|c| (c.start, c.end))
    }

    /// The kind of an event.
    pub fn event_kind(&self, id: EventId) -> Option<EventKind> {
        self.core(id).map(|c| c.kind)
    }

    /// The modality of an event (asserted, planned, ...).
    pub fn event_modality(&self, id: EventId) -> Option<Modality> {
        self.core(id).map(|c| c.modality)
    }

    /// The place of an event.
    pub fn event_place(&self, id: EventId) -> Option<PlaceId> {
        self.core(id)
            .filter(|c| c.place > 0)
            .map(|c| PlaceId(c.place - 1))
    }

    /// An event's participants with their roles, sorted by actor id.
    pub fn participants(&self, id: EventId) -> Vec<(ActorId, Role)> {
        if let Some(list) = self.overflow.get(&id.0) {
            return list.clone();
        }
        let Some(core) = self.core(id) else {
            return Vec::new();
        };
        (0..core.n_participants as usize)
            .map(|i| (ActorId(core.actors[i]), role_of_bits(core.roles >> (2 * i))))
            .collect()
    }

    /// Calls `f` with each participant without allocating (hot path).
    pub(crate) fn for_each_participant(
        &self,
        core: &EventCore,
        id: u32,
        mut f: impl FnMut(u32, Role),
    ) {
        if core.n_participants > 3 {
            if let Some(list) = self.overflow.get(&id) {
                for &(a, r) in list {
                    f(a.0, r);
                }
            }
            return;
        }
        for i in 0..core.n_participants as usize {
            f(core.actors[i], role_of_bits(core.roles >> (2 * i)));
        }
    }

    /// Every event id, sorted by first day then key.
    pub fn event_ids(&self) -> Vec<EventId> {
        let mut ids: Vec<EventId> = self
            .g
            .node_indices()
            .filter(|n| matches!(self.g[*n], Node::Event(_)))
            .map(|n| EventId(n.index() as u32))
            .collect();
        self.sort_events(&mut ids);
        ids
    }

    /// Sorts events by first day, then key.
    pub fn sort_events(&self, ids: &mut [EventId]) {
        ids.sort_by_key(|&id| self.core(id).map(|c| (c.start, c.key)));
    }

    /// Number of events.
    pub fn n_events(&self) -> usize {
        self.n_events
    }

    /// Number of actors.
    pub fn n_actors(&self) -> usize {
        self.n_actors
    }

    /// Number of participations (actor–event edges).
    pub fn n_participations(&self) -> usize {
        self.n_participations
    }

    /// Number of documents.
    pub fn n_documents(&self) -> usize {
        self.documents.len()
    }

    /// Number of places.
    pub fn n_places(&self) -> usize {
        self.places.len()
    }

    // ----- bulk loading -----

    /// Builds every index after a bulk load (one pass over the events,
    /// exact capacities, one sort per list) and merges events with equal keys.
    fn ensure_indexed(&mut self) {
        if !self.bulk {
            return;
        }
        self.bulk = false;
        // One pass over the nodes: spans (packed for a fast sort), keys and
        // the number of events of each actor.
        let mut counts = vec![0u32; self.actors.len()];
        let mut spans: Vec<u64> = Vec::new();
        let mut keys: Vec<(u64, u32)> = Vec::new();
        spans.reserve_exact(self.n_events);
        keys.reserve_exact(self.n_events);
        for index in self.g.node_indices() {
            let Node::Event(core) = &self.g[index] else {
                continue;
            };
            let id = index.index() as u32;
            spans.push((u64::from((core.start as u32) ^ 0x8000_0000) << 32) | u64::from(id));
            keys.push((core.key, id));
            if core.n_participants <= 3 {
                for &a in &core.actors[..core.n_participants as usize] {
                    counts[a as usize] += 1;
                }
            }
        }
        for list in self.overflow.values() {
            for (a, _) in list {
                counts[a.index()] += 1;
            }
        }
        // Visiting events in (start, id) order fills every list in order.
        spans.sort_unstable();
        for (list, &n) in self.actor_events.iter_mut().zip(&counts) {
            *list = SortedList::new();
            list.entries.reserve_exact(n as usize);
        }
        drop(counts);
        let mut kind_spans: Vec<(i32, i32, u32, u8)> = Vec::with_capacity(spans.len());
        for &packed in &spans {
            let id = packed as u32;
            let Node::Event(core) = &self.g[NodeIndex::new(id as usize)] else {
                continue;
            };
            kind_spans.push((core.start, core.end, id, core.kind as u8));
            let span = core.end - core.start;
            let lists = &mut self.actor_events;
            let mut add = |a: u32| {
                if let Some(list) = lists.get_mut(a as usize) {
                    // The same actor in two roles of one event: list it once.
                    if list.entries.last() != Some(&id) {
                        list.push_sorted(span, id);
                    }
                }
            };
            if core.n_participants > 3 {
                for (a, _) in self.overflow.get(&id).map(Vec::as_slice).unwrap_or(&[]) {
                    add(a.0);
                }
            } else {
                for &a in &core.actors[..core.n_participants as usize] {
                    add(a);
                }
            }
        }
        drop(spans);
        self.by_kind = TimeIndex::by_kind(&kind_spans, EventKind::ALL.len());
        drop(kind_spans);
        keys.sort_unstable();
        let mut duplicates = Vec::new();
        for pair in keys.windows(2) {
            if pair[0].0 == pair[1].0 {
                duplicates.push((pair[0].1, pair[1].1));
            }
        }
        self.keys = keys.into_iter().map(|k| k.1).collect();
        // Keep the first of each run of equal keys; move mentions onto it.
        let mut keep_of: HashMap<u32, u32> = HashMap::new();
        for (first, dup) in duplicates {
            let keep = *keep_of.get(&first).unwrap_or(&first);
            keep_of.insert(dup, keep);
            if let Some(moved) = self.mentions.remove(&dup) {
                let list = self.mentions.entry(keep).or_default();
                list.extend(moved);
                list.sort();
                list.dedup();
            }
            let _ = self.remove_event(EventId(dup));
        }
    }

    /// Checks that every index agrees with the graph (for tests): returns
    /// the first inconsistency found.
    pub fn check_consistency(&self) -> Result<(), String> {
        if self.bulk {
            return Err("graph still in bulk mode".into());
        }
        let events: Vec<EventId> = self.event_ids();
        if events.len() != self.n_events {
            return Err(format!(
                "{} event nodes, counter {}",
                events.len(),
                self.n_events
            ));
        }
        let kind_total: usize = self.by_kind.iter().map(TimeIndex::len).sum();
        if !self.keys.windows(2).all(|w| {
            let k = |e: u32| self.core(EventId(e)).map(|c| c.key);
            (k(w[0]), w[0]) < (k(w[1]), w[1])
        }) {
            return Err("key index not sorted".into());
        }
        if kind_total != self.n_events || self.keys.len() != self.n_events {
            return Err("kind or key index size differs from the event count".into());
        }
        let mut n_parts = 0;
        for &id in &events {
            let core = self.core(id).ok_or("missing core")?;
            let parts = self.participants(id);
            n_parts += parts.len();
            let mut edges: Vec<(ActorId, Role)> = self
                .g
                .edges_directed(NodeIndex::new(id.index()), Direction::Incoming)
                .map(|e| match &self.g[e.source()] {
                    Node::Actor(a) => Ok((*a, *e.weight())),
                    Node::Event(_) => Err("edge from an event".to_string()),
                })
                .collect::<Result<_, _>>()?;
            edges.sort_unstable();
            if edges != parts {
                return Err(format!("edges of {} differ from its participants", id.0));
            }
            for (actor, _) in &parts {
                self.actors[actor.index()]
                    .as_ref()
                    .ok_or("dangling actor")?;
                if !self.actor_events[actor.index()].entries.contains(&id.0) {
                    return Err(format!("event {} missing from actor {}", id.0, actor.0));
                }
            }
            if self.event_by_key(core.key) != Some(id) {
                return Err(format!("key index does not find event {}", id.0));
            }
            let mut found = false;
            self.by_kind[core.kind as usize].for_each_candidate(
                core.start,
                core.start,
                &start_of(&self.g),
                |e| found |= e == id.0,
            );
            if !found {
                return Err(format!("time index does not find event {}", id.0));
            }
        }
        if n_parts != self.n_participations {
            return Err("participation counter differs".into());
        }
        for (i, slot) in self.actors.iter().enumerate() {
            let Some(slot) = slot else { continue };
            let list = &self.actor_events[i];
            check_list(list, &start_of(&self.g))?;
            for &e in &list.entries {
                self.core(EventId(e))
                    .ok_or("actor index names a removed event")?;
            }
            // Distinct events: an actor in two roles of one event has two
            // edges to it and one index entry.
            let mut targets: Vec<usize> = self
                .g
                .edges_directed(slot.node, Direction::Outgoing)
                .map(|e| e.target().index())
                .collect();
            targets.sort_unstable();
            targets.dedup();
            let n_edges = targets.len();
            if n_edges != list.len() {
                return Err(format!(
                    "actor {i} has {n_edges} edges but {} indexed events",
                    list.len()
                ));
            }
            for name in slot.actor.names() {
                let norm = normalize_name(name);
                if !norm.is_empty()
                    && !self
                        .names
                        .get(&norm)
                        .is_some_and(|ids| ids.contains(&ActorId(i as u32)))
                {
                    return Err(format!("name index misses {name:?}"));
                }
            }
        }
        for (k, index) in self.by_kind.iter().enumerate() {
            for list in index.lists() {
                check_list(list, &start_of(&self.g))?;
                for &e in &list.entries {
                    let core = self
                        .core(EventId(e))
                        .ok_or("time index names a removed event")?;
                    if core.kind as usize != k || core.end - core.start > list.max_span {
                        return Err("time index has a wrong kind or span".into());
                    }
                }
            }
        }
        Ok(())
    }
}

/// The first day of an event node, for the indexes (`i32::MIN` for a
/// missing node, which a consistent index never holds).
fn start_of(g: &StableGraph<Node, Role, petgraph::Directed, u32>) -> impl Fn(u32) -> i32 + '_ {
    move |e| match g.node_weight(NodeIndex::new(e as usize)) {
        Some(Node::Event(core)) => core.start,
        _ => i32::MIN,
    }
}

/// Checks that a list is strictly sorted by `(first day, id)`.
fn check_list(list: &SortedList, start_of: &impl Fn(u32) -> i32) -> Result<(), String> {
    if list
        .entries
        .windows(2)
        .all(|w| (start_of(w[0]), w[0]) < (start_of(w[1]), w[1]))
    {
        Ok(())
    } else {
        Err("an index list is not sorted by (day, id)".into())
    }
}

/// Bulk loading: appends without keeping indexes sorted, then sorts them once.
///
/// Events with equal keys are merged in [`GraphBuilder::build`].
#[derive(Debug, Default)]
pub struct GraphBuilder {
    graph: Graph,
}

impl GraphBuilder {
    /// An empty builder.
    pub fn new() -> GraphBuilder {
        let mut graph = Graph::new();
        graph.bulk = true;
        GraphBuilder { graph }
    }

    /// Continues loading into an existing graph.
    pub fn from_graph(mut graph: Graph) -> GraphBuilder {
        graph.bulk = true;
        GraphBuilder { graph }
    }

    /// Reserves room (see [`Graph::reserve`]).
    pub fn reserve(&mut self, n_actors: usize, n_events: usize, n_participations: usize) {
        self.graph.reserve(n_actors, n_events, n_participations);
    }

    /// See [`Graph::add_actor`].
    pub fn add_actor(&mut self, actor: Actor) -> ActorId {
        self.graph.add_actor(actor)
    }

    /// See [`Graph::add_alias`].
    pub fn add_alias(&mut self, id: ActorId, alias: &str) -> Result<(), GraphError> {
        self.graph.add_alias(id, alias)
    }

    /// See [`Graph::add_place`].
    pub fn add_place(&mut self, place: Place) -> PlaceId {
        self.graph.add_place(place)
    }

    /// See [`Graph::add_document`].
    pub fn add_document(&mut self, document: Document) -> DocumentId {
        self.graph.add_document(document)
    }

    /// Adds an event (duplicates are merged in [`GraphBuilder::build`]).
    pub fn add_event(&mut self, event: &NewEvent<'_>) -> Result<EventId, GraphError> {
        self.graph.add_event(event)
    }

    /// See [`Graph::set_conflicts`].
    pub fn set_conflicts(
        &mut self,
        event: EventId,
        conflicts: EventConflicts,
    ) -> Result<(), GraphError> {
        self.graph.set_conflicts(event, conflicts)
    }

    /// See [`Graph::add_mention`].
    pub fn add_mention(
        &mut self,
        event: EventId,
        document: DocumentId,
        text: &str,
        start: usize,
        end: usize,
    ) -> Result<(), GraphError> {
        self.graph.add_mention(event, document, text, start, end)
    }

    /// The graph being built (its indexes are not sorted yet).
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// Sorts every index and returns the graph.
    pub fn build(mut self) -> Graph {
        self.graph.ensure_indexed();
        self.graph
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActorKind;

    fn person(name: &str) -> Actor {
        Actor::new(name, ActorKind::Person)
    }

    #[test]
    fn derived_values_are_recognised() {
        let day = crate::model::day_number(chrono::NaiveDate::from_ymd_opt(2014, 3, 30).unwrap());
        assert!(is_derived_value("2014-03-30", day, day, Precision::Day));
        assert!(!is_derived_value("2014-03-31", day, day, Precision::Day));
        assert!(!is_derived_value("2014-03-3x", day, day, Precision::Day));
        assert!(!is_derived_value(
            "2014-03-30TMO",
            day,
            day,
            Precision::PartOfDay
        ));
        assert!(is_derived_value(
            "2014-03",
            day - 29,
            day + 1,
            Precision::Month
        ));
    }

    #[test]
    fn cameo_codes_keep_leading_zeros() {
        for code in ["04", "042", "0871", "20", "192"] {
            assert_eq!(
                decode_cameo(encode_cameo(code).unwrap()).as_deref(),
                Some(code)
            );
        }
        assert_eq!(encode_cameo("x"), None);
        assert_eq!(encode_cameo("12345"), None);
    }

    #[test]
    fn same_content_gives_the_same_event() {
        let mut g = Graph::new();
        let a = g.add_actor(person("A"));
        let b = g.add_actor(person("B"));
        let e1 = g
            .add_event(&NewEvent::day(
                EventKind::Meet,
                5,
                &[(a, Role::Participant), (b, Role::Participant)],
            ))
            .unwrap();
        let e2 = g
            .add_event(&NewEvent::day(
                EventKind::Meet,
                5,
                &[(b, Role::Participant), (a, Role::Participant)],
            ))
            .unwrap();
        assert_eq!(e1, e2);
        assert_eq!(g.n_events(), 1);
        g.check_consistency().unwrap();
    }

    #[test]
    fn bulk_duplicates_merge_on_build() {
        let mut b = GraphBuilder::new();
        let a = b.add_actor(person("A"));
        let doc = b.add_document(Document {
            id: "d".into(),
            ..Document::default()
        });
        let e1 = b
            .add_event(&NewEvent::day(EventKind::Call, 3, &[(a, Role::Source)]))
            .unwrap();
        let e2 = b
            .add_event(&NewEvent::day(EventKind::Call, 3, &[(a, Role::Source)]))
            .unwrap();
        b.add_mention(e2, doc, "x", 0, 1).unwrap();
        let g = b.build();
        assert_eq!(g.n_events(), 1);
        assert!(g.contains_event(e1));
        assert_eq!(g.to_event(e1).unwrap().mentions.len(), 1);
        g.check_consistency().unwrap();
    }

    #[test]
    fn removing_an_actor_rekeys_its_events() {
        let mut g = Graph::new();
        let a = g.add_actor(person("A"));
        let b = g.add_actor(person("B"));
        g.add_event(&NewEvent::day(
            EventKind::Meet,
            5,
            &[(a, Role::Participant), (b, Role::Participant)],
        ))
        .unwrap();
        g.remove_actor(b).unwrap();
        assert_eq!(g.n_events(), 1);
        assert_eq!(g.n_participations(), 1);
        g.check_consistency().unwrap();
    }

    #[test]
    fn many_participants_overflow() {
        let mut g = Graph::new();
        let ids: Vec<(ActorId, Role)> = (0..5)
            .map(|i| (g.add_actor(person(&format!("P{i}"))), Role::Participant))
            .collect();
        let e = g
            .add_event(&NewEvent::day(EventKind::Meet, 1, &ids))
            .unwrap();
        assert_eq!(g.participants(e).len(), 5);
        assert_eq!(g.meeting_pairs(e).len(), 10);
        g.remove_event(e).unwrap();
        g.check_consistency().unwrap();
    }
}
