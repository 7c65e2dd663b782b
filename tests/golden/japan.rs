//! Japan's tariff schedule (Japan Customs, version of 2026-07-09) in the embedded snapshot:
//! JP quotes answer from it, and its lines agree with the published JSON.
//!
//! Applied MFN rate (SOURCES.md, Customs Tariff Act art. 3-2 and the Temporary Tariff Measures
//! Act art. 2): the temporary rate where there is one, else the general rate, replaced by the
//! WTO rate where that is lower and not in parentheses.

mod consumption_tax_before_2019;
mod lower_bounds;
mod seasonal_preferences;
mod small_amount_exemption;
mod staged_epa_rates_after_1_april;
mod value_brackets;

use crate::common;
use crate::common::{d, engine, quote, request, sources};
use landed::date::Date;
use landed::duty::DutyExpr;
use landed::hs::HsCode;
use landed::incomplete::Exactness;
use landed::quote::{LevyKind, LineStatus, Quote};
use landed::snapshot::Match;
use landed::sweep::{sweep, SweepAxes};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn schedule_dir() -> Option<PathBuf> {
    let p = sources()?.join("jp/japan-tariff-2026-07-09");
    p.is_dir().then_some(p)
}

/// The published columns of one national line (own, or from the nearest ancestor).
fn published(code: &str, column: &str) -> Option<String> {
    let dir = schedule_dir()?;
    let file = dir.join(format!("j_{}_tariff_data.json", &code[..2]));
    let tree: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    fn find(node: &Value, code: &str, column: &str, inherited: Option<String>) -> Option<String> {
        let own = node["rate"][column].as_str().filter(|s| !s.is_empty()).map(String::from);
        let here = own.or(inherited);
        let stat: String = node["stat_code"].as_str().unwrap_or("").chars().filter(char::is_ascii_digit).collect();
        if format!("{stat}{}", node["hs_code"].as_str().unwrap_or("")) == code {
            return Some(here.unwrap_or_default());
        }
        node["children"].as_array()?.iter().find_map(|c| find(c, code, column, here.clone()))
    }
    tree.as_array()?.iter().find_map(|n| find(n, code, column, None))
}

fn jp_line(code: &str) -> (String, String) {
    let snap = engine().snapshot();
    let found = snap.lookup("JP", &HsCode::parse(code).unwrap(), Date::parse("2026-11-25").unwrap()).unwrap();
    assert_eq!(found.jurisdiction, "JP");
    assert_eq!(found.kind, Match::Exact, "{code}");
    let row = found.lines[0].row;
    (row.mfn.to_string(), row.special.to_string())
}

#[test]
fn jp_rate_610910_answers_from_japans_schedule() {
    let snap = engine().snapshot();
    let found = snap.lookup("JP", &HsCode::parse("610910").unwrap(), Date::parse("2026-11-25").unwrap()).unwrap();
    assert_eq!(found.jurisdiction, "JP");
    assert_eq!(found.kind, Match::Partial);
    let lines: Vec<(&str, &str)> = found.lines.iter().map(|l| (l.row.code(), l.row.mfn)).collect();
    // 6109.10 010: general 10.9 %, WTO (10.9 %) not applied; 020: general 11.2 %, WTO 7.4 % lower.
    assert_eq!(lines, vec![("610910010", "10.9%"), ("610910020", "7.4%")]);
    assert_eq!(snap.source(&found.lines[0].row).id, "japan-customs-2026-07-09");
    if schedule_dir().is_some() {
        assert_eq!(published("610910010", "基本").as_deref(), Some("10.9%"));
        assert_eq!(published("610910010", "WTO協定").as_deref(), Some("(10.9%)"));
        assert_eq!(published("610910020", "基本").as_deref(), Some("11.2%"));
        assert_eq!(published("610910020", "WTO協定").as_deref(), Some("7.4%"));
    }
}

#[test]
fn temporary_rate_applies_over_the_general_rate_jp() {
    // 0307.43 020 (squid): general 10 %, temporary 3.5 %, WTO (5 %) → 3.5 %.
    assert_eq!(jp_line("030743020").0, "3.5%");
    if schedule_dir().is_some() {
        assert_eq!(published("030743020", "基本").as_deref(), Some("10%"));
        assert_eq!(published("030743020", "暫定").as_deref(), Some("3.5%"));
        assert_eq!(published("030743020", "WTO協定").as_deref(), Some("(5%)"));
    }
}

