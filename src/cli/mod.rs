//! The command line: clap commands and terminal rendering; the only place
//! that touches the environment and exits.
//!
//! One file per subcommand. stdout carries data only; diagnostics go to
//! stderr prefixed with `eventgraph:`. Exit codes: 0 success, 1 a query
//! matched nothing, 2 an error (a broken pipe exits 0).

mod actors;
mod build;
mod code;
mod dates;
mod events;
mod export;
mod extract;
mod ingest;
mod output;
mod parse;
mod path;
pub(crate) mod progress;
mod scope;
mod serve;
mod stats;
mod timeline;
mod top;
mod walk;

use crate::graph::{ActorId, ActorLookup, EventFilter, Graph};
use crate::model::{day_number, EventKind, When};
use crate::store::Store;
use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, Write};
use std::path::PathBuf;

/// Turn news into a knowledge graph of dated events and the actors in them.
#[derive(Debug, Parser)]
#[command(name = "eventgraph", version, about, max_term_width = 100)]
pub struct Cli {
    /// The database file [default: $EVENTGRAPH_DB, else ./eventgraph.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// No progress or summary messages on stderr
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles (.txt, .html) or interchange JSON (.json, .jsonl) into the database
    Ingest(ingest::IngestArgs),
    /// Counts of documents, actors, events and more
    Stats(stats::StatsArgs),
    /// List events, filtered by actor, date, kind and place
    Events(events::EventsArgs),
    /// Who met whom, when and where
    Meetings(events::MeetingsArgs),
    /// List actors
    Actors(actors::ActorsArgs),
    /// Everything about one actor: aliases, titles, affiliation, events
    Actor(actors::ActorArgs),
    /// The shortest chain of events linking two actors
    Path(path::PathArgs),
    /// Counts: the pairs of actors seen together most, the most active actors, kinds; per week or month
    Top(top::TopArgs),
    /// Export the graph (or a filtered part): DOT, SVG, PNG, PDF, JSON, CSV, GraphML, Turtle, ...
    Export(export::ExportArgs),
    /// A chronological summary: one sentence per event, grouped by day
    Timeline(timeline::TimelineArgs),
    /// One-shot main job: ingest inputs into OUT/eventgraph.db and write reports
    Build(build::BuildArgs),
    /// A local web interface: search, actor pages, a graph to widen, timeline, map
    Serve(serve::ServeArgs),
    /// Extract actors, places, dates and events from articles
    Extract(extract::ExtractArgs),
    /// Find and resolve temporal expressions in text
    Dates(dates::DatesArgs),
    /// Part-of-speech tags, lemmas and a dependency parse of text or CoNLL-U
    Parse(parse::ParseArgs),
    /// CAMEO event codes of text with PETRARCH dictionaries (actors, agents, verbs, discards)
    Code(code::CodeArgs),
}

/// How to print a listing: `table` (a Markdown-style text table, the
/// default), `json` (pretty-printed JSON) or `csv` (CSV with a header row).
// No doc comments on the variants: clap would make them possible-value help
// and switch the `--help` of every listing command to the long layout.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ListFormat {
    #[default]
    Table,
    Json,
    Csv,
}

/// Filters shared by `events`, `meetings` and `export`.
#[derive(Debug, Clone, Args, Default)]
pub struct FilterArgs {
    /// Events involving this actor (name or alias; repeat: all of them)
    #[arg(long, value_name = "NAME")]
    pub actor: Vec<String>,
    /// ... together with this actor
    #[arg(long, value_name = "NAME")]
    pub with: Option<String>,
    /// From this date on (2014-03-30, 2014-03 or 2014)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Up to this date (a month or year means its last day)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Events of this kind (meet, call, visit, statement, ...; repeat for several)
    #[arg(long, value_name = "KIND")]
    pub kind: Vec<String>,
    /// Events at this place
    #[arg(long, value_name = "NAME")]
    pub place: Option<String>,
}

