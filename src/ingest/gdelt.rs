//! Streaming reader for GDELT 1.0 and 2.0 event exports (plain and zip).
//!
//! Layouts (tab-separated, no header): GDELT 1.0 historical files have 57
//! columns, the daily files since 2013-04-01 add SOURCEURL (58), and GDELT 2.0
//! exports have 61 (an ADM2Code after each ADM1Code, DATEADDED with the time).
//! Each row becomes a `DatasetRecord`: Actor1 is the source and Actor2 the
//! target (for CAMEO 043 "Host a visit" the other way round: the visitor is
//! the source) of an event of the kind of its CAMEO EventCode, dated by SQLDATE
//! (day precision), placed at ActionGeo with its coordinates, reported in the
//! document at SOURCEURL, with NumMentions, NumSources, NumArticles,
//! GoldsteinScale, AvgTone and QuadClass kept in `GdeltFigures`.
//!
//! Use `read_gdelt` for a GDELT file, or `dataset::read_dataset` to detect
//! any supported layout.

use super::cameo::{actor_roles, Codebook};
use super::rows::{
    check_columns, day_when, looks_like_organization, title_case, BadRow, DatasetFormat,
    DatasetRecord, GdeltFigures, Problem, CACHE_LIMIT,
};
use crate::lexicon::{EntryKind, Lexicon, Via};
use crate::model::{Actor, ActorKind, Document, Event, Mention, Modality, Participant, Place};
use chrono::NaiveDate;
use std::cell::RefCell;
use std::collections::HashMap;

/// The column positions of one GDELT layout (0-based).
struct Columns {
    /// First column of Actor1Geo, Actor2Geo and ActionGeo.
    geo: [usize; 3],
    /// Whether geo blocks have an ADM2Code column.
    adm2: bool,
    date_added: usize,
    source_url: Option<usize>,
}

fn columns(format: DatasetFormat) -> Columns {
    match format {
        DatasetFormat::Gdelt2 => Columns {
            geo: [35, 43, 51],
            adm2: true,
            date_added: 59,
            source_url: Some(60),
        },
        DatasetFormat::Gdelt1Url => Columns {
            geo: [35, 42, 49],
            adm2: false,
            date_added: 56,
            source_url: Some(57),
        },
        _ => Columns {
            geo: [35, 42, 49],
            adm2: false,
            date_added: 56,
            source_url: None,
        },
    }
}

const GEO_NAMES: [[&str; 3]; 3] = [
    ["Actor1Geo_FullName", "Actor1Geo_Lat", "Actor1Geo_Long"],
    ["Actor2Geo_FullName", "Actor2Geo_Lat", "Actor2Geo_Long"],
    ["ActionGeo_FullName", "ActionGeo_Lat", "ActionGeo_Long"],
];

/// A GDELT geo block: type, full name, FIPS country code, ADM1,
/// coordinates (the texts borrowed from the row).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct GdeltGeo<'a> {
    /// 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
    pub geo_type: u8,
    /// The place name (`"Boston, Massachusetts, United States"`).
    pub full_name: &'a str,
    /// FIPS 10-4 country code (GDELT's geo convention, not ISO).
    pub country_code: &'a str,
    /// The ADM1 code (country code plus first-level division).
    pub adm1_code: &'a str,
    /// Latitude in degrees; `None` when the column is empty.
    pub lat: Option<f64>,
    /// Longitude in degrees; `None` when the column is empty.
    pub lon: Option<f64>,
}

/// Reads rows of one GDELT file (shared by the dataset reader).
pub(crate) struct RowReader {
    file: String,
    codebook: &'static Codebook,
    file_document: Document,
    /// Actors by their 10 tab-joined fields: a day's file names the same
    /// few thousand actors again and again.
    actors: RefCell<HashMap<String, Option<Actor>>>,
    /// The key of the last actor looked up (a buffer kept between rows).
    key: RefCell<String>,
}

