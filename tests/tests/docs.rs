//! The tables of the documentation that the code decides are written from the code: the rules table of
//! `docs/rules.md` from the rules themselves. A stale table fails like a stale generated file, with the
//! command that mends it: `BC_INVOICE_BLESS=1 cargo test -p bc-invoice-tests --test docs` writes it. (The
//! tables the schema decides, in `docs/documents.md`, are `cargo xtask gen`'s.) The pages' options tables,
//! written by hand, are held to the options `--help` lists, both ways, with the defaults it states; the
//! lists of a finding's keywords, to the arms of `ErrorKind::keyword`; docs/rules-sources.md's tables of
//! each rule's source, to the rules and their default levels. The pages' links and anchors (and the sarif
//! format's `helpUri`s) are held to the files and headings they name; the flags the README, docs/cli.md and
//! docs/server.md name, to `--help`; ARCHITECTURE.md's code map, to the source files, both ways; and
//! docs/server.md's example answer, to the report the service makes, and its /metrics row to the metrics;
//! docs/cli.md's example bc-invoice.toml, to what the command reads from it; the README's map, to the pages
//! and the formats.

use std::collections::BTreeSet;

use bc_invoice_tests::workspace_root;
use bc_invoice_validate::rules::RULES;
use proc_macro2::TokenTree;
use quote::ToTokens;

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
        // Each row's anchor, `#rule-ID`, is what the sarif format's `helpUri` links to (and the service's
        // page names its own rules the same way).
        table.push_str(&format!(
            "| <a id=\"rule-{}\"></a>`{}` | {} | {} | {} | {} |\n",
            rule.id,
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

/// An option as `--help` lists it.
#[derive(Debug)]
struct HelpOption {
    /// `--jobs`.
    long: String,
    /// `-j`.
    short: Option<String>,
    /// Whether it takes a value (`<N>`).
    takes_value: bool,
    /// The values it accepts, when `--help` lists them (`text`, `json`, `github`).
    possible: Vec<String>,
    /// What its `[default: …]` says.
    default: Option<String>,
}

/// The options `name --help` lists (`--help` and `--version` included), read from its text: a line indented
/// by at most six spaces that starts with `-` begins an option, whose text runs to the next one.
fn help_options(name: &str) -> Vec<HelpOption> {
    let help = std::process::Command::new(binary(name))
        .arg("--help")
        .output()
        .unwrap();
    assert!(help.status.success(), "{name} --help");
    let help = String::from_utf8(help.stdout).unwrap();
    let lines = help.lines().skip_while(|line| *line != "Options:").skip(1);
    let mut options: Vec<(String, String)> = Vec::new();
    for line in lines {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if indent > 0 && indent <= 6 && trimmed.starts_with('-') {
            let (head, text) = trimmed.split_once("  ").unwrap_or((trimmed, ""));
            options.push((head.to_owned(), format!("{text}\n")));
        } else if indent == 0 && !trimmed.is_empty() {
            break; // the text after the options (the CLI's exit statuses)
        } else if let Some((_, text)) = options.last_mut() {
            text.push_str(trimmed);
            text.push('\n');
        }
    }
    let options: Vec<HelpOption> = options
        .into_iter()
        .map(|(head, text)| {
            let words: Vec<&str> = head.split([' ', ',']).filter(|w| !w.is_empty()).collect();
            let long = words.iter().find(|w| w.starts_with("--"));
            let short = words.iter().find(|w| w.len() == 2 && w.starts_with('-'));
            // The long help lists a value enum's values one a line (`- text: …`), others in brackets.
            let mut possible: Vec<String> = text
                .lines()
                .filter_map(|line| line.strip_prefix("- ")?.split_once(':'))
                .map(|(value, _)| value.to_owned())
                .collect();
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let bracket = |label: &str| {
                let start = flat.find(label)? + label.len();
                Some(flat[start..start + flat[start..].find(']')?].to_owned())
            };
            if let Some(list) = bracket("[possible values: ") {
                possible.extend(list.split(", ").map(str::to_owned));
            }
            HelpOption {
                long: long
                    .unwrap_or_else(|| panic!("{name} --help: {head}"))
                    .to_string(),
                short: short.map(|s| s.to_string()),
                takes_value: words.iter().any(|w| w.starts_with('<')),
                possible,
                default: bracket("[default: "),
            }
        })
        .collect();
    assert!(options.len() > 5, "{name} --help: {options:?}");
    options
}

/// An option a row of a page's options table names: the row's first cell holds one or more in code
/// (`` `-j, --jobs N` ``, `` `--format text\|json\|github` ``), and its other cells say what it does.
#[derive(Debug)]
struct PageOption {
    long: String,
    short: Option<String>,
    /// What the code shows as its value: `N`, `text|json|github`.
    value: Option<String>,
    /// The row's other cells, without backticks.
    text: String,
}

/// The options the table of `page` whose first column is `option` names, one per option.
fn page_options(page: &str) -> Vec<PageOption> {
    let text = std::fs::read_to_string(workspace_root().join(page)).unwrap();
    let rows = text
        .lines()
        .skip_while(|line| !line.starts_with("| option |"))
        .skip(2)
        .take_while(|line| line.starts_with('|'));
    let mut options = Vec::new();
    for row in rows {
        // Cells split at each `|` not escaped as `\|`.
        let mut cells = vec![String::new()];
        let mut chars = row[1..].chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if chars.peek() == Some(&'|') => {
                    cells.last_mut().unwrap().push(chars.next().unwrap())
                }
                '|' => cells.push(String::new()),
                c => cells.last_mut().unwrap().push(c),
            }
        }
        let said = cells[1..].join(" ").replace('`', "");
        let mut named = 0;
        for code in cells[0].split('`').skip(1).step_by(2) {
            let words: Vec<&str> = code.split([' ', ',']).filter(|w| !w.is_empty()).collect();
            let Some(long) = words.iter().find(|w| w.starts_with("--")) else {
                continue;
            };
            named += 1;
            options.push(PageOption {
                long: long.to_string(),
                short: words
                    .iter()
                    .find(|w| w.len() == 2 && w.starts_with('-'))
                    .map(|s| s.to_string()),
                value: words
                    .iter()
                    .find(|w| !w.starts_with('-'))
                    .map(|s| s.to_string()),
                text: said.clone(),
            });
        }
        assert!(
            named > 0,
            "{page}: a row of the options table names no option: {row}"
        );
    }
    assert!(
        options.len() > 5,
        "{page}: no options table found: {options:?}"
    );
    options
}

