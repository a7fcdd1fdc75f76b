//! Paths into a document as the walk keeps them: a member is its four-byte id in the generated tables, an
//! array element its index. A JSON Pointer string is built only for a finding.

use crate::generated::tables::{FACT_DEPTH, NAMES};
use crate::pointer::JsonPointer;

/// One step of a path: a member of an object or an element of an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Segment {
    /// A member, by its id in the generated tables.
    Member(u32),
    /// An array element (saturating at `u32::MAX`, far beyond any document that fits in memory).
    Index(u32),
}

/// A fact's path, kept inline: a fact costs a copy of a few segments. Its capacity is the generator's
/// `FACT_DEPTH`, the deepest member the schema gives a role. Segments past `len` are left as they were
/// (the walk's path pops by shortening), so two paths are equal when their first `len` segments are.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FactPath {
    segments: [Segment; FACT_DEPTH],
    len: u8,
}

impl PartialEq for FactPath {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl FactPath {
    /// The path, or `None` if it is deeper than any member with a role (the tests' way to make one; the
    /// walk's are copies of its own).
    #[cfg(test)]
    pub(crate) fn new(path: &[Segment]) -> Option<Self> {
        let mut segments = [Segment::Index(0); FACT_DEPTH];
        segments.get_mut(..path.len())?.copy_from_slice(path);
        Some(FactPath {
            segments,
            len: u8::try_from(path.len()).ok()?,
        })
    }

    /// The path of a member or element of this one; `None` past the inline capacity.
    pub(crate) fn child(&self, segment: Segment) -> Option<Self> {
        let mut path = *self;
        *path.segments.get_mut(usize::from(self.len))? = segment;
        path.len += 1;
        Some(path)
    }

    /// The path of the object or array holding this one (the root's is the root).
    pub(crate) fn parent(&self) -> Self {
        let mut path = *self;
        path.len = path.len.saturating_sub(1);
        path
    }

    /// The first `len` segments (all of them if there are fewer).
    pub(crate) fn prefix(&self, len: usize) -> Self {
        let mut path = *self;
        path.len = path.len.min(u8::try_from(len).unwrap_or(u8::MAX));
        path
    }

    /// The last segment, if any.
    pub(crate) fn last(&self) -> Option<Segment> {
        self.as_slice().last().copied()
    }

    /// The segments, root first.
    pub(crate) fn as_slice(&self) -> &[Segment] {
        &self.segments[..usize::from(self.len)]
    }

    /// The path as a JSON Pointer.
    pub(crate) fn pointer(&self) -> JsonPointer {
        pointer_of(self.as_slice().iter().copied())
    }
}

/// The walk's path: its first `FACT_DEPTH` segments inline, where the rules' facts copy them from whole
/// (a copy of the whole array, written well before, rather than of a slice of a growing vector, which
/// costs a call and stalls the reads that follow it), and any deeper ones apart (only values no rule
/// reads lie deeper).
#[derive(Debug)]
pub(crate) struct WalkPath {
    inline: FactPath,
    deeper: Vec<Segment>,
}

impl WalkPath {
    /// The root's path.
    pub(crate) fn new() -> Self {
        WalkPath {
            inline: FactPath {
                segments: [Segment::Index(0); FACT_DEPTH],
                len: 0,
            },
            deeper: Vec::new(),
        }
    }

    /// Steps into a member or element.
    #[inline]
    pub(crate) fn push(&mut self, segment: Segment) {
        match self.inline.segments.get_mut(usize::from(self.inline.len)) {
            Some(slot) => {
                *slot = segment;
                self.inline.len += 1;
            }
            None => self.deeper.push(segment),
        }
    }

    /// Steps back out of the last [`WalkPath::push`].
    #[inline]
    pub(crate) fn pop(&mut self) {
        if self.deeper.pop().is_none() {
            self.inline.len = self.inline.len.saturating_sub(1);
        }
    }

    /// The path as a fact keeps it, or `None` if it is deeper than any member with a role.
    #[inline]
    pub(crate) fn fact_path(&self) -> Option<&FactPath> {
        self.deeper.is_empty().then_some(&self.inline)
    }

    /// The path as a JSON Pointer.
    pub(crate) fn pointer(&self) -> JsonPointer {
        pointer_of(self.inline.as_slice().iter().chain(&self.deeper).copied())
    }
}

/// The JSON Pointer of a path.
fn pointer_of(path: impl Iterator<Item = Segment> + Clone) -> JsonPointer {
    let capacity = path
        .clone()
        .map(|segment| match segment {
            Segment::Member(id) => 1 + NAMES[id as usize].len(),
            Segment::Index(_) => 8,
        })
        .sum();
    let mut pointer = JsonPointer::with_capacity(capacity);
    for segment in path {
        match segment {
            Segment::Member(id) => pointer.push_member(NAMES[id as usize]),
            Segment::Index(index) => pointer.push_index(index as usize),
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk's path past the inline segments: the pointer names every segment, a fact is refused
    /// there, and popping back restores the inline path and its facts exactly.
    #[test]
    fn the_walk_path_holds_every_depth() {
        let mut path = WalkPath::new();
        let mut expected = String::new();
        let mut facts = Vec::new();
        for depth in 0..FACT_DEPTH + 3 {
            let segment = if depth % 2 == 0 {
                Segment::Member(depth as u32)
            } else {
                Segment::Index(depth as u32 * 10)
            };
            path.push(segment);
            match segment {
                Segment::Member(id) => expected.push_str(&format!("/{}", NAMES[id as usize])),
                Segment::Index(index) => expected.push_str(&format!("/{index}")),
            }
            assert_eq!(path.pointer().as_str(), expected, "depth {}", depth + 1);
            let fact = path.fact_path().copied();
            assert_eq!(fact.is_some(), depth < FACT_DEPTH, "depth {}", depth + 1);
            if let Some(fact) = fact {
                assert_eq!(fact.pointer().as_str(), expected);
                assert_eq!(fact.last(), Some(segment));
                assert_eq!(fact.parent().len, fact.len - 1);
            }
            facts.push((expected.clone(), fact));
        }
        while let Some((pointer, fact)) = facts.pop() {
            assert_eq!(path.pointer().as_str(), pointer);
            assert_eq!(path.fact_path().copied(), fact);
            path.pop();
        }
        assert_eq!(path.pointer().as_str(), "");
        assert_eq!(path.fact_path().map(FactPath::as_slice), Some(&[][..]));
    }

    /// Paths are equal by their segments, whatever lies past their length.
    #[test]
    fn fact_paths_compare_by_their_segments() {
        let long = FactPath::new(&[Segment::Member(1), Segment::Index(2)]).unwrap();
        let short = FactPath::new(&[Segment::Member(1)]).unwrap();
        assert_eq!(long.parent(), short);
        assert_eq!(long.prefix(1), short);
        assert_eq!(long.prefix(5), long);
        assert_ne!(long, short);
        assert_eq!(short.parent().as_slice(), &[][..]);
    }
}
