//! The source line under a text finding, cut to a window around the offending value, with a caret under
//! it, and with `--redact` every value in the window masked.
//!
//! Findings come in document order, so one forward pass over the text finds every line start and, for
//! redaction, whether a window starts inside a string: a minified 200 MB one-line document costs one scan,
//! not one per finding.

use std::borrow::Cow;

use memchr::{memchr, memchr2, memrchr};
use unicode_segmentation::GraphemeCursor;

use crate::escape;

/// Characters shown before the offending value when the line is longer.
const BEFORE: usize = 40;
/// Characters shown from the offending value on when the line is longer.
const AFTER: usize = 80;
/// How far past the window a string's end is looked for, to tell a member name (kept) from a value
/// (masked). A string that does not end by then is treated as a value.
const LOOKAHEAD: usize = 256;
/// Bytes looked at on either side of a window's cut for where a character cluster starts. Only a hostile
/// file writes a longer cluster (a letter under hundreds of combining marks); it is cut where the look
/// ends, so that no finding costs more than this look.
const CLUSTER_LOOK: usize = 64;
/// What a masked value shows, as in the finding's message.
pub use bc_invoice_validate::render::MASK;

/// One excerpt: the text to show and the 0-based character column of the caret in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The line (or the window of it), printable: control characters are shown as spaces.
    pub text: String,
    /// How many characters of `text` precede the caret.
    pub caret: usize,
}

/// Where a forward scan stands relative to JSON strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scan {
    Outside,
    InString,
    /// Just after a backslash inside a string.
    Escape,
}

/// Excerpts of one document, asked for in ascending offset order (other orders work, only slower).
pub struct Excerpts<'a> {
    bytes: &'a [u8],
    redact: bool,
    /// The last offset asked for, and the start of its line.
    seen: usize,
    line_start: usize,
    /// Where the string scan stands, for redaction.
    scan_at: usize,
    scan: Scan,
}

impl<'a> Excerpts<'a> {
    /// Excerpts of `bytes`; with `redact`, values are masked.
    pub fn new(bytes: &'a [u8], redact: bool) -> Self {
        Excerpts {
            bytes,
            redact,
            seen: 0,
            line_start: 0,
            scan_at: 0,
            scan: Scan::Outside,
        }
    }

    /// The excerpt around `offset`. With redaction, `mask_name_at_offset` also masks the member name
    /// that starts at `offset` (an unknown member's name may be misplaced data).
    pub fn excerpt(&mut self, offset: usize, mask_name_at_offset: bool) -> Excerpt {
        let bytes = self.bytes;
        let offset = offset.min(bytes.len());
        let line_start = self.line_start(offset);

        let mut start = offset;
        let mut chars = 0;
        while start > line_start && chars < BEFORE {
            start -= 1;
            if !is_continuation(bytes[start]) {
                chars += 1;
            }
        }
        // A cut falls between two characters, which may be one cluster: a letter and its vowel sign or
        // virama, a letter and a joiner. The window starts where the next cluster starts, so that no mark
        // is drawn on the `…`, and ends where the last whole one does.
        if start > line_start {
            start = next_cluster(bytes, start, offset);
        }
        let (mut end, cut_right) = window_end(bytes, offset);
        if cut_right {
            end = last_cluster_end(bytes, offset, end);
        }
        let mut line_end = end;
        if !cut_right && line_end > start && bytes[line_end - 1] == b'\r' {
            line_end -= 1;
        }
        let end = line_end.max(offset);

        let mut text = String::new();
        let cut_left = start > line_start;
        if cut_left {
            text.push('…');
        }
        let caret = if self.redact {
            let state = self.scan_to(start, line_start);
            let masked = MaskedWindow {
                bytes,
                start,
                end,
                offset,
                mask_name_at_offset,
            };
            masked.render(state, &mut text)
        } else {
            let caret = text.chars().count() + printable(&bytes[start..offset]).chars().count();
            push_printable(&mut text, &bytes[start..end]);
            caret
        };
        if cut_right {
            text.push('…');
        }
        // Pieces were made safe one by one; a log-command marker (`##vso[`) may still span two of them.
        let text = escape::break_log_commands_in(text);
        Excerpt { text, caret }
    }

