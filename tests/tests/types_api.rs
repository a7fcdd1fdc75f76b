//! What the generated types promise, one behaviour at a time: exact decimals, closed and open lists,
//! pattern-checked strings (with the date-time calendar), strict parsing, and builders.

use std::str::FromStr;

use bc_invoice_types::{
    ApiResponse, BuyerResponse, Decimal, EnumError, Item, ObjectId, OtherTax, PatternError, State,
    Timestamp, TypedValue, Violation, YesNo, is_date_time,
};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A typed value's JSON text after a parse and a serialize.
fn typed_value_back(number: &str) -> Result<String, serde_json::Error> {
    let text = format!(r#"{{"type":"DISCOUNT","value":{number}}}"#);
    let typed: TypedValue = serde_json::from_str(&text)?;
    serde_json::to_string(&typed)
}

#[test]
fn decimals_keep_their_digits() {
    for number in [
        "0",
        "1",
        "1.50",
        "185.50",
        "22260.00",
        "0.001",
        "-42.5",
        "99999999999999.99",
        "1234567890123456",
        "0.0000000000000001",
        "79228162514264337593543950335",
    ] {
        let back = typed_value_back(number).unwrap_or_else(|e| panic!("{number}: {e}"));
        assert_eq!(back, format!(r#"{{"type":"DISCOUNT","value":{number}}}"#));
    }
}

#[test]
fn a_number_a_decimal_cannot_hold_exactly_is_an_error_not_a_rounding() {
    for number in [
        "1.00000000000000000000000000001",
        "79228162514264337593543950336",
    ] {
        let error = typed_value_back(number).expect_err(number);
        assert!(
            error.to_string().contains("is not an exact decimal"),
            "{error}"
        );
    }
}

#[test]
fn exponent_numbers_are_read_exactly_and_written_plainly() {
    // A documented limit of the round trip: the value is kept, the exponent spelling is not.
    assert_eq!(
        typed_value_back("1.25e3").unwrap(),
        r#"{"type":"DISCOUNT","value":1250}"#
    );
}

#[test]
fn strings_where_the_schema_wants_numbers_and_nulls_anywhere_are_refused() {
    let string_number = serde_json::from_str::<TypedValue>(r#"{"value": "12.5"}"#).unwrap_err();
    assert!(
        string_number.to_string().contains("invalid type: string"),
        "{string_number}"
    );
    let null_number = serde_json::from_str::<TypedValue>(r#"{"value": null}"#).unwrap_err();
    assert!(
        null_number.to_string().contains("invalid type: null"),
        "{null_number}"
    );
    let null_string = serde_json::from_str::<TypedValue>(r#"{"type": null}"#).unwrap_err();
    assert!(
        null_string.to_string().contains("invalid type: null"),
        "{null_string}"
    );
    let float_integer = serde_json::from_str::<ApiResponse>(
        r#"{"payload": "", "response_code": 0.5, "response_message": ""}"#,
    )
    .unwrap_err();
    assert!(
        float_integer.to_string().contains("invalid type"),
        "{float_integer}"
    );
}

#[test]
fn unknown_and_missing_members_are_refused() {
    let unknown = serde_json::from_str::<ApiResponse>(
        r#"{"payload": "", "response_code": 0, "response_message": "", "responseCode": 0}"#,
    )
    .unwrap_err();
    assert!(
        unknown.to_string().contains("unknown field `responseCode`"),
        "{unknown}"
    );
    let missing =
        serde_json::from_str::<ApiResponse>(r#"{"payload": "", "response_code": 0}"#).unwrap_err();
    assert!(
        missing
            .to_string()
            .contains("missing field `response_message`"),
        "{missing}"
    );
    // The shipping section spells its legal name lglNm; legalName there is an unknown member.
    let shipping =
        serde_json::from_str::<bc_invoice_types::ShippingDetails>(r#"{"legalName": "x"}"#);
    assert!(shipping.is_err());
    let shipping: bc_invoice_types::ShippingDetails =
        serde_json::from_str(r#"{"lglNm": "Kaveri", "trdNm": "KT"}"#).unwrap();
    assert_eq!(shipping.lgl_nm.as_deref(), Some("Kaveri"));
    assert_eq!(shipping.trd_nm.as_deref(), Some("KT"));
}

proptest! {
    /// Every decimal with up to 16 significant digits, at any scale up to 16, keeps its text.
    #[test]
    fn every_decimal_of_up_to_16_significant_digits_keeps_its_text(
        mantissa in 0u64..10_000_000_000_000_000,
        scale in 0usize..=16,
        negative in any::<bool>(),
    ) {
        let digits = mantissa.to_string();
        let text = if scale == 0 {
            digits
        } else if digits.len() > scale {
            format!("{}.{}", &digits[..digits.len() - scale], &digits[digits.len() - scale..])
        } else {
            format!("0.{}{digits}", "0".repeat(scale - digits.len()))
        };
        let text = if negative && mantissa != 0 { format!("-{text}") } else { text };
        let back = typed_value_back(&text).unwrap();
        prop_assert_eq!(back, format!(r#"{{"type":"DISCOUNT","value":{text}}}"#));
    }
}

#[test]
fn closed_lists_parse_their_values_and_name_them_when_refusing() {
    assert_eq!(
        "ACCEPT".parse::<BuyerResponse>().unwrap(),
        BuyerResponse::Accept
    );
    assert_eq!(BuyerResponse::Return.to_string(), "RETURN");
    assert_eq!(BuyerResponse::Reject.as_str(), "REJECT");
    assert_eq!(
        BuyerResponse::ALL,
        [
            BuyerResponse::Accept,
            BuyerResponse::Reject,
            BuyerResponse::Return
        ]
    );
    let error: EnumError = "accept".parse::<BuyerResponse>().unwrap_err();
    assert_eq!(error.type_name(), "BuyerResponse");
    assert_eq!(error.value(), "accept");
    assert_eq!(error.allowed(), ["ACCEPT", "REJECT", "RETURN"]);
    assert_eq!(
        error.to_string(),
        r#"BuyerResponse: "accept" is not one of "ACCEPT", "REJECT", "RETURN""#
    );
    let from_json = serde_json::from_value::<BuyerResponse>(json!("MAYBE")).unwrap_err();
    assert!(
        from_json
            .to_string()
            .starts_with("BuyerResponse: \"MAYBE\" is not one of"),
        "{from_json}"
    );
    assert_eq!(
        serde_json::to_value(BuyerResponse::Accept).unwrap(),
        json!("ACCEPT")
    );
}

#[test]
fn open_lists_know_their_values_and_keep_any_other_exactly() {
    assert_eq!(YesNo::from("YES"), YesNo::Yes);
    assert_eq!("NO".parse::<YesNo>(), Ok(YesNo::No));
    assert_eq!(State::from("TAMIL NADU"), State::TamilNadu);
    assert_eq!(State::TamilNadu.as_str(), "TAMIL NADU");
    for other in ["yes", "Y", "", " YES", "MAYBE"] {
        let value = YesNo::from(other);
        assert!(matches!(value, YesNo::Unknown(_)), "{other}");
        assert!(!value.is_known());
        assert_eq!(value.as_str(), other);
        assert_eq!(value.to_string(), other);
        let json = serde_json::to_value(&value).unwrap();
        assert_eq!(json, json!(other));
        assert_eq!(serde_json::from_value::<YesNo>(json).unwrap(), value);
        if let YesNo::Unknown(unknown) = &value {
            assert_eq!(unknown.as_str(), other);
        }
    }
    // Parsing never makes an Unknown of a known value, whichever way it comes in.
    for known in YesNo::KNOWN_VALUES {
        assert!(YesNo::from(*known).is_known());
        assert!(YesNo::from(known.to_string()).is_known());
        assert!(
            serde_json::from_value::<YesNo>(json!(known))
                .unwrap()
                .is_known()
        );
    }
}

#[test]
fn pattern_types_are_made_only_from_matching_values() {
    let good = "INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c";
    let id = ObjectId::try_from(good).unwrap();
    assert_eq!(id.as_str(), good);
    assert_eq!(id.as_ref(), good);
    assert_eq!(id.to_string(), good);
    assert_eq!(ObjectId::try_from(good.to_owned()).unwrap(), id);
    assert_eq!(ObjectId::from_str(good).unwrap(), id);
    assert_eq!(String::from(id.clone()), good);
    assert_eq!(id.into_inner(), good);
    // The documented [INV]{3} is a character class: NNV... matches the pattern.
    assert!(ObjectId::try_from("NNV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c").is_ok());

    for bad in [
        "string",
        "INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8",
        "INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c\n",
    ] {
        let error: PatternError = ObjectId::try_from(bad).unwrap_err();
        assert_eq!(error.type_name(), "ObjectId");
        assert_eq!(error.value(), bad);
        assert_eq!(
            error.violation(),
            Violation::Pattern {
                pattern: ObjectId::PATTERN
            }
        );
        assert_eq!(error.example(), Some("INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c"));
        assert_eq!(
            error.to_string(),
            format!(
                "ObjectId: {bad:?} does not match the pattern ^[INV]{{3}}[A-Za-z0-9]{{32,32}}$, as \
                 \"INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c\" does"
            )
        );
        let from_json = serde_json::from_value::<ObjectId>(json!(bad)).unwrap_err();
        assert_eq!(from_json.to_string(), error.to_string());
    }
    let remarks = bc_invoice_types::Remarks::try_from("x".repeat(101));
    assert!(remarks.is_err());
    assert!(bc_invoice_types::Remarks::try_from("न".repeat(100)).is_ok());
}

#[test]
fn timestamps_must_exist_in_the_calendar() {
    assert!(Timestamp::try_from("2024-02-29T10:15:00+05:30").is_ok());
    let error = Timestamp::try_from("2026-02-30T10:15:00+05:30").unwrap_err();
    assert_eq!(
        error.violation(),
        Violation::Format {
            format: "date-time"
        }
    );
    // A format's refusal quotes no example: the value has the pattern's shape.
    assert_eq!(error.example(), None);
    assert_eq!(
        error.to_string(),
        r#"Timestamp: "2026-02-30T10:15:00+05:30" is not a valid date-time (format "date-time")"#
    );
    // The pattern is checked first, so a shapeless value names the pattern.
    let shapeless = Timestamp::try_from("20/11/2026").unwrap_err();
    assert!(matches!(shapeless.violation(), Violation::Pattern { .. }));
}

/// The reference validator for a timestamp: the schema's own `$defs/timestamp` with formats checked.
fn reference_timestamp() -> jsonschema::Validator {
    let common = bc_invoice_tests::schema("common.schema.json");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&common["$defs"]["timestamp"])
        .unwrap()
}

#[test]
fn timestamps_agree_with_a_validator_that_checks_format_on_edge_dates() {
    let reference = reference_timestamp();
    for text in [
        "2026-11-20T10:15:00+05:30",
        "2026-02-28T23:59:59Z",
        "2026-02-29T00:00:00Z",
        "2024-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2000-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z",
        "2026-06-30T00:00:00Z",
        "2026-12-31T23:59:60Z",
        "2026-12-31T23:59:60+00:00",
        "2026-12-31T18:29:60-05:30",
        "2027-01-01T05:29:60+05:30",
        "2026-11-20T10:15:60Z",
        "2026-11-20T23:59:60+05:30",
        "2026-11-20t10:15:00.123456z",
        "0000-01-01T00:00:00Z",
    ] {
        assert_eq!(
            Timestamp::try_from(text).is_ok(),
            reference.is_valid(&json!(text)),
            "{text}"
        );
    }
}

proptest! {
    /// On any string shaped like a date-time, the type and the reference validator agree.
    #[test]
    fn timestamps_agree_with_a_validator_that_checks_format(
        text in "[0-9]{4}-(0[0-9]|1[0-3])-([0-2][0-9]|3[0-2])[Tt]([01][0-9]|2[0-4]):[0-6][0-9]:[0-6][0-9](\\.[0-9]{1,4})?([Zz]|[+-]([01][0-9]|2[0-4]):[0-6][0-9])"
    ) {
        prop_assert_eq!(
            Timestamp::try_from(text.as_str()).is_ok(),
            reference_timestamp().is_valid(&json!(text))
        );
        // And the public calendar check alone is the format check alone.
        let format_only = jsonschema::options()
            .should_validate_formats(true)
            .build(&json!({"type": "string", "format": "date-time"}))
            .unwrap();
        prop_assert_eq!(is_date_time(&text), format_only.is_valid(&json!(text)));
    }
}

#[test]
fn builders_set_required_members_and_omit_absent_optional_ones() {
    let item = Item::new()
        .with_serialno("1")
        .with_is_service("NO")
        .with_quantity(Decimal::new(12_500, 3))
        .with_unit_price(Decimal::from_str("185.50").unwrap())
        .with_other_taxes([OtherTax::new().with_name("CESS").with_rate(1)]);
    assert_eq!(item.is_service, Some(YesNo::No));
    let text = serde_json::to_string(&item).unwrap();
    assert_eq!(
        text,
        r#"{"serialno":"1","isService":"NO","quantity":12.500,"unitPrice":185.50,"otherTaxes":[{"name":"CESS","rate":1}]}"#
    );
    assert_eq!(Item::new(), Item::default());
    assert_eq!(serde_json::to_value(Item::new()).unwrap(), json!({}));

    let response = ApiResponse::new("SUCCESS", 0, "SUCCESS");
    let value: Value = serde_json::to_value(&response).unwrap();
    assert_eq!(
        value,
        json!({"payload": "SUCCESS", "response_code": 0, "response_message": "SUCCESS"})
    );
    assert_eq!(
        serde_json::from_value::<ApiResponse>(value).unwrap(),
        response
    );
}

#[test]
fn the_derived_schemas_of_string_types_carry_their_constraints() {
    let object_id = schemars::schema_for!(ObjectId).to_value();
    assert_eq!(object_id["type"], "string");
    assert_eq!(object_id["pattern"], ObjectId::PATTERN);
    assert!(
        object_id["description"]
            .as_str()
            .unwrap()
            .starts_with("Unique identifier")
    );
    let timestamp = schemars::schema_for!(Timestamp).to_value();
    assert_eq!(timestamp["format"], "date-time");
    let yes_no = schemars::schema_for!(YesNo).to_value();
    assert_eq!(yes_no["x-known-values"], json!(["YES", "NO"]));
    assert!(
        yes_no.get("enum").is_none(),
        "an open list allows any string"
    );
    let answer = schemars::schema_for!(BuyerResponse).to_value();
    assert_eq!(answer["enum"], json!(["ACCEPT", "REJECT", "RETURN"]));
    let item = schemars::schema_for!(Item).to_value();
    assert_eq!(item["properties"]["quantity"]["type"], "number");
    assert!(
        item.get("required").is_none(),
        "every item member is optional"
    );
}

/// Every member of a document is `Eq` and `Hash` (amounts are exact decimals, never floats), so the
/// documents are too: a service can keep the webhooks it has handled in a set and drop a retry, or key a
/// map by a document. `1.50` and `1.5` are the same amount, so such documents are equal and hash alike.
#[test]
fn documents_are_eq_and_hash_so_a_retried_webhook_is_found_in_a_set() {
    use std::collections::HashSet;
    use std::hash::Hash;

    fn eq_and_hash<T: Eq + Hash>() {}
    // `AnyDocument` holds every kind's root type (its variants are generated from the schema's kinds), so
    // its derive compiles only if every document, and every type inside one, is `Eq` and `Hash`.
    eq_and_hash::<bc_invoice_validate::AnyDocument>();

    let webhook =
        std::fs::read(bc_invoice_tests::fixtures_dir().join("valid/payment-response.json"))
            .unwrap();
    let first: bc_invoice_types::PaymentResponse = bc_invoice_validate::parse(&webhook).unwrap();
    // The retry writes 94521.20 as 94521.2: the same amount.
    let retried = String::from_utf8(webhook).unwrap().replacen(
        "\"totalAmount\": 94521.20",
        "\"totalAmount\": 94521.2",
        1,
    );
    assert!(
        retried.contains("\"totalAmount\": 94521.2,"),
        "the fixture's amount was rewritten"
    );
    let retry: bc_invoice_types::PaymentResponse =
        bc_invoice_validate::parse(retried.as_bytes()).unwrap();
    let mut handled = HashSet::new();
    assert!(handled.insert(first));
    assert!(
        !handled.insert(retry),
        "the retry is the webhook already handled"
    );
}

/// A service keys its documents by their pattern-checked ids (`HashMap<ObjectId, _>`, `BTreeSet<B2bId>`)
/// and looks them up by the id its request's path carries, a `&str`: every pattern type is
/// `Borrow<str>`, so `map.get("INV…")` needs no checked value made first. Its `Eq`, `Ord` and `Hash` are
/// its text's, as `Borrow` requires.
#[test]
fn maps_keyed_by_pattern_types_are_looked_up_by_str() {
    use std::borrow::Borrow;
    use std::collections::{BTreeSet, HashMap};

    fn borrows_str<T: Borrow<str>>() {}
    borrows_str::<bc_invoice_types::B2bId>();
    borrows_str::<bc_invoice_types::SupplierInvoiceNumber>();
    borrows_str::<bc_invoice_types::Remarks>();
    borrows_str::<bc_invoice_types::PaymentObjectId>();
    borrows_str::<bc_invoice_types::Utr>();

    let id = "INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c";
    let mut invoices = HashMap::new();
    invoices.insert(ObjectId::try_from(id).unwrap(), "KT/2026-27/000142");
    assert_eq!(invoices.get(id), Some(&"KT/2026-27/000142"));
    assert_eq!(invoices.get("INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c"), None);

    let times = BTreeSet::from([
        Timestamp::try_from("2026-11-20T10:15:00+05:30").unwrap(),
        Timestamp::try_from("2026-11-19T18:05:44Z").unwrap(),
    ]);
    assert!(times.contains("2026-11-19T18:05:44Z"));
    let first: &str = times.first().unwrap().borrow();
    assert_eq!(first, "2026-11-19T18:05:44Z");
}

/// A `Timestamp` is compared and ordered by its text (its docs say so): not by the instant it names once
/// the offsets differ. Pinned, so that the docs and the behaviour cannot drift apart.
#[test]
fn timestamps_order_by_their_text_not_their_instant() {
    let india = Timestamp::try_from("2026-11-19T23:00:00+05:30").unwrap(); // 17:30 UTC
    let utc = Timestamp::try_from("2026-11-19T18:00:00Z").unwrap();
    assert!(india > utc, "the text's order, not the instants'");
    assert_ne!(
        Timestamp::try_from("2026-11-19T18:00:00Z").unwrap(),
        Timestamp::try_from("2026-11-19T18:00:00+00:00").unwrap()
    );
}
