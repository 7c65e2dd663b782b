//! Freshness in every answer (issue 11 §3): each quote names the datasets it used with their age
//! on its as-of date, and warns for a dataset older than its publication period
//! (`tariffs/rules/datasets.tsv`).

mod dataset_age;
mod publication_periods;

use crate::common::engine;
use landed::freshness::DatasetKind;
use landed::Quote;

fn quote(destination: &str, currency: &str, date: &str, code: &str) -> Quote {
    let json = format!(
        r#"{{"destination":"{destination}","currency":"{currency}","date":"{date}","origin":"CN",
            "lines":[{{"id":"a","code":"{code}","quantity":"1","unit_price":"3000.00"}}]}}"#
    );
    engine().quote(&landed::request::from_json(&json).unwrap()).unwrap()
}

fn dataset(q: &Quote, kind: DatasetKind) -> Vec<String> {
    q.datasets.iter().filter(|d| d.kind == kind).map(|d| d.id.to_string()).collect()
}

#[test]
fn us_quote_names_the_hts_revision_in_force() {
    let q = quote("US", "USD", "2026-07-01", "6109100012");
    assert_eq!(dataset(&q, DatasetKind::Tariff), ["usitc-hts-2026-rev10"]);
    let q = quote("US", "USD", "2026-03-01", "6109100012");
    assert_eq!(dataset(&q, DatasetKind::Tariff), ["usitc-hts-2026-rev3"]);
    let q = quote("US", "USD", "2025-07-01", "6109100012");
    assert_eq!(dataset(&q, DatasetKind::Tariff), ["usitc-2025"]);
    let tariff = q.datasets.iter().find(|d| d.kind == DatasetKind::Tariff).unwrap();
    assert_eq!((&*tariff.vintage, tariff.age_days), ("2025-06-06", Some(25)));
}

#[test]
fn gb_quote_in_november_2026_uses_current_hmrc_rates_and_is_not_stale_on_fx() {
    let q = quote("GB", "USD", "2026-11-10", "6109100010");
    let fx = q.datasets.iter().find(|d| d.kind == DatasetKind::Fx).expect("an FX dataset");
    assert_eq!((&*fx.id, &*fx.vintage, fx.age_days, fx.stale), ("hmrc-fx-monthly-xml", "2026-11", Some(9), false));
    assert!(!q.warnings.iter().any(|w| w.code == "W_STALE_FX" || w.message.contains("HM Revenue")), "{:?}", q.warnings);
    // The GB tariff is the UK Global Tariff of 2021: stale, and the quote says so.
    assert!(q.datasets.iter().any(|d| d.kind == DatasetKind::Tariff && d.stale));
    assert!(q.warnings.iter().any(|w| w.code == "W_OLD_TARIFF" || w.code == "W_STALE_DATA"));
}

#[test]
fn every_quote_names_the_rule_tables_and_its_vat_source() {
    // Germany's rate is verified from the law (rules/vat_extra.tsv): its source is the rule
    // tables. Malta's is still the imported compilation (vat.tsv, verify): that VAT dataset.
    let q = quote("DE", "EUR", "2026-03-02", "6109100010");
    assert!(q.datasets.iter().any(|d| d.id == "landed-rules" && d.kind == DatasetKind::Rules));
    assert!(dataset(&q, DatasetKind::Vat).is_empty(), "{:?}", q.datasets);
    let q = quote("MT", "EUR", "2026-03-02", "6109100010");
    assert!(q.datasets.iter().any(|d| d.id == "landed-rules" && d.kind == DatasetKind::Rules));
    assert_eq!(dataset(&q, DatasetKind::Vat), ["ibericode-vat-2025-08"], "{:?}", q.datasets);
}

#[test]
fn fx_past_the_newest_rates_is_reported_stale() {
    let q = quote("GB", "USD", "2027-02-10", "6109100010");
    let fx = q.datasets.iter().find(|d| d.kind == DatasetKind::Fx).expect("an FX dataset");
    assert!(fx.stale);
    assert!(q.warnings.iter().any(|w| w.code == "W_STALE_DATA" && w.message.contains("HM Revenue")));
}

#[test]
fn snapshot_info_lists_every_dataset_with_its_vintage() {
    let info = engine().snapshot_info(landed::date::Date::parse("2026-11-25").unwrap());
    for (id, vintage) in [
        ("usitc-hts-2026-rev10", "2026-06-08"),
        ("hmrc-fx-monthly-xml", "2026-11"),
        ("ecb-eurofxref-2026-10-30", "2026-10-30"),
        ("japan-customs-2026-07-09", "2026-07-09"),
    ] {
        let d = info.datasets.iter().find(|d| d.id == id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(d.vintage, vintage);
    }
}
