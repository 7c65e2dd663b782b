//! Customs exchange rates through whole quotes: the legal rate of each destination, from the
//! embedded HMRC and ECB tables; where a table lacks the month, a stated fallback or an error.

mod common;

use common::{d, engine, request, sources};
use landed::quote::{LevyKind, Quote};
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// One line (cotton T-shirts) worth `price` in `currency`, shipping and insurance included.
fn cart(destination: &str, date: &str, currency: &str, price: &str) -> Value {
    json!({"destination": destination, "date": date, "currency": currency, "origin": "CN", "channel": "freight",
           "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": price}]})
}

/// The customs value the duty is charged on, in the destination's currency.
fn duty_base(q: &Quote) -> Decimal {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("a duty levy").base
}

/// A file of the official sources, when the shared folder is present (the figures below are
/// typed from them; these checks confirm they still match).
fn source_text(path: &str) -> Option<String> {
    std::fs::read_to_string(sources()?.join(path)).ok()
}

#[test]
fn gb_customs_rate_is_the_hmrc_monthly_rate_of_the_as_of_month() {
    // HMRC's rate for November 2026 (fx/hmrc-xml/monthly/2026-11.xml): USD 1.3396 per GBP 1.
    // Taxation (Cross-border Trade) Act 2018, s. 18, and HMRC's "Customs valuation: exchange
    // rates": foreign amounts are converted at HMRC's published monthly rate, which applies from
    // the first to the last day of its calendar month. $1,339.60 / 1.3396 = £1,000.00.
    if let Some(xml) = source_text("fx/hmrc-xml/monthly/2026-11.xml") {
        let usd = xml.split("<currencyCode>USD</currencyCode>").nth(1).expect("USD in the XML");
        assert!(usd.trim_start().starts_with("<rateNew>1.3396</rateNew>"), "the XML's USD rate changed");
    }
    let q = engine().quote(&request(cart("GB", "2026-11-10", "USD", "1339.60"))).unwrap();
    let fx = q.fx.iter().find(|f| f.pair == "USD/GBP").expect("USD/GBP used");
    assert!(fx.source.starts_with("HMRC monthly exchange rate for 2026-11"), "{}", fx.source);
    assert_eq!((fx.rate * d("1.3396")).round_dp(9), Decimal::ONE, "rate {} is 1 / 1.3396", fx.rate);
    assert_eq!(duty_base(&q), d("1000.00"), "£1,000.00");
    assert!(!q.warnings.iter().any(|w| w.code == "W_STALE_FX"), "{:?}", q.warnings);
}

#[test]
fn eu_customs_rate_is_the_ecb_rate_of_the_penultimate_wednesday_of_the_previous_month() {
    // Implementing Regulation (EU) 2015/2447, art. 146(1): the rate for October 2026 is the ECB
    // rate of the penultimate Wednesday of September 2026, i.e. 2026-09-23 (Wednesdays 2, 9, 16,
    // 23, 30). ECB reference rates (fx/ecb-2026-10-30/…csv), 2026-09-23: USD 1.1411 per EUR 1.
    if let Some(csv) = source_text("fx/ecb-2026-10-30/ecb_eurofxref-hist_2026-10-30.csv") {
        let line = csv.lines().find(|l| l.starts_with("2026-09-23,")).expect("2026-09-23 in the CSV");
        assert_eq!(line.split(',').nth(1), Some("1.1411"), "the CSV's USD rate changed");
    }
    let q = engine().quote(&request(cart("DE", "2026-10-20", "USD", "1141.10"))).unwrap();
    let fx = q.fx.iter().find(|f| f.pair == "USD/EUR").expect("USD/EUR used");
    assert!(fx.source.contains("2026-09-23"), "{}", fx.source);
    assert_eq!(fx.rate, (Decimal::ONE / d("1.1411")).round_dp(6));
    // $1,141.10 × 0.876347 = €1,000.00.
    assert_eq!(duty_base(&q), d("1000.00"));
    assert!(!q.warnings.iter().any(|w| w.code == "W_STALE_FX"), "{:?}", q.warnings);
}

#[test]
fn gb_month_without_an_hmrc_rate_uses_hmrc_s_latest_month_and_says_so_never_an_ecb_cross_rate() {
    // December 2026 is past the embedded HMRC table (to 2026-11): the legal rate is unknown.
    // HMRC's November rate stands in, and the quote says so and names the input that fixes it.
    let q = engine().quote(&request(cart("GB", "2026-12-10", "USD", "1339.60"))).unwrap();
    let fx = q.fx.iter().find(|f| f.pair == "USD/GBP").expect("USD/GBP used");
    assert!(fx.source.starts_with("HMRC monthly exchange rate for 2026-11"), "{}", fx.source);
    let w = q.warnings.iter().find(|w| w.code == "W_FX_FALLBACK").expect("a fallback warning");
    assert!(w.message.contains("2026-12") && w.message.contains("pass fx"), "{}", w.message);
    assert_eq!(duty_base(&q), d("1000.00"), "at HMRC's November rate");
    // With the rate given, the quote uses it and has no fallback to state.
    let mut given = cart("GB", "2026-12-10", "USD", "1339.60");
    given["fx"] = json!({"GBP/USD": "1.3396"});
    let q = engine().quote(&request(given)).unwrap();
    assert!(q.fx.iter().any(|f| f.source.starts_with("request")), "{:?}", q.fx);
    assert!(!q.warnings.iter().any(|w| w.code == "W_FX_FALLBACK"), "{:?}", q.warnings);
}

#[test]
fn eu_month_past_the_ecb_table_uses_the_latest_month_and_says_so() {
    // The embedded ECB file ends 2026-10-30: December 2026's rate (ECB rate of 2026-11-18) is
    // unknown; November's (of 2026-10-21) stands in, stated as a fallback.
    let q = engine().quote(&request(cart("FR", "2026-12-02", "USD", "100"))).unwrap();
    let fx = q.fx.iter().find(|f| f.pair == "USD/EUR").expect("USD/EUR used");
    assert!(fx.source.contains("2026-10-21"), "{}", fx.source);
    let w = q.warnings.iter().find(|w| w.code == "W_FX_FALLBACK").expect("a fallback warning");
    assert!(w.message.contains("2026-11-18") && w.message.contains("2026-12"), "{}", w.message);
}

#[test]
fn a_daily_rate_more_than_a_week_old_is_stated_stale_ecb_publishes_every_business_day() {
    // Canada converts by a daily rate (the ECB reference rate on or before the date stands in
    // for it); the embedded ECB file ends on 2026-10-30. On 2026-11-03 the rate of 2026-10-30 is
    // the latest published one (four days, a weekend between); on 2026-11-26 it is 27 days old,
    // and the quote says so (audit: a 31-day publication period hid 19 days of missing fixings).
    let q = common::quote(cart("CA", "2026-11-03", "USD", "100.00"));
    assert!(!q.warnings.iter().any(|w| w.code == "W_STALE_FX"), "{:?}", q.warnings);
    let q = common::quote(cart("CA", "2026-11-26", "USD", "100.00"));
    let w = q.warnings.iter().find(|w| w.code == "W_STALE_FX").expect("stale daily rate stated");
    assert!(w.message.contains("2026-10-30") && w.message.contains("27 days"), "{}", w.message);
    // The EU's monthly customs rate for November 2026 is fixed on 2026-10-21: not stale on the 26th.
    let q = common::quote(cart("DE", "2026-11-26", "USD", "100.00"));
    assert!(!q.warnings.iter().any(|w| w.code == "W_STALE_FX"), "{:?}", q.warnings);
}
