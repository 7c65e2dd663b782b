//! audit-j (findings J1, J6, J9, J10's `hl alc`): each fixed at its source, with the law that
//! settles the figure ([docs/rules.md](../docs/rules.md#duty-expressions)).

mod common;

use common::{d, engine, levy, quote, request};
use landed::error::ErrorCode;
use landed::quote::{LevyKind, LineQuote, LineStatus};
use serde_json::{json, Value};

/// A one-line request to `destination` in its own currency, `line` merged into the line.
fn one_line(destination: &str, currency: &str, date: &str, channel: &str, line: Value) -> Value {
    let mut l = json!({"id": "a", "quantity": "1"});
    l.as_object_mut().unwrap().extend(line.as_object().unwrap().clone());
    json!({"destination": destination, "date": date, "currency": currency, "channel": channel,
        "transport": "air", "incoterm": "DDP", "origin": "GB", "ship_from": "GB", "lines": [l]})
}

/// The formula of the line's first levy of `kind`.
fn formula(line: &LineQuote, kind: LevyKind) -> String {
    line.levies.iter().find(|l| l.kind == kind).expect("levy listed").formula.to_string()
}

/// The error a request is refused with: its code and field.
fn refused(v: Value) -> (ErrorCode, String, String) {
    let e = engine().quote(&request(v)).expect_err("refused").into_fields();
    (e.code, e.field.unwrap_or_default(), e.message)
}

// J1. A `$` or `¢` in a caller's rate is the destination's dollar where its currency is one.

#[test]
fn a_dollar_rate_into_australia_is_australian_dollars_customs_tariff_act_1995_sch_3() {
    // Customs Tariff Act 1995 (Cth) Schedule 3 writes its amounts in Australian dollars: 2208.30
    // whisky "$103.58/L alc" (the rate audit-j copied). A bottle of 0.7 l at 40 %: 0.28 l of
    // alcohol × A$103.58 = A$29.0024 → 29.00, GST 10 % × (80.00 + 29.00) = 10.90 (GST Act 1999
    // s.13-20). audit-j J1: read as US dollars, 103.58 × 0.28 × 1.417251 = 41.10, complete.
    let q = quote(one_line(
        "AU",
        "AUD",
        "2026-03-02",
        "courier",
        json!({"code": "2208.30", "unit_price": "80.00", "volume_l": "0.7", "alcohol_pct": "40",
            "duty_rate": "$103.58/l alc"}),
    ));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert_eq!((levy(l, LevyKind::Duty), levy(l, LevyKind::Tax)), (d("29.00"), d("10.90")));
    assert!(
        formula(l, LevyKind::Duty).starts_with("103.58 AUD/l alc × 0.28 = 29.00"),
        "{}",
        formula(l, LevyKind::Duty)
    );
    assert!(!q.fx.iter().any(|f| f.pair.contains("USD")), "no US dollar is read: {:?}", q.fx);
    // The same rate written with its ISO code, or as `A$`, is the same figure.
    for rate in ["103.58 AUD/l alc", "A$103.58/l alc"] {
        let q = quote(one_line(
            "AU",
            "AUD",
            "2026-03-02",
            "courier",
            json!({"code": "2208.30", "unit_price": "80.00", "volume_l": "0.7", "alcohol_pct": "40",
                "duty_rate": rate}),
        ));
        assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("29.00"), "{rate}");
    }
}

#[test]
fn a_dollar_in_a_callers_extra_duty_into_australia_is_australian_dollars() {
    // The same reading for `extra_duties[].rate`: "$1.00/l" on 0.7 l = A$0.70.
    let q = quote(one_line(
        "AU",
        "AUD",
        "2026-03-02",
        "courier",
        json!({"code": "2208.30", "unit_price": "80.00", "volume_l": "0.7", "alcohol_pct": "40",
            "duty_rate": "Free", "extra_duties": [{"name": "test duty", "rate": "$1.00/l"}]}),
    ));
    let extra = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::AdditionalDuty).expect("listed");
    assert_eq!(extra.amount, Some(d("0.70")));
    assert!(extra.formula.to_string().starts_with("1 AUD/l × 0.7"), "{}", extra.formula);
}

#[test]
fn a_dollar_rate_into_new_zealand_is_new_zealand_dollars_customs_faq() {
    // NZ Customs FAQ (customs.govt.nz/personal/duty-and-gst/faqs: "this does not apply to tobacco
    // and alcohol products. Duty and GST are collected regardless of the amount"): 6 bottles of
    // wine, NZ$180 + NZ$40 freight, duty NZ$3.90/l (the NZ Tariff's dollars) on 4.5 l = 17.55;
    // GST 15 % × (220.00 + 17.55) = 35.63 (audit-j's figures with `3.90 NZD/l`). J1: 29.57.
    let mut v = one_line(
        "NZ",
        "NZD",
        "2026-03-02",
        "courier",
        json!({"code": "2204.21", "quantity": "6", "unit_price": "30.00", "volume_l": "4.5",
            "alcohol_pct": "13", "duty_rate": "$3.90/l"}),
    );
    v["origin"] = json!("FR");
    v["ship_from"] = json!("FR");
    v["shipping"] = json!("40.00");
    let q = quote(v);
    let l = &q.lines[0];
    // The GST is at least that: the alcohol levy collected with it is listed unpriced
    // (excise.tsv#nz-alcohol-levy, golden_audit_j3), so its base may hold more.
    let gst = l.levies.iter().find(|v| v.kind == LevyKind::Tax).unwrap();
    assert_eq!((levy(l, LevyKind::Duty), gst.amount.or(gst.partial_amount)), (d("17.55"), Some(d("35.63"))));
    assert!(formula(l, LevyKind::Duty).starts_with("3.9 NZD/l × 4.5 = 17.55"), "{}", formula(l, LevyKind::Duty));
}

