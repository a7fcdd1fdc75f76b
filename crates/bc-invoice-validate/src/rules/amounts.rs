//! Amounts as exact decimals: a number's JSON text read digit for digit, never through a float; and the
//! e-invoice arithmetic the amount rules check.
//!
//! Sources (docs/rules-sources.md, § Amounts): the e-invoice schema INV-01 v1.1 (NIC, notified as FORM GST
//! INV-01 by CBIC Notification 60/2020-Central Tax): `Qty` and `UnitPrice` up to 3 decimals, other
//! amounts 2, `TotAmt` "Gross Amount (Unit Price * Quantity)", `AssAmt` "Taxable Value (Total Amount -
//! Discount)", `TotItemVal` = assessable amount + taxes + cesses + other charges, `RndOffAmt` from -99.99
//! to 99.99; NIC's e-invoice validations (the summations; "Temporarily, the validation of 'Gross Amount of
//! Item with Quantity and Selling Unit Price' has been withdrawn"; reverse charge and EXPWP item values
//! "with either with tax values or without"; EXPWOP and SEZWOP tax values zero; the round-off "between
//! -99.99 and +99.99"); NIC's error list (2182 the taxable values' sum, 2189 the total invoice value
//! "with a (+/-) one tolerance limit", 2193 AssAmt = TotAmt - Discount); and two valuations the law sets
//! (docs/rules-sources.md, round 7): CBIC Notification 11/2017-Central Tax (Rate), para 2 (a construction
//! service sold with land is valued at the total amount less the land, deemed one third of it) and CGST
//! Rules, rule 33 (a pure agent's expenditure is excluded from the value of supply).

use rust_decimal::{Decimal, RoundingStrategy};

/// The exact value of a fact's JSON text; `None` for a string (a type error the schema reports) or a number
/// no exact decimal holds (a range error the schema reports).
pub(crate) fn decimal(raw: &str) -> Option<Decimal> {
    if raw.starts_with('"') {
        return None;
    }
    number(raw)
}

/// A number's exact value; `None` when no exact decimal holds it. Anything but a short plain number is
/// read as the typed documents read it ([`bc_invoice_types::exact_decimal`]): an exponent moves the point,
/// and nothing is rounded.
fn number(text: &str) -> Option<Decimal> {
    plain(text).or_else(|| bc_invoice_types::exact_decimal(text))
}

/// The common case read directly: a plain number (no exponent) of at most 18 digits, which an `i64`
/// mantissa and a scale hold exactly, read in one pass over its bytes. `None` sends anything else to
/// rust_decimal's general parser.
fn plain(text: &str) -> Option<Decimal> {
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        bytes => (false, bytes),
    };
    // At most 18 digits and a point.
    if digits.len() > 19 {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut point = None;
    for (i, &b) in digits.iter().enumerate() {
        match b {
            // Wrapping: nineteen digits without a point may overflow, and are refused below.
            b'0'..=b'9' => mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(b - b'0')),
            // A point needs a digit before it, and there is only one.
            b'.' if i > 0 && point.is_none() => point = Some(i),
            _ => return None,
        }
    }
    let scale = match point {
        Some(at) => digits.len() - at - 1,
        None if digits.is_empty() => return None,
        None => 0,
    };
    // Nineteen digits without a point may not fit (the mantissa may have wrapped).
    if point.is_none() && digits.len() > 18 {
        return None;
    }
    // Built from its parts in place: `Decimal::new` is a call whose result comes back through memory in
    // pieces, and reading it back stalled (a third of this function's time). At most 18 digits fit the
    // low 64 bits; the scale is at most 18, within a decimal's 28; zero is never negative.
    Some(Decimal::from_parts(
        mantissa as u32,
        (mantissa >> 32) as u32,
        0,
        negative,
        u32::try_from(scale).ok()?,
    ))
}

/// A value rounded to the paisa, half away from zero (half-up for the positive amounts of an invoice),
/// and shown with two decimals.
pub(crate) fn to_paisa(value: Decimal) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

/// One paisa: how far rounding an amount to the paisa moves it, whatever the mode (half-up and half-even
/// move it by at most 0.005, truncation by less than 0.01).
pub(crate) const PAISA: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// Half a paisa: the payment rules' tolerance. The rupee is divided into a hundred paise (the Coinage Act,
/// 2011, s.7), and no payment moves less than a paisa, so two amounts closer than half a paisa are the same
/// money: a client that adds its invoices' amounts in binary floating point writes `42481.049999999996` for
/// 7,080.70 + 35,400.35, and that is the sum, not a payment of another amount. A paisa off is a finding.
const HALF_PAISA: Decimal = Decimal::from_parts(5, 0, 0, false, 3);

/// Whether two amounts are the same money: they differ by less than [`HALF_PAISA`] (too large to subtract:
/// not the same).
pub(crate) fn same_money(a: Decimal, b: Decimal) -> bool {
    a.checked_sub(b)
        .is_some_and(|difference| difference.abs() < HALF_PAISA)
}

/// How far a total may be from what its parts add up to: one rupee either way, the tolerance NIC's IRP
/// applies to the total invoice value (error 2189, "with a (+/-) one tolerance limit"). The same rupee is
/// allowed to the other sums (2182, 2193 and the item value), for which NIC publishes no number: an ERP
/// that rounds each tax, cess or discount on its own drifts by paise, never by a rupee on a line.
pub(crate) const RUPEE: Decimal = Decimal::ONE;

/// The largest round-off either way: the e-invoice schema's `RndOffAmt`, minimum -99.99, maximum 99.99.
pub(crate) const ROUND_OFF_LIMIT: Decimal = Decimal::from_parts(9999, 0, 0, false, 2);

/// Half a unit in the last decimal a unit price is written to: the most rounding the price to that decimal
/// can have moved it. A price is what a lump sum comes to per unit, rounded as the supplier lists it: to
/// the rupee (`333` for 1,000 over 3), to ten paise, to the paisa, to a tenth of a paisa (the e-invoice
/// schema's `UnitPrice` has three decimals). The decimals are the value's, trailing zeros not counted: the
/// digits written are the serializer's, not the supplier's (round 13). Java's `Double.toString`, Python's
/// and PHP's floats and Newtonsoft write the whole-rupee price 333 as `333.0`, a .NET `decimal` read from a
/// `decimal(18,4)` column as `333.0000`; the API's parser reads each as 333, and a price of 185.50 may have
/// been rounded to ten paise as well as to the paisa, so the coarsest rounding its value allows is taken.
pub(crate) fn price_half_unit(unit_price: Decimal) -> Decimal {
    half_unit(unit_price.normalize().scale())
}

/// Half a unit in the last decimal a quantity is written to, and no more than half a unit in the third: a
/// quantity is what was supplied, counted or weighed, and the e-invoice schema's `Qty` has three decimals,
/// so `10.235` g may be 10.2346 weighed, and `10` may be `10.000` with its zeros dropped but is no
/// rounder than that. Trailing zeros are not counted, as for the price: `10.2350` from a `decimal(18,4)`
/// column is the `10.235` weighed.
pub(crate) fn quantity_half_unit(quantity: Decimal) -> Decimal {
    half_unit(quantity.normalize().scale().max(3))
}

/// Half a unit in the `decimals`-th decimal place: 5 in the next one, or in the 28th, the last a decimal
/// holds (a number written with 28 decimals has no place after its last).
fn half_unit(decimals: u32) -> Decimal {
    Decimal::new(5, (decimals + 1).min(Decimal::MAX_SCALE))
}

/// `totalAmt` against `quantity` × `unitPrice`: `Some((product, slack))` when they differ by more than
/// `slack` = |quantity| × [`price_half_unit`] + |unitPrice| × [`quantity_half_unit`] + [`PAISA`]. The slack
/// is what legal rounding can explain: a unit price rounded from a finer one, a quantity rounded to its
/// written decimals, the product rounded half-up, half-even or truncated to the paisa. NIC withdrew its own
/// check of this product, so only a gross error (a wrong line, a digit too many or too few) is a finding.
/// A line with no quantity or no price and an amount all the same is a lump sum (a service billed as a
/// whole), not judged. Free quantity is not in the product: the e-invoice `TotAmt` is `UnitPrice` × `Qty`,
/// with `FreeQty` apart.
pub(crate) fn gross_amount_fault(
    quantity: Decimal,
    unit_price: Decimal,
    total_amt: Decimal,
) -> Option<(Decimal, Decimal)> {
    if (quantity.is_zero() || unit_price.is_zero()) && !total_amt.is_zero() {
        return None;
    }
    let product = quantity.checked_mul(unit_price)?;
    if product == total_amt {
        return None;
    }
    let slack = quantity
        .abs()
        .checked_mul(price_half_unit(unit_price))?
        .checked_add(unit_price.abs().checked_mul(quantity_half_unit(quantity))?)?
        .checked_add(PAISA)?;
    let difference = total_amt.checked_sub(product)?.abs();
    (difference > slack).then(|| (product, to_paisa(slack)))
}

/// Whether `a` and `b` are more than `limit` apart; a difference too large for a decimal is.
fn more_than(a: Decimal, b: Decimal, limit: Decimal) -> bool {
    a.checked_sub(b)
        .is_none_or(|difference| difference.abs() > limit)
}

/// `assessmentAmount` against `totalAmt` less the line's discounts (NIC error 2193: "AssAmt value should be
/// equal to (TotAmt - Discount)"), or that with the line's charges (CGST Act s.15(2)(c): packing, freight
/// and other incidental expenses the supplier charges are part of the value of the supply, so a line may
/// tax them inside its taxable value): `Some(expected)`, the first, when it is more than [`RUPEE`] from
/// both.
pub(crate) fn assessable_fault(
    total_amt: Decimal,
    discounts: Decimal,
    charges: Charges,
    assessment_amount: Decimal,
) -> Option<Decimal> {
    placement(total_amt, discounts, charges, assessment_amount).err()
}

/// A line's charges (`itemValueDetails` and `otherTaxes` entries of a charge type), and the part of them
/// that is income-tax TCS ([`names_tcs`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Charges {
    /// Every charge, TCS included.
    pub all: Decimal,
    /// The income-tax TCS among them: collected on the sale, never in GST's value of supply (CBIC's
    /// corrigendum of 7 March 2019 to Circular 76/50/2018-GST), so never inside `assessmentAmount`.
    pub tcs: Decimal,
}

impl Charges {
    /// Charges of `all`, none of them TCS.
    #[cfg(test)]
    pub(crate) fn plain(all: Decimal) -> Self {
        Charges {
            all,
            tcs: Decimal::ZERO,
        }
    }
}

/// Where a line's charges (`itemValueDetails` of a charge type) stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChargesAt {
    /// After the tax, untaxed: INV-01's item-level `OthChrg`, which `TotItemVal` adds to the taxable value
    /// and its tax. The line's value adds them.
    AfterTax,
    /// Inside the taxable value (CGST Act s.15(2)(c)): `assessmentAmount` holds them, taxed at the line's
    /// rate, and the line's value does not add them again.
    InAssessable,
    /// Inside the taxable value but for the income-tax TCS among them, which the line's value adds after
    /// the tax (SAP writes freight and TCS on the item: audit round 16).
    InAssessableTcsAfter,
    /// Either: the line states no `totalAmt` to tell by, or both readings fit (charges of a rupee or two).
    Either,
}

/// Where a line's charges stand, from what its `assessmentAmount` is: `totalAmt` less the discounts (after
/// the tax), or that with the charges (inside the taxable value), each within [`RUPEE`].
pub(crate) fn charges_at(
    total_amt: Option<Decimal>,
    discounts: Decimal,
    charges: Charges,
    assessment_amount: Decimal,
) -> ChargesAt {
    if charges.all.is_zero() {
        return ChargesAt::AfterTax;
    }
    total_amt.map_or(ChargesAt::Either, |total| {
        placement(total, discounts, charges, assessment_amount).unwrap_or(ChargesAt::Either)
    })
}

