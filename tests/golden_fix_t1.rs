//! fix-t1: audit-s's request-input findings (/work/findings/audit-s.md). An input is read as it
//! was checked, two answers for one thing are refused, and nothing a levy reads is a silent 0
//! (docs/rules.md, "The request").

mod common;

use common::{engine, quote, request};
use landed::error::ErrorCode;
use landed::Quote;
use serde_json::{json, Value};

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
fn a_code_in_no_nomenclature_is_partial_where_the_snapshot_has_no_tariff_hs_2022() {
    // audit-s S4: CH, SG, CA and ZA priced 0000 and chapter 77 (reserved in the HS) complete. The
    // first six digits are checked in the HS 2022 nomenclature (WCO), as AU's relief path does.
    let one = |dest: &str, currency: &str, code: &str, duty_rate: Option<&str>| {
        let mut l = json!({"id": "x", "code": code, "quantity": "1", "unit_price": "1000"});
        if let Some(r) = duty_rate {
            l["duty_rate"] = json!(r);
        }
        json!({"destination": dest, "date": "2026-03-02", "currency": currency, "origin": "CN",
            "ship_from": "CN", "channel": "courier", "incoterm": "DDP", "lines": [l]})
    };
    for (dest, currency, rate) in
        [("CH", "CHF", None), ("SG", "SGD", None), ("CA", "CAD", Some("5%")), ("ZA", "ZAR", Some("5%"))]
    {
        for code in ["0000", "7700000000", "6109999999"] {
            let q = quote(one(dest, currency, code, rate));
            let reason = q.lines[0].reason.as_deref().unwrap_or_default();
            assert!(!q.totals.complete, "{dest} {code}");
            assert!(reason.contains("HS 2022 nomenclature"), "{dest} {code}: {reason}");
        }
        // A code of the nomenclature (HS 6109.10, T-shirts of cotton) is not refused.
        let q = quote(one(dest, currency, "6109100010", rate));
        let reason = q.lines[0].reason.as_deref().unwrap_or_default();
        assert!(!reason.contains("nomenclature"), "{dest}: {reason}");
    }
}

/// The `W_INPUT_UNUSED` messages of a quote.
fn unused(q: &Quote) -> Vec<String> {
    q.warnings.iter().filter(|w| w.code == "W_INPUT_UNUSED").map(|w| w.message.to_string()).collect()
}

#[test]
fn destination_specific_fields_sent_elsewhere_are_named_unused() {
    // audit-s S7: simplified_regime (Brazil's RTS), entry_type (the US's formal/informal entry,
    // 19 CFR 143.21) and seller_registered (a seller's scheme) sent where they mean nothing.
    let gb = |extra: Value| {
        let mut v = gb_usd(json!({"USD/GBP": "0.79"}));
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        v
    };
    let q = quote(gb(json!({"simplified_regime": "rts", "entry_type": "formal"})));
    let u = unused(&q);
    assert!(u.iter().any(|m| m.contains("simplified_regime")), "{u:?}");
    assert!(u.iter().any(|m| m.contains("entry_type")), "{u:?}");
    // `tariff` (Japan's simplified tariff) is said by the tariff note (docs/rules.md §12).
    let q = quote(gb(json!({"tariff": "general"})));
    assert!(q.warnings.iter().any(|w| w.message.to_string().contains("has no effect")), "{:?}", q.warnings);
    // The UK's VAT at sale for consignments of £135 or less depends on the seller: used there.
    assert!(!unused(&quote(gb(json!({"seller_registered": true})))).iter().any(|m| m.contains("seller_registered")));
    // The US has no seller scheme: named.
    let mut us = us_cart();
    us["seller_registered"] = json!(true);
    assert!(unused(&quote(us)).iter().any(|m| m.contains("seller_registered")));
    // entry_type decides the US merchandise processing fee: used.
    let mut us = us_cart();
    us["entry_type"] = json!("formal");
    assert!(!unused(&quote(us)).iter().any(|m| m.contains("entry_type")));
    // A courier or freight consignment sent by post: a contradiction. (Mail by air or by sea,
    // surface mail, is a postal consignment: `channel: "post"` takes any transport.)
    for (channel, transport) in [(json!("freight"), "post"), (json!("courier"), "post"), (Value::Null, "post")] {
        let mut v = gb(json!({"transport": transport}));
        match &channel {
            Value::Null => drop(v.as_object_mut().unwrap().remove("channel")),
            c => v["channel"] = c.clone(),
        }
        let (code, field, message) = refused(v);
        assert_eq!((code, field.as_str()), (ErrorCode::InvalidField, "transport"), "{channel} {transport}: {message}");
    }
    let mut v = gb(json!({"transport": "post"}));
    v["channel"] = json!("post");
    quote(v);
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
