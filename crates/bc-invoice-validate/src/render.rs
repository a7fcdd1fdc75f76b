//! The report rendered for people and programs outside Rust: the JSON entry for one document that the
//! `bc-invoice-validate` command writes for each file with `--format json`, and that the service and the
//! Python package answer with, made here once so that every front end says the same thing.
//!
//! ```
//! use bc_invoice_validate::{render::JsonReport, validate, DocumentKind};
//!
//! let text = br#"{"payload": "SUCCESS", "response_code": "0", "response_message": "SUCCESS"}"#;
//! let report = validate(Some(DocumentKind::ApiResponse), text);
//! let json = JsonReport::new(&report, false).to_json_pretty(0);
//! let value: serde_json::Value = serde_json::from_str(&json).unwrap();
//! assert_eq!(value["valid"], false);
//! assert_eq!(value["errors"][0]["instanceLocation"], "/response_code");
//! assert_eq!(value["errors"][0]["keyword"], "type");
//! assert_eq!((value["errors"][0]["line"].as_u64(), value["errors"][0]["column"].as_u64()), (Some(1), Some(41)));
//! ```
//!
//! Values are exact: a JSON parser reads back the names and messages as they are. The text, though,
//! escapes the characters that could drive a terminal or a CI runner ([`escape_json_text`]). With
//! `redact`, no value of the document appears: offending values, unknown member names, the characters a
//! syntax message quotes, and member names the schema does not declare are shown as [`MASK`].

use std::borrow::Cow;
use std::fmt::Write as _;

use serde::Serialize;

use crate::pointer::JsonPointer;
use crate::report::{ErrorKind, FOUND_LIMIT, Finding, Report};
use crate::rules::{RULES, RuleId, RuleSet};

/// What a masked value shows, in messages, pointers and excerpts alike.
pub const MASK: &str = "[redacted]";

/// One document's report as JSON: the command's `--format json` entry for a file, less the file's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct JsonReport {
    /// The schema the document was checked against; `null` when its kind could not be told.
    pub kind: Option<&'static str>,
    /// Whether the kind was detected from the top-level members rather than given.
    pub detected: bool,
    /// Whether the document has no errors.
    pub valid: bool,
    /// The errors, in document order.
    pub errors: Vec<JsonFinding>,
    /// The warnings, in document order.
    pub warnings: Vec<JsonFinding>,
    /// Findings past the report's limit, counted but not listed.
    pub omitted: usize,
}

/// One finding as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct JsonFinding {
    /// An RFC 6901 JSON Pointer, `""` for the root; for `required` and `additionalProperties`, the
    /// object.
    pub instance_location: String,
    /// The JSON Schema keyword (`pattern`, `enum`, `required`, `type`, `additionalProperties`,
    /// `format`), `syntax`, `duplicateMember`, `range`, `kind`, `typed`, or the rule's id.
    pub keyword: &'static str,
    /// The rule's id for a finding of a rule beyond the schema; absent for schema findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
    /// The message, values masked with `redact`.
    pub error: String,
    /// 1-based line where the offending value starts.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl JsonReport {
    /// The report of one document, values masked with `redact`.
    pub fn new(report: &Report, redact: bool) -> Self {
        let findings =
            |list: &[Finding]| list.iter().map(|f| JsonFinding::new(f, redact)).collect();
        JsonReport {
            kind: report.kind.map(|kind| kind.as_str()),
            detected: report.detected,
            valid: report.is_valid(),
            errors: findings(&report.errors),
            warnings: findings(&report.warnings),
            omitted: report.omitted,
        }
    }

    /// The report pretty-printed as `serde_json` does, each line after the first indented by `indent`
    /// spaces (the command nests it in its `files` array), and escaped ([`escape_json_text`]).
    ///
    /// Written straight into one buffer: the same text as [`pretty_escaped`] of the report (a test holds
    /// them equal), without serde's per-member machinery, the second pass that indents, or a scan of
    /// the whole text for characters to escape: only a string that holds one is escaped, which gives
    /// the same text since the rest is ASCII white space, punctuation, digits and the names above.
    pub fn to_json_pretty(&self, indent: usize) -> String {
        let findings = self.errors.len() + self.warnings.len();
        let mut out = Pretty {
            out: Vec::with_capacity(160 + 224 * findings),
            indent,
        };
        out.raw("{");
        out.key(1, "kind");
        match self.kind {
            Some(kind) => out.string(kind),
            None => out.raw("null"),
        }
        out.raw(",");
        out.key(1, "detected");
        out.raw(if self.detected { "true," } else { "false," });
        out.key(1, "valid");
        out.raw(if self.valid { "true," } else { "false," });
        out.key(1, "errors");
        out.findings(&self.errors);
        out.raw(",");
        out.key(1, "warnings");
        out.findings(&self.warnings);
        out.raw(",");
        out.key(1, "omitted");
        out.number(self.omitted);
        out.line(0);
        out.raw("}");
        // Only whole `str`s and ASCII were written.
        String::from_utf8(out.out).unwrap_or_default()
    }
}

