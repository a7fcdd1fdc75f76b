//! What the generated code calls: the checks behind the pattern-constrained strings, the serde adapters and
//! the schemars helpers (with the `schemars` feature). Crate-private: the generated types are the interface.

use std::fmt::Display;
use std::str::FromStr;

use regex::Regex;
#[cfg(feature = "schemars")]
use schemars::{Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer};
#[cfg(feature = "schemars")]
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
/// schema's patterns are anchored), given with the schema's example of a value that matches it, and its
/// format.
pub(crate) fn check(
    type_name: &'static str,
    pattern: Option<(&'static str, &Regex, Option<&'static str>)>,
    format: Option<Format>,
    value: &str,
) -> Result<(), PatternError> {
    if let Some((pattern, regex, example)) = pattern
        && !regex.is_match(value)
    {
        return Err(PatternError::new(
            type_name,
            value,
            Violation::Pattern { pattern },
            example,
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
            None,
        ));
    }
    Ok(())
}

/// Deserializes a list's value (closed or open) from a JSON string through its `FromStr`, so that parsing
/// and deserializing agree. The text is parsed where the deserializer holds it (borrowed from the document
/// when it has no escapes), not copied into a `String` first: a closed list's value costs no allocation.
/// A value that is not a string is refused as `String` refuses it (`expected a string`). The
/// pattern-constrained strings use [`deserialize_checked`].
pub(crate) fn deserialize_parsed<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: Display,
{
    struct Parsed<T>(std::marker::PhantomData<T>);

    impl<T> serde::de::Visitor<'_> for Parsed<T>
    where
        T: FromStr,
        T::Err: Display,
    {
        type Value = T;

        fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            formatter.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            value.parse().map_err(E::custom)
        }
    }

    deserializer.deserialize_string(Parsed(std::marker::PhantomData))
}

/// The name under which a pattern-constrained string asks its deserializer for a value already validated
/// against the schema (`deserialize_newtype_struct`). The one reader that answers it is
/// `bc-invoice-validate`'s reader of a text its walk has just validated, with the one-member map
/// `{VALIDATED_TOKEN: value}`; its `de.rs` spells the same name, and a test there holds the two together.
/// Every other deserializer hands the value over as a newtype's content or as a string (serde_json,
/// `serde_json::Value` and serde's own buffers call `visit_newtype_struct`; a deserializer that forwards
/// to `deserialize_any` calls `visit_str`), and the value is checked. This is how serde_json hands a number
/// over as its text, under a name no document uses.
const VALIDATED_TOKEN: &str = "$bc_invoice_types::private::Validated";

/// Deserializes a pattern-constrained string: checked with `check`, unless the deserializer answers
/// [`VALIDATED_TOKEN`]. A value that is not a string is refused as `String` refuses it (`expected a
/// string`).
pub(crate) fn deserialize_checked<'de, D>(
    deserializer: D,
    check: fn(&str) -> Result<(), PatternError>,
) -> Result<String, D::Error>
where
    D: Deserializer<'de>,
{
    deserializer.deserialize_newtype_struct(VALIDATED_TOKEN, Checked(check))
}

/// The visitor of a pattern-constrained string: the check to run on a value not known to be valid.
struct Checked(fn(&str) -> Result<(), PatternError>);

impl<'de> serde::de::Visitor<'de> for Checked {
    type Value = String;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<String, E> {
        (self.0)(value).map_err(E::custom)?;
        Ok(value.to_owned())
    }

    fn visit_string<E: serde::de::Error>(self, value: String) -> Result<String, E> {
        (self.0)(&value).map_err(E::custom)?;
        Ok(value)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<String, D::Error> {
        deserializer.deserialize_string(self)
    }

    /// The answer to [`VALIDATED_TOKEN`]: `{VALIDATED_TOKEN: value}`, the value taken as it is. Any other
    /// map is refused, as a string refuses it.
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        match map.next_key::<IsToken>()? {
            Some(IsToken(true)) => map.next_value(),
            _ => Err(serde::de::Error::invalid_type(
                serde::de::Unexpected::Map,
                &self,
            )),
        }
    }
}

