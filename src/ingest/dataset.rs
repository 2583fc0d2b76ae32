//! Reading an event dataset of any layout: [`read_dataset`] detects GDELT
//! or ICEWS (plain or zipped) and hands each row to the reader of its
//! layout; [`group_documents`] turns the records into one [`Report`] per
//! document for the store. The shared types are in `rows` and re-exported
//! here.

pub use super::rows::*;

use super::rows::{split_tabs, LineReader};
use crate::model::{Actor, DateOrigin, Report, ReportEvent};
use std::io::{BufRead, BufReader, Read};

/// Reads a dataset of any known layout, plain or zipped (detected from the
/// `PK` signature; every file of the archive is read in turn), calling `sink`
/// with each record. Bad rows are counted and kept in the report, or stop the
/// read with [`DatasetError::BadRow`] when `options.strict` is set.
pub fn read_dataset<R: Read>(
    input: R,
    options: &ReadOptions,
    progress: &mut dyn Progress,
    sink: &mut dyn FnMut(DatasetRecord),
) -> Result<ReadReport, DatasetError> {
    let mut input = BufReader::with_capacity(1 << 16, input);
    let io_err = |source| DatasetError::Io {
        file: options.file.clone(),
        source,
    };
    let head = input.fill_buf().map_err(io_err)?;
    if head.starts_with(b"PK\x03\x04") {
        let mut report = ReadReport {
            file: options.file.clone(),
            ..ReadReport::default()
        };
        loop {
            let entry =
                zip::read::read_zipfile_from_stream(&mut input).map_err(|e| DatasetError::Zip {
                    file: options.file.clone(),
                    message: e.to_string(),
                })?;
            let Some(entry) = entry else { break };
            if entry.is_dir() {
                continue;
            }
            let inner = ReadOptions {
                format: options.format,
                strict: options.strict,
                file: format!("{}!{}", options.file, entry.name()),
            };
            let part = read_plain(BufReader::new(entry), &inner, progress, sink)?;
            report.format = part.format.or(report.format);
            report.stats.lines += part.stats.lines;
            report.stats.records += part.stats.records;
            report.stats.bad_rows += part.stats.bad_rows;
            report.stats.skipped += part.stats.skipped;
            report.stats.bytes += part.stats.bytes;
            for bad in part.bad_rows {
                if report.bad_rows.len() < MAX_KEPT_BAD_ROWS {
                    report.bad_rows.push(bad);
                }
            }
        }
        progress.finish(&report.stats);
        return Ok(report);
    }
    let report = read_plain(input, options, progress, sink)?;
    progress.finish(&report.stats);
    Ok(report)
}

/// Reads one plain (not zipped) dataset file.
fn read_plain<R: BufRead>(
    input: R,
    options: &ReadOptions,
    progress: &mut dyn Progress,
    sink: &mut dyn FnMut(DatasetRecord),
) -> Result<ReadReport, DatasetError> {
    let mut lines = LineReader::new(input);
    let mut report = ReadReport {
        file: options.file.clone(),
        format: options.format,
        ..ReadReport::default()
    };
    let gdelt_state = super::gdelt::RowReader::new(&options.file);
    let icews_state = super::icews::RowReader::new(&options.file);
    loop {
        let line = lines.next_line().map_err(|source| DatasetError::Io {
            file: options.file.clone(),
            source,
        })?;
        let line_no = lines.line_no;
        let Some(line) = line else { break };
        report.stats.lines = line_no;
        report.stats.bytes = lines.bytes;
        if line_no.is_multiple_of(PROGRESS_EVERY) {
            progress.update(&report.stats);
        }
        let text = match line {
            Ok(()) => lines.text(),
            Err(problem) => {
                let bad = BadRow::new(&options.file, line_no, "line", "", problem);
                if options.strict {
                    return Err(DatasetError::BadRow(bad));
                }
                report.push_bad(bad);
                continue;
            }
        };
        if text.trim().is_empty() {
            report.stats.skipped += 1;
            continue;
        }
        let format = match report.format {
            Some(format) => format,
            None => {
                let detected =
                    DatasetFormat::detect(text).ok_or_else(|| DatasetError::Undetected {
                        file: options.file.clone(),
                        line: line_no,
                        columns: text.split('\t').count(),
                    })?;
                report.format = Some(detected);
                detected
            }
        };
        if format == DatasetFormat::IcewsEvents && text.starts_with("Event ID\t") {
            report.stats.skipped += 1;
            continue;
        }
        let mut fields: Vec<&str> = Vec::with_capacity(64);
        split_tabs(text, &mut fields);
        let result = if format.is_gdelt() {
            gdelt_state.read_row(format, &fields, line_no)
        } else {
            icews_state.read_row(format, &fields, line_no)
        };
        match result {
            Ok(record) => {
                report.stats.records += 1;
                sink(record);
            }
            Err(bad) => {
                if options.strict {
                    return Err(DatasetError::BadRow(bad));
                }
                report.push_bad(bad);
            }
        }
    }
    report.stats.bytes = lines.bytes;
    Ok(report)
}

