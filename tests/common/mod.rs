//! Helpers shared by the integration tests (`mod common;` in each test
//! file): the shared data folder and the external tools, found or else a
//! loud skip (or a failure under `.ci/run`); temporary folders; the binary;
//! the fixtures of `tests/fixtures`; golden-file cases.
//!
//! Environment:
//! - `EVENTGRAPH_SHARED`: the shared data folder (default `../shared` beside
//!   the crate root).
//! - `EVENTGRAPH_REQUIRE_SHARED=1`: a missing shared folder or file fails
//!   the test instead of skipping it (`.ci/run` sets it).
//! - `EVENTGRAPH_REQUIRE_TOOLS=1`: a missing Graphviz, Chromium or chromedriver fails the
//!   test instead of skipping its checks (`.ci/run` sets it).
//! - `EVENTGRAPH_BLESS=1`: [`check`] rewrites the expected files of a golden
//!   case instead of comparing.

// Each test crate compiles its own copy and uses a part of it.
#![allow(dead_code, unused_imports)]

mod shared;
pub mod webdriver;

pub use shared::{shared_path, shared_root, SHARED_VAR};

use std::io::Write;
use std::path::{Path, PathBuf};

/// The variable that turns a missing shared folder into a failure.
pub const REQUIRE_SHARED_VAR: &str = "EVENTGRAPH_REQUIRE_SHARED";
/// The variable that turns a missing external tool into a failure.
pub const REQUIRE_TOOLS_VAR: &str = "EVENTGRAPH_REQUIRE_TOOLS";
/// The variable that makes [`check`] rewrite the expected files.
pub const BLESS_VAR: &str = "EVENTGRAPH_BLESS";

fn is_set(var: &str) -> bool {
    std::env::var_os(var).is_some_and(|v| v == "1")
}

/// The name of the running test (libtest names each test's thread after it).
fn test_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string()
}

/// Something a test needs is missing: fails when `require_var` is `1`, else
/// writes a skip line straight to stderr (not through `eprintln!`, which the
/// test harness captures and hides when the test passes).
pub fn missing(require_var: &str, what: &str) {
    if is_set(require_var) {
        panic!("{what} is missing and {require_var}=1");
    }
    let line = format!(
        "SKIPPED {}: {what} is missing (set {require_var}=1 to make this a failure)\n",
        test_name()
    );
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// A file or folder of the shared data folder (`"eval/articles"`), or
/// `None` after a skip line; a failure under `EVENTGRAPH_REQUIRE_SHARED=1`.
/// The caller returns on `None`.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = shared_path(relative);
    if path.exists() {
        Some(path)
    } else {
        missing(
            REQUIRE_SHARED_VAR,
            &format!(
                "the shared data {} (${SHARED_VAR}, default ../shared)",
                path.display()
            ),
        );
        None
    }
}

/// The files of a shared folder with the extension `ext`, sorted; `None`
/// (skip or failure, as [`shared`]) when the folder is missing or holds
/// none.
pub fn shared_files(relative: &str, ext: &str) -> Option<Vec<PathBuf>> {
    let dir = shared(relative)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    if files.is_empty() {
        missing(
            REQUIRE_SHARED_VAR,
            &format!("any .{ext} file in {}", dir.display()),
        );
        return None;
    }
    Some(files)
}

/// Whether Graphviz `dot` runs; when it does not, a skip line, or a failure
/// under `EVENTGRAPH_REQUIRE_TOOLS=1`.
pub fn graphviz() -> bool {
    let found = std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        missing(
            REQUIRE_TOOLS_VAR,
            "graphviz `dot` (apt-get install graphviz; .ci/run installs it)",
        );
    }
    found
}

/// Headless Chromium, when installed; else a skip line, or a failure under
/// `EVENTGRAPH_REQUIRE_TOOLS=1`.
pub fn chromium() -> Option<PathBuf> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    if found.is_none() {
        missing(
            REQUIRE_TOOLS_VAR,
            "chromium (apt-get install chromium; .ci/run installs it)",
        );
    }
    found
}

