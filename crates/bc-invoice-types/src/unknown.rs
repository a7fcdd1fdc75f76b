//! The fallback of the open lists.

use std::fmt;

/// A value of an open list (a schema `x-known-values`, such as [`YesNo`](crate::YesNo)) that the list does
/// not know, kept exactly as written.
///
/// It has no public constructor: only parsing (`From<&str>`, `From<String>`, `FromStr`, deserializing)
/// makes one, and parsing gives every known value its own variant. So `YesNo::Unknown` never holds `"YES"`,
/// and two open-list values are equal exactly when they are written alike. To make an unknown value, parse
/// it: `YesNo::from("MAYBE")`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    pub(crate) fn new(value: String) -> Self {
        UnknownValue(value)
    }

    /// The value as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value, as an owned string.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
