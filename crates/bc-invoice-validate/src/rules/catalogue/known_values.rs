//! A value of an open list (the schema's `x-known-values`) that is a near miss of a known value is most
//! likely that value misspelt, and the finding asks "did you mean …?". A value equal to a known one once
//! case, spacing and punctuation are set aside is silent, and so is a value far from every known one (the
//! lists are open: the documentation publishes none in full). Near means within 0 edits of a known value
//! of up to 4 characters, 1 edit of 5 to 8, 2 edits of 9 or more (insertions, deletions, substitutions,
//! transpositions). `address.state` is compared with the state names and their known aliases, and not for
//! a party abroad, a union territory's designation after the name (`PUDUCHERRY (UT)`) set aside, and so
//! India after it (`Maharashtra (IN)`, as Odoo displays a state), and so
//! the state's own GST code before or after it (`27-MAHARASHTRA`, `Tamil Nadu (33)`: the GST portal's
//! GSTR-1 template writes a place of supply so, and CGST Rules rule 46(e) asks for "the name of the State
//! and its code"); another state's code beside a name (`27-KARNATAKA`) is a near miss of the name;
//! `address.country` with INDIA, so another country is silent. A value with a letter beyond ASCII is no
//! near miss: it is written in another script or transliterated (`Karnātaka`, `Pañjāb`), and equal to a
//! known value once its diacritics are read as their letters, or not a slip of the keyboard.
//!
//! Source: the schema's `x-known-values`. The documentation (DOC) shows one value of each list, its
//! first; the others are from related public material (the GST state names, the e-invoice supply types,
//! the BBPS device tags, other Bharat Connect integrations' life-cycle words), each named in the member's
//! description, and are not confirmed for this API: which is why the lists are open and a far value is
//! silent. The distances follow Damerau's finding that about 80 % of misspellings are one such edit
//! (DAMERAU), a fact about typing, not about GST. Tolerance: 0, 1 or 2 edits by the
//! known value's length (≤ 4, 5–8, ≥ 9 characters).

use super::{Rule, RuleId};
use crate::generated::roles::Role;
use crate::rules::hooks::{Check, Party, Sink, text};
use crate::rules::{spelling, states};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::KnownValues,
    "known-values",
    "a near miss of a known value of an open list (x-known-values) is probably misspelt: did you mean it?",
    "0, 1 or 2 edits for known values of up to 4, 5 to 8, 9 or more characters",
    "the schema's x-known-values: the API documentation's first value of each list, the rest from related public material, each named in the schema; Damerau 1964 (edit distances)",
);

/// The rule's hooks.
pub(crate) struct Hook;

/// The walk checks the members with `x-known-values` as it reads them (`crate::walk`); the rule's own hook
/// checks an Indian party's state name against the state names and their aliases.
impl Check for Hook {
    fn party(out: &mut Sink<'_>, rule: RuleId, party: &Party<'_, '_>) {
        if party.abroad {
            return;
        }
        for fact in party.group.iter().filter(|fact| fact.role == Role::AddressState) {
            let Some(name) = text(fact) else { continue };
            // The name of the party's own state code is known (most parties write it so): no near miss.
            if party.code.as_deref().and_then(states::name_of) == Some(&*name) {
                continue;
            }
            // `PUDUCHERRY (UT)` is PUDUCHERRY, not a misspelling of it.
            if let Some(meant) = states::misspelt(&name) {
                out.report(rule, fact, |found| spelling::did_you_mean(found, meant));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hooks::testing::{fact, found, one, sink};

    fn check(raw: &'static str, abroad: bool) -> Vec<(String, String)> {
        let group = [fact(Role::AddressState, "/invoice/buyerDetails/address/state", raw)];
        let mut out = sink();
        Hook::party(&mut out, RuleId::KnownValues, &Party { group: &group, code: None, abroad, registration: None });
        found(&out)
    }

    #[test]
    fn the_rule_passes_a_good_value_and_reports_a_bad_one() {
        assert_eq!(check("\"KARNATAKA\"", false), []);
        assert_eq!(check("\"KARNATKA\"", false), one("/invoice/buyerDetails/address/state", "\"KARNATKA\" is not one of the known values; did you mean \"KARNATAKA\"?"));
        // A party abroad has its own postcode.
        assert_eq!(check("\"KARNATKA\"", true), []);
        // A common spelling of a state's name is an alias, not a near miss.
        assert_eq!(check("\"Chattisgarh\"", false), []);
        // Round 12: a transliteration with diacritics is no misspelling (the old code asked "did you mean
        // KARNATAKA?" of `Karnātaka`).
        assert_eq!(check("\"Karnātaka\"", false), []);
        assert_eq!(check("\"Pañjāb\"", false), []);
        // A union territory's designation after its name is no misspelling (the old code asked "did you
        // mean PUDUCHERRY?"); a misspelt name with one still is.
        assert_eq!(check("\"PUDUCHERRY (UT)\"", false), []);
        assert_eq!(check("\"Lakshadweep (Union Territory)\"", false), []);
        assert_eq!(
            check("\"PUDUCHERY (UT)\"", false),
            one("/invoice/buyerDetails/address/state", "\"PUDUCHERY (UT)\" is not one of the known values; did you mean \"PUDUCHERRY\"?")
        );
        // Nor is the state's own GST code beside its name (the old code asked "did you mean MAHARASHTRA?"
        // of `MAHARASHTRA (27)`, a name of 9 or more letters two edits away); another state's code is.
        assert_eq!(check("\"MAHARASHTRA (27)\"", false), []);
        assert_eq!(check("\"33-Tamil Nadu\"", false), []);
        assert_eq!(
            check("\"27-KARNATAKA\"", false),
            one("/invoice/buyerDetails/address/state", "\"27-KARNATAKA\" is not one of the known values; did you mean \"KARNATAKA\"?")
        );
    }
}
