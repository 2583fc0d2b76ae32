//! Sentences and tokens: a splitter that keeps abbreviations ("U.S.",
//! "Mr.", "Gen.", "H.W.") and initials inside their sentence, and a tokenizer
//! that gives byte spans.
//!
//! Both work on byte spans of one text, so that every offset they return can
//! be mapped back to the input file.

/// A span of the text, `start..end` in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte (exclusive).
    pub end: usize,
}

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "maj", "capt", "cpt", "sgt",
    "cmdr", "adm", "st", "jr", "sr", "prof", "rev", "hon", "pres", "supt", "messrs", "mme", "mlle",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "corp",
    "inc", "co", "ltd", "no", "nos", "vs", "etc", "approx", "dept", "est", "fig", "vol", "ft",
    "mt", "ave", "blvd", "rd", "gens", "reps", "sens", "govs", "amb", "atty", "brig", "cpl", "pvt",
    "fr", "sra", "sgto", "insp", "det", "ald",
];

/// Words that begin a new sentence even after an abbreviation such as "U.S.".
const STARTERS: &[&str] = &[
    "The",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "But",
    "In",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Its",
    "On",
    "At",
    "As",
    "After",
    "Before",
    "When",
    "While",
    "However",
    "Meanwhile",
    "And",
    "There",
    "Officials",
    "If",
];

fn is_closer(c: u8) -> bool {
    matches!(c, b'"' | b'\'' | b')' | b']')
}

/// Whether `word` (the text before a period, without it) is an
/// abbreviation that does not end a sentence when followed by `next`.
fn is_abbreviation(word: &str, next: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let lower_is_abbr = ABBREVIATIONS
        .iter()
        .any(|a| a.len() == word.len() && a.eq_ignore_ascii_case(word));
    if lower_is_abbr {
        // "No." is only an abbreviation before a number
        if word.eq_ignore_ascii_case("no") {
            return next.as_bytes().first().is_some_and(|b| b.is_ascii_digit());
        }
        return true;
    }
    // a single letter: an initial ("George W. Bush") or part of "U.S."
    let single = word.chars().count() == 1 && word.chars().all(|c| c.is_alphabetic());
    // dotted acronyms: "U.S", "H.W", "a.m", "p.m"
    let dotted = word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2);
    if single || dotted {
        let next_word: &str = next
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        return !STARTERS.contains(&next_word);
    }
    false
}

/// Splits `text[span]` into sentences. A sentence ends at `.`, `?` or `!`
/// (with any closing quotes or brackets) followed by white space and an
/// upper-case letter, a digit or an opening quote, unless the word before
/// the period is an abbreviation or initial; a line break ends a sentence
/// when the line ends with sentence punctuation or the next line starts
/// with an upper-case letter.
pub(crate) fn sentences_in(text: &str, span: Span) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = span.start;
    // skip leading white space
    while start < span.end && b[start].is_ascii_whitespace() {
        start += 1;
    }
    let mut i = start;
    while i < span.end {
        let c = b[i];
        let mut cut: Option<usize> = None;
        if c == b'.' || c == b'?' || c == b'!' {
            let mut j = i + 1;
            while j < span.end && (b[j] == b'.' || b[j] == b'?' || b[j] == b'!') {
                j += 1;
            }
            while j < span.end && (is_closer(b[j]) || is_curly_closer(text, j)) {
                j += curly_len(text, j);
            }
            if j >= span.end {
                cut = Some(span.end);
            } else if b[j].is_ascii_whitespace() {
                let mut k = j;
                while k < span.end && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                if k < span.end && starts_sentence(text, k) {
                    let ends = if c == b'.' && j == i + 1 {
                        let word = word_before(text, i, start);
                        !is_abbreviation(word, safe(text, k, span.end.min(k + 20)))
                    } else {
                        true
                    };
                    if ends {
                        cut = Some(j);
                    }
                }
            }
            if let Some(end) = cut {
                push_trimmed(text, &mut out, start, end);
                start = end;
                i = end;
                while i < span.end && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                while start < span.end && b[start].is_ascii_whitespace() {
                    start += 1;
                }
                continue;
            }
            i = j.max(i + 1);
            continue;
        }
        if c == b'\n' {
            // a line break inside the span: end the sentence if the line ends
            // a sentence or the next line starts with a capital
            let mut k = i + 1;
            while k < span.end && b[k].is_ascii_whitespace() {
                k += 1;
            }
            let blank = text[i + 1..k].contains('\n');
            if k < span.end && (blank || starts_sentence(text, k)) {
                push_trimmed(text, &mut out, start, i);
                start = k;
                i = k;
                continue;
            }
        }
        i += 1;
    }
    if start < span.end {
        push_trimmed(text, &mut out, start, span.end);
    }
    out
}

