//! US tariff lines (HTSUS): value brackets, statistical suffixes and codes that are not in the
//! tariff. Each test names the HTSUS text it rests on.

mod chapter_without_lines;
mod lead_content;
mod sugar_floor;
mod vinegar_proof;

use crate::common::{d, quote, warned};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

// fix-k3 (audit-k K3, K4, K6): US value brackets, statistical suffixes, and no additional duty
// on a code that is not in the tariff. The figures and texts are those of the Harmonized Tariff
// Schedule of the United States, 2026 Revision 3 (in force 2026-02-12) and Revision 10 (from
// 2026-06-08), which print the same goods lines ([docs/rules.md](../../docs/rules.md), "US
// statistical suffixes and value brackets").

/// One line of `code` from `origin`, ocean freight, DDP, with the line's extra fields.
fn us(date: &str, origin: &str, code: &str, line: Value) -> Value {
    let mut l = json!({"id": "a", "code": code});
    for (k, v) in line.as_object().expect("fields").iter() {
        l[k] = v.clone();
    }
    json!({"destination": "US", "date": date, "currency": "USD", "channel": "freight", "transport": "ocean",
        "origin": origin, "ship_from": origin, "incoterm": "DDP", "lines": [l]})
}

/// The W_VALUE_BRACKET messages.
fn brackets(q: &Quote) -> Vec<String> {
    q.warnings.iter().filter(|w| w.code == "W_VALUE_BRACKET").map(|w| w.message.to_string()).collect()
}

fn duty(q: &Quote) -> Option<rust_decimal::Decimal> {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).and_then(|l| l.amount)
}

/// A line outside its bracket is charged the duty of the goods' line, which may be lower than
/// the code given's (6402.99.21's 800.00 against 1,680.00): the code's duty is no bound, so it is
/// not priced, its figure kept in the formula, and nothing of it is in the totals (audit-rr RR2).
fn duty_not_a_bound(q: &Quote, figure: &str) {
    let l = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("a duty levy");
    assert_eq!((l.amount, l.partial_amount), (None, None), "{}", l.formula);
    assert!(
        l.formula.as_str().contains(&format!("not priced ({figure})")) && l.formula.as_str().contains("nor a bound"),
        "{}",
        l.formula
    );
    assert_ne!(q.lines[0].status, LineStatus::Priced);
    assert!(!q.totals.complete && q.totals.at_least);
}

#[test]
fn footwear_at_20_dollars_a_pair_is_not_priced_complete_at_the_3_to_6_50_line_6402_99_16() {
    // HTSUS 2026 Rev 3/Rev 10, 6402.99.16.00 "Valued over $3 but not over $6.50/pair | 90¢/pr. +
    // 37.5%"; its sibling 6402.99.21.00 "Valued over $12/pair | 20%". 200 pairs at US$20.00: the
    // unit value US$20.00/pair is outside 6402.99.16's bracket: 90¢ × 200 + 37.5 % × 4,000 =
    // 1,680.00 is that line's duty, no bound of the goods' (audit-rr RR2), naming 6402.99.21 (20 % × 4,000 =
    // 800.00 there).
    let q = quote(us(
        "2026-05-01",
        "VN",
        "6402.99.16",
        json!({"quantity": "200", "unit_price": "20.00", "units": {"pair": "200"}}),
    ));
    let l = &q.lines[0];
    duty_not_a_bound(&q, "1,680.00");
    assert!(!q.totals.complete);
    let why = l.reason.clone().unwrap_or_default();
    assert!(why.contains("US$20.00/pair is outside the bracket of 6402.99.16"), "{why}");
    assert!(why.contains("\"Valued over $3 but not over $6.50/pair\""), "{why}");
    assert!(why.contains("6402.99.21 (\"Valued over $12/pair\")"), "{why}");
    let w = brackets(&q);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("line a: the unit value US$20.00/pair"), "{w:?}");

    // At US$5.00/pair (600 pairs, audit-k §1: 540.00 + 1,125.00 = 1,665.00) the value is in the
    // bracket: nothing to say.
    let q = quote(us(
        "2026-05-01",
        "VN",
        "6402.99.16",
        json!({"quantity": "600", "unit_price": "5.00", "units": {"pair": "600"}}),
    ));
    assert_eq!(duty(&q), Some(d("1665.00")));
    assert!(brackets(&q).is_empty(), "{:?}", q.warnings);
    assert!(!q.lines[0].reason.clone().unwrap_or_default().contains("bracket"), "{:?}", q.lines[0].reason);

    // US$6.50 is "not over $6.50": in the bracket; US$3.00 is not "over $3": outside, under
    // 6402.99.12 "Valued not over $3/pair".
    let q = quote(us(
        "2026-05-01",
        "VN",
        "6402.99.16",
        json!({"quantity": "100", "unit_price": "6.50", "units": {"pair": "100"}}),
    ));
    assert!(brackets(&q).is_empty(), "{:?}", q.warnings);
    let q = quote(us(
        "2026-05-01",
        "VN",
        "6402.99.16",
        json!({"quantity": "100", "unit_price": "3.00", "units": {"pair": "100"}}),
    ));
    let w = brackets(&q);
    assert!(w.len() == 1 && w[0].contains("6402.99.12 (\"Valued not over $3/pair\")"), "{w:?}");
}

