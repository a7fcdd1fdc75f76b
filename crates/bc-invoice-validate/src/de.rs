//! A serde `Deserializer` for a text the validator has just accepted: what [`Validator::parse`](crate::Validator::parse) reads the
//! typed document with, instead of a second full reading by `serde_json`.
//!
//! It makes the calls `serde_json::from_slice` makes on the same text with its `arbitrary_precision`
//! feature, for everything the generated types ask: structs, sequences, options, strings (borrowed from
//! the text unless they have escapes), booleans, integers and numbers (a number that is not a `u64` or an
//! `i64` is handed over as its text, in serde_json's private one-member map, which the types' decimals
//! read digit for digit). So `parse` keeps every digit of an amount whether or not serde_json was built
//! with that feature (it is off by default: it would change how a dependent's own types read numbers).
//! What it saves is serde_json's work that the validator already did or that the typed documents do not
//! need: checking UTF-8 again, copying every number's text into a `String`, keeping error positions.
//!
//! One difference is on purpose: reading a document the platform sends ([`DocumentKind::is_received`](crate::DocumentKind::is_received)),
//! it skips the members a struct does not declare (the validator reported them as the
//! `received-unknown-member` rule's warnings), where serde_json would refuse them.
//!
//! Anything else, or anything unusual (a `-0` or `1.0` where an integer is asked for, an enum, a float),
//! makes it give up without saying why: the caller then reads the text again with `serde_json`, whose
//! verdict and error message are the reference. So a document it reads is the document serde_json reads,
//! and a document it gives up on costs one more reading, never a different answer.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::scan::Scanner;

/// The fast reading gave up; serde_json says why.
#[derive(Debug)]
pub(crate) struct GiveUp;

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("read the text with serde_json instead")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    // The message is serde_json's to make: building it here would cost a string nobody reads.
    fn custom<T: fmt::Display>(_: T) -> Self {
        GiveUp
    }
}

type Result<T> = std::result::Result<T, GiveUp>;

/// serde_json's private name for a number handed over as its text (with `arbitrary_precision`), which
/// the types' decimals read whether or not serde_json has that feature.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";
/// serde_json's private name for a `RawValue`, which this reader does not hand out.
const RAW_TOKEN: &str = "$serde_json::private::RawValue";
/// The name under which `bc-invoice-types`' pattern-constrained strings ask for a value already validated
/// against the schema (its `support::VALIDATED_TOKEN`; the test below holds the two together). This reader
/// reads only a text the walk has validated against the same schema, which checked the same patterns and
/// formats on the same values: it answers with the one-member map `{VALIDATED_TOKEN: value}`, which the
/// types take without checking again. No other deserializer answers it, so a value read any other way is
/// checked.
const VALIDATED_TOKEN: &str = "$bc_invoice_types::private::Validated";

/// Reads a `T` from a text the validator accepted, or gives up; `skip_unknown` skips the members a struct
/// does not declare.
pub(crate) fn from_text<T: DeserializeOwned>(text: &str, skip_unknown: bool) -> Result<T> {
    let mut reader = Reader {
        scan: Scanner::new(text),
        skip_unknown,
    };
    let value = T::deserialize(&mut reader)?;
    reader.scan.end().map_err(|_| GiveUp)?;
    Ok(value)
}

struct Reader<'de> {
    scan: Scanner<'de>,
    /// Skip the members a struct does not declare (a received document's new members).
    skip_unknown: bool,
}

