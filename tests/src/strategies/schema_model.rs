//! A small model of the checked-in schema, read from `schema/` and independent of the validator's own: it
//! resolves `$ref`s, says what the schema wants at each place of a document, and walks a document alongside
//! the schema. The property tests use it to know every object and member the schema declares, which
//! members are required, where the patterns and open lists are, and which JSON type each value must have.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::{documents, schema, schema_files};

/// Every schema file, by file name.
#[derive(Debug, Clone)]
pub struct Schemas {
    files: BTreeMap<&'static str, Value>,
}

/// A schema node with its `$ref`s resolved: where it is (`file#pointer`) and what it says.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    /// The file the node is in.
    pub file: &'a str,
    /// The node's JSON Schema.
    pub schema: &'a Value,
    location: String,
}

/// An object the schema declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectDecl {
    /// Its members, in schema order.
    pub members: Vec<String>,
    /// Its required members.
    pub required: Vec<String>,
}

/// One value of a document and the schema node that describes it.
#[derive(Debug, Clone)]
pub struct Site<'a> {
    /// The value's place, as JSON Pointer tokens (unescaped).
    pub path: Vec<String>,
    /// The schema node, `$ref`s resolved.
    pub node: Node<'a>,
}

impl Site<'_> {
    /// The value's place as an RFC 6901 JSON Pointer.
    pub fn pointer(&self) -> String {
        pointer(&self.path)
    }
}

/// An RFC 6901 JSON Pointer from unescaped tokens.
pub fn pointer(path: &[String]) -> String {
    path.iter()
        .map(|token| format!("/{}", token.replace('~', "~0").replace('/', "~1")))
        .collect()
}

impl Default for Schemas {
    fn default() -> Self {
        Self::load()
    }
}

impl Schemas {
    /// Reads every file of `schema/`.
    pub fn load() -> Self {
        Schemas {
            files: schema_files().iter().map(|f| (*f, schema(f))).collect(),
        }
    }

    /// The schema files, read once per process.
    pub fn shared() -> &'static Schemas {
        static SHARED: std::sync::LazyLock<Schemas> = std::sync::LazyLock::new(Schemas::load);
        &SHARED
    }

    /// The root node of a document kind (`create-invoice`, …).
    pub fn root(&self, kind: &str) -> Node<'_> {
        let file = documents()
            .iter()
            .find(|(k, _)| *k == kind)
            .unwrap_or_else(|| panic!("unknown kind {kind}"))
            .1;
        let (file, schema) = self.files.get_key_value(file).expect("a schema file");
        self.resolve(Node {
            file,
            schema,
            location: (*file).to_owned(),
        })
    }

    /// Follows `$ref`s (relative to the node's file) to the node that says what a value must be. The
    /// location of a definition is `common.schema.json#/$defs/name`.
    pub fn resolve<'a>(&'a self, mut node: Node<'a>) -> Node<'a> {
        while let Some(reference) = node.schema.get("$ref").and_then(Value::as_str) {
            let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
            let file = if file.is_empty() { node.file } else { file };
            let (file, document) = self
                .files
                .get_key_value(file)
                .unwrap_or_else(|| panic!("$ref {reference}: no schema file {file}"));
            let schema = document
                .pointer(fragment)
                .unwrap_or_else(|| panic!("$ref {reference} resolves to nothing"));
            node = Node {
                file,
                schema,
                location: format!("{file}#{fragment}"),
            };
        }
        node
    }

    /// The node of an object member, resolved; `None` if the object does not declare it.
    pub fn property<'a>(&'a self, object: &Node<'a>, name: &str) -> Option<Node<'a>> {
        let schema = object.schema.get("properties")?.get(name)?;
        Some(self.resolve(Node {
            file: object.file,
            schema,
            location: format!("{}/properties/{name}", object.location),
        }))
    }

    /// The node of an array's elements, resolved.
    pub fn items<'a>(&'a self, array: &Node<'a>) -> Option<Node<'a>> {
        let schema = array.schema.get("items")?;
        Some(self.resolve(Node {
            file: array.file,
            schema,
            location: format!("{}/items", array.location),
        }))
    }

    /// Every value of `document` (a document of `kind`) that the schema describes, with its node, in
    /// document order: the root first, then each declared member and array element, depth first. Members
    /// the schema does not declare are not visited.
    pub fn sites<'a>(&'a self, kind: &str, document: &Value) -> Vec<Site<'a>> {
        let mut out = Vec::new();
        self.walk(self.root(kind), document, &mut Vec::new(), &mut out);
        out
    }

    fn walk<'a>(
        &'a self,
        node: Node<'a>,
        value: &Value,
        path: &mut Vec<String>,
        out: &mut Vec<Site<'a>>,
    ) {
        out.push(Site {
            path: path.clone(),
            node: node.clone(),
        });
        match value {
            Value::Object(members) => {
                for (name, member) in members {
                    if let Some(child) = self.property(&node, name) {
                        path.push(name.clone());
                        self.walk(child, member, path, out);
                        path.pop();
                    }
                }
            }
            Value::Array(elements) => {
                if let Some(child) = self.items(&node) {
                    for (index, element) in elements.iter().enumerate() {
                        path.push(index.to_string());
                        self.walk(child.clone(), element, path, out);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
    }

    /// Every node the schema of `kind` reaches from its root, `$ref`s resolved, each location once, in
    /// schema order (depth first), each with the first path that reaches it (array elements at index 0).
    pub fn nodes(&self, kind: &str) -> Vec<Site<'_>> {
        let mut out: Vec<Site<'_>> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        let mut stack = vec![Site {
            path: Vec::new(),
            node: self.root(kind),
        }];
        while let Some(site) = stack.pop() {
            if !seen.insert(site.node.location.clone()) {
                continue;
            }
            if let Some(items) = self.items(&site.node) {
                let mut path = site.path.clone();
                path.push("0".to_owned());
                stack.push(Site { path, node: items });
            }
            for name in site
                .node
                .properties()
                .into_iter()
                .flat_map(|p| p.keys())
                .rev()
            {
                let mut path = site.path.clone();
                path.push(name.clone());
                let node = self.property(&site.node, name).expect("a declared member");
                stack.push(Site { path, node });
            }
            out.push(site);
        }
        out
    }

    /// Every object node the documents reach, by location, with its declared and required members:
    /// what a complete generator must produce.
    pub fn objects(&self) -> BTreeMap<String, ObjectDecl> {
        let mut out = BTreeMap::new();
        for (kind, _) in documents() {
            self.collect_objects(self.root(kind), &mut out);
        }
        out
    }

    fn collect_objects(&self, node: Node<'_>, out: &mut BTreeMap<String, ObjectDecl>) {
        if out.contains_key(&node.location) {
            return;
        }
        if let Some(properties) = node.properties() {
            let decl = ObjectDecl {
                members: properties.keys().cloned().collect(),
                required: node.required().into_iter().map(str::to_owned).collect(),
            };
            out.insert(node.location.clone(), decl);
            for name in properties.keys() {
                let child = self.property(&node, name).expect("a declared member");
                self.collect_objects(child, out);
            }
        }
        if let Some(items) = self.items(&node) {
            self.collect_objects(items, out);
        }
    }
}

