//! The GSTIN's structures and its mod-36 check character.
//!
//! Sources (docs/rules-sources.md, § GSTIN): the e-invoice schema INV-01 v1.1 (NIC), whose GSTIN members
//! only ask for `^[0-9]{2}[0-9A-Z]{13}$` (the buyer's and ship-to party's may also be `URP`); GSTN's
//! published GSTIN patterns for each kind of registrant (the GST API portal's returns patterns, as
//! reproduced in `resilient-tech/india-compliance`'s `gst_india/constants`); and real published GSTINs of
//! each kind, which the tests below check the mod-36 check character against.
//!
//! [`classify`] names a GSTIN's structure, or the one it comes closest to; [`check_mismatch`] checks the
//! check character where [`Structure::check_applies`].

/// The check-character alphabet: `0-9A-Z`, values 0 to 35.
const ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn value(byte: u8) -> u32 {
    match byte {
        b'0'..=b'9' => u32::from(byte - b'0'),
        _ => u32::from(byte - b'A') + 10,
    }
}

/// The check character the mod-36 algorithm gives for a GSTIN of one of the structures: over its first
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

/// The kinds of identifier GSTN issues under the GSTIN's 15 characters, each with its published pattern
/// (GSTN's API portal, returns: the counterparty-GSTIN patterns; see docs/rules-sources.md, § GSTIN).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Structure {
    /// A PAN-based registration: a normal taxpayer, a composition or casual taxpayer, an SEZ unit or
    /// developer, an input service distributor. `^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z][1-9ABE-JZ][0-9A-Z]$`:
    /// GSTN's "normal" pattern `[Z1-9ABD-J]` at position 14, less the `D` of a tax deductor.
    Regular,
    /// A PAN-based tax collector at source (an e-commerce operator, section 52 CGST Act): `C` at position 14.
    TaxCollector,
    /// A tax deductor at source (section 51 CGST Act: government departments, local authorities, notified
    /// persons), registered on a PAN or a TAN: `^[0-9]{2}[A-Z]{4}[A-Z0-9][0-9]{4}[A-Z][1-9A-Z]D[0-9A-Z]$`.
    TaxDeductor,
    /// A government department's identifier: `^[0-9]{2}[A-Z]{4}[0-9]{5}[A-Z][0-9]Z[0-9]$`.
    GovernmentDepartment,
    /// A unique identity number (UIN) of a UN body, an embassy or consulate (`UN`), or another notified
    /// person (`ON`): state code, year, country, serial, `^[0-9]{4}[A-Z]{3}[0-9]{5}[UO]N[0-9A-Z]$`.
    UniqueIdentity,
    /// A non-resident taxable person: state code, year, country, serial, `NR` (GSTN's API pattern; GSTN's
    /// 2017 note on GSTIN formats writes its sample with `NF`, also accepted), a last character.
    NonResidentTaxable,
    /// A non-resident online (OIDAR) service provider, registered under state code 99, Centre Jurisdiction:
    /// `^99[0-9]{2}[A-Z]{3}[0-9]{5}OS[0-9A-Z]$`.
    NonResidentOnline,
}

/// Every structure, in the order a near miss prefers on a tie.
pub(crate) const STRUCTURES: [Structure; 7] = [
    Structure::Regular,
    Structure::TaxCollector,
    Structure::TaxDeductor,
    Structure::GovernmentDepartment,
    Structure::UniqueIdentity,
    Structure::NonResidentTaxable,
    Structure::NonResidentOnline,
];

/// What may stand at one position of a structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Digit,
    Letter,
    Alphanumeric,
    /// 1-9 or A-Z: an entity number.
    Entity,
    /// Position 14 of a PAN-based registration that is neither a collector's nor a deductor's.
    RegularKind,
    /// Exactly one of these bytes.
    OneOf(&'static [u8]),
}

impl Slot {
    /// The ASCII bytes that fit, as a 128-bit set ([`Slot::fits`] of each, at compile time).
    const fn mask(self) -> u128 {
        let mut mask = 0u128;
        let mut b = 0u8;
        while b < 128 {
            if self.fits(b) {
                mask |= 1 << b;
            }
            b += 1;
        }
        mask
    }

