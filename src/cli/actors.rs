//! `eventgraph actors` and `eventgraph actor NAME`.

use super::{
    load_graph, load_graph_of_actor, note_limit, output, resolve_actor, Cli, ListFormat, Outcome,
};
use crate::export::text_cell;
use crate::graph::Affiliation;
use crate::model::{date_of_day_number, ActorKind, Title};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// Arguments of `actors`.
#[derive(Debug, Args)]
pub(crate) struct ActorsArgs {
    /// Only actors of this kind (person, organization, country, group, place)
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// The order: name, events (most events first), kind (then name)
    #[arg(long, value_enum, default_value_t = ActorSort::Name)]
    pub sort: ActorSort,
    /// Print at most N actors (after sorting)
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

/// The orders of `actors --sort`: `name`, `events` (most events first, then
/// name), `kind` (then name).
// No doc comments on the variants (see `ListFormat`).
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum ActorSort {
    #[default]
    Name,
    Events,
    Kind,
}

/// Arguments of `actor`.
#[derive(Debug, Args)]
pub(crate) struct ActorArgs {
    /// The actor's name or an alias
    pub name: String,
    /// Output format (table, json or csv)
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Serialize)]
struct ActorRow {
    name: String,
    kind: String,
    events: usize,
    aliases: Vec<String>,
}

#[derive(Serialize)]
struct ActorDetail {
    name: String,
    kind: String,
    aliases: Vec<String>,
    titles: Vec<Title>,
    affiliation: Option<String>,
    /// Titles and affiliations with the dates and documents that reported them.
    affiliations: Vec<Affiliation>,
    /// Actors affiliated with this one (an organisation's members).
    members: Vec<Member>,
    country: Option<String>,
    events: usize,
    events_by_kind: BTreeMap<String, usize>,
    first_date: Option<String>,
    last_date: Option<String>,
}

#[derive(Serialize)]
struct Member {
    name: String,
    #[serde(flatten)]
    affiliation: Affiliation,
}

/// Lists the actors (of one kind with `--kind`); nothing found when the
/// list is empty.
pub(super) fn run_actors(
    cli: &Cli,
    args: &ActorsArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let graph = load_graph(cli)?;
    let kind = match &args.kind {
        Some(k) => Some(k.parse::<ActorKind>()?),
        None => None,
    };
    let rows: Vec<ActorRow> = graph
        .actors_of_kind(kind)
        .into_iter()
        .filter_map(|id| {
            let actor = graph.actor(id)?;
            let mut aliases = actor.aliases.clone();
            aliases.sort();
            Some(ActorRow {
                name: actor.name.clone(),
                kind: actor.kind.as_str().to_string(),
                events: graph.actor_event_count(id),
                aliases,
            })
        })
        .collect();
    let mut rows = rows;
    let total = rows.len();
    match args.sort {
        ActorSort::Name => {}
        ActorSort::Events => rows.sort_by_key(|r| std::cmp::Reverse(r.events)),
        ActorSort::Kind => rows.sort_by(|a, b| a.kind.cmp(&b.kind)),
    }
    if let Some(limit) = args.limit {
        rows.truncate(limit);
    }
    note_limit(cli, rows.len(), total, "actors");
    match args.format {
        ListFormat::Json => output::write_json(out, &rows)?,
        ListFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(["name", "kind", "events", "aliases"])?;
            for r in &rows {
                writer.write_record([
                    &text_cell(&r.name),
                    r.kind.as_str(),
                    &r.events.to_string(),
                    &text_cell(&r.aliases.join("; ")),
                ])?;
            }
            writer.flush()?;
        }
        ListFormat::Table => {
            let mut table = output::new_table(&["name", "kind", "events", "aliases"]);
            for r in &rows {
                table.add_row(vec![
                    r.name.clone(),
                    r.kind.clone(),
                    r.events.to_string(),
                    r.aliases.join("; "),
                ]);
            }
            output::write_table(out, &table)?;
        }
    }
    Ok(if total == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}

