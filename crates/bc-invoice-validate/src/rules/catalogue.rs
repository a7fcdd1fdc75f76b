//! The rule catalogue: every rule's id, summary and default level, and the [`RuleSet`] of levels a
//! validation runs with.

use std::fmt;
use std::str::FromStr;
use std::time::SystemTime;

use crate::report::Level;

/// The id of the rule that flags a value outside an open enum's known values.
pub const KNOWN_VALUES: &str = RuleId::KnownValues.as_str();

/// A rule's id, one variant per rule, in the order of [`RULES`] (`RULES[id as usize]` is its rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleId {
    /// `gstin-format`: see [`GSTIN_FORMAT`].
    GstinFormat,
    /// `gstin-checksum`: see [`GSTIN_CHECKSUM`].
    GstinChecksum,
    /// `gstin-state`: see [`GSTIN_STATE`].
    GstinState,
    /// `state-code`: see [`STATE_CODE`].
    StateCode,
    /// `pincode`: see [`PINCODE`].
    Pincode,
    /// `ifsc`: see [`IFSC`].
    Ifsc,
    /// `hsn-code`: see [`HSN_CODE`].
    HsnCode,
    /// `email`: see [`EMAIL`].
    Email,
    /// `phone`: see [`PHONE`].
    Phone,
    /// `object-id-prefix`: see [`OBJECT_ID_PREFIX`].
    ObjectIdPrefix,
    /// `item-amounts`: see [`ITEM_AMOUNTS`].
    ItemAmounts,
    /// `invoice-totals`: see [`INVOICE_TOTALS`].
    InvoiceTotals,
    /// `version-step`: see [`VERSION_STEP`].
    VersionStep,
    /// `known-values`: see [`KNOWN_VALUES`].
    KnownValues,
    /// `timestamp-plausible`: see [`TIMESTAMP_PLAUSIBLE`].
    TimestampPlausible,
}

impl RuleId {
    /// Every rule id, in the order of [`RULES`].
    pub const ALL: [RuleId; 15] = [
        RuleId::GstinFormat,
        RuleId::GstinChecksum,
        RuleId::GstinState,
        RuleId::StateCode,
        RuleId::Pincode,
        RuleId::Ifsc,
        RuleId::HsnCode,
        RuleId::Email,
        RuleId::Phone,
        RuleId::ObjectIdPrefix,
        RuleId::ItemAmounts,
        RuleId::InvoiceTotals,
        RuleId::VersionStep,
        RuleId::KnownValues,
        RuleId::TimestampPlausible,
    ];

    /// The stable kebab-case id, e.g. `gstin-checksum`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RuleId::GstinFormat => "gstin-format",
            RuleId::GstinChecksum => "gstin-checksum",
            RuleId::GstinState => "gstin-state",
            RuleId::StateCode => "state-code",
            RuleId::Pincode => "pincode",
            RuleId::Ifsc => "ifsc",
            RuleId::HsnCode => "hsn-code",
            RuleId::Email => "email",
            RuleId::Phone => "phone",
            RuleId::ObjectIdPrefix => "object-id-prefix",
            RuleId::ItemAmounts => "item-amounts",
            RuleId::InvoiceTotals => "invoice-totals",
            RuleId::VersionStep => "version-step",
            RuleId::KnownValues => "known-values",
            RuleId::TimestampPlausible => "timestamp-plausible",
        }
    }

    /// The rule this id names.
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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

/// Every GSTIN member (supplier, buyer, dispatch, shipping, and `transactionDetails.ecommerceGstin`) has
/// the GSTIN's 15-character structure: a two-digit state code, a PAN (five letters, four digits, a letter),
/// an entity number (1-9 or A-Z), a letter that is `Z` by default, and a check character.
///
/// Source: domain notes, § GSTIN. The buyer's and the shipping party's GSTIN may also be `URP`
/// (unregistered person), as the GST e-invoice schema (INV-01) writes it for exports. GSTINs of UN bodies,
/// non-resident online service providers and tax deductors have other structures and are flagged.
pub const GSTIN_FORMAT: &str = RuleId::GstinFormat.as_str();