    /// The start of the line holding `offset`.
    fn line_start(&mut self, offset: usize) -> usize {
        let bytes = self.bytes;
        if offset >= self.seen {
            if let Some(at) = memrchr(b'\n', &bytes[self.seen..offset]) {
                self.line_start = self.seen + at + 1;
            }
        } else {
            self.line_start = memrchr(b'\n', &bytes[..offset]).map_or(0, |at| at + 1);
        }
        self.seen = offset;
        self.line_start
    }

    /// The string state at `to`, scanning forward from where the last scan stopped. A JSON string
    /// cannot hold a raw line break, so a line starts outside any string.
    fn scan_to(&mut self, to: usize, line_start: usize) -> Scan {
        if self.scan_at < line_start || to < self.scan_at {
            self.scan_at = line_start;
            self.scan = Scan::Outside;
        }
        let (at, scan) = advance(self.bytes, self.scan_at, to, self.scan);
        self.scan_at = at;
        self.scan = scan;
        scan
    }
}

/// Where the window from `offset` ends, and whether it cuts the line short.
fn window_end(bytes: &[u8], offset: usize) -> (usize, bool) {
    let limit = bytes.len().min(offset.saturating_add(AFTER * 4));
    let newline = memchr(b'\n', &bytes[offset..limit]).map(|at| offset + at);
    let stop = newline.unwrap_or(limit);
    let mut end = offset;
    let mut chars = 0;
    while end < stop {
        if !is_continuation(bytes[end]) {
            if chars == AFTER {
                return (end, true);
            }
            chars += 1;
        }
        end += 1;
    }
    (end, newline.is_none() && end < bytes.len())
}

/// `at`, a character's start inside a line, moved forward to where the next character cluster starts
/// (itself if one starts there), not past `limit` (a character's start). Invalid UTF-8 around it, or a cluster
/// that needs more than [`CLUSTER_LOOK`] bytes before it to tell (a run of regional indicators), leaves `at`.
fn next_cluster(bytes: &[u8], at: usize, limit: usize) -> usize {
    let from = char_start_at_or_after(bytes, at.saturating_sub(CLUSTER_LOOK));
    let to = char_start_at_or_before(bytes, limit.min(at + CLUSTER_LOOK)).max(at);
    to_cluster_boundary(bytes, from..to, at, Direction::Forward)
}

/// `end`, a character's start where a window is cut, moved back to where the cluster holding it starts
/// (itself if one starts there), not before `floor` (a character's start); as [`next_cluster`], looking at
/// most [`CLUSTER_LOOK`] bytes either way.
fn last_cluster_end(bytes: &[u8], floor: usize, end: usize) -> usize {
    let from = char_start_at_or_after(bytes, end.saturating_sub(CLUSTER_LOOK).max(floor)).min(end);
    let to = char_start_at_or_before(bytes, bytes.len().min(end + CLUSTER_LOOK)).max(end);
    to_cluster_boundary(bytes, from..to, end, Direction::Back)
}

/// Which way [`to_cluster_boundary`] moves.
#[derive(Clone, Copy)]
enum Direction {
    Forward,
    Back,
}

/// `at`, inside `within` (the bytes looked at, character starts both), moved the given way to the nearest
/// cluster boundary, itself if it is one; `at` itself when the bytes are not UTF-8 or the look is too short
/// to tell.
fn to_cluster_boundary(
    bytes: &[u8],
    within: std::ops::Range<usize>,
    at: usize,
    direction: Direction,
) -> usize {
    let from = within.start;
    let Ok(chunk) = std::str::from_utf8(&bytes[within]) else {
        return at;
    };
    let mut cursor = GraphemeCursor::new(at - from, chunk.len(), true);
    let moved = match (cursor.is_boundary(chunk, 0), direction) {
        (Ok(false), Direction::Forward) => cursor.next_boundary(chunk, 0),
        (Ok(false), Direction::Back) => cursor.prev_boundary(chunk, 0),
        _ => return at,
    };
    moved.ok().flatten().map_or(at, |boundary| from + boundary)
}

/// The first character start at or after `at`.
fn char_start_at_or_after(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && is_continuation(bytes[at]) {
        at += 1;
    }
    at
}

