//! New Zealand before 2010-10-01 (audit-ff FF29): GST 12.5 % (Inland Revenue: "will increase from
//! 12.5% to 15% from 1 October 2010 ... also apply to goods imported on or after 1 October 2010";
//! "last increased in 1989") and Customs' revenue waiver of NZ$50 (its 2010 notice, republished:
//! "will increase from $50 to $60"), `verify` for want of its own text and start.

use crate::common::{d, quote};
use landed::quote::{LevyKind, Quote};
use serde_json::json;

/// A T-shirt by post from the US, the caller's duty 7 %.
fn tshirt(date: &str, price: &str) -> Quote {
    quote(json!({"destination": "NZ", "date": date, "currency": "NZD", "origin": "US", "ship_from": "US",
        "channel": "post", "incoterm": "DAP",
        "lines": [{"id": "a", "code": "6109.10", "quantity": "1", "unit_price": price, "duty_rate": "7%"}]}))
}

fn amount(q: &Quote, kind: LevyKind) -> Option<rust_decimal::Decimal> {
    q.lines[0].levies.iter().find(|l| l.kind == kind).expect("levy listed").amount
}

/// 2005-09-07, NZ$400: duty 7 % = 28.00, GST 12.5 % × 428.00 = 53.50 (81.50, over the waiver).
/// NZ$245: duty 17.15 + GST 12.5 % × 262.15 = 32.77 come to 49.92 < 50: the waiver would reach it,
/// so both are listed, not priced (was: duty 17.15 priced as due and no GST rate).
#[test]
fn new_zealand_gst_was_12_5_percent_and_the_50_dollar_waiver_is_unverified() {
    let over = tshirt("2005-09-07", "400");
    assert_eq!((amount(&over, LevyKind::Duty), amount(&over, LevyKind::Tax)), (Some(d("28.00")), Some(d("53.50"))));
    let under = tshirt("2005-09-07", "245");
    assert_eq!((amount(&under, LevyKind::Duty), amount(&under, LevyKind::Tax)), (None, None));
    assert!(
        under.lines[0].reason.as_deref().is_some_and(|r| r.contains("nz-de-minimis-50")),
        "{:?}",
        under.lines[0].reason
    );
    assert!(!under.totals.complete);
}
