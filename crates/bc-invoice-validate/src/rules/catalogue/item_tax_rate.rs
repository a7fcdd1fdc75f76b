//! Each tax a line states as an amount is its rate of the line's taxable value: IGST `assessmentAmount` ×
//! `gstRate` / 100, CGST and SGST or UTGST half of that each, or the head's own rate where a `rates` entry of
//! its name states one (`CGST` 2.5). A head is an `itemValueDetails` entry's type or an `otherTaxes` entry's
//! name that reads as IGST, CGST, SGST or UTGST (`amounts::tax_head`: `Output CGST @ 9%`, `IGST (REVERSE
//! CHARGE)`, and the Acts' names GSTN's forms use, `Central Tax`, `State/UT Tax`, `Integrated Tax`). `item-amounts` adds the tax a line states to its value, so without this rule a line of 1,000
//! at 5 % stating CGST and SGST of 40 each (25 each is right), valued and totalled with them, was silent
//! (audit rounds 14 and 15).
//!
//! One finding per line, at the first head that is off (IGST, then CGST, then SGST/UTGST), naming the
//! others that are off too. A head is judged against the taxable value, or that with the line's charges
//! when it has some (charges taxed with the line, whichever side of the tax they are stated), or with all of
//! them but the income-tax TCS among them (`TCS u/s 206C(1H)`: never in GST's value, CBIC's corrigendum of
//! 7 March 2019 to Circular No. 76/50/2018-GST; audit round 16); a head stated
//! in two entries (once in `itemValueDetails`, again in `otherTaxes`) is judged by their sum or by the last
//! alone (one may repeat the other).
//!
//! Not judged, so that no legitimate invoice draws a finding:
//!
//! - a line without `gstRate` or `assessmentAmount` (or either not a number), or whose `assessmentAmount`
//!   is 0: a pure agent's expenditure, outside the value of supply (CGST Rules, rule 33), or a credit or
//!   debit note that revises the tax alone, which NIC does not validate this way ("In case of CREDIT NOTE
//!   AND DEBIT NOTE, the 'IGST/CGST/SGST/CESS value of item' is not validated with corresponding tax rates
//!   and taxable values"). The documents carry no document type (INV-01's `DocDtls.Typ`), so a note is not
//!   told otherwise: a note whose tax is its rate of its value is silent as an invoice is;
//! - a line whose taxes name no head or two (`GST`, `CGST+SGST`), or any of whose entries is not
//!   understood (the `unclear` of `item-amounts`: a round-off, a type not recognised, a cess's rate);
//! - a head stated as 0: it is not charged. An export or SEZ supply without payment may pass IGST as 0
//!   ("In case of EXPWOP and SEZWOP, Passed IGST Value of Item will not be validated … if the passed value of
//!   IGST for that is ZERO"), reverse charge may leave the tax out of the line, and an ERP writes the heads of
//!   the other kind of supply as 0 (IGST 0 beside CGST and SGST);
//! - a line charging both IGST and CGST, SGST or UTGST: which one is wrong is `inter-state-igst`'s question;
//! - on an invoice dated from 1 February 2026 (or whose `ts` cannot be read), a line of pan masala or tobacco
//!   (`hsnCode` 2106, 210690 or 21069020, or of headings 2401 to 2404): these are taxed on their retail sale
//!   price (CBIC Notification No. 19/2025-Central Tax; CGST Rules, rule 31D), and GSTN's advisory asks the
//!   e-invoice for the net sale value as the taxable value and the tax of the retail sale price (audit round
//!   16).
//!
//! Source: NIC's e-invoice validations (NIC-VAL): "SGST Value of Item = Taxable Value of Item X GST Rate /
//! 2, if intra-state", the same for CGST, "IGST Value of Item = Taxable Value of Item X GST Rate, if
//! inter-state", with the exemptions above. Tolerance: ±1.00 per head. NIC publishes no tolerance for a
//! head (its error list gives ±1 for the total invoice value alone, NIC-ERR 2189); the rupee is the
//! project's choice: a head rounded to the rupee is 0.50 off at most (round 11 found Tally and Marg rounding
//! each head so), and a tax computed once at the foot and spread over equal lines is a paisa or two off
//! each (`legit/create-invoice.tax-rounded-once-and-spread-over-the-lines.json`).

