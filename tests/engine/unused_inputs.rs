//! No input is ignored in silence: an input no rule reads is `W_INPUT_UNUSED`, one a levy reads
//! (or would read) is not (README "Hardening").

mod weight_fuel_and_business_buyer;

use crate::common;
use crate::common::{d, engine, quote};
use landed::error::ErrorCode;
use landed::quote::LevyKind;
use landed::Quote;
use serde_json::{json, Value};

// Session 16's residue: no caller figure settles a row it does not name, no input ignored in
// silence (docs/rules.md §21, §22; audit-n N7).

/// The `W_INPUT_UNUSED` messages of a quote.
fn unused(q: &Quote) -> Vec<String> {
    q.warnings.iter().filter(|w| w.code == "W_INPUT_UNUSED").map(|w| w.message.to_string()).collect()
}

#[test]
fn a_t_shirts_litres_pairs_and_strength_are_named_unused_readme_no_input_ignored_in_silence() {
    // audit-n N7 (`un.json`): a cotton T-shirt into the UK, 12 % (UK Global Tariff 6109100010),
    // with litres, pairs and a strength that no levy of the line reads. README: "No input is
    // accepted and ignored in silence": each is named.
    let q = quote(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP", "origin": "CN",
        "lines": [{"id": "tee", "code": "6109100010", "quantity": "3", "unit_price": "100.00",
            "units": {"l": "5", "pair": "3"}, "alcohol_pct": "40", "volume_l": "5"}]}));
    let unused = unused(&q);
    for field in ["lines[0].units.l", "lines[0].units.pair", "lines[0].alcohol_pct", "lines[0].volume_l"] {
        assert!(unused.iter().any(|w| w.starts_with(field)), "{field}: {unused:?}");
    }
    assert_eq!(unused.len(), 4, "{unused:?}");
}

#[test]
fn litres_and_strength_a_caller_excise_reads_are_used_alcoholic_liquor_duties_act_1979() {
    // The README's example: Alcohol Duty of 29.54 GBP per litre of alcohol (the caller's excise)
    // on 6 bottles of 0.75 l at 40 %: 4.5 l × 40 % = 1.8 l alc × 29.54 = 53.17. The volume and
    // the strength are read (the litres of alcohol are worked out from them): no W_INPUT_UNUSED.
    let q = quote(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP", "origin": "US",
        "lines": [{"id": "w", "code": "2208300000", "quantity": "6", "unit_price": "20.00", "duty_rate": "0%",
            "volume_l": "4.5", "alcohol_pct": "40",
            "extra_duties": [{"name": "Alcohol Duty", "rate": "29.54 GBP/l alc", "kind": "excise"}]}]}));
    let excise = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Excise && l.amount.is_some()).unwrap();
    assert_eq!(excise.amount, Some(d("53.17")));
    assert!(unused(&q).is_empty(), "{:?}", unused(&q));
    // Given as litres of alcohol, the strength is not read: named.
    let q = quote(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP", "origin": "US",
        "lines": [{"id": "w", "code": "2208300000", "quantity": "6", "unit_price": "20.00", "duty_rate": "0%",
            "units": {"l_alc": "1.8"}, "alcohol_pct": "40",
            "extra_duties": [{"name": "Alcohol Duty", "rate": "29.54 GBP/l alc", "kind": "excise"}]}]}));
    assert_eq!(q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Excise).unwrap().amount, Some(d("53.17")));
    let unused = unused(&q);
    assert_eq!(unused.len(), 1, "{unused:?}");
    assert!(unused[0].starts_with("lines[0].alcohol_pct"), "{unused:?}");
}

#[test]
fn us_wine_litres_are_read_by_its_duty_and_two_figures_for_them_are_refused_htsus_2204_21_50() {
    // HTSUS 2204.21.50: 6.3¢/liter. 9 litres: 0.063 × 9 = 0.57, and the volume is used.
    let wine = |extra: Value| {
        let mut line = json!({"id": "w", "code": "2204.21.50", "quantity": "12", "unit_price": "10.00"});
        if let (Some(l), Some(e)) = (line.as_object_mut(), extra.as_object()) {
            l.extend(e.clone());
        }
        common::request(json!({"destination": "US", "date": "2026-03-02", "currency": "USD", "origin": "FR",
            "channel": "freight", "transport": "ocean", "incoterm": "DDP", "lines": [line]}))
    };
    let q = common::engine().quote(&wine(json!({"volume_l": "9"}))).expect("quote");
    assert!(q.lines[0].levies.iter().any(|l| l.amount == Some(d("0.57"))), "{:?}", q.lines[0].levies);
    assert!(unused(&q).is_empty(), "{:?}", unused(&q));
    // audit-n N7 (`wu.json`): volume_l 9 and units {"l": "90"} are two figures for one measure:
    // refused, never the second charged in silence (session 15).
    let e = common::engine().quote(&wine(json!({"volume_l": "9", "units": {"l": "90"}}))).expect_err("two figures");
    assert!(e.message.contains("volume_l is 9"), "{e}");
}

