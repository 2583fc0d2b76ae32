//! `eventgraph events` and `eventgraph meetings`.

use super::{load_graph_for, output, Cli, FilterArgs, ListFormat, Outcome};
use clap::Args;
use std::io::Write;

/// Arguments of `events`.
#[derive(Debug, Args)]
pub(crate) struct EventsArgs {
    /// The event filters.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
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
}

/// Lists the events the filters select; nothing found when there are none.
pub(super) fn run_events(
    cli: &Cli,
    args: &EventsArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let graph = load_graph_for(cli, &args.filter, None)?;
    let filter = args.filter.to_filter(&graph)?;
    let ids = graph.events(&filter);
    output::write_events(&graph, &ids, args.format, out)?;
    Ok(if ids.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
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
    let graph = load_graph_for(cli, &filter, None)?;
    let filter = filter.to_filter(&graph)?;
    let meetings = graph.meetings(&filter);
    output::write_meetings(&graph, &meetings, args.format, out)?;
    Ok(if meetings.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}
