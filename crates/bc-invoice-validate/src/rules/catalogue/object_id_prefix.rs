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

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::ObjectIdPrefix,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hooks::testing::{fact, found, one, sink};

    fn check(raw: &'static str) -> Vec<(String, String)> {
        let fact = fact(Role::ObjectId, "/invoiceStatus/objectId", raw);
        let value = raw.trim_matches('"');
        let mut out = sink();
        Hook::single(&mut out, RuleId::ObjectIdPrefix, &fact, value);
        found(&out)
    }

    #[test]
    fn the_rule_passes_a_good_value_and_reports_a_bad_one() {
        assert_eq!(check("\"INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c\""), []);
        assert_eq!(check("\"NNV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c\""), one("/invoiceStatus/objectId", "objectId \"NNV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c\" starts with NNV, not the literal INV"));
            let payment = fact(Role::PaymentObjectId, "/payment/objectId", "\"TMP9c4e2a7b1d3f5e8a0b6c2d4e7f1a3b5c\"");
        let mut out = sink();
        Hook::payment_id(&mut out, RuleId::ObjectIdPrefix, &payment, "TMP9c4e2a7b1d3f5e8a0b6c2d4e7f1a3b5c");
        assert_eq!(
            found(&out),
            one(
                "/payment/objectId",
                "objectId \"TMP9c4e2a7b1d3f5e8a0b6c2d4e7f1a3b5c\" starts with TMP, not the literal PMT of a payment"
            )
        );
    }
}