/// The writer of [`JsonReport::to_json_pretty`]: serde_json's pretty layout (two spaces a level, `": "`
/// after a name, `[]` for an empty array), each line after the first indented by `indent` more.
struct Pretty {
    out: Vec<u8>,
    indent: usize,
}

impl Pretty {
    fn raw(&mut self, text: &str) {
        self.out.extend_from_slice(text.as_bytes());
    }

    /// A line break, then the indentation of `depth` levels.
    fn line(&mut self, depth: usize) {
        self.out.push(b'\n');
        let spaces = self.indent + 2 * depth;
        self.out.resize(self.out.len() + spaces, b' ');
    }

    /// A new line at `depth`, then `"name": `.
    fn key(&mut self, depth: usize, name: &str) {
        self.line(depth);
        self.out.push(b'"');
        self.raw(name);
        self.raw("\": ");
    }

    fn number(&mut self, n: usize) {
        // Writing to a vector cannot fail.
        let _ = serde_json::to_writer(&mut self.out, &n);
    }

    /// A string as serde_json writes it, escaped ([`escape_json_text`]) when it holds a character that
    /// needs it: serde_json's own escapes are ASCII and hold neither `#` nor `[`, so a string without
    /// one before has none after.
    fn string(&mut self, text: &str) {
        if first_escape(text).is_none() {
            let _ = serde_json::to_writer(&mut self.out, text);
        } else {
            let json = serde_json::to_string(text).unwrap_or_default();
            self.raw(&escape_json_text(json));
        }
    }

    /// An array of findings at depth 1, its items at depth 2 and their members at depth 3.
    fn findings(&mut self, list: &[JsonFinding]) {
        if list.is_empty() {
            self.raw("[]");
            return;
        }
        self.raw("[");
        for (index, finding) in list.iter().enumerate() {
            if index > 0 {
                self.raw(",");
            }
            self.line(2);
            self.raw("{");
            self.key(3, "instanceLocation");
            self.string(&finding.instance_location);
            self.raw(",");
            self.key(3, "keyword");
            self.string(finding.keyword);
            self.raw(",");
            if let Some(rule) = finding.rule {
                self.key(3, "rule");
                self.string(rule);
                self.raw(",");
            }
            self.key(3, "error");
            self.string(&finding.error);
            self.raw(",");
            self.key(3, "line");
            self.number(finding.line);
            self.raw(",");
            self.key(3, "column");
            self.number(finding.column);
            self.line(2);
            self.raw("}");
        }
        self.line(1);
        self.raw("]");
    }
}

impl JsonFinding {
    /// One finding, values masked with `redact`.
    pub fn new(finding: &Finding, redact: bool) -> Self {
        JsonFinding {
            instance_location: redacted_pointer(finding, redact).as_str().to_owned(),
            keyword: finding.keyword(),
            rule: finding.rule().map(RuleId::as_str),
            error: finding_message(finding, redact),
            line: finding.position.line,
            column: finding.position.column,
        }
    }
}

