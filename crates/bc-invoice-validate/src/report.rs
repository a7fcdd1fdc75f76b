//! What validation finds: structured facts (where, which keyword, what was expected, what was found), with
//! text rendered from them only at the edge.

use std::fmt;

use crate::kind::DocumentKind;
use crate::level::Level;
use crate::pointer::JsonPointer;
use crate::rules::RuleId;

/// A JSON value's type, as a finding names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonType {
    /// `null`
    Null,
    /// `true` or `false`
    Boolean,
    /// A number with no fractional part.
    Integer,
    /// Any number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl JsonType {
    /// The JSON Schema name of the type.
    pub fn as_str(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "boolean",
            JsonType::Integer => "integer",
            JsonType::Number => "number",
            JsonType::String => "string",
            JsonType::Array => "array",
            JsonType::Object => "object",
        }
    }
}

impl fmt::Display for JsonType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What is wrong, with the facts of the keyword that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not well-formed JSON (or not UTF-8, or nested too deeply to check).
    Syntax {
        /// What the parser expected or found.
        message: String,
    },
    /// The value has the wrong JSON type.
    Type {
        /// The type the schema wants.
        expected: JsonType,
        /// The type found.
        found: JsonType,
    },
    /// An object lacks a required member. The finding's pointer is the object.
    Required {
        /// The missing member.
        member: &'static str,
    },
    /// An object has a member its schema does not allow. The finding's pointer is the object.
    AdditionalProperties {
        /// The unknown member's name.
        member: String,
        /// A known member whose name is close, if any.
        suggestion: Option<&'static str>,
    },
    /// An object has the same member twice. Two parsers may keep different copies, so the server might
    /// read the one the validator never saw.
    DuplicateMember {
        /// The repeated member's name; one the schema does not declare is cut like a found value, after
        /// [`FOUND_LIMIT`] characters with `…`, here and in the pointer.
        member: String,
        /// 1-based line of the first occurrence.
        first_line: usize,
        /// 1-based column of the first occurrence.
        first_column: usize,
    },
    /// A string does not match the schema's pattern.
    Pattern {
        /// The pattern, as the schema writes it.
        pattern: &'static str,
    },
    /// A string is not one of the schema's allowed values.
    Enum {
        /// The allowed values.
        options: &'static [&'static str],
    },
    /// A string is not in the schema's format.
    Format {
        /// The format's name, e.g. `date-time`.
        format: &'static str,
    },
    /// A number the schema allows but no exact Rust type used for it can hold: an integer beyond `i64`, or
    /// a number no exact decimal holds: its digits, read as one whole number, must be below 2^96 (about
    /// 7.9 × 10^28), with at most 28 of them after the point (`1e-29` is refused, and so is
    /// `98765432109876543210.987654321`; `79228162514264337593543950335`, 2^96 − 1, is held).
    Range {
        /// Which representation the number does not fit.
        limit: &'static str,
    },
    /// No `--kind` was given and the document's top-level members do not say which document it is.
    UnknownKind,
    /// The document is valid against the schema but the typed documents cannot hold a value as written:
    /// an integer member written `1.0`, `1e2` or `-0`, which the schema counts as an integer and serde_json
    /// hands to the types as a float (`-0` too, having no `i64` of its own), which `i64` does not read.
    /// `parse` reads what serde_json reads, so the two agree.
    Typed {
        /// What the typed parser said.
        message: String,
    },
    /// A finding of a rule beyond the schema (see the rules layer).
    Rule {
        /// The rule (its stable text, e.g. `gstin-checksum`, is [`RuleId::as_str`]).
        rule: RuleId,
        /// What the rule checks, in one line (shown instead of the message under redaction).
        summary: &'static str,
        /// What the rule found.
        message: String,
    },
}

