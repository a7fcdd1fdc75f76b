//! The trait every generated root type implements (the impls are generated, in `generated/dispatch.rs`).

use std::fmt;
use std::hash::Hash;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::kind::DocumentKind;

/// A generated root type, and the kind of document it is.
///
/// Every one is `Debug`, `Clone`, `Eq`, `Hash`, `Send`, `Sync` and `'static`, and the trait says so:
/// code generic over `T: Document` (one handler for every kind a service receives) may send a document
/// to another thread or task, keep it in a set, clone, compare and log it without more bounds.
///
/// Sealed: only the generated types implement it, so that a later release can add items to it without
/// breaking anyone's code. A type of your own is checked with [`crate::Validator::validate`] and read with
/// serde.
///
/// ```compile_fail,E0277
/// # use serde::{Deserialize, Serialize};
/// #[derive(Serialize, Deserialize)]
/// struct Mine {}
///
/// impl bc_invoice_validate::Document for Mine {
///     const KIND: bc_invoice_validate::DocumentKind = bc_invoice_validate::DocumentKind::ConfirmInvoice;
/// }
/// ```
pub trait Document:
    DeserializeOwned
    + Serialize
    + Clone
    + fmt::Debug
    + Eq
    + Hash
    + Send
    + Sync
    + 'static
    + sealed::Sealed
{
    /// The document kind whose schema describes this type.
    const KIND: DocumentKind;
}

/// The seal: a public trait in a private module, which code outside this crate cannot name, so cannot
/// implement.
pub(crate) mod sealed {
    /// Implemented for the generated root types only (in `generated/dispatch.rs`).
    pub trait Sealed {}
}
