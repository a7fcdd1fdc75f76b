//! What a JSON number's text is, decided on its exact decimal value whatever the exponent: whether it is an
//! integer (as JSON Schema counts one: `1.0` and `1e2` are), whether it fits the `i64` of an integer member,
//! and whether an exact decimal (`rust_decimal`, 96-bit mantissa, scale up to 28) holds it without rounding.
//!
//! Exponents are read with saturation, so `1.5e-99999999999999999999` is a tiny fraction, not an integer,
//! and nothing here allocates or loops more than the number's own length.

/// A number's value as significant digits and a power of ten: `digits × 10^exponent`, with no leading or
/// trailing zeros in `digits` (zero has no digits).
struct Exact<'a> {
    negative: bool,
    /// The significant digits, in the text's order, possibly split by the decimal point.
    int: &'a str,
    frac: &'a str,
    /// Leading zeros to skip (across `int` then `frac`) and trailing zeros to drop.
    lead: usize,
    trail: usize,
    /// The power of ten of the last significant digit, saturated.
    exponent: i64,
}

impl<'a> Exact<'a> {
    fn parse(text: &'a str) -> Self {
        let negative = text.starts_with('-');
        let unsigned = text.strip_prefix('-').unwrap_or(text);
        let (mantissa, written_exponent) = match unsigned.find(['e', 'E']) {
            Some(at) => (&unsigned[..at], saturating_exponent(&unsigned[at + 1..])),
            None => (unsigned, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all = || int.bytes().chain(frac.bytes());
        let total = int.len() + frac.len();
        let lead = all().take_while(|&b| b == b'0').count();
        let trail = if lead == total {
            0
        } else {
            int.bytes()
                .chain(frac.bytes())
                .rev()
                .take_while(|&b| b == b'0')
                .count()
        };
        let exponent = written_exponent
            .saturating_sub(frac.len() as i64)
            .saturating_add(trail as i64);
        Exact {
            negative,
            int,
            frac,
            lead,
            trail,
            exponent,
        }
    }

    /// The number of significant digits (0 for zero).
    fn len(&self) -> usize {
        (self.int.len() + self.frac.len()).saturating_sub(self.lead + self.trail)
    }

    /// The significant digits.
    fn digits(&self) -> impl Iterator<Item = u8> + '_ {
        self.int
            .bytes()
            .chain(self.frac.bytes())
            .skip(self.lead)
            .take(self.len())
    }
}

/// An exponent's value, saturated to `i64`'s range (its sign kept).
fn saturating_exponent(text: &str) -> i64 {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let mut value: i64 = 0;
    for b in digits.bytes() {
        value = value.saturating_mul(10).saturating_add(i64::from(b - b'0'));
    }
    if negative { -value } else { value }
}

/// Whether a JSON number's value has no fractional part (`1.0` and `1e2` are integers to JSON Schema).
pub(crate) fn is_integral(text: &str) -> bool {
    let exact = Exact::parse(text);
    exact.len() == 0 || exact.exponent >= 0
}

/// Whether an integral JSON number's value fits `i64`.
pub(crate) fn fits_i64(text: &str) -> bool {
    let exact = Exact::parse(text);
    if exact.len() == 0 {
        return true;
    }
    // i64 has 19 digits: more significant digits and zeros than that never fit.
    let Ok(zeros) = usize::try_from(exact.exponent) else {
        return false;
    };
    if exact.len().saturating_add(zeros) > 19 {
        return false;
    }
    let mut value: i128 = 0;
    for d in exact.digits() {
        value = value * 10 + i128::from(d - b'0');
    }
    for _ in 0..zeros {
        value *= 10;
    }
    if exact.negative {
        value = -value;
    }
    i64::try_from(value).is_ok()
}

/// Whether an exact decimal holds a JSON number's value without rounding: at most 28 digits after the point
/// and a mantissa below 2^96, whatever the exponent it is written with. The same function
/// ([`bc_invoice_types::exact_decimal`]) reads the value for the typed documents and the rules, so what is
/// accepted here is read exactly there.
pub(crate) fn fits_decimal(text: &str) -> bool {
    bc_invoice_types::exact_decimal(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_numbers_as_json_schema_counts_them() {
        for yes in [
            "0",
            "-0",
            "12",
            "1.0",
            "1.000",
            "1e2",
            "1.5e1",
            "120E-1",
            "0.0e5",
            "10e-1",
            "0e-99999999999999999999",
            "1e99999999999999999999",
        ] {
            assert!(is_integral(yes), "{yes}");
        }
        for no in [
            "1.5",
            "0.1",
            "1e-1",
            "15e-1",
            "-0.001",
            "1.05e1",
            "1.5e-99999999999999999999",
            "15e-99999999999999999999999999999999",
            "1e-9223372036854775808",
        ] {
            assert!(!is_integral(no), "{no}");
        }
    }

    #[test]
    fn i64_bounds_are_exact_whatever_the_notation() {
        for yes in [
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775807.0",
            "9.223372036854775807e18",
            "92233720368547758070e-1",
            "0",
            "-0.0e10",
            "1e18",
        ] {
            assert!(fits_i64(yes), "{yes}");
        }
        for no in [
            "9223372036854775808",
            "-9223372036854775809",
            "9.223372036854775808e18",
            "1e19",
            "1e400",
            "1e99999999999999999999",
        ] {
            assert!(!fits_i64(no), "{no}");
        }
    }

    #[test]
    fn decimals_that_a_rust_decimal_cannot_hold_exactly_are_out_of_range() {
        for yes in [
            "99999999999999.99",
            "-0",
            "1e2",
            "1.5E-3",
            "0.1234567890123456789012345678",
            "79228162514264337593543950335",
            "1.234567890123456789012345678e-1",
            "12345e-28",
            "0e-400",
            "100000000000000000000000000000e-1",
        ] {
            assert!(fits_decimal(yes), "{yes}");
        }
        for no in [
            "1e400",
            "0.12345678901234567890123456789",
            "123456789012345678901234567890",
            "79228162514264337593543950336",
            "1.234567890123456789012345678901234567890e5",
            "1e-29",
            "1.5e-99999999999999999999",
            "1e99999999999999999999",
            "12345e-32",
            "1.2345678901234567890123456789e-1",
        ] {
            assert!(!fits_decimal(no), "{no}");
        }
    }
}
