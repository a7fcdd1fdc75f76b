//! Validation of Bharat Connect B2B invoice documents against the checked-in JSON Schema, reporting every
//! error with its field path (an RFC 6901 JSON Pointer), keyword, expected and found values, and the line
//! and column where it starts.
//!
//! ```
//! use bc_invoice_validate::{validate, DocumentKind};
//!
//! let text = br#"{"payload": "SUCCESS", "response_code": "0", "response_message": "SUCCESS"}"#;
//! let report = validate(Some(DocumentKind::ApiResponse), text);
//! assert!(!report.is_valid());
//! let error = &report.errors[0];
//! assert_eq!(error.pointer.as_str(), "/response_code");
//! assert_eq!(error.keyword(), "type");
//! assert_eq!((error.position.line, error.position.column), (1, 41));
//! assert_eq!(error.to_string(), r#"/response_code: "0" is not of type integer (found string) (line 1, column 41)"#);
//! ```
//!
//! Every error, then the typed entry point and strictness (this is `examples/check_invoice.rs`):
//!
//! ```
#![doc = include_str!("../examples/check_invoice.rs")]
//! ```
//!
//! The schema is embedded at compile time and compiled once per process. The validator reads a document
//! in one pass, borrowing its strings, and never backtracks: patterns run on a direct class matcher or the
//! `regex` crate's linear-time engines.

mod engine;
mod kind;
mod pattern;
mod pointer;
mod report;
pub mod rules;
mod schema;
mod suggest;
mod typed;

pub use kind::{DocumentKind, UnknownKind};
pub use pointer::JsonPointer;
pub use report::{ErrorKind, FOUND_LIMIT, Finding, JsonType, Level, Position, Report};
pub use rules::{RuleLevel, RuleSet};
pub use typed::{Document, parse};

use engine::{Engine, RawFinding, Settings, SyntaxError};

/// The most findings a report keeps by default; further ones are counted in [`Report::omitted`].
pub const DEFAULT_MAX_FINDINGS: usize = 1000;

/// Validation settings: strictness, rule levels and the report's size limit.
#[derive(Debug, Clone)]
pub struct Validator {
    strict: bool,
    rules: RuleSet,
    max_findings: usize,
}

impl Default for Validator {
    fn default() -> Self {
        Validator {
            strict: false,
            rules: RuleSet::default(),
            max_findings: DEFAULT_MAX_FINDINGS,
        }
    }
}

/// Validates a document with the default settings; `kind: None` detects the kind from the document's
/// top-level members.
pub fn validate(kind: Option<DocumentKind>, bytes: &[u8]) -> Report {
    DEFAULT.validate(kind, bytes)
}

/// The default settings, made once.
pub(crate) static DEFAULT: std::sync::LazyLock<Validator> =
    std::sync::LazyLock::new(Validator::default);

impl Validator {
    /// Default settings: rules at their default levels, warnings kept apart from errors.
    pub fn new() -> Self {
        Self::default()
    }

    /// With `strict`, every warning is an error.
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Uses these rule levels.
    #[must_use]
    pub fn rules(mut self, rules: RuleSet) -> Self {
        self.rules = rules;
        self
    }

    /// Keeps at most this many findings per document (at least one); the rest are counted.
    #[must_use]
    pub fn max_findings(mut self, max: usize) -> Self {
        self.max_findings = max.max(1);
        self
    }

    /// The rule levels in use.
    pub fn rule_set(&self) -> &RuleSet {
        &self.rules
    }

