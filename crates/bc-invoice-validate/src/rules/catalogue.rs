//! The rule catalogue: every rule's id, summary and default level, and the [`RuleSet`] of levels a
//! validation runs with.

use std::fmt;
use std::str::FromStr;
use std::time::SystemTime;

use crate::report::Level;

/// A rule's id, one variant per rule, in the order of [`RULES`] (`RULES[id as usize]` is its rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleId {
    /// `gstin-format`: see [`GSTIN_FORMAT`].
    GstinFormat,
    /// `gstin-checksum`: see [`GSTIN_CHECKSUM`].
    GstinChecksum,
    /// `gstin-state`: see [`GSTIN_STATE`].
    GstinState,
    /// `state-code`: see [`STATE_CODE`].
    StateCode,
    /// `pincode`: see [`PINCODE`].
    Pincode,
    /// `ifsc`: see [`IFSC`].
    Ifsc,
    /// `hsn-code`: see [`HSN_CODE`].
    HsnCode,
    /// `email`: see [`EMAIL`].
    Email,
    /// `phone`: see [`PHONE`].
    Phone,
    /// `object-id-prefix`: see [`OBJECT_ID_PREFIX`].
    ObjectIdPrefix,
    /// `item-amounts`: see [`ITEM_AMOUNTS`].
    ItemAmounts,
    /// `invoice-totals`: see [`INVOICE_TOTALS`].
    InvoiceTotals,
    /// `version-step`: see [`VERSION_STEP`].
    VersionStep,
    /// `version-increment`: see [`VERSION_INCREMENT`].
    VersionIncrement,
    /// `known-values`: see [`KNOWN_VALUES`].
    KnownValues,
    /// `timestamp-plausible`: see [`TIMESTAMP_PLAUSIBLE`].
    TimestampPlausible,
    /// `reject-offplatform-only`: see [`REJECT_OFFPLATFORM_ONLY`].
    RejectOffplatformOnly,
    /// `payment-parts`: see [`PAYMENT_PARTS`].
    PaymentParts,
    /// `payment-total`: see [`PAYMENT_TOTAL`].
    PaymentTotal,
    /// `payment-splits`: see [`PAYMENT_SPLITS`].
    PaymentSplits,
    /// `payment-currency`: see [`PAYMENT_CURRENCY`].
    PaymentCurrency,
    /// `payment-due`: see [`PAYMENT_DUE`].
    PaymentDue,
    /// `received-unknown-member`: see [`RECEIVED_UNKNOWN_MEMBER`].
    ReceivedUnknownMember,
}

impl RuleId {
    /// Every rule id, in the order of [`RULES`].
    pub const ALL: [RuleId; 23] = [
        RuleId::GstinFormat,
        RuleId::GstinChecksum,
        RuleId::GstinState,
        RuleId::StateCode,
        RuleId::Pincode,
        RuleId::Ifsc,
        RuleId::HsnCode,
        RuleId::Email,
        RuleId::Phone,
        RuleId::ObjectIdPrefix,
        RuleId::ItemAmounts,
        RuleId::InvoiceTotals,
        RuleId::VersionStep,
        RuleId::VersionIncrement,
        RuleId::KnownValues,
        RuleId::TimestampPlausible,
        RuleId::RejectOffplatformOnly,
        RuleId::PaymentParts,
        RuleId::PaymentTotal,
        RuleId::PaymentSplits,
        RuleId::PaymentCurrency,
        RuleId::PaymentDue,
        RuleId::ReceivedUnknownMember,
    ];