impl<'a> Node<'a> {
    /// Where the node is, `file#pointer`, after `$ref` resolution: the same for every use of a definition.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// The node's `type`.
    pub fn json_type(&self) -> Option<&'a str> {
        self.schema.get("type").and_then(Value::as_str)
    }

    /// The node's `pattern`.
    pub fn pattern(&self) -> Option<&'a str> {
        self.schema.get("pattern").and_then(Value::as_str)
    }

    /// The node's `format`.
    pub fn format(&self) -> Option<&'a str> {
        self.schema.get("format").and_then(Value::as_str)
    }

    /// The node's `enum` values.
    pub fn enumeration(&self) -> Option<Vec<&'a str>> {
        strings(self.schema.get("enum")?)
    }

    /// The node's `x-known-values`: the known values of an open list.
    pub fn known_values(&self) -> Option<Vec<&'a str>> {
        strings(self.schema.get("x-known-values")?)
    }

    /// The node's declared members.
    pub fn properties(&self) -> Option<&'a Map<String, Value>> {
        self.schema.get("properties").and_then(Value::as_object)
    }

    /// The node's required members.
    pub fn required(&self) -> Vec<&'a str> {
        self.schema
            .get("required")
            .and_then(strings)
            .unwrap_or_default()
    }

    /// Whether a JSON value has the node's `type` (an integer is a number; `1.0` is an integer, as JSON
    /// Schema counts).
    pub fn type_accepts(&self, value: &Value) -> bool {
        match (self.json_type(), value) {
            (None, _) => true,
            (Some("object"), Value::Object(_))
            | (Some("array"), Value::Array(_))
            | (Some("string"), Value::String(_))
            | (Some("boolean"), Value::Bool(_))
            | (Some("null"), Value::Null)
            | (Some("number"), Value::Number(_)) => true,
            (Some("integer"), Value::Number(n)) => is_integral(&n.to_string()),
            _ => false,
        }
    }
}

/// Whether a JSON number's text is an integer in JSON Schema's sense (no fractional part, whatever its
/// notation).
pub fn is_integral(text: &str) -> bool {
    let unsigned = text.trim_start_matches('-');
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (
            &unsigned[..at],
            unsigned[at + 1..].parse::<i64>().unwrap_or(0),
        ),
        None => (unsigned, 0),
    };
    let (_, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let significant = fraction.trim_end_matches('0').len() as i64;
    significant <= exponent
}

fn strings(value: &Value) -> Option<Vec<&str>> {
    value
        .as_array()?
        .iter()
        .map(Value::as_str)
        .collect::<Option<Vec<_>>>()
}
