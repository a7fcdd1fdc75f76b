//! The API over HTTP, against the built binary: every route and status, and the same findings as the
//! command for every fixture.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{Server, get, post, post_with, root};
use serde_json::Value;

/// Every fixture document of the repository.
fn fixtures() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in std::fs::read_dir(root().join("tests/fixtures")).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "json") {
                files.push(file);
            }
        }
    }
    files.sort();
    assert!(files.len() > 50, "{} fixtures", files.len());
    files
}

/// The built `bc-invoice-validate` beside this binary, built if a narrow test run did not build it.
fn command() -> PathBuf {
    let server = PathBuf::from(env!("CARGO_BIN_EXE_bc-invoice-server"));
    let path = server.with_file_name(format!(
        "bc-invoice-validate{}",
        std::env::consts::EXE_SUFFIX
    ));
    if !path.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--quiet", "--bin", "bc-invoice-validate"])
            .current_dir(root())
            .status()
            .unwrap();
        assert!(status.success());
    }
    path
}

/// The command's `--format json` entries for these files, less `file`.
fn command_entries(files: &[PathBuf], flags: &[&str]) -> Vec<Value> {
    let output = Command::new(command())
        .args(["--format", "json", "--no-config", "--jobs", "1"])
        .args(flags)
        .args(files)
        .output()
        .unwrap();
    assert!(output.status.code().is_some_and(|c| c <= 1), "{output:?}");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let mut entry = entry.clone();
            entry.as_object_mut().unwrap().remove("file");
            entry
        })
        .collect()
}

#[test]
fn fixtures_give_the_commands_findings() {
    let server = Server::start(&[]);
    let files = fixtures();
    let settings: [(&str, &[&str]); 3] = [
        ("", &[]),
        ("?redact=true&strict=true", &["--redact", "--strict"]),
        (
            "?deny=all&allow=timestamp-plausible&warn=gstin-checksum",
            &[
                "--deny",
                "all",
                "--allow",
                "timestamp-plausible",
                "--warn",
                "gstin-checksum",
            ],
        ),
    ];
    for (query, flags) in settings {
        let expected = command_entries(&files, flags);
        for (file, expected) in files.iter().zip(&expected) {
            let bytes = std::fs::read(file).unwrap();
            let answer = post(&server.url(&format!("/v1/validate{query}")), &bytes);
            assert_eq!(answer.status, 200, "{}", file.display());
            assert_eq!(answer.content_type, "application/json");
            assert_eq!(&answer.json(), expected, "{} {query}", file.display());
        }
    }
    // With the kind given, as `--kind`.
    let file = root().join("tests/fixtures/docs/confirm-invoice.json");
    let expected = command_entries(std::slice::from_ref(&file), &["--kind", "create-invoice"]);
    let answer = post(
        &server.url("/v1/validate/create-invoice"),
        &std::fs::read(&file).unwrap(),
    );
    assert_eq!(answer.json(), expected[0]);
    assert_eq!(answer.json()["detected"], false);
}

/// A validator for one schema of the service's OpenAPI description, its references resolved inside it.
fn described(name: &str) -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(root().join("crates/bc-invoice-server/openapi.json")).unwrap();
    let openapi: Value =
        serde_json::from_str(&text.replace("#/components/schemas/", "#/$defs/")).unwrap();
    let schema = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": openapi["components"]["schemas"],
        "$ref": format!("#/$defs/{name}"),
    });
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn answers_are_what_the_description_says() {
    let server = Server::start(&[]);
    let report = described("Report");
    for file in fixtures() {
        let body = post(
            &server.url("/v1/validate?redact=true"),
            &std::fs::read(&file).unwrap(),
        )
        .json();
        assert!(report.is_valid(&body), "{}: {body}", file.display());
    }
    // The schema is not vacuous: a report without its verdict is not one.
    assert!(!report.is_valid(&serde_json::json!({"kind": null, "detected": false, "errors": [], "warnings": [], "omitted": 0})));
    let problem = described("Problem");
    for path in [
        "/v1/validate/nope",
        "/v1/validate?deny=nope",
        "/v1/validate?x=1",
    ] {
        assert!(
            problem.is_valid(&post(&server.url(path), b"{}").json()),
            "{path}"
        );
    }
    assert!(problem.is_valid(&get(&server.url("/nowhere")).json()));
    let kinds = get(&server.url("/v1/kinds")).json();
    let kind = described("Kind");
    assert!(kinds.as_array().unwrap().iter().all(|k| kind.is_valid(k)));
    let rules = get(&server.url("/v1/rules")).json();
    let rule = described("Rule");
    assert!(rules.as_array().unwrap().iter().all(|r| rule.is_valid(r)));
}

