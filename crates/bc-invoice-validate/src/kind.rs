//! The document kinds. The enum itself, its ids, titles, endpoints and schema files are generated from the
//! roots' `x-document` annotations (`generated/kinds.rs`); names are parsed and printed here.

use std::fmt;
use std::str::FromStr;

pub use crate::generated::kinds::DocumentKind;

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing a [`DocumentKind`] from a name that is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind {
    name: String,
}

impl UnknownKind {
    /// The name that names no kind.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown document kind {:?}; expected one of ", self.name)?;
        let names: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.as_str()).collect();
        f.write_str(&names.join(", "))
    }
}

impl std::error::Error for UnknownKind {}

impl FromStr for DocumentKind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DocumentKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownKind { name: s.to_owned() })
    }
}

/// `Serialize` as the type's `as_str()` and `Deserialize` through its `FromStr`, whose error becomes
/// serde's: the names the API, the command and the settings file already use, so that a service's own
/// serde types (a query, a settings map, a log line) can hold the value. Here, beside the first type that
/// uses it; the rules' ids and levels use it too (`crate::kind::serde_as_text`).
macro_rules! serde_as_text {
    ($type:ty, $what:literal) => {
        #[doc = concat!("Written as its ", $what, "'s text (`as_str`).")]
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[doc = concat!("Read from its ", $what, "'s text, as `FromStr` reads it; another text is `FromStr`'s error.")]
        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use serde_as_text;

serde_as_text!(DocumentKind, "name");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &kind in DocumentKind::ALL {
            assert_eq!(kind.as_str().parse::<DocumentKind>(), Ok(kind));
            assert_eq!(kind.to_string(), kind.as_str());
        }
        let err = "invoice".parse::<DocumentKind>().unwrap_err();
        assert_eq!(err.name(), "invoice");
        let names: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            err.to_string(),
            format!(
                "unknown document kind \"invoice\"; expected one of {}",
                names.join(", ")
            )
        );
        assert_eq!(
            DocumentKind::CreateInvoice.endpoint(),
            Some("POST /api/v0/invoice/req-send-invoice")
        );
        assert_eq!(DocumentKind::ApiResponse.endpoint(), None);
        assert_eq!(
            DocumentKind::ConfirmInvoice.type_name(),
            "ConfirmInvoiceRequest"
        );
    }
}
