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
    // Only the EU handling fee, expected from 2026-11-01 and not priced
    // (fees.tsv#eu-handling-fee-2026, audit-y Y5), keeps the totals from complete.
    assert!(tee.levies.iter().all(|l| l.amount.is_some() || l.name.as_str().contains("EU customs handling fee")));
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
    assert!(
        reason(&none).contains("000000 is not in the HS 2022 nomenclature; no code of chapter 00"),
        "{}",
        reason(&none)
    );
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

/// audit-n N5. CBSA Customs Notice 20-18 (CUSMA courier low value shipments): "the goods do not
/// need to originate ... but rather be imported from the United States or Mexico. If the goods
/// were not produced in the United States or Mexico, they must have entered into the commerce of
/// either the United States or Mexico prior to being imported into Canada". Chinese toys shipped
/// from the US at CA$140: duty relieved under the CA$150 band on that condition, stated in the
/// quote, and the sweep that names the US route cheapest repeats it.
#[test]
fn canadas_cusma_courier_relief_states_its_commerce_condition() {
    let cart = json!({"destination": "CA", "subdivision": "AB", "origin": "CN", "ship_from": "US",
        "date": "2026-11-26", "currency": "CAD", "channel": "courier", "incoterm": "DAP",
        "lines": [{"id": "g", "code": "9503.00", "quantity": "1", "unit_price": "140.00", "duty_rate": "8%"}]});
    let q = quote(cart.clone());
    assert!(q.thresholds.iter().any(|t| t.id == "ca-cusma-courier-150" && t.applies));
    assert!(q
        .warnings
        .iter()
        .any(|w| w.code == "W_ASSUMPTION"
            && w.message.to_string().contains("entered into the commerce of the US or Mexico")));
    let axes = SweepAxes { ship_froms: vec!["CN".into(), "US".into()], ..Default::default() };
    let r = sweep(&engine(), &request(cart), &axes).unwrap();
    let cheapest = r.cheapest.expect("a complete row");
    assert_eq!(cheapest.ship_from.as_deref(), Some("US"));
    assert!(cheapest.notes.iter().any(|n| n.contains("entered into the commerce")), "{:?}", cheapest.notes);
    let saving = r.savings.iter().find(|s| s.axis == "ship_from").expect("US instead of CN");
    assert!(saving.note.as_deref().is_some_and(|n| n.contains("entered into the commerce")), "{saving:?}");
}

/// audit-n N4. Under DAP the recipient pays the duty and import VAT to the carrier on delivery
/// (Incoterms 2020 DAP A9/B9); the catalogue's `landed` is the checkout amount, so the all-in
/// price is `buyer_total`. Jacket EUR 300 from CN to DE: duty 12 % = 36.00, VAT 19 % × 336.00 =
/// 63.84 (Directive 2006/112/EC art. 85-86): due on delivery 99.84, buyer total 399.84, equal to
/// the DDP landed cost.
#[test]
fn the_catalogue_under_dap_writes_what_is_due_on_delivery_and_the_buyers_total() {
    use landed::catalogue::{price_catalogue, CatalogueOptions};
    let csv = "sku,code,price,origin,currency\njacket,6201400000,300.00,CN,EUR\n";
    let run = |incoterm: landed::request::Incoterm| {
        let options = CatalogueOptions {
            destinations: vec!["DE".into()],
            date: landed::date::Date::parse("2026-11-26").unwrap(),
            currency: None,
            channel: Some(landed::request::Channel::Courier),
            incoterm: Some(incoterm),
        };
        let mut out = Vec::new();
        price_catalogue(&engine(), csv.as_bytes(), &mut out, &options, &mut |_| {}).unwrap();
        String::from_utf8(out).unwrap()
    };
    let dap = run(landed::request::Incoterm::Dap);
    let header: Vec<&str> = dap.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = dap.lines().nth(1).unwrap().split(',').collect();
    let col = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!((col("landed"), col("due_on_delivery"), col("buyer_total")), ("300.00", "99.84", "399.84"), "{dap}");
    let ddp = run(landed::request::Incoterm::Ddp);
    let row: Vec<&str> = ddp.lines().nth(1).unwrap().split(',').collect();
    assert_eq!((row[9], row[13], row[14]), ("399.84", "0.00", "399.84"), "{ddp}");
}

