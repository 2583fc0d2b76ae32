//! Streaming reader for ICEWS event files and the 4-column ICEWS fact files.
//!
//! ICEWS coded event files (Harvard Dataverse) have a header and 20
//! tab-separated columns: Event ID, Event Date, Source Name, Source Sectors,
//! Source Country, Event Text, CAMEO Code, Intensity, Target Name, Target
//! Sectors, Target Country, Story ID, Sentence Number, Publisher, City,
//! District, Province, Country, Latitude, Longitude. The fact files of the
//! temporal-knowledge-graph benchmarks (ICEWS14, ICEWS05-15) have 4: source
//! name, event text, target name, date. The source is the event's `source`
//! role and the target its `target`; the kind comes from the CAMEO code, or
//! from the event text through the codebook's descriptions.

use super::cameo::{actor_roles, Codebook, Countries};
use super::rows::{
    check_columns, day_when, looks_like_organization, BadRow, DatasetFormat, DatasetRecord,
    Problem, CACHE_LIMIT,
};
use crate::model::{
    Actor, ActorKind, Document, Event, EventKind, Mention, Modality, Participant, Place,
};
use chrono::NaiveDate;
use std::cell::RefCell;
use std::collections::HashMap;

/// Reads rows of one ICEWS file (shared by the dataset reader).
pub(crate) struct RowReader {
    file: String,
    /// The file name without directories or extension, for event ids.
    stem: String,
    codebook: &'static Codebook,
    countries: &'static Countries,
    file_document: Document,
    /// Codes by event text (a few hundred distinct texts).
    codes: RefCell<HashMap<String, Option<(String, EventKind)>>>,
    /// Actors by name (and sectors and country for event files).
    actors: RefCell<HashMap<String, Actor>>,
}

impl RowReader {
    /// A reader for the file named `file`; fact rows, and event rows that
    /// name no story, are reported in the document `icews:<file name>`
    /// (without folders: the same however the path is typed).
    pub(crate) fn new(file: &str) -> RowReader {
        let base = file.rsplit(['/', '\\', '!']).next().unwrap_or(file);
        // the name without its format extensions: "facts.train.txt" and
        // "facts.test.txt" give "facts.train" and "facts.test", so that the
        // row ids of two files never collide
        let mut stem = base;
        while let Some((head, ext)) = stem.rsplit_once('.') {
            if head.is_empty()
                || !matches!(
                    ext.to_ascii_lowercase().as_str(),
                    "tsv" | "txt" | "tab" | "csv" | "zip" | "gz"
                )
            {
                break;
            }
            stem = head;
        }
        let stem = stem.to_string();
        RowReader {
            file: file.to_string(),
            codes: RefCell::new(HashMap::new()),
            actors: RefCell::new(HashMap::new()),
            stem,
            codebook: Codebook::builtin(),
            countries: Countries::builtin(),
            file_document: Document {
                id: format!("icews:{base}"),
                title: Some(base.to_string()),
                url: None,
                published: None,
                source: Some("ICEWS".to_string()),
            },
        }
    }

    fn bad(&self, line: u64, field: &'static str, value: &str, problem: Problem) -> BadRow {
        BadRow::new(&self.file, line, field, value, problem)
    }

    /// Turns one split row (events or facts layout) into a record, or says
    /// what is wrong with it.
    pub(crate) fn read_row(
        &self,
        format: DatasetFormat,
        fields: &[&str],
        line: u64,
    ) -> Result<DatasetRecord, BadRow> {
        check_columns(&self.file, format, fields.len(), line)?;
        match format {
            DatasetFormat::IcewsFacts => self.read_fact(fields, line),
            _ => self.read_event(fields, line),
        }
    }

    fn date(&self, text: &str, field: &'static str, line: u64) -> Result<NaiveDate, BadRow> {
        let text = text.trim();
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .filter(|_| text.len() == 10)
            .ok_or_else(|| self.bad(line, field, text, Problem::BadDate))
    }

    fn code_of_text(&self, text: &str, line: u64) -> Result<(String, EventKind), BadRow> {
        let mut cache = self.codes.borrow_mut();
        if !cache.contains_key(text) {
            if cache.len() >= CACHE_LIMIT {
                cache.clear();
            }
            let found = self
                .codebook
                .code_for_text(text)
                .and_then(|entry| Some((entry.code.clone(), entry.kind()?)));
            cache.insert(text.to_string(), found);
        }
        cache
            .get(text)
            .cloned()
            .flatten()
            .ok_or_else(|| self.bad(line, "Event Text", text, Problem::UnknownEventText))
    }

