//! The EU customs rate at full precision (audit-ff FF36): the ECB publishes units of a currency
//! per euro, and a foreign amount's value in euro is the amount divided by that rate (Regulation
//! (EU) 952/2013 art. 53(1)(a); Implementing Regulation (EU) 2015/2447 art. 146: the rate of the
//! penultimate Wednesday of the previous month). No text rounds the quotient: the inverse rate
//! rounded to 6 places kept 2 significant digits of the rupiah's (IDR/EUR 0.000049 for
//! 1 / 20,269.17) and turned IDR 100,000,000 into EUR 4,900.00 instead of EUR 4,933.60.

use crate::common::{d, levy, quote};
use landed::quote::{LevyKind, Quote};
use serde_json::json;

/// A computer (8471.30, Free in the CN) of 100,000,000 units of `currency` into Germany, dated
/// 2026-11-20: the EU customs rate for 2026-11 is the ECB's of 2026-10-21 (tariffs/fx_ecb_monthly.tsv:
/// IDR 20,269.17, HUF 365 per euro).
fn into_germany(currency: &str) -> Quote {
    quote(json!({"destination": "DE", "date": "2026-11-20", "currency": currency, "origin": "CN",
        "ship_from": "CN", "channel": "freight", "transport": "ocean", "incoterm": "DDP",
        "lines": [{"id": "a", "code": "8471.30", "quantity": "1", "unit_price": "100000000"}]}))
}

/// IDR 100,000,000 / 20,269.17 = EUR 4,933.601 → 4,933.60; import VAT 19 % (UStG § 12(1)) =
/// 937.38. Was EUR 4,900.00 and VAT 931.00 at the 6-place inverse 0.000049 (−0.68 %).
#[test]
fn rupiah_is_divided_by_the_ecb_rate_not_multiplied_by_a_rounded_inverse() {
    let q = into_germany("IDR");
    let line = &q.lines[0];
    assert_eq!(line.customs_value, d("4933.60"), "{:?}", q.fx);
    assert_eq!(levy(line, LevyKind::Duty), d("0"));
    assert_eq!(levy(line, LevyKind::Tax), d("937.38"));
    let used = q.fx.iter().find(|f| f.pair == "IDR/EUR").expect("the IDR/EUR rate");
    assert!((used.rate * d("20269.17") - d("1")).abs() < d("0.000000000000000000001"), "{}", used.rate);
}

/// HUF 100,000,000 / 365 = EUR 273,972.60 (was 274,000.00 at 0.00274); VAT 19 % = 52,054.79.
#[test]
fn forint_is_divided_by_the_ecb_rate() {
    let q = into_germany("HUF");
    assert_eq!(q.lines[0].customs_value, d("273972.60"), "{:?}", q.fx);
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("52054.79"));
}
