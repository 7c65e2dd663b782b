//! Brazil: import tax on medicines and the general band of the simplified regime (Remessa
//! Conforme, Portaria MF 156/1999, the RTS). Each test names its law; figures are worked by
//! hand.

use crate::common::{d, engine, quote, request};
use landed::quote::{LevyKind, LineQuote, LineStatus, Quote};
use rust_decimal::Decimal;
use serde_json::{json, Value};

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

/// audit-hh HH8. Portaria MF 156/1999 art. 1 as amended by Portaria MF 1.086/2024: above US$50
/// up to US$3,000, 60 % "com dedução de US$ 20,00 do valor do tributo a pagar": the US$20 comes
/// off the consignment's tax, and a medicine taxes at 0 % (art. 1 §1) has none to take it from.
/// T-shirt US$10 + medicine US$100 (US$110, the 60 % band): 60 % × BRL 55.00 = 33.00, less
/// BRL 110.00 (US$20 × 5.50), floored: 0.00 (was 33.00 − 10.00, the T-shirt's share by value).
/// T-shirt US$40 + medicine US$30 (US$70): 60 % × 220.00 = 132.00 − 110.00 = 22.00 (was 69.14).
/// Two T-shirts US$40 + US$20 beside it (US$90): 132.00 + 66.00 − 110.00 = 88.00, the deduction
/// shared by each line's tax (73.33, 36.67): 58.67 + 29.33.
#[test]
fn the_usd_20_deduction_comes_off_the_consignments_tax_not_a_medicines_portaria_mf_1086_2024() {
    let tee = |id: &str, price: &str| json!({"id": id, "code": "6109.10", "quantity": "1", "unit_price": price});
    let q = br("2024-09-02", "remessa_conforme", json!([tee("t", "10.00"), medicine("100.00")]));
    assert_eq!(amount(&q.lines[0], LevyKind::Duty), Some(d("0.00")));
    assert_eq!(amount(&q.lines[1], LevyKind::Duty), Some(d("0.00")));
    assert_eq!(q.totals.duty, d("0.00"));
    let q = br("2024-09-02", "remessa_conforme", json!([tee("t", "40.00"), medicine("30.00")]));
    assert_eq!(amount(&q.lines[0], LevyKind::Duty), Some(d("22.00")));
    assert_eq!(q.totals.duty, d("22.00"));
    let q = br("2024-09-02", "remessa_conforme", json!([tee("t", "40.00"), tee("u", "20.00"), medicine("30.00")]));
    assert_eq!(amount(&q.lines[0], LevyKind::Duty), Some(d("58.67")));
    assert_eq!(amount(&q.lines[1], LevyKind::Duty), Some(d("29.33")));
    assert_eq!(q.totals.duty, d("88.00"));
    assert!(q.totals.complete);
}

