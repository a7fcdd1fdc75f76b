//! A schema pattern as a small byte DFA that the validator walks from static tables: for the patterns the
//! direct class matcher cannot take (the timestamp's alternations), so that no value reaches the `regex`
//! crate at run time.
//!
//! A JSON Schema `pattern` is an unanchored search: a string is valid when the pattern matches anywhere in
//! it (anchors, where the pattern has them, pin the match). [`build`] therefore asks `regex-automata` (at
//! generation time only: the validator does not depend on it) for a DFA of the *search*, over UTF-8 bytes
//! with the pattern's Unicode meaning, exactly as the `regex` crate compiles it: unanchored start, every
//! match kept ([`MatchKind::All`]), start of text before the first byte, end of text after the last. Then:
//!
//! - a transition into a match state (a match has ended) goes to one state that accepts whatever follows,
//!   since `is_match` is then already true; a transition into the dead state goes to the dead state;
//! - a state accepts at the end of the input when its end-of-input transition is a match;
//! - the result is minimised (Moore's partition refinement) and its bytes grouped into classes that every
//!   state treats alike.
//!
//! So the tables answer exactly `regex::Regex::new(pattern)?.is_match(text)` for a `&str`; for an
//! anchored pattern (`^…$`) every state but the dead one is on the way to a full match. A pattern whose
//! DFA cannot be built (a Unicode word boundary, a size limit) or has more than [`STATE_LIMIT`] states gets
//! `None`, and the generator keeps it on the `regex` crate.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, VecDeque};

use regex_automata::dfa::{Automaton, StartKind, dense};
use regex_automata::util::primitives::StateID;
use regex_automata::util::start;
use regex_automata::{Anchored, MatchKind};

/// The most states a generated DFA may have: its state ids are bytes.
pub const STATE_LIMIT: usize = 256;

/// The most states the search DFA (before this module's own minimisation) may have.
const SEARCH_LIMIT: usize = 4 * STATE_LIMIT;

/// The most heap `regex-automata` may use to determinize and to hold the DFA.
const BUILD_BYTES: usize = 1 << 22;

/// A pattern's DFA as the validator's `Dfa` holds it: a state is the offset of its row in
/// [`Tables::next`] (its number times [`Tables::stride`]), so a step is one addition and one load; the
/// dead state is 0; the states that accept at the end of the input are numbered last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tables {
    /// Each byte's class.
    pub classes: [u8; 256],
    /// The number of classes: the length of a row of [`Tables::next`].
    pub stride: usize,
    /// The next state of every state and class, a row per state.
    pub next: Vec<u16>,
    /// The state before the first byte.
    pub start: u16,
    /// The first state that accepts at the end of the input: every state from it on does, none before.
    pub accepting: u16,
}

impl Tables {
    /// The number of states.
    pub fn states(&self) -> usize {
        self.next.len() / self.stride
    }

    /// Whether `text` matches: the validator's walk, for the generator's tests.
    pub fn is_match(&self, text: &[u8]) -> bool {
        let mut state = self.start;
        for &byte in text {
            state = self.next[usize::from(state) + usize::from(self.classes[usize::from(byte)])];
            if state == 0 {
                return false;
            }
        }
        state >= self.accepting
    }
}

/// The DFA of `pattern`'s unanchored search, or `None` when it cannot be built within the limits or has
/// more than [`STATE_LIMIT`] states.
pub fn build(pattern: &str) -> Option<Tables> {
    let config = dense::Config::new()
        .match_kind(MatchKind::All)
        .start_kind(StartKind::Unanchored)
        .minimize(true)
        // A Unicode word boundary is refused rather than approximated with quit bytes.
        .unicode_word_boundary(false)
        .determinize_size_limit(Some(BUILD_BYTES))
        .dfa_size_limit(Some(BUILD_BYTES));
    // The syntax defaults are the `regex` crate's: Unicode on, UTF-8 only, the same nesting limit.
    let dfa = dense::Builder::new()
        .configure(config)
        .build(pattern)
        .ok()?;
    // No look-behind byte: the start of the text.
    let start = dfa
        .start_state(&start::Config::new().anchored(Anchored::No))
        .ok()?;

    // The search DFA's reachable states, with the dead state as 0 and "a match has ended" as 1.
    const DEAD: usize = 0;
    const FOUND: usize = 1;
    let mut ids: BTreeMap<StateID, usize> = BTreeMap::new();
    let mut order: Vec<StateID> = Vec::new();
    let mut queue = VecDeque::new();
    let mut next: Vec<[usize; 256]> = vec![[DEAD; 256], [FOUND; 256]];
    let mut accepts = vec![false, true];
    let visit = |id: StateID,
                 ids: &mut BTreeMap<StateID, usize>,
                 order: &mut Vec<StateID>,
                 queue: &mut VecDeque<StateID>|
     -> Option<usize> {
        if dfa.is_quit_state(id) {
            return None;
        }
        if dfa.is_dead_state(id) {
            return Some(DEAD);
        }
        if dfa.is_match_state(id) {
            return Some(FOUND);
        }
        if let Some(&index) = ids.get(&id) {
            return Some(index);
        }
        let index = 2 + order.len();
        ids.insert(id, index);
        order.push(id);
        queue.push_back(id);
        Some(index)
    };
    let first = visit(start, &mut ids, &mut order, &mut queue)?;
    while let Some(id) = queue.pop_front() {
        if order.len() > SEARCH_LIMIT {
            return None;
        }
        let mut row = [DEAD; 256];
        for (byte, slot) in (0..=255u8).zip(row.iter_mut()) {
            *slot = visit(dfa.next_state(id, byte), &mut ids, &mut order, &mut queue)?;
        }
        next.push(row);
        let eoi = dfa.next_eoi_state(id);
        if dfa.is_quit_state(eoi) {
            return None;
        }
        accepts.push(dfa.is_match_state(eoi));
    }
    minimise(&next, &accepts, first)
}

