//! The VAT/GST class by code beyond food and books (docs/rules.md#vat-class,
//! `tariffs/rules/vat_classes.tsv`): goods the laws single out (young children's clothing,
//! sanitary products, children's car seats, contraceptives, protective helmets, works of art,
//! medicines, fertilisers) were taxed at the standard rate in silence. Each case cites the law
//! its row was read against; where the law's distinction is a fact about the goods the caller
//! knows and the standard case is the normal one (an adult's T-shirt), the line is priced at the
//! standard rate and the quote states the assumption (`W_ASSUMPTION`) with the `vat_class` that
//! changes it.

use crate::common::{d, quote, warned};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

fn one(destination: &str, currency: &str, line: Value, extra: Value) -> Quote {
    let mut req = json!({"destination": destination, "currency": currency, "date": "2026-11-26", "channel": "courier",
                         "origin": "US", "ship_from": "US", "lines": [line]});
    if let (Some(r), Some(e)) = (req.as_object_mut(), extra.as_object()) {
        r.extend(e.clone());
    }
    quote(req)
}

/// The line's import tax levy: (amount, lower bound, formula).
fn tax(q: &Quote) -> (Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>, String) {
    let t = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).expect("a tax levy");
    (t.amount, t.partial_amount, t.formula.to_string())
}

/// The text of the quote's `W_ASSUMPTION` warnings.
fn assumptions(q: &Quote) -> String {
    q.warnings
        .iter()
        .filter(|w| w.code == "W_ASSUMPTION")
        .map(|w| w.message.to_string())
        .collect::<Vec<_>>()
        .join(" | ")
}

fn tee(class: Option<&str>) -> Value {
    let mut line = json!({"id": "tee", "code": "6109.10.00.10", "quantity": "2", "unit_price": "100.00"});
    if let Some(c) = class {
        line["vat_class"] = json!(c);
    }
    line
}

#[test]
fn a_t_shirt_into_gb_is_priced_standard_stating_the_young_childrens_zero_rate_vata_sch_8_group_16() {
    // VATA 1994 s.30(3) and Sch. 8 Group 16 item 1: 'Articles designed as clothing or footwear
    // for young children and not suitable for older persons' are zero-rated; the code (6109.10,
    // cotton T-shirts) does not tell a young child's from an adult's (HMRC Notice 714: size and
    // design). The adult's is the normal case: 2 × £100, duty 12 % × 200.00 = 24.00 (UK Global
    // Tariff 6109.10.00.10), VAT 20 % × 224.00 = 44.80, priced, and the quote says it assumed so,
    // naming the law and `vat_class: zero`.
    let q = one("GB", "GBP", tee(None), json!({"business_buyer": true}));
    let (amount, _, formula) = tax(&q);
    assert_eq!(amount, Some(d("44.80")), "{formula}");
    assert!(formula.contains("standard rate assumed, vat_classes.tsv#gb-clothing-footwear"), "{formula}");
    assert_eq!(q.lines[0].status, LineStatus::Priced);
    assert!(q.totals.complete);
    let said = assumptions(&q);
    assert!(
        said.contains("gb-clothing-footwear") && said.contains("Group 16") && said.contains("vat_class zero"),
        "{said}"
    );
    // A young child's T-shirt, declared: VAT 0 % × 224.00 = 0.00, landed 224.00, no assumption.
    let q = one("GB", "GBP", tee(Some("zero")), json!({"business_buyer": true}));
    let (amount, _, formula) = tax(&q);
    assert_eq!(amount, Some(d("0.00")), "{formula}");
    assert_eq!(q.totals.landed, d("224.00"));
    assert!(!assumptions(&q).contains("gb-clothing-footwear"));
}

#[test]
fn tampons_into_gb_are_zero_rated_vata_sch_8_group_19_and_nappies_are_standard() {
    // VATA 1994 Sch. 8 Group 19 (Finance Act 2016 s.126, from 2021-01-01) item 1 'The supply of
    // women's sanitary products', Note (1)(a) products 'designed, and marketed, as being solely
    // for use for absorbing, or otherwise collecting, lochia or menstrual flow'. UK Trade Tariff
    // 9619.00.75 'Tampons (excl. of textile materials)', duty 0 %: £200, VAT 0 % × 200.00 = 0.00
    // (20 % = 40.00 was charged).
    let line = json!({"id": "t", "code": "9619.00.75.00", "quantity": "20", "unit_price": "10.00"});
    let q = one("GB", "GBP", line, json!({"business_buyer": true}));
    let (amount, _, formula) = tax(&q);
    assert_eq!(amount, Some(d("0.00")), "{formula}");
    assert!(formula.contains("zero rate by code, vat_classes.tsv#gb-sanitary-products"), "{formula}");
    assert_eq!(q.totals.landed, d("200.00"));
    // Babies' napkins (9619.00.81) are not women's sanitary products: 20 % × 200.00 = 40.00.
    let line = json!({"id": "n", "code": "9619.00.81.00", "quantity": "20", "unit_price": "10.00"});
    let q = one("GB", "GBP", line, json!({"business_buyer": true}));
    assert_eq!(tax(&q).0, Some(d("40.00")));
    // 9619.00.30 (of wadding) holds towels, tampons and nappies: a lower bound at zero.
    let line = json!({"id": "w", "code": "9619.00.30.00", "quantity": "20", "unit_price": "10.00"});
    let q = one("GB", "GBP", line, json!({"business_buyer": true}));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    let reason = q.lines[0].reason.as_deref().unwrap_or_default();
    assert!(reason.contains("vat_classes.tsv#gb-sanitary-mixed") && reason.contains("vat_class"), "{reason}");
}

