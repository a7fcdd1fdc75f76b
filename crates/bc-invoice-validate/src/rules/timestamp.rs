//! Instants of RFC 3339 date-times, in whole seconds since the Unix epoch, for `timestamp-plausible`.
//!
//! Source (docs/rules-sources.md, § Timestamp): GST began on 1 July 2017, when CBIC Notification
//! 9/2017-Central Tax (28 June 2017) brought the CGST Act's levy into force; the API documentation describes
//! `ts` as the time the invoice was created, with the example `2017-08-10T17:57:35+05:30`. No invoice under
//! GST can have been created before [`GST_BEGAN`]. The day allowed into the future (24 hours) is the
//! rules' choice, for clocks that disagree; no source sets it.

/// 2017-07-01T00:00:00+05:30, when GST began (the Central Goods and Services Tax Act, 2017, in force from
/// 1 July 2017, midnight in India).
pub(crate) const GST_BEGAN: i64 = days_from_civil(2017, 7, 1) * 86_400 - 19_800;

/// The instant of an RFC 3339 date-time, to the second (a fraction is dropped); `None` for a text that is
/// not one (the schema reports that).
pub(crate) fn unix_seconds(text: &str) -> Option<i64> {
    if !bc_invoice_types::is_date_time(text) {
        return None;
    }
    let b = text.as_bytes();
    let num = |from: usize, to: usize| {
        b[from..to]
            .iter()
            .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'))
    };
    let days = days_from_civil(num(0, 4), num(5, 7), num(8, 10));
    let local = days * 86_400 + num(11, 13) * 3_600 + num(14, 16) * 60 + num(17, 19);
    // The offset is the last six bytes (`+05:30`), or a lone `Z`.
    let offset = match b[b.len() - 6] {
        sign @ (b'+' | b'-') => {
            let at = b.len() - 5;
            let seconds = num(at, at + 2) * 3_600 + num(at + 3, at + 5) * 60;
            if sign == b'+' { seconds } else { -seconds }
        }
        _ => 0,
    };
    Some(local - offset)
}

/// An instant as `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn format_utc(seconds: i64) -> String {
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

/// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
const fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_with_their_offsets() {
        assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_seconds("1970-01-01T05:30:00+05:30"), Some(0));
        assert_eq!(unix_seconds("1969-12-31T23:00:00-01:00"), Some(0));
        assert_eq!(unix_seconds("2017-07-01T00:00:00+05:30"), Some(GST_BEGAN));
        assert_eq!(
            unix_seconds("2017-06-30T18:29:59.999z"),
            Some(GST_BEGAN - 1)
        );
        assert_eq!(
            unix_seconds("2026-11-20T10:15:00+05:30"),
            Some(1_795_149_900)
        );
        assert_eq!(unix_seconds("2024-02-29T12:00:00Z"), Some(1_709_208_000));
        assert_eq!(unix_seconds("2026-02-29T12:00:00Z"), None);
        assert_eq!(unix_seconds("string"), None);
    }

    #[test]
    fn instants_format_back() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(GST_BEGAN), "2017-06-30T18:30:00Z");
        assert_eq!(format_utc(1_709_208_000), "2024-02-29T12:00:00Z");
        assert_eq!(format_utc(-1), "1969-12-31T23:59:59Z");
        for seconds in [0, 1_795_149_900, -86_400 * 365 * 300, 253_402_300_799] {
            assert_eq!(unix_seconds(&format_utc(seconds)), Some(seconds));
        }
    }
}
