//! The single-pass validator: it scans the JSON text and walks the generated schema tables at the same
//! time, so a document is read once, strings are borrowed rather than copied, and a finding knows its byte
//! offset.
//!
//! Recursion follows the schema, which is a few levels deep; anything the schema does not describe (an
//! unknown member, a value of the wrong type) is skipped by the scanner, iteratively and with a bounded
//! nesting depth, so hostile nesting cannot overflow the stack. Past the report's limit a finding costs a
//! counter increment: no pointer, no rendering, no suggestion.

use std::borrow::Cow;

use crate::detect;
use crate::generated::kinds::{DETECTABLE, TOP_LEVEL_MEMBERS};
use crate::generated::roles::Role;
use crate::generated::tables::NODES;
use crate::kind::DocumentKind;
use crate::level::Level;
use crate::names::UnknownNames;
use crate::numbers::{fits_decimal, fits_i64, is_integral};
use crate::path::{Segment, WalkPath};
use crate::pointer::JsonPointer;
use crate::report::{ErrorKind, JsonType, shorten, shown_value};
use crate::rules::{Checker, RuleId, Written, spelling};
use crate::scan::{MAX_DEPTH, Result, Scanner, Start};
use crate::schema::{Node, NodeId, ObjectNode, StringNode, same_bytes};
use crate::suggest::closest;

/// A finding before its line and column are known.
#[derive(Debug)]
pub(crate) struct RawFinding {
    pub pointer: JsonPointer,
    pub kind: ErrorKind,
    pub found: Option<String>,
    pub offset: usize,
    pub level: Level,
    /// For a duplicate member: where its first occurrence starts (its line and column go into the kind).
    pub first: Option<usize>,
    /// For a pattern finding: the schema's example of a value that matches ([`Finding::example`]).
    ///
    /// [`Finding::example`]: crate::report::Finding::example
    pub example: Option<&'static str>,
}

/// What the walk needs from its caller.
pub(crate) struct Settings {
    /// The level of a value outside an open enum's known values; `None` when the rule is off.
    pub known_values: Option<Level>,
    /// Whether to collect the facts the rules need.
    pub collect_facts: bool,
    /// The most findings kept; the rest are counted.
    pub max_findings: usize,
    /// The level of an unknown member: an error, except in a document the partner receives (the
    /// `received-unknown-member` rule's level there, `None` when it is off).
    pub unknown_member: Option<Level>,
    /// Whether an unknown member is the `received-unknown-member` rule's finding rather than the schema's.
    pub received: bool,
}

/// A member name longer than this gets no "did you mean": no known member is anywhere near as long, and
/// comparing costs its length.
const SUGGEST_LIMIT: usize = 64;

pub(crate) struct Walker<'a> {
    scan: Scanner<'a>,
    path: WalkPath,
    settings: &'a Settings,
    pub findings: Vec<RawFinding>,
    pub omitted: usize,
    /// The rules, fed the values they need during the walk; `None` when every rule is off.
    pub checker: Option<Checker<'a, 'a>>,
    /// Whether the member being walked leaves its known values' spelling check to the rules (a state name,
    /// checked only for a party in India).
    spelt_by_rules: bool,
    /// Where the members of the objects being walked start, one slot per member of each (see `object`).
    keys: Vec<usize>,
    /// How many errors and warnings `findings` holds.
    kept_errors: usize,
    kept_warnings: usize,
    /// The last unknown members' suggestions, by object and name: a document that misspells a member
    /// usually misspells it in every item, and each item would otherwise compare it with every member.
    suggested: Vec<(*const ObjectNode, Box<str>, Option<&'static str>)>,
    /// How many objects the walk has entered, and the number of the one being walked (0 outside every
    /// object): a fact's object, which tells the rules cheaply whether two facts share it.
    objects: u32,
    object: u32,
}

/// Where a root object's walk resumes after [`Walker::run_detecting`] has decided the kind: where the
/// object opened, the object number outside it, the members already walked (bits of the kind's root), the
/// object's first slot in `keys`, and the deciding member (its index among the root's members and where
/// its name starts; the scanner stands after its colon).
#[derive(Clone, Copy)]
struct Resume {
    open: usize,
    outer: u32,
    seen: u64,
    base: usize,
    member: usize,
    key: usize,
}

