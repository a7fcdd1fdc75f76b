//! `paymentAmount.totalAmount` is the sum of the paid invoices'
//! `invoicePaymentAmount.totalAmount`, when every invoice gives one.
//!
//! Source: the Pay Invoice page: a payment's `paymentAmount` and the `invoicesPayInfos` it pays, each with
//! its `invoicePaymentAmount`; a payment pays the sum of what it pays per invoice. The pages state no
//! formula, so the rule warns and never denies by default.
//!
//! Tolerance: less than 0.005, half a paisa (the Coinage Act, 2011, s.7: a rupee is a hundred paise), so
//! that a sum a client added in binary floating point (`42481.049999999996`) is the sum; a paisa off is a
//! finding.

use super::{Rule, RuleId};
use crate::rules::hooks::{Check, Payment, Sink};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::PaymentTotal,
    "payment-total",
    "paymentAmount.totalAmount is the sum of the invoices' invoicePaymentAmount.totalAmount",
    "less than 0.005 (half a paisa)",
    "Pay Invoice page (paymentAmount, invoicesPayInfos): the members' names and the documented model",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn payment(out: &mut Sink<'_>, rule: RuleId, payment: &Payment<'_, '_>) {
        let figure = payment.amount.total.as_ref();
        payment.check_sum(out, rule, "totalAmount", figure, payment.invoice_totals);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::roles::Role;
    use crate::rules::hooks::{Amount, Figure};
    use crate::rules::hooks::testing::{fact, found, one, sink};

    fn check(total: &'static str, invoice_totals: &str) -> Vec<(String, String)> {
        let amount = Amount {
            total: Some(Figure::new(fact(Role::PaymentAmountTotal, "/payment/paymentAmount/totalAmount", total))),
            ..Amount::default()
        };
        let payment = Payment {
            payment_type: None,
            response: None,
            amount: &amount,
            invoices: 2,
            invoice_totals: Some(invoice_totals.parse().unwrap()),
            invoice_net_paid: None,
            invoice_net_adjustments: None,
        };
        let mut out = sink();
        Hook::payment(&mut out, RuleId::PaymentTotal, &payment);
        found(&out)
    }

    #[test]
    fn the_payment_is_the_sum_of_what_it_pays_per_invoice() {
        assert_eq!(check("95498.40", "95498.40"), []);
        assert_eq!(
            check("95498.00", "95498.40"),
            one(
                "/payment/paymentAmount/totalAmount",
                "totalAmount 95498.00 is not the sum of the invoices' totalAmount, 95498.40"
            )
        );
    }

    /// A sum a client added in binary floating point, 7,080.70 + 35,400.35 written as the double it came
    /// to, is the sum; a paisa off either way, and half a paisa, are findings.
    #[test]
    fn a_sum_is_the_same_money_to_less_than_half_a_paisa() {
        assert_eq!(check("42481.049999999996", "42481.05"), []);
        assert_eq!(check("42481.0549", "42481.05"), []);
        for off in ["42481.04", "42481.06", "42481.055", "42481.045"] {
            assert_eq!(
                check(off, "42481.05"),
                one(
                    "/payment/paymentAmount/totalAmount",
                    &format!("totalAmount {off} is not the sum of the invoices' totalAmount, 42481.05")
                ),
                "{off}"
            );
        }
    }
}
