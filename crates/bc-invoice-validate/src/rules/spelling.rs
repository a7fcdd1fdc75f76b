//! The spelling check behind `known-values`: a value of an open list (`x-known-values`) is compared with the
//! list, and only a near miss of a known value is a finding.
//!
//! The lists are open: the documentation shows the first value of each and publishes none in full
//! (docs/rules-sources.md, § Known values), so a value far from every known one is taken to be a
//! legitimate value the documentation did not list, and is silent. A value equal to a known one once case,
//! spacing and punctuation are set aside (`Karnataka`, `Tamil Nadu`, `GEO-CODE`) is the same value, and is
//! silent. What is left, a value a small edit away from a known one, is most likely that value misspelt.
//!
//! The edit distance is the optimal string alignment distance (insertions, deletions, substitutions and
//! transpositions of adjacent characters, each counting one): Damerau (1964) found about 80 % of
//! misspellings to be a single such edit. How many edits a near miss may be depends on the known value's
//! length, so that a near miss keeps at least three quarters of the known value intact
//! (`allowed_edits`).

/// The value reduced for comparison: letters and digits only, in upper case, `&` read as AND
/// (`Jammu & Kashmir`, `JAMMU AND KASHMIR` and `jammu-and-kashmir` are the same name).
pub(crate) fn fold(value: &str) -> String {
    folded(value).collect()
}

