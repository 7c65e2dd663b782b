//! Rows whose primary text was read in session 18 (research-w): Canada's CAD 60 gift relief in
//! CBSA's memorandum. Each test names its source; figures are worked by hand from it.

mod common;

use common::{applies, d, levy, quote, unpriced, warned};
use landed::quote::{LevyKind, LineStatus};
use serde_json::{json, Value};

/// A T-shirt sent to Ontario by post as a gift, at `price` Canadian dollars, on `date`.
fn gift_to_ontario(price: &str, date: &str) -> Value {
    json!({"destination": "CA", "subdivision": "ON", "date": date, "currency": "CAD", "channel": "post",
        "origin": "US", "ship_from": "US", "gift": true,
        "lines": [{"id": "gift", "code": "6109.10", "quantity": "1", "unit_price": price, "duty_rate": "18%"}]})
}

#[test]
fn a_cad_50_gift_pays_no_duty_or_hst_cbsa_d2_1_4() {
    // CBSA Memorandum D2-1-4 (2018-11-26), tariff item 9816.00.00: casual donations sent by
    // persons abroad "when the value thereof does not exceed sixty dollars in any one case" are
    // free; the taxes follow (CBSA "Receiving Gifts in the Mail"). CAD 50: no duty, no HST, and
    // the unverified relief of the excess over CAD 60 has nothing left to relieve (no W_VERIFY).
    let q = quote(gift_to_ontario("50.00", "2026-11-27"));
    assert!(applies(&q, "ca-gift-60-from-2018-11-26"));
    assert!(!applies(&q, "ca-gift-excess-over-60"));
    let line = &q.lines[0];
    assert_eq!(line.status, LineStatus::Priced);
    assert_eq!(levy(line, LevyKind::Duty), d("0"));
    assert_eq!(levy(line, LevyKind::Tax), d("0"));
    assert_eq!(q.totals.landed, d("50.00"));
    assert!(!warned(&q, "W_VERIFY"), "{:?}", q.warnings);
}

#[test]
fn a_cad_80_gift_lists_duty_and_hst_unpriced_customs_tariff_s85() {
    // Customs Tariff s.85 (quoted in D2-1-4): above CAD 60 the value for duty is reduced by
    // CAD 60, so duty and HST are due on the excess (18 % × 20 = 3.60 duty). The engine does
    // not reduce a value by a relieved part: the row stays `verify` and the levies are listed
    // without an amount, never charged on the full CAD 80.
    let q = quote(gift_to_ontario("80.00", "2026-11-27"));
    assert!(!applies(&q, "ca-gift-60-from-2018-11-26"));
    let line = &q.lines[0];
    assert_ne!(line.status, LineStatus::Priced);
    assert!(unpriced(line, LevyKind::Duty).contains("18%"));
    assert!(warned(&q, "W_VERIFY"));
}

#[test]
fn before_the_memorandum_the_gift_relief_stays_unverified() {
    // Our sources date the CAD 60 relief's text from D2-1-4 (2018-11-26); before it the row of
    // secondary sources (`ca-gift-60`, verify) stands and the levies it would relieve are unpriced.
    let q = quote(gift_to_ontario("50.00", "2018-01-01"));
    assert_ne!(q.lines[0].status, LineStatus::Priced);
    assert!(warned(&q, "W_VERIFY"));
}

/// A consignment to the US by courier from the UK on `date`.
fn us_courier(date: &str, code: &str, price: &str) -> landed::quote::Quote {
    quote(json!({"destination": "US", "date": date, "currency": "USD", "channel": "courier",
        "origin": "GB", "ship_from": "GB",
        "lines": [{"id": "b", "code": code, "quantity": "1", "unit_price": price}]}))
}

#[test]
fn from_2026_06_24_books_have_no_de_minimis_cbp_dec_26_12() {
    // CBP Dec. 26-12 (91 FR 37789, from 2026-06-24), new 19 CFR 10.151(b): the US$800 exemption
    // "is suspended for merchandise arriving via all modes other than through the international
    // postal network" (145.31(b), CBP Dec. 26-13, for the postal network), made under 19 U.S.C.
    // 1321(b): no exception for the 50 U.S.C. 1702(b) goods the EO's suspension left out. The
    // day before, the 1702(b) row is still considered for a US$50 book.
    let book = "4901.99.0093";
    let before = us_courier("2026-06-23", book, "50.00");
    assert!(before.thresholds.iter().any(|c| c.id == "us-de-minimis-800-1702b"));
    let after = us_courier("2026-06-24", book, "50.00");
    assert!(after.thresholds.iter().all(|c| !c.id.starts_with("us-de-minimis")), "{:?}", after.thresholds);
}

/// A US$100 T-shirt of China sent to the US by post on `date`.
fn us_post(date: &str) -> landed::quote::Quote {
    quote(json!({"destination": "US", "date": date, "currency": "USD", "channel": "post",
        "origin": "CN", "ship_from": "CN",
        "lines": [{"id": "t", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00"}]}))
}

#[test]
fn postal_items_from_2026_02_24_pay_the_interim_10_percent_in_lieu_of_every_other_duty() {
    // EO 14324 s.3 as revised by EO 14388, as CBP Dec. 26-13 (91 FR 37801) quotes it: a postal
    // item pays a duty "equal to the rate provided in Proclamation 11012" (Section 122, 10 %)
    // until 2026-07-24; "the postal process only applies the simple 10% ad valorem duty", "these
    // duties (and all non-Section 122 duties) do not apply". Read as CBP quotes the order, and its
    // scope given two ways (US$800, US$2,500): `verify`, so 10 % × 100 = 10.00 is the known
    // lower bound and the tariff and Section 301 duties are listed in lieu of which it is paid.
    let q = us_post("2026-03-02");
    let line = &q.lines[0];
    assert_eq!(line.status, LineStatus::Partial);
    let postal = line.levies.iter().find(|l| l.name.to_string().contains("interim postal duty")).expect("listed");
    assert_eq!((postal.amount, postal.partial_amount), (None, Some(d("10.00"))));
    assert!(postal.formula.as_str().contains("[verify]"), "{}", postal.formula.as_str());
    let duty = line.levies.iter().find(|l| l.kind == LevyKind::Duty).expect("the tariff's duty listed");
    assert!(duty.amount.is_none() && duty.formula.as_str().contains("in lieu of it"));
    // From 2026-07-24 CBP's postal entry process collects every applicable duty (19 CFR 145.12
    // as amended): no postal duty in lieu of them.
    let q = us_post("2026-07-24");
    assert!(q.lines[0].levies.iter().all(|l| !l.name.to_string().contains("postal duty")));
    assert!(q.lines[0].levies.iter().any(|l| l.kind == LevyKind::Duty && l.amount.is_some()));
}
