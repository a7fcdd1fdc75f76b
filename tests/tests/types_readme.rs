//! The README's typed-documents example is the compiled (and doctested) example, character for character.

use bc_invoice_tests::workspace_root;

#[test]
fn the_readme_example_is_the_compiled_example() {
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let example = std::fs::read_to_string(
        workspace_root().join("crates/bc-invoice-types/examples/confirm_invoice.rs"),
    )
    .unwrap();
    let section = readme
        .split("\n## Library: typed documents\n")
        .nth(1)
        .expect("the README has a typed-documents section");
    let section = section.split("\n## ").next().unwrap();
    let code = section
        .split("```rust\n")
        .nth(1)
        .and_then(|rest| rest.split("```\n").next())
        .expect("the section has a rust code block");
    assert_eq!(
        code, example,
        "copy crates/bc-invoice-types/examples/confirm_invoice.rs into the README"
    );
}

#[test]
fn the_readme_validation_example_is_the_compiled_example() {
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let example = std::fs::read_to_string(
        workspace_root().join("crates/bc-invoice-validate/examples/check_invoice.rs"),
    )
    .unwrap();
    let section = readme
        .split("\n## Library: validation\n")
        .nth(1)
        .expect("the README has a validation section");
    let section = section.split("\n## ").next().unwrap();
    let code = section
        .split("```rust\n")
        .nth(1)
        .and_then(|rest| rest.split("```\n").next())
        .expect("the section has a rust code block");
    assert_eq!(
        code, example,
        "copy crates/bc-invoice-validate/examples/check_invoice.rs into the README"
    );
}
