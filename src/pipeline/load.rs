//! `load`: the store's rows into a [`Graph`]. The store hands out model
//! values ([`Store::scan`]); here the actors are resolved over the whole
//! set (`resolve::resolve_actors`), the article reports merged into
//! occasions (`resolve::EventMerger`), and the graph built in bulk
//! ([`GraphBuilder`]).

use crate::graph::{
    ActorId, DocumentId, EventConflicts, EventId, Graph, GraphBuilder, GraphError, NewEvent,
    PlaceId,
};
use crate::model::{
    date_of_day_number, day_number, normalize_name, ActorKind, Document, Event, EventKind, Mention,
    Participant, Place, Role, When,
};
use crate::resolve::{resolve_actors, ActorInput, EventMerger};
use crate::store::{self, RowSink, Store, StoredActor, StoredEvent, TableSizes};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Why a store could not be loaded into a graph.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// Reading the store failed, or a stored value is not valid.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// Building the graph from the stored rows failed.
    #[error(transparent)]
    Graph(#[from] GraphError),
}

/// Loads the whole store into a graph: actors resolved, article reports
/// merged into one event per occasion, dataset rows as they are.
pub fn load(store: &Store) -> Result<Graph, LoadError> {
    let mut loader = Loader::default();
    store.scan(&mut loader)?;
    loader.finish()
}

/// The graph a query over the days `from..=to` (day numbers) needs: the
/// same as [`load`]'s for every event overlapping those days, with every
/// actor and place. A store of dataset rows only (nothing to merge across
/// documents) is read through its day index, only the events of the window
/// and their documents; any other store is loaded whole.
pub fn load_days(store: &Store, from: i32, to: i32) -> Result<Graph, LoadError> {
    if !store.only_dataset_rows()? {
        return load(store);
    }
    let mut loader = Loader::default();
    store.scan_days(&mut loader, from, to)?;
    loader.finish()
}

/// The graph a query about the actors `names` (looked up as
/// [`Graph::lookup_actor`] does) over the days `from..=to` needs: every
/// actor and place, and the events overlapping those days in which one of
/// the named actors takes part, as [`load`] gives them. A store of dataset
/// rows only is read through its actor and day indexes; any other store is
/// loaded as [`load_days`] does. A name that finds no actor, or several,
/// adds nothing (the lookup on the graph returned says so, as on the
/// whole graph: it depends on the actors only).
pub fn load_actor_days(
    store: &Store,
    names: &[&str],
    from: i32,
    to: i32,
) -> Result<Graph, LoadError> {
    load_window(store, names, from, to, &[])
}

/// [`load_days`] (no `names`) or [`load_actor_days`] further restricted,
/// when `kinds` is not empty, to the events of those kinds: the graph a
/// query that keeps only those kinds needs (a store of dataset rows only
/// reads only them). A name that finds several actors loads the whole
/// store: which one a query takes depends on every actor's events.
pub fn load_window(
    store: &Store,
    names: &[&str],
    from: i32,
    to: i32,
    kinds: &[EventKind],
) -> Result<Graph, LoadError> {
    if !store.only_dataset_rows()? {
        return load(store);
    }
    let mut loader = Loader::default();
    if names.is_empty() {
        store.scan_window(&mut loader, from, to, None, kinds)?;
        return loader.finish();
    }
    // the actors alone, to look the names up
    let mut actors_only = Loader::default();
    store.scan_actors(&mut actors_only)?;
    let Some(rows) = actors_only.rows_of_names(names) else {
        return load(store);
    };
    store.scan_window(&mut loader, from, to, Some(&rows), kinds)?;
    loader.finish()
}

/// An event of a listing read without the graph ([`list_days`]): what
/// the events table prints of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedRow {
    /// First day (a day number).
    pub start: i32,
    /// Last day.
    pub end: i32,
    /// What sort of event.
    pub kind: EventKind,
    /// Whether it happened.
    pub modality: crate::model::Modality,
    /// The content key the loaded graph gives it.
    pub key: u64,
    /// Its actors with their roles, as the graph keeps them (one role per
    /// actor, sorted by actor).
    pub participants: Vec<(ActorId, Role)>,
    /// Its place.
    pub place: Option<PlaceId>,
    /// The number of documents that report it.
    pub sources: usize,
}