#[test]
fn the_documentations_confirm_example() {
    let server = Server::start(&[]);
    let bytes = std::fs::read(root().join("tests/fixtures/docs/confirm-invoice.json")).unwrap();
    let report = post(&server.url("/v1/validate"), &bytes).json();
    assert_eq!(report["kind"], "confirm-invoice");
    assert_eq!(report["valid"], false);
    let error = &report["errors"][0];
    assert_eq!(error["instanceLocation"], "/invoiceConfirmation/objectId");
    assert_eq!(error["keyword"], "pattern");
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(13), Some(21))
    );
}

#[test]
fn any_bytes_are_a_report() {
    let server = Server::start(&[]);
    for body in [&b"{\"a\": "[..], b"\xff\xfe{}", b"", b"[1, 2", b"{\"a\" 1}"] {
        let answer = post(&server.url("/v1/validate"), body);
        assert_eq!(answer.status, 200, "{body:?}");
        let report = answer.json();
        assert_eq!(report["valid"], false, "{body:?}");
        assert_eq!(report["errors"][0]["keyword"], "syntax", "{body:?}");
    }
    // The Content-Type is not consulted: `curl --data-binary @file` sends a form's type.
    let bytes = std::fs::read(root().join("tests/fixtures/docs/confirm-invoice.json")).unwrap();
    let json = post(&server.url("/v1/validate"), &bytes).body;
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/octet-stream",
    ] {
        let answer = post_with(
            &server.url("/v1/validate"),
            &[("content-type", content_type)],
            &bytes,
        );
        assert_eq!(
            (answer.status, &answer.body),
            (200, &json),
            "{content_type}"
        );
    }
}

#[test]
fn bad_requests_are_problems_naming_the_parameter() {
    let server = Server::start(&[]);
    let cases = [
        (
            "/v1/validate/invoice",
            "kind",
            "invoice",
            "unknown document kind \"invoice\"",
        ),
        (
            "/v1/validate?deny=gstin-checksums",
            "deny",
            "gstin-checksums",
            "unknown rule \"gstin-checksums\"; did you mean \"gstin-checksum\"? The rules are gstin-format, ",
        ),
        (
            "/v1/validate?warn=x&deny=all",
            "warn",
            "x",
            "unknown rule \"x\"",
        ),
        (
            "/v1/validate/create-invoice?allow=nope",
            "allow",
            "nope",
            "unknown rule \"nope\"",
        ),
        (
            "/v1/validate?strict=yes",
            "strict",
            "yes",
            "strict takes true or false",
        ),
        (
            "/v1/validate?format=text",
            "format",
            "text",
            "unknown query parameter \"format\"",
        ),
    ];
    for (path, parameter, value, detail) in cases {
        let answer = post(&server.url(path), b"{}");
        assert_eq!(answer.status, 400, "{path}");
        assert_eq!(answer.content_type, "application/problem+json", "{path}");
        let problem = answer.json();
        assert_eq!(problem["status"], 400);
        assert_eq!(problem["title"], "Bad Request");
        assert_eq!(problem["parameter"], parameter, "{path}");
        assert_eq!(problem["value"], value, "{path}");
        assert!(
            problem["detail"].as_str().unwrap().starts_with(detail),
            "{path}: {problem}"
        );
    }
    // A kind that is not UTF-8 once percent-decoded is a problem too, not the router's plain text.
    for path in ["/v1/validate/%FF", "/v1/validate/%C3%28"] {
        let answer = post(&server.url(path), b"{}");
        assert_eq!(answer.status, 400, "{path}");
        assert_eq!(answer.content_type, "application/problem+json", "{path}");
        let problem = answer.json();
        assert_eq!(problem["status"], 400, "{path}");
        assert_eq!(
            problem["detail"], "the kind is not UTF-8 once percent-decoded",
            "{path}"
        );
        assert_eq!(problem["parameter"], "kind", "{path}");
        assert_eq!(problem["value"], path["/v1/validate/".len()..], "{path}");
    }
    let answer = get(&server.url("/v1/rules?deny=nope"));
    assert_eq!(
        (answer.status, answer.json()["parameter"].clone()),
        (400, "deny".into())
    );
    let answer = get(&server.url("/v1/rules?strict=true"));
    assert_eq!(answer.status, 400);
}

#[test]
fn not_found_and_method_not_allowed() {
    let server = Server::start(&[]);
    let answer = get(&server.url("/v2/validate"));
    assert_eq!(
        (answer.status, answer.content_type.as_str()),
        (404, "application/problem+json")
    );
    assert_eq!(answer.json()["status"], 404);
    // The floor route is off unless asked for.
    assert_eq!(post(&server.url("/internal/floor"), b"{}").status, 404);
    assert_eq!(post(&server.url("/internal/floor/read"), b"{}").status, 404);
    let answer = get(&server.url("/v1/validate"));
    assert_eq!(answer.status, 405);
    assert_eq!(answer.headers["allow"], "POST");
    let answer = post(&server.url("/v1/kinds"), b"");
    assert_eq!(answer.status, 405);
    assert_eq!(answer.headers["allow"], "GET,HEAD");
}

