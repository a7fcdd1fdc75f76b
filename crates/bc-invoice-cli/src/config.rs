//! The project settings file, `bc-invoice.toml`, found from the current directory upward to the root of
//! the repository being checked (see [`find`]):
//!
//! ```toml
//! strict = true
//! max-size = "64M"
//!
//! [rules]
//! all = "warn"
//! gstin-checksum = "deny"
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use bc_invoice_validate::RuleLevel;
use serde::Deserialize;
use toml::Spanned;

use crate::args::{RuleName, size_parser};
use crate::escape;

/// The settings file's name.
pub const FILE_NAME: &str = "bc-invoice.toml";

/// The largest settings file read (1 MiB; a complete one is well under 1 kB): a larger one, or an endless
/// one, is refused rather than read until memory runs out.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// The file as written, with the place of each value the checks after parsing may refuse.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    strict: Option<bool>,
    max_size: Option<Spanned<SizeSetting>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// `max-size` as written: text as `--max-size` takes it (`"64M"`), or a TOML integer, a number of bytes.
#[derive(Debug)]
enum SizeSetting {
    Text(String),
    Bytes(i64),
}

impl<'de> Deserialize<'de> for SizeSetting {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = SizeSetting;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a size such as \"64M\", or a number of bytes")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<SizeSetting, E> {
                Ok(SizeSetting::Text(text.to_owned()))
            }
            fn visit_i64<E: serde::de::Error>(self, bytes: i64) -> Result<SizeSetting, E> {
                Ok(SizeSetting::Bytes(bytes))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl SizeSetting {
    /// The size in bytes, or why it is not one (the words of `--max-size`'s refusals).
    fn bytes(&self) -> Result<u64, String> {
        match self {
            SizeSetting::Text(text) => size_parser(text),
            SizeSetting::Bytes(bytes) => u64::try_from(*bytes)
                .ok()
                .filter(|&bytes| bytes > 0)
                .ok_or_else(|| "expected a size of at least 1 byte".to_owned()),
        }
    }
}

/// Settings read from a `bc-invoice.toml`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `strict = true` makes every warning an error.
    pub strict: bool,
    /// `max-size`: the largest input read, in bytes; `None` when the file does not say.
    pub max_size: Option<u64>,
    /// Rule levels, `all` first so that a named rule overrides it.
    pub rules: Vec<(RuleName, RuleLevel)>,
}

/// A settings file that cannot be used: a usage error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for ConfigError {
    /// `PATH: message` on one line, safe for a terminal and a CI log (see [`escape::terminal`]): the
    /// path and the message may quote the file's text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.to_string_lossy();
        write!(
            f,
            "{}: {}",
            escape::terminal(&path),
            escape::terminal(&self.message)
        )
    }
}

impl std::error::Error for ConfigError {}

/// A settings file found upward: its full path, to name it, and its path from the current directory
/// (`bc-invoice.toml`, `../bc-invoice.toml`, …), to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The full path, as reports and errors name it.
    pub path: PathBuf,
    /// The path it is read by, from the current directory.
    pub from_here: PathBuf,
}

/// The nearest `bc-invoice.toml` of the project being checked: in `cwd`, the current directory, or a
/// directory above it, up to the root of the repository `cwd` is in (the first directory, from `cwd` up,
/// that holds `.git`, a folder or a file as in a worktree), never above it; outside any repository, in
/// `cwd` alone. So a settings file that a shared runner, `/tmp` or a home directory holds above a checkout
/// cannot change the checkout's rule levels. The first candidate whose name is there is found, whatever it
/// is: one that is not a regular file (a pipe, a device, a directory, a symbolic link to nothing or to
/// itself) is found too, so that [`load_found`] refuses it by name rather than the run silently going on
/// with a file further up, or with none. Each name is looked at by its path from the current directory
/// (`../../.git`): a full path past `PATH_MAX` (4096 bytes on Linux) cannot be looked at, and the nearest
/// file was passed over as absent.
pub fn find(cwd: &Path) -> Option<Found> {
    find_from(cwd, Path::new(""))
}

