//! audit-r (session 17, fix-s2): a caller's excise names its base; Taiwan's small-parcel
//! relief by date; South Africa's Part 2B ad valorem duty and CO2 tax; the BLNS uplift; the
//! Malaysian de minimis, the South African ≤ R500 row and the US de minimis wording.

mod common;

use common::{d, quote, warned};
use landed::quote::{LevyKind, LineQuote, LineStatus, Quote};
use serde_json::{json, Value};

fn levy<'q>(line: &'q LineQuote, name: &str) -> &'q landed::quote::Levy {
    line.levies.iter().find(|l| l.name.as_str().starts_with(name)).unwrap_or_else(|| panic!("{name}: {line:?}"))
}

fn warning(q: &Quote, part: &str) -> Option<String> {
    q.warnings.iter().map(|w| w.message.to_string()).find(|m| m.contains(part))
}

/// Taiwan, a car by sea: DPV NT$1,000,000 (CIF), duty 17.5 % (the caller's), the commodity tax
/// 30 % given by the caller as an excise, on `base`.
fn tw_car(base: Option<&str>) -> Quote {
    let mut extra = json!({"name": "Commodity tax", "rate": "30%", "kind": "excise"});
    if let Some(b) = base {
        extra["base"] = Value::from(b);
    }
    quote(json!({"destination": "TW", "date": "2026-11-02", "currency": "TWD", "channel": "freight",
        "transport": "ocean", "incoterm": "DAP", "origin": "DE", "ship_from": "DE", "business_buyer": true,
        "lines": [{"id": "car", "code": "8703.23", "quantity": "1", "unit_price": "1000000", "duty_rate": "17.5%",
            "extra_duties": [extra]}]}))
}

/// R-EX1, Taiwan. Commodity Tax Act art. 18 ("For imported commodities, the taxable value is
/// calculated based on the aggregate amount of taxable value for customs duty and customs duty",
/// law.dot.gov.tw) and Kaohsiung Customs' formula (2021-05-19): "Commodity tax = (DPV + Import
/// duty) × Commodity tax rate"; "Business tax = (DPV + Import duty + Commodity tax …) × 5 %".
/// With `"base": "value_duty"`: 30 % × 1,175,000 = 352,500.00; business tax 5 % × 1,527,500 =
/// 76,375.00. Without a base the percentage stays on the customs value (300,000.00, as before)
/// and a W_ASSUMPTION says the row's law takes value + duty and which `base` follows it.
#[test]
fn taiwans_commodity_tax_on_value_plus_duty_follows_customs_formula() {
    let q = tw_car(Some("value_duty"));
    let line = &q.lines[0];
    let ct = levy(line, "Commodity tax");
    assert_eq!((ct.base, ct.amount), (d("1175000"), Some(d("352500.00"))), "{ct:?}");
    assert!(ct.base_note.as_str().contains("customs value 1,000,000.00 + duty 175,000.00"), "{}", ct.base_note);
    // The business tax's figure: not priced, the car being over `tw-small-2000`, a relief from a
    // secondary source whose amount is unverified (R-TW1, below).
    let tax = line.levies.iter().find(|l| l.kind == LevyKind::Tax).expect("business tax");
    assert!(tax.formula.as_str().starts_with("5% × 1,527,500.00 = 76,375.00"), "{}", tax.formula);
    assert!(warning(&q, "which the law takes on the base").is_none(), "{:?}", q.warnings);

    let q = tw_car(None);
    let ct = levy(&q.lines[0], "Commodity tax");
    assert_eq!((ct.base, ct.amount), (d("1000000"), Some(d("300000.00"))));
    assert_eq!(ct.base_note.as_str(), "customs value");
    let w = warning(&q, "tw-commodity-tax, which the law takes on the base value_duty").expect("base warned");
    assert!(w.contains("give \"base\": \"value_duty\""), "{w}");
    assert!(warned(&q, "W_ASSUMPTION"));
}