/// The kind [`Walker::run_detecting`] decided.
pub(crate) enum Detected {
    /// Walked as the kind's: the walk's verdict.
    Walked(DocumentKind, Result<()>),
    /// Members before the deciding one were walked as other kinds read them: the document is to be walked
    /// again as this kind's.
    Again(DocumentKind),
}

/// How many unknown members' suggestions [`Walker::suggest`] remembers.
const SUGGESTED: usize = 8;

impl JsonType {
    fn of(start: Start) -> Self {
        match start {
            Start::Object => JsonType::Object,
            Start::Array => JsonType::Array,
            Start::String => JsonType::String,
            Start::Boolean => JsonType::Boolean,
            Start::Null => JsonType::Null,
            Start::Number => JsonType::Number,
        }
    }
}

impl<'a> Walker<'a> {
    // Inlined, so that the walker (its checker's place included) is made where the caller keeps it, not
    // copied there.
    #[inline(always)]
    pub(crate) fn new(text: &'a str, settings: &'a Settings) -> Self {
        Walker {
            scan: Scanner::new(text),
            path: WalkPath::new(),
            settings,
            findings: Vec::new(),
            omitted: 0,
            checker: None,
            spelt_by_rules: false,
            keys: Vec::with_capacity(64),
            kept_errors: 0,
            kept_warnings: 0,
            suggested: Vec::new(),
            objects: 0,
            object: 0,
        }
    }

    /// Validates the whole text against a root schema node.
    pub(crate) fn run(&mut self, root: NodeId) -> Result<()> {
        self.scan.ws();
        if self.scan.pos == self.scan.src.len() {
            return Err(self.scan.err("the text is empty: expected a JSON object"));
        }
        // The root object is walked by the code the detecting pass resumes (`root_walk`), so that both
        // paths run the same machine code for it.
        match &NODES[root] {
            Node::Object(object) if self.scan.peek() == Some(b'{') => {
                self.root_walk(object, None)?
            }
            _ => self.value(root, 0)?,
        }
        self.scan.end()
    }

    /// The root object's walk, from its opening brace or from where [`Walker::run_detecting`] decided the
    /// kind: one out-of-line copy of the object walk that both callers share.
    #[inline(never)]
    fn root_walk(&mut self, object: &'static ObjectNode, resume: Option<Resume>) -> Result<()> {
        self.object_walk(object, 0, resume)
    }

