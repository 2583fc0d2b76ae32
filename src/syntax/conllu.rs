//! CoNLL-U reader and writer.
//!
//! A [`Sentence`] keeps its comment lines and every row of the file —
//! syntactic words (`7`), multiword tokens (`1-2`) and empty nodes (`8.1`) —
//! so reading and writing a file gives it back line for line (the only
//! normalisations: a line end `\r\n` (or `\r\r\n`...) becomes `\n`, a byte-order mark is dropped, and
//! every sentence ends with one blank line). [`Sentence::words`] gives the
//! syntactic words, the units that are tagged and parsed.
//!
//! Errors name the file, the line and the column (1-based, in characters)
//! and say what was expected.

use super::Upos;
use std::fmt;
use std::io::{self, BufRead, Write};

/// The ID column of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowId {
    /// A syntactic word, numbered from 1 in the sentence.
    Word(usize),
    /// A multiword token covering words `first..=last` (`1-2`).
    Range(usize, usize),
    /// An empty node `major.minor` (`8.1`), inserted after word `major`.
    Empty(usize, usize),
}

impl fmt::Display for RowId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            RowId::Word(id) => write!(f, "{id}"),
            RowId::Range(first, last) => write!(f, "{first}-{last}"),
            RowId::Empty(major, minor) => write!(f, "{major}.{minor}"),
        }
    }
}

/// One line of a sentence: the ten CoNLL-U columns.
///
/// String columns hold the file's text as is (`_` included); UPOS and HEAD
/// are parsed, with `_` read as `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// ID.
    pub id: RowId,
    /// FORM: the word form or punctuation symbol.
    pub form: String,
    /// LEMMA.
    pub lemma: String,
    /// UPOS; `None` for `_`.
    pub upos: Option<Upos>,
    /// XPOS: the language-specific tag (Penn Treebank in EWT).
    pub xpos: String,
    /// FEATS: morphological features.
    pub feats: String,
    /// HEAD: 0 for the root, else a word ID; `None` for `_`.
    pub head: Option<usize>,
    /// DEPREL: the relation to the head (`nsubj`, `obl:tmod`).
    pub deprel: String,
    /// DEPS: the enhanced graph.
    pub deps: String,
    /// MISC: anything else (`SpaceAfter=No`).
    pub misc: String,
}

impl Row {
    /// A syntactic word with the given id and form and every other column `_`.
    pub fn word(id: usize, form: &str) -> Row {
        Row {
            id: RowId::Word(id),
            form: form.to_string(),
            lemma: "_".to_string(),
            upos: None,
            xpos: "_".to_string(),
            feats: "_".to_string(),
            head: None,
            deprel: "_".to_string(),
            deps: "_".to_string(),
            misc: "_".to_string(),
        }
    }

    /// The word's id if the row is a syntactic word.
    pub fn word_id(&self) -> Option<usize> {
        match self.id {
            RowId::Word(id) => Some(id),
            _ => None,
        }
    }

    /// The universal part of DEPREL: what comes before `:` (`obl` for
    /// `obl:tmod`).
    pub fn universal_deprel(&self) -> &str {
        universal_deprel(&self.deprel)
    }
}

/// The universal part of a relation: what comes before `:`.
pub fn universal_deprel(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

/// A sentence: its comment lines and its rows in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// The comment lines, each as in the file including its leading `#`
    /// (`# sent_id = a-1`).
    pub comments: Vec<String>,
    /// Every row: words, multiword tokens and empty nodes.
    pub tokens: Vec<Row>,
}

impl Sentence {
    /// A sentence of bare words (ids 1..=n, other columns `_`).
    pub fn from_forms(forms: &[&str]) -> Sentence {
        Sentence {
            comments: Vec::new(),
            tokens: forms
                .iter()
                .enumerate()
                .map(|(i, form)| Row::word(i + 1, form))
                .collect(),
        }
    }

