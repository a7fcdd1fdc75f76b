//! The single-pass validator: it scans the JSON text and walks the compiled schema at the same time, so a
//! document is read once, strings are borrowed rather than copied, and a finding knows its byte offset.
//!
//! Recursion follows the schema, which is a few levels deep; anything the schema does not describe (an
//! unknown member, a value of the wrong type) is skipped by an iterative scanner that checks its syntax
//! with a bounded nesting depth, so hostile nesting cannot overflow the stack.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::kind::DocumentKind;
use crate::pointer::JsonPointer;
use crate::report::{ErrorKind, FOUND_LIMIT, JsonType, Level, Position};
use crate::rules::{Checker, Fact, Role};
use crate::schema::{Node, NodeId, ObjectNode, Prop, Schema, StringNode};
use crate::suggest::closest;

/// The deepest nesting checked; deeper documents get a syntax error rather than unbounded work.
pub(crate) const MAX_DEPTH: usize = 512;

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

/// A finding before its line and column are known.
#[derive(Debug)]
pub(crate) struct RawFinding {
    pub pointer: JsonPointer,
    pub kind: ErrorKind,
    pub found: Option<String>,
    pub offset: usize,
    pub level: Level,
}

/// Why the scan stopped: the text is not JSON from here on.
#[derive(Debug)]
pub(crate) struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

type Result<T> = std::result::Result<T, SyntaxError>;

/// One step of a path: a member of an object or an element of an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Segment {
    /// A member, by its [`Prop::id`](crate::schema::Prop).
    Member(u32),
    /// An array element (saturating at `u32::MAX`, far beyond any document that fits in memory).
    Index(u32),
}

/// A scanned string: its content as written (escapes not decoded) and where its opening quote is.
#[derive(Clone, Copy)]
struct StrToken<'a> {
    start: usize,
    end: usize,
    raw: &'a str,
    escaped: bool,
}

/// A scanned number: where its text is, and whether it is written without fraction or exponent.
#[derive(Clone, Copy)]
struct NumToken {
    start: usize,
    end: usize,
    /// Written without fraction or exponent.
    plain: bool,
    /// Written with an exponent.
    exponent: bool,
}

/// What the walk needs from its caller.
pub(crate) struct Settings {
    /// The level of a value outside an open enum's known values; `None` when the rule is off.
    pub known_values: Option<Level>,
    /// Whether to collect the facts the rules need.
    pub collect_facts: bool,
    /// The most findings kept; the rest are counted.
    pub max_findings: usize,
}

pub(crate) struct Engine<'a> {
    text: &'a str,
    src: &'a [u8],
    pos: usize,
    schema: &'static Schema,
    path: Vec<Segment>,
    settings: &'a Settings,
    pub findings: Vec<RawFinding>,
    pub omitted: usize,
    /// The rules, fed the values they need during the walk; `None` when every rule that needs them is off.
    pub checker: Option<Checker<'a, 'a>>,
}

/// The found value a type finding shows: a scalar's text, cut; nothing for an object or an array.
pub(crate) fn shown_value(found: JsonType, text: &str) -> Option<String> {
    (!matches!(found, JsonType::Object | JsonType::Array)).then(|| shorten(text))
}

/// Cuts a found value's JSON text to [`FOUND_LIMIT`] characters.
pub(crate) fn shorten(text: &str) -> String {
    match text.char_indices().nth(FOUND_LIMIT) {
        None => text.to_owned(),
        Some((at, _)) => format!("{}…", &text[..at]),
    }
}

impl<'a> Engine<'a> {
    pub(crate) fn new(text: &'a str, schema: &'static Schema, settings: &'a Settings) -> Self {
        Engine {
            text,
            src: text.as_bytes(),
            pos: 0,
            schema,
            path: Vec::with_capacity(16),
            settings,
            findings: Vec::new(),
            omitted: 0,
            checker: None,
        }
    }

    // ---- the walk ----------------------------------------------------------------------------------

    /// Validates the whole text against a root schema node.
    pub(crate) fn run(&mut self, root: NodeId) -> Result<()> {
        self.ws();
        if self.pos == self.src.len() {
            return Err(self.err("the text is empty: expected a JSON object"));
        }
        self.value(root, 0)?;
        self.end()
    }

