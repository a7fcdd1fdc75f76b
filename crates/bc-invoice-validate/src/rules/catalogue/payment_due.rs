//! An invoice's `invoicePaymentAmount.totalAmount` is not more than its
//! `invoiceAmount.dueAmount` plus 1.00 (whole-rupee rounding, as `invoice-totals` allows).
//!
//! Source: the Pay Invoice page's `invoiceAmount.dueAmount` (what is due) and
//! `invoicePaymentAmount.totalAmount` (what this payment settles). The 1.00 is the one legitimate excess we
//! know: a due amount in paise paid rounded up to the rupee, as invoice values are (CGST Act s.170 rounds
//! tax to the rupee; `invoice-totals` allows the same). Whether the platform accepts an overpayment is not
//! documented, so the rule warns and never denies by default.
//!
//! Tolerance: 1.00 (whole-rupee rounding).

use rust_decimal::Decimal;

use super::{Rule, RuleId};
use crate::rules::hooks::{Check, PaidInvoice, Sink, decimal};

/// The tolerance: whole-rupee rounding, as `invoice-totals` allows.
const DUE_ALLOWANCE: Decimal = Decimal::ONE;

/// The rule: its id, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    "payment-due",
    "an invoice's payment is not more than its dueAmount plus a rupee of rounding",
    "1.00",
    "Pay Invoice page (invoiceAmount.dueAmount, invoicePaymentAmount.totalAmount): the members' names; CGST Act s.170 (rounding)",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn paid_invoice(out: &mut Sink<'_>, rule: RuleId, invoice: &PaidInvoice<'_>) {
        if let (Some(total_fact), Some(total), Some(due)) = (
            &invoice.paid.total,
            invoice.paid.total.as_ref().and_then(decimal),
            invoice.due.as_ref().and_then(decimal),
        ) && due
            .checked_add(DUE_ALLOWANCE)
            .is_some_and(|limit| total > limit)
        {
            out.report(rule, total_fact, |found| {
                format!("totalAmount {found} pays more than the invoice's dueAmount {due} (allowing 1.00)")
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::roles::Role;
    use crate::rules::hooks::Amount;
    use crate::rules::hooks::testing::{fact, found, one, sink};

    /// Invoice 0 of a payment: its due amount, the amount paid (net paid, adjustment, total) and its splits.
    fn invoice(
        due: Option<&'static str>,
        paid: [Option<&'static str>; 3],
        splits: &[&'static str],
    ) -> PaidInvoice<'static> {
        let at = |role, pointer, raw: Option<&'static str>| raw.map(|raw| fact(role, pointer, raw));
        let mut invoice = PaidInvoice {
            index: 0,
            due: at(Role::InvoiceAmountDue, "/payment/invoicesPayInfos/0/invoiceAmount/dueAmount", due),
            paid: Amount {
                net_paid: at(Role::InvoicePaymentAmountNetPaid, "/payment/invoicesPayInfos/0/invoicePaymentAmount/netPaidAmount", paid[0]),
                net_adjustment: at(Role::InvoicePaymentAmountNetAdjustment, "/payment/invoicesPayInfos/0/invoicePaymentAmount/netAdjustmentAmount", paid[1]),
                total: at(Role::InvoicePaymentAmountTotal, "/payment/invoicesPayInfos/0/invoicePaymentAmount/totalAmount", paid[2]),
            },
            splits: Some(rust_decimal::Decimal::ZERO),
            first_split: None,
        };
        for (index, &raw) in splits.iter().enumerate() {
            let pointer: &'static str = ["/payment/invoicesPayInfos/0/invoicePaymentAmount/splits/0/value",
                "/payment/invoicesPayInfos/0/invoicePaymentAmount/splits/1/value",
                "/payment/invoicesPayInfos/0/invoicePaymentAmount/splits/2/value"][index];
            let split = fact(Role::SplitValue, pointer, raw);
            invoice.splits = invoice.splits.zip(raw.parse().ok()).map(|(a, b): (rust_decimal::Decimal, rust_decimal::Decimal)| a + b);
            invoice.first_split.get_or_insert(split);
        }
        invoice
    }

    fn check(invoice: &PaidInvoice<'_>) -> Vec<(String, String)> {
        let mut out = sink();
        Hook::paid_invoice(&mut out, RuleId::PaymentDue, invoice);
        found(&out)
    }

    #[test]
    fn an_invoice_is_not_paid_beyond_its_due_amount_and_a_rupee() {
        assert_eq!(check(&invoice(Some("36750.00"), [None, None, Some("20000.00")], &[])), []);
        assert_eq!(check(&invoice(Some("36750.00"), [None, None, Some("36751.00")], &[])), []);
        assert_eq!(
            check(&invoice(Some("36750.00"), [None, None, Some("36751.01")], &[])),
            one(
                "/payment/invoicesPayInfos/0/invoicePaymentAmount/totalAmount",
                "totalAmount 36751.01 pays more than the invoice's dueAmount 36750.00 (allowing 1.00)"
            )
        );
    }
}
