//! `cargo bench-report` and `cargo bench-cli` (aliases of `cargo run -p bc-invoice-tests --bin bench -- report`
//! and `… -- cli`): the figures of docs/performance.md.
//!
//! `bench-report` reads the medians criterion left under `target/criterion/` after
//! `cargo bench -p bc-invoice-tests --bench validate` and prints the table with its ratios.
//! `bench-ratios` measures the ratios the targets are about (typed ÷ serde-typed, project ÷ floor) with the
//! contenders taking turns in rounds, which a shared machine's bursts of load disturb far less.
//! `bench-split` measures, the same way, where the default check's time beyond the floor goes: the schema's
//! walk, the facts handed to the rules, the rules' hooks.
//! `bench-cli` measures the command itself with GNU time: one small file, 1,000 files (valid, then with
//! errors) against `jsonschema-cli validate` on the same schema bundled into one document, and the peak
//! memory on the 10,000-item document.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use bc_invoice_types::{ConfirmInvoiceRequest, CreateInvoiceRequest};
use bc_invoice_validate::{DocumentKind, RuleId, RuleLevel, RuleSet, Validator};
use serde::de::IgnoredAny;
use serde_json::Value;

use bc_invoice_tests::{corpus, fixtures_dir, workspace_root};

/// The benchmark's inputs, in the table's order, with their item counts (0 for a fixture).
const INPUTS: [(&str, usize); 12] = [
    ("create-1", 1),
    ("create-10", 10),
    ("create-100", 100),
    ("create-1000", 1_000),
    ("create-10000", 10_000),
    ("confirm", 0),
    ("invalid-1", 100),
    ("invalid-20", 100),
    ("pay-invoice", 0),
    ("payment-confirmation", 0),
    ("payment-confirmation-response", 0),
    ("payment-response", 0),
];

/// The fixture inputs: the confirm request and one document of each payment kind.
const FIXTURES: [(&str, DocumentKind, &str); 5] = [
    (
        "confirm",
        DocumentKind::ConfirmInvoice,
        "valid/confirm-invoice.accept.json",
    ),
    (
        "pay-invoice",
        DocumentKind::PayInvoice,
        "valid/pay-invoice.json",
    ),
    (
        "payment-confirmation",
        DocumentKind::PaymentConfirmation,
        "valid/payment-confirmation.accept.json",
    ),
    (
        "payment-confirmation-response",
        DocumentKind::PaymentConfirmationResponse,
        "valid/payment-confirmation-response.json",
    ),
    (
        "payment-response",
        DocumentKind::PaymentResponse,
        "valid/payment-response.json",
    ),
];
const CONTENDERS: [&str; 8] = [
    "project",
    "project-schema",
    "project-typed",
    "serde-typed",
    "baseline",
    "peer",
    "floor",
    "project-detected",
];

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace_root().join("target"), PathBuf::from)
}

/// The median of one benchmark, in nanoseconds.
fn median(group: &str, contender: &str) -> Result<f64, String> {
    let path = target_dir()
        .join("criterion")
        .join(group)
        .join(contender)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (run `cargo bench -p bc-invoice-tests --bench validate` first)",
            path.display()
        )
    })?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    value["median"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| format!("{}: no median", path.display()))
}

fn size(group: &str) -> Result<u64, String> {
    let path = target_dir()
        .join("criterion")
        .join(group)
        .join("project/new/benchmark.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    value["throughput"]["Bytes"]
        .as_u64()
        .ok_or_else(|| format!("{}: no byte throughput", path.display()))
}

fn human_time(ns: f64) -> String {
    match ns {
        n if n >= 1e9 => format!("{:.2} s", n / 1e9),
        n if n >= 1e6 => format!("{:.2} ms", n / 1e6),
        n if n >= 1e3 => format!("{:.1} µs", n / 1e3),
        n => format!("{n:.0} ns"),
    }
}

fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.1} kB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

