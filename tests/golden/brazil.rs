//! Brazil: import tax on medicines and the general band of the simplified regime (Remessa
//! Conforme, Portaria MF 156/1999, the RTS). Each test names its law; figures are worked by
//! hand.

use crate::common::{d, quote};
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
