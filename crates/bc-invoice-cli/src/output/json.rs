//! The `json` format: one JSON object on standard output, a stable contract documented in docs/cli.md.
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
//! the characters that could drive a terminal or a CI runner (see [`render::escape_json_text`]). A file name
//! that is not UTF-8 is `{"bytes": "<base64>"}`, so that it can be recovered exactly; standard input is
//! `"<stdin>"` with `"stdin": true`, which a file named `<stdin>` does not have.

use base64::Engine as _;
use bc_invoice_validate::Report;
use bc_invoice_validate::render::{self, JsonFinding, JsonReport};
use serde::Serialize;

use super::spool::Spool;
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
impl JsonFile {
    /// The entry for a checked file, or for one that could not be read (`reason`).
    pub fn new(source: &Source, checked: Result<&Report, &str>, redact: bool) -> Self {
        let file = FileName::of(source);
        let stdin = *source == Source::Stdin;
        match checked {
            Ok(report) => {
                // The library's entry for the report, which the service and the Python package give too.
                let report = JsonReport::new(report, redact);
                JsonFile {
                    file,
                    stdin,
                    kind: report.kind,
                    detected: report.detected,
                    valid: report.valid,
                    read_error: None,
                    errors: report.errors,
                    warnings: report.warnings,
                    omitted: report.omitted,
                }
            }
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

/// One file's entry as it stands in the report's `files` array: pretty-printed, indented to its place,
/// escaped (see [`render::escape_json_text`]). Rendered as the file is checked, so that the run holds the text
/// of each entry rather than its parts.
pub fn render_file(source: &Source, checked: Result<&Report, &str>, redact: bool) -> String {
    let file = JsonFile::new(source, checked, redact);
    // The first line is indented too: it follows the array's line break.
    format!("    {}", render::pretty_escaped(&file, 4))
}

/// Writes the whole document, `{"valid": …, "settings": …, "files": [ … ]}` (`settings` the settings file
/// read, or `null`), pretty-printed as `serde_json` would, from the entries [`render_file`] rendered.
pub fn write_report(
    out: &mut dyn std::io::Write,
    valid: bool,
    settings: Option<&str>,
    files: Spool,
) -> std::io::Result<()> {
    let settings = render::pretty_escaped(&settings, 0);
    write!(
        out,
        "{{\n  \"valid\": {valid},\n  \"settings\": {settings},\n  \"files\": ["
    )?;
    if files.is_empty() {
        return writeln!(out, "]\n}}");
    }
    files.write_to(out)?;
    writeln!(out, "\n  ]\n}}")
}
