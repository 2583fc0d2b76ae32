//! The syntax model: tagger, lemmatiser and parser in one file, and the
//! analysis of a sentence (UPOS, lemma, head, relation per word).
//!
//! File format (little-endian): the magic `EGSYNTAX`, a `u32` format
//! version, then sections, each a 4-byte name, a `u64` byte length and the
//! bytes: `TAGR` (the tagger), `LEMM` (the lemmatiser), `PARS` (the parser),
//! and `END.` with length 0. Every section is written from sorted tables, so
//! training twice gives the same bytes.
//!
//! The shipped model `data/syntax/en_ewt.model` is embedded in the binary
//! (`include_bytes!`) and read once per process by [`Model::builtin`].

use super::binio::read_u64;
use super::conllu::Sentence;
use super::lemma::Lemmatizer;
use super::parser::{Parser, ParserOptions, TrainTree};
use super::tagger::{accuracy as tagger_accuracy, fold_of, train_tagger, Tagger, TaggerOptions};
use super::Upos;
use crate::text::{self, Span, TokKind};
use std::fmt;
use std::io::{self, Read, Write};
use std::sync::OnceLock;

/// The magic bytes at the start of a model file.
pub const MAGIC: &[u8; 8] = b"EGSYNTAX";
/// The format version this code reads and writes.
pub const VERSION: u32 = 1;

/// The shipped model file (UD English EWT; see data/README.md).
static BUILTIN: &[u8] = include_bytes!("../../data/syntax/en_ewt.model");

/// A model file that could not be read.
#[derive(Debug)]
pub struct ModelError(pub String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "syntax model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

impl From<io::Error> for ModelError {
    fn from(e: io::Error) -> ModelError {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            ModelError("the data ends early".to_string())
        } else {
            ModelError(e.to_string())
        }
    }
}

/// What the model says about one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// The part of speech.
    pub upos: Upos,
    /// The lemma.
    pub lemma: String,
    /// The head: 1-based word index, 0 for the root.
    pub head: usize,
    /// The relation to the head (`nsubj`, `obl:agent`, `root`).
    pub deprel: String,
}

/// [`Analysis`] with the lemma and relation borrowed from the model
/// ([`Model::analyze_each`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordAnalysis<'m> {
    /// The part of speech.
    pub upos: Upos,
    /// The lemma.
    pub lemma: std::borrow::Cow<'m, str>,
    /// The head: 1-based word index, 0 for the root.
    pub head: usize,
    /// The relation to the head (`nsubj`, `obl:agent`, `root`).
    pub deprel: &'m str,
}

/// The tagger, lemmatiser and parser.
#[derive(Debug, Clone)]
pub struct Model {
    /// The part-of-speech tagger.
    pub tagger: Tagger,
    /// The lemmatiser.
    pub lemmatizer: Lemmatizer,
    /// The dependency parser.
    pub parser: Parser,
}

/// Sentences longer than this are analysed in pieces of this many words
/// (each piece its own tree), which bounds the work per sentence.
pub const MAX_WORDS: usize = 200;

