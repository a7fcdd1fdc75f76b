//! The `github` format: GitHub Actions workflow commands, which the runner turns into annotations on the
//! pull request's files.
//!
//! ```text
//! ::error file=a.json,line=14,col=22::/invoiceConfirmation/buyerResponse: "MAYBE" is not one of ACCEPT, REJECT, RETURN
//! ```

use std::fmt::Write as _;

use bc_invoice_validate::{Level, Report};

/// One `::error` or `::warning` command per finding, in document order.
pub fn render(name: &str, report: &Report, redact: bool) -> String {
    let mut out = String::new();
    let file = property(name);
    for finding in report.findings() {
        let command = match finding.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let message = format!("{}: {}", finding.pointer, super::message(finding, redact));
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
            "{}: … and {} more findings not shown",
            data(name),
            report.omitted
        );
    }
    out
}

/// An `::error` command for a file that could not be read.
pub fn read_error(name: &str, message: &str) -> String {
    format!("::error file={}::{}\n", property(name), data(message))
}

/// Escapes a command's message: `%`, carriage return and line feed.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: as [`data`], and `:` and `,`, which delimit properties.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(data("100% done\r\nnext: a,b"), "100%25 done%0D%0Anext: a,b");
        assert_eq!(property("C:\\a,b%\n.json"), "C%3A\\a%2Cb%25%0A.json");
    }
}