impl RowReader {
    /// A reader for the file named `file`; rows without a SOURCEURL are
    /// reported in the document `gdelt:<file name>` (the name without its
    /// folders, or the archive member's name: the same however the path
    /// is typed), rows with one in `gdelt:<SOURCEURL>` (apart from any
    /// article stored under the URL).
    pub(crate) fn new(file: &str) -> RowReader {
        let name = file.rsplit(['/', '\\', '!']).next().unwrap_or(file);
        RowReader {
            file: file.to_string(),
            actors: RefCell::new(HashMap::new()),
            key: RefCell::new(String::new()),
            codebook: Codebook::builtin(),
            file_document: Document {
                id: format!("gdelt:{name}"),
                title: Some(name.to_string()),
                url: None,
                published: None,
                source: Some("GDELT".to_string()),
            },
        }
    }

    fn bad(&self, line: u64, field: &'static str, value: &str, problem: Problem) -> BadRow {
        BadRow::new(&self.file, line, field, value, problem)
    }

    fn number<T: std::str::FromStr>(
        &self,
        fields: &[&str],
        index: usize,
        name: &'static str,
        line: u64,
    ) -> Result<T, BadRow> {
        let text = fields[index].trim();
        text.parse::<T>()
            .map_err(|_| self.bad(line, name, text, Problem::BadNumber))
    }

