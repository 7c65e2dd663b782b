//! audit-r (session 17, fix-s1): R-CA1, R-GIFT1, R-NO1, R-BR1, each at its source (a data row or
//! the rule), each test naming the law or the authority's page it follows.

mod common;

use common::{applies, d, quote, warned};
use landed::quote::{LevyKind, LineQuote, LineStatus, Quote};
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

// ---------------------------------------------------------------------------------------------
// R-GIFT1. toll.no "Gifts": a gift from an individual abroad is exempt from customs duties and
// taxes if its value without shipping is less than NOK 1,000 (not alcoholic beverages and tobacco
// products). SARS rebate item 412.10 (from 2016-05-20, as reported by freightnews.co.za): bona
// fide unsolicited gifts, at most two parcels a year, R1,400 per parcel, not wine, spirits or
// manufactured tobacco (full duty; VAT Act Sch. 1 item 412.10), R400 before: press only, verify.
// ---------------------------------------------------------------------------------------------

fn gift(dest: &str, date: &str, currency: &str, lines: Value) -> Quote {
    quote(json!({"destination": dest, "date": date, "currency": currency, "channel": "post", "incoterm": "DAP",
        "origin": "GB", "ship_from": "GB", "gift": true, "lines": lines}))
}

/// audit-r's `no-gift.json`: an NOK 800 sweater sent as a gift was charged duty 86 and VAT 222
/// (308 due, complete). toll.no: nothing is due.
#[test]
fn a_gift_under_nok_1000_into_norway_is_free_of_duty_and_vat_toll_no() {
    let sweater =
        json!([{"id": "sweater", "code": "6110.11", "quantity": "1", "unit_price": "800.00", "duty_rate": "10.7%"}]);
    let q = gift("NO", "2026-11-02", "NOK", sweater);
    assert!(applies(&q, "no-gift-1000"));
    assert_eq!(q.totals.due_on_delivery, d("0"));
    assert!(q.totals.complete);
    assert!(warning(&q, "W_ASSUMPTION", "no-gift-1000"), "{:?}", q.warnings);
    assert!(!warned(&q, "W_INPUT_UNUSED"), "{:?}", q.warnings);
}

/// toll.no/no/varer/gaver: "Det skal beregnes innførselsavgifter for gaven dersom den: har en
/// verdi over 1 000 kroner": a gift of NOK 1,000.01 pays duty (10.7 % × 1,000.01 = 107.00 → 107,
/// whole kroner) and VAT (exactly NOK 1,000 is relieved: golden_fix_aa.rs, audit-y Y10); a gift
/// of wine is outside the relief.
#[test]
fn a_norwegian_gift_over_nok_1000_or_of_wine_pays_toll_no() {
    let sweater =
        json!([{"id": "sweater", "code": "6110.11", "quantity": "1", "unit_price": "1000.01", "duty_rate": "10.7%"}]);
    let q = gift("NO", "2026-11-02", "NOK", sweater);
    assert!(!applies(&q, "no-gift-1000"));
    assert_eq!(amount(&q.lines[0], LevyKind::Duty), Some(d("107")));
    let wine = json!([{"id": "w", "code": "2204.21", "quantity": "1", "unit_price": "200.00", "duty_rate": "0%",
        "volume_l": "0.75", "alcohol_pct": "12"}]);
    let q = gift("NO", "2026-11-02", "NOK", wine);
    assert!(!applies(&q, "no-gift-1000"));
    assert!(warning(&q, "W_THRESHOLD_NOT_APPLIED", "HS 2204"), "{:?}", q.warnings);
}

/// audit-r's `za-gift.json`: an R1,000 handbag sent as a gift paid duty 200 and VAT 195,
/// complete. Rebate item 412.10 relieves it; read only in the trade press, so the row is
/// `verify`: the duty and VAT are listed unpriced (the line not priced), and the two-parcels-a-year
/// condition stated.
#[test]
fn a_gift_up_to_r1400_into_south_africa_is_listed_under_rebate_item_412_10_unverified() {
    let bag = json!([{"id": "bag", "code": "4202.22", "quantity": "1", "unit_price": "1000.00", "duty_rate": "20%"}]);
    let q = gift("ZA", "2026-11-02", "ZAR", bag);
    assert_eq!(q.lines[0].status, LineStatus::NotPriced, "{:?}", q.lines[0]);
    assert!(!q.totals.complete);
    assert!(warning(&q, "W_VERIFY", "za-gift-1400"), "{:?}", q.warnings);
    assert!(!warned(&q, "W_INPUT_UNUSED"), "{:?}", q.warnings);
}

