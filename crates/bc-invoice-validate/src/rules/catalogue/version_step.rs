//! `objectVersion.newVersion` is never below `currentVersion`.
//!
//! Source: the API documentation, whose `objectVersion` carries the version "before and after this
//! request" (DOC). Tolerance: 0 (equal is allowed).

use super::{Rule, RuleId};
use crate::rules::hooks::{Check, Sink, Version};

/// The rule: its id, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
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
            let current = version.current.raw;
            out.report(rule, version.new, |found| {
                format!("newVersion {found} is below currentVersion {current}")
            });
        }
    }
}
