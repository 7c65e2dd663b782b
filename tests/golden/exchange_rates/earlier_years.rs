//! Earlier years (fx-history, session 20): the exchange-rate tables reach back as far as the official files go
//! (the ECB's from 1999-01-04, HMRC's monthly XML from 2014-02), so the official worked examples
//! of 2005-2018 are priced at the rate the law names instead of `E_FX_RATE`; before those files
//! there is still no rate, never a stand-in the law does not name.

use crate::common::{d, engine, quote, request, sources};
use landed::quote::{LevyKind, Quote};
use serde_json::{json, Value};

/// One line (cotton T-shirts) worth `price` in `currency`, shipping included, at the caller's
/// duty rate (the tariff tables start later than these dates; the conversion is what is tested).
fn cart(destination: &str, date: &str, currency: &str, price: &str) -> Value {
    json!({"destination": destination, "date": date, "currency": currency, "origin": "CN", "channel": "freight",
           "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": price, "duty_rate": "12%"}]})
}

/// The customs value the duty is charged on, in the destination's currency.
fn duty_base(q: &Quote) -> rust_decimal::Decimal {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("a duty levy").base
}

/// The ECB file of the sources (`fx/ecb-2026-10-30/…csv`): the rate of `currency` per EUR 1 on
/// `date`, when the shared folder is present.
fn ecb_rate(date: &str, currency: &str) -> Option<String> {
    let csv = std::fs::read_to_string(sources()?.join("fx/ecb-2026-10-30/ecb_eurofxref-hist_2026-10-30.csv")).ok()?;
    let mut lines = csv.lines();
    let column = lines.next()?.split(',').position(|h| h == currency)?;
    let row = lines.find(|l| l.starts_with(&format!("{date},")))?;
    row.split(',').nth(column).map(str::to_string)
}

/// HMRC's monthly XML of the sources (`fx/hmrc-xml/monthly/YYYY-MM.xml`): the rate of
/// `currency` per GBP 1 in `month`, when the shared folder is present.
fn hmrc_rate(month: &str, currency: &str) -> Option<String> {
    let xml = std::fs::read_to_string(sources()?.join(format!("fx/hmrc-xml/monthly/{month}.xml"))).ok()?;
    let entry = xml.split(&format!("<currencyCode>{currency}</currencyCode>")).nth(1)?;
    let rate = entry.split("<rateNew>").nth(1)?.split("</rateNew>").next()?;
    Some(rate.trim().to_string())
}

fn fx_error(v: Value) -> String {
    let e = engine().quote(&request(v)).expect_err("no customs rate for the pair");
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("E_FX_RATE", Some("fx")), "{e}");
    e.to_string()
}

/// The EU customs rate of March 2010 is the ECB rate of the penultimate Wednesday of February
/// (2010-02-17; Wednesdays 3, 10, 17, 24), applied for the whole month: Regulation (EEC) 2454/93
/// art. 169(1)-(2), the rule Implementing Regulation (EU) 2015/2447 art. 146 kept from 2016-05-01.
/// ECB file, 2010-02-17: USD 1.3726 per EUR 1. $1,372.60 → €1,000.00 (was `E_FX_RATE`: the
/// monthly table started in 2019-01).
#[test]
fn a_2010_dollar_quote_into_germany_is_at_the_ecb_rate_of_the_penultimate_wednesday_before() {
    if let Some(rate) = ecb_rate("2010-02-17", "USD") {
        assert_eq!(rate, "1.3726", "the ECB file's USD rate of 2010-02-17 changed");
    }
    for date in ["2010-03-01", "2010-03-31"] {
        let q = quote(cart("DE", date, "USD", "1372.60"));
        let fx = q.fx.iter().find(|f| f.pair == "USD/EUR").expect("USD/EUR used");
        assert_eq!(fx.source, "ECB euro reference rate of 2010-02-17 (EU customs rate for 2010-03)", "{date}");
        assert_eq!(duty_base(&q), d("1000.00"), "{date}");
        assert!(!q.warnings.iter().any(|w| w.code == "W_FX_FALLBACK"), "{:?}", q.warnings);
    }
}

