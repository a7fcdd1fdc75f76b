//! The GST rates the notifications set, for `gst-rate-notified`: every rate an item's `gstRate` may be,
//! with the notification that first set it and the date from which an invoice may carry it. This table is
//! the only place the rates live; docs/rules-sources.md (CBIC-RATE) quotes the notifications.
//!
//! `gstRate` is the IGST rate, or CGST and SGST together (NIC's validations: "In case of intra-state
//! transaction, the sum of SGST and CGST tax rates should be entered as GST Rate"), so the rates are the
//! Integrated Tax (Rate) notifications' (the Central Tax (Rate) notifications set half of each). Rates are
//! only ever added here: a rate a later notification stopped using for some goods (12 and 28 since 22
//! September 2025) still applies to others (bricks at 12, Notification 14/2025-IT(Rate); Schedule VII's
//! 28) and to supplies made before the change, so no rate has an end date.
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

/// Every rate, in increasing order.
pub(crate) const RATES: [Rate; 13] = [
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

/// What is wrong with a rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RateFault {
    /// No notification ever set it.
    Never,
    /// A notification set it only after the invoice's date: this one.
    NotYet(&'static Rate),
}

/// The rate equal to `rate` (as a decimal: 18, 18.0 and 18.00 are one), if any notification sets it.
pub(crate) fn find(rate: Decimal) -> Option<&'static Rate> {
    // Read once: an invoice's every line asks.
    static PERCENTS: LazyLock<Vec<Option<Decimal>>> =
        LazyLock::new(|| RATES.iter().map(|r| r.percent.parse().ok()).collect());
    let index = PERCENTS.iter().position(|percent| *percent == Some(rate))?;
    RATES.get(index)
}

/// The first instant (midnight in India) an invoice may carry `rate`, in Unix seconds.
pub(crate) fn valid_from(rate: &Rate) -> Option<i64> {
    timestamp::unix_seconds(&format!("{}T00:00:00+05:30", rate.from))
}

/// The first instant an invoice may carry `rate`, for a rate a notification brought in after GST's
/// first rate notifications; `None` for a rate GST began with (nothing to wait for).
pub(crate) fn introduced(rate: &Rate) -> Option<i64> {
    if rate.from == GST_RATES_ISSUED {
        None
    } else {
        valid_from(rate)
    }
}

/// Whether `rate` is one no notification sets, or one set only after `at` (Unix seconds; `None` when the
/// invoice's date is unknown, when any rate ever set is accepted).
pub(crate) fn fault(rate: Decimal, at: Option<i64>) -> Option<RateFault> {
    let Some(known) = find(rate) else {
        return Some(RateFault::Never);
    };
    match (at, valid_from(known)) {
        (Some(at), Some(from)) if at < from => Some(RateFault::NotYet(known)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn rates_by_value_and_date() {
        let before = timestamp::unix_seconds("2025-09-16T23:59:59+05:30");
        let on = timestamp::unix_seconds("2025-09-17T00:00:00+05:30");
        for ok in [
            "0", "0.00", "0.1", "0.25", "1", "1.5", "3", "5", "6", "7.5", "12", "18.00", "28",
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
            Some(RateFault::NotYet(&RATES[12]))
        );
        assert_eq!(fault(decimal("40"), on), None);
        assert_eq!(fault(decimal("40"), None), None);
        let old = timestamp::unix_seconds("2018-01-01T00:00:00+05:30");
        assert_eq!(fault(decimal("6"), old), Some(RateFault::NotYet(&RATES[7])));
        assert_eq!(fault(decimal("0.1"), old), None);
    }
}
