//! `bc_invoice._native`: the bc-invoice validator as a Python extension module (PyO3). The Python package
//! around it (`python/bc_invoice`) re-exports it and adds the type stubs; its documentation is
//! `docs/python.md`.
//!
//! Everything shown to Python is made by [`bc_invoice_validate::render`], as the command makes its JSON
//! report, so that `Report.to_dict()` is the command's `--format json` entry for the same document. The
//! validator runs with the interpreter released ([`Python::detach`]); a panic inside it becomes a
//! `RuntimeError`, never an unwinding across the boundary.

mod topy;

use std::panic::{AssertUnwindSafe, catch_unwind};

use bc_invoice_validate::render::{self, JsonFinding, JsonReport};
use bc_invoice_validate::{DocumentKind, Report as RustReport, RuleId, RuleLevel, RuleSet};
use pyo3::exceptions::{PyOverflowError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyBytes, PyMemoryView, PyString, PyTuple};

/// One finding: where, which keyword or rule, the message, line and column, as the command's JSON report
/// gives them (masked alike with `redact`), and the facts behind the message. Two findings are equal (and
/// hash alike) when every field is.
#[pyclass(frozen, eq, hash, module = "bc_invoice", get_all)]
#[derive(PartialEq, Eq, Hash)]
struct Finding {
    /// RFC 6901 JSON Pointer, `""` for the root; for `required` and `additionalProperties`, the object.
    pointer: String,
    /// The JSON Schema keyword, `syntax`, `duplicateMember`, `range`, `kind`, or the rule's id.
    keyword: String,
    /// The message, values masked with `redact`.
    message: String,
    /// 1-based line where the offending value starts.
    line: usize,
    /// 1-based column, in characters.
    column: usize,
    /// The rule's id for a rule's finding, `None` for a schema finding.
    rule: Option<String>,
    /// `"error"` or `"warning"`.
    level: &'static str,
    /// What the schema expected (the pattern, the allowed values, the missing member, …), if it says.
    expected: Option<String>,
    /// The offending value as JSON text (its first 80 characters and `…` when longer); `None` with `redact` or for a container.
    found: Option<String>,
}

#[pymethods]
impl Finding {
    /// A finding made by hand (for a test's expected value, or a finding of one's own beside the
    /// validator's), every field by name: `level` is `"error"` or `"warning"`, `line` and `column` are
    /// 1-based.
    #[new]
    #[pyo3(signature = (*, pointer, keyword, message, line, column, level, rule = None, expected = None, found = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        pointer: String,
        keyword: String,
        message: String,
        line: &Bound<'_, PyAny>,
        column: &Bound<'_, PyAny>,
        level: &str,
        rule: Option<String>,
        expected: Option<String>,
        found: Option<String>,
    ) -> PyResult<Self> {
        let (line, column) = (position(line)?, position(column)?);
        restore_finding(
            pointer, keyword, message, line, column, rule, level, expected, found,
        )
    }

    /// Shown safe for a terminal or a CI log, like `__str__`.
    fn __repr__(&self) -> String {
        shown(&format!(
            "<Finding {} {:?} {}: {} (line {}, column {})>",
            self.level, self.pointer, self.keyword, self.message, self.line, self.column
        ))
    }

    /// The finding as a line of text (`ValidationError`'s message starts with the first one), safe for a
    /// terminal or a CI log as the command's text is: each character that could drive one
    /// ([`render::is_unsafe_char`]: controls, bidirectional overrides, zero-width characters, …) written
    /// as `\u{…}`, as messages write such characters of member names, and the `[` of a log command
    /// (`##[error]`, `##vso[`) as `?`. The attributes keep the text as it is.
    ///
    /// The root's pointer, `""`, shows as `(root)`, as the command and the Rust `Display` show it.
    fn __str__(&self) -> String {
        let pointer = if self.pointer.is_empty() {
            "(root)"
        } else {
            &self.pointer
        };
        shown(&format!(
            "{pointer}: {} (line {}, column {})",
            self.message, self.line, self.column
        ))
    }

    /// Pickled as its fields, restored by `_restore_finding`.
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let restore = restorer(py, "_restore_finding")?;
        let fields = (
            &self.pointer,
            &self.keyword,
            &self.message,
            self.line,
            self.column,
            &self.rule,
            self.level,
            &self.expected,
            &self.found,
        )
            .into_pyobject(py)?;
        Ok((restore, fields))
    }
}

