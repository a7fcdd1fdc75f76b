//! The rules beyond the schema on real documents: for every rule, documents that pass it and mutations that
//! fail it, each finding asserted with its rule id, pointer, level, line, column and message; rule levels
//! and strictness; and the report keeping errors and warnings apart.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bc_invoice_tests::{corpus, fixture_files, fixture_kind, fixtures_dir, workspace_root};
use bc_invoice_validate::rules::{RULES, RuleId, RuleLevel, RuleSet};
use bc_invoice_validate::{DocumentKind, Finding, Level, Report, Validator};

const CREATE: &str = "valid/create-invoice.json";
const MINIMAL: &str = "valid/create-invoice.minimal.json";
/// The minimal create request with an e-commerce operator's GSTIN, `07AAACF1234A1CS`.
const ECOMMERCE: &str = "rules/create-invoice.ecommerce.json";

/// The time of validation in these tests: 2026-11-21T12:00:00Z.
fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_262_400)
}

/// Rules at their default levels, measuring the future from [`now`].
fn rules() -> RuleSet {
    RuleSet::default().now(now())
}

fn validator() -> Validator {
    Validator::new().rules(rules())
}

fn text(path: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(path)).unwrap()
}

/// The 1-based line and character column of byte offset `at`, counted independently of the validator.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

/// `text` with each `(from, to)` applied; every `from` must occur exactly once.
fn edit(text: &str, changes: &[(&str, &str)]) -> String {
    changes.iter().fold(text.to_owned(), |text, (from, to)| {
        assert_eq!(text.matches(from).count(), 1, "{from:?} is not unique");
        text.replacen(from, to, 1)
    })
}

/// The findings rules made (schema findings left out), in document order.
fn rule_findings(report: &Report) -> Vec<&Finding> {
    report.findings().filter(|f| f.rule().is_some()).collect()
}

/// Every rule at `deny`: a document that breaks none is valid and warns of nothing.
fn assert_breaks_no_rule(doc: &str, kind: Option<DocumentKind>) {
    let mut all = rules();
    all.set_all(RuleLevel::Deny);
    let report = Validator::new().rules(all).validate(kind, doc.as_bytes());
    assert!(
        report.is_valid() && report.warnings.is_empty(),
        "{report}\n{doc}"
    );
}

/// A mutation of a fixture that breaks one rule once: the value `from`, found at the `nth` occurrence of
/// `after` followed by `from`, becomes `to`.
struct Case<'a> {
    /// The fixture, under `tests/fixtures/`.
    fixture: &'a str,
    /// The kind to validate as; `None` detects it.
    kind: Option<DocumentKind>,
    /// Text just before the value, which stays (a member name, say), and which occurrence (0-based).
    after: &'a str,
    nth: usize,
    /// The value's JSON text before and after.
    from: &'a str,
    to: &'a str,
    /// The finding expected.
    rule: RuleId,
    pointer: &'a str,
    message: &'a str,
    /// Other rules turned off, for a mutation that knowingly breaks one of them too.
    allow: &'a [RuleId],
}

impl Default for Case<'_> {
    /// Every field but the rule, which each case names.
    fn default() -> Self {
        Case {
            fixture: "",
            kind: None,
            after: "",
            nth: 0,
            from: "",
            to: "",
            rule: RuleId::ALL[0],
            pointer: "",
            message: "",
            allow: &[],
        }
    }
}

impl Case<'_> {
    /// The mutated document, and the line and column where the value starts.
    fn document(&self) -> (String, (usize, usize)) {
        let source = text(self.fixture);
        let needle = format!("{}{}", self.after, self.from);
        let (at, _) = source
            .match_indices(&needle)
            .nth(self.nth)
            .unwrap_or_else(|| panic!("{needle:?} #{}", self.nth));
        let at = at + self.after.len();
        let mut doc = source.clone();
        doc.replace_range(at..at + self.from.len(), self.to);
        let position = line_column(&doc, at);
        (doc, position)
    }

    /// The rule set of the case: [`rules`] with `allow` off and the case's rule at `level`.
    fn rules(&self, level: RuleLevel) -> RuleSet {
        let mut set = rules();
        for &id in self.allow {
            set.set(id, RuleLevel::Allow);
        }
        set.set(self.rule, level);
        set
    }

    /// The document stays valid and gets exactly the expected warning; at `deny` the same finding is the
    /// one error; at `allow` there is nothing.
    fn check(&self) {
        let (doc, (line, column)) = self.document();
        let validate = |level| {
            Validator::new()
                .rules(self.rules(level))
                .validate(self.kind, doc.as_bytes())
        };
        let report = validate(RuleLevel::Warn);
        assert!(
            report.errors.is_empty() && report.warnings.len() == 1,
            "{report}"
        );
        let warning = &report.warnings[0];
        assert_eq!(
            (
                warning.rule(),
                warning.keyword(),
                warning.pointer.as_str(),
                warning.level,
                (warning.position.line, warning.position.column),
                warning.message(false).as_str(),
                warning.found.as_deref(),
            ),
            (
                Some(self.rule),
                self.rule.as_str(),
                self.pointer,
                Level::Warning,
                (line, column),
                self.message,
                Some(self.to),
            ),
            "{report}"
        );
        assert_eq!(
            warning.to_string(),
            format!(
                "{}: {} (line {line}, column {column})",
                self.pointer, self.message
            )
        );
        let denied = validate(RuleLevel::Deny);
        assert!(
            !denied.is_valid() && denied.warnings.is_empty() && denied.errors.len() == 1,
            "{denied}"
        );
        assert_eq!(
            (&denied.errors[0].kind, denied.errors[0].level),
            (&warning.kind, Level::Error)
        );
        let allowed = validate(RuleLevel::Allow);
        assert!(
            allowed.errors.is_empty() && allowed.warnings.is_empty(),
            "{allowed}"
        );
    }
}

// ---- every valid document passes every rule ------------------------------------------------------------

#[test]
fn the_valid_fixtures_break_no_rule_even_at_deny() {
    for file in fixture_files("valid")
        .into_iter()
        .chain(fixture_files("rules"))
    {
        let doc = std::fs::read_to_string(&file).unwrap();
        let kind: DocumentKind = fixture_kind(&file).parse().unwrap();
        assert_breaks_no_rule(&doc, Some(kind));
        assert_breaks_no_rule(&doc, None);
        // And with the system clock: no fixture is dated in the future.
        let report = Validator::new().validate(Some(kind), doc.as_bytes());
        assert!(report.warnings.is_empty(), "{report}");
    }
}

#[test]
fn a_large_corpus_invoice_whose_amounts_add_up_breaks_no_rule() {
    let doc = String::from_utf8(corpus::create_invoice(2_000)).unwrap();
    assert_breaks_no_rule(&doc, Some(DocumentKind::CreateInvoice));
}

// ---- GSTINs --------------------------------------------------------------------------------------------

#[test]
fn the_domain_notes_gstins_pass_and_fail_the_checksum() {
    let fixture = text(ECOMMERCE);
    for valid in [
        "27AAPFU0939F1ZV",
        "33ABBFR2298H1Z5",
        "29ABACS0877M1ZS",
        "23AABCE9378F1ZK",
        "33AABCT3312J1ZP",
    ] {
        let doc = edit(&fixture, &[("07AAACF1234A1CS", valid)]);
        assert_breaks_no_rule(&doc, None);
    }
    for (invalid, written, computed) in [
        ("\"27AAPFU0939F1ZO\"", 'O', 'V'),
        ("\"22AAAAA0000A1Z5\"", '5', 'C'),
    ] {
        Case {
            fixture: ECOMMERCE,
            from: "\"07AAACF1234A1CS\"",
            to: invalid,
            rule: RuleId::GstinChecksum,
            pointer: "/invoice/transactionDetails/ecommerceGstin",
            message: &format!(
                "GSTIN {invalid} has check character {written}; the mod-36 check gives {computed}"
            ),
            ..Case::default()
        }
        .check();
    }
}

#[test]
fn every_partys_gstin_is_checksummed() {
    for (gstin, wrong, pointer) in [
        ("27AAKCK4821P1ZY", 'A', "/invoice/supplierDetails/gstin"),
        ("29AABCS7314M1ZZ", 'Y', "/invoice/buyerDetails/gstin"),
        ("27AAKCK4821P2ZX", 'Z', "/invoice/dispatchDetails/gstin"),
        ("29AABCS7314M2ZY", '0', "/invoice/shippingDetails/gstin"),
    ] {
        let right = gstin.chars().last().unwrap();
        let to = format!("\"{}{wrong}\"", &gstin[..14]);
        Case {
            fixture: CREATE,
            from: &format!("\"{gstin}\""),
            to: &to,
            rule: RuleId::GstinChecksum,
            pointer,
            message: &format!(
                "GSTIN {to} has check character {wrong}; the mod-36 check gives {right}"
            ),
            ..Case::default()
        }
        .check();
    }
}

#[test]
fn a_gstin_without_the_structure_is_a_format_finding_and_nothing_else() {
    for (to, message) in [
        (
            "\"27AAKCK4821P1Z\"",
            "GSTIN \"27AAKCK4821P1Z\" has 14 characters; a GSTIN has 15",
        ),
        (
            "\"27aakck4821p1zy\"",
            "GSTIN \"27aakck4821p1zy\" has none of the structures GSTN issues; it comes closest to a \
             PAN-based GSTIN, whose position 3 is an upper-case letter (positions 3-7 are the PAN's five \
             letters)",
        ),
        (
            "\"27AAKCK4821P0ZY\"",
            "GSTIN \"27AAKCK4821P0ZY\" has none of the structures GSTN issues; it comes closest to a \
             PAN-based GSTIN, whose position 13 is a digit 1-9 or an upper-case letter (position 13 is the \
             entity number)",
        ),
        // An unregistered person has no GSTIN, but the supplier is always registered.
        ("\"URP\"", "GSTIN \"URP\" has 3 characters; a GSTIN has 15"),
    ] {
        Case {
            fixture: CREATE,
            from: "\"27AAKCK4821P1ZY\"",
            to,
            rule: RuleId::GstinFormat,
            pointer: "/invoice/supplierDetails/gstin",
            message,
            ..Case::default()
        }
        .check();
    }
}

#[test]
fn an_unregistered_buyer_or_consignee_may_be_urp() {
    let doc = edit(
        &text(CREATE),
        &[
            ("\"29AABCS7314M1ZZ\"", "\"URP\""),
            ("\"29AABCS7314M2ZY\"", "\"URP\""),
        ],
    );
    assert_breaks_no_rule(&doc, None);
}

#[test]
fn a_gstin_of_the_wrong_type_is_the_schemas_finding_only() {
    let doc = edit(&text(CREATE), &[("\"27AAKCK4821P1ZY\"", "271234")]);
    let report = validator().validate(None, doc.as_bytes());
    assert_eq!(report.errors.len(), 1, "{report}");
    assert_eq!(report.errors[0].keyword(), "type");
    assert!(rule_findings(&report).is_empty(), "{report}");
}

#[test]
fn a_gstin_starts_with_its_partys_state_code() {
    // The minimal fixture's parties have no address, so only the GSTIN and the code disagree.
    Case {
        fixture: MINIMAL,
        from: "\"09\"",
        to: "\"07\"",
        rule: RuleId::GstinState,
        pointer: "/invoice/supplierDetails/stateCode",
        message: "stateCode \"07\" is not 09, the state code that starts the party's GSTIN",
        ..Case::default()
    }
    .check();
    // GSTINs with a right check character, under codes no taxpayer is registered with.
    for (gstin, message) in [
        (
            "\"39AAPFU0939F1ZQ\"",
            "GSTIN \"39AAPFU0939F1ZQ\" starts with 39, which is not a GST state code",
        ),
        (
            "\"96AAPFU0939F1ZQ\"",
            "GSTIN \"96AAPFU0939F1ZQ\" starts with 96, the code for a place of supply outside India, under \
             which no taxpayer is registered",
        ),
        ("\"25AAPFU0939F1ZZ\"", DAMAN_AND_DIU_GSTIN),
    ] {
        Case {
            fixture: ECOMMERCE,
            from: "\"07AAACF1234A1CS\"",
            to: gstin,
            rule: RuleId::GstinState,
            pointer: "/invoice/transactionDetails/ecommerceGstin",
            message,
            ..Case::default()
        }
        .check();
    }
    // Other Territory (97) and Centre Jurisdiction (99) register taxpayers.
    for gstin in ["97AAPFU0939F1ZO", "99AAPFU0939F1ZK"] {
        assert_breaks_no_rule(&edit(&text(ECOMMERCE), &[("07AAACF1234A1CS", gstin)]), None);
    }
}

