//! `contactNumber.phoneNumber` is 6 to 12 digits (the country code goes in `countryCode`).
//!
//! Source: the e-invoice schema INV-01 (`Ph`: `^([0-9]{6,12})$`). Tolerance: 6 to 12 digits, nothing else.

use super::{Rule, RuleId};
use crate::generated::roles::Role;
use crate::rules::formats;
use crate::rules::hooks::{Check, Party, Sink, text};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::Phone,
    "phone",
    "a phone number is 6 to 12 digits",
    "6 to 12 digits",
    "e-invoice schema INV-01",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn party(out: &mut Sink<'_>, rule: RuleId, party: &Party<'_, '_>) {
        for fact in party.group.iter().filter(|fact| fact.role == Role::Phone) {
            let Some(value) = text(fact) else { continue };
            if !formats::is_phone(&value) {
                out.report(rule, fact, |found| format!("phone number {found} is not 6 to 12 digits"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hooks::testing::{fact, found, one, sink};

    fn check(raw: &'static str, abroad: bool) -> Vec<(String, String)> {
        let group = [fact(Role::Phone, "/invoice/buyerDetails/contactNumber/phoneNumber", raw)];
        let mut out = sink();
        Hook::party(&mut out, RuleId::Phone, &Party { group: &group, code: None, abroad, registration: None });
        found(&out)
    }

    #[test]
    fn the_rule_passes_a_good_value_and_reports_a_bad_one() {
        assert_eq!(check("\"9820012345\"", false), []);
        assert_eq!(check("\"98200 12345\"", false), one("/invoice/buyerDetails/contactNumber/phoneNumber", "phone number \"98200 12345\" is not 6 to 12 digits"));
    }
}
