//! The inputs of the customs value and the import tax base a request may leave out or give where
//! the destination's law has no use for them (audit-ss, session 23): a carrier's clearance charge
//! (`tax_base_charges`), transport (`shipping`) and insurance (`insurance`).

use crate::common::{d, levy, quote};
use landed::quote::{LevyKind, Quote};
use serde_json::{json, Value};

fn warning<'a>(q: &'a Quote, code: &str, start: &str) -> Option<&'a str> {
    q.warnings.iter().find(|w| w.code == code && w.message.starts_with(start)).map(|w| w.message.as_str())
}

/// A consignment by ocean freight of one line at a caller's 10 % duty, with `extra` fields.
fn freight(destination: &str, currency: &str, price: &str, extra: Value) -> Value {
    let mut v = json!({"destination": destination, "origin": "CN", "ship_from": "CN", "date": "2026-03-02",
        "currency": currency, "channel": "freight", "transport": "ocean", "incoterm": "DDP",
        "lines": [{"id": "a", "code": "6109.10.00", "quantity": "1", "unit_price": price, "duty_rate": "10%"}]});
    for (k, x) in extra.as_object().expect("fields") {
        v[k] = x.clone();
    }
    v
}

fn tax(q: &Quote) -> rust_decimal::Decimal {
    levy(&q.lines[0], LevyKind::Tax)
}

/// audit-ss SS1. Australia's value of a taxable importation (A New Tax System (GST) Act 1999
/// s.13-20(2)) is the customs value + transport and insurance to the place of consignment + the
/// duty; New Zealand's (GST Act 1985 s.12(2)) the customs value + duty + freight and insurance;
/// Canada's value for tax (Excise Tax Act s.215(1)) the value for duty + duty; Japan's base
/// (消費税法 28条4項) the customs value + duty. None takes a carrier's clearance fee: that is
/// the carrier's own supply, taxed by it at the domestic rate. So `tax_base_charges` there is
/// `W_INPUT_UNUSED` and out of the quote (it was added to the import tax base and to the
/// totals). A$2,000 + A$100 freight, duty 10 % = 200: GST 10 % × 2,300 = 230.00 (was 235.00 with
/// the A$50 charge in it); NZ 15 % × 2,300 = 345.00 (was 352.50); CA (AB) 5 % × 2,200 = 110.00
/// (was 112.50); JP ¥200,000 + ¥10,000 freight, duty 10 % = 21,000: national 7.8 % × 231,000 =
/// 18,018 (was 18,408 on 236,000). Germany's law does take it (Directive 2006/112/EC art.
/// 86(1)(b)): 19 % × (2,100 + 210 + 50) = 448.40, as before.
#[test]
fn tax_base_charges_are_unused_where_the_law_puts_no_such_charge_in_the_import_tax_base_gst_act_s13_20() {
    let charges = json!({"shipping": "100", "tax_base_charges": "50"});
    for (dest, currency, extra, gst) in [
        ("AU", "AUD", json!({}), "230.00"),
        ("NZ", "NZD", json!({}), "345.00"),
        ("CA", "CAD", json!({"subdivision": "AB"}), "110.00"),
    ] {
        let mut fields = charges.clone();
        fields.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        let q = quote(freight(dest, currency, "2000", fields));
        assert_eq!(tax(&q), d(gst), "{dest}");
        let w =
            warning(&q, "W_INPUT_UNUSED", "tax_base_charges:").unwrap_or_else(|| panic!("{dest}: {:?}", q.warnings));
        assert!(w.contains(&format!("jurisdictions.tsv#{dest}")) && w.contains("not used"), "{w}");
        assert!(q.levies.iter().all(|l| !l.name.as_str().contains("tax_base_charges")), "{dest}: {:?}", q.levies);
    }
    let jp = quote(freight(
        "JP",
        "JPY",
        "200000",
        json!({"shipping": "10000", "tax_base_charges": "5000", "business_buyer": true}),
    ));
    let national = jp.lines[0].levies.iter().find(|l| l.name.as_str().contains("(national)")).expect("national");
    assert_eq!((national.base, national.amount), (d("231000"), Some(d("18018"))));
    assert!(warning(&jp, "W_INPUT_UNUSED", "tax_base_charges:").is_some(), "{:?}", jp.warnings);
    // Japan's shipping assumption no longer sends the part beyond the border to tax_base_charges.
    let ship = warning(&jp, "W_ASSUMPTION", "shipping: assumes all of it").expect("shipping assumption");
    assert!(ship.contains("leave that part of the charge out of shipping"), "{ship}");

    let de = quote(freight("DE", "EUR", "2000", charges));
    assert_eq!(tax(&de), d("448.40"));
    assert!(warning(&de, "W_INPUT_UNUSED", "tax_base_charges:").is_none());
    assert_eq!(de.totals.fees, d("50.00"));
    let ship = warning(&de, "W_ASSUMPTION", "shipping: assumes all of it").expect("shipping assumption");
    assert!(ship.contains("give that part of the charge in tax_base_charges"), "{ship}");
}