/// Whether `text` says `Default: {value}`, the value ending there (`Default: 3` is not `Default: 30`).
fn says_default(text: &str, value: &str) -> bool {
    text.match_indices(&format!("Default: {value}"))
        .any(|(at, said)| {
            let mut after = text[at + said.len()..].chars();
            match after.next() {
                None | Some(' ' | ',' | ';' | ')') => true,
                Some('.') => !after.next().is_some_and(|c| c.is_ascii_digit()),
                Some(_) => false,
            }
        })
}

/// How the options table of `page` (relative to the workspace root) differs from `name --help`: an
/// option of either that the other lacks, a short form, a value or a list of values that differs, a
/// default the row does not state as `Default: …` (backticks aside) as `--help` states it, or states for
/// an option that has none. The options are the code's; the pages are written by hand.
fn options_table_against_help(name: &str, page: &str) -> Vec<String> {
    let help = help_options(name);
    let rows = page_options(page);
    let mut wrong = Vec::new();
    for option in &help {
        let found: Vec<&PageOption> = rows.iter().filter(|row| row.long == option.long).collect();
        let [row] = found[..] else {
            wrong.push(format!(
                "{}: {} rows in {page}'s options table, not one",
                option.long,
                found.len()
            ));
            continue;
        };
        if row.short != option.short {
            wrong.push(format!(
                "{}: short form {:?} in {page}, {:?} in --help",
                option.long, row.short, option.short
            ));
        }
        if row.value.is_some() != option.takes_value {
            wrong.push(format!(
                "{}: {page} shows the value {:?}; --help says it takes {}",
                option.long,
                row.value,
                if option.takes_value { "one" } else { "none" }
            ));
        }
        if let Some(values) = row.value.as_deref().filter(|v| v.contains('|')) {
            let listed: Vec<&str> = values.split('|').collect();
            if listed != option.possible {
                wrong.push(format!(
                    "{}: {page} lists the values {listed:?}, --help {:?}",
                    option.long, option.possible
                ));
            }
        }
        match &option.default {
            Some(default) if !says_default(&row.text, default) => wrong.push(format!(
                "{}: {page} does not say `Default: {default}`, as --help does",
                option.long
            )),
            None if row.text.contains("Default:") => wrong.push(format!(
                "{}: {page} states a default; --help states none",
                option.long
            )),
            _ => {}
        }
    }
    for row in &rows {
        if !help.iter().any(|option| option.long == row.long) {
            wrong.push(format!(
                "{}: a row of {page}'s options table, not an option of {name} --help",
                row.long
            ));
        }
    }
    wrong
}

