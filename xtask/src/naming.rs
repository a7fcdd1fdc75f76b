//! Rust names for schema names: `lglNm` → `lgl_nm`, `buyerB2BId` → `buyer_b2b_id`, `b2bId` → `B2bId`,
//! `REGISTERED ADDRESS` → `RegisteredAddress`.

/// Splits a schema name into lower-case words. A word starts at an upper-case letter that follows a lower-case
/// letter (`lglNm`), at the last capital of an acronym followed by a lower-case letter (`B2BId` → `b2b`, `id`),
/// and after any character that is not an ASCII letter or digit (`response_code`, `REGISTERED ADDRESS`).
/// Digits never start a word: `b2bIds` is `b2b`, `ids` and `addressLine1` is `address`, `line1`.
/// Returns `None` for a name with a non-ASCII character.
pub fn words(name: &str) -> Option<Vec<String>> {
    if !name.is_ascii() {
        return None;
    }
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if c.is_ascii_uppercase() && !current.is_empty() {
            let previous = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if previous.is_ascii_lowercase() || (previous.is_ascii_uppercase() && next_is_lower) {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    Some(words)
}

/// The Rust field (or method-suffix) name: lower-case words joined by `_`. `None` when no identifier can be
/// made (no letters, a leading digit, a non-ASCII character).
pub fn snake_case(name: &str) -> Option<String> {
    let words = words(name)?;
    let joined = words.join("_");
    starts_with_letter(&joined).then_some(joined)
}

/// The Rust type or variant name: capitalised words joined. `None` when no identifier can be made.
pub fn pascal_case(name: &str) -> Option<String> {
    let words = words(name)?;
    let joined: String = words
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect();
    starts_with_letter(&joined).then_some(joined)
}

fn starts_with_letter(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Whether `name` is a Rust keyword (strict, reserved or edition 2024), and so needs `r#` as a field name.
pub fn is_keyword(name: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
        "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
        "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box",
        "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
    ];
    KEYWORDS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_follow_rust_style_for_every_odd_wire_name() {
        for (wire, field) in [
            ("lglNm", "lgl_nm"),
            ("trdNm", "trd_nm"),
            ("b2bIds", "b2b_ids"),
            ("buyerB2BId", "buyer_b2b_id"),
            ("supplierB2BId", "supplier_b2b_id"),
            ("igstChargable", "igst_chargable"),
            ("einvoiceResponse", "einvoice_response"),
            ("eInvoiceInfo", "e_invoice_info"),
            ("response_code", "response_code"),
            ("businessVPA", "business_vpa"),
            ("addressLine1", "address_line1"),
            ("serialno", "serialno"),
            ("type", "type"),
        ] {
            assert_eq!(snake_case(wire).as_deref(), Some(field), "{wire}");
        }
    }

    #[test]
    fn type_and_variant_names_are_pascal_case() {
        for (name, rust) in [
            ("b2bId", "B2bId"),
            ("objectId", "ObjectId"),
            ("yesNo", "YesNo"),
            ("eInvoiceInfo", "EInvoiceInfo"),
            ("create-invoice", "CreateInvoice"),
            ("ACCEPT", "Accept"),
            ("B2B", "B2b"),
            ("POSTAL_CODE", "PostalCode"),
            ("REGISTERED ADDRESS", "RegisteredAddress"),
        ] {
            assert_eq!(pascal_case(name).as_deref(), Some(rust), "{name}");
        }
    }

    #[test]
    fn names_that_make_no_identifier_are_refused() {
        for name in ["", "1st", "--", "naïve", "2026"] {
            assert_eq!(pascal_case(name), None, "{name}");
            assert_eq!(snake_case(name), None, "{name}");
        }
        assert!(is_keyword("type"));
        assert!(!is_keyword("value"));
    }
}