/// Both readings of a line's `assessmentAmount` at once: where its charges stand ([`charges_at`]), or
/// `Err(totalAmt less the discounts)` when neither reading fits ([`assessable_fault`]). A sum past what a
/// decimal holds reads as either.
fn placement(
    total_amt: Decimal,
    discounts: Decimal,
    charges: Charges,
    assessment_amount: Decimal,
) -> Result<ChargesAt, Decimal> {
    let Some(before) = total_amt.checked_sub(discounts) else {
        return Ok(ChargesAt::Either);
    };
    let fits =
        |sum: Option<Decimal>| sum.is_some_and(|sum| !more_than(assessment_amount, sum, RUPEE));
    let with_charges = (!charges.all.is_zero())
        .then(|| before.checked_add(charges.all))
        .flatten();
    // The charges inside the taxable value but the TCS among them, which no taxable value holds.
    let but_tcs = || {
        (!charges.tcs.is_zero() && charges.tcs != charges.all)
            .then(|| with_charges?.checked_sub(charges.tcs))
            .flatten()
    };
    match (fits(Some(before)), fits(with_charges)) {
        (false, false) if fits(but_tcs()) => Ok(ChargesAt::InAssessableTcsAfter),
        (false, false) => Err(before),
        (true, false) => Ok(ChargesAt::AfterTax),
        (false, true) => Ok(ChargesAt::InAssessable),
        (true, true) => Ok(ChargesAt::Either),
    }
}

/// A construction service's land, deemed by law (Notification 11/2017-Central Tax (Rate), para 2): where
/// the service involves transferring land or an undivided share of it, "the value of such supply shall be
/// equivalent to the total amount charged for such supply less the value of transfer of land", and that
/// value "shall be deemed to be one third of the total amount charged". `Some(land)`, the part of the
/// line's amount (`totalAmt` less its discounts) outside `assessmentAmount`, when the assessable amount is
/// two thirds of that amount within [`RUPEE`]; `None` otherwise. Only a construction service's line
/// (SAC 9954) is read so.
pub(crate) fn deemed_land(
    total_amt: Decimal,
    discounts: Decimal,
    assessment_amount: Decimal,
) -> Option<Decimal> {
    let amount = total_amt.checked_sub(discounts)?;
    let two_thirds = amount
        .checked_mul(Decimal::TWO)?
        .checked_div(Decimal::from(3))?;
    (!amount.is_zero() && !more_than(assessment_amount, two_thirds, RUPEE))
        .then(|| amount.checked_sub(assessment_amount))
        .flatten()
}

/// Whether a line is an amount kept out of the value of supply altogether, a pure agent's expenditure
/// (CGST Rules, rule 33: such costs "shall be excluded from the value of supply" if, among other
/// conditions, the payment "has been separately indicated in the invoice"): its `assessmentAmount` is 0,
/// it is taxed at 0 (`gstRate` 0, and no tax or cess it states is other than 0), and its value is its
/// amount (`totalAmt` less its discounts, with or without its charges) within [`RUPEE`]. A line of an
/// amount at 0 % whose taxable value is 0 changes no tax; its amount is still in the invoice's total.
pub(crate) fn outside_value(
    total_amt: Decimal,
    discounts: Decimal,
    charges: Decimal,
    assessment_amount: Decimal,
    untaxed: bool,
    total_item_value: Decimal,
) -> bool {
    let Some(amount) = total_amt.checked_sub(discounts) else {
        return false;
    };
    let fits =
        |sum: Option<Decimal>| sum.is_some_and(|sum| !more_than(total_item_value, sum, RUPEE));
    assessment_amount.is_zero()
        && untaxed
        && !amount.is_zero()
        && (fits(Some(amount)) || fits(amount.checked_add(charges)))
}

/// Whether the line's value must include its taxes, or may include or leave them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TaxTreatment {
    /// The supplier charges the tax: the line's value includes it.
    Charged,
    /// Reverse charge, or an export or SEZ supply: NIC accepts the line's value with or without the tax
    /// (reverse charge and EXPWP "can include or exclude the tax values"; EXPWOP and SEZWOP carry zero tax).
    WithOrWithout,
}

/// The treatment of a document's lines, from `transactionDetails.supplyType` and `reverseChargeTax` (each
/// in any case; either may be missing).
pub(crate) fn tax_treatment(
    supply_type: Option<&str>,
    reverse_charge: Option<&str>,
) -> TaxTreatment {
    let reverse = reverse_charge.is_some_and(|r| {
        let r = r.trim();
        r.eq_ignore_ascii_case("YES") || r.eq_ignore_ascii_case("Y")
    });
    let zero_rated = supply_type.is_some_and(|s| {
        ["EXPWP", "EXPWOP", "SEZWP", "SEZWOP"]
            .iter()
            .any(|t| s.trim().eq_ignore_ascii_case(t))
    });
    if reverse || zero_rated {
        TaxTreatment::WithOrWithout
    } else {
        TaxTreatment::Charged
    }
}

/// What a line's amounts add up to, as its value (`totalItemValue`) should.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ItemValue {
    /// `assessmentAmount`, the taxable value.
    pub assessment: Decimal,
    /// `gstRate`, in percent: the tax is assessment × rate / 100 (IGST, or CGST and SGST of half the rate
    /// each: they differ by at most a paisa).
    pub gst_rate: Option<Decimal>,
    /// The tax amounts the line states itself (IGST, CGST, SGST, UTGST in `itemValueDetails`), if any.
    pub stated_tax: Option<Decimal>,
    /// The cesses' amounts `otherTaxes` lists (`otherTaxes[].amount`), if it lists any.
    pub other_taxes: Option<Decimal>,
    /// The cesses' amounts the line states in `itemValueDetails` (`CESS`), if any.
    pub stated_cess: Option<Decimal>,
    /// The line's other charges (`itemValueDetails` of a charge type), and the TCS among them.
    pub charges: Charges,
    /// Whether the charges are added after the tax or already inside `assessment` ([`charges_at`]).
    pub charges_at: ChargesAt,
    /// The part of the line's amount that the law keeps out of its taxable value, untaxed: a construction
    /// service's deemed land ([`deemed_land`]). The value may hold it (the buyer pays the whole amount) or
    /// leave it out (INV-01's `TotItemVal`, the taxable value and its tax); 0 for any other line.
    pub outside: Decimal,
}

impl ItemValue {
    /// What the line's cess may be, the first the one a finding names. A line that states cesses both in
    /// `otherTaxes` and in `itemValueDetails` may state one cess twice (`COMPENSATION CESS` in one, `CESS`
    /// in the other) or two cesses once each: the cess is either list's, or both together.
    fn cesses(&self) -> [Option<Decimal>; 3] {
        match (self.other_taxes, self.stated_cess) {
            (Some(listed), Some(stated)) => {
                [Some(listed), Some(stated), listed.checked_add(stated)]
            }
            (listed, stated) => [Some(listed.or(stated).unwrap_or_default()), None, None],
        }
    }
}

/// `totalItemValue` against what the line adds up to: `Some(expected)` (with the taxes, and the cess
/// `otherTaxes` lists, or else the one `itemValueDetails` states) when it is more than [`RUPEE`] from every
/// sum the treatment and the cesses allow; `None` when it fits one, or when the tax cannot be known (no
/// rate and no stated tax).
pub(crate) fn item_value_fault(
    item: &ItemValue,
    treatment: TaxTreatment,
    total_item_value: Decimal,
) -> Option<Decimal> {
    let computed_tax = item
        .gst_rate
        .and_then(|rate| item.assessment.checked_mul(rate))
        .map(percent);
    let first = computed_tax.or(item.stated_tax)?;
    let after_tax = item.assessment.checked_add(item.charges.all)?;
    // The charges added after the tax, or already inside the assessable amount (taxed with it), or all
    // but the TCS inside it and the TCS after the tax.
    let [first_base, second_base] = match item.charges_at {
        ChargesAt::AfterTax => [Some(after_tax), None],
        ChargesAt::InAssessable => [Some(item.assessment), None],
        ChargesAt::InAssessableTcsAfter => [item.assessment.checked_add(item.charges.tcs), None],
        ChargesAt::Either => [Some(after_tax), Some(item.assessment)],
    };
    // Each with the part of the amount kept out of the taxable value, when the line has one.
    let with_outside = |base: Option<Decimal>| {
        (!item.outside.is_zero())
            .then(|| base?.checked_add(item.outside))
            .flatten()
    };
    let bases = [
        first_base,
        second_base,
        with_outside(first_base),
        with_outside(second_base),
    ];
    let fits =
        |sum: Option<Decimal>| sum.is_some_and(|sum| !more_than(total_item_value, sum, RUPEE));
    let cesses = item.cesses();
    let fit = bases.into_iter().flatten().any(|base| {
        cesses.into_iter().flatten().any(|cess| {
            let with_tax = |tax: Decimal| base.checked_add(tax)?.checked_add(cess);
            fits(computed_tax.and_then(with_tax))
                || fits(item.stated_tax.and_then(with_tax))
                || (treatment == TaxTreatment::WithOrWithout && fits(base.checked_add(cess)))
        }) || (treatment == TaxTreatment::WithOrWithout && fits(Some(base)))
    });
    if fit {
        return None;
    }
    let base = bases[0].unwrap_or(after_tax);
    let cess = cesses[0].unwrap_or_default();
    Some(to_paisa(base.checked_add(first)?.checked_add(cess)?))
}

/// A hundredth of `value`: its scale raised by two, exactly, where a decimal's 28 places allow (a division
/// costs far more, and an item's tax is computed on every line).
pub(crate) fn percent(value: Decimal) -> Decimal {
    let mut hundredth = value;
    match hundredth.set_scale(value.scale() + 2) {
        Ok(()) => hundredth,
        Err(_) => value / Decimal::ONE_HUNDRED,
    }
}

/// What a named amount (`itemValueDetails[].type`, `valueDetails.otherValues[].type`) does to a total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Adjustment {
    /// A discount: taken off (`DISCOUNT`, `TRADE DISCOUNT`, `Disc`). The e-invoice `Discount`.
    Discount,
    /// A charge: added (`OTHER CHARGES`, `FREIGHT`, `PACKING`, `INSURANCE`, `TCS`). The e-invoice `OthChrg`.
    Charge,
    /// A round-off: added with its sign (`ROUND OFF`, `ROUNDING`, `RndOffAmt`). The e-invoice `RndOffAmt`.
    RoundOff,
    /// A tax amount (`IGST`, `CGST`, `SGST`, `UTGST`, `GST`): part of the line's value, stated.
    Tax,
    /// A cess amount (`CESS`): part of the line's value, stated.
    Cess,
    /// A figure that changes no total: a subtotal (`TAXABLE VALUE`, `PRE TAX VALUE`, `TOTAL`), an `MRP`, a
    /// rate of nothing the rules add (`RATE`), a tax's rate (`IGST %`: the rules compute the tax from
    /// `gstRate`).
    Informational,
    /// A name none of the above recognises, or that says two of them (`TOTAL DISCOUNT`, `FREIGHT ROUND
    /// OFF`), or a rate-marked discount, charge or cess whose value may be the rate (`DISCOUNT %` of 10), or
    /// a name of no kind that states its own rate beside another value (`KFC @ 1%` of 500): what it does to
    /// the total is not known, and a check that needs it is skipped rather than guessed.
    Unknown,
}