/// Splits a whole text into sentences.
pub fn sentences(text: &str) -> Vec<Span> {
    sentences_in(
        text,
        Span {
            start: 0,
            end: text.len(),
        },
    )
}

fn push_trimmed(text: &str, out: &mut Vec<Span>, start: usize, end: usize) {
    if start >= end {
        return;
    }
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if start + lead < end - trail {
        out.push(Span {
            start: start + lead,
            end: end - trail,
        });
    }
}

fn is_curly_closer(text: &str, j: usize) -> bool {
    let rest = &text.as_bytes()[j..];
    rest.starts_with("\u{201d}".as_bytes()) || rest.starts_with("\u{2019}".as_bytes())
}

fn curly_len(text: &str, j: usize) -> usize {
    if is_curly_closer(text, j) {
        3
    } else {
        1
    }
}

fn starts_sentence(text: &str, k: usize) -> bool {
    let Some(ch) = text[k..].chars().next() else {
        return false;
    };
    ch.is_uppercase()
        || ch.is_ascii_digit()
        || matches!(
            ch,
            '"' | '\'' | '(' | '[' | '\u{201c}' | '\u{2018}' | '-' | '\u{2014}'
        )
}

fn word_before(text: &str, i: usize, floor: usize) -> &str {
    let b = text.as_bytes();
    let mut s = i;
    while s > floor && (b[s - 1].is_ascii_alphanumeric() || b[s - 1] == b'.' || b[s - 1] >= 0x80) {
        s -= 1;
    }
    &text[s..i]
}

/// `text[a..b]`, with `b` moved back to a character boundary.
fn safe(text: &str, a: usize, mut b: usize) -> &str {
    while b > a && !text.is_char_boundary(b) {
        b -= 1;
    }
    if !text.is_char_boundary(a) {
        return "";
    }
    &text[a..b]
}

/// What sort of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (with inner apostrophes, hyphens and abbreviation dots).
    Word,
    /// Digits (with inner `,` `.` `:` `-`).
    Number,
    /// Any other character.
    Punct,
}

/// A token with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset in the whole text (not the span) where the token starts.
    pub start: usize,
    /// Byte offset in the whole text just past the token (exclusive).
    pub end: usize,
    /// What the token is.
    pub kind: TokKind,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Tokenizes `text[span]`, appending to `out`. Words keep inner hyphens and
