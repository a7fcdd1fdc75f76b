//! Reads each input with serde_json into `IgnoredAny` (the floor of docs/performance.md), with the SIMD
//! JSON readers sonic-rs and simd-json, and validates it with bc-invoice-validate, the contenders taking
//! turns as `cargo bench-ratios` has them: 201 rounds, in each of which every contender reads the input
//! for a batch of about 250 µs; each contender's time is the median of its rounds, and each ratio to the
//! floor the median of the rounds' ratios, with the middle half of them.
//!
//! ```text
//! tokenizers KIND=PATH...    # e.g. create-invoice=create-1.json confirm-invoice=confirm.json
//! ```
//!
//! Every contender must accept every input before anything is timed.

use std::hint::black_box;
use std::time::Instant;

use bc_invoice_validate::{DocumentKind, RuleLevel, RuleSet, Validator};
use serde::de::IgnoredAny;

const ROUNDS: usize = 201;
const BATCH_NS: u128 = 250_000;

/// A contender: its name and one read of the input, `true` where it accepts it.
type Contender = (&'static str, Box<dyn Fn(&[u8]) -> bool>);

fn contenders(kind: DocumentKind) -> Vec<Contender> {
    let mut no_rules = RuleSet::default();
    no_rules.set_all(RuleLevel::Allow);
    let schema_only = Validator::new().rules(no_rules);
    let default = Validator::new();
    vec![
        (
            "floor: serde_json, IgnoredAny",
            Box::new(|b: &[u8]| serde_json::from_slice::<IgnoredAny>(b).is_ok()),
        ),
        (
            "sonic-rs, IgnoredAny",
            Box::new(|b: &[u8]| sonic_rs::from_slice::<IgnoredAny>(b).is_ok()),
        ),
        (
            "sonic-rs, Value",
            Box::new(|b: &[u8]| sonic_rs::from_slice::<sonic_rs::Value>(b).is_ok()),
        ),
        (
            // simd-json parses in place (it unescapes strings into its input), so each read needs a
            // copy of the bytes; the next contender is that copy alone.
            "simd-json, tape (with the copy)",
            Box::new(|b: &[u8]| {
                let mut copy = b.to_vec();
                simd_json::to_tape(&mut copy).is_ok()
            }),
        ),
        (
            "the copy alone",
            Box::new(|b: &[u8]| !black_box(b.to_vec()).is_empty()),
        ),
        (
            "bc-invoice, schema only",
            Box::new(move |b: &[u8]| schema_only.validate(Some(kind), b).is_valid()),
        ),
        (
            "bc-invoice, default check",
            Box::new(move |b: &[u8]| default.validate(Some(kind), b).is_valid()),
        ),
    ]
}

/// How many reads make a batch of about [`BATCH_NS`].
fn batch_size(read: &dyn Fn(&[u8]) -> bool, input: &[u8]) -> usize {
    let mut n = 1usize;
    loop {
        let start = Instant::now();
        for _ in 0..n {
            black_box(read(black_box(input)));
        }
        let took = start.elapsed().as_nanos();
        if took >= BATCH_NS / 4 || n >= 1 << 24 {
            let per = (took / n as u128).max(1);
            return usize::try_from((BATCH_NS / per).max(1)).unwrap_or(1);
        }
        n *= 2;
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn quartiles(values: &mut [f64]) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    (values[values.len() / 4], values[values.len() * 3 / 4])
}

fn main() -> std::process::ExitCode {
    let inputs: Vec<(DocumentKind, String, Vec<u8>)> = match std::env::args()
        .skip(1)
        .map(|arg| {
            let (kind, path) = arg
                .split_once('=')
                .ok_or_else(|| format!("{arg}: expected KIND=PATH"))?;
            let kind = kind.parse::<DocumentKind>().map_err(|e| e.to_string())?;
            let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
            let name = std::path::Path::new(path)
                .file_stem()
                .map_or_else(|| path.to_owned(), |s| s.to_string_lossy().into_owned());
            Ok((kind, name, bytes))
        })
        .collect::<Result<Vec<_>, String>>()
    {
        Ok(inputs) if !inputs.is_empty() => inputs,
        Ok(_) => {
            eprintln!("usage: tokenizers KIND=PATH...");
            return std::process::ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    for (kind, name, input) in &inputs {
        let contenders = contenders(*kind);
        for (contender, read) in &contenders {
            if !read(input) {
                eprintln!("error: {contender} does not accept {name}");
                return std::process::ExitCode::FAILURE;
            }
        }
        let batches: Vec<usize> = contenders
            .iter()
            .map(|(_, read)| batch_size(read.as_ref(), input))
            .collect();
        let mut times = vec![Vec::with_capacity(ROUNDS); contenders.len()];
        for _ in 0..ROUNDS {
            for ((_, read), (n, times)) in contenders.iter().zip(batches.iter().zip(&mut times)) {
                let start = Instant::now();
                for _ in 0..*n {
                    black_box(read(black_box(input)));
                }
                times.push(start.elapsed().as_nanos() as f64 / *n as f64);
            }
        }
        println!("\n{name} ({} B, {kind}):\n", input.len());
        println!("| contender | time per read | ÷ floor (middle half) |");
        println!("|---|---:|---:|");
        for ((contender, _), own) in contenders.iter().zip(&times) {
            let mut ratios: Vec<f64> = own.iter().zip(&times[0]).map(|(t, f)| t / f).collect();
            let ratio = median(&mut ratios);
            let (low, high) = quartiles(&mut ratios);
            let time = median(&mut own.clone());
            let time = if time >= 1000.0 {
                format!("{:.2} µs", time / 1000.0)
            } else {
                format!("{time:.0} ns")
            };
            println!("| {contender} | {time} | {ratio:.2}× ({low:.2}–{high:.2}) |");
        }
    }
    std::process::ExitCode::SUCCESS
}
