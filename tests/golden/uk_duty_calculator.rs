//! Golden figures from the UK government's duty calculator test suite (GitHub
//! `trade-tariff/trade-tariff-duty-calculator`, RSpec), each reproduced through a whole quote.
//! Only the cases Landed gets right are here; the others are in the ukcalc-audit report.
//!
//! The calculator is a secondary source for the rules; the law is the primary one:
//! customs value = goods + freight + insurance to the UK border (Taxation (Cross-border Trade)
//! Act 2018 s.15, Customs (Import Duty) (EU Exit) Regulations 2018); import VAT on the customs
//! value plus the duties (VATA 1994 s.21(2)); foreign-currency amounts into sterling
//! (TCTA 2018 s.18). A rate the spec takes from a fixture measure is given as the line's
//! `duty_rate` (and `extra_duties`); the EUR→GBP rate of its fixture as the request's `fx`.

use crate::common::{d, levy, quote};
use landed::quote::{LevyKind, Quote};
use serde_json::{json, Value};

/// A one-line GB or XI quote in sterling with the calculator's three customs-value inputs
/// (`monetary_value`, `shipping_cost`, `insurance_cost`) and the line's extra fields.
fn uk_quote(dest: &str, goods: &str, shipping: &str, insurance: &str, line: Value) -> Quote {
    let mut l = json!({"id": "x", "code": "7202118000", "quantity": "1", "unit_price": goods});
    l.as_object_mut().unwrap().extend(line.as_object().unwrap().clone());
    quote(json!({"destination": dest, "date": "2022-01-01", "currency": "GBP", "origin": "CN",
        "shipping": shipping, "insurance": insurance, "lines": [l]}))
}

#[test]
fn customs_value_is_goods_plus_freight_plus_insurance_uk_calculator() {
    // spec/services/expression_evaluators/ad_valorem_spec.rb @ 13e4972aa1c66046ee7840b8a5938d995463b7b4:
    // customs_value {insurance_cost 10, monetary_value 10, shipping_cost 10}, '8.00 %' →
    // "calculation: '8.0% * £30.00', formatted_value: '£2.40'". The calculator's evaluator
    // does not model the £135 consignment relief, which a £10 consignment is within in GB and
    // in Northern Ireland (thresholds.tsv#gb-low-value-135, #xi-low-value-135; gov.uk "Tax and
    // customs for goods sent from abroad"): the line is priced in a consignment above £135, a
    // second line of £200, with shipping and insurance shared by weight (1:1), so the line's
    // inputs stay the spec's £10 + £10 + £10.
    let q = quote(json!({"destination": "GB", "date": "2022-01-01", "currency": "GBP", "origin": "CN",
        "shipping": "20", "insurance": "20", "allocation": "weight", "lines": [
        {"id": "x", "code": "7202118000", "quantity": "1", "unit_price": "10", "weight_kg": "1", "duty_rate": "8%"},
        {"id": "y", "code": "7202118000", "quantity": "1", "unit_price": "200", "weight_kg": "1", "duty_rate": "8%"}]}));
    assert_eq!(q.lines[0].customs_value, d("30.00"));
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("2.40"));
}

#[test]
fn third_country_ad_valorem_duty_and_vat_on_value_plus_duty_uk_calculator() {
    // spec/services/duty_options/third_country_tariff_spec.rb @ 0365504c5206d1c124a01124682abd50f8983611,
    // "when the measure is an ad valorem measure": monetary_value 1000, shipping_cost 40,
    // insurance_cost 10, 5.0 % → "'£1,050.00'", "'5.0% * £1,050.00', '£52.50'", duty total
    // '£52.50' (the same figures in tariff_preference_spec.rb @ 097b06cceb4293135acccc9200ddb8f44636391a).
    // VAT as the calculator's Vat evaluator builds it (duty total + customs value,
    // app/services/expression_evaluators/vat.rb; VATA 1994 s.21(2)): 20 % × 1,102.50 = 220.50.
    let q = uk_quote("GB", "1000", "40", "10", json!({"duty_rate": "5%"}));
    assert_eq!(q.lines[0].customs_value, d("1050.00"));
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("52.50"));
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("220.50"));
    assert_eq!(q.totals.landed, d("1323.00"));
}

