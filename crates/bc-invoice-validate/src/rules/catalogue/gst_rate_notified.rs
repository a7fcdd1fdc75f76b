//! An item's `gstRate` is a rate some GST notification sets, on the invoice's date (`invoice.ts`, the only
//! date the invoice carries): 0, 0.1, 0.25, 1, 1.5, 3, 3.25, 5, 6, 7.5, 7.8, 8, 11.7, 12, 18, 18.2, 28 or 40,
//! each from the date of the notification that brought it in (40 from 17 September 2025, the date of Notification 9/2025-
//! Integrated Tax (Rate), five days before it took effect: an invoice issued before a change for a supply
//! after it may carry the new rate, CGST Act s.14). Without a usable `ts`, a rate any notification ever set
//! is accepted. `gstRate` is the IGST rate, or CGST and SGST together (NIC's validations). The table, with
//! each rate's notification and date, is `rules/rates.rs`.
//!
//! Source: CBIC's rate notifications (1/2017-, 8/2017-, 41/2017-, 3/2019-, 9/2025-Integrated Tax (Rate)
//! and others, CBIC-RATE) and NIC's validations ("Only the allowed tax rates will be accepted") (NIC-VAL).
//! Tolerance: 0 (exact decimals: 18, 18.0 and 18.00 are one rate), past a binary double's fifteen
//! significant digits (`28.000000000000004`, `0.28 * 100` computed in a double and written unrounded, is 28:
//! docs/rules-sources.md, round 13).

use super::{Rule, RuleId};
use crate::rules::hooks::{Check, Dated, Item, Sink};
use crate::rules::rates;

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::GstRateNotified,
    "gst-rate-notified",
    "an item's gstRate is one a GST rate notification sets on the invoice's date (ts): 0, 0.1, 0.25, 1, 1.5, 3, 3.25, 5, 6, 7.5, 7.8, 8, 11.7, 12, 18, 18.2, 28, 40",
    "0 (exact decimals, past a double's 15 significant digits)",
    "CBIC rate notifications (1/2017-IT(Rate) … 9/2025-IT(Rate)); NIC e-invoice validations",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    /// A rate no notification sets is reported now; one set only from a date waits for the invoice's `ts`
    /// (which may come after the items).
    fn item(out: &mut Sink<'_>, rule: RuleId, item: &Item<'_>) {
        let (Some(member), Some(rate)) = (&item.gst_rate, item.numbers.gst_rate) else {
            return;
        };
        // The fact (its path) is made only for a finding: nearly every line's rate is a known one.
        match rates::introduced(rate) {
            None => {
                let Some(fact) = member.fact(&item.path) else {
                    return;
                };
                out.report(rule, &fact, |found| {
                    format!(
                        "gstRate {found} is a rate no GST notification sets ({})",
                        *rates::LIST
                    )
                });
            }
            Some((known, Some(from))) => {
                let Some(fact) = member.fact(&item.path) else {
                    return;
                };
                out.report_dated(Dated::Before(from), rule, &fact, |found| {
                    format!(
                        "gstRate {found} is set by no GST notification before {}, and the invoice's ts \
                         is earlier",
                        known.from
                    )
                });
            }
            Some((_, None)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::roles::Role;
    use crate::rules::facts::Member;
    use crate::rules::hooks::testing::{found, one, path, sink};

    fn check(rate: &'static str) -> (Vec<(String, String)>, Vec<Dated>) {
        let mut item = Item::new(path("/invoice/itemLists/3"));
        let segment = *path("/invoice/itemLists/3/gstRate").as_slice().last().unwrap();
        item.take(Member { role: Role::GstRate, member: "gstRate", raw: rate, escaped: false, offset: 0, segment });
        let mut out = sink();
        Hook::item(&mut out, RuleId::GstRateNotified, &item);
        let dated = out.dated.iter().map(|(when, _)| *when).collect();
        (found(&out), dated)
    }

    #[test]
    fn the_summary_lists_the_tables_rates() {
        // The summary is a constant (the rules table of docs/rules.md is made from it): held to the table.
        assert!(RULE.summary.ends_with(&format!(": {}", *rates::LIST)), "{}", RULE.summary);
    }

    #[test]
    fn a_rate_no_notification_sets_is_reported_and_a_new_one_waits_for_the_date() {
        assert_eq!(check("18.00"), (vec![], vec![]));
        assert_eq!(
            check("17").0,
            one(
                "/invoice/itemLists/3/gstRate",
                "gstRate 17 is a rate no GST notification sets (0, 0.1, 0.25, 1, 1.5, 3, 3.25, 5, 6, 7.5, 7.8, 8, 11.7, 12, 18, 18.2, 28, 40)"
            )
        );
        // 40 stands only for an invoice dated before its notification: decided at the end, on `ts`.
        let (found, dated) = check("40");
        assert_eq!(found.len(), 1);
        assert!(matches!(dated[..], [Dated::Before(_)]));
    }

    /// A lease rental of a vehicle purchased and leased before 1 July 2017 is taxed at 65 % of the rate
    /// (Notification 38/2017-Integrated Tax (Rate), 13 October 2017): 18.2 of 28, CGST and SGST 9.1 each.
    /// It was reported as a rate no notification sets; it now waits for the invoice's date.
    #[test]
    fn sixty_five_percent_of_twenty_eight_for_a_vehicle_leased_before_gst() {
        for rate in ["18.2", "7.8"] {
            let (found, dated) = check(rate);
            assert_eq!(found.len(), 1, "{rate}");
            assert!(matches!(dated[..], [Dated::Before(_)]), "{rate}");
        }
    }
}
