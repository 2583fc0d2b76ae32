//! SQLite persistence: the source of truth between runs.
