//! The `json` format: one JSON object on standard output, a stable contract documented in the README.
//!
//! ```json
//! {"valid": false,
//!  "files": [{"file": "a.json", "kind": "confirm-invoice", "detected": true, "valid": false,
//!             "errors": [{"instanceLocation": "/invoiceConfirmation/buyerResponse", "keyword": "enum",
//!                         "error": "\"MAYBE\" is not one of ACCEPT, REJECT, RETURN", "line": 14, "column": 22}],
//!             "warnings": [], "omitted": 0}]}
//! ```
//!
//! Values are exact: a parser reads back the names and messages as they are. The text, though, escapes
//! the characters that could drive a terminal or a CI runner (see [`escape::json_text`]). A file name
//! that is not UTF-8 is `{"bytes": "<base64>"}`, so that it can be recovered exactly; standard input is
//! `"<stdin>"` with `"stdin": true`, which a file named `<stdin>` does not have.

use base64::Engine as _;
use bc_invoice_validate::{Finding, Report};
use serde::Serialize;

use crate::escape;
use crate::input::Source;

/// One file's entry.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonFile {
    /// The path as given, or `<stdin>`.
    pub file: FileName,
    /// Present, and `true`, only for standard input.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stdin: bool,
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

/// A file's name: text when it is UTF-8, else its bytes in base64 (RFC 4648, with padding), as
/// `{"bytes": "..."}`, the way ripgrep's `--json` writes such a path.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum FileName {
    /// The name as text.
    Text(String),
    /// The exact bytes of a name that is not UTF-8.
    Bytes {
        /// Base64 of the bytes.
        bytes: String,
    },
}

impl FileName {
    fn of(source: &Source) -> Self {
        match source.non_utf8_bytes() {
            Some(bytes) => FileName::Bytes {
                bytes: base64::engine::general_purpose::STANDARD.encode(bytes),
            },
            None => FileName::Text(source.name()),
        }
    }
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
    /// The message, values masked with `--redact`.
    pub error: String,
    /// 1-based line where the offending value starts.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl JsonFile {
    /// The entry for a checked file, or for one that could not be read (`reason`).
    pub fn new(source: &Source, checked: Result<&Report, &str>, redact: bool) -> Self {
        let file = FileName::of(source);
        let stdin = *source == Source::Stdin;
        match checked {
            Ok(report) => JsonFile {
                file,
                stdin,
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
            Err(reason) => JsonFile {
                file,
                stdin,
                kind: None,
                detected: false,
                valid: false,
                read_error: Some(super::read_error_message(&source.name(), reason)),
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
            instance_location: super::redacted_pointer(finding, redact).as_str().to_owned(),
            keyword: finding.keyword(),
            rule: finding.rule(),
            error: super::finding_message(finding, redact),
            line: finding.position.line,
            column: finding.position.column,
        }
    }
}

/// One file's entry as it stands in the report's `files` array: pretty-printed, indented to its place,
/// escaped (see [`escape::json_text`]). Rendered as the file is checked, so that the run holds the text
/// of each entry rather than its parts.
pub fn render_file(source: &Source, checked: Result<&Report, &str>, redact: bool) -> String {
    let file = JsonFile::new(source, checked, redact);
    let text = serde_json::to_string_pretty(&file).unwrap_or_default();
    let mut indented = String::with_capacity(text.len() + text.len() / 8);
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            indented.push('\n');
        }
        indented.push_str("    ");
        indented.push_str(line);
    }
    escape::json_text(indented)
}

/// Writes the whole document, `{"valid": …, "files": [ … ]}`, pretty-printed as `serde_json` would, from
/// the entries [`render_file`] rendered.
pub fn write_report(
    out: &mut dyn std::io::Write,
    valid: bool,
    files: &[String],
) -> std::io::Result<()> {
    write!(out, "{{\n  \"valid\": {valid},\n  \"files\": [")?;
    if files.is_empty() {
        return writeln!(out, "]\n}}");
    }
    for (index, file) in files.iter().enumerate() {
        out.write_all(if index == 0 { b"\n" } else { b",\n" })?;
        out.write_all(file.as_bytes())?;
    }
    writeln!(out, "\n  ]\n}}")
}