impl ErrorKind {
    /// The keyword that reports this: the JSON Schema keyword (`pattern`, `enum`, `required`, `type`,
    /// `additionalProperties`, `format`), `syntax`, `duplicateMember`, `range`, `kind`, `typed`, or a rule's
    /// id.
    pub fn keyword(&self) -> &'static str {
        match self {
            ErrorKind::Syntax { .. } => "syntax",
            ErrorKind::Type { .. } => "type",
            ErrorKind::Required { .. } => "required",
            ErrorKind::AdditionalProperties { .. } => "additionalProperties",
            ErrorKind::DuplicateMember { .. } => "duplicateMember",
            ErrorKind::Pattern { .. } => "pattern",
            ErrorKind::Enum { .. } => "enum",
            ErrorKind::Format { .. } => "format",
            ErrorKind::Range { .. } => "range",
            ErrorKind::UnknownKind => "kind",
            ErrorKind::Typed { .. } => "typed",
            ErrorKind::Rule { rule, .. } => rule.as_str(),
        }
    }

    /// What the schema expected, as text: the pattern, the allowed values, the missing member, …
    pub fn expected(&self) -> Option<String> {
        match self {
            ErrorKind::Type { expected, .. } => Some(expected.to_string()),
            ErrorKind::Required { member } => Some((*member).to_owned()),
            ErrorKind::Pattern { pattern } => Some((*pattern).to_owned()),
            ErrorKind::Enum { options } => Some(options.join(", ")),
            ErrorKind::Format { format } => Some((*format).to_owned()),
            ErrorKind::Range { limit } => Some((*limit).to_owned()),
            ErrorKind::AdditionalProperties { suggestion, .. } => suggestion.map(str::to_owned),
            _ => None,
        }
    }
}

/// Where a finding starts in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    /// Byte offset from the start of the text.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters (Unicode scalar values), as editors count.
    pub column: usize,
}

/// Whether `name`, exactly as written, is a member name the schema declares in any object of any
/// document: the schema's words, which redaction shows. Any other name may be misplaced data (an account
/// number used as a key) and is masked like a value. (Public as `declares_member` and
/// `render::is_schema_member`.)
pub(crate) fn declares(name: &str) -> bool {
    crate::generated::tables::DECLARED_NAMES
        .binary_search(&name)
        .is_ok()
}

/// How many characters of a found value's JSON text a finding keeps; a longer value is cut there and `…` added.
pub const FOUND_LIMIT: usize = 80;

/// The found value a type finding shows: a scalar's text, cut; nothing for an object or an array.
pub(crate) fn shown_value(found: JsonType, text: &str) -> Option<String> {
    (!matches!(found, JsonType::Object | JsonType::Array)).then(|| shorten(text))
}

/// Cuts a found value's JSON text to [`FOUND_LIMIT`] characters.
pub(crate) fn shorten(text: &str) -> String {
    match text.char_indices().nth(FOUND_LIMIT) {
        None => text.to_owned(),
        Some((at, _)) => format!("{}…", &text[..at]),
    }
}

/// One thing wrong with (or worth a look in) a document.
///
/// Its fields are public to read (and to change); it is `#[non_exhaustive]`, so that a later release can
/// add a field without breaking anyone: outside this crate, make one with [`Finding::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// Where in the document: for `required` and `additionalProperties`, the object.
    pub pointer: JsonPointer,
    /// What is wrong, with the keyword's facts.
    pub kind: ErrorKind,
    /// The offending value as JSON text (cut to [`FOUND_LIMIT`] characters), when it is a scalar; for a
    /// syntax error, the character or escape the parser stopped at.
    pub found: Option<String>,
    /// Where the offending value (or the unknown member's name, or the object) starts in the text.
    pub position: Position,
    /// Error or warning.
    pub level: Level,
    /// For a `pattern` finding, a value that matches: the first of the schema's `examples` for the member
    /// (`cargo xtask gen` refuses an example its pattern refuses), which the message quotes (a pattern
    /// says what is wanted less plainly than one value that has it). Schema text, never the document's,
    /// so redaction leaves it. `None` for other findings, and where the schema gives no example.
    pub example: Option<&'static str>,
}

impl Finding {
    /// A finding at `pointer`, with no found value, at the start of the text (line 1, column 1): set [`Finding::found`] and
    /// [`Finding::position`] as needed.
    ///
    /// ```
    /// use bc_invoice_validate::{ErrorKind, Finding, JsonPointer, Level, Position};
    ///
    /// let mut finding = Finding::new(
    ///     JsonPointer::parse("/invoice/itemLists/0/hsnCode").unwrap(),
    ///     ErrorKind::Pattern { pattern: "^[0-9]{4,8}$" },
    ///     Level::Error,
    /// );
    /// finding.found = Some("\"12\"".to_owned());
    /// finding.position = Position { offset: 120, line: 7, column: 20 };
    /// assert_eq!(finding.keyword(), "pattern");
    /// assert_eq!(
    ///     finding.to_string(),
    ///     "/invoice/itemLists/0/hsnCode: \"12\" does not match ^[0-9]{4,8}$ (line 7, column 20)"
    /// );
    /// ```
    pub fn new(pointer: JsonPointer, kind: ErrorKind, level: Level) -> Self {
        Finding {
            pointer,
            kind,
            found: None,
            position: Position {
                offset: 0,
                line: 1,
                column: 1,
            },
            level,
            example: None,
        }
    }