#[test]
fn yen_per_unit_and_whichever_forms_jp() {
    // 2204.21 010 (fortified wine): WTO 112 円/l, lower than the general rate.
    assert_eq!(jp_line("220421010").0, "112 JPY / l");
    // 2204.21 020: "15 % or 125 円/l whichever is the lower, but not below 67 円/l" (WTO).
    assert_eq!(jp_line("220421020").0, "15% MAX 125 JPY / l MIN 67 JPY / l");
    // 0408.19 000: "20 % or 48 円/kg whichever is the higher" (WTO, every part below the general).
    assert_eq!(jp_line("040819000").0, "20% MIN 48 JPY / kg");
    if schedule_dir().is_some() {
        assert_eq!(published("220421010", "WTO協定").as_deref(), Some("112円/l"));
        assert_eq!(
            published("220421020", "WTO協定").as_deref(),
            Some("15%又は125円/lのうちいずれか低い税率\nただしその税率が67円/lを下回る場合は67円/l")
        );
        assert_eq!(published("040819000", "WTO協定").as_deref(), Some("20%又は48円/kgのうちいずれか高い税率"));
    }
    for code in ["220421010", "220421020", "040819000"] {
        assert!(DutyExpr::parse(&jp_line(code).0).is_structured(), "{code}");
    }
}

#[test]
fn seasonal_lines_become_one_seasonal_rate_jp() {
    // 0803.10 100 (plantains): WTO 20 % from 1 April to 30 September, 25 % from 1 October to 31 March.
    assert_eq!(jp_line("080310100").0, "20% (01 APR-30 SEP), 25% (01 OCT-31 MAR)");
}

#[test]
fn epa_rates_are_alternatives_by_programme_jp() {
    // 6109.10 020: EU, UK, CPTPP… free; RCEP China and Korea 4.6 %.
    let special = jp_line("610910020").1;
    assert!(special.starts_with("Free (LDC,SG,"), "{special}");
    assert!(special.ends_with(" 4.6% (RCEP_CN,RCEP_KR)"), "{special}");
    if schedule_dir().is_some() {
        assert_eq!(published("610910020", "EPA_RCEP_中国").as_deref(), Some("4.6%"));
        assert_eq!(published("610910020", "EPA_欧州連合").as_deref(), Some("無税"));
    }
}

#[test]
fn reference_price_lines_are_not_priced_jp() {
    // 0203.11 031 (pork carcasses between the gate prices): reference price minus customs value.
    let mfn = jp_line("020311031").0;
    assert!(matches!(DutyExpr::parse(&mfn), DutyExpr::NotPriceable { .. }), "{mfn}");
}

/// Every distinct duty text in jp.tsv (MFN and each `special` group) is either priceable or a
/// kept Japanese text classified as not priceable: none is priced by accident.
#[test]
fn every_jp_rate_text_is_priceable_or_classified() {
    let table = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tariffs/jp.tsv")).unwrap();
    let (mut texts, mut mfn_texts) = (BTreeSet::new(), BTreeSet::new());
    let (mut rows, mut priced_rows) = (0, 0);
    let mut unpriced_rows = std::collections::BTreeMap::<String, usize>::new();
    for line in table.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        texts.insert(f[5].to_string());
        mfn_texts.insert(f[5].to_string());
        rows += 1;
        match DutyExpr::parse(f[5]) {
            DutyExpr::NotPriceable { kind, .. } => *unpriced_rows.entry(format!("{kind:?}")).or_insert(0) += 1,
            _ => priced_rows += 1,
        }
        // The engine's own group reader: a seasonal rate's windows stay in its text (audit-q Q3).
        texts.extend(landed::rules::us::special_rates(f[6]).into_iter().map(|(rate, _)| rate));
    }
    let (mut priceable, mut classified) = (0, 0);
    for t in &texts {
        let japanese = t.chars().any(|c| c as u32 >= 0x2000);
        match DutyExpr::parse(t) {
            DutyExpr::NotPriceable { .. } => classified += 1,
            // A kept text with the least duty it gives (docs/rules.md §18, audit-ll LL84-92): a
            // lower bound, never a price.
            DutyExpr::AtLeast { expr, .. } if matches!(*expr, DutyExpr::NotPriceable { .. }) => classified += 1,
            _ => {
                assert!(!japanese, "a kept Japanese text parsed as a rate: {t}");
                priceable += 1;
            }
        }
    }
    let mfn_priceable = mfn_texts.iter().filter(|t| DutyExpr::parse(t).is_structured()).count();
    eprintln!(
        "jp.tsv distinct rate texts: {priceable} priceable, {classified} classified not priceable; \
         MFN: {mfn_priceable} of {} distinct texts, {priced_rows} of {rows} lines priceable; not priceable by reason: {unpriced_rows:?}",
        mfn_texts.len()
    );
    assert!(priceable > 500 && classified > 0);
}

