//! One payment names each invoice once: the same invoice `objectId` twice in a payment's `invoicesPayInfos`
//! (or in a confirmation's `invoiceInfos`) pays or confirms it twice in one request, which a payments desk
//! reads as a mistake (a line copied, an invoice picked twice). The finding is at the second occurrence
//! and names the first.
//!
//! Source: the Pay Invoice page's `invoicesPayInfos` (the invoices paid, each with its own amounts) and the
//! Payment Confirmation pages' `invoiceInfos` (the invoices confirmed); the pages state no uniqueness, so
//! the rule warns and never denies by default.
//!
//! Tolerance: 0 (ids compared exactly, escapes decoded).

use super::{Rule, RuleId};
use crate::rules::facts::Fact;
use crate::rules::hooks::{Check, Sink};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::PaymentDuplicateInvoice,
    "payment-duplicate-invoice",
    "a payment's invoicesPayInfos, or a confirmation's invoiceInfos, names each invoice objectId once",
    "0 (ids compared exactly)",
    "Pay Invoice page (invoicesPayInfos); Payment Confirmation pages (invoiceInfos)",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn invoice_id(out: &mut Sink<'_>, rule: RuleId, fact: &Fact<'_>, first: Option<&Fact<'_>>) {
        if let Some(first) = first {
            let first = first.path.pointer();
            out.report(rule, fact, |found| {
                format!("invoice objectId {found} is named twice in one request; first at {first}")
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
    fn the_second_mention_of_an_invoice_is_reported_naming_the_first() {
        let id = "\"INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c\"";
        let first = fact(Role::ObjectId, "/payment/invoicesPayInfos/0/objectId", id);
        let second = fact(Role::ObjectId, "/payment/invoicesPayInfos/2/objectId", id);
        let mut out = sink();
        Hook::invoice_id(&mut out, RuleId::PaymentDuplicateInvoice, &first, None);
        assert_eq!(found(&out), []);
        Hook::invoice_id(&mut out, RuleId::PaymentDuplicateInvoice, &second, Some(&first));
        assert_eq!(
            found(&out),
            one(
                "/payment/invoicesPayInfos/2/objectId",
                "invoice objectId \"INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c\" is named twice in one request; \
                 first at /payment/invoicesPayInfos/0/objectId"
            )
        );
    }
}
