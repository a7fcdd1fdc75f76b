//! Hostile and broken input: each gives a clear finding (or a clear read error), never a panic or a hang,
//! and the other files of the run are still checked.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{errors, finding, json, run_in, shared_fixtures};

/// The error messages of the JSON output's file `index`.
fn messages(value: &serde_json::Value, index: usize) -> Vec<String> {
    value["files"][index]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["error"].as_str().unwrap().to_owned())
        .collect()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    fs::write(dir.join(name), bytes).unwrap();
    name.to_owned()
}

/// Checks one file with the rules off and the json format, timing the run.
fn timed_json_run(dir: &Path, name: &str) -> (common::Run, Duration) {
    let started = Instant::now();
    let run = run_in(dir, &["--format", "json", "--allow", "all", name], None);
    (run, started.elapsed())
}

/// A valid API response with `response_code` written as `code`.
fn response(code: &str) -> String {
    format!(
        "{{\n  \"payload\": \"SUCCESS\",\n  \"response_code\": {code},\n  \"response_message\": \"SUCCESS\"\n}}\n"
    )
}

#[test]
fn every_bad_input_is_reported_and_the_others_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("a-directory")).unwrap();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let files = [
        write(d, "empty.json", ""),
        write(d, "not-utf8.json", b"{\"payload\": \"caf\xe9\"}"),
        write(d, "bom.json", format!("\u{feff}{}", response("0"))),
        write(d, "array.json", "[{\"payload\": \"SUCCESS\"}]\n"),
        write(d, "scalar.json", "\n  \"SUCCESS\"\n"),
        write(d, "deep.json", &deep),
        write(
            d,
            "duplicate.json",
            "{\"response_code\": 0,\n \"payload\": \"a\",\n \"response_code\": 1,\n \"response_message\": \"b\"}",
        ),
        write(d, "huge-number.json", response("1e400")),
        write(d, "minus-zero.json", response("-0")),
        "a-directory".to_owned(),
        "missing.json".to_owned(),
        write(d, "good.json", response("0")),
        write(
            d,
            "truncated.json",
            "{\"payload\": \"SUCCESS\",\n \"response_code\": 0,\n",
        ),
    ];
    let mut args = vec!["--format", "json", "--allow", "all"];
    args.extend(files.iter().map(String::as_str));
    let run = run_in(d, &args, None);
    assert_eq!(run.status, 2, "unreadable files make the status 2");
    assert_eq!(
        run.stderr,
        "error: cannot read a-directory: is a directory\n\
         error: cannot read missing.json: No such file or directory (os error 2)\n"
    );
    let value = json(&run);
    let names: Vec<&str> = value["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(names, files.iter().map(String::as_str).collect::<Vec<_>>());
    // Each bad document has exactly one error: (file index, pointer, keyword, line, column, message).
    let expected = [
        (
            0,
            "",
            "syntax",
            1,
            1,
            "the text is empty: expected a JSON object",
        ),
        (
            1,
            "",
            "syntax",
            1,
            17,
            "the text is not UTF-8: JSON documents must be UTF-8 encoded",
        ),
        (
            2,
            "",
            "syntax",
            1,
            1,
            "the text starts with a UTF-8 byte-order mark, which JSON (RFC 8259) forbids: save the file \
             without it",
        ),
        (3, "", "type", 1, 1, "expected object, found array"),
        (
            4,
            "",
            "type",
            2,
            3,
            "\"SUCCESS\" is not of type object (found string)",
        ),
        (5, "", "syntax", 1, 513, "nesting deeper than 512 levels"),
        (
            6,
            "/response_code",
            "duplicateMember",
            3,
            2,
            "member \"response_code\" appears more than once (first at line 1, column 2)",
        ),
        (
            7,
            "/response_code",
            "range",
            3,
            20,
            "1e400 is out of range: beyond the 64-bit integers (i64) the typed documents use",
        ),
        (
            12,
            "",
            "syntax",
            3,
            1,
            "unexpected end of input: expected a member name in double quotes",
        ),
    ];
    for (index, pointer, keyword, line, column, message) in expected {
        let file = &files[index];
        assert_eq!(
            errors(&value, index),
            [finding(pointer, keyword, line, column)],
            "{file}"
        );
        assert_eq!(messages(&value, index), [message], "{file}");
        assert_eq!(value["files"][index]["valid"], false, "{file}");
    }
    assert_eq!(value["files"][3]["kind"], serde_json::Value::Null);

    // -0 is the integer zero: valid JSON, and a valid response code.
    assert_eq!(value["files"][8]["valid"], true);
    assert_eq!(errors(&value, 8), vec![]);

    for unreadable in [9, 10] {
        let file = &value["files"][unreadable];
        assert_eq!(file["valid"], false);
        assert_eq!(file["kind"], serde_json::Value::Null);
        assert_eq!(file["errors"], serde_json::json!([]));
    }
    assert_eq!(
        value["files"][9]["readError"],
        "cannot read a-directory: is a directory"
    );
    assert_eq!(
        value["files"][10]["readError"],
        "cannot read missing.json: No such file or directory (os error 2)"
    );

    assert_eq!(value["files"][11]["valid"], true);
    assert_eq!(value["files"][11]["kind"], "api-response");

    assert_eq!(value["valid"], false);

    // Without the unreadable files, the status is 1: malformed JSON is invalid, not a usage error.
    let readable: Vec<&str> = files
        .iter()
        .map(String::as_str)
        .filter(|f| !matches!(*f, "a-directory" | "missing.json"))
        .collect();
    let text = run_in(d, &readable, None);
    assert_eq!((text.status, text.stderr.as_str()), (1, ""));
    assert!(
        text.stdout.ends_with(
            "11 files checked: 2 valid, 9 invalid; 9 errors, 0 warnings; no settings file\n"
        ),
        "{}",
        text.stdout
    );
}

