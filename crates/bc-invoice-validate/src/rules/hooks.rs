//! What a rule sees and how it reports: the hooks every rule may implement ([`Check`]), the views of the
//! document the checker hands them, and the [`Sink`] their findings go to.
//!
//! The checker gathers the facts the walk hands over into groups (a party, an item, the
//! invoice's totals, a payment's invoice, …) and, at each, calls the hook of every rule, in the catalogue's
//! order. A rule implements the hooks it needs; the others are empty and cost nothing. The views carry
//! what several rules share, worked out once (a GSTIN's structure, whether a party is abroad).

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::amounts::{Head, InvoiceAdjustments};
use super::catalogue::RuleId;
use super::catalogue::RuleLevel;
use super::facts::{Fact, FactValue, Member, RuleFinding};
use super::gstin::{NearMiss, Structure};
use super::set::RuleSet;
use crate::generated::roles::Role;
use crate::kind::DocumentKind;
use crate::path::FactPath;
use crate::report::shorten;

/// What would excuse a finding, once the whole document is seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unless {
    /// The supply is an export (EXPWP, EXPWOP): the buyer's GSTIN and state code need not agree.
    Export = 0,
    /// The line's value may leave its tax out: reverse charge, or an export or SEZ supply.
    TaxOptional = 1,
    /// A response webhook's result is not SUCCESS: its payment body may be the refused request, echoed
    /// as it was sent, and is not judged by the payment rules.
    Refused = 2,
}

/// Where a finding is kept until the end: at once, pending an excuse (by [`Unless`]), or pending the date.
const KEPT: usize = 0;
const DATED: usize = 4;

/// Where the rules' findings go: kept, or held until the kind of supply is known, unless the rule is off.
pub(crate) struct Sink<'r> {
    rules: &'r RuleSet,
    /// The time of validation, in Unix seconds, once a rule has asked for it ([`Sink::now`]).
    now: Option<i64>,
    pub(super) findings: Vec<RuleFinding>,
    /// Findings that a kind of supply would excuse, decided once `transactionDetails` is surely seen, or a
    /// refused request's echo (a response's `result`, which may come after the body).
    pub(super) pending: Vec<(Unless, RuleFinding)>,
    /// Where [`Sink::report`] puts a finding while the payment rules judge a response webhook's body:
    /// pending [`Unless::Refused`], or (`None`) kept at once.
    pub(super) routed: Option<Unless>,
    /// Findings that stand only if the invoice's `ts` is on one side of an instant, decided once `ts` is
    /// surely seen.
    pub(super) dated: Vec<(Dated, RuleFinding)>,
    /// The most findings of each level kept in each place (at once, pending each excuse, pending the
    /// date); further ones are counted, not made, so that a hostile document cannot grow the report.
    limit: usize,
    /// How many errors and warnings each place keeps.
    kept: [[usize; 2]; 5],
    /// Findings past the limit: kept at once, or pending each excuse (dropped if excused).
    pub(super) omitted: [usize; 4],
    /// Dated findings past the limit, by the instant they are dated by: as many entries as the rules have
    /// dates, whatever the document.
    pub(super) omitted_dated: Vec<(Dated, usize)>,
}

/// When a finding that depends on the invoice's date stands: its `ts` is before an instant (a rate notified
/// later), or on or after it (a state code no longer in use). Instants are Unix seconds. A document whose
/// `ts` cannot be read keeps no dated finding: its date is unknown, and the schema reports the `ts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dated {
    /// The finding stands if the invoice is dated before the instant.
    Before(i64),
    /// The finding stands if the invoice is dated at or after the instant.
    From(i64),
}

impl Dated {
    /// Whether the finding stands for an invoice dated `at` (`None`: no readable `ts`).
    pub(crate) fn stands(self, at: Option<i64>) -> bool {
        match (self, at) {
            (Dated::Before(from), Some(at)) => at < from,
            (Dated::From(from), Some(at)) => at >= from,
            (_, None) => false,
        }
    }
}

impl<'r> Sink<'r> {
    /// Whether `rule` is on (not `allow`): the dispatch calls only such rules' hooks.
    #[inline]
    pub(super) fn on(&self, rule: RuleId) -> bool {
        self.rules.level(rule) != RuleLevel::Allow
    }