/// Before 2016-05-20 the limit was R400 (timeslive.co.za 2016-10-13; freightnews.co.za): an
/// R1,000 gift on 2015-06-01 is above it and pays. The row is from the press (`verify`), so its
/// amount is as unverified as the rest of it (audit-r R-TW1, fix-s2): the duty the relief would
/// lift is shown, not priced, and the warning names the row.
#[test]
fn a_south_african_gift_above_r400_paid_before_2016_05_20() {
    let bag = json!([{"id": "bag", "code": "4202.22", "quantity": "1", "unit_price": "1000.00", "duty_rate": "20%"}]);
    let q = gift("ZA", "2015-06-01", "ZAR", bag);
    assert!(!applies(&q, "za-gift-400"));
    assert_eq!(amount(&q.lines[0], LevyKind::Duty), None, "{:?}", q.lines[0]);
    assert!(warning(&q, "W_VERIFY", "za-gift-400: over its amount"), "{:?}", q.warnings);
}

/// Where the destination has no gift relief encoded on the date, `gift: true` is not silent
/// (audit-r R-GIFT1, audit-h H1): W_INPUT_UNUSED says so, naming the country and date.
#[test]
fn a_gift_without_an_encoded_relief_says_so() {
    let shirt = || json!([{"id": "t", "code": "6109.10", "quantity": "1", "unit_price": "30.00", "duty_rate": "5%"}]);
    let q = gift("AU", "2026-11-02", "AUD", shirt());
    assert!(warning(&q, "W_INPUT_UNUSED", "no gift relief is encoded for AU on 2026-11-02"), "{:?}", q.warnings);
    // Norway has a gift row from 2009-01-01 (`no-gift-1000-le`, fix-z): none before it.
    let q = gift("NO", "2008-06-01", "NOK", shirt());
    assert!(warning(&q, "W_INPUT_UNUSED", "no gift relief is encoded for NO"), "{:?}", q.warnings);
    let q = gift("GB", "2026-11-02", "GBP", shirt());
    assert!(!warned(&q, "W_INPUT_UNUSED"), "{:?}", q.warnings);
}

// ---------------------------------------------------------------------------------------------
// R-NO1. toll.no "The VOEC scheme": not for "goods subject to special taxes (e.g. sugar, beverage
// packaging, lubricants, appliances using greenhouse gases). On these goods, you must pay import
// duties regardless of the value of the consignment." Skatteetaten: such goods "will be subject
// to border collection of VAT, excise duties and customs duties".
// ---------------------------------------------------------------------------------------------

fn no_voec(channel: &str, from: &str, shipping: &str, line: Value) -> Quote {
    quote(json!({"destination": "NO", "date": "2026-11-02", "currency": "NOK", "channel": channel, "incoterm": "DDP",
        "origin": from, "ship_from": from, "seller_registered": true, "shipping": shipping, "lines": [line]}))
}

/// audit-r's `no4.json`: NOK 300 of motor oil (2710.19) + NOK 50 from a VOEC seller had its VAT
/// "collected by the seller", complete. It is outside VOEC: import VAT at the border, and the
/// lubricating-oil tax listed (no rate in our data), so the line is partial.
#[test]
fn lubricating_oil_is_outside_voec_and_lists_its_special_tax_toll_no() {
    let q = no_voec(
        "post",
        "DE",
        "50.00",
        json!({"id": "oil", "code": "2710.19", "quantity": "1", "unit_price": "300.00", "duty_rate": "0%"}),
    );
    assert!(!applies(&q, "no-voec-3000"));
    assert_eq!(q.totals.collected_at_sale, d("0"));
    assert!(q.lines[0]
        .levies
        .iter()
        .any(|l| l.kind == LevyKind::Excise && l.name.to_string().contains("lubricating oil")));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
}

/// audit-r's `no5.json`: a portable air conditioner (8415.10), NOK 2,800 + 200 by courier from
/// China, "collected by the seller" 750.00. Outside VOEC, with the HFC/PFC tax listed.
#[test]
fn an_air_conditioner_is_outside_voec_and_lists_the_hfc_tax_toll_no() {
    let q = no_voec(
        "courier",
        "CN",
        "200.00",
        json!({"id": "ac", "code": "8415.10", "quantity": "1", "unit_price": "2800.00", "duty_rate": "0%"}),
    );
    assert!(!applies(&q, "no-voec-3000"));
    assert_eq!(q.totals.collected_at_sale, d("0"));
    assert!(q.lines[0]
        .levies
        .iter()
        .any(|l| l.kind == LevyKind::Excise && l.name.to_string().contains("hydrofluorocarbons")));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
}