/// audit-ss SS2. Regulation (EU) 952/2013 art. 71(1)(e) adds to the price actually paid the cost
/// of transport of the goods to the place where they enter the customs territory, unless it is in
/// the price (Japan 関税定率法 4条1項1号 and Korea 관세법 30조1항6호 likewise); Australia's value of
/// a taxable importation (GST Act 1999 s.13-20(2)) adds it to the GST base. A request without
/// `shipping` cannot say which: it is priced as a delivered price (nothing added) and now says so
/// (`W_ASSUMPTION shipping`, naming the jurisdiction row), where it said nothing. `"0"` is the
/// caller's figure and draws no statement. Figures unchanged: DE €1,000 by ocean freight, duty
/// 10 % × 1,000 = 100.00, VAT 19 % × 1,100 = 209.00. FOB destinations whose import tax base takes
/// no transport (the US: 19 U.S.C. 1401a; Canada: Customs Act s.48, Excise Tax Act s.215) have
/// nothing to assume.
#[test]
fn shipping_left_out_is_stated_where_the_customs_value_takes_transport_ucc_art_71_1_e() {
    let q = quote(freight("DE", "EUR", "1000", json!({})));
    assert_eq!((levy(&q.lines[0], LevyKind::Duty), tax(&q)), (d("100.00"), d("209.00")));
    let w = warning(&q, "W_ASSUMPTION", "shipping").unwrap_or_else(|| panic!("{:?}", q.warnings));
    assert!(w.contains("transport of the goods to DE") && w.contains("jurisdictions.tsv#DE"), "{w}");
    assert!(w.contains("customs value"), "{w}");
    let zero = quote(freight("DE", "EUR", "1000", json!({"shipping": "0"})));
    assert_eq!((levy(&zero.lines[0], LevyKind::Duty), tax(&zero)), (d("100.00"), d("209.00")));
    assert!(warning(&zero, "W_ASSUMPTION", "shipping").is_none(), "{:?}", zero.warnings);
    for (dest, currency, price) in [("JP", "JPY", "100000"), ("KR", "KRW", "1000000")] {
        let q = quote(freight(dest, currency, price, json!({"business_buyer": true})));
        assert!(warning(&q, "W_ASSUMPTION", "shipping").is_some(), "{dest}: {:?}", q.warnings);
    }
    // Australia: the duty is on FOB, the GST base takes the transport (A$10,000, duty 1,000,
    // GST 10 % × 11,000 = 1,100.00).
    let au = quote(freight("AU", "AUD", "10000", json!({})));
    assert_eq!(tax(&au), d("1100.00"));
    let w = warning(&au, "W_ASSUMPTION", "shipping").unwrap_or_else(|| panic!("{:?}", au.warnings));
    assert!(w.contains("import tax base"), "{w}");
    for (dest, currency, extra) in [("US", "USD", json!({})), ("CA", "CAD", json!({"subdivision": "AB"}))] {
        let q = quote(freight(dest, currency, "1000", extra));
        assert!(warning(&q, "W_ASSUMPTION", "shipping").is_none(), "{dest}: {:?}", q.warnings);
    }
}

/// audit-ss SS3. Regulation (EU) 952/2013 art. 71(1)(e) and Japan's 関税定率法 4条1項1号 add the
/// cost of insurance to the customs value only when it is incurred (no notional insurance), so 0
/// is the law's figure for uninsured goods; but a request without `insurance` cannot say none was
/// bought, and the quote said nothing. Now `W_ASSUMPTION insurance: assumes none was bought`;
/// with `shipping` also left out, one warning names both fields. `"0"` says nothing. Figures
/// unchanged: DE €1,000 + €100 freight, duty 10 % × 1,100 = 110.00, VAT 19 % × 1,210 = 229.90.
/// (India's Customs Valuation Rules 2007 r.10(2) default insurance to 1.125 % of FOB: IN is not
/// priced, docs/rules.md §1.)
#[test]
fn insurance_left_out_is_stated_as_none_bought_ucc_art_71_1_e_and_kanzei_teiritsu_ho_art_4() {
    let q = quote(freight("DE", "EUR", "1000", json!({"shipping": "100"})));
    assert_eq!((levy(&q.lines[0], LevyKind::Duty), tax(&q)), (d("110.00"), d("229.90")));
    let w =
        warning(&q, "W_ASSUMPTION", "insurance: assumes none was bought").unwrap_or_else(|| panic!("{:?}", q.warnings));
    assert!(w.contains("when it is incurred") && w.contains("jurisdictions.tsv#DE"), "{w}");
    assert!(warning(&q, "W_ASSUMPTION", "shipping: assumes none").is_none(), "{:?}", q.warnings);
    let given = quote(freight("DE", "EUR", "1000", json!({"shipping": "100", "insurance": "0"})));
    assert_eq!(tax(&given), d("229.90"));
    assert!(warning(&given, "W_ASSUMPTION", "insurance").is_none(), "{:?}", given.warnings);
    // Both left out: one statement naming both.
    let both = quote(freight("JP", "JPY", "100000", json!({"business_buyer": true})));
    let w = warning(&both, "W_ASSUMPTION", "shipping, insurance: assume none")
        .unwrap_or_else(|| panic!("{:?}", both.warnings));
    assert!(w.contains("no insurance") && w.contains("jurisdictions.tsv#JP"), "{w}");
    assert_eq!(
        both.warnings
            .iter()
            .filter(|w| w.message.starts_with("insurance") || w.message.starts_with("shipping"))
            .count(),
        1
    );
}
