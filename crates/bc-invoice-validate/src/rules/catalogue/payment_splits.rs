//! An invoice's `splits` add up to its `invoicePaymentAmount.totalAmount`, or to
//! its `netPaidAmount` (splits that list only the money paid), or to its `netAdjustmentAmount` (splits that
//! list only the deductions, each with its reference: a TDS certificate, a credit note; the money is named
//! by the payment's `utr`; the payments audit). An invoice that leaves its `totalAmount` out (none of the
//! amount's members is required) has for total its `netPaidAmount` + `netAdjustmentAmount`, when it gives
//! both: the identity `payment-parts` holds a stated total to (round 14); one that leaves its
//! `netPaidAmount` out has for it its `totalAmount` − `netAdjustmentAmount`, when it gives both (the
//! payments audit). Reported at the
//! first split's `value`, so
//! that the finding's pointer, line and column name the same place (the rules are handed the splits'
//! values, not where the array starts).
//!
//! Source: the Pay Invoice page's `invoicePaymentAmount.splits` (`name`, `value`, `refNo`): the parts of an
//! invoice's payment, each money paid or an adjustment. The pages state no formula, so the rule warns and
//! never denies by default.
//!
//! Tolerance: less than 0.005, half a paisa (the Coinage Act, 2011, s.7: a rupee is a hundred paise), so
//! that a sum a client added in binary floating point (`42481.049999999996`) is the sum; a paisa off is a
//! finding.

use rust_decimal::Decimal;

