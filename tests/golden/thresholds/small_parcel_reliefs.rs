//! Low-value reliefs of Taiwan, Malaysia, South Africa and the US read by date, and a relief
//! from a secondary source the consignment is over.

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineQuote, LineStatus, Quote};
use serde_json::json;

// audit-r (session 17, fix-s2): a caller's excise names its base; Taiwan's small-parcel
// relief by date; South Africa's Part 2B ad valorem duty and CO2 tax; the BLNS uplift; the
// Malaysian de minimis, the South African ≤ R500 row and the US de minimis wording.

fn warning(q: &Quote, part: &str) -> Option<String> {
    q.warnings.iter().map(|w| w.message.to_string()).find(|m| m.contains(part))
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
/// NT$2,500 parcel of 2020 is over `tw-small-2000` (verify before 2021-05-19): duty 250.00 and
/// tax 137.50 shown, not priced, the reason naming the row; tobacco (excluded by the row) is not
/// touched by it. (A 2026 parcel is now priced: `tw-small-2000-post`, official, audit-ff FF30.)
#[test]
fn a_verify_relief_the_consignment_is_over_leaves_the_line_partial_naming_the_row() {
    let q = tw_parcel("2020-06-01", "2500.00");
    let line = &q.lines[0];
    assert_eq!(line.status, LineStatus::NotPriced, "{line:?}");
    let (duty, tax) = duty_and_tax(line);
    assert_eq!((duty.amount, tax.amount), (None, None));
    let reason = line.reason.as_deref().unwrap_or_default();
    assert!(reason.contains("tw-small-2000") && reason.contains("its amount, 2,000"), "{reason}");
    assert!(warning(&q, "tw-small-2000: over its amount").is_some(), "{:?}", q.warnings);

    let q = quote(json!({"destination": "TW", "date": "2020-06-01", "currency": "TWD", "channel": "post",
        "incoterm": "DAP", "origin": "US", "ship_from": "US",
        "lines": [{"id": "c", "code": "2402.20", "quantity": "1", "unit_price": "2500.00", "duty_rate": "10%"}]}));
    let reason = q.lines[0].reason.clone().unwrap_or_default();
    assert!(!reason.contains("tw-small-2000"), "{reason}");
    assert!(warning(&q, "tw-small-2000: over its amount").is_none(), "{:?}", q.warnings);
}

/// audit-ff FF30. Kaohsiung Customs' postal page (released 2021-05-19): "If the Customs value is
/// within NT$2,000, the Customs duty, commodity tax and business tax are exempted, except tobacco,
/// alcohol, agricultural products subject to tariff quota" (`tw-small-2000-post`, official from
/// that day). A NT$2,500 parcel of 2026 is over it: duty 10 % = 250.00 and business tax 5 % ×
/// 2,750.00 = 137.50 are priced (were shown, not priced); a NT$1,950 parcel is relieved (0.00,
/// was not priced), the frequent-import and tariff-quota conditions stated.
#[test]
fn taiwan_parcels_from_2021_05_19_are_priced_against_nt2000_kaohsiung_customs_postal_page() {
    let q = tw_parcel("2026-06-01", "2500.00");
    let (duty, tax) = duty_and_tax(&q.lines[0]);
    assert_eq!((duty.amount, tax.amount), (Some(d("250.00")), Some(d("137.50"))), "{:?}", q.lines[0]);
    let q = tw_parcel("2026-06-01", "1950.00");
    let (duty, tax) = duty_and_tax(&q.lines[0]);
    assert_eq!((duty.amount, tax.amount), (Some(d("0.00")), Some(d("0.00"))), "{:?}", q.lines[0]);
    let said = warning(&q, "tw-small-2000-post: assumes").unwrap_or_default();
    assert!(said.contains("six times") && said.contains("tariff quota"), "{said}");
    assert!(!q.warnings.iter().any(|w| w.code == "W_VERIFY"), "{:?}", q.warnings);
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

/// Singapore's S$400 GST import relief by post, read from the authorities' own pages of the 7 %
/// era (thresholds.tsv#sg-gst-import-relief-400-post-2013, official from 2013-10-29): ICA,
/// "Collection of Postal Parcels" (last updated 2013-10-29): "A postal article will be subjected
/// to Goods and Services Tax (GST) if it's CIF ... value is more than $400. However for tobacco
/// and alcoholic products ... GST will be levied regardless of its value"; Singapore Customs,
/// "Internet Purchases/Postal Parcels" (non-dutiable parcels of $400 or less, and above). A
/// S$1,000 parcel by post of 2016: GST 7 % × 1,000.00 = 70.00 priced (audit-dd DD6: unpriced
/// under the verify row); S$300: relieved, 0.00 priced; whisky (HS 2208) of S$300: not relieved
/// (dutiable goods), its GST listed. By courier the same year the relief is still `verify`.
#[test]
fn singapore_s400_relief_by_post_is_official_from_the_2013_ica_page() {
    let sg = |channel: &str, code: &str, price: &str| {
        quote(json!({"destination": "SG", "date": "2016-06-01", "currency": "SGD", "channel": channel,
            "origin": "US", "ship_from": "US",
            "lines": [{"id": "a", "code": code, "quantity": "1", "unit_price": price}]}))
    };
    let gst = |q: &Quote| q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).expect("GST").clone();
    let q = sg("post", "6109.10", "1000.00");
    assert_eq!(gst(&q).amount, Some(rust_decimal::Decimal::new(7000, 2)), "{}", gst(&q).formula);
    assert!(q.totals.complete, "{:?}", q.warnings);
    let q = sg("post", "6109.10", "300.00");
    assert_eq!(gst(&q).amount, Some(rust_decimal::Decimal::ZERO));
    assert!(q.thresholds.iter().any(|c| c.id == "sg-gst-import-relief-400-post-2013" && c.applies));
    let q = sg("post", "2208.30", "300.00");
    assert!(!q.thresholds.iter().any(|c| c.id == "sg-gst-import-relief-400-post-2013" && c.applies));
    assert!(gst(&q).formula.as_str().contains("7% × "), "{}", gst(&q).formula);
    let q = sg("courier", "6109.10", "1000.00");
    assert_eq!(gst(&q).amount, None, "{}", gst(&q).formula);
    assert!(warning(&q, "sg-gst-import-relief-400-air-2013: over its amount").is_some(), "{:?}", q.warnings);
}