/// A line or column given to `Finding(...)`. An int below 0 or past `usize` is a `ValueError`, as 0 is (in
/// `restore_finding`), rather than the `OverflowError` of the conversion, which `except ValueError` misses;
/// what is not an int stays a `TypeError`.
fn position(value: &Bound<'_, PyAny>) -> PyResult<usize> {
    value.extract::<usize>().map_err(|error| {
        if error.is_instance_of::<PyOverflowError>(value.py()) {
            // An int of thousands of digits has no repr (`sys.set_int_max_str_digits`): said in words.
            let shown = match value.repr() {
                Ok(repr) => repr.to_string(),
                Err(_) if value.lt(0).unwrap_or(false) => "a negative int".to_owned(),
                Err(_) => format!("an int past {}", usize::MAX),
            };
            PyValueError::new_err(format!(
                "a finding's line and column are 1-based, not {shown}"
            ))
        } else {
            error
        }
    })
}

/// The module's function `name` that remakes a pickled object (`__reduce__`'s first item).
fn restorer<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("bc_invoice._native")?.getattr(name)
}

/// `text` safe for a terminal or a CI log (see `Finding.__str__`).
fn shown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if render::is_unsafe_char(c) {
            escaped.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            escaped.push(c);
        }
    }
    render::break_log_commands(&escaped).into_owned()
}

/// A pickled `Finding` (see `Finding.__reduce__`).
#[pyfunction]
#[pyo3(name = "_restore_finding")]
#[allow(clippy::too_many_arguments)]
fn restore_finding(
    pointer: String,
    keyword: String,
    message: String,
    line: usize,
    column: usize,
    rule: Option<String>,
    level: &str,
    expected: Option<String>,
    found: Option<String>,
) -> PyResult<Finding> {
    let level = match level {
        "error" => "error",
        "warning" => "warning",
        other => {
            return Err(PyValueError::new_err(format!(
                "a finding's level is \"error\" or \"warning\", not {other:?}"
            )));
        }
    };
    if line == 0 || column == 0 {
        return Err(PyValueError::new_err(
            "a finding's line and column are 1-based, not 0",
        ));
    }
    Ok(Finding {
        pointer,
        keyword,
        message,
        line,
        column,
        rule,
        level,
        expected,
        found,
    })
}

/// Everything validation found in one document.
#[pyclass(frozen, module = "bc_invoice")]
struct Report {
    valid: bool,
    kind: Option<&'static str>,
    detected: bool,
    omitted: usize,
    json: Rendered,
    errors: Py<PyTuple>,
    warnings: Py<PyTuple>,
}

/// The report as the command renders it: the library's rendering for a report made here, its JSON text
/// for one restored from a pickle (made by the same rendering, in the process that pickled it).
enum Rendered {
    Report(JsonReport),
    Text(String),
}

#[pymethods]
impl Report {
    /// Whether the document has no errors (warnings allowed).
    #[getter]
    fn valid(&self) -> bool {
        self.valid
    }

    /// The kind the document was checked as; `None` when it could not be told.
    #[getter]
    fn kind(&self) -> Option<&'static str> {
        self.kind
    }

    /// Whether the kind was detected from the top-level members rather than given.
    #[getter]
    fn detected(&self) -> bool {
        self.detected
    }

    /// The errors, in document order.
    #[getter]
    fn errors(&self, py: Python<'_>) -> Py<PyTuple> {
        self.errors.clone_ref(py)
    }

    /// The warnings, in document order.
    #[getter]
    fn warnings(&self, py: Python<'_>) -> Py<PyTuple> {
        self.warnings.clone_ref(py)
    }

    /// Findings past the report's limit (1,000), counted but not listed.
    #[getter]
    fn omitted(&self) -> usize {
        self.omitted
    }

    /// The report as the command's `--format json` entry for a file, less `file`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.json {
            Rendered::Report(json) => topy::serialized(py, json),
            Rendered::Text(text) => {
                static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
                LOADS.import(py, "json", "loads")?.call1((text,))
            }
        }
    }

    /// The report as the command's JSON entry, as text (escaped as the command escapes it).
    fn to_json(&self) -> String {
        match &self.json {
            Rendered::Report(json) => json.to_json_pretty(0),
            Rendered::Text(text) => text.clone(),
        }
    }

    fn __bool__(&self) -> bool {
        self.valid
    }

    /// Equal when everything the report shows is: its verdict, kind, count and findings (each with its
    /// facts). A report is not hashable.
    fn __eq__(&self, py: Python<'_>, other: PyRef<'_, Report>) -> PyResult<bool> {
        Ok((self.valid, self.kind, self.detected, self.omitted)
            == (other.valid, other.kind, other.detected, other.omitted)
            && self.errors.bind(py).eq(other.errors.bind(py))?
            && self.warnings.bind(py).eq(other.warnings.bind(py))?)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "<Report kind={} valid={} errors={} warnings={}>",
            self.kind.unwrap_or("None"),
            if self.valid { "True" } else { "False" },
            self.errors.bind(py).len(),
            self.warnings.bind(py).len()
        )
    }

    /// Pickled as its fields, its JSON text and its findings; restored by `_restore_report`. A process pool
    /// can so return a report, or raise `ValidationError`, from a worker.
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let restore = restorer(py, "_restore_report")?;
        let fields = (
            self.kind,
            self.detected,
            self.valid,
            self.omitted,
            self.to_json(),
            self.errors.clone_ref(py),
            self.warnings.clone_ref(py),
        )
            .into_pyobject(py)?;
        Ok((restore, fields))
    }
}

