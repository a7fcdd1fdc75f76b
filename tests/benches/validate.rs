//! Validation cost, side by side on the same inputs in one run:
//!
//! - `project`: bytes → verdict with full error paths (`bc_invoice_validate::validate`, rules at their
//!   default levels, the kind given), `project-detected`: the same with the kind detected (`validate(None,
//!   …)`, what the command, the service and the Python package do), `project-schema`: the same with every rule allowed (the schema alone, as the other
//!   contenders check it), and `project-typed`: bytes → typed document or report
//!   (`Validator::parse_any`, which is `bc_invoice_validate::parse` for the kind's type);
//! - `serde-typed`: `serde_json::from_slice::<T>` into the same generated types, without validation: what
//!   deserializing alone costs, which `project-typed` is measured against (on an invalid input serde_json
//!   stops at the first error the types notice, where `parse` reports every error);
//! - `baseline`: `serde_json::from_slice::<Value>` + the `jsonschema` crate's validator built once from the
//!   checked-in schema (formats on), `iter_errors` collected: what a Rust user would write instead;
//! - `peer`: the `boon` crate on the same schema and document (formats asserted);
//! - `floor`: `serde_json::from_slice::<IgnoredAny>`, scanning the tokens with no validation at all.
//!
//! `cargo bench -p bc-invoice-tests --bench validate`; `cargo xtask bench-report` turns the medians into
//! the README's table.

use std::hint::black_box;

use bc_invoice_tests::{corpus, fixtures_dir, reference_validator, schema, schema_files};
use bc_invoice_validate::{DocumentKind, RuleLevel, RuleSet, Validator, validate};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde::de::IgnoredAny;
use serde_json::Value;

struct Input {
    name: String,
    kind: DocumentKind,
    bytes: Vec<u8>,
    valid: bool,
}

fn inputs() -> Vec<Input> {
    let mut inputs = Vec::new();
    for items in [1, 10, 100, 1_000, 10_000] {
        let bytes = corpus::create_invoice(items);
        inputs.push(Input {
            name: format!("create-{items}"),
            kind: DocumentKind::CreateInvoice,
            bytes,
            valid: true,
        });
    }
    let confirm =
        std::fs::read(fixtures_dir().join("valid/confirm-invoice.accept.json")).expect("fixture");
    inputs.push(Input {
        name: "confirm".to_owned(),
        kind: DocumentKind::ConfirmInvoice,
        bytes: confirm,
        valid: true,
    });
    for errors in [1, 20] {
        let bytes = corpus::invalid_create_invoice(100, errors);
        inputs.push(Input {
            name: format!("invalid-{errors}"),
            kind: DocumentKind::CreateInvoice,
            bytes,
            valid: false,
        });
    }
    // One document of each payment kind (the small documents, with the confirm request, that detection
    // costs most on).
    for &(name, kind, file) in corpus::PAYMENT_DOCUMENTS {
        let bytes = std::fs::read(fixtures_dir().join("valid").join(file)).expect("fixture");
        inputs.push(Input {
            name: name.to_owned(),
            kind,
            bytes,
            valid: true,
        });
    }
    inputs
}

/// The boon crate's compiled schema for one kind.
fn boon_schema(kind: DocumentKind) -> (boon::Schemas, boon::SchemaIndex) {
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    for file in schema_files() {
        let value = schema(file);
        let id = value["$id"].as_str().expect("$id").to_owned();
        compiler
            .add_resource(&id, value)
            .expect("boon takes the schema");
    }
    let root = schema(kind.schema_file())["$id"]
        .as_str()
        .expect("$id")
        .to_owned();
    let mut schemas = boon::Schemas::new();
    let index = compiler
        .compile(&root, &mut schemas)
        .expect("boon compiles the schema");
    (schemas, index)
}

/// The typed entry point with the default settings, as `bc_invoice_validate::parse` has them.
fn typed(kind: DocumentKind, bytes: &[u8]) -> bool {
    static DEFAULT: std::sync::LazyLock<Validator> = std::sync::LazyLock::new(Validator::new);
    DEFAULT.parse_any(Some(kind), bytes).is_ok()
}

