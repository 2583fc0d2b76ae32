//! The lemmatiser: exceptions learnt from the treebank, then suffix rules.
//!
//! 1. A word seen in training with that UPOS takes its most frequent lemma
//!    there (looked up by exact form, then by lower-cased form; the table of
//!    lower-cased forms only holds those never seen lower-case).
//! 2. Otherwise a suffix rule learnt per UPOS and case class (lower,
//!    capitalised, all capitals, other): the rule of the longest suffix of
//!    the lower-cased word (up to [`MAX_SUFFIX`] characters) seen in at least
//!    [`MIN_RULE_TYPES`] training word types. A rule strips some characters
//!    and appends others, applied to the lower-cased word or to the word as
//!    written (which one is part of the rule: `PROPN` keeps its case).
//! 3. Failing all that, `PROPN` keeps its form and other tags lower-case it.
//!
//! Tables are written sorted, so a model file is the same from run to run.

use super::binio::{invalid, read_count, read_str, read_u8, write_str, write_u32};
use super::conllu::Sentence;
use super::Upos;
use std::borrow::{Borrow, Cow};
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::io::{self, Read, Write};

/// The longest suffix a rule is keyed on, in characters.
pub const MAX_SUFFIX: usize = 6;
/// The number of word types a suffix must be seen in to key a rule.
pub const MIN_RULE_TYPES: u32 = 2;

/// A suffix edit: strip `strip` characters, append `append`; on the
/// lower-cased word (`lower`) or on the word as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Rule {
    lower: bool,
    strip: u8,
    append: String,
}

impl Rule {
    /// The rule turning `form` into `lemma`, if one exists (the lemma must
    /// share a prefix with the form, lower-cased or as written).
    fn learn(form: &str, lemma: &str) -> Option<Rule> {
        let lower = form.to_lowercase();
        for (use_lower, base) in [(true, lower.as_str()), (false, form)] {
            if use_lower && lower.chars().count() != form.chars().count() {
                continue;
            }
            let common = base
                .chars()
                .zip(lemma.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let strip = base.chars().count() - common;
            // Only the word's ending may change (up to 8 characters).
            if strip <= 8 && common > 0 || base.is_empty() {
                let append: String = lemma.chars().skip(common).collect();
                let rule = Rule {
                    lower: use_lower,
                    strip: strip as u8,
                    append,
                };
                if rule.apply(form).as_deref() == Some(lemma) {
                    return Some(rule);
                }
            }
        }
        None
    }

    fn apply(&self, form: &str) -> Option<String> {
        let base = if self.lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let count = base.chars().count();
        let strip = usize::from(self.strip);
        if strip >= count && strip > 0 {
            return None;
        }
        let mut out: String = base.chars().take(count - strip).collect();
        out.push_str(&self.append);
        Some(out)
    }
}

/// The case class of a word: 0 lower (or no letters), 1 capitalised, 2 all
/// capitals, 3 mixed.
fn case_class(form: &str) -> u8 {
    let letters = || form.chars().filter(|c| c.is_alphabetic());
    let upper = letters().filter(|c| c.is_uppercase()).count();
    let total = letters().count();
    if upper == 0 {
        0
    } else if upper == total && total > 1 {
        2
    } else if form.chars().next().is_some_and(char::is_uppercase) && upper == 1 {
        1
    } else {
        3
    }
}

/// A (form, UPOS) key of the exception tables, owned or borrowed: the
/// tables, keyed by `(String, u8)`, are looked up with a `(&str, u8)`
/// without building a `String` (both hash and compare as the pair).
trait FormTag {
    fn form(&self) -> &str;
    fn tag(&self) -> u8;
}

impl FormTag for (String, u8) {
    fn form(&self) -> &str {
        &self.0
    }
    fn tag(&self) -> u8 {
        self.1
    }
}

impl FormTag for (&str, u8) {
    fn form(&self) -> &str {
        self.0
    }
    fn tag(&self) -> u8 {
        self.1
    }
}

impl<'a> Borrow<dyn FormTag + 'a> for (String, u8) {
    fn borrow(&self) -> &(dyn FormTag + 'a) {
        self
    }
}

impl Hash for dyn FormTag + '_ {
    /// As `(String, u8)` hashes: the string, then the byte.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.form().hash(state);
        self.tag().hash(state);
    }
}

impl PartialEq for dyn FormTag + '_ {
    fn eq(&self, other: &Self) -> bool {
        self.tag() == other.tag() && self.form() == other.form()
    }
}

impl Eq for dyn FormTag + '_ {}

/// The rule table key: UPOS, case class, suffix of the lower-cased word.
type RuleKey = (u8, u8, String);

