//! The checker: the rules run on the facts as the walk hands them over, one group at a time. It gathers
//! the groups and the state that outlives them, and calls every rule's hooks ([`super::hooks::Check`]) with
//! views of them; the rules themselves are in [`super::catalogue`], one module each.
//!
//! A group is the facts of one object: a party with its address and contact number, an entry of an item's
//! `itemValueDetails`, `otherTaxes` or `rates`, an entry of `valueDetails.otherValues`,
//! `transactionDetails`. What a group is follows from its facts' roles ([`Scope`]); a new kind of document
//! brings new roles and, where its rules need one, a new scope. The walk is depth first, so a group's facts arrive one after the other,
//! and each group is checked as soon as the walk leaves it. Some facts are never gathered: an item's own
//! members go straight into the item, an `objectVersion`'s two members are kept apart until both have
//! come, a member checked on its own (`objectId`, `ts`, `ifsc`) is checked at once, and a payment's
//! members go to the payment rules' state ([`Payments`]).
//!
//! Three things outlive a group, each of a fixed size whatever the document's size:
//!
//! - the item being walked ([`Item`]): an item's own members and its entries arrive as several groups (its
//!   members, then each `itemValueDetails`, `rates` and `otherTaxes` entry, in document order), so the
//!   item is checked when the walk leaves it;
//! - the invoice's sums ([`Totals`]): the items' amounts and the `otherValues` adjustments, checked against
//!   `valueDetails` at the end, wherever `valueDetails` stands in the document;
//! - the transaction's kind of supply: `transactionDetails` may come after the parties and items it
//!   qualifies, so a finding that a kind of supply would excuse waits in `pending` until the end.

use rust_decimal::Decimal;

use super::amounts::{self, Adjustment, InvoiceAdjustments, TaxTreatment};
use super::dispatch::All;
use super::facts::{Fact, Member, RuleFinding, Written};
use super::gstin;
use super::hooks::{Gstin, Invoice, Item, Party, Sink, Totals, Unless, Version, find, text};
use super::payments::Payments;
use super::set::RuleSet;
use super::{states, timestamp};
use crate::generated::roles::Role;
use crate::kind::DocumentKind;
use crate::path::{FactPath, Segment};

/// What kind of object a group of facts describes, from its facts' roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// A party: supplier, buyer, dispatch-from, ship-to, with its address and contact number.
    Party,
    /// `transactionDetails`.
    Transaction,
    /// An item's own members.
    Item,
    /// An entry of an item's `itemValueDetails`.
    ItemAdjustment,
    /// An entry of an item's `otherTaxes`.
    OtherTax,
    /// An entry of an item's `rates`.
    ItemRate,
    /// `valueDetails`' own members.
    Totals,
    /// An entry of `valueDetails.otherValues`.
    InvoiceAdjustment,
    /// An `objectVersion`.
    Version,
    /// Members checked on their own: `objectId`, `ts`, `ifsc`.
    Single,
    /// A member the payment rules read ([`Payments`]), handed to them as it comes.
    Payment,
}

