//! What `cargo xtask gen` derives from the schema for the validator; the files beside this one are
//! generated, checked in, and never edited by hand (a test fails while they are stale).

// prettyplease lays the generated files out; rustfmt would lay some lists out otherwise and make them stale.
#[rustfmt::skip]
pub(crate) mod dispatch;
#[rustfmt::skip]
pub(crate) mod kinds;
#[rustfmt::skip]
pub(crate) mod roles;
#[rustfmt::skip]
pub(crate) mod tables;

/// The generated tables, read as the validator reads them.
#[cfg(test)]
mod tests {
    use regex::Regex;

    use super::roles::Role;
    use super::tables::NODES;
    use crate::DocumentKind;
    use crate::schema::{Matcher, Node, ObjectNode, Pattern};

    fn objects() -> impl Iterator<Item = &'static ObjectNode> {
        NODES.iter().filter_map(|n| match n {
            Node::Object(o) => Some(o),
            _ => None,
        })
    }

    #[test]
    fn shared_definitions_are_one_node_and_members_keep_schema_order() {
        let items: Vec<_> = objects().filter(|o| o.find(b"hsnCode").is_some()).collect();
        assert_eq!(
            items.len(),
            1,
            "the item definition is one node shared by create and edit"
        );
        let names: Vec<&str> = items[0].props.iter().take(4).map(|p| p.name).collect();
        assert_eq!(
            names,
            ["serialno", "productDescription", "isService", "hsnCode"]
        );
        let Node::Object(root) = &NODES[DocumentKind::ConfirmInvoice.root()] else {
            panic!("a root is an object")
        };
        let names: Vec<&str> = root.props.iter().map(|p| p.name).collect();
        assert_eq!(names, ["device", "b2bIds", "invoiceConfirmation"]);
        assert_eq!(root.required.count_ones(), 3);
    }

    #[test]
    fn roles_come_from_the_schema() {
        let roles: Vec<(&str, Role)> = objects()
            .flat_map(|o| o.props.iter())
            .filter_map(|p| p.role.map(|r| (p.name, r)))
            .collect();
        assert!(roles.contains(&("gstin", Role::Gstin)));
        assert!(roles.contains(&("gstin", Role::GstinOrUrp)));
        assert!(roles.contains(&("ts", Role::Timestamp)));
        assert!(roles.iter().all(|(name, _)| !name.is_empty()));
    }

    /// Every pattern of the schema, from the generated tables.
    /// The character count that stands in for a pattern on a string written without escapes (or the byte
    /// length, where it alone bounds the count) decides as the pattern does, at and around every pattern's
    /// length limits in characters and in bytes, in one, two, three and four bytes a character; a pattern
    /// it does not fit is matched in full.
    #[test]
    fn a_string_without_escapes_is_matched_as_the_pattern_matches_it() {
        let mut counted = 0;
        for pattern in patterns() {
            let mut texts = vec![
                String::new(),
                "INV".to_owned(),
                "27AAKCK4821P1Z3".to_owned(),
            ];
            for unit in ["a", "é", "€", "😀", "a😀"] {
                for n in [
                    1, 2, 3, 12, 13, 25, 26, 31, 32, 33, 35, 49, 50, 51, 99, 100, 101,
                ] {
                    texts.push(unit.repeat(n));
                }
            }
            for text in &texts {
                assert_eq!(
                    pattern.is_match_string(text, false),
                    pattern.is_match(text),
                    "{} on {text:?}",
                    pattern.source
                );
            }
            if pattern.counts_unescaped {
                counted += 1;
            }
        }
        assert!(
            counted >= 2,
            "the identifiers' and remarks' patterns take the count"
        );
    }

    fn patterns() -> Vec<&'static Pattern> {
        let mut out: Vec<&'static Pattern> = Vec::new();
        for node in crate::generated::tables::NODES.iter() {
            if let Node::String(string) = node
                && let Some(pattern) = string.pattern
                && !out.iter().any(|p| p.source == pattern.source)
            {
                out.push(pattern);
            }
        }
        out
    }

    /// A pattern finding quotes its example as a value that matches: the validator's own matcher must
    /// agree (the generator checked it with the regex crate).
    #[test]
    fn every_pattern_matches_the_example_its_findings_quote() {
        let mut quoted = 0;
        for node in crate::generated::tables::NODES.iter() {
            if let Node::String(string) = node
                && let Some(pattern) = string.pattern
                && let Some(example) = pattern.example
            {
                assert!(
                    pattern.is_match(example),
                    "{} on {example:?}",
                    pattern.source
                );
                quoted += 1;
            }
        }
        assert!(quoted >= 7, "{quoted} patterns with an example");
    }

    #[test]
    fn the_documented_patterns_need_no_regex_engine() {
        for pattern in patterns() {
            let direct = matches!(pattern.matcher, Matcher::Classes(_));
            assert_eq!(direct, !pattern.source.contains('|'), "{}", pattern.source);
            // The timestamp's alternations: a generated DFA, not the regex crate.
            assert!(
                !matches!(pattern.matcher, Matcher::Regex(_)),
                "{}",
                pattern.source
            );
        }
    }

    /// A small xorshift generator: the samples are the same on every run.
    struct Random(u64);

    impl Random {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        /// A character of a class: an end of one of its ranges, or one inside it.
        fn of(&mut self, ranges: &[(char, char)]) -> char {
            let (lo, hi) = ranges[self.below(ranges.len())];
            let span = (hi as u32 - lo as u32) as usize + 1;
            match self.below(3) {
                0 => lo,
                1 => hi,
                _ => char::from_u32(lo as u32 + self.below(span.min(1 << 20)) as u32).unwrap_or(lo),
            }
        }
    }

    /// Strings generated from a pattern's own steps: each step's count at, inside and just outside its
    /// bounds, each character from the step's class, from another step's class, or from an alphabet of
    /// JSON-significant and multi-byte characters. Many match, many miss by one: where a greedy matcher
    /// could go wrong.
    fn samples(pattern: &Pattern) -> Vec<String> {
        let alphabet = [
            'a', 'Z', '0', '9', '-', ':', 'é', 'न', '🧾', '\\', '"', '\n', ' ',
        ];
        let mut random = Random(0x9E37_79B9_7F4A_7C15);
        let mut out = vec![String::new()];
        let Matcher::Classes(steps) = pattern.matcher else {
            return out;
        };
        for _ in 0..4000 {
            // Half the samples keep every count in bounds and every character in its class, then change at
            // most one thing; the other half go anywhere.
            let careful = random.below(2) == 0;
            let mut chars: Vec<char> = Vec::new();
            for step in steps {
                let max = step.max.min(step.min + 120);
                let count = if careful {
                    step.min + random.below((max - step.min) as usize + 1) as u32
                } else {
                    let counts = [
                        step.min.saturating_sub(1),
                        step.min,
                        step.min + 1,
                        max.saturating_sub(1),
                        max,
                        max + 1,
                    ];
                    counts[random.below(counts.len())]
                };
                for _ in 0..count {
                    let ch = match random.below(10) {
                        _ if careful => random.of(step.ranges),
                        0..7 => random.of(step.ranges),
                        7 | 8 => {
                            let other = steps[random.below(steps.len())].ranges;
                            random.of(other)
                        }
                        _ => alphabet[random.below(alphabet.len())],
                    };
                    chars.push(ch);
                }
            }
            if careful && !chars.is_empty() && random.below(2) == 0 {
                let at = random.below(chars.len());
                match random.below(3) {
                    0 => chars[at] = alphabet[random.below(alphabet.len())],
                    1 => {
                        chars.remove(at);
                    }
                    _ => {
                        let other = steps[random.below(steps.len())].ranges;
                        chars.insert(at, random.of(other));
                    }
                }
            }
            out.push(chars.into_iter().collect());
        }
        out
    }

    #[test]
    fn every_schema_pattern_agrees_with_the_regex_crate() {
        // A pattern on the regex path is the regex crate itself: only the direct matcher needs checking.
        for pattern in patterns()
            .into_iter()
            .filter(|p| matches!(p.matcher, Matcher::Classes(_)))
        {
            let theirs = Regex::new(pattern.source).unwrap();
            let samples = samples(pattern);
            let matching = samples.iter().filter(|s| theirs.is_match(s)).count();
            assert!(
                matching * 10 > samples.len() && matching < samples.len(),
                "{}: {matching} of {} samples match; the test needs both kinds",
                pattern.source,
                samples.len()
            );
            for s in samples {
                assert_eq!(
                    pattern.is_match(&s),
                    theirs.is_match(&s),
                    "{} on {s:?}",
                    pattern.source
                );
            }
        }
    }

    #[test]
    fn a_huge_value_is_answered_from_its_first_characters() {
        let huge = "x".repeat(10 << 20);
        let bounded = patterns()
            .into_iter()
            .find(|p| p.source.contains("{1,100}"))
            .expect("the remarks pattern");
        assert!(!bounded.is_match(&huge));
    }

    /// Every member of every object is found by its name, in place (from any hint) and through the
    /// generator's buckets, and a name one byte away from a member's, or longer, is not.
    #[test]
    fn every_member_is_found_by_its_name_and_no_other_name_is() {
        for object in objects() {
            for (index, prop) in object.props.iter().enumerate() {
                let name = prop.name.as_bytes();
                assert_eq!(object.find(name), Some(index), "{}", prop.name);
                let written = format!("\"{}\": 1", prop.name);
                for hint in [0, index, object.props.len()] {
                    assert_eq!(
                        object.find_in_place(written.as_bytes(), 0, hint),
                        Some(index),
                        "{} from {hint}",
                        prop.name
                    );
                }
                for at in 0..name.len() {
                    let mut other = name.to_vec();
                    other[at] ^= 0x01;
                    assert_ne!(object.find(&other), Some(index), "{}", prop.name);
                }
                assert_eq!(object.find(&[name, b"x"].concat()), None, "{}", prop.name);
            }
            assert_eq!(object.find(b""), None);
        }
    }

    /// `find_in_place` takes a name compared in place for the whole name: true only while no member
    /// name holds a character that would be escaped or would end the string.
    #[test]
    fn member_names_need_no_escapes() {
        for name in super::tables::NAMES {
            assert!(
                !name.is_empty() && !name.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20),
                "{name:?}"
            );
        }
    }
}

