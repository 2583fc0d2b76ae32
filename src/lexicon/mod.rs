//! The lexicons in `data/`: countries, demonyms, capitals, organisations, people
//! with titles, cities; loaded once and searched by a word-start hash table
//! (`matcher.rs`; it replaced an Aho-Corasick automaton: see docs/lexicon.md).
//!
//! API contract (the extraction codes against it; the data files and their
//! columns are described in `data/README.md`):
//! - `Lexicon::builtin()` gives the lexicon built from the files in `data/`
//!   (embedded in the binary with `include_str!`, parsed once);
//! - `Lexicon::find_all(text)` gives every match in the text, leftmost
//!   longest, on word boundaries;
//! - `Lexicon::lookup(name)` finds an entry by any of its names.
//!
//! Added items: `Lexicon::candidates(surface)` (every entry a surface form may
//! name, best first: "Moscow" is Russia via its capital, then the city),
//! `Lexicon::country(code)`, `Lexicon::capital_city(country entry)`,
//! `Lexicon::people_with_surname(word)`, `Lexicon::find_all_into`,
//! `Lexicon::parse(LexiconFiles)` for other data, and more fields on `Entry`
//! (`id`, `aliases`, `demonyms`, `capital`, `population`, `start`, `end`,
//! `common_word`, `person_name`).
//!
//! Matching is case-sensitive (names are capitalised in news; "US" must not
//! match "us"), leftmost-longest, and a match must start and end on a word
//! boundary (the characters around it are not letters or digits).

mod fxhash;
mod matcher;
mod parse;

use fxhash::FxHashMap as HashMap;

pub use parse::{Error, LexiconFiles};

/// What a lexicon entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum EntryKind {
    /// A country.
    #[default]
    Country,
    /// An organisation: a party, an army, a ministry, an agency.
    Organization,
    /// A known person (a leader or minister), with a title where known.
    Person,
    /// A city or town (GeoNames).
    City,
    /// A region, province, peninsula, sea: a place that is not a city.
    Region,
    /// A group of people or countries ("the West", "Baltic states").
    Group,
}

impl EntryKind {
    /// Lowercase name used in entry ids ("country", "city").
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Country => "country",
            EntryKind::Organization => "organization",
            EntryKind::Person => "person",
            EntryKind::City => "city",
            EntryKind::Region => "region",
            EntryKind::Group => "group",
        }
    }
}

/// How a match names its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    /// The name in the `name` column of its file.
    pub canonical: String,
    /// What the entry names.
    pub kind: EntryKind,
    /// ISO 3166 alpha-2 code of the country the entry belongs to.
    pub country: Option<String>,
    /// For people: their best-known title ("President").
    pub title: Option<String>,
    /// For cities: the coordinates.
    pub lat: Option<f64>,
    /// Longitude in degrees, where the data gives one (cities and regions).
    pub lon: Option<f64>,
    /// Stable id, unique in the lexicon: "country:RU", "city:524901",
    /// "organization:NATO", "person:John Kerry".
    pub id: String,
    /// Other names of the entry ("U.S.", "America"; "Kiev" for Kyiv).
    pub aliases: Vec<String>,
    /// For countries: demonyms, singular and plural ("Russian", "Russians").
    pub demonyms: Vec<String>,
    /// For countries: the index of the capital's city entry.
    pub capital: Option<usize>,
    /// For countries and cities: the population (GeoNames).
    pub population: Option<u64>,
    /// For people: the start and end of the term the data gives (ISO date
    /// "YYYY-MM-DD" or a year "YYYY"), where known.
    pub start: Option<String>,
    /// For people: the end of the term, written as `start`, where known.
    pub end: Option<String>,
    /// The (one-word) name is also an ordinary English word ("Nice",
    /// "Reading", "Split"; countries "Turkey", "China"): a match at the start
    /// of a sentence or in a title is doubtful. Set for cities, countries and
    /// regions.
    pub common_word: bool,
    /// The (one-word) name is also a frequent first name or surname
    /// ("Victoria", "Jackson"; countries "Chad", "Jordan"). Set for cities,
    /// countries and regions.
    pub person_name: bool,
}

/// A match of a lexicon name in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct LexMatch {
    /// Byte span in the text.
    pub start: usize,
    /// Byte offset just past the match (exclusive).
    pub end: usize,
    /// Index into `Lexicon::entries()`.
    pub entry: usize,
    /// How the matched text names the entry.
    pub via: Via,
}

