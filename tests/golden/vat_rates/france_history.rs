//! France's standard rate before 2014, from the law: Code général des impôts art. 278 at
//! 20,60 % from 1995-08-01 (loi n° 95-858 du 28 juillet 1995, article unique) and 19,60 % from
//! 2000-04-01 (loi n° 2000-656 du 13 juillet 2000) to 2013-12-31 (20 % from 2014-01-01, loi
//! n° 2012-1510 art. 68).

use crate::common::{d, engine, levy, quote};
use landed::date::Date;
use landed::provenance::Confidence;
use landed::quote::{LevyKind, LineStatus};
use landed::request::VatClass;
use serde_json::json;

fn standard(date: &str) -> Option<(rust_decimal::Decimal, Confidence)> {
    let row = engine().rules().vat_rate("FR", None, VatClass::Standard, Date::parse(date).unwrap())?;
    Some((row.percent, row.source.confidence))
}

#[test]
fn france_standard_rate_is_20_6_from_1995_08_01_and_19_6_from_2000_04_01_cgi_art_278() {
    assert_eq!(standard("1995-08-01"), Some((d("20.6"), Confidence::Official)));
    assert_eq!(standard("2000-03-31"), Some((d("20.6"), Confidence::Official)));
    assert_eq!(standard("2000-04-01"), Some((d("19.6"), Confidence::Official)));
    assert_eq!(standard("2013-12-31"), Some((d("19.6"), Confidence::Official)));
    assert_eq!(standard("2014-01-01"), Some((d("20"), Confidence::Official)));
    // Before loi n° 95-858 (18,60 %, not read here): no rate rather than a later one.
    assert_eq!(standard("1995-07-31"), None);
}

/// A €200.00 T-shirt with the caller's duty of 12 % on 2013-06-03: VAT 19.6 % × 224.00 = 43.904
/// → 43.90, priced (it was listed, not priced: the compilation's 19.6 % was `verify`); on
/// 2014-01-02, 20 % × 224.00 = 44.80.
#[test]
fn a_2013_import_into_france_is_taxed_at_19_6_percent_priced() {
    let fr = |date: &str| {
        quote(json!({"destination": "FR", "date": date, "currency": "EUR", "origin": "US",
            "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "200.00", "duty_rate": "12%"}]}))
    };
    let q = fr("2013-06-03");
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("43.90"));
    assert_eq!(q.lines[0].status, LineStatus::Priced, "{:?}", q.lines[0].reason);
    assert_eq!(levy(&fr("2014-01-02").lines[0], LevyKind::Tax), d("44.80"));
}
