//! Every GSTIN member (supplier, buyer, dispatch, shipping, `transactionDetails.ecommerceGstin`) has one of
//! the seven structures GSTN issues: a PAN-based registration (normal, composition, casual, SEZ, input
//! service distributor), a tax collector's (`C` at position 14), a tax deductor's (on a PAN or a TAN, `D`),
//! a government department's identifier, a UIN (UN body, embassy, other notified person: `UN`, `ON`), a
//! non-resident taxable person's (`NR`), a non-resident online service provider's (`99…OS`). The buyer's
//! and the shipping party's GSTIN may be `URP`, an unregistered person. A finding names the structure the
//! value comes closest to and the first position that departs from it.
//!
//! Source: GSTN's GSTIN patterns for each kind of registrant (GSTN-PAT), inside the e-invoice schema
//! INV-01's `^[0-9]{2}[0-9A-Z]{13}$` and its `URP` for the buyer and ship-to party. Tolerance: 0 characters.

use super::{Rule, RuleId};
use crate::rules::gstin::NearMiss;
use crate::rules::hooks::{Check, Gstin, Sink};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::GstinFormat,
    "gstin-format",
    "every GSTIN has one of the 7 structures GSTN issues; a buyer or ship-to party may be URP",
    "0 characters",
    "GSTN GSTIN patterns; e-invoice schema INV-01",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn gstin(out: &mut Sink<'_>, rule: RuleId, gstin: &Gstin<'_, '_>) {
        match gstin.structure {
            Ok(_) => {}
            Err(NearMiss::Length(length)) => out.report(rule, gstin.fact, |found| {
                let urp = if gstin.urp_allowed {
                    " (or URP for an unregistered party)"
                } else {
                    ""
                };
                format!("GSTIN {found} has {length} characters; a GSTIN has 15{urp}")
            }),
            Err(NearMiss::Resembles(structure, at, what)) => out.report(rule, gstin.fact, |found| {
                format!(
                    "GSTIN {found} has none of the structures GSTN issues; it comes closest to {}, \
                     whose position {at} is {what}",
                    structure.describe()
                )
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hooks::testing::{gstin_findings, one};

    fn check(text: &'static str, raw: &'static str, urp_allowed: bool) -> Vec<(String, String)> {
        gstin_findings(Hook::gstin, RuleId::GstinFormat, text, raw, urp_allowed)
    }

    #[test]
    fn a_gstin_of_another_length_or_shape_is_reported_and_a_real_one_is_not() {
        assert_eq!(check("27AAPFU0939F1ZV", "\"27AAPFU0939F1ZV\"", true), []);
        assert_eq!(
            check("27AAPFU0939F1Z", "\"27AAPFU0939F1Z\"", true),
            one(
                "/invoice/buyerDetails/gstin",
                "GSTIN \"27AAPFU0939F1Z\" has 14 characters; a GSTIN has 15 (or URP for an unregistered party)"
            )
        );
        let found = check("2ZAAPFU0939F1ZV", "\"2ZAAPFU0939F1ZV\"", false);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].1.starts_with("GSTIN \"2ZAAPFU0939F1ZV\" has none of the structures GSTN issues"),
            "{found:?}"
        );
    }
}
