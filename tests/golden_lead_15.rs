//! Session 15's lead fixes: the HTS chapter 99 headings for articles the product of Japan that the
//! goods lines' footnotes still point to are listed, not left out.

mod common;

use common::{d, quote};
use landed::quote::{LevyKind, LineStatus};
use serde_json::json;

fn shoe(origin: &str) -> landed::quote::Quote {
    quote(json!({"destination": "US", "origin": origin, "ship_from": origin, "date": "2026-11-20",
        "currency": "USD", "channel": "courier", "incoterm": "DDP",
        "lines": [{"id": "shoe", "code": "6403.99.90", "quantity": "1", "unit_price": "200.00"}]}))
}

/// audit-k K6. HTSUS 2026 Rev 10: 6403.99.90's footnote reads "See 9903.41.10 and 9903.88.15."
/// and heading 9903.41.10 (subchapter III, "Articles the product of Japan: … Footwear with outer
/// soles of leather and uppers wholly or in part of leather …") states 40 %, with no suspension
/// or end in either revision; U.S. note 3 and the proclamation are not in our sources. A
/// Japanese leather shoe is therefore not `complete` at the column 1 rate: the heading is listed,
/// unpriced, with its reason. The same shoe from Viet Nam is not touched by it.
#[test]
fn japanese_leather_footwear_lists_heading_9903_41_10() {
    let jp = shoe("JP");
    let line = &jp.lines[0];
    assert_eq!(line.status, LineStatus::Partial);
    let reason = line.reason.as_deref().unwrap_or_default();
    assert!(reason.contains("9903.41.10"), "{reason}");
    assert!(reason.contains("not verified from a primary source"), "{reason}");
    assert!(!jp.totals.complete);
    let vn = shoe("VN");
    assert!(!vn.lines[0].reason.as_deref().unwrap_or_default().contains("9903.41"));
    // The column 1 duty itself is unchanged: 10 % of US$200.00 (HTSUS 6403.99.90).
    let duty =
        |q: &landed::quote::Quote| q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).and_then(|l| l.amount);
    assert_eq!(duty(&jp), Some(d("20.00")));
}

/// HTSUS 2026 Rev 10: 4107.12.60's footnote reads "See U.S. note 3 to subchapter III, chapter 99,
/// 9903.41.05 and 9903.88.03." (heading 9903.41.05, Japanese bovine leather, 40 %).
#[test]
fn japanese_bovine_leather_lists_heading_9903_41_05() {
    let q = quote(json!({"destination": "US", "origin": "JP", "ship_from": "JP", "date": "2026-11-20",
        "currency": "USD", "channel": "courier", "incoterm": "DDP",
        "lines": [{"id": "hide", "code": "4107.12.60", "quantity": "1", "unit_price": "500.00"}]}));
    let reason = q.lines[0].reason.as_deref().unwrap_or_default();
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(reason.contains("9903.41.05"), "{reason}");
}
