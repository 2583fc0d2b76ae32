//! Parsing the lexicon TSV files (header row, tab-separated, `|` between the
//! names of a list cell) into entries and the surface forms that name them.
//! Every error names the file, the line and the field.

use super::fxhash::FxHashMap as HashMap;

use super::{Entry, EntryKind, Via};

/// The text of the six lexicon files; an empty string stands for an empty file.
#[derive(Debug, Clone, Copy, Default)]
pub struct LexiconFiles<'a> {
    /// `countries.tsv`: one row per country, with demonyms and capital.
    pub countries: &'a str,
    /// `cities.tsv`: GeoNames cities.
    pub cities: &'a str,
    /// `regions.tsv`: places that are not cities.
    pub regions: &'a str,
    /// `organizations.tsv`.
    pub organizations: &'a str,
    /// `people.tsv`: known people with their titles and terms.
    pub people: &'a str,
    /// `groups.tsv`: groups of people or countries.
    pub groups: &'a str,
}

/// A lexicon file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: field `{field}`: {message}")]
pub struct Error {
    /// The file name ("countries.tsv").
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// The column name.
    pub field: String,
    /// What is wrong, lowercase, without the location.
    pub message: String,
}

/// A surface form naming an entry, with its rank among the entries sharing
/// that form (lower is preferred).
pub(crate) struct Name {
    /// The form as written in the data ("U.S.", "Russians").
    pub surface: String,
    /// Index into `Parsed::entries`.
    pub entry: usize,
    /// How the form names the entry.
    pub via: Via,
    /// Rank of the entry among those sharing the form; lower is preferred.
    pub rank: u8,
}

/// The lexicon files parsed: entries and the names that point to them.
pub(crate) struct Parsed {
    /// The entries; `Name::entry` indexes them.
    pub entries: Vec<Entry>,
    /// Every surface form of every entry.
    pub names: Vec<Name>,
}

// Ranks: which entry a shared name stands for first.
const RANK_COUNTRY: u8 = 0;
const RANK_DEMONYM: u8 = 1;
const RANK_ORGANIZATION: u8 = 2;
const RANK_GROUP: u8 = 3;
const RANK_PERSON: u8 = 4;
const RANK_CAPITAL: u8 = 5;
const RANK_REGION: u8 = 6;
const RANK_CITY: u8 = 7;
const RANK_CITY_ALIAS: u8 = 8;

/// The header of `countries.tsv`, in order.
pub(super) const COUNTRY_COLUMNS: &[&str] = &[
    "code",
    "alpha3",
    "name",
    "aliases",
    "demonyms",
    "capital",
    "capital_geonameid",
    "population",
    "flags",
];
/// The header of `cities.tsv`, in order.
pub(super) const CITY_COLUMNS: &[&str] = &[
    "geonameid",
    "name",
    "country",
    "admin1",
    "lat",
    "lon",
    "population",
    "aliases",
    "flags",
];
/// The header of `regions.tsv`, in order.
pub(super) const REGION_COLUMNS: &[&str] = &[
    "name", "country", "type", "aliases", "lat", "lon", "source", "flags",
];
/// The header of `organizations.tsv`, in order.
pub(super) const ORGANIZATION_COLUMNS: &[&str] = &["name", "country", "type", "aliases", "source"];
/// The header of `people.tsv`, in order.
pub(super) const PERSON_COLUMNS: &[&str] = &[
    "name", "country", "title", "aliases", "start", "end", "source",
];
/// The header of `groups.tsv`, in order.
pub(super) const GROUP_COLUMNS: &[&str] = &["name", "country", "aliases", "source"];

/// One row of a TSV file, with what is needed to report an error in it.
struct Row<'a> {
    file: &'static str,
    line: usize,
    columns: &'static [&'static str],
    cells: Vec<&'a str>,
}

