//! The `bc-invoice-validate` command, run as a user runs it: output formats (snapshots), exit codes,
//! standard input, several files, redaction, rule flags and `bc-invoice.toml`.

mod common;

use std::fs;
use std::process::{Command, Stdio};

use bc_invoice_validate::RuleId;
use bc_invoice_validate::rules::RULES;
use common::{BIN, errors, finding, findings, fixtures, json, run, run_in, shared_fixtures};

const INVALID: &str = "confirm-invoice.invalid.json";
const SECRETS: &str = "create-invoice.secrets.json";
const RULES_DOC: &str = "create-invoice.rules.json";
/// Rules other than `known-values` are off in the format snapshots, so that they show the schema's
/// findings and one rule finding, whatever rules are added later.
const ONLY_KNOWN_VALUES: [&str; 4] = ["--allow", "all", "--warn", "known-values"];

fn args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut all = ONLY_KNOWN_VALUES.to_vec();
    all.extend_from_slice(extra);
    all
}

#[test]
fn text_format() {
    let run = run(&args(&[INVALID, SECRETS]));
    assert_eq!((run.status, run.stderr.as_str()), (1, ""));
    insta::assert_snapshot!("text", run.stdout);
}

#[test]
fn text_format_redacted() {
    let run = run(&args(&["--redact", INVALID, SECRETS]));
    assert_eq!((run.status, run.stderr.as_str()), (1, ""));
    insta::assert_snapshot!("text_redacted", run.stdout);
}

#[test]
fn json_format() {
    let run = run(&args(&["--format", "json", INVALID, SECRETS]));
    assert_eq!((run.status, run.stderr.as_str()), (1, ""));
    insta::assert_snapshot!("json", run.stdout);
}

#[test]
fn github_format() {
    let run = run(&args(&["--format", "github", INVALID, SECRETS]));
    assert_eq!((run.status, run.stderr.as_str()), (1, ""));
    insta::assert_snapshot!("github", run.stdout);
}

#[test]
fn sarif_format() {
    let run = run(&args(&["--format", "sarif", INVALID, SECRETS]));
    assert_eq!((run.status, run.stderr.as_str()), (1, ""));
    insta::assert_snapshot!("sarif", run.stdout);
}

#[test]
fn sarif_format_redacted() {
    let run = run(&args(&["--format", "sarif", "--redact", INVALID, SECRETS]));
    assert_eq!((run.status, run.stderr.as_str()), (1, ""));
    // The driver's rules are the same as without --redact: only the results.
    let value = json(&run);
    insta::assert_snapshot!(
        "sarif_redacted_results",
        serde_json::to_string_pretty(&value["runs"][0]["results"]).unwrap()
    );
}

/// `(ruleId, level, message, uri, line, column, pointer)` of every result of a SARIF log; the message as a
/// viewer shows it ([`common::sarif_text`]).
fn sarif_results(
    value: &serde_json::Value,
) -> Vec<(String, String, String, String, u64, u64, String)> {
    let rules = value["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    value["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let id = r["ruleId"].as_str().unwrap().to_owned();
            // ruleIndex names the same rule as ruleId.
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], id.as_str());
            let location = &r["locations"][0];
            let physical = &location["physicalLocation"];
            let pointer = r["properties"]["instanceLocation"]
                .as_str()
                .unwrap()
                .to_owned();
            assert_eq!(
                location["logicalLocations"][0]["fullyQualifiedName"],
                pointer.as_str()
            );
            assert_eq!(r["properties"]["keyword"], id.as_str());
            (
                id,
                r["level"].as_str().unwrap().to_owned(),
                common::sarif_text(r["message"]["text"].as_str().unwrap()),
                physical["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                physical["region"]["startLine"].as_u64().unwrap(),
                physical["region"]["startColumn"].as_u64().unwrap(),
                pointer,
            )
        })
        .collect()
}