#[test]
fn a_painting_imported_into_de_is_7_percent_ustg_12_2_12_anlage_2_nr_53() {
    // UStG § 12 Abs. 2 Nr. 12: 7 % on 'die Einfuhr der in ... den Nummern 53 und 54 der Anlage 2
    // bezeichneten Gegenstände'; Anlage 2 Nr. 53 a) 'Gemälde und Zeichnungen, vollständig mit der
    // Hand geschaffen ... (Position 9701)'. A painting at €1,000 + €50 shipping, duty free (CN
    // 9701): EUSt 7 % × 1,050.00 = 73.50 (19 % = 199.50 was charged).
    let line = json!({"id": "p", "code": "9701.91.00", "quantity": "1", "unit_price": "1000.00"});
    let q = one("DE", "EUR", line, json!({"shipping": "50.00", "seller_registered": false}));
    let (amount, _, formula) = tax(&q);
    assert_eq!(amount, Some(d("73.50")), "{formula}");
    assert!(formula.contains("vat_classes.tsv#de-works-of-art"), "{formula}");
    assert!(q.totals.complete);
}

#[test]
fn a_painting_imported_into_gb_is_taxed_on_a_reduced_value_an_effective_5_percent_vata_s21() {
    // VATA 1994 s.21(4)-(6): the value of a work of art imported (s.21(6)(a) 'any ... painting
    // ... executed by hand') is reduced so that the 20 % comes to 5 % of it (HMRC IMPS05200
    // 'giving an effective VAT rate of 5 per cent'). £1,000, duty free: 5 % × 1,000.00 = 50.00.
    let line = json!({"id": "p", "code": "9701.91.00.00", "quantity": "1", "unit_price": "1000.00"});
    let q = one("GB", "GBP", line, json!({"business_buyer": true}));
    let (amount, _, formula) = tax(&q);
    assert_eq!(amount, Some(d("50.00")), "{formula}");
    assert!(formula.contains("vat_classes.tsv#gb-works-of-art"), "{formula}");
}

#[test]
fn a_medicine_into_ch_is_at_least_2_6_percent_and_2_6_when_declared_mwstg_25_2_a_8() {
    // MWSTG art. 25 para. 2 let. a item 8 'Medikamente' with art. 55 para. 1; MWSTV art. 49
    // names them: ready-to-use medicinal products authorised (or exempt from authorisation) under
    // the HMG. Heading 30.04 does not tell an authorised medicine from one that is not: at least
    // 2.6 %, partial, naming the row and `vat_class`; declared reduced: 2.6 % priced. CHF 500
    // from an unregistered seller, duty free: 2.6 % × 500.00 = 13.00 (8.1 % = 40.50 was charged);
    // the base stated in whole francs, 500 (tax_rounding.tsv#ch-tax-base, audit-aa AA7).
    let line = json!({"id": "m", "code": "3004.90", "quantity": "1", "unit_price": "500.00", "weight_kg": "1"});
    let req =
        |line: Value| one("CH", "CHF", line, json!({"seller_registered": false, "origin": "DE", "ship_from": "DE"}));
    let q = req(line.clone());
    let (amount, partial, formula) = tax(&q);
    assert_eq!((amount, partial), (None, Some(d("13.00"))), "{formula}");
    assert!(formula.starts_with("2.6% × 500 = 13.00") && formula.contains("ch-medicines"), "{formula}");
    let reason = q.lines[0].reason.as_deref().unwrap_or_default();
    assert!(reason.contains("MWSTV art. 49") && reason.contains("vat_class"), "{reason}");
    let mut declared = line;
    declared["vat_class"] = json!("reduced");
    let q = req(declared);
    let (amount, _, formula) = tax(&q);
    assert!(amount.is_some() && formula.starts_with("2.6% ×"), "{formula}");
    assert_eq!(Some(partial.unwrap()), amount);
}

/// How the table classes one line of `code` into `destination` (500 per unit, a business buyer,
/// no `vat_class`): the line's status, its first tax formula, its reason and its assumptions.
fn classed(destination: &str, currency: &str, code: &str) -> (LineStatus, String, String, String) {
    let line = json!({"id": "x", "code": code, "quantity": "1", "unit_price": "500.00", "weight_kg": "1"});
    let q = one(destination, currency, line, json!({"business_buyer": true}));
    let l = &q.lines[0];
    (l.status, tax(&q).2, l.reason.clone().unwrap_or_default(), assumptions(&q))
}

