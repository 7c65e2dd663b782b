//! Japan's tariff schedule (Japan Customs, version of 2026-07-09) in the embedded snapshot:
//! JP quotes answer from it, and its lines agree with the published JSON.
//!
//! Applied MFN rate (SOURCES.md, Customs Tariff Act art. 3-2 and the Temporary Tariff Measures
//! Act art. 2): the temporary rate where there is one, else the general rate, replaced by the
//! WTO rate where that is lower and not in parentheses.

mod common;

use common::{engine, sources};
use landed::date::Date;
use landed::duty::DutyExpr;
use landed::hs::HsCode;
use landed::snapshot::Match;
use serde_json::Value;
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
