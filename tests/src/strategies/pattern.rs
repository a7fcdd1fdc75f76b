//! Strings for a schema `pattern`, read from the pattern itself (with `regex-syntax`, independently of the
//! validator's and the generator's own readings): strings it matches ([`pattern_string`]) and strings near
//! its edges, matching or not ([`near_edges`]).
//!
//! A pattern that is a sequence of class repetitions between anchors, `^[class]{m,n}[class]{m,n}…$` (a
//! literal character is a one-character class), is drawn step by step: each step's count at its minimum,
//! its maximum, one past either, or anywhere between, and its characters of any width or of one UTF-8 width
//! only. Any other pattern is drawn with `proptest`'s regex generator, inside its anchors.

use proptest::prelude::*;
use proptest::sample::select;
use regex_syntax::hir::{Class, Hir, HirKind, Look};

use super::{Chars, WIDTHS, Width};

/// One step of a class-repetition pattern: a character class repeated `min` to `max` times (`None`:
/// without bound).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The class's character ranges, inclusive, sorted.
    pub ranges: Vec<(char, char)>,
    /// The fewest repetitions.
    pub min: u32,
    /// The most repetitions, if bounded.
    pub max: Option<u32>,
}

/// How many repetitions an unbounded step draws at most.
const UNBOUNDED_EXTRA: u32 = 32;

impl Step {
    /// The most repetitions a generator draws: `max`, or `min` + 32 without bound.
    pub fn high(&self) -> u32 {
        self.max.unwrap_or(self.min + UNBOUNDED_EXTRA)
    }

    /// Whether the class holds `c`.
    pub fn contains(&self, c: char) -> bool {
        self.ranges
            .iter()
            .any(|&(start, end)| start <= c && c <= end)
    }

    /// The class's ranges that hold characters of one width (all of them for `None`), as code points.
    fn ranges_of(&self, width: Option<Width>) -> Vec<(u32, u32)> {
        let (low, high) = width.map_or((0, 0x10_ffff), Width::range);
        self.ranges
            .iter()
            .filter_map(|&(start, end)| {
                let start = (start as u32).max(low);
                let end = (end as u32).min(high);
                // A range of surrogates only holds no character.
                let only_surrogates = start >= 0xd800 && end <= 0xdfff;
                (start <= end && !only_surrogates).then_some((start, end))
            })
            .collect()
    }

    /// Whether the class holds a character of this width.
    pub fn has_width(&self, width: Width) -> bool {
        !self.ranges_of(Some(width)).is_empty()
    }

    /// A character of the class, of `width` when the class has one: most often what [`Chars::any`] (or
    /// [`Chars::of_width`]) draws when the class holds it, else any of the class's characters alike.
    pub fn draw(&self, width: Option<Width>, chars: &mut Chars) -> char {
        let width = width.filter(|w| self.has_width(*w));
        for _ in 0..4 {
            let c = match width {
                Some(width) => chars.of_width(width),
                None => chars.any(),
            };
            if self.contains(c) {
                return c;
            }
        }
        let ranges = self.ranges_of(width);
        let total: u64 = ranges.iter().map(|(s, e)| u64::from(e - s + 1)).sum();
        loop {
            let mut at = chars.below(total);
            for &(start, end) in &ranges {
                let size = u64::from(end - start + 1);
                if at < size {
                    if let Some(c) = char::from_u32(start + at as u32) {
                        return c;
                    }
                    break;
                }
                at -= size;
            }
        }
    }
}

/// The steps of a class-repetition pattern (`^[class]{m,n}…$`, literals as one-character classes, groups
/// around a step allowed), or `None` for any other pattern.
pub fn class_steps(pattern: &str) -> Option<Vec<Step>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let (first, rest) = parts.split_first()?;
    let (last, middle) = rest.split_last()?;
    if first.kind() != &HirKind::Look(Look::Start) || last.kind() != &HirKind::Look(Look::End) {
        return None;
    }
    let mut steps = Vec::new();
    for part in middle {
        steps.extend(step(part)?);
    }
    Some(steps)
}

