//! The HTS 2026 revisions through the engine: a quote or lookup uses the schedule in force on
//! its date (the 2025 annual database until 2026-02-11, revision 3 from 2026-02-12, revision 10
//! from 2026-06-08), and the embedded lines agree with the USITC JSON files.

use landed::date::Date;
use landed::error::ErrorCode;
use landed::hs::HsCode;
use landed::quote::LevyKind;
use std::io::Read as _;
use std::path::PathBuf;

/// One engine for the whole test binary (engines are made once and shared).
fn engine() -> landed::Engine {
    static ENGINE: std::sync::LazyLock<landed::Engine> = std::sync::LazyLock::new(landed::Engine::embedded);
    *ENGINE
}

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn revision_file(name: &str) -> Option<Vec<serde_json::Value>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/tariff-sources/us/hts-2026").join(name);
    let Ok(file) = std::fs::File::open(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return None;
    };
    let mut json = String::new();
    flate2::read::GzDecoder::new(file).read_to_string(&mut json).unwrap();
    Some(serde_json::from_str(&json).unwrap())
}

fn rate(code: &str, on: &str) -> landed::api::RateLine {
    engine().rate("US", code, date(on)).unwrap().line.unwrap()
}

#[test]
fn a_line_changed_by_rev_10_reads_rev_3_before_2026_06_08_and_rev_10_from_then() {
    // 9802.00.50: rev 10 prints the special column's programme list as "(B,C)", rev 3 "(B,C,)".
    let before = rate("98020050", "2026-06-07");
    let from = rate("98020050", "2026-06-08");
    assert!(before.special.as_deref().unwrap().ends_with("(B,C,)"), "{:?}", before.special);
    assert!(from.special.as_deref().unwrap().ends_with("(B,C)"), "{:?}", from.special);
    assert_eq!((before.source.vintage, from.source.vintage), ("2026-02-12", "2026-06-08"));
    // 9903.94.05 (Section 232 auto parts): rev 10 adds 9903.94.66 and .67 to the exceptions.
    assert!(!rate("99039405", "2026-06-07").description.contains("9903.94.66"));
    assert!(rate("99039405", "2026-06-08").description.contains("9903.94.66 and 9903.94.67"));
}

#[test]
fn a_line_unchanged_by_rev_10_keeps_one_row_from_rev_3() {
    let line = rate("01013000", "2026-07-01");
    assert_eq!((line.duty_text.as_str(), line.valid_from, line.valid_to), ("6.8%", Some(date("2026-02-12")), None));
    // The row is Revision 3's; `rate` cites it by the edition in force on the date, as a quote's
    // levy does (fix-r: it said Revision 3 beside "edition in force: Revision 10").
    let engine = engine();
    let code = HsCode::parse("01013000").unwrap();
    let found = engine.snapshot().lookup("US", &code, date("2026-07-01")).unwrap();
    assert_eq!(
        engine.snapshot().source(&found.lines[0].row).dataset,
        "Harmonized Tariff Schedule 2026 Revision 3 (JSON)"
    );
    assert_eq!(line.source.dataset, "Harmonized Tariff Schedule 2026 Revision 10 (JSON)");
}

#[test]
fn the_2025_database_ends_the_day_before_rev_3() {
    let last = rate("01013000", "2026-02-11");
    assert_eq!((last.duty_text.as_str(), last.valid_to), ("6.80%", Some(date("2026-02-11"))));
    assert_eq!(last.source.dataset, "Harmonized Tariff Schedule annual tariff database 2025");
    assert_eq!(rate("01013000", "2026-02-12").source.vintage, "2026-02-12");
}

#[test]
fn a_heading_rev_10_drops_is_not_in_force_after_it() {
    // 9903.80.01 (Section 232 steel, restructured into 9903.82 by rev 10) is printed in rev 3
    // only: it ends on 2026-06-07, and a later lookup says so instead of quoting it.
    assert_eq!(rate("99038001", "2026-06-07").valid_to, Some(date("2026-06-07")));
    let e = engine().rate("US", "99038001", date("2026-07-01")).unwrap_err();
    assert_eq!(e.code, ErrorCode::Date);
    assert!(e.message.contains("2026-06-07"), "{}", e.message);
    // 9903.82.20 is new in rev 10.
    assert!(engine().rate("US", "99038220", date("2026-06-07")).is_err());
    assert_eq!(rate("99038220", "2026-06-08").source.vintage, "2026-06-08");
}

