//! `eventgraph events` and `eventgraph meetings`, with `--sort` and
//! `--limit`.

use super::{load_graph_for, note_limit, output, Cli, FilterArgs, ListFormat, Outcome};
use crate::graph::{EventId, Graph, Meeting};
use crate::model::EventKind;
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::cmp::Reverse;
use std::io::Write;

/// The orders of `events --sort` and `meetings --sort`: `date` (oldest
/// first, by first day then id), `recent` (newest first), `kind` (by kind
/// name, then date), `sources` (most reported first, then date).
// No doc comments on the variants (see `ListFormat`).
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum EventSort {
    #[default]
    Date,
    Recent,
    Kind,
    Sources,
}

/// The number of documents reporting an event.
fn source_count(graph: &Graph, id: EventId) -> usize {
    graph
        .to_event(id)
        .map_or(0, |e| output::sources(graph, &e).len())
}

/// Puts events (sorted by date) in the order asked for.
fn sort_events(graph: &Graph, ids: &mut [EventId], sort: EventSort) {
    match sort {
        EventSort::Date => {}
        EventSort::Recent => ids.reverse(),
        EventSort::Kind => ids.sort_by_key(|&id| graph.event_kind(id).map(|k| k.as_str())),
        EventSort::Sources => ids.sort_by_cached_key(|&id| Reverse(source_count(graph, id))),
    }
}

/// Arguments of `events`.
#[derive(Debug, Args)]
pub(crate) struct EventsArgs {
    /// The event filters.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// The order: date (oldest first), recent, kind, sources (most reported first)
    #[arg(long, value_enum, default_value_t = EventSort::Date)]
    pub sort: EventSort,
    /// Print at most N events (after sorting)
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

/// Arguments of `meetings`.
#[derive(Debug, Args)]
pub(crate) struct MeetingsArgs {
    /// Meetings of this actor (name or alias; repeat: they all met)
    #[arg(long, value_name = "NAME")]
    pub actor: Vec<String>,
    /// ... with this actor
    #[arg(long, value_name = "NAME")]
    pub with: Option<String>,
    /// From this date on (2014-03-30, 2014-03 or 2014)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Up to this date (a month or year means its last day)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Meetings at this place
    #[arg(long, value_name = "NAME")]
    pub place: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// The order: date (oldest first), recent, kind, sources (most reported first)
    #[arg(long, value_enum, default_value_t = EventSort::Date)]
    pub sort: EventSort,
    /// Print at most N meetings (after sorting)
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Also list meetings that did not happen (planned, negated,
    /// hypothetical), marked in the modality column
    #[arg(long)]
    pub include_planned: bool,
    /// Also list vague reports (a month, no place) that fit several of the
    /// meetings listed equally well and so were merged with none
    #[arg(long)]
    pub include_vague: bool,
}

/// Lists the events the filters select; nothing found when there are none.
pub(super) fn run_events(
    cli: &Cli,
    args: &EventsArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    // only the kinds asked for (a bad kind is reported by `to_filter`)
    let kinds: Vec<EventKind> = args
        .filter
        .kind
        .iter()
        .filter_map(|k| k.parse().ok())
        .collect();
    let kinds = if kinds.len() == args.filter.kind.len() {
        kinds
    } else {
        Vec::new()
    };
    if let Some(outcome) = list_without_graph(cli, args, &kinds, out)? {
        return Ok(outcome);
    }
    let graph = load_graph_for(cli, &args.filter, None, &kinds)?;
    let filter = args.filter.to_filter(&graph)?;
    let mut ids = graph.events(&filter);
    let total = ids.len();
    sort_events(&graph, &mut ids, args.sort);
    if let Some(limit) = args.limit {
        ids.truncate(limit);
    }
    output::write_events(&graph, &ids, args.format, out)?;
    note_limit(cli, ids.len(), total, "events");
    Ok(if total == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}

/// `events --from D --to D` as a table (no actor, no place), on a store
/// of dataset rows clustered by day: the window's rows listed without a
/// graph of their events (`pipeline::list_days`), the same table the
/// loaded window prints. `None` when the arguments or the store need the
/// graph (the caller loads it then).
fn list_without_graph(
    cli: &Cli,
    args: &EventsArgs,
    kinds: &[EventKind],
    out: &mut dyn Write,
) -> anyhow::Result<Option<Outcome>> {
    let filter = &args.filter;
    if args.format != ListFormat::Table
        || !matches!(
            args.sort,
            EventSort::Date | EventSort::Recent | EventSort::Kind
        )
        || !filter.actor.is_empty()
        || filter.with.is_some()
        || filter.place.is_some()
        || (filter.from.is_none() && filter.to.is_none())
        || kinds.len() != filter.kind.len()
    {
        return Ok(None);
    }
    let from = match filter.from.as_deref() {
        Some(text) => super::parse_date_arg("from", text)?.0,
        None => i32::MIN,
    };
    let to = match filter.to.as_deref() {
        Some(text) => super::parse_date_arg("to", text)?.1,
        None => i32::MAX,
    };
    let Some(store) = super::open_for_query(cli)? else {
        return Ok(None);
    };
    let listed = crate::pipeline::list_days(&store, from, to, kinds).with_context(|| {
        format!(
            "cannot load {:?}",
            super::db_path(cli).display().to_string()
        )
    })?;
    let Some((graph, mut rows)) = listed else {
        return Ok(None);
    };
    // the checks of the loaded path (`--to` before `--from`, the kinds)
    filter.to_filter(&graph)?;
    let total = rows.len();
    match args.sort {
        EventSort::Recent => rows.reverse(),
        EventSort::Kind => rows.sort_by_key(|r| r.kind.as_str()),
        _ => {}
    }
    if let Some(limit) = args.limit {
        rows.truncate(limit);
    }
    output::write_listed_table(&graph, &rows, out)?;
    note_limit(cli, rows.len(), total, "events");
    Ok(Some(if total == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Done
    }))
}

/// Lists the meetings the filters select; nothing found when there are none.
pub(super) fn run_meetings(
    cli: &Cli,
    args: &MeetingsArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let filter = FilterArgs {
        actor: args.actor.clone(),
        with: args.with.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        kind: Vec::new(),
        place: args.place.clone(),
    };
    // meetings are events of the meeting kinds (and visits) only
    let kinds: Vec<EventKind> = EventKind::ALL
        .iter()
        .copied()
        .filter(|k| k.is_meeting() || *k == EventKind::Visit)
        .collect();
    let graph = load_graph_for(cli, &filter, None, &kinds)?;
    let filter = filter.to_filter(&graph)?;
    let mut meetings: Vec<Meeting> = graph.meetings(&filter);
    if !args.include_planned {
        meetings.retain(|m| graph.event_modality(m.event).is_some_and(output::happened));
    }
    if !args.include_vague {
        meetings.retain(|m| graph.conflicts(m.event).is_none_or(|c| c.alternatives == 0));
    }
    let total = meetings.len();
    match args.sort {
        EventSort::Date => {}
        EventSort::Recent => meetings.reverse(),
        EventSort::Kind => {
            meetings.sort_by_key(|m| graph.event_kind(m.event).map(|k| k.as_str()));
        }
        EventSort::Sources => {
            meetings.sort_by_cached_key(|m| Reverse(source_count(&graph, m.event)));
        }
    }
    if let Some(limit) = args.limit {
        meetings.truncate(limit);
    }
    output::write_meetings(&graph, &meetings, args.format, out)?;
    note_limit(cli, meetings.len(), total, "meetings");
    Ok(if total == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}