/// Reads a whole dataset into memory (for tests and small files).
pub fn read_dataset_to_vec<R: Read>(
    input: R,
    options: &ReadOptions,
) -> Result<(Vec<DatasetRecord>, ReadReport), DatasetError> {
    let mut records = Vec::new();
    let report = read_dataset(input, options, &mut NoProgress, &mut |r| records.push(r))?;
    Ok((records, report))
}

/// A store document made of dataset rows: the line of its first row, its
/// records, and a content hash (so that ingesting the same rows again adds
/// nothing).
pub type DatasetDocument = (u64, Report, String);

/// Groups records by the document they were reported in (GDELT SOURCEURL,
/// ICEWS story, else the file), in order of first appearance, as store
/// documents: actors and places once per document, each event with its row
/// id (`gdelt-<GLOBALEVENTID>`) as external id. Deterministic: the same
/// records give the same documents and hashes.
pub fn group_documents(records: Vec<DatasetRecord>) -> Vec<DatasetDocument> {
    use sha2::{Digest, Sha256};
    use std::collections::HashMap;
    let mut order: Vec<DatasetDocument> = Vec::new();
    let mut index_of: HashMap<String, usize> = HashMap::new();
    // Per document: actor name → index, place names (a file without URLs is
    // one document of every row).
    let mut actor_slots: Vec<HashMap<String, usize>> = Vec::new();
    let mut place_names: Vec<std::collections::HashSet<String>> = Vec::new();
    for record in records {
        let slot = *index_of
            .entry(record.document.id.clone())
            .or_insert_with(|| {
                order.push((
                    record.line,
                    Report::new(record.document.clone()),
                    String::new(),
                ));
                actor_slots.push(HashMap::new());
                place_names.push(std::collections::HashSet::new());
                order.len() - 1
            });
        let doc = &mut order[slot].1;
        let slots = &mut actor_slots[slot];
        let mut participants = Vec::with_capacity(record.event.participants.len());
        for p in &record.event.participants {
            let i = match slots.get(&p.actor) {
                Some(&i) => i,
                None => {
                    let actor = record
                        .actors
                        .iter()
                        .find(|a| a.name == p.actor)
                        .cloned()
                        .unwrap_or_else(|| {
                            Actor::new(p.actor.clone(), crate::model::ActorKind::Group)
                        });
                    doc.actors.push(actor);
                    slots.insert(p.actor.clone(), doc.actors.len() - 1);
                    doc.actors.len() - 1
                }
            };
            participants.push((i, p.role));
        }
        if let Some(place) = &record.place {
            if place_names[slot].insert(place.name.clone()) {
                doc.places.push(place.clone());
            }
        }
        let event = record.event;
        doc.events.push(ReportEvent {
            kind: event.kind,
            cameo: event.cameo,
            when: Some(event.when),
            date_origin: DateOrigin::Given,
            participants,
            place: event.place,
            modality: event.modality,
            confidence: event.confidence,
            evidence: Vec::new(),
            external_id: Some(event.id),
        });
    }
    for (_, doc, hash) in &mut order {
        let digest =
            Sha256::digest(format!("dataset rows v1\n{:?}", HashLayout::of(doc)).as_bytes());
        *hash = digest.iter().map(|b| format!("{b:02x}")).collect();
    }
    order
}