#[test]
fn kinds_rules_health_and_the_description() {
    let server = Server::start(&[]);
    let kinds = get(&server.url("/v1/kinds")).json();
    let ids: Vec<&str> = kinds
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"create-invoice") && ids.contains(&"confirm-invoice"),
        "{ids:?}"
    );
    // Every kind, in the generated order, whatever kinds the schema adds.
    let all: Vec<&str> = bc_invoice_validate::DocumentKind::ALL
        .iter()
        .map(|kind| kind.as_str())
        .collect();
    assert_eq!(ids, all);
    for (entry, kind) in kinds
        .as_array()
        .unwrap()
        .iter()
        .zip(bc_invoice_validate::DocumentKind::ALL)
    {
        assert_eq!(entry["detectable"], kind.is_detectable(), "{kind}");
    }

    // The same list as `--list-rules --format json`, with the levels the query gives.
    for (query, flags) in [
        ("", vec![]),
        (
            "?deny=all&allow=phone",
            vec!["--deny", "all", "--allow", "phone"],
        ),
    ] {
        let output = Command::new(command())
            .args(["--list-rules", "--format", "json", "--no-config"])
            .args(&flags)
            .output()
            .unwrap();
        let expected: Value = serde_json::from_slice(&output.stdout).unwrap();
        let answer = get(&server.url(&format!("/v1/rules{query}")));
        assert_eq!((answer.status, answer.json()), (200, expected), "{query}");
    }

    assert_eq!(get(&server.url("/healthz")).body, "ok\n");
    assert_eq!(get(&server.url("/readyz")).body, "ready\n");

    let described =
        std::fs::read_to_string(root().join("crates/bc-invoice-server/openapi.json")).unwrap();
    let answer = get(&server.url("/openapi.json"));
    assert_eq!(
        (answer.status, answer.content_type.as_str()),
        (200, "application/json")
    );
    assert_eq!(answer.body, described);
    // Every described operation is served (nothing answers 404 or 405).
    let openapi: Value = serde_json::from_str(&described).unwrap();
    for (path, item) in openapi["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let url = server.url(&path.replace("{kind}", "create-invoice"));
            let answer = match method.as_str() {
                "get" => get(&url),
                "post" => post(&url, b"{}"),
                other => panic!("{other}"),
            };
            assert_eq!(answer.status, 200, "{method} {path}");
        }
    }
}

#[test]
fn the_page_is_served_with_the_kinds_rules_and_member_names_inside() {
    let server = Server::start(&[]);
    let answer = get(&server.url("/"));
    assert_eq!(
        (answer.status, answer.content_type.as_str()),
        (200, "text/html; charset=utf-8")
    );
    // Of inline code, only the page's one script and one style run, named by their hashes: no
    // 'unsafe-inline', no handler attribute, no style attribute.
    let hash_of = |open: &str, close: &str| {
        use base64::Engine;
        use sha2::{Digest, Sha256};
        assert_eq!(answer.body.matches(open).count(), 1, "{open}");
        let start = answer.body.find(open).unwrap() + open.len();
        let body = &answer.body[start..start + answer.body[start..].find(close).unwrap()];
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()))
    };
    assert_eq!(
        answer.headers["content-security-policy"].to_str().unwrap(),
        format!(
            "default-src 'none'; script-src 'sha256-{}'; style-src 'sha256-{}'; connect-src 'self'; \
             form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
            hash_of("<script>", "</script>"),
            hash_of("<style>", "</style>")
        )
    );
    assert_eq!(answer.body.matches("<script").count(), 1);
    assert_eq!(answer.body.matches("<style").count(), 1);
    let markup = &answer.body[..answer.body.find("<script>").unwrap()];
    assert!(!markup.contains(" style="));
    let handler = markup.match_indices(" on").find(|(at, _)| {
        let name: String = markup[at + 1..]
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        markup[at + 1 + name.len()..].starts_with('=')
    });
    assert_eq!(handler, None, "an inline event handler attribute");
    assert!(answer.body.contains("\"id\": \"confirm-invoice\""));
    assert!(answer.body.contains("\"id\": \"gstin-checksum\""));
    assert!(!answer.body.contains("/*DATA*/"));
    // The member names the schema declares, which the page shows unmasked with redaction on: the
    // validator's own list, whole.
    let (_, members) = answer
        .body
        .split_once("\"members\": ")
        .expect("the page has the member names");
    let members = &members[..=members.find(']').unwrap()];
    let members: Vec<String> = serde_json::from_str(members).unwrap();
    assert_eq!(members, bc_invoice_validate::declared_members());
    assert!(members.iter().any(|name| name == "objectId"));
    // Nothing is fetched from elsewhere.
    assert!(!answer.body.contains("https://") && !answer.body.contains("http://"));
}

