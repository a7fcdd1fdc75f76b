//! A document's bytes in, every finding out (pointer, line, column, message), then the typed document.

use bc_invoice_types::ConfirmInvoiceRequest;
use bc_invoice_validate::{parse, validate};

fn main() {
    let text =
        std::fs::read("tests/fixtures/docs/confirm-invoice.json").expect("run from the repository");
    let report = validate(None, &text); // None: the kind is detected from the top-level members
    for finding in report.findings() {
        println!("{finding}"); // /invoiceConfirmation/objectId: "string" does not match … (line 13, column 21)
    }

    let valid = std::fs::read("tests/fixtures/valid/confirm-invoice.accept.json").unwrap();
    let request: ConfirmInvoiceRequest = parse(&valid).expect("a valid document");
    println!("{}", request.invoice_confirmation.object_id);
}
