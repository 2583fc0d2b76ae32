//! The agent dictionary: generic agents ("the foreign minister", "police")
//! whose codes are added to the code of the actor they belong to.
//!
//! ```text
//! !PERSON! = MAN, MEN, WOMAN        # a substitution set
//! FOREIGN_MINISTER [~GOVFRM]        # ~ first: added after the actor code
//! HUMAN_RIGHTS_BODY  [NGO~]         # ~ last: added before it
//! POLICE {} [~COP]                  # {}: no plural
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]   # the plural, given
//! CONGRESS!PERSON! [~LEG]           # one entry per member of the set
//! ```
//!
//! Without `{...}` the regular plural of the last word is added (`Y` →
//! `IES`, `S`/`SH`/`CH`/`X`/`Z` → `+ES`, else `+S`).

use super::{clean_lines, phrase_words, split_brackets, DictError, PhraseIndex};
use std::collections::BTreeMap;

/// An agent's code and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentCode {
    /// The code without `~`.
    pub code: String,
    /// `true` for `CODE~` (put before the actor code), `false` for `~CODE`.
    pub prefix: bool,
}

/// The agents, indexed by phrase (singular and plural forms).
#[derive(Debug, Clone, Default)]
pub struct AgentDict {
    index: PhraseIndex<AgentCode>,
    count: usize,
    /// Lines skipped by a lenient read, as errors.
    pub warnings: Vec<DictError>,
}

impl AgentDict {
    /// Reads an agent dictionary; any bad line is an error.
    pub fn parse(text: &str, file: &str) -> Result<AgentDict, DictError> {
        AgentDict::parse_with(text, file, true)
    }

    /// Reads an agent dictionary; a bad line is an error when `strict`,
    /// else skipped and listed in `warnings` (the shipped Phoenix file has
    /// a `[~ENV}`).
    pub fn parse_with(text: &str, file: &str, strict: bool) -> Result<AgentDict, DictError> {
        let mut dict = AgentDict::default();
        let mut sets: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (line_no, line) in clean_lines(text) {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if line.starts_with('!') && line.contains('=') {
                let (name, members) = line.split_once('=').unwrap_or((line, ""));
                let name = name.trim();
                if name.len() < 3 || !name.ends_with('!') {
                    return Err(DictError::new(
                        file,
                        line_no,
                        "a substitution set `!NAME! = A, B`",
                        format!("`{line}`"),
                    ));
                }
                let members: Vec<String> = members
                    .split(',')
                    .map(|m| m.trim().to_uppercase())
                    .filter(|m| !m.is_empty())
                    .collect();
                sets.insert(name.to_uppercase(), members);
                continue;
            }
            if let Err(e) = dict.add_line(line, line_no, file, &sets) {
                if strict {
                    return Err(e);
                }
                dict.warnings.push(e);
            }
        }
        if dict.count == 0 {
            return Err(DictError::no_entry(file, text, "at least one agent entry"));
        }
        Ok(dict)
    }

    fn add_line(
        &mut self,
        line: &str,
        line_no: usize,
        file: &str,
        sets: &BTreeMap<String, Vec<String>>,
    ) -> Result<(), DictError> {
        let (rest, codes) = split_brackets(line, '[', ']', file, line_no)?;
        let (phrase, plurals) = split_brackets(&rest, '{', '}', file, line_no)?;
        let [code] = codes.as_slice() else {
            return Err(DictError::new(
                file,
                line_no,
                "one agent code in `[...]`",
                format!("`{line}`"),
            ));
        };
        let code = parse_agent_code(code).ok_or_else(|| {
            DictError::new(
                file,
                line_no,
                "an agent code `~CODE` or `CODE~`",
                format!("`[{code}]`"),
            )
        })?;
        let phrase = phrase.trim().to_uppercase();
        if phrase.is_empty() {
            return Err(DictError::new(
                file,
                line_no,
                "an agent phrase",
                format!("`{line}`"),
            ));
        }
        for (form, auto_plural) in expand_sets(&phrase, sets, file, line_no)? {
            let words = phrase_words(&form);
            if words.is_empty() {
                continue;
            }
            match plurals.first() {
                Some(given) => {
                    for plural in given.split_whitespace() {
                        self.index.insert(phrase_words(plural), code.clone());
                    }
                }
                None if auto_plural => {
                    let mut plural = words.clone();
                    if let Some(last) = plural.last_mut() {
                        *last = make_plural(last).into_boxed_str();
                    }
                    self.index.insert(plural, code.clone());
                }
                None => {}
            }
            self.index.insert(words, code.clone());
            self.count += 1;
        }
        Ok(())
    }

