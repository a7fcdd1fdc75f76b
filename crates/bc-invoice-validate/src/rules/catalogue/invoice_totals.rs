//! `valueDetails.assessmentValue` is the sum of the items' `assessmentAmount`, and
//! `valueDetails.totalInvoiceValue` the sum of the items' `totalItemValue` plus the invoice's charges, less
//! its discounts, plus its round-off (`valueDetails.otherValues`, by type), each within ±1.00; a stated
//! round-off is within ±99.99 (the finding is at its `otherValues` entry). When the invoice states no
//! round-off, a total that is a whole multiple of 1, 10 or 100 rupees may be that far from the sum (less
//! than 1, 10 or 100, at most 99.99): rounding explains it. A sum is not checked when an item lacks the
//! member or it is not a number, and the total not when an `otherValues` entry's type is not recognised:
//! among them a type of no kind the rules know that states its own rate beside another value (`Tax
//! Collected at Source @ 0.1%`, income-tax collected from the buyer under Income-tax Act s.206C(1H);
//! docs/rules-sources.md, legitimate-invoice audit). The taxes `otherValues` states, and apart from them
//! its cesses, may each be the lines' own, restated (INV-01, where `ValDtls`' taxes and cesses are sums
//! over the items), or charged at the foot only (the Kerala Flood Cess, which its rules ask only to be
//! shown separately on the invoice, beside CGST and SGST restated), or, on an invoice with charges at its
//! foot, the lines' restated with the tax of those charges (packing charged at the foot and taxed there: its
//! value is the supply's, CGST Act s.15(2)(c); audit 17), the lines' tax being what they state or what
//! their values hold over their taxable values (audit 19): the total is a finding only if it fits none of
//! the readings.
//!
//! Source: the e-invoice schema INV-01 (`AssVal`, `TotInvVal`, `RndOffAmt` from -99.99 to 99.99), NIC's
//! validations (NIC-VAL) and NIC errors 2182 and 2189 ("with a (+/-) one tolerance limit") (NIC-ERR).
//! Tolerance: ±1.00; round-off ±99.99.

use rust_decimal::Decimal;

