//! Trade-remedy duties (anti-dumping, countervailing, safeguard) at import (docs/rules.md §22,
//! `tariffs/rules/trade_remedies.tsv`). Their rates depend on the exporting producer, which a
//! request does not name, so our data prices none: a line under a listed measure lists it without
//! an amount and is `partial`, never complete without it; the caller's `extra_duties` entry of
//! kind `duty` (naming the measures it answers where the line bears several) completes it, is
//! charged on the customs value and joins the VAT base.

use crate::common;
use crate::common::{d, levy, quote, unpriced, warned};
use landed::quote::{LevyKind, LineQuote, LineStatus, Quote};
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
    // 2024/2754 covers goods originating in the PRC, from 2024-10-30: a Japanese car owes none.
    let q = car("JP", "2026-11-26", json!({}));
    assert!(listed(&q).is_empty());
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    // Before it, the provisional countervailing duty of Implementing Regulation (EU) 2024/1866
    // from 2024-07-05 (secured by a guarantee): listed, not the definitive one (audit-mm MM4: a
    // Chinese car of 2024-08-01 was priced complete, no measure named); none on 2024-07-04.
    for date in ["2024-07-05", "2024-08-01", "2024-10-29"] {
        let q = car("CN", date, json!({}));
        assert_eq!(listed(&q), ["trade_remedies.tsv#eu-bev-cvd-provisional"], "{date}");
        assert!(!q.totals.complete, "{date}");
    }
    assert!(listed(&car("CN", "2024-07-04", json!({}))).is_empty());
    assert_eq!(listed(&car("CN", "2024-10-30", json!({}))), ["trade_remedies.tsv#eu-bev-cvd"]);
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
    // beside two measures they settle none:
    // `a_caller_duty_naming_no_measure_beside_two_settles_neither_regulations_2019_72_and_2019_73`.)
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

// research-h's settled verdicts as rules (findings/research-h.md; audit-f F2): the US and
// Canadian low-value reliefs against anti-dumping and countervailing duties, the order of the
// Canada/Mexico IEEPA duties and Section 232 (EO 14289, Proclamation 10947), Section 301 on face
// masks and medical gloves (U.S. note 31), the 50 U.S.C. 1702(b) exception to the suspension of
// de minimis, Ireland's duty under €10, Norway's VOEC registration threshold, and Finland's
// soft-drinks and beverage-packaging taxes. Each case cites its law; figures are worked by hand.

/// The levy of a line whose name contains `text`.
fn levy_named<'q>(line: &'q LineQuote, text: &str) -> Option<&'q landed::quote::Levy> {
    line.levies.iter().find(|l| l.name.as_str().contains(text))
}

// US de minimis and anti-dumping/countervailing duties. CBP, E-Commerce FAQ: "Section 321 does
// not allow: • Merchandise subject to antidumping and countervailing duties." 19 U.S.C.
// 1321(a)(2)(C), 19 CFR 10.151: a line bearing such a duty is entered, and its duty and fees are due.

fn us_courier(origin: &str, date: &str, lines: Value) -> Quote {
    quote(json!({"destination": "US", "date": date, "currency": "USD", "channel": "courier", "transport": "air",
        "origin": origin, "ship_from": origin, "lines": lines}))
}

