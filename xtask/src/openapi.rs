//! The OpenAPI 3.1 description of the endpoints, generated from the schema.
//!
//! Each document root whose `x-document` names an `endpoint` becomes an operation on that method and path,
//! with the root as its required JSON request body. A root without an endpoint answers every endpoint (the
//! response envelope): it is every operation's `200` response (several such roots: any of them). Two roots
//! on one endpoint make a body that may be either.
//!
//! Every schema is a named component under `#/components/schemas/`: each root under its kind, each shared
//! definition it reaches under its `$defs` name, and every `$ref` is rewritten to point there. Components
//! carry no `$id` and no `$schema`: an `$id` inside a component would change the base URI of the
//! `#/components/…` references under it, and they would no longer resolve in the OpenAPI document. The
//! annotations (`x-document`, `x-role`, `x-known-values`) stay: OpenAPI 3.1 schemas are JSON Schema 2020-12,
//! where an unknown keyword is an annotation.

use crate::bundle::{Sources, Target, rewrite_refs};
use crate::json::Json;
use crate::model::{Error, SchemaFile};

/// Where the OpenAPI description goes, relative to the workspace root.
pub const OPENAPI_FILE: &str = "schema/openapi.json";

/// The OpenAPI version written.
const OPENAPI_VERSION: &str = "3.1.0";

fn string(text: impl Into<String>) -> Json {
    Json::String(text.into())
}

fn object(members: Vec<(&str, Json)>) -> Json {
    Json::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

fn schema_ref(name: &str) -> Json {
    object(vec![(
        "$ref",
        string(format!("#/components/schemas/{name}")),
    )])
}

/// One of several schemas, or the one.
fn any_of(names: &[&str]) -> Json {
    match names {
        [one] => schema_ref(one),
        _ => object(vec![(
            "anyOf",
            Json::Array(names.iter().map(|n| schema_ref(n)).collect()),
        )]),
    }
}

/// `create-invoice` → `createInvoice`.
fn camel(kind: &str) -> String {
    let mut out = String::new();
    for (i, word) in kind.split('-').enumerate() {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            if i == 0 {
                out.push(first);
            } else {
                out.extend(first.to_uppercase());
            }
            out.extend(chars);
        }
    }
    out
}

/// A document root, as the description uses it.
struct Root<'a> {
    file: &'a SchemaFile,
    json: &'a Json,
    kind: &'a str,
    /// The lower-case method and the path, for a root that is the body of an endpoint.
    endpoint: Option<(String, &'a str)>,
    /// Whether the partner receives it from the platform (a webhook).
    received: bool,
}

impl Root<'_> {
    fn title(&self) -> &str {
        self.file.title.as_deref().unwrap_or(self.kind)
    }

    fn description(&self) -> Option<&str> {
        self.json.get("description").and_then(Json::as_str)
    }
}

