//! The in-memory graph (petgraph `StableGraph`) and its indexes; the query API.
