//! audit-n (session 15, fix-n): an unknown code under a low-value relief, the EU's EUR 150 duty
//! relief before it existed, and the sweep's code axis as a what-if.

mod common;

use common::{d, engine, quote, request};
use landed::quote::{LineStatus, Quote};
use landed::sweep::{sweep, SweepAxes};
use serde_json::json;

fn one_line(destination: &str, currency: &str, code: &str, price: &str) -> Quote {
    quote(json!({"destination": destination, "origin": "CN", "ship_from": "CN", "date": "2026-11-26",
        "currency": currency, "channel": "courier", "incoterm": "DDP",
        "lines": [{"id": "a", "code": code, "quantity": "1", "unit_price": price}]}))
}

fn reason(q: &Quote) -> String {
    q.lines[0].reason.clone().unwrap_or_default()
}

/// audit-n N1, EU. Council Regulation (EU) 2026/382 art. 2: EUR 3 per item (tariff line) of a
/// consignment <= EUR 150 under IOSS; the code decides the tariff lines counted, the VAT class
/// (Directive 2006/112/EC art. 98 and Annex III) and the excise goods IOSS leaves out (art.
/// 369l). A code in no tariff is partial with the nearest valid codes, as above EUR 150 (where
/// the tariff lookup says so), not `complete` at 3.00 + VAT.
#[test]
fn an_unknown_code_under_the_eu_flat_duty_is_partial_with_the_nearest_codes() {
    for code in ["9999999999", "0000000000"] {
        let q = one_line("DE", "EUR", code, "10");
        assert_eq!(q.lines[0].status, LineStatus::Partial, "{code}: {:?}", q.lines[0]);
        assert!(!q.totals.complete);
        assert!(reason(&q).contains("is not in the EU tariff"), "{}", reason(&q));
    }
    assert!(reason(&one_line("DE", "EUR", "9999999999", "10")).contains("nearest valid codes: 97050000"));
    // Above EUR 150 the lookup said the same before the fix.
    let above = one_line("DE", "EUR", "9999999999", "200");
    assert_ne!(above.lines[0].status, LineStatus::Priced);
    assert!(reason(&above).contains("is not in the EU tariff"));
    // A real code under the relief stays priced: a T-shirt, CN 6109 10 00, EUR 3 + 19 % VAT.
    let tee = one_line("DE", "EUR", "6109100010", "10");
    assert_eq!(tee.lines[0].status, LineStatus::Priced);
    assert!(tee.totals.complete);
}

/// audit-n N1, GB. gov.uk 'Tax and customs for goods sent from abroad': no customs duty on goods
/// worth GBP 135 or less unless excise goods, and the seller charges the VAT at the sale (VATA
/// 1994 s.5A), at the rate of the goods' class (VATA 1994 Sch. 8: food and books zero-rated):
/// the code decides it, so a code in no tariff is not priced `complete`.
#[test]
fn an_unknown_code_under_the_gb_135_relief_is_partial() {
    let q = one_line("GB", "GBP", "9999999999", "10");
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(!q.totals.complete);
    assert!(reason(&q).contains("9999999999 is not in the GB tariff; nearest valid codes: 97050000"), "{}", reason(&q));
    let tee = one_line("GB", "GBP", "6109100010", "10");
    assert_eq!((tee.lines[0].status, tee.totals.tax), (LineStatus::Priced, d("2.00")));
}

