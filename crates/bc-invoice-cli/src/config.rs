//! The project settings file, `bc-invoice.toml`, found from the current directory upward:
//!
//! ```toml
//! strict = true
//!
//! [rules]
//! all = "warn"
//! gstin-checksum = "deny"
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use bc_invoice_validate::{RuleLevel, RuleSet};
use serde::Deserialize;

/// The settings file's name.
pub const FILE_NAME: &str = "bc-invoice.toml";

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    strict: Option<bool>,
    #[serde(default)]
    rules: BTreeMap<String, String>,
}

/// Settings read from a `bc-invoice.toml`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `strict = true` makes every warning an error.
    pub strict: bool,
    /// Rule levels, `all` first so that a named rule overrides it.
    pub rules: Vec<(String, RuleLevel)>,
}

/// A settings file that cannot be used: a usage error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for ConfigError {}

/// The nearest `bc-invoice.toml` in `start` or a directory above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Reads and checks a settings file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let error = |message: String| ConfigError {
        path: path.to_owned(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| error(format!("cannot read: {e}")))?;
    parse(&text).map_err(error)
}

/// Parses and checks the text of a settings file.
fn parse(text: &str) -> Result<Config, String> {
    let file: ConfigFile = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_owned())?;
    let mut rules = Vec::with_capacity(file.rules.len());
    let mut check = RuleSet::default();
    for (id, level) in &file.rules {
        let level: RuleLevel = level.parse().map_err(|e| format!("[rules] {id}: {e}"))?;
        check.set(id, level).map_err(|e| format!("[rules]: {e}"))?;
        rules.push((id.clone(), level));
    }
    rules.sort_by_key(|(id, _)| id != "all");
    Ok(Config {
        strict: file.strict.unwrap_or(false),
        rules,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_comes_first_so_named_rules_override_it() {
        let config =
            parse("strict = true\n[rules]\nknown-values = \"deny\"\nall = \"allow\"\n").unwrap();
        assert_eq!(
            config,
            Config {
                strict: true,
                rules: vec![
                    ("all".to_owned(), RuleLevel::Allow),
                    ("known-values".to_owned(), RuleLevel::Deny)
                ],
            }
        );
    }

    #[test]
    fn unknown_rules_levels_and_keys_are_refused() {
        assert!(
            parse("[rules]\nno-such-rule = \"deny\"\n")
                .unwrap_err()
                .starts_with("[rules]: unknown rule \"no-such-rule\"; the rules are ")
        );
        assert_eq!(
            parse("[rules]\nknown-values = \"loud\"\n").unwrap_err(),
            "[rules] known-values: unknown rule level \"loud\"; expected allow, warn or deny"
        );
        let unknown_key = parse("stric = true\n").unwrap_err();
        assert!(
            unknown_key.contains("unknown field `stric`"),
            "{unknown_key}"
        );
        assert_eq!(
            parse("").unwrap(),
            Config {
                strict: false,
                rules: vec![]
            }
        );
    }
}
