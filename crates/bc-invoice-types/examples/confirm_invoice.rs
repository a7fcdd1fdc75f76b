//! Builds a confirm-invoice request in code, serializes it and prints it.

use bc_invoice_types::{
    B2bId, B2bIds, BuyerResponse, ConfirmInvoiceRequest, Device, DeviceTag, DeviceTagName,
    InvoiceConfirmation, LifecycleStatus, ObjectId, ObjectVersion, Remarks, StatusTransition,
    SupplierInvoiceNumber,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Pattern-constrained values are checked when they are made: a bad one is an error here.
    let object_id = ObjectId::try_from("INV7c1e9a4b2d8f4e6a9b3c5d7e1f2a4b6c")?;
    let invoice_number = SupplierInvoiceNumber::try_from("KT/2026-27/000142")?;

    let request = ConfirmInvoiceRequest::new(
        Device::new(
            DeviceTag::new()
                .with_name(DeviceTagName::Geocode)
                .with_value("12.9716,77.5946"),
        ),
        B2bIds::new(
            B2bId::try_from("BCB2B29AABCS7314M")?,
            B2bId::try_from("BCB2B27AAKCK4821P")?,
        ),
        InvoiceConfirmation::new(
            object_id,
            invoice_number,
            ObjectVersion::new()
                .with_current_version(2)
                .with_new_version(3),
            BuyerResponse::Accept,
            Remarks::try_from("Goods received in good condition")?,
            StatusTransition::new()
                .with_current_status(LifecycleStatus::Created)
                .with_new_status(LifecycleStatus::Accepted),
        ),
    );

    println!("{}", serde_json::to_string_pretty(&request)?);
    Ok(())
}
