//! The generator behind `cargo xtask gen`: reads every `schema/*.schema.json` into a small typed model of the
//! JSON Schema subset the project uses ([`model`]), and writes everything derived from it: the Rust types of
//! `bc-invoice-types` ([`emit`]), the validator's compiled tables, document kinds and typed dispatch
//! ([`validator`]), the tests' per-kind type dispatch ([`tests_support`]), the fuzz dictionary ([`fuzz`]),
//! and for other stacks' tools the single-file schemas ([`bundle`]) and the OpenAPI description
//! ([`openapi`]). A library so that tests can run it in memory: the
//! golden tests on the fixture schemas under `xtask/tests/golden/`, and the freshness test on the checked-in
//! files.
//!
//! It depends on no crate of the project, so it runs whatever state the generated files are in.

pub mod bundle;
pub mod dfa;
mod doc;
pub mod docs;
pub mod emit;
pub mod fuzz;
mod json;
pub mod model;
mod naming;
pub mod openapi;
pub mod tests_support;
pub mod validator;

use std::path::{Path, PathBuf};

pub use model::Error;

/// The command that regenerates the types crate.
pub const GEN_COMMAND: &str = "cargo xtask gen";

/// Where the generated source goes, relative to the workspace root.
pub const GENERATED_FILE: &str = "crates/bc-invoice-types/src/generated.rs";

/// The workspace's root directory: `BC_INVOICE_ROOT` if set (so a test can run `gen` on a copy of the
/// schema), else the directory above `xtask/`.
pub fn workspace_root() -> PathBuf {
    match std::env::var_os("BC_INVOICE_ROOT") {
        Some(root) => PathBuf::from(root),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask/ sits in the workspace root")
            .to_path_buf(),
    }
}

/// The `(file name, text)` of every `*.schema.json` in `dir`, sorted by name.
pub fn read_schema_dir(dir: &Path) -> Result<Vec<(String, String)>, Error> {
    let io = |e: std::io::Error| Error::new(dir.display().to_string(), e.to_string());
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.ends_with(".schema.json") {
            let text = std::fs::read_to_string(&path).map_err(io)?;
            sources.push((name.to_owned(), text));
        }
    }
    sources.sort();
    Ok(sources)
}

/// The Rust source generated from schema files given as `(file name, JSON text)`.
pub fn generate(sources: &[(String, String)]) -> Result<String, Error> {
    emit::emit(&model::Schema::parse(sources)?)
}

/// Every file generated from schema files given as `(file name, JSON text)`, as `(path relative to the
/// workspace root, contents)`, in a fixed order.
pub fn generate_all(sources: &[(String, String)]) -> Result<Vec<(String, String)>, Error> {
    let schema = model::Schema::parse(sources)?;
    let mut files = vec![(GENERATED_FILE.to_owned(), emit::emit(&schema)?)];
    files.extend(validator::emit(&schema)?);
    files.push((
        tests_support::TESTS_FILE.to_owned(),
        tests_support::emit(&schema)?,
    ));
    files.push((fuzz::DICTIONARY_FILE.to_owned(), fuzz::dictionary(&schema)));
    files.extend(generated_files_from(sources)?);
    Ok(files)
}

/// The schema's products for other stacks, generated from schema files given as `(file name, JSON text)`:
/// the single-file schemas ([`bundle::bundles`]) and the OpenAPI description ([`openapi::openapi`]), each
/// as `(path relative to the workspace root, contents)`.
pub fn generated_files_from(sources: &[(String, String)]) -> Result<Vec<(String, String)>, Error> {
    let mut files = bundle::bundles(sources)?;
    files.push(openapi::openapi(sources)?);
    Ok(files)
}

/// [`generated_files_from`] the workspace's `schema/` directory.
pub fn generated_files() -> Result<Vec<(String, String)>, Error> {
    generated_files_from(&read_schema_dir(&workspace_root().join("schema"))?)
}

/// The checked-in `(path, contents)` under `root` of every generated file, and of any other file in
/// [`bundle::BUNDLE_DIR`] (a bundle whose root is gone), with CRLF read as LF; a missing file reads as
/// `None`.
pub fn checked_in_files_at(
    root: &Path,
    generated: &[(String, String)],
) -> Vec<(String, Option<String>)> {
    let mut paths: Vec<String> = generated.iter().map(|(path, _)| path.clone()).collect();
    if let Ok(entries) = std::fs::read_dir(root.join(bundle::BUNDLE_DIR)) {
        let mut extra: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|name| name.ends_with(".json"))
            .map(|name| format!("{}/{name}", bundle::BUNDLE_DIR))
            .filter(|path| !paths.contains(path))
            .collect();
        extra.sort();
        paths.extend(extra);
    }
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(root.join(&path))
                .ok()
                .map(|t| normalise_line_endings(&t).into_owned());
            (path, text)
        })
        .collect()
}

