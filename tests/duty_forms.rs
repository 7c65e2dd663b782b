//! Every duty form in the source tariffs, evaluated on figures worked by hand.

use landed::date::Date;
use landed::duty::{DutyExpr, DutyInput, NotPriceableKind, Unpriced};
use landed::money::{Currency, RoundingPolicy};
use landed::units::Quantities;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

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
