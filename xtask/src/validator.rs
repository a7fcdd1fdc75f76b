//! The validator's share of `cargo xtask gen`: everything `bc-invoice-validate` knows of the schema, as
//! Rust source under `crates/bc-invoice-validate/src/generated/`.
//!
//! - `tables.rs`: the compiled schema as static tables in schema order: one node per subschema (shared
//!   `$defs` once), each object's members with their required set and the rules' roles (`x-role`), each
//!   string's pattern (as direct class steps where greedy matching is exact, else as the tables of a
//!   minimal byte DFA of the pattern's search built by [`crate::dfa`], else, over
//!   [`crate::dfa::STATE_LIMIT`] states, the `regex` crate), enum, known values and format, and the root
//!   node of every document kind.
//! - `kinds.rs`: the `DocumentKind` enum from the roots' `x-document` annotations (ids, titles, endpoints,
//!   schema files, root types) and the table that detection reads (which kinds each top-level member
//!   belongs to).
//! - `dispatch.rs`: `Document` for every root type, and `AnyDocument`, a document of any kind.
//!
//! The validator compiles nothing at start-up and has no schema reader of its own: what it cannot handle,
//! this generator refuses, naming the schema path.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, format_ident, quote};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

use crate::emit::{HEADER, doc_attrs, root_type_name, unparse};
use crate::model::{DefRef, DocumentDecl, Error, Format, Kind, Node, Object, Schema, StringKind};
use crate::naming::pascal_case;

/// The generated files of the validator crate, as `(path relative to the workspace root, contents)`.
pub fn emit(schema: &Schema) -> Result<Vec<(String, String)>, Error> {
    let kinds = kinds(schema)?;
    let mut tables = Tables::new(schema);
    let mut roots = Vec::new();
    for kind in &kinds {
        roots.push(tables.root(kind.root)?);
    }
    Ok(vec![
        (
            "crates/bc-invoice-validate/src/generated/tables.rs".to_owned(),
            tables.source(&roots)?,
        ),
        (
            "crates/bc-invoice-validate/src/generated/roles.rs".to_owned(),
            tables.roles_source()?,
        ),
        (
            "crates/bc-invoice-validate/src/generated/kinds.rs".to_owned(),
            kinds_source(&kinds)?,
        ),
        (
            "crates/bc-invoice-validate/src/generated/dispatch.rs".to_owned(),
            dispatch_source(&kinds)?,
        ),
    ])
}

/// A document kind: a root file and its `x-document`.
pub(crate) struct DocumentKind<'a> {
    pub(crate) decl: &'a DocumentDecl,
    pub(crate) file: &'a str,
    pub(crate) title: Option<&'a str>,
    pub(crate) description: Option<&'a str>,
    pub(crate) root: &'a Node,
    pub(crate) root_type: String,
    pub(crate) variant: String,
}

/// Every document kind, in schema file order.
pub(crate) fn kinds(schema: &Schema) -> Result<Vec<DocumentKind<'_>>, Error> {
    let mut kinds = Vec::new();
    for file in &schema.files {
        let (Some(root), Some(decl)) = (&file.root, &file.document) else {
            continue;
        };
        let at = format!("{}#/x-document/kind", file.name);
        let variant = pascal_case(&decl.kind)
            .ok_or_else(|| Error::new(&at, "cannot make a Rust variant name of the kind"))?;
        let root_type = root_type_name(&file.name)
            .ok_or_else(|| Error::new(format!("{}#", file.name), "cannot make a Rust type name"))?;
        kinds.push(DocumentKind {
            decl,
            file: &file.name,
            title: file.title.as_deref(),
            description: root.description.as_deref(),
            root,
            root_type,
            variant,
        });
    }
    if kinds.len() > 64 {
        return Err(Error::new(
            "schema/",
            "more than 64 document kinds: detection keeps a kind set in a u64",
        ));
    }
    Ok(kinds)
}

// ---- tables ----------------------------------------------------------------------------------------------

struct Tables<'a> {
    schema: &'a Schema,
    /// Each node's Rust expression, by id; `None` while a `$defs` entry is being compiled.
    nodes: Vec<Option<TokenStream>>,
    defs: BTreeMap<DefRef, usize>,
    /// The shared nodes of `integer`, `number` and plain `string`.
    primitives: BTreeMap<&'static str, usize>,
    /// Every member's name, by its id.
    names: Vec<String>,
    /// The patterns the direct matcher cannot take, with their DFAs, in first-use order.
    dfas: Vec<(String, crate::dfa::Tables)>,
    /// The patterns neither the direct matcher nor a DFA of at most [`crate::dfa::STATE_LIMIT`] states
    /// can take, in first-use order.
    regexes: Vec<String>,
    /// Every `x-role`, with the members that have it (`object.member`).
    roles: BTreeMap<String, Vec<String>>,
    /// The first value of every object's `after` slots (`ObjectNode::after`), object after object.
    after: Vec<u8>,
}