/// The same findings as the json format's, in the same order, with the same messages (redacted the same
/// way), positions and pointers; rules and keywords as the driver's rules, at the levels in effect.
#[test]
fn the_sarif_contract() {
    for redact in [&[][..], &["--redact"]] {
        let mut base = args(&[INVALID, SECRETS, RULES_DOC]);
        base.extend_from_slice(redact);
        let with = |format: &str| {
            let mut all = base.clone();
            all.extend(["--format", format]);
            run(&all)
        };
        let (sarif_run, json_run) = (with("sarif"), with("json"));
        assert_eq!((sarif_run.status, json_run.status), (1, 1));
        let sarif = json(&sarif_run);
        let report = json(&json_run);
        let mut expected = Vec::new();
        for file in report["files"].as_array().unwrap() {
            let findings: Vec<_> = ["errors", "warnings"]
                .iter()
                .flat_map(|list| {
                    file[list]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(move |f| (*list, f))
                })
                .collect();
            for (list, f) in findings {
                expected.push((
                    f["keyword"].as_str().unwrap().to_owned(),
                    if list == "errors" { "error" } else { "warning" }.to_owned(),
                    f["error"].as_str().unwrap().to_owned(),
                    file["file"].as_str().unwrap().to_owned(),
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                    f["instanceLocation"].as_str().unwrap().to_owned(),
                ));
            }
        }
        let mut got = sarif_results(&sarif);
        // SARIF lists a file's findings in document order, the json format its errors, then its
        // warnings: the same findings, compared as sorted lists of exact tuples.
        got.sort();
        expected.sort();
        assert_eq!(got, expected, "{redact:?}");
    }

    let value = json(&run(&args(&["--format", "sarif", INVALID])));
    let top: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(top, ["$schema", "runs", "version"]);
    assert_eq!(value["version"], "2.1.0");
    assert_eq!(
        value["$schema"],
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    );
    assert_eq!(value["runs"].as_array().unwrap().len(), 1);
    let run0 = &value["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let driver = &run0["tool"]["driver"];
    assert_eq!(driver["name"], "bc-invoice-validate");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        driver["informationUri"],
        "https://github.com/bc-invoice/bc-invoice"
    );
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut expected_ids: Vec<&str> = RULES.iter().map(|r| r.id.as_str()).collect();
    expected_ids.extend([
        "syntax",
        "type",
        "required",
        "additionalProperties",
        "duplicateMember",
        "pattern",
        "enum",
        "format",
        "range",
        "kind",
        "typed",
    ]);
    assert_eq!(ids, expected_ids);
    for (rule, descriptor) in RULES.iter().zip(rules) {
        assert_eq!(descriptor["shortDescription"]["text"], rule.summary);
        assert_eq!(
            descriptor["helpUri"],
            format!(
                "https://github.com/bc-invoice/bc-invoice/blob/main/docs/rules.md#rule-{}",
                rule.id
            )
        );
    }
    // Levels in effect: known-values warns, every other rule is off here, keywords are errors.
    let level = |value: &serde_json::Value, id: &str| {
        let rules = value["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        let rule = rules.iter().find(|r| r["id"] == id).unwrap();
        (
            rule["defaultConfiguration"]["level"]
                .as_str()
                .unwrap()
                .to_owned(),
            rule["defaultConfiguration"].get("enabled").cloned(),
        )
    };
    assert_eq!(level(&value, "known-values"), ("warning".to_owned(), None));
    assert_eq!(
        level(&value, "pincode"),
        ("none".to_owned(), Some(serde_json::Value::Bool(false)))
    );
    assert_eq!(level(&value, "pattern"), ("error".to_owned(), None));
    let strict = json(&run(&args(&["--format", "sarif", "--strict", INVALID])));
    assert_eq!(level(&strict, "known-values"), ("error".to_owned(), None));
    let results = sarif_results(&strict);
    assert!(results.iter().all(|r| r.1 == "error"), "{results:?}");
    assert_eq!(
        strict["runs"][0]["invocations"][0]["properties"]["strict"],
        true
    );
    let denied = json(&run(&[
        "--allow", "all", "--deny", "pincode", "--format", "sarif", INVALID,
    ]));
    assert_eq!(level(&denied, "pincode"), ("error".to_owned(), None));

    let invocation = &run0["invocations"][0];
    assert_eq!(
        invocation,
        &serde_json::json!({
            "executionSuccessful": true,
            "exitCode": 1,
            "properties": {"settings": null, "strict": false},
            "toolExecutionNotifications": []
        })
    );
}

/// Red team round 5: SARIF viewers read `[text](target)` in a plain text message as an embedded link
/// (SARIF 2.1.0 §3.11.6) and make it clickable. A value or a file name quoted in a message made one
/// (`"[Pay here](https://evil.example/pay)" is not one of …`); `\\`, `[` and `]` are escaped with a
/// backslash in every message, a result's and a notification's.
#[test]
fn sarif_messages_hold_no_embedded_link() {
    let text = fs::read_to_string(fixtures().join(INVALID))
        .unwrap()
        .replace(
            "\"MAYBE\"",
            r#""[Pay here](https://evil.example/pay) \\[x](1)""#,
        );
    let run = run_in(
        &fixtures(),
        &[
            "--allow",
            "all",
            "--format",
            "sarif",
            "-",
            "[y](https:%2F%2Fevil.example).json",
        ],
        Some(text.as_bytes()),
    );
    assert_eq!(run.status, 2);
    let value = json(&run);
    let enum_result = value["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "enum")
        .unwrap();
    assert_eq!(
        enum_result["message"]["text"],
        r#""\[Pay here\](https://evil.example/pay) \\\\\[x\](1)" is not one of ACCEPT, REJECT, RETURN"#
    );
    assert_eq!(
        value["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"],
        r"cannot read \[y\](https:%2F%2Fevil.example).json: No such file or directory (os error 2)"
    );
    // With --redact, the mask's brackets are escaped too.
    let redacted = run_in(
        &fixtures(),
        &["--allow", "all", "--format", "sarif", "--redact", "-"],
        Some(text.as_bytes()),
    );
    let value = json(&redacted);
    let messages: Vec<&str> = value["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"]["text"].as_str().unwrap())
        .collect();
    assert!(
        messages.contains(&r"\[redacted\] is not one of ACCEPT, REJECT, RETURN"),
        "{messages:?}"
    );
}

#[test]
fn sarif_exit_codes_read_errors_and_standard_input() {
    let valid = shared_fixtures().join("valid/confirm-invoice.accept.json");
    let valid = valid.to_str().unwrap();
    let ok = run(&["--allow", "all", "--format", "sarif", valid]);
    assert_eq!((ok.status, ok.stderr.as_str()), (0, ""));
    let value = json(&ok);
    assert_eq!(value["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(value["runs"][0]["invocations"][0]["exitCode"], 0);

    let text = fs::read(fixtures().join(INVALID)).unwrap();
    let mixed = run_in(
        &fixtures(),
        &[
            "--allow",
            "all",
            "--format",
            "sarif",
            "missing.json",
            "-",
            valid,
            "a dir",
        ],
        Some(&text),
    );
    assert_eq!(mixed.status, 2);
    assert_eq!(
        mixed.stderr,
        "error: cannot read missing.json: No such file or directory (os error 2)\n\
         error: cannot read a dir: No such file or directory (os error 2)\n"
    );
    let value = json(&mixed);
    let invocation = &value["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(invocation["exitCode"], 2);
    assert_eq!(
        invocation["toolExecutionNotifications"],
        serde_json::json!([
            {
                "level": "error",
                "message": {"text": "cannot read missing.json: No such file or directory (os error 2)"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": "missing.json"}}}]
            },
            {
                "level": "error",
                "message": {"text": "cannot read a dir: No such file or directory (os error 2)"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a%20dir"}}}]
            }
        ])
    );
    // The other files are still reported: standard input's findings, under its name.
    let results = sarif_results(&value);
    assert_eq!(results.len(), 6);
    assert!(results.iter().all(|r| r.3 == "%3Cstdin%3E"));
    assert_eq!(
        value["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"],
        serde_json::json!({"uri": "%3Cstdin%3E", "properties": {"stdin": true}})
    );
    // An absolute path is a file: URI.
    let absolute = json(&run(&[
        "--format",
        "sarif",
        &fixtures().join(INVALID).to_string_lossy(),
    ]));
    let uri = absolute["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("/confirm-invoice.invalid.json"),
        "{uri}"
    );

    // More findings than a report keeps: a warning notification counts the rest.
    let dir = tempfile::tempdir().unwrap();
    let members: Vec<String> = (0..1100).map(|i| format!("\"k{i}\": {i}")).collect();
    fs::write(
        dir.path().join("many.json"),
        format!("{{{}}}", members.join(", ")),
    )
    .unwrap();
    let many = run_in(
        dir.path(),
        &[
            "--no-config",
            "--kind",
            "api-response",
            "--format",
            "sarif",
            "many.json",
        ],
        None,
    );
    assert_eq!(many.status, 1);
    let value = json(&many);
    assert_eq!(value["runs"][0]["results"].as_array().unwrap().len(), 1000);
    let notifications = &value["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notifications[0]["level"], "warning");
    assert_eq!(
        notifications[0]["message"]["text"],
        "103 more findings not shown; the report keeps the first 1000"
    );
}

#[test]
fn list_rules_has_no_sarif_form() {
    let listed = run(&["--list-rules", "--format", "sarif"]);
    assert_eq!((listed.status, listed.stdout.as_str()), (2, ""));
    assert!(
        listed
            .stderr
            .starts_with("error: --list-rules has no SARIF form"),
        "{}",
        listed.stderr
    );
}

#[test]
fn the_json_contract() {
    let value = json(&run(&args(&["--format", "json", INVALID])));
    let top: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(top, ["files", "settings", "valid"]);
    assert_eq!(value["valid"], false);
    assert_eq!(value["settings"], serde_json::Value::Null);
    let file = &value["files"][0];
    let mut members: Vec<&String> = file.as_object().unwrap().keys().collect();
    members.sort();
    assert_eq!(
        members,
        [
            "detected", "errors", "file", "kind", "omitted", "valid", "warnings"
        ]
    );
    assert_eq!(file["file"], INVALID);
    assert_eq!(file["kind"], "confirm-invoice");
    assert_eq!(file["detected"], true);
    assert_eq!(file["valid"], false);
    assert_eq!(
        errors(&value, 0),
        [
            finding("/invoiceConfirmation", "required", 12, 26),
            finding("/invoiceConfirmation", "required", 12, 26),
            finding("/invoiceConfirmation/objectId", "pattern", 13, 17),
            finding(
                "/invoiceConfirmation/objectVersion/currentVersion",
                "type",
                15,
                25
            ),
            finding("/invoiceConfirmation/buyerResponse", "enum", 18, 22),
            finding("/invoiceConfirmation", "additionalProperties", 19, 5),
        ]
    );
    let enum_error = &file["errors"][4];
    assert_eq!(
        enum_error["error"],
        "\"MAYBE\" is not one of ACCEPT, REJECT, RETURN"
    );
    // Schema findings carry no `rule`; rule findings do, in the list their level puts them in.
    assert!(
        file["errors"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e.get("rule").is_none())
    );
    assert_eq!(
        findings(&value, 0, "warnings"),
        [finding(
            "/invoiceConfirmation/statusTransition/newStatus",
            "known-values",
            22,
            20
        )]
    );
    assert_eq!(file["warnings"][0]["rule"], "known-values");

    let denied = json(&run(&[
        "--allow",
        "all",
        "--deny",
        "known-values",
        "--format",
        "json",
        INVALID,
    ]));
    assert_eq!(denied["files"][0]["warnings"], serde_json::json!([]));
    assert_eq!(denied["files"][0]["errors"][6]["rule"], "known-values");
    assert_eq!(denied["files"][0]["errors"][6]["line"], 22);
}

#[test]
fn exit_codes() {
    let valid = shared_fixtures().join("valid/confirm-invoice.accept.json");
    let valid = valid.to_str().unwrap();
    let ok = run(&["--allow", "all", valid]);
    assert_eq!(
        (ok.status, ok.stdout.as_str(), ok.stderr.as_str()),
        (
            0,
            "1 file checked: 1 valid, 0 invalid; 0 errors, 0 warnings; no settings file\n",
            ""
        )
    );
    assert_eq!(run(&[INVALID]).status, 1);
    assert_eq!(run(&[valid, INVALID]).status, 1);

    let missing = run(&[valid, "missing.json", INVALID]);
    assert_eq!(missing.status, 2);
    assert_eq!(
        missing.stderr,
        "error: cannot read missing.json: No such file or directory (os error 2)\n"
    );
    assert!(
        missing
            .stdout
            .ends_with("3 files checked: 1 valid, 1 invalid, 1 unreadable; 6 errors, 1 warning; no settings file\n"),
        "{}",
        missing.stdout
    );

    let annotated = run(&["--format", "github", "missing.json"]);
    assert_eq!(
        (annotated.status, annotated.stdout.as_str()),
        (
            2,
            "::error file=missing.json::cannot read missing.json: No such file or directory (os error 2)\n\
             ::notice title=settings::no settings file\n\
             1 file checked: 0 valid, 0 invalid, 1 unreadable; 0 errors, 0 warnings; no settings file\n"
        )
    );

    let unknown_flag = run(&["--no-such-flag", valid]);
    assert_eq!(unknown_flag.status, 2);
    assert!(
        unknown_flag
            .stderr
            .starts_with("error: unexpected argument '--no-such-flag' found"),
        "{}",
        unknown_flag.stderr
    );
    assert_eq!(unknown_flag.stdout, "");

    let bad_kind = run(&["--kind", "invoice", valid]);
    assert_eq!(bad_kind.status, 2);
    let kinds: Vec<&str> = bc_invoice_validate::DocumentKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect();
    assert!(
        bad_kind.stderr.starts_with(&format!(
            "error: invalid value 'invoice' for '--kind <KIND>'\n  [possible values: {}]",
            kinds.join(", ")
        )),
        "{}",
        bad_kind.stderr
    );

    let bad_format = run(&["--format", "xml", valid]);
    assert_eq!(bad_format.status, 2);
}

#[test]
fn help_and_version() {
    let help = run(&["--help"]);
    assert_eq!((help.status, help.stderr.as_str()), (0, ""));
    assert!(
        help.stdout
            .starts_with("Checks Bharat Connect B2B invoice JSON documents")
    );
    for flag in [
        "--kind <KIND>",
        "--format <FORMAT>",
        "--strict",
        "--redact",
        "--deny <RULE>",
        "--warn <RULE>",
        "--allow <RULE>",
        "--list-rules",
        "--config <FILE>",
        "--no-config",
        "--jobs <N>",
        "--max-size <SIZE>",
        "--color <WHEN>",
        "--version",
    ] {
        assert!(help.stdout.contains(flag), "--help lacks {flag}");
    }
    assert!(
        help.stdout.contains(
            "Exit status:\n  \
         0  every file is valid (warnings allowed)\n  \
         1  at least one file is invalid; malformed JSON is invalid (keyword `syntax`)\n  \
         2  usage error, bad bc-invoice.toml, a file that cannot be read, or a report\n     \
            that cannot be written\n"
        ),
        "{}",
        help.stdout
    );
    let version = run(&["--version"]);
    assert_eq!(
        (version.status, version.stdout.as_str()),
        (
            0,
            concat!("bc-invoice-validate ", env!("CARGO_PKG_VERSION"), "\n")
        )
    );
}

#[test]
fn standard_input() {
    let text = fs::read(fixtures().join(INVALID)).unwrap();
    for args in [&["--format", "json"][..], &["--format", "json", "-"]] {
        let run = run_in(&fixtures(), args, Some(&text));
        assert_eq!(run.status, 1);
        let value = json(&run);
        assert_eq!(value["files"][0]["file"], "<stdin>");
        assert_eq!(
            errors(&value, 0)[4],
            finding("/invoiceConfirmation/buyerResponse", "enum", 18, 22)
        );
    }
    let text_run = run_in(&fixtures(), &["-", "--allow", "all"], Some(&text));
    assert!(
        text_run.stdout.starts_with(
            "<stdin>:12:26: /invoiceConfirmation: missing required member \"supplierInvoiceNumber\"\n"
        ),
        "{}",
        text_run.stdout
    );
    let twice = run_in(&fixtures(), &["-", "-"], Some(&text));
    assert_eq!(
        (twice.status, twice.stderr.as_str()),
        (2, "error: standard input (`-`) can be named only once\n")
    );
}

#[test]
fn many_files_are_reported_in_the_order_given() {
    let valid = shared_fixtures().join("valid");
    let names: Vec<String> = fs::read_dir(&valid)
        .unwrap()
        .map(|e| e.unwrap().path().to_str().unwrap().to_owned())
        .collect();
    // Interleave valid files with invalid ones, several times over, so that workers finish out of order.
    let mut order = Vec::new();
    for _ in 0..5 {
        for name in &names {
            order.push(name.as_str());
            order.push(INVALID);
        }
        order.push(SECRETS);
    }
    for jobs in ["1", "2", "4"] {
        let mut args = vec!["--format", "json", "--allow", "all", "--jobs", jobs];
        args.extend(&order);
        let run = run(&args);
        assert_eq!(run.status, 1);
        let value = json(&run);
        let files: Vec<&str> = value["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["file"].as_str().unwrap())
            .collect();
        assert_eq!(files, order, "with --jobs {jobs}");
        for (index, name) in order.iter().enumerate() {
            assert_eq!(
                value["files"][index]["valid"],
                !name.ends_with(".json") || name.contains("/valid/")
            );
        }
    }
    let mut text_args = vec!["--allow", "all", INVALID, SECRETS, INVALID];
    text_args.push("--jobs=2");
    let text = run(&text_args).stdout;
    let files: Vec<&str> = text
        .lines()
        .filter(|line| line.contains(".json:") && !line.starts_with(' '))
        .map(|line| line.split(':').next().unwrap())
        .collect();
    let mut expected = vec![INVALID; 6];
    expected.extend([SECRETS; 4]);
    expected.extend([INVALID; 6]);
    assert_eq!(files, expected);
}

#[test]
fn kind_flag_chooses_the_schema() {
    let create = shared_fixtures().join("valid/create-invoice.json");
    let value = json(&run(&[
        "--format",
        "json",
        "--allow",
        "all",
        "--kind",
        "edit-invoice",
        create.to_str().unwrap(),
    ]));
    assert_eq!(value["files"][0]["kind"], "edit-invoice");
    assert_eq!(value["files"][0]["detected"], false);
    assert_eq!(value["files"][0]["valid"], true);

    let as_response = json(&run(&[
        "--format",
        "json",
        "--kind",
        "api-response",
        INVALID,
    ]));
    assert_eq!(as_response["files"][0]["kind"], "api-response");
    assert_eq!(
        errors(&as_response, 0),
        [
            finding("", "required", 1, 1),
            finding("", "required", 1, 1),
            finding("", "required", 1, 1),
            finding("", "additionalProperties", 2, 3),
            finding("", "additionalProperties", 8, 3),
            finding("", "additionalProperties", 12, 3),
        ]
    );
}

#[test]
fn strict_makes_warnings_errors() {
    // The document's only finding is the known-values warning on newStatus.
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(shared_fixtures().join("valid/confirm-invoice.accept.json"))
        .unwrap()
        .replace("\"newStatus\": \"ACCEPTED\"", "\"newStatus\": \"ACCEPTD\"");
    fs::write(dir.path().join("doc.json"), text).unwrap();
    let lenient = run_in(dir.path(), &["doc.json"], None);
    assert_eq!(lenient.status, 0);
    assert!(
        lenient.stdout.ends_with(
            "1 file checked: 1 valid, 0 invalid; 0 errors, 1 warning; no settings file\n"
        )
    );
    let strict = run_in(dir.path(), &["--strict", "doc.json"], None);
    assert_eq!(strict.status, 1);
    assert!(
        strict.stdout.starts_with(
            "doc.json:23:20: /invoiceConfirmation/statusTransition/newStatus: \"ACCEPTD\" is not one of the known values"
        ),
        "{}",
        strict.stdout
    );
    assert!(
        strict.stdout.ends_with(
            "1 file checked: 0 valid, 1 invalid; 1 error, 0 warnings; no settings file\n"
        )
    );

    fs::write(dir.path().join("bc-invoice.toml"), "strict = true\n").unwrap();
    assert_eq!(run_in(dir.path(), &["doc.json"], None).status, 1);
    assert_eq!(
        run_in(dir.path(), &["--no-config", "doc.json"], None).status,
        0
    );
    // `--no-strict` keeps the file's other settings and overrides its strictness; the last of the two
    // flags wins.
    let no_strict = run_in(dir.path(), &["--no-strict", "doc.json"], None);
    assert_eq!(no_strict.status, 0, "{}", no_strict.stdout);
    assert!(
        no_strict.stdout.ends_with(
            "1 file checked: 1 valid, 0 invalid; 0 errors, 1 warning; settings: bc-invoice.toml\n"
        ),
        "{}",
        no_strict.stdout
    );
    assert_eq!(
        run_in(dir.path(), &["--strict", "--no-strict", "doc.json"], None).status,
        0
    );
    assert_eq!(
        run_in(dir.path(), &["--no-strict", "--strict", "doc.json"], None).status,
        1
    );
    fs::write(dir.path().join("bc-invoice.toml"), "strict = false\n").unwrap();
    assert_eq!(run_in(dir.path(), &["doc.json"], None).status, 0);
    assert_eq!(
        run_in(dir.path(), &["--strict", "doc.json"], None).status,
        1
    );
}

/// Every string or number in the document that looks like personal or account data: at least eight
/// characters with a digit or an `@` (GSTINs, phone and account numbers, e-mails, VPAs, ids).
fn sensitive_values(document: &str) -> Vec<String> {
    fn walk(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Number(n) => out.push(n.to_string()),
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(members) => members.values().for_each(|v| walk(v, out)),
            serde_json::Value::Bool(_) | serde_json::Value::Null => {}
        }
    }
    let mut all = Vec::new();
    walk(&serde_json::from_str(document).unwrap(), &mut all);
    all.retain(|s| s.len() >= 8 && s.chars().any(|c| c.is_ascii_digit() || c == '@'));
    all.sort();
    all.dedup();
    all
}

#[test]
fn redact_leaves_no_value_in_any_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    let mut secrets = Vec::new();
    for name in [INVALID, SECRETS, RULES_DOC] {
        let text = fs::read_to_string(fixtures().join(name)).unwrap();
        secrets.extend(sensitive_values(&text));
        // The same document minified: one long line holding every value, cut into windows.
        let minified =
            serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&text).unwrap())
                .unwrap();
        let one_line = format!("one-line.{name}");
        fs::write(dir.path().join(&one_line), minified).unwrap();
        fs::write(dir.path().join(name), text).unwrap();
        names.push(name.to_owned());
        names.push(one_line);
    }
    for must_show in [
        "9820012345",
        "50100234567821",
        "CANCELLED2",
        "27AAKCK4821P1ZX",
        "NNV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6",
    ] {
        assert!(
            secrets.iter().any(|s| s == must_show),
            "{must_show} is among the secrets"
        );
    }
    for format in ["text", "json", "github", "sarif"] {
        let mut args = vec!["--warn", "all", "--format", format];
        args.extend(names.iter().map(String::as_str));
        let plain = run_in(dir.path(), &args, None);
        args.push("--redact");
        let redacted = run_in(dir.path(), &args, None);
        assert_eq!((plain.status, redacted.status), (1, 1));
        // Without --redact the values are there to leak, so the check below can fail: two schema
        // errors' values and a rule finding's (known-values, a near miss of CANCELLED), which its message
        // quotes.
        for shown in ["9820012345", "50100234567821", "CANCELLED2"] {
            assert!(
                plain.stdout.contains(shown),
                "{format} shows {shown} unredacted"
            );
        }
        for secret in &secrets {
            assert!(
                !redacted.stdout.contains(secret.as_str()),
                "{format} --redact leaks {secret}:\n{}",
                redacted.stdout
            );
        }
        // The sarif format escapes a message's brackets (SARIF 2.1.0 §3.11.6), `\[redacted\]` in its
        // text, which the JSON string writes with its backslashes doubled.
        let mask = if format == "sarif" {
            r"\\[redacted\\]"
        } else {
            "[redacted]"
        };
        assert!(redacted.stdout.contains(mask), "{format}");
        // Redaction hides values, not findings.
        assert_eq!(
            plain.stdout.lines().count(),
            redacted.stdout.lines().count(),
            "{format}"
        );
    }
}

#[test]
fn list_rules_prints_every_rule_with_its_level_in_effect() {
    let expected = |level_of: &dyn Fn(&str, &str) -> String| -> String {
        let width = RULES.iter().map(|r| r.id.as_str().len()).max().unwrap();
        RULES
            .iter()
            .map(|r| {
                let level = level_of(r.id.as_str(), r.default_level.as_str());
                format!(
                    "{:width$}  {level:5}  {}\n{:width$}         tolerance: {}; source: {}\n",
                    r.id.as_str(),
                    r.summary,
                    "",
                    r.tolerance,
                    r.source
                )
            })
            .chain(["no settings file\n".to_owned()])
            .collect()
    };
    let dir = tempfile::tempdir().unwrap();
    let defaults = run_in(dir.path(), &["--list-rules"], None);
    assert_eq!((defaults.status, defaults.stderr.as_str()), (0, ""));
    assert_eq!(defaults.stdout, expected(&|_, default| default.to_owned()));

    let changed = run_in(
        dir.path(),
        &["--deny", "all", "--allow", "known-values", "--list-rules"],
        None,
    );
    assert_eq!(
        changed.stdout,
        expected(&|id, _| if id == "known-values" {
            "allow"
        } else {
            "deny"
        }
        .to_owned())
    );

    let as_json = json(&run_in(
        dir.path(),
        &["--list-rules", "--format", "json", "--deny", "known-values"],
        None,
    ));
    let list = as_json.as_array().unwrap();
    assert_eq!(list.len(), RULES.len());
    for (entry, rule) in list.iter().zip(RULES) {
        assert_eq!(entry["id"], rule.id.as_str());
        assert_eq!(entry["summary"], rule.summary);
        assert_eq!(entry["defaultLevel"], rule.default_level.as_str());
        assert_eq!(entry["tolerance"], rule.tolerance);
        assert_eq!(entry["source"], rule.source);
        let level = if rule.id == RuleId::KnownValues {
            "deny"
        } else {
            rule.default_level.as_str()
        };
        assert_eq!(entry["level"], level);
    }
}

/// `--list-rules` checks nothing: given files (a CI step that added it to its usual command), it must
/// not exit 0 as if they had been checked and found valid.
#[test]
fn list_rules_with_files_is_a_usage_error() {
    let listed = run(&["--list-rules", INVALID]);
    assert_eq!((listed.status, listed.stdout.as_str()), (2, ""));
    assert!(
        listed
            .stderr
            .starts_with("error: the argument '--list-rules' cannot be used with '[FILE]...'"),
        "{}",
        listed.stderr
    );
    assert_eq!(run(&["--list-rules", "--format", "json", "-"]).status, 2);
}

/// `-j 0` is refused with a reason a user can act on, not Rust's wording of a `NonZeroUsize`.
#[test]
fn jobs_must_be_at_least_one() {
    for (value, reason) in [
        ("0", "expected a number of files of at least 1"),
        ("two", "expected a whole number of files, at least 1"),
    ] {
        let refused = run(&["-j", value, INVALID]);
        assert_eq!(refused.status, 2);
        assert!(
            refused.stderr.starts_with(&format!(
                "error: invalid value '{value}' for '--jobs <N>': {reason}\n"
            )),
            "{}",
            refused.stderr
        );
    }
    assert_eq!(run(&["-j", "1", INVALID]).status, 1);
}

/// A valid API response of 74 bytes, for the size limit's edges.
const VALID_74: &str =
    "{\"payload\": \"SUCCESS\", \"response_code\": 0, \"response_message\": \"SUCCESS\"}\n";

/// `--max-size` is refused as `-j` is, with a reason a user can act on: zero, anything but digits and
/// one of `K`, `M`, `G`, and a size past 64 bits.
#[test]
fn max_size_must_be_a_size_of_at_least_one_byte() {
    for (value, reason) in [
        ("0", "expected a size of at least 1 byte"),
        ("0K", "expected a size of at least 1 byte"),
        (
            "64MB",
            "expected a whole number of bytes, at least 1, with an optional K, M or G (KiB, MiB, GiB), e.g. 64M",
        ),
        (
            "-1",
            "expected a whole number of bytes, at least 1, with an optional K, M or G (KiB, MiB, GiB), e.g. 64M",
        ),
        (
            "1.5G",
            "expected a whole number of bytes, at least 1, with an optional K, M or G (KiB, MiB, GiB), e.g. 64M",
        ),
        (
            "18446744073709551616",
            "expected a size of at most 18446744073709551615 bytes",
        ),
        (
            "17179869184G",
            "expected a size of at most 18446744073709551615 bytes",
        ),
    ] {
        let refused = run(&[&format!("--max-size={value}"), INVALID]);
        assert_eq!(
            (refused.status, refused.stdout.as_str(), refused.stderr),
            (
                2,
                "",
                format!(
                    "error: invalid value '{value}' for '--max-size <SIZE>': {reason}\n\n\
                     For more information, try '--help'.\n"
                )
            )
        );
    }
}

/// A file of exactly `--max-size` bytes is read, one byte more is refused before it is read, naming the
/// limit in effect; the other files are still checked, and the suffixes are binary.
#[test]
fn max_size_refuses_a_larger_file_by_the_limit_in_effect() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("valid.json"), VALID_74).unwrap();
    fs::write(d.join("invalid.json"), "{\"payload\": 1}").unwrap();
    let checked = |max_size: &str, format: &str| {
        run_in(
            d,
            &[
                "--no-config",
                "--allow",
                "all",
                "--format",
                format,
                "--max-size",
                max_size,
                "valid.json",
                "invalid.json",
            ],
            None,
        )
    };
    for under_or_at in ["75", "74"] {
        let run = checked(under_or_at, "json");
        assert_eq!((run.status, run.stderr.as_str()), (1, ""), "{under_or_at}");
        let value = json(&run);
        assert_eq!(value["files"][0]["valid"], true, "{under_or_at}");
        assert_eq!(value["files"][1]["valid"], false, "{under_or_at}");
    }
    let over = checked("73", "text");
    let refusal = "cannot read valid.json: larger than 73 bytes, the most the command reads";
    assert_eq!(over.status, 2);
    assert_eq!(over.stderr, format!("error: {refusal}\n"));
    assert!(
        over.stdout.ends_with(
            "invalid.json:1:13: /payload: 1 is not of type string (found integer)\n   \
             1 | {\"payload\": 1}\n     |             ^\n\
             2 files checked: 0 valid, 1 invalid, 1 unreadable; 3 errors, 0 warnings; no settings file\n"
        ),
        "{}",
        over.stdout
    );
    let value = json(&checked("73", "json"));
    assert_eq!(value["files"][0]["readError"], refusal);
    assert_eq!(
        errors(&value, 1),
        [
            finding("", "required", 1, 1),
            finding("", "required", 1, 1),
            finding("/payload", "type", 1, 13)
        ]
    );

    // K, M and G are 1024, 1024² and 1024³ bytes.
    fs::write(
        d.join("valid.json"),
        format!("{:1024}", VALID_74.trim_end()),
    )
    .unwrap();
    assert_eq!(checked("1K", "json").status, 1);
    assert_eq!(checked("1k", "json").status, 1);
    fs::write(
        d.join("valid.json"),
        format!("{:1025}", VALID_74.trim_end()),
    )
    .unwrap();
    let over = checked("1K", "json");
    assert_eq!(
        (over.status, over.stderr.as_str()),
        (
            2,
            "error: cannot read valid.json: larger than 1024 bytes, the most the command reads\n"
        )
    );
    assert_eq!(checked("1M", "json").status, 1);
    // Without the flag, 1 GiB.
    assert_eq!(checked("1G", "json").status, 1);
    let unlimited = run_in(d, &["--no-config", "--allow", "all", "valid.json"], None);
    assert_eq!((unlimited.status, unlimited.stderr.as_str()), (0, ""));
}

/// `max-size` in `bc-invoice.toml` sets the limit as `--max-size` does, and the flag wins over it; a bad
/// size in the file is a usage error at its line and column, in the flag's words.
#[test]
fn max_size_comes_from_the_settings_file_and_the_flag_wins() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let config = d.join("bc-invoice.toml");
    let path = config.display().to_string();
    fs::write(d.join("valid.json"), VALID_74).unwrap();
    let status_and_stderr = |args: &[&str]| {
        let mut all = args.to_vec();
        all.push("valid.json");
        let run = run_in(d, &all, None);
        (run.status, run.stderr)
    };
    let refused = |limit: u64| {
        (
            2,
            format!(
                "error: cannot read valid.json: larger than {limit} bytes, the most the command reads\n"
            ),
        )
    };
    for (setting, limit) in [("\"73\"", 73), ("73", 73), ("'1k'", 1024)] {
        fs::write(&config, format!("strict = true\nmax-size = {setting}\n")).unwrap();
        if limit < 74 {
            assert_eq!(status_and_stderr(&[]), refused(limit), "{setting}");
        } else {
            assert_eq!(status_and_stderr(&[]), (0, String::new()), "{setting}");
        }
    }
    fs::write(&config, "max-size = \"73\"\n").unwrap();
    let summary = run_in(d, &["valid.json"], None).stdout;
    assert_eq!(
        summary,
        "1 file checked: 0 valid, 0 invalid, 1 unreadable; 0 errors, 0 warnings; settings: bc-invoice.toml\n"
    );
    // The command line wins, lower or higher; --no-config drops the file's limit for the default.
    assert_eq!(status_and_stderr(&["--max-size", "74"]), (0, String::new()));
    assert_eq!(status_and_stderr(&["--max-size", "1G"]), (0, String::new()));
    assert_eq!(status_and_stderr(&["--no-config"]), (0, String::new()));
    fs::write(&config, "max-size = \"1M\"\n").unwrap();
    assert_eq!(status_and_stderr(&[]), (0, String::new()));
    assert_eq!(status_and_stderr(&["--max-size", "10"]), refused(10));
    let explicit = d.join("ci.toml");
    fs::write(&explicit, "max-size = 20\n").unwrap();
    assert_eq!(
        status_and_stderr(&["--config", explicit.to_str().unwrap()]),
        refused(20)
    );

    // A bad size: a usage error naming the file, the line and the column of the value; nothing checked.
    for (text, message) in [
        (
            "strict = false\nmax-size = \"0\"\n",
            "line 2, column 12: max-size: expected a size of at least 1 byte",
        ),
        (
            "\n  max-size = 0\n",
            "line 2, column 14: max-size: expected a size of at least 1 byte",
        ),
        (
            "max-size = \"64 MiB\"\n",
            "line 1, column 12: max-size: expected a whole number of bytes, at least 1, with an optional K, M or G (KiB, MiB, GiB), e.g. 64M",
        ),
        (
            "max-size = \"17179869184G\"\n",
            "line 1, column 12: max-size: expected a size of at most 18446744073709551615 bytes",
        ),
        (
            "max-size = 1.5\n",
            "line 1, column 12: invalid type: floating point `1.5`, expected a size such as \"64M\", or a number of bytes",
        ),
    ] {
        fs::write(&config, text).unwrap();
        let run = run_in(d, &["valid.json"], None);
        assert_eq!(
            (run.status, run.stdout.as_str(), run.stderr),
            (2, "", format!("error: {path}: {message}\n")),
            "{text}"
        );
        // The flag does not excuse a bad file: the file is read, and refused, first.
        assert_eq!(status_and_stderr(&["--max-size", "1M"]).0, 2, "{text}");
    }
}

/// A minified document from an Indian ERP puts a Devanagari name, CJK text or an emoji on the offending
/// value's line: a terminal gives a vowel sign or an anusvara no column and a CJK character or an emoji
/// two, so the caret is padded by display width, not by characters (here 41 characters, 42 columns: `मुंबई`
/// is 5 characters in 3 columns, `中文` 2 in 4, `😀` 1 in 2).
#[test]
fn the_caret_sits_under_the_value_after_wide_and_combining_characters() {
    let dir = tempfile::tempdir().unwrap();
    let doc = r#"{"invoiceConfirmation":{"buyerRemarks":"मुंबई 中文 😀","objectId":5}}"#;
    fs::write(dir.path().join("min.json"), doc).unwrap();
    let checked = run_in(
        dir.path(),
        &["--no-config", "--allow", "all", "min.json"],
        None,
    );
    let excerpt = "   1 | …{\"buyerRemarks\":\"मुंबई 中文 😀\",\"objectId\":5}}\n";
    let caret = format!("     | {}^\n", " ".repeat(42));
    let at = checked.stdout.find(excerpt).expect(&checked.stdout);
    assert!(
        checked.stdout[at + excerpt.len()..].starts_with(&caret),
        "{}",
        checked.stdout
    );
}

/// Round 12: a zero-width joiner or non-joiner inside a Malayalam, Marathi or Urdu word is shown as it is
/// in the excerpt and the message (the old code showed a space in the one and `?` in the other, breaking
/// the word), and takes no column, so the caret stays under the value: `ന്‍` (the chillu written with a
/// ZWJ, as before Unicode 5.1) is 3 characters in 1 column, `कर्‍हाड` (the eyelash RA) 7 in 5, `کاغذ‌مشی`
/// 8 in 7; with the window's `…`, `:"`, blanks and `","buyerResponse":`, 41 characters in 36 columns. A
/// joiner anywhere else is still unsafe: a space in the excerpt, `?` in the message.
#[test]
fn joiners_inside_indian_words_are_shown_and_take_no_column() {
    let dir = tempfile::tempdir().unwrap();
    let chillu = "\u{d28}\u{d4d}\u{200d}";
    let remarks =
        "\u{d28}\u{d4d}\u{200d} \u{915}\u{930}\u{94d}\u{200d}\u{939}\u{93e}\u{921} کاغذ\u{200c}مشی";
    let doc = format!(
        "{{\"invoiceConfirmation\":{{\"objectId\":\"{chillu} x\u{200c}\",\"buyerRemarks\":\"{remarks}\",\"buyerResponse\":5}}}}"
    );
    fs::write(dir.path().join("min.json"), doc).unwrap();
    let checked = run_in(
        dir.path(),
        &["--no-config", "--allow", "all", "min.json"],
        None,
    );
    let excerpt = format!("   1 | …:\"{remarks}\",\"buyerResponse\":5}}}}\n");
    let at = checked.stdout.find(&excerpt).expect(&checked.stdout);
    let caret = format!("     | {}^\n", " ".repeat(36));
    assert!(
        checked.stdout[at + excerpt.len()..].starts_with(&caret),
        "{}",
        checked.stdout
    );
    // The chillu keeps its joiner; the non-joiner after a Latin letter is `?`, and a space in the excerpt.
    assert!(
        checked
            .stdout
            .contains("\"\u{d28}\u{d4d}\u{200d} x?\" does not match"),
        "{}",
        checked.stdout
    );
    assert!(
        checked
            .stdout
            .contains("\"objectId\":\"\u{d28}\u{d4d}\u{200d} x \","),
        "{}",
        checked.stdout
    );
}

/// `--list-rules` shows `warn` for a rule whose findings a strict run makes errors: a line says the run is
/// strict, whether the flag or the settings file makes it so, before the settings line, which stays last.
#[test]
fn list_rules_says_when_warnings_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let tail = |run: &common::Run| -> Vec<String> {
        let lines: Vec<&str> = run.stdout.lines().collect();
        lines[lines.len() - 2..]
            .iter()
            .map(|l| (*l).to_owned())
            .collect()
    };
    let strict = run_in(dir.path(), &["--strict", "--list-rules"], None);
    assert_eq!(
        tail(&strict),
        ["strict: every warning is an error", "no settings file"]
    );
    fs::write(dir.path().join("bc-invoice.toml"), "strict = true\n").unwrap();
    let from_file = run_in(dir.path(), &["--list-rules"], None);
    assert_eq!(
        tail(&from_file),
        [
            "strict: every warning is an error",
            "settings: bc-invoice.toml"
        ]
    );
    let lenient = run_in(dir.path(), &["--no-config", "--list-rules"], None);
    assert!(!lenient.stdout.contains("strict"), "{}", lenient.stdout);
}

