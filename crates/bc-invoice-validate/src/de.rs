//! A serde `Deserializer` that validates as it reads: what [`Validator::parse`](crate::Validator::parse) reads
//! the typed document with, instead of a walk that decides validity followed by a second full reading.
//!
//! It makes the calls `serde_json::from_slice` makes on the same text with its `arbitrary_precision`
//! feature, for everything the generated types ask: structs, sequences, options, strings (borrowed from
//! the text unless they have escapes), integers and numbers (a number that is not a `u64` or an `i64` is
//! handed over as its text, in serde_json's private one-member map, which the types' decimals read digit
//! for digit). So `parse` keeps every digit of an amount whether or not serde_json was built with that
//! feature (it is off by default: it would change how a dependent's own types read numbers). What it saves
//! is serde_json's work that the typed documents do not need (copying every number's text into a
//! `String`, keeping error positions) and the types' own pattern checks, which it makes itself.
//!
//! As it reads, it follows the generated schema tables (`generated/tables.rs`) and checks each value as the
//! walk (`walk.rs`) does without the rules, so a document it reads is one the schema accepts; with a
//! checker (`from_text_with_rules`) it also hands the rules the facts the walk would. Whatever the walk
//! would refuse, and anything unusual (a `-0` or `1.0` where an integer is asked for, an enum, a float, a
//! member the schema does not declare), makes it give up without saying why: the caller then validates,
//! and reads a valid text again, with `serde_json` if this reader gives up again, whose verdict and error
//! message are the reference. So a document it reads is the document serde_json reads, and a document it
//! gives up on costs more readings, never a different answer.
//!
//! One difference is on purpose: reading a document the platform sends
//! ([`DocumentKind::is_received`](crate::DocumentKind::is_received)) that the validation has accepted, it
//! skips the members the schema does not declare (the validator reported them as the
//! `received-unknown-member` rule's warnings), where serde_json would refuse them.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::generated::tables::NODES;
use crate::numbers::{fits_decimal, fits_i64, is_integral};
use crate::path::{Segment, WalkPath};
use crate::rules::Checker;
use crate::scan::{NumToken, Scanner};
use crate::schema::{Node, NodeId, ObjectNode, StringNode, same_bytes};

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
/// checks every value against the schema node it stands at before handing it over (the walk's checks),
/// so it answers with the one-member map `{VALIDATED_TOKEN: value}`, which the types take without checking
/// again. No other deserializer answers it, so a value read any other way is checked.
const VALIDATED_TOKEN: &str = "$bc_invoice_types::private::Validated";

/// Reads a `T` from a text, checking it against the schema node `root` as it goes, or gives up.
///
/// A `T` it returns is both what serde_json reads from the text and proof that the schema alone accepts
/// the text: every value is checked as the walk (`walk.rs`) checks it when the rules are left out
/// (types, patterns, closed lists, formats, the integers' and decimals' ranges, escapes), every object's
/// members are the schema's, none twice, none required missing, and nothing follows the root. Whatever the
/// walk would refuse, or this reader does not know how to read, makes it give up; so does a member the
/// schema does not declare, unless `skip_unknown` (a received document the full validation has accepted,
/// whose new members the typed document leaves out).
pub(crate) fn from_text<T: DeserializeOwned>(
    text: &str,
    root: NodeId,
    skip_unknown: bool,
) -> Result<T> {
    let mut reader = Reader::<false> {
        scan: Scanner::new(text),
        node: &NODES[root],
        skip_unknown,
        facts: None,
    };
    let value = T::deserialize(&mut reader)?;
    reader.scan.end().map_err(|_| GiveUp)?;
    Ok(value)
}

/// [`from_text`] (without skipping) that also hands `checker` the facts the walk would hand it, in the
/// walk's order, with the walk's paths, offsets and object numbers: the rules' findings are then those of
/// a walk of the same text, which the caller takes from `checker` once the text is read.
pub(crate) fn from_text_with_rules<'a, T: DeserializeOwned>(
    text: &'a str,
    root: NodeId,
    checker: Checker<'a, 'a>,
) -> Result<(T, Checker<'a, 'a>)> {
    let mut reader = Reader::<true> {
        scan: Scanner::new(text),
        node: &NODES[root],
        skip_unknown: false,
        facts: Some(Box::new(Facts {
            checker,
            path: WalkPath::new(),
            objects: 0,
            object: 0,
        })),
    };
    let value = T::deserialize(&mut reader)?;
    reader.scan.end().map_err(|_| GiveUp)?;
    let facts = reader.facts.take().ok_or(GiveUp)?;
    Ok((value, facts.checker))
}