// ---- state codes ---------------------------------------------------------------------------------------

#[test]
fn state_codes_are_gst_state_codes() {
    for (to, message) in [
        (
            "\"0\"",
            "stateCode \"0\" is not a GST state code (01 to 38, 96 outside India, 97 or 99)",
        ),
        (
            "\"39\"",
            "stateCode \"39\" is not a GST state code (01 to 38, 96 outside India, 97 or 99)",
        ),
    ] {
        Case {
            fixture: MINIMAL,
            from: "\"09\"",
            to,
            rule: RuleId::StateCode,
            pointer: "/invoice/supplierDetails/stateCode",
            message,
            // The supplier's GSTIN starts with 09, so these codes break gstin-state too.
            allow: &[RuleId::GstinState],
            ..Case::default()
        }
        .check();
    }
    for (to, message) in [
        (
            "\"28\"",
            "placeOfSupply \"28\" is the code of Andhra Pradesh before its 2014 division; ANDHRA PRADESH is 37",
        ),
        ("\"25\"", DAMAN_AND_DIU_PLACE),
    ] {
        Case {
            fixture: MINIMAL,
            after: "\"placeOfSupply\": ",
            from: "\"07\"",
            to,
            rule: RuleId::StateCode,
            pointer: "/invoice/buyerDetails/placeOfSupply",
            message,
            ..Case::default()
        }
        .check();
    }
}

/// The finding of `gstin-state` on a GSTIN under 25 in an invoice dated after Daman and Diu's transition.
const DAMAN_AND_DIU_GSTIN: &str = "GSTIN \"25AAPFU0939F1ZZ\" starts with 25, the code of DAMAN AND DIU until \
     the end of its merger's transition on 31 July 2020, and the invoice's ts is later; DADRA AND NAGAR HAVELI \
     AND DAMAN AND DIU is 26";
/// The finding of `state-code` on a place of supply of 25 in an invoice dated after the transition.
const DAMAN_AND_DIU_PLACE: &str = "placeOfSupply \"25\" is the code of DAMAN AND DIU until the end of its \
     merger's transition on 31 July 2020, and the invoice's ts is later; DADRA AND NAGAR HAVELI AND DAMAN AND \
     DIU is 26";

#[test]
fn state_code_25_stands_on_an_invoice_dated_before_the_end_of_daman_and_dius_transition() {
    // Daman and Diu's registered persons kept their registrations under 25 until the transition date, 31
    // July 2020 (CBIC Notification 10/2020-Central Tax, the date as amended by 45/2020-Central Tax).
    let cases = [
        (
            ECOMMERCE,
            "07AAACF1234A1CS",
            "25AAPFU0939F1ZZ",
            RuleId::GstinState,
            "/invoice/transactionDetails/ecommerceGstin",
            DAMAN_AND_DIU_GSTIN,
        ),
        (
            MINIMAL,
            "\"placeOfSupply\": \"07\"",
            "\"placeOfSupply\": \"25\"",
            RuleId::StateCode,
            "/invoice/buyerDetails/placeOfSupply",
            DAMAN_AND_DIU_PLACE,
        ),
    ];
    for (fixture, from, to, rule, pointer, message) in cases {
        let doc = edit(&text(fixture), &[(from, to)]);
        let dated = |ts: &str| edit(&doc, &[("\"2026-11-19T18:05:44Z\"", ts)]);
        assert_breaks_no_rule(&dated("\"2020-07-31T23:59:59+05:30\""), None);
        for ts in ["\"2020-08-01T00:00:00+05:30\"", "\"2020-07-31T18:30:00Z\""] {
            let report = validator().validate(None, dated(ts).as_bytes());
            let found: Vec<_> = rule_findings(&report)
                .iter()
                .map(|f| (f.rule(), f.pointer.as_str().to_owned(), f.message(false)))
                .collect();
            assert_eq!(
                found,
                [(Some(rule), pointer.to_owned(), message.to_owned())],
                "{ts}: {report}"
            );
        }
    }
}

#[test]
fn supply_outside_india_and_other_territory_are_state_codes() {
    let minimal = text(MINIMAL);
    // One digit is the same code as two (the e-invoice schema's `^(?!0+$)([0-9]{1,2})$`).
    assert_breaks_no_rule(
        &edit(
            &minimal,
            &[("\"stateCode\": \"09\"", "\"stateCode\": \"9\"")],
        ),
        None,
    );
    for place in ["\"96\"", "\"97\"", "\"38\"", "\"26\""] {
        let doc = edit(
            &minimal,
            &[(
                "\"placeOfSupply\": \"07\"",
                &format!("\"placeOfSupply\": {place}"),
            )],
        );
        assert_breaks_no_rule(&doc, None);
    }
    // An exporter's foreign buyer: unregistered, state code 96.
    let export = edit(
        &minimal,
        &[
            ("\"07AAACD1234E1ZB\"", "\"URP\""),
            ("\"stateCode\": \"07\"", "\"stateCode\": \"96\""),
            ("\"placeOfSupply\": \"07\"", "\"placeOfSupply\": \"96\""),
        ],
    );
    assert_breaks_no_rule(&export, None);
}

#[test]
fn an_address_names_the_state_of_its_partys_code() {
    Case {
        fixture: CREATE,
        after: "\"state\": ",
        nth: 1,
        from: "\"MAHARASHTRA\"",
        to: "\"GOA\"",
        rule: RuleId::StateCode,
        pointer: "/invoice/dispatchDetails/address/state",
        message: "address state \"GOA\" is not MAHARASHTRA, the state of the party's stateCode \"27\"",
        ..Case::default()
    }
    .check();
    // The same name in another case, or a known alias, is no finding.
    for name in ["Maharashtra", "maharashtra "] {
        let doc = edit(
            &text(CREATE),
            &[(
                "\"Bhiwandi\",\n        \"state\": \"MAHARASHTRA\"",
                &format!("\"Bhiwandi\",\n        \"state\": \"{name}\""),
            )],
        );
        assert_breaks_no_rule(&doc, None);
    }
    // A misspelt name is the known-values warning alone.
    let doc = edit(
        &text(CREATE),
        &[(
            "\"Bhiwandi\",\n        \"state\": \"MAHARASHTRA\"",
            "\"Bhiwandi\",\n        \"state\": \"MAHARASTRA\"",
        )],
    );
    let report = validator().validate(None, doc.as_bytes());
    let found: Vec<_> = rule_findings(&report)
        .iter()
        .map(|f| (f.rule(), f.pointer.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            Some(RuleId::KnownValues),
            "/invoice/dispatchDetails/address/state"
        )],
        "{report}"
    );
    assert_eq!(
        rule_findings(&report)[0].message(false),
        "\"MAHARASTRA\" is not one of the known values; did you mean \"MAHARASHTRA\"?"
    );
}

// ---- single-value formats ------------------------------------------------------------------------------

#[test]
fn pincodes_ifscs_hsn_codes_emails_and_phones() {
    for (from, to, rule, pointer, message) in [
        (
            "\"400093\"",
            "\"040009\"",
            RuleId::Pincode,
            "/invoice/supplierDetails/address/pincode",
            "pincode \"040009\" starts with 0; Indian PINs run from 100000 to 999999",
        ),
        (
            "\"562106\"",
            "\"56210\"",
            RuleId::Pincode,
            "/invoice/shippingDetails/address/pincode",
            "pincode \"56210\" has fewer than six digits",
        ),
        (
            "\"HDFC0000060\"",
            "\"HDFC1000060\"",
            RuleId::Ifsc,
            "/invoice/supplierBankAccountDetails/ifsc",
            "IFSC \"HDFC1000060\" does not have 0 as its fifth character",
        ),
        (
            "\"55151190\"",
            "\"5515119\"",
            RuleId::HsnCode,
            "/invoice/itemLists/1/hsnCode",
            "HSN code \"5515119\" is not 4, 6 or 8 digits",
        ),
        (
            "\"998346\"",
            "\"000000\"",
            RuleId::HsnCode,
            "/invoice/itemLists/3/hsnCode",
            "HSN code \"000000\" is all zeros",
        ),
        (
            "\"payables@sahanagarments.in\"",
            "\"payables at sahanagarments.in\"",
            RuleId::Email,
            "/invoice/buyerDetails/email",
            "e-mail address \"payables at sahanagarments.in\" does not match ^[a-zA-Z0-9+_.-]+@[a-zA-Z0-9.-]+$",
        ),
        (
            "\"9820012345\"",
            "\"98200-12345\"",
            RuleId::Phone,
            "/invoice/supplierDetails/contactNumber/phoneNumber",
            "phone number \"98200-12345\" is not 6 to 12 digits",
        ),
    ] {
        Case {
            fixture: CREATE,
            from,
            to,
            rule,
            pointer,
            message,
            ..Case::default()
        }
        .check();
    }
}

#[test]
fn redaction_reduces_a_rules_message_to_its_summary() {
    let doc = edit(
        &text(CREATE),
        &[(
            "\"payables@sahanagarments.in\"",
            "\"payables@sahana garments.in\"",
        )],
    );
    let report = validator().validate(None, doc.as_bytes());
    assert_eq!(
        report.warnings[0].message(true),
        "[redacted] fails the check: an e-mail address matches the GST e-invoice pattern"
    );
    // Operands other than the offending value stay out of a redacted message too.
    let doc = edit(
        &text(CREATE),
        &[("\"totalAmt\": 22260.00", "\"totalAmt\": 22361.00")],
    );
    let report = validator().validate(None, doc.as_bytes());
    let message = report.warnings[0].message(true);
    assert!(
        !message.contains("185.50") && !message.contains("22361"),
        "{message}"
    );
}

#[test]
fn an_object_id_starts_with_the_literal_inv() {
    for (fixture, pointer) in [
        (CREATE, "/invoice/objectId"),
        (
            "valid/confirm-invoice.accept.json",
            "/invoiceConfirmation/objectId",
        ),
        (
            "valid/change-invoice-status.json",
            "/invoiceStatus/objectId",
        ),
    ] {
        Case {
            fixture,
            from: "\"INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c\"",
            to: "\"NNV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c\"",
            rule: RuleId::ObjectIdPrefix,
            pointer,
            message: "objectId \"NNV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c\" starts with NNV, not the literal INV",
            ..Case::default()
        }
        .check();
    }
    // An id the documented pattern refuses is the schema's error, not also this rule's.
    let report = validator().validate(None, text("docs/create-invoice.json").as_bytes());
    assert!(
        report
            .errors
            .iter()
            .any(|e| e.pointer.as_str() == "/invoice/objectId" && e.keyword() == "pattern")
    );
    assert!(
        !rule_findings(&report)
            .iter()
            .any(|f| f.rule() == Some(RuleId::ObjectIdPrefix)),
        "{report}"
    );
}

