//! Making text from a hostile file (its name, its values, its member names) safe to show.
//!
//! Two readers act on what they are shown rather than just displaying it:
//!
//! - a **terminal** obeys control characters (escape sequences, carriage returns, line feeds), and
//!   invisible or bidirectional formatting characters make it show something else than the text;
//! - **CI runners** read every line of a step's output, standard output and standard error alike, for
//!   commands: GitHub Actions takes `::command …::` at the start of a line (after white space), and
//!   the legacy `##[command …]` *anywhere* in a line; Azure Pipelines takes `##vso[…]` and `##[…]`, and
//!   TeamCity `##teamcity[…]`, anywhere too. GitHub's matching is culture-sensitive, so characters that
//!   collation ignores (a soft hyphen, a zero-width space) do not break a `::` or a `##[`.
//!
//! [`terminal`] makes text safe for all of them: each [`is_unsafe_char`] becomes `?` (but a joiner
//! inside an Indian or Arabic word, [`is_kept_joiner`]), and the `[` of every `##`, letters, `[` becomes
//! `?` too. Lines and columns are unaffected (one character stands for one). The JSON
//! report keeps values exact and escapes the same characters instead (see `bc_invoice_validate::render::escape_json_text`).

use std::borrow::Cow;

pub use bc_invoice_validate::render::{break_log_commands, is_unsafe_char};

/// `text` safe for a terminal and a CI log: every [`is_unsafe_char`] shown as `?`, and the `[` of
/// every log-command marker (`##[`, `##vso[`, `##teamcity[`: [`break_log_commands`]) shown as `?`. One
/// character stands for one, so columns and carets stay aligned.
pub fn terminal(text: &str) -> Cow<'_, str> {
    terminal_with(text, '?')
}

/// As [`terminal`], with `replacement` for the unsafe characters (the source excerpt uses a space).
pub fn terminal_with(text: &str, replacement: char) -> Cow<'_, str> {
    // Printable ASCII, what nearly every name, pointer, message and excerpt is, holds no unsafe character:
    // a byte test settles it without decoding characters.
    let printable = text.bytes().all(|b| matches!(b, b' '..=b'~'));
    if printable || !text.chars().any(is_unsafe_char) {
        return break_log_commands(text);
    }
    let mut previous = None;
    let shown: String = text
        .chars()
        .map(|c| {
            let unsafe_here = is_unsafe_char(c) && !is_kept_joiner(previous, c);
            previous = Some(c);
            if unsafe_here { replacement } else { c }
        })
        .collect();
    Cow::Owned(break_log_commands_in(shown))
}

/// Whether `c` is a zero-width non-joiner (U+200C) or joiner (U+200D) right after a character of a script
/// that is written with them, and is shown as it is. The scripts of India use them to choose a glyph:
/// Malayalam's chillu letters as written before Unicode 5.1 (`ന്‍`, NA, virama, ZWJ), Marathi's eyelash
/// RA (`र्‍`), Bengali's RA with YA-phala (`র‍্য`), a half form or a visible virama in Hindi, and Urdu's
/// (Arabic script's) non-joiner between the parts of a word (The Unicode Standard, ch. 12 and 23:
/// "Cursive Connection and Ligatures"; ch. 9 on Arabic). Shown as `?`, they broke every such word in a
/// message. Kept only after a letter, mark or digit of an Indian script (U+0900–U+0DFF, Devanagari to
/// Sinhala, a range that holds no format or control character) or an Arabic letter (not TATWEEL, which a
/// CI runner's comparison ignores), and only one: a joiner after another joiner, or after anything else,
/// is still `?`. A kept joiner is invisible only beside a visible letter: it cannot hide a `::` or a `##[`
/// (neither is a letter of those scripts, and [`break_log_commands`] sets every character beyond ASCII
/// aside), nor reorder the line as a bidirectional control would.
pub fn is_kept_joiner(previous: Option<char>, c: char) -> bool {
    matches!(c, '\u{200c}' | '\u{200d}')
        && previous.is_some_and(|p| {
            matches!(p, '\u{0900}'..='\u{0dff}')
                || (matches!(p, '\u{0620}'..='\u{06ff}') && p.is_alphabetic() && p != '\u{0640}')
        })
}

/// `text` with its log-command markers broken ([`break_log_commands`]), in place of a copy when it has
/// none.
pub fn break_log_commands_in(text: String) -> String {
    let broken = match break_log_commands(&text) {
        Cow::Owned(broken) => Some(broken),
        Cow::Borrowed(_) => None,
    };
    broken.unwrap_or(text)
}

/// A file name (already made safe by [`terminal`]) that can start a line: the text format's lines start
/// with the file's name, and a CI runner takes a line that starts with `::` (after white space, and after
/// characters its culture-sensitive comparison ignores, some of them letters: ARABIC TATWEEL) for a
/// workflow command. A name that starts with anything but a letter, a digit or ASCII punctuation other
/// than `:`, or whose first ASCII character other than white space is `:`, is shown as `./name`, the
/// same file. So is a name that starts as another runner's line marker does ([`GROUP_MARKERS`]), which
/// would fold the log around the line or hide it.
pub fn line_start(name: &str) -> Cow<'_, str> {
    let colon_first = name
        .chars()
        .find(|c| c.is_ascii() && !c.is_ascii_whitespace())
        == Some(':');
    let marker = GROUP_MARKERS.iter().any(|marker| {
        name.get(..marker.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(marker))
    });
    match name.chars().next() {
        Some(c)
            if !colon_first
                && !marker
                && (c.is_alphanumeric() || (c.is_ascii_punctuation() && c != ':')) =>
        {
            Cow::Borrowed(name)
        }
        None => Cow::Borrowed(name),
        Some(_) => Cow::Owned(format!("./{name}")),
    }
}