/// `RULES`: whether `facts` is there (the reading without it is compiled without the facts' bookkeeping).
struct Reader<'de, const RULES: bool> {
    scan: Scanner<'de>,
    /// The schema node of the value about to be read (set by the object or array holding it).
    node: &'static Node,
    /// Skip the members an object does not declare (a received document's new members).
    skip_unknown: bool,
    /// The rules' facts, when they are to be handed over.
    facts: Option<Box<Facts<'de>>>,
}

/// What handing the rules their facts takes: the checker, and the walk's path and object numbers.
struct Facts<'de> {
    checker: Checker<'de, 'de>,
    path: WalkPath,
    /// How many objects have been entered, and the number of the one being read (0 outside every object).
    objects: u32,
    object: u32,
}

impl Facts<'_> {
    /// Numbers an object entered; the number of the one outside it.
    #[inline(never)]
    fn enter(&mut self) -> u32 {
        self.objects = self.objects.wrapping_add(1);
        std::mem::replace(&mut self.object, self.objects)
    }
}

/// Whether a string's value passes its node's checks, as the walk makes them (a known value's spelling
/// is the rules' warning, never an error of the schema's).
#[inline]
fn string_accepted(node: &StringNode, value: &str, escaped: bool) -> bool {
    node.pattern
        .is_none_or(|pattern| pattern.is_match_string(value, escaped))
        && node.enumeration.is_none_or(|options| {
            options
                .iter()
                .any(|o| same_bytes(o.as_bytes(), value.as_bytes()))
        })
        && (node.format.is_none() || bc_invoice_types::is_date_time(value))
}

/// Whether a number is in its node's range, as the walk decides it: an integer within `i64`, a number an
/// exact decimal holds.
#[inline]
fn number_accepted(node: &Node, token: &NumToken, text: &str) -> bool {
    match node {
        Node::Integer if token.plain => text.len() <= 18 || fits_i64(text),
        Node::Integer => is_integral(text) && fits_i64(text),
        Node::Number => (!token.exponent && text.len() <= 28) || fits_decimal(text),
        _ => false,
    }
}

impl<'de, const RULES: bool> Reader<'de, RULES> {
    /// The next byte after blanks.
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        self.scan.ws();
        self.scan.peek()
    }

    /// A string (after blanks), handed to `visitor` as serde_json hands it: borrowed from the text when
    /// it has no escapes, decoded otherwise.
    fn string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.text()? {
            Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
            Cow::Owned(text) => visitor.visit_string(text),
        }
    }

    /// A string's text (after blanks), checked against its node: borrowed from the document when it has
    /// no escapes, decoded otherwise.
    #[inline]
    fn text(&mut self) -> Result<Cow<'de, str>> {
        let Node::String(node) = self.node else {
            return Err(GiveUp);
        };
        if self.peek() != Some(b'"') {
            return Err(GiveUp);
        }
        let token = self.scan.string().map_err(|_| GiveUp)?;
        let checked = node.pattern.is_some() || node.enumeration.is_some() || node.format.is_some();
        if !token.escaped {
            if checked && !string_accepted(node, token.raw, false) {
                return Err(GiveUp);
            }
            return Ok(Cow::Borrowed(token.raw));
        }
        // As the walk does: a value longer than any its check accepts is refused before it is decoded
        // (one escape in a huge string must not copy it).
        if checked
            && crate::walk::longest_accepted(node)
                .is_some_and(|longest| crate::scan::unescaped(token.raw).nth(longest).is_some())
        {
            return Err(GiveUp);
        }
        // Decoding refuses a lone surrogate, as the walk does.
        let value = self.scan.decode(&token).map_err(|_| GiveUp)?;
        if checked && !string_accepted(node, &value, true) {
            return Err(GiveUp);
        }
        Ok(value)
    }

    /// A string asked for under [`VALIDATED_TOKEN`], handed over as the answer `{VALIDATED_TOKEN: value}`.
    fn validated_string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let value = self.text()?;
        visitor.visit_map(Validated { value: Some(value) })
    }

    /// A number (after blanks), checked against its node: its token and text.
    #[inline]
    fn number(&mut self) -> Result<(NumToken, &'de str)> {
        if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            return Err(GiveUp);
        }
        let token = self.scan.number().map_err(|_| GiveUp)?;
        let text = &self.scan.text[token.start..token.end];
        if !number_accepted(self.node, &token, text) {
            return Err(GiveUp);
        }
        Ok((token, text))
    }

    /// A number as serde_json's `deserialize_any` hands it with `arbitrary_precision`: a `u64` when it
    /// reads as one, else an `i64` when it reads as one (`-0` does not), else its text.
    fn any_number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let (token, text) = self.number()?;
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
        let (token, text) = self.number()?;
        if !token.plain {
            return Err(GiveUp);
        }
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

    /// An object, handed to `visitor` member by member, each checked against its node; then the members
    /// its node requires.
    fn object<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let node = self.node;
        let Node::Object(object) = node else {
            return Err(GiveUp);
        };
        if self.peek() != Some(b'{') {
            return Err(GiveUp);
        }
        self.scan.pos += 1;
        // Numbered in the order entered, as the walk numbers them.
        let outer = if RULES {
            self.facts.as_mut().map(|facts| facts.enter())
        } else {
            None
        };
        let mut members = Members {
            reader: self,
            object,
            value: node,
            first: true,
            seen: 0,
            next: 0,
            index: 0,
        };
        let value = visitor.visit_map(&mut members)?;
        if object.required & !members.seen != 0 {
            return Err(GiveUp);
        }
        self.close(b'}')?;
        if let (Some(facts), Some(outer)) = (&mut self.facts, outer) {
            facts.object = outer;
        }
        Ok(value)
    }

    /// The closing bracket of a container whose visitor has read what it wanted: serde_json refuses
    /// elements left over, and so does this reader (by giving up).
    #[inline]
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

