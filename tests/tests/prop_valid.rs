//! Property 3: every generated valid document passes the validator with no errors, and passes the plain
//! `jsonschema` crate on the checked-in schema. The only warnings are `known-values` findings exactly where
//! a generated open-list value is a near miss of a known one, and the rules layer's findings (random GSTINs
//! and amounts break its rules, which are warnings).
//!
//! And the strategies are complete: over the generated documents every member of every object the schema
//! declares appears, every optional member is also left out, every array is empty and long, and every open
//! list holds both known and unknown values.

use std::collections::{BTreeMap, BTreeSet};

use bc_invoice_tests::reference_errors;
use bc_invoice_tests::strategies::schema_model::{Schemas, Site, pointer};
use bc_invoice_tests::strategies::{DEFAULT_CASES, ValidDocument, cases, config, reference};
use bc_invoice_types::{
    ApiResponse, BuyerResponse, ChangeInvoiceStatusRequest, ConfirmInvoiceRequest,
    CreateInvoiceRequest, EditInvoiceRequest,
};
use bc_invoice_validate::{DocumentKind, Report, parse, rules, validate};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::Value;

/// A value reduced for the spelling comparison: its letters and digits in upper case, `&` read as AND.
fn fold(value: &str) -> Vec<char> {
    value
        .replace('&', " AND ")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The optimal string alignment distance: insertions, deletions, substitutions and transpositions of
/// adjacent characters, each one edit.
fn edits(a: &[char], b: &[char]) -> usize {
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// Whether `value` is a near miss of one of `known`, as the `known-values` rule defines it
/// (docs/rules-sources.md): equal to none ignoring case, spacing and punctuation, and within 0, 1 or 2
/// edits of a known value of up to 4, 5 to 8, or 9 or more characters.
fn near_miss(value: &str, known: &[&str]) -> bool {
    let value = fold(value);
    if value.is_empty() || known.iter().any(|k| fold(k) == value) {
        return false;
    }
    known.iter().any(|k| {
        let k = fold(k);
        let allowed = match k.len() {
            0..=4 => 0,
            5..=8 => 1,
            _ => 2,
        };
        edits(&value, &k) <= allowed
    })
}

/// Whether the `known-values` warning at `pointer` depends on the rest of its party, and is left to
/// rules.rs and the corpora: a state name is compared with the names and their aliases, and only for a
/// party in India.
fn spelt_within_its_party(pointer: &str) -> bool {
    pointer.ends_with("/address/state")
}

/// The pointers of the open-list values in `document` that are near misses of their known values, as the
/// schema (not the validator) says: where the `known-values` warnings must be.
fn misspelt_open_values(schemas: &Schemas, kind: &str, document: &Value) -> Vec<String> {
    schemas
        .sites(kind, document)
        .into_iter()
        .filter_map(|site: Site<'_>| {
            let known = site.node.known_values()?;
            let value = document.pointer(&site.pointer())?.as_str()?;
            let pointer = site.pointer();
            (!spelt_within_its_party(&pointer) && near_miss(value, &known)).then_some(pointer)
        })
        .collect()
}

#[test]
fn the_spelling_oracle_reads_near_misses_as_the_rule_does() {
    let states = ["KARNATAKA", "TAMIL NADU"];
    assert!(near_miss("KARNATKA", &states) && near_miss("Karntka", &states));
    assert!(!near_miss("Karnataka", &states) && !near_miss("CALIFORNIA", &states));
    assert!(near_miss("ACEPTED", &["ACCEPTED"]) && !near_miss("IMSI", &["IMEI"]));
    assert!(near_miss("TAMIL NAADU", &states) && !near_miss("", &states));
}

/// The findings of a report as `(pointer, keyword)`, for messages.
fn summary(report: &Report) -> Vec<(String, &'static str)> {
    report
        .findings()
        .map(|f| (f.pointer.as_str().to_owned(), f.keyword()))
        .collect()
}

fn passes<T: ValidDocument>(document: &T) -> Result<(), TestCaseError> {
    let schemas = Schemas::shared();
    let kind = T::kind_name();
    let pretty = serde_json::to_string_pretty(document).expect("serializes");
    let compact = serde_json::to_string(document).expect("serializes");
    let value: Value = serde_json::from_str(&pretty).expect("serde_json reads what it wrote");

    for text in [&pretty, &compact] {
        let report = validate(Some(T::KIND), text.as_bytes());
        prop_assert!(
            report.errors.is_empty(),
            "errors {:?} in\n{text}",
            summary(&report)
        );
        prop_assert_eq!(report.omitted, 0);
        let mut known_values: Vec<String> = report
            .warnings
            .iter()
            .filter(|w| w.rule() == Some(rules::KNOWN_VALUES))
            .map(|w| w.pointer.as_str().to_owned())
            .filter(|pointer| !spelt_within_its_party(pointer))
            .collect();
        known_values.sort();
        let mut expected = misspelt_open_values(schemas, kind, &value);
        expected.sort();
        prop_assert_eq!(
            &known_values,
            &expected,
            "known-values warnings in\n{}",
            text
        );
        for warning in &report.warnings {
            prop_assert!(
                warning.rule().is_some(),
                "a warning that is no rule's finding: {warning}"
            );
        }
    }

    // Told no kind, the validator detects it (create for the body create and edit share) and agrees.
    let detected = validate(None, pretty.as_bytes());
    let expected_kind = match T::KIND {
        DocumentKind::EditInvoice => DocumentKind::CreateInvoice,
        kind => kind,
    };
    prop_assert_eq!(detected.kind, Some(expected_kind));
    prop_assert!(detected.detected);
    prop_assert!(detected.errors.is_empty(), "{:?}", summary(&detected));

    let reference = reference_errors(reference(kind), &value);
    prop_assert!(
        reference.is_empty(),
        "the jsonschema crate refuses a generated document: {reference:?}\n{pretty}"
    );

    // The typed entry point reads back the very document.
    let parsed: T = parse(pretty.as_bytes()).map_err(|report| {
        TestCaseError::fail(format!(
            "parse refused a valid document: {report}\n{pretty}"
        ))
    })?;
    prop_assert_eq!(&parsed, document);
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_generated_create_invoice_request_is_valid(document in CreateInvoiceRequest::strategy()) {
        passes(&document)?;
    }

    #[test]
    fn every_generated_edit_invoice_request_is_valid(document in EditInvoiceRequest::strategy()) {
        passes(&document)?;
    }

    #[test]
    fn every_generated_confirm_invoice_request_is_valid(document in ConfirmInvoiceRequest::strategy()) {
        passes(&document)?;
    }

    #[test]
    fn every_generated_change_invoice_status_request_is_valid(
        document in ChangeInvoiceStatusRequest::strategy(),
    ) {
        passes(&document)?;
    }

    #[test]
    fn every_generated_api_response_is_valid(document in ApiResponse::strategy()) {
        passes(&document)?;
    }
}

/// What the generated documents held, per schema location.
#[derive(Default)]
struct Coverage {
    /// `(object location, member)` → how often the member was present, and absent.
    members: BTreeMap<(String, String), (usize, usize)>,
    /// Array location → (empty seen, 4 or more elements seen).
    arrays: BTreeMap<String, (bool, bool)>,
    /// Open-list location → (known value seen, unknown value seen).
    open_lists: BTreeMap<String, (bool, bool)>,
    /// Closed-list location → values seen.
    closed_lists: BTreeMap<String, BTreeSet<String>>,
}

impl Coverage {
    fn add(&mut self, schemas: &Schemas, kind: &str, document: &Value) {
        for site in schemas.sites(kind, document) {
            let value = document.pointer(&site.pointer()).expect("a site's value");
            let location = site.node.location().to_owned();
            match value {
                Value::Object(members) => {
                    for name in site.node.properties().into_iter().flat_map(|p| p.keys()) {
                        let entry = self
                            .members
                            .entry((location.clone(), name.clone()))
                            .or_default();
                        if members.contains_key(name) {
                            entry.0 += 1;
                        } else {
                            entry.1 += 1;
                        }
                    }
                }
                Value::Array(elements) => {
                    let entry = self.arrays.entry(location).or_default();
                    entry.0 |= elements.is_empty();
                    entry.1 |= elements.len() >= 4;
                }
                Value::String(text) => {
                    if let Some(known) = site.node.known_values() {
                        let entry = self.open_lists.entry(location).or_default();
                        if known.contains(&text.as_str()) {
                            entry.0 = true;
                        } else {
                            entry.1 = true;
                        }
                    } else if site.node.enumeration().is_some() {
                        self.closed_lists
                            .entry(location)
                            .or_default()
                            .insert(text.clone());
                    }
                }
                _ => {}
            }
        }
    }
}

/// Generates `count` documents of `T` with a deterministic runner and records what they hold.
fn generate<T: ValidDocument>(count: u32, schemas: &Schemas, coverage: &mut Coverage) {
    let mut runner = TestRunner::deterministic();
    let strategy = T::strategy();
    for _ in 0..count {
        let document = strategy
            .new_tree(&mut runner)
            .expect("the strategies do not reject")
            .current();
        let value = serde_json::to_value(&document).expect("serializes");
        coverage.add(schemas, T::kind_name(), &value);
    }
}

#[test]
fn the_generated_documents_hold_every_member_of_every_object_the_schema_declares() {
    let schemas = Schemas::load();
    let mut coverage = Coverage::default();
    // Deterministic, and never fewer than the default: a low case count must not make it flaky.
    let count = cases().max(DEFAULT_CASES);
    generate::<CreateInvoiceRequest>(count, &schemas, &mut coverage);
    generate::<EditInvoiceRequest>(count, &schemas, &mut coverage);
    generate::<ConfirmInvoiceRequest>(count, &schemas, &mut coverage);
    generate::<ChangeInvoiceStatusRequest>(count, &schemas, &mut coverage);
    generate::<ApiResponse>(count, &schemas, &mut coverage);

    let objects = schemas.objects();
    // The schema has the objects this test is about: the five roots and the shared definitions.
    assert!(objects.len() >= 40, "{:?}", objects.keys());
    assert!(objects.contains_key("common.schema.json#/$defs/item"));

    let mut missing = Vec::new();
    let mut never_absent = Vec::new();
    for (location, decl) in &objects {
        let required = &decl.required;
        for member in &decl.members {
            let (present, absent) = coverage
                .members
                .get(&(location.clone(), member.clone()))
                .copied()
                .unwrap_or_default();
            if present == 0 {
                missing.push(format!("{location}: {member}"));
            }
            if !required.contains(member) && absent == 0 {
                never_absent.push(format!("{location}: {member}"));
            }
            if required.contains(member) {
                assert_eq!(absent, 0, "{location}: the required {member} was left out");
            }
        }
    }
    assert!(
        missing.is_empty(),
        "members no generated document holds: {missing:#?}"
    );
    assert!(
        never_absent.is_empty(),
        "optional members every generated document holds: {never_absent:#?}"
    );

    assert!(coverage.arrays.len() >= 10, "{:?}", coverage.arrays.keys());
    for (location, (empty, long)) in &coverage.arrays {
        assert!(
            *empty && *long,
            "{location}: empty {empty}, 4+ elements {long}"
        );
    }
    assert!(
        coverage.open_lists.len() >= 10,
        "{:?}",
        coverage.open_lists.keys()
    );
    for (location, (known, unknown)) in &coverage.open_lists {
        assert!(
            *known && *unknown,
            "{location}: known {known}, unknown {unknown}"
        );
    }
    let buyer_responses: Vec<&BTreeSet<String>> = coverage.closed_lists.values().collect();
    let all: BTreeSet<String> = BuyerResponse::VALUES
        .iter()
        .map(|v| (*v).to_owned())
        .collect();
    assert_eq!(buyer_responses, vec![&all]);
}

#[test]
fn the_schema_model_finds_what_the_schema_declares() {
    // The walker the properties rely on: root, a shared definition through $ref, array elements.
    let schemas = Schemas::load();
    let document: Value = serde_json::from_str(
        r#"{"invoice": {"itemLists": [{"isService": "YES"}], "ts": "x"}, "stray": 1}"#,
    )
    .unwrap();
    let sites: Vec<(String, String)> = schemas
        .sites("create-invoice", &document)
        .iter()
        .map(|s| (pointer(&s.path), s.node.location().to_owned()))
        .collect();
    assert_eq!(
        sites,
        [
            ("", "create-invoice.schema.json"),
            ("/invoice", "common.schema.json#/$defs/invoice"),
            (
                "/invoice/itemLists",
                "common.schema.json#/$defs/invoice/properties/itemLists"
            ),
            ("/invoice/itemLists/0", "common.schema.json#/$defs/item"),
            (
                "/invoice/itemLists/0/isService",
                "common.schema.json#/$defs/yesNo"
            ),
            ("/invoice/ts", "common.schema.json#/$defs/timestamp"),
        ]
        .map(|(p, l)| (p.to_owned(), l.to_owned()))
    );
    assert_eq!(
        misspelt_open_values(&schemas, "create-invoice", &document),
        Vec::<String>::new()
    );
    let root = schemas.root("confirm-invoice");
    assert_eq!(root.required(), ["device", "b2bIds", "invoiceConfirmation"]);
}