#[test]
fn config_file_is_found_upward_and_flags_win() {
    let dir = tempfile::tempdir().unwrap();
    // A repository: the search goes up to its root.
    fs::create_dir(dir.path().join(".git")).unwrap();
    let nested = dir.path().join("a/b");
    fs::create_dir_all(&nested).unwrap();
    fs::copy(fixtures().join(INVALID), nested.join("doc.json")).unwrap();
    let known_values_level = |dir: &std::path::Path, extra: &[&str]| {
        let mut args = vec!["--list-rules"];
        args.extend(extra);
        let run = run_in(dir, &args, None);
        assert_eq!((run.status, run.stderr.as_str()), (0, ""), "{extra:?}");
        let line = run
            .stdout
            .lines()
            .find(|l| l.starts_with("known-values "))
            .unwrap()
            .to_owned();
        line.split_whitespace().nth(1).unwrap().to_owned()
    };

    fs::write(
        dir.path().join("bc-invoice.toml"),
        "# project settings\n[rules]\nall = \"allow\"\nknown-values = \"deny\"\n",
    )
    .unwrap();
    assert_eq!(known_values_level(&nested, &[]), "deny");
    // A named rule in the file beats `all` in the file, whatever the order of the lines.
    let value = json(&run_in(&nested, &["--format", "json", "doc.json"], None));
    assert_eq!(value["files"][0]["errors"][6]["rule"], "known-values");
    assert_eq!(value["files"][0]["warnings"], serde_json::json!([]));
    // Flags win over the file, and apply in the order given.
    assert_eq!(
        known_values_level(&nested, &["--warn", "known-values"]),
        "warn"
    );
    assert_eq!(
        known_values_level(&nested, &["--warn", "known-values", "--allow", "all"]),
        "allow"
    );
    assert_eq!(
        known_values_level(&nested, &["--allow", "all", "--warn", "known-values"]),
        "warn"
    );
    assert_eq!(known_values_level(&nested, &["--no-config"]), "warn");

    // --config names a file explicitly, wherever it is.
    let elsewhere = tempfile::tempdir().unwrap();
    let explicit = elsewhere.path().join("ci.toml");
    fs::write(&explicit, "[rules]\nknown-values = \"allow\"\n").unwrap();
    assert_eq!(
        known_values_level(&nested, &["--config", explicit.to_str().unwrap()]),
        "allow"
    );
}

