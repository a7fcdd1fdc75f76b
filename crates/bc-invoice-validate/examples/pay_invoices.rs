//! Pays two invoices in one Pay Invoice request: builds it with exact amounts, checks that the parts add up
//! to the paisa, and validates it with the payment rules turned into errors.

use bc_invoice_types::{
    AmountCurrency, B2bId, B2bIds, Currency, Decimal, Device, DeviceTag, DeviceTagName,
    InvoiceAmount, InvoicePayInfo, InvoicePaymentAmount, ObjectId, PayInvoiceRequest, Payment,
    PaymentAmount, PaymentMode, PaymentObjectId, PaymentSplit, PaymentType, SupplierInvoiceNumber,
    Timestamp, Utr,
};
use bc_invoice_validate::{RuleId, RuleLevel, RuleSet, Validator};

/// One invoice's share of the payment: what is due, and the splits that settle it (money paid, then
/// adjustments such as TDS or a credit note).
fn pay(
    object_id: &str,
    number: &str,
    due: Decimal,
    paid: (&str, Decimal, &str),
    adjusted: (&str, Decimal, &str),
) -> Result<InvoicePayInfo, Box<dyn std::error::Error>> {
    let total = paid.1 + adjusted.1;
    let splits = [paid, adjusted].map(|(name, value, reference)| {
        PaymentSplit::new()
            .with_name(name)
            .with_value(value)
            .with_ref_no(reference)
    });
    Ok(InvoicePayInfo::new()
        .with_object_id(ObjectId::try_from(object_id)?)
        .with_supplier_invoice_number(SupplierInvoiceNumber::try_from(number)?)
        .with_invoice_amount(
            InvoiceAmount::new()
                .with_due_amount(due)
                .with_currency(AmountCurrency::Inr),
        )
        .with_invoice_payment_amount(
            InvoicePaymentAmount::new()
                .with_net_paid_amount(paid.1)
                .with_net_adjustment_amount(adjusted.1)
                .with_total_amount(total)
                .with_currency(AmountCurrency::Inr)
                .with_splits(splits),
        ))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rupees = |text: &str| text.parse::<Decimal>();
    let utr = "ICICN26329184467";
    let invoices = vec![
        // In full, less TDS under section 194Q.
        pay(
            "INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c",
            "KT/2026-27/000142",
            rupees("74521.20")?,
            ("NEFT", rupees("74451.16")?, utr),
            ("TDS 194Q", rupees("70.04")?, "TDS/194Q/2026-27/Q3/0412"),
        )?,
        // In part, less a credit note.
        pay(
            "INV3d5f7b9e1a2c4e6f8b0d2a4c6e8f1b3d",
            "KT/2026-27/000157",
            rupees("36750.00")?,
            ("NEFT", rupees("18750.00")?, utr),
            ("CREDIT NOTE", rupees("1250.00")?, "KT/CN/2026-27/0031"),
        )?,
    ];

    // The payment is the sum of the invoices' shares, to the paisa: no float is involved.
    let sum = |part: fn(&InvoicePaymentAmount) -> Option<Decimal>| -> Decimal {
        invoices
            .iter()
            .filter_map(|i| i.invoice_payment_amount.as_ref().and_then(part))
            .sum()
    };
    let (paid, adjusted, total) = (
        sum(|a| a.net_paid_amount),
        sum(|a| a.net_adjustment_amount),
        sum(|a| a.total_amount),
    );
    assert_eq!(paid + adjusted, total);
    assert_eq!(total.to_string(), "94521.20");

    let request = PayInvoiceRequest::new(
        Device::new(
            DeviceTag::new()
                .with_name(DeviceTagName::Geocode)
                .with_value("12.9716,77.5946"),
        ),
        B2bIds::new(
            B2bId::try_from("BCB2B29AABCS7314M")?,
            B2bId::try_from("BCB2B27AAKCK4821P")?,
        ),
        Payment::new(
            PaymentObjectId::try_from("PMT9c4e2a7b1d3f5e8a0b6c2d4e7f1a3b5c")?,
            Timestamp::try_from("2026-11-20T16:42:10+05:30")?,
            PaymentType::Offplatform,
            PaymentMode::Neft,
            Utr::try_from(utr)?,
            Currency::Inr,
            PaymentAmount::new()
                .with_net_paid_amount(paid)
                .with_net_adjustment_amount(adjusted)
                .with_total_amount(total)
                .with_currency(AmountCurrency::Inr),
            invoices,
        ),
    );

    // The payment rules warn by default; as errors here, they check the same sums, the splits, that no
    // invoice is named twice or paid beyond what is due, and (a convention, off by default) the currencies.
    let mut rules = RuleSet::default();
    for id in [
        RuleId::PaymentParts,
        RuleId::PaymentTotal,
        RuleId::PaymentNetPaid,
        RuleId::PaymentNetAdjustment,
        RuleId::PaymentSplits,
        RuleId::PaymentDue,
        RuleId::PaymentDuplicateInvoice,
        RuleId::PaymentCurrency,
    ] {
        rules.set(id, RuleLevel::Deny);
    }
    let report = Validator::new().rules(rules).check(&request);
    assert!(report.is_valid(), "{report}");

    println!("{}", serde_json::to_string_pretty(&request)?);
    Ok(())
}
