//! Sweeps and the caller's own duties: a `duty_rate` or an extra duty (anti-dumping,
//! countervailing, safeguard) is given for one destination, origin and code, and a sweep row that
//! changes one of them must not charge it as that row's law ([docs/rules.md](../docs/rules.md#sweeps)).

mod common;

use common::{d, engine, request};
use landed::request::QuoteRequest;
use landed::sweep::{sweep, SweepAxes, SweepRow};
use serde_json::json;

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Ten T-shirts at US$100 from China by sea, with an anti-dumping duty the caller knows of for
/// Chinese goods into the US (a made-up 50 %: the figure is the caller's, not ours).
fn tees_with_ad_duty() -> QuoteRequest {
    request(json!({"destination": "US", "origin": "CN", "ship_from": "CN", "date": "2026-11-26",
        "currency": "USD", "channel": "freight", "incoterm": "DDP", "transport": "ocean",
        "lines": [{"id": "a", "code": "6109.10.00", "quantity": "10", "unit_price": "100.00",
            "extra_duties": [{"name": "AD duty on CN goods", "rate": "50%"}]}]}))
}

fn row<'a>(rows: &'a [SweepRow], destination: &str, origin: &str) -> &'a SweepRow {
    rows.iter().find(|r| r.destination == destination && r.origin.as_deref() == Some(origin)).unwrap()
}

#[test]
fn another_destination_never_pays_the_callers_duties() {
    // An anti-dumping order is the importing country's own measure (19 U.S.C. 1673; in the EU
    // Regulation (EU) 2016/1036 art. 1 and 14): a US order is not due in Germany.
    // DE from CN, the same cart without the caller's duty: customs value 890.16 EUR (US$1,000
    // at the ECB rate), duty 12 % = 106.82 (CN 6109 10 00), VAT 19 % × 996.98 = 189.43,
    // landed 1,186.41 EUR, complete.
    let axes = SweepAxes { destinations: strs(&["US", "DE"]), ..Default::default() };
    let r = sweep(&engine(), &tees_with_ad_duty(), &axes).unwrap();
    let de = row(&r.rows, "DE", "CN");
    assert_eq!(de.landed, Some(d("1186.41")));
    assert!(de.complete);
    assert_eq!(de.duty, Some(d("106.82")));
    assert!(de.notes[0].contains("given for destination US, not charged for DE"), "{:?}", de.notes);
    // The request's own destination keeps the caller's duty, with no note.
    let us = row(&r.rows, "US", "CN");
    assert!(us.notes.is_empty());
    assert!(us.duty.unwrap() > d("500"), "the 50 % duty is charged in the US row: {:?}", us.duty);
}

#[test]
fn another_origin_leaves_the_callers_extra_duties_out_as_a_lower_bound() {
    // Anti-dumping and countervailing orders name their origins: whether the Chinese order's duty
    // applies to Vietnamese goods is not known, so the VN row leaves it out and is "at least",
    // never the cheapest complete row on that omission.
    let axes = SweepAxes { origins: strs(&["CN", "VN"]), ..Default::default() };
    let r = sweep(&engine(), &tees_with_ad_duty(), &axes).unwrap();
    let vn = row(&r.rows, "US", "VN");
    assert!(!vn.complete);
    assert!(vn.at_least);
    assert!(
        vn.notes[0].contains("given for origin CN; whether they apply to origin VN is not known"),
        "{:?}",
        vn.notes
    );
    let cn = row(&r.rows, "US", "CN");
    assert!(cn.notes.is_empty());
    assert!(cn.duty > vn.duty, "CN {:?} pays the caller's duty, VN {:?} does not", cn.duty, vn.duty);
    assert!(r.cheapest.as_ref().is_none_or(|c| c.origin.as_deref() != Some("VN")));
}

#[test]
fn another_code_does_not_take_the_callers_duty_rate() {
    // A laptop (8471 30 00 00, UK Global Tariff 0 %) priced in a code sweep of a request whose
    // T-shirt line carries duty_rate 32 %: the laptop row pays 0 % duty and VAT 20 % × 1,000.00
    // = 200.00, landed 1,200.00 GBP; the T-shirt row keeps the caller's 32 %.
    let base = request(json!({"destination": "GB", "origin": "CN", "ship_from": "CN", "date": "2026-11-26",
        "currency": "GBP", "channel": "courier", "incoterm": "DDP",
        "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "1000.00", "duty_rate": "32%"}]}));
    let axes = SweepAxes { codes: strs(&["6109100010", "8471300000"]), ..Default::default() };
    let r = sweep(&engine(), &base, &axes).unwrap();
    let laptop = r.rows.iter().find(|x| x.code == "8471300000").unwrap();
    assert_eq!(laptop.landed, Some(d("1200.00")));
    assert!(laptop.complete);
    assert!(laptop.notes[0].contains("duty_rate was given for code 6109100010"), "{:?}", laptop.notes);
    let tee = r.rows.iter().find(|x| x.code == "6109100010").unwrap();
    assert_eq!(tee.duty, Some(d("320.00")));
    assert!(tee.notes.is_empty());
    assert_eq!(r.cheapest.as_ref().map(|c| c.code.as_str()), Some("8471300000"));
    assert!(r.ties.is_empty(), "the codes are not tied: {:?}", r.ties);
}