/// One rule as JSON, with the level a rule set gives it: an item of the command's
/// `--list-rules --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct JsonRule {
    /// The rule's id, e.g. `gstin-checksum`.
    pub id: &'static str,
    /// The level in effect: `deny`, `warn` or `allow`.
    pub level: &'static str,
    /// The level the rule has unless settings change it.
    pub default_level: &'static str,
    /// What the rule checks, in one line.
    pub summary: &'static str,
    /// How far a value may be off before the rule fires.
    pub tolerance: &'static str,
    /// The primary source the rule follows.
    pub source: &'static str,
}

/// Every rule, in the catalogue's order, with the level `rules` gives it.
pub fn rules(rules: &RuleSet) -> Vec<JsonRule> {
    RULES
        .iter()
        .map(|rule| JsonRule {
            id: rule.id.as_str(),
            level: rules.level(rule.id).as_str(),
            default_level: rule.default_level.as_str(),
            summary: rule.summary,
            tolerance: rule.tolerance,
            source: rule.source,
        })
        .collect()
}

/// `value` pretty-printed as `serde_json` does, each line after the first indented by `indent` spaces and
/// the text escaped ([`escape_json_text`]).
pub fn pretty_escaped<T: Serialize + ?Sized>(value: &T, indent: usize) -> String {
    // Serializing these types cannot fail: their maps have string keys and they hold no floats.
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let text = if indent == 0 {
        text
    } else {
        let pad = " ".repeat(indent);
        let mut indented = String::with_capacity(text.len() + text.len() / 8);
        for (index, line) in text.lines().enumerate() {
            if index > 0 {
                indented.push('\n');
                indented.push_str(&pad);
            }
            indented.push_str(line);
        }
        indented
    };
    escape_json_text(text)
}

/// Whether `name`, exactly as written between the quotes, is a member name the schema declares in any
/// object of any document: the schema's words, which redaction shows. Any other name may be misplaced
/// data (an account number used as a key) and is masked like a value.
pub fn is_schema_member(name: &str) -> bool {
    crate::report::declares(name)
}

/// The finding's message as every format shows it (not yet escaped for a format): the library's
/// [`Finding::message`], with what it leaves to a front end:
///
/// - a member name (an unknown member, a duplicate one) is cut to [`FOUND_LIMIT`] characters like a
///   found value, so that a name of megabytes is not copied into every format;
/// - with `redact`, a duplicate member's name is masked unless the schema declares it (an unknown
///   member's name is masked by the library), and a syntax message masks the document's characters it
///   quotes (`found 'x'`, a `\uD800` escape).
pub fn finding_message(finding: &Finding, redact: bool) -> String {
    let message = finding.message(redact);
    match &finding.kind {
        // With `redact`, `Finding::message` has already masked a name the schema does not declare.
        ErrorKind::AdditionalProperties { member, .. } if !redact => {
            cut_quoted_member(message, member)
        }
        ErrorKind::DuplicateMember { member, .. } => cut_quoted_member(message, member),
        ErrorKind::Syntax { .. } if redact => mask_syntax_message(&message),
        _ => message,
    }
}

/// `message` with the member name it quotes (as `{member:?}`) cut to [`FOUND_LIMIT`] characters.
fn cut_quoted_member(message: String, member: &str) -> String {
    if member.chars().count() <= FOUND_LIMIT {
        return message;
    }
    let quoted = format!("{member:?}");
    let cut: String = member.chars().take(FOUND_LIMIT - 1).collect();
    let cut = format!("{cut:?}");
    message.replacen(&quoted, &format!("{}…", &cut[..cut.len() - 1]), 1)
}