#[test]
fn dollars_and_cents_into_canada_are_canadian_customs_tariff() {
    // The Customs Tariff (S.C. 1997, c. 36) writes its specific rates in Canadian dollars and
    // cents (2204.21, wine of an alcoholic strength not over 13.7 % vol: "1.87¢/litre"): 4.5 l ×
    // CAD 0.0187 = 0.08415 → 0.08, whether written `$0.0187/l` or `1.87¢/l`.
    for rate in ["$0.0187/l", "1.87¢/l", "1.87 cents/l"] {
        let mut v = one_line(
            "CA",
            "CAD",
            "2026-03-02",
            "courier",
            json!({"code": "2204.21", "quantity": "6", "unit_price": "30.00", "volume_l": "4.5",
                "alcohol_pct": "13", "duty_rate": rate}),
        );
        v["subdivision"] = json!("ON");
        v["origin"] = json!("FR");
        v["ship_from"] = json!("FR");
        let q = quote(v);
        let l = &q.lines[0];
        assert_eq!(levy(l, LevyKind::Duty), d("0.08"), "{rate}");
        assert!(formula(l, LevyKind::Duty).starts_with("0.0187 CAD/l × 4.5"), "{rate}: {}", formula(l, LevyKind::Duty));
        assert!(!q.fx.iter().any(|f| f.pair.contains("USD")), "{rate}: {:?}", q.fx);
    }
}

#[test]
fn a_dollar_rate_into_the_us_stays_us_dollars_htsus() {
    // The HTSUS writes US dollars and cents ("$1.32/pf. liter", "0.7¢/kg"): into the US a caller's
    // `$` and `¢` are the same US money as the tariff's, and the formula as before.
    let mut v = one_line(
        "US",
        "USD",
        "2026-03-02",
        "courier",
        json!({"code": "6109.10.00", "quantity": "100", "unit_price": "30.00", "weight_kg": "20",
            "duty_rate": "0.7¢/kg + $1/kg"}),
    );
    v["entry_type"] = json!("formal");
    let q = quote(v);
    let f = formula(&q.lines[0], LevyKind::Duty);
    // 0.007 × 20 + 1 × 20 = 20.14.
    assert!(f.starts_with("0.7 cents/kg × 20 + 1 USD/kg × 20 = 20.14"), "{f}");
}

#[test]
fn a_dollar_rate_into_a_country_without_a_dollar_is_refused_naming_the_field() {
    // Into Germany (EUR) "$1/kg" says neither the US dollar nor the euro's cents: refused with
    // E_DUTY_EXPRESSION naming the field, asking for the ISO code (never read as USD in silence).
    let base = |line: Value| {
        one_line(
            "DE",
            "EUR",
            "2026-03-02",
            "courier",
            json!({"code": "6109.10", "unit_price": "200.00", "weight_kg": "2"}),
        )
        .pipe(line)
    };
    let (code, field, message) = refused(base(json!({"duty_rate": "$1/kg"})));
    assert_eq!((code, field.as_str()), (ErrorCode::DutyExpression, "lines[0].duty_rate"));
    assert!(message.contains("USD") && message.contains("EUR"), "{message}");
    let (code, field, _) = refused(base(json!({"extra_duties": [{"name": "x", "rate": "12% + 5 cents/kg"}]})));
    assert_eq!((code, field.as_str()), (ErrorCode::DutyExpression, "lines[0].extra_duties[0].rate"));
    // Its ISO code, or `US$`, is read and converted at the customs rate.
    for rate in ["1 USD/kg", "US$1/kg"] {
        let q = quote(base(json!({"duty_rate": rate})));
        let f = formula(&q.lines[0], LevyKind::Duty);
        assert!(f.starts_with("1 USD/kg × 2 × "), "{rate}: {f}");
    }
}

/// Merges `extra` into the request's first line.
trait Pipe {
    fn pipe(self, extra: Value) -> Value;
}

impl Pipe for Value {
    fn pipe(mut self, extra: Value) -> Value {
        self["lines"][0].as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        self
    }
}

// J10. Per hectolitre of pure alcohol.