// audit-g (the merchant's optimisation workflows and Japan): each finding G2-G7 fixed at its
// source, with the law or official example that settles the figure
// ([docs/rules.md](../../docs/rules.md#japan), [sweeps](../../docs/rules.md#sweeps)).

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
    assert_eq!(tax.difference, Some(d("0")));
    assert!(tax.likely_causes.iter().all(|c| !c.contains("below even that")), "{:?}", tax.likely_causes);
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

// audit-q (session 16, fix-q): Japan's state-trading lines, the stand-in exchange rate, the
// ¥10,000 exemption of a mixed parcel, lower bounds of "whichever is higher" duties, and the
// wording of GB lines priced through a correlation.

fn jp(lines: Value, origin: &str) -> Quote {
    quote(json!({"destination": "JP", "date": "2026-11-20", "currency": "JPY", "channel": "freight",
        "transport": "ocean", "incoterm": "DDP", "business_buyer": true, "origin": origin, "lines": lines}))
}

fn reason(q: &Quote, i: usize) -> String {
    q.lines[i].reason.clone().unwrap_or_default()
}

fn duty(q: &Quote, i: usize) -> Option<Value> {
    q.lines[i].levies.iter().find(|l| l.kind == LevyKind::Duty).map(|l| json!([l.amount, l.partial_amount]))
}

fn assumption(q: &Quote, starts: &str) -> Option<String> {
    q.warnings
        .iter()
        .filter(|w| w.code == "W_ASSUMPTION")
        .map(|w| w.message.to_string())
        .find(|m| m.starts_with(starts))
}

/// audit-q Q1. Japan's Tariff Schedule of 2026-07-09, 1006.30: line 010 is rice the government
/// imports under the Staple Food Act (主要食糧の需給及び価格の安定に関する法律) art. 30-31 or that
/// the Minister certifies (art. 34(1)(iii)); line 090 "その他のもの" has temporary ¥49/kg and the
/// WTO rate `*(341円/kg)`, marked `*` and in parentheses (not applied). The duty is ¥49/kg
/// (Temporary Tariff Measures Act art. 2); a private import also owes the Act's levy (納付金),
/// an amount by Cabinet Order our data does not hold: listed, the line partial, never complete at
/// the duty alone (it was: landed 376,800, complete).
#[test]
fn rice_outside_state_trading_is_priced_at_its_duty_and_lists_the_staple_food_act_levy() {
    let q = jp(
        json!([{"id": "r", "code": "1006.30-090", "quantity": "1000", "unit_price": "300", "weight_kg": "1000"}]),
        "US",
    );
    assert_eq!(duty(&q, 0), Some(json!(["49000", null])));
    assert_eq!(q.lines[0].status, LineStatus::Partial, "{:?}", q.lines[0]);
    assert!(reason(&q, 0).contains("Staple Food Act"), "{}", reason(&q, 0));
    let levy = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Excise).expect("the levy is listed");
    assert_eq!(levy.amount, None);
    assert!(!q.totals.complete && q.totals.at_least);
    assert_eq!(q.totals.duty, d("49000"));
    // Wheat 1001.99-099 (temporary ¥9.80/kg, WTO `*(55円/kg)`) and skimmed milk 0402.99-129
    // (temporary 25.5 % + ¥104/kg, WTO `*(25.5%＋509円/kg)`, beside the ALIC line of the
    // Livestock Act art. 17) are listed too; rice bought by the government (1006.30-010) is not.
    for code in ["1001.99-099", "0402.99-129"] {
        let q =
            jp(json!([{"id": "w", "code": code, "quantity": "1000", "unit_price": "100", "weight_kg": "1000"}]), "US");
        assert_eq!(q.lines[0].status, LineStatus::Partial, "{code}: {:?}", q.lines[0]);
        assert!(q.lines[0].levies.iter().any(|l| l.kind == LevyKind::Excise), "{code}");
    }
    let state = jp(
        json!([{"id": "r", "code": "1006.30-010", "quantity": "1000", "unit_price": "300", "weight_kg": "1000"}]),
        "US",
    );
    assert!(!state.lines[0].levies.iter().any(|l| l.kind == LevyKind::Excise));
}

