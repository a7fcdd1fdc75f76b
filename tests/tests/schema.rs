//! The checked-in schema: valid against the 2020-12 meta-schema, every `$ref` resolving, every pattern
//! portable, every member the documentation shows present with the documentation's JSON type, the valid
//! fixtures passing and the documentation's own examples failing exactly where they break their patterns.

use std::collections::{BTreeMap, BTreeSet};

use bc_invoice_tests::{
    documents, fixture_files, fixture_kind, fixtures_dir, read_json, reference_errors,
    reference_validator, schema, schema_files,
};
use serde_json::Value;

#[test]
fn every_schema_file_is_valid_against_the_2020_12_meta_schema() {
    for file in schema_files() {
        let schema = schema(file);
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{file} declares draft 2020-12"
        );
        if let Err(error) = jsonschema::draft202012::meta::validate(&schema) {
            panic!("{file}: {error}");
        }
        for keyword in ["$id", "title", "description"] {
            assert!(schema[keyword].is_string(), "{file} has a {keyword}");
        }
    }
}

/// Every `$ref` in every file, with the file it sits in.
fn all_refs() -> Vec<(String, String)> {
    fn walk(value: &Value, file: &str, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(target)) = map.get("$ref") {
                    out.push((file.to_owned(), target.clone()));
                }
                map.values().for_each(|v| walk(v, file, out));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, file, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for file in schema_files() {
        walk(&schema(file), file, &mut out);
    }
    out
}

#[test]
fn every_ref_resolves_to_a_definition() {
    let refs = all_refs();
    assert!(
        refs.len() > 50,
        "the schema is built from shared definitions"
    );
    for (file, target) in refs {
        let (doc, pointer) = target.split_once('#').expect("every $ref names a fragment");
        let doc = if doc.is_empty() { file.as_str() } else { doc };
        assert!(
            schema_files().contains(&doc),
            "{file}: $ref {target} names an unknown file"
        );
        let resolved = schema(doc).pointer(pointer).cloned();
        assert!(resolved.is_some(), "{file}: $ref {target} does not resolve");
    }
    // And the jsonschema crate, offline, compiles each document's schema with its references.
    for (kind, _) in documents() {
        reference_validator(kind);
    }
}

#[test]
fn every_valid_fixture_passes_the_jsonschema_crate() {
    let files = fixture_files("valid");
    assert!(files.len() >= 8, "at least one realistic document per kind");
    let kinds: BTreeSet<&str> = files.iter().map(|f| fixture_kind(f)).collect();
    assert_eq!(
        kinds.len(),
        documents().len(),
        "every kind has a valid fixture"
    );
    for file in files {
        let validator = reference_validator(fixture_kind(&file));
        let errors = reference_errors(&validator, &read_json(&file));
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
}

/// Where a documentation example breaks the schema if its only faults are the portal's placeholder: every
/// value `"string"` at a member whose own `pattern`, `format` (`date-time`) or `enum` refuses it, as
/// `(path, keyword)`, sorted like [`reference_errors`]. Read off the schema's keywords with the `regex`
/// crate, not by a JSON Schema validator.
fn placeholder_faults(
    example: &Value,
    node: &Value,
    file: &str,
    at: &str,
    schemas: &BTreeMap<&str, Value>,
    out: &mut Vec<(String, String)>,
) {
    let (node, file) = resolve(node, file, schemas);
    match example {
        Value::Object(members) => {
            for (key, value) in members {
                if let Some(prop) = node["properties"].get(key) {
                    let at = format!("{at}/{key}");
                    placeholder_faults(value, prop, file, &at, schemas, out);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let at = format!("{at}/{i}");
                placeholder_faults(item, &node["items"], file, &at, schemas, out);
            }
        }
        Value::String(text) if text == "string" => {
            if node["format"] == "date-time" {
                out.push((at.to_owned(), "format".to_owned()));
            }
            if let Some(pattern) = node["pattern"].as_str()
                && !regex::Regex::new(pattern).unwrap().is_match(text)
            {
                out.push((at.to_owned(), "pattern".to_owned()));
            }
            if let Some(values) = node["enum"].as_array()
                && !values.contains(example)
            {
                out.push((at.to_owned(), "enum".to_owned()));
            }
        }
        _ => {}
    }
}

#[test]
fn the_documentation_examples_fail_exactly_where_they_break_their_patterns() {
    // The portal renders every plain string as "string": the objectId pattern and the ts date-time refuse
    // it (and, on the older Payment Response page, the closed lists), and nothing else in the examples is
    // wrong: every error is at a placeholder the member's own keywords refuse, and every such placeholder
    // is an error.
    let schemas: BTreeMap<&str, Value> = schema_files().iter().map(|f| (*f, schema(f))).collect();
    let mut faults = 0;
    for path in fixture_files("docs") {
        let name = path.file_name().unwrap().to_str().unwrap();
        let kind = fixture_kind(&path);
        let file = documents()
            .into_iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, file)| file)
            .unwrap();
        let example = read_json(&path);
        let validator = reference_validator(kind);
        let errors = reference_errors(&validator, &example);
        let mut expected = Vec::new();
        placeholder_faults(&example, &schemas[file], file, "", &schemas, &mut expected);
        expected.sort();
        assert_eq!(errors, expected, "{name}");
        faults += expected.len();
    }
    // The create request alone has three: its objectId and its ts, twice.
    assert!(faults >= 3, "the examples' placeholders break patterns");
}

