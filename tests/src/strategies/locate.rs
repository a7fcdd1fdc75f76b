//! Where a value, or a member's name, starts in a JSON text: a small scanner of its own (not the
//! validator's), so that the mutation property can check the validator's lines and columns against an
//! independent reading of the text.

/// What to find at a JSON Pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The first byte of the value (`{`, `[`, `"`, a digit, `-`, `t`, `f`, `n`).
    Value,
    /// The opening quote of the member's name (the last token of the path is the member).
    Name,
}

/// The byte offset of the value at `path` (unescaped JSON Pointer tokens) in a well-formed JSON text, or
/// of its member name with [`Target::Name`]; `None` if there is no such value.
pub fn locate(text: &str, path: &[String], target: Target) -> Option<usize> {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
    };
    scanner.ws();
    scanner.find(path, target)
}

/// The 1-based line and column of a byte offset, the column counted in characters (Unicode scalar
/// values) from the start of the line.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, 1 + before[line_start..].chars().count())
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn ws(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.ws();
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// At the start of a value: finds `path` inside it.
    fn find(&mut self, path: &[String], target: Target) -> Option<usize> {
        let Some((first, rest)) = path.split_first() else {
            return (target == Target::Value).then_some(self.pos);
        };
        match self.peek()? {
            b'{' => {
                self.pos += 1;
                self.ws();
                if self.peek()? == b'}' {
                    return None;
                }
                loop {
                    self.ws();
                    let name_start = self.pos;
                    let name = self.string()?;
                    self.expect(b':')?;
                    self.ws();
                    if name == *first {
                        if rest.is_empty() && target == Target::Name {
                            return Some(name_start);
                        }
                        return self.find(rest, target);
                    }
                    self.skip()?;
                    self.ws();
                    match self.peek()? {
                        b',' => self.pos += 1,
                        _ => return None,
                    }
                }
            }
            b'[' => {
                let wanted: usize = first.parse().ok()?;
                self.pos += 1;
                self.ws();
                if self.peek()? == b']' {
                    return None;
                }
                let mut index = 0;
                loop {
                    self.ws();
                    if index == wanted {
                        return self.find(rest, target);
                    }
                    self.skip()?;
                    self.ws();
                    match self.peek()? {
                        b',' => self.pos += 1,
                        _ => return None,
                    }
                    index += 1;
                }
            }
            _ => None,
        }
    }

    /// Skips one value.
    fn skip(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.pos += 1;
                self.ws();
                if self.peek()? == close {
                    self.pos += 1;
                    return Some(());
                }
                loop {
                    self.ws();
                    if open == b'{' {
                        self.string()?;
                        self.expect(b':')?;
                    }
                    self.skip()?;
                    self.ws();
                    match self.peek()? {
                        b',' => self.pos += 1,
                        c if c == close => {
                            self.pos += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            _ => {
                while matches!(
                    self.peek(),
                    Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E' | b'a'..=b'z')
                ) {
                    self.pos += 1;
                }
                Some(())
            }
        }
    }

    /// Reads a string at the cursor, decoding its escapes.
    fn string(&mut self) -> Option<String> {
        if self.peek()? != b'"' {
            return None;
        }
        self.pos += 1;
        let mut out = String::new();
        let mut pending_high: Option<u16> = None;
        loop {
            let start = self.pos;
            while !matches!(self.peek()?, b'"' | b'\\') {
                self.pos += 1;
            }
            out.push_str(std::str::from_utf8(&self.bytes[start..self.pos]).ok()?);
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(out);
                }
                _ => {
                    let escape = *self.bytes.get(self.pos + 1)?;
                    self.pos += 2;
                    let decoded = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hex = std::str::from_utf8(self.bytes.get(self.pos..self.pos + 4)?)
                                .ok()?;
                            let unit = u16::from_str_radix(hex, 16).ok()?;
                            self.pos += 4;
                            match (pending_high.take(), unit) {
                                (None, 0xD800..=0xDBFF) => {
                                    pending_high = Some(unit);
                                    continue;
                                }
                                (Some(high), 0xDC00..=0xDFFF) => {
                                    char::decode_utf16([high, unit]).next()?.ok()?
                                }
                                (None, unit) => char::from_u32(u32::from(unit))?,
                                (Some(_), _) => return None,
                            }
                        }
                        _ => return None,
                    };
                    out.push(decoded);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(tokens: &[&str]) -> Vec<String> {
        tokens.iter().map(|t| (*t).to_owned()).collect()
    }

    #[test]
    fn finds_values_and_names_with_lines_and_columns_in_characters() {
        let text = "{\n  \"a\\u00e9\": [1, {\"b\": \"x\"}],\n  \"é\": {\"c\": \"\\ud83d\\ude00\", \"d\": null}\n}";
        let at = locate(text, &path(&["aé", "1", "b"]), Target::Value).unwrap();
        assert_eq!(&text[at..at + 3], "\"x\"");
        assert_eq!(line_column(text, at), (2, 24));
        let at = locate(text, &path(&["é", "d"]), Target::Name).unwrap();
        assert_eq!(&text[at..at + 3], "\"d\"");
        // "é" is one character, two bytes: the column counts it once.
        assert_eq!(line_column(text, at), (3, 30));
        let at = locate(text, &path(&["é", "c"]), Target::Value).unwrap();
        assert_eq!(line_column(text, at), (3, 14));
        assert_eq!(locate(text, &[], Target::Value), Some(0));
        assert_eq!(locate(text, &path(&["aé", "2"]), Target::Value), None);
        assert_eq!(locate(text, &path(&["z"]), Target::Value), None);
    }
}
