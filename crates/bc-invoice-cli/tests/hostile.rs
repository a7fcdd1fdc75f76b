//! The command under attack, as on a CI runner that checks files from an untrusted pull request: hostile
//! file names, files that are not files, settings files and standard input that never end, output that
//! could drive a terminal or forge GitHub workflow commands, values that `--redact` must not leak, output
//! that cannot be written. Each class is tried through every format and every way in (a file, standard input, a
//! read error, `--config`, the settings file found upward, the command line).
//!
//! Every run is guarded: a run that hangs is killed after [`common::HANG_GUARD`] and fails the test. No
//! assertion is about time.

mod common;

use std::ffi::OsString;
use std::fs;
use std::path::Path;

use common::{RawRun, Run, command_in, json, run_guarded, wait_guarded};

const FORMATS: [&str; 4] = ["text", "json", "github", "sarif"];

/// A valid API response.
const VALID: &str =
    "{\"payload\": \"SUCCESS\", \"response_code\": 0, \"response_message\": \"SUCCESS\"}\n";

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

fn write(dir: &Path, name: impl AsRef<Path>, bytes: impl AsRef<[u8]>) {
    fs::write(dir.join(name), bytes).unwrap();
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Characters that must never reach a terminal or a CI log raw (an oracle of its own, not the command's
/// list): control characters but the line feed, line and paragraph separators, and the invisible
/// formatting characters (soft hyphen, zero-width, bidirectional, byte-order mark, variation
/// selectors, tags).
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

/// What a CI runner reads as a command: for GitHub a line that starts with `::` after white space (and
/// after characters its culture-sensitive comparison ignores), or `##[` anywhere; for Azure Pipelines
/// `##vso[` or `##[` anywhere; for TeamCity `##teamcity[` anywhere.
fn looks_like_a_command(line: &str) -> bool {
    let start = line.trim_start_matches(|c: char| c.is_whitespace() || ignorable(c));
    start.starts_with("::") || has_log_command(line)
}

/// Whether `text` holds `##`, then ASCII letters or none, then `[`, in any case (`##[`, `##vso[`,
/// `##teamcity[`), with what a culture-sensitive comparison may ignore set aside.
fn has_log_command(text: &str) -> bool {
    let text: String = text.chars().filter(|&c| !ignorable(c)).collect();
    text.match_indices("##").any(|(at, _)| {
        text[at + 2..]
            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .starts_with('[')
    })
}

/// What the runners' culture-sensitive comparison (ICU's collation) may ignore, over-approximated: the
/// unsafe characters and every character beyond ASCII (ICU ignores ARABIC TATWEEL, a letter, Hebrew
/// accents, combining half marks, Arabic number signs, musical symbols, …, none of them
/// default-ignorable).
fn ignorable(c: char) -> bool {
    is_unsafe(c) || !c.is_ascii()
}

/// Asserts that `text` (a report in the text or json format, or standard error) can neither drive a
/// terminal nor issue a workflow command.
fn assert_log_safe(text: &str, what: &str) {
    if let Some(c) = text.chars().find(|&c| is_unsafe(c)) {
        panic!("{what} holds U+{:04X}:\n{text}", c as u32);
    }
    for line in text.lines() {
        assert!(
            !looks_like_a_command(line),
            "{what} has a line a CI runner takes for a command: {line:?}"
        );
    }
}

/// Asserts that every line of a github-format report is one of the command's own workflow commands,
/// parsed as the runner parses them, or the summary line; returns the commands as `(command, file
/// property, message)`.
fn github_commands(text: &str) -> Vec<(String, String, String)> {
    assert_log_safe_chars(text, "github report");
    let lines: Vec<&str> = text.lines().collect();
    let (summary, commands) = lines.split_last().expect("a summary line");
    assert!(
        summary.starts_with(|c: char| c.is_ascii_digit()) && summary.contains(" checked: "),
        "the last line is the summary: {summary:?}"
    );
    // One notice names the settings file the run used (here, none).
    let settings = "::notice title=settings::no settings file";
    assert_eq!(commands.iter().filter(|line| **line == settings).count(), 1);
    commands
        .iter()
        .filter(|line| **line != settings)
        .map(|line| {
            assert!(!has_log_command(line), "{line:?}");
            // As the runner does: the command's information runs to the first `::` after the start.
            let body = line.strip_prefix("::").unwrap_or_else(|| {
                panic!("a line of the github format is not a command: {line:?}")
            });
            let end = body.find("::").expect("a command has a message");
            let (info, message) = (&body[..end], &body[end + 2..]);
            let (command, properties) = info.split_once(' ').expect("a command has properties");
            assert!(
                matches!(command, "error" | "warning" | "notice"),
                "{line:?}"
            );
            assert!(!properties.contains(':'), "{line:?}");
            let mut file = None;
            for property in properties.split(',') {
                let (key, value) = property.split_once('=').expect("key=value");
                match key {
                    "file" => file = Some(unescape_property(value)),
                    "line" | "col" => assert!(value.parse::<u64>().is_ok(), "{line:?}"),
                    _ => panic!("unexpected property {key} in {line:?}"),
                }
            }
            (
                command.to_owned(),
                file.expect("a file property"),
                message.to_owned(),
            )
        })
        .collect()
}

fn assert_log_safe_chars(text: &str, what: &str) {
    if let Some(c) = text.chars().find(|&c| is_unsafe(c)) {
        panic!("{what} holds U+{:04X}:\n{text}", c as u32);
    }
}

/// A property value as the runner unescapes it.
fn unescape_property(value: &str) -> String {
    value
        .replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// A SARIF artifact URI's bytes: `%XX` decoded, the rest as it is.
fn uri_bytes(uri: &str) -> Vec<u8> {
    let bytes = uri.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let hex = std::str::from_utf8(&bytes[at + 1..at + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            at += 3;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    out
}

/// `(uri, level, message)` of a SARIF log's results, then of its invocation's notifications, the
/// message as a viewer shows it ([`common::sarif_text`]).
type SarifEntries = Vec<(String, String, String)>;

fn sarif_entries(run: &Run) -> (SarifEntries, SarifEntries) {
    let value = json(run);
    assert_eq!(value["version"], "2.1.0");
    let entries = |list: &serde_json::Value| -> SarifEntries {
        list.as_array()
            .unwrap()
            .iter()
            .map(|entry| {
                let uri = entry["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap();
                // Percent-encoded: plain ASCII, no character a reader could act on.
                assert!(
                    uri.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-._~/%:".contains(&b)),
                    "{uri}"
                );
                (
                    String::from_utf8(uri_bytes(uri)).unwrap(),
                    entry["level"].as_str().unwrap().to_owned(),
                    common::sarif_text(entry["message"]["text"].as_str().unwrap()),
                )
            })
            .collect()
    };
    let run0 = &value["runs"][0];
    (
        entries(&run0["results"]),
        entries(&run0["invocations"][0]["toolExecutionNotifications"]),
    )
}

/// Runs `format` over `files` in `dir`, guarded, with `extra` flags.
fn run_format(dir: &Path, format: &str, extra: &[&str], files: &[OsString]) -> Run {
    let mut args = os(&["--format", format]);
    args.extend(os(extra));
    args.extend(files.iter().cloned());
    run_guarded(dir, &args, None)
}

// 2. Inputs that block, and everything else that is not a regular file.

#[cfg(unix)]
#[test]
fn inputs_that_are_not_regular_files_are_unreadable_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    mkfifo(&d.join("fifo.json"));
    std::os::unix::fs::symlink("fifo.json", d.join("link-to-fifo.json")).unwrap();
    let _listener = std::os::unix::net::UnixListener::bind(d.join("socket.json")).unwrap();
    fs::create_dir(d.join("a-directory")).unwrap();
    std::os::unix::fs::symlink("loop.json", d.join("loop.json")).unwrap();
    std::os::unix::fs::symlink(d.join("good.json"), d.join("link-to-good.json")).unwrap();
    write(d, "good.json", VALID);
    write(
        d,
        "bad.json",
        "{\"payload\": \"a\", \"response_code\": \"0\", \"response_message\": \"b\"}",
    );
    let files = [
        "fifo.json",
        "good.json",
        "link-to-fifo.json",
        "socket.json",
        "/dev/zero",
        "/dev/null",
        "a-directory",
        "loop.json",
        "-",
        "link-to-good.json",
        "bad.json",
    ];
    let unreadable = [
        ("fifo.json", "is a named pipe (FIFO), not a regular file"),
        (
            "link-to-fifo.json",
            "is a named pipe (FIFO), not a regular file",
        ),
        ("socket.json", "is a socket, not a regular file"),
        ("/dev/zero", "is a character device, not a regular file"),
        ("/dev/null", "is a character device, not a regular file"),
        ("a-directory", "is a directory"),
    ];
    for format in FORMATS {
        for jobs in ["1", "2"] {
            let mut args = os(&["--format", format, "--allow", "all", "--jobs", jobs]);
            args.extend(os(&files));
            let run = run_guarded(d, &args, Some(VALID.as_bytes()));
            let context = format!("--format {format} --jobs {jobs}");
            assert_eq!(run.status, 2, "{context}: {}", run.stderr);
            let stderr: Vec<&str> = run.stderr.lines().collect();
            let mut expected: Vec<String> = unreadable
                .iter()
                .map(|(name, reason)| format!("error: cannot read {name}: {reason}"))
                .collect();
            expected.push("error: cannot read loop.json: ".to_owned());
            assert_eq!(stderr.len(), expected.len(), "{context}: {}", run.stderr);
            for (line, expected) in stderr.iter().zip(&expected) {
                assert!(line.starts_with(expected.as_str()), "{context}: {line}");
            }
            assert_log_safe(&run.stderr, "stderr");
            match format {
                "json" => {
                    let value = json(&run);
                    let entries = value["files"].as_array().unwrap();
                    let names: Vec<&str> = entries
                        .iter()
                        .map(|f| f["file"].as_str().unwrap())
                        .collect();
                    let mut expected_names = files.to_vec();
                    expected_names[8] = "<stdin>";
                    assert_eq!(names, expected_names, "{context}");
                    for (name, reason) in unreadable {
                        let entry = entries.iter().find(|f| f["file"] == name).unwrap();
                        assert_eq!(
                            entry["readError"],
                            format!("cannot read {name}: {reason}"),
                            "{context}"
                        );
                        assert_eq!(entry["valid"], false);
                    }
                    let valid: Vec<bool> = entries
                        .iter()
                        .map(|f| f["valid"].as_bool().unwrap())
                        .collect();
                    assert_eq!(
                        valid,
                        [
                            false, true, false, false, false, false, false, false, true, true,
                            false
                        ],
                        "{context}"
                    );
                }
                "sarif" => {
                    assert_log_safe(&run.stdout, &context);
                    let (results, notifications) = sarif_entries(&run);
                    let mut expected: Vec<(String, String, String)> = unreadable
                        .iter()
                        .map(|(name, reason)| {
                            let file = name.trim_start_matches('/');
                            let uri = if name.starts_with('/') {
                                format!("file:///{file}")
                            } else {
                                file.to_owned()
                            };
                            (
                                uri,
                                "error".to_owned(),
                                format!("cannot read {name}: {reason}"),
                            )
                        })
                        .collect();
                    let loop_error = notifications.last().unwrap();
                    assert!(loop_error.2.starts_with("cannot read loop.json: "));
                    expected.push(loop_error.clone());
                    assert_eq!(notifications, expected, "{context}");
                    let files: Vec<&str> = results.iter().map(|r| r.0.as_str()).collect();
                    assert_eq!(files, ["bad.json"], "{context}");
                    let value = json(&run);
                    assert_eq!(
                        value["runs"][0]["invocations"][0]["executionSuccessful"],
                        false
                    );
                }
                "github" => {
                    let commands = github_commands(&run.stdout);
                    for (name, reason) in unreadable {
                        assert!(
                            commands
                                .iter()
                                .any(|(command, file, message)| command == "error"
                                    && file == name
                                    && *message == format!("cannot read {name}: {reason}")),
                            "{context}: {name}\n{}",
                            run.stdout
                        );
                    }
                }
                _ => assert_log_safe(&run.stdout, "text report"),
            }
            assert!(
                run.stdout.ends_with(
                    "11 files checked: 3 valid, 1 invalid, 7 unreadable; 1 error, 0 warnings; no settings file\n"
                ) || format == "json"
                    || format == "sarif",
                "{context}: {}",
                run.stdout
            );
        }
    }
}

/// No FILE named and a terminal for standard input (an empty glob in a script run by hand): a usage error
/// at once rather than a silent wait for someone to type a document; `-` still reads the terminal.
#[cfg(target_os = "linux")]
#[test]
fn no_file_and_a_terminal_is_a_usage_error_not_a_wait() {
    let dir = tempfile::tempdir().unwrap();
    // `script` (Debian's essential bsdutils) runs the command on a pseudo-terminal of its own, fed from
    // /dev/null here, which the terminal passes on as an end of input.
    let on_a_terminal = |args: &str| {
        let line = format!("'{}' {args}; echo \"status $?\"", common::BIN);
        let mut command = std::process::Command::new("script");
        command
            .args(["-qec", &line, "/dev/null"])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let run = wait_guarded(&mut command, None);
        String::from_utf8_lossy(&run.stdout).replace("\r\n", "\n")
    };
    assert_eq!(
        on_a_terminal(""),
        "error: no FILE given, and standard input is a terminal: name the files to check, or pipe a \
         document in (`-` reads standard input even from a terminal)\nstatus 2\n"
    );
    let named = on_a_terminal("-");
    assert!(
        named.contains("<stdin>:1:1: (root): the text is empty") && named.ends_with("status 1\n"),
        "{named}"
    );
}

// 2 and 3. Settings files that block, never end, or are too large.

/// A run from a directory whose path is longer than the system takes in one name (`PATH_MAX`, 4096 bytes
/// on Linux): the settings file there is the one read, not one further up. Its full path could not be
/// looked at (`File name too long`), so it was passed over as absent, and the search went on to the
/// settings of a directory above: other rule levels, without a word. The directories are made, and the
/// command run, by a shell that goes down one name at a time, as no single path reaches them.
#[cfg(unix)]
#[test]
fn the_nearest_settings_file_is_read_however_long_its_path() {
    let project = tempfile::tempdir().unwrap();
    let p = project.path();
    fs::create_dir(p.join(".git")).unwrap();
    write(p, "bc-invoice.toml", "strict = true\n");
    let name = "d".repeat(100);
    let down = format!("for i in $(seq 45); do mkdir -p {name} && cd -P {name} || exit 9; done");
    let run_deep = |setup: &str| {
        let script = format!("{down}; {setup}; exec \"$0\" --format json doc.json");
        let mut command = std::process::Command::new("sh");
        command
            .args(["-c", &script, common::BIN])
            .current_dir(p)
            .env_remove("CLICOLOR_FORCE")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let (status, stdout, stderr) = text_run(&mut command);
        Run {
            status,
            stdout,
            stderr,
        }
    };
    let doc = format!("printf '%s' '{}' > doc.json", VALID.trim_end());
    let run = run_deep(&format!(
        "{doc}; printf 'max-size = 1000\\n' > bc-invoice.toml"
    ));
    assert_eq!((run.status, run.stderr.as_str()), (0, ""), "{}", run.stdout);
    assert_eq!(json(&run)["settings"], "bc-invoice.toml");
    // A bad one there is refused by its full path, as one found upward is.
    let Run {
        status,
        stdout,
        stderr,
    } = run_deep(&format!(
        "{doc}; printf 'strict = maybe\\n' > bc-invoice.toml"
    ));
    let deep = format!("{}/{}", p.display(), vec![name.as_str(); 45].join("/"));
    assert_eq!(
        (status, stdout.as_str(), stderr.as_str()),
        (
            2,
            "",
            format!(
                "error: {deep}/bc-invoice.toml: line 1, column 10: string values must be quoted, expected literal string\n"
            )
            .as_str()
        )
    );
    // With none there, the one above is read, named from where the command runs.
    let run = run_deep(&format!("{doc}; rm bc-invoice.toml"));
    assert_eq!((run.status, run.stderr.as_str()), (0, ""), "{}", run.stdout);
    assert_eq!(
        json(&run)["settings"],
        format!("{}bc-invoice.toml", "../".repeat(45))
    );
}

#[cfg(unix)]
#[test]
fn settings_files_that_block_or_never_end_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "doc.json", VALID);
    mkfifo(&d.join("fifo.toml"));
    let _listener = std::os::unix::net::UnixListener::bind(d.join("socket.toml")).unwrap();
    fs::create_dir(d.join("dir.toml")).unwrap();
    // Over the cap: comment lines, valid TOML that would otherwise be read whole.
    let big = "# padding padding padding padding padding padding padding padding\n".repeat(40_000);
    assert!(big.len() > 2 << 20);
    write(d, "big.toml", &big);
    let too_large = "larger than 1048576 bytes, the most the command reads";
    let cases = [
        ("fifo.toml", "is a named pipe (FIFO), not a regular file"),
        ("socket.toml", "is a socket, not a regular file"),
        ("dir.toml", "is a directory"),
        ("/dev/zero", "is a character device, not a regular file"),
        // Standard input is a pipe here: named as a file, it is a pipe like any other.
        ("/dev/stdin", "is a named pipe (FIFO), not a regular file"),
        ("big.toml", too_large),
    ];
    for (config, reason) in cases {
        for entry in [&["doc.json"][..], &["--list-rules"]] {
            let mut args = os(&["--config", config]);
            args.extend(os(entry));
            let run = run_guarded(d, &args, Some(b"[rules]\n"));
            assert_eq!(
                (run.status, run.stdout.as_str(), run.stderr.as_str()),
                (
                    2,
                    "",
                    format!("error: {config}: cannot read: {reason}\n").as_str()
                ),
                "--config {config} {entry:?}"
            );
        }
    }

    // Found upward rather than named: a pipe or a link to a device named bc-invoice.toml is refused by
    // name, not silently skipped.
    for (setup, reason) in [
        ("fifo", "is a named pipe (FIFO), not a regular file"),
        ("zero", "is a character device, not a regular file"),
    ] {
        let project = tempfile::tempdir().unwrap();
        let p = project.path();
        // A repository, so that the search goes up from `sub` to its root.
        fs::create_dir(p.join(".git")).unwrap();
        let config = p.join("bc-invoice.toml");
        match setup {
            "fifo" => mkfifo(&config),
            _ => std::os::unix::fs::symlink("/dev/zero", &config).unwrap(),
        }
        fs::create_dir(p.join("sub")).unwrap();
        write(&p.join("sub"), "doc.json", VALID);
        let run = run_guarded(&p.join("sub"), &os(&["doc.json"]), None);
        assert_eq!(
            (run.status, run.stderr.as_str()),
            (
                2,
                format!("error: {}: cannot read: {reason}\n", config.display()).as_str()
            ),
            "{setup}"
        );
    }

    // Nor is a settings file that is there but cannot be read skipped for one further up: a directory, a
    // symbolic link to nothing or to itself.
    for setup in ["directory", "dangling", "loop"] {
        let project = tempfile::tempdir().unwrap();
        let p = project.path();
        fs::create_dir(p.join(".git")).unwrap();
        write(p, "bc-invoice.toml", "[rules]\nall = \"allow\"\n");
        fs::create_dir(p.join("sub")).unwrap();
        write(&p.join("sub"), "doc.json", "{\"payload\": 1}");
        let config = p.join("sub").join("bc-invoice.toml");
        match setup {
            "directory" => fs::create_dir(&config).unwrap(),
            "dangling" => std::os::unix::fs::symlink("missing.toml", &config).unwrap(),
            _ => std::os::unix::fs::symlink("bc-invoice.toml", &config).unwrap(),
        }
        let run = run_guarded(&p.join("sub"), &os(&["doc.json"]), None);
        // The system's own words for a link to nothing or to itself (ENOENT, ELOOP).
        let prefix = format!("error: {}: cannot read: ", config.display());
        let reason = run
            .stderr
            .strip_prefix(&prefix)
            .unwrap_or_else(|| panic!("{setup}: {}", run.stderr));
        assert_eq!((run.status, run.stdout.as_str()), (2, ""), "{setup}");
        assert_eq!(run.stderr.lines().count(), 1, "{setup}: {}", run.stderr);
        if setup == "directory" {
            assert_eq!(reason, "is a directory\n");
        }
    }

    // Within the cap, the same padding is read.
    let line = big.find('\n').unwrap() + 1;
    let fits = format!(
        "{}[rules]\nall = \"allow\"\n",
        &big[..((1 << 20) / line - 1) * line]
    );
    assert!(fits.len() <= 1 << 20 && fits.len() > (1 << 20) - 2 * line);
    write(d, "fits.toml", &fits);
    let run = run_guarded(d, &os(&["--config", "fits.toml", "doc.json"]), None);
    assert_eq!((run.status, run.stderr.as_str()), (0, ""));

    // Nesting as deep as the cap allows is an error on one line, not a crash.
    write(d, "deep.toml", format!("x = {}", "[".repeat(500_000)));
    let run = run_guarded(d, &os(&["--config", "deep.toml", "doc.json"]), None);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: deep.toml: line 1, column ")
            && run.stderr.lines().count() == 1,
        "{}",
        run.stderr
    );
}

// 4. Forged workflow commands, 5. control characters, 6. bidirectional overrides: file names.

/// File names that try to issue workflow commands or drive a terminal.
const HOSTILE_NAMES: [&str; 17] = [
    "::stop-commands::pwned.json",
    "::error file=x.json,line=1::forged.json",
    " ::warning::lead-space.json",
    "\u{a0}::notice::nbsp.json",
    "\u{ad}::error::soft-hyphen.json",
    "a\n::error::line-feed.json",
    "a\r::error::carriage-return.json",
    "%0A::error::percent.json",
    "##[error]legacy.json",
    "##vso[task.complete result=Succeeded]azure.json",
    "##teamcity[buildStatus status='SUCCESS']teamcity.json",
    "a,b:c=d.json",
    "\u{1b}]0;title\u{7}\u{1b}[2Jescape.json",
    "bidi-\u{202e}nosj.txt\u{2066}.json",
    "\u{640}::error::tatweel.json",
    "#\u{640}#[error]tatweel-legacy.json",
    "##v\u{591}so[task.complete result=Succeeded]hebrew-accent.json",
];

/// A document whose values and member names try the same.
const HOSTILE_DOCUMENT: &str = "{\"payload\": \"::stop-commands::v\", \"response_code\": \"##[add-mask]v\", \
     \"response_message\": \"\\u001b[31m\\r\\n::error::v\u{202e}\", \"::error::k\": 1, \"##[warning]k\": 2, \
     \"\u{202e}k\": 3, \"##vso[task.setvariable variable=x]k\": \"##VSO[task.complete result=Succeeded]v\", \
     \"##teamcity[message text='k']\": 4, \"#\u{640}#[error]k\": \"##v\u{591}so[task.complete]v\", \
     \"\u{640}::error::k\": \"#\u{fe21}#[warning]v\"}";

/// A document with more findings than a report keeps.
fn many_findings() -> String {
    let members: Vec<String> = (0..1100).map(|i| format!("\"k{i}\": {i}")).collect();
    format!("{{{}}}", members.join(", "))
}

#[cfg(unix)]
#[test]
fn hostile_file_names_and_values_cannot_forge_commands_or_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let many = many_findings();
    let mut files = Vec::new();
    // Findings, a read error, and for a few names findings past the limit, under the hostile name.
    let with_many = [0, 5, 10];
    for (index, name) in HOSTILE_NAMES.iter().enumerate() {
        write(d, name, HOSTILE_DOCUMENT);
        files.push(OsString::from(name));
        if with_many.contains(&index) {
            let more = format!("{name}.many");
            write(d, &more, &many);
            files.push(OsString::from(more));
        }
        files.push(OsString::from(format!("{name}.missing")));
    }
    files.push(OsString::from("-"));
    for format in FORMATS {
        for redact in [&[][..], &["--redact"]] {
            let mut args = os(&["--format", format, "--kind", "api-response"]);
            args.extend(os(redact));
            args.extend(files.iter().cloned());
            let run = run_guarded(d, &args, Some(HOSTILE_DOCUMENT.as_bytes()));
            let context = format!("--format {format} {redact:?}");
            assert_eq!(run.status, 2, "{context}");
            assert_log_safe(&run.stderr, &format!("{context}: stderr"));
            assert_eq!(
                run.stderr.lines().count(),
                HOSTILE_NAMES.len(),
                "{context}: {}",
                run.stderr
            );
            match format {
                "github" => {
                    let commands = github_commands(&run.stdout);
                    let notices = commands.iter().filter(|(c, _, _)| c == "notice").count();
                    assert_eq!(notices, with_many.len(), "{context}");
                    for (_, file, message) in &commands {
                        assert!(!file.is_empty() && !has_log_command(message), "{context}");
                    }
                    // A name with nothing unsafe in it is exact, so that the annotation lands on it.
                    for name in [
                        "::stop-commands::pwned.json",
                        "a,b:c=d.json",
                        "%0A::error::percent.json",
                    ] {
                        assert!(
                            commands.iter().any(|(_, file, _)| file == name),
                            "{context}: {name}"
                        );
                    }
                }
                "sarif" => {
                    assert_log_safe(&run.stdout, &format!("{context}: sarif log"));
                    let (results, notifications) = sarif_entries(&run);
                    // Every name is exact once decoded: each hostile file's findings, each missing
                    // file's read error, each long file's notice of findings not shown.
                    for name in HOSTILE_NAMES {
                        assert!(results.iter().any(|r| r.0 == name), "{context}: {name:?}");
                        let missing = format!("{name}.missing");
                        assert!(
                            notifications
                                .iter()
                                .any(|n| n.0 == missing && n.1 == "error"),
                            "{context}: {missing:?}"
                        );
                    }
                    let not_shown = notifications.iter().filter(|n| n.1 == "warning").count();
                    assert_eq!(not_shown, with_many.len(), "{context}");
                    assert_eq!(
                        notifications.len(),
                        HOSTILE_NAMES.len() + with_many.len(),
                        "{context}"
                    );
                    assert!(results.iter().any(|r| r.0 == "<stdin>"), "{context}");
                    if redact.is_empty() {
                        // The `[` escaped for a SARIF viewer, so no log-command marker is left.
                        assert!(run.stdout.contains(r"##\\[add-mask\\]v"), "{context}");
                        assert!(
                            results.iter().any(|r| r.2.contains("##[add-mask]v")),
                            "{context}"
                        );
                    }
                }
                "json" => {
                    assert_log_safe(&run.stdout, &format!("{context}: json report"));
                    // The values are exact once parsed.
                    let value = json(&run);
                    let names: Vec<&str> = value["files"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|f| f["file"].as_str().unwrap())
                        .collect();
                    let mut expected: Vec<String> = files
                        .iter()
                        .map(|f| f.to_str().unwrap().to_owned())
                        .collect();
                    *expected.last_mut().unwrap() = "<stdin>".to_owned();
                    assert_eq!(names, expected, "{context}");
                    if redact.is_empty() {
                        assert!(run.stdout.contains("##\\u005badd-mask]v"), "{context}");
                        assert!(
                            run.stdout
                                .contains("##vso\\u005btask.setvariable variable=x]k"),
                            "{context}"
                        );
                        assert!(
                            value["files"][0]["errors"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .any(|e| e["error"].as_str().unwrap().contains("##[add-mask]v")),
                            "{context}"
                        );
                    }
                }
                _ => {
                    assert_log_safe(&run.stdout, &format!("{context}: text report"));
                    assert!(
                        run.stdout
                            .lines()
                            .any(|line| line.starts_with("./::stop-commands::pwned.json:1:")),
                        "{context}"
                    );
                }
            }
        }
    }
}

// 5. Control characters on standard error: usage errors, read errors, settings files.

#[cfg(unix)]
#[test]
fn standard_error_is_safe_whatever_the_arguments_and_settings() {
    use std::os::unix::ffi::OsStringExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "doc.json", VALID);
    let hostile = "\u{1b}[31mred\r\n::error::x##[add-mask]y\u{202e}";
    let mut non_utf8 = b"\xff\x1b[2J".to_vec();
    non_utf8.extend_from_slice("::error::z".as_bytes());
    let cases: Vec<Vec<OsString>> = vec![
        os(&["--kind", hostile, "doc.json"]),
        os(&["--format", hostile, "doc.json"]),
        os(&["--color", hostile, "doc.json"]),
        os(&["--deny", hostile, "doc.json"]),
        os(&["-j", hostile, "doc.json"]),
        os(&[&format!("--{hostile}"), "doc.json"]),
        vec![
            OsString::from("--kind"),
            OsString::from_vec(non_utf8.clone()),
            OsString::from("doc.json"),
        ],
        os(&["--config", &format!("{hostile}.toml"), "doc.json"]),
        vec![
            OsString::from("--config"),
            OsString::from_vec(non_utf8.clone()),
            OsString::from("doc.json"),
        ],
        os(&[&format!("{hostile}.json")]),
        vec![OsString::from_vec(non_utf8)],
    ];
    for args in &cases {
        let run = run_guarded(d, args, None);
        assert_eq!(run.status, 2, "{args:?}");
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: {}",
            run.stderr
        );
        assert_log_safe(&run.stderr, &format!("stderr for {args:?}"));
        assert!(
            run.stderr.contains("?[31mred??::error::x##?add-mask]y?")
                || run.stderr.contains("\u{fffd}?[2J::error::z"),
            "the argument is shown, made safe: {args:?}: {}",
            run.stderr
        );
    }

    // Settings files whose text is quoted in the message.
    let settings = [
        format!("[rules]\n\"{hostile}\" = \"deny\"\n"),
        format!("[rules]\nall = \"{}\"\n", "\\u001b[2J\\r\\n::error::v"),
        "strict = \u{1b}[2J\n".to_owned(),
        "# \u{202e}\nstrict = \"##[error]x\"\n".to_owned(),
    ];
    for text in &settings {
        write(d, "bc-invoice.toml", text);
        let run = run_guarded(d, &os(&["doc.json"]), None);
        assert_eq!(run.status, 2, "{text:?}");
        assert_eq!(run.stderr.lines().count(), 1, "{text:?}: {}", run.stderr);
        assert_log_safe(&run.stderr, &format!("stderr for {text:?}"));
    }
    write(d, "bc-invoice.toml", b"strict = \xff\n");
    let run = run_guarded(d, &os(&["doc.json"]), None);
    assert_eq!(
        (
            run.status,
            run.stderr
                .ends_with("bc-invoice.toml: line 1, column 10: the file is not UTF-8\n")
        ),
        (2, true),
        "{}",
        run.stderr
    );
}

