//! The generated types can grow: what a schema may gain without a breaking release (an optional member, a
//! value of a closed or an open list) only adds to the public API the generator writes, and never changes
//! what was there. For every golden case, the schema is grown in memory (an optional member in every
//! object, a value in every list) and the public API of both outputs is read with `syn` and compared: every
//! item of the first (a struct's fields and `new` signature, every setter, variant, constant and trait impl)
//! is in the second unchanged, and every enum and every struct of public fields is `#[non_exhaustive]`, so
//! that no code outside the types crate can depend on a type having only the members or values it had.
//!
//! The `object-grown` golden case is the `object` case grown this way, checked in: the types crate compiles
//! the same downstream code (built with `new` and the `with_` setters) against both
//! (`crates/bc-invoice-types/src/golden.rs`), the compile-time half of the promise.

use std::collections::BTreeSet;
use std::path::PathBuf;

use quote::ToTokens;
use serde_json::Value;
use xtask::{generate, read_schema_dir, workspace_root};

/// The member the growth adds to every object, optional.
const GROWN_MEMBER: &str = "grownLater";
/// The value the growth adds to every closed and open list.
const GROWN_VALUE: &str = "GROWN_LATER";

/// A JSON value whose objects keep their members' order (serde_json's `Value` sorts them, and the order of
/// an object's members is the order of `new`'s parameters).
#[derive(Debug, Clone, PartialEq)]
enum Json {
    Object(Vec<(String, Json)>),
    Array(Vec<Json>),
    Scalar(Value),
}

impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Json;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut members: Vec<(String, Json)> = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                // serde_json's `arbitrary_precision` hands a number over as a map of one private member
                // holding its text: read it back as the number.
                if let [(key, Json::Scalar(Value::String(text)))] = members.as_slice()
                    && key == "$serde_json::private::Number"
                {
                    let number = serde_json::from_str(text).map_err(serde::de::Error::custom)?;
                    return Ok(Json::Scalar(number));
                }
                Ok(Json::Object(members))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::Array(items))
            }
            fn visit_str<E>(self, v: &str) -> Result<Json, E> {
                Ok(Json::Scalar(Value::from(v)))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
                Ok(Json::Scalar(Value::from(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
                Ok(Json::Scalar(Value::from(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
                Ok(Json::Scalar(Value::from(v)))
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Scalar(Value::Null))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl serde::Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (name, value) in members {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Scalar(value) => value.serialize(serializer),
        }
    }
}

impl Json {
    fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        match self {
            Json::Object(members) => members.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn is_str(&self, text: &str) -> bool {
        matches!(self, Json::Scalar(Value::String(s)) if s == text)
    }
}

/// `name`, or `name2`, `name3`, … : the first that is not `taken` (a grown schema grows again).
fn unused(name: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                name.to_owned()
            } else {
                format!("{name}{n}")
            }
        })
        .find(|candidate| !taken(candidate))
        .expect("a free name")
}

/// A schema grown as a minor release may grow it: every object gains an optional string member (last),
/// every `enum` and `x-known-values` list a value (last).
fn grow(schema: &mut Json) {
    match schema {
        Json::Object(_) => {
            let is_object = schema.get_mut("type").is_some_and(|t| t.is_str("object"));
            if is_object && let Some(Json::Object(properties)) = schema.get_mut("properties") {
                let member: Json = serde_json::from_str(
                    r#"{"type": "string", "description": "An optional member added after the first release."}"#,
                )
                .expect("JSON");
                let name = unused(GROWN_MEMBER, |n| properties.iter().any(|(k, _)| k == n));
                properties.push((name, member));
            }
            let Json::Object(members) = schema else {
                unreachable!()
            };
            for (key, value) in members.iter_mut() {
                match (key.as_str(), value) {
                    ("enum" | "x-known-values", Json::Array(values)) => {
                        let value = unused(GROWN_VALUE, |v| values.iter().any(|j| j.is_str(v)));
                        values.push(Json::Scalar(Value::from(value)));
                    }
                    ("examples", _) => {}
                    // `properties` maps names to schemas; anything else that holds schemas is walked alike.
                    (_, value) => grow(value),
                }
            }
        }
        Json::Array(items) => items.iter_mut().for_each(grow),
        Json::Scalar(_) => {}
    }
}

fn grown(sources: &[(String, String)]) -> Vec<(String, String)> {
    sources
        .iter()
        .map(|(name, text)| {
            let mut schema: Json = serde_json::from_str(text).expect("a JSON schema file");
            grow(&mut schema);
            let text = serde_json::to_string_pretty(&schema).expect("serializes") + "\n";
            (name.clone(), text)
        })
        .collect()
}

fn tokens(item: &impl ToTokens) -> String {
    item.to_token_stream().to_string()
}

fn is_public(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn is_non_exhaustive(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("non_exhaustive"))
}

/// The public API of generated code, one line per item, and the structs (of public fields) and enums that
/// are not `#[non_exhaustive]`.
fn api(rust: &str) -> (BTreeSet<String>, Vec<String>) {
    let file = syn::parse_file(rust).expect("the generated code parses");
    let mut api = BTreeSet::new();
    let mut exhaustive = Vec::new();
    for item in &file.items {
        match item {
            syn::Item::Struct(s) if is_public(&s.vis) => {
                let name = s.ident.to_string();
                // A struct with a private field (a pattern newtype) cannot be built outside the crate
                // anyway; one with public fields only must say it may gain more.
                let all_public = s.fields.iter().all(|f| is_public(&f.vis));
                if all_public && !is_non_exhaustive(&s.attrs) {
                    exhaustive.push(name.clone());
                }
                api.insert(format!("struct {name}"));
                for field in &s.fields {
                    if is_public(&field.vis) {
                        let field_name = field.ident.as_ref().map(tokens).unwrap_or_default();
                        api.insert(format!("field {name}.{field_name}: {}", tokens(&field.ty)));
                    }
                }
            }
            syn::Item::Enum(e) if is_public(&e.vis) => {
                let name = e.ident.to_string();
                if !is_non_exhaustive(&e.attrs) {
                    exhaustive.push(name.clone());
                }
                api.insert(format!("enum {name}"));
                for variant in &e.variants {
                    api.insert(format!(
                        "variant {name}::{} {}",
                        variant.ident,
                        tokens(&variant.fields)
                    ));
                }
            }
            syn::Item::Impl(block) => {
                let target = tokens(&block.self_ty);
                let header = match &block.trait_ {
                    Some((_, path, _)) => format!("impl {} for {target}", tokens(path)),
                    None => format!("impl {target}"),
                };
                api.insert(header.clone());
                for member in &block.items {
                    match member {
                        syn::ImplItem::Fn(f) if block.trait_.is_some() || is_public(&f.vis) => {
                            api.insert(format!("{header}: {}", tokens(&f.sig)));
                        }
                        syn::ImplItem::Const(c) if block.trait_.is_some() || is_public(&c.vis) => {
                            // The value may grow (`ALL`, `VALUES`, `KNOWN_VALUES`); the type may not.
                            api.insert(format!("{header}: const {}: {}", c.ident, tokens(&c.ty)));
                        }
                        syn::ImplItem::Type(t) => {
                            api.insert(format!("{header}: type {} = {}", t.ident, tokens(&t.ty)));
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    (api, exhaustive)
}

fn golden_cases() -> Vec<PathBuf> {
    let dir = workspace_root().join("xtask/tests/golden");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the golden cases")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.join("expected.rs").exists())
        .collect();
    cases.sort();
    cases
}

#[test]
fn an_optional_member_or_a_list_value_only_adds_to_the_public_api() {
    let cases = golden_cases();
    assert!(cases.len() >= 7, "{cases:?}");
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let sources = read_schema_dir(&case).unwrap();
        let before = generate(&sources).unwrap_or_else(|e| panic!("{name}: {e}"));
        let after = generate(&grown(&sources)).unwrap_or_else(|e| panic!("{name} grown: {e}"));
        let (before_api, before_exhaustive) = api(&before);
        let (after_api, after_exhaustive) = api(&after);
        assert!(
            before_exhaustive.is_empty() && after_exhaustive.is_empty(),
            "{name}: not #[non_exhaustive]: {before_exhaustive:?} {after_exhaustive:?}"
        );
        let removed: Vec<&String> = before_api.difference(&after_api).collect();
        assert!(
            removed.is_empty(),
            "{name}: growing the schema changed or removed public API:\n{removed:#?}\nnow:\n{:#?}",
            after_api.difference(&before_api).collect::<Vec<_>>()
        );
        assert!(after_api.len() > before_api.len(), "{name}: nothing grew");
    }
}

#[test]
fn a_required_member_is_a_breaking_change_the_comparison_sees() {
    // The comparison is not blind: a new required member changes `new`'s signature.
    let case = workspace_root().join("xtask/tests/golden/object");
    let sources = read_schema_dir(&case).unwrap();
    let mut required = sources.clone();
    for (name, text) in &mut required {
        if name == "party.schema.json" {
            let mut schema: Value = serde_json::from_str(text).unwrap();
            schema["properties"]["grownLater"] = serde_json::json!({"type": "string"});
            schema["required"]
                .as_array_mut()
                .unwrap()
                .push(Value::String("grownLater".to_owned()));
            *text = schema.to_string();
        }
    }
    let (before, _) = api(&generate(&sources).unwrap());
    let (after, _) = api(&generate(&required).unwrap());
    let removed: Vec<&String> = before.difference(&after).collect();
    assert_eq!(removed.len(), 1, "{removed:#?}");
    assert!(
        removed[0].starts_with("impl PartyRequest: fn new"),
        "{removed:#?}"
    );
}

#[test]
fn the_object_grown_golden_case_is_the_object_case_grown() {
    let golden = workspace_root().join("xtask/tests/golden");
    let object = read_schema_dir(&golden.join("object")).unwrap();
    let grown_case = read_schema_dir(&golden.join("object-grown")).unwrap();
    let parse = |sources: &[(String, String)]| -> Vec<(String, Json)> {
        sources
            .iter()
            .map(|(name, text)| (name.clone(), serde_json::from_str(text).unwrap()))
            .collect()
    };
    assert_eq!(
        parse(&grown_case),
        parse(&grown(&object)),
        "xtask/tests/golden/object-grown holds the object case's schema files with an optional \
         member added to every object"
    );
    // And what it generates differs from the object case's Rust by added lines only.
    let read = |case: &str| std::fs::read_to_string(golden.join(case).join("expected.rs")).unwrap();
    let (object, grown) = (read("object"), read("object-grown"));
    let diff = similar::TextDiff::from_lines(&object, &grown);
    let removed: Vec<String> = diff
        .iter_all_changes()
        .filter(|change| change.tag() == similar::ChangeTag::Delete)
        .map(|change| change.to_string())
        .collect();
    assert!(removed.is_empty(), "lines the growth removed: {removed:#?}");
    assert!(grown.len() > object.len());
}