#[test]
fn a_bad_config_or_rule_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("bc-invoice.toml");
    let path = config.display().to_string();
    fs::copy(fixtures().join(INVALID), dir.path().join("doc.json")).unwrap();

    let all = RULES
        .iter()
        .map(|rule| rule.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    // An unknown rule and a bad level are placed like a TOML error: the key's line and column, the
    // value's.
    fs::write(&config, "[rules]\nno-such-rule = \"deny\"\n").unwrap();
    let run = run_in(dir.path(), &["doc.json"], None);
    assert_eq!((run.status, run.stdout.as_str()), (2, ""));
    assert_eq!(
        run.stderr,
        format!(
            "error: {path}: line 2, column 1: [rules]: unknown rule \"no-such-rule\"; the rules are \
             {all}\n"
        )
    );
    // A misspelt rule is named with the one likely meant.
    fs::write(&config, "strict = true\n\n[rules]\n  pincodes = \"deny\"\n").unwrap();
    let run = run_in(dir.path(), &["doc.json"], None);
    assert_eq!(
        (run.status, run.stderr),
        (
            2,
            format!(
                "error: {path}: line 4, column 3: [rules]: unknown rule \"pincodes\"; did you mean \"pincode\"? The rules are {all}\n"
            )
        )
    );

    fs::write(&config, "[rules]\nknown-values = \"loud\"\n").unwrap();
    let run = run_in(dir.path(), &["doc.json"], None);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (2, format!("error: {path}: line 2, column 16: [rules] known-values: unknown rule level \"loud\"; expected allow, warn or deny\n").as_str())
    );

    // One line, with the position, rather than toml's rendering that quotes the file's line raw.
    fs::write(&config, "strict = yes\n").unwrap();
    let run = run_in(dir.path(), &["doc.json"], None);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (
            2,
            format!(
                "error: {path}: line 1, column 10: string values must be quoted, expected literal string\n"
            )
            .as_str()
        )
    );

    let missing = run_in(dir.path(), &["--config", "nowhere.toml", "doc.json"], None);
    assert_eq!(missing.status, 2);
    assert_eq!(
        missing.stderr,
        "error: nowhere.toml: cannot read: No such file or directory (os error 2)\n"
    );

    let unknown_rule = run_in(
        dir.path(),
        &["--no-config", "--deny", "gstin-chksum", "doc.json"],
        None,
    );
    assert_eq!(unknown_rule.status, 2);
    assert!(
        unknown_rule.stderr.starts_with(&format!(
            "error: invalid value 'gstin-chksum' for '--deny <RULE>': unknown rule \"gstin-chksum\"; did you mean \"gstin-checksum\"? The rules are {all}\n"
        )),
        "{}",
        unknown_rule.stderr
    );
}

