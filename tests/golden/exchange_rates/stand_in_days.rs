//! audit-pp PP5-PP7: the day (or days) of the ECB's rates that stand in for a destination's legal
//! customs rate, by the law's own period, where the data holds that period's rates.

use crate::common::{d, quote};
use landed::quote::{LevyKind, Quote};
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// One line (cotton T-shirts) worth `price` in `currency`.
fn cart(destination: &str, date: &str, currency: &str, price: &str) -> Value {
    json!({"destination": destination, "date": date, "currency": currency, "origin": "CN", "channel": "freight",
           "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": price}]})
}

/// The pair's rate and source in the quote's `fx`.
fn fx(q: &Quote, pair: &str) -> (Decimal, String) {
    let f = q.fx.iter().find(|f| f.pair == pair).unwrap_or_else(|| panic!("{pair} used: {:?}", q.fx));
    (f.rate, f.source.clone())
}

/// The customs value the duty is charged on, in the destination's currency.
fn duty_base(q: &Quote) -> Decimal {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("a duty levy").base
}

/// The stand-in warning of the pair.
fn stand_in(q: &Quote, pair: &str) -> String {
    let w = q.warnings.iter().find(|w| w.code == "W_ASSUMPTION" && w.message.starts_with(&format!("fx {pair}:")));
    w.unwrap_or_else(|| panic!("the {pair} stand-in is stated: {:?}", q.warnings)).message.to_string()
}

/// Switzerland: "Es gilt der am letzten Börsentag vor der Entstehung der Einfuhrsteuerschuld (in
/// der Regel der Kurs des Vortags) notierte Devisenkurs" (BAZG, "Waren anmelden", as audit-pp PP6
/// quotes it; MWSTG art. 54(2) behind it, not read): the ECB's fixing of the last day before the
/// as-of date stands in, never the day's own. EUR 1,000 on Thursday 2026-10-15: ECB 2026-10-14,
/// EUR/CHF 0.9330 → CHF 933.00 (the day's own 0.9305 gave 930.50); on Monday 2026-10-12 Friday's.
#[test]
fn switzerland_converts_at_the_last_fixing_before_the_day_pp6() {
    let q = quote(cart("CH", "2026-10-15", "EUR", "1000.00"));
    assert_eq!(fx(&q, "EUR/CHF"), (d("0.933"), "ECB euro reference rates of 2026-10-14 (cross rate via EUR)".into()));
    assert_eq!(duty_base(&q), d("933.00"));
    let said = stand_in(&q, "EUR/CHF");
    assert!(said.contains("ECB reference rate of 2026-10-14") && said.contains("last trading day before"), "{said}");
    let monday = quote(cart("CH", "2026-10-12", "EUR", "1000.00"));
    assert!(fx(&monday, "EUR/CHF").1.contains("2026-10-09"), "{:?}", monday.fx);
}

/// Japan: 関税定率法 第4条の7 (conversion at the rate of the day of the import declaration, as the
/// ministerial ordinance sets it) and 関税定率法施行規則 第1条: "同条第一項に規定する日の属する週の
/// 前々週における実勢外国為替相場の当該週間の平均値 … に基づき税関長が公示する相場"
/// (https://www.customs.go.jp/zeikan/seido/kanzeihyouka/hourei/k_kisoku.htm, read by audit-pp PP5):
/// the average of the week before last. The data holds that week's ECB crosses: their average
/// stands in (still for the Tokyo and New York rates the director publishes, and stated).
/// Monday 2026-11-02, week 11-01..07, week before last 10-18..24: the ECB's USD/JPY crosses of
/// 10-19..23 (177.63/1.1225, 177.34/1.1215, 177.36/1.1234, 175.97/1.1205, 175.51/1.1193) average
/// 157.61993765647245…; US$10,000 → ¥1,576,199 (at 10-30's day rate, 157.25026852846…, it was
/// ¥1,572,503).
#[test]
fn japan_converts_at_the_average_of_the_week_before_last_pp5() {
    let q = quote(cart("JP", "2026-11-02", "USD", "10000.00"));
    let (rate, source) = fx(&q, "USD/JPY");
    assert_eq!(rate.round_dp(12), d("157.619937656472"), "{source}");
    assert_eq!(
        source,
        "average of the ECB euro reference rates of 2026-10-19 to 2026-10-23 (5 fixings of the week before last, 2026-10-18 to 2026-10-24; cross rates via EUR)"
    );
    assert_eq!(q.lines[0].goods_value, d("1576199"));
    let said = stand_in(&q, "USD/JPY");
    assert!(said.contains("the average of the ECB reference rates of 2026-10-19 to 2026-10-23"), "{said}");
    assert!(said.contains("week before last"), "{said}");
    assert!(!q.warnings.iter().any(|w| w.code == "W_STALE_FX"), "{:?}", q.warnings);
    // Past the daily table (it ends 2026-10-30), the week before last of 2026-11-27 (11-08..14)
    // has no fixing: the latest one before its end stands in, stated stale.
    let late = quote(cart("JP", "2026-11-27", "USD", "10000.00"));
    let (rate, source) = fx(&late, "USD/JPY");
    assert_eq!(
        (rate.round_dp(6), source.as_str()),
        (d("157.250269"), "ECB euro reference rates of 2026-10-30 (cross rate via EUR)")
    );
    assert!(late.warnings.iter().any(|w| w.code == "W_STALE_FX"), "{:?}", late.warnings);
    let said = stand_in(&late, "USD/JPY");
    assert!(
        said.contains("assumes the ECB reference rate of 2026-10-30") && said.contains("else the latest fixing"),
        "{said}"
    );
}

