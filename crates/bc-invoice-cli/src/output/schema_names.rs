//! The member names the schema declares, which `--redact` may show: they are the schema's words, not a
//! document's data. Any other member name in a document may be misplaced data (an account number used
//! as a key) and is masked like a value.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde_json::Value;

/// The checked-in schema files, embedded (the same files the validator embeds).
const SCHEMA_FILES: [&str; 6] = [
    include_str!("../../../../schema/common.schema.json"),
    include_str!("../../../../schema/create-invoice.schema.json"),
    include_str!("../../../../schema/edit-invoice.schema.json"),
    include_str!("../../../../schema/confirm-invoice.schema.json"),
    include_str!("../../../../schema/change-invoice-status.schema.json"),
    include_str!("../../../../schema/api-response.schema.json"),
];

/// Every key of every `properties` object in the schema files, read once.
static NAMES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut names = HashSet::new();
    for text in SCHEMA_FILES {
        // The files are checked in and the validator's build checks them; an unreadable one only means
        // fewer names are shown, never more.
        if let Ok(schema) = serde_json::from_str::<Value>(text) {
            collect(&schema, &mut names);
        }
    }
    names
});

fn collect(value: &Value, names: &mut HashSet<String>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                if key == "properties"
                    && let Value::Object(properties) = member
                {
                    names.extend(properties.keys().cloned());
                }
                collect(member, names);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect(item, names)),
        _ => {}
    }
}

/// Whether `name`, exactly as written between the quotes, is a member name the schema declares.
pub fn is_schema_member(name: &[u8]) -> bool {
    std::str::from_utf8(name).is_ok_and(|name| NAMES.contains(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_names_are_known_and_data_is_not() {
        for name in [
            "objectId",
            "invoice",
            "response_code",
            "phoneNumber",
            "email",
        ] {
            assert!(is_schema_member(name.as_bytes()), "{name}");
        }
        for name in [
            "9820012345",
            "e-mail",
            "objectid",
            "",
            "object\\u0049d",
            "properties",
        ] {
            assert!(!is_schema_member(name.as_bytes()), "{name}");
        }
        assert!(NAMES.len() > 100, "{}", NAMES.len());
    }
}