/// The same types deserialized by serde_json alone, without validation: what parsing costs by itself.
fn serde_typed(kind: DocumentKind, bytes: &[u8]) -> bool {
    bc_invoice_validate::AnyDocument::from_slice_unvalidated(kind, bytes).is_ok()
}

fn bench(c: &mut Criterion) {
    let mut no_rules = RuleSet::default();
    no_rules.set_all(RuleLevel::Allow);
    let schema_only = Validator::new().rules(no_rules);
    for input in inputs() {
        let kind = input.kind;
        let reference = reference_validator(kind.as_str());
        let (boon_schemas, boon_index) = boon_schema(kind);
        // Every contender gives the same verdict on every input, or the comparison means nothing.
        assert_eq!(
            validate(Some(kind), &input.bytes).is_valid(),
            input.valid,
            "{}",
            input.name
        );
        assert_eq!(typed(kind, &input.bytes), input.valid, "{}", input.name);
        let detected = validate(None, &input.bytes);
        assert_eq!(
            (detected.kind, detected.is_valid()),
            (Some(kind), input.valid),
            "{}",
            input.name
        );
        if input.valid {
            assert!(serde_typed(kind, &input.bytes), "{}", input.name);
        }
        let value: Value = serde_json::from_slice(&input.bytes).expect("JSON");
        assert_eq!(
            reference.iter_errors(&value).next().is_none(),
            input.valid,
            "{}",
            input.name
        );
        assert_eq!(
            boon_schemas.validate(&value, boon_index).is_ok(),
            input.valid,
            "{}",
            input.name
        );
        if !input.valid {
            // The same places: the jsonschema crate also reports `format` where `pattern` already failed
            // (a malformed ts), which this validator leaves at the pattern.
            let ours = validate(Some(kind), &input.bytes);
            let ours: std::collections::BTreeSet<String> = ours
                .errors
                .iter()
                .map(|e| e.pointer.as_str().to_owned())
                .collect();
            let theirs: std::collections::BTreeSet<String> = reference
                .iter_errors(&value)
                .map(|e| e.instance_path().as_str().to_owned())
                .collect();
            assert_eq!(ours, theirs, "{}", input.name);
            let expected = if input.name == "invalid-20" { 20 } else { 1 };
            assert_eq!(ours.len(), expected, "{}", input.name);
        }

        let mut group = c.benchmark_group(&input.name);
        group.throughput(Throughput::Bytes(input.bytes.len() as u64));
        if input.bytes.len() > 1 << 20 {
            group.sample_size(20);
        }
        let bytes = &input.bytes;
        group.bench_function(BenchmarkId::from_parameter("project"), |b| {
            b.iter(|| black_box(validate(Some(kind), black_box(bytes))))
        });
        group.bench_function(BenchmarkId::from_parameter("project-detected"), |b| {
            b.iter(|| black_box(validate(None, black_box(bytes))))
        });
        group.bench_function(BenchmarkId::from_parameter("project-schema"), |b| {
            b.iter(|| black_box(schema_only.validate(Some(kind), black_box(bytes))))
        });
        group.bench_function(BenchmarkId::from_parameter("project-typed"), |b| {
            b.iter(|| black_box(typed(kind, black_box(bytes))))
        });
        group.bench_function(BenchmarkId::from_parameter("serde-typed"), |b| {
            b.iter(|| black_box(serde_typed(kind, black_box(bytes))))
        });
        group.bench_function(BenchmarkId::from_parameter("baseline"), |b| {
            b.iter(|| {
                let value: Value = serde_json::from_slice(black_box(bytes)).expect("JSON");
                black_box(reference.iter_errors(&value).collect::<Vec<_>>().len())
            })
        });
        group.bench_function(BenchmarkId::from_parameter("peer"), |b| {
            b.iter(|| {
                let value: Value = serde_json::from_slice(black_box(bytes)).expect("JSON");
                black_box(boon_schemas.validate(&value, boon_index).is_ok())
            })
        });
        group.bench_function(BenchmarkId::from_parameter("floor"), |b| {
            b.iter(|| black_box(serde_json::from_slice::<IgnoredAny>(black_box(bytes)).is_ok()))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