impl Scope {
    fn of(role: Role) -> Scope {
        match role {
            Role::Gstin
            | Role::GstinOrUrp
            | Role::RegistrationStateCode
            | Role::StateCode
            | Role::PlaceOfSupply
            | Role::Email
            | Role::AddressState
            | Role::Country
            | Role::Pincode
            | Role::Phone => Scope::Party,
            Role::EcommerceGstin | Role::SupplyType | Role::ReverseCharge => Scope::Transaction,
            Role::IsService
            | Role::HsnCode
            | Role::Quantity
            | Role::UnitPrice
            | Role::TotalAmt
            | Role::AssessmentAmount
            | Role::GstRate
            | Role::TotalItemValue => Scope::Item,
            Role::ItemAdjustmentType | Role::ItemAdjustmentValue => Scope::ItemAdjustment,
            Role::OtherTaxName | Role::CessAmount => Scope::OtherTax,
            Role::ItemRateType | Role::ItemRateValue => Scope::ItemRate,
            Role::AssessmentValue | Role::TotalInvoiceValue => Scope::Totals,
            Role::InvoiceAdjustmentType | Role::InvoiceAdjustmentValue => Scope::InvoiceAdjustment,
            Role::CurrentVersion | Role::NewVersion => Scope::Version,
            Role::Ifsc | Role::ObjectId | Role::Timestamp => Scope::Single,
            Role::PaymentObjectId
            | Role::PaymentType
            | Role::SupplierResponse
            | Role::Currency
            | Role::PaymentAmountNetPaid
            | Role::PaymentAmountNetAdjustment
            | Role::PaymentAmountTotal
            | Role::InvoicePaymentAmountNetPaid
            | Role::InvoicePaymentAmountNetAdjustment
            | Role::InvoicePaymentAmountTotal
            | Role::InvoiceAmountDue
            | Role::SplitValue
            | Role::ResponseResult => Scope::Payment,
        }
    }
}

/// Which of an item's lists an entry is in: `itemValueDetails` or `otherTaxes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    ItemValueDetails,
    OtherTaxes,
}

/// The object a fact's cross-field rules look within: the party for a party's `address` and
/// `contactNumber`, otherwise the object holding the member (an item, a party, an `objectVersion`, an
/// entry of a list).
fn owner<'p>(fact: &'p Fact<'_>) -> &'p [Segment] {
    let path = fact.path.as_slice();
    let in_party_part = matches!(
        fact.role,
        Role::AddressState | Role::Country | Role::Pincode | Role::Phone
    );
    let up = if in_party_part { 2 } else { 1 };
    &path[..path.len().saturating_sub(up)]
}

/// The rules, run while the document is walked (see the module's documentation).
pub(crate) struct Checker<'r, 'a> {
    kind: DocumentKind,
    /// Where the rules' findings go.
    out: Sink<'r>,
    /// The facts of the object being walked.
    group: Vec<Fact<'a>>,
    /// The `currentVersion` and `newVersion` of the `objectVersion` being walked.
    versions: [Option<Fact<'a>>; 2],
    item: Option<Box<Item<'a>>>,
    /// The last item's box, kept for the next item: an item is several hundred bytes, and a large
    /// invoice has many, so each is set up in place rather than made and moved.
    spare: Option<Box<Item<'a>>>,
    totals: Totals<'a>,
    /// Whether the supply is an export (EXPWP, EXPWOP).
    export: bool,
    /// Whether the lines' values must include their taxes.
    treatment: TaxTreatment,
    /// Whether `transactionDetails` states a `supplyType`.
    supply_type_stated: bool,
    /// The payment rules' state, made when they are handed their first fact (an invoice has none). Held in
    /// place, not boxed: an allocation and its free cost a payment more than the checker's larger move.
    payments: Option<Payments<'a>>,
    /// The supplier's and the buyer's GSTIN and the buyer's place of supply, for the rules between them,
    /// at the end.
    supplier_gstin: Option<Fact<'a>>,
    buyer_gstin: Option<Fact<'a>>,
    place_of_supply: Option<Fact<'a>>,
    /// The supplier's `stateCode`, and the name of the first CGST, SGST or UTGST a line charges (a
    /// `rates` entry, or an `itemValueDetails` or `otherTaxes` amount, not 0): whether the supply is taxed
    /// as intra-state.
    supplier_state: Option<Fact<'a>>,
    intra_state_tax: Option<Fact<'a>>,
    /// The invoice's `ts`, in Unix seconds, once read: dated findings are decided on it.
    invoice_time: Option<i64>,
}

impl<'r, 'a> Checker<'r, 'a> {
    /// A checker for one document of `kind`.
    #[inline(always)]
    pub(crate) fn new(kind: DocumentKind, rules: &'r RuleSet) -> Self {
        Checker {
            kind,
            out: Sink::new(rules),
            // Made when a group first needs it.
            group: Vec::new(),
            versions: [None, None],
            item: None,
            spare: None,
            totals: Totals {
                assessment_sum: Some(Decimal::ZERO),
                item_value_sum: Some(Decimal::ZERO),
                adjustments: InvoiceAdjustments::default(),
                unclear: false,
                assessment_value: None,
                total_invoice_value: None,
            },
            export: false,
            treatment: TaxTreatment::Charged,
            supply_type_stated: false,
            payments: None,
            supplier_gstin: None,
            buyer_gstin: None,
            place_of_supply: None,
            supplier_state: None,
            intra_state_tax: None,
            invoice_time: None,
        }
    }

