//! Spain's rates before 2012-09-01, from Ley 26/2009 (Presupuestos Generales del Estado para
//! 2010, BOE-A-2009-20765): art. 79 sets Ley 37/1992 art. 90.Uno at 18 % and art. 91.Uno at 8 %
//! "con efectos desde el 1 de julio de 2010"; its preamble says they rise from 16 % and 7 %.

use crate::common::{d, engine, levy, quote};
use landed::date::Date;
use landed::provenance::Confidence;
use landed::quote::{LevyKind, LineStatus};
use landed::request::VatClass;
use serde_json::json;

fn rate(class: VatClass, date: &str) -> Option<(rust_decimal::Decimal, Confidence)> {
    let row = engine().rules().vat_rate("ES", None, class, Date::parse(date).unwrap())?;
    Some((row.percent, row.source.confidence))
}

#[test]
fn spain_charged_18_and_8_percent_from_2010_07_01_to_2012_08_31_ley_26_2009_art_79() {
    assert_eq!(rate(VatClass::Standard, "2010-07-01"), Some((d("18"), Confidence::Official)));
    assert_eq!(rate(VatClass::Standard, "2012-08-31"), Some((d("18"), Confidence::Official)));
    assert_eq!(rate(VatClass::Standard, "2012-09-01"), Some((d("21"), Confidence::Official)));
    assert_eq!(rate(VatClass::Standard, "2010-06-30"), Some((d("16"), Confidence::Official)));
    assert_eq!(rate(VatClass::Reduced, "2010-07-01"), Some((d("8"), Confidence::Official)));
    assert_eq!(rate(VatClass::Reduced, "2010-06-30"), Some((d("7"), Confidence::Official)));
    assert_eq!(rate(VatClass::Reduced, "2012-09-01"), Some((d("10"), Confidence::Official)));
    // The 16 % is read only in the law of 2009-12-23 (published 2009-12-24): not before.
    assert_eq!(rate(VatClass::Standard, "2009-12-23"), None);
}

/// A €200.00 T-shirt with the caller's duty of 12 % on 2011-06-01: VAT 18 % × 224.00 = 40.32,
/// priced (nothing answered for Spain before 2012-09-01: "no VAT/GST rate"); on 2010-06-30,
/// 16 % × 224.00 = 35.84.
#[test]
fn a_2011_import_into_spain_is_taxed_at_18_percent_priced() {
    let es = |date: &str| {
        quote(json!({"destination": "ES", "date": date, "currency": "EUR", "origin": "US",
            "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "200.00", "duty_rate": "12%"}]}))
    };
    let q = es("2011-06-01");
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("40.32"));
    assert_eq!(q.lines[0].status, LineStatus::Priced, "{:?}", q.lines[0].reason);
    assert_eq!(levy(&es("2010-06-30").lines[0], LevyKind::Tax), d("35.84"));
}
