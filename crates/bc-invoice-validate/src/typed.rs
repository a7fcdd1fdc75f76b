//! The typed entry point: bytes to a generated root type, validated in the same call. Which type each kind
//! has is generated (`generated/dispatch.rs`): every root type implements [`Document`], and
//! [`AnyDocument`](crate::AnyDocument) holds a document of any kind.

use crate::document::Document;
use crate::generated::dispatch::{AnyDocument, TypeVisitor, with_type};
use crate::position::line_column;
use crate::{DocumentKind, ErrorKind, Finding, JsonPointer, Level, Position, Report, Validator};

/// Parses into the root type of a kind chosen at run time.
struct ParseAs<'v, 'b> {
    validator: &'v Validator,
    bytes: &'b [u8],
}

impl TypeVisitor for ParseAs<'_, '_> {
    type Output = Result<AnyDocument, Report>;

    fn visit<T: Document + Into<AnyDocument>>(self) -> Self::Output {
        self.validator.parse::<T>(self.bytes).map(Into::into)
    }
}

/// Parses into the root type of a kind chosen at run time, keeping the report.
struct ParseWithReportAs<'v, 'b> {
    validator: &'v Validator,
    bytes: &'b [u8],
}

impl TypeVisitor for ParseWithReportAs<'_, '_> {
    type Output = Result<(AnyDocument, Report), Report>;

    fn visit<T: Document + Into<AnyDocument>>(self) -> Self::Output {
        self.validator
            .parse_with_report::<T>(self.bytes)
            .map(|(document, report)| (document.into(), report))
    }
}

/// Parses and validates a document with the default settings: the typed document when the schema (and
/// every rule at level deny) accepts it, else the [`Report`] of everything wrong.
///
/// ```
/// use bc_invoice_types::ApiResponse;
///
/// let response: ApiResponse =
///     bc_invoice_validate::parse(br#"{"payload": "SUCCESS", "response_code": 0, "response_message": "SUCCESS"}"#)?;
/// assert_eq!(response.response_code, 0);
///
/// let report = bc_invoice_validate::parse::<ApiResponse>(br#"{"payload": "SUCCESS"}"#).unwrap_err();
/// assert_eq!(report.errors.len(), 2); // response_code and response_message are missing
/// # Ok::<(), bc_invoice_validate::Report>(())
/// ```
pub fn parse<T: Document>(bytes: &[u8]) -> Result<T, Report> {
    crate::validator::DEFAULT.parse(bytes)
}

impl Validator {
    /// Parses and validates a document of type `T` in one call: the typed document when it is valid
    /// (warnings are not returned; use [`Validator::validate`] to see them), else the [`Report`].
    pub fn parse<T: Document>(&self, bytes: &[u8]) -> Result<T, Report> {
        // A valid document needs no report. One reading decides and reads it: `de.rs` checks each value
        // against the schema as the walk does while it hands the value to the types (so the types need
        // not check the patterns the reading has just checked: `de.rs` answers the types' private name
        // for a validated value), and, when a rule at deny applies, hands the rules at deny the facts the
        // walk would. A document it accepts, with no finding of theirs, is one `validate` accepts, read as
        // serde_json reads it.
        if let Ok(text) = crate::scan::utf8(bytes) {
            let root = T::KIND.root();
            if !self.rules_can_refuse(T::KIND) {
                if let Ok(document) = crate::de::from_text::<T>(text, root, false) {
                    return Ok(document);
                }
            } else if let Some(deny) = self.deny_rules_only() {
                let mut checker = crate::rules::Checker::new(T::KIND, &deny);
                checker.limit(1);
                if let Ok((document, mut checker)) =
                    crate::de::from_text_with_rules::<T>(text, root, checker)
                {
                    let (found, omitted) = checker.finish();
                    if found.is_empty() && omitted == 0 {
                        return Ok(document);
                    }
                }
            }
        }
        // Otherwise (strict, `known-values` at deny, or that reading gave up or met a rule's finding: the
        // document has an error, or something that reading leaves to serde_json) the report decides.
        self.parse_with_report(bytes).map(|(document, _)| document)
    }