impl<'a> Tables<'a> {
    fn new(schema: &'a Schema) -> Self {
        Tables {
            schema,
            nodes: Vec::new(),
            defs: BTreeMap::new(),
            primitives: BTreeMap::new(),
            names: Vec::new(),
            dfas: Vec::new(),
            regexes: Vec::new(),
            roles: BTreeMap::new(),
            after: Vec::new(),
        }
    }

    fn root(&mut self, root: &Node) -> Result<usize, Error> {
        self.node(root)
    }

    fn push(&mut self, node: Option<TokenStream>) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    fn node(&mut self, node: &Node) -> Result<usize, Error> {
        match &node.kind {
            Kind::Ref(target) => {
                if let Some(&id) = self.defs.get(target) {
                    return Ok(id);
                }
                let id = self.push(None);
                self.defs.insert(target.clone(), id);
                let def = self
                    .schema
                    .resolve(target)
                    .ok_or_else(|| Error::new(&node.path, "$ref does not resolve"))?;
                let tokens = self.expression(def)?;
                self.nodes[id] = Some(tokens);
                Ok(id)
            }
            Kind::Integer | Kind::Number | Kind::String(StringKind::Plain) => {
                let key = match node.kind {
                    Kind::Integer => "integer",
                    Kind::Number => "number",
                    _ => "string",
                };
                if let Some(&id) = self.primitives.get(key) {
                    return Ok(id);
                }
                let tokens = self.expression(node)?;
                let id = self.push(Some(tokens));
                self.primitives.insert(key, id);
                Ok(id)
            }
            _ => {
                let tokens = self.expression(node)?;
                Ok(self.push(Some(tokens)))
            }
        }
    }

