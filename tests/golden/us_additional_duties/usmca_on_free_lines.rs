//! audit-ee M1: a preference claim on a tariff line whose general rate is Free. The line names no
//! programme in its special column (CBP IEEPA FAQ, as reproduced: "A product with a General column
//! duty rate of Free will not have an SPI indicator in the Special column of the HTSUS, because no
//! claim for preference is needed. However, the USMCA SPI code can still be used to claim the
//! USMCA MPF exemption and the exception for IEEPA CA or IEEPA MX"), yet the headings that spare
//! the programme's goods test their origin, not a column 1 rate above Free: HTSUS 2026 Rev 3
//! headings 9903.01.14 (Canada) and 9903.01.04 (Mexico), "Articles that are entered free of duty
//! under the terms of general note 11 to the HTSUS ... as related to the USMCA" ("No change");
//! Rev 10 headings 9903.03.07/.08 (Section 122: "Articles the product of Canada/Mexico, as
//! provided for in subdivision (aa)(vi)/(vii) of U.S. note 2", USMCA goods) and 9903.03.09
//! (CAFTA-DR textiles and apparel, subdivision (aa)(viii)).

use crate::common::{d, engine, quote};
use landed::error::ErrorCode;
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

/// One formal ocean entry of a US$1,000 line, DDP, shipped from its origin.
fn request(origin: &str, date: &str, code: &str, claim: Option<&str>) -> Value {
    let mut line = json!({"id": "a", "code": code, "quantity": "1", "unit_price": "1000.00"});
    if let Some(c) = claim {
        line["claim"] = json!(c);
    }
    json!({"destination": "US", "date": date, "currency": "USD", "channel": "freight", "transport": "ocean",
        "entry_type": "formal", "incoterm": "DDP", "origin": origin, "ship_from": origin, "lines": [line]})
}

fn us(origin: &str, date: &str, code: &str, claim: Option<&str>) -> Quote {
    quote(request(origin, date, code, claim))
}

fn additional(q: &Quote) -> Vec<(String, Option<rust_decimal::Decimal>)> {
    q.lines[0]
        .levies
        .iter()
        .filter(|l| l.kind == LevyKind::AdditionalDuty)
        .map(|l| (l.name.as_str().to_string(), l.amount))
        .collect()
}

/// 9403.60.80 (wooden furniture, general Free) of Canada, USMCA claimed: 9903.01.10 (+ 25 % from
/// 2025-03-07, + 35 % from 2025-08-01) is removed by the claim (heading 9903.01.14); unclaimed it
/// is 25 % × 1,000.00 = 250.00 and 35 % × 1,000.00 = 350.00 (audit-ee C18, G07).
#[test]
fn a_usmca_claim_on_a_free_line_removes_the_canada_ieepa_duty_9903_01_14() {
    for (date, unclaimed) in [("2025-03-07", "250.00"), ("2025-08-01", "350.00")] {
        let without = us("CA", date, "9403.60.80", None);
        assert_eq!(without.totals.duty, d(unclaimed), "{date}: {:?}", additional(&without));
        let q = us("CA", date, "9403.60.80", Some("S"));
        let line = &q.lines[0];
        assert_eq!(q.totals.duty, d("0.00"), "{date}: {:?}", additional(&q));
        assert!(additional(&q).is_empty(), "{date}: {:?}", additional(&q));
        let removed = line.excluded.iter().find(|e| e.ch99 == "9903.01.10").expect("listed as removed");
        assert_eq!(removed.reason, "removed by the claim under S");
        assert_eq!((line.status, q.totals.complete), (LineStatus::Priced, true), "{date}: {:?}", line.reason);
        // The column 1 duty stays Free: no saving on it; the claim saves the layer it removes.
        let claim = line.claim.as_ref().expect("claim applied");
        assert_eq!((claim.rate.as_str(), claim.general_rate.as_str()), ("Free", "Free"));
        assert_eq!(claim.saving, Some(d("0.00")));
        assert_eq!((claim.waived.len(), claim.waived[0].amount), (1, d(unclaimed)));
        let condition = q.warnings.iter().find(|w| w.code == "W_CLAIM").expect("the claim's condition");
        assert!(condition.message.to_string().contains("the general rate is Free too"), "{}", condition.message);
    }
}

/// Mexico under Section 122 (2026-03-01): 9903.03.01 (+ 10 %) excepts USMCA goods of Mexico
/// (heading 9903.03.08); unclaimed 10 % × 1,000.00 = 100.00 (audit-ee G08, on toys 9503.00.00,
/// general Free: 9403.60.80 may be a Section 232 kitchen cabinet in 2026, 9903.76.03).
#[test]
fn a_usmca_claim_on_a_free_line_removes_the_section_122_surcharge_9903_03_08() {
    let without = us("MX", "2026-03-01", "9503.00.00", None);
    assert_eq!(without.totals.duty, d("100.00"), "{:?}", additional(&without));
    let q = us("MX", "2026-03-01", "9503.00.00", Some("S"));
    assert_eq!((q.totals.duty, q.totals.complete), (d("0.00"), true), "{:?}", additional(&q));
    assert!(q.lines[0].excluded.iter().any(|e| e.ch99 == "9903.03.01" && e.reason.contains("claim under S")));
}

/// Unclaimed, the Free line offers the claim with what it removes: 250.00 (9903.01.10), and the
/// Merchandise Processing Fee the claim removes when every line of the entry is then exempt
/// (32.71 in FY2025, as the claim itself counts it: audit-dd DD5): 282.71.
#[test]
fn an_unclaimed_free_line_offers_the_usmca_claim_with_the_duty_it_removes() {
    let q = us("CA", "2025-03-07", "9403.60.80", None);
    let alt = q.lines[0].alternatives.iter().find(|a| a.program == "S").expect("USMCA offered");
    assert_eq!((alt.rate.as_str(), alt.duty, alt.saving), ("Free", Some(d("0")), Some(d("0"))));
    assert_eq!(alt.total_saving, Some(d("282.71")), "{}", alt.note);
    assert!(alt.note.contains("9903.01.10"), "{}", alt.note);
    // Before the IEEPA duties (2025-01-10) no layer is charged that a claim would remove: nothing
    // is offered on a Free line.
    let q = us("CA", "2025-01-10", "9403.60.80", None);
    assert!(q.lines[0].alternatives.iter().all(|a| a.program != "S"), "{:?}", q.lines[0].alternatives);
}

/// A claim the origin cannot make is still refused (China is no USMCA party), and so is a claim
/// on a dutiable line without the programme's rate (04022950, milk powder: $1.104/kg + 14.9 %,
/// USMCA only through the tariff-rate quota headings "See 9823.05.01-9823.05.06 (S+)").
#[test]
fn a_claim_the_origin_or_the_line_cannot_make_is_still_refused() {
    let refused = |v: Value| {
        let e = engine().quote(&crate::common::request(v)).expect_err("refused");
        assert_eq!(e.code, ErrorCode::Claim, "{e:?}");
        e
    };
    let e = refused(request("CN", "2025-03-07", "9403.60.80", Some("S")));
    assert!(e.message.contains("cannot claim S"), "{}", e.message);
    let e = refused(request("CA", "2025-03-07", "0402.29.50", Some("S")));
    assert!(e.message.contains("no S rate for 04022950, and its general rate is not Free"), "{}", e.message);
}