/// R-EX1, Korea. A KRW 300,000 bottle of wine by courier: duty 15 % = 45,000; liquor tax 30 % on
/// the customs value + duty (Enforcement Decree of the Liquor Tax Act art. 20(1)2, text of
/// 2004-03-17: "수입하는 주류의 가격은 관세의 과세가격에 당해주류에 부과된 관세를 가산한 금액")
/// = 103,500; education tax 10 % of the liquor tax (`levy:`) = 10,350; VAT 10 % × 458,850 =
/// 45,885; total 204,735, the KRW 204,700 a news report gives (quoted on ksbong74.tistory.com).
#[test]
fn koreas_liquor_tax_on_value_plus_duty_and_education_tax_on_it() {
    let q = quote(json!({"destination": "KR", "date": "2026-11-02", "currency": "KRW", "channel": "courier",
        "transport": "air", "incoterm": "DAP", "origin": "FR", "ship_from": "FR",
        "lines": [{"id": "w", "code": "2204.21", "quantity": "1", "unit_price": "300000", "volume_l": "0.75",
            "alcohol_pct": "13", "duty_rate": "15%",
            "extra_duties": [
                {"name": "Liquor tax", "rate": "30%", "kind": "excise", "base": "value_duty"},
                {"name": "Education tax", "rate": "10%", "kind": "excise", "base": "levy:Liquor tax"}]}]}));
    let line = &q.lines[0];
    let liquor = levy(line, "Liquor tax");
    assert_eq!((liquor.base, liquor.amount), (d("345000"), Some(d("103500"))), "{liquor:?}");
    let education = levy(line, "Education tax");
    assert_eq!((education.base, education.amount), (d("103500"), Some(d("10350"))), "{education:?}");
    assert!(education.base_note.as_str().starts_with("Liquor tax 103,500"), "{}", education.base_note);
    let vat = line.levies.iter().find(|l| l.kind == LevyKind::Tax).expect("VAT");
    assert!(vat.formula.as_str().contains("458,850") && vat.formula.as_str().contains("45,885"), "{}", vat.formula);
    assert!(warning(&q, "which the law takes on the base").is_none(), "{:?}", q.warnings);
}

/// R-EX1: a base the request cannot mean is `E_INVALID_FIELD` naming it: an unknown name, a
/// base holding the VAT/GST, `levy:` naming no excise entry before it, a base on a customs duty.
#[test]
fn an_unknown_or_impossible_base_is_a_typed_error() {
    let ask = |extras: Value| {
        let req = json!({"destination": "KR", "date": "2026-11-02", "currency": "KRW",
            "lines": [{"id": "w", "code": "2204.21", "quantity": "1", "unit_price": "300000", "extra_duties": extras}]});
        let e = common::engine().quote(&common::request(req)).expect_err("refused").into_fields();
        (e.code, e.field.unwrap_or_default(), e.message)
    };
    for (extras, field) in [
        (json!([{"name": "x", "rate": "30%", "kind": "excise", "base": "cif"}]), "lines[0].extra_duties[0].base"),
        (
            json!([{"name": "x", "rate": "30%", "kind": "excise", "base": "value_with_tax"}]),
            "lines[0].extra_duties[0].base",
        ),
        (json!([{"name": "x", "rate": "30%", "kind": "excise", "base": "levy:x"}]), "lines[0].extra_duties[0].base"),
        (
            json!([{"name": "a", "rate": "30%", "kind": "excise"}, {"name": "b", "rate": "10%", "kind": "excise", "base": "levy:c"}]),
            "lines[0].extra_duties[1].base",
        ),
        (json!([{"name": "x", "rate": "30%", "base": "value_duty"}]), "lines[0].extra_duties[0].base"),
    ] {
        let (code, at, message) = ask(extras.clone());
        assert_eq!((code, at.as_str()), (landed::error::ErrorCode::InvalidField, field), "{extras}: {message}");
    }
}

/// R-EX1: a percentage on the customs value + duty where the duty is not priced (no rate given,
/// none in our data for KR) is at least its figure on the priced part, never exact.
#[test]
fn a_base_holding_an_unpriced_duty_is_a_lower_bound() {
    let q = quote(json!({"destination": "KR", "date": "2026-11-02", "currency": "KRW", "channel": "courier",
        "lines": [{"id": "w", "code": "2204.21", "quantity": "1", "unit_price": "300000",
            "extra_duties": [{"name": "Liquor tax", "rate": "30%", "kind": "excise", "base": "value_duty"}]}]}));
    let line = &q.lines[0];
    let liquor = levy(line, "Liquor tax");
    assert!(liquor.partial_amount.is_some() && liquor.formula.as_str().contains("at least"), "{liquor:?}");
    assert_ne!(line.status, LineStatus::Priced);
}

fn duty_and_tax(line: &LineQuote) -> (&landed::quote::Levy, &landed::quote::Levy) {
    let duty = line.levies.iter().find(|l| l.kind == LevyKind::Duty).expect("duty");
    let tax = line.levies.iter().find(|l| l.kind == LevyKind::Tax).expect("tax");
    (duty, tax)
}

/// Taiwan, a T-shirt by post from the US at `price` (customs value) on `date`, duty 10 %.
fn tw_parcel(date: &str, price: &str) -> Quote {
    quote(json!({"destination": "TW", "date": date, "currency": "TWD", "channel": "post", "incoterm": "DAP",
        "origin": "US", "ship_from": "US",
        "lines": [{"id": "a", "code": "6109.10", "quantity": "1", "unit_price": price, "duty_rate": "10%"}]}))
}

