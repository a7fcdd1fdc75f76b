//! The checks: the rules run on the facts as the walk hands them over, one party, item or version object at
//! a time.

use std::time::{SystemTime, UNIX_EPOCH};

use rust_decimal::Decimal;

use super::catalogue::{RuleId, RuleLevel, RuleSet};
use super::facts::{Fact, FactValue, RuleFinding};
use super::states::StateCode;
use super::{amounts, formats, gstin, states, timestamp};
use crate::kind::DocumentKind;
use crate::path::Segment;
use crate::report::shorten;
use crate::schema::Role;

/// The day into the future a `ts` may be, for clocks that disagree: 24 hours, in seconds.
const FUTURE_ALLOWANCE: i64 = 86_400;

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
            now: unix_seconds(rules.fixed_now().unwrap_or_else(SystemTime::now)),
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
    fn report(&mut self, rule: RuleId, fact: &Fact<'_>, message: impl FnOnce(&str) -> String) {
        if self.rules.level_of(rule) == RuleLevel::Allow {
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
                find(|r| matches!(r, Role::Gstin | Role::GstinOrUrp)),
                find(|r| r == Role::StateCode),
                find(|r| r == Role::AddressState),
            ),
        }
    }

    /// The rules on one string value. A value of another JSON type is the schema's finding: it never gets
    /// here.
    fn string(&mut self, fact: &Fact<'_>, text: &str) {
        match fact.role {
            Role::Gstin => self.gstin(fact, text, false),
            Role::GstinOrUrp => self.gstin(fact, text, true),
            Role::EcommerceGstin => self.gstin(fact, text, false),
            Role::StateCode | Role::PlaceOfSupply => self.state_code(fact, text),
            Role::Pincode if !formats::is_pincode(text) => {
                self.report(RuleId::Pincode, fact, |found| {
                    format!("pincode {found} is not six digits from 100000 to 999999")
                });
            }
            Role::Ifsc if !formats::is_ifsc(text) => {
                self.report(RuleId::Ifsc, fact, |found| {
                    format!(
                        "IFSC {found} is not four upper-case letters, a zero and six upper-case letters or digits"
                    )
                });
            }
            Role::HsnCode => {
                if let Some(fault) = formats::hsn_fault(text) {
                    self.report(RuleId::HsnCode, fact, |found| {
                        format!("HSN code {found} {fault}")
                    });
                }
            }
            Role::Email if !formats::is_email(text) => {
                self.report(RuleId::Email, fact, |found| {
                    format!(
                        "e-mail address {found} does not match {}",
                        formats::EMAIL_PATTERN
                    )
                });
            }
            Role::Phone if !formats::is_phone(text) => {
                self.report(RuleId::Phone, fact, |found| {
                    format!("phone number {found} is not 6 to 12 digits")
                });
            }
            Role::ObjectId => {
                if let Some(prefix) = formats::wrong_object_id_prefix(text) {
                    self.report(RuleId::ObjectIdPrefix, fact, |found| {
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
            Some(gstin::Fault::Length(length)) => self.report(RuleId::GstinFormat, fact, |found| {
                format!("GSTIN {found} has {length} characters; a GSTIN has 15")
            }),
            Some(gstin::Fault::Position(at, what)) => self.report(RuleId::GstinFormat, fact, |found| {
                format!("GSTIN {found} does not have the GSTIN structure: position {at} should be {what}")
            }),
            None => {
                let bytes = text.as_bytes();
                let (written, computed) = (bytes[14], gstin::check_character(bytes));
                if written != computed {
                    self.report(RuleId::GstinChecksum, fact, |found| {
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
                self.report(RuleId::GstinState, fact, |found| {
                    format!("GSTIN {found} starts with {prefix}, {why}")
                });
            }
        }
    }

    fn state_code(&mut self, fact: &Fact<'_>, code: &str) {
        let member = fact.member;
        match states::state(code) {
            StateCode::Current(_) | StateCode::Abroad => {}
            StateCode::Historical(note) => {
                self.report(RuleId::StateCode, fact, |found| {
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
                self.report(RuleId::StateCode, fact, |found| {
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
            self.report(RuleId::GstinState, code_fact, |found| {
                format!("stateCode {found} is not {prefix}, the state code that starts the party's GSTIN")
            });
        }
        if let Some(state_fact) = address_state
            && let FactValue::Str(name) = state_fact.value()
            && states::is_name(&name)
            && let StateCode::Current(expected) = states::state(&code)
            && name != expected
        {
            self.report(RuleId::StateCode, state_fact, |found| {
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
                self.report(RuleId::ItemAmounts, t, |found| {
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
            self.report(RuleId::ItemAmounts, v, |found| {
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
            self.report(RuleId::VersionStep, new, |found| {
                format!("newVersion {found} is below currentVersion {}", current.raw)
            });
        } else if self.kind == DocumentKind::EditInvoice
            && let Some(next) = from.checked_add(Decimal::ONE)
            && to != next
        {
            self.report(RuleId::VersionStep, new, |found| {
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
            self.report(RuleId::TimestampPlausible, fact, |found| {
                format!("ts {found} is before 2017-07-01T00:00:00+05:30, when GST began")
            });
        } else if at > self.now.saturating_add(FUTURE_ALLOWANCE) {
            let now = timestamp::format_utc(self.now);
            self.report(RuleId::TimestampPlausible, fact, |found| {
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
                        self.report(RuleId::InvoiceTotals, fact, |found| {
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
                        self.report(RuleId::InvoiceTotals, fact, |found| {
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
