//! Where the shared data folder is: `$EVENTGRAPH_SHARED`, else `../shared`
//! beside the crate root. The one place that names the folder; the tests
//! include it through `tests/common`, the examples and benches by `#[path]`.

use std::path::PathBuf;

/// The variable naming the shared data folder.
pub const SHARED_VAR: &str = "EVENTGRAPH_SHARED";

/// The shared data folder: `$EVENTGRAPH_SHARED`, else `../shared` relative to
/// the crate root (whether or not it exists).
pub fn shared_root() -> PathBuf {
    match std::env::var_os(SHARED_VAR) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    }
}

/// A path inside the shared data folder (`"eval/articles"`), present or not.
pub fn shared_path(relative: &str) -> PathBuf {
    shared_root().join(relative)
}
