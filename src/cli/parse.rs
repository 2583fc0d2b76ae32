//! `eventgraph parse [TEXT|FILE] --format conllu|json [--input-format
//! text|conllu]`: part-of-speech tags, lemmas and a dependency parse.

use super::{output, Outcome};
use crate::syntax::conllu::{read_conllu, write_sentence, Row, Sentence};
use crate::syntax::{AnalyzedSentence, Model};
use anyhow::Context;
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::{Read, Write};
use std::path::Path;

/// Output formats of `parse`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ParseFormat {
    #[default]
    Conllu,
    Json,
}

/// Input formats of `parse`.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum InputFormat {
    #[default]
    Text,
    Conllu,
}

/// Arguments of `parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The text, or a file to read ("-" or nothing reads standard input)
    pub input: Option<String>,
    /// Output format: CoNLL-U or JSON
    #[arg(long, value_enum, default_value_t = ParseFormat::Conllu)]
    pub format: ParseFormat,
    /// Input format: raw text (split into sentences and words), or CoNLL-U
    /// (its words are kept; its tags, lemmas and heads are replaced)
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    pub input_format: InputFormat,
}

/// One word in the JSON output.
#[derive(Debug, Serialize)]
struct WordRecord {
    id: usize,
    form: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
    upos: String,
    lemma: String,
    head: usize,
    deprel: String,
}

/// One sentence in the JSON output.
#[derive(Debug, Serialize)]
struct SentenceRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
    words: Vec<WordRecord>,
}

/// Reads the input: a file when the argument names one, standard input
/// for "-" or nothing, else the argument itself. Returns the text and the
/// name errors should give it.
fn read_input(input: Option<&str>) -> anyhow::Result<(String, String)> {
    match input {
        None | Some("-") => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("cannot read standard input as UTF-8 text")?;
            Ok((text, "<stdin>".to_string()))
        }
        Some(arg) if !arg.contains('\n') && Path::new(arg).is_file() => {
            let bytes = std::fs::read(arg).with_context(|| format!("cannot read {arg}"))?;
            let text = String::from_utf8(bytes)
                .map_err(|e| anyhow::anyhow!("{arg}: not UTF-8 text ({e})"))?;
            Ok((text, arg.to_string()))
        }
        Some(text) => Ok((text.to_string(), "<argument>".to_string())),
    }
}

/// The CoNLL-U sentence of a sentence of raw text.
fn conllu_sentence(text: &str, number: usize, sentence: &AnalyzedSentence) -> Sentence {
    let words = &sentence.words;
    let sentence_text: String = text[sentence.span.start..sentence.span.end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let tokens = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let mut row = Row::word(i + 1, &w.form);
            row.form = clean_field(&w.form);
            row.lemma = clean_field(&w.analysis.lemma);
            row.upos = Some(w.analysis.upos);
            row.head = Some(w.analysis.head);
            row.deprel = w.analysis.deprel.clone();
            if words
                .get(i + 1)
                .is_some_and(|next| next.span.start == w.span.end)
            {
                row.misc = "SpaceAfter=No".to_string();
            }
            row
        })
        .collect();
    Sentence {
        comments: vec![
            format!("# sent_id = {number}"),
            format!("# text = {sentence_text}"),
        ],
        tokens,
    }
}

/// A CoNLL-U field cannot hold tabs or line breaks, nor be empty.
fn clean_field(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if cleaned.trim().is_empty() {
        "_".to_string()
    } else {
        cleaned
    }
}

/// Analyses the input and prints it as CoNLL-U or JSON; nothing found when
/// the input holds no word.
pub fn run(args: &ParseArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (text, name) = read_input(args.input.as_deref())?;
    let model = Model::builtin();
    let (sentences, analyzed) = match args.input_format {
        InputFormat::Conllu => {
            let mut sentences = read_conllu(&name, text.as_bytes())?;
            for sentence in &mut sentences {
                model.annotate(sentence);
            }
            (sentences, Vec::new())
        }
        InputFormat::Text => {
            let analyzed = model.analyze_text(&text);
            let sentences = analyzed
                .iter()
                .enumerate()
                .map(|(i, s)| conllu_sentence(&text, i + 1, s))
                .collect();
            (sentences, analyzed)
        }
    };
    let found = sentences.iter().any(|s| s.word_count() > 0);
    match args.format {
        ParseFormat::Conllu => {
            for sentence in &sentences {
                write_sentence(out, sentence)?;
            }
        }
        ParseFormat::Json => {
            let records: Vec<SentenceRecord> = match args.input_format {
                InputFormat::Text => analyzed
                    .into_iter()
                    .map(|s| SentenceRecord {
                        text: Some(text[s.span.start..s.span.end].to_string()),
                        start: Some(s.span.start),
                        end: Some(s.span.end),
                        words: s
                            .words
                            .into_iter()
                            .enumerate()
                            .map(|(i, w)| WordRecord {
                                id: i + 1,
                                form: w.form,
                                start: Some(w.span.start),
                                end: Some(w.span.end),
                                upos: w.analysis.upos.to_string(),
                                lemma: w.analysis.lemma,
                                head: w.analysis.head,
                                deprel: w.analysis.deprel,
                            })
                            .collect(),
                    })
                    .collect(),
                InputFormat::Conllu => sentences
                    .iter()
                    .map(|s| SentenceRecord {
                        text: s.comment_value("text").map(str::to_string),
                        start: None,
                        end: None,
                        words: s
                            .words()
                            .map(|w| WordRecord {
                                id: w.word_id().unwrap_or(0),
                                form: w.form.clone(),
                                start: None,
                                end: None,
                                upos: w.upos.map_or("_".to_string(), |u| u.to_string()),
                                lemma: w.lemma.clone(),
                                head: w.head.unwrap_or(0),
                                deprel: w.deprel.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
            };
            output::write_json(out, &records)?;
        }
    }
    Ok(if found {
        Outcome::Done
    } else {
        Outcome::NothingFound
    })
}
