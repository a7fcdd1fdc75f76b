//! The README's code examples are the compiled (and doctested) examples, character for character.

use bc_invoice_tests::workspace_root;

/// The first Rust code block of the README section headed `heading`.
fn readme_code(heading: &str) -> String {
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let section = readme
        .split(&format!("\n## {heading}\n"))
        .nth(1)
        .unwrap_or_else(|| panic!("the README has a section {heading:?}"));
    let section = section.split("\n## ").next().unwrap();
    section
        .split("```rust\n")
        .nth(1)
        .and_then(|rest| rest.split("```\n").next())
        .unwrap_or_else(|| panic!("the section {heading:?} has a rust code block"))
        .to_owned()
}

fn assert_quotes(heading: &str, example: &str) {
    let code = std::fs::read_to_string(workspace_root().join(example)).unwrap();
    assert_eq!(readme_code(heading), code, "copy {example} into the README");
}

#[test]
fn the_readme_example_is_the_compiled_example() {
    assert_quotes(
        "Library: typed documents",
        "crates/bc-invoice-types/examples/confirm_invoice.rs",
    );
}

#[test]
fn the_readme_validation_example_is_the_compiled_example() {
    assert_quotes(
        "Library: validation",
        "crates/bc-invoice-validate/examples/check_invoice.rs",
    );
}

#[test]
fn the_readme_payment_example_is_the_compiled_example() {
    assert_quotes(
        "Library: payments",
        "crates/bc-invoice-validate/examples/pay_invoices.rs",
    );
}