impl Model {
    /// The shipped model, read on first use and shared by the process.
    ///
    /// # Panics
    /// If the embedded model is corrupt, which a test guards against.
    pub fn builtin() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL
            .get_or_init(|| Model::from_bytes(BUILTIN).expect("the embedded syntax model is valid"))
    }

    /// Reads a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut input = bytes;
        let mut magic = [0u8; 8];
        input.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(ModelError("not a syntax model (bad magic)".to_string()));
        }
        let mut version = [0u8; 4];
        input.read_exact(&mut version)?;
        let version = u32::from_le_bytes(version);
        if version != VERSION {
            return Err(ModelError(format!(
                "format version {version}, expected {VERSION}"
            )));
        }
        let (mut tagger, mut lemmatizer, mut parser) = (None, None, None);
        loop {
            let mut name = [0u8; 4];
            input.read_exact(&mut name)?;
            let len = read_u64(&mut input)?;
            if len > input.len() as u64 {
                return Err(ModelError(format!(
                    "section {} of {len} bytes, but {} remain",
                    String::from_utf8_lossy(&name),
                    input.len()
                )));
            }
            let (mut body, rest) = input.split_at(len as usize);
            input = rest;
            match &name {
                b"TAGR" => tagger = Some(Tagger::read_from(&mut body)?),
                b"LEMM" => lemmatizer = Some(Lemmatizer::read_from(&mut body)?),
                b"PARS" => {
                    parser =
                        Some(Parser::read_from(&mut body).map_err(|e| ModelError(e.to_string()))?)
                }
                b"END." => break,
                other => {
                    return Err(ModelError(format!(
                        "unknown section {}",
                        String::from_utf8_lossy(other)
                    )))
                }
            }
            if !body.is_empty() {
                return Err(ModelError(format!(
                    "section {} has {} bytes left over",
                    String::from_utf8_lossy(&name),
                    body.len()
                )));
            }
        }
        let missing = |what: &str| ModelError(format!("the {what} section is missing"));
        Ok(Model {
            tagger: tagger.ok_or_else(|| missing("TAGR"))?,
            lemmatizer: lemmatizer.ok_or_else(|| missing("LEMM"))?,
            parser: parser.ok_or_else(|| missing("PARS"))?,
        })
    }

    /// Writes the model file.
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(MAGIC)?;
        out.write_all(&VERSION.to_le_bytes())?;
        let mut section = |name: &[u8; 4], body: &[u8]| -> io::Result<()> {
            out.write_all(name)?;
            out.write_all(&(body.len() as u64).to_le_bytes())?;
            out.write_all(body)
        };
        let mut body = Vec::new();
        self.tagger.write_to(&mut body)?;
        section(b"TAGR", &body)?;
        body.clear();
        self.lemmatizer.write_to(&mut body)?;
        section(b"LEMM", &body)?;
        body.clear();
        self.parser.write_to(&mut body)?;
        section(b"PARS", &body)?;
        section(b"END.", &[])
    }

    /// Tags, lemmatises and parses a sentence of words.
    pub fn analyze(&self, forms: &[&str]) -> Vec<Analysis> {
        let mut out = Vec::with_capacity(forms.len());
        self.analyze_each(forms, |a| {
            out.push(Analysis {
                upos: a.upos,
                lemma: a.lemma.into_owned(),
                head: a.head,
                deprel: a.deprel.to_string(),
            })
        });
        out
    }

    /// [`Model::analyze`] handing each word's analysis to `word`, in order,
    /// with the lemma and relation borrowed from the model where they can
    /// be (no allocation per word for them).
    pub fn analyze_each<'m>(&'m self, forms: &[&str], mut word: impl FnMut(WordAnalysis<'m>)) {
        for (piece, chunk) in forms.chunks(MAX_WORDS).enumerate() {
            let offset = piece * MAX_WORDS;
            let tags = self.tagger.tag(chunk);
            let mut arcs = self.parser.parse(chunk, &tags);
            passive_agents(chunk, &mut arcs);
            for (i, form) in chunk.iter().enumerate() {
                let upos = tags[i];
                let (head, deprel) = arcs
                    .get(i)
                    .map_or((0, "dep"), |(head, label)| (*head, *label));
                word(WordAnalysis {
                    upos,
                    lemma: self.lemmatizer.lemma_ref(form, upos),
                    head: if head == 0 { 0 } else { head + offset },
                    deprel,
                });
            }
        }
    }

    /// Fills a CoNLL-U sentence's UPOS, LEMMA, HEAD and DEPREL columns from
    /// its words' forms (everything else, multiword tokens and empty nodes
    /// included, is kept).
    pub fn annotate(&self, sentence: &mut Sentence) {
        let forms: Vec<String> = sentence.words().map(|w| w.form.clone()).collect();
        let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
        let analyses = self.analyze(&refs);
        for (row, analysis) in sentence.words_mut().zip(analyses) {
            row.upos = Some(analysis.upos);
            row.lemma = analysis.lemma;
            row.head = Some(analysis.head);
            row.deprel = analysis.deprel;
        }
    }

    /// Splits raw text into sentences and words with the project's splitter
    /// and tokeniser (plus the UD split of `n't`, `'re`, `'ve`, `'ll`, `'d`,
    /// `'m`), and analyses each sentence.
    pub fn analyze_text(&self, text: &str) -> Vec<AnalyzedSentence> {
        split_text(text)
            .into_iter()
            .map(|(span, words)| {
                let forms: Vec<&str> = words.iter().map(|w| &text[w.start..w.end]).collect();
                let analyses = self.analyze(&forms);
                AnalyzedSentence {
                    span,
                    words: words
                        .into_iter()
                        .zip(analyses)
                        .map(|(span, analysis)| AnalyzedWord {
                            form: text[span.start..span.end].to_string(),
                            span,
                            analysis,
                        })
                        .collect(),
                }
            })
            .collect()
    }
}

