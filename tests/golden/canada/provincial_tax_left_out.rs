//! A Canadian province's own sales tax is named as left out whatever the border charges (audit-cc
//! CC8). The CUSMA courier relief (CAD 40, Courier Imports Remission Order) is of what the CBSA
//! collects at the border; Québec's QST is never collected there (Act respecting the Québec sales
//! tax: a supplier registered under the specified-supplier regime, since 2019, charges it at the
//! sale, otherwise the buyer accounts for it), so a Québec quote within the relief must not read as
//! including every tax. BC's, SK's and MB's PST (collected by the CBSA on casual goods above the
//! relief, CBSA 'Courier Low Value Shipment Program') is not collected within it either.

use crate::common::{d, quote};
use landed::quote::Quote;
use serde_json::{json, Value};

fn canada(subdivision: &str, price: &str) -> Value {
    json!({"destination": "CA", "subdivision": subdivision, "date": "2026-11-27", "currency": "CAD",
        "channel": "courier", "incoterm": "DDP", "origin": "CN", "ship_from": "US",
        "lines": [{"id": "tee", "code": "6109.10", "quantity": "1", "unit_price": price}]})
}

fn provincial(q: &Quote) -> Option<String> {
    q.warnings.iter().find(|w| w.code == "W_PROVINCIAL_TAX").map(|w| w.message.to_string())
}

#[test]
fn quebec_within_the_cusma_courier_relief_names_the_qst_as_left_out_audit_cc_cc8() {
    // CAD 34.92 by courier from the US: within ca-cusma-courier-40, no duty and no GST at the
    // border. Before: no W_PROVINCIAL_TAX (it was emitted only where border tax was charged).
    let q = quote(canada("QC", "34.92"));
    assert_eq!((q.totals.duty, q.totals.tax), (d("0.00"), d("0.00")));
    let w = provincial(&q).expect("QST named as left out");
    assert!(w.starts_with("QC provincial sales tax (PST/QST) is not collected by the CBSA at the border"), "{w}");
    // The same above the relief keeps its warning.
    assert!(provincial(&quote(canada("QC", "89.00"))).is_some());
}

#[test]
fn bc_sk_mb_within_the_relief_name_their_pst_as_left_out_and_hst_provinces_do_not_audit_cc_cc8() {
    for p in ["BC", "SK", "MB"] {
        let q = quote(canada(p, "34.92"));
        assert!(
            !q.lines[0].levies.iter().any(|l| l.name.as_str().contains("PST")),
            "{p}: no PST levy within the relief"
        );
        let w = provincial(&q).unwrap_or_else(|| panic!("{p}: PST named as left out"));
        assert!(
            w.contains(&format!("{p} provincial sales tax (PST/QST) is not collected by the CBSA at the border")),
            "{w}"
        );
        // Above the relief the CBSA collects it: priced, no warning.
        assert!(provincial(&quote(canada(p, "89.00"))).is_none(), "{p}");
    }
    // A harmonized province (HST) has no separate provincial tax.
    assert!(provincial(&quote(canada("ON", "34.92"))).is_none());
}