#[test]
fn a_us_line_bearing_antidumping_duty_is_not_within_de_minimis_cbp_section_321() {
    // 2025-03-03, before the suspension for China (2025-05-02): a US$100 T-shirt alone is relieved.
    let tee = json!({"id": "tee", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00"});
    let q = us_courier("CN", "2025-03-03", json!([tee]));
    assert_eq!(q.totals.duty, d("0.00"), "{:?}", q.lines[0].levies);
    // With a caller antidumping duty of 50 %: the line leaves de minimis. Column 1 16.5 % × 100.00
    // = 16.50, the antidumping duty 50 % × 100.00 = 50.00, and the layers of the day (301 list
    // 4A 7.5 % = 7.50, IEEPA China 20 % = 20.00 from 2025-03-04: not yet; 10 % = 10.00).
    let mut ad = tee.clone();
    ad["extra_duties"] = json!([{"name": "Antidumping duty A-570-979", "rate": "50%"}]);
    let q = us_courier(
        "CN",
        "2025-03-03",
        json!([ad, {"id": "mug", "code": "6912.00.4400", "quantity": "1", "unit_price": "20.00"}]),
    );
    let (a, mug) = (&q.lines[0], &q.lines[1]);
    assert_eq!(levy_named(a, "Antidumping").and_then(|l| l.amount), Some(d("50.00")), "{:?}", a.levies);
    assert_eq!(a.levies.iter().find(|l| l.kind == LevyKind::Duty).and_then(|l| l.amount), Some(d("16.50")));
    assert!(
        q.warnings.iter().any(|w| w.message.to_string().contains("Section 321 does not allow")),
        "{:?}",
        q.warnings
    );
    // The other line keeps the relief.
    assert_eq!(mug.levies.iter().find(|l| l.kind == LevyKind::Duty).and_then(|l| l.amount), Some(d("0.00")));
    // The line's duty: 16.50 + 50.00 + 301 list 4A 7.5 % = 7.50 + IEEPA China 10 % (9903.01.20)
    // = 10.00, total 84.00. The fees are charged on the entered line's value (US$100), not
    // relieved: the informal-entry MPF of FY2025, flat US$2.62 (19 CFR 24.23(b)(2)(i),
    // fees.tsv), where before the whole consignment was relieved of it.
    assert_eq!(q.totals.duty, d("84.00"));
    let fee_total: rust_decimal::Decimal =
        q.levies.iter().filter(|l| l.kind == LevyKind::Fee).filter_map(|l| l.amount).sum();
    assert_eq!(fee_total, d("2.62"), "{:?}", q.levies);
    assert!(q.totals.complete);
}

#[test]
fn a_us_countervailing_duty_given_by_its_kind_takes_the_line_out_of_de_minimis_cbp_section_321() {
    // The same CBP rule (E-Commerce FAQ: Section 321 does not allow merchandise subject to
    // antidumping and countervailing duties), the duty typed by its `kind` whatever its name:
    // the line is entered, 16.50 + the CVD 20 % × 100.00 = 20.00 + 7.50 (9903.88.15) + 10.00
    // (9903.01.20) = 54.00, and the informal MPF of FY2025, US$2.62, on it.
    let tee = json!({"id": "tee", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00",
        "extra_duties": [{"name": "Order C-570-xxx (case number not known to the caller)", "rate": "20%", "kind": "countervailing"}]});
    let q = us_courier("CN", "2025-03-03", json!([tee]));
    assert_eq!(q.totals.duty, d("54.00"), "{:?}", q.lines[0].levies);
    let fee_total: rust_decimal::Decimal =
        q.levies.iter().filter(|l| l.kind == LevyKind::Fee).filter_map(|l| l.amount).sum();
    assert_eq!(fee_total, d("2.62"), "{:?}", q.levies);
    assert!(q.totals.complete);
}

#[test]
fn a_us_caller_duty_not_named_ad_cvd_under_de_minimis_stays_listed() {
    // A Section 201 safeguard is within de minimis (CBP NPRM 90 FR 6852 only proposes otherwise);
    // a duty whose name does not say what it is stays listed, not priced, with what settles it.
    let tee = json!({"id": "tee", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00",
        "extra_duties": [{"name": "safeguard", "rate": "20%"}]});
    let q = us_courier("DE", "2025-03-03", json!([tee]));
    let l = levy_named(&q.lines[0], "safeguard").expect("listed");
    assert_eq!(l.amount, None);
    assert!(l.formula.as_str().contains("antidumping"), "{}", l.formula);
    assert_eq!(q.lines[0].status, LineStatus::Partial);
}

// Canada: the Courier Imports Remission Order remits "customs duties and taxes" on goods of
// CAD 20 or less (CBSA D8-2-16); SIMA duties are imposed under another Act (CBSA D8-4-1) and the
// Customs Tariff's surtaxes are not its "customs duties": a SIMA duty on such goods is due.

#[test]
fn a_sima_duty_is_due_on_goods_within_the_courier_remission_order_cbsa_d8_2_16() {
    let q = quote(json!({"destination": "CA", "subdivision": "ON", "date": "2026-11-26", "currency": "CAD",
        "channel": "courier", "origin": "CN", "ship_from": "CN",
        "lines": [{"id": "a", "code": "7308.90", "quantity": "1", "unit_price": "15.00", "duty_rate": "0%",
            "extra_duties": [{"name": "SIMA anti-dumping duty", "rate": "30%"}]}]}));
    let l = &q.lines[0];
    // 30 % × 15.00 = 4.50, charged; the customs duty and the HST stay remitted.
    assert_eq!(levy_named(l, "SIMA").and_then(|l| l.amount), Some(d("4.50")), "{:?}", l.levies);
    assert_eq!(q.totals.tax, d("0.00"));
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
}

// Session 16's residue: no caller figure settles a row it does not name, no input ignored in
// silence (docs/rules.md §21, §22; audit-n N7).

/// A Chinese e-bike of EUR 1,200 into France on 2026-11-26 (freight, DDP), with `extra_duties`.
/// It bears the anti-dumping and the countervailing duty of Implementing Regulations (EU) 2019/73
/// and 2019/72 (maintained by 2025/120 and 2025/114): `tariffs/rules/trade_remedies.tsv`
/// `eu-ebike-ad`, `eu-ebike-cvd`.
fn ebike(extra: Value) -> Quote {
    quote(json!({"destination": "FR", "date": "2026-11-26", "currency": "EUR", "channel": "freight",
        "ship_from": "CN", "incoterm": "DDP", "lines": [{"id": "b", "code": "8711601000", "quantity": "1",
        "unit_price": "1200", "origin": "CN", "extra_duties": extra}]}))
}

/// The rows of the measures a line lists without an amount, with their `rate` column.
fn unanswered(q: &Quote) -> Vec<(String, String)> {
    let rows = q.lines[0].levies.iter().filter(|v| v.kind == LevyKind::AdditionalDuty && v.amount.is_none());
    rows.filter(|v| v.source.row().starts_with("trade_remedies.tsv"))
        .map(|v| (v.source.row().to_string(), v.rate.to_string()))
        .collect()
}

#[test]
fn a_caller_duty_naming_no_measure_beside_two_settles_neither_regulations_2019_72_and_2019_73() {
    // One caller duty of 62.1 % (the anti-dumping duty's residual rate, 2019/73 art. 1) without
    // `answers`: it may be the anti-dumping duty, the countervailing duty or their sum. It is
    // charged (62.1 % × 1,200.00 = 745.20), and each measure is listed "not answered": the line
    // is partial, never complete with the countervailing duty dropped in silence.
    let q = ebike(json!([{"name": "AD 2025/120", "rate": "62.1%"}]));
    let l = &q.lines[0];
    assert_eq!(
        unanswered(&q),
        [
            ("trade_remedies.tsv#eu-ebike-ad".to_string(), "not answered".to_string()),
            ("trade_remedies.tsv#eu-ebike-cvd".to_string(), "not answered".to_string())
        ]
    );
    assert_eq!(l.status, LineStatus::Partial);
    assert!(!q.totals.complete);
    let reason = l.reason.as_deref().unwrap();
    assert!(
        reason.contains("the caller's duty \"AD 2025/120\" (extra_duties[0]) does not say which of the line's 2 trade remedies (eu-ebike-ad, eu-ebike-cvd) it answers"),
        "{reason}"
    );
    assert!(reason.contains("\"answers\": [\"eu-ebike-cvd\"]"), "{reason}");
    let charged: Vec<_> =
        l.levies.iter().filter(|v| v.kind == LevyKind::AdditionalDuty).filter_map(|v| v.amount).collect();
    assert_eq!(charged, [d("745.20")]);
}

#[test]
fn a_caller_duty_answers_the_measures_it_names_and_leaves_the_other_listed() {
    // The anti-dumping duty named: the countervailing duty stays listed with its own reason (the
    // producer decides its rate, 3.9 % to 17.2 %).
    let q = ebike(json!([{"name": "AD 2025/120", "rate": "62.1%", "answers": ["eu-ebike-ad"]}]));
    assert_eq!(unanswered(&q).len(), 1);
    assert_eq!(unanswered(&q)[0].0, "trade_remedies.tsv#eu-ebike-cvd");
    assert!(unanswered(&q)[0].1.contains("17.2 %"), "{:?}", unanswered(&q));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    // One entry naming both, their sum (62.1 % + 17.2 % = 79.3 % × 1,200.00 = 951.60): complete.
    let q = ebike(json!([{"name": "AD + CVD", "rate": "79.3%", "answers": ["eu-ebike-ad", "eu-ebike-cvd"]}]));
    assert!(unanswered(&q).is_empty());
    assert_eq!(levy(&q.lines[0], LevyKind::AdditionalDuty), d("951.60"));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    // Of kind antidumping / countervailing, the same.
    let q = ebike(json!([
        {"name": "AD", "rate": "62.1%", "kind": "antidumping", "answers": ["eu-ebike-ad"]},
        {"name": "CVD", "rate": "17.2%", "kind": "countervailing", "answers": ["eu-ebike-cvd"]}
    ]));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    assert_eq!(levy(&q.lines[0], LevyKind::AdditionalDuty), d("951.60"));
}

#[test]
fn a_single_measure_is_still_answered_by_an_entry_naming_none_implementing_regulation_2024_2754() {
    // A Chinese BEV into Germany bears one measure (2024/2754, countervailing): the caller's
    // 20.7 % ("other cooperating companies") without `answers` answers it, as before.
    let q = quote(json!({"destination": "DE", "date": "2026-11-26", "currency": "EUR", "channel": "freight",
        "transport": "ocean", "incoterm": "DDP", "ship_from": "CN", "shipping": "1500.00", "origin": "CN",
        "lines": [{"id": "car", "code": "87038010", "quantity": "1", "unit_price": "30000.00",
            "extra_duties": [{"name": "CVD 2024/2754", "rate": "20.7%"}]}]}));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    // 20.7 % × 31,500.00 (CIF) = 6,520.50 (docs/rules.md §22).
    assert_eq!(levy(&q.lines[0], LevyKind::AdditionalDuty), d("6520.50"));
}

#[test]
fn an_answer_that_is_no_measure_of_the_line_is_an_error() {
    let engine = common::engine();
    let req = |extra: Value| {
        common::request(json!({"destination": "FR", "date": "2026-11-26", "currency": "EUR", "channel": "freight",
            "ship_from": "CN", "lines": [{"id": "b", "code": "8711601000", "quantity": "1", "unit_price": "1200",
            "origin": "CN", "extra_duties": extra}]}))
    };
    let e =
        engine.quote(&req(json!([{"name": "CVD", "rate": "20.7%", "answers": ["eu-bev-cvd"]}]))).expect_err("a car's");
    assert_eq!(e.field.as_deref(), Some("lines[0].extra_duties[0].answers[0]"), "{e}");
    assert!(e.message.contains("eu-ebike-ad, eu-ebike-cvd"), "{e}");
    // An empty id names nothing.
    let e = engine.quote(&req(json!([{"name": "CVD", "rate": "20.7%", "answers": [" "]}]))).expect_err("empty");
    assert!(e.message.contains("trade_remedies.tsv"), "{e}");
}

// audit-j, findings J4, J7, J8 and J10 (fix-j3): measures our quotes left out in silence, now
// listed (or priced by the caller) with the law that imposes them
// ([trade remedies](../../docs/rules.md#trade-remedies), [excise](../../docs/rules.md#excise),
// [returned goods](../../docs/rules.md#vat-base), [thresholds](../../docs/rules.md#thresholds)).

/// A Chinese battery-electric car of CAD 40,000 into Ontario on 2025-06-02, GST registrant.
fn chinese_ev(extra: Value) -> Value {
    json!({"destination": "CA", "subdivision": "ON", "date": "2025-06-02", "currency": "CAD",
        "channel": "freight", "transport": "ocean", "incoterm": "DDP", "business_buyer": true,
        "origin": "CN", "ship_from": "CN",
        "lines": [{"id": "ev", "code": "8703.80", "quantity": "1", "unit_price": "40000.00",
            "duty_rate": "6.1%", "extra_duties": extra}]})
}

#[test]
fn a_chinese_electric_car_into_canada_lists_the_100_percent_surtax_china_surtax_order_2024_s3() {
    // China Surtax Order (2024), SOR/2024-187 s.3: goods of Schedule 1 that originate in China
    // "are subject to a surtax in the amount of 100% of the value for duty", in force 2024-10-01
    // (s.4). audit-j J4: the car was priced complete at duty 2,440 + GST 2,122.
    let q = quote(chinese_ev(json!([])));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial, "{:?}", l.reason);
    let surtax = unpriced(l, LevyKind::AdditionalDuty);
    assert!(surtax.contains("100 % of the value for duty") && surtax.contains("from CN"), "{surtax}");
    // The vehicle excise taxes of the Excise Tax Act Sch. I s.7-8 are listed too (rates not read).
    let excises: Vec<String> =
        l.levies.iter().filter(|v| v.kind == LevyKind::Excise).map(|v| v.name.as_str().to_string()).collect();
    // (The luxury tax of the Select Luxury Items Tax Act is listed too:
    // tests/golden/luxury_car_taxes.rs.)
    for name in ["Excise tax on automobile air conditioners", "Excise tax on fuel-inefficient vehicles (green levy)"] {
        assert!(excises.iter().any(|e| e == name), "{excises:?}");
    }
    assert!(!q.totals.complete && warned(&q, "W_VERIFY"));
    // The day before the Order, none of it.
    let mut before = chinese_ev(json!([]));
    before["date"] = json!("2024-09-30");
    let q = quote(before);
    assert!(q.lines[0].levies.iter().all(|v| v.kind != LevyKind::AdditionalDuty));
}

#[test]
fn the_callers_surtax_is_in_the_gst_base_excise_tax_act_s215_1() {
    // Excise Tax Act s.215(1): the value of imported goods for GST is the value for duty plus
    // "any duties and taxes" imposed on them under the Customs Tariff (its surtaxes among them).
    // 40,000 + duty 6.1 % = 2,440 + surtax 100 % = 40,000: GST 5 % x 82,440.00 = 4,122.00.
    let q = quote(chinese_ev(json!([
        {"name": "China surtax", "rate": "100%", "kind": "duty"},
        // One "0%" that says which of the car's three excises it settles (residue: an entry
        // naming none leaves each listed, the line partial).
        {"name": "Vehicle excise taxes", "rate": "0%", "kind": "excise",
         "answers": ["ca-ac-excise", "ca-green-levy", "ca-luxury-tax"]}
    ])));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert_eq!(levy(l, LevyKind::AdditionalDuty), d("40000.00"));
    assert_eq!(levy(l, LevyKind::Tax), d("4122.00"));
    assert_eq!(q.totals.landed, d("86562.00"));
}

#[test]
fn a_us_t_shirt_into_canada_lists_the_2025_surtax_until_it_was_repealed_sor_2025_66() {
    // United States Surtax Order (2025-1), SOR/2025-66 s.3(1): 25 % of the value for duty on the
    // scheduled goods of the United States, in force 2025-03-04 (s.4); most of it removed from
    // 2025-09-01. A CAD 150 T-shirt by courier (help.shippsy.com's scenario A: surtax 37.50):
    // the CUSMA courier relief remits the customs duty, not the surtax (CBSA D8-2-16).
    let tee = |date: &str, extra: Value| {
        quote(json!({"destination": "CA", "subdivision": "ON", "date": date, "currency": "CAD",
            "channel": "courier", "incoterm": "DDP", "origin": "US", "ship_from": "US",
            "lines": [{"id": "t", "code": "6109.10", "quantity": "1", "unit_price": "150.00",
                "extra_duties": extra}]}))
    };
    let q = tee("2025-06-02", json!([]));
    let listed = unpriced(&q.lines[0], LevyKind::AdditionalDuty);
    assert!(listed.contains("United States surtax (2025-1)") && listed.contains("25 %"), "{listed}");
    assert!(!q.totals.complete);
    // With the caller's 25 %: surtax 25 % x 150.00 = 37.50, HST 13 % x 187.50 = 24.38, together
    // 61.88, the broker's figures.
    let q = tee("2025-06-02", json!([{"name": "US surtax", "rate": "25%", "kind": "duty"}]));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    assert_eq!((q.totals.duty, q.totals.tax), (d("37.50"), d("24.38")));
    let q = tee("2025-09-01", json!([]));
    assert!(q.lines[0].levies.iter().all(|v| v.kind != LevyKind::AdditionalDuty));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
}

// fix-aa (session 19): findings of audit-y (findings/audit-y.md), each fixed at its source and
// tested here against the law it cites; the figures are checked by hand in the comments.

/// The line's levy of `kind` whose name says `name`.
fn named<'q>(q: &'q Quote, kind: LevyKind, name: &str) -> Option<&'q landed::quote::Levy> {
    q.lines[0].levies.iter().find(|l| l.kind == kind && l.name.as_str().contains(name))
}