#[test]
fn eur_specific_duty_is_converted_to_sterling_uk_calculator() {
    // spec/services/duty_options/third_country_tariff_spec.rb @ 0365504c5206d1c124a01124682abd50f8983611,
    // "when the measure is not an ad valorem but has applicable unit measures": '35.10 EUR / 100 kg',
    // measure_amount dtn 120 → "'35.10 EUR / 100 kg * 120.0', '£3,596.12'" (also
    // measure_unit_spec.rb @ 059fa80d18fdd7328ece2c245412f32634cc06df: "value: 3596.12136").
    // The EUR→GBP rate is the suite's fixture, spec/fixtures/exchange_rates.json: GBP 0.85378.
    // 35.10 × 120 × 0.85378 = 3,596.12136 → 3,596.12. Pigs (0103.92) are zero-rated: 'live
    // animals of a kind generally used as, or yielding or producing, food for human consumption'
    // (VATA 1994 Sch. 8 Group 1 general item 4; HMRC Notice 701/15 §2.2 'meat animals, dairy
    // animals'; VFOOD3720 'Most pigs are generally reared for food'). The code alone is a lower bound
    // (vat_classes.tsv#gb-live-animals: horses, pets), so the line declares the class.
    // VAT 0 % × 4,646.12 = 0.00 (the suite's VAT is not part of its spec).
    let q = quote(json!({"destination": "GB", "date": "2022-01-01", "currency": "GBP", "origin": "CN",
        "shipping": "40", "insurance": "10", "fx": {"EUR/GBP": "0.85378"},
        "lines": [{"id": "x", "code": "0103921100", "quantity": "1", "unit_price": "1000", "vat_class": "zero",
                   "duty_rate": "35.10 EUR / 100 kg", "units": {"100kg": "120"}}]}));
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("3596.12"));
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("0.00"));
    let vat = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).unwrap();
    assert_eq!(vat.base, d("4646.12"), "{}", vat.formula);
    assert_eq!(q.totals.landed, d("4646.12"));
}

#[test]
fn specific_duty_on_a_tiny_quantity_rounds_to_nil_uk_calculator() {
    // spec/services/duty_options/tariff_preference_spec.rb @ 097b06cceb4293135acccc9200ddb8f44636391a,
    // "when the amount has more than four decimals": dtn 0.00001 → "'35.10 EUR / 100 kg * 0.00001',
    // '£0.00'", "value: 0.00029967678". Pigs: zero-rated (see above), VAT 0 % × 1,050.00 = 0.00.
    let q = quote(json!({"destination": "GB", "date": "2022-01-01", "currency": "GBP", "origin": "CN",
        "shipping": "40", "insurance": "10", "fx": {"EUR/GBP": "0.85378"},
        "lines": [{"id": "x", "code": "0103921100", "quantity": "1", "unit_price": "1000", "vat_class": "zero",
                   "duty_rate": "35.10 EUR / 100 kg", "units": {"100kg": "0.00001"}}]}));
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("0.00"));
    let vat = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).unwrap();
    assert_eq!((vat.base, vat.amount), (d("1050.00"), Some(d("0.00"))), "{}", vat.formula);
}

