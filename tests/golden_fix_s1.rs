//! audit-r (session 17, fix-s1): R-CA1, R-GIFT1, R-NO1, R-BR1, each at its source (a data row or
//! the rule), each test naming the law or the authority's page it follows.

mod common;

use common::{applies, d, quote};
use landed::quote::{LevyKind, LineQuote, Quote};
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// The amount of a line's levy of `kind`, priced or at least (a partial line's lower bound).
fn amount(line: &LineQuote, kind: LevyKind) -> Option<Decimal> {
    line.levies.iter().filter(|l| l.kind == kind).map(|l| l.amount.or(l.partial_amount)).sum()
}

fn warning(q: &Quote, code: &str, text: &str) -> bool {
    q.warnings.iter().any(|w| w.code == code && w.message.contains(text))
}

// ---------------------------------------------------------------------------------------------
// R-CA1. Postal Imports Remission Order (SI/85-181) s.2: "goods ... does not include (a)
// alcoholic beverages, cannabis products, cigars, cigarettes and manufactured tobacco"; CBSA
// Memorandum D8-2-2 (March 2025) adds vaping products; s.3: not for goods bought from a retailer
// in Canada or ordered through a Canadian address. The Courier Imports Remission Order is read
// as excluding the same goods (its own text not read: stated).
// ---------------------------------------------------------------------------------------------

fn ca(date: &str, province: &str, channel: &str, lines: Value) -> Quote {
    quote(json!({"destination": "CA", "subdivision": province, "date": date, "currency": "CAD", "channel": channel,
        "incoterm": "DAP", "origin": "GB", "ship_from": "GB", "lines": lines}))
}

fn cigar(price: &str) -> Value {
    json!({"id": "cigar", "code": "2402.10", "quantity": "1", "unit_price": price, "duty_rate": "0%",
        "extra_duties": [{"name": "Excise duty on tobacco (cigar)", "rate": "1.00 CAD each", "kind": "excise"}]})
}

/// audit-r's request `ca-cig-post.json`: a CAD 18 cigar by post into Alberta was "not due" for
/// duty and GST under ca-general-20. PIRO s.2(a): a cigar is not "goods" of the order, so the
/// remission does not apply; GST 5 % × (18.00 + 0.00 duty + 1.00 excise) = 0.95.
#[test]
fn a_cigar_by_post_is_outside_the_cad_20_remission_piro_s2() {
    let q = ca("2026-11-02", "AB", "post", json!([cigar("18.00")]));
    assert!(!applies(&q, "ca-general-20-from-2022-10-01"));
    assert!(warning(&q, "W_THRESHOLD_NOT_APPLIED", "HS 2402"), "{:?}", q.warnings);
    assert_eq!(amount(&q.lines[0], LevyKind::Tax), Some(d("0.95")));
    assert_eq!(q.totals.due_on_delivery, d("1.95"));
}

/// A CAD 10 T-shirt and a CAD 8 cigar in one mail item (CAD 18): the T-shirt keeps the remission
/// (PIRO s.4), the cigar is outside it line by line and pays GST 5 % × (8.00 + 1.00) = 0.45.
#[test]
fn beside_a_cigar_a_t_shirt_keeps_the_remission_line_by_line() {
    let shirt = json!({"id": "shirt", "code": "6109.10", "quantity": "1", "unit_price": "10.00", "duty_rate": "18%"});
    let q = ca("2026-11-02", "AB", "post", json!([shirt, cigar("8.00")]));
    assert!(applies(&q, "ca-general-20-from-2022-10-01"));
    assert_eq!(amount(&q.lines[0], LevyKind::Duty), Some(d("0")));
    assert_eq!(amount(&q.lines[0], LevyKind::Tax), Some(d("0")));
    assert_eq!(amount(&q.lines[1], LevyKind::Tax), Some(d("0.45")));
}

/// Within the remission, the quote states what the order assumes (PIRO s.3: not bought from a
/// retailer in Canada nor ordered through a Canadian address) and, by courier, our reading of
/// the Courier Imports Remission Order's exceptions.
#[test]
fn the_remission_states_piro_s3_and_the_courier_reading() {
    let shirt = json!([{"id": "shirt", "code": "6109.10", "quantity": "1", "unit_price": "15.00", "duty_rate": "18%"}]);
    let q = ca("2026-11-02", "ON", "courier", shirt);
    assert!(applies(&q, "ca-general-20-from-2022-10-01"));
    assert_eq!(q.totals.due_on_delivery, d("0"));
    assert!(warning(&q, "W_ASSUMPTION", "PIRO s.3"), "{:?}", q.warnings);
    assert!(warning(&q, "W_ASSUMPTION", "Courier Imports Remission Order is read as"), "{:?}", q.warnings);
}

/// audit-r's `ca-wine.json`: a CAD 18 bottle of wine by courier is outside the remission (CIRO
/// read as PIRO s.2(a)): GST 5 % × 18.00 = 0.90 at least, the wine's excise listed.
#[test]
fn wine_by_courier_is_outside_the_remission_as_read() {
    let wine = json!([{"id": "w", "code": "2204.21", "quantity": "1", "unit_price": "18.00", "volume_l": "0.75",
        "alcohol_pct": "12", "duty_rate": "0%"}]);
    let q = ca("2026-11-02", "AB", "courier", wine);
    assert!(!applies(&q, "ca-general-20-from-2022-10-01"));
    assert!(amount(&q.lines[0], LevyKind::Tax).is_some_and(|t| t >= d("0.90")), "{:?}", q.lines[0].levies);
}

/// audit-r's `ca-vape.json`: a CAD 15 vaping liquid (HS 2404.12) by post into Ontario on
/// 2026-11-02 is outside the remission (D8-2-2, March 2025: vaping products), HST 13 % × 15.00 =
/// 1.95 at least. On 2022-06-01, before the vaping duty and the version of s.2 naming vaping
/// products (our dating: 2022-10-01), it was within ca-general-20.
#[test]
fn a_vaping_liquid_is_outside_the_remission_from_2022_10_01() {
    let vape = || json!([{"id": "vape", "code": "2404.12", "quantity": "1", "unit_price": "15.00", "duty_rate": "0%"}]);
    let q = ca("2026-11-02", "ON", "post", vape());
    assert!(!applies(&q, "ca-general-20-from-2022-10-01"));
    assert!(amount(&q.lines[0], LevyKind::Tax).is_some_and(|t| t >= d("1.95")), "{:?}", q.lines[0].levies);
    let q = ca("2022-06-01", "ON", "post", vape());
    assert!(applies(&q, "ca-general-20"));
    assert_eq!(amount(&q.lines[0], LevyKind::Tax), Some(d("0")));
}