/// A syntax message with the document's characters it quotes masked: what follows `found ` when it is
/// quoted, and every `\uXXXX` escape.
fn mask_syntax_message(message: &str) -> String {
    let mut out = match message.rfind("found ") {
        Some(at) if matches!(message[at + 6..].chars().next(), Some('\'' | '"')) => {
            format!("{}{MASK}", &message[..at + 6])
        }
        _ => message.to_owned(),
    };
    while let Some(at) = find_unicode_escape(&out) {
        out.replace_range(at..at + 6, MASK);
    }
    out
}

/// Where a `\u` followed by four hexadecimal digits starts.
fn find_unicode_escape(text: &str) -> Option<usize> {
    text.match_indices("\\u").map(|(at, _)| at).find(|&at| {
        text.get(at + 2..at + 6)
            .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
    })
}

/// The finding's pointer, with `redact` a duplicate member's name masked unless the schema declares it:
/// the one place a finding's pointer holds a name the walk did not find in the schema.
pub fn redacted_pointer(finding: &Finding, redact: bool) -> Cow<'_, JsonPointer> {
    match &finding.kind {
        ErrorKind::DuplicateMember { member, .. } if redact && !is_schema_member(member) => {
            let mut masked = finding.pointer.parent();
            masked.push_member(MASK);
            Cow::Owned(masked)
        }
        _ => Cow::Borrowed(&finding.pointer),
    }
}

/// Whether a character must not reach a terminal or a CI log as it is: control characters (C0, DEL
/// and C1), the line and paragraph separators, and every default-ignorable code point (Unicode's
/// `Default_Ignorable_Code_Point`: the soft hyphen, zero-width characters, bidirectional marks,
/// embeddings, overrides and isolates, the byte-order mark, variation selectors, tags, …), plus the
/// interlinear annotation characters.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00ad}'
                | '\u{034f}'
                | '\u{061c}'
                | '\u{115f}'..='\u{1160}'
                | '\u{17b4}'..='\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff0}'..='\u{fffb}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

/// Whether a `[` right after `before` would open a CI runner's log command: `##`, then ASCII letters or
/// none, then `[`. Each of these is read anywhere in a line: GitHub Actions' legacy workflow commands
/// (`##[error]`), Azure Pipelines' formatting commands (`##[group]`) and logging commands
/// (`##vso[task.setvariable …]`, `##vso[task.complete …]`), and TeamCity's service messages
/// (`##teamcity[…]`). Any letters are taken, so that another runner's marker of the same shape is broken
/// too. The runners of GitHub and Azure Pipelines find a marker with a culture-sensitive comparison,
/// which ignores more characters than the default-ignorable ones [`is_unsafe_char`] lists (ARABIC
/// TATWEEL, a letter; Hebrew accents; combining half marks; Arabic number signs; …): so every
/// character beyond ASCII is set aside here, and `#ـ#[` opens one too. Only what follows the last ASCII
/// character other than a letter before the `[` is looked at, so a text costs one pass however many
/// brackets it holds.
pub fn opens_log_command(before: &[u8]) -> bool {
    // A character beyond ASCII is bytes 0x80 and up, each of them set aside.
    let mut ascii = before.iter().rev().filter(|b| b.is_ascii());
    ascii.find(|b| !b.is_ascii_alphabetic()) == Some(&b'#') && ascii.next() == Some(&b'#')
}