#[test]
fn the_options_tables_are_the_options_of_help() {
    assert_eq!(
        options_table_against_help("bc-invoice-validate", "docs/cli.md"),
        Vec::<String>::new()
    );
    assert_eq!(
        options_table_against_help("bc-invoice-server", "docs/server.md"),
        Vec::<String>::new()
    );
}

#[test]
fn a_default_is_said_up_to_its_end() {
    assert!(says_default("Check at once. Default: 30.", "30"));
    assert!(says_default(
        "Default: the number of CPUs.",
        "the number of CPUs"
    ));
    assert!(says_default("Default: 1048576 (1 MiB).", "1048576"));
    assert!(!says_default("Default: 30.", "3"));
    assert!(!says_default("Default: 1.5 s.", "1"));
    assert!(!says_default("default 30", "30"));
}

/// The keywords `ErrorKind::keyword` gives, read from its source: the string literals of its arms (a rule's
/// finding gives the rule's id instead, the one arm without one).
fn error_keywords() -> BTreeSet<String> {
    let path = workspace_root().join("crates/bc-invoice-validate/src/report.rs");
    let file = syn::parse_file(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let keyword = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(block)
                if block.self_ty.to_token_stream().to_string() == "ErrorKind" =>
            {
                Some(&block.items)
            }
            _ => None,
        })
        .flatten()
        .find_map(|item| match item {
            syn::ImplItem::Fn(f) if f.sig.ident == "keyword" => Some(f),
            _ => None,
        })
        .expect("report.rs has ErrorKind::keyword");
    let mut keywords = BTreeSet::new();
    let mut stack = vec![keyword.block.to_token_stream()];
    while let Some(tokens) = stack.pop() {
        for tree in tokens {
            match tree {
                TokenTree::Group(group) => stack.push(group.stream()),
                TokenTree::Literal(literal) => {
                    let literal: syn::LitStr = syn::parse2(TokenTree::Literal(literal).into())
                        .expect("ErrorKind::keyword's literals are strings");
                    keywords.insert(literal.value());
                }
                _ => {}
            }
        }
    }
    assert!(keywords.len() > 5, "{keywords:?}");
    keywords
}

/// The keywords a text lists: its code spans that are a bare word (`duplicateMember`; not `1e400`,
/// `--kind`, `bc_invoice.parse`).
fn listed_keywords(text: &str) -> BTreeSet<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|code| !code.is_empty() && code.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_owned)
        .collect()
}

/// Every list of the keywords a finding can have names each that `ErrorKind::keyword` gives, and only
/// those: the JSON contract's row in docs/cli.md, and the doc comments of `ErrorKind::keyword` and of
/// `JsonFinding::keyword` (the JSON every front end gives).
#[test]
fn the_keyword_lists_are_the_keywords_of_the_code() {
    let keywords = error_keywords();
    assert!(keywords.contains("typed"), "{keywords:?}");
    let cli = std::fs::read_to_string(workspace_root().join("docs/cli.md")).unwrap();
    let row = cli
        .lines()
        .find(|line| line.starts_with("| `…[].keyword` |"))
        .expect("docs/cli.md has the keyword's row");
    let doc = |file: &str, before: &str| -> String {
        let source = std::fs::read_to_string(
            workspace_root()
                .join("crates/bc-invoice-validate/src")
                .join(file),
        )
        .unwrap();
        let at = source
            .find(before)
            .unwrap_or_else(|| panic!("{file} has {before:?}"));
        let lines: Vec<&str> = source[..at].lines().collect();
        let comment: Vec<&str> = lines
            .iter()
            .rev()
            .skip(1) // the line `before` starts on
            .map_while(|line| line.trim_start().strip_prefix("///"))
            .collect();
        comment.into_iter().rev().collect::<Vec<_>>().join(" ")
    };
    for (place, text) in [
        ("docs/cli.md's …[].keyword row", row.to_owned()),
        (
            "ErrorKind::keyword's doc comment",
            doc(
                "report.rs",
                "pub fn keyword(&self) -> &'static str {\n        match self",
            ),
        ),
        (
            "JsonFinding::keyword's doc comment",
            doc("render.rs", "pub keyword: &'static str,"),
        ),
    ] {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(listed_keywords(&text), keywords, "{place}: {text}");
        assert!(
            text.contains("rule's id"),
            "{place} says a rule's finding has its id: {text}"
        );
    }
}

