//! The validator library on real documents: exact pointers, keywords, lines and columns for every kind of
//! schema error, every error reported (not the first), kind detection, and hostile input.

use bc_invoice_tests::{fixture_files, fixture_kind, fixtures_dir};
use bc_invoice_validate::{
    DocumentKind, ErrorKind, Finding, JsonType, Level, Report, RuleId, Validator, validate,
};

fn text(path: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(path)).unwrap()
}

/// The 1-based line and character column of the `nth` occurrence of `needle`, counted independently of
/// the validator.
fn locate(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let at = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth}"))
        .0;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

/// Replaces the one occurrence of `from` (it must be unique) with `to`.
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} is not unique");
    text.replacen(from, to, 1)
}

fn summary(report: &Report) -> Vec<(String, &'static str, usize, usize)> {
    report
        .errors
        .iter()
        .map(|f| {
            (
                f.pointer.as_str().to_owned(),
                f.keyword(),
                f.position.line,
                f.position.column,
            )
        })
        .collect()
}

fn only_error(report: &Report) -> &Finding {
    assert_eq!(report.errors.len(), 1, "{report}");
    &report.errors[0]
}

#[test]
fn every_valid_fixture_is_valid_and_its_kind_is_detected() {
    for file in fixture_files("valid") {
        let bytes = std::fs::read(&file).unwrap();
        let kind: DocumentKind = fixture_kind(&file).parse().unwrap();
        let report = validate(Some(kind), &bytes);
        assert!(report.is_valid(), "{}: {report}", file.display());
        assert!(report.warnings.is_empty(), "{}: {report}", file.display());
        let detected = validate(None, &bytes);
        assert!(
            detected.is_valid() && detected.detected,
            "{}",
            file.display()
        );
        // Create and edit share a body; detection says create.
        let expected = if kind == DocumentKind::EditInvoice {
            DocumentKind::CreateInvoice
        } else {
            kind
        };
        assert_eq!(detected.kind, Some(expected), "{}", file.display());
    }
}

#[test]
fn the_documentation_examples_fail_at_their_placeholders_with_lines_and_columns() {
    let doc = text("docs/create-invoice.json");
    let report = validate(None, doc.as_bytes());
    let (ol, oc) = locate(&doc, "\"string\"", 3); // device.value, buyerB2BId, supplierB2BId, objectId
    let ts = locate(&doc, "\"ts\": \"string\"", 0);
    assert_eq!(
        summary(&report),
        [
            ("/invoice/objectId".to_owned(), "pattern", ol, oc),
            ("/invoice/ts".to_owned(), "pattern", ts.0, ts.1 + 6),
        ]
    );
    assert_eq!(
        report.errors[0].to_string(),
        format!(
            "/invoice/objectId: \"string\" does not match ^[INV]{{3}}[A-Za-z0-9]{{32,32}}$, as \"INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c\" does (line {ol}, column {oc})"
        )
    );
    let confirm = validate(None, text("docs/confirm-invoice.json").as_bytes());
    assert_eq!(
        summary(&confirm),
        [(
            "/invoiceConfirmation/objectId".to_owned(),
            "pattern",
            13,
            21
        )]
    );
    // The Change Invoice Status page documents no pattern, and its example is valid.
    let status = validate(None, text("docs/change-invoice-status.json").as_bytes());
    assert_eq!(status.kind, Some(DocumentKind::ChangeInvoiceStatus));
    assert!(status.is_valid() && status.warnings.is_empty(), "{status}");
}

#[test]
fn a_finding_at_the_root_shows_its_place_as_the_command_does() {
    let report = validate(Some(DocumentKind::ConfirmInvoice), b"[]");
    let error = only_error(&report);
    assert_eq!(error.pointer.as_str(), "");
    assert_eq!(
        error.to_string(),
        "(root): expected object, found array (line 1, column 1)"
    );
    assert_eq!(
        report.to_string(),
        "error: (root): expected object, found array (line 1, column 1)"
    );
}

#[test]
fn the_closed_enum_is_reported_as_documented() {
    let doc = replace_once(
        &text("valid/confirm-invoice.accept.json"),
        "\"ACCEPT\"",
        "\"MAYBE\"",
    );
    let report = validate(Some(DocumentKind::ConfirmInvoice), doc.as_bytes());
    let error = only_error(&report);
    let (line, column) = locate(&doc, "\"MAYBE\"", 0);
    assert_eq!(
        error.to_string(),
        format!(
            "/invoiceConfirmation/buyerResponse: \"MAYBE\" is not one of ACCEPT, REJECT, RETURN (line {line}, column {column})"
        )
    );
    assert!(
        matches!(&error.kind, ErrorKind::Enum { options } if options.join(",") == "ACCEPT,REJECT,RETURN")
    );
    assert_eq!(error.found.as_deref(), Some("\"MAYBE\""));
}

