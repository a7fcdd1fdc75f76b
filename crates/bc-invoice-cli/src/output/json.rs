//! The `json` format: one JSON object on standard output, a stable contract documented in the README.
//!
//! ```json
//! {"valid": false,
//!  "files": [{"file": "a.json", "kind": "confirm-invoice", "detected": true, "valid": false,
//!             "errors": [{"instanceLocation": "/invoiceConfirmation/buyerResponse", "keyword": "enum",
//!                         "error": "\"MAYBE\" is not one of ACCEPT, REJECT, RETURN", "line": 14, "column": 22}],
//!             "warnings": [], "omitted": 0}]}
//! ```

use bc_invoice_validate::{Finding, Report};
use serde::Serialize;

/// The whole document.
#[derive(Debug, Serialize)]
pub struct JsonReport {
    /// Whether every file was read and is valid.
    pub valid: bool,
    /// One entry per file, in the order given.
    pub files: Vec<JsonFile>,
}

/// One file's entry.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonFile {
    /// The path as given, or `<stdin>`.
    pub file: String,
    /// The schema the file was checked against; `null` when it could not be told or read.
    pub kind: Option<&'static str>,
    /// Whether the kind was detected from the top-level members rather than given with `--kind`.
    pub detected: bool,
    /// Whether the file was read and has no errors.
    pub valid: bool,
    /// Present only when the file could not be read, e.g. `cannot read tests: is a directory`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_error: Option<String>,
    /// The errors, in document order.
    pub errors: Vec<JsonFinding>,
    /// The warnings, in document order.
    pub warnings: Vec<JsonFinding>,
    /// Findings past the report's limit, counted but not listed.
    pub omitted: usize,
}

/// One finding.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonFinding {
    /// An RFC 6901 JSON Pointer, `""` for the root; for `required` and `additionalProperties`, the
    /// object.
    pub instance_location: String,
    /// The JSON Schema keyword (`pattern`, `enum`, `required`, `type`, `additionalProperties`,
    /// `format`), `syntax`, `duplicateMember`, `range`, `kind`, or the rule's id.
    pub keyword: &'static str,
    /// The rule's id for a finding of a rule beyond the schema; absent for schema findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
    /// The message.
    pub error: String,
    /// 1-based line where the offending value starts.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl JsonFile {
    /// The entry for a checked file, or for one that could not be read.
    pub fn new(name: &str, checked: Result<&Report, &str>, redact: bool) -> Self {
        match checked {
            Ok(report) => JsonFile {
                file: name.to_owned(),
                kind: report.kind.map(|kind| kind.as_str()),
                detected: report.detected,
                valid: report.is_valid(),
                read_error: None,
                errors: report
                    .errors
                    .iter()
                    .map(|f| JsonFinding::new(f, redact))
                    .collect(),
                warnings: report
                    .warnings
                    .iter()
                    .map(|f| JsonFinding::new(f, redact))
                    .collect(),
                omitted: report.omitted,
            },
            Err(message) => JsonFile {
                file: name.to_owned(),
                kind: None,
                detected: false,
                valid: false,
                read_error: Some(message.to_owned()),
                errors: Vec::new(),
                warnings: Vec::new(),
                omitted: 0,
            },
        }
    }
}

impl JsonFinding {
    fn new(finding: &Finding, redact: bool) -> Self {
        JsonFinding {
            instance_location: finding.pointer.as_str().to_owned(),
            keyword: finding.keyword(),
            rule: finding.rule(),
            error: finding.message(redact),
            line: finding.position.line,
            column: finding.position.column,
        }
    }
}