/// audit-hh (notes): Remessa Conforme's bands start 2024-08-01 (Portaria MF 1.086/2024); the day
/// before, the line's reason names the regime as the request spells it (`remessa_conforme`), not
/// the engine's `RemessaConforme`.
#[test]
fn a_regime_without_bands_on_the_date_is_named_as_the_request_spells_it() {
    let tee = json!({"id": "t", "code": "6109.10", "quantity": "1", "unit_price": "10.00"});
    let q = br("2024-07-31", "remessa_conforme", json!([tee]));
    let reason = q.lines[0].reason.as_deref().unwrap_or_default();
    assert!(reason.contains("BR has no remessa_conforme simplified regime on 2024-07-31"), "{reason}");
    assert!(!reason.contains("RemessaConforme"), "{reason}");
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

// ---------------------------------------------------------------------------------------------
// GG69 (audit-gg). Programa Remessa Conforme, IN RFB 2.146/2023 amending IN RFB 1.737/2017: the
// certified e-commerce company charges the buyer the import tax and the ICMS with the price and
// passes them on ("repassar os valores dos impostos cobrados do destinatário para o responsável
// pelo registro da DIR", the certification requirement as quoted by Campos & Battagin; the IN's
// own text not read): both are in the checkout price, under DAP as under DDP. Under the RTS the
// Correios or the courier collect them before delivery. `duty_bands.tsv` `collected_at`.
// ---------------------------------------------------------------------------------------------

fn tee_request(regime: &str, incoterm: &str) -> Value {
    json!({"destination": "BR", "subdivision": "SP", "date": "2024-09-02", "currency": "USD",
        "fx": {"USD/BRL": "5.50"}, "channel": "courier", "transport": "air", "incoterm": incoterm,
        "origin": "CN", "ship_from": "CN", "shipping": "5.00", "simplified_regime": regime,
        "lines": [{"id": "a", "code": "6109.10", "quantity": "1", "unit_price": "40.00"}]})
}

fn tee_by_courier(regime: &str, incoterm: &str) -> Quote {
    quote(tee_request(regime, incoterm))
}

/// US$40 + US$5 = US$45 ≤ US$50: 20 % (br-prc-20). At R$5.50: CIF 220.00 + 27.50 = 247.50,
/// import tax 49.50; ICMS SP 17 % inside its base (Convênio ICMS 81/2023): 297.00 ÷ 0.83 × 0.17 =
/// 60.83. The seller collects 49.50 + 60.83 = 110.33 at the sale: checkout 357.83, nothing due
/// on delivery, under DAP (before: 0.00 at the sale, 110.33 due on delivery) and DDP alike.
#[test]
fn remessa_conforme_import_tax_and_icms_are_paid_at_checkout_in_rfb_2146_2023() {
    for incoterm in ["DAP", "DDP"] {
        let q = tee_by_courier("remessa_conforme", incoterm);
        let t = &q.totals;
        assert_eq!((t.duty, t.tax), (d("49.50"), d("60.83")), "{incoterm}");
        assert_eq!((t.collected_at_sale, t.duty_collected_at_sale), (d("110.33"), Some(d("49.50"))), "{incoterm}");
        assert_eq!((t.landed, t.due_on_delivery, t.buyer_total), (d("357.83"), d("0.00"), d("357.83")), "{incoterm}");
        let rule = t.collected_at_sale_rule.as_ref().map(|r| r.to_string()).unwrap_or_default();
        assert!(rule.starts_with("duty_bands.tsv#br-prc-20 ("), "{rule}");
        assert!(warning(&q, "W_SELLER_COLLECTS", "br-prc-20: the duty and the tax"), "{:?}", q.warnings);
    }
}

/// The RTS outside the programme: 60 % × 247.50 = 148.50; ICMS 396.00 ÷ 0.83 × 0.17 = 81.11;
/// under DAP the 229.61 is due on delivery, nothing collected at the sale.
#[test]
fn rts_import_tax_and_icms_stay_due_on_delivery_portaria_156_1999() {
    let q = tee_by_courier("rts", "DAP");
    let t = &q.totals;
    assert_eq!(
        (t.duty, t.tax, t.collected_at_sale, t.duty_collected_at_sale),
        (d("148.50"), d("81.11"), d("0.00"), None)
    );
    assert_eq!((t.landed, t.due_on_delivery), (d("247.50"), d("229.61")));
    assert!(!q.warnings.iter().any(|w| w.code == "W_SELLER_COLLECTS"), "{:?}", q.warnings);
}

/// The same remessa billed by the courier: under Remessa Conforme the import tax and the ICMS were
/// paid at checkout (IN RFB 2.146/2023), so the carrier is owed neither; a bill charging the
/// import tax 49.50 again is that much over, and the cause names the band.
#[test]
fn a_courier_bill_for_remessa_conforme_taxes_charges_them_twice_in_rfb_2146_2023() {
    let r = request(tee_request("remessa_conforme", "DAP"));
    let billed = landed::invoice::Billed { duty: Some(d("0")), tax: Some(d("0")), fees: None };
    let check = landed::invoice::check(&engine(), &r, &billed).unwrap();
    assert_eq!(check.overcharge, d("0.00"));
    let billed = landed::invoice::Billed { duty: Some(d("49.50")), tax: Some(d("0")), fees: None };
    let check = landed::invoice::check(&engine(), &r, &billed).unwrap();
    assert_eq!(check.overcharge, d("49.50"));
    let duty = check.differences.iter().find(|x| x.item == "duty").expect("duty");
    assert_eq!((duty.expected, duty.difference), (Some(d("0.00")), Some(d("49.50"))));
    let cause = duty.likely_causes.first().cloned().unwrap_or_default();
    assert!(cause.contains("collected 49.50 BRL of duty at the sale (duty_bands.tsv#br-prc-20"), "{cause}");
}
