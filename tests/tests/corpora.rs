//! The corpora of issue 11: legitimate invoices a GST practitioner would sign, which the default rules must
//! leave alone, and invoices with one real mistake each, which the right rule must catch at the right place.
//!
//! `tests/fixtures/legit/` holds the legitimate ones, each named `<kind>.<case>.json`: exports of goods and
//! services, SEZ and deemed exports, reverse charge, an e-commerce operator, government, UN, embassy and
//! non-resident parties, discounts, charges and round-off (under the labels ERPs write), cess (once, twice,
//! before it was made nil; ad valorem and specific; the Kerala Flood Cess), free quantity, zero-rated lines,
//! SAC codes and 4-digit HSN codes, three-decimal and weighed quantities, crore-sized lines, prices in whole
//! rupees, a lump-sum service, values in another case or never listed, shipping to another state and
//! dispatching from a third, union territories (UTGST), the concessional rates (0.1 %, 0.25 %, 3 %, 40 %, and
//! 65 % of a rate on vehicles leased before GST), reverse charge by sector, rates on either side of 22
//! September 2025, income-tax TCS on the invoice, edits, and values the law sets apart from quantity × price (a construction
//! service sold with its land, the margin scheme, a pure agent's payments, a money changer, a high-sea sale),
//! and registration types and special supplies (an SEZ unit or developer as buyer or supplier, IGST within a
//! State, deemed exports of each kind, UIN holders, non-resident, OIDAR, casual and ISD registrations, tax
//! deductors and e-commerce operators under s.9(5), Other Territory, Ladakh and the Dadra and Nagar Haveli and
//! Daman and Diu codes either side of their changes, distinct persons in one State, state names written with
//! their codes), and names, addresses, states and remarks as Indian businesses write them (Indian scripts and
//! Urdu with their zero-width joiners, transliterations with diacritics, the artefacts of word processors
//! and spreadsheets, landlines and plus-addressed e-mails), and the schema's edges (every optional member
//! present, a free sample, a 100 % discount and a nil-rated line, INV-01's most digits, an export or a pure
//! agent's line leaving out an optional member the rules once needed).
//! `tests/fixtures/mistakes/` holds the others, with `expected.json` naming each one's kind, rule and
//! pointer. Both are checked here through the public API only, with the rules at their default levels and
//! a fixed clock.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bc_invoice_tests::{fixture_files, fixture_kind, fixtures_dir, read_json};
use bc_invoice_validate::{DocumentKind, RuleLevel, RuleSet, Validator};

/// The time of validation: 2026-11-21T12:00:00Z, as in `rules.rs`.
fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_262_400)
}

fn kind_of(path: &Path) -> DocumentKind {
    fixture_kind(path).parse().expect("a document kind")
}

fn text(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `(rule, pointer)` of every finding a rule made, errors and warnings alike, in document order; schema
/// findings as `("schema:<keyword>", pointer)`.
fn findings(rules: RuleSet, kind: DocumentKind, bytes: &[u8]) -> Vec<(String, String)> {
    let report = Validator::new().rules(rules).validate(Some(kind), bytes);
    report
        .errors
        .iter()
        .chain(&report.warnings)
        .map(|f| {
            let rule = f.rule().map_or_else(
                || format!("schema:{}", f.keyword()),
                |rule| rule.as_str().to_owned(),
            );
            (rule, f.pointer.as_str().to_owned())
        })
        .collect()
}

/// The mistakes' manifest: file name → (kind, rule, pointer).
fn expected() -> BTreeMap<String, (String, String, String)> {
    let manifest = read_json(&fixtures_dir().join("mistakes/expected.json"));
    manifest
        .as_object()
        .expect("an object")
        .iter()
        .map(|(file, e)| {
            let field = |name: &str| e[name].as_str().expect(name).to_owned();
            (
                file.clone(),
                (field("kind"), field("rule"), field("pointer")),
            )
        })
        .collect()
}

fn mistake_files() -> Vec<std::path::PathBuf> {
    fixture_files("mistakes")
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "expected.json"))
        .collect()
}

