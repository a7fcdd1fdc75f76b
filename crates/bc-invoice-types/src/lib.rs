//! Typed Bharat Connect B2B invoice documents: the Create, Edit, Confirm and Change-Status invoice requests
//! and the response envelope, as Rust types generated from the checked-in JSON Schema by `cargo xtask gen`.
//!
//! - One root type per document: [`CreateInvoiceRequest`], [`EditInvoiceRequest`],
//!   [`ConfirmInvoiceRequest`], [`ChangeInvoiceStatusRequest`] and [`ApiResponse`]; one type per shared
//!   schema definition ([`Item`], [`Address`], …).
//! - Members keep their exact wire names; an optional member is an `Option` and is left out when `None`;
//!   an unknown member or a `null` is refused, as the schema refuses them.
//! - Amounts and quantities are [`Decimal`]s read and written digit for digit: `0` stays `0`, `1.50` stays
//!   `1.50`, `99999999999999.99` stays `99999999999999.99`. A number that is not an exact decimal of at most
//!   28 digits is an error, never rounded.
//! - Closed lists are enums ([`BuyerResponse`]); open lists (the schema's `x-known-values`) are enums with an
//!   `Unknown` variant that keeps any other value exactly ([`YesNo`], [`State`], …).
//! - Pattern-constrained strings are newtypes ([`ObjectId`], [`B2bId`], [`SupplierInvoiceNumber`],
//!   [`Remarks`], [`Timestamp`]) made only through a check of the pattern (and, for [`Timestamp`], the
//!   calendar); a refused value is a [`PatternError`].
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
//! let mut version = ObjectVersion::new(2, 3);
//! version.new_version += 1;
//! let answer = match BuyerResponse::Return {
//!     BuyerResponse::Accept => "accepted",
//!     _ => "not accepted",
//! };
//! assert_eq!((version.new_version, answer), (4, "not accepted"));
//! ```
//!
//! Outside this crate a struct literal does not compile, nor does a `match` that names every value of a
//! list and no wildcard:
//!
//! ```compile_fail,E0639
//! let version = bc_invoice_types::ObjectVersion { current_version: 2, new_version: 3 };
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
//!
//! ```
//! # #[cfg(feature = "schemars")] {
//! let schema = schemars::schema_for!(bc_invoice_types::ObjectId);
//! assert_eq!(schema.as_value()["pattern"], bc_invoice_types::ObjectId::PATTERN);
//! # }
//! ```
//!
//! Serialize with `serde_json`: the decimal members rely on its `arbitrary_precision` feature (on for the
//! whole workspace) to keep their digits.
//!
//! Known limits: read documents from text (`serde_json::from_str`, `from_slice`, `from_reader`, or
//! `bc_invoice_validate::parse`), which is exact. `serde_json::from_value` goes through serde_json's own
//! `Number` deserializer, which may hand over an `f64` and so change the 16th significant digit of an
//! amount. And serde's derived `Deserialize` also reads a struct from a JSON array of its members in
//! order; `bc_invoice_validate::parse` refuses that, since it validates before it deserializes.

#![warn(missing_docs)]

mod date_time;
mod error;
#[cfg(test)]
mod golden;
#[rustfmt::skip]
mod generated;
mod support;
mod unknown;

pub use date_time::is_date_time;
pub use error::{EnumError, PatternError, Violation};
pub use generated::*;
pub use rust_decimal::Decimal;
pub use unknown::UnknownValue;