    /// The keyword that reports this finding (see [`ErrorKind::keyword`]).
    pub fn keyword(&self) -> &'static str {
        self.kind.keyword()
    }

    /// The rule's id when a rule beyond the schema made this finding; `None` for schema findings.
    pub fn rule(&self) -> Option<RuleId> {
        match &self.kind {
            ErrorKind::Rule { rule, .. } => Some(*rule),
            _ => None,
        }
    }

    /// The message without the location, e.g. `"MAYBE" is not one of ACCEPT, REJECT, RETURN`. With
    /// `redact`, offending values are masked: documents carry account numbers, VPAs, phones and e-mails.
    /// So are the names of unknown members, and of repeated ones the schema does not declare, which may
    /// be such data used as a key (the finding's `pointer` still holds a repeated member's name, as
    /// written: [`render::redacted_pointer`](crate::render::redacted_pointer) masks it).
    /// A rule's finding is then reduced to the rule's summary, since its message may quote other values,
    /// and a `typed` finding leaves out the typed parser's message, which quotes the value it refused.
    pub fn message(&self, redact: bool) -> String {
        let found = match (&self.found, redact) {
            (Some(_), true) => "[redacted]".to_owned(),
            (Some(text), false) => text.clone(),
            (None, _) => "the value".to_owned(),
        };
        match &self.kind {
            ErrorKind::Syntax { message } => match &self.found {
                Some(_) => format!("{message}, found {found}"),
                None => message.clone(),
            },
            ErrorKind::Type {
                expected,
                found: found_type,
            } => match &self.found {
                Some(_) => format!("{found} is not of type {expected} (found {found_type})"),
                None => format!("expected {expected}, found {found_type}"),
            },
            ErrorKind::Required { member } => format!("missing required member \"{member}\""),
            ErrorKind::AdditionalProperties { member, suggestion } => {
                let member = if redact {
                    "[redacted]".to_owned()
                } else {
                    format!("{member:?}")
                };
                match suggestion {
                    Some(known) => format!("unknown member {member}; did you mean \"{known}\"?"),
                    None => format!("unknown member {member}"),
                }
            }
            ErrorKind::DuplicateMember {
                member,
                first_line,
                first_column,
            } => {
                // A name the schema does not declare may be data used as a key: masked like a value.
                let member = if redact && !declares(member) {
                    "[redacted]".to_owned()
                } else {
                    format!("{member:?}")
                };
                format!(
                    "member {member} appears more than once (first at line {first_line}, column {first_column})"
                )
            }
            ErrorKind::Pattern { pattern } => match self.example {
                Some(example) => {
                    format!("{found} does not match {pattern}, as {example:?} does")
                }
                None => format!("{found} does not match {pattern}"),
            },
            ErrorKind::Enum { options } => format!("{found} is not one of {}", options.join(", ")),
            ErrorKind::Format { format } => {
                format!("{found} is not a valid {format} (RFC 3339, with an offset)")
            }
            ErrorKind::Range { limit } => format!("{found} is out of range: {limit}"),
            ErrorKind::UnknownKind => {
                let members: Vec<&str> = crate::detect::deciding_members().collect();
                format!(
                    "cannot tell which document this is: no top-level member names one kind (such as {}); \
                     name the kind",
                    members.join(", ")
                )
            }
            // The typed parser's message quotes the value it refused (an integer written 2.0):
            // redacted, it says only that the typed document cannot hold it.
            ErrorKind::Typed { .. } if redact => {
                "valid against the schema, but the typed document cannot hold it".to_owned()
            }
            ErrorKind::Typed { message } => {
                format!(
                    "valid against the schema, but the typed document cannot hold it: {message}"
                )
            }
            // A rule's message may quote other values than the offending one (the operands of a product,
            // a sum, a GSTIN's check character): redacted, it says only what the rule checks.
            ErrorKind::Rule {
                summary, message, ..
            } => match redact {
                true => format!("[redacted] fails the check: {summary}"),
                false => message.clone(),
            },
        }
    }
}

impl fmt::Display for Finding {
    /// `/invoiceConfirmation/buyerResponse: "MAYBE" is not one of ACCEPT, REJECT, RETURN (line 14, column 22)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (line {}, column {})",
            self.pointer,
            self.message(false),
            self.position.line,
            self.position.column
        )
    }
}

impl std::error::Error for Finding {}