/// The events overlapping the days `from..=to` (of `kinds` when it is not
/// empty) as [`load_window`]'s graph lists them (`Graph::events`: sorted
/// by first day, then key), read without building a graph of them: the
/// rows of the days as ranges ([`Store::list_days`]), each event's key
/// computed as the graph computes it over the resolved actors. Returned
/// with the graph of the actors and places alone, which names them.
/// `None` when the store cannot list them that way (it holds articles,
/// or its rows are not clustered by day): load the window then.
pub fn list_days(
    store: &Store,
    from: i32,
    to: i32,
    kinds: &[EventKind],
) -> Result<Option<(Graph, Vec<ListedRow>)>, LoadError> {
    let mut actors_only = Loader::default();
    store.scan_actors(&mut actors_only)?;
    let mut out: Vec<(i64, ListedRow)> = Vec::new();
    let mut resolved: Vec<(ActorId, Role)> = Vec::new();
    let mut parts: Vec<(ActorId, Role)> = Vec::new();
    let mut keyed: Vec<(u64, Role)> = Vec::new();
    let mut documents: Vec<i64> = Vec::new();
    let listed = store.list_days(
        from,
        to,
        kinds,
        |event: &store::ListedEvent<'_>| -> Result<(), LoadError> {
            resolved.clear();
            for &(actor_row, role) in event.participants {
                let actor = *actors_only
                    .actor_of_row
                    .get(&actor_row)
                    .ok_or_else(|| bad("participants", "actor_id", &actor_row.to_string()))?;
                resolved.push((actor, role));
            }
            let place = event
                .place
                .and_then(|p| actors_only.place_of_row.get(&p).copied());
            let new = NewEvent {
                kind: event.kind,
                cameo: event.cameo,
                source_code: None,
                target_code: None,
                start: event.start,
                end: event.end,
                precision: event.precision,
                value: None,
                date_source: crate::model::DateSource::Explicit,
                participants: &resolved,
                place,
                modality: event.modality,
                confidence: 1.0,
                external_id: event.external_id,
            };
            let key = actors_only
                .builder
                .graph()
                .event_key_of(&new, &mut parts, &mut keyed)?;
            documents.clear();
            documents.extend_from_slice(event.documents);
            documents.sort_unstable();
            documents.dedup();
            out.push((
                event.row,
                ListedRow {
                    start: event.start,
                    end: event.end,
                    kind: event.kind,
                    modality: event.modality,
                    key,
                    participants: parts.clone(),
                    place,
                    sources: documents.len(),
                },
            ));
            Ok(())
        },
    )?;
    if !listed {
        return Ok(None);
    }
    out.sort_unstable_by_key(|(row, r)| (r.start, r.key, *row));
    let rows = out.into_iter().map(|(_, r)| r).collect();
    Ok(Some((actors_only.builder.build(), rows)))
}

/// What [`load`]'s graph would report in `Graph::stats`, read from the
/// store's kept counts and its actors, without loading the events: `None`
/// when the store cannot say (it holds articles, merged across documents
/// on load, or counts written by an older version).
pub fn stored_stats(store: &Store) -> Result<Option<crate::graph::Stats>, LoadError> {
    let Some(counts) = store.stored_counts()? else {
        return Ok(None);
    };
    let mut actors_only = Loader::default();
    store.scan_actors(&mut actors_only)?;
    let mut stats = actors_only.finish()?.stats();
    let day = |d: Option<i32>| {
        d.and_then(date_of_day_number)
            .map(|d| d.format("%Y-%m-%d").to_string())
    };
    stats.documents = counts.documents as usize;
    stats.places = counts.places as usize;
    stats.events = counts.kinds.iter().map(|k| k.events as usize).sum();
    stats.participations = counts.kinds.iter().map(|k| k.participants as usize).sum();
    stats.mentions = counts.kinds.iter().map(|k| k.mentions as usize).sum();
    stats.first_date = day(counts.first_day);
    stats.last_date = day(counts.last_day);
    stats.events_by_kind = counts
        .kinds
        .iter()
        .map(|k| (k.kind.clone(), k.events as usize))
        .collect();
    Ok(Some(stats))
}

