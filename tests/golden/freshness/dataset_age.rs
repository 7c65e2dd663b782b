//! The age of a dataset on the date priced: a table newer than the date says so, never a
//! negative age.

use crate::common::quote;
use landed::quote::Quote;
use serde_json::{json, Value};

// m8-16: audit-m M8's smaller findings (findings/audit-m.md) and the CA luxury tax beside an
// unpriced excise (session 15's note), each decided from the text named beside it.

/// A one-line request, `line` merged into the line.
fn one_line(destination: &str, currency: &str, date: &str, origin: &str, line: Value) -> Value {
    let mut l = json!({"id": "a", "quantity": "1"});
    l.as_object_mut().unwrap().extend(line.as_object().unwrap().clone());
    json!({"destination": destination, "date": date, "currency": currency, "channel": "courier",
        "transport": "air", "incoterm": "DDP", "origin": origin, "ship_from": origin, "lines": [l]})
}

fn dataset<'q>(q: &'q Quote, id: &str) -> &'q landed::freshness::DatasetUsed {
    q.datasets.iter().find(|d| d.id == id).unwrap_or_else(|| panic!("{id} listed: {:?}", q.datasets))
}

/// A dataset's age runs from its edition to the date priced. The hand-encoded rule tables were
/// reviewed on 2026-11-26 (datasets.tsv `landed-rules`): on a quote of 2026-11-20 they are 6 days
/// newer than the date, never "age_days: -6" (audit-m M8), and their date-effective rows still
/// answer for the date, so they are not stale.
#[test]
fn a_table_newer_than_the_date_priced_says_so_never_a_negative_age() {
    let q = quote(one_line("US", "USD", "2026-11-20", "CN", json!({"code": "6109100012", "unit_price": "1000"})));
    let rules = dataset(&q, "landed-rules");
    assert_eq!((rules.age_days, rules.newer_by_days, rules.stale), (None, Some(6), false));
    let json = serde_json::to_value(rules).unwrap();
    assert!(json.get("age_days").is_none() && json["newer_by_days"] == 6, "{json}");
    // The HTS revision before the date keeps its age.
    let hts = dataset(&q, "usitc-hts-2026-rev10");
    assert_eq!((hts.age_days, hts.newer_by_days), (Some(165), None));
}
