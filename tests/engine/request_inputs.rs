//! Request inputs read as they were checked: padded or lower-case codes, two answers for one
//! thing refused, nothing a levy reads a silent 0 (docs/rules.md, "The request").

use crate::common;
use crate::common::{engine, quote, request};
use landed::error::ErrorCode;
use landed::Quote;
use serde_json::{json, Value};

// fix-t1: audit-s's request-input findings (/work/findings/audit-s.md). An input is read as it
// was checked, two answers for one thing are refused, and nothing a levy reads is a silent 0
// (docs/rules.md, "The request").

/// The quote of `v` as JSON text (what a caller sees), for comparing two requests' answers.
fn answer(v: Value) -> String {
    serde_json::to_string(&quote(v)).expect("a quote serializes")
}

/// The error a request gets: its code, field and message.
fn refused(v: Value) -> (ErrorCode, String, String) {
    let e = match landed::request::from_json(&v.to_string()) {
        Err(e) => e,
        Ok(req) => engine().quote(&req).expect_err("refused"),
    };
    let e = e.into_fields();
    (e.code, e.field.unwrap_or_default(), e.message)
}

/// `base` with the member at `path` (`["lines", 0, "origin"]`) set to `value`.
fn with(base: &Value, path: &[Value], value: Value) -> Value {
    let mut v = base.clone();
    let mut at = &mut v;
    for step in path {
        at = match step {
            Value::String(k) => &mut at[k.as_str()],
            Value::Number(i) => &mut at[i.as_u64().unwrap() as usize],
            _ => unreachable!(),
        };
    }
    *at = value;
    v
}

/// US: 5 T-shirts 6109.10.00.12 at $12 and 2 mugs 6912.00.48 at $8, made in and shipped from
/// China, on 2026-03-02 (audit-s's base).
fn us_cart() -> Value {
    json!({"destination": "US", "date": "2026-03-02", "currency": "USD", "channel": "courier",
        "incoterm": "DDP", "origin": "CN", "ship_from": "CN", "shipping": "10.00", "lines": [
        {"id": "tee", "code": "6109.10.00.12", "quantity": "5", "unit_price": "12.00", "weight_kg": "1"},
        {"id": "mug", "code": "6912.00.48", "quantity": "2", "unit_price": "8.00"}]})
}

fn section_301(q: &Quote) -> bool {
    q.lines[0].levies.iter().any(|l| l.name.as_str().contains("301"))
}

#[test]
fn a_padded_or_lower_case_origin_is_priced_as_the_clean_code_section_301_and_column_2() {
    // Section 301 list 4A (84 Fed. Reg. 43304, 7.5 % on 6109.10.00) applies to goods of China;
    // column 2 (HTSUS General Note 3(b); 19 U.S.C. 4521, Russia from 2022-06-27) to goods of
    // Russia. A padded code was checked trimmed and compared untrimmed: both were dropped, the
    // quote complete (audit-s S1). Every spelling of the code gives the clean code's answer.
    let base = us_cart();
    let clean = answer(base.clone());
    assert!(section_301(&quote(base.clone())), "the clean cart bears Section 301");
    for padded in [" CN ", "CN ", "\tCN", "cn", " cN\n"] {
        assert_eq!(answer(with(&base, &[json!("origin")], json!(padded))), clean, "origin {padded:?}");
        let line = with(
            &with(&base, &[json!("origin")], Value::Null),
            &[json!("lines"), json!(0), json!("origin")],
            json!(padded),
        );
        let line = with(&line, &[json!("lines"), json!(1), json!("origin")], json!("CN"));
        let clean_line = with(&line, &[json!("lines"), json!(0), json!("origin")], json!("CN"));
        assert_eq!(answer(line), answer(clean_line), "lines[0].origin {padded:?}");
    }
    let russia = with(&base, &[json!("origin")], json!("RU"));
    let clean = answer(russia.clone());
    for padded in [" RU ", "ru", "Ru\t"] {
        assert_eq!(answer(with(&russia, &[json!("origin")], json!(padded))), clean, "origin {padded:?}");
    }
}