    /// The stable kebab-case id, e.g. `gstin-checksum`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RuleId::GstinFormat => "gstin-format",
            RuleId::GstinChecksum => "gstin-checksum",
            RuleId::GstinState => "gstin-state",
            RuleId::StateCode => "state-code",
            RuleId::Pincode => "pincode",
            RuleId::Ifsc => "ifsc",
            RuleId::HsnCode => "hsn-code",
            RuleId::Email => "email",
            RuleId::Phone => "phone",
            RuleId::ObjectIdPrefix => "object-id-prefix",
            RuleId::ItemAmounts => "item-amounts",
            RuleId::InvoiceTotals => "invoice-totals",
            RuleId::VersionStep => "version-step",
            RuleId::VersionIncrement => "version-increment",
            RuleId::KnownValues => "known-values",
            RuleId::TimestampPlausible => "timestamp-plausible",
            RuleId::RejectOffplatformOnly => "reject-offplatform-only",
            RuleId::PaymentParts => "payment-parts",
            RuleId::PaymentTotal => "payment-total",
            RuleId::PaymentSplits => "payment-splits",
            RuleId::PaymentCurrency => "payment-currency",
            RuleId::PaymentDue => "payment-due",
            RuleId::ReceivedUnknownMember => "received-unknown-member",
        }
    }

    /// The rule this id names.
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a rule's findings are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleLevel {
    /// The rule does not run.
    Allow,
    /// Its findings are warnings.
    Warn,
    /// Its findings are errors.
    Deny,
}

impl RuleLevel {
    /// `allow`, `warn` or `deny`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleLevel::Allow => "allow",
            RuleLevel::Warn => "warn",
            RuleLevel::Deny => "deny",
        }
    }

    /// The level of the rule's findings; `None` when the rule is off.
    pub fn finding_level(self) -> Option<Level> {
        match self {
            RuleLevel::Allow => None,
            RuleLevel::Warn => Some(Level::Warning),
            RuleLevel::Deny => Some(Level::Error),
        }
    }
}

impl fmt::Display for RuleLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RuleLevel {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "allow" => Ok(RuleLevel::Allow),
            "warn" | "warning" => Ok(RuleLevel::Warn),
            "deny" | "error" => Ok(RuleLevel::Deny),
            _ => Err(format!(
                "unknown rule level {s:?}; expected allow, warn or deny"
            )),
        }
    }
}

/// A rule: its stable id, what it checks, how far a value may be off before it is a finding, where the rule
/// comes from, and its level unless configured otherwise.
///
/// `--list-rules`, the rules table of `docs/rules.md` (written from [`RULES`] by a test) and the doc comments
/// of the rule constants below say the same. The sources are described in full, with quotations,
/// in `docs/rules-sources.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable kebab-case id, e.g. `gstin-checksum`.
    pub id: &'static str,
    /// One line saying what the rule checks.
    pub summary: &'static str,
    /// How far a value may be from what the rule expects and draw no finding, as a number.
    pub tolerance: &'static str,
    /// The primary source the rule is derived from (the keys of `docs/rules-sources.md`).
    pub source: &'static str,
    /// The level the rule has unless configured otherwise: `warn` for a rule a primary source states,
    /// `allow` for a convention, which a project turns on if it keeps it.
    pub default_level: RuleLevel,
}

/// Every GSTIN member (supplier, buyer, dispatch, shipping, `transactionDetails.ecommerceGstin`) has one of
/// the seven structures GSTN issues: a PAN-based registration (normal, composition, casual, SEZ, input
/// service distributor), a tax collector's (`C` at position 14), a tax deductor's (on a PAN or a TAN, `D`),
/// a government department's identifier, a UIN (UN body, embassy, other notified person: `UN`, `ON`), a
/// non-resident taxable person's (`NR`), a non-resident online service provider's (`99…OS`). The buyer's
/// and the shipping party's GSTIN may be `URP`, an unregistered person. A finding names the structure the
/// value comes closest to and the first position that departs from it.
///
/// Source: GSTN's GSTIN patterns for each kind of registrant (GSTN-PAT), inside the e-invoice schema
/// INV-01's `^[0-9]{2}[0-9A-Z]{13}$` and its `URP` for the buyer and ship-to party. Tolerance: 0 characters.
pub const GSTIN_FORMAT: &str = RuleId::GstinFormat.as_str();

