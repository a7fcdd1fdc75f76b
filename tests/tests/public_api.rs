//! The public API of the library crates is checked in: `tests/public-api/<crate>.txt` lists every public item
//! of `bc-invoice-types` and `bc-invoice-validate` (all features on), one per line, with its signature, and
//! this test fails with a diff when the crates' API is no longer that. So no change to the API happens by
//! accident, and every intended one shows in review as a diff of the listing: a line gone or changed is a
//! breaking change, a line added is not (see `docs/testing.md`). After an intended change:
//! `BC_INVOICE_BLESS=1 cargo test -p bc-invoice-tests --test public_api` rewrites the listings.
//!
//! The listing is rustdoc's JSON output (an unstable rustdoc option, which `RUSTC_BOOTSTRAP=1` lets the
//! stable toolchain use), rendered by the `public-api` crate. Both run offline: no baseline to fetch or build,
//! unlike `cargo-semver-checks` against a release. rustdoc JSON has a format version that changes with the
//! toolchain; the test says so, rather than misreading, when it is not the one `public-api` reads.

use std::path::{Path, PathBuf};
use std::process::Command;

use bc_invoice_tests::workspace_root;

const BLESS: &str = "BC_INVOICE_BLESS=1 cargo test -p bc-invoice-tests --test public_api";

/// The library crates: their API is what users link to.
const CRATES: [&str; 2] = ["bc-invoice-types", "bc-invoice-validate"];

/// Builds the rustdoc JSON of `krate` (its library, every feature on) in `target`, its own target
/// directory: the test's cargo does not wait for the one running the tests, nor rebuilds what that one
/// built. Returns the JSON file.
fn rustdoc_json(krate: &str, target: &Path) -> PathBuf {
    let output = Command::new(env!("CARGO"))
        .current_dir(workspace_root())
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["rustdoc", "--quiet", "--locked", "--lib", "--all-features"])
        .args(["-p", krate, "--target-dir"])
        .arg(target)
        .args(["--", "-Z", "unstable-options", "--output-format", "json"])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo rustdoc -p {krate} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    target
        .join("doc")
        .join(format!("{}.json", krate.replace('-', "_")))
}

