//! Memory the validator takes beyond the document, on hostile documents (issue 28): measured as the
//! process's peak resident set (Linux `VmHWM`), reset just before each validation (`/proc/self/clear_refs`),
//! minus the resident set then. The document is already in memory, so the bound is a constant, whatever
//! the document's size. One test in this binary, so no other test's memory is counted. No assertion is
//! about time.

use bc_invoice_validate::{DocumentKind, RuleId, RuleLevel, RuleSet, Validator};

/// The most the validator may take beyond the document: the report's 1,000 findings and the walk's state.
const BOUND: usize = 16 << 20;

/// A `VmHWM` or `VmRSS` line of `/proc/self/status`, in bytes.
fn status(field: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    let kb: usize = line[field.len()..]
        .trim()
        .trim_end_matches(" kB")
        .parse()
        .unwrap();
    kb << 10
}

/// The peak memory validating `text` takes beyond what the process holds before, and the report's
/// numbers of errors, warnings and omitted findings.
fn peak(validator: &Validator, kind: DocumentKind, text: &str) -> (usize, (usize, usize, usize)) {
    std::fs::write("/proc/self/clear_refs", "5").expect("the peak resident set can be reset");
    let before = status("VmRSS:");
    let report = validator.validate(Some(kind), text.as_bytes());
    let counts = (report.errors.len(), report.warnings.len(), report.omitted);
    drop(report);
    (status("VmHWM:").saturating_sub(before), counts)
}

fn fixture(name: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/valid/");
    std::fs::read_to_string(format!("{path}{name}")).unwrap()
}

/// The create-invoice fixture with `items` items of only a bad `hsnCode` each: one rule finding and a
/// few schema findings per item.
fn bad_items(items: usize) -> String {
    let fixture = fixture("create-invoice.json");
    let start = fixture.find("\"itemLists\": [").unwrap() + "\"itemLists\": [".len();
    let end = start + fixture[start..].find("\n    ],").unwrap();
    let mut text = String::with_capacity(items * 20 + fixture.len());
    text.push_str(&fixture[..start]);
    for i in 0..items {
        if i > 0 {
            text.push(',');
        }
        text.push_str("{\"hsnCode\":\"1\"}");
    }
    text.push_str(&fixture[end..]);
    text
}

#[test]
fn hostile_documents_take_no_memory_that_grows_with_them() {
    if !std::path::Path::new("/proc/self/clear_refs").exists() {
        eprintln!("no /proc/self/clear_refs: nothing measured");
        return;
    }
    let mut failures = Vec::new();
    let default = Validator::new();
    let mut check_with = |validator: &Validator, what: &str, kind: DocumentKind, text: String| {
        let (taken, counts) = peak(validator, kind, &text);
        eprintln!(
            "{what}: {} MB document, {:.1} MiB taken beyond it, (errors, warnings, omitted) {counts:?}",
            text.len() / 1_000_000,
            taken as f64 / f64::from(1 << 20)
        );
        if taken > BOUND {
            failures.push(format!("{what}: {taken} bytes beyond the document"));
        }
        counts
    };
    let mut check =
        |what: &str, kind: DocumentKind, text: String| check_with(&default, what, kind, text);

    // Item 1: rule findings past the 1,000 kept are counted, not kept.
    let (errors, warnings, omitted) = check(
        "1,000,000 items with a bad hsnCode",
        DocumentKind::CreateInvoice,
        bad_items(1_000_000),
    );
    assert_eq!((errors, warnings, omitted), (0, 1000, 999_000));

    // Items 3 and 4: the spelling check folds no further than the longest known value.
    let invoice = fixture("create-invoice.json");
    let country = invoice.replacen(
        "\"country\": \"INDIA\"",
        &format!("\"country\": \"{}\"", "&".repeat(20_000_000)),
        1,
    );
    check(
        "20 M '&' in address.country",
        DocumentKind::CreateInvoice,
        country,
    );
    let state = invoice.replacen(
        "\"state\": \"MAHARASHTRA\"",
        &format!("\"state\": \"{}\"", "A".repeat(10_000_000)),
        1,
    );
    check("10 MB address.state", DocumentKind::CreateInvoice, state);

    // Item 2: one escape in a long string does not copy it.
    let remarks = fixture("confirm-invoice.accept.json").replacen(
        "Goods received in good condition; approved for payment",
        &format!("\\n{}", "a".repeat(100_000_000)),
        1,
    );
    let (errors, _, _) = check(
        "buyerRemarks: an escape and 100 MB",
        DocumentKind::ConfirmInvoice,
        remarks,
    );
    assert_eq!(errors, 1);
    let unknown = fixture("confirm-invoice.accept.json").replacen(
        "\"buyerRemarks\"",
        &format!(
            "\"note\": \"\\n{}\", \"buyerRemarks\"",
            "a".repeat(100_000_000)
        ),
        1,
    );
    check(
        "an undeclared member's value: an escape and 100 MB",
        DocumentKind::ConfirmInvoice,
        unknown,
    );

    // The names the amounts rules read word by word (an `itemValueDetails` type, an `otherTaxes` name, an
    // `otherValues` type): a 20 MB name took a list of its characters (4 bytes each) and of its words
    // (tens of bytes each): 650 MiB for one of 10 M two-letter words.
    for (what, name) in [
        ("10 M words", "aB".repeat(10_000_000)),
        ("one 20 MB word", "A".repeat(20_000_000)),
        ("10 M numbers", "1 ".repeat(10_000_000)),
        ("5 M rates", "5% ".repeat(5_000_000)),
    ] {
        for (member, written) in [
            ("itemValueDetails type", "\"type\": \"DISCOUNT\""),
            ("otherTaxes name", "\"name\": \"CESS\""),
        ] {
            let key = &written[..written.find(':').unwrap()];
            let text = invoice.replacen(written, &format!("{key}: \"{name}\""), 1);
            check(
                &format!("{member}: {what}"),
                DocumentKind::CreateInvoice,
                text,
            );
        }
    }

    // A member with known values and no other check, its spelling check off: an escaped value is read
    // by nothing, so it is not decoded (the spelling check on decodes it: docs/cli.md).
    let mut rules = RuleSet::default();
    rules.set(RuleId::KnownValues, RuleLevel::Allow);
    let tag = fixture("confirm-invoice.accept.json").replacen(
        "\"GEOCODE\"",
        &format!("\"{}\"", "\\/".repeat(20_000_000)),
        1,
    );
    check_with(
        &Validator::new().rules(rules),
        "device.tag.name: 20 M escapes, known-values off",
        DocumentKind::ConfirmInvoice,
        tag,
    );

    assert!(failures.is_empty(), "{failures:#?}");
}
