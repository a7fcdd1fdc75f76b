//! The `sarif` format: one SARIF 2.1.0 log (OASIS) with one run, for code-scanning tools (GitHub's
//! `upload-sarif`, Azure DevOps, Jenkins warnings-ng, VS Code's SARIF viewer, GitLab).
//!
//! ```json
//! {"$schema": "…/sarif-schema-2.1.0.json", "version": "2.1.0",
//!  "runs": [{"tool": {"driver": {"name": "bc-invoice-validate", "rules": [ … ]}},
//!            "columnKind": "unicodeCodePoints",
//!            "results": [{"ruleId": "enum", "ruleIndex": 37, "level": "error",
//!                         "message": {"text": "\"MAYBE\" is not one of ACCEPT, REJECT, RETURN"},
//!                         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.json"},
//!                                                             "region": {"startLine": 14, "startColumn": 22}},
//!                                        "logicalLocations": [{"fullyQualifiedName": "/invoiceConfirmation/buyerResponse"}]}],
//!                         "properties": {"instanceLocation": "/invoiceConfirmation/buyerResponse", "keyword": "enum"}}],
//!            "invocations": [{"executionSuccessful": true, "exitCode": 1, "toolExecutionNotifications": []}]}]}
//! ```
//!
//! The driver's rules are every rule of the catalogue, then the schema's keywords ([`KEYWORDS`]), each
//! under its own id: a result's `ruleId` is the json format's `keyword`. Messages are the json format's
//! `error`, masked the same way with `--redact`, with `\`, `[` and `]` escaped as a SARIF plain text
//! message's ([`plain_text`]: no embedded link), and the text is escaped as the json format's is
//! ([`render::escape_json_text`]). A file that cannot be read is a tool execution notification.
//!
//! The log is written as the run goes: its head (the tool and its rules) before the first file, each
//! file's results as they come, in the order given, and the invocation last, since whether the run
//! succeeded is known only then. The notifications, which sit in the invocation, wait in a
//! [`Spool`] meanwhile, as the json format's entries do.

use std::io::Write;

use bc_invoice_validate::render::{self, finding_message, redacted_pointer};
use bc_invoice_validate::rules::RULES;
use bc_invoice_validate::{Finding, Level, Report, RuleLevel, RuleSet};
use serde::Serialize;

use super::spool::Spool;
use crate::input::Source;

/// The `$schema` of the log: the OASIS standard's schema (SARIF 2.1.0, errata 01).
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Where the rules beyond the schema are documented: docs/rules.md's table, whose row for a rule has the
/// anchor `#rule-ID`.
const RULES_HELP: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md");
/// Where the schema's keywords are documented (docs/cli.md's `--format json` section, `keyword`).
const KEYWORDS_HELP: &str = concat!(
    env!("CARGO_PKG_REPOSITORY"),
    "/blob/main/docs/cli.md#--format-json"
);

/// The keywords of the findings that are not a rule's, as the json format's `keyword` names them, with
/// what each checks: the driver's rules after the catalogue's, under these ids.
pub const KEYWORDS: [(&str, &str); 11] = [
    (
        "syntax",
        "the text is JSON: UTF-8, no byte-order mark, well-formed, nested at most 512 levels",
    ),
    ("type", "a value has the type the schema gives it"),
    ("required", "an object has every member the schema requires"),
    (
        "additionalProperties",
        "an object has no member the schema does not declare",
    ),
    ("duplicateMember", "an object names each member once"),
    ("pattern", "a string matches the schema's pattern"),
    ("enum", "a value is one of the schema's allowed values"),
    (
        "format",
        "a string has the schema's format (a date-time, an e-mail address)",
    ),
    (
        "range",
        "a number is one an exact type holds (not 1e400, say)",
    ),
    (
        "kind",
        "the document's kind is given with --kind or told by its top-level members",
    ),
    (
        "typed",
        "the typed documents can hold a value as written (the typed entry points only; this command never reports it)",
    ),
];

