//! Property 3: every generated valid document, of every kind, passes the validator with no errors, and
//! passes the plain `jsonschema` crate on the checked-in schema. The only warnings are `known-values`
//! findings exactly where an unknown open-list value was generated, and the rules layer's findings (random
//! GSTINs and amounts break its rules, which are warnings). Told no kind, the validator detects one that
//! accepts the document; the typed entry point reads the very document back.
//!
//! And the strategies are complete: over the generated documents every member of every object the schema
//! declares appears, every optional member is also left out, every array is empty and long, every open
//! list holds both known and unknown values, every closed list every value; and the values reach their
//! edges (the shortest and longest strings of every pattern, leap days and offsets of every date-time, the
//! scales and digits of the numbers, the ends of `i64`, the awkward characters of free text).

use std::collections::{BTreeMap, BTreeSet};

use bc_invoice_tests::no_rule_denies;
use bc_invoice_tests::reference_errors;
use bc_invoice_tests::strategies::document::{any_document, document};
use bc_invoice_tests::strategies::pattern::class_steps;
use bc_invoice_tests::strategies::schema_model::{Node, Schemas, Site, pointer};
use bc_invoice_tests::strategies::{DEFAULT_CASES, Width, cases, config, reference};
use bc_invoice_validate::{DocumentKind, Report, RuleId};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
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
/// schema and the rule's definition (not the validator) say: where the `known-values` warnings must be.
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

