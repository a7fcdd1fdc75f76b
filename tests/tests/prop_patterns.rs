//! Property 5: each pattern newtype's constructor accepts exactly the strings the schema's pattern accepts,
//! as ECMA-262 reads it (the `regress` crate, `u` flag: the JSON Schema dialect) and as the `regex` crate
//! reads it (for `Timestamp`, the pattern and the reference crate's `date-time` format check together);
//! deserializing agrees with the constructor, and the validator agrees too, with a document holding the
//! string in that member.
//!
//! The strings: arbitrary ones, and ones built near each pattern's edges: lengths 0, 1, N and N+1 in 1- to
//! 4-byte characters, a backslash or a quote at the start, middle or end, a trailing newline (which `$`
//! matches before in some dialects), `INV`/`NNV`/`inv`/… prefixes with 31 to 33 letters or digits, and
//! date-times with each field at and just past its range.

use bc_invoice_tests::strategies::schema_model::Schemas;
use bc_invoice_tests::strategies::{
    B2B_ID_MAX, Chars, REMARKS_MAX, SUPPLIER_INVOICE_NUMBER_MAX, WIDTHS, any_char, config,
    reference_date_time,
};
use bc_invoice_types::{B2bId, ObjectId, Remarks, SupplierInvoiceNumber, Timestamp};
use bc_invoice_validate::{DocumentKind, validate};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Value, json};

/// A pattern newtype and where a document holds one.
struct Subject {
    name: &'static str,
    pattern: &'static str,
    /// Whether the constructor accepts the string.
    construct: fn(&str) -> bool,
    /// Whether deserializing a JSON string into the type succeeds.
    deserialize: fn(&str) -> bool,
    /// The valid fixture that holds the member, and where.
    fixture: &'static str,
    kind: DocumentKind,
    pointer: &'static str,
    /// Whether the schema adds `format: date-time` to the pattern.
    date_time: bool,
}

fn deserializes<T: serde::de::DeserializeOwned>(s: &str) -> bool {
    serde_json::from_str::<T>(&serde_json::to_string(s).expect("a string serializes")).is_ok()
}

const OBJECT_ID: Subject = Subject {
    name: "ObjectId",
    pattern: ObjectId::PATTERN,
    construct: |s| ObjectId::try_from(s).is_ok(),
    deserialize: deserializes::<ObjectId>,
    fixture: "valid/confirm-invoice.accept.json",
    kind: DocumentKind::ConfirmInvoice,
    pointer: "/invoiceConfirmation/objectId",
    date_time: false,
};

const B2B_ID: Subject = Subject {
    name: "B2bId",
    pattern: B2bId::PATTERN,
    construct: |s| B2bId::try_from(s).is_ok(),
    deserialize: deserializes::<B2bId>,
    fixture: "valid/confirm-invoice.accept.json",
    kind: DocumentKind::ConfirmInvoice,
    pointer: "/b2bIds/buyerB2BId",
    date_time: false,
};

const SUPPLIER_INVOICE_NUMBER: Subject = Subject {
    name: "SupplierInvoiceNumber",
    pattern: SupplierInvoiceNumber::PATTERN,
    construct: |s| SupplierInvoiceNumber::try_from(s).is_ok(),
    deserialize: deserializes::<SupplierInvoiceNumber>,
    fixture: "valid/confirm-invoice.accept.json",
    kind: DocumentKind::ConfirmInvoice,
    pointer: "/invoiceConfirmation/supplierInvoiceNumber",
    date_time: false,
};

const REMARKS: Subject = Subject {
    name: "Remarks",
    pattern: Remarks::PATTERN,
    construct: |s| Remarks::try_from(s).is_ok(),
    deserialize: deserializes::<Remarks>,
    fixture: "valid/confirm-invoice.accept.json",
    kind: DocumentKind::ConfirmInvoice,
    pointer: "/invoiceConfirmation/buyerRemarks",
    date_time: false,
};

