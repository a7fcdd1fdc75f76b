//! Validation of Bharat Connect B2B invoice documents against the checked-in JSON Schema, reporting every
//! error with its field path (an RFC 6901 JSON Pointer), keyword, expected and found values, and the line
//! and column where it starts.
//!
//! ```
//! use bc_invoice_validate::{validate, DocumentKind};
//!
//! let text = br#"{"payload": "SUCCESS", "response_code": "0", "response_message": "SUCCESS"}"#;
//! let report = validate(Some(DocumentKind::ApiResponse), text);
//! assert!(!report.is_valid());
//! let error = &report.errors[0];
//! assert_eq!(error.pointer.as_str(), "/response_code");
//! assert_eq!(error.keyword(), "type");
//! assert_eq!((error.position.line, error.position.column), (1, 41));
//! assert_eq!(error.to_string(), r#"/response_code: "0" is not of type integer (found string) (line 1, column 41)"#);
//! ```
//!
//! Every error, then the typed entry point and strictness (this is `examples/check_invoice.rs`):
//!
//! ```
#![doc = include_str!("../examples/check_invoice.rs")]
//! ```
//!
//! The schema is compiled by `cargo xtask gen` into static tables (nothing is read or compiled at start-up).
//! The validator reads a document in one pass, borrowing its strings, and never backtracks: patterns run on
//! a direct class matcher or the `regex` crate's linear-time engines.
//!
//! # What a report holds
//!
//! - [`validate`]`(kind, bytes) -> `[`Report`] returns every error, not the first; `kind: None` detects the
//!   document from its top-level members (`invoice` → `create-invoice`, which has the same body as
//!   `edit-invoice`; `invoiceConfirmation`, `invoiceStatus`, `response_code`…), and `report.detected` says so.
//! - Each [`Finding`] has a `pointer` (an RFC 6901 [`JsonPointer`]), a `kind` ([`ErrorKind`], one variant per
//!   keyword, with its facts: `Pattern { pattern }`, `Enum { options }`, `Required { member }`,
//!   `AdditionalProperties { member, suggestion }`, `Type { expected, found }`, `Format`, `DuplicateMember`,
//!   `Range`, `Syntax`, `Rule { .. }`, …), the `found` value, and a `position` with the byte offset and the
//!   1-based line and column (in characters) where the value starts — for `required` the object missing the
//!   member, for `additionalProperties` the unknown member's name. `Display` renders
//!   `/invoiceConfirmation/buyerResponse: "MAYBE" is not one of ACCEPT, REJECT, RETURN (line 8, column 22)`;
//!   `message(true)` masks values, and [`render`] gives the report as the command's JSON.
//! - [`parse`]`::<T>(bytes) -> Result<T, Report>` is the typed entry point: the generated root type, or the
//!   same report; `Validator::parse_with_report::<T>` gives the typed document with its warnings, and
//!   `Validator::parse_any_with_report` does so for a kind detected (or chosen) at run time.
//!   `Validator::check(&document)` validates a document built in code before it is sent.
//! - `Validator::new().strict(true).rules(rule_set).max_findings(n)` sets strictness (warnings become errors),
//!   the rule levels ([`RuleSet`]; every rule is listed in `docs/rules.md`), and how many findings a report
//!   keeps (1,000 by default; the rest are counted in `omitted`). [`DocumentKind`], [`RuleId`],
//!   [`RuleLevel`] and [`Level`] serialize as their text (`"confirm-invoice"`, `"gstin-checksum"`,
//!   `"deny"`, `"warning"`) and deserialize from it (the first three through their `FromStr`), so a
//!   service's own query, settings and log types can hold them.
//! - Bad input is a finding, never a panic: malformed JSON, invalid UTF-8 and a byte-order mark are `syntax`
//!   errors at their line and column; nesting deeper than 512 levels is refused without recursion; a
//!   duplicate member is an error (two parsers may keep different copies); a number no exact decimal (or
//!   `i64`, for integer members) holds is a `range` error rather than a rounding.
//!
//! # Payments
//!
//! The payment documents work like the invoices: typed (`PayInvoiceRequest`, `PaymentConfirmationRequest`,
//! `PaymentResponse`, `PaymentConfirmationResponse`, every amount a `Decimal`), validated, detected, and
//! parsed with [`parse`] or `Validator::parse_any`. Their rules (`reject-offplatform-only`, the API's own,
//! and the amount identities `payment-parts`, `payment-total`, `payment-splits`, `payment-due`, …) are in
//! `docs/rules.md`. The response webhooks come from the platform to your server, so an unknown member there
//! is the `received-unknown-member` rule's warning rather than an error, and `parse` leaves it out
//! (`Validator::parse_with_report` returns that warning beside the typed document;
//! `Validator::parse_any_with_report` too, for one endpoint that receives both webhooks).
//!
//! Pay two invoices, check that the amounts add up to the paisa, and validate with the payment rules as
//! errors (`cargo run -p bc-invoice-validate --example pay_invoices`):
//!
//! ```
#![doc = include_str!("../examples/pay_invoices.rs")]
//! ```
//!
//! # Features
//!
//! - `schemars` (default): `schemars::JsonSchema` for the typed documents (`bc-invoice-types`' feature of
//!   the same name, which this one turns on). The validator does not use schemars itself: with
//!   `default-features = false` (on this crate and on `bc-invoice-types`, if you depend on it too) neither
//!   crate compiles schemars or its derive, and validation and `parse` work the same. The README gives what
//!   each costs a new service's clean build (`tests/downstream-cost.sh` measures it).
//! - `arbitrary-precision` (off): serde_json's `arbitrary_precision`, through `bc-invoice-types`' feature
//!   of the same name, so that plain `serde_json::from_slice` keeps every digit of an amount too.
//!   [`parse`] keeps every digit without it. The feature is on for the whole dependency graph (cargo
//!   unifies features), where it stops any `f64` inside a tagged, untagged or flattened type from
//!   deserializing; see `bc_invoice_types`' "Amounts" section. Without it, this crate turns on no feature of
//!   a shared crate that changes that crate's behaviour.

mod de;
mod detect;
mod document;
mod generated;
mod kind;
mod level;
mod names;
mod numbers;
mod path;
mod pattern;
mod pointer;
mod position;
pub mod render;
mod report;
pub mod rules;
mod scan;
mod schema;
mod suggest;
mod typed;
mod validator;
mod walk;

pub use document::Document;
pub use generated::dispatch::AnyDocument;
pub use kind::{DocumentKind, UnknownKind};
pub use level::Level;
pub use pointer::JsonPointer;
pub use report::{ErrorKind, FOUND_LIMIT, Finding, JsonType, Position, Report};
pub use rules::{RuleId, RuleLevel, RuleSet};
pub use typed::parse;
pub use validator::{DEFAULT_MAX_FINDINGS, Validator, declared_members, declares_member, validate};
