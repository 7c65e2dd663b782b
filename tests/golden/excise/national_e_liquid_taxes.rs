//! E-liquids (HS 2022 2404.12, 2404.19; a filled device 8543.40) bear no harmonised EU excise:
//! a member state that taxes them does so under its own law (audit-ii II12, II13). Germany's
//! Tabaksteuer on Substitute für Tabakwaren (TabStG § 1b, § 2 Abs. 1 Nr. 7, as amended by the
//! TabStMoG of 2021-08-10, Art. 2, in force 2022-07-01) is listed `verify`: its rates per ml were
//! read on secondary pages only, so it is listed, never priced, and the line is partial.

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

fn e_liquid(destination: &str, currency: &str, date: &str) -> Quote {
    quote(json!({"destination": destination, "date": date, "currency": currency, "channel": "courier",
        "origin": "CN", "ship_from": "CN", "incoterm": "DDP",
        "lines": [{"id": "l", "code": "2404.12", "quantity": "1", "unit_price": "20.00", "volume_l": "0.01",
                   "duty_rate": "0%"}]}))
}

fn excise_rows(q: &Quote) -> Vec<String> {
    q.lines[0].levies.iter().filter(|l| l.kind == LevyKind::Excise).map(|l| l.source.row().to_string()).collect()
}

#[test]
fn an_e_liquid_into_germany_lists_the_tax_on_tobacco_substitutes_from_2022_07_01_tabstg_1b() {
    let q = e_liquid("DE", "EUR", "2026-11-27");
    assert_eq!(excise_rows(&q), ["excise.tsv#de-tobacco-substitute-tax"]);
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial, "{:?}", l.reason);
    assert!(l.reason.as_deref().unwrap().contains("0.32 from 2026-01-01"), "{:?}", l.reason);
    assert!(!q.totals.complete);
    // Listed, not priced (a secondary source): the VAT 19 % × 20.00 = 3.80 is a lower bound.
    let vat = l.levies.iter().find(|v| v.kind == LevyKind::Tax).expect("VAT");
    assert_eq!((vat.amount, vat.partial_amount), (None, Some(d("3.80"))), "{vat:?}");
    // Before the TabStMoG's Art. 2 (2022-07-01): no tax on e-liquids.
    assert!(excise_rows(&e_liquid("DE", "EUR", "2022-06-30")).is_empty());
}

/// 26 U.S.C. 5701 taxes tobacco products imported, by what they are: a heat stick was 2403.99
/// HTSUS (CBP NY N294642, 2018) and is 2404.11 from HS 2022 (audit-ii II16). The federal excise
/// is listed `verify` on 2404.11 (TTB's class of heat sticks not read): the line is partial.
#[test]
fn heated_tobacco_into_the_us_lists_the_federal_excise_tax_26_usc_5701() {
    let q = quote(json!({"destination": "US", "date": "2026-11-27", "currency": "USD", "channel": "freight",
        "transport": "air", "origin": "CH", "ship_from": "CH", "incoterm": "DDP",
        "lines": [{"id": "h", "code": "2404.11.00.00", "quantity": "1", "unit_price": "900", "weight_kg": "1"}]}));
    assert_eq!(excise_rows(&q), ["excise.tsv#us-tobacco-fet-heated"]);
    assert_ne!(q.lines[0].status, LineStatus::Priced);
    assert!(!q.totals.complete);
}

/// Switzerland taxes e-cigarette liquids again under the Tabaksteuergesetz as amended
/// (Botschaft 22.069, BBl 2022 2752; CHF 0.20/ml refillable, CHF 1.00/ml disposable), from
/// 2024-10-01 by a secondary page (audit-ii II13): listed `verify` from that day, none before.
#[test]
fn an_e_liquid_into_switzerland_lists_the_e_cigarette_tax_from_2024_10_01_tstg() {
    let q = e_liquid("CH", "CHF", "2026-11-27");
    assert_eq!(excise_rows(&q), ["excise.tsv#ch-e-cigarette-tax"]);
    assert_eq!(q.lines[0].status, LineStatus::Partial, "{:?}", q.lines[0].reason);
    assert!(excise_rows(&e_liquid("CH", "CHF", "2024-09-30")).is_empty());
}

/// Finland (Act 1470/1994 as amended from 2017-01-01, HE 138/2016: EUR 0.30/ml proposed) and
/// Italy (D.Lgs. 504/1995 art. 62-quater, from 2014-01-01: Corte costituzionale 83/2015) tax
/// e-liquids nationally: listed `verify` from those dates (audit-ii II12).
#[test]
fn e_liquids_into_finland_and_italy_list_their_national_taxes_from_2017_and_2014() {
    for (country, row, before, from) in [
        ("FI", "excise.tsv#fi-e-liquid-tax", "2016-12-31", "2017-01-01"),
        ("IT", "excise.tsv#it-e-liquid-consumption-tax", "2013-12-31", "2014-01-01"),
    ] {
        assert_eq!(excise_rows(&e_liquid(country, "EUR", from)), [row], "{country}");
        assert_eq!(excise_rows(&e_liquid(country, "EUR", "2026-11-27")), [row], "{country}");
        assert!(excise_rows(&e_liquid(country, "EUR", before)).is_empty(), "{country}");
    }
    // France: no national tax on e-liquids in our data.
    assert!(excise_rows(&e_liquid("FR", "EUR", "2026-11-27")).is_empty());
}
