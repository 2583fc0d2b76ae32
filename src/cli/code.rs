//! `eventgraph code`: CAMEO event coding with PETRARCH dictionaries
//! (docs/coding.md).
//!
//! `code --dictionaries DIR [--verbs F] [--actors F]... [--agents F]
//! [--discards F] [--date YYYYMMDD] [TEXT|FILE] --format json|tsv` prints
//! one row per coding; `code --records FILE.xml` codes a PETRARCH
//! validation file with the dictionaries its `<Environment>` names and
//! prints one JSON line per record.

use super::Outcome;
use crate::petrarch::{
    parse_dict_date, read_records, Coder, Dictionaries, DictionaryFiles, RecordCoding,
};
use crate::pipeline::ArticleCoder;
use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Output formats of `code`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum CodeFormat {
    #[default]
    Json,
    Tsv,
}

/// Arguments of `code`.
#[derive(Debug, Args)]
pub struct CodeArgs {
    /// The text, or a file to read ("-" or nothing reads standard input)
    pub input: Option<String>,
    /// A folder of dictionaries, found by name (*verbs* or CAMEO*, *actors*, *agents*, *discards*)
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
    /// The verb dictionary (instead of the folder's)
    #[arg(long, value_name = "FILE")]
    pub verbs: Option<PathBuf>,
    /// An actor dictionary (repeat for several; instead of the folder's)
    #[arg(long, value_name = "FILE")]
    pub actors: Vec<PathBuf>,
    /// The agent dictionary (instead of the folder's)
    #[arg(long, value_name = "FILE")]
    pub agents: Option<PathBuf>,
    /// The discard list (instead of the folder's)
    #[arg(long, value_name = "FILE")]
    pub discards: Option<PathBuf>,
    /// The date actors' roles are chosen by (YYYYMMDD)
    #[arg(long, value_name = "YYYYMMDD")]
    pub date: Option<String>,
    /// Output format: JSON lines or tab-separated values
    #[arg(long, value_enum, default_value_t = CodeFormat::Json)]
    pub format: CodeFormat,
    /// Code a PETRARCH validation file (XML) instead: one JSON line per record
    #[arg(long, value_name = "FILE.xml", conflicts_with = "input")]
    pub records: Option<PathBuf>,
    /// A dictionary line a lenient read would skip (a bad date, a broken pattern) is an error
    #[arg(long)]
    pub strict: bool,
}

/// One coding in the JSON output.
#[derive(Debug, Serialize)]
struct CodingRow<'a> {
    source: &'a str,
    target: &'a str,
    code: &'a str,
    sentence: &'a str,
    verb: &'a str,
    start: usize,
    end: usize,
}

/// One record in the `--records` output.
#[derive(Debug, Serialize)]
struct RecordRow<'a> {
    id: &'a str,
    category: &'a str,
    codings: Vec<RecordCodingRow<'a>>,
}

#[derive(Debug, Serialize)]
struct RecordCodingRow<'a> {
    source: &'a str,
    target: &'a str,
    code: &'a str,
}

/// Runs `code`; nothing found when nothing was coded.
pub fn run(args: &CodeArgs, quiet: bool, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    if let Some(path) = &args.records {
        return run_records(args, path, quiet, out);
    }
    let files = dictionary_files(args)?;
    let dicts = load(&files, args.strict, quiet)?;
    let day = match &args.date {
        Some(date) => Some(
            parse_dict_date(date)
                .with_context(|| format!("--date {date}: expected a date YYYYMMDD"))?,
        ),
        None => None,
    };
    let text = read_input(args.input.as_deref())?;
    let coder = Coder::new(dicts);
    let mut any = false;
    if args.format == CodeFormat::Tsv {
        writeln!(out, "source\ttarget\tcode\tverb\tstart\tend\tsentence")?;
    }
    for sentence in coder.code_text(&text, day) {
        let sentence_text = one_line(&text[sentence.start..sentence.end]);
        for (coding, &(start, end)) in sentence.codings.iter().zip(&sentence.verb_spans) {
            any = true;
            let verb = &text[start..end];
            match args.format {
                CodeFormat::Json => {
                    let row = CodingRow {
                        source: &coding.source,
                        target: &coding.target,
                        code: &coding.code,
                        sentence: &sentence_text,
                        verb,
                        start,
                        end,
                    };
                    writeln!(out, "{}", serde_json::to_string(&row)?)?;
                }
                CodeFormat::Tsv => writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{start}\t{end}\t{}",
                    one_line(&coding.source),
                    one_line(&coding.target),
                    one_line(&coding.code),
                    one_line(verb),
                    sentence_text
                )?,
            }
        }
    }
    Ok(if any {
        Outcome::Done
    } else {
        Outcome::NothingFound
    })
}

