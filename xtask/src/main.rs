//! `cargo xtask`: maintenance tasks for bc-invoice.
//!
//! - `cargo xtask gen` regenerates every file derived from `schema/*.schema.json`: the types
//!   (`crates/bc-invoice-types/src/generated.rs`), the validator's tables, kinds and dispatch
//!   (`crates/bc-invoice-validate/src/generated/`), the tests' per-kind type dispatch (`tests/src/generated.rs`), the fuzz
//!   dictionary (`fuzz/json.dict`), the single-file
//!   schemas (`schema/bundled/`) and the OpenAPI description (`schema/openapi.json`); a bundle whose root
//!   is gone is removed; and it lays the schema files out again in the canonical layout, as rustfmt does
//!   code.
//! - `cargo xtask gen --check` writes nothing and fails, with a diff, when any of them is stale, missing or
//!   left over.
//!
//! The benchmark reports live beside the benchmark: `cargo bench-report` and `cargo bench-cli`.
//!
//! Exit codes: 0 done (or fresh), 1 stale output or a schema the generator cannot handle, 2 bad usage.

use std::process::ExitCode;

use xtask::{
    GEN_COMMAND, checked_in_files_at, files_staleness_at, generate_all_workspace, workspace_root,
};

const USAGE: &str = "usage: cargo xtask gen [--check]

  gen          regenerate every file derived from schema/*.schema.json
  gen --check  write nothing; fail, showing a diff, when a checked-in generated file is stale";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["gen"] => generate(false),
        ["gen", "--check"] => generate(true),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn generate(check: bool) -> ExitCode {
    let files = match generate_all_workspace() {
        Ok(files) => files,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let root = workspace_root();
    if check {
        return match files_staleness_at(&root, &files) {
            Some(report) => {
                eprintln!("{report}");
                ExitCode::FAILURE
            }
            None => {
                println!("{} generated files are fresh", files.len());
                ExitCode::SUCCESS
            }
        };
    }
    let mut written = 0;
    for (path, old) in checked_in_files_at(&root, &files) {
        let target = root.join(&path);
        let result = match files.iter().find(|(p, _)| *p == path) {
            Some((_, new)) if old.as_deref() == Some(new.as_str()) => continue,
            Some((_, new)) => target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&target, new))
                .map(|()| println!("wrote {path}")),
            None => std::fs::remove_file(&target).map(|()| println!("removed {path}")),
        };
        if let Err(error) = result {
            eprintln!("error: {}: {error}", target.display());
            return ExitCode::FAILURE;
        }
        written += 1;
    }
    println!(
        "{written} of {} generated files changed (check them with `{GEN_COMMAND} --check`)",
        files.len()
    );
    ExitCode::SUCCESS
}
