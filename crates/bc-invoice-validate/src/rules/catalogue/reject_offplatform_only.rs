//! A payment confirmation that REJECTs a payment confirms an off-platform one: `supplierResponse` `REJECT`
//! needs `type` `OFFPLATFORM` in the same `paymentConfirmation`.
//!
//! Source: the Payment Confirmation pages, under `supplierResponse`: "Rule: REJECT is only for offplatform
//! payment". It is the API's own word, so it is an error by default (`deny`).
//!
//! Tolerance: 0 (exact values).

use super::{Rule, RuleId, RuleLevel};
use crate::rules::hooks::{Check, Payment, Sink, text};

/// The rule: its id, summary, tolerance, source and default level.
pub const RULE: Rule = Rule {
    id: "reject-offplatform-only",
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
