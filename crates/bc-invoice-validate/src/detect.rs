//! Telling a document's kind from its top-level members, with the generated table of which kinds each
//! member belongs to: the candidates narrow member by member, and the scan stops as soon as one is left.
//! Members no kind declares are passed over; a document that leaves several candidates (or none) is of no
//! kind detection can name.
//!
//! The validator decides the kind in its own pass (`Walker::run_detecting` in `walk.rs`), walking the
//! members before the deciding one as every kind still possible reads them, or most of them where they
//! read one differently ([`reading`]: a change of status's `device` and `b2bIds`); [`detect`] is the reading
//! before the walk, for the documents that pass cannot decide as it goes (a member some kinds do not have
//! before the deciding one; a text that breaks or ends first), where it says the same as it always has.

use std::sync::LazyLock;

use crate::generated::kinds::{DETECTABLE, ROOT_INDEX, TOP_LEVEL_MEMBERS};
use crate::generated::roles::Role;
use crate::generated::tables::NODES;
use crate::kind::DocumentKind;
use crate::scan::{Result, Scanner};
use crate::schema::{Node, NodeId, same_bytes};

/// The kinds the partner receives from the platform (bit `i` stands for `DocumentKind::ALL[i]`).
pub(crate) const RECEIVED: u64 = {
    let mut bits = 0;
    let mut i = 0;
    while i < DocumentKind::ALL.len() {
        if DocumentKind::ALL[i].is_received() {
            bits |= 1 << i;
        }
        i += 1;
    }
    bits
};

/// How many top-level members more than one kind has: the most a document can name before the one that
/// decides its kind.
pub(crate) const SHARED: usize = {
    let (mut count, mut i) = (0, 0);
    while i < TOP_LEVEL_MEMBERS.len() {
        if TOP_LEVEL_MEMBERS[i].1.count_ones() > 1 {
            count += 1;
        }
        i += 1;
    }
    count
};

/// The index in `TOP_LEVEL_MEMBERS` of the member whose name, written plainly in double quotes, starts at
/// `at` in `src`.
#[inline]
pub(crate) fn member_at(src: &[u8], at: usize) -> Option<usize> {
    if src.get(at) != Some(&b'"') {
        return None;
    }
    let first = *src.get(at + 1)?;
    // The members whose names start with the same byte's low six bits, first listed first.
    let mut candidates = BY_FIRST[usize::from(first & 63)];
    while candidates != 0 {
        let index = candidates.trailing_zeros() as usize;
        candidates &= candidates - 1;
        let member = TOP_LEVEL_MEMBERS[index].0.as_bytes();
        if member[0] == first
            && src
                .get(at + 1..at + 1 + member.len())
                .is_some_and(|name| same_bytes(name, member))
            && src.get(at + 1 + member.len()) == Some(&b'"')
        {
            return Some(index);
        }
    }
    None
}

/// For each first byte's low six bits, the top-level members (bits of their index in `TOP_LEVEL_MEMBERS`,
/// of which there are at most 64: a document's members are a bit set) whose names start so.
const BY_FIRST: [u64; 64] = {
    let mut buckets = [0u64; 64];
    let mut i = 0;
    while i < TOP_LEVEL_MEMBERS.len() {
        buckets[(TOP_LEVEL_MEMBERS[i].0.as_bytes()[0] & 63) as usize] |= 1 << i;
        i += 1;
    }
    buckets
};

/// How the kinds in a set read one top-level member: its schema node, its id (for the path; any of the
/// kinds' ids names it alike) and its role.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reading {
    pub node: NodeId,
    pub id: u32,
    pub role: Option<Role>,
}

/// For each top-level member, the kinds that have it grouped by how they read it, from the roots in the
/// generated tables (made once per process).
static READINGS: LazyLock<Vec<Vec<(u64, Reading)>>> = LazyLock::new(|| {
    TOP_LEVEL_MEMBERS
        .iter()
        .enumerate()
        .map(|(member, &(_, kinds))| {
            let mut groups: Vec<(u64, Reading)> = Vec::new();
            for (i, kind) in DocumentKind::ALL.iter().enumerate() {
                let Node::Object(root) = &NODES[kind.root()] else {
                    continue;
                };
                let Some(index) = root_index(*kind, member) else {
                    continue;
                };
                if kinds & (1 << i) == 0 {
                    continue;
                }
                let prop = &root.props[index];
                match groups
                    .iter_mut()
                    .find(|(_, r)| r.node == prop.node && r.role == prop.role)
                {
                    Some((mask, _)) => *mask |= 1 << i,
                    None => groups.push((
                        1 << i,
                        Reading {
                            node: prop.node,
                            id: prop.id,
                            role: prop.role,
                        },
                    )),
                }
            }
            groups
        })
        .collect()
});

/// How most of the kinds in `kinds` (all of which have the member) read the top-level member `member`, and
/// which of them read it so: all of `kinds` when they read it alike. Of two readings as common, the one
/// listed first. `None` when `kinds` is empty.
#[inline]
pub(crate) fn reading(member: usize, kinds: u64) -> Option<(u64, Reading)> {
    let mut most: Option<(u64, Reading)> = None;
    for &(group, reading) in &READINGS[member] {
        let alike = group & kinds;
        if alike != 0 && most.is_none_or(|(more, _)| alike.count_ones() > more.count_ones()) {
            most = Some((alike, reading));
        }
    }
    most
}

