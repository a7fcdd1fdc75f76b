//! Rules beyond the schema: facts about GST identities, arithmetic and versions that JSON Schema cannot
//! state. Each rule has a stable kebab-case id, a one-line summary and a default level; a [`RuleSet`] sets
//! the level of each.
//!
//! The validator hands the rules the values they need during its single pass, one party or item at a
//! time, so rules cost no second reading of the document and no memory that grows with it.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use rust_decimal::Decimal;

use crate::engine::shorten;
use crate::engine::{FactPath, Segment};
use crate::kind::DocumentKind;
use crate::pointer::JsonPointer;
use crate::report::{ErrorKind, Level};
use crate::schema::Prop;

mod amounts;
mod formats;
mod gstin;
mod states;
mod timestamp;

use states::StateCode;

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

/// Every GSTIN member (supplier, buyer, dispatch, shipping, and `transactionDetails.ecommerceGstin`) has
/// the GSTIN's 15-character structure: a two-digit state code, a PAN (five letters, four digits, a letter),
/// an entity number (1-9 or A-Z), a letter that is `Z` by default, and a check character.
///
/// Source: domain notes, § GSTIN. The buyer's and the shipping party's GSTIN may also be `URP`
/// (unregistered person), as the GST e-invoice schema (INV-01) writes it for exports. GSTINs of UN bodies,
/// non-resident online service providers and tax deductors have other structures and are flagged.
pub const GSTIN_FORMAT: &str = "gstin-format";

/// A well-formed GSTIN ends with the character the Luhn mod-36 algorithm gives for its first 14
/// (`27AAPFU0939F1ZV`, not `27AAPFU0939F1ZO`).
///
/// Source: domain notes, § GSTIN, with its test vectors. Sandbox and sample data often fail it, which is
/// why it warns by default.
pub const GSTIN_CHECKSUM: &str = "gstin-checksum";

/// A well-formed GSTIN starts with the GST state code of a state or territory that registers taxpayers
/// (not 96, nor the historical 25 and 28), and that code is the same party's `stateCode`.
///
/// Source: domain notes, § GSTIN (the first two characters are the state code) and § GST state codes.
/// The finding points at the `stateCode` that differs: the GSTIN is the registration it is derived from.
pub const GSTIN_STATE: &str = "gstin-state";

/// `stateCode` and `placeOfSupply` are two-digit GST state codes, and a party's `address.state` names the
/// state of its `stateCode`.
///
/// Source: the GST state code list (domain notes, § GST state codes), and the state names of the schema's
/// `$defs/state` known values. 96 (outside India) is accepted in both members: the GST e-invoice schema
/// gives a foreign buyer 96 as its state code as well as its place of supply. 97 (other territory) is a
/// state code. 25 (Daman and Diu before the 2020 merger into 26) and 28 (Andhra Pradesh before the 2014
/// division; 37 now) are historical and flagged, with the code that replaced them. An `address.state`
/// outside the known names is the `known-values` rule's finding, not this one's.
pub const STATE_CODE: &str = "state-code";

/// `address.pincode` is six digits, 100000 to 999999.
///
/// Source: the GST e-invoice schema INV-01 (domain notes, § GST e-invoice schema).
pub const PINCODE: &str = "pincode";

/// `supplierBankAccountDetails.ifsc` is four upper-case letters, a zero and six upper-case letters or
/// digits (`^[A-Z]{4}0[A-Z0-9]{6}$`).
///
/// Source: the community convention in the domain notes, § GST e-invoice schema.
pub const IFSC: &str = "ifsc";

/// An item's `hsnCode` is 4, 6 or 8 digits, not all zeros.
///
/// Source: the GST e-invoice schema INV-01 (domain notes, § GST e-invoice schema).
pub const HSN_CODE: &str = "hsn-code";

