//! Every duty form in the source tariffs, evaluated on figures worked by hand.

mod cn_units;
mod formula_texts;

use crate::common;
use crate::common::{d, engine, levy, quote, request};
use landed::date::Date;
use landed::duty::{DutyExpr, DutyInput, NotPriceableKind, Unpriced};
use landed::error::ErrorCode;
use landed::money::{Currency, RoundingPolicy};
use landed::quote::{LevyKind, LineQuote, LineStatus, Quote};
use landed::units::Quantities;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::{json, Value};

struct Case<'a> {
    value: Decimal,
    currency: &'a str,
    qty: &'a [&'a str],
    alcohol: Option<Decimal>,
    components: &'a [(&'a str, Decimal)],
    date: Option<&'a str>,
    fx: &'a [(&'a str, Decimal)],
    base_duty: Option<Decimal>,
}

const DEFAULT: Case<'static> = Case {
    value: Decimal::ZERO,
    currency: "EUR",
    qty: &[],
    alcohol: None,
    components: &[],
    date: None,
    fx: &[],
    base_duty: None,
};

fn run(text: &str, case: Case) -> landed::duty::DutyResult {
    let mut q = Quantities::new();
    for s in case.qty {
        q.add_text(s, "qty").unwrap();
    }
    q.alcohol_pct = case.alcohol;
    let components: Vec<(String, Decimal)> = case.components.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    let fx: Vec<(Currency, Decimal)> = case.fx.iter().map(|(c, r)| (Currency::parse(c).unwrap(), *r)).collect();
    let input = DutyInput {
        value: case.value,
        currency: Currency::parse(case.currency).unwrap(),
        quantities: &q,
        components: &components,
        date: case.date.map(|d| Date::parse(d).unwrap()),
        fx: &fx,
        base_duty: case.base_duty,
        rounding: RoundingPolicy::default(),
        weight_per_100kg: None,
    };
    DutyExpr::parse(text).evaluate(&input)
}

fn amount(text: &str, case: Case) -> Decimal {
    let r = run(text, case);
    assert!(r.priceable, "{text}: {:?}", r.unpriced);
    r.amount.unwrap()
}

#[test]
fn ad_valorem() {
    assert_eq!(amount("12.0%", Case { value: dec!(1000), ..DEFAULT }), dec!(120.00));
    // UK files sometimes drop the % sign.
    assert_eq!(amount("7.2", Case { value: dec!(100), ..DEFAULT }), dec!(7.20));
}

#[test]
fn free_is_a_priced_zero_not_a_missing_rate() {
    let r = run("Free", Case { value: dec!(1000), ..DEFAULT });
    assert!(r.priceable);
    assert_eq!(r.amount, Some(dec!(0.00)));
}

#[test]
fn specific_per_hectolitre() {
    // 32.00 EUR/hl × 2.5 hl = 80.00
    assert_eq!(amount("32.00 EUR / hl", Case { qty: &["2.5hl"], ..DEFAULT }), dec!(80.00));
}

#[test]
fn compound_ad_valorem_plus_specific_issue_example() {
    // 8.3% × 1,000.00 + 44.20 EUR/100 kg × 2.5 = 83.00 + 110.50 = 193.50
    let r = run("8.3% + 44.2 EUR / 100 kg", Case { value: dec!(1000), qty: &["250kg"], ..DEFAULT });
    assert_eq!(r.amount, Some(dec!(193.50)));
    assert_eq!(r.formula, "8.3% × 1,000 + 44.2 EUR/100 kg × 2.5 = 193.50");
}

#[test]
fn per_percent_vol_per_hectolitre() {
    // 100 l at 40 % vol = 40 l of pure alcohol; 1.75 EUR × 40 = 70.00
    let case = Case { qty: &["100l"], alcohol: Some(dec!(40)), ..DEFAULT };
    assert_eq!(amount("1.75 EUR / % vol / hl", case), dec!(70.00));
}

#[test]
fn proof_litres() {
    // 10 l at 40 % vol = 4 l pure alcohol = 8 proof litres; 8 × $1.32 = 10.56
    let case = Case { currency: "USD", qty: &["10l"], alcohol: Some(dec!(40)), ..DEFAULT };
    assert_eq!(amount("$1.32/pf. liter", case), dec!(10.56));
}

#[test]
fn min_takes_the_larger() {
    // 3.8 % × 10 = 0.38; 0.60 EUR/100 kg gross × 5 = 3.00; at least 3.00
    let case = Case { value: dec!(10), qty: &["500kg:gross"], ..DEFAULT };
    assert_eq!(amount("3.80% MIN 0.60 EUR / 100 kg / gross", case), dec!(3.00));
}