impl<'a> Row<'a> {
    fn error(&self, field: &str, message: String) -> Error {
        Error {
            file: self.file.to_string(),
            line: self.line,
            field: field.to_string(),
            message,
        }
    }

    fn get(&self, field: &str) -> &'a str {
        let i = self
            .columns
            .iter()
            .position(|c| *c == field)
            .expect("field names come from the column lists");
        self.cells[i]
    }

    fn required(&self, field: &str) -> Result<&'a str, Error> {
        let v = self.get(field);
        if v.trim().is_empty() {
            return Err(self.error(field, "expected a value, but found an empty cell".into()));
        }
        if v.trim() != v {
            return Err(self.error(field, format!("unexpected spaces around \"{v}\"")));
        }
        Ok(v)
    }

    fn optional(&self, field: &str) -> Option<String> {
        let v = self.get(field).trim();
        (!v.is_empty()).then(|| v.to_string())
    }

    fn list(&self, field: &str) -> Result<Vec<String>, Error> {
        let v = self.get(field);
        if v.is_empty() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for item in v.split('|') {
            if item.trim().is_empty() || item.trim() != item {
                return Err(self.error(
                    field,
                    format!("expected names separated by '|', but found \"{v}\""),
                ));
            }
            out.push(item.to_string());
        }
        Ok(out)
    }

    fn country(&self, field: &str) -> Result<Option<String>, Error> {
        let v = self.get(field);
        if v.is_empty() {
            return Ok(None);
        }
        if v.len() == 2 && v.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Some(v.to_string()))
        } else {
            Err(self.error(
                field,
                format!("expected an ISO 3166 alpha-2 code, but found \"{v}\""),
            ))
        }
    }

    fn float(&self, field: &str, limit: f64) -> Result<Option<f64>, Error> {
        let v = self.get(field);
        if v.is_empty() {
            return Ok(None);
        }
        match v.parse::<f64>() {
            Ok(x) if x.is_finite() && x.abs() <= limit => Ok(Some(x)),
            _ => Err(self.error(
                field,
                format!("expected a number within ±{limit}, but found \"{v}\""),
            )),
        }
    }

    fn integer(&self, field: &str) -> Result<Option<u64>, Error> {
        let v = self.get(field);
        if v.is_empty() {
            return Ok(None);
        }
        v.parse::<u64>()
            .map(Some)
            .map_err(|_| self.error(field, format!("expected a whole number, but found \"{v}\"")))
    }

    /// The `flags` cell: (common_word, person_name); `capital` is allowed
    /// (and ignored) only where `allow_capital`.
    fn flags(&self, allow_capital: bool) -> Result<(bool, bool), Error> {
        let (mut word, mut person) = (false, false);
        for flag in self.get("flags").split(',').filter(|f| !f.is_empty()) {
            match flag {
                "capital" if allow_capital => {}
                "word" => word = true,
                "person" => person = true,
                other => {
                    let expected = if allow_capital {
                        "capital, word or person"
                    } else {
                        "word or person"
                    };
                    return Err(self.error(
                        "flags",
                        format!("expected {expected}, but found \"{other}\""),
                    ));
                }
            }
        }
        Ok((word, person))
    }

    fn date(&self, field: &str) -> Result<Option<String>, Error> {
        let v = self.get(field);
        if v.is_empty() {
            return Ok(None);
        }
        let ok = match v.len() {
            4 => v.bytes().all(|b| b.is_ascii_digit()),
            10 => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok(),
            _ => false,
        };
        if ok {
            Ok(Some(v.to_string()))
        } else {
            Err(self.error(
                field,
                format!("expected a date YYYY-MM-DD or a year YYYY, but found \"{v}\""),
            ))
        }
    }
}

