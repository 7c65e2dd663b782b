//! fix-o: audit-o O1 (the EU's EUR 3 per tariff line on a gift's lines outside the gift relief)
//! and O2 (a US layer owed whichever statistical line an 8-digit code falls in counts in the
//! lower bound). Each test names its law; the figures are worked by hand from it.

mod common;

use common::{d, levy, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

/// A parcel from a private individual in the US to one in Germany, DDP, as audit-h's `e4.json`.
fn de_parcel(date: &str, channel: &str, gift: bool, lines: Value) -> Value {
    json!({"destination": "DE", "date": date, "currency": "EUR", "channel": channel, "incoterm": "DDP",
           "origin": "US", "ship_from": "US", "gift": gift, "lines": lines})
}

fn tea_and_book() -> Value {
    json!([{"id": "tea", "code": "0902.30", "quantity": "1", "unit_price": "20"},
           {"id": "book", "code": "4901.99", "quantity": "1", "unit_price": "15"}])
}

fn duty_levy(q: &Quote, line: usize) -> &landed::quote::Levy {
    q.lines[line].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("a duty levy")
}

/// audit-o O1, first the gift relief itself. Reg. (EC) 1186/2009 art. 25 relieves a gift of
/// EUR 45 or less (art. 26(1)); art. 27 limits that relief "per consignment, to the quantities
/// given against each of the goods listed below": (a) tobacco products, (b) alcohols and
/// alcoholic beverages, (c) perfumes and toilet waters (legislation.gov.uk, eur/2009/1186, art.
/// 27: no other goods). Tea is not among them, so a EUR 35 gift of tea (EUR 20) and a book (EUR
/// 15) by post to Germany on 2026-11-26 has no duty on either line, and no EUR 3 (Reg. (EU)
/// 2026/382 art. 2 replaces the EUR 150 relief, not the gift relief, which art. 1 leaves as it
/// is). The tea's quantity limits only the VAT relief (Directive 2006/79/EC, row eu-gift-vat-45,
/// which leaves tea out whatever its quantity): VAT 7 % (UStG Anlage 2) × 20.00 = 1.40. Landed
/// 36.40, complete (the figure audit-o saw, now for the law's reason: the row had excluded tea
/// from the duty relief too, and the EUR 3 then missed it).
#[test]
fn a_gift_of_tea_keeps_the_duty_relief_art_27_limits_only_tobacco_alcohol_perfume() {
    let q = quote(de_parcel("2026-11-26", "post", true, tea_and_book()));
    for line in [0, 1] {
        let duty = duty_levy(&q, line);
        assert_eq!(duty.amount, Some(d("0.00")), "{}", duty.formula);
        assert!(duty.formula.to_string().contains("eu-gift-duty-45"), "{}", duty.formula);
    }
    assert_eq!((levy(&q.lines[0], LevyKind::Tax), levy(&q.lines[1], LevyKind::Tax)), (d("1.40"), d("0.00")));
    assert_eq!((q.totals.duty, q.totals.landed), (d("0.00"), d("36.40")));
    assert!(q.totals.complete, "{:?}", q.lines);
    // The quantity the VAT relief's exclusion of tea assumes is stated (Council Directive
    // 2006/79/EC art. 2(1)(e): "tea: 100 grams, or tea extracts and essences: 40 grams").
    assert!(
        q.warnings.iter().any(|w| w.code == "W_ASSUMPTION"
            && w.message.contains("eu-gift-vat-45")
            && w.message.contains("tea 100 g")),
        "{:?}",
        q.warnings
    );
    // The same two lines sold: EUR 3 on each tariff line (art. 2(b)), as before.
    let sold = quote(de_parcel("2026-11-26", "post", false, tea_and_book()));
    assert_eq!(sold.totals.duty, d("6.00"));
}

/// audit-o O1 and audit-j J9: a gift's line the gift relief leaves out (cigarettes beyond art.
/// 27(a)'s quantities, which the rows do not model: left out whatever the quantity). Reg. (EU)
/// 2026/382 art. 2(b) puts EUR 3 per item on goods in a postal consignment of at most EUR 150
/// "instead of the relief eliminated pursuant to Article 1" (TARIC footnote TM1066): the relief of
/// Reg. (EC) 1186/2009 art. 23, which art. 24 never gave tobacco, alcohol or perfume. Whether the
/// EUR 3 reaches goods it replaces nothing for is not settled by those words, so the line is
/// partial at the lower of the two readings: the tariff's 57.6 % (CN 2402 20 90) × 30.00 = 17.28,
/// or EUR 3: at least 3.00 (the tobacco excise is not priced either). The book keeps the gift
/// relief.
#[test]
fn a_gift_line_outside_the_gift_relief_is_at_least_the_lower_of_eur_3_and_the_tariff_reg_2026_382_art_2() {
    let lines = json!([{"id": "cig", "code": "2402.20", "quantity": "1", "unit_price": "30"},
                       {"id": "book", "code": "4901.99", "quantity": "1", "unit_price": "10"}]);
    // From Canada: from 2026-07-01 the tariff reading of US goods of chapters 01-24 is not priced
    // either (Reg. (EU) 2026/1455 as reported, `duty_free.tsv#eu-us-agri-seafood-2026`), so the
    // lower of the two readings would not be known.
    let mut parcel = de_parcel("2026-11-26", "post", true, lines);
    parcel["origin"] = json!("CA");
    parcel["ship_from"] = json!("CA");
    let q = quote(parcel);
    let cig = duty_levy(&q, 0);
    assert_eq!(cig.amount, Some(d("3.00")), "{}", cig.formula);
    assert!(cig.formula.to_string().contains("3 EUR per tariff line"), "{}", cig.formula);
    let why = q.lines[0].reason.as_deref().unwrap_or("");
    assert!(
        why.contains("eu-flat-duty-3-post") && why.contains("eu-duty-relief-150") && why.contains("HS 24"),
        "{why}"
    );
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert_eq!(levy(&q.lines[1], LevyKind::Duty), d("0.00"));
    assert!(!q.totals.complete && q.totals.at_least);
}

/// audit-j J9, the same question sold: a bottle of whisky (2208.30.30, EUR 40, 0.7 l at 40 %,
/// Branntweinsteuer EUR 13.03/l alc given) by post from the UK on 2026-11-26. The tariff's duty,
/// free (CN 2208 30 30), or EUR 3 in its place: partial at the lower, 0.00, VAT 19 % × (40.00 +
/// 3.65) = 8.29 (it was EUR 3 and VAT 8.86, complete, on one reading). By courier art. 2 reaches
/// neither (not IOSS, which cannot cover excise goods, nor postal): the tariff's duty, complete.
#[test]
fn excise_goods_by_post_are_partial_between_the_tariff_and_eur_3_audit_j_j9() {
    let whisky = |channel: &str| {
        quote(json!({"destination": "DE", "date": "2026-11-26", "currency": "EUR", "channel": channel,
            "incoterm": "DAP", "origin": "GB", "ship_from": "GB",
            "lines": [{"id": "w", "code": "2208.30.30", "quantity": "1", "unit_price": "40.00", "volume_l": "0.7",
                       "alcohol_pct": "40",
                       "extra_duties": [{"name": "Branntweinsteuer", "rate": "13.03 EUR/l alc", "kind": "excise"}]}]}))
    };
    let post = whisky("post");
    assert_eq!(duty_levy(&post, 0).amount, Some(d("0.00")), "{}", duty_levy(&post, 0).formula);
    assert_eq!(levy(&post.lines[0], LevyKind::Tax), d("8.29"));
    assert_eq!(post.lines[0].status, LineStatus::Partial);
    assert!(post.lines[0].reason.as_deref().unwrap_or("").contains("HS 2208"), "{:?}", post.lines[0].reason);
    assert!(!post.totals.complete && post.totals.at_least);
    let courier = whisky("courier");
    assert_eq!(duty_levy(&courier, 0).amount, Some(d("0.00")));
    assert_eq!(courier.lines[0].status, LineStatus::Priced, "{:?}", courier.lines[0].reason);
    // Only the EU handling fee, expected from 2026-11-01 and not priced
    // (fees.tsv#eu-handling-fee-2026, audit-y Y5), keeps the totals from complete.
    assert!(courier.levies.iter().all(|l| l.amount.is_some() || l.name.as_str().contains("EU customs handling fee")));
}

/// A EUR 60 book sent as a gift by post on 2026-11-26: over the EUR 45 gift relief, so art. 2(b)'s
/// EUR 3 on its tariff line; the book's rate is free (CN 4901 99 00), so the flat rate (CN Part
/// One, Section II D.1: not for goods whose rate is "free") does not touch it: 3.00, priced. VAT
/// 7 % (UStG Anlage 2: books) × 63.00 = 4.41 (it was unpriced: the duty figure under the EUR 3 is
/// not the tariff's rate).
#[test]
fn the_flat_rate_leaves_the_eur_3_of_a_duty_free_gift_alone_cn_part_one_ii_d_1() {
    let lines = json!([{"id": "book", "code": "4901.99", "quantity": "1", "unit_price": "60"}]);
    let q = quote(de_parcel("2026-11-26", "post", true, lines));
    assert_eq!(duty_levy(&q, 0).amount, Some(d("3.00")), "{}", duty_levy(&q, 0).formula);
    assert_eq!(levy(&q.lines[0], LevyKind::Tax), d("4.41"));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
}

fn us_battery(date: &str, code: &str) -> Quote {
    quote(json!({"destination": "US", "origin": "CN", "ship_from": "CN", "date": date, "currency": "USD",
                 "channel": "freight", "transport": "ocean", "entry_type": "formal", "incoterm": "DDP",
                 "lines": [{"id": "a", "code": code, "quantity": "1", "unit_price": "3000"}]}))
}

fn layer<'q>(q: &'q Quote, ch99: &str) -> Option<&'q landed::quote::Levy> {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::AdditionalDuty && l.name.as_str().contains(ch99))
}