/// The operations on one path: each method with the roots that are its body.
type PathItem<'r, 'a> = (&'a str, Vec<(String, Vec<&'r Root<'a>>)>);

/// The OpenAPI 3.1 description of the endpoints of schema files given as `(file name, JSON text)`:
/// `(path relative to the workspace root, pretty-printed JSON)`.
pub fn openapi(sources: &[(String, String)]) -> Result<(String, String), Error> {
    let sources = Sources::parse(sources)?;
    let roots: Vec<Root> = sources
        .roots()
        .map(|(file, json)| {
            let decl = file.document.as_ref().expect("roots have one");
            let endpoint = decl.endpoint.as_deref().map(|endpoint| {
                let (method, path) = endpoint
                    .split_once(' ')
                    .expect("the model checked METHOD /path");
                (method.to_lowercase(), path)
            });
            Root {
                file,
                json,
                kind: &decl.kind,
                endpoint,
                received: decl.received,
            }
        })
        .collect();
    let schemas = components(&sources, &roots)?;
    let ok = ok_response(&roots);

    // Documents the partner receives (x-document.received) are webhooks the platform calls on the partner's
    // server: OpenAPI 3.1 describes those under `webhooks`, by name, not under `paths`.
    let webhooks: Vec<(String, Json)> = roots
        .iter()
        .filter(|root| root.received)
        .filter_map(|root| {
            let (method, path) = root.endpoint.as_ref()?;
            let mut operation = operation(&[root], &received_response());
            if let Json::Object(members) = &mut operation {
                members.insert(
                    1,
                    (
                        "x-partner-path".to_owned(),
                        string(format!("{path} on the partner's server")),
                    ),
                );
            }
            Some((
                root.kind.to_owned(),
                Json::Object(vec![(method.clone(), operation)]),
            ))
        })
        .collect();

    // Operations, grouped by path in the order first met, methods in the order met.
    let mut paths: Vec<PathItem> = Vec::new();
    for root in roots.iter().filter(|root| !root.received) {
        let Some((method, path)) = &root.endpoint else {
            continue;
        };
        let at = match paths.iter().position(|(p, _)| p == path) {
            Some(at) => at,
            None => {
                paths.push((path, Vec::new()));
                paths.len() - 1
            }
        };
        let operations = &mut paths[at].1;
        match operations.iter_mut().find(|(m, _)| m == method) {
            Some((_, bodies)) => bodies.push(root),
            None => operations.push((method.clone(), vec![root])),
        }
    }
    let path_items: Vec<(String, Json)> = paths
        .into_iter()
        .map(|(path, operations)| {
            let items = operations
                .into_iter()
                .map(|(method, bodies)| (method, operation(&bodies, &ok)))
                .collect();
            (path.to_owned(), Json::Object(items))
        })
        .collect();

    let document = object(vec![
        ("openapi", string(OPENAPI_VERSION)),
        (
            "info",
            object(vec![
                ("title", string("Bharat Connect B2B documents (EnKash API)")),
                ("version", string(env!("CARGO_PKG_VERSION"))),
                (
                    "description",
                    string(
                        "The Bharat Connect B2B endpoints of the EnKash developer portal, with their request bodies \
                         and the response envelope. Generated by `cargo xtask gen` from \
                         schema/*.schema.json: edit those, not this file. The portal gives paths without a host, \
                         and its endpoint pages show no authentication scheme (the portal's authorization pages \
                         are separate): ask EnKash for the host of your environment and its credentials. Amounts are JSON numbers whose digits matter (185.50 is not 185.5 to a \
                         reader of the text): read them as decimals, not floating-point numbers.",
                    ),
                ),
                (
                    "license",
                    object(vec![
                        ("name", string("MIT OR Apache-2.0")),
                        ("identifier", string("MIT OR Apache-2.0")),
                    ]),
                ),
            ]),
        ),
        (
            "servers",
            Json::Array(vec![object(vec![
                ("url", string("/")),
                (
                    "description",
                    string(
                        "The host EnKash gives you for your environment: the portal documents paths only.",
                    ),
                ),
            ])]),
        ),
        ("paths", Json::Object(path_items.into_iter().collect())),
        ("webhooks", Json::Object(webhooks)),
        ("components", object(vec![("schemas", schemas)])),
    ]);
    Ok((OPENAPI_FILE.to_owned(), document.to_pretty_string()))
}

/// `components.schemas`: the roots under their kinds, then every definition they reach under its name, with
/// every `$ref` pointing there.
fn components(sources: &Sources, roots: &[Root]) -> Result<Json, Error> {
    let file_order: Vec<&str> = sources.files.iter().map(|(n, _)| n.as_str()).collect();
    let reach: Vec<(&str, &Json)> = roots
        .iter()
        .map(|root| (root.file.name.as_str(), root.json))
        .collect();
    let defs = sources.reachable(&reach, &file_order)?;
    let component = |target: &Target| format!("#/components/schemas/{}", target.name);
    let mut schemas: Vec<(String, Json)> = Vec::new();
    for root in roots {
        let Json::Object(members) = root.json else {
            unreachable!("the model checked that a root is an object")
        };
        let kept: Vec<(String, Json)> = members
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "$schema" | "$id" | "$defs" | "$comment"))
            .map(|(k, v)| Ok((k.clone(), rewrite_refs(v, &root.file.name, &component)?)))
            .collect::<Result<_, Error>>()?;
        schemas.push((root.kind.to_owned(), Json::Object(kept)));
    }
    for target in &defs {
        if let Some(root) = roots.iter().find(|root| root.kind == target.name) {
            return Err(Error::new(
                format!("{}#/$defs/{}", target.file, target.name),
                format!(
                    "the OpenAPI component {:?} is both this definition and the document root of {}: \
                     rename one",
                    target.name, root.file.name
                ),
            ));
        }
        let def = sources.def(target).expect("reachable entries resolve");
        schemas.push((
            target.name.clone(),
            rewrite_refs(def, &target.file, &component)?,
        ));
    }
    Ok(Json::Object(schemas))
}

/// What the partner's server answers a webhook with: the portal does not say.
fn received_response() -> Json {
    object(vec![(
        "description",
        string(
            "Received. The portal does not document what the partner's server answers a webhook with.",
        ),
    )])
}

/// The `200` response: the roots without an endpoint, which answer every endpoint.
fn ok_response(roots: &[Root]) -> Json {
    let envelopes: Vec<&Root> = roots.iter().filter(|r| r.endpoint.is_none()).collect();
    let description = match envelopes.as_slice() {
        [] => "SUCCESS.".to_owned(),
        [one] => format!("SUCCESS: {}.", one.title()),
        _ => format!(
            "SUCCESS: one of {}.",
            envelopes
                .iter()
                .map(|r| r.kind)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut ok = vec![("description", string(description))];
    if !envelopes.is_empty() {
        let kinds: Vec<&str> = envelopes.iter().map(|r| r.kind).collect();
        ok.push(("content", json_body(&kinds)));
    }
    object(ok)
}

/// `{"application/json": {"schema": …}}` for a body that is one of the documents of `kinds`.
fn json_body(kinds: &[&str]) -> Json {
    object(vec![(
        "application/json",
        object(vec![("schema", any_of(kinds))]),
    )])
}

/// The operation whose request body is one of `bodies`.
fn operation(bodies: &[&Root], ok: &Json) -> Json {
    let kinds: Vec<&str> = bodies.iter().map(|r| r.kind).collect();
    let summary = bodies
        .iter()
        .map(|r| r.title())
        .collect::<Vec<_>>()
        .join(" or ");
    let description = bodies
        .iter()
        .filter_map(|r| r.description())
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut operation = vec![
        ("operationId", string(camel(&kinds.join("-or-")))),
        ("summary", string(summary)),
    ];
    if !description.is_empty() {
        operation.push(("description", string(description)));
    }
    operation.push((
        "requestBody",
        object(vec![
            ("required", Json::Bool(true)),
            ("content", json_body(&kinds)),
        ]),
    ));
    operation.push(("responses", object(vec![("200", ok.clone())])));
    object(operation)
}

#[cfg(test)]
mod tests {
    use super::camel;

    #[test]
    fn kinds_become_camel_case_operation_ids() {
        assert_eq!(camel("create-invoice"), "createInvoice");
        assert_eq!(camel("change-invoice-status"), "changeInvoiceStatus");
        assert_eq!(camel("pay"), "pay");
    }
}
