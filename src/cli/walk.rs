//! Finding the input files under the paths given on the command line:
//! directories are walked in name order, each directory once (a symbolic
//! link that loops back ends there), links that lead out of the folder
//! given are skipped unless asked for, and a subdirectory that cannot be
//! read is a warning, not the end of the run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What a walk found: the files with their format, and what it skipped.
#[derive(Debug)]
pub(super) struct Walk<F> {
    /// The files, in walk order, with their format.
    pub files: Vec<(PathBuf, F)>,
    /// What was skipped and why, one message each (no prefix).
    pub warnings: Vec<String>,
}

impl<F> Default for Walk<F> {
    fn default() -> Self {
        Walk {
            files: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// One walk of one folder given on the command line.
struct Walker<'a, F> {
    /// The folder given, resolved: where links may lead.
    root: PathBuf,
    /// Follow links that lead out of `root`.
    follow_links: bool,
    /// The format of a file, from its name.
    format_of: &'a dyn Fn(&Path) -> Option<F>,
    /// The directories read so far, resolved.
    visited: &'a mut BTreeSet<PathBuf>,
    /// What is found.
    out: &'a mut Walk<F>,
}

impl<F> Walker<'_, F> {
    /// Reads `dir` (whose resolved path is `real`) and what is under it.
    fn walk(&mut self, dir: &Path, real: PathBuf) {
        if !self.visited.insert(real) {
            // a link back to a folder already read (a loop, or a second
            // way into the same folder)
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                self.out.warnings.push(format!(
                    "{}: cannot read directory, skipped: {error}",
                    dir.display()
                ));
                return;
            }
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => paths.push(entry.path()),
                Err(error) => self.out.warnings.push(format!(
                    "{}: cannot list an entry, skipped: {error}",
                    dir.display()
                )),
            }
        }
        paths.sort();
        for path in paths {
            self.entry(path);
        }
    }

    /// One entry of a directory: a folder to walk, a file to keep, or a
    /// link to check first.
    fn entry(&mut self, path: PathBuf) {
        let link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        let real = match std::fs::canonicalize(&path) {
            Ok(real) => real,
            Err(error) => {
                let what = if link {
                    "broken link"
                } else {
                    "cannot resolve"
                };
                self.out
                    .warnings
                    .push(format!("{}: {what}, skipped: {error}", path.display()));
                return;
            }
        };
        if link && !self.follow_links && !real.starts_with(&self.root) {
            self.out.warnings.push(format!(
                "{}: link to {} outside {}, skipped (give --follow-links to read it)",
                path.display(),
                real.display(),
                self.root.display()
            ));
            return;
        }
        if real.is_dir() {
            self.walk(&path, real);
        } else if let Some(format) = (self.format_of)(&path) {
            self.out.files.push((path, format));
        }
    }
}

