//! The member names the schema declares, which `--redact` may show: they are the schema's words, not a
//! document's data. Any other member name in a document may be misplaced data (an account number used
//! as a key) and is masked like a value. The list is the validator's (generated from the schema).

/// Whether `name`, exactly as written between the quotes, is a member name the schema declares.
pub fn is_schema_member(name: &[u8]) -> bool {
    std::str::from_utf8(name).is_ok_and(bc_invoice_validate::declares_member)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_names_are_known_and_data_is_not() {
        for name in [
            "objectId",
            "invoice",
            "response_code",
            "phoneNumber",
            "email",
            "paymentConfirmation",
        ] {
            assert!(is_schema_member(name.as_bytes()), "{name}");
        }
        for name in [
            "9820012345",
            "e-mail",
            "objectid",
            "",
            "object\\u0049d",
            "properties",
        ] {
            assert!(!is_schema_member(name.as_bytes()), "{name}");
        }
    }
}