// 6. Bidirectional overrides and invisible characters in the text format's header lines.

/// Round 12: a zero-width joiner or non-joiner right after a letter of an Indian script or an Arabic
/// letter is part of the word and reaches the text and github reports as it is; every other joiner
/// (after a Latin letter, a colon, a `#`, TATWEEL, another joiner, at the start) is still neutralised, and
/// with the kept joiners set aside the reports are as log-safe as any: no line a runner takes for a
/// command.
#[test]
fn joiners_are_kept_only_inside_indian_and_arabic_words() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let value = "\u{d28}\u{d4d}\u{200d} \u{915}\u{94d}\u{200c}\u{937} \u{6a9}\u{200c}\u{645} \
                 a\u{200d}b :\u{200d}:error::x #\u{200d}#[error]x \u{915}\u{200d}##[error]y \
                 \u{640}\u{200c}::z \u{915}\u{200d}\u{200d}\u{202e}w";
    let document = format!("{{\"invoiceConfirmation\": {{\"buyerResponse\": \"{value}\"}}}}");
    write(d, "j.json", &document);
    // A joiner is kept where the character before it is an Indian or Arabic letter (this oracle's own
    // reading: the scripts' blocks, TATWEEL left out).
    let kept = |before: Option<char>| {
        before.is_some_and(|p| {
            ('\u{900}'..='\u{dff}').contains(&p)
                || (('\u{620}'..='\u{6ff}').contains(&p) && p.is_alphabetic() && p != '\u{640}')
        })
    };
    let without_kept = |text: &str| {
        let mut out = String::new();
        let mut before = None;
        for c in text.chars() {
            if !(matches!(c, '\u{200c}' | '\u{200d}') && kept(before)) {
                out.push(c);
            }
            before = Some(c);
        }
        out
    };
    for format in ["text", "github"] {
        let run = run_guarded(
            d,
            &os(&["--format", format, "--allow", "all", "j.json"]),
            None,
        );
        assert_eq!(run.status, 1, "{format}");
        assert!(
            run.stdout.contains(
                "\u{d28}\u{d4d}\u{200d} \u{915}\u{94d}\u{200c}\u{937} \u{6a9}\u{200c}\u{645} a?b :?:error::x #?#[error]x \u{915}\u{200d}##?error]y \u{640}?::z \u{915}\u{200d}??w"
            ),
            "{format}: {}",
            run.stdout
        );
        let rest = without_kept(&run.stdout);
        if format == "text" {
            assert_log_safe(&rest, format);
        } else {
            github_commands(&rest);
        }
    }
}

