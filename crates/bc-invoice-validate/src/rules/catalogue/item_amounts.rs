//! An item's amounts follow the e-invoice arithmetic, checked link by link, and only the first link that
//! breaks is reported:
//!
//! 1. `totalAmt` is `quantity` × `unitPrice` (free quantity apart), within what legal rounding explains:
//!    |`quantity`| × half a unit of the price's last decimal (0.5 for a price in whole rupees, 0.05, 0.005,
//!    0.0005 for three decimals; the value's decimals, trailing zeros not counted, so `333.0` as Java's
//!    `Double.toString` writes it is the whole rupees of `333`: round 13) + |`unitPrice`| × half a unit of
//!    the quantity's (0.0005 for up to three decimals) + 0.01 for rounding the product. NIC withdrew its own check of this product, so
//!    only a gross error (a digit dropped, a wrong line) is a finding; a line with a quantity or price of 0
//!    and a `totalAmt` all the same is a lump sum, not judged.
//! 2. `assessmentAmount` is `totalAmt` less the line's discounts (`itemValueDetails` of a discount type),
//!    or that plus the line's charges, within ±1.00: freight, packing and other incidental expenses the
//!    supplier charges are part of the value of the supply (CGST Act s.15(2)(c)), and a line may tax them
//!    inside its taxable value rather than add them after the tax as INV-01's item-level `OthChrg`
//!    (docs/rules-sources.md, round 6); an income-tax TCS among them (a charge whose name has the word
//!    `TCS`) is in no taxable value (CBIC's corrigendum of 7 March 2019 to Circular 76/50/2018-GST), so the
//!    charges but the TCS may be inside it and the TCS after the tax (round 16). Two valuations the law sets are read too (round 7): a construction
//!    service's line (SAC 9954) may be valued at two thirds of that amount, the land being deemed one third
//!    of the total amount charged (Notification 11/2017-Central Tax (Rate), para 2), and a line of
//!    `assessmentAmount` 0 at `gstRate` 0 (or none) whose value is its amount is a pure agent's expenditure, excluded
//!    from the value of supply and shown separately on the invoice (CGST Rules, rule 33), with nothing
//!    more to check.
//! 3. `totalItemValue` is `assessmentAmount` + tax (`assessmentAmount` × `gstRate` / 100, or the tax the
//!    line states in `itemValueDetails`) + cesses (`otherTaxes` of a cess's name, the cesses
//!    `itemValueDetails` states, or, when both state cesses, either or both: one may repeat the other) +
//!    the line's charges, unless the assessable amount already holds them (then + the TCS among them, if
//!    any), within ±1.00; a construction
//!    service's value may also hold its deemed land, untaxed. For reverse charge, EXPWP, EXPWOP, SEZWP and
//!    SEZWOP, and with no `supplyType` stated for a `placeOfSupply` of 96 (an export: round 14), the value
//!    may also leave the tax out.
//!
//! A check is skipped when a member it needs is missing or not a number, and the second and third when an
//! `itemValueDetails` entry's type or an `otherTaxes` entry's name is a round-off or not recognised (what it
//! does to the line is unknown), or a `rates` entry is a rate other than GST's and not 0 (a cess's rate:
//! the rules do not compute it). A type of no kind the rules know that states its own rate beside another
//! value (`KFC @ 1%` of 500, the Kerala Flood Cess, which the Kerala Flood Cess Rules, 2019, rule 2(3),
//! have shown separately; `Hamali @ 2%`, loading, in the value by CGST Act s.15(2)(c)) is such an amount,
//! not a rate that changes nothing (docs/rules-sources.md, legitimate-invoice audit).
//!
//! Source: the e-invoice schema INV-01 (`TotAmt` "Unit Price * Quantity", `AssAmt` "Total Amount -
//! Discount", `TotItemVal`), NIC's validations (NIC-VAL) and NIC error 2193 (NIC-ERR); CGST Act
//! s.15(2)(c) for charges inside the taxable value (CGST-S15); Notification 11/2017-Central Tax (Rate),
//! para 2, for a construction service's deemed land, and CGST Rules, rule 33, for a pure agent's
//! expenditure (docs/rules-sources.md, round 7). Tolerance: gross
//! amount |quantity| × 0.5, 0.05, 0.005 or 0.0005 (the price's last decimal) + |unitPrice| × 0.0005 + 0.01;
//! assessable amount and item value ±1.00.


use rust_decimal::Decimal;

use super::{Rule, RuleId};
use crate::rules::amounts::{self, ItemValue, TaxTreatment};
use crate::report::shorten;
use crate::rules::facts::{FactValue, Member};
use crate::rules::hooks::{Check, Item, Sink, Unless};

