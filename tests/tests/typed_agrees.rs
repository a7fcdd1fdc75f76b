//! The typed entry point agrees with the validator and with serde_json: on every fixture, on the benchmark's
//! documents, and on rewritings of them that take the typed reading off its fast path (escapes in names and
//! values, numbers in other notations, `-0`, `1.0` for an integer, minified and spaced-out text), under the
//! default settings, strict, with a rule at deny and with a report limit:
//!
//! - a document `validate` refuses, `parse` refuses with exactly the same report;
//! - a document `validate` accepts and serde_json reads into the type, `parse` returns that same value;
//! - a document `validate` accepts and the type cannot hold, `parse` refuses with the validator's report plus
//!   one `typed` error.

use bc_invoice_tests::{corpus, fixture_files};
use bc_invoice_types::{
    ApiResponse, ConfirmInvoiceRequest, CreateInvoiceRequest, EditInvoiceRequest, PayInvoiceRequest,
};
use bc_invoice_validate::{
    AnyDocument, Document, DocumentKind, RuleId, RuleLevel, RuleSet, Validator,
};

fn validators() -> Vec<(&'static str, Validator)> {
    let mut deny = RuleSet::default();
    deny.set(RuleId::GstinChecksum, RuleLevel::Deny);
    deny.set(RuleId::KnownValues, RuleLevel::Deny);
    let mut none = RuleSet::default();
    none.set_all(RuleLevel::Allow);
    vec![
        ("default", Validator::new()),
        ("strict", Validator::new().strict(true)),
        ("deny", Validator::new().rules(deny)),
        ("no rules", Validator::new().rules(none)),
        ("limit 1", Validator::new().max_findings(1)),
    ]
}

/// The agreement for one setting: `report` is `validate`'s, `parsed` the typed entry point's, `serde` serde_json's
/// reading of the same bytes into the same type.
fn judge<D: PartialEq + std::fmt::Debug, E>(
    what: &str,
    report: &bc_invoice_validate::Report,
    parsed: Result<D, bc_invoice_validate::Report>,
    serde: Result<D, E>,
) {
    if !report.is_valid() {
        assert_eq!(&parsed.unwrap_err(), report, "{what}");
        return;
    }
    match serde {
        Ok(expected) => assert_eq!(parsed.expect("parses"), expected, "{what}"),
        Err(_) => {
            let refused = parsed.expect_err("serde_json refuses it, so parse does");
            assert_eq!(refused.warnings, report.warnings, "{what}");
            assert_eq!(refused.errors.len(), 1, "{what}");
            assert_eq!(refused.errors[0].keyword(), "typed", "{what}");
        }
    }
}

fn agree<T: Document + PartialEq + std::fmt::Debug>(name: &str, bytes: &[u8]) {
    for (setting, validator) in validators() {
        let what = format!("{name} ({setting}): {}", String::from_utf8_lossy(bytes));
        let report = validator.validate(Some(T::KIND), bytes);
        let serde = serde_json::from_slice::<T>(bytes);
        judge(&what, &report, validator.parse::<T>(bytes), serde);
    }
}

/// The same agreement for a fixture of any kind, through the generated dispatch (`parse_any` reads with
/// `parse::<T>` of the kind's type, `from_slice_unvalidated` with serde_json), so a new kind needs nothing here.
fn agree_any(kind: &str, name: &str, bytes: &[u8]) {
    let kind: DocumentKind = kind
        .parse()
        .unwrap_or_else(|_| panic!("{name}: no kind {kind}"));
    for (setting, validator) in validators() {
        let what = format!("{name} ({setting}): {}", String::from_utf8_lossy(bytes));
        let report = validator.validate(Some(kind), bytes);
        let serde = AnyDocument::from_slice_unvalidated(kind, bytes);
        judge(
            &what,
            &report,
            validator.parse_any(Some(kind), bytes),
            serde,
        );
    }
}

