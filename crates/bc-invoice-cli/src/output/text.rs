//! The `text` format, for people:
//!
//! ```text
//! a.json:14:22: /invoiceConfirmation/buyerResponse: "MAYBE" is not one of ACCEPT, REJECT, RETURN
//!    14 |     "buyerResponse": "MAYBE",
//!       |                      ^
//! ```
//!
//! File names, pointers and messages are made safe for a terminal and a CI log ([`escape::terminal`]),
//! and the source line by the excerpt.
//!
//! Styles are written only when colour is on; otherwise the palette is empty and the text is plain, so
//! nothing has to strip escape codes from it.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use bc_invoice_validate::{Level, Report};
use unicode_width::UnicodeWidthStr;

use super::excerpt::Excerpts;
use crate::escape;

/// The styles of the text report: coloured, or all empty for plain text.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    location: Style,
    warning: Style,
    error: Style,
    gutter: Style,
    rule: Style,
    valid: Style,
}

impl Palette {
    /// Colours for a terminal, or an empty palette (plain text) when `color` is off.
    pub fn new(color: bool) -> Self {
        if !color {
            let plain = Style::new();
            return Palette {
                location: plain,
                warning: plain,
                error: plain,
                gutter: plain,
                rule: plain,
                valid: plain,
            };
        }
        Palette {
            location: Style::new().bold(),
            warning: AnsiColor::Yellow.on_default().bold(),
            error: AnsiColor::Red.on_default().bold(),
            gutter: AnsiColor::Blue.on_default().bold(),
            rule: Style::new().dimmed(),
            valid: AnsiColor::Green.on_default().bold(),
        }
    }
}

/// Every finding of one file, in document order, each with its source line and a caret.
pub fn render(
    name: &str,
    report: &Report,
    bytes: &[u8],
    redact: bool,
    palette: &Palette,
) -> String {
    let Palette {
        location,
        warning,
        error,
        gutter,
        rule: rule_style,
        ..
    } = *palette;
    let name = escape::line_start(&escape::terminal(name)).into_owned();
    let mut out = String::new();
    let mut excerpts = Excerpts::new(bytes, redact);
    for finding in report.findings() {
        let position = finding.position;
        let level = match finding.level {
            Level::Error => String::new(),
            other => format!("{warning}{other}:{warning:#} "),
        };
        let message = super::finding_message(finding, redact);
        let message = escape::terminal(&message);
        let pointer = super::pointer(finding, redact);
        let pointer = escape::terminal(&pointer);
        let rule = finding
            .rule()
            .map(|rule| format!(" {rule_style}[{rule}]{rule_style:#}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{location}{name}:{}:{}:{location:#} {pointer}: {level}{message}{rule}",
            position.line, position.column
        );
        let excerpt = excerpts.excerpt(position.offset, super::names_unknown_member(finding));
        let number = position.line.to_string();
        let width = number.len().max(4);
        let caret = match finding.level {
            Level::Error => error,
            _ => warning,
        };
        let space = if excerpt.text.is_empty() { "" } else { " " };
        let _ = writeln!(
            out,
            "{gutter}{number:>width$} |{gutter:#}{space}{}",
            excerpt.text
        );
        // The caret goes under the value on a terminal, which gives a combining mark (a Devanagari vowel
        // sign) no column and a wide character (CJK, an emoji) two: pad by the display width of what
        // precedes the value, not by its count of characters.
        let before = excerpt
            .text
            .char_indices()
            .nth(excerpt.caret)
            .map_or(excerpt.text.as_str(), |(at, _)| &excerpt.text[..at]);
        let pad = before.width() + excerpt.caret.saturating_sub(before.chars().count());
        let _ = writeln!(
            out,
            "{gutter}{:>width$} |{gutter:#} {:pad$}{caret}^{caret:#}",
            "", "",
        );
    }
    if report.omitted > 0 {
        let _ = writeln!(
            out,
            "{location}{name}:{location:#} … and {} more findings not shown",
            report.omitted
        );
    }
    out
}

/// The run's last line: counts of files, errors and warnings, green when all is well, then the settings
/// file read.
pub fn summary(totals: &super::Totals, settings: Option<&str>, palette: &Palette) -> String {
    let style = if totals.status() == 0 {
        palette.valid
    } else {
        palette.error
    };
    format!(
        "{style}{}{style:#}\n",
        super::with_settings(&totals.summary(), settings)
    )
}
