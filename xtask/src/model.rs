//! The subset of JSON Schema the generator understands, read as data.
//!
//! Supported: `type` object (with `properties`, `required` and `additionalProperties: false`), array (with
//! `items`), string (with `pattern`, `format: date-time`, `enum` or `x-known-values`), integer and number;
//! `$ref` to a `$defs` entry of the same or another schema file (with at most a sibling `description`);
//! `description` and `examples` everywhere; `x-role` (what a member is to the validator's rules) on a member.
//! At file level `$schema` (draft 2020-12), `$id`, `title`, `$defs`, and on a document's root file
//! `x-document` (its kind, endpoint and detection). Anything else is an error naming the schema path, never a
//! guess.

use std::collections::BTreeSet;
use std::fmt;

use crate::json::Json;

/// An error in the schema, or one the generator cannot handle, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Where: a schema path such as `common.schema.json#/$defs/item/properties/foo`, or a file name.
    pub location: String,
    /// What.
    pub message: String,
}

impl Error {
    /// An error at `location`.
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            location: location.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for Error {}

type Result<T> = std::result::Result<T, Error>;

/// Every schema file, sorted by file name.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// The files.
    pub files: Vec<SchemaFile>,
}

/// One `*.schema.json` file.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaFile {
    /// The file name, such as `common.schema.json`.
    pub name: String,
    /// The file's `title`.
    pub title: Option<String>,
    /// The document this file describes, if it has a root `type` (a file of shared `$defs` has none).
    pub root: Option<Node>,
    /// The root's `x-document` annotation: present exactly when `root` is.
    pub document: Option<DocumentDecl>,
    /// The `$defs` entries, in file order.
    pub defs: Vec<(String, Node)>,
}

/// A root file's `x-document` annotation: what kind of document the file describes.
///
/// ```json
/// "x-document": {"kind": "edit-invoice", "endpoint": "POST /api/v0/invoice/req-edit-invoice", "detect": false}
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDecl {
    /// The kind's id on the command line and in reports, lower-case words joined by `-`.
    pub kind: String,
    /// The HTTP method and path the document is the body of, such as `POST /api/v0/invoice/req-send-invoice`;
    /// `None` for a document that answers every endpoint (the response envelope).
    pub endpoint: Option<String>,
    /// Whether detection by top-level members may report this kind. `false` for a kind whose body another
    /// kind shares (edit shares create's): detection reports the other one.
    pub detect: bool,
    /// Whether the partner receives this document from the platform (a response webhook): an unknown member
    /// is then the `received-unknown-member` rule's warning rather than a schema error.
    pub received: bool,
}

/// One schema object.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where it is, such as `common.schema.json#/$defs/item/properties/quantity`.
    pub path: String,
    /// The `description`.
    pub description: Option<String>,
    /// The `examples`.
    pub examples: Vec<serde_json::Value>,
    /// The `x-role` annotation: what the member is to the validator's rules (`gstin`, `quantity`, …).
    pub role: Option<String>,
    /// What it describes.
    pub kind: Kind,
}

impl Node {
    /// The example a refused value's message quotes, in the validator's findings and the types' errors
    /// alike: the first string of `examples`.
    pub fn quoted_example(&self) -> Option<&str> {
        self.examples.iter().find_map(serde_json::Value::as_str)
    }
}

/// What a schema object describes.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// `type: object`.
    Object(Object),
    /// `type: array` with its `items`.
    Array(Box<Node>),
    /// `type: string`.
    String(StringKind),
    /// `type: integer`.
    Integer,
    /// `type: number`.
    Number,
    /// `$ref` to a `$defs` entry.
    Ref(DefRef),
}

/// An object with `additionalProperties: false`.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// The `properties`, in schema order, each marked required or not.
    pub properties: Vec<Property>,
}

/// One member of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The wire name.
    pub name: String,
    /// Whether `required` lists it.
    pub required: bool,
    /// Its schema.
    pub node: Node,
}

/// The kinds of string.
#[derive(Debug, Clone, PartialEq)]
pub enum StringKind {
    /// Any string.
    Plain,
    /// A string that must match a `pattern`, be a `format`, or both.
    Constrained {
        /// The `pattern` (it compiles in the `regex` crate).
        pattern: Option<String>,
        /// The `format`.
        format: Option<Format>,
    },
    /// A closed list (`enum`).
    Enum(Vec<String>),
    /// An open list (`x-known-values`): the listed values are known, any other string is allowed.
    KnownValues(Vec<String>),
}