/// What starts a line that a CI runner reads as its own at the start of a line, other than GitHub's
/// `::`: Buildkite's group headers (`--- `, `+++ `, `~~~ `, and `^^^ +++` that opens the group before)
/// and Travis CI's folds and timers (`travis_fold:`, `travis_time:`). They group or hide the log rather
/// than run anything, but a file's name has no business doing either.
const GROUP_MARKERS: [&str; 6] = ["---", "+++", "~~~", "^^^", "travis_fold:", "travis_time:"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_invisible_and_bidi_characters_become_question_marks() {
        assert_eq!(
            terminal("a\u{1b}[2J\r\n\u{9b}b\u{202e}c\u{2066}\u{feff}\u{200b}\u{ad}\u{e0041}"),
            "a?[2J???b?c?????"
        );
        assert_eq!(terminal("plain café ✓"), Cow::Borrowed("plain café ✓"));
        assert_eq!(terminal_with("a\tb", ' '), "a b");
    }

    /// Round 12: a zero-width joiner or non-joiner after a letter of an Indian script or an Arabic letter
    /// is part of the word and is kept (the old code showed `?`, `തമിഴ്?നാട്`); anywhere else it is
    /// still unsafe, and so is every other invisible or bidirectional character.
    #[test]
    fn joiners_inside_indian_and_urdu_words_are_kept() {
        for word in [
            "തമിഴ്\u{200c}നാട്",
            "കണ്ണന്\u{200d} ടെക്സ്റ്റൈല്\u{200d}സ്",
            "कर्\u{200d}हाड",
            "র\u{200d}্যাক",
            "హిమాయత్\u{200c}నగర్",
            "کاغذ\u{200c}مشی",
            "क\u{200d}:",
        ] {
            assert_eq!(terminal(word), word, "{word:?}");
            assert_eq!(terminal_with(word, ' '), word, "{word:?}");
        }
        for (hostile, shown) in [
            ("a\u{200d}b", "a?b"),
            ("\u{200d}क", "?क"),
            ("क\u{200d}\u{200d}", "क\u{200d}?"),
            ("क\u{200b}ख", "क?ख"),
            ("क\u{202e}ख", "क?ख"),
            ("\u{640}\u{200c}::error::x", "\u{640}?::error::x"),
            (":\u{200d}:error::x", ":?:error::x"),
            ("#\u{200d}#[error]", "#?#[error]"),
            ("क\u{200d}##[error]", "क\u{200d}##?error]"),
            ("\u{600}\u{200d}", "\u{600}?"),
        ] {
            assert_eq!(terminal(hostile), shown, "{hostile:?}");
        }
    }

    #[test]
    fn log_commands_are_broken() {
        assert_eq!(
            terminal("x ##[stop-commands]t ###[error]y ##vso[task.complete]z ##teamcity[a]"),
            "x ##?stop-commands]t ###?error]y ##vso?task.complete]z ##teamcity?a]"
        );
        assert_eq!(terminal("\u{1b}##vso[x]"), "?##vso?x]");
        // An ignorable character between the marks does not hide it: it becomes `?` first.
        assert_eq!(terminal("#\u{ad}#[error]"), "#?#[error]");
    }

    #[test]
    fn a_name_starts_a_line_safely() {
        assert_eq!(line_start("a.json"), "a.json");
        assert_eq!(line_start("/tmp/a.json"), "/tmp/a.json");
        assert_eq!(line_start("<stdin>"), "<stdin>");
        assert_eq!(line_start("été.json"), "été.json");
        assert_eq!(line_start("::error::x"), "./::error::x");
        assert_eq!(line_start(" ::error::x"), "./ ::error::x");
        assert_eq!(line_start("\u{a0}::x"), "./\u{a0}::x");
        // ARABIC TATWEEL is a letter that a culture-sensitive comparison ignores, as GitHub's is.
        assert_eq!(line_start("\u{640}::error::x"), "./\u{640}::error::x");
        assert_eq!(
            line_start("\u{640}:\u{640}:error::x"),
            "./\u{640}:\u{640}:error::x"
        );
        assert_eq!(line_start("日本.json"), "日本.json");
        // Buildkite's group headers and Travis CI's folds and timers at the start of a line.
        for marker in [
            "--- :rocket: Deploy.json",
            "+++ Tests.json",
            "~~~ x.json",
            "^^^ +++",
            "---",
            "travis_fold:start:x.json",
            "TRAVIS_TIME:end:x",
        ] {
            assert_eq!(line_start(marker), format!("./{marker}"), "{marker:?}");
        }
        for kept in [
            "-- x.json",
            "-x.json",
            "+1.json",
            "~x.json",
            "travis.json",
            "^^.json",
        ] {
            assert_eq!(line_start(kept), kept, "{kept:?}");
        }
    }

    /// docs/cli.md names every marker that [`line_start`] sets aside, so the page cannot drift from the
    /// list.
    #[test]
    fn the_docs_name_every_line_marker() {
        let docs =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md")).unwrap();
        for marker in GROUP_MARKERS {
            assert!(docs.contains(&format!("`{marker}`")), "{marker}");
        }
    }
}