#[test]
fn max_takes_the_smaller() {
    // 6.5 % × 1000 = 65.00; 5.00 EUR/100 m × 0.5 = 2.50; at most 2.50
    let case = Case { value: dec!(1000), qty: &["50m"], ..DEFAULT };
    assert_eq!(amount("6.50% MAX 5.00 EUR / 100 m", case), dec!(2.50));
}

#[test]
fn min_and_max_together() {
    // 18.4 % × 1000 = 184; at least 22.00; at most 24.00 → 24.00
    let case = Case { value: dec!(1000), qty: &["100kg"], ..DEFAULT };
    assert_eq!(amount("18.40% MIN 22.00 EUR / 100 kg MAX 24.00 EUR / 100 kg", case), dec!(24.00));
    // 0.50 EUR × 100 items = 50; at least 2.7 % (27); at most 4.6 % (46) → 46.00
    let case = Case { value: dec!(1000), qty: &["100items"], ..DEFAULT };
    assert_eq!(amount("0.50 EUR / item MIN 2.70% MAX 4.60%", case), dec!(46.00));
}

#[test]
fn seasonal_windows_pick_the_rate_for_the_date() {
    let text = "8% (01 JAN-14 FEB), 12% (15 FEB-31 MAY)";
    assert_eq!(amount(text, Case { value: dec!(100), date: Some("2026-02-14"), ..DEFAULT }), dec!(8.00));
    assert_eq!(amount(text, Case { value: dec!(100), date: Some("2026-03-01"), ..DEFAULT }), dec!(12.00));
    // Outside every window: not priceable, never zero.
    let r = run(text, Case { value: dec!(100), date: Some("2026-07-01"), ..DEFAULT });
    assert!(!r.priceable);
    // A window across the year end.
    let wrap = "8.00% (01 NOV - 14 MAY), 14.00% (15 MAY - 31 OCT)";
    assert_eq!(amount(wrap, Case { value: dec!(100), date: Some("2026-01-10"), ..DEFAULT }), dec!(8.00));
    // No date given: the line names the date as missing.
    let r = run(wrap, Case { value: dec!(100), ..DEFAULT });
    assert_eq!(r.unpriced, vec![Unpriced::Date]);
}

#[test]
fn foreign_currency_specific_duty_uses_customs_rate() {
    // 44.2 EUR/100 kg × 2.5 = 110.50 EUR × 1.08 = 119.34 USD
    let case = Case { currency: "USD", qty: &["250kg"], fx: &[("EUR", dec!(1.08))], ..DEFAULT };
    assert_eq!(amount("44.2 EUR / 100 kg", case), dec!(119.34));
    let r = run("44.2 EUR / 100 kg", Case { currency: "USD", qty: &["250kg"], ..DEFAULT });
    assert!(matches!(r.unpriced[..], [Unpriced::FxRate { .. }]));
}

#[test]
fn drained_weight_is_its_own_quantity() {
    // 20.6 ¢/kg × 10 kg drained = 2.06
    let case = Case { currency: "USD", qty: &["10kg:drained"], ..DEFAULT };
    assert_eq!(amount("20.6 cents/kg on drained weight", case), dec!(2.06));
    // The net weight is not the drained weight: not priced.
    let r = run("20.6 cents/kg on drained weight", Case { currency: "USD", qty: &["12kg"], ..DEFAULT });
    assert!(!r.priceable);
    assert!(r.unpriced[0].message().contains("kg:drained"), "{}", r.unpriced[0].message());
}

#[test]
fn total_sugars() {
    // 35.3 ¢/kg × 4 kg of sugars + 3.5 % × 20 = 1.412 + 0.70 = 2.112 → 2.11
    let case = Case { currency: "USD", value: dec!(20), qty: &["4kg:total_sugars"], ..DEFAULT };
    assert_eq!(amount("35.3 cents/kg of total sugars + 3.5%", case), dec!(2.11));
}

#[test]
fn us_component_rates_watch() {
    // 10 watches: 40 ¢ × 10 = 4.00; 8.5 % × 50 (cases) = 4.25; 14 % × 20 (straps) = 2.80 → 11.05
    let case = Case {
        currency: "USD",
        qty: &["10items"],
        components: &[("case", dec!(50)), ("strap_band_or_bracelet", dec!(20))],
        ..DEFAULT
    };
    let text = "40 cents each + 8.5% on the case + 14% on the strap, band or bracelet";
    assert_eq!(amount(text, case), dec!(11.05));
    let r = run(text, Case { currency: "USD", qty: &["10items"], ..DEFAULT });
    assert_eq!(r.partial_amount, Some(dec!(4.00)));
    assert_eq!(r.unpriced.len(), 2);
}

