//! An invoice's `invoicePaymentAmount.totalAmount` is not more than its
//! `invoiceAmount.dueAmount` plus 1.00 (whole-rupee rounding, as `invoice-totals` allows).
//!
//! Source: the Pay Invoice page's `invoiceAmount.dueAmount` (what is due) and
//! `invoicePaymentAmount.totalAmount` (what this payment settles). No source speaks of paying more than is
//! due: the 1.00 is the one legitimate excess we know, a due amount in paise paid rounded up to the rupee,
//! the same rupee NIC's e-invoice validation allows an invoice's total value (error 2189, as
//! `invoice-totals` reads it). CGST Act s.170, which rounds to the rupee, is about tax, interest and
//! refunds payable under the Act, not a settlement between buyer and supplier, and is not cited. Whether
//! the platform accepts an overpayment is not documented, so the rule warns and never denies by default.
//!
//! Tolerance: 1.00 (whole-rupee rounding).

use rust_decimal::Decimal;

use super::{Rule, RuleId};
use crate::rules::hooks::{Check, PaidInvoice, Sink};

/// The tolerance: whole-rupee rounding, as `invoice-totals` allows.
const DUE_ALLOWANCE: Decimal = Decimal::ONE;

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::PaymentDue,
    "payment-due",
    "an invoice's payment is not more than its dueAmount plus a rupee of rounding",
    "1.00",
    "Pay Invoice page (invoiceAmount.dueAmount, invoicePaymentAmount.totalAmount): the members' names; the rupee of NIC e-invoice error 2189 (no source speaks of overpayment)",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn paid_invoice(out: &mut Sink<'_>, rule: RuleId, invoice: &PaidInvoice<'_>) {
        if let (Some(total_figure), Some(due)) = (&invoice.paid.total, &invoice.due)
            && let (Some(total), Some(due)) = (total_figure.value, due.value)
            && due
            .checked_add(DUE_ALLOWANCE)
            .is_some_and(|limit| total > limit)
        {
            out.report(rule, &total_figure.fact, |found| {
                format!("totalAmount {found} pays more than the invoice's dueAmount {due} (allowing 1.00)")
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hooks::testing::{found, one, paid_invoice, sink};

    fn check(invoice: &PaidInvoice<'_>) -> Vec<(String, String)> {
        let mut out = sink();
        Hook::paid_invoice(&mut out, RuleId::PaymentDue, invoice);
        found(&out)
    }

    #[test]
    fn an_invoice_is_not_paid_beyond_its_due_amount_and_a_rupee() {
        assert_eq!(check(&paid_invoice(Some("36750.00"), [None, None, Some("20000.00")], &[])), []);
        assert_eq!(check(&paid_invoice(Some("36750.00"), [None, None, Some("36751.00")], &[])), []);
        assert_eq!(
            check(&paid_invoice(Some("36750.00"), [None, None, Some("36751.01")], &[])),
            one(
                "/payment/invoicesPayInfos/0/invoicePaymentAmount/totalAmount",
                "totalAmount 36751.01 pays more than the invoice's dueAmount 36750.00 (allowing 1.00)"
            )
        );
    }
}
