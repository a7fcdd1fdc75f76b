//! `stateCode` and `placeOfSupply` are state codes of NIC's master: one or two digits (`7` is `07`), 01 to
//! 38, 96 (outside India), 97 (Other Territory) or 99 (Centre Jurisdiction). 28 (Andhra Pradesh before the
//! 2014 division; 37 now) is historical and flagged with the code that replaced it; so is 25 (Daman and Diu,
//! merged into 26 in 2020) on an invoice dated from 1 August 2020, when the merger's transition had ended
//! (CBIC Notification 10/2020-Central Tax, the date as amended by 45/2020-Central Tax). A party's `address.state` names the state of its `stateCode`, in any
//! case or spacing, with `&` for AND or a known alias (ORISSA, PONDICHERRY, NCT OF DELHI, …), a union
//! territory's designation or the state's own code beside it (`PUDUCHERRY (UT)`, `27-MAHARASHTRA`), transliterated
//! with diacritics (`Mahārāṣṭra`) or in an Indian script (`महाराष्ट्र`, `ಕರ್ನಾಟಕ`: `states::NATIVE`); not checked
//! for a party abroad (`stateCode` 96 or a country other than India). A name that is no state name is the
//! `known-values` rule's to judge. Two names fit a code by the law of a merger or a division: DADRA AND
//! NAGAR HAVELI AND DAMAN AND DIU fits 25 (a registrant of Daman and Diu kept 25 until 31 July 2020, in the
//! territory merged on 26 January 2020: CBIC Notification 10/2020-Central Tax), and LADAKH fits 01 on an
//! invoice dated before 1 January 2020 (Ladakh's registered persons invoiced under Jammu and Kashmir's
//! GSTINs until the transition date, 31 December 2019: CBIC Notification 62/2019-Central Tax).
//!
//! Source: the e-invoice schema INV-01 (`Stcd`, `Pos`: `^(?!0+$)([0-9]{1,2})$`) and NIC's state-code
//! master (NIC-MASTER); CBIC Notifications 10/2020-Central Tax and 62/2019-Central Tax. Tolerance: 0
//! (exact codes; names compared ignoring case, spacing and punctuation).

use super::{Rule, RuleId};
use crate::generated::roles::Role;
use crate::rules::hooks::{Check, Dated, Party, Sink, text};
use crate::rules::states::{self, CodeFault, Jurisdiction};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::StateCode,
    "state-code",
    "stateCode and placeOfSupply are NIC state codes (28 historical, 25 after 31 July 2020), and address.state names the party's state unless it is abroad",
    "0",
    "e-invoice schema INV-01; NIC state-code master; CBIC Notifications 10/2020-CT (as amended by 45/2020-CT), 62/2019-CT",
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
                        && states::misspelt(&name).is_none()
                    {
                        let message = |found: &str| {
                            format!(
                                "address state {found} is not {expected}, the state of the party's stateCode \"{code}\""
                            )
                        };
                        // Ladakh under Jammu and Kashmir's 01 until the end of 2019.
                        match states::name_kept_until(&name, code) {
                            Some(until) => out.report_dated(Dated::From(until), rule, fact, message),
                            None => out.report(rule, fact, message),
                        }
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
    use crate::rules::timestamp;

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

    /// `(pointer, message)` of the findings that stand whatever the date; `(when, pointer)` of the dated.
    type Found = (Vec<(String, String)>, Vec<(Dated, String)>);

    /// The findings on a party of `stateCode` `code` whose `address.state` is `state`: those that stand
    /// whatever the invoice's date, and those dated, which the invoice's `ts` decides.
    fn address(state: &'static str, code: &'static str) -> Found {
        let group = [fact(Role::AddressState, "/invoice/buyerDetails/address/state", state)];
        let party = Party { group: &group, code: Some(code.into()), abroad: false, registration: None };
        let mut out = sink();
        Hook::party(&mut out, RuleId::StateCode, &party);
        let dated = out.dated.iter().map(|(when, f)| (*when, f.pointer.as_str().to_owned())).collect();
        out.dated.clear();
        (found(&out), dated)
    }

    /// A union territory's name with its designation (`PUDUCHERRY (UT)`) is its name: silent under its own
    /// code, a contradiction under another's (the old code said nothing there, leaving it to
    /// `known-values`, which took the designation for a misspelling).
    #[test]
    fn a_union_territorys_designation_is_read_past() {
        assert_eq!(address("\"PUDUCHERRY (UT)\"", "34"), (vec![], vec![]));
        assert_eq!(address("\"Chandigarh U.T.\"", "04"), (vec![], vec![]));
        assert_eq!(
            address("\"PUDUCHERRY (UT)\"", "33").0,
            one(
                "/invoice/buyerDetails/address/state",
                "address state \"PUDUCHERRY (UT)\" is not TAMIL NADU, the state of the party's stateCode \"33\""
            )
        );
    }

    /// A registrant of Daman and Diu kept code 25 until 31 July 2020 (CBIC Notification 10/2020-Central Tax,
    /// as amended by 45/2020-Central Tax), in the territory merged on 26 January 2020 into Dadra and Nagar
    /// Haveli and Daman and Diu: that name fits 25, as DAMAN AND DIU fits 26. The old code reported it.
    #[test]
    fn a_daman_registrant_under_25_may_name_the_merged_territory() {
        for state in ["\"DADRA AND NAGAR HAVELI AND DAMAN AND DIU\"", "\"DADRA & NAGAR HAVELI & DAMAN & DIU\"", "\"DAMAN AND DIU\""] {
            assert_eq!(address(state, "25"), (vec![], vec![]), "{state}");
        }
        // Dadra and Nagar Haveli alone is not Daman and Diu.
        assert_eq!(address("\"DADRA AND NAGAR HAVELI\"", "25").0.len(), 1);
    }

    /// A business in Leh or Kargil invoiced under its Jammu and Kashmir GSTIN (01) until the transition
    /// date, 31 December 2019 (CBIC Notification 62/2019-Central Tax), from a Union territory of Ladakh
    /// since 31 October 2019: LADAKH under 01 is a finding only on an invoice dated from 1 January 2020
    /// (dated, as 25's code is). The old code reported it whatever the date.
    #[test]
    fn ladakh_under_01_is_a_finding_only_from_2020() {
        let at = |text: &str| timestamp::unix_seconds(text);
        let (standing, dated) = address("\"LADAKH\"", "01");
        assert_eq!(standing, []);
        assert_eq!(dated, [(Dated::From(states::LADAKH_UNDER_01_UNTIL), "/invoice/buyerDetails/address/state".to_owned())]);
        assert!(!dated[0].0.stands(at("2019-12-31T23:59:59+05:30")));
        assert!(dated[0].0.stands(at("2020-01-01T00:00:00+05:30")));
        assert_eq!(address("\"Ladakh\"", "1").1.len(), 1);
        // Any other state under 01 stands at every date; LADAKH under 38 is its own.
        assert_eq!(address("\"KARNATAKA\"", "01").0.len(), 1);
        assert_eq!(address("\"LADAKH\"", "38"), (vec![], vec![]));
    }
}