#[test]
fn a_closed_pipe_is_a_lost_report() {
    // Enough findings to fill any pipe buffer, so that the command writes after the reader is gone.
    let mut args = vec!["--allow".to_owned(), "all".to_owned()];
    args.extend(std::iter::repeat_n(INVALID.to_owned(), 400));
    let mut child = Command::new(BIN)
        .args(&args)
        .current_dir(fixtures())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: cannot write the report: standard output was closed before the report was written \
         (broken pipe)\n"
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = run(&["--allow", "all", INVALID]);
    assert!(!plain.stdout.contains('\u{1b}'));
    let coloured = run(&["--allow", "all", "--color", "always", INVALID]);
    assert!(coloured.stdout.starts_with(
        "\u{1b}[1mconfirm-invoice.invalid.json:12:26:\u{1b}[0m /invoiceConfirmation: missing required member"
    ), "{:?}", coloured.stdout);
    let never = run(&["--allow", "all", "--color", "never", INVALID]);
    assert_eq!(never.stdout, plain.stdout);
}

/// The fenced code blocks of a README section, as `(language, body)`.
fn code_blocks(section: &str) -> Vec<(&str, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(&str, String)> = None;
    for line in section.lines() {
        match (line.strip_prefix("```"), open.take()) {
            (Some(language), None) => open = Some((language, String::new())),
            (Some(_), Some(block)) => blocks.push(block),
            (None, Some((language, mut body))) => {
                body.push_str(line);
                body.push('\n');
                open = Some((language, body));
            }
            (None, None) => {}
        }
    }
    blocks
}

