//! Jersey, Guernsey and the Isle of Man (audit-uu UU7): one customs territory with the UK inside
//! the EU to 2020-12-31, the UK–Crown Dependencies customs union from 2021-01-01: no customs duty
//! on goods shipped from them to the UK. The Isle of Man is in the UK VAT area (a domestic sale);
//! Jersey and Guernsey are outside it (import VAT at the border). `tariffs/rules/movements.tsv`
//! rows `cd-uk-customs-union`, `cd-eu-customs-territory`, `im-gb-vat-area`, `im-eu-before-2021`.

use crate::common::{d, levy, quote, unpriced, warned};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

/// A £/€ 500.00 cotton T-shirt by post, origin and ship_from `from`, to `destination` on `date`.
fn tee(destination: &str, from: &str, date: &str, currency: &str, code: &str) -> Value {
    json!({"destination": destination, "date": date, "currency": currency, "origin": from, "ship_from": from,
        "channel": "post", "incoterm": "DAP",
        "lines": [{"id": "tee", "code": code, "quantity": "1", "unit_price": "500.00"}]})
}

fn duty_formula(q: &Quote) -> String {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("duty listed").formula.to_string()
}

fn tax_name(q: &Quote) -> String {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).expect("tax listed").name.to_string()
}

#[test]
fn a_jersey_or_guernsey_tee_to_gb_pays_import_vat_and_no_duty_uk_crown_dependencies_customs_union() {
    // Government of Jersey, 'Landmark Customs Arrangement signed' (2018-11-26): the UK and each
    // Crown Dependency agree "not to impose import tariffs for goods passing between themselves";
    // HMRC VATPOSG2300: the Channel Islands are outside the UK for VAT. £500.00 on 2026-06-03
    // (above £135): no duty (was UKGT 12 % = 60.00), import VAT 20 % × 500.00 = 100.00 due on
    // delivery (was 20 % × 560.00 = 112.00).
    for from in ["JE", "GG"] {
        let q = quote(tee("GB", from, "2026-06-03", "GBP", "6109100010"));
        assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("0.00"), "{from}");
        assert_eq!(duty_formula(&q), "not due: one customs territory or a customs union (cd-uk-customs-union)");
        assert_eq!((tax_name(&q).as_str(), levy(&q.lines[0], LevyKind::Tax)), ("Import VAT", d("100.00")));
        let t = &q.totals;
        assert_eq!(
            (t.duty, t.tax, t.due_on_delivery, t.buyer_total),
            (d("0.00"), d("100.00"), d("100.00"), d("600.00"))
        );
        assert!(t.complete && q.lines[0].status == LineStatus::Priced);
        assert!(warned(&q, "W_MOVEMENT_ASSUMPTION") && !warned(&q, "W_NO_CUSTOMS_BORDER"), "{from}: an import for VAT");
    }
    // From outside the customs union the same tee pays the UKGT: 12 % × 500.00 = 60.00.
    let q = quote(tee("GB", "CN", "2026-06-03", "GBP", "6109100010"));
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("60.00"));
}

#[test]
fn jersey_posts_vat_example_still_matches_and_the_low_value_rules_still_apply_jersey_post_hc_5129() {
    // Jersey Post, 'Customs and VAT – Selling an item' (jerseypost.com/help/?hc=5129): a soft toy
    // £20.00, 2 calculators £18.00, post & packaging £2.00: VAT £8.00, grand total £48.00 (2019,
    // in the EU's customs territory: cd-eu-customs-territory; no £15 relief for Channel Islands
    // mail order, FA 2012 s.199). From 2021 the £135 rule (gb-low-value-vat-135) still applies to
    // a consignment from Jersey: the same £8.00, charged by the seller at the sale.
    let parcel = |date: &str| {
        json!({"destination": "GB", "date": date, "currency": "GBP", "origin": "JE", "ship_from": "JE",
            "channel": "post", "incoterm": "DAP", "shipping": "2.00",
            "lines": [{"id": "toy", "code": "950300", "quantity": "1", "unit_price": "20.00"},
                      {"id": "calc", "code": "847010", "quantity": "2", "unit_price": "9.00"}]})
    };
    let q = quote(parcel("2019-06-03"));
    assert_eq!((q.totals.duty, q.totals.tax, q.totals.buyer_total), (d("0.00"), d("8.00"), d("48.00")));
    assert_eq!(duty_formula(&q), "not due: one customs territory or a customs union (cd-eu-customs-territory)");
    let q = quote(parcel("2026-06-03"));
    assert_eq!((q.totals.duty, q.totals.collected_at_sale, q.totals.buyer_total), (d("0.00"), d("8.00"), d("48.00")));
    assert_eq!(tax_name(&q), "VAT charged by the seller at sale (gb-low-value-vat-135)");
}

