//! The README's code is real: its Rust example is the compiled example, character for character (the
//! quick start's command and output are checked by the command's own tests, `crates/bc-invoice-cli/tests/cli.rs`).

use bc_invoice_tests::workspace_root;

#[test]
fn the_readme_example_is_the_compiled_example() {
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let code = readme
        .split("```rust\n")
        .nth(1)
        .and_then(|rest| rest.split("```\n").next())
        .expect("the README has a rust code block");
    let example = "crates/bc-invoice-validate/examples/first.rs";
    let compiled = std::fs::read_to_string(workspace_root().join(example)).unwrap();
    assert_eq!(code, compiled, "copy {example} into the README");
}

#[test]
fn the_readme_stays_a_front_door() {
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(
        lines <= 300,
        "the README has {lines} lines: move detail into docs/"
    );
    // Every page it maps exists.
    for page in readme
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .filter(|link| !link.starts_with("http") && !link.starts_with('#'))
    {
        assert!(
            workspace_root().join(page).exists(),
            "the README links {page}, which is missing"
        );
    }
}