/// The minimal DFA of `next`/`accepts` from `start` (Moore's refinement), its bytes grouped into classes,
/// its states numbered breadth first from the start, the dead state last unless reached before.
fn minimise(next: &[[usize; 256]], accepts: &[bool], start: usize) -> Option<Tables> {
    // Bytes every state treats alike first, so that refinement compares classes, not bytes.
    let (_, representatives) = classes(next.iter().map(|row| row.as_slice()));
    let mut block: Vec<usize> = accepts.iter().map(|&a| usize::from(a)).collect();
    let mut count = 0;
    loop {
        let mut signatures: BTreeMap<(usize, Vec<usize>), usize> = BTreeMap::new();
        let refined: Vec<usize> = (0..next.len())
            .map(|state| {
                let key = (
                    block[state],
                    representatives
                        .iter()
                        .map(|&byte| block[next[state][usize::from(byte)]])
                        .collect(),
                );
                let fresh = signatures.len();
                *signatures.entry(key).or_insert(fresh)
            })
            .collect();
        let refined_count = signatures.len();
        block = refined;
        if refined_count == count {
            break;
        }
        count = refined_count;
    }

    // Number the blocks breadth first from the start's.
    let mut number: BTreeMap<usize, usize> = BTreeMap::new();
    let mut members: Vec<usize> = Vec::new();
    let mut queue = VecDeque::from([start]);
    number.insert(block[start], 0);
    members.push(start);
    while let Some(state) = queue.pop_front() {
        for &byte in &representatives {
            let to = next[state][usize::from(byte)];
            if let Entry::Vacant(entry) = number.entry(block[to]) {
                entry.insert(members.len());
                members.push(to);
                queue.push_back(to);
            }
        }
    }
    // State 0 of `next` is the dead state.
    let len = members.len();
    if let Entry::Vacant(entry) = number.entry(block[0]) {
        entry.insert(len);
        members.push(0);
    }
    if members.len() > STATE_LIMIT {
        return None;
    }
    // Renumbered: the dead state first, then the states that do not accept at the end, then those that
    // do, each in breadth-first order.
    let dead = number[&block[0]];
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by_key(|&n| (n != dead, accepts[members[n]], n));
    let mut renumber = vec![0; members.len()];
    for (new, &old) in order.iter().enumerate() {
        renumber[old] = new;
    }
    let rows: Vec<Vec<usize>> = order
        .iter()
        .map(|&n| {
            (0..=255u8)
                .map(|byte| renumber[number[&block[next[members[n]][usize::from(byte)]]]])
                .collect()
        })
        .collect();
    let (classes, representatives) = classes(rows.iter().map(Vec::as_slice));
    let stride = representatives.len();
    // A state's id is its row's offset: at most 256 states of at most 256 classes fit 16 bits only when
    // the last row starts below 65536.
    let offset = |n: usize| u16::try_from(n * stride).ok();
    let accepting = order
        .iter()
        .position(|&n| accepts[members[n]])
        .unwrap_or(order.len());
    Some(Tables {
        classes,
        stride,
        next: rows
            .iter()
            .flat_map(|row| {
                representatives
                    .iter()
                    .map(|&byte| offset(row[usize::from(byte)]))
            })
            .collect::<Option<Vec<u16>>>()?,
        start: offset(renumber[0])?,
        accepting: offset(accepting)?,
    })
}