/// A member's JSON text, for a message, cut as a found value is; empty when the item lacks it.
fn raw(member: &Option<Member<'_>>) -> String {
    member.as_ref().map_or(String::new(), |member| shorten(member.raw))
}

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::ItemAmounts,
    "item-amounts",
    "an item's totalAmt is quantity × unitPrice, its assessmentAmount totalAmt less discounts (its charges after the tax or inside; two thirds of it for construction sold with land; 0 for a pure agent's outlay at 0 %), its totalItemValue that plus tax, cess and charges",
    "totalAmt: |quantity| × 0.5, 0.05, 0.005 or 0.0005 (by the price's decimals) + |unitPrice| × 0.0005 + 0.01; others ±1.00",
    "e-invoice schema INV-01; NIC e-invoice validations; NIC error 2193; CGST Act s.15(2)(c) (charges in the taxable value); CBIC Notification 11/2017-CT(Rate) para 2 (deemed land); CGST Rules r.33 (pure agent)",
);

/// Whether the line is a construction service (SAC heading 9954), whose value Notification
/// 11/2017-Central Tax (Rate), para 2, sets at the total amount less the land, deemed one third of it.
fn construction(item: &Item<'_>) -> bool {
    item.hsn_code.as_ref().is_some_and(|hsn| {
        matches!(hsn.value(), FactValue::Str(code) if code.trim().starts_with("9954"))
    })
}

