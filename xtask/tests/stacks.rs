//! The schema as a product for other stacks: the single-file schemas under `schema/bundled/` and the OpenAPI
//! description `schema/openapi.json` are what `cargo xtask gen` writes, every reference in them is local and
//! resolves, they validate every fixture exactly as the split schema does, every annotation they carry is
//! declared by the bc-invoice dialect, and a new document kind appears in them with no code change.
//!
//! The real tools of other stacks (ajv, check-jsonschema, Python's jsonschema, redocly, …) run on them in
//! `.ci/stack-tools.sh`.

use std::collections::BTreeSet;

use serde_json::Value;
use xtask::bundle::{BUNDLE_DIR, bundle_path, bundles};
use xtask::openapi::{OPENAPI_FILE, openapi};
use xtask::{
    files_staleness, generated_files, generated_files_from, read_schema_dir, workspace_root,
};

fn sources() -> Vec<(String, String)> {
    read_schema_dir(&workspace_root().join("schema")).expect("schema/ reads")
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("generated JSON parses")
}

/// The `(file name, JSON)` of every split schema file.
fn split() -> Vec<(String, Value)> {
    sources()
        .into_iter()
        .map(|(name, text)| (name, parse(&text)))
        .collect()
}

/// The document roots' kinds, from their `x-document`.
fn kinds() -> Vec<String> {
    split()
        .iter()
        .filter_map(|(_, json)| json["x-document"]["kind"].as_str().map(str::to_owned))
        .collect()
}

/// Every `$ref` in `value`, outside the data keywords.
fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("$ref", Value::String(target)) => out.push(target.clone()),
                    ("examples" | "enum" | "const" | "default" | "x-known-values", _) => {}
                    _ => refs(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| refs(item, out)),
        _ => {}
    }
}

/// Every value of the keyword `keyword` in `value`, at any depth.
fn keyword_values<'a>(value: &'a Value, keyword: &str, out: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                if key == keyword {
                    out.push(value);
                }
                keyword_values(value, keyword, out);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| keyword_values(item, keyword, out)),
        _ => {}
    }
}

