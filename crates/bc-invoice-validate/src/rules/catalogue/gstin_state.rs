//! A GSTIN starts with a state code registrations are made under (01 to 38 less the historical 28 and,
//! on an invoice dated from 1 August 2020, 25; 97 Other Territory, 99 Centre Jurisdiction; not 96), and the supplier's and the buyer's `stateCode` is
//! that code, written with one or two digits. The finding is at the GSTIN for the first, at the `stateCode`
//! for the second. Not checked between a GSTIN and the `stateCode` of dispatch-from or ship-to details,
//! which describe a place rather than the registration; not for the buyer of an export (EXPWP, EXPWOP);
//! and a GSTIN of the Centre Jurisdiction (99, a non-resident online service provider's) fits a
//! `stateCode` of 99 or 96.
//!
//! Source: NIC's e-invoice validations ("First two digits of the Supplier / Recipient GSTIN should match
//! with the state code … except if supply type is export") (NIC-VAL) and NIC's state-code master
//! (NIC-MASTER). Tolerance: 0 (`7` and `07` are one code).

use super::{Rule, RuleId};
use crate::generated::roles::Role;
use crate::rules::hooks::{Check, Dated, Gstin, Party, Sink, Unless, find, text};
use crate::rules::states::{self, Jurisdiction};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::GstinState,
    "gstin-state",
    "a GSTIN starts with a state code registrations are made under, and the supplier's and buyer's stateCode is that code (not an export's buyer)",
    "0",
    "NIC e-invoice validations; NIC state-code master; CBIC Notification 10/2020-CT (as amended by 45/2020-CT)",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    /// The GSTIN's own state code: one registrations are made under.
    fn gstin(out: &mut Sink<'_>, rule: RuleId, gstin: &Gstin<'_, '_>) {
        if gstin.structure.is_err() {
            return;
        }
        let prefix = &gstin.text[..2];
        let (why, until) = match states::code(prefix) {
            Ok(jurisdiction) if jurisdiction.registers() => return,
            Ok(Jurisdiction::Abroad) => (
                "the code for a place of supply outside India, under which no taxpayer is registered",
                None,
            ),
            Ok(Jurisdiction::Historical(_, note, until)) => (note, until),
            Ok(_) | Err(_) => ("which is not a GST state code", None),
        };
        let message = |found: &str| format!("GSTIN {found} starts with {prefix}, {why}");
        match until {
            Some(until) => out.report_dated(Dated::From(until), rule, gstin.fact, message),
            None => out.report(rule, gstin.fact, message),
        }
    }

    /// The GSTIN and the `stateCode` of the same registration: the supplier's, the buyer's.
    fn party(out: &mut Sink<'_>, rule: RuleId, party: &Party<'_, '_>) {
        if let (Some((gstin_fact, prefix)), Some(code_fact)) = (
            party.registration,
            find(party.group, Role::RegistrationStateCode),
        ) && let Some(code) = text(code_fact)
            && let Some(two) = states::two_digits(&code)
            && two != prefix
            && !(prefix == *b"99" && (two == *b"99" || two == *b"96"))
        {
            let prefix = String::from_utf8_lossy(&prefix);
            let message = |found: &str| {
                format!("stateCode {found} is not {prefix}, the state code that starts the party's GSTIN")
            };
            if gstin_fact.role == Role::GstinOrUrp {
                out.report_unless(Unless::Export, rule, code_fact, message);
            } else {
                out.report(rule, code_fact, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hooks::testing::{fact, found, gstin_findings, one, sink};

    fn check(text: &'static str, raw: &'static str, urp_allowed: bool) -> Vec<(String, String)> {
        gstin_findings(Hook::gstin, RuleId::GstinState, text, raw, urp_allowed)
    }

    #[test]
    fn a_gstin_starts_with_a_code_registrations_are_made_under() {
        assert_eq!(check("27AAPFU0939F1ZV", "\"27AAPFU0939F1ZV\"", false), []);
        assert_eq!(
            check("96AAPFU0939F1ZV", "\"96AAPFU0939F1ZV\"", false),
            one(
                "/invoice/buyerDetails/gstin",
                "GSTIN \"96AAPFU0939F1ZV\" starts with 96, the code for a place of supply outside India, \
                 under which no taxpayer is registered"
            )
        );
    }

    #[test]
    fn the_registration_state_code_is_the_gstins() {
        let group = [
            fact(Role::Gstin, "/invoice/supplierDetails/gstin", "\"27AAPFU0939F1ZV\""),
            fact(Role::RegistrationStateCode, "/invoice/supplierDetails/stateCode", "\"29\""),
        ];
        let party = |code| Party {
            group: &group,
            code: Some(code),
            abroad: false,
            registration: Some((&group[0], *b"27")),
        };
        let mut out = sink();
        Hook::party(&mut out, RuleId::GstinState, &party("29".into()));
        assert_eq!(
            found(&out),
            one(
                "/invoice/supplierDetails/stateCode",
                "stateCode \"29\" is not 27, the state code that starts the party's GSTIN"
            )
        );
        let agrees = [group[0].clone(), fact(Role::RegistrationStateCode, "/invoice/supplierDetails/stateCode", "\"27\"")];
        let mut out = sink();
        Hook::party(
            &mut out,
            RuleId::GstinState,
            &Party { group: &agrees, code: Some("27".into()), abroad: false, registration: Some((&agrees[0], *b"27")) },
        );
        assert_eq!(found(&out), []);
    }
}
