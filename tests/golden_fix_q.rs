//! audit-q (session 16, fix-q): Japan's state-trading lines, the stand-in exchange rate, the
//! ¥10,000 exemption of a mixed parcel, lower bounds of "whichever is higher" duties, and the
//! wording of GB lines priced through a correlation.

mod common;

use common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

fn jp(lines: Value, origin: &str) -> Quote {
    quote(json!({"destination": "JP", "date": "2026-11-20", "currency": "JPY", "channel": "freight",
        "transport": "ocean", "incoterm": "DDP", "business_buyer": true, "origin": origin, "lines": lines}))
}

fn reason(q: &Quote, i: usize) -> String {
    q.lines[i].reason.clone().unwrap_or_default()
}

fn duty(q: &Quote, i: usize) -> Option<Value> {
    q.lines[i].levies.iter().find(|l| l.kind == LevyKind::Duty).map(|l| json!([l.amount, l.partial_amount]))
}

fn assumption(q: &Quote, starts: &str) -> Option<String> {
    q.warnings
        .iter()
        .filter(|w| w.code == "W_ASSUMPTION")
        .map(|w| w.message.to_string())
        .find(|m| m.starts_with(starts))
}

/// audit-q Q1. Japan's Tariff Schedule of 2026-07-09, 1006.30: line 010 is rice the government
/// imports under the Staple Food Act (主要食糧の需給及び価格の安定に関する法律) art. 30-31 or that
/// the Minister certifies (art. 34(1)(iii)); line 090 "その他のもの" has temporary ¥49/kg and the
/// WTO rate `*(341円/kg)`, marked `*` and in parentheses (not applied). The duty is ¥49/kg
/// (Temporary Tariff Measures Act art. 2); a private import also owes the Act's levy (納付金),
/// an amount by Cabinet Order our data does not hold: listed, the line partial, never complete at
/// the duty alone (it was: landed 376,800, complete).
#[test]
fn rice_outside_state_trading_is_priced_at_its_duty_and_lists_the_staple_food_act_levy() {
    let q = jp(
        json!([{"id": "r", "code": "1006.30-090", "quantity": "1000", "unit_price": "300", "weight_kg": "1000"}]),
        "US",
    );
    assert_eq!(duty(&q, 0), Some(json!(["49000", null])));
    assert_eq!(q.lines[0].status, LineStatus::Partial, "{:?}", q.lines[0]);
    assert!(reason(&q, 0).contains("Staple Food Act"), "{}", reason(&q, 0));
    let levy = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Excise).expect("the levy is listed");
    assert_eq!(levy.amount, None);
    assert!(!q.totals.complete && q.totals.at_least);
    assert_eq!(q.totals.duty, d("49000"));
    // Wheat 1001.99-099 (temporary ¥9.80/kg, WTO `*(55円/kg)`) and skimmed milk 0402.99-129
    // (temporary 25.5 % + ¥104/kg, WTO `*(25.5%＋509円/kg)`, beside the ALIC line of the
    // Livestock Act art. 17) are listed too; rice bought by the government (1006.30-010) is not.
    for code in ["1001.99-099", "0402.99-129"] {
        let q =
            jp(json!([{"id": "w", "code": code, "quantity": "1000", "unit_price": "100", "weight_kg": "1000"}]), "US");
        assert_eq!(q.lines[0].status, LineStatus::Partial, "{code}: {:?}", q.lines[0]);
        assert!(q.lines[0].levies.iter().any(|l| l.kind == LevyKind::Excise), "{code}");
    }
    let state = jp(
        json!([{"id": "r", "code": "1006.30-010", "quantity": "1000", "unit_price": "300", "weight_kg": "1000"}]),
        "US",
    );
    assert!(!state.lines[0].levies.iter().any(|l| l.kind == LevyKind::Excise));
}

/// audit-q Q2. Japan converts a foreign-currency value at the rate Customs publishes each week
/// (Customs Tariff Act art. 4-7), which our data does not hold: the ECB cross rate stands in,
/// and the quote says so as it does for every `ecb_daily` destination (docs/rules.md §8). It stays
/// complete, as the US and Canada always have; the caller's `fx` removes the assumption.
#[test]
fn a_japanese_quote_in_dollars_states_the_ecb_rate_as_a_stand_in_for_customs_weekly_rate() {
    let req = |fx: Option<Value>| {
        let mut r = json!({"destination": "JP", "date": "2026-11-20", "currency": "USD", "channel": "courier",
            "incoterm": "DDP", "business_buyer": true, "origin": "CN",
            "lines": [{"id": "t", "code": "6109.10-020", "quantity": "100", "unit_price": "25"}]});
        if let Some(fx) = fx {
            r["fx"] = fx;
        }
        quote(r)
    };
    let q = req(None);
    let w = assumption(&q, "fx USD/JPY").expect("the stand-in is stated");
    assert!(w.contains("ECB reference rate of 2026-10-30") && w.contains("JP's law"), "{w}");
    assert!(q.totals.complete);
    let given = req(Some(json!({"USD/JPY": "155"})));
    assert_eq!(assumption(&given, "fx USD/JPY"), None);
}