impl<'de, const RULES: bool> de::Deserializer<'de> for &mut Reader<'de, RULES> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.node {
            Node::Object(_) => self.object(visitor),
            Node::Array { .. } => self.deserialize_seq(visitor),
            Node::String(_) => self.string(visitor),
            Node::Integer | Node::Number => self.any_number(visitor),
        }
    }

    integers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
    }

    // The schema has no boolean and no null (a `null` where an optional member is is refused too), and
    // the generated types ask for none of the others.
    give_up! {
        deserialize_bool deserialize_unit deserialize_ignored_any
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
        visitor.visit_some(self)
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
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if name == VALIDATED_TOKEN {
            return self.validated_string(visitor);
        }
        if name == RAW_TOKEN {
            return Err(GiveUp);
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let Node::Array { items } = self.node else {
            return Err(GiveUp);
        };
        if self.peek() != Some(b'[') {
            return Err(GiveUp);
        }
        self.scan.pos += 1;
        let value = visitor.visit_seq(Elements {
            items: &NODES[*items],
            reader: self,
            index: 0,
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
        self.object(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // serde_json also reads a struct from an array; the schema never allows one where a struct is.
        self.object(visitor)
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
}

/// An object's members, each checked against the object's node: declared, not given twice.
struct Members<'a, 'de, const RULES: bool> {
    reader: &'a mut Reader<'de, RULES>,
    object: &'static ObjectNode,
    /// The node of the member whose name was read last.
    value: &'static Node,
    first: bool,
    /// Bit `i` set when `object.props[i]` has been read.
    seen: u64,
    /// The member expected next (where documents in the schema's order have it).
    next: usize,
    /// The index of the member whose name was read last.
    index: usize,
}

impl<'de, const RULES: bool> MapAccess<'de> for Members<'_, 'de, RULES> {
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
            let scan = &mut self.reader.scan;
            // A name written as the schema spells it is compared in place, as the walk compares it;
            // anything else is scanned, decoded and looked up.
            let index = match self.object.find_in_place(scan.src, scan.pos, self.next) {
                Some(index) => {
                    scan.pos += self.object.props[index].name.len() + 2;
                    scan.colon().map_err(|_| GiveUp)?;
                    index
                }
                None => {
                    let key = scan.key().map_err(|_| GiveUp)?;
                    let name = scan.decode(&key).map_err(|_| GiveUp)?;
                    match self.object.find(name.as_bytes()) {
                        Some(index) => index,
                        None if self.reader.skip_unknown => {
                            // Not the schema's: skipped whole (the validation checked it).
                            self.reader.scan.ws();
                            self.reader.scan.skip_value(0).map_err(|_| GiveUp)?;
                            continue;
                        }
                        None => return Err(GiveUp),
                    }
                }
            };
            let bit = 1u64 << index;
            if self.seen & bit != 0 {
                return Err(GiveUp);
            }
            self.seen |= bit;
            self.next = index + 1;
            let prop = &self.object.props[index];
            self.value = &NODES[prop.node];
            self.index = index;
            return seed.deserialize(Key(prop.name)).map(Some);
        }
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.reader.node = self.value;
        // A fact is a member's with a role, or lies inside an object or an array: a string or a number
        // without a role needs no path.
        if RULES
            && (self.object.props[self.index].role.is_some()
                || matches!(self.value, Node::Object(_) | Node::Array { .. }))
        {
            return self.value_and_fact(seed);
        }
        seed.deserialize(&mut *self.reader)
    }
}

impl<'de, const RULES: bool> Members<'_, 'de, RULES> {
    /// The member's value, and its fact for the rules, as the walk hands it over.
    #[inline(never)]
    fn value_and_fact<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let prop = &self.object.props[self.index];
        if let Some(facts) = &mut self.reader.facts {
            facts.path.push(Segment::Member(prop.id));
        }
        // A fact's offset is its value's first byte, not the blank after the colon.
        self.reader.scan.ws();
        let start = self.reader.scan.pos;
        let value = seed.deserialize(&mut *self.reader)?;
        let reader = &mut *self.reader;
        if let Some(facts) = &mut reader.facts {
            // As the walk hands it: a string's or a number's text.
            let raw = &reader.scan.text[start..reader.scan.pos];
            if let Some(role) = prop.role
                && matches!(raw.as_bytes().first(), Some(b'"' | b'-' | b'0'..=b'9'))
                && let Some(path) = facts.path.fact_path()
            {
                facts.checker.add(
                    role,
                    prop.name,
                    crate::rules::Written::new(raw, reader.scan.escaped),
                    start,
                    path,
                    facts.object,
                );
            }
            facts.path.pop();
        }
        Ok(value)
    }
}

