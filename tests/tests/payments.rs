//! The payment documents' rules and the leniency of received documents, on the fixtures: every realistic
//! payment passes every payment rule, each mistake is caught by its rule at its pointer and by nothing else,
//! the documented REJECT rule is an error by default, and an unknown member in a received webhook is a
//! warning that the typed document leaves out.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bc_invoice_tests::{fixture_files, fixture_kind, fixtures_dir, read_json};
use bc_invoice_types::{
    PayInvoiceRequest, PaymentConfirmationRequest, PaymentConfirmationResponse, PaymentResponse,
};
use bc_invoice_validate::rules::{RuleId, RuleLevel, RuleSet};
use bc_invoice_validate::{DocumentKind, ErrorKind, Level, Validator};

/// The payment rules on amounts and invoices, which warn by default: their identities follow from the
/// members' names and the documented model.
const WARNED: [RuleId; 7] = [
    RuleId::PaymentParts,
    RuleId::PaymentTotal,
    RuleId::PaymentSplits,
    RuleId::PaymentDue,
    RuleId::PaymentDuplicateInvoice,
    RuleId::PaymentNetPaid,
    RuleId::PaymentNetAdjustment,
];

/// Every payment rule but the REJECT rule (deny already), each at deny in [`strict_payments`].
const CONVENTIONS: [RuleId; 8] = [
    RuleId::PaymentParts,
    RuleId::PaymentTotal,
    RuleId::PaymentSplits,
    RuleId::PaymentCurrency,
    RuleId::PaymentDue,
    RuleId::PaymentDuplicateInvoice,
    RuleId::PaymentNetPaid,
    RuleId::PaymentNetAdjustment,
];

/// The tests' time of validation, 2026-11-21T12:00:00Z.
fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_795_262_400)
}

/// Default levels, and every payment convention on, as errors.
fn strict_payments() -> Validator {
    let mut rules = RuleSet::default().now(now());
    for id in CONVENTIONS {
        rules.set(id, RuleLevel::Deny);
    }
    Validator::new().rules(rules)
}

fn payment_kinds() -> Vec<DocumentKind> {
    DocumentKind::ALL
        .iter()
        .copied()
        .filter(|k| k.as_str().starts_with("pay"))
        .collect()
}

#[test]
fn the_amount_rules_warn_the_currency_convention_is_off_and_the_reject_rule_is_an_error() {
    let set = RuleSet::default();
    for id in WARNED {
        assert_eq!(set.level(id), RuleLevel::Warn, "{id}");
        assert!(id.rule().source.starts_with("Pay Invoice page"), "{id}");
    }
    assert_eq!(set.level(RuleId::PaymentCurrency), RuleLevel::Allow);
    assert_eq!(set.level(RuleId::RejectOffplatformOnly), RuleLevel::Deny);
    assert_eq!(set.level(RuleId::ReceivedUnknownMember), RuleLevel::Warn);
}

#[test]
fn legitimate_payments_of_every_kind_draw_nothing_with_every_rule_at_warn() {
    // Partial payments, TDS, a credit note, several invoices, one rupee, crore-sized amounts, three splits,
    // no adjustment member at all, sums exact in decimal but not in binary, a payment rounded up to the
    // rupee, totals left out beside their parts, no splits, the documented longest utr and ids, and the
    // confirmation and webhooks of several invoices.
    let mut rules = RuleSet::default().now(now());
    rules.set_all(RuleLevel::Warn);
    let validator = Validator::new().rules(rules);
    let files = fixture_files("legit-payments");
    assert!(files.len() >= 10, "{} legitimate payments", files.len());
    let mut kinds = std::collections::BTreeSet::new();
    for file in &files {
        let kind: DocumentKind = fixture_kind(file).parse().unwrap();
        kinds.insert(kind);
        let report = validator.validate(Some(kind), &std::fs::read(file).unwrap());
        assert!(
            report.errors.is_empty() && report.warnings.is_empty(),
            "{}: {report}",
            file.display()
        );
    }
    assert_eq!(
        kinds.len(),
        payment_kinds().len(),
        "every payment kind: {kinds:?}"
    );
}

