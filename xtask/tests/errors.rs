//! The generator refuses what it does not support, with a message naming the schema path, instead of
//! guessing. One case per refusal.

use xtask::generate;

const HEAD: &str = r#""$schema": "https://json-schema.org/draft/2020-12/schema""#;

/// The error generating one file `doc.schema.json` (given without its `$schema` line, and without the
/// `x-document` annotation a document root needs) reports.
fn error(body: &str) -> String {
    let document = if body.contains(r#""type""#) && !body.trim_start().starts_with(r#""$defs""#) {
        r#""x-document": {"kind": "doc"}, "#
    } else {
        ""
    };
    bare_error(&format!("{document}{body}"))
}

/// The error generating one file `doc.schema.json` (given without its `$schema` line) reports.
fn bare_error(body: &str) -> String {
    let text = format!("{{{HEAD}, {body}}}");
    match generate(&[("doc.schema.json".to_owned(), text)]) {
        Ok(_) => panic!("generated code for {body}"),
        Err(e) => e.to_string(),
    }
}

/// A root object with one member `m`.
fn member(schema: &str) -> String {
    error(&format!(
        r#""type": "object", "properties": {{"m": {schema}}}, "additionalProperties": false"#
    ))
}

#[test]
fn unsupported_keywords_and_types_are_refused_where_they_are() {
    assert_eq!(
        member(r#"{"type": "string", "minLength": 1}"#),
        r#"doc.schema.json#/properties/m: unsupported keyword "minLength""#
    );
    assert_eq!(
        member(r#"{"type": "string", "items": {"type": "string"}}"#),
        r#"doc.schema.json#/properties/m: unsupported keyword "items" for type "string""#
    );
    assert_eq!(
        member(r##"{"$ref": "#/$defs/x", "examples": ["a"]}"##),
        r#"doc.schema.json#/properties/m: unsupported keyword "examples" next to "$ref""#
    );
    assert_eq!(
        member(r#"{"type": ["string", "null"]}"#),
        r#"doc.schema.json#/properties/m: a list of types is unsupported: give one "type""#
    );
    assert_eq!(
        member(r#"{"type": "boolean"}"#),
        r#"doc.schema.json#/properties/m: unsupported type "boolean""#
    );
    assert_eq!(
        member(r#"{"type": "string", "format": "email"}"#),
        r#"doc.schema.json#/properties/m: unsupported format "email""#
    );
    assert_eq!(
        member(r#"{"description": "no type"}"#),
        r#"doc.schema.json#/properties/m: no "type" and no "$ref""#
    );
    assert_eq!(
        error(r#""type": "object", "additionalProperties": false, "$comment": "x""#),
        r#"doc.schema.json#: unsupported keyword "$comment""#
    );
    assert_eq!(
        error(r#""$defs": {"a": {"type": "object", "additionalProperties": false, "$defs": {}}}"#),
        r#"doc.schema.json#/$defs/a: unsupported keyword "$defs""#
    );
}

#[test]
fn what_would_need_an_unnamed_type_is_refused() {
    assert_eq!(
        member(r#"{"type": "object", "additionalProperties": false}"#),
        "doc.schema.json#/properties/m: this object would need a Rust type of its own: make it a $defs entry \
         (its name names the type) and $ref it"
    );
    assert_eq!(
        member(r#"{"type": "array", "items": {"type": "string", "enum": ["A"]}}"#),
        "doc.schema.json#/properties/m/items: this enum would need a Rust type of its own: make it a $defs \
         entry (its name names the type) and $ref it"
    );
    assert_eq!(
        member(r#"{"type": "string", "pattern": "^a$"}"#),
        "doc.schema.json#/properties/m: this constrained string would need a Rust type of its own: make it a \
         $defs entry (its name names the type) and $ref it"
    );
    assert_eq!(
        error(r#""$defs": {"count": {"type": "integer"}}"#),
        "doc.schema.json#/$defs/count: a $defs entry must be an object, an enum, an x-known-values list or a \
         pattern- or format-constrained string (each becomes a named Rust type); this one is a plain integer"
    );
    assert_eq!(
        error(r#""type": "string""#),
        "doc.schema.json#: a document root must be an object"
    );
}

#[test]
fn objects_must_refuse_unknown_members_and_require_their_own_properties() {
    assert_eq!(
        error(r#""type": "object""#),
        "doc.schema.json#: an object must say \"additionalProperties\": false (the generated type refuses \
         unknown members rather than drop them)"
    );
    assert_eq!(
        error(r#""type": "object", "required": ["x"], "additionalProperties": false"#),
        r#"doc.schema.json#: required member "x" is not in properties"#
    );
    assert_eq!(
        error(
            r#""type": "object", "additionalProperties": false,
               "properties": {"b2bId": {"type": "string"}, "b2b_id": {"type": "string"}}"#
        ),
        r#"doc.schema.json#/properties/b2b_id: "b2b_id" would be the field b2b_id, already taken by "b2bId""#
    );
}

#[test]
fn references_must_name_a_definition_that_exists() {
    assert_eq!(
        member(r##"{"$ref": "#/$defs/missing"}"##),
        "doc.schema.json#/properties/m: $ref doc.schema.json#/$defs/missing does not resolve"
    );
    assert_eq!(
        member(r##"{"$ref": "#/properties/other"}"##),
        "doc.schema.json#/properties/m: unsupported $ref \"#/properties/other\": only \"#/$defs/<name>\" and \
         \"<file>#/$defs/<name>\" are supported"
    );
    assert_eq!(
        member(r#"{"$ref": "other.schema.json#/$defs/x"}"#),
        "doc.schema.json#/properties/m: $ref other.schema.json#/$defs/x does not resolve"
    );
}

#[test]
fn values_and_patterns_must_make_rust_names_and_compile() {
    assert_eq!(
        error(r#""$defs": {"a": {"type": "string", "enum": ["B2B", "b2b"]}}"#),
        r#"doc.schema.json#/$defs/a: "b2b" would be the variant B2b, already taken by "B2B""#
    );
    assert_eq!(
        error(r#""$defs": {"a": {"type": "string", "x-known-values": ["UNKNOWN"]}}"#),
        r#"doc.schema.json#/$defs/a: "UNKNOWN" would be the variant Unknown, already taken by the fallback variant"#
    );
    assert_eq!(
        error(r#""$defs": {"a": {"type": "string", "enum": ["1"]}}"#),
        r#"doc.schema.json#/$defs/a: cannot make a Rust variant name of "1""#
    );
    assert_eq!(
        error(r#""$defs": {"a": {"type": "string", "pattern": "(?<=a)b"}}"#)
            .lines()
            .next()
            .unwrap(),
        r#"doc.schema.json#/$defs/a: pattern "(?<=a)b" does not compile in the regex crate: regex parse error:"#
    );
    assert_eq!(
        error(r#""$defs": {"string": {"type": "string", "pattern": "a"}}"#),
        r#"doc.schema.json#/$defs/string: "string" would be the type String, already taken by the generated code"#
    );
    assert_eq!(
        error(r#""$defs": {"a": {"type": "string", "enum": []}}"#),
        "doc.schema.json#/$defs/a: enum must be a non-empty array of distinct strings"
    );
}

#[test]
fn two_schema_names_may_not_make_one_type() {
    let defs = r#"{"$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": {"docRequest": {"type": "string", "pattern": "a"}}}"#;
    let root = format!(
        "{{{HEAD}, \"x-document\": {{\"kind\": \"doc\"}}, \"type\": \"object\", \"additionalProperties\": false}}"
    );
    let error = generate(&[
        ("common.schema.json".to_owned(), defs.to_owned()),
        ("doc.schema.json".to_owned(), root),
    ])
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"doc.schema.json#: "doc.schema.json" would be the type DocRequest, already taken by "docRequest""#
    );
}

#[test]
fn a_file_must_declare_draft_2020_12() {
    let text = r#"{"$schema": "http://json-schema.org/draft-07/schema#", "$defs": {}}"#;
    let error = generate(&[("doc.schema.json".to_owned(), text.to_owned())]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "doc.schema.json#: unsupported $schema \"http://json-schema.org/draft-07/schema#\": only \
         \"https://json-schema.org/draft/2020-12/schema\""
    );
}

#[test]
fn document_roots_declare_their_kind_and_roles_sit_on_members() {
    let root = r#""type": "object", "additionalProperties": false"#;
    assert_eq!(
        bare_error(root),
        r#"doc.schema.json#: a document root needs "x-document": {"kind": …, "endpoint": …} (see ARCHITECTURE.md)"#
    );
    assert_eq!(
        bare_error(r#""x-document": {"kind": "doc"}, "$defs": {}"#),
        r#"doc.schema.json#/x-document: "x-document" belongs on a file with a document root (a "type")"#
    );
    assert_eq!(
        bare_error(&format!(r#""x-document": {{"kind": "Doc"}}, {root}"#)),
        r#"doc.schema.json#/x-document: x-document needs a "kind": lower-case words joined by '-', such as "create-invoice""#
    );
    assert_eq!(
        bare_error(&format!(
            r#""x-document": {{"kind": "doc", "endpoint": "req-send"}}, {root}"#
        )),
        r#"doc.schema.json#/x-document: "endpoint" must be an HTTP method and an absolute path, such as "POST /api/v0/invoice/req-send-invoice""#
    );
    assert_eq!(
        bare_error(&format!(
            r#""x-document": {{"kind": "doc", "wrapper": "x"}}, {root}"#
        )),
        r#"doc.schema.json#/x-document: unsupported keyword "wrapper" in "x-document""#
    );
    assert_eq!(
        member(r#"{"type": "string", "x-role": "GSTIN"}"#),
        r#"doc.schema.json#/properties/m: x-role must be a kebab-case string such as "gstin", not a string in another case"#
    );
    let two = |kind: &str| {
        (
            format!("{kind}.schema.json"),
            format!(r#"{{{HEAD}, "x-document": {{"kind": "same"}}, {root}}}"#),
        )
    };
    assert_eq!(
        generate(&[two("a"), two("b")]).unwrap_err().to_string(),
        r#"b.schema.json#/x-document/kind: kind "same" is declared by another file too"#
    );
}
