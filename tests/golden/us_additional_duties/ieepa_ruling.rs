//! The statement of the Supreme Court's IEEPA ruling: no figure depends on it.

use crate::common::quote;
use landed::quote::{LineStatus, Quote};
use serde_json::json;

// fix-bb (session 20): audit-z's findings (findings/audit-z.md) Z2, Z5, Z6, Z7 fixed at their
// source, each tested against the law it cites.

fn warning<'a>(q: &'a Quote, code: &str, text: &str) -> Option<&'a str> {
    q.warnings.iter().find(|w| w.code == code && w.message.contains(text)).map(|w| w.message.as_str())
}

/// audit-z Z7. The IEEPA ruling row (`us_layers.tsv#ieepa-ruled-unlawful`, Learning Resources,
/// Inc. v. Trump, U.S. Supreme Court 2026-02-20, read in secondary sources) is a statement with
/// no figure: its `[verify]` says no figure depends on it, beside a complete quote (CN T-shirts
/// 6109.10.00.12, 10 × US$300, courier, 2025-06-02: IEEPA fentanyl 20 % and reciprocal 10 %
/// priced from `official` rows).
#[test]
fn the_ieepa_ruling_statement_says_no_figure_depends_on_it_z7() {
    let q = quote(json!({"destination": "US", "date": "2025-06-02", "currency": "USD", "origin": "CN",
        "ship_from": "CN", "channel": "courier", "incoterm": "DDP", "shipping": "0",
        "lines": [{"id": "tee", "code": "6109.10.00.12", "quantity": "10", "unit_price": "300.00"}]}));
    let w = warning(&q, "W_VERIFY", "ieepa-ruled-unlawful").expect("the ruling's verify");
    assert!(w.contains("no figure of this quote depends on it"), "{w}");
    assert!(warning(&q, "W_ASSUMPTION", "held IEEPA tariffs unlawful").is_some(), "{:?}", q.warnings);
    assert_eq!(q.lines[0].status, LineStatus::Priced);
}
