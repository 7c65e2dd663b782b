//! audit-g (the merchant's optimisation workflows and Japan): each finding G2-G7 fixed at its
//! source, with the law or official example that settles the figure
//! ([docs/rules.md](../docs/rules.md#japan), [sweeps](../docs/rules.md#sweeps)).

mod common;

use common::{d, engine, quote, request};
use landed::incomplete::Exactness;
use landed::quote::LineStatus;
use landed::sweep::{sweep, SweepAxes};
use serde_json::json;

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Two pairs of men's leather shoes (insole over 19 cm) at ¥12,000 from China, business buyer.
fn shoes(code: &str) -> serde_json::Value {
    json!({"destination": "JP", "origin": "CN", "ship_from": "CN", "date": "2026-11-26", "currency": "JPY",
        "channel": "courier", "incoterm": "DDP", "business_buyer": true,
        "lines": [{"id": "s", "code": code, "quantity": "2", "unit_price": "12000", "units": {"pair": "2"}}]})
}

#[test]
fn an_in_quota_line_is_partial_and_the_out_of_quota_line_prices_the_shoes_japan_tariff_6403_99() {
    // Japan's Tariff Schedule of 2026-07-09, 6403.99 1 (2): "− 共通の限度数量以内のもの" (within the
    // quota quantity set by Cabinet Order) carries the temporary 21.6 %, WTO "(21.6%)" in
    // parentheses: it applies only to goods imported under a quota certificate (関税割当証明書).
    // audit-g G2: 6403.99-012 was priced at 21.6 % = ¥5,184, landed ¥31,900, complete.
    let q = quote(shoes("6403.99.012"));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial, "{:?}", l.reason);
    let reason = l.reason.as_deref().unwrap_or_default();
    assert!(reason.contains("関税割当数量以内のもの 21.6%"), "{reason}");
    assert!(reason.contains("tariff-quota allocation") && reason.contains("その他のもの"), "{reason}");
    assert!(!q.totals.complete);
    // Without a certificate the goods are 6403.99-015 "− その他のもの / 紳士用": WTO "30 % or
    // ¥4,300/pair, whichever is higher": max(30 % × 24,000 = 7,200; 2 × 4,300 = 8,600) = 8,600;
    // national 7.8 % × (24,000 + 8,600 = 32,600 → 32,000) = 2,496 → 2,400 per declaration;
    // local 2,400 × 22/78 = 676 → 600 (Customs Answer 1111); landed 24,000 + 8,600 + 3,000.
    let q = quote(shoes("6403.99.015"));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    assert_eq!((q.totals.duty, q.totals.tax, q.totals.landed), (d("8600"), d("3000"), d("35600")));
}

#[test]
fn every_rate_of_an_in_quota_line_is_marked_in_the_tariff_japan_tariff_4104_11() {
    // 4104.11-211 "− 共通の限度数量（第一種のもの）以内のもの" (hides, temporary 12 %, CPTPP 12 %):
    // neither the MFN nor a programme's rate on it is priced without the quota allocation.
    let r = engine().rate("JP", "410411211", landed::date::Date::parse("2026-11-26").unwrap()).unwrap();
    let line = r.line.expect("one line");
    assert!(line.duty_text.starts_with("関税割当数量以内のもの"), "{}", line.duty_text);
    assert!(!line.expression.is_structured());
    let special = line.special.unwrap_or_default();
    assert_eq!(special, "関税割当数量以内のもの Free (LDC) 関税割当数量以内のもの 12% (CPTPP)");
}

#[test]
fn a_sweep_converts_each_row_back_at_its_own_quotes_rate_hmrc_monthly_rate() {
    // audit-g G3: €80 of T-shirts swept to GB and CH. The GB quote converts the goods at HMRC's
    // EUR/GBP rate for 2026-11 (Taxation (Cross-border Trade) Act 2018 s.18); its landed total
    // goes back to euros at the same rate, divided: 80.47 / 0.838222967309 = 96.0003… → 96.00
    // (it was 96.51, the ECB rate of 2026-10-30).
    let base = request(json!({"destination": "DE", "origin": "CN", "date": "2026-11-26", "currency": "EUR",
        "incoterm": "DDP", "lines": [{"id": "tee", "code": "6109.10.00", "quantity": "2", "unit_price": "40.00"}]}));
    let axes = SweepAxes {
        destinations: strs(&["GB", "CH"]),
        ship_froms: strs(&["CN"]),
        channels: vec![landed::request::Channel::Post],
        ..Default::default()
    };
    let r = sweep(&engine(), &base, &axes).unwrap();
    let gb = r.rows.iter().find(|x| x.destination == "GB").unwrap();
    let fx = gb.fx.as_ref().expect("the rate is shown");
    assert_eq!(fx.pair, "EUR/GBP");
    assert!(fx.source.starts_with("HMRC monthly exchange rate for 2026-11"), "{}", fx.source);
    assert_eq!(gb.landed, Some(d("80.47")));
    assert_eq!(gb.landed_in_request_currency, Some(d("96.00")));
}

