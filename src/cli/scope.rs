//! The part of the graph `export` and `timeline` work on: the event filters
//! plus `--depth N` around an actor.

use super::FilterArgs;
use crate::graph::{EventFilter, EventId, Graph};
use anyhow::bail;
use clap::Args;

/// Filters plus `--depth`.
#[derive(Debug, Clone, Args, Default)]
pub(crate) struct ScopeArgs {
    /// The event filters.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// With --actor: the actor's events, the actors in them, their events in
    /// turn, N hops out (1 is the actor's own events)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub depth: Option<u32>,
}

/// The events selected, and the canonical names of the actors the query is
/// centred on (drawn highlighted; a timeline's point of view).
#[derive(Debug, Clone, Default)]
pub(crate) struct Selection {
    /// The events, sorted by first day then key.
    pub events: Vec<EventId>,
    /// The canonical names of the `--actor` and `--with` actors.
    pub focus: Vec<String>,
}

impl ScopeArgs {
    /// The events these arguments select, sorted by first day then key.
    pub(crate) fn select(&self, graph: &Graph) -> anyhow::Result<Selection> {
        let filter: EventFilter = self.filter.to_filter(graph)?;
        let focus = filter
            .actors
            .iter()
            .filter_map(|&a| graph.actor(a))
            .map(|a| a.name.clone())
            .collect();
        let events = match self.depth {
            None => graph.events(&filter),
            Some(depth) => {
                if self.filter.actor.is_empty() {
                    bail!("--depth {depth} needs --actor NAME, the actor to start from");
                }
                if let Some(with) = &self.filter.with {
                    bail!(
                        "--with {with:?} cannot be combined with --depth: give each actor to \
                         start from as --actor"
                    );
                }
                graph.neighborhood(&filter.actors, depth as usize, &filter)
            }
        };
        Ok(Selection { events, focus })
    }
}
