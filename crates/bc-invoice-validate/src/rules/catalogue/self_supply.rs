//! The buyer is not the supplier: the buyer's `gstin` is not the supplier's (compared ignoring ASCII case
//! and surrounding blanks). Found at the buyer's `gstin`. Two GSTINs of one PAN (establishments of one
//! person in two states, or two registrations in one state) are distinct persons, whose supplies to each
//! other are supplies (CGST Act s.25(4), (5); Schedule I para 2): they differ, and draw nothing.
//!
//! Source: CGST Act s.7(1) (a supply is made to another person; no one supplies to himself) and Schedule I
//! para 2 (distinct persons) (CGST-ACT). Tolerance: 0 characters.

use super::{Rule, RuleId};
use crate::rules::gstin;
use crate::rules::hooks::{Check, Invoice, Sink, text};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::SelfSupply,
    "self-supply",
    "the buyer's GSTIN is not the supplier's (another GSTIN of the same PAN is a distinct person, and silent)",
    "0 characters",
    "CGST Act s.7(1), Schedule I para 2",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn invoice(out: &mut Sink<'_>, rule: RuleId, invoice: &Invoice<'_, '_>) {
        if let (Some(supplier), Some(buyer)) = (invoice.supplier_gstin, invoice.buyer_gstin)
            && let (Some(ours), Some(theirs)) = (text(supplier), text(buyer))
            && !theirs.trim().eq_ignore_ascii_case(gstin::UNREGISTERED)
            && ours.trim().eq_ignore_ascii_case(theirs.trim())
        {
            out.report(rule, buyer, |found| {
                format!(
                    "the buyer's GSTIN {found} is the supplier's: no one supplies to himself (another GSTIN \
                     of the same PAN would be a distinct person)"
                )
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::roles::Role;
    use crate::rules::hooks::testing::{fact, found, one, sink};

    fn check(supplier: &'static str, buyer: &'static str) -> Vec<(String, String)> {
        let supplier = fact(Role::Gstin, "/invoice/supplierDetails/gstin", supplier);
        let buyer = fact(Role::GstinOrUrp, "/invoice/buyerDetails/gstin", buyer);
        let invoice = Invoice {
            supplier_gstin: Some(&supplier),
            buyer_gstin: Some(&buyer),
            place_of_supply: None,
            export: false,
            supplier_state: None,
            intra_state_tax: None,
        };
        let mut out = sink();
        Hook::invoice(&mut out, RuleId::SelfSupply, &invoice);
        found(&out)
    }

    #[test]
    fn the_buyer_is_not_the_supplier_but_may_be_another_gstin_of_its_pan() {
        assert_eq!(check("\"27AAKCK4821P1ZY\"", "\"29AAKCK4821P1ZW\""), []);
        assert_eq!(check("\"27AAKCK4821P1ZY\"", "\"URP\""), []);
        assert_eq!(
            check("\"27AAKCK4821P1ZY\"", "\"27aakck4821p1zy\""),
            one(
                "/invoice/buyerDetails/gstin",
                "the buyer's GSTIN \"27aakck4821p1zy\" is the supplier's: no one supplies to himself (another \
                 GSTIN of the same PAN would be a distinct person)"
            )
        );
    }
}