    /// An actor through the cache, made by `make` when not cached.
    fn cached_actor(&self, key: &str, make: impl FnOnce() -> Actor) -> Actor {
        let mut cache = self.actors.borrow_mut();
        if let Some(actor) = cache.get(key) {
            return actor.clone();
        }
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        let actor = make();
        cache.insert(key.to_string(), actor.clone());
        actor
    }

    /// A 4-column fact: source, event text, target, date.
    fn read_fact(&self, fields: &[&str], line: u64) -> Result<DatasetRecord, BadRow> {
        let source = fields[0].trim();
        if source.is_empty() {
            return Err(self.bad(line, "source", "", Problem::Empty));
        }
        let (code, kind) = self.code_of_text(fields[1].trim(), line)?;
        let target = fields[2].trim();
        let date = self.date(fields[3], "date", line)?;
        let mut actors = Vec::with_capacity(2);
        let mut participants = Vec::with_capacity(2);
        let (role1, role2) = actor_roles(&code);
        for (name, role) in [(source, role1), (target, role2)] {
            if name.is_empty() {
                continue;
            }
            participants.push(Participant {
                actor: name.to_string(),
                role,
            });
            if !actors.iter().any(|a: &Actor| a.name == name) {
                actors.push(self.cached_actor(name, || self.fact_actor(name)));
            }
        }
        let document = self.file_document.clone();
        Ok(DatasetRecord {
            event: Event {
                id: format!("icews-{}-{line}", self.stem),
                kind,
                cameo: Some(code),
                source_code: None,
                target_code: None,
                when: day_when(date),
                participants,
                place: None,
                modality: Modality::Asserted,
                mentions: vec![Mention {
                    document: document.id.clone(),
                    text: String::new(),
                    start: 0,
                    end: 0,
                }],
                confidence: 1.0,
            },
            actors,
            place: None,
            document,
            gdelt: None,
            intensity: None,
            line,
        })
    }

    /// The actor a fact file names: countries from the country list, ICEWS
    /// sector actors ("Police (Afghanistan)") as organisations or groups,
    /// other names as people or organisations by their words.
    fn fact_actor(&self, name: &str) -> Actor {
        if let Some(code) = self.countries.code(name) {
            let mut actor = Actor::new(name, ActorKind::Country);
            actor.country = Some(code.to_string());
            return actor;
        }
        if let Some((head, rest)) = name.split_once(" (") {
            let country_name = rest.trim_end_matches(')');
            let kind = if is_group_word(head) {
                ActorKind::Group
            } else {
                ActorKind::Organization
            };
            let mut actor = Actor::new(name, kind);
            if let Some(code) = self.countries.code(country_name) {
                actor.country = Some(code.to_string());
                actor.affiliation = Some(country_name.to_string());
            }
            return actor;
        }
        let kind = if looks_like_organization(name) {
            ActorKind::Organization
        } else {
            ActorKind::Person
        };
        Actor::new(name, kind)
    }

