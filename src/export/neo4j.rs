//! Neo4j bulk-import CSV: node and relationship files for
//! `neo4j-admin database import full`, the path for graphs larger than one
//! machine's memory.
//!
//! Nodes: `actors.csv` (`:Actor` plus `:Person`, `:Organization`, ...),
//! `events.csv` (`:Event`), `places.csv` (`:Place`), `documents.csv`
//! (`:Document`). Relationships: `participated_in.csv` (actor to event,
//! with `role`), `at.csv` (event to place), `reported_in.csv` (event to
//! document, with the mention's text and byte offsets), `affiliated_with.csv`
//! (actor to actor). Array fields use `;` between items (a `;` inside an
//! item becomes `,`). `import.sh` holds the import command.

use crate::model::{ActorKind, Subgraph};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The files [`write_neo4j`] writes, in order.
pub const NEO4J_FILES: [&str; 9] = [
    "actors.csv",
    "events.csv",
    "places.csv",
    "documents.csv",
    "participated_in.csv",
    "at.csv",
    "reported_in.csv",
    "affiliated_with.csv",
    "import.sh",
];

fn label_of(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "Actor;Person",
        ActorKind::Organization => "Actor;Organization",
        ActorKind::Country => "Actor;Country",
        ActorKind::Group => "Actor;Group",
        _ => "Actor;Place",
    }
}

fn array(items: impl IntoIterator<Item = String>) -> String {
    items
        .into_iter()
        .map(|s| s.replace(';', ","))
        .collect::<Vec<_>>()
        .join(";")
}

/// The `neo4j-admin` command that imports the files of [`write_neo4j`]
/// (run from the directory that holds them).
pub fn neo4j_import_command(database: &str) -> String {
    format!(
        "neo4j-admin database import full --multiline-fields=true --array-delimiter=';' \\\n  \
         --nodes=actors.csv --nodes=events.csv --nodes=places.csv --nodes=documents.csv \\\n  \
         --relationships=participated_in.csv --relationships=at.csv \\\n  \
         --relationships=reported_in.csv --relationships=affiliated_with.csv \\\n  \
         {database}"
    )
}