/// A trained lemmatiser.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// (form as written, UPOS) -> lemma.
    exact: HashMap<(String, u8), String>,
    /// (lower-cased form, UPOS) -> lemma.
    lower: HashMap<(String, u8), String>,
    /// (UPOS, case class, suffix) -> rule.
    rules: HashMap<RuleKey, Rule>,
}

/// The commonest value of a count table (the smallest on ties).
fn commonest<T: Ord + Clone>(counts: &BTreeMap<T, u32>) -> Option<T> {
    let mut best: Option<(&T, u32)> = None;
    for (value, &n) in counts {
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((value, n));
        }
    }
    best.map(|(v, _)| v.clone())
}

/// The suffixes of a word, longest first, down to the empty one.
fn suffixes(lower: &str) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
    let n = starts.len();
    let longest = n.min(MAX_SUFFIX);
    (0..=longest).rev().map(move |len| {
        if len == 0 {
            ""
        } else {
            &lower[starts[n - len]..]
        }
    })
}

impl Lemmatizer {
    /// Learns the tables from the sentences' gold forms, UPOS and lemmas
    /// (words with `_` as lemma or UPOS are skipped).
    pub fn train(sentences: &[Sentence]) -> Lemmatizer {
        let mut exact: BTreeMap<(String, u8), BTreeMap<String, u32>> = BTreeMap::new();
        let mut lower: BTreeMap<(String, u8), BTreeMap<String, u32>> = BTreeMap::new();
        for sentence in sentences {
            for word in sentence.words() {
                let Some(upos) = word.upos else { continue };
                if word.lemma == "_" && word.form != "_" {
                    continue;
                }
                let tag = upos.index() as u8;
                *exact
                    .entry((word.form.clone(), tag))
                    .or_default()
                    .entry(word.lemma.clone())
                    .or_insert(0) += 1;
                *lower
                    .entry((word.form.to_lowercase(), tag))
                    .or_default()
                    .entry(word.lemma.clone())
                    .or_insert(0) += 1;
            }
        }
        // Rules from word types: each (form, UPOS) with its commonest lemma.
        let mut rule_counts: BTreeMap<RuleKey, BTreeMap<Rule, u32>> = BTreeMap::new();
        for ((form, tag), lemmas) in &exact {
            let Some(lemma) = commonest(lemmas) else {
                continue;
            };
            let Some(rule) = Rule::learn(form, &lemma) else {
                continue;
            };
            let class = case_class(form);
            for suffix in suffixes(&form.to_lowercase()) {
                *rule_counts
                    .entry((*tag, class, suffix.to_string()))
                    .or_default()
                    .entry(rule.clone())
                    .or_insert(0) += 1;
            }
        }
        let rules = rule_counts
            .into_iter()
            .filter(|(_, rules)| rules.values().sum::<u32>() >= MIN_RULE_TYPES)
            .filter_map(|(key, rules)| commonest(&rules).map(|r| (key, r)))
            .collect();
        let pick = |table: BTreeMap<(String, u8), BTreeMap<String, u32>>| {
            table
                .into_iter()
                .filter_map(|(key, lemmas)| commonest(&lemmas).map(|l| (key, l)))
                .collect::<HashMap<_, _>>()
        };
        let exact = pick(exact);
        // A lower-cased form that is itself in `exact` is found there.
        let lower = pick(lower)
            .into_iter()
            .filter(|(key, _)| !exact.contains_key(key))
            .collect();
        Lemmatizer {
            exact,
            lower,
            rules,
        }
    }

    /// The lemma of a word with its UPOS.
    pub fn lemma(&self, form: &str, upos: Upos) -> String {
        self.lemma_ref(form, upos).into_owned()
    }

