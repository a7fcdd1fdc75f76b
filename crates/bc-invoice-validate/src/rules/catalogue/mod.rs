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

use crate::level::Level;
use crate::suggest::closest;

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
            ItemTaxRate => item_tax_rate,
            InvoiceTotals => invoice_totals,
            VersionStep => version_step,
            VersionIncrement => version_increment,
            KnownValues => known_values,
            TimestampPlausible => timestamp_plausible,
            ExportPlaceOfSupply => export_place_of_supply,
            InterStateIgst => inter_state_igst,
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

        /// A rule, one variant per rule, in the order of [`RULES`] (`RULES[id as usize]` is its rule): the one
        /// type that names a rule in the API ([`ErrorKind::Rule`](crate::ErrorKind::Rule),
        /// [`Finding::rule`](crate::Finding::rule), [`RuleSet`](crate::RuleSet)). Its text (`gstin-checksum`)
        /// is [`RuleId::as_str`], written once, in the rule's module; text becomes a `RuleId` only at the
        /// edges (a settings file, the command line, a query), by [`str::parse`].
        ///
        /// Non-exhaustive: a new rule is not a breaking change, so a `match` outside this crate has a `_` arm.
        ///
        /// ```
        /// use bc_invoice_validate::RuleId;
        ///
        /// let id: RuleId = "gstin-checksum".parse()?;
        /// assert_eq!(id, RuleId::GstinChecksum);
        /// assert_eq!(id.as_str(), "gstin-checksum");
        /// let err = "gstin-chksum".parse::<RuleId>().unwrap_err();
        /// assert_eq!(err.suggestion(), Some(RuleId::GstinChecksum));
        /// assert!(err.to_string().starts_with(
        ///     "unknown rule \"gstin-chksum\"; did you mean \"gstin-checksum\"? The rules are gstin-format, "
        /// ));
        /// # Ok::<(), bc_invoice_validate::rules::UnknownRule>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
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
    /// The stable kebab-case id, e.g. `gstin-checksum`: what reports, the command line and settings files
    /// say.
    pub const fn as_str(self) -> &'static str {
        RULES[self as usize].name
    }

    /// The rule this id names.
    pub const fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }
}

impl fmt::Display for RuleId {
    /// The id's text, [`RuleId::as_str`], padded to a width if one is given (`{:20}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

crate::kind::serde_as_text!(RuleId, "id");

impl FromStr for RuleId {
    type Err = UnknownRule;

    /// The rule whose id is `s`, exactly (`gstin-checksum`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::ALL
            .iter()
            .copied()
            .find(|id| id.as_str() == s)
            .ok_or_else(|| UnknownRule {
                name: s.to_owned(),
                suggestion: closest(s, RuleId::ALL.iter().map(|id| id.as_str()))
                    .and_then(|name| RuleId::ALL.iter().copied().find(|id| id.as_str() == name)),
            })
    }
}

/// The error of parsing a [`RuleId`] from a name that is none: the name, and the rule it most likely
/// misspells, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule {
    name: String,
    suggestion: Option<RuleId>,
}

impl UnknownRule {
    /// The name that names no rule.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The rule whose id is close enough to the name to be a likely misspelling of it.
    pub fn suggestion(&self) -> Option<RuleId> {
        self.suggestion
    }
}

impl fmt::Display for UnknownRule {
    /// `unknown rule "gstin-chksum"; did you mean "gstin-checksum"? The rules are gstin-format, …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown rule {:?}; ", self.name)?;
        match self.suggestion {
            Some(meant) => write!(f, "did you mean \"{meant}\"? The rules are ")?,
            None => f.write_str("the rules are ")?,
        }
        let ids: Vec<&str> = RuleId::ALL.iter().map(|id| id.as_str()).collect();
        f.write_str(&ids.join(", "))
    }
}

impl std::error::Error for UnknownRule {}

/// A rule: its stable id, what it checks, how far a value may be off before it is a finding, where the rule
/// comes from, and its level unless configured otherwise.
///
/// `--list-rules`, the rules table of `docs/rules.md` (written from [`RULES`] by a test) and the rules'
/// module documentation say the same. The sources are described in full, with quotations, in
/// `docs/rules-sources.md`.
///
/// Its fields are public to read; it is `#[non_exhaustive]`, so that a later release can say more of a rule
/// without breaking anyone. The rules are [`RULES`], or [`RuleId::rule`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rule {
    /// The rule's id; its text (`gstin-checksum`) is [`RuleId::as_str`].
    pub id: RuleId,
    /// The stable kebab-case text of the id, which [`RuleId::as_str`] returns.
    name: &'static str,
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
        id: RuleId,
        name: &'static str,
        summary: &'static str,
        tolerance: &'static str,
        source: &'static str,
    ) -> Rule {
        Rule {
            id,
            name,
            summary,
            tolerance,
            source,
            default_level: RuleLevel::Warn,
        }
    }
}