/// The supported `format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `date-time`: an RFC 3339 date-time, calendar-checked.
    DateTime,
}

/// The target of a `$ref`: a `$defs` entry of a schema file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DefRef {
    /// The file the entry is in.
    pub file: String,
    /// The entry's name in `$defs`.
    pub name: String,
}

/// Where a schema object sits, which decides what it may be: only a named place (a document root or a
/// `$defs` entry) can hold a schema that becomes its own Rust type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Root,
    Def,
    Member,
}

const FILE_KEYWORDS: &[&str] = &["$schema", "$id", "title", "$defs", "x-document"];
const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";
const KEYWORDS: &[&str] = &[
    "$ref",
    "type",
    "description",
    "examples",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "pattern",
    "format",
    "enum",
    "x-known-values",
    "x-role",
];

impl Schema {
    /// Reads schema files given as `(file name, JSON text)`, and checks that every `$ref` resolves.
    pub fn parse(sources: &[(String, String)]) -> Result<Schema> {
        let mut files = Vec::new();
        for (name, text) in sources {
            let json = Json::parse(text)
                .map_err(|e| Error::new(name.as_str(), format!("not JSON: {e}")))?;
            files.push(SchemaFile::parse(name, &json)?);
        }
        files.sort_by(|a, b| a.name.cmp(&b.name));
        let mut kinds = BTreeSet::new();
        for file in &files {
            if let Some(decl) = &file.document
                && !kinds.insert(decl.kind.as_str())
            {
                return Err(Error::new(
                    format!("{}#/x-document/kind", file.name),
                    format!("kind {:?} is declared by another file too", decl.kind),
                ));
            }
        }
        let schema = Schema { files };
        schema.check_refs()?;
        Ok(schema)
    }

    /// The `$defs` entry a `$ref` names.
    pub fn resolve(&self, target: &DefRef) -> Option<&Node> {
        self.files
            .iter()
            .find(|f| f.name == target.file)?
            .defs
            .iter()
            .find(|(name, _)| *name == target.name)
            .map(|(_, node)| node)
    }

    fn check_refs(&self) -> Result<()> {
        let mut nodes: Vec<&Node> = Vec::new();
        for file in &self.files {
            nodes.extend(&file.root);
            nodes.extend(file.defs.iter().map(|(_, node)| node));
        }
        while let Some(node) = nodes.pop() {
            match &node.kind {
                Kind::Ref(target) => {
                    if self.resolve(target).is_none() {
                        return Err(Error::new(
                            node.path.as_str(),
                            format!(
                                "$ref {}#/$defs/{} does not resolve",
                                target.file, target.name
                            ),
                        ));
                    }
                }
                Kind::Object(object) => nodes.extend(object.properties.iter().map(|p| &p.node)),
                Kind::Array(items) => nodes.push(items),
                Kind::String(_) | Kind::Integer | Kind::Number => {}
            }
        }
        Ok(())
    }
}

impl SchemaFile {
    fn parse(name: &str, json: &Json) -> Result<SchemaFile> {
        let Json::Object(members) = json else {
            return Err(Error::new(name, "a schema file must hold a JSON object"));
        };
        match json.get("$schema").and_then(Json::as_str) {
            Some(DRAFT_2020_12) => {}
            Some(other) => {
                return Err(Error::new(
                    format!("{name}#"),
                    format!("unsupported $schema {other:?}: only {DRAFT_2020_12:?}"),
                ));
            }
            None => {
                return Err(Error::new(
                    format!("{name}#"),
                    format!("no $schema: declare {DRAFT_2020_12:?}"),
                ));
            }
        }
        for keyword in ["$id", "title"] {
            if let Some(value) = json.get(keyword).filter(|v| v.as_str().is_none()) {
                return Err(Error::new(
                    format!("{name}#"),
                    format!("{keyword} must be a string, not {}", value.type_name()),
                ));
            }
        }
        let mut defs = Vec::new();
        match json.get("$defs") {
            None => {}
            Some(Json::Object(entries)) => {
                for (def, node) in entries {
                    let at = format!("{name}#/$defs/{}", escape(def));
                    defs.push((def.clone(), parse_node(node, &at, name, Place::Def)?));
                }
            }
            Some(other) => {
                return Err(Error::new(
                    format!("{name}#/$defs"),
                    format!("$defs must be an object, not {}", other.type_name()),
                ));
            }
        }
        // What is left once the file-level keywords are set aside is the root schema, if there is one.
        let rest: Vec<(String, Json)> = members
            .iter()
            .filter(|(k, _)| !FILE_KEYWORDS.contains(&k.as_str()))
            .cloned()
            .collect();
        let only_a_description = rest.iter().all(|(k, _)| k == "description");
        let title = json.get("title").and_then(Json::as_str).map(str::to_owned);
        let document = json
            .get("x-document")
            .map(|decl| parse_document(decl, &format!("{name}#/x-document")))
            .transpose()?;
        let root = if only_a_description {
            if let Some(value) = json.get("description").filter(|v| v.as_str().is_none()) {
                return Err(Error::new(
                    format!("{name}#"),
                    format!("description must be a string, not {}", value.type_name()),
                ));
            }
            None
        } else {
            let at = format!("{name}#");
            Some(parse_node(&Json::Object(rest), &at, name, Place::Root)?)
        };
        match (&root, &document) {
            (Some(_), None) => {
                return Err(Error::new(
                    format!("{name}#"),
                    "a document root needs \"x-document\": {\"kind\": …, \"endpoint\": …} (see ARCHITECTURE.md)",
                ));
            }
            (None, Some(_)) => {
                return Err(Error::new(
                    format!("{name}#/x-document"),
                    "\"x-document\" belongs on a file with a document root (a \"type\")",
                ));
            }
            _ => {}
        }
        Ok(SchemaFile {
            name: name.to_owned(),
            title,
            root,
            document,
            defs,
        })
    }
}