impl<'de> Reader<'de> {
    /// The next byte after blanks.
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        self.scan.ws();
        self.scan.peek()
    }

    /// The literal `word` (after blanks), consumed.
    fn eat_literal(&mut self, word: &[u8]) -> Result<()> {
        if self.scan.src[self.scan.pos..].starts_with(word) {
            self.scan.pos += word.len();
            Ok(())
        } else {
            Err(GiveUp)
        }
    }

    /// A string (after blanks), handed to `visitor` as serde_json hands it: borrowed from the text when
    /// it has no escapes, decoded otherwise.
    fn string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.text()? {
            Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
            Cow::Owned(text) => visitor.visit_str(&text),
        }
    }

    /// A string's text (after blanks): borrowed from the document when it has no escapes, decoded otherwise.
    fn text(&mut self) -> Result<Cow<'de, str>> {
        if self.peek() != Some(b'"') {
            return Err(GiveUp);
        }
        let token = self.scan.string().map_err(|_| GiveUp)?;
        if token.escaped {
            self.scan.decode(&token).map_err(|_| GiveUp)
        } else {
            Ok(Cow::Borrowed(token.raw))
        }
    }

    /// A string asked for under [`VALIDATED_TOKEN`], handed over as the answer `{VALIDATED_TOKEN: value}`.
    fn validated_string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let value = self.text()?;
        visitor.visit_map(Validated { value: Some(value) })
    }

    /// A number as serde_json's `deserialize_any` hands it with `arbitrary_precision`: a `u64` when it
    /// reads as one, else an `i64` when it reads as one (`-0` does not), else its text.
    fn any_number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let token = self.scan.number().map_err(|_| GiveUp)?;
        let text = &self.scan.text[token.start..token.end];
        if token.plain {
            if let Some(digits) = text.strip_prefix('-') {
                if digits != "0"
                    && let Ok(value) = text.parse::<i64>()
                {
                    return visitor.visit_i64(value);
                }
            } else if let Ok(value) = text.parse::<u64>() {
                return visitor.visit_u64(value);
            }
        }
        visitor.visit_map(NumberText { text: Some(text) })
    }

    /// An integer as serde_json's typed number methods hand it: a `u64` without a sign, an `i64` with
    /// one. Anything else (a fraction, an exponent, `-0`, beyond 64 bits) serde_json hands over as a
    /// float, which no integer member takes: give up and let serde_json say so.
    fn integer<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            return Err(GiveUp);
        }
        let token = self.scan.number().map_err(|_| GiveUp)?;
        if !token.plain {
            return Err(GiveUp);
        }
        let text = &self.scan.text[token.start..token.end];
        if text.starts_with('-') {
            match text.parse::<i64>() {
                Ok(value) if value != 0 => visitor.visit_i64(value),
                _ => Err(GiveUp),
            }
        } else {
            let value = text.parse::<u64>().map_err(|_| GiveUp)?;
            visitor.visit_u64(value)
        }
    }

    /// An object, handed to `visitor` member by member; with `declared`, only the members it names.
    fn object<V: Visitor<'de>>(
        &mut self,
        declared: Option<&'static [&'static str]>,
        visitor: V,
    ) -> Result<V::Value> {
        if self.peek() != Some(b'{') {
            return Err(GiveUp);
        }
        self.scan.pos += 1;
        let value = visitor.visit_map(Members {
            reader: self,
            first: true,
            declared,
        })?;
        self.close(b'}')?;
        Ok(value)
    }

    /// The closing bracket of a container whose visitor has read what it wanted: serde_json refuses
    /// elements left over, and so does this reader (by giving up).
    fn close(&mut self, close: u8) -> Result<()> {
        if self.peek() == Some(close) {
            self.scan.pos += 1;
            Ok(())
        } else {
            Err(GiveUp)
        }
    }
}

macro_rules! integers {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
                self.integer(visitor)
            }
        )*
    };
}

