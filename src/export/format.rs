//! Choosing an export format by name or file extension, and writing any
//! single-stream format through one call (what `eventgraph export` needs).

use super::{
    render, write_csv_actors, write_csv_events, write_csv_participants, write_dot, write_graphml,
    write_html_report, write_interchange, write_json, write_timelinejs, write_turtle, DotOptions,
    DotView, RenderError, RenderFormat, ReportOptions, TurtleOptions,
};
use crate::model::Subgraph;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// An export format written to one stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExportFormat {
    /// Graphviz DOT text ([`write_dot`]).
    Dot,
    /// SVG drawn by Graphviz.
    Svg,
    /// PNG drawn by Graphviz (binary).
    Png,
    /// PDF drawn by Graphviz (binary).
    Pdf,
    /// The versioned JSON of [`write_json`].
    Json,
    /// Interchange JSON Lines.
    Jsonl,
    /// Events CSV.
    Csv,
    /// Actors CSV.
    ActorsCsv,
    /// Participants CSV: one row per actor in an event.
    ParticipantsCsv,
    /// GraphML.
    Graphml,
    /// RDF Turtle.
    Turtle,
    /// TimelineJS JSON: one slide per event.
    TimelineJs,
    /// The self-contained HTML report.
    Html,
}

impl ExportFormat {
    /// Every format, with its name.
    pub const ALL: [(ExportFormat, &'static str); 13] = [
        (ExportFormat::Dot, "dot"),
        (ExportFormat::Svg, "svg"),
        (ExportFormat::Png, "png"),
        (ExportFormat::Pdf, "pdf"),
        (ExportFormat::Json, "json"),
        (ExportFormat::Jsonl, "jsonl"),
        (ExportFormat::Csv, "csv"),
        (ExportFormat::ActorsCsv, "actors-csv"),
        (ExportFormat::ParticipantsCsv, "participants-csv"),
        (ExportFormat::Graphml, "graphml"),
        (ExportFormat::Turtle, "ttl"),
        (ExportFormat::TimelineJs, "timelinejs"),
        (ExportFormat::Html, "html"),
    ];

    /// The format's name (as `--format` takes it).
    pub fn name(self) -> &'static str {
        ExportFormat::ALL
            .iter()
            .find(|(f, _)| *f == self)
            .map(|(_, n)| *n)
            .unwrap_or("?")
    }

    /// The format of an output path, from its extension (`graph.svg`,
    /// `events.csv`, `g.ttl`, `timeline.timelinejs.json` is TimelineJS).
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".timelinejs.json") || name.ends_with(".timeline.json") {
            return Some(ExportFormat::TimelineJs);
        }
        // "actors.csv", "kerry-actors.csv"; not "risk_factors.csv"
        let named = |stem: &str| {
            name.strip_suffix(stem)
                .is_some_and(|head| head.is_empty() || head.ends_with(['-', '_', '.']))
        };
        if named("actors.csv") {
            return Some(ExportFormat::ActorsCsv);
        }
        if named("participants.csv") {
            return Some(ExportFormat::ParticipantsCsv);
        }
        let ext = name.rsplit_once('.')?.1;
        match ext {
            "gv" => Some(ExportFormat::Dot),
            "rdf" | "turtle" => Some(ExportFormat::Turtle),
            "htm" => Some(ExportFormat::Html),
            "ndjson" => Some(ExportFormat::Jsonl),
            _ => ext.parse().ok(),
        }
    }

    /// Whether the output is binary (PNG, PDF).
    pub fn is_binary(self) -> bool {
        matches!(self, ExportFormat::Png | ExportFormat::Pdf)
    }
}

impl std::str::FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        let lower = match lower.as_str() {
            "turtle" => "ttl",
            "timeline-js" | "timelinejs-json" => "timelinejs",
            "events-csv" => "csv",
            "gv" => "dot",
            "ndjson" => "jsonl",
            other => other,
        };
        ExportFormat::ALL
            .iter()
            .find(|(_, n)| *n == lower)
            .map(|(f, _)| *f)
            .ok_or_else(|| {
                let names: Vec<&str> = ExportFormat::ALL.iter().map(|(_, n)| *n).collect();
                format!(
                    "expected an export format ({}), but found {s:?}",
                    names.join(", ")
                )
            })
    }
}