/// A GSTIN with one of GSTN's structures ends with the Luhn mod-36 check character of its first 14
/// (`27AAPFU0939F1ZV`, not `27AAPFU0939F1ZO`). Not judged for a non-resident taxable person's GSTIN nor a
/// government department's identifier: no published identifier of those kinds was found to verify that the
/// check applies to them.
///
/// Source: GSTN's note on the GSTIN format (GSTN-NOTE), verified on published GSTINs of every other kind
/// (GSTIN-REAL). Tolerance: 0 characters.
pub const GSTIN_CHECKSUM: &str = RuleId::GstinChecksum.as_str();

/// A GSTIN starts with a state code registrations are made under (01 to 38 less the historical 25 and 28,
/// 97 Other Territory, 99 Centre Jurisdiction; not 96), and the supplier's and the buyer's `stateCode` is
/// that code, written with one or two digits. The finding is at the GSTIN for the first, at the `stateCode`
/// for the second. Not checked between a GSTIN and the `stateCode` of dispatch-from or ship-to details,
/// which describe a place rather than the registration; not for the buyer of an export (EXPWP, EXPWOP);
/// and a GSTIN of the Centre Jurisdiction (99, a non-resident online service provider's) fits a
/// `stateCode` of 99 or 96.
///
/// Source: NIC's e-invoice validations ("First two digits of the Supplier / Recipient GSTIN should match
/// with the state code … except if supply type is export") (NIC-VAL) and NIC's state-code master
/// (NIC-MASTER). Tolerance: 0 (`7` and `07` are one code).
pub const GSTIN_STATE: &str = RuleId::GstinState.as_str();

/// `stateCode` and `placeOfSupply` are state codes of NIC's master: one or two digits (`7` is `07`), 01 to
/// 38, 96 (outside India), 97 (Other Territory) or 99 (Centre Jurisdiction). 25 (Daman and Diu before the
/// 2020 merger into 26) and 28 (Andhra Pradesh before the 2014 division; 37 now) are historical and flagged
/// with the code that replaced them. A party's `address.state` names the state of its `stateCode`, in any
/// case or spacing, with `&` for AND or a known alias (ORISSA, PONDICHERRY, NCT OF DELHI, …); not checked
/// for a party abroad (`stateCode` 96 or a country other than India). A name that is no state name is the
/// `known-values` rule's to judge.
///
/// Source: the e-invoice schema INV-01 (`Stcd`, `Pos`: `^(?!0+$)([0-9]{1,2})$`) and NIC's state-code
/// master (NIC-MASTER). Tolerance: 0 (exact codes; names compared ignoring case, spacing and punctuation).
pub const STATE_CODE: &str = RuleId::StateCode.as_str();

/// An Indian party's `address.pincode` is six digits, 100000 to 999999; 999999 is also what the e-invoice
/// gives an export recipient. Not checked for a party abroad (`stateCode` 96 or a country other than
/// India), whose postcode has its own form.
///
/// Source: the e-invoice schema INV-01 (`Pin`: minimum 100000, maximum 999999) and NIC's e-invoice FAQ on
/// exports (NIC-FAQ). Tolerance: the range 100000–999999, no other.
pub const PINCODE: &str = RuleId::Pincode.as_str();

/// `supplierBankAccountDetails.ifsc` is eleven characters: four letters for the bank, `0` (reserved), six
/// letters or digits for the branch, in either case (the same branch either way).
///
/// Source: RBI's description of the IFSC (RBI-IFSC). Tolerance: 0 characters.
pub const IFSC: &str = RuleId::Ifsc.as_str();

/// An item's `hsnCode` is 4, 6 or 8 digits, not all zeros, and a line marked as a service (`isService`
/// YES) has a services code: chapter 99 (`99…`).
///
/// Source: the e-invoice schema INV-01 (`HsnCd`: `^(?!0+$)([0-9]{4}|[0-9]{6}|[0-9]{8})$`), NIC's
/// validations ("If Is_Service is selected, then the HSN codes must belong to services") and the scheme of
/// classification of services (CBIC Notification 11/2017-Central Tax (Rate), annexure: chapter 99)
/// (CBIC-HSN). Tolerance: 0 digits.
pub const HSN_CODE: &str = RuleId::HsnCode.as_str();

