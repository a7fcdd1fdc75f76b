//! Rules beyond the schema: facts about GST identities, arithmetic and versions that JSON Schema cannot
//! state. Each rule has a stable kebab-case id, a one-line summary and a default level; a [`RuleSet`] sets
//! the level of each.
//!
//! The validator gathers the values the rules need (as [`Fact`]s) during its single pass, so rules cost
//! no second reading of the document.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use crate::kind::DocumentKind;
use crate::pointer::JsonPointer;
use crate::report::{ErrorKind, Level};

/// The id of the rule that flags a value outside an open enum's known values.
pub const KNOWN_VALUES: &str = "known-values";

/// What a rule's findings are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleLevel {
    /// The rule does not run.
    Allow,
    /// Its findings are warnings.
    Warn,
    /// Its findings are errors.
    Deny,
}

impl RuleLevel {
    /// `allow`, `warn` or `deny`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleLevel::Allow => "allow",
            RuleLevel::Warn => "warn",
            RuleLevel::Deny => "deny",
        }
    }

    /// The level of the rule's findings; `None` when the rule is off.
    pub fn finding_level(self) -> Option<Level> {
        match self {
            RuleLevel::Allow => None,
            RuleLevel::Warn => Some(Level::Warning),
            RuleLevel::Deny => Some(Level::Error),
        }
    }
}

impl fmt::Display for RuleLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RuleLevel {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "allow" => Ok(RuleLevel::Allow),
            "warn" | "warning" => Ok(RuleLevel::Warn),
            "deny" | "error" => Ok(RuleLevel::Deny),
            _ => Err(format!(
                "unknown rule level {s:?}; expected allow, warn or deny"
            )),
        }
    }
}

/// A rule: its stable id, what it checks, and its level unless configured otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable kebab-case id, e.g. `gstin-checksum`.
    pub id: &'static str,
    /// One line saying what the rule checks.
    pub summary: &'static str,
    /// The level the rule has unless configured otherwise.
    pub default_level: RuleLevel,
}

/// Every rule, in the order `--list-rules` prints them.
pub const RULES: &[Rule] = &[Rule {
    id: KNOWN_VALUES,
    summary: "a value of an open list (x-known-values) is one of the known values",
    default_level: RuleLevel::Warn,
}];

/// An id that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        write!(
            f,
            "unknown rule {:?}; the rules are {} (or all)",
            self.0,
            ids.join(", ")
        )
    }
}

impl std::error::Error for UnknownRule {}

/// The level of every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSet {
    levels: BTreeMap<&'static str, RuleLevel>,
}

impl Default for RuleSet {
    /// Every rule at its default level.
    fn default() -> Self {
        RuleSet {
            levels: RULES.iter().map(|r| (r.id, r.default_level)).collect(),
        }
    }
}

impl RuleSet {
    /// Sets one rule's level, or every rule's with the id `all`.
    pub fn set(&mut self, id: &str, level: RuleLevel) -> Result<(), UnknownRule> {
        if id == "all" {
            self.levels.values_mut().for_each(|l| *l = level);
            return Ok(());
        }
        match self.levels.get_mut(id) {
            Some(l) => {
                *l = level;
                Ok(())
            }
            None => Err(UnknownRule(id.to_owned())),
        }
    }

    /// A rule's level (`Allow` for an unknown id).
    pub fn level(&self, id: &str) -> RuleLevel {
        self.levels.get(id).copied().unwrap_or(RuleLevel::Allow)
    }

    /// Whether any rule that needs gathered facts is on.
    pub(crate) fn needs_facts(&self) -> bool {
        RULES
            .iter()
            .any(|r| r.id != KNOWN_VALUES && self.level(r.id) != RuleLevel::Allow)
    }
}

/// A value the rules look at, gathered during validation.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact<'a> {
    /// Where the value is.
    pub pointer: JsonPointer,
    /// The `$defs` name of the object holding it (`supplierDetails`, `item`), or the kind for a root.
    pub def: &'static str,
    /// The member's name (`gstin`, `totalAmt`).
    pub member: &'static str,
    /// The value.
    pub value: FactValue<'a>,
    /// Byte offset of the value in the text.
    pub offset: usize,
}

/// A gathered scalar: a decoded string, or a number's JSON text (exact, for decimal arithmetic).
#[derive(Debug, Clone, PartialEq)]
pub enum FactValue<'a> {
    /// A string, escapes decoded.
    Str(Cow<'a, str>),
    /// A number, as written.
    Num(&'a str),
}

/// A rule's finding before its line and column are known.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RuleFinding {
    pub rule: &'static str,
    pub pointer: JsonPointer,
    pub offset: usize,
    pub message: String,
    pub found: Option<String>,
}

impl RuleFinding {
    pub(crate) fn kind(&self) -> ErrorKind {
        ErrorKind::Rule {
            rule: self.rule,
            message: self.message.clone(),
        }
    }
}

/// Whether some rule needs the value of `member` in objects of definition `def`.
pub(crate) fn wants(_def: &str, _member: &str) -> bool {
    false
}

/// Runs every rule that is on over the gathered facts.
pub(crate) fn check(
    _kind: DocumentKind,
    _facts: &[Fact<'_>],
    _rules: &RuleSet,
) -> Vec<RuleFinding> {
    Vec::new()
}
