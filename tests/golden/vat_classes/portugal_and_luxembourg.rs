//! Portugal's and Luxembourg's reduced VAT classes (CIVA Lista I, Luxembourg's VAT law
//! annexes).

use crate::common::{d, levy, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

// fix-w1 (session 18): the EU findings of audit-w (findings/audit-w.md), each fixed at its
// source row and tested here against the law it cites.

/// One line by courier, air, DDP, no shipping, from `origin`, on 2026-11-27.
fn one(destination: &str, origin: &str, code: &str, price: &str) -> Quote {
    quote(json!({"destination": destination, "ship_from": origin, "origin": origin, "date": "2026-11-27",
        "currency": "EUR", "channel": "courier", "transport": "air", "incoterm": "DDP", "shipping": "0",
        "insurance": "0", "lines": [{"id": "x", "code": code, "quantity": "1", "unit_price": price}]}))
}

/// The line's import tax levy: (amount, lower bound, formula).
fn tax(q: &Quote) -> (Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>, String) {
    let t = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).expect("a tax levy");
    (t.amount, t.partial_amount, t.formula.to_string())
}

/// W-PT1. Código do IVA lista I verba 2.31 "Aquisição e reparação de velocípedes." (State Budget
/// for 2023, Lei n.º 24-D/2022; text read in the Diário da Assembleia da República, II Série-A n.º
/// 131, 2022-12-16, p. 104), at 6 % on importation by CIVA art. 18.º n.º 1 a): a bicycle 8712.00.30
/// of €500 from Taiwan, duty 14 % = 70.00, VAT 6 % × 570.00 = **34.20** (was 23 %: 131.10),
/// priced; on 2022-12-31, 23 %. A pedal-assisted e-bike 8711.60.10 (€1,500; duty 6 % = 90.00) is a
/// velocípede only as reported (AT's circular not read): a lower bound at 6 % × 1,590.00 = 95.40.
#[test]
fn a_bicycle_into_portugal_is_at_6_percent_civa_lista_i_verba_2_31() {
    let q = one("PT", "TW", "8712.00.30", "500.00");
    assert_eq!(q.lines[0].status, LineStatus::Priced, "{:?}", q.lines[0].reason);
    assert_eq!(levy(&q.lines[0], LevyKind::Duty), d("70.00"));
    let (amount, _, formula) = tax(&q);
    assert_eq!(amount, Some(d("34.20")), "{formula}");
    assert!(formula.contains("pt-bicycles"), "{formula}");
    assert!(q.totals.complete);

    let mut v = json!({"destination": "PT", "ship_from": "TW", "origin": "TW", "date": "2022-12-31",
        "currency": "EUR", "channel": "courier", "transport": "air", "incoterm": "DDP", "shipping": "0",
        "insurance": "0", "lines": [{"id": "x", "code": "8712.00.30", "quantity": "1", "unit_price": "500.00"}]});
    let before = quote(v.clone());
    assert_eq!(tax(&before).0, Some(d("131.10")));

    v["date"] = json!("2026-11-27");
    v["lines"][0]["code"] = json!("8711.60.10");
    v["lines"][0]["unit_price"] = json!("1500.00");
    let ebike = quote(v);
    let (amount, bound, formula) = tax(&ebike);
    assert_eq!((amount, bound), (None, Some(d("95.40"))), "{formula}");
    assert_eq!(ebike.lines[0].status, LineStatus::Partial);
    assert!(ebike.lines[0].reason.as_deref().unwrap_or_default().contains("pt-ebikes"));
}

