//! The exact decimal of a JSON number's text, shared by the typed documents' reading and the validator's
//! range check, so that a number the validator accepts as exact is read exactly.

use rust_decimal::Decimal;

/// The exact value of a JSON number's text as a [`Decimal`] (`75428.36`, `1.5e3`,
/// `0.000000000000000000000000007004e28`, which is `70.04`), or `None` when no `Decimal` holds it without
/// rounding (once the exponent is applied, more than 28 digits after the point, or digits that, read as
/// one whole number, are 2^96 or more: `98765432109876543210.987654321` is `None`, though its magnitude is
/// far below 2^96). Meant for JSON number text, as serde_json and the validator hand it over; other text gives
/// `None`, or for the forms `rust_decimal` reads without an exponent (`1.`, `.5`, `+1`, `1_000`) their
/// value: check text from elsewhere is a JSON number before relying on `None` to refuse it.
///
/// The digits are kept as written, the exponent moving the point (`100e-2` is `1.00`); trailing zeros are
/// dropped only where a `Decimal` could not hold them otherwise (`1.` followed by forty zeros is `1`).
///
/// ```
/// use bc_invoice_types::{Decimal, exact_decimal};
///
/// assert_eq!(exact_decimal("0.000000000000000000000000007004e28"), Some(Decimal::new(7004, 2)));
/// assert_eq!(exact_decimal("100e-2").map(|d| d.to_string()).as_deref(), Some("1.00"));
/// assert_eq!(exact_decimal("1e-29"), None); // 29 digits after the point
/// assert_eq!(exact_decimal("79228162514264337593543950336"), None); // 2^96
/// assert_eq!(exact_decimal("98765432109876543210.987654321"), None); // 29 digits, past 2^96 as one number
/// // Not JSON numbers, but read as rust_decimal reads them:
/// assert_eq!(exact_decimal("1_000"), Some(Decimal::new(1000, 0)));
/// assert_eq!(exact_decimal("+1"), Some(Decimal::ONE));
/// assert_eq!(exact_decimal(".5"), Some(Decimal::new(5, 1)));
/// ```
pub fn exact_decimal(text: &str) -> Option<Decimal> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], exponent_of(&text[at + 1..])?),
        None => match Decimal::from_str_exact(text) {
            Ok(value) => return Some(value),
            Err(_) => (text, 0),
        },
    };
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((_, "")) => return None,
        Some((int, frac)) => (int, frac),
        None => (mantissa, ""),
    };
    if int.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    // The significant digits as written, and the power of ten of the last one.
    let written = [int, frac].concat();
    let digits = written.trim_start_matches('0');
    if digits.is_empty() {
        return Some(Decimal::ZERO);
    }
    let exponent = exponent.saturating_sub(i64::try_from(frac.len()).unwrap_or(i64::MAX));
    let trimmed = digits.trim_end_matches('0');
    let dropped = i64::try_from(digits.len() - trimmed.len()).unwrap_or(i64::MAX);
    written_out(negative, digits, exponent)
        .or_else(|| written_out(negative, trimmed, exponent.saturating_add(dropped)))
}

/// The decimal of `digits` × 10^`exponent`, written out without an exponent and read exactly; `None`
/// past what a `Decimal` holds (29 digits in all, 28 after the point).
fn written_out(negative: bool, digits: &str, exponent: i64) -> Option<Decimal> {
    let len = i64::try_from(digits.len()).ok()?;
    let before_point = len.saturating_add(exponent);
    if before_point > 29 || exponent < -28 {
        return None;
    }
    let mut text = String::with_capacity(64);
    if negative {
        text.push('-');
    }
    if exponent >= 0 {
        text.push_str(digits);
        text.extend(std::iter::repeat_n('0', usize::try_from(exponent).ok()?));
    } else if before_point > 0 {
        let (int, frac) = digits.split_at(usize::try_from(before_point).ok()?);
        text.push_str(int);
        text.push('.');
        text.push_str(frac);
    } else {
        text.push_str("0.");
        text.extend(std::iter::repeat_n(
            '0',
            usize::try_from(-before_point).ok()?,
        ));
        text.push_str(digits);
    }
    Decimal::from_str_exact(&text).ok()
}

/// An exponent's value (`+5`, `-07`, `300`), saturated to `i64`'s range; `None` if it is not one.
fn exponent_of(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = digits.bytes().fold(0i64, |value, b| {
        value.saturating_mul(10).saturating_add(i64::from(b - b'0'))
    });
    Some(if text.starts_with('-') { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Option<String> {
        exact_decimal(text).map(|d| d.to_string())
    }

    #[test]
    fn an_exponent_moves_the_point_and_rounds_nothing() {
        for (text, value) in [
            ("0.000000000000000000000000007004e28", "70.04"),
            ("7004e-2", "70.04"),
            ("100e-2", "1.00"),
            ("1.50e1", "15.0"),
            ("1e2", "100"),
            ("1E+2", "100"),
            ("-2.5e-3", "-0.0025"),
            (
                "0.00000000000000000000000000000001e5",
                "0.000000000000000000000000001",
            ),
            (
                "0.000000000000000000000000000015e2",
                "0.0000000000000000000000000015",
            ),
            (
                "123456789012345678901234567890e-2",
                "1234567890123456789012345678.9",
            ),
            ("1.0000000000000000000000000000000000000000", "1"),
            ("1.0000000000000000000000000000000000000000e1", "10"),
            ("0e999999999999999999999", "0"),
            ("-0.0e-5", "0"),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
            (
                "7.9228162514264337593543950335e28",
                "79228162514264337593543950335",
            ),
            ("1e-28", "0.0000000000000000000000000001"),
            ("75428.36", "75428.36"),
            ("-0", "0"),
        ] {
            assert_eq!(shown(text).as_deref(), Some(value), "{text}");
        }
    }

    #[test]
    fn what_no_decimal_holds_exactly_is_none() {
        for text in [
            "1e-29",
            "1.5e-28",
            "79228162514264337593543950336",
            "7.9228162514264337593543950336e28",
            "1e29",
            "1e999999999999999999999",
            "1e-999999999999999999999",
            "0.00000000000000000000000000001",
            "",
            "-",
            "1.e5",
            ".5e1",
            "1e",
            "1e+",
            "abc",
            "1x",
        ] {
            assert_eq!(shown(text), None, "{text}");
        }
    }
}
