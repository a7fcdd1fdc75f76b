//! Formats of single values, as plain byte checks (no regular expression to compile or run).
//!
//! Sources (docs/rules-sources.md): the e-invoice schema INV-01 v1.1 (NIC) for the PIN (`Pin`: 100000 to
//! 999999), the phone number (`Ph`: `^([0-9]{6,12})$`), the e-mail address (`Em`) and the HSN code
//! (`HsnCd`: `^(?!0+$)([0-9]{4}|[0-9]{6}|[0-9]{8})$`); NIC's e-invoice validations ("If Is_Service is
//! selected, then the HSN codes must belong to services": SAC codes, chapter 99 of the scheme of
//! classification of services, CBIC Notification 11/2017-Central Tax (Rate), annexure); NIC's e-invoice
//! FAQ (999999 is an export recipient's PIN); RBI's description of the IFSC (four letters for the bank, a
//! `0` reserved, six letters or digits for the branch); the documented `objectId` pattern.
//!
//! Each check returns what is wrong with a value, or `None`: [`pincode_fault`], [`ifsc_fault`],
//! [`hsn_fault`] and [`sac_expected`], [`is_email`], [`is_phone`], [`wrong_object_id_prefix`].

/// The e-invoice schema's e-mail pattern, which [`is_email`] implements.
pub(crate) const EMAIL_PATTERN: &str = "^[a-zA-Z0-9+_.-]+@[a-zA-Z0-9.-]+$";

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

/// Whether an HSN or SAC code is two digits, a chapter (not `00`): what a tax invoice carried before 1 April
/// 2021 from a supplier whose turnover in the preceding year was from 1.5 to 5 crore rupees (CBIC
/// Notification 12/2017-Central Tax, under rule 46 of the CGST Rules, until Notification 78/2020-Central Tax
/// asked for 4 digits from that date). [`hsn_fault`] still names its fault, for an invoice dated since.
pub(crate) fn is_hsn_chapter(text: &str) -> bool {
    matches!(text.as_bytes(), [a, b] if a.is_ascii_digit() && b.is_ascii_digit() && (*a, *b) != (b'0', b'0'))
}

/// Whether `text` matches [`EMAIL_PATTERN`].
pub(crate) fn is_email(text: &str) -> bool {
    // Bytes, not `split_once`'s string searcher (most of the check's cost on an address's few bytes): the
    // first `@`, and every byte on either side in its set.
    let bytes = text.as_bytes();
    let Some(at) = bytes.iter().position(|&c| c == b'@') else {
        return false;
    };
    let (local, domain) = (&bytes[..at], &bytes[at + 1..]);
    let local_ok = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'_' | b'.' | b'-');
    let domain_ok = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-');
    !local.is_empty()
        && !domain.is_empty()
        && local.iter().all(local_ok)
        && domain.iter().all(domain_ok)
}

/// A phone number: 6 to 12 digits.
pub(crate) fn is_phone(text: &str) -> bool {
    (6..=12).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// The first three characters of an invoice objectId that matches the documented pattern
/// `^[INV]{3}[A-Za-z0-9]{32,32}$` but does not start with the literal `INV`; `None` otherwise (an id the
/// pattern refuses is the schema's finding, not this rule's).
pub(crate) fn wrong_object_id_prefix(text: &str) -> Option<&str> {
    wrong_prefix(text, "INV")
}

/// The same for an id whose documented pattern is a class of its literal prefix's letters: the first three
/// characters of an id that matches `^[<prefix's letters>]{3}[A-Za-z0-9]{32,32}$` but does not start with
/// `prefix` itself (`PMT` for a payment's `^[PMT]{3}[A-Za-z0-9]{32,32}$`).
pub(crate) fn wrong_prefix<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let b = text.as_bytes();
    // The prefix first: nearly every id starts with it, and then the pattern need not be read.
    if b.get(..3) == Some(prefix.as_bytes()) {
        return None;
    }
    let matches_pattern = b.len() == 35
        && b[..3].iter().all(|c| prefix.as_bytes().contains(c))
        && b[3..].iter().all(u8::is_ascii_alphanumeric);
    matches_pattern.then(|| &text[..3])
}

/// What is wrong with an Indian PIN, or `None`: six digits, 100000 to 999999 (the e-invoice schema's `Pin`
/// range), `999999` included. Only for a party in India: a party abroad has its own postcode, or 999999.
pub(crate) fn pincode_fault(text: &str) -> Option<&'static str> {
    let b = text.as_bytes();
    if !b.iter().all(u8::is_ascii_digit) || b.is_empty() {
        Some("is not six digits")
    } else if b.len() != 6 {
        Some(if b.len() < 6 {
            "has fewer than six digits"
        } else {
            "has more than six digits"
        })
    } else if b[0] == b'0' {
        Some("starts with 0; Indian PINs run from 100000 to 999999")
    } else {
        None
    }
}

