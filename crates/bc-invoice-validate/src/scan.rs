//! The JSON scanner: tokens of RFC 8259 text, read in place. Strings are borrowed, not copied; a string
//! with escapes is decoded only when someone asks for its value. Values nobody describes are skipped
//! iteratively with a bounded nesting depth, so hostile nesting cannot overflow the stack.

use std::borrow::Cow;

/// The deepest nesting checked; deeper documents get a syntax error rather than unbounded work.
pub(crate) const MAX_DEPTH: usize = 512;

/// The document as text, or the offset of its first byte that is not part of a UTF-8 character. The check
/// runs with SIMD where the processor has it (`simdutf8`); std's reading runs only on a text that fails it,
/// for the offset.
pub(crate) fn utf8(bytes: &[u8]) -> std::result::Result<&str, usize> {
    simdutf8::basic::from_utf8(bytes)
        .map_err(|_| std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| 0))
}

/// Bytes that end a run of plain string content: the quote, the backslash and the control characters.
static STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// The first position at or after `pos` that holds a quote, a backslash or a control character (or the
/// end): eight bytes at a time while none of them is one, then byte by byte.
#[inline]
fn skip_plain(src: &[u8], mut pos: usize) -> usize {
    const ONES: u64 = u64::MAX / 255;
    const HIGHS: u64 = ONES << 7;
    while let Some(chunk) = src.get(pos..pos + 8) {
        let bytes = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // Per byte, the high bit of each term is set where the byte is < 0x20, '"' or '\\' (the lowest
        // such byte is exact; bytes above it may be flagged by borrows, which does not matter).
        let control = bytes.wrapping_sub(ONES * 0x20) & !bytes;
        let quote = bytes ^ (ONES * u64::from(b'"'));
        let quote = quote.wrapping_sub(ONES) & !quote;
        let backslash = bytes ^ (ONES * u64::from(b'\\'));
        let backslash = backslash.wrapping_sub(ONES) & !backslash;
        let stops = (control | quote | backslash) & HIGHS;
        if stops != 0 {
            return pos + stops.trailing_zeros() as usize / 8;
        }
        pos += 8;
    }
    while let Some(&b) = src.get(pos) {
        if STRING_STOP[b as usize] {
            break;
        }
        pos += 1;
    }
    pos
}

/// Why the scan stopped: the text is not JSON from here on.
#[derive(Debug)]
pub(crate) struct SyntaxError {
    pub offset: usize,
    /// What was expected or wrong, without document text.
    pub message: String,
    /// The document text the message is about (a character, an escape), shown after it unless redacted.
    pub found: Option<String>,
}

/// The scanner's and the walk's result. The error is boxed: a `Result` one word wide comes back in a
/// register, and the walk, which returns one from every value it reads, pays for a wide one on every call
/// (about a tenth of its time) though it almost never fails.
pub(crate) type Result<T> = std::result::Result<T, Box<SyntaxError>>;

/// A scanned string: its content as written (escapes not decoded) and where its opening quote is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StrToken<'a> {
    pub start: usize,
    pub end: usize,
    pub raw: &'a str,
    pub escaped: bool,
}

/// A scanned number: where its text is, and how it is written.
#[derive(Clone, Copy)]
pub(crate) struct NumToken {
    pub start: usize,
    pub end: usize,
    /// Written without fraction or exponent.
    pub plain: bool,
    /// Written with an exponent.
    pub exponent: bool,
}

/// A position in a JSON text, and the reading of the token there.
pub(crate) struct Scanner<'a> {
    pub text: &'a str,
    pub src: &'a [u8],
    pub pos: usize,
    /// Whether the last string scanned was written with escapes: a fact made of it tells its value
    /// without a second look at its text.
    pub escaped: bool,
}