/// A party's `email` matches `^[a-zA-Z0-9+_.-]+@[a-zA-Z0-9.-]+$`.
///
/// Source: the GST e-invoice schema INV-01 (domain notes, § GST e-invoice schema).
pub const EMAIL: &str = "email";

/// `contactNumber.phoneNumber` is 6 to 12 digits (the country code goes in `countryCode`).
///
/// Source: the GST e-invoice schema INV-01 (domain notes, § GST e-invoice schema).
pub const PHONE: &str = "phone";

/// An `objectId` that matches the documented `^[INV]{3}[A-Za-z0-9]{32,32}$` starts with the literal `INV`,
/// as the documentation describes it; the pattern's character class also lets `NNV…` or `VII…` through. An
/// id the pattern refuses is the schema's finding, not this rule's.
///
/// Source: domain notes, § Reading the documented patterns.
pub const OBJECT_ID_PREFIX: &str = "object-id-prefix";

/// An item's `totalAmt` equals `quantity` × `unitPrice` rounded half-up to the paisa (two decimals), and its
/// `totalItemValue` is not below its `assessmentAmount`. Exact decimal arithmetic on the numbers as
/// written; a check is skipped when a member it needs is missing or not a number.
///
/// Source: the GST e-invoice schema INV-01, whose `TotAmt` is `Qty` × `UnitPrice` and whose `TotItemVal` is
/// `AssAmt` plus taxes (domain notes, § GST e-invoice schema); the schema's descriptions of the members.
pub const ITEM_AMOUNTS: &str = "item-amounts";

/// `valueDetails.assessmentValue` equals the sum of the items' `assessmentAmount`, and
/// `valueDetails.totalInvoiceValue` is not below the sum of the items' `totalItemValue` less a rounding
/// allowance of one rupee. An item without the member counts as zero; when an item's member is not a number,
/// the sum is unknown and the check is skipped.
///
/// Source: the GST e-invoice schema INV-01 (`AssVal` is the sum of `AssAmt`; `TotInvVal` the sum of
/// `TotItemVal` with charges, discount and round-off), and the schema's description of `assessmentValue`.
pub const INVOICE_TOTALS: &str = "invoice-totals";

/// `objectVersion.newVersion` is never below `currentVersion`, and an edit raises it by exactly one.
///
/// The edit check needs the kind `edit-invoice` named explicitly: detection cannot tell an edit body from a
/// create body and says `create-invoice`.
///
/// Source: the API documentation (the edit request carries the new version in `invoice.objectVersion`).
pub const VERSION_STEP: &str = "version-step";

/// `invoice.ts` is not before 2017-07-01T00:00:00+05:30, when GST began, and not more than a day after
/// the time of validation (see [`RuleSet::now`]). A `ts` that is not an RFC 3339 date-time is the schema's
/// finding, not this rule's.
///
/// Source: the Central Goods and Services Tax Act, 2017, in force from 1 July 2017; the documentation
/// describes `ts` as the time the invoice was created.
pub const TIMESTAMP_PLAUSIBLE: &str = "timestamp-plausible";

/// The day into the future a `ts` may be, for clocks that disagree: 24 hours, in seconds.
const FUTURE_ALLOWANCE: i64 = 86_400;

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

/// The one-line summary of the rule with this id.
pub(crate) fn summary(id: &str) -> Option<&'static str> {
    RULES.iter().find(|r| r.id == id).map(|r| r.summary)
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

    /// Whether any rule that needs gathered facts is on.
    pub(crate) fn needs_facts(&self) -> bool {
        self.iter()
            .any(|(r, level)| r.id != KNOWN_VALUES && level != RuleLevel::Allow)
    }
}

/// A value the rules look at, gathered during validation.
#[derive(Debug, Clone)]
pub(crate) struct Fact<'a> {
    /// What the member is to the rules.
    pub role: Role,
    /// The member.
    pub prop: &'static Prop,
    /// The value's JSON text as written: a number, or a string with its quotes and escapes.
    pub raw: &'a str,
    /// Byte offset of the value in the text.
    pub offset: usize,
    /// Where the value is.
    pub path: FactPath,
}

