//! The command line: flags, their help, and the order in which rule flags were given.

use std::ffi::OsString;
use std::io::Write as _;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use std::fmt;
use std::str::FromStr;

use bc_invoice_validate::rules::UnknownRule;
use bc_invoice_validate::{DocumentKind, RuleId, RuleLevel, RuleSet};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::error::ErrorKind;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, ValueEnum};

use crate::escape;

/// Shown after the options in `--help`.
const AFTER_HELP: &str = "\
Exit status:
  0  every file is valid (warnings allowed)
  1  at least one file is invalid; malformed JSON is invalid (keyword `syntax`)
  2  usage error, bad bc-invoice.toml, a file that cannot be read, or a report
     that cannot be written

Rule levels: each rule starts at its default level (see --list-rules). Then
bc-invoice.toml, the nearest in the current directory or above it, up to the
repository's root, may change them ([rules] gstin-checksum = \"deny\",
all = \"warn\"), set strict = true and max-size = \"64M\".
Then --allow, --warn and --deny apply in the order given: the command line wins,
as --max-size does over max-size.";

/// Checks Bharat Connect B2B invoice JSON documents against the schema and the rules, reporting every
/// error with its field path, line and column.
#[derive(Debug, Parser)]
#[command(name = "bc-invoice-validate", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// JSON files to check; `-` reads standard input, as does no file unless standard input is a
    /// terminal. Several files are checked in parallel and reported in the order given.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Check every file as this document instead of detecting the kind from its top-level members.
    #[arg(long, value_name = "KIND", value_parser = kind_parser())]
    pub kind: Option<DocumentKind>,

    /// How to report: `text` for people, `json` for programs, `github` for GitHub Actions annotations,
    /// `sarif` for code scanning (SARIF 2.1.0).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Make every warning an error.
    #[arg(long, overrides_with = "no_strict")]
    pub strict: bool,

    /// Keep warnings warnings, even where `bc-invoice.toml` sets `strict = true` (the last of `--strict`
    /// and `--no-strict` wins).
    #[arg(long, overrides_with = "strict")]
    pub no_strict: bool,

    /// Mask the offending values in every format (documents carry bank accounts, VPAs, phones, e-mails).
    #[arg(long)]
    pub redact: bool,

    /// Make a rule's findings errors (repeatable; `all` for every rule).
    #[arg(long, value_name = "RULE", value_parser = RuleName::from_str)]
    pub deny: Vec<RuleName>,

    /// Make a rule's findings warnings (repeatable; `all` for every rule).
    #[arg(long, value_name = "RULE", value_parser = RuleName::from_str)]
    pub warn: Vec<RuleName>,

    /// Turn a rule off (repeatable; `all` for every rule).
    #[arg(long, value_name = "RULE", value_parser = RuleName::from_str)]
    pub allow: Vec<RuleName>,

    /// Print every rule's id, level in effect and summary, then exit.
    ///
    /// It checks nothing, so it refuses files: `--list-rules invoices/*.json` in a CI step would
    /// otherwise exit 0 with no file checked.
    #[arg(long, conflicts_with = "files")]
    pub list_rules: bool,

    /// Read the settings from this file instead of looking for bc-invoice.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore any bc-invoice.toml.
    #[arg(long)]
    pub no_config: bool,

    /// How many files to check at once [default: the number of CPUs].
    #[arg(short, long, value_name = "N", value_parser = jobs_parser)]
    pub jobs: Option<NonZeroUsize>,

    /// Refuse a file, or standard input, larger than SIZE bytes: digits, with an optional K, M or G
    /// (KiB, MiB, GiB), e.g. 64M. Overrides max-size in bc-invoice.toml [default: 1G].
    #[arg(long, value_name = "SIZE", value_parser = size_parser)]
    pub max_size: Option<u64>,

    /// When to colour the text report.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// The rule flags in the order they were given on the command line.
    #[arg(skip)]
    pub rule_flags: Vec<(RuleName, RuleLevel)>,
}

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `file:line:column: path: message`, the source line with a caret, and a summary.
    Text,
    /// One JSON object on standard output (the contract is in docs/cli.md).
    Json,
    /// GitHub Actions workflow commands: `::error file=F,line=L,col=C::message`.
    Github,
    /// One SARIF 2.1.0 log, for code scanning (GitHub's upload-sarif, Azure DevOps, VS Code).
    Sarif,
}