    /// The longest agent phrase starting at `words[0]` (upper-case words).
    pub fn longest<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, &AgentCode)> {
        self.index.longest(words)
    }

    /// How many entries were read (before plurals and substitutions).
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether no entry was read.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

fn parse_agent_code(code: &str) -> Option<AgentCode> {
    let code = code.trim();
    let (body, prefix) = if let Some(body) = code.strip_prefix('~') {
        (body.trim(), false)
    } else if let Some(body) = code.strip_suffix('~') {
        (body.trim(), true)
    } else {
        return None;
    };
    if body.is_empty() || body.contains(|c: char| c.is_whitespace() || c == '~') {
        return None;
    }
    Some(AgentCode {
        code: body.to_uppercase(),
        prefix,
    })
}

/// The forms of a phrase with its `!SET!` markers replaced by each member
/// (no plural for those), or the phrase itself (with a plural).
fn expand_sets(
    phrase: &str,
    sets: &BTreeMap<String, Vec<String>>,
    file: &str,
    line: usize,
) -> Result<Vec<(String, bool)>, DictError> {
    let Some(start) = phrase.find('!') else {
        return Ok(vec![(phrase.to_string(), true)]);
    };
    let Some(len) = phrase[start + 1..].find('!') else {
        return Err(DictError::new(
            file,
            line,
            "a closing `!` of a substitution marker",
            format!("`{phrase}`"),
        ));
    };
    let marker = &phrase[start..start + len + 2];
    let Some(members) = sets.get(marker) else {
        return Err(DictError::new(
            file,
            line,
            "a substitution set defined before its use",
            format!("`{marker}`"),
        ));
    };
    let mut out = Vec::new();
    for member in members {
        let replaced = phrase.replacen(marker, member, 1);
        if replaced.contains('!') {
            for (form, _) in expand_sets(&replaced, sets, file, line)? {
                out.push((form, false));
            }
        } else {
            out.push((replaced, false));
        }
    }
    Ok(out)
}

/// The regular plural of an upper-case noun.
pub(crate) fn make_plural(word: &str) -> String {
    let vowel_y = ["AY", "EY", "OY", "UY"].iter().any(|e| word.ends_with(e));
    if word.ends_with('Y') && !vowel_y {
        format!("{}IES", &word[..word.len() - 1])
    } else if ["S", "SH", "CH", "X", "Z"]
        .iter()
        .any(|e| word.ends_with(e))
    {
        format!("{word}ES")
    } else {
        format!("{word}S")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &str = "\
!PERSON! = MAN, WOMAN
FOREIGN_MINISTER [~GOVFRM]
RELIEF_BODY [NGO~] # comment
POLICE {} [~COP]
HIGH_SHERIFF {HIGH_SHERIFFS_X} [~SHF]
GUILD!PERSON! [~LAB]
DEPUTY [~GOV]
";

    #[test]
    fn entries_plurals_and_sets() {
        let dict = AgentDict::parse(DICT, "t.agents").unwrap();
        let (len, code) = dict.longest(&["FOREIGN", "MINISTERS"]).unwrap();
        assert_eq!((len, code.code.as_str(), code.prefix), (2, "GOVFRM", false));
        assert!(dict.longest(&["RELIEF", "BODIES"]).unwrap().1.prefix);
        assert!(dict.longest(&["POLICES"]).is_none());
        assert!(dict.longest(&["POLICE"]).is_some());
        assert!(dict.longest(&["HIGH", "SHERIFFS", "X"]).is_some());
        assert!(dict.longest(&["HIGH", "SHERIFFS"]).is_none());
        assert_eq!(dict.longest(&["GUILDWOMAN"]).unwrap().1.code, "LAB");
        assert!(dict.longest(&["GUILDMANS"]).is_none());
        assert!(dict.longest(&["DEPUTIES"]).is_some());
    }

    #[test]
    fn errors_name_the_line() {
        let bad = [
            ("A [GOV]\n", 1, "agent code"),
            ("A [~GOV\n", 1, "closing"),
            ("A {X [~GOV]\n", 1, "closing"),
            ("A\n", 1, "one agent code"),
            ("X!NOPE! [~A]\n", 1, "defined"),
            ("", 1, "at least one"),
            ("# nothing\n\n\n", 3, "at least one"),
        ];
        for (text, line, expected) in bad {
            let err = AgentDict::parse(text, "bad.txt").unwrap_err();
            assert_eq!(err.line, line, "{text:?}: {err}");
            assert!(err.expected.contains(expected), "{text:?}: {err}");
        }
    }
}
