//! The validator's modules import one another without a cycle: the arrows of ARCHITECTURE.md, checked on
//! the source. A node of the graph is a file (`walk`, `rules/catalogue` for `rules/catalogue/mod.rs`,
//! `generated/tables`), its inline modules (`mod tests { … }`) included. Each file is parsed (`syn`) and
//! the paths it names are resolved as the compiler does, through the names each module brings in:
//!
//! - an edge is every path a module names that leads into the crate — a `use` (a re-export too), or a path
//!   of two segments or more in its code (`crate::…`, `super::…`, `self::…`, `child::…`, or one starting
//!   with a name a `use` brought in, as `rules::RuleId` after `use crate::rules`), tests and macro bodies
//!   included; a path in a doc comment is documentation, not an import;
//! - a path through a re-export (`pub use`, `pub(crate) use`, or a private `use`, which a child module may
//!   name through `super::`) leads to the module that defines the item, following chains of them:
//!   `crate::rules::RuleId` is `rules/catalogue`'s, since `rules/mod.rs` re-exports it from there;
//! - a `mod.rs` is a module like any other: its `use` of a submodule (`pub use catalogue::RuleId`) is an
//!   edge to that submodule, and a submodule naming an item the `mod.rs` defines is an edge back to it,
//!   so a cycle through a `mod.rs` is seen. A bare `mod child;` declaration uses nothing of the child
//!   and is no edge.
//!
//! What this cannot see: a path a macro assembles from its arguments (`$module::RULE` in
//! `rules/catalogue/mod.rs`, which makes `RULES` from every rule module, each of which builds its `RULE`
//! from the catalogue's `Rule`: the registry and its rules depend on one another, inside one room), and a
//! method call (`id.as_str()` uses the module that defines the method, which names no path).
//!
//! The crate root (`lib.rs`) only declares the modules and re-exports their items (a test holds it to
//! that), so no path leads into it: a path through its re-exports leads to the defining module.
//!
//! The rooms are read from ARCHITECTURE.md's code map: every top-level module is in one, and each imports
//! only itself and the rooms listed after it, but for the arrows [`UPWARD`] names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use bc_invoice_tests::workspace_root;
use proc_macro2::{Spacing, TokenStream, TokenTree};
use quote::ToTokens;

/// A module's path from the crate root: `["rules", "catalogue"]`; the root is `[]`.
type ModPath = Vec<String>;

/// What a module's source says, before any name is resolved.
#[derive(Default)]
struct Module {
    /// The file that holds it: the node of the graph.
    node: String,
    /// The submodules it declares (file or inline).
    children: BTreeSet<String>,
    /// The names of the items it defines (not those a macro makes, which resolve here too).
    items: BTreeSet<String>,
    /// Each name a `use` brings in, with the path it names as written (relative to this module).
    bindings: BTreeMap<String, Vec<String>>,
    /// The modules its glob imports (`use super::*`) name, as written.
    globs: Vec<Vec<String>>,
    /// Every path it names that may lead into the crate, as written: its `use` paths and its code's.
    paths: Vec<Vec<String>>,
}

/// The crate's modules, by path.
struct Crate {
    modules: BTreeMap<ModPath, Module>,
}

/// Reads the module `path` from `file` (and, recursively, the files of the submodules it declares).
fn read_file(src: &Path, file: &Path, path: ModPath, modules: &mut BTreeMap<ModPath, Module>) {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let parsed = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut node = relative.to_str().unwrap().replace('\\', "/");
    if let Some(dir) = node.strip_suffix("/mod") {
        node = dir.to_owned();
    }
    // Where the files of its submodules are: beside lib.rs or a mod.rs, else in the directory of its name.
    let stem = file.file_stem().unwrap().to_str().unwrap();
    let dir = match stem {
        "lib" | "mod" => file.parent().unwrap().to_path_buf(),
        stem => file.parent().unwrap().join(stem),
    };
    read_items(src, &dir, &node, path, &parsed.items, modules);
}

