//! Golden tests: each directory under `tests/golden/` holds small schema files for one construct, next to
//! the Rust the generator must produce from them (`expected.rs`) or the error it must report
//! (`expected.err`). A generator change shows up here as a diff of Rust.
//!
//! To accept new output after a deliberate change: `XTASK_BLESS=1 cargo test -p xtask --test golden`, then
//! read the diff before committing it. The `expected.rs` files are also compiled, against the types crate's
//! support code, by `crates/bc-invoice-types/src/golden.rs`.

use std::path::{Path, PathBuf};

use xtask::{diff, generate, read_schema_dir, workspace_root};

fn golden_dir() -> PathBuf {
    workspace_root().join("xtask/tests/golden")
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("xtask/tests/golden exists")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    cases
}

fn name(case: &Path) -> &str {
    case.file_name()
        .and_then(|n| n.to_str())
        .expect("UTF-8 name")
}

#[test]
fn every_construct_generates_the_checked_in_rust_or_error() {
    let bless = std::env::var_os("XTASK_BLESS").is_some();
    let cases = cases();
    assert!(cases.len() >= 8, "one case per construct: {cases:?}");
    let mut failures = Vec::new();
    for case in &cases {
        let sources = read_schema_dir(case).unwrap_or_else(|e| panic!("{e}"));
        assert!(!sources.is_empty(), "{}: no *.schema.json", case.display());
        let (file, actual) = match generate(&sources) {
            Ok(rust) => ("expected.rs", rust),
            Err(error) => ("expected.err", format!("{error}\n")),
        };
        let expected_path = case.join(file);
        let other = case.join(if file == "expected.rs" {
            "expected.err"
        } else {
            "expected.rs"
        });
        if bless {
            std::fs::write(&expected_path, &actual).expect("write golden file");
            let _ = std::fs::remove_file(&other);
            continue;
        }
        if other.exists() {
            failures.push(format!(
                "{}: expected {} but the generator gave {file}:\n{actual}",
                name(case),
                other.file_name().unwrap().to_string_lossy()
            ));
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        let label = format!("{}/{file}", name(case));
        if let Some(diff) = diff(&label, &expected, &format!("{label} (generated)"), &actual) {
            failures.push(diff);
        }
    }
    assert!(
        failures.is_empty(),
        "golden output differs (XTASK_BLESS=1 accepts it):\n\n{}",
        failures.join("\n")
    );
}

#[test]
fn an_unsupported_keyword_is_an_error_naming_its_schema_path() {
    let message = std::fs::read_to_string(golden_dir().join("unsupported-keyword/expected.err"))
        .expect("the unsupported-keyword case expects an error");
    assert_eq!(
        message,
        "common.schema.json#/$defs/item/properties/foo: unsupported keyword \"oneOf\"\n"
    );
}

#[test]
fn every_golden_rust_file_is_compiled_by_the_types_crate() {
    let includer = workspace_root().join("crates/bc-invoice-types/src/golden.rs");
    let includer =
        std::fs::read_to_string(&includer).expect("crates/bc-invoice-types/src/golden.rs");
    for case in cases() {
        if case.join("expected.rs").exists() {
            let path = format!("xtask/tests/golden/{}/expected.rs", name(&case));
            assert!(
                includer.contains(&path),
                "crates/bc-invoice-types/src/golden.rs does not compile {path}"
            );
        }
    }
}
