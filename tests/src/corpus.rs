//! Realistic documents of any size, for the benchmarks and the command-line measurements: create-invoice
//! requests built from the valid fixture with `n` items whose amounts and totals add up, pretty-printed,
//! and invalid variants with a known number of errors.

use bc_invoice_validate::DocumentKind;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::{fixtures_dir, read_json};

/// A valid create-invoice request with `items` items (cycling through the fixture's four lines, each with
/// its own serial number), totals recomputed so that every rule is satisfied, pretty-printed.
pub fn create_invoice(items: usize) -> Vec<u8> {
    serde_json::to_vec_pretty(&create_invoice_value(items)).expect("a Value serializes")
}

/// [`create_invoice`] as a `Value`.
pub fn create_invoice_value(items: usize) -> Value {
    let mut doc = read_json(&fixtures_dir().join("valid/create-invoice.json"));
    let lines = doc["invoice"]["itemLists"]
        .as_array()
        .expect("items")
        .clone();
    let mut assessment = Decimal::ZERO;
    let mut total = Decimal::ZERO;
    let mut list = Vec::with_capacity(items);
    for i in 0..items {
        let mut line = lines[i % lines.len()].clone();
        line["serialno"] = Value::String((i + 1).to_string());
        assessment += decimal(&line["assessmentAmount"]);
        total += decimal(&line["totalItemValue"]);
        list.push(line);
    }
    doc["invoice"]["itemLists"] = Value::Array(list);
    doc["invoice"]["valueDetails"]["assessmentValue"] = number(assessment);
    doc["invoice"]["valueDetails"]["totalInvoiceValue"] = number(total);
    let advance = &mut doc["invoice"]["advancePaymentDetails"];
    advance["pendingDueAmount"] = number(total);
    doc["invoice"]["invoiceFinancingDetails"]["dueAmount"] = number(total);
    let half = (total / Decimal::TWO).round_dp(2);
    let milestones = &mut doc["invoice"]["paymentMilestones"];
    milestones[0]["dueAmount"] = number(half);
    milestones[1]["dueAmount"] = number(total - half);
    doc
}

/// A create-invoice request with `items` items and exactly `errors` schema errors (1 to 20), each at a
/// different place and of one of five kinds: pattern, type, unknown member, required, format.
pub fn invalid_create_invoice(items: usize, errors: usize) -> Vec<u8> {
    assert!(
        (1..=20).contains(&errors) && items >= 20,
        "1 to 20 errors in at least 20 items"
    );
    let mut doc = create_invoice_value(items);
    let invoice = &mut doc["invoice"];
    let mut made = 0;
    let next = |made: &mut usize| {
        *made += 1;
        *made <= errors
    };
    if next(&mut made) {
        invoice["objectId"] = "INV-not-a-thread-id".into();
    }
    if next(&mut made) {
        invoice["ts"] = "20/11/2026 10:15".into();
    }
    if next(&mut made) {
        invoice["supplierInvoiceNumber"] = Value::String("N".repeat(51));
    }
    if next(&mut made) {
        invoice["objectVersion"]
            .as_object_mut()
            .expect("object")
            .remove("newVersion");
    }
    if next(&mut made) {
        let shipping = invoice["shippingDetails"].as_object_mut().expect("object");
        let name = shipping.remove("lglNm").expect("lglNm");
        shipping.insert("legalName".to_owned(), name);
    }
    let step = items / 16;
    for k in 0..15 {
        if !next(&mut made) {
            break;
        }
        let item = &mut invoice["itemLists"][k * step];
        match k % 5 {
            0 => item["quantity"] = Value::String("12".to_owned()),
            1 => item["hsnCode"] = Value::from(52081190),
            2 => item["discount"] = Value::from(10),
            3 => item["isService"] = Value::Bool(false),
            _ => item["gstRate"] = Value::String("18%".to_owned()),
        }
    }
    serde_json::to_vec_pretty(&doc).expect("a Value serializes")
}

fn decimal(value: &Value) -> Decimal {
    value
        .to_string()
        .parse()
        .expect("fixture amounts are decimals")
}

fn number(value: Decimal) -> Value {
    serde_json::from_str(&value.to_string()).expect("a decimal is a JSON number")
}

/// One valid document of each payment kind, as the benchmark and the profiler name them: the input's name,
/// its kind, and its file under `tests/fixtures/valid/`.
pub const PAYMENT_DOCUMENTS: &[(&str, DocumentKind, &str)] = &[
    ("pay-invoice", DocumentKind::PayInvoice, "pay-invoice.json"),
    (
        "payment-confirmation",
        DocumentKind::PaymentConfirmation,
        "payment-confirmation.accept.json",
    ),
    (
        "payment-confirmation-response",
        DocumentKind::PaymentConfirmationResponse,
        "payment-confirmation-response.json",
    ),
    (
        "payment-response",
        DocumentKind::PaymentResponse,
        "payment-response.json",
    ),
];
