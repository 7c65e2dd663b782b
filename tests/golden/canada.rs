//! Canada: the provincial sales tax the CBSA collects at the border on casual goods (audit-b B3).
//! Sources: CBSA 'Courier Low Value Shipment Program: Requirement for payment of provincial sales
//! tax (PST) and harmonized sales tax (HST) on casual goods' (the Government of Canada has signed
//! agreements with provincial governments to have the CBSA collect and remit the PST; casual goods
//! attract PST or HST, where applicable, as well as customs duties and the GST); CBSA Memoranda
//! D2-3-6, D17-1-22 (courier and commercial streams), D5-1-1 (mail); D18-4-1 para. 23 (a
//! provincial sales tax applies to the value for tax: value for duty + duty, as the GST).
//! Rates: BC 7 % (CBSA Customs Notice 13-008, from 2013-04-01), SK 6 % (saskatchewan.ca, from
//! 2017-03-23), MB 7 % (manitoba.ca, from 2019-07-01).

mod cusma_courier_relief;
mod provincial_tax_left_out;

use crate::common::{applies, d, quote, warned};
use landed::quote::{LevyKind, LineQuote, Quote};
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn request(subdivision: &str, channel: &str, business: bool) -> Value {
    json!({"destination": "CA", "subdivision": subdivision, "date": "2026-11-26", "currency": "CAD",
        "channel": channel, "incoterm": "DDP", "origin": "CN", "ship_from": "CN", "shipping": "20.00",
        "business_buyer": business,
        "lines": [{"id": "a", "code": "6109.10", "quantity": "1", "unit_price": "200.00", "duty_rate": "18%"}]})
}

fn tax<'q>(line: &'q LineQuote, name: &str) -> Option<&'q landed::quote::Levy> {
    line.levies.iter().find(|l| l.kind == LevyKind::Tax && l.name.as_str().contains(name))
}

fn pst(q: &Quote) -> Option<&landed::quote::Levy> {
    tax(&q.lines[0], "PST")
}

#[test]
fn bc_consumer_pays_pst_7_percent_on_value_for_duty_plus_duty_at_the_border() {
    // Worked by hand (audit-b B3): value for duty 200.00 (FOB: the shipping is not dutiable,
    // Customs Act s.48), duty 18 % = 36.00, value for tax 236.00; GST 5 % = 11.80; BC PST 7 % of
    // the same value for tax = 16.52; landed 200.00 + 20.00 + 36.00 + 11.80 + 16.52 = 284.32.
    let q = quote(request("BC", "courier", false));
    let pst = pst(&q).expect("BC PST levy");
    assert_eq!((pst.base, pst.amount), (d("236.00"), Some(d("16.52"))));
    assert_eq!(pst.name.as_str(), "Import PST (BC)");
    assert_eq!(tax(&q.lines[0], "GST").unwrap().amount, Some(d("11.80")));
    assert_eq!(q.totals.tax, d("28.32"));
    assert_eq!(q.totals.landed, d("284.32"));
    assert!(q.totals.complete);
    // The collection depends on the goods being cleared in the province: stated, not silent.
    assert!(warned(&q, "W_ASSUMPTION"));
    assert!(!warned(&q, "W_PROVINCIAL_TAX"), "the CBSA collects BC's PST");
}

#[test]
fn manitoba_7_and_saskatchewan_6_percent_by_post() {
    // Same cart by post: value for tax 236.00; MB 7 % = 16.52, SK 6 % = 14.16.
    let mb = quote(request("MB", "post", false));
    assert_eq!(pst(&mb).unwrap().amount, Some(d("16.52")));
    assert_eq!(mb.totals.landed, d("284.32"));
    let sk = quote(request("SK", "post", false));
    assert_eq!(pst(&sk).unwrap().amount, Some(d("14.16")));
    assert_eq!(sk.totals.landed, d("281.96"));
}

#[test]
fn a_business_importer_is_told_it_self_assesses_the_pst() {
    // Casual goods are goods not imported for sale or commercial use (D17-1-22 para. 1): a
    // business's goods are not, and the CBSA does not collect the PST on them.
    let q = quote(request("BC", "courier", true));
    assert!(pst(&q).is_none());
    assert_eq!(q.totals.landed, d("267.80"));
    let w = q.warnings.iter().find(|w| w.code == "W_PROVINCIAL_TAX").expect("PST warning");
    assert!(w.message.contains("self-assessment"), "{}", w.message);
}

#[test]
fn quebec_qst_and_ontario_hst_are_unchanged() {
    // No pst_border row for Québec: the QST is not collected at the border, and the quote says so.
    let qc = quote(request("QC", "courier", false));
    assert!(pst(&qc).is_none() && warned(&qc, "W_PROVINCIAL_TAX"));
    assert_eq!(qc.totals.landed, d("267.80"));
    // Ontario: HST 13 % of 236.00 = 30.68 (GST 5 % + Ontario's 8 %), no PST.
    let on = quote(request("ON", "courier", false));
    assert!(pst(&on).is_none() && !warned(&on, "W_PROVINCIAL_TAX"));
    assert_eq!(tax(&on.lines[0], "HST").unwrap().amount, Some(d("30.68")));
}

#[test]
fn the_pst_is_relieved_with_the_gst_at_or_below_cad_20() {
    // Postal/Courier Imports Remission Orders: no duty or tax at or below CAD 20.
    let mut r = request("BC", "post", false);
    r["lines"][0]["unit_price"] = json!("15.00");
    let q = quote(r);
    assert!(pst(&q).is_none());
    assert_eq!(q.totals.tax, d("0.00"));
    // The only assumption stated is the remission's own (PIRO s.3, audit-r R-CA1), not the
    // PST's clearing in the buyer's province.
    assert!(!q.warnings.iter().any(|w| w.code == "W_ASSUMPTION" && !w.message.contains("ca-general-20")));
}

#[test]
fn before_the_encoded_rate_the_line_is_partial_not_silently_without_pst() {
    // MB's 7 % is encoded from 2019-07-01 (8 % before, not encoded): a 2016 quote is partial.
    let mut r = request("MB", "post", false);
    r["date"] = json!("2016-11-26");
    let q = quote(r);
    assert!(pst(&q).is_none());
    assert!(!q.totals.complete);
    let reason = q.lines[0].reason.as_deref().unwrap_or_default();
    assert!(reason.contains("MB PST") && reason.contains("2019-07-01"), "{reason}");
}

// audit-r (session 17, fix-s1): R-CA1, R-GIFT1, R-NO1, R-BR1, each at its source (a data row or
// the rule), each test naming the law or the authority's page it follows.

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
