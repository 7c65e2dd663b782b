//! Goods that cross no customs border are not imports ([docs/rules.md](../../docs/rules.md#movements),
//! `tariffs/rules/movements.tsv`): a domestic sale, a sale from an EU warehouse to another member
//! state, between Great Britain and Northern Ireland, between the EU and Northern Ireland. No
//! customs duty and no import fees; the destination's VAT is charged by the seller at the sale.

mod crown_dependencies;
mod special_territories;

use crate::common::{d, engine, levy, quote, request, unpriced, warned};
use landed::quote::{LevyKind, LineStatus, Quote};
use landed::sweep::{sweep, SweepAxes};
use serde_json::{json, Value};

/// A one-line cart: `goods` of a cotton T-shirt (EU CN 6109 10 00, 12 %; UKGT 6109 10 00 10)
/// shipped from `ship_from` (`null`: not given) to `destination` on `date`, with `shipping`.
fn tee(destination: &str, ship_from: Value, date: &str, currency: &str, goods: &str, shipping: &str) -> Value {
    let mut r = json!({"destination": destination, "date": date, "currency": currency, "origin": "CN",
        "incoterm": "DAP", "shipping": shipping,
        "lines": [{"id": "tee", "code": "6109100010", "quantity": "1", "unit_price": goods}]});
    if !ship_from.is_null() {
        r["ship_from"] = ship_from;
    }
    r
}

/// The formula of the first line's duty levy.
fn duty_formula(q: &Quote) -> String {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("duty listed").formula.to_string()
}

/// The name of the first line's tax levy.
fn tax_name(q: &Quote) -> String {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).expect("tax listed").name.to_string()
}

/// Asserts a quote crossed no customs border under `row`: a zero duty saying why, no threshold
/// compared, no fees, and the row, its law and its assumption in the warnings.
fn no_border(q: &Quote, row: &str) {
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("0.00"));
    assert!(q.lines[0].levies.iter().all(|l| l.kind != LevyKind::AdditionalDuty));
    assert_eq!(duty_formula(q), format!("not due: no customs border ({row})"));
    assert!(q.thresholds.is_empty() && q.levies.is_empty(), "no threshold, no import fee");
    let stated = |code: &str| q.warnings.iter().any(|w| w.code == code && w.message.starts_with(&format!("{row}: ")));
    assert!(stated("W_NO_CUSTOMS_BORDER") && stated("W_MOVEMENT_ASSUMPTION"), "{:?}", q.warnings);
    assert!(q.warnings.iter().any(|w| w.message.contains("cross no customs border")));
}

#[test]
fn eu_warehouse_to_germany_pays_no_duty_and_german_vat_charged_by_the_seller_movements_eu_intra_oss() {
    // movements.tsv#eu-intra-oss: TFEU art. 28-30 (no customs duties between member states);
    // Directive 2006/112/EC art. 33(a) (an intra-Community distance sale is taxed where the
    // transport ends, from 2021-07-01), charged by the seller (OSS, art. 369a-369k).
    // €300 + €10 shipping: VAT 19 % × 310.00 = 58.90 at the sale, in the checkout price under
    // DAP; nothing due on delivery. Without ship_from the same cart pays the EU duty of 12 %.
    let q = quote(tee("DE", json!("FR"), "2026-03-02", "EUR", "300.00", "10.00"));
    no_border(&q, "eu-intra-oss");
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("58.90"));
    assert_eq!(tax_name(&q), "VAT charged by the seller at sale (eu-intra-oss)");
    let t = &q.totals;
    assert_eq!((t.duty, t.tax, t.fees, t.collected_at_sale), (d("0.00"), d("58.90"), d("0.00"), d("58.90")));
    assert_eq!((t.landed, t.due_on_delivery, t.buyer_total), (d("368.90"), d("0.00"), d("368.90")));
    assert!(t.complete && q.lines[0].status == LineStatus::Priced);
    assert!(t.collected_at_sale_rule.as_ref().unwrap().as_str().starts_with("movements.tsv#eu-intra-oss (TFEU"));
    let imported = quote(tee("DE", json!("CN"), "2026-03-02", "EUR", "300.00", "10.00"));
    assert_eq!(levy(&imported.lines[0], LevyKind::Duty), d("37.20"), "12 % × 310.00 from outside the EU");
}

