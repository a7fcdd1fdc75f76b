//! Single-file schemas: for every document root, the root with every shared definition it reaches copied in
//! under its own `$defs`, and every `$ref` made local (`#/$defs/<name>`).
//!
//! The split files under `schema/` are the source of truth and what the generator and the validator read;
//! the bundles are the product for other tools (ajv, check-jsonschema, jsonschema-cli, Python's `jsonschema`,
//! cargo-typify, generators of other languages), which load one self-contained file without a registry, a
//! base URI or the network.
//!
//! Identity: a split file's `$id` (`https://bc-invoice.dev/schema/v1/<file>`) is a name that host does not
//! serve. A bundle gets a URN instead, `urn:bc-invoice:schema:<version>:<kind>`, which no tool tries to
//! fetch, which never collides with the split root it comes from when both sit in one registry, and under
//! which `#/$defs/…` resolves inside the bundle itself. `<version>` is the segment before the file name in
//! the split root's `$id` (`v1`).
//!
//! Members keep the source order: the root's own members first (with its `$id` replaced and a `$comment`
//! saying where the file comes from), then `$defs` with the definitions the root reaches, in the order of
//! the files they come from (the root's file first, then the others by name) and, within a file, the file's
//! order.

use std::collections::BTreeSet;

use crate::json::Json;
use crate::model::{Error, Schema, SchemaFile};

/// Where the bundles go, relative to the workspace root.
pub const BUNDLE_DIR: &str = "schema/bundled";

/// The URN prefix of a bundle's `$id`.
pub const ID_PREFIX: &str = "urn:bc-invoice:schema:";

/// Keywords whose values are data, not schemas: a `$ref` inside them is not a reference.
const DATA_KEYWORDS: &[&str] = &["examples", "enum", "const", "default", "x-known-values"];

/// The schema files, read twice: as the typed model (which checks them, and names each root's kind) and as
/// order-preserving JSON (which keeps every keyword, including those the model does not read).
pub(crate) struct Sources {
    /// The model.
    pub(crate) schema: Schema,
    /// `(file name, JSON)`, in the model's order (by file name).
    pub(crate) files: Vec<(String, Json)>,
}

impl Sources {
    /// Reads and checks schema files given as `(file name, JSON text)`.
    pub(crate) fn parse(sources: &[(String, String)]) -> Result<Sources, Error> {
        let schema = Schema::parse(sources)?;
        let mut files = Vec::new();
        for file in &schema.files {
            let (name, text) = sources
                .iter()
                .find(|(name, _)| *name == file.name)
                .expect("the model holds the files it was given");
            let json = Json::parse(text)
                .map_err(|e| Error::new(name.as_str(), format!("not JSON: {e}")))?;
            files.push((name.clone(), json));
        }
        Ok(Sources { schema, files })
    }

    /// The files that describe a document, with their JSON.
    pub(crate) fn roots(&self) -> impl Iterator<Item = (&SchemaFile, &Json)> {
        self.schema
            .files
            .iter()
            .zip(&self.files)
            .filter(|(file, _)| file.document.is_some())
            .map(|(file, (_, json))| (file, json))
    }

    fn json(&self, file: &str) -> Option<&Json> {
        self.files
            .iter()
            .find(|(name, _)| name == file)
            .map(|(_, json)| json)
    }

    /// The `$defs` entry `name` of `file`.
    pub(crate) fn def(&self, target: &Target) -> Option<&Json> {
        self.json(&target.file)?.get("$defs")?.get(&target.name)
    }

