//! VAT/GST rates that changed after the compilations' vintages (ibericode 2025-08-12, PwC
//! 2025-10), or that the compilations got wrong before them: each `rules/vat_extra.tsv` row is
//! read on a day inside it and on the day before its start. Reported only in secondary sources,
//! so each row is `verify` (listed, never priced: docs/rules.md#not-priced): its job is that the
//! compilation's old rate is no longer offered after the change.

use crate::common::{d, engine, levy, quote, unpriced};
use landed::date::Date;
use landed::provenance::Confidence;
use landed::quote::{LevyKind, LineStatus};
use landed::request::VatClass;
use serde_json::json;

/// The standard rate row of `country` on `date`: (percent, confidence, from vat_extra.tsv).
fn standard(country: &str, date: &str) -> (rust_decimal::Decimal, Confidence, bool) {
    let row = engine().rules().vat_rate(country, None, VatClass::Standard, Date::parse(date).unwrap()).unwrap();
    (row.percent, row.source.confidence, row.overrides)
}

/// A row of vat_extra.tsv from `from`, `verify`, whose source names `cites`; before it, the
/// compilation's `old` rate (imported, `verify`).
fn changed(country: &str, from: &str, new: &str, old: &str, cites: &str) {
    assert_eq!(standard(country, from), (d(new), Confidence::Verify, true), "{country} {from}");
    let row = engine().rules().vat_rate(country, None, VatClass::Standard, Date::parse(from).unwrap()).unwrap();
    assert!(row.source.id.contains(cites), "{}", row.source.id);
    let before = Date::parse(from).unwrap().add_days(-1).to_string();
    assert_eq!(standard(country, &before), (d(old), Confidence::Verify, false), "{country} {before}");
}

/// Tax Code of the Russian Federation art. 164 para. 3: 20 % → 22 % from 2026-01-01 (State Duma
/// third reading 2025-11-20, draft law No. 1026190-8, as reported).
#[test]
fn russia_22_percent_from_2026_01_01_tax_code_art_164() {
    changed("RU", "2026-01-01", "22", "20", "art. 164 para. 3");
}

/// Tax Code of Kazakhstan of 2025-07-18 (Law No. 214-VIII): 12 % → 16 % from 2026-01-01.
#[test]
fn kazakhstan_16_percent_from_2026_01_01_tax_code_214_viii() {
    changed("KZ", "2026-01-01", "16", "12", "Law No. 214-VIII");
}

/// ZIMRA public notice: 15 % → 15.5 % from 2026-01-01.
#[test]
fn zimbabwe_15_5_percent_from_2026_01_01_zimra_notice() {
    changed("ZW", "2026-01-01", "15.5", "15", "Zimbabwe Revenue Authority");
}

/// Rates the PwC compilation (vintage 2025-10) gives wrong for its own date: its undated row
/// starts on its vintage, so before 2025-10-01 nothing answers; from it, the reported rate
/// (Sri Lanka 18 % from 2024-01-01, VAT (Amendment) Act No. 16 of 2024; Ecuador 15 % from
/// 2024-04-01, Decreto Ejecutivo 198; Bahrain 10 % from 2022-01-01, Law No. 33 of 2021), not
/// the compilation's 12 %, 12 % and 5 %.
#[test]
fn stale_compilation_rates_are_replaced_lk_ec_bh() {
    for (country, from, new, cites) in [
        ("LK", "2024-01-01", "18", "No. 16 of 2024"),
        ("EC", "2024-04-01", "15", "Decreto Ejecutivo No. 198"),
        ("BH", "2022-01-01", "10", "Law No. 33 of 2021"),
    ] {
        assert_eq!(standard(country, "2026-11-27"), (d(new), Confidence::Verify, true), "{country}");
        assert_eq!(standard(country, from), (d(new), Confidence::Verify, true), "{country}");
        let row = engine().rules().vat_rate(country, None, VatClass::Standard, Date::parse(from).unwrap()).unwrap();
        assert!(row.source.id.contains(cites), "{}", row.source.id);
        let before = Date::parse(from).unwrap().add_days(-1);
        assert!(engine().rules().vat_rate(country, None, VatClass::Standard, before).is_none(), "{country} {before}");
    }
}

/// Austria: a 4.9 % rate on selected basic foods from 2026-07-01 (UStG 1994 § 10 as amended, the
/// Council of Ministers' decision as reported; 10 % until 2026-06-30). A line of class reduced
/// without a vat_classes percent takes the lowest reduced rate: on 2026-06-30 the official 10 %
/// (UStG 1994 § 10 Abs. 2), 10 % × (200.00 + duty 12 % 24.00) = 22.40, priced; from 2026-07-01
/// 4.9 %, `verify`: 4.9 % × 224.00 = 10.98 listed, not priced, the line partial.
#[test]
fn austria_reduced_4_9_percent_from_2026_07_01_is_listed_not_priced() {
    let food = |date: &str| {
        quote(json!({"destination": "AT", "date": date, "currency": "EUR", "origin": "US",
            "lines": [{"id": "a", "code": "1905.90", "quantity": "1", "unit_price": "200.00", "duty_rate": "12%",
                "vat_class": "reduced"}]}))
    };
    let before = food("2026-06-30");
    assert_eq!(levy(&before.lines[0], LevyKind::Tax), d("22.40"));
    let after = food("2026-07-01");
    let formula = unpriced(&after.lines[0], LevyKind::Tax);
    assert!(formula.contains("4.9%") && formula.contains("10.98"), "{formula}");
    assert_eq!(after.lines[0].status, LineStatus::Partial);
}

/// Italy's 21 % from 2011-09-17 to 2013-09-30 (DL 138/2011 art. 2 comma 2-bis, as reported; the
/// 22 % of DL 76/2013 from 2013-10-01 is official): `verify`, listed rather than no rate at all.
#[test]
fn italy_21_percent_from_2011_09_17_to_2013_09_30_is_listed_not_priced() {
    let rules = engine().rules();
    let on = |date: &str| rules.vat_rate("IT", None, VatClass::Standard, Date::parse(date).unwrap());
    let row = on("2012-06-01").unwrap();
    assert_eq!((row.percent, row.source.confidence, row.overrides), (d("21"), Confidence::Verify, true));
    assert_eq!(on("2013-09-30").unwrap().percent, d("21"));
    assert_eq!(on("2013-10-01").map(|r| (r.percent, r.source.confidence)), Some((d("22"), Confidence::Official)));
    assert!(on("2011-09-16").is_none());
}