/// The steps of one part of a class-repetition pattern.
fn step(hir: &Hir) -> Option<Vec<Step>> {
    let single = |ranges: Vec<(char, char)>| Step {
        ranges,
        min: 1,
        max: Some(1),
    };
    match hir.kind() {
        HirKind::Capture(capture) => step(&capture.sub),
        HirKind::Literal(literal) => Some(
            std::str::from_utf8(&literal.0)
                .ok()?
                .chars()
                .map(|c| single(vec![(c, c)]))
                .collect(),
        ),
        HirKind::Class(Class::Unicode(class)) => Some(vec![single(
            class.iter().map(|r| (r.start(), r.end())).collect(),
        )]),
        HirKind::Repetition(repetition) => {
            let [inner] = step(&repetition.sub)?.try_into().ok()?;
            (inner.min == 1 && inner.max == Some(1)).then(|| {
                vec![Step {
                    ranges: inner.ranges,
                    min: repetition.min,
                    max: repetition.max,
                }]
            })
        }
        _ => None,
    }
}

/// A repetition count for a step: its minimum, its maximum, or anywhere between, short ones often.
fn count(step: &Step) -> BoxedStrategy<u32> {
    let (min, high) = (step.min, step.high());
    if min == high {
        return Just(min).boxed();
    }
    prop_oneof![
        4 => min..=high.min(min + 24),
        2 => min..=high,
        1 => Just(min),
        2 => Just(high),
    ]
    .boxed()
}

/// Characters of any width (`None`), or of one width only.
fn widths() -> BoxedStrategy<Option<Width>> {
    prop_oneof![
        3 => Just(None),
        1 => select(WIDTHS.to_vec()).prop_map(Some),
    ]
    .boxed()
}

/// Strings matching the class steps: each step's count at its minimum, its maximum or between (short ones
/// often), its characters of any width or, a quarter of the time, of one UTF-8 width (where the class has
/// characters of that width).
pub fn class_string(steps: Vec<Step>) -> BoxedStrategy<String> {
    let counts: Vec<BoxedStrategy<u32>> = steps.iter().map(count).collect();
    (counts, widths(), any::<u64>())
        .prop_map(move |(counts, width, seed)| {
            let mut chars = Chars::new(seed);
            let mut out = String::new();
            for (step, count) in steps.iter().zip(counts) {
                for _ in 0..count {
                    out.push(step.draw(width, &mut chars));
                }
            }
            out
        })
        .boxed()
}

/// The regular expression of a pattern without its leading `^` and trailing `$`, for `proptest`'s regex
/// generator (which cannot generate anchors). A pattern without them is searched for, so a string matching
/// the rest matches it too.
fn unanchored(pattern: &str) -> Hir {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .unwrap_or_else(|e| panic!("the schema pattern {pattern} does not parse: {e}"));
    let HirKind::Concat(parts) = hir.kind() else {
        return hir;
    };
    let mut parts: &[Hir] = parts;
    if let Some((first, rest)) = parts.split_first()
        && first.kind() == &HirKind::Look(Look::Start)
    {
        parts = rest;
    }
    if let Some((last, rest)) = parts.split_last()
        && last.kind() == &HirKind::Look(Look::End)
    {
        parts = rest;
    }
    Hir::concat(parts.to_vec())
}

/// Strings matching a schema pattern: [`class_string`] for a class-repetition pattern, else `proptest`'s
/// regex generator on the pattern inside its anchors.
///
/// # Panics
/// If the pattern uses what neither can generate (an anchor inside it, a look-around): the generator then
/// needs extending, and the panic names the pattern.
pub fn pattern_string(pattern: &str) -> BoxedStrategy<String> {
    if let Some(steps) = class_steps(pattern) {
        return class_string(steps);
    }
    let regex = regex::Regex::new(pattern)
        .unwrap_or_else(|e| panic!("the schema pattern {pattern} does not compile: {e}"));
    proptest::string::string_regex_parsed(&unanchored(pattern))
        .unwrap_or_else(|e| panic!("cannot generate strings for the pattern {pattern}: {e}"))
        .prop_filter("a string the pattern matches", move |s| regex.is_match(s))
        .boxed()
}