#[test]
fn before_2021_the_channel_islands_were_in_the_eu_customs_territory_reg_952_2013_art_4() {
    // Reg. (EU) 952/2013 art. 4(1): the Channel Islands in the customs territory of the Union;
    // Dir. 2006/112/EC art. 6(1): outside its VAT territory. A Jersey tee on 2019-06-03 to GB: no
    // duty, import VAT 20 % × 500.00 = 100.00, complete (was partial: "supply duty_rate"); to DE:
    // no duty, import VAT 19 % × 500.00 = 95.00.
    let q = quote(tee("GB", "JE", "2019-06-03", "GBP", "6109100010"));
    assert_eq!((q.totals.duty, q.totals.tax), (d("0.00"), d("100.00")));
    assert!(q.totals.complete);
    let q = quote(tee("DE", "JE", "2019-06-03", "EUR", "61091000"));
    assert_eq!(duty_formula(&q), "not due: one customs territory or a customs union (cd-eu-customs-territory)");
    assert_eq!((q.totals.duty, q.totals.tax, q.totals.due_on_delivery), (d("0.00"), d("95.00"), d("95.00")));
    // From 2021-01-01 Jersey is outside the EU's customs territory: the row no longer applies.
    let q = quote(tee("DE", "JE", "2026-06-03", "EUR", "61091000"));
    assert!(!duty_formula(&q).starts_with("not due"), "{}", duty_formula(&q));
}

#[test]
fn an_isle_of_man_sale_to_gb_is_a_domestic_supply_hmrc_viom02100() {
    // HMRC VAT Isle of Man manual VIOM02100: movements of goods between the UK and the Isle of
    // Man "are not normally treated as exports or imports" where the VAT has been accounted for
    // in the Isle of Man; VATPOSG2300: the Isle of Man is treated as part of the UK for VAT. A
    // £500.00 tee on 2026-06-03: no duty, no import VAT (were 60.00 + 112.00); the seller's VAT
    // 20 % × 500.00 = 100.00 at the sale, nothing due on delivery. Goods of UK origin alike.
    for origin in ["IM", "GB"] {
        let mut v = tee("GB", "IM", "2026-06-03", "GBP", "6109100010");
        v["origin"] = json!(origin);
        let q = quote(v);
        assert_eq!(duty_formula(&q), "not due: no customs border (im-gb-vat-area)");
        assert_eq!(tax_name(&q), "VAT charged by the seller at sale (im-gb-vat-area)");
        let t = &q.totals;
        assert_eq!(
            (t.duty, t.collected_at_sale, t.due_on_delivery, t.buyer_total),
            (d("0.00"), d("100.00"), d("0.00"), d("600.00"))
        );
        assert!(q.thresholds.is_empty() && q.levies.is_empty(), "{origin}: no threshold, no import fee");
    }
}

#[test]
fn before_2021_an_isle_of_man_sale_to_a_member_state_was_intra_eu_dir_2006_112_art_7() {
    // Dir. 2006/112/EC art. 7(1): transactions originating in the Isle of Man are treated as the
    // UK's; art. 33-34 then in force: the VAT of a distance sale depended on the seller's sales
    // (not in the request). DE, 2019-06-03: no duty, the VAT 19 % × 500.00 listed, not priced.
    let q = quote(tee("DE", "IM", "2019-06-03", "EUR", "61091000"));
    assert_eq!(duty_formula(&q), "not due: no customs border (im-eu-before-2021)");
    assert!(unpriced(&q.lines[0], LevyKind::Tax).contains("not priced (95.00)"));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
}