/// What a named amount does to a total, from its name in any case, spacing or punctuation, and its value
/// (which tells an amount from a rate where the name alone cannot: [`read_adjustment`]).
pub(crate) fn adjustment(type_name: &str, value: Decimal) -> Adjustment {
    // The names the e-invoice and most ERPs write, as they write them, need no reading word by word.
    match type_name {
        "DISCOUNT" => return Adjustment::Discount,
        "OTHER CHARGES" | "FREIGHT" => return Adjustment::Charge,
        "ROUND OFF" => return Adjustment::RoundOff,
        "IGST" | "CGST" | "SGST" | "UTGST" => return Adjustment::Tax,
        "CESS" => return Adjustment::Cess,
        _ => {}
    }
    read_adjustment(type_name, value)
}

/// A piece of a name: a word (upper-cased), a number, or a percent sign.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Number(Decimal),
    Percent,
}

/// A name's words, numbers and percent signs. Words are split at anything but a letter and at a change of
/// case inside a word (`OthChrg` is `OTH CHRG`, `IGSTAmount` is `IGST AMOUNT`); a number is digits with at
/// most one point between them (`2.5` in `@2.5%`). Read one at a time, so that a name of megabytes costs no
/// list of its characters or its words.
fn tokens(name: &str) -> Tokens<'_> {
    Tokens { name, at: 0 }
}

/// Longer than every word the rules read (`TRANSPORTATION`): a longer word is kept as an empty one, which
/// none of them is, rather than copied.
const LONGEST_WORD: usize = 16;

/// The tokens of a name, from byte `at` on ([`tokens`]).
struct Tokens<'a> {
    name: &'a str,
    at: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        loop {
            let c = self.name[self.at..].chars().next()?;
            let start = self.at;
            self.at += c.len_utf8();
            if c == '%' {
                return Some(Token::Percent);
            } else if c.is_ascii_digit() {
                let mut point = false;
                loop {
                    let mut ahead = self.name[self.at..].chars();
                    let Some(next) = ahead.next() else { break };
                    let decimal_point =
                        next == '.' && !point && ahead.next().is_some_and(|c| c.is_ascii_digit());
                    if !(next.is_ascii_digit() || decimal_point) {
                        break;
                    }
                    point |= decimal_point;
                    self.at += next.len_utf8();
                }
                if let Some(n) = number(&self.name[start..self.at]) {
                    return Some(Token::Number(n));
                }
            } else if c.is_alphabetic() {
                let mut previous = c;
                loop {
                    let mut ahead = self.name[self.at..].chars();
                    let Some(next) = ahead.next() else { break };
                    let before_small = ahead.next().is_some_and(|c| c.is_lowercase());
                    let case_break = next.is_uppercase()
                        && (previous.is_lowercase() || (previous.is_uppercase() && before_small));
                    if !next.is_alphabetic() || case_break {
                        break;
                    }
                    self.at += next.len_utf8();
                    previous = next;
                }
                let word = &self.name[start..self.at];
                if word.len() > LONGEST_WORD {
                    return Some(Token::Word(String::new()));
                }
                return Some(Token::Word(word.to_ascii_uppercase()));
            }
        }
    }
}

/// The kinds of amount a name's words can say, as bits of a set ([`read_adjustment`]).
const DISCOUNT: u8 = 1;
const CHARGE: u8 = 1 << 1;
const ROUND_OFF: u8 = 1 << 2;
const TAX: u8 = 1 << 3;
const CESS: u8 = 1 << 4;
const SUBTOTAL: u8 = 1 << 5;
/// An amount of another law (VAT, excise) or one withheld from the payment (TDS): no kind the rules add,
/// and a name that also says a tax is no tax of GST's.
const OTHER: u8 = 1 << 6;

/// [`adjustment`], read word by word. Only whole words count (`CORPORATE` holds no `RATE`):
///
/// - discount: `DISCOUNT(S)`, `DISC`, `REBATE(S)`; charge: `CHARGE(S)`, `CHRG(S)`, `CHG(S)`, `SURCHARGE`,
///   `FREIGHT`, `PACKING`, `PACKAGING`, `INSURANCE`, `HANDLING`, `SHIPPING`, `DELIVERY`, `TRANSPORT`,
///   `TRANSPORTATION`, `TCS`; round-off: `ROUND`, `ROUNDOFF`, `ROUNDING`, `ROUNDED`, `ROUNDEDOFF`, `RNDOFF`,
///   `RND`; tax: `IGST`, `CGST`, `SGST`, `UTGST`, `GST`; cess: `CESS`; subtotal: `TAXABLE`, `ASSESSABLE`,
///   `PRETAX`, `PRE TAX`, `TOTAL`, `SUBTOTAL`, `MRP`; and any kind after `AFTER` or `BEFORE` (`Price after
///   Discount`, `Amount before Discount`: the figure either side of it).
/// - `REVERSE CHARGE` names how a tax is paid, not a charge (`IGST (REVERSE CHARGE)` is a tax), and the
///   `GST` of `GST COMPENSATION CESS` names the levy the cess compensates (it is a cess).
/// - `NON TAXABLE`, `NOT TAXABLE` (and `ASSESSABLE`) name an amount kept out of the taxable value, not a
///   subtotal: `LAND VALUE (NON-TAXABLE)` is of no kind, and unknown; `NON-TAXABLE CHARGES` a charge.
/// - A name saying two kinds (`TOTAL OTHER CHARGES`, `GST ON FREIGHT`) is [`Adjustment::Unknown`]; a
///   subtotal alone is [`Adjustment::Informational`]; no kind is unknown, or informational when the name
///   marks a rate (`RATE`, `%`), unless it states its own rate and the value is another number: that value
///   is an amount of a kind not known (`KFC @ 1%` of 500, the Kerala Flood Cess; `Hamali @ 2%` of 860),
///   and unknown.
/// - A rate marker (`%`, `PERCENT`, `PERCENTAGE`, `PCT`, `PER CENT`, `RATE`) beside one kind says the
///   value may be the rate rather than the amount. It is the amount when the name states its own rate and
///   the value is another number (`DISCOUNT @ 5%` of 1000), or, for a discount, when it is over 100 (no
///   discount is more than all of what it is taken off: `RATE DIFFERENCE DISCOUNT` of 1000). Otherwise it
///   may be the rate: a tax's rate is informational (the rules compute the tax from `gstRate`), any other
///   is unknown (`DISCOUNT %` of 10 may be the only statement of a 10 % discount).
fn read_adjustment(type_name: &str, value: Decimal) -> Adjustment {
    let Reading {
        kinds,
        rate_marked,
        stated_rate,
    } = read(type_name);
    let amount = value.abs();
    // The name states its own rate and the value is another number: the value is an amount.
    let states_another_rate = stated_rate.is_some_and(|rate| rate != amount);
    let kind = match kinds {
        // No kind, but a rate: a rate of nothing the rules add (`RATE`, `RATE @ 18%` of 18), unless the
        // name states its own rate and the value is another number: then the value is an amount of a kind
        // the rules do not know (`KFC @ 1%` of 500, `Hamali @ 2%` of 860), as a named one's is.
        0 if rate_marked => {
            return if states_another_rate {
                Adjustment::Unknown
            } else {
                Adjustment::Informational
            };
        }
        SUBTOTAL => return Adjustment::Informational,
        DISCOUNT => Adjustment::Discount,
        CHARGE => Adjustment::Charge,
        ROUND_OFF => Adjustment::RoundOff,
        TAX => Adjustment::Tax,
        CESS => Adjustment::Cess,
        // None, or two kinds at once.
        _ => return Adjustment::Unknown,
    };
    if !rate_marked {
        return kind;
    }
    if states_another_rate || (kind == Adjustment::Discount && amount > Decimal::ONE_HUNDRED) {
        return kind;
    }
    if kind == Adjustment::Tax {
        Adjustment::Informational
    } else {
        Adjustment::Unknown
    }
}

/// Whether a line's named rate (an entry of `rates`: its `type`, and its `value` if it is a number) is one
/// the rules already compute or that changes nothing: a GST rate (`IGST`, `CGST`, `SGST`, `UTGST`, `GST`,
/// read as [`read_adjustment`] reads a type: the rules compute the tax from `gstRate`), or a rate of 0.
/// Any other (a cess's, a discount's, a charge's, a name not recognised, a rate without a name) is one
/// they do not compute: a cess of 15 may be 15 % of the line or 15 rupees a unit, so the line's value is
/// not known.
pub(crate) fn rate_is_known(type_name: Option<&str>, value: Option<Decimal>) -> bool {
    value.is_some_and(|value| value.is_zero())
        || type_name.is_some_and(|name| {
            // The names most documents write need no reading word by word (as in [`adjustment`]).
            matches!(name, "IGST" | "CGST" | "SGST" | "UTGST" | "GST") || read(name).kinds == TAX
        })
}

/// Whether a tax's name is that of a tax of an intra-state supply, for `inter-state-igst`: it names CGST,
/// SGST or UTGST as a word (`CGST`, `cgst`, `Output CGST`, `CGST @9%`, `CGST9`, `SGST/UTGST`, `CGST (RCM)`),
/// or the Central, State or Union territory tax as the Acts name them (`Central Tax`, `State Tax`, `State/UT
/// Tax`, `Union Territory Tax`, and `Central GST`); names no IGST or integrated tax (`IGST (in lieu of CGST+SGST)` is IGST's);
/// and says no other kind of amount ([`read`]: `CGST on freight`, `Total CGST` are not read as a tax charged).
/// `C.G.S.T.` is four words of a letter each, and not read.
pub(crate) fn names_intra_state_tax(name: &str) -> bool {
    // The names most documents write need no reading word by word (as in [`adjustment`]).
    let trimmed = name.trim();
    if trimmed.len() <= 5 {
        let is = |tax: &str| trimmed.eq_ignore_ascii_case(tax);
        if is("CGST") || is("SGST") || is("UTGST") {
            return true;
        }
        if is("IGST") || is("GST") || is("CESS") {
            return false;
        }
    }
    let mut intra = false;
    let mut acts = ActsName::default();
    for token in tokens(name) {
        let Token::Word(word) = &token else {
            acts.other();
            continue;
        };
        match word.as_str() {
            "IGST" | "INTEGRATED" => return false,
            "CGST" | "SGST" | "UTGST" => intra = true,
            _ => {}
        }
        match acts.word(word).map(|named| named.opening) {
            Some(Opening::Plain | Opening::Supply { inter: false }) => intra = true,
            // `Inter-state GST`, `Out of State GST`: IGST in other words.
            Some(Opening::Supply { inter: true }) => return false,
            Some(Opening::Point) | None => {}
        }
    }
    intra && read(name).kinds & !TAX == 0
}

/// The heads of GST as the Acts name them, read a word at a time ([`ActsName::word`]): a run of the heads'
/// words (`Central`, `State`, `UT`, `Territory` of `Union Territory`, `Integrated`, joined by `and` or
/// `or`; `&` and `/` are no words) closed by `Tax` or `GST`: `Central Tax`, `State/UT Tax`, `Union
/// Territory Tax`, `Integrated GST`, and `Central & State GST`, one entry of two heads. The Acts' names:
/// integrated tax (IGST Act, s.2(12)), central tax (CGST Act, s.2(21)), State tax (CGST Act, s.2(104)) and
/// Union territory tax (the UTGST Act); `State/UT Tax` is GSTR-1's and GSTR-3B's column.
#[derive(Default)]
struct ActsName {
    /// The heads of the run read so far, as bits (`1 << Head::Cgst as u8`); 0 outside a run.
    heads: u8,
    /// What the word before the run made of it, read when it started.
    opening: Opening,
    /// What the last word read would make of a run starting at the next.
    next_opening: Opening,
}

/// What the word before a run of the heads' words makes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Opening {
    /// Nothing: the run names its heads (`Central Tax`, `Output State Tax`).
    #[default]
    Plain,
    /// `after` or `before`: the point a figure is taken at (`Amount after Integrated Tax`), a subtotal.
    Point,
    /// The kind of supply, not a head: `Inter-state GST`, `Out of State GST`, `Out State GST` (IGST,
    /// ERPNext's names), or `Intra-State GST`, `In State GST` (CGST and SGST together).
    Supply { inter: bool },
}