    pub(super) fn new(rules: &'r RuleSet) -> Self {
        Sink {
            rules,
            now: None,
            findings: Vec::new(),
            pending: Vec::new(),
            routed: None,
            dated: Vec::new(),
            limit: usize::MAX,
            kept: [[0; 2]; 5],
            omitted: [0; 4],
            omitted_dated: Vec::new(),
        }
    }

    /// Keeps at most `limit` findings of each level in each place; the rest are counted.
    pub(super) fn limit(&mut self, limit: usize) {
        self.limit = limit;
    }

    /// Whether a finding of `rule` made now in `place` would be kept (then it is counted as kept), or is
    /// past the limit (then it is counted as omitted, and `false`), or its rule is off.
    fn room(&mut self, rule: RuleId, place: usize) -> Option<bool> {
        let level = match self.rules.level(rule).finding_level()? {
            crate::level::Level::Error => 0,
            crate::level::Level::Warning => 1,
        };
        let kept = &mut self.kept[place][level];
        if *kept >= self.limit {
            return Some(false);
        }
        *kept += 1;
        Some(true)
    }

    /// A finding of `rule` at `fact`, unless the rule is off. `message` gets the value's JSON text (cut to
    /// [`crate::FOUND_LIMIT`] characters) and must include it, so that redaction can mask it.
    fn finding(
        &self,
        rule: RuleId,
        fact: &Fact<'_>,
        message: impl FnOnce(&str) -> String,
    ) -> Option<RuleFinding> {
        if self.rules.level(rule) == RuleLevel::Allow {
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
    pub(crate) fn report(
        &mut self,
        rule: RuleId,
        fact: &Fact<'_>,
        message: impl FnOnce(&str) -> String,
    ) {
        if let Some(unless) = self.routed {
            return self.report_unless(unless, rule, fact, message);
        }
        match self.room(rule, KEPT) {
            Some(true) => self.findings.extend(self.finding(rule, fact, message)),
            Some(false) => self.omitted[KEPT] += 1,
            None => {}
        }
    }

    /// Records a finding of `rule` at one of `item`'s members.
    pub(crate) fn report_member(
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
    pub(crate) fn report_unless(
        &mut self,
        unless: Unless,
        rule: RuleId,
        fact: &Fact<'_>,
        message: impl FnOnce(&str) -> String,
    ) {
        let place = 1 + unless as usize;
        match self.room(rule, place) {
            Some(true) => {
                if let Some(finding) = self.finding(rule, fact, message) {
                    self.pending.push((unless, finding));
                }
            }
            Some(false) => self.omitted[place] += 1,
            None => {}
        }
    }

    /// Records a finding that stands only if the invoice's `ts` is on the side of `when`'s instant it says,
    /// to be decided at the end (`ts` may come after the member).
    pub(crate) fn report_dated(
        &mut self,
        when: Dated,
        rule: RuleId,
        fact: &Fact<'_>,
        message: impl FnOnce(&str) -> String,
    ) {
        match self.room(rule, DATED) {
            Some(true) => {
                if let Some(finding) = self.finding(rule, fact, message) {
                    self.dated.push((when, finding));
                }
            }
            Some(false) => match self.omitted_dated.iter_mut().find(|(at, _)| *at == when) {
                Some((_, count)) => *count += 1,
                None => self.omitted_dated.push((when, 1)),
            },
            None => {}
        }
    }

    /// The time of validation, read when a rule first needs it (most documents have one `ts`; reading the
    /// clock for a document without one is wasted).
    pub(crate) fn now(&mut self) -> i64 {
        let rules = self.rules;
        *self.now.get_or_insert_with(|| {
            unix_seconds(rules.fixed_now().unwrap_or_else(std::time::SystemTime::now))
        })
    }
}

/// Whole seconds since the Unix epoch, rounded down.
fn unix_seconds(time: std::time::SystemTime) -> i64 {
    match time.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => {
            let before = before.duration();
            let whole = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
            -whole - i64::from(before.subsec_nanos() > 0)
        }
    }
}

/// The fact of `role` in a group.
pub(crate) fn find<'g, 'a>(group: &'g [Fact<'a>], role: Role) -> Option<&'g Fact<'a>> {
    group.iter().find(|fact| fact.role == role)
}

/// A fact's string value; `None` for a number (a type error the schema reports).
pub(crate) fn text<'a>(fact: &Fact<'a>) -> Option<Cow<'a, str>> {
    match fact.value() {
        FactValue::Str(text) => Some(text),
        FactValue::Num(_) => None,
    }
}

