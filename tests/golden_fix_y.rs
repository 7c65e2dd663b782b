//! fix-y (session 19): the review's leftovers on fix-x and audit-x's residues
//! (findings/audit-x.md X5, X7, X8, X10, X11), each fixed at its source and tested here against
//! the law it cites; the figures are checked by hand in the comments.

mod common;

use common::{d, fails_with, landed, quote, stdout, warned};
use landed::quote::{LevyKind, LineStatus};
use serde_json::json;

/// A US-origin T-shirt into Germany on 2026-07-01 (the cart of audit-x X4).
fn us_tee(origin: &str, duty_rate: Option<&str>) -> serde_json::Value {
    let mut line = json!({"id": "tee", "code": "6109.10.00", "quantity": "2", "unit_price": "100"});
    if let Some(r) = duty_rate {
        line["duty_rate"] = json!(r);
    }
    json!({"destination": "DE", "origin": origin, "date": "2026-07-01", "currency": "EUR",
        "incoterm": "DDP", "shipping": "10", "lines": [line]})
}

/// Review: a levy made not priced carries that state as a field (`Levy::not_priced`), set where it
/// is unpriced, not found again by reading "not priced" in its text; the JSON is unchanged (the
/// field is not written). Regulation (EU) 2026/1455 as reported (`eu-us-industrial-2026`,
/// `verify`): the US-origin T-shirt's duty and VAT are listed unpriced; Australia's luxury car tax
/// after its last thresholds (2025-06-30) is listed for want of data, not "not priced".
#[test]
fn a_levy_made_not_priced_says_so_in_a_field_not_in_its_text() {
    let q = quote(us_tee("US", None));
    let tee = &q.lines[0];
    let duty = tee.levies.iter().find(|l| l.kind == LevyKind::Duty).unwrap();
    let vat = tee.levies.iter().find(|l| l.kind == LevyKind::Tax).unwrap();
    assert!(duty.not_priced && vat.not_priced, "{} / {}", duty.formula, vat.formula);
    let text = serde_json::to_string(&q).unwrap();
    assert!(!text.contains("not_priced"), "the state is not written");
    let car = quote(json!({"destination": "AU", "origin": "JP", "date": "2026-11-27", "currency": "AUD",
        "incoterm": "DDP", "channel": "freight", "transport": "ocean", "shipping": "0",
        "lines": [{"id": "car", "code": "8703.23.00", "quantity": "1", "unit_price": "90000",
                   "fuel_l_per_100km": "6", "duty_rate": "5%"}]}));
    let lct = car.lines[0].levies.iter().find(|l| l.name.as_str().starts_with("Luxury car tax")).unwrap();
    assert!(lct.amount.is_none() && lct.partial_amount.is_none() && !lct.not_priced, "{}", lct.formula);
}

/// Review: one computation for a tax's figure and its lower bound. Directive 2006/112/EC art.
/// 85-86: VAT on the customs value plus the duty. The US-origin T-shirt's duty is unpriced by
/// `eu-us-industrial-2026`; the VAT's lower bound is the taxes stage's own figure on the base
/// without it, which is the VAT the same cart owes with the caller's `duty_rate` "0%":
/// 19 % × (2 × 100.00 + 10.00) = 19 % × 210.00 = 39.90 (by hand: 210 × 0.19 = 39.90) both ways.
#[test]
fn the_vat_lower_bound_under_an_unpriced_duty_is_the_taxes_stage_figure_without_it() {
    let bound = quote(us_tee("US", None));
    let vat = bound.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).unwrap();
    assert_eq!((vat.amount, vat.partial_amount), (None, Some(d("39.90"))), "{}", vat.formula);
    let zero = quote(us_tee("US", Some("0%")));
    let vat0 = zero.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).unwrap();
    assert_eq!(vat0.amount, Some(d("39.90")), "{}", vat0.formula);
    assert_eq!(bound.totals.tax, zero.totals.tax);
}

/// X5. `landed diff` words a bounded change as a rise or a fall: across 2026-07-01 the US-origin
/// cart of audit-x (10 T-shirts at 100.00, 12 % duty, and 10 cosmetics at 10.00, 0 %) goes from
/// 1,451.80 to at least 1,309.00 (VAT 19 % × 1,100.00 = 209.00 certainly due): a fall of at most
/// 142.80 (1,451.80 − 1,309.00 = 142.80), never "at least -142.80".
#[test]
fn diff_words_a_lower_bounded_fall_as_a_fall_of_at_most_x5() {
    let cart = json!({"destination": "DE", "origin": "US", "date": "2026-06-30", "currency": "EUR", "incoterm": "DDP",
        "channel": "freight", "transport": "ocean", "shipping": "0",
        "lines": [{"id": "tee", "code": "6109.10.00", "quantity": "10", "unit_price": "100"},
                  {"id": "cos", "code": "3304.99.00", "quantity": "10", "unit_price": "10"}]})
    .to_string();
    let out = landed(&["diff", "-", "--from", "2026-06-30", "--to", "2026-07-01"], Some(&cart));
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert!(first.ends_with("landed 1451.80 → ≥1309.00 EUR (a fall of at most 142.80)"), "{text}");
    assert!(text.contains("[tee] Import VAT: a fall of at most 22.80"), "{text}");
    assert!(!text.contains("at least -"), "{text}");
}

/// X10. A New Tax System (Luxury Car Tax) Act 1999 s.25-1: the fuel-efficient car threshold
/// (at most 7 l/100 km) depends on the car's fuel consumption. On 2026-11-27 our data has no LCT
/// threshold (the rows end 2025-06-30), so the tax is listed unpriced; the `fuel_l_per_100km`
/// given is what it would read, so no W_INPUT_UNUSED says it was irrelevant. On 2025-03-01 the
/// rows price it, reading the value (6 l: the fuel-efficient threshold 91,387).
#[test]
fn fuel_consumption_is_not_unused_beside_an_unpriced_luxury_car_tax_x10() {
    let car = |date: &str| {
        quote(json!({"destination": "AU", "origin": "JP", "date": date, "currency": "AUD", "incoterm": "DDP",
            "channel": "freight", "transport": "ocean", "shipping": "0",
            "lines": [{"id": "car", "code": "8703.23.00", "quantity": "1", "unit_price": "90000",
                       "fuel_l_per_100km": "6", "duty_rate": "5%"}]}))
    };
    let fuel_unused = |q: &landed::Quote| {
        q.warnings.iter().any(|w| w.code == "W_INPUT_UNUSED" && w.message.contains("fuel_l_per_100km"))
    };
    let late = car("2026-11-27");
    assert!(late.lines[0].levies.iter().any(|l| l.name.as_str().starts_with("Luxury car tax") && l.amount.is_none()));
    assert!(!fuel_unused(&late), "{:?}", late.warnings);
    assert!(!fuel_unused(&car("2025-03-01")));
}
