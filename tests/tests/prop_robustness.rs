//! Property 6: arbitrary bytes and arbitrary JSON never panic the validator (told the kind or not, strict
//! or not, with a small report limit) nor the typed parser of any kind.
//!
//! The inputs: arbitrary bytes; valid documents (the fixtures, and generated documents of every kind) with
//! bytes flipped, inserted, removed or cut off; arbitrary JSON (deep and wide, its member names often the
//! schema's, its numbers of every shape: huge, tiny, exponents, `-0`); valid documents of every kind with
//! one value replaced by arbitrary JSON; and nesting thousands of levels deep, bare and inside every member
//! the schema walks into (to four levels).
//!
//! Beyond not panicking, what every report must be: each finding's line and column are those of its byte
//! offset (counted here from the text), a document the typed parser accepts (or `serde_json` alone, with
//! the generated types' checks) is one the validator accepts, and what the typed parser accepts writes
//! back to a text it reads to the same document.

use bc_invoice_tests::no_rule_denies;
use bc_invoice_tests::strategies::document::any_document;
use bc_invoice_tests::strategies::locate::line_column;
use bc_invoice_tests::strategies::schema_model::{Node, Schemas};
use bc_invoice_tests::strategies::{config, text};
use bc_invoice_types::ApiResponse;
use bc_invoice_validate::{AnyDocument, DocumentKind, Report, parse};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value};

/// Every finding's line and column are those of its offset.
fn positions_are_consistent(bytes: &[u8], report: &Report) -> Result<(), TestCaseError> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    for finding in report.findings() {
        let offset = finding.position.offset;
        prop_assert!(offset <= text.len(), "{finding}: offset past the end");
        prop_assert!(
            text.is_char_boundary(offset),
            "{finding}: offset inside a character"
        );
        let (line, column) = line_column(text, offset);
        prop_assert_eq!(
            (finding.position.line, finding.position.column),
            (line, column),
            "{}",
            finding
        );
    }
    Ok(())
}

fn parses(kind: DocumentKind, bytes: &[u8]) -> Result<(), TestCaseError> {
    let report = no_rule_denies().validate(Some(kind), bytes);
    let valid = report.is_valid();
    // The generated types' own checks accept nothing the schema refuses (a JSON array where the schema
    // wants an object included: `a_struct_is_not_read_from_a_json_array` below).
    if AnyDocument::from_slice_unvalidated(kind, bytes).is_ok() {
        prop_assert!(
            valid,
            "the {} type accepts what the schema refuses: {}",
            kind,
            report
        );
    }
    let validator = no_rule_denies();
    if let Ok(document) = validator.parse_any(Some(kind), bytes) {
        prop_assert!(valid);
        prop_assert_eq!(document.kind(), kind);
        let written = serde_json::to_string_pretty(&document).expect("serializes");
        let again = validator
            .parse_any(Some(kind), written.as_bytes())
            .map_err(|report| {
                TestCaseError::fail(format!(
                    "parse_any refused what it wrote: {report}\n{written}"
                ))
            })?;
        prop_assert_eq!(again, document);
    }
    Ok(())
}

/// Runs every entry point on `bytes`.
fn survives(bytes: &[u8]) -> Result<(), TestCaseError> {
    let report = no_rule_denies().validate(None, bytes);
    positions_are_consistent(bytes, &report)?;
    prop_assert_eq!(report.is_valid(), report.errors.is_empty());
    let strict = no_rule_denies().strict(true).max_findings(2);
    for &kind in DocumentKind::ALL {
        let report = no_rule_denies().validate(Some(kind), bytes);
        positions_are_consistent(bytes, &report)?;
        let limited = strict.validate(Some(kind), bytes);
        prop_assert!(limited.errors.len() <= 2);
        prop_assert!(limited.warnings.is_empty());
        if report.errors.iter().any(|e| e.keyword() == "syntax") {
            // A syntax error is the only finding, whatever the settings. (Its report's `omitted` may still
            // count findings made before it: `a_syntax_error_leaves_no_omitted_findings` below.)
            prop_assert_eq!(&limited.errors, &report.errors);
        } else {
            // Strict turns warnings into errors and the limit keeps the first ones, counting the rest.
            prop_assert_eq!(
                limited.errors.len() + limited.omitted,
                report.errors.len() + report.warnings.len() + report.omitted
            );
        }
    }
    for &kind in DocumentKind::ALL {
        parses(kind, bytes)?;
    }
    Ok(())
}