/// A GSTIN (a party's, or the e-commerce operator's), with its structure worked out once.
pub(crate) struct Gstin<'g, 'a> {
    /// The member.
    pub fact: &'g Fact<'a>,
    /// Its value.
    pub text: &'g str,
    /// Whether `URP` (an unregistered person) may stand in its place: a buyer's or ship-to party's.
    pub urp_allowed: bool,
    /// Which of GSTN's structures it has, or the one it comes closest to.
    pub structure: Result<Structure, NearMiss>,
}

/// A party (supplier, buyer, dispatch-from, ship-to): its facts, with what several rules need.
pub(crate) struct Party<'g, 'a> {
    /// The party's facts, its address's and contact number's among them.
    pub group: &'g [Fact<'a>],
    /// The party's state code (its `stateCode`, registration or address), as written.
    pub code: Option<Cow<'a, str>>,
    /// Whether the party is abroad (`stateCode` 96, a country other than India, or an OIDAR GSTIN).
    pub abroad: bool,
    /// The party's GSTIN, when it has one of GSTN's structures and a state code registrations are made
    /// under, with that code.
    pub registration: Option<(&'g Fact<'a>, [u8; 2])>,
}

/// The item being walked: its members, and what its entries add up to.
pub(crate) struct Item<'a> {
    /// The item's path (`/invoice/itemLists/3`).
    pub path: FactPath,
    /// The walk's number for the item's object, once one of the item's own members has come.
    pub object: Option<u32>,
    pub is_service: Option<Member<'a>>,
    pub hsn_code: Option<Member<'a>>,
    pub quantity: Option<Member<'a>>,
    pub unit_price: Option<Member<'a>>,
    pub total_amt: Option<Member<'a>>,
    pub assessment: Option<Member<'a>>,
    pub gst_rate: Option<Member<'a>>,
    pub value: Option<Member<'a>>,
    /// The exact values of the numeric members above, read once as each member comes (several rules
    /// and the invoice's sums read them): `None` for a member missing or not a number.
    pub numbers: ItemNumbers,
    /// The discounts of `itemValueDetails`, as positive amounts.
    pub discounts: Decimal,
    /// The charges of `itemValueDetails`.
    pub charges: Decimal,
    /// The part of `charges` that is income-tax TCS (`amounts::names_tcs`), never in GST's taxable value.
    pub tcs: Decimal,
    /// The taxes `itemValueDetails` states, if it states any.
    pub stated_tax: Option<Decimal>,
    /// The cesses `otherTaxes` lists (`otherTaxes[].amount` of a cess's `name`), if it lists any.
    pub other_taxes: Option<Decimal>,
    /// The cesses `itemValueDetails` states, if it states any: they may be `otherTaxes`' again.
    pub stated_cess: Option<Decimal>,
    /// The taxes the line states, head by head (IGST, CGST, SGST or UTGST), for `item-tax-rate`.
    pub heads: StatedHeads<'a>,
    /// Whether an entry's effect on the line is unknown (a round-off, a type or other tax not recognised, an
    /// amount that is not a number, a rate the rules do not compute): the assessable amount and the value
    /// are then not checked.
    pub unclear: bool,
}

impl<'a> Item<'a> {
    /// Keeps one of the item's own members.
    #[inline(always)]
    pub(crate) fn take(&mut self, member: Member<'a>) {
        let numbers = &mut self.numbers;
        let (slot, number) = match member.role {
            Role::IsService => (&mut self.is_service, None),
            Role::HsnCode => (&mut self.hsn_code, None),
            Role::Quantity => (&mut self.quantity, Some(&mut numbers.quantity)),
            Role::UnitPrice => (&mut self.unit_price, Some(&mut numbers.unit_price)),
            Role::TotalAmt => (&mut self.total_amt, Some(&mut numbers.total_amt)),
            Role::AssessmentAmount => (&mut self.assessment, Some(&mut numbers.assessment)),
            Role::GstRate => (&mut self.gst_rate, Some(&mut numbers.gst_rate)),
            Role::TotalItemValue => (&mut self.value, Some(&mut numbers.value)),
            _ => return,
        };
        if let Some(number) = number {
            *number = super::amounts::decimal(member.raw);
        }
        *slot = Some(member);
    }