/// A well-formed GSTIN ends with the character the Luhn mod-36 algorithm gives for its first 14
/// (`27AAPFU0939F1ZV`, not `27AAPFU0939F1ZO`).
///
/// Source: domain notes, § GSTIN, with its test vectors. Sandbox and sample data often fail it, which is
/// why it warns by default.
pub const GSTIN_CHECKSUM: &str = RuleId::GstinChecksum.as_str();

/// A well-formed GSTIN starts with the GST state code of a state or territory that registers taxpayers
/// (not 96, nor the historical 25 and 28), and that code is the same party's `stateCode`.
///
/// Source: domain notes, § GSTIN (the first two characters are the state code) and § GST state codes.
/// The finding points at the `stateCode` that differs: the GSTIN is the registration it is derived from.
pub const GSTIN_STATE: &str = RuleId::GstinState.as_str();

/// `stateCode` and `placeOfSupply` are two-digit GST state codes, and a party's `address.state` names the
/// state of its `stateCode`.
///
/// Source: the GST state code list (domain notes, § GST state codes), and the state names of the schema's
/// `$defs/state` known values. 96 (outside India) is accepted in both members: the GST e-invoice schema
/// gives a foreign buyer 96 as its state code as well as its place of supply. 97 (other territory) is a
/// state code. 25 (Daman and Diu before the 2020 merger into 26) and 28 (Andhra Pradesh before the 2014
/// division; 37 now) are historical and flagged, with the code that replaced them. An `address.state`
/// outside the known names is the `known-values` rule's finding, not this one's.
pub const STATE_CODE: &str = RuleId::StateCode.as_str();

/// `address.pincode` is six digits, 100000 to 999999.
///
/// Source: the GST e-invoice schema INV-01 (domain notes, § GST e-invoice schema).
pub const PINCODE: &str = RuleId::Pincode.as_str();

/// `supplierBankAccountDetails.ifsc` is four upper-case letters, a zero and six upper-case letters or
/// digits (`^[A-Z]{4}0[A-Z0-9]{6}$`).
///
/// Source: the community convention in the domain notes, § GST e-invoice schema.
pub const IFSC: &str = RuleId::Ifsc.as_str();

/// An item's `hsnCode` is 4, 6 or 8 digits, not all zeros.
///
/// Source: the GST e-invoice schema INV-01 (domain notes, § GST e-invoice schema).
pub const HSN_CODE: &str = RuleId::HsnCode.as_str();

/// A party's `email` matches `^[a-zA-Z0-9+_.-]+@[a-zA-Z0-9.-]+$`.
///
/// Source: the GST e-invoice schema INV-01 (domain notes, § GST e-invoice schema).
pub const EMAIL: &str = RuleId::Email.as_str();

/// `contactNumber.phoneNumber` is 6 to 12 digits (the country code goes in `countryCode`).
///
/// Source: the GST e-invoice schema INV-01 (domain notes, § GST e-invoice schema).
pub const PHONE: &str = RuleId::Phone.as_str();

/// An `objectId` that matches the documented `^[INV]{3}[A-Za-z0-9]{32,32}$` starts with the literal `INV`,
/// as the documentation describes it; the pattern's character class also lets `NNV…` or `VII…` through. An
/// id the pattern refuses is the schema's finding, not this rule's.
///
/// Source: domain notes, § Reading the documented patterns.
pub const OBJECT_ID_PREFIX: &str = RuleId::ObjectIdPrefix.as_str();

/// An item's `totalAmt` equals `quantity` × `unitPrice` rounded half-up to the paisa (two decimals), and its
/// `totalItemValue` is not below its `assessmentAmount`. Exact decimal arithmetic on the numbers as
/// written; a check is skipped when a member it needs is missing or not a number.
///
/// Source: the GST e-invoice schema INV-01, whose `TotAmt` is `Qty` × `UnitPrice` and whose `TotItemVal` is
/// `AssAmt` plus taxes (domain notes, § GST e-invoice schema); the schema's descriptions of the members.
pub const ITEM_AMOUNTS: &str = RuleId::ItemAmounts.as_str();