/// The sarif format's driver lists every keyword of the code as a rule of its own
/// (`KEYWORDS` in crates/bc-invoice-cli/src/output/sarif.rs), so that a keyword a later release adds
/// gets a descriptor, and its results a `ruleIndex`, rather than a `ruleId` no rule describes.
#[test]
fn the_sarif_drivers_keywords_are_the_keywords_of_the_code() {
    let path = workspace_root().join("crates/bc-invoice-cli/src/output/sarif.rs");
    let file = syn::parse_file(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let list = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Const(item) if item.ident == "KEYWORDS" => Some(&item.expr),
            _ => None,
        })
        .expect("sarif.rs has KEYWORDS");
    let syn::Expr::Array(list) = &**list else {
        panic!("KEYWORDS is an array");
    };
    let listed: Vec<String> = list
        .elems
        .iter()
        .map(|entry| match entry {
            syn::Expr::Tuple(pair) => match pair.elems.first() {
                Some(syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(keyword),
                    ..
                })) => keyword.value(),
                other => panic!("a keyword is a string: {}", other.to_token_stream()),
            },
            other => panic!(
                "KEYWORDS holds (keyword, summary) pairs: {}",
                other.to_token_stream()
            ),
        })
        .collect();
    let set: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(set.len(), listed.len(), "no keyword twice: {listed:?}");
    assert_eq!(set, error_keywords());
}

/// docs/rules-sources.md's tables of every rule's source, tolerance and level ("Each rule" and
/// "Payments"), written by hand, name every rule once, with its default level, and each row's tolerance
/// starts with the rule's own (`Rule::tolerance`, which `--list-rules` prints), the page's words after it.
#[test]
fn the_sources_tables_name_every_rule_at_its_level() {
    let path = "docs/rules-sources.md";
    let text = std::fs::read_to_string(workspace_root().join(path)).unwrap();
    let mut listed = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.starts_with("| rule | checks | source | tolerance (a number) | default |") {
            in_table = true;
            continue;
        }
        if !line.starts_with('|') {
            in_table = false;
        }
        if !in_table || line.starts_with("|---") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
        let level = cells.last().expect("a row").trim().trim_matches('*');
        // A table cell writes the tolerance's `|` as `\|`.
        let tolerance = cells[cells.len() - 2].trim().replace("\\|", "|");
        for id in cells[0].split(", ") {
            let id = id.trim().trim_matches('`');
            if let Some(rule) = RULES.iter().find(|rule| rule.id.as_str() == id) {
                assert!(
                    tolerance.starts_with(rule.tolerance),
                    "{path}: the tolerance of {id} is to start with the rule's own, {:?}; it is {tolerance:?}",
                    rule.tolerance
                );
            }
            listed.push((id.to_owned(), level.to_owned()));
        }
    }
    let mut rules: Vec<(String, String)> = RULES
        .iter()
        .map(|rule| {
            (
                rule.id.as_str().to_owned(),
                rule.default_level.as_str().to_owned(),
            )
        })
        .collect();
    // The page groups the rules its own way (three payment sums share a row).
    listed.sort();
    rules.sort();
    assert_eq!(
        listed, rules,
        "{path}'s tables of each rule must name every rule once, with its default level"
    );
}

/// The pages of the documentation: the README, ARCHITECTURE.md and every page of `docs/`, relative to the
/// workspace root.
fn pages() -> Vec<String> {
    let mut pages = vec!["README.md".to_owned(), "ARCHITECTURE.md".to_owned()];
    let mut docs: Vec<String> = std::fs::read_dir(workspace_root().join("docs"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".md"))
        .map(|name| format!("docs/{name}"))
        .collect();
    docs.sort();
    assert!(docs.len() > 5, "{docs:?}");
    pages.extend(docs);
    pages
}

/// `text` with its fenced code blocks (between lines starting with ```` ``` ````) blanked, line for line.
fn without_fences(text: &str) -> String {
    let mut fenced = false;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            out.push('\n');
        } else if fenced {
            out.push('\n');
        } else {
            out.push_str(line);
        }
    }
    out
}

