//! Korea's USD 150 small-parcel relief (Enforcement Rule of the Customs Act art. 45(2)(1)) on
//! either side of its limit.

use crate::common::{applies, d, levy, quote, warned};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

// fix-u (session 17): reliefs read in their primary legal text are `official` again, so the
// quotes above their amounts are priced (fix-s2 left them unpriced while the rows were
// `verify`: a relief from a secondary source the consignment is over is unverified with it).

/// A T-shirt by courier into Korea, the caller's duty 13 %, at ₩1,400 per US dollar.
fn korea(date: &str, ship_from: &str, value: &str, shipping: Option<&str>) -> Quote {
    let mut v = json!({"destination": "KR", "date": date, "currency": "USD", "ship_from": ship_from,
        "origin": ship_from, "channel": "courier", "incoterm": "DAP", "fx": {"USD/KRW": "1400"},
        "lines": [{"id": "x", "code": "6109100010", "quantity": "1", "unit_price": value, "duty_rate": "13%"}]});
    if let Some(s) = shipping {
        v["shipping"] = json!(s);
    }
    quote(v)
}

/// Customs Act Enforcement Rule (관세법 시행규칙) art. 45(2)1, in the text in force from
/// 2022-03-18 (paragraph tagged "<개정 … 2015.12.1, 2022.3.18>", Rule No. 895 in force on
/// promulgation; read in the law.go.kr mirrors in force 2025-01-01 and 2026-07-31): duty is
/// exempt for goods "물품가격 … 미화 150달러 이하 … 자가사용 물품으로 인정되는 것", the price being
/// the customs value less the freight and insurance to the port of import (Customs Act art.
/// 30(1)6); VAT follows (VAT Act art. 27(6): "거주자가 받는 소액물품으로서 관세가 면제되는 재화").
/// US$150.00 from China with US$20 freight stated apart is within it (freight is left out of the
/// price): duty and VAT 0, priced, no W_VERIFY; US$150.01 is over it ("이하"). US$160 with US$20
/// freight: CIF US$180 × 1,400 = ₩252,000; duty 13 % = ₩32,760; VAT 10 % × 284,760 = ₩28,476,
/// priced (Customs Act art. 30(1)6: duty on CIF).
#[test]
fn korea_us_150_is_read_in_enforcement_rule_art_45_2_1_and_priced_either_side() {
    let within = korea("2026-03-02", "CN", "150.00", Some("20.00"));
    assert!(applies(&within, "kr-small-150"));
    let line = &within.lines[0];
    assert_eq!(line.status, LineStatus::Priced, "{:?}", line.reason);
    assert_eq!((levy(line, LevyKind::Duty), levy(line, LevyKind::Tax)), (d("0"), d("0")));
    assert!(within.totals.complete && !warned(&within, "W_VERIFY"), "{:?}", within.warnings);

    assert!(!applies(&korea("2026-03-02", "CN", "150.01", Some("20.00")), "kr-small-150"));
    let over = korea("2026-03-02", "CN", "160.00", Some("20.00"));
    assert!(!applies(&over, "kr-small-150"));
    let line = &over.lines[0];
    assert_eq!(line.status, LineStatus::Priced, "{:?}", line.reason);
    assert_eq!(line.customs_value, d("252000"));
    assert_eq!(levy(line, LevyKind::Duty), d("32760"));
    assert_eq!(levy(line, LevyKind::Tax), d("28476"));
    assert!(over.totals.complete && !warned(&over, "W_VERIFY"), "{:?}", over.warnings);
}