#[test]
fn the_corpora_are_large_enough_and_the_manifest_names_every_mistake() {
    let legit = fixture_files("legit");
    assert!(legit.len() >= 30, "{} legitimate invoices", legit.len());
    let mistakes = mistake_files();
    assert!(mistakes.len() >= 20, "{} mistakes", mistakes.len());
    let manifest = expected();
    let names: Vec<String> = mistakes
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        manifest.keys().cloned().collect::<Vec<_>>(),
        "every mistake file is in expected.json and every entry has its file"
    );
    for (file, (kind, _, pointer)) in &manifest {
        assert_eq!(
            fixture_kind(Path::new(file)),
            kind.as_str(),
            "{file}: the manifest's kind is the file name's"
        );
        assert!(pointer.starts_with("/invoice/"), "{file}: {pointer}");
    }
    // Every rule the issue lists a real mistake for has one.
    let rules: std::collections::BTreeSet<&str> = manifest
        .values()
        .map(|(_, rule, _)| rule.as_str())
        .collect();
    for rule in [
        "gstin-checksum",
        "gstin-format",
        "gstin-state",
        "invoice-totals",
        "item-amounts",
        "pincode",
        "state-code",
        "known-values",
        "object-id-prefix",
        "version-step",
        "timestamp-plausible",
        "ifsc",
        "export-place-of-supply",
        "self-supply",
        "gst-rate-notified",
        "pincode-state",
    ] {
        assert!(rules.contains(rule), "no mistake for {rule}");
    }
}

/// Both corpora are valid against the schema: a legitimate invoice, and a mistake only the rules see.
#[test]
fn every_corpus_document_is_valid_against_the_schema() {
    for path in fixture_files("legit").into_iter().chain(mistake_files()) {
        let mut rules = RuleSet::default().now(now());
        rules.set_all(RuleLevel::Allow);
        let found = findings(rules, kind_of(&path), &text(&path));
        assert!(found.is_empty(), "{}: {found:?}", path.display());
    }
}