/// `text` (without fences) with its code spans blanked, newlines kept, so that a `](` inside code (a
/// pattern such as `[01](…)`) is no link.
fn without_code_spans(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 0 {
                part.to_owned()
            } else {
                part.chars().filter(|&c| c == '\n').collect()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// GitHub's anchor for a heading's text: inline HTML and link targets dropped, lower case, every character
/// but letters, digits, `-`, `_` and spaces dropped, each space a `-`.
fn slug(heading: &str) -> String {
    let mut text = String::new();
    let mut rest = heading;
    // `[text](target)` keeps its text; `<a id="…"></a>` and other tags go.
    while let Some(at) = rest.find(['<', '[', ']']) {
        text.push_str(&rest[..at]);
        let c = rest.as_bytes()[at];
        rest = &rest[at + 1..];
        match c {
            b'<' => rest = rest.split_once('>').map_or("", |(_, after)| after),
            b']' if rest.starts_with('(') => {
                rest = rest.split_once(')').map_or("", |(_, after)| after)
            }
            _ => {}
        }
    }
    text.push_str(rest);
    text.trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[test]
fn a_heading_is_anchored_as_github_anchors_it() {
    assert_eq!(
        slug("`--format text` (the default)"),
        "--format-text-the-default"
    );
    assert_eq!(
        slug("Rule levels and `bc-invoice.toml`"),
        "rule-levels-and-bc-invoicetoml"
    );
    assert_eq!(slug("The API"), "the-api");
    assert_eq!(
        slug("On a new machine (39e6ff2)"),
        "on-a-new-machine-39e6ff2"
    );
    assert_eq!(
        slug("See [the caveats](x.md#y), too"),
        "see-the-caveats-too"
    );
}

/// The anchors of a page: its headings' (a repeated one gets `-1`, `-2`, … as on GitHub) and its
/// `<a id="…">` and `<a name="…">` anchors.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut anchors = BTreeSet::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for line in without_fences(text).lines() {
        let hashes = line.len() - line.trim_start_matches('#').len();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            let base = slug(line[hashes..].trim().trim_end_matches('#'));
            let n = seen.entry(base.clone()).or_insert(0);
            anchors.insert(if *n == 0 {
                base.clone()
            } else {
                format!("{base}-{n}")
            });
            *n += 1;
        }
    }
    for attribute in ["<a id=\"", "<a name=\""] {
        for (at, _) in text.match_indices(attribute) {
            let rest = &text[at + attribute.len()..];
            anchors.insert(rest[..rest.find('"').unwrap_or(0)].to_owned());
        }
    }
    anchors
}

/// Why the link `target` of `page` does not resolve, if it does not: a file or directory that does not
/// exist (relative to the page), or an anchor the page it names lacks.
fn broken(page: &str, target: &str) -> Option<String> {
    let (path, anchor) = target.split_once('#').unwrap_or((target, ""));
    let file = if path.is_empty() {
        workspace_root().join(page)
    } else {
        workspace_root().join(page).parent().unwrap().join(path)
    };
    if !file.exists() {
        return Some(format!("{} does not exist", file.display()));
    }
    if anchor.is_empty() {
        return None;
    }
    if file.extension().is_none_or(|e| e != "md") {
        return Some("an anchor on a file that is not a page".into());
    }
    let text = std::fs::read_to_string(&file).unwrap();
    (!anchors(&text).contains(anchor)).then(|| format!("no heading or anchor #{anchor} there"))
}

/// Every relative link of the pages (`[text](path)`, `[text](path#anchor)`, `[text](#anchor)`), outside
/// code, leads to a file that exists and, with an anchor, to a heading or `<a id>` of that page, by
/// GitHub's rules; and so do the `--format sarif` driver's `helpUri`s (docs/cli.md's `--format json`
/// section, docs/rules.md's `#rule-ID` rows).
#[test]
fn every_link_and_anchor_of_the_pages_resolves() {
    let mut wrong = Vec::new();
    let mut links = 0;
    for page in pages() {
        let text = std::fs::read_to_string(workspace_root().join(&page)).unwrap();
        let prose = without_code_spans(&without_fences(&text));
        for (at, _) in prose.match_indices("](") {
            let rest = &prose[at + 2..];
            let Some(end) = rest.find(')') else { continue };
            let target = &rest[..end];
            if target.contains("://") || target.starts_with("mailto:") || target.contains(' ') {
                continue;
            }
            links += 1;
            if let Some(why) = broken(&page, target) {
                let line = prose[..at].lines().count();
                wrong.push(format!("{page}:{line}: ({target}): {why}"));
            }
        }
    }
    assert!(links > 50, "{links} links found");

    let sarif = "crates/bc-invoice-cli/src/output/sarif.rs";
    let source = std::fs::read_to_string(workspace_root().join(sarif)).unwrap();
    let mut helps = 0;
    for (at, _) in source.match_indices("/blob/main/") {
        let rest = &source[at + "/blob/main/".len()..];
        let target = &rest[..rest.find('"').unwrap()];
        helps += 1;
        if let Some(why) = broken("README.md", target) {
            wrong.push(format!("{sarif}: {target}: {why}"));
        }
        if target == "docs/rules.md" {
            for rule in RULES {
                if let Some(why) = broken("README.md", &format!("docs/rules.md#rule-{}", rule.id)) {
                    wrong.push(format!("{sarif}: a rule's helpUri: {why}"));
                }
            }
        }
    }
    assert_eq!(helps, 2, "{sarif}'s helpUri bases");
    assert_eq!(wrong, Vec::<String>::new());
}