/// Options of [`train_model`].
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// The tagger's.
    pub tagger: TaggerOptions,
    /// The parser's.
    pub parser: ParserOptions,
    /// The parser trains on UPOS predicted by taggers trained on the other
    /// folds of this many (jackknifing); 0 or 1 trains it on gold UPOS.
    pub jackknife: usize,
    /// The jackknife folds are contiguous blocks of the training file
    /// (whole documents held out, as new text is) rather than every k-th
    /// sentence (the default; contiguous folds were measured no better).
    pub contiguous_folds: bool,
    /// Parameter mixing: with seeds here, one more parser is trained per
    /// seed (the same data and options, another shuffle and exploration)
    /// and the shipped parser is the uniform mixture of all of them
    /// ([`Parser::mix`]); empty trains one parser.
    pub parser_mix_seeds: Vec<u64>,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            tagger: TaggerOptions::default(),
            parser: ParserOptions::default(),
            jackknife: 5,
            contiguous_folds: false,
            parser_mix_seeds: Vec::new(),
        }
    }
}

/// The parser's view of a sentence with the given tags, or `None` when a
/// word lacks a head (the parser cannot learn from it).
fn train_tree<'a>(sentence: &'a Sentence, tags: Vec<Upos>) -> Option<TrainTree<'a>> {
    let mut tree = TrainTree {
        forms: Vec::new(),
        upos: tags,
        heads: Vec::new(),
        deprels: Vec::new(),
    };
    for word in sentence.words() {
        tree.forms.push(word.form.as_str());
        tree.heads.push(word.head?);
        tree.deprels.push(word.deprel.as_str());
    }
    Some(tree)
}

fn forms(sentence: &Sentence) -> Vec<&str> {
    sentence.words().map(|w| w.form.as_str()).collect()
}

