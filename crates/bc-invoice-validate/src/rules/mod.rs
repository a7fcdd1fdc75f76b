//! Rules beyond the schema: facts about GST identities, arithmetic and versions that JSON Schema cannot
//! state. Each rule has a stable kebab-case id, a one-line summary and a default level; a [`RuleSet`] sets
//! the level of each.
//!
//! The validator hands the rules the values they need during its single pass, one party or item at a
//! time, so rules cost no second reading of the document and no memory that grows with it. Which members
//! a rule reads is the schema's word: each carries an `x-role` annotation.
//!
//! The rooms: [`catalogue`], one module per rule (its id, summary, tolerance, source, default level,
//! documentation, check and tests) registered with one line each, from which [`RuleId`] and [`RULES`] are
//! made; `set` ([`RuleSet`], the levels a validation runs with); `hooks` (what a rule sees: the views of
//! the document, and where its findings go); `checker` (which gathers the walk's facts into groups and
//! calls every rule's hooks); `payments` (the payment rules' state); `facts` (what the walk hands over);
//! and the leaf helpers the rules share (`gstin`, `states`, `formats`, `amounts`, `timestamp`,
//! `spelling`). Where each rule comes from is in `docs/rules-sources.md`.

mod amounts;
pub mod catalogue;
mod checker;
mod dispatch;
mod facts;
mod formats;
mod gstin;
mod hooks;
mod payments;
mod pin_states;
mod pins;
mod rates;
mod set;
pub(crate) mod spelling;
mod states;
mod timestamp;

pub use catalogue::{RULES, Rule, RuleId, RuleLevel, UnknownLevel, UnknownRule};
pub use set::RuleSet;

use crate::generated::roles::Role;
pub(crate) use checker::Checker;
pub(crate) use facts::Written;

/// Whether the rule `id` can find anything in a document of `kind`: a rule that reads only members one kind
/// has (the payment confirmation's REJECT rule) does not apply elsewhere. The typed entry point asks, to
/// skip the rules where none at deny can refuse the document.
pub(crate) fn applies_to(id: RuleId, kind: crate::DocumentKind) -> bool {
    match id {
        RuleId::RejectOffplatformOnly => has_role(kind, Role::SupplierResponse),
        RuleId::ReceivedUnknownMember => kind.is_received(),
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