fn us_duty_source(on: &str) -> String {
    let req: landed::request::QuoteRequest = landed::request::decode(
        &serde_json::json!({
            "destination": "US", "date": on, "currency": "USD", "origin": "DE", "channel": "freight",
            "lines": [{"id": "x", "code": "6404.11.20", "quantity": "1", "unit_price": "1000.00"}]
        })
        .to_string(),
    )
    .unwrap();
    let q = engine().quote(&req).unwrap();
    let duty = q.lines[0]
        .levies
        .iter()
        .find(|l| l.kind == LevyKind::Duty && l.name.as_str().starts_with("Customs duty"))
        .unwrap();
    format!("{} {}", duty.source.dataset, duty.source.vintage)
}

#[test]
fn quotes_name_the_schedule_in_force_on_their_date() {
    assert_eq!(us_duty_source("2025-07-01"), "Harmonized Tariff Schedule annual tariff database 2025 2025-06-06");
    assert!(us_duty_source("2026-07-01").starts_with("Harmonized Tariff Schedule 2026 Revision"));
}

/// Deterministic sample of indexes (a linear congruential generator; no clock, no RNG crate).
fn sample(len: usize, n: usize, seed: u64) -> Vec<usize> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((x >> 33) as usize) % len
        })
        .collect()
}

fn collapsed(v: &serde_json::Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Rows of a revision with a code of 8 or 10 digits, each with the rates in force for it: its
/// own, or for a statistical row without rates, those of the 8-digit line above it.
fn coded_rows(rows: &[serde_json::Value]) -> Vec<(String, [String; 3])> {
    let mut out = Vec::new();
    let mut line: Option<(String, [String; 3])> = None;
    for r in rows {
        let code: String = r["htsno"].as_str().unwrap_or_default().replace('.', "");
        if code.len() < 8 {
            continue;
        }
        let own = [collapsed(r, "general"), collapsed(r, "special"), collapsed(r, "other")];
        let rates = match &line {
            Some((parent, rates)) if code.len() == 10 && code.starts_with(parent.as_str()) => rates.clone(),
            _ => own,
        };
        line = Some((code[..8].to_string(), rates.clone()));
        out.push((code, rates));
    }
    out
}

#[test]
fn sampled_lines_of_each_revision_agree_with_the_json_files() {
    let snap = engine().snapshot();
    for (file, on, seed) in [("hts_2026_rev_3.json.gz", "2026-03-01", 3), ("hts_2026_rev_10.json.gz", "2026-07-01", 10)]
    {
        let Some(rows) = revision_file(file) else { return };
        let coded = coded_rows(&rows);
        let mut statistical = 0;
        for i in sample(coded.len(), 400, seed) {
            let (code, [general, special, other]) = &coded[i];
            let found = snap.lookup("US", &HsCode::parse(code).unwrap(), date(on)).unwrap();
            let row = &found.lines[0].row;
            assert_eq!(found.matched_code, code[..8], "{file} {code}");
            assert_eq!(
                (row.mfn, row.special, row.col2),
                (general.as_str(), special.as_str(), other.as_str()),
                "{file} {code}"
            );
            assert!(snap.source(row).dataset.starts_with("Harmonized Tariff Schedule 2026 Revision"), "{file} {code}");
            statistical += usize::from(code.len() == 10);
        }
        assert!(statistical >= 100, "{file}: only {statistical} statistical rows sampled");
    }
}

#[test]
fn every_general_rate_text_of_chapters_1_to_97_is_parsed_or_classified() {
    // The column the engine prices (column 1 general). The JSON prints cents as `¢` (`1¢/kg`)
    // where the 2025 database wrote `1 cents/kg`: the same rates must parse. Only the
    // watch-movement texts "… shall not exceed …" are conditional, as in 2025. Chapters 98 and
    // 99 are special provisions, read by the additional-duty layers.
    use landed::duty::{DutyExpr, NotPriceableKind};
    let mut texts = std::collections::BTreeSet::new();
    for file in ["hts_2026_rev_3.json.gz", "hts_2026_rev_10.json.gz"] {
        let Some(rows) = revision_file(file) else { return };
        let coded = rows.iter().filter(|r| r["htsno"].as_str().is_some_and(|c| c.len() >= 10 && c < "98"));
        for r in coded.filter(|r| !collapsed(r, "general").is_empty()) {
            texts.insert(collapsed(r, "general"));
        }
    }
    let mut structured = 0;
    for t in &texts {
        match DutyExpr::parse(t) {
            DutyExpr::NotPriceable { kind: NotPriceableKind::Conditional, .. } => {
                assert!(t.contains("shall not exceed"), "{t:?} fell through to the catch-all")
            }
            DutyExpr::NotPriceable { kind: NotPriceableKind::SeeNote, .. } => assert!(t.starts_with("See "), "{t:?}"),
            DutyExpr::NotPriceable { .. } => {}
            _ => structured += 1,
        }
    }
    assert!(structured * 100 >= texts.len() * 97, "{structured} of {} texts structured", texts.len());
}