#[test]
fn invisible_and_bidirectional_characters_are_neutralised_in_text_and_github_and_escaped_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let name = if cfg!(unix) {
        "bidi-\u{202e}nosj.txt\u{2066}\u{200b}.json"
    } else {
        "bidi.json"
    };
    let document = "{\"invoiceConfirmation\": {\"buyerResponse\": \"\u{202e}MAYBE\u{2069}\", \
                    \"\u{2067}buyer\u{200b}Remarks\u{feff}\": \"x\"}}";
    write(d, name, document);
    for format in FORMATS {
        for entry in ["file", "stdin"] {
            let files = [OsString::from(if entry == "file" { name } else { "-" })];
            let mut args = os(&["--format", format, "--allow", "all"]);
            args.extend(files.iter().cloned());
            let run = run_guarded(d, &args, Some(document.as_bytes()));
            let context = format!("--format {format} from {entry}");
            assert_eq!(run.status, 1, "{context}");
            assert_log_safe_chars(&run.stdout, &context);
            match format {
                "json" => {
                    let value = json(&run);
                    let file = &value["files"][0];
                    if entry == "file" {
                        assert_eq!(file["file"], name, "the name is exact once parsed");
                    }
                    let messages: Vec<&str> = file["errors"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|e| e["error"].as_str().unwrap())
                        .collect();
                    assert!(
                        messages.contains(
                            &"\"\u{202e}MAYBE\u{2069}\" is not one of ACCEPT, REJECT, RETURN"
                        ),
                        "{context}: {messages:?}"
                    );
                }
                "sarif" => {
                    let (results, _) = sarif_entries(&run);
                    if entry == "file" {
                        assert!(
                            results.iter().all(|r| r.0 == name),
                            "the name is exact once decoded"
                        );
                    }
                    assert!(
                        results.iter().any(|r| r.2
                            == "\"\u{202e}MAYBE\u{2069}\" is not one of ACCEPT, REJECT, RETURN"),
                        "{context}: {results:?}"
                    );
                }
                "text" => {
                    assert!(
                        run.stdout.contains(
                            ": /invoiceConfirmation/buyerResponse: \"?MAYBE?\" is not one of ACCEPT, REJECT, RETURN\n"
                        ),
                        "{context}: {}",
                        run.stdout
                    );
                    // The library quotes a member name escaped.
                    assert!(
                        run.stdout
                            .contains("unknown member \"\\u{2067}buyer\\u{200b}Remarks\\u{feff}\""),
                        "{context}: {}",
                        run.stdout
                    );
                    if entry == "file" && cfg!(unix) {
                        assert!(
                            run.stdout.starts_with("bidi-?nosj.txt??.json:1:"),
                            "{context}"
                        );
                    }
                }
                _ => {
                    github_commands(&run.stdout);
                }
            }
        }
    }
}