    /// Validates the whole text as the document its top-level members name, deciding the kind in the same
    /// pass: the members before the one that decides are walked as they stand, under the schema node every
    /// kind still possible gives them, and the rest of the root as the decided kind's. The findings, facts
    /// and verdict are those of [`Walker::run`] with the decided kind, which the kind's members before
    /// the deciding one have already had.
    ///
    /// A member before the deciding one that the kinds still possible read differently is walked as most
    /// of them read it: should the kind decided be one of the others, the walk is of no use, and the kind
    /// is [`Detected::Again`], to be walked again as its.
    ///
    /// `None` when the pass cannot decide as it goes (the text is not an object, a member before the
    /// deciding one is unknown to some kind still possible or repeated, a member that kinds sent and
    /// received share holds a finding, the text ends or breaks before a member decides): the walk is then
    /// of no use, and the caller tells the kind, or why there is none, as it would without this pass.
    /// `received` is the settings of a kind the partner receives (the walker's own are a sent kind's); the
    /// rules learn the kind once it is decided.
    #[inline(never)]
    pub(crate) fn run_detecting(&mut self, received: &'a Settings) -> Option<Detected> {
        self.scan.ws();
        if self.scan.peek() != Some(b'{') {
            return None;
        }
        let open = self.scan.pos;
        self.scan.pos += 1;
        self.objects = self.objects.wrapping_add(1);
        let outer = std::mem::replace(&mut self.object, self.objects);
        let base = self.keys.len();
        let mut candidates = DETECTABLE;
        // The kinds the members walked so far were read as: the candidates, but for those that read one of
        // them otherwise than most (a change of status's b2bIds, beside every sent request's). Should the
        // kind turn out to be one of those, the document is walked again as that kind's.
        let mut assumed = DETECTABLE;
        // The members walked before the decision: their index in `TOP_LEVEL_MEMBERS` and where their names
        // start (each at most once: a repeated one ends the pass).
        let mut taken = [(0usize, 0usize); detect::SHARED];
        let mut walked = 0;
        let mut members = 0u64;
        loop {
            self.scan.ws();
            let key_start = self.scan.pos;
            // A name written any other way than plainly (an escape) ends the pass, as an unknown one does.
            let member = detect::member_at(self.scan.src, key_start)?;
            self.scan.pos += TOP_LEVEL_MEMBERS[member].0.len() + 2;
            self.scan.colon().ok()?;
            let kinds = TOP_LEVEL_MEMBERS[member].1;
            if candidates & kinds == 0 || members & (1 << member) != 0 {
                return None;
            }
            members |= 1 << member;
            candidates &= kinds;
            assumed &= kinds;
            if candidates.count_ones() == 1 {
                let kind = DocumentKind::ALL[candidates.trailing_zeros() as usize];
                if assumed & candidates == 0 {
                    return Some(Detected::Again(kind));
                }
                let Node::Object(root) = &NODES[kind.root()] else {
                    return None;
                };
                // The root's slots in `keys` (a handful: pushed, which costs less here than a call to
                // `resize`).
                for _ in 0..root.props.len() {
                    self.keys.push(0);
                }
                let mut seen = 0u64;
                for &(member, at) in &taken[..walked] {
                    let index = detect::root_index(kind, member)?;
                    seen |= 1 << index;
                    *self.keys.get_mut(base + index)? = at;
                }
                let member = detect::root_index(kind, member)?;
                if kind.is_received() {
                    self.settings = received;
                }
                if let Some(checker) = &mut self.checker {
                    checker.set_kind(kind);
                }
                // The root object's ordinary walk, as the decided kind's, from the deciding member's value
                // on (its name and colon are read).
                let resume = Resume {
                    open,
                    outer,
                    seen,
                    base,
                    member,
                    key: key_start,
                };
                let result = self
                    .root_walk(root, Some(resume))
                    .and_then(|()| self.scan.end());
                return Some(Detected::Walked(kind, result));
            }
            // Not decided yet: the member is walked as most of the kinds assumed read it (all of them, but
            // where they read it differently).
            let (alike, shared) = detect::reading(member, assumed)?;
            assumed = alike;
            // Kinds the partner sends and kinds it receives differ only on an unknown member: walked as
            // the former's, a member that turns out to hold one (or any finding) ends the pass.
            let all_received = assumed & detect::RECEIVED == assumed;
            let mixed = !all_received && assumed & detect::RECEIVED != 0;
            if all_received {
                self.settings = received;
            }
            let before = self.findings.len() + self.omitted;
            self.path.push(Segment::Member(shared.id));
            self.scan.ws();
            let value_start = self.scan.pos;
            self.value(shared.node, 1).ok()?;
            if let Some(role) = shared.role
                && self.checker.is_some()
            {
                self.fact(role, TOP_LEVEL_MEMBERS[member].0, value_start);
            }
            self.path.pop();
            if mixed && self.findings.len() + self.omitted != before {
                return None;
            }
            *taken.get_mut(walked)? = (member, key_start);
            walked += 1;
            self.scan.ws();
            match self.scan.peek() {
                Some(b',') => self.scan.pos += 1,
                _ => return None,
            }
        }
    }

