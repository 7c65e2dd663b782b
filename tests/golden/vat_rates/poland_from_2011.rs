//! Poland's rates from 2011, from the ustawa z dnia 26 listopada 2010 r. (Dz.U. 2010 nr 238
//! poz. 1578) art. 19: art. 146a of the VAT act sets the rate of art. 41 ust. 1 at 23 % and of
//! art. 41 ust. 2 at 8 % "w okresie od dnia 1 stycznia 2011 r. do dnia 31 grudnia 2013 r." (to
//! 2018-12-31 in the tekst jednolity of 2024, Dz.U. 2024 poz. 361), and art. 41 ust. 2a adds 5 %
//! for the goods of załącznik nr 10. Art. 146aa continues both from 2019-01-01 until a fiscal
//! condition, "jednak nie dłużej niż do końca 2022 r.": `verify`.

use crate::common::{d, engine, levy, quote};
use landed::date::Date;
use landed::provenance::Confidence;
use landed::quote::{LevyKind, LineStatus};
use landed::request::VatClass;
use serde_json::json;

fn rate(class: VatClass, date: &str) -> Option<(rust_decimal::Decimal, Confidence)> {
    let row = engine().rules().vat_rate("PL", None, class, Date::parse(date).unwrap())?;
    Some((row.percent, row.source.confidence))
}

#[test]
fn poland_charged_23_percent_from_2011_01_01_ustawa_o_vat_arts_146a_146aa() {
    assert_eq!(rate(VatClass::Standard, "2011-01-01"), Some((d("23"), Confidence::Official)));
    assert_eq!(rate(VatClass::Standard, "2018-12-31"), Some((d("23"), Confidence::Official)));
    // The lowest reduced rate of 2011-2013: 5 % (art. 41 ust. 2a); 8 % beside it.
    assert_eq!(rate(VatClass::Reduced, "2012-06-01"), Some((d("5"), Confidence::Official)));
    // 2014-2022: the 5 % is not re-read, so the reduced class is not priced at 8 %.
    assert_eq!(rate(VatClass::Reduced, "2016-06-01"), Some((d("5"), Confidence::Verify)));
    // Art. 146aa: to the end of 2022 at the latest, on a condition not read.
    assert_eq!(rate(VatClass::Standard, "2019-01-01"), Some((d("23"), Confidence::Verify)));
    assert_eq!(rate(VatClass::Standard, "2022-12-31"), Some((d("23"), Confidence::Verify)));
    assert_eq!(rate(VatClass::Standard, "2023-01-01"), Some((d("23"), Confidence::Official)));
    // Before 2011 (22 %) the law is not read here.
    assert_eq!(rate(VatClass::Standard, "2010-12-31"), None);
}

/// PLN 2,000.00 with the caller's duty of 12 % on 2012-06-01: VAT 23 % × 2,240.00 = 515.20,
/// priced (was "no VAT/GST rate for PL").
#[test]
fn a_2012_import_into_poland_is_taxed_at_23_percent_priced() {
    let q = quote(json!({"destination": "PL", "date": "2012-06-01", "currency": "PLN", "origin": "US",
        "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "2000.00", "duty_rate": "12%"}]}));
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("515.20"));
    assert_eq!(q.lines[0].status, LineStatus::Priced, "{:?}", q.lines[0].reason);
}
