//! An Indian party's PIN is in the state of its `stateCode`, by India Post's all-India pincode directory
//! (snapshot of 3 October 2025): a PIN the directory lists in several states (533464, Yanam in Puducherry
//! and villages of Andhra Pradesh; Daman's and Vapi's 396xxx) fits any of them, and a PIN of 507100 to
//! 507199 fits Andhra Pradesh as well as Telangana (the Polavaram mandals moved to Andhra Pradesh in 2014
//! kept their Khammam PINs: `pins::MOVED`); a PIN of Ladakh fits Jammu and Kashmir (01) on an invoice dated
//! before 1 January 2020 (Ladakh's registered persons invoiced under 01 until the transition date, 31
//! December 2019, CBIC Notification 62/2019-Central Tax; the directory lists their PINs under Ladakh, a
//! Union territory since 31 October 2019: `states::KEPT`). Checked for every party in
//! India whose `stateCode` names a state; not for a party abroad, 97, 99 or a historical code. A PIN the
//! directory does not list is judged only when the listed PINs on both sides of it, in order, are of the
//! same states; otherwise it draws nothing. Nor is a PIN the directory lists only under a state outside
//! the postal circle its first two digits are allotted to (799001, Agartala's head post office in Tripura,
//! listed under a Telangana office: a keying error; `xtask/data/pin_states.py` leaves such PINs out). A PIN
//! of the ninth zone (900000 to 999999) is not judged:
//! that zone is the Army Postal Service's, not a region of the map, so a unit addressed "C/o 56 APO"
//! (900056) may be anywhere; the directory lists 56 APO under Uttar Pradesh and 99 APO (900099) under
//! West Bengal, the states of the base post offices that route the mail, which say nothing of where the
//! unit, or its GST registration, is (999999 is the export PIN besides).
//!
//! Source: India Post's all-India pincode directory (data.gov.in, Government Open Data License – India),
//! as shipped by the PyPI package indian-pincode 2.1.0 (INDIA-POST); India Post's description of the PIN:
//! nine PIN regions, eight geographical and the ninth, the first digit 9, reserved for the Army Postal
//! Service (INDIA-POST-PIN in docs/rules-sources.md); a party's `Pin` and `Stcd` in the
//! e-invoice schema INV-01 describe one address; CBIC Notification 62/2019-Central Tax (Ladakh). Tolerance: 0 states (any state the directory lists the
//! PIN under).

use super::{Rule, RuleId};
use crate::generated::roles::Role;
use crate::rules::hooks::{Check, Dated, Party, Sink, text};
use crate::rules::states::{self, Jurisdiction};
use crate::rules::{formats, pins};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::PincodeState,
    "pincode-state",
    "an Indian party's PIN is in the state of its stateCode, by India Post's pincode directory (a PIN listed in several states fits any; an Army Postal Service PIN, 9xxxxx, names no state)",
    "0 states",
    "India Post all-India pincode directory (data.gov.in, 2025-10-03); India Post (PIN regions: 9 is the Army Postal Service); e-invoice schema INV-01; CBIC Notification 62/2019-CT (Ladakh under 01 until 2020)",
);