    /// Parses and validates a document of type `T`, keeping the report: the typed document and its
    /// warnings when it is valid, else the [`Report`] of everything wrong. For a document whose warnings
    /// matter to the receiver (a webhook with members the schema does not know yet, which the typed
    /// document leaves out): one call, where [`Validator::parse`] drops them. It always runs every rule
    /// at its level, so it costs what [`Validator::validate`] and the typed reading cost together.
    ///
    /// ```
    /// use bc_invoice_types::ApiResponse;
    /// use bc_invoice_validate::{RuleId, Validator};
    ///
    /// let text = br#"{"payload": "SUCCESS", "response_code": 0, "response_message": "SUCCESS"}"#;
    /// let (response, report) = Validator::new().parse_with_report::<ApiResponse>(text)?;
    /// assert_eq!(response.response_code, 0);
    /// assert!(report.is_valid() && report.warnings.is_empty());
    /// # Ok::<(), bc_invoice_validate::Report>(())
    /// ```
    pub fn parse_with_report<T: Document>(&self, bytes: &[u8]) -> Result<(T, Report), Report> {
        let mut report = self.validate(Some(T::KIND), bytes);
        if !report.is_valid() {
            return Err(report);
        }
        // The validated text, read by the same reader, or by serde_json with every check if it gives up
        // (serde_json says why if it fails too). A document received from the platform may carry members
        // the schema does not know yet: the typed document leaves them out (they are the
        // `received-unknown-member` rule's warnings).
        if let Ok(text) = crate::scan::utf8(bytes)
            && let Ok(document) =
                crate::de::from_text::<T>(text, T::KIND.root(), T::KIND.is_received())
        {
            return Ok((document, report));
        }
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        match T::deserialize(&mut deserializer) {
            Ok(document) => Ok((document, report)),
            Err(_) => {
                // Only now is the path worth its cost: read again, tracking it.
                let mut deserializer = serde_json::Deserializer::from_slice(bytes);
                let error = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
                    Ok(document) => return Ok((document, report)),
                    Err(error) => error,
                };
                report.errors.push(typed_finding(bytes, &error));
                Err(report)
            }
        }
    }

    /// Parses and validates a document of any kind into [`AnyDocument`]: `kind: None` detects the kind from
    /// the top-level members, as [`Validator::validate`] does.
    ///
    /// ```
    /// use bc_invoice_validate::{AnyDocument, DocumentKind, Validator};
    ///
    /// let text = br#"{"payload": "SUCCESS", "response_code": 0, "response_message": "SUCCESS"}"#;
    /// let document = Validator::new().parse_any(None, text)?;
    /// assert_eq!(document.kind(), DocumentKind::ApiResponse);
    /// assert!(matches!(document, AnyDocument::ApiResponse(ref r) if r.response_code == 0));
    /// # Ok::<(), bc_invoice_validate::Report>(())
    /// ```
    pub fn parse_any(
        &self,
        kind: Option<DocumentKind>,
        bytes: &[u8],
    ) -> Result<AnyDocument, Report> {
        let (kind, detected) = self.kind_to_parse(kind, bytes)?;
        with_type(
            kind,
            ParseAs {
                validator: self,
                bytes,
            },
        )
        .map_err(|mut report| {
            report.detected = detected;
            report
        })
    }

    /// Parses and validates a document of any kind, keeping the report: [`Validator::parse_any`] with the
    /// warnings it drops, as [`Validator::parse_with_report`] is [`Validator::parse`] with them. For one
    /// endpoint that receives several kinds (the platform's payment-response and
    /// payment-confirmation-response webhooks) and logs the members the schema does not know yet. The
    /// report is the one [`Validator::validate`] gives for the same `kind` (`report.detected` says whether
    /// it was detected); it costs what `parse_with_report` costs.
    ///
    /// ```
    /// use bc_invoice_validate::{AnyDocument, DocumentKind, Validator};
    ///
    /// let text = br#"{"payload": "SUCCESS", "response_code": 0, "response_message": "SUCCESS"}"#;
    /// let (document, report) = Validator::new().parse_any_with_report(None, text)?;
    /// assert!(matches!(document, AnyDocument::ApiResponse(ref r) if r.response_code == 0));
    /// assert_eq!(report.kind, Some(DocumentKind::ApiResponse));
    /// assert!(report.detected && report.is_valid());
    /// for warning in &report.warnings {
    ///     eprintln!("{warning}"); // a payment webhook's unknown member, for one
    /// }
    /// # Ok::<(), bc_invoice_validate::Report>(())
    /// ```
    pub fn parse_any_with_report(
        &self,
        kind: Option<DocumentKind>,
        bytes: &[u8],
    ) -> Result<(AnyDocument, Report), Report> {
        let (kind, detected) = self.kind_to_parse(kind, bytes)?;
        let mark = |mut report: Report| {
            report.detected = detected;
            report
        };
        match with_type(
            kind,
            ParseWithReportAs {
                validator: self,
                bytes,
            },
        ) {
            Ok((document, report)) => Ok((document, mark(report))),
            Err(report) => Err(mark(report)),
        }
    }

    /// The kind `parse_any` reads `bytes` as, and whether it was detected; for a document detection
    /// cannot name, the report that says why.
    fn kind_to_parse(
        &self,
        kind: Option<DocumentKind>,
        bytes: &[u8],
    ) -> Result<(DocumentKind, bool), Report> {
        match kind {
            Some(kind) => Ok((kind, false)),
            None => {
                let detected = crate::scan::utf8(bytes)
                    .ok()
                    .and_then(|text| crate::detect::detect(text).ok().flatten());
                match detected {
                    Some(kind) => Ok((kind, true)),
                    // Not a document detection can name: the report says why.
                    None => Err(self.validate(None, bytes)),
                }
            }
        }
    }

    /// Validates a document built in code before it is sent, against the text `serde_json` writes for it
    /// (pretty-printed, so lines and columns point into that text).
    ///
    /// To have the findings point into the very bytes you send, write them yourself and validate those:
    ///
    /// ```
    /// use bc_invoice_types::ApiResponse;
    /// use bc_invoice_validate::{Document, Validator};
    ///
    /// let response = ApiResponse::new("SUCCESS", 0, "SUCCESS");
    /// assert!(Validator::new().check(&response).is_valid());
    ///
    /// let body = serde_json::to_vec(&response).unwrap(); // what goes on the wire
    /// let report = Validator::new().validate(Some(ApiResponse::KIND), &body);
    /// assert!(report.is_valid()); // a finding's line and column would point into `body`
    /// ```
    pub fn check<T: Document>(&self, document: &T) -> Report {
        match serde_json::to_vec_pretty(document) {
            Ok(bytes) => self.validate(Some(T::KIND), &bytes),
            Err(error) => Report {
                kind: Some(T::KIND),
                detected: false,
                errors: vec![Finding {
                    pointer: JsonPointer::root(),
                    kind: ErrorKind::Typed {
                        message: error.to_string(),
                    },
                    found: None,
                    position: Position {
                        offset: 0,
                        line: 1,
                        column: 1,
                    },
                    level: Level::Error,
                    example: None,
                }],
                warnings: Vec::new(),
                omitted: 0,
            },
        }
    }
}