/// The README's text from `heading` to the next `## ` heading.
fn readme_section(readme: &str, heading: &str) -> String {
    let start = readme
        .find(heading)
        .unwrap_or_else(|| panic!("the README has {heading}"));
    let rest = &readme[start + heading.len()..];
    rest[..rest.find("\n## ").unwrap_or(rest.len())].to_owned()
}

/// Rewrites the outputs the README and `docs/cli.md` show: `BC_INVOICE_BLESS=1 cargo test --test cli
/// the_readme_shows_real_output`.
const BLESS_OUTPUTS: &str = "BC_INVOICE_BLESS=1 cargo test --test cli the_readme_shows_real_output";

/// Holds the output a page shows after `command` to the real one: equal, or, with `BC_INVOICE_BLESS` set,
/// written into the page in its place (the first `shown` after `command`), so that an edit of a fixture the
/// pages run (a line moved in `tests/fixtures/docs/`) is one command to carry over.
fn shown_output(root: &std::path::Path, page: &str, command: &str, shown: &str, real: &str) {
    if shown == real {
        return;
    }
    if std::env::var_os("BC_INVOICE_BLESS").is_some() {
        let path = root.join(page);
        let text = fs::read_to_string(&path).unwrap();
        let after = text.find(command).expect("the page shows the command") + command.len();
        let at = after
            + text[after..]
                .find(shown)
                .expect("the page shows the output after the command");
        let text = format!("{}{real}{}", &text[..at], &text[at + shown.len()..]);
        fs::write(&path, text).unwrap();
        return;
    }
    assert_eq!(
        real,
        shown,
        "{page}: {}: the output shown is not the command's; `{BLESS_OUTPUTS}` rewrites it",
        command.trim_end()
    );
}