/// Escapes a member name for a JSON Pointer (RFC 6901).
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

fn parse_node(json: &Json, at: &str, file: &str, place: Place) -> Result<Node> {
    let fail = |message: String| Err(Error::new(at, message));
    let Json::Object(members) = json else {
        return fail(format!(
            "expected a schema object, found {}",
            json.type_name()
        ));
    };
    if let Some((key, _)) = members
        .iter()
        .find(|(k, _)| !KEYWORDS.contains(&k.as_str()))
    {
        return fail(format!("unsupported keyword {key:?}"));
    }
    let description = match json.get("description") {
        None => None,
        Some(Json::String(text)) => Some(text.clone()),
        Some(other) => {
            return fail(format!(
                "description must be a string, not {}",
                other.type_name()
            ));
        }
    };
    let examples = match json.get("examples") {
        None => Vec::new(),
        Some(Json::Array(items)) => items.iter().map(Json::to_value).collect(),
        Some(other) => {
            return fail(format!(
                "examples must be an array, not {}",
                other.type_name()
            ));
        }
    };
    let role = match json.get("x-role") {
        None => None,
        Some(Json::String(role)) if is_kebab(role) => {
            if place != Place::Member {
                return fail("\"x-role\" belongs on an object's member".to_owned());
            }
            Some(role.clone())
        }
        Some(other) => {
            return fail(format!(
                "x-role must be a kebab-case string such as \"gstin\", not {}",
                match other {
                    Json::String(_) => "a string in another case",
                    other => other.type_name(),
                }
            ));
        }
    };
    let node = |kind| {
        Ok(Node {
            path: at.to_owned(),
            description: description.clone(),
            examples: examples.clone(),
            role: role.clone(),
            kind,
        })
    };

    if let Some(target) = json.get("$ref") {
        only(
            members,
            &["$ref", "description", "x-role"],
            at,
            "next to \"$ref\"",
        )?;
        if place != Place::Member {
            return fail(
                "a document root or $defs entry that is only a $ref is unsupported: $ref the target directly"
                    .to_owned(),
            );
        }
        let Some(target) = target.as_str() else {
            return fail(format!("$ref must be a string, not {}", target.type_name()));
        };
        return node(Kind::Ref(parse_ref(target, file, at)?));
    }

    let ty = match json.get("type") {
        Some(Json::String(ty)) => ty.as_str(),
        Some(Json::Array(_)) => {
            return fail("a list of types is unsupported: give one \"type\"".to_owned());
        }
        Some(other) => return fail(format!("type must be a string, not {}", other.type_name())),
        None => return fail("no \"type\" and no \"$ref\"".to_owned()),
    };
    let common = ["type", "description", "examples", "x-role"];
    let kind = match ty {
        "object" => {
            only(
                members,
                &[
                    &common[..],
                    &["properties", "required", "additionalProperties"],
                ]
                .concat(),
                at,
                "for type \"object\"",
            )?;
            Kind::Object(parse_object(json, at, file)?)
        }
        "array" => {
            only(
                members,
                &[&common[..], &["items"]].concat(),
                at,
                "for type \"array\"",
            )?;
            let Some(items) = json.get("items") else {
                return fail("an array needs \"items\"".to_owned());
            };
            let items = parse_node(items, &format!("{at}/items"), file, Place::Member)?;
            if items.kind == Kind::Number {
                return fail(
                    "an array of numbers is unsupported (its decimals would need their own serde adapter)"
                        .to_owned(),
                );
            }
            Kind::Array(Box::new(items))
        }
        "string" => {
            only(
                members,
                &[
                    &common[..],
                    &["pattern", "format", "enum", "x-known-values"],
                ]
                .concat(),
                at,
                "for type \"string\"",
            )?;
            Kind::String(parse_string(json, at)?)
        }
        "integer" | "number" => {
            only(members, &common, at, &format!("for type {ty:?}"))?;
            if ty == "integer" {
                Kind::Integer
            } else {
                Kind::Number
            }
        }
        other => return fail(format!("unsupported type {other:?}")),
    };

    let named = matches!(
        kind,
        Kind::Object(_)
            | Kind::String(
                StringKind::Constrained { .. } | StringKind::Enum(_) | StringKind::KnownValues(_)
            )
    );
    match place {
        Place::Root if !matches!(kind, Kind::Object(_)) => {
            fail("a document root must be an object".to_owned())
        }
        Place::Def if !named => fail(format!(
            "a $defs entry must be an object, an enum, an x-known-values list or a pattern- or \
             format-constrained string (each becomes a named Rust type); this one is a plain {ty}"
        )),
        Place::Member if named => fail(format!(
            "this {} would need a Rust type of its own: make it a $defs entry (its name names the type) \
             and $ref it",
            describe(&kind)
        )),
        _ => node(kind),
    }
}

