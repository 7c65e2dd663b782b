//! HTSUS 2209.00.00 "Vinegar and substitutes for vinegar obtained from acetic acid | 0.5¢/pf.liter"
//! (2026 Rev 3 and Rev 10, `tariffs/us.tsv`). Chapter 22 additional U.S. note 9: "For the purposes
//! of heading 2209, the standard proof of vinegar is 4 percent by weight of acetic acid"; notes 5
//! and 6, which make a proof liter one of alcohol, are written for headings 2204, 2206, 2207 and
//! 2208 only (audit-ll LL98).

use super::{duty, us};
use crate::common::d;
use landed::quote::{LevyKind, LineStatus};
use serde_json::json;

#[test]
fn a_proof_liter_of_vinegar_is_at_4_percent_acetic_acid_never_a_litre_of_alcohol_2209_00_00() {
    // 10 l of vinegar at 6 % acetic acid by weight = 10 × 6 / 4 = 15 proof liters of vinegar:
    // 0.5¢ × 15 = 7.5¢ = US$0.08 (half a cent rounds up).
    let q = crate::common::quote(us(
        "2026-11-20",
        "MX",
        "2209.00.00",
        json!({"quantity": "10", "unit_price": "3.00", "volume_l": "10", "units": {"l:vinegar_proof": "15"}}),
    ));
    assert_eq!(duty(&q), Some(d("0.08")), "{:?}", q.lines[0].levies);
    let formula = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).map(|l| l.formula.to_string());
    assert!(formula.as_deref().unwrap_or_default().contains("0.5 cents/proof liter of vinegar × 15"), "{formula:?}");

    // The same from the volume and the acetic acid strength by weight: 10 × 6 / 4 = 15.
    let q = crate::common::quote(us(
        "2026-11-20",
        "MX",
        "2209.00.00",
        json!({"quantity": "10", "unit_price": "3.00", "volume_l": "10", "acetic_acid_pct": "6"}),
    ));
    assert_eq!(duty(&q), Some(d("0.08")), "{:?}", q.lines[0].levies);
    assert!(!q.warnings.iter().any(|w| w.code == "W_INPUT_UNUSED"), "{:?}", q.warnings);
    // An acetic acid strength on a line charged per litre of alcohol is not read.
    let q = crate::common::quote(us(
        "2026-11-20",
        "MX",
        "2208.90.80",
        json!({"quantity": "10", "unit_price": "3.00", "volume_l": "10", "alcohol_pct": "40", "acetic_acid_pct": "6"}),
    ));
    assert!(
        q.warnings.iter().any(|w| w.code == "W_INPUT_UNUSED" && w.message.starts_with("lines[0].acetic_acid_pct")),
        "{:?}",
        q.warnings
    );

    // The alcoholic strength is no measure of vinegar: 10 l at 0.5 % vol was priced 0.00
    // complete ("0.5 cents/pf.liter × 0.1"). Now the duty is not priced, no figure, and the reason
    // says how to work out proof liters of vinegar; alcohol_pct is reported unused.
    let q = crate::common::quote(us(
        "2026-11-20",
        "MX",
        "2209.00.00",
        json!({"quantity": "10", "unit_price": "3.00", "volume_l": "10", "alcohol_pct": "0.5"}),
    ));
    let l = &q.lines[0];
    assert!(!crate::common::unpriced(l, LevyKind::Duty).is_empty());
    assert_ne!(l.status, LineStatus::Priced, "{:?}", l.levies);
    assert!(!q.totals.complete);
    let why = l.reason.clone().unwrap_or_default();
    assert!(why.contains("l:vinegar_proof") && why.contains("or volume_l with acetic_acid_pct"), "{why}");
    assert!(why.contains("acetic acid % by weight ÷ 4"), "{why}");
    assert!(why.contains("additional U.S. note 9"), "{why}");
    let unused = |field: &str| {
        q.warnings
            .iter()
            .any(|w| w.code == "W_INPUT_UNUSED" && w.message.contains(field) && w.message.contains("l:vinegar_proof"))
    };
    assert!(unused("lines[0].alcohol_pct") && unused("lines[0].volume_l"), "{:?}", q.warnings);
}

#[test]
fn an_acetic_acid_strength_without_the_volume_is_unused_for_want_of_volume_l_2209_00_00() {
    // audit-rr RR6: with `acetic_acid_pct` and no `volume_l`, the duty (0.5¢ per proof liter of
    // vinegar, note 9: litres × acetic acid % ÷ 4) is not priced and asks for both, and the
    // strength was called unused "no levy of this line is charged per proof liter of vinegar".
    let q = crate::common::quote(us(
        "2026-11-20",
        "MX",
        "2209.00.00",
        json!({"quantity": "10", "unit_price": "3.00", "weight_kg": "6", "acetic_acid_pct": "5"}),
    ));
    let w: Vec<&str> = q
        .warnings
        .iter()
        .filter(|w| w.code == "W_INPUT_UNUSED" && w.message.starts_with("lines[0].acetic_acid_pct"))
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(w.len(), 1, "{:?}", q.warnings);
    assert!(w[0].contains("not used: volume_l is missing") && !w[0].contains("no levy"), "{w:?}");
}
