//! Japan's state-trading lines (audit-q Q1): the levy rows of `tariffs/rules/excise.tsv` cover
//! exactly the lines whose WTO rate the schedule of 2026-07-09 marks with a single `*`.

use std::collections::BTreeSet;
use std::path::PathBuf;

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The codes of an excise row, by id.
fn excise_codes(id: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(repository().join("tariffs/rules/excise.tsv")).unwrap();
    let row = text.lines().find(|l| l.split('\t').next() == Some(id)).unwrap_or_else(|| panic!("no row {id}"));
    row.split('\t').nth(3).unwrap().split(',').map(str::to_string).collect()
}

#[test]
fn the_levy_rows_cover_exactly_the_lines_the_schedule_marks_with_a_star() {
    let sources = repository().join("../shared/tariff-sources");
    if !sources.exists() {
        eprintln!("skipped: ../shared/tariff-sources not found");
        return;
    }
    let marked = landed_datagen::jp::state_trading_lines(&sources).unwrap();
    // Japan's Tariff Schedule of 2026-07-09: rice 1006.30-090, temporary ¥49/kg, WTO `*(341円/kg)`
    // beside 1006.30-010 (goods the government imports under the Staple Food Act art. 30).
    assert!(marked.contains("100630090"));
    assert!(!marked.contains("100630010"));
    let cereals = excise_codes("jp-staple-food-levy");
    let dairy = excise_codes("jp-dairy-state-trading");
    assert!(cereals.iter().all(|c| !c.starts_with("04")) && dairy.iter().all(|c| c.starts_with("04")));
    let listed: BTreeSet<String> = cereals.union(&dairy).cloned().collect();
    assert_eq!(listed, marked, "the excise rows must list every `*` line of the schedule, and only those");
    assert_eq!((cereals.len(), dairy.len()), (59, 50));
}
