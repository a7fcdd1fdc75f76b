//! How serious a finding is: its own module, below both the report that holds findings and the rules that
//! make them at a level (`RuleLevel::finding_level`), so that neither imports the other for it.

/// How serious a finding is. `#[non_exhaustive]`: a later release may add a level (a note).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Level {
    /// Reported, but the document stays valid.
    Warning,
    /// The document is invalid.
    Error,
}

impl Level {
    /// `"warning"` or `"error"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Written as [`Level::as_str`]: `"warning"` or `"error"`.
impl serde::Serialize for Level {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Read from `"warning"` or `"error"`, as [`Level::as_str`] writes it.
impl<'de> serde::Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = <String as serde::Deserialize>::deserialize(deserializer)?;
        match name.as_str() {
            "warning" => Ok(Level::Warning),
            "error" => Ok(Level::Error),
            _ => Err(serde::de::Error::custom(format_args!(
                "unknown level {name:?}; expected warning or error"
            ))),
        }
    }
}