#[test]
fn each_documented_pattern_is_enforced_where_it_applies() {
    let create = text("valid/create-invoice.json");
    let confirm = text("valid/confirm-invoice.reject.json");
    let cases = [
        (
            &create,
            "BCB2B29AABCS7314M\",\n    \"supplierB2BId",
            "BC\\\"B\",\n    \"supplierB2BId",
            "/b2bIds/buyerB2BId",
        ),
        (
            &create,
            "\"BCB2B27AAKCK4821P\"\n",
            "\"\"\n",
            "/b2bIds/supplierB2BId",
        ),
        (
            &create,
            "INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c",
            "INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6",
            "/invoice/objectId",
        ),
        (
            &create,
            "KT/2026-27/000142",
            &"न".repeat(51),
            "/invoice/supplierInvoiceNumber",
        ),
        (
            &create,
            "2026-11-20T10:15:00+05:30",
            "20/11/2026",
            "/invoice/ts",
        ),
        (
            &confirm,
            "Rate for line 2",
            "Rate \\\\ line 2",
            "/invoiceConfirmation/buyerRemarks",
        ),
    ];
    for (doc, from, to, pointer) in cases {
        let mutated = replace_once(doc, from, to);
        let report = validate(None, mutated.as_bytes());
        let error = only_error(&report);
        assert_eq!(
            (error.pointer.as_str(), error.keyword()),
            (pointer, "pattern"),
            "{to}"
        );
        let at = mutated.find(to).unwrap();
        let value_start = if to.starts_with('"') {
            at
        } else {
            mutated[..at].rfind('"').unwrap()
        };
        let expected = locate(&mutated, &mutated[value_start..], 0);
        assert_eq!(
            (error.position.line, error.position.column),
            expected,
            "{pointer}"
        );
    }
    // 50 Devanagari letters are a valid invoice number; the pattern counts characters, not bytes.
    let fifty = replace_once(&create, "KT/2026-27/000142", &"न".repeat(50));
    assert!(validate(None, fifty.as_bytes()).is_valid());
}

#[test]
fn format_is_checked_after_the_pattern() {
    let doc = replace_once(
        &text("valid/create-invoice.json"),
        "2026-11-20T10:15:00+05:30",
        "2026-02-30T10:15:00+05:30",
    );
    let report = validate(None, doc.as_bytes());
    let error = only_error(&report);
    assert_eq!(
        (error.pointer.as_str(), error.keyword()),
        ("/invoice/ts", "format")
    );
    assert!(matches!(
        error.kind,
        ErrorKind::Format {
            format: "date-time"
        }
    ));
}

#[test]
fn a_missing_member_is_reported_at_the_object_missing_it() {
    let doc = text("valid/confirm-invoice.accept.json");
    let without = doc.replace(
        ",\n    \"buyerRemarks\": \"Goods received in good condition; approved for payment\"",
        "",
    );
    let report = validate(None, without.as_bytes());
    let error = only_error(&report);
    assert_eq!(error.pointer.as_str(), "/invoiceConfirmation");
    assert!(matches!(
        error.kind,
        ErrorKind::Required {
            member: "buyerRemarks"
        }
    ));
    assert_eq!(
        (error.position.line, error.position.column),
        locate(&without, "{\n    \"objectId\"", 0)
    );
    assert_eq!(
        error.message(false),
        "missing required member \"buyerRemarks\""
    );
}

#[test]
fn an_unknown_member_is_reported_with_a_suggestion() {
    let doc = replace_once(
        &text("valid/create-invoice.json"),
        "\"lglNm\"",
        "\"legalName\"",
    );
    let report = validate(None, doc.as_bytes());
    // The shipping section alone spells the name lglNm: legalName is unknown there, and lglNm is missing
    // (it is optional, so only the unknown member is an error).
    let error = only_error(&report);
    assert_eq!(error.pointer.as_str(), "/invoice/shippingDetails");
    assert_eq!(error.keyword(), "additionalProperties");
    assert_eq!(
        (error.position.line, error.position.column),
        locate(
            &doc,
            "\"legalName\": \"Sahana Garments LLP\",\n      \"trdNm\"",
            0
        )
    );
    assert_eq!(
        error.message(false),
        "unknown member \"legalName\"; did you mean \"lglNm\"?"
    );
}

