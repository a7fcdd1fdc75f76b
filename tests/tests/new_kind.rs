//! A document kind is declared by its schema file alone: on a copy of the repository, a new root file (a
//! copy of confirm-invoice's with another kind and another wrapper member) and one fixture are all it takes
//! for `cargo xtask gen` to generate the kind, for the command to detect and validate it, and for the whole
//! test suite to pass once the public API's listing is rewritten (the new kind only adds to it).
//!
//! It builds the copy from scratch (its own target directory), so it takes minutes: it is ignored by a plain
//! `cargo test` and run by `.ci/run` as `cargo test -p bc-invoice-tests --test new_kind -- --ignored`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bc_invoice_tests::workspace_root;
use serde_json::Value;

const KIND: &str = "acknowledge-invoice";
const WRAPPER: &str = "invoiceAcknowledgement";

/// Every file git would put in a clean clone (tracked, or new and not ignored), copied under `to`.
fn copy_repository(to: &Path) {
    let root = workspace_root();
    let listed = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(&root)
        .output()
        .expect("git runs");
    assert!(listed.status.success(), "git ls-files failed");
    for name in listed.stdout.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let name = std::str::from_utf8(name).expect("UTF-8 paths in the repository");
        let from = root.join(name);
        if !from.is_file() {
            continue; // deleted in the work tree
        }
        let target = to.join(name);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&from, &target).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .output()
        .expect("cargo runs")
}

fn check(output: &Output, what: &str) {
    assert!(
        output.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn write(path: &Path, value: &Value) {
    std::fs::write(path, serde_json::to_string_pretty(value).unwrap() + "\n").unwrap();
}

/// Renames the top-level member `from` to `to`, keeping its place (the copy's JSON text is edited, so
/// member order survives).
fn rename_member(text: &str, from: &str, to: &str) -> String {
    text.replace(&format!("\"{from}\""), &format!("\"{to}\""))
}

#[test]
#[ignore = "copies the repository and builds it from scratch: run by .ci/run"]
fn a_new_document_kind_is_one_schema_file_and_its_fixture() {
    let base: PathBuf = workspace_root().join("target").join("new-kind");
    let repo = base.join("repo");
    let _ = std::fs::remove_dir_all(&repo);
    copy_repository(&repo);

    // The new root: confirm-invoice's, with another kind, endpoint, title, $id and wrapper member.
    let schema_text =
        std::fs::read_to_string(repo.join("schema/confirm-invoice.schema.json")).unwrap();
    let mut schema: Value =
        serde_json::from_str(&rename_member(&schema_text, "invoiceConfirmation", WRAPPER)).unwrap();
    schema["$id"] = format!("https://bc-invoice.dev/schema/v1/{KIND}.schema.json").into();
    schema["title"] = "Acknowledge invoice request".into();
    schema["x-document"]["kind"] = KIND.into();
    schema["x-document"]["endpoint"] = "POST /api/v0/invoice/req-acknowledge-invoice".into();
    write(&repo.join(format!("schema/{KIND}.schema.json")), &schema);

    // Its fixture: a valid confirm request under the new wrapper.
    let good_text =
        std::fs::read_to_string(repo.join("tests/fixtures/valid/confirm-invoice.accept.json"))
            .unwrap();
    let good = rename_member(&good_text, "invoiceConfirmation", WRAPPER);
    std::fs::write(
        repo.join(format!("tests/fixtures/valid/{KIND}.json")),
        &good,
    )
    .unwrap();

    let target = base.join("target");
    check(
        &cargo(&repo, &target, &["run", "-q", "-p", "xtask", "--", "gen"]),
        "cargo xtask gen",
    );
    check(
        &cargo(
            &repo,
            &target,
            &["build", "-q", "--locked", "--bin", "bc-invoice-validate"],
        ),
        "building the command",
    );
    let command = target.join("debug").join("bc-invoice-validate");

    // Detected from its wrapper member, and valid.
    let good_path = repo.join(format!("tests/fixtures/valid/{KIND}.json"));
    let run = Command::new(&command)
        .args(["--format", "json"])
        .arg(&good_path)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["files"][0]["kind"], KIND, "{report}");

    // A bad objectId is reported at the renamed path.
    let bad_path = base.join("bad.json");
    let mut bad: Value = serde_json::from_str(&good).unwrap();
    bad[WRAPPER]["objectId"] = "PMT-not-an-invoice".into();
    write(&bad_path, &bad);
    let run = Command::new(&command)
        .args(["--format", "json"])
        .arg(&bad_path)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    let errors = report["files"][0]["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{report}");
    assert_eq!(
        errors[0]["instanceLocation"],
        format!("/{WRAPPER}/objectId")
    );
    assert_eq!(errors[0]["keyword"], "pattern");

    // The kind adds to the public API and takes nothing from it (`DocumentKind` and `AnyDocument` are
    // non-exhaustive, `DocumentKind::ALL` a slice): a minor release. Its one step beyond the schema file is
    // the listing of the API, rewritten as after any intended change of the API.
    let bless = Command::new(env!("CARGO"))
        .args(["test", "-q", "--locked", "-p", "bc-invoice-tests"])
        .args(["--test", "public_api"])
        .current_dir(&repo)
        .env("CARGO_TARGET_DIR", &target)
        .env("BC_INVOICE_BLESS", "1")
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .output()
        .expect("cargo runs");
    check(&bless, "rewriting the public API listings on the copy");
    for krate in ["bc-invoice-types", "bc-invoice-validate"] {
        let listing = format!("tests/public-api/{krate}.txt");
        let before = std::fs::read_to_string(workspace_root().join(&listing)).unwrap();
        let after = std::fs::read_to_string(repo.join(&listing)).unwrap();
        let kept: std::collections::HashSet<&str> = after.lines().collect();
        let gone: Vec<&str> = before.lines().filter(|l| !kept.contains(l)).collect();
        assert!(
            gone.is_empty(),
            "{krate}: a new kind takes items from the public API: {gone:#?}"
        );
        assert!(after.lines().count() > before.lines().count(), "{krate}");
    }
    let validate =
        std::fs::read_to_string(repo.join("tests/public-api/bc-invoice-validate.txt")).unwrap();
    assert!(
        validate
            .lines()
            .any(|l| l == "pub bc_invoice_validate::DocumentKind::AcknowledgeInvoice"),
        "the new kind is in the API"
    );

    // And the whole suite passes with no other edit.
    check(
        &cargo(&repo, &target, &["test", "-q", "--workspace", "--locked"]),
        "cargo test --workspace on the copy",
    );
}