/// What a rule's findings are. `#[non_exhaustive]`: a later release may add a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
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

crate::kind::serde_as_text!(RuleLevel, "level");

impl FromStr for RuleLevel {
    type Err = UnknownLevel;

    /// `allow`, `warn` (or `warning`), `deny` (or `error`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "allow" => Ok(RuleLevel::Allow),
            "warn" | "warning" => Ok(RuleLevel::Warn),
            "deny" | "error" => Ok(RuleLevel::Deny),
            _ => Err(UnknownLevel { name: s.to_owned() }),
        }
    }
}

/// The error of parsing a [`RuleLevel`] from a name that is none.
///
/// ```
/// use bc_invoice_validate::RuleLevel;
///
/// assert_eq!("error".parse::<RuleLevel>(), Ok(RuleLevel::Deny));
/// let err = "loud".parse::<RuleLevel>().unwrap_err();
/// assert_eq!(err.name(), "loud");
/// assert_eq!(err.to_string(), "unknown rule level \"loud\"; expected allow, warn or deny");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLevel {
    name: String,
}

impl UnknownLevel {
    /// The name that names no level.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for UnknownLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown rule level {:?}; expected allow, warn or deny",
            self.name
        )
    }
}

impl std::error::Error for UnknownLevel {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ids_index_the_catalogue() {
        assert_eq!(RULES.len(), RuleId::ALL.len());
        for (index, &id) in RuleId::ALL.iter().enumerate() {
            assert_eq!(id as usize, index);
            assert_eq!(RULES[index].id, id);
            assert_eq!(id.rule().name, id.to_string());
            assert_eq!(id.as_str().parse::<RuleId>(), Ok(id));
            assert_eq!(format!("{id:>30}").trim_start(), id.as_str());
            assert_eq!(format!("{id:30}").len(), 30.max(id.as_str().len()));
        }
    }

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id.as_str()).collect();
        assert!(
            ids.iter()
                .all(|id| id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        );
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
    }

    #[test]
    fn an_unknown_name_is_an_error_with_the_likely_rule() {
        let all: Vec<&str> = RuleId::ALL.iter().map(|id| id.as_str()).collect();
        let all = all.join(", ");
        let err = "gstin-checksums".parse::<RuleId>().unwrap_err();
        assert_eq!(err.name(), "gstin-checksums");
        assert_eq!(err.suggestion(), Some(RuleId::GstinChecksum));
        assert_eq!(
            err.to_string(),
            format!(
                "unknown rule \"gstin-checksums\"; did you mean \"gstin-checksum\"? The rules are {all}"
            )
        );
        let err = "all".parse::<RuleId>().unwrap_err();
        assert_eq!(err.suggestion(), None);
        assert_eq!(
            err.to_string(),
            format!("unknown rule \"all\"; the rules are {all}")
        );
        // Only the exact id: no case folding, no surrounding space.
        assert!("Pincode".parse::<RuleId>().is_err());
        assert!(" pincode".parse::<RuleId>().is_err());
    }

    /// A name of a mebibyte (a rule id from a settings file, a query or a Python argument) is refused in
    /// the time of its length: the suggestion's Jaro-Winkler against every rule's id took about 0.4 µs a
    /// byte in a release build (1.1 s for a settings file's 1 MB id) and 14 s here, for a name over ten
    /// times every id's length, which it cannot find close.
    #[test]
    fn a_very_long_name_is_refused_in_the_time_of_its_length() {
        let long = "x".repeat(1 << 20);
        let started = std::time::Instant::now();
        let err = long.parse::<RuleId>().unwrap_err();
        assert_eq!(err.suggestion(), None);
        let err = long.to_uppercase().parse::<RuleId>().unwrap_err();
        assert_eq!(err.suggestion(), None);
        let took = started.elapsed();
        assert!(took < std::time::Duration::from_secs(2), "took {took:?}");
        let err = format!("pincode{}", "-".repeat(1 << 20))
            .parse::<RuleId>()
            .unwrap_err();
        assert_eq!(err.suggestion(), None);
    }

    #[test]
    fn levels_parse_with_their_aliases() {
        for (text, level) in [
            ("allow", RuleLevel::Allow),
            ("warn", RuleLevel::Warn),
            ("warning", RuleLevel::Warn),
            ("deny", RuleLevel::Deny),
            ("error", RuleLevel::Deny),
        ] {
            assert_eq!(text.parse::<RuleLevel>(), Ok(level));
        }
        let err = "Deny".parse::<RuleLevel>().unwrap_err();
        assert_eq!(err.name(), "Deny");
        assert_eq!(
            err.to_string(),
            "unknown rule level \"Deny\"; expected allow, warn or deny"
        );
    }
}