#[test]
fn compound_duty_with_minimum_and_maximum_is_capped_uk_calculator() {
    // spec/services/duty_options/third_country_tariff_spec.rb @ 0365504c5206d1c124a01124682abd50f8983611,
    // "when the measure is a compound measure": 13.8 % MIN 13.0 GBP/DTN MAX 15.0 GBP/DTN, dtn 1,
    // customs value 1,050 → "'£15.00'" (13.8 % × 1,050 = 144.90, capped at 15.00; also
    // tariff_preference_spec.rb @ 097b06cceb4293135acccc9200ddb8f44636391a). VAT 20 % × 1,065 = 213.00.
    let rate = "13.8% MIN 13 GBP / 100 kg MAX 15 GBP / 100 kg";
    let q = uk_quote("GB", "1000", "40", "10", json!({"duty_rate": rate, "units": {"100kg": "1"}}));
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("15.00"));
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("213.00"));
}

#[test]
fn reduced_rate_vat_on_customs_value_uk_calculator() {
    // spec/services/duty_options/additional_duty/vat_spec.rb @ 001749a5b9be65eab2456ffd069f30b91ba416e1,
    // "when the measure is a VAT": monetary_value 1000, shipping_cost 40, insurance_cost 10, no duty,
    // VAT 5.0 % → "'5.0% * £1,050.00', '£52.50'". The UK reduced rate is 5 % (VATA 1994 s.29A).
    let q =
        uk_quote("GB", "1000", "40", "10", json!({"code": "0809400500", "duty_rate": "0%", "vat_class": "reduced"}));
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("52.50"));
    assert_eq!(q.totals.landed, d("1102.50"));
}

#[test]
fn excise_ad_valorem_on_the_retail_price_uk_calculator() {
    // spec/services/expression_evaluators/retail_price_spec.rb @ 258a3f76d92b69df5c83bc020015e4a5eef52941:
    // measure_amount ret 1000 (retail price, unit '£'), 16.50 % → "calculation: '16.50% * £1,000.00',
    // value: 165.0". Tobacco Products Duty Act 1979 Sch. 1 charges cigarettes a percentage of the
    // retail price, not of the customs value.
    let q = uk_quote(
        "GB",
        "1000",
        "40",
        "10",
        // The duty is an excise (Tobacco Products Duty): given as the caller's excise, with the
        // customs duty set aside (duty_rate 0 %) so the figures are the spec's.
        json!({"code": "2402200000", "duty_rate": "0%", "components": {"retail_price": "1000"},
               "extra_duties": [{"name": "Tobacco Products Duty", "rate": "16.5% of the retail price", "kind": "excise"}]}),
    );
    assert_eq!(levy(&q.lines[0], LevyKind::Excise), d("165.00"));
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("243.00"));
}

#[test]
fn spirits_rate_per_litre_of_pure_alcohol_uk_calculator() {
    // spec/services/expression_evaluators/spq_spec.rb @ fd29c4f10c883ee9a48c29fd00f9b59b622b744b,
    // "when the measure is ASVX-based": ltr 1000, asv 3.49, spr 5 → "value: 174.5, # 1 * 10 * 3.49 * 5"
    // (10 hl at 3.49 % vol = 34.9 litres of pure alcohol, at the SPR rate £5 per litre; the
    // LPA-based context, lpa 34.9, gives the same 174.5). The SPR rate is given as the line's rate.
    let q = quote(json!({"destination": "GB", "date": "2022-01-01", "currency": "GBP", "origin": "US",
        "lines": [{"id": "x", "code": "2208403900", "quantity": "1", "unit_price": "1000",
                   "volume_l": "1000", "alcohol_pct": "3.49", "duty_rate": "0%",
                   "extra_duties": [{"name": "Spirits duty", "rate": "5 GBP/l alc", "kind": "excise"}]}]}));
    assert_eq!(levy(&q.lines[0], LevyKind::Excise), d("174.50"));
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("234.90"));
}