/// A run of the heads' words closed by `Tax` or `GST` ([`ActsName`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Named {
    heads: u8,
    opening: Opening,
}

impl ActsName {
    /// Reads the next word (upper-cased): the run it closes, if it closes one.
    fn word(&mut self, word: &str) -> Option<Named> {
        let before = std::mem::replace(
            &mut self.next_opening,
            match word {
                "AFTER" | "BEFORE" => Opening::Point,
                "INTER" | "OF" | "OUT" | "OUTER" | "OUTSIDE" | "OTHER" => {
                    Opening::Supply { inter: true }
                }
                "INTRA" | "IN" | "WITHIN" | "SAME" => Opening::Supply { inter: false },
                _ => Opening::Plain,
            },
        );
        let head = match word {
            "CENTRAL" => Some(Head::Cgst),
            "STATE" | "UT" | "TERRITORY" => Some(Head::Sgst),
            "INTEGRATED" => Some(Head::Igst),
            _ => None,
        };
        if let Some(head) = head {
            if self.heads == 0 {
                self.opening = before;
            }
            self.heads |= 1 << head as u8;
            return None;
        }
        if self.heads != 0 && matches!(word, "AND" | "OR") {
            return None;
        }
        let named = (self.heads != 0 && matches!(word, "TAX" | "GST")).then_some(Named {
            heads: self.heads,
            opening: self.opening,
        });
        self.heads = 0;
        named
    }

    /// A number or a percent sign: it ends a run, and opens none.
    fn other(&mut self) {
        self.heads = 0;
        self.next_opening = Opening::Plain;
    }
}

/// A head of GST a line states as an amount (an `itemValueDetails` type, an `otherTaxes` name) or as a rate
/// (a `rates` type), for `item-tax-rate`: integrated tax, central tax, or State or Union territory tax (SGST
/// and UTGST are one head: a line is taxed under one or the other, never both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Head {
    /// IGST: the whole of `gstRate`.
    Igst = 0,
    /// CGST: half of `gstRate`.
    Cgst = 1,
    /// SGST or UTGST: half of `gstRate`.
    Sgst = 2,
}

impl Head {
    /// The head's name, as a finding names it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Head::Igst => "IGST",
            Head::Cgst => "CGST",
            Head::Sgst => "SGST/UTGST",
        }
    }
}

/// The head a tax's name names, read by whole words: `IGST`, `CGST`, `SGST`, `UTGST` in any case, or a name
/// with one of them as a word, or one of the Acts' names (`Integrated Tax`, `Central Tax`, `State Tax`,
/// `UT Tax`, `State/UT Tax`, `Union Territory Tax`, also with `GST` for `Tax`), and no other head
/// (`Output CGST @ 9%`, `IGST (REVERSE CHARGE)`, `SGST/UTGST`). `None` for a name of no head (`GST`,
/// `Central Sales Tax`) or of two (`CGST+SGST`, `IGST (in lieu of CGST)`):
/// what part of the rate it is cannot be told, and the line is not judged.
pub(crate) fn tax_head(name: &str) -> Option<Head> {
    // The names most documents write need no reading word by word (as in [`adjustment`]).
    match name {
        "IGST" => return Some(Head::Igst),
        "CGST" => return Some(Head::Cgst),
        "SGST" | "UTGST" => return Some(Head::Sgst),
        _ => {}
    }
    let mut head = None;
    let mut acts = ActsName::default();
    for token in tokens(name) {
        let Token::Word(word) = &token else {
            acts.other();
            continue;
        };
        let mut named = match word.as_str() {
            "IGST" => 1 << Head::Igst as u8,
            "CGST" => 1 << Head::Cgst as u8,
            "SGST" | "UTGST" => 1 << Head::Sgst as u8,
            _ => 0,
        };
        // The Acts' names; a run that describes the supply (`Inter-state GST`) or a figure's point
        // (`Amount after Integrated Tax`) names no head.
        if let Some(Named {
            heads,
            opening: Opening::Plain,
        }) = acts.word(word)
        {
            named |= heads;
        }
        for this in [Head::Igst, Head::Cgst, Head::Sgst] {
            if named & (1 << this as u8) == 0 {
                continue;
            }
            match head {
                Some(other) if other != this => return None,
                _ => head = Some(this),
            }
        }
    }
    head
}

/// Whether a charge's name names the tax collected at source under the Income Tax Act (`TCS`, `TCS u/s
/// 206C(1H)`, `TCS @ 0.1%`), read by whole words, for `item-tax-rate`: it is a charge of the line's value
/// ([`read`]) but outside the value GST is levied on. CBIC's corrigendum of 7 March 2019 to Circular No.
/// 76/50/2018-GST: "For the purpose of determination of value of supply under GST, Tax collected at source
/// (TCS) under the provisions of the Income Tax Act, 1961 would not be includible as it is an interim levy
/// not having the character of tax".
pub(crate) fn names_tcs(name: &str) -> bool {
    tokens(name).any(|token| matches!(token, Token::Word(word) if word == "TCS"))
}

/// What a name's words say ([`read_adjustment`]).
struct Reading {
    /// The kinds of amount it names, as bits.
    kinds: u8,
    /// Whether it marks a rate (`%`, `PERCENT`, `RATE`, …).
    rate_marked: bool,
    /// A rate the name states itself: the 5 of `@ 5%`, `5 PCT`, `5 per cent`.
    stated_rate: Option<Decimal>,
}

/// A name's words read ([`read_adjustment`]).
fn read(type_name: &str) -> Reading {
    fn word(token: Option<&Token>) -> Option<&str> {
        match token {
            Some(Token::Word(word)) => Some(word.as_str()),
            _ => None,
        }
    }
    let mut kinds = 0;
    let mut rate_marked = false;
    let mut stated_rate = None;
    let mut compensation = false;
    // The tokens one at a time, with the one before and the two after.
    let mut tokens = tokens(type_name);
    let mut previous: Option<Token> = None;
    let mut acts = ActsName::default();
    let (mut current, mut next, mut after_next) = (tokens.next(), tokens.next(), tokens.next());
    while let Some(token) = current {
        let (before, after) = (previous.as_ref(), next.as_ref());
        match &token {
            Token::Percent => {
                rate_marked = true;
                acts.other();
            }
            Token::Number(number) => {
                acts.other();
                let percent = matches!(after, Some(Token::Percent))
                    || matches!(word(after), Some("PERCENT" | "PERCENTAGE" | "PCT"))
                    || (word(after) == Some("PER") && word(after_next.as_ref()) == Some("CENT"));
                if percent {
                    stated_rate = Some(*number);
                }
            }
            Token::Word(w) => {
                let named = acts.word(w);
                let kind = match (named, w.as_str()) {
                    // The Acts' names of the heads ([`ActsName`]): a tax, or the point a figure is
                    // taken at (`Amount after Integrated Tax`).
                    (Some(named), _) if named.opening == Opening::Point => SUBTOTAL,
                    (Some(_), _) => TAX,
                    (None, w) => match w {
                        "DISCOUNT" | "DISCOUNTS" | "DISC" | "REBATE" | "REBATES" => DISCOUNT,
                        // Reverse charge is how a tax is paid, not a charge.
                        "CHARGE" | "CHARGES" if word(before) == Some("REVERSE") => 0,
                        "CHARGE" | "CHARGES" | "CHRG" | "CHRGS" | "CHG" | "CHGS" | "SURCHARGE"
                        | "FREIGHT" | "PACKING" | "PACKAGING" | "INSURANCE" | "HANDLING"
                        | "SHIPPING" | "DELIVERY" | "TRANSPORT" | "TRANSPORTATION" | "TCS" => {
                            CHARGE
                        }
                        "ROUND" | "ROUNDOFF" | "ROUNDING" | "ROUNDED" | "ROUNDEDOFF" | "RNDOFF"
                        | "RND" => ROUND_OFF,
                        // `Non-GST State Tax`, `State Tax outside GST`: a levy the name says is not GST's.
                        "GST" if matches!(word(before), Some("NON" | "OUTSIDE")) => OTHER,
                        "IGST" | "CGST" | "SGST" | "UTGST" | "GST" => TAX,
                        "CESS" => CESS,
                        // Not taxable: an amount kept out of the taxable value (the land a construction
                        // service's value leaves out, a pure agent's expenditure), not a restatement of it.
                        "TAXABLE" | "ASSESSABLE" if matches!(word(before), Some("NON" | "NOT")) => {
                            0
                        }
                        "TAXABLE" | "ASSESSABLE" | "PRETAX" | "TOTAL" | "SUBTOTAL" | "MRP" => {
                            SUBTOTAL
                        }
                        "TAX" if word(before) == Some("PRE") => SUBTOTAL,
                        // An amount of another law, or one withheld from the payment (GST's TDS under CGST
                        // Act s.51, income tax's): not one the rules add (`State Tax (VAT)` on fuel outside
                        // GST, `Central Tax TDS @1%` as GSTR-7 names it, `Tax Deducted at Source`); and the
                        // goods GST does not tax, whose State taxes are not GST's (alcoholic liquor for
                        // human consumption, CGST Act s.9(1); petroleum products, s.9(2)): `State Tax on
                        // Liquor`, `State Tax - Petroleum`. (Not DIESEL: a freight's diesel surcharge is a
                        // charge.)
                        "VAT" | "EXCISE" | "TDS" | "DEDUCTED" | "WITHHELD" | "WITHHOLDING"
                        | "LIQUOR" | "PETROLEUM" => OTHER,
                        "PERCENT" | "PERCENTAGE" | "PCT" | "RATE" | "RATES" => {
                            rate_marked = true;
                            0
                        }
                        "CENT" if word(before) == Some("PER") => {
                            rate_marked = true;
                            0
                        }
                        "COMPENSATION" => {
                            compensation = true;
                            0
                        }
                        _ => 0,
                    },
                };
                // AFTER or BEFORE a kind names the point a figure is taken at, not an amount of that kind:
                // SAP Business One's row "Price after Discount", Busy's "Rate after Disc.", "Amount before
                // Discount" are the line's figures either side of its discount, subtotals as `PRE TAX` is.
                kinds |= if kind != 0 && matches!(word(before), Some("AFTER" | "BEFORE")) {
                    SUBTOTAL
                } else {
                    kind
                };
            }
        }
        previous = Some(token);
        current = next;
        next = after_next;
        after_next = tokens.next();
    }
    if compensation && kinds & CESS != 0 {
        kinds &= !TAX;
    }
    Reading {
        kinds,
        rate_marked,
        stated_rate,
    }
}

/// `valueDetails.assessmentValue` against the sum of the lines' `assessmentAmount` (NIC error 2182):
/// whether they differ by more than [`RUPEE`].
pub(crate) fn assessment_value_fault(sum: Decimal, assessment_value: Decimal) -> bool {
    more_than(assessment_value, sum, RUPEE)
}

/// The invoice's own adjustments, from `valueDetails.otherValues`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct InvoiceAdjustments {
    /// The sum of the charges, added.
    pub charges: Decimal,
    /// The sum of the discounts, taken off (their absolute values: a discount written negative is still
    /// a discount).
    pub discounts: Decimal,
    /// The round-off, when the invoice states one; the sum when it states several.
    pub round_off: Option<Decimal>,
    /// The sum of the taxes the invoice states at its foot (`CGST`, `IGST`). They are either the lines'
    /// own, restated (INV-01's model: `ValDtls.CgstVal` is a sum over the items, already in their
    /// `TotItemVal`), or charged at the foot only: the total may follow either reading.
    pub stated_taxes: Decimal,
    /// The sum of the cesses the invoice states at its foot, read apart from the taxes: a state cess the
    /// Kerala Flood Cess Rules, 2019, rule 2(3), ask only to be "shown separately in the invoice" may be
    /// charged at the foot only while the GST beside it restates the lines'.
    pub stated_cesses: Decimal,
    /// Not an adjustment: the sum of the taxes the lines state (`itemValueDetails` and `otherTaxes` amounts
    /// read as a tax), for taxes at the foot that restate them and tax the foot's charges too.
    pub line_taxes: Decimal,
}