/// A JSON value's type, by its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Start {
    Object,
    Array,
    String,
    Boolean,
    Null,
    Number,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Scanner {
            text,
            src: text.as_bytes(),
            pos: 0,
            escaped: false,
        }
    }

    /// The type of the value starting at the current position.
    pub(crate) fn start(&self) -> Result<Start> {
        Ok(match self.peek() {
            Some(b'{') => Start::Object,
            Some(b'[') => Start::Array,
            Some(b'"') => Start::String,
            Some(b't' | b'f') => Start::Boolean,
            Some(b'n') => Start::Null,
            Some(b'-' | b'0'..=b'9') => Start::Number,
            None => return Err(self.err("unexpected end of input: expected a value")),
            Some(_) => return Err(self.unexpected("a value")),
        })
    }

    /// Checks that nothing but blanks follows.
    pub(crate) fn end(&mut self) -> Result<()> {
        self.ws();
        if self.pos < self.src.len() {
            return Err(self.err("unexpected text after the end of the JSON value"));
        }
        Ok(())
    }

    /// Checks the syntax of the whole text.
    pub(crate) fn check_syntax(&mut self) -> Result<()> {
        self.ws();
        if self.pos == self.src.len() {
            return Err(self.err("the text is empty: expected a JSON object"));
        }
        self.skip_value(0)?;
        self.end()
    }

    #[inline]
    pub(crate) fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    #[inline(always)]
    pub(crate) fn ws(&mut self) {
        const SPACES: u64 = u64::MAX / 255 * 0x20;
        // Tests rather than a `match`, which compiles to a jump through a table per byte: every token
        // byte is above the space, so most calls, which find no blank, end at the first test.
        while let Some(&b) = self.src.get(self.pos) {
            if b > b' ' {
                return;
            }
            if b == b'\n' {
                self.pos += 1;
                // A pretty-printed line starts with its indentation: a run of spaces, measured eight
                // bytes at a time.
                while let Some(chunk) = self.src.get(self.pos..self.pos + 8) {
                    let others = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])) ^ SPACES;
                    if others != 0 {
                        self.pos += others.trailing_zeros() as usize / 8;
                        break;
                    }
                    self.pos += 8;
                }
            } else if b == b' ' || b == b'\t' || b == b'\r' {
                self.pos += 1;
            } else {
                return;
            }
        }
    }

    pub(crate) fn err(&self, message: &str) -> Box<SyntaxError> {
        Box::new(SyntaxError {
            offset: self.pos,
            message: message.to_owned(),
            found: None,
        })
    }

    /// A syntax error at the current position: what was expected, and the character found there, which
    /// the finding keeps apart from the message so that redaction can mask it.
    pub(crate) fn unexpected(&self, expected: &str) -> Box<SyntaxError> {
        match self.text[self.pos..].chars().next() {
            None => self.err(&format!("unexpected end of input: expected {expected}")),
            Some(ch) => Box::new(SyntaxError {
                offset: self.pos,
                message: format!("expected {expected}"),
                found: Some(format!("{ch:?}")),
            }),
        }
    }

    /// A member name and the colon after it.
    pub(crate) fn key(&mut self) -> Result<StrToken<'a>> {
        if self.peek() != Some(b'"') {
            return Err(self.unexpected("a member name in double quotes"));
        }
        let key = self.string()?;
        self.colon()?;
        Ok(key)
    }

    /// The colon after a member name (and the blanks before it).
    #[inline]
    pub(crate) fn colon(&mut self) -> Result<()> {
        self.ws();
        if self.peek() != Some(b':') {
            return Err(self.unexpected("':' after a member name"));
        }
        self.pos += 1;
        Ok(())
    }

    /// A string at the current position (its opening quote). The common string, plain content and a
    /// closing quote, is read here, inlined where it is called; one with an escape, or an error, in
    /// [`Scanner::string_rest`].
    #[inline(always)]
    pub(crate) fn string(&mut self) -> Result<StrToken<'a>> {
        let start = self.pos;
        let end = skip_plain(self.src, start + 1);
        if self.src.get(end) == Some(&b'"') {
            self.pos = end + 1;
            self.escaped = false;
            return Ok(StrToken {
                start,
                end: end + 1,
                raw: &self.text[start + 1..end],
                escaped: false,
            });
        }
        self.pos = end;
        self.string_rest(start)
    }

    /// The rest of a string that [`Scanner::string`] found not to be plain: from the first quote,
    /// backslash or control character at `self.pos`, `start` being its opening quote.
    #[inline(never)]
    fn string_rest(&mut self, start: usize) -> Result<StrToken<'a>> {
        let mut escaped = false;
        loop {
            self.pos = skip_plain(self.src, self.pos);
            match self.src.get(self.pos) {
                None => {
                    return Err(Box::new(SyntaxError {
                        offset: start,
                        message: "unterminated string".to_owned(),
                        found: None,
                    }));
                }
                Some(b'"') => {
                    self.pos += 1;
                    let raw = &self.text[start + 1..self.pos - 1];
                    self.escaped = escaped;
                    return Ok(StrToken {
                        start,
                        end: self.pos,
                        raw,
                        escaped,
                    });
                }
                Some(b'\\') => {}
                Some(_) => {
                    return Err(
                        self.err("control character in a string: escape it (\\n, \\t, \\uXXXX)")
                    );
                }
            }
            escaped = true;
            match self.src.get(self.pos + 1) {
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.pos += 2,
                Some(b'u') => {
                    let hex = self.src.get(self.pos + 2..self.pos + 6);
                    if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                        return Err(
                            self.err("invalid \\u escape: expected four hexadecimal digits")
                        );
                    }
                    self.pos += 6;
                }
                None => {
                    return Err(Box::new(SyntaxError {
                        offset: start,
                        message: "unterminated string".to_owned(),
                        found: None,
                    }));
                }
                Some(_) => return Err(self.err("invalid escape in a string")),
            }
        }
    }

    pub(crate) fn decode(&self, token: &StrToken<'a>) -> Result<Cow<'a, str>> {
        if !token.escaped {
            return Ok(Cow::Borrowed(token.raw));
        }
        decode_escapes(token.raw)
            .map(Cow::Owned)
            .map_err(|surrogate| surrogate.error(token.start))
    }

    pub(crate) fn number(&mut self) -> Result<NumToken> {
        let start = self.pos;
        let digits = |engine: &mut Self| {
            let from = engine.pos;
            while let Some(b'0'..=b'9') = engine.peek() {
                engine.pos += 1;
            }
            engine.pos - from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(self.unexpected("a digit")),
        }
        let mut plain = true;
        let mut exponent = false;
        if self.peek() == Some(b'.') {
            plain = false;
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.unexpected("a digit after the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            plain = false;
            exponent = true;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.unexpected("a digit in the exponent"));
            }
        }
        Ok(NumToken {
            start,
            end: self.pos,
            plain,
            exponent,
        })
    }

    pub(crate) fn literal(&mut self) -> Result<()> {
        for word in [&b"true"[..], b"false", b"null"] {
            if self.src[self.pos..].starts_with(word) {
                self.pos += word.len();
                return Ok(());
            }
        }
        Err(self.unexpected("a value"))
    }

    /// Skips one value of any shape, checking its syntax, without recursion.
    pub(crate) fn skip_value(&mut self, depth: usize) -> Result<()> {
        let mut stack: Vec<u8> = Vec::new();
        loop {
            // A value starts here.
            self.ws();
            match self.peek() {
                Some(open @ (b'{' | b'[')) => {
                    // An empty container is a level too: the cap is checked before looking inside.
                    if depth + stack.len() >= MAX_DEPTH {
                        let message = format!("nesting deeper than {MAX_DEPTH} levels");
                        return Err(Box::new(SyntaxError {
                            offset: self.pos,
                            message,
                            found: None,
                        }));
                    }
                    self.pos += 1;
                    self.ws();
                    let close = if open == b'{' { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                    } else {
                        stack.push(open);
                        if open == b'{' {
                            self.key()?;
                        }
                        continue;
                    }
                }
                Some(b'"') => {
                    self.string()?;
                }
                Some(b'-' | b'0'..=b'9') => {
                    self.number()?;
                }
                None => return Err(self.err("unexpected end of input: expected a value")),
                Some(_) => self.literal()?,
            }
            // A value ended: close containers until one has more.
            loop {
                let Some(&open) = stack.last() else {
                    return Ok(());
                };
                self.ws();
                match (open, self.peek()) {
                    (_, Some(b',')) => {
                        self.pos += 1;
                        if open == b'{' {
                            self.ws();
                            self.key()?;
                        }
                        break;
                    }
                    (b'{', Some(b'}')) | (b'[', Some(b']')) => {
                        self.pos += 1;
                        stack.pop();
                    }
                    (b'{', _) => return Err(self.unexpected("',' or '}' after an object member")),
                    _ => return Err(self.unexpected("',' or ']' after an array element")),
                }
            }
        }
    }
}

