//! Property 4: break exactly one documented constraint of a valid generated document of any kind, at a
//! random place,
//! and the validator reports exactly that error: the instance pointer, the keyword, and the line and
//! column of the mutated value in the pretty-printed text (for `required` the object, for
//! `additionalProperties` the unknown member's name), computed here from the text by a scanner of our own.
//! The typed entry point fails with the same report, and the plain `jsonschema` crate reports the same
//! `(pointer, keyword)`.
//!
//! The constraints: a pattern (a value the member's pattern refuses), the date-time format (a day that is
//! not in the calendar, or a leap second that is not 23:59:60 UTC, in a value the pattern accepts), the
//! closed list (an unlisted `buyerResponse`), a required member (removed), a type (a value of another
//! JSON type) and `additionalProperties` (a member the object does not declare).

use bc_invoice_tests::no_rule_denies;
use bc_invoice_tests::reference_errors;
use bc_invoice_tests::strategies::document::{any_document, document, sample};
use bc_invoice_tests::strategies::locate::{Target, line_column, locate};
use bc_invoice_tests::strategies::schema_model::{Schemas, Site, pointer};
use bc_invoice_tests::strategies::{any_char, config, reference, reference_date_time};
use bc_invoice_validate::{DocumentKind, RuleId, RuleLevel};
use proptest::collection::vec;
use proptest::prelude::*;
use regex::Regex;
use serde_json::{Map, Value, json};

/// The constraint a mutation breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Pattern,
    Format,
    Enum,
    Required,
    Type,
    AdditionalProperties,
}

const CLASSES: [Class; 6] = [
    Class::Pattern,
    Class::Format,
    Class::Enum,
    Class::Required,
    Class::Type,
    Class::AdditionalProperties,
];

/// The random choices of one mutation, drawn before the document is known.
#[derive(Debug, Clone)]
struct Choices {
    class: usize,
    site: usize,
    pick: usize,
    /// Characters for the new values and member names.
    material: String,
}

fn choices() -> impl Strategy<Value = Choices> {
    (
        any::<usize>(),
        any::<usize>(),
        any::<usize>(),
        vec(any_char(), 0..=8).prop_map(String::from_iter),
    )
        .prop_map(|(class, site, pick, material)| Choices {
            class,
            site,
            pick,
            material,
        })
}

/// The element `choice` picks (modulo the length; shrinking makes it the first).
fn get<T>(items: &[T], choice: usize) -> &T {
    &items[choice % items.len()]
}

/// What the validator must report for a mutation.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    pointer: String,
    keyword: &'static str,
    /// The path and target whose position the finding must have.
    at: Vec<String>,
    target: Target,
}

/// Strings near `original` that break `pattern`: empty, a backslash or a quote put in, a character
/// replaced or removed, too long, cut short. Only those the pattern refuses are kept.
fn pattern_violations(pattern: &str, original: &str, material: &str, pick: usize) -> Vec<String> {
    let regex = Regex::new(pattern).expect("the schema's patterns compile");
    let chars: Vec<char> = original.chars().collect();
    let at = if chars.is_empty() {
        0
    } else {
        pick % (chars.len() + 1)
    };
    let with = |f: &dyn Fn(&mut Vec<char>)| {
        let mut c = chars.clone();
        f(&mut c);
        String::from_iter(c)
    };
    let mut candidates = vec![String::new()];
    for inserted in ['\\', '"', '-', 'é', '😀', ' ', '\n'] {
        candidates.push(with(&|c| c.insert(at, inserted)));
        if at < chars.len() {
            candidates.push(with(&|c| c[at] = inserted));
        }
    }
    for inserted in material.chars() {
        candidates.push(with(&|c| c.insert(at, inserted)));
    }
    if at < chars.len() {
        candidates.push(with(&|c| {
            c.remove(at);
        }));
    }
    candidates.push(with(&|c| {
        c.pop();
    }));
    for length in [34, 36, 51, 101] {
        for filler in ['a', 'é', '😀'] {
            candidates.push(with(&|c| c.resize(c.len().max(length), filler)));
        }
    }
    candidates.retain(|c| !regex.is_match(c));
    candidates
}