// 7. Names that are not UTF-8, and a file named `<stdin>`.

#[cfg(unix)]
#[test]
fn every_file_name_is_recoverable_from_the_json_report() {
    use base64::Engine as _;
    use std::os::unix::ffi::OsStringExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let e9 = OsString::from_vec(b"caf\xe9.json".to_vec());
    let e8 = OsString::from_vec(b"caf\xe8.json".to_vec());
    let missing = OsString::from_vec(b"\xff\xfe.json".to_vec());
    write(d, &e9, VALID);
    write(d, &e8, VALID);
    write(d, "<stdin>", VALID);
    let files = vec![
        e9.clone(),
        e8.clone(),
        missing.clone(),
        OsString::from("<stdin>"),
        OsString::from("-"),
    ];
    let run = run_format(d, "json", &[], &files);
    assert_eq!(run.status, 2);
    let value = json(&run);
    let entries = value["files"].as_array().unwrap();
    let decode = |entry: &serde_json::Value| -> Vec<u8> {
        let object = entry["file"]
            .as_object()
            .expect("a name that is not UTF-8 is an object");
        assert_eq!(object.keys().collect::<Vec<_>>(), ["bytes"]);
        base64::engine::general_purpose::STANDARD
            .decode(object["bytes"].as_str().unwrap())
            .unwrap()
    };
    assert_eq!(decode(&entries[0]), b"caf\xe9.json");
    assert_eq!(decode(&entries[1]), b"caf\xe8.json");
    assert_eq!(decode(&entries[2]), b"\xff\xfe.json");
    assert_eq!(entries[0]["valid"], true);
    assert_eq!(
        entries[2]["readError"],
        "cannot read \u{fffd}\u{fffd}.json: No such file or directory (os error 2)"
    );
    // A file named `<stdin>` and standard input.
    assert_eq!(entries[3]["file"], "<stdin>");
    assert_eq!(entries[3].get("stdin"), None);
    assert_eq!(entries[4]["file"], "<stdin>");
    assert_eq!(entries[4]["stdin"], true);
    assert_eq!(entries[4]["valid"], false, "standard input was empty");
    for entry in &entries[..4] {
        assert_eq!(entry.get("stdin"), None);
    }

    // The sarif format's URIs keep the exact bytes, percent-encoded one by one.
    let run = run_format(d, "sarif", &["--allow", "all"], &files);
    assert_eq!(run.status, 2);
    let value = json(&run);
    let uri = |entry: &serde_json::Value| {
        entry["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let results: Vec<String> = value["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(uri)
        .collect();
    // Only standard input, which was empty, has a finding.
    assert_eq!(results, ["%3Cstdin%3E"]);
    let notifications = &value["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(uri(&notifications[0]), "%FF%FE.json");
    assert_eq!(uri_bytes(&uri(&notifications[0])), b"\xff\xfe.json");
    assert_eq!(notifications.as_array().unwrap().len(), 1);
    let e7 = OsString::from_vec(b"caf\xe7.json".to_vec());
    write(d, &e7, "{\"payload\": 1}");
    let with_findings = run_format(d, "sarif", &["--kind", "api-response"], &[e7]);
    let value = json(&with_findings);
    assert_eq!(
        uri(&value["runs"][0]["results"][0]),
        "caf%E7.json",
        "{}",
        with_findings.stdout
    );

    // The other formats show such a name with U+FFFD, safely.
    for format in ["text", "github"] {
        let run = run_format(d, format, &["--deny", "all"], std::slice::from_ref(&e9));
        assert_eq!(run.status, 0, "{format}");
        assert_log_safe_chars(&run.stdout, format);
    }
}

// 8. What `--redact` must hide, in every format and from every entry point.

/// Documents whose secrets sit where the text format's excerpt, a syntax message or a duplicate
/// member's pointer would show them: `(name, text, secrets)`.
fn secret_documents() -> Vec<(&'static str, String, Vec<&'static str>)> {
    let long = format!("SECRET-LONG-{}", "7".repeat(200));
    vec![
        (
            "unknown-name-in-excerpt.json",
            "{\"payload\":\"a\",\"response_code\":\"0\",\"SECRET-NAME-4111\":1,\"response_message\":\"b\"}"
                .to_owned(),
            vec!["SECRET-NAME-4111"],
        ),
        (
            "malformed-name.json",
            "{\"payload\": \"x\", \"SECRET-MALFORMED-4222\": : }".to_owned(),
            vec!["SECRET-MALFORMED-4222"],
        ),
        (
            "bare-text.json",
            "{\"payload\": SECRETÜNICODE-4333 }".to_owned(),
            vec!["SECRETÜNICODE", "4333"],
        ),
        (
            "found-char.json",
            "{\"payload\": ☃}".to_owned(),
            vec!["☃"],
        ),
        (
            "lone-surrogate.json",
            "{\"payload\": \"\\uD83D\", \"response_code\": 0, \"response_message\": \"b\"}".to_owned(),
            vec!["D83D"],
        ),
        (
            "duplicate-unknown.json",
            "{\"payload\":\"a\",\"response_code\":0,\"response_message\":\"b\",\"SECRET-DUP-4444\":1,\"SECRET-DUP-4444\":2}"
                .to_owned(),
            vec!["SECRET-DUP-4444"],
        ),
        (
            "numbers-and-words.json",
            "{\"response_code\": \"x\", \"response_message\": 98765432109876, \"payload\": SECRETWORD}"
                .to_owned(),
            vec!["98765432109876", "SECRETWORD"],
        ),
        (
            "single-quotes.json",
            "{'SECRET-SQ-4555': 1, \"payload\": \"a\"}".to_owned(),
            vec!["SECRET-SQ-4555"],
        ),
        (
            "window-inside-a-string.json",
            format!("{{\"payload\": \"{long}\", \"response_code\": \"0\", \"response_message\": \"b\"}}"),
            // The window around the finding starts inside the long value.
            vec!["7777777777"],
        ),
        (
            "nested-unknown.json",
            "{\"x\": {\"SECRET-NESTED-4666\": \"SECRET-NESTED-VALUE\"}, \"response_code\": \"0\"}"
                .to_owned(),
            vec!["SECRET-NESTED-4666", "SECRET-NESTED-VALUE"],
        ),
    ]
}

#[test]
fn redact_masks_every_value_in_every_format_and_entry_point() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let documents = secret_documents();
    for (name, text, _) in &documents {
        write(d, name, text);
    }
    for format in FORMATS {
        for (name, text, secrets) in &documents {
            for entry in ["file", "stdin"] {
                let file = OsString::from(if entry == "file" { *name } else { "-" });
                let base = os(&[
                    "--format",
                    format,
                    "--kind",
                    "api-response",
                    "--warn",
                    "all",
                ]);
                let mut args = base.clone();
                args.push(file.clone());
                let plain = run_guarded(d, &args, Some(text.as_bytes()));
                args.push(OsString::from("--redact"));
                let redacted = run_guarded(d, &args, Some(text.as_bytes()));
                let context = format!("--format {format} {name} from {entry}");
                assert_eq!(plain.status, redacted.status, "{context}");
                assert_eq!(
                    plain.stdout.lines().count(),
                    redacted.stdout.lines().count(),
                    "redaction hides values, not findings: {context}"
                );
                if format == "text" {
                    // The plain excerpt shows every secret, so the check below can fail.
                    for secret in secrets {
                        assert!(
                            plain.stdout.contains(secret),
                            "{context}: {secret}\n{}",
                            plain.stdout
                        );
                    }
                }
                for secret in secrets {
                    for (stream, out) in
                        [("stdout", &redacted.stdout), ("stderr", &redacted.stderr)]
                    {
                        assert!(
                            !out.contains(secret),
                            "{context}: {stream} leaks {secret}:\n{out}"
                        );
                    }
                }
            }
        }
    }
}

/// In a document received from the platform an unknown member is the `received-unknown-member` rule's
/// finding, whose message masks the member's name: its excerpt masks the name where the finding points,
/// as an `additionalProperties` finding's does, even a name the schema declares elsewhere (`city`).
#[test]
fn a_received_unknown_members_name_is_masked_under_its_own_finding() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fixture =
        fs::read_to_string(common::shared_fixtures().join("docs/payment-response.json")).unwrap();
    let text = fixture.replacen('{', "{\"city\": 1, \"4111\": 2,", 1);
    write(d, "received.json", &text);
    let run = run_format(
        d,
        "text",
        &["--no-config", "--redact", "--kind", "payment-response"],
        &[OsString::from("received.json")],
    );
    assert_eq!(run.status, 1, "{}", run.stdout);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let excerpts: Vec<[&str; 2]> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.ends_with("[received-unknown-member]"))
        .map(|(at, _)| [lines[at + 1], lines[at + 2]])
        .collect();
    assert_eq!(
        excerpts,
        [
            [
                "   1 | {[redacted]: [redacted], [redacted]: [redacted],",
                "     |  ^"
            ],
            // `4111`'s finding: `city`, a name the schema declares, is not the member it points at.
            [
                "   1 | {\"city\": [redacted], [redacted]: [redacted],",
                "     |                      ^"
            ],
        ],
        "{}",
        run.stdout
    );
}