#[test]
fn jewels_over_seven() {
    // 17 jewels, 10 over 7: 2.8 ¢ × 10 = 0.28
    let case = Case { currency: "USD", qty: &["17item:jewels"], ..DEFAULT };
    assert_eq!(amount("2.8 cents/jewel over 7", case), dec!(0.28));
}

#[test]
fn per_thousand_pins_and_per_tonne() {
    // $1/1,000 × 5,000 pins = 5.00 + 35 % × 10 = 3.50 → 8.50
    let case = Case { currency: "USD", value: dec!(10), qty: &["5000items"], ..DEFAULT };
    assert_eq!(amount("$1/1,000 pins + 35%", case), dec!(8.50));
    // 1,024 EUR/t × 0.5 t = 512.00
    assert_eq!(amount("1,024.00 EUR / tonne", Case { qty: &["500kg"], ..DEFAULT }), dec!(512.00));
}

#[test]
fn buttons_per_ligne_per_gross() {
    // 144 buttons of 20 lignes = 2,880 ligne-pieces = 20 ligne-gross × 0.18 ¢ = 0.036 + 2.5 % × 10 = 0.286 → 0.29
    let case = Case { currency: "USD", value: dec!(10), qty: &["2880item:lignes"], ..DEFAULT };
    assert_eq!(amount("0.18 cents/line/ gross + 2.5%", case), dec!(0.29));
}

#[test]
fn sugar_per_percent_sucrose() {
    // 1,000 kg at 5 % sucrose = 50 kg sucrose; 0.40 EUR/100 kg/% = 0.40 EUR per kg sucrose → 20.00
    let case = Case { qty: &["50kg:sucrose"], ..DEFAULT };
    assert_eq!(amount("0.40 EUR/100 kg/net/ % sacchar.", case), dec!(20.00));
}

#[test]
fn reference_to_the_applicable_subheading() {
    // Chapter 99: base duty 29.00 + 25 % × 1,000 = 279.00
    let text = "The duty provided in the applicable subheading + 25%";
    assert_eq!(amount(text, Case { value: dec!(1000), base_duty: Some(dec!(29)), ..DEFAULT }), dec!(279.00));
    let r = run(text, Case { value: dec!(1000), ..DEFAULT });
    assert_eq!(r.unpriced, vec![Unpriced::BaseDuty]);
    assert_eq!(r.partial_amount, Some(dec!(250.00)));
}

#[test]
fn agricultural_component_leaves_a_partial_never_a_total() {
    let r = run("9.00% + EA", Case { value: dec!(100), ..DEFAULT });
    assert!(!r.priceable);
    assert_eq!(r.amount, None);
    assert_eq!(r.partial_amount, Some(dec!(9.00)));
    assert!(matches!(&r.unpriced[0], Unpriced::NotARate { kind: NotPriceableKind::AgriculturalComponent, .. }));
}

#[test]
fn texts_that_are_not_rates_are_explained() {
    for (text, kind) in [
        ("Entry Price", NotPriceableKind::EntryPrice),
        ("suspended", NotPriceableKind::Suspended),
        ("See additional U.S. note 5", NotPriceableKind::SeeNote),
        ("The rate applicable to the article of which it is a part or accessory", NotPriceableKind::RateOfOtherArticle),
    ] {
        let r = run(text, Case { value: dec!(100), ..DEFAULT });
        assert!(!r.priceable, "{text}");
        assert_eq!(r.amount, None);
        assert!(matches!(&r.unpriced[0], Unpriced::NotARate { kind: k, .. } if *k == kind), "{text}");
        assert!(!r.unpriced[0].message().is_empty());
    }
}

// Japan's Tariff Schedule (Japan Customs, 2026-07-09), as the importer rewrites it
// (`datagen/src/jp.rs`): yen per unit, "whichever is the higher" (`MIN`), "whichever is the
// lower" (`MAX`), and the wine form "the lower, but not below" (`A MAX B MIN C`).

#[test]
fn yen_per_kilogram_jp() {
    // 20.70 円/kg × 100 kg = 2,070 JPY
    let case = Case { currency: "JPY", qty: &["100kg"], ..DEFAULT };
    assert_eq!(amount("20.70 JPY / kg", case), dec!(2070));
}

#[test]
fn yen_per_head_jp() {
    // 0103.92 011 (pigs under the gate price): 19,508 円/頭 × 2 head = 39,016 JPY
    let case = Case { currency: "JPY", qty: &["2items"], ..DEFAULT };
    assert_eq!(amount("19508 JPY / head", case), dec!(39016));
}

