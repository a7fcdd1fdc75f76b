//! The checked-in types crate is what the checked-in schema generates: a schema edit without
//! `cargo xtask gen` fails `cargo test` with the diff and the command to run.

use xtask::{GENERATED_FILE, generate_workspace, staleness, workspace_root};

#[test]
fn the_checked_in_types_crate_is_fresh() {
    let generated = generate_workspace().unwrap_or_else(|e| panic!("cargo xtask gen fails: {e}"));
    let checked_in = std::fs::read_to_string(workspace_root().join(GENERATED_FILE))
        .unwrap_or_else(|e| panic!("{GENERATED_FILE}: {e}"));
    if let Some(report) = staleness(&checked_in, &generated) {
        panic!("{report}");
    }
}

#[test]
fn generation_is_deterministic() {
    let first = generate_workspace().unwrap();
    let second = generate_workspace().unwrap();
    assert_eq!(first, second);
}

#[test]
fn a_stale_file_is_reported_with_a_diff_and_the_command() {
    let generated = generate_workspace().unwrap();
    let stale = generated.replacen("pub lgl_nm:", "pub legal_name:", 1);
    assert_ne!(
        stale, generated,
        "the generated crate has the shipping details' lglNm"
    );
    let report = staleness(&stale, &generated).expect("a difference is reported");
    assert!(report.contains("-    pub legal_name:"), "{report}");
    assert!(report.contains("+    pub lgl_nm:"), "{report}");
    assert!(report.contains("@@"), "a unified diff: {report}");
    assert!(report.contains("Run `cargo xtask gen`"), "{report}");
}
