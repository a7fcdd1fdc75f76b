//! The [`RuleSet`]: the level each rule runs at, and the clock `timestamp-plausible` reads.

use std::fmt;
use std::time::SystemTime;

use super::catalogue::{RULES, Rule, RuleId, RuleLevel};

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

/// The level of every rule, and the clock `timestamp-plausible` reads.
///
/// ```
/// use bc_invoice_validate::rules::UnknownRule;
/// use bc_invoice_validate::{RuleLevel, RuleSet, Validator};
///
/// let text = br#"{
///   "device": {"tag": {"name": "GEOCODE", "value": "19.1136,72.8697"}},
///   "b2bIds": {"buyerB2BId": "BCB2B29AABCS7314M", "supplierB2BId": "BCB2B27AAKCK4821P"},
///   "invoiceStatus": {"objectId": "NNV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c", "supplierAction": "CANCEL"}
/// }"#;
/// let mut rules = RuleSet::default();
/// rules.set("object-id-prefix", RuleLevel::Deny)?;
/// rules.set("timestamp-plausible", RuleLevel::Allow)?;
/// let report = Validator::new().rules(rules).validate(None, text);
/// assert!(!report.is_valid());
/// assert_eq!(report.errors[0].rule(), Some("object-id-prefix"));
/// assert_eq!(
///     report.errors[0].to_string(),
///     "/invoiceStatus/objectId: objectId \"NNV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c\" starts with NNV, \
///      not the literal INV (line 4, column 33)"
/// );
/// Ok::<(), UnknownRule>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSet {
    /// The level of each rule, in the order of [`RULES`]: no allocation and no lookup by name on the
    /// path of every validation.
    levels: [RuleLevel; RULES.len()],
    now: Option<SystemTime>,
}

impl Default for RuleSet {
    /// Every rule at its default level.
    fn default() -> Self {
        let mut levels = [RuleLevel::Allow; RULES.len()];
        for (level, rule) in levels.iter_mut().zip(RULES) {
            *level = rule.default_level;
        }
        RuleSet { levels, now: None }
    }
}

impl RuleSet {
    /// Sets one rule's level, or every rule's with the id `all`.
    pub fn set(&mut self, id: &str, level: RuleLevel) -> Result<(), UnknownRule> {
        if id == "all" {
            self.levels = [level; RULES.len()];
            return Ok(());
        }
        match RULES.iter().position(|r| r.id == id) {
            Some(index) => {
                self.levels[index] = level;
                Ok(())
            }
            None => Err(UnknownRule(id.to_owned())),
        }
    }

    /// A rule's level (`Allow` for an unknown id).
    pub fn level(&self, id: &str) -> RuleLevel {
        RULES
            .iter()
            .position(|r| r.id == id)
            .map_or(RuleLevel::Allow, |index| self.levels[index])
    }

    /// Every rule with its level, in the order of [`RULES`].
    pub fn iter(&self) -> impl Iterator<Item = (&'static Rule, RuleLevel)> + '_ {
        RULES.iter().zip(self.levels.iter().copied())
    }

    /// Measures "the future" for `timestamp-plausible` from this instant rather than from the system clock
    /// at validation time, so that a test or a replay of old documents gets the same findings every time.
    #[must_use]
    pub fn now(mut self, now: SystemTime) -> Self {
        self.now = Some(now);
        self
    }

    /// A rule's level, by id: an index, no lookup.
    pub fn level_of(&self, id: RuleId) -> RuleLevel {
        self.levels[id as usize]
    }

    /// The instant `timestamp-plausible` measures "the future" from, if set (see [`RuleSet::now`]).
    pub(crate) fn fixed_now(&self) -> Option<SystemTime> {
        self.now
    }

    /// Whether any rule is on: every rule reads gathered facts, `known-values` too (a state name is
    /// checked within its party).
    pub(crate) fn needs_facts(&self) -> bool {
        self.levels.iter().any(|level| *level != RuleLevel::Allow)
    }
}
