//! Runs one contender of the benchmark on one of its inputs many times, for a profiler:
//!
//! ```sh
//! cargo build --release -p bc-invoice-tests --bin profile
//! valgrind --tool=callgrind target/release/profile project-typed create-10 200
//! perf record -g target/release/profile project-typed create-100 2000
//! ```
//!
//! Contenders: `write` (the input's bytes to standard output, once, whatever RUNS says), `project`, `project-detected` (the kind detected), `project-schema`, `project-typed`, `serde-typed`, `floor` (as in
//! `tests/benches/validate.rs`), and `project-facts` (the facts handed to the rules and almost no hook run:
//! only `version-step` on, as in `cargo bench-split`); inputs: `create-N`, `confirm`, `pay-invoice`, `payment-confirmation`,
//! `payment-confirmation-response`, `payment-response` (the fixtures), `invalid-N` (100 items, N errors), `file:PATH` (a create-invoice request). The input
//! is built once before the runs, so instruction counts per run are (total − setup) ÷ runs; comparing two
//! builds on the same input and run count cancels the setup.

use std::hint::black_box;

use bc_invoice_tests::{corpus, fixtures_dir};
use bc_invoice_types::{ConfirmInvoiceRequest, CreateInvoiceRequest};
use bc_invoice_validate::{
    AnyDocument, DocumentKind, RuleId, RuleLevel, RuleSet, Validator, parse, validate,
};
use serde::de::IgnoredAny;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [contender, input, runs] = &args[..] else {
        eprintln!("usage: profile CONTENDER INPUT RUNS");
        return std::process::ExitCode::from(2);
    };
    let runs: usize = runs.parse().unwrap_or(1);
    let confirm = (
        "confirm",
        DocumentKind::ConfirmInvoice,
        "confirm-invoice.accept.json",
    );
    let fixtures = std::iter::once(&confirm).chain(corpus::PAYMENT_DOCUMENTS);
    let (kind, bytes) =
        if let Some((_, kind, file)) = fixtures.into_iter().find(|(name, _, _)| name == input) {
            let bytes = std::fs::read(fixtures_dir().join("valid").join(file)).expect("fixture");
            (*kind, bytes)
        } else if let Some(n) = input.strip_prefix("create-") {
            (
                DocumentKind::CreateInvoice,
                corpus::create_invoice(n.parse().expect("create-N")),
            )
        } else if let Some(n) = input.strip_prefix("invalid-") {
            (
                DocumentKind::CreateInvoice,
                corpus::invalid_create_invoice(100, n.parse().expect("invalid-N")),
            )
        } else if let Some(path) = input.strip_prefix("file:") {
            let bytes = std::fs::read(path).expect("the file reads");
            (DocumentKind::CreateInvoice, bytes)
        } else {
            eprintln!("unknown input {input}");
            return std::process::ExitCode::from(2);
        };
    if contender == "write" {
        // The input's bytes, for a measurement outside this binary (tests/tokenizers/run.sh).
        use std::io::Write;
        return match std::io::stdout().write_all(&bytes) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("writing the input: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    let mut no_rules = RuleSet::default();
    no_rules.set_all(RuleLevel::Allow);
    let schema_only = Validator::new().rules(no_rules);
    let mut facts_rules = RuleSet::default();
    facts_rules.set_all(RuleLevel::Allow);
    facts_rules.set(RuleId::VersionStep, RuleLevel::Warn);
    let facts_only = Validator::new().rules(facts_rules);
    let confirm = kind == DocumentKind::ConfirmInvoice;
    let create = kind == DocumentKind::CreateInvoice;
    let default = Validator::new();
    let mut ok = 0usize;
    for _ in 0..runs {
        let bytes = black_box(&bytes[..]);
        let good = match contender.as_str() {
            "project" => validate(Some(kind), bytes).is_valid(),
            "project-detected" => validate(None, bytes).is_valid(),
            "project-facts" => facts_only.validate(Some(kind), bytes).is_valid(),
            "project-schema" => schema_only.validate(Some(kind), bytes).is_valid(),
            "project-typed" if confirm => parse::<ConfirmInvoiceRequest>(bytes).is_ok(),
            "project-typed" if create => parse::<CreateInvoiceRequest>(bytes).is_ok(),
            "project-typed" => default.parse_any(Some(kind), bytes).is_ok(),
            "serde-typed" if confirm => {
                serde_json::from_slice::<ConfirmInvoiceRequest>(bytes).is_ok()
            }
            "serde-typed" if create => {
                serde_json::from_slice::<CreateInvoiceRequest>(bytes).is_ok()
            }
            "serde-typed" => AnyDocument::from_slice_unvalidated(kind, bytes).is_ok(),
            "floor" => serde_json::from_slice::<IgnoredAny>(bytes).is_ok(),
            _ => {
                eprintln!("unknown contender {contender}");
                return std::process::ExitCode::from(2);
            }
        };
        ok += usize::from(good);
    }
    println!("{contender} {input}: {ok} of {runs} valid");
    std::process::ExitCode::SUCCESS
}