#[test]
fn without_the_pairs_the_line_says_which_input_checks_the_bracket_6402_99_21() {
    // HTSUS 6402.99.21.00 "Valued over $12/pair | 20%": an ad valorem duty, priced without the
    // pairs; the bracket is per pair, so the quote names `units.pair` to check it.
    let q = quote(us("2026-05-01", "VN", "6402.99.21", json!({"quantity": "200", "unit_price": "20.00"})));
    assert_eq!(duty(&q), Some(d("800.00")));
    let w = brackets(&q);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("\"Valued over $12/pair\"") && w[0].contains("units {\"pair\": …}"), "{w:?}");
}

#[test]
fn a_leather_handbag_at_50_dollars_is_not_priced_complete_at_the_not_over_20_line_4202_21_60() {
    // HTSUS 4202.21.60.00 "Valued not over $20 each | 10%"; 4202.21.90.00 "Valued over $20 each |
    // 9%". 10 handbags at US$50.00: 10 % × 500 = 50.00 is no bound (9 % there: 45.00), naming 4202.21.90.
    let q = quote(us("2026-05-01", "VN", "4202.21.60", json!({"quantity": "10", "unit_price": "50.00"})));
    duty_not_a_bound(&q, "50.00");
    let w = brackets(&q);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("US$50.00 each is outside the bracket of 4202.21.60"), "{w:?}");
    assert!(w[0].contains("4202.21.90 (\"Valued over $20 each\")"), "{w:?}");
    // US$20.00 is "not over $20": in the bracket.
    let q = quote(us("2026-05-01", "VN", "4202.21.60", json!({"quantity": "10", "unit_price": "20.00"})));
    assert!(brackets(&q).is_empty(), "{:?}", q.warnings);
}

#[test]
fn drinking_glasses_above_3_dollars_name_both_lines_over_5_dollars_7013_37_20() {
    // HTSUS 7013.37.20 "Valued over $0.30 but not over $3 each | 22.5%". Above $3 the schedule
    // splits by cut or engraved: "Valued over $3 each: Cut or engraved: Valued over $5 each"
    // (7013.37.40, 5 %) and "…: Other: Valued over $5 each" (7013.37.60, 5 %). At US$10.00 each
    // both hold the value; the quote names both, the decoration being the caller's to say.
    let q = quote(us("2026-05-01", "VN", "7013.37.20", json!({"quantity": "300", "unit_price": "10.00"})));
    duty_not_a_bound(&q, "675.00");
    let w = brackets(&q);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("\"Valued over $0.30 but not over $3 each\""), "{w:?}");
    assert!(w[0].contains("7013.37.40") && w[0].contains("7013.37.60"), "{w:?}");
    assert!(!w[0].contains("7013.37.50"), "{w:?}");
    // At US$2.00 each (audit-k §1: 22.5 %) nothing to say.
    let q = quote(us("2026-05-01", "VN", "7013.37.20", json!({"quantity": "300", "unit_price": "2.00"})));
    assert!(brackets(&q).is_empty(), "{:?}", q.warnings);
}