use super::{Rule, RuleId};
use crate::rules::hooks::{Check, Figure, PaidInvoice, Sink};
use crate::rules::amounts::same_money;

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::PaymentSplits,
    "payment-splits",
    "an invoice's splits add up to its totalAmount, its netPaidAmount or its netAdjustmentAmount",
    "less than 0.005 (half a paisa)",
    "Pay Invoice page (invoicePaymentAmount.splits): the members' names and the documented model",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    /// Reported at the first split's `value`.
    fn paid_invoice(out: &mut Sink<'_>, rule: RuleId, invoice: &PaidInvoice<'_>) {
        let (Some(split), Some(sum)) = (&invoice.first_split, invoice.splits) else {
            return;
        };
        let value = |figure: &Option<Figure<'_>>| figure.as_ref().and_then(|figure| figure.value);
        // A figure as stated and named, or, left out, what its `derived` reading works it out to.
        let reading = |figure: &Option<Figure<'_>>, stated, derived: Option<Decimal>, derived_named| {
            match (figure, derived) {
                (Some(figure), _) => (figure.value, stated),
                (None, Some(derived)) => (Some(derived), derived_named),
                (None, None) => (None, stated),
            }
        };
        let adjusted = value(&invoice.paid.net_adjustment);
        // The total stated, or, left out, the parts it is the sum of.
        let (total, named) = reading(
            &invoice.paid.total,
            "the totalAmount",
            value(&invoice.paid.net_paid)
                .zip(adjusted)
                .and_then(|(paid, adjusted)| paid.checked_add(adjusted)),
            "the netPaidAmount + netAdjustmentAmount",
        );
        // The money paid stated, or, left out, the total less the adjustments.
        let (paid, paid_named) = reading(
            &invoice.paid.net_paid,
            "the netPaidAmount",
            value(&invoice.paid.total)
                .zip(adjusted)
                .and_then(|(total, adjusted)| total.checked_sub(adjusted)),
            "the totalAmount − netAdjustmentAmount",
        );
        let agrees = |amount: Option<Decimal>| amount.is_some_and(|amount| same_money(amount, sum));
        if (total.is_none() && paid.is_none()) || agrees(total) || agrees(paid) || agrees(adjusted) {
            return;
        }
        // Compared with what is given: both, or the one there is, saying which is not given; and the
        // adjustments, where they are given.
        let compared = match (total, paid) {
            (Some(total), Some(paid)) => match adjusted.filter(|adjusted| !adjusted.is_zero()) {
                Some(adjusted) => format!(
                    "none of {named} {total}, {paid_named} {paid} and the netAdjustmentAmount {adjusted}"
                ),
                None => format!("neither {named} {total} nor {paid_named} {paid}"),
            },
            (Some(total), None) => format!("not {named} {total}, and no netPaidAmount is given"),
            (None, Some(paid)) => format!("not {paid_named} {paid}, and no totalAmount is given"),
            (None, None) => return,
        };
        out.report(rule, split, |found| {
            format!("the splits add up to {sum}, {compared} (this first split is {found})")
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hooks::testing::{found, one, paid_invoice, sink};

    fn check(invoice: &PaidInvoice<'_>) -> Vec<(String, String)> {
        let mut out = sink();
        Hook::paid_invoice(&mut out, RuleId::PaymentSplits, invoice);
        found(&out)
    }

    #[test]
    fn the_splits_add_up_to_the_total_or_the_net_paid_amount() {
        let paid = [Some("18750.00"), Some("1250.00"), Some("20000.00")];
        assert_eq!(check(&paid_invoice(None, paid, &["18750.00", "1250.00"])), []);
        assert_eq!(check(&paid_invoice(None, paid, &["18750.00"])), []);
        assert_eq!(
            check(&paid_invoice(None, paid, &["18000.00", "1250.00"])),
            one(
                "/payment/invoicesPayInfos/0/invoicePaymentAmount/splits/0/value",
                "the splits add up to 19250.00, none of the totalAmount 20000.00, the netPaidAmount 18750.00 and the netAdjustmentAmount 1250.00 (this first split is 18000.00)"
            )
        );
    }

    /// An invoice that leaves its `totalAmount` out has for total its net paid and net adjusted amounts:
    /// splits that list both add up to it (round 14: the pages mark none of the amount's members
    /// required).
    #[test]
    fn a_total_left_out_is_the_net_paid_and_net_adjustment_amounts() {
        let parts = [Some("18750.00"), Some("1250.00"), None];
        assert_eq!(check(&paid_invoice(None, parts, &["18750.00", "1250.00"])), []);
        assert_eq!(check(&paid_invoice(None, parts, &["18750.00"])), []);
        assert_eq!(
            check(&paid_invoice(None, parts, &["18750.00", "1205.00"])),
            one(
                "/payment/invoicesPayInfos/0/invoicePaymentAmount/splits/0/value",
                "the splits add up to 19955.00, none of the netPaidAmount + netAdjustmentAmount 20000.00, the netPaidAmount 18750.00 and the netAdjustmentAmount 1250.00 (this first split is 18750.00)"
            )
        );
        // With no adjustment either, the money paid is all there is to compare.
        assert_eq!(
            check(&paid_invoice(None, [Some("18750.00"), None, None], &["18750.00", "1250.00"])),
            one(
                "/payment/invoicesPayInfos/0/invoicePaymentAmount/splits/0/value",
                "the splits add up to 20000.00, not the netPaidAmount 18750.00, and no totalAmount is given (this first split is 18750.00)"
            )
        );
    }

    /// Splits that list only the deductions, each with its reference (a TDS certificate, a credit note),
    /// add up to the netAdjustmentAmount; an invoice that leaves its netPaidAmount out has for it the
    /// total less the adjustments (the payments audit: both drew the warning).
    #[test]
    fn splits_of_the_deductions_alone_and_a_net_paid_amount_left_out() {
        let paid = [Some("98000"), Some("2000"), Some("100000")];
        assert_eq!(check(&paid_invoice(None, paid, &["2000"])), []);
        assert_eq!(check(&paid_invoice(None, paid, &["1500", "500"])), []);
        let no_net_paid = [None, Some("2000"), Some("100000")];
        assert_eq!(check(&paid_invoice(None, no_net_paid, &["98000"])), []);
        assert_eq!(check(&paid_invoice(None, no_net_paid, &["2000"])), []);
        assert_eq!(
            check(&paid_invoice(None, no_net_paid, &["97000"])),
            one(
                "/payment/invoicesPayInfos/0/invoicePaymentAmount/splits/0/value",
                "the splits add up to 97000, none of the totalAmount 100000, the totalAmount − netAdjustmentAmount 98000 and the netAdjustmentAmount 2000 (this first split is 97000)"
            )
        );
    }

    /// Splits a client wrote as binary doubles add up to the total; a paisa off does not.
    #[test]
    fn the_splits_add_up_to_less_than_half_a_paisa() {
        let paid = [Some("300.30"), Some("0"), Some("300.30")];
        assert_eq!(check(&paid_invoice(None, paid, &["100.1", "200.20000000000002"])), []);
        assert_eq!(
            check(&paid_invoice(None, paid, &["100.1", "200.21"])),
            one(
                "/payment/invoicesPayInfos/0/invoicePaymentAmount/splits/0/value",
                "the splits add up to 300.31, neither the totalAmount 300.30 nor the netPaidAmount 300.30 (this first split is 100.1)"
            )
        );
    }
}