impl<'a> Fact<'a> {
    /// The member's name (`gstin`, `totalAmt`).
    pub fn member(&self) -> &'static str {
        self.prop.name
    }

    /// The value: a string with its escapes decoded (the engine has already refused any that cannot be),
    /// or a number's text.
    pub fn value(&self) -> FactValue<'a> {
        match self.raw.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
            Some(inner) if inner.contains('\\') => FactValue::Str(Cow::Owned(
                crate::engine::decode_escapes(inner).unwrap_or_else(|_| inner.to_owned()),
            )),
            Some(inner) => FactValue::Str(Cow::Borrowed(inner)),
            None => FactValue::Num(self.raw),
        }
    }
}

/// A gathered scalar: a decoded string, or a number's JSON text (exact, for decimal arithmetic).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FactValue<'a> {
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

/// What a gathered member is to the rules. Decided once per schema member when the schema is compiled,
/// so that dispatching a value costs a jump on a one-byte tag, not a chain of string comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A party's `gstin`; `unregistered` where `URP` (an unregistered person) is allowed: buyer, shipping.
    Gstin {
        /// Whether `URP` stands for an unregistered buyer here.
        unregistered: bool,
    },
    /// `transactionDetails.ecommerceGstin`.
    EcommerceGstin,
    /// A party's `stateCode`.
    StateCode,
    /// The buyer's `placeOfSupply`.
    PlaceOfSupply,
    /// A party's `email`.
    Email,
    /// `address.state`.
    AddressState,
    /// `address.pincode`.
    Pincode,
    /// `contactNumber.phoneNumber`.
    Phone,
    /// `supplierBankAccountDetails.ifsc`.
    Ifsc,
    /// `item.hsnCode`.
    HsnCode,
    /// `item.quantity`.
    Quantity,
    /// `item.unitPrice`.
    UnitPrice,
    /// `item.totalAmt`.
    TotalAmt,
    /// `item.assessmentAmount`.
    AssessmentAmount,
    /// `item.totalItemValue`.
    TotalItemValue,
    /// `valueDetails.assessmentValue`.
    AssessmentValue,
    /// `valueDetails.totalInvoiceValue`.
    TotalInvoiceValue,
    /// `objectVersion.currentVersion`.
    CurrentVersion,
    /// `objectVersion.newVersion`.
    NewVersion,
    /// The `objectId` of a request.
    ObjectId,
    /// `invoice.ts`.
    Timestamp,
}

impl Role {
    /// Whether the cross-field rules look at this member within the party two levels up (an address's
    /// or a contact number's member) rather than within the object holding it.
    fn in_party_part(self) -> bool {
        matches!(self, Role::AddressState | Role::Pincode | Role::Phone)
    }
}

/// The role of `member` in objects of definition `def`, if a rule needs its value.
pub(crate) fn role(def: &str, member: &str) -> Option<Role> {
    let party = matches!(
        def,
        "supplierDetails" | "buyerDetails" | "dispatchDetails" | "shippingDetails"
    );
    Some(match (def, member) {
        (_, "gstin") if party => Role::Gstin {
            unregistered: matches!(def, "buyerDetails" | "shippingDetails"),
        },
        (_, "stateCode") if party => Role::StateCode,
        (_, "placeOfSupply") if party => Role::PlaceOfSupply,
        (_, "email") if party => Role::Email,
        ("transactionDetails", "ecommerceGstin") => Role::EcommerceGstin,
        ("address", "state") => Role::AddressState,
        ("address", "pincode") => Role::Pincode,
        ("contactNumber", "phoneNumber") => Role::Phone,
        ("supplierBankAccountDetails", "ifsc") => Role::Ifsc,
        ("item", "hsnCode") => Role::HsnCode,
        ("item", "quantity") => Role::Quantity,
        ("item", "unitPrice") => Role::UnitPrice,
        ("item", "totalAmt") => Role::TotalAmt,
        ("item", "assessmentAmount") => Role::AssessmentAmount,
        ("item", "totalItemValue") => Role::TotalItemValue,
        ("valueDetails", "assessmentValue") => Role::AssessmentValue,
        ("valueDetails", "totalInvoiceValue") => Role::TotalInvoiceValue,
        ("objectVersion", "currentVersion") => Role::CurrentVersion,
        ("objectVersion", "newVersion") => Role::NewVersion,
        ("invoice" | "invoiceConfirmation" | "invoiceStatus", "objectId") => Role::ObjectId,
        ("invoice", "ts") => Role::Timestamp,
        _ => return None,
    })
}

