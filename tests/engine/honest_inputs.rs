//! Inputs the quote cannot use as given are never priced or ignored in silence (audit-d E1, E3,
//! E6, E7, D7): a free item's line is partial, an ignored input is `W_INPUT_UNUSED`, a subdivision
//! of a destination without any is refused, a reversed month range, a negative bill and an
//! informal entry above its limit are typed errors, and a catalogue's cells cannot run as
//! spreadsheet formulas.

use crate::common::{d, engine, fails_with, landed, quote, request, stdout, warned};
use landed::catalogue::{price_catalogue, CatalogueOptions};
use landed::date::Date;
use landed::error::ErrorCode;
use landed::invoice::Billed;
use landed::money::Currency;
use landed::quote::LineStatus;
use landed::request::{Channel, Incoterm};
use serde_json::json;

fn gb(line: serde_json::Value) -> serde_json::Value {
    json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP", "origin": "CN", "lines": [line]})
}

/// E1. 19 U.S.C. 1401a(b)-(f) (transaction value fails: the fallback methods), Reg. (EU)
/// 2015/2447 art. 144 and TCTA 2018 Sch. 4: goods supplied free still have a customs value. A
/// price of 0 is never a complete 0.00: the line is partial, naming unit_price; the rest of the
/// cart is priced.
#[test]
fn a_free_item_is_partial_never_a_complete_zero_19_usc_1401a() {
    let q = quote(json!({"destination": "US", "date": "2025-08-07", "currency": "USD", "channel": "courier",
        "incoterm": "DDP", "origin": "CN", "ship_from": "CN", "lines": [
            {"id": "free", "code": "6109.10.00", "quantity": "5", "unit_price": "0"},
            {"id": "paid", "code": "6109.10.00", "quantity": "1", "unit_price": "20.00"}]}));
    let free = &q.lines[0];
    assert_ne!(free.status, LineStatus::Priced);
    let why = free.reason.as_deref().unwrap_or_default();
    assert!(why.contains("value for customs") && why.contains("unit_price") && why.contains("1401a"), "{why}");
    assert_eq!(q.lines[1].status, LineStatus::Priced);
    assert!(!q.totals.complete);
    // The same in the UK (TCTA 2018 Sch. 4), and for a value that rounds to 0.00.
    let q = quote(gb(json!({"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "0.001"})));
    assert_ne!(q.lines[0].status, LineStatus::Priced);
    assert!(q.lines[0].reason.as_deref().unwrap_or_default().contains("TCTA 2018 Sch. 4"));
}

/// E3. A subdivision of a destination whose import taxes do not differ by subdivision is refused
/// (as Canada refuses one that is not its own), never accepted and ignored.
#[test]
fn a_subdivision_of_a_destination_without_subdivisions_is_refused() {
    let mut v = gb(json!({"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "12.50"}));
    v["subdivision"] = json!("ZZ");
    let e = engine().quote(&request(v)).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidField, Some("subdivision")));
    assert!(e.message.contains("leave it out"), "{}", e.message);
}

/// E3. An fx pair no conversion used, a metal_content_value no layer reads and code digits past
/// the longest national line (10) are each a W_INPUT_UNUSED naming the field.
#[test]
fn inputs_the_quote_did_not_use_are_each_named_w_input_unused() {
    let mut v = gb(
        json!({"id": "a", "code": "6109.10.00.10.1", "quantity": "1", "unit_price": "12.50", "metal_content_value": "1"}),
    );
    v["fx"] = json!({"JPY/EUR": "0.006"});
    let q = quote(v);
    let unused: Vec<&str> =
        q.warnings.iter().filter(|w| w.code == "W_INPUT_UNUSED").map(|w| w.message.as_str()).collect();
    assert!(unused.iter().any(|m| m.starts_with("fx.JPY/EUR:")), "{unused:?}");
    assert!(unused.iter().any(|m| m.starts_with("lines[0].metal_content_value:")), "{unused:?}");
    assert!(unused.iter().any(|m| m.starts_with("lines[0].code:") && m.contains("(1) matched nothing")), "{unused:?}");
    // Used inputs are not reported: a 10-digit code, a rate the quote converts with, the metal
    // content of a Section 232 steel article (chapter 73, on its steel content from 2025-06-04).
    let q = quote(json!({"destination": "US", "date": "2025-08-07", "currency": "EUR", "fx": {"EUR/USD": "1.10"},
        "channel": "freight", "transport": "ocean", "entry_type": "formal", "origin": "DE", "ship_from": "DE",
        "lines": [{"id": "a", "code": "7326.90.86.88", "quantity": "1", "unit_price": "1000", "metal_content_value": "400"}]}));
    assert!(!warned(&q, "W_INPUT_UNUSED"), "{:?}", q.warnings);
}

/// E6. A reversed `--months` range is E_DATE naming the field, never the request's own date in
/// its place; a negative billed amount is E_NEGATIVE_AMOUNT; repeated axis values are swept once.
#[test]
fn reversed_months_negative_bills_and_repeated_axis_values() {
    let dir = std::env::temp_dir().join(format!("landed-honest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cart = dir.join("lap.json");
    std::fs::write(
        &cart,
        r#"{"destination":"US","date":"2025-08-07","currency":"USD","channel":"freight","transport":"ocean","entry_type":"formal","incoterm":"DDP","origin":"CN","ship_from":"CN","lines":[{"id":"a","code":"8471.30.01","quantity":"1","unit_price":"1000.00"}]}"#,
    )
    .unwrap();
    let path = cart.to_str().unwrap();
    let err = fails_with(&landed(&["sweep", path, "--months", "2026-05:2026-01"], None), "E_DATE");
    assert!(err.contains("months") && err.contains("after"), "{err}");
    let err = fails_with(&landed(&["invoice", path, "--duty=-1"], None), "E_NEGATIVE_AMOUNT");
    assert!(err.contains("duty"), "{err}");
    let out = stdout(&landed(&["sweep", path, "--origin", "CN,CN,cn", "--json"], None));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["combinations"], json!(1), "{out}");
    // The library refuses a negative bill too.
    let req = request(serde_json::from_str(&std::fs::read_to_string(&cart).unwrap()).unwrap());
    let e =
        landed::invoice::check(&engine(), &req, &Billed { tax: Some(d("-0.01")), ..Billed::default() }).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::NegativeAmount, Some("tax")));
    std::fs::remove_dir_all(&dir).ok();
}

/// E7. OWASP "CSV Injection": a cell beginning with = + - @ (or a tab or CR) is written with a
/// leading ', a repeated SKU is refused as a cart refuses a repeated line id, and the matched
/// tariff line is filled even where the duty is relieved (GB, consignment of £135 or less).
#[test]
fn catalogue_cells_cannot_run_as_formulas_and_a_repeated_sku_is_refused() {
    let csv = "sku,code,price,origin\n=HYPERLINK(\"http://x\"),6109100010,12.50,CN\n+1,6109100010,12.50,CN\nA1,6109100010,12.50,CN\nA1,6109100010,13.50,CN\n";
    let options = CatalogueOptions {
        destinations: vec!["GB".into()],
        date: Date::parse("2026-11-26").unwrap(),
        currency: Some(Currency::parse("GBP").unwrap()),
        channel: Some(Channel::Courier),
        incoterm: Some(Incoterm::Ddp),
    };
    let mut out = Vec::new();
    price_catalogue(&engine(), csv.as_bytes(), &mut out, &options, &mut |_| {}).unwrap();
    let text = String::from_utf8(out).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[1].starts_with("\"'=HYPERLINK("), "{text}");
    assert!(rows[2].starts_with("'+1,"), "{text}");
    assert!(rows[3].starts_with("A1,GB,6109100010,61091000,"), "{text}");
    assert!(rows[4].contains(",error,") && rows[4].contains("E_DUPLICATE_LINE_ID"), "{text}");
    assert!(rows.iter().skip(1).all(|r| !r.starts_with('=') && !r.starts_with('+')), "{text}");
}

/// D7. 19 CFR 143.21(a): informal entry only for shipments of US$2,500 or less, so a caller's
/// informal entry above it is refused; a formal entry the caller chose below it says so.
#[test]
fn informal_entry_above_2500_usd_is_refused_and_a_chosen_formal_entry_says_so_19_cfr_143_21() {
    let us = |entry: &str, price: &str| {
        request(json!({"destination": "US", "date": "2026-03-02", "currency": "USD", "channel": "courier",
            "entry_type": entry, "incoterm": "DDP", "origin": "DE", "ship_from": "DE",
            "lines": [{"id": "a", "code": "6109.10.00", "quantity": "1", "unit_price": price}]}))
    };
    let e = engine().quote(&us("informal", "3000")).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidField, Some("entry_type")));
    assert!(e.message.contains("2500"), "{}", e.message);
    let q = engine().quote(&us("formal", "2000")).unwrap();
    let mpf = q.levies.iter().find(|l| l.name.to_string().starts_with("Merchandise")).unwrap();
    assert!(mpf.base_note.to_string().contains("chosen by the caller"), "{}", mpf.base_note);
    // Informal at or below the limit is priced as before.
    assert!(engine().quote(&us("informal", "2500")).is_ok());
}
