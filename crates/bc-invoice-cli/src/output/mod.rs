//! Rendering reports in the four formats. Each file is rendered by the worker that checked it, while its
//! text is still in memory (the text format quotes source lines); the totals and the JSON document are
//! put together in order afterwards.

mod excerpt;
pub mod github;
pub mod json;
pub mod sarif;
pub mod spool;
pub mod text;

use std::borrow::Cow;

pub use bc_invoice_validate::render::{finding_message, redacted_pointer};
use bc_invoice_validate::{FOUND_LIMIT, Finding, Report, RuleId};

use crate::args::Format;
use crate::escape;
use crate::input::Source;

/// One file's result, rendered.
#[derive(Debug)]
pub struct FileResult {
    /// Whether the file was read and is valid.
    pub valid: bool,
    /// Why the file could not be read, e.g. `cannot read tests: is a directory`, safe for a terminal
    /// (standard error shows it).
    pub read_error: Option<String>,
    /// How many errors the report holds.
    pub errors: usize,
    /// How many warnings the report holds.
    pub warnings: usize,
    /// How many findings past the report's limit were counted but not kept.
    pub omitted: usize,
    /// What goes to standard output for this file.
    pub body: Body,
}

/// A file's rendered output.
#[derive(Debug)]
pub enum Body {
    /// Text to write as it is (the `text` and `github` formats).
    Lines(String),
    /// The file's entry in the JSON document, rendered (see [`json::render_file`]).
    Json(String),
    /// The file's results in the SARIF log, and its notification (see [`sarif::render_file`]).
    Sarif(sarif::FileLog),
}

/// Renders one file's report, or why it could not be read (`reason`), in `format`.
pub fn render(
    format: Format,
    redact: bool,
    palette: &text::Palette,
    source: &Source,
    checked: Result<(&Report, &[u8]), &str>,
) -> FileResult {
    let name = source.name();
    let (valid, read_error, errors, warnings, omitted) = match checked {
        Ok((report, _)) => (
            report.is_valid(),
            None,
            report.errors.len(),
            report.warnings.len(),
            report.omitted,
        ),
        Err(reason) => {
            let message = read_error_message(&name, reason);
            (
                false,
                Some(escape::terminal(&message).into_owned()),
                0,
                0,
                0,
            )
        }
    };
    let body = match format {
        Format::Text => Body::Lines(match checked {
            Ok((report, bytes)) => text::render(&name, report, bytes, redact, palette),
            Err(_) => String::new(),
        }),
        Format::Github => Body::Lines(match checked {
            Ok((report, _)) => github::render(&name, report, redact),
            Err(reason) => github::read_error(&name, &read_error_message(&name, reason)),
        }),
        Format::Json => Body::Json(json::render_file(
            source,
            checked.map(|(report, _)| report),
            redact,
        )),
        Format::Sarif => Body::Sarif(sarif::render_file(
            source,
            checked.map(|(report, _)| report),
            redact,
        )),
    };
    FileResult {
        valid,
        read_error,
        errors,
        warnings,
        omitted,
        body,
    }
}

/// Counts over every file of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Files named (or standard input).
    pub files: usize,
    /// Files read and valid.
    pub valid: usize,
    /// Files read and invalid.
    pub invalid: usize,
    /// Files that could not be read.
    pub unreadable: usize,
    /// Errors over all files.
    pub errors: usize,
    /// Warnings over all files.
    pub warnings: usize,
    /// Findings past the reports' limit, counted but not shown.
    pub omitted: usize,
}

impl Totals {
    /// Counts one more file.
    pub fn add(&mut self, result: &FileResult) {
        self.files += 1;
        if result.read_error.is_some() {
            self.unreadable += 1;
        } else if result.valid {
            self.valid += 1;
        } else {
            self.invalid += 1;
        }
        self.errors += result.errors;
        self.warnings += result.warnings;
        self.omitted += result.omitted;
    }

    /// The exit status: 2 if a file could not be read, else 1 if a file is invalid, else 0.
    pub fn status(&self) -> u8 {
        if self.unreadable > 0 {
            2
        } else if self.invalid > 0 {
            1
        } else {
            0
        }
    }