/// A value written with escapes reaches the rules decoded, through the walk and through `parse`: the
/// scanner tells each fact whether its string had any, and only those are decoded.
#[test]
fn the_rules_read_a_value_written_with_escapes_as_its_decoded_text() {
    let plain = text("valid/confirm-invoice.accept.json");
    let id = "INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c";
    // `\u0049` is `I`: the same objectId, which the rule accepts.
    let escaped = edit(&plain, &[(id, "\\u0049NV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c")]);
    // `\u004E` is `N`: a wrong prefix, which the rule reports with the decoded value.
    let wrong = edit(&plain, &[(id, "\\u004ENV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c")]);
    let mut deny = rules();
    deny.set_all(RuleLevel::Deny);
    let validator = Validator::new().rules(deny);
    assert!(validator.validate(None, escaped.as_bytes()).is_valid());
    assert!(
        validator
            .parse::<bc_invoice_types::ConfirmInvoiceRequest>(escaped.as_bytes())
            .is_ok()
    );
    for report in [
        validator.validate(None, wrong.as_bytes()),
        validator
            .parse::<bc_invoice_types::ConfirmInvoiceRequest>(wrong.as_bytes())
            .unwrap_err(),
    ] {
        let found: Vec<_> = rule_findings(&report)
            .iter()
            .map(|f| (f.rule(), f.pointer.as_str().to_owned(), f.message(false)))
            .collect();
        assert_eq!(
            found,
            [(
                Some(RuleId::ObjectIdPrefix),
                "/invoiceConfirmation/objectId".to_owned(),
                // Shown as written, judged as decoded.
                "objectId \"\\u004ENV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c\" starts with NNV, not the literal \
                 INV"
                    .to_owned()
            )]
        );
    }
}

// ---- amounts -------------------------------------------------------------------------------------------

#[test]
fn an_items_total_is_quantity_times_unit_price_within_legal_rounding() {
    // A digit dropped: far beyond what rounding 120 × 185.50 explains (120 × 0.05 for the price, whose value
    // 185.5 may be to ten paise, 185.50 × 0.0005 for the quantity, 0.01 for the product: 6.10).
    Case {
        fixture: CREATE,
        from: "22260.00",
        to: "2226.00",
        rule: RuleId::ItemAmounts,
        pointer: "/invoice/itemLists/0/totalAmt",
        message: "totalAmt 2226.00 is not quantity × unitPrice: 120 × 185.50 = 22260.00, more than the 6.10 \
                  rounding explains",
        ..Case::default()
    }
    .check();
    // Within 0.70: a price rounded from a finer one.
    let doc = edit(
        &text(CREATE),
        &[("\"totalAmt\": 22260.00", "\"totalAmt\": 22260.60")],
    );
    assert_breaks_no_rule(&doc, None);
}

/// The minimal fixture with its one item's quantity, price and total changed, and the sums with them.
fn minimal_item(quantity: &str, unit_price: &str, total: &str, item_value: &str) -> String {
    edit(
        &text(MINIMAL),
        &[
            ("\"quantity\": 10,", &format!("\"quantity\": {quantity},")),
            (
                "\"unitPrice\": 4999.00,",
                &format!("\"unitPrice\": {unit_price},"),
            ),
            (
                "\"totalAmt\": 49990.00,",
                &format!("\"totalAmt\": {total},"),
            ),
            (
                "\"assessmentAmount\": 49990.00,",
                &format!("\"assessmentAmount\": {total},"),
            ),
            (
                "\"totalItemValue\": 55988.80",
                &format!("\"totalItemValue\": {item_value}"),
            ),
            (
                "\"assessmentValue\": 49990.00,",
                &format!("\"assessmentValue\": {total},"),
            ),
            (
                "\"totalInvoiceValue\": 55988.80",
                &format!("\"totalInvoiceValue\": {item_value}"),
            ),
        ],
    )
}

#[test]
fn item_totals_tolerate_every_legal_rounding_exactly() {
    // 2.5 × 0.45 = 1.125: half-up gives 1.13, half-even and truncation 1.12; all are legal.
    assert_breaks_no_rule(&minimal_item("2.5", "0.45", "1.13", "1.27"), None);
    assert_breaks_no_rule(&minimal_item("2.5", "0.45", "1.12", "1.25"), None);
    // Three decimal places of quantity, and a price in exponent form.
    assert_breaks_no_rule(
        &minimal_item("0.333", "4.999e3", "1664.67", "1864.43"),
        None,
    );
    // 16 significant digits, beyond what f64 holds exactly.
    assert_breaks_no_rule(
        &minimal_item(
            "3",
            "33333333333333.33",
            "99999999999999.99",
            "111999999999999.99",
        ),
        None,
    );
    // Ten times the product: no rounding explains it.
    let doc = minimal_item("2.5", "0.45", "11.25", "12.60");
    let report = validator().validate(None, doc.as_bytes());
    let findings = rule_findings(&report);
    assert_eq!(findings.len(), 1, "{report}");
    let (line, column) = line_column(&doc, doc.find("11.25,").unwrap());
    assert_eq!(
        findings[0].to_string(),
        format!(
            "/invoice/itemLists/0/totalAmt: totalAmt 11.25 is not quantity × unitPrice: 2.5 × 0.45 = 1.13, \
             more than the 0.02 rounding explains (line {line}, column {column})"
        )
    );
}

/// A price written with the 28 decimals a decimal holds: the rule measured half a unit in a 29th place and
/// panicked; the product is judged like any other.
#[test]
fn a_price_of_twenty_eight_decimals_is_judged_without_a_panic() {
    let price = "0.0000000000000000000000000001";
    let doc = edit(
        &text(MINIMAL),
        &[(
            "\"unitPrice\": 4999.00,",
            &format!("\"unitPrice\": {price},"),
        )],
    );
    let report = validator().validate(None, doc.as_bytes());
    let found: Vec<_> = rule_findings(&report)
        .iter()
        .map(|f| (f.rule(), f.pointer.as_str()))
        .collect();
    assert_eq!(
        found,
        [(Some(RuleId::ItemAmounts), "/invoice/itemLists/0/totalAmt")],
        "{report}"
    );
}

#[test]
fn an_items_value_is_its_taxable_value_with_tax_cess_and_charges() {
    Case {
        fixture: CREATE,
        from: "14658.00",
        to: "13959.99",
        rule: RuleId::ItemAmounts,
        pointer: "/invoice/itemLists/2/totalItemValue",
        message: "totalItemValue 13959.99 is not assessmentAmount + tax + cess + charges, 14658.00, within 1.00",
        // The sum of the items' values falls too.
        allow: &[RuleId::InvoiceTotals],
        ..Case::default()
    }
    .check();
}

/// Discounts, charges and taxes are told by their labels' whole words (`CORPORATE` holds no `RATE`), and a
/// percentage in a label leaves the value an amount: a mistake on such a line is reported with the
/// discount or tax the line states, counted once.
#[test]
fn labelled_discounts_and_taxes_are_counted_once_in_the_findings() {
    // A line of 20,000 with a corporate discount of 1,000: the assessable amount 1,000 short of that.
    Case {
        fixture: "legit/create-invoice.discount-corporate.json",
        after: "\"assessmentAmount\": ",
        from: "19000.0",
        to: "18000.0",
        rule: RuleId::ItemAmounts,
        pointer: "/invoice/itemLists/0/assessmentAmount",
        message: "assessmentAmount 18000.0 is not totalAmt less the line's discounts: 20000.0 − 1000.00 = \
                  19000.00, more than 1.00 away",
        allow: &[RuleId::InvoiceTotals],
        ..Case::default()
    }
    .check();
    for (fixture, label) in [
        (
            "legit/create-invoice.discount-at-percent-label.json",
            "DISCOUNT @ 5%",
        ),
        (
            "legit/create-invoice.discount-percent-in-brackets.json",
            "Discount (5%)",
        ),
        (
            "legit/create-invoice.discount-special-abbreviated.json",
            "Spl. Disc. @ 5%",
        ),
        (
            "legit/create-invoice.discount-rate-difference.json",
            "RATE DIFFERENCE DISCOUNT",
        ),
    ] {
        assert!(text(fixture).contains(label), "{fixture}");
        Case {
            fixture,
            after: "\"assessmentAmount\": ",
            from: "19000.0",
            to: "20000.0",
            rule: RuleId::ItemAmounts,
            pointer: "/invoice/itemLists/0/assessmentAmount",
            message: "assessmentAmount 20000.0 is not totalAmt less the line's discounts: 20000.0 − 1000.00 = \
                      19000.00, more than 1.00 away",
            allow: &[RuleId::InvoiceTotals],
            ..Case::default()
        }
        .check();
    }
    // The invoice's own corporate discount is taken off its total.
    Case {
        fixture: "legit/create-invoice.invoice-level-corporate-discount.json",
        after: "\"totalInvoiceValue\": ",
        from: "20000.0",
        to: "21000.0",
        rule: RuleId::InvoiceTotals,
        pointer: "/invoice/valueDetails/totalInvoiceValue",
        message: "totalInvoiceValue 21000.0 is not the sum of the items' totalItemValue, 21000.00, with the \
                  charges, discounts and round-off of otherValues: 20000.00, within 1.00",
        ..Case::default()
    }
    .check();
    // `IGST (REVERSE CHARGE)` is the line's tax, not a charge: with it, the value is 44,100, not 46,200.
    Case {
        fixture: "legit/create-invoice.reverse-charge-tax-labelled.json",
        after: "\"totalItemValue\": ",
        from: "42000.0",
        to: "46200.0",
        rule: RuleId::ItemAmounts,
        pointer: "/invoice/itemLists/0/totalItemValue",
        message: "totalItemValue 46200.0 is not assessmentAmount + tax + cess + charges, 44100.00, within 1.00",
        allow: &[RuleId::InvoiceTotals],
        ..Case::default()
    }
    .check();
}

/// A car's cess stated twice, as `CESS` in `itemValueDetails` and as `COMPENSATION CESS` in `otherTaxes`, is
/// the line's cess once: the legitimate line draws nothing, and a line that leaves it out is told the value
/// with it once.
#[test]
fn a_cess_stated_in_both_lists_is_not_counted_twice() {
    Case {
        fixture: "legit/create-invoice.cess-stated-twice.json",
        after: "\"totalItemValue\": ",
        from: "1450000.0",
        to: "1280000.0",
        rule: RuleId::ItemAmounts,
        pointer: "/invoice/itemLists/0/totalItemValue",
        message: "totalItemValue 1280000.0 is not assessmentAmount + tax + cess + charges, 1450000.00, within \
                  1.00",
        allow: &[RuleId::InvoiceTotals],
        ..Case::default()
    }
    .check();
}

/// An `otherTaxes` entry is read by its name as an `itemValueDetails` type is: TDS, which the buyer deducts
/// and the line's value does not hold, is no cess; a name the rules do not recognise leaves the line's value
/// unchecked rather than guessed, and a cess is still the line's.
#[test]
fn other_taxes_are_read_by_their_name() {
    let cess = "\"name\": \"CESS\",\n            \"rate\": 0,\n            \"amount\": 0";
    let tds = "\"name\": \"TDS\",\n            \"rate\": 2,\n            \"amount\": 279.20";
    assert_breaks_no_rule(&edit(&text(CREATE), &[(cess, tds)]), None);
    // The same amount as a cess the line's value leaves out is a finding.
    let as_cess = tds.replace("TDS", "Compensation Cess");
    let doc = edit(&text(CREATE), &[(cess, &as_cess)]);
    let report = validator().validate(None, doc.as_bytes());
    let found: Vec<_> = rule_findings(&report)
        .iter()
        .map(|f| (f.rule(), f.pointer.as_str(), f.message(false)))
        .collect();
    assert_eq!(
        found,
        [(
            Some(RuleId::ItemAmounts),
            "/invoice/itemLists/2/totalItemValue",
            "totalItemValue 14658.00 is not assessmentAmount + tax + cess + charges, 14937.20, within 1.00"
                .to_owned()
        )],
        "{report}"
    );
}