    /// Validates a document; `kind: None` detects the kind from the document's top-level members.
    /// Returns every error, not the first.
    pub fn validate(&self, kind: Option<DocumentKind>, bytes: &[u8]) -> Report {
        let mut report = Report {
            kind,
            detected: false,
            errors: Vec::new(),
            warnings: Vec::new(),
            omitted: 0,
        };
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let message =
                    "the text is not UTF-8: JSON documents must be UTF-8 encoded".to_owned();
                self.finish(
                    &mut report,
                    bytes,
                    vec![syntax(SyntaxError {
                        offset: e.valid_up_to(),
                        message,
                    })],
                );
                return report;
            }
        };
        if text.starts_with('\u{feff}') {
            let message =
                "the text starts with a UTF-8 byte-order mark, which JSON (RFC 8259) forbids: \
                           save the file without it"
                    .to_owned();
            self.finish(
                &mut report,
                bytes,
                vec![syntax(SyntaxError { offset: 0, message })],
            );
            return report;
        }
        let schema = &*schema::SCHEMA;
        let settings = Settings {
            known_values: self.rules.level(rules::KNOWN_VALUES).finding_level(),
            collect_facts: self.rules.needs_facts(),
            max_findings: self.max_findings,
        };
        let kind = match kind {
            Some(kind) => kind,
            None => match Engine::new(text, schema, &settings).detect() {
                Ok(Some(kind)) => {
                    report.kind = Some(kind);
                    report.detected = true;
                    kind
                }
                Ok(None) | Err(_) => {
                    let findings = undetected(text, schema, &settings);
                    self.finish(&mut report, bytes, findings);
                    return report;
                }
            },
        };
        let mut engine = Engine::new(text, schema, &settings);
        if settings.collect_facts {
            engine.checker = Some(rules::Checker::new(kind, &self.rules));
        }
        let (mut findings, checker) = match engine.run(schema.root(kind)) {
            Ok(()) => {
                report.omitted = engine.omitted;
                (std::mem::take(&mut engine.findings), engine.checker.take())
            }
            // A syntax error is the whole verdict: the findings before it (and those omitted) are dropped,
            // and the rules, which have seen only part of the document, say nothing.
            Err(e) => (vec![syntax(e)], None),
        };
        if let Some(checker) = checker {
            for finding in checker.finish() {
                let Some(level) = self.rules.level(finding.rule).finding_level() else {
                    continue;
                };
                findings.push(RawFinding {
                    kind: finding.kind(),
                    pointer: finding.pointer,
                    found: finding.found,
                    offset: finding.offset,
                    level,
                });
            }
        }
        self.finish(&mut report, bytes, findings);
        report
    }

    /// Sorts findings into document order, gives them lines and columns, and splits errors from warnings.
    fn finish(&self, report: &mut Report, bytes: &[u8], mut findings: Vec<RawFinding>) {
        findings.sort_by(|a, b| {
            a.offset
                .cmp(&b.offset)
                .then_with(|| a.kind.keyword().cmp(b.kind.keyword()))
        });
        if findings.len() > self.max_findings {
            report.omitted += findings.len() - self.max_findings;
            findings.truncate(self.max_findings);
        }
        let offsets: Vec<usize> = findings.iter().map(|f| f.offset).collect();
        for (raw, position) in findings.into_iter().zip(engine::positions(bytes, &offsets)) {
            let level = if self.strict { Level::Error } else { raw.level };
            let finding = Finding {
                pointer: raw.pointer,
                kind: raw.kind,
                found: raw.found,
                position,
                level,
            };
            match level {
                Level::Error => report.errors.push(finding),
                Level::Warning => report.warnings.push(finding),
            }
        }
    }
}

fn syntax(e: SyntaxError) -> RawFinding {
    RawFinding {
        pointer: JsonPointer::root(),
        kind: ErrorKind::Syntax { message: e.message },
        found: None,
        offset: e.offset,
        level: Level::Error,
    }
}

/// The findings for a document whose kind could not be told: a syntax error if it is not JSON, a type
/// error if it is not an object, otherwise the unknown kind.
fn undetected(text: &str, schema: &'static schema::Schema, settings: &Settings) -> Vec<RawFinding> {
    if let Err(e) = Engine::new(text, schema, settings).check_syntax() {
        return vec![syntax(e)];
    }
    let mut engine = Engine::new(text, schema, settings);
    let found = engine.root_type().unwrap_or(JsonType::Object);
    let offset = text.len() - text.trim_start().len();
    let kind = if found == JsonType::Object {
        ErrorKind::UnknownKind
    } else {
        ErrorKind::Type {
            expected: JsonType::Object,
            found,
        }
    };
    let shown = engine::shown_value(found, text.trim());
    vec![RawFinding {
        pointer: JsonPointer::root(),
        kind,
        found: shown,
        offset,
        level: Level::Error,
    }]
}
