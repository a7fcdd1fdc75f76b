//! proptest strategies for arbitrary valid documents of every kind, built at test time from the checked-in
//! schema, and what the property tests share: the case count ([`config`]), a model of the schema that walks
//! documents ([`schema_model`]), the document and value strategies it drives ([`document`]), the
//! pattern-string strategies ([`pattern`]) and a locator of values in JSON text ([`locate`]).
//!
//! Nothing here names a document kind, a member or a generated type: [`document::document`] walks the
//! schema of any kind, so a member or a kind added to the schema is generated with no edit here. A test
//! (`prop_valid.rs`) walks the schema and checks that every member of every object appears in some
//! generated document, and that the values reach the edges below.
//!
//! What the strategies draw from, per schema node:
//! - required members always, optional ones present and absent, arrays empty, short and long;
//! - `pattern`: strings matching it, built from the pattern's class steps (`^[class]{m,n}…$`) with the 1-
//!   and N-character edges and strings of one UTF-8 width only (so up to N four-byte characters)
//!   ([`pattern::pattern_string`]); any other pattern through `proptest`'s regex generator;
//! - `format: date-time`: calendar-valid RFC 3339 timestamps, leap days, month ends, leap seconds, `T`/`t`,
//!   `Z`/`z` and offsets ([`timestamp_text`]), kept to the node's pattern;
//! - `enum`: its values; `x-known-values`: the known values, and arbitrary unknown strings and near misses
//!   of the known ones, never a known value ([`unknown_value`]);
//! - `number`: exact decimals with 0 to 3 decimal places and up to 16 significant digits, written from an
//!   integer mantissa and a scale so that their text is exact ([`decimal_text`]), as JSON numbers that keep
//!   that text (serde_json's `arbitrary_precision`); `integer`: the whole `i64` range ([`integer`]);
//! - plain strings: any Unicode scalar values, control characters, quotes, backslashes and 1- to 4-byte
//!   characters included ([`text`]).

pub mod document;
pub mod locate;
pub mod pattern;
pub mod schema_model;

use std::fmt::Debug;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, FileFailurePersistence, RngAlgorithm, TestRng, TestRunner};

/// The environment variable that sets the number of cases of every property (default
/// [`DEFAULT_CASES`]).
pub const CASES_VAR: &str = "BC_INVOICE_PROPTEST_CASES";

/// The number of cases of every property unless [`CASES_VAR`] says otherwise.
pub const DEFAULT_CASES: u32 = 256;

/// The number of cases every property runs: [`CASES_VAR`] if set, else [`DEFAULT_CASES`].
///
/// # Panics
/// If the variable is set to something other than a positive integer: a typo must not silently run the
/// default.
pub fn cases() -> u32 {
    match std::env::var(CASES_VAR) {
        Ok(text) => match text.trim().parse::<u32>() {
            Ok(n) if n > 0 => n,
            _ => panic!("{CASES_VAR}={text:?} is not a positive integer"),
        },
        Err(_) => DEFAULT_CASES,
    }
}

/// The proptest configuration of every property: [`cases`] cases, the XorShift generator, and failures
/// persisted next to the test file (`tests/tests/prop_x.rs` keeps its failing seeds in
/// `tests/tests/prop_x.proptest-regressions`, checked in, replayed first on every run).
///
/// XorShift, not proptest's default ChaCha: every `prop_oneof!` and optional member forks the generator
/// for the alternatives it may shrink to, and a ChaCha fork costs a key setup, which in a debug build made
/// drawing a create-invoice request five times slower.
pub fn config() -> Config {
    Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        rng_algorithm: RngAlgorithm::XorShift,
        ..Config::with_cases(cases())
    }
}

/// A runner that draws the same values on every run (XorShift, as [`config`]), for tests that look at
/// what the strategies draw.
pub fn deterministic() -> TestRunner {
    TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(RngAlgorithm::XorShift),
    )
}

// ---- characters and strings ---------------------------------------------------------------------------

/// The number of bytes a character takes in UTF-8: the widths the strategies are asked to cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Width {
    /// U+0000 to U+007F.
    One,
    /// U+0080 to U+07FF.
    Two,
    /// U+0800 to U+FFFF, surrogates excluded.
    Three,
    /// U+10000 to U+10FFFF.
    Four,
}

/// The four widths.
pub const WIDTHS: [Width; 4] = [Width::One, Width::Two, Width::Three, Width::Four];

impl Width {
    /// The code points of this width (the surrogates fall inside [`Width::Three`]'s and are no
    /// characters).
    pub fn range(self) -> (u32, u32) {
        match self {
            Width::One => (0, 0x7f),
            Width::Two => (0x80, 0x7ff),
            Width::Three => (0x800, 0xffff),
            Width::Four => (0x1_0000, 0x10_ffff),
        }
    }