/// A cess given only as a rate in `rates` (a car at 28 % and 17 % cess, its value holding both) is a rate
/// the rules do not compute: the line's value is not judged. A GST rate there restates `gstRate` and the
/// line is judged as ever.
#[test]
fn a_cess_rate_the_rules_do_not_compute_leaves_the_lines_value_alone() {
    let doc = text("legit/create-invoice.cess-stated-as-rate.json");
    assert!(doc.contains("\"type\": \"CESS\""));
    let wrong = edit(
        &doc,
        &[(
            "\"totalItemValue\": 1450000.0",
            "\"totalItemValue\": 1550000.0",
        )],
    );
    let report = validator().validate(None, wrong.as_bytes());
    let found: Vec<_> = rule_findings(&report).iter().map(|f| f.rule()).collect();
    assert_eq!(found, [Some(RuleId::InvoiceTotals)], "{report}");
    // Without the cess's rate, the value of 28 % and an unstated cess is a finding.
    let gst_only = edit(
        &doc,
        &[(
            ",\n          {\n            \"type\": \"CESS\",\n            \"value\": 17\n          }",
            "",
        )],
    );
    let report = validator().validate(None, gst_only.as_bytes());
    let found: Vec<_> = rule_findings(&report)
        .iter()
        .map(|f| (f.rule(), f.pointer.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            Some(RuleId::ItemAmounts),
            "/invoice/itemLists/0/totalItemValue"
        )],
        "{report}"
    );
}

#[test]
fn the_invoice_totals_are_the_sums_of_the_items() {
    Case {
        fixture: CREATE,
        from: "70044.00",
        to: "70045.01",
        rule: RuleId::InvoiceTotals,
        pointer: "/invoice/valueDetails/assessmentValue",
        message: "assessmentValue 70045.01 is not the sum of the items' assessmentAmount, 70044.00, within 1.00",
        ..Case::default()
    }
    .check();
    // One rupee either way is NIC's tolerance (error 2189); a total rounded to 10 or 100 rupees may be
    // less than that unit away.
    for total in ["74520.20", "74521.00", "74522.20", "74520", "74500"] {
        let doc = edit(
            &text(CREATE),
            &[(
                "\"totalInvoiceValue\": 74521.20",
                &format!("\"totalInvoiceValue\": {total}"),
            )],
        );
        assert_breaks_no_rule(&doc, None);
    }
    Case {
        fixture: CREATE,
        after: "\"totalInvoiceValue\": ",
        from: "74521.20",
        to: "74520.19",
        rule: RuleId::InvoiceTotals,
        pointer: "/invoice/valueDetails/totalInvoiceValue",
        message: "totalInvoiceValue 74520.19 is not the sum of the items' totalItemValue, 74521.20, within \
                  1.00 or what rounding the total explains",
        ..Case::default()
    }
    .check();
    // A round hundred more than a hundred rupees off is no rounding either.
    let doc = edit(
        &text(CREATE),
        &[(
            "\"totalInvoiceValue\": 74521.20",
            "\"totalInvoiceValue\": 74400",
        )],
    );
    let report = validator().validate(None, doc.as_bytes());
    let found: Vec<_> = rule_findings(&report).iter().map(|f| f.rule()).collect();
    assert_eq!(found, [Some(RuleId::InvoiceTotals)], "{report}");
}

#[test]
fn an_amount_of_the_wrong_type_is_the_schemas_finding_only() {
    // A string amount: the schema's type error; the sum it belongs to is unknown, so it is not checked.
    let doc = edit(
        &text(CREATE),
        &[(
            "\"assessmentAmount\": 7500.00",
            "\"assessmentAmount\": \"7400.00\"",
        )],
    );
    let report = validator().validate(None, doc.as_bytes());
    assert_eq!(report.errors.len(), 1, "{report}");
    assert_eq!(
        (
            report.errors[0].keyword(),
            report.errors[0].pointer.as_str()
        ),
        ("type", "/invoice/itemLists/3/assessmentAmount")
    );
    assert!(rule_findings(&report).is_empty(), "{report}");
}

// ---- versions ------------------------------------------------------------------------------------------

#[test]
fn a_version_never_goes_down() {
    for (fixture, pointer) in [
        (
            "valid/confirm-invoice.accept.json",
            "/invoiceConfirmation/objectVersion/newVersion",
        ),
        (
            "valid/change-invoice-status.json",
            "/invoiceStatus/objectVersion/newVersion",
        ),
        (CREATE, "/invoice/objectVersion/newVersion"),
    ] {
        let current = if fixture == CREATE { "1" } else { "2" };
        Case {
            fixture,
            after: "\"newVersion\": ",
            from: if fixture == CREATE { "1" } else { "3" },
            to: "0",
            rule: RuleId::VersionStep,
            pointer,
            message: &format!("newVersion 0 is below currentVersion {current}"),
            ..Case::default()
        }
        .check();
    }
}

#[test]
fn the_convention_that_an_edit_raises_the_version_by_one_is_opt_in() {
    // Off by default: the documentation does not require it.
    let raised_by_two = edit(
        &text("valid/edit-invoice.json"),
        &[("\"newVersion\": 2", "\"newVersion\": 3")],
    );
    let report = validator().validate(Some(DocumentKind::EditInvoice), raised_by_two.as_bytes());
    assert!(report.is_valid() && report.warnings.is_empty(), "{report}");
    // Turned on (the case turns its rule on), an edit that does not raise it by one is a finding.
    for to in ["3", "1"] {
        Case {
            fixture: "valid/edit-invoice.json",
            kind: Some(DocumentKind::EditInvoice),
            after: "\"newVersion\": ",
            from: "2",
            to,
            rule: RuleId::VersionIncrement,
            pointer: "/invoice/objectVersion/newVersion",
            message: &format!(
                "newVersion {to} does not raise currentVersion 1 by one: an edit makes version 2"
            ),
            ..Case::default()
        }
        .check();
    }
    // Detection says create-invoice for the shared body, and a create request is not held to the step.
    let mut on = rules();
    on.set(RuleId::VersionIncrement, RuleLevel::Warn);
    let detected = Validator::new()
        .rules(on)
        .validate(None, raised_by_two.as_bytes());
    assert_eq!(detected.kind, Some(DocumentKind::CreateInvoice));
    assert!(rule_findings(&detected).is_empty(), "{detected}");
}

// ---- members the pages show without flags -------------------------------------------------------------

/// `doc` without the `nth` occurrence of the member `name`, written on a line of its own: the line goes,
/// and the comma before it when it was its object's last member.
fn without(doc: &str, name: &str, nth: usize) -> String {
    let needle = format!("\"{name}\": ");
    let (at, _) = doc
        .match_indices(&needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth}"));
    let start = doc[..at].rfind('\n').unwrap();
    let end = at + doc[at..].find('\n').unwrap();
    if doc[..end].ends_with(',') {
        format!("{}{}", &doc[..start], &doc[end..])
    } else {
        let before = doc[..start].strip_suffix(',').expect("a member before it");
        format!("{before}{}", &doc[end..])
    }
}

/// Every finding of a report, schema's and rules', as (keyword, pointer, message).
fn all_findings(report: &Report) -> Vec<(&'static str, String, String)> {
    report
        .findings()
        .map(|f| (f.keyword(), f.pointer.as_str().to_owned(), f.message(false)))
        .collect()
}

/// The pages mark `objectVersion`, `statusTransition` and `tag` required but show no flags for their
/// members: a document without any one of them is valid, and no rule, even at `deny`, speaks of it.
#[test]
fn a_member_of_a_collapsed_object_may_be_left_out() {
    let fixtures = [
        (CREATE, None),
        ("valid/edit-invoice.json", Some(DocumentKind::EditInvoice)),
        ("valid/confirm-invoice.accept.json", None),
        ("valid/change-invoice-status.json", None),
        ("legit-payments/pay-invoice.three-invoices.json", None),
        ("valid/payment-confirmation-response.json", None),
    ];
    let mut dropped = 0;
    for (fixture, kind) in fixtures {
        let doc = text(fixture);
        for member in ["currentVersion", "newVersion", "currentStatus", "newStatus"] {
            for nth in 0..doc.matches(&format!("\"{member}\": ")).count() {
                assert_breaks_no_rule(&without(&doc, member, nth), kind);
                dropped += 1;
            }
        }
        // The device's tag comes first in every document that has one.
        if doc.contains("\"device\"") {
            for member in ["name", "value"] {
                let left = without(&doc, member, 0);
                assert!(left.contains("\"tag\": {"), "{left}");
                assert_breaks_no_rule(&left, kind);
                dropped += 1;
            }
        }
    }
    // Four documents with one objectVersion and one statusTransition, three paid and two confirmed
    // invoices with one each, five device tags.
    assert_eq!(dropped, (4 + 3 + 2) * 4 + 5 * 2, "members left out");

    // Typed, the member left out is `None`.
    let doc = without(
        &text("valid/confirm-invoice.accept.json"),
        "currentVersion",
        0,
    );
    let typed =
        bc_invoice_validate::parse::<bc_invoice_types::ConfirmInvoiceRequest>(doc.as_bytes())
            .unwrap();
    let version = &typed.invoice_confirmation.object_version;
    assert_eq!(
        (version.current_version, version.new_version),
        (None, Some(3))
    );
}

/// A rule that reads two members of such an object says nothing when one is missing, and pairs no member
/// with one of another object; the member that is there is still checked on its own.
#[test]
fn a_rule_speaks_only_of_the_members_a_document_has() {
    let findings = |doc: &str, kind, rules: RuleSet| {
        let report = Validator::new().rules(rules).validate(kind, doc.as_bytes());
        assert!(report.is_valid(), "{report}");
        all_findings(&report)
    };
    // version-step: newVersion 0 with no currentVersion to be below.
    let confirm = text("valid/confirm-invoice.accept.json");
    let doc = without(
        &edit(&confirm, &[("\"newVersion\": 3", "\"newVersion\": 0")]),
        "currentVersion",
        0,
    );
    assert_eq!(findings(&doc, None, rules()), []);
    // Three paid invoices at version 3 to 4: the first without newVersion, the second going down to 1,
    // the third without currentVersion and with newVersion 0. Only the second is a finding: the first's
    // currentVersion is not the third's, nor the second's newVersion.
    let mut doc = text("legit-payments/pay-invoice.three-invoices.json");
    // The last first, so that the second is still the second.
    for (nth, to) in [(2, "0"), (1, "1")] {
        let (at, _) = doc.match_indices("\"newVersion\": 4").nth(nth).unwrap();
        let at = at + "\"newVersion\": ".len();
        doc.replace_range(at..at + 1, to);
    }
    let doc = without(&without(&doc, "newVersion", 0), "currentVersion", 2);
    assert_eq!(
        findings(&doc, None, rules()),
        [(
            "version-step",
            "/payment/invoicesPayInfos/1/objectVersion/newVersion".to_owned(),
            "newVersion 1 is below currentVersion 3".to_owned()
        )]
    );
    // version-increment, turned on: an edit with one of the two versions says nothing.
    let mut increment = rules();
    increment.set(RuleId::VersionIncrement, RuleLevel::Deny);
    let edit_doc = edit(
        &text("valid/edit-invoice.json"),
        &[("\"newVersion\": 2", "\"newVersion\": 5")],
    );
    for member in ["currentVersion", "newVersion"] {
        let doc = without(&edit_doc, member, 0);
        assert_eq!(
            findings(&doc, Some(DocumentKind::EditInvoice), increment.clone()),
            []
        );
    }
    // known-values: the status or tag name that is there is still checked.
    let doc = without(
        &edit(
            &confirm,
            &[("\"newStatus\": \"ACCEPTED\"", "\"newStatus\": \"ACEPTED\"")],
        ),
        "currentStatus",
        0,
    );
    assert_eq!(
        findings(&doc, None, rules()),
        [(
            "known-values",
            "/invoiceConfirmation/statusTransition/newStatus".to_owned(),
            "\"ACEPTED\" is not one of the known values; did you mean \"ACCEPTED\"?".to_owned()
        )]
    );
    let doc = without(
        &edit(&confirm, &[("\"GEOCODE\"", "\"GEOCDE\"")]),
        "value",
        0,
    );
    assert_eq!(
        findings(&doc, None, rules()),
        [(
            "known-values",
            "/device/tag/name".to_owned(),
            "\"GEOCDE\" is not one of the known values; did you mean \"GEOCODE\"?".to_owned()
        )]
    );
}