/// When the text report is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Only on a terminal, and not when `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl Cli {
    /// Parses the process's arguments; exits with status 2 on a usage error, 0 for `--help`/`--version`.
    ///
    /// A usage error quotes the offending argument, which may be a hostile file name or value: the error
    /// is rendered from the arguments made safe for a terminal and a CI log ([`escape::terminal`]), so
    /// that no control character, line break or workflow command reaches standard error.
    pub fn parse_args() -> Self {
        let args: Vec<OsString> = std::env::args_os().collect();
        let parsed = Cli::command()
            .try_get_matches_from(&args)
            .and_then(|matches| {
                let mut cli = Cli::from_arg_matches(&matches)?;
                cli.rule_flags = rule_flags_in_order(&matches);
                Ok(cli)
            });
        match parsed {
            Ok(cli) => cli,
            Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
                // Printed to standard output, which may fail like a report does.
                let written = e
                    .print()
                    .and_then(|()| std::io::Write::flush(&mut std::io::stdout()));
                if let Err(failure) = written {
                    let _ = writeln!(std::io::stderr(), "error: cannot write the help: {failure}");
                    std::process::exit(2);
                }
                std::process::exit(0)
            }
            Err(e) => safe_usage_error(&args, e).exit(),
        }
    }
}

/// The usage error `error` as clap would render it for the same arguments made safe to show. Making an
/// argument safe replaces characters with `?`, which no valid flag or value holds, so the arguments
/// stay wrong in the same way.
fn safe_usage_error(args: &[OsString], error: clap::Error) -> clap::Error {
    let safe: Vec<String> = args
        .iter()
        .map(|arg| escape::terminal(&arg.to_string_lossy()).into_owned())
        .collect();
    if safe
        .iter()
        .zip(args)
        .all(|(safe, arg)| arg == safe.as_str())
    {
        return error.format(&mut Cli::command());
    }
    let mut command = Cli::command();
    match command.try_get_matches_from_mut(&safe).and_then(|matches| {
        Cli::from_arg_matches(&matches)?;
        Ok(())
    }) {
        Err(safe_error) => safe_error.format(&mut command),
        // Cannot happen (see above); say what is wrong without quoting it.
        Ok(()) => command.error(
            ErrorKind::InvalidValue,
            "an argument holds a character that is not allowed in a flag or its value",
        ),
    }
}

/// `--allow`, `--warn` and `--deny` values sorted by their position on the command line, so that
/// `--deny all --allow pincode` means what it says.
fn rule_flags_in_order(matches: &ArgMatches) -> Vec<(RuleName, RuleLevel)> {
    let mut flags = Vec::new();
    for (id, level) in [
        ("allow", RuleLevel::Allow),
        ("warn", RuleLevel::Warn),
        ("deny", RuleLevel::Deny),
    ] {
        let (Some(values), Some(indices)) =
            (matches.get_many::<RuleName>(id), matches.indices_of(id))
        else {
            continue;
        };
        flags.extend(indices.zip(values).map(|(at, rule)| (at, *rule, level)));
    }
    flags.sort_by_key(|(at, _, _)| *at);
    flags
        .into_iter()
        .map(|(_, rule, level)| (rule, level))
        .collect()
}

/// `--jobs N`: a whole number of at least 1, said so in words rather than in Rust's (`number would be zero
/// for non-zero type`).
fn jobs_parser(value: &str) -> Result<NonZeroUsize, String> {
    match value.parse::<usize>() {
        Ok(n) => NonZeroUsize::new(n)
            .ok_or_else(|| "expected a number of files of at least 1".to_owned()),
        Err(_) => Err("expected a whole number of files, at least 1".to_owned()),
    }
}

/// `--max-size SIZE`, and `max-size` in the settings file: a whole number of bytes of at least 1, with an
/// optional suffix `K`, `M` or `G` (KiB, MiB, GiB; either case), e.g. `64M`. Nothing else: no sign, no
/// space, no fraction, no `B`; a size past what 64 bits hold is refused rather than wrapped.
pub fn size_parser(value: &str) -> Result<u64, String> {
    let (digits, shift) = match value.as_bytes().last() {
        Some(b'K' | b'k') => (&value[..value.len() - 1], 10),
        Some(b'M' | b'm') => (&value[..value.len() - 1], 20),
        Some(b'G' | b'g') => (&value[..value.len() - 1], 30),
        _ => (value, 0),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(
            "expected a whole number of bytes, at least 1, with an optional K, M or G (KiB, MiB, GiB), \
             e.g. 64M"
                .to_owned(),
        );
    }
    let too_large = || format!("expected a size of at most {} bytes", u64::MAX);
    let size = digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .ok_or_else(too_large)?;
    if size == 0 {
        return Err("expected a size of at least 1 byte".to_owned());
    }
    Ok(size)
}