#[test]
fn a_statistical_suffix_the_revision_does_not_publish_is_an_unknown_code_6109_10_00_99() {
    // HTSUS 2026 Rev 10, 6109.10.00 has the statistical suffixes .04 .07 .11 .12 .14 .18 .23 .27
    // .37 .40 .45 .60 .65 .70: 6109.10.00.99 is not in the tariff.
    let q = quote(us("2026-11-20", "VN", "6109.10.00.99", json!({"quantity": "300", "unit_price": "10.00"})));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::NotPriced, "{:?}", l.reason);
    assert!(!q.totals.complete);
    let why = l.reason.clone().unwrap_or_default();
    assert!(why.contains("6109100099 is not in the US tariff"), "{why}");
    assert!(why.contains("nearest valid codes: 6109100040, 6109100045, 6109100060, 6109100065, 6109100070"), "{why}");
    assert!(!l.levies.iter().any(|x| x.kind == LevyKind::AdditionalDuty && x.amount.is_some()), "{:?}", l.levies);
    // A published suffix is priced as before (audit-k §1: 16.5 %).
    let q = quote(us("2026-11-20", "VN", "6109.10.00.12", json!({"quantity": "300", "unit_price": "10.00"})));
    assert_eq!(duty(&q), Some(d("495.00")));
}

#[test]
fn an_invented_suffix_does_not_escape_a_10_digit_scope_2106_90_99_99() {
    // HTSUS 2026 Rev 10, 2106.90.99: suffixes .71 .72 .73 .75 .80 .85 .87 .88 .90 .95 .97 .98.
    // 2106.90.99.99 was priced complete while the real .98 is partial (the 2026 metals annex
    // names 2106909998): now it is not in the tariff, and nothing is priced on it.
    let q = quote(us("2026-05-01", "DE", "2106.90.99.99", json!({"quantity": "300", "unit_price": "10.00"})));
    assert_eq!(q.lines[0].status, LineStatus::NotPriced, "{:?}", q.lines[0].reason);
    assert!(!q.totals.complete);
    assert!(q.lines[0]
        .reason
        .clone()
        .unwrap_or_default()
        .contains("nearest valid codes: 2106909988, 2106909990, 2106909995, 2106909997, 2106909998"));
}

#[test]
fn before_the_2026_revisions_the_suffix_is_not_checked() {
    // The 2025 annual tariff database (usitc-2025) has no statistical suffixes: a quote dated
    // before HTS 2026 Rev 3 reads the 10-digit code as its 8-digit line, as before.
    let q = quote(us("2025-12-31", "VN", "6109.10.00.99", json!({"quantity": "300", "unit_price": "10.00"})));
    assert_ne!(q.lines[0].status, LineStatus::NotPriced, "{:?}", q.lines[0].reason);
    assert_eq!(duty(&q), Some(d("495.00")));
}

#[test]
fn a_code_not_in_the_tariff_gets_no_additional_duty_6203_42_40_11() {
    // audit-k K6: 6203.42.40.11 is not in HTSUS 2026 (6203.42 has .03 … .61, no 6203.42.40);
    // from China it was partial with Section 301 list 4A and Section 122 charged on its prefix.
    let q = quote(us("2026-05-01", "CN", "6203.42.40.11", json!({"quantity": "300", "unit_price": "10.00"})));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::NotPriced, "{:?}", l.levies);
    assert!(l.reason.clone().unwrap_or_default().contains("is not in the US tariff"), "{:?}", l.reason);
    assert!(
        !l.levies
            .iter()
            .any(|x| x.kind == LevyKind::AdditionalDuty && (x.amount.is_some() || x.partial_amount.is_some())),
        "{:?}",
        l.levies
    );
    assert_eq!(q.totals.duty, d("0"));
    assert!(!warned(&q, "W_VALUE_BRACKET"));
}