/// The rules, run while the document is walked. The walk is depth first, so the facts of one party, item
/// or version object arrive one after the other: each group is checked as soon as the walk leaves it, and
/// only the current group is kept, whatever the document's size.
pub(crate) struct Checker<'r, 'a> {
    kind: DocumentKind,
    rules: &'r RuleSet,
    /// The time of validation, in Unix seconds.
    now: i64,
    findings: Vec<RuleFinding>,
    /// The facts of the object being walked.
    group: Vec<Fact<'a>>,
    /// The sum of the items' `assessmentAmount` so far; `None` once one is not a number.
    assessment_sum: Option<Decimal>,
    /// The sum of the items' `totalItemValue` so far; `None` once one is not a number.
    item_value_sum: Option<Decimal>,
    /// `valueDetails`' facts, checked against the sums once every item is seen.
    value_details: Vec<Fact<'a>>,
}

/// The object a fact's cross-field rules look within: the party for a party's `address` and
/// `contactNumber`, otherwise the object holding the member (an item, a party, an `objectVersion`).
fn owner<'p>(fact: &'p Fact<'_>) -> &'p [Segment] {
    let path = fact.path.as_slice();
    let up = if fact.role.in_party_part() { 2 } else { 1 };
    &path[..path.len().saturating_sub(up)]
}

impl<'r, 'a> Checker<'r, 'a> {
    /// A checker for one document of `kind`.
    pub(crate) fn new(kind: DocumentKind, rules: &'r RuleSet) -> Self {
        Checker {
            kind,
            rules,
            now: unix_seconds(rules.now.unwrap_or_else(SystemTime::now)),
            findings: Vec::new(),
            group: Vec::new(),
            assessment_sum: Some(Decimal::ZERO),
            item_value_sum: Some(Decimal::ZERO),
            value_details: Vec::new(),
        }
    }

    /// Takes the next fact of the walk, checking the group before it once the fact starts another.
    pub(crate) fn add(&mut self, fact: Fact<'a>) {
        if self
            .group
            .first()
            .is_some_and(|first| owner(first) != owner(&fact))
        {
            self.flush();
        }
        self.group.push(fact);
    }

    /// Checks the last group and the invoice's totals: every finding, in no particular order.
    pub(crate) fn finish(mut self) -> Vec<RuleFinding> {
        self.flush();
        self.totals();
        self.findings
    }

    fn flush(&mut self) {
        let mut group = std::mem::take(&mut self.group);
        if !group.is_empty() {
            self.group(&mut group);
        }
        group.clear();
        self.group = group;
    }
}

/// Whole seconds since the Unix epoch, rounded down.
fn unix_seconds(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => {
            let before = before.duration();
            let whole = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
            -whole - i64::from(before.subsec_nanos() > 0)
        }
    }
}

