//! `bc-invoice-validate`: checks Bharat Connect B2B invoice JSON files against the schema and the rules,
//! for people, CI and pre-commit. A thin layer of argument parsing and output over the
//! `bc-invoice-validate` library.
//!
//! Exit status: 0 every file valid, 1 at least one invalid, 2 usage error, a file that cannot be read or
//! a report that cannot be written.

mod args;
mod config;
mod escape;
mod input;
mod output;
mod parallel;
mod streams;

use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::process::ExitCode;

use bc_invoice_validate::rules::RULES;
use bc_invoice_validate::{RuleSet, Validator};

use args::{Cli, ColorWhen, Format};
use input::Source;
use output::{Body, Totals};

/// Usage errors, unreadable files and unwritable output.
const TROUBLE: u8 = 2;

fn main() -> ExitCode {
    survive_file_size_limit();
    let cli = Cli::parse_args();
    match cli.color {
        ColorWhen::Auto => {}
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
    }
    let settings = match Settings::from_cli(&cli) {
        Ok(settings) => settings,
        Err(message) => return usage_error(&message),
    };
    let result = if cli.list_rules && cli.format == Format::Sarif {
        // A log of rules and no results would read, once uploaded, as a run that found nothing.
        return usage_error(
            "--list-rules has no SARIF form: a SARIF log with no results reads as a clean run \
             (use --format json or text to list the rules; every SARIF report lists them in its driver)",
        );
    } else if cli.list_rules {
        list_rules(&settings, cli.format).map(|()| 0)
    } else {
        match sources(&cli) {
            Ok(sources) => check(&cli, &settings, &sources),
            Err(message) => return usage_error(&message),
        }
    };
    match result {
        Ok(status) => ExitCode::from(status),
        Err(e) => report_lost(&e),
    }
}

/// A write past the file size limit (`ulimit -f`, `RLIMIT_FSIZE`), to a report redirected to a file or
/// to the JSON report's temporary file, raises SIGXFSZ, which kills a process that does not handle it:
/// the run would end with no word of why (status 153 in a shell). With a handler the write fails with
/// `EFBIG` instead ("File too large"): the temporary file's entries go back to memory, and a report that
/// cannot be written is said so on standard error, status 2.
fn survive_file_size_limit() {
    #[cfg(unix)]
    {
        let seen = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, seen);
    }
}

/// The report could not be written (a closed pipe, a full disk): the run's verdict never reached its
/// reader, so the status is 2, and standard error says why.
fn report_lost(e: &io::Error) -> ExitCode {
    let reason = if e.kind() == io::ErrorKind::BrokenPipe {
        "standard output was closed before the report was written (broken pipe)".to_owned()
    } else {
        e.to_string()
    };
    streams::error_line(&format!("error: cannot write the report: {reason}\n"));
    ExitCode::from(TROUBLE)
}

/// Reports a usage error on standard error, made safe for a terminal and a CI log: it may quote a
/// hostile path or the settings file's text.
fn usage_error(message: &str) -> ExitCode {
    streams::error_line(&format!("error: {}\n", escape::terminal(message)));
    ExitCode::from(TROUBLE)
}

/// What the settings file and the flags add up to.
struct Settings {
    strict: bool,
    rules: RuleSet,
    /// The largest input read, in bytes: `--max-size`, else the file's `max-size`, else 1 GiB.
    max_size: u64,
    /// The settings file read, as shown in every report (relative to the current directory when it was
    /// found from there, as given with `--config`); `None` when none was read.
    file: Option<String>,
}

impl Settings {
    /// Rule levels from their defaults, then `bc-invoice.toml`, then the flags in order; strict as the
    /// last of `--strict` and `--no-strict` says, else as the file says; the size limit of the flag if
    /// given, else of the file.
    fn from_cli(cli: &Cli) -> Result<Self, String> {
        let (config, file) = if cli.no_config {
            (None, None)
        } else if let Some(path) = &cli.config {
            let config = config::load(path).map_err(|e| e.to_string())?;
            (Some(config), Some(config::shown_path(path, None)))
        } else {
            let cwd = std::env::current_dir().ok();
            match cwd.as_deref().and_then(config::find) {
                Some(found) => {
                    let config = config::load_found(&found).map_err(|e| e.to_string())?;
                    (
                        Some(config),
                        Some(config::shown_path(&found.path, cwd.as_deref())),
                    )
                }
                None => (None, None),
            }
        };
        let mut rules = RuleSet::default();
        // `--strict` and `--no-strict` override each other, so at most one is set.
        let flag_strict = match (cli.strict, cli.no_strict) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        };
        let config_rules = config.iter().flat_map(|config| &config.rules);
        for (name, level) in config_rules.chain(&cli.rule_flags) {
            name.set(&mut rules, *level);
        }
        let strict =
            flag_strict.unwrap_or_else(|| config.as_ref().is_some_and(|config| config.strict));
        let mut max_size = cli.max_size;
        if let Some(config) = &config {
            max_size = max_size.or(config.max_size);
        }
        Ok(Settings {
            strict,
            rules,
            max_size: max_size.unwrap_or(input::DEFAULT_MAX_INPUT_BYTES),
            file,
        })
    }
}

