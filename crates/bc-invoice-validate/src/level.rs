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