/// The Change Invoice Status page shows an example of its body and nothing else: no member of
/// `invoiceStatus` is required and its `objectId` and `supplierInvoiceNumber` are any strings, so a document
/// that leaves out any of them, or all, or has the example's placeholder id, is valid and no rule, even at
/// `deny`, speaks of it.
#[test]
fn a_change_of_status_requires_nothing_the_page_does_not_show() {
    let status = text("valid/change-invoice-status.json");
    let parsed: serde_json::Value = serde_json::from_str(&status).unwrap();
    let members: Vec<String> = parsed["invoiceStatus"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(members.len(), 6);
    let with = |change: &dyn Fn(&mut serde_json::Map<String, serde_json::Value>)| {
        let mut doc = parsed.clone();
        change(doc["invoiceStatus"].as_object_mut().unwrap());
        serde_json::to_string_pretty(&doc).unwrap()
    };
    for member in &members {
        assert_breaks_no_rule(&with(&|o| drop(o.remove(member))), None);
    }
    let empty = with(&|o| o.clear());
    assert_breaks_no_rule(&empty, None);
    let typed = bc_invoice_validate::parse::<bc_invoice_types::ChangeInvoiceStatusRequest>(
        empty.as_bytes(),
    )
    .unwrap();
    assert_eq!(typed.invoice_status, bc_invoice_types::InvoiceStatus::new());
    for id in [
        "string",
        "",
        "INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c\n",
        "KT/2026-27/000142",
    ] {
        assert_breaks_no_rule(
            &with(&|o| drop(o.insert("objectId".into(), id.into()))),
            None,
        );
    }
    // Nor does it borrow the other pages' {1,50} for the invoice number.
    for number in [String::new(), "a\\b \"c\"".to_owned(), "न".repeat(51)] {
        assert_breaks_no_rule(
            &with(&|o| drop(o.insert("supplierInvoiceNumber".into(), number.clone().into()))),
            None,
        );
    }
}

/// Nor does it require `device` or `b2bIds`, which every sibling request's page marks required: a change of
/// status without either, or both, is valid with no finding even at `deny`, and is still told by its
/// `invoiceStatus`, the one member it requires. Without that it is refused at the root, given its kind. Its
/// `device` does not require its tag, and its `b2bIds` require and constrain neither identifier, where the
/// other kinds keep the documented flags and pattern.
#[test]
fn a_change_of_status_requires_only_its_invoice_status() {
    let status = text("valid/change-invoice-status.json");
    let parsed: serde_json::Value = serde_json::from_str(&status).unwrap();
    let without = |members: &[&str]| {
        let mut doc = parsed.clone();
        for member in members {
            doc.as_object_mut().unwrap().remove(*member).unwrap();
        }
        serde_json::to_string_pretty(&doc).unwrap()
    };
    for members in [&["device"][..], &["b2bIds"], &["device", "b2bIds"]] {
        let doc = without(members);
        assert_breaks_no_rule(&doc, None);
        assert_breaks_no_rule(&doc, Some(DocumentKind::ChangeInvoiceStatus));
        let report = validator().validate(None, doc.as_bytes());
        assert!(report.detected, "{members:?}");
        assert_eq!(report.kind, Some(DocumentKind::ChangeInvoiceStatus));
    }
    // The least a change of status can be, and its typed reading.
    let least = r#"{"invoiceStatus": {}}"#;
    assert_breaks_no_rule(least, None);
    let typed = bc_invoice_validate::parse::<bc_invoice_types::ChangeInvoiceStatusRequest>(
        least.as_bytes(),
    )
    .unwrap();
    assert_eq!(
        typed,
        bc_invoice_types::ChangeInvoiceStatusRequest::new(bc_invoice_types::InvoiceStatus::new())
    );
    assert_eq!((typed.device, typed.b2b_ids), (None, None));

    // Its device does not require a tag, which the other kinds' do.
    for device in [serde_json::json!({}), serde_json::json!({"tag": {}})] {
        let mut doc = parsed.clone();
        doc["device"] = device.clone();
        let doc = serde_json::to_string_pretty(&doc).unwrap();
        assert_breaks_no_rule(&doc, None);
        let report = validator().validate(None, doc.as_bytes());
        assert_eq!(
            report.kind,
            Some(DocumentKind::ChangeInvoiceStatus),
            "{device}"
        );
        let typed = bc_invoice_validate::parse::<bc_invoice_types::ChangeInvoiceStatusRequest>(
            doc.as_bytes(),
        )
        .unwrap();
        assert_eq!(serde_json::to_value(typed.device.unwrap()).unwrap(), device);
    }
    let confirm = text("valid/confirm-invoice.reject.json");
    let untagged: serde_json::Value = {
        let mut doc: serde_json::Value = serde_json::from_str(&confirm).unwrap();
        doc["device"] = serde_json::json!({});
        doc
    };
    let report = validator().validate(None, untagged.to_string().as_bytes());
    assert_eq!(report.kind, Some(DocumentKind::ConfirmInvoice));
    assert_eq!(report.errors.len(), 1, "{report}");
    assert_eq!(
        (
            report.errors[0].pointer.as_str(),
            report.errors[0].keyword()
        ),
        ("/device", "required")
    );

    // Its b2bIds require neither identifier and borrow no pattern: an empty object, and identifiers longer than
    // the other pages' 100 characters or with a double quote or a backslash, are valid and still detected
    // (b2bIds, read differently by this kind now, comes before invoiceStatus in the fixture).
    let long = "B".repeat(101);
    let b2b_ids = |ids: serde_json::Value| {
        let mut doc = parsed.clone();
        doc["b2bIds"] = ids;
        serde_json::to_string_pretty(&doc).unwrap()
    };
    for ids in [
        serde_json::json!({}),
        serde_json::json!({"buyerB2BId": long, "supplierB2BId": "BCB2B27AAKCK4821P"}),
        serde_json::json!({"buyerB2BId": "BCB2B29AABCS7314M", "supplierB2BId": "न".repeat(101)}),
        serde_json::json!({"buyerB2BId": "BC\"B2B", "supplierB2BId": "BC\\B2B"}),
        serde_json::json!({"buyerB2BId": "", "supplierB2BId": ""}),
        serde_json::json!({"supplierB2BId": "BCB2B27AAKCK4821P"}),
    ] {
        let doc = b2b_ids(ids.clone());
        assert_breaks_no_rule(&doc, None);
        let report = validator().validate(None, doc.as_bytes());
        assert_eq!(
            report.kind,
            Some(DocumentKind::ChangeInvoiceStatus),
            "{ids}"
        );
        let typed = bc_invoice_validate::parse::<bc_invoice_types::ChangeInvoiceStatusRequest>(
            doc.as_bytes(),
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(typed.b2b_ids.unwrap()).unwrap(),
            ids,
            "the typed reading keeps the identifiers as written"
        );
    }
    // The other kinds keep the documented pattern: the same identifiers in a confirmation are refused.
    for (from, to, pointer) in [
        (
            "\"BCB2B29AABCS7314M\"",
            format!("\"{long}\""),
            "/b2bIds/buyerB2BId",
        ),
        (
            "\"BCB2B27AAKCK4821P\"",
            "\"BC\\\"B2B\"".to_owned(),
            "/b2bIds/supplierB2BId",
        ),
    ] {
        assert_eq!(confirm.matches(from).count(), 1);
        let report = validator().validate(None, confirm.replace(from, &to).as_bytes());
        assert_eq!(report.kind, Some(DocumentKind::ConfirmInvoice));
        assert_eq!(report.errors.len(), 1, "{report}");
        assert_eq!(
            (
                report.errors[0].pointer.as_str(),
                report.errors[0].keyword()
            ),
            (pointer, "pattern")
        );
    }

    // Without invoiceStatus it is refused, with exactly one error: the member missing at the root.
    let headless = without(&["invoiceStatus"]);
    let report = validator().validate(Some(DocumentKind::ChangeInvoiceStatus), headless.as_bytes());
    assert_eq!(report.errors.len(), 1, "{report}");
    let error = &report.errors[0];
    assert_eq!((error.pointer.as_str(), error.keyword()), ("", "required"));
    assert_eq!(
        error.message(false),
        "missing required member \"invoiceStatus\""
    );
    assert_eq!((error.position.line, error.position.column), (1, 1));
    assert!(report.warnings.is_empty(), "{report}");
    // Left to detection, device and b2bIds name no one kind: the document is of no kind it can tell.
    let report = validator().validate(None, headless.as_bytes());
    assert_eq!(report.kind, None);
    assert_eq!(
        report
            .errors
            .iter()
            .map(Finding::keyword)
            .collect::<Vec<_>>(),
        ["kind"]
    );
}

// ---- timestamps ----------------------------------------------------------------------------------------

#[test]
fn a_timestamp_is_not_before_gst_nor_more_than_a_day_ahead() {
    let fixture = text(CREATE);
    let with_ts = |ts: &str| edit(&fixture, &[("\"2026-11-20T10:15:00+05:30\"", ts)]);
    for plausible in [
        "\"2017-07-01T00:00:00+05:30\"",
        "\"2017-06-30T18:30:00Z\"",
        "\"2017-08-10T17:57:35+05:30\"", // the documentation's example
        "\"2026-11-22T17:30:00+05:30\"", // exactly a day after now
        "\"2026-11-22T12:00:00.999Z\"",
    ] {
        assert_breaks_no_rule(&with_ts(plausible), None);
    }
    for (ts, message) in [
        (
            "\"2017-06-30T23:59:59+05:30\"",
            "ts \"2017-06-30T23:59:59+05:30\" is before 2017-07-01T00:00:00+05:30, when GST began",
        ),
        (
            "\"2026-11-22T17:30:01+05:30\"",
            "ts \"2026-11-22T17:30:01+05:30\" is more than a day after the time of validation, \
             2026-11-21T12:00:00Z",
        ),
    ] {
        Case {
            fixture: CREATE,
            from: "\"2026-11-20T10:15:00+05:30\"",
            to: ts,
            rule: RuleId::TimestampPlausible,
            pointer: "/invoice/ts",
            message,
            ..Case::default()
        }
        .check();
    }
    // Not a date-time at all: the schema's error, not also this rule's.
    let report = validator().validate(None, with_ts("\"2016-02-30T10:15:00Z\"").as_bytes());
    assert_eq!(report.errors.len(), 1, "{report}");
    assert_eq!(report.errors[0].keyword(), "format");
    assert!(rule_findings(&report).is_empty(), "{report}");
}

// ---- levels and the report -----------------------------------------------------------------------------

#[test]
fn every_rule_is_listed_once_with_a_kebab_case_id_and_only_conventions_are_off_by_default() {
    // The list itself is checked in as docs/rules.md's table, written from `RULES` (tests/tests/docs.rs):
    // a new, renamed or reordered rule shows in review there. Here, what every entry must be.
    let ids: Vec<&str> = RULES.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        RuleId::ALL,
        RULES.iter().map(|r| r.id).collect::<Vec<_>>(),
        "RuleId::ALL is in the order of RULES"
    );
    for id in &ids {
        let kebab = !id.is_empty()
            && id
                .split('-')
                .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()));
        assert!(kebab, "{id:?} is kebab-case");
        assert_eq!(
            id.parse::<RuleId>().map(RuleId::as_str),
            Ok(*id),
            "{id} names its rule"
        );
    }
    let distinct: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(distinct.len(), ids.len(), "no id is listed twice: {ids:?}");
    // A convention is off by default; every rule a primary source states warns, but the API's own word,
    // which is an error. Each says which it is: a convention's source is none and its summary says so; the
    // API's own rule says so in its summary.
    let listed: Vec<_> = RuleSet::default()
        .iter()
        .map(|(rule, level)| (rule.id.as_str(), level, rule.default_level))
        .collect();
    let expected: Vec<_> = RULES
        .iter()
        .map(|rule| {
            let convention = rule.source == "none: a convention";
            assert_eq!(
                convention,
                rule.summary.starts_with("a convention, off by default: "),
                "{}: a convention's summary and source both say so",
                rule.id
            );
            let level = if rule.summary.ends_with("(the API's own rule)") {
                RuleLevel::Deny
            } else if convention {
                RuleLevel::Allow
            } else {
                RuleLevel::Warn
            };
            (rule.id.as_str(), level, level)
        })
        .collect();
    assert_eq!(listed, expected);
    // Today's: two conventions and the API's own payment rule.
    let off: Vec<&str> = RULES
        .iter()
        .filter(|r| r.default_level != RuleLevel::Warn)
        .map(|r| r.id.as_str())
        .collect();
    assert!(
        off.contains(&"version-increment")
            && off.contains(&"payment-currency")
            && off.contains(&"reject-offplatform-only"),
        "{off:?}"
    );
    assert!(
        RULES
            .iter()
            .all(|r| !r.summary.is_empty() && !r.summary.contains('\n'))
    );
}