/// `--list-rules`: id, level in effect, summary, tolerance and source of every rule, and (in the text
/// format) the settings file that set the levels.
fn list_rules(settings: &Settings, format: Format) -> io::Result<()> {
    let rules = &settings.rules;
    // Plain text: no colour to strip. Waited for when non-blocking, as the report is.
    let mut out = io::BufWriter::new(streams::report());
    if format == Format::Json {
        // The array of rules, a contract shared with the service's /v1/rules and Python's rules(); the
        // settings file is named by the text format's last line and by every report.
        let text = bc_invoice_validate::render::pretty_escaped(
            &bc_invoice_validate::render::rules(rules),
            0,
        );
        writeln!(out, "{text}")?;
    } else {
        // One line per rule, then its tolerance and source indented under the summary.
        let width = RULES
            .iter()
            .map(|rule| rule.id.as_str().len())
            .max()
            .unwrap_or(0);
        for rule in RULES {
            let level = rules.level(rule.id).as_str();
            writeln!(out, "{:width$}  {level:5}  {}", rule.id, rule.summary)?;
            writeln!(
                out,
                "{:width$}         tolerance: {}; source: {}",
                "", rule.tolerance, rule.source
            )?;
        }
        // The level column cannot say that strictness (`--strict`, `strict = true`) fails a run on the
        // rules at `warn`: a line says so, above the settings line, which stays the last.
        if settings.strict {
            writeln!(out, "strict: every warning is an error")?;
        }
        writeln!(out, "{}", output::settings_line(settings.file.as_deref()))?;
    }
    out.flush()
}

/// The inputs named on the command line; standard input when none is, unless it is a terminal: a run
/// with no file named (an empty glob in a script) would otherwise wait, silent, for someone to type a
/// document. `-` still reads a terminal.
fn sources(cli: &Cli) -> Result<Vec<Source>, String> {
    if cli.files.is_empty() {
        if io::stdin().is_terminal() {
            return Err(
                "no FILE given, and standard input is a terminal: name the files to check, \
                        or pipe a document in (`-` reads standard input even from a terminal)"
                    .to_owned(),
            );
        }
        return Ok(vec![Source::Stdin]);
    }
    let sources: Vec<Source> = cli
        .files
        .iter()
        .map(|path| Source::from_arg(path))
        .collect();
    if sources.iter().filter(|s| **s == Source::Stdin).count() > 1 {
        return Err("standard input (`-`) can be named only once".to_owned());
    }
    Ok(sources)
}

/// Checks every input and writes the report; returns the exit status.
fn check(cli: &Cli, settings: &Settings, sources: &[Source]) -> io::Result<u8> {
    let validator = Validator::new()
        .strict(settings.strict)
        .rules(settings.rules.clone());
    let jobs = cli
        .jobs
        .map(usize::from)
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1);

    // Buffered: a line-buffered stdout would make a system call for every line of every report.
    let choice = anstream::AutoStream::choice(&io::stdout());
    let color = choice != anstream::ColorChoice::Never;
    let palette = output::text::Palette::new(color);
    let buffered = io::BufWriter::with_capacity(1 << 16, streams::report());
    // Plain text goes straight to the buffer; colour goes through anstream (which also serves consoles
    // that take colour by API rather than escape codes).
    let mut out: Box<dyn Write> = if color {
        let raw: Box<dyn Write> = Box::new(buffered);
        Box::new(anstream::AutoStream::new(raw, choice))
    } else {
        Box::new(buffered)
    };
    let mut totals = Totals::default();
    let mut json_files = output::spool::Spool::default();
    // The SARIF log is written as the run goes: its head now, each file's results as they come.
    let mut sarif = match cli.format {
        Format::Sarif => Some(output::sarif::Log::start(
            &mut out,
            &settings.rules,
            settings.strict,
        )?),
        _ => None,
    };
    let mut failure = None;
    let work = |source: &Source| match source.read(settings.max_size) {
        Ok(bytes) => {
            let report = validator.validate(cli.kind, &bytes);
            output::render(
                cli.format,
                cli.redact,
                &palette,
                source,
                Ok((&report, &bytes)),
            )
        }
        Err(reason) => output::render(cli.format, cli.redact, &palette, source, Err(&reason)),
    };
    let flow = parallel::map_in_order(sources, jobs, work, |result| {
        totals.add(&result);
        if let Some(message) = &result.read_error {
            // Keep the two streams in order on a terminal. The message is already safe to show.
            let _ = out.flush();
            streams::error_line(&format!("error: {message}\n"));
        }
        let written = match result.body {
            Body::Lines(text) => out.write_all(text.as_bytes()),
            Body::Json(file) => json_files.push(&file),
            Body::Sarif(file) => match &mut sarif {
                Some(log) => log.push(&mut out, file),
                None => Ok(()),
            },
        };
        match written {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                failure = Some(e);
                ControlFlow::Break(())
            }
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    debug_assert!(flow.is_continue());
    let file = settings.file.as_deref();
    match cli.format {
        Format::Text => {
            out.write_all(output::text::summary(&totals, file, &palette).as_bytes())?;
        }
        Format::Github => {
            writeln!(out, "{}", output::github::settings_notice(file))?;
            writeln!(out, "{}", output::with_settings(&totals.summary(), file))?;
        }
        Format::Json => {
            output::json::write_report(&mut out, totals.status() == 0, file, json_files)?;
        }
        Format::Sarif => {
            if let Some(log) = sarif {
                log.finish(&mut out, totals.status(), file, settings.strict)?;
            }
        }
    }
    out.flush()?;
    Ok(totals.status())
}
