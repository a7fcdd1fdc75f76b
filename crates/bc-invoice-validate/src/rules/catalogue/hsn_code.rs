//! An item's `hsnCode` is 4, 6 or 8 digits, not all zeros, and a line marked as a service (`isService`
//! YES) has a services code: chapter 99 (`99…`).
//!
//! Source: the e-invoice schema INV-01 (`HsnCd`: `^(?!0+$)([0-9]{4}|[0-9]{6}|[0-9]{8})$`), NIC's
//! validations ("If Is_Service is selected, then the HSN codes must belong to services") and the scheme of
//! classification of services (CBIC Notification 11/2017-Central Tax (Rate), annexure: chapter 99)
//! (CBIC-HSN). Tolerance: 0 digits.

use super::{Rule, RuleId};
use crate::report::shorten;
use crate::rules::facts::FactValue;
use crate::rules::formats;
use crate::rules::hooks::{Check, Item, Sink};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::HsnCode,
    "hsn-code",
    "an HSN code is 4, 6 or 8 digits, not all zeros, and a service line's starts with 99",
    "0 digits",
    "e-invoice schema INV-01; NIC e-invoice validations; CBIC Notification 11/2017-CT(Rate)",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn item(out: &mut Sink<'_>, rule: RuleId, item: &Item<'_>) {
        let Some(hsn) = &item.hsn_code else { return };
        let FactValue::Str(code) = hsn.value() else {
            return;
        };
        if let Some(fault) = formats::hsn_fault(&code) {
            out.report_member(rule, item, hsn, |found| format!("HSN code {found} {fault}"));
        } else if let Some(service) = &item.is_service
            && let FactValue::Str(flag) = service.value()
            && formats::sac_expected(&code, &flag)
        {
            // As written, cut as the found value is (blanks around `YES` are allowed).
            let flag = shorten(service.raw);
            out.report_member(rule, item, hsn, |found| {
                format!(
                    "HSN code {found} is a goods code, but the line is a service (isService \
                     {flag}): services codes (SAC) start with 99"
                )
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::roles::Role;
    use crate::rules::facts::Member;
    use crate::rules::hooks::testing::{found, one, path, sink};

    /// An item of `members` (role, name, JSON text).
    fn item(members: &[(Role, &'static str, &'static str)]) -> Item<'static> {
        let mut item = Item::new(path("/invoice/itemLists/0"));
        for &(role, member, raw) in members {
            let segment = *path(&format!("/invoice/itemLists/0/{member}")).as_slice().last().unwrap();
            item.take(Member { role, member, raw, escaped: raw.contains('\\'), offset: 0, segment });
        }
        item
    }

    fn check(item: &Item<'_>) -> Vec<(String, String)> {
        let mut out = sink();
        Hook::item(&mut out, RuleId::HsnCode, item);
        found(&out)
    }

    #[test]
    fn a_code_of_the_wrong_length_or_a_goods_code_on_a_service_line_is_reported() {
        assert_eq!(check(&item(&[(Role::HsnCode, "hsnCode", "\"84713010\"")])), []);
        assert_eq!(
            check(&item(&[(Role::HsnCode, "hsnCode", "\"84713\"")])),
            one("/invoice/itemLists/0/hsnCode", "HSN code \"84713\" is not 4, 6 or 8 digits")
        );
        assert_eq!(
            check(&item(&[
                (Role::IsService, "isService", "\"YES\""),
                (Role::HsnCode, "hsnCode", "\"8471\""),
            ])),
            one(
                "/invoice/itemLists/0/hsnCode",
                "HSN code \"8471\" is a goods code, but the line is a service (isService \"YES\"): services codes (SAC) start with 99"
            )
        );
        assert_eq!(
            check(&item(&[(Role::IsService, "isService", "\"YES\""), (Role::HsnCode, "hsnCode", "\"998314\"")])),
            []
        );
        // The flag is quoted as written and cut: a megabyte of blanks around YES is not copied.
        let padded: &'static str = format!("\"YES{}\"", " ".repeat(1_000_000)).leak();
        assert_eq!(
            check(&item(&[(Role::IsService, "isService", padded), (Role::HsnCode, "hsnCode", "\"8471\"")])),
            one(
                "/invoice/itemLists/0/hsnCode",
                &format!(
                    "HSN code \"8471\" is a goods code, but the line is a service (isService \"YES{}…): \
                     services codes (SAC) start with 99",
                    " ".repeat(76)
                )
            )
        );
    }
}