#[test]
fn rule_levels_are_set_one_by_one_or_all_and_unknown_ids_are_refused() {
    let mut set = RuleSet::default();
    set.set_all(RuleLevel::Deny);
    assert!(RULES.iter().all(|r| set.level(r.id) == RuleLevel::Deny));
    set.set(RuleId::Pincode, RuleLevel::Allow);
    assert_eq!(
        (set.level(RuleId::Pincode), set.level(RuleId::Ifsc)),
        (RuleLevel::Allow, RuleLevel::Deny)
    );
    // A name is parsed at the edge; one that names no rule is refused there, with the one likely meant.
    assert_eq!("pincode".parse::<RuleId>(), Ok(RuleId::Pincode));
    let err = "gstin-checksums".parse::<RuleId>().unwrap_err();
    assert!(
        err.to_string().starts_with(
            "unknown rule \"gstin-checksums\"; did you mean \"gstin-checksum\"? The rules are gstin-format, \
             gstin-checksum, gstin-state,"
        ),
        "{err}"
    );
    assert_eq!("deny".parse::<RuleLevel>(), Ok(RuleLevel::Deny));
    assert_eq!("warning".parse::<RuleLevel>(), Ok(RuleLevel::Warn));
    assert!("off".parse::<RuleLevel>().is_err());
}

#[test]
fn the_report_keeps_schema_errors_and_rule_warnings_apart_and_strict_joins_them() {
    // A schema error (an unknown member) and a rule warning (a check character) in one document.
    let doc = edit(
        &text(CREATE),
        &[
            ("\"27AAKCK4821P1ZY\"", "\"27AAKCK4821P1ZA\""),
            (
                "\"tradeName\": \"Kaveri Textiles\",",
                "\"tradename\": \"Kaveri Textiles\",",
            ),
        ],
    );
    let report = validator().validate(None, doc.as_bytes());
    let errors: Vec<_> = report
        .errors
        .iter()
        .map(|f| (f.keyword(), f.rule()))
        .collect();
    let warnings: Vec<_> = report
        .warnings
        .iter()
        .map(|f| (f.keyword(), f.rule()))
        .collect();
    assert_eq!(errors, [("additionalProperties", None)]);
    assert_eq!(warnings, [("gstin-checksum", Some(RuleId::GstinChecksum))]);
    assert!(!report.is_valid());

    let strict = validator().strict(true).validate(None, doc.as_bytes());
    assert!(strict.warnings.is_empty());
    let errors: Vec<_> = strict
        .errors
        .iter()
        .map(|f| (f.keyword(), f.level))
        .collect();
    assert_eq!(
        errors,
        [
            ("gstin-checksum", Level::Error),
            ("additionalProperties", Level::Error)
        ]
    );
}

#[test]
fn with_every_rule_allowed_no_rule_runs() {
    let doc = edit(
        &text(CREATE),
        &[
            ("\"27AAKCK4821P1ZY\"", "\"27AAKCK4821P1ZA\""),
            ("\"totalAmt\": 22260.00", "\"totalAmt\": 1"),
            ("\"GEOCODE\"", "\"GEOCDE\""),
        ],
    );
    let warned = validator().validate(None, doc.as_bytes());
    let ids: Vec<_> = warned.warnings.iter().filter_map(Finding::rule).collect();
    assert_eq!(
        ids,
        [
            RuleId::KnownValues,
            RuleId::GstinChecksum,
            RuleId::ItemAmounts
        ]
    );
    let mut none = RuleSet::default();
    none.set_all(RuleLevel::Allow);
    let report = Validator::new().rules(none).validate(None, doc.as_bytes());
    assert!(report.is_valid() && report.warnings.is_empty(), "{report}");
}

#[test]
fn the_rules_pages_example_is_the_rule_sets_doctest() {
    let section = readme_rules_section();
    let code = section
        .split("```rust\n")
        .nth(1)
        .and_then(|rest| rest.split("```\n").next())
        .expect("the section has a rust code block");
    let doctest: String = code
        .lines()
        .map(|line| match line {
            "" => "///\n".to_owned(),
            _ => format!("/// {line}\n"),
        })
        .collect();
    let source = std::fs::read_to_string(
        workspace_root().join("crates/bc-invoice-validate/src/rules/set.rs"),
    )
    .unwrap();
    assert!(
        source.contains(&format!("/// ```\n{doctest}/// ```\n")),
        "copy docs/rules.md's example into RuleSet's doc comment"
    );
}

/// The rules page, `docs/rules.md`.
fn readme_rules_section() -> String {
    std::fs::read_to_string(workspace_root().join("docs/rules.md")).unwrap()
}

#[test]
fn every_rules_doc_comment_cites_its_source_and_a_tolerance_with_a_number() {
    for rule in RULES {
        // The rule's module: its `//!` documentation, and its `RULE` with the id written once.
        let module = rule.id.as_str().replace('-', "_");
        let path = format!("crates/bc-invoice-validate/src/rules/catalogue/{module}.rs");
        let source = std::fs::read_to_string(workspace_root().join(&path))
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(
            source.matches(&format!("\"{}\"", rule.id)).count(),
            1,
            "{path} writes the id once"
        );
        let doc: String = source
            .lines()
            .take_while(|line| line.starts_with("//!"))
            .collect::<Vec<_>>()
            .join("\n");
        let cited = doc.split("Source:").nth(1);
        assert!(cited.is_some(), "{path}'s documentation names its source");
        let tolerance = doc
            .split("Tolerance:")
            .nth(1)
            .unwrap_or_else(|| panic!("{path}'s documentation states its tolerance"));
        assert!(
            tolerance.chars().any(|c| c.is_ascii_digit()),
            "{path}'s tolerance is a number: {tolerance}"
        );
        assert!(
            rule.tolerance.chars().any(|c| c.is_ascii_digit()),
            "{}: {}",
            rule.id,
            rule.tolerance
        );
    }
}

/// A legitimate invoice re-serialized with `transactionDetails` after its parties and items (a JSON object's
/// members may come in any order), and its supply type set to `supply_type`.
fn transaction_last(fixture: &str, supply_type: &str) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(&text(fixture)).unwrap();
    let invoice = doc["invoice"].as_object_mut().unwrap();
    let mut transaction = invoice.remove("transactionDetails").unwrap();
    transaction["supplyType"] = supply_type.into();
    invoice.insert("transactionDetails".to_owned(), transaction);
    let text = serde_json::to_string_pretty(&doc).unwrap();
    assert!(text.find("\"transactionDetails\"") > text.find("\"itemLists\""));
    text
}

#[test]
fn the_kind_of_supply_counts_wherever_transaction_details_stands() {
    // An export under LUT: the foreign buyer's GSTIN is URP, its state code 96, and the lines' values
    // carry no IGST. Said after the parties and items, the supply type still excuses all of it.
    let export = transaction_last("legit/create-invoice.export-goods-lut.json", "EXPWOP");
    assert_breaks_no_rule(&export, Some(DocumentKind::CreateInvoice));
    // The same lines in a B2B supply must include their tax.
    let b2b = transaction_last("legit/create-invoice.export-goods-lut.json", "B2B");
    let report = validator().validate(Some(DocumentKind::CreateInvoice), b2b.as_bytes());
    let found: Vec<_> = rule_findings(&report)
        .iter()
        .map(|f| (f.rule().unwrap(), f.pointer.as_str().to_owned()))
        .collect();
    assert_eq!(
        found,
        [
            (
                RuleId::ItemAmounts,
                "/invoice/itemLists/0/totalItemValue".to_owned()
            ),
            (
                RuleId::ItemAmounts,
                "/invoice/itemLists/1/totalItemValue".to_owned()
            ),
        ],
        "{report}"
    );
}

/// An export whose `transactionDetails` leaves `supplyType` out (the schema does not require it) is told
/// by its place of supply, 96: its lines may leave the tax out as an EXPWOP's do (round 14). The same lines
/// with no supply type, supplied within India, must include their tax.
#[test]
fn with_no_supply_type_a_place_of_supply_abroad_makes_an_export() {
    let export = text("legit/create-invoice.export-under-lut-supply-type-left-out.json");
    assert!(!export.contains("\"supplyType\"") && export.contains("\"placeOfSupply\": \"96\""));
    assert_breaks_no_rule(&export, Some(DocumentKind::CreateInvoice));
    let home = edit(
        &export,
        &[("\"placeOfSupply\": \"96\"", "\"placeOfSupply\": \"27\"")],
    );
    let report = validator().validate(Some(DocumentKind::CreateInvoice), home.as_bytes());
    let found: Vec<_> = rule_findings(&report)
        .iter()
        .filter(|f| f.rule() == Some(RuleId::ItemAmounts))
        .map(|f| f.pointer.as_str().to_owned())
        .collect();
    assert_eq!(
        found,
        [
            "/invoice/itemLists/0/totalItemValue",
            "/invoice/itemLists/1/totalItemValue"
        ],
        "{report}"
    );
}

/// An OIDAR supplier (`99..OS.`) is located outside India (IGST Act s.14(1)): its foreign postcode is no
/// Indian PIN even when its address leaves the country out (round 14). A PAN-based supplier's is.
#[test]
fn an_oidar_supplier_is_abroad_whatever_its_address_says() {
    let doc = text("legit/create-invoice.oidar-supplier-address-without-country.json");
    assert!(doc.contains("\"pincode\": \"018960\"") && !doc.contains("SINGAPORE"));
    assert_breaks_no_rule(&doc, Some(DocumentKind::CreateInvoice));
    let resident = edit(
        &doc,
        &[(
            "\"gstin\": \"9925SGP29031OST\"",
            "\"gstin\": \"27AAPFU0939F1ZV\"",
        )],
    );
    let report = validator().validate(Some(DocumentKind::CreateInvoice), resident.as_bytes());
    assert!(
        rule_findings(&report)
            .iter()
            .any(|f| f.rule() == Some(RuleId::Pincode)
                && f.pointer.as_str() == "/invoice/supplierDetails/address/pincode"),
        "{report}"
    );
}

#[test]
fn a_party_abroad_gets_no_indian_pin_or_state_name_checks() {
    let doc = text("legit/create-invoice.export-services-lut.json");
    assert!(doc.contains("\"EC2A 4NE\"") && doc.contains("\"England\""));
    assert_breaks_no_rule(&doc, Some(DocumentKind::CreateInvoice));
    // The same postcode for a party in India is no PIN.
    let home = edit(
        &doc,
        &[
            ("\"United Kingdom\"", "\"INDIA\""),
            ("\"stateCode\": \"96\"", "\"stateCode\": \"29\""),
        ],
    );
    let report = validator().validate(Some(DocumentKind::CreateInvoice), home.as_bytes());
    let found: Vec<_> = rule_findings(&report)
        .iter()
        .map(|f| f.rule().unwrap())
        .collect();
    assert!(found.contains(&RuleId::Pincode), "{report}");
}

// ---- round three: export place of supply, self-supply, notified rates, PIN and state ------------------

#[test]
fn an_exports_place_of_supply_in_india_is_a_finding() {
    for to in ["\"27\"", "\"7\"", "\"97\""] {
        Case {
            fixture: "legit/create-invoice.export-goods-lut.json",
            after: "\"placeOfSupply\": ",
            from: "\"96\"",
            to,
            rule: RuleId::ExportPlaceOfSupply,
            pointer: "/invoice/buyerDetails/placeOfSupply",
            message: &format!(
                "placeOfSupply {to} is in India, but the supply is an export (supplyType EXPWP or EXPWOP), \
                 whose place of supply is outside India: 96"
            ),
            ..Case::default()
        }
        .check();
    }
    // The same place of supply on a supply that is not an export (a foreign recipient of services whose
    // place of supply is in India, IGST Act s.13(3)-(13)) draws nothing.
    let doc = text("legit/create-invoice.foreign-recipient-place-of-supply-in-india.json");
    assert_breaks_no_rule(&doc, None);
}

