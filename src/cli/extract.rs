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
    /// Article files ("-" reads standard input); with --jsonl, JSON Lines
    /// files of articles [default with --jsonl: standard input]
    #[arg(required_unless_present = "jsonl", value_name = "ARTICLE")]
    pub articles: Vec<PathBuf>,
    /// Read articles as JSON Lines (one object a line: "text" or "html",
    /// and optional "id", "title", "url", "published", "source") and write
    /// one extraction a line, as each arrives: a streaming filter
    #[arg(long)]
    pub jsonl: bool,
    /// With --jsonl: a bad line is still reported on stderr and skipped,
    /// but exits 0 (for Spark's `pipe`, which fails a task whose command
    /// exits non-zero)
    #[arg(long, requires = "jsonl")]
    pub keep_going: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
    /// Publication date, overriding the article's header or text
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Also print the events read as negated ("did not meet") or
    /// hypothetical ("could attack", "hopes to visit"), with that modality
    /// (by default only what is reported as done, under way or scheduled)
    #[arg(long)]
    pub unrealised: bool,
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
    if args.jsonl {
        return run_jsonl(args, published, out);
    }
    let several = args.articles.len() > 1;
    for path in &args.articles {
        let bytes = read_input(path)?;
        let options = ExtractOptions {
            published,
            file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
            unrealised: args.unrealised,
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

/// One article of `extract --jsonl`: the text (or an HTML page) and what a
/// file's header would give. Other fields are ignored.
#[derive(Debug, serde::Deserialize)]
struct JsonlArticle {
    id: Option<String>,
    text: Option<String>,
    html: Option<String>,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    source: Option<String>,
}

/// The extraction of one `--jsonl` line, or what is wrong with it (the
/// field named).
fn extract_line(
    line: &str,
    published: Option<chrono::NaiveDate>,
    unrealised: bool,
) -> Result<ExtractionDoc, String> {
    let article: JsonlArticle = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let (bytes, name) = match (&article.text, &article.html) {
        (Some(text), None) => (text.as_bytes(), "article.txt"),
        (None, Some(html)) => (html.as_bytes(), "article.html"),
        (Some(_), Some(_)) => return Err("text, html: give one of them, not both".into()),
        (None, None) => return Err("text: missing (or give html)".into()),
    };
    let published = match (published, &article.published) {
        (Some(day), _) => Some(day),
        (None, Some(text)) => Some(
            text.get(..10)
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .ok_or_else(|| {
                    format!("published: expected a date like 2016-07-28, but found {text:?}")
                })?,
        ),
        (None, None) => None,
    };
    let options = ExtractOptions {
        published,
        file_name: Some(name.to_string()),
        unrealised,
    };
    let mut doc = extract_document(bytes, &options).map_err(|e| e.to_string())?;
    let info = &mut doc.document;
    info.id = article
        .id
        .clone()
        .or_else(|| article.url.clone())
        .unwrap_or_else(|| info.id.clone());
    if article.title.is_some() {
        info.title = article.title;
    }
    if article.url.is_some() {
        info.url = article.url;
    }
    if article.source.is_some() {
        info.source = article.source;
    }
    Ok(doc)
}

/// `extract --jsonl`: each line of the inputs (standard input when none
/// is named) is an article; each extraction is written as one line as
/// soon as it is done, so the command runs as a filter in a pipe (Spark's
/// `pipe`, a shell pipeline). A line that cannot be read or extracted is
/// reported on stderr with its line number and field, and skipped; the
/// exit code is then 2, or 0 with `--keep-going`.
fn run_jsonl(
    args: &ExtractArgs,
    published: Option<chrono::NaiveDate>,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    use std::io::BufRead;
    let stdin = [PathBuf::from("-")];
    let inputs = if args.articles.is_empty() {
        &stdin[..]
    } else {
        &args.articles[..]
    };
    let mut failed = 0usize;
    for path in inputs {
        let (name, mut reader): (String, Box<dyn BufRead>) = if path.as_os_str() == "-" {
            ("<stdin>".to_string(), Box::new(std::io::stdin().lock()))
        } else {
            let file = std::fs::File::open(path)
                .with_context(|| format!("cannot read {:?}", path.display().to_string()))?;
            (
                path.display().to_string(),
                Box::new(std::io::BufReader::new(file)),
            )
        };
        // One line at a time, as bytes: memory is one line and its
        // extraction whatever the input's size, and a line that is not
        // UTF-8 is named and skipped like any other bad line.
        let mut bytes = Vec::new();
        let mut line_no = 0usize;
        loop {
            bytes.clear();
            let read = reader
                .read_until(b'\n', &mut bytes)
                .with_context(|| format!("cannot read {name}"))?;
            if read == 0 {
                break;
            }
            line_no += 1;
            let line = match std::str::from_utf8(&bytes) {
                Ok(line) => line,
                Err(e) => {
                    failed += 1;
                    eprintln!(
                        "eventgraph: {name}:{line_no}: not UTF-8 (byte {})",
                        e.valid_up_to() + 1
                    );
                    continue;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            match extract_line(line, published, args.unrealised) {
                Ok(doc) => {
                    for warning in &doc.warnings {
                        eprintln!("eventgraph: {name}:{line_no}: {warning}");
                    }
                    serde_json::to_writer(&mut *out, &doc)?;
                    writeln!(out)?;
                    out.flush()?;
                }
                Err(message) => {
                    failed += 1;
                    eprintln!("eventgraph: {name}:{line_no}: {message}");
                }
            }
        }
    }
    if failed > 0 {
        if args.keep_going {
            eprintln!("eventgraph: {failed} line(s) could not be extracted (see above)");
        } else {
            anyhow::bail!("{failed} line(s) could not be extracted (see above)");
        }
    }
    Ok(Outcome::Done)
}
