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

/// How many bytes of the files' entries are held in memory before the rest goes to a temporary file.
pub const HELD_IN_MEMORY: usize = 8 << 20;

/// How many bytes of entries gather in memory between two writes to the temporary file.
const SPOOL_BUFFER: usize = 1 << 16;

/// The files' entries of the report, as [`render_file`] renders them, kept until the end: the document
/// starts with `"valid"`, which only the last file decides. Up to [`HELD_IN_MEMORY`] bytes are held in
/// memory; past that, everything goes to an unnamed temporary file (in `$TMPDIR`, readable by its owner
/// only, gone when the command exits, however it exits), so that the command's memory does not grow with
/// the report: a thousand findings of an 8 kB file are 250 kB of report, and ten thousand such files from
/// an untrusted pull request would otherwise be held whole. Where no temporary file can be made, or it
/// cannot be written (a full disk, a file size limit), the entries stay in memory: what the file holds is
/// read back, and the report is the same.
#[derive(Debug, Default)]
pub struct Entries {
    /// The entries not (yet) in the temporary file: all of them while there is none, else those written
    /// since its last write.
    held: Vec<u8>,
    /// The temporary file and how many bytes it holds, each written whole.
    spooled: Option<(std::fs::File, u64)>,
    no_spool: bool,
    count: usize,
}

impl Entries {
    /// Adds the next file's entry.
    pub fn push(&mut self, entry: &str) -> std::io::Result<()> {
        let separator: &[u8] = if self.count == 0 { b"\n" } else { b",\n" };
        self.count += 1;
        self.held.extend_from_slice(separator);
        self.held.extend_from_slice(entry.as_bytes());
        if self.spooled.is_none() && self.held.len() > HELD_IN_MEMORY && !self.no_spool {
            match tempfile::tempfile() {
                Ok(file) => self.spooled = Some((file, 0)),
                Err(_) => self.no_spool = true,
            }
        }
        if self.spooled.is_some() && self.held.len() >= SPOOL_BUFFER {
            self.spool()?;
        }
        Ok(())
    }

    /// Writes the entries held to the temporary file. Where that fails, the file's bytes are read back
    /// and every entry stays in memory from then on; only a file that cannot be read back is an error.
    fn spool(&mut self) -> std::io::Result<()> {
        use std::io::{Read, Seek, Write};
        let Some((file, written)) = &mut self.spooled else {
            return Ok(());
        };
        if file.write_all(&self.held).is_ok() {
            *written += self.held.len() as u64;
            self.held.clear();
            return Ok(());
        }
        let mut back = Vec::new();
        let read_back = file
            .rewind()
            .and_then(|()| file.take(*written).read_to_end(&mut back));
        match read_back {
            Ok(_) if back.len() as u64 == *written => {
                back.append(&mut self.held);
                self.held = back;
                self.spooled = None;
                self.no_spool = true;
                Ok(())
            }
            Ok(_) => Err(std::io::Error::other(
                "its temporary file (in $TMPDIR) could not be read back: it was cut short",
            )),
            Err(e) => Err(std::io::Error::new(
                e.kind(),
                format!("its temporary file (in $TMPDIR) could not be read back: {e}"),
            )),
        }
    }

    /// Writes the entries, in the order they came, separated as the `files` array's members are: those in
    /// the temporary file, then those held since its last write.
    fn write_to(self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        use std::io::{Read, Seek};
        if let Some((mut file, written)) = self.spooled {
            file.rewind()?;
            let copied = std::io::copy(&mut (&mut file).take(written), out)?;
            if copied != written {
                return Err(std::io::Error::other(
                    "its temporary file (in $TMPDIR) was cut short",
                ));
            }
        }
        out.write_all(&self.held)
    }
}

/// Writes the whole document, `{"valid": …, "settings": …, "files": [ … ]}` (`settings` the settings file
/// read, or `null`), pretty-printed as `serde_json` would, from the entries [`render_file`] rendered.
pub fn write_report(
    out: &mut dyn std::io::Write,
    valid: bool,
    settings: Option<&str>,
    files: Entries,
) -> std::io::Result<()> {
    let settings = render::pretty_escaped(&settings, 0);
    write!(
        out,
        "{{\n  \"valid\": {valid},\n  \"settings\": {settings},\n  \"files\": ["
    )?;
    if files.count == 0 {
        return writeln!(out, "]\n}}");
    }
    files.write_to(out)?;
    writeln!(out, "\n  ]\n}}")
}