    fn optional_coordinate(
        &self,
        text: &str,
        name: &'static str,
        line: u64,
        range: f64,
    ) -> Result<Option<f64>, BadRow> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() && v.abs() <= range => Ok(Some(v)),
            _ => Err(self.bad(line, name, text, Problem::BadNumber)),
        }
    }

    /// Reads one geo block starting at `start`.
    fn geo<'a>(
        &self,
        fields: &[&'a str],
        start: usize,
        adm2: bool,
        names: [&'static str; 3],
        line: u64,
    ) -> Result<Option<GdeltGeo<'a>>, BadRow> {
        let full_name = fields[start + 1].trim();
        let geo_type = fields[start].trim();
        if full_name.is_empty() && (geo_type.is_empty() || geo_type == "0") {
            return Ok(None);
        }
        let lat_index = if adm2 { start + 5 } else { start + 4 };
        let lat = self.optional_coordinate(fields[lat_index], names[1], line, 90.0)?;
        let lon = self.optional_coordinate(fields[lat_index + 1], names[2], line, 180.0)?;
        Ok(Some(GdeltGeo {
            geo_type: geo_type.parse().unwrap_or(0),
            full_name,
            country_code: fields[start + 2].trim(),
            adm1_code: fields[start + 3].trim(),
            lat,
            lon,
        }))
    }

    /// The actor of a block, through the cache.
    fn actor(&self, block: &[&str]) -> Option<Actor> {
        if block[0].is_empty() && block[1].is_empty() {
            return None;
        }
        let mut key = self.key.borrow_mut();
        key.clear();
        for (i, field) in block.iter().enumerate() {
            if i > 0 {
                key.push('\t');
            }
            key.push_str(field);
        }
        let mut cache = self.actors.borrow_mut();
        if let Some(found) = cache.get(key.as_str()) {
            return found.clone();
        }
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        let actor = gdelt_actor(block);
        cache.insert(key.clone(), actor.clone());
        actor
    }

    /// Turns one split row into a record, or says what is wrong with it.
    pub(crate) fn read_row(
        &self,
        format: DatasetFormat,
        fields: &[&str],
        line: u64,
    ) -> Result<DatasetRecord, BadRow> {
        check_columns(&self.file, format, fields.len(), line)?;
        let cols = columns(format);
        let global_event_id: u64 = self.number(fields, 0, "GLOBALEVENTID", line)?;
        let date = parse_yyyymmdd(fields[1])
            .ok_or_else(|| self.bad(line, "SQLDATE", fields[1], Problem::BadDate))?;
        let code = fields[26].trim();
        let kind = self
            .codebook
            .kind(code)
            .ok_or_else(|| self.bad(line, "EventCode", code, Problem::UnknownCode))?;
        let is_root_event = match fields[25].trim() {
            "1" => true,
            "0" | "" => false,
            other => return Err(self.bad(line, "IsRootEvent", other, Problem::BadNumber)),
        };
        let quad_class: u8 = self.number(fields, 29, "QuadClass", line)?;
        if !(1..=4).contains(&quad_class) {
            return Err(self.bad(line, "QuadClass", fields[29], Problem::BadNumber));
        }
        let goldstein_scale: f32 = self.number(fields, 30, "GoldsteinScale", line)?;
        let num_mentions: u32 = self.number(fields, 31, "NumMentions", line)?;
        let num_sources: u32 = self.number(fields, 32, "NumSources", line)?;
        let num_articles: u32 = self.number(fields, 33, "NumArticles", line)?;
        let avg_tone: f32 = self.number(fields, 34, "AvgTone", line)?;
        let date_added: u64 = self.number(fields, cols.date_added, "DATEADDED", line)?;
        let action_geo = self.geo(fields, cols.geo[2], cols.adm2, GEO_NAMES[2], line)?;
        // Actor geos are checked too, so that a bad coordinate anywhere is reported.
        self.geo(fields, cols.geo[0], cols.adm2, GEO_NAMES[0], line)?;
        self.geo(fields, cols.geo[1], cols.adm2, GEO_NAMES[1], line)?;

        let mut actors = Vec::with_capacity(2);
        let mut participants = Vec::with_capacity(2);
        let (role1, role2) = actor_roles(code);
        for (start, role) in [(5, role1), (15, role2)] {
            if let Some(actor) = self.actor(&fields[start..start + 10]) {
                participants.push(Participant {
                    actor: actor.name.clone(),
                    role,
                });
                if !actors.iter().any(|a: &Actor| a.name == actor.name) {
                    actors.push(actor);
                }
            }
        }

        let url = cols
            .source_url
            .map(|i| fields[i].trim())
            .filter(|u| !u.is_empty());
        let added_day = parse_yyyymmdd(fields[cols.date_added].trim().get(..8).unwrap_or(""));
        let document = match url {
            Some(url) => Document {
                id: format!("gdelt:{url}"),
                title: None,
                url: Some(url.to_string()),
                published: added_day,
                source: Some("GDELT".to_string()),
            },
            None => self.file_document.clone(),
        };
        let place = action_geo.as_ref().map(|g| Place {
            name: g.full_name.to_string(),
            country: crate::lexicon::iso_of_fips(g.country_code).map(str::to_string),
            lat: g.lat,
            lon: g.lon,
        });
        let event = Event {
            id: format!("gdelt-{global_event_id}"),
            kind,
            cameo: Some(code.to_string()),
            source_code: code_of(fields[5]),
            target_code: code_of(fields[15]),
            when: day_when(date),
            participants,
            place: place.as_ref().map(|p| p.name.clone()),
            modality: Modality::Asserted,
            mentions: vec![Mention {
                document: document.id.clone(),
                text: String::new(),
                start: 0,
                end: 0,
            }],
            confidence: 1.0,
        };
        Ok(DatasetRecord {
            event,
            actors,
            place,
            document,
            gdelt: Some(GdeltFigures {
                global_event_id,
                is_root_event,
                quad_class,
                goldstein_scale,
                num_mentions,
                num_sources,
                num_articles,
                avg_tone,
                date_added,
            }),
            intensity: None,
            line,
        })
    }
}