/// audit-g's `jp2.json`: T-shirts, a bag, tea and a phone from China, business buyer.
fn jp2() -> serde_json::Value {
    json!({"destination": "JP", "origin": "CN", "ship_from": "CN", "date": "2026-11-26", "currency": "JPY",
        "channel": "courier", "incoterm": "DDP", "business_buyer": true, "shipping": "2000", "lines": [
        {"id": "tee", "code": "6109.10.020", "quantity": "10", "unit_price": "3000"},
        {"id": "bag", "code": "4202.21.210", "quantity": "1", "unit_price": "80000"},
        {"id": "tea", "code": "0902.10", "quantity": "5", "unit_price": "2000", "weight_kg": "0.5"},
        {"id": "phone", "code": "8517.13", "quantity": "1", "unit_price": "120000"}]})
}

#[test]
fn a_japanese_quote_states_the_rounding_its_figures_follow_customs_answer_1111() {
    // audit-g G4: the quote said `{"mode": "half_up", "scope": "per_line"}` (the request's policy)
    // while Japan rounds bases down to ¥1,000, each item's duty and tax down to the yen and each
    // declaration total down to ¥100 (General Rules for National Taxes art. 118(1), 119(1);
    // Customs Answer 1111). The request's policy stays as it was; the destination's rules are
    // listed beside it.
    let q = quote(jp2());
    let rules: Vec<(&str, &str, String)> =
        q.destination_rounding.iter().map(|r| (r.applies_to.as_ref(), r.mode.as_ref(), r.step.to_string())).collect();
    for want in [("duty_base", "down", "1000"), ("line_amount", "down", "1"), ("duty_total", "down", "100")] {
        assert!(rules.contains(&(want.0, want.1, want.2.to_string())), "{want:?} in {rules:?}");
    }
    assert!(q.destination_rounding.iter().all(|r| r.source.starts_with("tax_rounding.tsv#jp-")));
    assert_eq!(q.totals.duty, d("10300"));
    // A destination without rounding rules of its own lists none.
    let gb = quote(json!({"destination": "GB", "date": "2026-11-26", "currency": "GBP",
        "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "200.00"}]}));
    assert!(gb.destination_rounding.is_empty());
}

#[test]
fn a_date_before_our_tariff_data_is_not_a_change_japan_tariff_2026_07_09() {
    // audit-g G5: Japan charged the WTO 7.4 % on 2026-06-01 too; our schedule starts on
    // 2026-07-09, so the duty on 2026-06-01 is not known, never "newly charged".
    let c = landed::diff::compare_dates(
        &engine(),
        &request(jp2()),
        landed::date::Date::parse("2026-06-01").unwrap(),
        landed::date::Date::parse("2026-11-26").unwrap(),
    )
    .unwrap();
    let tee = c.changes.iter().find(|x| x.line == "tee" && x.name.starts_with("Customs duty")).unwrap();
    assert!(tee.why.starts_with("not known on 2026-06-01: no JP tariff in our data before 2026-07-09"), "{}", tee.why);
    assert_eq!(tee.delta_is, Exactness::AtMost);
    assert!(c.changes.iter().all(|x| !x.why.starts_with("newly charged")), "{:?}", c.changes);
}

#[test]
fn a_partial_japanese_quote_rounds_its_tax_totals_as_a_priced_one_would_general_rules_art_119() {
    // audit-g G6 (`jp1.json`, consumer, shipping ¥2,000): the duty total was rounded down to ¥100
    // (2,232 → 2,200) but the tax total was not (9,651). Each tax part's declaration total is
    // rounded down to ¥100 (General Rules for National Taxes art. 119(1); Local Tax Act art.
    // 20-4-2): national 1,482 + 374 + 5,616 = 7,472 → 7,400, local 394 + 84 + 1,579 = 2,057 →
    // 2,000: at least 9,400 (the bag's taxes are not known: they count as nothing, as in the
    // totals; rounding down keeps the bound at most the true total). The tea is food: 6.24 %
    // national + 1.76 % local (Consumption Tax Act art. 29; 2016 Act No. 15 supplementary
    // provisions art. 34; vat_classes.tsv#jp-food): 6.24 % × 6,000 = 374, 300 × 1.76/6.24 = 84.
    let v = json!({"destination": "JP", "origin": "CN", "ship_from": "CN", "date": "2026-11-26", "currency": "JPY",
        "channel": "courier", "incoterm": "DDP", "shipping": "2000", "lines": [
        {"id": "tee", "code": "6109.10.020", "quantity": "10", "unit_price": "3000"},
        {"id": "bag", "code": "4202.21.210", "quantity": "1", "unit_price": "80000"},
        {"id": "tea", "code": "0902.10", "quantity": "5", "unit_price": "2000", "weight_kg": "0.5"},
        {"id": "phone", "code": "8517.13", "quantity": "1", "unit_price": "120000"}]});
    let q = quote(v.clone());
    assert!(!q.totals.complete);
    assert_eq!((q.totals.duty, q.totals.tax), (d("2200"), d("9400")));
    // A bill equal to the rounded lower bound is not "below even that".
    let billed = landed::invoice::Billed { duty: Some(d("2200")), tax: Some(d("9400")), fees: Some(d("0")) };
    let check = landed::invoice::check(&engine(), &request(v), &billed).unwrap();
    let tax = check.differences.iter().find(|x| x.item == "tax").unwrap();
    assert_eq!(tax.difference, d("0"));
    assert!(tax.likely_causes.iter().all(|c| !c.contains("below even that")), "{:?}", tax.likely_causes);
}

#[test]
fn none_beside_auto_prices_the_unclaimed_combination_once() {
    // audit-g G7: `--claim none,auto` listed (and counted) the unclaimed row twice per date.
    let base = request(json!({"destination": "JP", "origin": "CN", "ship_from": "CN", "date": "2026-11-26",
        "currency": "JPY", "channel": "courier", "business_buyer": true,
        "lines": [{"id": "tee", "code": "6109.10.020", "quantity": "10", "unit_price": "3000"}]}));
    let axes = SweepAxes { claims: strs(&["none", "auto"]), ..Default::default() };
    let r = sweep(&engine(), &base, &axes).unwrap();
    let unclaimed = r.rows.iter().filter(|x| x.claim.is_none()).count();
    assert_eq!(unclaimed, 1, "{:?}", r.rows);
    assert_eq!(r.combinations, r.rows.len());
}

#[test]
fn a_claim_that_saves_no_duty_is_not_advised_as_a_claim_customs_tariff_act_art_3_3() {
    // audit-g G7 (`kr.json`): cosmetics 3304.99-090 (free) and a bag 4202.92 from Korea. Claiming
    // RCEP_KR on the free line saves nothing; it only sets the simplified tariff aside for the
    // consignment (art. 3-3(1) proviso, the engine's stated reading), as "tariff": "general" does.
    let base = request(json!({"destination": "JP", "origin": "KR", "ship_from": "KR", "date": "2026-11-26",
        "currency": "JPY", "channel": "courier", "incoterm": "DDP", "business_buyer": true, "lines": [
        {"id": "s", "code": "3304.99.090", "quantity": "10", "unit_price": "3000"},
        {"id": "b", "code": "4202.92.000", "quantity": "1", "unit_price": "20000"}]}));
    let axes = SweepAxes { claims: strs(&["auto"]), ..Default::default() };
    let r = sweep(&engine(), &base, &axes).unwrap();
    let claimed = r.rows.iter().find(|x| x.claim.as_deref() == Some("RCEP_KR")).expect("a claim row");
    assert!(
        claimed.notes.iter().any(|n| n.contains("lowers no duty") && n.contains("\"tariff\": \"general\"")),
        "{:?}",
        claimed.notes
    );
    if let Some(s) = r.savings.iter().find(|s| s.axis == "claim") {
        assert!(s.note.as_deref().is_some_and(|n| n.contains("lowers no duty")), "{s:?}");
    }
}

#[test]
fn an_intra_eu_saving_says_the_first_imports_duty_is_not_in_it_tfeu_art_28() {
    // audit-g G7: Chinese T-shirts to DE shipped from FR cross no customs border (TFEU art.
    // 28-30): the row assumes the goods in free circulation, so the duty of their first import is
    // in neither figure, and "ship_from FR instead of CN saves" says so.
    let base = request(json!({"destination": "DE", "origin": "CN", "date": "2026-11-26", "currency": "EUR",
        "channel": "post", "incoterm": "DDP",
        "lines": [{"id": "tee", "code": "6109.10.00", "quantity": "2", "unit_price": "40.00"}]}));
    let axes = SweepAxes { ship_froms: strs(&["CN", "FR"]), ..Default::default() };
    let r = sweep(&engine(), &base, &axes).unwrap();
    let fr = r.rows.iter().find(|x| x.ship_from.as_deref() == Some("FR")).unwrap();
    assert!(fr.notes.iter().any(|n| n.contains("first imported into the customs union")), "{:?}", fr.notes);
    if let Some(s) = r.savings.iter().find(|s| s.axis == "ship_from" && s.chosen == "FR") {
        assert!(s.note.as_deref().is_some_and(|n| n.contains("first imported")), "{s:?}");
    }
}

#[test]
fn a_quote_across_no_customs_border_names_no_tariff_tfeu_art_28() {
    // audit-g G7: an FR → DE quote (no customs duty: TFEU art. 28-30) warned that the UK Global
    // Tariff was 2,129 days old. It uses no tariff: none is listed, none warned about.
    let q = quote(json!({"destination": "DE", "origin": "CN", "ship_from": "FR", "channel": "post",
        "date": "2026-11-26", "currency": "EUR", "incoterm": "DDP",
        "lines": [{"id": "tee", "code": "6109.10.00", "quantity": "2", "unit_price": "40.00"}]}));
    assert_eq!(q.totals.duty, d("0.00"));
    assert!(q.warnings.iter().all(|w| w.code != "W_STALE_DATA"), "{:?}", q.warnings);
    assert!(q.datasets.iter().all(|x| x.id != "dit-ukgt-2021"));
}

#[test]
fn a_catalogue_prices_japanese_shoes_by_the_pair_japan_tariff_6403_99() {
    // audit-g G7: the catalogue had no units, claim, business_buyer or tariff column, so every
    // 64.03 line to Japan was partial ("needs the quantity in pair"). 6403.99-015 from Vietnam,
    // one pair at ¥12,000 for a business, general tariff: Japan's Tariff Schedule 2026-07-09, WTO
    // "30 % or ¥4,300/pair, whichever is higher": max(3,600; 4,300) = 4,300.
    let csv = "sku,code,price,origin,currency,quantity,units,business_buyer,tariff\n\
               shoe,6403.99.015,12000,VN,JPY,1,pair=1,true,general\n";
    let mut out = Vec::new();
    let options = landed::catalogue::CatalogueOptions {
        destinations: vec!["JP".into()],
        date: landed::date::Date::parse("2026-11-26").unwrap(),
        currency: None,
        channel: Some(landed::request::Channel::Courier),
        incoterm: Some(landed::request::Incoterm::Ddp),
    };
    landed::catalogue::price_catalogue(&engine(), csv.as_bytes(), &mut out, &options, &mut |_| {}).unwrap();
    let text = String::from_utf8(out).unwrap();
    let row: Vec<&str> = text.lines().nth(1).unwrap().split(',').collect();
    // sku, destination, code, matched_code, currency, goods, duty, tax, fees, landed, status
    assert_eq!((row[6], row[10]), ("4300", "priced"), "{text}");
    let bad = "sku,code,price,currency,units\nshoe,6403.99.015,12000,JPY,pair\n";
    let mut out = Vec::new();
    landed::catalogue::price_catalogue(&engine(), bad.as_bytes(), &mut out, &options, &mut |_| {}).unwrap();
    assert!(String::from_utf8(out).unwrap().contains("E_INVALID_FIELD: line 2, column units"));
}