    /// Whether `b` may stand here (a `const fn`, so that [`Slot::mask`] is this answer for every byte).
    const fn fits(self, b: u8) -> bool {
        match self {
            Slot::Digit => b.is_ascii_digit(),
            Slot::Letter => b.is_ascii_uppercase(),
            Slot::Alphanumeric => b.is_ascii_digit() || b.is_ascii_uppercase(),
            Slot::Entity => matches!(b, b'1'..=b'9' | b'A'..=b'Z'),
            Slot::RegularKind => matches!(b, b'1'..=b'9' | b'A' | b'B' | b'E'..=b'J' | b'Z'),
            Slot::OneOf(set) => {
                let mut i = 0;
                while i < set.len() {
                    if set[i] == b {
                        return true;
                    }
                    i += 1;
                }
                false
            }
        }
    }
}

use Slot::{Alphanumeric as X, Digit as D, Entity as E, Letter as L};

impl Structure {
    /// Position by position: what may stand there, and what the position is (made once, at compile
    /// time: a GSTIN is classified against them in every party).
    fn slots(self) -> &'static [(Slot, &'static str); 15] {
        static SLOTS: [[(Slot, &str); 15]; STRUCTURES.len()] = {
            let mut all = [Structure::Regular.make_slots(); STRUCTURES.len()];
            let mut i = 0;
            while i < STRUCTURES.len() {
                all[STRUCTURES[i] as usize] = STRUCTURES[i].make_slots();
                i += 1;
            }
            all
        };
        &SLOTS[self as usize]
    }

    /// Whether all of `text` fits the structure: its 15 bytes, each in its position's set (made at compile
    /// time from [`Structure::slots`]).
    fn fits_exactly(self, text: &[u8]) -> bool {
        static MASKS: [[u128; 15]; STRUCTURES.len()] = {
            let mut all = [[0; 15]; STRUCTURES.len()];
            let mut i = 0;
            while i < STRUCTURES.len() {
                let slots = STRUCTURES[i].make_slots();
                let mut j = 0;
                while j < 15 {
                    all[STRUCTURES[i] as usize][j] = slots[j].0.mask();
                    j += 1;
                }
                i += 1;
            }
            all
        };
        let Ok(text) = <&[u8; 15]>::try_from(text) else {
            return false;
        };
        MASKS[self as usize]
            .iter()
            .zip(text)
            .all(|(mask, &b)| b < 128 && mask & (1 << b) != 0)
    }

    /// [`Structure::slots`], made.
    const fn make_slots(self) -> [(Slot, &'static str); 15] {
        const STATE: &str = "a digit (positions 1-2 are the state code)";
        const CHECK: &str = "a digit or an upper-case letter (position 15 is the check character)";
        const PAN_LETTER: &str = "an upper-case letter (positions 3-7 are the PAN's five letters)";
        const PAN_DIGIT: &str = "a digit (positions 8-11 are the PAN's four digits)";
        const PAN_LAST: &str = "an upper-case letter (position 12 is the PAN's last letter)";
        const ENTITY: &str =
            "a digit 1-9 or an upper-case letter (position 13 is the entity number)";
        const YEAR: &str = "a digit (positions 3-4 are the year of registration)";
        const COUNTRY: &str = "an upper-case letter (positions 5-7 are the country code)";
        const SERIAL: &str = "a digit (positions 8-12 are the serial number)";
        match self {
            Structure::Regular | Structure::TaxCollector => [
                (D, STATE),
                (D, STATE),
                (L, PAN_LETTER),
                (L, PAN_LETTER),
                (L, PAN_LETTER),
                (L, PAN_LETTER),
                (L, PAN_LETTER),
                (D, PAN_DIGIT),
                (D, PAN_DIGIT),
                (D, PAN_DIGIT),
                (D, PAN_DIGIT),
                (L, PAN_LAST),
                (E, ENTITY),
                if matches!(self, Structure::Regular) {
                    (
                        Slot::RegularKind,
                        "Z, a digit 1-9 or one of A, B, E-J (position 14; C marks a tax collector, D a tax deductor)",
                    )
                } else {
                    (
                        Slot::OneOf(b"C"),
                        "C (position 14 of a tax collector's GSTIN)",
                    )
                },
                (X, CHECK),
            ],
            Structure::TaxDeductor => [
                (D, STATE),
                (D, STATE),
                (
                    L,
                    "an upper-case letter (positions 3-6 are the PAN's or TAN's first letters)",
                ),
                (
                    L,
                    "an upper-case letter (positions 3-6 are the PAN's or TAN's first letters)",
                ),
                (
                    L,
                    "an upper-case letter (positions 3-6 are the PAN's or TAN's first letters)",
                ),
                (
                    L,
                    "an upper-case letter (positions 3-6 are the PAN's or TAN's first letters)",
                ),
                (
                    X,
                    "a digit or an upper-case letter (position 7: the PAN's fifth letter or the TAN's first digit)",
                ),
                (D, "a digit (positions 8-11 are digits of the PAN or TAN)"),
                (D, "a digit (positions 8-11 are digits of the PAN or TAN)"),
                (D, "a digit (positions 8-11 are digits of the PAN or TAN)"),
                (D, "a digit (positions 8-11 are digits of the PAN or TAN)"),
                (
                    L,
                    "an upper-case letter (position 12 is the PAN's or TAN's last letter)",
                ),
                (E, ENTITY),
                (
                    Slot::OneOf(b"D"),
                    "D (position 14 of a tax deductor's GSTIN)",
                ),
                (X, CHECK),
            ],
            Structure::GovernmentDepartment => [
                (D, STATE),
                (D, STATE),
                (
                    L,
                    "an upper-case letter (positions 3-6 are the TAN's letters)",
                ),
                (
                    L,
                    "an upper-case letter (positions 3-6 are the TAN's letters)",
                ),
                (
                    L,
                    "an upper-case letter (positions 3-6 are the TAN's letters)",
                ),
                (
                    L,
                    "an upper-case letter (positions 3-6 are the TAN's letters)",
                ),
                (D, "a digit (positions 7-11 are the TAN's digits)"),
                (D, "a digit (positions 7-11 are the TAN's digits)"),
                (D, "a digit (positions 7-11 are the TAN's digits)"),
                (D, "a digit (positions 7-11 are the TAN's digits)"),
                (D, "a digit (positions 7-11 are the TAN's digits)"),
                (
                    L,
                    "an upper-case letter (position 12 is the TAN's last letter)",
                ),
                (D, "a digit (position 13)"),
                (
                    Slot::OneOf(b"Z"),
                    "Z (position 14 of a government department's identifier)",
                ),
                (D, "a digit (position 15)"),
            ],
            Structure::UniqueIdentity
            | Structure::NonResidentTaxable
            | Structure::NonResidentOnline => {
                let (first, second, code): (Slot, Slot, _) = match self {
                    Structure::UniqueIdentity => (
                        Slot::OneOf(b"UO"),
                        Slot::OneOf(b"N"),
                        "UN or ON (positions 13-14 of a UIN)",
                    ),
                    Structure::NonResidentTaxable => (
                        Slot::OneOf(b"N"),
                        Slot::OneOf(b"RF"),
                        "NR (positions 13-14 of a non-resident taxable person's GSTIN)",
                    ),
                    _ => (
                        Slot::OneOf(b"O"),
                        Slot::OneOf(b"S"),
                        "OS (positions 13-14 of a non-resident online service provider's GSTIN)",
                    ),
                };
                let state = if matches!(self, Structure::NonResidentOnline) {
                    (
                        Slot::OneOf(b"9"),
                        "9 (an online service provider registers under 99, Centre Jurisdiction)",
                    )
                } else {
                    (D, STATE)
                };
                [
                    state,
                    state,
                    (D, YEAR),
                    (D, YEAR),
                    (L, COUNTRY),
                    (L, COUNTRY),
                    (L, COUNTRY),
                    (D, SERIAL),
                    (D, SERIAL),
                    (D, SERIAL),
                    (D, SERIAL),
                    (D, SERIAL),
                    (first, code),
                    (second, code),
                    (X, CHECK),
                ]
            }
        }
    }

    /// What the structure is, for a message: "a PAN-based GSTIN", "a UIN (UN body, embassy or other
    /// notified person)".
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Structure::Regular => "a PAN-based GSTIN",
            Structure::TaxCollector => "a tax collector's (e-commerce operator's) GSTIN",
            Structure::TaxDeductor => "a tax deductor's GSTIN",
            Structure::GovernmentDepartment => "a government department's identifier",
            Structure::UniqueIdentity => "a UIN (UN body, embassy or other notified person)",
            Structure::NonResidentTaxable => "a non-resident taxable person's GSTIN",
            Structure::NonResidentOnline => "a non-resident online service provider's GSTIN",
        }
    }

    /// Whether the 15th character is the mod-36 check character of the first 14 ([`check_character`]).
    ///
    /// Verified against real published identifiers of each kind (the tests below): PAN-based, tax
    /// collector, tax deductor (PAN and TAN), UIN and non-resident online service provider. No real
    /// published identifier of a non-resident taxable person or of a government department was found
    /// (GSTN's 2017 samples `0717USA12345NF1`, `0717AUS12345UN1` are illustrations that fail the check), and
    /// GSTN's pattern gives a government department's identifier a digit where a check character may be a
    /// letter: the check is not applied to those two, so that a legitimate identifier is never called wrong.
    pub(crate) fn check_applies(self) -> bool {
        !matches!(
            self,
            Structure::NonResidentTaxable | Structure::GovernmentDepartment
        )
    }

    /// How well the first 15 bytes of `text` fit this structure, and the first position (0-based) that
    /// does not. A position that fits counts 1, or 3 where the structure has one fixed character (its
    /// markers: `C`, `D`, `UN`, `NR`, `OS`, the `99` of an online service provider), so that a near miss is
    /// named after the kind of registrant its markers say it is. The `Z` of a government department's
    /// identifier marks nothing: it is also the default of every PAN-based registration, so a PAN-based
    /// GSTIN with one wrong character stays closest to its own structure.
    fn fit(self, text: &[u8]) -> (usize, Option<usize>) {
        let slots = self.slots();
        let mut fitting = 0;
        let mut first = None;
        for (index, (slot, _)) in slots.iter().enumerate() {
            if text.get(index).is_some_and(|&b| slot.fits(b)) {
                fitting += match slot {
                    Slot::OneOf(b"Z") => 1,
                    Slot::OneOf(_) => 3,
                    _ => 1,
                };
            } else if first.is_none() {
                first = Some(index);
            }
        }
        (fitting, first)
    }
}

