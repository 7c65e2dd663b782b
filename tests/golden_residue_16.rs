//! Session 16's residue: no caller figure settles a row it does not name, no input ignored in
//! silence (docs/rules.md §21, §22; audit-n N7).

mod common;

use common::{d, levy, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

/// A Chinese e-bike of EUR 1,200 into France on 2026-11-26 (freight, DDP), with `extra_duties`.
/// It bears the anti-dumping and the countervailing duty of Implementing Regulations (EU) 2019/73
/// and 2019/72 (maintained by 2025/120 and 2025/114): `tariffs/rules/trade_remedies.tsv`
/// `eu-ebike-ad`, `eu-ebike-cvd`.
fn ebike(extra: Value) -> Quote {
    quote(json!({"destination": "FR", "date": "2026-11-26", "currency": "EUR", "channel": "freight",
        "ship_from": "CN", "incoterm": "DDP", "lines": [{"id": "b", "code": "8711601000", "quantity": "1",
        "unit_price": "1200", "origin": "CN", "extra_duties": extra}]}))
}

/// The rows of the measures a line lists without an amount, with their `rate` column.
fn unanswered(q: &Quote) -> Vec<(String, String)> {
    let rows = q.lines[0].levies.iter().filter(|v| v.kind == LevyKind::AdditionalDuty && v.amount.is_none());
    rows.filter(|v| v.source.row().starts_with("trade_remedies.tsv"))
        .map(|v| (v.source.row().to_string(), v.rate.to_string()))
        .collect()
}

#[test]
fn a_caller_duty_naming_no_measure_beside_two_settles_neither_regulations_2019_72_and_2019_73() {
    // One caller duty of 62.1 % (the anti-dumping duty's residual rate, 2019/73 art. 1) without
    // `answers`: it may be the anti-dumping duty, the countervailing duty or their sum. It is
    // charged (62.1 % × 1,200.00 = 745.20), and each measure is listed "not answered": the line
    // is partial, never complete with the countervailing duty dropped in silence.
    let q = ebike(json!([{"name": "AD 2025/120", "rate": "62.1%"}]));
    let l = &q.lines[0];
    assert_eq!(
        unanswered(&q),
        [
            ("trade_remedies.tsv#eu-ebike-ad".to_string(), "not answered".to_string()),
            ("trade_remedies.tsv#eu-ebike-cvd".to_string(), "not answered".to_string())
        ]
    );
    assert_eq!(l.status, LineStatus::Partial);
    assert!(!q.totals.complete);
    let reason = l.reason.as_deref().unwrap();
    assert!(
        reason.contains("the caller's duty \"AD 2025/120\" (extra_duties[0]) does not say which of the line's 2 trade remedies (eu-ebike-ad, eu-ebike-cvd) it answers"),
        "{reason}"
    );
    assert!(reason.contains("\"answers\": [\"eu-ebike-cvd\"]"), "{reason}");
    let charged: Vec<_> =
        l.levies.iter().filter(|v| v.kind == LevyKind::AdditionalDuty).filter_map(|v| v.amount).collect();
    assert_eq!(charged, [d("745.20")]);
}

#[test]
fn a_caller_duty_answers_the_measures_it_names_and_leaves_the_other_listed() {
    // The anti-dumping duty named: the countervailing duty stays listed with its own reason (the
    // producer decides its rate, 3.9 % to 17.2 %).
    let q = ebike(json!([{"name": "AD 2025/120", "rate": "62.1%", "answers": ["eu-ebike-ad"]}]));
    assert_eq!(unanswered(&q).len(), 1);
    assert_eq!(unanswered(&q)[0].0, "trade_remedies.tsv#eu-ebike-cvd");
    assert!(unanswered(&q)[0].1.contains("17.2 %"), "{:?}", unanswered(&q));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    // One entry naming both, their sum (62.1 % + 17.2 % = 79.3 % × 1,200.00 = 951.60): complete.
    let q = ebike(json!([{"name": "AD + CVD", "rate": "79.3%", "answers": ["eu-ebike-ad", "eu-ebike-cvd"]}]));
    assert!(unanswered(&q).is_empty());
    assert_eq!(levy(&q.lines[0], LevyKind::AdditionalDuty), d("951.60"));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    // Of kind antidumping / countervailing, the same.
    let q = ebike(json!([
        {"name": "AD", "rate": "62.1%", "kind": "antidumping", "answers": ["eu-ebike-ad"]},
        {"name": "CVD", "rate": "17.2%", "kind": "countervailing", "answers": ["eu-ebike-cvd"]}
    ]));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    assert_eq!(levy(&q.lines[0], LevyKind::AdditionalDuty), d("951.60"));
}

#[test]
fn a_single_measure_is_still_answered_by_an_entry_naming_none_implementing_regulation_2024_2754() {
    // A Chinese BEV into Germany bears one measure (2024/2754, countervailing): the caller's
    // 20.7 % ("other cooperating companies") without `answers` answers it, as before.
    let q = quote(json!({"destination": "DE", "date": "2026-11-26", "currency": "EUR", "channel": "freight",
        "transport": "ocean", "incoterm": "DDP", "ship_from": "CN", "shipping": "1500.00", "origin": "CN",
        "lines": [{"id": "car", "code": "87038010", "quantity": "1", "unit_price": "30000.00",
            "extra_duties": [{"name": "CVD 2024/2754", "rate": "20.7%"}]}]}));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    // 20.7 % × 31,500.00 (CIF) = 6,520.50 (docs/rules.md §22).
    assert_eq!(levy(&q.lines[0], LevyKind::AdditionalDuty), d("6520.50"));
}

#[test]
fn an_answer_that_is_no_measure_of_the_line_is_an_error() {
    let engine = common::engine();
    let req = |extra: Value| {
        common::request(json!({"destination": "FR", "date": "2026-11-26", "currency": "EUR", "channel": "freight",
            "ship_from": "CN", "lines": [{"id": "b", "code": "8711601000", "quantity": "1", "unit_price": "1200",
            "origin": "CN", "extra_duties": extra}]}))
    };
    let e =
        engine.quote(&req(json!([{"name": "CVD", "rate": "20.7%", "answers": ["eu-bev-cvd"]}]))).expect_err("a car's");
    assert_eq!(e.field.as_deref(), Some("lines[0].extra_duties[0].answers[0]"), "{e}");
    assert!(e.message.contains("eu-ebike-ad, eu-ebike-cvd"), "{e}");
    // An empty id names nothing.
    let e = engine.quote(&req(json!([{"name": "CVD", "rate": "20.7%", "answers": [" "]}]))).expect_err("empty");
    assert!(e.message.contains("trade_remedies.tsv"), "{e}");
}

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

/// Two T-shirts of CAD 150 from China into Ontario (HST 13 %, Excise Tax Act s.165(2)) by
/// courier on 2026-03-02 (audit-n N7's `ca4.json`).
const ONTARIO_TEES: &str = r#"{"destination":"CA","subdivision":"ON","date":"2026-03-02","currency":"CAD",
    "channel":"courier","origin":"CN","lines":[{"id":"tee","code":"6109100010","quantity":"2","unit_price":"150.00"}]}"#;

