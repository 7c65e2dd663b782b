//! fix-l (audit-l L1, L6; audit-m M3): medicines, sanitary products, aids for the disabled,
//! children's clothing and imported works of art were priced `complete` at the standard rate in
//! member states whose law may tax them lower, and Denmark's food and books were a lower bound at
//! zero although Danish law has one rate. Each case cites the law its row of
//! `tariffs/rules/vat_classes.tsv` was read against (docs/rules.md#vat-class).

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

/// One line of `code` into `destination` on `date`: `quantity` × `unit_price`, a business buyer
/// (no IOSS, no low-value relief: the import tax is charged at the border on its full value).
/// Goods of Canada: from 2026-07-01 the EU duty on US goods is not priced (Reg. (EU) 2026/1455 as
/// reported, `duty_free.tsv#eu-us-industrial-2026`), and these cases are about the VAT class.
fn one(destination: &str, currency: &str, date: &str, code: &str, unit_price: &str) -> Quote {
    quote(json!({"destination": destination, "currency": currency, "date": date, "channel": "courier",
                 "origin": "CA", "ship_from": "CA", "business_buyer": true,
                 "lines": [{"id": "x", "code": code, "quantity": "1", "unit_price": unit_price, "weight_kg": "1"}]}))
}

/// The line's import tax levy (amount, lower bound, formula), its status and reason.
fn taxed(q: &Quote) -> (Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>, String, LineStatus, String) {
    let l = &q.lines[0];
    let t = l.levies.iter().find(|l| l.kind == LevyKind::Tax).expect("a tax levy");
    (t.amount, t.partial_amount, t.formula.to_string(), l.status, l.reason.clone().unwrap_or_default())
}

#[test]
fn denmark_taxes_books_food_and_medicines_at_its_one_rate_momsloven_s33() {
    // Momsloven § 33 'Afgiften udgør 25 pct. af afgiftsgrundlaget': Denmark has no reduced rate;
    // only newspapers are zero-rated (§ 34 stk. 1 nr. 18). A book at DKK 2,000, duty free (CN
    // 4901.99): 25 % × 2,000.00 = 500.00, priced and complete (it was 'at least 0 %', eu-books).
    let q = one("DK", "DKK", "2026-11-20", "4901.99.00", "2000.00");
    let (amount, _, formula, status, reason) = taxed(&q);
    assert_eq!(amount, Some(d("500.00")), "{formula} | {reason}");
    assert_eq!(status, LineStatus::Priced, "{reason}");
    assert!(!formula.contains("vat_classes") && q.totals.complete, "{formula}");
    // Tea (0902.10) and a medicine (3004.90) are at 25 % too: no EU fallback row reaches Denmark.
    for code in ["0902.10.00", "3004.90.00"] {
        let q = one("DK", "DKK", "2026-11-20", code, "2000.00");
        let (_, _, formula, status, reason) = taxed(&q);
        assert!(formula.starts_with("25% ×") && !formula.contains("vat_classes"), "{code}: {formula}");
        assert_ne!(status, LineStatus::Partial, "{code}: {reason}");
    }
    // A newspaper (4902) may be zero-rated: a lower bound at zero naming the row and vat_class.
    let q = one("DK", "DKK", "2026-11-20", "4902.10.00", "2000.00");
    let (_, partial, _, status, reason) = taxed(&q);
    assert_eq!((status, partial), (LineStatus::Partial, Some(d("0.00"))), "{reason}");
    assert!(reason.contains("vat_classes.tsv#dk-newspapers") && reason.contains("vat_class"), "{reason}");
}

