//! The EU's handling fee per item (Regulation (EU) 2026/2108 art. 20): listed without an
//! amount, on distance sales only.

use crate::common::quote;
use landed::quote::Quote;
use serde_json::{json, Value};

// fix-bb (session 20): audit-z's findings (findings/audit-z.md) Z2, Z5, Z6, Z7 fixed at their
// source, each tested against the law it cites.

fn warning<'a>(q: &'a Quote, code: &str, text: &str) -> Option<&'a str> {
    q.warnings.iter().find(|w| w.code == code && w.message.contains(text)).map(|w| w.message.as_str())
}

/// audit-z Z6. The EU handling fee is on "low-value consignments of goods sold at a distance"
/// (Reg. (EU) 2026/2108 art. 20, as reported; `fees.tsv#eu-handling-fee-2026`). A distance sale
/// is a supply to a person who is not a taxable person (Directive 2006/112/EC art. 14(4)): a
/// consignment to a business buyer is not one, nor is a gift. DE, CN T-shirts 2 × EUR 20 by post,
/// 2026-11-27: listed for a consumer ("may be due from 2026-11-01 (expected ...)": its start is
/// not read), not for `business_buyer: true`, not for `gift: true`.
#[test]
fn the_eu_handling_fee_is_on_distance_sales_only_directive_2006_112_art_14_4() {
    let parcel = |extra: Value| {
        let mut v = json!({"destination": "DE", "origin": "CN", "ship_from": "CN", "date": "2026-11-27",
            "currency": "EUR", "channel": "post", "incoterm": "DDP",
            "lines": [{"id": "tee", "code": "6109.10.00.10", "quantity": "2", "unit_price": "20.00"}]});
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        quote(v)
    };
    let fee = |q: &Quote| q.levies.iter().find(|l| l.name.as_str().contains("EU customs handling fee")).cloned();
    let consumer = parcel(json!({}));
    let listed = fee(&consumer).expect("listed for a consumer");
    assert_eq!(listed.amount, None);
    assert!(listed.formula.as_str().contains("may be due from 2026-11-01 (expected"), "{}", listed.formula);
    let w = warning(&consumer, "W_FEE_UNKNOWN", "EU customs handling fee").expect("W_FEE_UNKNOWN");
    assert!(w.contains("may be due") && !w.contains("is due but"), "{w}");
    assert!(!consumer.totals.complete);
    let b2b = parcel(json!({"business_buyer": true}));
    assert!(fee(&b2b).is_none(), "{:?}", b2b.levies);
    let gift = parcel(json!({"gift": true}));
    assert!(fee(&gift).is_none(), "{:?}", gift.levies);
}