/// W-VAT1. Wine into Portugal and Luxembourg: the standard rate is not a lower bound where the law
/// taxes still wine lower (PT lista II verba 1.10 "Vinhos comuns", 13 %, CIVA art. 18.º n.º 1 b);
/// LU's 14 % intermediate rate on wine of 13 % vol or less; both read only as reported, so
/// `verify` rows): 6 bottles of red wine 2204.21.79.10 (12.5 % vol, 4.5 l) at €15, no shipping,
/// from Chile: the tax is a lower bound at 13 % (PT) and 14 % (LU) of the
/// value with duty, never "at least" 23 % or 17 %.
#[test]
fn still_wine_into_portugal_and_luxembourg_is_bounded_by_their_lower_wine_rates() {
    let wine = |dest: &str| {
        quote(json!({"destination": dest, "ship_from": "CL", "origin": "CL", "date": "2026-11-27",
            "currency": "EUR", "channel": "courier", "transport": "air", "incoterm": "DDP", "shipping": "0",
            "insurance": "0", "lines": [{"id": "x", "code": "2204.21.79.10", "quantity": "6", "unit_price": "15.00",
            "volume_l": "4.5", "alcohol_pct": "12.5"}]}))
    };
    for (dest, rate) in [("PT", "13%"), ("LU", "14%")] {
        let q = wine(dest);
        let (amount, _, formula) = tax(&q);
        assert_eq!(amount, None, "{dest}: {formula}");
        assert!(formula.starts_with(rate), "{dest}: {formula}");
        assert!(!q.totals.complete, "{dest}");
    }
}

/// W-LU1. Luxembourg's 3 % super-reduced rate on children's clothing (loi TVA du 12.2.1979 art. 40
/// and annexe A, as listed by paperjam.lu 2022: "les vêtements, coiffures, écharpes, gants et
/// chaussures pour les enfants de moins de 14 ans"; the annexe not read, so `verify`): a baby
/// bodysuit 6111.20.90 of €200 from Taiwan (duty 12 % = 24.00) was taxed 17 % × 224.00 = 38.08,
/// priced; it is now listed at 3 % × 224.00 = 6.72, not priced (the 3 % rate itself is from a
/// secondary compilation). Children's shoes 6404.19 (€100): no longer 17 % priced.
#[test]
fn babies_clothing_into_luxembourg_is_at_the_3_percent_rate_not_17() {
    let q = one("LU", "TW", "6111.20.90", "200.00");
    let (amount, _, formula) = tax(&q);
    assert_eq!(amount, None, "{formula}");
    assert!(formula.starts_with("3% × 224.00 = 6.72"), "{formula}");
    assert!(!q.totals.complete);
    let shoes = one("LU", "TW", "6404.19", "100.00");
    assert!(tax(&shoes).2.starts_with("3% ×"), "{}", tax(&shoes).2);
    assert!(!shoes.totals.complete);
}

/// W-LU1. `vat_class: reduced` gives Luxembourg's 8 % (loi TVA art. 40, Access2Markets: 8 % from
/// 2024-01-01); its 3 % super-reduced rate (books, food, children's clothing) and 14 % parking
/// rate (still wine) cannot be selected by the request: the quote now says so, instead of
/// pricing 8 % with no word.
#[test]
fn a_reduced_class_into_luxembourg_names_the_3_and_14_percent_rates_it_cannot_select() {
    // A seller outside IOSS, by courier: no EUR 3 per tariff line, the book duty-free.
    let q = quote(json!({"destination": "LU", "ship_from": "TW", "origin": "TW", "date": "2026-11-27",
        "currency": "EUR", "channel": "courier", "transport": "air", "incoterm": "DDP", "shipping": "0",
        "insurance": "0", "seller_registered": false,
        "lines": [{"id": "x", "code": "4901.99", "quantity": "1", "unit_price": "100.00", "vat_class": "reduced"}]}));
    assert_eq!(tax(&q).0, Some(d("8.00")), "{}", tax(&q).2);
    let said = q.warnings.iter().find(|w| w.code == "W_REDUCED_RATE_ASSUMED").map(|w| w.message.clone());
    let said = said.expect("W_REDUCED_RATE_ASSUMED");
    assert!(said.contains("LU's reduced rate, 8 %, is used") && said.contains("3 %, 14 %"), "{said}");
}
