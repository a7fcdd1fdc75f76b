//! Pattern matching with the schema's exact meaning and no backtracking.
//!
//! Every documented pattern is an anchored run of character-class repetitions (`^[^\\"]{1,100}$`,
//! `^[INV]{3}[A-Za-z0-9]{32,32}$`). Those compile to a direct matcher that walks the string once and stops
//! as soon as the answer is known, so a 10 MB value costs what its first 101 characters cost. Any other
//! pattern runs on the `regex` crate, whose engines are linear in the input too. The pattern is parsed by
//! `regex-syntax`, the `regex` crate's own parser, so both paths read it identically.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// A compiled `pattern`.
#[derive(Debug)]
pub(crate) enum Matcher {
    /// An anchored sequence of class repetitions, matched directly.
    Classes(Vec<Step>),
    /// Anything else.
    Regex(regex::Regex),
}

/// One `[class]{min,max}` of a [`Matcher::Classes`] sequence.
#[derive(Debug)]
pub(crate) struct Step {
    ascii: [bool; 128],
    ranges: Vec<(char, char)>,
    min: u32,
    max: u32,
}

impl Step {
    #[inline]
    fn contains(&self, ch: char) -> bool {
        if ch.is_ascii() {
            self.ascii[ch as usize]
        } else {
            self.ranges
                .binary_search_by(|&(lo, hi)| {
                    if hi < ch {
                        std::cmp::Ordering::Less
                    } else if lo > ch {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .is_ok()
        }
    }
}

impl Matcher {
    /// Compiles a pattern; `Err` carries the `regex` crate's message for a pattern it cannot read.
    pub(crate) fn new(pattern: &str) -> Result<Self, String> {
        let hir = regex_syntax::Parser::new()
            .parse(pattern)
            .map_err(|e| e.to_string())?;
        if let Some(steps) = class_steps(&hir) {
            return Ok(Matcher::Classes(steps));
        }
        regex::Regex::new(pattern)
            .map(Matcher::Regex)
            .map_err(|e| e.to_string())
    }

    /// Whether `text` matches (JSON Schema patterns are unanchored searches; anchors are in the pattern).
    pub(crate) fn is_match(&self, text: &str) -> bool {
        match self {
            Matcher::Regex(re) => re.is_match(text),
            Matcher::Classes(steps) => {
                let mut chars = text.chars().peekable();
                for step in steps {
                    let mut count = 0;
                    while count < step.max {
                        match chars.peek() {
                            Some(&ch) if step.contains(ch) => {
                                chars.next();
                                count += 1;
                            }
                            _ => break,
                        }
                    }
                    if count < step.min {
                        return false;
                    }
                }
                chars.next().is_none()
            }
        }
    }

    /// Whether the direct matcher (no regex engine) handles this pattern.
    #[cfg(test)]
    fn is_direct(&self) -> bool {
        matches!(self, Matcher::Classes(_))
    }
}

/// The steps of `^(class{min,max})+$`, when greedy matching is exact for them: each step but the last has a
/// fixed count, or its class shares no character with the next step's (so greedy never takes too much).
fn class_steps(hir: &Hir) -> Option<Vec<Step>> {
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let (first, rest) = parts.split_first()?;
    let (last, middle) = rest.split_last()?;
    if !matches!(first.kind(), HirKind::Look(Look::Start))
        || !matches!(last.kind(), HirKind::Look(Look::End))
    {
        return None;
    }
    let mut steps = Vec::new();
    for part in middle {
        let (class, min, max) = match part.kind() {
            HirKind::Class(class) => (class, 1, 1),
            HirKind::Repetition(rep) if rep.greedy => {
                let sub = match rep.sub.kind() {
                    HirKind::Capture(cap) => &cap.sub,
                    _ => &rep.sub,
                };
                match sub.kind() {
                    HirKind::Class(class) => (class, rep.min, rep.max?),
                    _ => return None,
                }
            }
            _ => return None,
        };
        let Class::Unicode(class) = class else {
            return None;
        };
        let mut ascii = [false; 128];
        let ranges: Vec<(char, char)> = class
            .ranges()
            .iter()
            .map(|r| (r.start(), r.end()))
            .collect();
        for &(lo, hi) in &ranges {
            for code in (lo as u32)..=(hi as u32).min(127) {
                ascii[code as usize] = true;
            }
        }
        steps.push(Step {
            ascii,
            ranges,
            min,
            max,
        });
    }
    let exact = steps.windows(2).all(|pair| {
        let (a, b) = (&pair[0], &pair[1]);
        a.min == a.max
            || !a
                .ranges
                .iter()
                .any(|&(lo, hi)| b.ranges.iter().any(|&(l, h)| lo <= h && l <= hi))
    });
    (exact && !steps.is_empty()).then_some(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATTERNS: [&str; 5] = [
        r#"^[^\\"]{1,100}$"#,
        r#"^[^\\"]{1,50}$"#,
        r#"^[INV]{3}[A-Za-z0-9]{32,32}$"#,
        r#"^([^\\\"]){1,100}$"#,
        r#"^[0-9]{4}-(0[1-9]|1[0-2])$"#,
    ];

    #[test]
    fn the_documented_patterns_need_no_regex_engine() {
        for pattern in &PATTERNS[..4] {
            assert!(Matcher::new(pattern).unwrap().is_direct(), "{pattern}");
        }
        assert!(!Matcher::new(PATTERNS[4]).unwrap().is_direct());
        // Overlapping variable steps would make greedy matching wrong: they go to the regex crate.
        assert!(!Matcher::new("^[a-z]{1,3}[a-c]{2}$").unwrap().is_direct());
    }

    #[test]
    fn the_direct_matcher_agrees_with_the_regex_crate() {
        let mut samples = vec![String::new()];
        for ch in ['a', 'é', 'न', '🧾', 'I', 'N', 'V', '7', '\\', '"', '\n'] {
            for n in [1, 3, 32, 35, 36, 50, 51, 100, 101] {
                samples.push(ch.to_string().repeat(n));
            }
        }
        samples.push("INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c".to_owned());
        samples.push("VNI0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8c".to_owned());
        samples.push("INV0f8e2d4c6b8a0e2f4d6c8b0a2e4f6d8".to_owned());
        samples.push("ab\"c".to_owned());
        for pattern in PATTERNS {
            let ours = Matcher::new(pattern).unwrap();
            let theirs = regex::Regex::new(pattern).unwrap();
            for s in &samples {
                assert_eq!(ours.is_match(s), theirs.is_match(s), "{pattern} on {s:?}");
            }
        }
    }

    #[test]
    fn a_huge_value_is_answered_from_its_first_characters() {
        let huge = "x".repeat(10 << 20);
        let m = Matcher::new(PATTERNS[0]).unwrap();
        assert!(!m.is_match(&huge));
    }
}
