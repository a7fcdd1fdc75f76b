//! The `text` format, for people:
//!
//! ```text
//! a.json:14:22: /invoiceConfirmation/buyerResponse: "MAYBE" is not one of ACCEPT, REJECT, RETURN
//!    14 |     "buyerResponse": "MAYBE",
//!       |                      ^
//! ```
//!
//! Styles are always written; the output stream strips them unless it is a terminal that wants colour.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use bc_invoice_validate::{Level, Report};

use super::excerpt::Excerpts;

const LOCATION: Style = Style::new().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const ERROR: Style = AnsiColor::Red.on_default().bold();
const GUTTER: Style = AnsiColor::Blue.on_default().bold();
const RULE: Style = Style::new().dimmed();
const VALID: Style = AnsiColor::Green.on_default().bold();

/// Every finding of one file, in document order, each with its source line and a caret.
pub fn render(name: &str, report: &Report, bytes: &[u8], redact: bool) -> String {
    let name = printable(name);
    let mut out = String::new();
    let mut excerpts = Excerpts::new(bytes, redact);
    for finding in report.findings() {
        let position = finding.position;
        let level = match finding.level {
            Level::Error => String::new(),
            Level::Warning => format!("{WARNING}warning:{WARNING:#} "),
        };
        let message = printable(&finding.message(redact));
        let rule = finding
            .rule()
            .map(|rule| format!(" {RULE}[{rule}]{RULE:#}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{LOCATION}{name}:{}:{}:{LOCATION:#} {}: {level}{message}{rule}",
            position.line, position.column, finding.pointer
        );
        let excerpt = excerpts.excerpt(position.offset, super::names_unknown_member(finding));
        let number = position.line.to_string();
        let width = number.len().max(4);
        let caret = match finding.level {
            Level::Error => ERROR,
            Level::Warning => WARNING,
        };
        let space = if excerpt.text.is_empty() { "" } else { " " };
        let _ = writeln!(
            out,
            "{GUTTER}{number:>width$} |{GUTTER:#}{space}{}",
            excerpt.text
        );
        let _ = writeln!(
            out,
            "{GUTTER}{:>width$} |{GUTTER:#} {:pad$}{caret}^{caret:#}",
            "",
            "",
            pad = excerpt.caret
        );
    }
    if report.omitted > 0 {
        let _ = writeln!(
            out,
            "{LOCATION}{name}:{LOCATION:#} … and {} more findings not shown",
            report.omitted
        );
    }
    out
}

/// The run's last line: counts of files, errors and warnings, green when all is well.
pub fn summary(totals: &super::Totals) -> String {
    let style = if totals.status() == 0 { VALID } else { ERROR };
    format!("{style}{}{style:#}\n", totals.summary())
}

/// Text with control characters shown as `?`, so that a hostile file name or value cannot drive the
/// terminal.
fn printable(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}