fn bad(table: &'static str, column: &'static str, value: &str) -> LoadError {
    LoadError::Store(store::Error::BadValue {
        table,
        column,
        value: value.to_string(),
    })
}

/// The actors these names find (a name that finds none adds nothing);
/// `None` when a name finds several.
fn found_actors(graph: &Graph, names: &[&str]) -> Option<Vec<ActorId>> {
    let mut out = Vec::new();
    for name in names {
        match graph.lookup_actor(name) {
            crate::graph::ActorLookup::Found(id) => out.push(id),
            crate::graph::ActorLookup::Ambiguous(_) => return None,
            crate::graph::ActorLookup::NotFound(_) => {}
        }
    }
    Some(out)
}

/// Resolved actors stand in reports as tokens of their index, so that two
/// actors with one canonical name (a country and a person) stay apart.
fn actor_token(k: usize) -> String {
    format!("a{k}")
}

fn token_actor(token: &str) -> Option<usize> {
    token.strip_prefix('a')?.parse().ok()
}

/// Store row id → graph id. SQLite row ids are dense (`max + 1`), so a
/// vector indexed by row id replaces a SipHash map (8% of a million-event
/// load went to hashing actor row ids); very sparse ids use the map.
enum RowMap<T: Copy> {
    Dense(Vec<Option<T>>),
    Sparse(HashMap<i64, T>),
}

impl<T: Copy> Default for RowMap<T> {
    fn default() -> Self {
        RowMap::Sparse(HashMap::new())
    }
}

impl<T: Copy> RowMap<T> {
    fn new(max_id: i64, count: usize) -> RowMap<T> {
        if max_id >= 0 && (max_id as usize) <= count.saturating_mul(8).saturating_add(1 << 16) {
            RowMap::Dense(vec![None; max_id as usize + 1])
        } else {
            RowMap::Sparse(HashMap::with_capacity(count))
        }
    }

    fn insert(&mut self, id: i64, value: T) {
        match self {
            RowMap::Dense(v) if id >= 0 && (id as usize) < v.len() => v[id as usize] = Some(value),
            RowMap::Dense(v) => {
                // An id above the maximum read before: move to the map.
                let mut map: HashMap<i64, T> = v
                    .iter()
                    .enumerate()
                    .filter_map(|(i, x)| x.map(|x| (i as i64, x)))
                    .collect();
                map.insert(id, value);
                *self = RowMap::Sparse(map);
            }
            RowMap::Sparse(m) => {
                m.insert(id, value);
            }
        }
    }

    /// Every row id with its value, in row order.
    fn entries(&self) -> Vec<(i64, T)> {
        let mut out: Vec<(i64, T)> = match self {
            RowMap::Dense(v) => v
                .iter()
                .enumerate()
                .filter_map(|(i, x)| x.map(|x| (i as i64, x)))
                .collect(),
            RowMap::Sparse(m) => m.iter().map(|(&row, &x)| (row, x)).collect(),
        };
        out.sort_unstable_by_key(|e| e.0);
        out
    }

    fn get(&self, id: &i64) -> Option<&T> {
        match self {
            RowMap::Dense(v) => usize::try_from(*id)
                .ok()
                .and_then(|i| v.get(i))
                .and_then(Option::as_ref),
            RowMap::Sparse(m) => m.get(id),
        }
    }
}

/// A mention of an article's report, added once the report is merged.
type ReportMention = (i64, DocumentId, usize, usize, String);

