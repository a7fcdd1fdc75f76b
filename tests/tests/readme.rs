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

/// The `[features]` of a crate's manifest: each feature's name and whether `default` turns it on.
fn features(manifest: &str) -> Vec<(String, bool)> {
    let text = std::fs::read_to_string(workspace_root().join(manifest)).unwrap();
    let section = text
        .split("\n[features]\n")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap_or_else(|| panic!("{manifest} has a [features] table"));
    let entries: Vec<(&str, &str)> = section
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once(" = "))
        .collect();
    let default = entries
        .iter()
        .find(|(name, _)| *name == "default")
        .map_or("", |(_, list)| *list);
    entries
        .iter()
        .filter(|(name, _)| *name != "default")
        .map(|(name, _)| (name.to_string(), default.contains(&format!("\"{name}\""))))
        .collect()
}

/// The README's feature table is the library crates' features, each with its default, and the two crates
/// have the same features (the validator's turn on the types' of the same name).
#[test]
fn the_readme_lists_every_feature_with_its_default() {
    let validate = features("crates/bc-invoice-validate/Cargo.toml");
    let types = features("crates/bc-invoice-types/Cargo.toml");
    let sorted = |mut list: Vec<(String, bool)>| {
        list.sort();
        list
    };
    assert_eq!(sorted(validate.clone()), sorted(types));

    let readme = std::fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let listed: Vec<(String, bool)> = readme
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| {
            let (name, rest) = rest.split_once("` | ")?;
            let default = rest.split(" |").next()?;
            match default {
                "on" => Some((name.to_owned(), true)),
                "off" => Some((name.to_owned(), false)),
                _ => None,
            }
        })
        .collect();
    assert_eq!(
        sorted(listed),
        sorted(validate),
        "the README's feature table (| `name` | on/off | what it does |) against crates/bc-invoice-validate/Cargo.toml"
    );
}

/// The validator reads a document with its own generated tables and hands the types crate values it has
/// checked (through the types' private name for a validated value), so the two must come from the same
/// schema: the validator requires exactly the types release of its own version (`=0.1.0`), never a caret
/// range under which `cargo update -p bc-invoice-validate` could pair it with an older types release
/// whose structs lack a member the newer tables accept.
#[test]
fn the_validator_requires_exactly_the_types_release_of_its_own_version() {
    let manifest = std::fs::read_to_string(workspace_root().join("Cargo.toml")).unwrap();
    let version = manifest
        .split("\n[workspace.package]\n")
        .nth(1)
        .and_then(|rest| {
            rest.lines()
                .find_map(|line| line.strip_prefix("version = "))
        })
        .expect("[workspace.package] has a version");
    let requirement = manifest
        .lines()
        .find(|line| line.starts_with("bc-invoice-types = "))
        .expect("the workspace depends on bc-invoice-types");
    let exact = format!("version = \"={}\"", version.trim_matches('"'));
    assert!(
        requirement.contains(&exact),
        "the workspace's bc-invoice-types requirement is not {exact}: {requirement}"
    );
}
