//! The tables of the documentation that the code decides are written from the code: the rules table of
//! `docs/rules.md` from the rules themselves. A stale table fails like a stale generated file, with the
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