    /// An item at `path`, with nothing of it seen yet.
    pub(crate) fn new(path: FactPath) -> Self {
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
            numbers: ItemNumbers::default(),
            discounts: Decimal::ZERO,
            charges: Decimal::ZERO,
            tcs: Decimal::ZERO,
            stated_tax: None,
            other_taxes: None,
            stated_cess: None,
            heads: StatedHeads::default(),
            unclear: false,
        }
    }
}

/// The taxes a line states, head by head ([`Head`]): what its `itemValueDetails` and `otherTaxes` amounts of
/// each head add up to, and the head's own rate if a `rates` entry states it. Built empty for every item, so
/// nothing in it but a tag is written until a line states a head.
#[derive(Default)]
pub(crate) struct StatedHeads<'a> {
    /// By [`Head`] (`heads[Head::Cgst as usize]`).
    pub heads: [StatedHead<'a>; 3],
    /// Whether any head is stated with an amount other than 0: most lines state none, and the rule
    /// returns at once.
    pub charged: bool,
    /// Whether an amount stated as a tax names no head, or two (`GST`, `CGST+SGST`): the line's heads
    /// cannot be judged.
    pub unrecognised: bool,
}

/// One head's tax as a line states it: its amounts, and its own rate.
#[derive(Default)]
pub(crate) struct StatedHead<'a> {
    /// Its amounts; `None` when the line states none.
    pub stated: Option<Stated<'a>>,
    /// The head's own rate, in percent, from a `rates` entry of its name.
    pub rate: Option<Decimal>,
}

/// A head's amounts as a line states them.
pub(crate) struct Stated<'a> {
    /// The value of its first entry, where a finding is made.
    pub first: Fact<'a>,
    /// What its entries add up to.
    pub sum: Decimal,
    /// Its last entry's amount (a second entry may repeat the first: `itemValueDetails` and `otherTaxes`).
    pub last: Decimal,
    /// How many entries state it.
    pub entries: u32,
}

impl<'a> StatedHeads<'a> {
    /// Adds an entry of a tax named `head` (`None`: no head, or two) of `amount`, at `value`.
    pub(crate) fn add(&mut self, head: Option<Head>, amount: Decimal, value: &Fact<'a>) {
        let Some(head) = head else {
            self.unrecognised = true;
            return;
        };
        self.charged |= !amount.is_zero();
        match &mut self.heads[head as usize].stated {
            Some(stated) => {
                match stated.sum.checked_add(amount) {
                    Some(sum) => stated.sum = sum,
                    None => self.unrecognised = true,
                }
                stated.last = amount;
                stated.entries += 1;
            }
            slot @ None => {
                *slot = Some(Stated {
                    first: value.clone(),
                    sum: amount,
                    last: amount,
                    entries: 1,
                });
            }
        }
    }
}

/// The exact values of an item's numeric members ([`Item::numbers`]).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ItemNumbers {
    pub quantity: Option<Decimal>,
    pub unit_price: Option<Decimal>,
    pub total_amt: Option<Decimal>,
    pub assessment: Option<Decimal>,
    pub gst_rate: Option<Decimal>,
    pub value: Option<Decimal>,
}

/// The invoice's sums, checked against `valueDetails` at the end.
pub(crate) struct Totals<'a> {
    /// The sum of the items' `assessmentAmount`; `None` once an item lacks it or it is not a number.
    pub assessment_sum: Option<Decimal>,
    /// The sum of the items' `totalItemValue`; `None` once an item lacks it or it is not a number.
    pub item_value_sum: Option<Decimal>,
    /// The adjustments of `valueDetails.otherValues`.
    pub adjustments: InvoiceAdjustments,
    /// Whether an `otherValues` entry's effect on the total is unknown, or a round-off was already found
    /// beyond its range: the total is then not checked.
    pub unclear: bool,
    pub assessment_value: Option<Fact<'a>>,
    pub total_invoice_value: Option<Fact<'a>>,
}

/// An `objectVersion`, both of whose members are numbers.
pub(crate) struct Version<'g, 'a> {
    /// The document's kind (the edit's convention applies to edits alone).
    pub kind: DocumentKind,
    pub current: &'g Fact<'a>,
    pub new: &'g Fact<'a>,
    pub from: Decimal,
    pub to: Decimal,
}