/// audit-n N3. The EU-UK Trade and Cooperation Agreement (OJ L 149, 30.4.2021) art. 21: no
/// customs duties on goods originating in the other Party (with a statement on origin, art.
/// 54-55). Our data has no EU or GB preference programmes, so a sweep across origins into DE
/// charges every origin the general 12 % and must not call GB and CN "the same total, no
/// saving"; `rate` says the preferences are not in our data.
#[test]
fn an_origin_sweep_where_preferences_are_not_in_our_data_says_so() {
    let cart = request(json!({"destination": "DE", "origin": "GB", "ship_from": "GB", "date": "2026-11-26",
        "currency": "EUR", "channel": "courier", "incoterm": "DDP",
        "lines": [{"id": "jacket", "code": "6201.40.00", "quantity": "2", "unit_price": "200.00"}]}));
    let axes = SweepAxes { origins: vec!["GB".into(), "CN".into()], ..Default::default() };
    let r = sweep(&engine(), &cart, &axes).unwrap();
    let tie = r.ties.iter().find(|t| t.axis == "origin").expect("an origin tie");
    assert!(tie.note.as_deref().is_some_and(|n| n.contains("preference programmes are not in our data")), "{tie:?}");
    let rate =
        landed::api::rate(&engine(), "DE", "87038010", landed::date::Date::parse("2026-11-26").unwrap()).unwrap();
    assert!(rate.covers.contains("preferences") && rate.covers.contains("not in our data"));
    let us =
        landed::api::rate(&engine(), "US", "6109100012", landed::date::Date::parse("2026-11-26").unwrap()).unwrap();
    assert_eq!(us.covers, landed::api::RATE_COVERS);
}

/// audit-n N7. US wine, HTSUS 2204.21.50: 6.3 cents/litre. A line that gives `volume_l` 9 and
/// `units {"l": "90"}` states two volumes; the duty took the second (6.3 ¢ × 90 = 5.67) with no
/// word. One measure given twice differently is a typed error naming the field.
#[test]
fn a_volume_given_twice_differently_is_a_typed_error() {
    let wine = |units_l: &str| {
        request(json!({"destination": "US", "origin": "FR", "ship_from": "FR", "date": "2026-11-26",
            "currency": "USD", "channel": "courier", "incoterm": "DDP",
            "lines": [{"id": "w", "code": "2204.21.50", "quantity": "12", "unit_price": "10",
                "volume_l": "9", "units": {"l": units_l}, "alcohol_pct": "13"}]}))
    };
    let e = engine().quote(&wine("90")).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("E_INVALID_FIELD", Some("lines[0].units.l")), "{e}");
    assert!(e.message.contains("volume_l is 9"), "{e}");
    assert!(engine().quote(&wine("9")).is_ok());
}

/// audit-n N7. Reg. (EU) 2026/382: from 2026-07-01 the EUR 150 relief ends and EUR 3 per tariff
/// line starts. The relieved duty (0.00) that ends is no saving: its change reads "no longer
/// applies (was 0.00 …)" with a delta of 0.00, never "-0.00 — no longer charged".
#[test]
fn a_relief_that_ends_is_not_a_negative_zero_saving_in_diff() {
    let cart = request(json!({"destination": "DE", "origin": "CN", "ship_from": "CN", "date": "2026-11-26",
        "currency": "EUR", "channel": "post", "incoterm": "DDP", "seller_registered": false,
        "lines": [{"id": "tee", "code": "6109.10.00.10", "quantity": "2", "unit_price": "20.00"}]}));
    let (before, after) =
        (landed::date::Date::parse("2026-06-30").unwrap(), landed::date::Date::parse("2026-07-01").unwrap());
    let c = landed::diff::compare_dates(&engine(), &cart, before, after).unwrap();
    let ended = c.changes.iter().find(|x| x.before == Some(d("0.00")) && x.after.is_none()).expect("the relief's line");
    assert!(ended.delta.is_zero() && !ended.delta.is_sign_negative(), "{ended:?}");
    assert!(ended.why.starts_with("no longer applies (was 0.00: relieved"), "{}", ended.why);
}