fn read_items(
    src: &Path,
    dir: &Path,
    node: &str,
    path: ModPath,
    items: &[syn::Item],
    modules: &mut BTreeMap<ModPath, Module>,
) {
    let mut module = Module {
        node: node.to_owned(),
        ..Module::default()
    };
    let mut submodules = Vec::new();
    for item in items {
        match item {
            syn::Item::Mod(declared) => {
                let name = declared.ident.to_string();
                module.children.insert(name.clone());
                submodules.push((name, declared));
            }
            syn::Item::Use(import) => read_use(&import.tree, Vec::new(), &mut module),
            item => {
                let name = match item {
                    syn::Item::Const(i) => Some(&i.ident),
                    syn::Item::Enum(i) => Some(&i.ident),
                    syn::Item::Fn(i) => Some(&i.sig.ident),
                    syn::Item::Macro(i) => i.ident.as_ref(),
                    syn::Item::Static(i) => Some(&i.ident),
                    syn::Item::Struct(i) => Some(&i.ident),
                    syn::Item::Trait(i) => Some(&i.ident),
                    syn::Item::Type(i) => Some(&i.ident),
                    syn::Item::Union(i) => Some(&i.ident),
                    _ => None,
                };
                module.items.extend(name.map(ToString::to_string));
                code_paths(item.to_token_stream(), &mut module.paths);
            }
        }
    }
    modules.insert(path.clone(), module);
    for (name, declared) in submodules {
        let mut child = path.clone();
        child.push(name.clone());
        match &declared.content {
            Some((_, items)) => read_items(src, &dir.join(&name), node, child, items, modules),
            None => {
                let flat = dir.join(format!("{name}.rs"));
                let file = if flat.exists() {
                    flat
                } else {
                    dir.join(&name).join("mod.rs")
                };
                read_file(src, &file, child, modules);
            }
        }
    }
}

/// Every `.rs` file under `dir`, sorted (a parent directory's before its subdirectories').
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Records a `use` tree: its bindings, its globs, and each path it names.
fn read_use(tree: &syn::UseTree, prefix: Vec<String>, module: &mut Module) {
    let with = |segment: String| {
        let mut path = prefix.clone();
        path.push(segment);
        path
    };
    match tree {
        syn::UseTree::Path(p) => read_use(&p.tree, with(p.ident.to_string()), module),
        syn::UseTree::Name(n) => {
            let (binding, path) = if n.ident == "self" {
                (prefix.last().cloned().unwrap_or_default(), prefix.clone())
            } else {
                (n.ident.to_string(), with(n.ident.to_string()))
            };
            module.bindings.insert(binding, path.clone());
            module.paths.push(path);
        }
        syn::UseTree::Rename(r) => {
            let path = if r.ident == "self" {
                prefix.clone()
            } else {
                with(r.ident.to_string())
            };
            if r.rename != "_" {
                module.bindings.insert(r.rename.to_string(), path.clone());
            }
            module.paths.push(path);
        }
        syn::UseTree::Glob(_) => {
            module.globs.push(prefix.clone());
            module.paths.push(prefix);
        }
        syn::UseTree::Group(g) => {
            for tree in &g.items {
                read_use(tree, prefix.clone(), module);
            }
        }
    }
}

/// The paths of two segments or more in `tokens` (`a::b::c`), macro bodies included: doc comments are
/// string literals, so their paths are not seen. A path written `::std::…` is another crate's.
fn code_paths(tokens: TokenStream, out: &mut Vec<Vec<String>>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let is_colons = |i: usize| -> bool {
        matches!((trees.get(i), trees.get(i + 1)),
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':')
    };
    let mut i = 0;
    while i < trees.len() {
        match &trees[i] {
            TokenTree::Group(group) => code_paths(group.stream(), out),
            TokenTree::Ident(first) if !(i >= 2 && is_colons(i - 2)) => {
                let mut path = vec![first.to_string()];
                while is_colons(i + 1) {
                    match trees.get(i + 3) {
                        Some(TokenTree::Ident(next)) => {
                            path.push(next.to_string());
                            i += 3;
                        }
                        _ => break,
                    }
                }
                if path.len() > 1 {
                    out.push(path);
                }
            }
            _ => {}
        }
        i += 1;
    }
}