#[test]
fn intra_eu_vat_before_the_oss_is_not_priced_the_day_before_the_row_starts_movements_eu_intra_before_oss() {
    // movements.tsv#eu-intra-before-oss: to 2021-06-30 the VAT of an intra-EU distance sale was
    // the member state of departure's or of destination's, by the seller's sales into the
    // destination against its threshold (Directive 2006/112/EC art. 33-34 as then in force):
    // not a fact of the request, so the VAT is not priced; still no duty.
    let q = quote(tee("DE", json!("FR"), "2021-06-30", "EUR", "300.00", "10.00"));
    no_border(&q, "eu-intra-before-oss");
    assert!(unpriced(&q.lines[0], LevyKind::Tax).contains("not priced (58.90)"));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(q.lines[0].reason.as_deref().unwrap().starts_with("eu-intra-before-oss: "));
    assert!(!q.totals.complete && q.totals.at_least);
    // From 2021-07-01 the OSS row prices it.
    let q = quote(tee("DE", json!("FR"), "2021-07-01", "EUR", "300.00", "10.00"));
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("58.90"));
}

#[test]
fn a_domestic_sale_is_not_an_import_movements_domestic() {
    // movements.tsv#domestic: import duty is due only on goods entering a customs territory
    // (TCTA 2018 s.1); a sale in the UK bears UK VAT charged by the seller (VATA 1994 s.4):
    // £100 + £5 shipping, VAT 20 % × 105.00 = 21.00; the £135 low-value rules are not compared.
    let q = quote(tee("GB", json!("GB"), "2026-03-02", "GBP", "100.00", "5.00"));
    no_border(&q, "domestic");
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("21.00"));
    assert_eq!((q.totals.collected_at_sale, q.totals.due_on_delivery), (d("21.00"), d("0.00")));
    // Germany from a German warehouse: 19 % × 310.00 = 58.90, as the OSS row would give.
    let q = quote(tee("DE", json!("de"), "2026-03-02", "EUR", "300.00", "10.00"));
    no_border(&q, "domestic");
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("58.90"));
}

#[test]
fn a_us_domestic_sale_pays_no_duty_no_mpf_and_says_no_tax_is_priced_movements_domestic() {
    // 19 USC 1202: duties on goods imported into the US; a sale within the US is none. The
    // engine prices no US sales tax, and the quote says so. Imported from China the same tee
    // pays duty, the chapter 99 layers and the MPF.
    let us = |from: &str| {
        quote(json!({"destination": "US", "date": "2026-03-02", "currency": "USD", "origin": "CN",
            "ship_from": from, "channel": "freight", "entry_type": "formal", "transport": "air",
            "lines": [{"id": "tee", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00"}]}))
    };
    let q = us("US");
    no_border(&q, "domestic");
    assert_eq!(
        (q.totals.duty, q.totals.tax, q.totals.fees, q.totals.landed),
        (d("0.00"), d("0.00"), d("0.00"), d("100.00"))
    );
    assert!(q.totals.complete);
    assert!(q.warnings.iter().any(|w| w.message.contains("US has no VAT/GST in this engine: no tax is priced")));
    assert!(!warned(&q, "W_SELLER_COLLECTS"));
    let imported = us("CN");
    assert!(imported.totals.duty > d("16.00") && imported.totals.fees > d("0"));
}

/// A £1,000 consignment with £250.89 shipping and £10 insurance (the UK duty calculator's GB → NI
/// example values, tests/golden/uk_duty_calculator.rs) from `ship_from` to `destination`.
fn uk(destination: &str, ship_from: &str) -> Quote {
    quote(json!({"destination": destination, "ship_from": ship_from, "date": "2026-03-02", "currency": "GBP",
        "origin": "CN", "shipping": "250.89", "insurance": "10",
        "lines": [{"id": "x", "code": "7202118000", "quantity": "1", "unit_price": "1000", "weight_kg": "2000"}]}))
}

#[test]
fn gb_to_northern_ireland_not_at_risk_pays_no_duty_and_uk_vat_movements_gb_to_xi() {
    // movements.tsv#gb-to-xi-not-at-risk: gov.uk "Declaring goods you bring into Northern Ireland
    // 'not at risk'": no duty if entering Northern Ireland from free circulation in Great
    // Britain (the UK duty calculator's expectation for GB → NI not at risk); UK VAT on the sale
    // (VATA 1994 s.4): 20 % × 1,260.89 = 252.178 → 252.18.
    let q = uk("XI", "GB");
    no_border(&q, "gb-to-xi-not-at-risk");
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("252.18"));
    assert!(!warned(&q, "W_TERRITORY"), "the territory's duty note is about imports");
}

#[test]
fn qualifying_northern_ireland_goods_to_gb_pay_no_duty_movements_xi_to_gb() {
    // movements.tsv#xi-to-gb-qualifying: gov.uk "Moving qualifying goods from Northern Ireland to
    // the rest of the UK" (unfettered access, no tariffs; the calculator's NI → GB: no duty).
    let q = uk("GB", "XI");
    no_border(&q, "xi-to-gb-qualifying");
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("252.18"));
}

#[test]
fn eu_to_northern_ireland_and_back_pay_no_duty_movements_eu_xi_oss() {
    // movements.tsv#eu-xi-oss: Windsor Framework art. 5 (Union customs law applies in Northern
    // Ireland: no customs border with the EU; the calculator's EU → NI: no duty) and art. 8
    // (Union VAT rules for goods): the destination's VAT charged by the seller. To Northern
    // Ireland UK VAT 20 % × 1,260.89 = 252.18; to France from Northern Ireland French VAT 20 %
    // × (300 + 10) = 62.00.
    let q = uk("XI", "FR");
    no_border(&q, "eu-xi-oss");
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("252.18"));
    let q = quote(tee("FR", json!("XI"), "2026-03-02", "EUR", "300.00", "10.00"));
    no_border(&q, "eu-xi-oss");
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("62.00"));
    // Before 2021-07-01 the distance-sales thresholds decided whose VAT: not priced.
    let q = quote(tee("FR", json!("XI"), "2021-06-30", "EUR", "300.00", "10.00"));
    no_border(&q, "eu-xi-before-oss");
    assert_eq!(q.lines[0].status, LineStatus::Partial);
}

#[test]
fn an_import_is_still_an_import_with_or_without_ship_from() {
    // Without ship_from (or shipped from outside the customs territory) nothing changes: the
    // thresholds are compared, duty charged, no movement stated.
    let without = quote(tee("DE", Value::Null, "2026-03-02", "EUR", "300.00", "10.00"));
    let from_china = quote(tee("DE", json!("CN"), "2026-03-02", "EUR", "300.00", "10.00"));
    for q in [&without, &from_china] {
        assert!(!warned(q, "W_NO_CUSTOMS_BORDER") && !q.thresholds.is_empty());
        assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("37.20"));
    }
    assert_eq!(without.totals, from_china.totals);
    // Great Britain is outside the EU customs union since 2021-01-01 (rules/groups.tsv).
    let from_gb = quote(tee("DE", json!("GB"), "2026-03-02", "EUR", "300.00", "10.00"));
    assert!(!warned(&from_gb, "W_NO_CUSTOMS_BORDER"));
    // An unknown ship_from is the typed error it always was.
    let e = engine().quote(&request(tee("DE", json!("ZZ"), "2026-03-02", "EUR", "300.00", "10.00"))).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("E_COUNTRY", Some("ship_from")));
}

