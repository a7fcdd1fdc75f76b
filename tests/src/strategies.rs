//! proptest strategies for arbitrary valid documents of all five kinds, written against the generated types,
//! and what the property tests share: the case count ([`config`]), a model of the checked-in schema that
//! walks documents ([`schema_model`]) and a locator of values in JSON text ([`locate`]).
//!
//! Every struct is built with a full struct literal (no `..`, no `new`): a member added to the schema adds a
//! field to the generated type, and these strategies stop compiling until they generate it. A test
//! (`prop_valid.rs`) also walks the schema and checks that every member of every object appears in some
//! generated document.
//!
//! What the strategies draw from:
//! - pattern-constrained strings from their pattern, with 1- to 4-byte UTF-8 characters and the 1- and
//!   N-character edges ([`limited_text`], [`object_id`], [`timestamp`]);
//! - the closed list from its values, open lists from their known values and from arbitrary unknown strings
//!   (parsed, so an unknown variant never holds a known value);
//! - optional members present and absent, arrays from empty to many;
//! - amounts with 0 to 3 decimal places and up to 16 significant digits, made from an integer mantissa and a
//!   scale so that their text is exact ([`decimal`]); integers across the whole `i64` range;
//! - free text of any Unicode scalar values, control characters included ([`text`]).

pub mod locate;
pub mod schema_model;

use std::fmt::Debug;

use bc_invoice_types::{
    AdditionalDocument, Address, AddressType, AdvancePaymentDetails, ApiResponse, Attribute, B2bId,
    B2bIds, BatchDetails, BuyerDetails, BuyerResponse, ChangeInvoiceStatusRequest,
    ConfirmInvoiceRequest, ContactNumber, ContactType, ContractReference, Country,
    CreateInvoiceRequest, Decimal, Device, DeviceTag, DeviceTagName, DispatchDetails, EInvoiceInfo,
    EditInvoiceRequest, EwayBillDetail, ExportDetails, Invoice, InvoiceAdjustment,
    InvoiceConfirmation, InvoiceFinancingDetails, InvoiceReferenceDetails, InvoiceStatus, Item,
    ItemAdjustment, LifecycleStatus, ObjectId, ObjectVersion, OtherTax, PaymentMilestone, PoDetail,
    PrecedingInvoice, RecurringPayments, Remarks, ShippingDetails, ShippingTermsDetails, State,
    StatusTransition, SupplierAction, SupplierBankAccountDetails, SupplierDetails,
    SupplierInvoiceNumber, SupplyType, TaxScheme, Timestamp, TransactionDetails, TypedValue,
    ValueDetails, YesNo,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, FileFailurePersistence};

use bc_invoice_validate::Document;

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

/// The proptest configuration of every property: [`cases`] cases, and failures persisted next to the
/// test file (`tests/tests/prop_x.rs` keeps its failing seeds in `tests/tests/prop_x.proptest-regressions`,
/// checked in, replayed first on every run).
pub fn config() -> Config {
    Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..Config::with_cases(cases())
    }
}

// ---- characters and strings ---------------------------------------------------------------------------

