//! The shapes of the compiled schema. `cargo xtask gen` writes the schema itself as static tables of these
//! (`generated/tables.rs`): one node per subschema, members in schema order, each member's role for the
//! rules. Nothing is read or compiled at run time.

pub(crate) use crate::pattern::{Matcher, Pattern, Step};

/// A node's index in the tables.
pub(crate) type NodeId = usize;

/// A compiled subschema.
#[derive(Debug)]
pub(crate) enum Node {
    /// `type: object`, refusing unknown members.
    Object(ObjectNode),
    /// `type: array` with its `items`.
    Array { items: NodeId },
    /// `type: string`, with its constraints.
    String(StringNode),
    /// `type: integer`.
    Integer,
    /// `type: number`.
    Number,
}

/// An object's members, in schema order.
#[derive(Debug)]
pub(crate) struct ObjectNode {
    pub props: &'static [Prop],
    /// Bit `i` set when `props[i]` is required.
    pub required: u64,
}

/// One member of an object.
#[derive(Debug)]
pub(crate) struct Prop {
    pub name: &'static str,
    /// This member's index in the generated `NAMES`: a path segment is four bytes, not a string.
    pub id: u32,
    pub node: NodeId,
    /// What this member is to the rules (its `x-role`), if a rule reads it.
    pub role: Option<Role>,
}

/// A string's constraints.
#[derive(Debug)]
pub(crate) struct StringNode {
    pub pattern: Option<&'static Pattern>,
    pub enumeration: Option<&'static [&'static str]>,
    pub known: Option<&'static [&'static str]>,
    pub format: Option<Format>,
}

/// The supported `format`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// RFC 3339 `date-time`, calendar-checked.
    DateTime,
}

impl Format {
    /// The format's name in the schema.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Format::DateTime => "date-time",
        }
    }
}

/// What a member is to the rules: the schema's `x-role` annotation, one variant per role name
/// (`gstin-or-urp` → `GstinOrUrp`). Decided by the generator, so that dispatching a value costs a jump on
/// a one-byte tag, not string comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A party's GSTIN where the party must be registered (supplier, dispatch).
    Gstin,
    /// A party's GSTIN where `URP` (an unregistered person) is allowed (buyer, ship-to).
    GstinOrUrp,
    /// `transactionDetails.ecommerceGstin`.
    EcommerceGstin,
    /// `transactionDetails.supplyType`: B2B, SEZWP, SEZWOP, EXPWP, EXPWOP, DEXP.
    SupplyType,
    /// `transactionDetails.reverseChargeTax`: whether the recipient pays the tax.
    ReverseCharge,
    /// The `stateCode` of a party that is a registration (supplier, buyer): its GSTIN starts with it.
    RegistrationStateCode,
    /// The `stateCode` of a place (dispatch from, ship to), which its GSTIN need not start with.
    StateCode,
    /// The buyer's `placeOfSupply`.
    PlaceOfSupply,
    /// A party's `email`.
    Email,
    /// `address.state`.
    AddressState,
    /// `address.country`.
    Country,
    /// `address.pincode`.
    Pincode,
    /// `contactNumber.phoneNumber`.
    Phone,
    /// `supplierBankAccountDetails.ifsc`.
    Ifsc,
    /// `item.isService`.
    IsService,
    /// `item.hsnCode`.
    HsnCode,
    /// `item.quantity`.
    Quantity,
    /// `item.unitPrice`.
    UnitPrice,
    /// `item.totalAmt`.
    TotalAmt,
    /// `item.assessmentAmount`.
    AssessmentAmount,
    /// `item.gstRate`.
    GstRate,
    /// `item.totalItemValue`.
    TotalItemValue,
    /// The `type` of an entry of `item.itemValueDetails`.
    ItemAdjustmentType,
    /// The `value` of an entry of `item.itemValueDetails`.
    ItemAdjustmentValue,
    /// The `amount` of an entry of `item.otherTaxes` (a cess).
    CessAmount,
    /// `valueDetails.assessmentValue`.
    AssessmentValue,
    /// `valueDetails.totalInvoiceValue`.
    TotalInvoiceValue,
    /// The `type` of an entry of `valueDetails.otherValues`.
    InvoiceAdjustmentType,
    /// The `value` of an entry of `valueDetails.otherValues`.
    InvoiceAdjustmentValue,
    /// `objectVersion.currentVersion`.
    CurrentVersion,
    /// `objectVersion.newVersion`.
    NewVersion,
    /// The `objectId` of an invoice request.
    ObjectId,
    /// `invoice.ts`.
    Timestamp,
}

impl Role {
    /// Whether the cross-field rules look at this member within the party two levels up (an address's or
    /// a contact number's member) rather than within the object holding it.
    pub(crate) fn in_party_part(self) -> bool {
        matches!(
            self,
            Role::AddressState | Role::Country | Role::Pincode | Role::Phone
        )
    }

    /// Whether the spelling check of this member's known values (`known-values`) needs the rest of its
    /// object, and is left by the walk to the rules: a state name is checked only for a party in India.
    pub(crate) fn spelt_by_rules(self) -> bool {
        self == Role::AddressState
    }
}

impl ObjectNode {
    /// The index of the member named `name` (compared as bytes), looking first at `hint` and after it:
    /// documents usually list members in the schema's order, so the first comparison mostly hits.
    #[inline]
    pub(crate) fn find_from(&self, name: &[u8], hint: usize) -> Option<usize> {
        let hint = hint.min(self.props.len());
        let is = |p: &Prop| p.name.len() == name.len() && p.name.as_bytes() == name;
        let (before, after) = self.props.split_at(hint);
        after
            .iter()
            .position(is)
            .map(|i| i + hint)
            .or_else(|| before.iter().position(is))
    }
}