/// A steel line of hot-rolled floor plate (7208.40.00, audit-y's `ca-st.json` / `de-st.json`).
fn plate(dest: &str, origin: &str, date: &str) -> Quote {
    let currency = match dest {
        "CA" => "CAD",
        "GB" => "GBP",
        _ => "EUR",
    };
    let mut req = json!({"destination": dest, "origin": origin, "ship_from": origin, "date": date,
        "currency": currency, "channel": "freight", "transport": "ocean", "incoterm": "DDP",
        "lines": [{"id": "s", "code": "7208.40.00", "quantity": "1", "unit_price": "10000.00", "duty_rate": "0%"}]});
    if dest == "CA" {
        req["subdivision"] = Value::from("ON");
    }
    quote(req)
}

/// Whether the line lists the over-quota measure `id` (its reason names the id to answer).
fn over_quota(q: &Quote, id: &str) -> bool {
    let reason = q.lines[0].reason.as_deref().unwrap_or_default();
    reason.contains(id) && reason.contains("over-quota duty may apply")
}

/// Y2. Quota measures on steel, whose quota state a request cannot show: the line lists "an
/// over-quota duty may apply", unpriced and partial. Canada, SOR/2025-148: 50 % surtax above the
/// quota from 2025-06-27 for countries without an FTA (India), from 2025-08-01 for FTA partners
/// too (the UK), never for the US or Mexico. EU, Implementing Reg. (EU) 2019/159: 25 % above the
/// quota 2019-02-02..2026-06-30, its successor 50 % from 2026-07-01 (as reported), the EEA exempt.
/// UK safeguard to 2026-06-30.
#[test]
fn steel_quota_measures_are_listed_over_quota_y2() {
    assert!(over_quota(&plate("CA", "IN", "2025-06-27"), "ca-steel-trq-surtax-2025-06"));
    assert!(plate("CA", "IN", "2025-06-26").totals.complete);
    let gb_early = plate("CA", "GB", "2025-06-27");
    assert!(!over_quota(&gb_early, "ca-steel-trq-surtax"), "{:?}", gb_early.lines[0].reason);
    let gb = plate("CA", "GB", "2025-08-01");
    assert!(over_quota(&gb, "ca-steel-trq-surtax"), "{:?}", gb.lines[0].reason);
    assert!(gb.lines[0].reason.as_deref().unwrap_or_default().contains("50 % of the value for duty above the quota"));
    assert_eq!(gb.lines[0].status, LineStatus::Partial);
    assert!(!over_quota(&plate("CA", "US", "2026-11-27"), "ca-steel-trq-surtax"));
    assert!(!over_quota(&plate("CA", "MX", "2026-11-27"), "ca-steel-trq-surtax"));
    assert!(over_quota(&plate("DE", "IN", "2026-06-30"), "eu-steel-safeguard-2019"));
    assert!(over_quota(&plate("DE", "IN", "2026-07-01"), "eu-steel-quota-2026"));
    assert!(!over_quota(&plate("DE", "NO", "2026-07-01"), "eu-steel-quota-2026"));
    assert!(over_quota(&plate("GB", "IN", "2026-06-30"), "gb-steel-safeguard"));
    assert!(!over_quota(&plate("GB", "IN", "2026-07-01"), "gb-steel-safeguard"));
}