/// The loaded lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    entries: Vec<Entry>,
    /// Surface form -> candidates (entry, via), best first.
    names: HashMap<String, Vec<(usize, Via)>>,
    /// Lowercased surface form -> the surface forms that fold to it, sorted;
    /// built on the first lookup that needs it.
    folded: std::sync::OnceLock<HashMap<String, Vec<String>>>,
    /// Last word of a person's names -> person entries, sorted; built on
    /// first use.
    surnames: std::sync::OnceLock<HashMap<String, Vec<usize>>>,
    /// Country code -> country entry.
    countries: HashMap<String, usize>,
    matcher: Option<matcher::Matcher>,
}

/// The builtin data files, embedded in the binary.
const BUILTIN: LexiconFiles<'static> = LexiconFiles {
    countries: include_str!("../../data/lexicon/countries.tsv"),
    cities: include_str!("../../data/lexicon/cities.tsv"),
    regions: include_str!("../../data/lexicon/regions.tsv"),
    organizations: include_str!("../../data/lexicon/organizations.tsv"),
    people: include_str!("../../data/lexicon/people.tsv"),
    groups: include_str!("../../data/lexicon/groups.tsv"),
};

/// FIPS 10-4 country code → ISO 3166-1 alpha-2 (`data/lexicon/fips.tsv`,
/// from GeoNames): GDELT's geo columns use FIPS ("RS" is Russia, "UK" the
/// United Kingdom). `None` for an unknown or empty code.
pub(crate) fn iso_of_fips(fips: &str) -> Option<&'static str> {
    static TABLE: std::sync::OnceLock<HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        include_str!("../../data/lexicon/fips.tsv")
            .lines()
            .skip(1)
            .filter_map(|line| line.split_once('\t'))
            .collect()
    });
    table.get(fips.trim()).copied()
}

/// ISO 3166-1 alpha-3 code (as CAMEO and GDELT use them: "IRN") → the
/// country's canonical name in `data/lexicon/countries.tsv` ("Iran").
/// `None` for an unknown or empty code.
pub(crate) fn country_name_of_alpha3(code: &str) -> Option<&'static str> {
    static TABLE: std::sync::OnceLock<HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        BUILTIN
            .countries
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut cells = line.split('\t');
                let _alpha2 = cells.next()?;
                let alpha3 = cells.next()?;
                let name = cells.next()?;
                (!alpha3.is_empty() && !name.is_empty()).then_some((alpha3, name))
            })
            .collect()
    });
    table.get(code.trim()).copied()
}