/// The index among `kind`'s root members of the top-level member `member`, if the kind has it: what
/// `ObjectNode::find` answers for the root, without comparing names (the generated `ROOT_INDEX`).
#[inline]
pub(crate) fn root_index(kind: DocumentKind, member: usize) -> Option<usize> {
    let index = *ROOT_INDEX.get(kind.index())?.get(member)?;
    (index != u8::MAX).then_some(usize::from(index))
}

/// The kind the top-level members name, reading no further than the member that decides. `Ok(None)` when
/// the text is a JSON value but not an object that names one kind.
pub(crate) fn detect(text: &str) -> Result<Option<DocumentKind>> {
    Ok(deciding(text)?.map(|(kind, _)| kind))
}

/// [`detect`]'s kind, with the member that decides it (its index in `TOP_LEVEL_MEMBERS`).
pub(crate) fn deciding(text: &str) -> Result<Option<(DocumentKind, usize)>> {
    let mut scan = Scanner::new(text);
    scan.ws();
    if scan.peek() != Some(b'{') {
        return Ok(None);
    }
    scan.pos += 1;
    scan.ws();
    if scan.peek() == Some(b'}') {
        return Ok(None);
    }
    let mut candidates = DETECTABLE;
    loop {
        scan.ws();
        let key = scan.key()?;
        let name = scan.decode(&key)?;
        if let Some(member) = TOP_LEVEL_MEMBERS
            .iter()
            .position(|(member, _)| *member == name)
            && candidates & TOP_LEVEL_MEMBERS[member].1 != 0
        {
            candidates &= TOP_LEVEL_MEMBERS[member].1;
            if candidates.count_ones() == 1 {
                let kind = DocumentKind::ALL[candidates.trailing_zeros() as usize];
                return Ok(Some((kind, member)));
            }
        }
        scan.skip_value(1)?;
        scan.ws();
        match scan.peek() {
            Some(b',') => scan.pos += 1,
            _ => return Ok(None),
        }
    }
}

/// The top-level members that name one kind on their own, in schema order (for the message of a document
/// whose kind cannot be told).
pub(crate) fn deciding_members() -> impl Iterator<Item = &'static str> {
    TOP_LEVEL_MEMBERS
        .iter()
        .filter(|(_, kinds)| kinds.count_ones() == 1)
        .map(|(member, _)| *member)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deciding_member_names_the_kind_wherever_it_stands() {
        let create = r#"{"device": {}, "b2bIds": {}, "invoice": {"unclosed": "#;
        assert_eq!(detect(create).unwrap(), Some(DocumentKind::CreateInvoice));
        let confirm = r#"{"x": [1, {"y": null}], "invoiceConfirmation": 1}"#;
        assert_eq!(detect(confirm).unwrap(), Some(DocumentKind::ConfirmInvoice));
        assert_eq!(
            detect(r#"{"response_code": 0}"#).unwrap(),
            Some(DocumentKind::ApiResponse)
        );
        assert_eq!(detect(r#"{"device": {}, "b2bIds": {}}"#).unwrap(), None);
        assert_eq!(detect("[]").unwrap(), None);
        assert_eq!(detect("{}").unwrap(), None);
        assert!(detect(r#"{"device": tru}"#).is_err());
    }

    #[test]
    fn the_shared_members_are_read_as_most_kinds_that_share_them_read_them() {
        // A change of status's device and b2bIds differ from every other kind's, which read them alike.
        let status = 1 << DocumentKind::ChangeInvoiceStatus.index();
        let device = member_at(br#""device": {}"#, 0).unwrap();
        for member in [device, member_at(br#""b2bIds": {}"#, 0).unwrap()] {
            let kinds = TOP_LEVEL_MEMBERS[member].1;
            assert_eq!(reading(member, kinds).unwrap().0, kinds & !status);
            assert_eq!(reading(member, kinds & !status).unwrap().0, kinds & !status);
            assert_eq!(reading(member, status).unwrap().0, status);
            assert!(reading(member, 0).is_none());
        }
        // The payment's additional information differs between the request and the webhook, one kind each:
        // the first reading listed, the request's.
        let infos = member_at(br#""additionalInfos": {}"#, 0).unwrap();
        let pay = 1 << DocumentKind::PayInvoice.index();
        assert_eq!(reading(infos, TOP_LEVEL_MEMBERS[infos].1).unwrap().0, pay);
        assert_eq!(member_at(br#""nope": 1"#, 0), None);
        for kind in DocumentKind::ALL {
            let Node::Object(root) = &NODES[kind.root()] else {
                panic!("{kind:?}'s root is an object");
            };
            for (member, (name, _)) in TOP_LEVEL_MEMBERS.iter().enumerate() {
                assert_eq!(
                    root_index(*kind, member),
                    root.find(name.as_bytes()),
                    "{kind:?} {name}"
                );
            }
        }
        assert_eq!(member_at(br#""device\u0020": 1"#, 0), None);
        assert_eq!(member_at(br#" "device": 1"#, 1), Some(device));
        assert_eq!(
            RECEIVED.count_ones() as usize,
            DocumentKind::ALL.iter().filter(|k| k.is_received()).count()
        );
    }

    #[test]
    fn an_edit_is_never_detected() {
        assert!(!DocumentKind::EditInvoice.is_detectable());
        assert!(
            DocumentKind::ALL
                .iter()
                .filter(|k| k.is_detectable())
                .all(|k| DETECTABLE & (1 << k.index()) != 0)
        );
        assert!(deciding_members().any(|m| m == "invoice"));
    }
}