    /// Keeps at most `limit` findings of each level (errors, warnings); the rest are counted.
    pub(crate) fn limit(&mut self, limit: usize) {
        self.out.limit(limit);
    }

    /// Puts a checker for one document of `kind` in `slot` (the walker's), keeping at most `limit` findings
    /// of each level (errors, warnings; the rest are counted). Made in its place rather than moved there
    /// (`new` is inlined into it): a checker is 2.6 kB, and moving it was a twentieth of a small document's
    /// time.
    #[inline]
    pub(crate) fn install(
        slot: &mut Option<Self>,
        kind: DocumentKind,
        rules: &'r RuleSet,
        limit: usize,
    ) {
        slot.insert(Self::new(kind, rules)).out.limit(limit);
    }

    /// Sets the document's kind, once the walk has decided it (it may hand over facts before).
    pub(crate) fn set_kind(&mut self, kind: DocumentKind) {
        self.kind = kind;
    }

    /// Takes the next fact of the walk (a member with a role, its value's JSON text, whether that is a
    /// string written with escapes, where the value starts and its path), checking the group before it
    /// once the fact starts another.
    ///
    /// An item's own members, the bulk of a large invoice's facts, go straight into the item: its checks
    /// need the whole item anyway, so they are not gathered into a group first, nor is their path kept.
    /// `object` is the walk's number for the object holding the member: members of the same object
    /// belong to the same item without comparing their paths.
    pub(crate) fn add(
        &mut self,
        role: Role,
        member: &'static str,
        Written { raw, escaped }: Written<'a>,
        offset: usize,
        path: &FactPath,
        object: u32,
    ) {
        let scope = Scope::of(role);
        // The objectId of a paid or confirmed invoice (an entry of a payment's list) is the payment rules'
        // too, besides `object-id-prefix`'s; a payment's own members are theirs alone.
        let paid_invoice = role == Role::ObjectId
            && path
                .as_slice()
                .iter()
                .any(|s| matches!(s, Segment::Index(_)));
        if scope == Scope::Payment || paid_invoice {
            let fact = Fact {
                role,
                member,
                raw,
                escaped,
                offset,
                path: *path,
            };
            let received = self.kind.is_received();
            self.payments
                .get_or_insert_with(Payments::new)
                .add(&mut self.out, fact, received);
            if scope == Scope::Payment {
                return;
            }
        }
        if scope == Scope::Item {
            let Some(segment) = path.last() else {
                return;
            };
            if !self.group.is_empty() {
                self.flush();
            }
            // The same object is the same item; another object may still be this item, if its entries
            // (`itemValueDetails`, `otherTaxes`) came first and started it: then the path tells (worked
            // out only then: most of an item's members come in its own object).
            if self
                .item
                .as_ref()
                .is_none_or(|item| item.object != Some(object) && item.path != path.parent())
            {
                self.leave_item();
                self.start_item(Some(path.parent()));
            }
            if let Some(item) = &mut self.item {
                item.object = Some(object);
                item.take(Member {
                    role,
                    member,
                    raw,
                    escaped,
                    offset,
                    segment,
                });
            }
            return;
        }
        let fact = Fact {
            role,
            member,
            raw,
            escaped,
            offset,
            path: *path,
        };
        match scope {
            // Checked on its own, so never gathered: a small document's only facts are often these and an
            // `objectVersion`, and then the group is never made.
            Scope::Single => return self.single(&fact),
            Scope::Version => return self.version_fact(fact),
            _ => {}
        }
        if self
            .group
            .first()
            .is_some_and(|first| owner(first) != owner(&fact))
        {
            self.flush();
        }
        if self.group.capacity() == 0 {
            // A party with its address and contact number is the largest group: about a dozen facts.
            self.group.reserve_exact(16);
        }
        self.group.push(fact);
    }