#[test]
fn a_province_is_applied_to_its_own_destination_only_in_a_sweep() {
    // audit-n N7: `sweep --dest CA,AU,GB,US` of a request with "subdivision": "ON" refused every
    // other destination (E_INVALID_FIELD subdivision: their duty and taxes do not differ by
    // subdivision) and named the one CA row "cheapest" with a spread of 0.00. The province is
    // Canada's: the other rows are priced without it, and say so.
    let base = common::request(serde_json::from_str(ONTARIO_TEES).unwrap());
    let axes = landed::sweep::SweepAxes {
        destinations: ["CA", "AU", "GB", "US"].map(String::from).to_vec(),
        ..Default::default()
    };
    let r = landed::sweep::sweep(&common::engine(), &base, &axes).expect("sweep");
    assert_eq!(r.rows.len(), 4);
    for row in &r.rows {
        assert_eq!(row.error, None, "{row:?}");
        let said = row
            .notes
            .iter()
            .any(|n| n == &format!("subdivision ON was given for destination CA, not applied to {}", row.destination));
        assert_eq!(said, row.destination != "CA", "{row:?}");
    }
    // The text's spread is over two complete rows or more, and says over how many.
    let out = common::stdout(&common::landed(&["sweep", "-", "--dest", "CA,AU,GB,US"], Some(ONTARIO_TEES)));
    let complete = r.rows.iter().filter(|row| row.complete).count();
    match complete {
        0 | 1 => assert!(!out.contains("spread:"), "{out}"),
        n => assert!(out.trim_end().ends_with(&format!(" over {n} complete quotes")), "{out}"),
    }
}

#[test]
fn a_claim_that_holds_on_a_transit_condition_is_marked_and_ranked_after_the_complete_rows_usmca_art_4_18() {
    // A Mexican T-shirt shipped from China claiming USMCA (S) holds only under the agreement's
    // transit rule (USMCA art. 4.18, W_CLAIM_TRANSIT): `complete: false`, `at_least: false`. Its
    // 200.00 (no duty) is printed "200.00?", after the complete rows, and the summary says it
    // holds on a condition, not that it is a lower bound.
    let us = r#"{"destination":"US","date":"2026-03-02","currency":"USD","channel":"courier","ship_from":"CN",
        "lines":[{"id":"tee","code":"6109100012","quantity":"2","unit_price":"100.00"}]}"#;
    let out = common::stdout(&common::landed(&["sweep", "-", "--origin", "CN,VN,MX,IN", "--claim", "auto"], Some(us)));
    let rows: Vec<&str> = out.lines().filter(|l| l.contains(" 2026-03-02 US ")).collect();
    let conditional = rows.iter().position(|l| l.contains("claim S")).expect("the S row");
    assert!(rows[conditional].trim_start().starts_with("200.00? "), "{out}");
    assert!(rows[..conditional].iter().all(|l| !l.contains('?') && !l.contains('≥')), "{out}");
    assert!(out.contains("1 quotes below it hold only on a condition (marked ?)"), "{out}");
    assert!(!out.contains("have a lower bound below it"), "{out}");
}

