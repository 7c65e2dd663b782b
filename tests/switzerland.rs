//! Switzerland: the mail-order rule (audit-b B4) and industrial goods duty-free from 2024-01-01
//! (audit-b B5a). Each test names its source; figures are worked by hand from the law.

mod common;

use common::{d, quote, warned};
use landed::quote::{LevyKind, Quote};
use serde_json::{json, Value};

/// A CHF 50.00 T-shirt from China by courier, CHF 10.00 shipping (audit-b B4).
fn t_shirt(date: &str) -> Value {
    json!({"destination": "CH", "date": date, "currency": "CHF", "channel": "courier", "incoterm": "DDP",
        "origin": "CN", "ship_from": "CN", "shipping": "10.00",
        "lines": [{"id": "a", "code": "6109.10", "quantity": "1", "unit_price": "50.00"}]})
}

fn tax(q: &Quote) -> &landed::quote::Levy {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).expect("tax levy")
}

fn check<'q>(q: &'q Quote, id: &str) -> &'q landed::quote::ThresholdCheck {
    q.thresholds.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("{id} checked"))
}

// ---- The mail-order rule -------------------------------------------------------------------

#[test]
fn a_registered_mail_order_seller_charges_vat_at_the_sale_with_no_chf_5_waiver_mwstg_7_3_b() {
    // MWSTG art. 7 para. 3 lit. b, MWSTV art. 4a (from 2019-01-01); ESTV 'Mail-order trade': a
    // mail-order company with at least CHF 100,000 a year of small consignments makes domestic
    // supplies ("all shipments to Switzerland are subject to domestic tax"). The VAT is charged
    // at the sale on the price with delivery: 8.1 % × (50.00 + 10.00) = 4.86 (MWSTG art. 25
    // para. 1 as from 2024-01-01), not waived as a border tax of CHF 5 or less would be; the
    // buyer pays 64.86.
    let q = quote(t_shirt("2026-11-26"));
    let vat = tax(&q);
    assert_eq!((vat.base, vat.amount), (d("60.00"), Some(d("4.86"))));
    assert!(vat.name.as_str().contains("ch-mail-order-100000"), "{}", vat.name.as_str());
    assert_eq!(q.totals.landed, d("64.86"));
    assert!(q.totals.complete);
    assert!(check(&q, "ch-mail-order-100000").applies);
    assert!(!check(&q, "ch-vat-min-5").applies, "no assessment at the border to waive");
    // The seller's registration is an assumption the quote states.
    let w = q.warnings.iter().find(|w| w.code == "W_ASSUMPTION" && w.message.contains("ch-mail-order-100000"));
    assert!(w.is_some(), "{:?}", q.warnings);
    assert!(warned(&q, "W_SELLER_COLLECTS"));
}

#[test]
fn seller_registered_false_is_import_vat_and_chf_5_or_less_is_not_collected() {
    // Without the mail-order registration the goods are imported: import VAT 8.1 % × 60.00 =
    // 4.86 ≤ CHF 5 is not collected (SR 641.204 art. 1(d), ch-vat-min-5); the quote says why
    // the mail-order row did not apply. Landed 60.00.
    let mut r = t_shirt("2026-11-26");
    r["seller_registered"] = json!(false);
    let q = quote(r);
    assert_eq!(tax(&q).amount, Some(d("0.00")));
    assert_eq!(q.totals.landed, d("60.00"));
    assert!(!check(&q, "ch-mail-order-100000").applies);
    assert!(check(&q, "ch-vat-min-5").applies);
    let w = q.warnings.iter().find(|w| w.code == "W_THRESHOLD_NOT_APPLIED").expect("stated");
    assert!(w.message.contains("ch-mail-order-100000") && w.message.contains("seller_registered is false"));
}

#[test]
fn before_2019_there_is_no_mail_order_rule() {
    // 2018: MWSTV art. 4a is not yet in force; import VAT 7.7 % × 60.00 = 4.62 ≤ CHF 5 is not
    // collected (MWSTG art. 25 in the version of 2018; SR 641.204 art. 1(d)).
    let mut r = t_shirt("2018-11-26");
    r["lines"][0]["duty_rate"] = json!("0%");
    let q = quote(r);
    assert!(q.thresholds.iter().all(|c| c.id != "ch-mail-order-100000"));
    assert_eq!(tax(&q).amount, Some(d("0.00")));
    assert_eq!(q.totals.landed, d("60.00"));
}

// ---- Industrial goods duty-free from 2024-01-01 ---------------------------------------------

#[test]
fn industrial_goods_owe_no_duty_from_2024_bazg_abolition_of_industrial_tariffs() {
    // BAZG 'Abolition of industrial tariffs' (BBl 2021 2330, in force 2024-01-01): no duty on
    // goods of chapters 25-97 except some products of chapters 35 and 38. A T-shirt (6109.10)
    // owes none: the line is priced with duty 0.00 and the assumption stated; the VAT is the
    // mail-order seller's, 4.86 (as above).
    let q = quote(t_shirt("2026-11-26"));
    let duty = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("duty levy");
    assert_eq!(duty.amount, Some(d("0.00")));
    assert!(q.lines[0].reason.is_none() && q.totals.complete, "{:?}", q.lines[0].reason);
    assert!(q.warnings.iter().any(|w| w.message.contains("ch-industrial-free")));
}

#[test]
fn agricultural_goods_and_chapters_35_38_still_need_the_callers_rate() {
    // Chapters 01-24 keep their duties; chapters 35 and 38 are listed whole because some of their
    // products are agricultural (BAZG): the line asks for duty_rate rather than price it free.
    for code in ["0901.21", "3505.10", "3824.99"] {
        let mut r = t_shirt("2026-11-26");
        r["lines"][0]["code"] = json!(code);
        let q = quote(r);
        assert!(!q.totals.complete, "{code}");
        let reason = q.lines[0].reason.as_deref().unwrap_or_default();
        assert!(reason.contains("ch-industrial-free") && reason.contains("duty_rate"), "{code}: {reason}");
    }
}

#[test]
fn before_2024_a_swiss_line_needs_the_callers_rate_and_the_hint_names_a_specific_form() {
    // Until 2023-12-31 industrial goods were dutiable, mostly per 100 kg gross (Zolltarifgesetz
    // art. 2): the snapshot has no Swiss tariff, and the hint shows that form too (audit-b B9).
    let q = quote(t_shirt("2023-11-26"));
    assert!(!q.totals.complete);
    let reason = q.lines[0].reason.as_deref().unwrap_or_default();
    assert!(reason.contains("12 CHF/100 kg gross") && reason.contains("kg:gross"), "{reason}");
}