/// The texts of the valid fixtures, pretty and compact.
fn seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for file in bc_invoice_tests::fixture_files("valid")
        .into_iter()
        .chain(bc_invoice_tests::fixture_files("docs"))
    {
        let bytes = std::fs::read(&file).expect("a fixture");
        let value: Value = serde_json::from_slice(&bytes).expect("a JSON fixture");
        out.push(serde_json::to_vec(&value).expect("serializes"));
        out.push(bytes);
    }
    out
}

/// A byte-level edit.
#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, u8),
    Remove(usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let interesting = prop_oneof![
        any::<u8>(),
        select(b"{}[]\",:\\0123456789-.eE+ntfu \n\t\x00\xff\xc3\xe2\xf0".to_vec()),
    ];
    prop_oneof![
        (any::<usize>(), interesting.clone()).prop_map(|(at, b)| Edit::Flip(at, b)),
        (any::<usize>(), interesting).prop_map(|(at, b)| Edit::Insert(at, b)),
        any::<usize>().prop_map(Edit::Remove),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

/// A valid document of any kind, pretty or compact.
fn valid_bytes() -> impl Strategy<Value = Vec<u8>> {
    (any_document(), any::<bool>()).prop_map(|((_, document), pretty)| {
        if pretty {
            serde_json::to_vec_pretty(&document)
        } else {
            serde_json::to_vec(&document)
        }
        .expect("serializes")
    })
}

/// A valid fixture or generated document with a few bytes changed.
fn near_valid_bytes() -> impl Strategy<Value = Vec<u8>> {
    let valid = prop_oneof![select(seeds()), valid_bytes()];
    (valid, vec(edit(), 1..=6)).prop_map(|(mut bytes, edits)| {
        for edit in edits {
            let len = bytes.len();
            match edit {
                Edit::Flip(at, b) if len > 0 => bytes[at % len] = b,
                Edit::Insert(at, b) => bytes.insert(at % (len + 1), b),
                Edit::Remove(at) if len > 0 => {
                    bytes.remove(at % len);
                }
                Edit::Truncate(at) => bytes.truncate(at % (len + 1)),
                _ => {}
            }
        }
        bytes
    })
}

/// Every member name the schema declares.
fn member_names() -> Vec<String> {
    let mut names: Vec<String> = Schemas::shared()
        .objects()
        .into_values()
        .flat_map(|o| o.members)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Numbers of every shape JSON allows, as `Value`s keeping their text.
fn number() -> impl Strategy<Value = Value> {
    let text = prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| f.to_string()),
        select(vec![
            "-0",
            "0.0",
            "-0.0",
            "1.0",
            "1e400",
            "-1E-400",
            "1.5e3",
            "1E+2",
            "123456789012345678901234567890",
            "-9223372036854775809",
            "18446744073709551616",
            "0.00000000000000000000000000001",
            "79228162514264337593543950336",
            "79228162514264337593543950335.5",
            "1.2345678901234567890123456789",
        ])
        .prop_map(str::to_owned),
        (vec(proptest::char::range('0', '9'), 1..=40), 0usize..=40).prop_map(|(digits, point)| {
            let digits = String::from_iter(digits);
            let digits = digits.trim_start_matches('0');
            let digits = if digits.is_empty() { "0" } else { digits };
            if point == 0 || point >= digits.len() {
                digits.to_owned()
            } else {
                format!("{}.{}", &digits[..point], &digits[point..])
            }
        }),
    ];
    text.prop_map(|t| serde_json::from_str::<Value>(&t).expect("a JSON number"))
}

/// Arbitrary JSON: deep and wide, member names often the schema's.
fn json() -> impl Strategy<Value = Value> {
    let names = member_names();
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(8, 256, 16, move |inner| {
        let name = prop_oneof![3 => select(names.clone()), 1 => text()];
        prop_oneof![
            vec(inner.clone(), 0..16).prop_map(Value::Array),
            vec((name, inner), 0..16)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A valid document of any kind with one of its values replaced by arbitrary JSON.
fn grafted() -> impl Strategy<Value = Vec<u8>> {
    (any_document(), any::<usize>(), json(), any::<bool>()).prop_map(
        |((kind, mut value), at, graft, pretty)| {
            let sites = Schemas::shared().sites(kind.as_str(), &value);
            let pointer = sites[at % sites.len()].pointer();
            *value.pointer_mut(&pointer).expect("a site") = graft;
            if pretty {
                serde_json::to_vec_pretty(&value)
            } else {
                serde_json::to_vec(&value)
            }
            .expect("serializes")
        },
    )
}

/// The places the schema walks into, to four levels, as the text that opens them and the text that closes
/// them again: `({"invoice": {"itemLists": [, ]}})`. The first is the bare root, `("", "")`.
fn places() -> Vec<(String, String)> {
    fn walk(
        schemas: &'static Schemas,
        node: &Node<'static>,
        (open, close): (&str, &str),
        depth: usize,
        out: &mut Vec<(String, String)>,
    ) {
        if depth == 4 {
            return;
        }
        let mut enter = |child: Node<'static>, open: String, close: String| {
            out.push((open.clone(), close.clone()));
            walk(schemas, &child, (&open, &close), depth + 1, out);
        };
        for name in node.properties().into_iter().flat_map(|p| p.keys()) {
            let child = schemas.property(node, name).expect("a declared member");
            let name = serde_json::to_string(name).expect("a string");
            enter(child, format!("{open}{{{name}: "), format!("}}{close}"));
        }
        if let Some(items) = schemas.items(node) {
            enter(items, format!("{open}["), format!("]{close}"));
        }
    }
    let schemas = Schemas::shared();
    let mut out = vec![(String::new(), String::new())];
    for &kind in DocumentKind::ALL {
        walk(schemas, &schemas.root(kind.as_str()), ("", ""), 0, &mut out);
    }
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|place| seen.insert(place.clone()));
    out
}

/// Nesting `depth` levels deep, bare or inside a place the schema walks into, closed or not.
fn deep() -> impl Strategy<Value = Vec<u8>> {
    (
        select(places()),
        select(vec!["[", "{\"a\":", "[{\"invoice\":", "{\"\":["]),
        1usize..=3000,
        any::<bool>(),
    )
        .prop_map(|((prefix, suffix), open, depth, closed)| {
            let mut text = prefix;
            text.push_str(&open.repeat(depth));
            if closed {
                let close: String = open
                    .chars()
                    .rev()
                    .filter_map(|c| match c {
                        '[' => Some(']'),
                        '{' => Some('}'),
                        _ => None,
                    })
                    .collect();
                text.push_str("null");
                text.push_str(&close.repeat(depth));
                text.push_str(&suffix);
            }
            text.into_bytes()
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..=2048)) {
        survives(&bytes)?;
    }

    #[test]
    fn valid_documents_with_bytes_changed_never_panic(bytes in near_valid_bytes()) {
        survives(&bytes)?;
    }

    #[test]
    fn arbitrary_json_never_panics(value in json(), pretty in any::<bool>()) {
        let bytes = if pretty { serde_json::to_vec_pretty(&value) } else { serde_json::to_vec(&value) };
        survives(&bytes.expect("serializes"))?;
    }

    #[test]
    fn documents_of_every_kind_with_arbitrary_json_grafted_never_panic(bytes in grafted()) {
        survives(&bytes)?;
    }

    #[test]
    fn deep_nesting_never_panics(bytes in deep()) {
        survives(&bytes)?;
    }
}

/// Found by `valid_documents_with_bytes_changed_never_panic`: when a syntax error ends the reading, the
/// findings made before it are dropped (the syntax error is the report's only finding), but the report's
/// `omitted` still counts those the limit dropped before the syntax error was found, so it says
/// "… and 1 more findings not shown" about findings that are not in the report and never will be.
/// `Validator::validate` (crates/bc-invoice-validate/src/lib.rs) sets `report.omitted = engine.omitted`
/// on the syntax-error path too.
#[test]
fn a_syntax_error_leaves_no_omitted_findings() {
    let report = no_rule_denies().max_findings(2).validate(
        Some(DocumentKind::ApiResponse),
        br#"{"x": 1, "y": 2, "z": 3,}"#,
    );
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].keyword(), "syntax");
    assert_eq!(report.omitted, 0, "{report}");
}

/// Found by the property on create-invoice requests with arbitrary JSON grafted: serde's derived
/// `Deserialize` reads a struct from a JSON array as well as from an object (its fields in declaration
/// order, missing ones defaulted), so every generated struct accepted arrays where the schema wants an
/// object: `[]` was a `TypedValue`, `["SUCCESS", 0, "SUCCESS"]` an `ApiResponse`. The generated structs now
/// read themselves as maps (`support::Object`), from an object only, nested ones too.
#[test]
fn a_struct_is_not_read_from_a_json_array() {
    for (result, expected) in [
        (
            serde_json::from_str::<ApiResponse>(r#"["SUCCESS", 0, "SUCCESS"]"#).map(drop),
            "invalid type: sequence, expected struct ApiResponse",
        ),
        (
            serde_json::from_str::<bc_invoice_types::TypedValue>("[]").map(drop),
            "invalid type: sequence, expected struct TypedValue",
        ),
        (
            serde_json::from_str::<bc_invoice_types::ObjectVersion>("[1, 2]").map(drop),
            "invalid type: sequence, expected struct ObjectVersion",
        ),
        (
            serde_json::from_slice::<bc_invoice_types::ApiResponse>(
                br#"{"payload": "x", "response_code": 0, "response_message": []}"#,
            )
            .map(drop),
            "invalid type: sequence, expected a string",
        ),
    ] {
        let error = result.unwrap_err().to_string();
        assert!(error.starts_with(expected), "{error}");
    }
    // An object is still read, through every entry point.
    let text = r#"{"payload": "x", "response_code": 0, "response_message": "SUCCESS"}"#;
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    let from_value: ApiResponse = serde_json::from_value(value).unwrap();
    assert_eq!(
        from_value,
        serde_json::from_str::<ApiResponse>(text).unwrap()
    );
}

#[test]
fn the_validated_entry_point_refuses_a_json_array_for_an_object() {
    let report = parse::<ApiResponse>(br#"["SUCCESS", 0, "SUCCESS"]"#).unwrap_err();
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].keyword(), "type");
}

#[test]
fn the_limit_counts_what_it_drops_when_the_text_is_well_formed() {
    // The same three unknown members without the syntax error: 3 unknown and 3 missing members, 2 kept.
    let report = no_rule_denies().max_findings(2).validate(
        Some(DocumentKind::ApiResponse),
        br#"{"x": 1, "y": 2, "z": 3}"#,
    );
    assert_eq!(report.errors.len(), 2);
    assert_eq!(report.omitted, 4);
}

#[test]
fn the_inputs_reach_past_the_syntax_check() {
    // The grafted documents are JSON whose findings are the schema's, not syntax errors: the property
    // exercises the checks, not just the parser, in every kind.
    let mut runner = bc_invoice_tests::strategies::deterministic();
    let strategy = grafted();
    let mut keywords = std::collections::BTreeSet::new();
    for _ in 0..400 {
        let bytes =
            proptest::strategy::ValueTree::current(&strategy.new_tree(&mut runner).unwrap());
        for &kind in DocumentKind::ALL {
            for finding in no_rule_denies().validate(Some(kind), &bytes).errors {
                keywords.insert(finding.keyword());
            }
        }
    }
    for keyword in ["type", "additionalProperties", "required"] {
        assert!(keywords.contains(keyword), "{keywords:?}");
    }
    // A 3000-level nesting is refused as too deep, not overflowed, bare and inside every place the schema
    // walks into.
    let places = places();
    assert!(places.len() > 20, "{places:?}");
    for (open, close) in places {
        let deep = format!("{open}{}null{}{close}", "[".repeat(3000), "]".repeat(3000));
        for &kind in DocumentKind::ALL {
            let report = no_rule_denies().validate(Some(kind), deep.as_bytes());
            assert_eq!(report.errors.len(), 1, "{report}");
            assert_eq!(report.errors[0].keyword(), "syntax", "{report}");
        }
    }
}
