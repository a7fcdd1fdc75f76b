//! Convention, off by default: every amount's `currency` is the payment's first one (`payment.currency`).
//! The codes are compared ignoring ASCII case: `inr` is INR written in lower case (APIs write ISO 4217
//! codes either way, Stripe's in lower case; the project's open lists ignore case too, `known-values`), so
//! it is the same currency, not another.
//!
//! Source: none; the pages document only INR (a convention).
//!
//! Tolerance: 0 (exact values, ignoring ASCII case).

use super::{Rule, RuleId, RuleLevel};
use crate::rules::facts::Fact;
use crate::report::shorten;
use crate::rules::hooks::{Check, Sink, text};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule {
    id: RuleId::PaymentCurrency,
    name: "payment-currency",
    summary: "a convention, off by default: every amount of a payment has the payment's currency",
    tolerance: "0 (exact values, ignoring ASCII case)",
    source: "none: a convention",
    default_level: RuleLevel::Allow,
};

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn currency(out: &mut Sink<'_>, rule: RuleId, payment: &Fact<'_>, fact: &Fact<'_>) {
        if let (Some(expected), Some(this)) = (text(payment), text(fact))
            && !expected.eq_ignore_ascii_case(&this)
        {
            // Cut as the found value is: it is quoted in the finding of every amount that differs.
            let expected = shorten(payment.raw);
            out.report(rule, fact, |found| {
                format!("currency {found} is not the payment's currency {expected}")
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::roles::Role;
    use crate::rules::hooks::testing::{fact, found, one, sink};

    #[test]
    fn every_amount_has_the_payments_currency() {
        let payment = fact(Role::Currency, "/payment/currency", "\"INR\"");
        let amount = |raw| fact(Role::Currency, "/payment/paymentAmount/currency", raw);
        let mut out = sink();
        Hook::currency(&mut out, RuleId::PaymentCurrency, &payment, &amount("\"INR\""));
        assert_eq!(found(&out), []);
        Hook::currency(&mut out, RuleId::PaymentCurrency, &payment, &amount("\"USD\""));
        assert_eq!(
            found(&out),
            one("/payment/paymentAmount/currency", "currency \"USD\" is not the payment's currency \"INR\"")
        );
    }

    /// A currency code written in lower case is the same currency: ISO 4217's codes are letters, and
    /// APIs write them either way (Stripe's, for one, in lower case), as the project's open lists ignore
    /// case (`known-values`). The convention is about the currency, not its spelling.
    #[test]
    fn a_code_in_another_case_is_the_same_currency() {
        let payment = fact(Role::Currency, "/payment/currency", "\"INR\"");
        let amount = |raw| fact(Role::Currency, "/payment/paymentAmount/currency", raw);
        let mut out = sink();
        Hook::currency(&mut out, RuleId::PaymentCurrency, &payment, &amount("\"inr\""));
        Hook::currency(&mut out, RuleId::PaymentCurrency, &payment, &amount("\"Inr\""));
        assert_eq!(found(&out), []);
        Hook::currency(&mut out, RuleId::PaymentCurrency, &payment, &amount("\"usd\""));
        assert_eq!(
            found(&out),
            one("/payment/paymentAmount/currency", "currency \"usd\" is not the payment's currency \"INR\"")
        );
    }
}