/// Korea: 관세법 제18조 (과세환율): "… 이 속하는 주의 전주(前週) 외국환매도율을 평균하여 관세청장이 그
/// 율을 정한다" (as audit-pp PP5b quotes it, from cboard.net; current wording not read): the
/// previous week's average of the banks' selling rate, fixed by the Korea Customs Service. The
/// ECB's mid rate of the day still stands in (the figure does not move: US$1,000 on 2026-10-15 at
/// USD/KRW 1,345.8957887…), and the warning now says the legal rate is a selling-rate average, so
/// the stand-in errs low.
#[test]
fn korea_s_stand_in_says_the_legal_rate_is_a_weekly_selling_rate_average_pp5b() {
    let q = quote(cart("KR", "2026-10-15", "USD", "1000.00"));
    let (rate, source) = fx(&q, "USD/KRW");
    assert_eq!(
        (rate.round_dp(4), source.as_str()),
        (d("1345.8958"), "ECB euro reference rates of 2026-10-15 (cross rate via EUR)")
    );
    let said = stand_in(&q, "USD/KRW");
    assert!(said.contains("ECB reference rate of 2026-10-15"), "{said}");
    assert!(said.contains("selling rates of the previous week") && said.contains("err low"), "{said}");
}

/// audit-pp PP4: past the ECB table's last fixing (2026-10-30) a daily stand-in is weeks old. It
/// stays priced (docs/rules.md §8), but a low-value threshold decided on a value converted at it
/// says so, naming the rate's date: Australia's A$1,000 (Customs Act 1901 s. 68, the row's source)
/// on 2026-11-27, US$650 → A$925.31 at 10-30's USD/AUD: within it, duty relieved, and a
/// `W_STALE_FX` naming au-low-value-1000 and 2026-10-30. A quote within a week of the table's end
/// (2026-10-30 itself) says nothing of the kind, nor one whose rate the caller gives.
#[test]
fn a_threshold_decided_at_a_stale_stand_in_rate_says_so_pp4() {
    let q = quote(cart("AU", "2026-11-27", "USD", "650.00"));
    let stale: Vec<&str> = q.warnings.iter().filter(|w| w.code == "W_STALE_FX").map(|w| w.message.as_str()).collect();
    let said = stale.iter().find(|m| m.starts_with("au-low-value-1000 was decided"));
    let said = said.unwrap_or_else(|| panic!("the relief says it was decided at a stale rate: {stale:?}"));
    assert!(said.contains("ECB reference rate of 2026-10-30, 28 days before the as-of date"), "{said}");
    assert!(q.totals.complete, "a stated stand-in stays priced");
    let fresh = quote(cart("AU", "2026-10-30", "USD", "650.00"));
    assert!(
        !fresh.warnings.iter().any(|w| w.message.contains("was decided on a value converted")),
        "{:?}",
        fresh.warnings
    );
    let mut given = cart("AU", "2026-11-27", "USD", "650.00");
    given["fx"] = json!({"USD/AUD": "1.5"});
    let given = quote(given);
    assert!(!given.warnings.iter().any(|w| w.code == "W_STALE_FX"), "{:?}", given.warnings);
}

/// The United States: 19 CFR 159.32 (the date of exportation) and 159.34 ("… the rate or rates
/// first certified by the Federal Reserve Bank of New York for such foreign currency for a day in
/// that quarter", for the currency of each listed country, "used for Customs purposes for any
/// date of exportation within the quarter" unless the certified daily rate varies by 5 % or more;
/// text as of 2024-10-31, read by audit-pp PP7 and again for fix-ss). The list names countries
/// (Japan, Canada, the United Kingdom, Germany, France …), not the euro, so whether a euro amount
/// has a quarterly rate is not read; and a quarterly stand-in would move every US figure in a
/// listed currency. The figure stays the ECB rate of the as-of date (€1,000 on 2026-11-27: EUR/USD
/// 1.1172 of 10-30, $1,117.20); the warning now says what it stands in for.
#[test]
fn the_us_stand_in_says_it_stands_in_for_the_certified_rate_of_the_date_of_exportation_pp7() {
    let q = quote(cart("US", "2026-11-27", "EUR", "1000.00"));
    assert_eq!(fx(&q, "EUR/USD"), (d("1.1172"), "ECB euro reference rates of 2026-10-30 (cross rate via EUR)".into()));
    assert_eq!(q.lines[0].goods_value, d("1117.20"));
    let said = stand_in(&q, "EUR/USD");
    assert!(
        said.contains("certified for the date of exportation") && said.contains("quarter's first certified rate"),
        "{said}"
    );
    assert!(said.contains("5 %"), "{said}");
}