/// No legitimate invoice draws a finding, error or warning, from the default rules.
#[test]
fn legitimate_invoices_draw_no_finding() {
    let mut failing = Vec::new();
    for path in fixture_files("legit") {
        let found = findings(RuleSet::default().now(now()), kind_of(&path), &text(&path));
        if !found.is_empty() {
            failing.push(format!(
                "{}: {found:?}",
                path.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(
        failing.is_empty(),
        "{} legitimate invoices draw findings:\n{}",
        failing.len(),
        failing.join("\n")
    );
}

/// A legitimate invoice that charges compensation cess is dated before the cess on its goods was made nil:
/// Notification 02/2025-Compensation Cess (Rate), 17 September 2025, made it nil from 22 September 2025 on
/// the goods of serial numbers 2 to 4B and 39 to 55 of 1/2017-Compensation Cess (Rate) (aerated waters, motor
/// cars among them), and left serial numbers 1 to 38, pan masala (2106 90 20) and tobacco (chapter 24), at
/// their rates until 03/2025-Compensation Cess (Rate), 31 December 2025, made those nil from 1 February 2026.
/// No rule reads the cess's date, so the corpus must keep to it itself, line by line.
#[test]
fn the_corpus_charges_compensation_cess_only_before_it_was_made_nil() {
    let cess_named = |entry: &serde_json::Value, name: &str| {
        entry[name]
            .as_str()
            .is_some_and(|name| name.to_ascii_uppercase().contains("CESS"))
    };
    let mut checked = 0;
    for path in fixture_files("legit") {
        let document = read_json(&path);
        let invoice = &document["invoice"];
        for (index, item) in invoice["itemLists"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let entries = |list: &str| item[list].as_array().cloned().unwrap_or_default();
            let charges_cess = entries("otherTaxes")
                .iter()
                .any(|tax| tax["amount"].as_f64().is_some_and(|amount| amount != 0.0))
                || entries("itemValueDetails")
                    .iter()
                    .chain(&entries("rates"))
                    .any(|entry| cess_named(entry, "type"));
            if !charges_cess {
                continue;
            }
            checked += 1;
            let hsn = item["hsnCode"].as_str().unwrap_or_default();
            let nil_from = if hsn.starts_with("24") || hsn.starts_with("21069020") {
                "2026-02-01"
            } else {
                "2025-09-22"
            };
            let date = invoice["ts"].as_str().expect("ts")[..10].to_owned();
            assert!(
                date.as_str() < nil_from,
                "{}: item {index} (HSN {hsn}) charges compensation cess on {date}, nil from {nil_from}",
                path.display()
            );
        }
    }
    assert!(checked >= 2, "{checked} lines with cess");
}

/// A legitimate invoice dated from 22 September 2025 charges 12 % on goods only where a notification still
/// sets it: Notification 9/2025-Integrated Tax (Rate), in force that day, has no 12 % schedule (5, 18, 40,
/// 3, 0.25, 1.5 and 28 %), and 14/2025-Integrated Tax (Rate) sets 12 % on four entries only (fly ash
/// bricks and blocks 6815, bricks of siliceous earths 6901 00 10, building bricks 6904 10 00, earthen or
/// roofing tiles 6905 10 00). `gst-rate-notified` accepts 12 % on any line, since it does not read the
/// HSN code, so the corpus must keep to it itself.
#[test]
fn the_corpus_charges_twelve_percent_on_goods_only_where_14_2025_keeps_it() {
    const KEPT_AT_TWELVE: [&str; 4] = ["6815", "69010010", "69041000", "69051000"];
    let mut checked = 0;
    for path in fixture_files("legit") {
        let document = read_json(&path);
        let invoice = &document["invoice"];
        let Some(items) = invoice["itemLists"].as_array() else {
            continue;
        };
        let date = invoice["ts"].as_str().expect("ts")[..10].to_owned();
        if date.as_str() < "2025-09-22" {
            continue;
        }
        checked += 1;
        for (index, item) in items.iter().enumerate() {
            let hsn = item["hsnCode"].as_str().unwrap_or_default();
            let service = item["isService"]
                .as_str()
                .is_some_and(|s| s.eq_ignore_ascii_case("YES"))
                || hsn.starts_with("99");
            let twelve = item["gstRate"].as_f64() == Some(12.0);
            assert!(
                service || !twelve || KEPT_AT_TWELVE.iter().any(|kept| hsn.starts_with(kept)),
                "{}: item {index} (HSN {hsn}) at 12 % on {date}",
                path.display()
            );
        }
    }
    assert!(checked >= 30, "{checked} invoices dated from 2025-09-22");
}

/// Each mistake draws exactly one finding from the default rules: its rule's, at its pointer.
#[test]
fn each_mistake_is_caught_by_its_rule_at_its_pointer() {
    let mut failing = Vec::new();
    for (file, (kind, rule, pointer)) in expected() {
        let path = fixtures_dir().join("mistakes").join(&file);
        let kind: DocumentKind = kind.parse().expect("a document kind");
        let found = findings(RuleSet::default().now(now()), kind, &text(&path));
        if found != [(rule.clone(), pointer.clone())] {
            failing.push(format!(
                "{file}: expected [({rule}, {pointer})], found {found:?}"
            ));
        }
    }
    assert!(
        failing.is_empty(),
        "{} mistakes not caught as expected:\n{}",
        failing.len(),
        failing.join("\n")
    );
}

/// The Python benchmark (`crates/bc-invoice-py/bench/bench.py`) reads the Rust benchmark's create-1 input
/// from a file: it is `corpus::create_invoice(1)`, byte for byte. `BLESS=1` rewrites it.
#[test]
fn the_python_benchmarks_input_is_the_rust_benchmarks() {
    let path =
        bc_invoice_tests::workspace_root().join("crates/bc-invoice-py/bench/create-invoice-1.json");
    let expected = bc_invoice_tests::corpus::create_invoice(1);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &expected).expect("the benchmark input writes");
    }
    let found = std::fs::read(&path).unwrap_or_default();
    assert!(
        found == expected,
        "{} is not corpus::create_invoice(1): run `BLESS=1 cargo test -p bc-invoice-tests --test corpora`",
        path.display()
    );
}

/// Every finding on every fixture (valid, documented, legitimate, mistaken, rules', payments'), with every
/// rule on, names one place: the JSON value that starts at its offset is the value its pointer names (a
/// member's name, for an unknown or repeated member, where the pointer names the member's value). A rule
/// that reported at an object but positioned its finding at one of the object's values would fail here.
#[test]
fn every_findings_position_is_its_pointers_value() {
    let mut all = RuleSet::default().now(now());
    all.set_all(RuleLevel::Warn);
    let mut checked = 0;
    for dir in [
        "valid",
        "docs",
        "legit",
        "legit-payments",
        "mistakes",
        "payment-mistakes",
        "rules",
    ] {
        for path in fixture_files(dir) {
            if path.file_name().is_some_and(|name| name == "expected.json") {
                continue;
            }
            let bytes = text(&path);
            let document: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
            let report = Validator::new()
                .rules(all.clone())
                .validate(Some(kind_of(&path)), &bytes);
            for finding in report.errors.iter().chain(&report.warnings) {
                let pointer = finding.pointer.as_str();
                let Some(named) = document.pointer(pointer) else {
                    panic!("{}: {pointer} names nothing", path.display());
                };
                let mut at =
                    serde_json::Deserializer::from_slice(&bytes[finding.position.offset..])
                        .into_iter::<serde_json::Value>();
                let started = at.next().and_then(Result::ok);
                let name = pointer
                    .rsplit('/')
                    .next()
                    .map(|s| s.replace("~1", "/").replace("~0", "~"));
                let is_name = matches!((&started, &name), (Some(serde_json::Value::String(s)), Some(n)) if *s == *n);
                assert!(
                    started.as_ref() == Some(named) || is_name,
                    "{}: {} ({}) at line {}, column {}: the value there is not {pointer}'s",
                    path.display(),
                    finding.keyword(),
                    finding.rule().map_or("schema", |r| r.as_str()),
                    finding.position.line,
                    finding.position.column
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 100, "{checked} findings");
}
