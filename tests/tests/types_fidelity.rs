//! The generated types say what the checked-in schema says. For each document kind, the schema schemars
//! derives from the root type (`schema_for!`, through the generated
//! `bc_invoice_tests::generated::derived_schema`) and the checked-in schema are walked side by side, following `$ref`s
//! on both sides, into facts per member path: the JSON type, the required set and `additionalProperties`
//! of every object, the pattern and format of every string, the values of every closed and open list. The
//! two sets of facts must be equal, so a generator that drops, renames or retypes a member fails here.

use std::collections::{BTreeMap, BTreeSet};

use bc_invoice_tests::generated::derived_schema;
use bc_invoice_tests::{schema, schema_files};
use bc_invoice_validate::DocumentKind;
use serde_json::Value;

/// A set of schema documents `$ref`s resolve in: the checked-in files, or one derived root schema.
struct Documents(BTreeMap<String, Value>);

impl Documents {
    fn checked_in() -> Self {
        Documents(
            schema_files()
                .iter()
                .map(|file| (file.to_string(), schema(file)))
                .collect(),
        )
    }

    fn derived(root: Value) -> Self {
        Documents(BTreeMap::from([("derived".to_owned(), root)]))
    }

    /// Follows `$ref`s from `node` (in `doc`) until a schema with a `type`.
    fn resolve<'a>(&'a self, mut node: &'a Value, mut doc: &'a str) -> (&'a Value, &'a str) {
        while let Some(target) = node.get("$ref").and_then(Value::as_str) {
            let (file, pointer) = target.split_once('#').expect("a $ref with a fragment");
            if !file.is_empty() {
                doc = self.0.get_key_value(file).expect("a known file").0;
            }
            node = self.0[doc]
                .pointer(pointer)
                .unwrap_or_else(|| panic!("{target} resolves"));
        }
        (node, doc)
    }

    /// The facts of the document `root` and everything under it, by member path.
    fn facts(&self, root: &str) -> BTreeMap<String, String> {
        let mut facts = BTreeMap::new();
        self.walk(&self.0[root], root, String::new(), &mut facts);
        facts
    }

    fn walk(&self, node: &Value, doc: &str, at: String, facts: &mut BTreeMap<String, String>) {
        let (node, doc) = self.resolve(node, doc);
        let fact = match node.get("type").and_then(Value::as_str) {
            Some("object") => {
                let properties = node["properties"].as_object().cloned().unwrap_or_default();
                for (name, member) in &properties {
                    self.walk(member, doc, format!("{at}/{name}"), facts);
                }
                let required: BTreeSet<&str> = node
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                format!(
                    "object, required {required:?}, additionalProperties {}",
                    node["additionalProperties"]
                )
            }
            Some("array") => {
                self.walk(&node["items"], doc, format!("{at}/[]"), facts);
                "array".to_owned()
            }
            Some(ty @ ("integer" | "number")) => {
                // Not the `format: int64` schemars adds to an i64: a fact about Rust's range, not the schema.
                ty.to_owned()
            }
            Some("string") => {
                let mut fact = "string".to_owned();
                for keyword in ["pattern", "format", "enum", "x-known-values"] {
                    if let Some(value) = node.get(keyword) {
                        fact.push_str(&format!(", {keyword} {value}"));
                    }
                }
                fact
            }
            _ => format!("unexpected schema {node}"),
        };
        facts.insert(if at.is_empty() { "/".to_owned() } else { at }, fact);
    }
}

/// Where two sets of facts differ, one line per path.
fn differences(
    checked_in: &BTreeMap<String, String>,
    derived: &BTreeMap<String, String>,
) -> Vec<String> {
    let paths: BTreeSet<&String> = checked_in.keys().chain(derived.keys()).collect();
    paths
        .into_iter()
        .filter(|path| checked_in.get(*path) != derived.get(*path))
        .map(|path| {
            format!(
                "{path}: schema {:?}, types {:?}",
                checked_in.get(path),
                derived.get(path)
            )
        })
        .collect()
}