/// Options for [`write_export`].
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The drawing (view, layout, title, focus) for dot, svg, png, pdf and
    /// the HTML report's graph.
    pub dot: DotOptions,
    /// The time limit for Graphviz.
    pub render_timeout: Duration,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            dot: DotOptions::default(),
            render_timeout: super::DEFAULT_RENDER_TIMEOUT,
        }
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// Graphviz could not draw the SVG, PNG or PDF.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Writing the output failed.
    #[error("could not write the export: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes the subgraph in a format. The HTML report draws the events view
/// when Graphviz can, and says so on the page when it cannot.
pub fn write_export(
    subgraph: &Subgraph,
    format: ExportFormat,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let rendered = |render_format| -> Result<Vec<u8>, ExportError> {
        let dot = super::dot_string(subgraph, &options.dot);
        let layout = options.dot.effective_layout(subgraph);
        Ok(render(&dot, render_format, layout, options.render_timeout)?)
    };
    match format {
        ExportFormat::Dot => write_dot(subgraph, &options.dot, out)?,
        ExportFormat::Svg => out.write_all(&rendered(RenderFormat::Svg)?)?,
        ExportFormat::Png => out.write_all(&rendered(RenderFormat::Png)?)?,
        ExportFormat::Pdf => out.write_all(&rendered(RenderFormat::Pdf)?)?,
        ExportFormat::Json => write_json(subgraph, out)?,
        ExportFormat::Jsonl => write_interchange(subgraph, out)?,
        ExportFormat::Csv => write_csv_events(subgraph, out)?,
        ExportFormat::ActorsCsv => write_csv_actors(subgraph, out)?,
        ExportFormat::ParticipantsCsv => write_csv_participants(subgraph, out)?,
        ExportFormat::Graphml => write_graphml(subgraph, out)?,
        ExportFormat::Turtle => write_turtle(subgraph, &TurtleOptions::default(), out)?,
        ExportFormat::TimelineJs => write_timelinejs(subgraph, options.dot.title.as_deref(), out)?,
        ExportFormat::Html => {
            let events_view = DotOptions {
                view: DotView::Events,
                ..options.dot.clone()
            };
            let dot = super::dot_string(subgraph, &events_view);
            let layout = events_view.effective_layout(subgraph);
            let svg = render(&dot, RenderFormat::Svg, layout, options.render_timeout)
                .ok()
                .map(|b| String::from_utf8_lossy(&b).into_owned());
            write_html_report(
                subgraph,
                svg.as_deref(),
                &ReportOptions {
                    title: options.dot.title.clone(),
                },
                out,
            )?
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_names_and_extensions() {
        for (format, name) in ExportFormat::ALL {
            assert_eq!(name.parse::<ExportFormat>(), Ok(format));
            assert_eq!(format.name(), name);
        }
        let of = |p: &str| ExportFormat::from_path(Path::new(p));
        assert_eq!(of("out/graph.svg"), Some(ExportFormat::Svg));
        assert_eq!(of("g.GV"), Some(ExportFormat::Dot));
        assert_eq!(of("g.turtle"), Some(ExportFormat::Turtle));
        assert_eq!(of("events.csv"), Some(ExportFormat::Csv));
        assert_eq!(of("actors.csv"), Some(ExportFormat::ActorsCsv));
        assert_eq!(of("out/kerry-actors.csv"), Some(ExportFormat::ActorsCsv));
        assert_eq!(of("risk_factors.csv"), Some(ExportFormat::Csv));
        assert_eq!(of("participants.csv"), Some(ExportFormat::ParticipantsCsv));
        assert_eq!(of("story.timelinejs.json"), Some(ExportFormat::TimelineJs));
        assert_eq!(of("graph.json"), Some(ExportFormat::Json));
        assert_eq!(of("graph"), None);
        assert_eq!(of("graph.xyz"), None);
        let err = "yaml".parse::<ExportFormat>().unwrap_err();
        assert!(
            err.starts_with("expected an export format (dot, svg,"),
            "{err}"
        );
        assert!(err.ends_with("but found \"yaml\""), "{err}");
    }
}
