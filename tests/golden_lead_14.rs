//! Session 14's lead fixes: the incoterm a request leaves out is stated where it matters, and a
//! tax collected at the sale under DAP is exact whatever the duty.

mod common;

use common::{d, quote};
use landed::quote::{LevyKind, LineStatus};
use serde_json::json;

fn incoterm_stated(q: &landed::quote::Quote) -> bool {
    q.warnings.iter().any(|w| w.code == "W_ASSUMPTION" && w.message.to_string().starts_with("incoterm: assumes DDP"))
}

/// The quality bar: no silent default. DDP vs DAP moves what is due at the border between the
/// landed cost and what the recipient pays on delivery, so a request without `incoterm` that has
/// duty or tax due at the border says it was priced as DDP; with the incoterm given, it does not.
#[test]
fn a_left_out_incoterm_is_stated_where_something_is_due_at_the_border() {
    let cart = |incoterm: Option<&str>| {
        let mut v = json!({"destination": "DE", "origin": "CN", "ship_from": "CN", "date": "2026-11-20",
            "currency": "EUR", "channel": "courier",
            "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "200.00"}]});
        if let Some(i) = incoterm {
            v["incoterm"] = json!(i);
        }
        quote(v)
    };
    let assumed = cart(None);
    assert!(incoterm_stated(&assumed));
    assert_eq!(assumed.totals.due_on_delivery, d("0.00"));
    assert!(!incoterm_stated(&cart(Some("DDP"))));
    let dap = cart(Some("DAP"));
    assert!(!incoterm_stated(&dap));
    assert_eq!(dap.totals.landed + dap.totals.due_on_delivery, assumed.totals.landed);
}

/// Nothing due at the border and no duty in a seller's price (a GBP 50 T-shirt into GB: duty
/// relieved, VAT charged by the seller at the sale, VATA 1994 s.5A): the incoterm changes
/// nothing, so nothing is said.
#[test]
fn a_left_out_incoterm_is_not_stated_where_it_changes_nothing() {
    let q = quote(json!({"destination": "GB", "origin": "CN", "ship_from": "CN", "date": "2026-11-20",
        "currency": "GBP", "channel": "courier",
        "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "50.00"}]}));
    assert_eq!(q.totals.collected_at_sale, d("10.00"));
    assert!(!incoterm_stated(&q));
}

/// audit-h H3. VATA 1994 s.5A: the seller's supply of a consignment <= GBP 135 is taxed on its
/// consideration. Under DAP the buyer pays any import duty to the carrier, outside that price
/// (Directive 2006/112/EC art. 73 as the engine reads it for the sale), so a caller's anti-dumping
/// duty whose relief is unsettled leaves the line partial but the VAT at the sale exact: 10.00,
/// not "at least 10.00 (duty not fully priced)". Under DDP the seller's price recovers the duty,
/// so there the VAT stays a lower bound.
#[test]
fn vat_at_the_sale_under_dap_does_not_wait_for_an_unpriced_duty() {
    let cart = |incoterm: &str| {
        quote(json!({"destination": "GB", "origin": "CN", "ship_from": "CN", "date": "2026-03-02",
            "currency": "GBP", "channel": "courier", "incoterm": incoterm,
            "lines": [{"id": "tee", "code": "610910", "quantity": "1", "unit_price": "50.00",
                "extra_duties": [{"name": "AD", "kind": "antidumping", "rate": "30%"}]}]}))
    };
    let dap = cart("DAP");
    let line = &dap.lines[0];
    assert_eq!(line.status, LineStatus::Partial, "the AD duty stays listed, unsettled");
    let vat = line.levies.iter().find(|l| l.kind == LevyKind::Tax).unwrap();
    assert_eq!((vat.amount, vat.partial_amount), (Some(d("10.00")), None));
    assert!(!vat.formula.to_string().contains("at least"), "{}", vat.formula);
    let ddp = cart("DDP");
    let vat = ddp.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).unwrap();
    assert_eq!((vat.amount, vat.partial_amount), (None, Some(d("10.00"))));
}

/// audit-k K6 (issue 11: "a US quote dated 2026-07-01 names an HTS 2026 revision as its
/// source"). A tariff line is stored once, under the first edition that has it; HTS 2026
/// Revision 10 (in force 2026-06-08) changed no goods line of Revision 3, so a quote dated in its
/// period cites the edition in force that confirms the line, not the one that first carried it
/// (`Datasets::tariff_in_force`).
#[test]
fn a_tariff_line_is_cited_from_the_edition_in_force_on_the_date() {
    let cited = |date: &str| {
        let q = quote(json!({"destination": "US", "origin": "DE", "ship_from": "DE", "date": date,
            "currency": "USD", "channel": "courier", "incoterm": "DDP",
            "lines": [{"id": "a", "code": "6109.10.00.12", "quantity": "10", "unit_price": "100.00"}]}));
        let duty = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).unwrap();
        (duty.source.dataset.to_string(), duty.source.vintage.to_string())
    };
    assert_eq!(cited("2026-07-01"), ("Harmonized Tariff Schedule 2026 Revision 10 (JSON)".into(), "2026-06-08".into()));
    assert_eq!(cited("2026-03-01"), ("Harmonized Tariff Schedule 2026 Revision 3 (JSON)".into(), "2026-02-12".into()));
    assert_eq!(cited("2025-07-01").1, "2025-06-06");
}

/// audit-m M1. The AU and NZ seller-collected GST is for "low value goods", defined one by one:
/// goods other than tobacco, tobacco products and alcoholic beverages, of a customs value of AUD
/// 1,000 or less (GST Act 1999 s.84-79; NZ GST Act 1985 s.8(3)(c) as audit-m reads it). A bottle
/// of wine beside a T-shirt is outside it, the T-shirt is not: the seller charges its GST (20.00)
/// and the wine pays duty, wine tax and GST at the border. It was GST nowhere on the T-shirt
/// ("relieved 0.00"), landed 349.00 complete.
#[test]
fn an_excluded_line_leaves_the_au_seller_collected_gst_on_the_others() {
    let q = quote(json!({"destination": "AU", "origin": "CN", "ship_from": "CN", "date": "2026-11-20",
        "currency": "AUD", "channel": "courier", "transport": "air", "incoterm": "DDP",
        "lines": [{"id": "tee", "code": "6109100010", "quantity": "1", "unit_price": "200.00", "duty_rate": "5%"},
                  {"id": "wine", "code": "2204210000", "quantity": "1", "unit_price": "100.00",
                   "volume_l": "0.75", "alcohol_pct": "13", "duty_rate": "5%"}]}));
    let tax = |i: usize| q.lines[i].levies.iter().find(|l| l.kind == LevyKind::Tax).unwrap().amount;
    assert_eq!((tax(0), tax(1)), (Some(d("20.00")), Some(d("13.55"))));
    assert_eq!(q.totals.collected_at_sale, d("20.00"));
    assert_eq!(q.totals.landed, d("369.00"));
    // The UK's scheme is per consignment (VATA 1994 s.5A): the whole parcel goes to the border.
    let gb = quote(json!({"destination": "GB", "origin": "CN", "ship_from": "CN", "date": "2026-11-20",
        "currency": "GBP", "channel": "courier", "incoterm": "DDP",
        "lines": [{"id": "tee", "code": "6109100010", "quantity": "1", "unit_price": "50.00"},
                  {"id": "wine", "code": "2204210000", "quantity": "1", "unit_price": "20.00",
                   "volume_l": "0.75", "alcohol_pct": "13"}]}));
    assert_eq!(gb.totals.collected_at_sale, d("0.00"));
}
