//! `contactNumber.phoneNumber` is 6 to 12 digits (the country code goes in `countryCode`).
//!
//! Source: the e-invoice schema INV-01 (`Ph`: `^([0-9]{6,12})$`). Tolerance: 6 to 12 digits, nothing else.

use super::{Rule, RuleId};
use crate::generated::roles::Role;
use crate::rules::formats;
use crate::rules::hooks::{Check, Party, Sink, text};

/// The rule: its id, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
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
