//! The checks: the rules run on the facts as the walk hands them over, one group at a time.
//!
//! A group is the facts of one object: a party with its address and contact number, an item, an entry of
//! an item's `itemValueDetails` or `otherTaxes`, an entry of `valueDetails.otherValues`, an
//! `objectVersion`, `transactionDetails`. What a group is follows from its facts' roles ([`Scope`]); a new
//! kind of document brings new roles and, where its rules need one, a new scope. The walk is depth first,
//! so a group's facts arrive one after the other, and each group is checked as soon as the walk leaves it.
//!
//! Three things outlive a group, each of a fixed size whatever the document's size:
//!
//! - the item being walked ([`Item`]): an item's own members and its entries arrive as several groups (its
//!   members, then each `itemValueDetails` entry, then each `otherTaxes` entry, in document order), so the
//!   item is checked when the walk leaves it;
//! - the invoice's sums ([`Totals`]): the items' amounts and the `otherValues` adjustments, checked against
//!   `valueDetails` at the end, wherever `valueDetails` stands in the document;
//! - the transaction's kind of supply: `transactionDetails` may come after the parties and items it
//!   qualifies, so a finding that a kind of supply would excuse waits in `pending` until the end.

use std::time::{SystemTime, UNIX_EPOCH};

use rust_decimal::Decimal;

use super::amounts::{self, Adjustment, InvoiceAdjustments, ItemValue, TaxTreatment, TotalFault};
use super::catalogue::{RuleId, RuleLevel, RuleSet};
use super::facts::{Fact, FactValue, Member, RuleFinding};
use super::payments::Payments;
use super::states::{self, CodeFault, Jurisdiction};
use super::{formats, gstin, spelling, timestamp};
use crate::generated::roles::Role;
use crate::kind::DocumentKind;
use crate::path::{FactPath, Segment};
use crate::report::shorten;

/// The day into the future a `ts` may be, for clocks that disagree: 24 hours, in seconds.
const FUTURE_ALLOWANCE: i64 = 86_400;

/// What kind of object a group of facts describes, from its facts' roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// A party: supplier, buyer, dispatch-from, ship-to, with its address and contact number.
    Party,
    /// `transactionDetails`.
    Transaction,
    /// An item's own members.
    Item,
    /// An entry of an item's `itemValueDetails`.
    ItemAdjustment,
    /// An entry of an item's `otherTaxes`.
    Cess,
    /// `valueDetails`' own members.
    Totals,
    /// An entry of `valueDetails.otherValues`.
    InvoiceAdjustment,
    /// An `objectVersion`.
    Version,
    /// Members checked on their own: `objectId`, `ts`, `ifsc`.
    Single,
    /// A member the payment rules read ([`Payments`]), handed to them as it comes.
    Payment,
}

impl Scope {
    fn of(role: Role) -> Scope {
        match role {
            Role::Gstin
            | Role::GstinOrUrp
            | Role::RegistrationStateCode
            | Role::StateCode
            | Role::PlaceOfSupply
            | Role::Email
            | Role::AddressState
            | Role::Country
            | Role::Pincode
            | Role::Phone => Scope::Party,
            Role::EcommerceGstin | Role::SupplyType | Role::ReverseCharge => Scope::Transaction,
            Role::IsService
            | Role::HsnCode
            | Role::Quantity
            | Role::UnitPrice
            | Role::TotalAmt
            | Role::AssessmentAmount
            | Role::GstRate
            | Role::TotalItemValue => Scope::Item,
            Role::ItemAdjustmentType | Role::ItemAdjustmentValue => Scope::ItemAdjustment,
            Role::CessAmount => Scope::Cess,
            Role::AssessmentValue | Role::TotalInvoiceValue => Scope::Totals,
            Role::InvoiceAdjustmentType | Role::InvoiceAdjustmentValue => Scope::InvoiceAdjustment,
            Role::CurrentVersion | Role::NewVersion => Scope::Version,
            Role::Ifsc | Role::ObjectId | Role::Timestamp => Scope::Single,
            Role::PaymentObjectId
            | Role::PaymentType
            | Role::SupplierResponse
            | Role::Currency
            | Role::PaymentAmountNetPaid
            | Role::PaymentAmountNetAdjustment
            | Role::PaymentAmountTotal
            | Role::InvoicePaymentAmountNetPaid
            | Role::InvoicePaymentAmountNetAdjustment
            | Role::InvoicePaymentAmountTotal
            | Role::InvoiceAmountDue
            | Role::SplitValue => Scope::Payment,
        }
    }
}

/// The object a fact's cross-field rules look within: the party for a party's `address` and
/// `contactNumber`, otherwise the object holding the member (an item, a party, an `objectVersion`, an
/// entry of a list).
fn owner<'p>(fact: &'p Fact<'_>) -> &'p [Segment] {
    let path = fact.path.as_slice();
    let in_party_part = matches!(
        fact.role,
        Role::AddressState | Role::Country | Role::Pincode | Role::Phone
    );
    let up = if in_party_part { 2 } else { 1 };
    &path[..path.len().saturating_sub(up)]
}