    /// `3 files checked: 1 valid, 2 invalid; 5 errors, 1 warning`.
    pub fn summary(&self) -> String {
        let mut line = format!(
            "{} checked: {} valid, {} invalid",
            plural(self.files, "file"),
            self.valid,
            self.invalid
        );
        if self.unreadable > 0 {
            line.push_str(&format!(", {} unreadable", self.unreadable));
        }
        line.push_str(&format!(
            "; {}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        ));
        if self.omitted > 0 {
            line.push_str(&format!(
                ", {} not shown",
                plural(self.omitted, "more finding")
            ));
        }
        line
    }
}

/// What every report says of the settings file that decided its rule levels: `settings: PATH`, or that none
/// was read, made safe for a terminal and a CI log.
pub fn settings_line(file: Option<&str>) -> String {
    match file {
        Some(path) => format!("settings: {}", escape::terminal(path)),
        None => "no settings file".to_owned(),
    }
}

/// The summary line, ending with the settings file read: `1 file checked: …; 0 errors, 1 warning;
/// settings: bc-invoice.toml`.
pub fn with_settings(summary: &str, file: Option<&str>) -> String {
    format!("{summary}; {}", settings_line(file))
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// `cannot read NAME: reason`, not yet escaped.
pub fn read_error_message(name: &str, reason: &str) -> String {
    format!("cannot read {name}: {reason}")
}

/// A finding's message as every format shows it (not yet escaped for the format), then the rule id for a
/// finding of a rule beyond the schema, so that users know what to `--allow`.
fn message(finding: &Finding, redact: bool) -> String {
    let message = finding_message(finding, redact);
    match finding.rule() {
        Some(rule) => format!("{message} [{rule}]"),
        None => message,
    }
}

/// The finding's pointer as the text and github formats show it (not yet escaped): with `redact`, a
/// duplicate member's name masked unless the schema declares it; segments longer than [`FOUND_LIMIT`]
/// characters cut with `…`.
fn pointer(finding: &Finding, redact: bool) -> String {
    // Display: the root shows as `(root)`.
    redacted_pointer(finding, redact)
        .to_string()
        .split('/')
        .map(|segment| {
            if segment.chars().count() <= FOUND_LIMIT {
                Cow::Borrowed(segment)
            } else {
                let mut cut: String = segment.chars().take(FOUND_LIMIT - 1).collect();
                cut.push('…');
                Cow::Owned(cut)
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether the finding's position is an unknown member's name, which redaction masks too: an
/// `additionalProperties` finding, or in a received document the `received-unknown-member` rule's,
/// whose message masks the same name.
fn names_unknown_member(finding: &Finding) -> bool {
    finding.keyword() == "additionalProperties"
        || finding.rule() == Some(RuleId::ReceivedUnknownMember)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bc_invoice_validate::{ErrorKind, JsonPointer, Level};

    fn finding(pointer: &str, kind: ErrorKind) -> Finding {
        Finding::new(JsonPointer::parse(pointer).unwrap(), kind, Level::Error)
    }

    #[test]
    fn a_duplicate_members_name_is_masked_unless_the_schema_declares_it() {
        let duplicate = |member: &str| {
            let mut pointer = JsonPointer::parse("/invoice").unwrap();
            pointer.push_member(member);
            finding(
                pointer.as_str(),
                ErrorKind::DuplicateMember {
                    member: member.to_owned(),
                    first_line: 2,
                    first_column: 3,
                },
            )
        };
        // The messages are the library's (`render`); the text and github formats show the pointer.
        let secret = duplicate("4111 1111/1111~1111");
        assert_eq!(pointer(&secret, true), "/invoice/[redacted]");
        assert_eq!(pointer(&secret, false), "/invoice/4111 1111~11111~01111");
        assert_eq!(pointer(&duplicate("objectId"), true), "/invoice/objectId");
    }

    #[test]
    fn long_member_names_are_cut_in_pointers() {
        let name = "n".repeat(1000);
        let mut long = JsonPointer::parse("/invoice").unwrap();
        long.push_member(&name);
        let duplicate = finding(
            long.as_str(),
            ErrorKind::DuplicateMember {
                member: name.clone(),
                first_line: 1,
                first_column: 2,
            },
        );
        assert_eq!(
            pointer(&duplicate, false),
            format!("/invoice/{}…", "n".repeat(FOUND_LIMIT - 1))
        );
        assert_eq!(
            pointer(&finding("", ErrorKind::UnknownKind), false),
            "(root)"
        );
    }

    #[test]
    fn the_summary_counts_and_pluralises() {
        let totals = Totals {
            files: 3,
            valid: 1,
            invalid: 1,
            unreadable: 1,
            errors: 1,
            warnings: 2,
            omitted: 0,
        };
        assert_eq!(
            totals.summary(),
            "3 files checked: 1 valid, 1 invalid, 1 unreadable; 1 error, 2 warnings"
        );
        assert_eq!(totals.status(), 2);
        let one = Totals {
            files: 1,
            valid: 1,
            ..Totals::default()
        };
        assert_eq!(
            one.summary(),
            "1 file checked: 1 valid, 0 invalid; 0 errors, 0 warnings"
        );
        assert_eq!(one.status(), 0);
        let many = Totals {
            files: 1,
            invalid: 1,
            errors: 1000,
            omitted: 5,
            ..Totals::default()
        };
        assert_eq!(
            many.summary(),
            "1 file checked: 0 valid, 1 invalid; 1000 errors, 0 warnings, 5 more findings not shown"
        );
    }
}