/// What differs between the generated files and those checked in under `root`: one diff (or note) per
/// stale, missing or left-over file, and the command to run. `None` when every file is fresh.
pub fn files_staleness_at(root: &Path, generated: &[(String, String)]) -> Option<String> {
    let mut reports = Vec::new();
    for (path, checked_in) in checked_in_files_at(root, generated) {
        let fresh = generated.iter().find(|(p, _)| *p == path).map(|(_, t)| t);
        match (checked_in, fresh) {
            (Some(old), Some(new)) => {
                if let Some(diff) = diff(
                    &format!("{path} (checked in)"),
                    &old,
                    &format!("{path} (generated from schema/)"),
                    new,
                ) {
                    reports.push(format!("{path} is stale:\n\n{diff}"));
                }
            }
            (None, Some(_)) => reports.push(format!("{path} is missing")),
            (Some(_), None) => reports.push(format!(
                "{path} is left over: no schema root generates it any more"
            )),
            (None, None) => {}
        }
    }
    (!reports.is_empty()).then(|| {
        format!(
            "{}\nRun `{GEN_COMMAND}` to regenerate, and commit the result.",
            reports.join("\n")
        )
    })
}

/// [`files_staleness_at`] the workspace root.
pub fn files_staleness(generated: &[(String, String)]) -> Option<String> {
    files_staleness_at(&workspace_root(), generated)
}

/// Every file generated from the workspace's `schema/` directory, the schema files themselves included
/// in their canonical layout ([`canonical_schema_files`]).
pub fn generate_all_workspace() -> Result<Vec<(String, String)>, Error> {
    let root = workspace_root();
    let sources = read_schema_dir(&root.join("schema"))?;
    let mut files = generate_all(&sources)?;
    files.extend(canonical_schema_files(&sources)?);
    // The documents page: its tables are the schema's and this list's; the rest of it is hand-written. A
    // copy of the schema alone (a test's) has no page to fill.
    let path = docs::DOCUMENTS_FILE;
    let Ok(text) = std::fs::read_to_string(root.join(path)) else {
        return Ok(files);
    };
    let mut paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    paths.push(path);
    let blocks = [
        (
            "documents",
            docs::documents_table(&model::Schema::parse(&sources)?),
        ),
        ("generated-files", docs::generated_files_table(&paths)),
    ];
    let page = docs::fill(path, &normalise_line_endings(&text), &blocks)?;
    files.push((path.to_owned(), page));
    Ok(files)
}

/// The schema files given as `(file name, JSON text)`, each in the canonical layout, as `(path relative to
/// the workspace root, contents)`. `cargo xtask gen` writes them back as rustfmt does code, so a schema file
/// saved by another tool (Python's `json.dump(indent=2)`, an editor's formatter) is laid out again rather
/// than failing a test; the layout is the one the bundles have, so a diff between a split file and its
/// bundle shows only what bundling changed.
pub fn canonical_schema_files(
    sources: &[(String, String)],
) -> Result<Vec<(String, String)>, Error> {
    sources
        .iter()
        .map(|(name, text)| {
            let json = json::Json::parse(text)
                .map_err(|e| Error::new(format!("schema/{name}"), e.to_string()))?;
            Ok((format!("schema/{name}"), json.to_pretty_string()))
        })
        .collect()
}

/// Text with CRLF line endings turned into LF.
pub fn normalise_line_endings(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains("\r\n") {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// When the checked-in file at `path` differs from what the schema generates: the diff and the command to
/// run. `None` when it is fresh (line endings aside).
pub fn staleness_of(path: &str, checked_in: &str, generated: &str) -> Option<String> {
    diff(
        &format!("{path} (checked in)"),
        &normalise_line_endings(checked_in),
        &format!("{path} (generated from schema/)"),
        generated,
    )
    .map(|diff| {
        format!(
            "{path} is stale: the schema generates something else.\n\n{diff}\n\
             Run `{GEN_COMMAND}` to regenerate it, and commit the result."
        )
    })
}

/// A unified diff from `old` to `new` (labelled with their names), or `None` when they are equal.
pub fn diff(old_name: &str, old: &str, new_name: &str, new: &str) -> Option<String> {
    (old != new).then(|| {
        similar::TextDiff::from_lines(old, new)
            .unified_diff()
            .context_radius(3)
            .header(old_name, new_name)
            .to_string()
    })
}

/// When the checked-in [`GENERATED_FILE`] differs from what the schema generates: the diff and the command to
/// run. `None` when it is fresh.
pub fn staleness(checked_in: &str, generated: &str) -> Option<String> {
    staleness_of(GENERATED_FILE, checked_in, generated)
}