/// Other goods stay under VOEC: an NOK 400 T-shirt + NOK 50, VAT 25 % × 450.00 = 112.50 at the
/// sale (Merverdiavgiftsloven s.14-4).
#[test]
fn other_goods_stay_under_voec() {
    let q =
        no_voec("post", "DE", "50.00", json!({"id": "t", "code": "6109.10", "quantity": "1", "unit_price": "400.00"}));
    assert!(applies(&q, "no-voec-3000"));
    assert_eq!(q.totals.collected_at_sale, d("112.50"));
}

// ---------------------------------------------------------------------------------------------
// R-BR1. Portaria MF 156/1999 art. 1 §1: "No caso de medicamentos destinados a pessoa física será
// aplicada a alíquota de zero por cento"; Receita Federal "Como importar medicamentos": medicines
// up to US$10,000 for a natural person's own use are not taxed (0 %), US$3,000 before Portaria MF
// 72/2016 (Portal Brasil 2016-03-07).
// ---------------------------------------------------------------------------------------------

fn br(date: &str, regime: &str, lines: Value) -> Quote {
    quote(json!({"destination": "BR", "subdivision": "SP", "date": date, "currency": "USD", "fx": {"USD/BRL": "5.50"},
        "channel": "post", "origin": "CN", "ship_from": "CN", "simplified_regime": regime, "lines": lines}))
}

fn medicine(price: &str) -> Value {
    json!({"id": "med", "code": "3004.90", "quantity": "1", "unit_price": price})
}

/// audit-r's `br4.json`: US$40 of medicine under Remessa Conforme on 2024-09-02 paid import tax
/// 20 % = 44.00 and ICMS 54.07. Import tax 0 %; ICMS 17 % "por dentro" on BRL 220.00: 220 ÷ 0.83
/// × 0.17 = 45.06; the condition is stated.
#[test]
fn medicines_for_a_natural_person_pay_no_import_tax_under_remessa_conforme_portaria_156_1999() {
    let q = br("2024-09-02", "remessa_conforme", json!([medicine("40.00")]));
    assert_eq!(amount(&q.lines[0], LevyKind::Duty), Some(d("0.00")));
    assert_eq!(amount(&q.lines[0], LevyKind::Tax), Some(d("45.06")));
    assert!(warning(&q, "W_ASSUMPTION", "br-prc-medicines-10000"), "{:?}", q.warnings);
}

/// Under the RTS (60 %) the same: 0 %, up to US$10,000 (US$5,000 of medicine, above the RTS's
/// US$3,000 for other goods, still 0 %).
#[test]
fn medicines_up_to_usd_10000_pay_no_import_tax_under_the_rts() {
    for price in ["40.00", "5000.00"] {
        let q = br("2026-11-02", "rts", json!([medicine(price)]));
        assert_eq!(amount(&q.lines[0], LevyKind::Duty), Some(d("0.00")), "{price}");
        assert!(warning(&q, "W_ASSUMPTION", "br-rts-medicines-10000"), "{:?}", q.warnings);
    }
}

/// Beside a T-shirt, the medicine keeps 0 % and the T-shirt pays the regime's band for the
/// consignment (US$40 + US$5 = US$45 ≤ US$50: 20 % × BRL 27.50 = 5.50).
#[test]
fn a_t_shirt_beside_a_medicine_pays_the_general_band() {
    let shirt = json!({"id": "t", "code": "6109.10", "quantity": "1", "unit_price": "5.00"});
    let q = br("2024-09-02", "remessa_conforme", json!([medicine("40.00"), shirt]));
    assert_eq!(amount(&q.lines[0], LevyKind::Duty), Some(d("0.00")));
    assert_eq!(amount(&q.lines[1], LevyKind::Duty), Some(d("5.50")));
}

/// Before 2016-03-04 the zero rate reached US$3,000 (Portaria MF 156/1999 art. 1 and §1, original
/// text): US$40 of medicine on 2015-06-01 pays no import tax; the RTS's general 60 % band is not
/// in our data before 2024-08-01, so a T-shirt then says so.
#[test]
fn before_2016_the_medicines_zero_rate_reached_usd_3000() {
    let q = br("2015-06-01", "rts", json!([medicine("40.00")]));
    assert_eq!(amount(&q.lines[0], LevyKind::Duty), Some(d("0.00")));
    assert!(warning(&q, "W_ASSUMPTION", "br-rts-medicines-3000"), "{:?}", q.warnings);
    let q = br("2015-06-01", "rts", json!([medicine("4000.00")]));
    assert_ne!(q.lines[0].status, LineStatus::Priced);
}