#[test]
fn metrics_count_requests_validations_and_latency() {
    let server = Server::start(&[]);
    let confirm = std::fs::read(root().join("tests/fixtures/docs/confirm-invoice.json")).unwrap();
    let create = std::fs::read(root().join("tests/fixtures/valid/create-invoice.json")).unwrap();
    post(&server.url("/v1/validate"), &confirm);
    post(&server.url("/v1/validate"), &confirm);
    post(&server.url("/v1/validate/create-invoice"), &create);
    post(&server.url("/v1/validate/nope"), &create);
    get(&server.url("/nowhere"));
    let answer = get(&server.url("/metrics"));
    assert_eq!(answer.content_type, "text/plain; version=0.0.4");
    let text = answer.body;
    for line in [
        "bc_invoice_http_requests_total{route=\"/v1/validate\",status=\"200\"} 2",
        "bc_invoice_http_requests_total{route=\"/v1/validate/{kind}\",status=\"200\"} 1",
        "bc_invoice_http_requests_total{route=\"/v1/validate/{kind}\",status=\"400\"} 1",
        "bc_invoice_http_requests_total{route=\"unmatched\",status=\"404\"} 1",
        "bc_invoice_validations_total{kind=\"confirm-invoice\",verdict=\"invalid\"} 2",
        "bc_invoice_validations_total{kind=\"create-invoice\",verdict=\"valid\"} 1",
        "bc_invoice_http_request_duration_seconds_bucket{le=\"+Inf\"} 5",
        "bc_invoice_http_request_duration_seconds_count 5",
        "bc_invoice_http_requests_in_flight 1",
        "# TYPE bc_invoice_http_request_duration_seconds histogram",
    ] {
        assert!(text.lines().any(|l| l == line), "{line} not in\n{text}");
    }
}

#[test]
fn logs_are_json_lines_without_document_values() {
    let mut server = Server::start(&[]);
    let secret = "SECRET9820012345";
    let document = format!(
        r#"{{"invoiceStatus": {{"objectId": "{secret}", "{secret}": 1}}, "b2bIds": {{"buyerB2BId": "{secret}"}}}}"#
    );
    post(&server.url("/v1/validate"), document.as_bytes());
    post(
        &server.url(&format!("/v1/validate/{secret}")),
        document.as_bytes(),
    );
    get(&server.url(&format!("/{secret}")));
    post(
        &server.url(&format!("/v1/validate?deny={secret}")),
        document.as_bytes(),
    );
    server.signal("TERM");
    assert!(server.wait().success());
    let lines = server.logs.lock().unwrap().clone();
    assert!(
        lines.iter().all(|line| !line.contains(secret)),
        "{lines:#?}"
    );
    let log = server.log();
    let requests: Vec<&Value> = log.iter().filter(|l| l["event"] == "request").collect();
    assert_eq!(requests.len(), 4);
    let first = requests[0];
    assert_eq!(first["route"], "/v1/validate");
    assert_eq!(first["method"], "POST");
    assert_eq!(first["status"], 200);
    assert_eq!(first["verdict"], "invalid");
    assert!(first["requestId"].as_u64().is_some() && first["durationMs"].as_f64().is_some());
    assert!(first["ts"].as_str().unwrap().ends_with('Z'));
    assert_eq!(requests[1]["route"], "/v1/validate/{kind}");
    assert_eq!(requests[2]["route"], "unmatched");
    assert_eq!(log.last().unwrap()["event"], "stopped");
}

#[test]
fn the_floor_route_reads_the_body_under_the_same_limits() {
    let server = Server::start(&["--floor-route", "--body-limit", "1000"]);
    let answer = post(&server.url("/internal/floor"), &[b' '; 1000]);
    assert_eq!((answer.status, answer.body.as_str()), (200, "ok\n"));
    assert_eq!(
        post(&server.url("/internal/floor"), &[b' '; 1001]).status,
        413
    );
    assert_eq!(get(&server.url("/internal/floor")).status, 405);
    // The second floor reads the body as JSON too, and answers the same whatever the bytes are.
    for body in [&b"{\"objectId\": 1}"[..], b"{\"objectId\"", b"\xff"] {
        let answer = post(&server.url("/internal/floor/read"), body);
        assert_eq!((answer.status, answer.body.as_str()), (200, "ok\n"));
    }
    assert_eq!(
        post(&server.url("/internal/floor/read"), &[b' '; 1001]).status,
        413
    );
    assert_eq!(get(&server.url("/internal/floor/read")).status, 405);
}