/// The graph being built while the store is scanned.
#[derive(Default)]
struct Loader {
    builder: GraphBuilder,
    sizes: TableSizes,
    /// Graph id of each resolved actor.
    resolved_ids: Vec<ActorId>,
    /// Normalised names of the resolved countries (for the event merger).
    countries: BTreeSet<String>,
    actor_of_row: RowMap<ActorId>,
    resolved_of_row: RowMap<usize>,
    place_of_row: RowMap<PlaceId>,
    document_of_row: RowMap<DocumentId>,
    /// Reports from articles and their mentions, merged after the scan.
    reports: Vec<(i64, Event)>,
    report_mentions: Vec<ReportMention>,
    parts: Vec<(ActorId, Role)>,
    resolved_parts: Vec<(usize, Role)>,
}

impl RowSink for Loader {
    type Error = LoadError;

    fn sizes(&mut self, sizes: TableSizes) -> Result<(), LoadError> {
        self.builder
            .reserve(sizes.actors, sizes.events, sizes.participants);
        self.place_of_row = RowMap::new(sizes.max_place_row, sizes.places);
        self.document_of_row = RowMap::new(sizes.max_document_row, sizes.documents);
        self.sizes = sizes;
        Ok(())
    }

    /// Every stored actor, resolved over the whole set into real actors,
    /// added in the order of their canonical names.
    fn actors(&mut self, actors: Vec<StoredActor>) -> Result<(), LoadError> {
        let mut rows = Vec::with_capacity(actors.len());
        let inputs: Vec<ActorInput> = actors
            .into_iter()
            .map(|a| {
                rows.push(a.row);
                ActorInput {
                    actor: a.actor,
                    documents: a.documents,
                }
            })
            .collect();
        let resolution = resolve_actors(&inputs);
        drop(inputs);
        self.resolved_ids = resolution
            .actors
            .iter()
            .map(|a| self.builder.add_actor(a.clone()))
            .collect();
        self.countries = resolution
            .actors
            .iter()
            .filter(|a| a.kind == ActorKind::Country)
            .flat_map(|a| a.names().map(normalize_name).collect::<Vec<_>>())
            .collect();
        self.actor_of_row = RowMap::new(self.sizes.max_actor_row, rows.len());
        self.resolved_of_row = RowMap::new(self.sizes.max_actor_row, rows.len());
        for (i, row) in rows.iter().enumerate() {
            let k = resolution.actor_of[i];
            self.actor_of_row.insert(*row, self.resolved_ids[k]);
            self.resolved_of_row.insert(*row, k);
        }
        Ok(())
    }

    fn place(&mut self, row: i64, place: Place) -> Result<(), LoadError> {
        self.place_of_row.insert(row, self.builder.add_place(place));
        Ok(())
    }

    fn document(&mut self, row: i64, document: Document) -> Result<(), LoadError> {
        self.document_of_row
            .insert(row, self.builder.add_document(document));
        Ok(())
    }

    /// An article's report (no dataset row id) is kept to be merged across
    /// documents after the scan; a dataset row is added as it is.
    fn event(&mut self, event: StoredEvent<'_>) -> Result<(), LoadError> {
        self.parts.clear();
        self.resolved_parts.clear();
        for &(actor_row, role) in event.participants {
            let actor = *self
                .actor_of_row
                .get(&actor_row)
                .ok_or_else(|| bad("participants", "actor_id", &actor_row.to_string()))?;
            let resolved = self.resolved_of_row.get(&actor_row).copied().unwrap_or(0);
            self.parts.push((actor, role));
            self.resolved_parts.push((resolved, role));
        }
        let place = event.place.and_then(|p| self.place_of_row.get(&p).copied());
        let mentions = event.mentions.iter().filter_map(|m| {
            self.document_of_row
                .get(&m.document)
                .map(|&document| (document, m))
        });
        if event.external_id.is_none() {
            let report = self.report_of(&event, place)?;
            self.reports.push((event.row, report));
            for (document, m) in mentions {
                self.report_mentions
                    .push((event.row, document, m.start, m.end, m.text.clone()));
            }
            return Ok(());
        }
        let new = NewEvent {
            kind: event.kind,
            cameo: event.cameo,
            source_code: event.source_code,
            target_code: event.target_code,
            start: event.start,
            end: event.end,
            precision: event.precision,
            value: Some(event.value),
            date_source: event.date_source,
            participants: &self.parts,
            place,
            modality: event.modality,
            confidence: event.confidence,
            external_id: event.external_id,
        };
        let id = self.builder.add_event(&new)?;
        for (document, m) in mentions {
            self.builder
                .add_mention(id, document, &m.text, m.start, m.end)?;
        }
        Ok(())
    }
}

