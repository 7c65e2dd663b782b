//! A weight, a fuel consumption or a business buyer that no rule reads is `W_INPUT_UNUSED`.

use crate::common;

// fix-v: audit-s's bad-input residues (/work/findings/audit-s.md S3, S11, S13 and its "Not
// done"). The rule each test holds is the project's (README "Hardening"): bad input gets a typed
// error naming the field and the reason, never a silent default, a silent 0 or a dropped line,
// and no input is accepted and ignored in silence. Where a figure is cited, the law it follows
// is named beside it.

/// The `W_INPUT_UNUSED` messages of a quote that name `field` (a suffix of the path).
fn unused(q: &landed::Quote, field: &str) -> Vec<String> {
    q.warnings
        .iter()
        .filter(|w| w.code == "W_INPUT_UNUSED" && w.message.split(':').next().is_some_and(|f| f.ends_with(field)))
        .map(|w| w.message.to_string())
        .collect()
}

/// A line's `weight_kg` and `fuel_l_per_100km` that nothing read are `W_INPUT_UNUSED`, as
/// `volume_l` and `alcohol_pct` are (audit-s S13: a T-shirt's weight and fuel consumption were
/// ignored in silence). What reads them is named by the test: a duty per kg (US tomatoes
/// 0702.00.20, HTSUS column 1 "3.9¢/kg"), an allocation of the charges by weight (docs/rules.md
/// §10), and Canada's green levy on fuel-inefficient cars (Excise Tax Act, Schedule I s. 7: the
/// rate by the car's fuel-efficiency rating), whose row the line's fuel consumption chooses.
#[test]
fn a_weight_or_fuel_consumption_nothing_reads_is_w_input_unused() {
    // GB T-shirt 6109.10.00.10: 12 % ad valorem (UK Global Tariff), nothing per kg or by fuel.
    let tee = serde_json::json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP", "origin": "US",
        "ship_from": "US", "channel": "courier", "incoterm": "DDP", "lines": [{"id": "tee", "code": "6109.10.00.10",
        "quantity": "24", "unit_price": "12.50", "weight_kg": "4.8", "fuel_l_per_100km": "5"}]});
    let q = common::quote(tee.clone());
    assert_eq!(
        unused(&q, "weight_kg"),
        ["lines[0].weight_kg: no levy of this line is charged per kg, and charges are not allocated by weight, so the value was not used"]
    );
    assert_eq!(
        unused(&q, "fuel_l_per_100km"),
        ["lines[0].fuel_l_per_100km: no levy of this line depends on a car's fuel consumption, so the value was not used"]
    );
    // The same weight, the charges allocated by it: read.
    let mut by_weight = tee.clone();
    by_weight["allocation"] = "weight".into();
    by_weight["shipping"] = "10.00".into();
    assert!(unused(&common::quote(by_weight), "weight_kg").is_empty());
    // US tomatoes at 3.9¢/kg: 100 kg × 0.039 = 3.90, the weight read.
    let tomatoes = common::quote(serde_json::json!({"destination": "US", "date": "2026-03-02", "currency": "USD",
        "origin": "MX", "ship_from": "MX", "channel": "courier", "incoterm": "DDP", "transport": "air", "lines": [{"id": "t",
        "code": "0702.00.20", "quantity": "10", "unit_price": "10", "weight_kg": "100"}]}));
    assert!(unused(&tomatoes, "weight_kg").is_empty(), "{:?}", tomatoes.warnings);
    assert!(tomatoes.lines[0].levies.iter().any(|l| l.formula.to_string().contains("3.9 cents/kg × 100")));
    // A car into Canada: the green levy's row is chosen by the fuel consumption (read); no levy
    // is per kg, and the A/C excise listed without a rate is named, as for litres (fix-r).
    let car = common::quote(serde_json::json!({"destination": "CA", "subdivision": "ON", "date": "2026-03-02",
        "currency": "CAD", "origin": "US", "ship_from": "US", "channel": "courier", "incoterm": "DDP", "lines": [{"id": "car",
        "code": "8703.80", "quantity": "1", "unit_price": "50000", "duty_rate": "0%", "fuel_l_per_100km": "5",
        "weight_kg": "1500"}]}));
    assert!(unused(&car, "fuel_l_per_100km").is_empty(), "{:?}", car.warnings);
    let weight = unused(&car, "weight_kg");
    assert!(weight.len() == 1 && weight[0].contains("no levy priced on this line is charged per kg"), "{weight:?}");
}

/// A one-line cart of a T-shirt from China bought by a business, at `price` in `currency`.
fn business_tee(dest: &str, currency: &str, code: &str, price: &str) -> serde_json::Value {
    serde_json::json!({"destination": dest, "date": "2026-03-02", "currency": currency, "origin": "CN",
        "ship_from": "CN", "channel": "courier", "incoterm": "DDP", "transport": "air", "business_buyer": true,
        "lines": [{"id": "tee", "code": code, "quantity": "1", "unit_price": price}]})
}

/// `business_buyer: true` where no rule the consignment comes under differs for a business is
/// `W_INPUT_UNUSED` (audit-s S13: the US, and GB or DE over their low-value limits, said
/// nothing). Where one does, nothing is said: GB's £135 rows (a consumer's seller-collected VAT,
/// a VAT-registered business's reverse charge: gov.uk "Charging VAT on goods sold direct to
/// customers in the UK"), the EU's IOSS for consumers within EUR 150 (Directive 2006/112/EC
/// art. 369l), Canada's HST, of which a GST registrant pays the federal part at the border
/// (CBSA D8-2-16; docs/rules.md, `ontario_consumer_pays_full_hst_rules_3`), and Japan's
/// personal-use value (Customs Tariff Act art. 4-6(2)). Over GB's £135 and DE's EUR 150, or in Alberta (GST only, no provincial tax),
/// the buyer changes nothing.
#[test]
fn a_business_buyer_no_rule_reads_is_w_input_unused() {
    let said = |dest: &str, currency: &str, code: &str, price: &str, sub: Option<&str>| {
        let mut req = business_tee(dest, currency, code, price);
        if let Some(s) = sub {
            req["subdivision"] = s.into();
        }
        let q = common::quote(req);
        let w = unused(&q, "business_buyer");
        assert!(w.len() <= 1, "{w:?}");
        if let Some(m) = w.first() {
            let want = format!(
                "business_buyer: no rule of {dest} on 2026-03-02 that this consignment comes under differs for a business buyer"
            );
            assert!(m.starts_with(&want) && m.ends_with("so the value was not used"), "{m}");
        }
        !w.is_empty()
    };
    assert!(said("US", "USD", "6109.10.00.12", "50", None));
    assert!(said("GB", "GBP", "6109.10.00.10", "500", None));
    assert!(!said("GB", "GBP", "6109.10.00.10", "50", None));
    assert!(said("DE", "EUR", "6109100010", "500", None));
    assert!(!said("DE", "EUR", "6109100010", "50", None));
    assert!(!said("CA", "CAD", "6109.10", "500", Some("ON")));
    assert!(said("CA", "CAD", "6109.10", "500", Some("AB")));
    assert!(!said("JP", "JPY", "610910", "50000", None));
}