macro_rules! give_up {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
                Err(GiveUp)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek() {
            Some(b'{') => self.deserialize_map(visitor),
            Some(b'[') => self.deserialize_seq(visitor),
            Some(b'"') => self.string(visitor),
            Some(b't' | b'f') => self.deserialize_bool(visitor),
            Some(b'n') => {
                self.eat_literal(b"null")?;
                visitor.visit_unit()
            }
            Some(b'-' | b'0'..=b'9') => self.any_number(visitor),
            _ => Err(GiveUp),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek() {
            Some(b't') => {
                self.eat_literal(b"true")?;
                visitor.visit_bool(true)
            }
            Some(b'f') => {
                self.eat_literal(b"false")?;
                visitor.visit_bool(false)
            }
            _ => Err(GiveUp),
        }
    }

    integers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
    }

    give_up! {
        deserialize_i128 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_bytes deserialize_byte_buf
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.string(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.peek() == Some(b'n') {
            self.eat_literal(b"null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.peek() != Some(b'n') {
            return Err(GiveUp);
        }
        self.eat_literal(b"null")?;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if name == RAW_TOKEN {
            return Err(GiveUp);
        }
        if name == VALIDATED_TOKEN {
            return self.validated_string(visitor);
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.peek() != Some(b'[') {
            return Err(GiveUp);
        }
        self.scan.pos += 1;
        let value = visitor.visit_seq(Elements {
            reader: self,
            first: true,
        })?;
        self.close(b']')?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.object(None, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // serde_json also reads a struct from an array; the schema never allows one where a struct is.
        let declared = self.skip_unknown.then_some(fields);
        self.object(declared, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        // The generated types read their lists from strings; a derived enum is serde_json's to read.
        Err(GiveUp)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.string(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.scan.ws();
        self.scan.skip_value(0).map_err(|_| GiveUp)?;
        visitor.visit_unit()
    }
}

/// An object's members.
struct Members<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
    /// The only members to hand over, when the others are skipped.
    declared: Option<&'static [&'static str]>,
}

impl<'de> MapAccess<'de> for Members<'_, 'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        loop {
            match self.reader.peek() {
                Some(b'}') => return Ok(None),
                Some(b',') if !self.first => {
                    self.reader.scan.pos += 1;
                    self.reader.scan.ws();
                }
                _ if self.first => {}
                _ => return Err(GiveUp),
            }
            self.first = false;
            let key = self.reader.scan.key().map_err(|_| GiveUp)?;
            let name = if key.escaped {
                self.reader.scan.decode(&key).map_err(|_| GiveUp)?
            } else {
                Cow::Borrowed(key.raw)
            };
            if let Some(declared) = self.declared
                && !declared.contains(&name.as_ref())
            {
                // Not the struct's: skipped whole (the validator checked its syntax and depth).
                self.reader.scan.ws();
                self.reader.scan.skip_value(0).map_err(|_| GiveUp)?;
                continue;
            }
            return match name {
                Cow::Borrowed(raw) => seed.deserialize(Key::Borrowed(raw)).map(Some),
                Cow::Owned(decoded) => seed.deserialize(Key::Owned(&decoded)).map(Some),
            };
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.reader)
    }
}

/// An array's elements.
struct Elements<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> SeqAccess<'de> for Elements<'_, 'de> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        match self.reader.peek() {
            Some(b']') => return Ok(None),
            Some(b',') if !self.first => self.reader.scan.pos += 1,
            _ if self.first => {}
            _ => return Err(GiveUp),
        }
        self.first = false;
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

/// A member name, as serde_json's map keys hand it: a string, borrowed when it has no escapes.
enum Key<'a, 'de> {
    Borrowed(&'de str),
    Owned(&'a str),
}

impl<'de> de::Deserializer<'de> for Key<'_, 'de> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self {
            Key::Borrowed(name) => visitor.visit_borrowed_str(name),
            Key::Owned(name) => visitor.visit_str(name),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    // serde_json reads numbers, booleans, options and newtypes out of keys; no generated type asks.
    give_up! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_option deserialize_unit deserialize_seq deserialize_map
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }
}

/// A validated string handed over as the one-member map `{VALIDATED_TOKEN: value}`, its value borrowed
/// from the text unless it has escapes.
struct Validated<'de> {
    value: Option<Cow<'de, str>>,
}

impl<'de> MapAccess<'de> for Validated<'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.value.is_none() {
            return Ok(None);
        }
        seed.deserialize(BorrowedStrDeserializer::new(VALIDATED_TOKEN))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        match self.value.take().ok_or(GiveUp)? {
            Cow::Borrowed(text) => seed.deserialize(BorrowedStrDeserializer::new(text)),
            Cow::Owned(text) => seed.deserialize(StringDeserializer::new(text)),
        }
    }
}

/// A number handed over as its text: serde_json's one-member map `{NUMBER_TOKEN: text}`.
struct NumberText<'de> {
    text: Option<&'de str>,
}