impl Loader {
    /// The store rows of the actors that these names find (each looked up
    /// among the resolved actors as [`Graph::lookup_actor`] does; a name
    /// that finds none adds nothing), in row order; `None` when a name
    /// finds several (the query then ranks them by their events).
    fn rows_of_names(self, names: &[&str]) -> Option<Vec<i64>> {
        let entries = self.actor_of_row.entries();
        let graph = self.builder.build();
        let wanted = found_actors(&graph, names)?;
        Some(
            entries
                .into_iter()
                .filter(|(_, a)| wanted.contains(a))
                .map(|(row, _)| row)
                .collect(),
        )
    }

    /// The graph of the actors alone, with the store row of each actor
    /// (row order).
    fn actors_with_rows(self) -> (Graph, Vec<(i64, ActorId)>) {
        let rows = self.actor_of_row.entries();
        (self.builder.build(), rows)
    }

    /// An article's stored report as a model event whose participants are
    /// tokens of resolved actors.
    fn report_of(
        &self,
        event: &StoredEvent<'_>,
        place: Option<PlaceId>,
    ) -> Result<Event, LoadError> {
        let (Some(start), Some(end)) = (
            date_of_day_number(event.start),
            date_of_day_number(event.end),
        ) else {
            return Err(bad("events", "start_day", &event.start.to_string()));
        };
        Ok(Event {
            id: event.key.to_string(),
            kind: event.kind,
            cameo: event.cameo.map(str::to_string),
            source_code: event.source_code.map(str::to_string),
            target_code: event.target_code.map(str::to_string),
            when: When {
                start,
                end,
                precision: event.precision,
                value: event.value.to_string(),
                source: event.date_source,
            },
            participants: self
                .resolved_parts
                .iter()
                .map(|&(k, role)| Participant {
                    actor: actor_token(k),
                    role,
                })
                .collect(),
            place: place
                .and_then(|p| self.builder.graph().place(p))
                .map(|p| p.name.clone()),
            modality: event.modality,
            mentions: Vec::new(),
            confidence: event.confidence,
        })
    }

    /// Merges the article reports into one event per occasion, whatever
    /// the order they were stored in (they are clustered in key order),
    /// and builds the graph.
    fn finish(mut self) -> Result<Graph, LoadError> {
        // Each report's documents (ids only), so that two events one
        // document states stay two events when they are clustered.
        let mut documents_of_row: HashMap<i64, Vec<Mention>> = HashMap::new();
        for (row, document, ..) in &self.report_mentions {
            documents_of_row.entry(*row).or_default().push(Mention {
                document: document.index().to_string(),
                text: String::new(),
                start: 0,
                end: 0,
            });
        }
        for (row, report) in self.reports.iter_mut() {
            if let Some(mentions) = documents_of_row.remove(row) {
                report.mentions = mentions;
            }
        }
        self.reports.sort_by(|a, b| a.1.id.cmp(&b.1.id));
        let mut merger = EventMerger::with_countries(std::mem::take(&mut self.countries));
        for (_, report) in &self.reports {
            merger.add(report.clone());
        }
        let mut merged = merger.clusters();
        let mut event_of_row: HashMap<i64, EventId> = HashMap::with_capacity(self.reports.len());
        merged.sort_by(|a, b| (a.0.when.start, &a.0.id).cmp(&(b.0.when.start, &b.0.id)));
        let builder = &mut self.builder;
        for (event, members, conflicts) in merged {
            let parts: Vec<(ActorId, Role)> = event
                .participants
                .iter()
                .filter_map(|p| {
                    token_actor(&p.actor)
                        .and_then(|k| self.resolved_ids.get(k))
                        .map(|&id| (id, p.role))
                })
                .collect();
            let place = event
                .place
                .as_deref()
                .and_then(|name| builder.graph().place_named(name));
            let new = NewEvent {
                kind: event.kind,
                cameo: event.cameo.as_deref(),
                source_code: event.source_code.as_deref(),
                target_code: event.target_code.as_deref(),
                start: day_number(event.when.start),
                end: day_number(event.when.end),
                precision: event.when.precision,
                value: Some(&event.when.value),
                date_source: event.when.source,
                participants: &parts,
                place,
                modality: event.modality,
                confidence: event.confidence,
                external_id: None,
            };
            let id = builder.add_event(&new)?;
            builder.set_conflicts(
                id,
                EventConflicts {
                    dates: conflicts.dates,
                    places: conflicts.places,
                    alternatives: conflicts.alternatives,
                },
            )?;
            for m in members {
                event_of_row.insert(self.reports[m].0, id);
            }
        }
        for (row, document, start, end, text) in self.report_mentions {
            if let Some(&event) = event_of_row.get(&row) {
                builder.add_mention(event, document, &text, start, end)?;
            }
        }
        Ok(self.builder.build())
    }
}

