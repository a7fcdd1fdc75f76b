//! The checked-in schema, embedded at compile time and compiled once per process into a small arena of
//! nodes that the single-pass validator walks alongside the document.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde_json::{Map, Value};

use crate::kind::DocumentKind;
use crate::pattern::Matcher;

/// The schema files, embedded: `(file name, text)`.
pub(crate) const FILES: [(&str, &str); 6] = [
    (
        "common.schema.json",
        include_str!("../../../schema/common.schema.json"),
    ),
    (
        "create-invoice.schema.json",
        include_str!("../../../schema/create-invoice.schema.json"),
    ),
    (
        "edit-invoice.schema.json",
        include_str!("../../../schema/edit-invoice.schema.json"),
    ),
    (
        "confirm-invoice.schema.json",
        include_str!("../../../schema/confirm-invoice.schema.json"),
    ),
    (
        "change-invoice-status.schema.json",
        include_str!("../../../schema/change-invoice-status.schema.json"),
    ),
    (
        "api-response.schema.json",
        include_str!("../../../schema/api-response.schema.json"),
    ),
];

pub(crate) type NodeId = usize;

/// A compiled subschema.
#[derive(Debug)]
pub(crate) enum Node {
    Object(ObjectNode),
    Array { items: NodeId },
    String(StringNode),
    Integer,
    Number,
}

#[derive(Debug)]
pub(crate) struct ObjectNode {
    pub props: Vec<Prop>,
    /// Bit `i` set when `props[i]` is required.
    pub required: u64,
    pub additional: bool,
}

#[derive(Debug)]
pub(crate) struct Prop {
    pub name: &'static str,
    /// This member's index in [`Schema::names`]: a path segment is four bytes, not a string.
    pub id: u32,
    pub node: NodeId,
    /// What this member is to the rules, if a rule needs its value (decided once, here, not per document).
    pub role: Option<crate::rules::Role>,
}

#[derive(Debug, Default)]
pub(crate) struct StringNode {
    pub pattern: Option<(&'static str, Matcher)>,
    pub enumeration: Option<&'static [String]>,
    pub known: Option<&'static [String]>,
    pub format: Option<&'static str>,
}

impl ObjectNode {
    /// The index of the member named `name` (compared as bytes), looking first at `hint` and after it:
    /// documents usually list members in the schema's order, so the first comparison mostly hits.
    #[inline]
    pub(crate) fn find_from(&self, name: &[u8], hint: usize) -> Option<usize> {
        let hint = hint.min(self.props.len());
        let is = |p: &Prop| p.name.len() == name.len() && p.name.as_bytes() == name;
        let (before, after) = self.props.split_at(hint);
        after
            .iter()
            .position(is)
            .map(|i| i + hint)
            .or_else(|| before.iter().position(is))
    }
}

/// The compiled schema of all five documents.
#[derive(Debug)]
pub(crate) struct Schema {
    pub nodes: Vec<Node>,
    /// The name of every property, by [`Prop::id`].
    pub names: Vec<&'static str>,
    roots: HashMap<DocumentKind, NodeId>,
}

impl Schema {
    pub(crate) fn root(&self, kind: DocumentKind) -> NodeId {
        self.roots[&kind]
    }
}

/// The schema, compiled on first use.
pub(crate) static SCHEMA: LazyLock<Schema> = LazyLock::new(|| match compile() {
    Ok(schema) => schema,
    // The schema is embedded at build time and compiled by the tests: this cannot happen in a release.
    Err(message) => panic!("the embedded schema does not compile: {message}"),
});

const KNOWN_KEYWORDS: [&str; 18] = [
    "x-document",
    "x-role",
    "$schema",
    "$id",
    "$defs",
    "$ref",
    "title",
    "description",
    "examples",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "pattern",
    "enum",
    "x-known-values",
    "format",
];

struct Compiler {
    files: HashMap<&'static str, Value>,
    nodes: Vec<Node>,
    memo: HashMap<(String, String), NodeId>,
    names: Vec<&'static str>,
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn leak_strings(values: &[Value], at: &str) -> Result<&'static [String], String> {
    let strings = values
        .iter()
        .map(|v| {
            v.as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("{at}: non-string value"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Box::leak(strings.into_boxed_slice()))
}

pub(crate) fn compile() -> Result<Schema, String> {
    let mut files = HashMap::new();
    for (name, text) in FILES {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("{name}: {e}"))?;
        files.insert(name, value);
    }
    let mut compiler = Compiler {
        files,
        nodes: Vec::new(),
        memo: HashMap::new(),
        names: Vec::new(),
    };
    let mut roots = HashMap::new();
    for kind in DocumentKind::ALL {
        let id = compiler.node(kind.schema_file(), "", Some(kind.as_str()))?;
        roots.insert(kind, id);
    }
    Ok(Schema {
        nodes: compiler.nodes,
        names: compiler.names,
        roots,
    })
}

impl Compiler {
    fn node(
        &mut self,
        file: &'static str,
        pointer: &str,
        def: Option<&str>,
    ) -> Result<NodeId, String> {
        let key = (file.to_owned(), pointer.to_owned());
        if let Some(&id) = self.memo.get(&key) {
            return Ok(id);
        }
        let at = format!("{file}#{pointer}");
        let schema = self.files[file]
            .pointer(pointer)
            .and_then(Value::as_object)
            .ok_or_else(|| format!("{at}: no schema object here"))?
            .clone();
        for keyword in schema.keys() {
            if !KNOWN_KEYWORDS.contains(&keyword.as_str()) {
                return Err(format!("{at}: unsupported keyword {keyword:?}"));
            }
        }
        if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
            let (doc, fragment) = target
                .split_once('#')
                .ok_or_else(|| format!("{at}: $ref without a fragment"))?;
            let target_file = if doc.is_empty() {
                file
            } else {
                FILES
                    .iter()
                    .map(|(n, _)| *n)
                    .find(|n| *n == doc)
                    .ok_or_else(|| format!("{at}: $ref to {doc}"))?
            };
            let def = fragment.strip_prefix("/$defs/");
            let id = self.node(target_file, fragment, def)?;
            self.memo.insert(key, id);
            return Ok(id);
        }
        let ty = schema
            .get("type")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{at}: no single type"))?;
        let node = match ty {
            "object" => {
                Node::Object(self.object(file, pointer, &schema, def.unwrap_or("object"), &at)?)
            }
            "array" => {
                let items = self.node(file, &format!("{pointer}/items"), None)?;
                Node::Array { items }
            }
            "string" => Node::String(string(&schema, &at)?),
            "integer" => Node::Integer,
            "number" => Node::Number,
            other => return Err(format!("{at}: unsupported type {other:?}")),
        };
        self.nodes.push(node);
        let id = self.nodes.len() - 1;
        self.memo.insert(key, id);
        Ok(id)
    }

