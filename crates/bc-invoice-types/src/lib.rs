//! Typed Bharat Connect B2B documents: the Create, Edit, Confirm and Change-Status invoice requests, the
//! response envelope, and the payment documents, as Rust types generated from the checked-in JSON Schema
//! by `cargo xtask gen`.
//!
//! - One root type per document kind, such as [`CreateInvoiceRequest`], [`ConfirmInvoiceRequest`],
//!   [`ApiResponse`] or [`PayInvoiceRequest`] (the generated table of `docs/documents.md` lists every kind,
//!   and `bc_invoice_validate::DocumentKind::type_name` names each kind's type); one type per shared
//!   schema definition ([`Item`], [`Address`], …).
//! - Members keep their exact wire names; an optional member is an `Option` and is left out when `None`;
//!   an unknown member or a `null` is refused, as the schema refuses them.
//! - Amounts and quantities are [`Decimal`]s, never rounded: written digit for digit, read digit for digit
//!   by `bc_invoice_validate::parse` (`1.50` stays `1.50`, `99999999999999.99` stays `99999999999999.99`),
//!   and exactly up to 15 significant digits below 2^44 by plain serde_json (see [Amounts](#amounts-and-what-this-crate-does-to-your-dependency-graph)).
//!   A number no exact decimal holds (its digits, read as one whole number, 2^96 or more, or more than 28 of
//!   them after the point) is an error.
//! - Closed lists are enums ([`BuyerResponse`]); open lists (the schema's `x-known-values`) are enums with an
//!   `Unknown` variant that keeps any other value exactly ([`YesNo`], [`State`], …).
//! - Every struct and list is `Debug`, `Clone`, `Eq` and `Hash`: no member is a float, so a document can be
//!   kept in a set or key a map (equal amounts are equal however written: `1.50` is `1.5`, and hashes
//!   alike).
//! - Pattern-constrained strings are newtypes ([`ObjectId`], [`B2bId`], [`SupplierInvoiceNumber`],
//!   [`Remarks`], [`Timestamp`]) made only through a check of the pattern (and, for [`Timestamp`], the
//!   calendar); a refused value is a [`PatternError`]. Each is `Borrow<str>` (its `Eq`, `Ord` and `Hash`
//!   are its text's), so a `HashMap<ObjectId, _>` or `BTreeSet<B2bId>` is looked up by a `&str`:
//!   `invoices.get("INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c")`.
//! - Every struct has a `new` taking its required members and a `with_` method per optional member, so a
//!   document built in code has every required member and only checked values:
//!
//! ```
#![doc = include_str!("../examples/confirm_invoice.rs")]
//! ```
//!
//! Every struct and enum is `#[non_exhaustive]`, so that the schema can grow without a breaking release: an
//! optional member or a list value added to it adds a field, a `with_` setter or a variant, and code built
//! with `new`, the setters and `match`es with a wildcard arm keeps compiling. Fields stay public, to read
//! and to change in place:
//!
//! ```
//! use bc_invoice_types::{BuyerResponse, ObjectVersion};
//!
//! let mut version = ObjectVersion::new().with_current_version(2).with_new_version(3);
//! version.new_version = version.new_version.map(|v| v + 1);
//! let answer = match BuyerResponse::Return {
//!     BuyerResponse::Accept => "accepted",
//!     _ => "not accepted",
//! };
//! assert_eq!((version.new_version, answer), (Some(4), "not accepted"));
//! ```
//!
//! Outside this crate a struct literal does not compile, nor does a `match` that names every value of a
//! list and no wildcard:
//!
//! ```compile_fail,E0639
//! let version = bc_invoice_types::ObjectVersion { current_version: Some(2), new_version: Some(3) };
//! ```
//!
//! ```compile_fail,E0004
//! use bc_invoice_types::BuyerResponse;
//!
//! fn answer(response: BuyerResponse) -> &'static str {
//!     match response {
//!         BuyerResponse::Accept => "accepted",
//!         BuyerResponse::Reject => "rejected",
//!         BuyerResponse::Return => "returned",
//!     }
//! }
//! ```
//!
//! Which schema changes are breaking is in `docs/documents.md` ("Schema changes and semver").
//!
//! Typed parsing checks what the types express: JSON types, required and unknown members, closed lists,
//! patterns and the date-time calendar. The schema's full verdict, with paths, lines and columns, is
//! `bc-invoice-validate`'s.
//!
//! A pattern-constrained string is checked however it is read, with one exception that no document can
//! reach: `bc_invoice_validate::parse` reads a text its validation has just accepted (which checked the same
//! patterns and formats on the same values) with its own serde deserializer, and that deserializer alone
//! answers the private name under which these types ask for a value already validated. No other
//! deserializer answers it, and the answer written into a document is a map where a string belongs:
//!
//! ```
//! use bc_invoice_types::ObjectId;
//!
//! let forged = r#"{"$bc_invoice_types::private::Validated": "NOT-AN-OBJECT-ID"}"#;
//! assert!(serde_json::from_str::<ObjectId>(forged).is_err());
//! assert!(serde_json::from_str::<ObjectId>(r#""NOT-AN-OBJECT-ID""#).is_err());
//! ```
//!
//! (A deserializer that answers every `deserialize_newtype_struct` with whatever its data holds, as serde's
//! `MapDeserializer` over a map built in code does, would pass such a map on: serde_json's numbers and
//! `RawValue` rely on private names the same way.)
//!
//! # Features
//!
//! - `schemars` (default): `schemars::JsonSchema` for every type, describing the schema the types
//!   express (a decimal member as a JSON number, a pattern-constrained string with its pattern). Without
//!   it (`default-features = false`) the crate neither depends on `schemars` nor compiles its derive: the
//!   types, their checks and their serde behaviour are the same.
//! - `arbitrary-precision` (off): serde_json's `arbitrary_precision`, so that plain serde_json keeps every
//!   digit of an amount too; what it costs the rest of your graph is below.
//!
//! ```
//! # #[cfg(feature = "schemars")] {
//! let schema = schemars::schema_for!(bc_invoice_types::ObjectId);
//! assert_eq!(schema.as_value()["pattern"], bc_invoice_types::ObjectId::PATTERN);
//! # }
//! ```
//!
//! # Amounts, and what this crate does to your dependency graph
//!
//! Nothing: no feature of a shared crate that changes its behaviour is turned on by default. In
//! particular serde_json's `arbitrary_precision` is off, so your own types holding an `f64` inside an
//! internally tagged, untagged or `#[serde(flatten)]`ed type keep deserializing (that feature makes
//! serde_json hand every number over as a map, which those types cannot read). This crate turns on
//! serde_json's `raw_value`, which only adds `serde_json::value::RawValue`.
//!
//! How many digits of an amount you get depends on how you read the document:
//! - `bc_invoice_validate::parse` (validated) keeps every digit as written, up to a decimal's 28:
//!   `1.50` stays `1.50`, `1234567890.1234567890` stays `1234567890.1234567890`.
//! - Plain `serde_json::from_str`, `from_slice` or `from_reader` hands the types an `f64` (an integer
//!   written without a point or exponent comes as an integer, exact at any size). Every amount of up to 15
//!   significant digits (a fraction of at most 22 digits) below 2^44 (17,592,186,044,416: about ₹17.6
//!   lakh crore) is then read exactly as a value; the trailing zeros of a fraction are not seen (`1.50`
//!   reads as `1.5`, which is equal as a decimal). An amount whose `f64` shows more than 15 significant
//!   digits is refused with an error that says so, never rounded; one of more than 15 digits whose `f64`
//!   happens to look shorter cannot be told from that shorter number, from which it is less than half a
//!   paisa away. From 2^44 an `f64` amount is refused: serde_json's default reading rounds twice, and
//!   there it can land a paisa or more from the number written (`99999999999999.99` reads as
//!   `100000000000000`). Only `bc_invoice_validate::parse`, or the feature below, keeps longer amounts.
//! - With this crate's opt-in `arbitrary-precision` feature, serde_json's `arbitrary_precision` is on and
//!   plain serde_json keeps every digit too. It is on for your whole dependency graph (cargo unifies
//!   features): every crate's `f64` inside a tagged, untagged or flattened type then fails to deserialize,
//!   and `serde_json::Value` keeps numbers as text. Turn it on only in a build where nothing needs that.
//!
//! Writing is always exact: a decimal is written with its digits as they are (`1.50` as `1.50`), through
//! `RawValue`, with or without the feature, to text (`serde_json::to_string`, `to_vec`, `to_writer`).
//!
//! **A `serde_json::Value` is not exact.** `serde_json::to_value`, `json!({"doc": document})` and
//! `from_value` go through serde_json's own `Number`, an `f64` without the feature: an amount of more than
//! 15 significant digits is rounded there (`9999999999999999.99` becomes `1e16`), silently. Write the
//! document to text, or embed it in your own `Serialize` type, rather than through a `Value`.
//!
//! **Amounts are JSON only.** A decimal is written through serde_json's `RawValue` and read from a JSON
//! number, so another serde format (YAML, MessagePack, bincode, …) does not carry a document with amounts:
//! it writes serde_json's private wrapper where the number should be, and cannot read it back. Store or
//! send such a document as JSON text.
//!
//! A struct is read from a JSON object only, as the schema has it, with plain serde_json too (serde's
//! derive alone would also read one from a JSON array of its members in order):
//!
//! ```
//! let array = serde_json::from_str::<bc_invoice_types::ApiResponse>(r#"["SUCCESS", 0, "SUCCESS"]"#);
//! let error = array.unwrap_err().to_string();
//! assert_eq!(
//!     error.split(" at line ").next(),
//!     Some("invalid type: sequence, expected struct ApiResponse")
//! );
//! ```
//!
//! Amounts, read by plain serde_json and written:
//!
//! ```
//! use bc_invoice_types::{Decimal, OtherTax};
//!
//! let tax: OtherTax = serde_json::from_str(r#"{"name": "CESS", "amount": 95498.40}"#)?;
//! assert_eq!(tax.amount, Some(Decimal::new(9549840, 2))); // the value, exactly
//!
//! let tax = OtherTax::new().with_rate(Decimal::new(150, 2)).with_amount(Decimal::new(9549840, 2));
//! assert_eq!(serde_json::to_string(&tax)?, r#"{"rate":1.50,"amount":95498.40}"#); // written as held
//! # Ok::<(), serde_json::Error>(())
//! ```

#![warn(missing_docs)]

mod date_time;
mod error;
#[cfg(test)]
mod golden;
#[rustfmt::skip]
mod generated;
mod number;
mod support;
mod unknown;

pub use date_time::is_date_time;
pub use error::{EnumError, PatternError, Violation};
pub use generated::*;
pub use number::exact_decimal;
pub use rust_decimal::Decimal;
pub use unknown::UnknownValue;
