//! Trade-remedy duties (anti-dumping, countervailing, safeguard) at import (docs/rules.md §22,
//! `tariffs/rules/trade_remedies.tsv`). Their rates depend on the exporting producer, which a
//! request does not name, so our data prices none: a line under a listed measure lists it without
//! an amount and is `partial`, never complete without it; the caller's `extra_duties` entry of
//! kind `duty` (naming the measures it answers where the line bears several) completes it, is
//! charged on the customs value and joins the VAT base.

mod common;

use common::{d, levy, quote, warned};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

/// The audit's Chinese battery-electric car into Germany (findings audit-b B2), with `extra`
/// merged into the line.
fn car(origin: &str, date: &str, extra: Value) -> Quote {
    let mut line = json!({"id": "car", "code": "87038010", "quantity": "1", "unit_price": "30000.00"});
    if let (Some(l), Some(e)) = (line.as_object_mut(), extra.as_object()) {
        l.extend(e.clone());
    }
    let mut req = json!({"destination": "DE", "date": date, "currency": "EUR", "channel": "freight",
        "transport": "ocean", "incoterm": "DDP", "ship_from": "CN", "shipping": "1500.00", "lines": [line]});
    if !origin.is_empty() {
        req["origin"] = json!(origin);
    }
    quote(req)
}

/// The source rows of the measures a line lists unpriced.
fn listed(q: &Quote) -> Vec<String> {
    let l = &q.lines[0];
    let rows = l.levies.iter().filter(|v| v.kind == LevyKind::AdditionalDuty && v.amount.is_none());
    rows.inspect(|v| assert_eq!(v.partial_amount, None, "{} is unpriced", v.name))
        .map(|v| v.source.row().to_string())
        .collect()
}

#[test]
fn a_chinese_bev_into_the_eu_lists_the_countervailing_duty_implementing_regulation_2024_2754() {
    // Commission Implementing Regulation (EU) 2024/2754 art. 1: a definitive countervailing duty
    // on new BEVs originating in the PRC (TARIC 8703 80 10 10), 7.8-35.3 % by exporting producer,
    // from 2024-10-30. The audit's car was priced complete at 41,233.50 without it.
    let q = car("CN", "2026-11-26", json!({}));
    let l = &q.lines[0];
    assert_eq!(listed(&q), ["trade_remedies.tsv#eu-bev-cvd"]);
    assert_eq!(l.status, LineStatus::Partial);
    let reason = l.reason.as_deref().unwrap();
    assert!(reason.contains("7.8 % to 35.3 %") && reason.contains("\"kind\": \"duty\""), "{reason}");
    assert!(reason.contains("exporting producer decides the rate"), "{reason}");
    // The customs duty and VAT stay priced: 10 % × 31,500 = 3,150.00; VAT 19 % × 34,650.00 =
    // 6,583.50; 41,233.50 is now a lower bound.
    assert_eq!(levy(l, LevyKind::Duty), d("3150.00"));
    let vat = l.levies.iter().find(|v| v.kind == LevyKind::Tax).unwrap();
    assert_eq!((vat.amount, vat.partial_amount), (None, Some(d("6583.50"))));
    assert!(!q.totals.complete && q.totals.at_least);
    assert_eq!(q.totals.landed, d("41233.50"));
    // The row's rates come from reproductions of the OJ text, not EUR-Lex: it says so.
    assert!(warned(&q, "W_VERIFY"));
}

#[test]
fn the_callers_countervailing_duty_completes_the_line_and_joins_the_vat_base() {
    // The "other cooperating companies" rate of 2024/2754 art. 1, 20.7 %, given by the caller:
    // CVD 20.7 % × 31,500.00 = 6,520.50; VAT 19 % × (31,500 + 3,150 + 6,520.50 = 41,170.50) =
    // 7,822.40 (Regulation (EU) 952/2013 art. 86 / Directive 2006/112 art. 86(1)(a): duties due
    // by reason of importation are in the VAT base); landed 48,992.90 (the audit's figure).
    let extra =
        json!({"extra_duties": [{"name": "Countervailing duty (2024/2754, other cooperating)", "rate": "20.7%"}]});
    let q = car("CN", "2026-11-26", extra);
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert!(listed(&q).is_empty());
    assert_eq!(levy(l, LevyKind::AdditionalDuty), d("6520.50"));
    assert_eq!(levy(l, LevyKind::Tax), d("7822.40"));
    assert_eq!(q.totals.landed, d("48992.90"));
    assert!(q.totals.complete);
}