/// The characters of [`fold`], made one at a time: a caller that needs only the first few reads only as
/// far as they go, and copies nothing.
pub(crate) fn folded(value: &str) -> impl Iterator<Item = char> + '_ {
    value
        .chars()
        .flat_map(|c| {
            let and = c == '&';
            (if and { "AND" } else { "" })
                .chars()
                .chain((!and).then_some(c))
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
}

/// [`fold`], or `None` when it would be longer than `most` characters: read no further than that.
pub(crate) fn fold_at_most(value: &str, most: usize) -> Option<String> {
    let mut out = String::new();
    for (count, c) in folded(value).enumerate() {
        if count == most {
            return None;
        }
        out.push(c);
    }
    Some(out)
}

/// How many edits away from a known value of `length` characters (folded) a value may be and still be
/// taken for it misspelt: none up to 4 characters (one edit to `IMEI` is `IMSI`, another identifier, and
/// one edit to a 2- or 3-letter code is another code), one from 5 to 8 characters (at least 4 of 5, 7 of
/// 8 intact: `KERLA` for `KERALA`, `INDAI` for `INDIA`), two from 9 characters on (at least 7 of 9 intact:
/// `KARNTKA` for `KARNATAKA`).
pub(crate) const fn allowed_edits(length: usize) -> usize {
    match length {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// The known value `value` most likely misspells, or `None`: when it equals a known value ignoring case,
/// spacing and punctuation, when it is far from every known value (a value the documentation did not
/// list), or when it is empty. Of several near misses, the nearest; of equally near ones, the first listed.
pub(crate) fn near_miss<'k>(value: &str, known: &[&'k str]) -> Option<&'k str> {
    if known
        .iter()
        .any(|k| crate::schema::same_bytes(k.as_bytes(), value.as_bytes()))
    {
        return None;
    }
    // A value longer than every known value by more than the edits allowed is no misspelling of one
    // (the distance is at least the difference in length): it is folded only as far as that, and
    // compared with none.
    let longest = known.iter().map(|k| folded(k).count()).max().unwrap_or(0);
    let folded_value = fold_at_most(value, longest + allowed_edits(longest) + 1)?;
    if folded_value.is_empty() {
        return None;
    }
    let length = folded_value.chars().count();
    let mut best: Option<(usize, &'k str)> = None;
    for &candidate in known {
        let target = fold(candidate);
        if target == folded_value {
            return None;
        }
        let allowed = allowed_edits(target.chars().count());
        if length.abs_diff(target.chars().count()) > allowed {
            continue;
        }
        let distance = strsim::osa_distance(&folded_value, &target);
        if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// The message of a near miss: the value as found (its JSON text, which redaction masks) and the known value
/// it most likely misspells.
pub(crate) fn did_you_mean(found: &str, meant: &str) -> String {
    format!("{found} is not one of the known values; did you mean \"{meant}\"?")
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATES: [&str; 3] = ["KARNATAKA", "TAMIL NADU", "JAMMU AND KASHMIR"];
    const ADDRESS_TYPES: [&str; 2] = ["REGISTERED ADDRESS", "OTHER"];
    const CONTACT_TYPES: [&str; 1] = ["MOBILE"];
    const COUNTRIES: [&str; 1] = ["INDIA"];
    const DEVICE_TAGS: [&str; 4] = ["GEOCODE", "IP", "IMEI", "POSTAL_CODE"];
    const SUPPLY_TYPES: [&str; 6] = ["B2B", "SEZWP", "SEZWOP", "EXPWP", "EXPWOP", "DEXP"];

    #[test]
    fn the_same_value_in_another_case_or_spacing_is_silent() {
        for (value, known) in [
            ("Karnataka", &STATES[..]),
            ("karnataka", &STATES),
            ("Tamil Nadu", &STATES),
            ("TAMILNADU", &STATES),
            ("Jammu & Kashmir", &STATES),
            ("Registered Address", &ADDRESS_TYPES),
            ("registered-address", &ADDRESS_TYPES),
            ("Mobile", &CONTACT_TYPES),
            ("India", &COUNTRIES),
            ("geo code", &DEVICE_TAGS),
            ("POSTALCODE", &DEVICE_TAGS),
            ("sezwop", &SUPPLY_TYPES),
        ] {
            assert_eq!(near_miss(value, known), None, "{value}");
        }
    }

    #[test]
    fn a_near_miss_of_a_known_value_is_named() {
        for (value, known, meant) in [
            ("KARNATKA", &STATES[..], "KARNATAKA"),
            ("Karnatka", &STATES, "KARNATAKA"),
            ("KARNTKA", &STATES, "KARNATAKA"),
            ("TAMIL NAADU", &STATES, "TAMIL NADU"),
            ("REGISTERD ADDRESS", &ADDRESS_TYPES, "REGISTERED ADDRESS"),
            ("REGISTRED ADRESS", &ADDRESS_TYPES, "REGISTERED ADDRESS"),
            ("OTHRE", &ADDRESS_TYPES, "OTHER"),
            ("MOBIEL", &CONTACT_TYPES, "MOBILE"),
            ("INDAI", &COUNTRIES, "INDIA"),
            ("Indiaa", &COUNTRIES, "INDIA"),
            ("GEOCDE", &DEVICE_TAGS, "GEOCODE"),
            ("EXWOP", &SUPPLY_TYPES, "EXPWOP"),
        ] {
            assert_eq!(near_miss(value, known), Some(meant), "{value}");
        }
    }

    #[test]
    fn a_value_far_from_every_known_one_is_silent() {
        for (value, known) in [
            ("LANDLINE", &CONTACT_TYPES[..]),
            ("OFFICE", &CONTACT_TYPES),
            ("BILLING ADDRESS", &ADDRESS_TYPES),
            ("REGISTERED OFFICE", &ADDRESS_TYPES),
            ("WAREHOUSE", &ADDRESS_TYPES),
            ("UNITED STATES", &COUNTRIES),
            ("INDONESIA", &COUNTRIES),
            ("CHINA", &COUNTRIES),
            ("IRAN", &COUNTRIES),
            ("CALIFORNIA", &STATES),
            ("IMSI", &DEVICE_TAGS),
            ("MAC", &DEVICE_TAGS),
            ("B2G", &SUPPLY_TYPES),
            ("", &STATES),
            ("  ", &STATES),
        ] {
            assert_eq!(near_miss(value, known), None, "{value}");
        }
    }

    #[test]
    fn the_nearest_of_several_wins_and_ties_go_to_the_first() {
        assert_eq!(near_miss("SEZWOPP", &SUPPLY_TYPES), Some("SEZWOP"));
        assert_eq!(near_miss("EXPWPP", &SUPPLY_TYPES), Some("EXPWP"));
        assert_eq!(near_miss("SEZWXP", &SUPPLY_TYPES), Some("SEZWP"));
    }

    #[test]
    fn a_value_far_longer_than_every_known_one_is_folded_no_further_than_the_longest() {
        // Issue 28, items 3 and 4: 20 M `&` (each read as AND) or a 10 MB name are folded no further
        // than a few characters past the longest known value; a long run of punctuation folds to
        // nothing, without a copy.
        assert_eq!(fold_at_most(&"&".repeat(20_000_000), 9), None);
        assert_eq!(fold_at_most("K&K", 9).as_deref(), Some("KANDK"));
        assert_eq!(fold_at_most("K&K", 4), None);
        assert_eq!(fold_at_most("K&K", 5).as_deref(), Some("KANDK"));
        assert_eq!(near_miss(&"&".repeat(20_000_000), &COUNTRIES), None);
        assert_eq!(near_miss(&"a".repeat(10_000_000), &STATES), None);
        assert_eq!(near_miss(&"-".repeat(10_000_000), &STATES), None);
        assert_eq!(fold("Jammu & Kashmir"), "JAMMUANDKASHMIR");
    }

    #[test]
    fn the_allowance_grows_with_the_known_value() {
        assert_eq!(
            (0..=10).map(allowed_edits).collect::<Vec<_>>(),
            [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2]
        );
    }
}
