//! Shared helpers for the workspace's integration and property tests: where the schema and the fixtures
//! live, and a reference validator built with the plain `jsonschema` crate from the checked-in schema.

pub mod corpus;
pub mod strategies;

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Every document kind, as `(kind, schema file)`: the generated kinds, so a new root schema file is here
/// after `cargo xtask gen` with no edit.
pub fn documents() -> Vec<(&'static str, &'static str)> {
    bc_invoice_validate::DocumentKind::ALL
        .iter()
        .map(|kind| (kind.as_str(), kind.schema_file()))
        .collect()
}

/// Every schema file under `schema/` (the documents' and the shared definitions), sorted by name.
pub fn schema_files() -> Vec<&'static str> {
    static FILES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        let mut files: Vec<&'static str> = std::fs::read_dir(schema_dir())
            .expect("schema/ is readable")
            .filter_map(|entry| {
                let name = entry.ok()?.file_name().into_string().ok()?;
                name.ends_with(".schema.json")
                    .then(|| &*Box::leak(name.into_boxed_str()))
            })
            .collect();
        files.sort_unstable();
        files
    });
    FILES.clone()
}

/// The repository's root directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root")
        .to_path_buf()
}

/// The `schema/` directory.
pub fn schema_dir() -> PathBuf {
    workspace_root().join("schema")
}

/// The `tests/fixtures/` directory.
pub fn fixtures_dir() -> PathBuf {
    workspace_root().join("tests").join("fixtures")
}

/// Reads and parses a JSON file, panicking with the file's name on failure (a test helper).
pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Reads one schema file.
pub fn schema(file: &str) -> Value {
    read_json(&schema_dir().join(file))
}

/// The `*.json` files of one fixture directory, sorted by name.
pub fn fixture_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir().join(dir))
        .unwrap_or_else(|e| panic!("fixtures/{dir}: {e}"))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// The kind a fixture is for, from its file name: the longest kind id followed by `.`
/// (`confirm-invoice.accept.json` → `confirm-invoice`, `api-response.create-invoice.json` →
/// `api-response`, `payment-confirmation-response.json` → `payment-confirmation-response`).
pub fn fixture_kind(path: &Path) -> &'static str {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("UTF-8 file name");
    documents()
        .into_iter()
        .map(|(kind, _)| kind)
        .filter(|kind| {
            name.strip_prefix(kind)
                .is_some_and(|rest| rest.starts_with('.'))
        })
        .max_by_key(|kind| kind.len())
        .unwrap_or_else(|| panic!("{name}: no document kind prefixes this fixture's name"))
}

/// A registry of all schema files, keyed by their `$id`, so that relative `$ref`s resolve offline.
pub fn registry() -> jsonschema::Registry<'static> {
    let mut registry = jsonschema::Registry::new();
    for file in schema_files() {
        let schema = schema(file);
        let id = schema["$id"]
            .as_str()
            .expect("every schema has an $id")
            .to_owned();
        registry = registry.add(id, schema).expect("schema registers");
    }
    registry.prepare().expect("registry prepares")
}

/// The plain `jsonschema` crate's validator for one document kind, built from the checked-in schema with
/// format validation on: the reference the project's own validator is measured against.
pub fn reference_validator(kind: &str) -> jsonschema::Validator {
    let file = documents()
        .into_iter()
        .find(|(k, _)| *k == kind)
        .unwrap_or_else(|| panic!("unknown kind {kind}"))
        .1;
    let registry = Box::leak(Box::new(registry()));
    jsonschema::options()
        .with_registry(registry)
        .should_validate_formats(true)
        .build(&schema(file))
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// `(instance path, keyword)` of every error the reference validator reports, sorted.
pub fn reference_errors(
    validator: &jsonschema::Validator,
    instance: &Value,
) -> Vec<(String, String)> {
    let mut errors: Vec<(String, String)> = validator
        .iter_errors(instance)
        .map(|e| {
            (
                e.instance_path().as_str().to_owned(),
                e.kind().keyword().to_owned(),
            )
        })
        .collect();
    errors.sort();
    errors
}