#[test]
fn litres_given_for_an_excise_our_data_cannot_price_are_unused_and_say_what_would_read_them() {
    // Spirits into Germany (Alkoholsteuergesetz § 2: EUR 1,303 per hl of pure alcohol; our data
    // has no rate, so the excise is listed without an amount): the volume and strength are read
    // by no levy priced. Named, with what would read them: the listed excise, by its row, given a
    // rate per litre (of alcohol) by the caller; not called unused (fix-r,
    // `litres_a_listed_excise_would_read_are_not_called_unused_finance_no_2_act_2023`).
    let q = quote(json!({"destination": "DE", "date": "2026-03-02", "currency": "EUR", "channel": "freight",
        "origin": "US", "lines": [{"id": "w", "code": "2208301100", "quantity": "6", "unit_price": "20.00",
            "volume_l": "4.5", "alcohol_pct": "40"}]}));
    assert!(
        q.lines[0].levies.iter().any(|l| l.kind == LevyKind::Excise && l.amount.is_none()),
        "{:?}",
        q.lines[0].levies
    );
    let unused = unused(&q);
    assert_eq!(unused.len(), 2, "{unused:?}");
    assert!(
        unused
            .iter()
            .all(|w| w.contains("(excise.tsv#eu-alcohol-excise) is listed without a rate, and a rate per litre")
                && w.contains("would read the value")
                && !w.contains("not used")),
        "{unused:?}"
    );
}

// fix-r: residues session 16 left (/work/note16.md, "Not done, found and left"), each decided
// from the text named beside it.

// 5. An input a listed levy would read is not called unused.

/// Finance (No. 2) Act 2023 Part 2: Alcohol Duty on alcoholic products of more than 1.2 % abv,
/// charged per litre of alcohol (`excise.tsv#gb-alcohol-duty`, listed without a rate: the
/// README's example answers it with "29.54 GBP/l alc"). Whisky 2208.30 at a 0 % customs duty with
/// its volume and strength and no answer: no levy priced on the line reads them, but the Alcohol
/// Duty listed without a rate would, once given per litre: the warning names it and does not say
/// the values were not used (it said "so the value was not used" before its hint).
#[test]
fn litres_a_listed_excise_would_read_are_not_called_unused_finance_no_2_act_2023() {
    let q = quote(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP", "origin": "US",
        "lines": [{"id": "w", "code": "2208300000", "quantity": "6", "unit_price": "20.00", "duty_rate": "0%",
            "volume_l": "4.5", "alcohol_pct": "40"}]}));
    let unused: Vec<String> =
        q.warnings.iter().filter(|w| w.code == "W_INPUT_UNUSED").map(|w| w.message.to_string()).collect();
    assert_eq!(unused.len(), 2, "{unused:?}");
    for (field, per) in
        [("lines[0].volume_l", "per litre given"), ("lines[0].alcohol_pct", "per litre of pure alcohol given")]
    {
        let w = unused.iter().find(|w| w.starts_with(field)).unwrap_or_else(|| panic!("{field}: {unused:?}"));
        assert!(w.contains("no levy priced on this line is charged per litre"), "{w}");
        assert!(w.contains("Alcohol Duty (excise.tsv#gb-alcohol-duty) is listed without a rate"), "{w}");
        assert!(w.contains(per) && w.contains("would read the value"), "{w}");
        assert!(!w.contains("not used"), "{w}");
    }
    // A line without a listed levy keeps "not used" (a T-shirt's litres,
    // `a_t_shirts_litres_pairs_and_strength_are_named_unused_readme_no_input_ignored_in_silence`).
    let q = quote(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP", "origin": "CN",
        "lines": [{"id": "tee", "code": "6109100010", "quantity": "3", "unit_price": "100.00", "volume_l": "5"}]}));
    let w = q.warnings.iter().find(|w| w.code == "W_INPUT_UNUSED").expect("named").message.to_string();
    assert!(w.contains("no levy of this line is charged per litre") && w.contains("so the value was not used"), "{w}");
}

// fix-t1: audit-s's request-input findings (/work/findings/audit-s.md). An input is read as it
// was checked, two answers for one thing are refused, and nothing a levy reads is a silent 0
// (docs/rules.md, "The request").

/// The error a request gets: its code, field and message.
fn refused(v: Value) -> (ErrorCode, String, String) {
    let e = match landed::request::from_json(&v.to_string()) {
        Err(e) => e,
        Ok(req) => engine().quote(&req).expect_err("refused"),
    };
    let e = e.into_fields();
    (e.code, e.field.unwrap_or_default(), e.message)
}

/// US: 5 T-shirts 6109.10.00.12 at $12 and 2 mugs 6912.00.48 at $8, made in and shipped from
/// China, on 2026-03-02 (audit-s's base).
fn us_cart() -> Value {
    json!({"destination": "US", "date": "2026-03-02", "currency": "USD", "channel": "courier",
        "incoterm": "DDP", "origin": "CN", "ship_from": "CN", "shipping": "10.00", "lines": [
        {"id": "tee", "code": "6109.10.00.12", "quantity": "5", "unit_price": "12.00", "weight_kg": "1"},
        {"id": "mug", "code": "6912.00.48", "quantity": "2", "unit_price": "8.00"}]})
}

/// The UK cart of README's example in US dollars (a T-shirt, UK Global Tariff 6109100010).
fn gb_usd(fx: Value) -> Value {
    json!({"destination": "GB", "ship_from": "US", "origin": "US", "date": "2026-03-02", "currency": "USD",
        "channel": "courier", "incoterm": "DDP", "fx": fx, "lines": [
        {"id": "tee", "code": "6109.10.00.10", "quantity": "24", "unit_price": "12.50", "weight_kg": "4.8"}]})
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