/// The machine the figures were measured on: CPU model, cores, rustc.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    format!("{cpu}, {cores} cores, {rustc}")
}

/// docs/performance.md's table of medians and ratios, from criterion's results.
fn report() -> Result<String, String> {
    let mut out = String::new();
    let _ = writeln!(out, "Measured on {}.\n", machine());
    let _ = writeln!(
        out,
        "| input | size | project | project, schema only | project (typed) | serde-typed (no validation) | baseline (jsonschema) | peer (boon) | floor (IgnoredAny) | project, kind detected | baseline ÷ project | project ÷ floor | detected ÷ floor | baseline ÷ schema only | schema only ÷ floor | typed ÷ serde-typed |"
    );
    let _ = writeln!(
        out,
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    let mut project = std::collections::BTreeMap::new();
    for (group, _) in INPUTS {
        let times: Vec<f64> = CONTENDERS
            .iter()
            .map(|c| median(group, c))
            .collect::<Result<_, _>>()?;
        project.insert(group, times[0]);
        let _ = writeln!(
            out,
            "| {group} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.1}× | {:.2}× | {:.2}× | {:.1}× | {:.2}× | {:.2}× |",
            human_size(size(group)?),
            human_time(times[0]),
            human_time(times[1]),
            human_time(times[2]),
            human_time(times[3]),
            human_time(times[4]),
            human_time(times[5]),
            human_time(times[6]),
            human_time(times[7]),
            times[4] / times[0],
            times[0] / times[6],
            times[7] / times[6],
            times[4] / times[1],
            times[1] / times[6],
            times[2] / times[3],
        );
    }
    let base = project["create-1"];
    let _ = writeln!(out, "\nCost per item (project, (t(n) − t(1)) ÷ (n − 1)):\n");
    let per_item: Vec<(usize, f64)> = INPUTS[1..5]
        .iter()
        .map(|(group, items)| (*items, (project[group] - base) / (*items as f64 - 1.0)))
        .collect();
    let mean = per_item.iter().map(|(_, t)| t).sum::<f64>() / per_item.len() as f64;
    for (items, t) in &per_item {
        let _ = writeln!(
            out,
            "- {items} items: {} per item ({:+.0}% from the mean)",
            human_time(*t),
            (t / mean - 1.0) * 100.0
        );
    }
    let _ = writeln!(
        out,
        "\nInvalid documents (100 items): 1 error costs {:.2}×, 20 errors {:.2}× a valid pass of the same size.",
        project["invalid-1"] / project["create-100"],
        project["invalid-20"] / project["create-100"],
    );
    Ok(out)
}

/// The benchmark's input of this name, built as the benchmark builds it.
fn input(group: &str, items: usize) -> (DocumentKind, Vec<u8>) {
    if let Some((_, kind, file)) = FIXTURES.iter().find(|(name, _, _)| *name == group) {
        let bytes = std::fs::read(fixtures_dir().join(file)).unwrap_or_default();
        (*kind, bytes)
    } else if let Some(errors) = group.strip_prefix("invalid-") {
        let errors = errors.parse().unwrap_or(1);
        (
            DocumentKind::CreateInvoice,
            corpus::invalid_create_invoice(items, errors),
        )
    } else {
        (DocumentKind::CreateInvoice, corpus::create_invoice(items))
    }
}

/// The typed contenders: `parse` and `serde_json::from_slice` into the same type.
fn typed(kind: DocumentKind, bytes: &[u8], validated: bool) -> bool {
    use bc_invoice_types::{
        PayInvoiceRequest, PaymentConfirmationRequest, PaymentConfirmationResponse, PaymentResponse,
    };
    use bc_invoice_validate::parse;
    use serde_json::from_slice;
    match (kind, validated) {
        (DocumentKind::ConfirmInvoice, true) => parse::<ConfirmInvoiceRequest>(bytes).is_ok(),
        (DocumentKind::ConfirmInvoice, false) => from_slice::<ConfirmInvoiceRequest>(bytes).is_ok(),
        (DocumentKind::PayInvoice, true) => parse::<PayInvoiceRequest>(bytes).is_ok(),
        (DocumentKind::PayInvoice, false) => from_slice::<PayInvoiceRequest>(bytes).is_ok(),
        (DocumentKind::PaymentConfirmation, true) => {
            parse::<PaymentConfirmationRequest>(bytes).is_ok()
        }
        (DocumentKind::PaymentConfirmation, false) => {
            from_slice::<PaymentConfirmationRequest>(bytes).is_ok()
        }
        (DocumentKind::PaymentConfirmationResponse, true) => {
            parse::<PaymentConfirmationResponse>(bytes).is_ok()
        }
        (DocumentKind::PaymentConfirmationResponse, false) => {
            from_slice::<PaymentConfirmationResponse>(bytes).is_ok()
        }
        (DocumentKind::PaymentResponse, true) => parse::<PaymentResponse>(bytes).is_ok(),
        (DocumentKind::PaymentResponse, false) => from_slice::<PaymentResponse>(bytes).is_ok(),
        (_, true) => parse::<CreateInvoiceRequest>(bytes).is_ok(),
        (_, false) => from_slice::<CreateInvoiceRequest>(bytes).is_ok(),
    }
}

/// One contender of `ratios` and `split`: a check of the input's bytes.
type Contender<'a> = Box<dyn Fn(&[u8]) -> bool + 'a>;

/// How many rounds `ratios` and `split` take, and how long each contender's batch in a round runs.
const ROUNDS: usize = 201;
const BATCH: Duration = Duration::from_micros(250);

/// A second of work, before the first input's rounds: they otherwise meet the process's start (a cold
/// cache, a core still raising its clock), which disturbed them in run after run.
fn warm_up() {
    let (kind, bytes) = input("create-10", 10);
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(1) {
        black_box(bc_invoice_validate::validate(Some(kind), black_box(&bytes)).is_valid());
        black_box(typed(kind, black_box(&bytes), true));
        black_box(serde_json::from_slice::<IgnoredAny>(black_box(&bytes)).is_ok());
    }
}

/// Each contender's time per call (ns) in each of [`ROUNDS`] rounds, in which every contender runs a
/// batch of about [`BATCH`] on `bytes` in turn.
fn rounds(contenders: &[(&str, Contender<'_>)], bytes: &[u8]) -> Vec<Vec<f64>> {
    // Calls per batch, from a first timing of each contender (which also warms it up).
    let batches: Vec<u32> = contenders
        .iter()
        .map(|(_, run)| {
            let started = Instant::now();
            let mut calls = 0u32;
            while started.elapsed() < BATCH * 5 {
                black_box(run(black_box(bytes)));
                calls += 1;
            }
            (calls / 5).max(1)
        })
        .collect();
    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(ROUNDS); contenders.len()];
    for _ in 0..ROUNDS {
        for ((_, run), (calls, times)) in
            contenders.iter().zip(batches.iter().zip(times.iter_mut()))
        {
            let started = Instant::now();
            for _ in 0..*calls {
                black_box(run(black_box(bytes)));
            }
            times.push(started.elapsed().as_secs_f64() * 1e9 / f64::from(*calls));
        }
    }
    times
}

/// The median over the rounds of `a`'s time ÷ `b`'s within each round, with the middle half of them.
fn ratio(a: &[f64], b: &[f64]) -> String {
    let [low, median, high] = spread(a.iter().zip(b).map(|(x, y)| x / y).collect());
    format!("{median:.2}× ({low:.2}–{high:.2})")
}

/// The first quartile, the median and the third quartile of per-round figures.
fn spread(mut figures: Vec<f64>) -> [f64; 3] {
    figures.sort_by(f64::total_cmp);
    let n = figures.len();
    [figures[n / 4], figures[n / 2], figures[n * 3 / 4]]
}

/// Each contender's median time over the rounds.
fn medians(times: &mut [Vec<f64>]) -> Vec<f64> {
    times
        .iter_mut()
        .map(|t| {
            t.sort_by(f64::total_cmp);
            t[t.len() / 2]
        })
        .collect()
}

/// The targets' ratios measured side by side: the project's contenders and the two they are held to
/// (serde-typed, floor) take turns on the same input, one batch of about 250 µs each per round, for
/// 201 rounds. Each ratio is taken within a round (a contender against the one run just before or after it)
/// and the median over the rounds is reported, with the middle half of the rounds' ratios: a burst of
/// load from elsewhere (the machine may be shared) then disturbs a round or two, not the figure, where
/// criterion, which measures one contender for seconds before the next, can hand it to one of them.
fn ratios() -> Result<String, String> {
    let mut no_rules = RuleSet::default();
    no_rules.set_all(RuleLevel::Allow);
    let schema_only = Validator::new().rules(no_rules);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Measured on {}: time per call, the median of {ROUNDS} rounds in which every contender runs \
         a batch of about {} µs in turn; each ratio is the median of the rounds' ratios, with the middle \
         half of them in brackets.\n",
        machine(),
        BATCH.as_micros()
    );
    let _ = writeln!(
        out,
        "| input | project | project, kind detected | schema only | project (typed) | serde-typed | floor | project ÷ floor | detected ÷ floor | detected ÷ given | schema only ÷ floor | typed ÷ serde-typed |"
    );
    let _ = writeln!(
        out,
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    warm_up();
    for (group, items) in INPUTS {
        let (kind, bytes) = input(group, items);
        let contenders: [(&str, Contender<'_>); 6] = [
            (
                "project",
                Box::new(|b| bc_invoice_validate::validate(Some(kind), b).is_valid()),
            ),
            (
                "project-detected",
                Box::new(|b| bc_invoice_validate::validate(None, b).is_valid()),
            ),
            (
                "project-schema",
                Box::new(|b| schema_only.validate(Some(kind), b).is_valid()),
            ),
            ("project-typed", Box::new(|b| typed(kind, b, true))),
            ("serde-typed", Box::new(|b| typed(kind, b, false))),
            (
                "floor",
                Box::new(|b| serde_json::from_slice::<IgnoredAny>(b).is_ok()),
            ),
        ];
        let mut times = rounds(&contenders, &bytes);
        // Each ratio within its round, before the times are sorted.
        let ratio = |a: usize, b: usize| ratio(&times[a], &times[b]);
        let (project, detected, detection, schema, typed) = (
            ratio(0, 5),
            ratio(1, 5),
            ratio(1, 0),
            ratio(2, 5),
            ratio(3, 4),
        );
        let medians = medians(&mut times);
        let _ = writeln!(
            out,
            "| {group} | {} | {} | {} | {} | {} | {} | {project} | {detected} | {detection} | {schema} | {typed} |",
            human_time(medians[0]),
            human_time(medians[1]),
            human_time(medians[2]),
            human_time(medians[3]),
            human_time(medians[4]),
            human_time(medians[5]),
        );
    }
    Ok(out)
}

/// Where the default check's time goes beyond the floor, measured side by side as `ratios` does: the
/// schema's walk alone (every rule off), the walk handing the rules their facts with almost no rule's hook
/// to run (only `version-step` on: the checker gathers every fact into its groups and makes the views the
/// rules share, and the one hook that runs compares an `objectVersion`'s two numbers, once), and the
/// default check (every default rule's hooks). Each step's cost is taken within a round, as a fraction of
/// the floor's time.
fn split() -> Result<String, String> {
    let only = |rule: Option<RuleId>| {
        let mut rules = RuleSet::default();
        rules.set_all(RuleLevel::Allow);
        if let Some(rule) = rule {
            rules.set(rule, RuleLevel::Warn);
        }
        Validator::new().rules(rules)
    };
    let (schema_only, facts_only) = (only(None), only(Some(RuleId::VersionStep)));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Measured on {}: time per call, the median of {ROUNDS} rounds in which every contender runs \
         a batch of about {} µs in turn. Each step is the median over the rounds of the difference it \
         makes within a round, as a fraction of the floor's time; brackets hold the middle half.\n",
        machine(),
        BATCH.as_micros()
    );
    let _ = writeln!(
        out,
        "| input | floor | schema only | facts | default check | walk: schema only − floor | facts handed over: facts − schema only | hooks: default − facts | default ÷ floor |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    warm_up();
    for (group, items) in INPUTS {
        let (kind, bytes) = input(group, items);
        let contenders: [(&str, Contender<'_>); 4] = [
            (
                "floor",
                Box::new(|b| serde_json::from_slice::<IgnoredAny>(b).is_ok()),
            ),
            (
                "schema only",
                Box::new(|b| schema_only.validate(Some(kind), b).is_valid()),
            ),
            (
                "facts",
                Box::new(|b| facts_only.validate(Some(kind), b).is_valid()),
            ),
            (
                "default check",
                Box::new(|b| bc_invoice_validate::validate(Some(kind), b).is_valid()),
            ),
        ];
        let mut times = rounds(&contenders, &bytes);
        let step = |from: usize, to: usize| {
            let [low, median, high] = spread(
                (0..ROUNDS)
                    .map(|round| (times[to][round] - times[from][round]) / times[0][round])
                    .collect(),
            );
            format!("{median:+.2}× ({low:+.2} to {high:+.2})")
        };
        let steps = [step(0, 1), step(1, 2), step(2, 3)];
        let total = ratio(&times[3], &times[0]);
        let medians = medians(&mut times);
        let _ = writeln!(
            out,
            "| {group} | {} | {} | {} | {} | {} | {} | {} | {total} |",
            human_time(medians[0]),
            human_time(medians[1]),
            human_time(medians[2]),
            human_time(medians[3]),
            steps[0],
            steps[1],
            steps[2],
        );
    }
    Ok(out)
}

/// One measured run of a command: wall seconds, CPU seconds (user + system), peak resident kilobytes, exit
/// status.
struct Run {
    wall: f64,
    cpu: f64,
    peak_kb: u64,
    status: i32,
}

fn timed(program: &Path, args: &[String]) -> Result<Run, String> {
    let out = std::env::temp_dir().join(format!("bc-invoice-time-{}", std::process::id()));
    // Wall time from this process (GNU time rounds to 10 ms); CPU and peak memory from GNU time.
    let started = std::time::Instant::now();
    let status = Command::new("/usr/bin/time")
        .arg("-o")
        .arg(&out)
        .arg("-f")
        .arg("%U %S %M")
        .arg(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("/usr/bin/time: {e} (install GNU time: apt-get install time)"))?;
    let wall = started.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let last = text.lines().last().unwrap_or_default();
    let fields: Vec<f64> = last
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    let [user, system, peak] = fields[..] else {
        return Err(format!("unexpected GNU time output {text:?}"));
    };
    Ok(Run {
        wall,
        cpu: user + system,
        peak_kb: peak as u64,
        status: status.code().unwrap_or(-1),
    })
}

/// The median wall time of `runs` runs of a command spawned directly (no GNU time in between, whose own
/// start would count), with its exit status.
fn direct_run(program: &Path, args: &[String], runs: usize) -> Result<Run, String> {
    let mut all = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = std::time::Instant::now();
        let status = Command::new(program)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .map_err(|e| format!("{}: {e}", program.display()))?;
        all.push(Run {
            wall: started.elapsed().as_secs_f64(),
            cpu: 0.0,
            peak_kb: 0,
            status: status.code().unwrap_or(-1),
        });
    }
    all.sort_by(|a, b| a.wall.total_cmp(&b.wall));
    Ok(all.swap_remove(runs / 2))
}

/// The median run of `runs` (by wall time).
fn median_run(program: &Path, args: &[String], runs: usize) -> Result<Run, String> {
    let mut all = (0..runs)
        .map(|_| timed(program, args))
        .collect::<Result<Vec<_>, _>>()?;
    all.sort_by(|a, b| a.wall.total_cmp(&b.wall));
    Ok(all.swap_remove(runs / 2))
}

/// Several commands run in turn, `runs` rounds of one run each, so that a change in the machine's load
/// (it may be shared) falls on all of them alike: each one's median wall time and status, and its mean
/// CPU time over the rounds (GNU time reports CPU in 10 ms steps; the mean of many runs is finer).
fn interleaved(commands: &[(&Path, &[String])], runs: usize) -> Result<Vec<Run>, String> {
    let mut all: Vec<Vec<Run>> = commands.iter().map(|_| Vec::new()).collect();
    for _ in 0..runs {
        for (runs, (program, args)) in all.iter_mut().zip(commands) {
            runs.push(timed(program, args)?);
        }
    }
    Ok(all
        .into_iter()
        .map(|mut runs| {
            let cpu = runs.iter().map(|r| r.cpu).sum::<f64>() / runs.len() as f64;
            runs.sort_by(|a, b| a.wall.total_cmp(&b.wall));
            let middle = runs.len() / 2;
            let mut run = runs.swap_remove(middle);
            run.cpu = cpu;
            run
        })
        .collect())
}

/// The create-invoice schema with the shared definitions folded in, for a tool that takes one file.
fn bundled_schema() -> Result<Value, String> {
    let read = |name: &str| -> Result<Value, String> {
        let path = workspace_root().join("schema").join(name);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut root = read("create-invoice.schema.json")?;
    let common = read("common.schema.json")?;
    root["$defs"] = common["$defs"].clone();
    fn rewrite(value: &mut Value) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(target)) = map.get_mut("$ref") {
                    *target = target.replace("common.schema.json#", "#");
                }
                map.values_mut().for_each(rewrite);
            }
            Value::Array(items) => items.iter_mut().for_each(rewrite),
            _ => {}
        }
    }
    rewrite(&mut root);
    Ok(root)
}