/// The `*.json` files of one fixture directory, sorted by name.
fn fixture_files(dir: &str) -> Vec<std::path::PathBuf> {
    let dir = workspace_root().join("tests/fixtures").join(dir);
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// A JSON file, parsed.
fn read_json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixtures() -> Vec<(String, std::path::PathBuf)> {
    let kinds = kinds();
    let mut out = Vec::new();
    for dir in ["valid", "docs", "rules"] {
        for path in fixture_files(dir) {
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            if let Some(kind) = kinds
                .iter()
                .filter(|k| name.starts_with(&format!("{k}.")))
                .max_by_key(|k| k.len())
            {
                out.push((kind.clone(), path));
            }
        }
    }
    out
}

#[test]
fn the_checked_in_bundles_and_openapi_description_are_fresh() {
    let files = generated_files().unwrap_or_else(|e| panic!("cargo xtask gen fails: {e}"));
    if let Some(report) = files_staleness(&files) {
        panic!("{report}");
    }
}

#[test]
fn generated_files_are_deterministic_pretty_json_with_a_final_newline() {
    let first = generated_files().unwrap();
    assert_eq!(first, generated_files().unwrap());
    for (path, text) in &first {
        assert!(text.ends_with("}\n") && !text.ends_with("\n\n"), "{path}");
        assert!(!text.contains('\r') && !text.contains('\t'), "{path}");
        let value = parse(text);
        assert_eq!(
            format!("{}\n", serde_json::to_string_pretty(&value).unwrap()).len(),
            text.len(),
            "{path}: serde_json's two-space layout"
        );
    }
}

#[test]
fn every_document_root_has_one_bundle_and_nothing_else_does() {
    let paths: Vec<String> = bundles(&sources())
        .unwrap()
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    let expected: Vec<String> = kinds().iter().map(|k| bundle_path(k)).collect();
    assert_eq!(paths, expected);
    assert!(paths.len() >= 5, "{paths:?}");
    assert!(
        paths
            .iter()
            .all(|p| p.starts_with(&format!("{BUNDLE_DIR}/")))
    );
}

#[test]
fn every_ref_in_a_bundle_is_local_and_resolves() {
    for (path, text) in bundles(&sources()).unwrap() {
        let bundle = parse(&text);
        let mut targets = Vec::new();
        refs(&bundle, &mut targets);
        for target in &targets {
            let pointer = target
                .strip_prefix("#/$defs/")
                .unwrap_or_else(|| panic!("{path}: $ref {target} is not local"));
            assert!(
                bundle["$defs"].get(pointer).is_some(),
                "{path}: $ref {target} does not resolve"
            );
        }
        // Every definition is used: a bundle holds what its root reaches and nothing more.
        let used: BTreeSet<&str> = targets.iter().map(|t| &t["#/$defs/".len()..]).collect();
        if let Some(defs) = bundle["$defs"].as_object() {
            for name in defs.keys() {
                assert!(
                    used.contains(name.as_str()),
                    "{path}: $defs/{name} is unused"
                );
            }
        }
        let id = bundle["$id"].as_str().expect("a bundle has an $id");
        assert!(
            id.starts_with("urn:bc-invoice:schema:"),
            "{path}: $id {id} is a name no tool fetches"
        );
        assert_eq!(
            bundle["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{path}: the standard dialect, which every tool knows"
        );
    }
}

#[test]
fn a_bundle_keeps_its_root_and_definitions_member_for_member() {
    let split = split();
    let common = &split
        .iter()
        .find(|(name, _)| name == "common.schema.json")
        .unwrap()
        .1;
    let text = bundles(&sources())
        .unwrap()
        .into_iter()
        .find(|(path, _)| path.ends_with("/create-invoice.schema.json"))
        .unwrap()
        .1;
    let bundle = parse(&text);
    let root = &split
        .iter()
        .find(|(name, _)| name == "create-invoice.schema.json")
        .unwrap()
        .1;
    for key in [
        "title",
        "description",
        "x-document",
        "required",
        "additionalProperties",
    ] {
        assert_eq!(bundle[key], root[key], "{key}");
    }
    assert_eq!(bundle["properties"]["invoice"]["$ref"], "#/$defs/invoice");
    // A definition is the shared one with its references made local.
    let local = |value: &Value| value.to_string().replace("common.schema.json#", "#");
    for (name, def) in bundle["$defs"].as_object().unwrap() {
        assert_eq!(
            def.to_string(),
            local(&common["$defs"][name]),
            "$defs/{name}"
        );
    }
    // In the shared file's order (serde_json's `Value` sorts members, so read the order from the text).
    let common_text = &sources()
        .into_iter()
        .find(|(name, _)| name == "common.schema.json")
        .unwrap()
        .1;
    let names: Vec<&String> = bundle["$defs"].as_object().unwrap().keys().collect();
    assert_eq!(
        def_order(&text, &names),
        def_order(common_text, &names),
        "the bundle's $defs in the shared file's order"
    );
}

/// `names` in the order their entries of the top-level `$defs` (indented by four spaces) appear in `text`.
fn def_order<'a>(text: &str, names: &[&'a String]) -> Vec<&'a String> {
    let defs = text.find("\n  \"$defs\": {").expect("a top-level $defs");
    let text = &text[defs..];
    let mut found: Vec<(usize, &String)> = names
        .iter()
        .map(|name| {
            let at = text
                .find(&format!("\n    \"{name}\": {{"))
                .unwrap_or_else(|| panic!("$defs/{name} is in the text"));
            (at, *name)
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, name)| name).collect()
}