/// apostrophes ("Frank-Walter", "don't"); a possessive `'s` is its own token;
/// dotted abbreviations ("U.S.", "Mr.") keep their dots.
pub(crate) fn tokenize_into(text: &str, span: Span, out: &mut Vec<Token>) {
    let b = text.as_bytes();
    let mut i = span.start;
    let end = span.end;
    while i < end {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let ch_len = utf8_len(c);
        let is_alpha = c.is_ascii_alphabetic() || (c >= 0x80 && is_alpha_at(text, i));
        if is_alpha {
            let s = i;
            i += ch_len;
            loop {
                if i >= end {
                    break;
                }
                let d = b[i];
                if d.is_ascii_alphanumeric() || (d >= 0x80 && is_alpha_at(text, i)) {
                    i += utf8_len(d);
                } else if (d == b'-' || d == b'\'' || is_rsquo(text, i))
                    && i + 1 < end
                    && next_is_alpha(text, i + if d == b'-' || d == b'\'' { 1 } else { 3 }, end)
                {
                    // possessive 's stays apart
                    let skip = if d == b'-' || d == b'\'' { 1 } else { 3 };
                    if d != b'-'
                        && (b.get(i + skip) == Some(&b's') || b.get(i + skip) == Some(&b'S'))
                        && !b
                            .get(i + skip + 1)
                            .is_some_and(|x| x.is_ascii_alphanumeric())
                    {
                        break;
                    }
                    i += skip;
                } else if d == b'.' && i + 1 < end && b[i + 1].is_ascii_alphabetic() && {
                    // U.S, H.W: a dot between single letters
                    let prev_single = i > s && (i - s == 1 || b[i - 2] == b'.');
                    let next_single = i + 2 >= end || !b[i + 2].is_ascii_alphabetic();
                    prev_single && next_single
                } {
                    i += 1;
                } else {
                    break;
                }
            }
            // trailing abbreviation dot: "U.S." or "Mr." / "Gen."
            if i < end && b[i] == b'.' {
                let word = &text[s..i];
                let next = safe(text, (i + 1).min(end), end.min(i + 20));
                let next = next.trim_start();
                if word.contains('.') || is_abbreviation_dot(word, next) {
                    i += 1;
                }
            }
            out.push(Token {
                start: s,
                end: i,
                kind: TokKind::Word,
            });
        } else if c.is_ascii_digit() {
            let s = i;
            while i < end
                && (b[i].is_ascii_digit()
                    || (matches!(b[i], b',' | b'.' | b':' | b'-' | b'/')
                        && i + 1 < end
                        && b[i + 1].is_ascii_digit()))
            {
                i += 1;
            }
            // ordinals and units glued on: 27th, 1990s
            while i < end && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push(Token {
                start: s,
                end: i,
                kind: TokKind::Number,
            });
        } else {
            let s = i;
            // possessive 's / ’s
            if (c == b'\'' || is_rsquo(text, i)) && {
                let skip = if c == b'\'' { 1 } else { 3 };
                (b.get(i + skip) == Some(&b's') || b.get(i + skip) == Some(&b'S'))
                    && !b
                        .get(i + skip + 1)
                        .is_some_and(|x| x.is_ascii_alphanumeric())
            } {
                i += if c == b'\'' { 2 } else { 4 };
                out.push(Token {
                    start: s,
                    end: i.min(end),
                    kind: TokKind::Word,
                });
                i = i.min(end);
                continue;
            }
            i += ch_len.min(end - i).max(1);
            while i < end && !text.is_char_boundary(i) {
                i += 1;
            }
            out.push(Token {
                start: s,
                end: i,
                kind: TokKind::Punct,
            });
        }
    }
}

fn is_abbreviation_dot(word: &str, next: &str) -> bool {
    let known = ABBREVIATIONS
        .iter()
        .any(|a| a.len() == word.len() && a.eq_ignore_ascii_case(word));
    if known {
        return !word.eq_ignore_ascii_case("no")
            || next.as_bytes().first().is_some_and(|b| b.is_ascii_digit());
    }
    // an initial: a single upper-case letter followed by a capitalised word
    word.len() == 1
        && word.as_bytes()[0].is_ascii_uppercase()
        && next.chars().next().is_some_and(|c| c.is_uppercase())
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    }
}

fn is_alpha_at(text: &str, i: usize) -> bool {
    text.is_char_boundary(i) && text[i..].chars().next().is_some_and(|c| c.is_alphabetic())
}

fn next_is_alpha(text: &str, i: usize, end: usize) -> bool {
    i < end
        && text.is_char_boundary(i)
        && text[i..].chars().next().is_some_and(|c| c.is_alphabetic())
}

fn is_rsquo(text: &str, i: usize) -> bool {
    text.as_bytes()[i..].starts_with("\u{2019}".as_bytes())
}

/// Tokenizes `text[span]`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, span, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            split("Mr. Smith met Gen. Jones in the U.S. capital. Then they left."),
            vec![
                "Mr. Smith met Gen. Jones in the U.S. capital.",
                "Then they left."
            ]
        );
        assert_eq!(
            split("The envoy J.R.R. Lee waved at them. It rained."),
            vec!["The envoy J.R.R. Lee waved at them.", "It rained."]
        );
        assert_eq!(
            split("He said \"no.\" The talks ended... and resumed."),
            vec!["He said \"no.\"", "The talks ended... and resumed."]
        );
        assert_eq!(
            split("They met at 9 a.m. Tuesday. Kim spoke."),
            vec!["They met at 9 a.m. Tuesday.", "Kim spoke."]
        );
    }

    #[test]
    fn tokens_keep_names_and_possessives() {
        let t = "Russia's Frank-Walter met U.S. officials in Merkel\u{2019}s office.";
        let toks: Vec<&str> = tokenize(
            t,
            Span {
                start: 0,
                end: t.len(),
            },
        )
        .iter()
        .map(|k| k.text(t))
        .collect();
        assert_eq!(
            toks,
            vec![
                "Russia",
                "'s",
                "Frank-Walter",
                "met",
                "U.S.",
                "officials",
                "in",
                "Merkel",
                "\u{2019}s",
                "office",
                "."
            ]
        );
    }
}