impl Crate {
    fn read() -> Crate {
        let src = workspace_root().join("crates/bc-invoice-validate/src");
        let mut modules = BTreeMap::new();
        read_file(&src, &src.join("lib.rs"), Vec::new(), &mut modules);
        // A file no `mod` item declares is declared by a macro (`rules/catalogue/mod.rs` declares a module
        // per rule from `for_each_rule!`): it is a submodule of the module of its directory.
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let read: BTreeSet<String> = modules.values().map(|m| m.node.clone()).collect();
        for file in files {
            let relative = file.strip_prefix(&src).unwrap().with_extension("");
            let path: ModPath = relative
                .components()
                .map(|c| c.as_os_str().to_str().unwrap().to_owned())
                .collect();
            if path.last().is_some_and(|stem| stem == "mod") || read.contains(&path.join("/")) {
                continue;
            }
            let (name, parent) = path.split_last().unwrap();
            let parent = modules
                .get_mut(parent)
                .unwrap_or_else(|| panic!("{}: no module declares it", file.display()));
            parent.children.insert(name.clone());
            read_file(&src, &file, path, &mut modules);
        }
        Crate { modules }
    }

    /// Whether the module `path` has a name `name` (defines it, declares it, or brings it in).
    fn knows(&self, path: &[String], name: &str) -> bool {
        self.modules.get(path).is_some_and(|m| {
            m.items.contains(name) || m.children.contains(name) || m.bindings.contains_key(name)
        })
    }

    /// The path `written` in the module `at`, from the crate root (its first segment resolved in `at`'s
    /// scope), or `None` for another crate's path, a local name or a type parameter. A glob's own path is
    /// resolved without the globs (`use proptest::prelude::*` is no path of the crate).
    fn absolute(&self, at: &[String], written: &[String], depth: usize) -> Option<Vec<String>> {
        self.resolve_in(at, written, depth, true)
    }