#[test]
fn spirits_duty_per_hectolitre_of_pure_alcohol_directive_92_83_art_21() {
    // Directive 92/83/EEC art. 21 sets the excise on spirits "per hectolitre of pure alcohol";
    // Germany's Alkoholsteuergesetz § 2(1): EUR 1,303 per hl of pure alcohol. A 0.7 l bottle at
    // 40 %: 0.0028 hl × 1,303 = 3.6484 → 3.65, as `13.03 EUR/l alc` (audit-j part 1); VAT 19 %
    // × 43.65 = 8.29. audit-j J10: `1303 EUR/hl alc` was refused.
    for rate in ["1303 EUR/hl alc", "13.03 EUR/l alc"] {
        let q = quote(one_line(
            "DE",
            "EUR",
            "2026-11-26",
            "courier",
            json!({"code": "2208.30.30", "unit_price": "40.00", "volume_l": "0.7", "alcohol_pct": "40",
                "extra_duties": [{"name": "Branntweinsteuer", "rate": rate, "kind": "excise"}]}),
        ));
        let l = &q.lines[0];
        assert_eq!((levy(l, LevyKind::Excise), levy(l, LevyKind::Tax)), (d("3.65"), d("8.29")), "{rate}");
    }
    // Per hectolitre of product (wine duties): 32 EUR/hl on 0.75 l = 0.24.
    let q = quote(one_line(
        "DE",
        "EUR",
        "2026-11-26",
        "courier",
        json!({"code": "2204.21", "unit_price": "10.00", "volume_l": "0.75", "alcohol_pct": "13",
            "extra_duties": [{"name": "test", "rate": "32 EUR/hl", "kind": "excise"}]}),
    ));
    assert_eq!(levy(&q.lines[0], LevyKind::Excise), d("0.24"));
}

// J6. Switzerland: the weight a duty per 100 kg is charged on, rounded up to the next 100 g.

/// Chocolate by post into Switzerland at `rate`, `weight` fields merged in.
fn ch(rate: &str, weight: Value) -> Value {
    let mut v = one_line(
        "CH",
        "CHF",
        "2026-11-26",
        "post",
        json!({"code": "1806.32", "unit_price": "200.00", "duty_rate": rate}),
    )
    .pipe(weight);
    v["origin"] = json!("US");
    v["ship_from"] = json!("US");
    v
}

#[test]
fn swiss_duty_per_100_kg_rounds_the_weight_up_to_the_next_100_g_ztg_art_2_3() {
    // Zolltarifgesetz (SR 632.10) art. 2(3): "Ist der Zollansatz auf je 100 kg festgelegt, so
    // wird das für die Veranlagung massgebende Gewicht jeweils auf die nächsten 100 g
    // aufgerundet." 1.23 kg → 1.3 kg: CHF 100/100 kg × 0.013 = 1.30 (audit-j J6: 1.23).
    let q = quote(ch("100 CHF/100 kg", json!({"weight_kg": "1.23"})));
    let l = &q.lines[0];
    assert_eq!(levy(l, LevyKind::Duty), d("1.30"));
    let f = formula(l, LevyKind::Duty);
    assert!(f.contains("1.23 kg rounded up to 0.1 kg = 1.3 kg"), "{f}");
    let stated: Vec<_> = q.destination_rounding.iter().map(|r| (r.applies_to.as_ref(), r.mode.as_ref())).collect();
    // And the CHF 5 minimum's test, to 5 centimes (tax_rounding.tsv#ch-vat-min-5-test, audit-y Y13);
    // the tax's base in whole francs and the tax to 5 centimes (#ch-tax-base, #ch-tax-amount,
    // audit-aa AA7/AA15: the EZV's example and an assessment quoted by the BVGer).
    let expected =
        [("tax_base", "down"), ("weight_per_100kg", "up"), ("min_collectible", "half_up"), ("tax_amount", "half_up")];
    assert_eq!(stated, expected);
    assert!(q.destination_rounding[1].source.starts_with("tax_rounding.tsv#ch-weight-per-100kg"));
    // Gross, as the rate says: the gross weight is the one rounded.
    let q = quote(ch("100 CHF/100 kg gross", json!({"weight_kg": "1.0", "units": {"kg:gross": "1.23"}})));
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("1.30"));
    // A weight already on a 100 g step is unchanged, and a duty per kg is not rounded.
    let q = quote(ch("100 CHF/100 kg", json!({"weight_kg": "1.2"})));
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("1.20"));
    let q = quote(ch("1 CHF/kg", json!({"weight_kg": "1.23"})));
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("1.23"));
}

#[test]
fn a_federal_court_case_charges_its_duty_per_100_kg_gross_bge_142_ii_433() {
    // BGE 142 II 433 (2C_436/2015, 22 July 2016), facts: 0202.3099 frozen beef, Rohmasse
    // 25,160 kg, "Zollansatz Fr. 2'057.- je 100 kg brutto", "Die Zollforderung belief sich mithin
    // auf Fr. 517'541.20" (= 251.6 × 2,057; a weight already on a 100 g step).
    let mut v = ch(
        "2057 CHF/100 kg gross",
        json!({"code": "0202.30", "unit_price": "167299.00",
        "units": {"kg:gross": "25160"}, "weight_kg": "24140.2"}),
    );
    v["channel"] = json!("freight");
    v["transport"] = json!("road");
    v["business_buyer"] = json!(true);
    let q = quote(v);
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("517541.20"));
}
