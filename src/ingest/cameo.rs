//! The CAMEO event codebook and its mapping to event kinds.
//!
//! The codebook ships as data (`data/cameo/CAMEO.eventcodes.tsv`, GDELT's
//! lookup table of CAMEO 1.1b3) and is compiled into the library. Every code
//! of it maps to a `model::EventKind` through `EventKind::from_cameo`; ICEWS
//! "Event Text" labels map to codes through their descriptions plus the few
//! ICEWS wordings listed in `data/cameo/icews_event_text.tsv`.

use crate::model::{normalize_name, EventKind, Role};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::sync::OnceLock;

const CODEBOOK_TSV: &str = include_str!("../../data/cameo/CAMEO.eventcodes.tsv");
const ICEWS_TEXT_TSV: &str = include_str!("../../data/cameo/icews_event_text.tsv");
const COUNTRIES_TSV: &str = include_str!("../../data/cameo/countries.tsv");

/// One code of the codebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeEntry {
    /// The code as a string with its leading zero (`"042"`).
    pub code: String,
    /// The codebook's description (`"Make a visit"`).
    pub description: String,
}

impl CodeEntry {
    /// The event kind of the code.
    pub fn kind(&self) -> Option<EventKind> {
        EventKind::from_cameo(&self.code)
    }
}

/// Errors reading a codebook file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CodebookError {
    /// The input could not be read.
    #[error("cannot read the codebook: {0}")]
    Io(#[from] std::io::Error),
    /// A line without a tab between code and description.
    #[error("codebook line {line}: expected CODE<TAB>DESCRIPTION, but found {text:?}")]
    Syntax {
        /// 1-based line number.
        line: usize,
        /// The whole line.
        text: String,
    },
    /// A code that is not 2 to 4 ASCII digits.
    #[error("codebook line {line}: expected a CAMEO code of 2 to 4 digits, but found {code:?}")]
    BadCode {
        /// 1-based line number.
        line: usize,
        /// The code as found (trimmed).
        code: String,
    },
}

/// The CAMEO event codebook: codes in file order, with lookups by code and
/// by description.
#[derive(Debug, Clone)]
pub struct Codebook {
    entries: Vec<CodeEntry>,
    by_code: HashMap<String, usize>,
    by_description: HashMap<String, usize>,
}

impl Codebook {
    /// Reads a codebook: a `CAMEOEVENTCODE<TAB>EVENTDESCRIPTION` header line
    /// (optional) and one code per line.
    pub fn read(input: impl Read) -> Result<Codebook, CodebookError> {
        let mut entries = Vec::new();
        for (i, line) in BufReader::new(input).lines().enumerate() {
            let line = line?;
            let line_no = i + 1;
            if line.trim().is_empty() || (line_no == 1 && line.starts_with("CAMEOEVENTCODE")) {
                continue;
            }
            let Some((code, description)) = line.split_once('\t') else {
                return Err(CodebookError::Syntax {
                    line: line_no,
                    text: line,
                });
            };
            let code = code.trim();
            if code.len() < 2 || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(CodebookError::BadCode {
                    line: line_no,
                    code: code.to_string(),
                });
            }
            entries.push(CodeEntry {
                code: code.to_string(),
                description: description.trim().to_string(),
            });
        }
        Ok(Codebook::from_entries(entries))
    }

    fn from_entries(entries: Vec<CodeEntry>) -> Codebook {
        let mut by_code = HashMap::new();
        let mut by_description: HashMap<String, usize> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            by_code.insert(entry.code.clone(), i);
            // A description shared by a root ("CONSULT", 04) and its x0 code
            // ("Consult", 040) names the 3-digit code: later codes win.
            let key = description_key(&entry.description);
            match by_description.get(&key) {
                Some(&j) if entries[j].code.len() > entry.code.len() => {}
                _ => {
                    by_description.insert(key, i);
                }
            }
        }
        Codebook {
            entries,
            by_code,
            by_description,
        }
    }

    /// The codebook shipped with eventgraph (CAMEO 1.1b3, 311 codes).
    pub fn builtin() -> &'static Codebook {
        static BUILTIN: OnceLock<Codebook> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let mut book = Codebook::read(CODEBOOK_TSV.as_bytes())
                .expect("the bundled CAMEO codebook is well-formed");
            for line in ICEWS_TEXT_TSV.lines().skip(1) {
                if let Some((text, code)) = line.split_once('\t') {
                    if let Some(&i) = book.by_code.get(code.trim()) {
                        book.by_description.insert(description_key(text), i);
                    }
                }
            }
            book
        })
    }

    /// Every code, in codebook order.
    pub fn entries(&self) -> &[CodeEntry] {
        &self.entries
    }

    /// The entry of a code (`"042"`).
    pub fn get(&self, code: &str) -> Option<&CodeEntry> {
        self.by_code.get(code).map(|&i| &self.entries[i])
    }

    /// Whether the code is in the codebook.
    pub fn contains(&self, code: &str) -> bool {
        self.by_code.contains_key(code)
    }

    /// The kind of a code of the codebook (`None` for codes it lacks).
    pub fn kind(&self, code: &str) -> Option<EventKind> {
        if self.contains(code) {
            EventKind::from_cameo(code)
        } else {
            None
        }
    }

    /// The code whose description is `text` (an ICEWS "Event Text" such as
    /// `"Make a visit"` or `"Meet at a 'third' location"`); case,
    /// punctuation and ", not specified below" do not matter.
    pub fn code_for_text(&self, text: &str) -> Option<&CodeEntry> {
        self.by_description
            .get(&description_key(text))
            .map(|&i| &self.entries[i])
    }
}