/// The index in the driver's `rules` of a finding's rule or keyword; `None` for a keyword a later
/// library adds, which the result then names by `ruleId` alone.
fn rule_index(finding: &Finding) -> Option<usize> {
    match finding.rule() {
        Some(rule) => RULES.iter().position(|r| r.id == rule),
        None => KEYWORDS
            .iter()
            .position(|(keyword, _)| *keyword == finding.keyword())
            .map(|at| RULES.len() + at),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Descriptor>,
}

/// A `reportingDescriptor`: one rule, or one keyword.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    short_description: Text,
    full_description: Text,
    help_uri: String,
    /// What a code-scanning page shows under an alert: GitHub's ingestion asks every rule for one, with
    /// `fullDescription` (the multitool's GH2012, run in CI with `--rule-kind Ghas`).
    help: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

/// A `reportingConfiguration`: the level the run gives a rule's findings; `enabled: false` (and level
/// `none`) for a rule turned off.
#[derive(Serialize)]
struct Configuration {
    #[serde(skip_serializing_if = "is_true")]
    enabled: bool,
    level: &'static str,
}

fn is_true(value: &bool) -> bool {
    *value
}

/// A descriptor's `name`, an identifier for people: `gstin-checksum` as `GstinChecksum`; none for an id
/// that it would only repeat (`pincode`, `pattern`), as SARIF asks (3.49.7; the multitool's SARIF1001).
fn name(id: &str) -> Option<String> {
    let name = pascal_case(id);
    (!name.eq_ignore_ascii_case(id)).then_some(name)
}

/// `gstin-checksum` as `GstinChecksum`, `additionalProperties` as `AdditionalProperties`.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

/// The driver's rules: every rule of the catalogue at the level `rules` (and `strict`) give it, then the
/// schema's keywords, whose findings are errors.
fn descriptors(rules: &RuleSet, strict: bool) -> Vec<Descriptor> {
    let catalogue = RULES.iter().map(|rule| {
        let (enabled, level) = match rules.level(rule.id) {
            RuleLevel::Allow => (false, "none"),
            RuleLevel::Warn if !strict => (true, "warning"),
            _ => (true, "error"),
        };
        let full = format!(
            "{}. Tolerance: {}. Source: {}.",
            rule.summary, rule.tolerance, rule.source
        );
        let help_uri = format!("{RULES_HELP}#rule-{}", rule.id);
        Descriptor {
            id: rule.id.as_str(),
            name: name(rule.id.as_str()),
            short_description: Text {
                text: rule.summary.to_owned(),
            },
            help: Text {
                text: format!(
                    "{full} A GST rule beyond the schema, {state} in this run (--deny, --warn or --allow \
                     {id}, or bc-invoice.toml, sets its level). Documented at {help_uri}",
                    state = match (enabled, level) {
                        (false, _) => "off",
                        (true, "warning") => "a warning",
                        _ => "an error",
                    },
                    id = rule.id,
                ),
            },
            full_description: Text { text: full },
            help_uri,
            default_configuration: Configuration { enabled, level },
        }
    });
    let keywords = KEYWORDS.iter().map(|(keyword, summary)| Descriptor {
        id: keyword,
        name: name(keyword),
        short_description: Text {
            text: (*summary).to_owned(),
        },
        full_description: Text {
            text: format!("`{keyword}`: {summary}."),
        },
        help: Text {
            text: format!(
                "`{keyword}`: {summary}. A finding of the document's form, not of a GST rule, and always \
                 an error. Its message says what was found and what is wanted, at the member its JSON \
                 pointer names. See {KEYWORDS_HELP}"
            ),
        },
        help_uri: KEYWORDS_HELP.to_owned(),
        default_configuration: Configuration {
            enabled: true,
            level: "error",
        },
    });
    catalogue.chain(keywords).collect()
}

/// An `artifactLocation`: the file as a URI reference ([`uri`]); standard input as the json format names
/// it, `<stdin>` (percent-encoded), with a property `stdin` that a file named `<stdin>` does not have.
#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<StdinProperty>,
}

#[derive(Serialize)]
struct StdinProperty {
    stdin: bool,
}