fn run_records(
    args: &CodeArgs,
    path: &Path,
    quiet: bool,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let validation = read_records(path)?;
    let mut files = validation.files.clone();
    override_files(args, &mut files);
    let coder = Coder::new(load(&files, args.strict, quiet)?);
    for record in &validation.records {
        let codings: Vec<RecordCoding> = record.code(&coder);
        let row = RecordRow {
            id: &record.id,
            category: &record.category,
            codings: codings
                .iter()
                .map(|c| RecordCodingRow {
                    source: &c.source,
                    target: &c.target,
                    code: &c.code,
                })
                .collect(),
        };
        writeln!(out, "{}", serde_json::to_string(&row)?)?;
    }
    Ok(Outcome::Done)
}

fn dictionary_files(args: &CodeArgs) -> anyhow::Result<DictionaryFiles> {
    let mut files = match &args.dictionaries {
        Some(dir) => DictionaryFiles::in_folder(dir)
            .with_context(|| format!("cannot list the dictionaries in {}", dir.display()))?,
        None => DictionaryFiles::default(),
    };
    override_files(args, &mut files);
    if files.verbs.is_none() {
        bail!("no verb dictionary: give --dictionaries DIR (with a *verbs* or CAMEO* file) or --verbs FILE");
    }
    Ok(files)
}

fn override_files(args: &CodeArgs, files: &mut DictionaryFiles) {
    if let Some(v) = &args.verbs {
        files.verbs = Some(v.clone());
    }
    if !args.actors.is_empty() {
        files.actors = args.actors.clone();
    }
    if let Some(a) = &args.agents {
        files.agents = Some(a.clone());
    }
    if let Some(d) = &args.discards {
        files.discards = Some(d.clone());
    }
}

fn load(files: &DictionaryFiles, strict: bool, quiet: bool) -> anyhow::Result<Dictionaries> {
    let dicts = Dictionaries::load(files, strict)?;
    warn_skipped(&dicts, quiet);
    Ok(dicts)
}

/// The coder of `ingest --dictionaries DIR` and `build --dictionaries
/// DIR`: the folder's files found as `code --dictionaries` finds them,
/// read before any input is (a folder that cannot be listed, one without a
/// verb dictionary, or a dictionary that cannot be read is an error).
pub(super) fn article_coder(dir: &Path, quiet: bool) -> anyhow::Result<Arc<ArticleCoder>> {
    let files = DictionaryFiles::in_folder(dir).with_context(|| {
        format!(
            "--dictionaries: cannot list the dictionaries in {}",
            dir.display()
        )
    })?;
    if files.verbs.is_none() {
        bail!(
            "--dictionaries {}: no verb dictionary there (a .txt file named *verbs* or CAMEO*)",
            dir.display()
        );
    }
    let coder = ArticleCoder::load(&files, false)
        .with_context(|| format!("--dictionaries {}", dir.display()))?;
    warn_skipped(coder.coder().dictionaries(), quiet);
    Ok(Arc::new(coder))
}

/// Names the first dictionary lines a lenient read skipped and counts the
/// rest, on stderr unless `quiet`.
fn warn_skipped(dicts: &Dictionaries, quiet: bool) {
    if !quiet {
        // the published dictionaries have a few malformed lines: the first
        // ones are named, the rest counted, so a run does not open with a page
        const SHOWN: usize = 3;
        let warnings: Vec<_> = dicts.warnings().collect();
        for warning in warnings.iter().take(SHOWN) {
            eprintln!("eventgraph: warning: {warning} (skipped; --strict makes it an error)");
        }
        if warnings.len() > SHOWN {
            eprintln!(
                "eventgraph: warning: {} more malformed dictionary lines skipped (--strict stops at the first)",
                warnings.len() - SHOWN
            );
        }
    }
}

/// A file when the argument names one, standard input for "-" or nothing,
/// else the argument itself.
fn read_input(input: Option<&str>) -> anyhow::Result<String> {
    match input {
        None | Some("-") => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("cannot read standard input as UTF-8 text")?;
            Ok(text)
        }
        Some(arg) if !arg.contains('\n') && Path::new(arg).is_file() => {
            let bytes = std::fs::read(arg).with_context(|| format!("cannot read {arg}"))?;
            String::from_utf8(bytes).map_err(|e| anyhow::anyhow!("{arg}: not UTF-8 text ({e})"))
        }
        Some(text) => Ok(text.to_string()),
    }
}

/// Tabs, line breaks and other control characters as blanks, blanks
/// collapsed (TSV cells, the sentence in JSON).
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
