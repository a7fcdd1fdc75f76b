//! `invoice.ts` is not before 2017-07-01T00:00:00+05:30, when GST began, and not more than a day after
//! the time of validation (see [`RuleSet::now`](crate::RuleSet::now)). A `ts` that is not an RFC 3339 date-time is the schema's
//! finding, not this rule's.
//!
//! Source: CBIC Notification 9/2017-Central Tax, bringing the CGST Act's levy into force on 1 July 2017
//! (CGST-ACT); the documentation describes `ts` as the time the invoice was created (DOC). Tolerance: 0 s
//! before GST; 86 400 s into the future (the rules' allowance for clocks that disagree).

use super::{Rule, RuleId};
use crate::rules::facts::Fact;
use crate::rules::hooks::{Check, Sink};
use crate::rules::timestamp;

/// The day into the future a `ts` may be, for clocks that disagree: 24 hours, in seconds.
const FUTURE_ALLOWANCE: i64 = 86_400;

/// The rule: its id and name, summary, tolerance, source and default level.
pub const RULE: Rule = Rule::warn(
    RuleId::TimestampPlausible,
    "timestamp-plausible",
    "ts is not before 2017-07-01 (GST began) nor more than a day in the future",
    "0 s before; 86400 s ahead",
    "CBIC Notification 9/2017-Central Tax (CGST Act in force)",
);

/// The rule's hooks.
pub(crate) struct Hook;

impl Check for Hook {
    fn timestamp(out: &mut Sink<'_>, rule: RuleId, fact: &Fact<'_>, at: i64) {
        if at < timestamp::GST_BEGAN {
            out.report(rule, fact, |found| {
                format!("ts {found} is before 2017-07-01T00:00:00+05:30, when GST began")
            });
        } else if at > out.now().saturating_add(FUTURE_ALLOWANCE) {
            let now = timestamp::format_utc(out.now());
            out.report(rule, fact, |found| {
                format!("ts {found} is more than a day after the time of validation, {now}")
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::roles::Role;
    use crate::rules::hooks::testing::{fact, found, one, sink};

    fn check(raw: &'static str) -> Vec<(String, String)> {
        let fact = fact(Role::Timestamp, "/invoice/ts", raw);
        let at = timestamp::unix_seconds(raw.trim_matches('"')).unwrap();
        let mut out = sink();
        Hook::timestamp(&mut out, RuleId::TimestampPlausible, &fact, at);
        found(&out)
    }

    #[test]
    fn the_rule_passes_a_good_value_and_reports_a_bad_one() {
        assert_eq!(check("\"2026-11-20T16:42:10+05:30\""), []);
        assert_eq!(check("\"2017-06-30T23:59:59+05:30\""), one("/invoice/ts", "ts \"2017-06-30T23:59:59+05:30\" is before 2017-07-01T00:00:00+05:30, when GST began"));
    }
}