/// Chromium's WebDriver server (Debian's `chromium-driver`), when installed;
/// else a skip line, or a failure under `EVENTGRAPH_REQUIRE_TOOLS=1`.
pub fn chromedriver() -> Option<PathBuf> {
    let found = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    if found.is_none() {
        missing(
            REQUIRE_TOOLS_VAR,
            "chromedriver (apt-get install chromium-driver; .ci/run installs it)",
        );
    }
    found
}

/// A fresh temporary folder, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// The binary, with `$EVENTGRAPH_DB` removed from its environment.
pub fn eventgraph() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("eventgraph").expect("the eventgraph binary");
    cmd.env_remove("EVENTGRAPH_DB");
    cmd
}

/// The binary on the database `db` (`--db db`).
pub fn eventgraph_on(db: &Path) -> assert_cmd::Command {
    let mut cmd = eventgraph();
    cmd.arg("--db").arg(db);
    cmd
}

/// A path under `tests/fixtures`.
pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative)
}

/// The text of a file under `tests/fixtures`.
pub fn read_fixture(relative: &str) -> String {
    let path = fixture(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The hand-written interchange JSON of the seed article.
pub const SEED_JSON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/seed.json");
/// The bundled articles folder (the seed article).
pub const ARTICLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles");
/// The seed article, the France 24 article of 2014-03-31.
pub const SEED_ARTICLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/articles/france24-2014-03-31-russia-troops.txt"
);

/// A file of the bundled `data/` folder (`"examples/seed.json"`).
pub fn data(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(relative)
}

/// The files under `dir`, as paths relative to it with `/`, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).unwrap();
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Compares the outputs of a golden case with the files of
/// `tests/fixtures/<case>/expected/`: every output must equal its file
/// byte for byte, and every expected file must be produced. With
/// `EVENTGRAPH_BLESS=1` it writes the outputs there instead (and removes
/// expected files no longer produced); review the diff before committing.
pub fn check(case: &str, outputs: &[(String, Vec<u8>)]) {
    let expected_dir = fixture(case).join("expected");
    let produced: std::collections::BTreeSet<&str> =
        outputs.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        produced.len(),
        outputs.len(),
        "{case}: an output name twice"
    );
    if is_set(BLESS_VAR) {
        for stale in files_under(&expected_dir) {
            if !produced.contains(stale.as_str()) {
                std::fs::remove_file(expected_dir.join(&stale)).unwrap();
            }
        }
        for (name, bytes) in outputs {
            let path = expected_dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
        }
        let line = format!("BLESSED {case}: {} files written\n", outputs.len());
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
        return;
    }
    let mut problems = Vec::new();
    for (name, actual) in outputs {
        let path = expected_dir.join(name);
        let Ok(expected) = std::fs::read(&path) else {
            problems.push(format!("{name}: no expected file {}", path.display()));
            continue;
        };
        if &expected != actual {
            problems.push(first_difference(name, &expected, actual));
        }
    }
    for file in files_under(&expected_dir) {
        if !produced.contains(file.as_str()) {
            problems.push(format!(
                "{file}: expected, but the case no longer produces it"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "golden case {case} ({}):\n{}\nrun with {BLESS_VAR}=1 to rewrite after a deliberate change, then review the diff",
        expected_dir.display(),
        problems.join("\n")
    );
}

/// The first line where two outputs differ, for the failure message.
fn first_difference(name: &str, expected: &[u8], actual: &[u8]) -> String {
    let expected = String::from_utf8_lossy(expected);
    let actual = String::from_utf8_lossy(actual);
    for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!(
                "{name}: first difference at line {}:\n  expected: {e}\n  actual:   {a}",
                i + 1
            );
        }
    }
    format!(
        "{name}: output has {} lines ({} bytes), expected file {} lines ({} bytes)",
        actual.lines().count(),
        actual.len(),
        expected.lines().count(),
        expected.len()
    )
}