#[test]
fn a_padded_ship_from_keeps_the_cusma_courier_relief_canada() {
    // CUSMA courier low-value shipments from the US or Mexico (Courier Low Value Shipment
    // Program, CBSA D8-2-16; Customs Tariff s. 4 CUSMA): a padded `ship_from` "US" lost the relief.
    let base = json!({"destination": "CA", "subdivision": "ON", "date": "2026-03-02", "currency": "CAD",
        "origin": "CN", "ship_from": "US", "channel": "courier", "lines": [
        {"id": "tee", "code": "6109.10.00", "quantity": "1", "unit_price": "120.00", "duty_rate": "18%"}]});
    let clean = answer(base.clone());
    for padded in [" US ", "us", "US\t"] {
        assert_eq!(answer(with(&base, &[json!("ship_from")], json!(padded))), clean, "ship_from {padded:?}");
    }
    // The subdivision too: " on " is Ontario.
    for padded in [" ON ", "on", " On"] {
        assert_eq!(answer(with(&base, &[json!("subdivision")], json!(padded))), clean, "subdivision {padded:?}");
    }
}

#[test]
fn a_padded_destination_currency_or_fx_pair_is_the_clean_one() {
    // The UK cart of README's example, in US dollars at a caller's rate.
    let base = json!({"destination": "GB", "ship_from": "US", "origin": "US", "date": "2026-03-02",
        "currency": "USD", "channel": "courier", "incoterm": "DDP", "fx": {"USD/GBP": "0.79"}, "lines": [
        {"id": "tee", "code": "6109.10.00.10", "quantity": "24", "unit_price": "12.50", "weight_kg": "4.8"}]});
    let clean = answer(base.clone());
    for padded in [" GB ", "gb", "Gb\n"] {
        assert_eq!(answer(with(&base, &[json!("destination")], json!(padded))), clean, "destination {padded:?}");
    }
    for padded in [" USD ", "usd"] {
        assert_eq!(answer(with(&base, &[json!("currency")], json!(padded))), clean, "currency {padded:?}");
    }
    for key in [" USD/GBP", "usd/gbp", "USD/GBP "] {
        let v = with(&base, &[json!("fx")], json!({key: "0.79"}));
        assert_eq!(answer(v), clean, "fx key {key:?}");
    }
}

#[test]
fn a_claim_with_a_padded_origin_is_judged_on_the_clean_origin_usmca() {
    // USMCA (HTSUS General Note 11, "S"): goods of Mexico may claim it. " MX " was refused as
    // "goods of  MX cannot claim S".
    let base = json!({"destination": "US", "date": "2026-03-02", "currency": "USD", "origin": "MX",
        "ship_from": "MX", "claim": "S", "lines": [
        {"id": "tee", "code": "6109.10.00.12", "quantity": "5", "unit_price": "12.00"}]});
    let clean = answer(base.clone());
    assert_eq!(answer(with(&base, &[json!("origin")], json!(" mx "))), clean);
}

#[test]
fn a_request_built_in_code_is_read_as_a_decoded_one() {
    // A sweep's axis or a catalogue row builds the request in code, without decoding: the engine
    // reads its codes canonical too.
    let mut req = request(us_cart());
    req.origin = Some(" cn ".into());
    req.destination = " us".into();
    req.lines[1].origin = Some("cn\t".into());
    let mut canonical = req.clone();
    canonical.canonicalise();
    assert_eq!((canonical.origin.as_deref(), canonical.destination.as_str()), (Some("CN"), "US"));
    let padded = engine().quote(&req).unwrap();
    let mut clean_line = request(us_cart());
    clean_line.lines[1].origin = Some("CN".into());
    assert_eq!(
        serde_json::to_string(&padded).unwrap(),
        serde_json::to_string(&engine().quote(&clean_line).unwrap()).unwrap()
    );
    assert!(section_301(&padded));
    // An unknown code is still refused, naming the field.
    let (code, field, _) = refused(with(&us_cart(), &[json!("origin")], json!(" ZZ ")));
    assert_eq!((code, field.as_str()), (ErrorCode::Country, "origin"));
}

/// The UK cart of README's example in US dollars (a T-shirt, UK Global Tariff 6109100010).
fn gb_usd(fx: Value) -> Value {
    json!({"destination": "GB", "ship_from": "US", "origin": "US", "date": "2026-03-02", "currency": "USD",
        "channel": "courier", "incoterm": "DDP", "fx": fx, "lines": [
        {"id": "tee", "code": "6109.10.00.10", "quantity": "24", "unit_price": "12.50", "weight_kg": "4.8"}]})
}

