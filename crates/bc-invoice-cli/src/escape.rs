//! Making text from a hostile file (its name, its values, its member names) safe to show.
//!
//! Two readers act on what they are shown rather than just displaying it:
//!
//! - a **terminal** obeys control characters (escape sequences, carriage returns, line feeds), and
//!   invisible or bidirectional formatting characters make it show something else than the text;
//! - the **GitHub Actions runner** reads every line of a step's output, standard output and standard
//!   error alike, for workflow commands: `::command …::` at the start of a line (after white space), and
//!   the legacy `##[command …]` *anywhere* in a line. Its matching is culture-sensitive, so characters
//!   that collation ignores (a soft hyphen, a zero-width space) do not break a `::` or a `##[`.
//!
//! [`terminal`] makes text safe for both: each [`is_unsafe_char`] becomes `?`, and the `[` of every
//! `##[` becomes `?` too. Lines and columns are unaffected (one character stands for one). The JSON
//! report keeps values exact and escapes the same characters instead (see [`json_text`]).

use std::borrow::Cow;

/// Whether a character must not reach a terminal or a CI log as it is: control characters (C0, DEL
/// and C1), the line and paragraph separators, and every default-ignorable code point (Unicode's
/// `Default_Ignorable_Code_Point`: the soft hyphen, zero-width characters, bidirectional marks,
/// embeddings, overrides and isolates, the byte-order mark, variation selectors, tags, …), plus the
/// interlinear annotation characters.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00ad}'
                | '\u{034f}'
                | '\u{061c}'
                | '\u{115f}'..='\u{1160}'
                | '\u{17b4}'..='\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff0}'..='\u{fffb}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

/// The legacy workflow-command marker the GitHub runner looks for anywhere in a line.
const LEGACY_COMMAND: &str = "##[";

/// `text` safe for a terminal and a CI log: every [`is_unsafe_char`] shown as `?`, and the `[` of
/// every `##[` shown as `?`. One character stands for one, so columns and carets stay aligned.
pub fn terminal(text: &str) -> Cow<'_, str> {
    terminal_with(text, '?')
}

/// As [`terminal`], with `replacement` for the unsafe characters (the source excerpt uses a space).
pub fn terminal_with(text: &str, replacement: char) -> Cow<'_, str> {
    // Printable ASCII, what nearly every name, pointer, message and excerpt is, holds no unsafe character:
    // a byte test settles it without decoding characters.
    let printable = text.bytes().all(|b| matches!(b, b' '..=b'~'));
    if (printable || !text.chars().any(is_unsafe_char)) && !text.contains(LEGACY_COMMAND) {
        return Cow::Borrowed(text);
    }
    let shown: String = text
        .chars()
        .map(|c| if is_unsafe_char(c) { replacement } else { c })
        .collect();
    Cow::Owned(shown.replace(LEGACY_COMMAND, "##?"))
}

/// A file name (already made safe by [`terminal`]) that can start a line: the text format's lines start
/// with the file's name, and a CI runner takes a line that starts with `::` (after white space) for a
/// workflow command. A name that starts with anything but a letter, a digit or ASCII punctuation other
/// than `:` is shown as `./name`, the same file.
pub fn line_start(name: &str) -> Cow<'_, str> {
    match name.chars().next() {
        Some(c) if c.is_alphanumeric() || (c.is_ascii_punctuation() && c != ':') => {
            Cow::Borrowed(name)
        }
        None => Cow::Borrowed(name),
        Some(_) => Cow::Owned(format!("./{name}")),
    }
}

/// JSON text (as `serde_json` writes it) with the same characters escaped instead of replaced: each
/// [`is_unsafe_char`] as `\uXXXX`, and the `[` of `##[` as `\u005b`. A JSON parser reads back exactly
/// the same strings, but the text itself can neither drive a terminal nor issue a workflow command.
/// Outside strings JSON text is white space and ASCII punctuation, digits and letters; inside them
/// `serde_json` escapes line feeds, carriage returns and tabs. So a line feed, carriage return or tab
/// is white space between tokens and stays, and every other such character is inside a string, where an
/// escape means the same.
pub fn json_text(json: String) -> String {
    let needs_escape = |c: char| is_unsafe_char(c) && !matches!(c, '\n' | '\r' | '\t');
    if !json.chars().any(needs_escape) && !json.contains(LEGACY_COMMAND) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs_escape(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else if c == '[' && out.ends_with("##") {
            out.push_str("\\u005b");
        } else {
            out.push(c);
        }
    }
    out
}

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

    #[test]
    fn legacy_workflow_commands_are_broken() {
        assert_eq!(
            terminal("x ##[stop-commands]t ###[error]y"),
            "x ##?stop-commands]t ###?error]y"
        );
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
    }

    #[test]
    fn json_text_escapes_and_reads_back_the_same() {
        let value = "\u{7f}\u{85}\u{202e}##[add-mask]x\u{e0041}";
        let json = json_text(serde_json::to_string(value).unwrap());
        assert_eq!(
            json,
            "\"\\u007f\\u0085\\u202e##\\u005badd-mask]x\\udb40\\udc41\""
        );
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), value);
        let pretty = serde_json::to_string_pretty(&[value, "\n"]).unwrap();
        let escaped = json_text(pretty.clone());
        assert_eq!(escaped.lines().count(), pretty.lines().count());
        assert_eq!(
            serde_json::from_str::<Vec<String>>(&escaped).unwrap(),
            [value, "\n"]
        );
    }
}