const TIMESTAMP: Subject = Subject {
    name: "Timestamp",
    pattern: Timestamp::PATTERN,
    construct: |s| Timestamp::try_from(s).is_ok(),
    deserialize: deserializes::<Timestamp>,
    fixture: "valid/create-invoice.json",
    kind: DocumentKind::CreateInvoice,
    pointer: "/invoice/ts",
    date_time: true,
};

const SUBJECTS: [&Subject; 5] = [
    &OBJECT_ID,
    &B2B_ID,
    &SUPPLIER_INVOICE_NUMBER,
    &REMARKS,
    &TIMESTAMP,
];

/// The ECMA-262 reading of a pattern (`u` flag), compiled once per pattern.
fn ecma(pattern: &str) -> &'static regress::Regex {
    use std::collections::BTreeMap;
    use std::sync::{LazyLock, Mutex};
    static CACHE: LazyLock<Mutex<BTreeMap<String, &'static regress::Regex>>> =
        LazyLock::new(|| Mutex::new(BTreeMap::new()));
    let mut cache = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    cache.entry(pattern.to_owned()).or_insert_with(|| {
        Box::leak(Box::new(
            regress::Regex::with_flags(pattern, "u").expect("an ECMA-262 pattern"),
        ))
    })
}

/// The Rust `regex` reading of a pattern, compiled once per pattern.
fn rust(pattern: &str) -> &'static regex::Regex {
    use std::collections::BTreeMap;
    use std::sync::{LazyLock, Mutex};
    static CACHE: LazyLock<Mutex<BTreeMap<String, &'static regex::Regex>>> =
        LazyLock::new(|| Mutex::new(BTreeMap::new()));
    let mut cache = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    cache
        .entry(pattern.to_owned())
        .or_insert_with(|| Box::leak(Box::new(regex::Regex::new(pattern).expect("a pattern"))))
}

fn fixture(path: &str) -> Value {
    bc_invoice_tests::read_json(&bc_invoice_tests::fixtures_dir().join(path))
}

fn agrees(subject: &Subject, s: &str) -> Result<(), TestCaseError> {
    // JSON Schema searches for a pattern (the schema's are anchored): `find`, not a whole-string match.
    let by_ecma = ecma(subject.pattern).find(s).is_some();
    let by_rust = rust(subject.pattern).is_match(s);
    prop_assert_eq!(
        by_ecma,
        by_rust,
        "{} pattern: ECMA-262 and regex disagree on {:?}",
        subject.name,
        s
    );
    let by_format = !subject.date_time || reference_date_time(s);
    let schema_accepts = by_ecma && by_format;
    prop_assert_eq!(
        (subject.construct)(s),
        schema_accepts,
        "{}::try_from({:?}); pattern {}, format {}",
        subject.name,
        s,
        by_ecma,
        by_format
    );
    prop_assert_eq!(
        (subject.deserialize)(s),
        schema_accepts,
        "deserializing {:?}",
        s
    );

    let mut document = fixture(subject.fixture);
    *document
        .pointer_mut(subject.pointer)
        .expect("the fixture has the member") = json!(s);
    let text = serde_json::to_string_pretty(&document).expect("serializes");
    let report = validate(Some(subject.kind), text.as_bytes());
    let errors: Vec<(&str, &str)> = report
        .errors
        .iter()
        .map(|e| (e.pointer.as_str(), e.keyword()))
        .collect();
    let expected = match (by_ecma, by_format) {
        (true, true) => vec![],
        (false, _) => vec![(subject.pointer, "pattern")],
        (true, false) => vec![(subject.pointer, "format")],
    };
    prop_assert_eq!(errors, expected, "the validator on {:?}", s);
    Ok(())
}

/// Arbitrary strings: any characters, any length up to past the longest pattern's.
fn arbitrary() -> impl Strategy<Value = String> {
    prop_oneof![
        vec(any_char(), 0..=40).prop_map(String::from_iter),
        vec(any_char(), 90..=110).prop_map(String::from_iter),
        any::<String>(),
    ]
}