fn csv_err(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

struct Files<W: Write> {
    files: Vec<(&'static str, ::csv::Writer<W>)>,
}

impl<W: Write> Files<W> {
    fn get(&mut self, name: &str) -> &mut ::csv::Writer<W> {
        let i = self
            .files
            .iter()
            .position(|(n, _)| *n == name)
            .expect("known file");
        &mut self.files[i].1
    }
    /// Writes a row; control characters are removed from every field
    /// (the import files feed a database, so a leading `=` stays as it is:
    /// they are not meant for a spreadsheet).
    fn row<I, S>(&mut self, name: &str, fields: I) -> io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let fields: Vec<String> = fields
            .into_iter()
            .map(|f| super::csv::strip_controls(f.as_ref(), true).into_owned())
            .collect();
        self.get(name).write_record(&fields).map_err(csv_err)
    }
}

/// The contents of the import files, by file name (in memory: for large
/// graphs use [`write_neo4j`], which streams to the files).
pub fn neo4j_files(subgraph: &Subgraph) -> io::Result<Vec<(&'static str, Vec<u8>)>> {
    write_files(subgraph, |_| Ok(Vec::new()))
}

fn import_script() -> String {
    format!(
        "#!/bin/sh\n# Import these files into a new Neo4j database (stop the database first).\n\
         cd \"$(dirname \"$0\")\" || exit 1\n{}\n",
        neo4j_import_command("neo4j")
    )
}

/// Writes the CSV files through writers made by `open` (one per file name)
/// and the import script, returning the writers, flushed, by file name.
fn write_files<W: Write>(
    subgraph: &Subgraph,
    mut open: impl FnMut(&str) -> io::Result<W>,
) -> io::Result<Vec<(&'static str, W)>> {
    let mut files = Vec::new();
    for name in &NEO4J_FILES[..8] {
        files.push((*name, ::csv::Writer::from_writer(open(name)?)));
    }
    let mut f = Files { files };
    f.row(
        "actors.csv",
        [
            "actorId:ID(Actor)",
            "name",
            "kind",
            "aliases:string[]",
            "titles:string[]",
            "affiliation",
            "country",
            ":LABEL",
        ],
    )?;
    f.row(
        "events.csv",
        [
            "eventId:ID(Event)",
            "kind",
            "cameo",
            "start:date",
            "end:date",
            "date",
            "precision",
            "place",
            "modality",
            "confidence:float",
            "summary",
            ":LABEL",
        ],
    )?;
    f.row("places.csv", ["placeId:ID(Place)", "name", ":LABEL"])?;
    f.row(
        "documents.csv",
        [
            "documentId:ID(Document)",
            "title",
            "url",
            "published:date",
            "source",
            ":LABEL",
        ],
    )?;
    f.row(
        "participated_in.csv",
        [":START_ID(Actor)", ":END_ID(Event)", "role", ":TYPE"],
    )?;
    f.row("at.csv", [":START_ID(Event)", ":END_ID(Place)", ":TYPE"])?;
    f.row(
        "reported_in.csv",
        [
            ":START_ID(Event)",
            ":END_ID(Document)",
            "text",
            "start:int",
            "end:int",
            ":TYPE",
        ],
    )?;
    f.row(
        "affiliated_with.csv",
        [":START_ID(Actor)", ":END_ID(Actor)", "title", ":TYPE"],
    )?;

    // actors, including any named by a participant but missing from the list
    let mut actors: BTreeMap<&str, Option<&crate::model::Actor>> = BTreeMap::new();
    for a in &subgraph.actors {
        actors.insert(&a.name, Some(a));
    }
    for e in &subgraph.events {
        for p in &e.participants {
            actors.entry(&p.actor).or_insert(None);
        }
    }
    for (name, actor) in &actors {
        match actor {
            Some(a) => f.row(
                "actors.csv",
                [
                    a.name.clone(),
                    a.name.clone(),
                    a.kind.as_str().to_string(),
                    array(a.aliases.iter().cloned()),
                    array(a.held_titles().map(|t| match &t.of {
                        Some(of) => format!("{} of {of}", t.title),
                        None => t.title.clone(),
                    })),
                    a.affiliation.clone().unwrap_or_default(),
                    a.country.clone().unwrap_or_default(),
                    label_of(a.kind).to_string(),
                ],
            )?,
            None => f.row(
                "actors.csv",
                [*name, *name, "", "", "", "", "", "Actor"].map(str::to_string),
            )?,
        }
    }
    let mut events: Vec<_> = subgraph.events.iter().collect();
    events
        .sort_by(|a, b| (a.when.start, a.when.end, &a.id).cmp(&(b.when.start, b.when.end, &b.id)));
    let mut places = BTreeSet::new();
    let documents: BTreeSet<&str> = subgraph.documents.iter().map(|d| d.id.as_str()).collect();
    for e in &events {
        f.row(
            "events.csv",
            [
                e.id.clone(),
                e.kind.as_str().to_string(),
                e.cameo.clone().unwrap_or_default(),
                e.when.start.to_string(),
                e.when.end.to_string(),
                e.when.value.clone(),
                e.when.precision.as_str().to_string(),
                e.place.clone().unwrap_or_default(),
                e.modality.as_str().to_string(),
                format!("{:.2}", e.confidence),
                format!("{}.", crate::summary::event_sentence(e)),
                "Event".to_string(),
            ],
        )?;
        let mut seen = BTreeSet::new();
        for p in &e.participants {
            if seen.insert((p.actor.as_str(), p.role)) {
                f.row(
                    "participated_in.csv",
                    [
                        p.actor.as_str(),
                        e.id.as_str(),
                        p.role.as_str(),
                        "PARTICIPATED_IN",
                    ],
                )?;
            }
        }
        if let Some(place) = &e.place {
            places.insert(place.as_str());
            f.row("at.csv", [e.id.as_str(), place.as_str(), "AT"])?;
        }
        let mut mentions: Vec<_> = e.mentions.iter().collect();
        mentions.sort();
        for m in mentions {
            // a relationship needs both ends: skip mentions of unknown documents
            if documents.contains(m.document.as_str()) {
                f.row(
                    "reported_in.csv",
                    [
                        e.id.clone(),
                        m.document.clone(),
                        m.text.clone(),
                        m.start.to_string(),
                        m.end.to_string(),
                        "REPORTED_IN".to_string(),
                    ],
                )?;
            }
        }
    }
    for place in places {
        f.row("places.csv", [place, place, "Place"])?;
    }
    let mut docs: Vec<_> = subgraph.documents.iter().collect();
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    for d in docs {
        f.row(
            "documents.csv",
            [
                d.id.clone(),
                d.title.clone().unwrap_or_default(),
                d.url.clone().unwrap_or_default(),
                d.published.map(|p| p.to_string()).unwrap_or_default(),
                d.source.clone().unwrap_or_default(),
                "Document".to_string(),
            ],
        )?;
    }
    for (name, actor) in &actors {
        let Some(actor) = actor else { continue };
        let Some(aff) = &actor.affiliation else {
            continue;
        };
        if aff.as_str() != *name && actors.contains_key(aff.as_str()) {
            let title = actor
                .held_titles()
                .find(|t| t.of.as_deref() == Some(aff.as_str()))
                .map(|t| t.title.as_str())
                .unwrap_or("");
            f.row(
                "affiliated_with.csv",
                [*name, aff.as_str(), title, "AFFILIATED_WITH"],
            )?;
        }
    }
    let mut out = Vec::new();
    for (name, writer) in f.files {
        let inner = writer
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))?;
        out.push((name, inner));
    }
    let mut script = open("import.sh")?;
    script.write_all(import_script().as_bytes())?;
    script.flush()?;
    out.push(("import.sh", script));
    Ok(out)
}

/// Writes the import files into `dir` (created if missing) and returns
/// their paths.
pub fn write_neo4j(subgraph: &Subgraph, dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let written = write_files(subgraph, |name| {
        Ok(io::BufWriter::new(std::fs::File::create(dir.join(name))?))
    })?;
    let mut paths = Vec::new();
    for (name, mut writer) in written {
        writer.flush()?;
        paths.push(dir.join(name));
    }
    Ok(paths)
}
