//! A document the partner receives from the platform (a response webhook, `x-document.received`) may carry
//! members the schema does not know yet: the platform extends its webhooks, and a receiver should not
//! refuse them. There, an unknown member is this rule's finding (a warning by default) instead of a schema
//! error; `--deny received-unknown-member` (or `--strict`) makes it one again, and the typed entry point
//! leaves such members out.
//!
//! Source: the payment response pages (the Payment Response page exists in two versions with different
//! member lists: the platform does extend them).
//!
//! Tolerance: 0 (every unknown member is reported).

use super::{Rule, RuleId};
use crate::rules::hooks::Check;

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::ReceivedUnknownMember,
    "received-unknown-member",
    "a document received from the platform (a response webhook) may carry members the schema does not know yet: a warning, not an error",
    "0 (every unknown member is reported)",
    "payment response pages (the platform extends its webhooks)",
);

/// The rule's hooks.
pub(crate) struct Hook;

/// The walk reports an unknown member of a received document as this rule's finding, as it reads it
/// (`crate::walk`), and the typed entry point leaves it out: the rule has no hook of its own.
impl Check for Hook {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_warns_and_is_the_walks() {
        assert_eq!(RULE.default_level, crate::rules::RuleLevel::Warn);
    }
}
