//! The `github` format: GitHub Actions workflow commands, which the runner turns into annotations on the
//! pull request's files.
//!
//! ```text
//! ::error file=a.json,line=14,col=22::/invoiceConfirmation/buyerResponse: "MAYBE" is not one of ACCEPT, REJECT, RETURN
//! ```
//!
//! The runner reads every line of the output for commands, so no line may be forged from a file's name
//! or text: every line this format writes for a file is one of its own `::error`, `::warning` or
//! `::notice` commands, and the run's last line is the summary, which starts with a digit. Inside a
//! command, the properties are escaped as the runner unescapes them (`%`, CR, LF, `:` and `,`), so that a
//! property cannot end early and the first `::` of the line after the command's name is the one that
//! starts the message; the message escapes `%`, CR and LF. Both show unsafe characters (control,
//! invisible and bidirectional formatting characters) as `?`, and the `[` of `##[`, `##vso[` and the like as `?`
//! ([`escape::terminal`]); other file names are exact, so that the annotation lands on the file.

use std::fmt::Write as _;

use bc_invoice_validate::{Level, Report};

use crate::escape;

/// The one `::notice` naming the settings file that decided the run's rule levels (or saying none was
/// read).
pub fn settings_notice(file: Option<&str>) -> String {
    format!(
        "::notice title=settings::{}",
        data(&super::settings_line(file))
    )
}

/// One `::error` or `::warning` command per finding, in document order, and a `::notice` for findings
/// past the report's limit.
pub fn render(name: &str, report: &Report, redact: bool) -> String {
    let mut out = String::new();
    let file = property(name);
    for finding in report.findings() {
        let command = match finding.level {
            Level::Error => "error",
            Level::Warning => "warning",
            // A level a later library adds (a note): a notice, which fails nothing.
            _ => "notice",
        };
        let message = format!(
            "{}: {}",
            super::pointer(finding, redact),
            super::message(finding, redact)
        );
        let _ = writeln!(
            out,
            "::{command} file={file},line={},col={}::{}",
            finding.position.line,
            finding.position.column,
            data(&message)
        );
    }
    if report.omitted > 0 {
        let _ = writeln!(
            out,
            "::notice file={file}::{} more findings not shown; the report keeps the first {}",
            report.omitted,
            report.errors.len() + report.warnings.len()
        );
    }
    out
}

/// An `::error` command for a file that could not be read.
pub fn read_error(name: &str, message: &str) -> String {
    format!("::error file={}::{}\n", property(name), data(message))
}

/// A command's message: unsafe characters shown as `?` and log-command markers broken (`##vso?`), then `%`, carriage return
/// and line feed escaped (control characters are already `?`; the escapes stay for defence in depth).
fn data(text: &str) -> String {
    escape::terminal(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value: `%`, carriage return, line feed, `:` and `,` escaped, which the runner
/// unescapes. The runner's log shows the command, and renders colour escape sequences, so unsafe
/// characters are shown as `?` and log-command markers broken here too: a name holding them loses its annotation's
/// place on the file rather than drive the log. Other names are exact.
fn property(text: &str) -> String {
    escape::terminal(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace(':', "%3A")
        .replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(data("100% done\r\nnext: a,b"), "100%25 done??next: a,b");
        assert_eq!(
            data("::stop-commands::x ##[error]y \u{202e} ##vso[task.complete]"),
            "::stop-commands::x ##?error]y ? ##vso?task.complete]"
        );
        assert_eq!(property("C:\\a,b%.json"), "C%3A\\a%2Cb%25.json");
        assert_eq!(property("a\n\r\u{1b}.json"), "a???.json");
        assert_eq!(property("::error file=x::y"), "%3A%3Aerror file=x%3A%3Ay");
    }
}
