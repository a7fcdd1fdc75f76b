//! The `format: date-time` check: RFC 3339 section 5.6 `date-time`, calendar included.

/// Whether `text` is an RFC 3339 date-time (`2026-11-20T10:15:00+05:30`) that exists in the calendar.
///
/// The check the JSON Schema `format: date-time` makes, as the JSON-Schema-Test-Suite reads it (and the
/// `jsonschema` crate with format validation on): `T` and `Z` in either case, fractional seconds of any
/// length, an offset of `Z` or `±hh:mm`, days checked against the month and leap years, and second 60 only
/// where it is 23:59:60 in UTC. [`Timestamp`](crate::Timestamp) makes it after its pattern, so the type
/// agrees with a validator that checks `format`.
pub fn is_date_time(text: &str) -> bool {
    let b = text.as_bytes();
    // YYYY-MM-DDTHH:MM:SS is 19 bytes; the shortest offset (Z) makes 20.
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') {
        return false;
    }
    if b[13] != b':' || b[16] != b':' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) =
        (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10]))
    else {
        return false;
    };
    let (Some(hour), Some(minute), Some(second)) =
        (digits(&b[11..13]), digits(&b[14..16]), digits(&b[17..19]))
    else {
        return false;
    };
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return false;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = &b[19..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let count = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if count == 0 {
            return false;
        }
        rest = &fraction[count..];
    }
    // The offset, in minutes east of UTC.
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (Some(hours), Some(minutes)) = (digits(&[*h1, *h2]), digits(&[*m1, *m2])) else {
                return false;
            };
            if hours > 23 || minutes > 59 {
                return false;
            }
            let offset = i64::from(hours * 60 + minutes);
            if *sign == b'-' { -offset } else { offset }
        }
        _ => return false,
    };
    if second == 60 {
        // A leap second is the last second of a UTC day.
        let utc = (i64::from(hour * 60 + minute) - offset).rem_euclid(24 * 60);
        return utc == 23 * 60 + 59;
    }
    true
}

/// The value of a run of ASCII digits.
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |value, &c| {
        c.is_ascii_digit().then(|| value * 10 + u32::from(c - b'0'))
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::is_date_time;

    #[test]
    fn dates_must_exist_in_the_calendar() {
        for valid in [
            "2026-11-20T10:15:00+05:30",
            "2017-08-10T17:57:35+05:30",
            "2024-02-29T00:00:00Z",
            "2000-02-29t00:00:00z",
            "2026-01-31T23:59:59.123456-08:00",
            "2026-12-31T23:59:60Z",
            "2026-12-31T18:29:60-05:30",
            "2027-01-01T05:29:60+05:30",
        ] {
            assert!(is_date_time(valid), "{valid}");
        }
        for invalid in [
            "2026-02-30T10:15:00+05:30",
            "2026-02-29T10:15:00Z",
            "1900-02-29T10:15:00Z",
            "2026-04-31T10:15:00Z",
            "2026-13-01T10:15:00Z",
            "2026-00-01T10:15:00Z",
            "2026-01-00T10:15:00Z",
            "2026-11-20T24:00:00Z",
            "2026-11-20T10:60:00Z",
            "2026-11-20T10:15:60Z",
            "2026-11-20T23:59:60+05:30",
            "2026-11-20T10:15:00",
            "2026-11-20T10:15:00.Z",
            "2026-11-20T10:15:00+0530",
            "2026-11-20T10:15:00+24:00",
            "2026-11-20 10:15:00Z",
            "string",
            "",
        ] {
            assert!(!is_date_time(invalid), "{invalid}");
        }
    }
}