/// The same unknown name in several objects of one schema gets one suggestion (remembered), and in an
/// object of another schema that schema's own.
#[test]
fn an_unknown_member_is_suggested_per_schema_object_however_often_it_recurs() {
    let mut doc: serde_json::Value =
        serde_json::from_str(&text("valid/create-invoice.json")).expect("fixture");
    let invoice = &mut doc["invoice"];
    invoice["shippingDetails"]["GSTIN"] = "29AABCS7314M1Z5".into();
    for item in 0..4 {
        invoice["itemLists"][item]["GSTIN"] = "29AABCS7314M1Z5".into();
    }
    let bytes = serde_json::to_vec_pretty(&doc).expect("serializes");
    let report = validate(None, &bytes);
    let suggestions: Vec<(String, Option<&str>)> = report
        .errors
        .iter()
        .map(|e| match &e.kind {
            ErrorKind::AdditionalProperties { member, suggestion } => {
                assert_eq!(member, "GSTIN");
                (e.pointer.as_str().to_owned(), *suggestion)
            }
            other => panic!("{other:?}"),
        })
        .collect();
    let item_suggestion = bc_invoice_validate::Validator::new()
        .validate(
            None,
            &serde_json::to_vec(&{
                let mut one: serde_json::Value =
                    serde_json::from_str(&text("valid/create-invoice.json")).expect("fixture");
                one["invoice"]["itemLists"][2]["GSTIN"] = "x".into();
                one
            })
            .expect("serializes"),
        )
        .errors
        .iter()
        .find_map(|e| match &e.kind {
            ErrorKind::AdditionalProperties { suggestion, .. } => Some(*suggestion),
            _ => None,
        })
        .expect("the item's unknown member");
    assert_ne!(item_suggestion, Some("gstin"));
    let mut expected = vec![("/invoice/shippingDetails".to_owned(), Some("gstin"))];
    expected.extend((0..4).map(|i| (format!("/invoice/itemLists/{i}"), item_suggestion)));
    expected.sort();
    let mut suggestions = suggestions;
    suggestions.sort();
    assert_eq!(suggestions, expected);
}

#[test]
fn a_wrong_type_is_reported_with_what_was_found() {
    let doc = replace_once(
        &text("valid/create-invoice.json"),
        "\"quantity\": 120,",
        "\"quantity\": \"120\",",
    );
    let report = validate(None, doc.as_bytes());
    let error = only_error(&report);
    assert_eq!(error.pointer.as_str(), "/invoice/itemLists/0/quantity");
    assert_eq!(
        error.kind,
        ErrorKind::Type {
            expected: JsonType::Number,
            found: JsonType::String
        }
    );
    assert_eq!(
        error.message(false),
        "\"120\" is not of type number (found string)"
    );
    let (line, column) = locate(&doc, "\"120\",", 0);
    assert_eq!((error.position.line, error.position.column), (line, column));

    let doc = replace_once(
        &text("valid/create-invoice.json"),
        "\"currentVersion\": 1,",
        "\"currentVersion\": 1.5,",
    );
    let error = only_error(&validate(None, doc.as_bytes())).clone();
    assert_eq!(
        error.kind,
        ErrorKind::Type {
            expected: JsonType::Integer,
            found: JsonType::Number
        }
    );
    let doc = replace_once(
        &text("valid/create-invoice.json"),
        "\"itemLists\": [",
        "\"itemLists\": {\"a\": [1, {}]}, \"x\": [",
    );
    let report = validate(None, doc.as_bytes());
    assert_eq!(
        report.errors[0].kind,
        ErrorKind::Type {
            expected: JsonType::Array,
            found: JsonType::Object
        }
    );
    assert_eq!(report.errors[0].found, None);
}

#[test]
fn every_error_is_reported_not_the_first() {
    let mut doc = text("valid/create-invoice.json");
    doc = replace_once(&doc, "\"quantity\": 120,", "\"quantity\": true,");
    doc = replace_once(&doc, "\"hsnCode\": \"55151190\",", "\"hsnCode\": 55151190,");
    doc = replace_once(&doc, "\"lglNm\"", "\"legalName\"");
    doc = replace_once(&doc, "INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c", "string");
    let report = validate(Some(DocumentKind::EditInvoice), doc.as_bytes());
    let pointers: Vec<(&str, &str)> = report
        .errors
        .iter()
        .map(|f| (f.pointer.as_str(), f.keyword()))
        .collect();
    assert_eq!(
        pointers,
        [
            ("/invoice/objectId", "pattern"),
            ("/invoice/shippingDetails", "additionalProperties"),
            ("/invoice/itemLists/0/quantity", "type"),
            ("/invoice/itemLists/1/hsnCode", "type"),
        ]
    );
    assert_eq!(report.kind, Some(DocumentKind::EditInvoice));
    assert!(!report.detected);
}