/// Flags of other programs that the pages name beside the command's: cargo's (`--bin`, `--example`,
/// `--open`, `--path`, `--release`, `--workspace`, `--git`, `--locked`, `--rev`), curl's `--data-binary`
/// and ripgrep's `--json`.
const OTHER_PROGRAMS_FLAGS: [&str; 11] = [
    "--bin",
    "--example",
    "--open",
    "--path",
    "--release",
    "--workspace",
    "--git",
    "--locked",
    "--rev",
    "--data-binary",
    "--json",
];

/// Every `--flag` a text names, with the word after it when it is a value in lower case (`--format json`,
/// `--kind edit-invoice`; not `--kind KIND`).
fn flags_named(text: &str) -> Vec<(String, Option<String>)> {
    let mut flags = Vec::new();
    for (at, _) in text.match_indices("--") {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '-') {
            continue;
        }
        let rest = &text[at + 2..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c == '-'))
            .unwrap_or(rest.len());
        let name = rest[..name_len].trim_end_matches('-');
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_lowercase()) {
            continue;
        }
        let after = &rest[name.len()..];
        let value = after.strip_prefix(' ').and_then(|value| {
            let len = value
                .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                .unwrap_or(value.len());
            let word = &value[..len];
            (!word.is_empty() && word.starts_with(|c: char| c.is_ascii_lowercase()))
                .then(|| word.to_owned())
        });
        flags.push((format!("--{name}"), value));
    }
    flags
}

/// Every `--flag` README.md, docs/cli.md and docs/server.md (up to its measurements) name is an option of
/// the program the page documents (`bc-invoice-validate --help`, `bc-invoice-server --help`, both for the
/// README and the service's page, which names the command's too) or one of [`OTHER_PROGRAMS_FLAGS`], which
/// neither program has; and a value written after `--format`, `--color`, `--kind`, `--deny`, `--warn` or
/// `--allow` is one they take.
#[test]
fn every_flag_the_pages_name_is_an_option() {
    let command = help_options("bc-invoice-validate");
    let server = help_options("bc-invoice-server");
    let mut wrong = Vec::new();
    for other in OTHER_PROGRAMS_FLAGS {
        if command
            .iter()
            .chain(&server)
            .any(|option| option.long == other)
        {
            wrong.push(format!(
                "{other} is an option now: drop it from OTHER_PROGRAMS_FLAGS"
            ));
        }
    }
    let kinds: Vec<&str> = bc_invoice_validate::DocumentKind::ALL
        .iter()
        .map(|kind| kind.as_str())
        .collect();
    let rules: Vec<&str> = RULES
        .iter()
        .map(|rule| rule.id.as_str())
        .chain(["all"])
        .collect();
    for (page, programs) in [
        ("README.md", vec![&command, &server]),
        ("docs/cli.md", vec![&command]),
        ("docs/server.md", vec![&server, &command]),
    ] {
        let text = std::fs::read_to_string(workspace_root().join(page)).unwrap();
        let text = text.split("\n## Measured\n").next().unwrap();
        let named = flags_named(text);
        assert!(named.len() > 10, "{page}: {named:?}");
        for (flag, value) in named {
            if OTHER_PROGRAMS_FLAGS.contains(&flag.as_str()) {
                continue;
            }
            let Some(option) = programs
                .iter()
                .flat_map(|options| options.iter())
                .find(|option| option.long == flag)
            else {
                wrong.push(format!("{page}: {flag} is no option of the program"));
                continue;
            };
            let Some(value) = value else { continue };
            let allowed: Vec<&str> = match flag.as_str() {
                "--kind" => kinds.clone(),
                "--deny" | "--warn" | "--allow" => rules.clone(),
                _ if !option.possible.is_empty() => {
                    option.possible.iter().map(String::as_str).collect()
                }
                _ => continue,
            };
            if !allowed.contains(&value.as_str()) {
                wrong.push(format!("{page}: {flag} {value}: not one of {allowed:?}"));
            }
        }
    }
    assert_eq!(wrong, Vec::<String>::new());
}

#[test]
fn a_flag_is_read_with_its_value() {
    assert_eq!(
        flags_named("`--format json`, --kind KIND, a-b--c, `--redact`; --no-config"),
        [
            ("--format".to_owned(), Some("json".to_owned())),
            ("--kind".to_owned(), None),
            ("--redact".to_owned(), None),
            ("--no-config".to_owned(), None),
        ]
    );
}