#[test]
fn a_tax_difference_of_the_rate_times_the_billed_fees_names_the_carriers_charge_first_ustg_11_3_3() {
    // A T-shirt of EUR 200 from China into Germany by courier: duty 12 % = 24.00, EUStG 19 % ×
    // 224.00 = 42.56. The carrier bills tax 44.84 and fees 12.00: 44.84 − 42.56 = 2.28 = 19 % ×
    // 12.00, the carrier's clearance charge in the import VAT base (UStG § 11(3) Nr. 3: costs up
    // to the place of destination), which the quote's W_ASSUMPTION tax_base_charges names.
    let req = common::request(json!({"destination": "DE", "date": "2026-03-02", "currency": "EUR",
        "channel": "courier", "origin": "CN",
        "lines": [{"id": "tee", "code": "6109100010", "quantity": "1", "unit_price": "200.00"}]}));
    let billed = landed::invoice::Billed { duty: Some(d("24.00")), tax: Some(d("44.84")), fees: Some(d("12")) };
    let check = landed::invoice::check(&common::engine(), &req, &billed).expect("check");
    let tax = check.differences.iter().find(|x| x.item == "tax").expect("tax differs");
    assert_eq!((tax.expected, tax.difference), (d("42.56"), d("2.28")));
    assert!(
        tax.likely_causes[0].starts_with(
            "the carrier's charge in the import VAT/GST base: the difference is 19% × the billed fees (12)"
        ),
        "{:?}",
        tax.likely_causes
    );
    assert!(tax.likely_causes[0].contains("W_ASSUMPTION tax_base_charges"), "{:?}", tax.likely_causes);
    // A difference the fees do not explain is not put down to them.
    let billed = landed::invoice::Billed { duty: Some(d("24.00")), tax: Some(d("44.00")), fees: Some(d("12")) };
    let check = landed::invoice::check(&common::engine(), &req, &billed).expect("check");
    let tax = check.differences.iter().find(|x| x.item == "tax").expect("tax differs");
    assert!(!tax.likely_causes.iter().any(|c| c.contains("carrier's charge")), "{:?}", tax.likely_causes);
}

#[test]
fn a_catalogue_row_says_its_price_is_for_the_sku_shipped_alone_vata_1994_s7_and_the_135_pound_rule() {
    // audit-n N7 (`cat1.csv`): a £120 T-shirt into GB is within the £135 consignment limit (the
    // seller collects the VAT at the sale, no duty: Taxation (Cross-border Trade) Act 2018 and
    // VATA 1994 s.7(5A)); two of them (£240) are not. The row's price holds for the SKU alone:
    // its last column says so, naming the threshold decided on that value.
    let csv = "sku,code,price,origin,currency\ntee,6109100010,120.00,CN,GBP\n";
    let options = landed::catalogue::CatalogueOptions {
        destinations: vec!["GB".into()],
        date: landed::date::Date::parse("2026-03-02").unwrap(),
        currency: None,
        channel: Some(landed::request::Channel::Courier),
        incoterm: Some(landed::request::Incoterm::Ddp),
    };
    let mut out = Vec::new();
    landed::catalogue::price_catalogue(&common::engine(), csv.as_bytes(), &mut out, &options, &mut |_| {}).unwrap();
    let mut rdr = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    // Column 16 (session 17 appended as_of, input_currency, fx and warnings after it: audit-s S6).
    assert_eq!(header[15], "consignment");
    assert_eq!(header[..15], landed::catalogue::OUTPUT_COLUMNS[..15]);
    let row = rdr.records().next().unwrap().unwrap();
    let note = &row[15];
    assert!(note.starts_with("this SKU alone: "), "{note}");
    assert!(note.contains("a consignment with other goods may not be within it"), "{note}");
}

#[test]
fn litres_given_for_an_excise_our_data_cannot_price_are_unused_and_say_what_would_read_them() {
    // Spirits into Germany (Alkoholsteuergesetz § 2: EUR 1,303 per hl of pure alcohol; our data
    // has no rate, so the excise is listed without an amount): the volume and strength are read
    // by no levy priced. Named, with what would read them: the listed excise, by its row, given a
    // rate per litre (of alcohol) by the caller; not called unused (fix-r, tests/golden_fix_r.rs).
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
