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
/// `FACT_DEPTH`, the deepest member the schema gives a role.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FactPath {
    segments: [Segment; FACT_DEPTH],
    len: u8,
}

impl FactPath {
    /// The path, or `None` if it is deeper than any member with a role.
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
    let capacity = path
        .iter()
        .map(|segment| match segment {
            Segment::Member(id) => 1 + NAMES[*id as usize].len(),
            Segment::Index(_) => 8,
        })
        .sum();
    let mut pointer = JsonPointer::with_capacity(capacity);
    for segment in path {
        match *segment {
            Segment::Member(id) => pointer.push_member(NAMES[id as usize]),
            Segment::Index(index) => pointer.push_index(index as usize),
        }
    }
    pointer
}