/// Why a text is no GSTIN GSTN issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NearMiss {
    /// It has this many characters, not 15.
    Length(usize),
    /// It is closest to this structure (the most positions fit), and the character at this 1-based
    /// position is not what that structure has there, which is this.
    Resembles(Structure, usize, &'static str),
}

/// The structure of a GSTIN, or the structure it comes closest to and where it departs from it.
///
/// Upper case only, as the e-invoice schema's `[0-9A-Z]` and GSTN's patterns have it. A text inside the
/// e-invoice schema's shape (`^[0-9]{2}[0-9A-Z]{13}$`) but outside every structure GSTN issues is a near
/// miss too: the IRP also checks a GSTIN against GSTN's register, so no legitimate party has one.
pub(crate) fn classify(text: &str) -> Result<Structure, NearMiss> {
    let bytes = text.as_bytes();
    // Most GSTINs fit a structure exactly: tested position by position against each one's sets.
    if let Some(&structure) = STRUCTURES.iter().find(|s| s.fits_exactly(bytes)) {
        return Ok(structure);
    }
    let length = text.chars().count();
    if length != 15 {
        return Err(NearMiss::Length(length));
    }
    // Fifteen characters: a non-ASCII one makes the bytes outnumber them and fits no slot.
    let mut best: Option<(usize, Structure, usize)> = None;
    for structure in STRUCTURES {
        match structure.fit(bytes) {
            (_, None) if bytes.len() == 15 => return Ok(structure),
            (fitting, first) => {
                let first = first.unwrap_or(14);
                if best.is_none_or(|(most, _, _)| fitting > most) {
                    best = Some((fitting, structure, first));
                }
            }
        }
    }
    let (_, structure, first) = best.expect("seven structures");
    Err(NearMiss::Resembles(
        structure,
        first + 1,
        structure.slots()[first].1,
    ))
}

