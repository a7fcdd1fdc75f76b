//! Convention, off by default: `paymentAmount.totalAmount` is the sum of the paid invoices'
//! `invoicePaymentAmount.totalAmount`, when every invoice gives one.
//!
//! Source: none beyond the members' names (a convention).
//!
//! Tolerance: 0.00 (exact decimals).

use super::{Rule, RuleId, RuleLevel};
use crate::rules::hooks::{Check, Payment, Sink, decimal};

/// The rule: its id, summary, tolerance, source and default level.
pub const RULE: Rule = Rule {
    id: "payment-total",
    summary: "a convention, off by default: paymentAmount.totalAmount is the sum of the invoices' totalAmount",
    tolerance: "0.00",
    source: "none: a convention",
    default_level: RuleLevel::Allow,
};

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn payment(out: &mut Sink<'_>, rule: RuleId, payment: &Payment<'_, '_>) {
        if let (Some(total_fact), Some(total), Some(sum)) = (
            &payment.amount.total,
            payment.amount.total.as_ref().and_then(decimal),
            payment.invoice_totals,
        ) && payment.invoices > 0
            && total != sum
        {
            out.report(rule, total_fact, |found| {
                format!("totalAmount {found} is not the sum of the invoices' totalAmount, {sum}")
            });
        }
    }
}