/// A pickled `Report` (see `Report.__reduce__`).
#[pyfunction]
#[pyo3(name = "_restore_report")]
fn restore_report(
    kind: Option<&str>,
    detected: bool,
    valid: bool,
    omitted: usize,
    json: String,
    errors: &Bound<'_, PyTuple>,
    warnings: &Bound<'_, PyTuple>,
) -> PyResult<Report> {
    for finding in errors.iter().chain(warnings.iter()) {
        finding.cast::<Finding>()?;
    }
    Ok(Report {
        valid,
        kind: parse_kind(kind)?.map(|kind| kind.as_str()),
        detected,
        omitted,
        json: Rendered::Text(json),
        errors: errors.clone().unbind(),
        warnings: warnings.clone().unbind(),
    })
}

impl Report {
    fn new(py: Python<'_>, report: &RustReport, redact: bool) -> PyResult<Report> {
        let json = JsonReport::new(report, redact);
        let errors = findings(py, &json.errors, &report.errors, "error", redact)?;
        let warnings = findings(py, &json.warnings, &report.warnings, "warning", redact)?;
        Ok(Report {
            valid: json.valid,
            kind: json.kind,
            detected: json.detected,
            omitted: json.omitted,
            json: Rendered::Report(json),
            errors,
            warnings,
        })
    }
}

/// The findings of one list, from their JSON rendering (what the command shows) and the facts the
/// rendering leaves out.
fn findings(
    py: Python<'_>,
    rendered: &[JsonFinding],
    findings: &[bc_invoice_validate::Finding],
    level: &'static str,
    redact: bool,
) -> PyResult<Py<PyTuple>> {
    let items = rendered
        .iter()
        .zip(findings)
        .map(|(json, finding)| {
            let (expected, found) = facts(finding, redact);
            Py::new(
                py,
                Finding {
                    pointer: json.instance_location.clone(),
                    keyword: json.keyword.to_owned(),
                    message: json.error.clone(),
                    line: json.line,
                    column: json.column,
                    rule: json.rule.map(str::to_owned),
                    level,
                    expected,
                    found,
                },
            )
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, items)?.unbind())
}

/// What a finding expected and found, which the JSON report does not show: the only place this crate reads
/// a finding's fields rather than its rendering. `found` is a document value: never shown with `redact`.
fn facts(finding: &bc_invoice_validate::Finding, redact: bool) -> (Option<String>, Option<String>) {
    let found = if redact { None } else { finding.found.clone() };
    (finding.kind.expected(), found)
}

/// Validation settings: strictness, redaction and rule levels, checked once and reused.
#[pyclass(frozen, module = "bc_invoice")]
struct Validator {
    validator: bc_invoice_validate::Validator,
    strict: bool,
    redact: bool,
}

#[pymethods]
impl Validator {
    #[new]
    #[pyo3(signature = (*, strict=false, redact=false, deny=None, warn=None, allow=None))]
    fn py_new(
        strict: bool,
        redact: bool,
        deny: Option<&Bound<'_, PyAny>>,
        warn: Option<&Bound<'_, PyAny>>,
        allow: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let rules = rule_set(deny, warn, allow)?;
        Ok(Validator {
            validator: bc_invoice_validate::Validator::new()
                .strict(strict)
                .rules(rules),
            strict,
            redact,
        })
    }

