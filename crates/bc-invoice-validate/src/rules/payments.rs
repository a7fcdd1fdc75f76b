//! The payment rules' state: the walk hands the payment facts over in document order, and this keeps a few
//! facts of the payment and those of the invoice being walked, so memory does not grow with the number of
//! invoices paid. When the walk leaves a paid invoice, and at the end, it calls the rules' hooks
//! ([`super::hooks::Check::paid_invoice`], [`super::hooks::Check::payment`]); the rules are in
//! [`super::catalogue`].

use std::borrow::Cow;
use std::collections::HashMap;

use rust_decimal::Decimal;

use super::dispatch::All;
use super::facts::Fact;
use super::hooks::{Amount, Figure, PaidInvoice, Payment, Sink, Unless, decimal, text};
use crate::generated::roles::Role;
use crate::path::Segment;

/// The payment rules' state for one document.
pub(crate) struct Payments<'a> {
    /// `resp.result`, once seen.
    result: Option<Fact<'a>>,
    payment_type: Option<Fact<'a>>,
    response: Option<Fact<'a>>,
    /// The payment's own `currency` (`payment.currency`), once seen.
    currency: Option<Fact<'a>>,
    /// Currencies seen before the payment's own, compared once it comes.
    early_currencies: Vec<Fact<'a>>,
    payment: Amount<'a>,
    invoice: Option<PaidInvoice<'a>>,
    /// The sums of the invoices' `totalAmount`, `netPaidAmount` and `netAdjustmentAmount`; each `None` once
    /// an invoice lacks it or it is not a number.
    invoice_totals: Option<Decimal>,
    invoice_net_paid: Option<Decimal>,
    invoice_net_adjustments: Option<Decimal>,
    invoices: usize,
    /// The invoices named so far, by `objectId` (escapes decoded): one entry per invoice of the document (the
    /// document's own text, borrowed), so that a second mention names the first. Searched in a list while
    /// there are at most [`FEW_INVOICES`] (most payments name one to a handful, and a hash map's set-up and
    /// hashing cost more than such a search), then in a hash map, so that the cost stays linear.
    invoice_ids: Vec<(Cow<'a, str>, Fact<'a>)>,
    many_invoice_ids: Option<HashMap<Cow<'a, str>, Fact<'a>>>,
}

/// How many invoices' ids [`Payments`] searches in a list before it keeps them in a hash map.
const FEW_INVOICES: usize = 8;

/// Adds an invoice's amount to a running sum: `None` (the invoice lacks the member, or it is not a number)
/// makes the sum unknown.
fn add(sum: Option<Decimal>, amount: Option<&Figure<'_>>) -> Option<Decimal> {
    sum?.checked_add(amount?.value?)
}

