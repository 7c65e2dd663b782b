//! VAT/GST rates and their confidence (issue 12: "a rate you could not verify makes the line
//! `partial` with the reason; a guess is never priced"; docs/rules.md#not-priced). `vat.tsv` is
//! imported from secondary compilations, so every row of it is `verify`; a row of
//! `rules/vat_extra.tsv` verified from the law replaces it and is priced.

mod common;

use common::{d, engine, levy, quote, unpriced, warned};
use landed::date::Date;
use landed::provenance::Confidence;
use landed::quote::{LevyKind, LineStatus};
use landed::request::VatClass;
use serde_json::json;

fn spain(date: &str) -> landed::quote::Quote {
    quote(json!({"destination": "ES", "date": date, "currency": "EUR", "origin": "US",
        "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "200.00", "duty_rate": "12%"}]}))
}

#[test]
fn a_verify_vat_row_leaves_the_tax_unpriced_and_the_line_partial_naming_the_row() {
    // docs/rules.md#not-priced: Spain's standard rate is known here only from the imported
    // compilation (ibericode, tariffs/vat.tsv, confidence verify). Worked by hand: CIF €200.00,
    // duty 12 % = 24.00 (priced: the duty rate is the caller's); VAT 21 % × 224.00 = 47.04 is
    // shown in the formula, never priced.
    let q = spain("2026-03-02");
    let line = &q.lines[0];
    assert_eq!(levy(line, LevyKind::Duty), d("24.00"));
    let formula = unpriced(line, LevyKind::Tax);
    assert!(formula.contains("47.04"), "{formula}");
    assert_eq!(line.status, LineStatus::Partial);
    let reason = line.reason.as_deref().unwrap_or_default();
    let rules = engine().rules();
    let row = rules.vat_rate("ES", None, VatClass::Standard, Date::parse("2026-03-02").unwrap()).unwrap();
    assert_eq!(row.source.confidence, Confidence::Verify);
    assert!(reason.contains(&row.row()) && row.row().starts_with("tariffs/vat.tsv line "), "{reason}");
    assert!(reason.contains("ES standard rate of 21%") && reason.contains("[verify]"), "{reason}");
    assert!(warned(&q, "W_VERIFY"));
    assert!(!q.totals.complete);
}

#[test]
fn a_verified_vat_row_replaces_the_imported_one_and_is_priced_vata_1994_s2() {
    // Value Added Tax Act 1994 s.2(1): 20 % on the importation of goods (rules/vat_extra.tsv,
    // official). Worked by hand: CIF £200.00, duty 12 % = 24.00; VAT 20 % × 224.00 = 44.80.
    let q = quote(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP", "origin": "US",
        "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "200.00", "duty_rate": "12%"}]}));
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("44.80"));
    assert_eq!(q.lines[0].status, LineStatus::Priced);
    let row = engine().rules().vat_rate("GB", None, VatClass::Standard, Date::parse("2026-03-02").unwrap()).unwrap();
    assert!(
        row.overrides
            && row.source.confidence == Confidence::Official
            && row.source.id.contains("Value Added Tax Act 1994 s.2(1)")
    );
}

#[test]
fn an_hst_is_priced_only_when_both_its_parts_are_verified_excise_tax_act_s165() {
    // Excise Tax Act s.165(1)-(2) and Schedule VIII (CRA rates table): Nova Scotia's provincial
    // part is 10 % to 2025-03-31 (verified) and 9 % from 2025-04-01 (secondary sources only).
    let rules = engine().rules();
    let on = |date: &str| rules.vat_rate("CA", Some("NS"), VatClass::Standard, Date::parse(date).unwrap()).unwrap();
    let before = on("2025-03-01");
    assert_eq!((before.percent, before.source.confidence), (d("15"), Confidence::Official));
    let after = on("2025-06-01");
    assert_eq!((after.percent, after.source.confidence), (d("14"), Confidence::Verify));
    assert!(after.row().starts_with("tariffs/vat.tsv line "), "{}", after.row());
}
