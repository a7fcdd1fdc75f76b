//! The typed parser of every document kind on raw bytes. Beyond not panicking: a document `parse_any`
//! accepts is one the validator accepts, it writes back to a text `parse_any` reads to the same document,
//! and `serde_json` alone (the generated types' own checks) accepts nothing the schema refuses. The kinds
//! are `DocumentKind::ALL`, so a new kind is fuzzed with no edit here.

#![no_main]

use std::sync::LazyLock;

use bc_invoice_validate::{AnyDocument, DocumentKind, RuleLevel, RuleSet, Validator};
use libfuzzer_sys::fuzz_target;

/// The default settings, made once.
static VALIDATOR: LazyLock<Validator> = LazyLock::new(Validator::new);

/// The schema alone: every rule off. The types check what the schema says, not the rules (a REJECT of an
/// ONPLATFORM payment is a well-formed document that a rule at deny refuses).
static SCHEMA_ONLY: LazyLock<Validator> = LazyLock::new(|| {
    let mut rules = RuleSet::default();
    rules.set_all(RuleLevel::Allow);
    Validator::new().rules(rules)
});

fn check(kind: DocumentKind, bytes: &[u8]) {
    let report = SCHEMA_ONLY.validate(Some(kind), bytes);
    if AnyDocument::from_slice_unvalidated(kind, bytes).is_ok() {
        // A JSON array where the schema wants an object included (tests/tests/prop_robustness.rs,
        // `a_struct_is_not_read_from_a_json_array`).
        assert!(
            report.is_valid(),
            "the {kind} type accepts a document the schema refuses: {report}"
        );
    }
    if let Ok(document) = VALIDATOR.parse_any(Some(kind), bytes) {
        assert!(VALIDATOR.validate(Some(kind), bytes).is_valid());
        assert_eq!(document.kind(), kind);
        let written = serde_json::to_vec_pretty(&document).expect("serializes");
        let again = VALIDATOR
            .parse_any(Some(kind), &written)
            .unwrap_or_else(|report| {
                panic!(
                    "parse_any refused what it wrote: {report}\n{}",
                    String::from_utf8_lossy(&written)
                )
            });
        assert_eq!(again, document);
    }
}

fuzz_target!(|bytes: &[u8]| {
    for &kind in DocumentKind::ALL {
        check(kind, bytes);
    }
});