/// R-TW1. Customs Administration, "Import Postal Articles: Tax Relief and Tax Calculation"
/// (eweb.customs.gov.tw, published 2015-07-22): "Tax relief is granted on postal articles
/// (excluding tobacco and alcohol) up to a Customs value of NT$3,000". A NT$2,500 parcel of
/// 2016-06-01 is within `tw-small-3000` (`verify`): its duty (250.00) and business tax (137.50)
/// are shown, not priced (nothing on the line is priced); it was priced against NT$2,000. The
/// NT$2,000 of Kaohsiung Customs (2021-05-19) is `tw-small-2000` from 2018-01-01.
#[test]
fn taiwan_2016_parcel_is_within_the_nt3000_postal_relief_of_customs_2015_page() {
    let q = tw_parcel("2016-06-01", "2500.00");
    let line = &q.lines[0];
    assert_eq!(line.status, LineStatus::NotPriced, "{line:?}");
    let (duty, tax) = duty_and_tax(line);
    assert_eq!((duty.amount, tax.amount), (None, None));
    assert!(duty.formula.as_str().contains("not priced (250.00)"), "{}", duty.formula);
    assert!(tax.formula.as_str().contains("not priced (137.50)"), "{}", tax.formula);
    assert!(line.reason.as_deref().unwrap_or_default().contains("tw-small-3000"), "{:?}", line.reason);
    let checks: Vec<&str> = q.thresholds.iter().map(|c| c.id.as_ref()).collect();
    assert!(checks.contains(&"tw-small-3000") && !checks.contains(&"tw-small-2000"), "{checks:?}");
}

/// R-TW1, the mechanism: a relief from a secondary source the consignment is over leaves the
/// levies it would relieve unpriced, its amount being as unverified as the rest of the row. A
/// NT$2,500 parcel of 2026 is over `tw-small-2000`: duty 250.00 and tax 137.50 shown, not priced
/// (it was priced), the reason naming the row; tobacco (excluded by the row) is not touched by it.
#[test]
fn a_verify_relief_the_consignment_is_over_leaves_the_line_partial_naming_the_row() {
    let q = tw_parcel("2026-06-01", "2500.00");
    let line = &q.lines[0];
    assert_eq!(line.status, LineStatus::NotPriced, "{line:?}");
    let (duty, tax) = duty_and_tax(line);
    assert_eq!((duty.amount, tax.amount), (None, None));
    let reason = line.reason.as_deref().unwrap_or_default();
    assert!(reason.contains("tw-small-2000") && reason.contains("its amount, 2,000"), "{reason}");
    assert!(warning(&q, "tw-small-2000: over its amount").is_some(), "{:?}", q.warnings);

    let q = quote(json!({"destination": "TW", "date": "2026-06-01", "currency": "TWD", "channel": "post",
        "incoterm": "DAP", "origin": "US", "ship_from": "US",
        "lines": [{"id": "c", "code": "2402.20", "quantity": "1", "unit_price": "2500.00", "duty_rate": "10%"}]}));
    let reason = q.lines[0].reason.clone().unwrap_or_default();
    assert!(!reason.contains("tw-small-2000"), "{reason}");
    assert!(warning(&q, "tw-small-2000: over its amount").is_none(), "{:?}", q.warnings);
}

