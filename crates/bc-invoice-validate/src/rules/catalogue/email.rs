//! A party's `email` matches `^[a-zA-Z0-9+_.-]+@[a-zA-Z0-9.-]+$`.
//!
//! Source: the e-invoice schema INV-01 (`Em`). Tolerance: 0 characters.

use super::{Rule, RuleId};
use crate::generated::roles::Role;
use crate::rules::formats;
use crate::rules::hooks::{Check, Party, Sink, text};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::Email,
    "email",
    "an e-mail address matches the GST e-invoice pattern",
    "0 characters",
    "e-invoice schema INV-01",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn party(out: &mut Sink<'_>, rule: RuleId, party: &Party<'_, '_>) {
        for fact in party.group.iter().filter(|fact| fact.role == Role::Email) {
            let Some(value) = text(fact) else { continue };
            if !formats::is_email(&value) {
                out.report(rule, fact, |found| {
                    format!("e-mail address {found} does not match {}", formats::EMAIL_PATTERN)
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hooks::testing::{fact, found, one, sink};

    fn check(raw: &'static str, abroad: bool) -> Vec<(String, String)> {
        let group = [fact(Role::Email, "/invoice/buyerDetails/email", raw)];
        let mut out = sink();
        Hook::party(&mut out, RuleId::Email, &Party { group: &group, code: None, abroad, registration: None });
        found(&out)
    }

    #[test]
    fn the_rule_passes_a_good_value_and_reports_a_bad_one() {
        assert_eq!(check("\"accounts@example.in\"", false), []);
        assert_eq!(check("\"accounts at example.in\"", false), one("/invoice/buyerDetails/email", "e-mail address \"accounts at example.in\" does not match ^[a-zA-Z0-9+_.-]+@[a-zA-Z0-9.-]+$"));
    }
}