// 10. A report that cannot be written.

#[cfg(target_os = "linux")]
#[test]
fn a_report_that_cannot_be_written_is_status_2_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "doc.json", VALID);
    let mut cases: Vec<Vec<&str>> = FORMATS
        .iter()
        .map(|format| vec!["--format", format, "doc.json"])
        .collect();
    cases.push(vec!["--list-rules"]);
    cases.push(vec!["--list-rules", "--format", "json"]);
    cases.push(vec!["--help"]);
    for args in cases {
        let full = fs::File::create("/dev/full").unwrap();
        let mut command = command_in(d, &os(&args));
        command.stdout(full);
        let RawRun { status, stderr, .. } = wait_guarded(&mut command, None);
        let stderr = String::from_utf8(stderr).unwrap();
        assert_eq!(status, 2, "{args:?}");
        assert!(
            stderr.starts_with("error: cannot write the ")
                && stderr
                    .trim_end()
                    .ends_with("No space left on device (os error 28)"),
            "{args:?}: {stderr}"
        );
    }

    // A standard output closed before the command starts is one Rust's runtime opens on /dev/null, read
    // and write, before `main`: nothing tells it from a discarded output (Python's
    // `subprocess.DEVNULL` and Node's `'ignore'` are the same), so its status is the verdict, as with
    // `> /dev/null`.
    let closed = std::process::Command::new("sh")
        .args(["-c", "exec \"$0\" \"$@\" >&-", common::BIN, "doc.json"])
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(closed.status.code(), Some(0));
}

