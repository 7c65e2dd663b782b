//! Switzerland's alcohol tax on wines and other fermented beverages (audit-ii II1): the
//! Alkoholgesetz (SR 680) art. 2(2) leaves products obtained by fermentation alone outside it up
//! to 15 % vol, natural wine of fresh grapes up to 18 % vol; art. 23bis(1)(b)-(c) (as BGer
//! 2C_712/2011 quotes it) taxes wine over 18 %, fruit wine over 15 %, sweet wines, wine
//! specialities, mistelles and vermouth. Port, vermouth and fruit wine were priced complete.

use crate::common::quote;
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

fn ch(code: &str, alcohol_pct: Option<&str>) -> Quote {
    let mut line = json!({"id": "w", "code": code, "quantity": "1", "unit_price": "30", "volume_l": "0.75",
                          "duty_rate": "0%"});
    if let Some(pct) = alcohol_pct {
        line["alcohol_pct"] = Value::from(pct);
    }
    quote(json!({"destination": "CH", "date": "2026-11-27", "currency": "CHF", "channel": "courier",
        "origin": "PT", "ship_from": "PT", "incoterm": "DDP", "lines": [line]}))
}

fn excise_rows(q: &Quote) -> Vec<String> {
    q.lines[0].levies.iter().filter(|l| l.kind == LevyKind::Excise).map(|l| l.source.row().to_string()).collect()
}

#[test]
fn wine_over_18_percent_vermouth_and_fruit_wine_over_15_list_the_alcohol_tax_alkg_art_2_and_23bis() {
    // Port at 20 % vol: over 18 %, listed; the line partial.
    let q = ch("2204.21", Some("20"));
    assert_eq!(excise_rows(&q), ["excise.tsv#ch-alcohol-tax-wine"]);
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(!q.totals.complete);
    // A table wine of 13 % (at most 18 %, fermented alone): none, priced; the strength was read.
    let q = ch("2204.21", Some("13"));
    assert!(excise_rows(&q).is_empty());
    assert_eq!(q.lines[0].status, LineStatus::Priced, "{:?}", q.lines[0].reason);
    assert!(!q.warnings.iter().any(|w| w.message.contains("alcohol_pct")), "{:?}", q.warnings);
    // No strength: listed, asking for it.
    let q = ch("2204.21", None);
    assert_eq!(excise_rows(&q), ["excise.tsv#ch-alcohol-tax-wine"]);
    let reason = q.lines[0].reason.as_deref().unwrap();
    assert!(reason.contains("if its strength is over 18 % vol (give alcohol_pct)"), "{reason}");
    // Vermouth: at any strength (art. 23bis(1)(c)).
    assert_eq!(excise_rows(&ch("2205.10", Some("15"))), ["excise.tsv#ch-alcohol-tax-vermouth"]);
    // Fruit wine: over 15 % only.
    assert_eq!(excise_rows(&ch("2206.00", Some("16"))), ["excise.tsv#ch-alcohol-tax-fermented"]);
    assert!(excise_rows(&ch("2206.00", Some("15"))).is_empty());
}

#[test]
fn an_answer_naming_the_wine_row_of_a_13_percent_wine_is_an_error() {
    // The row is not the line's at 13 % vol: an answer naming it answers nothing.
    let mut r = json!({"destination": "CH", "date": "2026-11-27", "currency": "CHF", "channel": "courier",
        "origin": "PT", "ship_from": "PT", "incoterm": "DDP",
        "lines": [{"id": "w", "code": "2204.21", "quantity": "1", "unit_price": "30", "alcohol_pct": "13",
                   "duty_rate": "0%",
                   "extra_duties": [{"name": "Alcohol tax", "rate": "0%", "kind": "excise",
                                     "answers": ["ch-alcohol-tax-wine"]}]}]});
    let e = crate::common::engine().quote(&crate::common::request(r.clone())).expect_err("not the line's");
    assert_eq!(e.field.as_deref(), Some("lines[0].extra_duties[0].answers[0]"), "{e}");
    r["lines"][0]["alcohol_pct"] = Value::from("20");
    assert_eq!(quote(r).lines[0].status, LineStatus::Priced);
}