/// The index of the paid invoice a fact belongs to: the first index of its path.
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
    pub(super) fn new() -> Self {
        Payments {
            result: None,
            payment_type: None,
            response: None,
            currency: None,
            early_currencies: Vec::new(),
            payment: Amount::default(),
            invoice: None,
            invoice_totals: Some(Decimal::ZERO),
            invoice_net_paid: Some(Decimal::ZERO),
            invoice_net_adjustments: Some(Decimal::ZERO),
            invoices: 0,
            invoice_ids: Vec::new(),
            many_invoice_ids: None,
        }
    }

    /// Whether a response webhook's `result` is there and is not `SUCCESS` (in any case): the platform
    /// refused the request, and the body it echoes is not judged (the payments audit: an ONPLATFORM REJECT
    /// echoed in a FAILURE made the platform's own message invalid).
    pub(super) fn refused(&self) -> bool {
        self.result
            .as_ref()
            .and_then(text)
            .is_some_and(|result| !result.eq_ignore_ascii_case("SUCCESS"))
    }

    /// Takes the next payment fact. In a response webhook (`received`: the kind, which detection may
    /// decide after the first facts, is known by the body's) the rules' findings wait for `resp.result`,
    /// which may come after the body ([`Unless::Refused`]).
    pub(super) fn add(&mut self, out: &mut Sink<'_>, fact: Fact<'a>, received: bool) {
        out.routed = received.then_some(Unless::Refused);
        self.take(out, fact);
        out.routed = None;
    }

    fn take(&mut self, out: &mut Sink<'_>, fact: Fact<'a>) {
        match fact.role {
            Role::ResponseResult => self.result = Some(fact),
            Role::PaymentObjectId => {
                if let Some(id) = text(&fact) {
                    All::payment_id(out, &fact, &id);
                }
            }
            Role::PaymentType => self.payment_type = Some(fact),
            Role::SupplierResponse => self.response = Some(fact),
            Role::Currency => self.currency(out, fact),
            Role::PaymentAmountNetPaid => self.payment.net_paid = Some(Figure::new(fact)),
            Role::PaymentAmountNetAdjustment => {
                self.payment.net_adjustment = Some(Figure::new(fact));
            }
            Role::PaymentAmountTotal => self.payment.total = Some(Figure::new(fact)),
            Role::InvoicePaymentAmountNetPaid
            | Role::InvoicePaymentAmountNetAdjustment
            | Role::InvoicePaymentAmountTotal
            | Role::InvoiceAmountDue
            | Role::SplitValue => self.invoice_fact(out, fact),
            Role::ObjectId => self.invoice_id(out, fact),
            _ => {}
        }
    }

    /// A `currency`: the payment's own (`payment.currency`, two segments deep) is kept, and every other is
    /// compared with it, those before it once it comes.
    fn currency(&mut self, out: &mut Sink<'_>, fact: Fact<'a>) {
        if fact.path.as_slice().len() == 2 && self.currency.is_none() {
            for early in std::mem::take(&mut self.early_currencies) {
                All::currency(out, &fact, &early);
            }
            self.currency = Some(fact);
            return;
        }
        match &self.currency {
            Some(payment) => All::currency(out, payment, &fact),
            None => self.early_currencies.push(fact),
        }
    }

    /// The `objectId` of a paid or confirmed invoice: compared with those named before it. It also starts
    /// the invoice, so that an invoice that names itself but gives no amounts (none of its members is
    /// required) is counted and makes the payment's sums unknown, rather than being left out of them.
    fn invoice_id(&mut self, out: &mut Sink<'_>, fact: Fact<'a>) {
        self.open_invoice(out, &fact);
        let Some(id) = text(&fact) else { return };
        let first = match &self.many_invoice_ids {
            Some(map) => map.get(&id),
            None => self
                .invoice_ids
                .iter()
                .find(|(seen, _)| *seen == id)
                .map(|(_, first)| first),
        };
        All::invoice_id(out, &fact, first);
        if first.is_some() {
            return;
        }
        if self.many_invoice_ids.is_none() && self.invoice_ids.len() < FEW_INVOICES {
            self.invoice_ids.push((id, fact));
        } else {
            let ids = &mut self.invoice_ids;
            self.many_invoice_ids
                .get_or_insert_with(|| ids.drain(..).collect())
                .insert(id, fact);
        }
    }

    /// A fact of a paid invoice: the invoice before it is left when this one starts another.
    fn invoice_fact(&mut self, out: &mut Sink<'_>, fact: Fact<'a>) {
        let Some(invoice) = self.open_invoice(out, &fact) else {
            return;
        };
        match fact.role {
            Role::InvoiceAmountDue => invoice.due = Some(Figure::new(fact)),
            Role::InvoicePaymentAmountNetPaid => invoice.paid.net_paid = Some(Figure::new(fact)),
            Role::InvoicePaymentAmountNetAdjustment => {
                invoice.paid.net_adjustment = Some(Figure::new(fact));
            }
            Role::InvoicePaymentAmountTotal => invoice.paid.total = Some(Figure::new(fact)),
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

    /// The invoice a fact belongs to, started if it is not the one being walked (the one before it is left
    /// then); `None` for a fact outside a list of invoices.
    fn open_invoice(
        &mut self,
        out: &mut Sink<'_>,
        fact: &Fact<'_>,
    ) -> Option<&mut PaidInvoice<'a>> {
        let index = invoice_index(fact)?;
        if self.invoice.as_ref().is_some_and(|i| i.index != index) {
            self.close_invoice(out);
        }
        Some(self.invoice.get_or_insert_with(|| PaidInvoice {
            index,
            splits: Some(Decimal::ZERO),
            ..PaidInvoice::default()
        }))
    }

    /// The invoice the walk has left: its rules, and its total into the payment's sum.
    fn close_invoice(&mut self, out: &mut Sink<'_>) {
        let Some(invoice) = self.invoice.take() else {
            return;
        };
        self.invoices += 1;
        self.invoice_totals = add(self.invoice_totals, invoice.paid.total.as_ref());
        self.invoice_net_paid = add(self.invoice_net_paid, invoice.paid.net_paid.as_ref());
        self.invoice_net_adjustments = add(
            self.invoice_net_adjustments,
            invoice.paid.net_adjustment.as_ref(),
        );
        All::paid_invoice(out, &invoice);
    }

    /// The rules that need the whole document (`received` as for [`Payments::add`]).
    pub(super) fn finish(&mut self, out: &mut Sink<'_>, received: bool) {
        out.routed = received.then_some(Unless::Refused);
        self.close_invoice(out);
        let payment = Payment {
            payment_type: self.payment_type.as_ref(),
            response: self.response.as_ref(),
            amount: &self.payment,
            invoices: self.invoices,
            invoice_totals: self.invoice_totals,
            invoice_net_paid: self.invoice_net_paid,
            invoice_net_adjustments: self.invoice_net_adjustments,
        };
        All::payment(out, &payment);
        out.routed = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hooks::testing::{fact, found, sink};

    /// A paid invoice's `objectId`, `INV` and 32 characters ending in `n`, at entry `index`.
    fn invoice(index: usize, n: usize) -> Fact<'static> {
        let pointer = format!("/payment/invoicesPayInfos/{index}/objectId");
        let raw = format!("\"INV{n:032}\"");
        fact(
            Role::ObjectId,
            Box::leak(pointer.into_boxed_str()),
            Box::leak(raw.into_boxed_str()),
        )
    }

    /// A repeated invoice names its first mention whether the ids are in the list or, past
    /// `FEW_INVOICES`, in the hash map; an id the list held is found in the map too.
    #[test]
    fn a_repeated_invoice_names_the_first_in_the_list_and_in_the_map() {
        for count in [2, FEW_INVOICES, FEW_INVOICES + 1, 3 * FEW_INVOICES] {
            let mut out = sink();
            let mut payments = Payments::new();
            for index in 0..count {
                payments.add(&mut out, invoice(index, index), false);
            }
            // Again the first and the last of them.
            payments.add(&mut out, invoice(count, 0), false);
            payments.add(&mut out, invoice(count + 1, count - 1), false);
            let at = |index: usize| format!("/payment/invoicesPayInfos/{index}/objectId");
            let pointers: Vec<String> = found(&out)
                .into_iter()
                .map(|(pointer, _)| pointer)
                .collect();
            assert_eq!(pointers, [at(count), at(count + 1)], "{count} invoices");
            let messages: Vec<String> = found(&out)
                .into_iter()
                .map(|(_, message)| message)
                .collect();
            assert!(
                messages[0].ends_with(&format!("first at {}", at(0))),
                "{messages:?}"
            );
            assert!(
                messages[1].ends_with(&format!("first at {}", at(count - 1))),
                "{messages:?}"
            );
        }
    }

    /// An invoice that names itself but gives no amounts (none of a paid invoice's members is required)
    /// leaves the payment's sums unknown, as one that lacks only its `totalAmount` does: the sum of the
    /// other invoices is not the payment's, and no rule compares them.
    #[test]
    fn an_invoice_without_amounts_leaves_the_sums_unknown() {
        let mut out = sink();
        let mut payments = Payments::new();
        let payment = |role, member: &'static str, raw| {
            let pointer = format!("/payment/paymentAmount/{member}");
            fact(role, Box::leak(pointer.into_boxed_str()), raw)
        };
        let paid = |role, member: &'static str, raw| {
            let pointer = format!("/payment/invoicesPayInfos/0/invoicePaymentAmount/{member}");
            fact(role, Box::leak(pointer.into_boxed_str()), raw)
        };
        payments.add(
            &mut out,
            payment(Role::PaymentAmountNetPaid, "netPaidAmount", "17700.25"),
            false,
        );
        payments.add(
            &mut out,
            payment(Role::PaymentAmountTotal, "totalAmount", "17700.25"),
            false,
        );
        payments.add(&mut out, invoice(0, 0), false);
        payments.add(
            &mut out,
            paid(
                Role::InvoicePaymentAmountNetPaid,
                "netPaidAmount",
                "11800.00",
            ),
            false,
        );
        payments.add(
            &mut out,
            paid(Role::InvoicePaymentAmountTotal, "totalAmount", "11800.00"),
            false,
        );
        // The second invoice, paid 5900.25, gives only its objectId.
        payments.add(&mut out, invoice(1, 1), false);
        payments.finish(&mut out, false);
        assert_eq!(found(&out), []);
    }
}