/// Korea Customs Service, "통관정보의 문" (UNI-PASS), as quoted by AK Woongjin customs firm
/// (akcustoms.com, 2021-04-21): CIF US$1,000 at ₩1,200, duty 8 % = ₩96,000; VAT (VAT Act art.
/// 29(2), 30) 10 % × 1,296,000 = ₩129,600. On the example's own date the US$150 relief in force
/// is `kr-small-150-before-2022` (no text of art. 45(2)1 in force between 2015-12-01 and
/// 2022-03-17 read), so the figures are shown, not priced (tests/golden/official_examples.rs);
/// from 2022-03-18 the Rule is read (`kr-small-150`, official) and the same example is priced.
#[test]
fn korea_kcs_duty_example_is_priced_under_the_rule_read_from_2022_03_18() {
    let q = |date: &str| {
        quote(json!({"destination": "KR", "date": date, "currency": "USD", "origin": "CN",
            "ship_from": "CN", "channel": "freight", "fx": {"USD/KRW": "1200"},
            "lines": [{"id": "x", "code": "940360", "quantity": "1", "unit_price": "1000.00", "duty_rate": "8%"}]}))
    };
    let now = q("2022-03-18");
    let line = &now.lines[0];
    assert_eq!(line.customs_value, d("1200000"));
    assert_eq!(levy(line, LevyKind::Duty), d("96000"));
    assert_eq!(levy(line, LevyKind::Tax), d("129600"));
    assert_eq!(line.status, LineStatus::Priced, "{:?}", line.reason);
    assert!(now.totals.complete);

    let before = q("2022-03-17");
    assert_ne!(before.lines[0].status, LineStatus::Priced);
    assert!(before.lines[0].reason.as_deref().unwrap_or_default().contains("kr-small-150-before-2022"));
}

/// A jacket (6201.40) bought for `price` US dollars, US$10 freight, by courier from `from`, at the
/// embedded rates (the ECB's cross rate of 2026-10-30, USD/KRW 1,335.27): no caller's rate.
fn jacket(from: &str, price: &str) -> Quote {
    quote(json!({"destination": "KR", "date": "2026-11-27", "currency": "USD", "origin": from,
        "ship_from": from, "channel": "courier", "incoterm": "DAP", "shipping": "10",
        "lines": [{"id": "j", "code": "6201.40", "quantity": "1", "unit_price": price, "duty_rate": "13%"}]}))
}

/// The value a threshold check compared.
fn compared(q: &Quote, id: &str) -> Option<rust_decimal::Decimal> {
    q.thresholds.iter().find(|t| t.id == id).and_then(|t| t.value)
}

/// Enforcement Rule art. 45(2)1 states the limit in US dollars ("물품가격 … 미화 150달러 이하"),
/// the currency the purchase is priced in: the price is compared as it is (audit-ff FF24). It was
/// converted to won (rounded to the won) and back with a 6-place inverse rate (KRW/USD 0.000749
/// for 1 / 1,335.266738): US$149.99 was compared as 150.01 and US$150.00 as 150.02, so duty and VAT
/// (≈ ₩51,900) were charged on a purchase within the relief.
#[test]
fn korea_compares_a_dollar_price_with_its_us_150_limit_in_dollars() {
    for (price, within) in [("149.99", true), ("150.00", true), ("150.01", false)] {
        let q = jacket("CN", price);
        assert_eq!(compared(&q, "kr-small-150"), Some(d(price)), "{price}");
        assert_eq!(applies(&q, "kr-small-150"), within, "{price}");
    }
    let within = jacket("CN", "149.99");
    assert_eq!((levy(&within.lines[0], LevyKind::Duty), levy(&within.lines[0], LevyKind::Tax)), (d("0"), d("0")));
}

/// The KORUS express limit of US$200 for goods shipped from the US (kr-korus-express-200; KCS
/// express clearance, as encoded): US$200.00 within, US$200.01 over, compared in dollars (was
/// 200.02 for 200.00, the relief lost).
#[test]
fn korea_compares_a_dollar_price_with_its_korus_200_limit_in_dollars() {
    let at = jacket("US", "200.00");
    assert_eq!(compared(&at, "kr-korus-express-200"), Some(d("200.00")));
    assert!(applies(&at, "kr-korus-express-200"), "{:?}", at.thresholds);
    assert!(!applies(&jacket("US", "200.01"), "kr-korus-express-200"));
}
