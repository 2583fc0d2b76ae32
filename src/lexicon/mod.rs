//! The lexicons in `data/`: countries, demonyms, capitals, organisations, people
//! with titles, cities; loaded once and searched with Aho-Corasick.
//!
//! API contract (the extraction codes against it; the data files and their
//! columns are described in `data/README.md`):
//! - `Lexicon::builtin()` gives the lexicon built from the files in `data/`
//!   (embedded in the binary with `include_str!`, parsed once);
//! - `Lexicon::find_all(text)` gives every match in the text, leftmost
//!   longest, on word boundaries;
//! - `Lexicon::lookup(name)` finds an entry by any of its names.

/// What a lexicon entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EntryKind {
    Country,
    Organization,
    /// A known person (a leader or minister), with a title where known.
    Person,
    City,
    /// A region, province, peninsula, sea: a place that is not a city.
    Region,
    /// A group of people or countries ("the West", "Baltic states").
    Group,
}

/// How a match names its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Via {
    /// The canonical name or an alias ("United States", "U.S.").
    Name,
    /// A demonym ("Russian", "Russians") of a country.
    Demonym,
    /// The capital city of a country ("Moscow" for Russia).
    Capital,
}

/// One entry of the lexicon.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub canonical: String,
    pub kind: EntryKind,
    /// ISO 3166 alpha-2 code of the country the entry belongs to.
    pub country: Option<String>,
    /// For people: their best-known title ("President").
    pub title: Option<String>,
    /// For cities: the coordinates.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// A match of a lexicon name in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct LexMatch {
    /// Byte span in the text.
    pub start: usize,
    pub end: usize,
    /// Index into `Lexicon::entries()`.
    pub entry: usize,
    pub via: Via,
}

/// The loaded lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    entries: Vec<Entry>,
}

impl Lexicon {
    /// The lexicon built from the files in `data/`, parsed once.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        LEXICON.get_or_init(Lexicon::default)
    }

    /// Every entry.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every match in `text`, leftmost longest, on word boundaries.
    pub fn find_all(&self, text: &str) -> Vec<LexMatch> {
        let _ = text;
        Vec::new()
    }

    /// The entry a name (canonical, alias, demonym or capital) stands for.
    pub fn lookup(&self, name: &str) -> Option<(usize, Via)> {
        let _ = name;
        None
    }
}