/// Decodes a JSON string's escapes; `Err` for a lone surrogate, which no Rust string can hold.
pub(crate) fn decode_escapes(raw: &str) -> std::result::Result<String, Surrogate> {
    let mut out = String::with_capacity(raw.len());
    let mut from = 0;
    while let Some(found) = raw[from..].find('\\') {
        let at = from + found;
        out.push_str(&raw[from..at]);
        let (ch, used) = escape(raw, at)?;
        out.push(ch);
        from = at + used;
    }
    out.push_str(&raw[from..]);
    Ok(out)
}

/// A lone surrogate escape in a string's raw text: where it starts (a byte offset into the text between
/// the quotes) and the escape as written (`\ud800`, in the document's own case).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Surrogate {
    pub(crate) at: usize,
    pub(crate) written: String,
}

impl Surrogate {
    /// The syntax error it makes in a string whose opening quote is at `quote`: at the escape itself.
    pub(crate) fn error(self, quote: usize) -> Box<SyntaxError> {
        Box::new(SyntaxError {
            offset: quote + 1 + self.at,
            message: "lone surrogate escape in a string (no Unicode text holds one)".to_owned(),
            found: Some(self.written),
        })
    }
}

/// Checks a JSON string's escapes as [`decode_escapes`] does, without decoding: `Err` with the escape for
/// a lone surrogate.
pub(crate) fn check_escapes(raw: &str) -> std::result::Result<(), Surrogate> {
    let mut from = 0;
    while let Some(found) = raw[from..].find('\\') {
        let at = from + found;
        let (_, used) = escape(raw, at)?;
        from = at + used;
    }
    Ok(())
}