/// A validator for the split schema of `kind`, with every split file in its registry under its `$id`.
fn split_validator(kind: &str) -> jsonschema::Validator {
    let split = split();
    let mut registry = jsonschema::Registry::new();
    for (name, schema) in &split {
        let id = schema["$id"]
            .as_str()
            .unwrap_or_else(|| panic!("{name} has an $id"));
        registry = registry.add(id, schema.clone()).unwrap();
    }
    let registry = Box::leak(Box::new(registry.prepare().unwrap()));
    let root = &split
        .iter()
        .find(|(_, json)| json["x-document"]["kind"] == kind)
        .unwrap()
        .1;
    jsonschema::options()
        .with_registry(registry)
        .should_validate_formats(true)
        .build(root)
        .unwrap()
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<(String, String)> {
    let mut errors: Vec<(String, String)> = validator
        .iter_errors(instance)
        .map(|e| {
            (
                e.instance_path().as_str().to_owned(),
                e.kind().keyword().to_owned(),
            )
        })
        .collect();
    errors.sort();
    errors
}

#[test]
fn each_bundle_validates_every_fixture_exactly_as_the_split_schema_does() {
    let bundles = bundles(&sources()).unwrap();
    let mut rejected = 0;
    let fixtures = fixtures();
    assert!(fixtures.len() >= 16, "{fixtures:?}");
    for (kind, path) in fixtures {
        let bundle = parse(
            &bundles
                .iter()
                .find(|(p, _)| *p == bundle_path(&kind))
                .unwrap()
                .1,
        );
        let bundled = jsonschema::options()
            .should_validate_formats(true)
            .build(&bundle)
            .unwrap_or_else(|e| panic!("{kind}: the bundle compiles alone: {e}"));
        let instance = read_json(&path);
        let expected = errors(&split_validator(&kind), &instance);
        assert_eq!(errors(&bundled, &instance), expected, "{}", path.display());
        rejected += usize::from(!expected.is_empty());
    }
    assert!(rejected >= 4, "the documentation's examples are rejected");
}

/// A validator for the bc-invoice dialect meta-schema, `schema/vocab/bc-invoice.json`.
fn dialect() -> jsonschema::Validator {
    let path = workspace_root().join("schema/vocab/bc-invoice.json");
    let dialect = read_json(&path);
    jsonschema::options()
        .build(&dialect)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_schema_file_bundle_and_component_is_valid_in_the_bc_invoice_dialect() {
    let dialect = dialect();
    let mut schemas: Vec<(String, Value)> = split();
    for (path, text) in generated_files().unwrap() {
        let json = parse(&text);
        if path == OPENAPI_FILE {
            for (name, schema) in json["components"]["schemas"].as_object().unwrap() {
                schemas.push((format!("{path}#/components/schemas/{name}"), schema.clone()));
            }
        } else {
            schemas.push((path, json));
        }
    }
    for (name, schema) in &schemas {
        let problems: Vec<String> = dialect
            .iter_errors(schema)
            .map(|e| format!("{}: {e}", e.instance_path().as_str()))
            .collect();
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
    // Every annotation the schema uses is one the vocabulary declares.
    let vocabulary = read_json(&workspace_root().join("schema/vocab/bc-invoice.json"));
    let declared: BTreeSet<&String> = vocabulary["$defs"]["annotations"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    fn x_keys(value: &Value, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    if key.starts_with("x-") {
                        out.insert(key.clone());
                    }
                    if key != "properties" || !value.is_object() {
                        x_keys(value, out);
                    } else {
                        value
                            .as_object()
                            .unwrap()
                            .values()
                            .for_each(|v| x_keys(v, out));
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| x_keys(v, out)),
            _ => {}
        }
    }
    let mut used = BTreeSet::new();
    for (_, schema) in &schemas {
        x_keys(schema, &mut used);
    }
    for key in &used {
        assert!(
            declared.contains(key),
            "{key} is not declared in schema/vocab/bc-invoice.json"
        );
    }
    assert_eq!(used.len(), 3, "{used:?}");
}

#[test]
fn the_dialect_refuses_a_malformed_annotation_at_any_depth() {
    let dialect = dialect();
    let bad = [
        serde_json::json!({"$defs": {"a": {"type": "string", "x-known-values": "GEOCODE"}}}),
        serde_json::json!({"$defs": {"a": {"type": "string", "x-known-values": []}}}),
        serde_json::json!({"$defs": {"a": {"type": "string", "x-known-values": ["A", "A"]}}}),
        serde_json::json!({"properties": {"a": {"type": "string", "x-role": "GSTIN"}}}),
        serde_json::json!({"x-document": {"kind": "create-invoice", "endpoint": "post /x"}}),
        serde_json::json!({"x-document": {"endpoint": "POST /x"}}),
        serde_json::json!({"x-document": {"kind": "a", "extra": 1}}),
        serde_json::json!({"items": {"properties": {"b": {"x-role": 3}}}}),
    ];
    for schema in bad {
        assert!(!dialect.is_valid(&schema), "{schema} passes the dialect");
    }
    let good = serde_json::json!({"x-document": {"kind": "a-b", "endpoint": "POST /a/b", "detect": false},
        "properties": {"a": {"type": "string", "x-role": "gstin-or-urp", "x-known-values": ["A", "B"]}}});
    assert!(dialect.is_valid(&good));
    // The standard keywords are still checked, since the dialect includes draft 2020-12.
    assert!(!dialect.is_valid(&serde_json::json!({"$defs": {"a": {"type": "strin"}}})));
}

#[test]
fn the_openapi_description_has_an_operation_per_endpoint_and_local_component_refs() {
    let (path, text) = openapi(&sources()).unwrap();
    assert_eq!(path, OPENAPI_FILE);
    let doc = parse(&text);
    assert_eq!(doc["openapi"], "3.1.0");
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let mut targets = Vec::new();
    refs(&doc, &mut targets);
    for target in &targets {
        let name = target
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("$ref {target} is not a component"));
        assert!(schemas.contains_key(name), "$ref {target} does not resolve");
    }
    for (name, schema) in schemas {
        for keyword in ["$id", "$schema", "$defs"] {
            let mut found = Vec::new();
            keyword_values(schema, keyword, &mut found);
            assert!(found.is_empty(), "components/schemas/{name} has {keyword}");
        }
    }
    let mut operations = 0;
    for (_, json) in split() {
        let Some(kind) = json["x-document"]["kind"].as_str() else {
            continue;
        };
        assert!(schemas.contains_key(kind), "{kind} is a component");
        match json["x-document"]["endpoint"].as_str() {
            // A document the partner receives is a webhook, by kind, with the same body.
            Some(endpoint) if json["x-document"]["received"] == true => {
                let method = endpoint.split_once(' ').unwrap().0.to_lowercase();
                let operation = &doc["webhooks"][kind][method];
                assert_eq!(
                    operation["requestBody"]["content"]["application/json"]["schema"]["$ref"],
                    format!("#/components/schemas/{kind}"),
                    "{endpoint}"
                );
                assert!(
                    doc["paths"]
                        .get(endpoint.split_once(' ').unwrap().1)
                        .is_none()
                );
            }
            Some(endpoint) => {
                let (method, path) = endpoint.split_once(' ').unwrap();
                let operation = &doc["paths"][path][method.to_lowercase()];
                assert_eq!(
                    operation["requestBody"]["content"]["application/json"]["schema"]["$ref"],
                    format!("#/components/schemas/{kind}"),
                    "{endpoint}"
                );
                assert_eq!(
                    operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/api-response",
                    "{endpoint}"
                );
                operations += 1;
            }
            None => assert_eq!(kind, "api-response"),
        }
    }
    let count: usize = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| item.as_object().unwrap().len())
        .sum();
    assert_eq!(count, operations);
    assert!(operations >= 4);
}

/// The workspace's schema files, plus `extra`.
fn with(extra: &[(&str, Value)]) -> Vec<(String, String)> {
    let mut sources = sources();
    for (name, json) in extra {
        sources.push((
            (*name).to_owned(),
            serde_json::to_string_pretty(json).unwrap(),
        ));
    }
    sources.sort();
    sources
}

fn root(kind: &str, endpoint: Option<&str>, properties: Value) -> Value {
    let mut decl = serde_json::json!({"kind": kind});
    if let Some(endpoint) = endpoint {
        decl["endpoint"] = endpoint.into();
    }
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": format!("https://bc-invoice.dev/schema/v1/{kind}.schema.json"),
        "title": format!("{kind} request"),
        "x-document": decl,
        "type": "object",
        "properties": properties,
        "required": [],
        "additionalProperties": false
    })
}