    /// A 20-column ICEWS event row.
    fn read_event(&self, fields: &[&str], line: u64) -> Result<DatasetRecord, BadRow> {
        let event_id = fields[0].trim();
        if event_id.is_empty() {
            return Err(self.bad(line, "Event ID", "", Problem::Empty));
        }
        let date = self.date(fields[1], "Event Date", line)?;
        let raw_code = fields[6].trim();
        let (code, kind) = match self.icews_code(raw_code) {
            Some(found) => found,
            None if raw_code.is_empty() => self.code_of_text(fields[5].trim(), line)?,
            None => return Err(self.bad(line, "CAMEO Code", raw_code, Problem::UnknownCode)),
        };
        let intensity = match fields[7].trim() {
            "" => None,
            text => Some(
                text.parse::<f32>()
                    .map_err(|_| self.bad(line, "Intensity", text, Problem::BadNumber))?,
            ),
        };
        let coordinate = |index: usize, name: &'static str, range: f64| {
            let text = fields[index].trim();
            if text.is_empty() {
                return Ok(None);
            }
            match text.parse::<f64>() {
                Ok(v) if v.is_finite() && v.abs() <= range => Ok(Some(v)),
                _ => Err(self.bad(line, name, text, Problem::BadNumber)),
            }
        };
        let lat = coordinate(18, "Latitude", 90.0)?;
        let lon = coordinate(19, "Longitude", 180.0)?;
        let mut actors = Vec::with_capacity(2);
        let mut participants = Vec::with_capacity(2);
        let (role1, role2) = actor_roles(&code);
        for (start, role) in [(2, role1), (8, role2)] {
            let name = fields[start].trim();
            if name.is_empty() {
                continue;
            }
            participants.push(Participant {
                actor: name.to_string(),
                role,
            });
            if !actors.iter().any(|a: &Actor| a.name == name) {
                let (sectors, country) = (fields[start + 1], fields[start + 2]);
                let key = format!("{name}\t{sectors}\t{country}");
                actors.push(self.cached_actor(&key, || self.event_actor(name, sectors, country)));
            }
        }
        let place_name = [14, 16, 17]
            .iter()
            .map(|&i| fields[i].trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let place = (!place_name.is_empty()).then(|| Place {
            name: place_name,
            country: self.countries.code(fields[17]).map(str::to_string),
            lat,
            lon,
        });
        let story = fields[11].trim();
        let publisher = fields[13].trim();
        let document = if story.is_empty() {
            self.file_document.clone()
        } else {
            Document {
                id: format!("icews-story:{story}"),
                title: None,
                url: None,
                published: None,
                source: Some(if publisher.is_empty() {
                    "ICEWS".to_string()
                } else {
                    publisher.to_string()
                }),
            }
        };
        Ok(DatasetRecord {
            event: Event {
                id: format!("icews-{event_id}"),
                kind,
                cameo: Some(code),
                source_code: None,
                target_code: None,
                when: day_when(date),
                participants,
                place: place.as_ref().map(|p| p.name.clone()),
                modality: Modality::Asserted,
                mentions: vec![Mention {
                    document: document.id.clone(),
                    text: fields[5].trim().to_string(),
                    start: 0,
                    end: 0,
                }],
                confidence: 1.0,
            },
            actors,
            place,
            document,
            gdelt: None,
            intensity,
            line,
        })
    }

    /// An ICEWS CAMEO code; files that stored codes as numbers lost the
    /// leading zero ("42" for "042").
    fn icews_code(&self, raw: &str) -> Option<(String, EventKind)> {
        if raw.is_empty() {
            return None;
        }
        if let Some(kind) = self.codebook.kind(raw) {
            if raw.len() > 2 {
                return Some((raw.to_string(), kind));
            }
        }
        let padded = format!("0{raw}");
        if let Some(kind) = self.codebook.kind(&padded) {
            return Some((padded, kind));
        }
        self.codebook.kind(raw).map(|kind| (raw.to_string(), kind))
    }

    fn event_actor(&self, name: &str, sectors: &str, country: &str) -> Actor {
        let country = country.trim();
        let country_code = self.countries.code(country);
        let kind = if !country.is_empty() && name == country {
            ActorKind::Country
        } else if sectors.trim().is_empty() {
            if looks_like_organization(name) {
                ActorKind::Organization
            } else {
                ActorKind::Person
            }
        } else if name.contains(" (") {
            let head = name.split(" (").next().unwrap_or(name);
            if is_group_word(head) {
                ActorKind::Group
            } else {
                ActorKind::Organization
            }
        } else {
            // A named actor with sectors: ICEWS gives sectors to people
            // (through their posts) and organisations alike.
            if looks_like_organization(name) {
                ActorKind::Organization
            } else {
                ActorKind::Person
            }
        };
        let mut actor = Actor::new(name, kind);
        actor.country = country_code.map(str::to_string);
        if kind != ActorKind::Country && !country.is_empty() {
            actor.affiliation = Some(country.to_string());
        }
        actor
    }
}