/// Date-times the `timestamp` pattern accepts but the calendar refuses, keeping `original`'s time where
/// it can.
fn calendar_violations(original: &str) -> Vec<String> {
    let time = &original[10..];
    let mut out: Vec<String> = [
        "2026-02-29",
        "1900-02-29",
        "2100-02-30",
        "2024-02-30",
        "2026-02-31",
        "2026-04-31",
        "2026-06-31",
        "2026-09-31",
        "2026-11-31",
    ]
    .iter()
    .map(|date| format!("{date}{time}"))
    .collect();
    // A leap second is only ever 23:59:60 in UTC.
    out.push("2026-11-20T10:15:60Z".to_owned());
    out.push("2026-12-31T23:59:60+05:30".to_owned());
    out
}

/// Values of another JSON type than the node's.
fn other_types(site: &Site<'_>, material: &str) -> Vec<Value> {
    let candidates = vec![
        Value::Null,
        json!(true),
        json!(false),
        json!(7),
        json!(-3),
        serde_json::from_str("1.5").expect("a number"),
        json!(material),
        json!([]),
        json!([1, "a"]),
        json!({}),
        json!({"k": material}),
    ];
    candidates
        .into_iter()
        .filter(|v| !site.node.type_accepts(v))
        .collect()
}

/// Names an object does not declare: the drawn material, and near misses of its members.
fn unknown_names(declared: &[&String], material: &str) -> Vec<String> {
    let mut names = vec![material.to_owned(), format!("x{material}")];
    for name in declared {
        let mut upper = name.to_string();
        if let Some(first) = upper.get(0..1) {
            upper.replace_range(0..1, &first.to_uppercase());
        }
        names.push(upper);
        names.push(format!("{name}s"));
        names.push(name.to_lowercase());
    }
    names.push("legalName".to_owned());
    names.retain(|n| !declared.contains(&n));
    names
}

fn at_mut<'v>(document: &'v mut Value, path: &[String]) -> &'v mut Value {
    document
        .pointer_mut(&pointer(path))
        .expect("a site of the document")
}

/// Applies one mutation to `document` (of `kind`); `None` if the chosen class has no place in it.
fn mutate(
    schemas: &Schemas,
    kind: &str,
    document: &mut Value,
    choices: &Choices,
) -> Option<(Class, Expected)> {
    let sites = schemas.sites(kind, document);
    let value_at = |site: &Site<'_>| document.pointer(&site.pointer()).cloned();
    let applicable = |class: Class, site: &Site<'_>| -> bool {
        let value = value_at(site).expect("a site's value");
        match class {
            Class::Pattern => site.node.pattern().is_some() && value.is_string(),
            Class::Format => site.node.format() == Some("date-time") && value.is_string(),
            Class::Enum => site.node.enumeration().is_some() && value.is_string(),
            Class::Required => value.is_object() && !site.node.required().is_empty(),
            Class::Type => true,
            Class::AdditionalProperties => value.is_object() && site.node.properties().is_some(),
        }
    };
    let classes: Vec<Class> = CLASSES
        .into_iter()
        .filter(|class| sites.iter().any(|s| applicable(*class, s)))
        .collect();
    let class = *get(&classes, choices.class);
    let candidates: Vec<&Site<'_>> = sites.iter().filter(|s| applicable(class, s)).collect();
    let site = *get(&candidates, choices.site);
    let path = site.path.clone();
    let here = site.pointer();
    let pick = choices.pick;
    let value = value_at(site).expect("a site's value");
    let expected = |keyword, at: Vec<String>, target| Expected {
        pointer: here.clone(),
        keyword,
        at,
        target,
    };
    let result = match class {
        Class::Pattern => {
            let original = value.as_str().expect("a string");
            let pattern = site.node.pattern().expect("a pattern");
            let violations = pattern_violations(pattern, original, &choices.material, pick);
            let new = get(&violations, pick).clone();
            *at_mut(document, &path) = Value::String(new);
            expected("pattern", path, Target::Value)
        }
        Class::Format => {
            let original = value.as_str().expect("a string");
            let violations = calendar_violations(original);
            let new = get(&violations, pick).clone();
            let pattern = Regex::new(site.node.pattern().expect("a pattern")).unwrap();
            assert!(pattern.is_match(&new), "{new} must break only the format");
            *at_mut(document, &path) = Value::String(new);
            expected("format", path, Target::Value)
        }
        Class::Enum => {
            let allowed = site.node.enumeration().expect("an enum");
            let mut unlisted = vec![choices.material.clone(), String::new(), "MAYBE".to_owned()];
            for value in &allowed {
                unlisted.push(value.to_lowercase());
                unlisted.push(format!("{value} "));
                unlisted.push(format!("{value}ED"));
            }
            unlisted.retain(|u| !allowed.contains(&u.as_str()));
            let new = get(&unlisted, pick).clone();
            *at_mut(document, &path) = Value::String(new);
            expected("enum", path, Target::Value)
        }
        Class::Required => {
            let required = site.node.required();
            let member = *get(&required, pick);
            at_mut(document, &path)
                .as_object_mut()
                .expect("an object")
                .remove(member)
                .expect("a valid document has its required members");
            expected("required", path, Target::Value)
        }
        Class::Type => {
            let replacements = other_types(site, &choices.material);
            let new = get(&replacements, pick).clone();
            *at_mut(document, &path) = new;
            expected("type", path, Target::Value)
        }
        Class::AdditionalProperties => {
            let declared: Vec<&String> = site
                .node
                .properties()
                .map(|p| p.keys().collect())
                .unwrap_or_default();
            let names = unknown_names(&declared, &choices.material);
            let name = get(&names, pick).clone();
            let object: &mut Map<String, Value> =
                at_mut(document, &path).as_object_mut().expect("an object");
            object.insert(name.clone(), json!(choices.material));
            let mut at = path;
            at.push(name);
            expected("additionalProperties", at, Target::Name)
        }
    };
    Some((class, result))
}

