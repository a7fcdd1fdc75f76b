//! GST state codes (the first two digits of a GSTIN, `stateCode`, `placeOfSupply`) and the state names the
//! schema's `$defs/state` lists (domain notes, § GST state codes; the codes are those of the GST state code
//! list under the CGST Act's registration rules).

/// Every GST state code that has a name, with the name `$defs/state`'s `x-known-values` gives it.
/// 25 is DAMAN AND DIU as it was before 2020; 28, undivided Andhra Pradesh, has no name of its own.
pub(crate) const NAMES: [(&str, &str); 38] = [
    ("01", "JAMMU AND KASHMIR"),
    ("02", "HIMACHAL PRADESH"),
    ("03", "PUNJAB"),
    ("04", "CHANDIGARH"),
    ("05", "UTTARAKHAND"),
    ("06", "HARYANA"),
    ("07", "DELHI"),
    ("08", "RAJASTHAN"),
    ("09", "UTTAR PRADESH"),
    ("10", "BIHAR"),
    ("11", "SIKKIM"),
    ("12", "ARUNACHAL PRADESH"),
    ("13", "NAGALAND"),
    ("14", "MANIPUR"),
    ("15", "MIZORAM"),
    ("16", "TRIPURA"),
    ("17", "MEGHALAYA"),
    ("18", "ASSAM"),
    ("19", "WEST BENGAL"),
    ("20", "JHARKHAND"),
    ("21", "ODISHA"),
    ("22", "CHHATTISGARH"),
    ("23", "MADHYA PRADESH"),
    ("24", "GUJARAT"),
    ("25", "DAMAN AND DIU"),
    ("26", "DADRA AND NAGAR HAVELI AND DAMAN AND DIU"),
    ("27", "MAHARASHTRA"),
    ("29", "KARNATAKA"),
    ("30", "GOA"),
    ("31", "LAKSHADWEEP"),
    ("32", "KERALA"),
    ("33", "TAMIL NADU"),
    ("34", "PUDUCHERRY"),
    ("35", "ANDAMAN AND NICOBAR ISLANDS"),
    ("36", "TELANGANA"),
    ("37", "ANDHRA PRADESH"),
    ("38", "LADAKH"),
    ("97", "OTHER TERRITORY"),
];

/// What a two-character text is as a GST state code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StateCode {
    /// The code of a state or union territory today, with its name.
    Current(&'static str),
    /// 96: a place of supply outside India. No taxpayer is registered under it.
    Abroad,
    /// A code no longer in use, with what replaced it.
    Historical(&'static str),
    /// Not a GST state code.
    Unknown,
}

/// Looks a code up.
pub(crate) fn state(code: &str) -> StateCode {
    match code {
        "25" => StateCode::Historical(
            "the code of DAMAN AND DIU until its 2020 merger; DADRA AND NAGAR HAVELI AND DAMAN AND DIU is 26",
        ),
        "28" => StateCode::Historical(
            "the code of Andhra Pradesh before its 2014 division; ANDHRA PRADESH is 37",
        ),
        "96" => StateCode::Abroad,
        _ => NAMES
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(StateCode::Unknown, |(_, name)| StateCode::Current(name)),
    }
}

/// Whether `name` is one of the state names (the schema's known values for `address.state`).
pub(crate) fn is_name(name: &str) -> bool {
    NAMES.iter().any(|(_, n)| *n == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names here are the schema's: a name added to one and not the other fails this test.
    #[test]
    fn the_names_are_the_schemas_known_states() {
        let mut known: Vec<&str> = crate::generated::tables::NODES
            .iter()
            .find_map(|node| match node {
                crate::schema::Node::String(s) => s.known.filter(|k| k.contains(&"MAHARASHTRA")),
                _ => None,
            })
            .expect("the schema lists the states")
            .to_vec();
        let mut ours: Vec<&str> = NAMES.iter().map(|(_, name)| *name).collect();
        known.sort_unstable();
        ours.sort_unstable();
        assert_eq!(ours, known);
    }

    #[test]
    fn codes_current_historical_abroad_and_unknown() {
        assert_eq!(state("27"), StateCode::Current("MAHARASHTRA"));
        assert_eq!(state("97"), StateCode::Current("OTHER TERRITORY"));
        assert_eq!(state("96"), StateCode::Abroad);
        assert!(matches!(state("25"), StateCode::Historical(_)));
        assert!(matches!(state("28"), StateCode::Historical(_)));
        for unknown in ["00", "39", "95", "98", "99", "7", "027", ""] {
            assert_eq!(state(unknown), StateCode::Unknown, "{unknown}");
        }
        assert!(is_name("KARNATAKA") && !is_name("Karnataka"));
    }
}
