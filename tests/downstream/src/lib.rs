//! The service's own types: what any Rust service might hold, each with an `f64`, each a shape that
//! serde_json's `arbitrary_precision` breaks (it hands numbers to serde's buffered `Content` as a map).

use serde::{Deserialize, Serialize};

/// An internally tagged enum.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Event {
    /// A sensor reading.
    Reading {
        /// Degrees Celsius.
        celsius: f64,
    },
    /// A refund.
    Refund {
        /// Rupees.
        amount: f64,
    },
}

/// A struct flattened over another one holding an `f64`.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    /// The message id.
    pub id: String,
    /// The rest of the message.
    #[serde(flatten)]
    pub body: Body,
}

/// The flattened part.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Body {
    /// A ratio.
    pub ratio: f64,
}

/// An untagged enum.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Quantity {
    /// A number.
    Measured(f64),
    /// A note instead.
    Noted(String),
}