/// What an invoice says once the walk has seen all of it, for the rules between its parts.
pub(crate) struct Invoice<'g, 'a> {
    /// The supplier's GSTIN (`supplierDetails.gstin`).
    pub supplier_gstin: Option<&'g Fact<'a>>,
    /// The buyer's GSTIN (`buyerDetails.gstin`).
    pub buyer_gstin: Option<&'g Fact<'a>>,
    /// The buyer's place of supply.
    pub place_of_supply: Option<&'g Fact<'a>>,
    /// Whether the supply is an export (`supplyType` EXPWP or EXPWOP).
    pub export: bool,
    /// The supplier's `stateCode`.
    pub supplier_state: Option<&'g Fact<'a>>,
    /// The name of the first CGST, SGST or UTGST a line charges (a `rates` entry's `type`, an
    /// `itemValueDetails` entry's or an `otherTaxes` entry's `name`, its value not 0), if any.
    pub intra_state_tax: Option<&'g Fact<'a>>,
}

/// A payment's figure: its fact and its exact value, read once when the walk hands it over (several rules
/// and the payment's sums read it); `None` for a value that is not a number.
pub(crate) struct Figure<'a> {
    pub fact: Fact<'a>,
    pub value: Option<Decimal>,
}

impl<'a> Figure<'a> {
    /// The figure of `fact`, its value read.
    pub(crate) fn new(fact: Fact<'a>) -> Self {
        let value = decimal(&fact);
        Figure { fact, value }
    }
}

/// An amount's three parts (a payment's `paymentAmount`, an invoice's `invoicePaymentAmount`).
#[derive(Default)]
pub(crate) struct Amount<'a> {
    pub net_paid: Option<Figure<'a>>,
    pub net_adjustment: Option<Figure<'a>>,
    pub total: Option<Figure<'a>>,
}

/// One paid invoice of a payment (an entry of `invoicesPayInfos`), once the walk has left it.
#[derive(Default)]
pub(crate) struct PaidInvoice<'a> {
    /// Its index in the list.
    pub index: u32,
    pub due: Option<Figure<'a>>,
    pub paid: Amount<'a>,
    /// The sum of its splits' values; `None` once one is not a number.
    pub splits: Option<Decimal>,
    pub first_split: Option<Fact<'a>>,
}

/// A payment or a payment confirmation, once the walk has seen all of it.
pub(crate) struct Payment<'g, 'a> {
    pub payment_type: Option<&'g Fact<'a>>,
    pub response: Option<&'g Fact<'a>>,
    pub amount: &'g Amount<'a>,
    /// How many invoices it pays.
    pub invoices: usize,
    /// The sum of the invoices' `totalAmount`; `None` once one lacks it or it is not a number.
    pub invoice_totals: Option<Decimal>,
    /// The sum of the invoices' `netPaidAmount`; `None` once one lacks it or it is not a number.
    pub invoice_net_paid: Option<Decimal>,
    /// The sum of the invoices' `netAdjustmentAmount`; `None` once one lacks it or it is not a number.
    pub invoice_net_adjustments: Option<Decimal>,
}

impl Payment<'_, '_> {
    /// Reports `rule` at the payment's `figure` (the member `member` of `paymentAmount`) when it is not
    /// `sum`, the sum of its invoices' same member: the identity `payment-total`, `payment-net-paid` and
    /// `payment-net-adjustment` check. Nothing is judged without invoices, the figure or the sum.
    pub(crate) fn check_sum(
        &self,
        out: &mut Sink<'_>,
        rule: RuleId,
        member: &str,
        figure: Option<&Figure<'_>>,
        sum: Option<Decimal>,
    ) {
        if let (Some(figure), Some(sum)) = (figure, sum)
            && let Some(amount) = figure.value
            && self.invoices > 0
            && !super::amounts::same_money(amount, sum)
        {
            out.report(rule, &figure.fact, |found| {
                format!("{member} {found} is not the sum of the invoices' {member}, {sum}")
            });
        }
    }
}

