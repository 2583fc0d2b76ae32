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
    check_columns, day_when, title_case, BadRow, DatasetFormat, DatasetRecord, GdeltFigures,
    Problem, CACHE_LIMIT,
};
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

/// A GDELT geo block: type, full name, FIPS country code, ADM1, coordinates.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct GdeltGeo {
    /// 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
    pub geo_type: u8,
    /// The place name (`"Boston, Massachusetts, United States"`).
    pub full_name: String,
    /// FIPS 10-4 country code (GDELT's geo convention, not ISO).
    pub country_code: String,
    /// The ADM1 code (country code plus first-level division).
    pub adm1_code: String,
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
    fn geo(
        &self,
        fields: &[&str],
        start: usize,
        adm2: bool,
        names: [&'static str; 3],
        line: u64,
    ) -> Result<Option<GdeltGeo>, BadRow> {
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
            full_name: full_name.to_string(),
            country_code: fields[start + 2].trim().to_string(),
            adm1_code: fields[start + 3].trim().to_string(),
            lat,
            lon,
        }))
    }

    /// The actor of a block, through the cache.
    fn actor(&self, block: &[&str]) -> Option<Actor> {
        if block[0].is_empty() && block[1].is_empty() {
            return None;
        }
        let key = block.join("\t");
        let mut cache = self.actors.borrow_mut();
        if let Some(found) = cache.get(&key) {
            return found.clone();
        }
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        let actor = gdelt_actor(block);
        cache.insert(key, actor.clone());
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
            name: g.full_name.clone(),
            country: crate::lexicon::iso_of_fips(&g.country_code).map(str::to_string),
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

/// The actor of a 10-column GDELT actor block (Code, Name, CountryCode,
/// KnownGroupCode, EthnicCode, Religion1, Religion2, Type1, Type2, Type3).
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
    let kind = if !country.is_empty() && code == country && types.is_empty() {
        ActorKind::Country
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
    let shown = if name.is_empty() { code } else { name };
    let mut actor = Actor::new(title_case(shown), kind);
    if !country.is_empty() {
        actor.country = Some(country.to_string());
    }
    if kind == ActorKind::Country && !code.is_empty() {
        actor.aliases.push(code.to_string());
    }
    Some(actor)
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
}