    /// The syntactic words (integer ids), in order; word `i` (1-based) is at
    /// index `i - 1`.
    pub fn words(&self) -> impl Iterator<Item = &Row> + '_ {
        self.tokens.iter().filter(|row| row.word_id().is_some())
    }

    /// The syntactic words, mutable.
    pub fn words_mut(&mut self) -> impl Iterator<Item = &mut Row> + '_ {
        self.tokens.iter_mut().filter(|row| row.word_id().is_some())
    }

    /// The number of syntactic words.
    pub fn word_count(&self) -> usize {
        self.words().count()
    }

    /// The value of a `# key = value` comment (`sent_id`, `text`).
    pub fn comment_value(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|line| {
            let rest = line.strip_prefix('#')?.trim_start();
            let (k, v) = rest.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }
}

/// A CoNLL-U file that could not be read.
#[derive(Debug)]
pub enum ConlluError {
    /// The file could not be read.
    Io {
        /// The file name.
        file: String,
        /// The cause.
        source: io::Error,
    },
    /// A malformed line.
    Syntax {
        /// The file name.
        file: String,
        /// The line, 1-based.
        line: usize,
        /// The column, 1-based, in characters.
        column: usize,
        /// What was expected and what was found.
        message: String,
    },
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConlluError::Io { file, source } => write!(f, "{file}: {source}"),
            ConlluError::Syntax {
                file,
                line,
                column,
                message,
            } => write!(f, "{file}:{line}:{column}: {message}"),
        }
    }
}

impl std::error::Error for ConlluError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConlluError::Io { source, .. } => Some(source),
            ConlluError::Syntax { .. } => None,
        }
    }
}

/// The names of the ten columns, for messages.
const COLUMNS: [&str; 10] = [
    "ID", "FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "HEAD", "DEPREL", "DEPS", "MISC",
];

/// Where a row's HEAD sits, to check it once the sentence is complete.
struct HeadCheck {
    head: usize,
    line: usize,
    column: usize,
}

/// The sentence being read and what is needed to check it.
#[derive(Default)]
struct Pending {
    sentence: Sentence,
    words: usize,
    heads: Vec<HeadCheck>,
    /// The last multiword range's end and its line/column, to check it is
    /// covered by words.
    ranges: Vec<(usize, usize, usize)>,
}

/// Reads every sentence of a CoNLL-U stream; `file_name` names it in errors.
pub fn read_conllu(file_name: &str, reader: impl BufRead) -> Result<Vec<Sentence>, ConlluError> {
    let mut sentences = Vec::new();
    let mut pending = Pending::default();
    let mut pending_start = false;
    let mut lines_read = 0;
    for (index, line) in reader.lines().enumerate() {
        let line_no = index + 1;
        lines_read = line_no;
        let line = line.map_err(|source| ConlluError::Io {
            file: file_name.to_string(),
            source,
        })?;
        let mut line = line.as_str();
        if index == 0 {
            line = line.strip_prefix('\u{feff}').unwrap_or(line);
        }
        // every carriage return before the newline: keeping all but one
        // would let a write and a read lose one more each time
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if pending_start {
                finish(file_name, line_no, &mut pending, &mut sentences)?;
                pending_start = false;
            }
            continue;
        }
        pending_start = true;
        if line.starts_with('#') {
            if !pending.sentence.tokens.is_empty() {
                return Err(syntax(
                    file_name,
                    line_no,
                    1,
                    "expected a token line or a blank line ending the sentence, but found a comment"
                        .to_string(),
                ));
            }
            pending.sentence.comments.push(line.to_string());
            continue;
        }
        let row = parse_row(file_name, line_no, line, &mut pending)?;
        pending.sentence.tokens.push(row);
    }
    if pending_start {
        // The last sentence lacks its blank line: accepted.
        finish(file_name, lines_read, &mut pending, &mut sentences)?;
    }
    Ok(sentences)
}

fn syntax(file: &str, line: usize, column: usize, message: String) -> ConlluError {
    ConlluError::Syntax {
        file: file.to_string(),
        line,
        column,
        message,
    }
}