/// As [`find`] from `start`, each name looked at as `base` joined with its way up from `start`
/// (`base/../../.git`): `base` is `start` itself, or the empty path when `start` is the current directory.
fn find_from(start: &Path, base: &Path) -> Option<Found> {
    let up = |levels: usize, name: &str| {
        let mut path = base.to_path_buf();
        for _ in 0..levels {
            path.push("..");
        }
        path.push(name);
        path
    };
    let there = |levels: usize, name: &str| std::fs::symlink_metadata(up(levels, name)).is_ok();
    let depth = start.ancestors().count().saturating_sub(1);
    let root = (0..=depth).find(|&levels| there(levels, ".git"));
    let levels = (0..=root.unwrap_or(0)).find(|&levels| there(levels, FILE_NAME))?;
    Some(Found {
        path: start.ancestors().nth(levels)?.join(FILE_NAME),
        from_here: up(levels, FILE_NAME),
    })
}

/// How a settings file's path is shown: relative to `cwd` when it was found from there (`bc-invoice.toml`,
/// `../../bc-invoice.toml`), as given otherwise.
pub fn shown_path(path: &Path, cwd: Option<&Path>) -> String {
    if let Some(cwd) = cwd
        && let Some(dir) = path.parent()
        && let Ok(up) = cwd.strip_prefix(dir)
    {
        let mut shown = String::new();
        for _ in up.components() {
            shown.push_str("../");
        }
        shown.push_str(FILE_NAME);
        return shown;
    }
    path.to_string_lossy().into_owned()
}

/// Reads and checks a settings file: a regular file of at most [`MAX_CONFIG_BYTES`], UTF-8, valid TOML
/// with known members, rules and levels.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    read_as(path, path)
}

/// As [`load`], for a file [`find`] found: read by its path from the current directory, named by its
/// full path.
pub fn load_found(found: &Found) -> Result<Config, ConfigError> {
    read_as(&found.from_here, &found.path)
}

/// Reads `path`, naming it `name` in an error.
fn read_as(path: &Path, name: &Path) -> Result<Config, ConfigError> {
    let error = |message: String| ConfigError {
        path: name.to_owned(),
        message,
    };
    let bytes = crate::input::read_regular_file(path, MAX_CONFIG_BYTES)
        .map_err(|e| error(format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
        error(format!(
            "line {line}, column {column}: the file is not UTF-8"
        ))
    })?;
    parse(&text).map_err(error)
}

/// Parses and checks the text of a settings file. An error is one line, `line L, column C: message`,
/// rather than `toml`'s multi-line rendering, which quotes the file's line raw; a TOML error and a value
/// the checks after parsing refuse (an unknown rule, a level, a size) alike.
fn parse(text: &str) -> Result<Config, String> {
    let at = |span: std::ops::Range<usize>, message: &str| {
        let (line, column) = line_column(&text.as_bytes()[..span.start.min(text.len())]);
        format!("line {line}, column {column}: {}", bounded(message))
    };
    let file: ConfigFile = toml::from_str(text).map_err(|e| {
        let message = e.message().trim_end().replace('\n', "; ");
        match e.span() {
            Some(span) => at(span, &message),
            None => bounded(&message),
        }
    })?;
    let max_size = match &file.max_size {
        Some(size) => Some(
            size.get_ref()
                .bytes()
                .map_err(|e| at(size.span(), &format!("max-size: {e}")))?,
        ),
        None => None,
    };
    let mut rules = Vec::with_capacity(file.rules.len());
    for (id, level) in &file.rules {
        let level: RuleLevel = level
            .get_ref()
            .parse()
            .map_err(|e| at(level.span(), &format!("[rules] {}: {e}", id.get_ref())))?;
        let name: RuleName = id
            .get_ref()
            .parse()
            .map_err(|e| at(id.span(), &format!("[rules]: {e}")))?;
        rules.push((name, level));
    }
    rules.sort_by_key(|(name, _)| *name != RuleName::All);
    Ok(Config {
        strict: file.strict.unwrap_or(false),
        max_size,
        rules,
    })
}

