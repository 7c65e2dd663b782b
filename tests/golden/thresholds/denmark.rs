//! Denmark's own krone amount of the EU's EUR 150 duty relief (audit-ff FF16): Skattestyrelsen
//! published it as DKK 1,150 ("Hvis pakkens samlede værdi overstiger 150 EUR (1.150 kr.) skal du
//! betale told af hele pakkens værdi": skat.dk 'Internethandel', published 2009-12-08, valid to
//! 2012-01-31; the same words on 2012-12-10). The value of the euro in national currency for a
//! relief is fixed once a year, and a Member State may round the converted sum (Regulation (EEC)
//! 2913/92 art. 18(2) and the relief rules' rounding clause): `dk-duty-relief-1150` replaces
//! `eu-duty-relief-150` on the dates our sources show the krone amount; other dates keep the
//! stated conversion of EUR 150.

use crate::common::{applies, d, quote, warned};
use landed::quote::Quote;
use serde_json::json;

/// A T-shirt of `price` kroner with DKK 100 freight by post from China, the caller's duty 12 %.
fn tshirt(date: &str, price: &str) -> Quote {
    quote(json!({"destination": "DK", "date": date, "currency": "DKK", "origin": "CN", "ship_from": "CN",
        "channel": "post", "incoterm": "DAP", "seller_registered": false, "shipping": "100",
        "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": price, "duty_rate": "12%"}]}))
}

fn considered(q: &Quote, id: &str) -> bool {
    q.thresholds.iter().any(|c| c.id == id)
}

/// 2011-06-01, DKK 1,130 (EUR 151.6 at the month's customs rate, over EUR 150 converted): within
/// Skattestyrelsen's DKK 1,150, no duty, and no assumption on the amount; DKK 1,151 (over 1,150):
/// duty 12 % × (1,151 + 100 freight) = 150.12.
#[test]
fn denmark_duty_relief_is_skattestyrelsens_1150_kroner_where_published() {
    let within = tshirt("2011-06-01", "1130");
    assert!(applies(&within, "dk-duty-relief-1150") && !considered(&within, "eu-duty-relief-150"));
    assert_eq!(within.totals.duty, d("0"));
    assert!(!within.warnings.iter().any(|w| w.message.contains("eu-duty-relief-150")), "{:?}", within.warnings);

    let over = tshirt("2011-06-01", "1151");
    assert!(!applies(&over, "dk-duty-relief-1150"));
    assert_eq!(over.totals.duty, d("150.12"));
}

/// 2020-06-02 (audit-ff dk5): no dated krone amount read for that year: EUR 150 is converted at
/// the customs rate, and the assumption says so; DKK 1,130 is then over it (EUR 151.55).
#[test]
fn denmark_without_a_published_amount_converts_eur_150_and_says_so() {
    let q = tshirt("2020-06-02", "1130");
    assert!(considered(&q, "eu-duty-relief-150") && !applies(&q, "eu-duty-relief-150"));
    assert!(warned(&q, "W_ASSUMPTION"));
    assert!(q.totals.duty > d("0"));
}