use super::{Rule, RuleId};
use crate::rules::amounts::{self, InvoiceAdjustments, TotalFault};
use crate::rules::facts::Fact;
use crate::rules::hooks::{Check, Sink, Totals};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::InvoiceTotals,
    "invoice-totals",
    "assessmentValue is the sum of the items' assessmentAmount; totalInvoiceValue the sum of their totalItemValue with otherValues' charges, discounts and round-off",
    "±1.00; round-off ±99.99",
    "e-invoice schema INV-01; NIC e-invoice validations; NIC errors 2182, 2189",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn round_off(out: &mut Sink<'_>, rule: RuleId, value: &Fact<'_>, amount: Decimal) {
        if amount.abs() > amounts::ROUND_OFF_LIMIT {
            out.report(rule, value, |found| {
                format!("round-off {found} is beyond ±99.99, the most the e-invoice's round-off may be")
            });
        }
    }

    /// `valueDetails` against the sums over the items and the adjustments.
    fn totals(out: &mut Sink<'_>, rule: RuleId, totals: &Totals<'_>) {
        if let Some(fact) = &totals.assessment_value
            && let (Some(value), Some(sum)) = (amounts::decimal(fact.raw), totals.assessment_sum)
            && amounts::assessment_value_fault(sum, value)
        {
            let sum = amounts::to_paisa(sum);
            out.report(rule, fact, |found| {
                format!(
                    "assessmentValue {found} is not the sum of the items' assessmentAmount, {sum}, within 1.00"
                )
            });
        }
        if let Some(fact) = &totals.total_invoice_value
            && !totals.unclear
            && let (Some(value), Some(sum)) = (amounts::decimal(fact.raw), totals.item_value_sum)
            && let Some(fault) =
                amounts::invoice_total_fault(sum, totals.assessment_sum, &totals.adjustments, value)
        {
            let sum = amounts::to_paisa(sum);
            match fault {
                TotalFault::Differs(expected) => {
                    let adjusted = InvoiceAdjustments {
                        line_taxes: Decimal::ZERO,
                        ..totals.adjustments
                    } != InvoiceAdjustments::default();
                    let foot_taxes = totals
                        .adjustments
                        .stated_taxes
                        .checked_add(totals.adjustments.stated_cesses);
                    out.report(rule, fact, |found| {
                        if let Some(foot_taxes) = foot_taxes.filter(|taxes| !taxes.is_zero())
                            && let Some(with_taxes) = expected.checked_add(foot_taxes)
                        {
                            let with_taxes = amounts::to_paisa(with_taxes);
                            format!(
                                "totalInvoiceValue {found} is not the sum of the items' totalItemValue, {sum}, \
                                 with the charges, discounts and round-off of otherValues: {expected}, nor \
                                 {with_taxes} with the taxes and cesses otherValues states, within 1.00"
                            )
                        } else if adjusted {
                            format!(
                                "totalInvoiceValue {found} is not the sum of the items' totalItemValue, {sum}, \
                                 with the charges, discounts and round-off of otherValues: {expected}, within 1.00"
                            )
                        } else {
                            format!(
                                "totalInvoiceValue {found} is not the sum of the items' totalItemValue, {sum}, \
                                 within 1.00 or what rounding the total explains"
                            )
                        }
                    });
                }
                TotalFault::RoundOffBeyondLimit(round_off) => {
                    out.report(rule, fact, |found| {
                        format!(
                            "totalInvoiceValue {found} is rounded off by {round_off} in otherValues, beyond ±99.99"
                        )
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::roles::Role;
    use crate::rules::hooks::testing::{fact, found, one, sink};

    fn totals(assessment_value: &'static str, total: &'static str) -> Totals<'static> {
        Totals {
            assessment_sum: Some(Decimal::new(185500, 2)),
            item_value_sum: Some(Decimal::new(218890, 2)),
            adjustments: InvoiceAdjustments::default(),
            unclear: false,
            assessment_value: Some(fact(Role::AssessmentValue, "/invoice/valueDetails/assessmentValue", assessment_value)),
            total_invoice_value: Some(fact(Role::TotalInvoiceValue, "/invoice/valueDetails/totalInvoiceValue", total)),
        }
    }

    fn check(totals: &Totals<'_>) -> Vec<(String, String)> {
        let mut out = sink();
        Hook::totals(&mut out, RuleId::InvoiceTotals, totals);
        found(&out)
    }

    #[test]
    fn the_totals_are_the_items_sums_within_a_rupee_or_rounding() {
        assert_eq!(check(&totals("1855.00", "2188.90")), []);
        assert_eq!(check(&totals("1855.50", "2189.00")), [], "within 1.00; rounded to the rupee");
        assert_eq!(
            check(&totals("1755.00", "2188.90")),
            one(
                "/invoice/valueDetails/assessmentValue",
                "assessmentValue 1755.00 is not the sum of the items' assessmentAmount, 1855.00, within 1.00"
            )
        );
        assert_eq!(
            check(&totals("1855.00", "2288.90")),
            one(
                "/invoice/valueDetails/totalInvoiceValue",
                "totalInvoiceValue 2288.90 is not the sum of the items' totalItemValue, 2188.90, within 1.00 or what rounding the total explains"
            )
        );
    }

    /// A cess stated at the foot may be the lines' own, restated, or charged there only (the Kerala Flood
    /// Cess, which its rules ask only to be shown separately): either total fits; any other is reported
    /// with both readings.
    #[test]
    fn a_cess_at_the_foot_is_read_as_restated_or_as_charged_there_only() {
        let mut with_cess = totals("1855.00", "2188.90");
        with_cess.adjustments.stated_cesses = Decimal::new(1855, 2);
        assert_eq!(check(&with_cess), [], "restated: already in the lines' values");
        with_cess.total_invoice_value = totals("1855.00", "2207.45").total_invoice_value;
        assert_eq!(check(&with_cess), [], "charged at the foot only");
        with_cess.total_invoice_value = totals("1855.00", "2350.50").total_invoice_value;
        assert_eq!(
            check(&with_cess),
            one(
                "/invoice/valueDetails/totalInvoiceValue",
                "totalInvoiceValue 2350.50 is not the sum of the items' totalItemValue, 2188.90, with the charges, \
                 discounts and round-off of otherValues: 2188.90, nor 2207.45 with the taxes and cesses otherValues \
                 states, within 1.00"
            )
        );
    }

    /// Packing of 100.00 charged at the foot and taxed there at 18 %, the lines giving their tax by their
    /// rate alone: the foot's taxes, 351.90, are the lines' 333.90 (what their values exceed their taxable
    /// values by) and the packing's 18.00 (audit 19).
    #[test]
    fn taxes_at_the_foot_may_add_the_tax_of_charges_there_to_what_the_lines_values_hold() {
        let mut packed = totals("1855.00", "2306.90");
        packed.adjustments.charges = Decimal::new(10000, 2);
        packed.adjustments.stated_taxes = Decimal::new(35190, 2);
        assert_eq!(check(&packed), []);
        packed.total_invoice_value = totals("1855.00", "2350.50").total_invoice_value;
        assert_eq!(check(&packed).len(), 1);
        // The lines stating their tax, equal to what their values hold: a wrong total is still one.
        packed.adjustments.line_taxes = Decimal::new(33390, 2);
        assert_eq!(check(&packed).len(), 1);
        packed.adjustments.line_taxes = Decimal::ZERO;
        // Without charges at the foot, nothing tells their tax from the lines'.
        packed.adjustments.charges = Decimal::ZERO;
        packed.total_invoice_value = totals("1855.00", "2206.90").total_invoice_value;
        assert_eq!(check(&packed).len(), 1);
    }

    #[test]
    fn a_round_off_beyond_its_range_is_reported() {
        let value = fact(Role::InvoiceAdjustmentValue, "/invoice/valueDetails/otherValues/0/value", "100.00");
        let mut out = sink();
        Hook::round_off(&mut out, RuleId::InvoiceTotals, &value, Decimal::new(9999, 2));
        assert_eq!(found(&out), []);
        Hook::round_off(&mut out, RuleId::InvoiceTotals, &value, Decimal::new(10000, 2));
        assert_eq!(
            found(&out),
            one(
                "/invoice/valueDetails/otherValues/0/value",
                "round-off 100.00 is beyond ±99.99, the most the e-invoice's round-off may be"
            )
        );
    }
}
