//! The typed parser of every root type on raw bytes. Beyond not panicking: a document `parse` accepts is
//! one the validator accepts, it writes back to a text `parse` reads to the same document, and
//! `serde_json` alone (the generated types' own checks) accepts nothing the schema refuses.

#![no_main]

use std::fmt::Debug;

use bc_invoice_types::{
    ApiResponse, ChangeInvoiceStatusRequest, ConfirmInvoiceRequest, CreateInvoiceRequest,
    EditInvoiceRequest,
};
use bc_invoice_validate::{Document, ErrorKind, JsonType, parse, validate};
use libfuzzer_sys::fuzz_target;

fn check<T: Document + PartialEq + Debug>(bytes: &[u8]) {
    let report = validate(Some(T::KIND), bytes);
    let valid = report.is_valid();
    if serde_json::from_slice::<T>(bytes).is_ok() && !valid {
        // Known bug (tests/tests/prop_robustness.rs, `a_struct_is_not_read_from_a_json_array`): serde's
        // derived structs also read a JSON array. Anything else the schema refuses is a new bug.
        let only_arrays_for_objects = report.errors.iter().all(|e| {
            matches!(
                e.kind,
                ErrorKind::Type {
                    expected: JsonType::Object,
                    found: JsonType::Array
                }
            )
        });
        assert!(
            only_arrays_for_objects,
            "the {} type accepts a document the schema refuses: {report}",
            T::KIND
        );
    }
    if let Ok(document) = parse::<T>(bytes) {
        assert!(valid);
        let written = serde_json::to_vec_pretty(&document).expect("serializes");
        let again: T = parse(&written).unwrap_or_else(|report| {
            panic!(
                "parse refused what it wrote: {report}\n{}",
                String::from_utf8_lossy(&written)
            )
        });
        assert_eq!(again, document);
    }
}

fuzz_target!(|bytes: &[u8]| {
    check::<CreateInvoiceRequest>(bytes);
    check::<EditInvoiceRequest>(bytes);
    check::<ConfirmInvoiceRequest>(bytes);
    check::<ChangeInvoiceStatusRequest>(bytes);
    check::<ApiResponse>(bytes);
});