/// The last character start at or before `at`.
fn char_start_at_or_before(bytes: &[u8], mut at: usize) -> usize {
    while at > 0 && at < bytes.len() && is_continuation(bytes[at]) {
        at -= 1;
    }
    at
}

/// Scans the bytes `from..to` starting in state `scan`; returns where it stopped and the state there.
fn advance(bytes: &[u8], from: usize, to: usize, mut scan: Scan) -> (usize, Scan) {
    let mut at = from;
    while at < to {
        match scan {
            Scan::Outside => match memchr(b'"', &bytes[at..to]) {
                Some(found) => {
                    at += found + 1;
                    scan = Scan::InString;
                }
                None => at = to,
            },
            Scan::InString => match memchr2(b'"', b'\\', &bytes[at..to]) {
                Some(found) => {
                    scan = if bytes[at + found] == b'"' {
                        Scan::Outside
                    } else {
                        Scan::Escape
                    };
                    at += found + 1;
                }
                None => at = to,
            },
            Scan::Escape => {
                at += 1;
                scan = Scan::InString;
            }
        }
    }
    (at, scan)
}

/// A window rendered with every value masked.
struct MaskedWindow<'a> {
    bytes: &'a [u8],
    start: usize,
    end: usize,
    offset: usize,
    mask_name_at_offset: bool,
}

impl MaskedWindow<'_> {
    /// Appends the window to `out`, masked; returns the caret's character column in `out`.
    ///
    /// Shown as they are: JSON white space, the structural characters `{}[]:,`, the literals `true`,
    /// `false` and `null`, and a member name the schema declares (a string followed by `:`). Every
    /// other token is masked as one [`MASK`]: strings (values, and member names the schema does not
    /// declare, which may be misplaced data), numbers, and any run of characters the scanner does not
    /// recognise (a misspelt literal, bare text in malformed JSON).
    fn render(&self, state: Scan, out: &mut String) -> usize {
        let bytes = self.bytes;
        let mut caret = None;
        let mut at = self.start;
        let mut scan = state;
        while at < self.end {
            let token_start = at;
            let (token_end, kind) = if scan != Scan::Outside {
                // The window starts inside a string: it is cut, so it is masked whatever it is.
                (self.string_end(at, scan), Token::CutString)
            } else if bytes[at] == b'"' {
                (self.string_end(at + 1, Scan::InString), Token::String)
            } else if is_separator(bytes[at]) {
                (at + 1, Token::Punctuation)
            } else {
                let len = bytes[at..self.end]
                    .iter()
                    .take_while(|&&b| !is_separator(b) && b != b'"')
                    .count();
                (at + len, Token::Word)
            };
            scan = Scan::Outside;
            let shown_end = token_end.min(self.end);
            let masked = match kind {
                Token::CutString => true,
                Token::String => {
                    let is_known_name = token_end != usize::MAX
                        && self.followed_by_colon(token_end)
                        && std::str::from_utf8(&bytes[token_start + 1..token_end - 1])
                            .is_ok_and(bc_invoice_validate::render::is_schema_member);
                    !is_known_name || (self.mask_name_at_offset && token_start == self.offset)
                }
                // A literal is shown only whole: the window may cut a longer run of bare text
                // (`xnull`, `trueSECRET`) down to one.
                Token::Word => {
                    let cut_before = token_start == self.start
                        && token_start > 0
                        && is_word(bytes[token_start - 1]);
                    let cut_after = bytes.get(shown_end).is_some_and(|&b| is_word(b));
                    cut_before
                        || cut_after
                        || !matches!(&bytes[token_start..shown_end], b"true" | b"false" | b"null")
                }
                Token::Punctuation => false,
            };
            let holds_caret = (token_start..shown_end).contains(&self.offset);
            if masked {
                if holds_caret {
                    caret = Some(out.chars().count());
                }
                out.push_str(MASK);
            } else {
                if holds_caret {
                    caret = Some(
                        out.chars().count()
                            + printable(&bytes[token_start..self.offset]).chars().count(),
                    );
                }
                push_printable(out, &bytes[token_start..shown_end]);
            }
            at = shown_end;
        }
        caret.unwrap_or_else(|| out.chars().count())
    }

    /// The index just past the string that `at` is inside of (in state `scan`), looking no further than
    /// [`LOOKAHEAD`] past the window; `usize::MAX` when it does not end by then.
    fn string_end(&self, at: usize, scan: Scan) -> usize {
        let limit = self.bytes.len().min(self.end + LOOKAHEAD);
        let mut at = at.min(limit);
        let mut scan = scan;
        while at < limit {
            let (next, state) = advance(self.bytes, at, at + 1, scan);
            at = next;
            if state == Scan::Outside {
                return at;
            }
            scan = state;
        }
        usize::MAX
    }

    /// Whether the string ending at `end` is a member name: a colon follows it.
    fn followed_by_colon(&self, end: usize) -> bool {
        let limit = self.bytes.len().min(self.end + LOOKAHEAD);
        self.bytes
            .get(end..limit)
            .and_then(|rest| rest.iter().find(|b| !is_json_space(**b)))
            == Some(&b':')
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// A string, from its opening quote.
    String,
    /// The rest of a string the window starts inside of.
    CutString,
    /// A run of anything but white space, punctuation and quotes: a number, `true`, `false`, `null`,
    /// or text the scanner does not recognise.
    Word,
    /// JSON white space or one of `{}[]:,`: never data.
    Punctuation,
}