    /// Every `$defs` entry reachable from `roots` (each given as its file and its schema), transitively, in
    /// bundle order: the files in the order given by `file_order`, and within a file, the file's order.
    pub(crate) fn reachable(
        &self,
        roots: &[(&str, &Json)],
        file_order: &[&str],
    ) -> Result<Vec<Target>, Error> {
        let mut seen: BTreeSet<Target> = BTreeSet::new();
        let mut todo: Vec<Target> = Vec::new();
        for (file, json) in roots {
            collect_refs(json, file, &mut todo)?;
        }
        while let Some(target) = todo.pop() {
            if seen.contains(&target) {
                continue;
            }
            let Some(def) = self.def(&target) else {
                return Err(Error::new(
                    target.file.as_str(),
                    format!("$ref to #/$defs/{} does not resolve", target.name),
                ));
            };
            collect_refs(def, &target.file, &mut todo)?;
            seen.insert(target);
        }
        let mut ordered = Vec::new();
        for file in file_order {
            let Some(Json::Object(defs)) = self.json(file).and_then(|j| j.get("$defs")) else {
                continue;
            };
            for (name, _) in defs {
                let target = Target {
                    file: (*file).to_owned(),
                    name: name.clone(),
                };
                if seen.contains(&target) {
                    ordered.push(target);
                }
            }
        }
        // Two files may define the same name; one place to put them means one of them must be renamed.
        let mut names = BTreeSet::new();
        for target in &ordered {
            if !names.insert(target.name.as_str()) {
                let other = ordered
                    .iter()
                    .find(|t| t.name == target.name)
                    .expect("seen before");
                return Err(Error::new(
                    format!("{}#/$defs/{}", target.file, target.name),
                    format!(
                        "{} also defines {:?} and both are used together: rename one, since a single-file \
                         schema has one $defs",
                        other.file, target.name
                    ),
                ));
            }
        }
        Ok(ordered)
    }
}

/// A `$defs` entry of a schema file, as a `$ref` names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Target {
    /// The file.
    pub(crate) file: String,
    /// The name in its `$defs`.
    pub(crate) name: String,
}

/// Reads a `$ref` found in `file`: `#/$defs/<name>` or `<file>#/$defs/<name>`.
fn parse_ref(reference: &str, file: &str) -> Result<Target, Error> {
    let unsupported = || {
        Error::new(
            file,
            format!(
                "$ref {reference:?} cannot be bundled: only \"#/$defs/<name>\" and \"<file>#/$defs/<name>\" are"
            ),
        )
    };
    let (doc, pointer) = reference.split_once('#').ok_or_else(unsupported)?;
    let name = pointer.strip_prefix("/$defs/").ok_or_else(unsupported)?;
    if name.is_empty() || name.contains(['/', '~', '%']) || doc.contains('/') {
        return Err(unsupported());
    }
    Ok(Target {
        file: if doc.is_empty() { file } else { doc }.to_owned(),
        name: name.to_owned(),
    })
}

