//! audit-ee M2: goods returned after repairs, alterations or processing abroad (HTSUS 9802.00.40,
//! .50, .60) and assembled abroad of U.S. components (9802.00.80) are not exempt from the
//! additional duties as the other chapter 98 goods are: they pay them on the value the provision
//! taxes. CBP CSMS #67844987 (Section 122, as reproduced by jmrodgers.com): "certain 9802
//! provisions remain subject to the additional duty on the value of foreign repairs, alterations,
//! processing, or assembly"; CBP IEEPA FAQ (as reproduced): the chapter 98 exemption does not
//! cover "goods entered under subheading 9802.00.80; 9802.00.40, 9802.00.50, 9802.00.60", whose
//! additional duties apply to the value of the repairs. That value is given as the one component
//! the line's duty rate is charged on; without it the layers are listed unpriced, never exempt and
//! never charged on the full value.

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

/// A US$1,000 article returned after repairs (9802.00.50), formal ocean entry, with the caller's
/// duty rate (the tariff line reads "A duty upon the value of the repairs or alterations").
fn repaired(origin: &str, date: &str, rate: &str, repairs: Option<&str>) -> Quote {
    let mut line = json!({"id": "a", "code": "9802.00.50", "quantity": "1", "unit_price": "1000.00",
        "duty_rate": rate});
    if let Some(v) = repairs {
        line["components"] = json!({"repairs": v});
    }
    quote(json!({"destination": "US", "date": date, "currency": "USD", "channel": "freight", "transport": "ocean",
        "entry_type": "formal", "incoterm": "DDP", "origin": origin, "ship_from": origin, "lines": [line]}))
}

fn layer<'q>(q: &'q Quote, ch99: &str) -> Option<&'q landed::quote::Levy> {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::AdditionalDuty && l.name.as_str().contains(ch99))
}

/// Section 122 (HTSUS 2026 Rev 10 heading 9903.03.01, + 10 %) on a German repair of 2026-03-01:
/// the repairs of US$300 at 2.5 % = 7.50 and 10 % × 300.00 = 30.00; before, the surcharge was
/// called exempt and the quote `complete` at 25.00 (audit-ee I01).
#[test]
fn section_122_is_charged_on_the_value_of_the_repairs() {
    let q = repaired("DE", "2026-03-01", "2.5% on repairs", Some("300.00"));
    let s122 = layer(&q, "9903.03.01").expect("charged");
    assert_eq!((s122.base, s122.amount), (d("300.00"), Some(d("30.00"))), "{}", s122.formula);
    assert!(s122.base_note.to_string().contains("value of the repairs or alterations under 9802.00.50"));
    assert_eq!(q.totals.duty, d("37.50"), "{:?}", q.lines[0].levies);
    assert!(q.lines[0].excluded.iter().all(|e| e.ch99 != "9903.03.01"), "{:?}", q.lines[0].excluded);
}

/// Without the value of the repairs the surcharge is listed unpriced and the line partial.
#[test]
fn without_the_value_of_the_repairs_the_layers_are_unpriced() {
    let q = repaired("DE", "2026-03-01", "2.5%", None);
    let s122 = layer(&q, "9903.03.01").expect("listed");
    assert_eq!(s122.amount, None);
    assert!(s122.formula.to_string().contains("not on the full value"), "{}", s122.formula);
    assert_eq!((q.lines[0].status, q.totals.complete), (LineStatus::Partial, false));
    assert_eq!(q.totals.duty, d("25.00"), "the column 1 duty alone, as a lower bound");
}

/// China on 2025-06-04: 9903.01.24 (+ 20 %) × 300.00 = 60.00, not 20 % × 1,000.00 = 200.00;
/// the reciprocal 9903.01.25 (+ 10 %) × 300.00 = 30.00, no longer "exempt" (audit-ee D10, I02).
#[test]
fn chinas_ieepa_duties_are_charged_on_the_value_of_the_repairs() {
    let q = repaired("CN", "2025-06-04", "2.5% on repairs", Some("300.00"));
    assert_eq!(layer(&q, "9903.01.24").and_then(|l| l.amount), Some(d("60.00")), "{:?}", q.lines[0].levies);
    assert_eq!(layer(&q, "9903.01.25").and_then(|l| l.amount), Some(d("30.00")), "{:?}", q.lines[0].levies);
    let q = repaired("CN", "2025-06-04", "2.5%", None);
    assert_eq!(layer(&q, "9903.01.24").map(|l| l.amount), Some(None), "{:?}", q.lines[0].levies);
}

/// audit-hh HH2. HTSUS 9802.00.50 ("A duty upon the value of the repairs or alterations", U.S.
/// note 3 to subchapter II of chapter 98): the column 1 duty's base is the US$300 of repairs its
/// 2.5 % is charged on (7.50), as the additional duties' is; it read 1,000.00 (the full value).
#[test]
fn the_column_1_duty_shows_the_value_of_the_repairs_as_its_base() {
    let q = repaired("CN", "2025-06-04", "2.5% on repairs", Some("300.00"));
    let duty = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("column 1 duty");
    assert_eq!((duty.base, duty.amount), (d("300.00"), Some(d("7.50"))), "{}", duty.base_note);
    assert_eq!(duty.base_note.to_string(), "component repairs 300.00");
}

/// audit-nn NN4: a component the caller wrote without decimals ("300") is shown at the
/// currency's scale as the line's other bases are (300.00); the figures are the same.
#[test]
fn a_component_base_is_shown_at_the_currencys_scale_nn4() {
    let q = repaired("CN", "2025-06-04", "2.5% on repairs", Some("300"));
    let duty = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("column 1 duty");
    assert_eq!((duty.base.to_string(), duty.amount), ("300.00".to_string(), Some(d("7.50"))));
    assert_eq!(duty.base_note.to_string(), "component repairs 300.00");
}
