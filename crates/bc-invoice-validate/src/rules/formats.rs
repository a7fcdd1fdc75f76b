//! Formats of single values, as plain byte checks (no regular expression to compile or run). The sources
//! are the domain notes' § GST e-invoice schema (INV-01 v1.1) and § Reading the documented patterns.

/// The e-invoice schema's e-mail pattern, which [`is_email`] implements.
pub(crate) const EMAIL_PATTERN: &str = "^[a-zA-Z0-9+_.-]+@[a-zA-Z0-9.-]+$";

/// A pincode: six digits, 100000 to 999999.
pub(crate) fn is_pincode(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 6 && b[0] != b'0' && b.iter().all(u8::is_ascii_digit)
}

/// An IFSC: four upper-case letters, a zero, six upper-case letters or digits (`^[A-Z]{4}0[A-Z0-9]{6}$`).
pub(crate) fn is_ifsc(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 11
        && b[..4].iter().all(u8::is_ascii_uppercase)
        && b[4] == b'0'
        && b[5..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// What is wrong with an HSN or SAC code (4, 6 or 8 digits, not all zeros), or `None`.
pub(crate) fn hsn_fault(text: &str) -> Option<&'static str> {
    let b = text.as_bytes();
    if !matches!(b.len(), 4 | 6 | 8) || !b.iter().all(u8::is_ascii_digit) {
        Some("is not 4, 6 or 8 digits")
    } else if b.iter().all(|&d| d == b'0') {
        Some("is all zeros")
    } else {
        None
    }
}

/// Whether `text` matches [`EMAIL_PATTERN`].
pub(crate) fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let local_ok = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'_' | b'.' | b'-');
    let domain_ok = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-');
    !local.is_empty()
        && !domain.is_empty()
        && local.as_bytes().iter().all(local_ok)
        && domain.as_bytes().iter().all(domain_ok)
}

/// A phone number: 6 to 12 digits.
pub(crate) fn is_phone(text: &str) -> bool {
    (6..=12).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// The first three characters of an objectId that matches the documented pattern
/// `^[INV]{3}[A-Za-z0-9]{32,32}$` but does not start with the literal `INV`; `None` otherwise (an id the
/// pattern refuses is the schema's finding, not this rule's).
pub(crate) fn wrong_object_id_prefix(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    let matches_pattern = b.len() == 35
        && b[..3].iter().all(|c| matches!(c, b'I' | b'N' | b'V'))
        && b[3..].iter().all(u8::is_ascii_alphanumeric);
    (matches_pattern && &b[..3] != b"INV").then(|| &text[..3])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pincodes() {
        for yes in ["400093", "100000", "999999"] {
            assert!(is_pincode(yes), "{yes}");
        }
        for no in ["040009", "99999", "1000000", "40009३", "4000 93", ""] {
            assert!(!is_pincode(no), "{no}");
        }
    }

    #[test]
    fn ifscs() {
        for yes in ["HDFC0000060", "PUNB0123400", "SBIN0ABC123"] {
            assert!(is_ifsc(yes), "{yes}");
        }
        for no in [
            "HDFC1000060",
            "HDF00000060",
            "hdfc0000060",
            "HDFC000006",
            "HDFC00000600",
        ] {
            assert!(!is_ifsc(no), "{no}");
        }
    }

    #[test]
    fn hsn_codes() {
        for yes in ["5208", "998821", "52081190", "0001"] {
            assert_eq!(hsn_fault(yes), None, "{yes}");
        }
        for (no, why) in [
            ("520", "is not 4, 6 or 8 digits"),
            ("52081", "is not 4, 6 or 8 digits"),
            ("5208119", "is not 4, 6 or 8 digits"),
            ("520811900", "is not 4, 6 or 8 digits"),
            ("5208.11", "is not 4, 6 or 8 digits"),
            ("0000", "is all zeros"),
            ("00000000", "is all zeros"),
        ] {
            assert_eq!(hsn_fault(no), Some(why), "{no}");
        }
    }

    #[test]
    fn emails_as_the_e_invoice_pattern_reads_them() {
        for yes in ["accounts@kaveritextiles.in", "a+b_c.d-e@x-y.z", "a@b"] {
            assert!(is_email(yes), "{yes}");
        }
        for no in [
            "@x.in", "a@", "a@@b", "a@b@c", "a b@c.in", "ä@c.in", "a@c_d.in", "",
        ] {
            assert!(!is_email(no), "{no}");
        }
    }

    #[test]
    fn phones() {
        for yes in ["982001", "9820012345", "919820012345"] {
            assert!(is_phone(yes), "{yes}");
        }
        for no in ["98200", "9198200123456", "98200 12345", "+919820012345", ""] {
            assert!(!is_phone(no), "{no}");
        }
    }

    #[test]
    fn object_id_prefixes() {
        let tail = "7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c";
        assert_eq!(wrong_object_id_prefix(&format!("INV{tail}")), None);
        assert_eq!(wrong_object_id_prefix(&format!("NNV{tail}")), Some("NNV"));
        assert_eq!(wrong_object_id_prefix(&format!("VII{tail}")), Some("VII"));
        // Refused by the pattern itself: the schema reports these.
        assert_eq!(wrong_object_id_prefix("string"), None);
        assert_eq!(wrong_object_id_prefix(&format!("ABC{tail}")), None);
        assert_eq!(wrong_object_id_prefix(&format!("NNV{tail}x")), None);
    }
}
