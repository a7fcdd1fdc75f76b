//! The GSTIN's structure and its mod-36 check character (domain notes, § GSTIN).

/// The check-character alphabet: `0-9A-Z`, values 0 to 35.
const ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Why a text is not shaped like a GSTIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    /// It has this many characters, not 15.
    Length(usize),
    /// The character at this 1-based position is not what a GSTIN has there, which is this.
    Position(usize, &'static str),
}

/// Whether a byte may stand at a 0-based position of a GSTIN, and what stands there.
fn slot(index: usize) -> (fn(u8) -> bool, &'static str) {
    match index {
        0 | 1 => (
            |b| b.is_ascii_digit(),
            "a digit (positions 1-2 are the state code)",
        ),
        2..=6 => (
            |b| b.is_ascii_uppercase(),
            "an upper-case letter (positions 3-7 are the PAN's five letters)",
        ),
        7..=10 => (
            |b| b.is_ascii_digit(),
            "a digit (positions 8-11 are the PAN's four digits)",
        ),
        11 => (
            |b| b.is_ascii_uppercase(),
            "an upper-case letter (position 12 is the PAN's last letter)",
        ),
        12 => (
            |b| matches!(b, b'1'..=b'9' | b'A'..=b'Z'),
            "a digit 1-9 or an upper-case letter (position 13 is the entity number)",
        ),
        13 => (
            |b| b.is_ascii_uppercase(),
            "an upper-case letter (position 14 is Z by default)",
        ),
        _ => (
            |b| matches!(b, b'0'..=b'9' | b'A'..=b'Z'),
            "a digit or an upper-case letter (position 15 is the check character)",
        ),
    }
}

/// The first way `text` is not shaped like a GSTIN (state code, PAN, entity number, a letter that is `Z` by
/// default, check character), or `None` when it is.
///
/// Position 14 takes any upper-case letter: `Z` is the default, and registrations as a tax collector (an
/// e-commerce operator's, say) carry another letter there.
pub(crate) fn fault(text: &str) -> Option<Fault> {
    let length = text.chars().count();
    if length != 15 {
        return Some(Fault::Length(length));
    }
    // Fifteen characters: a non-ASCII one makes the bytes outnumber them and fails its slot below.
    text.bytes().enumerate().find_map(|(index, byte)| {
        let (fits, what) = slot(index);
        (!fits(byte)).then_some(Fault::Position(index + 1, what))
    })
}

fn value(byte: u8) -> u32 {
    match byte {
        b'0'..=b'9' => u32::from(byte - b'0'),
        _ => u32::from(byte - b'A') + 10,
    }
}

/// The check character the mod-36 algorithm gives for a well-shaped GSTIN (see [`fault`]): over its first
/// 14 characters, factor 1 at even and 2 at odd 0-based positions, `sum += p / 36 + p % 36`, then
/// `alphabet[(36 - sum % 36) % 36]`.
pub(crate) fn check_character(gstin: &[u8]) -> u8 {
    let sum: u32 = gstin[..14]
        .iter()
        .enumerate()
        .map(|(index, &byte)| {
            let p = value(byte) * if index % 2 == 0 { 1 } else { 2 };
            p / 36 + p % 36
        })
        .sum();
    ALPHABET[((36 - sum % 36) % 36) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_domain_notes_vectors() {
        for valid in [
            "27AAPFU0939F1ZV",
            "33ABBFR2298H1Z5",
            "29ABACS0877M1ZS",
            "23AABCE9378F1ZK",
            "33AABCT3312J1ZP",
        ] {
            assert_eq!(fault(valid), None, "{valid}");
            assert_eq!(
                check_character(valid.as_bytes()),
                valid.as_bytes()[14],
                "{valid}"
            );
        }
        assert_eq!(check_character(b"27AAPFU0939F1ZO"), b'V');
        assert_eq!(check_character(b"22AAAAA0000A1Z5"), b'C');
    }

    #[test]
    fn faults_name_the_first_position_that_breaks_the_structure() {
        assert_eq!(fault("27AAPFU0939F1Z"), Some(Fault::Length(14)));
        assert_eq!(fault("27AAPFU0939F1ZVV"), Some(Fault::Length(16)));
        assert_eq!(
            fault("27ÄAPFU0939F1ZV"),
            Some(Fault::Position(3, slot(2).1))
        );
        assert_eq!(
            fault("2XAAPFU0939F1ZV"),
            Some(Fault::Position(2, slot(1).1))
        );
        assert_eq!(
            fault("27aAPFU0939F1ZV"),
            Some(Fault::Position(3, slot(2).1))
        );
        assert_eq!(
            fault("27AAPFUO939F1ZV"),
            Some(Fault::Position(8, slot(7).1))
        );
        assert_eq!(
            fault("27AAPFU093991ZV"),
            Some(Fault::Position(12, slot(11).1))
        );
        assert_eq!(
            fault("27AAPFU0939F0ZV"),
            Some(Fault::Position(13, slot(12).1))
        );
        assert_eq!(
            fault("27AAPFU0939F11V"),
            Some(Fault::Position(14, slot(13).1))
        );
        assert_eq!(
            fault("27AAPFU0939F1Z-"),
            Some(Fault::Position(15, slot(14).1))
        );
        assert_eq!(fault("07AAACF1234A1C5"), None);
    }
}