/// Where a forbidden character goes.
#[derive(Debug, Clone, Copy)]
enum Place {
    Start,
    Middle,
    End,
}

/// Strings near the edges of `^[^\\"]{1,max}$`: lengths 0, 1, max − 1, max and max + 1 in characters of
/// one UTF-8 width (or mixed), maybe a backslash or a quote at the start, middle or end, maybe a trailing
/// newline.
fn limited_edges(max: usize) -> impl Strategy<Value = String> {
    (
        select(vec![0, 1, 2, max - 1, max, max + 1]),
        prop_oneof![Just(None), select(WIDTHS.to_vec()).prop_map(Some)],
        option::of((
            select(vec!['\\', '"']),
            select(vec![Place::Start, Place::Middle, Place::End]),
        )),
        any::<bool>(),
        any::<u64>(),
    )
        .prop_map(|(length, width, intruder, newline, seed)| {
            let mut chars = Chars::new(seed);
            let mut s: Vec<char> = (0..length)
                .map(|_| {
                    loop {
                        let c = match width {
                            Some(width) => chars.of_width(width),
                            None => chars.any(),
                        };
                        if !matches!(c, '\\' | '"') {
                            break c;
                        }
                    }
                })
                .collect();
            if let Some((c, place)) = intruder {
                match (place, s.len()) {
                    (_, 0) => s.push(c),
                    (Place::Start, _) => s[0] = c,
                    (Place::Middle, n) => s[n / 2] = c,
                    (Place::End, n) => s[n - 1] = c,
                }
            }
            if newline {
                s.push('\n');
            }
            String::from_iter(s)
        })
}

/// Strings near the edges of `^[INV]{3}[A-Za-z0-9]{32,32}$`.
fn object_id_edges() -> impl Strategy<Value = String> {
    let prefix = select(vec![
        "INV", "NNV", "VIN", "III", "VVV", "inv", "Inv", "INX", "XNV", "IN", "INVV", "", "ÍNV",
    ]);
    let body_char = prop_oneof![
        6 => prop_oneof![
            proptest::char::range('A', 'Z'),
            proptest::char::range('a', 'z'),
            proptest::char::range('0', '9'),
        ],
        // Letters and digits outside ASCII, and the ASCII neighbours of the ranges.
        1 => select(vec![
            'é', 'İ', 'K', 'ſ', '٣', '０', 'Ａ', '😀', '@', '[', '`', '{', '/', ':', '_', '-', ' ',
        ]),
    ];
    (prefix, vec(body_char, 30..=34), any::<bool>()).prop_map(|(prefix, body, newline)| {
        let mut s = format!("{prefix}{}", String::from_iter(body));
        if newline {
            s.push('\n');
        }
        s
    })
}

/// Date-times with each field at or just past its range: year, month, day (28–32, leap years), hour,
/// minute, second (60 and 61), fraction (none, empty, long), separator and offset.
fn timestamp_edges() -> impl Strategy<Value = String> {
    (
        (
            select(vec![
                "0000", "1900", "2000", "2024", "2026", "9999", "999", "20240",
            ]),
            select(vec!["00", "01", "02", "04", "12", "13", "1", "1a"]),
            select(vec!["00", "01", "28", "29", "30", "31", "32", "9"]),
            select(vec!["T", "t", " ", "_", "TT"]),
        ),
        (
            select(vec!["00", "23", "24", "7"]),
            select(vec!["00", "59", "60"]),
            select(vec!["00", "59", "60", "61", "5"]),
            select(vec!["", ".", ".0", ".123456789012", ",5"]),
            select(vec![
                "Z", "z", "+00:00", "-00:00", "+05:30", "-23:59", "+23:59", "+24:00", "+05:60",
                "+0530", "+05", "", "ZZ", "UTC",
            ]),
        ),
        any::<bool>(),
    )
        .prop_map(
            |((year, month, day, t), (hour, minute, second, fraction, offset), newline)| {
                let newline = if newline { "\n" } else { "" };
                format!(
                    "{year}-{month}-{day}{t}{hour}:{minute}:{second}{fraction}{offset}{newline}"
                )
            },
        )
}

