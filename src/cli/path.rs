//! `eventgraph path NAME NAME`: the shortest chain of events linking two actors.

use super::{load_graph, output, resolve_actor, Cli, ListFormat, Outcome};
use crate::export::text_cell;
use clap::Args;
use serde::Serialize;
use std::io::Write;

/// Arguments of `path`.
#[derive(Debug, Args)]
pub(crate) struct PathArgs {
    /// The first actor
    pub from: String,
    /// The second actor
    pub to: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Serialize)]
struct StepJson {
    from: String,
    to: String,
    event: output::EventJson,
}

/// Prints the shortest chain of events linking the two actors, one step
/// per row; nothing found (with a note on stderr) when none links them.
pub(super) fn run(cli: &Cli, args: &PathArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    // a store of dataset rows finds the chain through its actor index and
    // loads only its events
    let indexed = match super::open_for_query(cli)? {
        Some(store) => crate::pipeline::load_path(&store, &args.from, &args.to)?,
        None => None,
    };
    let graph = match indexed {
        Some(graph) => graph,
        None => load_graph(cli)?,
    };
    let from = resolve_actor(&graph, &args.from)?;
    let to = resolve_actor(&graph, &args.to)?;
    let name = |a| graph.actor(a).map(|x| x.name.clone()).unwrap_or_default();
    let Some(steps) = graph.path(from, to) else {
        eprintln!(
            "eventgraph: no chain of events links {:?} and {:?}",
            name(from),
            name(to)
        );
        return Ok(Outcome::NothingFound);
    };
    let rows: Vec<StepJson> = steps
        .iter()
        .filter_map(|s| {
            let event = graph.to_event(s.event)?;
            Some(StepJson {
                from: name(s.from),
                to: name(s.to),
                event: output::event_json(&graph, &event),
            })
        })
        .collect();
    match args.format {
        ListFormat::Json => output::write_json(out, &rows)?,
        ListFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(["from", "to", "date", "kind", "place", "event"])?;
            for r in &rows {
                writer.write_record([
                    &text_cell(&r.from),
                    &text_cell(&r.to),
                    r.event.date.start.as_str(),
                    &r.event.kind,
                    &text_cell(r.event.place.as_deref().unwrap_or("")),
                    &r.event.id,
                ])?;
            }
            writer.flush()?;
        }
        ListFormat::Table => {
            let mut table = output::new_table(&["from", "to", "date", "kind", "place", "event"]);
            for r in &rows {
                table.add_row(vec![
                    r.from.clone(),
                    r.to.clone(),
                    r.event.date.start.clone(),
                    r.event.kind.clone(),
                    r.event.place.clone().unwrap_or_default(),
                    r.event.id.clone(),
                ]);
            }
            output::write_table(out, &table)?;
        }
    }
    Ok(Outcome::Done)
}