/// A party's `email` matches `^[a-zA-Z0-9+_.-]+@[a-zA-Z0-9.-]+$`.
///
/// Source: the e-invoice schema INV-01 (`Em`). Tolerance: 0 characters.
pub const EMAIL: &str = RuleId::Email.as_str();

/// `contactNumber.phoneNumber` is 6 to 12 digits (the country code goes in `countryCode`).
///
/// Source: the e-invoice schema INV-01 (`Ph`: `^([0-9]{6,12})$`). Tolerance: 6 to 12 digits, nothing else.
pub const PHONE: &str = RuleId::Phone.as_str();

/// An `objectId` that matches the documented `^[INV]{3}[A-Za-z0-9]{32,32}$` starts with the literal `INV`,
/// as the documentation describes it; the pattern's character class also lets `NNV…` or `VII…` through. An
/// id the pattern refuses is the schema's finding, not this rule's.
///
/// Source: the API documentation's `objectId` (DOC). Tolerance: 0 characters.
pub const OBJECT_ID_PREFIX: &str = RuleId::ObjectIdPrefix.as_str();

/// An item's amounts follow the e-invoice arithmetic, checked link by link, and only the first link that
/// breaks is reported:
///
/// 1. `totalAmt` is `quantity` × `unitPrice` (free quantity apart), within what legal rounding explains:
///    `quantity` × half a unit of the price's last decimal (0.005 for a price of up to two decimals, 0.0005
///    for three) + 0.01 for rounding the product. NIC withdrew its own check of this product, so only a
///    gross error (a digit dropped, a wrong line) is a finding.
/// 2. `assessmentAmount` is `totalAmt` less the line's discounts (`itemValueDetails` of a discount type),
///    within ±1.00.
/// 3. `totalItemValue` is `assessmentAmount` + tax (`assessmentAmount` × `gstRate` / 100, or the tax the
///    line states in `itemValueDetails`) + cesses (`otherTaxes[].amount`) + the line's charges, within
///    ±1.00. For reverse charge, EXPWP, EXPWOP, SEZWP and SEZWOP the value may also leave the tax out.
///
/// A check is skipped when a member it needs is missing or not a number, and the second and third when an
/// `itemValueDetails` entry's type is a round-off or not recognised (what it does to the line is unknown).
///
/// Source: the e-invoice schema INV-01 (`TotAmt` "Unit Price * Quantity", `AssAmt` "Total Amount -
/// Discount", `TotItemVal`), NIC's validations (NIC-VAL) and NIC error 2193 (NIC-ERR). Tolerance: gross
/// amount quantity × 0.005 (0.0005 for a three-decimal price) + 0.01; assessable amount and item value
/// ±1.00.
pub const ITEM_AMOUNTS: &str = RuleId::ItemAmounts.as_str();

/// `valueDetails.assessmentValue` is the sum of the items' `assessmentAmount`, and
/// `valueDetails.totalInvoiceValue` the sum of the items' `totalItemValue` plus the invoice's charges, less
/// its discounts, plus its round-off (`valueDetails.otherValues`, by type), each within ±1.00; a stated
/// round-off is within ±99.99 (the finding is at its `otherValues` entry). When the invoice states no
/// round-off, a total that is a whole multiple of 1, 10 or 100 rupees may be that far from the sum (less
/// than 1, 10 or 100, at most 99.99): rounding explains it. A sum is not checked when an item lacks the
/// member or it is not a number, and the total not when an `otherValues` entry's type is not recognised.
///
/// Source: the e-invoice schema INV-01 (`AssVal`, `TotInvVal`, `RndOffAmt` from -99.99 to 99.99), NIC's
/// validations (NIC-VAL) and NIC errors 2182 and 2189 ("with a (+/-) one tolerance limit") (NIC-ERR).
/// Tolerance: ±1.00; round-off ±99.99.
pub const INVOICE_TOTALS: &str = RuleId::InvoiceTotals.as_str();

