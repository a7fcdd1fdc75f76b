//! Valid documents of any kind, built at test time by walking the checked-in schema: one strategy per schema
//! node, `$ref`s followed, shared definitions built once. Nothing here names a kind, a member or a type,
//! so a member or a kind added to the schema is generated with no edit.
//!
//! The walk knows the JSON Schema subset `cargo xtask gen` accepts (objects with `properties` and
//! `required`, arrays with `items`, strings with `pattern`, `format: date-time`, `enum` or
//! `x-known-values`, integers, numbers; booleans and nulls too) and panics, naming the schema location, on
//! anything else: a test then fails until this module learns it, rather than generating documents the
//! schema does not describe.

use std::collections::BTreeMap;

use bc_invoice_validate::DocumentKind;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::{Union, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::{Map, Value};

use super::pattern::pattern_string;
use super::schema_model::{Node, Schemas};
use super::{decimal_number, integer, list, open_list, text, timestamp_text};

/// The most elements an array holds when it is not inside another array's element.
pub const MANY: usize = 8;
/// The most elements an array inside another array's element holds.
pub const MANY_NESTED: usize = 6;

/// Arbitrary valid documents of `kind` (`create-invoice`, …), built from its schema.
///
/// # Panics
/// If the kind is unknown, or its schema uses what the walk does not know (the message names where).
pub fn document(kind: &str) -> BoxedStrategy<Value> {
    let schemas = Schemas::shared();
    Builder::default().value(schemas.root(kind), false)
}

/// A valid document of any kind in [`DocumentKind::ALL`], each kind as likely as the others, with its kind.
pub fn any_document() -> BoxedStrategy<(DocumentKind, Value)> {
    let kinds: Vec<BoxedStrategy<(DocumentKind, Value)>> = DocumentKind::ALL
        .iter()
        .map(|&kind| {
            document(kind.as_str())
                .prop_map(move |document| (kind, document))
                .boxed()
        })
        .collect();
    Union::new(kinds).boxed()
}

/// Arbitrary valid values of one schema node (`$ref`s resolved), as [`document`] draws them.
pub fn value(node: &Node<'static>) -> BoxedStrategy<Value> {
    Builder::default().value(node.clone(), false)
}

/// The strings a string node allows: its `enum`'s values; its `x-known-values` and unknown strings; a
/// calendar-valid date-time for `format: date-time` (kept to the node's pattern); strings its `pattern`
/// matches; any text.
///
/// # Panics
/// On a `format` other than `date-time`.
pub fn string(node: &Node<'_>) -> BoxedStrategy<String> {
    if let Some(values) = node.enumeration() {
        return select(owned(&values)).boxed();
    }
    if let Some(known) = node.known_values() {
        return open_list(owned(&known));
    }
    match (node.format(), node.pattern()) {
        (Some("date-time"), None) => timestamp_text(),
        (Some("date-time"), Some(pattern)) => {
            let regex = regex::Regex::new(pattern)
                .unwrap_or_else(|e| panic!("{}: {pattern}: {e}", node.location()));
            timestamp_text()
                .prop_filter("a date-time the pattern matches", move |s| {
                    regex.is_match(s)
                })
                .boxed()
        }
        (Some(format), _) => panic!(
            "{}: no strategy for the format {format:?}: teach tests/src/strategies/document.rs",
            node.location()
        ),
        (None, Some(pattern)) => pattern_string(pattern),
        (None, None) => text(),
    }
}

fn owned(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

/// One value of a strategy, from a runner (a deterministic one makes it reproducible).
pub fn sample<T: std::fmt::Debug>(strategy: &BoxedStrategy<T>, runner: &mut TestRunner) -> T {
    strategy
        .new_tree(runner)
        .unwrap_or_else(|e| panic!("the strategy draws nothing: {e}"))
        .current()
}

/// Makes the value at `path` (unescaped JSON Pointer tokens) exist in `document`, a valid document of
/// `kind`, adding what is missing on the way with values drawn from their schema nodes: a member an object
/// lacks, the elements an array is short of. The document stays valid.
///
/// # Panics
/// If the schema declares no such path.
pub fn realize(kind: &str, document: &mut Value, path: &[String], runner: &mut TestRunner) {
    let schemas = Schemas::shared();
    let mut node = schemas.root(kind);
    let mut here = document;
    for (depth, token) in path.iter().enumerate() {
        let at = || format!("{kind}: /{}", path[..=depth].join("/"));
        here = match here {
            Value::Object(members) => {
                node = schemas
                    .property(&node, token)
                    .unwrap_or_else(|| panic!("{}: the schema declares no such member", at()));
                if !members.contains_key(token) {
                    members.insert(token.clone(), sample(&value(&node), runner));
                }
                members.get_mut(token).expect("inserted")
            }
            Value::Array(elements) => {
                node = schemas
                    .items(&node)
                    .unwrap_or_else(|| panic!("{}: the schema declares no items", at()));
                let index: usize = token
                    .parse()
                    .unwrap_or_else(|_| panic!("{}: not an index", at()));
                let element = value(&node);
                while elements.len() <= index {
                    elements.push(sample(&element, runner));
                }
                &mut elements[index]
            }
            _ => panic!("{}: a scalar has no members", at()),
        };
    }
}

/// Builds the strategy of each node once: a shared definition used in many places is one strategy.
#[derive(Default)]
struct Builder {
    /// `(location, nested)` → the node's strategy.
    built: BTreeMap<(String, bool), BoxedStrategy<Value>>,
    /// The locations being built: a definition that reaches itself is a recursive schema.
    building: Vec<String>,
}

impl Builder {
    /// The strategy of `node`; `nested` when it is inside an array's element (its arrays are shorter).
    fn value(&mut self, node: Node<'static>, nested: bool) -> BoxedStrategy<Value> {
        let key = (node.location().to_owned(), nested);
        if let Some(built) = self.built.get(&key) {
            return built.clone();
        }
        assert!(
            !self.building.contains(&key.0),
            "{}: a recursive schema: teach tests/src/strategies/document.rs (prop_recursive)",
            key.0
        );
        self.building.push(key.0.clone());
        let strategy = match node.json_type() {
            Some("object") => self.object(&node, nested),
            Some("array") => {
                let items = Schemas::shared()
                    .items(&node)
                    .unwrap_or_else(|| panic!("{}: an array without items", node.location()));
                let element = self.value(items, true);
                let many = if nested { MANY_NESTED } else { MANY };
                list(element, many).prop_map(Value::Array).boxed()
            }
            Some("string") => string(&node).prop_map(Value::String).boxed(),
            Some("integer") => integer().prop_map(Value::from).boxed(),
            Some("number") => decimal_number().prop_map(Value::Number).boxed(),
            Some("boolean") => any::<bool>().prop_map(Value::Bool).boxed(),
            Some("null") => Just(Value::Null).boxed(),
            other => panic!(
                "{}: no strategy for type {other:?}: teach tests/src/strategies/document.rs",
                node.location()
            ),
        };
        self.building.pop();
        self.built.insert(key, strategy.clone());
        strategy
    }

    /// An object: its required members always, each optional one present or absent, in schema order.
    fn object(&mut self, node: &Node<'static>, nested: bool) -> BoxedStrategy<Value> {
        let schemas = Schemas::shared();
        let required = node.required();
        let names: Vec<&String> = node
            .properties()
            .into_iter()
            .flat_map(|p| p.keys())
            .collect();
        let members: Vec<BoxedStrategy<Option<(String, Value)>>> = names
            .into_iter()
            .map(|name| {
                let child = schemas.property(node, name).expect("a declared member");
                let member = self.value(child, nested);
                let is_required = required.contains(&name.as_str());
                let name = name.clone();
                let pair = member.prop_map(move |value| (name.clone(), value));
                if is_required {
                    pair.prop_map(Some).boxed()
                } else {
                    proptest::option::of(pair).boxed()
                }
            })
            .collect();
        members
            .prop_map(|members| Value::Object(members.into_iter().flatten().collect::<Map<_, _>>()))
            .boxed()
    }
}