/// Split a file into rows, checking the header and the number of cells.
fn rows<'a>(
    file: &'static str,
    text: &'a str,
    columns: &'static [&'static str],
) -> Result<Vec<Row<'a>>, Error> {
    let mut out = Vec::new();
    if text.is_empty() {
        return Ok(out);
    }
    let mut lines = text.lines().enumerate();
    let header = lines.next().map(|(_, l)| l).unwrap_or("");
    let expected = columns.join("\t");
    if header.trim_end_matches('\r') != expected {
        let found: String = header.chars().take(200).collect();
        return Err(Error {
            file: file.to_string(),
            line: 1,
            field: "header".to_string(),
            message: format!("expected the columns \"{expected}\", but found \"{found}\""),
        });
    }
    for (i, line) in lines {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != columns.len() {
            let field = columns
                .get(cells.len())
                .or(columns.last())
                .copied()
                .unwrap_or("");
            return Err(Error {
                file: file.to_string(),
                line: i + 1,
                field: field.to_string(),
                message: format!(
                    "expected {} tab-separated cells, but found {}",
                    columns.len(),
                    cells.len()
                ),
            });
        }
        out.push(Row {
            file,
            line: i + 1,
            columns,
            cells,
        });
    }
    Ok(out)
}

struct Builder {
    entries: Vec<Entry>,
    names: Vec<Name>,
    ids: HashMap<String, usize>,
}

impl Builder {
    fn push(&mut self, row: &Row<'_>, entry: Entry) -> Result<usize, Error> {
        let i = self.entries.len();
        if self.ids.insert(entry.id.clone(), i).is_some() {
            return Err(row.error("name", format!("duplicate entry \"{}\"", entry.id)));
        }
        self.entries.push(entry);
        Ok(i)
    }

    fn name(&mut self, surface: &str, entry: usize, via: Via, rank: u8) {
        self.names.push(Name {
            surface: surface.to_string(),
            entry,
            via,
            rank,
        });
    }
}