/// Closes the pending sentence at line `line_no` (its blank line or the
/// file's last line).
fn finish(
    file: &str,
    line_no: usize,
    pending: &mut Pending,
    sentences: &mut Vec<Sentence>,
) -> Result<(), ConlluError> {
    let done = std::mem::take(pending);
    if done.words == 0 {
        return Err(syntax(
            file,
            line_no,
            1,
            "expected at least one word line before the end of the sentence".to_string(),
        ));
    }
    for check in &done.heads {
        if check.head > done.words {
            return Err(syntax(
                file,
                check.line,
                check.column,
                format!(
                    "expected HEAD between 0 and {} (the sentence's words), but found {}",
                    done.words, check.head
                ),
            ));
        }
    }
    for &(last, line, column) in &done.ranges {
        if last > done.words {
            return Err(syntax(
                file,
                line,
                column,
                format!(
                    "expected a multiword range within the sentence's {} words, but it ends at {last}",
                    done.words
                ),
            ));
        }
    }
    sentences.push(done.sentence);
    Ok(())
}

fn parse_row(
    file: &str,
    line_no: usize,
    line: &str,
    pending: &mut Pending,
) -> Result<Row, ConlluError> {
    // Split on tabs, remembering each field's column in characters.
    let mut fields: Vec<(&str, usize)> = Vec::with_capacity(10);
    let mut column = 1;
    for field in line.split('\t') {
        fields.push((field, column));
        column += field.chars().count() + 1;
    }
    if fields.len() != 10 {
        let at = if fields.len() > 10 {
            fields[10].1
        } else {
            line.chars().count() + 1
        };
        return Err(syntax(
            file,
            line_no,
            at,
            format!(
                "expected 10 tab-separated columns, but found {}",
                fields.len()
            ),
        ));
    }
    for (i, &(text, col)) in fields.iter().enumerate() {
        if text.is_empty() {
            return Err(syntax(
                file,
                line_no,
                col,
                format!(
                    "expected a value in column {} ({}), but it is empty",
                    i + 1,
                    COLUMNS[i]
                ),
            ));
        }
    }
    let (id_text, id_col) = fields[0];
    let id = parse_id(id_text).ok_or_else(|| {
        syntax(
            file,
            line_no,
            id_col,
            format!("expected an ID (7, 1-2 or 8.1), but found '{id_text}'"),
        )
    })?;
    match id {
        RowId::Word(n) => {
            if n != pending.words + 1 {
                return Err(syntax(
                    file,
                    line_no,
                    id_col,
                    format!("expected word ID {}, but found {n}", pending.words + 1),
                ));
            }
            pending.words = n;
        }
        RowId::Range(first, last) => {
            if first != pending.words + 1 || last <= first {
                return Err(syntax(
                    file,
                    line_no,
                    id_col,
                    format!(
                        "expected a multiword range {}-N with N > {}, but found '{id_text}'",
                        pending.words + 1,
                        pending.words + 1
                    ),
                ));
            }
            pending.ranges.push((last, line_no, id_col));
        }
        RowId::Empty(major, minor) => {
            if major != pending.words || minor == 0 {
                return Err(syntax(
                    file,
                    line_no,
                    id_col,
                    format!(
                        "expected an empty node {}.N with N >= 1, but found '{id_text}'",
                        pending.words
                    ),
                ));
            }
        }
    }
    let (upos_text, upos_col) = fields[3];
    let upos = if upos_text == "_" {
        None
    } else {
        Some(
            upos_text
                .parse::<Upos>()
                .map_err(|err| syntax(file, line_no, upos_col, err.to_string()))?,
        )
    };
    let (head_text, head_col) = fields[6];
    let head = if head_text == "_" {
        None
    } else {
        let valid = head_text.bytes().all(|b| b.is_ascii_digit())
            && !(head_text.len() > 1 && head_text.starts_with('0'));
        let value = if valid {
            head_text.parse::<usize>().ok()
        } else {
            None
        };
        let value = value.ok_or_else(|| {
            syntax(
                file,
                line_no,
                head_col,
                format!("expected HEAD, a word ID or 0 or _, but found '{head_text}'"),
            )
        })?;
        if let RowId::Word(n) = id {
            if value == n {
                return Err(syntax(
                    file,
                    line_no,
                    head_col,
                    format!("expected HEAD other than the word itself, but found {value}"),
                ));
            }
        }
        pending.heads.push(HeadCheck {
            head: value,
            line: line_no,
            column: head_col,
        });
        Some(value)
    };
    Ok(Row {
        id,
        form: fields[1].0.to_string(),
        lemma: fields[2].0.to_string(),
        upos,
        xpos: fields[4].0.to_string(),
        feats: fields[5].0.to_string(),
        head,
        deprel: fields[7].0.to_string(),
        deps: fields[8].0.to_string(),
        misc: fields[9].0.to_string(),
    })
}

