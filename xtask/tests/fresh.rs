//! Every checked-in generated file is what the checked-in schema generates: a schema edit without
//! `cargo xtask gen` fails `cargo test` with the diff and the command to run.

use xtask::{
    GENERATED_FILE, files_staleness_at, generate_all_workspace, staleness, staleness_of,
    workspace_root,
};

#[test]
fn every_generated_file_is_fresh() {
    let files = generate_all_workspace().unwrap_or_else(|e| panic!("cargo xtask gen fails: {e}"));
    let paths: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    for expected in [
        GENERATED_FILE,
        "crates/bc-invoice-validate/src/generated/tables.rs",
        "crates/bc-invoice-validate/src/generated/kinds.rs",
        "crates/bc-invoice-validate/src/generated/dispatch.rs",
        "tests/src/generated.rs",
        "fuzz/json.dict",
        "schema/openapi.json",
        "schema/bundled/create-invoice.schema.json",
        "schema/common.schema.json",
        "docs/documents.md",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} is not generated: {paths:?}"
        );
    }
    if let Some(report) = files_staleness_at(&workspace_root(), &files) {
        panic!("{report}");
    }
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(
        generate_all_workspace().unwrap(),
        generate_all_workspace().unwrap()
    );
}

#[test]
fn a_stale_file_is_reported_with_a_diff_and_the_command() {
    let files = generate_all_workspace().unwrap();
    let generated = &files[0].1;
    let stale = generated.replacen("pub lgl_nm:", "pub legal_name:", 1);
    assert_ne!(
        &stale, generated,
        "the generated crate has the shipping details' lglNm"
    );
    let report = staleness(&stale, generated).expect("a difference is reported");
    assert!(report.contains("-    pub legal_name:"), "{report}");
    assert!(report.contains("+    pub lgl_nm:"), "{report}");
    assert!(report.contains("@@"), "a unified diff: {report}");
    assert!(report.contains("Run `cargo xtask gen`"), "{report}");
}

#[test]
fn a_crlf_checkout_is_fresh_and_a_changed_line_is_not() {
    let files = generate_all_workspace().unwrap();
    for (path, text) in &files {
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(staleness_of(path, &crlf, text), None, "{path}");
    }
    let (path, text) = &files[1];
    let changed = text.replacen("pub(crate)", "pub", 1).replace('\n', "\r\n");
    assert!(staleness_of(path, &changed, text).is_some());
}

#[test]
fn gen_rewrites_a_broken_generated_file_in_a_copy_of_the_schema() {
    // `cargo xtask gen` reads only schema/ and writes the generated files: it neither compiles nor reads
    // them, so a conflicted or broken file is simply replaced.
    let dir = std::env::temp_dir().join(format!("bc-invoice-gen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("schema")).unwrap();
    for entry in std::fs::read_dir(workspace_root().join("schema")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.join("schema").join(path.file_name().unwrap())).unwrap();
        }
    }
    let sources = xtask::read_schema_dir(&dir.join("schema")).unwrap();
    let files = xtask::generate_all(&sources).unwrap();
    for (path, _) in &files {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(
            &target,
            "<<<<<<< HEAD\nfn broken( {\n=======\n>>>>>>> theirs\n",
        )
        .unwrap();
    }
    let report = files_staleness_at(&dir, &files).expect("every file is stale");
    assert_eq!(
        report.matches(" is stale:").count(),
        files.len(),
        "{report}"
    );
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("gen")
        .env("BC_INVOICE_ROOT", &dir)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(files_staleness_at(&dir, &files), None);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn gen_lays_out_again_a_schema_file_saved_by_another_tool() {
    // A maintainer's editor or script (Python's `json.dump(indent=2)`) writes the same schema in another
    // layout: `gen --check` names the file and the command, and `gen` writes it back in the canonical one.
    let dir = std::env::temp_dir().join(format!("bc-invoice-layout-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("schema")).unwrap();
    for entry in std::fs::read_dir(workspace_root().join("schema")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.join("schema").join(path.file_name().unwrap())).unwrap();
        }
    }
    let file = dir.join("schema/confirm-invoice.schema.json");
    let canonical = std::fs::read_to_string(&file).unwrap();
    // Python's `json.dump(indent=4)`: the same members in the same order, indented by four.
    let other: String = canonical
        .lines()
        .map(|line| {
            let body = line.trim_start();
            format!("{}{body}\n", " ".repeat(2 * (line.len() - body.len())))
        })
        .collect();
    assert_ne!(other, canonical, "the layouts differ");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&other).unwrap(),
        serde_json::from_str::<serde_json::Value>(&canonical).unwrap()
    );
    std::fs::write(&file, &other).unwrap();
    let xtask = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .env("BC_INVOICE_ROOT", &dir)
            .output()
            .unwrap()
    };
    let check = xtask(&["gen", "--check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("schema/confirm-invoice.schema.json is stale:"),
        "{stderr}"
    );
    assert!(stderr.contains("Run `cargo xtask gen`"), "{stderr}");
    assert!(xtask(&["gen"]).status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), canonical);
    assert!(xtask(&["gen", "--check"]).status.success());
    std::fs::remove_dir_all(&dir).unwrap();
}
