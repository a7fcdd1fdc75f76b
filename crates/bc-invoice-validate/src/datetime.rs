//! The `date-time` format of JSON Schema: an RFC 3339 date-time with a UTC offset, calendar included.

/// Whether `text` is an RFC 3339 `date-time` (section 5.6): `2017-08-10T17:57:35+05:30`, with `T`/`Z` in
/// either case, optional fractional seconds, a real calendar day (leap years included) and a leap second
/// allowed as `:60`.
pub fn is_rfc3339_date_time(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 20 {
        return false;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0u32, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
        })
    };
    let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let (Some(hour), Some(minute), Some(second)) = (num(11..13), num(14..16), num(17..19)) else {
        return false;
    };
    if b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return false;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = &b[19..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|d| d.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        rest = &fraction[digits..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            let all = [h1, h2, m1, m2].iter().all(|d| d.is_ascii_digit());
            all && (h1 - b'0') * 10 + (h2 - b'0') <= 23 && (m1 - b'0') * 10 + (m2 - b'0') <= 59
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_rfc3339_date_time as ok;

    #[test]
    fn rfc_3339_date_times_with_their_calendar() {
        for good in [
            "2017-08-10T17:57:35+05:30",
            "2026-11-20T10:15:00Z",
            "2026-11-20t10:15:00.250z",
            "2024-02-29T00:00:00-03:30",
            "2016-12-31T23:59:60Z",
        ] {
            assert!(ok(good), "{good}");
        }
        for bad in [
            "string",
            "20/11/2026",
            "2026-11-20",
            "2026-11-20T10:15:00",
            "2026-11-20 10:15:00+05:30",
            "2026-02-29T10:15:00Z",
            "2026-04-31T10:15:00Z",
            "2026-13-01T10:15:00Z",
            "2026-11-20T24:00:00Z",
            "2026-11-20T10:15:00.Z",
            "2026-11-20T10:15:00+24:00",
            "2026-11-20T10:15:00+0530",
            "२०२६-11-20T10:15:00Z",
        ] {
            assert!(!ok(bad), "{bad}");
        }
    }
}