pub(crate) fn parse_files(files: &LexiconFiles<'_>) -> Result<Parsed, Error> {
    let mut b = Builder {
        entries: Vec::new(),
        names: Vec::new(),
        ids: HashMap::default(),
    };

    // Countries first; their capitals are resolved once the cities are read.
    let mut capitals: Vec<(usize, Row<'_>, u64)> = Vec::new();
    for row in rows("countries.tsv", files.countries, COUNTRY_COLUMNS)? {
        let code = row
            .country("code")?
            .ok_or_else(|| row.error("code", "expected a value, but found an empty cell".into()))?;
        let name = row.required("name")?;
        let country_flags = row.flags(false)?;
        let entry = Entry {
            canonical: name.to_string(),
            kind: EntryKind::Country,
            country: Some(code.clone()),
            id: format!("country:{code}"),
            aliases: row.list("aliases")?,
            demonyms: row.list("demonyms")?,
            population: row.integer("population")?,
            common_word: country_flags.0,
            person_name: country_flags.1,
            ..Entry::default()
        };
        let i = b.push(&row, entry)?;
        b.name(name, i, Via::Name, RANK_COUNTRY);
        for a in b.entries[i].aliases.clone() {
            b.name(&a, i, Via::Name, RANK_COUNTRY);
        }
        for d in b.entries[i].demonyms.clone() {
            b.name(&d, i, Via::Demonym, RANK_DEMONYM);
        }
        if let Some(id) = row.integer("capital_geonameid")? {
            capitals.push((i, row, id));
        }
    }

    let mut geonameids: HashMap<u64, usize> = HashMap::default();
    for row in rows("cities.tsv", files.cities, CITY_COLUMNS)? {
        let geonameid = row.integer("geonameid")?.ok_or_else(|| {
            row.error(
                "geonameid",
                "expected a value, but found an empty cell".into(),
            )
        })?;
        let name = row.required("name")?;
        let (common_word, person_name) = row.flags(true)?;
        let entry = Entry {
            canonical: name.to_string(),
            kind: EntryKind::City,
            country: row.country("country")?,
            lat: row.float("lat", 90.0)?,
            lon: row.float("lon", 180.0)?,
            id: format!("city:{geonameid}"),
            population: row.integer("population")?,
            common_word,
            person_name,
            aliases: row.list("aliases")?,
            ..Entry::default()
        };
        let i = b.push(&row, entry)?;
        geonameids.insert(geonameid, i);
        b.name(name, i, Via::Name, RANK_CITY);
        for a in b.entries[i].aliases.clone() {
            b.name(&a, i, Via::Name, RANK_CITY_ALIAS);
        }
    }

    for (i, row, id) in capitals {
        let c = *geonameids.get(&id).ok_or_else(|| {
            row.error(
                "capital_geonameid",
                format!("expected the geonameid of a city in cities.tsv, but found \"{id}\""),
            )
        })?;
        let city = &b.entries[c];
        if city.country != b.entries[i].country {
            return Err(row.error(
                "capital_geonameid",
                format!(
                    "the capital \"{}\" is not a city of this country",
                    city.canonical
                ),
            ));
        }
        let mut forms = vec![city.canonical.clone()];
        forms.extend(city.aliases.iter().cloned());
        b.entries[i].capital = Some(c);
        for f in forms {
            b.name(&f, i, Via::Capital, RANK_CAPITAL);
        }
    }

    for row in rows("regions.tsv", files.regions, REGION_COLUMNS)? {
        let name = row.required("name")?;
        let country = row.country("country")?;
        let region_flags = row.flags(false)?;
        let entry = Entry {
            canonical: name.to_string(),
            kind: EntryKind::Region,
            id: format!(
                "region:{name}{}",
                country
                    .as_deref()
                    .map(|c| format!("@{c}"))
                    .unwrap_or_default()
            ),
            country,
            aliases: row.list("aliases")?,
            lat: row.float("lat", 90.0)?,
            lon: row.float("lon", 180.0)?,
            common_word: region_flags.0,
            person_name: region_flags.1,
            ..Entry::default()
        };
        simple(&mut b, &row, entry, RANK_REGION)?;
    }
    for row in rows(
        "organizations.tsv",
        files.organizations,
        ORGANIZATION_COLUMNS,
    )? {
        let name = row.required("name")?;
        let entry = Entry {
            canonical: name.to_string(),
            kind: EntryKind::Organization,
            id: format!("organization:{name}"),
            country: row.country("country")?,
            aliases: row.list("aliases")?,
            ..Entry::default()
        };
        simple(&mut b, &row, entry, RANK_ORGANIZATION)?;
    }
    for row in rows("people.tsv", files.people, PERSON_COLUMNS)? {
        let name = row.required("name")?;
        let entry = Entry {
            canonical: name.to_string(),
            kind: EntryKind::Person,
            id: format!("person:{name}"),
            country: row.country("country")?,
            title: row.optional("title"),
            aliases: row.list("aliases")?,
            start: row.date("start")?,
            end: row.date("end")?,
            ..Entry::default()
        };
        simple(&mut b, &row, entry, RANK_PERSON)?;
    }
    for row in rows("groups.tsv", files.groups, GROUP_COLUMNS)? {
        let name = row.required("name")?;
        let entry = Entry {
            canonical: name.to_string(),
            kind: EntryKind::Group,
            id: format!("group:{name}"),
            country: row.country("country")?,
            aliases: row.list("aliases")?,
            ..Entry::default()
        };
        simple(&mut b, &row, entry, RANK_GROUP)?;
    }

    Ok(Parsed {
        entries: b.entries,
        names: b.names,
    })
}

/// Add an entry named by its canonical name and aliases.
fn simple(b: &mut Builder, row: &Row<'_>, entry: Entry, rank: u8) -> Result<(), Error> {
    let i = b.push(row, entry)?;
    let canonical = b.entries[i].canonical.clone();
    b.name(&canonical, i, Via::Name, rank);
    for a in b.entries[i].aliases.clone() {
        b.name(&a, i, Via::Name, rank);
    }
    Ok(())
}
