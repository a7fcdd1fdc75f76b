//! The rule catalogue: one module per rule, each holding the rule's id, summary, default level, tolerance
//! and source ([`Rule`]), its documentation, its check (the hooks it implements) and its tests. The list
//! below registers each module with one line; [`RuleId`], [`RULES`] and the checker's dispatch are made from
//! it, so a rule's id is written once, in its module.
//!
//! A rule a primary source states warns by default (`warn`), so the schema alone decides validity unless
//! configured otherwise; a convention no source states is off (`allow`), for a project that keeps it to turn
//! on. Where each rule comes from is quoted in `docs/rules-sources.md`; `docs/rules.md`'s table is written
//! from [`RULES`].

use std::fmt;
use std::str::FromStr;

use crate::report::Level;

/// The rules, in the order `--list-rules` prints them: one line each, `Variant => module`. The checker's
/// dispatch and the catalogue below are both made from this list (`for_each_rule!(callback)` calls
/// `callback!` with it).
macro_rules! for_each_rule {
    ($callback:ident) => {
        $callback! {
            GstinFormat => gstin_format,
            GstinChecksum => gstin_checksum,
            GstinState => gstin_state,
            StateCode => state_code,
            Pincode => pincode,
            Ifsc => ifsc,
            HsnCode => hsn_code,
            Email => email,
            Phone => phone,
            ObjectIdPrefix => object_id_prefix,
            ItemAmounts => item_amounts,
            InvoiceTotals => invoice_totals,
            VersionStep => version_step,
            VersionIncrement => version_increment,
            KnownValues => known_values,
            TimestampPlausible => timestamp_plausible,
            ExportPlaceOfSupply => export_place_of_supply,
            SelfSupply => self_supply,
            GstRateNotified => gst_rate_notified,
            PincodeState => pincode_state,
            RejectOffplatformOnly => reject_offplatform_only,
            PaymentParts => payment_parts,
            PaymentTotal => payment_total,
            PaymentSplits => payment_splits,
            PaymentCurrency => payment_currency,
            PaymentDue => payment_due,
            PaymentDuplicateInvoice => payment_duplicate_invoice,
            PaymentNetPaid => payment_net_paid,
            PaymentNetAdjustment => payment_net_adjustment,
            ReceivedUnknownMember => received_unknown_member,
        }
    };
}
pub(crate) use for_each_rule;

/// Declares the rule modules, [`RuleId`] and [`RULES`] from the list of [`for_each_rule!`].
macro_rules! define_catalogue {
    ($($variant:ident => $module:ident,)*) => {
        $(pub mod $module;)*

        /// A rule's id, one variant per rule, in the order of [`RULES`] (`RULES[id as usize]` is its rule).
        /// Its text (`gstin-checksum`) is [`RuleId::as_str`], written once, in the rule's module.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId {
            $(
                #[doc = concat!("The rule of [`", stringify!($module), "`].")]
                $variant,
            )*
        }

        impl RuleId {
            /// Every rule id, in the order of [`RULES`].
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];
        }

        /// Every rule, in the order `--list-rules` prints them.
        pub const RULES: &[Rule] = &[$($module::RULE,)*];
    };
}
for_each_rule!(define_catalogue);

impl RuleId {
    /// The stable kebab-case id, e.g. `gstin-checksum`.
    pub const fn as_str(self) -> &'static str {
        RULES[self as usize].id
    }

    /// The rule this id names.
    pub const fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule: its stable id, what it checks, how far a value may be off before it is a finding, where the rule
/// comes from, and its level unless configured otherwise.
///
/// `--list-rules`, the rules table of `docs/rules.md` (written from [`RULES`] by a test) and the rules'
/// module documentation say the same. The sources are described in full, with quotations, in
/// `docs/rules-sources.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable kebab-case id, e.g. `gstin-checksum`.
    pub id: &'static str,
    /// One line saying what the rule checks.
    pub summary: &'static str,
    /// How far a value may be from what the rule expects and draw no finding, as a number.
    pub tolerance: &'static str,
    /// The primary source the rule is derived from (the keys of `docs/rules-sources.md`).
    pub source: &'static str,
    /// The level the rule has unless configured otherwise: `warn` for a rule a primary source states,
    /// `allow` for a convention, which a project turns on if it keeps it.
    pub default_level: RuleLevel,
}

impl Rule {
    /// A rule a primary source states: it warns by default.
    pub(crate) const fn warn(
        id: &'static str,
        summary: &'static str,
        tolerance: &'static str,
        source: &'static str,
    ) -> Rule {
        Rule {
            id,
            summary,
            tolerance,
            source,
            default_level: RuleLevel::Warn,
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ids_index_the_catalogue() {
        assert_eq!(RULES.len(), RuleId::ALL.len());
        for (index, &id) in RuleId::ALL.iter().enumerate() {
            assert_eq!(id as usize, index);
            assert_eq!(RULES[index].id, id.as_str());
            assert_eq!(id.rule().id, id.to_string());
        }
    }

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        assert!(
            ids.iter()
                .all(|id| id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        );
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }
}