/// The bytes' classes over `rows` (bytes with the same next state in every row share one), numbered in
/// order of their first byte, and each class's first byte.
fn classes<'r>(rows: impl Iterator<Item = &'r [usize]> + Clone) -> ([u8; 256], Vec<u8>) {
    let mut columns: BTreeMap<Vec<usize>, u8> = BTreeMap::new();
    let mut map = [0u8; 256];
    let mut representatives = Vec::new();
    for byte in 0..=255u8 {
        let column: Vec<usize> = rows.clone().map(|row| row[usize::from(byte)]).collect();
        let fresh = u8::try_from(representatives.len()).expect("at most 256 classes");
        let class = *columns.entry(column).or_insert(fresh);
        if class == fresh {
            representatives.push(byte);
        }
        map[usize::from(byte)] = class;
    }
    (map, representatives)
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::*;
    use regex::Regex;

    use super::{STATE_LIMIT, Tables, build};

    /// The schema's timestamp pattern (`common.schema.json#/$defs/timestamp`).
    const TIMESTAMP: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";

    /// Patterns with every kind of anchoring, Unicode classes and case folding, and ones that match the
    /// empty string: the DFA must answer the unanchored search the `regex` crate answers.
    const PATTERNS: &[&str] = &[
        TIMESTAMP,
        "^ab|cd$",
        "[0-9]{3}",
        "a$",
        "^é+",
        "(x|yz)*",
        "",
        "^$",
        r"\p{Greek}{2}|ñ",
        "(?i)straße",
        "^[^a]*a[^a]*$",
        r"(?m)^b$",
        r"(?-u:\b)ab",
        "a(b|c)d|e.f",
    ];

    /// Strings over the patterns' own characters, near ones and multi-byte ones.
    fn text() -> impl Strategy<Value = String> {
        let alphabet = prop::sample::select(vec![
            'a', 'b', 'c', 'd', 'e', 'f', 'x', 'y', 'z', 'S', 's', 'ß', 'é', 'E', 'ñ', 'α', 'Ω',
            '0', '1', '2', '3', '5', '9', '-', ':', '.', '+', 'T', 't', 'Z', '\n', ' ', '🧾',
            '\u{1}',
        ]);
        prop_oneof![
            prop::collection::vec(alphabet, 0..30).prop_map(|chars| chars.into_iter().collect()),
            any::<String>(),
        ]
    }

    fn tables(pattern: &str) -> Tables {
        build(pattern).unwrap_or_else(|| panic!("no DFA for {pattern:?}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_dfa_answers_the_regex_crates_search(text in text()) {
            static BUILT: LazyLock<Vec<(&str, Regex, Tables)>> = LazyLock::new(|| {
                PATTERNS.iter().map(|&p| (p, Regex::new(p).unwrap(), tables(p))).collect()
            });
            for (pattern, regex, dfa) in BUILT.iter() {
                prop_assert_eq!(
                    dfa.is_match(text.as_bytes()),
                    regex.is_match(&text),
                    "{:?} on {:?}", pattern, text
                );
            }
        }
    }

    #[test]
    fn the_tables_are_whole_and_minimal() {
        for pattern in PATTERNS {
            let dfa = tables(pattern);
            let (states, stride) = (dfa.states(), dfa.stride);
            assert!(states <= STATE_LIMIT, "{pattern}");
            assert_eq!(dfa.next.len(), states * stride, "{pattern}");
            // Every state is a row's offset.
            let ends = [dfa.start, dfa.accepting];
            let offsets = ends.iter().chain(&dfa.next);
            assert!(
                offsets
                    .into_iter()
                    .all(|&n| usize::from(n) % stride == 0 && usize::from(n) <= dfa.next.len()),
                "{pattern}"
            );
            assert!(dfa.classes.iter().all(|&c| usize::from(c) < stride));
            // The dead state is 0, does not accept, and nothing leaves it.
            assert!(dfa.accepting > 0, "{pattern}");
            assert!(dfa.next[..stride].iter().all(|&n| n == 0), "{pattern}");
        }
        // The timestamp: its states are the positions in a timestamp (with the fraction's and the offset's
        // branches), the dead state, and nothing else; one accepts.
        let timestamp = tables(TIMESTAMP);
        assert_eq!((timestamp.states(), timestamp.stride), (35, 14));
        assert_eq!(usize::from(timestamp.accepting), 34 * 14);
        // An anchored pattern's walk stops at the first byte no match can continue.
        assert_eq!(
            timestamp.next
                [usize::from(timestamp.start) + usize::from(timestamp.classes[usize::from(b'x')])],
            0
        );
    }

    #[test]
    fn a_pattern_whose_dfa_is_too_large_or_unbuildable_has_none() {
        // The ninth character from the end is an `a`: the DFA remembers the last nine, 512 states.
        assert!(
            Regex::new("^(a|b)*a(a|b){8}$")
                .unwrap()
                .is_match("abbbbbbbb")
        );
        assert_eq!(build("^(a|b)*a(a|b){8}$"), None);
        // Seven remembered characters are 128 states: within the limit.
        assert!(build("^(a|b)*a(a|b){6}$").is_some_and(|dfa| dfa.states() <= STATE_LIMIT));
        // A Unicode word boundary, which a byte DFA cannot take exactly.
        assert_eq!(build(r"\bfoo\b"), None);
        // Not a pattern the regex crate reads.
        assert_eq!(build("(a"), None);
    }
}
