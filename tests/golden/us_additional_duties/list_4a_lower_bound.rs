//! Section 301 list 4A in the lower bound of a code whose every statistical line owes at least
//! it.

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

// fix-o: audit-o O1 (the EU's EUR 3 per tariff line on a gift's lines outside the gift relief)
// and O2 (a US layer owed whichever statistical line an 8-digit code falls in counts in the
// lower bound). Each test names its law; the figures are worked by hand from it.

fn us_battery(date: &str, code: &str) -> Quote {
    quote(json!({"destination": "US", "origin": "CN", "ship_from": "CN", "date": date, "currency": "USD",
                 "channel": "freight", "transport": "ocean", "entry_type": "formal", "incoterm": "DDP",
                 "lines": [{"id": "a", "code": code, "quantity": "1", "unit_price": "3000"}]}))
}

fn layer<'q>(q: &'q Quote, ch99: &str) -> Option<&'q landed::quote::Levy> {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::AdditionalDuty && l.name.as_str().contains(ch99))
}

/// audit-o O2 (note 14 K2). 8507.60.00 from China on 2025-12-31, US$3,000: the statistical line
/// decides between list 4A's 7.5 % (9903.88.15, USTR 84 FR 43304; 8507.60.00.20/.90) and, for EV
/// batteries (8507.60.00.10), 9903.91.01's 25 % in place of it (USTR 89 FR 76581, U.S. note 31(b)).
/// Either way at least 7.5 % × 3,000 = 225.00 is owed: it counts in the lower bound, beside
/// 3.4 % × 3,000 = 102.00 and IEEPA fentanyl 10 % = 300.00: at least 627.00 (was 402.00), the line
/// partial (9903.91.01 listed, unpriced).
#[test]
fn list_4a_counts_in_the_lower_bound_when_every_statistical_line_owes_at_least_it_89_fr_76581() {
    let q = us_battery("2025-12-31", "8507.60.00");
    let four_a = layer(&q, "9903.88.15").expect("list 4A listed");
    assert_eq!((four_a.amount, four_a.partial_amount), (None, Some(d("225.00"))), "{}", four_a.formula);
    assert!(four_a.formula.to_string().contains("s301-biden-25-ev-batteries"), "{}", four_a.formula);
    let ev = layer(&q, "9903.91.01").expect("9903.91.01 listed");
    assert_eq!((ev.amount, ev.partial_amount), (None, None));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert_eq!(q.totals.duty, d("627.00"));
    assert!(!q.totals.complete && q.totals.at_least);
    // The statistical lines themselves are unchanged: .90 pays list 4A, complete; .10 lists
    // 9903.91.01 in place of it.
    let other = us_battery("2025-12-31", "8507.60.00.90");
    assert_eq!(layer(&other, "9903.88.15").and_then(|l| l.amount), Some(d("225.00")));
    assert!(other.totals.complete);
    let ev_line = us_battery("2025-12-31", "8507.60.00.10");
    assert!(layer(&ev_line, "9903.88.15").is_none());
}