// Output that grows with one name: a member name of 300 kB is quoted like a found value, cut.

#[test]
fn a_long_member_name_is_cut_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let name = "n".repeat(300_000);
    let text = format!(
        "{{\"payload\": \"a\", \"response_code\": 0, \"response_message\": \"b\", \"{name}\": 1}}"
    );
    write(d, "long-name.json", &text);
    for format in FORMATS {
        let run = run_format(d, format, &[], &[OsString::from("long-name.json")]);
        assert_eq!(run.status, 1, "{format}");
        let cut = format!("\"{}…", "n".repeat(79));
        assert!(run.stdout.contains(&cut), "{format}");
        // The SARIF log's driver lists every rule whatever the input: its results are what grows.
        let output = if format == "sarif" {
            serde_json::to_string(&json(&run)["runs"][0]["results"]).unwrap()
        } else {
            run.stdout.clone()
        };
        assert!(
            output.len() < 2000,
            "{format}: {} bytes of output",
            output.len()
        );
    }
}

// No file silently missing: many inputs, some unreadable, on two threads.

#[cfg(unix)]
#[test]
fn many_inputs_are_each_reported_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    mkfifo(&d.join("fifo.json"));
    let mut files = Vec::new();
    for i in 0..600 {
        let name = match i % 5 {
            0 => "fifo.json".to_owned(),
            1 => format!("missing-{i}.json"),
            2 => {
                let name = format!("bad-{i}.json");
                write(d, &name, "{\"payload\": 1}");
                name
            }
            _ => {
                let name = format!("good-{i}.json");
                write(d, &name, VALID);
                name
            }
        };
        files.push(OsString::from(name));
    }
    let run = run_format(d, "json", &["--jobs", "2"], &files);
    assert_eq!(run.status, 2);
    let value = json(&run);
    let entries = value["files"].as_array().unwrap();
    assert_eq!(entries.len(), files.len());
    for (entry, file) in entries.iter().zip(&files) {
        let file = file.to_str().unwrap();
        assert_eq!(entry["file"], file);
        assert_eq!(entry["valid"], file.starts_with("good-"), "{file}");
        assert_eq!(
            entry.get("readError").is_some(),
            file == "fifo.json" || file.starts_with("missing-"),
            "{file}"
        );
    }
    assert_eq!(run.stderr.lines().count(), 240);
}

// 11. Threads the system refuses.

/// The system refuses every thread `--jobs` asks for (here each thread's stack is asked to be larger
/// than the whole address space, through Rust's `RUST_MIN_STACK`; a container's limits on processes or
/// memory refuse threads the same way): the command checks the files on its own thread and reports every
/// one, rather than panicking with no report.
#[cfg(unix)]
#[test]
fn threads_the_system_refuses_do_not_stop_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut args = os(&["--format", "json", "--jobs", "8"]);
    let mut files = Vec::new();
    for i in 0..300 {
        let name = format!("f{i:03}.json");
        write(
            d,
            &name,
            if i % 3 == 0 {
                "{\"payload\": 1}"
            } else {
                VALID
            },
        );
        files.push(name);
    }
    args.extend(files.iter().map(OsString::from));
    let mut command = common::command_in(d, &args);
    command
        .env("RUST_MIN_STACK", (1u64 << 47).to_string())
        .stdin(std::process::Stdio::null());
    let run = wait_guarded(&mut command, None);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status, 1, "{stderr}");
    assert_eq!(stderr, "");
    let value: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let entries = value["files"].as_array().unwrap();
    assert_eq!(entries.len(), files.len());
    for (i, (entry, file)) in entries.iter().zip(&files).enumerate() {
        assert_eq!(entry["file"], file.as_str());
        assert_eq!(entry["valid"], i % 3 != 0, "{file}");
    }
}