/// Trains the tagger, the lemmatiser and the parser on `train`, reporting
/// development figures on `dev` through `log`. Deterministic: the same
/// input and options give the same model bytes.
pub fn train_model(
    train: &[Sentence],
    dev: &[Sentence],
    options: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Model {
    let mut tagger_log = |epoch: usize, tagger: &Tagger| {
        if !dev.is_empty() {
            log(&format!(
                "tagger epoch {epoch}: dev UPOS {:.2}%",
                100.0 * tagger_accuracy(tagger, dev)
            ));
        }
    };
    let tagger = train_tagger(train, &options.tagger, Some(&mut tagger_log));
    let lemmatizer = Lemmatizer::train(train);
    // The parser's training tags.
    let mut tags: Vec<Vec<Upos>> = train
        .iter()
        .map(|s| s.words().map(|w| w.upos.unwrap_or(Upos::X)).collect())
        .collect();
    if options.jackknife > 1 && train.len() >= options.jackknife {
        let k = options.jackknife;
        let fold_at = |i: usize| fold_of(i, train.len(), k, options.contiguous_folds);
        // The folds' taggers are independent: trained on threads, their
        // tags written back in fold order (the same tags as one by one).
        let fold_tags = parallel(k, &|fold| {
            let rest: Vec<Sentence> = train
                .iter()
                .enumerate()
                .filter(|&(i, _)| fold_at(i) != fold)
                .map(|(_, s)| s.clone())
                .collect();
            let fold_tagger = train_tagger(&rest, &options.tagger, None);
            train
                .iter()
                .enumerate()
                .filter(|&(i, _)| fold_at(i) == fold)
                .map(|(i, sentence)| (i, fold_tagger.tag(&forms(sentence))))
                .collect::<Vec<_>>()
        });
        for (fold, tagged) in fold_tags.into_iter().enumerate() {
            for (i, t) in tagged {
                tags[i] = t;
            }
            log(&format!("jackknife: fold {} of {k} tagged", fold + 1));
        }
    }
    let train_trees: Vec<TrainTree> = train
        .iter()
        .zip(tags)
        .filter_map(|(s, t)| train_tree(s, t))
        .collect();
    let dev_trees: Vec<TrainTree> = dev
        .iter()
        .filter_map(|s| train_tree(s, tagger.tag(&forms(s))))
        .collect();
    let parser = if options.parser_mix_seeds.is_empty() {
        Parser::train(&train_trees, &dev_trees, &options.parser, log)
    } else {
        // The mixture's parsers are independent (each its own seed):
        // trained on threads, their logs printed afterwards in seed order.
        let mut seeds = vec![options.parser.seed];
        seeds.extend(&options.parser_mix_seeds);
        let trained = parallel(seeds.len(), &|i| {
            let seeded = ParserOptions {
                seed: seeds[i],
                ..options.parser.clone()
            };
            let mut lines = Vec::new();
            let parser = Parser::train(&train_trees, &dev_trees, &seeded, &mut |line: &str| {
                lines.push(line.to_string())
            });
            (parser, lines)
        });
        let mut parsers = Vec::with_capacity(trained.len());
        for (i, (parser, lines)) in trained.into_iter().enumerate() {
            if i > 0 {
                log(&format!(
                    "parser: the mixture's parser of seed {}",
                    seeds[i]
                ));
            }
            for line in &lines {
                log(line);
            }
            parsers.push(parser);
        }
        match Parser::mix(&parsers, options.parser.min_weight) {
            Ok(mixed) => {
                log(&format!(
                    "parser: mixture of {} parsers, {} features",
                    parsers.len(),
                    mixed.feature_count()
                ));
                mixed
            }
            Err(e) => {
                log(&format!("parser: not mixed ({e}); the first parser kept"));
                parsers.swap_remove(0)
            }
        }
    };
    Model {
        tagger,
        lemmatizer,
        parser,
    }
}

/// Runs `job(0)` .. `job(n - 1)`, each on a thread of its own, and returns
/// the results in index order: the results do not depend on the threads.
fn parallel<T: Send>(n: usize, job: &(dyn Fn(usize) -> T + Sync)) -> Vec<T> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n).map(|i| scope.spawn(move || job(i))).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Gives the UD subtype `obl:agent` to an `obl` introduced by "by" (its
/// `case` child) whose head is passive (has an `aux:pass`, `nsubj:pass` or
/// `csubj:pass` child): UD's definition of the passive agent, and how EWT
/// annotates it (166 of the 173 such `obl` of the training file, 16 of 16
/// in dev). The parser learns the subtype from far fewer examples than the
/// relation and sometimes leaves the plain `obl` there; the universal
/// relation (and LAS) are unchanged.
fn passive_agents(forms: &[&str], arcs: &mut [(usize, &str)]) {
    if !arcs.iter().any(|&(_, label)| label == "obl") {
        return;
    }
    let n = arcs.len();
    let mut passive = vec![false; n + 1];
    let mut by = vec![false; n + 1];
    for (i, &(head, label)) in arcs.iter().enumerate() {
        let head = head.min(n);
        match label {
            "aux:pass" | "nsubj:pass" | "csubj:pass" => passive[head] = true,
            "case" if forms.get(i).is_some_and(|f| f.eq_ignore_ascii_case("by")) => by[head] = true,
            _ => {}
        }
    }
    for (i, arc) in arcs.iter_mut().enumerate() {
        if arc.1 == "obl" && by[i + 1] && arc.0 > 0 && passive[arc.0.min(n)] {
            arc.1 = "obl:agent";
        }
    }
}

/// A word of raw text with its analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedWord {
    /// The word as written.
    pub form: String,
    /// Its bytes in the text.
    pub span: Span,
    /// What the model says about it.
    pub analysis: Analysis,
}

