//! The [`RuleSet`]: the level each rule runs at, and the clock `timestamp-plausible` reads.

use std::time::SystemTime;

use super::catalogue::{RULES, Rule, RuleId, RuleLevel};

/// The level of every rule, and the clock `timestamp-plausible` reads.
///
/// ```
/// use bc_invoice_validate::rules::UnknownRule;
/// use bc_invoice_validate::{RuleId, RuleLevel, RuleSet, Validator};
///
/// let text = br#"{
///   "device": {"tag": {"name": "GEOCODE", "value": "19.1136,72.8697"}},
///   "b2bIds": {"buyerB2BId": "BCB2B29AABCS7314M", "supplierB2BId": "BCB2B27AAKCK4821P"},
///   "invoiceStatus": {"objectId": "NNV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c", "supplierAction": "CANCEL"}
/// }"#;
/// let mut rules = RuleSet::default();
/// rules.set(RuleId::ObjectIdPrefix, RuleLevel::Deny);
/// // A rule named by text (a settings file, a flag) is parsed where the text comes in.
/// rules.set("timestamp-plausible".parse::<RuleId>()?, RuleLevel::Allow);
/// assert_eq!(rules.level(RuleId::TimestampPlausible), RuleLevel::Allow);
/// let report = Validator::new().rules(rules).validate(None, text);
/// assert!(!report.is_valid());
/// assert_eq!(report.errors[0].rule(), Some(RuleId::ObjectIdPrefix));
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
    /// Sets one rule's level.
    pub fn set(&mut self, id: RuleId, level: RuleLevel) {
        self.levels[id as usize] = level;
    }

    /// The set with one rule's level changed, for building a set in one expression:
    ///
    /// ```
    /// use bc_invoice_validate::{RuleId, RuleLevel, RuleSet, Validator};
    ///
    /// let validator = Validator::new().rules(
    ///     RuleSet::default()
    ///         .with(RuleId::PaymentCurrency, RuleLevel::Warn)
    ///         .with(RuleId::GstinChecksum, RuleLevel::Deny),
    /// );
    /// assert_eq!(validator.rule_set().level(RuleId::GstinChecksum), RuleLevel::Deny);
    /// assert_eq!(validator.rule_set().level(RuleId::PaymentCurrency), RuleLevel::Warn);
    /// ```
    #[must_use]
    pub fn with(mut self, id: RuleId, level: RuleLevel) -> Self {
        self.set(id, level);
        self
    }

    /// Sets every rule's level.
    pub fn set_all(&mut self, level: RuleLevel) {
        self.levels = [level; RULES.len()];
    }

    /// A rule's level: an index, no lookup.
    pub fn level(&self, id: RuleId) -> RuleLevel {
        self.levels[id as usize]
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

    /// The instant `timestamp-plausible` measures "the future" from, if set (see [`RuleSet::now`]).
    pub(crate) fn fixed_now(&self) -> Option<SystemTime> {
        self.now
    }

    /// Whether any rule that reads the gathered facts is on: every rule but `received-unknown-member`,
    /// which the walk applies itself (`known-values` reads them too: a state name is checked within its
    /// party). With only that one on, the walk hands over no facts.
    pub(crate) fn needs_facts(&self) -> bool {
        RULES.iter().zip(&self.levels).any(|(rule, level)| {
            *level != RuleLevel::Allow && rule.id != RuleId::ReceivedUnknownMember
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_facts_are_gathered_for_every_rule_that_reads_them() {
        let mut rules = RuleSet::default();
        assert!(rules.needs_facts());
        rules.set_all(RuleLevel::Allow);
        assert!(!rules.needs_facts());
        // The walk applies received-unknown-member itself: alone, it needs no facts.
        rules.set(RuleId::ReceivedUnknownMember, RuleLevel::Deny);
        assert!(!rules.needs_facts());
        for rule in RULES
            .iter()
            .filter(|rule| rule.id != RuleId::ReceivedUnknownMember)
        {
            let mut one = rules.clone();
            one.set(rule.id, RuleLevel::Warn);
            assert!(one.needs_facts(), "{}", rule.id);
        }
    }
}