/// The character of the escape at `at` in `raw` (the scanner has checked its syntax) and the escape's
/// length in bytes; `Err` with where it is and the escape as written for a lone surrogate.
fn escape(raw: &str, at: usize) -> std::result::Result<(char, usize), Surrogate> {
    let rest = &raw[at..];
    let lone = || Surrogate {
        at,
        written: rest.get(..6).unwrap_or(rest).to_owned(),
    };
    Ok(match rest.as_bytes().get(1) {
        Some(b'"') => ('"', 2),
        Some(b'\\') => ('\\', 2),
        Some(b'/') => ('/', 2),
        Some(b'b') => ('\u{8}', 2),
        Some(b'f') => ('\u{c}', 2),
        Some(b'n') => ('\n', 2),
        Some(b'r') => ('\r', 2),
        Some(b't') => ('\t', 2),
        _ => {
            let hex = |from: usize| {
                rest.get(from..from + 4)
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .unwrap_or(0)
            };
            let high = hex(2);
            if (0xD800..0xDC00).contains(&high) {
                let low = (rest.get(6..8) == Some("\\u")).then(|| hex(8));
                match low {
                    Some(low) if (0xDC00..0xE000).contains(&low) => {
                        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                        (char::from_u32(code).unwrap_or('\u{FFFD}'), 12)
                    }
                    _ => return Err(lone()),
                }
            } else {
                match char::from_u32(high) {
                    Some(ch) => (ch, 6),
                    None => return Err(lone()),
                }
            }
        }
    })
}

/// The characters of a string's content as written (between its quotes), escapes decoded, without copying
/// it. The scanner has checked the escapes' syntax; a lone surrogate, which the walk refuses before
/// anyone reads the value, reads as U+FFFD.
#[derive(Debug, Clone)]
pub(crate) struct Unescaped<'a> {
    rest: &'a str,
}

/// The characters of `raw` with its escapes decoded: see [`Unescaped`].
pub(crate) fn unescaped(raw: &str) -> Unescaped<'_> {
    Unescaped { rest: raw }
}

impl Iterator for Unescaped<'_> {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        let mut chars = self.rest.chars();
        let ch = chars.next()?;
        if ch != '\\' {
            self.rest = chars.as_str();
            return Some(ch);
        }
        let (ch, used) = escape(self.rest, 0).unwrap_or(('\u{FFFD}', 6));
        self.rest = self.rest.get(used..).unwrap_or("");
        Some(ch)
    }
}