/// `YYYYMMDD` as a date (`00000000` and impossible days give `None`).
pub(super) fn parse_yyyymmdd(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = text[..4].parse().ok()?;
    let month: u32 = text[4..6].parse().ok()?;
    let day: u32 = text[6..].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// GDELT actor type codes that name organisations (the rest of the known
/// type codes name groups of people).
const ORGANIZATION_TYPES: [&str; 14] = [
    "GOV", "MIL", "JUD", "LEG", "PTY", "COP", "BUS", "MED", "EDU", "NGO", "IGO", "MNC", "HLH",
    "SPY",
];

/// A CAMEO actor code column (`Actor1Code`, `Actor2Code`): `None` when
/// empty.
fn code_of(field: &str) -> Option<String> {
    let code = field.trim();
    (!code.is_empty()).then(|| code.to_string())
}

/// Generic agents of the Phoenix agents dictionary (`data/petrarch/
/// Phoenix.agents.txt`, MIT): "SENATOR", "POLICE OFFICER", "DELEGATE".
/// GDELT names an actor it could not name by such a word; it is a role of
/// its country, not a named actor. Uppercase, words joined by spaces, with
/// the plurals the dictionary lists and regular ones (an `S` added).
fn generic_agents() -> &'static std::collections::HashSet<String> {
    static AGENTS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    AGENTS.get_or_init(|| {
        let mut set = std::collections::HashSet::new();
        let phrase = |p: &str| p.trim().trim_matches('_').replace('_', " ");
        for line in include_str!("../../data/petrarch/Phoenix.agents.txt").lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((head, _)) = line.split_once('[') else {
                continue;
            };
            let (name, plurals) = match head.split_once('{') {
                Some((name, rest)) => (name, rest.trim_end().trim_end_matches('}')),
                None => (head, ""),
            };
            let name = phrase(name);
            if name.is_empty() || name.contains('!') {
                continue;
            }
            set.insert(format!("{name}S"));
            set.insert(name);
            for plural in plurals.split_whitespace() {
                let plural = phrase(plural);
                if !plural.is_empty() {
                    set.insert(plural);
                }
            }
        }
        set
    })
}

/// Whether a GDELT actor name is a generic agent ("SENATOR").
fn is_generic_agent(name: &str) -> bool {
    let upper = name.trim().to_uppercase();
    !upper.is_empty() && generic_agents().contains(&upper)
}

/// The actor of a 10-column GDELT actor block (Code, Name, CountryCode,
/// KnownGroupCode, EthnicCode, Religion1, Religion2, Type1, Type2, Type3).
///
/// Typing, in order (issue 15):
/// - the code is the country code with no type: a country, named by its
///   code ("IRN" is Iran, whatever the row's name: GDELT also names a
///   country by a city, "Tabriz", or a demonym, "Iranian"); the row's name
///   is kept as an alias only when the lexicon knows it as that country's;
/// - the name is a generic agent of the Phoenix agents dictionary
///   ("SENATOR", "POLICE OFFICER"): an unnamed role of its country, the
///   group "Senator (United States)" (just "Senator" without a country);
/// - the name is a known person of the lexicon (the name authority; a
///   single word only when exactly one known person has that surname,
///   "OBAMA"): that person, by the lexicon's name;
/// - otherwise by the type codes: organisations (GOV, MIL, ...) or groups.
///   An all-capital short name the lexicon knows as an organisation keeps
///   its capitals ("NATO", not "Nato").
fn gdelt_actor(block: &[&str]) -> Option<Actor> {
    let code = block[0].trim();
    let name = block[1].trim();
    if code.is_empty() && name.is_empty() {
        return None;
    }
    let country = block[2].trim();
    let known_group = block[3].trim();
    let types: Vec<&str> = block[7..10]
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let lexicon = Lexicon::builtin();
    let shown = title_case(if name.is_empty() { code } else { name });
    let country_name = crate::lexicon::country_name_of_alpha3(country);
    if !country.is_empty() && code == country && types.is_empty() {
        // CAMEO's regional codes ("EUR", "AFR") are no country.
        let Some(country_name) = country_name else {
            let mut actor = Actor::new(shown, ActorKind::Group);
            actor.aliases.push(code.to_string());
            return Some(actor);
        };
        let mut actor = Actor::new(country_name, ActorKind::Country);
        actor.country = Some(country.to_string());
        actor.aliases.push(code.to_string());
        let same_country = lexicon.candidates(&shown).iter().any(|&(e, via)| {
            matches!(via, Via::Name | Via::Demonym)
                && lexicon.entries()[e].kind == EntryKind::Country
                && lexicon.entries()[e].canonical == country_name
        });
        if same_country && shown != actor.name {
            actor.aliases.push(shown);
        }
        return Some(actor);
    }
    if !name.is_empty() && known_group.is_empty() && is_generic_agent(name) {
        let full = match country_name {
            Some(c) => format!("{shown} ({c})"),
            None => shown.clone(),
        };
        let mut actor = Actor::new(full, ActorKind::Group);
        if !country.is_empty() {
            actor.country = Some(country.to_string());
        }
        actor.affiliation = country_name.map(str::to_string);
        return Some(actor);
    }
    // The country's own name or demonym with a type code ("CHNGOV",
    // "CHINESE"): a sector of the country, named as ICEWS names sectors,
    // "Government (China)", not an actor called "Chinese".
    if let (Some(country_name), Some(sector)) =
        (country_name, types.first().and_then(|t| sector_name(t)))
    {
        let names_country = lexicon.candidates(&shown).iter().any(|&(e, via)| {
            matches!(via, Via::Name | Via::Demonym)
                && lexicon.entries()[e].kind == EntryKind::Country
                && lexicon.entries()[e].canonical == country_name
        });
        if names_country {
            let kind = if ORGANIZATION_TYPES.contains(&types[0]) {
                ActorKind::Organization
            } else {
                ActorKind::Group
            };
            let mut actor = Actor::new(format!("{sector} ({country_name})"), kind);
            actor.country = Some(country.to_string());
            actor.affiliation = Some(country_name.to_string());
            return Some(actor);
        }
    }
    let person = known_person(lexicon, &shown);
    let kind = if person.is_some() {
        ActorKind::Person
    } else if !known_group.is_empty() {
        ActorKind::Organization
    } else if let Some(first) = types.first() {
        if ORGANIZATION_TYPES.contains(first) {
            ActorKind::Organization
        } else {
            ActorKind::Group
        }
    } else {
        ActorKind::Group
    };
    let display = match person {
        Some(p) => p,
        None if is_acronym(name)
            && lexicon
                .candidates(name)
                .iter()
                .any(|&(e, _)| lexicon.entries()[e].kind == EntryKind::Organization) =>
        {
            name.to_string()
        }
        None => shown,
    };
    let mut actor = Actor::new(display, kind);
    if !country.is_empty() {
        actor.country = Some(country.to_string());
    }
    Some(actor)
}

