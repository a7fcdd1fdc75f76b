//! An export's place of supply is outside India: when `transactionDetails.supplyType` is EXPWP or EXPWOP,
//! the buyer's `placeOfSupply` is 96. Found at `placeOfSupply`. A foreign recipient of services whose place
//! of supply is in India under IGST Act s.13(3) to (13) (services on goods made available in India,
//! immovable property, events, passenger transport in India, …) receives no export (IGST Act s.2(6)(iv)
//! asks that the place of supply be outside India): its invoice is not EXPWP or EXPWOP, and this rule is
//! silent on it whatever its buyer's GSTIN (URP) and `stateCode` (96).
//!
//! Source: the e-invoice schema INV-01 (`Pos`: "If POS lies outside the country, the code shall be 96"),
//! NIC's e-invoice FAQ on exports (place of supply 96) (NIC-FAQ), IGST Act s.11(a) (goods exported: the
//! location outside India) and s.2(6) (an export of services has its place of supply outside India)
//! (IGST-ACT). Tolerance: 0 (exact codes; `96` only).

use super::{Rule, RuleId};
use crate::rules::hooks::{Check, Invoice, Sink, text};
use crate::rules::states::{self, Jurisdiction};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::ExportPlaceOfSupply,
    "export-place-of-supply",
    "an export (supplyType EXPWP or EXPWOP) has its place of supply outside India: placeOfSupply 96",
    "0 (96 only)",
    "e-invoice schema INV-01 (Pos); NIC e-invoice FAQ; IGST Act s.11, s.2(6)",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn invoice(out: &mut Sink<'_>, rule: RuleId, invoice: &Invoice<'_, '_>) {
        if invoice.export
            && let Some(place) = invoice.place_of_supply
            && let Some(code) = text(place)
            && let Ok(jurisdiction) = states::code(&code)
            && jurisdiction != Jurisdiction::Abroad
        {
            out.report(rule, place, |found| {
                format!(
                    "placeOfSupply {found} is in India, but the supply is an export (supplyType EXPWP or \
                     EXPWOP), whose place of supply is outside India: 96"
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

    fn check(place: &'static str, export: bool) -> Vec<(String, String)> {
        let place = fact(Role::PlaceOfSupply, "/invoice/buyerDetails/placeOfSupply", place);
        let invoice = Invoice {
            supplier_gstin: None,
            buyer_gstin: None,
            place_of_supply: Some(&place),
            export,
            supplier_state: None,
            intra_state_tax: None,
        };
        let mut out = sink();
        Hook::invoice(&mut out, RuleId::ExportPlaceOfSupply, &invoice);
        found(&out)
    }

    #[test]
    fn an_exports_place_of_supply_is_outside_india() {
        assert_eq!(check("\"96\"", true), []);
        assert_eq!(check("\"27\"", false), [], "not an export: a place of supply in India is legitimate");
        assert_eq!(
            check("\"27\"", true),
            one(
                "/invoice/buyerDetails/placeOfSupply",
                "placeOfSupply \"27\" is in India, but the supply is an export (supplyType EXPWP or EXPWOP), \
                 whose place of supply is outside India: 96"
            )
        );
    }
}
