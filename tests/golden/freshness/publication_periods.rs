//! A table past its publication period: a US quote a month past the newest HTS revision,
//! Japan's tariff before its next April revision.

use crate::common::{engine, quote};
use landed::date::Date;
use landed::quote::Quote;
use serde_json::{json, Value};

// audit-i (every dated rule at its edges): findings I1-I4 fixed at their source, each test with
// the law or official text that settles the date and the figure
// ([docs/rules.md](../../../docs/rules.md#us-additional-duties), [freshness](../../../tariffs/README.md#datasets-and-publication-periods)).

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// audit-i's base cart: ten cotton T-shirts at US$100 to the US, courier, air, DDP.
fn us_tee(origin: &str, on: &str) -> Value {
    json!({"destination": "US", "origin": origin, "ship_from": origin, "date": on, "currency": "USD",
        "channel": "courier", "transport": "air", "incoterm": "DDP", "shipping": "20.00",
        "lines": [{"id": "tee", "code": "6109.10.00.12", "quantity": "10", "unit_price": "100.00"}]})
}

// ---- I1 (b): the data horizon ------------------------------------------------------------------

#[test]
fn a_us_quote_a_month_past_the_newest_hts_revision_says_later_chapter_99_changes_are_not_in_our_data() {
    // The newest HTS revision in the snapshot is 2026 Rev 10, in force 2026-06-08 (SOURCES.md);
    // the USITC issued eleven revisions from 2026-01-01 to 2026-06-08, 16 days apart on average
    // and 41 at most (budgetlab_revision_dates.csv): a month (31 days) after it a later revision
    // is all but certain. The chapter 99 rules are dated by what was read, not by the review.
    let stale = |q: &Quote, id: &str| q.datasets.iter().find(|s| s.id == id).map(|s| s.stale);
    let q = quote(us_tee("KE", "2026-07-09"));
    assert_eq!(stale(&q, "landed-rules-us-ch99"), Some(false));
    assert_eq!(stale(&q, "usitc-hts-2026-rev10"), Some(false));
    let q = quote(us_tee("KE", "2026-07-10"));
    assert_eq!(stale(&q, "landed-rules-us-ch99"), Some(true));
    assert_eq!(stale(&q, "usitc-hts-2026-rev10"), Some(true));
    assert_eq!(stale(&q, "landed-rules"), Some(false));
    let w = q.warnings.iter().find(|w| w.code == "W_STALE_DATA" && w.message.contains("chapter 99")).expect("stated");
    assert!(w.message.contains("Revision 10") && w.message.contains("2026-06-08"), "{}", w.message);
    // A quote to another destination does not list the US chapter 99 rules.
    let mut de = us_tee("US", "2026-07-10");
    de["destination"] = json!("DE");
    assert_eq!(stale(&quote(de), "landed-rules-us-ch99"), None);
}

#[test]
fn japan_s_tariff_of_2026_07_09_is_stale_before_the_next_april_revision() {
    // Japan's Tariff Schedule is revised every April 1 (and as EPAs enter into force): a
    // 182-day period makes the 2026-07-09 edition stale from 2027-01-08, before 2027-04-01.
    let datasets = engine().datasets();
    let used = |on: &str| datasets.used("japan-customs-2026-07-09", date(on)).unwrap().stale;
    assert!(!used("2027-01-07") && used("2027-01-08") && used("2027-04-01"));
}
