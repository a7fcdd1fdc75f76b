//! An Indian party's `address.pincode` is six digits, 100000 to 999999; 999999 is also what the e-invoice
//! gives an export recipient. Not checked for a party abroad (`stateCode` 96, a country other than India,
//! or an OIDAR GSTIN: IGST Act s.14(1)), whose postcode has its own form.
//!
//! Source: the e-invoice schema INV-01 (`Pin`: minimum 100000, maximum 999999) and NIC's e-invoice FAQ on
//! exports (NIC-FAQ). Tolerance: the range 100000–999999, no other.

use super::{Rule, RuleId};
use crate::generated::roles::Role;
use crate::rules::formats;
use crate::rules::hooks::{Check, Party, Sink, text};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::Pincode,
    "pincode",
    "an Indian party's PIN is six digits from 100000 to 999999; a party abroad is not checked",
    "100000 to 999999",
    "e-invoice schema INV-01; NIC e-invoice FAQ",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn party(out: &mut Sink<'_>, rule: RuleId, party: &Party<'_, '_>) {
        for fact in party.group.iter().filter(|fact| fact.role == Role::Pincode) {
            let Some(value) = text(fact) else { continue };
            if party.abroad {
                return;
            }
            if let Some(fault) = formats::pincode_fault(&value) {
                out.report(rule, fact, |found| format!("pincode {found} {fault}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hooks::testing::{fact, found, one, sink};

    fn check(raw: &'static str, abroad: bool) -> Vec<(String, String)> {
        let group = [fact(Role::Pincode, "/invoice/buyerDetails/address/pincode", raw)];
        let mut out = sink();
        Hook::party(&mut out, RuleId::Pincode, &Party { group: &group, code: None, abroad, registration: None });
        found(&out)
    }

    #[test]
    fn the_rule_passes_a_good_value_and_reports_a_bad_one() {
        assert_eq!(check("\"560001\"", false), []);
        assert_eq!(check("\"56001\"", false), one("/invoice/buyerDetails/address/pincode", "pincode \"56001\" has fewer than six digits"));
        // A party abroad has its own postcode.
        assert_eq!(check("\"56001\"", true), []);
    }
}