/// The check character a GSTIN of `structure` should end with, when the check applies to it and the
/// written one differs: `Some((written, computed))`.
pub(crate) fn check_mismatch(structure: Structure, gstin: &str) -> Option<(char, char)> {
    let bytes = gstin.as_bytes();
    if !structure.check_applies() || bytes.len() != 15 {
        return None;
    }
    let (written, computed) = (bytes[14], check_character(bytes));
    (written != computed).then(|| (char::from(written), char::from(computed)))
}

/// `URP`, an unregistered person: what the e-invoice schema lets the buyer's and the ship-to party's GSTIN
/// be (`^(([0-9]{2}[0-9A-Z]{13})|URP)$`), for exports and supplies to unregistered recipients.
pub(crate) const UNREGISTERED: &str = "URP";

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `text` has the e-invoice schema's GSTIN shape, `^[0-9]{2}[0-9A-Z]{13}$`.
    fn fits_einvoice_shape(text: &str) -> bool {
        let b = text.as_bytes();
        b.len() == 15
            && b[..2].iter().all(u8::is_ascii_digit)
            && b[2..]
                .iter()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    }

    #[test]
    fn the_compiled_sets_are_the_slots() {
        for structure in STRUCTURES {
            assert_eq!(structure.slots(), &structure.make_slots());
            for (index, (slot, _)) in structure.slots().iter().enumerate() {
                for b in 0..=u8::MAX {
                    let mut text = *b"27AAPFU0939F1ZV";
                    text[index] = b;
                    let whole = structure
                        .slots()
                        .iter()
                        .zip(text)
                        .all(|((s, _), b)| s.fits(b));
                    assert_eq!(
                        structure.fits_exactly(&text),
                        whole,
                        "{structure:?} {index} {b}"
                    );
                    assert_eq!(b < 128 && slot.mask() & (1 << b) != 0, slot.fits(b));
                }
            }
        }
        assert!(!Structure::Regular.fits_exactly(b"27AAPFU0939F1Z"));
    }

    #[test]
    fn the_domain_notes_vectors() {
        for valid in [
            "27AAPFU0939F1ZV",
            "33ABBFR2298H1Z5",
            "29ABACS0877M1ZS",
            "23AABCE9378F1ZK",
            "33AABCT3312J1ZP",
        ] {
            assert_eq!(classify(valid), Ok(Structure::Regular), "{valid}");
            assert_eq!(
                check_character(valid.as_bytes()),
                valid.as_bytes()[14],
                "{valid}"
            );
        }
        assert_eq!(check_character(b"27AAPFU0939F1ZO"), b'V');
        assert_eq!(check_character(b"22AAAAA0000A1Z5"), b'C');
    }

    /// Real published identifiers of each kind GSTN issues, with where they were published. Each one's
    /// check character is the mod-36 one: the check applies to every kind verified here.
    const PUBLISHED: [(&str, Structure); 21] = [
        // The domain notes' vectors and the fixtures' parties: PAN-based.
        ("27AAPFU0939F1ZV", Structure::Regular),
        ("33ABBFR2298H1Z5", Structure::Regular),
        ("29ABACS0877M1ZS", Structure::Regular),
        // india-compliance's sample data (gst_india/utils/gstin_info.py): composition, input service
        // distributor (Flipkart), SEZ developer.
        ("36AASFP8573D2ZN", Structure::Regular),
        ("29AABCF8078M2ZW", Structure::Regular),
        ("27AAJCS5738D1Z6", Structure::Regular),
        // Tax collectors (e-commerce operators), same source.
        ("29AABCF8078M1C8", Structure::TaxCollector),
        ("27AAECG3736E1C2", Structure::TaxCollector),
        ("29AAFCB7707D1C1", Structure::TaxCollector),
        // Tax deductors on a TAN and on a PAN, same source; 27PNEA06819B1DE from frappe/erpnext#16326.
        ("06DELI09652G1DA", Structure::TaxDeductor),
        ("09ALDN00287A1DD", Structure::TaxDeductor),
        ("27AAFT56212B1DO", Structure::TaxDeductor),
        ("19AAACI1681G1DV", Structure::TaxDeductor),
        ("27PNEA06819B1DE", Structure::TaxDeductor),
        // UN bodies and an embassy, same source.
        ("0717UNO00157UNO", Structure::UniqueIdentity),
        ("0717UNO00211UN2", Structure::UniqueIdentity),
        ("2117UNO00002UNF", Structure::UniqueIdentity),
        ("3317USA00002UNE", Structure::UniqueIdentity),
        ("0717UNO00154UNU", Structure::UniqueIdentity),
        // Non-resident online service providers: Google Asia Pacific (india-compliance's tests) and
        // Digital River (frappe/erpnext#16300, checked on the GST portal).
        ("9917SGP29001OST", Structure::NonResidentOnline),
        ("9917IRL29003OSG", Structure::NonResidentOnline),
    ];

    #[test]
    fn every_published_identifier_has_its_structure_and_check_character() {
        for (gstin, structure) in PUBLISHED {
            assert_eq!(classify(gstin), Ok(structure), "{gstin}");
            assert!(fits_einvoice_shape(gstin), "{gstin}");
            assert!(structure.check_applies(), "{gstin}");
            assert_eq!(check_mismatch(structure, gstin), None, "{gstin}");
        }
    }

    #[test]
    fn structures_without_a_verified_check_character_are_not_checked() {
        // Shaped as GSTN's patterns describe; no real one was found to verify the check character.
        assert_eq!(
            classify("0723USA00017NRX"),
            Ok(Structure::NonResidentTaxable)
        );
        assert_eq!(
            classify("0717USA12345NF1"),
            Ok(Structure::NonResidentTaxable)
        );
        assert_eq!(
            classify("07DELD04416D1Z4"),
            Ok(Structure::GovernmentDepartment)
        );
        assert_eq!(
            check_mismatch(Structure::NonResidentTaxable, "0717USA12345NF1"),
            None
        );
        assert_eq!(
            check_mismatch(Structure::GovernmentDepartment, "07DELD04416D1Z4"),
            None
        );
    }

    #[test]
    fn a_wrong_check_character_is_caught_in_every_checked_structure() {
        for (gstin, structure) in PUBLISHED {
            let wrong = if gstin.ends_with('0') { '1' } else { '0' };
            let mutated = format!("{}{wrong}", &gstin[..14]);
            let right = char::from(gstin.as_bytes()[14]);
            assert_eq!(
                check_mismatch(structure, &mutated),
                Some((wrong, right)),
                "{mutated}"
            );
        }
        assert_eq!(
            check_mismatch(Structure::Regular, "27AAPFU0939F1ZO"),
            Some(('O', 'V'))
        );
    }

    #[test]
    fn near_misses_name_the_structure_they_resemble() {
        assert_eq!(classify("27AAPFU0939F1Z"), Err(NearMiss::Length(14)));
        assert_eq!(classify("URP"), Err(NearMiss::Length(3)));
        // A letter O for the digit 0 in the PAN's digits.
        assert_eq!(
            classify("27AAPFUO939F1ZV"),
            Err(NearMiss::Resembles(
                Structure::Regular,
                8,
                Structure::Regular.slots()[7].1
            ))
        );
        // Lower case is not what the IRP accepts.
        assert!(matches!(
            classify("27aapfu0939f1zv"),
            Err(NearMiss::Resembles(Structure::Regular, 3, _))
        ));
        // A UIN with the serial's digit mistyped as a letter.
        assert!(matches!(
            classify("0717UNO0O157UNO"),
            Err(NearMiss::Resembles(Structure::UniqueIdentity, 9, _))
        ));
        // An online service provider's identifier under another state code than 99.
        assert!(matches!(
            classify("2917SGP29001OST"),
            Err(NearMiss::Resembles(Structure::NonResidentOnline, 1, _))
        ));
        // A PAN-based GSTIN with a 0 for its entity number stays PAN-based, though its Z fits a government
        // department's identifier too.
        assert!(matches!(
            classify("27AAKCK4821P0ZY"),
            Err(NearMiss::Resembles(Structure::Regular, 13, _))
        ));
        // Position 14 that no PAN-based registration has.
        assert!(matches!(
            classify("27AAPFU0939F1KV"),
            Err(NearMiss::Resembles(Structure::Regular, 14, _))
        ));
        // Inside the e-invoice shape, outside every structure.
        assert!(fits_einvoice_shape("27AAPFU0939F1KV"));
        assert!(!fits_einvoice_shape("27aapfu0939f1zv"));
        assert!(matches!(
            classify("27ÄAPFU0939F1ZV"),
            Err(NearMiss::Resembles(Structure::Regular, 3, _))
        ));
    }

    #[test]
    fn the_structures_do_not_overlap() {
        for (gstin, _) in PUBLISHED {
            let fitting: Vec<Structure> = STRUCTURES
                .into_iter()
                .filter(|s| s.fit(gstin.as_bytes()).1.is_none())
                .collect();
            assert_eq!(fitting.len(), 1, "{gstin}: {fitting:?}");
        }
    }
}
