//! A payment confirmation that REJECTs a payment confirms an off-platform one: `supplierResponse` `REJECT`
//! needs `type` `OFFPLATFORM` in the same `paymentConfirmation`.
//!
//! Source: the Payment Confirmation pages, under `supplierResponse`: "Rule: REJECT is only for offplatform
//! payment". It is the API's own word, so it is an error by default (`deny`).
//!
//! Tolerance: 0 (exact values).

use super::{Rule, RuleId, RuleLevel};
use crate::rules::hooks::{Check, Payment, Sink, text};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule {
    id: RuleId::RejectOffplatformOnly,
    name: "reject-offplatform-only",
    summary: "a supplierResponse of REJECT confirms an OFFPLATFORM payment (the API's own rule)",
    tolerance: "0 (exact values)",
    source: "Payment Confirmation pages: \"REJECT is only for offplatform payment\"",
    default_level: RuleLevel::Deny,
};

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn payment(out: &mut Sink<'_>, rule: RuleId, payment: &Payment<'_, '_>) {
        if let (Some(response), Some(kind)) = (payment.response, payment.payment_type.and_then(text))
            && text(response).as_deref() == Some("REJECT")
            && kind != "OFFPLATFORM"
        {
            out.report(rule, response, |found| {
                format!("supplierResponse {found} is only for an OFFPLATFORM payment; this one is {kind}")
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

    fn check(response: &'static str, kind: &'static str) -> Vec<(String, String)> {
        let response = fact(Role::SupplierResponse, "/paymentConfirmation/supplierResponse", response);
        let kind = fact(Role::PaymentType, "/paymentConfirmation/type", kind);
        let amount = Amount::default();
        let payment = Payment {
            payment_type: Some(&kind),
            response: Some(&response),
            amount: &amount,
            invoices: 0,
            invoice_totals: None,
            invoice_net_paid: None,
            invoice_net_adjustments: None,
        };
        let mut out = sink();
        Hook::payment(&mut out, RuleId::RejectOffplatformOnly, &payment);
        found(&out)
    }

    #[test]
    fn reject_is_only_for_an_offplatform_payment() {
        assert_eq!(check("\"REJECT\"", "\"OFFPLATFORM\""), []);
        assert_eq!(check("\"ACCEPT\"", "\"ONPLATFORM\""), []);
        assert_eq!(
            check("\"REJECT\"", "\"ONPLATFORM\""),
            one(
                "/paymentConfirmation/supplierResponse",
                "supplierResponse \"REJECT\" is only for an OFFPLATFORM payment; this one is ONPLATFORM"
            )
        );
    }
}
