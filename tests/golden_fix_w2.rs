//! audit-w (session 18, fix-w2): the non-EU findings. W-FX2 (a currency the ECB stopped
//! publishing carried forward as "this month's ECB rate"), W-NZ1 (New Zealand's seller-collected
//! GST is per item), W-TH1 (Thai VAT after the last royal decree read), W-FX1 (a dollar peg
//! labelled as an ECB cross rate and flagged stale).

mod common;

use common::{d, engine, quote, request};
use landed::quote::LineStatus;
use serde_json::{json, Value};

fn fx_error(v: Value) -> String {
    let e = engine().quote(&request(v)).expect_err("no customs rate for the pair");
    assert_eq!(e.code.as_str(), "E_FX_RATE", "{e}");
    e.to_string()
}

fn tees(destination: &str, date: &str, currency: &str, unit_price: &str) -> Value {
    json!({"destination": destination, "date": date, "currency": currency, "origin": "CN",
        "channel": "courier", "transport": "air", "incoterm": "DDP",
        "lines": [{"id": "tee", "code": "6109.10.00", "quantity": "10", "unit_price": unit_price}]})
}

/// audit-w W-FX2. The EU customs rate of a month is the ECB rate of the penultimate Wednesday of
/// the month before (Implementing Regulation (EU) 2015/2447 art. 146); for a currency the ECB
/// does not publish, the member state sets it. The ECB suspended the rouble after its fixing of
/// 2022-03-01 (ECB: "The ECB last published a EUR/RUB reference rate on 1 March 2022"), yet the
/// monthly table carried RUB 117.201 into every month to 2026-11 and a Lithuanian quote in
/// roubles was `complete` at RUB/EUR 0.008532 "ECB euro reference rate of 2026-10-21". Now no
/// rate: `E_FX_RATE` naming the `fx` input; with the caller's rate it is priced.
#[test]
fn a_rouble_rate_the_ecb_stopped_publishing_is_not_carried_forward_reg_2015_2447_art_146() {
    let err = fx_error(tees("LT", "2026-11-27", "RUB", "2000"));
    assert!(err.contains("RUB/EUR"), "{err}");
    // April 2022 is the first month whose reference day (2022-03-23) has no rouble rate.
    fx_error(tees("LT", "2022-04-01", "RUB", "2000"));
    // March 2022 reads the ECB's rate of 2022-02-16, which had one.
    let q = quote(tees("LT", "2022-03-15", "RUB", "2000"));
    assert!(q.fx[0].source.contains("2022-02-16"), "{:?}", q.fx);
    // With the caller's rate (the member state's), the quote is priced on it.
    let mut v = tees("LT", "2026-11-27", "RUB", "2000");
    v["fx"] = json!({"RUB/EUR": "0.0105"});
    let q = quote(v);
    assert_eq!(q.fx[0].source, "request");
    assert_eq!(q.lines[0].status, LineStatus::Priced);
    // Every destination reading the monthly table before the daily one starts (2025) says the
    // same: Singapore on 2024-06-03.
    fx_error(tees("SG", "2024-06-03", "RUB", "2000"));
}

/// audit-w W-FX2, the lev. Bulgaria adopted the euro on 2026-01-01 (Council Decision (EU)
/// 2025/1407) at 1.95583 lev per euro (Council Regulation (EC) 2866/98 art. 1 as amended), the
/// only rate for converting lev and euro (Regulation (EC) 1103/97 art. 4); the ECB publishes no
/// lev rate after 2025-12-31. A lev amount into BG in November 2026 was converted at the ECB's
/// 1.9558 of 2025-12-17 labelled "ECB euro reference rate of 2026-10-21": now `E_FX_RATE`, and
/// with the conversion rate given as fx {"EUR/BGN": "1.95583"}: BGN 1,955.83 → EUR 1,000.00.
#[test]
fn the_lev_after_the_euro_changeover_is_not_an_ecb_rate_reg_2866_98() {
    fx_error(tees("BG", "2026-11-27", "BGN", "195.583"));
    let mut v = tees("BG", "2026-11-27", "BGN", "195.583");
    v["fx"] = json!({"EUR/BGN": "1.95583"});
    let q = quote(v);
    assert_eq!(q.lines[0].goods_value, d("1000.00"));
    // Before the changeover BG's own currency was the lev: nothing to convert.
    let q = quote(tees("BG", "2025-12-15", "BGN", "195.583"));
    assert_eq!(q.currency.to_string(), "BGN");
}
