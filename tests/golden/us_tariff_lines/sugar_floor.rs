//! HTSUS 1701.12.05 (2026 Rev 10): "3.6606¢/kg less 0.020668¢/kg for each degree under 100
//! degrees (and fractions of a degree in proportion) but not less than 3.143854¢/kg". The
//! polarization degree is not an input, so the duty is not priced; the text's floor is its lower
//! bound (docs/rules.md §18, audit-ll LL22).

use super::us;
use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus};
use serde_json::json;

#[test]
fn raw_sugar_is_at_least_its_floor_1701_12_05() {
    // 1,000 kg: at least 3.143854¢ × 1,000 = 31.43854 → 31.44; at most 36.61 (at 100 degrees).
    let q = quote(us(
        "2026-11-20",
        "MX",
        "1701.12.05",
        json!({"quantity": "1", "unit_price": "1000", "weight_kg": "1000"}),
    ));
    let l = &q.lines[0];
    let duty = l.levies.iter().find(|x| x.kind == LevyKind::Duty).expect("a duty");
    assert_eq!((duty.amount, duty.partial_amount), (None, Some(d("31.44"))), "{}", duty.formula);
    assert_eq!(l.status, LineStatus::Partial);
    assert!(l.reason.clone().unwrap_or_default().contains("polarization degree"), "{:?}", l.reason);
    // Without the weight there is no bound, and no figure.
    let q = quote(us("2026-11-20", "MX", "1701.12.05", json!({"quantity": "1", "unit_price": "1000"})));
    let duty = q.lines[0].levies.iter().find(|x| x.kind == LevyKind::Duty).expect("a duty");
    assert_eq!((duty.amount, duty.partial_amount), (None, None));
}