#[test]
fn the_measure_names_its_origin_and_dates() {
    // 2024/2754 covers goods originating in the PRC, from 2024-10-30: a Japanese car, or a
    // Chinese one the day before, owes none.
    let q = car("JP", "2026-11-26", json!({}));
    assert!(listed(&q).is_empty());
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    let q = car("CN", "2024-10-29", json!({}));
    assert!(listed(&q).is_empty());
    // Without an origin the measure may apply: listed, and the reason asks for the origin.
    let q = car("", "2026-11-26", json!({}));
    assert_eq!(listed(&q), ["trade_remedies.tsv#eu-bev-cvd"]);
    assert!(q.lines[0].reason.as_deref().unwrap().contains("give the origin"), "{:?}", q.lines[0].reason);
}

fn bike(
    destination: &str,
    currency: &str,
    date: &str,
    code: &str,
    origin: &str,
    ship_from: &str,
    extra: Value,
) -> Quote {
    let mut line = json!({"id": "b", "code": code, "quantity": "1", "unit_price": "1200", "origin": origin});
    if let (Some(l), Some(e)) = (line.as_object_mut(), extra.as_object()) {
        l.extend(e.clone());
    }
    quote(json!({"destination": destination, "date": date, "currency": currency, "channel": "freight",
        "ship_from": ship_from, "incoterm": "DDP", "lines": [line]}))
}

#[test]
fn a_chinese_e_bike_into_the_eu_lists_both_duties_implementing_regulations_2025_120_and_2025_114() {
    // Implementing Regulations (EU) 2019/73 (anti-dumping) and 2019/72 (countervailing), both
    // maintained after expiry reviews from 2025-01-25: both listed.
    let q = bike("FR", "EUR", "2026-11-26", "8711601000", "CN", "CN", json!({}));
    assert_eq!(listed(&q), ["trade_remedies.tsv#eu-ebike-ad", "trade_remedies.tsv#eu-ebike-cvd"]);
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    // The caller's duties answer the measures they name (the caller knows the producer): 62.1 % +
    // 17.2 % (all other companies) on a customs value of 1,200: 745.20 + 206.40. (Naming none,
    // beside two measures they settle none: tests/golden_residue_16.rs.)
    let extra = json!({"extra_duties": [{"name": "AD 2025/120", "rate": "62.1%", "answers": ["eu-ebike-ad"]},
        {"name": "CVD 2025/114", "rate": "17.2%", "answers": ["eu-ebike-cvd"]}]});
    let q = bike("FR", "EUR", "2026-11-26", "8711601000", "CN", "CN", extra);
    assert!(listed(&q).is_empty());
    assert_eq!(levy(&q.lines[0], LevyKind::AdditionalDuty), d("951.60"));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
}

#[test]
fn bicycles_consigned_from_malaysia_bear_the_extended_duty_implementing_regulation_2025_2146() {
    // 2025/2146: the duty on Chinese bicycles extended to bicycles consigned from Indonesia,
    // Malaysia, Sri Lanka, Tunisia, Cambodia, Pakistan and the Philippines, "whether declared as
    // originating in these countries or not".
    let q = bike("DE", "EUR", "2026-11-26", "87120030", "VN", "MY", json!({}));
    assert_eq!(listed(&q), ["trade_remedies.tsv#eu-bicycles-ad"]);
    let q = bike("DE", "EUR", "2026-11-26", "87120030", "VN", "VN", json!({}));
    assert!(listed(&q).is_empty());
    // The UK transitioned the same measure (Notice of determination 2020/34).
    let q = bike("GB", "GBP", "2026-11-26", "8712003000", "CN", "CN", json!({}));
    assert_eq!(listed(&q), ["trade_remedies.tsv#gb-bicycles-ad"]);
}