/// What `actor NAME` shows of an actor's events, read from the store's
/// actor index without loading them ([`actor_profile`]).
#[derive(Debug)]
pub struct ActorProfile {
    /// A graph of every actor and place, without events (the actor's
    /// names, titles and affiliations are read from it).
    pub graph: Graph,
    /// The actor the name finds.
    pub actor: ActorId,
    /// Its distinct events.
    pub events: usize,
    /// Its events by kind, in kind order.
    pub events_by_kind: Vec<(String, usize)>,
    /// The first day of its events (a day number).
    pub first_day: Option<i32>,
    /// The last day of its events.
    pub last_day: Option<i32>,
}

/// The actor `name` finds with what its events add up to (how many, by
/// kind, first and last day), as [`load`]'s graph gives them, read from
/// `actor_days` (a range of it per actor row) and the actors: `None` when
/// the store holds articles or has no actor index, or the name finds no
/// actor or several (load the events then).
pub fn actor_profile(store: &Store, name: &str) -> Result<Option<ActorProfile>, LoadError> {
    if !store.has_actor_index() || !store.only_dataset_rows()? {
        return Ok(None);
    }
    let mut actors_only = Loader::default();
    store.scan_actors(&mut actors_only)?;
    let (graph, rows) = actors_only.actors_with_rows();
    let crate::graph::ActorLookup::Found(actor) = graph.lookup_actor(name) else {
        return Ok(None);
    };
    let mine: Vec<i64> = rows
        .iter()
        .filter(|(_, a)| *a == actor)
        .map(|(row, _)| *row)
        .collect();
    let Some(kinds) = store.actor_summary(&mine)? else {
        return Ok(None);
    };
    Ok(Some(ActorProfile {
        actor,
        events: kinds.iter().map(|k| k.events as usize).sum(),
        events_by_kind: kinds
            .iter()
            .map(|k| (k.kind.clone(), k.events as usize))
            .collect(),
        first_day: kinds.iter().map(|k| k.first_day).min(),
        last_day: kinds.iter().map(|k| k.last_day).max(),
        graph,
    }))
}

/// The actors of the store, resolved, with the neighbours each shares an
/// event with (through `actor_pairs`, looked up once per actor).
struct ActorLinks<'s> {
    store: &'s Store,
    /// Store rows of each resolved actor.
    rows: HashMap<ActorId, Vec<i64>>,
    /// Resolved actor of each row.
    actor_of: HashMap<i64, ActorId>,
    /// Neighbours of the actors looked up: each with the first day the
    /// two share an event.
    near: HashMap<ActorId, Vec<(ActorId, i32)>>,
}

