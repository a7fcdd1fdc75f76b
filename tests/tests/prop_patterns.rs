//! Property 5: every pattern the schema declares, in every kind, is read alike by ECMA-262 (the `regress`
//! crate, `u` flag: the JSON Schema dialect) and by the `regex` crate; the generated type that holds a
//! member with that pattern accepts exactly the strings the schema accepts (the pattern, and for a
//! `date-time` the reference crate's format check too), when a document holding the string in that member
//! is deserialized with `serde_json` alone and when it is parsed by the validator's typed entry point; and
//! the validator reports exactly that member's `pattern` or `format`, or nothing.
//!
//! The subjects come from the schema: each pattern's first member in a document, in a generated valid
//! document of that kind (its carrier). The strings: arbitrary ones, strings the pattern matches, and
//! strings near its edges: for a class-repetition pattern (`^[class]{m,n}…$`) each step's count at, and one
//! past, its minimum and maximum, in 1- to 4-byte characters, with a character from outside its class (the
//! backslash, the quote, a neighbour of the class, another step's) at the start, middle or end, and a
//! trailing newline (which `$` matches before in some dialects); for any other pattern, its matches with
//! one character inserted, replaced or removed; for a date-time, each field at and just past its range.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use bc_invoice_tests::no_rule_denies;
use bc_invoice_tests::strategies::document::{document, realize, sample};
use bc_invoice_tests::strategies::pattern::{
    Step, class_edges, class_steps, near_edges, pattern_string,
};
use bc_invoice_tests::strategies::schema_model::Schemas;
use bc_invoice_tests::strategies::{
    Chars, WIDTHS, Width, any_char, config, reference_date_time, timestamp_text,
};
use bc_invoice_validate::{AnyDocument, DocumentKind};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::Union;
use serde_json::{Value, json};

/// A pattern the schema declares, and a valid document that holds a value with it.
#[derive(Debug)]
struct Subject {
    /// The pattern's schema location (`common.schema.json#/$defs/objectId`).
    location: String,
    pattern: &'static str,
    /// Whether the schema adds `format: date-time` to the pattern.
    date_time: bool,
    /// The document kind, member and valid document that carry it.
    kind: DocumentKind,
    pointer: String,
    carrier: Value,
}

/// Every pattern of the schema, once, at the first member that has it in the first kind that has it.
fn subjects() -> &'static [Subject] {
    static SUBJECTS: LazyLock<Vec<Subject>> = LazyLock::new(|| {
        let schemas = Schemas::shared();
        let mut runner = bc_invoice_tests::strategies::deterministic();
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for &kind in DocumentKind::ALL {
            for site in schemas.nodes(kind.as_str()) {
                let Some(pattern) = site.node.pattern() else {
                    continue;
                };
                if !seen.insert(site.node.location().to_owned()) {
                    continue;
                }
                let mut carrier = sample(&document(kind.as_str()), &mut runner);
                realize(kind.as_str(), &mut carrier, &site.path, &mut runner);
                out.push(Subject {
                    location: site.node.location().to_owned(),
                    pattern,
                    date_time: site.node.format() == Some("date-time"),
                    kind,
                    pointer: site.pointer(),
                    carrier,
                });
            }
        }
        out
    });
    &SUBJECTS
}

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