/// What would excuse a finding, once the whole document is seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unless {
    /// The supply is an export (EXPWP, EXPWOP): the buyer's GSTIN and state code need not agree.
    Export,
    /// The line's value may leave its tax out: reverse charge, or an export or SEZ supply.
    TaxOptional,
}

/// The item being walked: its members, and what its entries add up to.
struct Item<'a> {
    /// The item's path (`/invoice/itemLists/3`).
    path: FactPath,
    /// The walk's number for the item's object, once one of the item's own members has come (see
    /// [`Checker::add`]).
    object: Option<u32>,
    is_service: Option<Member<'a>>,
    hsn_code: Option<Member<'a>>,
    quantity: Option<Member<'a>>,
    unit_price: Option<Member<'a>>,
    total_amt: Option<Member<'a>>,
    assessment: Option<Member<'a>>,
    gst_rate: Option<Member<'a>>,
    value: Option<Member<'a>>,
    /// The discounts of `itemValueDetails`, as positive amounts.
    discounts: Decimal,
    /// The charges of `itemValueDetails`.
    charges: Decimal,
    /// The taxes `itemValueDetails` states, if it states any.
    stated_tax: Option<Decimal>,
    /// The cesses: `otherTaxes[].amount`, and cesses `itemValueDetails` states.
    cess: Decimal,
    /// Whether an entry's effect on the line is unknown (a round-off, a type not recognised, an amount that
    /// is not a number): the assessable amount and the value are then not checked.
    unclear: bool,
}

impl<'a> Item<'a> {
    /// Keeps one of the item's own members.
    fn take(&mut self, member: Member<'a>) {
        let slot = match member.role {
            Role::IsService => &mut self.is_service,
            Role::HsnCode => &mut self.hsn_code,
            Role::Quantity => &mut self.quantity,
            Role::UnitPrice => &mut self.unit_price,
            Role::TotalAmt => &mut self.total_amt,
            Role::AssessmentAmount => &mut self.assessment,
            Role::GstRate => &mut self.gst_rate,
            Role::TotalItemValue => &mut self.value,
            _ => return,
        };
        *slot = Some(member);
    }

    fn new(path: FactPath) -> Self {
        Item {
            path,
            object: None,
            is_service: None,
            hsn_code: None,
            quantity: None,
            unit_price: None,
            total_amt: None,
            assessment: None,
            gst_rate: None,
            value: None,
            discounts: Decimal::ZERO,
            charges: Decimal::ZERO,
            stated_tax: None,
            cess: Decimal::ZERO,
            unclear: false,
        }
    }
}

/// The invoice's sums, checked against `valueDetails` at the end.
struct Totals<'a> {
    /// The sum of the items' `assessmentAmount` so far; `None` once an item lacks it or it is not a number.
    assessment_sum: Option<Decimal>,
    /// The sum of the items' `totalItemValue` so far; `None` once an item lacks it or it is not a number.
    item_value_sum: Option<Decimal>,
    /// The adjustments of `valueDetails.otherValues`.
    adjustments: InvoiceAdjustments,
    /// Whether an `otherValues` entry's effect on the total is unknown, or a round-off was already found
    /// beyond its range: the total is then not checked.
    unclear: bool,
    assessment_value: Option<Fact<'a>>,
    total_invoice_value: Option<Fact<'a>>,
}

/// The rules, run while the document is walked (see the module's documentation).
pub(crate) struct Checker<'r, 'a> {
    kind: DocumentKind,
    rules: &'r RuleSet,
    /// The time of validation, in Unix seconds, once a rule has asked for it ([`Checker::now`]).
    now: Option<i64>,
    findings: Vec<RuleFinding>,
    /// Findings that a kind of supply would excuse, decided once `transactionDetails` is surely seen.
    pending: Vec<(Unless, RuleFinding)>,
    /// The most findings of each level kept (in `findings`, and in `pending` for each excuse); further
    /// ones are counted, not made, so that a hostile document cannot grow the report (issue 28).
    limit: usize,
    /// How many errors and warnings are kept: in `findings`, and in `pending` by excuse.
    kept: [[usize; 2]; 3],
    /// Findings past the limit: in `findings`, and in `pending` by excuse (dropped if excused).
    omitted: [usize; 3],
    /// The facts of the object being walked.
    group: Vec<Fact<'a>>,
    item: Option<Box<Item<'a>>>,
    /// The last item's box, kept for the next item: an item is several hundred bytes, and a large
    /// invoice has many, so each is set up in place rather than made and moved.
    spare: Option<Box<Item<'a>>>,
    totals: Totals<'a>,
    /// Whether the supply is an export (EXPWP, EXPWOP).
    export: bool,
    /// Whether the lines' values must include their taxes.
    treatment: TaxTreatment,
    /// The payment rules' state, made when they are handed their first fact (an invoice has none): it is
    /// large, and a checker is made for every document.
    payments: Option<Box<Payments<'a>>>,
}

