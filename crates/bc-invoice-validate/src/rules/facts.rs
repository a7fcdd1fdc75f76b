//! The facts the walk hands the rules: a member with a role, its value's text, where it is.

use std::borrow::Cow;

use super::catalogue::RuleId;
use crate::generated::roles::Role;
use crate::path::{FactPath, Segment};
use crate::pointer::JsonPointer;
use crate::report::ErrorKind;

/// A value the rules look at, gathered during validation.
#[derive(Debug, Clone)]
pub(crate) struct Fact<'a> {
    /// What the member is to the rules.
    pub role: Role,
    /// The member's name (`gstin`, `totalAmt`).
    pub member: &'static str,
    /// The value's JSON text as written: a number, or a string with its quotes and escapes.
    pub raw: &'a str,
    /// Whether `raw` is a string written with escapes (the scanner knows): its value is then decoded, and
    /// otherwise borrowed without a look for a backslash.
    pub escaped: bool,
    /// Byte offset of the value in the text.
    pub offset: usize,
    /// Where the value is.
    pub path: FactPath,
}

impl<'a> Fact<'a> {
    /// The value: a string with its escapes decoded (the engine has already refused any that cannot be),
    /// or a number's text.
    pub fn value(&self) -> FactValue<'a> {
        value_of(self.raw, self.escaped)
    }
}

/// A value's JSON text as the walk hands it to the rules, and whether it is a string written with escapes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Written<'a> {
    pub raw: &'a str,
    pub escaped: bool,
}

impl<'a> Written<'a> {
    /// The value just read, `raw`, given whether the last string the scanner read had escapes
    /// (`Scanner::escaped`): for a string value that string is the value itself; a number has none.
    #[inline]
    pub(crate) fn new(raw: &'a str, last_string_escaped: bool) -> Self {
        Written {
            raw,
            escaped: raw.starts_with('"') && last_string_escaped,
        }
    }
}

/// The value of a JSON text as written, given whether it is a string written with escapes: see
/// [`Fact::value`].
#[inline]
pub(crate) fn value_of(raw: &str, escaped: bool) -> FactValue<'_> {
    match raw.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(inner) if escaped => FactValue::Str(Cow::Owned(
            crate::scan::decode_escapes(inner).unwrap_or_else(|_| inner.to_owned()),
        )),
        Some(inner) => FactValue::Str(Cow::Borrowed(inner)),
        None => FactValue::Num(raw),
    }
}

/// One of an item's own members, kept without its path: the item's path and the member's last segment
/// make it again, for a finding. An item's members are most of a large invoice's facts, and this keeps
/// each one to its text and place.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Member<'a> {
    /// What the member is to the rules.
    pub role: Role,
    /// The member's name.
    pub member: &'static str,
    /// The value's JSON text as written.
    pub raw: &'a str,
    /// Whether `raw` is a string written with escapes (see [`Fact::escaped`]).
    pub escaped: bool,
    /// Byte offset of the value in the text.
    pub offset: usize,
    /// The member's segment under the item.
    pub segment: Segment,
}

impl<'a> Member<'a> {
    /// The value: see [`Fact::value`].
    pub fn value(&self) -> FactValue<'a> {
        value_of(self.raw, self.escaped)
    }

    /// The member as a fact of the item at `item`.
    pub fn fact(&self, item: &FactPath) -> Option<Fact<'a>> {
        Some(Fact {
            role: self.role,
            member: self.member,
            raw: self.raw,
            escaped: self.escaped,
            offset: self.offset,
            path: item.child(self.segment)?,
        })
    }
}

/// A gathered scalar: a decoded string, or a number's JSON text (exact, for decimal arithmetic).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FactValue<'a> {
    /// A string, escapes decoded.
    Str(Cow<'a, str>),
    /// A number, as written.
    Num(&'a str),
}

/// A rule's finding before its line and column are known.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RuleFinding {
    pub rule: RuleId,
    pub pointer: JsonPointer,
    pub offset: usize,
    pub message: String,
    pub found: Option<String>,
}

impl RuleFinding {
    pub(crate) fn kind(&self) -> ErrorKind {
        ErrorKind::Rule {
            rule: self.rule,
            summary: self.rule.rule().summary,
            message: self.message.clone(),
        }
    }
}