/// The roles of a coded event's first actor (GDELT Actor1, ICEWS source) and
/// second actor: source and target, except for CAMEO 043 "Host a visit",
/// whose first actor is the host (role `target`) and second the visitor
/// (role `source`), as the visit rule of DESIGN.md reads them.
pub(crate) fn actor_roles(code: &str) -> (Role, Role) {
    if code.starts_with("043") {
        (Role::Target, Role::Source)
    } else {
        (Role::Source, Role::Target)
    }
}

/// The lookup key of a description: lowercase words without punctuation,
/// without ", not specified below".
fn description_key(text: &str) -> String {
    let lower = text.to_lowercase();
    let trimmed = lower
        .replace(", not specified below", "")
        .replace(" not specified below", "");
    let mut out = String::with_capacity(trimmed.len());
    for word in trimmed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Country names as ICEWS writes them, with their ISO 3166 alpha-2 codes
/// (`data/cameo/countries.tsv`).
pub(crate) struct Countries {
    by_name: HashMap<String, &'static str>,
}

impl Countries {
    /// The bundled list.
    pub(crate) fn builtin() -> &'static Countries {
        static BUILTIN: OnceLock<Countries> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let mut by_name = HashMap::new();
            for line in COUNTRIES_TSV.lines().filter(|l| !l.starts_with('#')) {
                let mut parts = line.split('\t');
                let (Some(code), Some(name)) = (parts.next(), parts.next()) else {
                    continue;
                };
                by_name.insert(normalize_name(name), code);
                for alias in parts.next().unwrap_or("").split('|') {
                    if !alias.is_empty() {
                        by_name.entry(normalize_name(alias)).or_insert(code);
                    }
                }
            }
            Countries { by_name }
        })
    }

    /// The ISO code of a country name (`"South Korea"` gives `"KR"`).
    pub(crate) fn code(&self, name: &str) -> Option<&'static str> {
        self.by_name.get(&normalize_name(name)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_descriptions_are_found() {
        let book = Codebook::builtin();
        assert_eq!(book.get("042").unwrap().description, "Make a visit");
        assert_eq!(book.kind("0871"), Some(EventKind::Deescalate));
        assert_eq!(book.kind("0999"), None);
        assert_eq!(book.code_for_text("Consult").unwrap().code, "040");
        assert_eq!(book.code_for_text("Make statement").unwrap().code, "010");
        assert_eq!(
            book.code_for_text("Meet at a 'third' location")
                .unwrap()
                .code,
            "044"
        );
        assert_eq!(
            book.code_for_text("Make an appeal or request")
                .unwrap()
                .code,
            "020"
        );
        assert!(book.code_for_text("Bake a cake").is_none());
    }

    #[test]
    fn hosts_are_targets_of_visits() {
        assert_eq!(actor_roles("042"), (Role::Source, Role::Target));
        assert_eq!(actor_roles("043"), (Role::Target, Role::Source));
        assert_eq!(actor_roles("112"), (Role::Source, Role::Target));
    }

    #[test]
    fn malformed_codebooks_are_rejected() {
        assert!(matches!(
            Codebook::read("01\tok\nxx\tbad\n".as_bytes()),
            Err(CodebookError::BadCode { line: 2, .. })
        ));
        assert!(matches!(
            Codebook::read("01 no tab\n".as_bytes()),
            Err(CodebookError::Syntax { line: 1, .. })
        ));
    }

    #[test]
    fn countries_are_known_by_icews_names() {
        let countries = Countries::builtin();
        assert_eq!(countries.code("South Korea"), Some("KR"));
        assert_eq!(countries.code("United States"), Some("US"));
        assert_eq!(countries.code("Barack Obama"), None);
    }
}