impl ArtifactLocation {
    fn of(source: &Source) -> Self {
        match source {
            Source::Stdin => ArtifactLocation {
                uri: percent_encode(crate::input::STDIN_NAME.as_bytes()),
                properties: Some(StdinProperty { stdin: true }),
            },
            Source::File(path) => ArtifactLocation {
                uri: uri(path),
                properties: None,
            },
        }
    }
}

/// A path as a URI reference (RFC 3986): a relative path stays relative (`invoices/a%20b.json`), an
/// absolute one is a `file:` URI (`file:///tmp/a.json`). Every byte but the unreserved characters and
/// `/` is percent-encoded, byte by byte, so a name that is not UTF-8 keeps its exact bytes, and no
/// character of the name can reach a reader unescaped. On Windows, `\` separates segments as `/` does,
/// and a drive letter's colon is kept (`file:///C:/a.json`).
pub fn uri(path: &std::path::Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    if cfg!(windows) {
        let slashed: Vec<u8> = bytes
            .iter()
            .map(|&b| if b == b'\\' { b'/' } else { b })
            .collect();
        if path.is_absolute() {
            if let [drive, b':', rest @ ..] = slashed.as_slice()
                && drive.is_ascii_alphabetic()
            {
                return format!("file:///{}:{}", *drive as char, percent_encode(rest));
            }
            // A UNC path, `//server/share/a.json`.
            return format!("file:{}", percent_encode(&slashed));
        }
        return percent_encode(&slashed);
    }
    if path.is_absolute() {
        // More slashes than one at the start name the root as one does (Linux, macOS), and only one is
        // written: `//srv/a.json` as `file:////srv/a.json` is the UNC path `\\srv\a.json` (the share
        // `a.json` on the host `srv`) to .NET's `Uri` and to VS Code on Windows, which a viewer opening the
        // file would reach over the network.
        let root = bytes.iter().take_while(|&&b| b == b'/').count();
        format!("file:///{}", percent_encode(&bytes[root..]))
    } else {
        percent_encode(bytes)
    }
}

/// Every byte but `A`–`Z`, `a`–`z`, `0`–`9`, `-`, `.`, `_`, `~` and `/` as `%XX`.
fn percent_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.extend([
                '%',
                char::from(HEX[usize::from(b >> 4)]),
                char::from(HEX[usize::from(b & 15)]),
            ]);
        }
    }
    out
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    properties: ResultProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logical_locations: Option<[LogicalLocation; 1]>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: &'a ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    fully_qualified_name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties {
    instance_location: String,
    keyword: &'static str,
}

/// A `notification` of the invocation: a file that could not be read, or one with more findings than
/// the report keeps.
#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
}

/// One file's part of the log, rendered: its results, indented to their place in the run's `results`
/// and separated by commas, and the notification it adds to the invocation, if any.
#[derive(Debug)]
pub struct FileLog {
    results: String,
    notification: Option<String>,
}

/// How deep a result sits: `runs[0].results[i]`.
const RESULT_INDENT: usize = 8;
/// How deep a notification sits: `runs[0].invocations[0].toolExecutionNotifications[i]`.
const NOTIFICATION_INDENT: usize = 12;

/// The file's results, in document order, or the notification that it could not be read (`reason`).
pub fn render_file(source: &Source, checked: Result<&Report, &str>, redact: bool) -> FileLog {
    let artifact = ArtifactLocation::of(source);
    let location = |region: Option<Region>, pointer: Option<String>| Location {
        physical_location: PhysicalLocation {
            artifact_location: &artifact,
            region,
        },
        logical_locations: pointer.map(|name| {
            [LogicalLocation {
                fully_qualified_name: name,
            }]
        }),
    };
    let notification = |level, text: String| {
        let notification = Notification {
            level,
            message: Text {
                text: plain_text(&text),
            },
            locations: [location(None, None)],
        };
        indented(&notification, NOTIFICATION_INDENT)
    };
    let report = match checked {
        Ok(report) => report,
        Err(reason) => {
            let message = super::read_error_message(&source.name(), reason);
            return FileLog {
                results: String::new(),
                notification: Some(notification("error", message)),
            };
        }
    };
    let mut results = String::new();
    for finding in report.findings() {
        let pointer = redacted_pointer(finding, redact).as_str().to_owned();
        let result = SarifResult {
            rule_id: finding.keyword(),
            rule_index: rule_index(finding),
            level: match finding.level {
                Level::Error => "error",
                Level::Warning => "warning",
                // A level a later library adds (a note).
                _ => "note",
            },
            message: Text {
                text: plain_text(&finding_message(finding, redact)),
            },
            locations: [location(
                Some(Region {
                    start_line: finding.position.line,
                    start_column: finding.position.column,
                }),
                Some(pointer.clone()),
            )],
            properties: ResultProperties {
                instance_location: pointer,
                keyword: finding.keyword(),
            },
        };
        if !results.is_empty() {
            results.push_str(",\n");
        }
        results.push_str(&indented(&result, RESULT_INDENT));
    }
    let notification = (report.omitted > 0).then(|| {
        notification(
            "warning",
            format!(
                "{} more findings not shown; the report keeps the first {}",
                report.omitted,
                report.errors.len() + report.warnings.len()
            ),
        )
    });
    FileLog {
        results,
        notification,
    }
}