/// Walks the folder `dir` given on the command line into `out`; `visited`
/// is shared by the folders of one command line, so a folder given twice,
/// or reached again through a link, is read once. Fails only when `dir`
/// itself cannot be read.
pub(super) fn walk_folder<F>(
    dir: &Path,
    follow_links: bool,
    format_of: &dyn Fn(&Path) -> Option<F>,
    visited: &mut BTreeSet<PathBuf>,
    out: &mut Walk<F>,
) -> std::io::Result<()> {
    let root = std::fs::canonicalize(dir)?;
    // the folder given must be readable: that is an error, not a warning
    std::fs::read_dir(dir)?;
    let mut walker = Walker {
        root: root.clone(),
        follow_links,
        format_of,
        visited,
        out,
    };
    walker.walk(dir, root);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn txt(path: &Path) -> Option<&'static str> {
        (path.extension()? == "txt").then_some("text")
    }

    fn walk(dir: &Path, follow_links: bool) -> Walk<&'static str> {
        let mut out = Walk::default();
        let mut visited = BTreeSet::new();
        walk_folder(dir, follow_links, &txt, &mut visited, &mut out).unwrap();
        out
    }

    fn names(walk: &Walk<&'static str>, base: &Path) -> Vec<String> {
        walk.files
            .iter()
            .map(|(p, _)| p.strip_prefix(base).unwrap().display().to_string())
            .collect()
    }

    #[cfg(unix)]
    #[test]
    fn looping_links_end_and_each_folder_is_read_once() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        std::fs::create_dir_all(base.join("a/b")).unwrap();
        std::fs::write(base.join("a/one.txt"), "x").unwrap();
        std::fs::write(base.join("a/b/two.txt"), "x").unwrap();
        // two links that loop: a/b/up -> a, a/back -> a/b
        symlink(base.join("a"), base.join("a/b/up")).unwrap();
        symlink(base.join("a/b"), base.join("a/back")).unwrap();
        symlink(base, base.join("a/b/top")).unwrap();
        let found = walk(base, false);
        // a/b is read once: a/back leads back to it
        assert_eq!(names(&found, base), ["a/b/two.txt", "a/one.txt"]);
        assert!(found.warnings.is_empty(), "{:?}", found.warnings);
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_are_skipped_unless_followed() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
        std::fs::create_dir(outside.path().join("more")).unwrap();
        std::fs::write(outside.path().join("more/three.txt"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        std::fs::write(base.join("own.txt"), "x").unwrap();
        symlink(outside.path().join("secret.txt"), base.join("file.txt")).unwrap();
        symlink(outside.path().join("more"), base.join("folder")).unwrap();
        symlink(base.join("missing.txt"), base.join("broken.txt")).unwrap();
        let kept = walk(base, false);
        assert_eq!(names(&kept, base), ["own.txt"]);
        assert_eq!(kept.warnings.len(), 3, "{:?}", kept.warnings);
        assert!(
            kept.warnings[0].contains("broken link"),
            "{:?}",
            kept.warnings
        );
        assert!(
            kept.warnings[1].contains("file.txt: link to") && kept.warnings[1].contains("outside")
        );
        assert!(
            kept.warnings[2].contains("folder: link to"),
            "{:?}",
            kept.warnings
        );
        let followed = walk(base, true);
        assert_eq!(
            names(&followed, base),
            ["file.txt", "folder/three.txt", "own.txt"]
        );
        assert_eq!(followed.warnings.len(), 1, "{:?}", followed.warnings);
    }

    #[test]
    fn a_folder_that_cannot_be_read_is_a_warning_and_the_walk_goes_on() {
        // the read of a subfolder failing, as it does for one removed while
        // the walk runs (the permission test below is skipped for root)
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        std::fs::write(base.join("open.txt"), "x").unwrap();
        let mut out = Walk::default();
        let mut visited = BTreeSet::new();
        let mut walker = Walker {
            root: base.to_path_buf(),
            follow_links: false,
            format_of: &txt,
            visited: &mut visited,
            out: &mut out,
        };
        walker.walk(&base.join("gone"), base.join("gone"));
        walker.walk(base, base.to_path_buf());
        assert_eq!(names(&out, base), ["open.txt"]);
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
        assert!(out.warnings[0].contains("gone: cannot read directory"));
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_subfolder_is_a_warning() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        std::fs::create_dir(base.join("closed")).unwrap();
        std::fs::write(base.join("closed/hidden.txt"), "x").unwrap();
        std::fs::write(base.join("open.txt"), "x").unwrap();
        let closed = base.join("closed");
        std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).unwrap();
        let readable = std::fs::read_dir(&closed).is_ok(); // root reads anything
        let found = walk(base, false);
        std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).unwrap();
        if readable {
            eprintln!("SKIPPED: permissions are not enforced for this user");
            return;
        }
        assert_eq!(names(&found, base), ["open.txt"]);
        assert_eq!(found.warnings.len(), 1, "{:?}", found.warnings);
        assert!(found.warnings[0].contains("closed: cannot read directory"));
    }
}
