//! "Did you mean …?" for unknown members.

/// The known member closest to `unknown`, if one is close enough to be a likely misspelling: a
/// case-insensitive match, a Jaro-Winkler similarity of at least 0.8, or a known abbreviation of the
/// documentation's (`legalName` → `lglNm` in the shipping section).
pub(crate) fn closest(
    unknown: &str,
    known: impl Iterator<Item = &'static str>,
) -> Option<&'static str> {
    let lower = unknown.to_lowercase();
    let mut best: Option<(f64, &'static str)> = None;
    for candidate in known {
        let score = if candidate.to_lowercase() == lower {
            2.0
        } else if abbreviates(candidate, unknown) {
            1.5
        } else {
            strsim::jaro_winkler(&lower, &candidate.to_lowercase())
        };
        if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, name)| name)
}

/// Whether `short` keeps the letters of `long` in order and starts and ends alike (`lglNm` of `legalName`).
fn abbreviates(short: &str, long: &str) -> bool {
    let (short, long) = (short.to_lowercase(), long.to_lowercase());
    if short.len() >= long.len() || short.len() < 3 || short.chars().next() != long.chars().next() {
        return false;
    }
    let mut letters = long.chars();
    short.chars().all(|c| letters.any(|l| l == c)) && short.chars().last() == long.chars().last()
}

#[cfg(test)]
mod tests {
    use super::closest;

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
}