/// The GB → NI example of spec/models/duty_calculator_spec.rb: ferro-manganese 7202 11 80 00,
/// monetary_value 1000, shipping_cost 250.89, insurance_cost 10 (customs value £1,260.89),
/// measure_amount tnei 2 (2 tonnes), with the option's duty rate, the safeguard and the
/// additional duty of 25 % each, and (when `anti_dumping`) the definitive anti-dumping duty
/// C490 of 144.10 GBP / 1000 kg.
fn gb_to_ni(duty_rate: &str, anti_dumping: bool, scope: &str) -> Quote {
    let mut extra = vec![
        json!({"name": "Additional duties (safeguard)", "rate": "25%"}),
        json!({"name": "Additional Duties", "rate": "25%"}),
    ];
    if anti_dumping {
        extra.push(json!({"name": "Definitive anti-dumping duty (C490)", "rate": "144.10 GBP / 1000 kg"}));
    }
    quote(json!({"destination": "XI", "date": "2021-01-01", "currency": "GBP", "origin": "CN",
        "shipping": "250.89", "insurance": "10", "rounding": {"scope": scope, "mode": "half_up"},
        "lines": [{"id": "x", "code": "7202118000", "quantity": "1", "unit_price": "1000",
                   "weight_kg": "2000", "duty_rate": duty_rate, "extra_duties": extra}]}))
}

fn amounts(q: &Quote) -> Vec<String> {
    q.lines[0].levies.iter().filter(|l| l.kind != LevyKind::Tax).map(|l| l.amount.unwrap().to_string()).collect()
}

#[test]
fn each_duty_is_charged_on_the_customs_value_uk_calculator() {
    // spec/models/duty_calculator_spec.rb @ 62f4f93ed7283da5e23201618d650963554b3d26, "when the
    // measure has components to be calculated": "'Value of goods + freight + insurance costs',
    // '£1,260.89'", "'2.7% * £1,260.89', '£34.04'", "'25.0% * £1,260.89', '£315.22'" (safeguard and
    // additional duties), "'144.10 GBP / 1000 kg/biodiesel * 2.0', '£288.20'"; the quota option
    // "'20.0% * £1,260.89', '£252.18'".
    let q = gb_to_ni("2.7%", true, "per_line");
    assert_eq!(q.lines[0].customs_value, d("1260.89"));
    assert_eq!(amounts(&q), ["34.04", "315.22", "315.22", "288.20"]);
    assert_eq!(amounts(&gb_to_ni("20%", true, "per_line"))[0], "252.18");
}

#[test]
fn duty_totals_with_per_line_rounding_uk_calculator() {
    // spec/models/duty_calculator_spec.rb @ 21ec161826955234a30bef8259cf9ac01df99a4f (third-country
    // 2.7 % and the anti-dumping duty, no safeguard): "'£322.24'"; non-preferential quota 20 %:
    // "'£540.38'"; tariff preference 0 %: "'£288.20'".
    let only_ad = |rate: &str| {
        quote(json!({"destination": "XI", "date": "2021-01-01", "currency": "GBP", "origin": "CN",
            "shipping": "250.89", "insurance": "10",
            "lines": [{"id": "x", "code": "7202118000", "quantity": "1", "unit_price": "1000", "weight_kg": "2000",
                "duty_rate": rate, "extra_duties": [{"name": "Definitive anti-dumping duty", "rate": "144.10 GBP / 1000 kg"}]}]}))
    };
    assert_eq!(only_ad("2.7%").totals.duty, d("322.24"));
    assert_eq!(only_ad("20%").totals.duty, d("540.38"));
    assert_eq!(only_ad("0%").totals.duty, d("288.20"));
    // @ 62f4f93ed7283da5e23201618d650963554b3d26 and 04a9afaa0eddc1454e5d8113c371d446438e6dc0: the
    // quota options' totals "'£1,170.82'" (with anti-dumping) and "'£882.62'" (without).
    assert_eq!(gb_to_ni("20%", true, "per_line").totals.duty, d("1170.82"));
    assert_eq!(gb_to_ni("20%", false, "per_line").totals.duty, d("882.62"));
}

