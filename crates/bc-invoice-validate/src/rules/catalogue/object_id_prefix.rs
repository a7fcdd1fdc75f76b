//! An `objectId` that matches the documented `^[INV]{3}[A-Za-z0-9]{32,32}$` starts with the literal `INV`,
//! as the documentation describes it; the pattern's character class also lets `NNV…` or `VII…` through. An
//! id the pattern refuses is the schema's finding, not this rule's.
//!
//! Source: the API documentation's `objectId` (DOC). Tolerance: 0 characters.

use super::{Rule, RuleId};
use crate::generated::roles::Role;
use crate::rules::facts::Fact;
use crate::rules::formats;
use crate::rules::hooks::{Check, Sink};

/// The rule: its id, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    "object-id-prefix",
    "an objectId starts with the literal INV",
    "0 characters",
    "API documentation",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn single(out: &mut Sink<'_>, rule: RuleId, fact: &Fact<'_>, value: &str) {
        if fact.role == Role::ObjectId
            && let Some(prefix) = formats::wrong_object_id_prefix(value)
        {
            out.report(rule, fact, |found| {
                format!("objectId {found} starts with {prefix}, not the literal INV")
            });
        }
    }

    fn payment_id(out: &mut Sink<'_>, rule: RuleId, fact: &Fact<'_>, value: &str) {
        if let Some(prefix) = formats::wrong_prefix(value, "PMT") {
            out.report(rule, fact, |found| {
                format!("objectId {found} starts with {prefix}, not the literal PMT of a payment")
            });
        }
    }
}
