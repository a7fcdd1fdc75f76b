//! The payment rules: the documented "REJECT is only for offplatform payment", the literal `PMT` prefix of a
//! payment id, and the amount conventions (off by default). The walk hands the payment facts over in
//! document order; the state kept is a few facts of the payment and those of the invoice being walked, so
//! memory does not grow with the number of invoices paid.

use rust_decimal::Decimal;

use super::catalogue::RuleId;
use super::facts::{Fact, FactValue};
use crate::generated::roles::Role;
use crate::path::{FactPath, Segment};

/// The tolerance of `payment-due`: whole-rupee rounding, as `invoice-totals` allows.
const DUE_ALLOWANCE: Decimal = Decimal::ONE;

/// An amount's three parts.
#[derive(Default)]
struct Amount<'a> {
    net_paid: Option<Fact<'a>>,
    net_adjustment: Option<Fact<'a>>,
    total: Option<Fact<'a>>,
}

/// What the rules keep of the invoice being walked.
#[derive(Default)]
struct Invoice<'a> {
    /// Its index in `invoicesPayInfos`.
    index: u32,
    due: Option<Fact<'a>>,
    paid: Amount<'a>,
    /// The sum of the splits so far; `None` once a split is not a number.
    splits: Option<Decimal>,
    /// The first split's value, for the path of the `splits` array.
    first_split: Option<Fact<'a>>,
}

/// The payment rules' state for one document.
pub(crate) struct Payments<'a> {
    payment_type: Option<Fact<'a>>,
    response: Option<Fact<'a>>,
    /// The payment's own currency (`payment.currency`): every other is compared with it.
    currency: Option<Fact<'a>>,
    /// Other currencies met before the payment's own (only in a document whose members are out of the
    /// schema's order), compared once it comes.
    early_currencies: Vec<Fact<'a>>,
    payment: Amount<'a>,
    invoice: Option<Invoice<'a>>,
    /// The sum of the invoices' `invoicePaymentAmount.totalAmount`; `None` once one is missing or not a
    /// number.
    invoice_totals: Option<Decimal>,
    invoices: usize,
    /// Findings made and not yet handed to the checker, which knows the rules' levels.
    found: Vec<Found<'a>>,
}

/// A payment rule's finding: the rule, the fact it is about, and its message given the fact's text.
pub(super) type Found<'a> = (RuleId, Fact<'a>, Box<dyn FnOnce(&str) -> String>);

impl<'a> Payments<'a> {
    /// The state before the first fact.
    pub(super) fn new() -> Self {
        Payments {
            payment_type: None,
            response: None,
            currency: None,
            early_currencies: Vec::new(),
            payment: Amount::default(),
            invoice: None,
            invoice_totals: Some(Decimal::ZERO),
            invoices: 0,
            found: Vec::new(),
        }
    }

    /// The findings made since the last call.
    pub(super) fn take_found(&mut self) -> std::vec::Drain<'_, Found<'a>> {
        self.found.drain(..)
    }

    fn report(
        &mut self,
        rule: RuleId,
        fact: &Fact<'a>,
        message: impl FnOnce(&str) -> String + 'static,
    ) {
        self.found.push((rule, fact.clone(), Box::new(message)));
    }
}

/// A number fact's exact value.
fn decimal(fact: &Fact<'_>) -> Option<Decimal> {
    match fact.value() {
        FactValue::Num(text) => Decimal::from_str_exact(text)
            .ok()
            .or_else(|| Decimal::from_scientific(text).ok()),
        FactValue::Str(_) => None,
    }
}

/// A string fact's value.
fn text(fact: &Fact<'_>) -> Option<String> {
    match fact.value() {
        FactValue::Str(text) => Some(text.into_owned()),
        FactValue::Num(_) => None,
    }
}

/// The index of the invoice a fact belongs to: the first array index on its path.
fn invoice_index(fact: &Fact<'_>) -> Option<u32> {
    fact.path
        .as_slice()
        .iter()
        .find_map(|segment| match segment {
            Segment::Index(index) => Some(*index),
            Segment::Member(_) => None,
        })
}

impl<'a> Payments<'a> {
    /// Takes a fact the payment rules read.
    pub(super) fn add(&mut self, fact: Fact<'a>) {
        match fact.role {
            Role::PaymentObjectId => self.payment_id(&fact),
            Role::PaymentType => self.payment_type = Some(fact),
            Role::SupplierResponse => self.response = Some(fact),
            Role::Currency => self.currency(fact),
            Role::PaymentAmountNetPaid => self.payment.net_paid = Some(fact),
            Role::PaymentAmountNetAdjustment => self.payment.net_adjustment = Some(fact),
            Role::PaymentAmountTotal => self.payment.total = Some(fact),
            Role::InvoicePaymentAmountNetPaid
            | Role::InvoicePaymentAmountNetAdjustment
            | Role::InvoicePaymentAmountTotal
            | Role::InvoiceAmountDue
            | Role::SplitValue => self.invoice_fact(fact),
            _ => {}
        }
    }

    fn payment_id(&mut self, fact: &Fact<'a>) {
        let Some(id) = text(fact) else { return };
        if let Some(prefix) = super::formats::wrong_prefix(&id, "PMT") {
            let prefix = prefix.to_owned();
            self.report(RuleId::ObjectIdPrefix, fact, move |found| {
                format!("objectId {found} starts with {prefix}, not the literal PMT of a payment")
            });
        }
    }