/// Why `totalInvoiceValue` is not what the invoice adds up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TotalFault {
    /// The stated round-off is beyond ±[`ROUND_OFF_LIMIT`].
    RoundOffBeyondLimit(Decimal),
    /// The total differs from the lines' values + charges − discounts + round-off, which is this, by more
    /// than [`RUPEE`] and than rounding the total explains.
    Differs(Decimal),
}

/// `totalInvoiceValue` against Σ `totalItemValue` + charges − discounts + round-off (the e-invoice
/// `TotInvVal`), within [`RUPEE`] (NIC error 2189).
///
/// When the invoice states no round-off, the total may still have been rounded: a total that is a whole
/// multiple of 1, 10 or 100 rupees may be that far (less than 1, 10, 100 rupees, at most
/// [`ROUND_OFF_LIMIT`]) from the sum, whichever way it was rounded; that is what "rounding explains".
///
/// The taxes and the cesses stated at the foot ([`InvoiceAdjustments::stated_taxes`],
/// [`InvoiceAdjustments::stated_cesses`]) are each read both ways, the lines' own restated or charged at the
/// foot only: the total is a fault only if it is one under all four readings (neither added, the cesses
/// alone, the taxes alone, both); the fault named is the first reading's. Two more, for an invoice with
/// charges at its foot: the foot's taxes restate the lines' and add the tax of those charges, taxed where
/// they are charged (their value is the supply's, CGST Act s.15(2)(c)), so what they exceed the lines' by is
/// added (audit 17). The lines' tax is what they state ([`InvoiceAdjustments::line_taxes`]), or what their
/// values hold over `assessed`, their taxable values: a line may give its tax by `gstRate` alone, or state
/// an amount equal to its rate (`Output CGST @ 9%` of 9 on 100), which is read as the rate (audit 19).
pub(crate) fn invoice_total_fault(
    item_values: Decimal,
    assessed: Option<Decimal>,
    adjustments: &InvoiceAdjustments,
    total: Decimal,
) -> Option<TotalFault> {
    if let Some(round_off) = adjustments.round_off
        && round_off.abs() > ROUND_OFF_LIMIT
    {
        return Some(TotalFault::RoundOffBeyondLimit(round_off));
    }
    let fault = total_fault(item_values, adjustments, total)?;
    let (taxes, cesses) = (adjustments.stated_taxes, adjustments.stated_cesses);
    let held = assessed
        .and_then(|assessed| item_values.checked_sub(assessed))
        .filter(|held| held.is_sign_positive());
    let charges_tax = |line_taxes: Option<Decimal>| {
        line_taxes
            .filter(|line_taxes| !adjustments.charges.is_zero() && !line_taxes.is_zero())
            .and_then(|line_taxes| taxes.checked_sub(line_taxes))
            .filter(|tax| tax.is_sign_positive())
    };
    let readings = [
        Some(cesses),
        Some(taxes),
        taxes.checked_add(cesses),
        charges_tax(Some(adjustments.line_taxes)),
        charges_tax(held),
    ];
    let fits = readings.into_iter().any(|at_foot| {
        at_foot.is_some_and(|at_foot| {
            !at_foot.is_zero()
                && item_values
                    .checked_add(at_foot)
                    .is_some_and(|sum| total_fault(sum, adjustments, total).is_none())
        })
    });
    (!fits).then_some(fault)
}

