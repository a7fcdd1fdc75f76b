//! A JSON value that keeps object members in document order.
//!
//! `serde_json::Value` sorts members by name unless the workspace-wide `preserve_order` feature is on, and
//! turning that on would change `Value` for every crate in the workspace. The generator wants the schema's own
//! order (it is the documentation's order, and the order of the generated fields), so it reads into this.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

/// A JSON value whose objects keep their members in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, digit for digit.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, members in document order (member names are unique).
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Parses JSON text; a member name that occurs twice in one object is an error.
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The member `key` of an object (`None` for a missing member or a non-object).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The name of this value's JSON type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// The value as pretty-printed JSON text, members in their order: two-space indent, one member or item a
    /// line, `{}` and `[]` for empty containers, strings escaped as `serde_json` escapes them, numbers
    /// digit for digit, and a final newline. The layout is `serde_json::to_string_pretty`'s, so a file
    /// written that way reads back and prints to the same bytes.
    pub fn to_pretty_string(&self) -> String {
        let mut out = String::new();
        self.write_pretty(&mut out, 0);
        out.push('\n');
        out
    }

    fn write_pretty(&self, out: &mut String, indent: usize) {
        let newline = |out: &mut String, indent: usize| {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', indent));
        };
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(&n.to_string()),
            Json::String(s) => out.push_str(&Value::String(s.clone()).to_string()),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, indent + 2);
                    item.write_pretty(out, indent + 2);
                }
                newline(out, indent);
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, indent + 2);
                    out.push_str(&Value::String(key.clone()).to_string());
                    out.push_str(": ");
                    value.write_pretty(out, indent + 2);
                }
                newline(out, indent);
                out.push('}');
            }
        }
    }

    /// The same value as a `serde_json::Value` (member order is then `serde_json`'s).
    pub fn to_value(&self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.clone()),
            Json::String(s) => Value::String(s.clone()),
            Json::Array(items) => Value::Array(items.iter().map(Json::to_value).collect()),
            Json::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_value()))
                    .collect(),
            ),
        }
    }
}

/// The member name under which `serde_json` (with its `arbitrary_precision` feature, on in this workspace)
/// hands a number's text to `deserialize_any` visitors; `serde_json::Value` recognises it the same way.
const ARBITRARY_PRECISION_NUMBER: &str = "$serde_json::private::Number";

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Json, E> {
        Ok(Json::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Json, E> {
        Ok(Json::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Json, E> {
        Ok(Json::Number(value.into()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Json, E> {
        Number::from_f64(value)
            .map(Json::Number)
            .ok_or_else(|| E::custom("a number that is not finite"))
    }

    fn visit_str<E>(self, value: &str) -> Result<Json, E> {
        Ok(Json::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Json, E> {
        Ok(Json::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut members: Vec<(String, Json)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if members.is_empty() && key == ARBITRARY_PRECISION_NUMBER {
                let text: String = map.next_value()?;
                let number = text.parse::<Number>().map_err(de::Error::custom)?;
                return Ok(Json::Number(number));
            }
            if members.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format!("duplicate member {key:?}")));
            }
            let value = map.next_value()?;
            members.push((key, value));
        }
        Ok(Json::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_keep_document_order_and_numbers_keep_their_digits() {
        let json =
            Json::parse(r#"{"b": 1.50, "a": [true, null, "x"], "c": {"z": 0, "y": -2}}"#).unwrap();
        let Json::Object(members) = &json else {
            panic!("{json:?}")
        };
        let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a", "c"]);
        assert_eq!(json.get("b").unwrap().to_value().to_string(), "1.50");
        let Some(Json::Object(inner)) = json.get("c") else {
            panic!("{json:?}")
        };
        assert_eq!(inner[0].0, "z");
        let expected: Value =
            serde_json::from_str(r#"{"a": [true, null, "x"], "b": 1.50, "c": {"y": -2, "z": 0}}"#)
                .unwrap();
        assert_eq!(json.to_value(), expected);
    }

    #[test]
    fn pretty_printing_keeps_order_and_digits_in_serde_json_layout() {
        let text = r#"{"b": 1.50, "a": [true, null, "x\"\u00e9\n"], "e": {}, "f": [], "c": {"z": 0, "y": -2.250}}"#;
        let json = Json::parse(text).unwrap();
        let pretty = json.to_pretty_string();
        let expected =
            serde_json::to_string_pretty(&serde_json::from_str::<Value>(text).unwrap()).unwrap();
        // serde_json sorts the members here (no preserve_order); ours keep the text's order.
        assert_eq!(
            pretty,
            "{\n  \"b\": 1.50,\n  \"a\": [\n    true,\n    null,\n    \"x\\\"\u{e9}\\n\"\n  ],\n  \"e\": {},\n  \"f\": [],\n  \
             \"c\": {\n    \"z\": 0,\n    \"y\": -2.250\n  }\n}\n"
        );
        assert_eq!(Json::parse(&pretty).unwrap(), json);
        assert_eq!(
            pretty.len(),
            expected.len() + 1,
            "the same layout, plus a final newline"
        );
    }

    #[test]
    fn a_duplicate_member_is_an_error() {
        let error = Json::parse(r#"{"a": 1, "a": 2}"#).unwrap_err();
        assert!(
            error.to_string().contains("duplicate member \"a\""),
            "{error}"
        );
    }
}