impl<'a> Checker<'_, 'a> {
    /// Records a finding of `rule` at `fact`, unless the rule is off. `message` gets the value's JSON text
    /// (cut to [`crate::FOUND_LIMIT`] characters) and must include it, so that redaction can mask it.
    fn report(
        &mut self,
        rule: &'static str,
        fact: &Fact<'_>,
        message: impl FnOnce(&str) -> String,
    ) {
        if self.rules.level(rule) == RuleLevel::Allow {
            return;
        }
        let found = shorten(fact.raw);
        let message = message(&found);
        debug_assert!(message.contains(&found), "{message}");
        self.findings.push(RuleFinding {
            rule,
            pointer: fact.path.pointer(),
            offset: fact.offset,
            message,
            found: Some(found),
        });
    }

    /// The facts of one object (a party with its address and contact number, an item, …).
    fn group(&mut self, group: &mut Vec<Fact<'a>>) {
        for fact in group.iter() {
            if let FactValue::Str(text) = fact.value() {
                self.string(fact, &text);
            }
        }
        let find = |role: fn(Role) -> bool| group.iter().find(|fact| role(fact.role));
        match group[0].role {
            Role::HsnCode
            | Role::Quantity
            | Role::UnitPrice
            | Role::TotalAmt
            | Role::AssessmentAmount
            | Role::TotalItemValue => self.item(group),
            Role::CurrentVersion | Role::NewVersion => self.version(
                find(|r| r == Role::CurrentVersion),
                find(|r| r == Role::NewVersion),
            ),
            Role::AssessmentValue | Role::TotalInvoiceValue => self.value_details.append(group),
            _ => self.party(
                find(|r| matches!(r, Role::Gstin { .. })),
                find(|r| r == Role::StateCode),
                find(|r| r == Role::AddressState),
            ),
        }
    }

    /// The rules on one string value. A value of another JSON type is the schema's finding: it never gets
    /// here.
    fn string(&mut self, fact: &Fact<'_>, text: &str) {
        match fact.role {
            Role::Gstin { unregistered } => self.gstin(fact, text, unregistered),
            Role::EcommerceGstin => self.gstin(fact, text, false),
            Role::StateCode | Role::PlaceOfSupply => self.state_code(fact, text),
            Role::Pincode if !formats::is_pincode(text) => {
                self.report(PINCODE, fact, |found| {
                    format!("pincode {found} is not six digits from 100000 to 999999")
                });
            }
            Role::Ifsc if !formats::is_ifsc(text) => {
                self.report(IFSC, fact, |found| {
                    format!(
                        "IFSC {found} is not four upper-case letters, a zero and six upper-case letters or digits"
                    )
                });
            }
            Role::HsnCode => {
                if let Some(fault) = formats::hsn_fault(text) {
                    self.report(HSN_CODE, fact, |found| format!("HSN code {found} {fault}"));
                }
            }
            Role::Email if !formats::is_email(text) => {
                self.report(EMAIL, fact, |found| {
                    format!(
                        "e-mail address {found} does not match {}",
                        formats::EMAIL_PATTERN
                    )
                });
            }
            Role::Phone if !formats::is_phone(text) => {
                self.report(PHONE, fact, |found| {
                    format!("phone number {found} is not 6 to 12 digits")
                });
            }
            Role::ObjectId => {
                if let Some(prefix) = formats::wrong_object_id_prefix(text) {
                    self.report(OBJECT_ID_PREFIX, fact, |found| {
                        format!("objectId {found} starts with {prefix}, not the literal INV")
                    });
                }
            }
            Role::Timestamp => self.timestamp(fact, text),
            _ => {}
        }
    }

    fn gstin(&mut self, fact: &Fact<'_>, text: &str, unregistered_allowed: bool) {
        if unregistered_allowed && text == "URP" {
            return;
        }
        match gstin::fault(text) {
            Some(gstin::Fault::Length(length)) => self.report(GSTIN_FORMAT, fact, |found| {
                format!("GSTIN {found} has {length} characters; a GSTIN has 15")
            }),
            Some(gstin::Fault::Position(at, what)) => self.report(GSTIN_FORMAT, fact, |found| {
                format!("GSTIN {found} does not have the GSTIN structure: position {at} should be {what}")
            }),
            None => {
                let bytes = text.as_bytes();
                let (written, computed) = (bytes[14], gstin::check_character(bytes));
                if written != computed {
                    self.report(GSTIN_CHECKSUM, fact, |found| {
                        format!(
                            "GSTIN {found} has check character {}; the mod-36 check gives {}",
                            char::from(written),
                            char::from(computed)
                        )
                    });
                }
                let prefix = &text[..2];
                let why = match states::state(prefix) {
                    StateCode::Current(_) => return,
                    StateCode::Abroad => {
                        "the code for a place of supply outside India, under which no taxpayer is registered"
                    }
                    StateCode::Historical(note) => note,
                    StateCode::Unknown => "which is not a GST state code",
                };
                self.report(GSTIN_STATE, fact, |found| {
                    format!("GSTIN {found} starts with {prefix}, {why}")
                });
            }
        }
    }

    fn state_code(&mut self, fact: &Fact<'_>, code: &str) {
        let member = fact.member();
        match states::state(code) {
            StateCode::Current(_) | StateCode::Abroad => {}
            StateCode::Historical(note) => {
                self.report(STATE_CODE, fact, |found| {
                    format!("{member} {found} is {note}")
                });
            }
            StateCode::Unknown => {
                let padded = [b'0', code.as_bytes().first().copied().unwrap_or(b'0')];
                let padded = std::str::from_utf8(&padded).unwrap_or("00");
                let hint =
                    if code.len() == 1 && matches!(states::state(padded), StateCode::Current(_)) {
                        format!("; write it with two digits, \"{padded}\"")
                    } else {
                        String::new()
                    };
                self.report(STATE_CODE, fact, |found| {
                    format!(
                        "{member} {found} is not a GST state code (two digits: 01 to 38, 96 or 97){hint}"
                    )
                });
            }
        }
    }

    /// A party's GSTIN against its `stateCode`, and its address's state against the same code.
    fn party(
        &mut self,
        gstin: Option<&Fact<'_>>,
        state_code: Option<&Fact<'_>>,
        address_state: Option<&Fact<'_>>,
    ) {
        let Some(code_fact) = state_code else { return };
        let FactValue::Str(code) = code_fact.value() else {
            return;
        };
        if let Some(FactValue::Str(gstin)) = gstin.map(Fact::value)
            && gstin::fault(&gstin).is_none()
            && code.len() == 2
            && code.bytes().all(|b| b.is_ascii_digit())
            && gstin[..2] != *code
        {
            let prefix = &gstin[..2];
            self.report(GSTIN_STATE, code_fact, |found| {
                format!("stateCode {found} is not {prefix}, the state code that starts the party's GSTIN")
            });
        }
        if let Some(state_fact) = address_state
            && let FactValue::Str(name) = state_fact.value()
            && states::is_name(&name)
            && let StateCode::Current(expected) = states::state(&code)
            && name != expected
        {
            self.report(STATE_CODE, state_fact, |found| {
                format!("address state {found} is not {expected}, the state of the party's stateCode \"{code}\"")
            });
        }
    }

    fn item(&mut self, group: &[Fact<'_>]) {
        // Each member the item has, with its value when that is a number.
        let amount = |role: Role| {
            group
                .iter()
                .find(|fact| fact.role == role)
                .map(|fact| (fact, amounts::decimal(fact)))
        };
        let (assessment, value) = (amount(Role::AssessmentAmount), amount(Role::TotalItemValue));
        if let (Some((q, Some(quantity))), Some((p, Some(price))), Some((t, Some(total)))) = (
            amount(Role::Quantity),
            amount(Role::UnitPrice),
            amount(Role::TotalAmt),
        ) && let Some(product) = quantity.checked_mul(price)
        {
            let expected = amounts::to_paisa(product);
            if total != expected {
                self.report(ITEM_AMOUNTS, t, |found| {
                    format!(
                        "totalAmt {found} is not quantity × unitPrice to the paisa: {} × {} = {expected}",
                        q.raw, p.raw
                    )
                });
            }
        }
        if let (Some((a, Some(assessed))), Some((v, Some(with_tax)))) = (assessment, value)
            && with_tax < assessed
        {
            self.report(ITEM_AMOUNTS, v, |found| {
                format!(
                    "totalItemValue {found} is below assessmentAmount {}: the value with tax cannot be less than the taxable value",
                    a.raw
                )
            });
        }
        self.assessment_sum = add(self.assessment_sum, assessment.map(|(_, d)| d));
        self.item_value_sum = add(self.item_value_sum, value.map(|(_, d)| d));
    }

    fn version(&mut self, current: Option<&Fact<'_>>, new: Option<&Fact<'_>>) {
        let (Some(current), Some(new)) = (current, new) else {
            return;
        };
        let (Some(from), Some(to)) = (amounts::decimal(current), amounts::decimal(new)) else {
            return;
        };
        if to < from {
            self.report(VERSION_STEP, new, |found| {
                format!("newVersion {found} is below currentVersion {}", current.raw)
            });
        } else if self.kind == DocumentKind::EditInvoice
            && let Some(next) = from.checked_add(Decimal::ONE)
            && to != next
        {
            self.report(VERSION_STEP, new, |found| {
                format!(
                    "newVersion {found} does not raise currentVersion {} by one: an edit makes version {next}",
                    current.raw
                )
            });
        }
    }

    fn timestamp(&mut self, fact: &Fact<'_>, text: &str) {
        let Some(at) = timestamp::unix_seconds(text) else {
            return;
        };
        if at < timestamp::GST_BEGAN {
            self.report(TIMESTAMP_PLAUSIBLE, fact, |found| {
                format!("ts {found} is before 2017-07-01T00:00:00+05:30, when GST began")
            });
        } else if at > self.now.saturating_add(FUTURE_ALLOWANCE) {
            let now = timestamp::format_utc(self.now);
            self.report(TIMESTAMP_PLAUSIBLE, fact, |found| {
                format!("ts {found} is more than a day after the time of validation, {now}")
            });
        }
    }

    /// `valueDetails` against the sums over the items.
    fn totals(&mut self) {
        for fact in &std::mem::take(&mut self.value_details) {
            let Some(value) = amounts::decimal(fact) else {
                continue;
            };
            match fact.role {
                Role::AssessmentValue => {
                    if let Some(sum) = self.assessment_sum
                        && value != sum
                    {
                        self.report(INVOICE_TOTALS, fact, |found| {
                            format!(
                                "assessmentValue {found} is not the sum of the items' assessmentAmount, {sum}"
                            )
                        });
                    }
                }
                Role::TotalInvoiceValue => {
                    if let Some(sum) = self.item_value_sum
                        && let Some(floor) = sum.checked_sub(amounts::ROUNDING_ALLOWANCE)
                        && value < floor
                    {
                        let allowance = amounts::to_paisa(amounts::ROUNDING_ALLOWANCE);
                        self.report(INVOICE_TOTALS, fact, |found| {
                            format!(
                                "totalInvoiceValue {found} is below the sum of the items' totalItemValue, {sum}, \
                                 by more than the rounding allowance of {allowance}"
                            )
                        });
                    }
                }
                _ => {}
            }
        }
    }
}

/// Adds an item's amount to a running sum: `None` (the item has no such member) adds nothing, and
/// `Some(None)` (the member is not a number) makes the sum unknown.
fn add(sum: Option<Decimal>, amount: Option<Option<Decimal>>) -> Option<Decimal> {
    match amount {
        None => sum,
        Some(amount) => sum?.checked_add(amount?),
    }
}