/// Whether a member name is [`VALIDATED_TOKEN`], read without a copy.
struct IsToken(bool);

impl<'de> Deserialize<'de> for IsToken {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;

        impl serde::de::Visitor<'_> for NameVisitor {
            type Value = IsToken;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("a member name")
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<IsToken, E> {
                Ok(IsToken(value == VALIDATED_TOKEN))
            }
        }

        deserializer.deserialize_identifier(NameVisitor)
    }
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

/// The deserializer a generated struct reads itself from: `D`, asked for a map where serde's derive asks for
/// a struct. serde_json reads a struct from a JSON array as well as from an object, each element the next
/// member (`["SUCCESS", 0, "SUCCESS"]` would be an `ApiResponse`); the schema allows only an object, and a
/// map is read only from one. Every other request goes to `D` as it is.
pub(crate) struct Object<D>(pub(crate) D);

/// Forwards each named method of `Deserializer` to the wrapped deserializer.
macro_rules! forward {
    ($($method:ident),* $(,)?) => {
        $(
            #[inline]
            fn $method<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.0.$method(visitor)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Object<D> {
    type Error = D::Error;

    forward!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier,
        deserialize_ignored_any,
    );

    #[inline]
    fn deserialize_unit_struct<V: serde::de::Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, visitor)
    }

    #[inline]
    fn deserialize_newtype_struct<V: serde::de::Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, visitor)
    }

    #[inline]
    fn deserialize_tuple<V: serde::de::Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, visitor)
    }

    #[inline]
    fn deserialize_tuple_struct<V: serde::de::Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, visitor)
    }

    /// A struct is read as a map: from a JSON object only.
    #[inline]
    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(visitor)
    }

    #[inline]
    fn deserialize_enum<V: serde::de::Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// `#[serde(with)]` for a `type: number` member held as a [`crate::Decimal`]: written as a JSON number with
/// exactly the decimal's digits, read only from a JSON number (a string such as `"12.5"` is refused, as the
/// schema refuses it), and never rounded: a number a decimal cannot hold exactly is an error.
///
/// Where the number comes from decides how many of its digits can be seen:
/// - the validated read (`bc_invoice_validate::parse`) and serde_json with `arbitrary_precision` hand over
///   the number's text, in serde_json's private one-member map: every digit, as written (`1.50` stays
///   `1.50`);
/// - serde_json without it (the default: the feature would change how every type of the dependent's graph
///   reads numbers) hands over an `f64`, whose shortest round-trip digits are the number's when it has at
///   most 15 significant digits ([`F64_DIGITS`]): the value is exact, trailing zeros of the fraction are not
///   kept (`1.50` reads as `1.5`, equal as a decimal). An `f64` that shows more digits is refused, never
///   rounded, and so is one from 2^44 ([`F64_BELOW`]), where serde_json's reading may be a paisa off.
///
/// `rust_decimal::serde::arbitrary_precision` writes the same way but also reads strings, which would let a
/// schema-invalid document parse.
pub(crate) mod decimal {
    use std::fmt;

