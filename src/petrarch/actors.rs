//! The actor dictionary: named actors, their `+` aliases and their codes,
//! optionally restricted to dates.
//!
//! ```text
//! GOLLUM              # an entry: its phrase, optionally with [CODE]
//! +SMEAGOL            # an alias of the entry above
//!     [HOB <950601]       # a role: code and date range (<, >, a-b)
//!     [HOBGOV 19950601-19990815]
//!     [HOBREB]            # no date: the default code
//! ```
//!
//! A code may list several actors (`[FRO/BIL/SAM]`): the phrase stands for
//! each of them. Dates are `YYYYMMDD` or `YYMMDD`; limits are inclusive.

use super::{clean_lines, parse_dict_date, phrase_words, split_brackets, DictError, PhraseIndex};

/// When a role code applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRange {
    /// Always (the default code).
    Always,
    /// On or before this day (`<date`).
    Until(i32),
    /// On or after this day (`>date`).
    From(i32),
    /// Between these days, both included (`date-date`).
    Between(i32, i32),
}

impl DateRange {
    /// Whether the range holds `day` (days since 1970-01-01).
    pub fn contains(self, day: i32) -> bool {
        match self {
            DateRange::Always => true,
            DateRange::Until(d) => day <= d,
            DateRange::From(d) => day >= d,
            DateRange::Between(a, b) => a <= day && day <= b,
        }
    }
}

/// A code with the dates it applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleCode {
    /// The actors (more than one for `[A/B]`); empty for the null code `---`.
    pub codes: Vec<String>,
    /// When it applies.
    pub range: DateRange,
}

/// One actor entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// The primary phrase, as written.
    pub name: String,
    /// The file and line it comes from.
    pub line: usize,
    /// Its codes in file order: dated ones first match; the first undated
    /// one is the default.
    pub roles: Vec<RoleCode>,
}

impl ActorEntry {
    /// The codes that apply on `day` (the first dated role holding it,
    /// else the default); `None` when none applies, or the code is null.
    /// Without a day: the default, else the role that lasts the latest
    /// (the current one, in a file kept up to date).
    pub fn codes_on(&self, day: Option<i32>) -> Option<&[String]> {
        let dated = day.and_then(|d| {
            self.roles
                .iter()
                .find(|r| r.range != DateRange::Always && r.range.contains(d))
        });
        let default = || self.roles.iter().find(|r| r.range == DateRange::Always);
        let latest = || {
            self.roles.iter().max_by_key(|r| match r.range {
                DateRange::Always | DateRange::From(_) => i32::MAX,
                DateRange::Until(d) | DateRange::Between(_, d) => d,
            })
        };
        let role = match day {
            Some(_) => dated.or_else(default)?,
            None => default().or_else(latest)?,
        };
        if role.codes.is_empty() {
            None
        } else {
            Some(&role.codes)
        }
    }
}

/// The actors of one or more files, indexed by phrase.
#[derive(Debug, Clone, Default)]
pub struct ActorDict {
    /// Every entry, in file order.
    pub entries: Vec<ActorEntry>,
    /// Roles skipped by a lenient read (bad dates), as errors.
    pub warnings: Vec<DictError>,
    index: PhraseIndex<u32>,
}

impl ActorDict {
    /// Reads one file; any bad role is an error.
    pub fn parse(text: &str, file: &str) -> Result<ActorDict, DictError> {
        let mut dict = ActorDict::default();
        dict.add_file(text, file, true)?;
        Ok(dict)
    }

    /// Adds the entries of one more file. A bad role (a bad date) is an
    /// error when `strict`, else skipped and listed in `warnings` (the
    /// shipped Phoenix files hold a few, such as a 7-digit date).
    pub fn add_file(&mut self, text: &str, file: &str, strict: bool) -> Result<(), DictError> {
        let first_entry = self.entries.len();
        let mut current: Option<usize> = None;
        let mut phrases: Vec<(Vec<Box<str>>, usize)> = Vec::new();
        for (line_no, line) in clean_lines(text) {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            if let Err(e) =
                self.add_line(trimmed, line_no, file, strict, &mut current, &mut phrases)
            {
                if strict {
                    return Err(e);
                }
                self.warnings.push(e);
            }
        }
        if self.entries.len() == first_entry {
            return Err(DictError::no_entry(file, text, "at least one actor entry"));
        }
        for (words, entry) in phrases {
            let id = u32::try_from(entry).unwrap_or(u32::MAX);
            self.index.insert(words, id);
        }
        Ok(())
    }