    /// Validates a document (the JSON text: `bytes`, `bytearray`, `memoryview` or `str`) with these settings;
    /// `kind=None` detects the kind from the top-level members.
    #[pyo3(signature = (document, kind=None))]
    fn validate(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        kind: Option<&str>,
    ) -> PyResult<Report> {
        let kind = parse_kind(kind)?;
        let report = with_text(py, document, self.redact, |bytes| {
            self.validator.validate(kind, bytes)
        })?;
        Report::new(py, &report, self.redact)
    }

    /// The validated document as `dict`s and `list`s, every amount a `decimal.Decimal`; raises
    /// `ValidationError` (a `ValueError`, with the report) when it has errors.
    #[pyo3(signature = (document, kind=None))]
    fn parse<'py>(
        &self,
        py: Python<'py>,
        document: &Bound<'py, PyAny>,
        kind: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let kind = parse_kind(kind)?;
        let parsed = with_text(py, document, self.redact, |bytes| {
            self.validator.parse_any(kind, bytes)
        })?;
        match parsed {
            Ok(document) => topy::document(py, &document),
            Err(report) => Err(validation_error(py, Report::new(py, &report, self.redact)?)),
        }
    }

    /// The rules with the levels these settings give them, as `rules()` lists them.
    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        rules_list(py, self.validator.rule_set())
    }

    /// Whether every warning is an error.
    #[getter]
    fn strict(&self) -> bool {
        self.strict
    }

    /// Whether document values are masked in findings.
    #[getter]
    fn redact(&self) -> bool {
        self.redact
    }

    /// Pickled as its settings (the rules whose level differs from the default, at their levels), so that
    /// `validator.validate` can be handed to a process pool; restored by `_restore_validator`.
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let restore = restorer(py, "_restore_validator")?;
        let rules = render::rules(self.validator.rule_set());
        let at = |level: &str| -> Vec<&'static str> {
            rules
                .iter()
                .filter(|rule| rule.level != rule.default_level && rule.level == level)
                .map(|rule| rule.id)
                .collect()
        };
        let settings = (
            self.strict,
            self.redact,
            at("deny"),
            at("warn"),
            at("allow"),
        )
            .into_pyobject(py)?;
        Ok((restore, settings))
    }

    fn __repr__(&self) -> String {
        let changed: Vec<String> = render::rules(self.validator.rule_set())
            .iter()
            .filter(|rule| rule.level != rule.default_level)
            .map(|rule| format!("{}={}", rule.id, rule.level))
            .collect();
        format!(
            "<Validator strict={} redact={} rules=[{}]>",
            if self.strict { "True" } else { "False" },
            if self.redact { "True" } else { "False" },
            changed.join(", ")
        )
    }
}

/// A pickled `Validator` (see `Validator.__reduce__`).
#[pyfunction]
#[pyo3(name = "_restore_validator")]
fn restore_validator(
    strict: bool,
    redact: bool,
    deny: &Bound<'_, PyAny>,
    warn: &Bound<'_, PyAny>,
    allow: &Bound<'_, PyAny>,
) -> PyResult<Validator> {
    Validator::py_new(strict, redact, Some(deny), Some(warn), Some(allow))
}

/// The kind by its id, or a `ValueError` listing the ids.
fn parse_kind(kind: Option<&str>) -> PyResult<Option<DocumentKind>> {
    kind.map(|name| {
        name.parse::<DocumentKind>()
            .map_err(|e| PyValueError::new_err(e.to_string()))
    })
    .transpose()
}