/// Measures the command and prints the figures for the README.
fn cli() -> Result<String, String> {
    let root = workspace_root();
    let build = Command::new(env!("CARGO"))
        .args([
            "build",
            "--release",
            "--quiet",
            "--bin",
            "bc-invoice-validate",
        ])
        .current_dir(&root)
        .status()
        .map_err(|e| format!("cargo build: {e}"))?;
    if !build.success() {
        return Err("cargo build --release --bin bc-invoice-validate failed".to_owned());
    }
    let ours = target_dir().join("release/bc-invoice-validate");
    let theirs = which("jsonschema-cli")
        .ok_or("jsonschema-cli is not on PATH: cargo install jsonschema-cli")?;

    let dir = target_dir().join("bench-cli");
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    for sub in ["valid", "errors"] {
        std::fs::create_dir_all(dir.join(sub)).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let schema = dir.join("create-invoice.bundled.schema.json");
    write(
        &schema,
        &serde_json::to_vec_pretty(&bundled_schema()?).map_err(|e| e.to_string())?,
    )?;
    let mut valid = Vec::new();
    let mut invalid = Vec::new();
    for i in 0..1_000 {
        let path = dir.join(format!("valid/{i:04}.json"));
        write(&path, &bc_invoice_tests::corpus::create_invoice(1 + i % 20))?;
        valid.push(path.display().to_string());
        let path = dir.join(format!("errors/{i:04}.json"));
        write(
            &path,
            &bc_invoice_tests::corpus::invalid_create_invoice(20, 1 + i % 20),
        )?;
        invalid.push(path.display().to_string());
    }
    let big = dir.join("create-10000.json");
    let big_bytes = bc_invoice_tests::corpus::create_invoice(10_000);
    write(&big, &big_bytes)?;
    let small = root
        .join("tests/fixtures/valid/confirm-invoice.accept.json")
        .display()
        .to_string();

    let mut out = String::new();
    let _ = writeln!(
        out,
        "Measured on {}: wall time of the process, median of 11 runs (21 for the small file), the \
         contenders of a table row run in turn in each round; CPU time (the mean of the runs) and peak \
         memory from GNU time (10 ms resolution).\n",
        machine()
    );
    let one = direct_run(&ours, &[small], 21)?;
    let _ = writeln!(
        out,
        "- One small file (confirm-invoice.accept.json): {:.1} ms wall (exit {}).",
        one.wall * 1e3,
        one.status
    );
    let _ = writeln!(
        out,
        "\n| 1,000 files | bc-invoice-validate | the same, `-j 1` | CPU ÷ wall | jsonschema-cli validate | CPU ÷ wall | jsonschema-cli ÷ ours (wall) | jsonschema-cli ÷ ours (CPU) |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|");
    for (name, files) in [("valid", &valid), ("with errors", &invalid)] {
        let mut our_args = vec!["--kind".to_owned(), "create-invoice".to_owned()];
        our_args.extend(files.iter().cloned());
        let mut their_args = vec!["validate".to_owned(), schema.display().to_string()];
        for f in files.iter() {
            their_args.push("-i".to_owned());
            their_args.push(f.clone());
        }
        let mut one_job = vec!["-j".to_owned(), "1".to_owned()];
        one_job.extend(our_args.iter().cloned());
        let measured = interleaved(
            &[
                (&ours, &our_args),
                (&ours, &one_job),
                (&theirs, &their_args),
            ],
            11,
        )?;
        let [a, serial, b] = &measured[..] else {
            unreachable!("three commands, three results")
        };
        let _ = writeln!(
            out,
            "| {name} (exit {} / {}) | {:.1} ms | {:.1} ms | {:.2} | {:.1} ms | {:.2} | {:.1}× | {:.1}× |",
            a.status,
            b.status,
            a.wall * 1e3,
            serial.wall * 1e3,
            a.cpu / a.wall.max(1e-9),
            b.wall * 1e3,
            b.cpu / b.wall.max(1e-9),
            b.wall / a.wall.max(1e-9),
            b.cpu / a.cpu.max(1e-9),
        );
    }
    let peak = median_run(&ours, &[big.display().to_string()], 11)?;
    let limit_kb = (3 * big_bytes.len() as u64 + 10 * 1024 * 1024) / 1024;
    let _ = writeln!(
        out,
        "\n- Peak memory on the 10,000-item document ({}): {:.1} MB (limit 3 × size + 10 MB = {:.1} MB), {:.1} ms wall.",
        human_size(big_bytes.len() as u64),
        peak.peak_kb as f64 / 1024.0,
        limit_kb as f64 / 1024.0,
        peak.wall * 1e3,
    );
    Ok(out)
}

fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

const USAGE: &str = "usage: cargo bench-report | cargo bench-ratios | cargo bench-split | cargo bench-cli

  report  print the benchmark table from `cargo bench -p bc-invoice-tests --bench validate`
  ratios  measure the targets' ratios side by side, the contenders taking turns in rounds
  split   measure, side by side, where the default check's time goes beyond the floor: the walk, the
          facts handed to the rules, the rules' hooks
  cli     measure the command (wall time, CPU, peak memory) against jsonschema-cli
  input create-N
          print the benchmark's create-invoice request with N items (the service's bench.sh posts it)";

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["report"] => report(),
        ["ratios"] => ratios(),
        ["split"] => split(),
        ["cli"] => cli(),
        ["input", name] => match name.strip_prefix("create-").and_then(|n| n.parse().ok()) {
            Some(items) => {
                String::from_utf8(corpus::create_invoice(items)).map_err(|e| e.to_string())
            }
            None => Err(format!("unknown input {name:?}; expected create-N")),
        },
        _ => {
            eprintln!("{USAGE}");
            return std::process::ExitCode::from(2);
        }
    };
    match result {
        Ok(text) => {
            print!("{text}");
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