/// A command's result: success, or a query that matched nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The command succeeded: exit code 0.
    Done,
    /// A query matched nothing: exit code 1.
    NothingFound,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = run(&cli, &mut out).and_then(|outcome| {
        out.flush()?;
        Ok(outcome)
    });
    match result {
        Ok(Outcome::Done) => 0,
        Ok(Outcome::NothingFound) => 1,
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            eprintln!("eventgraph: {}", error_message(&e));
            2
        }
    }
}

/// The error and its causes joined by ": ", leaving out a cause that the
/// message already says (an error that prints its source, a library that
/// repeats its cause's text), so no cause is printed twice.
fn error_message(e: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if text.is_empty() || message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Runs a parsed command, writing data to `out`.
pub fn run(cli: &Cli, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    match &cli.command {
        Command::Ingest(args) => ingest::run(cli, args),
        Command::Stats(args) => stats::run(cli, args, out),
        Command::Events(args) => events::run_events(cli, args, out),
        Command::Meetings(args) => events::run_meetings(cli, args, out),
        Command::Actors(args) => actors::run_actors(cli, args, out),
        Command::Actor(args) => actors::run_actor(cli, args, out),
        Command::Path(args) => path::run(cli, args, out),
        Command::Top(args) => top::run(cli, args, out),
        Command::Export(args) => export::run(cli, args, out),
        Command::Timeline(args) => timeline::run(cli, args, out),
        Command::Build(args) => build::run(cli, args),
        Command::Serve(args) => serve::run(cli, args),
        Command::Extract(args) => extract::run(args, out),
        Command::Dates(args) => dates::run(args, out),
        Command::Parse(args) => parse::run(args, out),
        Command::Code(args) => code::run(args, cli.quiet, out),
    }
}

/// The database path: `--db`, else `$EVENTGRAPH_DB`, else `./eventgraph.db`.
pub fn db_path(cli: &Cli) -> PathBuf {
    if let Some(path) = &cli.db {
        return path.clone();
    }
    match std::env::var_os("EVENTGRAPH_DB") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => PathBuf::from("eventgraph.db"),
    }
}

/// Says on stderr (unless `--quiet`) that `--limit` left rows out.
fn note_limit(cli: &Cli, shown: usize, total: usize, what: &str) {
    if shown < total && !cli.quiet {
        eprintln!("eventgraph: showing {shown} of {total} {what} (--limit {shown})");
    }
}

/// The store opened read-only for a query that reads it through its
/// indexes; `None` when there is no database (the whole-store load then
/// says so).
fn open_for_query(cli: &Cli) -> anyhow::Result<Option<Store>> {
    let path = db_path(cli);
    if !path.exists() {
        return Ok(None);
    }
    Ok(Some(Store::open_read_only(&path)?))
}

/// Opens the database and loads its graph; a missing database is an error
/// for the query commands (they would only find nothing).
fn load_graph(cli: &Cli) -> anyhow::Result<Graph> {
    let path = db_path(cli);
    if !path.exists() {
        bail!("{}", missing_database_message(&path));
    }
    let store = Store::open_read_only(&path)?;
    crate::pipeline::load(&store)
        .with_context(|| format!("cannot load {:?}", path.display().to_string()))
}

/// The graph a query with these filters needs: with `--actor`/`--with`, or
/// `--from` or `--to`, and no `--depth`, only the events of those actors
/// and days, and of the `kinds` when some are given (`pipeline::load_window`:
/// the same answers as the whole graph for a query that keeps only those
/// kinds), else the whole store.
fn load_graph_for(
    cli: &Cli,
    filter: &FilterArgs,
    depth: Option<u32>,
    kinds: &[EventKind],
) -> anyhow::Result<Graph> {
    let names: Vec<&str> = filter
        .actor
        .iter()
        .chain(filter.with.iter())
        .map(String::as_str)
        .collect();
    if depth.is_some() || (names.is_empty() && filter.from.is_none() && filter.to.is_none()) {
        return load_graph(cli);
    }
    let from = match filter.from.as_deref() {
        Some(text) => parse_date_arg("from", text)?.0,
        None => i32::MIN,
    };
    let to = match filter.to.as_deref() {
        Some(text) => parse_date_arg("to", text)?.1,
        None => i32::MAX,
    };
    let path = db_path(cli);
    if !path.exists() {
        return load_graph(cli);
    }
    let store = Store::open_read_only(&path)?;
    crate::pipeline::load_window(&store, &names, from, to, kinds)
        .with_context(|| format!("cannot load {:?}", path.display().to_string()))
}

