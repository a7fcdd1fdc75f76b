//! The tests' share of `cargo xtask gen`: `tests/src/generated.rs`, what the workspace's tests need of each
//! document kind's Rust type by name, so that a new kind needs no edit in them. Everything else the tests
//! do per kind goes through `bc_invoice_validate::AnyDocument`; this is what that cannot do (a type's
//! derived JSON Schema is a static function of the type).

use quote::quote;

use crate::emit::{HEADER, unparse};
use crate::model::{Error, Schema};
use crate::validator::{kinds, variants_and_types};

/// Where the tests' generated file goes, relative to the workspace root.
pub const TESTS_FILE: &str = "tests/src/generated.rs";

/// The tests' generated file for `schema`.
pub fn emit(schema: &Schema) -> Result<String, Error> {
    let kinds = kinds(schema)?;
    let (variants, types) = variants_and_types(&kinds);
    let tokens = quote! {
        use bc_invoice_validate::DocumentKind;

        /// The JSON Schema `schemars` derives from the root type of `kind`: what the generated types say a
        /// document of that kind is.
        pub fn derived_schema(kind: DocumentKind) -> schemars::Schema {
            match kind {
                #(DocumentKind::#variants => schemars::schema_for!(bc_invoice_types::#types),)*
                // `DocumentKind` is non-exhaustive, and this file is generated from the same kinds: a kind
                // not listed here means the file is stale.
                _ => panic!("no type for the kind {kind}: run `cargo xtask gen`"),
            }
        }
    };
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| Error::new("generator", format!("produced code syn cannot parse: {e}")))?;
    Ok(format!("{HEADER}\n{}", unparse(file)))
}
