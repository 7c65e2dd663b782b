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
