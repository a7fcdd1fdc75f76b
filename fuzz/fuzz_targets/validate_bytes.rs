//! The validator on raw bytes: told no kind (detection), told each kind of `DocumentKind::ALL` (so a new
//! kind is fuzzed with no edit here), and strict with a small report limit. Beyond not panicking, every
//! report must be coherent: a finding's line and column are those of its byte offset, and the strict,
//! limited report counts as many findings as the default one.

#![no_main]

use bc_invoice_validate::{DocumentKind, Report, Validator, validate};
use libfuzzer_sys::fuzz_target;

/// 1-based line and column (in characters) of a byte offset, counted independently of the validator.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, 1 + before[line_start..].chars().count())
}

fn check_positions(bytes: &[u8], report: &Report) {
    assert_eq!(report.is_valid(), report.errors.is_empty());
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    for finding in report.findings() {
        let offset = finding.position.offset;
        assert!(
            offset <= text.len() && text.is_char_boundary(offset),
            "{finding}"
        );
        assert_eq!(
            (finding.position.line, finding.position.column),
            line_column(text, offset),
            "{finding}"
        );
    }
}

fuzz_target!(|bytes: &[u8]| {
    let detected = validate(None, bytes);
    check_positions(bytes, &detected);
    let strict = Validator::new().strict(true).max_findings(2);
    for &kind in DocumentKind::ALL {
        let report = validate(Some(kind), bytes);
        check_positions(bytes, &report);
        let limited = strict.validate(Some(kind), bytes);
        assert!(limited.errors.len() <= 2 && limited.warnings.is_empty());
        if !report.errors.iter().any(|e| e.keyword() == "syntax") {
            assert_eq!(
                limited.errors.len() + limited.omitted,
                report.errors.len() + report.warnings.len() + report.omitted
            );
        }
    }
});