#[test]
fn a_new_document_kind_is_bundled_and_described_with_no_code_change() {
    let pay = root(
        "refund-request",
        Some("POST /api/v0/refund/req-refund"),
        serde_json::json!({
            "device": {"$ref": "common.schema.json#/$defs/device"},
            "refund": {"$ref": "#/$defs/refund"}
        }),
    );
    let mut pay = pay;
    pay["$defs"] = serde_json::json!({
        "refund": {
            "type": "object",
            "properties": {"objectId": {"$ref": "common.schema.json#/$defs/objectId"}},
            "additionalProperties": false
        }
    });
    let files = generated_files_from(&with(&[("refund-request.schema.json", pay)])).unwrap();
    let text = &files
        .iter()
        .find(|(p, _)| p == "schema/bundled/refund-request.schema.json")
        .expect("a bundle for the new kind")
        .1;
    let bundle = parse(text);
    assert_eq!(bundle["$id"], "urn:bc-invoice:schema:v1:refund-request");
    assert_eq!(bundle["properties"]["refund"]["$ref"], "#/$defs/refund");
    let names: Vec<&String> = bundle["$defs"].as_object().unwrap().keys().collect();
    assert_eq!(names.len(), 5, "{names:?}");
    assert_eq!(
        def_order(text, &names),
        ["refund", "objectId", "deviceTagName", "deviceTag", "device"],
        "the root's own definitions first, then the shared file's, each in file order"
    );
    let doc = parse(&files.iter().find(|(p, _)| p == OPENAPI_FILE).unwrap().1);
    let operation = &doc["paths"]["/api/v0/refund/req-refund"]["post"];
    assert_eq!(operation["operationId"], "refundRequest");
    assert_eq!(
        operation["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/refund-request"
    );
    assert_eq!(
        doc["components"]["schemas"]["refund"]["properties"]["objectId"]["$ref"],
        "#/components/schemas/objectId"
    );
}

#[test]
fn two_kinds_on_one_endpoint_or_two_envelopes_become_any_of() {
    let webhook = root(
        "invoice-webhook",
        Some("POST /api/v0/invoice/req-send-invoice"),
        serde_json::json!({"invoice": {"$ref": "common.schema.json#/$defs/invoice"}}),
    );
    let ack = root(
        "ack",
        None,
        serde_json::json!({"b2bIds": {"$ref": "common.schema.json#/$defs/b2bIds"}}),
    );
    let (_, text) = openapi(&with(&[
        ("invoice-webhook.schema.json", webhook),
        ("ack.schema.json", ack),
    ]))
    .unwrap();
    let doc = parse(&text);
    let operation = &doc["paths"]["/api/v0/invoice/req-send-invoice"]["post"];
    assert_eq!(operation["operationId"], "createInvoiceOrInvoiceWebhook");
    assert_eq!(
        operation["requestBody"]["content"]["application/json"]["schema"]["anyOf"],
        serde_json::json!([
            {"$ref": "#/components/schemas/create-invoice"},
            {"$ref": "#/components/schemas/invoice-webhook"}
        ])
    );
    assert_eq!(
        operation["responses"]["200"]["content"]["application/json"]["schema"]["anyOf"],
        serde_json::json!([
            {"$ref": "#/components/schemas/ack"},
            {"$ref": "#/components/schemas/api-response"}
        ])
    );
}

#[test]
fn a_definition_name_two_files_use_together_is_an_error_naming_both() {
    let other = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://bc-invoice.dev/schema/v1/other.schema.json",
        "$defs": {"device": {"type": "object", "properties": {}, "additionalProperties": false}}
    });
    let clash = root(
        "clash",
        Some("POST /clash"),
        serde_json::json!({
            "a": {"$ref": "other.schema.json#/$defs/device"},
            "b": {"$ref": "common.schema.json#/$defs/device"}
        }),
    );
    let error = bundles(&with(&[
        ("other.schema.json", other),
        ("clash.schema.json", clash),
    ]))
    .unwrap_err();
    assert!(
        error.to_string().contains("device") && error.to_string().contains("rename one"),
        "{error}"
    );
}

#[test]
fn a_stale_missing_or_left_over_file_is_reported_with_the_command() {
    let mut files = generated_files().unwrap();
    // What the schema would generate after an edit: another title, a new kind, and a kind gone.
    let (path, text) = &mut files[0];
    let stale_path = path.clone();
    *text = text.replacen("\"title\": \"", "\"title\": \"Edited ", 1);
    let gone = files.remove(1).0;
    files.push((bundle_path("new-kind"), "{}\n".to_owned()));
    let report = files_staleness(&files).expect("differences are reported");
    assert!(
        report.contains(&format!("{stale_path} is stale")),
        "{report}"
    );
    assert!(
        report.contains("+  \"title\": \"Edited "),
        "a diff: {report}"
    );
    assert!(report.contains(&format!("{gone} is left over")), "{report}");
    assert!(
        report.contains("schema/bundled/new-kind.schema.json is missing"),
        "{report}"
    );
    assert!(report.contains("Run `cargo xtask gen`"), "{report}");
}