#[test]
fn two_rates_for_one_currency_pair_are_refused_naming_both_keys() {
    // audit-s S2: USD/GBP 0.79 beside GBP/USD 2 used the inverted 2 (0.50) and called the 0.79
    // unused; usd/gbp 2 beside USD/GBP 0.79 was dropped without a word. One pair, two answers.
    for (fx, first, second) in [
        (json!({"USD/GBP": "0.79", "GBP/USD": "2"}), "GBP/USD", "USD/GBP"),
        (json!({"USD/GBP": "0.79", "usd/gbp": "2"}), "USD/GBP", "usd/gbp"),
        (json!({"USD/GBP": "0.79", " USD/GBP": "2"}), " USD/GBP", "USD/GBP"),
        // Nearly the inverse is still a second figure for one rate.
        (json!({"USD/GBP": "0.8", "GBP/USD": "1.25"}), "GBP/USD", "USD/GBP"),
    ] {
        let (code, field, message) = refused(gb_usd(fx));
        assert_eq!((code, field.as_str()), (ErrorCode::FxRate, format!("fx.{second}").as_str()), "{message}");
        assert!(message.contains(&format!("{first:?}")) && message.contains(&format!("{second:?}")), "{message}");
    }
    // The same pair written twice with the same rate says one thing.
    let once = answer(gb_usd(json!({"USD/GBP": "0.79"})));
    assert_eq!(answer(gb_usd(json!({"USD/GBP": "0.79", "usd/gbp": "0.79"}))), once);
    // A pair of one currency is 1.
    let (code, field, _) = refused(gb_usd(json!({"USD/GBP": "0.79", "GBP/GBP": "2"})));
    assert_eq!((code, field.as_str()), (ErrorCode::FxRate, "fx.GBP/GBP"));
}

/// US tomatoes 0702.00.20 (HTSUS: 3.9¢/kg), 10 at US$10, of Mexico, with `line` added to the line.
fn tomatoes(line: Value) -> Value {
    let mut l = json!({"id": "t", "code": "0702.00.20", "quantity": "10", "unit_price": "10"});
    for (k, v) in line.as_object().unwrap() {
        l[k] = v.clone();
    }
    json!({"destination": "US", "date": "2026-03-02", "currency": "USD", "origin": "MX", "ship_from": "MX",
        "channel": "courier", "incoterm": "DDP", "lines": [l]})
}

fn duty_formula(q: &Quote) -> String {
    let l = q.lines[0].levies.iter().find(|l| l.kind == landed::quote::LevyKind::Duty).expect("duty");
    l.formula.to_string()
}

#[test]
fn two_quantities_for_one_measure_are_refused_naming_both_keys() {
    // audit-s S2: {"kg": "100", "t": "3"} charged 3.9¢ × 3,000 kg = 117.00, the 100 kg dropped.
    for (units, first, second) in [
        (json!({"kg": "100", "t": "3"}), "kg", "t"),
        (json!({"kg": "100", "lb": "1000"}), "kg", "lb"),
        (json!({"KG": "200", "kg": "100"}), "KG", "kg"),
    ] {
        let (code, field, message) = refused(tomatoes(json!({"units": units})));
        assert_eq!((code, field.as_str()), (ErrorCode::InvalidField, format!("lines[0].units.{second}").as_str()));
        assert!(message.contains(&format!("\"{first}\"")) && message.contains(&format!("\"{second}\"")), "{message}");
    }
    // Two entries that agree in base units are one figure: 3.9¢/kg × 100 kg = 3.90.
    let q = quote(tomatoes(json!({"units": {"kg": "100", "g": "100000"}})));
    assert!(duty_formula(&q).contains("× 100 = 3.90"), "{}", duty_formula(&q));
}