fn agrees(subject: &Subject, s: &str) -> Result<(), TestCaseError> {
    // JSON Schema searches for a pattern (the schema's are anchored): `find`, not a whole-string match.
    let by_ecma = ecma(subject.pattern).find(s).is_some();
    let by_rust = rust(subject.pattern).is_match(s);
    prop_assert_eq!(
        by_ecma,
        by_rust,
        "{}: ECMA-262 and regex disagree on {:?}",
        subject.pattern,
        s
    );
    let by_format = !subject.date_time || reference_date_time(s);
    let schema_accepts = by_ecma && by_format;

    let mut document = subject.carrier.clone();
    *document
        .pointer_mut(&subject.pointer)
        .expect("the carrier has the member") = json!(s);
    let text = serde_json::to_string_pretty(&document).expect("serializes");
    let kind = subject.kind;

    // The generated type's own check (what its constructors run), through deserializing the document.
    let typed = AnyDocument::from_slice_unvalidated(kind, text.as_bytes());
    prop_assert_eq!(
        typed.is_ok(),
        schema_accepts,
        "{} ({} at {}) on {:?}: pattern {}, format {}: {:?}",
        subject.location,
        kind,
        subject.pointer,
        s,
        by_ecma,
        by_format,
        typed.err()
    );
    let parsed = no_rule_denies().parse_any(Some(kind), text.as_bytes());
    prop_assert_eq!(parsed.is_ok(), schema_accepts, "parse_any on {:?}", s);

    let report = no_rule_denies().validate(Some(kind), text.as_bytes());
    let errors: Vec<(&str, &str)> = report
        .errors
        .iter()
        .map(|e| (e.pointer.as_str(), e.keyword()))
        .collect();
    let expected = match (by_ecma, by_format) {
        (true, true) => vec![],
        (false, _) => vec![(subject.pointer.as_str(), "pattern")],
        (true, false) => vec![(subject.pointer.as_str(), "format")],
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

/// The strings of the property for one subject: arbitrary ones, ones the pattern matches, ones near its
/// edges, and for a date-time valid and edge date-times.
fn strings(subject: &Subject) -> BoxedStrategy<String> {
    let pattern = subject.pattern;
    if subject.date_time {
        prop_oneof![
            1 => arbitrary(),
            1 => near_edges(pattern),
            3 => timestamp_edges(),
            1 => timestamp_text(),
        ]
        .boxed()
    } else {
        prop_oneof![
            1 => arbitrary(),
            1 => pattern_string(pattern),
            2 => near_edges(pattern),
        ]
        .boxed()
    }
}

/// A subject (by index) and a string to put in its member: every pattern alike.
fn pattern_cases() -> BoxedStrategy<(usize, String)> {
    let arms: Vec<BoxedStrategy<(usize, String)>> = subjects()
        .iter()
        .enumerate()
        .map(|(index, subject)| strings(subject).prop_map(move |s| (index, s)).boxed())
        .collect();
    Union::new(arms).boxed()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_pattern_is_read_alike_and_its_type_accepts_what_the_schema_accepts(
        (index, s) in pattern_cases(),
    ) {
        agrees(&subjects()[index], &s)?;
    }
}

#[test]
fn every_pattern_of_the_schema_is_a_subject_with_a_valid_carrier() {
    let schemas = Schemas::shared();
    let mut locations = BTreeSet::new();
    for &kind in DocumentKind::ALL {
        for site in schemas.nodes(kind.as_str()) {
            if site.node.pattern().is_some() {
                locations.insert(site.node.location().to_owned());
            }
        }
    }
    let subjects = subjects();
    assert_eq!(
        subjects
            .iter()
            .map(|s| s.location.clone())
            .collect::<BTreeSet<_>>(),
        locations
    );
    assert!(subjects.len() >= 4, "{subjects:#?}");
    assert!(subjects.iter().any(|s| s.date_time));
    for subject in subjects {
        let text = serde_json::to_string_pretty(&subject.carrier).unwrap();
        let report = no_rule_denies().validate(Some(subject.kind), text.as_bytes());
        assert!(report.is_valid(), "{}: {report}", subject.location);
        let value = subject
            .carrier
            .pointer(&subject.pointer)
            .unwrap()
            .as_str()
            .unwrap();
        assert!(
            rust(subject.pattern).is_match(value),
            "{}: {value}",
            subject.location
        );
        assert!(ecma(subject.pattern).find(value).is_some());
    }
}

/// A string of `counts[i]` characters of each step's class, of one width where the class has it.
fn build(steps: &[Step], counts: &[u32], width: Option<Width>, seed: u64) -> String {
    let mut chars = Chars::new(seed);
    let mut out = String::new();
    for (step, count) in steps.iter().zip(counts) {
        for _ in 0..*count {
            out.push(step.draw(width, &mut chars));
        }
    }
    out
}

#[test]
fn class_patterns_take_their_shortest_and_longest_strings_in_every_width_and_no_more() {
    // Exactly N characters pass and N + 1 do not, four-byte characters counting once: checked through
    // `agrees`, which also wants the pattern's verdict from the type and the validator.
    let mut checked = 0;
    for subject in subjects() {
        let Some(steps) = class_steps(subject.pattern) else {
            continue;
        };
        let shortest: Vec<u32> = steps.iter().map(|s| s.min).collect();
        let longest: Vec<u32> = steps.iter().map(Step::high).collect();
        for width in [None].into_iter().chain(WIDTHS.map(Some)) {
            for seed in 0..4 {
                for counts in [&shortest, &longest] {
                    let s = build(&steps, counts, width, seed);
                    assert!(
                        rust(subject.pattern).is_match(&s),
                        "{}: {s:?}",
                        subject.pattern
                    );
                    agrees(subject, &s).unwrap();
                    checked += 1;
                }
                // One character more than every step's maximum, or less than every minimum, is refused.
                if steps.iter().all(|s| s.max.is_some()) {
                    let mut s = build(&steps, &longest, width, seed);
                    s.push(steps.last().unwrap().draw(width, &mut Chars::new(seed)));
                    assert!(
                        !rust(subject.pattern).is_match(&s),
                        "{}: {s:?}",
                        subject.pattern
                    );
                    agrees(subject, &s).unwrap();
                }
                if shortest.iter().sum::<u32>() > 0 {
                    let mut s: Vec<char> = build(&steps, &shortest, width, seed).chars().collect();
                    s.pop();
                    let s: String = s.into_iter().collect();
                    assert!(
                        !rust(subject.pattern).is_match(&s),
                        "{}: {s:?}",
                        subject.pattern
                    );
                    agrees(subject, &s).unwrap();
                }
            }
        }
    }
    assert!(checked > 0, "the schema has class-repetition patterns");
}

#[test]
fn width_edges_are_drawn() {
    // The edge strategy makes the longest strings in characters of each width the pattern's classes hold,
    // so the 1- and N-character edges are met in 1- to 4-byte characters.
    let mut runner = bc_invoice_tests::strategies::deterministic();
    for subject in subjects() {
        let Some(steps) = class_steps(subject.pattern) else {
            continue;
        };
        let longest: usize = steps.iter().map(|s| s.high() as usize).sum();
        let expected: BTreeSet<Width> = WIDTHS
            .into_iter()
            .filter(|w| steps.iter().all(|s| s.has_width(*w)))
            .collect();
        let strategy = class_edges(steps.clone());
        let mut widths = BTreeSet::new();
        for _ in 0..3000 {
            let s = sample(&strategy, &mut runner);
            if s.chars().count() == longest && rust(subject.pattern).is_match(&s) {
                let lengths: BTreeSet<Width> = s.chars().map(Width::of).collect();
                if lengths.len() == 1 {
                    widths.extend(lengths);
                }
            }
        }
        assert_eq!(widths, expected, "{}", subject.pattern);
    }
}