/// `text` as a SARIF plain text message: every `\\`, `[` and `]` escaped with a backslash. A viewer reads
/// `[text](target)` in a message as an embedded link (SARIF 2.1.0 §3.11.6), which VS Code's SARIF viewer
/// and GitHub's code scanning make clickable, a URI target included; a document's value or a file's name
/// quoted in a message could make one (`"[Pay here](https://evil.example)" is not one of …`). The
/// section's grammar escapes `\\`, `[` and `]` with a backslash, which a viewer shows as the character
/// alone, and its errata (and the TC's 2026 revision, sarif-spec#768) allow the escapes anywhere in the
/// text, as CodeQL writes them; the backslash too, so that a value's own `\\` cannot undo the escape of
/// the `[` after it.
fn plain_text(text: &str) -> String {
    if !text.contains(['\\', '[', ']']) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `value` pretty-printed and escaped ([`render::pretty_escaped`]), its first line indented too.
fn indented<T: Serialize>(value: &T, indent: usize) -> String {
    format!(
        "{:indent$}{}",
        "",
        render::pretty_escaped(value, indent),
        indent = indent
    )
}

/// The log as it is written: [`Log::start`] writes its head, [`Log::push`] each file's results in turn,
/// [`Log::finish`] the invocation and the end.
#[derive(Debug, Default)]
pub struct Log {
    results: usize,
    notifications: Spool,
}

impl Log {
    /// Writes the log's head, up to the opening of the run's `results`: the tool, with every rule at
    /// the level `rules` and `strict` give it.
    pub fn start(out: &mut dyn Write, rules: &RuleSet, strict: bool) -> std::io::Result<Self> {
        let tool = Tool {
            driver: Driver {
                name: "bc-invoice-validate",
                version: env!("CARGO_PKG_VERSION"),
                semantic_version: env!("CARGO_PKG_VERSION"),
                information_uri: env!("CARGO_PKG_REPOSITORY"),
                rules: descriptors(rules, strict),
            },
        };
        write!(
            out,
            "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \
             \"tool\": {},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
            render::pretty_escaped(&tool, 6)
        )?;
        Ok(Log::default())
    }

    /// Writes a file's results, and keeps its notification for the end.
    pub fn push(&mut self, out: &mut dyn Write, file: FileLog) -> std::io::Result<()> {
        if !file.results.is_empty() {
            out.write_all(if self.results == 0 { b"\n" } else { b",\n" })?;
            out.write_all(file.results.as_bytes())?;
            self.results += 1;
        }
        match file.notification {
            Some(notification) => self.notifications.push(&notification),
            None => Ok(()),
        }
    }

    /// Ends the results and writes the invocation: whether every file could be read
    /// (`executionSuccessful`), the exit status, the settings file read (`null` when none), whether
    /// warnings are errors, and the notifications.
    pub fn finish(
        self,
        out: &mut dyn Write,
        status: u8,
        settings: Option<&str>,
        strict: bool,
    ) -> std::io::Result<()> {
        if self.results > 0 {
            out.write_all(b"\n      ")?;
        }
        #[derive(Serialize)]
        struct Properties<'a> {
            settings: Option<&'a str>,
            strict: bool,
        }
        let properties = render::pretty_escaped(&Properties { settings, strict }, 10);
        write!(
            out,
            "],\n      \"invocations\": [\n        {{\n          \"executionSuccessful\": {},\n          \
             \"exitCode\": {status},\n          \"properties\": {properties},\n          \
             \"toolExecutionNotifications\": [",
            status != 2
        )?;
        if !self.notifications.is_empty() {
            self.notifications.write_to(out)?;
            out.write_all(b"\n          ")?;
        }
        writeln!(out, "]\n        }}\n      ]\n    }}\n  ]\n}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn paths_are_uri_references() {
        assert_eq!(uri(Path::new("a/b c.json")), "a/b%20c.json");
        assert_eq!(uri(Path::new("./x%y#z?.json")), "./x%25y%23z%3F.json");
        assert_eq!(
            uri(Path::new("::error::x ##[y].json")),
            "%3A%3Aerror%3A%3Ax%20%23%23%5By%5D.json"
        );
        assert_eq!(uri(Path::new("été.json")), "%C3%A9t%C3%A9.json");
        assert_eq!(
            uri(Path::new("a\n\u{1b}[2J\u{202e}.json")),
            "a%0A%1B%5B2J%E2%80%AE.json"
        );
        if cfg!(unix) {
            assert_eq!(uri(Path::new("/tmp/a b.json")), "file:///tmp/a%20b.json");
            // Red team round 5: `file:////srv/a.json` was a UNC path, a host `srv`, to .NET and VS Code.
            assert_eq!(uri(Path::new("//srv/a.json")), "file:///srv/a.json");
            assert_eq!(uri(Path::new("///srv//a.json")), "file:///srv//a.json");
            assert_eq!(uri(Path::new("/")), "file:///");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_is_encoded_byte_by_byte() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.json");
        assert_eq!(uri(Path::new(name)), "caf%E9.json");
    }

    /// Red team round 5: a value quoted in a message (an enum's `"[Pay here](https://evil.example)"`) was
    /// an embedded link in the message's text, which SARIF viewers make clickable.
    #[test]
    fn brackets_and_backslashes_are_escaped_in_messages() {
        assert_eq!(
            plain_text("\"[Pay here](https://evil.example)\" is not one of A, B"),
            "\"\\[Pay here\\](https://evil.example)\" is not one of A, B"
        );
        assert_eq!(plain_text("\\[x](1)"), "\\\\\\[x\\](1)");
        assert_eq!(
            plain_text("[redacted] is not one of A"),
            "\\[redacted\\] is not one of A"
        );
        assert_eq!(plain_text("plain {0} text"), "plain {0} text");
    }

    #[test]
    fn every_rule_and_keyword_has_one_descriptor() {
        let all = descriptors(&RuleSet::default(), false);
        assert_eq!(all.len(), RULES.len() + KEYWORDS.len());
        let mut ids: Vec<&str> = all.iter().map(|d| d.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len(), "ids are unique");
        // GitHub's code scanning asks every rule for a full description and a help text (the multitool's
        // GH2012); the help ends with where the rule is documented.
        for d in &all {
            assert!(d.full_description.text.len() > d.id.len(), "{}", d.id);
            assert!(
                d.help.text.starts_with(&d.full_description.text),
                "{}",
                d.id
            );
            assert!(d.help.text.ends_with(&d.help_uri), "{}", d.id);
        }
        let off =
            RuleSet::default().with(bc_invoice_validate::RuleId::GstinFormat, RuleLevel::Allow);
        let gstin_format = &descriptors(&off, false)[0];
        assert_eq!(gstin_format.id, "gstin-format");
        assert!(gstin_format.help.text.contains(
            "off in this run (--deny, --warn or --allow gstin-format, or bc-invoice.toml, sets its level)"
        ));
        assert_eq!(pascal_case("gstin-checksum"), "GstinChecksum");
        assert_eq!(name("additionalProperties"), None);
        assert_eq!(name("gstin-checksum").as_deref(), Some("GstinChecksum"));
    }
}
