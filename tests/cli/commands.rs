//! The `landed` command: outputs, and typed errors on bad input (never a panic).

use crate::common::{fails_with, json, landed, stdout};

#[test]
fn eval_issue_example_json() {
    let out = landed(
        &["eval", "0.7 cents/kg + 10%", "--value", "500", "--currency", "USD", "--qty", "45.359237kg", "--json"],
        None,
    );
    let v = json(&out);
    assert_eq!(v["amount"], "50.32");
    assert_eq!(v["currency"], "USD");
    assert_eq!(v["priceable"], true);
    assert!(v["formula"].as_str().unwrap().ends_with("= 50.32"));
}

#[test]
fn eval_reports_what_is_missing() {
    let v = json(&landed(&["eval", "0.7 cents/kg + 10%", "--value", "500", "--json"], None));
    assert_eq!(v["priceable"], false);
    assert!(v["amount"].is_null());
    assert_eq!(v["partial_amount"], "50.00");
    assert_eq!(v["missing"][0]["measure"], "kg");
}

#[test]
fn eval_foreign_currency_and_season() {
    let v = json(&landed(
        &["eval", "8.3% + 44.2 EUR / 100 kg", "--value", "1000", "--qty", "250kg", "--fx", "EUR=1.08", "--json"],
        None,
    ));
    // 83.00 + 110.50 × 1.08 = 83.00 + 119.34 = 202.34
    assert_eq!(v["amount"], "202.34");
    let v = json(&landed(
        &["eval", "8% (01 JAN-14 FEB), 12% (15 FEB-31 MAY)", "--value", "100", "--date", "2026-03-01", "--json"],
        None,
    ));
    assert_eq!(v["amount"], "12.00");
}

#[test]
fn eval_bad_input_is_typed() {
    fails_with(&landed(&["eval", "10%", "--value", "-5"], None), "E_NEGATIVE_PRICE");
    fails_with(&landed(&["eval", "10%", "--value", "5", "--qty", "3 furlongs"], None), "E_UNKNOWN_UNIT");
    fails_with(&landed(&["eval", "10%", "--value", "abc"], None), "E_AMOUNT");
    fails_with(&landed(&["eval", "10%", "--value", "5", "--currency", "XXQ"], None), "E_CURRENCY");
    fails_with(&landed(&["eval", "10%", "--value", "5", "--date", "2026-02-30"], None), "E_DATE");
    // audit-kk KK51: a stray `%` was dropped (100.00), `/ 0` asked for the value of a component "0".
    for text in ["10%%", "10 % %", "10% / 0"] {
        let err = fails_with(&landed(&["eval", text, "--value", "1000"], None), "E_DUTY_EXPRESSION");
        assert!(err.contains("is not a duty expression"), "{text}: {err}");
    }
}

const CART: &str = r#"{
  "destination": "CH", "date": "2026-03-02", "currency": "CHF",
  "shipping": "10.00",
  "lines": [
    { "id": "a", "code": "6109.10.00.10", "quantity": "1", "unit_price": "10.00", "duty_rate": "12%" },
    { "id": "b", "code": "6109.10.00.10", "quantity": "1", "unit_price": "10.00", "duty_rate": "12%" },
    { "id": "c", "code": "0406.90", "quantity": "1", "unit_price": "10.00" }
  ]
}"#;

#[test]
fn quote_prices_what_it_can_and_names_what_it_cannot() {
    let v = json(&landed(&["quote", "-"], Some(CART)));
    let lines = v["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 3, "no line is dropped");
    // Shipping 10.00 over three equal lines: 3.34 + 3.33 + 3.33, exactly.
    assert_eq!(lines[0]["shipping"], "3.34");
    assert_eq!(lines[1]["shipping"], "3.33");
    assert_eq!(lines[2]["shipping"], "3.33");
    assert_eq!(lines[0]["status"], "priced");
    // 12 % × 13.34 = 1.6008 → 1.60
    assert_eq!(lines[0]["levies"][0]["amount"], "1.60");
    // No duty rate for cheese (agricultural goods keep their Swiss duties; industrial goods such
    // as lines a and b are duty-free from 2024-01-01, duty_free.tsv#ch-industrial-free, but the
    // caller's rate is used): the line says so, and its VAT is only a lower bound (VAT is on
    // value + duty).
    assert_eq!(lines[2]["status"], "partial");
    assert!(lines[2]["reason"].as_str().unwrap().contains("supply duty_rate"), "{}", lines[2]["reason"]);
    assert!(lines[2]["levies"][0]["amount"].is_null());
    assert_eq!(v["totals"]["complete"], false);
    assert_eq!(v["totals"]["duty"], "3.20");
}

#[test]
fn quote_table_format() {
    let out = landed(&["quote", "-", "--format", "table"], Some(CART));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("partial"), "{text}");
    assert!(text.contains("landed"), "{text}");
}