impl<'r, 'a> Checker<'r, 'a> {
    /// A checker for one document of `kind`.
    pub(crate) fn new(kind: DocumentKind, rules: &'r RuleSet) -> Self {
        Checker {
            kind,
            rules,
            now: None,
            findings: Vec::new(),
            pending: Vec::new(),
            limit: usize::MAX,
            kept: [[0; 2]; 3],
            omitted: [0; 3],
            // A party with its address and contact number is the largest group: about a dozen facts.
            group: Vec::with_capacity(16),
            item: None,
            spare: None,
            totals: Totals {
                assessment_sum: Some(Decimal::ZERO),
                item_value_sum: Some(Decimal::ZERO),
                adjustments: InvoiceAdjustments::default(),
                unclear: false,
                assessment_value: None,
                total_invoice_value: None,
            },
            export: false,
            treatment: TaxTreatment::Charged,
            payments: None,
        }
    }

    /// Takes the next fact of the walk (a member with a role, its value's JSON text, where the value
    /// starts and its path), checking the group before it once the fact starts another.
    ///
    /// An item's own members, the bulk of a large invoice's facts, go straight into the item: its checks
    /// need the whole item anyway, so they are not gathered into a group first, nor is their path kept.
    /// `object` is the walk's number for the object holding the member: members of the same object
    /// belong to the same item without comparing their paths.
    pub(crate) fn add(
        &mut self,
        role: Role,
        member: &'static str,
        raw: &'a str,
        offset: usize,
        path: &FactPath,
        object: u32,
    ) {
        if Scope::of(role) == Scope::Payment {
            self.payments
                .get_or_insert_with(|| Box::new(Payments::new()))
                .add(Fact {
                    role,
                    member,
                    raw,
                    offset,
                    path: *path,
                });
            self.report_payments();
            return;
        }
        if Scope::of(role) == Scope::Item {
            let Some(segment) = path.last() else {
                return;
            };
            let item_path = path.parent();
            if !self.group.is_empty() {
                self.flush();
            }
            // The same object is the same item; another object may still be this item, if its entries
            // (`itemValueDetails`, `otherTaxes`) came first and started it: then the path tells.
            if self
                .item
                .as_ref()
                .is_none_or(|item| item.object != Some(object) && item.path != item_path)
            {
                self.leave_item();
                self.start_item(Some(item_path));
            }
            if let Some(item) = &mut self.item {
                item.object = Some(object);
                item.take(Member {
                    role,
                    member,
                    raw,
                    offset,
                    segment,
                });
            }
            return;
        }
        let fact = Fact {
            role,
            member,
            raw,
            offset,
            path: *path,
        };
        if self
            .group
            .first()
            .is_some_and(|first| owner(first) != owner(&fact))
        {
            self.flush();
        }
        self.group.push(fact);
    }

    /// Keeps at most `limit` findings of each level (errors, warnings); the rest are counted.
    pub(crate) fn limit(&mut self, limit: usize) {
        self.limit = limit;
    }

    /// Whether a finding of `rule` made now would be kept (then it is counted as kept) or is past the
    /// limit (then it is counted as omitted). `room` is 0 for `findings`, 1 + the excuse for `pending`.
    fn room(&mut self, rule: RuleId, room: usize) -> bool {
        let level = match self.rules.level_of(rule).finding_level() {
            None => return false,
            Some(crate::Level::Error) => 0,
            Some(crate::Level::Warning) => 1,
        };
        let kept = &mut self.kept[room][level];
        if *kept >= self.limit {
            self.omitted[room] += 1;
            return false;
        }
        *kept += 1;
        true
    }

    /// Checks the last group, the last item and the invoice's totals: every finding kept, in no
    /// particular order, and how many more were found past the limit.
    pub(crate) fn finish(&mut self) -> (Vec<RuleFinding>, usize) {
        self.flush();
        self.leave_item();
        self.totals();
        if let Some(payments) = &mut self.payments {
            payments.finish();
            self.report_payments();
        }
        let (export, treatment) = (self.export, self.treatment);
        let stands = |unless: Unless| match unless {
            Unless::Export => !export,
            Unless::TaxOptional => treatment == TaxTreatment::Charged,
        };
        let pending = std::mem::take(&mut self.pending);
        self.findings.extend(
            pending
                .into_iter()
                .filter(|(unless, _)| stands(*unless))
                .map(|(_, finding)| finding),
        );
        let mut omitted = self.omitted[0];
        for unless in [Unless::Export, Unless::TaxOptional] {
            if stands(unless) {
                omitted += self.omitted[1 + unless as usize];
            }
        }
        (std::mem::take(&mut self.findings), omitted)
    }