/// The hooks of a rule: each is called, for every rule in the catalogue's order, when the checker has the
/// group it names, with the rule's own id to report under. A rule implements the hooks it needs.
#[allow(unused_variables)]
pub(crate) trait Check {
    /// A GSTIN, of a party or of the e-commerce operator.
    fn gstin(out: &mut Sink<'_>, rule: RuleId, gstin: &Gstin<'_, '_>) {}
    /// A party, with its address and contact number.
    fn party(out: &mut Sink<'_>, rule: RuleId, party: &Party<'_, '_>) {}
    /// An item, once the walk has left it.
    fn item(out: &mut Sink<'_>, rule: RuleId, item: &Item<'_>) {}
    /// A round-off entry of `valueDetails.otherValues` and its amount.
    fn round_off(out: &mut Sink<'_>, rule: RuleId, value: &Fact<'_>, amount: Decimal) {}
    /// The invoice's parties and kind of supply together, at the end.
    fn invoice(out: &mut Sink<'_>, rule: RuleId, invoice: &Invoice<'_, '_>) {}
    /// The invoice's totals, at the end.
    fn totals(out: &mut Sink<'_>, rule: RuleId, totals: &Totals<'_>) {}
    /// An `objectVersion`.
    fn version(out: &mut Sink<'_>, rule: RuleId, version: &Version<'_, '_>) {}
    /// A member checked on its own (`objectId`, `ts`, `ifsc`), with its string value.
    fn single(out: &mut Sink<'_>, rule: RuleId, fact: &Fact<'_>, value: &str) {}
    /// A `ts` that is a date-time, with its instant in Unix seconds (read once for every rule).
    fn timestamp(out: &mut Sink<'_>, rule: RuleId, fact: &Fact<'_>, at: i64) {}
    /// A payment's own `objectId`, with its string value.
    fn payment_id(out: &mut Sink<'_>, rule: RuleId, fact: &Fact<'_>, value: &str) {}
    /// A `currency` other than the payment's own, with the payment's.
    fn currency(out: &mut Sink<'_>, rule: RuleId, payment: &Fact<'_>, fact: &Fact<'_>) {}
    /// The `objectId` of an invoice a payment pays (`invoicesPayInfos[]`) or a confirmation confirms
    /// (`invoiceInfos[]`), with the first earlier entry of the same list that names the same invoice.
    fn invoice_id(out: &mut Sink<'_>, rule: RuleId, fact: &Fact<'_>, first: Option<&Fact<'_>>) {}
    /// A paid invoice, once the walk has left it.
    fn paid_invoice(out: &mut Sink<'_>, rule: RuleId, invoice: &PaidInvoice<'_>) {}
    /// The payment, at the end.
    fn payment(out: &mut Sink<'_>, rule: RuleId, payment: &Payment<'_, '_>) {}
}

/// A payment fact's exact amount, when it is a number: read as an item's amounts are
/// ([`super::amounts::decimal`], a plain number in one pass over its bytes).
pub(crate) fn decimal(fact: &Fact<'_>) -> Option<Decimal> {
    super::amounts::decimal(fact.raw)
}

/// What the rules' tests build their views from.
#[cfg(test)]
pub(crate) mod testing {
    use std::sync::LazyLock;

    use super::{Fact, Item, Sink};
    use crate::generated::roles::Role;
    use crate::path::{FactPath, Segment};
    use crate::rules::catalogue::RuleId;
    use crate::rules::catalogue::RuleLevel;
    use crate::rules::facts::Member;
    use crate::rules::set::RuleSet;

    /// The path of a JSON Pointer made of schema member names and indices.
    pub(crate) fn path(pointer: &str) -> FactPath {
        let segments: Vec<Segment> = pointer
            .split('/')
            .skip(1)
            .map(|segment| match segment.parse::<u32>() {
                Ok(index) => Segment::Index(index),
                Err(_) => Segment::Member(
                    crate::generated::tables::NAMES
                        .iter()
                        .position(|name| *name == segment)
                        .expect("a member name the schema declares") as u32,
                ),
            })
            .collect();
        FactPath::new(&segments).expect("a path no deeper than a fact's")
    }

    /// The first item of an invoice, with its own `members` (role, member name, JSON text).
    pub(crate) fn item(members: &[(Role, &'static str, &'static str)]) -> Item<'static> {
        let mut item = Item::new(path("/invoice/itemLists/0"));
        for &(role, member, raw) in members {
            let segment = *path(&format!("/invoice/itemLists/0/{member}"))
                .as_slice()
                .last()
                .expect("a member's segment");
            item.take(Member {
                role,
                member,
                raw,
                escaped: raw.contains('\\'),
                offset: 0,
                segment,
            });
        }
        item
    }

    /// A fact of `role` at `pointer`, whose value's JSON text is `raw`.
    pub(crate) fn fact(role: Role, pointer: &'static str, raw: &'static str) -> Fact<'static> {
        Fact {
            role,
            member: pointer.rsplit('/').next().unwrap_or_default(),
            raw,
            escaped: raw.starts_with('"') && raw.contains('\\'),
            offset: 0,
            path: path(pointer),
        }
    }

    /// A sink with every rule at `warn`.
    pub(crate) fn sink() -> Sink<'static> {
        static RULES: LazyLock<RuleSet> = LazyLock::new(|| {
            let mut rules = RuleSet::default();
            rules.set_all(RuleLevel::Warn);
            rules
        });
        Sink::new(&RULES)
    }

    /// Every finding the sink holds, kept or pending, as `(pointer, message)`.
    pub(crate) fn found(out: &Sink<'_>) -> Vec<(String, String)> {
        out.findings
            .iter()
            .chain(out.pending.iter().map(|(_, finding)| finding))
            .chain(out.dated.iter().map(|(_, finding)| finding))
            .map(|f| (f.pointer.as_str().to_owned(), f.message.clone()))
            .collect()
    }

    /// What a rule's `gstin` hook finds in the buyer's GSTIN `text`, written as `raw`.
    pub(crate) fn gstin_findings(
        hook: fn(&mut Sink<'_>, RuleId, &super::Gstin<'_, '_>),
        rule: RuleId,
        text: &'static str,
        raw: &'static str,
        urp_allowed: bool,
    ) -> Vec<(String, String)> {
        let fact = fact(Role::GstinOrUrp, "/invoice/buyerDetails/gstin", raw);
        let view = super::Gstin {
            fact: &fact,
            text,
            urp_allowed,
            structure: crate::rules::gstin::classify(text),
        };
        let mut out = sink();
        hook(&mut out, rule, &view);
        found(&out)
    }

    /// Invoice 0 of a payment: its due amount, the amount paid (net paid, adjustment, total) and its
    /// splits' values (at most three).
    pub(crate) fn paid_invoice(
        due: Option<&'static str>,
        paid: [Option<&'static str>; 3],
        splits: &[&'static str],
    ) -> super::PaidInvoice<'static> {
        const AT: &str = "/payment/invoicesPayInfos/0";
        let at = |role, pointer: &'static str, raw: Option<&'static str>| {
            raw.map(|raw| super::Figure::new(fact(role, pointer, raw)))
        };
        let mut invoice = super::PaidInvoice {
            index: 0,
            due: at(
                Role::InvoiceAmountDue,
                const_format(AT, "/invoiceAmount/dueAmount"),
                due,
            ),
            paid: super::Amount {
                net_paid: at(
                    Role::InvoicePaymentAmountNetPaid,
                    const_format(AT, "/invoicePaymentAmount/netPaidAmount"),
                    paid[0],
                ),
                net_adjustment: at(
                    Role::InvoicePaymentAmountNetAdjustment,
                    const_format(AT, "/invoicePaymentAmount/netAdjustmentAmount"),
                    paid[1],
                ),
                total: at(
                    Role::InvoicePaymentAmountTotal,
                    const_format(AT, "/invoicePaymentAmount/totalAmount"),
                    paid[2],
                ),
            },
            splits: Some(rust_decimal::Decimal::ZERO),
            first_split: None,
        };
        for (index, &raw) in splits.iter().enumerate() {
            let pointer = const_format(AT, &format!("/invoicePaymentAmount/splits/{index}/value"));
            let value: rust_decimal::Decimal = raw.parse().expect("a decimal");
            invoice.splits = invoice.splits.map(|sum| sum + value);
            invoice
                .first_split
                .get_or_insert(fact(Role::SplitValue, pointer, raw));
        }
        invoice
    }

    /// `a` and `b` joined, for the life of the tests.
    fn const_format(a: &str, b: &str) -> &'static str {
        Box::leak(format!("{a}{b}").into_boxed_str())
    }

    /// One finding, as `(pointer, message)`.
    pub(crate) fn one(pointer: &str, message: &str) -> Vec<(String, String)> {
        vec![(pointer.to_owned(), message.to_owned())]
    }
}
