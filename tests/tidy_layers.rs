//! Tidy check of the layering: every `crate::` path in a module of `src/`
//! must be allowed by the layer table in ARCHITECTURE.md, the table has no
//! cycle, and no two files of one module import each other in a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments (line comments and doc comments;
/// intra-doc links are not imports).
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(index, line)| {
        let code = match line.find("//") {
            // a `//` inside a string literal is rare in this code; a comment
            // start is what it almost always is
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        };
        (!code.trim().is_empty()).then_some((index + 1, code))
    })
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The names that follow `prefix` in `code`: `crate::a::b` gives `a`,
/// `crate::{a, b::c}` gives `a` and `b`.
fn names_after(code: &str, prefix: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(is_ident_char) {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // one level of braces: the first segment of each item
            let mut depth = 0usize;
            let mut item = String::new();
            let mut at_start = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => at_start = true,
                    c if depth == 0 && at_start && is_ident_char(c) => item.push(c),
                    _ if depth == 0 && at_start && !item.is_empty() => {
                        names.push(std::mem::take(&mut item));
                        at_start = false;
                    }
                    _ => {}
                }
            }
            if !item.is_empty() {
                names.push(item);
            }
        } else {
            let name: String = rest.chars().take_while(|&c| is_ident_char(c)).collect();
            if !name.is_empty() {
                names.push(name);
            }
        }
    }
    names
}

/// The layer table of ARCHITECTURE.md: module -> modules it may import.
fn layer_table(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let section = text
        .split("\n## ")
        .find(|part| part.starts_with("Layers"))
        .expect("ARCHITECTURE.md has a '## Layers' section");
    let mut table = BTreeMap::new();
    for line in section.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() < 2 || cells[0].starts_with('-') || cells[0] == "module" {
            continue;
        }
        let module = cells[0].trim_matches('`').to_string();
        let allowed: BTreeSet<String> = cells[1]
            .split(',')
            .map(|name| name.trim().trim_matches('`').to_string())
            .map(|name| {
                if name == "anything" {
                    "*".to_string()
                } else {
                    name
                }
            })
            .filter(|name| !name.is_empty() && name != "—" && name != "-")
            .collect();
        table.insert(module, allowed);
    }
    table
}

fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(node) {
            Some(1) => {
                let from = stack.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = stack[from..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            Some(_) => return None,
            None => {}
        }
        state.insert(node.to_string(), 1);
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, state, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in edges.keys() {
        if let Some(cycle) = visit(node, edges, &mut state, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

struct Source {
    module: String,
    submodule: Option<String>,
    display: String,
    text: String,
}

fn sources(root: &Path) -> Vec<Source> {
    let src = root.join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(&src).ok()?.to_path_buf();
            let parts: Vec<String> = relative
                .iter()
                .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
                .collect();
            let module = parts.first()?.clone();
            if module == "lib" || module == "main" {
                return None;
            }
            let submodule = match parts.get(1).map(String::as_str) {
                None | Some("mod") => None,
                Some(name) => Some(name.to_string()),
            };
            Some(Source {
                module,
                submodule,
                display: format!("src/{}", relative.display()),
                text: std::fs::read_to_string(&path).ok()?,
            })
        })
        .collect()
}

#[test]
fn imports_follow_the_layer_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let table = layer_table(root);
    let sources = sources(root);
    let modules: BTreeSet<String> = sources.iter().map(|s| s.module.clone()).collect();
    let unlisted: Vec<&String> = modules.iter().filter(|m| !table.contains_key(*m)).collect();
    assert!(
        unlisted.is_empty(),
        "modules missing from the layer table: {unlisted:?}"
    );
    let mut bad = Vec::new();
    for source in &sources {
        let allowed = &table[&source.module];
        for (line, code) in code_lines(&source.text) {
            for name in names_after(code, "crate::") {
                if name == source.module || !modules.contains(&name) {
                    continue;
                }
                if !allowed.contains(&name) && !allowed.contains("*") {
                    bad.push(format!(
                        "{}:{line}: {} imports {name}",
                        source.display, source.module
                    ));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "imports the layer table does not allow:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_layer_table_has_no_cycle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut table = layer_table(root);
    for allowed in table.values_mut() {
        allowed.remove("*");
    }
    assert_eq!(find_cycle(&table), None);
}

#[test]
fn the_files_of_a_module_import_each_other_without_cycles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = sources(root);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for source in &sources {
        let Some(submodule) = &source.submodule else {
            continue;
        };
        let siblings: BTreeSet<&str> = sources
            .iter()
            .filter(|other| other.module == source.module)
            .filter_map(|other| other.submodule.as_deref())
            .collect();
        let from = format!("{}::{submodule}", source.module);
        let entry = edges.entry(from).or_default();
        let absolute = format!("crate::{}::", source.module);
        // a unit test may call a sibling's helper: only the module's own code counts
        let own_code = source.text.split("#[cfg(test)]").next().unwrap_or_default();
        for (_, code) in code_lines(own_code) {
            for name in names_after(code, "super::")
                .into_iter()
                .chain(names_after(code, &absolute))
            {
                if name != *submodule && siblings.contains(name.as_str()) {
                    entry.insert(format!("{}::{name}", source.module));
                }
            }
        }
    }
    assert_eq!(
        find_cycle(&edges),
        None,
        "an import cycle between the files of one module"
    );
}

#[test]
fn the_import_scanner_reads_grouped_and_nested_paths() {
    assert_eq!(
        names_after("use crate::model::Event;", "crate::"),
        ["model"]
    );
    assert_eq!(
        names_after(
            "use crate::{model::{Event, When}, graph::Graph, store};",
            "crate::"
        ),
        ["model", "graph", "store"]
    );
    assert_eq!(
        names_after("let x = my_crate::model::A;", "crate::"),
        Vec::<String>::new()
    );
    assert_eq!(
        names_after("super::events::build(super::Doc)", "super::"),
        ["events", "Doc"]
    );
}