impl ActorLinks<'_> {
    fn neighbours(&mut self, actor: ActorId) -> Result<&[(ActorId, i32)], LoadError> {
        if !self.near.contains_key(&actor) {
            let rows = self.rows.get(&actor).cloned().unwrap_or_default();
            let mut first: BTreeMap<ActorId, i32> = BTreeMap::new();
            for (other, day) in self.store.actor_partners(&rows)? {
                let Some(&b) = self.actor_of.get(&other) else {
                    continue;
                };
                if b != actor {
                    let d = first.entry(b).or_insert(day);
                    *d = (*d).min(day);
                }
            }
            self.near.insert(actor, first.into_iter().collect());
        }
        Ok(&self.near[&actor])
    }

    /// Breadth-first layers from `start`: one layer more (the next
    /// frontier), recording each new actor's distance.
    fn expand(
        &mut self,
        frontier: &[ActorId],
        dist: &mut HashMap<ActorId, usize>,
        depth: usize,
    ) -> Result<Vec<ActorId>, LoadError> {
        let mut next = Vec::new();
        for &a in frontier {
            let near: Vec<ActorId> = self.neighbours(a)?.iter().map(|n| n.0).collect();
            for b in near {
                if let std::collections::hash_map::Entry::Vacant(v) = dist.entry(b) {
                    v.insert(depth);
                    next.push(b);
                }
            }
        }
        next.sort_unstable();
        Ok(next)
    }
}

/// The graph `path A B` needs: every actor and place, and the events of
/// the chain [`Graph::path`] finds between the actors the two names find
/// on the whole store (the shortest, and of those the first in its order:
/// events by day then key, actors by name), found through the actor
/// index: a breadth-first search over the pairs of actors that share an
/// event (`actor_pairs`), from both ends at once, then the chain walked
/// from the first actor, each step the earliest shared event (the first
/// day of the pair, that day's shared events through `actor_days`). The
/// graph returned holds only the chain's events, so `Graph::path` on it
/// gives the whole store's answer (a name that finds no actor: the actors
/// alone, which say so). `None` when the store holds articles or has no
/// actor index, or a name finds several actors (load the store then).
pub fn load_path(store: &Store, from: &str, to: &str) -> Result<Option<Graph>, LoadError> {
    if !store.has_actor_index() || !store.only_dataset_rows()? {
        return Ok(None);
    }
    let mut actors_only = Loader::default();
    store.scan_actors(&mut actors_only)?;
    let (graph, rows) = actors_only.actors_with_rows();
    use crate::graph::ActorLookup;
    let (start, goal) = match (graph.lookup_actor(from), graph.lookup_actor(to)) {
        (ActorLookup::Found(a), ActorLookup::Found(b)) => (a, b),
        // which of several a query takes depends on their events
        (ActorLookup::Ambiguous(_), _) | (_, ActorLookup::Ambiguous(_)) => return Ok(None),
        // a name that finds no actor: the actors alone say so
        _ => return Ok(Some(graph)),
    };
    let mut links = ActorLinks {
        store,
        rows: HashMap::new(),
        actor_of: HashMap::with_capacity(rows.len()),
        near: HashMap::new(),
    };
    for &(row, a) in &rows {
        links.rows.entry(a).or_default().push(row);
        links.actor_of.insert(row, a);
    }
    let Some(layers) = shortest_layers(&mut links, start, goal)? else {
        // the same actor, or no chain: the actors alone answer
        return Ok(Some(graph));
    };
    let mut events: Vec<i64> = Vec::with_capacity(layers.len());
    let mut current = start;
    for next_layer in layers.iter().skip(1) {
        let candidates: Vec<(ActorId, i32)> = links
            .neighbours(current)?
            .iter()
            .filter(|(b, _)| next_layer.binary_search(b).is_ok())
            .copied()
            .collect();
        let Some(day) = candidates.iter().map(|c| c.1).min() else {
            return Err(bad(
                "actor_pairs",
                "actor_id",
                "(a chain that does not hold)",
            ));
        };
        let on_day: Vec<i64> = candidates
            .iter()
            .filter(|c| c.1 == day)
            .flat_map(|c| links.rows[&c.0].iter().copied())
            .collect();
        let shared = store.shared_events_on(day, &links.rows[&current], &on_day)?;
        let Some((_, event)) = shared.first() else {
            return Err(bad("actor_pairs", "first_day", &day.to_string()));
        };
        // the next actor: the first by name of the event's actors in the
        // next layer
        let mut members: Vec<ActorId> = store
            .event_actor_rows(*event)?
            .iter()
            .filter_map(|r| links.actor_of.get(r).copied())
            .filter(|a| next_layer.binary_search(a).is_ok())
            .collect();
        members.sort_by_key(|&a| (graph.actor(a).map(|x| x.name.clone()), a));
        let Some(&next) = members.first() else {
            return Err(bad("participants", "event_id", &event.to_string()));
        };
        events.push(*event);
        current = next;
    }
    let mut loader = Loader::default();
    store.scan_events(&mut loader, &events)?;
    Ok(Some(loader.finish()?))
}

