//! The generator's golden outputs (`xtask/tests/golden/*/expected.rs`), compiled here, against this crate's
//! support code and under its lints, so that a golden file that does not build (or warns) fails the tests.
//! `xtask`'s golden test checks that every case is listed.

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
#[path = "../../../xtask/tests/golden/open-enum/expected.rs"]
mod open_enum;
#[rustfmt::skip]
#[path = "../../../xtask/tests/golden/pattern/expected.rs"]
mod pattern;
#[rustfmt::skip]
#[path = "../../../xtask/tests/golden/ref-description/expected.rs"]
mod ref_description;