fn kind_parser() -> impl TypedValueParser<Value = DocumentKind> {
    PossibleValuesParser::new(DocumentKind::ALL.iter().map(|kind| kind.as_str()))
        .try_map(|name| name.parse::<DocumentKind>())
}

/// What a rule flag or a settings file's `[rules]` key names: `all`, or one rule by its id. The edge where a
/// rule's name becomes a [`RuleId`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleName {
    /// `all`: every rule.
    All,
    /// One rule.
    One(RuleId),
}

impl RuleName {
    /// Sets the level of the rule (or rules) named.
    pub fn set(self, rules: &mut RuleSet, level: RuleLevel) {
        match self {
            RuleName::All => rules.set_all(level),
            RuleName::One(id) => rules.set(id, level),
        }
    }
}

impl FromStr for RuleName {
    type Err = UnknownRule;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "all" => Ok(RuleName::All),
            id => id.parse().map(RuleName::One),
        }
    }
}

impl fmt::Display for RuleName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleName::All => f.write_str("all"),
            RuleName::One(id) => f.write_str(id.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn rule_flags_keep_their_command_line_order() {
        let matches = Cli::command().get_matches_from([
            "bc-invoice-validate",
            "--deny",
            "all",
            "a.json",
            "--allow",
            "known-values",
            "--warn",
            "all",
            "--deny",
            "known-values",
        ]);
        assert_eq!(
            rule_flags_in_order(&matches),
            [
                (RuleName::All, RuleLevel::Deny),
                (RuleName::One(RuleId::KnownValues), RuleLevel::Allow),
                (RuleName::All, RuleLevel::Warn),
                (RuleName::One(RuleId::KnownValues), RuleLevel::Deny),
            ]
        );
    }

    #[test]
    fn a_size_is_digits_with_an_optional_binary_suffix() {
        for (value, size) in [
            ("1", 1),
            ("1048576", 1 << 20),
            ("64K", 64 << 10),
            ("64k", 64 << 10),
            ("64M", 64 << 20),
            ("1G", 1 << 30),
            ("007m", 7 << 20),
            ("18446744073709551615", u64::MAX),
            ("17179869183G", 17_179_869_183 << 30),
        ] {
            assert_eq!(size_parser(value), Ok(size), "{value}");
        }
        let garbage = "expected a whole number of bytes, at least 1, with an optional K, M or G (KiB, \
                       MiB, GiB), e.g. 64M";
        for value in [
            "", "M", "-1", "+1", " 1", "1 ", "1.5M", "1KB", "1KiB", "1T", "0x10", "ten", "1_000",
        ] {
            assert_eq!(size_parser(value).unwrap_err(), garbage, "{value:?}");
        }
        for value in ["0", "0K", "000G"] {
            assert_eq!(
                size_parser(value).unwrap_err(),
                "expected a size of at least 1 byte",
                "{value}"
            );
        }
        for value in [
            "18446744073709551616",
            "17179869184G",
            "99999999999999999999999K",
        ] {
            assert_eq!(
                size_parser(value).unwrap_err(),
                "expected a size of at most 18446744073709551615 bytes",
                "{value}"
            );
        }
    }

    #[test]
    fn a_rule_name_is_all_or_an_id() {
        assert_eq!("all".parse::<RuleName>(), Ok(RuleName::All));
        assert_eq!(
            "gstin-checksum".parse::<RuleName>(),
            Ok(RuleName::One(RuleId::GstinChecksum))
        );
        assert_eq!(
            RuleName::One(RuleId::GstinChecksum).to_string(),
            "gstin-checksum"
        );
        assert_eq!(RuleName::All.to_string(), "all");
        let err = "gstin-chksum".parse::<RuleName>().unwrap_err();
        assert_eq!(err.suggestion(), Some(RuleId::GstinChecksum));
        let mut rules = RuleSet::default();
        RuleName::All.set(&mut rules, RuleLevel::Deny);
        RuleName::One(RuleId::Pincode).set(&mut rules, RuleLevel::Allow);
        assert!(rules.iter().all(|(rule, level)| level
            == if rule.id == RuleId::Pincode {
                RuleLevel::Allow
            } else {
                RuleLevel::Deny
            }));
    }
}