/// The timestamp pattern's generated DFA against the regex crate.
#[cfg(test)]
mod timestamp_dfa {
    use std::sync::LazyLock;

    use proptest::prelude::*;
    use regex::Regex;

    use crate::schema::{Matcher, Node, Pattern};

    /// Every generated pattern that is matched by a DFA.
    fn dfas() -> Vec<&'static Pattern> {
        let mut out: Vec<&'static Pattern> = Vec::new();
        for node in crate::generated::tables::NODES.iter() {
            if let Node::String(string) = node
                && let Some(pattern) = string.pattern
                && matches!(pattern.matcher, Matcher::Dfa(_))
                && !out.iter().any(|p| p.source == pattern.source)
            {
                out.push(pattern);
            }
        }
        out
    }

    /// The schema's timestamp pattern, and the regex crate's reading of it.
    fn timestamp() -> &'static (&'static Pattern, Regex) {
        static TIMESTAMP: LazyLock<(&'static Pattern, Regex)> = LazyLock::new(|| {
            let pattern = dfas()
                .into_iter()
                .find(|p| p.source.contains("[Tt]"))
                .expect("the timestamp pattern is matched by a DFA");
            (pattern, Regex::new(pattern.source).unwrap())
        });
        &TIMESTAMP
    }

    #[test]
    fn every_generated_dfa_is_whole() {
        let all = dfas();
        assert_eq!(all.len(), 1, "{all:?}");
        for pattern in all {
            let Matcher::Dfa(dfa) = pattern.matcher else {
                unreachable!()
            };
            let stride = usize::from(*dfa.classes.iter().max().unwrap()) + 1;
            let states = dfa.next.len() / stride;
            assert_eq!(dfa.next.len(), states * stride, "{}", pattern.source);
            assert!(states <= 256, "{}", pattern.source);
            // Every state is a row's offset, and the dead state (0) keeps itself and does not accept.
            let ends = [dfa.start, dfa.accepting];
            let offsets = ends.iter().chain(dfa.next);
            assert!(
                offsets
                    .into_iter()
                    .all(|&n| usize::from(n) % stride == 0 && usize::from(n) <= dfa.next.len())
            );
            assert!(dfa.next[..stride].iter().all(|&n| n == 0));
            assert!(dfa.accepting > 0);
        }
    }

    #[test]
    fn the_timestamp_dfa_reads_the_documented_examples() {
        let (pattern, _) = timestamp();
        for valid in [
            "2024-02-29T23:59:60Z",
            "2025-01-01t00:00:00z",
            "2025-12-31T10:15:30.123456+05:30",
            "0000-01-01T00:00:00-23:59",
        ] {
            assert!(pattern.is_match(valid), "{valid}");
        }
        for invalid in [
            "",
            "2025-13-01T00:00:00Z",
            "2025-01-32T00:00:00Z",
            "2025-01-01T24:00:00Z",
            "2025-01-01T00:00:61Z",
            "2025-01-01T00:00:00",
            "2025-01-01T00:00:00.Z",
            "2025-01-01T00:00:00+05:30 ",
            " 2025-01-01T00:00:00Z",
            "2025-01-01T00:00:00Z\n",
            "２025-01-01T00:00:00Z",
        ] {
            assert!(!pattern.is_match(invalid), "{invalid}");
        }
    }

    /// A timestamp the pattern accepts: each field anywhere in its range, and at its edges.
    fn valid_timestamp() -> impl Strategy<Value = String> {
        let two = |max: u32| prop_oneof![Just(0), Just(max), 0..=max];
        (
            0..=9999u32,
            prop_oneof![Just(1), Just(12), 1..=12u32],
            prop_oneof![Just(1), Just(31), 1..=31u32],
            prop::sample::select(vec!['T', 't']),
            two(23),
            two(59),
            prop_oneof![Just(60), two(59)],
            prop::option::of("[0-9]{1,12}"),
            prop_oneof![
                Just("Z".to_owned()),
                Just("z".to_owned()),
                (prop::sample::select(vec!['+', '-']), two(23), two(59))
                    .prop_map(|(sign, h, m)| format!("{sign}{h:02}:{m:02}")),
            ],
        )
            .prop_map(|(y, mo, d, t, h, mi, s, fraction, offset)| {
                let fraction = fraction.map(|f| format!(".{f}")).unwrap_or_default();
                format!("{y:04}-{mo:02}-{d:02}{t}{h:02}:{mi:02}:{s:02}{fraction}{offset}")
            })
    }

    /// A character a timestamp has, or nearly has, or that is several bytes long.
    fn near_char() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            '0', '1', '2', '3', '5', '6', '9', '-', ':', '.', '+', 'T', 't', 'Z', 'z', 'X', ' ',
            '\n', '\0', '/', ';', 'é', '٣', '२', '０', '🧾', '\u{FEFF}',
        ])
    }

    /// A valid timestamp with one character inserted, replaced or removed, or cut short.
    fn near_timestamp() -> impl Strategy<Value = String> {
        (
            valid_timestamp(),
            0..4usize,
            any::<prop::sample::Index>(),
            near_char(),
        )
            .prop_map(|(text, edit, at, ch)| {
                let mut chars: Vec<char> = text.chars().collect();
                let at = at.index(chars.len() + 1);
                match edit {
                    0 => chars.insert(at, ch),
                    1 if at < chars.len() => chars[at] = ch,
                    2 if at < chars.len() => {
                        chars.remove(at);
                    }
                    _ => chars.truncate(at),
                }
                chars.into_iter().collect()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// The generated DFA and the regex crate agree on the timestamp pattern: on valid timestamps, on
        /// timestamps one edit away, on strings of its own characters, and on arbitrary strings.
        #[test]
        fn the_timestamp_dfa_agrees_with_the_regex_crate(
            text in prop_oneof![
                valid_timestamp(),
                near_timestamp(),
                prop::collection::vec(near_char(), 0..32).prop_map(|c| c.into_iter().collect()),
                any::<String>(),
            ]
        ) {
            let (pattern, regex) = timestamp();
            prop_assert_eq!(pattern.is_match(&text), regex.is_match(&text), "{:?}", text);
        }
    }
}