    use rust_decimal::Decimal;
    use serde::de::{Error as _, MapAccess, Unexpected, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::value::RawValue;

    /// The significant digits every `f64` holds exactly: any decimal of at most 15 significant digits is
    /// the shortest text of the nearest `f64` (IEEE 754's `DBL_DIG`).
    pub(crate) const F64_DIGITS: usize = 15;

    pub(crate) fn serialize<S: Serializer>(
        value: &Decimal,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        // A decimal's text is a JSON number (no exponent, no leading `+`); serde_json writes a raw value
        // as it is, with or without `arbitrary_precision`.
        RawValue::from_string(value.to_string())
            .map_err(serde::ser::Error::custom)?
            .serialize(serializer)
    }

    /// The private member name under which serde_json's `arbitrary_precision` and the validated read of
    /// `bc_invoice_validate` hand over a number's text, as a one-member map; `serde_json::Number` and
    /// `rust_decimal` read it so too.
    const NUMBER_TOKEN: &str = "$serde_json::private::Number";

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Decimal, D::Error> {
        // What `serde_json::Number` accepts, read straight into the decimal: an integer as its value, any
        // other number from its text where the deserializer holds it, never through a `Number`'s own copy.
        deserializer.deserialize_any(DecimalVisitor)
    }

    /// The decimal of a number's text, or the error every reading of a number gives.
    fn exact<E: serde::de::Error>(text: &str) -> Result<Decimal, E> {
        crate::exact_decimal(text).ok_or_else(|| {
            E::custom(format!(
                "the number {text} is not an exact decimal: it needs more than 28 digits after the \
                 point, or its digits, read as one whole number, are 2^96 or more"
            ))
        })
    }

    /// From 2^44 (17,592,186,044,416: about ₹17.6 lakh crore) an `f64`'s step is 2^-8 (0.0039) or more.
    /// serde_json's default reading rounds twice (the digits as a whole number, then its division by a
    /// power of ten) and may land a step and a half from the number written, and the shortest digits
    /// of what it lands on are half a step further: below 2^44 that is at most two steps, under half a
    /// paisa; from it, more. So `99999999999999.99` (more digits than an `f64` holds) came back as
    /// `100000000000000`, a paisa off and looking exact. Below it an amount of more than 15 digits is
    /// refused as such, or off by less than half a paisa where its `f64` looks shorter.
    pub(crate) const F64_BELOW: f64 = 17_592_186_044_416.0;

    /// The decimal an `f64` stands for: its shortest round-trip digits when there are at most
    /// [`F64_DIGITS`] of them and it is below [`F64_BELOW`], else an error that says where the exact
    /// digits can be had.
    pub(crate) fn from_f64<E: serde::de::Error>(value: f64) -> Result<Decimal, E> {
        if !value.is_finite() {
            return Err(E::custom("not a JSON number"));
        }
        // `{:e}` is the shortest text that reads back as the same `f64`: its digits are the mantissa's.
        let shortest = format!("{value:e}");
        let digits = shortest
            .split('e')
            .next()
            .unwrap_or_default()
            .bytes()
            .filter(u8::is_ascii_digit)
            .count();
        if digits > F64_DIGITS {
            return Err(E::custom(format!(
                "the number {value} has more than {F64_DIGITS} significant digits, which serde_json reads \
                 as an f64 and cannot give exactly: read the document with bc_invoice_validate::parse, \
                 or turn on bc-invoice-types' `arbitrary-precision` feature"
            )));
        }
        // Checked after the digits, whose error is the more telling.
        if value.abs() >= F64_BELOW {
            return Err(E::custom(format!(
                "the number {value} is 2^44 (17592186044416) or more, where serde_json's f64 reading \
                 may be half a paisa or more from the number written: read the document with \
                 bc_invoice_validate::parse, or turn on bc-invoice-types' `arbitrary-precision` feature"
            )));
        }
        exact(&shortest)
    }

    struct DecimalVisitor;

    impl<'de> Visitor<'de> for DecimalVisitor {
        type Value = Decimal;

        // As `serde_json::Number` says it, so that a refused value reads as it always did.
        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("a JSON number")
        }

        // The same value as the decimal of the integer's text: scale 0, the same digits.
        fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Decimal, E> {
            Ok(Decimal::from(value))
        }

        fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Decimal, E> {
            Ok(Decimal::from(value))
        }

        fn visit_i128<E: serde::de::Error>(self, value: i128) -> Result<Decimal, E> {
            exact(&value.to_string())
        }

        fn visit_u128<E: serde::de::Error>(self, value: u128) -> Result<Decimal, E> {
            exact(&value.to_string())
        }

        fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Decimal, E> {
            from_f64(value)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
            if map.next_key::<NumberKey>()?.is_none() {
                return Err(A::Error::invalid_type(Unexpected::Map, &self));
            }
            map.next_value::<NumberText>().map(|number| number.0)
        }
    }

    /// The private member name of a number's text, and nothing else.
    struct NumberKey;