use rust_decimal::Decimal;

use super::{Rule, RuleId};
use crate::report::shorten;
use crate::rules::amounts::{self, Head, RUPEE};
use crate::rules::facts::{FactValue, Member};
use crate::rules::hooks::{Check, Dated, Item, Sink, Stated};

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::ItemTaxRate,
    "item-tax-rate",
    "each IGST a line states is assessmentAmount × gstRate / 100, each CGST and SGST or UTGST half of that (or the head's own rate in rates); a head of 0 is not charged",
    "±1.00 per head (the project's choice: NIC states none)",
    "NIC e-invoice validations",
);

/// A member's JSON text, for a message, cut as a found value is; empty when the item lacks it.
fn raw(member: &Option<Member<'_>>) -> String {
    member.as_ref().map_or(String::new(), |member| shorten(member.raw))
}

/// Whether `stated` is more than [`RUPEE`] from `base` × `rate` / 100; a product past what a decimal holds
/// is not judged.
fn off(stated: Decimal, base: Decimal, rate: Decimal) -> bool {
    base.checked_mul(rate)
        .map(amounts::percent)
        .and_then(|tax| stated.checked_sub(tax))
        .is_some_and(|difference| difference.abs() > RUPEE)
}

/// Whether a head's stated tax fits none of the readings: its amounts (the entries' sum, or the last alone
/// when there are two or more) against its share of `gstRate` or its own rate (`own`), of each base.
fn wrong(
    head: &Stated<'_>,
    own: Option<Decimal>,
    share: Decimal,
    bases: &[Option<Decimal>; 3],
) -> bool {
    let amounts = [Some(head.sum), (head.entries > 1).then_some(head.last)];
    let rates = [Some(share), own];
    !amounts.into_iter().flatten().any(|amount| {
        bases.iter().flatten().any(|&base| {
            rates
                .into_iter()
                .flatten()
                .any(|rate| !off(amount, base, rate))
        })
    })
}

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    /// The line's heads against its rate; one finding per line, at the first head that is off. Most lines
    /// state no head: the test is inlined into the dispatch, and the judging kept out of it.
    #[inline]
    fn item(out: &mut Sink<'_>, rule: RuleId, item: &Item<'_>) {
        let heads = &item.heads;
        if heads.charged && !heads.unrecognised && !item.unclear {
            judge(out, rule, item);
        }
    }
}