/// audit-q Q4. Customs Tariff Act art. 14 item 18 exempts "goods whose customs values total
/// ¥10,000 or less, other than those designated by Cabinet Order" (Cabinet Order art. 16-3:
/// knitted garments of 61.09); Customs Answer 1006 counts every article of the declaration. A
/// knitted T-shirt of ¥4,000 pays; woven trousers of ¥5,000 in the same parcel (total ¥9,000) keep
/// the exemption, and the assumption's text says so. T-shirt: 7.4 % × 4,000 = 296; tax base
/// 4,000 + 200 → 4,000, national 312, local 300 × 22/78 = 84; declaration: duty 200, tax 300 + 0.
/// With a T-shirt of ¥6,000 the total (¥11,000) is above ¥10,000: neither is exempt.
#[test]
fn a_designated_article_pays_and_the_rest_of_its_parcel_under_10000_yen_keeps_the_exemption() {
    let parcel = |tee: &str| {
        quote(json!({"destination": "JP", "date": "2026-11-20", "currency": "JPY", "channel": "courier",
            "incoterm": "DDP", "business_buyer": true, "origin": "CN",
            "lines": [{"id": "t", "code": "6109.10-020", "quantity": "1", "unit_price": tee},
                      {"id": "p", "code": "6203.42-200", "quantity": "1", "unit_price": "5000"}]}))
    };
    let q = parcel("4000");
    assert_eq!((q.totals.duty, q.totals.tax, q.totals.landed), (d("200"), d("300"), d("9500")));
    assert_eq!(common::levy(&q.lines[1], LevyKind::Duty), d("0"));
    assert!(q.totals.complete);
    let text = assumption(&q, "jp-small-10000").expect("the exemption's assumption");
    assert!(text.contains("the other goods of its consignment keep the exemption"), "{text}");
    assert!(!text.contains("without the exemption for all its goods"), "{text}");
    let above = parcel("6000");
    assert!(common::levy(&above.lines[1], LevyKind::Duty) > d("0"), "{:?}", above.lines[1]);
}

/// audit-q Q6. "A or B, whichever is the higher" is at least the side that can be priced.
/// 6403.99-015 (WTO 30 % or ¥4,300/pair, the higher) without a pair count, ¥300,000: at least
/// 30 % = 90,000. 2009.11-190 (29.8 % or ¥23/kg, the higher) without a weight, ¥300,000 under the
/// general tariff: at least 89,400. Both stay partial, naming the missing quantity.
#[test]
fn whichever_is_higher_without_its_quantity_is_at_least_the_ad_valorem_side() {
    let cases = [("6403.99-015", "100", "3000", "CN", "90000"), ("2009.11-190", "1000", "300", "US", "89400")];
    for (code, qty, price, origin, floor) in cases {
        let q = quote(json!({"destination": "JP", "date": "2026-11-20", "currency": "JPY", "channel": "courier",
            "incoterm": "DDP", "business_buyer": true, "origin": origin, "tariff": "general",
            "lines": [{"id": "a", "code": code, "quantity": qty, "unit_price": price}]}));
        assert_eq!(q.lines[0].status, LineStatus::Partial, "{code}");
        assert_eq!(duty(&q, 0), Some(json!([null, floor])), "{code}");
        assert!(q.totals.at_least && q.totals.duty >= d(floor), "{code}: {:?}", q.totals);
    }
}

/// audit-q Q7. UK Global Tariff (HS 2017) reached from HS 2022 8806.22 through the n:n
/// correlation (852580, 880211, 880220; `hs_correlation_hs2022_hs2017`): every line is 0 %, so
/// the line is priced, but it names no single line (it named the TV-camera line 85258011). 854151
/// reaches lines of three different duties: the reason counts duties, not lines.
#[test]
fn a_gb_line_priced_through_a_correlation_names_no_single_line_and_counts_duties() {
    let gb = |code: &str, price: &str| {
        quote(json!({"destination": "GB", "date": "2026-11-20", "currency": "GBP", "channel": "courier",
            "incoterm": "DDP", "origin": "CN", "lines": [{"id": "g", "code": code, "quantity": "1", "unit_price": price}]}))
    };
    let drone = gb("8806.22", "400");
    assert_eq!(drone.lines[0].matched_code, None);
    let name = drone.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).unwrap().name.to_string();
    assert!(!name.contains("85258011"), "{name}");
    assert_eq!(common::levy(&drone.lines[0], LevyKind::Duty), d("0.00"));
    let chip = gb("8541.51", "300");
    assert!(reason(&chip, 0).contains("covers tariff lines of 3 different duties"), "{}", reason(&chip, 0));
}