#[test]
fn a_misspelt_value_of_an_open_list_is_a_warning_and_strict_makes_it_an_error() {
    // An unlisted value far from every known one (WITHDRAW) is silent: the list is open.
    let unlisted = replace_once(
        &text("valid/change-invoice-status.json"),
        "\"CANCEL\"",
        "\"WITHDRAW\"",
    );
    let report = validate(None, unlisted.as_bytes());
    assert!(report.is_valid() && report.warnings.is_empty(), "{report}");
    let doc = replace_once(
        &text("valid/change-invoice-status.json"),
        "\"CANCEL\"",
        "\"CANCLE\"",
    );
    let report = validate(None, doc.as_bytes());
    assert!(report.is_valid());
    assert_eq!(report.warnings.len(), 1);
    let warning = &report.warnings[0];
    assert_eq!(
        (warning.pointer.as_str(), warning.keyword(), warning.level),
        (
            "/invoiceStatus/supplierAction",
            "known-values",
            Level::Warning
        )
    );
    assert_eq!(warning.rule(), Some(RuleId::KnownValues));
    let strict = Validator::new().strict(true).validate(None, doc.as_bytes());
    assert!(!strict.is_valid());
    assert_eq!(strict.errors[0].keyword(), "known-values");
}

#[test]
fn duplicate_members_are_errors() {
    let doc = replace_once(
        &text("valid/confirm-invoice.accept.json"),
        "\"buyerResponse\": \"ACCEPT\",",
        "\"buyerResponse\": \"ACCEPT\",\n    \"buyerResponse\": \"REJECT\",",
    );
    let report = validate(None, doc.as_bytes());
    let error = only_error(&report);
    assert_eq!(error.pointer.as_str(), "/invoiceConfirmation/buyerResponse");
    assert_eq!(error.keyword(), "duplicateMember");
    let (first_line, first_column) = locate(&doc, "\"buyerResponse\"", 0);
    assert_eq!(
        (error.position.line, error.position.column),
        locate(&doc, "\"buyerResponse\"", 1)
    );
    assert_eq!(
        error.message(false),
        format!(
            "member \"buyerResponse\" appears more than once (first at line {first_line}, column {first_column})"
        )
    );
}

/// Issue 28, item 5: a member the schema does not declare, given twice, is a duplicate too, in any
/// writing; in a document received from the platform, where undeclared members are allowed, the
/// duplicate alone makes it invalid.
#[test]
fn an_undeclared_member_given_twice_is_a_duplicate() {
    let doc = replace_once(
        &text("valid/payment-response.json"),
        "\"result\": \"SUCCESS\"",
        "\"result\": \"SUCCESS\",\n    \"traceId\": \"a\",\n    \"tr\\u0061ceId\": \"b\"",
    );
    let report = validate(Some(DocumentKind::PaymentResponse), doc.as_bytes());
    let error = only_error(&report);
    assert_eq!(error.pointer.as_str(), "/resp/traceId");
    assert_eq!(error.keyword(), "duplicateMember");
    assert_eq!(
        (error.position.line, error.position.column),
        locate(&doc, "\"tr\\u0061ceId\"", 0)
    );
    let (first_line, first_column) = locate(&doc, "\"traceId\"", 0);
    assert_eq!(
        error.message(false),
        format!(
            "member \"traceId\" appears more than once (first at line {first_line}, column {first_column})"
        )
    );
    // Where undeclared members are errors, the first is reported as unknown and the second as a duplicate;
    // a name of megabytes is cut in the finding as in an unknown member's.
    let long = "x".repeat(1 << 20);
    let doc = format!(
        "{{\"payload\": \"a\", \"{long}\": 1, \"response_code\": 0, \"{long}\": 2, \"response_message\": \"b\"}}"
    );
    let report = validate(Some(DocumentKind::ApiResponse), doc.as_bytes());
    let cut = format!("{}…", "x".repeat(80));
    assert_eq!(
        summary(&report),
        [
            ("".to_owned(), "additionalProperties", 1, 18),
            (
                format!("/{cut}"),
                "duplicateMember",
                1,
                18 + 1 + (1 << 20) + 26
            ),
        ]
    );
    assert_eq!(
        report.errors[1].kind,
        ErrorKind::DuplicateMember {
            member: cut,
            first_line: 1,
            first_column: 18
        }
    );
}