/// The actors on the shortest chains from `start` to `goal`, by step:
/// `[start], [the actors one step on], ..., [goal]`, each sorted (found by
/// a breadth-first search from both ends, the smaller frontier expanded
/// first); `None` when `start` is `goal` or nothing links them.
fn shortest_layers(
    links: &mut ActorLinks<'_>,
    start: ActorId,
    goal: ActorId,
) -> Result<Option<Vec<Vec<ActorId>>>, LoadError> {
    if start == goal {
        return Ok(None);
    }
    let mut ds: HashMap<ActorId, usize> = HashMap::from([(start, 0)]);
    let mut dg: HashMap<ActorId, usize> = HashMap::from([(goal, 0)]);
    let (mut fs, mut fg) = (vec![start], vec![goal]);
    let (mut ks, mut kg) = (0usize, 0usize);
    // expand a layer at a time until the two searches meet
    let length = loop {
        if fs.is_empty() || fg.is_empty() {
            return Ok(None);
        }
        if fs.len() <= fg.len() {
            ks += 1;
            fs = links.expand(&fs, &mut ds, ks)?;
        } else {
            kg += 1;
            fg = links.expand(&fg, &mut dg, kg)?;
        }
        let met = ds
            .iter()
            .filter_map(|(a, s)| dg.get(a).map(|g| s + g))
            .min();
        if let Some(length) = met {
            break length;
        }
    };
    // the meeting layer: the last start-side layer on a shortest chain
    let meet_at = ks.min(length);
    let mut layers: Vec<Vec<ActorId>> = vec![Vec::new(); length + 1];
    let mut meet: Vec<ActorId> = ds
        .iter()
        .filter(|(a, &s)| s == meet_at && dg.get(*a) == Some(&(length - meet_at)))
        .map(|(a, _)| *a)
        .collect();
    meet.sort_unstable();
    layers[meet_at] = meet;
    // towards the start: an actor one step nearer the start that links to
    // the next layer
    for j in (0..meet_at).rev() {
        let mut layer = Vec::new();
        let mut at_j: Vec<ActorId> = ds
            .iter()
            .filter(|(_, &s)| s == j)
            .map(|(a, _)| *a)
            .collect();
        at_j.sort_unstable();
        for a in at_j {
            let next = &layers[j + 1];
            if links
                .neighbours(a)?
                .iter()
                .any(|(b, _)| next.binary_search(b).is_ok())
            {
                layer.push(a);
            }
        }
        layers[j] = layer;
    }
    // towards the goal: the neighbours one step nearer the goal
    for j in meet_at..length {
        let mut layer = Vec::new();
        for a in layers[j].clone() {
            for &(b, _) in links.neighbours(a)? {
                if dg.get(&b) == Some(&(length - j - 1)) {
                    layer.push(b);
                }
            }
        }
        layer.sort_unstable();
        layer.dedup();
        layers[j + 1] = layer;
    }
    Ok(Some(layers))
}