/// An array's elements, each checked against the items' node.
struct Elements<'a, 'de, const RULES: bool> {
    reader: &'a mut Reader<'de, RULES>,
    items: &'static Node,
    /// The index of the next element.
    index: u32,
}

impl<'de, const RULES: bool> SeqAccess<'de> for Elements<'_, 'de, RULES> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let first = self.index == 0;
        match self.reader.peek() {
            Some(b']') => return Ok(None),
            Some(b',') if !first => self.reader.scan.pos += 1,
            _ if first => {}
            _ => return Err(GiveUp),
        }
        let index = self.index;
        self.index = index.saturating_add(1);
        self.reader.node = self.items;
        if RULES {
            return self.element_on_path(seed, index).map(Some);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

impl<'de, const RULES: bool> Elements<'_, 'de, RULES> {
    /// The element, on the walk's path for the facts inside it.
    #[inline(never)]
    fn element_on_path<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
        index: u32,
    ) -> Result<T::Value> {
        if let Some(facts) = &mut self.reader.facts {
            facts.path.push(Segment::Index(index));
        }
        let value = seed.deserialize(&mut *self.reader)?;
        if let Some(facts) = &mut self.reader.facts {
            facts.path.pop();
        }
        Ok(value)
    }
}

/// A member name, as serde_json's map keys hand it: a string (the schema's spelling of the member, which
/// is the name the document gives, decoded).
struct Key(&'static str);

impl<'de> de::Deserializer<'de> for Key {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.0)
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
    use crate::DocumentKind;
    use bc_invoice_types::{ConfirmInvoiceRequest, CreateInvoiceRequest, PaymentResponse};
    use serde::Deserialize;

    fn fixture(name: &str) -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/valid/");
        std::fs::read_to_string(format!("{path}{name}")).expect("fixture")
    }

    fn read<T: DeserializeOwned + crate::document::Document>(text: &str) -> Result<T> {
        from_text(text, T::KIND.root(), false)
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
            let fast: CreateInvoiceRequest = read(text).expect("fast path");
            let reference: CreateInvoiceRequest = serde_json::from_str(text).expect("serde_json");
            assert_eq!(fast, reference);
        }
        let confirm = fixture("confirm-invoice.accept.json");
        let escaped = confirm.replacen("\"ACCEPT\"", "\"\\u0041CCEPT\"", 1);
        let escaped_name = confirm.replacen("\"buyerResponse\"", "\"buyer\\u0052esponse\"", 1);
        assert!(escaped != confirm && escaped_name != confirm);
        for text in [&confirm, &escaped, &escaped_name] {
            let fast: ConfirmInvoiceRequest = read(text).expect("fast path");
            let reference: ConfirmInvoiceRequest = serde_json::from_str(text).expect("serde_json");
            assert_eq!(fast, reference);
        }
    }

    /// A received document's undeclared members, of any shape and under escaped names, are skipped when
    /// asked; a declared member under an escaped name is still read. Not asked, the reader gives up.
    #[test]
    fn undeclared_members_are_skipped_only_when_asked() {
        let plain = fixture("payment-response.json");
        let root = DocumentKind::PaymentResponse.root();
        let reference: PaymentResponse = from_text(&plain, root, false).expect("fast path");
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
            from_text::<PaymentResponse>(&extra, root, true).ok(),
            Some(reference)
        );
        assert!(from_text::<PaymentResponse>(&extra, root, false).is_err());
    }

    /// The reader answers the types' private name for a validated value with the one-member map
    /// `{VALIDATED_TOKEN: value}`, under the name `bc-invoice-types` asks with.
    #[test]
    fn the_types_token_is_answered_with_the_checked_value() {
        struct Asks(String);
        impl<'de> Deserialize<'de> for Asks {
            fn deserialize<D: de::Deserializer<'de>>(
                deserializer: D,
            ) -> std::result::Result<Self, D::Error> {
                struct Answer;
                impl<'de> Visitor<'de> for Answer {
                    type Value = Asks;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("the token's answer")
                    }
                    fn visit_map<A: MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> std::result::Result<Asks, A::Error> {
                        let key: String =
                            map.next_key()?.ok_or_else(|| de::Error::custom("no key"))?;
                        assert_eq!(key, VALIDATED_TOKEN);
                        let value: String = map.next_value()?;
                        assert!(map.next_key::<String>()?.is_none());
                        Ok(Asks(value))
                    }
                }
                deserializer.deserialize_newtype_struct(VALIDATED_TOKEN, Answer)
            }
        }
        // The token's name is the types' (their own test forges a document with it).
        let support = include_str!("../../bc-invoice-types/src/support.rs");
        assert!(support.contains(&format!(
            "const VALIDATED_TOKEN: &str = \"{VALIDATED_TOKEN}\";"
        )));
        // A string node with a pattern: the object id of a confirmation.
        let confirm = fixture("confirm-invoice.accept.json");
        let Node::Object(root) = &NODES[DocumentKind::ConfirmInvoice.root()] else {
            panic!("the root is an object");
        };
        let member = |object: &ObjectNode, name: &str| {
            object
                .props
                .iter()
                .find(|p| p.name == name)
                .expect(name)
                .node
        };
        let Node::Object(confirmation) = &NODES[member(root, "invoiceConfirmation")] else {
            panic!("an object");
        };
        let id_node = member(confirmation, "objectId");
        assert!(matches!(&NODES[id_node], Node::String(s) if s.pattern.is_some()));
        let id = "INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c";
        assert!(confirm.contains(id));
        for (text, expected) in [
            (format!("\"{id}\""), Some(id.to_owned())),
            (format!("\"INV\\u0037{}\"", &id[4..]), Some(id.to_owned())),
            // What the pattern refuses is not handed over.
            ("\"NOT-AN-OBJECT-ID\"".to_owned(), None),
        ] {
            assert_eq!(
                from_text::<Asks>(&text, id_node, false).ok().map(|a| a.0),
                expected,
                "{text}"
            );
        }
    }

    /// What the walk refuses, the reader refuses: it answers the token only with values it has checked.
    #[test]
    fn what_the_schema_refuses_makes_it_give_up() {
        let confirm = fixture("confirm-invoice.accept.json");
        let id = "INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c";
        for (from, to) in [
            (id, "NOT-AN-OBJECT-ID"),
            (id, "NOT-\\u0041N-OBJECT-ID"),
            ("\"ACCEPT\"", "\"ACCEPTED\""),
            ("\"buyerResponse\"", "\"buyerResponze\""),
            ("\"newVersion\": 3", "\"newVersion\": 3,\n\"newVersion\": 3"),
            ("\"newVersion\": 3", "\"newVersion\": 99999999999999999999"),
            ("\"newVersion\": 3", "\"newVersion\": \"3\""),
            ("\"newVersion\": 3", "\"newVersion\": null"),
            ("\"newVersion\": 3", "\"newVersion\": true"),
            // A required member missing (the versions inside objectVersion are optional).
            ("\"buyerResponse\": \"ACCEPT\",", ""),
            ("\"ACCEPT\"", "\"\\ud800\""),
            ("\n}", "\n} 1"),
        ] {
            let text = confirm.replacen(from, to, 1);
            assert_ne!(text, confirm, "{from}");
            assert!(read::<ConfirmInvoiceRequest>(&text).is_err(), "{to}");
            assert!(
                !crate::validate(Some(DocumentKind::ConfirmInvoice), text.as_bytes()).is_valid(),
                "{to}"
            );
        }
    }

    /// The facts the reader hands the rules are the walk's: with every rule on, the rules find the same
    /// things, at the same paths and offsets, in every fixture of every kind the reader reads (the
    /// mistakes' fixtures break rules, not the schema).
    #[test]
    fn the_rules_find_in_the_reading_what_they_find_in_the_walk() {
        use crate::rules::{RuleLevel, RuleSet};
        use crate::walk::{Settings, Walker};

        fn compare<T: DeserializeOwned>(kind: DocumentKind, text: &str, name: &str) -> bool {
            let mut rules = RuleSet::default().now(std::time::UNIX_EPOCH);
            rules.set_all(RuleLevel::Warn);
            let found = |checker: &mut Checker<'_, '_>| {
                let (found, omitted) = checker.finish();
                let mut found: Vec<_> = found
                    .into_iter()
                    .map(|f| (f.offset, f.rule, f.pointer.as_str().to_owned(), f.message))
                    .collect();
                found.sort();
                (found, omitted)
            };
            let Ok((_, mut checker)) =
                from_text_with_rules::<T>(text, kind.root(), Checker::new(kind, &rules))
            else {
                return false;
            };
            let read = found(&mut checker);
            let settings = Settings {
                known_values: None,
                collect_facts: true,
                max_findings: usize::MAX,
                unknown_member: Some(crate::Level::Error),
                received: kind.is_received(),
            };
            let mut walker = Walker::new(text, &settings);
            walker.checker = Some(Checker::new(kind, &rules));
            walker.run(kind.root()).expect("the walk reads it");
            assert!(walker.findings.is_empty(), "{name}");
            let walked = found(walker.checker.as_mut().expect("the checker"));
            assert_eq!(read, walked, "{name}");
            !read.0.is_empty()
        }

        let (mut read, mut with_findings) = (0, 0);
        for dir in [
            "valid",
            "legit",
            "legit-payments",
            "mistakes",
            "payment-mistakes",
        ] {
            let path = format!("{}/../../tests/fixtures/{dir}", env!("CARGO_MANIFEST_DIR"));
            let mut names: Vec<_> = std::fs::read_dir(&path)
                .expect("fixtures")
                .map(|e| e.expect("entry").file_name().into_string().expect("UTF-8"))
                .filter(|n| n.ends_with(".json") && n != "expected.json")
                .collect();
            names.sort();
            for name in names {
                let text = std::fs::read_to_string(format!("{path}/{name}")).expect("fixture");
                let kind = DocumentKind::ALL
                    .iter()
                    .copied()
                    .filter(|k| {
                        name.strip_prefix(k.as_str())
                            .is_some_and(|r| r.starts_with('.'))
                    })
                    .max_by_key(|k| k.as_str().len())
                    .expect("a kind");
                // Each kind's root type, from the generated dispatch (a new kind needs nothing here).
                struct Compare<'t> {
                    kind: DocumentKind,
                    text: &'t str,
                    name: &'t str,
                }
                impl crate::generated::dispatch::TypeVisitor for Compare<'_> {
                    type Output = bool;
                    fn visit<T: crate::Document + Into<crate::AnyDocument>>(self) -> bool {
                        compare::<T>(self.kind, self.text, self.name)
                    }
                }
                let found = crate::generated::dispatch::with_type(
                    kind,
                    Compare {
                        kind,
                        text: &text,
                        name: &name,
                    },
                );
                read += 1;
                with_findings += usize::from(found);
            }
        }
        assert!(read > 100 && with_findings > 40, "{read} {with_findings}");
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
            assert!(read::<ConfirmInvoiceRequest>(&text).is_err(), "{to}");
        }
    }
}