/// What is wrong with an IFSC, or `None`: eleven characters, four letters for the bank, `0` (reserved by
/// RBI), six letters or digits for the branch. Letters in either case: the code names the same branch, and
/// payment systems read it without regard to case.
pub(crate) fn ifsc_fault(text: &str) -> Option<&'static str> {
    let b = text.as_bytes();
    if b.len() != 11 || !text.is_ascii() {
        Some("is not 11 characters")
    } else if !b[..4].iter().all(u8::is_ascii_alphabetic) {
        Some("does not start with the bank's four letters")
    } else if b[4] != b'0' {
        Some("does not have 0 as its fifth character")
    } else if !b[5..].iter().all(u8::is_ascii_alphanumeric) {
        Some("does not end with six letters or digits for the branch")
    } else {
        None
    }
}

/// Whether a line marked as a service (`isService` YES, or Y as the e-invoice's `IsServc` writes it, in any
/// case) has an HSN code that is not a SAC (services are chapter 99: `99`, `9954`, `995411`): `true` means
/// the code should start with 99. NIC's validations require a service line's code to belong to services; a
/// goods line's code is not judged here (the schema and `hsn_fault` do). An ERP that maps its e-invoice
/// JSON writes `Y` and `N` (INV-01's `IsServc`), as `reverseChargeTax` is read `Y` for `RegRev`.
pub(crate) fn sac_expected(hsn_code: &str, is_service: &str) -> bool {
    let flag = is_service.trim();
    (flag.eq_ignore_ascii_case("YES") || flag.eq_ignore_ascii_case("Y"))
        && hsn_fault(hsn_code).is_none()
        && !hsn_code.starts_with("99")
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn two_digit_chapters() {
        for yes in ["52", "99", "01", "10"] {
            assert!(is_hsn_chapter(yes), "{yes}");
        }
        for no in ["00", "5", "520", "5A", "", "5208"] {
            assert!(!is_hsn_chapter(no), "{no}");
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
        assert_eq!(wrong_prefix(&format!("MMT{tail}"), "PMT"), Some("MMT"));
        assert_eq!(wrong_prefix(&format!("PMT{tail}"), "PMT"), None);
        assert_eq!(wrong_prefix(&format!("XYZ{tail}"), "PMT"), None);
    }

    #[test]
    fn indian_pins_and_the_export_pin() {
        // 999999 is also an export recipient's PIN (NIC's e-invoice FAQ).
        for yes in ["400093", "100000", "999999"] {
            assert_eq!(pincode_fault(yes), None, "{yes}");
        }
        for (no, why) in [
            ("40009", "has fewer than six digits"),
            ("4000931", "has more than six digits"),
            (
                "040009",
                "starts with 0; Indian PINs run from 100000 to 999999",
            ),
            ("4000 93", "is not six digits"),
            ("", "is not six digits"),
            ("SW1A 1AA", "is not six digits"),
        ] {
            assert_eq!(pincode_fault(no), Some(why), "{no}");
        }
    }

    #[test]
    fn ifscs_in_either_case_with_the_reserved_zero() {
        for yes in ["HDFC0000060", "SBIN0ABC123", "hdfc0000060", "IBKL0070T16"] {
            assert_eq!(ifsc_fault(yes), None, "{yes}");
        }
        for (no, why) in [
            ("HDFC1000060", "does not have 0 as its fifth character"),
            ("HDFCO000060", "does not have 0 as its fifth character"),
            ("HDF00000060", "does not start with the bank's four letters"),
            ("HDFC000006", "is not 11 characters"),
            ("HDFC00000600", "is not 11 characters"),
            (
                "HDFC0-00060",
                "does not end with six letters or digits for the branch",
            ),
            ("HDFC0ÄÄ060", "is not 11 characters"),
        ] {
            assert_eq!(ifsc_fault(no), Some(why), "{no}");
        }
    }

    #[test]
    fn service_lines_carry_sac_codes() {
        assert!(!sac_expected("998821", "YES"));
        assert!(!sac_expected("9983", "yes"));
        assert!(!sac_expected("52081190", "NO"));
        assert!(sac_expected("52081190", "YES"));
        assert!(sac_expected("8471", "Yes"));
        // INV-01's IsServc is Y or N, and an ERP mapping its e-invoice JSON writes so: the old code read only
        // YES, and a service line marked Y with a goods code was silent.
        assert!(sac_expected("84186990", "Y"));
        assert!(sac_expected("8418", " y "));
        assert!(!sac_expected("998736", "Y"));
        assert!(!sac_expected("84186990", "N"));
        assert!(!sac_expected("84186990", "YE"));
        // A code the schema or hsn-code refuses is not judged again.
        assert!(!sac_expected("52081", "YES"));
    }
}