#[test]
fn the_readme_shows_real_output() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();

    let setup = readme_section(&readme, "## Set up on a fresh machine");
    let blocks = code_blocks(&setup);
    let (_, quick_start) = &blocks[0];
    let args: Vec<&str> = quick_start
        .split(" -- ")
        .nth(1)
        .expect("the quick start runs the command")
        .split_whitespace()
        .collect();
    let run = run_in(root, &args, None);
    assert_eq!(run.status, 1, "README quick start: {}", run.stdout);
    shown_output(root, "README.md", quick_start, &blocks[1].1, &run.stdout);

    // Every `$ bc-invoice-validate …` example of the command's page, with its output in the same block or
    // the next one.
    let section = fs::read_to_string(root.join("docs/cli.md")).unwrap();
    let blocks = code_blocks(&section);
    let mut examples = 0;
    for (index, (_, body)) in blocks.iter().enumerate() {
        let Some(rest) = body.strip_prefix("$ bc-invoice-validate ") else {
            continue;
        };
        let (command, mut expected) = rest.split_once('\n').unwrap();
        if expected.is_empty() {
            expected = &blocks[index + 1].1;
        }
        let args: Vec<&str> = command.split_whitespace().collect();
        let run = run_in(root, &args, None);
        let shown_command = format!("$ bc-invoice-validate {command}\n");
        match expected.strip_suffix("…\n") {
            // A shortened listing: its lines are the output's first.
            Some(start) => {
                let lines = start.lines().count();
                let real: String = run.stdout.split_inclusive('\n').take(lines).collect();
                shown_output(root, "docs/cli.md", &shown_command, start, &real);
            }
            None => shown_output(root, "docs/cli.md", &shown_command, expected, &run.stdout),
        }
        examples += 1;
    }
    assert_eq!(examples, 5);
}