/// Characters that trip patterns up: the backslash and the quote, line breaks, the ASCII neighbours of
/// common ranges, and letters and digits outside ASCII that case-folding or Unicode classes let in.
pub const TRICKY: &[char] = &[
    '\\', '"', '\n', '\r', ' ', '-', '/', ':', '@', '[', '`', '{', '_', '\0', '\u{7f}', 'é', 'İ',
    'K', 'ſ', '٣', '０', 'Ａ', '😀', '\u{2028}', '\u{feff}',
];

/// The characters just outside a class: each range's neighbours, and the other case of its letters.
fn neighbours(step: &Step) -> Vec<char> {
    let mut out = Vec::new();
    for &(start, end) in &step.ranges {
        for code in [(start as u32).checked_sub(1), (end as u32).checked_add(1)] {
            out.extend(code.and_then(char::from_u32));
        }
        for c in [start, end] {
            out.extend(c.to_lowercase());
            out.extend(c.to_uppercase());
        }
    }
    out.retain(|c| !step.contains(*c));
    out
}

/// Strings near the edges of a class-repetition pattern, matching or not: each step's count at its
/// minimum, its maximum, or one away from either, its characters of one width or mixed; maybe one character
/// replaced by one outside its class (a tricky character, a neighbour of the class, or another step's), at
/// the start, middle or end; maybe a trailing newline (which `$` matches before in some dialects).
pub fn class_edges(steps: Vec<Step>) -> BoxedStrategy<String> {
    let counts: Vec<BoxedStrategy<u32>> = steps
        .iter()
        .map(|step| {
            let (min, high) = (step.min, step.high());
            let mut counts = vec![
                min.saturating_sub(1),
                min,
                min + 1,
                high.saturating_sub(1),
                high,
            ];
            if step.max.is_some() {
                counts.push(high + 1);
            }
            counts.sort_unstable();
            counts.dedup();
            // The counts the step allows three times as often as those it does not.
            let weighted: Vec<u32> = counts
                .into_iter()
                .flat_map(|n| {
                    let allowed = min <= n && n <= high;
                    std::iter::repeat_n(n, if allowed { 3 } else { 1 })
                })
                .collect();
            select(weighted).boxed()
        })
        .collect();
    let intruder = proptest::option::weighted(0.35, (any::<u64>(), 0usize..3));
    (
        counts,
        widths(),
        intruder,
        proptest::bool::weighted(0.15),
        any::<u64>(),
    )
        .prop_map(move |(counts, width, intruder, newline, seed)| {
            let mut chars = Chars::new(seed);
            let mut out: Vec<(usize, char)> = Vec::new();
            for (index, (step, count)) in steps.iter().zip(counts).enumerate() {
                for _ in 0..count {
                    out.push((index, step.draw(width, &mut chars)));
                }
            }
            if let Some((pick, place)) = intruder {
                let mut random = Chars::new(pick);
                let at = match (place, out.len()) {
                    (_, 0) => None,
                    (0, _) => Some(0),
                    (1, n) => Some(n / 2),
                    (_, n) => Some(n - 1),
                };
                let index = at.map_or(0, |at| out[at].0);
                let step = &steps[index.min(steps.len().saturating_sub(1))];
                let mut candidates = neighbours(step);
                candidates.extend(TRICKY);
                for other in &steps {
                    candidates.push(other.draw(None, &mut random));
                }
                let c = candidates[random.below(candidates.len() as u64) as usize];
                match at {
                    Some(at) => out[at].1 = c,
                    None => out.push((index, c)),
                }
            }
            let mut text: String = out.into_iter().map(|(_, c)| c).collect();
            if newline {
                text.push('\n');
            }
            text
        })
        .boxed()
}