/// Pushes the target of every `$ref` in `json` (a schema of `file`) onto `out`.
fn collect_refs(json: &Json, file: &str, out: &mut Vec<Target>) -> Result<(), Error> {
    match json {
        Json::Object(members) => {
            for (key, value) in members {
                match (key.as_str(), value) {
                    ("$ref", Json::String(reference)) => out.push(parse_ref(reference, file)?),
                    (key, _) if DATA_KEYWORDS.contains(&key) => {}
                    _ => collect_refs(value, file, out)?,
                }
            }
        }
        Json::Array(items) => {
            for item in items {
                collect_refs(item, file, out)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// A copy of `json` (a schema of `file`) with every `$ref` rewritten to `to(target)`.
pub(crate) fn rewrite_refs(
    json: &Json,
    file: &str,
    to: &dyn Fn(&Target) -> String,
) -> Result<Json, Error> {
    Ok(match json {
        Json::Object(members) => Json::Object(
            members
                .iter()
                .map(|(key, value)| {
                    let value = match (key.as_str(), value) {
                        ("$ref", Json::String(reference)) => {
                            Json::String(to(&parse_ref(reference, file)?))
                        }
                        (key, _) if DATA_KEYWORDS.contains(&key) => value.clone(),
                        _ => rewrite_refs(value, file, to)?,
                    };
                    Ok((key.clone(), value))
                })
                .collect::<Result<_, Error>>()?,
        ),
        Json::Array(items) => Json::Array(
            items
                .iter()
                .map(|item| rewrite_refs(item, file, to))
                .collect::<Result<_, Error>>()?,
        ),
        other => other.clone(),
    })
}

/// The bundle's `$id` for the root `file` of `kind`.
fn bundle_id(root: &Json, kind: &str) -> String {
    let version = root
        .get("$id")
        .and_then(Json::as_str)
        .and_then(|id| id.rsplit('/').nth(1))
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.'));
    match version {
        Some(version) => format!("{ID_PREFIX}{version}:{kind}"),
        None => format!("{ID_PREFIX}{kind}"),
    }
}

/// The path, relative to the workspace root, of the bundle of `kind`.
pub fn bundle_path(kind: &str) -> String {
    format!("{BUNDLE_DIR}/{kind}.schema.json")
}

/// The single-file schema of every document root in schema files given as `(file name, JSON text)`: one
/// `(path relative to the workspace root, pretty-printed JSON)` per root, in the order of the root files'
/// names.
pub fn bundles(sources: &[(String, String)]) -> Result<Vec<(String, String)>, Error> {
    let sources = Sources::parse(sources)?;
    let mut out = Vec::new();
    for (file, json) in sources.roots() {
        let kind = &file.document.as_ref().expect("roots have one").kind;
        let bundle = bundle(&sources, &file.name, json, kind)?;
        out.push((bundle_path(kind), bundle.to_pretty_string()));
    }
    Ok(out)
}

fn bundle(sources: &Sources, file: &str, root: &Json, kind: &str) -> Result<Json, Error> {
    let Json::Object(members) = root else {
        unreachable!("the model checked that a root is an object")
    };
    let mut file_order: Vec<&str> = vec![file];
    file_order.extend(
        sources
            .files
            .iter()
            .map(|(name, _)| name.as_str())
            .filter(|name| *name != file),
    );
    // The root's own `$defs` are reached only through its references, like any other file's.
    let schema_part: Vec<(String, Json)> = members
        .iter()
        .filter(|(k, _)| k != "$defs")
        .cloned()
        .collect();
    let defs = sources.reachable(&[(file, &Json::Object(schema_part))], &file_order)?;
    let local = |target: &Target| format!("#/$defs/{}", target.name);

    let mut used: Vec<&str> = vec![file];
    for target in &defs {
        if !used.contains(&target.file.as_str()) {
            used.push(&target.file);
        }
    }
    let from = used
        .iter()
        .map(|f| format!("schema/{f}"))
        .collect::<Vec<_>>()
        .join(" and ");
    let comment = format!(
        "Generated by `cargo xtask gen` from {from}: edit those, not this file. Every $ref is local \
         (#/$defs/...); the $id is a name, not a location, and nothing fetches it."
    );

    let mut out: Vec<(String, Json)> = Vec::new();
    let mut commented = false;
    for (key, value) in members {
        match key.as_str() {
            "$defs" => {}
            "$id" => {
                out.push((key.clone(), Json::String(bundle_id(root, kind))));
                out.push(("$comment".to_owned(), Json::String(comment.clone())));
                commented = true;
            }
            "$comment" => {}
            _ => out.push((key.clone(), rewrite_refs(value, file, &local)?)),
        }
    }
    if !commented {
        let at = usize::from(out.first().is_some_and(|(k, _)| k == "$schema"));
        out.insert(at, ("$id".to_owned(), Json::String(bundle_id(root, kind))));
        out.insert(at + 1, ("$comment".to_owned(), Json::String(comment)));
    }
    if !defs.is_empty() {
        let mut entries = Vec::new();
        for target in &defs {
            let def = sources.def(target).expect("reachable entries resolve");
            entries.push((
                target.name.clone(),
                rewrite_refs(def, &target.file, &local)?,
            ));
        }
        out.push(("$defs".to_owned(), Json::Object(entries)));
    }
    Ok(Json::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ref_that_is_not_a_definition_cannot_be_bundled() {
        for reference in [
            "#",
            "#/properties/a",
            "common.schema.json",
            "x/common.schema.json#/$defs/a",
        ] {
            let error = parse_ref(reference, "a.schema.json").unwrap_err();
            assert!(error.message.contains("cannot be bundled"), "{error}");
        }
        assert_eq!(
            parse_ref("#/$defs/item", "common.schema.json").unwrap(),
            Target {
                file: "common.schema.json".to_owned(),
                name: "item".to_owned()
            }
        );
    }
}
