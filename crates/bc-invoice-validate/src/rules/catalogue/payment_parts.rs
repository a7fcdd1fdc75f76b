//! An amount's `totalAmount` is its `netPaidAmount` plus its
//! `netAdjustmentAmount` (in `paymentAmount` and in each `invoicePaymentAmount`), when all three are given.
//!
//! Source: the Pay Invoice page's `paymentAmount` and `invoicePaymentAmount`, whose members name the model: a
//! total is what was paid plus what was adjusted (TDS deducted, a credit note set off). The pages state no
//! formula, so the rule warns and never denies by default.
//!
//! Tolerance: less than 0.005, half a paisa (the Coinage Act, 2011, s.7: a rupee is a hundred paise), so
//! that a sum a client added in binary floating point (`42481.049999999996`) is the sum; a paisa off is a
//! finding.

use super::{Rule, RuleId};
use crate::rules::hooks::{Amount, Check, Figure, PaidInvoice, Payment, Sink};
use crate::rules::amounts::same_money;

/// The rule on one amount.
fn parts(out: &mut Sink<'_>, rule: RuleId, amount: &Amount<'_>) {
    let value = |figure: &Option<Figure<'_>>| figure.as_ref().and_then(|figure| figure.value);
    let (Some(total_figure), Some(total), Some(paid), Some(adjusted)) = (
        &amount.total,
        value(&amount.total),
        value(&amount.net_paid),
        value(&amount.net_adjustment),
    ) else {
        return;
    };
    if !paid
        .checked_add(adjusted)
        .is_some_and(|sum| same_money(sum, total))
    {
        out.report(rule, &total_figure.fact, |found| {
            format!("totalAmount {found} is not netPaidAmount {paid} + netAdjustmentAmount {adjusted}")
        });
    }
}

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::PaymentParts,
    "payment-parts",
    "an amount's totalAmount is its netPaidAmount + netAdjustmentAmount",
    "less than 0.005 (half a paisa)",
    "Pay Invoice page (paymentAmount, invoicePaymentAmount): the members' names and the documented model",
);

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hooks::testing::{found, one, paid_invoice, sink};

    fn check(invoice: &PaidInvoice<'_>) -> Vec<(String, String)> {
        let mut out = sink();
        Hook::paid_invoice(&mut out, RuleId::PaymentParts, invoice);
        found(&out)
    }

    #[test]
    fn a_total_is_what_was_paid_plus_what_was_adjusted() {
        assert_eq!(check(&paid_invoice(None, [Some("75428.36"), Some("70.04"), Some("75498.40")], &[])), []);
        assert_eq!(
            check(&paid_invoice(None, [Some("75428.36"), Some("70.04"), Some("75498.00")], &[])),
            one(
                "/payment/invoicesPayInfos/0/invoicePaymentAmount/totalAmount",
                "totalAmount 75498.00 is not netPaidAmount 75428.36 + netAdjustmentAmount 70.04"
            )
        );
    }

    /// A total a client added in binary floating point is the sum of its parts; a paisa off is not.
    #[test]
    fn a_total_is_its_parts_to_less_than_half_a_paisa() {
        assert_eq!(
            check(&paid_invoice(None, [Some("75428.36"), Some("70.04"), Some("75498.40000000001")], &[])),
            []
        );
        assert_eq!(
            check(&paid_invoice(None, [Some("75428.36"), Some("70.04"), Some("75498.41")], &[])),
            one(
                "/payment/invoicesPayInfos/0/invoicePaymentAmount/totalAmount",
                "totalAmount 75498.41 is not netPaidAmount 75428.36 + netAdjustmentAmount 70.04"
            )
        );
    }
}