#[test]
fn quote_bad_input_is_typed() {
    let bad = |from: &str, to: &str| CART.replacen(from, to, 1);
    fails_with(&landed(&["quote", "-"], Some("{ not json")), "E_JSON");
    fails_with(
        &landed(&["quote", "-"], Some(&bad(r#""unit_price": "10.00""#, r#""unit_price": "-1""#))),
        "E_NEGATIVE_PRICE",
    );
    let err = fails_with(&landed(&["quote", "-"], Some(&bad("6109.10.00.10", "61O9"))), "E_HS_CODE");
    assert!(err.contains("lines[0].code"), "{err}");
    let err = fails_with(&landed(&["quote", "-"], Some(&bad(r#""currency": "CHF","#, ""))), "E_MISSING_FIELD");
    assert!(err.contains("currency"), "{err}");
    fails_with(&landed(&["quote", "-"], Some(&bad(r#""id": "b""#, r#""id": "a""#))), "E_DUPLICATE_LINE_ID");
    fails_with(&landed(&["quote", "-"], Some(&bad(r#""12%""#, r#""twelve""#))), "E_DUTY_EXPRESSION");
    fails_with(&landed(&["quote", "missing-file.json"], None), "E_IO");
    let empty = r#"{"destination":"CH","date":"2026-03-02","currency":"GBP","lines":[]}"#;
    fails_with(&landed(&["quote", "-"], Some(empty)), "E_EMPTY_CART");
    let units = bad(r#""duty_rate": "12%""#, r#""units": {"furlong": "3"}"#);
    fails_with(&landed(&["quote", "-"], Some(&units)), "E_UNKNOWN_UNIT");
}

#[test]
fn rate_json_has_the_contract_fields() {
    let v = json(&landed(&["rate", "US", "6404.11.20", "--date", "2026-03-01", "--json"], None));
    for field in [
        "destination",
        "code",
        "matched_code",
        "description",
        "duty_text",
        "expression",
        "column",
        "valid_from",
        "source",
        "snapshot_id",
    ] {
        assert!(!v[field].is_null(), "{field} in {v}");
    }
    // Present, and null while the line is in force until a later revision (the last HTS
    // revision's rows are open-ended).
    assert!(v.as_object().unwrap().contains_key("valid_to"), "valid_to in {v}");
    // HTS 2026 revision 3, in force from 2026-02-12 (the 2025 database printed "10.50%").
    assert_eq!(v["duty_text"], "10.5%");
    assert_eq!(v["source"]["vintage"], "2026-02-12");
    let v = json(&landed(&["rate", "GB", "6109100010", "--date", "2026-03-01", "--json"], None));
    assert_eq!((v["matched_code"].as_str(), v["duty_text"].as_str()), (Some("61091000"), Some("12.0%")));
    let v = json(&landed(&["rate", "DE", "22042109", "--date", "2026-03-01", "--json"], None));
    assert_eq!(v["duty_text"], "32.00 EUR / hl");
    let v = json(&landed(&["rate", "GB", "6109", "--date", "2026-03-01", "--json"], None));
    assert_eq!(v["lines"].as_array().unwrap().len(), 3);
    assert_eq!((v["min"].as_str(), v["max"].as_str()), (Some("12%"), Some("12%")));
    fails_with(&landed(&["rate", "GB", "61093", "--date", "2026-03-01"], None), "E_UNKNOWN_CODE");
}

#[test]
fn search_and_snapshot_info() {
    let v = json(&landed(&["search", "cotton t-shirt", "--dest", "GB", "--json"], None));
    assert_eq!(v["candidates"][0]["code"], "61091000");
    let v = json(&landed(&["snapshot", "info"], None));
    assert!(v["snapshot_id"].as_str().unwrap().starts_with("sha256:"));
    assert_eq!(v["tables"].as_array().unwrap().len(), 5);
    // Issue 11: `landed snapshot info --json` lists each dataset with its vintage; the ages are
    // on `--date` (today when left out).
    let v = json(&landed(&["snapshot", "info", "--json", "--date", "2026-11-10"], None));
    let vintage = |id: &str| {
        let d = v["datasets"].as_array().unwrap().iter().find(|d| d["id"] == id);
        d.unwrap_or_else(|| panic!("{id} listed"))["vintage"].as_str().unwrap().to_string()
    };
    assert_eq!(vintage("usitc-hts-2026-rev10"), "2026-06-08");
    assert_eq!(vintage("hmrc-fx-monthly-xml"), "2026-11");
    assert_eq!(vintage("ecb-eurofxref-2026-10-30"), "2026-10-30");
    assert_eq!(vintage("japan-customs-2026-07-09"), "2026-07-09");
    assert_eq!(vintage("unsd-hs2022-hs2017"), "2024-04-18");
    let hmrc = v["datasets"].as_array().unwrap().iter().find(|d| d["id"] == "hmrc-fx-monthly-xml").unwrap();
    assert_eq!(hmrc["age_days"], 9, "2026-11-01 to 2026-11-10");
}

#[test]
fn countries_lists_coverage_with_sources() {
    let v = json(&landed(&["countries", "--json", "--date", "2026-03-02"], None));
    let countries = v["countries"].as_array().unwrap();
    for code in ["US", "GB", "DE", "FR", "CA", "AU", "CH", "JP", "BR"] {
        let c = countries.iter().find(|c| c["country"] == code).unwrap_or_else(|| panic!("{code} listed"));
        assert!(c["value_basis"]["source"].as_str().is_some_and(|s| !s.is_empty()), "{code}");
    }
    let gb = countries.iter().find(|c| c["country"] == "GB").unwrap();
    assert_eq!(gb["vat"]["standard"], "20%");
    assert_eq!(gb["tariff"]["vintage"], "2021-01-27");
}

/// Issue 12's audit cart (ten US$10 T-shirts by courier, US$20 shipping), of Kenya, none of the
/// economies of the Section 301 duties of 2026-07-24 (listed unpriced, audit-i I1): the FY2027
/// informal MPF is not priced from 2026-10-01 (its figure is from secondary sources only:
/// tariffs/rules/fees.tsv; docs/rules.md#18).
const US_TEES: &str = r#"{"destination":"US","date":"2026-09-30","currency":"USD","channel":"courier","incoterm":"DDP",
  "shipping":"20","lines":[{"id":"tee","code":"6109.10.00.12","quantity":"10","unit_price":"10","origin":"KE"}]}"#;

#[test]
fn invoice_against_a_duty_with_no_rate_says_not_known_never_expected_0() {
    // audit-kk KK50: no CA tariff in the snapshot, so the line's duty has no rate; the check
    // said "duty: billed 90 expected 0 (+90)", exact, and blamed the classification.
    let cart = r#"{"destination":"CA","currency":"CAD","date":"2026-03-02","origin":"CN",
        "lines":[{"id":"a","code":"6109100010","quantity":"10","unit_price":"50"}]}"#;
    let v = json(&landed(&["invoice", "-", "--duty", "90", "--tax", "30", "--json"], Some(cart)));
    let duty = &v["differences"][0];
    assert_eq!((duty["item"].as_str(), duty["expected_is"].as_str()), (Some("duty"), Some("unknown")));
    assert!(duty.get("expected").is_none() && duty.get("difference").is_none(), "{duty}");
    assert!(duty["unpriced"][0].as_str().unwrap().contains("no CA tariff"), "{duty}");
    assert!(!duty["likely_causes"][0].as_str().unwrap().contains("classification"), "{duty}");
    assert_eq!(
        (v["overcharge_is"].as_str(), v["differences"][1]["expected_is"].as_str()),
        (Some("at_most"), Some("at_least"))
    );
    let text = stdout(&landed(&["invoice", "-", "--duty", "90"], Some(cart)));
    assert!(text.contains("duty: billed 90 expected not known"), "{text}");
    // The GST base does not write the unknown duty as 0.
    let q = json(&landed(&["quote", "-"], Some(cart)));
    assert_eq!(q["lines"][0]["levies"][0]["base_note"], "value for duty 500.00 + duty (not priced)");
}

#[test]
fn what_if_json_says_which_figures_are_bounds() {
    // diff: the later quote is incomplete, so the change of -2.69 (FY2026's MPF) is a lower bound.
    let v = json(&landed(&["diff", "-", "--from", "2026-09-30", "--to", "2026-10-01", "--json"], Some(US_TEES)));
    assert_eq!((v["landed_delta"].as_str(), v["landed_delta_is"].as_str()), (Some("-2.69"), Some("at_least")));
    assert_eq!(v["changes"][0]["delta_is"], "at_least");
    assert!(v["unpriced"][0].as_str().unwrap().starts_with("2026-10-01: shipment: Merchandise Processing Fee"));
    // invoice: billing the old MPF on 2026-11-26 is at most an overcharge of 2.69, never one.
    let nov = US_TEES.replace("2026-09-30", "2026-11-26");
    let quote = json(&landed(&["quote", "-"], Some(&nov)));
    let duty = quote["totals"]["duty"].as_str().unwrap().to_string();
    let v = json(&landed(&["invoice", "-", "--duty", &duty, "--fees", "2.69", "--json"], Some(&nov)));
    assert_eq!((v["overcharge"].as_str(), v["overcharge_is"].as_str()), (Some("2.69"), Some("at_most")));
    assert_eq!(
        (v["differences"][0]["item"].as_str(), v["differences"][0]["expected_is"].as_str()),
        (Some("fees"), Some("unknown"))
    );
    assert!(v["differences"][0]["unpriced"][0].as_str().unwrap().contains("Merchandise Processing Fee"));
    // sweep: two FY2026 dates cost the same, a tie rather than a saving of 0.00.
    let v = json(&landed(&["sweep", "-", "--date", "2026-08-01,2026-09-01", "--json"], Some(US_TEES)));
    assert!(v.get("savings").is_none(), "{v}");
    assert_eq!(v["ties"][0]["axis"], "date");
    assert_eq!(v["ties"][0]["same_as"], "2026-09-01");
}