#[test]
fn a_caller_duty_rate_is_not_charged_across_no_border_and_the_formula_says_so() {
    let mut r = tee("DE", json!("FR"), "2026-03-02", "EUR", "300.00", "10.00");
    r["lines"][0]["duty_rate"] = json!("5%");
    let q = quote(r);
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("0.00"));
    assert!(duty_formula(&q).ends_with("the line's duty_rate and extra_duties are not charged"));
}

#[test]
fn a_sweep_over_ship_from_ranks_the_eu_warehouse_without_duty_movements_eu_intra_oss() {
    // "The cheapest compliant way to land this cart": from a French warehouse the tee pays no
    // duty (310.00 + VAT 58.90 = 368.90); from China 12 % duty (37.20) and import VAT
    // 19 % × 347.20 = 65.97: 413.17.
    let base = request(tee("DE", Value::Null, "2026-03-02", "EUR", "300.00", "10.00"));
    let axes = SweepAxes { ship_froms: vec!["CN".into(), "FR".into()], ..Default::default() };
    let r = sweep(&engine(), &base, &axes).unwrap();
    let rows: Vec<_> = r
        .rows
        .iter()
        .map(|x| (x.ship_from.as_deref(), x.duty, x.buyer_total_in_request_currency, x.complete))
        .collect();
    assert_eq!(
        rows,
        vec![
            (Some("FR"), Some(d("0.00")), Some(d("368.90")), true),
            (Some("CN"), Some(d("37.20")), Some(d("413.17")), true),
        ]
    );
    assert_eq!(r.cheapest.as_ref().unwrap().ship_from.as_deref(), Some("FR"));
}

