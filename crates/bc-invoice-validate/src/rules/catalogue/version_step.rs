//! `objectVersion.newVersion` is never below `currentVersion`. An `objectVersion` without one of the two
//! (the pages show no required flags for them) gets no finding: there is nothing to compare.
//!
//! Source: the API documentation, whose `objectVersion` carries the version "before and after this
//! request" (DOC). Tolerance: 0 (equal is allowed).

use super::{Rule, RuleId};
use crate::report::shorten;
use crate::rules::hooks::{Check, Sink, Version};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::VersionStep,
    "version-step",
    "newVersion is not below currentVersion",
    "0",
    "API documentation",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn version(out: &mut Sink<'_>, rule: RuleId, version: &Version<'_, '_>) {
        if version.to < version.from {
            let current = shorten(version.current.raw);
            out.report(rule, version.new, |found| {
                format!("newVersion {found} is below currentVersion {current}")
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::DocumentKind;
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
        Hook::version(&mut out, RuleId::VersionStep, &version);
        found(&out)
    }

    #[test]
    fn a_version_never_goes_down() {
        assert_eq!(check(DocumentKind::CreateInvoice, "2", "2"), []);
        assert_eq!(check(DocumentKind::CreateInvoice, "2", "3"), []);
        assert_eq!(
            check(DocumentKind::CreateInvoice, "3", "2"),
            one("/invoice/objectVersion/newVersion", "newVersion 2 is below currentVersion 3")
        );
    }
}