#[test]
fn the_buyer_is_not_the_supplier() {
    // The buyer made the supplier: Maharashtra, its GSTIN, state and PIN.
    let doc = text("mistakes/create-invoice.buyer-gstin-is-supplier.json");
    let report = validator().validate(None, doc.as_bytes());
    let found = rule_findings(&report);
    assert_eq!(found.len(), 1, "{report}");
    assert_eq!(
        (found[0].rule(), found[0].pointer.as_str(), found[0].message(false)),
        (
            Some(RuleId::SelfSupply),
            "/invoice/buyerDetails/gstin",
            "the buyer's GSTIN \"27AAKCK4821P1ZY\" is the supplier's: no one supplies to himself (another \
             GSTIN of the same PAN would be a distinct person)"
                .to_owned()
        )
    );
    let at = doc
        .find("\"27AAKCK4821P1ZY\",\n      \"legalName\": \"Sahana")
        .unwrap();
    assert_eq!(
        (found[0].position.line, found[0].position.column),
        line_column(&doc, at)
    );
    // In lower case, it is still the same GSTIN (and then also a format finding).
    let lower = doc.replacen(
        "\"gstin\": \"27AAKCK4821P1ZY\",\n      \"legalName\": \"Sahana",
        "\"gstin\": \"27aakck4821p1zy\",\n      \"legalName\": \"Sahana",
        1,
    );
    let report = validator().validate(None, lower.as_bytes());
    let rules: Vec<_> = rule_findings(&report).iter().map(|f| f.rule()).collect();
    assert_eq!(
        rules,
        [Some(RuleId::GstinFormat), Some(RuleId::SelfSupply)],
        "{report}"
    );
    // Another GSTIN of the same PAN is a distinct person (CGST Act Schedule I para 2).
    assert_breaks_no_rule(
        &text("legit/create-invoice.distinct-person-same-pan.json"),
        None,
    );
}

/// The create fixture with its fourth line's rate `rate` and value `value`, the total adjusted, and `ts`.
fn with_rate(rate: &str, value: &str, total: &str, ts: &str) -> String {
    edit(
        &text(CREATE),
        &[
            (
                "\"gstRate\": 18,\n        \"totalItemValue\": 8850.00",
                &format!("\"gstRate\": {rate},\n        \"totalItemValue\": {value}"),
            ),
            (
                "\"totalInvoiceValue\": 74521.20",
                &format!("\"totalInvoiceValue\": {total}"),
            ),
            ("\"2026-11-20T10:15:00+05:30\"", ts),
        ],
    )
}

#[test]
fn a_rate_no_notification_sets_is_a_finding_and_a_new_rate_waits_for_its_date() {
    let gst_rate_findings = |doc: &str| {
        let report = validator().validate(None, doc.as_bytes());
        assert!(report.errors.is_empty(), "{report}");
        report
            .warnings
            .iter()
            .map(|f| {
                (
                    f.rule().unwrap(),
                    f.pointer.as_str().to_owned(),
                    f.message(false),
                    (f.position.line, f.position.column),
                )
            })
            .collect::<Vec<_>>()
    };
    // 17: never a rate.
    let doc = with_rate("17", "8775.00", "74446.20", "\"2026-11-20T10:15:00+05:30\"");
    let at = doc
        .find("17,\n        \"totalItemValue\": 8775.00")
        .unwrap();
    assert_eq!(
        gst_rate_findings(&doc),
        [(
            RuleId::GstRateNotified,
            "/invoice/itemLists/3/gstRate".to_owned(),
            "gstRate 17 is a rate no GST notification sets (0, 0.1, 0.25, 1, 1.5, 3, 3.25, 5, 6, 7.5, \
             7.8, 8, 11.7, 12, 18, 18.2, 28, 40)"
                .to_owned(),
            line_column(&doc, at)
        )]
    );
    // 40: from 17 September 2025 (Notification 9/2025-Integrated Tax (Rate)), not before.
    let forty = |ts| with_rate("40.00", "10500.00", "76171.20", ts);
    assert!(gst_rate_findings(&forty("\"2025-09-17T00:00:00+05:30\"")).is_empty());
    assert!(gst_rate_findings(&forty("\"2026-11-20T10:15:00+05:30\"")).is_empty());
    let doc = forty("\"2025-09-16T18:29:59Z\"");
    let at = doc.find("40.00,\n").unwrap();
    assert_eq!(
        gst_rate_findings(&doc),
        [(
            RuleId::GstRateNotified,
            "/invoice/itemLists/3/gstRate".to_owned(),
            "gstRate 40.00 is set by no GST notification before 2025-09-17, and the invoice's ts is \
             earlier"
                .to_owned(),
            line_column(&doc, at)
        )]
    );
    // The same when `ts` comes after the items (a serializer's alphabetical order puts it last).
    let late = doc
        .replacen("    \"ts\": \"2025-09-16T18:29:59Z\",\n", "", 1)
        .replacen(
            "    \"valueDetails\": {",
            "    \"ts\": \"2025-09-16T18:29:59Z\",\n    \"valueDetails\": {",
            1,
        );
    assert_eq!(gst_rate_findings(&late).len(), 1);
    // Without a ts, any rate a notification ever set is accepted.
    let undated = doc.replacen("    \"ts\": \"2025-09-16T18:29:59Z\",\n", "", 1);
    let report = Validator::new()
        .rules(rules())
        .validate(Some(DocumentKind::CreateInvoice), undated.as_bytes());
    assert!(rule_findings(&report).is_empty(), "{report}");
    // Off, deny.
    let mut denied = rules();
    denied.set(RuleId::GstRateNotified, RuleLevel::Deny);
    let report = Validator::new()
        .rules(denied)
        .validate(None, doc.as_bytes());
    assert_eq!(report.errors.len(), 1, "{report}");
    // Every rate of the table, on today's invoice, is silent; 18.0 is 18.
    for (rate, value, total) in [
        ("0", "7500.00", "73171.20"),
        ("0.1", "7507.50", "73178.70"),
        ("0.25", "7518.75", "73189.95"),
        ("1", "7575.00", "73246.20"),
        ("1.5", "7612.50", "73283.70"),
        ("3", "7725.00", "73396.20"),
        ("6", "7950.00", "73621.20"),
        ("7.5", "8062.50", "73734.20"),
        ("18.0", "8850.00", "74521.20"),
        ("28", "9600.00", "75271.20"),
    ] {
        let doc = with_rate(rate, value, total, "\"2026-11-20T10:15:00+05:30\"");
        assert_breaks_no_rule(&doc, None);
    }
}

#[test]
fn a_pin_of_another_state_is_a_finding() {
    for (to, places) in [
        ("\"400001\"", "MAHARASHTRA"),
        ("\"160017\"", "CHANDIGARH"),
        ("\"533464\"", "PUDUCHERRY or ANDHRA PRADESH"),
    ] {
        Case {
            fixture: CREATE,
            from: "\"560058\"",
            to,
            rule: RuleId::PincodeState,
            pointer: "/invoice/buyerDetails/address/pincode",
            message: &format!(
                "pincode {to} is in {places} by India Post's pincode directory (2025-10-03), not in \
                 KARNATAKA, the state of the party's stateCode \"29\""
            ),
            ..Case::default()
        }
        .check();
    }
    // The supplier, dispatch-from and ship-to parties are checked too.
    for (from, pointer) in [
        ("\"400093\"", "/invoice/supplierDetails/address/pincode"),
        ("\"421302\"", "/invoice/dispatchDetails/address/pincode"),
    ] {
        Case {
            fixture: CREATE,
            from,
            to: "\"560001\"",
            rule: RuleId::PincodeState,
            pointer,
            message: "pincode \"560001\" is in KARNATAKA by India Post's pincode directory (2025-10-03), \
                      not in MAHARASHTRA, the state of the party's stateCode \"27\"",
            ..Case::default()
        }
        .check();
    }
    Case {
        fixture: CREATE,
        from: "\"562106\"",
        to: "\"110001\"",
        rule: RuleId::PincodeState,
        pointer: "/invoice/shippingDetails/address/pincode",
        message: "pincode \"110001\" is in DELHI by India Post's pincode directory (2025-10-03), not in \
                  KARNATAKA, the state of the party's stateCode \"29\"",
        ..Case::default()
    }
    .check();
}

#[test]
fn the_pin_directorys_exceptions_draw_nothing() {
    for file in [
        "legit/create-invoice.pin-yanam-puducherry.json",
        "legit/create-invoice.pin-mahe-puducherry.json",
        "legit/create-invoice.pin-mohali-punjab.json",
        "legit/create-invoice.pin-daman-ship-to-vapi.json",
    ] {
        assert_breaks_no_rule(&text(file), None);
    }
    // Yanam's PIN is also Andhra Pradesh's; Daman's neighbours in 396xxx are Gujarat's or both.
    let create = text(CREATE);
    for (code, name, pin) in [
        ("37", "ANDHRA PRADESH", "533464"),
        ("24", "GUJARAT", "396191"),
        ("24", "GUJARAT", "396230"),
        ("26", "DADRA AND NAGAR HAVELI AND DAMAN AND DIU", "396230"),
        ("04", "CHANDIGARH", "160017"),
    ] {
        let doc = edit(
            &create,
            &[
                ("\"562106\"", &format!("\"{pin}\"")),
                (
                    "\"stateCode\": \"29\",\n      \"address\": {\n        \"type\": \"OTHER\"",
                    &format!(
                        "\"stateCode\": \"{code}\",\n      \"address\": {{\n        \"type\": \"OTHER\""
                    ),
                ),
                (
                    "\"Anekal Taluk\",\n        \"city\": \"Bengaluru\",\n        \"state\": \"KARNATAKA\"",
                    &format!(
                        "\"Anekal Taluk\",\n        \"city\": \"Bengaluru\",\n        \"state\": \"{name}\""
                    ),
                ),
            ],
        );
        assert_breaks_no_rule(&doc, None);
    }
    // A party abroad, the export recipient's 999999 and a PIN no listed range holds are not judged.
    assert_breaks_no_rule(&edit(&create, &[("\"562106\"", "\"999999\"")]), None);
}

/// The findings of `rules` (ids), as `rule pointer`, on `text` checked as a create-invoice body by the
/// default rules at the fixed clock.
fn findings_of(text: &str, rules: &[RuleId]) -> Vec<String> {
    let report = validator().validate(Some(DocumentKind::CreateInvoice), text.as_bytes());
    report
        .errors
        .iter()
        .chain(&report.warnings)
        .filter(|f| f.rule().is_some_and(|rule| rules.contains(&rule)))
        .map(|f| {
            format!(
                "{} {}",
                f.rule().map_or("", RuleId::as_str),
                f.pointer.as_str()
            )
        })
        .collect()
}