    fn object(
        &mut self,
        file: &'static str,
        pointer: &str,
        schema: &Map<String, Value>,
        def: &str,
        at: &str,
    ) -> Result<ObjectNode, String> {
        let names: Vec<String> = schema
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        if names.len() > 64 {
            return Err(format!("{at}: more than 64 properties"));
        }
        let mut props = Vec::new();
        for name in &names {
            let escaped = name.replace('~', "~0").replace('/', "~1");
            let node = self.node(file, &format!("{pointer}/properties/{escaped}"), None)?;
            let role = crate::rules::role(def, name);
            let name = leak(name);
            let id = u32::try_from(self.names.len())
                .map_err(|_| format!("{at}: too many properties"))?;
            self.names.push(name);
            props.push(Prop {
                name,
                id,
                node,
                role,
            });
        }
        let mut required = 0u64;
        for member in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let member = member
                .as_str()
                .ok_or_else(|| format!("{at}: non-string in required"))?;
            let index = names.iter().position(|n| n == member);
            let index =
                index.ok_or_else(|| format!("{at}: required {member:?} is not a property"))?;
            required |= 1 << index;
        }
        let additional = match schema.get("additionalProperties") {
            None | Some(Value::Bool(true)) => true,
            Some(Value::Bool(false)) => false,
            Some(_) => return Err(format!("{at}: additionalProperties must be a boolean")),
        };
        Ok(ObjectNode {
            props,
            required,
            additional,
        })
    }
}

fn string(schema: &Map<String, Value>, at: &str) -> Result<StringNode, String> {
    let mut node = StringNode::default();
    if let Some(pattern) = schema.get("pattern") {
        let pattern = pattern
            .as_str()
            .ok_or_else(|| format!("{at}: pattern is not a string"))?;
        let matcher = Matcher::new(pattern).map_err(|e| format!("{at}: pattern {pattern}: {e}"))?;
        node.pattern = Some((leak(pattern), matcher));
    }
    if let Some(values) = schema.get("enum") {
        let values = values
            .as_array()
            .ok_or_else(|| format!("{at}: enum is not an array"))?;
        node.enumeration = Some(leak_strings(values, at)?);
    }
    if let Some(values) = schema.get("x-known-values") {
        let values = values
            .as_array()
            .ok_or_else(|| format!("{at}: x-known-values is not an array"))?;
        node.known = Some(leak_strings(values, at)?);
    }
    if let Some(format) = schema.get("format") {
        match format.as_str() {
            Some("date-time") => node.format = Some("date-time"),
            _ => return Err(format!("{at}: unsupported format {format}")),
        }
    }
    Ok(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_schema_compiles_with_shared_definitions_compiled_once() {
        let schema = compile().unwrap();
        let objects: Vec<&ObjectNode> = schema
            .nodes
            .iter()
            .filter_map(|n| match n {
                Node::Object(o) => Some(o),
                _ => None,
            })
            .collect();
        let items: Vec<_> = objects
            .iter()
            .filter(|o| o.find_from(b"hsnCode", 0).is_some())
            .collect();
        assert_eq!(
            items.len(),
            1,
            "the item definition is one node shared by create and edit"
        );
        assert_eq!(items[0].props.len(), 21);
        assert!(
            objects.iter().all(|o| !o.additional),
            "every object refuses unknown members"
        );
        let root = match &schema.nodes[schema.root(DocumentKind::ConfirmInvoice)] {
            Node::Object(o) => o,
            other => panic!("{other:?}"),
        };
        assert!(root.find_from(b"invoiceConfirmation", 0).is_some());
        assert_eq!(root.required.count_ones(), 3);
    }
}
