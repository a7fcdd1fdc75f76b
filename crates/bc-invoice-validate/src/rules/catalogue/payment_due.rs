//! Convention, off by default: an invoice's `invoicePaymentAmount.totalAmount` is not more than its
//! `invoiceAmount.dueAmount` plus 1.00 (whole-rupee rounding, as `invoice-totals` allows).
//!
//! Source: none; whether the platform accepts an overpayment is not documented (a convention).
//!
//! Tolerance: 1.00 (whole-rupee rounding).

use rust_decimal::Decimal;

use super::{Rule, RuleId, RuleLevel};
use crate::rules::hooks::{Check, PaidInvoice, Sink, decimal};

/// The tolerance: whole-rupee rounding, as `invoice-totals` allows.
const DUE_ALLOWANCE: Decimal = Decimal::ONE;

/// The rule: its id, summary, tolerance, source and default level.
pub const RULE: Rule = Rule {
    id: "payment-due",
    summary: "a convention, off by default: an invoice's payment is not more than its dueAmount",
    tolerance: "1.00",
    source: "none: a convention",
    default_level: RuleLevel::Allow,
};

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