/// `text` with the `[` of every log-command marker ([`opens_log_command`]: `##[`, `##vso[`,
/// `##teamcity[`, …, characters beyond ASCII set aside) shown as `?`. One character stands for one, so
/// columns stay aligned.
pub fn break_log_commands(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let opens = |at: usize| bytes[at] == b'[' && opens_log_command(&bytes[..at]);
    let Some(first) = (0..bytes.len()).find(|&at| opens(at)) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    out.push('?');
    for c in text[first + 1..].chars() {
        if c == '[' && opens_log_command(out.as_bytes()) {
            out.push('?');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// JSON text (as `serde_json` writes it) with the characters that could drive a terminal or a CI runner
/// escaped: each [`is_unsafe_char`] as `\uXXXX`, and the `[` of a log-command marker (`##[`, `##vso[`,
/// `##teamcity[`: [`opens_log_command`]) as `\u005b`. A JSON parser reads
/// back exactly the same strings, but the text itself can neither drive a terminal nor issue a workflow
/// command. Outside strings JSON text is white space and ASCII punctuation, digits and letters; inside
/// them `serde_json` escapes line feeds, carriage returns and tabs. So a line feed, carriage return or
/// tab is white space between tokens and stays, and every other such character is inside a string,
/// where an escape means the same.
pub fn escape_json_text(json: String) -> String {
    let Some(start) = first_escape(&json) else {
        return json;
    };
    let needs_escape = |c: char| is_unsafe_char(c) && !matches!(c, '\n' | '\r' | '\t');
    let mut out = String::with_capacity(json.len() + 16);
    out.push_str(&json[..start]);
    for c in json[start..].chars() {
        if needs_escape(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else if c == '[' && opens_log_command(out.as_bytes()) {
            out.push_str("\\u005b");
        } else {
            out.push(c);
        }
    }
    out
}

/// Bytes that may start something [`escape_json_text`] escapes: the C0 controls but line feed, carriage
/// return and tab, DEL, `[`, and every byte of a character beyond ASCII (which is then decoded and
/// checked).
const SUSPECT: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte < 0x20 && !matches!(byte as u8, b'\n' | b'\r' | b'\t'))
            || byte >= 0x7f
            || byte == b'[' as usize;
        byte += 1;
    }
    table
};

/// Where the first character [`escape_json_text`] escapes starts, if any: one table look-up per byte,
/// a character beyond ASCII decoded only where one starts.
fn first_escape(json: &str) -> Option<usize> {
    let bytes = json.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if !SUSPECT[usize::from(byte)] {
            at += 1;
            continue;
        }
        if byte == b'[' {
            if opens_log_command(&bytes[..at]) {
                // The escape is of the `[`; the text before it is copied as it is.
                return Some(at);
            }
            at += 1;
        } else if byte < 0x80 {
            return Some(at);
        } else {
            // `at` starts a character: ASCII bytes are skipped one by one and a character's
            // continuation bytes with it.
            let c = json[at..].chars().next()?;
            if is_unsafe_char(c) {
                return Some(at);
            }
            at += c.len_utf8();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::level::Level;

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
        let secret = duplicate("4111 1111/1111~1111");
        assert_eq!(
            finding_message(&secret, true),
            "member [redacted] appears more than once (first at line 2, column 3)"
        );
        assert_eq!(
            redacted_pointer(&secret, true).as_str(),
            "/invoice/[redacted]"
        );
        assert_eq!(
            finding_message(&secret, false),
            "member \"4111 1111/1111~1111\" appears more than once (first at line 2, column 3)"
        );
        let known = duplicate("objectId");
        assert_eq!(
            finding_message(&known, true),
            "member \"objectId\" appears more than once (first at line 2, column 3)"
        );
        assert_eq!(redacted_pointer(&known, true).as_str(), "/invoice/objectId");
    }

    #[test]
    fn long_member_names_are_cut() {
        let name = "n".repeat(1000);
        let unknown = finding(
            "",
            ErrorKind::AdditionalProperties {
                member: name.clone(),
                suggestion: None,
            },
        );
        assert_eq!(
            finding_message(&unknown, false),
            format!("unknown member \"{}…", "n".repeat(FOUND_LIMIT - 1))
        );
        assert_eq!(finding_message(&unknown, true), "unknown member [redacted]");
    }

    #[test]
    fn syntax_messages_mask_the_characters_they_quote() {
        let syntax = |message: &str| {
            finding(
                "",
                ErrorKind::Syntax {
                    message: message.to_owned(),
                },
            )
        };
        for (message, masked) in [
            (
                "expected a value, found 'S'",
                "expected a value, found [redacted]",
            ),
            (
                "expected ',' or '}' after an object member, found '\\u{202e}'",
                "expected ',' or '}' after an object member, found [redacted]",
            ),
            (
                "lone surrogate \\uD83D in a string",
                "lone surrogate [redacted] in a string",
            ),
            (
                "invalid \\u escape: expected four hexadecimal digits",
                "invalid \\u escape: expected four hexadecimal digits",
            ),
            ("unterminated string", "unterminated string"),
            // The scanner's own advice quotes nothing of the document, so nothing of it is masked.
            (
                "control character in a string: escape it (\\n, \\t, \\uXXXX)",
                "control character in a string: escape it (\\n, \\t, \\uXXXX)",
            ),
        ] {
            assert_eq!(finding_message(&syntax(message), true), masked);
            assert_eq!(finding_message(&syntax(message), false), message);
        }
    }

    #[test]
    fn the_schema_names_are_known_and_data_is_not() {
        for name in [
            "objectId",
            "invoice",
            "response_code",
            "phoneNumber",
            "email",
            "paymentConfirmation",
        ] {
            assert!(is_schema_member(name), "{name}");
        }
        for name in [
            "9820012345",
            "e-mail",
            "objectid",
            "",
            "object\\u0049d",
            "properties",
        ] {
            assert!(!is_schema_member(name), "{name}");
        }
    }

    #[test]
    fn json_text_escapes_and_reads_back_the_same() {
        let value = "\u{7f}\u{85}\u{202e}##[add-mask]x\u{e0041}";
        let json = escape_json_text(serde_json::to_string(value).unwrap());
        assert_eq!(
            json,
            "\"\\u007f\\u0085\\u202e##\\u005badd-mask]x\\udb40\\udc41\""
        );
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), value);
        let pretty = serde_json::to_string_pretty(&[value, "\n"]).unwrap();
        let escaped = escape_json_text(pretty.clone());
        assert_eq!(escaped.lines().count(), pretty.lines().count());
        assert_eq!(
            serde_json::from_str::<Vec<String>>(&escaped).unwrap(),
            [value, "\n"]
        );
    }

    /// The escaping as it was first written, a character at a time: the scan that skips to the first
    /// escape must give the same text.
    fn escape_char_by_char(json: &str) -> String {
        let mut out = String::new();
        for c in json.chars() {
            if is_unsafe_char(c) && !matches!(c, '\n' | '\r' | '\t') {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            } else if c == '['
                && out
                    .chars()
                    .filter(char::is_ascii)
                    .collect::<String>()
                    .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                    .ends_with("##")
            {
                out.push_str("\\u005b");
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn every_log_command_marker_is_broken_and_nothing_else() {
        assert_eq!(
            break_log_commands("x ##[error]a ##vso[task.complete result=Succeeded]b"),
            "x ##?error]a ##vso?task.complete result=Succeeded]b"
        );
        assert_eq!(
            break_log_commands("##teamcity[buildStatus] ##VSO[x] ###[y] ##[[z]"),
            "##teamcity?buildStatus] ##VSO?x] ###?y] ##?[z]"
        );
        for safe in [
            "# [a]", "#vso[", "## vso[", "##1[", "##v-so[", "[##", "a[b]",
        ] {
            assert_eq!(break_log_commands(safe), Cow::Borrowed(safe), "{safe:?}");
        }
        let json =
            escape_json_text(serde_json::to_string("##vso[task.setvariable variable=x]y").unwrap());
        assert_eq!(json, "\"##vso\\u005btask.setvariable variable=x]y\"");
    }

    /// GitHub's and Azure's runners look for `##[` and `##vso[` with a culture-sensitive comparison
    /// (ICU's), which ignores more characters than the default-ignorable ones shown as `?`: ARABIC
    /// TATWEEL (a letter), Hebrew accents, combining half marks, Arabic number signs, …
    #[test]
    fn a_marker_with_characters_collation_ignores_between_its_marks_is_broken() {
        for (text, broken) in [
            ("#\u{640}#[error]x", "#\u{640}#?error]x"),
            ("##v\u{591}so[task.complete]", "##v\u{591}so?task.complete]"),
            (
                "\u{fe21}#\u{600}#\u{1d165}[x]",
                "\u{fe21}#\u{600}#\u{1d165}?x]",
            ),
            ("#é#[y] #€vso[z]", "#é#?y] #€vso[z]"),
        ] {
            assert_eq!(break_log_commands(text), broken, "{text:?}");
            let json = escape_json_text(serde_json::to_string(text).unwrap());
            assert_eq!(
                json,
                format!("\"{}\"", broken.replace('?', "\\u005b")),
                "{text:?}"
            );
            assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
        }
    }

    #[test]
    fn the_scan_escapes_as_a_character_at_a_time_does() {
        let alphabet = [
            "a",
            "V",
            "#",
            "[",
            "\n",
            "\t",
            "\u{1}",
            "\u{7f}",
            "\u{85}",
            "\u{ad}",
            "é",
            "€",
            "\u{202e}",
            "\u{feff}",
            "\u{e0041}",
            "😀",
            "\u{fff9}",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            texts = texts
                .iter()
                .flat_map(|text| alphabet.iter().map(move |c| format!("{text}{c}")))
                .collect();
            for text in &texts {
                assert_eq!(
                    escape_json_text(text.clone()),
                    escape_char_by_char(text),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn the_written_report_is_the_serialized_one() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut documents: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"{".to_vec(),
            "{\"\u{202e}##[add-mask]\": \"\u{85}\", \"invoice\": {\"\u{1}\": 1, \"a\": \"##[\"}}"
                .as_bytes()
                .to_vec(),
            "{\"payload\": \"##[x\u{feff}\", \"response_code\": \"\u{7f}\", \"x\": \"\\n\"}"
                .as_bytes()
                .to_vec(),
            b"{\"a\": 1, \"a\": 2, \"\xff\": 3}".to_vec(),
        ];
        let mut directories = vec![root];
        while let Some(directory) = directories.pop() {
            for entry in std::fs::read_dir(&directory).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    directories.push(path);
                } else if path.extension().is_some_and(|e| e == "json") {
                    documents.push(std::fs::read(&path).unwrap());
                }
            }
        }
        assert!(documents.len() > 50, "{}", documents.len());
        let (mut with_rules, mut escaped) = (0, 0);
        for document in &documents {
            for kind in [None, Some(crate::DocumentKind::CreateInvoice)] {
                let report = crate::validate(kind, document);
                for redact in [false, true] {
                    let json = JsonReport::new(&report, redact);
                    with_rules += json
                        .errors
                        .iter()
                        .chain(&json.warnings)
                        .filter(|f| f.rule.is_some())
                        .count();
                    for indent in [0, 4] {
                        let text = json.to_json_pretty(indent);
                        escaped +=
                            usize::from(text.contains("\\u005b") || text.contains("\\u007f"));
                        assert_eq!(
                            text,
                            pretty_escaped(&json, indent),
                            "{}",
                            String::from_utf8_lossy(document)
                        );
                    }
                }
            }
        }
        assert!(with_rules > 0 && escaped > 0, "{with_rules} {escaped}");
    }

    #[test]
    fn the_report_renders_with_every_field_in_order() {
        let text =
            br#"{"payload": "SUCCESS", "response_code": "0", "response_message": "SUCCESS"}"#;
        let report = crate::validate(Some(crate::DocumentKind::ApiResponse), text);
        assert_eq!(
            JsonReport::new(&report, true).to_json_pretty(2),
            r#"{
    "kind": "api-response",
    "detected": false,
    "valid": false,
    "errors": [
      {
        "instanceLocation": "/response_code",
        "keyword": "type",
        "error": "[redacted] is not of type integer (found string)",
        "line": 1,
        "column": 41
      }
    ],
    "warnings": [],
    "omitted": 0
  }"#
        );
    }
}
