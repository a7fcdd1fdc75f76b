//! `cargo xtask`: maintenance tasks for bc-invoice.
//!
//! - `cargo xtask gen` regenerates every file derived from `schema/*.schema.json`: the types
//!   (`crates/bc-invoice-types/src/generated.rs`), the validator's tables, kinds and dispatch
//!   (`crates/bc-invoice-validate/src/generated/`) and the fuzz dictionary (`fuzz/json.dict`).
//! - `cargo xtask gen --check` writes nothing and fails, with a diff, when any of them is stale.
//!
//! The benchmark reports live beside the benchmark: `cargo bench-report` and `cargo bench-cli`.
//!
//! Exit codes: 0 done (or fresh), 1 stale output or a schema the generator cannot handle, 2 bad usage.

use std::process::ExitCode;

use xtask::{
    GEN_COMMAND, generate_all_workspace, normalise_line_endings, stale_files, workspace_root,
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
        let stale = stale_files(&root, &files);
        if stale.is_empty() {
            println!("{} generated files are fresh", files.len());
            return ExitCode::SUCCESS;
        }
        for report in stale {
            eprintln!("{report}");
        }
        return ExitCode::FAILURE;
    }
    let mut written = 0;
    for (path, text) in &files {
        let target = root.join(path);
        let current = std::fs::read_to_string(&target).ok();
        if current.as_deref().map(normalise_line_endings).as_deref() == Some(text.as_str()) {
            continue;
        }
        if let Some(parent) = target.parent()
            && let Err(error) = std::fs::create_dir_all(parent)
        {
            eprintln!("error: {}: {error}", parent.display());
            return ExitCode::FAILURE;
        }
        if let Err(error) = std::fs::write(&target, text) {
            eprintln!("error: {}: {error}", target.display());
            return ExitCode::FAILURE;
        }
        println!("wrote {path}");
        written += 1;
    }
    println!(
        "{written} of {} generated files changed (check them with `{GEN_COMMAND} --check`)",
        files.len()
    );
    ExitCode::SUCCESS
}
