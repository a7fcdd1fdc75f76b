//! Rendering reports in the three formats. Each file is rendered by the worker that checked it, while its
//! text is still in memory (the text format quotes source lines); the totals and the JSON document are
//! put together in order afterwards.

mod excerpt;
pub mod github;
pub mod json;
pub mod text;

use bc_invoice_validate::{Finding, Report};

use crate::args::Format;

/// One file's result, rendered.
#[derive(Debug)]
pub struct FileResult {
    /// Whether the file was read and is valid.
    pub valid: bool,
    /// Why the file could not be read, e.g. `cannot read tests: is a directory`.
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
    /// The file's entry in the JSON document.
    Json(json::JsonFile),
}

/// Renders one file's report, or its read error, in `format`.
pub fn render(
    format: Format,
    redact: bool,
    palette: &text::Palette,
    name: &str,
    checked: Result<(&Report, &[u8]), &str>,
) -> FileResult {
    let (valid, read_error, errors, warnings, omitted) = match checked {
        Ok((report, _)) => (
            report.is_valid(),
            None,
            report.errors.len(),
            report.warnings.len(),
            report.omitted,
        ),
        Err(message) => (false, Some(message.to_owned()), 0, 0, 0),
    };
    let body = match format {
        Format::Text => Body::Lines(match checked {
            Ok((report, bytes)) => text::render(name, report, bytes, redact, palette),
            Err(_) => String::new(),
        }),
        Format::Github => Body::Lines(match checked {
            Ok((report, _)) => github::render(name, report, redact),
            Err(message) => github::read_error(name, message),
        }),
        Format::Json => Body::Json(json::JsonFile::new(name, checked.map(|(r, _)| r), redact)),
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

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// A finding's message as every format shows it: the library's message, then the rule id for a finding
/// of a rule beyond the schema, so that users know what to `--allow`.
fn message(finding: &Finding, redact: bool) -> String {
    let message = finding.message(redact);
    match finding.rule() {
        Some(rule) => format!("{message} [{rule}]"),
        None => message,
    }
}

/// Whether the finding's position is an unknown member's name, which redaction masks too.
fn names_unknown_member(finding: &Finding) -> bool {
    finding.keyword() == "additionalProperties"
}

#[cfg(test)]
mod tests {
    use super::*;

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
