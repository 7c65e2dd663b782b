//! The EU flat EUR 3 is per distinct tariff subheading (Council Regulation (EU) 2026/382 art. 2;
//! docs/rules.md §3): codes shorter than a subheading cannot show whether two lines share one, so
//! the sure minimum is charged and the lines are partial, naming the fix (the full codes)
//! (audit-cc CC13).

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

fn eu(lines: Value) -> Quote {
    quote(json!({"destination": "DE", "date": "2026-11-27", "currency": "EUR", "origin": "CN", "lines": lines}))
}

fn line(id: &str, code: &str, price: &str) -> Value {
    json!({"id": id, "code": code, "quantity": "1", "unit_price": price})
}

fn flat_duty(q: &Quote, i: usize) -> (Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>) {
    let l = q.lines[i].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("duty levy");
    (l.amount, l.partial_amount)
}

#[test]
fn two_lines_with_a_short_code_are_at_least_one_eur_3_subheading_not_one_for_sure_audit_cc_cc13() {
    // Two lines "61": one subheading (EUR 3) or two (EUR 6). Before: EUR 3.00, both priced.
    let q = eu(json!([line("a", "61", "10.00"), line("b", "61", "10.00")]));
    assert_eq!(q.totals.duty, d("3.00"), "the sure minimum");
    assert!(!q.totals.complete);
    for (i, l) in q.lines.iter().enumerate() {
        assert_eq!(l.status, LineStatus::Partial, "line {i}");
        assert_eq!(flat_duty(&q, i), (None, Some(d("1.50"))));
        let reason = l.reason.as_deref().unwrap_or_default();
        assert!(reason.contains("codes 61 are shorter") && reason.contains("give the full codes"), "{reason}");
    }
    // "61" and "6109": "6109" extends "61", one subheading at least.
    let q = eu(json!([line("a", "61", "10.00"), line("b", "6109", "10.00")]));
    assert_eq!(q.totals.duty, d("3.00"));
    assert!(!q.totals.complete);
    // With their full codes the count is known: EUR 6.00, complete.
    let q = eu(json!([line("a", "610910", "10.00"), line("b", "611020", "10.00")]));
    assert_eq!(q.totals.duty, d("6.00"));
    assert!(q.lines.iter().all(|l| l.status == LineStatus::Priced));
}

#[test]
fn short_codes_that_cannot_share_a_subheading_are_counted_exactly_audit_cc_cc13() {
    // "61" and "62" are different chapters: two subheadings for sure (EUR 6.00, priced); one
    // short line alone is one subheading.
    let q = eu(json!([line("a", "61", "10.00"), line("b", "62", "10.00")]));
    assert_eq!(q.totals.duty, d("6.00"));
    assert!(q.lines.iter().all(|l| l.status == LineStatus::Priced));
    let q = eu(json!([line("a", "6109", "10.00")]));
    assert_eq!(q.totals.duty, d("3.00"));
    assert_eq!(q.lines[0].status, LineStatus::Priced);
}

#[test]
fn a_short_code_that_may_share_a_full_codes_subheading_adds_at_least_nothing_audit_cc_cc13() {
    // "6109" beside 6109.10: the T-shirts' EUR 3 is sure and priced; "6109" may be 6109.10 (no
    // more) or 6109.90 (EUR 3 more): its share is at least 0.00, partial.
    let q = eu(json!([line("a", "6109100010", "10.00"), line("b", "6109", "10.00")]));
    assert_eq!(q.totals.duty, d("3.00"));
    assert_eq!(q.lines[0].status, LineStatus::Priced);
    assert_eq!(flat_duty(&q, 0), (Some(d("3.00")), None));
    assert_eq!(q.lines[1].status, LineStatus::Partial);
    assert_eq!(flat_duty(&q, 1), (None, Some(d("0.00"))));
}
