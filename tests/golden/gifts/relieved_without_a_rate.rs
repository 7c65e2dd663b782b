//! A tax a relief makes not due needs no rate (audit-hh HH6).

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

/// A T-shirt sent by post to CZ on 2012-02-23, a gift or not, at CZK `price` (duty 12 % given).
fn cz_2012(price: &str, gift: bool) -> Quote {
    quote(json!({"destination": "CZ", "date": "2012-02-23", "currency": "CZK", "origin": "US", "ship_from": "US",
        "channel": "post", "gift": gift, "incoterm": "DAP", "shipping": "0",
        "lines": [{"id": "a", "code": "6109.10", "quantity": "1", "unit_price": price, "duty_rate": "12%"}]}))
}

/// audit-ff FF21: Council Directive 2006/79/EC art. 1-2 (gifts between private persons up to
/// EUR 45 relieved of import VAT; the GŘC's gift page for the duty): a CZK 1,140 gift on
/// 2012-02-23 pays no duty and no VAT. No CZ VAT rate of that day is in the snapshot (the
/// compilation's 21 % starts 2013-01-01), which does not matter: the tax is 0 whatever the rate
/// (docs/rules.md §3, a relieved levy is produced at zero). Was: no VAT levy, the line partial
/// "no VAT/GST rate for CZ on 2012-02-23", at least 0.
#[test]
fn a_relieved_gift_is_complete_at_zero_vat_without_the_days_rate_directive_2006_79() {
    for price in ["1140", "1100"] {
        let q = cz_2012(price, true);
        let line = &q.lines[0];
        let vat = line.levies.iter().find(|l| l.kind == LevyKind::Tax).expect("the VAT levy, relieved");
        assert_eq!((vat.amount, vat.rate.to_string()), (Some(d("0.00")), "relieved".to_string()), "{price}");
        assert_eq!(vat.name.to_string(), "Import VAT");
        assert_eq!(line.status, LineStatus::Priced, "{price}: {:?}", line.reason);
        assert!(q.totals.complete && !q.totals.at_least, "{price}");
        assert_eq!(q.totals.tax, d("0.00"));
    }
}

/// Without the relief (not a gift) the missing rate still leaves the line partial and says so.
#[test]
fn without_a_relief_no_rate_on_the_day_stays_partial() {
    let q = cz_2012("1140", false);
    assert_ne!(q.lines[0].status, LineStatus::Priced);
    let reason = q.lines[0].reason.as_deref().unwrap_or_default();
    assert!(reason.contains("no VAT/GST rate for CZ on 2012-02-23"), "{reason}");
    assert!(!q.totals.complete);
}
