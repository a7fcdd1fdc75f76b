//! Convention, off by default: an amount's `totalAmount` is its `netPaidAmount` plus its
//! `netAdjustmentAmount` (in `paymentAmount` and in each `invoicePaymentAmount`), when all three are given.
//!
//! Source: none beyond the members' names; the payment pages state no formula (a convention).
//!
//! Tolerance: 0.00 (exact decimals).

use super::{Rule, RuleId, RuleLevel};
use crate::rules::hooks::{Amount, Check, PaidInvoice, Payment, Sink, decimal};

/// The rule on one amount.
fn parts(out: &mut Sink<'_>, rule: RuleId, amount: &Amount<'_>) {
    let (Some(total_fact), Some(total), Some(paid), Some(adjusted)) = (
        &amount.total,
        amount.total.as_ref().and_then(decimal),
        amount.net_paid.as_ref().and_then(decimal),
        amount.net_adjustment.as_ref().and_then(decimal),
    ) else {
        return;
    };
    if paid.checked_add(adjusted) != Some(total) {
        out.report(rule, total_fact, |found| {
            format!("totalAmount {found} is not netPaidAmount {paid} + netAdjustmentAmount {adjusted}")
        });
    }
}

/// The rule: its id, summary, tolerance, source and default level.
pub const RULE: Rule = Rule {
    id: "payment-parts",
    summary: "a convention, off by default: an amount's totalAmount is netPaidAmount + netAdjustmentAmount",
    tolerance: "0.00",
    source: "none: a convention",
    default_level: RuleLevel::Allow,
};

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn paid_invoice(out: &mut Sink<'_>, rule: RuleId, invoice: &PaidInvoice<'_>) {
        parts(out, rule, &invoice.paid);
    }

    fn payment(out: &mut Sink<'_>, rule: RuleId, payment: &Payment<'_, '_>) {
        parts(out, rule, payment.amount);
    }
}