/// Taken by the tests whose one run writes tens of megabytes, so that they run one at a time.
static LARGE_RUNS: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The JSON format's report waits for its last file (`"valid"` comes first), and an untrusted pull
/// request's small files can make it large: 250 files of 1,000 unknown members each, 9 kB apiece, are
/// 48 MB of report. Past 8 MiB the entries wait in an unnamed temporary file, so the run fits an address
/// space capped at 48 MiB (`ulimit -v`, as above), which the report alone would not: the command held
/// every entry in memory and aborted there. The bytes are the same as they would be from memory.
#[cfg(target_os = "linux")]
#[test]
fn a_large_json_report_waits_for_its_end_outside_memory() {
    let dir = tempfile::tempdir().unwrap();
    let files = common::write_files_of_1000_findings(dir.path(), 250);
    let _large = LARGE_RUNS.lock().unwrap_or_else(|e| e.into_inner());
    let mut command = under_an_address_space_limit(49152);
    command
        .current_dir(dir.path())
        .args(["--no-config", "--kind", "api-response", "--format", "json"])
        .args(&files)
        .stdin(std::process::Stdio::null());
    let run = wait_guarded(&mut command, None);
    assert_eq!(String::from_utf8_lossy(&run.stderr), "");
    assert_eq!(run.status, 1);
    assert!(run.stdout.len() > 40 << 20, "{} bytes", run.stdout.len());
    let text = String::from_utf8(run.stdout).unwrap();
    assert!(
        text.starts_with("{\n  \"valid\": false,\n  \"settings\": null,\n  \"files\": [\n    {\n")
    );
    assert!(text.ends_with("\n    }\n  ]\n}\n"));
    // Every entry, whole, in the order given: the first and the last as the same run of one file shows
    // them, and every file's name in turn.
    let one = run_guarded(
        dir.path(),
        &os(&[
            "--no-config",
            "--kind",
            "api-response",
            "--format",
            "json",
            "f000.json",
        ]),
        None,
    );
    let entry_start = one.stdout.find("    {\n").unwrap();
    let entry = &one.stdout[entry_start..one.stdout.len() - "\n  ]\n}\n".len()];
    assert!(text.contains(&format!("[\n{entry},\n")));
    let last = entry.replace("f000.json", "f249.json");
    assert!(text.ends_with(&format!(",\n{last}\n  ]\n}}\n")));
    let mut from = 0;
    for file in &files {
        let at = text[from..]
            .find(&format!("\n      \"file\": \"{file}\",\n"))
            .unwrap_or_else(|| panic!("{file} in its place"));
        from += at + 1;
    }
    assert_eq!(text.matches("\n      \"file\": ").count(), files.len());
}

/// The SARIF log is written as the run goes: each file's results as soon as the files before it are
/// written, the invocation (whose `executionSuccessful` only the last file decides) at the end, and its
/// notifications meanwhile in the same spool as the json format's entries. 48 files of 1,000 unknown
/// members each are about 38 MB of log, which an address space capped at 32 MiB could not hold (the
/// run needs about 18 MiB of it). It takes the lock of the large runs, as the json format's test does,
/// so that the two do not share the cores against their hang guard.
#[cfg(target_os = "linux")]
#[test]
fn a_large_sarif_log_is_written_as_it_goes() {
    let dir = tempfile::tempdir().unwrap();
    let files = common::write_files_of_1000_findings(dir.path(), 48);
    let _large = LARGE_RUNS.lock().unwrap_or_else(|e| e.into_inner());
    let mut command = under_an_address_space_limit(32768);
    command
        .current_dir(dir.path())
        .args(["--no-config", "--kind", "api-response", "--format", "sarif"])
        .args(&files)
        .arg("missing.json")
        .stdin(std::process::Stdio::null());
    let run = wait_guarded(&mut command, None);
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        "error: cannot read missing.json: No such file or directory (os error 2)\n"
    );
    assert_eq!(run.status, 2);
    assert!(run.stdout.len() > 32 << 20, "{} bytes", run.stdout.len());
    let text = String::from_utf8(run.stdout).unwrap();
    assert_eq!(text.matches("\n          \"ruleId\": ").count(), 48 * 1000);
    let mut from = 0;
    for file in &files {
        let at = text[from..]
            .find(&format!("\"uri\": \"{file}\""))
            .unwrap_or_else(|| panic!("{file} in its place"));
        from += at + 1;
    }
    let tail = &text[text.len() - 1200..];
    assert!(
        tail.contains("\"executionSuccessful\": false,\n          \"exitCode\": 2,")
            && tail.contains(
                "\"text\": \"cannot read missing.json: No such file or directory (os error 2)\""
            )
            && tail.ends_with("\n  ]\n}\n"),
        "{tail}"
    );
}

/// The command, its arguments still to add, run by `sh` under an address space of `kib` KiB (`ulimit -v`,
/// RLIMIT_AS), its standard output and error piped.
#[cfg(target_os = "linux")]
fn under_an_address_space_limit(kib: u32) -> std::process::Command {
    let mut command = std::process::Command::new("sh");
    command
        .args([
            "-c",
            &format!("ulimit -v {kib} && exec \"$0\" \"$@\""),
            common::BIN,
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    command
}

/// The command in `dir` with `args`, under a file size limit of `blocks` (`ulimit -f`, in POSIX's 512-byte
/// blocks, as dash and bash as `sh` count them), its standard output a file there when `to` names one, else
/// a pipe.
#[cfg(target_os = "linux")]
fn under_a_file_size_limit(dir: &Path, blocks: u32, to: Option<&str>, args: &[String]) -> RawRun {
    let script = match to {
        Some(_) => format!("ulimit -f {blocks} && exec \"$0\" \"$@\" > \"$OUT\""),
        None => format!("ulimit -f {blocks} && exec \"$0\" \"$@\""),
    };
    let mut command = std::process::Command::new("sh");
    command
        .current_dir(dir)
        .env("TMPDIR", dir)
        .env("OUT", to.unwrap_or(""))
        .args(["-c", &script, common::BIN])
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    wait_guarded(&mut command, None)
}

/// The JSON report's temporary file cannot hold its entries (a full disk, here a file size limit, which
/// a disk filling up mid-run gives as `ENOSPC` where the limit gives `EFBIG`): they go back to memory and
/// the report is whole, the same bytes as without the limit. The command was killed by SIGXFSZ (status
/// 153 in a shell, no word on standard error) and, on a full disk, gave up with status 2 and "cannot write
/// the report: No space left on device" though its standard output was fine.
#[cfg(target_os = "linux")]
#[test]
fn a_json_report_whose_temporary_file_cannot_be_written_is_whole() {
    let _large = LARGE_RUNS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    // 60 files of 1,000 findings: 11 MB of report, past the 8 MiB held in memory, so that its entries
    // go to a temporary file.
    let files = common::write_files_of_1000_findings(dir.path(), 60);
    let mut args: Vec<String> = ["--no-config", "--kind", "api-response", "--format", "json"]
        .map(String::from)
        .to_vec();
    args.extend(files.iter().cloned());
    let free = wait_guarded(
        &mut command_in(
            dir.path(),
            &os(&args.iter().map(String::as_str).collect::<Vec<_>>()),
        ),
        None,
    );
    assert_eq!(free.status, 1);
    assert!(free.stdout.len() > 10 << 20, "{} bytes", free.stdout.len());
    // 1 MiB: the file takes none of the entries; 9.5 MiB: it takes the first 8 MiB and more, then no
    // more, and what it holds is read back.
    for blocks in [2048, 19456] {
        let limited = under_a_file_size_limit(dir.path(), blocks, None, &args);
        assert_eq!(String::from_utf8_lossy(&limited.stderr), "", "{blocks}");
        assert_eq!(limited.status, 1, "{blocks}");
        assert!(limited.stdout == free.stdout, "{blocks}: the same report");
    }
}

/// A report redirected to a file that would pass the file size limit (`ulimit -f`) is one that cannot be
/// written: status 2 and the reason, in every format. The command was killed by SIGXFSZ, with no word.
#[cfg(target_os = "linux")]
#[test]
fn a_report_past_the_file_size_limit_is_status_2_with_a_reason() {
    let _large = LARGE_RUNS.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    // 60 files of 1,000 findings: 11 MB of report, past the 8 MiB held in memory, so that its entries
    // go to a temporary file.
    let files = common::write_files_of_1000_findings(dir.path(), 60);
    for format in FORMATS {
        let mut args: Vec<String> = ["--no-config", "--kind", "api-response", "--format", format]
            .map(String::from)
            .to_vec();
        args.extend(files.iter().cloned());
        let run = under_a_file_size_limit(dir.path(), 2048, Some("report.out"), &args);
        assert_eq!(
            String::from_utf8_lossy(&run.stderr),
            "error: cannot write the report: File too large (os error 27)\n",
            "{format}"
        );
        assert_eq!(run.status, 2, "{format}");
    }
}

// 12. Standard input that never ends, under `--max-size`.

/// `/dev/zero` on standard input, an input that never ends: with `--max-size 8M` the command refuses it
/// once one byte past the limit is in, names the limit, and exits with status 2, holding little more
/// than the limit. The bound on memory is the process's address space, capped at 64 MiB by `sh` before
/// it runs the command (`ulimit -v`, RLIMIT_AS, which bounds the resident peak too): an allocation past it
/// fails, and the read then says `out of memory` instead, as the same run does without the flag, its
/// 1 GiB default being more than the cap lets it hold.
#[cfg(target_os = "linux")]
#[test]
fn endless_standard_input_is_refused_at_max_size_in_bounded_memory() {
    let capped = |args: &[&str]| {
        let mut command = under_an_address_space_limit(65536);
        command
            .args(["--no-config"])
            .args(args)
            .stdin(fs::File::open("/dev/zero").unwrap());
        text_run(&mut command)
    };
    let summary = "1 file checked: 0 valid, 0 invalid, 1 unreadable; 0 errors, 0 warnings; no settings file\n";
    for args in [&["--max-size", "8M"][..], &["--max-size", "8M", "-"]] {
        assert_eq!(
            capped(args),
            (
                2,
                summary.to_owned(),
                "error: cannot read <stdin>: larger than 8388608 bytes, the most the command reads\n"
                    .to_owned()
            ),
            "{args:?}"
        );
    }
    let json = capped(&["--max-size", "8M", "--format", "json"]);
    assert_eq!(json.0, 2);
    let value: serde_json::Value = serde_json::from_str(&json.1).unwrap();
    assert_eq!(
        value["files"][0]["readError"],
        "cannot read <stdin>: larger than 8388608 bytes, the most the command reads"
    );
    // The cap is tight enough to catch a read the limit did not stop.
    assert_eq!(
        capped(&[]),
        (
            2,
            summary.to_owned(),
            "error: cannot read <stdin>: out of memory\n".to_owned()
        )
    );
}

/// Standard input that comes non-blocking (`O_NONBLOCK` on the pipe, as an event loop's child inherits
/// it) and whose document arrives late, in two parts, is waited for and checked, rather than failing with
/// `EAGAIN` at the first read that finds the pipe empty. The flag is the pipe's, shared with the test,
/// and the command leaves it set.
#[cfg(unix)]
#[test]
fn non_blocking_standard_input_is_waited_for() {
    use std::io::Write;
    use std::time::Duration;
    let dir = tempfile::tempdir().unwrap();
    let (reader, mut writer) = std::io::pipe().unwrap();
    rustix::fs::fcntl_setfl(&reader, rustix::fs::OFlags::NONBLOCK).unwrap();
    let mut command = command_in(dir.path(), &os(&["--no-config", "--format", "json"]));
    command.stdin(reader.try_clone().unwrap());
    let late = std::thread::spawn(move || {
        let (first, second) = VALID.split_at(10);
        std::thread::sleep(Duration::from_millis(300));
        writer.write_all(first.as_bytes()).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        writer.write_all(second.as_bytes()).unwrap();
    });
    let run = wait_guarded(&mut command, None);
    late.join().unwrap();
    assert_eq!(String::from_utf8_lossy(&run.stderr), "");
    assert_eq!(run.status, 0);
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["files"][0]["file"], "<stdin>");
    assert_eq!(report["files"][0]["valid"], true);
    assert!(
        rustix::fs::fcntl_getfl(&reader)
            .unwrap()
            .contains(rustix::fs::OFlags::NONBLOCK)
    );
}

/// Standard output that comes non-blocking (`O_NONBLOCK` on the pipe: the flag is the open file's, which
/// a parent's event loop or a program before on the same terminal may have set) and whose reader is slow
/// is waited for, in every format and for `--list-rules`: the report is whole, the same bytes as through a
/// blocking pipe. The command failed with "cannot write the report: Resource temporarily unavailable
/// (os error 11)", status 2, as soon as the pipe was full. The flag is left set.
#[cfg(target_os = "linux")]
#[test]
fn non_blocking_standard_output_is_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    // 60 files of 1,000 findings: 11 MB of report, past the 8 MiB held in memory, so that its entries
    // go to a temporary file.
    let files = common::write_files_of_1000_findings(dir.path(), 60);
    let mut cases: Vec<Vec<&str>> = FORMATS
        .iter()
        .map(|format| {
            let mut args = vec!["--no-config", "--kind", "api-response", "--format", format];
            args.extend(files[..3].iter().map(String::as_str));
            args
        })
        .collect();
    cases.push(vec!["--no-config", "--list-rules", "--format", "json"]);
    for args in cases {
        let blocking = wait_guarded(&mut command_in(dir.path(), &os(&args)), None);
        let (run, stdout, flags) =
            into_a_slow_non_blocking_pipe(command_in(dir.path(), &os(&args)), Stream::Stdout);
        assert_eq!(String::from_utf8_lossy(&run.stderr), "", "{args:?}");
        assert_eq!(run.status, blocking.status, "{args:?}");
        assert!(stdout == blocking.stdout, "{args:?}: the same bytes");
        assert!(stdout.len() > 8192, "{args:?}");
        assert!(flags.contains(rustix::fs::OFlags::NONBLOCK));
    }
}