/// `objectVersion.newVersion` is never below `currentVersion`.
///
/// Source: the API documentation, whose `objectVersion` carries the version "before and after this
/// request" (DOC). Tolerance: 0 (equal is allowed).
pub const VERSION_STEP: &str = RuleId::VersionStep.as_str();

/// A convention, off (`allow`) by default: an edit raises the version by exactly one
/// (`newVersion` = `currentVersion` + 1). The documentation does not say so, and its own Edit Invoice
/// example keeps the version, so a project turns this on only if it keeps the convention.
///
/// The check needs the kind `edit-invoice` named explicitly: detection cannot tell an edit body from a
/// create body and says `create-invoice`.
///
/// Source: none; a convention. Tolerance: 0 (exactly +1).
pub const VERSION_INCREMENT: &str = RuleId::VersionIncrement.as_str();

/// A value of an open list (the schema's `x-known-values`) that is a near miss of a known value is most
/// likely that value misspelt, and the finding asks "did you mean …?". A value equal to a known one once
/// case, spacing and punctuation are set aside is silent, and so is a value far from every known one (the
/// lists are open: the documentation publishes none in full). Near means within 0 edits of a known value
/// of up to 4 characters, 1 edit of 5 to 8, 2 edits of 9 or more (insertions, deletions, substitutions,
/// transpositions). `address.state` is compared with the state names and their known aliases, and not for
/// a party abroad; `address.country` with INDIA, so another country is silent.
///
/// Source: the schema's `x-known-values`, which are the documentation's values (DOC), and Damerau's
/// finding that about 80 % of misspellings are one such edit (DAMERAU). Tolerance: 0, 1 or 2 edits by the
/// known value's length (≤ 4, 5–8, ≥ 9 characters).
pub const KNOWN_VALUES: &str = RuleId::KnownValues.as_str();

/// `invoice.ts` is not before 2017-07-01T00:00:00+05:30, when GST began, and not more than a day after
/// the time of validation (see [`RuleSet::now`]). A `ts` that is not an RFC 3339 date-time is the schema's
/// finding, not this rule's.
///
/// Source: CBIC Notification 9/2017-Central Tax, bringing the CGST Act's levy into force on 1 July 2017
/// (CGST-ACT); the documentation describes `ts` as the time the invoice was created (DOC). Tolerance: 0 s
/// before GST; 86 400 s into the future (the rules' allowance for clocks that disagree).
pub const TIMESTAMP_PLAUSIBLE: &str = RuleId::TimestampPlausible.as_str();

/// A payment confirmation that REJECTs a payment confirms an off-platform one: `supplierResponse` `REJECT`
/// needs `type` `OFFPLATFORM` in the same `paymentConfirmation`.
///
/// Source: the Payment Confirmation pages, under `supplierResponse`: "Rule: REJECT is only for offplatform
/// payment". It is the API's own word, so it is an error by default (`deny`).
///
/// Tolerance: 0 (exact values).
pub const REJECT_OFFPLATFORM_ONLY: &str = RuleId::RejectOffplatformOnly.as_str();

/// Convention, off by default: an amount's `totalAmount` is its `netPaidAmount` plus its
/// `netAdjustmentAmount` (in `paymentAmount` and in each `invoicePaymentAmount`), when all three are given.
///
/// Source: none beyond the members' names; the payment pages state no formula (a convention).
///
/// Tolerance: 0.00 (exact decimals).
pub const PAYMENT_PARTS: &str = RuleId::PaymentParts.as_str();

/// Convention, off by default: `paymentAmount.totalAmount` is the sum of the paid invoices'
/// `invoicePaymentAmount.totalAmount`, when every invoice gives one.
///
/// Source: none beyond the members' names (a convention).
///
/// Tolerance: 0.00 (exact decimals).
pub const PAYMENT_TOTAL: &str = RuleId::PaymentTotal.as_str();

/// Convention, off by default: an invoice's `splits` add up to its `invoicePaymentAmount.totalAmount`, or to
/// its `netPaidAmount` (splits that list only the money paid). Reported at the `splits` array.
///
/// Source: none beyond the members' names (a convention).
///
/// Tolerance: 0.00 (exact decimals).
pub const PAYMENT_SPLITS: &str = RuleId::PaymentSplits.as_str();

