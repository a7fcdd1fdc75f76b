//! An inter-state supply is taxed as IGST: where the supplier's `stateCode` is not the buyer's
//! `placeOfSupply`, no line charges CGST, SGST or UTGST (a `rates` entry, or an `itemValueDetails` or
//! `otherTaxes` amount, of that name, not 0). Found at the first such name. A place of supply outside India (96) is another
//! state's: an export is an inter-state supply (IGST Act s.7(5)(a)).
//!
//! A name is read by its words (`amounts::names_intra_state_tax`), as ERPs print the tax: `Output CGST @
//! 9%` (a Tally ledger's), `CGST9`, `CGST (RCM)`, `SGST/UTGST`, and the Acts' `Central Tax`, `State Tax`,
//! `State/UT Tax` are CGST's, SGST's or UTGST's; a name that also says IGST or integrated tax, or another
//! kind of amount (`CGST on freight`, `Total CGST`), is not read as one.
//!
//! Only this direction is checked. The other, IGST charged where the supplier's state is the place of
//! supply, is legitimate in cases the invoice need not show: a supply by an SEZ unit or developer
//! (IGST Act s.7(5)(b), whatever the states; NIC's validations from June 2021 take IGST from an SEZ
//! developer with any state codes) and the supplies of s.7(5)(c).
//!
//! Two pairs of codes are one place for a while, each by the invoice's `ts` (a finding between them is
//! dated, and a document whose `ts` cannot be read keeps none). Daman and Diu (25) and Dadra and Nagar
//! Haveli (26) are one Union territory from their merger on 26 January 2020 (a registrant of Daman and Diu
//! kept its code 25 until 31 July 2020: CBIC Notification 10/2020-Central Tax as amended by
//! 45/2020-Central Tax), and two before it (`legit/create-invoice.dadra-registrant-under-26-before-the-merger.json`
//! charges IGST). Jammu and Kashmir (01) and Ladakh (38) are one place until 31 December 2019: one State
//! until 30 October 2019, then the transition of CBIC Notification 62/2019-Central Tax, under which a
//! registrant of Ladakh invoiced under its code 01 GSTIN and paid "irrespective of the particulars of tax
//! charged in the invoices"; from 1 January 2020 they are two Union territories, and a supply between them
//! is inter-state (`legit/create-invoice.ladakh-kargil-supplier-to-jammu-and-kashmir.json` charges IGST).
//! A supplier under the Centre's code (99: non-resident online service providers) or abroad (96) is not
//! judged, nor is a code no GST document carries (28, undivided Andhra Pradesh: the `state-code` rule's
//! finding).
//!
//! Source: the IGST Act, 2017, s.5(1) (IGST on all inter-State supplies) and s.7(1) and (3) (a supply
//! whose supplier's location and place of supply are in two different States or Union territories is
//! inter-State), with CGST Act s.9(1) (CGST on intra-State supplies) (IGST-ACT); NIC's e-invoice
//! validations: "In case of inter-state transaction, the IGST tax rate and value has to be passed"
//! (NIC-VAL); the territories' dates: CBIC Notifications 10/2020-Central Tax (CBIC-DNHDD) and
//! 62/2019-Central Tax (CBIC-JKL). Tolerance: 0 (state codes compared as codes: `7` is `07`; a tax named
//! CGST, SGST or UTGST at 0 is not charged).

use super::{Rule, RuleId};
use crate::rules::hooks::{Check, Dated, Invoice, Sink, text};
use crate::rules::states::{self, Jurisdiction};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::InterStateIgst,
    "inter-state-igst",
    "a supply whose supplier's stateCode is not its placeOfSupply is inter-state, and no line charges it CGST, SGST or UTGST",
    "0 (state codes compared as codes; a tax of 0 is not charged)",
    "IGST Act s.5(1), s.7(1), (3), (5)(a); CGST Act s.9(1); NIC e-invoice validations; CBIC Notifications 10/2020-CT (as amended by 45/2020-CT), 62/2019-CT",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn invoice(out: &mut Sink<'_>, rule: RuleId, invoice: &Invoice<'_, '_>) {
        let (Some(supplier), Some(place), Some(tax)) = (
            invoice.supplier_state,
            invoice.place_of_supply,
            invoice.intra_state_tax,
        ) else {
            return;
        };
        let (Some(from), Some(to)) = (
            text(supplier).and_then(|code| place_of(&code)),
            text(place).and_then(|code| place_of(&code)),
        ) else {
            return;
        };
        // A supplier abroad (96) or under the Centre's code (99) is not judged.
        if from == *b"96" || from == *b"99" || from == to {
            return;
        }
        let when = transition(from, to);
        let (from, to) = (digits(from), digits(to));
        let message = |found: &str| {
            format!(
                "{found} charged on an inter-state supply (the supplier's stateCode {from}, the \
                 placeOfSupply {to}): it is taxed as IGST"
            )
        };
        match when {
            Some(when) => out.report_dated(when, rule, tax, message),
            None => out.report(rule, tax, message),
        }
    }
}

/// When two places are one for a while: Daman and Diu and Dadra and Nagar Haveli from their merger,
/// Jammu and Kashmir and Ladakh until the end of 2019. The finding between them stands only on the
/// other side of that instant; `None` for two places that are two at every date.
fn transition(a: [u8; 2], b: [u8; 2]) -> Option<Dated> {
    let pair = |x: &[u8; 2], y: &[u8; 2]| (a == *x && b == *y) || (a == *y && b == *x);
    if pair(b"25", b"26") {
        Some(Dated::Before(states::DNHDD_MERGED_FROM))
    } else if pair(b"01", b"38") {
        Some(Dated::From(states::LADAKH_UNDER_01_UNTIL))
    } else {
        None
    }
}

