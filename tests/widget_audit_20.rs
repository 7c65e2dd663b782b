//! Engine fixes from the widget audit of session 20 (audit-cc, /work/findings/audit-cc.md).
//!
//! CC8: a Canadian province's own sales tax is named as left out whatever the border charges.
//! The CUSMA courier relief (CAD 40, Courier Imports Remission Order) is of what the CBSA collects
//! at the border; Québec's QST is never collected there (Act respecting the Québec sales tax: a
//! supplier registered under the specified-supplier regime, since 2019, charges it at the sale,
//! otherwise the buyer accounts for it), so a Québec quote within the relief must not read as
//! including every tax. BC's, SK's and MB's PST (collected by the CBSA on casual goods above the
//! relief, CBSA 'Courier Low Value Shipment Program') is not collected within it either.
//!
//! CC13: the EU flat EUR 3 is per distinct tariff subheading (Council Regulation (EU) 2026/382
//! art. 2; docs/rules.md §3): codes shorter than a subheading cannot show whether two lines share
//! one, so the sure minimum is charged and the lines are partial, naming the fix (the full codes).

mod common;

use common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

fn canada(subdivision: &str, price: &str) -> Value {
    json!({"destination": "CA", "subdivision": subdivision, "date": "2026-11-27", "currency": "CAD",
        "channel": "courier", "incoterm": "DDP", "origin": "CN", "ship_from": "US",
        "lines": [{"id": "tee", "code": "6109.10", "quantity": "1", "unit_price": price}]})
}

fn provincial(q: &Quote) -> Option<String> {
    q.warnings.iter().find(|w| w.code == "W_PROVINCIAL_TAX").map(|w| w.message.to_string())
}

#[test]
fn quebec_within_the_cusma_courier_relief_names_the_qst_as_left_out_audit_cc_cc8() {
    // CAD 34.92 by courier from the US: within ca-cusma-courier-40, no duty and no GST at the
    // border. Before: no W_PROVINCIAL_TAX (it was emitted only where border tax was charged).
    let q = quote(canada("QC", "34.92"));
    assert_eq!((q.totals.duty, q.totals.tax), (d("0.00"), d("0.00")));
    let w = provincial(&q).expect("QST named as left out");
    assert!(w.starts_with("QC provincial sales tax (PST/QST) is not collected by the CBSA at the border"), "{w}");
    // The same above the relief keeps its warning.
    assert!(provincial(&quote(canada("QC", "89.00"))).is_some());
}

#[test]
fn bc_sk_mb_within_the_relief_name_their_pst_as_left_out_and_hst_provinces_do_not_audit_cc_cc8() {
    for p in ["BC", "SK", "MB"] {
        let q = quote(canada(p, "34.92"));
        assert!(
            !q.lines[0].levies.iter().any(|l| l.name.as_str().contains("PST")),
            "{p}: no PST levy within the relief"
        );
        let w = provincial(&q).unwrap_or_else(|| panic!("{p}: PST named as left out"));
        assert!(
            w.contains(&format!("{p} provincial sales tax (PST/QST) is not collected by the CBSA at the border")),
            "{w}"
        );
        // Above the relief the CBSA collects it: priced, no warning.
        assert!(provincial(&quote(canada(p, "89.00"))).is_none(), "{p}");
    }
    // A harmonized province (HST) has no separate provincial tax.
    assert!(provincial(&quote(canada("ON", "34.92"))).is_none());
}

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