#[test]
fn whichever_higher_jp() {
    // 2.8%又は20円/kgのうちいずれか高い税率, 50 kg:
    // value 100,000: 2,800 against 1,000 → 2,800; value 10,000: 280 against 1,000 → 1,000
    let case = |value| Case { currency: "JPY", value, qty: &["50kg"], ..DEFAULT };
    assert_eq!(amount("2.8% MIN 20 JPY / kg", case(dec!(100000))), dec!(2800));
    assert_eq!(amount("2.8% MIN 20 JPY / kg", case(dec!(10000))), dec!(1000));
}

#[test]
fn whichever_higher_with_a_compound_part_jp() {
    // 5208.11 091 (WTO): 3.7 % or 2.9 % + 1.01 円/㎡, whichever is the higher; 100,000 JPY, 1,000 m²:
    // 3,700 against 2,900 + 1,010 = 3,910 → 3,910
    let case = Case { currency: "JPY", value: dec!(100000), qty: &["1000m2"], ..DEFAULT };
    assert_eq!(amount("3.7% MIN 2.9% + 1.01 JPY / m2", case), dec!(3910));
}

#[test]
fn whichever_lower_but_not_below_a_floor_jp() {
    // 2204.21 020 (WTO): 15 % or 125 円/l, whichever is the lower, but not below 67 円/l; 9 l.
    // value 10,000: min(1,500, 1,125) = 1,125 ≥ 603 → 1,125
    // value 2,000: min(300, 1,125) = 300, below 67 × 9 = 603 → 603
    let text = "15% MAX 125 JPY / l MIN 67 JPY / l";
    let case = |value| Case { currency: "JPY", value, qty: &["9l"], ..DEFAULT };
    assert_eq!(amount(text, case(dec!(10000))), dec!(1125));
    assert_eq!(amount(text, case(dec!(2000))), dec!(603));
}

#[test]
fn japanese_texts_kept_as_published_are_classified_jp() {
    for (text, kind) in [
        ("1キログラムにつき部分肉に係る基準輸入価格と課税価格との差額", NotPriceableKind::ReferencePrice),
        ("(170円−課税価格)/kg", NotPriceableKind::ReferencePrice),
        ("◎無税", NotPriceableKind::EndUse),
        ("関税割当数量以内のもの 無税", NotPriceableKind::TariffQuota),
        // A range must never be read as 21 % of a component: not priceable.
        ("●21%〜29.8%+1,159円/kg", NotPriceableKind::Conditional),
        ("※1%", NotPriceableKind::Conditional),
    ] {
        let r = run(text, Case { currency: "JPY", value: dec!(1000), qty: &["1kg"], ..DEFAULT });
        assert!(!r.priceable, "{text}");
        assert_eq!(r.amount, None, "{text}");
        assert!(matches!(&r.unpriced[0], Unpriced::NotARate { kind: k, .. } if *k == kind), "{text}: {:?}", r.unpriced);
    }
}

// audit-j (findings J1, J6, J9, J10's `hl alc`): each fixed at its source, with the law that
// settles the figure ([docs/rules.md](../../docs/rules.md#duty-expressions)).

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
    // (excise.tsv#nz-alcohol-levy, tests/golden/excise.rs), so its base may hold more.
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

// Session 14's review residue (issue 13: country behaviour as data; no silent paths): the
// Australian tobacco-by-post prohibition read from `tariffs/rules/prohibitions.tsv`
// ([not priced](../../docs/rules.md#not-priced)), the `components` a duty read reported by the
// evaluator ([duty expressions](../../docs/rules.md#duty-expressions)), and a caller's excise that
// says which excise rows of its line it answers ([excise](../../docs/rules.md#excise)).

/// The `W_INPUT_UNUSED` messages of a quote.
fn unused(q: &landed::quote::Quote) -> Vec<String> {
    q.warnings.iter().filter(|w| w.code == "W_INPUT_UNUSED").map(|w| w.message.to_string()).collect()
}