/// audit-q Q2. Japan converts a foreign-currency value at the rate Customs publishes each week
/// (Customs Tariff Act art. 4-7), which our data does not hold: the ECB cross rate stands in,
/// and the quote says so as it does for every `ecb_daily` destination (docs/rules.md §8). It stays
/// complete, as the US and Canada always have; the caller's `fx` removes the assumption.
#[test]
fn a_japanese_quote_in_dollars_states_the_ecb_rate_as_a_stand_in_for_customs_weekly_rate() {
    let req = |fx: Option<Value>| {
        let mut r = json!({"destination": "JP", "date": "2026-11-20", "currency": "USD", "channel": "courier",
            "incoterm": "DDP", "business_buyer": true, "origin": "CN",
            "lines": [{"id": "t", "code": "6109.10-020", "quantity": "100", "unit_price": "25"}]});
        if let Some(fx) = fx {
            r["fx"] = fx;
        }
        quote(r)
    };
    let q = req(None);
    let w = assumption(&q, "fx USD/JPY").expect("the stand-in is stated");
    assert!(w.contains("ECB reference rate of 2026-10-30") && w.contains("JP's law"), "{w}");
    assert!(q.totals.complete);
    let given = req(Some(json!({"USD/JPY": "155"})));
    assert_eq!(assumption(&given, "fx USD/JPY"), None);
}

/// audit-q Q4. Customs Tariff Act art. 14 item 18 exempts "goods whose customs values total
/// ¥10,000 or less, other than those designated by Cabinet Order" (Cabinet Order art. 16-3:
/// knitted garments of 61.09); Customs Answer 1006 counts every article of the declaration. A
/// knitted T-shirt of ¥4,000 pays; woven trousers of ¥5,000 in the same parcel (total ¥9,000) keep
/// the exemption, and the assumption's text says so. T-shirt: 7.4 % × 4,000 = 296; tax base
/// 4,000 + 200 → 4,000, national 312, local 300 × 22/78 = 84; declaration: duty 200, tax 300 + 0.
/// With a T-shirt of ¥6,000 the total (¥11,000) is above ¥10,000: neither is exempt.
#[test]
fn a_designated_article_pays_and_the_rest_of_its_parcel_under_10000_yen_keeps_the_exemption() {
    let parcel = |tee: &str| {
        quote(json!({"destination": "JP", "date": "2026-11-20", "currency": "JPY", "channel": "courier",
            "incoterm": "DDP", "business_buyer": true, "origin": "CN",
            "lines": [{"id": "t", "code": "6109.10-020", "quantity": "1", "unit_price": tee},
                      {"id": "p", "code": "6203.42-200", "quantity": "1", "unit_price": "5000"}]}))
    };
    let q = parcel("4000");
    assert_eq!((q.totals.duty, q.totals.tax, q.totals.landed), (d("200"), d("300"), d("9500")));
    assert_eq!(common::levy(&q.lines[1], LevyKind::Duty), d("0"));
    assert!(q.totals.complete);
    let text = assumption(&q, "jp-small-10000").expect("the exemption's assumption");
    assert!(text.contains("the other goods of its consignment keep the exemption"), "{text}");
    assert!(!text.contains("without the exemption for all its goods"), "{text}");
    let above = parcel("6000");
    assert!(common::levy(&above.lines[1], LevyKind::Duty) > d("0"), "{:?}", above.lines[1]);
}

/// audit-qq QQ12. A DE bag (4202.21.110, JPY 300,000, claim EU) across 2027-04-01, when the EPA's
/// next stage is not in our data: each tax part's declaration total is rounded down to ¥100 (Act
/// on General Rules for National Taxes art. 119(1); Local Tax Act art. 20-4-2). Its difference on
/// 2027-04-01 is known only in part (the base is at least its known part), so the change of that
/// adjustment bounds nothing: `unknown`, never "a rise of at least 12".
#[test]
fn a_rounding_adjustment_not_priced_is_an_unknown_change_in_diff_qq12() {
    let req = request(json!({"destination": "JP", "origin": "DE", "ship_from": "DE", "date": "2027-03-31",
        "currency": "JPY", "channel": "courier", "claim": "EU",
        "lines": [{"id": "bag", "code": "4202.21.110", "quantity": "1", "unit_price": "300000"}]}));
    let c = landed::diff::compare_dates(
        &engine(),
        &req,
        Date::parse("2027-03-31").unwrap(),
        Date::parse("2027-04-01").unwrap(),
    )
    .unwrap();
    let rounding: Vec<_> = c.changes.iter().filter(|x| x.name.contains("rounded down")).collect();
    assert_eq!(rounding.len(), 2, "{:?}", c.changes);
    assert!(rounding.iter().all(|x| x.delta_is == Exactness::Unknown), "{rounding:?}");
}