/// A sentence of raw text, analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedSentence {
    /// Its bytes in the text.
    pub span: Span,
    /// Its words.
    pub words: Vec<AnalyzedWord>,
}

/// The clitics UD English writes as words of their own.
const CLITICS: [&str; 6] = ["n't", "'re", "'ve", "'ll", "'d", "'m"];

/// Sentences and their words: the project's splitter and tokeniser, with
/// contractions split as UD does ("don't" -> "do" "n't").
pub fn split_text(text: &str) -> Vec<(Span, Vec<Span>)> {
    let mut out = Vec::new();
    let mut tokens = Vec::new();
    for sentence in text::sentences(text) {
        tokens.clear();
        text::tokenize_into(text, sentence, &mut tokens);
        let mut words = Vec::with_capacity(tokens.len());
        for token in &tokens {
            let form = token.text(text);
            let mut split = None;
            if token.kind == TokKind::Word {
                let lower = form.to_ascii_lowercase().replace('\u{2019}', "'");
                for clitic in CLITICS {
                    // Compare on the ASCII-apostrophe form; the curly
                    // apostrophe is 3 bytes, so measure in the original.
                    let cut = if lower.ends_with(clitic) {
                        let chars = clitic.chars().count();
                        form.char_indices().rev().nth(chars - 1).map(|(i, _)| i)
                    } else {
                        None
                    };
                    if let Some(cut) = cut.filter(|&c| c > 0) {
                        split = Some(token.start + cut);
                        break;
                    }
                }
            }
            match split {
                Some(cut) => {
                    words.push(Span {
                        start: token.start,
                        end: cut,
                    });
                    words.push(Span {
                        start: cut,
                        end: token.end,
                    });
                }
                None => words.push(Span {
                    start: token.start,
                    end: token.end,
                }),
            }
        }
        if !words.is_empty() {
            out.push((sentence, words));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passive_by_phrases_are_agents() {
        // "The bridge was opened by the mayor in May ."
        let forms = [
            "The", "bridge", "was", "opened", "by", "the", "mayor", "in", "May", ".",
        ];
        let mut arcs = vec![
            (2, "det"),
            (4, "nsubj:pass"),
            (4, "aux:pass"),
            (0, "root"),
            (7, "case"),
            (7, "det"),
            (4, "obl"),
            (9, "case"),
            (4, "obl"),
            (4, "punct"),
        ];
        passive_agents(&forms, &mut arcs);
        assert_eq!(arcs[6].1, "obl:agent");
        assert_eq!(arcs[8].1, "obl", "an obl without 'by' keeps its relation");
        // Active voice: "They stood by the river ." keeps obl.
        let forms = ["They", "stood", "by", "the", "river", "."];
        let mut arcs = vec![
            (2, "nsubj"),
            (0, "root"),
            (5, "case"),
            (5, "det"),
            (2, "obl"),
            (2, "punct"),
        ];
        passive_agents(&forms, &mut arcs);
        assert_eq!(arcs[4].1, "obl");
    }

    #[test]
    fn contractions_split() {
        let text = "They don't know. We\u{2019}ll see.";
        let words: Vec<Vec<&str>> = split_text(text)
            .iter()
            .map(|(_, ws)| ws.iter().map(|w| &text[w.start..w.end]).collect())
            .collect();
        assert_eq!(
            words,
            [
                vec!["They", "do", "n't", "know", "."],
                vec!["We", "\u{2019}ll", "see", "."]
            ]
        );
    }
}
