//! Validates a document from bytes (every error, with pointer, keyword, line and column), then parses one
//! into its typed form in the same call.

use bc_invoice_types::ConfirmInvoiceRequest;
use bc_invoice_validate::{DocumentKind, ErrorKind, Validator, parse, validate};

fn main() {
    let text = br#"{
  "device": {"tag": {"name": "GEOCODE", "value": "12.9716,77.5946"}},
  "b2bIds": {"buyerB2BId": "BCB2B29AABCS7314M", "supplierB2BId": "BCB2B27AAKCK4821P"},
  "invoiceConfirmation": {
    "objectId": "INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c",
    "supplierInvoiceNumber": "KT/2026-27/000142",
    "objectVersion": {"currentVersion": 2, "newVersion": 3},
    "buyerResponse": "MAYBE",
    "buyerRemarks": "Goods received",
    "statusTransition": {"currentStatus": "CREATED", "newStatus": "ACCEPTED"}
  }
}"#;

    // `None` detects the kind from the top-level members; every error is reported, not the first.
    let report = validate(None, text);
    assert_eq!(report.kind, Some(DocumentKind::ConfirmInvoice));
    for error in &report.errors {
        println!("{error}");
    }
    // Errors are facts to match on, not messages to parse.
    let error = &report.errors[0];
    assert_eq!(error.pointer.as_str(), "/invoiceConfirmation/buyerResponse");
    assert!(matches!(&error.kind, ErrorKind::Enum { options } if options.len() == 3));
    assert_eq!((error.position.line, error.position.column), (8, 22));

    // The typed entry point: the document, or the same report.
    let fixed = String::from_utf8_lossy(text).replace("MAYBE", "ACCEPT");
    let request: ConfirmInvoiceRequest = parse(fixed.as_bytes()).expect("valid");
    println!(
        "{} is {}",
        request.invoice_confirmation.object_id, request.invoice_confirmation.buyer_response
    );

    // Warnings (rules beyond the schema) are kept apart; `strict` makes them errors.
    let misspelt = fixed.replace("\"ACCEPTED\"", "\"ACEPTED\"");
    let report = Validator::new()
        .strict(true)
        .validate(None, misspelt.as_bytes());
    println!("strict: {}", report.errors[0]);
}
