//! Hostile input whose defence is in the validator's engine, checked through the command: cost that
//! grows faster than the input (issue 12, item 1) and numbers whose exponents hide what they are (item
//! 9). The assertions are about the findings, their positions and the verdict, never about time; each
//! run is guarded, so a run whose cost explodes is killed after [`common::HANG_GUARD`] and fails.

mod common;

use std::ffi::OsString;
use std::fs;
use std::path::Path;

use common::{errors, finding, json, run_guarded, shared_fixtures};

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

/// Checks `name` in `dir` with the rules off, in the json format.
fn check(dir: &Path, name: &str) -> serde_json::Value {
    let run = run_guarded(
        dir,
        &os(&["--format", "json", "--allow", "all", name]),
        None,
    );
    assert_eq!(run.status, 1, "{}", run.stderr);
    json(&run)
}

/// Item 1: about 50,000 duplicate members after a megabyte-long first line, 2 MB in all. Each finding's
/// line and column must be found without rescanning the text from its start.
#[test]
fn fifty_thousand_duplicates_far_into_a_two_megabyte_file() {
    const DUPLICATES: usize = 50_000;
    let padding = "x".repeat(1_000_000);
    let mut text = format!(
        "{{\"payload\": \"{padding}\", \"response_code\": 0, \"response_message\": \"b\",\n"
    );
    for i in 0..DUPLICATES {
        let comma = if i + 1 == DUPLICATES { "}" } else { "," };
        text.push_str(&format!("  \"response_code\": {i}{comma}\n"));
    }
    assert!(text.len() > 2_000_000, "{} bytes", text.len());
    let first_column = "{\"payload\": \"".len() + padding.len() + "\", ".len() + 1;

    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("dup.json"), &text).unwrap();
    for format in ["json", "text", "github"] {
        let run = run_guarded(
            dir.path(),
            &os(&["--format", format, "--allow", "all", "dup.json"]),
            None,
        );
        assert_eq!(run.status, 1, "{format}: {}", run.stderr);
        if format != "json" {
            assert!(
                run.stdout.ends_with(&format!(
                    "1 file checked: 0 valid, 1 invalid; 1000 errors, 0 warnings, {} more findings not shown; no settings file\n",
                    DUPLICATES - 1000
                )),
                "{format}"
            );
            continue;
        }
        let value = json(&run);
        let found = errors(&value, 0);
        assert_eq!(found.len(), 1000);
        for (i, error) in found.iter().enumerate().step_by(111) {
            assert_eq!(
                *error,
                finding("/response_code", "duplicateMember", 2 + i as u64, 3),
                "duplicate {i}"
            );
        }
        assert_eq!(
            value["files"][0]["errors"][0]["error"],
            format!(
                "member \"response_code\" appears more than once (first at line 1, column {first_column})"
            )
        );
        assert_eq!(value["files"][0]["omitted"], DUPLICATES - 1000);
    }
}

/// A valid API response with `response_code` written as `code`, which starts at line 3, column 20.
fn response(code: &str) -> String {
    format!(
        "{{\n  \"payload\": \"SUCCESS\",\n  \"response_code\": {code},\n  \"response_message\": \"SUCCESS\"\n}}\n"
    )
}

/// Item 9: a fraction is not an integer, however large its exponent: a `type` error, at once.
#[test]
fn fractions_with_huge_exponents_in_an_integer_member_are_type_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (index, code) in [
        "1.5e-999999999999",
        "1e-999999999999",
        "-7E-999999999999999999",
        "0.5e-99999999999999999999999999999999999999",
        "15e-1",
    ]
    .iter()
    .enumerate()
    {
        let name = format!("fraction-{index}.json");
        fs::write(dir.path().join(&name), response(code)).unwrap();
        let value = check(dir.path(), &name);
        assert_eq!(
            errors(&value, 0),
            [finding("/response_code", "type", 3, 20)],
            "{code}"
        );
        assert_eq!(
            value["files"][0]["errors"][0]["error"],
            format!("{code} is not of type integer (found number)"),
            "{code}"
        );
    }
}