#[test]
fn the_subjects_patterns_are_the_schemas_and_their_members_hold_them() {
    // The property tests the schema's patterns: each newtype's PATTERN is the pattern of the member the
    // property puts strings in, and the fixture's own value is accepted.
    let schemas = Schemas::shared();
    for subject in SUBJECTS {
        let document = fixture(subject.fixture);
        let site = schemas
            .sites(subject.kind.as_str(), &document)
            .into_iter()
            .find(|s| s.pointer() == subject.pointer)
            .unwrap_or_else(|| panic!("{}: no site {}", subject.name, subject.pointer));
        assert_eq!(
            site.node.pattern(),
            Some(subject.pattern),
            "{}",
            subject.name
        );
        assert_eq!(site.node.format() == Some("date-time"), subject.date_time);
        let value = document.pointer(subject.pointer).unwrap().as_str().unwrap();
        assert!((subject.construct)(value), "{}: {value}", subject.name);
    }
    // The edges: exactly N characters pass, N + 1 do not, four-byte characters count once.
    assert!((B2B_ID.construct)(&"😀".repeat(100)));
    assert!(!(B2B_ID.construct)(&"😀".repeat(101)));
    assert!((SUPPLIER_INVOICE_NUMBER.construct)(&"é".repeat(50)));
    assert!(!(SUPPLIER_INVOICE_NUMBER.construct)(&"é".repeat(51)));
    assert!(!(REMARKS.construct)(""));
    assert!((OBJECT_ID.construct)(&format!("NNV{}", "a".repeat(32))));
    assert!(!(OBJECT_ID.construct)(&format!("INV{}\n", "a".repeat(32))));
    assert!(!(TIMESTAMP.construct)("2026-02-29T10:15:00Z"));
    assert!((TIMESTAMP.construct)("2024-02-29T10:15:00Z"));
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn object_id_accepts_what_its_pattern_accepts(s in prop_oneof![arbitrary(), object_id_edges()]) {
        agrees(&OBJECT_ID, &s)?;
    }

    #[test]
    fn b2b_id_accepts_what_its_pattern_accepts(
        s in prop_oneof![arbitrary(), limited_edges(B2B_ID_MAX)],
    ) {
        agrees(&B2B_ID, &s)?;
    }

    #[test]
    fn supplier_invoice_number_accepts_what_its_pattern_accepts(
        s in prop_oneof![arbitrary(), limited_edges(SUPPLIER_INVOICE_NUMBER_MAX)],
    ) {
        agrees(&SUPPLIER_INVOICE_NUMBER, &s)?;
    }

    #[test]
    fn remarks_accepts_what_its_pattern_accepts(
        s in prop_oneof![arbitrary(), limited_edges(REMARKS_MAX)],
    ) {
        agrees(&REMARKS, &s)?;
    }

    #[test]
    fn timestamp_accepts_what_its_pattern_and_format_accept(
        s in prop_oneof![
            1 => arbitrary(),
            3 => timestamp_edges(),
            1 => bc_invoice_tests::strategies::timestamp_text(),
        ],
    ) {
        agrees(&TIMESTAMP, &s)?;
    }
}

#[test]
fn width_edges_are_drawn() {
    // The edge strategy makes N characters of each width, so the 1- and N-character edges are met in
    // 1- to 4-byte characters.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = limited_edges(B2B_ID_MAX);
    let mut widths = std::collections::BTreeSet::new();
    for _ in 0..2000 {
        let s = proptest::strategy::ValueTree::current(&strategy.new_tree(&mut runner).unwrap());
        let count = s.chars().count();
        if count == 100 && !s.contains(['\\', '"', '\n']) {
            let lengths: std::collections::BTreeSet<usize> =
                s.chars().map(char::len_utf8).collect();
            if lengths.len() == 1 {
                widths.insert(*lengths.iter().next().unwrap());
            }
        }
    }
    assert_eq!(widths, [1, 2, 3, 4].into_iter().collect());
}
