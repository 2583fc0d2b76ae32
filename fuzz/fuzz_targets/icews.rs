//! ICEWS files: the first byte picks the layout (detected, the 20-column
//! coded events with a header, or 4-column facts), the rest is the file;
//! rows are read and grouped into documents. No panic; bad rows are
//! counted, never more than the lines.

#![no_main]

use eventgraph::{group_documents, read_dataset, DatasetFormat, DatasetOptions, NoProgress};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let format = match pick % 3 {
        0 => None,
        1 => Some(DatasetFormat::IcewsEvents),
        _ => Some(DatasetFormat::IcewsFacts),
    };
    let options = DatasetOptions {
        format,
        ..DatasetOptions::for_file("fuzz.tsv")
    };
    let mut records = Vec::new();
    if let Ok(report) = read_dataset(file, &options, &mut NoProgress, &mut |r| records.push(r)) {
        assert!(report.stats.bad_rows <= report.stats.lines);
        let _ = group_documents(records);
    }
});
