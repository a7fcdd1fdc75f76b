//! Amounts as exact decimals: a number's JSON text read digit for digit, never through a float.

use rust_decimal::{Decimal, RoundingStrategy};

use super::facts::{Fact, FactValue};

/// How far `totalInvoiceValue` may fall below the sum of the items' `totalItemValue`: one rupee, which
/// covers rounding the total to whole rupees in either direction (to the nearest rupee moves it by at most
/// 0.50, rounding down by at most 0.99).
pub(crate) const ROUNDING_ALLOWANCE: Decimal = Decimal::ONE;

/// A number fact's exact value; `None` for a string (a type error the schema reports) or a number no exact
/// decimal holds (a range error the schema reports).
pub(crate) fn decimal(fact: &Fact<'_>) -> Option<Decimal> {
    match fact.value() {
        FactValue::Num(text) => number(text),
        FactValue::Str(_) => None,
    }
}

/// A number's exact value; `None` when no exact decimal holds it.
fn number(text: &str) -> Option<Decimal> {
    plain(text).or_else(|| {
        if text.contains(['e', 'E']) {
            Decimal::from_scientific(text).ok()
        } else {
            Decimal::from_str_exact(text).ok()
        }
    })
}

/// The common case read directly: a plain number (no exponent) of at most 18 digits, which an `i64`
/// mantissa and a scale hold exactly. `None` sends anything else to rust_decimal's general parser.
fn plain(text: &str) -> Option<Decimal> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() || int.len() + frac.len() > 18 {
        return None;
    }
    let mut mantissa: i64 = 0;
    for b in int.bytes().chain(frac.bytes()) {
        if !b.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa * 10 + i64::from(b - b'0');
    }
    let mantissa = if negative { -mantissa } else { mantissa };
    Some(Decimal::new(mantissa, u32::try_from(frac.len()).ok()?))
}

/// A value rounded to the paisa, half away from zero (half-up for the positive amounts of an invoice),
/// and shown with two decimals.
pub(crate) fn to_paisa(value: Decimal) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

#[cfg(test)]
mod tests {
    use super::*;

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
        for text in ["1234567890123456789", "1e2", "1.5E-3", ".5", "-", "1.2.3"] {
            assert_eq!(plain(text), None, "{text}");
        }
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
}
