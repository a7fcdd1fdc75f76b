//! [`Validator`]: the settings of a validation and the one pass that makes a [`Report`]; [`validate`] with
//! the default settings.

use crate::kind::DocumentKind;
use crate::level::Level;
use crate::pointer::JsonPointer;
use crate::report::{self, ErrorKind, Finding, JsonType, Report};
use crate::rules::{self, RuleSet};
use crate::scan::{Scanner, Start, SyntaxError};
use crate::walk::{Detected, RawFinding, Settings, Walker};
use crate::{detect, numbers, position};

/// Whether the schema declares a member of this name in any object of any document (compared as written,
/// escapes not decoded). `--redact` shows such names: they are the schema's words, not a document's data.
///
/// ```
/// assert!(bc_invoice_validate::declares_member("objectId"));
/// assert!(!bc_invoice_validate::declares_member("9820012345"));
/// ```
pub fn declares_member(name: &str) -> bool {
    crate::report::declares(name)
}

/// Every member name the schema declares, in any object of any document: the names [`declares_member`]
/// is true of, once each, sorted. For a front end that masks a document itself and must show the same
/// names as `--redact` (the server's page gets them this way).
///
/// ```
/// let names = bc_invoice_validate::declared_members();
/// assert!(names.contains(&"objectId"));
/// assert!(names.iter().all(|name| bc_invoice_validate::declares_member(name)));
/// ```
pub fn declared_members() -> &'static [&'static str] {
    &crate::generated::tables::DECLARED_NAMES
}

/// The most findings a report keeps by default; further ones are counted in [`Report::omitted`].
pub const DEFAULT_MAX_FINDINGS: usize = 1000;

/// Validation settings: strictness, rule levels and the report's size limit.
#[derive(Debug, Clone)]
pub struct Validator {
    strict: bool,
    rules: RuleSet,
    max_findings: usize,
    /// Whether any rule that reads facts is on (`rules.needs_facts()`), kept with the rules rather than
    /// asked per call.
    collect_facts: bool,
}

