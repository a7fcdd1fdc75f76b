//! RFC 6901 JSON Pointers naming where in a document a finding sits.

use std::fmt;

/// An RFC 6901 JSON Pointer into a document: `""` is the root, `/invoice/itemLists/3/hsnCode` a member.
///
/// Built segment by segment with `~` and `/` escaped, so a member named `a/b` is `/a~1b`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct JsonPointer(String);

impl JsonPointer {
    /// The root pointer, `""`.
    pub fn root() -> Self {
        Self(String::new())
    }

    /// Parses a pointer in its RFC 6901 text form; `None` unless it is empty or starts with `/`, and every
    /// `~` in it starts an escape (`~0` for `~`, `~1` for `/`).
    pub fn parse(text: &str) -> Option<Self> {
        let escapes_valid = text
            .match_indices('~')
            .all(|(at, _)| matches!(text.as_bytes().get(at + 1), Some(b'0' | b'1')));
        ((text.is_empty() || text.starts_with('/')) && escapes_valid).then(|| Self(text.to_owned()))
    }

    /// An empty (root) pointer with room for `capacity` bytes, so that building it does not reallocate.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self(String::with_capacity(capacity))
    }

    /// Appends a member name, escaping `~` as `~0` and `/` as `~1`.
    pub fn push_member(&mut self, name: &str) {
        self.0.push('/');
        // Schema member names have neither: copy them whole.
        if !name.contains(['~', '/']) {
            self.0.push_str(name);
            return;
        }
        for ch in name.chars() {
            match ch {
                '~' => self.0.push_str("~0"),
                '/' => self.0.push_str("~1"),
                _ => self.0.push(ch),
            }
        }
    }

    /// Appends an array index.
    pub fn push_index(&mut self, index: usize) {
        // Digits by hand: the formatting machinery cost more than the rest of a pointer.
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = index;
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        self.0.push('/');
        self.0
            .extend(digits[at..].iter().map(|&digit| char::from(digit)));
    }

    /// This pointer with a member name appended.
    #[must_use]
    pub fn member(&self, name: &str) -> Self {
        let mut out = self.clone();
        out.push_member(name);
        out
    }

    /// The pointer's text, `""` for the root.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the root pointer.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The unescaped reference tokens, in order.
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .split('/')
            .skip(1)
            .map(|token| token.replace("~1", "/").replace("~0", "~"))
    }

    /// The pointer to the containing member or element; the root is its own parent.
    #[must_use]
    pub fn parent(&self) -> Self {
        match self.0.rfind('/') {
            Some(at) => Self(self.0[..at].to_owned()),
            None => Self::root(),
        }
    }

    /// The last reference token, unescaped; `None` for the root.
    pub fn last(&self) -> Option<String> {
        self.tokens().last()
    }
}

impl fmt::Display for JsonPointer {
    /// The pointer's text; the root shows as `(root)` so that a message never starts with an empty field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("(root)")
        } else {
            f.write_str(&self.0)
        }
    }
}

impl AsRef<str> for JsonPointer {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_and_indices_are_escaped_per_rfc_6901() {
        let mut p = JsonPointer::root();
        p.push_member("invoice");
        p.push_member("itemLists");
        p.push_index(3);
        p.push_member("a/b~c");
        assert_eq!(p.as_str(), "/invoice/itemLists/3/a~1b~0c");
        assert_eq!(
            p.tokens().collect::<Vec<_>>(),
            ["invoice", "itemLists", "3", "a/b~c"]
        );
        assert_eq!(p.parent().as_str(), "/invoice/itemLists/3");
        assert_eq!(p.last().as_deref(), Some("a/b~c"));
        assert_eq!(JsonPointer::root().to_string(), "(root)");
        assert_eq!(JsonPointer::parse("x"), None);
    }

    #[test]
    fn parse_takes_rfc_6901_text_only() {
        for good in [
            "",
            "/",
            "/a",
            "/a~0b/~1",
            "/invoice/itemLists/3/hsnCode",
            "/~01",
        ] {
            assert_eq!(
                JsonPointer::parse(good).map(|p| p.as_str().to_owned()),
                Some(good.to_owned()),
                "{good}"
            );
        }
        for bad in ["x", "a/b", "/a~2", "/a~", "/~/", "/a~b"] {
            assert_eq!(JsonPointer::parse(bad), None, "{bad}");
        }
        assert_eq!(
            JsonPointer::parse("/~01")
                .unwrap()
                .tokens()
                .collect::<Vec<_>>(),
            ["~1"]
        );
    }
}
