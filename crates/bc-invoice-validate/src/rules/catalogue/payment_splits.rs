//! Convention, off by default: an invoice's `splits` add up to its `invoicePaymentAmount.totalAmount`, or to
//! its `netPaidAmount` (splits that list only the money paid). Reported at the `splits` array.
//!
//! Source: none beyond the members' names (a convention).
//!
//! Tolerance: 0.00 (exact decimals).

use rust_decimal::Decimal;

use super::{Rule, RuleId, RuleLevel};
use crate::path::{FactPath, Segment};
use crate::rules::facts::Fact;
use crate::rules::hooks::{Check, PaidInvoice, Sink, decimal};

/// The rule: its id, summary, tolerance, source and default level.
pub const RULE: Rule = Rule {
    id: "payment-splits",
    summary: "a convention, off by default: an invoice's splits add up to its totalAmount or its netPaidAmount",
    tolerance: "0.00",
    source: "none: a convention",
    default_level: RuleLevel::Allow,
};

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    /// Reported at the `splits` array.
    fn paid_invoice(out: &mut Sink<'_>, rule: RuleId, invoice: &PaidInvoice<'_>) {
        let (Some(split), Some(sum)) = (&invoice.first_split, invoice.splits) else {
            return;
        };
        let total = invoice.paid.total.as_ref().and_then(decimal);
        let paid = invoice.paid.net_paid.as_ref().and_then(decimal);
        let agrees = |amount: Option<Decimal>| amount == Some(sum);
        if (total.is_none() && paid.is_none()) || agrees(total) || agrees(paid) {
            return;
        }
        let path = split.path.as_slice();
        let Some(splits) = path
            .iter()
            .rposition(|s| matches!(s, Segment::Index(_)))
            .and_then(|at| FactPath::new(&path[..at]))
        else {
            return;
        };
        let shown = |amount: Option<Decimal>| amount.map_or("none".to_owned(), |a| a.to_string());
        let (total, paid) = (shown(total), shown(paid));
        let at = Fact {
            path: splits,
            raw: split.raw,
            ..split.clone()
        };
        out.report(rule, &at, |found| {
            format!(
                "the splits add up to {sum}, neither the totalAmount {total} nor the netPaidAmount \
                 {paid} (the first split is {found})"
            )
        });
    }
}