fn passes(kind: DocumentKind, value: &Value) -> Result<(), TestCaseError> {
    let schemas = Schemas::shared();
    let pretty = serde_json::to_string_pretty(value).expect("serializes");
    let compact = serde_json::to_string(value).expect("serializes");

    for text in [&pretty, &compact] {
        let report = no_rule_denies().validate(Some(kind), text.as_bytes());
        prop_assert!(
            report.errors.is_empty(),
            "{kind}: errors {:?} in\n{text}",
            summary(&report)
        );
        prop_assert_eq!(report.omitted, 0);
        let mut known_values: Vec<String> = report
            .warnings
            .iter()
            .filter(|w| w.rule() == Some(RuleId::KnownValues))
            .map(|w| w.pointer.as_str().to_owned())
            .filter(|pointer| !spelt_within_its_party(pointer))
            .collect();
        known_values.sort();
        let mut expected = misspelt_open_values(schemas, kind.as_str(), value);
        expected.sort();
        prop_assert_eq!(
            &known_values,
            &expected,
            "{}: known-values warnings in\n{}",
            kind,
            text
        );
        for warning in &report.warnings {
            prop_assert!(
                warning.rule().is_some(),
                "a warning that is no rule's finding: {warning}"
            );
        }
    }

    // Told no kind, the validator detects one: this kind if detection may report it, else a detectable kind
    // with the same body (create for an edit), which accepts the document too.
    let detected = no_rule_denies().validate(None, pretty.as_bytes());
    prop_assert!(detected.detected, "{kind}: {detected}");
    let detected_kind = detected.kind.expect("a detected kind");
    prop_assert!(detected_kind.is_detectable());
    if kind.is_detectable() {
        prop_assert_eq!(detected_kind, kind);
    }
    prop_assert!(
        detected.errors.is_empty(),
        "{kind} detected as {detected_kind}: {:?}",
        summary(&detected)
    );

    let reference = reference_errors(reference(kind.as_str()), value);
    prop_assert!(
        reference.is_empty(),
        "the jsonschema crate refuses a generated {kind}: {reference:?}\n{pretty}"
    );

    // The typed entry point reads back the very document, digit for digit.
    let parsed = no_rule_denies()
        .parse_any(Some(kind), pretty.as_bytes())
        .map_err(|report| {
            TestCaseError::fail(format!(
                "parse_any refused a valid {kind}: {report}\n{pretty}"
            ))
        })?;
    prop_assert_eq!(parsed.kind(), kind);
    let back: Value =
        serde_json::from_slice(&serde_json::to_vec(&parsed).expect("serializes")).expect("JSON");
    prop_assert_eq!(&back, value, "{}: the typed document in\n{}", kind, pretty);
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_generated_document_of_every_kind_is_valid((kind, document) in any_document()) {
        passes(kind, &document)?;
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
    /// Pattern location → the lengths in characters seen.
    pattern_lengths: BTreeMap<String, BTreeSet<usize>>,
    /// Date-time location → the features seen (`leap day`, `Z`, `z`, `+`, `-`, `t`, `T`, `leap second`,
    /// `fraction`, `month end`).
    date_times: BTreeMap<String, BTreeSet<&'static str>>,
    /// The features of the numbers seen: `scale 0` to `scale 3`, `16 digits`, `negative`, `zero`.
    numbers: BTreeSet<String>,
    /// The integers seen at the ends of `i64`, and whether negatives and positives were.
    integers: BTreeSet<&'static str>,
    /// The features of the free text seen: `empty`, `long`, `control`, `quote`, `backslash`, widths.
    text: BTreeSet<String>,
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
                Value::String(text) => self.string(&site.node, location, text),
                Value::Number(number) => self.number(&site.node, &number.to_string()),
                _ => {}
            }
        }
    }

    fn string(&mut self, node: &Node<'_>, location: String, text: &str) {
        if let Some(known) = node.known_values() {
            let entry = self.open_lists.entry(location).or_default();
            if known.contains(&text) {
                entry.0 = true;
            } else {
                entry.1 = true;
            }
        } else if node.enumeration().is_some() {
            self.closed_lists
                .entry(location)
                .or_default()
                .insert(text.to_owned());
        } else if node.format() == Some("date-time") {
            let seen = self.date_times.entry(location).or_default();
            let (year, month, day) = (&text[0..4], &text[5..7], &text[8..10]);
            if (month, day) == ("02", "29") {
                seen.insert("leap day");
            }
            let (year, month, day): (u32, u32, u32) = (
                year.parse().unwrap(),
                month.parse().unwrap(),
                day.parse().unwrap(),
            );
            if day == bc_invoice_tests::strategies::days_in_month(year, month) {
                seen.insert("month end");
            }
            seen.insert(if &text[10..11] == "T" { "T" } else { "t" });
            if &text[17..19] == "60" {
                seen.insert("leap second");
            }
            if text[19..].starts_with('.') {
                seen.insert("fraction");
            }
            for (mark, feature) in [('Z', "Z"), ('z', "z"), ('+', "+"), ('-', "-")] {
                if text[19..].contains(mark) {
                    seen.insert(feature);
                }
            }
        } else if node.pattern().is_some() {
            self.pattern_lengths
                .entry(location)
                .or_default()
                .insert(text.chars().count());
        } else {
            let seen = &mut self.text;
            let count = text.chars().count();
            if count == 0 {
                seen.insert("empty".to_owned());
            }
            if count > 12 {
                seen.insert("long".to_owned());
            }
            for c in text.chars() {
                let feature = match c {
                    '\0'..='\u{1f}' => "control".to_owned(),
                    '"' => "quote".to_owned(),
                    '\\' => "backslash".to_owned(),
                    c => format!("{:?}", Width::of(c)),
                };
                seen.insert(feature);
            }
        }
    }

    fn number(&mut self, node: &Node<'_>, text: &str) {
        if node.json_type() == Some("integer") {
            let n: i64 = text.parse().expect("an i64");
            self.integers.insert(match n {
                i64::MIN => "i64::MIN",
                i64::MAX => "i64::MAX",
                n if n < 0 => "negative",
                0 => "zero",
                _ => "positive",
            });
            return;
        }
        let scale = text
            .split_once('.')
            .map_or(0, |(_, fraction)| fraction.len());
        self.numbers.insert(format!("scale {scale}"));
        let digits = text.trim_start_matches('-').replace('.', "");
        let significant = digits.trim_start_matches('0').len();
        self.numbers.insert(format!("{significant} digits"));
        if text.starts_with('-') {
            self.numbers.insert("negative".to_owned());
        }
        if significant == 0 {
            self.numbers.insert("zero".to_owned());
        }
    }
}