#[test]
fn a_bare_number_as_a_callers_duty_rate_is_refused_asking_for_the_percent_sign() {
    // audit-s S3: "0.18" was read as 0.18 % (CA tee: 0.36 where 18 % gives 36.00), complete. The
    // grammar of docs/rules.md §6 has no bare number in a caller's rate; the UK files' dropped
    // percent sign is read in the tariffs' own texts only.
    let ca = |line: Value| {
        let mut l = json!({"id": "tee", "code": "6109.10.00", "quantity": "1", "unit_price": "200.00"});
        for (k, v) in line.as_object().unwrap() {
            l[k] = v.clone();
        }
        json!({"destination": "CA", "subdivision": "ON", "date": "2026-03-02", "currency": "CAD",
            "origin": "CN", "ship_from": "CN", "channel": "courier", "lines": [l]})
    };
    let (code, field, message) = refused(ca(json!({"duty_rate": "0.18"})));
    assert_eq!((code, field.as_str()), (ErrorCode::DutyExpression, "lines[0].duty_rate"));
    assert!(message.contains("\"0.18%\"") && message.contains("\"18%\""), "{message}");
    let (code, field, _) = refused(ca(json!({"duty_rate": "10% MIN 5"})));
    assert_eq!((code, field.as_str()), (ErrorCode::DutyExpression, "lines[0].duty_rate"));
    let (code, field, _) = refused(ca(json!({"duty_rate": "18%", "extra_duties": [{"name": "AD", "rate": "0.25"}]})));
    assert_eq!((code, field.as_str()), (ErrorCode::DutyExpression, "lines[0].extra_duties[0].rate"));
    // Written with its sign, the rate is read: 18 % × 200.00 = 36.00.
    let q = quote(ca(json!({"duty_rate": "18%"})));
    assert!(duty_formula(&q).contains("18% × 200") && duty_formula(&q).ends_with("= 36.00"), "{}", duty_formula(&q));
    // The tariffs' own texts still read a bare number as a percent (UK files drop the sign).
    assert_eq!(landed::duty::DutyExpr::parse("7.2").simple_percent(), Some(common::d("7.2")));
}

#[test]
fn a_zero_weight_or_volume_leaves_a_specific_duty_unpriced_never_a_complete_zero() {
    // audit-s S5: weight_kg 0 priced "3.9 cents/kg × 0 = 0.00", complete. A measure a duty is
    // charged per that is 0 is a missing figure (README: no silent 0).
    for line in [json!({"weight_kg": "0"}), json!({"units": {"kg": "0"}})] {
        let q = quote(tomatoes(line.clone()));
        let l = &q.lines[0];
        assert_ne!(l.status, landed::quote::LineStatus::Priced, "{line}");
        assert!(!q.totals.complete);
        let reason = l.reason.as_deref().unwrap_or_default();
        assert!(reason.contains("the quantity in kg is 0") && reason.contains("weight_kg"), "{reason}");
        let missing = serde_json::to_value(&l.missing).unwrap();
        assert!(missing.as_array().unwrap().iter().any(|m| m["missing"] == "zero_quantity"), "{missing}");
    }
    // A tiny weight is a real figure: its duty rounds to 0 and the line stays priced.
    let q = quote(tomatoes(json!({"weight_kg": "0.0000001"})));
    assert_eq!(q.lines[0].status, landed::quote::LineStatus::Priced);
    // EU wine 2204 21 09 (CN 2026: 32 EUR/hl) with volume_l 0: the duty is not priced either.
    let q = quote(json!({"destination": "DE", "date": "2026-03-02", "currency": "EUR", "origin": "US",
        "ship_from": "US", "channel": "freight", "transport": "road", "lines": [{"id": "w", "code": "2204210900",
        "quantity": "12", "unit_price": "10", "volume_l": "0", "alcohol_pct": "12"}]}));
    let duty = q.lines[0].levies.iter().find(|l| l.kind == landed::quote::LevyKind::Duty).expect("duty");
    assert_eq!(duty.amount, None, "{}", duty.formula);
}

#[test]
fn components_worth_more_than_the_goods_are_refused() {
    // audit-s S13: US watch 9102.11.10 at $180 with a case of 1,000 was charged "6% × 1,000
    // (case)", complete. A part is worth no more than the goods, nor are all of them together.
    let watch = |components: Value| {
        json!({"destination": "US", "date": "2026-03-02", "currency": "USD", "origin": "CH", "ship_from": "CH",
            "lines": [{"id": "w", "code": "9102.11.10", "quantity": "1", "unit_price": "180",
            "components": components}]})
    };
    let (code, field, message) = refused(watch(json!({"case": "1000"})));
    assert_eq!((code, field.as_str()), (ErrorCode::InvalidField, "lines[0].components.case"), "{message}");
    let (code, field, message) =
        refused(watch(json!({"case": "100", "strap_band_or_bracelet": "100", "battery": "1"})));
    assert_eq!(
        (code, field.as_str()),
        (ErrorCode::InvalidField, "lines[0].components.strap_band_or_bracelet"),
        "{message}"
    );
    assert!(message.contains("201"), "{message}");
    // Within the value: priced.
    quote(watch(json!({"case": "100", "strap_band_or_bracelet": "20", "battery": "1"})));
    // A retail value is not a part of the goods (the UK's tobacco duty is charged on the retail
    // price, above the import value): not refused.
    let mut v = watch(json!({"retail_price": "1000"}));
    v["destination"] = json!("GB");
    v["currency"] = json!("GBP");
    assert!(landed::request::from_json(&v.to_string()).is_ok());
}

