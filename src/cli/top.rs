//! `eventgraph top pairs|actors|kinds [FILTERS] [--by week|month]`: counts
//! over the selected events: the pairs of actors that appear together most
//! often, the most active actors, the commonest kinds, overall or per
//! period.

use super::{load_graph, output, Cli, FilterArgs, ListFormat, Outcome};
use crate::graph::{ActorId, EventId, Graph};
use crate::model::date_of_day_number;
use chrono::Datelike;
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// What `top` counts: `pairs` (two actors in one event), `actors` (events
/// an actor takes part in), `kinds` (events of a kind).
// No doc comments on the variants (see `ListFormat`).
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TopWhat {
    Pairs,
    Actors,
    Kinds,
}

/// The periods of `top --by`: ISO weeks (`2014-W13`) or months (`2014-03`).
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Period {
    Week,
    Month,
}

/// Arguments of `top`.
#[derive(Debug, Args)]
pub(crate) struct TopArgs {
    /// What to count: pairs (actors appearing together), actors, kinds
    #[arg(value_enum)]
    pub what: TopWhat,
    /// The event filters.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Count per week or per month (an event counts in the period of its first day)
    #[arg(long, value_enum)]
    pub by: Option<Period>,
    /// How many rows (per period with --by)
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// One counted row.
#[derive(Debug, Serialize)]
struct TopRow {
    /// The period (with `--by`).
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<String>,
    /// The actor (`top actors`).
    #[serde(skip_serializing_if = "Option::is_none")]
    actor: Option<String>,
    /// The two actors, sorted (`top pairs`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actors: Vec<String>,
    /// The event kind (`top kinds`).
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    /// The number of events.
    events: usize,
}

impl TopRow {
    fn label(&self) -> String {
        if let Some(actor) = &self.actor {
            actor.clone()
        } else if let Some(kind) = &self.kind {
            kind.clone()
        } else {
            self.actors.join(" – ")
        }
    }
}

/// The period of a day number.
fn period_of(day: i32, by: Period) -> String {
    let Some(date) = date_of_day_number(day) else {
        return String::new();
    };
    match by {
        Period::Month => date.format("%Y-%m").to_string(),
        Period::Week => {
            let week = date.iso_week();
            format!("{:04}-W{:02}", week.year(), week.week())
        }
    }
}

/// The names counted for one event.
fn keys_of(graph: &Graph, id: EventId, what: TopWhat) -> Vec<Vec<String>> {
    let name = |a: ActorId| graph.actor(a).map(|x| x.name.clone());
    match what {
        TopWhat::Kinds => graph
            .event_kind(id)
            .map(|k| vec![vec![k.as_str().to_string()]])
            .unwrap_or_default(),
        TopWhat::Actors | TopWhat::Pairs => {
            let mut actors: Vec<ActorId> =
                graph.participants(id).into_iter().map(|p| p.0).collect();
            actors.sort_unstable();
            actors.dedup();
            let mut names: Vec<String> = actors.into_iter().filter_map(name).collect();
            names.sort();
            names.dedup();
            if what == TopWhat::Actors {
                return names.into_iter().map(|n| vec![n]).collect();
            }
            let mut pairs = Vec::new();
            for (i, a) in names.iter().enumerate() {
                for b in &names[i + 1..] {
                    pairs.push(vec![a.clone(), b.clone()]);
                }
            }
            pairs
        }
    }
}

/// Counts the selected events, overall or per period; prints the top rows.
pub(super) fn run(cli: &Cli, args: &TopArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let graph = load_graph(cli)?;
    let filter = args.filter.to_filter(&graph)?;
    let ids = graph.events(&filter);
    // period -> key -> count; BTreeMaps keep the output deterministic
    let mut counts: BTreeMap<String, BTreeMap<Vec<String>, usize>> = BTreeMap::new();
    for &id in &ids {
        let period = match (args.by, graph.event_days(id)) {
            (Some(by), Some((start, _))) => period_of(start, by),
            _ => String::new(),
        };
        let slot = counts.entry(period).or_default();
        for key in keys_of(&graph, id, args.what) {
            *slot.entry(key).or_default() += 1;
        }
    }
    let mut rows = Vec::new();
    for (period, keys) in counts {
        let mut list: Vec<(Vec<String>, usize)> = keys.into_iter().collect();
        // most events first; ties by name (the map's order, kept by the stable sort)
        list.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        for (key, events) in list.into_iter().take(args.limit) {
            let mut row = TopRow {
                period: args.by.map(|_| period.clone()),
                actor: None,
                actors: Vec::new(),
                kind: None,
                events,
            };
            match args.what {
                TopWhat::Pairs => row.actors = key,
                TopWhat::Actors => row.actor = key.into_iter().next(),
                TopWhat::Kinds => row.kind = key.into_iter().next(),
            }
            rows.push(row);
        }
    }
    let what = match args.what {
        TopWhat::Pairs => "actors",
        TopWhat::Actors => "actor",
        TopWhat::Kinds => "kind",
    };
    match args.format {
        ListFormat::Json => output::write_json(out, &rows)?,
        ListFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            let mut header = Vec::new();
            if args.by.is_some() {
                header.push("period");
            }
            header.extend([what, "events"]);
            writer.write_record(&header)?;
            for r in &rows {
                let mut record = Vec::new();
                if let Some(p) = &r.period {
                    record.push(p.clone());
                }
                let label = match args.what {
                    TopWhat::Pairs => r.actors.join("; "),
                    _ => r.label(),
                };
                record.extend([label, r.events.to_string()]);
                writer.write_record(&record)?;
            }
            writer.flush()?;
        }
        ListFormat::Table => {
            let mut header = Vec::new();
            if args.by.is_some() {
                header.push("period");
            }
            header.extend([what, "events"]);
            let mut table = output::new_table(&header);
            for r in &rows {
                let mut cells = Vec::new();
                if let Some(p) = &r.period {
                    cells.push(p.clone());
                }
                cells.extend([r.label(), r.events.to_string()]);
                table.add_row(cells);
            }
            output::write_table(out, &table)?;
        }
    }
    Ok(if rows.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{day_number, EventKind, Role};
    use chrono::NaiveDate;

    #[test]
    fn periods_are_iso_weeks_and_months() {
        let day = |y, m, d| day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(period_of(day(2014, 3, 30), Period::Week), "2014-W13");
        assert_eq!(period_of(day(2014, 3, 31), Period::Week), "2014-W14");
        assert_eq!(period_of(day(2014, 3, 31), Period::Month), "2014-03");
        // 2015-01-01 is in the first ISO week of 2015; 2016-01-01 in 2015's last
        assert_eq!(period_of(day(2016, 1, 1), Period::Week), "2015-W53");
    }

    #[test]
    fn pairs_are_sorted_names_without_self_pairs() {
        let mut g = Graph::new();
        let a = g.add_actor(crate::model::Actor::new(
            "Zed Example",
            crate::model::ActorKind::Person,
        ));
        let b = g.add_actor(crate::model::Actor::new(
            "Amy Example",
            crate::model::ActorKind::Person,
        ));
        let day = day_number(NaiveDate::from_ymd_opt(2014, 3, 30).unwrap());
        let parts = [(a, Role::Source), (b, Role::Target), (a, Role::Participant)];
        let e = g
            .add_event(&crate::graph::NewEvent::day(EventKind::Meet, day, &parts))
            .unwrap();
        assert_eq!(
            keys_of(&g, e, TopWhat::Pairs),
            vec![vec!["Amy Example".to_string(), "Zed Example".to_string()]]
        );
        assert_eq!(keys_of(&g, e, TopWhat::Actors).len(), 2);
        assert_eq!(
            keys_of(&g, e, TopWhat::Kinds),
            vec![vec!["meet".to_string()]]
        );
    }
}
