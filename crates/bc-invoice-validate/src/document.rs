//! The trait every generated root type implements (the impls are generated, in `generated/dispatch.rs`).

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::kind::DocumentKind;

/// A generated root type, and the kind of document it is.
pub trait Document: DeserializeOwned + Serialize {
    /// The document kind whose schema describes this type.
    const KIND: DocumentKind;
}
