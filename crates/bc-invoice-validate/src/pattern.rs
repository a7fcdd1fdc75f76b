//! Pattern matching with the schema's exact meaning and no backtracking.
//!
//! Every documented pattern is an anchored run of character-class repetitions (`^[^\\"]{1,100}$`,
//! `^[INV]{3}[A-Za-z0-9]{32,32}$`). `cargo xtask gen` compiles those, where greedy matching is exact, into
//! [`Step`] tables that a direct matcher walks once, stopping as soon as the answer is known, so a 10 MB
//! value costs what its first 101 characters cost. Any other pattern runs on the `regex` crate, whose
//! engines are linear in the input too; it is built on first use from the text the generator has already
//! compiled with the same crate.

use std::sync::LazyLock;

use regex::Regex;

/// A schema `pattern`: its text and how it is matched.
#[derive(Debug)]
pub(crate) struct Pattern {
    /// The pattern as the schema writes it.
    pub source: &'static str,
    pub matcher: Matcher,
    /// The pattern is one repetition of every character but `"` and `\` (the identifiers' and remarks'
    /// `^[^\\"]{1,100}$`), which the generator tells: on a string written without escapes, which holds
    /// neither (the first would end it, the second start an escape), it only counts characters.
    pub counts_unescaped: bool,
}

/// How a pattern is matched.
#[derive(Debug)]
pub(crate) enum Matcher {
    /// An anchored sequence of class repetitions, matched directly.
    Classes(&'static [Step]),
    /// Anything else.
    Regex(&'static LazyLock<Regex>),
}

/// One `[class]{min,max}` of a [`Matcher::Classes`] sequence.
#[derive(Debug)]
pub(crate) struct Step {
    /// The ASCII members of the class, as a 128-bit set.
    pub ascii: [u64; 2],
    /// The whole class as sorted, disjoint inclusive ranges.
    pub ranges: &'static [(char, char)],
    pub min: u32,
    /// `u32::MAX` for no upper bound.
    pub max: u32,
}

impl Step {
    #[inline]
    fn contains(&self, ch: char) -> bool {
        let code = ch as u32;
        if code < 128 {
            self.ascii[(code / 64) as usize] & (1 << (code % 64)) != 0
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

impl Pattern {
    /// Whether the value of a JSON string matches, given whether the string was written with escapes
    /// (see [`Pattern::counts_unescaped`]).
    #[inline]
    pub(crate) fn is_match_string(&self, value: &str, escaped: bool) -> bool {
        if self.counts_unescaped
            && !escaped
            && let Matcher::Classes([step]) = self.matcher
        {
            // A character is one to four bytes: the byte length bounds the count, which then needs
            // counting only when the bounds straddle a limit.
            let (min, max) = (u64::from(step.min), u64::from(step.max));
            let bytes = value.len() as u64;
            let (fewest, most) = (bytes.div_ceil(4), bytes);
            if min <= fewest && most <= max {
                return true;
            }
            if most < min || max < fewest {
                return false;
            }
            let count = value.chars().count() as u64;
            return min <= count && count <= max;
        }
        self.is_match(value)
    }

    /// Whether `text` matches (JSON Schema patterns are unanchored searches; anchors are in the pattern).
    pub(crate) fn is_match(&self, text: &str) -> bool {
        match self.matcher {
            Matcher::Regex(re) => re.is_match(text),
            Matcher::Classes(steps) => {
                // A run of ASCII bytes at a time (an ASCII byte is a whole character, tested against a
                // bit set), a character at a time where the text is not ASCII.
                let bytes = text.as_bytes();
                let mut pos = 0;
                for step in steps {
                    let mut count: u32 = 0;
                    while count < step.max {
                        let rest = &bytes[pos..];
                        let room = usize::try_from(step.max - count).unwrap_or(usize::MAX);
                        let window = &rest[..rest.len().min(room)];
                        let run = window
                            .iter()
                            .position(|&b| {
                                b >= 0x80 || step.ascii[usize::from(b >> 6)] & (1 << (b & 63)) == 0
                            })
                            .unwrap_or(window.len());
                        pos += run;
                        // `run` is at most `room`, which fits the count.
                        count += u32::try_from(run).unwrap_or(u32::MAX);
                        if count >= step.max || bytes.get(pos).is_none_or(|&b| b < 0x80) {
                            break;
                        }
                        match text[pos..].chars().next() {
                            Some(ch) if step.contains(ch) => {
                                pos += ch.len_utf8();
                                count += 1;
                            }
                            _ => break,
                        }
                    }
                    if count < step.min {
                        return false;
                    }
                }
                pos == bytes.len()
            }
        }
    }
}