/// Rewritings of a document's text that keep it JSON (most of them also keep its value).
fn variants(text: &str) -> Vec<(String, String)> {
    let mut out = vec![("as is".to_owned(), text.to_owned())];
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        out.push((
            "minified".to_owned(),
            serde_json::to_string(&value).expect("a value serializes"),
        ));
    }
    out.push((
        "spaced out".to_owned(),
        text.replace(':', " \t:\r\n ").replace(',', "\n ,\t"),
    ));
    let swaps: [(&str, &str, &str); 16] = [
        ("escaped value", "\"GEOCODE\"", "\"GEO\\u0043ODE\""),
        ("escaped name", "\"device\"", "\"dev\\u0069ce\""),
        ("escaped slash", "\"CREATED\"", "\"CREATED\\/\""),
        ("escaped member name", "\"name\"", "\"n\\u0061me\""),
        (
            "integer as 2.0",
            "\"currentVersion\": 2",
            "\"currentVersion\": 2.0",
        ),
        (
            "integer as 2e0",
            "\"currentVersion\": 2",
            "\"currentVersion\": 2e0",
        ),
        (
            "integer as -0",
            "\"currentVersion\": 2",
            "\"currentVersion\": -0",
        ),
        (
            "integer negative",
            "\"currentVersion\": 2",
            "\"currentVersion\": -2",
        ),
        (
            "integer huge",
            "\"currentVersion\": 2",
            "\"currentVersion\": 18446744073709551615",
        ),
        ("decimal exponent", "\"gstRate\": 5", "\"gstRate\": 5E0"),
        ("decimal -0", "\"gstRate\": 5", "\"gstRate\": -0"),
        ("decimal negative", "\"gstRate\": 5", "\"gstRate\": -5.250"),
        (
            "decimal long",
            "\"gstRate\": 5",
            "\"gstRate\": 5.0000000000000000000000000001",
        ),
        // An exponent over more than 28 decimal places: the value is exact (70.04, 5), and the typed
        // reading must not round the digits before applying the exponent.
        (
            "decimal exponent over 28 places",
            "\"netAdjustmentAmount\": 70.04",
            "\"netAdjustmentAmount\": 0.000000000000000000000000007004e28",
        ),
        (
            "decimal 30 digits and an exponent",
            "\"gstRate\": 5",
            "\"gstRate\": 500000000000000000000000000000e-29",
        ),
        (
            "response code",
            "\"response_code\": 0",
            "\"response_code\": -7",
        ),
    ];
    for (name, from, to) in swaps {
        if text.contains(from) {
            out.push((name.to_owned(), text.replacen(from, to, 1)));
        }
    }
    out
}

#[test]
fn parse_agrees_with_validate_and_serde_json_on_every_fixture_and_its_rewritings() {
    let mut checked = 0;
    for dir in [
        "valid",
        "docs",
        "rules",
        "legit",
        "legit-payments",
        "mistakes",
        "payment-mistakes",
    ] {
        for path in fixture_files(dir) {
            // The rule fixtures' findings, not a document.
            if path.ends_with("expected.json") {
                continue;
            }
            let kind = bc_invoice_tests::fixture_kind(&path);
            let text = std::fs::read_to_string(&path).expect("fixture");
            for (variant, text) in variants(&text) {
                let name = format!("{} ({variant})", path.display());
                agree_any(kind, &name, text.as_bytes());
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "{checked}");
}

#[test]
fn parse_agrees_on_the_benchmark_documents() {
    for items in [1, 10, 100] {
        let bytes = corpus::create_invoice(items);
        agree::<CreateInvoiceRequest>(&format!("create-{items}"), &bytes);
        agree::<EditInvoiceRequest>(&format!("create-{items} as an edit"), &bytes);
    }
    for errors in [1, 5, 20] {
        let bytes = corpus::invalid_create_invoice(100, errors);
        agree::<CreateInvoiceRequest>(&format!("invalid-{errors}"), &bytes);
    }
}

#[test]
fn parse_agrees_on_text_that_is_not_a_document() {
    let texts: [&[u8]; 9] = [
        b"",
        b"   ",
        b"{",
        b"[]",
        b"\xef\xbb\xbf{}",
        b"{\"payload\": \"a\", \"response_code\": 0, \"response_message\": \"b\"} x",
        b"{\"payload\": \"a\", \"payload\": \"a\", \"response_code\": 0, \"response_message\": \"b\"}",
        b"{\"payload\": \"\\ud800\", \"response_code\": 0, \"response_message\": \"b\"}",
        b"{\"payload\": \"a\xff\", \"response_code\": 0, \"response_message\": \"b\"}",
    ];
    for text in texts {
        agree::<ApiResponse>("text", text);
        agree::<ConfirmInvoiceRequest>("text", text);
    }
}

/// An amount written with an exponent over more than 28 decimal places is read with its exact value by
/// the rules and by the typed document alike (`0.000000000000000000000000007004e28` is 70.04): the typed
/// reading once rounded the digits before applying the exponent and read 70, so the two agreed with each
/// other (serde_json here reads numbers through the same function) but not with the document.
#[test]
fn an_exponent_over_28_places_is_read_exactly_by_the_rules_and_the_typed_document() {
    let text =
        std::fs::read_to_string(bc_invoice_tests::fixtures_dir().join("valid/pay-invoice.json"))
            .unwrap()
            .replacen(
                "\"netAdjustmentAmount\": 70.04",
                "\"netAdjustmentAmount\": 0.000000000000000000000000007004e28",
                1,
            );
    let mut deny = RuleSet::default();
    deny.set_all(RuleLevel::Deny);
    let validator = Validator::new().rules(deny);
    let report = validator.validate(Some(DocumentKind::PayInvoice), text.as_bytes());
    assert!(report.is_valid(), "{report}");
    assert!(report.warnings.is_empty(), "{report}");
    let parsed: PayInvoiceRequest = validator.parse(text.as_bytes()).unwrap();
    let amounts: Vec<String> = parsed
        .payment
        .invoices_pay_infos
        .iter()
        .filter_map(|invoice| {
            invoice
                .invoice_payment_amount
                .as_ref()?
                .net_adjustment_amount
        })
        .map(|amount| amount.to_string())
        .collect();
    assert!(amounts.contains(&"70.04".to_owned()), "{amounts:?}");
}