/// The Kerala Flood Cess (1 % of an intra-Kerala supply to an unregistered person, 1 August 2019 to 31
/// July 2021, shown separately on the invoice: Kerala Flood Cess Rules, 2019, rule 2(3)) stated per line
/// as `KFC @ 1%`, 500 on a line of 50,000 at 18 % whose value holds it, and loading as `Hamali @ 2%`: a
/// label of no kind the rules know that states its own rate beside another value is an amount of something
/// unknown, and the line's value is not judged. It was read as a rate that changes nothing, and the
/// legitimate value was a finding (`legit/create-invoice.kerala-flood-cess-item-detail.json`). A rate of
/// nothing restated, and a label of a kind, are read as before.
#[test]
fn an_item_amount_under_a_label_of_no_known_kind_stating_its_rate_is_not_judged() {
    let line = |detail: &str, value: &str| {
        format!(
            r#"{{"invoice": {{"ts": "2021-02-03T16:05:00+05:30", "itemLists": [{{
                "quantity": 4, "unitPrice": 12500.00, "totalAmt": 50000.00, "assessmentAmount": 50000.00,
                "gstRate": 18, "totalItemValue": {value},
                "rates": [{{"type": "CGST", "value": 9}}, {{"type": "SGST", "value": 9}}],
                "itemValueDetails": [{detail}]}}]}}}}"#
        )
    };
    let found =
        |detail: &str, value: &str| findings_of(&line(detail, value), &[RuleId::ItemAmounts]);
    let none: Vec<String> = Vec::new();
    assert_eq!(
        found(r#"{"type": "KFC @ 1%", "value": 500.00}"#, "59500.00"),
        none
    );
    assert_eq!(
        found(r#"{"type": "Hamali @ 2%", "value": 500.00}"#, "59500.00"),
        none
    );
    assert_eq!(
        found(
            r#"{"type": "Kerala Flood Cess @ 1%", "value": 500.00}"#,
            "59500.00"
        ),
        none
    );
    assert_eq!(
        found(r#"{"type": "RATE @ 18%", "value": 18}"#, "59000.00"),
        none
    );
    let value = ["item-amounts /invoice/itemLists/0/totalItemValue"];
    assert_eq!(
        found(r#"{"type": "RATE @ 18%", "value": 18}"#, "59500.00"),
        value
    );
    assert_eq!(
        found(
            r#"{"type": "Kerala Flood Cess @ 1%", "value": 500.00}"#,
            "59000.00"
        ),
        value
    );
}

/// Income-tax collected at source under s.206C(1H) of the Income-tax Act (0.1 % of the sale consideration,
/// from 1 October 2020), collected from the buyer on the invoice under a label of no kind the rules know
/// that states its own rate: an amount of something unknown, and the total is not judged. It was read as
/// a rate that changes nothing, and the legitimate total was a finding. `TCS @ 0.1%` is a charge, added.
#[test]
fn an_invoice_amount_under_a_label_of_no_known_kind_stating_its_rate_is_not_judged() {
    let found = |type_name: &str| {
        let text = format!(
            r#"{{"invoice": {{"ts": "2022-09-10T13:00:00+05:30",
                "itemLists": [{{"assessmentAmount": 1146360.00, "totalItemValue": 1352704.80}}],
                "valueDetails": {{"assessmentValue": 1146360.00, "totalInvoiceValue": 1354057.50,
                    "otherValues": [{{"type": "{type_name}", "value": 1352.70}}]}}}}}}"#
        );
        findings_of(&text, &[RuleId::InvoiceTotals])
    };
    assert_eq!(
        found("Tax Collected at Source @ 0.1%"),
        Vec::<String>::new()
    );
    assert_eq!(found("TCS @ 0.1%"), Vec::<String>::new());
    assert_eq!(
        found("RATE"),
        ["invoice-totals /invoice/valueDetails/totalInvoiceValue"]
    );
}

/// A party's address in the territories of the Daman and Diu merger and the Ladakh division, through the
/// whole validator so that a dated finding is decided by `ts`: a Daman registrant under 25 in July 2020
/// naming the merged territory (CBIC Notification 10/2020-Central Tax), a Leh or Kargil business under
/// Jammu and Kashmir's 01 before 2020 with a Ladakh PIN or naming LADAKH (CBIC Notification
/// 62/2019-Central Tax) draw nothing; the same from 2020, a Karnataka address under 01 and a Jammu PIN
/// under 38 do.
#[test]
fn parties_of_the_daman_merger_and_the_ladakh_division_keep_their_codes_as_the_law_let_them() {
    let found = |ts: &str, code: &str, state: &str, pin: &str| {
        let text = format!(
            r#"{{"invoice": {{"ts": "{ts}", "buyerDetails": {{"stateCode": "{code}",
                "address": {{"state": "{state}", "country": "INDIA", "pincode": "{pin}"}}}}}}}}"#
        );
        findings_of(&text, &[RuleId::StateCode, RuleId::PincodeState])
    };
    let none: Vec<String> = Vec::new();
    let july_2020 = "2020-07-15T10:00:00+05:30";
    for state in [
        "DADRA AND NAGAR HAVELI AND DAMAN AND DIU",
        "DADRA & NAGAR HAVELI & DAMAN & DIU",
        "DAMAN AND DIU",
    ] {
        assert_eq!(found(july_2020, "25", state, "396210"), none, "{state}");
    }
    let state = "state-code /invoice/buyerDetails/address/state";
    let pin = "pincode-state /invoice/buyerDetails/address/pincode";
    assert_eq!(
        found(july_2020, "25", "DADRA AND NAGAR HAVELI", "396210"),
        [state]
    );
    for name in ["JAMMU AND KASHMIR", "LADAKH"] {
        assert_eq!(
            found("2019-12-10T10:00:00+05:30", "01", name, "194101"),
            none,
            "{name}"
        );
        assert_eq!(
            found("2018-04-02T10:00:00+05:30", "1", name, "194103"),
            none,
            "{name}"
        );
    }
    assert_eq!(
        found("2020-01-01T00:00:00+05:30", "01", "LADAKH", "194101"),
        [state, pin]
    );
    assert_eq!(
        found("2019-12-10T10:00:00+05:30", "01", "KARNATAKA", "560058"),
        [state, pin]
    );
    assert_eq!(
        found("2026-01-10T10:00:00+05:30", "38", "LADAKH", "194101"),
        none
    );
    assert_eq!(
        found("2019-12-10T10:00:00+05:30", "38", "LADAKH", "180001"),
        [pin]
    );
}

/// Legitimate-document audit, round 3: the ninth PIN zone is the Army Postal Service's, not a region of
/// the map (India Post: eight geographical PIN regions, and 9 for the Army Postal Service). A unit addressed
/// "C/o 56 APO" (900056, which India Post's directory lists under Uttar Pradesh, where the base post office
/// is) is registered wherever the unit is; the old code reported it under Jammu and Kashmir's 01. A
/// civilian PIN of Uttar Pradesh under 01 is still a finding.
#[test]
fn an_army_postal_service_pin_names_no_state() {
    let found = |code: &str, pin: &str| {
        let text = format!(
            r#"{{"invoice": {{"ts": "2026-11-20T10:15:00+05:30", "buyerDetails": {{"stateCode": "{code}",
                "address": {{"state": "JAMMU AND KASHMIR", "country": "INDIA", "pincode": "{pin}"}}}}}}}}"#
        );
        findings_of(&text, &[RuleId::PincodeState])
    };
    let none: Vec<String> = Vec::new();
    assert_eq!(found("01", "900056"), none);
    assert_eq!(found("01", "900099"), none);
    assert_eq!(
        found("01", "201301"),
        ["pincode-state /invoice/buyerDetails/address/pincode"]
    );
    let legit = text("legit/create-invoice.army-unit-buyer-apo-pin.json");
    assert_eq!(findings_of(&legit, &[RuleId::PincodeState]), none);
}

// ---- the kind of tax of an inter-state supply ------------------------------------------------------------

/// `(rule, pointer)` of the `inter-state-igst` findings of `doc`.
fn inter_state(doc: &str) -> Vec<String> {
    let report = validator().validate(None, doc.as_bytes());
    rule_findings(&report)
        .into_iter()
        .filter(|f| f.rule() == Some(RuleId::InterStateIgst))
        .map(|f| format!("{} {}", f.pointer, f.message(false)))
        .collect()
}

#[test]
fn an_inter_state_supply_charges_igst_not_cgst_sgst_or_utgst() {
    // The fixture: a supplier in Maharashtra (27), a buyer whose place of supply is Karnataka (29), IGST.
    let create = text(CREATE);
    assert_eq!(inter_state(&create), Vec::<String>::new());
    let rate = |name: &str, value: &str| {
        edit(
            &create,
            &[(
                "\"type\": \"IGST\",\n            \"value\": 5",
                &format!("\"type\": \"{name}\",\n            \"value\": {value}"),
            )],
        )
    };
    assert_eq!(
        inter_state(&rate("CGST", "2.5")),
        [
            "/invoice/itemLists/0/rates/0/type \"CGST\" charged on an inter-state supply (the supplier's \
          stateCode 27, the placeOfSupply 29): it is taxed as IGST"
        ]
    );
    assert_eq!(
        inter_state(&rate(" sgst", "2.5")).len(),
        1,
        "in any case, trimmed"
    );
    assert_eq!(
        inter_state(&rate("CGST", "0")),
        Vec::<String>::new(),
        "a tax of 0 is not charged"
    );
    assert_eq!(inter_state(&rate("CESS", "1")), Vec::<String>::new());
    // A line's stated amount of the tax, in `itemValueDetails`.
    let stated = edit(
        &create,
        &[("\"type\": \"DISCOUNT\"", "\"type\": \"UTGST\"")],
    );
    assert_eq!(
        inter_state(&stated),
        [
            "/invoice/itemLists/1/itemValueDetails/0/type \"UTGST\" charged on an inter-state supply (the \
          supplier's stateCode 27, the placeOfSupply 29): it is taxed as IGST"
        ]
    );
    // A line's tax written among its `otherTaxes`.
    let other = edit(
        &create,
        &[(
            "\"name\": \"CESS\",\n            \"rate\": 0,\n            \"amount\": 0",
            "\"name\": \"SGST\",\n            \"rate\": 2.5,\n            \"amount\": 658.1",
        )],
    );
    assert_eq!(
        inter_state(&other),
        [
            "/invoice/itemLists/2/otherTaxes/0/name \"SGST\" charged on an inter-state supply (the \
          supplier's stateCode 27, the placeOfSupply 29): it is taxed as IGST"
        ]
    );
    // Dispatched from the supplier's state and shipped to the buyer's: the supplier's stateCode is the one
    // compared, whatever the dispatch and ship-to parties' codes.
    let intra = edit(
        &rate("CGST", "2.5"),
        &[("\"placeOfSupply\": \"29\"", "\"placeOfSupply\": \"27\"")],
    );
    assert_eq!(inter_state(&intra), Vec::<String>::new());
}

/// A line's stated tax is its rate of its taxable value (`item-tax-rate`, NIC's "CGST Value of Item =
/// Taxable Value of Item X GST Rate / 2"). Audit rounds 14 and 15 found a line of 1,000 at 5 % stating CGST
/// and SGST of 40 each (25 each is right), valued 1,080 and totalled so, silent: `item-amounts` adds the tax
/// a line states. Set right, or the heads written in rupees, it is silent.
#[test]
fn a_lines_stated_tax_is_its_rate_of_its_taxable_value() {
    let found = |doc: &str| -> Vec<String> {
        rule_findings(&validator().validate(None, doc.as_bytes()))
            .iter()
            .map(|f| format!("{} {} {}", f.rule().unwrap(), f.pointer, f.message(false)))
            .collect()
    };
    let wrong =
        text("mistakes/create-invoice.cgst-sgst-forty-each-on-a-thousand-at-five-percent.json");
    assert_eq!(
        found(&wrong),
        [
            "item-tax-rate /invoice/itemLists/0/itemValueDetails/0/value CGST 40.0 is not assessmentAmount × \
             gstRate ÷ 2: 1000.0 × 5 % ÷ 2 = 25.00, more than 1.00 away; SGST/UTGST 40.0 likewise"
        ]
    );
    let right = wrong
        .replace("\"value\": 40.0", "\"value\": 25.0")
        .replace("1080.0", "1050.0");
    assert_eq!(found(&right), Vec::<String>::new());
    let rupees = wrong
        .replace("\"value\": 40.0", "\"value\": 25")
        .replace("1080.0", "1050");
    assert_eq!(found(&rupees), Vec::<String>::new());
    let igst =
        text("mistakes/create-invoice.igst-at-twelve-percent-on-an-eighteen-percent-line.json");
    assert_eq!(
        found(&igst),
        [
            "item-tax-rate /invoice/itemLists/0/itemValueDetails/0/value IGST 29700.0 is not assessmentAmount × \
             gstRate: 247500.0 × 18 % = 44550.00, more than 1.00 away"
        ]
    );
}
