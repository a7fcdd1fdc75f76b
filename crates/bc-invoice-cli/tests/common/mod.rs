//! Running the built command in tests.

#![allow(dead_code)] // Each test binary uses its own part of these helpers.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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

/// How long a run may take before a test calls it a hang and kills it. A guard that turns a hang into a
/// failure, not a timing: runs take a fraction of it.
pub const HANG_GUARD: Duration = Duration::from_secs(20);

/// What a guarded run did, as bytes.
#[derive(Debug)]
pub struct RawRun {
    /// The exit status.
    pub status: i32,
    /// Standard output, when it was piped.
    pub stdout: Vec<u8>,
    /// Standard error, when it was piped.
    pub stderr: Vec<u8>,
}

/// The command in `dir` with `args` and no colour variables, its standard input, output and error
/// piped: change them before [`wait_guarded`] if needed.
pub fn command_in(dir: &Path, args: &[std::ffi::OsString]) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .current_dir(dir)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Spawns `command`, feeds it `stdin` (or closes its standard input), collects what it writes, and
/// waits for it; kills it and fails the test if it runs longer than [`HANG_GUARD`].
pub fn wait_guarded(command: &mut Command, stdin: Option<&[u8]>) -> RawRun {
    let mut child: Child = command.spawn().expect("the command starts");
    let deadline = Instant::now() + HANG_GUARD;
    std::thread::scope(|scope| {
        let input = child.stdin.take();
        scope.spawn(move || {
            if let (Some(mut pipe), Some(bytes)) = (input, stdin) {
                // A child that exits without reading closes the pipe, which is fine.
                let _ = pipe.write_all(bytes);
            }
        });
        let out = child.stdout.take().map(|mut pipe| {
            scope.spawn(move || {
                let mut bytes = Vec::new();
                let _ = pipe.read_to_end(&mut bytes);
                bytes
            })
        });
        let err = child.stderr.take().map(|mut pipe| {
            scope.spawn(move || {
                let mut bytes = Vec::new();
                let _ = pipe.read_to_end(&mut bytes);
                bytes
            })
        });
        let status = loop {
            if let Some(status) = child.try_wait().expect("waiting for the command") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                let args: Vec<_> = command.get_args().take(12).collect();
                panic!(
                    "the command hung (killed after {HANG_GUARD:?}): its arguments start {args:?}"
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        RawRun {
            status: status
                .code()
                .expect("the command exits, not killed by a signal"),
            stdout: out.map(|t| t.join().unwrap()).unwrap_or_default(),
            stderr: err.map(|t| t.join().unwrap()).unwrap_or_default(),
        }
    })
}

/// Runs the command in `dir` with `args` (any bytes), guarded against hangs; output must be UTF-8.
pub fn run_guarded(dir: &Path, args: &[std::ffi::OsString], stdin: Option<&[u8]>) -> Run {
    let raw = wait_guarded(&mut command_in(dir, args), stdin);
    Run {
        status: raw.status,
        stdout: String::from_utf8(raw.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(raw.stderr).expect("stderr is UTF-8"),
    }
}

/// A SARIF plain text message as a viewer shows it: each `\\`, `[` and `]` escaped with a backslash
/// (SARIF 2.1.0 §3.11.6) as the character alone. Every one of them is escaped, so no embedded link is
/// left.
pub fn sarif_text(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next().expect("a backslash escapes a character")),
            '[' | ']' => panic!("an unescaped {c:?} in {text:?}"),
            c => out.push(c),
        }
    }
    out
}

/// Writes `count` files `f000.json`, `f001.json`, … into `dir`, each a response envelope with 1,000 members
/// the schema does not declare (about 9 kB, 1,000 findings): the files of the tests whose one run writes
/// tens of megabytes of report. Their names, in order.
pub fn write_files_of_1000_findings(dir: &Path, count: usize) -> Vec<String> {
    let mut document =
        String::from("{\"payload\":\"x\",\"response_code\":0,\"response_message\":\"x\"");
    for member in 0..1000 {
        document.push_str(&format!(",\"a{member}\":0"));
    }
    document.push('}');
    let files: Vec<String> = (0..count).map(|i| format!("f{i:03}.json")).collect();
    for file in &files {
        std::fs::write(dir.join(file), &document).unwrap();
    }
    files
}