#[test]
fn the_settings_come_from_the_checked_repository_and_every_report_names_them() {
    // A settings file far above the repository (a shared runner's /tmp, a home directory) that would turn
    // every rule off, and a document with a misspelt status that draws a warning.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("bc-invoice.toml"),
        "[rules]\nall = \"allow\"\n",
    )
    .unwrap();
    let repo = dir.path().join("checkout");
    let deep = repo.join("invoices/2026");
    fs::create_dir_all(&deep).unwrap();
    fs::create_dir(repo.join(".git")).unwrap();
    let text = fs::read_to_string(shared_fixtures().join("valid/confirm-invoice.accept.json"))
        .unwrap()
        .replace("\"newStatus\": \"ACCEPTED\"", "\"newStatus\": \"ACCEPTD\"");
    fs::write(deep.join("doc.json"), text).unwrap();

    let above = run_in(&deep, &["doc.json"], None);
    assert_eq!(above.status, 0);
    assert!(
        above.stdout.ends_with(
            "1 file checked: 1 valid, 0 invalid; 0 errors, 1 warning; no settings file\n"
        ),
        "{}",
        above.stdout
    );

    // The repository's own settings are read from any directory in it, and named in every format.
    fs::write(repo.join("bc-invoice.toml"), "strict = true\n").unwrap();
    let text = run_in(&deep, &["doc.json"], None);
    assert_eq!(text.status, 1);
    assert!(
        text.stdout.ends_with(
            "1 file checked: 0 valid, 1 invalid; 1 error, 0 warnings; settings: ../../bc-invoice.toml\n"
        ),
        "{}",
        text.stdout
    );
    let from_root = run_in(&repo, &["invoices/2026/doc.json"], None);
    assert!(
        from_root.stdout.ends_with("; settings: bc-invoice.toml\n"),
        "{}",
        from_root.stdout
    );
    let value = json(&run_in(&deep, &["--format", "json", "doc.json"], None));
    assert_eq!(value["settings"], "../../bc-invoice.toml");
    let github = run_in(&deep, &["--format", "github", "doc.json"], None);
    let notices: Vec<&str> = github
        .stdout
        .lines()
        .filter(|line| line.starts_with("::notice title=settings::"))
        .collect();
    assert_eq!(
        notices,
        ["::notice title=settings::settings: ../../bc-invoice.toml"]
    );
    let listed = run_in(&deep, &["--list-rules"], None);
    assert!(
        listed
            .stdout
            .ends_with("\nsettings: ../../bc-invoice.toml\n"),
        "{}",
        listed.stdout
    );

    // --no-config reads none; --config reads the file named, shown as given.
    let none = run_in(&deep, &["--no-config", "doc.json"], None);
    assert_eq!(none.status, 0);
    assert!(none.stdout.ends_with("; no settings file\n"));
    fs::write(deep.join("ci.toml"), "[rules]\nknown-values = \"allow\"\n").unwrap();
    let named = run_in(&deep, &["--config", "ci.toml", "doc.json"], None);
    assert_eq!(named.status, 0);
    assert!(
        named.stdout.ends_with(
            "1 file checked: 1 valid, 0 invalid; 0 errors, 0 warnings; settings: ci.toml\n"
        ),
        "{}",
        named.stdout
    );

    // Outside any repository, the current directory alone is searched.
    fs::remove_dir(repo.join(".git")).unwrap();
    let outside = run_in(&deep, &["doc.json"], None);
    assert_eq!(outside.status, 0);
    assert!(outside.stdout.ends_with("; no settings file\n"));
}
