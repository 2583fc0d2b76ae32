//! `eventgraph dates [TEXT|-] --reference DATE`: temporal expressions in text.

use super::ingest::parse_day_flag;
use super::{output, Outcome};
use crate::extract::timex_mention;
use crate::interchange::TimexRecord;
use crate::time::{find_timexes, TagOptions};
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::io::{Read, Write};

/// Output formats of `dates`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum DatesFormat {
    #[default]
    Table,
    Json,
}

/// Arguments of `dates`.
#[derive(Debug, Args)]
pub(crate) struct DatesArgs {
    /// The text ("-" or nothing reads standard input)
    pub text: Option<String>,
    /// The date that relative expressions are resolved against (2014-03-31)
    #[arg(long, value_name = "DATE")]
    pub reference: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DatesFormat::Table)]
    pub format: DatesFormat,
}

/// Finds the temporal expressions in the text (or stdin) and prints them
/// with their resolved dates; nothing found when there are none.
pub(super) fn run(args: &DatesArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let text = match args.text.as_deref() {
        Some(t) if t != "-" => t.to_string(),
        _ => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("cannot read standard input as UTF-8 text")?;
            text
        }
    };
    let options = match parse_day_flag("reference", args.reference.as_deref())? {
        Some(day) => TagOptions::with_reference_date(day),
        None => TagOptions::default(),
    };
    let records: Vec<TimexRecord> = find_timexes(&text, &options)
        .iter()
        .map(|t| TimexRecord::from(&timex_mention(t)))
        .collect();
    match args.format {
        DatesFormat::Json => output::write_json(out, &records)?,
        DatesFormat::Table => {
            let mut table =
                output::new_table(&["text", "start", "end", "value", "type", "first", "last"]);
            for r in &records {
                let (first, last) = r
                    .date
                    .as_ref()
                    .map(|d| {
                        (
                            d.start.clone().unwrap_or_default(),
                            d.end.clone().unwrap_or_default(),
                        )
                    })
                    .unwrap_or_default();
                table.add_row(vec![
                    r.text.clone(),
                    r.start.to_string(),
                    r.end.to_string(),
                    r.value.clone(),
                    r.kind.clone(),
                    first,
                    last,
                ]);
            }
            output::write_table(out, &table)?;
        }
    }
    Ok(if records.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}