/// Y9. Canada's China EV surtax (SOR/2024-187, 100 %) is still listed (the amending order is not
/// read), and its reason says that a 2026 quota of 49,000 vehicles at 6.1 % was announced.
#[test]
fn the_ca_ev_surtax_says_the_2026_quota_was_announced_y9() {
    let q = quote(json!({"destination": "CA", "subdivision": "ON", "origin": "CN", "ship_from": "CN",
        "date": "2026-11-27", "currency": "CAD", "channel": "freight", "transport": "ocean", "incoterm": "DDP",
        "lines": [{"id": "car", "code": "8703.80.00", "quantity": "1", "unit_price": "40000.00", "duty_rate": "6.1%"}]}));
    let reason = q.lines[0].reason.as_deref().unwrap_or_default();
    assert!(reason.contains("ca-china-ev-surtax") && reason.contains("49,000"), "{reason}");
}

/// audit-z Z1, Z3, Z4: the listings of today's measures no wider, and no narrower, than their law.
/// - Z1: the Section 232 pharmaceutical layer (proclamation of 2026-04-02: "patented
///   pharmaceuticals and associated pharmaceutical ingredients", as reported) is read onto a proxy
///   of headings (2933-2939, 2941, 3001-3004, 3006.30, 3006.60), not onto methanol (2905.11) or
///   first-aid kits (3006.50).
/// - Z3: after the UK steel safeguard's end (2026-06-30), what followed is not read: listed
///   (`gb-steel-after-safeguard`), not silent.
/// - Z4: the EU steel safeguard (Implementing Reg. (EU) 2019/159) was suspended for goods of
///   Ukraine from 2022-06-04 (Regulation (EU) 2022/870, the autonomous trade measures, as recalled
///   and reported): not listed on them from that day; listed the day before.
#[test]
fn todays_measures_are_listed_within_their_law_z1_z3_z4() {
    let chem = |code: &str| {
        quote(json!({"destination": "US", "origin": "KE", "ship_from": "KE", "date": "2026-11-27",
            "currency": "USD", "channel": "freight", "transport": "ocean", "entry_type": "formal",
            "incoterm": "DDP", "lines": [{"id": "c", "code": code, "quantity": "1", "unit_price": "5000"}]}))
    };
    for code in ["2905.11.20.10", "3006.50.00.00"] {
        assert!(named(&chem(code), LevyKind::AdditionalDuty, "pharmaceuticals").is_none(), "{code}");
    }
    assert!(named(&chem("3004.90.92.16"), LevyKind::AdditionalDuty, "pharmaceuticals").is_some());
    assert!(over_quota(&plate("GB", "IN", "2026-07-01"), "gb-steel-after-safeguard"));
    assert!(over_quota(&plate("DE", "UA", "2022-06-03"), "eu-steel-safeguard-2019-to-2022-06-03"));
    assert!(!over_quota(&plate("DE", "UA", "2022-06-04"), "eu-steel-safeguard-2019"));
    assert!(over_quota(&plate("DE", "IN", "2022-06-04"), "eu-steel-safeguard-2019"));
}