    /// The width of a character.
    pub fn of(c: char) -> Width {
        match c.len_utf8() {
            1 => Width::One,
            2 => Width::Two,
            3 => Width::Three,
            _ => Width::Four,
        }
    }
}

/// Any character of one UTF-8 width (ASCII control characters included for [`Width::One`]).
pub fn char_of_width(width: Width) -> BoxedStrategy<char> {
    match width {
        Width::One => proptest::char::range('\0', '\u{7f}').boxed(),
        Width::Two => proptest::char::range('\u{80}', '\u{7ff}').boxed(),
        Width::Three => prop_oneof![
            proptest::char::range('\u{800}', '\u{d7ff}'),
            proptest::char::range('\u{e000}', '\u{ffff}'),
            // The line and paragraph separators, which JavaScript once refused raw in strings.
            select(vec!['\u{2028}', '\u{2029}', '\u{feff}', '\u{fffd}']),
        ]
        .boxed(),
        Width::Four => proptest::char::range('\u{10000}', '\u{10ffff}').boxed(),
    }
}

/// Any Unicode scalar value, weighted towards the ones that exercise JSON and UTF-8: printable ASCII,
/// control characters (which serde escapes), the quote, backslash and slash, and 2-, 3- and 4-byte
/// characters.
pub fn any_char() -> BoxedStrategy<char> {
    prop_oneof![
        6 => proptest::char::range(' ', '~'),
        1 => proptest::char::range('\0', '\u{1f}'),
        1 => select(vec!['"', '\\', '/', '\u{7f}']),
        2 => char_of_width(Width::Two),
        2 => char_of_width(Width::Three),
        2 => char_of_width(Width::Four),
        1 => any::<char>(),
    ]
    .boxed()
}

/// A small deterministic generator (SplitMix64) that turns one drawn seed into many characters: the
/// document strategies draw a string as a length and a seed, which costs two value trees instead of one
/// per character (a debug build spends most of its time there otherwise), and still shrinks: the length
/// towards the shortest string, the seed towards simpler characters.
#[derive(Debug, Clone)]
pub struct Chars {
    state: u64,
}

