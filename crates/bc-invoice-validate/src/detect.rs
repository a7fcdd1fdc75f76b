//! Telling a document's kind from its top-level members, with the generated table of which kinds each
//! member belongs to: the candidates narrow member by member, and the scan stops as soon as one is left.
//! Members no kind declares are passed over; a document that leaves several candidates (or none) is of no
//! kind detection can name.

use crate::generated::kinds::{DETECTABLE, TOP_LEVEL_MEMBERS};
use crate::kind::DocumentKind;
use crate::scan::{Result, Scanner};

/// The kind the top-level members name, reading no further than the member that decides. `Ok(None)` when
/// the text is a JSON value but not an object that names one kind.
pub(crate) fn detect(text: &str) -> Result<Option<DocumentKind>> {
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
        if let Some(&(_, kinds)) = TOP_LEVEL_MEMBERS.iter().find(|(member, _)| *member == name)
            && candidates & kinds != 0
        {
            candidates &= kinds;
            if candidates.count_ones() == 1 {
                return Ok(Some(
                    DocumentKind::ALL[candidates.trailing_zeros() as usize],
                ));
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