fn breaks_exactly_one(
    kind: DocumentKind,
    document: &Value,
    choices: &Choices,
) -> Result<(), TestCaseError> {
    let schemas = Schemas::shared();
    let kind_name = kind.as_str();
    let mut mutated = document.clone();
    let Some((class, expected)) = mutate(schemas, kind_name, &mut mutated, choices) else {
        return Ok(());
    };
    let text = serde_json::to_string_pretty(&mutated).expect("serializes");
    let offset =
        locate(&text, &expected.at, expected.target).expect("the mutated place is in the text");
    let (line, column) = line_column(&text, offset);

    // A document the partner receives tolerates an unknown member as a rule's warning; denied, it is that
    // rule's error, under the rule's id.
    let validator = {
        let mut rules = no_rule_denies().rule_set().clone();
        rules.set(RuleId::ReceivedUnknownMember, RuleLevel::Deny);
        no_rule_denies().rules(rules)
    };
    let expected_keyword = if kind.is_received() && expected.keyword == "additionalProperties" {
        "received-unknown-member"
    } else {
        expected.keyword
    };
    let report = validator.validate(Some(kind), text.as_bytes());
    let errors: Vec<(String, &str, usize, usize)> = report
        .errors
        .iter()
        .map(|e| {
            (
                e.pointer.as_str().to_owned(),
                e.keyword(),
                e.position.line,
                e.position.column,
            )
        })
        .collect();
    prop_assert_eq!(
        errors,
        vec![(expected.pointer.clone(), expected_keyword, line, column)],
        "{:?} mutation of a {} in\n{}",
        class,
        kind,
        text
    );
    prop_assert_eq!(report.errors[0].position.offset, offset);

    let refused = validator.parse_any(Some(kind), text.as_bytes());
    match refused {
        Ok(_) => prop_assert!(false, "parse accepted a broken document:\n{}", text),
        Err(parse_report) => prop_assert_eq!(&parse_report.errors, &report.errors),
    }
    // With no rule at deny, `parse` decides validity by its own reading against the schema (a received
    // document's unknown member is then a warning, and the document valid): the same verdict.
    let plain = no_rule_denies();
    let plain_report = plain.validate(Some(kind), text.as_bytes());
    match plain.parse_any(Some(kind), text.as_bytes()) {
        Ok(_) => prop_assert!(plain_report.is_valid(), "parse accepted:\n{}", text),
        Err(parse_report) => prop_assert_eq!(parse_report, plain_report),
    }

    // The reference reports every keyword a value breaks; the project's validator reports a value's first
    // broken keyword only (`type`, then `pattern`, `enum`, `format`). So where a mutation breaks a second
    // keyword at the same place, the reference names it too: `enum` (which applies to values of every
    // type) after a type mutation of `buyerResponse`, `format` after a pattern mutation of `ts`.
    let mut wanted = vec![(expected.pointer.clone(), expected.keyword.to_owned())];
    let node = (class != Class::Required && class != Class::AdditionalProperties).then(|| {
        schemas
            .sites(kind_name, &mutated)
            .into_iter()
            .find(|s| s.pointer() == expected.pointer)
            .expect("the mutated site")
            .node
    });
    if let Some(node) = node {
        let value = mutated
            .pointer(&expected.pointer)
            .expect("the mutated value");
        if class == Class::Type
            && let Some(allowed) = node.enumeration()
            && !value.as_str().is_some_and(|v| allowed.contains(&v))
        {
            wanted.push((expected.pointer.clone(), "enum".to_owned()));
        }
        if class == Class::Pattern
            && node.format() == Some("date-time")
            && !reference_date_time(value.as_str().expect("a string"))
        {
            wanted.push((expected.pointer.clone(), "format".to_owned()));
        }
    }
    wanted.sort();
    prop_assert_eq!(
        reference_errors(reference(kind_name), &mutated),
        wanted,
        "the jsonschema crate on the {:?} mutation in\n{}",
        class,
        text
    );
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn one_broken_constraint_in_a_document_of_any_kind_is_reported_exactly(
        (kind, document) in any_document(),
        choices in choices(),
    ) {
        breaks_exactly_one(kind, &document, &choices)?;
    }
}

