//! `eventgraph stats`: counts of what the database holds.

use super::{db_path, output, Cli, ListFormat, Outcome};
use crate::store::Store;
use clap::Args;
use std::io::Write;

/// Arguments of `stats`.
#[derive(Debug, Args)]
pub(crate) struct StatsArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Prints the database's counts: documents, actors, events and more,
/// events and actors by kind, first and last dates.
pub(super) fn run(cli: &Cli, args: &StatsArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let path = db_path(cli);
    if !path.exists() {
        anyhow::bail!(
            "no database at {:?}: run `eventgraph ingest` first",
            path.display().to_string()
        );
    }
    let store = Store::open_read_only(&path)?;
    // a store of dataset rows answers from its kept counts
    let stats = match crate::pipeline::stored_stats(&store)? {
        Some(stats) => stats,
        None => crate::pipeline::load(&store)?.stats(),
    };
    let mut rows: Vec<(String, String)> = vec![
        ("documents".into(), stats.documents.to_string()),
        ("actors".into(), stats.actors.to_string()),
        ("events".into(), stats.events.to_string()),
        ("participations".into(), stats.participations.to_string()),
        ("mentions".into(), stats.mentions.to_string()),
        ("places".into(), stats.places.to_string()),
        (
            "first date".into(),
            stats.first_date.clone().unwrap_or_default(),
        ),
        (
            "last date".into(),
            stats.last_date.clone().unwrap_or_default(),
        ),
    ];
    for (kind, n) in &stats.events_by_kind {
        rows.push((format!("events: {kind}"), n.to_string()));
    }
    for (kind, n) in &stats.actors_by_kind {
        rows.push((format!("actors: {kind}"), n.to_string()));
    }
    match args.format {
        ListFormat::Json => output::write_json(out, &stats)?,
        ListFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(["what", "count"])?;
            for (k, v) in &rows {
                writer.write_record([k, v])?;
            }
            writer.flush()?;
        }
        ListFormat::Table => {
            let mut table = output::new_table(&["what", "count"]);
            for (k, v) in rows {
                table.add_row(vec![k, v]);
            }
            output::write_table(out, &table)?;
        }
    }
    Ok(Outcome::Done)
}