/// The content (between the quotes, as written) of the string whose opening quote is at `start` in a
/// text whose syntax the scanner has checked up to its end.
pub(crate) fn string_at(text: &str, start: usize) -> &str {
    let src = text.as_bytes();
    let mut pos = start + 1;
    loop {
        pos = skip_plain(src, pos);
        match src.get(pos) {
            Some(b'\\') => pos += 2,
            _ => return &text[start + 1..pos.min(text.len())],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eight_byte_scan_stops_where_the_byte_scan_does() {
        let mut samples: Vec<Vec<u8>> = Vec::new();
        for len in 0..40 {
            for stop in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
                for at in 0..len {
                    let mut bytes: Vec<u8> =
                        (0..len).map(|i| b"ab\xc3\xa9 ~\x7f\xff"[i % 8]).collect();
                    bytes[at] = stop;
                    samples.push(bytes);
                }
            }
            samples.push((0..len).map(|i| b" ~!#\x20\x21\x7e\x80"[i % 8]).collect());
        }
        for bytes in samples {
            for from in 0..bytes.len().min(3) {
                let slow = (from..bytes.len())
                    .find(|&i| STRING_STOP[bytes[i] as usize])
                    .unwrap_or(bytes.len());
                assert_eq!(skip_plain(&bytes, from), slow, "{bytes:?} from {from}");
            }
        }
    }

    #[test]
    fn blanks_end_where_a_byte_loop_ends_them() {
        // Every mix of the four blanks and one other byte, up to 24 bytes long around line breaks and
        // runs of spaces of every length, with the text ending anywhere.
        let pieces: [&[u8]; 7] = [b" ", b"\n", b"\r\n", b"\t", b"\n        ", b"\n   ", b"x"];
        let mut samples: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..4 {
            let mut longer = Vec::new();
            for sample in &samples {
                for piece in pieces {
                    let mut next = sample.clone();
                    next.extend_from_slice(piece);
                    longer.push(next);
                }
            }
            samples.extend(longer);
            samples.sort();
            samples.dedup();
        }
        for spaces in 0..20 {
            let mut line = b"\n".to_vec();
            line.extend(std::iter::repeat_n(b' ', spaces));
            samples.push(line.clone());
            line.push(b'"');
            samples.push(line);
        }
        for bytes in samples {
            let text = std::str::from_utf8(&bytes).unwrap();
            for from in 0..bytes.len().min(2) {
                let slow = (from..bytes.len())
                    .find(|&i| !matches!(bytes[i], b' ' | b'\n' | b'\r' | b'\t'))
                    .unwrap_or(bytes.len());
                let mut scanner = Scanner::new(text);
                scanner.pos = from;
                scanner.ws();
                assert_eq!(scanner.pos, slow, "{text:?} from {from}");
            }
        }
    }

    #[test]
    fn escapes_decode_and_lone_surrogates_are_refused() {
        assert_eq!(
            decode_escapes(r#"a\"b\\c\u00e9\ud83e\uddfe\n"#).unwrap(),
            "a\"b\\cé🧾\n"
        );
        // The escape as written, where it starts.
        let lone = |at, written: &str| Surrogate {
            at,
            written: written.to_owned(),
        };
        assert_eq!(decode_escapes(r"\ud800x").unwrap_err(), lone(0, r"\ud800"));
        assert_eq!(decode_escapes(r"ab\uDC00").unwrap_err(), lone(2, r"\uDC00"));
        assert_eq!(
            decode_escapes(r"é\n\uD83E\u0041").unwrap_err(),
            lone(4, r"\uD83E")
        );
        assert_eq!(
            check_escapes(r"é\n\uD83E\u0041").unwrap_err(),
            lone(4, r"\uD83E")
        );
    }

    #[test]
    fn the_nesting_cap_counts_an_empty_innermost_container() {
        // Every shape of innermost container inside arrays and inside objects: 512 levels in all pass,
        // 513 are refused at the 513th opening bracket.
        for (open, close) in [("[", "]"), ("{\"a\": ", "}")] {
            for inner in ["[]", "{}", "[ ]", "{ }", "[0]", "{\"b\": 0}"] {
                for levels in [511, 512, 513, 514] {
                    let text = format!(
                        "{}{inner}{}",
                        open.repeat(levels - 1),
                        close.repeat(levels - 1)
                    );
                    let result = Scanner::new(&text).check_syntax();
                    if levels <= MAX_DEPTH {
                        assert!(result.is_ok(), "{levels} levels of {open}{inner}");
                    } else {
                        let error = result.unwrap_err();
                        assert_eq!(error.message, "nesting deeper than 512 levels");
                        assert_eq!(
                            error.offset,
                            open.len() * MAX_DEPTH,
                            "{levels} of {open}{inner}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_syntax_error_keeps_the_found_character_apart() {
        let mut scanner = Scanner::new("{\"a\" 1}");
        scanner.pos = 1;
        let error = scanner.key().unwrap_err();
        assert_eq!(error.message, "expected ':' after a member name");
        assert_eq!(error.found.as_deref(), Some("'1'"));
        assert_eq!(error.offset, 5);
    }
}
