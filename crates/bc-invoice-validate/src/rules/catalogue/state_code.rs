//! `stateCode` and `placeOfSupply` are state codes of NIC's master: one or two digits (`7` is `07`), 01 to
//! 38, 96 (outside India), 97 (Other Territory) or 99 (Centre Jurisdiction). 28 (Andhra Pradesh before the
//! 2014 division; 37 now) is historical and flagged with the code that replaced it; so is 25 (Daman and Diu,
//! merged into 26 in 2020) on an invoice dated from 1 August 2020, when the merger's transition had ended
//! (CBIC Notification 10/2020-Central Tax, the date as amended by 45/2020-Central Tax). A party's `address.state` names the state of its `stateCode`, in any
//! case or spacing, with `&` for AND or a known alias (ORISSA, PONDICHERRY, NCT OF DELHI, …); not checked
//! for a party abroad (`stateCode` 96 or a country other than India). A name that is no state name is the
//! `known-values` rule's to judge.
//!
//! Source: the e-invoice schema INV-01 (`Stcd`, `Pos`: `^(?!0+$)([0-9]{1,2})$`) and NIC's state-code
//! master (NIC-MASTER). Tolerance: 0 (exact codes; names compared ignoring case, spacing and punctuation).

use super::{Rule, RuleId};
use crate::generated::roles::Role;
use crate::rules::hooks::{Check, Dated, Party, Sink, text};
use crate::rules::spelling;
use crate::rules::states::{self, CodeFault, Jurisdiction};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::StateCode,
    "state-code",
    "stateCode and placeOfSupply are NIC state codes (28 historical, 25 after 31 July 2020), and address.state names the party's state unless it is abroad",
    "0",
    "e-invoice schema INV-01; NIC state-code master; CBIC Notification 10/2020-CT (as amended by 45/2020-CT)",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn party(out: &mut Sink<'_>, rule: RuleId, party: &Party<'_, '_>) {
        for fact in party.group {
            match fact.role {
                Role::RegistrationStateCode | Role::StateCode | Role::PlaceOfSupply => {
                    let Some(value) = text(fact) else { continue };
                    let member = fact.member;
                    match states::code(&value) {
                        Ok(Jurisdiction::Historical(_, note, until)) => {
                            let message = |found: &str| format!("{member} {found} is {note}");
                            match until {
                                Some(until) => {
                                    out.report_dated(Dated::From(until), rule, fact, message);
                                }
                                None => out.report(rule, fact, message),
                            }
                        }
                        Ok(_) => {}
                        Err(CodeFault::NotDigits | CodeFault::Unknown) => {
                            out.report(rule, fact, |found| {
                                format!(
                                    "{member} {found} is not a GST state code (01 to 38, 96 outside India, 97 or 99)"
                                )
                            });
                        }
                    }
                }
                // An Indian party's state name is the name of its `stateCode`; a near miss of a known
                // name is `known-values`' to report instead.
                Role::AddressState if !party.abroad => {
                    let Some(name) = text(fact) else { continue };
                    // The contradiction first: a name that agrees with the code (most do) needs no
                    // spelling check.
                    if let Some(code) = party.code.as_deref()
                        && let Some(expected) = states::name_contradicts(&name, code)
                        && spelling::near_miss(&name, &states::SPELLINGS).is_none()
                    {
                        out.report(rule, fact, |found| {
                            format!(
                                "address state {found} is not {expected}, the state of the party's stateCode \"{code}\""
                            )
                        });
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hooks::testing::{fact, found, one, sink};

    fn check(raw: &'static str, abroad: bool) -> Vec<(String, String)> {
        let group = [fact(Role::StateCode, "/invoice/buyerDetails/stateCode", raw)];
        let mut out = sink();
        Hook::party(&mut out, RuleId::StateCode, &Party { group: &group, code: None, abroad, registration: None });
        found(&out)
    }

    #[test]
    fn an_indian_partys_state_name_is_its_codes() {
        let group = [fact(Role::AddressState, "/invoice/buyerDetails/address/state", "\"MAHARASHTRA\"")];
        let party = |code: &'static str| Party { group: &group, code: Some(code.into()), abroad: false, registration: None };
        let mut out = sink();
        Hook::party(&mut out, RuleId::StateCode, &party("27"));
        assert_eq!(found(&out), []);
        Hook::party(&mut out, RuleId::StateCode, &party("29"));
        assert_eq!(
            found(&out),
            one(
                "/invoice/buyerDetails/address/state",
                "address state \"MAHARASHTRA\" is not KARNATAKA, the state of the party's stateCode \"29\""
            )
        );
    }

    #[test]
    fn the_rule_passes_a_good_value_and_reports_a_bad_one() {
        assert_eq!(check("\"29\"", false), []);
        assert_eq!(check("\"XX\"", false), one("/invoice/buyerDetails/stateCode", "stateCode \"XX\" is not a GST state code (01 to 38, 96 outside India, 97 or 99)"));
    }
}