fn describe(kind: &Kind) -> &'static str {
    match kind {
        Kind::Object(_) => "object",
        Kind::String(StringKind::Enum(_)) => "enum",
        Kind::String(StringKind::KnownValues(_)) => "x-known-values list",
        _ => "constrained string",
    }
}

/// Refuses any member not in `allowed`.
fn only(members: &[(String, Json)], allowed: &[&str], at: &str, context: &str) -> Result<()> {
    match members.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        Some((key, _)) => Err(Error::new(
            at,
            format!("unsupported keyword {key:?} {context}"),
        )),
        None => Ok(()),
    }
}

fn parse_ref(target: &str, file: &str, at: &str) -> Result<DefRef> {
    let unsupported = || {
        Error::new(
            at,
            format!(
                "unsupported $ref {target:?}: only \"#/$defs/<name>\" and \"<file>#/$defs/<name>\" are supported"
            ),
        )
    };
    let (doc, pointer) = target.split_once('#').ok_or_else(unsupported)?;
    let name = pointer.strip_prefix("/$defs/").ok_or_else(unsupported)?;
    if name.is_empty() || name.contains('/') || name.contains('~') || doc.contains('/') {
        return Err(unsupported());
    }
    Ok(DefRef {
        file: if doc.is_empty() { file } else { doc }.to_owned(),
        name: name.to_owned(),
    })
}

fn parse_object(json: &Json, at: &str, file: &str) -> Result<Object> {
    match json.get("additionalProperties") {
        Some(Json::Bool(false)) => {}
        _ => {
            return Err(Error::new(
                at,
                "an object must say \"additionalProperties\": false (the generated type refuses unknown members \
                 rather than drop them)",
            ));
        }
    }
    let mut properties = Vec::new();
    match json.get("properties") {
        None => {}
        Some(Json::Object(members)) => {
            for (name, schema) in members {
                let node = parse_node(
                    schema,
                    &format!("{at}/properties/{}", escape(name)),
                    file,
                    Place::Member,
                )?;
                properties.push(Property {
                    name: name.clone(),
                    required: false,
                    node,
                });
            }
        }
        Some(other) => {
            return Err(Error::new(
                at,
                format!("properties must be an object, not {}", other.type_name()),
            ));
        }
    }
    for name in string_list(json, "required", at, true)?.unwrap_or_default() {
        match properties.iter_mut().find(|p| p.name == name) {
            Some(property) => property.required = true,
            None => {
                return Err(Error::new(
                    at,
                    format!("required member {name:?} is not in properties"),
                ));
            }
        }
    }
    Ok(Object { properties })
}