/// Which of the command's outputs a test sends into a pipe of its own.
#[cfg(target_os = "linux")]
enum Stream {
    Stdout,
    Stderr,
}

/// Runs `command` with its `stream` a non-blocking pipe that holds at most a page and whose reader waits
/// 300 ms before it reads: the run (its other output captured), the bytes the pipe carried, and the
/// pipe's flags after the run (the command must leave `O_NONBLOCK` set: others share the open file).
#[cfg(target_os = "linux")]
fn into_a_slow_non_blocking_pipe(
    mut command: std::process::Command,
    stream: Stream,
) -> (RawRun, Vec<u8>, rustix::fs::OFlags) {
    use std::io::Read;
    let (mut reader, writer) = std::io::pipe().unwrap();
    // At most a page in the pipe: the list of rules fills it too.
    rustix::pipe::fcntl_setpipe_size(&writer, 4096).unwrap();
    rustix::fs::fcntl_setfl(&writer, rustix::fs::OFlags::NONBLOCK).unwrap();
    match stream {
        Stream::Stdout => command.stdout(writer.try_clone().unwrap()),
        Stream::Stderr => command.stderr(writer.try_clone().unwrap()),
    };
    let slow = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).unwrap();
        bytes
    });
    let run = wait_guarded(&mut command, None);
    let flags = rustix::fs::fcntl_getfl(&writer).unwrap();
    // The reader's end of the file comes once every writer's end is closed: the test's, the command's.
    drop((writer, command));
    (run, slow.join().unwrap(), flags)
}

/// Standard error that comes non-blocking, and whose reader is slow, gets every read error whole: 500
/// files that cannot be read are 500 lines naming them, the same bytes as through a blocking pipe. The
/// command's standard error kept the first 52 lines, the last cut short ("error: error: "), and lost the
/// other files' names, which in the text format appear nowhere else.
#[cfg(target_os = "linux")]
#[test]
fn non_blocking_standard_error_gets_every_read_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["--no-config".to_owned()];
    args.extend((0..500).map(|i| format!("missing-{i:03}.json")));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let blocking = wait_guarded(&mut command_in(dir.path(), &os(&args)), None);
    assert_eq!(blocking.stderr.split(|&b| b == b'\n').count(), 501);
    let (run, stderr, _) =
        into_a_slow_non_blocking_pipe(command_in(dir.path(), &os(&args)), Stream::Stderr);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, blocking.stdout);
    assert_eq!(
        String::from_utf8_lossy(&stderr),
        String::from_utf8_lossy(&blocking.stderr)
    );
}

/// Standard input is read up to one byte past `--max-size` and not a byte further, even from a file
/// whose rest a script's next command may read: the command and the test share the open file, whose
/// offset says how much the command took.
#[cfg(unix)]
#[test]
fn standard_input_is_not_read_past_one_byte_beyond_max_size() {
    use std::io::Seek;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zeros");
    fs::write(&path, vec![b' '; 3 << 20]).unwrap();
    for (max_size, read) in [("1M", (1 << 20) + 1), ("1000", 1001), ("1", 2)] {
        let mut shared = fs::File::open(&path).unwrap();
        let mut command = command_in(dir.path(), &os(&["--no-config", "--max-size", max_size]));
        command.stdin(shared.try_clone().unwrap());
        let run = wait_guarded(&mut command, None);
        assert_eq!(run.status, 2, "{max_size}");
        assert_eq!(
            String::from_utf8(run.stderr).unwrap(),
            format!(
                "error: cannot read <stdin>: larger than {} bytes, the most the command reads\n",
                read - 1
            )
        );
        assert_eq!(shared.stream_position().unwrap(), read, "{max_size}");
    }
}

/// Runs `command` guarded against a hang, with no standard input written: its status, and its standard
/// output and error as text.
fn text_run(command: &mut std::process::Command) -> (i32, String, String) {
    let run = wait_guarded(command, None);
    (
        run.status,
        String::from_utf8(run.stdout).unwrap(),
        String::from_utf8(run.stderr).unwrap(),
    )
}