/// How many events an actor has in a loaded graph, by kind, and their
/// first and last days.
fn event_summary(
    graph: &crate::graph::Graph,
    id: crate::graph::ActorId,
) -> (usize, BTreeMap<String, usize>, Option<i32>, Option<i32>) {
    let events = graph.actor_events(id);
    let mut events_by_kind = BTreeMap::new();
    let mut first = None::<i32>;
    let mut last = None::<i32>;
    for &e in &events {
        if let Some(kind) = graph.event_kind(e) {
            *events_by_kind.entry(kind.as_str().to_string()).or_insert(0) += 1;
        }
        if let Some((start, end)) = graph.event_days(e) {
            first = Some(first.map_or(start, |f| f.min(start)));
            last = Some(last.map_or(end, |l| l.max(end)));
        }
    }
    (events.len(), events_by_kind, first, last)
}

/// Prints one actor: aliases, titles, affiliations, members, event counts
/// and first and last dates. An unknown or ambiguous name is an error.
pub(super) fn run_actor(
    cli: &Cli,
    args: &ActorArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    // a store of dataset rows sums the actor's events up from its index
    let profile = match super::open_for_query(cli)? {
        Some(store) => crate::pipeline::actor_profile(&store, &args.name)?,
        None => None,
    };
    let (graph, id, event_count, events_by_kind, first, last) = match profile {
        Some(p) => (
            p.graph,
            p.actor,
            p.events,
            p.events_by_kind.into_iter().collect::<BTreeMap<_, _>>(),
            p.first_day,
            p.last_day,
        ),
        None => {
            let graph = load_graph_of_actor(cli, &args.name)?;
            let id = resolve_actor(&graph, &args.name)?;
            let (count, by_kind, first, last) = event_summary(&graph, id);
            (graph, id, count, by_kind, first, last)
        }
    };
    let actor = graph.actor(id).expect("resolved actor exists");
    let day = |d: Option<i32>| {
        d.and_then(date_of_day_number)
            .map(|d| d.format("%Y-%m-%d").to_string())
    };
    let mut aliases = actor.aliases.clone();
    aliases.sort();
    let mut titles: Vec<Title> = actor.held_titles().cloned().collect();
    titles.sort();
    let members: Vec<Member> = graph
        .members(id)
        .into_iter()
        .filter_map(|(m, affiliation)| {
            Some(Member {
                name: graph.actor(m)?.name.clone(),
                affiliation,
            })
        })
        .collect();
    let detail = ActorDetail {
        name: actor.name.clone(),
        kind: actor.kind.as_str().to_string(),
        aliases,
        titles,
        affiliation: actor.affiliation.clone(),
        affiliations: graph.affiliations(id),
        members,
        country: actor.country.clone(),
        events: event_count,
        events_by_kind,
        first_date: day(first),
        last_date: day(last),
    };
    match args.format {
        ListFormat::Json => output::write_json(out, &detail)?,
        ListFormat::Csv | ListFormat::Table => {
            let titles: Vec<String> = detail
                .titles
                .iter()
                .map(|t| match &t.of {
                    Some(of) => format!("{} ({of})", t.title),
                    None => t.title.clone(),
                })
                .collect();
            let affiliations: Vec<String> = detail
                .affiliations
                .iter()
                .map(Affiliation::describe)
                .collect();
            let members: Vec<String> = detail
                .members
                .iter()
                .map(|m| format!("{}: {}", m.name, m.affiliation.describe()))
                .collect();
            let by_kind: Vec<String> = detail
                .events_by_kind
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            let rows = [
                ("name", detail.name.clone()),
                ("kind", detail.kind.clone()),
                ("aliases", detail.aliases.join("; ")),
                ("titles", titles.join("; ")),
                (
                    "affiliation",
                    detail.affiliation.clone().unwrap_or_default(),
                ),
                ("affiliations", affiliations.join("\n")),
                ("members", members.join("\n")),
                ("country", detail.country.clone().unwrap_or_default()),
                ("events", detail.events.to_string()),
                ("events by kind", by_kind.join(", ")),
                ("first date", detail.first_date.clone().unwrap_or_default()),
                ("last date", detail.last_date.clone().unwrap_or_default()),
            ];
            if args.format == ListFormat::Csv {
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(["field", "value"])?;
                for (k, v) in rows {
                    writer.write_record([k, &*text_cell(&v)])?;
                }
                writer.flush()?;
            } else {
                let mut table = output::new_table(&["field", "value"]);
                for (k, v) in rows {
                    table.add_row(vec![k.to_string(), v]);
                }
                output::write_table(out, &table)?;
            }
        }
    }
    Ok(Outcome::Done)
}
