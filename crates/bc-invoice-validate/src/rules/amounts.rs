//! Amounts as exact decimals: a number's JSON text read digit for digit, never through a float.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{Fact, FactValue};

/// How far `totalInvoiceValue` may fall below the sum of the items' `totalItemValue`: one rupee, which
/// covers rounding the total to whole rupees in either direction (to the nearest rupee moves it by at most
/// 0.50, rounding down by at most 0.99).
pub(crate) const ROUNDING_ALLOWANCE: Decimal = Decimal::ONE;

/// A number fact's exact value; `None` for a string (a type error the schema reports) or a number no exact
/// decimal holds (a range error the schema reports).
pub(crate) fn decimal(fact: &Fact<'_>) -> Option<Decimal> {
    let FactValue::Num(text) = fact.value else {
        return None;
    };
    if text.contains(['e', 'E']) {
        Decimal::from_scientific(text).ok()
    } else {
        Decimal::from_str_exact(text).ok()
    }
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
    use crate::pointer::JsonPointer;

    fn number(text: &str) -> Option<Decimal> {
        decimal(&Fact {
            pointer: JsonPointer::root(),
            def: "item",
            member: "totalAmt",
            value: FactValue::Num(text),
            raw: text,
            offset: 0,
        })
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
        let text = FactValue::Str("12".into());
        let fact = Fact {
            pointer: JsonPointer::root(),
            def: "item",
            member: "totalAmt",
            value: text,
            raw: "\"12\"",
            offset: 0,
        };
        assert_eq!(decimal(&fact), None);
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