#[test]
fn the_rows_beyond_food_and_books_class_these_goods_as_the_law_does() {
    // `code`: the formula names the row; `depends`: a lower bound naming the row and `vat_class`;
    // `assumes`: priced, the assumption stated naming the row; `-`: no row, the standard rate.
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        // VATA 1994 Sch. 8 Group 16 item 1 and Note (1) (hats are clothing): an adult's assumed.
        ("GB", "GBP", "6403.99.93", "assumes", "gb-clothing-footwear"),
        ("GB", "GBP", "6505.00.90", "assumes", "gb-clothing-footwear"),
        // Babies' garments 61.11 stay zero by code.
        ("GB", "GBP", "6111.20.90", "code", "gb-babies-clothing"),
        // Group 16 items 2-3 and Note (4): safety headgear and toecap footwear meet the standards
        // or not, are boots or shoes: lower bounds at zero.
        ("GB", "GBP", "6506.10.10", "depends", "gb-protective-helmets"),
        ("GB", "GBP", "6403.40.00", "depends", "gb-protective-boots"),
        // Sch. 7A Group 5: children's car seats 5 %; 94.01.20 also holds adults' vehicle seats.
        ("GB", "GBP", "9401.20.00", "depends", "gb-child-car-seats"),
        // Sch. 7A Group 8: 'any product designed for the purposes of human contraception': 5 %.
        ("GB", "GBP", "4014.10.00", "code", "gb-contraceptives"),
        // VATA s.21(5)(b): antiques over 100 years, reduced value (5 %).
        ("GB", "GBP", "9706.10.00", "code", "gb-works-of-art"),
        // UStG Anlage 2 Nr. 48 b) 'Sägespäne ... zu Pellets ... zusammengepreßt': 7 % by code.
        ("DE", "EUR", "4401.31", "code", "de-firewood-pellets"),
        // Nr. 51 'Rollstühle ... (Position 8713)'.
        ("DE", "EUR", "8713.10", "code", "de-wheelchairs"),
        // Nr. 52 d) hearing aids (Unterposition 9021 40 00).
        ("DE", "EUR", "9021.40", "code", "de-hearing-aids-pacemakers"),
        // Nr. 1 g) Hausgeflügel (Position 0105) by code; Nr. 1 lists only some of 0106.
        ("DE", "EUR", "0105.11", "code", "de-poultry"),
        ("DE", "EUR", "0106.19", "depends", "de-live-animals"),
        // Nr. 39 Speisesalz (aus 2501).
        ("DE", "EUR", "2501.00", "depends", "de-salt"),
        // Nr. 50: only recordings of the reading of a book are 7 %; other media the normal case.
        ("DE", "EUR", "8523.49", "assumes", "de-audiobooks"),
        // § 12 Abs. 2 Nr. 12 with Anlage 2 Nr. 54: collectors' pieces of historical interest.
        ("DE", "EUR", "9705.10", "code", "de-collectors-pieces"),
        // Antiques (97.06) are not in Anlage 2 (save coins, Nr. 54 c cc): 19 %.
        ("DE", "EUR", "9706.10", "-", "19%"),
        // MWSTG art. 25(2)(a)(7) 'Dünger': chapter 31 by code; 'Pflanzenschutzmittel' depends.
        ("CH", "CHF", "3105.20", "code", "ch-fertilisers"),
        ("CH", "CHF", "3808.93", "depends", "ch-plant-protection"),
    ];
    for (dest, currency, code, settles, what) in cases {
        let (status, formula, reason, said) = classed(dest, currency, code);
        let case = format!("{dest} {code}: {status:?} {formula} | {reason} | {said}");
        match *settles {
            "code" => assert!(
                formula.contains(&format!("vat_classes.tsv#{what})")) && !reason.contains("vat_classes"),
                "{case}"
            ),
            "depends" => assert!(
                status == LineStatus::Partial
                    && reason.contains(&format!("vat_classes.tsv#{what}"))
                    && reason.contains("vat_class"),
                "{case}"
            ),
            "assumes" => assert!(
                formula.contains(&format!("rate assumed, vat_classes.tsv#{what})"))
                    && said.contains(what)
                    && said.contains("vat_class")
                    && !reason.contains("vat_classes"),
                "{case}"
            ),
            _ => assert!(formula.starts_with(&format!("{what} ×")) && !formula.contains("vat_classes"), "{case}"),
        }
    }
}

#[test]
fn a_stated_assumption_is_a_warning_not_a_lower_bound() {
    // The assumption leaves the quote complete (W_ASSUMPTION, not a partial line): an adult's
    // shoes into GB are the normal case of chapter 64.
    let line = json!({"id": "s", "code": "6403.99.93", "quantity": "1", "unit_price": "500.00"});
    let q = one("GB", "GBP", line, json!({"business_buyer": true}));
    assert!(warned(&q, "W_ASSUMPTION") && q.totals.complete);
}