/// The people of the Phoenix actor dictionaries (`data/petrarch/
/// Phoenix.Countries.actors.txt` and `Phoenix.International.actors.txt`,
/// MIT), the name authority for GDELT names the lexicon does not know: an
/// entry is a person when one of its roles is dated (leaders and
/// ministers hold posts for a time; countries and organisations have
/// undated codes). Every phrase of such an entry (its name and `+`
/// aliases, uppercase with spaces; not "... ADMINISTRATION" and the like)
/// maps to the entry's name, title-cased ("OBAMA" → "Barack Obama");
/// a phrase two entries share is dropped.
fn phoenix_people() -> &'static HashMap<String, String> {
    static PEOPLE: std::sync::OnceLock<HashMap<String, String>> = std::sync::OnceLock::new();
    PEOPLE.get_or_init(|| {
        let phrase = |p: &str| {
            p.split('#')
                .next()
                .unwrap_or("")
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_matches('_')
                .replace('_', " ")
        };
        let mut map: HashMap<String, Option<String>> = HashMap::new();
        let mut add = |names: &[String], dated: bool| {
            let Some(name) = names.first() else {
                return;
            };
            let words = name.split(' ').count();
            if !dated || !(2..=4).contains(&words) || looks_like_organization(name) {
                return;
            }
            let canonical = title_case(name);
            for n in names {
                if n.is_empty() || n.contains("ADMINISTRATION") || looks_like_organization(n) {
                    continue;
                }
                map.entry(n.clone())
                    .and_modify(|v| {
                        if v.as_deref() != Some(canonical.as_str()) {
                            *v = None;
                        }
                    })
                    .or_insert_with(|| Some(canonical.clone()));
            }
        };
        for text in [
            include_str!("../../data/petrarch/Phoenix.Countries.actors.txt"),
            include_str!("../../data/petrarch/Phoenix.International.actors.txt"),
        ] {
            let mut names: Vec<String> = Vec::new();
            let mut dated = false;
            for line in text.lines() {
                let trimmed = line.trim();
                if trimmed.is_empty() || trimmed.starts_with('#') {
                    continue;
                }
                if let Some(alias) = trimmed.strip_prefix('+') {
                    names.push(phrase(alias));
                } else if trimmed.starts_with('[') && line.starts_with(char::is_whitespace) {
                    let code = trimmed.split(']').next().unwrap_or("");
                    if code.contains('>') || code.contains('<') || code.contains('-') {
                        dated = true;
                    }
                } else if !line.starts_with(char::is_whitespace) {
                    add(&names, dated);
                    names.clear();
                    // An entry with its code on its own line is a country
                    // or an organisation ("UNITED_STATES_ [USA]").
                    dated = false;
                    if trimmed.split('#').next().unwrap_or("").contains('[') {
                        names.push(String::new());
                    } else {
                        names.push(phrase(trimmed));
                    }
                }
            }
            add(&names, dated);
        }
        map.into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect()
    })
}

