//! The GST rates the notifications set, for `gst-rate-notified`: every rate an item's `gstRate` may be,
//! with the notification that first set it and the date from which an invoice may carry it. This table is
//! the only place the rates live; docs/rules-sources.md (CBIC-RATE) quotes the notifications.
//!
//! `gstRate` is the IGST rate, or CGST and SGST together (NIC's validations: "In case of intra-state
//! transaction, the sum of SGST and CGST tax rates should be entered as GST Rate"), so the rates are the
//! Integrated Tax (Rate) notifications' (the Central Tax (Rate) notifications set half of each). Rates are
//! only ever added here: a rate a later notification stopped using for some goods (12 and 28 since 22
//! September 2025) still applies to others (bricks at 12, Notification 14/2025-IT(Rate); Schedule VII's
//! 28) and to supplies made before the change, so no rate has an end date. The same holds for the four
//! rates of 65 % of another (3.25, 7.8, 11.7, 18.2) on vehicles leased before GST, whose notification stops
//! applying on 1 July 2020: a rental paid before then may be invoiced after (CGST Act s.14(a)(iii)).
//!
//! A rate is accepted from the date its notification was issued, not the later date it took effect: under
//! CGST Act s.14 an invoice issued before a change of rate for a supply after it carries the new rate.

use std::sync::LazyLock;

use rust_decimal::Decimal;

use super::timestamp;

/// A rate and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rate {
    /// The rate in percent, as the notification writes it.
    pub percent: &'static str,
    /// The first day (in India) an invoice may carry it: the date of the notification that set it.
    pub from: &'static str,
    /// The notification, and what it set the rate for.
    pub notification: &'static str,
}

/// The day GST's first rate notifications were issued (they took effect on 1 July 2017).
const GST_RATES_ISSUED: &str = "2017-06-28";

/// The day Notifications 37/2017-Central Tax (Rate) and 38/2017-Integrated Tax (Rate) were issued: GST at 65 %
/// of the rate otherwise applicable on motor vehicles (chapter 87) purchased and leased before 1 July 2017.
const LEASED_VEHICLES: &str = "2017-10-13";

/// What the four rates of 65 % of another say of where they come from.
macro_rules! leased_vehicles {
    ($of:literal) => {
        concat!(
            "Notification 38/2017-Integrated Tax (Rate) and 37/2017-Central Tax (Rate), 13 October 2017: ",
            "motor vehicles (chapter 87) purchased and leased before 1 July 2017, 65 % of the rate otherwise ",
            "applicable under 1/2017-Integrated Tax (Rate) (65 % of ",
            $of,
            " %), not on or after 1 July 2020"
        )
    };
}

