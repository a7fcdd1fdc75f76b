//! Running the built command in tests.

#![allow(dead_code)] // Each test binary uses its own part of these helpers.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The command under test, built by cargo for the integration tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_bc-invoice-validate");

/// `crates/bc-invoice-cli/tests/fixtures/`: invalid documents made for these tests.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/bc-invoice-cli/tests/fixtures")
}

/// `tests/fixtures/`: the workspace's shared fixtures.
pub fn shared_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// What one run of the command did.
#[derive(Debug)]
pub struct Run {
    /// The exit status.
    pub status: i32,
    /// Standard output, as text.
    pub stdout: String,
    /// Standard error, as text.
    pub stderr: String,
}

/// Runs the command in `dir` with `args`, feeding `stdin` (or nothing) to it.
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    let output = std::thread::scope(|scope| {
        if let Some(input) = stdin {
            let mut pipe = child.stdin.take().expect("stdin is piped");
            // In a thread of its own, so that a child busy writing its output cannot deadlock with us;
            // a child that exits without reading (a usage error) closes the pipe, which is fine.
            scope.spawn(move || match pipe.write_all(input) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    panic!("writing stdin: {e}")
                }
                _ => {}
            });
        }
        child.wait_with_output().expect("the command finishes")
    });
    Run {
        status: output
            .status
            .code()
            .expect("the command exits, not killed by a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs the command in the test fixtures' directory, so that reports name the files relatively.
pub fn run(args: &[&str]) -> Run {
    run_in(&fixtures(), args, None)
}

/// The `json` format's output, parsed.
pub fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).expect("the json format prints one JSON document")
}

/// `(instanceLocation, keyword, line, column)` of every error of the JSON output's file `index`.
pub fn errors(value: &serde_json::Value, index: usize) -> Vec<(String, String, u64, u64)> {
    findings(value, index, "errors")
}

/// `(instanceLocation, keyword, line, column)` of the findings in `list` of the file `index`.
pub fn findings(
    value: &serde_json::Value,
    index: usize,
    list: &str,
) -> Vec<(String, String, u64, u64)> {
    value["files"][index][list]
        .as_array()
        .expect("a list of findings")
        .iter()
        .map(|f| {
            (
                f["instanceLocation"].as_str().unwrap().to_owned(),
                f["keyword"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Shorthand for expected findings.
pub fn finding(pointer: &str, keyword: &str, line: u64, column: u64) -> (String, String, u64, u64) {
    (pointer.to_owned(), keyword.to_owned(), line, column)
}