/// Item 9: an amount of 40 significant digits is beyond an exact decimal's 28, whether written with an
/// exponent or not: a `range` error, not a rounding.
#[test]
fn forty_significant_digits_with_an_exponent_are_a_range_error() {
    let fixture = fs::read_to_string(shared_fixtures().join("valid/create-invoice.json")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (index, amount) in [
        "1.234567890123456789012345678901234567890e5",
        "1234567890123456789012345678901234567890e-35",
        "0.0000000000000000000000000000000000000001234567890123456789012345678901234567890E+45",
        "123456.7890123456789012345678901234567890",
    ]
    .iter()
    .enumerate()
    {
        let text = fixture.replacen(
            "\"unitPrice\": 185.50",
            &format!("\"unitPrice\": {amount}"),
            1,
        );
        assert_ne!(text, fixture);
        let name = format!("amount-{index}.json");
        fs::write(dir.path().join(&name), &text).unwrap();
        let at = text.find(amount).unwrap();
        let line = text[..at].matches('\n').count() as u64 + 1;
        let column = (at - text[..at].rfind('\n').unwrap()) as u64;
        let value = check(dir.path(), &name);
        assert_eq!(
            errors(&value, 0),
            [finding(
                "/invoice/itemLists/0/unitPrice",
                "range",
                line,
                column
            )],
            "{amount}"
        );
    }
}

/// A value that rules quote in other values' findings is cut as a found value is: `payment-currency`
/// quotes the payment's `currency` in the finding of every amount whose currency differs, and a 1 MB
/// currency was copied whole into each, so 50 invoices made a report of 100 MB from a document of 1 MB
/// (`version-step` and `item-amounts` quote a version or a quantity written with a megabyte of zeros).
#[test]
fn a_value_quoted_in_many_findings_is_cut_in_each() {
    let dir = tempfile::tempdir().unwrap();
    let long = "X".repeat(1_000_000);
    let cut = format!("\"{}…", "X".repeat(79));
    let text = fs::read_to_string(shared_fixtures().join("valid/pay-invoice.json")).unwrap();
    let mut payment: serde_json::Value = serde_json::from_str(&text).unwrap();
    payment["payment"]["currency"] = long.clone().into();
    let invoice = payment["payment"]["invoicesPayInfos"][0].clone();
    payment["payment"]["invoicesPayInfos"] = vec![invoice; 50].into();
    fs::write(dir.path().join("currency.json"), payment.to_string()).unwrap();

    let edit = fs::read_to_string(shared_fixtures().join("valid/edit-invoice.json")).unwrap();
    let version = format!("9.{}", "0".repeat(1_000_000));
    let edit = edit.replacen(
        "\"currentVersion\": 1",
        &format!("\"currentVersion\": {version}"),
        1,
    );
    fs::write(dir.path().join("version.json"), edit).unwrap();

    let create = fs::read_to_string(shared_fixtures().join("valid/create-invoice.json")).unwrap();
    let quantity = format!("7.{}", "0".repeat(1_000_000));
    let create = create.replacen("\"quantity\": 120", &format!("\"quantity\": {quantity}"), 1);
    fs::write(dir.path().join("quantity.json"), create).unwrap();

    for format in ["json", "text", "github"] {
        let run = run_guarded(
            dir.path(),
            &os(&[
                "--format",
                format,
                "--allow",
                "all",
                "--warn",
                "payment-currency",
                "--warn",
                "version-step",
                "--warn",
                "item-amounts",
                "currency.json",
                "version.json",
                "quantity.json",
            ]),
            None,
        );
        // The currency is not INR, the one the schema allows: an error, and the file is invalid.
        assert_eq!(run.status, 1, "{format}: {}", run.stderr);
        assert!(
            run.stdout.len() < 200_000,
            "{format}: {} bytes of report",
            run.stdout.len()
        );
        if format != "json" {
            continue;
        }
        let value = json(&run);
        assert_eq!(
            errors(&value, 0),
            [finding("/payment/currency", "enum", 1, 363)]
        );
        let warnings = value["files"][0]["warnings"].as_array().unwrap();
        assert_eq!(warnings.len(), 101);
        for warning in warnings {
            assert_eq!(
                warning["error"],
                format!("currency \"INR\" is not the payment's currency {cut}")
            );
        }
        assert_eq!(
            value["files"][1]["warnings"][0]["error"],
            format!("newVersion 2 is below currentVersion 9.{}…", "0".repeat(78))
        );
        assert_eq!(
            value["files"][2]["warnings"][0]["error"],
            format!(
                "totalAmt 22260.00 is not quantity × unitPrice: 7.{}… × 185.50 = 1298.50, more than \
                 the 0.45 rounding explains",
                "0".repeat(78)
            )
        );
    }
}
