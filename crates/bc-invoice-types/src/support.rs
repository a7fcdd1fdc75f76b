//! What the generated code calls: the checks behind the pattern-constrained strings, the serde adapters and
//! the schemars helpers. Crate-private: the generated types are the interface.

use std::fmt::Display;
use std::str::FromStr;

use regex::Regex;
use schemars::{Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value, json};

use crate::{PatternError, Violation};

/// A `format` a generated type checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// `date-time`: RFC 3339, calendar-checked ([`crate::is_date_time`]).
    DateTime,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::DateTime => "date-time",
        }
    }

    fn accepts(self, value: &str) -> bool {
        match self {
            Format::DateTime => crate::is_date_time(value),
        }
    }
}

/// Compiles a schema pattern. The generator refused any pattern that does not compile, so this cannot fail.
pub(crate) fn regex(pattern: &str) -> Regex {
    Regex::new(pattern)
        .unwrap_or_else(|e| panic!("the generator checked that {pattern} compiles: {e}"))
}

/// Checks a value of the type `type_name` against its pattern (searched for, as JSON Schema does; the
/// schema's patterns are anchored) and its format.
pub(crate) fn check(
    type_name: &'static str,
    pattern: Option<(&'static str, &Regex)>,
    format: Option<Format>,
    value: &str,
) -> Result<(), PatternError> {
    if let Some((pattern, regex)) = pattern
        && !regex.is_match(value)
    {
        return Err(PatternError::new(
            type_name,
            value,
            Violation::Pattern { pattern },
        ));
    }
    if let Some(format) = format
        && !format.accepts(value)
    {
        return Err(PatternError::new(
            type_name,
            value,
            Violation::Format {
                format: format.name(),
            },
        ));
    }
    Ok(())
}

/// Deserializes a string type from a JSON string through its `FromStr`, so that parsing and deserializing
/// check alike.
pub(crate) fn deserialize_parsed<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: Display,
{
    String::deserialize(deserializer)?
        .parse()
        .map_err(serde::de::Error::custom)
}

/// Deserializes an optional member that is present: `null` is refused, as the schema refuses it (an absent
/// member is `None` through `#[serde(default)]`).
pub(crate) fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// `#[serde(with)]` for a `type: number` member held as a [`crate::Decimal`]: written as a JSON number with
/// exactly the decimal's digits, read only from a JSON number (a string such as `"12.5"` is refused, as the
/// schema refuses it), and never rounded: a number a decimal cannot hold exactly is an error.
///
/// `rust_decimal::serde::arbitrary_precision` writes the same way but also reads strings, which would let a
/// schema-invalid document parse.
pub(crate) mod decimal {
    use std::str::FromStr;

    use rust_decimal::Decimal;
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::Number;

    pub(crate) fn serialize<S: Serializer>(
        value: &Decimal,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        Number::from_str(&value.to_string())
            .map_err(serde::ser::Error::custom)?
            .serialize(serializer)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Decimal, D::Error> {
        // serde_json's `arbitrary_precision` (on in this workspace) keeps the number's text.
        let number = Number::deserialize(deserializer)?;
        let text = number.as_str();
        Decimal::from_str_exact(text)
            .or_else(|_| Decimal::from_scientific(text))
            .map_err(|e| {
                D::Error::custom(format!("the number {text} is not an exact decimal: {e}"))
            })
    }

    /// The same for an optional member.
    pub(crate) mod option {
        use rust_decimal::Decimal;
        use serde::{Deserializer, Serializer};

        pub(crate) fn serialize<S: Serializer>(
            value: &Option<Decimal>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match value {
                Some(value) => super::serialize(value, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Decimal>, D::Error> {
            super::deserialize(deserializer).map(Some)
        }
    }
}

/// The JSON Schema of a `type: number` member (schemars would describe a `Decimal` as a string).
pub(crate) fn number_schema(_: &mut SchemaGenerator) -> Schema {
    schema([("type", json!("number"))], None)
}

/// The JSON Schema of a pattern- or format-constrained string.
pub(crate) fn string_schema(
    description: Option<&str>,
    pattern: Option<&str>,
    format: Option<Format>,
) -> Schema {
    let mut members = vec![("type", json!("string"))];
    if let Some(format) = format {
        members.push(("format", json!(format.name())));
    }
    if let Some(pattern) = pattern {
        members.push(("pattern", json!(pattern)));
    }
    schema(members, description)
}

/// The JSON Schema of a closed list.
pub(crate) fn enum_schema(description: Option<&str>, values: &[&str]) -> Schema {
    schema(
        [("type", json!("string")), ("enum", json!(values))],
        description,
    )
}

/// The JSON Schema of an open list: any string, with the known values in `x-known-values` as the checked-in
/// schema has them.
pub(crate) fn open_enum_schema(description: Option<&str>, known: &[&str]) -> Schema {
    schema(
        [("type", json!("string")), ("x-known-values", json!(known))],
        description,
    )
}

fn schema<'a>(
    members: impl IntoIterator<Item = (&'a str, Value)>,
    description: Option<&str>,
) -> Schema {
    let mut map: Map<String, Value> = members
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    if let Some(description) = description {
        map.insert("description".to_owned(), json!(description));
    }
    Schema::from(map)
}
