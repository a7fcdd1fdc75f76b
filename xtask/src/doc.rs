//! Schema text as rustdoc: Markdown-escaped (so `[INV]{3}` is neither a link nor a footnote, and `\"` keeps
//! its backslash) and wrapped into lines that never start a Markdown block by accident.

/// Where wrapped doc lines end, counting the text after `/// `.
const WIDTH: usize = 92;

/// Escapes the characters Markdown would act on (`"` too, which rustdoc would curl; not `_`, which does
/// nothing inside a word such as `response_code`), outside the code spans the text already has: a
/// description that writes `` `format` `` keeps its code span, one that writes `[INV]{3}` keeps its brackets.
pub fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '`' {
            let run = run_length(&chars, i);
            if let Some(end) = closing_run(&chars, i + run, run) {
                out.extend(&chars[i..end + run]);
                i = end + run;
            } else {
                for _ in 0..run {
                    out.push_str("\\`");
                }
                i += run;
            }
            continue;
        }
        if matches!(chars[i], '\\' | '*' | '[' | ']' | '<' | '>' | '"') {
            out.push('\\');
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn run_length(chars: &[char], start: usize) -> usize {
    chars[start..].iter().take_while(|&&c| c == '`').count()
}

/// Where the next run of exactly `run` backticks at or after `from` starts.
fn closing_run(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '`' {
            let length = run_length(chars, i);
            if length == run {
                return Some(i);
            }
            i += length;
        } else {
            i += 1;
        }
    }
    None
}

/// `text` as a Markdown code span, with a fence longer than any backtick run inside it.
pub fn code(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let longest = (0..chars.len())
        .filter(|&i| chars[i] == '`')
        .map(|i| run_length(&chars, i))
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Wraps Markdown into lines of at most [`WIDTH`] characters where the words allow, keeping the line breaks
/// it has. A word that would start a line as a Markdown block (a list item, heading, quote, table row or
/// setext underline) stays on the line before.
pub fn wrap(markdown: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for source_line in markdown.split('\n') {
        let mut line = String::new();
        for word in source_line.split(' ').filter(|w| !w.is_empty()) {
            let fits = line.chars().count() + 1 + word.chars().count() <= WIDTH;
            if line.is_empty() || fits || starts_a_block(word) {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            } else {
                lines.push(std::mem::take(&mut line));
                line.push_str(word);
            }
        }
        lines.push(line);
    }
    lines
}

fn starts_a_block(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let after_digits = word[digits..].chars().next();
    word.starts_with(['-', '+', '*', '#', '>', '|', '=', '~'])
        || (digits > 0 && matches!(after_digits, Some('.' | ')')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_characters_are_escaped_outside_code_spans_only() {
        assert_eq!(
            escape(r#"pattern ^([^\\\"]){1,100}$ and [INV]{3}; `format` stays"#),
            r#"pattern ^(\[^\\\\\\\"\]){1,100}$ and \[INV\]{3}; `format` stays"#
        );
        assert_eq!(escape("a `b\\` c"), "a `b\\` c");
        assert_eq!(escape("one ` alone"), "one \\` alone");
        assert_eq!(escape("x<y> *z* a_b"), "x\\<y\\> \\*z\\* a_b");
    }

    #[test]
    fn code_spans_fence_backticks_inside_them() {
        assert_eq!(code("GST"), "`GST`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
    }

    #[test]
    fn wrapping_keeps_lines_short_and_never_starts_a_block() {
        // 18 words make 89 characters, "xy" makes 92: the next word would start the second line.
        let filler = "word ".repeat(18) + "xy";
        for marker in ["-", "+", "1.", "2)", "#", "|"] {
            let lines = wrap(&format!("{filler} {marker} not a block"));
            assert_eq!(
                lines,
                [format!("{filler} {marker}"), "not a block".to_owned()]
            );
        }
        let lines = wrap(&format!("{filler} plain words follow"));
        assert_eq!(lines, [filler.clone(), "plain words follow".to_owned()]);
        assert!(
            lines.iter().all(|l| l.chars().count() <= WIDTH),
            "{lines:?}"
        );
        assert_eq!(wrap("a\n\nb"), ["a", "", "b"]);
    }
}