/// ICEWS sector heads that name groups of people rather than organisations.
fn is_group_word(head: &str) -> bool {
    const GROUPS: [&str; 26] = [
        "citizen",
        "men",
        "women",
        "children",
        "protester",
        "criminal",
        "militant",
        "armed gang",
        "armed rebel",
        "insurgent",
        "combatant",
        "student",
        "villager",
        "muslim",
        "christian",
        "activist",
        "attacker",
        "indigenous people",
        "refugee",
        "terrorist",
        "rebel",
        "immigrants",
        "farm worker",
        "ethnic",
        "social group",
        "people associated with the opposition",
    ];
    let lower = head.trim().to_ascii_lowercase();
    GROUPS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::dataset::{read_dataset_to_vec, ReadOptions};
    use crate::model::Role;

    const HEADER: &str = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude";

    #[test]
    fn row_ids_of_two_splits_differ() {
        assert_eq!(RowReader::new("kb/facts.train.txt").stem, "facts.train");
        assert_eq!(RowReader::new("kb/facts.test.txt").stem, "facts.test");
        assert_eq!(RowReader::new("a.zip!events.2015.tab").stem, "events.2015");
        assert_eq!(RowReader::new("icews14_test.tsv").stem, "icews14_test");
        assert_eq!(RowReader::new(".tsv").stem, ".tsv");
    }

    #[test]
    fn fact_rows_become_events() {
        let text = "John Kerry\tMeet at a 'third' location\tSergey Viktorovich Lavrov\t2014-01-31\n\
                    Police (Afghanistan)\tMake an appeal or request\tCitizen (Afghanistan)\t2014-02-01\n\
                    Japan\tMake a visit\tThailand\t2014-09-22\n";
        let (records, report) = read_dataset_to_vec(
            text.as_bytes(),
            &ReadOptions::for_file("dir/icews14_test.tsv"),
        )
        .unwrap();
        assert_eq!(report.format, Some(DatasetFormat::IcewsFacts));
        assert_eq!(records.len(), 3);
        let meet = &records[0];
        assert_eq!(meet.event.kind, EventKind::Meet);
        assert_eq!(meet.event.cameo.as_deref(), Some("044"));
        assert_eq!(meet.event.id, "icews-icews14_test-1");
        assert_eq!(meet.actors[0].kind, ActorKind::Person);
        assert_eq!(records[1].event.cameo.as_deref(), Some("020"));
        assert_eq!(records[1].actors[0].kind, ActorKind::Organization);
        assert_eq!(records[1].actors[1].kind, ActorKind::Group);
        assert_eq!(records[1].actors[0].country.as_deref(), Some("AF"));
        assert_eq!(records[2].event.kind, EventKind::Visit);
        assert_eq!(records[2].actors[0].kind, ActorKind::Country);
        assert_eq!(records[2].event.participants[1].role, Role::Target);
    }

    #[test]
    fn event_rows_use_code_place_and_story() {
        let row = "926685\t2014-01-01\tJohn Kerry\tExecutive,Government\tUnited States\tMake a visit\t42\t1.9\tIsrael\t\tIsrael\t2862829\t1\tThe Jerusalem Post\tJerusalem\t\tJerusalem\tIsrael\t31.769\t35.2163";
        let bad = "926686\t2014-13-01\tA\t\t\tMake a visit\t042\t1\tB\t\t\t1\t1\tP\t\t\t\t\t\t";
        let text = format!("{HEADER}\n{row}\n{bad}\n");
        let (records, report) =
            read_dataset_to_vec(text.as_bytes(), &ReadOptions::for_file("events.tab")).unwrap();
        assert_eq!(report.format, Some(DatasetFormat::IcewsEvents));
        assert_eq!(report.stats.skipped, 1);
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!(r.event.cameo.as_deref(), Some("042"));
        assert_eq!(r.event.kind, EventKind::Visit);
        assert_eq!(r.intensity, Some(1.9));
        assert_eq!(r.actors[1].kind, ActorKind::Country);
        assert_eq!(r.place.as_ref().unwrap().lat, Some(31.769));
        assert_eq!(r.document.id, "icews-story:2862829");
        assert_eq!(
            report.bad_rows[0].to_string(),
            "events.tab:3: Event Date: expected a calendar date, but found \"2014-13-01\""
        );
    }

    #[test]
    fn unknown_event_texts_are_reported() {
        let text = "A\tBake a cake\tB\t2014-01-01\n";
        let (records, report) =
            read_dataset_to_vec(text.as_bytes(), &ReadOptions::for_file("f.tsv")).unwrap();
        assert!(records.is_empty());
        assert_eq!(
            report.bad_rows[0].to_string(),
            "f.tsv:1: Event Text: expected a CAMEO event description, but found \"Bake a cake\""
        );
    }
}