/// Where a state code puts a party, for telling an intra-state supply from an inter-state one: the code in
/// two digits (`7` is `07`; 96 abroad, 99 the Centre's); 25 and 26, 01 and 38 are one place at some dates
/// ([`transition`]). `None` for a code that is not one (the `state-code` rule's finding), or that no GST
/// document carries (28).
fn place_of(code: &str) -> Option<[u8; 2]> {
    let code = code.trim();
    match states::code(code).ok()? {
        Jurisdiction::Historical(kept, ..) if kept != "25" => None,
        _ => states::two_digits(code),
    }
}

/// A place as the finding names it.
fn digits(place: [u8; 2]) -> String {
    place.iter().map(|&digit| char::from(digit)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::roles::Role;
    use crate::rules::hooks::testing::{fact, found, one, sink};

    fn run(supplier: &'static str, place: &'static str, tax: &'static str) -> Sink<'static> {
        let supplier = fact(
            Role::RegistrationStateCode,
            "/invoice/supplierDetails/stateCode",
            supplier,
        );
        let place = fact(Role::PlaceOfSupply, "/invoice/buyerDetails/placeOfSupply", place);
        let tax = fact(Role::ItemRateType, "/invoice/itemLists/0/rates/0/type", tax);
        let invoice = Invoice {
            supplier_gstin: None,
            buyer_gstin: None,
            place_of_supply: Some(&place),
            export: false,
            supplier_state: Some(&supplier),
            intra_state_tax: Some(&tax),
        };
        let mut out = sink();
        Hook::invoice(&mut out, RuleId::InterStateIgst, &invoice);
        out
    }

    fn check(supplier: &'static str, place: &'static str, tax: &'static str) -> Vec<(String, String)> {
        found(&run(supplier, place, tax))
    }

    /// The dates the findings stand by: `None` for a finding at every date.
    fn dates(supplier: &'static str, place: &'static str) -> Vec<Option<Dated>> {
        let out = run(supplier, place, "\"CGST\"");
        let mut dates: Vec<_> = out.findings.iter().map(|_| None).collect();
        dates.extend(out.dated.iter().map(|(when, _)| Some(*when)));
        dates
    }

    #[test]
    fn an_inter_state_supply_charges_no_cgst_sgst_or_utgst() {
        assert_eq!(
            check("\"27\"", "\"29\"", "\"CGST\""),
            one(
                "/invoice/itemLists/0/rates/0/type",
                "\"CGST\" charged on an inter-state supply (the supplier's stateCode 27, the placeOfSupply \
                 29): it is taxed as IGST"
            )
        );
        // An export: its place of supply, 96, is outside every state.
        assert_eq!(check("\"27\"", "\"96\"", "\"SGST\"").len(), 1);
        // A supplier in Chandigarh charging UTGST to a buyer whose place of supply is Punjab.
        assert_eq!(check("\"04\"", "\"03\"", "\"UTGST\"").len(), 1);
    }

    #[test]
    fn an_intra_state_supply_is_silent_however_its_codes_are_written() {
        assert_eq!(check("\"27\"", "\"27\"", "\"CGST\""), []);
        assert_eq!(check("\"7\"", "\"07\"", "\"SGST\""), []);
        assert_eq!(check("\"97\"", "\"97\"", "\"UTGST\""), [], "Other Territory");
        assert_eq!(check("\"25\"", "\"25\"", "\"UTGST\""), [], "Daman and Diu");
    }

    /// Daman and Diu (25) and Dadra and Nagar Haveli (26) are one territory from 26 January 2020, two
    /// before it; Jammu and Kashmir (01) and Ladakh (38) one until the end of 2019, two from 2020. The old
    /// code folded 38 into 01 at every date, and could not place 25 at all.
    #[test]
    fn the_merged_and_the_divided_territories_are_one_place_only_at_their_dates() {
        let merged = Some(Dated::Before(states::DNHDD_MERGED_FROM));
        assert_eq!(dates("\"25\"", "\"26\""), [merged]);
        assert_eq!(dates("\"26\"", "\"25\""), [merged]);
        let divided = Some(Dated::From(states::LADAKH_UNDER_01_UNTIL));
        assert_eq!(dates("\"01\"", "\"38\""), [divided]);
        assert_eq!(dates("\"38\"", "\"1\""), [divided]);
        // Daman and Diu and any other place are two at every date.
        assert_eq!(dates("\"25\"", "\"27\""), [None]);
        assert_eq!(dates("\"24\"", "\"25\""), [None]);
        assert_eq!(
            check("\"01\"", "\"38\"", "\"CGST\""),
            one(
                "/invoice/itemLists/0/rates/0/type",
                "\"CGST\" charged on an inter-state supply (the supplier's stateCode 01, the placeOfSupply \
                 38): it is taxed as IGST"
            )
        );
    }

    #[test]
    fn a_supplier_it_cannot_place_is_not_judged() {
        assert_eq!(check("\"99\"", "\"29\"", "\"CGST\""), [], "the Centre's code");
        assert_eq!(check("\"96\"", "\"29\"", "\"CGST\""), [], "abroad");
        assert_eq!(check("\"XX\"", "\"29\"", "\"CGST\""), [], "not a code");
        assert_eq!(check("\"27\"", "\"00\"", "\"CGST\""), [], "not a code");
        assert_eq!(check("\"27\"", "\"95\"", "\"CGST\""), [], "no such code");
        assert_eq!(check("\"28\"", "\"37\"", "\"CGST\""), [], "on no GST document");
    }
}