/// R-ZA2. Customs and Excise Act 91 of 1964, Schedule 1 Part 2B (ad valorem customs duty,
/// "payable in addition to the customs duty": freightnews.co.za) and Part 3D (CO2 emissions tax
/// on new motor cars from 2010-09-01: naamsa.net); in the VAT base (VAT Act s.13(2)(a)). A car
/// of R200,000 by sea lists both, unpriced; the VAT (15 % × (220,000 + 50,000) = 40,500.00 on
/// the priced part) is a lower bound and the line partial (it was complete).
#[test]
fn a_car_into_south_africa_lists_the_ad_valorem_duty_and_the_co2_tax() {
    let q = quote(json!({"destination": "ZA", "date": "2026-11-02", "currency": "ZAR", "channel": "freight",
        "transport": "ocean", "incoterm": "DAP", "origin": "JP", "ship_from": "JP", "shipping": "20000.00",
        "lines": [{"id": "car", "code": "8703.23", "quantity": "1", "unit_price": "200000.00", "duty_rate": "25%"}]}));
    let line = &q.lines[0];
    assert_eq!(line.status, LineStatus::Partial, "{line:?}");
    for name in ["Ad valorem customs duty", "CO2 emissions tax"] {
        let l = levy(line, name);
        assert_eq!((l.kind, l.amount, l.partial_amount), (LevyKind::Excise, None, None), "{l:?}");
    }
    let duty = line.levies.iter().find(|l| l.kind == LevyKind::Duty).expect("duty");
    assert_eq!(duty.amount, Some(d("50000.00")));
    let vat = line.levies.iter().find(|l| l.kind == LevyKind::Tax).expect("VAT");
    assert_eq!((vat.amount, vat.partial_amount), (None, Some(d("40500.00"))), "{vat:?}");
    assert!(!q.totals.complete);
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

/// R-MY1. An unregistered seller's RM300 T-shirt by air courier: the LVG row's warning no longer
/// asserts tax "charged at the border"; the de minimis for air courier and postal consignments of
/// CIF ≤ RM500 (Customs Duties (Exemption) Order 2017 Sch. Part I item 94; Sales Tax (Persons
/// Exempted from Payment of Tax) Order 2018 Sch. A item 24, from tax advisers' pages) is a
/// `verify` row the consignment is within: duty and tax shown, not priced, naming it.
#[test]
fn malaysia_de_minimis_is_a_verify_row_and_the_lvg_warning_asserts_no_border_tax() {
    let q = quote(json!({"destination": "MY", "date": "2026-11-02", "currency": "MYR", "channel": "courier",
        "transport": "air", "incoterm": "DAP", "origin": "CN", "ship_from": "CN", "shipping": "20.00",
        "seller_registered": false,
        "lines": [{"id": "a", "code": "6109.10", "quantity": "1", "unit_price": "300.00", "duty_rate": "20%"}]}));
    assert!(warning(&q, "charged at the border").is_none(), "{:?}", q.warnings);
    assert!(warning(&q, "my-lvg-500").is_some_and(|w| w.contains("the border's reliefs decide")), "{:?}", q.warnings);
    let check = q.thresholds.iter().find(|c| c.id == "my-de-minimis-500-air-courier").expect("de minimis checked");
    assert!(!check.applies);
    let (duty, tax) = duty_and_tax(&q.lines[0]);
    assert_eq!((duty.amount, tax.amount), (None, None));
    assert!(q.lines[0].reason.as_deref().unwrap_or_default().contains("my-de-minimis-500-air-courier"));
}

/// R-ZA1. SARS media release of 2024-08-08 (freightnews.co.za): goods under R500 paid "a flat
/// rate of 20% in lieu of Customs duties and no Value-Added Tax"; VAT added from 2024-09-01. The
/// row no longer says duty-free: a R400 T-shirt by post on 2025-03-03 is under `za-flat-20-500`
/// (verify): its duty is shown, not priced, and never 0.00.
#[test]
fn south_africa_under_r500_is_the_flat_20_concession_unpriced() {
    let q = quote(json!({"destination": "ZA", "date": "2025-03-03", "currency": "ZAR", "channel": "post",
        "incoterm": "DAP", "origin": "CN", "ship_from": "CN",
        "lines": [{"id": "a", "code": "6109.10", "quantity": "1", "unit_price": "400.00", "duty_rate": "45%"}]}));
    let checks: Vec<&str> = q.thresholds.iter().map(|c| c.id.as_ref()).collect();
    assert!(checks.contains(&"za-flat-20-500") && !checks.contains(&"za-no-duty-500"), "{checks:?}");
    let (duty, tax) = duty_and_tax(&q.lines[0]);
    assert_eq!((duty.amount, tax.amount), (None, None), "{duty:?} {tax:?}");
    assert!(q.lines[0].reason.as_deref().unwrap_or_default().contains("za-flat-20-500"));
    // Before 2024-09-01 the concession also waived the VAT: the VAT row is considered too.
    let q = quote(json!({"destination": "ZA", "date": "2024-03-04", "currency": "ZAR", "channel": "post",
        "incoterm": "DAP", "origin": "CN", "ship_from": "CN",
        "lines": [{"id": "a", "code": "6109.10", "quantity": "1", "unit_price": "400.00", "duty_rate": "45%"}]}));
    assert!(q.thresholds.iter().any(|c| c.id == "za-no-vat-500"));
}

/// US de minimis wording (audit-r): after 2025-08-29 a toy by post is outside de minimis because
/// EO 14324 suspended it for all countries but for 50 U.S.C. 1702(b) goods; the warning says so,
/// not "not for goods of HS 95".
#[test]
fn us_de_minimis_warning_names_the_suspension_not_the_toys() {
    let q = quote(json!({"destination": "US", "date": "2025-10-01", "currency": "USD", "channel": "post",
        "incoterm": "DAP", "origin": "JP", "ship_from": "JP",
        "lines": [{"id": "toy", "code": "9503.00.00", "quantity": "1", "unit_price": "100.00"}]}));
    let w = warning(&q, "us-de-minimis-800-1702b").expect("warned");
    assert!(w.contains("EO 14324") && w.contains("1702(b)") && !w.contains("HS 95"), "{w}");
}