    impl<'de> Deserialize<'de> for NumberKey {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct KeyVisitor;
            impl Visitor<'_> for KeyVisitor {
                type Value = NumberKey;
                fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                    formatter.write_str("a valid number field")
                }
                fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<NumberKey, E> {
                    if value == NUMBER_TOKEN {
                        Ok(NumberKey)
                    } else {
                        Err(E::custom("expected field with custom name"))
                    }
                }
            }
            deserializer.deserialize_identifier(KeyVisitor)
        }
    }

    /// A number's text, read as a decimal where the deserializer holds it.
    struct NumberText(Decimal);

    impl<'de> Deserialize<'de> for NumberText {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct TextVisitor;
            impl Visitor<'_> for TextVisitor {
                type Value = NumberText;
                fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                    formatter.write_str("string containing a number")
                }
                fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<NumberText, E> {
                    exact(value).map(NumberText)
                }
            }
            deserializer.deserialize_str(TextVisitor)
        }
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
#[cfg(feature = "schemars")]
pub(crate) fn number_schema(_: &mut SchemaGenerator) -> Schema {
    schema([("type", json!("number"))], None)
}

/// The JSON Schema of a pattern- or format-constrained string.
#[cfg(feature = "schemars")]
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
#[cfg(feature = "schemars")]
pub(crate) fn enum_schema(description: Option<&str>, values: &[&str]) -> Schema {
    schema(
        [("type", json!("string")), ("enum", json!(values))],
        description,
    )
}

/// The JSON Schema of an open list: any string, with the known values in `x-known-values` as the checked-in
/// schema has them.
#[cfg(feature = "schemars")]
pub(crate) fn open_enum_schema(description: Option<&str>, known: &[&str]) -> Schema {
    schema(
        [("type", json!("string")), ("x-known-values", json!(known))],
        description,
    )
}

