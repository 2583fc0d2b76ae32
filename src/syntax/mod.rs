//! Syntax: part-of-speech tags, lemmas and a dependency parse for each
//! sentence, trained on Universal Dependencies (UD English EWT).
//!
//! The submodules: `conllu` reads and writes CoNLL-U, `tagger` predicts UPOS,
//! `lemma` gives lemmas, `parser` builds the dependency tree, `model` holds
//! the three in one file and analyses sentences ([`Model::builtin`],
//! [`Model::analyze`], [`Model::analyze_text`]). Design and figures:
//! docs/syntax.md.

pub mod binio;
pub mod conllu;
pub mod lemma;
pub mod model;
pub mod parser;
mod table;
pub mod tagger;

pub use model::{
    split_text, train_model, Analysis, AnalyzedSentence, AnalyzedWord, Model, ModelError,
    TrainOptions, WordAnalysis,
};

use std::fmt;
use std::str::FromStr;

/// A Universal Dependencies part-of-speech tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    /// Adjective.
    Adj,
    /// Adposition.
    Adp,
    /// Adverb.
    Adv,
    /// Auxiliary.
    Aux,
    /// Coordinating conjunction.
    Cconj,
    /// Determiner.
    Det,
    /// Interjection.
    Intj,
    /// Noun.
    Noun,
    /// Numeral.
    Num,
    /// Particle.
    Part,
    /// Pronoun.
    Pron,
    /// Proper noun.
    Propn,
    /// Punctuation.
    Punct,
    /// Subordinating conjunction.
    Sconj,
    /// Symbol.
    Sym,
    /// Verb.
    Verb,
    /// Other.
    X,
}

impl Upos {
    /// Every tag, in the order of their indexes.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as CoNLL-U writes it (`NOUN`).
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// The tag's index in [`Upos::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not one of the 17 UPOS tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownUpos(pub String);

impl fmt::Display for UnknownUpos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expected a UPOS tag (NOUN, VERB, ...), but found '{}'",
            self.0
        )
    }
}

impl std::error::Error for UnknownUpos {}

impl FromStr for Upos {
    type Err = UnknownUpos;

    fn from_str(text: &str) -> Result<Upos, UnknownUpos> {
        Upos::ALL
            .iter()
            .copied()
            .find(|tag| tag.as_str() == text)
            .ok_or_else(|| UnknownUpos(text.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upos_round_trip() {
        for (index, tag) in Upos::ALL.iter().enumerate() {
            assert_eq!(tag.index(), index);
            assert_eq!(tag.as_str().parse::<Upos>(), Ok(*tag));
        }
        assert!("noun".parse::<Upos>().is_err());
    }
}