/// What the content hash of a dataset document reads: the `Debug` text of
/// the document's values in the layout of the first version (the type and
/// field names of the records it was stored as then), so that a database
/// written before still recognises the same rows as already stored.
mod hash_layout {
    use crate::model::{Actor, Document, EventKind, Modality, Place, Report, Role, When};

    #[derive(Debug)]
    #[allow(dead_code)] // the fields are read by `Debug` only
    pub(super) struct DocumentRecords<'a> {
        document: &'a Document,
        actors: &'a [Actor],
        places: &'a [Place],
        events: Vec<EventRecords<'a>>,
        warnings: [&'a str; 0],
    }

    #[derive(Debug)]
    #[allow(dead_code)] // the fields are read by `Debug` only
    struct EventRecords<'a> {
        kind: EventKind,
        cameo: &'a Option<String>,
        when: &'a When,
        participants: &'a [(usize, Role)],
        place: &'a Option<String>,
        modality: Modality,
        confidence: f32,
        evidence: Vec<(String, usize, usize)>,
        external_id: &'a Option<String>,
    }

    impl DocumentRecords<'_> {
        /// The layout of a dataset report (its events have no evidence).
        pub(super) fn of(report: &Report) -> DocumentRecords<'_> {
            DocumentRecords {
                document: &report.document,
                actors: &report.actors,
                places: &report.places,
                events: report
                    .events
                    .iter()
                    // a dataset row always has a date
                    .filter_map(|e| {
                        Some(EventRecords {
                            kind: e.kind,
                            cameo: &e.cameo,
                            when: e.when.as_ref()?,
                            participants: &e.participants,
                            place: &e.place,
                            modality: e.modality,
                            confidence: e.confidence,
                            evidence: e
                                .evidence
                                .iter()
                                .map(|x| (x.text.clone(), x.start, x.end))
                                .collect(),
                            external_id: &e.external_id,
                        })
                    })
                    .collect(),
                warnings: [],
            }
        }
    }
}

use hash_layout::DocumentRecords as HashLayout;

/// Reads a dataset (any layout, plain or zip) and groups its rows into store
/// documents (see [`group_documents`]).
pub fn read_dataset_documents<R: Read>(
    input: R,
    options: &ReadOptions,
    progress: &mut dyn Progress,
) -> Result<(Vec<DatasetDocument>, ReadReport), DatasetError> {
    let mut records = Vec::new();
    let report = read_dataset(input, options, progress, &mut |r| records.push(r))?;
    Ok((group_documents(records), report))
}

/// Reads a GDELT event file (57, 58 or 61 columns, detected from the first
/// row unless `options.format` says; plain or zip), calling `sink` with each
/// record.
pub fn read_gdelt<R: Read>(
    input: R,
    options: &ReadOptions,
    progress: &mut dyn Progress,
    sink: &mut dyn FnMut(DatasetRecord),
) -> Result<ReadReport, DatasetError> {
    if let Some(format) = options.format {
        if !format.is_gdelt() {
            return Err(DatasetError::UnknownFormat(format.to_string()));
        }
    }
    read_dataset(input, options, progress, sink)
}

/// Reads an ICEWS file (20-column events with header, or 4-column facts;
/// detected unless `options.format` says; plain or zip), calling `sink`
/// with each record.
pub fn read_icews<R: Read>(
    input: R,
    options: &ReadOptions,
    progress: &mut dyn Progress,
    sink: &mut dyn FnMut(DatasetRecord),
) -> Result<ReadReport, DatasetError> {
    if let Some(format) = options.format {
        if format.is_gdelt() {
            return Err(DatasetError::UnknownFormat(format.to_string()));
        }
    }
    read_dataset(input, options, progress, sink)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dataset_hashes_stay_those_of_the_first_version() {
        // The hash the first version stored for this file, read by that
        // name: a store written then still knows the rows.
        let name = "tests/fixtures/datasets/gdelt1_1982_57col.tsv";
        let bytes = std::fs::read(format!("{}/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let options = ReadOptions::for_file(name);
        let (docs, _) = read_dataset_documents(&bytes[..], &options, &mut NoProgress).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(
            docs[0].2,
            "5a10d98e4a79cbeb7db1f2a2ff5cf7566a5255b2f3bbc0deb21832ab54550d5b"
        );
    }
}
