//! Linking bc-invoice changes nothing in this service's own deserializing, and amounts keep their digits.

use bc_invoice_types::{Decimal, PayInvoiceRequest};
use downstream_service::{Body, Envelope, Event, Quantity};

/// The service's tagged, flattened and untagged types with `f64`s deserialize, as they would without
/// bc-invoice in the graph.
#[test]
fn the_services_own_f64_types_deserialize() {
    let event: Event = serde_json::from_str(r#"{"type": "Reading", "celsius": 21.5}"#).unwrap();
    assert_eq!(event, Event::Reading { celsius: 21.5 });
    let event: Event = serde_json::from_str(r#"{"type": "Refund", "amount": 0.10}"#).unwrap();
    assert_eq!(event, Event::Refund { amount: 0.10 });

    let envelope: Envelope = serde_json::from_str(r#"{"id": "m-1", "ratio": 0.25}"#).unwrap();
    assert_eq!(
        envelope,
        Envelope {
            id: "m-1".to_owned(),
            body: Body { ratio: 0.25 }
        }
    );

    let quantities: Vec<Quantity> = serde_json::from_str(r#"[12.5, "by weight", 3]"#).unwrap();
    assert_eq!(
        quantities,
        [
            Quantity::Measured(12.5),
            Quantity::Noted("by weight".to_owned()),
            Quantity::Measured(3.0)
        ]
    );

    // And serde_json's own numbers are the default ones: no text kept.
    let number: serde_json::Number = serde_json::from_str("1.50").unwrap();
    assert_eq!(number.to_string(), "1.5");
}

fn pay_invoice() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/valid/pay-invoice.json"
    );
    std::fs::read_to_string(path).expect("the repository's fixture")
}

/// The fixture with three amounts written otherwise: the payment's `totalAmount` and
/// `netAdjustmentAmount`, and the first invoice's second split's `value`.
fn with_amounts(total: &str, adjustment: &str, split: &str) -> String {
    let mut text = pay_invoice();
    for (member, to) in [
        ("\"totalAmount\": 94521.20", total),
        ("\"netAdjustmentAmount\": 1320.04", adjustment),
        ("\"value\": 70.04", split),
    ] {
        assert!(text.contains(member), "the fixture has {member}");
        let name = member.split(':').next().unwrap();
        text = text.replacen(member, &format!("{name}: {to}"), 1);
    }
    text
}

fn amounts(document: &PayInvoiceRequest) -> [Decimal; 3] {
    let paid = &document.payment.payment_amount;
    let split = &document.payment.invoices_pay_infos[0]
        .invoice_payment_amount
        .as_ref()
        .and_then(|amount| amount.splits.as_ref())
        .expect("splits")[1];
    [
        paid.total_amount.expect("totalAmount"),
        paid.net_adjustment_amount.expect("netAdjustmentAmount"),
        split.value.expect("value"),
    ]
}

fn decimal(text: &str) -> Decimal {
    Decimal::from_str_exact(text).unwrap()
}

/// `94521.20`, `0.10` and a 15-significant-digit amount keep every digit through `parse::<T>` (with the
/// trailing zeros as written) and through plain `serde_json::from_slice::<T>` (the same values).
#[test]
fn amounts_of_up_to_fifteen_digits_are_exact_both_ways() {
    let wanted = ["94521.20", "0.10", "1234567890123.45"];
    let text = with_amounts(wanted[0], wanted[1], wanted[2]);

    let parsed: PayInvoiceRequest = bc_invoice_validate::parse(text.as_bytes()).expect("valid");
    assert_eq!(amounts(&parsed).map(|d| d.to_string()), wanted);

    let plain: PayInvoiceRequest =
        serde_json::from_slice(text.as_bytes()).expect("serde_json reads it");
    assert_eq!(amounts(&plain), wanted.map(decimal));
}

/// A 20-significant-digit amount keeps every digit through `parse::<T>`; plain serde_json, which sees only
/// an `f64`, refuses it rather than rounding it.
#[test]
fn a_twenty_digit_amount_is_exact_through_parse_and_refused_by_plain_serde_json() {
    let long = "123456789012345678.90";
    let text = with_amounts(long, "0.10", "70.04");

    let parsed: PayInvoiceRequest = bc_invoice_validate::parse(text.as_bytes()).expect("valid");
    assert_eq!(amounts(&parsed)[0].to_string(), long);

    let error = serde_json::from_slice::<PayInvoiceRequest>(text.as_bytes()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("has more than 15 significant digits"),
        "{error}"
    );
    assert!(
        error.to_string().contains("bc_invoice_validate::parse"),
        "{error}"
    );
}

/// What the service writes back is what it read: a decimal is written with its digits as held.
#[test]
fn amounts_are_written_as_held() {
    let text = with_amounts("123456789012345678.90", "0.10", "70.04");
    let parsed: PayInvoiceRequest = bc_invoice_validate::parse(text.as_bytes()).expect("valid");
    let written = serde_json::to_string(&parsed).unwrap();
    assert!(
        written.contains("\"totalAmount\":123456789012345678.90"),
        "{written}"
    );
    assert!(
        written.contains("\"netAdjustmentAmount\":0.10"),
        "{written}"
    );
    let report = bc_invoice_validate::Validator::new().check(&parsed);
    assert!(report.is_valid(), "{report:?}");
}
