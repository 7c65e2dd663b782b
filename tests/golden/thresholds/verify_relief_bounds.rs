//! A relief from a secondary source (`verify`) the consignment is over, and a primary text that
//! bounds its amount (`at_most` in `tariffs/rules/thresholds.tsv`): docs/rules.md#not-priced.

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

/// GB on 2010-06-01, one vacuum cleaner (8508.11) of `price` GBP by freight, duty 0 %.
fn gb_2010(price: &str) -> Quote {
    quote(json!({"destination": "GB", "date": "2010-06-01", "currency": "GBP", "fx": {"GBP/EUR": "1.15"},
        "channel": "freight", "incoterm": "DAP", "origin": "CN", "ship_from": "CN",
        "lines": [{"id": "a", "code": "8508.11", "quantity": "1", "unit_price": price, "duty_rate": "0%"}]}))
}

fn vat(q: &Quote) -> &landed::quote::Levy {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).expect("VAT listed")
}

fn check_note(q: &Quote) -> String {
    let c = q.thresholds.iter().find(|c| c.id == "gb-lvcr-18-before").expect("gb-lvcr-18-before considered");
    assert!(!c.applies);
    c.note.as_ref().map(|n| n.to_string()).unwrap_or_default()
}

/// audit-dd DD6. `gb-lvcr-18-before` (GBP 18, HMRC's page as quoted in 2010: `verify`) could be
/// no more than EUR 22 (Directive 2009/132/EC art. 23: a member state may exempt goods of a total
/// value up to EUR 22), and EUR/GBP stayed below 1 in every ECB reference rate from 1999, so its
/// true amount is at most GBP 22. A GBP 1,000 consignment is over the relief whatever its true
/// amount: VAT 17.5 % × 1,000.00 = 175.00 priced (VATA 1994 s.2 as restored by FA 2009 s.9 from
/// 2010-01-01), complete; it was listed unpriced. The check says why.
#[test]
fn a_verify_relief_bounded_by_a_primary_text_prices_the_tax_above_the_bound_audit_dd6() {
    let q = gb_2010("1000.00");
    assert_eq!(q.lines[0].status, LineStatus::Priced, "{:?}", q.lines[0]);
    assert_eq!(vat(&q).amount, Some(d("175.00")), "{}", vat(&q).formula);
    assert!(q.totals.complete, "{:?}", q.warnings);
    assert!(!q.warnings.iter().any(|w| w.message.contains("gb-lvcr-18-before")), "{:?}", q.warnings);
    let note = check_note(&q);
    assert!(note.contains("22 GBP at most") && note.contains("not applied, the tax priced"), "{note}");
}

/// Near the amount, DD6 changes nothing: over GBP 18 and at most GBP 22, a true amount up to
/// the bound could relieve the consignment, so the VAT stays unpriced (R-TW1's rule); just over
/// the bound it is priced (the relief is `le`: at GBP 22.00 exactly it could still apply).
#[test]
fn between_a_verify_reliefs_amount_and_its_bound_the_tax_stays_unpriced_audit_dd6() {
    for price in ["18.01", "20.00", "22.00"] {
        let q = gb_2010(price);
        assert_eq!((vat(&q).amount, vat(&q).partial_amount), (None, None), "{price}: {}", vat(&q).formula);
        assert!(
            q.warnings.iter().any(|w| w.message.starts_with("gb-lvcr-18-before: over its amount")),
            "{price}: {:?}",
            q.warnings
        );
    }
    let q = gb_2010("22.01");
    assert_eq!(vat(&q).amount, Some(d("3.85")), "{}", vat(&q).formula);
    assert!(q.totals.complete, "{:?}", q.warnings);
}