fn syntax_error(bytes: &[u8]) -> (String, usize, usize) {
    let report = validate(None, bytes);
    let error = only_error(&report);
    assert_eq!(
        (error.keyword(), error.pointer.as_str()),
        ("syntax", ""),
        "{report}"
    );
    (
        error.message(false),
        error.position.line,
        error.position.column,
    )
}

#[test]
fn malformed_json_is_a_syntax_error_with_its_line_and_column() {
    assert_eq!(
        syntax_error(b""),
        ("the text is empty: expected a JSON object".to_owned(), 1, 1)
    );
    assert_eq!(
        syntax_error(b"  \n "),
        ("the text is empty: expected a JSON object".to_owned(), 2, 2)
    );
    assert_eq!(
        syntax_error(b"{\"invoice\": {\n  \"objectId\": \"x\",\n}}").1,
        3
    );
    assert_eq!(
        syntax_error(b"{\"payload\": \"a\" \"response_code\": 0}"),
        (
            "expected ',' or '}' after an object member, found '\"'".to_owned(),
            1,
            17
        )
    );
    assert_eq!(
        syntax_error(b"{\"payload\": \"abc").0,
        "unterminated string"
    );
    assert_eq!(
        syntax_error(b"{\"payload\": \"a\tb\"}").0,
        "control character in a string: escape it (\\n, \\t, \\uXXXX)"
    );
    // At the escape, and as written (lower case here).
    assert_eq!(
        syntax_error(b"{\"payload\": \"ab\\ud800\"}"),
        (
            "lone surrogate escape in a string (no Unicode text holds one), found \\ud800"
                .to_owned(),
            1,
            16
        )
    );
    assert_eq!(
        syntax_error(b"{\"payload\": \"\\uDC00\"}").0,
        "lone surrogate escape in a string (no Unicode text holds one), found \\uDC00"
    );
    assert_eq!(
        syntax_error(b"{} {}").0,
        "unexpected text after the end of the JSON value"
    );
    assert_eq!(
        syntax_error(b"{\"payload\": 01}").0,
        "expected ',' or '}' after an object member, found '1'"
    );
}

#[test]
fn invalid_utf8_and_a_byte_order_mark_are_reported_where_they_are() {
    let (message, line, column) = syntax_error(b"{\n  \"payload\": \"caf\xe9\"}");
    assert_eq!(
        (message.as_str(), line, column),
        (
            "the text is not UTF-8: JSON documents must be UTF-8 encoded",
            2,
            18
        )
    );
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(text("valid/api-response.json").as_bytes());
    let (message, line, column) = syntax_error(&bom);
    assert!(message.contains("byte-order mark"), "{message}");
    assert_eq!((line, column), (1, 1));
}

#[test]
fn a_document_that_is_not_an_object_or_names_no_kind() {
    for (text, found) in [
        ("[1, 2]", JsonType::Array),
        ("\"invoice\"", JsonType::String),
        (" 42", JsonType::Integer),
    ] {
        let report = validate(None, text.as_bytes());
        let error = only_error(&report);
        assert_eq!(
            error.kind,
            ErrorKind::Type {
                expected: JsonType::Object,
                found
            }
        );
        assert_eq!(report.kind, None);
    }
    let report = validate(None, b"{\"device\": {}}");
    assert_eq!(only_error(&report).keyword(), "kind");
    // With the kind given, a non-object root is a type error at the root.
    let report = validate(Some(DocumentKind::ApiResponse), b"[]");
    assert_eq!(
        only_error(&report).kind,
        ErrorKind::Type {
            expected: JsonType::Object,
            found: JsonType::Array
        }
    );
}