    /// A member of an `objectVersion`: kept until the other one comes, or another `objectVersion` starts,
    /// or the document ends.
    fn version_fact(&mut self, fact: Fact<'a>) {
        if let Some(kept) = self.versions.iter().flatten().next()
            && owner(kept) != owner(&fact)
        {
            self.leave_version();
        }
        let slot = usize::from(fact.role == Role::NewVersion);
        self.versions[slot] = Some(fact);
    }

    /// Checks the `objectVersion` kept, if both of its members are numbers.
    fn leave_version(&mut self) {
        if let [Some(current), Some(new)] = &self.versions
            && let (Some(from), Some(to)) =
                (amounts::decimal(current.raw), amounts::decimal(new.raw))
        {
            let version = Version {
                kind: self.kind,
                current,
                new,
                from,
                to,
            };
            All::version(&mut self.out, &version);
        }
        self.versions = [None, None];
    }

    /// Checks the last group, the last item and the invoice's totals: every finding kept, in no
    /// particular order, and how many more were found past the limit.
    pub(crate) fn finish(&mut self) -> (Vec<RuleFinding>, usize) {
        self.flush();
        self.leave_item();
        self.leave_version();
        All::totals(&mut self.out, &self.totals);
        if let Some(payments) = &mut self.payments {
            payments.finish(&mut self.out, self.kind.is_received());
        }
        let invoice = Invoice {
            supplier_gstin: self.supplier_gstin.as_ref(),
            buyer_gstin: self.buyer_gstin.as_ref(),
            place_of_supply: self.place_of_supply.as_ref(),
            export: self.export,
            supplier_state: self.supplier_state.as_ref(),
            intra_state_tax: self.intra_state_tax.as_ref(),
        };
        All::invoice(&mut self.out, &invoice);
        let at = self.invoice_time;
        let dated = std::mem::take(&mut self.out.dated);
        self.out.findings.extend(
            dated
                .into_iter()
                .filter(|(when, _)| when.stands(at))
                .map(|(_, finding)| finding),
        );
        let (export, treatment) = (self.export, self.treatment);
        let refused = self.payments.as_ref().is_some_and(Payments::refused);
        // With no supply type stated, a place of supply outside India (96) says the supply is an export:
        // zero-rated (IGST Act s.16), its lines valued with or without the tax as EXPWP's and EXPWOP's
        // are (round 14). A supply type stated is the document's word.
        let zero_rated = !self.supply_type_stated
            && self
                .place_of_supply
                .as_ref()
                .and_then(text)
                .is_some_and(|code| states::is_abroad(&code));
        let stands = |unless: Unless| match unless {
            Unless::Export => !export,
            Unless::TaxOptional => treatment == TaxTreatment::Charged && !zero_rated,
            Unless::Refused => !refused,
        };
        let pending = std::mem::take(&mut self.out.pending);
        self.out.findings.extend(
            pending
                .into_iter()
                .filter(|(unless, _)| stands(*unless))
                .map(|(_, finding)| finding),
        );
        let out = &self.out;
        let omitted = out.omitted[0]
            + [Unless::Export, Unless::TaxOptional, Unless::Refused]
                .into_iter()
                .filter(|unless| stands(*unless))
                .map(|unless| out.omitted[1 + unless as usize])
                .sum::<usize>()
            + out
                .omitted_dated
                .iter()
                .filter(|(when, _)| when.stands(at))
                .map(|(_, count)| count)
                .sum::<usize>();
        (std::mem::take(&mut self.out.findings), omitted)
    }