fn parse_string(json: &Json, at: &str) -> Result<StringKind> {
    let fail = |message: &str| Err(Error::new(at, message));
    let pattern = match json.get("pattern") {
        None => None,
        Some(Json::String(pattern)) => {
            if let Err(e) = regex::Regex::new(pattern) {
                return Err(Error::new(
                    at,
                    format!("pattern {pattern:?} does not compile in the regex crate: {e}"),
                ));
            }
            Some(pattern.clone())
        }
        Some(other) => {
            return Err(Error::new(
                at,
                format!("pattern must be a string, not {}", other.type_name()),
            ));
        }
    };
    let format = match json.get("format") {
        None => None,
        Some(Json::String(f)) if f == "date-time" => Some(Format::DateTime),
        Some(Json::String(f)) => {
            return Err(Error::new(at, format!("unsupported format {f:?}")));
        }
        Some(other) => {
            return Err(Error::new(
                at,
                format!("format must be a string, not {}", other.type_name()),
            ));
        }
    };
    let values = string_list(json, "enum", at, false)?;
    let known = string_list(json, "x-known-values", at, false)?;
    let constrained = pattern.is_some() || format.is_some();
    match (values, known) {
        (Some(_), Some(_)) => fail("enum and x-known-values together are unsupported"),
        (Some(_), None) | (None, Some(_)) if constrained => fail(
            "a value list (enum or x-known-values) together with pattern or format is unsupported",
        ),
        (Some(values), None) => Ok(StringKind::Enum(values)),
        (None, Some(known)) => Ok(StringKind::KnownValues(known)),
        (None, None) if constrained => Ok(StringKind::Constrained { pattern, format }),
        (None, None) => Ok(StringKind::Plain),
    }
}

/// A keyword holding a list of distinct strings, such as `required` (may be empty) or `enum` (may not).
fn string_list(
    json: &Json,
    keyword: &str,
    at: &str,
    may_be_empty: bool,
) -> Result<Option<Vec<String>>> {
    let Some(value) = json.get(keyword) else {
        return Ok(None);
    };
    let what = if may_be_empty {
        "an array"
    } else {
        "a non-empty array"
    };
    let fail = || Error::new(at, format!("{keyword} must be {what} of distinct strings"));
    let Json::Array(items) = value else {
        return Err(fail());
    };
    let strings: Vec<String> = items
        .iter()
        .map(|item| item.as_str().map(str::to_owned).ok_or_else(fail))
        .collect::<Result<_>>()?;
    let distinct: BTreeSet<&String> = strings.iter().collect();
    if (strings.is_empty() && !may_be_empty) || distinct.len() != strings.len() {
        return Err(fail());
    }
    Ok(Some(strings))
}

/// Whether `text` is lower-case ASCII words joined by single hyphens (`gstin-or-urp`).
fn is_kebab(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Reads an `x-document` annotation.
fn parse_document(json: &Json, at: &str) -> Result<DocumentDecl> {
    let Json::Object(members) = json else {
        return Err(Error::new(
            at,
            format!("x-document must be an object, not {}", json.type_name()),
        ));
    };
    only(
        members,
        &["kind", "endpoint", "detect", "received"],
        at,
        "in \"x-document\"",
    )?;
    let kind = match json.get("kind") {
        Some(Json::String(kind)) if is_kebab(kind) => kind.clone(),
        _ => {
            return Err(Error::new(
                at,
                "x-document needs a \"kind\": lower-case words joined by '-', such as \"create-invoice\"",
            ));
        }
    };
    let endpoint = match json.get("endpoint") {
        None => None,
        Some(Json::String(endpoint))
            if endpoint.split_once(' ').is_some_and(|(method, path)| {
                !method.is_empty()
                    && method.bytes().all(|b| b.is_ascii_uppercase())
                    && path.starts_with('/')
                    && !path.contains(char::is_whitespace)
            }) =>
        {
            Some(endpoint.clone())
        }
        Some(_) => {
            return Err(Error::new(
                at,
                "\"endpoint\" must be an HTTP method and an absolute path, such as \"POST /api/v0/invoice/req-send-invoice\"",
            ));
        }
    };
    let flag = |name: &str, default: bool| match json.get(name) {
        None => Ok(default),
        Some(Json::Bool(value)) => Ok(*value),
        Some(other) => Err(Error::new(
            at,
            format!("\"{name}\" must be a boolean, not {}", other.type_name()),
        )),
    };
    Ok(DocumentDecl {
        kind,
        endpoint,
        detect: flag("detect", true)?,
        received: flag("received", false)?,
    })
}