/// JSON white space and structural characters, which end a word.
fn is_separator(byte: u8) -> bool {
    is_json_space(byte) || matches!(byte, b'{' | b'}' | b'[' | b']' | b':' | b',')
}

/// Whether a byte belongs to a word (a run of anything but white space, punctuation and quotes).
fn is_word(byte: u8) -> bool {
    !is_separator(byte) && byte != b'"'
}

fn is_json_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

/// The bytes as text, invalid UTF-8 shown as U+FFFD and unsafe characters (control, invisible and
/// bidirectional formatting characters: [`escape::is_unsafe_char`]) as spaces, so that a hostile file
/// can neither drive the terminal nor reorder the line, and the caret stays aligned; the `[` of a
/// log-command marker (`##[`, `##vso[`, `##teamcity[`) shows as `?`, so that a CI runner does not take the
/// line for a command.
fn printable(bytes: &[u8]) -> Cow<'_, str> {
    match String::from_utf8_lossy(bytes) {
        Cow::Borrowed(text) => escape::terminal_with(text, ' '),
        Cow::Owned(text) => Cow::Owned(escape::terminal_with(&text, ' ').into_owned()),
    }
}

fn push_printable(out: &mut String, bytes: &[u8]) {
    out.push_str(&printable(bytes));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str, offset: usize, redact: bool) -> (String, usize) {
        let e = Excerpts::new(text.as_bytes(), redact).excerpt(offset, false);
        (e.text, e.caret)
    }

    #[test]
    fn the_caret_sits_under_the_value() {
        let text = "{\n  \"buyerResponse\": \"MAYBE\",\n  \"newVersion\": 1\n}\n";
        let offset = text.find("\"MAYBE\"").unwrap();
        assert_eq!(
            show(text, offset, false),
            ("  \"buyerResponse\": \"MAYBE\",".to_owned(), 19)
        );
        assert_eq!(
            show(text, offset, true),
            ("  \"buyerResponse\": [redacted],".to_owned(), 19)
        );
        let one = text.find('1').unwrap();
        assert_eq!(
            show(text, one, true),
            ("  \"newVersion\": [redacted]".to_owned(), 16)
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_value_and_still_masked() {
        let mut text = String::from("{");
        for i in 0..50 {
            text.push_str(&format!("\"member{i}\": \"secret-{i}\", \"city\": {i}, "));
        }
        text.push_str("\"state\": \"MAYBE\"}");
        let offset = text.find("\"MAYBE\"").unwrap();
        let (plain, caret) = show(&text, offset, false);
        assert!(plain.starts_with('…'), "{plain}");
        assert_eq!(plain.chars().skip(caret).collect::<String>(), "\"MAYBE\"}");
        assert_eq!(plain.chars().count(), 1 + BEFORE + 8);
        let (masked, caret) = show(&text, offset, true);
        assert!(
            !masked.contains("secret") && !masked.contains("MAYBE") && !masked.contains("member"),
            "{masked}"
        );
        assert_eq!(
            masked.chars().skip(caret).collect::<String>(),
            "[redacted]}"
        );
        assert!(
            masked
                .ends_with("[redacted]: [redacted], \"city\": [redacted], \"state\": [redacted]}"),
            "{masked}"
        );
    }

    /// Whether `c` continues the cluster before it in the test's texts: a Malayalam or Devanagari vowel
    /// sign or virama, a joiner, a combining accent.
    fn continues_a_cluster(c: char) -> bool {
        matches!(c, '\u{0D3E}'..='\u{0D4D}' | '\u{093E}'..='\u{094D}' | '\u{200C}' | '\u{200D}' | '\u{0300}'..='\u{036F}')
    }

    #[test]
    fn a_cut_window_starts_and_ends_on_a_cluster_boundary() {
        // Words whose letters carry vowel signs, viramas and joiners; every shift of the line by one
        // character moves the cuts through them.
        let words = "കൃഷ്ണന്\u{200D} ഫാർമസ്യൂട്ടിക്കൽസ് कृष्णमूर्ति क्षत्रिय e\u{301}e\u{301}e\u{301} ";
        let mut cut_on_a_mark = 0;
        for shift in 0..40 {
            let line = format!(
                "{{\"name\": \"{}{}\", \"state\": \"MAYBE\", \"address\": \"{}{}\"}}",
                words.repeat(3),
                "x".repeat(shift),
                "x".repeat(shift),
                words.repeat(6)
            );
            let offset = line.find("\"MAYBE\"").unwrap();
            for redact in [false, true] {
                let (shown, caret) = show(&line, offset, redact);
                let inner = shown.strip_prefix('…').expect("cut on the left");
                let inner = inner.strip_suffix('…').expect("cut on the right");
                assert!(
                    !inner.starts_with(continues_a_cluster),
                    "shift {shift}: {shown}"
                );
                if !redact {
                    // What follows the window in the line does not continue its last cluster.
                    let end = line.find(inner).unwrap() + inner.len();
                    assert!(
                        !line[end..].starts_with(continues_a_cluster),
                        "shift {shift}: {shown}"
                    );
                    assert!(
                        shown
                            .chars()
                            .skip(caret)
                            .collect::<String>()
                            .starts_with("\"MAYBE\""),
                        "shift {shift}: {shown}"
                    );
                    // For some shifts a plain cut BEFORE characters back, or AFTER characters on, falls on a
                    // mark: the test reaches the cases it is for.
                    let plain_start = line[..offset]
                        .char_indices()
                        .rev()
                        .nth(BEFORE - 1)
                        .unwrap()
                        .0;
                    let plain_end = offset + line[offset..].char_indices().nth(AFTER).unwrap().0;
                    if line[plain_start..].starts_with(continues_a_cluster) {
                        cut_on_a_mark += 1;
                    }
                    if line[plain_end..].starts_with(continues_a_cluster) {
                        cut_on_a_mark += 100;
                    }
                } else {
                    assert!(
                        shown
                            .chars()
                            .skip(caret)
                            .collect::<String>()
                            .starts_with("[redacted]"),
                        "shift {shift}: {shown}"
                    );
                }
            }
        }
        assert!(
            cut_on_a_mark % 100 > 0 && cut_on_a_mark / 100 > 0,
            "{cut_on_a_mark}"
        );
    }

    #[test]
    fn a_cluster_longer_than_the_look_is_cut_where_the_look_ends() {
        // A letter under 5,000 combining accents before the value: the window starts inside it, at most
        // CLUSTER_LOOK bytes past the plain cut, and the excerpt is made.
        let line = format!(
            "{{\"name\": \"e{}\", \"state\": \"MAYBE\"}}",
            "\u{301}".repeat(5_000)
        );
        let offset = line.find("\"MAYBE\"").unwrap();
        let (shown, caret) = show(&line, offset, false);
        assert!(shown.starts_with('…'), "{shown}");
        assert_eq!(shown.chars().skip(caret).collect::<String>(), "\"MAYBE\"}");
    }

    #[test]
    fn a_window_starting_inside_a_string_masks_it() {
        let secret = "9".repeat(100);
        let text = format!("{{\"account\": \"{secret}\", \"state\": tru}}");
        let offset = text.find("tru}").unwrap();
        let (masked, caret) = show(&text, offset, true);
        assert_eq!(masked, "…[redacted], \"state\": [redacted]}");
        assert_eq!(caret, "…[redacted], \"state\": ".chars().count());
    }

    #[test]
    fn redaction_masks_every_token_but_punctuation_literals_and_schema_names() {
        let cases = [
            // Unknown member names are data.
            (
                "{\"9876543210\": 1, \"invoice\": {\"city\": null}}",
                "{[redacted]: [redacted], \"invoice\": {\"city\": null}}",
            ),
            // In malformed JSON a string followed by `:` is still masked unless the schema names it.
            (
                "{\"4111111111111111\" : \"x\" \"city\":: [true, false]}",
                "{[redacted] : [redacted] \"city\":: [true, false]}",
            ),
            // Bare text, single quotes, comments, misspelt literals: all masked.
            (
                "{'secret': Rs.1,00,000 // ünïcödé\u{202e}, city: nul}",
                "{[redacted]: [redacted],[redacted],[redacted] [redacted] [redacted], [redacted]: [redacted]}",
            ),
            // A name with an escape is not the schema's name as written.
            ("{\"cit\\u0079\": 1}", "{[redacted]: [redacted]}"),
        ];
        for (text, expected) in cases {
            let e = Excerpts::new(text.as_bytes(), true).excerpt(0, false);
            assert_eq!(e.text, expected, "{text}");
        }
    }

    #[test]
    fn a_literal_cut_from_longer_bare_text_by_the_window_is_masked() {
        // The window ends after `true` of `trueSECRET`.
        let text = format!("[{}trueSECRET]", " ".repeat(75));
        assert_eq!(
            show(&text, 0, true),
            (format!("[{}[redacted]…", " ".repeat(75)), 0)
        );
        // The window starts at `null` of `SECRETnull`.
        let text = format!("[SECRETnull{}x]", " ".repeat(36));
        assert_eq!(
            show(&text, 47, true),
            (format!("…[redacted]{}[redacted]]", " ".repeat(36)), 47)
        );
        // Whole, at either edge of the window, a literal is shown.
        let text = format!("[null{}x, true]", " ".repeat(36));
        assert_eq!(
            show(&text, 41, true),
            (format!("…null{}[redacted], true]", " ".repeat(36)), 41)
        );
    }

    #[test]
    fn a_byte_order_mark_and_bidi_overrides_show_as_spaces() {
        let e = Excerpts::new("\u{feff}{\"a\": \"\u{202e}x\"}".as_bytes(), false).excerpt(0, false);
        assert_eq!(e.text, " {\"a\": \" x\"}");
        assert_eq!(e.caret, 0);
    }

    #[test]
    fn control_characters_and_bad_utf8_are_shown_harmlessly() {
        let bytes = b"{\"a\": \"\x1b[31m\xff\"}";
        let e = Excerpts::new(bytes, false).excerpt(6, false);
        assert_eq!(e.text, "{\"a\": \" [31m\u{fffd}\"}");
        assert_eq!(e.caret, 6);
    }

    #[test]
    fn an_unknown_member_name_is_masked_when_asked() {
        // `city` is a schema name, but unknown where it stands: its finding masks it.
        let text = "{\"city\": 1, \"state\": true}";
        let mut excerpts = Excerpts::new(text.as_bytes(), true);
        let e = excerpts.excerpt(1, true);
        assert_eq!(e.text, "{[redacted]: [redacted], \"state\": true}");
        assert_eq!(e.caret, 1);
    }

    #[test]
    fn the_end_of_the_text_and_crlf_lines() {
        assert_eq!(show("", 0, true), (String::new(), 0));
        assert_eq!(
            show("{\r\n  \"a\": x\r\n}", 10, false),
            ("  \"a\": x".to_owned(), 7)
        );
        assert_eq!(show("[1,\n", 4, false), (String::new(), 0));
    }
}
