//! `paymentAmount.netPaidAmount` is the sum of the paid invoices' `invoicePaymentAmount.netPaidAmount`, when every
//! invoice gives one: a payment's what was paid is the sum of its invoices', as `payment-total` holds for
//! `totalAmount`. A payment that leaves the member out, or an invoice that does, is not judged.
//!
//! Source: the Pay Invoice page's `paymentAmount` and `invoicesPayInfos[].invoicePaymentAmount`: the
//! members' names and the documented model (a payment pays the sum of what it pays per invoice). The pages
//! state no formula, so the rule warns and never denies by default.
//!
//! Tolerance: less than 0.005, half a paisa (the Coinage Act, 2011, s.7: a rupee is a hundred paise), so
//! that a sum a client added in binary floating point (`42481.049999999996`) is the sum; a paisa off is a
//! finding.

use super::{Rule, RuleId};
use crate::rules::hooks::{Check, Payment, Sink};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::PaymentNetPaid,
    "payment-net-paid",
    "paymentAmount.netPaidAmount is the sum of the invoices' invoicePaymentAmount.netPaidAmount",
    "less than 0.005 (half a paisa)",
    "Pay Invoice page (paymentAmount, invoicesPayInfos): the members' names and the documented model",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn payment(out: &mut Sink<'_>, rule: RuleId, payment: &Payment<'_, '_>) {
        let figure = payment.amount.net_paid.as_ref();
        payment.check_sum(out, rule, "netPaidAmount", figure, payment.invoice_net_paid);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::roles::Role;
    use crate::rules::hooks::{Amount, Figure};
    use crate::rules::hooks::testing::{fact, found, one, sink};

    fn check(amount: &'static str, sum: &str) -> Vec<(String, String)> {
        let amount = Amount {
            net_paid: Some(Figure::new(fact(Role::PaymentAmountNetPaid, "/payment/paymentAmount/netPaidAmount", amount))),
            ..Amount::default()
        };
        let payment = Payment {
            payment_type: None,
            response: None,
            amount: &amount,
            invoices: 2,
            invoice_totals: None,
            invoice_net_adjustments: None,
            invoice_net_paid: Some(sum.parse().unwrap()),
        };
        let mut out = sink();
        Hook::payment(&mut out, RuleId::PaymentNetPaid, &payment);
        found(&out)
    }

    #[test]
    fn the_payments_part_is_the_sum_of_its_invoices() {
        assert_eq!(check("1320.04", "1320.04"), []);
        assert_eq!(check("1320.04", "1320.040"), [], "exact decimals: 1320.04 is 1320.040");
        assert_eq!(
            check("1320.00", "1320.04"),
            one(
                "/payment/paymentAmount/netPaidAmount",
                "netPaidAmount 1320.00 is not the sum of the invoices' netPaidAmount, 1320.04"
            )
        );
    }
}
