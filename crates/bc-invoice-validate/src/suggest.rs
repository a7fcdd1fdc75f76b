//! "Did you mean …?" for unknown members.

/// The known member closest to `unknown`, if one is close enough to be a likely misspelling: a
/// case-insensitive match, a Jaro-Winkler similarity of at least 0.8, or a known abbreviation of the
/// documentation's (`legalName` → `lglNm` in the shipping section).
pub(crate) fn closest(
    unknown: &str,
    known: impl Iterator<Item = &'static str>,
) -> Option<&'static str> {
    let lower = unknown.to_lowercase();
    // Jaro-Winkler compares every character of one name with a window of the other: its cost is the
    // product of their lengths. Past ten times a candidate's length it cannot reach 0.8 (at most the
    // candidate's characters match, so Jaro stays below (0.1 + 1 + 1) / 3 = 0.7, under Winkler's
    // threshold for its prefix bonus), so it is not computed: a rule id of megabytes (a settings file,
    // a query, a Python argument) costs its length, not its length times every rule's.
    let lower_chars = lower.chars().count();
    let mut best: Option<(f64, &'static str)> = None;
    // Each candidate lowered once, into one buffer: a misspelt member in an item is compared with every
    // member of an item, and a report of many such errors should not cost an allocation per comparison.
    let mut candidate_lower = String::with_capacity(64);
    for candidate in known {
        candidate_lower.clear();
        if candidate.is_ascii() {
            // Every member name is: lowering it is a byte operation, not a Unicode table lookup per
            // character.
            candidate_lower.push_str(candidate);
            candidate_lower.make_ascii_lowercase();
        } else {
            candidate_lower.extend(candidate.chars().flat_map(char::to_lowercase));
        }
        let score = if candidate_lower == lower {
            2.0
        } else if abbreviates(&candidate_lower, &lower) {
            1.5
        } else if lower_chars > 10 * candidate_lower.chars().count() {
            0.0
        } else {
            jaro_winkler(&lower, &candidate_lower)
        };
        if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, name)| name)
}

/// Whether `short` keeps the letters of `long` in order and starts and ends alike (`lglnm` of `legalname`);
/// both already lower-case.
fn abbreviates(short: &str, long: &str) -> bool {
    if short.len() >= long.len() || short.len() < 3 || short.chars().next() != long.chars().next() {
        return false;
    }
    let mut letters = long.chars();
    short.chars().all(|c| letters.any(|l| l == c)) && short.chars().last() == long.chars().last()
}

/// `strsim::jaro_winkler`, computed alike (the same steps, so the same `f64`), without its allocation for
/// the ASCII names of up to 64 bytes that member names are.
fn jaro_winkler(a: &str, b: &str) -> f64 {
    const MAX: usize = 64;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() > MAX || b.len() > MAX || !a.is_ascii() || !b.is_ascii() {
        return strsim::jaro_winkler(
            std::str::from_utf8(a).unwrap_or_default(),
            std::str::from_utf8(b).unwrap_or_default(),
        );
    }
    let sim = jaro_ascii(a, b, &mut [false; MAX], &mut [false; MAX]);
    if sim > 0.7 {
        let prefix = a.iter().take(4).zip(b).take_while(|(x, y)| x == y).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

/// `strsim::generic_jaro` on bytes, with the match flags on the stack.
fn jaro_ascii(a: &[u8], b: &[u8], a_flags: &mut [bool], b_flags: &mut [bool]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    } else if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let search_range = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut matches = 0_usize;
    for (i, x) in a.iter().enumerate() {
        let min_bound = i.saturating_sub(search_range);
        let max_bound = b.len().min(i + search_range + 1);
        // strsim walks `b` from its start and skips what is before `min_bound`; starting there is the same.
        for j in min_bound..max_bound {
            if *x == b[j] && !b_flags[j] {
                a_flags[i] = true;
                b_flags[j] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0_usize;
    let mut b_matched = b.iter().zip(b_flags.iter()).filter(|(_, flag)| **flag);
    for (x, _) in a.iter().zip(a_flags.iter()).filter(|(_, flag)| **flag) {
        if let Some((y, _)) = b_matched.next()
            && x != y
        {
            transpositions += 1;
        }
    }
    transpositions /= 2;
    ((matches as f64 / a.len() as f64)
        + (matches as f64 / b.len() as f64)
        + ((matches - transpositions) as f64 / matches as f64))
        / 3.0
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn jaro_winkler_is_strsim_s_to_the_bit() {
        let mut names: Vec<String> = crate::generated::tables::NAMES
            .iter()
            .map(|n| n.to_lowercase())
            .collect();
        names.extend(["", "a", "lglnm", "legalname", "adress", "gstn"].map(str::to_owned));
        for a in &names {
            for b in &names {
                assert_eq!(
                    super::jaro_winkler(a, b).to_bits(),
                    strsim::jaro_winkler(a, b).to_bits(),
                    "{a} {b}"
                );
            }
        }
    }

    const SHIPPING: [&str; 7] = [
        "gstin",
        "lglNm",
        "trdNm",
        "stateCode",
        "address",
        "contactNumber",
        "email",
    ];

    #[test]
    fn misspellings_and_the_documentations_abbreviations_are_suggested() {
        assert_eq!(closest("legalName", SHIPPING.into_iter()), Some("lglNm"));
        assert_eq!(closest("tradeName", SHIPPING.into_iter()), Some("trdNm"));
        assert_eq!(closest("GSTIN", SHIPPING.into_iter()), Some("gstin"));
        assert_eq!(
            closest("statecode", SHIPPING.into_iter()),
            Some("stateCode")
        );
        assert_eq!(closest("adress", SHIPPING.into_iter()), Some("address"));
        assert_eq!(closest("vehicle", SHIPPING.into_iter()), None);
    }

    /// The skip loses no suggestion: a name over ten times a candidate's length is never within 0.8 of it
    /// by Jaro-Winkler (at most the candidate's characters match, so Jaro is below 0.7 and gets no prefix
    /// bonus), whatever the characters, as this tries on names that share the candidate's prefix, its
    /// letters and nothing.
    #[test]
    fn a_name_over_ten_times_a_candidates_length_is_never_close_to_it() {
        for candidate in crate::generated::tables::NAMES
            .iter()
            .map(|n| n.to_lowercase())
        {
            let n = candidate.chars().count();
            for long in [
                candidate.repeat(10) + "x",
                format!("{candidate}{}", "x".repeat(9 * n + 1)),
                format!("{}{candidate}", "y".repeat(9 * n + 1)),
                "z".repeat(10 * n + 1),
            ] {
                assert!(long.chars().count() > 10 * n);
                let score = super::jaro_winkler(&long, &candidate);
                assert!(score < 0.8, "{long} {candidate}: {score}");
            }
        }
    }

    /// An abbreviation is still found however long the name (Jaro-Winkler is skipped for a name over ten
    /// times a candidate's length, which it cannot find close; see `RuleId`'s test of a long name).
    #[test]
    fn a_very_long_name_is_still_found_abbreviated() {
        let abbreviated = format!("lgl{}nm", "x".repeat(1 << 20));
        assert_eq!(closest(&abbreviated, SHIPPING.into_iter()), Some("lglNm"));
        assert_eq!(closest(&"x".repeat(1 << 20), SHIPPING.into_iter()), None);
        assert_eq!(closest("gstinx", SHIPPING.into_iter()), Some("gstin"));
    }
}
