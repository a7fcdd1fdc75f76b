//! The errors of the checked constructors: facts first, text rendered from them.

use std::fmt;

/// A string refused by a pattern-constrained type ([`ObjectId`](crate::ObjectId),
/// [`Timestamp`](crate::Timestamp), …): which type, which value, and what it breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    type_name: &'static str,
    value: String,
    violation: Violation,
    example: Option<&'static str>,
}

/// What a refused value breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Violation {
    /// It does not match the type's `pattern`.
    Pattern {
        /// The pattern, as the schema writes it.
        pattern: &'static str,
    },
    /// It matches the pattern (if any) but is not of the type's `format`, such as a `date-time` on
    /// 30 February.
    Format {
        /// The format's name, such as `date-time`.
        format: &'static str,
    },
}

impl PatternError {
    pub(crate) fn new(
        type_name: &'static str,
        value: &str,
        violation: Violation,
        example: Option<&'static str>,
    ) -> Self {
        PatternError {
            type_name,
            value: value.to_owned(),
            violation,
            example,
        }
    }

    /// The type that refused the value, such as `ObjectId`.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The refused value.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// What the value breaks.
    pub fn violation(&self) -> Violation {
        self.violation
    }

    /// For a value that does not match the pattern, a value that does: the first of the schema's
    /// `examples` for the type, which the message quotes; `None` for a format's refusal, or where the
    /// schema gives no example.
    pub fn example(&self) -> Option<&'static str> {
        self.example
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let PatternError {
            type_name, value, ..
        } = self;
        match (self.violation, self.example) {
            (Violation::Pattern { pattern }, Some(example)) => write!(
                f,
                "{type_name}: {value:?} does not match the pattern {pattern}, as {example:?} does"
            ),
            (Violation::Pattern { pattern }, None) => {
                write!(
                    f,
                    "{type_name}: {value:?} does not match the pattern {pattern}"
                )
            }
            (Violation::Format { format }, _) => write!(
                f,
                "{type_name}: {value:?} is not a valid {format} (format {format:?})"
            ),
        }
    }
}

impl std::error::Error for PatternError {}

/// A string that is not one of a closed list's values ([`BuyerResponse`](crate::BuyerResponse), …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumError {
    type_name: &'static str,
    value: String,
    allowed: &'static [&'static str],
}

impl EnumError {
    pub(crate) fn new(
        type_name: &'static str,
        value: &str,
        allowed: &'static [&'static str],
    ) -> Self {
        EnumError {
            type_name,
            value: value.to_owned(),
            allowed,
        }
    }

    /// The type that refused the value, such as `BuyerResponse`.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The refused value.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The values the type allows, in schema order.
    pub fn allowed(&self) -> &'static [&'static str] {
        self.allowed
    }
}

impl fmt::Display for EnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?} is not one of ", self.type_name, self.value)?;
        for (i, allowed) in self.allowed.iter().enumerate() {
            let separator = if i == 0 { "" } else { ", " };
            write!(f, "{separator}{allowed:?}")?;
        }
        Ok(())
    }
}

impl std::error::Error for EnumError {}
