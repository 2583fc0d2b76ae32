//! Exporters: DOT (graphviz-rust), SVG/PNG/PDF through Graphviz, JSON, CSV,
//! GraphML, RDF Turtle, TimelineJS, Neo4j CSV and the HTML report.