// audit-n (session 15, fix-n): an unknown code under a low-value relief, the EU's EUR 150 duty
// relief before it existed, and the sweep's code axis as a what-if.

/// audit-n N7. US wine, HTSUS 2204.21.50: 6.3 cents/litre. A line that gives `volume_l` 9 and
/// `units {"l": "90"}` states two volumes; the duty took the second (6.3 ¢ × 90 = 5.67) with no
/// word. One measure given twice differently is a typed error naming the field.
#[test]
fn a_volume_given_twice_differently_is_a_typed_error() {
    let wine = |units_l: &str| {
        request(json!({"destination": "US", "origin": "FR", "ship_from": "FR", "date": "2026-11-26",
            "currency": "USD", "channel": "courier", "incoterm": "DDP",
            "lines": [{"id": "w", "code": "2204.21.50", "quantity": "12", "unit_price": "10",
                "volume_l": "9", "units": {"l": units_l}, "alcohol_pct": "13"}]}))
    };
    let e = engine().quote(&wine("90")).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("E_INVALID_FIELD", Some("lines[0].units.l")), "{e}");
    assert!(e.message.contains("volume_l is 9"), "{e}");
    assert!(engine().quote(&wine("9")).is_ok());
}

// fix-v: audit-s's bad-input residues (/work/findings/audit-s.md S3, S11, S13 and its "Not
// done"). The rule each test holds is the project's (README "Hardening"): bad input gets a typed
// error naming the field and the reason, never a silent default, a silent 0 or a dropped line,
// and no input is accepted and ignored in silence. Where a figure is cited, the law it follows
// is named beside it.

/// The reason of a line worth 0 cites the destination's valuation law, not the US's, the EU's
/// and the UK's for every destination (audit-s S13). Goods not sold have a customs value by the
/// methods after the transaction value: 19 U.S.C. 1401a(b)-(f) (US), Reg. (EU) 2015/2447 art. 144
/// (the EU), TCTA 2018 Sch. 4 (GB); Canada, Australia and Switzerland by the WTO Customs
/// Valuation Agreement their law implements (art. 1: the price of a sale; arts. 2-7 otherwise).
#[test]
fn a_zero_value_cites_the_destinations_valuation_law() {
    let reason = |dest: &str, currency: &str, code: &str| {
        let mut line = serde_json::json!({"id": "free", "code": code, "quantity": "1", "unit_price": "0"});
        if !matches!(dest, "US" | "GB" | "DE") {
            line["duty_rate"] = "5%".into();
        }
        let q = common::quote(serde_json::json!({"destination": dest, "date": "2026-03-02", "currency": currency,
            "origin": "CN", "ship_from": "CN", "channel": "courier", "incoterm": "DDP", "lines": [line]}));
        q.lines[0].reason.clone().expect("a line worth 0 is not priced complete")
    };
    let wto = "WTO Customs Valuation Agreement: art. 1 values a sale's price, arts. 2-7 goods not sold";
    for (dest, currency, code, law) in [
        ("US", "USD", "6109.10.00.12", "19 U.S.C. 1401a(b)-(f)"),
        ("DE", "EUR", "6109100010", "Reg. (EU) 2015/2447 art. 144"),
        ("GB", "GBP", "6109100010", "TCTA 2018 Sch. 4"),
        ("CA", "CAD", "6109.10", wto),
        ("AU", "AUD", "6109.10", wto),
        ("CH", "CHF", "6109.10", wto),
    ] {
        let r = reason(dest, currency, code);
        assert!(r.contains(&format!("still have a value for customs ({law})")), "{dest}: {r}");
        for foreign in ["1401a", "2015/2447", "TCTA"].iter().filter(|f| !law.contains(**f)) {
            assert!(!r.contains(foreign), "{dest} cites {foreign}: {r}");
        }
    }
}