/// The rule levels of `deny`, `warn` and `allow` (each a string or an iterable of rule ids, `all` for every
/// rule): `all` first, then the named rules, so that `deny=["all"], allow=["pincode"]` means what it says.
/// A rule named at two levels is a `ValueError`, as is an unknown id.
fn rule_set(
    deny: Option<&Bound<'_, PyAny>>,
    warn: Option<&Bound<'_, PyAny>>,
    allow: Option<&Bound<'_, PyAny>>,
) -> PyResult<RuleSet> {
    // Each id is read as it is named (`None` for `all`), so that an unknown one is refused at once and the
    // list holds one entry a rule, however long the iterables: looking a rule up in it stays cheap.
    let mut named: Vec<(Option<RuleId>, RuleLevel, &'static str)> = Vec::new();
    for (option, level, name) in [
        (allow, RuleLevel::Allow, "allow"),
        (warn, RuleLevel::Warn, "warn"),
        (deny, RuleLevel::Deny, "deny"),
    ] {
        let Some(option) = option else { continue };
        let ids: Vec<String> = if let Ok(one) = option.cast::<PyString>() {
            vec![one.to_str()?.to_owned()]
        } else if option.cast::<PyBytes>().is_ok() || option.cast::<PyByteArray>().is_ok() {
            // Iterable, but of ints: say what was meant.
            return Err(PyTypeError::new_err(format!(
                "{name} takes a rule id as a str (or an iterable of them), not {}",
                type_name(option)
            )));
        } else {
            option
                .try_iter()
                .map_err(|_| {
                    PyTypeError::new_err(format!(
                        "{name} must be a rule id or an iterable of rule ids, not {}",
                        type_name(option)
                    ))
                })?
                .map(|id| {
                    let id = id?;
                    id.cast::<PyString>()
                        .map_err(|_| {
                            PyTypeError::new_err(format!(
                                "{name}: a rule id is a str, not {}",
                                type_name(&id)
                            ))
                        })?
                        .to_str()
                        .map(str::to_owned)
                })
                .collect::<PyResult<_>>()?
        };
        for id in ids {
            // The edge where a rule's name becomes a `RuleId`.
            let rule = match id.as_str() {
                "all" => None,
                id => Some(
                    id.parse::<RuleId>()
                        .map_err(|e| PyValueError::new_err(e.to_string()))?,
                ),
            };
            if let Some((_, _, other)) = named.iter().find(|(seen, _, _)| *seen == rule) {
                if *other != name {
                    return Err(PyValueError::new_err(format!(
                        "rule {id:?} is given both in {other} and in {name}"
                    )));
                }
                continue;
            }
            named.push((rule, level, name));
        }
    }
    let mut rules = RuleSet::default();
    named.sort_by_key(|(rule, _, _)| rule.is_some());
    for (rule, level, _) in &named {
        match rule {
            None => rules.set_all(*level),
            Some(id) => rules.set(*id, *level),
        }
    }
    Ok(rules)
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |name| name.to_string())
}

/// Runs `check` on the document's UTF-8 bytes with the interpreter released. `bytes` and `str` are read in
/// place (both are immutable); a `bytearray` or `memoryview` is copied first, since other threads could
/// change it while the interpreter is released. A panic in `check` is a `RuntimeError`. A `str` with a lone
/// surrogate is a `UnicodeEncodeError`; with `redact`, one that shows neither the character nor the text.
fn with_text<T: Send>(
    py: Python<'_>,
    document: &Bound<'_, PyAny>,
    redact: bool,
    check: impl FnOnce(&[u8]) -> T + Send,
) -> PyResult<T> {
    let run = |bytes: &[u8]| {
        py.detach(|| catch_unwind(AssertUnwindSafe(|| check(bytes))))
            .map_err(|panic| {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                PyRuntimeError::new_err(format!(
                    "bc-invoice failed inside the validator (please report it): {what}"
                ))
            })
    };
    if let Ok(bytes) = document.cast::<PyBytes>() {
        run(bytes.as_bytes())
    } else if let Ok(text) = document.cast::<PyString>() {
        // A str holding a lone surrogate has no UTF-8 form: a UnicodeEncodeError (a ValueError) naming it.
        match text.to_str() {
            Ok(text) => run(text.as_bytes()),
            Err(error) if redact => Err(redacted_encode_error(py, error)),
            Err(error) => Err(error),
        }
    } else if let Ok(array) = document.cast::<PyByteArray>() {
        let copy = array.to_vec();
        run(&copy)
    } else if document.cast::<PyMemoryView>().is_ok() {
        let copy = py.get_type::<PyBytes>().call1((document,))?;
        run(copy.cast::<PyBytes>()?.as_bytes())
    } else {
        Err(PyTypeError::new_err(format!(
            "document must be bytes, bytearray, memoryview or str (the JSON text), not {}",
            type_name(document)
        )))
    }
}

/// The `UnicodeEncodeError` of a `str` that has no UTF-8 form, with its document and character left out:
/// the package's `_RedactedEncodeError` (a `UnicodeEncodeError`) with the same position and reason.
fn redacted_encode_error(py: Python<'_>, error: PyErr) -> PyErr {
    static REDACTED: PyOnceLock<Py<pyo3::types::PyType>> = PyOnceLock::new();
    let value = error.value(py);
    let raised = (|| {
        let (start, end, reason) = (
            value.getattr("start")?,
            value.getattr("end")?,
            value.getattr("reason")?,
        );
        REDACTED
            .import(py, "bc_invoice._errors", "_RedactedEncodeError")?
            .call1(("utf-8", "", start, end, reason))
    })();
    match raised {
        Ok(redacted) => PyErr::from_value(redacted),
        Err(e) => e,
    }
}