    fn flush(&mut self) {
        let group = std::mem::take(&mut self.group);
        if let Some(first) = group.first() {
            let scope = Scope::of(first.role);
            // The item an item's group belongs to: its own members' owner, or two levels above an entry's.
            let item_path = match scope {
                Scope::Item => Some(first.path.prefix(owner(first).len())),
                Scope::ItemAdjustment | Scope::Cess => {
                    let entry = owner(first).len();
                    Some(first.path.prefix(entry.saturating_sub(2)))
                }
                _ => None,
            };
            if self.item.as_ref().map(|item| item.path) != item_path {
                self.leave_item();
                self.start_item(item_path);
            }
            match scope {
                Scope::Party => self.party(&group),
                Scope::Transaction => self.transaction(&group),
                // An item's own members never form a group: `add` hands them to the item.
                Scope::Item => {}
                Scope::ItemAdjustment => self.item_adjustment(&group),
                Scope::Cess => self.cess(&group),
                Scope::Totals => self.totals_members(&group),
                Scope::InvoiceAdjustment => self.invoice_adjustment(&group),
                Scope::Version => self.version(&group),
                Scope::Single => group.iter().for_each(|fact| self.single(fact)),
                // A payment's members never form a group: `add` hands them to the payment rules.
                Scope::Payment => {}
            }
        }
        // Keep the allocation for the next group.
        let mut group = group;
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

/// The fact of `role` in a group.
fn find<'g, 'a>(group: &'g [Fact<'a>], role: Role) -> Option<&'g Fact<'a>> {
    group.iter().find(|fact| fact.role == role)
}

/// A fact's string value; `None` for a number (a type error the schema reports).
fn text<'a>(fact: &Fact<'a>) -> Option<std::borrow::Cow<'a, str>> {
    match fact.value() {
        FactValue::Str(text) => Some(text),
        FactValue::Num(_) => None,
    }
}