/// Everything validation found in one document: every error, not the first, and the warnings apart.
///
/// Its fields are public to read (and to change); it is `#[non_exhaustive]`, so that a later release can
/// add a field without breaking anyone. Validation makes reports; outside this crate, [`Report::new`] makes
/// an empty one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[must_use = "a report is what validation found: read its errors and warnings"]
pub struct Report {
    /// The schema the document was checked against; `None` when its kind could not be told.
    pub kind: Option<DocumentKind>,
    /// Whether the kind was detected from the top-level members rather than given. Detection says
    /// `create-invoice` for the body that create and edit share.
    pub detected: bool,
    /// Errors, in document order. Any error makes the document invalid.
    pub errors: Vec<Finding>,
    /// Warnings, in document order.
    pub warnings: Vec<Finding>,
    /// Findings beyond the report's limit that were counted but not kept, so that a hostile file cannot
    /// make the report grow without bound.
    pub omitted: usize,
}

impl Report {
    /// A report with no findings on a document of `kind` (`None`: not known), given rather than detected:
    /// push findings onto [`Report::errors`] and [`Report::warnings`] in document order.
    ///
    /// ```
    /// use bc_invoice_validate::{DocumentKind, ErrorKind, Finding, JsonPointer, Level, Report};
    ///
    /// let mut report = Report::new(Some(DocumentKind::ApiResponse));
    /// assert!(report.is_valid());
    /// report.errors.push(Finding::new(
    ///     JsonPointer::root(),
    ///     ErrorKind::Required { member: "response_code" },
    ///     Level::Error,
    /// ));
    /// assert!(!report.is_valid());
    /// assert_eq!(
    ///     report.to_string(),
    ///     "error: (root): missing required member \"response_code\" (line 1, column 1)"
    /// );
    /// ```
    pub fn new(kind: Option<DocumentKind>) -> Self {
        Report {
            kind,
            detected: false,
            errors: Vec::new(),
            warnings: Vec::new(),
            omitted: 0,
        }
    }

    /// Whether the document is valid: no errors (warnings allowed). A report that leaves findings out keeps
    /// errors before warnings, so an omitted error implies a kept one.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// Errors and warnings together, in document order.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        let mut all: Vec<&Finding> = self.errors.iter().chain(&self.warnings).collect();
        all.sort_by_key(|f| (f.position.offset, f.level));
        all.into_iter()
    }
}

impl fmt::Display for Report {
    /// One line per finding (`error: …`, `warning: …`), then how many more were not kept, if any; lines
    /// are separated, not ended, by a line feed, as an error's message is (`println!("{report}")` prints
    /// no blank line after it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut separator = "";
        for finding in self.findings() {
            write!(f, "{separator}{}: {finding}", finding.level.as_str())?;
            separator = "\n";
        }
        if self.omitted > 0 {
            write!(
                f,
                "{separator}… and {} more findings not shown",
                self.omitted
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_renders_its_facts() {
        static OPTIONS: [&str; 3] = ["ACCEPT", "REJECT", "RETURN"];
        let finding = Finding {
            pointer: JsonPointer::parse("/invoiceConfirmation/buyerResponse").unwrap(),
            kind: ErrorKind::Enum { options: &OPTIONS },
            found: Some("\"MAYBE\"".to_owned()),
            position: Position {
                offset: 300,
                line: 14,
                column: 22,
            },
            level: Level::Error,
            example: None,
        };
        assert_eq!(
            finding.to_string(),
            "/invoiceConfirmation/buyerResponse: \"MAYBE\" is not one of ACCEPT, REJECT, RETURN (line 14, column 22)"
        );
        assert_eq!(
            finding.message(true),
            "[redacted] is not one of ACCEPT, REJECT, RETURN"
        );
        assert_eq!(finding.keyword(), "enum");
        assert_eq!(
            finding.kind.expected().as_deref(),
            Some("ACCEPT, REJECT, RETURN")
        );
    }

    /// A repeated member's name the schema does not declare may be data used as a key (an account
    /// number): `message(true)` masks it as it masks an unknown member's, and shows the schema's own names.
    #[test]
    fn a_duplicate_members_name_is_masked_unless_the_schema_declares_it() {
        let duplicate = |member: &str| {
            Finding::new(
                JsonPointer::root().member(member),
                ErrorKind::DuplicateMember {
                    member: member.to_owned(),
                    first_line: 2,
                    first_column: 3,
                },
                Level::Error,
            )
        };
        let secret = duplicate("4111 1111 1111 1111");
        assert_eq!(
            secret.message(true),
            "member [redacted] appears more than once (first at line 2, column 3)"
        );
        assert_eq!(
            secret.message(false),
            "member \"4111 1111 1111 1111\" appears more than once (first at line 2, column 3)"
        );
        assert_eq!(
            duplicate("objectId").message(true),
            "member \"objectId\" appears more than once (first at line 2, column 3)"
        );
    }
}
