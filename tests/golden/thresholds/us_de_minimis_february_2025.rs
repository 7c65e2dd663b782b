//! audit-ee M3: de minimis (19 U.S.C. 1321(a)(2)(C), US$800) for products of China and Hong Kong
//! from 2025-02-04 to 2025-02-06. EO 14195 s.2(g) (90 FR 9121, p. 9123, as reproduced): "For
//! avoidance of doubt, duty-free de minimis treatment under 19 U.S.C. 1321 shall not be available
//! for the articles described in subsection (a) of this section", from 2025-02-04 (CBP CSMS
//! #63992482); EO 14200 of 2025-02-05 made it available again until Commerce's notification, and
//! CBP CSMS #64082249: it "does not establish retroactive eligibility for de minimis treatment ...
//! CBP will not refund duties for any shipments denied de minimis prior to ACE's resumption of
//! processing de minimis clearances for shipments containing products of China and Hong Kong on
//! February 7, 2025". So: 02-04 denied; 02-05 and 02-06 unsettled (the order in force, CBP not
//! processing and refunding none): partial; from 02-07 relieved. Informational materials (heading
//! 9903.01.22) were never articles of s.2(a) and keep it.

use crate::common::{applies, d, quote};
use landed::quote::{LevyKind, Quote};
use serde_json::json;

fn courier(origin: &str, date: &str, code: &str, price: &str) -> Quote {
    quote(json!({"destination": "US", "date": date, "currency": "USD", "channel": "courier", "incoterm": "DDP",
        "origin": origin, "ship_from": origin,
        "lines": [{"id": "a", "code": code, "quantity": "1", "unit_price": price}]}))
}

/// E19: a US$700 cotton T-shirt consignment (6109.10.00) on 2025-02-04 pays MFN 16.5 % = 115.50
/// and 9903.01.20 (+ 10 %) = 70.00; of China also Section 301 list 4A (9903.88.15, + 7.5 %) =
/// 52.50: 238.00, of Hong Kong 185.50 (before: relieved, 0.00).
#[test]
fn chinese_goods_lose_de_minimis_on_2025_02_04_eo_14195_s2g() {
    for (origin, duty) in [("CN", "238.00"), ("HK", "185.50")] {
        let q = courier(origin, "2025-02-04", "6109.10.00", "700.00");
        assert!(!applies(&q, "us-de-minimis-800-ex-cn-hk-2025-02-04"), "{origin}");
        assert_eq!(q.totals.duty, d(duty), "{origin}: {:?}", q.lines[0].levies);
        let ieepa = q.lines[0]
            .levies
            .iter()
            .find(|l| l.kind == LevyKind::AdditionalDuty && l.name.as_str().contains("9903.01.20"));
        assert_eq!(ieepa.and_then(|l| l.amount), Some(d("70.00")), "{origin}");
    }
    // Goods of every other origin keep it; the day before, Chinese goods too.
    let vn = courier("VN", "2025-02-04", "6109.10.00", "700.00");
    assert!(applies(&vn, "us-de-minimis-800-ex-cn-hk-2025-02-04"));
    assert_eq!(vn.totals.duty, d("0.00"));
    let before = courier("CN", "2025-02-03", "6109.10.00", "700.00");
    assert!(applies(&before, "us-de-minimis-800"));
    assert_eq!(before.totals.duty, d("0.00"));
}

#[test]
fn chinese_goods_on_2025_02_05_and_06_are_partial_and_relieved_again_from_02_07() {
    for date in ["2025-02-05", "2025-02-06"] {
        let q = courier("CN", date, "6109.10.00", "700.00");
        assert!(!q.totals.complete, "{date}: {:?}", q.totals);
        assert!(
            q.warnings.iter().any(|w| w.message.to_string().contains("us-de-minimis-800-cn-hk-2025-02-05")),
            "{date}: {:?}",
            q.warnings
        );
    }
    // Over US$800 the relief is out of the question whichever reading holds (the amount is the
    // statute's, confirmed by the official row of the day): 9903.01.20 10 % × 5,000.00 = 500.00.
    let q = courier("CN", "2025-02-05", "9503.00.00", "5000.00");
    assert_eq!((q.totals.duty, q.totals.complete), (d("500.00"), true), "{:?}", q.warnings);
    let q = courier("CN", "2025-02-07", "6109.10.00", "700.00");
    assert!(applies(&q, "us-de-minimis-800-from-2025-02-07"));
    assert_eq!((q.totals.duty, q.totals.complete), (d("0.00"), true));
}

/// Printed books (4901.99.00.93) of China on 2025-02-04: informational materials, heading
/// 9903.01.22, outside s.2(a): still relieved.
#[test]
fn chinese_books_keep_de_minimis_on_2025_02_04() {
    let q = courier("CN", "2025-02-04", "4901.99.0093", "100.00");
    assert!(applies(&q, "us-de-minimis-800-cn-hk-1702b-2025-02-04"), "{:?}", q.thresholds);
    assert_eq!(q.totals.duty, d("0.00"));
}

/// audit-hh HH4. On 2025-02-05 and 06 the warning of the informational-materials row (in force
/// 02-04 to 02-06) cited EO 14195 s.2(g)'s denial alone, beside the `verify` row saying EO 14200
/// replaced it on 02-05: it now says those two days are unsettled and names that row.
#[test]
fn the_refusal_on_2025_02_05_and_06_names_eo_14200_beside_eo_14195() {
    for date in ["2025-02-05", "2025-02-06"] {
        let q = courier("CN", date, "9503.00.00", "700.00");
        let w = q
            .warnings
            .iter()
            .find(|w| {
                w.code == "W_THRESHOLD_NOT_APPLIED" && w.message.contains("us-de-minimis-800-cn-hk-1702b-2025-02-04")
            })
            .map(|w| w.message.to_string())
            .unwrap_or_default();
        assert!(
            w.contains("EO 14195 s.2(g)") && w.contains("on 2025-02-05 and 06 unsettled: EO 14200 replaced s.2(g)"),
            "{date}: {w}"
        );
    }
}