    fn currency(&mut self, fact: Fact<'a>) {
        // The payment's own currency is the one directly in `payment`: two levels deep.
        if fact.path.as_slice().len() == 2 && self.currency.is_none() {
            self.currency = Some(fact);
            for early in std::mem::take(&mut self.early_currencies) {
                self.compare_currency(early);
            }
            return;
        }
        if self.currency.is_some() {
            self.compare_currency(fact);
        } else {
            self.early_currencies.push(fact);
        }
    }

    fn compare_currency(&mut self, fact: Fact<'a>) {
        let Some(payment) = &self.currency else {
            return;
        };
        if let (Some(expected), Some(this)) = (text(payment), text(&fact))
            && expected != this
        {
            let expected_raw = payment.raw.to_owned();
            self.report(RuleId::PaymentCurrency, &fact, move |found| {
                format!("currency {found} is not the payment's currency {expected_raw}")
            });
        }
    }

    fn invoice_fact(&mut self, fact: Fact<'a>) {
        let Some(index) = invoice_index(&fact) else {
            return;
        };
        if self.invoice.as_ref().is_some_and(|i| i.index != index) {
            self.close_invoice();
        }
        let invoice = self.invoice.get_or_insert_with(|| Invoice {
            index,
            splits: Some(Decimal::ZERO),
            ..Invoice::default()
        });
        match fact.role {
            Role::InvoiceAmountDue => invoice.due = Some(fact),
            Role::InvoicePaymentAmountNetPaid => invoice.paid.net_paid = Some(fact),
            Role::InvoicePaymentAmountNetAdjustment => invoice.paid.net_adjustment = Some(fact),
            Role::InvoicePaymentAmountTotal => invoice.paid.total = Some(fact),
            Role::SplitValue => {
                invoice.splits = invoice
                    .splits
                    .zip(decimal(&fact))
                    .and_then(|(a, b)| a.checked_add(b));
                invoice.first_split.get_or_insert(fact);
            }
            _ => {}
        }
    }

    /// The rules on one paid invoice, once the walk has left it.
    fn close_invoice(&mut self) {
        let Some(invoice) = self.invoice.take() else {
            return;
        };
        self.invoices += 1;
        self.parts(&invoice.paid);
        let total = invoice.paid.total.as_ref().and_then(decimal);
        self.invoice_totals = self
            .invoice_totals
            .zip(total)
            .and_then(|(sum, total)| sum.checked_add(total));
        if let (Some(split), Some(sum)) = (&invoice.first_split, invoice.splits) {
            let paid = invoice.paid.net_paid.as_ref().and_then(decimal);
            let agrees = |amount: Option<Decimal>| amount == Some(sum);
            if (total.is_some() || paid.is_some()) && !agrees(total) && !agrees(paid) {
                // The finding is about the whole array: its path is the split's, up to `splits`.
                let path = split.path.as_slice();
                let splits = path
                    .iter()
                    .rposition(|s| matches!(s, Segment::Index(_)))
                    .and_then(|at| FactPath::new(&path[..at]));
                let shown =
                    |amount: Option<Decimal>| amount.map_or("none".to_owned(), |a| a.to_string());
                let (total, paid) = (shown(total), shown(paid));
                if let Some(splits) = splits {
                    let at = Fact {
                        path: splits,
                        raw: split.raw,
                        ..split.clone()
                    };
                    self.report(RuleId::PaymentSplits, &at, move |found| {
                        format!(
                            "the splits add up to {sum}, neither the totalAmount {total} nor the netPaidAmount \
                             {paid} (the first split is {found})"
                        )
                    });
                }
            }
        }
        if let (Some(total_fact), Some(total), Some(due)) = (
            &invoice.paid.total,
            total,
            invoice.due.as_ref().and_then(decimal),
        ) && due
            .checked_add(DUE_ALLOWANCE)
            .is_some_and(|limit| total > limit)
        {
            self.report(RuleId::PaymentDue, total_fact, move |found| {
                format!("totalAmount {found} pays more than the invoice's dueAmount {due} (allowing 1.00)")
            });
        }
    }

    /// `payment-parts` on one amount.
    fn parts(&mut self, amount: &Amount<'a>) {
        let (Some(total_fact), Some(total), Some(paid), Some(adjusted)) = (
            &amount.total,
            amount.total.as_ref().and_then(decimal),
            amount.net_paid.as_ref().and_then(decimal),
            amount.net_adjustment.as_ref().and_then(decimal),
        ) else {
            return;
        };
        if paid.checked_add(adjusted) != Some(total) {
            self.report(RuleId::PaymentParts, total_fact, move |found| {
                format!("totalAmount {found} is not netPaidAmount {paid} + netAdjustmentAmount {adjusted}")
            });
        }
    }

    /// The rules that need the whole document: the REJECT rule, the payment's own amount and its sum.
    pub(super) fn finish(&mut self) {
        self.close_invoice();
        if let (Some(response), Some(kind)) = (
            self.response.take(),
            self.payment_type.as_ref().and_then(text),
        ) && text(&response).as_deref() == Some("REJECT")
            && kind != "OFFPLATFORM"
        {
            self.report(RuleId::RejectOffplatformOnly, &response, move |found| {
                format!("supplierResponse {found} is only for an OFFPLATFORM payment; this one is {kind}")
            });
        }
        let payment = std::mem::take(&mut self.payment);
        self.parts(&payment);
        if let (Some(total_fact), Some(total), Some(sum)) = (
            &payment.total,
            payment.total.as_ref().and_then(decimal),
            self.invoice_totals,
        ) && self.invoices > 0
            && total != sum
        {
            self.report(RuleId::PaymentTotal, total_fact, move |found| {
                format!("totalAmount {found} is not the sum of the invoices' totalAmount, {sum}")
            });
        }
    }
}