    fn add_line(
        &mut self,
        trimmed: &str,
        line_no: usize,
        file: &str,
        strict: bool,
        current: &mut Option<usize>,
        phrases: &mut Vec<(Vec<Box<str>>, usize)>,
    ) -> Result<(), DictError> {
        let (outside, codes) = split_brackets(trimmed, '[', ']', file, line_no)?;
        let mut roles = Vec::with_capacity(codes.len());
        for body in &codes {
            match parse_role(body, file, line_no) {
                Ok(role) => roles.push(role),
                Err(e) if strict => return Err(e),
                Err(e) => self.warnings.push(e),
            }
        }
        let phrase = outside.trim();
        if let Some(alias) = phrase.strip_prefix('+') {
            let Some(entry) = *current else {
                return Err(DictError::new(
                    file,
                    line_no,
                    "an actor entry before its `+` alias",
                    format!("`{trimmed}`"),
                ));
            };
            let words = checked_words(alias, file, line_no)?;
            phrases.push((words, entry));
            self.entries[entry].roles.extend(roles);
        } else if phrase.is_empty() {
            let Some(entry) = *current else {
                return Err(DictError::new(
                    file,
                    line_no,
                    "an actor entry before its codes",
                    format!("`{trimmed}`"),
                ));
            };
            self.entries[entry].roles.extend(roles);
        } else {
            let words = checked_words(phrase, file, line_no)?;
            self.entries.push(ActorEntry {
                name: phrase.to_string(),
                line: line_no,
                roles,
            });
            let entry = self.entries.len() - 1;
            *current = Some(entry);
            phrases.push((words, entry));
        }
        Ok(())
    }

    /// The longest actor phrase starting at `words[0]` (upper-case words):
    /// its length and entry.
    pub fn longest<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, &ActorEntry)> {
        let (len, id) = self.index.longest(words)?;
        self.entries.get(*id as usize).map(|e| (len, e))
    }

    /// How many phrases (entries and aliases) are indexed.
    pub fn phrase_count(&self) -> usize {
        self.index.len()
    }
}

fn checked_words(phrase: &str, file: &str, line: usize) -> Result<Vec<Box<str>>, DictError> {
    let words = phrase_words(phrase);
    if words.is_empty() {
        return Err(DictError::new(
            file,
            line,
            "an actor phrase",
            format!("`{phrase}`"),
        ));
    }
    Ok(words)
}

/// A role: `CODE`, `CODE <date`, `CODE >date`, `CODE date-date` (blanks
/// allowed around the signs).
fn parse_role(body: &str, file: &str, line: usize) -> Result<RoleCode, DictError> {
    let body = body.trim();
    let (code, restriction) = match body.find(char::is_whitespace) {
        Some(at) => (&body[..at], body[at..].trim()),
        None => (body, ""),
    };
    // a code glued to its restriction ("[HOB<950601]")
    let (code, restriction) = match code.find(['<', '>']) {
        Some(at) if restriction.is_empty() => (&code[..at], &body[at..]),
        _ => (code, restriction),
    };
    if code.is_empty() {
        return Err(DictError::new(
            file,
            line,
            "a code inside `[...]`",
            format!("`[{body}]`"),
        ));
    }
    if code.bytes().any(|b| b.is_ascii_digit()) && code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DictError::new(
            file,
            line,
            "a code before the date",
            format!("`[{body}]`"),
        ));
    }
    let codes: Vec<String> = if code.chars().all(|c| c == '-') {
        Vec::new()
    } else {
        code.split('/')
            .filter(|c| !c.is_empty())
            .map(str::to_uppercase)
            .collect()
    };
    let range = parse_range(restriction).ok_or_else(|| {
        DictError::new(
            file,
            line,
            "a date restriction `<YYYYMMDD`, `>YYYYMMDD` or `YYYYMMDD-YYYYMMDD` (or YYMMDD)",
            format!("`{restriction}`"),
        )
    })?;
    Ok(RoleCode { codes, range })
}

