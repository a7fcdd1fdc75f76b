//! The generator's golden outputs (`xtask/tests/golden/*/expected.rs`), compiled here, against this crate's
//! support code and under its lints, so that a golden file that does not build (or warns) fails the tests.
//! `xtask`'s golden test checks that every case is listed.
//!
//! And the compile-time half of "an optional member is not a breaking change": the same downstream code,
//! which builds documents with `new` and the `with_` setters only, compiles against the `object` case and
//! against `object-grown`, the same schema with an optional member added to every object (`xtask`'s growth
//! test checks that it is), and writes the same JSON.

#![allow(dead_code, reason = "the golden types are compiled, not used")]

#[rustfmt::skip]
#[path = "../../../xtask/tests/golden/array/expected.rs"]
mod array;
#[rustfmt::skip]
#[path = "../../../xtask/tests/golden/closed-enum/expected.rs"]
mod closed_enum;
#[rustfmt::skip]
#[path = "../../../xtask/tests/golden/number-integer/expected.rs"]
mod number_integer;
#[rustfmt::skip]
#[path = "../../../xtask/tests/golden/object/expected.rs"]
mod object;
#[rustfmt::skip]
#[path = "../../../xtask/tests/golden/object-grown/expected.rs"]
mod object_grown;
#[rustfmt::skip]
#[path = "../../../xtask/tests/golden/open-enum/expected.rs"]
mod open_enum;
#[rustfmt::skip]
#[path = "../../../xtask/tests/golden/pattern/expected.rs"]
mod pattern;
#[rustfmt::skip]
#[path = "../../../xtask/tests/golden/ref-description/expected.rs"]
mod ref_description;

/// Code a user writes against the `object` case's types: `new` for the required members, `with_` setters
/// for the optional ones, fields read by name. It must compile unchanged against any growth of the schema
/// by optional members.
macro_rules! downstream {
    ($types:ident) => {
        use super::$types::{Contact, PartyRequest};

        pub(super) fn build() -> PartyRequest {
            PartyRequest::new("BCB2B00000123456", "supplier", 0)
                .with_lgl_nm("Kaveri Textiles")
                .with_contact(Contact::new().with_e_mail("accounts@example.test"))
        }

        pub(super) fn e_mail(party: &PartyRequest) -> Option<&str> {
            party.contact.as_ref()?.e_mail.as_deref()
        }
    };
}

mod downstream_of_object {
    downstream!(object);
}

mod downstream_of_object_grown {
    downstream!(object_grown);
}

#[test]
fn code_built_with_new_and_setters_builds_the_same_document_after_an_optional_member_is_added() {
    let before = downstream_of_object::build();
    let after = downstream_of_object_grown::build();
    assert_eq!(
        downstream_of_object::e_mail(&before),
        downstream_of_object_grown::e_mail(&after)
    );
    // An absent optional member is left out, so the wire text does not change either.
    assert_eq!(
        serde_json::to_string(&before).unwrap(),
        serde_json::to_string(&after).unwrap()
    );
}