/// Every rate, in increasing order.
pub(crate) const RATES: [Rate; 18] = [
    Rate {
        percent: "0",
        from: GST_RATES_ISSUED,
        notification: "Notification 2/2017-Integrated Tax (Rate), 28 June 2017 (exempt and nil-rated goods), \
                       and 9/2017-Integrated Tax (Rate) (exempt services); exports and SEZ supplies without payment",
    },
    Rate {
        percent: "0.1",
        from: "2017-10-23",
        notification: "Notification 41/2017-Integrated Tax (Rate), 23 October 2017 (supplies to merchant exporters)",
    },
    Rate {
        percent: "0.25",
        from: GST_RATES_ISSUED,
        notification: "Notification 1/2017-Integrated Tax (Rate), 28 June 2017, Schedule VI (rough precious stones); \
                       Schedule V of 9/2025-Integrated Tax (Rate)",
    },
    Rate {
        percent: "1",
        from: "2019-03-29",
        notification: "Notification 3/2019-Integrated Tax (Rate), 29 March 2019: affordable residential apartments, \
                       1.5 % on the value less the deemed land value of one third, 1 % of the whole amount",
    },
    Rate {
        percent: "1.5",
        from: GST_RATES_ISSUED,
        notification: "Notification 3/2019-Integrated Tax (Rate), 29 March 2019 (affordable residential apartments) \
                       and 9/2025-Integrated Tax (Rate), Schedule VI; job work on diamonds earlier (the first \
                       notification not verified here, so dated from GST's first rate notifications)",
    },
    Rate {
        percent: "3",
        from: GST_RATES_ISSUED,
        notification: "Notification 1/2017-Integrated Tax (Rate), 28 June 2017, Schedule V (gold, silver, jewellery); \
                       Schedule IV of 9/2025-Integrated Tax (Rate)",
    },
    Rate {
        percent: "3.25",
        from: LEASED_VEHICLES,
        notification: leased_vehicles!("5"),
    },
    Rate {
        percent: "5",
        from: GST_RATES_ISSUED,
        notification: "Notification 1/2017-Integrated Tax (Rate), 28 June 2017, Schedule I; 8/2017-Integrated Tax \
                       (Rate) (services); Schedule I of 9/2025-Integrated Tax (Rate)",
    },
    Rate {
        percent: "6",
        from: "2022-03-31",
        notification: "Notification 2/2022-Integrated Tax (Rate), 31 March 2022 (bricks and tiles without input tax credit)",
    },
    Rate {
        percent: "7.5",
        from: "2019-03-29",
        notification: "Notification 3/2019-Integrated Tax (Rate), 29 March 2019 (residential apartments other than \
                       affordable ones, on the value less the deemed land value)",
    },
    Rate {
        percent: "7.8",
        from: LEASED_VEHICLES,
        notification: leased_vehicles!("12"),
    },
    Rate {
        percent: "8",
        from: GST_RATES_ISSUED,
        notification: "Notification 8/2017-Integrated Tax (Rate), 28 June 2017, item 3(v) (works contracts for \
                       low-cost houses), extended by 1/2018-Central Tax (Rate), 25 January 2018: 12 % on the value \
                       less the deemed land value of one third, 8 % of the whole amount (the GST Council's 25th \
                       meeting's press note); an effective rate, as 1 % is",
    },
    Rate {
        percent: "11.7",
        from: LEASED_VEHICLES,
        notification: leased_vehicles!("18"),
    },
    Rate {
        percent: "12",
        from: GST_RATES_ISSUED,
        notification: "Notification 1/2017-Integrated Tax (Rate), 28 June 2017, Schedule II; 8/2017-Integrated Tax \
                       (Rate); 14/2025-Integrated Tax (Rate) (bricks and tiles)",
    },
    Rate {
        percent: "18",
        from: GST_RATES_ISSUED,
        notification: "Notification 1/2017-Integrated Tax (Rate), 28 June 2017, Schedule III; 8/2017-Integrated Tax \
                       (Rate); Schedule II of 9/2025-Integrated Tax (Rate)",
    },
    Rate {
        percent: "18.2",
        from: LEASED_VEHICLES,
        notification: leased_vehicles!("28"),
    },
    Rate {
        percent: "28",
        from: GST_RATES_ISSUED,
        notification: "Notification 1/2017-Integrated Tax (Rate), 28 June 2017, Schedule IV; 8/2017-Integrated Tax \
                       (Rate); Schedule VII of 9/2025-Integrated Tax (Rate)",
    },
    Rate {
        percent: "40",
        from: "2025-09-17",
        notification: "Notification 9/2025-Integrated Tax (Rate), 17 September 2025, Schedule III, in force from \
                       22 September 2025; 15/2025-Integrated Tax (Rate) (services)",
    },
];

/// A rate of the table with what the checks compare: its value in hundredths of a percent and the first
/// instant an invoice may carry it, each worked out once from [`RATES`] (an invoice's every line asks).
struct Known {
    hundredths: Option<i64>,
    from: Option<i64>,
}

/// Every rate, written as the notifications write them, in increasing order and separated by commas: what the
/// rule's summary and its finding list.
pub(crate) static LIST: LazyLock<String> = LazyLock::new(|| {
    RATES
        .iter()
        .map(|rate| rate.percent)
        .collect::<Vec<_>>()
        .join(", ")
});

static KNOWN: LazyLock<[Known; RATES.len()]> = LazyLock::new(|| {
    RATES.map(|rate| Known {
        hundredths: rate.percent.parse().ok().and_then(hundredths),
        from: valid_from(&rate),
    })
});

