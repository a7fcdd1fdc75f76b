//! Pattern matching with the schema's exact meaning and no backtracking.
//!
//! Every documented pattern but one is an anchored run of character-class repetitions (`^[^\\"]{1,100}$`,
//! `^[INV]{3}[A-Za-z0-9]{32,32}$`). `cargo xtask gen` compiles those, where greedy matching is exact, into
//! [`Step`] tables that a direct matcher walks once, stopping as soon as the answer is known, so a 10 MB
//! value costs what its first 101 characters cost. Any other pattern (the timestamp's, with its
//! alternations) the generator compiles, with `regex-automata`, into a minimal byte [`Dfa`] of the
//! pattern's search (at most 256 states), emitted as static tables that [`Pattern::is_match`] walks a byte
//! at a time, stopping at the dead state; the validator itself builds no automaton. A pattern whose DFA
//! would be larger runs on the `regex` crate, whose engines are linear in the input too; it is built on
//! first use from the text the generator has already compiled with the same crate.

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
    /// The first of the schema's `examples` for the value that the pattern matches, quoted by a finding
    /// to show the shape wanted; `None` when the schema gives none.
    pub example: Option<&'static str>,
}

/// How a pattern is matched.
#[derive(Debug)]
pub(crate) enum Matcher {
    /// An anchored sequence of class repetitions, matched directly.
    Classes(&'static [Step]),
    /// Any other pattern whose DFA is small, walked from its tables.
    Dfa(&'static Dfa),
    /// Anything else: a pattern whose DFA would have more than 256 states, or that a byte DFA cannot
    /// take (a Unicode word boundary).
    // No schema pattern needs it today (the timestamp's DFA has 35 states); the generator emits it for the
    // next pattern that does.
    #[allow(dead_code)]
    Regex(&'static LazyLock<Regex>),
}

/// A pattern's search as a minimal DFA over UTF-8 bytes, built by `cargo xtask gen`: the text matches
/// (somewhere, as a JSON Schema pattern does) exactly when its bytes lead from [`Dfa::start`] to a state at
/// or past [`Dfa::accepting`]. A state is the offset of its row in [`Dfa::next`], so a step is an addition
/// and a load. A match found before the end leads to a state that accepts whatever follows; a byte that
/// no match can continue leads to the dead state, 0, which no byte leaves and where the walk stops.
#[derive(Debug)]
pub(crate) struct Dfa {
    /// Each byte's class: bytes that every state treats alike share one.
    pub classes: [u8; 256],
    /// The next state of every state and class: a row per state, a column per class.
    pub next: &'static [u16],
    /// The state before the first byte.
    pub start: u16,
    /// The first state that accepts at the end of the text: every state from it on does, none before
    /// (the dead state, 0, never does).
    pub accepting: u16,
}

impl Dfa {
    /// Whether `text` matches.
    #[inline]
    fn is_match(&self, text: &[u8]) -> bool {
        let step = |state: u16, byte: u8| {
            self.next[usize::from(state) + usize::from(self.classes[usize::from(byte)])]
        };
        let mut state = self.start;
        // The dead state keeps itself: looking for it every fourth byte stops as soon, give or take three.
        let mut chunks = text.chunks_exact(4);
        for chunk in &mut chunks {
            state = step(state, chunk[0]);
            state = step(state, chunk[1]);
            state = step(state, chunk[2]);
            state = step(state, chunk[3]);
            if state == 0 {
                return false;
            }
        }
        for &byte in chunks.remainder() {
            state = step(state, byte);
        }
        state >= self.accepting
    }
}

/// One `[class]{min,max}` of a [`Matcher::Classes`] sequence.
#[derive(Debug)]
pub(crate) struct Step {
    /// The ASCII members of the class, as a set of the 256 byte values whose upper half is empty: a
    /// byte of a multi-byte character is in none, so one look at a byte's bit tells an ASCII member
    /// from anything else.
    pub ascii: [u64; 4],
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
            Matcher::Dfa(dfa) => dfa.is_match(text.as_bytes()),
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
                            .position(|&b| step.ascii[usize::from(b >> 6)] & (1 << (b & 63)) == 0)
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

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use regex::Regex;

    use super::{Dfa, Matcher, Pattern};

    /// A pattern whose DFA would have 512 states (the generator's limit is 256), which the generator
    /// therefore leaves to the regex crate (xtask's `each_pattern_gets_the_cheapest_exact_matcher`).
    static OVER_THE_LIMIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new("^(a|b)*a(a|b){8}$").unwrap());

    #[test]
    fn a_pattern_left_to_the_regex_crate_is_matched_by_it() {
        let pattern = Pattern {
            source: "^(a|b)*a(a|b){8}$",
            matcher: Matcher::Regex(&OVER_THE_LIMIT),
            counts_unescaped: false,
            example: None,
        };
        for (text, expected) in [
            ("abbbbbbbb", true),
            ("bbabbbbbbbb", true),
            ("bbbbbbbbb", false),
            ("abbbbbbb", false),
            ("abbbbbbbbb", false),
            ("abbbbbbbbc", false),
            ("", false),
        ] {
            assert_eq!(pattern.is_match(text), expected, "{text}");
            assert_eq!(pattern.is_match_string(text, false), expected, "{text}");
        }
    }

    /// The walk's edges: a DFA of `^a` (the walk stops at the dead state, and once `a` is seen every
    /// byte stays accepted), on texts shorter and longer than the four bytes it takes at a time.
    #[test]
    fn the_walk_stops_at_the_dead_state_and_keeps_an_accepting_one() {
        // States (as offsets): 0 dead, 2 start, 4 matched. Classes: 0 every byte but `a`, 1 `a`.
        let mut classes = [0u8; 256];
        classes[usize::from(b'a')] = 1;
        static NEXT: [u16; 6] = [0, 0, 0, 4, 4, 4];
        let dfa = Dfa {
            classes,
            next: &NEXT,
            start: 2,
            accepting: 4,
        };
        for (text, expected) in [
            (&b""[..], false),
            (b"a", true),
            (b"abc\xff", true),
            (b"abcdefghi", true),
            (b"ba", false),
            (b"bbbba", false),
            (b"bbbbbbbba", false),
        ] {
            assert_eq!(dfa.is_match(text), expected, "{text:?}");
        }
    }
}