// audit-g (the merchant's optimisation workflows and Japan): each finding G2-G7 fixed at its
// source, with the law or official example that settles the figure
// ([docs/rules.md](../../docs/rules.md#japan), [sweeps](../../docs/rules.md#sweeps)).

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn an_intra_eu_saving_says_the_first_imports_duty_is_not_in_it_tfeu_art_28() {
    // audit-g G7: Chinese T-shirts to DE shipped from FR cross no customs border (TFEU art.
    // 28-30): the row assumes the goods in free circulation, so the duty of their first import is
    // in neither figure, and "ship_from FR instead of CN saves" says so.
    let base = request(json!({"destination": "DE", "origin": "CN", "date": "2026-11-26", "currency": "EUR",
        "channel": "post", "incoterm": "DDP",
        "lines": [{"id": "tee", "code": "6109.10.00", "quantity": "2", "unit_price": "40.00"}]}));
    let axes = SweepAxes { ship_froms: strs(&["CN", "FR"]), ..Default::default() };
    let r = sweep(&engine(), &base, &axes).unwrap();
    let fr = r.rows.iter().find(|x| x.ship_from.as_deref() == Some("FR")).unwrap();
    assert!(fr.notes.iter().any(|n| n.contains("first imported into the customs union")), "{:?}", fr.notes);
    if let Some(s) = r.savings.iter().find(|s| s.axis == "ship_from" && s.chosen == "FR") {
        assert!(s.note.as_deref().is_some_and(|n| n.contains("first imported")), "{s:?}");
    }
}

#[test]
fn a_quote_across_no_customs_border_names_no_tariff_tfeu_art_28() {
    // audit-g G7: an FR → DE quote (no customs duty: TFEU art. 28-30) warned that the UK Global
    // Tariff was 2,129 days old. It uses no tariff: none is listed, none warned about.
    let q = quote(json!({"destination": "DE", "origin": "CN", "ship_from": "FR", "channel": "post",
        "date": "2026-11-26", "currency": "EUR", "incoterm": "DDP",
        "lines": [{"id": "tee", "code": "6109.10.00", "quantity": "2", "unit_price": "40.00"}]}));
    assert_eq!(q.totals.duty, d("0.00"));
    assert!(q.warnings.iter().all(|w| w.code != "W_STALE_DATA"), "{:?}", q.warnings);
    assert!(q.datasets.iter().all(|x| x.id != "dit-ukgt-2021"));
}

#[test]
fn goods_of_a_member_state_without_ship_from_are_charged_as_an_import_and_the_quote_says_so_rules_19() {
    // French T-shirts into Germany, ship_from not given: charged as an import (docs/rules.md
    // §19), 12 % = 48.00 on 400.00; goods of French origin may well travel from France, a
    // movement inside the EU customs union (TFEU art. 28-30) owing no duty, so the quote names
    // the row that would apply and asks for ship_from (audit-rr, session 23).
    let mut r = tee("DE", Value::Null, "2026-03-02", "EUR", "400.00", "0");
    r["origin"] = json!("FR");
    let q = quote(r.clone());
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("48.00"));
    let w = q
        .warnings
        .iter()
        .find(|w| w.message.contains("ship_from not given: the goods are charged as an import"))
        .expect("stated");
    assert_eq!(w.code.as_str(), "W_ASSUMED_SHIP_FROM");
    assert!(
        w.message.contains("goods of FR shipped from FR would move under movements.tsv#eu-intra-oss"),
        "{}",
        w.message
    );
    // Shipped from France: no duty, and nothing to ask.
    r["ship_from"] = json!("FR");
    let q = quote(r);
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("0.00"));
    assert!(q.warnings.iter().all(|w| !w.message.contains("charged as an import")), "{:?}", q.warnings);
    // Chinese goods without ship_from: an import, nothing to say.
    let q = quote(tee("DE", Value::Null, "2026-03-02", "EUR", "400.00", "0"));
    assert!(q.warnings.iter().all(|w| !w.message.contains("charged as an import")), "{:?}", q.warnings);
    // Andorra's customs union covers chapters 25-97 only (movements.tsv#ad-eu-customs-union):
    // its T-shirts are named, its chocolate (chapter 18) would pay the duty anyway (audit-xx XX1).
    let andorran = |code: &str| {
        let mut r = tee("ES", Value::Null, "2026-03-02", "EUR", "400.00", "0");
        r["origin"] = json!("AD");
        r["lines"][0]["code"] = json!(code);
        quote(r)
    };
    let q = andorran("6109100010");
    assert!(
        q.warnings.iter().any(|w| w.message.contains("would move under movements.tsv#ad-eu-customs-union")),
        "{:?}",
        q.warnings
    );
    let q = andorran("1806321000");
    assert!(q.warnings.iter().all(|w| !w.message.contains("charged as an import")), "{:?}", q.warnings);
}