    /// Checks only the syntax of the whole text.
    pub(crate) fn check_syntax(&mut self) -> Result<()> {
        self.ws();
        if self.pos == self.src.len() {
            return Err(self.err("the text is empty: expected a JSON object"));
        }
        self.skip_value(0)?;
        self.end()
    }

    fn end(&mut self) -> Result<()> {
        self.ws();
        if self.pos < self.src.len() {
            return Err(self.err("unexpected text after the end of the JSON value"));
        }
        Ok(())
    }

    /// Tells the kind from the top-level members, reading no further than the first member that decides.
    /// `Ok(None)` when the text is a JSON value but not an object naming its kind.
    pub(crate) fn detect(&mut self) -> Result<Option<DocumentKind>> {
        self.ws();
        if self.peek() != Some(b'{') {
            return Ok(None);
        }
        self.pos += 1;
        self.ws();
        if self.peek() == Some(b'}') {
            return Ok(None);
        }
        loop {
            self.ws();
            let key = self.key()?;
            let name = self.decode(&key)?;
            if let Some(kind) = DocumentKind::from_top_level_member(&name) {
                return Ok(Some(kind));
            }
            self.skip_value(1)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                _ => return Ok(None),
            }
        }
    }

    /// The type of the value starting at the current position, for a mismatch report.
    fn found_type(&self) -> Result<JsonType> {
        Ok(match self.peek() {
            Some(b'{') => JsonType::Object,
            Some(b'[') => JsonType::Array,
            Some(b'"') => JsonType::String,
            Some(b't' | b'f') => JsonType::Boolean,
            Some(b'n') => JsonType::Null,
            Some(b'-' | b'0'..=b'9') => JsonType::Number,
            None => return Err(self.err("unexpected end of input: expected a value")),
            Some(_) => return Err(self.unexpected("a value")),
        })
    }

    /// Root type for a document whose kind could not be told (reports a non-object root).
    pub(crate) fn root_type(&mut self) -> Result<JsonType> {
        self.ws();
        self.found_type()
    }

    fn value(&mut self, node: NodeId, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(self.err(&format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        self.ws();
        match &self.schema.nodes[node] {
            Node::Object(object) => {
                if self.peek() == Some(b'{') {
                    self.object(object, depth)
                } else {
                    self.mismatch(JsonType::Object, depth)
                }
            }
            Node::Array { items } => {
                if self.peek() == Some(b'[') {
                    self.array(*items, depth)
                } else {
                    self.mismatch(JsonType::Array, depth)
                }
            }
            Node::String(string) => {
                if self.peek() == Some(b'"') {
                    self.string_value(string)
                } else {
                    self.mismatch(JsonType::String, depth)
                }
            }
            Node::Integer => self.number_value(true, depth),
            Node::Number => self.number_value(false, depth),
        }
    }

    fn mismatch(&mut self, expected: JsonType, depth: usize) -> Result<()> {
        let start = self.pos;
        let mut found = self.found_type()?;
        self.skip_value(depth)?;
        let text = &self.text[start..self.pos];
        if found == JsonType::Number && is_integral(text) {
            found = JsonType::Integer;
        }
        let shown = shown_value(found, text);
        self.report(
            self.pointer(),
            ErrorKind::Type { expected, found },
            shown,
            start,
            Level::Error,
        );
        Ok(())
    }

    fn object(&mut self, object: &'static ObjectNode, depth: usize) -> Result<()> {
        let open = self.pos;
        self.pos += 1;
        let mut seen = 0u64;
        let mut next = 0;
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                self.ws();
                let key = self.key()?;
                let name = self.decode(&key)?;
                match object.find_from(name.as_bytes(), next) {
                    Some(index) if seen & (1 << index) != 0 => {
                        let member = object.props[index].name;
                        let first = self.first_member(open, member);
                        let (first_line, first_column) = line_column(self.src, first);
                        let mut pointer = self.pointer();
                        pointer.push_member(member);
                        let kind = ErrorKind::DuplicateMember {
                            member: member.to_owned(),
                            first_line,
                            first_column,
                        };
                        self.report(pointer, kind, None, key.start, Level::Error);
                        self.skip_value(depth + 1)?;
                    }
                    Some(index) => {
                        seen |= 1 << index;
                        next = index + 1;
                        let prop = &object.props[index];
                        self.path.push(Segment::Member(prop.id));
                        // A fact's offset is its value's first byte, not the blank after the colon.
                        self.ws();
                        let value_start = self.pos;
                        self.value(prop.node, depth + 1)?;
                        if let Some(role) = prop.role
                            && self.checker.is_some()
                        {
                            self.fact(role, prop, value_start);
                        }
                        self.path.pop();
                    }
                    None => {
                        if !object.additional {
                            let suggestion = closest(&name, object.props.iter().map(|p| p.name));
                            let kind = ErrorKind::AdditionalProperties {
                                member: name.into_owned(),
                                suggestion,
                            };
                            self.report(self.pointer(), kind, None, key.start, Level::Error);
                        }
                        self.skip_value(depth + 1)?;
                    }
                }
                self.ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.unexpected("',' or '}' after an object member")),
                }
            }
        }
        let mut missing = object.required & !seen;
        while missing != 0 {
            let index = missing.trailing_zeros() as usize;
            missing &= missing - 1;
            let kind = ErrorKind::Required {
                member: object.props[index].name,
            };
            self.report(self.pointer(), kind, None, open, Level::Error);
        }
        Ok(())
    }

    /// Where the first member named `name` of the object opening at `open` starts (for a duplicate's
    /// report: rare, so found by reading the object again rather than tracked for every object).
    fn first_member(&self, open: usize, name: &str) -> usize {
        let mut scan = Engine::new(self.text, self.schema, self.settings);
        scan.pos = open + 1;
        loop {
            scan.ws();
            let Ok(key) = scan.key() else { return open };
            if scan.decode(&key).is_ok_and(|k| k == name) {
                return key.start;
            }
            if scan.skip_value(0).is_err() {
                return open;
            }
            scan.ws();
            if scan.peek() != Some(b',') {
                return open;
            }
            scan.pos += 1;
        }
    }

    fn array(&mut self, items: NodeId, depth: usize) -> Result<()> {
        self.pos += 1;
        self.ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        let mut index = 0;
        loop {
            self.path
                .push(Segment::Index(u32::try_from(index).unwrap_or(u32::MAX)));
            self.value(items, depth + 1)?;
            self.path.pop();
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.unexpected("',' or ']' after an array element")),
            }
            index += 1;
        }
    }

    fn string_value(&mut self, node: &'static StringNode) -> Result<()> {
        let token = self.string()?;
        let checked = node.pattern.is_some()
            || node.enumeration.is_some()
            || node.known.is_some()
            || node.format.is_some();
        if !checked && !token.escaped {
            return Ok(());
        }
        // Decoding also refuses escapes no Rust string can hold (lone surrogates), as serde would.
        let value = self.decode(&token)?;
        let found = || Some(shorten(&self.text[token.start..token.end]));
        if let Some((pattern, matcher)) = &node.pattern
            && !matcher.is_match(&value)
        {
            self.report(
                self.pointer(),
                ErrorKind::Pattern { pattern },
                found(),
                token.start,
                Level::Error,
            );
            return Ok(());
        }
        if let Some(options) = node.enumeration
            && !options.iter().any(|o| *o == value)
        {
            self.report(
                self.pointer(),
                ErrorKind::Enum { options },
                found(),
                token.start,
                Level::Error,
            );
            return Ok(());
        }
        if let Some(format) = node.format
            && !bc_invoice_types::is_date_time(&value)
        {
            self.report(
                self.pointer(),
                ErrorKind::Format { format },
                found(),
                token.start,
                Level::Error,
            );
            return Ok(());
        }
        if let (Some(known), Some(level)) = (node.known, self.settings.known_values)
            && !known.iter().any(|k| *k == value)
        {
            let message = format!(
                "{} is not one of the known values ({}); the schema allows it, but check the spelling",
                shorten(&self.text[token.start..token.end]),
                known.join(", ")
            );
            let kind = ErrorKind::Rule {
                rule: crate::rules::KNOWN_VALUES,
                message,
            };
            self.report(self.pointer(), kind, found(), token.start, level);
        }
        Ok(())
    }

    fn number_value(&mut self, integer: bool, depth: usize) -> Result<()> {
        if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            let expected = if integer {
                JsonType::Integer
            } else {
                JsonType::Number
            };
            return self.mismatch(expected, depth);
        }
        let token = self.number()?;
        let text = &self.text[token.start..token.end];
        let found = || Some(shorten(text));
        if integer {
            if !token.plain && !is_integral(text) {
                let kind = ErrorKind::Type {
                    expected: JsonType::Integer,
                    found: JsonType::Number,
                };
                self.report(self.pointer(), kind, found(), token.start, Level::Error);
            } else if !fits_i64(text, token.plain) {
                let kind = ErrorKind::Range {
                    limit: "beyond the 64-bit integers (i64) the typed documents use",
                };
                self.report(self.pointer(), kind, found(), token.start, Level::Error);
            }
        } else if !fits_decimal(text, token.exponent) {
            let kind = ErrorKind::Range {
                limit: "more than the 28 significant digits an exact decimal holds, so it would be rounded",
            };
            self.report(self.pointer(), kind, found(), token.start, Level::Error);
        }
        Ok(())
    }

    /// Hands the value just walked to the rules, if it is a string or a number.
    fn fact(&mut self, role: Role, prop: &'static Prop, value_start: usize) {
        let raw = &self.text[value_start..self.pos];
        if !matches!(raw.as_bytes().first(), Some(b'"' | b'-' | b'0'..=b'9')) {
            return;
        }
        let Some(path) = FactPath::new(&self.path) else {
            return;
        };
        if let Some(checker) = &mut self.checker {
            checker.add(Fact {
                role,
                prop,
                raw,
                offset: value_start,
                path,
            });
        }
    }

    // ---- findings ----------------------------------------------------------------------------------

    fn pointer(&self) -> JsonPointer {
        pointer_of(&self.path)
    }

    fn report(
        &mut self,
        pointer: JsonPointer,
        kind: ErrorKind,
        found: Option<String>,
        offset: usize,
        level: Level,
    ) {
        if self.findings.len() >= self.settings.max_findings {
            self.omitted += 1;
            return;
        }
        self.findings.push(RawFinding {
            pointer,
            kind,
            found,
            offset,
            level,
        });
    }

    // ---- the scanner -------------------------------------------------------------------------------

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    #[inline]
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.src.get(self.pos) {
            self.pos += 1;
            // Pretty-printed documents indent with runs of spaces: take them eight at a time.
            while let Some(chunk) = self.src.get(self.pos..self.pos + 8) {
                if chunk != b"        " {
                    break;
                }
                self.pos += 8;
            }
        }
    }

    fn err(&self, message: &str) -> SyntaxError {
        SyntaxError {
            offset: self.pos,
            message: message.to_owned(),
        }
    }

    fn unexpected(&self, expected: &str) -> SyntaxError {
        match self.text[self.pos..].chars().next() {
            None => self.err(&format!("unexpected end of input: expected {expected}")),
            Some(ch) => self.err(&format!("expected {expected}, found {ch:?}")),
        }
    }

    /// A member name and the colon after it.
    fn key(&mut self) -> Result<StrToken<'a>> {
        if self.peek() != Some(b'"') {
            return Err(self.unexpected("a member name in double quotes"));
        }
        let key = self.string()?;
        self.ws();
        if self.peek() != Some(b':') {
            return Err(self.unexpected("':' after a member name"));
        }
        self.pos += 1;
        Ok(key)
    }

    fn string(&mut self) -> Result<StrToken<'a>> {
        let start = self.pos;
        self.pos += 1;
        let mut escaped = false;
        loop {
            self.pos = skip_plain(self.src, self.pos);
            match self.src.get(self.pos) {
                None => {
                    return Err(SyntaxError {
                        offset: start,
                        message: "unterminated string".to_owned(),
                    });
                }
                Some(b'"') => {
                    self.pos += 1;
                    let raw = &self.text[start + 1..self.pos - 1];
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
                        self.err("control character in a string: escape it (\\n, \\t, \\u0000)")
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
                    return Err(SyntaxError {
                        offset: start,
                        message: "unterminated string".to_owned(),
                    });
                }
                Some(_) => return Err(self.err("invalid escape in a string")),
            }
        }
    }

    fn decode(&self, token: &StrToken<'a>) -> Result<Cow<'a, str>> {
        if !token.escaped {
            return Ok(Cow::Borrowed(token.raw));
        }
        decode_escapes(token.raw)
            .map(Cow::Owned)
            .map_err(|message| SyntaxError {
                offset: token.start,
                message,
            })
    }

    fn number(&mut self) -> Result<NumToken> {
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

    fn literal(&mut self) -> Result<()> {
        for word in [&b"true"[..], b"false", b"null"] {
            if self.src[self.pos..].starts_with(word) {
                self.pos += word.len();
                return Ok(());
            }
        }
        Err(self.unexpected("a value"))
    }

    /// Skips one value of any shape, checking its syntax, without recursion.
    fn skip_value(&mut self, depth: usize) -> Result<()> {
        let mut stack: Vec<u8> = Vec::new();
        loop {
            // A value starts here.
            self.ws();
            match self.peek() {
                Some(open @ (b'{' | b'[')) => {
                    let at = self.pos;
                    self.pos += 1;
                    self.ws();
                    let close = if open == b'{' { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                    } else {
                        if depth + stack.len() >= MAX_DEPTH {
                            let message = format!("nesting deeper than {MAX_DEPTH} levels");
                            return Err(SyntaxError {
                                offset: at,
                                message,
                            });
                        }
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

/// The deepest path a fact can have: the deepest member a rule looks at is four levels down
/// (`/invoice/supplierDetails/address/pincode`).
const FACT_DEPTH: usize = 6;

/// A fact's path, kept inline: a fact costs a copy of a few segments, and a pointer string is built only
/// for a finding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FactPath {
    segments: [Segment; FACT_DEPTH],
    len: u8,
}

impl FactPath {
    /// The path, or `None` if it is deeper than any member a rule looks at.
    pub(crate) fn new(path: &[Segment]) -> Option<Self> {
        let mut segments = [Segment::Index(0); FACT_DEPTH];
        segments.get_mut(..path.len())?.copy_from_slice(path);
        Some(FactPath {
            segments,
            len: u8::try_from(path.len()).ok()?,
        })
    }

    /// The segments, root first.
    pub(crate) fn as_slice(&self) -> &[Segment] {
        &self.segments[..usize::from(self.len)]
    }

    /// The path as a JSON Pointer.
    pub(crate) fn pointer(&self) -> JsonPointer {
        pointer_of(self.as_slice())
    }
}

/// The JSON Pointer of a path.
pub(crate) fn pointer_of(path: &[Segment]) -> JsonPointer {
    let names = &crate::schema::SCHEMA.names;
    let capacity = path
        .iter()
        .map(|segment| match segment {
            Segment::Member(id) => 1 + names[*id as usize].len(),
            Segment::Index(_) => 8,
        })
        .sum();
    let mut pointer = JsonPointer::with_capacity(capacity);
    for segment in path {
        match *segment {
            Segment::Member(id) => pointer.push_member(names[id as usize]),
            Segment::Index(index) => pointer.push_index(index as usize),
        }
    }
    pointer
}

/// Decodes a JSON string's escapes; `Err` for a lone surrogate, which no Rust string can hold.
pub(crate) fn decode_escapes(raw: &str) -> std::result::Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let bytes = rest.as_bytes();
        let (ch, used) = match bytes[at + 1] {
            b'"' => ('"', 2),
            b'\\' => ('\\', 2),
            b'/' => ('/', 2),
            b'b' => ('\u{8}', 2),
            b'f' => ('\u{c}', 2),
            b'n' => ('\n', 2),
            b'r' => ('\r', 2),
            b't' => ('\t', 2),
            _ => {
                let hex = |from: usize| u32::from_str_radix(&rest[from..from + 4], 16).unwrap_or(0);
                let high = hex(at + 2);
                if (0xD800..0xDC00).contains(&high) {
                    let low = (rest.get(at + 6..at + 8) == Some("\\u")).then(|| hex(at + 8));
                    match low {
                        Some(low) if (0xDC00..0xE000).contains(&low) => {
                            let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                            (char::from_u32(code).unwrap_or('\u{FFFD}'), 12)
                        }
                        _ => return Err(format!("lone surrogate \\u{high:04X} in a string")),
                    }
                } else {
                    match char::from_u32(high) {
                        Some(ch) => (ch, 6),
                        None => return Err(format!("lone surrogate \\u{high:04X} in a string")),
                    }
                }
            }
        };
        out.push(ch);
        rest = &rest[at + used..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Whether a JSON number's value has no fractional part (`1.0` and `1e2` are integers to JSON Schema).
fn is_integral(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (
            &unsigned[..at],
            unsigned[at + 1..].parse::<i64>().unwrap_or(i64::MAX),
        ),
        None => (unsigned, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
    if digits.iter().all(|&d| d == b'0') {
        return true;
    }
    let point = (int.len() as i64).saturating_add(exponent);
    let from = point.clamp(0, digits.len() as i64) as usize;
    point > 0 && digits[from..].iter().all(|&d| d == b'0')
}

fn fits_i64(text: &str, plain: bool) -> bool {
    if plain {
        return text.parse::<i64>().is_ok();
    }
    // An integral value written with a fraction or exponent: judge by its magnitude.
    text.parse::<f64>().is_ok_and(|v| v.abs() < 9.2e18)
}

fn fits_decimal(text: &str, exponent: bool) -> bool {
    if exponent {
        return Decimal::from_scientific(text).is_ok();
    }
    // Up to 28 characters (sign and point included) hold at most 28 digits: always exact.
    text.len() <= 28 || Decimal::from_str_exact(text).is_ok()
}

/// The 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(src: &[u8], offset: usize) -> (usize, usize) {
    let position = positions(src, &[offset])[0];
    (position.line, position.column)
}

/// Lines and columns of ascending byte offsets, in one pass over the text.
pub(crate) fn positions(bytes: &[u8], offsets: &[usize]) -> Vec<Position> {
    let mut out = Vec::with_capacity(offsets.len());
    let (mut line, mut cursor, mut column) = (1, 0, 1);
    for &offset in offsets {
        let offset = offset.min(bytes.len());
        let mut last = None;
        for at in memchr::memchr_iter(b'\n', &bytes[cursor..offset]) {
            line += 1;
            last = Some(cursor + at + 1);
        }
        column = match last {
            Some(line_start) => 1 + count_chars(&bytes[line_start..offset]),
            None => column + count_chars(&bytes[cursor..offset]),
        };
        cursor = offset;
        out.push(Position {
            offset,
            line,
            column,
        });
    }
    out
}

/// Counts UTF-8 characters (bytes that do not continue a character).
pub(crate) fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
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
    fn integral_numbers_as_json_schema_counts_them() {
        for yes in [
            "0", "-0", "12", "1.0", "1.000", "1e2", "1.5e1", "120E-1", "0.0e5", "10e-1",
        ] {
            assert!(is_integral(yes), "{yes}");
        }
        for no in ["1.5", "0.1", "1e-1", "15e-1", "-0.001", "1.05e1"] {
            assert!(!is_integral(no), "{no}");
        }
    }

    #[test]
    fn escapes_decode_and_lone_surrogates_are_refused() {
        assert_eq!(
            decode_escapes(r#"a\"b\\c\u00e9\ud83e\uddfe\n"#).unwrap(),
            "a\"b\\cé🧾\n"
        );
        assert_eq!(
            decode_escapes(r"\ud800x").unwrap_err(),
            "lone surrogate \\uD800 in a string"
        );
        assert_eq!(
            decode_escapes(r"\udc00").unwrap_err(),
            "lone surrogate \\uDC00 in a string"
        );
    }

    #[test]
    fn decimals_that_a_rust_decimal_cannot_hold_exactly_are_out_of_range() {
        assert!(fits_decimal("99999999999999.99", false));
        assert!(fits_decimal("-0", false));
        assert!(fits_decimal("1e2", true));
        assert!(fits_decimal("1.5E-3", true));
        assert!(!fits_decimal("1e400", true));
        assert!(fits_decimal("0.1234567890123456789012345678", false));
        assert!(!fits_decimal("0.12345678901234567890123456789", false));
        assert!(!fits_decimal("123456789012345678901234567890", false));
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "{\n  \"a\": \"é🧾x\"\n}";
        let at = text.find('x').unwrap();
        assert_eq!(line_column(text.as_bytes(), at), (2, 11));
        assert_eq!(line_column(text.as_bytes(), 0), (1, 1));
    }
}