/// Every `pattern` in the schema, with where it sits.
fn all_patterns() -> Vec<(String, String)> {
    fn walk(value: &Value, at: String, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(p)) = map.get("pattern") {
                    out.push((at.clone(), p.clone()));
                }
                for (k, v) in map {
                    walk(v, format!("{at}/{k}"), out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for file in schema_files() {
        walk(&schema(file), file.to_owned(), &mut out);
    }
    out
}

/// Strings near the edges of the documented patterns: lengths 0, 1, N, N+1 in one-, two-, three- and
/// four-byte characters, and the two forbidden characters.
fn edge_strings() -> Vec<String> {
    let mut out = vec![String::new()];
    for ch in [
        'a', 'é', 'न', '🧾', 'I', 'N', 'V', '0', '\n', '\\', '"', '\'',
    ] {
        for n in [1, 2, 3, 32, 35, 36, 49, 50, 51, 99, 100, 101] {
            out.push(ch.to_string().repeat(n));
        }
    }
    out.extend(
        [
            "INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c",
            "NNV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c",
            "INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8",
            "INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c0",
            "inv0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c",
            "INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8é",
            "INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c\n",
            "KT/2026-27/000142",
            "a\\b",
            "say \"hi\"",
            "2017-08-10T17:57:35+05:30",
            "2026-11-20T10:15:00Z",
            "2026-11-20t10:15:00.123z",
            "2026-11-20T10:15:00",
            "2026-13-20T10:15:00+05:30",
            "2026-11-20T24:00:00+05:30",
            "2026-11-20T10:15:60-08:00",
            "20/11/2026",
            "string",
            "२०२६-११-२०T10:15:00+05:30",
        ]
        .map(str::to_owned),
    );
    out
}

#[test]
fn every_pattern_compiles_as_ecma_262_and_in_the_regex_crate_with_the_same_meaning() {
    let patterns = all_patterns();
    assert!(patterns.len() >= 5, "{patterns:?}");
    for (at, pattern) in &patterns {
        let ecma = regress::Regex::with_flags(pattern, "u")
            .unwrap_or_else(|e| panic!("{at}: {pattern} is not ECMA-262 (u): {e}"));
        let rust = regex::Regex::new(pattern).unwrap_or_else(|e| panic!("{at}: {pattern}: {e}"));
        for s in edge_strings() {
            assert_eq!(
                ecma.find(&s).is_some(),
                rust.is_match(&s),
                "{at}: {pattern} disagrees between ECMA-262 and the regex crate on {s:?}"
            );
        }
    }
}

#[test]
fn the_portable_patterns_mean_what_the_documented_text_means() {
    // The documented text, as the portal renders it. ECMA-262 in unicode mode refuses `\"`...
    for documented in [r#"^([^\\\"]){1,100}$"#, r#"^([^\\\"]){1,50}$"#] {
        assert!(
            regress::Regex::with_flags(documented, "u").is_err(),
            "{documented}"
        );
    }
    // ...while the regex crate reads it, and agrees with our portable form on every edge string.
    for (documented, portable) in [
        (r#"^([^\\\"]){1,100}$"#, r#"^[^\\"]{1,100}$"#),
        (r#"^([^\\\"]){1,50}$"#, r#"^[^\\"]{1,50}$"#),
    ] {
        let documented = regex::Regex::new(documented).unwrap();
        let portable = regex::Regex::new(portable).unwrap();
        for s in edge_strings() {
            assert_eq!(documented.is_match(&s), portable.is_match(&s), "{s:?}");
        }
    }
    // Lengths count characters: 50 Devanagari letters are a valid invoice number, 51 are not.
    let invoice_number = regex::Regex::new(r#"^[^\\"]{1,50}$"#).unwrap();
    assert!(invoice_number.is_match(&"न".repeat(50)));
    assert!(!invoice_number.is_match(&"न".repeat(51)));
}

/// Resolves `$ref`s (and follows `items`) until a schema with a `type` is reached.
fn resolve<'a>(
    mut node: &'a Value,
    file: &'a str,
    schemas: &'a BTreeMap<&str, Value>,
) -> (&'a Value, &'a str) {
    let mut file = file;
    while let Some(Value::String(target)) = node.get("$ref") {
        let (doc, pointer) = target.split_once('#').unwrap();
        if !doc.is_empty() {
            file = schema_files().iter().find(|f| **f == doc).unwrap();
        }
        node = schemas[file].pointer(pointer).unwrap();
    }
    (node, file)
}

/// Members the documentation leaves in either of two places, which the schema accepts in both: (where the
/// example shows it, the other reading). The payment confirmation pages' member list lost its indentation,
/// so `additionalInfo` may sit beside `paymentConfirmation`, as the examples here have it, or inside it.
const EITHER_PLACE: &[(&str, &str)] = &[("/additionalInfo", "/paymentConfirmation/additionalInfo")];

/// Walks a documentation example alongside the schema: every member of the example is a property of the
/// schema with the example's JSON type, and every property of the schema is in the example. Each member
/// compared goes into `seen` by its path (an array's items as `/0`).
fn compare(
    example: &Value,
    node: &Value,
    file: &str,
    at: &str,
    schemas: &BTreeMap<&str, Value>,
    seen: &mut BTreeSet<String>,
) {
    let (node, file) = resolve(node, file, schemas);
    let ty = node["type"]
        .as_str()
        .unwrap_or_else(|| panic!("{at}: no type in the schema"));
    match example {
        Value::Object(members) => {
            assert_eq!(ty, "object", "{at}");
            assert_eq!(
                node["additionalProperties"], false,
                "{at}: unknown members are errors"
            );
            let props = node["properties"].as_object().unwrap();
            let example_keys: BTreeSet<&String> = members.keys().collect();
            let schema_keys: BTreeSet<&String> = props
                .keys()
                .filter(|key| {
                    members.contains_key(*key)
                        || !EITHER_PLACE
                            .iter()
                            .any(|(_, other)| *other == format!("{at}/{key}"))
                })
                .collect();
            assert_eq!(
                example_keys, schema_keys,
                "{at}: members differ from the documentation"
            );
            for (key, value) in members {
                seen.insert(format!("{at}/{key}"));
                let prop = &props[key];
                let (resolved, _) = resolve(prop, file, schemas);
                assert!(
                    prop.get("description")
                        .or(resolved.get("description"))
                        .is_some(),
                    "{at}/{key} has a description"
                );
                compare(value, prop, file, &format!("{at}/{key}"), schemas, seen);
            }
        }
        Value::Array(items) => {
            assert_eq!(ty, "array", "{at}");
            for item in items {
                compare(
                    item,
                    &node["items"],
                    file,
                    &format!("{at}/0"),
                    schemas,
                    seen,
                );
            }
        }
        Value::String(text) => {
            assert_eq!(ty, "string", "{at}");
            // An enum member's example is the first allowed value; a known-values member keeps it first.
            // (The older Payment Response page renders every member as a plain "string".)
            if let Some(known) = node.get("x-known-values")
                && text != "string"
            {
                assert_eq!(
                    known[0], *text,
                    "{at}: the documented example is the first known value"
                );
            }
            // A closed list's example is its first value on the invoice pages; the payment pages share one
            // list in two orders, and the older Payment Response page renders the lists as plain strings.
            if let Some(values) = node.get("enum") {
                let listed = values
                    .as_array()
                    .is_some_and(|v| v.contains(&Value::from(text.as_str())));
                assert!(
                    listed || text == "string",
                    "{at}: the documented example {text:?} is an allowed value"
                );
            }
        }
        Value::Number(n) if n.is_u64() => {
            assert!(ty == "integer" || ty == "number", "{at}: {ty}");
        }
        other => panic!("{at}: unexpected example value {other}"),
    }
}

/// Every member the schema declares from `node` down, by its path (an array's items as `/0`): what a
/// documentation example that shows every member shows.
fn declared(
    node: &Value,
    file: &str,
    at: &str,
    schemas: &BTreeMap<&str, Value>,
    out: &mut BTreeSet<String>,
) {
    let (node, file) = resolve(node, file, schemas);
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        for (key, prop) in props {
            let path = format!("{at}/{key}");
            out.insert(path.clone());
            declared(prop, file, &path, schemas, out);
        }
    }
    if let Some(items) = node.get("items") {
        declared(items, file, &format!("{at}/0"), schemas, out);
    }
}

#[test]
fn the_schema_has_every_member_the_documentation_shows_and_no_other() {
    let schemas: BTreeMap<&str, Value> = schema_files().iter().map(|f| (*f, schema(f))).collect();
    // Every kind the portal documents has its example under fixtures/docs/ (the response envelope one per
    // endpoint); a kind without one has no documentation to compare with. Each example is compared member
    // for member, and shows every member its kind's schema declares, an array's with one item at least:
    // none is left uncompared because the example has no object to show it in.
    let mut compared = BTreeSet::new();
    for path in fixture_files("docs") {
        let kind = fixture_kind(&path);
        let file = documents()
            .into_iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, file)| file)
            .unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        let example = read_json(&path);
        // A member the documentation leaves in either of two places is shown in one of them.
        for (shown, other) in EITHER_PLACE {
            let (holder, _) = other.rsplit_once('/').unwrap();
            if example.pointer(holder).is_some() {
                assert!(
                    example.pointer(shown).is_some() != example.pointer(other).is_some(),
                    "{name}: the example shows {shown} in one of its places"
                );
            }
        }
        let mut seen = BTreeSet::new();
        compare(&example, &schemas[file], file, "", &schemas, &mut seen);
        let mut expected = BTreeSet::new();
        declared(&schemas[file], file, "", &schemas, &mut expected);
        // The place of an either-place member the example does not show is not expected.
        for (shown, other) in EITHER_PLACE {
            for (unshown, _) in [(other, shown), (shown, other)] {
                if example.pointer(unshown).is_none() {
                    expected.retain(|path| {
                        path != unshown && !path.starts_with(&format!("{unshown}/"))
                    });
                }
            }
        }
        let missing: Vec<&String> = expected.difference(&seen).collect();
        assert!(
            missing.is_empty(),
            "{name}: the schema's members {missing:?} are in no object the example shows"
        );
        compared.insert(kind);
    }
    // The invoice requests, the payment documents and the envelope, at least: the portal documents them.
    for kind in [
        "create-invoice",
        "edit-invoice",
        "confirm-invoice",
        "change-invoice-status",
        "pay-invoice",
        "payment-response",
        "payment-confirmation",
        "payment-confirmation-response",
        "api-response",
    ] {
        assert!(compared.contains(kind), "{kind}: no documentation example");
    }
}

#[test]
fn required_flags_are_those_the_documentation_marks() {
    let common = schema("common.schema.json");
    let required = |pointer: &str| -> Vec<String> {
        common
            .pointer(pointer)
            .cloned()
            .map(|v| serde_json::from_value(v).unwrap())
            .unwrap_or_default()
    };
    let defs = |name: &str| format!("/$defs/{name}/required");
    assert_eq!(
        required(&defs("invoice")),
        [
            "objectId",
            "supplierInvoiceNumber",
            "objectVersion",
            "ts",
            "statusTransition",
            "transactionDetails",
            "supplierDetails",
            "buyerDetails",
            "itemLists",
            "supplierBankAccountDetails"
        ]
    );
    assert_eq!(
        required(&defs("invoiceConfirmation")),
        [
            "objectId",
            "supplierInvoiceNumber",
            "objectVersion",
            "buyerResponse",
            "buyerRemarks",
            "statusTransition"
        ]
    );
    assert_eq!(required(&defs("device")), ["tag"]);
    assert_eq!(required(&defs("b2bIds")), ["buyerB2BId", "supplierB2BId"]);
    // The pages mark objectVersion, statusTransition and tag required, but show no flags for their
    // members (the portal collapses these objects), as for the items, parties and values below.
    for optional in [
        "objectVersion",
        "statusTransition",
        "deviceTag",
        // The Change Invoice Status page shows an example and no flags at all.
        "invoiceStatus",
        "statusChangeDevice",
        "statusChangeB2bIds",
        "item",
        "address",
        "supplierDetails",
        "valueDetails",
        "typedValue",
        "attribute",
    ] {
        assert!(
            required(&defs(optional)).is_empty(),
            "{optional}: nothing required where flags are not shown"
        );
    }
    for (kind, file) in documents() {
        // What the documentation says of each invoice document; a kind it does not cover here is checked
        // by its own documentation test.
        let expected: &[&str] = match kind {
            "create-invoice" | "edit-invoice" => &["device", "b2bIds", "invoice"],
            "confirm-invoice" => &["device", "b2bIds", "invoiceConfirmation"],
            // The Change Invoice Status page shows no flags: only the member that makes a document this
            // kind (and detection's) is required.
            "change-invoice-status" => &["invoiceStatus"],
            "pay-invoice" => &["device", "b2bIds", "payment"],
            "payment-confirmation" => &["device", "b2bIds", "paymentConfirmation"],
            "payment-response" => &["resp", "b2bIds", "payment"],
            "payment-confirmation-response" => &["resp", "b2bIds", "paymentConfirmation"],
            "api-response" => &["payload", "response_code", "response_message"],
            other if fixtures_dir().join(format!("docs/{other}.json")).exists() => {
                panic!("{other}: say which members its documentation marks required")
            }
            // Not documented by the portal: nothing to compare with.
            _ => continue,
        };
        assert_eq!(
            schema(file)["required"],
            serde_json::json!(expected),
            "{file}"
        );
    }
}

#[test]
fn the_closed_enum_and_the_known_values_are_as_documented() {
    let common = schema("common.schema.json");
    assert_eq!(
        common["$defs"]["buyerResponse"]["enum"],
        serde_json::json!(["ACCEPT", "REJECT", "RETURN"])
    );
    // Open lists are annotations: a value outside them is valid.
    let validator = reference_validator("create-invoice");
    let mut doc = read_json(&fixtures_dir().join("valid/create-invoice.json"));
    doc["invoice"]["transactionDetails"]["supplyType"] = "SEZWOP-NEW".into();
    doc["invoice"]["supplierDetails"]["address"]["state"] = "NEW STATE".into();
    doc["device"]["tag"]["name"] = "BLUETOOTH".into();
    assert!(reference_errors(&validator, &doc).is_empty());
}

#[test]
fn ts_refuses_what_is_not_an_rfc_3339_date_time_even_where_format_is_only_an_annotation() {
    let registry = Box::leak(Box::new(bc_invoice_tests::registry()));
    let annotation_only = jsonschema::options()
        .with_registry(registry)
        .should_validate_formats(false)
        .build(&schema("confirm-invoice.schema.json"))
        .unwrap();
    let ts = schema("common.schema.json")["$defs"]["timestamp"].clone();
    let ts_validator = jsonschema::options()
        .should_validate_formats(false)
        .build(&serde_json::json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "pattern": ts["pattern"]}))
        .unwrap();
    drop(annotation_only);
    for bad in [
        "string",
        "20/11/2026",
        "2026-11-20",
        "2026-11-20T10:15:00",
        "2026-11-20 10:15:00+05:30",
    ] {
        assert!(!ts_validator.is_valid(&Value::from(bad)), "{bad}");
    }
    for good in [
        "2017-08-10T17:57:35+05:30",
        "2026-11-20T10:15:00Z",
        "2026-11-20T10:15:00.250-03:30",
    ] {
        assert!(ts_validator.is_valid(&Value::from(good)), "{good}");
    }
}