/// Convention, off by default: every amount's `currency` is the payment's first one (`payment.currency`).
///
/// Source: none; the pages document only INR (a convention).
///
/// Tolerance: 0 (exact values).
pub const PAYMENT_CURRENCY: &str = RuleId::PaymentCurrency.as_str();

/// Convention, off by default: an invoice's `invoicePaymentAmount.totalAmount` is not more than its
/// `invoiceAmount.dueAmount` plus 1.00 (whole-rupee rounding, as `invoice-totals` allows).
///
/// Source: none; whether the platform accepts an overpayment is not documented (a convention).
///
/// Tolerance: 1.00 (whole-rupee rounding).
pub const PAYMENT_DUE: &str = RuleId::PaymentDue.as_str();

/// A document the partner receives from the platform (a response webhook, `x-document.received`) may carry
/// members the schema does not know yet: the platform extends its webhooks, and a receiver should not
/// refuse them. There, an unknown member is this rule's finding (a warning by default) instead of a schema
/// error; `--deny received-unknown-member` (or `--strict`) makes it one again, and the typed entry point
/// leaves such members out.
///
/// Source: the payment response pages (the Payment Response page exists in two versions with different
/// member lists: the platform does extend them).
///
/// Tolerance: 0 (every unknown member is reported).
pub const RECEIVED_UNKNOWN_MEMBER: &str = RuleId::ReceivedUnknownMember.as_str();