impl Chars {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Chars { state: seed }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n` > 0): the generator doubles as a seeded random source.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A character in `start..=end`, skipping the surrogates (the range must hold a character).
    pub fn in_range(&mut self, start: u32, end: u32) -> char {
        loop {
            let c = start + self.below(u64::from(end - start + 1)) as u32;
            if let Some(c) = char::from_u32(c) {
                return c;
            }
        }
    }

    /// A character of one UTF-8 width (ASCII control characters included for [`Width::One`]).
    pub fn of_width(&mut self, width: Width) -> char {
        match width {
            Width::Three if self.below(8) == 0 => {
                ['\u{2028}', '\u{2029}', '\u{feff}', '\u{fffd}'][self.below(4) as usize]
            }
            _ => {
                let (start, end) = width.range();
                self.in_range(start, end)
            }
        }
    }

    /// Any Unicode scalar value, weighted as [`any_char`] weighs them.
    pub fn any(&mut self) -> char {
        match self.below(15) {
            0..=5 => self.in_range(0x20, 0x7e),
            6 => self.in_range(0, 0x1f),
            7 => ['"', '\\', '/', '\u{7f}'][self.below(4) as usize],
            8 | 9 => self.of_width(Width::Two),
            10 | 11 => self.of_width(Width::Three),
            12 | 13 => self.of_width(Width::Four),
            _ => self.in_range(0, 0x10_ffff),
        }
    }
}

/// Free text: any string of Unicode scalar values (control characters, quotes, backslashes and 2- to
/// 4-byte characters included), mostly short, sometimes long, sometimes empty.
pub fn text() -> BoxedStrategy<String> {
    let length = prop_oneof![6 => 0usize..=12, 1 => 13usize..=120];
    (length, any::<u64>())
        .prop_map(|(length, seed)| {
            let mut chars = Chars::new(seed);
            (0..length).map(|_| chars.any()).collect()
        })
        .boxed()
}

// ---- date-times ---------------------------------------------------------------------------------------

/// Whether a year of the proleptic Gregorian calendar is a leap year.
pub fn is_leap_year(year: u32) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

/// The days of a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// A UTC offset as RFC 3339 writes it (`Z`, `z` or `±hh:mm`, hours 00–23), with its value in minutes east.
pub fn utc_offset() -> BoxedStrategy<(String, i32)> {
    prop_oneof![
        2 => Just(("Z".to_owned(), 0)),
        1 => Just(("z".to_owned(), 0)),
        1 => Just(("+05:30".to_owned(), 330)),
        4 => (any::<bool>(), 0i32..=23, 0i32..=59).prop_map(|(east, h, m)| {
            let sign = if east { '+' } else { '-' };
            let minutes = if east { h * 60 + m } else { -(h * 60 + m) };
            (format!("{sign}{h:02}:{m:02}"), minutes)
        }),
    ]
    .boxed()
}

/// A date that exists in the proleptic Gregorian calendar, years 0000–9999: any day (a drawn day past the
/// month's end becomes its last day, so month ends come often), and often 29 February of a leap year.
pub fn date() -> BoxedStrategy<(u32, u32, u32)> {
    let any_day = (0u32..=9999, 1u32..=12, 1u32..=31)
        .prop_map(|(year, month, day)| (year, month, day.min(days_in_month(year, month))));
    let leap_day = (0u32..=2499).prop_map(|k| {
        let year = k * 4;
        // 1900, 2100, … are not leap years: the leap year before them is.
        let year = if is_leap_year(year) { year } else { year - 4 };
        (year, 2, 29)
    });
    prop_oneof![8 => any_day, 1 => leap_day].boxed()
}

/// The text of a valid RFC 3339 date-time with an offset: years 0000–9999, days that exist in their month
/// ([`date`]: leap days and month ends often), fractional seconds of any length or none, `T`/`t`, and now
/// and then a leap second, 23:59:60 in UTC at the local time the offset makes of it.
pub fn timestamp_text() -> BoxedStrategy<String> {
    (
        date(),
        (0u32..=23, 0u32..=59, 0u32..=59),
        (0usize..=12, any::<u64>()),
        utc_offset(),
        select(vec!['T', 't']),
        proptest::bool::weighted(0.05),
    )
        .prop_map(
            |((year, month, day), (hour, minute, second), (digits, seed), (offset, east), t, leap)| {
                let (hour, minute, second) = if leap {
                    // Local time of 23:59 UTC: UTC plus the offset.
                    let local = (23 * 60 + 59 + east).rem_euclid(24 * 60) as u32;
                    (local / 60, local % 60, 60)
                } else {
                    (hour, minute, second)
                };
                let mut chars = Chars::new(seed);
                let fraction: String = (0..digits)
                    .map(|_| char::from(b'0' + chars.below(10) as u8))
                    .collect();
                let fraction = if fraction.is_empty() {
                    fraction
                } else {
                    format!(".{fraction}")
                };
                format!(
                    "{year:04}-{month:02}-{day:02}{t}{hour:02}:{minute:02}:{second:02}{fraction}{offset}"
                )
            },
        )
        .boxed()
}

// ---- numbers ------------------------------------------------------------------------------------------

/// The text of the decimal `mantissa × 10^-scale`, with exactly `scale` decimal places: `(0, 3)` is `0.000`,
/// `(-5, 3)` is `-0.005`, `(18550, 2)` is `185.50`.
pub fn exact_decimal(mantissa: i64, scale: u32) -> String {
    let digits = mantissa.unsigned_abs().to_string();
    let scale = scale as usize;
    let sign = if mantissa < 0 { "-" } else { "" };
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let digits = format!("{digits:0>width$}", width = scale + 1);
    let (whole, fraction) = digits.split_at(digits.len() - scale);
    format!("{sign}{whole}.{fraction}")
}

/// The text of an exact decimal with 0 to 3 decimal places and 1 to 16 significant digits, positive,
/// negative or zero, made from an integer mantissa and a scale ([`exact_decimal`]) so that the text is
/// exactly those digits: `0`, `0.000`, `-0.5`, `185.50`, `9999999999999999`, `9999999999999.999`.
pub fn decimal_text() -> BoxedStrategy<String> {
    let zero = (0u32..=3).prop_map(|scale| exact_decimal(0, scale));
    let small = (-1000i64..=1000, 0u32..=3).prop_map(|(m, scale)| exact_decimal(m, scale));
    let full = (1u32..=16, 0u32..=3, any::<bool>(), any::<u64>()).prop_map(
        |(digits, scale, negative, raw)| {
            let low = 10u64.pow(digits - 1);
            let high = 10u64.pow(digits) - 1;
            let magnitude = i64::try_from(low + raw % (high - low + 1)).expect("16 digits fit");
            exact_decimal(if negative { -magnitude } else { magnitude }, scale)
        },
    );
    let edges = select(vec![
        (9_999_999_999_999_999, 0),
        (-9_999_999_999_999_999, 0),
        (9_999_999_999_999_999, 3),
        (1, 3),
        (-1, 3),
        (1_000_000_000_000_000, 0),
    ])
    .prop_map(|(m, scale)| exact_decimal(m, scale));
    prop_oneof![1 => zero, 2 => small, 6 => full, 1 => edges].boxed()
}

/// [`decimal_text`] as a JSON number that keeps its text (serde_json's `arbitrary_precision`), never
/// through an `f64`.
pub fn decimal_number() -> BoxedStrategy<serde_json::Number> {
    decimal_text()
        .prop_map(|text| {
            text.parse::<serde_json::Number>()
                .unwrap_or_else(|e| panic!("{text} is a JSON number: {e}"))
        })
        .boxed()
}

/// An integer anywhere in `i64`, its edges and small values drawn often.
pub fn integer() -> BoxedStrategy<i64> {
    prop_oneof![
        3 => any::<i64>(),
        3 => -1000i64..=1000,
        1 => select(vec![0, 1, -1, i64::MIN, i64::MAX, i64::MIN + 1, i64::MAX - 1]),
    ]
    .boxed()
}

// ---- lists --------------------------------------------------------------------------------------------

/// An unknown value of an open list: an arbitrary string, or a near miss of a known value (another case, a
/// trailing space, a prefix), never a known value.
pub fn unknown_value(known: Vec<String>) -> BoxedStrategy<String> {
    let prefix = |k: String| {
        let mut chars = k.chars();
        chars.next_back();
        chars.as_str().to_owned()
    };
    prop_oneof![
        3 => text(),
        1 => select(known.clone()).prop_map(|k| k.to_lowercase()),
        1 => select(known.clone()).prop_map(|k| format!("{k} ")),
        1 => select(known.clone()).prop_map(prefix),
    ]
    .prop_filter("an unknown value", move |s| !known.contains(s))
    .boxed()
}

/// An open list's value: one of its known values or, a quarter of the time, an unknown one.
pub fn open_list(known: Vec<String>) -> BoxedStrategy<String> {
    prop_oneof![
        3 => select(known.clone()),
        1 => unknown_value(known),
    ]
    .boxed()
}

/// A list from empty to many: empty, a few, or 4 up to `many`.
pub fn list<S>(element: S, many: usize) -> BoxedStrategy<Vec<S::Value>>
where
    S: Strategy + Clone + 'static,
    S::Value: Debug + Clone,
{
    prop_oneof![
        1 => Just(Vec::new()),
        3 => vec(element.clone(), 1..=3),
        1 => vec(element, 4..=many.max(4)),
    ]
    .boxed()
}

// ---- references ---------------------------------------------------------------------------------------

/// The reference validator of a kind ([`crate::reference_validator`]), built once per process.
pub fn reference(kind: &str) -> &'static jsonschema::Validator {
    use std::collections::BTreeMap;
    use std::sync::{LazyLock, Mutex};

    static CACHE: LazyLock<Mutex<BTreeMap<String, &'static jsonschema::Validator>>> =
        LazyLock::new(|| Mutex::new(BTreeMap::new()));
    let mut cache = CACHE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cache
        .entry(kind.to_owned())
        .or_insert_with(|| Box::leak(Box::new(crate::reference_validator(kind))))
}

/// Whether the reference crate (`jsonschema`, format validation on) accepts a string as a `date-time`.
pub fn reference_date_time(text: &str) -> bool {
    static FORMAT: std::sync::LazyLock<jsonschema::Validator> = std::sync::LazyLock::new(|| {
        jsonschema::options()
            .should_validate_formats(true)
            .build(&serde_json::json!({"format": "date-time"}))
            .expect("compiles")
    });
    FORMAT.is_valid(&serde_json::json!(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_from_mantissa_and_scale() {
        assert_eq!(exact_decimal(0, 0), "0");
        assert_eq!(exact_decimal(0, 3), "0.000");
        assert_eq!(exact_decimal(-5, 3), "-0.005");
        assert_eq!(exact_decimal(18_550, 2), "185.50");
        assert_eq!(exact_decimal(-5, 1), "-0.5");
        assert_eq!(exact_decimal(9_999_999_999_999_999, 3), "9999999999999.999");
        assert_eq!(exact_decimal(i64::MIN, 0), i64::MIN.to_string());
        // The JSON number keeps the text, trailing zeros included.
        let number: serde_json::Number = "185.50".parse().unwrap();
        assert_eq!(number.to_string(), "185.50");
        assert_eq!(
            serde_json::to_string(&serde_json::Value::Number(number)).unwrap(),
            "185.50"
        );
    }

    #[test]
    fn leap_days_and_days_in_month() {
        assert!(is_leap_year(2000) && is_leap_year(2024) && is_leap_year(0));
        assert!(!is_leap_year(1900) && !is_leap_year(2026));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2026, 4), 30);
    }
}