/// A rate's value in hundredths of a percent, if it is a whole number of them (every rate a notification
/// sets is): 18, 18.0 and 18.00 are 1800, 0.25 is 25. Integer arithmetic on the decimal's mantissa and
/// scale, instead of comparing decimals of different scales.
fn hundredths(rate: Decimal) -> Option<i64> {
    let (mantissa, scale) = (rate.mantissa(), rate.scale());
    // A rate as written (`18`, `18.00`, `0.25`) has a small mantissa: 64-bit arithmetic, which costs a
    // fraction of 128-bit; any other decimal takes the long way.
    if let Ok(mantissa) = i64::try_from(mantissa)
        && scale <= 2
    {
        return mantissa.checked_mul(10_i64.pow(2 - scale));
    }
    let value = if scale <= 2 {
        mantissa.checked_mul(10_i128.pow(2 - scale))?
    } else {
        let unit = 10_i128.checked_pow(scale - 2)?;
        if mantissa % unit != 0 {
            return None;
        }
        mantissa / unit
    };
    i64::try_from(value).ok()
}

/// Significant digits every IEEE 754 binary64 value keeps through a decimal round trip (C's `DBL_DIG`; IEEE
/// 754-2008 §5.12.2: 15 digits convert to a double and back unchanged).
const DOUBLE_DIGITS: u32 = 15;

/// A rate's value in hundredths of a percent, as [`hundredths`], or else as a client that computed it in
/// binary floating point and wrote the double unrounded meant it (round 13): JavaScript's, Python's and
/// Java's `0.28 * 100` is `28.000000000000004`, `0.07 * 100` is `7.000000000000001`. The noise is past the
/// fifteenth significant digit, which a double does not hold, so the rate is read to fifteen: `28.0000001`
/// and `18.004999999999999` stay what they are.
fn hundredths_of_a_double(rate: Decimal) -> Option<i64> {
    hundredths(rate).or_else(|| {
        let digits = rate.mantissa().unsigned_abs().checked_ilog10()? + 1;
        if digits <= DOUBLE_DIGITS {
            return None;
        }
        hundredths(rate.round_sf(DOUBLE_DIGITS)?)
    })
}

/// The index in [`RATES`] of the rate equal to `rate` (as a decimal, or a double's noise aside), if any
/// notification sets it.
fn index(rate: Decimal) -> Option<usize> {
    let value = hundredths_of_a_double(rate)?;
    KNOWN
        .iter()
        .position(|known| known.hundredths == Some(value))
}

/// The first instant (midnight in India) an invoice may carry `rate`, in Unix seconds.
pub(crate) fn valid_from(rate: &Rate) -> Option<i64> {
    timestamp::unix_seconds(&format!("{}T00:00:00+05:30", rate.from))
}