/// The heads of a line that states one, against its rate.
#[inline(never)]
fn judge(out: &mut Sink<'_>, rule: RuleId, item: &Item<'_>) {
    let heads = &item.heads;
    let (Some(assessed), Some(rate)) = (item.numbers.assessment, item.numbers.gst_rate) else {
        return;
    };
    if assessed.is_zero() {
        return;
    }
    // A head charged: stated, and not 0.
    let charged = |head: Head| {
        heads.heads[head as usize]
            .stated
            .as_ref()
            .filter(|stated| !stated.sum.is_zero())
    };
    let inter = charged(Head::Igst).is_some();
    let intra = charged(Head::Cgst).is_some() || charged(Head::Sgst).is_some();
    if inter == intra {
        // Neither (nothing charged), or both (inter-state-igst's question).
        return;
    }
    let half = rate / Decimal::TWO;
    // The charges taxed with the line, all of them or all but the income-tax TCS among them (never in the
    // value GST is levied on: `amounts::names_tcs`).
    let bases = [
        Some(assessed),
        (!item.charges.is_zero())
            .then(|| assessed.checked_add(item.charges))
            .flatten(),
        (!item.tcs.is_zero())
            .then(|| assessed.checked_add(item.charges)?.checked_sub(item.tcs))
            .flatten(),
    ];
    let mut wrongs = [Head::Igst, Head::Cgst, Head::Sgst]
        .into_iter()
        .filter_map(|head| Some((head, charged(head)?)))
        .filter(|&(head, stated)| {
            let share = if head == Head::Igst { rate } else { half };
            wrong(stated, heads.heads[head as usize].rate, share, &bases)
        });
    let Some((first, stated)) = wrongs.next() else {
        return;
    };
    let fact = &stated.first;
    let (a, r) = (raw(&item.assessment), raw(&item.gst_rate));
    let (share, formula, worked) = if first == Head::Igst {
        (rate, "assessmentAmount × gstRate", format!("{a} × {r} %"))
    } else {
        (
            half,
            "assessmentAmount × gstRate ÷ 2",
            format!("{a} × {r} % ÷ 2"),
        )
    };
    let expected = assessed
        .checked_mul(share)
        .map_or(Decimal::ZERO, |tax| amounts::to_paisa(amounts::percent(tax)));
    let own = heads.heads[first as usize]
        .rate
        .filter(|&own| own != share)
        .and_then(|own| {
            let tax = amounts::to_paisa(amounts::percent(assessed.checked_mul(own)?));
            Some(format!(", nor its own rate's {own} %, {tax}"))
        })
        .unwrap_or_default();
    let sum = if stated.entries > 1 {
        format!(" (its entries add up to {})", amounts::to_paisa(stated.sum))
    } else {
        String::new()
    };
    let others: Vec<String> = wrongs
        .map(|(head, other)| format!("{} {}", head.name(), shorten(other.first.raw)))
        .collect();
    let others = if others.is_empty() {
        String::new()
    } else {
        format!("; {} likewise", others.join(", "))
    };
    let name = first.name();
    let message = |found: &str| {
        format!(
            "{name} {found}{sum} is not {formula}: {worked} = {expected}{own}, more than 1.00 away{others}"
        )
    };
    if valued_on_retail_sale_price(item) {
        // From 1 February 2026 the tax of these goods is their retail sale price's, not the line's.
        out.report_dated(Dated::Before(RSP_VALUATION_FROM), rule, fact, message);
    } else {
        out.report(rule, fact, message);
    }
}

/// 2026-02-01T00:00:00+05:30, from when pan masala and tobacco products are taxed on their retail sale price
/// (CBIC Notification No. 19/2025-Central Tax, 31 December 2025, inserting clause (iv) in Notification No.
/// 49/2023-Central Tax under CGST Act s.15(5); CGST Rules, rule 31D).
pub(crate) const RSP_VALUATION_FROM: i64 = 1_769_884_200;

