//! Rules beyond the schema: facts about GST identities, arithmetic and versions that JSON Schema cannot
//! state. Each rule has a stable kebab-case id, a one-line summary and a default level; a [`RuleSet`] sets
//! the level of each.
//!
//! The validator hands the rules the values they need during its single pass, one party or item at a
//! time, so rules cost no second reading of the document and no memory that grows with it. Which members
//! a rule reads is the schema's word: each carries an `x-role` annotation.
//!
//! The rooms: [`catalogue`](self) (the ids, summaries, tolerances, sources, levels and [`RuleSet`]),
//! `facts` (what the walk hands over), `checks` (the rules themselves, one group of facts at a time) and
//! the leaf checks on one value (`gstin`, `states`, `formats`, `amounts`, `timestamp`, `spelling`). Where
//! each rule comes from is in `docs/rules-sources.md`.

mod amounts;
mod catalogue;
mod checks;
mod facts;
mod formats;
mod gstin;
mod payments;
pub(crate) mod spelling;
mod states;
mod timestamp;

pub use catalogue::*;

use crate::generated::roles::Role;
pub(crate) use checks::Checker;

/// Whether the rule `id` can find anything in a document of `kind`: a rule that reads only members one kind
/// has (the payment confirmation's REJECT rule) does not apply elsewhere. The typed entry point asks, to
/// skip the rules where none at deny can refuse the document.
pub(crate) fn applies_to(id: &str, kind: crate::DocumentKind) -> bool {
    match id {
        REJECT_OFFPLATFORM_ONLY => has_role(kind, Role::SupplierResponse),
        RECEIVED_UNKNOWN_MEMBER => kind.is_received(),
        _ => true,
    }
}

/// Whether the schema of `kind` has a member with `role`, from the generated tables (each kind's set of
/// roles is gathered once per process).
fn has_role(kind: crate::DocumentKind, role: Role) -> bool {
    use crate::generated::tables::NODES;
    use crate::schema::Node;
    static ROLES: std::sync::LazyLock<Vec<Vec<Role>>> = std::sync::LazyLock::new(|| {
        crate::DocumentKind::ALL
            .iter()
            .map(|kind| {
                let (mut roles, mut seen, mut stack) =
                    (Vec::new(), vec![false; NODES.len()], vec![kind.root()]);
                while let Some(id) = stack.pop() {
                    if std::mem::replace(&mut seen[id], true) {
                        continue;
                    }
                    match &NODES[id] {
                        Node::Object(object) => {
                            for prop in object.props {
                                roles.extend(prop.role);
                                stack.push(prop.node);
                            }
                        }
                        Node::Array { items } => stack.push(*items),
                        _ => {}
                    }
                }
                roles
            })
            .collect()
    });
    ROLES[kind.index()].contains(&role)
}
