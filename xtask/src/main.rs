//! `cargo xtask`: maintenance tasks for bc-invoice.
//!
//! - `cargo xtask gen` regenerates `crates/bc-invoice-types/src/generated.rs` from `schema/*.schema.json`, and
//!   the single-file schemas under `schema/bundled/` and the OpenAPI description `schema/openapi.json`.
//! - `cargo xtask gen --check` writes nothing and fails, with a diff, when any of them is stale.
//! - `cargo xtask bench-report` prints the README's benchmark table from criterion's medians.
//! - `cargo xtask bench-cli` measures the command: wall time, CPU use and peak memory.
//!
//! Exit codes: 0 done (or fresh), 1 stale output or a schema the generator cannot handle, 2 bad usage.

use std::process::ExitCode;

use xtask::{
    GEN_COMMAND, GENERATED_FILE, checked_in_files, files_staleness, generate_workspace,
    generated_files, staleness, workspace_root,
};

const USAGE: &str = "usage: cargo xtask gen [--check]

  gen          regenerate crates/bc-invoice-types/src/generated.rs, schema/bundled/*.schema.json and
               schema/openapi.json from schema/*.schema.json
  gen --check  fail, showing a diff, when a checked-in file is stale
  bench-report print the benchmark table from `cargo bench -p bc-invoice-tests --bench validate`
  bench-cli    measure the command (wall time, CPU, peak memory) against jsonschema-cli";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["gen"] => combine(gen_types(false), gen_files(false)),
        ["gen", "--check"] => combine(gen_types(true), gen_files(true)),
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

fn combine(first: ExitCode, second: ExitCode) -> ExitCode {
    if first == ExitCode::SUCCESS {
        second
    } else {
        first
    }
}

/// The bundles and the OpenAPI description: written, or (with `check`) compared with the checked-in files.
fn gen_files(check: bool) -> ExitCode {
    let files = match generated_files() {
        Ok(files) => files,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    if check {
        return match files_staleness(&files) {
            Some(report) => {
                eprintln!("{report}");
                ExitCode::FAILURE
            }
            None => {
                println!("schema/bundled/ and schema/openapi.json are fresh");
                ExitCode::SUCCESS
            }
        };
    }
    let root = workspace_root();
    for (path, old) in checked_in_files(&files) {
        let full = root.join(&path);
        let result = match files.iter().find(|(p, _)| *p == path) {
            Some((_, new)) if old.as_deref() == Some(new.as_str()) => Ok(()),
            Some((_, new)) => full
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&full, new))
                .map(|()| println!("wrote {path}")),
            None => std::fs::remove_file(&full).map(|()| println!("removed {path}")),
        };
        if let Err(error) = result {
            eprintln!("error: {}: {error}", full.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
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