/// audit-n N1, AU (no tariff in the snapshot). Customs Tariff Act 1995 Schedule 4 item 4
/// (A$1,000 or less: no duty) and GST on low value goods (A New Tax System (GST) Act 1999
/// s.84-77): the code still decides the GST-free goods and the excise exclusions, and Australia
/// classifies in the HS (Customs Tariff Act 1995 Schedule 3, note 2: the text follows the HS
/// Convention). Without an AU tariff the code is checked in the HS 2022 nomenclature: chapter 00
/// and subheading 6109 99 do not exist; chapter 99 is reserved for national use, which cannot be
/// checked without the AU tariff.
#[test]
fn an_unknown_code_under_the_au_1000_relief_is_checked_in_the_hs() {
    let au = |code: &str| one_line("AU", "AUD", code, "10");
    let none = au("0000000000");
    assert_eq!(none.lines[0].status, LineStatus::Partial);
    assert!(reason(&none).contains("000000 is not in the HS 2022 nomenclature; no code of chapter 00"), "{}", reason(&none));
    let heading_only = au("6109990000");
    assert_eq!(heading_only.lines[0].status, LineStatus::Partial);
    assert!(reason(&heading_only).contains("nearest valid codes: 610990"), "{}", reason(&heading_only));
    let national = au("9999999999");
    assert_eq!(national.lines[0].status, LineStatus::Partial);
    assert!(reason(&national).contains("reserves for national use"));
    let tee = au("610910");
    assert_eq!(tee.lines[0].status, LineStatus::Priced);
    assert!(tee.totals.complete);
}

/// audit-n N2. Council Regulation (EC) 274/2008 (OJ L 85, 27.3.2008) raised the EUR/ECU 22 limit
/// of Regulation (EEC) 918/83 art. 27 ("has not been increased since 1991", recital) to EUR 150,
/// in EUR-Lex's consolidated 918/83 from 2008-12-01. On 2005-06-01, DKK 800 (≈ EUR 107 at the
/// caller's 0.1341) is above EUR 22: the duty is due, and with no tariff line for 2005 in our data
/// the line is partial, not "duty not due, 1,000.00 complete". On 2008-12-01 the EUR 150 relief
/// applies; a DKK 150 (≈ EUR 20) consignment in 2005 is within the EUR 22.
#[test]
fn the_eur_150_relief_starts_on_2008_12_01_and_eur_22_applies_before() {
    let dk = |date: &str, price: &str| {
        quote(json!({"destination": "DK", "origin": "US", "ship_from": "US", "date": date, "currency": "DKK",
            "fx": {"DKK/EUR": "0.1341"}, "channel": "courier", "incoterm": "DDP",
            "lines": [{"id": "tee", "code": "6109.10.00.10", "quantity": "1", "unit_price": price}]}))
    };
    let applies = |q: &Quote, id: &str| q.thresholds.iter().any(|t| t.id == id && t.applies);
    let old = dk("2005-06-01", "800.00");
    assert!(!applies(&old, "eu-duty-relief-150") && !applies(&old, "eu-duty-relief-22"));
    assert_ne!(old.lines[0].status, LineStatus::Priced);
    assert!(!old.totals.complete);
    let small = dk("2005-06-01", "150.00");
    assert!(applies(&small, "eu-duty-relief-22"));
    let new = dk("2008-12-01", "800.00");
    assert!(applies(&new, "eu-duty-relief-150") && !applies(&new, "eu-duty-relief-22"));
    let before = dk("2008-11-30", "800.00");
    assert!(!applies(&before, "eu-duty-relief-150"));
}

/// audit-n N6. Classification follows from the goods (General Interpretative Rules 1 and 6):
/// declaring a cheaper code for the same goods is a misdeclaration (CEMA 1979 s.167; Regulation
/// (EU) 952/2013 art. 15). The code axis of a sweep is a what-if for other goods, and says so.
#[test]
fn a_sweep_across_codes_is_a_what_if_not_a_saving() {
    let cart = request(json!({"destination": "GB", "origin": "DE", "ship_from": "DE", "date": "2026-11-26",
        "currency": "GBP", "channel": "courier", "incoterm": "DDP",
        "lines": [{"id": "shoes", "code": "6403.99.93.00", "quantity": "2", "unit_price": "150.00"}]}));
    let axes = SweepAxes { codes: vec!["6403.99.93.00".into(), "6404.19.90.00".into()], ..Default::default() };
    let r = sweep(&engine(), &cart, &axes).unwrap();
    let code = r.savings.iter().find(|s| s.axis == "code").expect("a code entry");
    assert!(code.note.as_deref().is_some_and(|n| n.starts_with("a what-if") && n.contains("GIR 1 and 6")), "{code:?}");
}