/// audit-o O2 (note 14 K2). 8507.60.00 from China on 2025-12-31, US$3,000: the statistical line
/// decides between list 4A's 7.5 % (9903.88.15, USTR 84 FR 43304; 8507.60.00.20/.90) and, for EV
/// batteries (8507.60.00.10), 9903.91.01's 25 % in place of it (USTR 89 FR 76581, U.S. note 31(b)).
/// Either way at least 7.5 % × 3,000 = 225.00 is owed: it counts in the lower bound, beside
/// 3.4 % × 3,000 = 102.00 and IEEPA fentanyl 10 % = 300.00: at least 627.00 (was 402.00), the line
/// partial (9903.91.01 listed, unpriced).
#[test]
fn list_4a_counts_in_the_lower_bound_when_every_statistical_line_owes_at_least_it_89_fr_76581() {
    let q = us_battery("2025-12-31", "8507.60.00");
    let four_a = layer(&q, "9903.88.15").expect("list 4A listed");
    assert_eq!((four_a.amount, four_a.partial_amount), (None, Some(d("225.00"))), "{}", four_a.formula);
    assert!(four_a.formula.to_string().contains("s301-biden-25-ev-batteries"), "{}", four_a.formula);
    let ev = layer(&q, "9903.91.01").expect("9903.91.01 listed");
    assert_eq!((ev.amount, ev.partial_amount), (None, None));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert_eq!(q.totals.duty, d("627.00"));
    assert!(!q.totals.complete && q.totals.at_least);
    // The statistical lines themselves are unchanged: .90 pays list 4A, complete; .10 lists
    // 9903.91.01 in place of it.
    let other = us_battery("2025-12-31", "8507.60.00.90");
    assert_eq!(layer(&other, "9903.88.15").and_then(|l| l.amount), Some(d("225.00")));
    assert!(other.totals.complete);
    let ev_line = us_battery("2025-12-31", "8507.60.00.10");
    assert!(layer(&ev_line, "9903.88.15").is_none());
}