impl<'de> MapAccess<'de> for NumberText<'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.text.is_none() {
            return Ok(None);
        }
        seed.deserialize(BorrowedStrDeserializer::new(NUMBER_TOKEN))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let text = self.text.take().ok_or(GiveUp)?;
        seed.deserialize(BorrowedStrDeserializer::new(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bc_invoice_types::{ConfirmInvoiceRequest, CreateInvoiceRequest};

    fn fixture(name: &str) -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/valid/");
        std::fs::read_to_string(format!("{path}{name}")).expect("fixture")
    }

    /// The point of this reader is that it does not give up on ordinary documents: if it did, `parse`
    /// would still be right, only slower, and no other test would notice.
    #[test]
    fn ordinary_documents_take_the_fast_path_and_read_as_serde_json_reads_them() {
        let create = fixture("create-invoice.json");
        let minified = serde_json::to_string(
            &serde_json::from_str::<serde_json::Value>(&create).expect("JSON"),
        )
        .expect("serializes");
        for text in [&create, &minified, &fixture("create-invoice.minimal.json")] {
            let fast: CreateInvoiceRequest = from_text(text, false).expect("fast path");
            let reference: CreateInvoiceRequest = serde_json::from_str(text).expect("serde_json");
            assert_eq!(fast, reference);
        }
        let confirm = fixture("confirm-invoice.accept.json");
        let escaped = confirm.replacen("\"ACCEPT\"", "\"\\u0041CCEPT\"", 1);
        assert_ne!(confirm, escaped);
        for text in [&confirm, &escaped] {
            let fast: ConfirmInvoiceRequest = from_text(text, false).expect("fast path");
            let reference: ConfirmInvoiceRequest = serde_json::from_str(text).expect("serde_json");
            assert_eq!(fast, reference);
        }
    }

    /// A received document's undeclared members, of any shape and under escaped names, are skipped when
    /// asked; a declared member under an escaped name is still read. Not asked, the reader gives up.
    #[test]
    fn undeclared_members_are_skipped_only_when_asked() {
        use bc_invoice_types::PaymentResponse;
        let plain = fixture("payment-response.json");
        let reference: PaymentResponse = from_text(&plain, false).expect("fast path");
        let extra = plain
            .replacen(
                "\"resp\": {",
                "\"resp\": {\"retry\\u0041fter\": [1, {\"a\": [2.50, null]}], \"x\": {},",
                1,
            )
            .replacen(
                "\"payment\": {",
                "\"payment\": {\"settlementBatch\": \"B-04\", ",
                1,
            )
            .replacen("\"result\"", "\"r\\u0065sult\"", 1);
        assert_eq!(extra.matches("\\u00").count(), 2);
        assert_eq!(
            from_text::<PaymentResponse>(&extra, true).ok(),
            Some(reference)
        );
        assert!(from_text::<PaymentResponse>(&extra, false).is_err());
    }

    /// This reader answers the types' token, so a checked string is not checked again: the reader is only
    /// given texts the walk has validated, so this text (which the walk refuses) shows that the answer
    /// arrives, under the name the types ask with. serde_json, which does not answer it, checks.
    #[test]
    fn checked_strings_are_taken_as_the_validated_text_has_them() {
        let confirm = fixture("confirm-invoice.accept.json");
        let id = "INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c";
        for bad in ["NOT-AN-OBJECT-ID", "NOT-\\u0041N-OBJECT-ID"] {
            let text = confirm.replacen(id, bad, 1);
            assert_ne!(text, confirm);
            let read: ConfirmInvoiceRequest = from_text(&text, false).expect("fast path");
            assert_eq!(
                read.invoice_confirmation.object_id.as_str(),
                bad.replace("\\u0041", "A")
            );
            assert!(serde_json::from_str::<ConfirmInvoiceRequest>(&text).is_err());
        }
    }

    #[test]
    fn what_serde_json_would_refuse_or_read_otherwise_makes_it_give_up() {
        let confirm = fixture("confirm-invoice.accept.json");
        for (from, to) in [
            ("\"currentVersion\": 2", "\"currentVersion\": 2.0"),
            ("\"currentVersion\": 2", "\"currentVersion\": -0"),
            ("\"currentVersion\": 2", "\"currentVersion\": 1e1"),
        ] {
            let text = confirm.replacen(from, to, 1);
            assert_ne!(text, confirm, "{from}");
            assert!(
                from_text::<ConfirmInvoiceRequest>(&text, false).is_err(),
                "{to}"
            );
        }
    }
}
