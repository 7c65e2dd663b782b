//! Excise duties charged at import on alcohol, tobacco and vaping products (docs/rules.md §21,
//! `tariffs/rules/excise.tsv`). Our data holds no excise rates: a line that bears one lists it
//! without an amount and is `partial` (its VAT a lower bound), never priced complete without it;
//! the caller's figure (`extra_duties` of kind `excise`) is charged and joins the VAT base.

mod common;

use common::{d, levy, quote, unpriced};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

fn one(destination: &str, currency: &str, date: &str, line: Value) -> Quote {
    quote(json!({"destination": destination, "currency": currency, "date": date, "channel": "courier",
                 "business_buyer": true, "lines": [line]}))
}

fn line(code: &str, unit_price: &str, extra: Value) -> Value {
    let mut l = json!({"id": "x", "code": code, "quantity": "1", "unit_price": unit_price, "origin": "FR",
                       "volume_l": "0.75", "alcohol_pct": "13"});
    if let (Some(l), Some(e)) = (l.as_object_mut(), extra.as_object()) {
        l.extend(e.clone());
    }
    l
}

/// The excise row a line lists unpriced, by its source row.
fn excise_row(q: &Quote) -> String {
    let e = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Excise).expect("excise listed");
    assert_eq!((e.amount, e.partial_amount), (None, None), "{} is unpriced", e.name);
    e.source.row().to_string()
}

#[test]
fn uk_wine_lists_alcohol_duty_finance_no_2_act_2023_part_2() {
    // Finance (No. 2) Act 2023 Part 2: alcohol duty on alcoholic products of more than 1.2 % abv
    // imported into the UK. Without its figure the line is partial and the totals "at least".
    let q = one("GB", "GBP", "2026-03-02", line("2204210900", "200", json!({})));
    assert_eq!(excise_row(&q), "excise.tsv#gb-alcohol-duty");
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(!q.totals.complete && q.totals.at_least);
    // Northern Ireland is in the same UK duty.
    let q = one("XI", "GBP", "2026-03-02", line("2204210900", "200", json!({})));
    assert_eq!(excise_row(&q), "excise.tsv#gb-alcohol-duty");
}

#[test]
fn the_callers_excise_is_charged_and_joins_the_vat_base_vata_1994_s21() {
    // VATA 1994 s.21(2)(a): the value of imported goods for VAT includes "all taxes, duties and
    // other charges levied ... by reason of importation": the excise is in the VAT base.
    // 0.75 l × 13 % = 0.0975 l of pure alcohol × the caller's 29.54 GBP = 2.88.
    let extra = json!({"extra_duties": [{"name": "Alcohol Duty", "rate": "29.54 GBP/l alc", "kind": "excise"}]});
    let q = one("GB", "GBP", "2026-03-02", line("2204210900", "200", extra));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert_eq!(levy(l, LevyKind::Excise), d("2.88"));
    let vat = l.levies.iter().find(|v| v.kind == LevyKind::Tax).unwrap();
    assert_eq!(vat.base, l.customs_value + levy(l, LevyKind::Duty) + d("2.88"));
    assert!(q.totals.complete);
    // The excise counts with the taxes, not the customs duty.
    assert_eq!(q.totals.tax, levy(l, LevyKind::Tax) + d("2.88"));
}

#[test]
fn uk_vaping_products_duty_from_2026_10_01_finance_act_2026() {
    // Vaping Products Duty on vaping liquid from 2026-10-01 (HMRC: "all vaping liquids from
    // 1 October 2026"); before it, none.
    let liquid = line("2404120000", "20", json!({}));
    let before = one("GB", "GBP", "2026-09-30", liquid.clone());
    assert!(before.lines[0].levies.iter().all(|l| l.kind != LevyKind::Excise));
    let after = one("GB", "GBP", "2026-10-01", liquid);
    assert_eq!(excise_row(&after), "excise.tsv#gb-vaping-duty");
}

#[test]
fn eu_member_states_charge_excise_on_imported_spirits_directive_2020_262_art_6() {
    // Council Directive (EU) 2020/262 art. 6: excise duty becomes chargeable on release for
    // consumption, which includes importation (art. 6(1)(d)).
    let q = one("DE", "EUR", "2026-03-02", line("2208302000", "40", json!({"alcohol_pct": "40"})));
    assert_eq!(excise_row(&q), "excise.tsv#eu-alcohol-excise");
    let q = one("FR", "EUR", "2026-03-02", line("2402209000", "40", json!({})));
    assert_eq!(excise_row(&q), "excise.tsv#eu-tobacco-excise");
}

