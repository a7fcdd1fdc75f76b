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
pub(crate) use checks::Checker;