/// `ValidationError(report)`, defined in the Python package.
fn validation_error(py: Python<'_>, report: Report) -> PyErr {
    static ERROR: PyOnceLock<Py<pyo3::types::PyType>> = PyOnceLock::new();
    let raised = ERROR
        .import(py, "bc_invoice._errors", "ValidationError")
        .and_then(|error| error.call1((report,)));
    match raised {
        Ok(error) => PyErr::from_value(error),
        Err(e) => e,
    }
}

/// Validates a document (the JSON text: `bytes`, `bytearray`, `memoryview` or `str`) and returns its
/// `Report`. `kind=None` detects the kind from the top-level members; `strict` makes every warning an error;
/// `redact` masks the document's values; `deny`, `warn` and `allow` set rule levels (a rule id, an iterable
/// of them, or `"all"`).
#[pyfunction]
#[pyo3(signature = (document, kind=None, *, strict=false, redact=false, deny=None, warn=None, allow=None))]
#[allow(clippy::too_many_arguments)]
fn validate(
    py: Python<'_>,
    document: &Bound<'_, PyAny>,
    kind: Option<&str>,
    strict: bool,
    redact: bool,
    deny: Option<&Bound<'_, PyAny>>,
    warn: Option<&Bound<'_, PyAny>>,
    allow: Option<&Bound<'_, PyAny>>,
) -> PyResult<Report> {
    let kind = parse_kind(kind)?;
    if !strict && deny.is_none() && warn.is_none() && allow.is_none() {
        let report = with_text(py, document, redact, |bytes| {
            bc_invoice_validate::validate(kind, bytes)
        })?;
        return Report::new(py, &report, redact);
    }
    Validator::py_new(strict, redact, deny, warn, allow)?.validate(
        py,
        document,
        kind.map(|k| k.as_str()),
    )
}

/// The validated document as `dict`s and `list`s, every amount a `decimal.Decimal`; raises
/// `ValidationError` (a `ValueError`, with the report) when it has errors. The arguments are `validate`'s.
#[pyfunction]
#[pyo3(signature = (document, kind=None, *, strict=false, redact=false, deny=None, warn=None, allow=None))]
#[allow(clippy::too_many_arguments)]
fn parse<'py>(
    py: Python<'py>,
    document: &Bound<'py, PyAny>,
    kind: Option<&str>,
    strict: bool,
    redact: bool,
    deny: Option<&Bound<'py, PyAny>>,
    warn: Option<&Bound<'py, PyAny>>,
    allow: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    Validator::py_new(strict, redact, deny, warn, allow)?.parse(py, document, kind)
}

/// The document kinds' ids, as `kind` takes them.
#[pyfunction]
fn kinds() -> Vec<&'static str> {
    DocumentKind::ALL.iter().map(|kind| kind.as_str()).collect()
}

/// Every rule with its level, as `bc-invoice-validate --list-rules --format json` lists them (with these
/// settings' levels).
#[pyfunction]
#[pyo3(signature = (*, deny=None, warn=None, allow=None))]
fn rules<'py>(
    py: Python<'py>,
    deny: Option<&Bound<'py, PyAny>>,
    warn: Option<&Bound<'py, PyAny>>,
    allow: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    rules_list(py, &rule_set(deny, warn, allow)?)
}

fn rules_list<'py>(py: Python<'py>, rules: &RuleSet) -> PyResult<Bound<'py, PyAny>> {
    topy::serialized(py, &render::rules(rules))
}

/// The extension module.
#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    // The crate's version, which is the wheel's (maturin takes the version from Cargo.toml).
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_class::<Finding>()?;
    module.add_class::<Report>()?;
    module.add_class::<Validator>()?;
    module.add_function(wrap_pyfunction!(validate, module)?)?;
    module.add_function(wrap_pyfunction!(parse, module)?)?;
    module.add_function(wrap_pyfunction!(kinds, module)?)?;
    module.add_function(wrap_pyfunction!(rules, module)?)?;
    module.add_function(wrap_pyfunction!(restore_report, module)?)?;
    module.add_function(wrap_pyfunction!(restore_finding, module)?)?;
    module.add_function(wrap_pyfunction!(restore_validator, module)?)?;
    Ok(())
}