#[test]
fn uk_e_bike_duties_apply_to_folding_e_bikes_only_from_2025_02_07_trade_remedies_notices_2025_3_and_4() {
    // Taxation Notices 2020/24 and 2020/25 (all e-bikes from China) until 2025-02-06; Trade
    // remedies notices 2025/3 and 2025/4: folding e-bikes only from 2025-02-07 to 2029-01-18.
    let q = bike("GB", "GBP", "2024-06-03", "8711601000", "CN", "CN", json!({}));
    assert_eq!(listed(&q), ["trade_remedies.tsv#gb-ebike-ad-2021", "trade_remedies.tsv#gb-ebike-cvd-2021"]);
    let q = bike("GB", "GBP", "2026-11-26", "8711601000", "CN", "CN", json!({}));
    assert_eq!(listed(&q), ["trade_remedies.tsv#gb-ebike-ad", "trade_remedies.tsv#gb-ebike-cvd"]);
    assert!(q.lines[0].reason.as_deref().unwrap().contains("folding e-bikes only"));
    // A non-folding e-bike: the caller's "0%", naming both measures, completes the line.
    let extra = json!({"extra_duties": [{"name": "no trade remedy (non-folding)", "rate": "0%",
        "answers": ["gb-ebike-ad", "gb-ebike-cvd"]}]});
    let q = bike("GB", "GBP", "2026-11-26", "8711601000", "CN", "CN", extra);
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    // In 2019 the UK applied the EU's measures (it left the customs union on 2020-12-31); our
    // GB tariff starts in 2021, so the caller gives the duty rate.
    let q = bike("GB", "GBP", "2019-06-03", "8711601000", "CN", "CN", json!({"duty_rate": "6%"}));
    assert_eq!(listed(&q), ["trade_remedies.tsv#eu-ebike-ad", "trade_remedies.tsv#eu-ebike-cvd"]);
}

#[test]
fn goods_no_measure_names_are_untouched() {
    // A T-shirt from China into Germany: no listed measure, priced as before.
    let q = bike("DE", "EUR", "2026-11-26", "6109100010", "CN", "CN", json!({}));
    assert!(listed(&q).is_empty());
}

#[test]
fn a_duty_relief_lists_the_callers_anti_dumping_duty_unsettled_never_drops_it() {
    // A Chinese e-bike of EUR 100.00 into Germany on 2026-06-01 is within the EUR 150 relief
    // (Reg. (EC) 1186/2009 art. 23, relief from "import duties", art. 2(1)(a)); the anti-dumping
    // regulation collects its duties "independently of the customs duties" (Reg. (EU) 2016/1036
    // art. 14(1)). Whether the relief covers the e-bike duties is not settled in our sources:
    // the measures are listed, the caller's 62.1 % is listed without an amount, and the line is
    // partial; never a complete price with the duty dropped.
    let ebike = |extra: Value| {
        quote(json!({"destination": "DE", "date": "2026-06-01", "currency": "EUR", "channel": "courier",
            "origin": "CN", "ship_from": "CN",
            "lines": [{"id": "a", "code": "8711601000", "quantity": "1", "unit_price": "100.00", "extra_duties": extra}]}))
    };
    let q = ebike(json!([]));
    assert_eq!(q.totals.duty, d("0.00"));
    assert_eq!(listed(&q).len(), 2, "{:?}", listed(&q));
    assert!(!q.totals.complete);
    let q = ebike(json!([{"name": "Anti-dumping duty", "rate": "62.1%", "kind": "duty"}]));
    let caller = q.lines[0].levies.iter().find(|l| l.name.as_str().contains("caller-supplied")).expect("listed");
    assert_eq!(caller.amount, None);
    assert!(caller.formula.to_string().contains("eu-duty-relief-150"), "{}", caller.formula);
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(!q.totals.complete);
    // Under the EUR 3 flat duty (an IOSS consignment on 2026-11-26) the same.
    let q = quote(json!({"destination": "DE", "date": "2026-11-26", "currency": "EUR", "channel": "courier",
        "origin": "CN", "ship_from": "CN", "lines": [{"id": "a", "code": "8711601000", "quantity": "1",
        "unit_price": "100.00", "extra_duties": [{"name": "Anti-dumping duty", "rate": "62.1%", "kind": "duty"}]}]}));
    assert_eq!(q.totals.duty, d("3.00"));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
}