/// The Army Postal Service's PINs, the ninth zone: a functional zone, not a region of the map, whose PINs
/// say nothing of the state an addressee is in.
const ARMY_POSTAL_ZONE: std::ops::RangeInclusive<u32> = 900_000..=999_999;

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn party(out: &mut Sink<'_>, rule: RuleId, party: &Party<'_, '_>) {
        if party.abroad {
            return;
        }
        let Some(code) = party.code.as_deref() else { return };
        let Ok(Jurisdiction::State(two, name)) = states::code(code) else {
            return;
        };
        for fact in party.group.iter().filter(|fact| fact.role == Role::Pincode) {
            let Some(value) = text(fact) else { continue };
            // A PIN of the wrong form is `pincode`'s.
            if formats::pincode_fault(&value).is_some() {
                continue;
            }
            // Six digits (`pincode_fault` has said so) and a two-digit code: read as they stand.
            let number = |digits: &[u8]| {
                digits
                    .iter()
                    .fold(0u32, |n, &d| n * 10 + u32::from(d.wrapping_sub(b'0')))
            };
            let (pin, state) = (number(value.as_bytes()), number(two.as_bytes()));
            if let Some(listed) = pins::states_of(pin)
                && !ARMY_POSTAL_ZONE.contains(&pin)
                && state < 64
                && listed & (1 << state) == 0
            {
                let places = pins::names(listed);
                let message = |found: &str| {
                    format!(
                        "pincode {found} is in {places} by India Post's pincode directory ({}), not in {name}, \
                         the state of the party's stateCode \"{code}\"",
                        pins::SNAPSHOT
                    )
                };
                // A PIN of Ladakh fits Jammu and Kashmir's 01 until the end of 2019.
                match states::kept_until(state, listed) {
                    Some(until) => out.report_dated(Dated::From(until), rule, fact, message),
                    None => out.report(rule, fact, message),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hooks::testing::{fact, found, sink};

    fn check(pin: &'static str, code: &'static str) -> Vec<(String, String)> {
        let group = [fact(Role::Pincode, "/invoice/buyerDetails/address/pincode", pin)];
        let party = Party { group: &group, code: Some(code.into()), abroad: false, registration: None };
        let mut out = sink();
        Hook::party(&mut out, RuleId::PincodeState, &party);
        found(&out)
    }

    #[test]
    fn a_pin_is_in_the_partys_state_and_the_real_exceptions_draw_nothing() {
        assert_eq!(check("\"560001\"", "29"), [], "Bengaluru, Karnataka");
        assert_eq!(check("\"533464\"", "34"), [], "Yanam, Puducherry");
        assert_eq!(check("\"673310\"", "34"), [], "Mahe, Puducherry");
        assert_eq!(check("\"160055\"", "03"), [], "Mohali, Punjab");
        let found = check("\"400001\"", "29");
        assert_eq!(found.len(), 1, "a Mumbai PIN for a Karnataka party");
        assert_eq!(found[0].0, "/invoice/buyerDetails/address/pincode");
        assert!(found[0].1.starts_with("pincode \"400001\" is in MAHARASHTRA by India Post's pincode directory"), "{found:?}");
    }

    /// An Army Postal Service PIN (the ninth zone) names no state: a unit addressed "C/o 56 APO" (900056,
    /// which India Post's directory lists under Uttar Pradesh) or "C/o 99 APO" (900099, listed under West
    /// Bengal) may be registered anywhere. The old code reported both under Jammu and Kashmir.
    #[test]
    fn an_army_postal_service_pin_fits_every_state() {
        assert_eq!(check("\"900056\"", "01"), [], "56 APO, a unit in Jammu and Kashmir");
        assert_eq!(check("\"900099\"", "18"), [], "99 APO, a unit in Assam");
        assert_eq!(check("\"900056\"", "09"), []);
        // The zone's edge: the last PIN of the eighth zone is still judged.
        assert_eq!(check("\"855117\"", "01").len(), 1, "a Bihar PIN under 01");
    }

    /// A PIN of Ladakh under Jammu and Kashmir's 01: a Leh or Kargil business invoiced under its 01 GSTIN
    /// until 31 December 2019 (CBIC Notification 62/2019-Central Tax), and its PIN was Jammu and Kashmir's
    /// until Ladakh became a Union territory on 31 October 2019; India Post's 2025 directory lists it
    /// under Ladakh. The finding is dated: it stands only on an invoice dated from 1 January 2020. The
    /// old code reported it whatever the date.
    #[test]
    fn a_ladakh_pin_under_01_is_a_finding_only_from_2020() {
        let group = [fact(Role::Pincode, "/invoice/buyerDetails/address/pincode", "\"194101\"")];
        let party = Party { group: &group, code: Some("01".into()), abroad: false, registration: None };
        let mut out = sink();
        Hook::party(&mut out, RuleId::PincodeState, &party);
        assert_eq!(out.findings.len(), 0);
        assert_eq!(out.dated.len(), 1);
        assert_eq!(out.dated[0].0, Dated::From(states::LADAKH_UNDER_01_UNTIL));
        // Under 38, Ladakh's own; a Jammu PIN under 38 and a Karnataka PIN under 01 stand at every date.
        assert_eq!(check("\"194103\"", "38"), []);
        assert_eq!(check("\"180001\"", "38").len(), 1);
        let mut out = sink();
        let group = [fact(Role::Pincode, "/invoice/buyerDetails/address/pincode", "\"560058\"")];
        Hook::party(&mut out, RuleId::PincodeState, &Party { group: &group, code: Some("01".into()), abroad: false, registration: None });
        assert_eq!((out.findings.len(), out.dated.len()), (1, 0));
    }
}
