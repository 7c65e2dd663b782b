//! South Africa's customs value uplift and its waiver for goods of and shipped from the BLNS
//! countries.

use crate::common::{d, quote, warned};
use landed::quote::{LevyKind, Quote};
use serde_json::{json, Value};

// audit-r (session 17, fix-s2): a caller's excise names its base; Taiwan's small-parcel
// relief by date; South Africa's Part 2B ad valorem duty and CO2 tax; the BLNS uplift; the
// Malaysian de minimis, the South African ≤ R500 row and the US de minimis wording.

fn warning(q: &Quote, part: &str) -> Option<String> {
    q.warnings.iter().map(|w| w.message.to_string()).find(|m| m.contains(part))
}

/// South Africa, R1,000 at 0 % duty, VAT 15 %: `ship_from` and `origin`.
fn za_shirt(origin: Option<&str>, ship_from: &str) -> Quote {
    let mut req = json!({"destination": "ZA", "date": "2026-11-02", "currency": "ZAR", "channel": "freight",
        "transport": "road", "incoterm": "DAP", "ship_from": ship_from, "business_buyer": true,
        "lines": [{"id": "a", "code": "6109.10", "quantity": "1", "unit_price": "1000.00", "duty_rate": "0%"}]});
    if let Some(o) = origin {
        req["origin"] = Value::from(o);
    }
    quote(req)
}

fn za_vat(q: &Quote) -> Option<rust_decimal::Decimal> {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).and_then(|l| l.amount)
}

/// ZA BLNS uplift. SARS FAQ "How is VAT calculated on imported goods": the 10 % is not added for
/// goods that "have their origin in BLNS and are imported from that country". BW goods from BW:
/// VAT 15 % × 1,000 = 150.00; CN goods shipped from BW: 15 % × 1,100 = 165.00 (it was 150.00);
/// BW goods shipped from CN: 165.00; shipped from BW with no origin: the uplift, and
/// W_UPLIFT_ASSUMED.
#[test]
fn the_blns_uplift_waiver_needs_origin_and_shipment_in_blns_sars_faq() {
    assert_eq!(za_vat(&za_shirt(Some("BW"), "BW")), Some(d("150.00")));
    assert_eq!(za_vat(&za_shirt(Some("CN"), "BW")), Some(d("165.00")));
    assert_eq!(za_vat(&za_shirt(Some("BW"), "CN")), Some(d("165.00")));
    let q = za_shirt(None, "BW");
    assert_eq!(za_vat(&q), Some(d("165.00")));
    let w = warning(&q, "za-vat-uplift-10").expect("W_UPLIFT_ASSUMED");
    assert!(warned(&q, "W_UPLIFT_ASSUMED") && w.ends_with("give origin"), "{w}");
}
