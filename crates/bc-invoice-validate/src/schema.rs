//! The shapes of the compiled schema. `cargo xtask gen` writes the schema itself as static tables of these
//! (`generated/tables.rs`): one node per subschema, members in schema order, each member's role for the
//! rules. Nothing is read or compiled at run time.

use std::sync::atomic::{AtomicU8, Ordering};

use crate::generated::roles::Role;
pub(crate) use crate::pattern::{Dfa, Matcher, Pattern, Step};

/// A node's index in the tables.
pub(crate) type NodeId = usize;

/// A compiled subschema.
#[derive(Debug)]
pub(crate) enum Node {
    /// `type: object`, refusing unknown members.
    Object(ObjectNode),
    /// `type: array` with its `items`.
    Array { items: NodeId },
    /// `type: string`, with its constraints.
    String(StringNode),
    /// `type: integer`.
    Integer,
    /// `type: number`.
    Number,
}

/// An object's members, in schema order, and their names' buckets.
#[derive(Debug)]
pub(crate) struct ObjectNode {
    pub props: &'static [Prop],
    /// Bit `i` set when `props[i]` is required.
    pub required: u64,
    /// By a name's first byte's low six bits: 0, or the index + 1 of the first member whose name starts
    /// so.
    pub buckets: [u8; 64],
    /// For each member: 0, or the index + 1 of the next member in its bucket.
    pub chain: &'static [u8],
    /// The order documents write the members in, as the walks learn it: in slot 0 the index of the
    /// member that came first last time, and in slot `i + 1` the index of the member that followed member
    /// `i` (at first, the schema's order: slot `k` holds `k`). A hint and nothing more (a name is always
    /// compared): documents written alphabetically, as serializers of maps write them, or in any other
    /// order of their own find each member at the second comparison once one such object has been read.
    /// Shared by every walk, in a static (`AFTER` in the generated tables), stored to only when both
    /// hints miss.
    pub after: &'static [AtomicU8],
}

/// One member of an object.
#[derive(Debug)]
pub(crate) struct Prop {
    pub name: &'static str,
    /// This member's index in the generated `NAMES`: a path segment is four bytes, not a string.
    pub id: u32,
    pub node: NodeId,
    /// What this member is to the rules (its `x-role`), if a rule reads it.
    pub role: Option<Role>,
}

/// A string's constraints.
#[derive(Debug)]
pub(crate) struct StringNode {
    pub pattern: Option<&'static Pattern>,
    pub enumeration: Option<&'static [&'static str]>,
    pub known: Option<&'static [&'static str]>,
    pub format: Option<Format>,
}

/// The supported `format`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// RFC 3339 `date-time`, calendar-checked.
    DateTime,
}

impl Format {
    /// The format's name in the schema.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Format::DateTime => "date-time",
        }
    }
}

impl ObjectNode {
    /// The members whose names start with `first`, in schema order: a name's candidates, mostly one,
    /// without a scan of the object's members (documents may list them in any order: alphabetically,
    /// as many serializers do, every member would be a scan from the last one).
    #[inline]
    fn candidates(&self, first: u8) -> impl Iterator<Item = usize> + '_ {
        let mut next = self.buckets[usize::from(first & 63)];
        std::iter::from_fn(move || {
            let index = usize::from(next).checked_sub(1)?;
            next = self.chain.get(index).copied().unwrap_or(0);
            Some(index)
        })
    }

    /// The index of the member whose name is written at `at` in `src` (at its opening quote) exactly as
    /// the schema spells it, without escapes: first the member at `next` (the one after the member read
    /// before it, where documents in the schema's order have it; 0 for an object's first), then the one
    /// that came there last time ([`ObjectNode::after`]), then the members starting with the same byte,
    /// and the order learnt. A name written any other way, or not a member's, is `None`: the caller scans
    /// it. Member names hold no quote, backslash or control character (a test checks every one), so a
    /// match is the whole name.
    #[inline(always)]
    pub(crate) fn find_in_place(&self, src: &[u8], at: usize, next: usize) -> Option<usize> {
        if src.get(at) != Some(&b'"') {
            return None;
        }
        let text = src.get(at + 1..)?;
        let first = *text.first()?;
        if next < self.props.len() && self.is_at(next, text, first) {
            return Some(next);
        }
        let learnt = self.after.get(next)?;
        let hint = usize::from(learnt.load(Ordering::Relaxed));
        if hint != next && hint < self.props.len() && self.is_at(hint, text, first) {
            return Some(hint);
        }
        let found = self
            .candidates(first)
            .find(|&index| self.is_at(index, text, first))?;
        // At most 64 members (the walk's bit set of those seen): the index fits a byte.
        learnt.store(found as u8, Ordering::Relaxed);
        Some(found)
    }

    /// Whether `text` starts with member `index`'s name and its closing quote (`first` is its first
    /// byte). Always inlined: called in a loop over a bucket, an out-of-line call costs more than the test.
    #[inline(always)]
    fn is_at(&self, index: usize, text: &[u8], first: u8) -> bool {
        let name = self.props[index].name.as_bytes();
        name.first() == Some(&first)
            && text.get(name.len()) == Some(&b'"')
            && same_bytes(&text[..name.len()], name)
    }

    /// The index of the member named `name` (compared as bytes).
    #[inline]
    pub(crate) fn find(&self, name: &[u8]) -> Option<usize> {
        let first = *name.first()?;
        self.candidates(first)
            .find(|&index| same_bytes(self.props[index].name.as_bytes(), name))
    }
}