#[test]
fn deep_nesting_is_refused_without_exhausting_the_stack() {
    let depth = 100_000;
    let doc = format!(
        "{{\"payload\": {}{}, \"x\": 1}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let (message, line, column) = syntax_error(doc.as_bytes());
    assert_eq!(message, "nesting deeper than 512 levels");
    assert_eq!((line, column), (1, 13 + 511));
    // The cap counts an empty innermost container as a level (issue 28, item 6).
    for (levels, refused) in [(512, false), (513, true)] {
        let doc = format!("{}{}", "[".repeat(levels), "]".repeat(levels));
        let report = validate(Some(DocumentKind::ApiResponse), doc.as_bytes());
        let error = only_error(&report);
        if refused {
            assert_eq!(error.message(false), "nesting deeper than 512 levels");
            assert_eq!(error.position.column, 513);
        } else {
            assert_eq!(error.keyword(), "type", "{report}");
        }
    }
    let doc = "{".repeat(depth);
    assert_eq!(
        syntax_error(doc.as_bytes()).0,
        "expected a member name in double quotes, found '{'"
    );
}

#[test]
fn a_ten_megabyte_string_is_checked_without_backtracking() {
    let huge = "x".repeat(10 << 20);
    let doc = replace_once(
        &text("valid/confirm-invoice.accept.json"),
        "Goods received in good condition; approved for payment",
        &huge,
    );
    let report = validate(None, doc.as_bytes());
    let error = only_error(&report);
    assert_eq!(
        (error.pointer.as_str(), error.keyword()),
        ("/invoiceConfirmation/buyerRemarks", "pattern")
    );
    // The report keeps a bounded rendering of the value.
    assert!(error.found.as_ref().unwrap().chars().count() <= 81);
}

#[test]
fn numbers_beyond_what_the_typed_documents_hold_are_out_of_range_and_minus_zero_is_zero() {
    let doc = replace_once(
        &text("valid/create-invoice.json"),
        "\"freeQuantity\": 0,\n        \"unit\": \"MTR\",\n        \"unitPrice\": 185.50",
        "\"freeQuantity\": 1e400,\n        \"unit\": \"MTR\",\n        \"unitPrice\": -0",
    );
    let report = validate(None, doc.as_bytes());
    let error = only_error(&report);
    assert_eq!(
        (error.pointer.as_str(), error.keyword()),
        ("/invoice/itemLists/0/freeQuantity", "range")
    );
    assert_eq!(error.found.as_deref(), Some("1e400"));
    let big = replace_once(
        &text("valid/api-response.json"),
        "\"response_code\": 0",
        "\"response_code\": 9223372036854775808",
    );
    assert_eq!(
        only_error(&validate(None, big.as_bytes())).keyword(),
        "range"
    );
}

/// An amount is out of range when no exact decimal holds it, which is not a count of significant digits:
/// `1e-29` has one (and was said to have "more than the 28 significant digits"), and 2^96 − 1 has 29 and
/// is held. The message says what the limit is.
#[test]
fn an_amount_out_of_range_is_told_by_the_decimals_limits_not_by_its_digits() {
    let amount = |written: &str| {
        let doc = replace_once(
            &text("valid/pay-invoice.json"),
            "\"netPaidAmount\": 93201.16",
            &format!("\"netPaidAmount\": {written}"),
        );
        validate(None, doc.as_bytes())
    };
    for refused in [
        "1e-29",
        "0.00000000000000000000000000001",
        "79228162514264337593543950336",
        // Nine digits after the point and a magnitude far below 2^96, but 29 digits in all, which as one
        // whole number pass 2^96.
        "98765432109876543210.987654321",
    ] {
        let report = amount(refused);
        let error = only_error(&report);
        assert_eq!(error.keyword(), "range", "{refused}");
        assert_eq!(
            error.message(false),
            format!(
                "{refused} is out of range: no exact decimal holds it (its digits, read as one whole \
                 number, must be below 2^96, about 7.9 × 10^28, with at most 28 of them after the point), so \
                 it would be rounded"
            )
        );
    }
    // 29 significant digits, below 2^96: held exactly, so no range error.
    let report = amount("79228162514264337593543950335");
    assert!(
        report.errors.iter().all(|e| e.keyword() != "range"),
        "{report}"
    );
}

#[test]
fn the_report_is_bounded_for_a_hostile_document() {
    let members: Vec<String> = (0..5000).map(|i| format!("\"m{i}\": {i}")).collect();
    let doc = format!(
        "{{\"payload\": \"a\", \"response_code\": 0, \"response_message\": \"b\", {}}}",
        members.join(", ")
    );
    let report = Validator::new()
        .max_findings(100)
        .validate(None, doc.as_bytes());
    assert_eq!(report.errors.len(), 100);
    assert_eq!(report.omitted, 4900);
    assert!(!report.is_valid());
}

mod typed {
    use super::*;
    use bc_invoice_types::{
        B2bId, B2bIds, BuyerResponse, ConfirmInvoiceRequest, Device, DeviceTag, DeviceTagName,
        InvoiceConfirmation, LifecycleStatus, ObjectId, ObjectVersion, Remarks,
        SupplierInvoiceNumber,
    };
    use bc_invoice_validate::{AnyDocument, parse};

    #[test]
    fn every_valid_fixture_parses_into_its_root_type() {
        let validator = Validator::new();
        for file in fixture_files("valid") {
            let bytes = std::fs::read(&file).unwrap();
            let kind: DocumentKind = fixture_kind(&file).parse().unwrap();
            let document = validator
                .parse_any(Some(kind), &bytes)
                .unwrap_or_else(|report| panic!("{}: {report}", file.display()));
            assert_eq!(document.kind(), kind);
            let written = serde_json::to_vec(&document).unwrap();
            let again = validator.parse_any(Some(kind), &written).unwrap();
            assert_eq!(document, again, "{}", file.display());
            assert_eq!(
                AnyDocument::from_slice_unvalidated(kind, &bytes).unwrap(),
                document
            );
        }
    }

    #[test]
    fn an_invalid_document_returns_the_same_report_as_validate() {
        let doc = text("docs/confirm-invoice.json");
        let report = parse::<ConfirmInvoiceRequest>(doc.as_bytes()).unwrap_err();
        assert_eq!(
            report,
            validate(Some(DocumentKind::ConfirmInvoice), doc.as_bytes())
        );
        assert_eq!(
            summary(&report),
            [(
                "/invoiceConfirmation/objectId".to_owned(),
                "pattern",
                13,
                21
            )]
        );
    }

    #[test]
    fn a_schema_valid_value_the_types_cannot_hold_is_reported_where_it_is() {
        // JSON Schema counts 2.0 as an integer; i64 does not read it.
        let doc = replace_once(
            &text("valid/confirm-invoice.accept.json"),
            "\"currentVersion\": 2,",
            "\"currentVersion\": 2.0,",
        );
        assert!(validate(Some(DocumentKind::ConfirmInvoice), doc.as_bytes()).is_valid());
        let report = parse::<ConfirmInvoiceRequest>(doc.as_bytes()).unwrap_err();
        let error = only_error(&report);
        assert_eq!(error.keyword(), "typed");
        assert_eq!(
            error.pointer.as_str(),
            "/invoiceConfirmation/objectVersion/currentVersion"
        );
        assert_eq!(
            (error.position.line, error.position.column),
            locate(&doc, "2.0,", 0)
        );
    }

    #[test]
    fn a_typed_finding_quotes_no_value_when_redacted() {
        // serde's message quotes the value it refused (`2.0`, or `15.0` for `1.5e1`): a document value,
        // which redaction must not let through (Python's `parse(..., redact=True)` shows this message).
        for (written, read) in [("2.0", "2.0"), ("1.5e1", "15.0")] {
            let doc = replace_once(
                &text("valid/confirm-invoice.accept.json"),
                "\"currentVersion\": 2,",
                &format!("\"currentVersion\": {written},"),
            );
            let report = parse::<ConfirmInvoiceRequest>(doc.as_bytes()).unwrap_err();
            let error = report
                .errors
                .iter()
                .find(|f| f.keyword() == "typed")
                .unwrap();
            assert_eq!(
                error.message(false),
                format!(
                    "valid against the schema, but the typed document cannot hold it: \
                     invalid type: floating point `{read}`, expected i64"
                )
            );
            assert_eq!(
                error.message(true),
                "valid against the schema, but the typed document cannot hold it"
            );
            assert_eq!(
                bc_invoice_validate::render::JsonFinding::new(error, true).error,
                "valid against the schema, but the typed document cannot hold it"
            );
        }
    }

    #[test]
    fn a_document_built_in_code_is_checked_before_it_is_sent() {
        let request = ConfirmInvoiceRequest::new(
            Device::new(
                DeviceTag::new()
                    .with_name(DeviceTagName::Geocode)
                    .with_value("12.9716,77.5946"),
            ),
            B2bIds::new(
                B2bId::try_from("BCB2B29AABCS7314M").unwrap(),
                B2bId::try_from("BCB2B27AAKCK4821P").unwrap(),
            ),
            InvoiceConfirmation::new(
                ObjectId::try_from("INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c").unwrap(),
                SupplierInvoiceNumber::try_from("KT/2026-27/000142").unwrap(),
                ObjectVersion::new()
                    .with_current_version(2)
                    .with_new_version(3),
                BuyerResponse::Accept,
                Remarks::try_from("Goods received").unwrap(),
                StatusTransition::new()
                    .with_current_status(LifecycleStatus::Created)
                    .with_new_status(LifecycleStatus::from("ACEPTED")),
            ),
        );
        let report = Validator::new().check(&request);
        assert!(report.is_valid(), "{report}");
        // A misspelt status is kept exactly and flagged, as in a parsed document.
        assert_eq!(report.warnings.len(), 1);
        assert_eq!(
            report.warnings[0].pointer.as_str(),
            "/invoiceConfirmation/statusTransition/newStatus"
        );
    }

    use bc_invoice_types::StatusTransition;
}

/// A service names kinds, rules and levels in its own serde types: a query's `?kind=confirm-invoice`, a
/// settings file's `{"gstin-checksum": "deny"}`, a log line's `"level": "warning"`. Each is written as its
/// text (`as_str`, what `Display` prints) and read back through its `FromStr`, whose error says what was
/// expected.
#[test]
fn kinds_rules_and_levels_are_serde_types_written_as_their_text() {
    use std::collections::BTreeMap;

    use bc_invoice_validate::{DocumentKind, Level, RuleId, RuleLevel};

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Settings {
        kind: Option<DocumentKind>,
        rules: BTreeMap<RuleId, RuleLevel>,
        levels: Vec<Level>,
    }
    let text = r#"{"kind":"confirm-invoice","rules":{"gstin-checksum":"deny","hsn-code":"allow"},"levels":["warning","error"]}"#;
    let settings: Settings = serde_json::from_str(text).unwrap();
    assert_eq!(
        settings,
        Settings {
            kind: Some(DocumentKind::ConfirmInvoice),
            rules: BTreeMap::from([
                (RuleId::GstinChecksum, RuleLevel::Deny),
                (RuleId::HsnCode, RuleLevel::Allow),
            ]),
            levels: vec![Level::Warning, Level::Error],
        }
    );
    assert_eq!(serde_json::to_string(&settings).unwrap(), text);
    for &kind in DocumentKind::ALL {
        let written = serde_json::to_string(&kind).unwrap();
        assert_eq!(written, format!("\"{kind}\""));
        assert_eq!(
            serde_json::from_str::<DocumentKind>(&written).unwrap(),
            kind
        );
    }
    for &rule in RuleId::ALL {
        let written = serde_json::to_value(rule).unwrap();
        assert_eq!(written, rule.as_str());
        assert_eq!(serde_json::from_value::<RuleId>(written).unwrap(), rule);
    }
    // Read as `FromStr` reads: `warning` is `warn`, written back as `warn`.
    assert_eq!(
        serde_json::from_str::<RuleLevel>("\"warning\"").unwrap(),
        RuleLevel::Warn
    );
    assert_eq!(serde_json::to_string(&RuleLevel::Warn).unwrap(), "\"warn\"");
    // A name that is none: `FromStr`'s error, in serde's.
    let error = serde_json::from_str::<DocumentKind>("\"invoice\"").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("unknown document kind \"invoice\"; expected one of "),
        "{error}"
    );
    let error = serde_json::from_str::<RuleId>("\"gstin-chksum\"").unwrap_err();
    assert!(error.to_string().contains("gstin-checksum"), "{error}");
    let error = serde_json::from_str::<Level>("\"note\"").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("unknown level \"note\"; expected warning or error"),
        "{error}"
    );
    assert!(serde_json::from_str::<RuleLevel>("3").is_err());
}

/// Code generic over `T: Document` (a service's one handler for every kind it receives) may send the
/// document to another thread or task, keep it in a set, clone, compare and log it: the trait promises
/// what every generated root type is, `Send + Sync + 'static`, `Clone`, `Debug`, `Eq` and `Hash`.
#[test]
fn code_generic_over_documents_sends_stores_clones_and_compares_them() {
    use std::collections::HashSet;

    use bc_invoice_validate::{Document, Validator};

    fn received_twice<T: Document>(bytes: &'static [u8]) -> (T, usize) {
        let validator = Validator::new();
        let document = std::thread::spawn(move || validator.parse::<T>(bytes).unwrap())
            .join()
            .unwrap();
        let retry = document.clone();
        assert_eq!(format!("{retry:?}"), format!("{document:?}"));
        let handled: HashSet<T> = [document.clone(), retry].into_iter().collect();
        (document, handled.len())
    }

    let text = br#"{"payload": "SUCCESS", "response_code": 0, "response_message": "SUCCESS"}"#;
    let (response, handled) = received_twice::<bc_invoice_types::ApiResponse>(text);
    assert_eq!((response.response_code, handled), (0, 1));
}
