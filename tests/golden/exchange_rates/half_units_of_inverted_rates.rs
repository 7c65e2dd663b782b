//! audit-pp PP2. HMRC publishes its monthly customs rates as units of the currency per £1; the
//! value in sterling is the amount divided by that rate, a division nothing rounds before the
//! penny (docs/rules.md §8). An inverse rounded to 12 places, or a 28-digit quotient's
//! representation error, put an exact half penny below it.

use crate::common::{d, quote};
use serde_json::json;

fn customs_value(currency: &str, price: &str) -> rust_decimal::Decimal {
    let q = quote(json!({"destination": "GB", "date": "2026-11-27", "currency": currency, "origin": "CN",
        "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": price}]}));
    q.lines[0].customs_value
}

/// HMRC's rates for November 2026 (`tariffs/fx_hmrc_monthly.tsv`, from the shared XML): ARS
/// 2,042.496 and ISK 162.4896 per £1. ARS 1,277,836.56 / 2,042.496 = 625.625 exactly, half up
/// £625.63 (was 625.62); ISK 508,287.78 / 162.4896 = 3,128.125, £3,128.13 (was 3,128.12).
#[test]
fn an_exact_half_penny_of_an_hmrc_conversion_rounds_half_up_pp2() {
    assert_eq!(customs_value("ARS", "1277836.56"), d("625.63"));
    assert_eq!(customs_value("ISK", "508287.78"), d("3128.13"));
}