/// The format version a rustdoc JSON file declares (rustdoc writes it last).
fn format_version(json: &str) -> Option<u32> {
    let key = "\"format_version\":";
    let at = json.rfind(key)? + key.len();
    let digits: String = json[at..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The listing of `krate`: a header, then every public item (blanket impls such as `impl<T> From<T> for T`
/// left out), in `public-api`'s order.
fn listing(krate: &str, target: &Path) -> String {
    let json = rustdoc_json(krate, target);
    let text = std::fs::read_to_string(&json).unwrap();
    let version = format_version(&text);
    assert_eq!(
        version,
        Some(rustdoc_types::FORMAT_VERSION),
        "{}: this toolchain's rustdoc writes JSON format {version:?}, and the public-api crate pinned in the \
         workspace's Cargo.toml reads {}: pin the public-api release that reads the toolchain's format (and \
         rustdoc-types to its version)",
        json.display(),
        rustdoc_types::FORMAT_VERSION,
    );
    let api = public_api::Builder::from_rustdoc_json(&json)
        .omit_blanket_impls(true)
        .build()
        .unwrap_or_else(|e| panic!("{}: {e}", json.display()));
    let mut out = format!(
        "# The public API of {krate}, all features on: one item per line. Checked by \
         tests/tests/public_api.rs;\n# after an intended change, `{BLESS}` rewrites it.\n"
    );
    for item in api.items() {
        out.push_str(&item.to_string());
        out.push('\n');
    }
    out
}

fn listing_path(krate: &str) -> PathBuf {
    workspace_root()
        .join("tests/public-api")
        .join(format!("{krate}.txt"))
}

/// Each crate's API, built once for all the tests of this file.
fn listings() -> &'static [(&'static str, String)] {
    static LISTINGS: std::sync::OnceLock<Vec<(&str, String)>> = std::sync::OnceLock::new();
    LISTINGS.get_or_init(|| {
        let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("public-api");
        CRATES
            .iter()
            .map(|&krate| (krate, listing(krate, &target)))
            .collect()
    })
}

#[test]
fn the_public_api_is_the_checked_in_listing() {
    let mut stale = Vec::new();
    for (krate, fresh) in listings() {
        let path = listing_path(krate);
        let old = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .replace("\r\n", "\n");
        if old == *fresh {
            continue;
        }
        if std::env::var_os("BC_INVOICE_BLESS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, fresh).unwrap();
            continue;
        }
        let shown = format!("tests/public-api/{krate}.txt");
        stale.push(
            similar::TextDiff::from_lines(old.as_str(), fresh.as_str())
                .unified_diff()
                .context_radius(1)
                .header(
                    &format!("{shown} (checked in)"),
                    &format!("{shown} (the crate's API now)"),
                )
                .to_string(),
        );
    }
    assert!(
        stale.is_empty(),
        "the public API changed:\n\n{}\nA `-` line is an item gone or changed: a breaking change for users. \
         If the change is intended, run `{BLESS}` and commit the listings with it.",
        stale.join("\n")
    );
}

/// What users build on and a later release may extend is `#[non_exhaustive]`, and a list that grows is a
/// slice, whose length is not part of its type.
#[test]
fn what_may_grow_is_non_exhaustive() {
    let validate = &listings()
        .iter()
        .find(|(krate, _)| *krate == "bc-invoice-validate")
        .unwrap()
        .1;
    let lines: Vec<&str> = validate.lines().collect();
    for item in [
        "#[non_exhaustive] pub enum bc_invoice_validate::DocumentKind",
        "#[non_exhaustive] pub enum bc_invoice_validate::RuleId",
        "#[non_exhaustive] pub enum bc_invoice_validate::ErrorKind",
        "#[non_exhaustive] pub struct bc_invoice_validate::Finding",
        "#[non_exhaustive] pub struct bc_invoice_validate::Report",
        "#[non_exhaustive] pub struct bc_invoice_validate::rules::Rule",
        "pub const bc_invoice_validate::DocumentKind::ALL: &'static [bc_invoice_validate::DocumentKind]",
        "pub const bc_invoice_validate::rules::catalogue::RuleId::ALL: \
         &'static [bc_invoice_validate::rules::catalogue::RuleId]",
        // A rule is named by a `RuleId` wherever the API names one.
        "pub bc_invoice_validate::ErrorKind::Rule::rule: bc_invoice_validate::rules::catalogue::RuleId",
        "pub fn bc_invoice_validate::Finding::rule(&self) -> \
         core::option::Option<bc_invoice_validate::rules::catalogue::RuleId>",
        "pub fn bc_invoice_validate::RuleSet::set(&mut self, bc_invoice_validate::rules::catalogue::RuleId, \
         bc_invoice_validate::rules::catalogue::RuleLevel)",
        "pub fn bc_invoice_validate::RuleSet::level(&self, bc_invoice_validate::rules::catalogue::RuleId) -> \
         bc_invoice_validate::rules::catalogue::RuleLevel",
        "pub bc_invoice_validate::rules::Rule::id: bc_invoice_validate::rules::catalogue::RuleId",
        // Parse errors are error types.
        "pub type bc_invoice_validate::rules::catalogue::RuleId::Err = \
         bc_invoice_validate::rules::catalogue::UnknownRule",
        "pub type bc_invoice_validate::rules::catalogue::RuleLevel::Err = \
         bc_invoice_validate::rules::catalogue::UnknownLevel",
        "impl core::error::Error for bc_invoice_validate::rules::catalogue::UnknownLevel",
        // What users build outside the crate has a constructor.
        "pub fn bc_invoice_validate::Finding::new(bc_invoice_validate::JsonPointer, \
         bc_invoice_validate::ErrorKind, bc_invoice_validate::Level) -> Self",
        "pub fn bc_invoice_validate::Report::new(core::option::Option<bc_invoice_validate::DocumentKind>) \
         -> Self",
    ] {
        assert!(
            lines.contains(&item),
            "not in the API of bc-invoice-validate: {item}"
        );
    }
}