#[test]
fn a_description_that_names_a_rule_off_by_default_says_so() {
    use bc_invoice_validate::rules::{RULES, RuleLevel};
    fn descriptions<'a>(value: &'a Value, at: String, out: &mut Vec<(String, &'a str)>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(text)) = map.get("description") {
                    out.push((at.clone(), text));
                }
                for (k, v) in map {
                    descriptions(v, format!("{at}/{k}"), out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    descriptions(v, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let schemas: Vec<(&str, Value)> = schema_files().iter().map(|f| (*f, schema(f))).collect();
    let mut texts = Vec::new();
    for (file, schema) in &schemas {
        descriptions(schema, (*file).to_owned(), &mut texts);
    }
    let off: Vec<&str> = RULES
        .iter()
        .filter(|r| r.default_level == RuleLevel::Allow)
        .map(|r| r.id.as_str())
        .collect();
    assert!(off.contains(&"payment-currency"), "{off:?}");
    let mut named = 0;
    for (at, text) in &texts {
        for rule in &off {
            if text.contains(rule) {
                named += 1;
                assert!(
                    text.contains("off by default") || text.contains("off (allow) by default"),
                    "{at} names {rule}, which is off by default, without saying so: {text}"
                );
            }
        }
    }
    assert!(
        named >= 2,
        "{named} descriptions name a rule off by default"
    );
}