#[test]
fn us_federal_excise_tax_on_imported_spirits_26_usc_5001() {
    // 26 U.S.C. 5001: the tax on distilled spirits imported into the United States, determined
    // and collected at entry.
    let q = one("US", "USD", "2026-03-02", line("2208306020", "60", json!({"origin": "GB", "alcohol_pct": "40"})));
    assert_eq!(excise_row(&q), "excise.tsv#us-alcohol-fet");
    assert_eq!(q.lines[0].status, LineStatus::Partial);
}

#[test]
fn japan_liquor_tax_is_not_exempted_with_the_10000_yen_relief_customs_answer_1006() {
    // Customs Answer 1006: goods of a total customs value of ¥10,000 or less are exempt from
    // customs duty and consumption tax, but "domestic excises other than consumption tax (ex.
    // liquor tax, tobacco tax, etc.) ... shall not be exempted"; Liquor Tax Act art. 6(2).
    let q = quote(json!({"destination": "JP", "currency": "JPY", "date": "2026-03-02",
        "lines": [{"id": "x", "code": "2204.21.020", "quantity": "1", "unit_price": "5000", "origin": "FR", "volume_l": "0.75"}]}));
    assert!(q.thresholds.iter().any(|t| t.id == "jp-small-10000" && t.applies));
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("0"));
    assert!(unpriced(&q.lines[0], LevyKind::Excise).contains("Liquor tax"));
    assert!(q.totals.at_least);
}

#[test]
fn goods_that_bear_no_excise_are_untouched() {
    // A T-shirt (6109) is under no row of excise.tsv, in any destination.
    for (dest, cur) in [("GB", "GBP"), ("DE", "EUR"), ("US", "USD"), ("JP", "JPY")] {
        let q = one(dest, cur, "2026-03-02", line("6109100010", "30", json!({"origin": "CN"})));
        assert!(q.lines[0].levies.iter().all(|l| l.kind != LevyKind::Excise), "{dest}");
    }
}

#[test]
fn a_bad_extra_duty_kind_is_a_typed_error_naming_the_field() {
    let r = landed::request::from_json(
        r#"{"destination":"GB","currency":"GBP","date":"2026-03-02","lines":[{"id":"x","code":"2204210900",
        "quantity":"1","unit_price":"20","extra_duties":[{"name":"d","rate":"1%","kind":"vat"}]}]}"#,
    );
    let e = r.expect_err("kind vat is refused");
    assert_eq!(e.field.as_deref(), Some("lines[0].extra_duties[0].kind"));
}

#[test]
fn german_roasted_coffee_lists_the_coffee_tax_kaffeestg_2() {
    // KaffeeStG § 1 and § 2(1): roasted coffee imported into Germany owes 2.19 EUR per kg (zoll.de
    // 'Steuergegenstand im Kaffeesteuerrecht'). Our data holds the statute, not the rate: the line
    // lists the tax and is partial; the caller's 2.19 EUR/kg completes it and joins the VAT base
    // (UStG § 11(3)): 10 kg at EUR 200, duty 7.5 % = 15.00, coffee tax 21.90, VAT 7 % × 236.90
    // = 16.58 (coffee is at the reduced rate, Anlage 2 Kapitel 9).
    let coffee = |extra: Value| {
        let mut l = json!({"id": "x", "code": "0901210000", "quantity": "1", "unit_price": "200.00",
                           "origin": "BR", "weight_kg": "10"});
        if let (Some(l), Some(e)) = (l.as_object_mut(), extra.as_object()) {
            l.extend(e.clone());
        }
        l
    };
    let q = one("DE", "EUR", "2026-11-26", coffee(json!({})));
    assert_eq!(excise_row(&q), "excise.tsv#de-coffee-tax");
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(!q.totals.complete && q.totals.at_least);
    let extra = json!({"extra_duties": [{"name": "Kaffeesteuer", "rate": "2.19 EUR/kg", "kind": "excise"}]});
    let q = one("DE", "EUR", "2026-11-26", coffee(extra));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert_eq!(levy(l, LevyKind::Duty), d("15.00"));
    assert_eq!(levy(l, LevyKind::Excise), d("21.90"));
    // Roasted coffee is at the reduced 7 % (UStG § 12 Abs. 2 Nr. 1, Anlage 2 'Kaffee, Tee, Mate
    // und Gewürze (Kapitel 9)': docs/rules.md#vat-class): 7 % × 236.90 = 16.583 → 16.58.
    assert_eq!(levy(l, LevyKind::Tax), d("16.58"));
    assert!(q.totals.complete);
    // Denmark taxes coffee too (forbrugsafgiftsloven § 11), raw beans included; France does not.
    let q = one("DK", "DKK", "2026-11-26", coffee(json!({"code": "0901110000"})));
    assert_eq!(excise_row(&q), "excise.tsv#dk-coffee-tax");
    let q = one("FR", "EUR", "2026-11-26", coffee(json!({})));
    assert!(q.lines[0].levies.iter().all(|l| l.kind != LevyKind::Excise));
}