/// GB converts at HMRC's rate of the month (in 2015 as an EU member state: Regulation (EEC)
/// 2454/93 art. 168-169, the rate the national authority publishes; today the Taxation
/// (Cross-border Trade) Act 2018 s. 18). HMRC's June 2015 file: USD 1.555 per GBP 1.
/// $1,555.00 → £1,000.00 (was `E_FX_RATE`: the HMRC table started in 2019-01).
#[test]
fn a_2015_dollar_quote_into_gb_is_at_hmrc_s_rate_of_the_month() {
    if let Some(rate) = hmrc_rate("2015-06", "USD") {
        assert_eq!(rate, "1.555", "HMRC's USD rate of 2015-06 changed");
    }
    let q = quote(cart("GB", "2015-06-10", "USD", "1555.00"));
    let fx = q.fx.iter().find(|f| f.pair == "USD/GBP").expect("USD/GBP used");
    assert!(fx.source.starts_with("HMRC monthly exchange rate for 2015-06"), "{}", fx.source);
    assert_eq!(duty_base(&q), d("1000.00"));
    assert!(!q.warnings.iter().any(|w| w.code == "W_FX_FALLBACK"), "{:?}", q.warnings);
}

/// HMRC's files in our sources start in 2014-02: for January 2014 and before, the law's rate (HMRC's
/// of the month) is not in our data and an ECB cross rate is not it, so there is no rate: the
/// quote asks for `fx` (docs/rules.md §8).
#[test]
fn a_gb_quote_before_hmrc_s_first_file_asks_for_the_rate_never_an_ecb_cross_rate() {
    let e = fx_error(cart("GB", "2014-01-31", "USD", "1555.00"));
    assert!(e.contains("USD/GBP"), "{e}");
    // With the caller's rates it is priced (the euro's too: in 2013 GB tested the EU's EUR 150
    // duty relief, and that conversion is HMRC's as well).
    let mut given = cart("GB", "2013-06-03", "USD", "1555.00");
    given["fx"] = json!({"GBP/USD": "1.555", "GBP/EUR": "1.17"});
    assert_eq!(duty_base(&quote(given)), d("1000.00"));
    // The first file's month is priced.
    let q = quote(cart("GB", "2014-02-01", "USD", "1555.00"));
    assert!(q.fx.iter().any(|f| f.source.starts_with("HMRC monthly exchange rate for 2014-02")), "{:?}", q.fx);
}

/// Switzerland converts at the "Devisenkurs (Verkauf) des letzten Börsentags" (the selling rate
/// of the last exchange day; BAZG today: the rate quoted on the last trading day before the tax
/// debt arises), which our data does not hold: the ECB reference rate of the last fixing before
/// the day stands in, and the quote says so (docs/rules.md §8, audit-pp PP6). ECB file,
/// 2013-06-03: CHF 1.2456 per EUR 1, the stand-in for Tuesday 2013-06-04. EUR 1,000.00 → CHF
/// 1,245.60 (was read from the monthly EU table, itself starting in 2019: `E_FX_RATE`).
#[test]
fn a_2013_euro_quote_into_switzerland_is_at_the_ecb_daily_rate_stated_as_a_stand_in() {
    if let Some(rate) = ecb_rate("2013-06-03", "CHF") {
        assert_eq!(rate, "1.2456", "the ECB file's CHF rate of 2013-06-03 changed");
    }
    let q = quote(cart("CH", "2013-06-04", "EUR", "1000.00"));
    let fx = q.fx.iter().find(|f| f.pair == "EUR/CHF").expect("EUR/CHF used");
    assert_eq!(
        (fx.rate, fx.source.as_str()),
        (d("1.2456"), "ECB euro reference rates of 2013-06-03 (cross rate via EUR)")
    );
    let stand_in = q.warnings.iter().find(|w| w.code == "W_ASSUMPTION" && w.message.starts_with("fx EUR/CHF"));
    let stand_in = stand_in.expect("the stand-in rate is stated").message.to_string();
    assert!(stand_in.contains("ECB reference rate of 2013-06-03") && stand_in.contains("CH's law"), "{stand_in}");
    assert_eq!(duty_base(&q), d("1245.60"));
    // A Saturday takes Friday's rate (the last day with one before it).
    let q = quote(cart("CH", "2013-06-08", "EUR", "1000.00"));
    let fx = q.fx.iter().find(|f| f.pair == "EUR/CHF").expect("EUR/CHF used");
    assert!(fx.source.contains("2013-06-07"), "{}", fx.source);
}

/// Before the ECB's first rates (1999-01-04) there is none: a daily-rate destination and an
/// EU member state (whose January 1999 rate would be the ECB's of 1998-12-23) ask for `fx`.
#[test]
fn before_the_ecb_s_first_rates_a_quote_asks_for_the_rate() {
    assert!(fx_error(cart("CH", "1999-01-01", "EUR", "1000.00")).contains("EUR/CHF"));
    assert!(fx_error(cart("DE", "1999-01-15", "USD", "1000.00")).contains("USD/EUR"));
    // February 1999: the ECB rate of 1999-01-20 (USD 1.1575 per EUR 1).
    let q = quote(cart("DE", "1999-02-10", "USD", "1157.50"));
    assert_eq!(duty_base(&q), d("1000.00"));
}