fn parse_range(text: &str) -> Option<DateRange> {
    let text = text.trim();
    if text.is_empty() {
        return Some(DateRange::Always);
    }
    if let Some(rest) = text.strip_prefix('<') {
        return parse_dict_date(rest).map(DateRange::Until);
    }
    if let Some(rest) = text.strip_prefix('>') {
        return parse_dict_date(rest).map(DateRange::From);
    }
    let (a, b) = text.split_once('-')?;
    let (a, b) = (parse_dict_date(a)?, parse_dict_date(b)?);
    Some(DateRange::Between(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &str = "\
# invented actors
VALDOR [VAL]
+VALDORAN
NORTH_MERE  [NME] # a comment
KESTREL
+THE_OLD_KING
\t[KESGOV 20000101-20051231]
\t[KESOPP >060101]
\t[KES]
TWIN_CITIES [TWA/TWB]
LOST_REALM
\t[LRM <991231]
";

    fn day(s: &str) -> Option<i32> {
        parse_dict_date(s)
    }

    #[test]
    fn entries_aliases_and_roles() {
        let dict = ActorDict::parse(DICT, "t.actors").unwrap();
        assert_eq!(dict.entries.len(), 5);
        let (len, e) = dict.longest(&["NORTH", "MERE", "SAID"]).unwrap();
        assert_eq!(
            (len, e.codes_on(None).unwrap()),
            (2, &["NME".to_string()][..])
        );
        let (_, e) = dict.longest(&["VALDORAN"]).unwrap();
        assert_eq!(e.name, "VALDOR");
        let (len, e) = dict.longest(&["THE", "OLD", "KING"]).unwrap();
        assert_eq!(len, 3);
        assert_eq!(e.codes_on(day("20030505")).unwrap(), ["KESGOV"]);
        assert_eq!(e.codes_on(day("20070505")).unwrap(), ["KESOPP"]);
        assert_eq!(e.codes_on(day("19900505")).unwrap(), ["KES"]);
        assert_eq!(e.codes_on(None).unwrap(), ["KES"]);
        let (_, e) = dict.longest(&["TWIN", "CITIES"]).unwrap();
        assert_eq!(e.codes_on(None).unwrap(), ["TWA", "TWB"]);
        let (_, e) = dict.longest(&["LOST", "REALM"]).unwrap();
        assert_eq!(e.codes_on(day("19950101")).unwrap(), ["LRM"]);
        assert_eq!(e.codes_on(day("20010101")), None);
        // no date and no default: the role lasting the latest
        assert_eq!(e.codes_on(None).unwrap(), ["LRM"]);
    }

    #[test]
    fn limits_are_inclusive_and_first_role_wins() {
        let text = "SAMWISE [HOB]\n\t[AAA 20100109-20100112]\n\t[BBB 20080120-20121109]\n";
        let dict = ActorDict::parse(text, "t").unwrap();
        let e = &dict.entries[0];
        assert_eq!(e.codes_on(day("20100109")).unwrap(), ["AAA"]);
        assert_eq!(e.codes_on(day("20100113")).unwrap(), ["BBB"]);
        assert_eq!(e.codes_on(day("20121109")).unwrap(), ["BBB"]);
        assert_eq!(e.codes_on(day("20121110")).unwrap(), ["HOB"]);
    }

    #[test]
    fn errors_name_the_line() {
        let bad = [
            ("A [X\n", 1, "closing"),
            ("A [X]\n\t[Y 2001-2002]\n", 2, "date restriction"),
            ("A [X]\n\t[Y >20011301]\n", 2, "date restriction"),
            ("+ALIAS\n", 1, "entry before"),
            ("# nothing\n\n", 2, "at least one"),
            ("", 1, "at least one"),
            ("A [X]\n[]\n", 2, "code inside"),
        ];
        for (text, line, expected) in bad {
            let err = ActorDict::parse(text, "bad.txt").unwrap_err();
            assert_eq!(err.line, line, "{text:?}: {err}");
            assert!(err.expected.contains(expected), "{text:?}: {err}");
            assert!(err.to_string().starts_with("bad.txt"), "{err}");
        }
    }
}