/// Every rule, in the order `--list-rules` prints them.
pub const RULES: &[Rule] = &[
    rule(
        GSTIN_FORMAT,
        "every GSTIN has one of the 7 structures GSTN issues; a buyer or ship-to party may be URP",
        "0 characters",
        "GSTN GSTIN patterns; e-invoice schema INV-01",
    ),
    rule(
        GSTIN_CHECKSUM,
        "a GSTIN ends with its mod-36 check character (not judged for non-resident taxable persons and government departments)",
        "0 characters",
        "GSTN GSTIN format note; published GSTINs",
    ),
    rule(
        GSTIN_STATE,
        "a GSTIN starts with a state code registrations are made under, and the supplier's and buyer's stateCode is that code (not an export's buyer)",
        "0",
        "NIC e-invoice validations; NIC state-code master",
    ),
    rule(
        STATE_CODE,
        "stateCode and placeOfSupply are NIC state codes (25 and 28 historical), and address.state names the party's state unless it is abroad",
        "0",
        "e-invoice schema INV-01; NIC state-code master",
    ),
    rule(
        PINCODE,
        "an Indian party's PIN is six digits from 100000 to 999999; a party abroad is not checked",
        "100000 to 999999",
        "e-invoice schema INV-01; NIC e-invoice FAQ",
    ),
    rule(
        IFSC,
        "an IFSC is four letters, 0 and six letters or digits, in either case",
        "0 characters",
        "RBI (IFSC)",
    ),
    rule(
        HSN_CODE,
        "an HSN code is 4, 6 or 8 digits, not all zeros, and a service line's starts with 99",
        "0 digits",
        "e-invoice schema INV-01; NIC e-invoice validations; CBIC Notification 11/2017-CT(Rate)",
    ),
    rule(
        EMAIL,
        "an e-mail address matches the GST e-invoice pattern",
        "0 characters",
        "e-invoice schema INV-01",
    ),
    rule(
        PHONE,
        "a phone number is 6 to 12 digits",
        "6 to 12 digits",
        "e-invoice schema INV-01",
    ),
    rule(
        OBJECT_ID_PREFIX,
        "an objectId starts with the literal INV",
        "0 characters",
        "API documentation",
    ),
    rule(
        ITEM_AMOUNTS,
        "an item's totalAmt is quantity × unitPrice, its assessmentAmount totalAmt less discounts, its totalItemValue that plus tax, cess and charges",
        "totalAmt: quantity × 0.005 (0.0005 for 3-decimal prices) + 0.01; others ±1.00",
        "e-invoice schema INV-01; NIC e-invoice validations; NIC error 2193",
    ),
    rule(
        INVOICE_TOTALS,
        "assessmentValue is the sum of the items' assessmentAmount; totalInvoiceValue the sum of their totalItemValue with otherValues' charges, discounts and round-off",
        "±1.00; round-off ±99.99",
        "e-invoice schema INV-01; NIC e-invoice validations; NIC errors 2182, 2189",
    ),
    rule(
        VERSION_STEP,
        "newVersion is not below currentVersion",
        "0",
        "API documentation",
    ),
    Rule {
        id: VERSION_INCREMENT,
        summary: "a convention, off by default: an edit raises the version by exactly one",
        tolerance: "0",
        source: "none: a convention",
        default_level: RuleLevel::Allow,
    },
    rule(
        KNOWN_VALUES,
        "a near miss of a known value of an open list (x-known-values) is probably misspelt: did you mean it?",
        "0, 1 or 2 edits for known values of up to 4, 5 to 8, 9 or more characters",
        "the schema's x-known-values (API documentation); Damerau 1964",
    ),
    rule(
        TIMESTAMP_PLAUSIBLE,
        "ts is not before 2017-07-01 (GST began) nor more than a day in the future",
        "0 s before; 86400 s ahead",
        "CBIC Notification 9/2017-Central Tax (CGST Act in force)",
    ),
    Rule {
        id: REJECT_OFFPLATFORM_ONLY,
        summary: "a supplierResponse of REJECT confirms an OFFPLATFORM payment (the API's own rule)",
        tolerance: "0 (exact values)",
        source: "Payment Confirmation pages: \"REJECT is only for offplatform payment\"",
        default_level: RuleLevel::Deny,
    },
    Rule {
        id: PAYMENT_PARTS,
        summary: "a convention, off by default: an amount's totalAmount is netPaidAmount + netAdjustmentAmount",
        tolerance: "0.00",
        source: "none: a convention",
        default_level: RuleLevel::Allow,
    },
    Rule {
        id: PAYMENT_TOTAL,
        summary: "a convention, off by default: paymentAmount.totalAmount is the sum of the invoices' totalAmount",
        tolerance: "0.00",
        source: "none: a convention",
        default_level: RuleLevel::Allow,
    },
    Rule {
        id: PAYMENT_SPLITS,
        summary: "a convention, off by default: an invoice's splits add up to its totalAmount or its netPaidAmount",
        tolerance: "0.00",
        source: "none: a convention",
        default_level: RuleLevel::Allow,
    },
    Rule {
        id: PAYMENT_CURRENCY,
        summary: "a convention, off by default: every amount of a payment has the payment's currency",
        tolerance: "0 (exact values)",
        source: "none: a convention",
        default_level: RuleLevel::Allow,
    },
    Rule {
        id: PAYMENT_DUE,
        summary: "a convention, off by default: an invoice's payment is not more than its dueAmount",
        tolerance: "1.00",
        source: "none: a convention",
        default_level: RuleLevel::Allow,
    },
    Rule {
        id: RECEIVED_UNKNOWN_MEMBER,
        summary: "a document received from the platform (a response webhook) may carry members the schema does not know yet: a warning, not an error",
        tolerance: "0 (every unknown member is reported)",
        source: "payment response pages (the platform extends its webhooks)",
        default_level: RuleLevel::Warn,
    },
];

/// A rule a primary source states: it warns by default, so the schema alone decides validity unless
/// configured otherwise.
const fn rule(
    id: &'static str,
    summary: &'static str,
    tolerance: &'static str,
    source: &'static str,
) -> Rule {
    Rule {
        id,
        summary,
        tolerance,
        source,
        default_level: RuleLevel::Warn,
    }
}

/// An id that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        write!(
            f,
            "unknown rule {:?}; the rules are {} (or all)",
            self.0,
            ids.join(", ")
        )
    }
}

impl std::error::Error for UnknownRule {}