impl<'a> Checker<'_, 'a> {
    /// Makes a finding of `rule` at `fact`, unless the rule is off. `message` gets the value's JSON text
    /// (cut to [`crate::FOUND_LIMIT`] characters) and must include it, so that redaction can mask it.
    fn finding(
        &self,
        rule: RuleId,
        fact: &Fact<'_>,
        message: impl FnOnce(&str) -> String,
    ) -> Option<RuleFinding> {
        if self.rules.level_of(rule) == RuleLevel::Allow {
            return None;
        }
        let found = shorten(fact.raw);
        let message = message(&found);
        debug_assert!(message.contains(&found), "{message}");
        Some(RuleFinding {
            rule,
            pointer: fact.path.pointer(),
            offset: fact.offset,
            message,
            found: Some(found),
        })
    }

    /// Records a finding of `rule` at `fact`, unless the rule is off.
    /// Hands the payment rules' findings to [`Checker::report`].
    fn report_payments(&mut self) {
        let Some(payments) = &mut self.payments else {
            return;
        };
        let found: Vec<_> = payments.take_found().collect();
        for (rule, fact, message) in found {
            self.report(rule, &fact, message);
        }
    }

    fn report(&mut self, rule: RuleId, fact: &Fact<'_>, message: impl FnOnce(&str) -> String) {
        if !self.room(rule, 0) {
            return;
        }
        if let Some(finding) = self.finding(rule, fact, message) {
            self.findings.push(finding);
        }
    }

    /// Records a finding of `rule` at one of `item`'s members.
    fn report_member(
        &mut self,
        rule: RuleId,
        item: &Item<'_>,
        member: &Member<'_>,
        message: impl FnOnce(&str) -> String,
    ) {
        if let Some(fact) = member.fact(&item.path) {
            self.report(rule, &fact, message);
        }
    }

    /// Records a finding that `unless` would excuse, to be decided at the end.
    fn report_unless(
        &mut self,
        unless: Unless,
        rule: RuleId,
        fact: &Fact<'_>,
        message: impl FnOnce(&str) -> String,
    ) {
        if !self.room(rule, 1 + unless as usize) {
            return;
        }
        if let Some(finding) = self.finding(rule, fact, message) {
            self.pending.push((unless, finding));
        }
    }

    // ---- parties -----------------------------------------------------------------------------------

    /// A party: its GSTIN, its codes, its address and its contacts, the address checked as India's only
    /// when the party is in India.
    fn party(&mut self, group: &[Fact<'a>]) {
        let state_code =
            find(group, Role::RegistrationStateCode).or_else(|| find(group, Role::StateCode));
        let code = state_code.and_then(text);
        let abroad = code.as_deref().is_some_and(states::is_abroad)
            || find(group, Role::Country)
                .and_then(text)
                .is_some_and(|country| states::country_is_abroad(&country));
        let mut registration = None;
        for fact in group {
            let Some(value) = text(fact) else { continue };
            match fact.role {
                Role::Gstin => registration = self.gstin(fact, &value, false).map(|s| (fact, s)),
                Role::GstinOrUrp => {
                    registration = self.gstin(fact, &value, true).map(|s| (fact, s))
                }
                Role::RegistrationStateCode | Role::StateCode | Role::PlaceOfSupply => {
                    self.state_code(fact, &value);
                }
                Role::Email => self.email(fact, &value),
                Role::Phone => self.phone(fact, &value),
                Role::Pincode if !abroad => self.pincode(fact, &value),
                Role::AddressState if !abroad => self.address_state(fact, &value, code.as_deref()),
                _ => {}
            }
        }
        // The GSTIN and the stateCode of the same registration: the supplier's, the buyer's.
        if let (Some((gstin_fact, prefix)), Some(code_fact)) =
            (registration, find(group, Role::RegistrationStateCode))
            && let Some(code) = text(code_fact)
            && let Some(two) = states::two_digits(&code)
            && two != prefix
            && !(prefix == *b"99" && (two == *b"99" || two == *b"96"))
        {
            let prefix = String::from_utf8_lossy(&prefix);
            let message = |found: &str| {
                format!(
                    "stateCode {found} is not {prefix}, the state code that starts the party's GSTIN"
                )
            };
            if gstin_fact.role == Role::GstinOrUrp {
                self.report_unless(Unless::Export, RuleId::GstinState, code_fact, message);
            } else {
                self.report(RuleId::GstinState, code_fact, message);
            }
        }
    }

    /// A GSTIN's structure, check character and state code. Returns its state code when the GSTIN has one
    /// of GSTN's structures and the code is one registrations are made under, for the party's checks.
    fn gstin(
        &mut self,
        fact: &Fact<'_>,
        text: &str,
        unregistered_allowed: bool,
    ) -> Option<[u8; 2]> {
        if unregistered_allowed && text == gstin::UNREGISTERED {
            return None;
        }
        let structure = match gstin::classify(text) {
            Ok(structure) => structure,
            Err(gstin::NearMiss::Length(length)) => {
                self.report(RuleId::GstinFormat, fact, |found| {
                    let urp = if unregistered_allowed {
                        " (or URP for an unregistered party)"
                    } else {
                        ""
                    };
                    format!("GSTIN {found} has {length} characters; a GSTIN has 15{urp}")
                });
                return None;
            }
            Err(gstin::NearMiss::Resembles(structure, at, what)) => {
                self.report(RuleId::GstinFormat, fact, |found| {
                    format!(
                        "GSTIN {found} has none of the structures GSTN issues; it comes closest to {}, \
                         whose position {at} is {what}",
                        structure.describe()
                    )
                });
                return None;
            }
        };
        if let Some((written, computed)) = gstin::check_mismatch(structure, text) {
            self.report(RuleId::GstinChecksum, fact, |found| {
                format!(
                    "GSTIN {found} has check character {written}; the mod-36 check gives {computed}"
                )
            });
        }
        let prefix = &text[..2];
        let why = match states::code(prefix) {
            Ok(jurisdiction) if jurisdiction.registers() => return states::two_digits(prefix),
            Ok(Jurisdiction::Abroad) => {
                "the code for a place of supply outside India, under which no taxpayer is registered"
            }
            Ok(Jurisdiction::Historical(_, note)) => note,
            Ok(_) | Err(_) => "which is not a GST state code",
        };
        self.report(RuleId::GstinState, fact, |found| {
            format!("GSTIN {found} starts with {prefix}, {why}")
        });
        None
    }

    fn state_code(&mut self, fact: &Fact<'_>, text: &str) {
        let member = fact.member;
        match states::code(text) {
            Ok(Jurisdiction::Historical(_, note)) => {
                self.report(RuleId::StateCode, fact, |found| {
                    format!("{member} {found} is {note}")
                });
            }
            Ok(_) => {}
            Err(CodeFault::NotDigits | CodeFault::Unknown) => {
                self.report(RuleId::StateCode, fact, |found| {
                    format!(
                        "{member} {found} is not a GST state code (01 to 38, 96 outside India, 97 or 99)"
                    )
                });
            }
        }
    }

    /// An Indian party's state name: spelt as a known name or alias, and the name of its `stateCode`.
    fn address_state(&mut self, fact: &Fact<'_>, name: &str, code: Option<&str>) {
        if let Some(meant) = spelling::near_miss(name, &states::SPELLINGS) {
            self.report(RuleId::KnownValues, fact, |found| {
                spelling::did_you_mean(found, meant)
            });
        } else if let Some(code) = code
            && let Some(expected) = states::name_contradicts(name, code)
        {
            self.report(RuleId::StateCode, fact, |found| {
                format!(
                    "address state {found} is not {expected}, the state of the party's stateCode \"{code}\""
                )
            });
        }
    }

    fn pincode(&mut self, fact: &Fact<'_>, text: &str) {
        if let Some(fault) = formats::pincode_fault(text) {
            self.report(RuleId::Pincode, fact, |found| {
                format!("pincode {found} {fault}")
            });
        }
    }

    fn email(&mut self, fact: &Fact<'_>, text: &str) {
        if !formats::is_email(text) {
            self.report(RuleId::Email, fact, |found| {
                format!(
                    "e-mail address {found} does not match {}",
                    formats::EMAIL_PATTERN
                )
            });
        }
    }

    fn phone(&mut self, fact: &Fact<'_>, text: &str) {
        if !formats::is_phone(text) {
            self.report(RuleId::Phone, fact, |found| {
                format!("phone number {found} is not 6 to 12 digits")
            });
        }
    }

    // ---- the transaction ---------------------------------------------------------------------------

    /// `transactionDetails`: the kind of supply, which the end decides pending findings with, and the
    /// e-commerce operator's GSTIN.
    fn transaction(&mut self, group: &[Fact<'a>]) {
        let supply = find(group, Role::SupplyType).and_then(text);
        let reverse = find(group, Role::ReverseCharge).and_then(text);
        self.treatment = amounts::tax_treatment(supply.as_deref(), reverse.as_deref());
        self.export = supply.as_deref().is_some_and(|s| {
            let s = s.trim();
            s.eq_ignore_ascii_case("EXPWP") || s.eq_ignore_ascii_case("EXPWOP")
        });
        if let Some(fact) = find(group, Role::EcommerceGstin)
            && let Some(value) = text(fact)
        {
            self.gstin(fact, &value, false);
        }
    }

    // ---- items -------------------------------------------------------------------------------------

    /// An `itemValueDetails` entry: a discount, a charge, a tax or a cess of the line, by its type.
    fn item_adjustment(&mut self, group: &[Fact<'a>]) {
        let Some(item) = &mut self.item else { return };
        let Some(value) = find(group, Role::ItemAdjustmentValue) else {
            return;
        };
        let kind = find(group, Role::ItemAdjustmentType)
            .and_then(text)
            .map_or(Adjustment::Unknown, |name| amounts::adjustment(&name));
        let Some(amount) = amounts::decimal(value.raw) else {
            item.unclear = true;
            return;
        };
        let sum = match kind {
            Adjustment::Discount => item
                .discounts
                .checked_add(amount.abs())
                .map(|d| item.discounts = d),
            Adjustment::Charge => item.charges.checked_add(amount).map(|c| item.charges = c),
            Adjustment::Tax => item
                .stated_tax
                .unwrap_or_default()
                .checked_add(amount)
                .map(|t| item.stated_tax = Some(t)),
            Adjustment::Cess => item.cess.checked_add(amount).map(|c| item.cess = c),
            Adjustment::Informational => Some(()),
            Adjustment::RoundOff | Adjustment::Unknown => None,
        };
        item.unclear |= sum.is_none();
    }

    /// An `otherTaxes` entry's amount: a cess of the line.
    fn cess(&mut self, group: &[Fact<'a>]) {
        let Some(item) = &mut self.item else { return };
        for fact in group {
            match amounts::decimal(fact.raw).and_then(|amount| item.cess.checked_add(amount)) {
                Some(cess) => item.cess = cess,
                None => item.unclear = true,
            }
        }
    }

    /// Checks the item the walk has left, and adds its amounts to the invoice's sums.
    /// Starts the item at `path` (none for a path deeper than a fact's), in the spare box if there is one.
    fn start_item(&mut self, path: Option<FactPath>) {
        let Some(path) = path else { return };
        self.item = Some(match self.spare.take() {
            Some(mut item) => {
                *item = Item::new(path);
                item
            }
            None => Box::new(Item::new(path)),
        });
    }

    fn leave_item(&mut self) {
        let Some(item) = self.item.take() else { return };
        if let Some(hsn) = &item.hsn_code
            && let FactValue::Str(code) = hsn.value()
        {
            if let Some(fault) = formats::hsn_fault(&code) {
                self.report_member(RuleId::HsnCode, &item, hsn, |found| {
                    format!("HSN code {found} {fault}")
                });
            } else if let Some(FactValue::Str(flag)) = item.is_service.as_ref().map(Member::value)
                && formats::sac_expected(&code, &flag)
            {
                self.report_member(RuleId::HsnCode, &item, hsn, |found| {
                    format!(
                        "HSN code {found} is a goods code, but the line is a service (isService \
                         \"{flag}\"): services codes (SAC) start with 99"
                    )
                });
            }
        }
        let (assessment, value) = (number(&item.assessment), number(&item.value));
        self.item_amounts(&item, assessment, value);
        let totals = &mut self.totals;
        totals.assessment_sum = add(totals.assessment_sum, assessment);
        totals.item_value_sum = add(totals.item_value_sum, value);
        self.spare = Some(item);
    }

    /// The item's amounts, link by link; only the first link that breaks is reported.
    fn item_amounts(
        &mut self,
        item: &Item<'_>,
        assessment: Option<Decimal>,
        with_tax: Option<Decimal>,
    ) {
        let (quantity, price, total) = (
            number(&item.quantity),
            number(&item.unit_price),
            number(&item.total_amt),
        );
        if let (Some(quantity), Some(price), Some(total), Some(fact)) =
            (quantity, price, total, &item.total_amt)
            && let Some((product, slack)) = amounts::gross_amount_fault(quantity, price, total)
        {
            let (q, p) = (raw(&item.quantity), raw(&item.unit_price));
            let product = amounts::to_paisa(product);
            self.report_member(RuleId::ItemAmounts, item, fact, |found| {
                format!(
                    "totalAmt {found} is not quantity × unitPrice: {q} × {p} = {product}, more than the \
                     {slack} rounding explains"
                )
            });
            return;
        }
        if item.unclear {
            return;
        }
        if let (Some(total), Some(assessed), Some(fact)) = (total, assessment, &item.assessment)
            && let Some(expected) = amounts::assessable_fault(total, item.discounts, assessed)
        {
            let (t, discounts) = (raw(&item.total_amt), amounts::to_paisa(item.discounts));
            let expected = amounts::to_paisa(expected);
            self.report_member(RuleId::ItemAmounts, item, fact, |found| {
                format!(
                    "assessmentAmount {found} is not totalAmt less the line's discounts: {t} − {discounts} = \
                     {expected}, more than 1.00 away"
                )
            });
            return;
        }
        if let (Some(assessed), Some(with_tax), Some(fact)) = (assessment, with_tax, &item.value) {
            let parts = ItemValue {
                assessment: assessed,
                gst_rate: number(&item.gst_rate),
                stated_tax: item.stated_tax,
                cess: item.cess,
                charges: item.charges,
            };
            if let Some(expected) =
                amounts::item_value_fault(&parts, TaxTreatment::Charged, with_tax)
            {
                let message = |found: &str| {
                    format!(
                        "totalItemValue {found} is not assessmentAmount + tax + cess + charges, {expected}, \
                         within 1.00"
                    )
                };
                let Some(fact) = fact.fact(&item.path) else {
                    return;
                };
                if amounts::item_value_fault(&parts, TaxTreatment::WithOrWithout, with_tax)
                    .is_none()
                {
                    self.report_unless(Unless::TaxOptional, RuleId::ItemAmounts, &fact, message);
                } else {
                    self.report(RuleId::ItemAmounts, &fact, message);
                }
            }
        }
    }

    // ---- the invoice's totals ----------------------------------------------------------------------

    fn totals_members(&mut self, group: &[Fact<'a>]) {
        for fact in group {
            match fact.role {
                Role::AssessmentValue => self.totals.assessment_value = Some(fact.clone()),
                Role::TotalInvoiceValue => self.totals.total_invoice_value = Some(fact.clone()),
                _ => {}
            }
        }
    }

    /// An `otherValues` entry: a discount, a charge or a round-off of the invoice, by its type.
    fn invoice_adjustment(&mut self, group: &[Fact<'a>]) {
        let Some(value) = find(group, Role::InvoiceAdjustmentValue) else {
            return;
        };
        let kind = find(group, Role::InvoiceAdjustmentType)
            .and_then(text)
            .map_or(Adjustment::Unknown, |name| amounts::adjustment(&name));
        let Some(amount) = amounts::decimal(value.raw) else {
            self.totals.unclear = true;
            return;
        };
        let adjustments = &mut self.totals.adjustments;
        let sum = match kind {
            Adjustment::Discount => adjustments
                .discounts
                .checked_add(amount.abs())
                .map(|d| adjustments.discounts = d),
            Adjustment::Charge => adjustments
                .charges
                .checked_add(amount)
                .map(|c| adjustments.charges = c),
            Adjustment::RoundOff => adjustments
                .round_off
                .unwrap_or_default()
                .checked_add(amount)
                .map(|r| adjustments.round_off = Some(r)),
            // Taxes and cesses of the invoice are the sums of the lines', already in their values.
            Adjustment::Tax | Adjustment::Cess | Adjustment::Informational => Some(()),
            Adjustment::Unknown => None,
        };
        self.totals.unclear |= sum.is_none();
        if kind == Adjustment::RoundOff && amount.abs() > amounts::ROUND_OFF_LIMIT {
            self.totals.unclear = true;
            self.report(RuleId::InvoiceTotals, value, |found| {
                format!(
                    "round-off {found} is beyond ±99.99, the most the e-invoice's round-off may be"
                )
            });
        }
    }

    /// `valueDetails` against the sums over the items and the adjustments.
    fn totals(&mut self) {
        let assessment_value = self.totals.assessment_value.take();
        if let Some(fact) = &assessment_value
            && let (Some(value), Some(sum)) =
                (amounts::decimal(fact.raw), self.totals.assessment_sum)
            && amounts::assessment_value_fault(sum, value)
        {
            let sum = amounts::to_paisa(sum);
            self.report(RuleId::InvoiceTotals, fact, |found| {
                format!(
                    "assessmentValue {found} is not the sum of the items' assessmentAmount, {sum}, within 1.00"
                )
            });
        }
        let total_invoice_value = self.totals.total_invoice_value.take();
        if let Some(fact) = &total_invoice_value
            && !self.totals.unclear
            && let (Some(value), Some(sum)) =
                (amounts::decimal(fact.raw), self.totals.item_value_sum)
            && let Some(fault) = amounts::invoice_total_fault(sum, &self.totals.adjustments, value)
        {
            let sum = amounts::to_paisa(sum);
            match fault {
                TotalFault::Differs(expected) => {
                    let adjusted = self.totals.adjustments != InvoiceAdjustments::default();
                    self.report(RuleId::InvoiceTotals, fact, |found| {
                        if adjusted {
                            format!(
                                "totalInvoiceValue {found} is not the sum of the items' totalItemValue, {sum}, \
                                 with the charges, discounts and round-off of otherValues: {expected}, within 1.00"
                            )
                        } else {
                            format!(
                                "totalInvoiceValue {found} is not the sum of the items' totalItemValue, {sum}, \
                                 within 1.00 or what rounding the total explains"
                            )
                        }
                    });
                }
                TotalFault::RoundOffBeyondLimit(round_off) => {
                    self.report(RuleId::InvoiceTotals, fact, |found| {
                        format!(
                            "totalInvoiceValue {found} is rounded off by {round_off} in otherValues, beyond ±99.99"
                        )
                    });
                }
            }
        }
    }

    // ---- versions and single values ----------------------------------------------------------------

    fn version(&mut self, group: &[Fact<'a>]) {
        let (Some(current), Some(new)) = (
            find(group, Role::CurrentVersion),
            find(group, Role::NewVersion),
        ) else {
            return;
        };
        let (Some(from), Some(to)) = (amounts::decimal(current.raw), amounts::decimal(new.raw))
        else {
            return;
        };
        if to < from {
            self.report(RuleId::VersionStep, new, |found| {
                format!("newVersion {found} is below currentVersion {}", current.raw)
            });
        } else if self.kind == DocumentKind::EditInvoice
            && let Some(next) = from.checked_add(Decimal::ONE)
            && to != next
        {
            self.report(RuleId::VersionIncrement, new, |found| {
                format!(
                    "newVersion {found} does not raise currentVersion {} by one: an edit makes version {next}",
                    current.raw
                )
            });
        }
    }

    /// A value checked on its own.
    fn single(&mut self, fact: &Fact<'_>) {
        let Some(value) = text(fact) else { return };
        match fact.role {
            Role::Ifsc => {
                if let Some(fault) = formats::ifsc_fault(&value) {
                    self.report(RuleId::Ifsc, fact, |found| format!("IFSC {found} {fault}"));
                }
            }
            Role::ObjectId => {
                if let Some(prefix) = formats::wrong_object_id_prefix(&value) {
                    self.report(RuleId::ObjectIdPrefix, fact, |found| {
                        format!("objectId {found} starts with {prefix}, not the literal INV")
                    });
                }
            }
            Role::Timestamp => self.timestamp(fact, &value),
            _ => {}
        }
    }

    /// The time of validation, read when a rule first needs it (most documents have one `ts`; reading the
    /// clock for a document without one is wasted).
    fn now(&mut self) -> i64 {
        let rules = self.rules;
        *self
            .now
            .get_or_insert_with(|| unix_seconds(rules.fixed_now().unwrap_or_else(SystemTime::now)))
    }

    fn timestamp(&mut self, fact: &Fact<'_>, text: &str) {
        let Some(at) = timestamp::unix_seconds(text) else {
            return;
        };
        if at < timestamp::GST_BEGAN {
            self.report(RuleId::TimestampPlausible, fact, |found| {
                format!("ts {found} is before 2017-07-01T00:00:00+05:30, when GST began")
            });
        } else if at > self.now().saturating_add(FUTURE_ALLOWANCE) {
            let now = timestamp::format_utc(self.now());
            self.report(RuleId::TimestampPlausible, fact, |found| {
                format!("ts {found} is more than a day after the time of validation, {now}")
            });
        }
    }
}

/// A member's JSON text, for a message; empty when the item lacks it.
fn raw<'a>(member: &Option<Member<'a>>) -> &'a str {
    member.as_ref().map_or("", |member| member.raw)
}

/// An item member's exact value, if it has one that is a number.
fn number(member: &Option<Member<'_>>) -> Option<Decimal> {
    member
        .as_ref()
        .and_then(|member| amounts::decimal(member.raw))
}

/// Adds an item's amount to a running sum: `None` (the item lacks the member, or it is not a number) makes
/// the sum unknown.
fn add(sum: Option<Decimal>, amount: Option<Decimal>) -> Option<Decimal> {
    sum?.checked_add(amount?)
}
