//! The incoterm a request leaves out, stated where it matters, and a tax collected at the sale
//! under DAP, exact whatever the duty.

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus};
use serde_json::json;

// Session 14's lead fixes: the incoterm a request leaves out is stated where it matters, and a
// tax collected at the sale under DAP is exact whatever the duty.

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
