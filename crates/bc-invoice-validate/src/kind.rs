//! The five documents and how a document's kind is told from its top-level members.

use std::fmt;
use std::str::FromStr;

/// Which document a JSON text is: one of the four requests or the response envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentKind {
    /// Body of `POST /api/v0/invoice/req-send-invoice`.
    CreateInvoice,
    /// Body of `POST /api/v0/invoice/req-edit-invoice` (the same body as create).
    EditInvoice,
    /// Body of `POST /api/v0/invoice/req-confirm-invoice`.
    ConfirmInvoice,
    /// Body of `POST /api/v0/invoice/req-status-change-invoice`.
    ChangeInvoiceStatus,
    /// The envelope every endpoint answers with.
    ApiResponse,
}

impl DocumentKind {
    /// All kinds, in the order the documentation lists them.
    pub const ALL: [DocumentKind; 5] = [
        DocumentKind::CreateInvoice,
        DocumentKind::EditInvoice,
        DocumentKind::ConfirmInvoice,
        DocumentKind::ChangeInvoiceStatus,
        DocumentKind::ApiResponse,
    ];

    /// The kind's name on the command line and in reports, e.g. `confirm-invoice`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::CreateInvoice => "create-invoice",
            DocumentKind::EditInvoice => "edit-invoice",
            DocumentKind::ConfirmInvoice => "confirm-invoice",
            DocumentKind::ChangeInvoiceStatus => "change-invoice-status",
            DocumentKind::ApiResponse => "api-response",
        }
    }

    /// The schema file that describes this kind, under `schema/`.
    pub fn schema_file(self) -> &'static str {
        match self {
            DocumentKind::CreateInvoice => "create-invoice.schema.json",
            DocumentKind::EditInvoice => "edit-invoice.schema.json",
            DocumentKind::ConfirmInvoice => "confirm-invoice.schema.json",
            DocumentKind::ChangeInvoiceStatus => "change-invoice-status.schema.json",
            DocumentKind::ApiResponse => "api-response.schema.json",
        }
    }

    /// The kind a top-level member name identifies, if it identifies one. `invoice` is the create body's
    /// member, and the edit body's too: detection cannot tell those two apart and says create.
    pub(crate) fn from_top_level_member(name: &str) -> Option<Self> {
        match name {
            "invoice" => Some(DocumentKind::CreateInvoice),
            "invoiceConfirmation" => Some(DocumentKind::ConfirmInvoice),
            "invoiceStatus" => Some(DocumentKind::ChangeInvoiceStatus),
            "payload" | "response_code" | "response_message" => Some(DocumentKind::ApiResponse),
            _ => None,
        }
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing a [`DocumentKind`] from a name that is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown document kind {:?}; expected one of ", self.0)?;
        let names: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.as_str()).collect();
        f.write_str(&names.join(", "))
    }
}

impl std::error::Error for UnknownKind {}

impl FromStr for DocumentKind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DocumentKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for kind in DocumentKind::ALL {
            assert_eq!(kind.as_str().parse::<DocumentKind>(), Ok(kind));
        }
        let err = "invoice".parse::<DocumentKind>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown document kind \"invoice\"; expected one of create-invoice, edit-invoice, confirm-invoice, \
             change-invoice-status, api-response"
        );
    }
}
