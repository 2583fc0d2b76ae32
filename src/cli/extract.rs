//! `eventgraph extract ARTICLE...`: what the extraction finds in articles.

use super::ingest::parse_published;
use super::{output, Outcome};
use crate::extract::{extract_document, ExtractOptions};
use crate::interchange::ExtractionDoc;
use anyhow::Context;
use clap::{Args, ValueEnum};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::PathBuf;

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum ExtractFormat {
    /// The interchange JSON: one object for one article, JSON Lines for several
    #[default]
    Json,
    /// The events as a table
    Table,
}

/// Arguments of `extract`.
#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    /// Article files ("-" reads standard input)
    #[arg(required = true, value_name = "ARTICLE")]
    pub articles: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
    /// Publication date, overriding the article's header or text
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
}

fn read_input(path: &PathBuf) -> anyhow::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        return Ok(bytes);
    }
    std::fs::read(path).with_context(|| format!("cannot read {:?}", path.display().to_string()))
}

fn write_table(doc: &ExtractionDoc, out: &mut dyn Write) -> anyhow::Result<()> {
    let names: HashMap<&str, &str> = doc
        .actors
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    let mut table = output::new_table(&["date", "kind", "actors", "place", "modality", "evidence"]);
    for e in &doc.events {
        let date = match (&e.date.start, &e.date.end) {
            (Some(s), Some(t)) if s != t => format!("{s}..{t}"),
            (Some(s), _) => s.clone(),
            _ => e.date.value.clone().unwrap_or_default(),
        };
        let actors: Vec<String> = e
            .actors
            .iter()
            .map(|r| {
                let name = names
                    .get(r.actor.as_str())
                    .copied()
                    .unwrap_or(r.actor.as_str());
                if r.role == crate::model::Role::Participant.as_str() {
                    name.to_string()
                } else {
                    format!("{name} ({})", r.role)
                }
            })
            .collect();
        let evidence = e
            .evidence
            .first()
            .map(|x| x.text.clone())
            .unwrap_or_default();
        table.add_row(vec![
            date,
            e.kind.clone(),
            actors.join("; "),
            e.place.clone().unwrap_or_default(),
            e.modality.clone(),
            evidence,
        ]);
    }
    output::write_table(out, &table)?;
    Ok(())
}

/// Extracts each article and prints it: one JSON document, JSON Lines for
/// several articles, or a table per article. The first article that cannot
/// be read or extracted stops the run.
pub(super) fn run(args: &ExtractArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let published = parse_published(args.published.as_deref())?;
    let several = args.articles.len() > 1;
    for path in &args.articles {
        let bytes = read_input(path)?;
        // Other fields may be added to the options on the extract branch.
        #[allow(clippy::needless_update)]
        let options = ExtractOptions {
            published,
            file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
            ..ExtractOptions::default()
        };
        let file = path.display().to_string();
        let doc = extract_document(&bytes, &options)
            .with_context(|| format!("cannot extract {file:?}"))?;
        for warning in &doc.warnings {
            eprintln!(
                "eventgraph: {file}: {warning}{}",
                super::ingest::warning_hint(warning)
            );
        }
        match args.format {
            ExtractFormat::Json if several => {
                serde_json::to_writer(&mut *out, &doc)?;
                writeln!(out)?;
            }
            ExtractFormat::Json => output::write_json(out, &doc)?,
            ExtractFormat::Table => {
                if several {
                    writeln!(out, "{file}")?;
                }
                write_table(&doc, out)?;
            }
        }
    }
    Ok(Outcome::Done)
}