/// What `count` documents of every kind, drawn with a deterministic runner, hold.
fn generate(count: u32, schemas: &Schemas) -> Coverage {
    let mut coverage = Coverage::default();
    let mut runner = bc_invoice_tests::strategies::deterministic();
    for &kind in DocumentKind::ALL {
        let strategy = document(kind.as_str());
        for _ in 0..count {
            let value = strategy
                .new_tree(&mut runner)
                .expect("the strategies do not reject")
                .current();
            coverage.add(schemas, kind.as_str(), &value);
        }
    }
    coverage
}

/// What the generated documents hold: deterministic, and never fewer than the default number of documents
/// per kind, so that a low case count cannot make the coverage tests fail. Drawn once for both tests.
fn coverage() -> &'static Coverage {
    static COVERAGE: std::sync::LazyLock<Coverage> =
        std::sync::LazyLock::new(|| generate(cases().max(DEFAULT_CASES), Schemas::shared()));
    &COVERAGE
}

#[test]
fn the_generated_documents_hold_every_member_of_every_object_the_schema_declares() {
    let schemas = Schemas::shared();
    let coverage = coverage();

    let objects = schemas.objects();
    // The schema has the objects this test is about: the roots and the shared definitions.
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
    // Every closed list of the schema, every value of it.
    let mut closed = 0;
    for (kind, _) in bc_invoice_tests::documents() {
        for Site { node, .. } in schemas.nodes(kind) {
            if let Some(values) = node.enumeration() {
                closed += 1;
                let seen = coverage
                    .closed_lists
                    .get(node.location())
                    .cloned()
                    .unwrap_or_default();
                let all: BTreeSet<String> = values.iter().map(|v| (*v).to_owned()).collect();
                assert_eq!(seen, all, "{}", node.location());
            }
        }
    }
    assert!(closed >= 1, "the schema has a closed list");
}

#[test]
fn the_generated_values_reach_their_edges() {
    let schemas = Schemas::shared();
    let coverage = coverage();

    // Every pattern: its shortest and its longest strings (the 1- and N-character edges).
    let mut patterns = 0;
    for (kind, _) in bc_invoice_tests::documents() {
        for Site { node, .. } in schemas.nodes(kind) {
            let (Some(pattern), None) = (node.pattern(), node.format()) else {
                continue;
            };
            patterns += 1;
            let seen = &coverage.pattern_lengths[node.location()];
            if let Some(steps) = class_steps(pattern) {
                let shortest: u32 = steps.iter().map(|s| s.min).sum();
                let longest: u32 = steps.iter().map(|s| s.high()).sum();
                for edge in [shortest, longest] {
                    assert!(
                        seen.contains(&(edge as usize)),
                        "{}: no string of {edge} characters: {seen:?}",
                        node.location()
                    );
                }
            }
        }
    }
    assert!(patterns >= 4, "the schema's patterns: {patterns}");

    assert!(!coverage.date_times.is_empty());
    for (location, seen) in &coverage.date_times {
        let all: BTreeSet<&str> = [
            "leap day",
            "month end",
            "T",
            "t",
            "leap second",
            "fraction",
            "Z",
            "z",
            "+",
            "-",
        ]
        .into();
        assert_eq!(seen, &all, "{location}");
    }

    for feature in [
        "scale 0",
        "scale 1",
        "scale 2",
        "scale 3",
        "1 digits",
        "16 digits",
        "negative",
        "zero",
    ] {
        assert!(
            coverage.numbers.contains(feature),
            "numbers: no {feature}: {:?}",
            coverage.numbers
        );
    }
    let most = coverage
        .numbers
        .iter()
        .filter_map(|f| f.strip_suffix(" digits")?.parse::<usize>().ok())
        .max();
    assert_eq!(most, Some(16), "at most 16 significant digits");
    assert!(!coverage.numbers.contains("scale 4"));

    let integers: BTreeSet<&str> = ["i64::MIN", "i64::MAX", "negative", "zero", "positive"].into();
    assert_eq!(coverage.integers, integers);

    for feature in [
        "empty",
        "long",
        "control",
        "quote",
        "backslash",
        "One",
        "Two",
        "Three",
        "Four",
    ] {
        assert!(
            coverage.text.contains(feature),
            "free text: no {feature}: {:?}",
            coverage.text
        );
    }
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