/// The graph `actor NAME` needs when the store cannot sum the actor's
/// events up itself (`pipeline::actor_profile`): every actor, and the
/// events of the actor the name finds (`pipeline::load_actor_days`; the
/// whole store when it holds articles).
fn load_graph_of_actor(cli: &Cli, name: &str) -> anyhow::Result<Graph> {
    let path = db_path(cli);
    if !path.exists() {
        return load_graph(cli);
    }
    let store = Store::open_read_only(&path)?;
    crate::pipeline::load_actor_days(&store, &[name], i32::MIN, i32::MAX)
        .with_context(|| format!("cannot load {:?}", path.display().to_string()))
}

/// The error for a query without a database: where `build` reports keep
/// theirs (`DIR/eventgraph.db` of the folders beside it), else how to make one.
fn missing_database_message(path: &std::path::Path) -> String {
    let shown = path.display().to_string();
    let mut reports: Vec<PathBuf> = Vec::new();
    let here = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let Ok(entries) = std::fs::read_dir(&here) {
        for entry in entries.flatten() {
            let candidate = entry.path().join(build::DATABASE_NAME);
            if candidate.is_file() {
                reports.push(candidate);
            }
        }
    }
    reports.sort();
    let relative = |p: &PathBuf| -> String {
        p.strip_prefix(".")
            .map(|r| r.display().to_string())
            .unwrap_or_else(|_| p.display().to_string())
    };
    match reports.as_slice() {
        [] => format!(
            "no database at {shown:?}: run `eventgraph ingest` first, or give --db or \
             $EVENTGRAPH_DB (a report written by `eventgraph build --out DIR` keeps its \
             database at DIR/{})",
            build::DATABASE_NAME
        ),
        [one] => format!(
            "no database at {shown:?}; a report's database is at {0:?}: give --db {0} (or \
             set EVENTGRAPH_DB={0})",
            relative(one)
        ),
        many => format!(
            "no database at {shown:?}; reports' databases are at {}: give one with --db",
            many.iter().map(relative).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// Parses a DATE argument into its first and last day numbers.
fn parse_date_arg(flag: &str, text: &str) -> anyhow::Result<(i32, i32)> {
    let when = When::parse_query(text).with_context(|| format!("bad --{flag}"))?;
    Ok((day_number(when.start), day_number(when.end)))
}

/// Looks an actor up by name. Several matches: the one with the most
/// events is used and stderr says so ("Lavrov: 2 actors match, using
/// ...; give the full name"). No match: an error suggesting the closest
/// names ("did you mean Kerry?").
fn resolve_actor(graph: &Graph, name: &str) -> anyhow::Result<ActorId> {
    let list = |ids: &[ActorId]| -> String {
        ids.iter()
            .take(12)
            .filter_map(|&a| graph.actor(a))
            .map(|a| format!("{:?} ({})", a.name, a.kind))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match graph.lookup_actor(name) {
        ActorLookup::Found(id) => Ok(id),
        ActorLookup::Ambiguous(ids) => {
            // Most events first, then the name order of `lookup_actor`.
            let mut ranked = ids.clone();
            ranked.sort_by_key(|&a| std::cmp::Reverse(graph.actor_event_count(a)));
            let chosen = ranked[0];
            let describe = |a: ActorId| {
                graph.actor(a).map_or_else(String::new, |x| {
                    format!(
                        "{:?} ({}, {} events)",
                        x.name,
                        x.kind,
                        graph.actor_event_count(a)
                    )
                })
            };
            let others: Vec<String> = ranked[1..].iter().take(11).map(|&a| describe(a)).collect();
            eprintln!(
                "eventgraph: {name}: {} actors match, using {}; give the full name (also: {}{})",
                ids.len(),
                describe(chosen),
                others.join(", "),
                if ranked.len() > 12 { ", ..." } else { "" }
            );
            Ok(chosen)
        }
        ActorLookup::NotFound(ids) => {
            let close = closest_names(graph, name);
            let hint = if close.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", close.join(" or "))
            };
            if ids.is_empty() {
                bail!("no actor named {name:?}{hint} (see `eventgraph actors`)")
            }
            bail!(
                "no actor named {name:?}{hint}; actors with a similar name: {}{}",
                list(&ids),
                if ids.len() > 12 { ", ..." } else { "" }
            )
        }
    }
}

/// Edit distance between two strings (by characters).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The actor names (canonical names, aliases, and the words of multi-word
/// names) closest to `query` by edit distance, at most a third of the
/// query's length away; up to three, the nearest first, then by name.
fn closest_names(graph: &Graph, query: &str) -> Vec<String> {
    let norm = crate::model::normalize_name(query);
    let budget = (norm.chars().count() / 3).max(1);
    let mut best: std::collections::BTreeMap<usize, std::collections::BTreeSet<String>> =
        std::collections::BTreeMap::new();
    for id in graph.actors_of_kind(None) {
        let Some(actor) = graph.actor(id) else {
            continue;
        };
        for name in actor.names() {
            let whole = crate::model::normalize_name(name);
            let mut candidates: Vec<(String, String)> = vec![(whole.clone(), name.to_string())];
            if !norm.contains(' ') {
                // A one-word query is compared with each word of a name
                // ("Kery" with "John Kerry" gives "Kerry").
                for (w, shown) in whole.split(' ').zip(name.split_whitespace()) {
                    if w.chars().count() > 2 {
                        candidates.push((w.to_string(), shown.to_string()));
                    }
                }
            }
            for (key, shown) in candidates {
                let d = edit_distance(&norm, &key);
                if d <= budget {
                    best.entry(d).or_default().insert(shown);
                }
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    for name in best.into_values().flatten() {
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out.truncate(3);
    out
}

impl FilterArgs {
    /// The graph filter these arguments describe.
    fn to_filter(&self, graph: &Graph) -> anyhow::Result<EventFilter> {
        let mut actors = Vec::new();
        for name in self.actor.iter().chain(self.with.iter()) {
            actors.push(resolve_actor(graph, name)?);
        }
        let from = match &self.from {
            Some(text) => Some(parse_date_arg("from", text)?.0),
            None => None,
        };
        let to = match &self.to {
            Some(text) => Some(parse_date_arg("to", text)?.1),
            None => None,
        };
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                bail!(
                    "--to {:?} comes before --from {:?}",
                    self.to.as_deref().unwrap_or(""),
                    self.from.as_deref().unwrap_or("")
                );
            }
        }
        let kinds = self
            .kind
            .iter()
            .map(|k| k.parse::<EventKind>())
            .collect::<Result<Vec<_>, _>>()?;
        Ok(EventFilter {
            actors,
            from,
            to,
            kinds,
            place: self.place.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn an_error_message_says_each_cause_once() {
        let path = std::env::temp_dir().join(format!("eventgraph-not-a-db-{}", std::process::id()));
        std::fs::write(&path, vec![b'x'; 4096]).unwrap();
        let error = anyhow::Error::from(Store::open(&path).unwrap_err());
        std::fs::remove_file(&path).unwrap();
        let message = error_message(&error);
        assert_eq!(
            message.matches("file is not a database").count(),
            1,
            "{message}"
        );
        assert!(message.starts_with("cannot open database"), "{message}");
        let chained = anyhow::anyhow!("inner cause")
            .context("outer: inner cause")
            .context("top");
        assert_eq!(error_message(&chained), "top: outer: inner cause");
    }
}