#[test]
fn member_states_not_encoded_are_a_lower_bound_at_zero_for_annex_iii_points_3_and_4() {
    // Directive 2006/112/EC art. 98 and Annex III point 3 (pharmaceutical products, contraception,
    // sanitary protection, absorbent hygiene products), point 4 (aids for the disabled, children's
    // car seats), art. 103 (importation of works of art, collectors' items and antiques): each
    // member state may tax them at a reduced (or, for points 3-4, a zero) rate. Where the state's
    // own list is not encoded the line is a lower bound at zero naming the row, not the standard
    // rate `complete` (ES medicine 21 % × 200.00 = 42.00 was priced; audit-l L1).
    let cases = [
        ("ES", "3004.90.00", "eu-medicines"),
        ("PL", "8713.10.00", "eu-disability"),
        ("BE", "9619.00.71", "eu-sanitary"),
        // AT and PT carry the EU rows as their own (their own rows replace the EU's whole:
        // AT's plants, fix-nn; PT's lista I, fix-w1).
        ("AT", "9701.91.00", "at-works-of-art"),
        // PT carries the EU row as its own (its lista I rows replace the EU's whole: fix-w1).
        ("PT", "9401.20.00", "pt-child-car-seats"),
    ];
    for (dest, code, row) in cases {
        let q = one(dest, "EUR", "2026-11-20", code, "200.00");
        let (amount, partial, formula, status, reason) = taxed(&q);
        let case = format!("{dest} {code}: {formula} | {reason}");
        assert_eq!((amount, status), (None, LineStatus::Partial), "{case}");
        // A lower bound (`partial_amount`) where the state's standard rate is verified; listed
        // where it is itself `verify` (BE).
        assert!(formula.starts_with("0% × ") && partial.is_none_or(|p| p.is_zero()), "{case}");
        assert!(reason.contains(&format!("vat_classes.tsv#{row}")) && reason.contains("vat_class"), "{case}");
        assert!(!q.totals.complete, "{case}");
    }
    // Germany has its own rows: its medicines stay at 19 % (Anlage 2 does not list them).
    let q = one("DE", "EUR", "2026-11-20", "3004.90.00", "200.00");
    let (amount, _, formula, _, _) = taxed(&q);
    assert_eq!(amount, Some(d("38.00")), "{formula}");
}

#[test]
fn sanitary_towels_into_the_netherlands_are_at_least_9_percent_tabel_i_post_a_8() {
    // Wet OB 1968 art. 9 lid 2 a, tabel I post a-8 ('... tampons ..., alsmede ... damesverband,
    // kraammatrassen en incontinentiematerialen', quoted by the Belastingdienst, KG:209:2023:5);
    // 9619 also holds babies' nappies (21 %): at least 9 % × 200.00 = 18.00 (21 % = 42.00 was
    // priced).
    let q = one("NL", "EUR", "2026-11-20", "9619.00.71", "200.00");
    let (amount, partial, formula, status, reason) = taxed(&q);
    assert_eq!((amount, partial, status), (None, Some(d("18.00")), LineStatus::Partial), "{formula} | {reason}");
    assert!(formula.starts_with("9% × 200.00 = 18.00") && reason.contains("nl-sanitary"), "{formula} | {reason}");
}

#[test]
fn finnish_medicines_follow_the_10_14_and_13_5_percent_rates_he_141_2024_he_93_2025() {
    // HE 141/2024 vp: the goods of the 10 % rate, 'lääkkeitä' included, move to 14 % from
    // 2025-01-01; HE 93/2025 vp: the 14 % rate becomes 13.5 % from 2026-01-01. Read on the
    // government bills, not the enacted acts (`verify`): each a lower bound at its rate (25.5 %
    // complete was charged on 2026-11-20; audit-l L1, audit-m M3).
    for (date, rate, row) in [
        ("2024-06-03", "10%", "fi-medicines"),
        ("2025-06-02", "14%", "fi-medicines-2025"),
        ("2026-11-20", "13.5%", "fi-medicines-2026"),
    ] {
        let q = one("FI", "EUR", date, "3004.90.00", "200.00");
        let (_, _, formula, status, reason) = taxed(&q);
        let case = format!("{date}: {formula} | {reason}");
        assert_eq!(status, LineStatus::Partial, "{case}");
        assert!(
            formula.starts_with(&format!("{rate} ×")) && reason.contains(&format!("vat_classes.tsv#{row}")),
            "{case}"
        );
    }
    // Menstrual protection and nappies moved from the standard rate to 14 % in 2025 (HE 141/2024).
    let q = one("FI", "EUR", "2026-11-20", "9619.00.71", "200.00");
    let (_, _, formula, _, reason) = taxed(&q);
    assert!(formula.starts_with("13.5% ×") && reason.contains("fi-sanitary-2026"), "{formula} | {reason}");
}

#[test]
fn an_adults_t_shirt_into_ireland_is_23_percent_stating_the_childrens_zero_rate_vatca_sch_2() {
    // VATCA 2010 Sch. 2: children's clothing no larger than the size for a child of ten is
    // zero-rated (the Minister for Finance, Select Committee on Finance, 2018-11-08); the code
    // does not tell an adult's T-shirt from a child's. The adult's is the normal case: priced at
    // 23 % × 200.00 = 46.00 (duty 12 % on a business buyer's courier parcel: 23 % × 224.00 =
    // 51.52), the assumption stated with `vat_class zero`; babies' garments (61.11) are zero by code.
    let q = one("IE", "EUR", "2026-11-20", "6109.10.00.10", "200.00");
    let (amount, _, formula, status, _) = taxed(&q);
    assert_eq!((amount, status), (Some(d("51.52")), LineStatus::Priced), "{formula}");
    assert!(formula.contains("standard rate assumed, vat_classes.tsv#ie-childrens-clothing"), "{formula}");
    let said: Vec<&str> = q.warnings.iter().filter(|w| w.code == "W_ASSUMPTION").map(|w| w.message.as_str()).collect();
    assert!(said.iter().any(|m| m.contains("ie-childrens-clothing") && m.contains("vat_class zero")), "{said:?}");
    let q = one("IE", "EUR", "2026-11-20", "6111.20.90", "200.00");
    let (amount, _, formula, status, _) = taxed(&q);
    assert_eq!((amount, status), (Some(d("0.00")), LineStatus::Priced), "{formula}");
    assert!(formula.contains("vat_classes.tsv#ie-babies-clothing"), "{formula}");
}

