//! Territories inside the EU customs territory but outside its VAT area, customs unions with the
//! EU, and the Swiss customs territory (audit-uu UU14, UU3): `tariffs/rules/movements.tsv` rows
//! `ax-eu-tax-border`, `ic-eu-tax-border`, `mc-fr-customs-vat-territory`, `mc-eu-oss`,
//! `sm-eu-customs-union`, `ad-eu-customs-union`, `li-ch-customs-vat-territory`.

use crate::common::{d, levy, quote, warned};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

/// A 500.00 T-shirt by post, origin and ship_from `from`, to `destination` on 2026-06-03.
fn tee(destination: &str, from: &str, currency: &str, code: &str) -> Value {
    json!({"destination": destination, "date": "2026-06-03", "currency": currency, "origin": from,
        "ship_from": from, "channel": "post", "incoterm": "DAP",
        "lines": [{"id": "tee", "code": code, "quantity": "1", "unit_price": "500.00", "weight_kg": "0.5"}]})
}

fn duty_formula(q: &Quote) -> String {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("duty listed").formula.to_string()
}

fn tax_name(q: &Quote) -> String {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).expect("tax listed").name.to_string()
}

/// No duty under `row`, import VAT `vat` due on delivery (with any fees), complete, the row's
/// assumption stated.
fn vat_only(q: &Quote, row: &str, vat: &str) {
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("0.00"), "{row}");
    assert_eq!(duty_formula(q), format!("not due: one customs territory or a customs union ({row})"));
    assert_eq!((tax_name(q).as_str(), levy(&q.lines[0], LevyKind::Tax)), ("Import VAT", d(vat)), "{row}");
    assert_eq!((q.totals.duty, q.totals.due_on_delivery), (d("0.00"), d(vat) + q.totals.fees), "{row}");
    assert!(q.totals.complete && q.lines[0].status == LineStatus::Priced, "{row}");
    assert!(q.warnings.iter().any(|w| w.code == "W_MOVEMENT_ASSUMPTION" && w.message.starts_with(&format!("{row}: "))));
}

#[test]
fn aland_pays_vat_only_into_finland_tulli_aland_customs_territory_not_fiscal_territory() {
    // Tulli, 'Everything is declared also to the Åland Islands': "Åland is part of the customs
    // territory of the EU, but not of the fiscal territory of the EU". €500.00 on 2026-06-03: no
    // duty (was 12 % = 60.00), VAT 25.5 % × 500.00 = 127.50 (was × 560.00 = 142.80).
    vat_only(&quote(tee("FI", "AX", "EUR", "61091000")), "ax-eu-tax-border", "127.50");
    // A €100.00 IOSS parcel on 2026-08-03: the VAT-exempt import under IOSS as from anywhere
    // (Dir. 2006/112/EC art. 369l: goods from third territories), 25.5 % × 100.00 = 25.50 at the
    // sale; the EU's €3 flat duty (a duty, from 2026-07-01) is not considered: no duty is due.
    let mut v = tee("FI", "AX", "EUR", "61091000");
    v["date"] = json!("2026-08-03");
    v["lines"][0]["unit_price"] = json!("100.00");
    let q = quote(v);
    assert_eq!((q.totals.duty, q.totals.collected_at_sale), (d("0.00"), d("25.50")));
    let ids: Vec<&str> = q.thresholds.iter().map(|c| c.id.as_ref()).collect();
    assert_eq!(ids, ["eu-ioss-150"], "no row on duty alone");
}

#[test]
fn a_sweater_from_the_canary_islands_pays_vat_only_tulli_exempel_pa_hur_skatterna_raknas_ut() {
    // Tulli, 'Exempel på hur skatterna räknas ut' (24 % era): a sweater € 200 from the Canary
    // Islands, postage € 35, Posti's fee € 2.90: no duty; VAT 24 % × 237.90 = € 57.10. Reg.
    // (EU) 952/2013 art. 4(1) (the Canary Islands in the customs territory), Dir. 2006/112/EC
    // art. 6(1) (outside the VAT area). `IC` was refused with E_COUNTRY before.
    let q = quote(json!({"destination": "FI", "date": "2023-06-01", "currency": "EUR", "origin": "ES",
        "ship_from": "IC", "channel": "post", "incoterm": "DAP", "shipping": "35.00", "tax_base_charges": "2.90",
        "lines": [{"id": "x", "code": "620630", "quantity": "1", "unit_price": "200.00"}]}));
    vat_only(&q, "ic-eu-tax-border", "57.10");
    assert_eq!((q.totals.fees, q.totals.buyer_total), (d("2.90"), d("295.00")));
}