    fn resolve_in(
        &self,
        at: &[String],
        written: &[String],
        depth: usize,
        globs: bool,
    ) -> Option<Vec<String>> {
        assert!(
            depth < 64,
            "{at:?}: {written:?} does not resolve (a cycle of uses?)"
        );
        let (first, rest) = written.split_first()?;
        let mut base = match first.as_str() {
            "crate" => Vec::new(),
            "self" => at.to_vec(),
            "super" => at[..at.len().checked_sub(1)?].to_vec(),
            name => {
                let module = self.modules.get(at)?;
                let mut base = if module.items.contains(name) || module.children.contains(name) {
                    at.iter().chain([first]).cloned().collect()
                } else if let Some(target) = module.bindings.get(name) {
                    self.absolute(at, target, depth + 1)?
                } else {
                    if !globs {
                        return None;
                    }
                    let glob = module.globs.iter().find_map(|glob| {
                        let glob = self.resolve_in(at, glob, depth + 1, false)?;
                        self.knows(&glob, name).then_some(glob)
                    })?;
                    glob.into_iter().chain([first.clone()]).collect()
                };
                base.extend(rest.iter().cloned());
                return Some(base);
            }
        };
        // `crate`, `self` or `super`, perhaps followed by more `super`s: the rest follows from that module.
        let mut rest = rest;
        while let Some((next, after)) = rest.split_first()
            && next == "super"
        {
            base.pop()?;
            rest = after;
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The module that defines the item at the crate path `path`, through every re-export on the way; a
    /// path to a module is that module's.
    fn owner(&self, path: &[String], depth: usize) -> ModPath {
        assert!(depth < 64, "{path:?} does not resolve (a cycle of uses?)");
        let mut at: ModPath = Vec::new();
        for (i, segment) in path.iter().enumerate() {
            let module = &self.modules[&at];
            if module.items.contains(segment) {
                return at;
            }
            if module.children.contains(segment) {
                at.push(segment.clone());
                continue;
            }
            if let Some(target) = module.bindings.get(segment) {
                let Some(mut target) = self.absolute(&at, target, depth + 1) else {
                    return at; // another crate's item, re-exported
                };
                target.extend(path[i + 1..].iter().cloned());
                return self.owner(&target, depth + 1);
            }
            for glob in &module.globs {
                if let Some(glob) = self.resolve_in(&at, glob, depth + 1, false)
                    && self.knows(&glob, segment)
                {
                    let target: Vec<String> =
                        glob.into_iter().chain(path[i..].iter().cloned()).collect();
                    return self.owner(&target, depth + 1);
                }
            }
            // A name a macro makes (`RuleId`, from `for_each_rule!`): this module's.
            return at;
        }
        at
    }

    /// The graph: each node's imports of another node, with the first path that makes each.
    fn edges(&self) -> BTreeMap<String, BTreeMap<String, String>> {
        let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (path, module) in &self.modules {
            let entry = edges.entry(module.node.clone()).or_default();
            for written in &module.paths {
                let Some(absolute) = self.absolute(path, written, 0) else {
                    continue;
                };
                let target = &self.modules[&self.owner(&absolute, 0)].node;
                if *target != module.node {
                    entry
                        .entry(target.clone())
                        .or_insert_with(|| written.join("::"));
                }
            }
        }
        edges
    }
}

/// The cycles of `edges`, each once (the first found through each back edge), as `a -> b -> a` with the
/// path that makes each arrow.
fn cycles(edges: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<String> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeMap<String, String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        found: &mut Vec<String>,
    ) {
        if done.contains(node) {
            return;
        }
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_owned());
            let arrows: Vec<String> = cycle
                .windows(2)
                .map(|pair| format!("{} -> {} ({})", pair[0], pair[1], edges[&pair[0]][&pair[1]]))
                .collect();
            found.push(arrows.join(", "));
            return;
        }
        stack.push(node.to_owned());
        for next in edges.get(node).into_iter().flat_map(BTreeMap::keys) {
            visit(next, edges, stack, done, found);
        }
        stack.pop();
        done.insert(node.to_owned());
    }
    let (mut done, mut found) = (BTreeSet::new(), Vec::new());
    for node in edges.keys() {
        visit(node, edges, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

/// The validator's rooms, top first, as ARCHITECTURE.md's code map lists them (each importing only itself
/// and those listed after it): a room is a bullet under the validator's, holding the top-level modules
/// (`walk.rs`, `rules/`) its text names in code.
fn rooms(top_level: &BTreeSet<String>) -> Vec<BTreeSet<String>> {
    let text = std::fs::read_to_string(workspace_root().join("ARCHITECTURE.md"))
        .unwrap()
        .replace("\r\n", "\n");
    let start = text
        .find("- `crates/bc-invoice-validate`")
        .expect("ARCHITECTURE.md has the validator's bullet");
    let mut bullets: Vec<String> = Vec::new();
    for line in text[start..].lines().skip(1) {
        if let Some(item) = line.strip_prefix("  - ") {
            bullets.push(item.to_owned());
        } else if bullets.is_empty() && line.starts_with("  ") {
            continue; // the bullet's own text, before its rooms
        } else if let (Some(rest), Some(room)) = (line.strip_prefix("    "), bullets.last_mut()) {
            room.push('\n');
            room.push_str(rest);
        } else {
            break;
        }
    }
    bullets
        .iter()
        .map(|bullet| {
            bullet
                .split('`')
                .skip(1)
                .step_by(2)
                .filter_map(|code| code.strip_suffix(".rs").or_else(|| code.strip_suffix('/')))
                .filter(|name| top_level.contains(*name))
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

/// The arrows from a room up to one listed before it that ARCHITECTURE.md names: a finding names its rule
/// by `RuleId`, and the rules make findings.
const UPWARD: &[(&str, &str)] = &[("report", "rules/catalogue")];

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

/// The reading of paths that the cycle test relies on, on the crate as it is.
#[test]
fn paths_resolve_to_the_module_that_defines_the_item() {
    let krate = Crate::read();
    let edges = krate.edges();
    let has = |from: &str, to: &str| edges.get(from).is_some_and(|e| e.contains_key(to));
    // Through the crate root's re-export and `rules/mod.rs`'s, to the module that defines `RuleId`.
    let owner = |path: &str| {
        let path: Vec<String> = path.split("::").map(str::to_owned).collect();
        krate.modules[&krate.owner(&path, 0)].node.clone()
    };
    assert_eq!(owner("RuleId"), "rules/catalogue");
    assert_eq!(owner("rules::RuleId::GstinFormat"), "rules/catalogue");
    assert_eq!(owner("rules::Checker"), "rules/checker");
    assert_eq!(owner("DocumentKind"), "generated/kinds");
    assert_eq!(owner("rules"), "rules");
    // A `use` of the crate (`walk`), a name a `use` brought in (`validator`'s `rules::RuleId`), `super::`
    // in code (`rules/hooks`), a `mod.rs`'s re-export of its submodule (`rules`), and a glob in a test
    // module (`rules/set`'s tests name `RuleId` through `use super::*`).
    assert!(has("walk", "rules/catalogue"), "{edges:?}");
    assert!(has("walk", "rules/checker"), "{edges:?}");
    assert!(has("validator", "rules/catalogue"), "{edges:?}");
    assert!(has("rules/hooks", "rules/amounts"), "{edges:?}");
    assert!(has("rules", "rules/checker"), "{edges:?}");
    assert!(has("rules", "rules/catalogue"), "{edges:?}");
    // A module's own inline modules are the same node.
    assert!(!has("report", "report"), "{edges:?}");
}

#[test]
fn the_validator_has_no_import_cycle() {
    let edges = Crate::read().edges();
    let cycles = cycles(&edges);
    assert!(
        cycles.is_empty(),
        "import cycles between the validator's modules:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn each_room_imports_only_itself_and_the_rooms_after_it() {
    let krate = Crate::read();
    let top_level: BTreeSet<String> = krate
        .modules
        .iter()
        .filter(|(path, _)| path.len() <= 1)
        .map(|(_, module)| module.node.clone())
        .collect();
    let rooms = rooms(&top_level);
    let room = |node: &str| -> usize {
        let top = node.split('/').next().unwrap();
        rooms.iter().position(|room| room.contains(top)).unwrap()
    };
    for module in &top_level {
        let holding = rooms.iter().filter(|room| room.contains(module)).count();
        assert_eq!(
            holding, 1,
            "ARCHITECTURE.md lists `{module}` in {holding} of the validator's rooms, not one: {rooms:?}"
        );
    }
    let edges = krate.edges();
    let mut upward = Vec::new();
    for (from, targets) in &edges {
        for (to, written) in targets {
            if room(to) < room(from) && !UPWARD.contains(&(from.as_str(), to.as_str())) {
                upward.push(format!("{from} -> {to} ({written})"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports of a room listed before the importer's in ARCHITECTURE.md:\n{}\nrooms: {rooms:?}",
        upward.join("\n")
    );
    for (from, to) in UPWARD {
        assert!(
            edges[*from].contains_key(*to) && room(to) < room(from),
            "{from} -> {to} is no longer an arrow up: take it out of UPWARD and ARCHITECTURE.md"
        );
    }
}