    /// The `s::Node` expression of a node that is not a `$ref`.
    fn expression(&mut self, node: &Node) -> Result<TokenStream, Error> {
        Ok(match &node.kind {
            Kind::Object(object) => self.object(node, object)?,
            Kind::Array(items) => {
                if items.role.is_some() {
                    return Err(Error::new(
                        &items.path,
                        "\"x-role\" on array items is unsupported: put it on the member",
                    ));
                }
                let items = Literal::usize_unsuffixed(self.node(items)?);
                quote!(s::Node::Array { items: #items })
            }
            Kind::Integer => quote!(s::Node::Integer),
            Kind::Number => quote!(s::Node::Number),
            Kind::String(string) => {
                let string = self.string(node, string)?;
                quote!(s::Node::String(#string))
            }
            Kind::Ref(_) => unreachable!("references are resolved by `node`"),
        })
    }

    fn object(&mut self, node: &Node, object: &Object) -> Result<TokenStream, Error> {
        if object.properties.len() > 64 {
            return Err(Error::new(
                &node.path,
                "more than 64 properties: the validator keeps an object's members in a u64",
            ));
        }
        let mut required = 0u64;
        let mut props = Vec::new();
        for (index, property) in object.properties.iter().enumerate() {
            if property.required {
                required |= 1 << index;
            }
            let child = self.node(&property.node)?;
            let id = u32::try_from(self.names.len())
                .map_err(|_| Error::new(&node.path, "too many members"))?;
            self.names.push(property.name.clone());
            let role = match &property.node.role {
                None => quote!(None),
                Some(role) => {
                    let owner = node.path.rsplit('/').next().unwrap_or_default();
                    let owner = if owner.ends_with('#') {
                        "(root)"
                    } else {
                        owner
                    };
                    let members = self.roles.entry(role.clone()).or_default();
                    let member = format!("{owner}.{}", property.name);
                    if !members.contains(&member) {
                        members.push(member);
                    }
                    let variant = pascal_case(role).ok_or_else(|| {
                        Error::new(
                            &property.node.path,
                            "cannot make a Rust variant of the role",
                        )
                    })?;
                    let variant = format_ident!("{variant}");
                    quote!(Some(Role::#variant))
                }
            };
            let name = &property.name;
            let (id, child) = (
                Literal::u32_unsuffixed(id),
                Literal::usize_unsuffixed(child),
            );
            props.push(quote!(s::Prop { name: #name, id: #id, node: #child, role: #role }));
        }
        let required = Literal::u64_unsuffixed(required);
        let names: Vec<&str> = object.properties.iter().map(|p| p.name.as_str()).collect();
        let (buckets, chain) = member_buckets(&names);
        let buckets = buckets.iter().map(|&b| Literal::u8_unsuffixed(b));
        let chain = chain.iter().map(|&n| Literal::u8_unsuffixed(n));
        // The order learnt starts as the schema's: slot `k` (after member `k - 1`, or first) holds `k`.
        let base = Literal::usize_unsuffixed(self.after.len());
        let slots = Literal::usize_unsuffixed(names.len() + 1);
        // At most 64 members (checked above): every slot's index fits a byte.
        let count =
            u8::try_from(names.len()).map_err(|_| Error::new(&node.path, "too many members"))?;
        self.after.extend(0..=count);
        Ok(quote!(s::Node::Object(s::ObjectNode {
            props: &[#(#props),*],
            required: #required,
            buckets: [#(#buckets),*],
            chain: &[#(#chain),*],
            after: AFTER.split_at(#base).1.split_at(#slots).0,
        })))
    }

    fn string(&mut self, node: &Node, string: &StringKind) -> Result<TokenStream, Error> {
        let (mut pattern, mut format, mut enumeration, mut known) =
            (quote!(None), quote!(None), quote!(None), quote!(None));
        match string {
            StringKind::Plain => {}
            StringKind::Constrained {
                pattern: source,
                format: f,
            } => {
                if let Some(source) = source {
                    let (matcher, counts) = self.matcher(node, source)?;
                    let example = match pattern_example(node, source)? {
                        Some(example) => quote!(Some(#example)),
                        None => quote!(None),
                    };
                    pattern = quote!(Some(&s::Pattern {
                        source: #source,
                        matcher: #matcher,
                        counts_unescaped: #counts,
                        example: #example,
                    }));
                }
                if let Some(Format::DateTime) = f {
                    format = quote!(Some(s::Format::DateTime));
                }
            }
            StringKind::Enum(values) => enumeration = quote!(Some(&[#(#values),*])),
            StringKind::KnownValues(values) => known = quote!(Some(&[#(#values),*])),
        }
        Ok(quote!(s::StringNode {
            pattern: #pattern,
            enumeration: #enumeration,
            known: #known,
            format: #format,
        }))
    }

    /// The matcher of a pattern, and whether it is one repetition of every character but `"` and `\`
    /// (the validator then only counts the characters of a string written without escapes): class steps
    /// where greedy matching is exact, else a DFA of at most [`crate::dfa::STATE_LIMIT`] states, else the
    /// `regex` crate.
    fn matcher(&mut self, node: &Node, source: &str) -> Result<(TokenStream, bool), Error> {
        let hir = regex_syntax::Parser::new()
            .parse(source)
            .map_err(|e| Error::new(&node.path, format!("pattern {source:?}: {e}")))?;
        if let Some(steps) = class_steps(&hir) {
            const NOT_QUOTE_OR_BACKSLASH: [(char, char); 3] =
                [('\0', '!'), ('#', '['), (']', char::MAX)];
            let counts = matches!(&steps[..], [step] if step.ranges == NOT_QUOTE_OR_BACKSLASH);
            let steps = steps.iter().map(|step| {
                let ranges = step.ranges.iter().map(|&(lo, hi)| quote!((#lo, #hi)));
                let mut ascii = [0u64; 2];
                for &(lo, hi) in &step.ranges {
                    for code in (lo as u32)..=(hi as u32).min(127) {
                        ascii[code as usize / 64] |= 1 << (code % 64);
                    }
                }
                let [low, high] = ascii.map(Literal::u64_unsuffixed);
                let (min, max) = (
                    Literal::u32_unsuffixed(step.min),
                    if step.max == u32::MAX { quote!(u32::MAX) } else { Literal::u32_unsuffixed(step.max).into_token_stream() },
                );
                // Bytes 128 to 255 (any byte of a multi-byte character) are in no class's ASCII set.
                quote!(s::Step { ascii: [#low, #high, 0, 0], ranges: &[#(#ranges),*], min: #min, max: #max })
            });
            return Ok((quote!(s::Matcher::Classes(&[#(#steps),*])), counts));
        }
        if let Some(dfa) = crate::dfa::build(source) {
            let index = match self.dfas.iter().position(|(s, _)| s == source) {
                Some(index) => index,
                None => {
                    self.dfas.push((source.to_owned(), dfa));
                    self.dfas.len() - 1
                }
            };
            let name = format_ident!("DFA_{index}");
            return Ok((quote!(s::Matcher::Dfa(&#name)), false));
        }
        let index = match self.regexes.iter().position(|r| r == source) {
            Some(index) => index,
            None => {
                self.regexes.push(source.to_owned());
                self.regexes.len() - 1
            }
        };
        let name = format_ident!("REGEX_{index}");
        Ok((quote!(s::Matcher::Regex(&#name)), false))
    }

    /// `roles.rs`: the `Role` enum, one variant per `x-role`, with the members that carry it.
    fn roles_source(&self) -> Result<String, Error> {
        let role_docs = self.roles.iter().map(|(role, members)| {
            let shown: Vec<String> = members.iter().map(|m| format!("`{m}`")).collect();
            format!(" `{role}`: {}.", shown.join(", "))
        });
        let role_variants = self.roles.keys().map(|role| {
            format_ident!(
                "{}",
                pascal_case(role).expect("checked when the role was read")
            )
        });
        finish(quote! {
            /// What a member is to the rules: one variant per `x-role` in the schema, with the members that
            /// carry it. A rule reads the roles it knows; a role no rule reads yet costs nothing.
            #[derive(Debug, Clone, Copy, PartialEq, Eq)]
            pub(crate) enum Role {
                #(#[doc = #role_docs] #role_variants,)*
            }
        })
    }

    fn source(&self, roots: &[usize]) -> Result<String, Error> {
        let nodes: Vec<&TokenStream> = self
            .nodes
            .iter()
            .map(|n| n.as_ref().expect("every reserved node is filled"))
            .collect();
        let node_count = Literal::usize_unsuffixed(nodes.len());
        let names = &self.names;
        let name_count = Literal::usize_unsuffixed(names.len());
        let root_count = Literal::usize_unsuffixed(roots.len());
        let declared: BTreeSet<&str> = names.iter().map(String::as_str).collect();
        let declared_count = Literal::usize_unsuffixed(declared.len());
        let declared = declared.into_iter();
        let roots = roots.iter().map(|&r| Literal::usize_unsuffixed(r));
        let depth = Literal::usize_unsuffixed(self.fact_depth()?);
        let regexes = self.regexes.iter().enumerate().map(|(index, source)| {
            let name = format_ident!("REGEX_{index}");
            let doc = format!(" `{source}`, which neither the direct matcher nor a small DFA can take.");
            quote! {
                #[doc = #doc]
                static #name: LazyLock<Regex> = LazyLock::new(|| {
                    Regex::new(#source).expect("cargo xtask gen compiled this pattern with the same regex crate")
                });
            }
        });
        let dfas = self.dfas.iter().enumerate().map(|(index, (source, dfa))| {
            let name = format_ident!("DFA_{index}");
            let doc = format!(
                " `{source}`, which the direct matcher cannot take, as a DFA of {} states and {} byte classes.",
                dfa.states(),
                dfa.stride
            );
            let classes = dfa.classes.iter().map(|&c| Literal::u8_unsuffixed(c));
            let next = dfa.next.iter().map(|&n| Literal::u16_unsuffixed(n));
            let (start, accepting) = (
                Literal::u16_unsuffixed(dfa.start),
                Literal::u16_unsuffixed(dfa.accepting),
            );
            quote! {
                #[doc = #doc]
                static #name: s::Dfa = s::Dfa {
                    classes: [#(#classes),*],
                    next: &[#(#next),*],
                    start: #start,
                    accepting: #accepting,
                };
            }
        });
        let imports = if self.regexes.is_empty() {
            quote!()
        } else {
            quote!(
                use regex::Regex;
                use std::sync::LazyLock;
            )
        };
        let after_count = Literal::usize_unsuffixed(self.after.len());
        let after = self.after.iter().map(|&a| Literal::u8_unsuffixed(a));
        let tokens = quote! {
            #imports
            use std::sync::atomic::AtomicU8;
            use super::roles::Role;
            use crate::schema as s;


            /// The deepest path of a member that has a role (`x-role`): a rule's fact keeps its path inline,
            /// in this many segments.
            pub(crate) const FACT_DEPTH: usize = #depth;

            /// Every member's name, by [`s::Prop::id`]: a path segment is four bytes, not a string.
            pub(crate) static NAMES: [&str; #name_count] = [#(#names),*];

            /// Every member name the schema declares, once each, sorted (for a binary search).
            pub(crate) static DECLARED_NAMES: [&str; #declared_count] = [#(#declared),*];

            #(#dfas)*

            #(#regexes)*

            /// The member order the walks learn, every object's slots ([`s::ObjectNode::after`]) one after
            /// the other, starting as the schema's.
            static AFTER: [AtomicU8; #after_count] = [#(AtomicU8::new(#after)),*];

            /// Every subschema, by [`s::NodeId`]; a shared `$defs` entry is one node.
            pub(crate) static NODES: [s::Node; #node_count] = [#(#nodes),*];

            /// The root node of each document kind, in the order of `DocumentKind::ALL`.
            pub(crate) static ROOTS: [s::NodeId; #root_count] = [#(#roots),*];
        };
        finish(tokens)
    }

    /// The longest path, over every document, that ends at a member with a role.
    fn fact_depth(&self) -> Result<usize, Error> {
        let mut memo = BTreeMap::new();
        let mut depth = 0;
        for file in &self.schema.files {
            if let Some(root) = &file.root {
                depth = depth.max(role_depth(self.schema, root, &mut memo).unwrap_or(0));
            }
        }
        Ok(depth.max(1))
    }
}

/// The length of the longest path from `node` to a member with a role, if it has one.
fn role_depth(
    schema: &Schema,
    node: &Node,
    memo: &mut BTreeMap<DefRef, Option<usize>>,
) -> Option<usize> {
    match &node.kind {
        Kind::Ref(target) => {
            if let Some(&depth) = memo.get(target) {
                return depth;
            }
            let depth = schema
                .resolve(target)
                .and_then(|def| role_depth(schema, def, memo));
            memo.insert(target.clone(), depth);
            depth
        }
        Kind::Object(object) => object
            .properties
            .iter()
            .filter_map(|p| {
                let below = role_depth(schema, &p.node, memo);
                match (&p.node.role, below) {
                    (_, Some(below)) => Some(below + 1),
                    (Some(_), None) => Some(1),
                    (None, None) => None,
                }
            })
            .max(),
        Kind::Array(items) => role_depth(schema, items, memo).map(|d| d + 1),
        _ => None,
    }
}

/// One `[class]{min,max}` of an anchored class sequence.
struct ClassStep {
    ranges: Vec<(char, char)>,
    min: u32,
    max: u32,
}

/// The steps of `^(class{min,max})+$`, when greedy matching is exact for them: for every step whose count
/// varies, its class shares no character with any later step up to and including the first one that must
/// take at least one character (so greedy never takes a character a later step needs). Any other pattern
/// goes to the `regex` crate.
fn class_steps(hir: &Hir) -> Option<Vec<ClassStep>> {
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
            HirKind::Class(class) => (class, 1, Some(1)),
            HirKind::Repetition(rep) if rep.greedy => {
                let sub = match rep.sub.kind() {
                    HirKind::Capture(cap) => &cap.sub,
                    _ => &rep.sub,
                };
                match sub.kind() {
                    HirKind::Class(class) => (class, rep.min, rep.max),
                    _ => return None,
                }
            }
            _ => return None,
        };
        let Class::Unicode(class) = class else {
            return None;
        };
        steps.push(ClassStep {
            ranges: class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect(),
            min,
            max: max.unwrap_or(u32::MAX),
        });
    }
    let overlap = |a: &ClassStep, b: &ClassStep| {
        a.ranges
            .iter()
            .any(|&(lo, hi)| b.ranges.iter().any(|&(l, h)| lo <= h && l <= hi))
    };
    for (i, step) in steps.iter().enumerate() {
        if step.min == step.max {
            continue;
        }
        for later in &steps[i + 1..] {
            if overlap(step, later) {
                return None;
            }
            if later.min > 0 {
                break;
            }
        }
    }
    (!steps.is_empty()).then_some(steps)
}

// ---- kinds -----------------------------------------------------------------------------------------------

fn kinds_source(kinds: &[DocumentKind<'_>]) -> Result<String, Error> {
    let variants: Vec<_> = kinds
        .iter()
        .map(|k| format_ident!("{}", k.variant))
        .collect();
    let docs = kinds.iter().map(|k| {
        let mut text = k.title.map(|t| format!("{t}.")).unwrap_or_default();
        if let Some(description) = k.description {
            text.push_str(&format!("\n\n{description}"));
        }
        if !k.decl.detect {
            text.push_str(
                "\n\nDetection never reports this kind: another kind has the same body, and detection says that one.",
            );
        }
        doc_attrs(text.trim())
    });
    let ids = kinds.iter().map(|k| k.decl.kind.as_str());
    let titles = kinds.iter().map(|k| k.title.unwrap_or(&k.decl.kind));
    let endpoints = kinds.iter().map(|k| match &k.decl.endpoint {
        Some(endpoint) => quote!(Some(#endpoint)),
        None => quote!(None),
    });
    let files = kinds.iter().map(|k| k.file);
    let types = kinds.iter().map(|k| k.root_type.as_str());
    let detect = kinds.iter().map(|k| k.decl.detect);
    let received = kinds.iter().map(|k| k.decl.received);
    let indices = (0..kinds.len()).map(Literal::usize_unsuffixed);

    // Which detectable kinds each top-level member belongs to, members in first-appearance order.
    let mut members: Vec<(String, u64)> = Vec::new();
    for (index, kind) in kinds.iter().enumerate() {
        if !kind.decl.detect {
            continue;
        }
        let Kind::Object(object) = &kind.root.kind else {
            continue;
        };
        for property in &object.properties {
            match members.iter_mut().find(|(name, _)| *name == property.name) {
                Some((_, mask)) => *mask |= 1 << index,
                None => members.push((property.name.clone(), 1 << index)),
            }
        }
    }
    // For each kind, each top-level member's index among the root's members (255 where it has none).
    let root_indices = kinds.iter().map(|kind| {
        let indices = members.iter().map(|(name, _)| {
            let index = match &kind.root.kind {
                Kind::Object(object) => object
                    .properties
                    .iter()
                    .position(|p| p.name == *name)
                    .and_then(|i| u8::try_from(i).ok())
                    .unwrap_or(u8::MAX),
                _ => u8::MAX,
            };
            Literal::u8_unsuffixed(index)
        });
        quote!([#(#indices),*])
    });
    let kind_count = Literal::usize_unsuffixed(kinds.len());
    let member_count = Literal::usize_unsuffixed(members.len());
    let member_entries = members.iter().map(|(name, mask)| {
        let mask = Literal::u64_unsuffixed(*mask);
        quote!((#name, #mask))
    });
    let detectable: u64 = kinds
        .iter()
        .enumerate()
        .filter(|(_, k)| k.decl.detect)
        .fold(0, |mask, (i, _)| mask | 1 << i);
    let detectable = Literal::u64_unsuffixed(detectable);

    let tokens = quote! {
        use crate::schema::NodeId;

        /// Which document a JSON text is, one variant per schema file with an `x-document` annotation.
        ///
        /// Non-exhaustive: a new kind is the advertised way the schema grows (one schema file), so it is not
        /// a breaking change, and a `match` outside this crate has a `_` arm.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum DocumentKind {
            #(#docs #variants,)*
        }

        impl DocumentKind {
            /// Every kind, in the order of their schema files' names. A slice, so that its length (which a
            /// new kind changes) is not part of its type.
            pub const ALL: &'static [DocumentKind] = &[#(DocumentKind::#variants),*];

            /// The kind's id on the command line and in reports, e.g. `confirm-invoice` (`x-document.kind`).
            pub const fn as_str(self) -> &'static str {
                match self { #(DocumentKind::#variants => #ids,)* }
            }

            /// The schema's title, e.g. `Confirm invoice request`.
            pub const fn title(self) -> &'static str {
                match self { #(DocumentKind::#variants => #titles,)* }
            }

            /// The HTTP method and path this document is the body of (`x-document.endpoint`); `None` for a
            /// document that answers every endpoint.
            pub const fn endpoint(self) -> Option<&'static str> {
                match self { #(DocumentKind::#variants => #endpoints,)* }
            }

            /// The schema file that describes this kind, under `schema/`.
            pub const fn schema_file(self) -> &'static str {
                match self { #(DocumentKind::#variants => #files,)* }
            }

            /// The name of the generated root type in `bc-invoice-types`, e.g. `ConfirmInvoiceRequest`.
            pub const fn type_name(self) -> &'static str {
                match self { #(DocumentKind::#variants => #types,)* }
            }

            /// Whether detection by top-level members may report this kind (`x-document.detect`).
            pub const fn is_detectable(self) -> bool {
                match self { #(DocumentKind::#variants => #detect,)* }
            }

            /// Whether the partner receives this document from the platform (`x-document.received`): an
            /// unknown member is then the `received-unknown-member` rule's finding, not a schema error.
            pub const fn is_received(self) -> bool {
                match self { #(DocumentKind::#variants => #received,)* }
            }

            /// The kind's position in [`DocumentKind::ALL`].
            pub(crate) const fn index(self) -> usize {
                match self { #(DocumentKind::#variants => #indices,)* }
            }

            /// The root node of the kind's schema in the compiled tables.
            pub(crate) fn root(self) -> NodeId {
                crate::generated::tables::ROOTS[self.index()]
            }
        }

        /// Every top-level member of a detectable kind, with the set of detectable kinds whose root has it
        /// (bit `i` stands for `DocumentKind::ALL[i]`), in the order the schema files first name them.
        pub(crate) static TOP_LEVEL_MEMBERS: [(&str, u64); #member_count] = [#(#member_entries),*];

        /// For each kind (in the order of [`DocumentKind::ALL`]) and top-level member (in the order of
        /// [`TOP_LEVEL_MEMBERS`]), the member's index among the kind's root members; 255 where the kind's
        /// root has no such member.
        pub(crate) static ROOT_INDEX: [[u8; #member_count]; #kind_count] = [#(#root_indices),*];

        /// The set of detectable kinds.
        pub(crate) const DETECTABLE: u64 = #detectable;
    };
    finish(tokens)
}

// ---- dispatch --------------------------------------------------------------------------------------------

/// The kinds' `DocumentKind` variants and root types, as identifiers, in the kinds' order.
pub(crate) fn variants_and_types(
    kinds: &[DocumentKind<'_>],
) -> (Vec<proc_macro2::Ident>, Vec<proc_macro2::Ident>) {
    kinds
        .iter()
        .map(|k| {
            (
                format_ident!("{}", k.variant),
                format_ident!("{}", k.root_type),
            )
        })
        .unzip()
}

/// An `AnyDocument` variant's doc comment: the kind with its article (`An `api-response` document.`),
/// after the space a hand-written `///` comment has.
fn variant_doc(kind: &str) -> String {
    let article = match kind.as_bytes().first() {
        Some(b'a' | b'e' | b'i' | b'o' | b'u') => "An",
        _ => "A",
    };
    format!(" {article} `{kind}` document.")
}

fn dispatch_source(kinds: &[DocumentKind<'_>]) -> Result<String, Error> {
    let (variants, types) = variants_and_types(kinds);
    let unique_types: BTreeSet<_> = kinds.iter().map(|k| k.root_type.as_str()).collect();
    let imports = unique_types.iter().map(|t| format_ident!("{t}"));
    let variant_docs = kinds.iter().map(|k| {
        let text = variant_doc(&k.decl.kind);
        quote!(#[doc = #text])
    });
    let tokens = quote! {
        use bc_invoice_types::{#(#imports),*};
        use serde::{Serialize, Serializer};

        use crate::document::{Document, sealed::Sealed};
        use crate::kind::DocumentKind;

        #(
            impl Sealed for #types {}

            impl Document for #types {
                const KIND: DocumentKind = DocumentKind::#variants;
            }

            impl From<#types> for AnyDocument {
                fn from(document: #types) -> Self {
                    AnyDocument::#variants(document)
                }
            }
        )*

        /// A typed document of any kind: what `Validator::parse_any` returns.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum AnyDocument {
            #(#variant_docs #variants(#types),)*
        }

        impl AnyDocument {
            /// The document's kind.
            pub fn kind(&self) -> DocumentKind {
                match self { #(AnyDocument::#variants(_) => DocumentKind::#variants,)* }
            }

            /// Deserializes a document of `kind` with `serde_json` alone, without validating it: what a
            /// service would do without this library. The generated types check patterns and closed lists,
            /// but nothing else the schema says; prefer `Validator::parse_any`.
            pub fn from_slice_unvalidated(kind: DocumentKind, bytes: &[u8]) -> serde_json::Result<Self> {
                Ok(match kind {
                    #(DocumentKind::#variants => AnyDocument::#variants(serde_json::from_slice(bytes)?),)*
                })
            }
        }

        impl Serialize for AnyDocument {
            /// The document itself, as its own type writes it.
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self { #(AnyDocument::#variants(document) => document.serialize(serializer),)* }
            }
        }

        /// Something done with the root type of a kind, chosen at run time: [`with_type`] calls `visit`
        /// with the type the kind has.
        pub(crate) trait TypeVisitor {
            /// What the visit gives.
            type Output;

            /// Does it with the root type `T`.
            fn visit<T: Document + Into<AnyDocument>>(self) -> Self::Output;
        }

        /// Calls `visitor` with the root type of `kind`.
        pub(crate) fn with_type<V: TypeVisitor>(kind: DocumentKind, visitor: V) -> V::Output {
            match kind {
                #(DocumentKind::#variants => visitor.visit::<#types>(),)*
            }
        }
    };
    finish(tokens)
}

fn finish(tokens: TokenStream) -> Result<String, Error> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| Error::new("generator", format!("produced code syn cannot parse: {e}")))?;
    Ok(format!("{HEADER}\n{}", unparse(file)))
}

/// The buckets the validator finds an object's members by (`ObjectNode::find`): a member's bucket is its
/// name's first byte's low six bits. `buckets[b]` is 0 or the index + 1 of the first member in bucket `b`;
/// `chain[i]` is 0 or the index + 1 of the next member after `i` in the same bucket. The validator's
/// tables test holds its reading to this: every member of every object is found.
fn member_buckets(names: &[&str]) -> ([u8; 64], Vec<u8>) {
    let mut buckets = [0u8; 64];
    let mut chain = vec![0u8; names.len()];
    // Built from the last member back, so each chain runs in schema order.
    for (index, name) in names.iter().enumerate().rev() {
        let bucket = usize::from(name.as_bytes().first().copied().unwrap_or(0) & 63);
        chain[index] = buckets[bucket];
        // At most 64 members (checked above), so index + 1 fits.
        buckets[bucket] = u8::try_from(index + 1).unwrap_or(u8::MAX);
    }
    (buckets, chain)
}

/// The example a pattern finding quotes: the first of the node's string `examples`. A string example the
/// pattern refuses is the schema's mistake, and stops the generator, so that no finding can quote a value
/// its own check would refuse.
fn pattern_example<'n>(node: &'n Node, source: &str) -> Result<Option<&'n str>, Error> {
    let regex = regex::Regex::new(source)
        .map_err(|e| Error::new(&node.path, format!("pattern {source:?}: {e}")))?;
    for example in node.examples.iter().filter_map(serde_json::Value::as_str) {
        if !regex.is_match(example) {
            return Err(Error::new(
                &node.path,
                format!("example {example:?} does not match the pattern {source:?}"),
            ));
        }
    }
    Ok(node.quoted_example())
}

#[cfg(test)]
mod tests {
    use super::{Tables, class_steps, pattern_example, variant_doc};
    use crate::model::{Kind, Node, Schema, StringKind};

    /// The matcher the generator emits for `pattern`.
    fn matcher(pattern: &str) -> String {
        let schema = Schema { files: Vec::new() };
        let node = Node {
            path: "test.schema.json#/$defs/value".to_owned(),
            description: None,
            examples: Vec::new(),
            role: None,
            kind: Kind::String(StringKind::Plain),
        };
        let (tokens, _) = Tables::new(&schema).matcher(&node, pattern).unwrap();
        tokens.to_string()
    }

    #[test]
    fn a_pattern_finding_quotes_the_first_string_example_and_only_one_that_matches() {
        let node = |examples: serde_json::Value| Node {
            path: "test.schema.json#/$defs/value".to_owned(),
            description: None,
            examples: serde_json::from_value(examples).unwrap(),
            role: None,
            kind: Kind::String(StringKind::Plain),
        };
        let pattern = "^[0-9]{4}$";
        let both = node(serde_json::json!([1, "2026", "1999"]));
        assert_eq!(pattern_example(&both, pattern).unwrap(), Some("2026"));
        assert_eq!(
            pattern_example(&node(serde_json::json!([])), pattern).unwrap(),
            None
        );
        let wrong = pattern_example(&node(serde_json::json!(["2026", "26"])), pattern).unwrap_err();
        assert!(
            wrong
                .to_string()
                .contains("example \"26\" does not match the pattern \"^[0-9]{4}$\""),
            "{wrong}"
        );
    }

    #[test]
    fn each_pattern_gets_the_cheapest_exact_matcher() {
        assert_eq!(
            matcher("^[0-9]{4,8}$").split('(').next(),
            Some("s :: Matcher :: Classes ")
        );
        assert_eq!(
            matcher("^[0-9]{4}-(0[1-9]|1[0-2])$"),
            "s :: Matcher :: Dfa (& DFA_0)"
        );
        // Over the state limit (512 states), and a Unicode word boundary: the regex crate keeps them.
        assert_eq!(
            matcher("^(a|b)*a(a|b){8}$"),
            "s :: Matcher :: Regex (& REGEX_0)"
        );
        assert_eq!(matcher(r"\bfoo\b"), "s :: Matcher :: Regex (& REGEX_0)");
    }

    fn direct(pattern: &str) -> bool {
        class_steps(&regex_syntax::Parser::new().parse(pattern).unwrap()).is_some()
    }

    #[test]
    fn greedy_class_steps_only_where_greedy_is_exact() {
        assert!(direct(r#"^[^\\"]{1,100}$"#));
        assert!(direct(r#"^([^\\\"]){1,50}$"#));
        assert!(direct("^[INV]{3}[A-Za-z0-9]{32,32}$"));
        assert!(direct("^[A-Z]{0,3}[0-9]{1,2}[A-Z]$"));
        assert!(direct("^[a-z]+[0-9]*$"));
        // Overlapping neighbours, and overlap across a step that may be empty.
        assert!(!direct("^[a-z]{1,3}[a-c]{2}$"));
        assert!(!direct("^[A-Z]{0,3}[0-9]{0,2}[A-Z]$"));
        assert!(!direct("^[0-9]{4}-(0[1-9]|1[0-2])$"));
        assert!(!direct("[a-z]{3}"));
    }

    /// The rustdoc of `AnyDocument`'s variants reads as English, as the hand-written docs do.
    #[test]
    fn a_variants_doc_takes_the_article_its_kind_needs() {
        assert_eq!(variant_doc("api-response"), " An `api-response` document.");
        assert_eq!(variant_doc("edit-invoice"), " An `edit-invoice` document.");
        assert_eq!(variant_doc("pay-invoice"), " A `pay-invoice` document.");
    }
}
