//! `supplierBankAccountDetails.ifsc` is eleven characters: four letters for the bank, `0` (reserved), six
//! letters or digits for the branch, in either case (the same branch either way).
//!
//! Source: RBI's description of the IFSC (RBI-IFSC). Tolerance: 0 characters.

use super::{Rule, RuleId};
use crate::generated::roles::Role;
use crate::rules::facts::Fact;
use crate::rules::formats;
use crate::rules::hooks::{Check, Sink};

/// The rule: its id, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
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