/// A positive decimal without leading zeros.
fn parse_index(text: &str) -> Option<usize> {
    if text.is_empty()
        || !text.bytes().all(|b| b.is_ascii_digit())
        || (text.len() > 1 && text.starts_with('0'))
    {
        return None;
    }
    text.parse().ok()
}

fn parse_id(text: &str) -> Option<RowId> {
    if let Some((a, b)) = text.split_once('-') {
        Some(RowId::Range(parse_index(a)?, parse_index(b)?))
    } else if let Some((a, b)) = text.split_once('.') {
        let major = if a == "0" { 0 } else { parse_index(a)? };
        Some(RowId::Empty(major, parse_index(b)?))
    } else {
        let n = parse_index(text)?;
        (n > 0).then_some(RowId::Word(n))
    }
}

/// Writes sentences as CoNLL-U: comments, rows, a blank line after each.
pub fn write_conllu(mut out: impl Write, sentences: &[Sentence]) -> io::Result<()> {
    for sentence in sentences {
        write_sentence(&mut out, sentence)?;
    }
    Ok(())
}

/// Writes one sentence and its closing blank line.
pub fn write_sentence(out: &mut (impl Write + ?Sized), sentence: &Sentence) -> io::Result<()> {
    for comment in &sentence.comments {
        writeln!(out, "{comment}")?;
    }
    for row in &sentence.tokens {
        let upos = row.upos.map_or("_", Upos::as_str);
        write!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t",
            row.id, row.form, row.lemma, upos, row.xpos, row.feats
        )?;
        match row.head {
            Some(head) => write!(out, "{head}")?,
            None => out.write_all(b"_")?,
        }
        writeln!(out, "\t{}\t{}\t{}", row.deprel, row.deps, row.misc)?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = t-1\n# text = I can't go.\n\
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t4:nsubj\t_\n\
2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tca\tcan\tAUX\tMD\t_\t4\taux\t4:aux\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n\
4\tgo\tgo\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n\
4.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t4:conj\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n\n";

    #[test]
    fn reads_and_writes_back() {
        let sentences = read_conllu("s.conllu", SAMPLE.as_bytes()).unwrap();
        assert_eq!(sentences.len(), 1);
        let s = &sentences[0];
        assert_eq!(s.comment_value("sent_id"), Some("t-1"));
        assert_eq!(s.tokens.len(), 7);
        assert_eq!(s.word_count(), 5);
        let words: Vec<_> = s.words().map(|w| w.form.as_str()).collect();
        assert_eq!(words, ["I", "ca", "n't", "go", "."]);
        assert_eq!(s.tokens[1].id, RowId::Range(2, 3));
        assert_eq!(s.tokens[5].id, RowId::Empty(4, 1));
        assert_eq!(s.tokens[4].head, Some(0));
        let mut out = Vec::new();
        write_conllu(&mut out, &sentences).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), SAMPLE);
    }

    fn error_of(text: &str) -> (usize, usize, String) {
        match read_conllu("bad.conllu", text.as_bytes()) {
            Err(ConlluError::Syntax {
                line,
                column,
                message,
                ..
            }) => (line, column, message),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn errors_name_line_and_column() {
        let (line, column, message) = error_of("# c\n1\tI\tI\tPRON\t_\t_\t0\troot\t_\n");
        assert_eq!((line, column), (2, 24));
        assert!(message.contains("10 tab-separated columns"), "{message}");
        let (line, column, _) = error_of("1\tI\tI\tNOUNY\t_\t_\t0\troot\t_\t_\n");
        assert_eq!((line, column), (1, 7));
        let (line, column, _) = error_of("1\tI\tI\tNOUN\t_\t_\t2\troot\t_\t_\n\n");
        assert_eq!((line, column), (1, 16));
        let (line, column, _) = error_of("x\tI\tI\tNOUN\t_\t_\t0\troot\t_\t_\n");
        assert_eq!((line, column), (1, 1));
    }
}
