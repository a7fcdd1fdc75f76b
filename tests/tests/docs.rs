//! The tables of the documentation that the code decides are written from the code: the rules table of
//! `docs/rules.md` from the rules themselves; and the pages that describe the binaries' options are held
//! to the options `--help` lists. A stale table fails like a stale generated file, with the
//! command that mends it: `BC_INVOICE_BLESS=1 cargo test -p bc-invoice-tests --test docs` writes it. (The
//! tables the schema decides, in `docs/documents.md`, are `cargo xtask gen`'s.)

use bc_invoice_tests::workspace_root;
use bc_invoice_validate::rules::RULES;

const BLESS: &str = "BC_INVOICE_BLESS=1 cargo test -p bc-invoice-tests --test docs";

/// `text` with the block `name` (between `<!-- generated … : NAME -->` and `<!-- end of generated block -->`)
/// replaced by `body`.
fn fill(text: &str, name: &str, body: &str) -> String {
    const END: &str = "<!-- end of generated block -->";
    let marker = format!(": {name} -->\n");
    let start = text
        .find(&marker)
        .unwrap_or_else(|| panic!("no generated block {name:?}"))
        + marker.len();
    let end = start
        + text[start..]
            .find(END)
            .unwrap_or_else(|| panic!("the block {name:?} has no end line"));
    format!("{}{body}{}", &text[..start], &text[end..])
}

/// Checks the page at `path` (relative to the workspace root) against `fresh`, or writes it when blessing.
fn check_page(path: &str, fresh: &str) {
    let file = workspace_root().join(path);
    let old = std::fs::read_to_string(&file)
        .unwrap()
        .replace("\r\n", "\n");
    if old == fresh {
        return;
    }
    if std::env::var_os("BC_INVOICE_BLESS").is_some() {
        std::fs::write(&file, fresh).unwrap();
        return;
    }
    let diff = similar::TextDiff::from_lines(old.as_str(), fresh)
        .unified_diff()
        .header(
            &format!("{path} (checked in)"),
            &format!("{path} (from the code)"),
        )
        .to_string();
    panic!("{path} is stale:\n\n{diff}\nRun `{BLESS}` to rewrite it, and commit the result.");
}

/// A table cell: the text with `|` escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[test]
fn the_rules_table_is_the_rules() {
    let mut table =
        String::from("| rule | level | checks | tolerance | source |\n|---|---|---|---|---|\n");
    for rule in RULES {
        table.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            rule.id,
            rule.default_level.as_str(),
            cell(rule.summary),
            cell(rule.tolerance),
            cell(rule.source)
        ));
    }
    let path = "docs/rules.md";
    let text = std::fs::read_to_string(workspace_root().join(path)).unwrap();
    check_page(path, &fill(&text.replace("\r\n", "\n"), "rules", &table));
}

#[test]
fn a_block_is_filled_between_its_markers() {
    let text = "a\n<!-- generated x: t -->\nold\n<!-- end of generated block -->\nb\n";
    assert_eq!(
        fill(text, "t", "new\n"),
        "a\n<!-- generated x: t -->\nnew\n<!-- end of generated block -->\nb\n"
    );
}

/// A binary of the workspace beside this test's own build (`target/<profile>/`), built if this test run
/// did not build it.
fn binary(name: &str) -> std::path::PathBuf {
    let exe = std::env::current_exe().unwrap();
    // target/<profile>/deps/docs-…: the binaries are one level up.
    let dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
    let path = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    if !path.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut build = std::process::Command::new(cargo);
        build
            .args(["build", "--quiet", "--bin", name])
            .current_dir(workspace_root());
        if dir.ends_with("release") {
            build.arg("--release");
        }
        assert!(
            build.status().unwrap().success(),
            "cargo build --bin {name}"
        );
    }
    path
}

/// The long options `name --help` lists that the page at `page` (relative to the workspace root) does
/// not name in code (`` `--option``). The options are the code's; the pages are written by hand.
fn undocumented_options(name: &str, page: &str) -> Vec<String> {
    let help = std::process::Command::new(binary(name))
        .arg("--help")
        .output()
        .unwrap();
    assert!(help.status.success(), "{name} --help");
    let help = String::from_utf8(help.stdout).unwrap();
    let page = std::fs::read_to_string(workspace_root().join(page)).unwrap();
    let mut options: Vec<&str> = help
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|word| word.starts_with("--") && word.len() > 2)
        .filter(|option| !matches!(*option, "--help" | "--version"))
        .collect();
    options.sort_unstable();
    options.dedup();
    assert!(options.len() > 5, "{name} --help: {options:?}");
    options
        .into_iter()
        .filter(|option| !page.contains(&format!("`{option}")))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_pages_describe_every_option_of_the_command_and_the_service() {
    assert_eq!(
        undocumented_options("bc-invoice-validate", "docs/cli.md"),
        Vec::<String>::new()
    );
    assert_eq!(
        undocumented_options("bc-invoice-server", "docs/server.md"),
        Vec::<String>::new()
    );
}