/// For a rate some notification sets, that rate and, for one a notification brought in after GST's first
/// rate notifications, the first instant an invoice may carry it (`None` for a rate GST began with:
/// nothing to wait for). `None` for a rate no notification sets.
pub(crate) fn introduced(rate: Decimal) -> Option<(&'static Rate, Option<i64>)> {
    let index = index(rate)?;
    let known = &RATES[index];
    let from = if known.from == GST_RATES_ISSUED {
        None
    } else {
        KNOWN[index].from
    };
    Some((known, from))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is wrong with a rate.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum RateFault {
        /// No notification ever set it.
        Never,
        /// A notification set it only after the invoice's date: this one.
        NotYet(&'static Rate),
    }

    /// What `gst-rate-notified` makes of `rate` on an invoice dated `at`.
    fn fault(rate: Decimal, at: Option<i64>) -> Option<RateFault> {
        match introduced(rate) {
            None => Some(RateFault::Never),
            Some((known, Some(from))) if at.is_some_and(|at| at < from) => {
                Some(RateFault::NotYet(known))
            }
            Some(_) => None,
        }
    }

    fn decimal(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn the_table_is_in_order_and_every_date_reads() {
        for pair in RATES.windows(2) {
            assert!(decimal(pair[0].percent) < decimal(pair[1].percent));
        }
        for rate in &RATES {
            let from = valid_from(rate).unwrap_or_else(|| panic!("{}", rate.from));
            assert!(from >= valid_from(&RATES[0]).unwrap(), "{}", rate.percent);
            assert!(
                rate.notification.contains("Notification"),
                "{}",
                rate.percent
            );
        }
    }

    #[test]
    fn hundredths_of_every_scale() {
        for (text, value) in [
            ("18", Some(1800)),
            ("18.0", Some(1800)),
            ("18.00000", Some(1800)),
            ("0.25", Some(25)),
            ("0.250", Some(25)),
            ("0.001", None),
            ("-18", Some(-1800)),
            ("0", Some(0)),
            ("0.0000000000000000000000000001", None),
            ("79228162514264337593543950335", None),
        ] {
            assert_eq!(hundredths(decimal(text)), value, "{text}");
        }
        for rate in &RATES {
            assert!(
                hundredths(decimal(rate.percent)).is_some(),
                "{}",
                rate.percent
            );
        }
    }

    #[test]
    fn a_doubles_noise_past_fifteen_digits_is_not_a_new_rate() {
        for (text, value) in [
            ("28.000000000000004", Some(2800)),
            ("7.000000000000001", Some(700)),
            ("14.000000000000002", Some(1400)),
            ("3.5000000000000004", Some(350)),
            ("17.999999999999996", Some(1800)),
            ("28.00000000000000", Some(2800)),
            ("28.0000001", None),
            ("18.004999999999999", None),
            ("18.01", Some(1801)),
        ] {
            assert_eq!(hundredths_of_a_double(decimal(text)), value, "{text}");
        }
        assert!(introduced(decimal("28.000000000000004")).is_some());
        assert!(introduced(decimal("16.000000000000004")).is_none());
    }

    /// The rate of `percent` in the table.
    fn rate(percent: &str) -> &'static Rate {
        RATES.iter().find(|rate| rate.percent == percent).unwrap()
    }

    #[test]
    fn rates_by_value_and_date() {
        let before = timestamp::unix_seconds("2025-09-16T23:59:59+05:30");
        let on = timestamp::unix_seconds("2025-09-17T00:00:00+05:30");
        for ok in [
            "0", "0.00", "0.1", "0.25", "1", "1.5", "3", "3.25", "5", "6", "7.5", "7.8", "8",
            "11.7", "12", "18.00", "18.2", "18.20", "28",
        ] {
            assert_eq!(fault(decimal(ok), before), None, "{ok}");
            assert_eq!(fault(decimal(ok), None), None, "{ok}");
        }
        for never in ["17", "9", "2.5", "14", "0.5", "20", "100", "-18", "18.01"] {
            assert_eq!(fault(decimal(never), on), Some(RateFault::Never), "{never}");
            assert_eq!(
                fault(decimal(never), None),
                Some(RateFault::Never),
                "{never}"
            );
        }
        assert_eq!(
            fault(decimal("40"), before),
            Some(RateFault::NotYet(rate("40")))
        );
        assert_eq!(fault(decimal("40"), on), None);
        assert_eq!(fault(decimal("40"), None), None);
        let old = timestamp::unix_seconds("2018-01-01T00:00:00+05:30");
        assert_eq!(fault(decimal("6"), old), Some(RateFault::NotYet(rate("6"))));
        assert_eq!(fault(decimal("0.1"), old), None);
    }

    /// Notification 38/2017-Integrated Tax (Rate) (37/2017-Central Tax (Rate) for CGST), 13 October 2017: a
    /// vehicle purchased and leased before 1 July 2017 is taxed at 65 % of the rate otherwise applicable, so
    /// a lease rental's gstRate is 18.2 (of 28), 11.7 (of 18), 7.8 (of 12) or 3.25 (of 5), from the
    /// notification's date. The concession stops on 1 July 2020, but an invoice after it may still carry
    /// the rate (a rental paid before then, CGST Act s.14(a)(iii)), so, like every rate, it has no end.
    #[test]
    fn sixty_five_percent_of_a_rate_for_vehicles_leased_before_gst() {
        let before = timestamp::unix_seconds("2017-10-12T23:59:59+05:30");
        let on = timestamp::unix_seconds("2017-10-13T00:00:00+05:30");
        let later = timestamp::unix_seconds("2020-07-15T00:00:00+05:30");
        for (percent, of) in [("3.25", "5"), ("7.8", "12"), ("11.7", "18"), ("18.2", "28")] {
            assert_eq!(
                decimal(percent),
                decimal(of) * decimal("0.65"),
                "{percent} is 65 % of {of}"
            );
            assert_eq!(fault(decimal(percent), on), None, "{percent}");
            assert_eq!(fault(decimal(percent), later), None, "{percent}");
            assert_eq!(
                fault(decimal(percent), before),
                Some(RateFault::NotYet(rate(percent))),
                "{percent}"
            );
        }
        // Not every 65 %: 65 % of 40 (26) was never a rate, since the concession ended in 2020.
        assert_eq!(fault(decimal("26"), later), Some(RateFault::Never));
    }
}
