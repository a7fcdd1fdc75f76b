//! A convention, off (`allow`) by default: an edit raises the version by exactly one
//! (`newVersion` = `currentVersion` + 1). The documentation does not say so, and its own Edit Invoice
//! example keeps the version, so a project turns this on only if it keeps the convention.
//!
//! The check needs the kind `edit-invoice` named explicitly: detection cannot tell an edit body from a
//! create body and says `create-invoice`.
//!
//! Source: none; a convention. Tolerance: 0 (exactly +1).

use rust_decimal::Decimal;

use super::{Rule, RuleId, RuleLevel};
use crate::kind::DocumentKind;
use crate::report::shorten;
use crate::rules::hooks::{Check, Sink, Version};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule {
    id: RuleId::VersionIncrement,
    name: "version-increment",
    summary: "a convention, off by default: an edit raises the version by exactly one",
    tolerance: "0",
    source: "none: a convention",
    default_level: RuleLevel::Allow,
};

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn version(out: &mut Sink<'_>, rule: RuleId, version: &Version<'_, '_>) {
        // A version that goes down is `version-step`'s.
        if version.kind == DocumentKind::EditInvoice
            && version.to >= version.from
            && let Some(next) = version.from.checked_add(Decimal::ONE)
            && version.to != next
        {
            let current = shorten(version.current.raw);
            out.report(rule, version.new, |found| {
                format!(
                    "newVersion {found} does not raise currentVersion {current} by one: an edit makes version {next}"
                )
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::roles::Role;
    use crate::rules::hooks::testing::{fact, found, one, sink};

    fn check(kind: DocumentKind, from: &'static str, to: &'static str) -> Vec<(String, String)> {
        let current = fact(Role::CurrentVersion, "/invoice/objectVersion/currentVersion", from);
        let new = fact(Role::NewVersion, "/invoice/objectVersion/newVersion", to);
        let version = Version {
            kind,
            current: &current,
            new: &new,
            from: from.parse().unwrap(),
            to: to.parse().unwrap(),
        };
        let mut out = sink();
        Hook::version(&mut out, RuleId::VersionIncrement, &version);
        found(&out)
    }

    #[test]
    fn an_edit_raises_the_version_by_one() {
        assert_eq!(check(DocumentKind::EditInvoice, "2", "3"), []);
        assert_eq!(check(DocumentKind::CreateInvoice, "2", "5"), [], "only an edit");
        assert_eq!(check(DocumentKind::EditInvoice, "3", "2"), [], "version-step's");
        assert_eq!(
            check(DocumentKind::EditInvoice, "2", "4"),
            one(
                "/invoice/objectVersion/newVersion",
                "newVersion 4 does not raise currentVersion 2 by one: an edit makes version 3"
            )
        );
    }
}
