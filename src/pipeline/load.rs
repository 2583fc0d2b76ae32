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
    date_of_day_number, day_number, normalize_name, ActorKind, Document, Event, Mention,
    Participant, Place, Role, When,
};
use crate::resolve::{resolve_actors, ActorInput, EventMerger};
use crate::store::{self, RowSink, Store, StoredActor, StoredEvent, TableSizes};
use std::collections::{BTreeSet, HashMap};

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
    if !store.only_dataset_rows()? {
        return load_days(store, from, to);
    }
    // the actors alone, to look the names up
    let mut actors_only = Loader::default();
    store.scan_window(&mut actors_only, 0, -1, Some(&[]))?;
    let rows = actors_only.rows_of_names(names);
    let mut loader = Loader::default();
    store.scan_window(&mut loader, from, to, Some(&rows))?;
    loader.finish()
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
    store.scan_window(&mut actors_only, 0, -1, Some(&[]))?;
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

/// Resolved actors stand in reports as tokens of their index, so that two
/// actors with one canonical name (a country and a person) stay apart.
fn found_actors(graph: &Graph, names: &[&str]) -> Vec<ActorId> {
    names
        .iter()
        .filter_map(|name| match graph.lookup_actor(name) {
            crate::graph::ActorLookup::Found(id) => Some(id),
            _ => None,
        })
        .collect()
}

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
    /// that finds none or several adds nothing), in row order.
    fn rows_of_names(self, names: &[&str]) -> Vec<i64> {
        let entries = self.actor_of_row.entries();
        let graph = self.builder.build();
        let wanted = found_actors(&graph, names);
        entries
            .into_iter()
            .filter(|(_, a)| wanted.contains(a))
            .map(|(row, _)| row)
            .collect()
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