#[cfg(feature = "schemars")]
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

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use crate::Decimal;

    /// A decimal member, as the generated types declare one.
    #[derive(Debug, serde::Deserialize, serde::Serialize)]
    struct Amount(#[serde(with = "super::decimal")] Decimal);

    fn decimal(text: &str) -> Decimal {
        Decimal::from_str_exact(text).expect("a decimal")
    }

    /// Whether serde_json hands numbers over as their text (its `arbitrary_precision`, which the workspace's
    /// test-only crates turn on, and `cargo test -p bc-invoice-types` alone does not).
    fn serde_json_keeps_text() -> bool {
        serde_json::from_str::<serde_json::Number>("1.50")
            .is_ok_and(|number| number.to_string() == "1.50")
    }

    /// From an `f64`, a decimal of at most 15 significant digits is exact; more are refused, never rounded.
    #[test]
    fn an_f64_gives_its_shortest_digits_up_to_fifteen() {
        let read = |value: f64| super::decimal::from_f64::<serde_json::Error>(value);
        for (value, text) in [
            (95498.40, "95498.4"),
            (0.10, "0.1"),
            (0.0, "0"),
            (-12.5, "-12.5"),
            (9999999999999.99, "9999999999999.99"),
            (17592186044415.9, "17592186044415.9"),
            (123456789012.345, "123456789012.345"),
            (0.000001, "0.000001"),
        ] {
            assert_eq!(
                read(value).map(|d| d.to_string()).ok().as_deref(),
                Some(text),
                "{value}"
            );
        }
        for value in [
            0.1 + 0.2,
            1234567890.1234567,
            f64::NAN,
            f64::INFINITY,
            1e30,
            1e20,
            17592186044416.0,
            -17592186044416.0,
        ] {
            assert!(read(value).is_err(), "{value}");
        }
        let message = read(0.1 + 0.2).unwrap_err().to_string();
        assert_eq!(
            message,
            "the number 0.30000000000000004 has more than 15 significant digits, which serde_json reads as \
             an f64 and cannot give exactly: read the document with bc_invoice_validate::parse, or turn on \
             bc-invoice-types' `arbitrary-precision` feature"
        );
    }

    /// serde_json's default reading of `99999999999999.99` is `1e14` (the nearest `f64` is
    /// 99999999999999.984375), which looks like 15 digits: a paisa off, had it been taken. From 2^44 an
    /// amount read through an `f64` is refused; the integers serde_json reads as integers are not.
    #[test]
    fn plain_serde_json_does_not_move_a_large_amount_by_a_paisa() {
        #[derive(serde::Deserialize)]
        struct Amount(#[serde(with = "super::decimal")] rust_decimal::Decimal);
        let read = |text: &str| {
            serde_json::from_str::<Amount>(text)
                .map(|amount| amount.0.to_string())
                .map_err(|error| error.to_string())
        };
        if serde_json_keeps_text() {
            return;
        }
        assert_eq!(
            serde_json::from_str::<f64>("99999999999999.99").unwrap(),
            1e14
        );
        for text in [
            "99999999999999.99",
            "100000000000000.01",
            "17592186044416.5",
        ] {
            let error = read(text).unwrap_err();
            assert!(error.starts_with("the number "), "{text}: {error}");
            assert!(error.contains("2^44"), "{text}: {error}");
        }
        assert_eq!(read("100000000000000").as_deref(), Ok("100000000000000"));
        assert_eq!(read("17592186044415.9").as_deref(), Ok("17592186044415.9"));
    }

    /// Written digit for digit (trailing zeros and all 28 digits) with or without serde_json's
    /// `arbitrary_precision`; read back exactly up to 15 significant digits without it, every digit with it.
    #[test]
    fn decimals_are_written_as_they_are_and_read_exactly() {
        for text in [
            "95498.40",
            "0.10",
            "0",
            "-0.5",
            "123456789012.345",
            "9999999999999.99",
        ] {
            let written = serde_json::to_string(&Amount(decimal(text))).expect("writes");
            assert_eq!(written, text);
            let read: Amount = serde_json::from_str(text).expect("reads");
            assert_eq!(read.0, decimal(text), "{text}");
            let shown = read.0.to_string();
            if serde_json_keeps_text() {
                assert_eq!(shown, text);
            }
        }
        let long = "1234567890.1234567890";
        assert_eq!(
            serde_json::to_string(&Amount(decimal(long))).expect("writes"),
            long
        );
        match serde_json::from_str::<Amount>(long) {
            Ok(read) => {
                assert!(serde_json_keeps_text());
                assert_eq!(read.0.to_string(), long);
            }
            Err(error) => {
                assert!(!serde_json_keeps_text());
                assert!(
                    error
                        .to_string()
                        .contains("more than 15 significant digits"),
                    "{error}"
                );
            }
        }
        // A string is not a number, whichever way serde_json reads numbers.
        assert!(serde_json::from_str::<Amount>("\"12.5\"").is_err());
    }

    use crate::ObjectId;

    const BAD: &str = "NOT-AN-OBJECT-ID";

    /// Only a deserializer that answers the token skips the check: the same answer written in a document,
    /// read by serde_json, by `serde_json::Value` or through serde's buffered content (an untagged enum),
    /// is a map where a string belongs.
    #[test]
    fn the_token_written_in_a_document_is_refused() {
        let forged = format!(r#"{{"{}": "{BAD}"}}"#, super::VALIDATED_TOKEN);
        assert!(serde_json::from_str::<ObjectId>(&format!("\"{BAD}\"")).is_err());
        let error = serde_json::from_str::<ObjectId>(&forged).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("invalid type: map, expected a string"),
            "{error}"
        );
        let value: serde_json::Value = serde_json::from_str(&forged).expect("JSON");
        assert!(serde_json::from_value::<ObjectId>(value).is_err());

        #[derive(Debug, Deserialize)]
        #[serde(untagged)]
        enum Either {
            Id(#[allow(dead_code, reason = "only whether it reads")] ObjectId),
        }
        assert!(serde_json::from_str::<Either>(&forged).is_err());
        assert!(serde_json::from_str::<Either>(&format!("\"{BAD}\"")).is_err());
    }
}
