//! Australia's luxury car tax thresholds for 2011-12 (audit-ii II4): the ATO's GST issues
//! register "Motor Vehicle Industry Partnership", 8.a (ato.gov.au, last modified 07 Jun 2012):
//! "the luxury car tax threshold ($57,466 for the 2011-12 financial year)" and "the fuel efficient
//! car limit, which is $75,375 for the 2011-12 financial year" (a car of at most 7 l/100 km).
//! A New Tax System (Luxury Car Tax) Act 1999 s.7-15(1): 33 % × 10/11 × (LCT value − threshold).

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

fn car(fuel: Option<&str>) -> Quote {
    let mut line =
        json!({"id": "car", "code": "8703.23", "quantity": "1", "unit_price": "90000.00", "duty_rate": "0%"});
    if let Some(f) = fuel {
        line["fuel_l_per_100km"] = json!(f);
    }
    quote(
        json!({"destination": "AU", "date": "2011-08-01", "currency": "AUD", "channel": "freight", "transport": "ocean",
                 "origin": "US", "ship_from": "US", "incoterm": "DDP", "shipping": "0", "lines": [line]}),
    )
}

fn lct(q: &Quote) -> &landed::quote::Levy {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Excise).expect("the LCT")
}

#[test]
fn au_lct_2011_12_thresholds_ato_gst_issues_register_8a() {
    // GST 10 % × 90,000 = 9,000: LCT value 99,000.00. 8 l/100 km: 0.3 × (99,000 − 57,466) = 12,460.20.
    let q = car(Some("8"));
    assert_eq!(lct(&q).amount, Some(d("12460.20")));
    assert_eq!(lct(&q).source.row(), "excise_rates.tsv#au-lct-2011-12");
    assert_eq!(q.lines[0].status, LineStatus::Priced, "{:?}", q.lines[0].reason);
    // 5 l/100 km: the fuel-efficient limit, 0.3 × (99,000 − 75,375) = 7,087.50.
    let q = car(Some("5"));
    assert_eq!(lct(&q).amount, Some(d("7087.50")));
    assert_eq!(lct(&q).source.row(), "excise_rates.tsv#au-lct-2011-12-fuel-efficient");
    // No fuel figure: at least the fuel-efficient car's 7,087.50, the line partial asking for it.
    let q = car(None);
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert_eq!(lct(&q).partial_amount, Some(d("7087.50")));
}

/// audit-nn NN5: a car under the threshold is not shown a negative excess ("33% × 10/11 ×
/// (66,000.00 − 75,375) = 0.00"): LCT value 66,000.00 (60,000 + GST 6,000) under the
/// fuel-efficient limit of 75,375.
#[test]
fn a_car_under_the_threshold_is_said_to_be_under_it_nn5() {
    let line = json!({"id": "car", "code": "8703.23", "quantity": "1", "unit_price": "60000.00", "duty_rate": "0%",
        "fuel_l_per_100km": "5"});
    let q = quote(
        json!({"destination": "AU", "date": "2011-08-01", "currency": "AUD", "channel": "freight", "transport": "ocean",
                 "origin": "US", "ship_from": "US", "incoterm": "DDP", "shipping": "0", "lines": [line]}),
    );
    assert_eq!(lct(&q).amount, Some(d("0.00")));
    let formula = lct(&q).formula.to_string();
    assert!(formula.starts_with("66,000.00 is not over the threshold 75,375 = 0.00"), "{formula}");
}