#[test]
fn works_of_art_into_sweden_and_france_and_french_sanitary_towels_are_not_standard_rate() {
    // Sweden: 12 % on the import of works of art, collectors' items and antiques (Skatteverket,
    // Rättslig vägledning: '12 procent vid import av konstverk, samlarföremål och antikviteter').
    // France: CGI art. 278-0 bis (5.5 % on imports of works of art; women's sanitary protection
    // from 2016-01-01). Each a lower bound naming its row (25 % and 20 % complete were charged;
    // audit-m M3).
    let q = one("SE", "SEK", "2026-11-20", "9701.91.00", "10000.00");
    let (_, partial, formula, status, reason) = taxed(&q);
    assert_eq!(status, LineStatus::Partial, "{reason}");
    assert!(formula.starts_with("12% × 10,000.00") && reason.contains("se-works-of-art"), "{formula} | {reason}");
    assert_eq!(partial, Some(d("1200.00")), "{formula}");
    for (code, row) in [("9701.91.00", "fr-works-of-art"), ("9619.00.71", "fr-sanitary")] {
        let q = one("FR", "EUR", "2026-11-20", code, "1000.00");
        let (_, _, formula, status, reason) = taxed(&q);
        assert_eq!(status, LineStatus::Partial, "{code}: {reason}");
        assert!(formula.starts_with("5.5% ×") && reason.contains(row), "{code}: {formula} | {reason}");
    }
}

#[test]
fn a_wheelchair_into_gb_depends_on_who_imports_it_vata_sch_8_group_12_note_1() {
    // VATA 1994 Sch. 8 Group 12 Note 1: s.30(3) (no VAT on importation) reaches goods of the
    // Group only 'where those other goods are ... imported ... by a disabled person for domestic or
    // his personal use, or by a charity'. A wheelchair (87.13) is a lower bound at zero naming
    // the row and `vat_class` (20 % × 500.00 = 100.00 was priced complete).
    let q = quote(json!({"destination": "GB", "currency": "GBP", "date": "2026-11-20", "channel": "courier",
        "origin": "US", "ship_from": "US", "business_buyer": true,
        "lines": [{"id": "w", "code": "8713.10.00.00", "quantity": "1", "unit_price": "500.00"}]}));
    let (amount, partial, formula, status, reason) = taxed(&q);
    assert_eq!((amount, partial, status), (None, Some(d("0.00")), LineStatus::Partial), "{formula}");
    assert!(reason.contains("vat_classes.tsv#gb-wheelchairs") && reason.contains("vat_class"), "{reason}");
}

#[test]
fn a_medicine_into_australia_is_gst_free_only_if_restricted_gst_act_s38_50() {
    // GST Act 1999 s.38-50: a drug or medicinal preparation for human use, supplied to an
    // individual for private use, on prescription or restricted to a pharmacist, is GST-free;
    // over-the-counter ones are taxable; s.13-10(b): such an importation is non-taxable. The
    // line is a lower bound at zero naming the row (10 % was priced with no assumption).
    let q = quote(json!({"destination": "AU", "currency": "AUD", "date": "2026-11-20", "channel": "freight",
        "transport": "air", "origin": "NZ", "ship_from": "NZ", "business_buyer": true,
        "lines": [{"id": "m", "code": "3004.90", "quantity": "1", "unit_price": "1500.00", "duty_rate": "0%"}]}));
    let (_, _, formula, status, reason) = taxed(&q);
    assert_eq!(status, LineStatus::Partial, "{formula} | {reason}");
    assert!(reason.contains("vat_classes.tsv#au-medicines") && reason.contains("vat_class"), "{reason}");
    // The zero class is named after Australia's tax (audit-m M8: it read "Import VAT, zero rate"
    // beside "Import GST").
    let tax = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).expect("a tax levy");
    assert_eq!(tax.name.to_string(), "Import GST, zero rate");
}