impl Default for Validator {
    fn default() -> Self {
        let rules = RuleSet::default();
        Validator {
            strict: false,
            collect_facts: rules.needs_facts(),
            rules,
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
        self.collect_facts = rules.needs_facts();
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

    /// Whether every warning is an error ([`Validator::strict`]), so that a service can log, or a test
    /// check, the settings it built from its configuration.
    ///
    /// ```
    /// use bc_invoice_validate::{DEFAULT_MAX_FINDINGS, Validator};
    ///
    /// let validator = Validator::new();
    /// assert_eq!((validator.is_strict(), validator.findings_limit()), (false, DEFAULT_MAX_FINDINGS));
    /// let validator = validator.strict(true).max_findings(0);
    /// assert_eq!((validator.is_strict(), validator.findings_limit()), (true, 1));
    /// ```
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// The most findings a report keeps ([`Validator::max_findings`], which keeps at least one).
    pub fn findings_limit(&self) -> usize {
        self.max_findings
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
        let text = match crate::scan::utf8(bytes) {
            Ok(text) => text,
            Err(valid_up_to) => {
                let message =
                    "the text is not UTF-8: JSON documents must be UTF-8 encoded".to_owned();
                self.finish(
                    &mut report,
                    bytes,
                    vec![syntax(SyntaxError {
                        offset: valid_up_to,
                        message,
                        found: None,
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
                vec![syntax(SyntaxError {
                    offset: 0,
                    message,
                    found: None,
                })],
            );
            return report;
        }
        let kind = match kind {
            Some(kind) => kind,
            None => {
                self.validate_detecting(&mut report, bytes, text);
                return report;
            }
        };
        let settings = self.settings(kind.is_received());
        let mut walker = Walker::new(text, &settings);
        if settings.collect_facts {
            rules::Checker::install(&mut walker.checker, kind, &self.rules, self.max_findings);
        }
        let result = walker.run(kind.root());
        self.conclude(&mut report, bytes, &mut walker, result);
        report
    }

    /// [`Validator::validate`] of a document whose kind is to be detected. The kind is decided in the
    /// walk's own pass ([`Walker::run_detecting`]), by the first top-level member that names it; a
    /// document that pass cannot decide as it goes is told by the reading before the walk
    /// (`detect::detect`), as it always was, and one whose members before the deciding one it walked as
    /// other kinds' is walked again as its kind's, so the report is the same either way.
    #[inline]
    fn validate_detecting(&self, report: &mut Report, bytes: &[u8], text: &str) {
        let sent = self.settings(false);
        let received = Settings {
            unknown_member: self
                .rules
                .level(rules::RuleId::ReceivedUnknownMember)
                .finding_level(),
            received: true,
            ..sent
        };
        let mut walker = Walker::new(text, &sent);
        if sent.collect_facts {
            rules::Checker::install(
                &mut walker.checker,
                DocumentKind::CreateInvoice,
                &self.rules,
                self.max_findings,
            );
        }
        let told = match walker.run_detecting(&received) {
            Some(Detected::Walked(kind, result)) => {
                report.kind = Some(kind);
                report.detected = true;
                self.conclude(report, bytes, &mut walker, result);
                return;
            }
            // What the reading before the walk would say, without reading again.
            Some(Detected::Again(kind)) => Ok(Some(kind)),
            None => detect::detect(text),
        };
        match told {
            Ok(Some(kind)) => {
                *report = self.validate(Some(kind), bytes);
                report.detected = true;
            }
            Ok(None) => {
                let findings = undetected(text);
                self.finish(report, bytes, findings);
            }
            // The reading stopped at a fault among the members before the deciding one, which may be
            // one the syntax check does not see (a name holding a lone surrogate, refused once
            // decoded): the first of the two, as a walk of the kind would report it.
            Err(e) => {
                let first = match Scanner::new(text).check_syntax() {
                    Err(earlier) if earlier.offset < e.offset => earlier,
                    _ => e,
                };
                self.finish(report, bytes, vec![syntax(*first)]);
            }
        }
    }

    /// The walk's settings for a kind the partner sends (`received: false`) or receives.
    #[inline(always)]
    fn settings(&self, received: bool) -> Settings {
        Settings {
            known_values: self.rules.level(rules::RuleId::KnownValues).finding_level(),
            collect_facts: self.collect_facts,
            max_findings: self.max_findings,
            unknown_member: if received {
                self.rules
                    .level(rules::RuleId::ReceivedUnknownMember)
                    .finding_level()
            } else {
                Some(Level::Error)
            },
            received,
        }
    }

    /// The report of a walk that has ended: its findings and the rules', in document order.
    #[inline(always)]
    fn conclude(
        &self,
        report: &mut Report,
        bytes: &[u8],
        walker: &mut Walker<'_>,
        result: crate::scan::Result<()>,
    ) {
        let (mut findings, checker) = match result {
            Ok(()) => {
                report.omitted = walker.omitted;
                (
                    std::mem::take(&mut walker.findings),
                    walker.checker.as_mut(),
                )
            }
            // A syntax error is the whole verdict: the findings before it (and those omitted) are dropped,
            // and the rules, which have seen only part of the document, say nothing.
            Err(e) => (vec![syntax(*e)], None),
        };
        if let Some(checker) = checker {
            let (found, omitted) = checker.finish();
            report.omitted += omitted;
            for finding in found {
                let Some(level) = self.rules.level(finding.rule).finding_level() else {
                    continue;
                };
                findings.push(RawFinding {
                    kind: finding.kind(),
                    pointer: finding.pointer,
                    found: finding.found,
                    offset: finding.offset,
                    level,
                    first: None,
                    example: None,
                });
            }
        }
        self.finish(report, bytes, findings);
    }

    /// Whether a rule's finding can be an error in a document of `kind`: in strict mode, or with a rule
    /// that applies to the kind at deny (`received-unknown-member` among them, in a document the partner
    /// receives). Otherwise only the schema decides validity.
    pub(crate) fn rules_can_refuse(&self, kind: DocumentKind) -> bool {
        self.strict
            || self.rules.iter().any(|(rule, level)| {
                level == rules::RuleLevel::Deny && rules::applies_to(rule.id, kind)
            })
    }

    /// The rules at deny alone (every other rule off), when they and the schema are all that can refuse a
    /// document: not strict (which makes every warning an error), and `known-values` not at deny (the walk
    /// applies it, not the rules' checker). `None` otherwise.
    pub(crate) fn deny_rules_only(&self) -> Option<RuleSet> {
        if self.strict || self.rules.level(rules::RuleId::KnownValues) == rules::RuleLevel::Deny {
            return None;
        }
        let mut deny = self.rules.clone();
        for (rule, level) in self.rules.iter() {
            if level != rules::RuleLevel::Deny {
                deny.set(rule.id, rules::RuleLevel::Allow);
            }
        }
        Some(deny)
    }

    /// Sorts findings into document order, gives them lines and columns (in one pass over the text), and
    /// splits errors from warnings.
    fn finish(&self, report: &mut Report, bytes: &[u8], mut findings: Vec<RawFinding>) {
        // Stable: findings at one offset keep the order they were made in, which is schema order.
        findings.sort_by_key(|f| f.offset);
        if findings.len() > self.max_findings {
            // Errors first, then warnings in the room left, each in document order: a document with an error
            // keeps one, so a report whose errors are empty is the report of a valid document.
            let is_error = |f: &RawFinding| self.strict || f.level == Level::Error;
            let errors = findings.iter().filter(|f| is_error(f)).count();
            let mut errors_left = self.max_findings;
            let mut warnings_left = self.max_findings.saturating_sub(errors);
            let before = findings.len();
            findings.retain(|f| {
                let left = if is_error(f) {
                    &mut errors_left
                } else {
                    &mut warnings_left
                };
                let keep = *left > 0;
                *left = left.saturating_sub(1);
                keep
            });
            report.omitted += before - findings.len();
        }
        let mut offsets: Vec<usize> = findings.iter().map(|f| f.offset).collect();
        offsets.extend(findings.iter().filter_map(|f| f.first));
        let positions = position::positions(bytes, &offsets);
        let mut firsts = positions[findings.len()..].iter();
        for (raw, position) in findings.into_iter().zip(positions.iter().copied()) {
            let level = if self.strict { Level::Error } else { raw.level };
            let mut kind = raw.kind;
            if raw.first.is_some()
                && let (
                    Some(first),
                    ErrorKind::DuplicateMember {
                        first_line,
                        first_column,
                        ..
                    },
                ) = (firsts.next(), &mut kind)
            {
                (*first_line, *first_column) = (first.line, first.column);
            }
            let finding = Finding {
                pointer: raw.pointer,
                kind,
                found: raw.found,
                position,
                level,
                example: raw.example,
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
        found: e.found,
        offset: e.offset,
        level: Level::Error,
        first: None,
        example: None,
    }
}

/// The findings for a document whose kind could not be told: a syntax error if it is not JSON, a type
/// error if it is not an object, otherwise the unknown kind.
fn undetected(text: &str) -> Vec<RawFinding> {
    if let Err(e) = Scanner::new(text).check_syntax() {
        return vec![syntax(*e)];
    }
    let mut scan = Scanner::new(text);
    scan.ws();
    let found = match scan.start() {
        Ok(Start::Object) | Err(_) => JsonType::Object,
        Ok(Start::Array) => JsonType::Array,
        Ok(Start::String) => JsonType::String,
        Ok(Start::Boolean) => JsonType::Boolean,
        Ok(Start::Null) => JsonType::Null,
        Ok(Start::Number) if numbers::is_integral(text.trim()) => JsonType::Integer,
        Ok(Start::Number) => JsonType::Number,
    };
    let offset = text.len() - text.trim_start().len();
    let kind = if found == JsonType::Object {
        ErrorKind::UnknownKind
    } else {
        ErrorKind::Type {
            expected: JsonType::Object,
            found,
        }
    };
    vec![RawFinding {
        pointer: JsonPointer::root(),
        kind,
        found: report::shown_value(found, text.trim()),
        offset,
        level: Level::Error,
        first: None,
        example: None,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid document of each detectable kind.
    const FIXTURES: [&str; 8] = [
        include_str!("../../../tests/fixtures/valid/confirm-invoice.accept.json"),
        include_str!("../../../tests/fixtures/valid/create-invoice.json"),
        include_str!("../../../tests/fixtures/valid/change-invoice-status.json"),
        include_str!("../../../tests/fixtures/valid/api-response.json"),
        include_str!("../../../tests/fixtures/valid/pay-invoice.json"),
        include_str!("../../../tests/fixtures/valid/payment-confirmation.accept.json"),
        include_str!("../../../tests/fixtures/valid/payment-confirmation-response.json"),
        include_str!("../../../tests/fixtures/valid/payment-response.json"),
    ];

    /// The pass decides the kind itself and walks the document as the decided kind's, unless it walked a
    /// member before the deciding one as other kinds read it (a change of status's `b2bIds` are walked as
    /// every sent request's, which most kinds still possible are): it then says the kind, for the document
    /// to be walked again, without the reading before the walk.
    #[test]
    fn the_pass_decides_every_kind_itself() {
        let validator = Validator::new();
        let (sent, received) = (validator.settings(false), validator.settings(true));
        let decided = |text: &str| match Walker::new(text, &sent).run_detecting(&received) {
            Some(Detected::Walked(kind, _)) => Some((kind, true)),
            Some(Detected::Again(kind)) => Some((kind, false)),
            None => None,
        };
        for text in FIXTURES {
            let kind = detect::detect(text).unwrap().unwrap();
            let walked = kind != DocumentKind::ChangeInvoiceStatus;
            assert_eq!(decided(text), Some((kind, walked)), "{text}");
        }
        let ids = r#""b2bIds": {"buyerB2BId": "B", "supplierB2BId": "S"}"#;
        let status = DocumentKind::ChangeInvoiceStatus;
        for (text, expected) in [
            (
                format!(r#"{{"invoiceStatus": {{}}, {ids}, "device": {{}}}}"#),
                Some((status, true)),
            ),
            (
                format!(r#"{{{ids}, "invoiceStatus": {{}}}}"#),
                Some((status, false)),
            ),
            (
                format!(r#"{{{ids}, "invoiceConfirmation": {{}}}}"#),
                Some((DocumentKind::ConfirmInvoice, true)),
            ),
            (
                format!(r#"{{{ids}, "resp": {{}}, "payment": {{}}}}"#),
                Some((DocumentKind::PaymentResponse, true)),
            ),
            (format!(r#"{{"device": {{}}, {ids}}}"#), None),
        ] {
            assert_eq!(decided(&text), expected, "{text}");
            assert_eq!(
                detect::detect(&text).unwrap(),
                expected.map(|(kind, _)| kind)
            );
        }
    }

    /// A top-level name holding a lone surrogate escape before the deciding member is the syntax error
    /// the walk of the kind reports, not a document whose kind cannot be told: the syntax check that
    /// tells them apart reads names without decoding them.
    #[test]
    fn a_lone_surrogate_in_a_name_before_the_deciding_member_is_a_syntax_error() {
        for text in FIXTURES {
            let kind = detect::detect(text).unwrap().unwrap();
            // Found as written, at the escape (the name's quote is at column 2).
            for (name, found, column) in [
                ("\\ud800", "\\ud800", 3),
                ("\\uDC00", "\\uDC00", 3),
                ("a\\uD83Db", "\\uD83D", 4),
            ] {
                let variant = text.replacen('{', &format!("{{\"{name}\": 1, "), 1);
                let report = validate(None, variant.as_bytes());
                assert_eq!(
                    (report.kind, report.detected, report.errors.len()),
                    (None, false, 1),
                    "{variant}"
                );
                let error = &report.errors[0];
                assert_eq!(error.keyword(), "syntax", "{variant}");
                assert_eq!(
                    error.message(false),
                    format!(
                        "lone surrogate escape in a string (no Unicode text holds one), found {found}"
                    )
                );
                assert_eq!((error.position.line, error.position.column), (1, column));
                assert_eq!(
                    report.errors,
                    validate(Some(kind), variant.as_bytes()).errors,
                    "{variant}"
                );
            }
        }
    }

    /// The kind decided in the pass gives the report the kind given gives, member order, findings before
    /// the deciding member, unknown members and the report's limit included.
    #[test]
    fn the_kind_decided_in_the_pass_gives_the_given_kinds_report() {
        let validators = [Validator::new(), Validator::new().max_findings(1)];
        for text in FIXTURES {
            let kind = detect::detect(text).unwrap().unwrap();
            let variants = [
                text.to_owned(),
                // An unknown member and a bad value in the members before the deciding one.
                text.replacen("\": {\n", "\": {\n\"zzz\": 1,\n", 1),
                text.replace("\"buyerB2BId\": \"", "\"buyerB2BId\": \"x"),
                text.replacen("\": {\n", "\": {\n\"zzz\": 1,\n", 1)
                    .replace("\"supplierB2BId\": \"", "\"supplierB2BId\": 7, \"s\": \""),
                // An unknown member, and a repeated one, before the deciding member.
                text.replacen('{', "{\"zzz\": 1,", 1),
                text.replacen("\"b2bIds\"", "\"b2bIds\": {}, \"b2bIds\"", 1),
            ];
            // The deciding member: first, repeated at the end, or with a value that is no JSON.
            let (_, member) = detect::deciding(text).unwrap().unwrap();
            let decider = crate::generated::kinds::TOP_LEVEL_MEMBERS[member]
                .0
                .to_owned();
            let value: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(text).unwrap();
            let member = |name: &String| format!("{:?}: {}", name, value[name]);
            let first: Vec<String> = std::iter::once(decider.clone())
                .chain(value.keys().filter(|k| **k != decider).cloned())
                .map(|k| member(&k))
                .collect();
            let end = text.rfind('}').unwrap();
            let variants = variants.into_iter().chain([
                format!("{{{}}}", first.join(", ")),
                format!("{{ {} }}", first.join(",\n")),
                format!("{}, \"{decider}\": {{}}}}", &text[..end]),
                text.replacen(
                    &format!("\"{decider}\":"),
                    &format!("\"{decider}\": }},"),
                    1,
                ),
                text.replacen(&format!("\"{decider}\":"), &format!("\"{decider}\": 7,"), 1),
            ]);
            for variant in variants {
                for validator in &validators {
                    let mut expected = validator.validate(Some(kind), variant.as_bytes());
                    expected.detected = true;
                    assert_eq!(
                        validator.validate(None, variant.as_bytes()),
                        expected,
                        "{variant}"
                    );
                }
            }
        }
    }
}
