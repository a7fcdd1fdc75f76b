//! An item's `hsnCode` is 4, 6 or 8 digits, not all zeros, and a line marked as a service (`isService`
//! YES, or Y as INV-01's `IsServc` writes it) has a services code: chapter 99 (`99…`).
//!
//! Source: the e-invoice schema INV-01 (`HsnCd`: `^(?!0+$)([0-9]{4}|[0-9]{6}|[0-9]{8})$`), NIC's
//! validations ("If Is_Service is selected, then the HSN codes must belong to services") and the scheme of
//! classification of services (CBIC Notification 11/2017-Central Tax (Rate), annexure: chapter 99)
//! (CBIC-HSN). A code of 2 digits (a chapter) is reported only on an invoice dated from 1 April 2021: until
//! then a supplier whose turnover in the preceding year was from 1.5 to 5 crore rupees had to mention 2
//! digits on a tax invoice, and no more (CBIC Notification 12/2017-Central Tax of 28 June 2017, under the
//! first proviso to rule 46 of the CGST Rules; its table replaced by Notification 78/2020-Central Tax of 15
//! October 2020 from 1 April 2021: 4 digits up to 5 crore, 6 above) (CBIC-HSN-DIGITS). Tolerance: 0 digits.

use super::{Rule, RuleId};
use crate::report::shorten;
use crate::rules::facts::FactValue;
use crate::rules::formats;
use crate::rules::hooks::{Check, Dated, Item, Sink};

/// 2021-04-01T00:00:00+05:30, from when a tax invoice carries at least 4 digits of the HSN code
/// (Notification 78/2020-Central Tax); before it, 2 sufficed (Notification 12/2017-Central Tax).
pub(crate) const HSN_CHAPTER_UNTIL: i64 = 1_617_215_400;

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::HsnCode,
    "hsn-code",
    "an HSN code is 4, 6 or 8 digits (or 2 on an invoice dated before 1 April 2021), not all zeros, and a service line's starts with 99",
    "0 digits",
    "e-invoice schema INV-01; NIC e-invoice validations; CBIC Notification 11/2017-CT(Rate); CBIC Notifications 12/2017-CT and 78/2020-CT (HSN digits by turnover)",
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
            if formats::is_hsn_chapter(&code) {
                if let Some(fact) = hsn.fact(&item.path) {
                    out.report_dated(Dated::From(HSN_CHAPTER_UNTIL), rule, &fact, |found| {
                        format!(
                            "HSN code {found} {fault}: 2 digits sufficed on an invoice dated before 1 April \
                             2021, not since (CBIC Notifications 12/2017 and 78/2020-Central Tax)"
                        )
                    });
                }
            } else {
                out.report_member(rule, item, hsn, |found| format!("HSN code {found} {fault}"));
            }
        } else if let Some(service) = &item.is_service
            && let FactValue::Str(flag) = service.value()
            && formats::sac_expected(&code, &flag)
        {
            // As written, cut as the found value is (blanks around `YES` or `Y` are allowed).
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
    use crate::rules::hooks::testing::{found, item, one, sink};


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
        // Two digits: a chapter, enough before 1 April 2021 (a dated finding, decided by ts).
        let mut out = sink();
        Hook::item(&mut out, RuleId::HsnCode, &item(&[(Role::HsnCode, "hsnCode", "\"52\"")]));
        assert!(out.findings.is_empty() && out.pending.is_empty());
        assert_eq!(out.dated.len(), 1);
        assert_eq!(out.dated[0].0, Dated::From(HSN_CHAPTER_UNTIL));
        assert!(!out.dated[0].0.stands(crate::rules::timestamp::unix_seconds("2021-03-31T23:59:59+05:30")));
        assert!(out.dated[0].0.stands(crate::rules::timestamp::unix_seconds("2021-04-01T00:00:00+05:30")));
        assert_eq!(
            check(&item(&[(Role::HsnCode, "hsnCode", "\"00\"")])),
            one("/invoice/itemLists/0/hsnCode", "HSN code \"00\" is not 4, 6 or 8 digits")
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