#[test]
fn duty_total_rounded_once_with_per_total_rounding_uk_calculator() {
    // The calculator adds the unrounded duties and rounds the sum once (DutyOptions::Base
    // #duty_totals; 34.04403 + 315.2225 + 315.2225 + 288.20 = 952.68903). Landed's declared
    // `per_total` rounding policy (docs/rules.md §11) gives its totals:
    // spec/models/duty_calculator_spec.rb @ 62f4f93ed7283da5e23201618d650963554b3d26: third-country
    // "'£952.69'", tariff preference and suspension "'£918.65'", quota "'£1,170.82'";
    // @ 04a9afaa0eddc1454e5d8113c371d446438e6dc0 (no anti-dumping): third-country "'£664.49'",
    // quota "'£882.62'".
    assert_eq!(gb_to_ni("2.7%", true, "per_total").totals.duty, d("952.69"));
    assert_eq!(gb_to_ni("0%", true, "per_total").totals.duty, d("918.65"));
    assert_eq!(gb_to_ni("20%", true, "per_total").totals.duty, d("1170.82"));
    assert_eq!(gb_to_ni("2.7%", false, "per_total").totals.duty, d("664.49"));
    assert_eq!(gb_to_ni("20%", false, "per_total").totals.duty, d("882.62"));
}

/// A one-line GB quote of £1,200.00 goods (the suite's `:with_customs_value` trait,
/// `{'monetary_value' => '1200'}`), with the line's extra fields and the request's `fx`.
fn gb_1200(line: Value, fx: Value) -> Quote {
    let mut l = json!({"id": "x", "code": "2208403900", "quantity": "1", "unit_price": "1200"});
    l.as_object_mut().unwrap().extend(line.as_object().unwrap().clone());
    quote(json!({"destination": "GB", "date": "2025-01-01", "currency": "GBP", "origin": "US", "fx": fx, "lines": [l]}))
}

#[test]
fn alcohol_rate_per_percent_vol_per_hectolitre_uk_calculator() {
    // spec/services/expression_evaluators/alcohol_volume_measure_unit_spec.rb @
    // 63e24a5af47f79898a70a91deeec2730880de058, with the inputs of the suite's factory
    // (trade-tariff/trade-tariff-frontend spec/factories/duty_calculator/user_session.rb @
    // 285901c4ad6a3488968b1acece148a4122c14639): ':with_compound_measure_amount' hlt 45, asv 40 →
    // "formatted_value: '£900.00', # Result of no conversion to litres" (0.50 × 40 × 45);
    // ':with_coerced_compound_measure_amount' ltr 45, asv 40 → "'£9.00', # Result of converting volume
    // input in litres to hectolitres" (0.50 × 40 × 0.45).
    let per_vol = |litres: &str| {
        gb_1200(json!({"volume_l": litres, "alcohol_pct": "40", "duty_rate": "0.50 GBP / % vol/hl"}), json!({}))
    };
    assert_eq!(levy(&per_vol("4500").lines[0], LevyKind::Duty), d("900.00"));
    assert_eq!(levy(&per_vol("45").lines[0], LevyKind::Duty), d("9.00"));
}

#[test]
fn sugar_rate_per_100_kg_net_per_percent_sucrose_uk_calculator() {
    // spec/services/expression_evaluators/sucrose_measure_unit_spec.rb @
    // c55388b1652d4c4d81759cfe1173857c1375e78c: '0.30 GBP / 100 kg/net/%sacchar.' with the factory's
    // ':with_sucrose_measure_amount' kgm 16320, brx 80 (same factory as above) → "value: 3916.8"
    // (0.30 × 163.2 × 80). Per 100 kg net per 1 % of sucrose = per kg of sucrose: 16,320 × 80 % =
    // 13,056 kg; 0.30 × 13,056 = 3,916.80.
    let q = gb_1200(
        json!({"code": "1701999000", "weight_kg": "16320", "units": {"kg:sucrose": "13056"},
        "duty_rate": "0.30 GBP / 100 kg/net/%sacchar."}),
        json!({}),
    );
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("3916.80"));
}