#[test]
fn the_text_format_shows_bad_input_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let files = [
        write(d, "empty.json", ""),
        write(d, "not-utf8.json", b"{\"payload\": \"caf\xe9\"}"),
        write(d, "bom.json", format!("\u{feff}{}", response("0"))),
        write(d, "escape.json", "{\"payload\": \"\u{1b}[2J\"}"),
    ];
    let mut args = vec!["--allow", "all"];
    args.extend(files.iter().map(String::as_str));
    let run = run_in(d, &args, None);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stdout,
        "empty.json:1:1: (root): the text is empty: expected a JSON object\n   \
         1 |\n     \
           | ^\n\
         not-utf8.json:1:17: (root): the text is not UTF-8: JSON documents must be UTF-8 encoded\n   \
         1 | {\"payload\": \"caf\u{fffd}\"}\n     \
           |                 ^\n\
         bom.json:1:1: (root): the text starts with a UTF-8 byte-order mark, which JSON (RFC 8259) forbids: \
         save the file without it\n   \
         1 |  {\n     \
           | ^\n\
         escape.json:1:14: (root): control character in a string: escape it (\\n, \\t, \\uXXXX)\n   \
         1 | {\"payload\": \" [2J\"}\n     \
           |              ^\n\
         4 files checked: 0 valid, 4 invalid; 4 errors, 0 warnings; no settings file\n"
    );
}

#[test]
fn a_ten_megabyte_string_is_checked_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(shared_fixtures().join("valid/confirm-invoice.accept.json"))
        .unwrap()
        .replace(
            "\"Goods received in good condition; approved for payment\"",
            &format!("\"{}\"", "x".repeat(10 << 20)),
        );
    let name = write(dir.path(), "long.json", text);
    let (run, took) = timed_json_run(dir.path(), &name);
    assert_eq!(run.status, 1);
    let value = json(&run);
    assert_eq!(
        errors(&value, 0),
        vec![finding(
            "/invoiceConfirmation/buyerRemarks",
            "pattern",
            20,
            21
        )]
    );
    assert_eq!(
        messages(&value, 0),
        [format!(
            "\"{}… does not match ^[^\\\\\"]{{1,100}}$, as \"Goods received in good condition\" does",
            "x".repeat(79)
        )]
    );
    assert!(
        run.stdout.len() < 2000,
        "the value is cut, not copied: {} bytes",
        run.stdout.len()
    );
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

/// A create-invoice document of about 200 MB: the valid fixture with its first item repeated, and the
/// last item's `hsnCode` broken so that the finding's line must be counted through the whole file.
#[test]
fn a_200_megabyte_file() {
    let fixture = fs::read_to_string(shared_fixtures().join("valid/create-invoice.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&fixture).unwrap();
    let item = serde_json::to_string_pretty(&value["invoice"]["itemLists"][0]).unwrap();
    let copies = 200_000_000 / (item.len() + 2);
    let mut items = vec![item.as_str(); copies];
    let broken = item.replacen("\"quantity\": ", "\"quantity\": \"many\", \"was\": ", 1);
    *items.last_mut().unwrap() = &broken;
    let mut document = value.clone();
    document["invoice"]["itemLists"] = serde_json::json!([]);
    let text = serde_json::to_string_pretty(&document).unwrap().replacen(
        "\"itemLists\": []",
        &format!("\"itemLists\": [\n{}\n]", items.join(",\n")),
        1,
    );
    assert!(text.len() >= 199_000_000, "{} bytes", text.len());
    let at = text.find("\"many\"").unwrap();
    let line = text[..at].matches('\n').count() as u64 + 1;
    let column = (at - text[..at].rfind('\n').unwrap()) as u64;

    let dir = tempfile::tempdir().unwrap();
    let name = write(dir.path(), "big.json", &text);
    drop(text);
    let (run, took) = timed_json_run(dir.path(), &name);
    eprintln!("checking {copies} items, 200 MB, took {took:?}");
    assert_eq!(run.status, 1, "{}", run.stderr);
    let value = json(&run);
    let last = copies - 1;
    let pointer = format!("/invoice/itemLists/{last}");
    assert_eq!(
        errors(&value, 0),
        vec![
            finding(&format!("{pointer}/quantity"), "type", line, column),
            finding(&pointer, "additionalProperties", line, column + 8),
        ]
    );
    // Generous for a debug build on a shared machine; a release build takes a fraction of this.
    assert!(took < Duration::from_secs(120), "took {took:?}");
}