/// One line of `code` from `origin` into `dest`, worth `value` (audit-mm MM2).
fn one(dest: &str, origin: &str, code: &str, date: &str, value: &str) -> Quote {
    let currency = match dest {
        "US" => "USD",
        "GB" => "GBP",
        _ => "EUR",
    };
    quote(json!({"destination": dest, "date": date, "currency": currency, "origin": origin, "channel": "freight",
        "lines": [{"id": "a", "code": code, "quantity": "1", "unit_price": value, "weight_kg": "1000"}]}))
}

/// Measures audit-mm MM2 found silent: each line is listed unpriced, `partial`, never complete at
/// its tariff duty alone. EU: ceramic tableware (Council Implementing Regulation (EU) No 412/2013,
/// maintained by 2019/1198, 13.1-36.1 %) and steel fasteners (Implementing Regulation (EU)
/// 2022/191, from 2022-02-17, 22.1-86.5 %); GB: ceramic tableware (transitioned 2021-01-01,
/// maintained to 2029-07-16: TRA, GOV.UK 2025-11-25); US: antidumping orders A-570-890 (wooden
/// bedroom furniture) and A-570-831 (fresh garlic), the only US orders listed.
#[test]
fn ceramic_tableware_steel_fasteners_and_two_us_antidumping_orders_are_listed_not_silent_mm2() {
    for (dest, code, date, value, row) in [
        ("DE", "6912002310", "2026-03-02", "1000", "eu-ceramic-tableware-ad"),
        ("DE", "7318158200", "2026-03-02", "1000", "eu-steel-fasteners-ad"),
        ("GB", "6912002310", "2026-03-02", "1000", "gb-ceramic-tableware-ad"),
        ("US", "9403.50.9042", "2026-03-15", "10000", "us-wooden-bedroom-furniture-ad"),
        ("US", "0703.20.0090", "2026-03-15", "10000", "us-fresh-garlic-ad"),
    ] {
        let q = one(dest, "CN", code, date, value);
        assert_eq!(listed(&q), [format!("trade_remedies.tsv#{row}")], "{dest} {code}");
        assert_eq!(q.lines[0].status, LineStatus::Partial, "{dest} {code}");
        assert!(!q.totals.complete && warned(&q, "W_VERIFY"), "{dest} {code}");
        // Goods of another origin owe none of them.
        assert!(listed(&one(dest, "VN", code, date, value)).is_empty(), "{dest} {code}");
    }
    // The EU fasteners' measure starts 2022-02-17; the GB ceramic measure ends 2029-07-16.
    assert!(listed(&one("DE", "CN", "7318158200", "2022-02-16", "1000")).is_empty());
    assert!(listed(&one("GB", "CN", "6912002310", "2029-07-17", "1000")).is_empty());
}
