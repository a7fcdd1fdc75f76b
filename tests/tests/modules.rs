//! The validator's modules import one another without a cycle: the arrows of ARCHITECTURE.md, checked on
//! the source. A module is a file (`walk`, `rules/checks`, `generated/tables`); an import is any `crate::…`
//! or `super::…` path in it, tests included. The crate root (`lib.rs`) only declares the modules and
//! re-exports their items (a test holds it to that), so no module can reach back up into it: a path to a
//! re-exported item counts as a path to the module that defines it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use bc_invoice_tests::workspace_root;

/// Every `.rs` file under `dir`, as `(module path, source)`: `rules/mod.rs` is `rules`.
fn modules(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if path.is_dir() {
            modules(&path, &format!("{prefix}{name}/"), out);
        } else if let Some(stem) = name.strip_suffix(".rs") {
            let module = match stem {
                "mod" => prefix.trim_end_matches('/').to_owned(),
                stem => format!("{prefix}{stem}"),
            };
            out.insert(module, std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// The paths a source names from `start` (`crate::` or `super::`), with `{…}` groups expanded.
fn paths(source: &str, start: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find(start) {
        rest = &rest[at + start.len()..];
        expand(rest, String::new(), &mut out);
    }
    out
}

fn expand(text: &str, base: String, out: &mut Vec<String>) {
    let ident_end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(text.len());
    let path = format!("{base}{}", &text[..ident_end]);
    let after = &text[ident_end..];
    if path.ends_with("::") && after.starts_with('{') {
        // A group: split its items at the top level.
        let mut depth = 0;
        let mut item_start = 1;
        for (i, c) in after.char_indices() {
            match c {
                '{' => depth += 1,
                '}' | ',' if depth == 1 => {
                    let item = after[item_start..i].trim();
                    if !item.is_empty() {
                        expand(item, path.clone(), out);
                    }
                    item_start = i + 1;
                    if c == '}' {
                        return;
                    }
                }
                '}' => depth -= 1,
                _ => {}
            }
        }
    } else {
        out.push(path.trim_end_matches("::").to_owned());
    }
}

/// `lib.rs` declares modules and re-exports their items, nothing else: an item defined there would be a
/// module every other one could import, outside the arrows.
#[test]
fn the_crate_root_declares_and_re_exports_only() {
    let lib =
        std::fs::read_to_string(workspace_root().join("crates/bc-invoice-validate/src/lib.rs"))
            .unwrap();
    let mut item = String::new();
    for line in lib.lines() {
        let line = line.trim();
        if item.is_empty()
            && (line.is_empty()
                || line.starts_with("//")
                || line.starts_with("#![doc")
                || line.starts_with("#!["))
        {
            continue;
        }
        item.push_str(line);
        item.push(' ');
        if !line.ends_with(';') {
            continue;
        }
        let declaration = ["mod ", "pub mod ", "pub use "]
            .iter()
            .any(|start| item.starts_with(start));
        assert!(
            declaration,
            "lib.rs holds more than declarations and re-exports: {item}"
        );
        item.clear();
    }
    assert!(item.is_empty(), "lib.rs ends inside an item: {item}");
}

#[test]
fn the_validator_has_no_import_cycle() {
    let src = workspace_root().join("crates/bc-invoice-validate/src");
    let mut sources = BTreeMap::new();
    modules(&src, "", &mut sources);
    let lib = sources.remove("lib").expect("lib.rs");
    // Re-exports of the root: `pub use kind::{DocumentKind, UnknownKind};` → DocumentKind is kind's.
    let mut reexports: BTreeMap<String, String> = BTreeMap::new();
    for line in lib.lines().filter(|l| l.starts_with("pub use ")) {
        let body = line.trim_start_matches("pub use ").trim_end_matches(';');
        let mut items = Vec::new();
        expand(body, String::new(), &mut items);
        for item in items {
            if let Some((module, name)) = item.rsplit_once("::") {
                reexports.insert(name.to_owned(), module.replace("::", "/"));
            }
        }
    }
    let names: BTreeSet<String> = sources.keys().cloned().collect();
    let resolve = |path: &str| -> Option<String> {
        let slashed = path.replace("::", "/");
        let mut candidate = slashed.as_str();
        loop {
            if names.contains(candidate) {
                return Some(candidate.to_owned());
            }
            match candidate.rsplit_once('/') {
                Some((head, _)) => candidate = head,
                None => break,
            }
        }
        reexports.get(path).cloned()
    };
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, source) in &sources {
        let parent = match module.rsplit_once('/') {
            Some((parent, _)) if !sources.contains_key(&format!("{module}/mod")) => {
                parent.to_owned()
            }
            _ => String::new(),
        };
        let mut targets: Vec<String> = paths(source, "crate::")
            .iter()
            .filter_map(|p| resolve(p))
            .collect();
        for path in paths(source, "super::") {
            let base = if parent.is_empty() {
                path
            } else {
                format!("{parent}::{path}")
            };
            targets.extend(resolve(&base));
        }
        let entry = edges.entry(module.clone()).or_default();
        for target in targets {
            // A module's own submodules and itself are not imports of another room.
            if target != *module && !target.starts_with(&format!("{module}/")) {
                entry.insert(target);
            }
        }
    }
    assert!(
        edges["walk"].contains("rules"),
        "the parser sees imports: {edges:?}"
    );
    // Depth-first search for a cycle.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(node) {
            return;
        }
        if let Some(at) = stack.iter().position(|n| n == node) {
            panic!("import cycle: {} -> {node}", stack[at..].join(" -> "));
        }
        stack.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            visit(next, edges, stack, done);
        }
        stack.pop();
        done.insert(node.to_owned());
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        visit(node, &edges, &mut Vec::new(), &mut done);
    }
}