/// Strings near any pattern: matches with one character inserted, replaced or removed (tricky characters
/// and the match's own), cut short, doubled, or followed by a newline.
pub fn regex_edges(pattern: &str) -> BoxedStrategy<String> {
    (pattern_string(pattern), 0usize..6, any::<u64>())
        .prop_map(|(matching, edit, seed)| {
            let mut random = Chars::new(seed);
            let mut chars: Vec<char> = matching.chars().collect();
            let at = random.below(chars.len() as u64 + 1) as usize;
            let pick = |random: &mut Chars, chars: &[char]| {
                if !chars.is_empty() && random.below(2) == 0 {
                    chars[random.below(chars.len() as u64) as usize]
                } else {
                    TRICKY[random.below(TRICKY.len() as u64) as usize]
                }
            };
            match edit {
                0 => {
                    let c = pick(&mut random, &chars);
                    chars.insert(at, c);
                }
                1 if at < chars.len() => {
                    let c = pick(&mut random, &chars);
                    chars[at] = c;
                }
                2 if at < chars.len() => {
                    chars.remove(at);
                }
                3 => chars.truncate(at),
                4 => chars.extend(chars.clone()),
                _ => chars.push('\n'),
            }
            chars.into_iter().collect()
        })
        .boxed()
}

/// Strings near the edges of a pattern, matching or not: [`class_edges`] for a class-repetition pattern,
/// else [`regex_edges`].
pub fn near_edges(pattern: &str) -> BoxedStrategy<String> {
    match class_steps(pattern) {
        Some(steps) => class_edges(steps),
        None => regex_edges(pattern),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;

    #[test]
    fn class_steps_read_the_class_repetition_patterns() {
        let b2b = class_steps(r#"^[^\\"]{1,100}$"#).unwrap();
        assert_eq!(b2b.len(), 1);
        assert_eq!((b2b[0].min, b2b[0].max), (1, Some(100)));
        assert!(!b2b[0].contains('"') && !b2b[0].contains('\\') && b2b[0].contains('😀'));
        let object_id = class_steps("^[INV]{3}[A-Za-z0-9]{32,32}$").unwrap();
        assert_eq!(object_id.len(), 2);
        assert_eq!(object_id[0].ranges, [('I', 'I'), ('N', 'N'), ('V', 'V')]);
        assert_eq!((object_id[1].min, object_id[1].max), (32, Some(32)));
        let literal = class_steps("^ab[0-9]+$").unwrap();
        assert_eq!(literal.len(), 3);
        assert_eq!((literal[2].min, literal[2].max), (1, None));
        assert!(class_steps("^[0-9]{4}-(0[1-9]|1[0-2])$").is_none());
        assert!(class_steps("[a-z]{3}").is_none());
    }

    #[test]
    fn drawn_strings_match_their_pattern() {
        let mut runner = crate::strategies::deterministic();
        for pattern in [
            r#"^[^\\"]{1,100}$"#,
            "^[INV]{3}[A-Za-z0-9]{32,32}$",
            "^ab[0-9]+$",
            "^[0-9]{4}-(0[1-9]|1[0-2])(\\.[0-9]+)?([Zz]|[+-][0-9]{2})$",
        ] {
            let regex = regex::Regex::new(pattern).unwrap();
            let strategy = pattern_string(pattern);
            let edges = near_edges(pattern);
            let (mut matching, mut refused) = (0, 0);
            for _ in 0..500 {
                let s = strategy.new_tree(&mut runner).unwrap().current();
                assert!(regex.is_match(&s), "{pattern}: {s:?}");
                let near = edges.new_tree(&mut runner).unwrap().current();
                if regex.is_match(&near) {
                    matching += 1;
                } else {
                    refused += 1;
                }
            }
            assert!(
                matching > 25 && refused > 25,
                "{pattern}: {matching} {refused}"
            );
        }
    }
}