/// The number of bytes a character takes in UTF-8: the widths the strategies are asked to cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

    /// A character in `start..=end`, skipping the surrogates.
    fn in_range(&mut self, start: u32, end: u32) -> char {
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
            Width::One => self.in_range(0, 0x7f),
            Width::Two => self.in_range(0x80, 0x7ff),
            Width::Three => match self.below(8) {
                0 => ['\u{2028}', '\u{2029}', '\u{feff}', '\u{fffd}'][self.below(4) as usize],
                _ => self.in_range(0x800, 0xffff),
            },
            Width::Four => self.in_range(0x1_0000, 0x10_ffff),
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

    /// Any character but the backslash and the double quote: what `[^\\"]` matches.
    pub fn unquoted(&mut self) -> char {
        loop {
            let c = self.any();
            if !matches!(c, '\\' | '"') {
                return c;
            }
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

/// A string matching `^[^\\"]{1,max}$` (the `b2bId`, `remarks` and `supplierInvoiceNumber` patterns):
/// 1 to `max` characters, none a backslash or a double quote, with the 1- and `max`-character edges and
/// strings of one UTF-8 width only (so up to `max` four-byte characters) drawn often.
pub fn limited_text(max: usize) -> BoxedStrategy<String> {
    let length = prop_oneof![
        4 => 1..=max.min(24),
        2 => 1..=max,
        1 => Just(1),
        2 => Just(max),
    ];
    // `None`: characters of any width; `Some(width)`: of that width only.
    let widths = prop_oneof![
        3 => Just(None),
        1 => select(WIDTHS.to_vec()).prop_map(Some),
    ];
    (length, widths, any::<u64>())
        .prop_map(|(length, width, seed)| {
            let mut chars = Chars::new(seed);
            (0..length)
                .map(|_| match width {
                    None => chars.unquoted(),
                    Some(width) => loop {
                        let c = chars.of_width(width);
                        if !matches!(c, '\\' | '"') {
                            break c;
                        }
                    },
                })
                .collect()
        })
        .boxed()
}

/// The longest `b2bId`, in characters.
pub const B2B_ID_MAX: usize = 100;
/// The longest `remarks`, in characters.
pub const REMARKS_MAX: usize = 100;
/// The longest `supplierInvoiceNumber`, in characters.
pub const SUPPLIER_INVOICE_NUMBER_MAX: usize = 50;

/// A [`B2bId`]: drawn from `^[^\\"]{1,100}$`.
pub fn b2b_id() -> BoxedStrategy<B2bId> {
    limited_text(B2B_ID_MAX)
        .prop_map(|s| B2bId::try_from(s).expect("drawn from the b2bId pattern"))
        .boxed()
}

/// A [`Remarks`]: drawn from `^[^\\"]{1,100}$`.
pub fn remarks() -> BoxedStrategy<Remarks> {
    limited_text(REMARKS_MAX)
        .prop_map(|s| Remarks::try_from(s).expect("drawn from the remarks pattern"))
        .boxed()
}

/// A [`SupplierInvoiceNumber`]: drawn from `^[^\\"]{1,50}$`.
pub fn supplier_invoice_number() -> BoxedStrategy<SupplierInvoiceNumber> {
    limited_text(SUPPLIER_INVOICE_NUMBER_MAX)
        .prop_map(|s| {
            SupplierInvoiceNumber::try_from(s)
                .expect("drawn from the supplierInvoiceNumber pattern")
        })
        .boxed()
}

/// A string matching `^[INV]{3}[A-Za-z0-9]{32,32}$`, the `objectId` pattern (so `NNV…` and `VIN…` too).
pub fn object_id_text() -> BoxedStrategy<String> {
    let prefix = prop_oneof![
        3 => Just("INV".to_owned()),
        2 => vec(select(vec!['I', 'N', 'V']), 3).prop_map(String::from_iter),
    ];
    let alnum = prop_oneof![
        proptest::char::range('A', 'Z'),
        proptest::char::range('a', 'z'),
        proptest::char::range('0', '9'),
    ];
    (prefix, vec(alnum, 32))
        .prop_map(|(prefix, body)| prefix + &String::from_iter(body))
        .boxed()
}

/// An [`ObjectId`], drawn from its pattern.
pub fn object_id() -> BoxedStrategy<ObjectId> {
    object_id_text()
        .prop_map(|s| ObjectId::try_from(s).expect("drawn from the objectId pattern"))
        .boxed()
}

/// The days of a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
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

/// The text of a valid RFC 3339 date-time with an offset: years 0000–9999, days that exist in their month
/// (29 February in leap years only), fractional seconds of any length or none, `T`/`t`, and now and then a
/// leap second, 23:59:60 in UTC at the local time the offset makes of it.
pub fn timestamp_text() -> BoxedStrategy<String> {
    (0u32..=9999, 1u32..=12)
        .prop_flat_map(|(year, month)| {
            (
                Just(year),
                Just(month),
                1..=days_in_month(year, month),
                (0u32..=23, 0u32..=59, 0u32..=59),
                option::of(vec(proptest::char::range('0', '9'), 1..=12)),
                utc_offset(),
                select(vec!['T', 't']),
                proptest::bool::weighted(0.05),
            )
        })
        .prop_map(
            |(year, month, day, (hour, minute, second), fraction, (offset, east), t, leap)| {
                let (hour, minute, second) = if leap {
                    // Local time of 23:59 UTC: UTC plus the offset.
                    let local = (23 * 60 + 59 + east).rem_euclid(24 * 60) as u32;
                    (local / 60, local % 60, 60)
                } else {
                    (hour, minute, second)
                };
                let fraction = fraction
                    .map(|digits| format!(".{}", String::from_iter(digits)))
                    .unwrap_or_default();
                format!(
                    "{year:04}-{month:02}-{day:02}{t}{hour:02}:{minute:02}:{second:02}{fraction}{offset}"
                )
            },
        )
        .boxed()
}

/// A [`Timestamp`], drawn from [`timestamp_text`].
pub fn timestamp() -> BoxedStrategy<Timestamp> {
    timestamp_text()
        .prop_map(|s| Timestamp::try_from(s.as_str()).expect("a valid RFC 3339 date-time"))
        .boxed()
}

// ---- numbers ------------------------------------------------------------------------------------------

/// An exact decimal with 0 to 3 decimal places and 1 to 16 significant digits, positive, negative or zero,
/// made from an integer mantissa and a scale so that its text is exactly those digits: `0`, `0.000`,
/// `-0.5`, `185.50`, `9999999999999999`, `9999999999999.999`.
pub fn decimal() -> BoxedStrategy<Decimal> {
    let zero = (0u32..=3).prop_map(|scale| Decimal::new(0, scale));
    let small = (-1000i64..=1000, 0u32..=3).prop_map(|(m, scale)| Decimal::new(m, scale));
    let full = (1u32..=16, 0u32..=3, any::<bool>(), any::<u64>()).prop_map(
        |(digits, scale, negative, raw)| {
            let low = 10u64.pow(digits - 1);
            let high = 10u64.pow(digits) - 1;
            let magnitude = i64::try_from(low + raw % (high - low + 1)).expect("16 digits fit");
            Decimal::new(if negative { -magnitude } else { magnitude }, scale)
        },
    );
    let edges = select(vec![
        Decimal::new(9_999_999_999_999_999, 0),
        Decimal::new(-9_999_999_999_999_999, 0),
        Decimal::new(9_999_999_999_999_999, 3),
        Decimal::new(1, 3),
        Decimal::new(-1, 3),
        Decimal::new(1_000_000_000_000_000, 0),
    ]);
    prop_oneof![1 => zero, 2 => small, 6 => full, 1 => edges].boxed()
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

/// The closed list [`BuyerResponse`], from its values.
pub fn buyer_response() -> BoxedStrategy<BuyerResponse> {
    select(BuyerResponse::ALL.to_vec()).boxed()
}

/// An unknown value of an open list: an arbitrary string, or a near miss of a known value (another case, a
/// trailing space, a prefix), never a known value.
pub fn unknown_value(known: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        3 => text(),
        1 => select(known).prop_map(str::to_lowercase),
        1 => select(known).prop_map(|k| format!("{k} ")),
        1 => select(known).prop_map(|k| k[..k.len() - 1].to_owned()),
    ]
    .prop_filter("an unknown value", move |s| !known.contains(&s.as_str()))
    .boxed()
}

/// An open list's value: one of its known values (parsed to its own variant) or an unknown string parsed
/// to the `Unknown` variant.
pub fn open_enum<T>(known: &'static [&'static str]) -> BoxedStrategy<T>
where
    T: From<String> + Debug + Clone + 'static,
{
    prop_oneof![
        3 => select(known).prop_map(|k| T::from(k.to_owned())),
        1 => unknown_value(known).prop_map(T::from),
    ]
    .boxed()
}

/// A list from empty to many: empty, a few, or up to `many`.
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

/// An optional member, present or absent.
fn opt<S>(s: S) -> BoxedStrategy<Option<S::Value>>
where
    S: Strategy + 'static,
    S::Value: Debug,
{
    option::of(s).boxed()
}

/// An optional member of free text.
fn opt_text() -> BoxedStrategy<Option<String>> {
    opt(text())
}

/// An optional amount.
fn opt_decimal() -> BoxedStrategy<Option<Decimal>> {
    opt(decimal())
}

/// An optional array member, absent, empty or holding up to `many` elements.
fn opt_list<S>(element: S, many: usize) -> BoxedStrategy<Option<Vec<S::Value>>>
where
    S: Strategy + Clone + 'static,
    S::Value: Debug + Clone,
{
    opt(list(element, many))
}

// ---- objects ------------------------------------------------------------------------------------------

/// A [`DeviceTag`].
pub fn device_tag() -> BoxedStrategy<DeviceTag> {
    (open_enum(DeviceTagName::KNOWN_VALUES), text())
        .prop_map(|(name, value)| DeviceTag { name, value })
        .boxed()
}

/// A [`Device`].
pub fn device() -> BoxedStrategy<Device> {
    device_tag().prop_map(|tag| Device { tag }).boxed()
}

/// A [`B2bIds`].
pub fn b2b_ids() -> BoxedStrategy<B2bIds> {
    (b2b_id(), b2b_id())
        .prop_map(|(buyer_b2b_id, supplier_b2b_id)| B2bIds {
            buyer_b2b_id,
            supplier_b2b_id,
        })
        .boxed()
}

/// An [`ObjectVersion`].
pub fn object_version() -> BoxedStrategy<ObjectVersion> {
    (integer(), integer())
        .prop_map(|(current_version, new_version)| ObjectVersion {
            current_version,
            new_version,
        })
        .boxed()
}

/// A [`StatusTransition`].
pub fn status_transition() -> BoxedStrategy<StatusTransition> {
    let status = || open_enum::<LifecycleStatus>(LifecycleStatus::KNOWN_VALUES);
    (status(), status())
        .prop_map(|(current_status, new_status)| StatusTransition {
            current_status,
            new_status,
        })
        .boxed()
}

/// A [`TransactionDetails`].
pub fn transaction_details() -> BoxedStrategy<TransactionDetails> {
    (
        opt(open_enum(TaxScheme::KNOWN_VALUES)),
        opt(open_enum(SupplyType::KNOWN_VALUES)),
        opt(open_enum(YesNo::KNOWN_VALUES)),
        opt(open_enum(YesNo::KNOWN_VALUES)),
        opt_text(),
    )
        .prop_map(
            |(tax_scheme, supply_type, reverse_charge_tax, igst_chargable, ecommerce_gstin)| {
                TransactionDetails {
                    tax_scheme,
                    supply_type,
                    reverse_charge_tax,
                    igst_chargable,
                    ecommerce_gstin,
                }
            },
        )
        .boxed()
}

/// An [`Address`].
pub fn address() -> BoxedStrategy<Address> {
    (
        opt(open_enum(AddressType::KNOWN_VALUES)),
        opt_text(),
        opt_text(),
        opt_text(),
        opt(open_enum(State::KNOWN_VALUES)),
        opt(open_enum(Country::KNOWN_VALUES)),
        opt_text(),
    )
        .prop_map(
            |(r#type, address_line1, address_line2, city, state, country, pincode)| Address {
                r#type,
                address_line1,
                address_line2,
                city,
                state,
                country,
                pincode,
            },
        )
        .boxed()
}

/// A [`ContactNumber`].
pub fn contact_number() -> BoxedStrategy<ContactNumber> {
    (
        opt(open_enum(ContactType::KNOWN_VALUES)),
        opt_text(),
        opt_text(),
    )
        .prop_map(|(r#type, country_code, phone_number)| ContactNumber {
            r#type,
            country_code,
            phone_number,
        })
        .boxed()
}

/// A [`SupplierDetails`].
pub fn supplier_details() -> BoxedStrategy<SupplierDetails> {
    (
        (opt_text(), opt_text(), opt_text(), opt_text(), opt_text()),
        (opt(address()), opt(contact_number()), opt_text()),
    )
        .prop_map(
            |(
                (b2b_id, gstin, legal_name, trade_name, state_code),
                (address, contact_number, email),
            )| {
                SupplierDetails {
                    b2b_id,
                    gstin,
                    legal_name,
                    trade_name,
                    state_code,
                    address,
                    contact_number,
                    email,
                }
            },
        )
        .boxed()
}

/// A [`BuyerDetails`].
pub fn buyer_details() -> BoxedStrategy<BuyerDetails> {
    (
        (
            opt_text(),
            opt_text(),
            opt_text(),
            opt_text(),
            opt_text(),
            opt_text(),
        ),
        (opt(address()), opt(contact_number()), opt_text()),
    )
        .prop_map(
            |(
                (b2b_id, gstin, legal_name, trade_name, state_code, place_of_supply),
                (address, contact_number, email),
            )| BuyerDetails {
                b2b_id,
                gstin,
                legal_name,
                trade_name,
                state_code,
                place_of_supply,
                address,
                contact_number,
                email,
            },
        )
        .boxed()
}

/// A [`DispatchDetails`].
pub fn dispatch_details() -> BoxedStrategy<DispatchDetails> {
    (
        (opt_text(), opt_text(), opt_text(), opt_text()),
        (opt(address()), opt(contact_number()), opt_text()),
    )
        .prop_map(
            |((gstin, legal_name, trade_name, state_code), (address, contact_number, email))| {
                DispatchDetails {
                    gstin,
                    legal_name,
                    trade_name,
                    state_code,
                    address,
                    contact_number,
                    email,
                }
            },
        )
        .boxed()
}

/// A [`ShippingDetails`] (the section that spells its names `lglNm` and `trdNm`).
pub fn shipping_details() -> BoxedStrategy<ShippingDetails> {
    (
        (opt_text(), opt_text(), opt_text(), opt_text()),
        (opt(address()), opt(contact_number()), opt_text()),
    )
        .prop_map(
            |((gstin, lgl_nm, trd_nm, state_code), (address, contact_number, email))| {
                ShippingDetails {
                    gstin,
                    lgl_nm,
                    trd_nm,
                    state_code,
                    address,
                    contact_number,
                    email,
                }
            },
        )
        .boxed()
}

/// A [`TypedValue`].
pub fn typed_value() -> BoxedStrategy<TypedValue> {
    (opt_text(), opt_decimal())
        .prop_map(|(r#type, value)| TypedValue { r#type, value })
        .boxed()
}

/// An [`ItemAdjustment`]: an entry of an item's `itemValueDetails`.
pub fn item_adjustment() -> BoxedStrategy<ItemAdjustment> {
    typed_value()
        .prop_map(|TypedValue { r#type, value }| ItemAdjustment { r#type, value })
        .boxed()
}

/// An [`InvoiceAdjustment`]: an entry of `valueDetails.otherValues`.
pub fn invoice_adjustment() -> BoxedStrategy<InvoiceAdjustment> {
    typed_value()
        .prop_map(|TypedValue { r#type, value }| InvoiceAdjustment { r#type, value })
        .boxed()
}

/// A [`BatchDetails`].
pub fn batch_details() -> BoxedStrategy<BatchDetails> {
    (opt_text(), opt_text(), opt_text())
        .prop_map(
            |(batch_number, expiry_date, batch_warranty_date)| BatchDetails {
                batch_number,
                expiry_date,
                batch_warranty_date,
            },
        )
        .boxed()
}

/// An [`Attribute`].
pub fn attribute() -> BoxedStrategy<Attribute> {
    (opt_text(), opt_text())
        .prop_map(|(name, value)| Attribute { name, value })
        .boxed()
}

/// An [`OtherTax`].
pub fn other_tax() -> BoxedStrategy<OtherTax> {
    (opt_text(), opt_decimal(), opt_decimal())
        .prop_map(|(name, rate, amount)| OtherTax { name, rate, amount })
        .boxed()
}

/// An [`Item`], a line of the invoice.
pub fn item() -> BoxedStrategy<Item> {
    (
        (
            opt_text(),
            opt_text(),
            opt(open_enum(YesNo::KNOWN_VALUES)),
            opt_text(),
            opt_text(),
            opt_decimal(),
            opt_decimal(),
            opt_text(),
        ),
        (
            opt_decimal(),
            opt_decimal(),
            opt_decimal(),
            opt_decimal(),
            opt_decimal(),
            opt_text(),
            opt_text(),
            opt_text(),
        ),
        (
            opt_list(item_adjustment(), 6),
            opt_list(typed_value(), 6),
            opt(batch_details()),
            opt_list(attribute(), 6),
            opt_list(other_tax(), 6),
        ),
    )
        .prop_map(
            |(
                (
                    serialno,
                    product_description,
                    is_service,
                    hsn_code,
                    bar_code,
                    quantity,
                    free_quantity,
                    unit,
                ),
                (
                    unit_price,
                    total_amt,
                    assessment_amount,
                    gst_rate,
                    total_item_value,
                    order_line_reference,
                    origin_country,
                    product_serial_number,
                ),
                (item_value_details, rates, batch_details, attribute_details, other_taxes),
            )| Item {
                serialno,
                product_description,
                is_service,
                hsn_code,
                bar_code,
                quantity,
                free_quantity,
                unit,
                unit_price,
                total_amt,
                assessment_amount,
                gst_rate,
                total_item_value,
                order_line_reference,
                origin_country,
                product_serial_number,
                item_value_details,
                rates,
                batch_details,
                attribute_details,
                other_taxes,
            },
        )
        .boxed()
}

/// A [`ValueDetails`].
pub fn value_details() -> BoxedStrategy<ValueDetails> {
    (
        opt_decimal(),
        opt_decimal(),
        opt_list(invoice_adjustment(), 8),
    )
        .prop_map(
            |(assessment_value, total_invoice_value, other_values)| ValueDetails {
                assessment_value,
                total_invoice_value,
                other_values,
            },
        )
        .boxed()
}

/// A [`SupplierBankAccountDetails`].
pub fn supplier_bank_account_details() -> BoxedStrategy<SupplierBankAccountDetails> {
    (opt_text(), opt_text(), opt_text(), opt_text())
        .prop_map(
            |(masked_account_number, ifsc, beneficiary_name, business_vpa)| {
                SupplierBankAccountDetails {
                    masked_account_number,
                    ifsc,
                    beneficiary_name,
                    business_vpa,
                }
            },
        )
        .boxed()
}

/// An [`AdvancePaymentDetails`].
pub fn advance_payment_details() -> BoxedStrategy<AdvancePaymentDetails> {
    (
        (
            opt_text(),
            opt_text(),
            opt_text(),
            opt_text(),
            opt_text(),
            opt_text(),
        ),
        (opt(integer()), opt_decimal(), opt_decimal()),
    )
        .prop_map(
            |(
                (
                    payee_name,
                    mode,
                    payment_terms,
                    payment_instruction,
                    credit_transfer,
                    direct_debit,
                ),
                (credit_days, paid_amount, pending_due_amount),
            )| AdvancePaymentDetails {
                payee_name,
                mode,
                payment_terms,
                payment_instruction,
                credit_transfer,
                direct_debit,
                credit_days,
                paid_amount,
                pending_due_amount,
            },
        )
        .boxed()
}

/// An [`InvoiceReferenceDetails`].
pub fn invoice_reference_details() -> BoxedStrategy<InvoiceReferenceDetails> {
    (opt_text(), opt_text(), opt_text())
        .prop_map(|(invoice_remarks, invoice_start_date, invoice_end_date)| {
            InvoiceReferenceDetails {
                invoice_remarks,
                invoice_start_date,
                invoice_end_date,
            }
        })
        .boxed()
}

/// A [`PrecedingInvoice`].
pub fn preceding_invoice() -> BoxedStrategy<PrecedingInvoice> {
    (opt_text(), opt_text(), opt_text())
        .prop_map(
            |(invoice_number, date, other_reference_no)| PrecedingInvoice {
                invoice_number,
                date,
                other_reference_no,
            },
        )
        .boxed()
}

/// A [`PoDetail`].
pub fn po_detail() -> BoxedStrategy<PoDetail> {
    (opt_text(), opt_text(), opt_text())
        .prop_map(|(po_obj_id, buyer_po_id, po_date)| PoDetail {
            po_obj_id,
            buyer_po_id,
            po_date,
        })
        .boxed()
}

/// A [`ContractReference`].
pub fn contract_reference() -> BoxedStrategy<ContractReference> {
    (
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
    )
        .prop_map(
            |(
                receipt_advice_no,
                receipt_advice_date,
                batch_reference_no,
                contract_reference_no,
                extra_reference_no,
                project_reference_no,
            )| ContractReference {
                receipt_advice_no,
                receipt_advice_date,
                batch_reference_no,
                contract_reference_no,
                extra_reference_no,
                project_reference_no,
            },
        )
        .boxed()
}

/// An [`AdditionalDocument`].
pub fn additional_document() -> BoxedStrategy<AdditionalDocument> {
    (opt_text(), opt_text(), opt_text())
        .prop_map(|(url, document, info)| AdditionalDocument {
            url,
            document,
            info,
        })
        .boxed()
}

/// An [`ExportDetails`].
pub fn export_details() -> BoxedStrategy<ExportDetails> {
    (
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_decimal(),
    )
        .prop_map(
            |(
                ship_bill_no,
                ship_bill_date,
                port,
                refund_claim,
                foreign_currency,
                country_code,
                export_duty,
            )| ExportDetails {
                ship_bill_no,
                ship_bill_date,
                port,
                refund_claim,
                foreign_currency,
                country_code,
                export_duty,
            },
        )
        .boxed()
}

/// An [`EwayBillDetail`].
pub fn eway_bill_detail() -> BoxedStrategy<EwayBillDetail> {
    (
        opt_text(),
        opt_text(),
        opt_text(),
        opt(integer()),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
    )
        .prop_map(
            |(
                transporter_id,
                transporter_name,
                transport_mode,
                distance,
                transport_document_no,
                transport_document_date,
                vehicle_no,
                vehicle_type,
            )| EwayBillDetail {
                transporter_id,
                transporter_name,
                transport_mode,
                distance,
                transport_document_no,
                transport_document_date,
                vehicle_no,
                vehicle_type,
            },
        )
        .boxed()
}

/// A [`RecurringPayments`].
pub fn recurring_payments() -> BoxedStrategy<RecurringPayments> {
    (
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_text(),
        opt_decimal(),
    )
        .prop_map(
            |(
                original_invoice_id,
                frequency,
                start_date,
                end_date,
                mandate_details,
                mandate_execution_date,
                mandate_amount,
            )| RecurringPayments {
                original_invoice_id,
                frequency,
                start_date,
                end_date,
                mandate_details,
                mandate_execution_date,
                mandate_amount,
            },
        )
        .boxed()
}

/// A [`PaymentMilestone`].
pub fn payment_milestone() -> BoxedStrategy<PaymentMilestone> {
    (opt_text(), opt_decimal())
        .prop_map(|(milestone_date, due_amount)| PaymentMilestone {
            milestone_date,
            due_amount,
        })
        .boxed()
}

/// A [`ShippingTermsDetails`].
pub fn shipping_terms_details() -> BoxedStrategy<ShippingTermsDetails> {
    (opt_text(), opt_text(), opt_decimal())
        .prop_map(|(terms, bearing_party, charges)| ShippingTermsDetails {
            terms,
            bearing_party,
            charges,
        })
        .boxed()
}

/// An [`InvoiceFinancingDetails`].
pub fn invoice_financing_details() -> BoxedStrategy<InvoiceFinancingDetails> {
    (opt_decimal(), opt_decimal())
        .prop_map(
            |(due_amount, financing_request_amount)| InvoiceFinancingDetails {
                due_amount,
                financing_request_amount,
            },
        )
        .boxed()
}

/// An [`EInvoiceInfo`].
pub fn e_invoice_info() -> BoxedStrategy<EInvoiceInfo> {
    (opt_text(), opt_text(), opt_text())
        .prop_map(|(schema_version, irn_number, irn_ts)| EInvoiceInfo {
            schema_version,
            irn_number,
            irn_ts,
        })
        .boxed()
}

/// An [`Invoice`], the body of a create or an edit request.
pub fn invoice() -> BoxedStrategy<Invoice> {
    (
        (
            object_id(),
            supplier_invoice_number(),
            object_version(),
            timestamp(),
            status_transition(),
            transaction_details(),
            supplier_details(),
            buyer_details(),
            opt(dispatch_details()),
            opt(shipping_details()),
        ),
        (
            list(item(), 8),
            opt(value_details()),
            supplier_bank_account_details(),
            opt(advance_payment_details()),
            opt(invoice_reference_details()),
            opt_list(preceding_invoice(), 8),
            opt_list(po_detail(), 8),
            opt_list(contract_reference(), 8),
            opt_list(additional_document(), 8),
        ),
        (
            opt(export_details()),
            opt(eway_bill_detail()),
            opt(recurring_payments()),
            opt_list(payment_milestone(), 8),
            opt(shipping_terms_details()),
            opt(invoice_financing_details()),
            opt_text(),
            opt(e_invoice_info()),
        ),
    )
        .prop_map(
            |(
                (
                    object_id,
                    supplier_invoice_number,
                    object_version,
                    ts,
                    status_transition,
                    transaction_details,
                    supplier_details,
                    buyer_details,
                    dispatch_details,
                    shipping_details,
                ),
                (
                    item_lists,
                    value_details,
                    supplier_bank_account_details,
                    advance_payment_details,
                    invoice_reference_details,
                    preceding_invoice_details,
                    po_details,
                    contract_reference_details,
                    additional_document_details,
                ),
                (
                    export_details,
                    eway_bill_detail,
                    recurring_payments,
                    payment_milestones,
                    shipping_terms_details,
                    invoice_financing_details,
                    einvoice_response,
                    e_invoice_info,
                ),
            )| Invoice {
                object_id,
                supplier_invoice_number,
                object_version,
                ts,
                status_transition,
                transaction_details,
                supplier_details,
                buyer_details,
                dispatch_details,
                shipping_details,
                item_lists,
                value_details,
                supplier_bank_account_details,
                advance_payment_details,
                invoice_reference_details,
                preceding_invoice_details,
                po_details,
                contract_reference_details,
                additional_document_details,
                export_details,
                eway_bill_detail,
                recurring_payments,
                payment_milestones,
                shipping_terms_details,
                invoice_financing_details,
                einvoice_response,
                e_invoice_info,
            },
        )
        .boxed()
}

/// An [`InvoiceConfirmation`], the buyer's answer.
pub fn invoice_confirmation() -> BoxedStrategy<InvoiceConfirmation> {
    (
        object_id(),
        supplier_invoice_number(),
        object_version(),
        buyer_response(),
        remarks(),
        status_transition(),
    )
        .prop_map(
            |(
                object_id,
                supplier_invoice_number,
                object_version,
                buyer_response,
                buyer_remarks,
                status_transition,
            )| InvoiceConfirmation {
                object_id,
                supplier_invoice_number,
                object_version,
                buyer_response,
                buyer_remarks,
                status_transition,
            },
        )
        .boxed()
}

/// An [`InvoiceStatus`], the supplier's change of status.
pub fn invoice_status() -> BoxedStrategy<InvoiceStatus> {
    (
        object_id(),
        opt(supplier_invoice_number()),
        opt(object_version()),
        open_enum(SupplierAction::KNOWN_VALUES),
        opt_text(),
        opt(status_transition()),
    )
        .prop_map(
            |(
                object_id,
                supplier_invoice_number,
                object_version,
                supplier_action,
                supplier_remarks,
                status_transition,
            )| InvoiceStatus {
                object_id,
                supplier_invoice_number,
                object_version,
                supplier_action,
                supplier_remarks,
                status_transition,
            },
        )
        .boxed()
}

// ---- the five documents -------------------------------------------------------------------------------

/// A valid [`CreateInvoiceRequest`].
pub fn create_invoice_request() -> BoxedStrategy<CreateInvoiceRequest> {
    (device(), b2b_ids(), invoice())
        .prop_map(|(device, b2b_ids, invoice)| CreateInvoiceRequest {
            device,
            b2b_ids,
            invoice,
        })
        .boxed()
}

/// A valid [`EditInvoiceRequest`].
pub fn edit_invoice_request() -> BoxedStrategy<EditInvoiceRequest> {
    (device(), b2b_ids(), invoice())
        .prop_map(|(device, b2b_ids, invoice)| EditInvoiceRequest {
            device,
            b2b_ids,
            invoice,
        })
        .boxed()
}

/// A valid [`ConfirmInvoiceRequest`].
pub fn confirm_invoice_request() -> BoxedStrategy<ConfirmInvoiceRequest> {
    (device(), b2b_ids(), invoice_confirmation())
        .prop_map(
            |(device, b2b_ids, invoice_confirmation)| ConfirmInvoiceRequest {
                device,
                b2b_ids,
                invoice_confirmation,
            },
        )
        .boxed()
}

/// A valid [`ChangeInvoiceStatusRequest`].
pub fn change_invoice_status_request() -> BoxedStrategy<ChangeInvoiceStatusRequest> {
    (device(), b2b_ids(), invoice_status())
        .prop_map(
            |(device, b2b_ids, invoice_status)| ChangeInvoiceStatusRequest {
                device,
                b2b_ids,
                invoice_status,
            },
        )
        .boxed()
}

/// A valid [`ApiResponse`].
pub fn api_response() -> BoxedStrategy<ApiResponse> {
    (text(), integer(), text())
        .prop_map(|(payload, response_code, response_message)| ApiResponse {
            payload,
            response_code,
            response_message,
        })
        .boxed()
}

/// A root type with a strategy of valid documents: what the properties are generic over.
pub trait ValidDocument: Document + Debug + Clone + PartialEq + 'static {
    /// Arbitrary valid documents of this type.
    fn strategy() -> BoxedStrategy<Self>;

    /// The kind's name, as the schema files and the reference validator know it (`create-invoice`, …).
    fn kind_name() -> &'static str {
        Self::KIND.as_str()
    }
}

impl ValidDocument for CreateInvoiceRequest {
    fn strategy() -> BoxedStrategy<Self> {
        create_invoice_request()
    }
}

impl ValidDocument for EditInvoiceRequest {
    fn strategy() -> BoxedStrategy<Self> {
        edit_invoice_request()
    }
}

impl ValidDocument for ConfirmInvoiceRequest {
    fn strategy() -> BoxedStrategy<Self> {
        confirm_invoice_request()
    }
}

impl ValidDocument for ChangeInvoiceStatusRequest {
    fn strategy() -> BoxedStrategy<Self> {
        change_invoice_status_request()
    }
}

impl ValidDocument for ApiResponse {
    fn strategy() -> BoxedStrategy<Self> {
        api_response()
    }
}

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
