//! The dispatch: [`All`] calls a hook of every rule, in the catalogue's order, made from the list of
//! `for_each_rule!` (`super::catalogue`), so registering a rule there is all it takes for its hooks to run.

use rust_decimal::Decimal;

use super::catalogue::{RuleId, for_each_rule};
use super::facts::Fact;
use super::hooks::{
    Check, Gstin, Invoice, Item, PaidInvoice, Party, Payment, Sink, Totals, Version,
};

/// Makes [`All`], which calls a hook of every rule in the catalogue's order, from the list of
/// [`for_each_rule!`]. A rule that is off (`allow`) is not called: its work would find nothing anyone
/// keeps (a rule whose hook is empty costs no test either: the compiler drops it).
macro_rules! define_dispatch {
    ($($variant:ident => $module:ident,)*) => {
        /// Every rule's hooks, in the catalogue's order.
        pub(super) struct All;

        #[allow(clippy::needless_pass_by_value)]
        impl All {
            pub(super) fn gstin(out: &mut Sink<'_>, gstin: &Gstin<'_, '_>) {
                $(if out.on(RuleId::$variant) { <super::catalogue::$module::Hook as Check>::gstin(out, RuleId::$variant, gstin); })*
            }
            pub(super) fn party(out: &mut Sink<'_>, party: &Party<'_, '_>) {
                $(if out.on(RuleId::$variant) { <super::catalogue::$module::Hook as Check>::party(out, RuleId::$variant, party); })*
            }
            pub(super) fn item(out: &mut Sink<'_>, item: &Item<'_>) {
                $(if out.on(RuleId::$variant) { <super::catalogue::$module::Hook as Check>::item(out, RuleId::$variant, item); })*
            }
            pub(super) fn round_off(out: &mut Sink<'_>, value: &Fact<'_>, amount: Decimal) {
                $(if out.on(RuleId::$variant) { <super::catalogue::$module::Hook as Check>::round_off(out, RuleId::$variant, value, amount); })*
            }
            pub(super) fn invoice(out: &mut Sink<'_>, invoice: &Invoice<'_, '_>) {
                $(if out.on(RuleId::$variant) { <super::catalogue::$module::Hook as Check>::invoice(out, RuleId::$variant, invoice); })*
            }
            pub(super) fn totals(out: &mut Sink<'_>, totals: &Totals<'_>) {
                $(if out.on(RuleId::$variant) { <super::catalogue::$module::Hook as Check>::totals(out, RuleId::$variant, totals); })*
            }
            pub(super) fn version(out: &mut Sink<'_>, version: &Version<'_, '_>) {
                $(if out.on(RuleId::$variant) { <super::catalogue::$module::Hook as Check>::version(out, RuleId::$variant, version); })*
            }
            pub(super) fn single(out: &mut Sink<'_>, fact: &Fact<'_>, value: &str) {
                $(if out.on(RuleId::$variant) { <super::catalogue::$module::Hook as Check>::single(out, RuleId::$variant, fact, value); })*
            }
            pub(super) fn timestamp(out: &mut Sink<'_>, fact: &Fact<'_>, at: i64) {
                $(if out.on(RuleId::$variant) { <super::catalogue::$module::Hook as Check>::timestamp(out, RuleId::$variant, fact, at); })*
            }
            pub(super) fn payment_id(out: &mut Sink<'_>, fact: &Fact<'_>, value: &str) {
                $(if out.on(RuleId::$variant) { <super::catalogue::$module::Hook as Check>::payment_id(out, RuleId::$variant, fact, value); })*
            }
            pub(super) fn currency(out: &mut Sink<'_>, payment: &Fact<'_>, fact: &Fact<'_>) {
                $(if out.on(RuleId::$variant) { <super::catalogue::$module::Hook as Check>::currency(out, RuleId::$variant, payment, fact); })*
            }
            pub(super) fn invoice_id(out: &mut Sink<'_>, fact: &Fact<'_>, first: Option<&Fact<'_>>) {
                $(if out.on(RuleId::$variant) { <super::catalogue::$module::Hook as Check>::invoice_id(out, RuleId::$variant, fact, first); })*
            }
            pub(super) fn paid_invoice(out: &mut Sink<'_>, invoice: &PaidInvoice<'_>) {
                $(if out.on(RuleId::$variant) { <super::catalogue::$module::Hook as Check>::paid_invoice(out, RuleId::$variant, invoice); })*
            }
            pub(super) fn payment(out: &mut Sink<'_>, payment: &Payment<'_, '_>) {
                $(if out.on(RuleId::$variant) { <super::catalogue::$module::Hook as Check>::payment(out, RuleId::$variant, payment); })*
            }
        }
    };
}
for_each_rule!(define_dispatch);