#[test]
fn the_components_a_duty_read_are_those_the_evaluator_reports_htsus_9102_11_45() {
    // HTSUS 9102.11.45: "40¢ each + 8.5% on the case + 2.8% on the strap, band or bracelet +
    // 5.3% on the battery". The evaluator reports the components it read: `case` and `battery`
    // are read (used), `movement` is read by no duty and `strap` is not the name the duty asks
    // for (unused, with the hint).
    let q = quote(json!({"destination": "US", "date": "2026-05-01", "currency": "USD", "channel": "freight",
        "transport": "ocean", "origin": "CH", "ship_from": "CH", "incoterm": "DDP",
        "lines": [{"id": "w", "code": "9102.11.45", "quantity": "100", "unit_price": "50.00",
            "components": {"battery": "100", "case": "1500", "movement": "900", "strap": "500"}}]}));
    let unused = unused(&q);
    assert_eq!(unused.len(), 2, "{unused:?}");
    assert!(unused.iter().any(|w| w.contains("components.movement") && !w.contains("asks for")), "{unused:?}");
    assert!(unused.iter().any(|w| w.contains("components.strap") && w.contains("\"strap_band_or_bracelet\"")));
    assert!(!unused.iter().any(|w| w.contains("components.case") || w.contains("components.battery")));
}

#[test]
fn a_component_read_only_by_a_second_levy_is_used_uk_calculator_retail_price() {
    // Tobacco Products Duty Act 1979 Sch. 1: cigarettes bear a percentage of the retail price
    // (the UK duty calculator's retail_price_spec.rb: 16.50 % × £1,000.00 = 165.0). The retail
    // price is read only by the second levy, the caller's excise, not by the customs duty: it is
    // used; `pack` is read by neither and is named.
    let q = quote(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP", "origin": "US",
        "lines": [{"id": "c", "code": "2402200000", "quantity": "40", "unit_price": "10", "duty_rate": "0%",
            "components": {"pack": "3", "retail_price": "1000"},
            "extra_duties": [{"name": "Tobacco Products Duty", "rate": "16.5% of the retail price", "kind": "excise"}]}]}));
    let excise = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Excise).unwrap();
    assert_eq!(excise.amount, Some(common::d("165.00")));
    let unused = unused(&q);
    assert_eq!(unused.len(), 1, "{unused:?}");
    assert!(unused[0].contains("components.pack"), "{unused:?}");
}

// audit-k (the US figures a merchant sees most, recomputed from the official HTS files): each
// finding fixed at its source, with the HTSUS text that settles the figure
// ([docs/rules.md](../../docs/rules.md#us-additional-duties)).

/// The warnings of `code` on the quote: (field and message).
fn warnings(q: &Quote, code: &str) -> Vec<String> {
    q.warnings.iter().filter(|w| w.code == code).map(|w| w.message.to_string()).collect()
}

#[test]
fn a_components_key_no_duty_reads_is_named_unused_9102_11_45() {
    // HTSUS 9102.11.45: "40¢ each + 8.5% on the case + 2.8% on the strap, band or bracelet + 5.3%
    // on the battery". docs/rules.md: an input the quote cannot use is named (W_INPUT_UNUSED).
    let watch = |components: serde_json::Value| {
        json!({"destination": "US", "date": "2026-05-01", "currency": "USD", "channel": "freight",
            "transport": "ocean", "origin": "CH", "ship_from": "CH", "incoterm": "DDP",
            "lines": [{"id": "w", "code": "9102.11.45", "quantity": "100", "unit_price": "50.00",
                "components": components}]})
    };
    let q = quote(watch(json!({"case": "1500", "strap": "500", "battery": "100"})));
    let unused = warnings(&q, "W_INPUT_UNUSED");
    assert_eq!(unused.len(), 1, "{unused:?}");
    assert!(unused[0].contains("components.strap") && unused[0].contains("strap_band_or_bracelet"), "{unused:?}");
    // The right keys and one more: the extra one is named, the others priced:
    // 100 × 0.40 + 8.5 % × 1,500 + 2.8 % × 500 + 5.3 % × 100 = 40 + 127.50 + 14.00 + 5.30.
    let q = quote(watch(json!({"case": "1500", "strap_band_or_bracelet": "500", "battery": "100", "movement": "900"})));
    let unused = warnings(&q, "W_INPUT_UNUSED");
    assert_eq!(unused.len(), 1, "{unused:?}");
    assert!(unused[0].contains("components.movement"), "{unused:?}");
    let duty: rust_decimal::Decimal =
        q.lines[0].levies.iter().filter(|l| l.kind == LevyKind::Duty).filter_map(|l| l.amount).sum();
    assert_eq!(duty, d("186.80"));
}

// audit-q (session 16, fix-q): Japan's state-trading lines, the stand-in exchange rate, the
// ¥10,000 exemption of a mixed parcel, lower bounds of "whichever is higher" duties, and the
// wording of GB lines priced through a correlation.

fn duty(q: &Quote, i: usize) -> Option<Value> {
    q.lines[i].levies.iter().find(|l| l.kind == LevyKind::Duty).map(|l| json!([l.amount, l.partial_amount]))
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
