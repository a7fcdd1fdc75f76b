//! `supplierBankAccountDetails.ifsc` is eleven characters: four letters for the bank, `0` (reserved), six
//! letters or digits for the branch, in either case (the same branch either way).
//!
//! Source: RBI's description of the IFSC (RBI-IFSC). Tolerance: 0 characters.

use super::{Rule, RuleId};
use crate::generated::roles::Role;
use crate::rules::facts::Fact;
use crate::rules::formats;
use crate::rules::hooks::{Check, Sink};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::Ifsc,
    "ifsc",
    "an IFSC is four letters, 0 and six letters or digits, in either case",
    "0 characters",
    "RBI (IFSC)",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn single(out: &mut Sink<'_>, rule: RuleId, fact: &Fact<'_>, value: &str) {
        if fact.role == Role::Ifsc
            && let Some(fault) = formats::ifsc_fault(value)
        {
            out.report(rule, fact, |found| format!("IFSC {found} {fault}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hooks::testing::{fact, found, one, sink};

    fn check(raw: &'static str) -> Vec<(String, String)> {
        let fact = fact(Role::Ifsc, "/invoice/supplierBankAccountDetails/ifsc", raw);
        let value = raw.trim_matches('"');
        let mut out = sink();
        Hook::single(&mut out, RuleId::Ifsc, &fact, value);
        found(&out)
    }

    #[test]
    fn the_rule_passes_a_good_value_and_reports_a_bad_one() {
        assert_eq!(check("\"HDFC0001234\""), []);
        assert_eq!(check("\"HDFC1001234\""), one("/invoice/supplierBankAccountDetails/ifsc", "IFSC \"HDFC1001234\" does not have 0 as its fifth character"));
    }
}