#[test]
fn eur_and_gbp_rates_per_100_kg_uk_calculator() {
    // trade-tariff/trade-tariff-frontend spec/services/duty_calculator/expression_evaluators/
    // measure_unit_spec.rb @ 774b93159b2546f6c43f9d092bbeec2cb67315b6, dtn 100: "when passing a measure
    // component that is in euros" '35.10 EUR / 100 kg' → "formatted_value: '£3,008.42'", "value:
    // 3008.421" (the fixture's monthly EUR→GBP rate 0.8571, spec/fixtures/xi/monetary_exchange_rates.json
    // of the duty-calculator repository); "in pounds" '35.10 GBP / 100 kg' → "'£3,510.00'".
    let per_100kg = |rate: &str| {
        gb_1200(
            json!({"code": "0103921100", "units": {"100kg": "100"}, "duty_rate": rate}),
            json!({"EUR/GBP": "0.8571"}),
        )
    };
    assert_eq!(levy(&per_100kg("35.10 EUR / 100 kg").lines[0], LevyKind::Duty), d("3008.42"));
    assert_eq!(levy(&per_100kg("35.10 GBP / 100 kg").lines[0], LevyKind::Duty), d("3510.00"));
}

/// The GB → NI example as the current suite has it (with VAT), without the safeguard when
/// `safeguard` is false.
fn gb_to_ni_with_vat(duty_rate: &str, safeguard: bool) -> Quote {
    let mut extra = vec![
        json!({"name": "Additional Duties", "rate": "25%"}),
        json!({"name": "Definitive anti-dumping duty (C490)", "rate": "144.10 GBP / 1000 kg"}),
    ];
    if safeguard {
        extra.insert(0, json!({"name": "Additional duties (safeguard)", "rate": "25%"}));
    }
    quote(json!({"destination": "XI", "date": "2021-01-01", "currency": "GBP", "origin": "CN",
        "shipping": "250.89", "insurance": "10",
        "lines": [{"id": "x", "code": "7202118000", "quantity": "1", "unit_price": "1000",
                   "weight_kg": "2000", "duty_rate": duty_rate, "extra_duties": extra}]}))
}

#[test]
fn vat_is_charged_on_customs_value_plus_every_duty_uk_calculator() {
    // trade-tariff/trade-tariff-frontend spec/models/duty_calculator/duty_calculator_spec.rb @
    // 882c6a0bcea386a105afe71239f559e21900a084 (customs value £1,260.89, 2 tonnes, C490):
    // tariff preference 0 % (and the suspension option): "'20.00% * £2,179.54', '£435.91'",
    // Duty Total (duties + VAT) "'£1,354.55'"; non-preferential quota 20 %, safeguard excluded:
    // "'20.00% * £2,116.49', '£423.30'", "'£1,278.90'". VATA 1994 s.21(2)(a): the duties are in
    // the value for VAT.
    let pref = gb_to_ni_with_vat("0%", true);
    assert_eq!(pref.totals.tax, d("435.91"));
    assert_eq!(pref.totals.duty + pref.totals.tax, d("1354.55"));
    let quota = gb_to_ni_with_vat("20%", false);
    assert_eq!(quota.totals.duty, d("855.60"));
    assert_eq!(quota.totals.tax, d("423.30"));
    assert_eq!(quota.totals.duty + quota.totals.tax, d("1278.90"));
}

#[test]
fn vat_on_unrounded_duties_with_per_total_rounding_uk_calculator() {
    // The same spec @ 882c6a0bcea386a105afe71239f559e21900a084, third-country option: "'20.00% *
    // £2,213.58', '£442.72'" (1,260.89 + 952.68903 unrounded duties). With Landed's default
    // per-line rounding the VAT is 20 % × 2,213.57 = 442.71 (see the audit report); with the
    // declared `per_total` policy the duties stay unrounded in the VAT base, as the calculator has them.
    let q = gb_to_ni("2.7%", true, "per_total");
    assert_eq!(q.totals.tax, d("442.72"));
}