    fn flush(&mut self) {
        let group = std::mem::take(&mut self.group);
        if let Some(first) = group.first() {
            let scope = Scope::of(first.role);
            // The item an item's group belongs to: its own members' owner, or two levels above an entry's.
            let item_path = match scope {
                Scope::Item => Some(first.path.prefix(owner(first).len())),
                Scope::ItemAdjustment | Scope::OtherTax | Scope::ItemRate => {
                    let entry = owner(first).len();
                    Some(first.path.prefix(entry.saturating_sub(2)))
                }
                _ => None,
            };
            if self.item.as_ref().map(|item| item.path) != item_path {
                self.leave_item();
                self.start_item(item_path);
            }
            match scope {
                Scope::Party => self.party(&group),
                Scope::Transaction => self.transaction(&group),
                // An item's own members never form a group: `add` hands them to the item.
                Scope::Item => {}
                Scope::ItemAdjustment => self.item_adjustment(&group),
                Scope::OtherTax => self.other_tax(&group),
                Scope::ItemRate => self.item_rate(&group),
                Scope::Totals => self.totals_members(&group),
                Scope::InvoiceAdjustment => self.invoice_adjustment(&group),
                // These never form a group: `add` checks a single member at once, keeps an
                // `objectVersion`'s two members apart, and hands a payment's to the payment rules.
                Scope::Version | Scope::Single | Scope::Payment => {}
            }
        }
        // Keep the allocation for the next group.
        let mut group = group;
        group.clear();
        self.group = group;
    }
}

impl<'a> Checker<'_, 'a> {
    /// A GSTIN's view: its structure, worked out once for every rule. `None` for `URP` where it may
    /// stand.
    fn gstin_view<'g>(
        fact: &'g Fact<'a>,
        text: &'g str,
        urp_allowed: bool,
    ) -> Option<Gstin<'g, 'a>> {
        (!(urp_allowed && text == gstin::UNREGISTERED)).then(|| Gstin {
            fact,
            text,
            urp_allowed,
            structure: gstin::classify(text),
        })
    }

    /// A party: its GSTIN's rules, then the party's, with what they share worked out once.
    fn party(&mut self, group: &[Fact<'a>]) {
        let state_code =
            find(group, Role::RegistrationStateCode).or_else(|| find(group, Role::StateCode));
        if let Some(fact) = state_code
            && let [.., Segment::Member(party), _] = fact.path.as_slice()
            && crate::generated::tables::NAMES[*party as usize] == "supplierDetails"
        {
            self.supplier_state = Some(fact.clone());
        }
        let code = state_code.and_then(text);
        let mut abroad = code.as_deref().is_some_and(states::is_abroad)
            || find(group, Role::Country)
                .and_then(text)
                .is_some_and(|country| states::country_is_abroad(&country));
        let mut registration = None;
        for fact in group {
            let urp_allowed = match fact.role {
                Role::Gstin => false,
                Role::GstinOrUrp => true,
                Role::PlaceOfSupply => {
                    self.place_of_supply = Some(fact.clone());
                    continue;
                }
                _ => continue,
            };
            // The supplier's and the buyer's, for the rules between them.
            if let [.., Segment::Member(party), _] = fact.path.as_slice() {
                match crate::generated::tables::NAMES[*party as usize] {
                    "supplierDetails" => self.supplier_gstin = Some(fact.clone()),
                    "buyerDetails" => self.buyer_gstin = Some(fact.clone()),
                    _ => {}
                }
            }
            let Some(value) = text(fact) else { continue };
            registration = None;
            if let Some(view) = Self::gstin_view(fact, &value, urp_allowed) {
                All::gstin(&mut self.out, &view);
                // A non-resident online service provider (OIDAR) is located outside India by definition
                // (IGST Act s.14(1): services "supplied by a person located in non-taxable territory"),
                // registered under 99 with its foreign address, whether or not the address names its
                // country (round 14). The structure the GSTIN's rules were given, not worked out again.
                abroad |= fact.role == Role::Gstin
                    && matches!(view.structure, Ok(gstin::Structure::NonResidentOnline));
                if view.structure.is_ok()
                    && matches!(states::code(&value[..2]), Ok(j) if j.registers())
                {
                    registration = states::two_digits(&value[..2]).map(|two| (fact, two));
                }
            }
        }
        let party = Party {
            group,
            code,
            abroad,
            registration,
        };
        All::party(&mut self.out, &party);
    }

    // ---- the transaction ---------------------------------------------------------------------------

    /// `transactionDetails`: the kind of supply, which the end decides pending findings with, and the
    /// e-commerce operator's GSTIN.
    fn transaction(&mut self, group: &[Fact<'a>]) {
        let supply = find(group, Role::SupplyType).and_then(text);
        let reverse = find(group, Role::ReverseCharge).and_then(text);
        self.treatment = amounts::tax_treatment(supply.as_deref(), reverse.as_deref());
        self.supply_type_stated = supply.is_some();
        self.export = supply.as_deref().is_some_and(|s| {
            let s = s.trim();
            s.eq_ignore_ascii_case("EXPWP") || s.eq_ignore_ascii_case("EXPWOP")
        });
        if let Some(fact) = find(group, Role::EcommerceGstin)
            && let Some(value) = text(fact)
            && let Some(view) = Self::gstin_view(fact, &value, false)
        {
            All::gstin(&mut self.out, &view);
        }
    }

    // ---- items -------------------------------------------------------------------------------------

    /// An `itemValueDetails` entry: a discount, a charge, a tax or a cess of the line, by its type.
    fn item_adjustment(&mut self, group: &[Fact<'a>]) {
        let Some(item) = &mut self.item else { return };
        let Some(value) = find(group, Role::ItemAdjustmentValue) else {
            return;
        };
        let Some(amount) = amounts::decimal(value.raw) else {
            item.unclear = true;
            return;
        };
        self.item_entry(
            group,
            Role::ItemAdjustmentType,
            value,
            amount,
            Entry::ItemValueDetails,
        );
    }

    /// An `otherTaxes` entry: a cess, a charge or a tax of the line, by its name read as an
    /// `itemValueDetails` type is. A name not recognised (`TDS`, which the buyer deducts and the line's
    /// value does not hold), an entry without a name or without an amount, leaves the line unclear.
    fn other_tax(&mut self, group: &[Fact<'a>]) {
        let Some(item) = &mut self.item else { return };
        let Some((value, amount)) = find(group, Role::CessAmount)
            .and_then(|fact| Some((fact, amounts::decimal(fact.raw)?)))
        else {
            item.unclear = true;
            return;
        };
        self.item_entry(group, Role::OtherTaxName, value, amount, Entry::OtherTaxes);
    }

    /// An entry of `amount` (at `value`) of either list, taken into the line by what its name (role `name`
    /// in `group`) says, the name read once: a discount (`itemValueDetails` only), a charge (and the
    /// income-tax TCS among the charges), a tax (and its head, for `item-tax-rate`), a cess (each list's
    /// apart, as one may repeat the other). A round-off, a name not recognised, a discount in `otherTaxes` or
    /// a sum that overflows leaves the line unclear.
    fn item_entry(
        &mut self,
        group: &[Fact<'a>],
        name: Role,
        value: &Fact<'a>,
        amount: Decimal,
        list: Entry,
    ) {
        let Some(item) = &mut self.item else { return };
        let named = find(group, name);
        let written = named.and_then(text);
        let adjustment = written.as_deref().map_or(Adjustment::Unknown, |name| {
            amounts::adjustment(name, amount)
        });
        note_intra_state_tax(
            &mut self.intra_state_tax,
            named,
            written.as_deref(),
            &adjustment,
            amount,
        );
        let sum = match adjustment {
            Adjustment::Discount if list == Entry::ItemValueDetails => {
                add_to(&mut item.discounts, amount.abs())
            }
            Adjustment::Charge => {
                if written.as_deref().is_some_and(amounts::names_tcs) {
                    // An overflow here fails the charges' own sum too, and the line is unclear.
                    let _ = add_to(&mut item.tcs, amount);
                }
                add_to(&mut item.charges, amount)
            }
            Adjustment::Tax => {
                let head = written.as_deref().and_then(amounts::tax_head);
                item.heads.add(head, amount, value);
                add_stated(&mut item.stated_tax, amount)
            }
            Adjustment::Cess => match list {
                Entry::ItemValueDetails => add_stated(&mut item.stated_cess, amount),
                Entry::OtherTaxes => add_stated(&mut item.other_taxes, amount),
            },
            Adjustment::Informational => Some(()),
            Adjustment::Discount | Adjustment::RoundOff | Adjustment::Unknown => None,
        };
        item.unclear |= sum.is_none();
    }

    /// A `rates` entry: a GST rate restates `gstRate`, and a rate of 0 changes nothing; any other rate (a
    /// cess's, a discount's) is one the rules do not compute, and leaves the line unclear.
    fn item_rate(&mut self, group: &[Fact<'a>]) {
        let Some(item) = &mut self.item else { return };
        let named = find(group, Role::ItemRateType);
        let name = named.and_then(text);
        let value = find(group, Role::ItemRateValue).and_then(|fact| amounts::decimal(fact.raw));
        item.unclear |= !amounts::rate_is_known(name.as_deref(), value);
        // A head's own rate (`CGST` 2.5), which `item-tax-rate` also holds the head's amount to.
        if let (Some(name), Some(value)) = (name.as_deref(), value)
            && let Some(head) = amounts::tax_head(name)
        {
            item.heads.heads[head as usize].rate = Some(value);
        }
        if self.intra_state_tax.is_none()
            && value.is_some_and(|value| !value.is_zero())
            && name.as_deref().is_some_and(amounts::names_intra_state_tax)
        {
            self.intra_state_tax = named.cloned();
        }
    }

    /// Checks the item the walk has left, and adds its amounts to the invoice's sums.
    /// Starts the item at `path` (none for a path deeper than a fact's), in the spare box if there is one.
    fn start_item(&mut self, path: Option<FactPath>) {
        let Some(path) = path else { return };
        self.item = Some(match self.spare.take() {
            Some(mut item) => {
                *item = Item::new(path);
                item
            }
            None => Box::new(Item::new(path)),
        });
    }

    /// Checks the item the walk has left, and adds its amounts to the invoice's sums.
    fn leave_item(&mut self) {
        let Some(item) = self.item.take() else { return };
        All::item(&mut self.out, &item);
        let totals = &mut self.totals;
        totals.assessment_sum = add(totals.assessment_sum, item.numbers.assessment);
        totals.item_value_sum = add(totals.item_value_sum, item.numbers.value);
        if let Some(tax) = item.stated_tax {
            // Past what a decimal holds the reading is left out (the sums above are unknown then too).
            let adjustments = &mut totals.adjustments;
            adjustments.line_taxes = adjustments
                .line_taxes
                .checked_add(tax)
                .unwrap_or(Decimal::ZERO);
        }
        self.spare = Some(item);
    }

    // ---- the invoice's totals ----------------------------------------------------------------------

    fn totals_members(&mut self, group: &[Fact<'a>]) {
        for fact in group {
            match fact.role {
                Role::AssessmentValue => self.totals.assessment_value = Some(fact.clone()),
                Role::TotalInvoiceValue => self.totals.total_invoice_value = Some(fact.clone()),
                _ => {}
            }
        }
    }

    /// An `otherValues` entry: a discount, a charge or a round-off of the invoice, by its type.
    fn invoice_adjustment(&mut self, group: &[Fact<'a>]) {
        let Some(value) = find(group, Role::InvoiceAdjustmentValue) else {
            return;
        };
        let Some(amount) = amounts::decimal(value.raw) else {
            self.totals.unclear = true;
            return;
        };
        let kind = find(group, Role::InvoiceAdjustmentType)
            .and_then(text)
            .map_or(Adjustment::Unknown, |name| {
                amounts::adjustment(&name, amount)
            });
        let adjustments = &mut self.totals.adjustments;
        let sum = match kind {
            Adjustment::Discount => adjustments
                .discounts
                .checked_add(amount.abs())
                .map(|d| adjustments.discounts = d),
            Adjustment::Charge => adjustments
                .charges
                .checked_add(amount)
                .map(|c| adjustments.charges = c),
            Adjustment::RoundOff => adjustments
                .round_off
                .unwrap_or_default()
                .checked_add(amount)
                .map(|r| adjustments.round_off = Some(r)),
            // Taxes and cesses of the invoice: the sums of the lines', already in their values, or
            // charged at the foot only; `invoice_total_fault` reads the total both ways for each.
            Adjustment::Tax => adjustments
                .stated_taxes
                .checked_add(amount)
                .map(|t| adjustments.stated_taxes = t),
            Adjustment::Cess => adjustments
                .stated_cesses
                .checked_add(amount)
                .map(|c| adjustments.stated_cesses = c),
            Adjustment::Informational => Some(()),
            Adjustment::Unknown => None,
        };
        self.totals.unclear |= sum.is_none();
        if kind == Adjustment::RoundOff {
            // A round-off beyond its range leaves the total unclear; `invoice-totals` reports it.
            self.totals.unclear |= amount.abs() > amounts::ROUND_OFF_LIMIT;
            All::round_off(&mut self.out, value, amount);
        }
    }

    // ---- versions and single values ----------------------------------------------------------------

    /// A value checked on its own; the invoice's `ts` is read once, for its rules and for dated findings.
    fn single(&mut self, fact: &Fact<'_>) {
        if let Some(value) = text(fact) {
            if fact.role == Role::Timestamp {
                self.invoice_time = timestamp::unix_seconds(&value);
                if let Some(at) = self.invoice_time {
                    All::timestamp(&mut self.out, fact, at);
                }
            }
            All::single(&mut self.out, fact, &value);
        }
    }
}

/// Adds an item's amount to a running sum: `None` (the item lacks the member, or it is not a number) makes
/// the sum unknown.
fn add(sum: Option<Decimal>, amount: Option<Decimal>) -> Option<Decimal> {
    sum?.checked_add(amount?)
}

/// Adds `amount` to `sum`; `None`, and `sum` unchanged, where the sum overflows.
fn add_to(sum: &mut Decimal, amount: Decimal) -> Option<()> {
    *sum = sum.checked_add(amount)?;
    Some(())
}

/// Adds `amount` to a sum the line states only if one of its entries does (`None` until then); `None`,
/// and `sum` unchanged, where the sum overflows.
fn add_stated(sum: &mut Option<Decimal>, amount: Decimal) -> Option<()> {
    *sum = Some(sum.unwrap_or_default().checked_add(amount)?);
    Some(())
}

/// Keeps in `slot`, if it holds none yet, the name (`named`, written `written`) of an `itemValueDetails` or
/// `otherTaxes` entry that charges CGST, SGST or UTGST: an amount not 0 whose name was read as a tax or as
/// nothing (`adjustment`; a discount, the commonest entry, is not read again) and reads as one of those
/// taxes (`inter-state-igst`).
fn note_intra_state_tax<'a>(
    slot: &mut Option<Fact<'a>>,
    named: Option<&Fact<'a>>,
    written: Option<&str>,
    adjustment: &Adjustment,
    amount: Decimal,
) {
    if slot.is_none()
        && !amount.is_zero()
        && matches!(adjustment, Adjustment::Tax | Adjustment::Unknown)
        && written.is_some_and(amounts::names_intra_state_tax)
    {
        *slot = named.cloned();
    }
}
