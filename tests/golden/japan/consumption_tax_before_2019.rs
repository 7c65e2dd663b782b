//! Japan's consumption tax before 2019-10-01 (audit-ff FF1): 8 % = 6.3 % national + 1.7 % local
//! (17/63 of the national tax) from 2014-04-01, 5 % = 4 % + 1 % (25/100) before (Japan Post,
//! "Increase of consumption tax on imported postal items", 2014-03-19; Consumption Tax Act art.
//! 29 and Local Tax Act art. 72-83 as then in force), computed as Customs Answer 1111 does (base
//! down to ¥1,000, the national tax down to ¥100 as the local tax's base, totals down to ¥100).

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

/// Digi-Key Japan's page on the tax Customs computes (its example: goods and freight ¥56,876 of
/// integrated circuits 8542.31, duty 0 %), as audit-ff FF1 read it; business import, courier.
fn circuits(date: &str) -> Quote {
    quote(json!({"destination": "JP", "currency": "JPY", "origin": "US", "ship_from": "US", "channel": "courier",
        "incoterm": "DDP", "date": date, "business_buyer": true, "tariff": "general",
        "lines": [{"id": "ic", "code": "854231", "quantity": "1", "unit_price": "56876", "duty_rate": "0%"}]}))
}

fn tax(q: &Quote, name: &str) -> Option<rust_decimal::Decimal> {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax && l.name.as_str().contains(name)).and_then(|l| l.amount)
}

/// 2018-06-01 and 2019-09-30: base 56,876 → 56,000; national 6.3 % = 3,528 → 3,500; local
/// 3,500 × 17/63 = 944 → 900; consumption tax ¥4,400 (the example's figure). Was unpriced: no JP
/// rate before 2019-10-01.
#[test]
fn the_8_percent_of_2014_to_2019_is_6_3_national_and_17_63_local() {
    for date in ["2018-06-01", "2019-09-30"] {
        let q = circuits(date);
        assert_eq!(q.lines[0].status, LineStatus::Priced, "{date}: {:?}", q.lines[0].reason);
        assert_eq!(tax(&q, "(national)"), Some(d("3528")), "{date}");
        assert_eq!(tax(&q, "local"), Some(d("944")), "{date}");
        assert_eq!(q.totals.tax, d("4400"), "{date}");
        assert!(q.totals.complete, "{date}");
    }
}

/// Before 2014-04-01 the 5 % (4 % + 25/100) is listed, not priced: the notice shows it in force on
/// 2014-03-19, not since when (the row is `verify`).
#[test]
fn the_5_percent_before_2014_is_listed_as_unverified() {
    let q = circuits("2013-06-03");
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(
        q.lines[0].reason.as_deref().is_some_and(|r| r.contains("JP standard rate of 5%")),
        "{:?}",
        q.lines[0].reason
    );
    assert!(!q.totals.complete);
}