/// A finding for a typed-parse failure, at the path and position serde reports.
fn typed_finding(bytes: &[u8], error: &serde_path_to_error::Error<serde_json::Error>) -> Finding {
    let mut pointer = JsonPointer::root();
    for segment in error.path().iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => pointer.push_index(*index),
            serde_path_to_error::Segment::Map { key } => pointer.push_member(key),
            serde_path_to_error::Segment::Enum { variant } => pointer.push_member(variant),
            serde_path_to_error::Segment::Unknown => {}
        }
    }
    let inner = error.inner();
    // serde points just past the value it refused; a finding points where the value starts.
    let mut offset = offset_of(bytes, inner.line(), inner.column());
    while offset > 0
        && matches!(bytes[offset - 1], b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'.' | b'+' | b'-')
    {
        offset -= 1;
    }
    let (line, column) = line_column(bytes, offset);
    // serde_json's message ends with its own "at line L column C"; the finding carries the position.
    let message = inner.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned();
    Finding {
        pointer,
        kind: ErrorKind::Typed { message },
        found: None,
        position: Position {
            offset,
            line,
            column,
        },
        level: Level::Error,
        example: None,
    }
}

/// The byte offset of serde_json's 1-based line and byte column (which points just past the token).
fn offset_of(bytes: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', bytes)
            .nth(line - 2)
            .map_or(bytes.len(), |at| at + 1)
    };
    (line_start + column.saturating_sub(1)).min(bytes.len())
}