#[test]
fn monaco_to_france_is_a_domestic_sale_convention_douaniere_1963_and_dir_2006_112_art_7() {
    // Convention douanière franco-monégasque of 1963, art. 1 (one customs union); Reg. (EU)
    // 952/2013 art. 4(1) (Monaco in the Union's customs territory); Dir. 2006/112/EC art. 7(1)
    // (Monaco's transactions are France's). €500.00: no duty, no import VAT (were 60.00 +
    // 112.00); French VAT 20 % × 500.00 = 100.00 charged by the seller, nothing due on delivery.
    let q = quote(tee("FR", "MC", "EUR", "61091000"));
    assert_eq!(duty_formula(&q), "not due: no customs border (mc-fr-customs-vat-territory)");
    assert_eq!(tax_name(&q), "VAT charged by the seller at sale (mc-fr-customs-vat-territory)");
    let t = &q.totals;
    assert_eq!((t.duty, t.collected_at_sale, t.due_on_delivery), (d("0.00"), d("100.00"), d("0.00")));
    // To another member state Monaco ships as France does: intra-EU, the German VAT via the OSS.
    let q = quote(tee("DE", "MC", "EUR", "61091000"));
    assert_eq!(tax_name(&q), "VAT charged by the seller at sale (mc-eu-oss)");
    assert_eq!(q.totals.collected_at_sale, d("95.00"));
}

#[test]
fn san_marino_pays_no_duty_into_italy_eu_san_marino_customs_union_agreement_oj_l_84_2002() {
    // Agreement on Cooperation and Customs Union between the EEC and San Marino (OJ L 84,
    // 28.3.2002), in force 2002-04-01. €500.00: no duty (was 60.00); import VAT 22 % × 500.00 =
    // 110.00 (was × 560.00 = 123.20).
    vat_only(&quote(tee("IT", "SM", "EUR", "61091000")), "sm-eu-customs-union", "110.00");
}

#[test]
fn andorra_pays_no_duty_on_chapters_25_to_97_eec_andorra_agreement_oj_l_374_1990() {
    // Agreement between the EEC and Andorra (OJ L 374, 31.12.1990); European Commission,
    // 'Andorra: Customs Unions and preferential arrangements': the customs union covers HS
    // chapters 25 to 97. A chapter-61 tee, €500.00: no duty (was 60.00); IVA 21 % × 500.00 =
    // 105.00 at import (was × 560.00 = 117.60).
    vat_only(&quote(tee("ES", "AD", "EUR", "61091000")), "ad-eu-customs-union", "105.00");
    // Chapters 1-24 are outside the customs union: the tariff's duty stays (honey, 0409: 17.3 %).
    let q = quote(tee("ES", "AD", "EUR", "04090000"));
    assert!(!duty_formula(&q).starts_with("not due"), "{}", duty_formula(&q));
}

#[test]
fn liechtenstein_to_switzerland_is_a_domestic_sale_customs_treaty_1923_art_1() {
    // Treaty of 29 March 1923 (SR 0.631.112.514) art. 1: Liechtenstein is part of the Swiss
    // customs territory; VAT treaty of 28 November 1994 (SR 0.641.295.142): one VAT territory.
    // CHF 500.00: no duty, Swiss VAT 8.1 % × 500.00 = 40.50 charged by the seller (the figure
    // before; the label was the foreign mail-order seller's ch-mail-order-100000).
    let q = quote(tee("CH", "LI", "CHF", "620342"));
    assert_eq!(duty_formula(&q), "not due: no customs border (li-ch-customs-vat-territory)");
    assert_eq!(tax_name(&q), "VAT charged by the seller at sale (li-ch-customs-vat-territory)");
    assert_eq!((q.totals.collected_at_sale, q.totals.due_on_delivery), (d("40.50"), d("0.00")));
    assert!(warned(&q, "W_NO_CUSTOMS_BORDER"));
}