/// `valueDetails.assessmentValue` equals the sum of the items' `assessmentAmount`, and
/// `valueDetails.totalInvoiceValue` is not below the sum of the items' `totalItemValue` less a rounding
/// allowance of one rupee. An item without the member counts as zero; when an item's member is not a number,
/// the sum is unknown and the check is skipped.
///
/// Source: the GST e-invoice schema INV-01 (`AssVal` is the sum of `AssAmt`; `TotInvVal` the sum of
/// `TotItemVal` with charges, discount and round-off), and the schema's description of `assessmentValue`.
pub const INVOICE_TOTALS: &str = RuleId::InvoiceTotals.as_str();

/// `objectVersion.newVersion` is never below `currentVersion`, and an edit raises it by exactly one.
///
/// The edit check needs the kind `edit-invoice` named explicitly: detection cannot tell an edit body from a
/// create body and says `create-invoice`.
///
/// Source: the API documentation (the edit request carries the new version in `invoice.objectVersion`).
pub const VERSION_STEP: &str = RuleId::VersionStep.as_str();

/// `invoice.ts` is not before 2017-07-01T00:00:00+05:30, when GST began, and not more than a day after
/// the time of validation (see [`RuleSet::now`]). A `ts` that is not an RFC 3339 date-time is the schema's
/// finding, not this rule's.
///
/// Source: the Central Goods and Services Tax Act, 2017, in force from 1 July 2017; the documentation
/// describes `ts` as the time the invoice was created.
pub const TIMESTAMP_PLAUSIBLE: &str = RuleId::TimestampPlausible.as_str();

/// Every rule, in the order `--list-rules` prints them.
pub const RULES: &[Rule] = &[
    rule(
        GSTIN_FORMAT,
        "every GSTIN has the 15-character structure: state code, PAN, entity number, Z by default, check character",
    ),
    rule(
        GSTIN_CHECKSUM,
        "every GSTIN ends with its mod-36 check character",
    ),
    rule(
        GSTIN_STATE,
        "a GSTIN starts with a GST state code, the same as its party's stateCode",
    ),
    rule(
        STATE_CODE,
        "stateCode and placeOfSupply are GST state codes, and address.state names the party's state",
    ),
    rule(PINCODE, "a pincode is six digits, 100000 to 999999"),
    rule(
        IFSC,
        "an IFSC is four letters, a zero and six letters or digits",
    ),
    rule(HSN_CODE, "an HSN code is 4, 6 or 8 digits, not all zeros"),
    rule(EMAIL, "an e-mail address matches the GST e-invoice pattern"),
    rule(PHONE, "a phone number is 6 to 12 digits"),
    rule(OBJECT_ID_PREFIX, "an objectId starts with the literal INV"),
    rule(
        ITEM_AMOUNTS,
        "an item's totalAmt is quantity × unitPrice to the paisa, and totalItemValue is not below assessmentAmount",
    ),
    rule(
        INVOICE_TOTALS,
        "assessmentValue is the sum of the items' assessmentAmount; totalInvoiceValue is not below the sum of their totalItemValue less 1.00",
    ),
    rule(
        VERSION_STEP,
        "newVersion is not below currentVersion, and an edit raises it by one",
    ),
    rule(
        KNOWN_VALUES,
        "a value of an open list (x-known-values) is one of the known values",
    ),
    rule(
        TIMESTAMP_PLAUSIBLE,
        "ts is not before 2017-07-01 (GST began) nor more than a day in the future",
    ),
];

/// A rule that warns by default: the schema alone decides validity unless configured otherwise.
const fn rule(id: &'static str, summary: &'static str) -> Rule {
    Rule {
        id,
        summary,
        default_level: RuleLevel::Warn,
    }
}

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

    /// Whether any rule that needs gathered facts is on.
    pub(crate) fn needs_facts(&self) -> bool {
        self.iter()
            .any(|(r, level)| r.id != KNOWN_VALUES && level != RuleLevel::Allow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ids_index_the_catalogue() {
        assert_eq!(RULES.len(), RuleId::ALL.len());
        for (index, id) in RuleId::ALL.into_iter().enumerate() {
            assert_eq!(id as usize, index);
            assert_eq!(RULES[index].id, id.as_str());
            assert_eq!(id.rule().id, id.to_string());
        }
    }
}
