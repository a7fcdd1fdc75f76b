//! Every valid fixture parses into its document's root type and serializes back to an equal JSON value.
//! With serde_json's `arbitrary_precision` (on in this workspace) numbers compare by their text, so equal
//! means digit for digit: `185.50` must come back as `185.50`, not `185.5`.
//!
//! The documentation's own examples break the `objectId` pattern (and the create and edit examples the
//! `ts` date-time): typed parsing refuses them, naming the pattern, and accepts them once those are fixed.

use bc_invoice_tests::{fixture_files, fixture_kind, read_json};
use bc_invoice_types::{
    ApiResponse, ChangeInvoiceStatusRequest, ConfirmInvoiceRequest, CreateInvoiceRequest,
    EditInvoiceRequest, ObjectId, Timestamp,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Parses `text` as `T` and serializes it back.
fn through<T: DeserializeOwned + Serialize>(text: &str) -> Result<Value, serde_json::Error> {
    let typed: T = serde_json::from_str(text)?;
    serde_json::to_value(&typed)
}

/// Parses `text` as the root type of `kind` and serializes it back.
fn round_trip(kind: &str, text: &str) -> Result<Value, serde_json::Error> {
    match kind {
        "create-invoice" => through::<CreateInvoiceRequest>(text),
        "edit-invoice" => through::<EditInvoiceRequest>(text),
        "confirm-invoice" => through::<ConfirmInvoiceRequest>(text),
        "change-invoice-status" => through::<ChangeInvoiceStatusRequest>(text),
        "api-response" => through::<ApiResponse>(text),
        other => panic!("unknown kind {other}"),
    }
}

#[test]
fn every_valid_fixture_round_trips_to_an_equal_value() {
    let files = fixture_files("valid");
    assert!(files.len() >= 8, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let original = read_json(&file);
        let back = round_trip(fixture_kind(&file), &text)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(back, original, "{}", file.display());
    }
}

#[test]
fn number_text_survives_the_round_trip() {
    // The fixtures hold the numbers whose digits a float would lose: the test above is only as strong as
    // they are.
    let create =
        std::fs::read_to_string(bc_invoice_tests::fixtures_dir().join("valid/create-invoice.json"))
            .unwrap();
    for number in [
        "185.50",
        "22260.00",
        "27640.20",
        "\"creditDays\": 30",
        "\"paidAmount\": 0",
    ] {
        assert!(create.contains(number), "the fixture has {number}");
    }
    let back = round_trip("create-invoice", &create).unwrap();
    let text = serde_json::to_string(&back).unwrap();
    for number in [
        "\"unitPrice\":185.50",
        "\"totalAmt\":22260.00",
        "\"creditDays\":30",
        "\"paidAmount\":0",
    ] {
        assert!(text.contains(number), "{number} in {text}");
    }
    assert!(!text.contains("185.5,"), "{text}");
}

#[test]
fn a_value_equality_of_numbers_is_digit_exact_in_this_workspace() {
    // What the round-trip assertion relies on: 1.50 and 1.5 are different values here.
    let a: Value = serde_json::from_str("1.50").unwrap();
    let b: Value = serde_json::from_str("1.5").unwrap();
    assert_ne!(a, b);
}

/// Sets the string at `pointer` in `document`.
fn set(document: &mut Value, pointer: &str, value: &str) {
    *document
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = Value::String(value.to_owned());
}

#[test]
fn the_documentation_examples_fail_on_their_object_id_and_parse_once_it_is_fixed() {
    let object_id = "INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c";
    let mut requests = 0;
    for file in fixture_files("docs") {
        let kind = fixture_kind(&file);
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.display();
        if kind == "api-response" {
            let back = round_trip(kind, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(back, read_json(&file), "{name}");
            continue;
        }
        requests += 1;
        let error = round_trip(kind, &text).expect_err(&format!("{name} breaks a pattern"));
        let expected = format!(
            "ObjectId: \"string\" does not match the pattern {}",
            ObjectId::PATTERN
        );
        assert!(error.to_string().starts_with(&expected), "{name}: {error}");
        assert_eq!(ObjectId::PATTERN, "^[INV]{3}[A-Za-z0-9]{32,32}$");

        let mut document = read_json(&file);
        let section = if kind == "confirm-invoice" {
            "/invoiceConfirmation"
        } else if kind == "change-invoice-status" {
            "/invoiceStatus"
        } else {
            "/invoice"
        };
        set(&mut document, &format!("{section}/objectId"), object_id);
        let fixed = serde_json::to_string(&document).unwrap();
        let result = round_trip(kind, &fixed);
        if section == "/invoice" {
            // Then the create and edit examples fail on their "ts": "string", and on nothing after it.
            let error = result.expect_err(&format!("{name}: ts is \"string\""));
            assert!(
                error.to_string().starts_with(&format!(
                    "Timestamp: \"string\" does not match the pattern {}",
                    Timestamp::PATTERN
                )),
                "{name}: {error}"
            );
            set(&mut document, "/invoice/ts", "2017-08-10T17:57:35+05:30");
            let fixed = serde_json::to_string(&document).unwrap();
            let back = round_trip(kind, &fixed).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(back, document, "{name}");
        } else {
            let back = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(back, document, "{name}");
        }
    }
    assert_eq!(requests, 4, "one documentation example per request kind");
}