/// ARCHITECTURE.md's code map, entry by entry: the entry's subject (`crates/bc-invoice-cli`, `xtask/`) and
/// its text, from its line `- `subject` — …` to the next such line.
fn code_map() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(workspace_root().join("ARCHITECTURE.md")).unwrap();
    let map = text
        .split("\n## Code map\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("ARCHITECTURE.md has a code map");
    let mut entries: Vec<(String, String)> = Vec::new();
    for line in map.lines() {
        if let Some(subject) = line
            .strip_prefix("- `")
            .and_then(|rest| rest.split_once('`'))
            .map(|(subject, _)| subject)
        {
            entries.push((subject.trim_end_matches('/').to_owned(), String::new()));
        }
        if let Some((_, body)) = entries.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    assert!(entries.len() > 5, "{entries:?}");
    entries
}

/// The code spans of a text, a span broken over two lines joined again.
fn code_spans(text: &str) -> Vec<String> {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// Every file under `dir`, recursively, as paths relative to it (`output/sarif.rs`), leaving out `target/`,
/// `.git/` and `node_modules/`.
fn files_under(dir: &std::path::Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&next) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if !matches!(name.as_str(), "target" | ".git" | "node_modules") {
                    stack.push(path);
                }
            } else {
                let relative = path.strip_prefix(dir).unwrap();
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    files
}

/// Names the code map gives that are not the repository's files: the user's settings file.
const NOT_FILES: [&str; 1] = ["bc-invoice.toml"];

/// ARCHITECTURE.md's code map names every source file of the crates and of xtask (`src/`, but `mod.rs` and
/// the rule modules, which it names as `catalogue/<module>.rs`) in the crate's own entry, by its name, its
/// path or its module's name; and every file or directory it names exists: a path relative to the root, to
/// the entry's directory or its `src/`, or ending a path under the entry's directory; a bare name under the
/// entry's directory or anywhere in the repository.
#[test]
fn the_code_map_names_every_source_file_and_only_files_that_exist() {
    let root = workspace_root();
    let entries = code_map();
    let everything = files_under(&root);
    let mut wrong = Vec::new();
    for crate_dir in [
        "crates/bc-invoice-types",
        "crates/bc-invoice-validate",
        "crates/bc-invoice-cli",
        "crates/bc-invoice-server",
        "crates/bc-invoice-py",
        "xtask",
    ] {
        let Some((_, entry)) = entries.iter().find(|(subject, _)| subject == crate_dir) else {
            wrong.push(format!("{crate_dir}: no entry in the code map"));
            continue;
        };
        let spans = code_spans(entry);
        for file in files_under(&root.join(crate_dir).join("src")) {
            let name = file.rsplit('/').next().unwrap();
            if name == "mod.rs" || file.starts_with("rules/catalogue/") {
                continue;
            }
            let module = name.split('.').next().unwrap();
            let named = spans
                .iter()
                .any(|span| span == name || span.ends_with(&format!("/{name}")) || span == module);
            if !named {
                wrong.push(format!(
                    "{crate_dir}/src/{file}: not named in the code map's entry for {crate_dir}"
                ));
            }
        }
    }
    const FILE_ENDINGS: [&str; 14] = [
        ".rs", ".py", ".pyi", ".sh", ".cjs", ".html", ".json", ".toml", ".md", ".txt", ".yaml",
        ".dict", ".lock", "/",
    ];
    for (subject, entry) in &entries {
        let dir = root.join(subject);
        let under = if dir.is_dir() {
            files_under(&dir)
        } else {
            Vec::new()
        };
        for span in code_spans(entry) {
            let is_path = FILE_ENDINGS.iter().any(|ending| span.ends_with(ending))
                && !span.contains([' ', '<', '>', '*', '{', '…'])
                && !span.starts_with('.')
                && !NOT_FILES.contains(&span.as_str());
            if !is_path {
                continue;
            }
            let bare = span.trim_end_matches('/');
            let ends = |path: &String| {
                path == bare
                    || path.ends_with(&format!("/{bare}"))
                    || path.contains(&format!("/{bare}/"))
                    || path.starts_with(&format!("{bare}/"))
            };
            let exists = [root.join(bare), dir.join(bare), dir.join("src").join(bare)]
                .iter()
                .any(|path| path.exists())
                || under.iter().any(ends)
                || (!bare.contains('/') && everything.iter().any(ends));
            if !exists {
                wrong.push(format!(
                    "the code map's entry for {subject} names `{span}`, which does not exist"
                ));
            }
        }
    }
    assert_eq!(wrong, Vec::<String>::new());
}

/// docs/server.md's example answer is the service's body for the same document and query: the command's
/// JSON entry, less `file` (`bc_invoice_validate::render`, as the service makes it; `crates/bc-invoice-server/tests/http.rs`
/// holds the service to it).
#[test]
fn the_services_example_answer_is_the_report() {
    let page = std::fs::read_to_string(workspace_root().join("docs/server.md")).unwrap();
    let command = "$ curl -s --data-binary @tests/fixtures/docs/confirm-invoice.json 'http://127.0.0.1:8080/v1/validate?redact=true'\n";
    let shown = page
        .split(command)
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/server.md shows the example");
    let document =
        std::fs::read(workspace_root().join("tests/fixtures/docs/confirm-invoice.json")).unwrap();
    let report = bc_invoice_validate::validate(None, &document);
    let body = bc_invoice_validate::render::JsonReport::new(&report, true).to_json_pretty(0);
    assert_eq!(
        shown.trim_end(),
        body.trim_end(),
        "docs/server.md's example answer"
    );
}

/// docs/server.md's table of routes names every metric the service exports (each `# TYPE` line of
/// `crates/bc-invoice-server/src/ops.rs`), in the `/metrics` row.
#[test]
fn the_services_page_names_every_metric() {
    let ops = "crates/bc-invoice-server/src/ops.rs";
    let source = std::fs::read_to_string(workspace_root().join(ops)).unwrap();
    let metrics: Vec<&str> = source
        .match_indices("# TYPE ")
        .map(|(at, _)| {
            let rest = &source[at + "# TYPE ".len()..];
            &rest[..rest.find(' ').unwrap()]
        })
        .collect();
    assert!(metrics.len() >= 4, "{ops}: {metrics:?}");
    let page = std::fs::read_to_string(workspace_root().join("docs/server.md")).unwrap();
    let row = page
        .lines()
        .find(|line| line.starts_with("| `GET /metrics` |"))
        .expect("docs/server.md has the /metrics row");
    let missing: Vec<&&str> = metrics
        .iter()
        .filter(|metric| {
            // `name` alone, or with its labels: `name{route,status}`.
            !row.contains(&format!("`{metric}`")) && !row.contains(&format!("`{metric}{{"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "docs/server.md's /metrics row does not name {missing:?}"
    );
}

/// docs/cli.md's example `bc-invoice.toml` is a settings file the command reads, with the levels its
/// comments say (`gstin-checksum` at warn, `timestamp-plausible` off, every other rule at deny).
#[test]
fn the_settings_example_is_read_as_it_says() {
    let page = std::fs::read_to_string(workspace_root().join("docs/cli.md")).unwrap();
    let example = page
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/cli.md shows a bc-invoice.toml");
    let file = std::env::temp_dir().join(format!("bc-invoice-docs-{}.toml", std::process::id()));
    std::fs::write(&file, example).unwrap();
    let run = std::process::Command::new(binary("bc-invoice-validate"))
        .args(["--list-rules", "--format", "json", "--config"])
        .arg(&file)
        .output()
        .unwrap();
    std::fs::remove_file(&file).unwrap();
    assert!(
        run.status.success(),
        "docs/cli.md's bc-invoice.toml: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let rules: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    for rule in rules.as_array().unwrap() {
        let expected = match rule["id"].as_str().unwrap() {
            "gstin-checksum" => "warn",
            "timestamp-plausible" => "allow",
            _ => "deny",
        };
        assert_eq!(rule["level"], expected, "{rule}");
    }
}

/// The README's map of the documentation links every page of `docs/`, and its row for docs/cli.md names
/// every format `--format` takes (`--help`'s list), so that a new page or format is not left out of the
/// front door.
#[test]
fn the_readmes_map_links_every_page_and_format() {
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let mut wrong = Vec::new();
    for page in pages().iter().filter(|page| page.starts_with("docs/")) {
        if !readme.contains(&format!("]({page})")) {
            wrong.push(format!("README.md links no {page}"));
        }
    }
    let row = readme
        .lines()
        .find(|line| line.starts_with("| [docs/cli.md](docs/cli.md) |"))
        .expect("the README's map has a row for docs/cli.md")
        .to_lowercase();
    let format = help_options("bc-invoice-validate")
        .into_iter()
        .find(|option| option.long == "--format")
        .expect("--format");
    assert!(format.possible.len() >= 4, "{:?}", format.possible);
    for value in &format.possible {
        if !row.contains(value.as_str()) {
            wrong.push(format!(
                "README.md's docs/cli.md row does not name the {value} format"
            ));
        }
    }
    assert_eq!(wrong, Vec::<String>::new());
}