    fn value(&mut self, node: NodeId, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(self
                .scan
                .err(&format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        // The caller has skipped the blanks before the value (it needed the value's offset, or had just
        // skipped them to look for the end of an array).
        match &NODES[node] {
            Node::Object(object) => {
                if self.scan.peek() == Some(b'{') {
                    self.object(object, depth)
                } else {
                    self.mismatch(JsonType::Object, depth)
                }
            }
            Node::Array { items } => {
                if self.scan.peek() == Some(b'[') {
                    self.array(*items, depth)
                } else {
                    self.mismatch(JsonType::Array, depth)
                }
            }
            Node::String(string) => {
                if self.scan.peek() == Some(b'"') {
                    self.string_value(string)
                } else {
                    self.mismatch(JsonType::String, depth)
                }
            }
            Node::Integer => self.number_value(true, depth),
            Node::Number => self.number_value(false, depth),
        }
    }

    fn mismatch(&mut self, expected: JsonType, depth: usize) -> Result<()> {
        let start = self.scan.pos;
        let found = JsonType::of(self.scan.start()?);
        self.scan.skip_value(depth)?;
        let end = self.scan.pos;
        self.report(start, Level::Error, |walker| {
            let text = &walker.scan.text[start..end];
            let found = if found == JsonType::Number && is_integral(text) {
                JsonType::Integer
            } else {
                found
            };
            (
                walker.pointer(),
                ErrorKind::Type { expected, found },
                shown_value(found, text),
            )
        });
        Ok(())
    }

    #[inline(always)]
    fn object(&mut self, object: &'static ObjectNode, depth: usize) -> Result<()> {
        self.object_walk(object, depth, None)
    }

    /// An object's walk, from its opening brace or, for a root whose kind [`Walker::run_detecting`] has
    /// just decided, from the deciding member's value (`resume`). Inlined in its two callers: in
    /// [`Walker::object`], for every object below the root, where `resume` is `None` and the compiler
    /// removes its tests, and in [`Walker::root_walk`], the root's one copy, which the given-kind walk and
    /// the detecting pass share.
    #[inline(always)]
    fn object_walk(
        &mut self,
        object: &'static ObjectNode,
        depth: usize,
        resume: Option<Resume>,
    ) -> Result<()> {
        // The member whose name (and colon) is already read, and where that name starts.
        let mut pending = None;
        let (open, outer, mut seen, base, mut next) = if let Some(r) = resume {
            pending = Some((r.member, r.key));
            (r.open, r.outer, r.seen, r.base, r.member)
        } else {
            let open = self.scan.pos;
            self.scan.pos += 1;
            // Numbered in the order entered; a walk that ends at an error does not need the outer number
            // back.
            self.objects = self.objects.wrapping_add(1);
            let outer = std::mem::replace(&mut self.object, self.objects);
            // Where each member's name starts, for a duplicate's report: kept as the walk goes, so a
            // duplicate costs no second reading of the object. One slot per member of this object, on a
            // stack shared by the objects being walked (no allocation once it has grown, no clearing of
            // unused slots).
            let base = self.keys.len();
            self.keys.resize(base + object.props.len(), 0);
            (open, outer, 0u64, base, 0)
        };
        // The names of the members the schema does not declare, made at the first such member.
        let mut unknown: Option<Box<UnknownNames>> = None;
        self.scan.ws();
        if pending.is_none() && self.scan.peek() == Some(b'}') {
            self.scan.pos += 1;
        } else {
            loop {
                self.scan.ws();
                // Most names are one of the object's members written plainly: compared in place, they cost
                // neither a scan for the closing quote nor a second comparison. Anything else (an unknown
                // or escaped name) is scanned, decoded and looked up.
                let mut key_start = self.scan.pos;
                let (found, name, raw) = if let Some((index, key)) = pending.take() {
                    key_start = key;
                    (Some(index), Cow::Borrowed(""), "")
                } else {
                    match object.find_in_place(self.scan.src, key_start, next) {
                        Some(index) => {
                            self.scan.pos += object.props[index].name.len() + 2;
                            self.scan.colon()?;
                            (Some(index), Cow::Borrowed(""), "")
                        }
                        None => {
                            let key = self.scan.key()?;
                            let name = self.scan.decode(&key)?;
                            (object.find(name.as_bytes()), name, key.raw)
                        }
                    }
                };
                match found {
                    Some(index) if seen & (1 << index) != 0 => {
                        let member = object.props[index].name;
                        let first = self.keys[base + index];
                        self.report_with(key_start, Level::Error, Some(first), None, |walker| {
                            let mut pointer = walker.pointer();
                            pointer.push_member(member);
                            let kind = ErrorKind::DuplicateMember {
                                member: member.to_owned(),
                                first_line: 0,
                                first_column: 0,
                            };
                            (pointer, kind, None)
                        });
                        self.scan.skip_value(depth + 1)?;
                    }
                    Some(index) => {
                        seen |= 1 << index;
                        self.keys[base + index] = key_start;
                        next = index + 1;
                        let prop = &object.props[index];
                        self.path.push(Segment::Member(prop.id));
                        // A fact's offset is its value's first byte, not the blank after the colon.
                        self.scan.ws();
                        let value_start = self.scan.pos;
                        // A state name's spelling is checked only for a party in India: the rules do it.
                        self.spelt_by_rules = prop.role == Some(Role::AddressState);
                        // A member's string or number is read here: a call to `value`, which has a large
                        // frame for objects and arrays, would cost a scalar more than its reading.
                        match (&NODES[prop.node], self.scan.peek()) {
                            (Node::String(string), Some(b'"')) => self.string_value(string)?,
                            (Node::Number, Some(b'-' | b'0'..=b'9')) => {
                                self.number_value(false, depth + 1)?;
                            }
                            (Node::Integer, Some(b'-' | b'0'..=b'9')) => {
                                self.number_value(true, depth + 1)?;
                            }
                            _ => self.value(prop.node, depth + 1)?,
                        }
                        self.spelt_by_rules = false;
                        if let Some(role) = prop.role
                            && self.checker.is_some()
                        {
                            self.fact(role, prop.name, value_start);
                        }
                        self.path.pop();
                    }
                    None => {
                        // An undeclared member given twice is a duplicate like a declared one, whether
                        // or not undeclared members are allowed here.
                        let first = unknown
                            .get_or_insert_with(|| Box::new(UnknownNames::new()))
                            .first(self.scan.text, key_start, raw);
                        if let Some(first) = first {
                            self.report_with(
                                key_start,
                                Level::Error,
                                Some(first),
                                None,
                                |walker| {
                                    let member = shorten_name(&name);
                                    let mut pointer = walker.pointer();
                                    pointer.push_member(&member);
                                    let kind = ErrorKind::DuplicateMember {
                                        member,
                                        first_line: 0,
                                        first_column: 0,
                                    };
                                    (pointer, kind, None)
                                },
                            );
                        } else if let Some(level) = self.settings.unknown_member {
                            self.report(key_start, level, |walker| {
                                let suggestion = walker.suggest(object, &name);
                                if !walker.settings.received {
                                    let kind = ErrorKind::AdditionalProperties {
                                        member: shorten_name(&name),
                                        suggestion,
                                    };
                                    return (walker.pointer(), kind, None);
                                }
                                let shown = shorten(&serde_json::to_string(&*name).unwrap_or_default());
                                let hint = suggestion
                                    .map(|known| format!(" (did you mean \"{known}\"?)"))
                                    .unwrap_or_default();
                                let rule = RuleId::ReceivedUnknownMember;
                                let kind = ErrorKind::Rule {
                                    rule,
                                    summary: rule.rule().summary,
                                    message: format!(
                                        "unknown member {shown}{hint}: the schema does not know it, but a \
                                         document received from the platform may carry members added since"
                                    ),
                                };
                                (walker.pointer(), kind, Some(shown))
                            });
                        }
                        self.scan.skip_value(depth + 1)?;
                    }
                }
                self.scan.ws();
                match self.scan.peek() {
                    Some(b',') => self.scan.pos += 1,
                    Some(b'}') => {
                        self.scan.pos += 1;
                        break;
                    }
                    _ => {
                        return Err(self.scan.unexpected("',' or '}' after an object member"));
                    }
                }
            }
        }
        self.keys.truncate(base);
        self.object = outer;
        let mut missing = object.required & !seen;
        while missing != 0 {
            let index = missing.trailing_zeros() as usize;
            missing &= missing - 1;
            let member = object.props[index].name;
            self.report(open, Level::Error, |walker| {
                (walker.pointer(), ErrorKind::Required { member }, None)
            });
        }
        Ok(())
    }

    fn array(&mut self, items: NodeId, depth: usize) -> Result<()> {
        self.scan.pos += 1;
        self.scan.ws();
        if self.scan.peek() == Some(b']') {
            self.scan.pos += 1;
            return Ok(());
        }
        let mut index = 0;
        loop {
            self.path
                .push(Segment::Index(u32::try_from(index).unwrap_or(u32::MAX)));
            self.value(items, depth + 1)?;
            self.path.pop();
            self.scan.ws();
            match self.scan.peek() {
                Some(b',') => {
                    self.scan.pos += 1;
                    self.scan.ws();
                }
                Some(b']') => {
                    self.scan.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.scan.unexpected("',' or ']' after an array element")),
            }
            index += 1;
        }
    }

    fn string_value(&mut self, node: &'static StringNode) -> Result<()> {
        let token = self.scan.string()?;
        // The spelling check reads the value only while its rule is on and no rule spells the member.
        let spelt =
            node.known.is_some() && self.settings.known_values.is_some() && !self.spelt_by_rules;
        let checked =
            node.pattern.is_some() || node.enumeration.is_some() || spelt || node.format.is_some();
        if !checked && !token.escaped {
            return Ok(());
        }
        let (start, end) = (token.start, token.end);
        let found = move |walker: &Self| Some(shorten(&walker.scan.text[start..end]));
        // An escaped string is checked for escapes no Rust string can hold (lone surrogates), as serde
        // would, without a copy; it is decoded only for a check that reads it, and no further than the
        // longest value that check accepts (issue 28: one escape in a 400 MB string must not copy it).
        if token.escaped {
            if let Err(surrogate) = crate::scan::check_escapes(token.raw) {
                return Err(surrogate.error(start));
            }
            if !checked {
                return Ok(());
            }
            if let Some(longest) = longest_accepted(node)
                && crate::scan::unescaped(token.raw).nth(longest).is_some()
            {
                let kind = match (node.pattern, node.enumeration) {
                    (Some(pattern), _) => ErrorKind::Pattern {
                        pattern: pattern.source,
                    },
                    (None, Some(options)) => ErrorKind::Enum { options },
                    (None, None) => return Ok(()),
                };
                let example = node.pattern.and_then(|pattern| pattern.example);
                self.report_with(start, Level::Error, None, example, |walker| {
                    (walker.pointer(), kind, found(walker))
                });
                return Ok(());
            }
        }
        let value = if token.escaped {
            self.scan.decode(&token)?
        } else {
            Cow::Borrowed(token.raw)
        };
        if let Some(pattern) = node.pattern
            && !pattern.is_match_string(&value, token.escaped)
        {
            let (source, example) = (pattern.source, pattern.example);
            self.report_with(start, Level::Error, None, example, |walker| {
                (
                    walker.pointer(),
                    ErrorKind::Pattern { pattern: source },
                    found(walker),
                )
            });
            return Ok(());
        }
        if let Some(options) = node.enumeration
            && !options
                .iter()
                .any(|o| same_bytes(o.as_bytes(), value.as_bytes()))
        {
            self.report(start, Level::Error, |walker| {
                (walker.pointer(), ErrorKind::Enum { options }, found(walker))
            });
            return Ok(());
        }
        if let Some(format) = node.format
            && !bc_invoice_types::is_date_time(&value)
        {
            let format = format.as_str();
            self.report(start, Level::Error, |walker| {
                (
                    walker.pointer(),
                    ErrorKind::Format { format },
                    found(walker),
                )
            });
            return Ok(());
        }
        // The spelling check: a value equal to a known one costs one comparison per known value; only
        // another value is measured against them.
        if spelt
            && let (Some(known), Some(level)) = (node.known, self.settings.known_values)
            && !known
                .iter()
                .any(|k| same_bytes(k.as_bytes(), value.as_bytes()))
            && let Some(meant) = spelling::near_miss(&value, known)
        {
            self.report(start, level, |walker| {
                let shown = shorten(&walker.scan.text[start..end]);
                let message = spelling::did_you_mean(&shown, meant);
                let kind = ErrorKind::Rule {
                    rule: RuleId::KnownValues,
                    summary: RuleId::KnownValues.rule().summary,
                    message,
                };
                (walker.pointer(), kind, Some(shown))
            });
        }
        Ok(())
    }

    fn number_value(&mut self, integer: bool, depth: usize) -> Result<()> {
        if !matches!(self.scan.peek(), Some(b'-' | b'0'..=b'9')) {
            let expected = if integer {
                JsonType::Integer
            } else {
                JsonType::Number
            };
            return self.mismatch(expected, depth);
        }
        let token = self.scan.number()?;
        let text = &self.scan.text[token.start..token.end];
        let kind = if integer {
            if !token.plain && !is_integral(text) {
                Some(ErrorKind::Type {
                    expected: JsonType::Integer,
                    found: JsonType::Number,
                })
            // Eighteen characters without a fraction or exponent hold at most 18 digits: always an i64.
            } else if !((token.plain && text.len() <= 18) || fits_i64(text)) {
                Some(ErrorKind::Range {
                    limit: "beyond the 64-bit integers (i64) the typed documents use",
                })
            } else {
                None
            }
        } else if (!token.exponent && text.len() <= 28) || fits_decimal(text) {
            // Up to 28 characters without an exponent hold at most 28 digits: always exact.
            None
        } else {
            Some(ErrorKind::Range {
                limit: "no exact decimal holds it (its digits, read as one whole number, must be below \
                        2^96, about 7.9 × 10^28, with at most 28 of them after the point), so it would be \
                        rounded",
            })
        };
        if let Some(kind) = kind {
            let start = token.start;
            self.report(start, Level::Error, |walker| {
                (walker.pointer(), kind, Some(shorten(text)))
            });
        }
        Ok(())
    }

    /// Hands the value just walked to the rules, if it is a string or a number.
    fn fact(&mut self, role: Role, member: &'static str, value_start: usize) {
        let raw = &self.scan.text[value_start..self.scan.pos];
        if !matches!(raw.as_bytes().first(), Some(b'"' | b'-' | b'0'..=b'9')) {
            return;
        }
        let written = Written::new(raw, self.scan.escaped);
        if let (Some(checker), Some(path)) = (&mut self.checker, self.path.fact_path()) {
            checker.add(role, member, written, value_start, path, self.object);
        }
    }

    // ---- findings ----------------------------------------------------------------------------------

    /// The member of `object` an unknown member `name` most likely misspells (see [`closest`]),
    /// remembered for the next time the same name turns up in an object of the same schema.
    fn suggest(&mut self, object: &'static ObjectNode, name: &str) -> Option<&'static str> {
        if name.len() > SUGGEST_LIMIT {
            return None;
        }
        let key: *const ObjectNode = object;
        if let Some((_, _, known)) = self
            .suggested
            .iter()
            .find(|(node, seen, _)| *node == key && **seen == *name)
        {
            return *known;
        }
        let known = closest(name, object.props.iter().map(|p| p.name));
        if self.suggested.len() == SUGGESTED {
            self.suggested.remove(0);
        }
        self.suggested.push((key, name.into(), known));
        known
    }

    fn pointer(&self) -> JsonPointer {
        self.path.pointer()
    }

    /// Records a finding, building it only while the report has room: past the limit it is counted, and
    /// costs nothing else.
    fn report(
        &mut self,
        offset: usize,
        level: Level,
        make: impl FnOnce(&mut Self) -> (JsonPointer, ErrorKind, Option<String>),
    ) {
        self.report_with(offset, level, None, None, make);
    }

    /// [`Walker::report`], with a duplicate member's first occurrence or a pattern's example.
    fn report_with(
        &mut self,
        offset: usize,
        level: Level,
        first: Option<usize>,
        example: Option<&'static str>,
        make: impl FnOnce(&mut Self) -> (JsonPointer, ErrorKind, Option<String>),
    ) {
        // Errors and warnings are limited apart, so that warnings early in a document cannot crowd out a
        // later error: the report keeps errors first (see `Validator::finish`).
        let kept = if level == Level::Error {
            &mut self.kept_errors
        } else {
            &mut self.kept_warnings
        };
        if *kept >= self.settings.max_findings {
            self.omitted += 1;
            return;
        }
        *kept += 1;
        let (pointer, kind, found) = make(self);
        self.findings.push(RawFinding {
            pointer,
            kind,
            found,
            offset,
            level,
            first,
            example,
        });
    }
}

/// The most characters a value of `node` can have and pass its pattern (a sequence of classes with upper
/// bounds) or, without one, its enumeration; `None` when no check bounds it.
pub(crate) fn longest_accepted(node: &StringNode) -> Option<usize> {
    match (node.pattern, node.enumeration) {
        (Some(pattern), _) => match pattern.matcher {
            crate::pattern::Matcher::Classes(steps) => steps
                .iter()
                .map(|step| (step.max != u32::MAX).then_some(step.max as usize))
                .sum(),
            crate::pattern::Matcher::Dfa(_) | crate::pattern::Matcher::Regex(_) => None,
        },
        (None, Some(options)) => options.iter().map(|o| o.chars().count()).max(),
        (None, None) => None,
    }
}

/// An unknown member's name as a finding keeps it: cut like a found value, so a megabyte-long name costs
/// the report no more than a short one.
fn shorten_name(name: &str) -> String {
    match name.char_indices().nth(crate::report::FOUND_LIMIT) {
        None => name.to_owned(),
        Some((at, _)) => format!("{}…", &name[..at]),
    }
}