/// Whether a line's `hsnCode` may be of the goods taxed on their retail sale price from
/// [`RSP_VALUATION_FROM`]: pan masala (`21069020`, or a code of 4 or 6 digits that may be it, `2106`,
/// `210690`) and headings 2401 to 2404 (tobacco, cigarettes, other manufactured tobacco, nicotine products;
/// the notification leaves out tobacco leaves and biris, which are not told apart here). GSTN's advisory on
/// the valuation (January 2026) asks the e-invoice to carry "the Net Sale Value (i.e., the actual transaction
/// value / commercial consideration) … in the taxable value field" and "the tax amount … computed strictly
/// in accordance with the RSP-based valuation formula" (RSP × rate ÷ (100 + rate)), so the tax is not the
/// rate of the taxable value. A code that is not a string is not read.
fn valued_on_retail_sale_price(item: &Item<'_>) -> bool {
    let Some(FactValue::Str(code)) = item.hsn_code.as_ref().map(Member::value) else {
        return false;
    };
    let code = code.trim();
    matches!(code.get(..4), Some("2401" | "2402" | "2403" | "2404"))
        || (code.len() >= 4 && "21069020".starts_with(code))
        || code.starts_with("21069020")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::roles::Role;
    use crate::rules::facts::Fact;
    use crate::rules::hooks::testing::{found, item, one, path, sink};


    /// A line of `assessed` at `rate`.
    fn line(assessed: &'static str, rate: &'static str) -> Item<'static> {
        item(&[
            (Role::AssessmentAmount, "assessmentAmount", assessed),
            (Role::GstRate, "gstRate", rate),
        ])
    }

    /// The value of `itemValueDetails[index]`, of JSON text `raw`.
    fn entry(index: usize, raw: &'static str) -> Fact<'static> {
        Fact {
            role: Role::ItemAdjustmentValue,
            member: "value",
            raw,
            escaped: false,
            offset: 0,
            path: path(&format!("/invoice/itemLists/0/itemValueDetails/{index}/value")),
        }
    }

    /// Adds the heads `(name, amount)`, each an `itemValueDetails` entry in turn.
    fn state(item: &mut Item<'static>, heads: &[(&str, &'static str)]) {
        for (index, &(name, raw)) in heads.iter().enumerate() {
            let amount = amounts::decimal(raw).unwrap();
            item.heads.add(amounts::tax_head(name), amount, &entry(index, raw));
        }
    }

    fn check(item: &Item<'_>) -> Vec<(String, String)> {
        let mut out = sink();
        Hook::item(&mut out, RuleId::ItemTaxRate, item);
        found(&out)
    }

    /// The audits' case: 1,000 at 5 % stating CGST and SGST of 40 each, where 25 each is right. One
    /// finding, at the first head, naming the other.
    #[test]
    fn cgst_and_sgst_are_half_the_rate_each() {
        let mut wrong = line("1000.00", "5");
        state(&mut wrong, &[("CGST", "40.00"), ("SGST", "40.00")]);
        assert_eq!(
            check(&wrong),
            one(
                "/invoice/itemLists/0/itemValueDetails/0/value",
                "CGST 40.00 is not assessmentAmount × gstRate ÷ 2: 1000.00 × 5 % ÷ 2 = 25.00, more than 1.00 \
                 away; SGST/UTGST 40.00 likewise"
            )
        );
        let mut right = line("1000.00", "5");
        state(&mut right, &[("CGST", "25.00"), ("SGST", "25.00")]);
        assert_eq!(check(&right), []);
        let mut one_off = line("1000.00", "5");
        state(&mut one_off, &[("CGST", "25.00"), ("UTGST", "30")]);
        assert_eq!(
            check(&one_off),
            one(
                "/invoice/itemLists/0/itemValueDetails/1/value",
                "SGST/UTGST 30 is not assessmentAmount × gstRate ÷ 2: 1000.00 × 5 % ÷ 2 = 25.00, more than 1.00 away"
            )
        );
    }

    #[test]
    fn igst_is_the_whole_rate() {
        let mut wrong = line("12200.00", "18");
        state(&mut wrong, &[("IGST", "183.00")]);
        assert_eq!(
            check(&wrong),
            one(
                "/invoice/itemLists/0/itemValueDetails/0/value",
                "IGST 183.00 is not assessmentAmount × gstRate: 12200.00 × 18 % = 2196.00, more than 1.00 away"
            )
        );
        let mut right = line("12200.00", "18");
        state(&mut right, &[("Output IGST @ 18%", "2196.00")]);
        assert_eq!(check(&right), []);
    }

    /// ±1.00 per head: a head rounded to the rupee (0.50 off at most), truncated, or a foot's tax spread over
    /// equal lines a paisa apart, is silent; 1.01 off is not.
    #[test]
    fn a_head_may_be_a_rupee_off_and_no_more() {
        for (assessed, rate, cgst) in [
            ("8.40", "18", "0.76"),
            ("8.40", "18", "0.75"),
            ("1999.00", "5", "50"),
            ("1999.00", "5", "49.97"),
            ("1000.00", "5", "26.00"),
            ("1000.00", "5", "24.00"),
        ] {
            let mut item = line(assessed, rate);
            state(&mut item, &[("CGST", cgst), ("SGST", cgst)]);
            assert_eq!(check(&item), [], "{assessed} at {rate}: {cgst}");
        }
        let mut item = line("1000.00", "5");
        state(&mut item, &[("CGST", "26.01"), ("SGST", "25")]);
        assert_eq!(
            check(&item),
            one(
                "/invoice/itemLists/0/itemValueDetails/0/value",
                "CGST 26.01 is not assessmentAmount × gstRate ÷ 2: 1000.00 × 5 % ÷ 2 = 25.00, more than 1.00 away"
            )
        );
    }

    /// What cannot be judged is not: no rate, no taxable value or one of 0 (a pure agent's outlay, a note
    /// revising the tax alone), a head of no name or of two, an entry not understood, a head of 0 (not
    /// charged: an export without payment, reverse charge, the other kind of supply's heads written as 0),
    /// and IGST beside CGST.
    #[test]
    fn what_cannot_be_judged_is_not() {
        let mut no_rate = item(&[(Role::AssessmentAmount, "assessmentAmount", "1000.00")]);
        state(&mut no_rate, &[("CGST", "40.00")]);
        assert_eq!(check(&no_rate), []);
        let mut no_value = item(&[(Role::GstRate, "gstRate", "5")]);
        state(&mut no_value, &[("CGST", "40.00")]);
        assert_eq!(check(&no_value), []);
        let mut tax_only = line("0", "18");
        state(&mut tax_only, &[("CGST", "40.00"), ("SGST", "40.00")]);
        assert_eq!(check(&tax_only), []);
        for names in [["GST", "CGST"], ["CGST+SGST", "CGST"], ["IGST", "CGST"]] {
            let mut item = line("1000.00", "5");
            state(&mut item, &[(names[0], "40.00"), (names[1], "40.00")]);
            assert_eq!(check(&item), [], "{names:?}");
        }
        let mut unclear = line("1000.00", "5");
        state(&mut unclear, &[("CGST", "40.00")]);
        unclear.unclear = true;
        assert_eq!(check(&unclear), []);
        let mut zero = line("1000.00", "18");
        state(&mut zero, &[("IGST", "0"), ("CGST", "0.00"), ("SGST", "0")]);
        assert_eq!(check(&zero), []);
        // The other kind of supply's heads written as 0 beside the charged ones.
        let mut beside = line("1000.00", "18");
        state(&mut beside, &[("IGST", "0"), ("CGST", "90"), ("SGST", "90")]);
        assert_eq!(check(&beside), []);
    }

    /// A head's own rate in `rates` is read as well as half of `gstRate`; a head stated twice (one entry may
    /// repeat the other) fits by its sum or its last entry; charges taxed with the line fit.
    #[test]
    fn a_heads_own_rate_a_repeated_head_and_taxed_charges_fit() {
        let mut own = line("1000.00", "5");
        state(&mut own, &[("CGST", "90.00")]);
        own.heads.heads[Head::Cgst as usize].rate = Some(Decimal::new(9, 0));
        assert_eq!(check(&own), []);
        own.heads.heads[Head::Cgst as usize].rate = Some(Decimal::new(6, 0));
        assert_eq!(
            check(&own),
            one(
                "/invoice/itemLists/0/itemValueDetails/0/value",
                "CGST 90.00 is not assessmentAmount × gstRate ÷ 2: 1000.00 × 5 % ÷ 2 = 25.00, nor its own \
                 rate's 6 %, 60.00, more than 1.00 away"
            )
        );
        let mut twice = line("1000.00", "18");
        state(&mut twice, &[("IGST", "180"), ("IGST", "180")]);
        assert_eq!(check(&twice), []);
        let mut halves = line("1000.00", "18");
        state(&mut halves, &[("IGST", "90"), ("IGST", "90")]);
        assert_eq!(check(&halves), []);
        let mut doubled = line("1000.00", "18");
        state(&mut doubled, &[("IGST", "90"), ("IGST", "100")]);
        assert_eq!(
            check(&doubled),
            one(
                "/invoice/itemLists/0/itemValueDetails/0/value",
                "IGST 90 (its entries add up to 190.00) is not assessmentAmount × gstRate: 1000.00 × 18 % = \
                 180.00, more than 1.00 away"
            )
        );
        let mut freight = line("1000.00", "18");
        freight.charges = Decimal::new(100, 0);
        state(&mut freight, &[("IGST", "198")]);
        assert_eq!(check(&freight), []);
    }

    /// Income-tax TCS among a line's charges is outside GST's value (CBIC's corrigendum to Circular No.
    /// 76/50/2018-GST): a head on the taxable value with the freight, but not the TCS, fits (audit round
    /// 16: SAP's item conditions, freight and TCS u/s 206C(1H) on the line).
    #[test]
    fn income_tax_tcs_among_the_charges_is_not_taxed() {
        let mut line = line("100000.00", "18");
        line.charges = Decimal::new(212036, 2);
        line.tcs = Decimal::new(12036, 2);
        state(&mut line, &[("CGST", "9180.00"), ("SGST", "9180.00")]);
        assert_eq!(check(&line), []);
        // A charge that is not TCS is not left out: tax on the line and part of its freight fits nothing.
        line.tcs = Decimal::ZERO;
        assert_eq!(check(&line).len(), 1);
        assert!(amounts::names_tcs("TCS u/s 206C(1H)") && amounts::names_tcs("tcs @ 0.1%"));
        assert!(!amounts::names_tcs("Freight") && !amounts::names_tcs("TCSL"));
    }

    /// Pan masala and tobacco from 1 February 2026 carry the net sale value as the taxable value and the
    /// tax of the retail sale price (GSTN's advisory on rule 31D): such a line's finding stands only on an
    /// invoice dated before then.
    #[test]
    fn goods_taxed_on_their_retail_sale_price_are_judged_only_before_february_2026() {
        for (code, dated) in [
            ("\"24022090\"", true),
            ("\"2403\"", true),
            ("\"240410\"", true),
            ("\"21069020\"", true),
            ("\"210690\"", true),
            ("\"2106\"", true),
            ("\"21069099\"", false),
            ("\"22021010\"", false),
            ("24022090", false),
        ] {
            let mut line = item(&[
                (Role::HsnCode, "hsnCode", code),
                (Role::AssessmentAmount, "assessmentAmount", "120000.00"),
                (Role::GstRate, "gstRate", "40"),
            ]);
            state(&mut line, &[("CGST", "28571.43"), ("SGST", "28571.43")]);
            let mut out = sink();
            Hook::item(&mut out, RuleId::ItemTaxRate, &line);
            assert_eq!(found(&out).len(), 1, "{code}");
            assert_eq!(out.dated.len(), usize::from(dated), "{code}");
            if dated {
                assert_eq!(out.dated[0].0, Dated::Before(RSP_VALUATION_FROM));
            }
        }
    }

    #[test]
    fn heads_are_read_by_whole_words() {
        for (name, head) in [
            ("IGST", Some(Head::Igst)),
            ("igst", Some(Head::Igst)),
            ("Output CGST @ 9%", Some(Head::Cgst)),
            ("CGST9", Some(Head::Cgst)),
            ("SGST/UTGST", Some(Head::Sgst)),
            ("UTGST", Some(Head::Sgst)),
            ("IGST (REVERSE CHARGE)", Some(Head::Igst)),
            ("IGST (in lieu of CGST+SGST)", None),
            ("GST", None),
            ("Central Tax", Some(Head::Cgst)),
            ("CENTRAL GST", Some(Head::Cgst)),
            ("State Tax", Some(Head::Sgst)),
            ("State/UT Tax", Some(Head::Sgst)),
            ("Union Territory Tax", Some(Head::Sgst)),
            ("Integrated Tax", Some(Head::Igst)),
            ("Output Integrated Tax @ 18%", Some(Head::Igst)),
            ("Central Tax + State Tax", None),
            ("Central Sales Tax", None),
            ("State Development Tax", None),
            ("Tax", None),
            // The supply's kind or a figure's point, not a head; two heads in one entry (audit 17).
            ("Inter-state GST - MPPL", None),
            ("Out of State GST", None),
            ("Out State GST - MPPL", None),
            ("Intra-State GST", None),
            ("In State GST", None),
            ("Central & State GST", None),
            ("Central and State Tax", None),
            ("Amount after Integrated Tax", None),
            ("IGST (Inter-state GST)", Some(Head::Igst)),
            ("Central 9 Tax", None),
        ] {
            assert_eq!(amounts::tax_head(name), head, "{name}");
        }
    }
}
