//! fix-ee (session 20): carriers' samples and other calculators (findings/audit-bb.md) where they
//! showed a defect of ours, each fixed at its source and tested against the law it cites.

mod common;

use common::{d, quote};
use landed::quote::{LevyKind, Quote};
use serde_json::json;

fn fee<'q>(q: &'q Quote, name: &str) -> Option<&'q landed::quote::Levy> {
    q.levies.iter().find(|l| l.kind == LevyKind::Fee && l.name.as_str().contains(name))
}

fn nz_laptop(date: &str, price: &str, duty_rate: &str) -> Quote {
    quote(json!({"destination": "NZ", "date": date, "currency": "NZD", "origin": "CN", "channel": "courier",
        "lines": [{"id": "x", "code": "8471300000", "quantity": "1", "unit_price": price, "duty_rate": duty_rate}]}))
}

/// audit-bb BB5. NZ Customs' OIA release (fyi.org.nz request 657): "Customs charges will be
/// collected when the duty and or GST total payable for a shipment is NZ$60 or more. In these
/// instances the importer will also incur an Import Transaction Fee (Customs and MAF) of $38.07";
/// "Customs charges will not be collected when the duty and or GST total payable ... is less than
/// NZ$60" (row nz-de-minimis-60). A laptop of NZ$390, duty free (AIO Express's sample): GST 15 % ×
/// 390.00 = 58.50 < 60 is not collected, and neither is the fee (fees.tsv#nz-itf-before-2019-12,
/// condition `collected`); the quote is complete. NZ$400.00: GST 60.00 is collected and the fee is
/// due, listed without an amount (the release is undated).
#[test]
fn nz_import_transaction_fee_follows_the_nz60_waiver_bb5() {
    let q = nz_laptop("2018-06-01", "390.00", "0%");
    let itf = fee(&q, "Import Transaction Fee").expect("listed");
    assert_eq!(itf.amount, Some(d("0.00")), "{}", itf.formula);
    assert!(itf.formula.as_str().contains("not due"), "{}", itf.formula);
    assert_eq!(q.totals.tax, d("0.00"));
    assert!(!q.warnings.iter().any(|w| w.code == "W_FEE_UNKNOWN"), "{:?}", q.warnings);

    let q = nz_laptop("2018-06-01", "400.00", "0%");
    assert_eq!(q.totals.tax, d("60.00"));
    let itf = fee(&q, "Import Transaction Fee").expect("listed");
    assert_eq!(itf.amount, None, "{}", itf.formula);
    assert!(q.warnings.iter().any(|w| w.code == "W_FEE_UNKNOWN") && !q.totals.complete);
}