impl Lexicon {
    /// The lexicon built from the files in `data/`, parsed once.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        LEXICON.get_or_init(|| {
            // The embedded files are checked by the tests; a failure here is a bug.
            Lexicon::parse(&BUILTIN).expect("the builtin lexicon files are valid")
        })
    }

    /// The text of the builtin data files.
    pub fn builtin_files() -> LexiconFiles<'static> {
        BUILTIN
    }

    /// Parse a lexicon from the text of its files (the format of `data/lexicon`).
    pub fn parse(files: &LexiconFiles<'_>) -> Result<Lexicon, Error> {
        let parsed = parse::parse_files(files)?;
        Ok(Lexicon::from_parsed(parsed))
    }

    fn from_parsed(parsed: parse::Parsed) -> Lexicon {
        let parse::Parsed { entries, mut names } = parsed;
        // Rank the candidates of each surface form: the order decides which
        // entry a match names when several share a name.
        names.sort_unstable_by(|a, b| {
            let pa = entries[a.entry].population.unwrap_or(0);
            let pb = entries[b.entry].population.unwrap_or(0);
            a.surface
                .cmp(&b.surface)
                .then(a.rank.cmp(&b.rank))
                .then(pb.cmp(&pa))
                .then(a.entry.cmp(&b.entry))
                .then(a.via.cmp(&b.via))
        });
        let mut grouped: HashMap<String, Vec<(usize, Via)>> =
            HashMap::with_capacity_and_hasher(names.len(), Default::default());
        let mut surfaces: Vec<(String, usize, Via)> = Vec::with_capacity(names.len());
        let mut iter = names.into_iter().peekable();
        while let Some(first) = iter.next() {
            let mut cands = vec![(first.entry, first.via)];
            while let Some(next) = iter.next_if(|n| n.surface == first.surface) {
                if !cands.contains(&(next.entry, next.via)) {
                    cands.push((next.entry, next.via));
                }
            }
            surfaces.push((first.surface.clone(), first.entry, first.via));
            grouped.insert(first.surface, cands);
        }
        let names = grouped;
        let countries = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntryKind::Country)
            .filter_map(|(i, e)| e.country.clone().map(|c| (c, i)))
            .collect();
        let capitals: std::collections::BTreeSet<usize> =
            entries.iter().filter_map(|e| e.capital).collect();
        let surfaces: Vec<(&str, usize, Via)> = surfaces
            .iter()
            .filter(|(s, e, v)| !doubtful_place(&entries, &capitals, s, *e, *v))
            .map(|(s, e, v)| (s.as_str(), *e, *v))
            .collect();
        let matcher = matcher::Matcher::build(&surfaces);
        Lexicon {
            entries,
            names,
            folded: std::sync::OnceLock::new(),
            surnames: std::sync::OnceLock::new(),
            countries,
            matcher: Some(matcher),
        }
    }

    /// Every entry.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every match in `text`, leftmost longest, on word boundaries.
    pub fn find_all(&self, text: &str) -> Vec<LexMatch> {
        let mut out = Vec::new();
        self.find_all_into(text, &mut out);
        out
    }

    /// Like `find_all`, appending to `out` (reuse one buffer across texts).
    pub fn find_all_into(&self, text: &str, out: &mut Vec<LexMatch>) {
        if let Some(m) = &self.matcher {
            m.find_all(text, out);
        }
    }

    /// The entry a name (canonical, alias, demonym or capital) stands for.
    ///
    /// The exact spelling is tried first, then the name in another case
    /// ("russia", "RUSSIA") when the spellings agree on the entry; an
    /// all-capital name (an acronym: "US", "NATO") is only found from a
    /// query that has a capital letter, so "us" finds nothing.
    pub fn lookup(&self, name: &str) -> Option<(usize, Via)> {
        self.candidates(name).first().copied()
    }

    /// Every entry a name may stand for, best first ("Moscow": Russia via
    /// its capital, then the city of Moscow, then smaller places).
    pub fn candidates(&self, name: &str) -> &[(usize, Via)] {
        let name = name.trim();
        if let Some(c) = self.names.get(name) {
            return c;
        }
        let query_has_capital = name.chars().any(char::is_uppercase);
        if let Some(spellings) = self.folded().get(&name.to_lowercase()) {
            let allowed: Vec<&String> = spellings
                .iter()
                .filter(|s| query_has_capital || !is_all_caps(s))
                .collect();
            if let Some(first) = allowed.first() {
                let first = &self.names[*first];
                if allowed
                    .iter()
                    .all(|s| self.names[*s].first() == first.first())
                {
                    return first;
                }
            }
        }
        &[]
    }

    fn folded(&self) -> &HashMap<String, Vec<String>> {
        self.folded.get_or_init(|| {
            let mut folded: HashMap<String, Vec<String>> = HashMap::default();
            for surface in self.names.keys() {
                folded
                    .entry(surface.to_lowercase())
                    .or_default()
                    .push(surface.clone());
            }
            for list in folded.values_mut() {
                list.sort();
            }
            folded
        })
    }

    /// The people whose name or an alias ends with `surname` ("Lavrov" gives
    /// Sergey Viktorovich Lavrov), in entry order; empty when none.
    pub fn people_with_surname(&self, surname: &str) -> &[usize] {
        let map = self.surnames.get_or_init(|| {
            let mut map: HashMap<String, Vec<usize>> = HashMap::default();
            for (i, e) in self.entries.iter().enumerate() {
                if e.kind != EntryKind::Person {
                    continue;
                }
                for name in std::iter::once(&e.canonical).chain(&e.aliases) {
                    if let Some(last) = name.split_whitespace().next_back() {
                        if name.contains(' ') {
                            let list = map.entry(last.to_string()).or_default();
                            if list.last() != Some(&i) {
                                list.push(i);
                            }
                        }
                    }
                }
            }
            map
        });
        map.get(surname.trim()).map_or(&[], Vec::as_slice)
    }

    /// The country entry of an ISO 3166 alpha-2 code ("RU").
    pub fn country(&self, code: &str) -> Option<usize> {
        self.countries.get(code).copied()
    }

    /// The city entry of a country's capital.
    pub fn capital_city(&self, country_entry: usize) -> Option<usize> {
        self.entries.get(country_entry).and_then(|e| e.capital)
    }

    /// The number of distinct names the matcher searches for.
    pub fn n_names(&self) -> usize {
        self.names.len()
    }
}

