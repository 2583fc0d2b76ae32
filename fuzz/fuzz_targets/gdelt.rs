//! GDELT event files: the first byte picks the layout (detected, 57, 58 or
//! 61 columns), the rest is the file; rows are read and written into an
//! in-memory store, as `ingest` does. No panic; bad rows are counted,
//! never more than the lines.

#![no_main]

use eventgraph::{
    read_dataset, DatasetFormat, DatasetOptions, DatasetRow, IngestOptions, NoProgress, Store,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let format = match pick % 4 {
        0 => None,
        1 => Some(DatasetFormat::Gdelt1),
        2 => Some(DatasetFormat::Gdelt1Url),
        _ => Some(DatasetFormat::Gdelt2),
    };
    let options = DatasetOptions {
        format,
        ..DatasetOptions::for_file("fuzz.tsv")
    };
    let mut records = Vec::new();
    if let Ok(report) = read_dataset(file, &options, &mut NoProgress, &mut |r| records.push(r)) {
        assert!(report.stats.bad_rows <= report.stats.lines);
        let rows: Vec<DatasetRow> = records
            .into_iter()
            .map(|r| DatasetRow {
                event: r.event,
                actors: r.actors,
                place: r.place,
                document: r.document,
            })
            .collect();
        let mut store = Store::open_in_memory().expect("an in-memory store opens");
        let outcome = store
            .ingest_rows(&rows, &IngestOptions::default())
            .expect("rows that were read are stored");
        assert!(outcome.new_events + outcome.already_stored <= rows.len());
    }
});