#[test]
fn every_class_of_mutation_has_places_in_the_documents_that_need_it() {
    // The property only means something if each class finds places in the generated documents: the
    // patterns, the format and the closed list where the schema has them, required members and objects
    // everywhere.
    let schemas = Schemas::shared();
    let mut runner = bc_invoice_tests::strategies::deterministic();
    let mut seen = Vec::new();
    for &kind in DocumentKind::ALL {
        let strategy = document(kind.as_str());
        for site in 0..8 {
            let document = sample(&strategy, &mut runner);
            for class_index in 0..CLASSES.len() {
                let choices = Choices {
                    class: class_index,
                    site,
                    pick: 1,
                    material: "é".to_owned(),
                };
                let mut mutated = document.clone();
                if let Some((class, expected)) =
                    mutate(schemas, kind.as_str(), &mut mutated, &choices)
                {
                    assert_ne!(&mutated, &document);
                    seen.push((kind, class, expected.keyword));
                }
            }
        }
    }
    for class in CLASSES {
        assert!(
            seen.iter().any(|(_, c, _)| *c == class),
            "{class:?} never applied: {seen:?}"
        );
    }
    // Every kind is an object: unknown-member and type mutations apply to each.
    for &kind in DocumentKind::ALL {
        for class in [Class::AdditionalProperties, Class::Type] {
            assert!(
                seen.iter().any(|(k, c, _)| *k == kind && *c == class),
                "{kind}: no {class:?} mutation"
            );
        }
    }
}

#[test]
fn pattern_violations_break_the_pattern_and_calendar_violations_keep_it() {
    let object_id = "INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c";
    let pattern = r"^[INV]{3}[A-Za-z0-9]{32,32}$";
    let violations = pattern_violations(pattern, object_id, "", 3);
    assert!(violations.contains(&String::new()));
    assert!(violations.contains(&"INV\\0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c".to_owned()));
    assert!(
        violations
            .iter()
            .all(|v| !Regex::new(pattern).unwrap().is_match(v))
    );
    let b2b = r#"^[^\\"]{1,100}$"#;
    let violations = pattern_violations(b2b, "BCB2B", "", 0);
    assert!(violations.contains(&"\"BCB2B".to_owned()));
    assert!(violations.iter().any(|v| v.chars().count() == 101));
    let ts = "2026-11-20T10:15:00+05:30";
    let calendar = calendar_violations(ts);
    assert!(calendar.contains(&"2026-02-29T10:15:00+05:30".to_owned()));
    assert!(calendar.iter().all(|c| !reference_date_time(c)));
}