/// The sector a CAMEO type code names, in ICEWS's words where it has them.
fn sector_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "GOV" => "Government",
        "MIL" => "Military",
        "LEG" => "Legislature",
        "JUD" => "Judiciary",
        "COP" => "Police",
        "OPP" => "Opposition",
        "REB" => "Rebels",
        "PTY" => "Political Party",
        "BUS" => "Business",
        "MED" => "Media",
        "EDU" => "Education",
        "CVL" => "Citizens",
        "REF" => "Refugees",
        "LAB" => "Labor",
        "ELI" => "Elites",
        "SPY" => "Intelligence",
        "HLH" => "Health",
        "AGR" => "Agriculture",
        "CRM" => "Criminals",
        "REL" => "Religion",
        "MNC" => "Business",
        "NGO" => "NGO",
        "IGO" => "IGO",
        _ => return None,
    })
}

/// An all-capital name of two to six letters ("NATO").
fn is_acronym(name: &str) -> bool {
    (2..=6).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_uppercase())
}

/// The lexicon's name of a known person called `name` ("Barack Obama"
/// for "Barack Obama" or, the only known person with that surname,
/// "Obama").
fn known_person(lexicon: &Lexicon, name: &str) -> Option<String> {
    // A name that reads as an organisation is no person's.
    let personal = |name: &str| {
        let n_words = name.split_whitespace().count();
        let connective = name
            .split_whitespace()
            .any(|w| matches!(w.to_lowercase().as_str(), "of" | "for" | "and" | "the"));
        !looks_like_organization(name) && n_words <= 4 && !connective
    };
    let entries = lexicon.entries();
    let candidates = lexicon.candidates(name);
    // A name the lexicon also knows as something else ("United Russia",
    // a party) is no person's either.
    if !personal(name)
        || candidates
            .iter()
            .any(|&(e, _)| entries[e].kind != EntryKind::Person)
    {
        return None;
    }
    if let Some(&(e, Via::Name)) = candidates
        .iter()
        .find(|&&(e, _)| entries[e].kind == EntryKind::Person)
    {
        let canonical = &entries[e].canonical;
        return personal(canonical).then(|| canonical.clone());
    }
    if !name.contains(' ') {
        if let [one] = lexicon.people_with_surname(name) {
            let canonical = &entries[*one].canonical;
            if personal(canonical) && canonical.contains(' ') {
                return Some(canonical.clone());
            }
        }
    }
    phoenix_people().get(&name.to_uppercase()).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::dataset::{read_dataset_to_vec, read_gdelt, ReadOptions, ReadReport};
    use crate::model::EventKind;
    use crate::model::Role;

    fn row58() -> Vec<String> {
        let mut f = vec![String::new(); 58];
        f[0] = "564112764".into();
        f[1] = "20160728".into();
        f[5] = "CHR".into();
        f[6] = "CHRISTIAN".into();
        f[15] = "USA".into();
        f[16] = "UNITED STATES".into();
        f[17] = "USA".into();
        f[25] = "1".into();
        f[26] = "040".into();
        f[27] = "040".into();
        f[28] = "04".into();
        f[29] = "1".into();
        f[30] = "1.0".into();
        f[31] = "4".into();
        f[32] = "2".into();
        f[33] = "4".into();
        f[34] = "2.5".into();
        f[49] = "3".into();
        f[50] = "Boston, Massachusetts, United States".into();
        f[51] = "US".into();
        f[53] = "42.3584".into();
        f[54] = "-71.0598".into();
        f[56] = "20160728".into();
        f[57] = "http://example.org/a".into();
        f
    }

    fn read(rows: &[Vec<String>]) -> (Vec<DatasetRecord>, ReadReport) {
        let text: String = rows.iter().map(|r| r.join("\t") + "\n").collect();
        read_dataset_to_vec(text.as_bytes(), &ReadOptions::for_file("t.tsv")).unwrap()
    }

    #[test]
    fn a_row_becomes_an_event_with_roles_place_and_document() {
        let (records, report) = read(&[row58()]);
        assert_eq!(report.format, Some(DatasetFormat::Gdelt1Url));
        let r = &records[0];
        assert_eq!(r.event.id, "gdelt-564112764");
        assert_eq!(r.event.kind, EventKind::Consult);
        assert_eq!(r.event.when.value, "2016-07-28");
        assert_eq!(r.event.participants[0].actor, "Christian");
        assert_eq!(r.event.participants[0].role, Role::Source);
        assert_eq!(r.event.participants[1].actor, "United States");
        assert_eq!(r.event.participants[1].role, Role::Target);
        assert_eq!(r.actors[1].kind, ActorKind::Country);
        let place = r.place.as_ref().unwrap();
        assert_eq!(place.lat, Some(42.3584));
        assert_eq!(place.lon, Some(-71.0598));
        assert_eq!(r.document.url.as_deref(), Some("http://example.org/a"));
        let g = r.gdelt.unwrap();
        assert_eq!((g.num_mentions, g.num_sources, g.num_articles), (4, 2, 4));
    }

    #[test]
    fn bad_rows_name_line_and_field() {
        let mut zero_date = row58();
        zero_date[1] = "00000000".into();
        let mut unknown = row58();
        unknown[26] = "999".into();
        let short: Vec<String> = row58()[..50].to_vec();
        let mut bad_lat = row58();
        bad_lat[53] = "north".into();
        let (records, report) = read(&[row58(), zero_date, unknown, short, bad_lat, row58()]);
        assert_eq!(records.len(), 2);
        assert_eq!(report.stats.bad_rows, 4);
        let messages: Vec<String> = report.bad_rows.iter().map(|b| b.to_string()).collect();
        assert_eq!(
            messages[0],
            "t.tsv:2: SQLDATE: expected a calendar date, but found \"00000000\""
        );
        assert_eq!(
            messages[1],
            "t.tsv:3: EventCode: expected a CAMEO event code of the codebook, but found \"999\""
        );
        assert_eq!(
            messages[2],
            "t.tsv:4: line: expected 58 tab-separated columns, but found 50"
        );
        assert_eq!(
            messages[3],
            "t.tsv:5: ActionGeo_Lat: expected a number, but found \"north\""
        );
    }

    #[test]
    fn strict_stops_at_the_first_bad_row() {
        let mut zero_date = row58();
        zero_date[1] = "00000000".into();
        let text: String = [row58(), zero_date, row58()]
            .iter()
            .map(|r| r.join("\t") + "\n")
            .collect();
        let options = ReadOptions {
            strict: true,
            ..ReadOptions::for_file("s.tsv")
        };
        let mut n = 0;
        let err = read_gdelt(
            text.as_bytes(),
            &options,
            &mut super::super::dataset::NoProgress,
            &mut |_| n += 1,
        )
        .unwrap_err();
        assert_eq!(n, 1);
        assert!(err.to_string().starts_with("s.tsv:2: SQLDATE"), "{err}");
    }

    #[test]
    fn gdelt2_rows_use_the_shifted_columns() {
        let mut f = row58();
        // Insert the three ADM2 columns after each ADM1 and a time in DATEADDED.
        f.insert(53, "ADM2C".into()); // ActionGeo_ADM2Code
        f.insert(46, "ADM2B".into());
        f.insert(39, "ADM2A".into());
        f[59] = "20160728101500".into();
        assert_eq!(f.len(), 61);
        let (records, report) = read(&[f]);
        assert_eq!(report.stats.bad_rows, 0, "{:?}", report.bad_rows);
        assert_eq!(report.format, Some(DatasetFormat::Gdelt2));
        let r = &records[0];
        assert_eq!(r.place.as_ref().unwrap().lat, Some(42.3584));
        assert_eq!(r.gdelt.unwrap().date_added, 20160728101500);
        assert_eq!(r.document.published, NaiveDate::from_ymd_opt(2016, 7, 28));
    }

    /// One GDELT actor block: (code, name, country code, type1).
    fn block(code: &str, name: &str, country: &str, type1: &str) -> Option<Actor> {
        let mut b = vec![""; 10];
        b[0] = code;
        b[1] = name;
        b[2] = country;
        b[7] = type1;
        gdelt_actor(&b)
    }

    /// Issue 15: actors typed from the row's codes and the name authority.
    #[test]
    fn actor_typing() {
        // (what, code, name, country, type1, expected name, kind)
        let cases = [
            (
                "a country by its code, not a city",
                "IRN",
                "TABRIZ",
                "IRN",
                "",
                "Iran",
                ActorKind::Country,
            ),
            (
                "a country by its code, not a demonym",
                "IRN",
                "IRANIAN",
                "IRN",
                "",
                "Iran",
                ActorKind::Country,
            ),
            (
                "a regional code is no country",
                "EUR",
                "EUROPEAN",
                "EUR",
                "",
                "European",
                ActorKind::Group,
            ),
            (
                "a known person of the lexicon",
                "USAGOV",
                "BARACK OBAMA",
                "USA",
                "GOV",
                "Barack Obama",
                ActorKind::Person,
            ),
            (
                "a known surname",
                "USAGOV",
                "OBAMA",
                "USA",
                "GOV",
                "Barack Obama",
                ActorKind::Person,
            ),
            (
                "a person of the Phoenix dictionary",
                "RUSGOV",
                "VLADIMIR PUTIN",
                "RUS",
                "GOV",
                "Vladimir Putin",
                ActorKind::Person,
            ),
            (
                "a generic role of its country",
                "USALEG",
                "SENATOR",
                "USA",
                "LEG",
                "Senator (United States)",
                ActorKind::Group,
            ),
            (
                "a generic role, no country",
                "COP",
                "POLICE OFFICER",
                "",
                "COP",
                "Police Officer",
                ActorKind::Group,
            ),
            (
                "an acronym keeps its capitals",
                "IGOWSTNAT",
                "NATO",
                "",
                "IGO",
                "NATO",
                ActorKind::Organization,
            ),
            (
                "a generic body of its country",
                "USALEG",
                "CONGRESS",
                "USA",
                "LEG",
                "Congress (United States)",
                ActorKind::Group,
            ),
            (
                "an organisation by its type",
                "USABUS",
                "ACME HOLDINGS",
                "USA",
                "BUS",
                "Acme Holdings",
                ActorKind::Organization,
            ),
            (
                "a party the lexicon lists as a person is no person",
                "KORLAB",
                "UNIONS",
                "KOR",
                "LAB",
                "Unions",
                ActorKind::Group,
            ),
        ];
        for (what, code, name, country, type1, expected, kind) in cases {
            let actor = block(code, name, country, type1).unwrap();
            assert_eq!(
                (actor.name.as_str(), actor.kind),
                (expected, kind),
                "{what}"
            );
        }
        let tabriz = block("IRN", "TABRIZ", "IRN", "").unwrap();
        assert!(!tabriz.aliases.iter().any(|a| a == "Tabriz"));
        let iranian = block("IRN", "IRANIAN", "IRN", "").unwrap();
        assert!(iranian.aliases.iter().any(|a| a == "Iranian"));
    }
}