/// The 1-based line and column (in characters) just past `before`.
/// An error's message with what it quotes of the file cut: each word (a run without white space) of more
/// than [`WORD_LIMIT`] characters to that many and `…`, and the whole to [`MESSAGE_LIMIT`]. A key or a
/// value of the file may be as long as the file (up to its 1 MiB cap), and the message is one line of a
/// terminal or a CI log; the rules' ids, levels and the file's member names are all far shorter.
fn bounded(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4 * MESSAGE_LIMIT));
    let (mut kept, mut word) = (0, 0);
    for c in message.chars() {
        word = if c.is_whitespace() { 0 } else { word + 1 };
        if word > WORD_LIMIT + 1 {
            continue;
        }
        if kept == MESSAGE_LIMIT {
            out.push('…');
            break;
        }
        out.push(if word == WORD_LIMIT + 1 { '…' } else { c });
        kept += 1;
    }
    out
}

/// The most characters of one word an error message keeps (as a finding keeps of a found value).
const WORD_LIMIT: usize = bc_invoice_validate::FOUND_LIMIT;
/// The most characters an error message keeps.
const MESSAGE_LIMIT: usize = 2000;

fn line_column(before: &[u8]) -> (usize, usize) {
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |at| at + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bc_invoice_validate::RuleId;

    #[test]
    fn the_search_stops_at_the_repository_root() {
        // From `start` as if it were the current directory.
        let find = |start: &Path| {
            let found = find_from(start, start)?;
            assert_eq!(
                std::fs::canonicalize(&found.from_here).ok(),
                std::fs::canonicalize(&found.path).ok()
            );
            Some(found.path)
        };
        let dir = tempfile::tempdir().unwrap();
        let above = dir.path();
        let repo = above.join("repo");
        let deep = repo.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(above.join(FILE_NAME), "").unwrap();
        // Outside a repository: the current directory alone.
        assert_eq!(find(&deep), None);
        assert_eq!(find(above), Some(above.join(FILE_NAME)));
        // In a repository (`.git` a folder, or a file as in a worktree): up to its root, not above.
        for git_is_a_file in [false, true] {
            let git = repo.join(".git");
            let _ = std::fs::remove_dir_all(&git);
            let _ = std::fs::remove_file(&git);
            if git_is_a_file {
                std::fs::write(&git, "gitdir: /elsewhere\n").unwrap();
            } else {
                std::fs::create_dir(&git).unwrap();
            }
            assert_eq!(find(&deep), None, "{git_is_a_file}");
            std::fs::write(repo.join(FILE_NAME), "").unwrap();
            assert_eq!(find(&deep), Some(repo.join(FILE_NAME)));
            assert_eq!(find(&repo), Some(repo.join(FILE_NAME)));
            std::fs::remove_file(repo.join(FILE_NAME)).unwrap();
        }
    }

    #[test]
    fn a_found_path_is_shown_from_the_current_directory() {
        let dir = Path::new("/work/repo");
        let file = dir.join(FILE_NAME);
        assert_eq!(shown_path(&file, Some(dir)), "bc-invoice.toml");
        assert_eq!(
            shown_path(&file, Some(&dir.join("a/b"))),
            "../../bc-invoice.toml"
        );
        assert_eq!(
            shown_path(Path::new("ci/settings.toml"), None),
            "ci/settings.toml"
        );
    }

    #[test]
    fn all_comes_first_so_named_rules_override_it() {
        let config =
            parse("strict = true\n[rules]\nknown-values = \"deny\"\nall = \"allow\"\n").unwrap();
        assert_eq!(
            config,
            Config {
                strict: true,
                max_size: None,
                rules: vec![
                    (RuleName::All, RuleLevel::Allow),
                    (RuleName::One(RuleId::KnownValues), RuleLevel::Deny)
                ],
            }
        );
    }

    #[test]
    fn a_long_key_or_value_is_cut_in_the_message() {
        let key = "k".repeat(1 << 16);
        let message = parse(&format!("{key} = true\n")).unwrap_err();
        assert_eq!(
            message,
            format!(
                "line 1, column 1: unknown field `{}… expected one of `strict`, `max-size`, `rules`",
                "k".repeat(79)
            )
        );
        let rule = format!("[rules]\n\"{}\" = \"deny\"\n", "r ".repeat(1 << 15));
        let message = parse(&rule).unwrap_err();
        assert_eq!(message.chars().count(), "line 2, column 1: ".len() + 2001);
        assert!(message.ends_with('…'), "{message}");
        // What the checks quote that is short is whole.
        assert_eq!(bounded("unknown rule \"nope\""), "unknown rule \"nope\"");
    }

    #[test]
    fn unknown_rules_levels_and_keys_are_refused() {
        let unknown_rule =
            parse("strict = true\n[rules]\n  no-such-rule = \"deny\"\n").unwrap_err();
        assert!(
            unknown_rule.starts_with(
                "line 3, column 3: [rules]: unknown rule \"no-such-rule\"; the rules are "
            ),
            "{unknown_rule}"
        );
        assert_eq!(
            parse("[rules]\nall = \"warn\"\nknown-values =  \"loud\"\n").unwrap_err(),
            "line 3, column 17: [rules] known-values: unknown rule level \"loud\"; expected allow, \
             warn or deny"
        );
        // A quoted key, and a dotted one outside the table: the position is the key's, as written.
        assert!(
            parse("[rules]\n\"nope\" = \"deny\"\n")
                .unwrap_err()
                .starts_with("line 2, column 1: [rules]: unknown rule \"nope\""),
        );
        assert!(
            parse("rules.nope = \"deny\"\n")
                .unwrap_err()
                .starts_with("line 1, column 7: [rules]: unknown rule \"nope\""),
        );
        let unknown_key = parse("stric = true\n").unwrap_err();
        assert!(
            unknown_key.starts_with("line 1, column 1: unknown field `stric`"),
            "{unknown_key}"
        );
        assert_eq!(parse("# é\nstrict = yes\n").unwrap_err().lines().count(), 1);
        assert_eq!(
            parse("").unwrap(),
            Config {
                strict: false,
                max_size: None,
                rules: vec![]
            }
        );
    }

    #[test]
    fn max_size_is_a_size_as_the_flag_takes_it_or_a_number_of_bytes() {
        let size = |text: &str| parse(text).map(|config| config.max_size);
        assert_eq!(size("max-size = \"64M\"\n"), Ok(Some(64 << 20)));
        assert_eq!(size("max-size = '2k'\n"), Ok(Some(2048)));
        assert_eq!(size("max-size = 1000\n"), Ok(Some(1000)));
        assert_eq!(size("max-size = 1_000\n"), Ok(Some(1000)));
        assert_eq!(size("strict = true\n"), Ok(None));
        assert_eq!(
            size("strict = true\nmax-size = \"64 MB\"\n").unwrap_err(),
            "line 2, column 12: max-size: expected a whole number of bytes, at least 1, with an \
             optional K, M or G (KiB, MiB, GiB), e.g. 64M"
        );
        for zero in ["max-size = \"0\"\n", "max-size = 0\n", "max-size = -1\n"] {
            assert_eq!(
                size(zero).unwrap_err(),
                "line 1, column 12: max-size: expected a size of at least 1 byte",
                "{zero}"
            );
        }
        assert_eq!(
            size("max-size = \"99999999999G\"\n").unwrap_err(),
            "line 1, column 12: max-size: expected a size of at most 18446744073709551615 bytes"
        );
        assert_eq!(
            size("max-size = true\n").unwrap_err(),
            "line 1, column 12: invalid type: boolean `true`, expected a size such as \"64M\", or a \
             number of bytes"
        );
        assert!(
            size("max_size = 1\n")
                .unwrap_err()
                .starts_with("line 1, column 1: unknown field `max_size`, expected one of"),
        );
    }
}
