//! The generator behind `cargo xtask gen`: reads every `schema/*.schema.json` into a small typed model of the
//! JSON Schema subset the project uses ([`model`]), and writes the Rust source of `bc-invoice-types`
//! ([`emit`]). A library so that tests can run it in memory: the golden tests on the fixture schemas under
//! `xtask/tests/golden/`, and the freshness test on the checked-in crate.

pub mod bench;
mod doc;
pub mod emit;
mod json;
pub mod model;
mod naming;

use std::path::{Path, PathBuf};

pub use model::Error;

/// The command that regenerates the types crate.
pub const GEN_COMMAND: &str = "cargo xtask gen";

/// Where the generated source goes, relative to the workspace root.
pub const GENERATED_FILE: &str = "crates/bc-invoice-types/src/generated.rs";

/// The workspace's root directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ sits in the workspace root")
        .to_path_buf()
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

/// The Rust source generated from the workspace's `schema/` directory: what [`GENERATED_FILE`] must hold.
pub fn generate_workspace() -> Result<String, Error> {
    generate(&read_schema_dir(&workspace_root().join("schema"))?)
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
    diff(
        &format!("{GENERATED_FILE} (checked in)"),
        checked_in,
        &format!("{GENERATED_FILE} (generated from schema/)"),
        generated,
    )
    .map(|diff| {
        format!(
            "{GENERATED_FILE} is stale: the schema generates something else.\n\n{diff}\n\
             Run `{GEN_COMMAND}` to regenerate it, and commit the result."
        )
    })
}