/// [`invoice_total_fault`] for one reading: `item_values` with the charges, discounts and round-off.
fn total_fault(
    item_values: Decimal,
    adjustments: &InvoiceAdjustments,
    total: Decimal,
) -> Option<TotalFault> {
    let before_rounding = item_values
        .checked_add(adjustments.charges)?
        .checked_sub(adjustments.discounts.abs())?;
    let expected = before_rounding.checked_add(adjustments.round_off.unwrap_or_default())?;
    let Some(difference) = total.checked_sub(expected).map(|d| d.abs()) else {
        return Some(TotalFault::Differs(to_paisa(expected)));
    };
    if difference <= RUPEE {
        return None;
    }
    if adjustments.round_off.is_none() {
        let rounded_to = [Decimal::ONE_HUNDRED, Decimal::TEN, Decimal::ONE]
            .into_iter()
            .find(|unit| (total % *unit).is_zero());
        if let Some(unit) = rounded_to
            && difference < unit
            && difference <= ROUND_OFF_LIMIT
        {
            return None;
        }
    }
    Some(TotalFault::Differs(to_paisa(expected)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Half a paisa either way is another amount; less is the same money; amounts too far apart to
    /// subtract are not the same.
    #[test]
    fn amounts_are_the_same_money_to_less_than_half_a_paisa() {
        let d = |text: &str| text.parse::<Decimal>().unwrap();
        assert!(same_money(d("42481.049999999996"), d("42481.05")));
        assert!(same_money(d("42481.05"), d("42481.0549999")));
        assert!(same_money(d("-0"), d("0.004")));
        assert!(!same_money(d("42481.05"), d("42481.055")));
        assert!(!same_money(d("42481.045"), d("42481.05")));
        assert!(!same_money(d("42481.05"), d("42481.06")));
        assert!(!same_money(Decimal::MAX, Decimal::MIN));
        assert!(same_money(Decimal::MAX, Decimal::MAX));
    }

    #[test]
    fn the_plain_fast_path_reads_what_rust_decimal_reads_digit_for_digit() {
        for text in [
            "0",
            "-0",
            "0.000",
            "7",
            "-12.5",
            "185.50",
            "22260.00",
            "0.001",
            "123456789012345678",
            "12345678901234567.8",
            "-99999999999999.99",
        ] {
            let fast = plain(text).unwrap_or_else(|| panic!("{text} takes the fast path"));
            let general = Decimal::from_str_exact(text).unwrap();
            assert_eq!(
                (fast, fast.to_string(), fast.scale()),
                (general, general.to_string(), general.scale())
            );
        }
        for text in [
            "1234567890123456789",
            "9999999999999999999",
            "-9999999999999999999",
            "1234567890123456789.0",
            "1e2",
            "1.5E-3",
            ".5",
            "-.5",
            "-",
            "",
            "1.2.3",
            "1a",
        ] {
            assert_eq!(plain(text), None, "{text}");
        }
    }

    #[test]
    fn the_common_names_read_as_their_words_do() {
        for name in [
            "DISCOUNT",
            "OTHER CHARGES",
            "FREIGHT",
            "ROUND OFF",
            "IGST",
            "CGST",
            "SGST",
            "UTGST",
            "CESS",
        ] {
            let value = Decimal::ONE_THOUSAND;
            assert_eq!(
                adjustment(name, value),
                read_adjustment(name, value),
                "{name}"
            );
        }
    }

    #[test]
    fn a_percent_is_exact() {
        assert_eq!(
            percent(number("2226000").unwrap()),
            number("22260").unwrap()
        );
        assert_eq!(percent(number("1.5").unwrap()).to_string(), "0.015");
        // Past 28 places the division rounds.
        let tiny = Decimal::from_i128_with_scale(1, 27);
        assert_eq!(percent(tiny), tiny / Decimal::ONE_HUNDRED);
    }

    #[test]
    fn numbers_are_read_exactly() {
        assert_eq!(number("185.50").unwrap().to_string(), "185.50");
        assert_eq!(number("1.5e2").unwrap(), Decimal::from(150));
        assert_eq!(
            number("99999999999999.99").unwrap().to_string(),
            "99999999999999.99"
        );
        assert_eq!(number("0.12345678901234567890123456789"), None);
    }

    #[test]
    fn rounding_is_half_up_to_the_paisa() {
        let paisa = |text: &str| to_paisa(number(text).unwrap()).to_string();
        assert_eq!(paisa("1.005"), "1.01");
        assert_eq!(paisa("1.0049999"), "1.00");
        assert_eq!(paisa("2.675"), "2.68");
        assert_eq!(paisa("22260"), "22260.00");
        assert_eq!(paisa("-1.005"), "-1.01");
    }

    fn d(text: &str) -> Decimal {
        number(text).unwrap()
    }

    #[test]
    fn gross_amounts_tolerate_every_legal_rounding() {
        // Exact.
        assert_eq!(
            gross_amount_fault(d("120"), d("185.50"), d("22260.00")),
            None
        );
        // Three-decimal quantity and price, the product rounded half-up, half-even or truncated.
        for total in ["12.35", "12.34"] {
            // 2.5 × 4.938 = 12.345
            assert_eq!(
                gross_amount_fault(d("2.5"), d("4.938"), d(total)),
                None,
                "{total}"
            );
        }
        // 1.333 × 7.777 = 10.366741: truncated 10.36, rounded 10.37.
        for total in ["10.36", "10.37"] {
            assert_eq!(
                gross_amount_fault(d("1.333"), d("7.777"), d(total)),
                None,
                "{total}"
            );
        }
        // A price of 33.33 rounded from 33.3333 (a third of 100), over 3 units: 99.999 → 100.00.
        assert_eq!(gross_amount_fault(d("3"), d("33.33"), d("100.00")), None);
        // A price rounded to the tenth of a paisa, over a large quantity: 12500 × 0.0005 = 6.25 of slack.
        assert_eq!(
            gross_amount_fault(d("12500"), d("1.234"), d("15430.00")),
            None
        );
        // A price in whole rupees, a lump sum of 1,000 over 3: 3 × 333 = 999, and 3 × 0.5 = 1.50 of slack.
        assert_eq!(gross_amount_fault(d("3"), d("333"), d("1000.00")), None);
        // 10.235 g weighed as 10.2345 at 6,500.25 a gram: 66,526.81, not 10.235 × 6,500.25 = 66,530.06; the
        // quantity's rounding is worth 6,500.25 × 0.0005 = 3.25, the price's 10.235 × 0.005 = 0.05.
        assert_eq!(
            gross_amount_fault(d("10.235"), d("6500.25"), d("66526.81")),
            None
        );
        assert_eq!(
            gross_amount_fault(d("10.235"), d("6500.25"), d("66526.50")),
            Some((d("66530.05875"), d("3.31")))
        );
        // A lump sum: no quantity, or no price, and an amount.
        assert_eq!(gross_amount_fault(d("0"), d("0"), d("50000.00")), None);
        assert_eq!(gross_amount_fault(d("0"), d("1500"), d("50000.00")), None);
        assert_eq!(gross_amount_fault(d("1"), d("0"), d("50000.00")), None);
        assert_eq!(gross_amount_fault(d("10"), d("0"), d("0")), None);
        // Gross errors: a digit dropped, a wrong line.
        assert_eq!(
            gross_amount_fault(d("120"), d("185.50"), d("2226.00")),
            Some((d("22260.00"), d("6.10")))
        );
        assert!(gross_amount_fault(d("3"), d("33.33"), d("101.00")).is_some());
        assert!(gross_amount_fault(d("64.5"), d("412"), d("26674.00")).is_some());
        assert_eq!(
            gross_amount_fault(d("3"), d("333"), d("1001.00")),
            Some((d("999"), d("1.68")))
        );
    }

    #[test]
    fn the_half_units_follow_the_values_decimals() {
        assert_eq!(price_half_unit(d("185")), d("0.5"));
        assert_eq!(price_half_unit(d("185.5")), d("0.05"));
        // The value's decimals, not the digits a serializer wrote (round 13): `185.50` may be to ten paise,
        // and `333.0` (Java's Double.toString) or `333.0000` (a .NET decimal(18,4)) is the rupee's 333.
        assert_eq!(price_half_unit(d("185.50")), d("0.05"));
        assert_eq!(price_half_unit(d("333.0")), d("0.5"));
        assert_eq!(price_half_unit(d("333.0000")), d("0.5"));
        assert_eq!(price_half_unit(d("3.33E+2")), d("0.5"));
        assert_eq!(quantity_half_unit(d("10.2350")), d("0.0005"));
        assert_eq!(gross_amount_fault(d("3"), d("333.0"), d("1000.0")), None);
        assert_eq!(
            gross_amount_fault(d("3.0000"), d("333.0000"), d("1000.0000")),
            None
        );
        assert_eq!(price_half_unit(d("4.938")), d("0.0005"));
        assert_eq!(quantity_half_unit(d("10")), d("0.0005"));
        assert_eq!(quantity_half_unit(d("10.5")), d("0.0005"));
        assert_eq!(quantity_half_unit(d("10.235")), d("0.0005"));
        assert_eq!(quantity_half_unit(d("10.2346")), d("0.00005"));
        // 28 decimals, all a decimal holds: the half unit is in the 28th place, not a panic.
        let finest = Decimal::from_i128_with_scale(1, 28);
        assert_eq!(price_half_unit(finest), Decimal::new(5, 28));
        assert_eq!(quantity_half_unit(finest), Decimal::new(5, 28));
        assert!(gross_amount_fault(d("10"), finest, d("49990")).is_some());
        assert!(gross_amount_fault(finest, d("10"), d("49990")).is_some());
    }

    #[test]
    fn assessable_amounts_are_the_gross_less_discounts() {
        assert_eq!(
            assessable_fault(
                d("26574.00"),
                d("250.00"),
                Charges::plain(Decimal::ZERO),
                d("26324.00")
            ),
            None
        );
        assert_eq!(
            assessable_fault(
                d("26574.00"),
                d("250.00"),
                Charges::plain(Decimal::ZERO),
                d("26324.60")
            ),
            None
        );
        assert_eq!(
            assessable_fault(
                d("26574.00"),
                d("0"),
                Charges::plain(Decimal::ZERO),
                d("26324.00")
            ),
            Some(d("26574.00"))
        );
    }

    /// Freight, packing and other incidental expenses the supplier charges are part of the value of the
    /// supply (CGST Act s.15(2)(c)): a line may tax them inside its assessable amount instead of adding
    /// them after the tax as INV-01's item-level `OthChrg`. PVC pipes of 50,000 with freight of 2,000 in
    /// the taxable value, 52,000, at 18 %: 61,360. The assessable amount was reported as not 50,000.
    #[test]
    fn a_lines_charges_may_be_inside_its_taxable_value() {
        let (total, freight) = (d("50000.00"), d("2000"));
        assert_eq!(
            assessable_fault(total, Decimal::ZERO, Charges::plain(freight), d("52000.00")),
            None
        );
        assert_eq!(
            assessable_fault(total, Decimal::ZERO, Charges::plain(freight), d("50000.00")),
            None
        );
        // Neither reading: named by the first.
        assert_eq!(
            assessable_fault(total, Decimal::ZERO, Charges::plain(freight), d("51000.00")),
            Some(total)
        );
        // A discount and packing inside: 50,000 − 2,500 + 600.
        assert_eq!(
            assessable_fault(total, d("2500"), Charges::plain(d("600")), d("48100.00")),
            None
        );
        assert_eq!(
            charges_at(
                Some(total),
                Decimal::ZERO,
                Charges::plain(freight),
                d("52000.00")
            ),
            ChargesAt::InAssessable
        );
        assert_eq!(
            charges_at(
                Some(total),
                Decimal::ZERO,
                Charges::plain(freight),
                d("50000.00")
            ),
            ChargesAt::AfterTax
        );
        assert_eq!(
            charges_at(None, Decimal::ZERO, Charges::plain(freight), d("52000.00")),
            ChargesAt::Either
        );
        assert_eq!(
            charges_at(
                Some(total),
                Decimal::ZERO,
                Charges::plain(d("0.50")),
                d("50000.00")
            ),
            ChargesAt::Either
        );
        let charged = TaxTreatment::Charged;
        let mut inside = line("52000.00", Some("18"));
        inside.charges = Charges::plain(freight);
        inside.charges_at = ChargesAt::InAssessable;
        assert_eq!(item_value_fault(&inside, charged, d("61360.00")), None);
        // The freight counted twice, or left untaxed inside the taxable value, is still a finding.
        for value in ["63360.00", "61000.00"] {
            assert_eq!(
                item_value_fault(&inside, charged, d(value)),
                Some(d("61360.00")),
                "{value}"
            );
        }
        // After the tax, the value adds it; unknown, either fits.
        inside.charges_at = ChargesAt::AfterTax;
        assert_eq!(
            item_value_fault(&inside, charged, d("61360.00")),
            Some(d("63360.00"))
        );
        inside.charges_at = ChargesAt::Either;
        for value in ["61360.00", "63360.00"] {
            assert_eq!(
                item_value_fault(&inside, charged, d(value)),
                None,
                "{value}"
            );
        }
    }

    /// Freight inside the taxable value and income-tax TCS on the same line (SAP writes both on the item):
    /// the TCS is in no taxable value, so the line's value adds it after the tax (audit round 16: reported
    /// before as "nor that with the line's charges, 102120.36").
    #[test]
    fn freight_inside_the_taxable_value_and_tcs_after_the_tax() {
        let total = d("100000");
        let charges = Charges {
            all: d("2120.36"),
            tcs: d("120.36"),
        };
        assert_eq!(
            assessable_fault(total, Decimal::ZERO, charges, d("102000")),
            None
        );
        assert_eq!(
            charges_at(Some(total), Decimal::ZERO, charges, d("102000")),
            ChargesAt::InAssessableTcsAfter
        );
        // Read as plain charges, neither placement fits.
        assert_eq!(
            assessable_fault(
                total,
                Decimal::ZERO,
                Charges::plain(charges.all),
                d("102000")
            ),
            Some(total)
        );
        // A TCS alone is a charge after the tax, as any other.
        let alone = Charges {
            all: d("120.36"),
            tcs: d("120.36"),
        };
        assert_eq!(
            charges_at(Some(total), Decimal::ZERO, alone, d("100000")),
            ChargesAt::AfterTax
        );
        assert_eq!(
            assessable_fault(total, Decimal::ZERO, alone, d("99880")),
            Some(total)
        );
        let mut split = line("102000", Some("18"));
        split.charges = charges;
        split.charges_at = ChargesAt::InAssessableTcsAfter;
        let charged = TaxTreatment::Charged;
        assert_eq!(item_value_fault(&split, charged, d("120480.36")), None);
        // The freight added again, or the TCS left out, is still a finding.
        for value in ["122480.36", "120360.00"] {
            assert_eq!(
                item_value_fault(&split, charged, d(value)),
                Some(d("120480.36")),
                "{value}"
            );
        }
    }

    fn line(assessment: &str, rate: Option<&str>) -> ItemValue {
        ItemValue {
            assessment: d(assessment),
            gst_rate: rate.map(d),
            stated_tax: None,
            other_taxes: None,
            stated_cess: None,
            charges: Charges::default(),
            charges_at: ChargesAt::AfterTax,
            outside: Decimal::ZERO,
        }
    }

    /// Notification 11/2017-Central Tax (Rate), para 2: a construction service sold with land is valued at
    /// the total amount less the land, deemed one third of it. The value may hold the land (the buyer pays
    /// the whole amount and the tax on two thirds of it) or leave it out.
    #[test]
    fn a_construction_services_deemed_land_is_a_third_of_its_amount() {
        assert_eq!(
            deemed_land(d("5000000.00"), Decimal::ZERO, d("3333333.33")),
            Some(d("1666666.67"))
        );
        // Two thirds of the amount after the discount.
        assert_eq!(
            deemed_land(d("5000000.00"), d("150000.00"), d("3233333.33")),
            Some(d("1616666.67"))
        );
        assert_eq!(
            deemed_land(d("5000000.00"), Decimal::ZERO, d("3333334.40")),
            None
        );
        assert_eq!(
            deemed_land(d("5000000.00"), Decimal::ZERO, d("2500000.00")),
            None
        );
        assert_eq!(
            deemed_land(Decimal::ZERO, Decimal::ZERO, Decimal::ZERO),
            None
        );
        let charged = TaxTreatment::Charged;
        let mut unit = line("3333333.33", Some("18"));
        unit.outside = d("1666666.67");
        for value in ["5600000.00", "3933333.33", "5600000.90"] {
            assert_eq!(item_value_fault(&unit, charged, d(value)), None, "{value}");
        }
        // The land taxed after all, or the tax left out: findings, named by the first reading.
        for value in ["5900000.00", "5000000.00"] {
            assert_eq!(
                item_value_fault(&unit, charged, d(value)),
                Some(d("3933333.33")),
                "{value}"
            );
        }
    }

    /// CGST Rules, rule 33: a pure agent's expenditure is excluded from the value of supply and shown
    /// separately on the invoice: a line whose taxable value is 0, taxed at 0, whose value is its amount.
    #[test]
    fn a_pure_agents_expenditure_stands_outside_the_value() {
        // (totalAmt, discounts, charges, assessmentAmount, untaxed, totalItemValue, outside the value)
        for (total, discounts, charges, assessed, untaxed, value, outside) in [
            ("452380.00", "0", "0", "0", true, "452380.00", true),
            ("452380.00", "0", "0", "0.00", true, "452380.40", true),
            // With its own charges, or a discount taken off it.
            ("12640.00", "0", "100.00", "0", true, "12740.00", true),
            ("12640.00", "640.00", "0", "0", true, "12000.00", true),
            // Taxed, valued otherwise, or with a taxable value: not such a line.
            ("452380.00", "0", "0", "0", false, "452380.00", false),
            ("452380.00", "0", "0", "0", true, "0.00", false),
            ("452380.00", "0", "0", "0", true, "533808.40", false),
            ("452380.00", "0", "0", "100.00", true, "452380.00", false),
            ("0", "0", "0", "0", true, "0", false),
        ] {
            assert_eq!(
                outside_value(
                    d(total),
                    d(discounts),
                    d(charges),
                    d(assessed),
                    untaxed,
                    d(value)
                ),
                outside,
                "{total} − {discounts} + {charges}, assessed {assessed}, untaxed {untaxed}, value {value}"
            );
        }
    }

    #[test]
    fn item_values_add_tax_cess_and_charges() {
        let charged = TaxTreatment::Charged;
        assert_eq!(
            item_value_fault(&line("22260.00", Some("5")), charged, d("23373.00")),
            None
        );
        // CGST and SGST rounded each: 2 × round(1234.56 × 9 %) = 2 × 111.11 = 222.22, the IGST way 222.22.
        assert_eq!(
            item_value_fault(&line("1234.56", Some("18")), charged, d("1456.78")),
            None
        );
        let mut with_cess = line("100000.00", Some("28"));
        with_cess.other_taxes = Some(d("15000.00"));
        with_cess.charges = Charges::plain(d("500.00"));
        assert_eq!(item_value_fault(&with_cess, charged, d("143500.00")), None);
        assert_eq!(
            item_value_fault(&with_cess, charged, d("128500.00")),
            Some(d("143500.00"))
        );
        // Zero-rated: the rate is 0.
        assert_eq!(
            item_value_fault(&line("5000", Some("0")), charged, d("5000")),
            None
        );
        // No rate, no stated tax: not judged.
        assert_eq!(item_value_fault(&line("5000", None), charged, d("1")), None);
        // The tax stated by the line is taken as it is.
        let mut stated = line("1000.00", Some("18"));
        stated.stated_tax = Some(d("180.40"));
        assert_eq!(item_value_fault(&stated, charged, d("1180.40")), None);
        // The tax left out where it must be in.
        assert_eq!(
            item_value_fault(&line("7500.00", Some("18")), charged, d("7500.00")),
            Some(d("8850.00"))
        );
    }

    #[test]
    fn a_cess_stated_in_both_lists_is_counted_once_or_each_once() {
        let charged = TaxTreatment::Charged;
        // A car of 10,00,000 at 28 % and a cess of 15 %, stated as CESS in itemValueDetails and as
        // COMPENSATION CESS in otherTaxes: the value holds it once.
        let mut car = line("1000000", Some("28"));
        car.other_taxes = Some(d("150000"));
        car.stated_cess = Some(d("150000"));
        assert_eq!(item_value_fault(&car, charged, d("1430000")), None);
        // Two cesses of the same amount, one in each list, are not told from one cess stated twice.
        assert_eq!(item_value_fault(&car, charged, d("1580000")), None);
        // No cess at all is a finding, which names the cess once.
        assert_eq!(
            item_value_fault(&car, charged, d("1280000")),
            Some(d("1430000.00"))
        );
        // An ad valorem cess in one list and a non-ad valorem one in the other: either, or both.
        let mut two = line("50000", Some("28"));
        two.other_taxes = Some(d("2500"));
        two.stated_cess = Some(d("2076"));
        for value in ["66500", "66076", "68576"] {
            assert_eq!(item_value_fault(&two, charged, d(value)), None, "{value}");
        }
        assert_eq!(
            item_value_fault(&two, charged, d("64000")),
            Some(d("66500.00"))
        );
        // A cess only itemValueDetails states is the line's cess, once.
        let mut stated = line("1000000", Some("28"));
        stated.stated_cess = Some(d("150000"));
        assert_eq!(item_value_fault(&stated, charged, d("1430000")), None);
        assert_eq!(
            item_value_fault(&stated, charged, d("1580000")),
            Some(d("1430000.00"))
        );
    }

    #[test]
    fn reverse_charge_and_exports_may_leave_the_tax_out() {
        let either = TaxTreatment::WithOrWithout;
        assert_eq!(
            item_value_fault(&line("7500.00", Some("18")), either, d("7500.00")),
            None
        );
        assert_eq!(
            item_value_fault(&line("7500.00", Some("18")), either, d("8850.00")),
            None
        );
        assert!(item_value_fault(&line("7500.00", Some("18")), either, d("9000.00")).is_some());
        assert_eq!(tax_treatment(Some("EXPWOP"), Some("NO")), either);
        assert_eq!(tax_treatment(Some("sezwp"), None), either);
        assert_eq!(tax_treatment(Some("B2B"), Some("YES")), either);
        assert_eq!(
            tax_treatment(Some("B2B"), Some("NO")),
            TaxTreatment::Charged
        );
        assert_eq!(tax_treatment(Some("DEXP"), None), TaxTreatment::Charged);
        assert_eq!(tax_treatment(None, None), TaxTreatment::Charged);
    }

    #[test]
    fn named_amounts_by_what_they_do() {
        for (name, what) in [
            ("DISCOUNT", Adjustment::Discount),
            ("Trade Discount", Adjustment::Discount),
            ("disc", Adjustment::Discount),
            ("OTHER CHARGES", Adjustment::Charge),
            ("OthChrg", Adjustment::Charge),
            ("Freight", Adjustment::Charge),
            ("PACKING AND FORWARDING", Adjustment::Charge),
            ("TCS", Adjustment::Charge),
            ("ROUND OFF", Adjustment::RoundOff),
            ("Round-off", Adjustment::RoundOff),
            ("RndOffAmt", Adjustment::RoundOff),
            ("ROUNDING", Adjustment::RoundOff),
            ("IGST", Adjustment::Tax),
            ("CGST AMOUNT", Adjustment::Tax),
            ("IGSTAmount", Adjustment::Tax),
            // The Acts' names, as GSTN's forms write them; a tax of another law is not GST's.
            ("Central Tax", Adjustment::Tax),
            ("State/UT Tax", Adjustment::Tax),
            ("Union Territory Tax", Adjustment::Tax),
            ("Integrated Tax", Adjustment::Tax),
            ("Central Sales Tax", Adjustment::Unknown),
            ("Tax", Adjustment::Unknown),
            // ERPNext's names for IGST, and CGST and SGST in one entry: taxes of no one head (audit 17).
            ("Inter-state GST - MPPL", Adjustment::Tax),
            ("Out of State GST", Adjustment::Tax),
            ("Central & State GST", Adjustment::Tax),
            // A figure's point, another law's tax, an amount withheld from the payment (audit 17).
            ("Amount after Integrated Tax", Adjustment::Informational),
            ("Value before Central Tax", Adjustment::Informational),
            ("State Tax (VAT) 21%", Adjustment::Unknown),
            ("Central Tax TDS @1%", Adjustment::Unknown),
            ("CGST TDS", Adjustment::Unknown),
            ("Central Excise", Adjustment::Unknown),
            // Audit 19: more of ERPNext's IGST names; taxes outside GST; withholding spelt out; a
            // freight's diesel surcharge is still a charge.
            ("Out State GST - MPPL", Adjustment::Tax),
            ("Non-GST State Tax 21%", Adjustment::Unknown),
            ("State Tax (non-GST) 21%", Adjustment::Unknown),
            ("State Tax outside GST", Adjustment::Unknown),
            ("State Tax - Petroleum 21%", Adjustment::Unknown),
            ("State Tax on Liquor", Adjustment::Unknown),
            ("Central Tax Deducted at Source @1%", Adjustment::Unknown),
            ("Freight (Diesel Surcharge)", Adjustment::Charge),
            ("CESS", Adjustment::Cess),
            ("TAXABLE VALUE", Adjustment::Informational),
            ("PRE TAX VALUE", Adjustment::Informational),
            ("MRP", Adjustment::Informational),
            ("RATE", Adjustment::Informational),
            ("WARRANTY", Adjustment::Unknown),
            ("", Adjustment::Unknown),
        ] {
            assert_eq!(adjustment(name, d("250")), what, "{name}");
        }
    }

    /// The labels the audit found misread by substrings (a discount of 1,000 on a line of 20,000, an
    /// invoice's charge of 500, a reverse-charge tax of 500), and their neighbours.
    #[test]
    fn only_whole_words_count_and_a_name_of_two_kinds_is_unknown() {
        let thousand = d("1000");
        for (name, what) in [
            // CORPORATE holds RATE, but not as a word.
            ("CORPORATE DISCOUNT", Adjustment::Discount),
            ("Corporate Disc.", Adjustment::Discount),
            // The rate is in the name: the value, another number, is the amount.
            ("DISCOUNT @ 5%", Adjustment::Discount),
            ("Discount (5%)", Adjustment::Discount),
            ("Spl. Disc. @ 5%", Adjustment::Discount),
            ("Discount 2.5 %", Adjustment::Discount),
            ("DISCOUNT 5 PER CENT", Adjustment::Discount),
            // RATE as a word, but no discount is 1000 %: the value is the amount.
            ("RATE DIFFERENCE DISCOUNT", Adjustment::Discount),
            ("DISCOUNT %", Adjustment::Discount),
            // REVERSE CHARGE is how the tax is paid.
            ("IGST (REVERSE CHARGE)", Adjustment::Tax),
            ("IGST - Reverse Charge", Adjustment::Tax),
            ("GST Compensation Cess", Adjustment::Cess),
            ("CESS @ 12%", Adjustment::Cess),
            ("TCS @ 0.1%", Adjustment::Charge),
            ("IGST @ 18%", Adjustment::Tax),
            // Two kinds at once: a subtotal of charges, the tax on a charge, a discount's total.
            ("TOTAL OTHER CHARGES", Adjustment::Unknown),
            ("TOTAL DISCOUNT", Adjustment::Unknown),
            ("GST ON FREIGHT", Adjustment::Unknown),
            ("IGST + CESS", Adjustment::Unknown),
            ("Discount on freight", Adjustment::Unknown),
            // Substrings are not words.
            ("SURCHARGED", Adjustment::Unknown),
            ("DISCOUNTED PRICE", Adjustment::Unknown),
        ] {
            assert_eq!(adjustment(name, thousand), what, "{name} of 1000");
        }
    }

    /// A figure named as taken after or before a kind of amount is a subtotal, not an amount of that kind:
    /// SAP Business One's row "Price after Discount" (the unit price net of the row's discount), Busy's and
    /// Marg's "Rate after Disc.". The old code read `Price after Discount` of 1000 as a discount of 1000, and
    /// the line's taxable value was reported ("assessmentAmount ... is not totalAmt less the line's
    /// discounts"); `Rate after Disc.` of 85.50 as a discount stated only as its rate, and the line went
    /// unjudged.
    #[test]
    fn a_figure_after_or_before_a_kind_is_a_subtotal() {
        for value in ["1000", "85.50"] {
            for name in [
                "Price after Discount",
                "Rate after Disc.",
                "Rate (after disc.)",
                "Unit Price After Discount",
                "Amount after Discount",
                "Amount Before Discount",
                "Value after freight",
                "Taxable value after discount",
            ] {
                assert_eq!(
                    adjustment(name, d(value)),
                    Adjustment::Informational,
                    "{name} of {value}"
                );
            }
        }
        // The kind itself, before or after another word, is still the kind.
        for (name, what) in [
            ("Discount after supply", Adjustment::Discount),
            ("Less: Discount", Adjustment::Discount),
            ("Cash Discount (after 30 days)", Adjustment::Discount),
            ("Discount after tax", Adjustment::Discount),
            ("Discount after GST", Adjustment::Unknown),
            ("Freight after discount", Adjustment::Unknown),
        ] {
            assert_eq!(adjustment(name, d("1000")), what, "{name}");
        }
        assert!(!names_intra_state_tax("Value before CGST"));
    }

    /// A name that says its amount is not taxable names an amount kept out of the taxable value, not the
    /// taxable value restated: the land a construction service's value leaves out (Notification
    /// 11/2017-Central Tax (Rate), para 2), a used car's purchase price under the margin scheme (CGST Rules,
    /// rule 32(5)), a pure agent's expenditure (rule 33). Read as a subtotal, it changed nothing, and the
    /// line's taxable value, a third or more below its amount, was reported ("assessmentAmount 3333333.33
    /// is not totalAmt less the line's discounts"), or the invoice's total.
    #[test]
    fn an_amount_said_not_to_be_taxable_is_no_subtotal() {
        let amount = d("1666666.67");
        for (name, what) in [
            ("LAND VALUE (NON-TAXABLE)", Adjustment::Unknown),
            ("Purchase price (not taxable)", Adjustment::Unknown),
            (
                "Non-taxable reimbursements (pure agent)",
                Adjustment::Unknown,
            ),
            ("NonTaxable Value", Adjustment::Unknown),
            ("Non Assessable Amount", Adjustment::Unknown),
            ("NON-TAXABLE CHARGES", Adjustment::Charge),
            // The taxable value itself is still a subtotal.
            ("TAXABLE VALUE", Adjustment::Informational),
            ("Total taxable value", Adjustment::Informational),
        ] {
            assert_eq!(adjustment(name, amount), what, "{name}");
        }
    }

    #[test]
    fn a_rate_marked_value_that_may_be_the_rate_is_not_guessed() {
        for (name, value, what) in [
            // May be a 10 % discount stated only as its rate, or a discount of 10.
            ("DISCOUNT %", "10", Adjustment::Unknown),
            ("DISCOUNT PERCENT", "10", Adjustment::Unknown),
            ("Discount Rate", "100", Adjustment::Unknown),
            ("RATE DIFFERENCE DISCOUNT", "50", Adjustment::Unknown),
            // The name's own rate, restated, or 5 % of a line of 100.
            ("DISCOUNT @ 5%", "5", Adjustment::Unknown),
            ("DISCOUNT @ 5%", "5.00", Adjustment::Unknown),
            ("DISCOUNT @ 5%", "50", Adjustment::Discount),
            // Over 100: the amount, and a discount written negative is still one.
            ("DISCOUNT %", "100.01", Adjustment::Discount),
            ("DISCOUNT %", "-250", Adjustment::Discount),
            // A cess rate may be over 100 (tobacco), and a charge's rate is not computed.
            ("CESS %", "160", Adjustment::Unknown),
            ("CESS RATE", "15", Adjustment::Unknown),
            ("FREIGHT %", "2", Adjustment::Unknown),
            // A tax's rate: the rules compute the tax from gstRate.
            ("IGST %", "18", Adjustment::Informational),
            ("GST RATE", "18", Adjustment::Informational),
            ("IGST 18%", "18", Adjustment::Informational),
        ] {
            assert_eq!(adjustment(name, d(value)), what, "{name} of {value}");
        }
    }

    /// A name of no kind the rules know that states its own rate, with a value that is another number, is
    /// an amount of something they do not know, as a discount's or a charge's is its amount: the Kerala Flood
    /// Cess as `KFC @ 1%` of 500 (shown separately on the invoice, Kerala Flood Cess Rules, 2019, rule
    /// 2(3)), loading as `Hamali @ 2%` of 860 (part of the value, CGST Act s.15(2)(c)), income-tax
    /// collected under s.206C(1H) as `Tax Collected at Source @ 0.1%`. What it does to a total is unknown,
    /// so the check is skipped; read as a rate of nothing, it made a legitimate line's value and an
    /// invoice's total findings. A rate of nothing restated, or one the name does not state, still changes
    /// nothing.
    #[test]
    fn a_name_of_no_kind_stating_its_own_rate_with_another_value_is_unknown() {
        for (name, value, what) in [
            ("KFC @ 1%", "500", Adjustment::Unknown),
            ("KFC 1%", "24.00", Adjustment::Unknown),
            ("Hamali @ 2%", "860", Adjustment::Unknown),
            ("Loading 2 per cent", "860", Adjustment::Unknown),
            (
                "Tax Collected at Source @ 0.1%",
                "1352.70",
                Adjustment::Unknown,
            ),
            ("RATE @ 18%", "18", Adjustment::Informational),
            ("RATE @ 18%", "18.00", Adjustment::Informational),
            ("RATE", "250", Adjustment::Informational),
            ("HAMALI %", "2", Adjustment::Informational),
        ] {
            assert_eq!(adjustment(name, d(value)), what, "{name} of {value}");
        }
    }

    #[test]
    fn a_lines_rates_are_known_when_they_restate_gst_or_are_nothing() {
        for (name, value, known) in [
            (Some("IGST"), Some("28"), true),
            (Some("CGST"), Some("14"), true),
            (Some("sgst"), Some("14"), true),
            (Some("GST RATE"), Some("18"), true),
            (Some("IGST %"), Some("18"), true),
            (Some("Central Tax"), Some("9"), true),
            (Some("State/UT Tax"), Some("9"), true),
            (Some("Central Sales Tax"), Some("2"), false),
            (Some("IGST"), None, true),
            // A rate of 0 adds nothing, whatever it is of (the API's placeholder included).
            (Some("CESS"), Some("0"), true),
            (Some("string"), Some("0"), true),
            // A cess's rate: 15 % of the line, or 15 rupees a unit; not computed.
            (Some("CESS"), Some("15"), false),
            (Some("GST Compensation Cess"), Some("15"), false),
            (Some("IGST + CESS"), Some("43"), false),
            (Some("DISCOUNT"), Some("10"), false),
            (Some("TCS"), Some("0.1"), false),
            (Some("string"), Some("5"), false),
            (Some("CESS"), None, false),
            (None, Some("5"), false),
            (None, None, false),
        ] {
            assert_eq!(
                rate_is_known(name, value.map(d)),
                known,
                "{name:?} {value:?}"
            );
        }
    }

    /// `inter-state-igst` reads a tax's name by its words: the spellings ERPs print for CGST, SGST and UTGST
    /// (Tally's `Output CGST`, Zoho's `CGST9`, a rate in the name, the Acts' `Central Tax` and `State/UT
    /// Tax`) are CGST's, SGST's or UTGST's; a name that also says IGST, or another kind of amount, is not.
    #[test]
    fn a_tax_of_an_intra_state_supply_is_read_by_its_words() {
        for name in [
            "CGST",
            "sgst",
            " UTGST ",
            "CGST @9%",
            "CGST @ 9 %",
            "SGST 9%",
            "CGST (9%)",
            "CGST-9",
            "CGST9",
            "Output CGST",
            "CGST Amount",
            "SGST/UTGST",
            "CGST (RCM)",
            "Central Tax",
            "State Tax",
            "State/UT Tax",
            "Union Territory Tax",
            "Central GST",
            // CGST and SGST in one entry, by the supply's kind (audit 17).
            "Intra-State GST",
            "In State GST",
            "Central & State GST",
        ] {
            assert!(names_intra_state_tax(name), "{name}");
            // The checker asks only of an `itemValueDetails` entry read as a tax or as nothing.
            assert!(
                matches!(
                    adjustment(name, Decimal::ONE),
                    Adjustment::Tax | Adjustment::Unknown
                ),
                "{name}"
            );
        }
        for name in [
            "IGST",
            "igst @18%",
            "GST",
            "CESS",
            "IGST (in lieu of CGST+SGST)",
            "CGST/IGST",
            "Integrated Tax",
            "Central Sales Tax",
            // ERPNext's names for IGST (audits 17 and 19).
            "Inter-state GST - MPPL",
            "Out of State GST",
            "Out State GST",
            "OutState GST",
            "Outer State GST",
            "Goods and Services Tax",
            "CGST on freight",
            "Total CGST",
            "Compensation Cess",
            "C.G.S.T.",
            "KFC",
            "",
            "SGSTX",
        ] {
            assert!(!names_intra_state_tax(name), "{name}");
        }
    }

    #[test]
    fn names_split_into_words_numbers_and_percent_signs() {
        let word = |w: &str| Token::Word(w.to_owned());
        let tokens = |name: &str| tokens(name).collect::<Vec<_>>();
        assert_eq!(
            tokens("Spl. Disc. @ 5%"),
            [
                word("SPL"),
                word("DISC"),
                Token::Number(d("5")),
                Token::Percent
            ]
        );
        assert_eq!(tokens("OthChrg"), [word("OTH"), word("CHRG")]);
        assert_eq!(
            tokens("IGSTAmount2.5"),
            [word("IGST"), word("AMOUNT"), Token::Number(d("2.5"))]
        );
        assert_eq!(
            tokens("rate 1.2.3"),
            [word("RATE"), Token::Number(d("1.2")), Token::Number(d("3"))]
        );
        assert_eq!(tokens(" -/ "), []);
        // A word longer than every word the rules read is kept, empty, in its place.
        assert_eq!(
            tokens("5 Transportationcharges%"),
            [Token::Number(d("5")), word(""), Token::Percent]
        );
    }

    #[test]
    fn invoice_totals_with_charges_discounts_and_round_off() {
        let none = InvoiceAdjustments::default();
        assert_eq!(
            invoice_total_fault(d("75498.40"), None, &none, d("75498.40")),
            None
        );
        // Rounded to the rupee, the ten or the hundred, without a stated round-off.
        for total in ["75498.00", "75499", "75500", "75490", "75400"] {
            assert_eq!(
                invoice_total_fault(d("75498.40"), None, &none, d(total)),
                None,
                "{total}"
            );
        }
        // Neither rounding nor a rupee explains these.
        for total in ["75450", "75497.30", "75510.40", "75600"] {
            assert!(
                invoice_total_fault(d("75498.40"), None, &none, d(total)).is_some(),
                "{total}"
            );
        }
        // An invoice-level discount, a charge and a stated round-off.
        let stated = InvoiceAdjustments {
            charges: d("1200.00"),
            discounts: d("2000.00"),
            round_off: Some(d("0.60")),
            stated_taxes: Decimal::ZERO,
            stated_cesses: Decimal::ZERO,
            line_taxes: Decimal::ZERO,
        };
        assert_eq!(
            invoice_total_fault(d("75498.40"), None, &stated, d("74699.00")),
            None
        );
        assert_eq!(
            invoice_total_fault(d("75498.40"), None, &stated, d("75499.00")),
            Some(TotalFault::Differs(d("74699.00")))
        );
        // A cess at the foot: the lines' own restated, or charged there only; a total that fits neither
        // is named by the first reading.
        let foot_cess = InvoiceAdjustments {
            stated_cesses: d("524.00"),
            ..InvoiceAdjustments::default()
        };
        for (total, fault) in [
            ("61832.00", None),
            ("62356.00", None),
            ("62356.90", None),
            ("62000.00", Some(TotalFault::Differs(d("61832.00")))),
            ("62358.00", Some(TotalFault::Differs(d("61832.00")))),
        ] {
            assert_eq!(
                invoice_total_fault(d("61832.00"), None, &foot_cess, d(total)),
                fault,
                "{total}"
            );
        }
        // The GST at the foot restating the lines', the cess there charged at the foot only (a Kerala
        // invoice of 2019 to 2021): 61,832.00 of lines, CGST and SGST 4,716.00 restated, the cess 524.00
        // on top. And the other way round, each alone, and both added.
        let mixed = InvoiceAdjustments {
            stated_taxes: d("4716.00"),
            stated_cesses: d("524.00"),
            ..InvoiceAdjustments::default()
        };
        for (total, fault) in [
            ("61832.00", None),
            ("62356.00", None),
            ("66548.00", None),
            ("67072.00", None),
            ("64000.00", Some(TotalFault::Differs(d("61832.00")))),
        ] {
            assert_eq!(
                invoice_total_fault(d("61832.00"), None, &mixed, d(total)),
                fault,
                "{total}"
            );
        }
        // Packing of 150.00 charged at the foot and taxed there at the lines' 18 %: the foot's CGST and
        // SGST, 328.50 each, restate the lines' 630.00 and add the packing's 27.00 (audit 17).
        for (line_taxes, total, fault) in [
            ("630.00", "4307.00", None),
            ("630.00", "4280.00", None),
            ("630.00", "4937.00", None),
            ("630.00", "4320.00", Some(TotalFault::Differs(d("4280.00")))),
            // The lines state no tax: nothing tells the packing's tax from the lines'.
            ("0", "4307.00", Some(TotalFault::Differs(d("4280.00")))),
        ] {
            let taxed_packing = InvoiceAdjustments {
                charges: d("150.00"),
                stated_taxes: d("657.00"),
                line_taxes: d(line_taxes),
                ..InvoiceAdjustments::default()
            };
            assert_eq!(
                invoice_total_fault(d("4130.00"), None, &taxed_packing, d(total)),
                fault,
                "{line_taxes} {total}"
            );
        }
        let beyond = InvoiceAdjustments {
            round_off: Some(d("-150.00")),
            ..InvoiceAdjustments::default()
        };
        assert_eq!(
            invoice_total_fault(d("75498.40"), None, &beyond, d("75348.40")),
            Some(TotalFault::RoundOffBeyondLimit(d("-150.00")))
        );
        assert!(!assessment_value_fault(d("70044.00"), d("70044.00")));
        assert!(!assessment_value_fault(d("70044.00"), d("70044.90")));
        assert!(assessment_value_fault(d("70044.00"), d("62544.00")));
    }
}