/// Whether the line charges no tax: `gstRate` 0 or left out (the member is optional, and a pure agent's
/// expenditure, outside the value of supply, bears no rate: round 14), and no tax or cess it states is
/// other than 0.
fn untaxed(item: &Item<'_>) -> bool {
    let nothing = |amount: Option<Decimal>| amount.is_none_or(|amount| amount.is_zero());
    let rate = &item.numbers.gst_rate;
    (item.gst_rate.is_none() || rate.is_some_and(|rate| rate.is_zero()))
        && nothing(item.stated_tax)
        && nothing(item.other_taxes)
        && nothing(item.stated_cess)
}

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    /// The item's amounts, link by link; only the first link that breaks is reported.
    fn item(out: &mut Sink<'_>, rule: RuleId, item: &Item<'_>) {
        let numbers = &item.numbers;
        let (quantity, price, total) = (numbers.quantity, numbers.unit_price, numbers.total_amt);
        let (assessment, with_tax) = (numbers.assessment, numbers.value);
        if let (Some(quantity), Some(price), Some(total), Some(fact)) =
            (quantity, price, total, &item.total_amt)
            && let Some((product, slack)) = amounts::gross_amount_fault(quantity, price, total)
        {
            let (q, p) = (raw(&item.quantity), raw(&item.unit_price));
            let product = amounts::to_paisa(product);
            out.report_member(rule, item, fact, |found| {
                format!(
                    "totalAmt {found} is not quantity × unitPrice: {q} × {p} = {product}, more than the \
                     {slack} rounding explains"
                )
            });
            return;
        }
        if item.unclear {
            return;
        }
        // The line's charges, and the income-tax TCS among them, which no taxable value holds.
        let charges = amounts::Charges {
            all: item.charges,
            tcs: item.tcs,
        };
        // The part of the line's amount the law keeps out of its taxable value: a construction
        // service's deemed land.
        let mut outside = Decimal::ZERO;
        if let (Some(total), Some(assessed), Some(fact)) = (total, assessment, &item.assessment)
            && let Some(expected) =
                amounts::assessable_fault(total, item.discounts, charges, assessed)
        {
            // Neither reading fits: a construction service's taxable value may be two thirds of its
            // amount (the land deemed the rest), and a pure agent's expenditure may stand outside the
            // value altogether.
            let land = construction(item)
                .then(|| amounts::deemed_land(total, item.discounts, assessed))
                .flatten();
            let pure_agent = || {
                with_tax.is_some_and(|value| {
                    amounts::outside_value(total, item.discounts, item.charges, assessed, untaxed(item), value)
                })
            };
            match land {
                Some(land) => outside = land,
                // Nothing taxed and nothing else to check.
                None if pure_agent() => return,
                None => {
                    let (t, discounts) = (raw(&item.total_amt), amounts::to_paisa(item.discounts));
                    let with_charges = (!item.charges.is_zero())
                        .then(|| expected.checked_add(item.charges))
                        .flatten()
                        .map_or(String::new(), |sum| {
                            format!(", nor that with the line's charges, {}", amounts::to_paisa(sum))
                        });
                    let expected = amounts::to_paisa(expected);
                    out.report_member(rule, item, fact, |found| {
                        format!(
                            "assessmentAmount {found} is not totalAmt less the line's discounts: {t} − {discounts} = \
                             {expected}{with_charges}, more than 1.00 away"
                        )
                    });
                    return;
                }
            }
        }
        if let (Some(assessed), Some(with_tax), Some(fact)) = (assessment, with_tax, &item.value) {
            let parts = ItemValue {
                assessment: assessed,
                gst_rate: numbers.gst_rate,
                stated_tax: item.stated_tax,
                other_taxes: item.other_taxes,
                stated_cess: item.stated_cess,
                charges,
                charges_at: amounts::charges_at(total, item.discounts, charges, assessed),
                outside,
            };
            if let Some(expected) = amounts::item_value_fault(&parts, TaxTreatment::Charged, with_tax) {
                let message = |found: &str| {
                    format!(
                        "totalItemValue {found} is not assessmentAmount + tax + cess + charges, {expected}, \
                         within 1.00"
                    )
                };
                let Some(fact) = fact.fact(&item.path) else {
                    return;
                };
                if amounts::item_value_fault(&parts, TaxTreatment::WithOrWithout, with_tax).is_none() {
                    out.report_unless(Unless::TaxOptional, rule, &fact, message);
                } else {
                    out.report(rule, &fact, message);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use crate::generated::roles::Role;
    use crate::rules::hooks::testing::{found, item, one, sink};


    fn check(item: &Item<'_>) -> Vec<(String, String)> {
        let mut out = sink();
        Hook::item(&mut out, RuleId::ItemAmounts, item);
        found(&out)
    }

    #[test]
    fn each_link_of_the_lines_arithmetic_is_checked() {
        let line = |total: &'static str, assessed: &'static str, value: &'static str| {
            item(&[
                (Role::Quantity, "quantity", "10"),
                (Role::UnitPrice, "unitPrice", "185.50"),
                (Role::TotalAmt, "totalAmt", total),
                (Role::AssessmentAmount, "assessmentAmount", assessed),
                (Role::GstRate, "gstRate", "18"),
                (Role::TotalItemValue, "totalItemValue", value),
            ])
        };
        assert_eq!(check(&line("1855.00", "1855.00", "2188.90")), []);
        assert_eq!(
            check(&line("1585.00", "1585.00", "1870.30")),
            one(
                "/invoice/itemLists/0/totalAmt",
                "totalAmt 1585.00 is not quantity × unitPrice: 10 × 185.50 = 1855.00, more than the 0.60 rounding explains"
            )
        );
        assert_eq!(
            check(&line("1855.00", "1755.00", "2070.90")),
            one(
                "/invoice/itemLists/0/assessmentAmount",
                "assessmentAmount 1755.00 is not totalAmt less the line's discounts: 1855.00 − 0.00 = 1855.00, more than 1.00 away"
            )
        );
        assert_eq!(
            check(&line("1855.00", "1855.00", "1855.00")),
            one(
                "/invoice/itemLists/0/totalItemValue",
                "totalItemValue 1855.00 is not assessmentAmount + tax + cess + charges, 2188.90, within 1.00"
            )
        );
    }

    /// Freight charged by the supplier is part of the value of the supply (CGST Act s.15(2)(c)): a line
    /// that states it in itemValueDetails may tax it inside its assessmentAmount, and its value does not
    /// add it again. Reported before as "assessmentAmount 52000.00 is not totalAmt less the line's
    /// discounts".
    #[test]
    fn freight_inside_the_taxable_value_is_silent_and_counted_twice_is_not() {
        let line = |assessed: &'static str, value: &'static str| {
            let mut line = item(&[
                (Role::Quantity, "quantity", "100"),
                (Role::UnitPrice, "unitPrice", "500"),
                (Role::TotalAmt, "totalAmt", "50000.00"),
                (Role::AssessmentAmount, "assessmentAmount", assessed),
                (Role::GstRate, "gstRate", "18"),
                (Role::TotalItemValue, "totalItemValue", value),
            ]);
            line.charges = Decimal::new(2000, 0);
            line
        };
        assert_eq!(check(&line("52000.00", "61360.00")), []);
        assert_eq!(check(&line("50000.00", "61000.00")), [], "after the tax, untaxed");
        assert_eq!(
            check(&line("52000.00", "63360.00")),
            one(
                "/invoice/itemLists/0/totalItemValue",
                "totalItemValue 63360.00 is not assessmentAmount + tax + cess + charges, 61360.00, within 1.00"
            )
        );
        assert_eq!(
            check(&line("51000.00", "61000.00")),
            one(
                "/invoice/itemLists/0/assessmentAmount",
                "assessmentAmount 51000.00 is not totalAmt less the line's discounts: 50000.00 − 0.00 = 50000.00, \
                 nor that with the line's charges, 52000.00, more than 1.00 away"
            )
        );
    }

    /// A construction service sold with land (SAC 9954) is valued at its total amount less the land,
    /// deemed one third of it (Notification 11/2017-Central Tax (Rate), para 2), and the tax invoice shows
    /// the total value and the taxable value (CGST Rules, rule 46(j), (k): "taking into account discount
    /// or abatement"). Reported before as "assessmentAmount 3333333.33 is not totalAmt less the line's
    /// discounts"; a goods line of the same amounts, or a construction line of another share, still is.
    #[test]
    fn a_construction_service_may_be_valued_at_two_thirds_of_its_amount() {
        let line = |hsn: &'static str, assessed: &'static str, value: &'static str| {
            item(&[
                (Role::HsnCode, "hsnCode", hsn),
                (Role::Quantity, "quantity", "1"),
                (Role::UnitPrice, "unitPrice", "5000000.00"),
                (Role::TotalAmt, "totalAmt", "5000000.00"),
                (Role::AssessmentAmount, "assessmentAmount", assessed),
                (Role::GstRate, "gstRate", "18"),
                (Role::TotalItemValue, "totalItemValue", value),
            ])
        };
        assert_eq!(check(&line("\"995414\"", "3333333.33", "5600000.00")), []);
        assert_eq!(check(&line("\"9954\"", "3333333.33", "3933333.33")), [], "the land left out of the value");
        assert_eq!(
            check(&line("\"84061000\"", "3333333.33", "5600000.00")),
            one(
                "/invoice/itemLists/0/assessmentAmount",
                "assessmentAmount 3333333.33 is not totalAmt less the line's discounts: 5000000.00 − 0.00 = 5000000.00, \
                 more than 1.00 away"
            )
        );
        assert_eq!(
            check(&line("\"995414\"", "2500000.00", "5450000.00")),
            one(
                "/invoice/itemLists/0/assessmentAmount",
                "assessmentAmount 2500000.00 is not totalAmt less the line's discounts: 5000000.00 − 0.00 = 5000000.00, \
                 more than 1.00 away"
            )
        );
        assert_eq!(
            check(&line("\"995414\"", "3333333.33", "5000000.00")),
            one(
                "/invoice/itemLists/0/totalItemValue",
                "totalItemValue 5000000.00 is not assessmentAmount + tax + cess + charges, 3933333.33, within 1.00"
            )
        );
    }

    /// A pure agent's expenditure is excluded from the value of supply and shown separately on the invoice
    /// (CGST Rules, rule 33): a line of taxable value 0, at 0 % or with no `gstRate` (the schema allows
    /// leaving it out: round 14), whose value is its amount. Reported before as "assessmentAmount 0.00 is not
    /// totalAmt less the line's discounts"; taxed, or valued at nothing, it still is.
    #[test]
    fn a_pure_agents_expenditure_may_stand_outside_the_value() {
        let line = |rate: Option<&'static str>, value: &'static str| {
            let mut members = vec![
                (Role::HsnCode, "hsnCode", "\"996712\""),
                (Role::Quantity, "quantity", "1"),
                (Role::UnitPrice, "unitPrice", "452380.00"),
                (Role::TotalAmt, "totalAmt", "452380.00"),
                (Role::AssessmentAmount, "assessmentAmount", "0.00"),
                (Role::TotalItemValue, "totalItemValue", value),
            ];
            members.extend(rate.map(|rate| (Role::GstRate, "gstRate", rate)));
            item(&members)
        };
        let reported = one(
            "/invoice/itemLists/0/assessmentAmount",
            "assessmentAmount 0.00 is not totalAmt less the line's discounts: 452380.00 − 0.00 = 452380.00, \
             more than 1.00 away",
        );
        assert_eq!(check(&line(Some("18"), "452380.00")), reported);
        for rate in [Some("0"), None] {
            assert_eq!(check(&line(rate, "452380.00")), [], "{rate:?}");
            assert_eq!(check(&line(rate, "0.00")), reported, "{rate:?}");
            let mut with_cess = line(rate, "452380.00");
            with_cess.other_taxes = Some(Decimal::new(500, 0));
            assert_eq!(check(&with_cess), reported, "{rate:?}");
            let mut with_tax = line(rate, "452380.00");
            with_tax.stated_tax = Some(Decimal::new(81428, 0));
            assert_eq!(check(&with_tax), reported, "{rate:?}");
        }
    }
}
