//! `cargo xtask`: maintenance tasks for bc-invoice.
//!
//! - `cargo xtask gen` regenerates `crates/bc-invoice-types/src/generated.rs` from `schema/*.schema.json`.
//! - `cargo xtask gen --check` writes nothing and fails, with a diff, when that file is stale.
//! - `cargo xtask bench-report` prints the README's benchmark table from criterion's medians.
//! - `cargo xtask bench-cli` measures the command: wall time, CPU use and peak memory.
//!
//! Exit codes: 0 done (or fresh), 1 stale output or a schema the generator cannot handle, 2 bad usage.

use std::process::ExitCode;

use xtask::{GEN_COMMAND, GENERATED_FILE, generate_workspace, staleness, workspace_root};

const USAGE: &str = "usage: cargo xtask gen [--check]

  gen          regenerate crates/bc-invoice-types/src/generated.rs from schema/*.schema.json
  gen --check  fail, showing a diff, when the checked-in file is stale
  bench-report print the benchmark table from `cargo bench -p bc-invoice-tests --bench validate`
  bench-cli    measure the command (wall time, CPU, peak memory) against jsonschema-cli";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["gen"] => gen_types(false),
        ["gen", "--check"] => gen_types(true),
        ["bench-report"] => print(xtask::bench::report()),
        ["bench-cli"] => print(xtask::bench::cli()),
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

fn print(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn gen_types(check: bool) -> ExitCode {
    let generated = match generate_workspace() {
        Ok(source) => source,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let path = workspace_root().join(GENERATED_FILE);
    if check {
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        return match staleness(&checked_in, &generated) {
            Some(report) => {
                eprintln!("{report}");
                ExitCode::FAILURE
            }
            None => {
                println!("{GENERATED_FILE} is fresh");
                ExitCode::SUCCESS
            }
        };
    }
    if let Err(error) = std::fs::write(&path, generated) {
        eprintln!("error: {}: {error}", path.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {GENERATED_FILE} (check it with `{GEN_COMMAND} --check`)");
    ExitCode::SUCCESS
}