/// The level of every rule, and the clock `timestamp-plausible` reads.
///
/// ```
/// use bc_invoice_validate::rules::UnknownRule;
/// use bc_invoice_validate::{RuleLevel, RuleSet, Validator};
///
/// let text = br#"{
///   "device": {"tag": {"name": "GEOCODE", "value": "19.1136,72.8697"}},
///   "b2bIds": {"buyerB2BId": "BCB2B29AABCS7314M", "supplierB2BId": "BCB2B27AAKCK4821P"},
///   "invoiceStatus": {"objectId": "NNV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c", "supplierAction": "CANCEL"}
/// }"#;
/// let mut rules = RuleSet::default();
/// rules.set("object-id-prefix", RuleLevel::Deny)?;
/// rules.set("timestamp-plausible", RuleLevel::Allow)?;
/// let report = Validator::new().rules(rules).validate(None, text);
/// assert!(!report.is_valid());
/// assert_eq!(report.errors[0].rule(), Some("object-id-prefix"));
/// assert_eq!(
///     report.errors[0].to_string(),
///     "/invoiceStatus/objectId: objectId \"NNV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c\" starts with NNV, \
///      not the literal INV (line 4, column 33)"
/// );
/// Ok::<(), UnknownRule>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSet {
    /// The level of each rule, in the order of [`RULES`]: no allocation and no lookup by name on the
    /// path of every validation.
    levels: [RuleLevel; RULES.len()],
    now: Option<SystemTime>,
}

impl Default for RuleSet {
    /// Every rule at its default level.
    fn default() -> Self {
        let mut levels = [RuleLevel::Allow; RULES.len()];
        for (level, rule) in levels.iter_mut().zip(RULES) {
            *level = rule.default_level;
        }
        RuleSet { levels, now: None }
    }
}

impl RuleSet {
    /// Sets one rule's level, or every rule's with the id `all`.
    pub fn set(&mut self, id: &str, level: RuleLevel) -> Result<(), UnknownRule> {
        if id == "all" {
            self.levels = [level; RULES.len()];
            return Ok(());
        }
        match RULES.iter().position(|r| r.id == id) {
            Some(index) => {
                self.levels[index] = level;
                Ok(())
            }
            None => Err(UnknownRule(id.to_owned())),
        }
    }

    /// A rule's level (`Allow` for an unknown id).
    pub fn level(&self, id: &str) -> RuleLevel {
        RULES
            .iter()
            .position(|r| r.id == id)
            .map_or(RuleLevel::Allow, |index| self.levels[index])
    }

    /// Every rule with its level, in the order of [`RULES`].
    pub fn iter(&self) -> impl Iterator<Item = (&'static Rule, RuleLevel)> + '_ {
        RULES.iter().zip(self.levels.iter().copied())
    }

    /// Measures "the future" for `timestamp-plausible` from this instant rather than from the system clock
    /// at validation time, so that a test or a replay of old documents gets the same findings every time.
    #[must_use]
    pub fn now(mut self, now: SystemTime) -> Self {
        self.now = Some(now);
        self
    }

    /// A rule's level, by id: an index, no lookup.
    pub fn level_of(&self, id: RuleId) -> RuleLevel {
        self.levels[id as usize]
    }

    /// The instant `timestamp-plausible` measures "the future" from, if set (see [`RuleSet::now`]).
    pub(crate) fn fixed_now(&self) -> Option<SystemTime> {
        self.now
    }

    /// Whether any rule is on: every rule reads gathered facts, `known-values` too (a state name is
    /// checked within its party).
    pub(crate) fn needs_facts(&self) -> bool {
        self.levels.iter().any(|level| *level != RuleLevel::Allow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ids_index_the_catalogue() {
        assert_eq!(RULES.len(), RuleId::ALL.len());
        for (index, id) in RuleId::ALL.into_iter().enumerate() {
            assert_eq!(id as usize, index);
            assert_eq!(RULES[index].id, id.as_str());
            assert_eq!(id.rule().id, id.to_string());
        }
    }
}