    /// [`Lemmatizer::lemma`] borrowed from the tables when it is an
    /// exception (no allocation to look a word up).
    pub fn lemma_ref(&self, form: &str, upos: Upos) -> Cow<'_, str> {
        let tag = upos.index() as u8;
        if let Some(lemma) = self.exact.get(&(form, tag) as &dyn FormTag) {
            return Cow::Borrowed(lemma);
        }
        let lower = form.to_lowercase();
        let key = (lower.as_str(), tag);
        if let Some(lemma) = self
            .exact
            .get(&key as &dyn FormTag)
            .or_else(|| self.lower.get(&key as &dyn FormTag))
        {
            return Cow::Borrowed(lemma);
        }
        let class = case_class(form);
        let mut rule_key = (tag, class, String::new());
        for suffix in suffixes(&lower) {
            rule_key.2.clear();
            rule_key.2.push_str(suffix);
            if let Some(rule) = self.rules.get(&rule_key) {
                if let Some(lemma) = rule.apply(form) {
                    if !lemma.is_empty() {
                        return Cow::Owned(lemma);
                    }
                }
            }
        }
        if upos == Upos::Propn {
            Cow::Owned(form.to_string())
        } else {
            Cow::Owned(lower)
        }
    }

    /// Writes the tables, sorted.
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        for table in [&self.exact, &self.lower] {
            let sorted: BTreeMap<_, _> = table.iter().collect();
            write_u32(out, sorted.len() as u32)?;
            for ((form, tag), lemma) in sorted {
                write_str(out, form)?;
                out.write_all(&[*tag])?;
                write_str(out, lemma)?;
            }
        }
        let sorted: BTreeMap<_, _> = self.rules.iter().collect();
        write_u32(out, sorted.len() as u32)?;
        for ((tag, class, suffix), rule) in sorted {
            out.write_all(&[*tag, *class])?;
            write_str(out, suffix)?;
            out.write_all(&[u8::from(rule.lower), rule.strip])?;
            write_str(out, &rule.append)?;
        }
        Ok(())
    }

    /// Reads tables written by [`Lemmatizer::write_to`].
    pub fn read_from(input: &mut dyn Read) -> io::Result<Lemmatizer> {
        let mut tables = Vec::with_capacity(2);
        for _ in 0..2 {
            let n = read_count(input, 1 << 24, "lemma table")?;
            let mut table = HashMap::with_capacity(n);
            for _ in 0..n {
                let form = read_str(input)?;
                let tag = read_tag(input)?;
                table.insert((form, tag), read_str(input)?);
            }
            tables.push(table);
        }
        let n = read_count(input, 1 << 24, "lemma rules")?;
        let mut rules = HashMap::with_capacity(n);
        for _ in 0..n {
            let tag = read_tag(input)?;
            let class = read_u8(input)?;
            let suffix = read_str(input)?;
            let lower = read_u8(input)? != 0;
            let strip = read_u8(input)?;
            let append = read_str(input)?;
            rules.insert(
                (tag, class, suffix),
                Rule {
                    lower,
                    strip,
                    append,
                },
            );
        }
        let lower = tables.pop().unwrap_or_default();
        let exact = tables.pop().unwrap_or_default();
        Ok(Lemmatizer {
            exact,
            lower,
            rules,
        })
    }

    /// The number of exceptions and rules.
    pub fn sizes(&self) -> (usize, usize) {
        (self.exact.len() + self.lower.len(), self.rules.len())
    }
}

fn read_tag(input: &mut dyn Read) -> io::Result<u8> {
    let tag = read_u8(input)?;
    if usize::from(tag) >= Upos::ALL.len() {
        return Err(invalid(format!("lemma table: tag {tag}")));
    }
    Ok(tag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::conllu::read_conllu;

    #[test]
    fn rules_learn_and_apply() {
        let rule = Rule::learn("walked", "walk").unwrap();
        assert_eq!(rule.apply("jumped").as_deref(), Some("jump"));
        // Suppletive forms make no rule (they are exceptions).
        assert_eq!(Rule::learn("went", "go"), None);
        let rule = Rule::learn("Studies", "study").unwrap();
        assert_eq!(rule.apply("Parties").as_deref(), Some("party"));
        let rule = Rule::learn("Paris", "Paris").unwrap();
        assert!(!rule.lower);
        assert_eq!(suffixes("abc").collect::<Vec<_>>(), ["abc", "bc", "c", ""]);
    }

    #[test]
    fn exceptions_then_rules_then_fallback() {
        let text = "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n\
2\tcats\tcat\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n\
3\twalked\twalk\tVERB\tVBD\t_\t0\troot\t_\t_\n\
4\tdogs\tdog\tNOUN\tNNS\t_\t3\tobj\t_\t_\n\
5\ttalked\ttalk\tVERB\tVBD\t_\t3\tconj\t_\t_\n\
6\tmice\tmouse\tNOUN\tNNS\t_\t3\tobj\t_\t_\n\n";
        let sentences = read_conllu("t", text.as_bytes()).unwrap();
        let lem = Lemmatizer::train(&sentences);
        assert_eq!(lem.lemma("mice", Upos::Noun), "mouse");
        assert_eq!(lem.lemma("the", Upos::Det), "the");
        assert_eq!(lem.lemma("birds", Upos::Noun), "bird");
        assert_eq!(lem.lemma("jumped", Upos::Verb), "jump");
        assert_eq!(lem.lemma("Oslo", Upos::Propn), "Oslo");
        assert_eq!(lem.lemma("Quickly", Upos::Adv), "quickly");
        let mut bytes = Vec::new();
        lem.write_to(&mut bytes).unwrap();
        let back = Lemmatizer::read_from(&mut bytes.as_slice()).unwrap();
        assert_eq!(back.lemma("birds", Upos::Noun), "bird");
        let mut again = Vec::new();
        back.write_to(&mut again).unwrap();
        assert_eq!(bytes, again);
    }
}