#[test]
fn each_payment_mistake_draws_its_warning_with_default_settings() {
    let dir = fixtures_dir().join("payment-mistakes");
    let expected = read_json(&dir.join("expected.json"));
    let validator = Validator::new().rules(RuleSet::default().now(now()));
    for (name, want) in expected.as_object().unwrap() {
        let file = dir.join(name);
        let kind: DocumentKind = fixture_kind(&file).parse().unwrap();
        let report = validator.validate(None, &std::fs::read(&file).unwrap());
        assert_eq!(report.kind, Some(kind), "{name}");
        let wants = want
            .as_array()
            .cloned()
            .unwrap_or_else(|| vec![want.clone()]);
        for want in wants {
            let rule: RuleId = want["rule"].as_str().unwrap().parse().unwrap();
            let level = if rule == RuleId::RejectOffplatformOnly {
                Level::Error
            } else if rule == RuleId::PaymentCurrency {
                continue; // a convention, off by default
            } else {
                Level::Warning
            };
            assert!(
                report.findings().any(|f| f.rule() == Some(rule)
                    && f.pointer.as_str() == want["pointer"]
                    && f.level == level),
                "{name}: {report}"
            );
        }
    }
}

#[test]
fn every_valid_payment_breaks_no_payment_rule() {
    let validator = strict_payments();
    let mut checked = 0;
    for file in fixture_files("valid") {
        let kind: DocumentKind = fixture_kind(&file).parse().unwrap();
        if !payment_kinds().contains(&kind) {
            continue;
        }
        let text = std::fs::read(&file).unwrap();
        for given in [Some(kind), None] {
            let report = validator.validate(given, &text);
            assert_eq!(report.kind, Some(kind), "{}: detection", file.display());
            assert!(
                report.errors.is_empty() && report.warnings.is_empty(),
                "{}: {report}",
                file.display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 8, "{checked} payment fixtures");
}

#[test]
fn each_payment_mistake_is_caught_by_its_rule_at_its_pointer_and_nothing_else() {
    let dir = fixtures_dir().join("payment-mistakes");
    let expected = read_json(&dir.join("expected.json"));
    let expected = expected.as_object().unwrap();
    let files = fixture_files("payment-mistakes");
    assert_eq!(
        files.len(),
        expected.len() + 1,
        "every mistake is in expected.json"
    );
    let validator = strict_payments();
    for (name, want) in expected {
        let file = dir.join(name);
        let kind: DocumentKind = fixture_kind(&file).parse().unwrap();
        let report = validator.validate(Some(kind), &std::fs::read(&file).unwrap());
        let found: Vec<(Option<RuleId>, &str)> = report
            .findings()
            .map(|f| (f.rule(), f.pointer.as_str()))
            .collect();
        let wants = want
            .as_array()
            .cloned()
            .unwrap_or_else(|| vec![want.clone()]);
        let wanted: Vec<(Option<RuleId>, &str)> = wants
            .iter()
            .map(|w| {
                let rule = w["rule"].as_str().map(|id| id.parse().unwrap());
                (rule, w["pointer"].as_str().unwrap())
            })
            .collect();
        assert_eq!(found, wanted, "{name}: {report}");
    }
}

/// The pages show no required flag for a paid or confirmed invoice's members, `objectId` included: invoices
/// without one are valid and draw nothing with every payment rule at deny, and the duplicate rule compares
/// the ids that are there.
#[test]
fn a_paid_or_confirmed_invoice_may_leave_out_its_object_id() {
    let validator = strict_payments();
    for (fixture, list) in [
        (
            "legit-payments/pay-invoice.three-invoices.json",
            "/payment/invoicesPayInfos",
        ),
        (
            "legit-payments/payment-confirmation.three-invoices.json",
            "/paymentConfirmation/invoiceInfos",
        ),
    ] {
        let original = read_json(&fixtures_dir().join(fixture));
        let invoices = || original.pointer(list).unwrap().as_array().unwrap().clone();
        let with = |doc: &serde_json::Value, invoices: Vec<serde_json::Value>| {
            let mut doc = doc.clone();
            *doc.pointer_mut(list).unwrap() = serde_json::Value::Array(invoices);
            doc.to_string()
        };
        let mut none = invoices();
        for invoice in &mut none {
            invoice.as_object_mut().unwrap().remove("objectId");
        }
        let without_ids = with(&original, none);
        let report = validator.validate(None, without_ids.as_bytes());
        assert!(
            report.is_valid() && report.warnings.is_empty(),
            "{fixture}: {report}"
        );
        // The first and the third name the same invoice; the second names none.
        let mut some = invoices();
        let first = some[0]["objectId"].clone();
        some[1].as_object_mut().unwrap().remove("objectId");
        some[2]["objectId"] = first.clone();
        let report = validator.validate(None, with(&original, some).as_bytes());
        let found: Vec<(Option<RuleId>, String, String)> = report
            .findings()
            .map(|f| (f.rule(), f.pointer.as_str().to_owned(), f.message(false)))
            .collect();
        assert_eq!(
            found,
            [(
                Some(RuleId::PaymentDuplicateInvoice),
                format!("{list}/2/objectId"),
                format!(
                    "invoice objectId {first} is named twice in one request; first at {list}/0/objectId"
                )
            )],
            "{fixture}"
        );
        if fixture.contains("pay-invoice") {
            let typed =
                bc_invoice_validate::parse::<PayInvoiceRequest>(without_ids.as_bytes()).unwrap();
            assert!(
                typed
                    .payment
                    .invoices_pay_infos
                    .iter()
                    .all(|i| i.object_id.is_none())
            );
        }
    }
}

/// Whether a confirmation's `additionalInfo` sits inside `paymentConfirmation` or beside it is open (the
/// pages' member list lost its indentation): either reading, and both at once, is valid in both
/// confirmation kinds and draws nothing, and the typed document keeps each list where it was.
#[test]
fn a_confirmations_additional_info_is_accepted_inside_it_or_beside_it() {
    let validator = strict_payments();
    for (fixture, kind) in [
        (
            "valid/payment-confirmation.accept.json",
            DocumentKind::PaymentConfirmation,
        ),
        (
            "valid/payment-confirmation-response.json",
            DocumentKind::PaymentConfirmationResponse,
        ),
    ] {
        let beside = read_json(&fixtures_dir().join(fixture));
        let info = beside["additionalInfo"].clone();
        assert!(info.as_array().is_some_and(|i| !i.is_empty()), "{fixture}");
        let mut inside = beside.clone();
        inside.as_object_mut().unwrap().remove("additionalInfo");
        inside["paymentConfirmation"]["additionalInfo"] = info.clone();
        let mut both = beside.clone();
        both["paymentConfirmation"]["additionalInfo"] = info.clone();
        for (doc, at) in [(&beside, "beside"), (&inside, "inside"), (&both, "both")] {
            let text = doc.to_string();
            for given in [Some(kind), None] {
                let report = validator.validate(given, text.as_bytes());
                assert_eq!(report.kind, Some(kind), "{fixture}, {at}");
                assert!(
                    report.is_valid() && report.warnings.is_empty(),
                    "{fixture}, {at}: {report}"
                );
            }
        }
        let names = |list: &Option<Vec<bc_invoice_types::AdditionalInfo>>| -> Vec<String> {
            list.iter()
                .flatten()
                .filter_map(|i| i.name.clone())
                .collect()
        };
        let both = both.to_string();
        let lists = if kind == DocumentKind::PaymentConfirmation {
            let typed = bc_invoice_validate::parse::<PaymentConfirmationRequest>(both.as_bytes());
            let typed = typed.unwrap();
            (
                typed.additional_info,
                typed.payment_confirmation.additional_info,
            )
        } else {
            let typed = bc_invoice_validate::parse::<PaymentConfirmationResponse>(both.as_bytes());
            let typed = typed.unwrap();
            (
                typed.additional_info,
                typed.payment_confirmation.additional_info,
            )
        };
        let expected = vec![info[0]["name"].as_str().unwrap().to_owned()];
        assert_eq!(
            (names(&lists.0), names(&lists.1)),
            (expected.clone(), expected),
            "{fixture}"
        );
    }
}

#[test]
fn the_reject_rule_holds_with_default_settings_and_can_be_lowered() {
    let file = fixtures_dir().join("payment-mistakes/payment-confirmation.reject-onplatform.json");
    let text = std::fs::read(&file).unwrap();
    let report = Validator::new().validate(None, &text);
    assert_eq!(report.kind, Some(DocumentKind::PaymentConfirmation));
    assert_eq!(report.errors.len(), 1, "{report}");
    let error = &report.errors[0];
    assert_eq!(error.rule(), Some(RuleId::RejectOffplatformOnly));
    assert_eq!(
        error.pointer.as_str(),
        "/paymentConfirmation/supplierResponse"
    );
    assert_eq!(
        error.message(false),
        "supplierResponse \"REJECT\" is only for an OFFPLATFORM payment; this one is ONPLATFORM"
    );
    let mut rules = RuleSet::default();
    rules.set(RuleId::RejectOffplatformOnly, RuleLevel::Warn);
    let lowered = Validator::new().rules(rules).validate(None, &text);
    assert!(lowered.is_valid());
    assert_eq!(lowered.warnings.len(), 1);
}

#[test]
fn a_received_webhook_with_an_unknown_member_is_valid_with_a_warning_and_parses_without_it() {
    let file = fixtures_dir().join("valid/payment-response.json");
    let mut doc = read_json(&file);
    doc["resp"]["retryAfter"] = 30.into();
    doc["payment"]["settlementBatch"] = "B-2026-11-21-04".into();
    let text = serde_json::to_vec_pretty(&doc).unwrap();

    let report = Validator::new().validate(None, &text);
    assert_eq!(report.kind, Some(DocumentKind::PaymentResponse));
    assert!(report.is_valid(), "{report}");
    let warnings: Vec<(RuleId, &str)> = report
        .warnings
        .iter()
        .map(|w| (w.rule().unwrap(), w.pointer.as_str()))
        .collect();
    assert_eq!(
        warnings,
        // serde_json writes the members sorted: payment before resp.
        [
            (RuleId::ReceivedUnknownMember, "/payment"),
            (RuleId::ReceivedUnknownMember, "/resp")
        ]
    );
    assert_eq!(report.warnings[1].found.as_deref(), Some("\"retryAfter\""));

    // The typed document leaves the unknown members out, whatever the rule's level, and keeps every digit.
    let expected: PaymentResponse =
        bc_invoice_validate::parse(&std::fs::read(&file).unwrap()).unwrap();
    let typed: PaymentResponse = bc_invoice_validate::parse(&text).unwrap();
    assert_eq!(typed, expected);
    // In one call, with the warnings `parse` drops: the report is `validate`'s, the kind given.
    let (typed, kept) = Validator::new()
        .parse_with_report::<PaymentResponse>(&text)
        .unwrap();
    let given = Validator::new().validate(Some(DocumentKind::PaymentResponse), &text);
    assert_eq!(given.warnings, report.warnings);
    assert_eq!((typed, kept), (expected.clone(), given));
    let mut off = RuleSet::default();
    off.set(RuleId::ReceivedUnknownMember, RuleLevel::Allow);
    let quiet = Validator::new().rules(off);
    assert!(quiet.validate(None, &text).warnings.is_empty());
    assert_eq!(quiet.parse::<PaymentResponse>(&text).unwrap(), expected);

    // Denied, or strict, it is an error again.
    let mut deny = RuleSet::default();
    deny.set(RuleId::ReceivedUnknownMember, RuleLevel::Deny);
    let denied = Validator::new().rules(deny.clone()).validate(None, &text);
    assert_eq!(denied.errors.len(), 2);
    let refused = Validator::new()
        .rules(deny)
        .parse_with_report::<PaymentResponse>(&text)
        .unwrap_err();
    assert_eq!(refused.errors, denied.errors);
    assert_eq!(denied.errors[0].level, Level::Error);
    // The walk applies it itself: with every other rule off (no facts gathered), the same findings, the
    // kind given or detected.
    let mut alone = RuleSet::default();
    alone.set_all(RuleLevel::Allow);
    alone.set(RuleId::ReceivedUnknownMember, RuleLevel::Deny);
    let alone = Validator::new().rules(alone);
    for kind in [None, Some(DocumentKind::PaymentResponse)] {
        let report = alone.validate(kind, &text);
        assert_eq!(report.errors, denied.errors, "{kind:?}");
        assert!(report.warnings.is_empty(), "{report}");
    }
    assert!(
        !Validator::new()
            .strict(true)
            .validate(None, &text)
            .is_valid()
    );
}

/// One webhook endpoint receives both response kinds (payment-response, payment-confirmation-response):
/// `parse_any_with_report` detects the kind, gives the typed document and keeps the warnings `parse_any`
/// drops (the members the schema does not know yet), in one call, as `parse_with_report` does for a kind
/// known in advance; the report says the kind was detected.
#[test]
fn a_webhook_of_a_kind_detected_parses_with_its_warnings() {
    for (name, kind) in [
        ("payment-response.json", DocumentKind::PaymentResponse),
        (
            "payment-confirmation-response.json",
            DocumentKind::PaymentConfirmationResponse,
        ),
    ] {
        let file = fixtures_dir().join("valid").join(name);
        let mut doc = read_json(&file);
        doc["resp"]["retryAfter"] = 30.into();
        let text = serde_json::to_vec_pretty(&doc).unwrap();

        let validator = Validator::new();
        let (typed, report) = validator.parse_any_with_report(None, &text).unwrap();
        assert_eq!(typed.kind(), kind);
        assert_eq!(typed, validator.parse_any(None, &text).unwrap());
        assert_eq!(report, validator.validate(None, &text), "{name}");
        assert!(report.detected && report.is_valid(), "{report}");
        let warnings: Vec<_> = report.warnings.iter().map(|w| w.rule()).collect();
        assert_eq!(warnings, [Some(RuleId::ReceivedUnknownMember)], "{name}");

        // The kind given: the same document and warnings, not detected.
        let (given, report) = validator.parse_any_with_report(Some(kind), &text).unwrap();
        assert_eq!((given, report.detected), (typed, false));
        assert_eq!(report.warnings.len(), 1);
    }

    // Refused: the report, as `parse_any` gives it.
    let denied = Validator::new()
        .rules(RuleSet::default().with(RuleId::ReceivedUnknownMember, RuleLevel::Deny));
    let mut doc = read_json(&fixtures_dir().join("valid/payment-response.json"));
    doc["resp"]["retryAfter"] = 30.into();
    let text = serde_json::to_vec_pretty(&doc).unwrap();
    let refused = denied.parse_any_with_report(None, &text).unwrap_err();
    assert_eq!(refused, denied.parse_any(None, &text).unwrap_err());
    assert!(refused.detected && refused.errors.len() == 1, "{refused}");
    // Not a document: what `parse_any` says.
    let unknown = denied.parse_any_with_report(None, b"{}").unwrap_err();
    assert_eq!(unknown, denied.parse_any(None, b"{}").unwrap_err());
}

#[test]
fn a_request_the_partner_sends_still_refuses_an_unknown_member() {
    let mut doc = read_json(&fixtures_dir().join("valid/pay-invoice.json"));
    doc["payment"]["settlementBatch"] = "B-1".into();
    let text = serde_json::to_vec(&doc).unwrap();
    let report = Validator::new().validate(None, &text);
    assert_eq!(report.errors.len(), 1, "{report}");
    assert!(matches!(
        &report.errors[0].kind,
        ErrorKind::AdditionalProperties { member, .. } if member == "settlementBatch"
    ));
    assert!(bc_invoice_validate::parse::<PayInvoiceRequest>(&text).is_err());
}
