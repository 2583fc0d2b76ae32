//! Reading an event dataset of any layout: [`read_dataset`] detects GDELT
//! or ICEWS (plain or zipped) and hands each row to the reader of its
//! layout. The pipeline writes the records to the store in batches, each
//! row keyed by its own id. The shared types are in `rows` and re-exported
//! here.

pub use super::rows::*;

use super::rows::{split_tabs, LineReader};
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
    read_dataset_while(input, options, progress, &mut |record| {
        sink(record);
        true
    })
}

/// [`read_dataset`], stopping after the record for which `sink` returns
/// `false` (the report then counts what was read up to there).
pub(crate) fn read_dataset_while<R: Read>(
    input: R,
    options: &ReadOptions,
    progress: &mut dyn Progress,
    sink: &mut dyn FnMut(DatasetRecord) -> bool,
) -> Result<ReadReport, DatasetError> {
    let go_on = std::cell::Cell::new(true);
    let mut sink = |record| {
        let more = sink(record);
        go_on.set(more);
        more
    };
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
            let part = read_plain(BufReader::new(entry), &inner, progress, &mut sink)?;
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
            if !go_on.get() {
                break;
            }
        }
        progress.finish(&report.stats);
        return Ok(report);
    }
    let report = read_plain(input, options, progress, &mut sink)?;
    progress.finish(&report.stats);
    Ok(report)
}

/// Reads one plain (not zipped) dataset file.
fn read_plain<R: BufRead>(
    input: R,
    options: &ReadOptions,
    progress: &mut dyn Progress,
    sink: &mut dyn FnMut(DatasetRecord) -> bool,
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
                if !sink(record) {
                    break;
                }
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
