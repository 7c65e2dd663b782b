//! fix-v: audit-s's bad-input residues (/work/findings/audit-s.md S3, S11, S13 and its "Not
//! done"). The rule each test holds is the project's (README "Hardening"): bad input gets a typed
//! error naming the field and the reason, never a silent default, a silent 0 or a dropped line,
//! and no input is accepted and ignored in silence. Where a figure is cited, the law it follows
//! is named beside it.

mod common;

use common::{engine, fails_with, landed, stdout};

/// `landed eval` reads what a caller typed (audit-s S3, S13): a bare number is refused as a
/// request's `duty_rate` is ("0.12" was priced as 0.12 %, "0.12% × 100 = 0.12", when a fraction
/// means 12 %), and a text that is no duty expression is `E_DUTY_EXPRESSION`, not "the tariff
/// publishes no rate here" (`""`) or "the rate has a condition" (`abc`). A tariff's words for a
/// rate set elsewhere are still answered as not priceable with why.
#[test]
fn eval_refuses_a_bare_number_and_a_text_that_is_no_duty_expression() {
    let err = fails_with(&landed(&["eval", "0.12", "--value", "100"], None), "E_DUTY_EXPRESSION");
    assert!(err.contains("expression") && err.contains("\"0.12%\"") && err.contains("\"12%\""), "{err}");
    let err = fails_with(&landed(&["eval", "10% MIN 5", "--value", "100"], None), "E_DUTY_EXPRESSION");
    assert!(err.contains("5 is a bare number"), "{err}");
    for text in ["", "   ", "abc"] {
        let err = fails_with(&landed(&["eval", text, "--value", "100"], None), "E_DUTY_EXPRESSION");
        assert!(err.contains("is not a duty expression"), "{text:?}: {err}");
    }
    let out = stdout(&landed(&["eval", "See note 3", "--value", "100"], None));
    assert!(out.starts_with("not priceable") && out.contains("set in a note"), "{out}");
    assert!(stdout(&landed(&["eval", "12%", "--value", "100"], None)).starts_with("12.00 USD"));
}

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

/// The `reason` of each row of a catalogue priced into GB on 2026-03-02 in GBP.
fn catalogue_reasons(csv: &str) -> Vec<String> {
    let options = landed::catalogue::CatalogueOptions {
        destinations: vec!["GB".into()],
        date: landed::date::Date::parse("2026-03-02").unwrap(),
        currency: Some(landed::money::Currency::parse("GBP").unwrap()),
        channel: None,
        incoterm: None,
    };
    let mut out = Vec::new();
    landed::catalogue::price_catalogue(&engine(), csv.as_bytes(), &mut out, &options, &mut |_| {}).expect("priced");
    let mut rdr = csv::Reader::from_reader(out.as_slice());
    let i = rdr.headers().unwrap().iter().position(|h| h == "reason").unwrap();
    rdr.records().map(|r| r.unwrap()[i].to_string()).collect()
}

/// A catalogue row's error names its line in the file and the column, not the request's field
/// (audit-s S13: an empty SKU was "line 2.id: line id is empty", `id` being no column of the
/// file): `line 2, column sku`, `unit_price` → `column price`, `units` with its key.
#[test]
fn a_catalogue_error_names_the_line_and_the_column() {
    let reasons = catalogue_reasons(
        "sku,code,price,origin,units\n,6109100010,12.50,CN,\nB,abc,1,CN,\nC,6109100010,x,CN,\nD,6109100010,12.50,ZZZ,\nE,6109100010,12.50,CN,kg=x\nB,6109100010,12.50,CN,\n",
    );
    let want = [
        "E_INVALID_FIELD: line 2, column sku: sku is empty",
        "E_HS_CODE: line 3, column code: ",
        "E_AMOUNT: line 4, column price: \"x\" is not a decimal number",
        "E_COUNTRY: line 5, column origin: ",
        "E_AMOUNT: line 6, column units: \"x\" is not a decimal number",
        "E_DUPLICATE_LINE_ID: line 7, column sku: sku \"B\" is used twice (first on line 3)",
    ];
    assert_eq!(reasons.len(), want.len(), "{reasons:?}");
    for (r, w) in reasons.iter().zip(want) {
        assert!(r.starts_with(w), "{r:?} does not start with {w:?}");
    }
}

/// `diff --catalogue` with no SKU whose duty changed says so, naming the dates and how many SKUs
/// were compared (audit-s S13: it printed an empty line, rc 0). `examples/cart.json` into GB on
/// two days of one month: the same UK Global Tariff rates (no SKU changes).
#[test]
fn diff_catalogue_with_nothing_changed_says_so() {
    let cart = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/cart.json");
    let out = stdout(&landed(&["diff", "--catalogue", cart, "--from", "2026-03-01", "--to", "2026-03-02"], None));
    assert_eq!(out.trim_end(), "no SKU's duty changed between 2026-03-01 and 2026-03-02 (4 SKUs compared)");
    // JSON stays the list of changes: empty.
    let json =
        stdout(&landed(&["diff", "--catalogue", cart, "--from", "2026-03-01", "--to", "2026-03-02", "--json"], None));
    assert_eq!(json.trim(), "[]");
}

/// `rate` where the snapshot has no tariff but a rule of the destination prices the code without
/// one (`rules/duty_free.tsv`) says what a quote does, citing the row (audit-s S13: `rate CH 6109`
/// said only `E_NO_TARIFF`, while a quote prices Swiss industrial goods duty free: the amendment
/// of the Zolltarifgesetz of 2021-10-01 (SR 632.10, BBl 2021 2330), in force from 2024-01-01 for
/// chapters 25-97 (BAZG, "Abolition of industrial tariffs"), row `ch-industrial-free`). Under a dutiable chapter (cheese, 04) it says the quote needs a rate;
/// before 2024 the row is not in force and the error is as before.
#[test]
fn rate_without_a_tariff_names_the_duty_free_row_a_quote_uses() {
    let err = fails_with(&landed(&["rate", "CH", "6109", "--date", "2026-03-02"], None), "E_NO_TARIFF");
    assert!(err.contains("a quote prices 6109 duty free on 2026-03-02 by duty_free.tsv#ch-industrial-free"), "{err}");
    let err = fails_with(&landed(&["rate", "CH", "0406", "--date", "2026-03-02"], None), "E_NO_TARIFF");
    assert!(
        err.contains("0406 (HS 04) is among the goods CH charges duty on (duty_free.tsv#ch-industrial-free)"),
        "{err}"
    );
    let err = fails_with(&landed(&["rate", "CH", "6109", "--date", "2020-03-02"], None), "E_NO_TARIFF");
    assert!(!err.contains("duty_free.tsv"), "{err}");
    // The quote it describes: duty free, by that row.
    let q = common::quote(serde_json::json!({"destination": "CH", "date": "2026-03-02", "currency": "CHF",
        "origin": "CN", "ship_from": "CN", "channel": "courier", "incoterm": "DDP", "lines": [{"id": "tee",
        "code": "6109.10", "quantity": "1", "unit_price": "100"}]}));
    let duty = q.lines[0].levies.iter().find(|l| l.kind == landed::quote::LevyKind::Duty).expect("duty");
    assert_eq!(duty.amount, Some(rust_decimal::Decimal::ZERO));
    assert!(format!("{duty:?}").contains("ch-industrial-free"), "{duty:?}");
}

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