/// With the rates back to 1999 a 2005 dollar quote into Slovakia was priced in euro at the ECB's
/// rate, though Slovakia paid in koruna until 2008-12-31 (euro from 2009-01-01, Council Decision
/// 2008/608/EC), a currency the engine does not accept: a euro member state is a destination from
/// its euro (as Croatia already was from 2023-01-01), a member state from its accession (Poland
/// 2004-05-01, Act of Accession 2003).
#[test]
fn a_member_state_before_its_euro_or_its_accession_is_not_a_destination() {
    for (destination, before, from) in [("SK", "2008-12-31", "2009-01-01"), ("PL", "2004-04-30", "2004-05-01")] {
        let e = engine().quote(&request(cart(destination, before, "USD", "100.00"))).expect_err("not a destination");
        assert_eq!((e.code.as_str(), e.field.as_deref()), ("E_UNSUPPORTED_DESTINATION", Some("destination")), "{e}");
        let q = quote(cart(destination, from, "USD", "100.00"));
        assert!(q.fx.iter().any(|f| f.source.starts_with("ECB euro reference rate of")), "{:?}", q.fx);
    }
}

/// The refusal says why and from when (audit-dd DD3/DD4), and no longer lists the refused country
/// among the supported ones: Slovakia from its euro (Council Decision 2008/608/EC), Croatia from
/// its euro though a member from 2013-07-01 (Council Decision (EU) 2022/1211), Sweden from its
/// accession (Act of Accession 1994, in force 1995-01-01), Denmark from 1973-01-01 (Act of
/// Accession 1972).
#[test]
fn a_member_state_before_its_first_day_is_refused_with_the_day_and_the_reason_dd3() {
    for (destination, before, from, why) in [
        ("SK", "2008-12-31", "2009-01-01", "2008/608/EC"),
        ("HR", "2022-12-31", "2023-01-01", "2022/1211"),
        ("SE", "1994-06-01", "1995-01-01", "Act of Accession 1994"),
        ("DK", "1972-12-31", "1973-01-01", "Act of Accession 1972"),
    ] {
        let e = engine().quote(&request(cart(destination, before, "USD", "100.00"))).expect_err("not a destination");
        let text = e.to_string();
        assert!(text.contains(&format!("supported from {from}")) && text.contains(why), "{text}");
        let (_, list) = text.split_once("supported on").expect("the list");
        assert!(!list.split(|c: char| !c.is_ascii_uppercase()).any(|c| c == destination), "{text}");
    }
}

/// The refusal's reason is the row's `starts_because` column (jurisdictions.tsv), not the last
/// clause of its source prose: the euro and accession rows say what they said (SK: "euro from
/// 2009-01-01: Council Decision 2008/608/EC"); GB before 1973 and XI before 2021, whose source
/// had no such clause and was quoted whole, now give their reason alone (Act of Accession 1972;
/// the Protocol on Ireland/Northern Ireland).
#[test]
fn the_refusal_reason_is_the_rows_starts_because_column() {
    for (destination, before, said) in [
        ("SK", "2008-12-31", "supported from 2009-01-01 (euro from 2009-01-01: Council Decision 2008/608/EC)"),
        (
            "GB",
            "1972-12-31",
            "supported from 1973-01-01 (in the EU's customs union from 1973-01-01: Act of Accession 1972)",
        ),
        ("XI", "2020-12-31", "supported from 2021-01-01 (priced apart from GB from 2021-01-01, under the Protocol"),
    ] {
        let e = engine().quote(&request(cart(destination, before, "USD", "100.00"))).expect_err("not a destination");
        let text = e.to_string();
        assert!(text.contains(said) && !text.contains("VATA 1994"), "{text}");
    }
}

/// Before HMRC's monthly rates (2014-02) the EU threshold test of a sterling quote needs GBP/EUR:
/// the error says how to give it, as every other E_FX_RATE does (audit-dd DD7).
#[test]
fn the_gb_threshold_rate_error_says_how_to_give_the_rate_dd7() {
    let e = engine().quote(&request(cart("GB", "2005-06-01", "GBP", "1000.00"))).expect_err("no GBP/EUR");
    assert!(e.to_string().contains(r#"fx {"GBP/EUR": "#), "{e}");
}