/// Places smaller than this whose one-word name is also a person's name
/// ("Vladimir", "Obama", "Stanton") are not matched by `find_all`: in news
/// the word is far more often part of a name. `lookup` still finds them.
pub(crate) const PERSON_NAMED_PLACE_MIN_POPULATION: u64 = 500_000;
/// The same for capitals, which name their country ("Douglas", Isle of Man).
pub(crate) const PERSON_NAMED_CAPITAL_MIN_POPULATION: u64 = 100_000;

/// True when `find_all` should not report `surface` (see the constants above).
fn doubtful_place(
    entries: &[Entry],
    capitals: &std::collections::BTreeSet<usize>,
    surface: &str,
    entry: usize,
    via: Via,
) -> bool {
    let (city, min) = match (via, entries[entry].kind) {
        (Via::Capital, _) => match entries[entry].capital {
            Some(c) => (c, PERSON_NAMED_CAPITAL_MIN_POPULATION),
            None => return false,
        },
        (_, EntryKind::City) if capitals.contains(&entry) => {
            (entry, PERSON_NAMED_CAPITAL_MIN_POPULATION)
        }
        (_, EntryKind::City) => (entry, PERSON_NAMED_PLACE_MIN_POPULATION),
        _ => return false,
    };
    let c = &entries[city];
    !surface.contains(' ') && c.person_name && c.population.unwrap_or(0) < min
}

/// "US", "U.S.", "NATO": no lowercase letter and at least one capital.
fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Lexicon {
        let files = LexiconFiles {
            countries: "code\talpha3\tname\taliases\tdemonyms\tcapital\tcapital_geonameid\tpopulation\tflags\n\
                        RU\tRUS\tRussia\tRussian Federation\tRussian|Russians\tMoscow\t524901\t144000000\t\n\
                        US\tUSA\tUnited States\tU.S.|US|USA\tAmerican|Americans\tWashington\t4140963\t327000000\t\n",
            cities: "geonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\taliases\tflags\n\
                     4140963\tWashington\tUS\tDC\t38.9\t-77.0\t689545\t\tcapital\n\
                     524901\tMoscow\tRU\t48\t55.75\t37.61\t10381222\t\tcapital\n\
                     5601538\tMoscow\tUS\tID\t46.7\t-117.0\t25060\t\t\n",
            ..LexiconFiles::default()
        };
        Lexicon::parse(&files).unwrap()
    }

    #[test]
    fn fips_codes_map_to_iso() {
        assert_eq!(iso_of_fips("RS"), Some("RU"));
        assert_eq!(iso_of_fips("UK"), Some("GB"));
        assert_eq!(iso_of_fips("GM"), Some("DE"));
        assert_eq!(iso_of_fips("US"), Some("US"));
        assert_eq!(iso_of_fips(""), None);
        assert_eq!(iso_of_fips("ZZZ"), None);
    }

    #[test]
    fn capital_names_country_then_city() {
        let lex = tiny();
        let (e, via) = lex.lookup("Moscow").unwrap();
        assert_eq!(lex.entries()[e].canonical, "Russia");
        assert_eq!(via, Via::Capital);
        let c = lex.candidates("Moscow");
        assert_eq!(c.len(), 3);
        assert_eq!(lex.entries()[c[1].0].population, Some(10381222));
        let city = lex.capital_city(e).unwrap();
        assert_eq!(lex.entries()[city].kind, EntryKind::City);
        assert_eq!(lex.entries()[city].canonical, "Moscow");
    }

    #[test]
    fn boundaries_and_case() {
        let lex = tiny();
        let text = "tell us what the US and Russians think of U.S. plans in Moscow's USAID";
        let got: Vec<&str> = lex
            .find_all(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(got, vec!["US", "Russians", "U.S.", "Moscow"]);
    }

    #[test]
    fn case_insensitive_lookup_fallback() {
        let lex = tiny();
        assert_eq!(lex.lookup("russia").map(|x| x.1), Some(Via::Name));
        assert!(lex.lookup("Atlantis").is_none());
        assert!(lex.lookup("us").is_none());
        assert_eq!(lex.lookup("usa").map(|x| x.1), None);
        assert!(lex.lookup("Usa").is_some());
    }
}