/// Whether two byte strings are equal: what `a == b` answers, without a call to `memcmp` for the short
/// strings that member names, enum options and known values are (up to 16 bytes: two overlapping words;
/// up to 32: four).
#[inline(always)]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(&s[at..at + 8]);
        u64::from_ne_bytes(bytes)
    };
    let half = |s: &[u8], at: usize| {
        let mut bytes = [0; 4];
        bytes.copy_from_slice(&s[at..at + 4]);
        u32::from_ne_bytes(bytes)
    };
    match n {
        0..=3 => a == b,
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        17..=32 => {
            word(a, 0) == word(b, 0)
                && word(a, 8) == word(b, 8)
                && word(a, n - 16) == word(b, n - 16)
                && word(a, n - 8) == word(b, n - 8)
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU8, Ordering};

    use super::{ObjectNode, Prop, same_bytes};

    /// An object of members `amount`, `buyer`, `code` (schema order) with its own order slots.
    fn object(after: &'static [AtomicU8]) -> ObjectNode {
        static PROPS: [Prop; 3] = [
            Prop {
                name: "amount",
                id: 0,
                node: 0,
                role: None,
            },
            Prop {
                name: "buyer",
                id: 0,
                node: 0,
                role: None,
            },
            Prop {
                name: "code",
                id: 0,
                node: 0,
                role: None,
            },
        ];
        let mut buckets = [0; 64];
        for (index, prop) in PROPS.iter().enumerate() {
            buckets[usize::from(prop.name.as_bytes()[0] & 63)] = index as u8 + 1;
        }
        ObjectNode {
            props: &PROPS,
            required: 0,
            buckets,
            chain: &[0, 0, 0],
            after,
        }
    }

    /// The members in the order a text writes them, each found as the walk finds it (`next` after
    /// the last), with how many were not where either hint said.
    fn read(object: &ObjectNode, names: &[&str]) -> (Vec<usize>, usize) {
        let (mut next, mut found, mut missed) = (0, Vec::new(), 0);
        for name in names {
            let text = format!("\"{name}\": 1");
            let hint = object.after[next].load(Ordering::Relaxed);
            let index = object
                .find_in_place(text.as_bytes(), 0, next)
                .expect("a member");
            missed += usize::from(index != next && usize::from(hint) != index);
            found.push(index);
            next = index + 1;
        }
        (found, missed)
    }

    #[test]
    fn the_members_order_is_learnt_and_only_a_hint() {
        static AFTER: [AtomicU8; 4] = [const { AtomicU8::new(0) }; 4];
        for (slot, value) in AFTER.iter().zip(0..) {
            slot.store(value, Ordering::Relaxed);
        }
        let object = object(&AFTER);
        // The schema's order: found at the first look.
        assert_eq!(
            read(&object, &["amount", "buyer", "code"]),
            (vec![0, 1, 2], 0)
        );
        // Another order: missed once per member out of place, then learnt.
        assert_eq!(
            read(&object, &["code", "amount", "buyer"]),
            (vec![2, 0, 1], 2)
        );
        assert_eq!(
            read(&object, &["code", "amount", "buyer"]),
            (vec![2, 0, 1], 0)
        );
        // A hint that names another member is compared, not trusted: any order still reads right (here
        // `buyer` is where neither hint says; `code` follows it in the schema, `amount` follows `code` as
        // learnt).
        assert_eq!(
            read(&object, &["buyer", "code", "amount"]),
            (vec![1, 2, 0], 1)
        );
        let text = b"\"nobody\": 1";
        assert_eq!(object.find_in_place(text, 0, 0), None);
        assert_eq!(object.find_in_place(b"\"buyer\"", 0, 3), Some(1));
    }

    /// Equal to `==` for every length up to 40 and a difference at every position, in either string.
    #[test]
    fn same_bytes_is_equality() {
        for n in 0..40 {
            let a: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
            assert!(same_bytes(&a, &a.clone()), "{n}");
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a, &b) && !same_bytes(&b, &a), "{n} {at}");
            }
            let longer = [&a[..], b"x"].concat();
            assert!(!same_bytes(&a, &longer) && !same_bytes(&longer, &a), "{n}");
        }
    }
}
