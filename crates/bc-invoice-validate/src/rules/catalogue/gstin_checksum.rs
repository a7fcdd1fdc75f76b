//! A GSTIN with one of GSTN's structures ends with the Luhn mod-36 check character of its first 14
//! (`27AAPFU0939F1ZV`, not `27AAPFU0939F1ZO`). Not judged for a non-resident taxable person's GSTIN nor a
//! government department's identifier: no published identifier of those kinds was found to verify that the
//! check applies to them.
//!
//! Source: GSTN's note on the GSTIN format (GSTN-NOTE), verified on published GSTINs of every other kind
//! (GSTIN-REAL). Tolerance: 0 characters.

use super::{Rule, RuleId};
use crate::rules::gstin;
use crate::rules::hooks::{Check, Gstin, Sink};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::GstinChecksum,
    "gstin-checksum",
    "a GSTIN ends with its mod-36 check character (not judged for non-resident taxable persons and government departments)",
    "0 characters",
    "GSTN GSTIN format note; published GSTINs",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn gstin(out: &mut Sink<'_>, rule: RuleId, gstin: &Gstin<'_, '_>) {
        if let Ok(structure) = gstin.structure
            && let Some((written, computed)) = gstin::check_mismatch(structure, gstin.text)
        {
            out.report(rule, gstin.fact, |found| {
                format!("GSTIN {found} has check character {written}; the mod-36 check gives {computed}")
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hooks::testing::{gstin_findings, one};

    fn check(text: &'static str, raw: &'static str, urp_allowed: bool) -> Vec<(String, String)> {
        gstin_findings(Hook::gstin, RuleId::GstinChecksum, text, raw, urp_allowed)
    }

    #[test]
    fn a_wrong_check_character_is_reported_with_the_right_one() {
        assert_eq!(check("27AAPFU0939F1ZV", "\"27AAPFU0939F1ZV\"", false), []);
        assert_eq!(
            check("27AAPFU0939F1ZO", "\"27AAPFU0939F1ZO\"", false),
            one(
                "/invoice/buyerDetails/gstin",
                "GSTIN \"27AAPFU0939F1ZO\" has check character O; the mod-36 check gives V"
            )
        );
        // Not a GSTIN at all: `gstin-format`'s finding, not this rule's.
        assert_eq!(check("27AAPFU0939F1Z", "\"27AAPFU0939F1Z\"", false), []);
    }
}