fn derived(kind: DocumentKind) -> Value {
    derived_schema(kind).to_value()
}

#[test]
fn every_root_type_derives_the_schema_it_was_generated_from() {
    let checked_in = Documents::checked_in();
    for &kind in DocumentKind::ALL {
        let expected = checked_in.facts(kind.schema_file());
        let actual = Documents::derived(derived(kind)).facts("derived");
        let differences = differences(&expected, &actual);
        assert!(
            differences.is_empty(),
            "{kind}: the types and the schema differ:\n{}",
            differences.join("\n")
        );
        // The walk reached every member: the create request has well over two hundred paths.
        assert!(expected.len() >= 3, "{kind}: {expected:?}");
    }
    let create = checked_in.facts("create-invoice.schema.json");
    assert!(create.len() > 200, "{}", create.len());
    for path in [
        "/invoice/shippingDetails/lglNm",
        "/invoice/shippingDetails/trdNm",
        "/b2bIds/buyerB2BId",
        "/invoice/transactionDetails/igstChargable",
        "/invoice/einvoiceResponse",
        "/invoice/eInvoiceInfo/irnNumber",
        "/invoice/itemLists/[]/quantity",
    ] {
        assert!(create.contains_key(path), "{path}");
    }
    assert!(
        checked_in
            .facts("api-response.schema.json")
            .contains_key("/response_code")
    );
}

#[test]
fn a_dropped_renamed_or_retyped_member_is_a_difference() {
    let checked_in = Documents::checked_in();
    let expected = checked_in.facts("confirm-invoice.schema.json");
    let original = derived(DocumentKind::ConfirmInvoice);
    assert!(
        differences(
            &expected,
            &Documents::derived(original.clone()).facts("derived")
        )
        .is_empty()
    );

    // Changes `pointer` in the derived schema and asserts that the comparison reports `path`.
    let reported =
        |pointer: &str, path: &str, change: &dyn Fn(&mut serde_json::Map<String, Value>)| {
            let mut schema = original.clone();
            let object = schema
                .pointer_mut(pointer)
                .and_then(Value::as_object_mut)
                .unwrap_or_else(|| panic!("{pointer}"));
            change(object);
            let found = differences(&expected, &Documents::derived(schema).facts("derived"));
            assert!(
                found.iter().any(|d| d.starts_with(&format!("{path}:"))),
                "{path} not reported: {found:?}"
            );
        };

    // Dropped: the buyer's remarks vanish from the confirmation.
    reported(
        "/$defs/InvoiceConfirmation/properties",
        "/invoiceConfirmation/buyerRemarks",
        &|p| {
            p.remove("buyerRemarks");
        },
    );
    // Renamed: buyerB2BId becomes buyerB2bId; the old name is missing and the new one unexpected.
    for path in ["/b2bIds/buyerB2BId", "/b2bIds/buyerB2bId"] {
        reported("/$defs/B2bIds/properties", path, &|p| {
            let member = p.remove("buyerB2BId").unwrap();
            p.insert("buyerB2bId".to_owned(), member);
        });
    }
    // Made optional.
    reported("/$defs/InvoiceConfirmation", "/invoiceConfirmation", &|o| {
        o.insert("required".to_owned(), Value::Array(Vec::new()));
    });
    // A closed list loses a value.
    reported(
        "/$defs/BuyerResponse",
        "/invoiceConfirmation/buyerResponse",
        &|o| {
            o.insert("enum".to_owned(), serde_json::json!(["ACCEPT", "REJECT"]));
        },
    );
    // Retyped: a version becomes a number.
    reported(
        "/$defs/ObjectVersion/properties/newVersion",
        "/invoiceConfirmation/objectVersion/newVersion",
        &|o| {
            o.insert("type".to_owned(), Value::String("number".to_owned()));
        },
    );
    // A pattern changes.
    reported("/$defs/ObjectId", "/invoiceConfirmation/objectId", &|o| {
        o.insert("pattern".to_owned(), Value::String("^INV".to_owned()));
    });
}
