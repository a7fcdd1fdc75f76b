//! The names of an object's members that the schema does not declare, remembered while the walk is in the
//! object, so that such a member given twice is a `duplicateMember` like a declared one (two parsers may
//! keep different copies of it, and the server may read the one the validator never saw).
//!
//! A name is remembered as where it starts in the text and its hash, not copied, whatever its length:
//! 9 bytes a slot in a table kept between 7/16 and 7/8 full. Names are compared by their decoded
//! characters, so `"a"` and `"\u0061"` are the same name. The hash is keyed per process
//! ([`RandomState`]), so a document cannot choose names that collide.

use std::hash::{BuildHasher, Hasher, RandomState};

use hashbrown::HashTable;

use crate::scan::{string_at, unescaped};

/// The undeclared names met so far in one object.
pub(crate) struct UnknownNames {
    keys: RandomState,
    /// Names that start in the first 4 GiB of the text: where the opening quote is, and the hash's
    /// low half (the table's hash is made of it: [`spread`]).
    narrow: HashTable<(u32, u32)>,
    /// Names further on, in a text over 4 GiB.
    wide: HashTable<(usize, u64)>,
}

/// The table hash of a name whose hash's low half is `low`: both halves of the word, so that the table
/// finds its slot (the low bits) and its tag (the high bits) from what a slot keeps.
fn spread(low: u32) -> u64 {
    u64::from(low) << 32 | u64::from(low)
}

impl UnknownNames {
    pub(crate) fn new() -> Self {
        UnknownNames {
            keys: RandomState::new(),
            narrow: HashTable::new(),
            wide: HashTable::new(),
        }
    }

    /// Where the same name was first given in this object, if it was; otherwise remembers this one. `raw`
    /// is the name as written (between its quotes), whose opening quote is at `start` in `text`.
    pub(crate) fn first(&mut self, text: &str, start: usize, raw: &str) -> Option<usize> {
        let hash = self.hash(raw);
        let same = |at: usize| unescaped(string_at(text, at)).eq(unescaped(raw));
        let low = hash as u32;
        if let Some(&(at, _)) = self
            .narrow
            .find(spread(low), |&(at, h)| h == low && same(at as usize))
        {
            return Some(at as usize);
        }
        if let Some(&(at, _)) = self.wide.find(hash, |&(at, h)| h == hash && same(at)) {
            return Some(at);
        }
        match u32::try_from(start) {
            Ok(at) => {
                self.narrow
                    .insert_unique(spread(low), (at, low), |&(_, h)| spread(h));
            }
            Err(_) => {
                self.wide.insert_unique(hash, (start, hash), |&(_, h)| h);
            }
        }
        None
    }

    /// The hash of a name's decoded characters, fed in 64-byte pieces whatever the name's escapes, so
    /// that equal names hash alike.
    fn hash(&self, raw: &str) -> u64 {
        let mut hasher = self.keys.build_hasher();
        if !raw.contains('\\') {
            for piece in raw.as_bytes().chunks(64) {
                hasher.write(piece);
            }
            return hasher.finish();
        }
        let (mut piece, mut len) = ([0u8; 64], 0);
        for ch in unescaped(raw) {
            let mut utf8 = [0u8; 4];
            for &byte in ch.encode_utf8(&mut utf8).as_bytes() {
                piece[len] = byte;
                len += 1;
                if len == piece.len() {
                    hasher.write(&piece);
                    len = 0;
                }
            }
        }
        if len > 0 {
            hasher.write(&piece[..len]);
        }
        hasher.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of `text`, a JSON object of members with one-digit values (no blanks), each with where
    /// its quote is.
    fn names(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut at = 1;
        while at < text.len() - 1 {
            let raw = string_at(text, at);
            out.push((at, raw));
            at += raw.len() + 2 + ":0,".len();
        }
        out
    }

    #[test]
    fn a_name_given_again_in_any_writing_is_found_at_its_first_place() {
        let long = "n".repeat(200);
        let long_escaped = format!("{}\\u006e", "n".repeat(199));
        let text = format!(
            r#"{{"a":0,"b":0,"\u0061":0,"{long}":0,"c":0,"{long_escaped}":0,"\ud83e\uddfe":0,"🧾":0,"b":0,"":0,"\/":0,"/":0,"":0}}"#
        );
        let mut seen = UnknownNames::new();
        let found: Vec<Option<usize>> = names(&text)
            .into_iter()
            .map(|(at, raw)| seen.first(&text, at, raw))
            .collect();
        let at = |name: &str| Some(text.find(name).unwrap());
        assert_eq!(
            found,
            [
                None,
                None,
                at(r#""a""#),
                None,
                None,
                at(&format!("\"{long}\"")),
                None,
                at(r#""\ud83e"#),
                at(r#""b""#),
                None,
                None,
                at(r#""\/""#),
                at(r#""""#),
            ]
        );
    }

    #[test]
    fn a_name_hashes_alike_however_it_is_escaped() {
        let seen = UnknownNames::new();
        let plain = "é".repeat(100) + "x";
        let escaped = "\\u00e9".repeat(100) + "\\u0078";
        assert_eq!(seen.hash(&plain), seen.hash(&escaped));
        assert_ne!(seen.hash(&plain), seen.hash("x"));
    }
}
