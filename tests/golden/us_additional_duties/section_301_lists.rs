//! Which Section 301 list an article bears: the one its HTS footnote names, one per article.

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

// audit-k (the US figures a merchant sees most, recomputed from the official HTS files): each
// finding fixed at its source, with the HTSUS text that settles the figure
// ([docs/rules.md](../../../docs/rules.md#us-additional-duties)).

/// 300 units at US$10.00 (US$3,000) of `code`, ocean freight, DDP.
fn us(date: &str, origin: &str, code: &str) -> serde_json::Value {
    json!({"destination": "US", "date": date, "currency": "USD", "channel": "freight", "transport": "ocean",
        "origin": origin, "ship_from": origin, "incoterm": "DDP",
        "lines": [{"id": "a", "code": code, "quantity": "300", "unit_price": "10.00"}]})
}

/// The Section 301 levies of the line: (heading, amount).
fn s301(q: &Quote) -> Vec<(String, Option<rust_decimal::Decimal>)> {
    q.lines[0]
        .levies
        .iter()
        .filter(|l| l.kind == LevyKind::AdditionalDuty && l.name.to_string().contains("Section 301"))
        .map(|l| (l.name.to_string(), l.amount))
        .collect()
}

#[test]
fn one_section_301_list_per_article_the_one_the_hts_footnote_names_8413_50_00() {
    // HTSUS 2026 Rev 3 and Rev 10, 8413.50.00 "Other reciprocating positive displacement pumps |
    // Free", footnote "See 9903.88.01." (list 1, + 25 %). The list file also puts it on list 3
    // (9903.88.03); the goods are under one heading: 25 % × 3,000 = 750.00, not 1,500.00.
    let q = quote(us("2026-05-01", "CN", "8413.50.00"));
    let duties = s301(&q);
    assert_eq!(duties.len(), 1, "{duties:?}");
    assert!(duties[0].0.contains("9903.88.01"), "{duties:?}");
    assert_eq!(duties[0].1, Some(d("750.00")));
    assert_eq!(q.totals.duty, d("750.00"));
    assert!(q.totals.complete, "{:?}", q.lines[0].reason);
    // Before HTS 2026 Rev 3 (the 2025 database carries no list footnotes) the list file stays,
    // the code on the list the footnote names: list 1 alone on 2025-12-31 too.
    let q = quote(us("2025-12-31", "CN", "8413.50.00"));
    let duties = s301(&q);
    assert_eq!(duties.len(), 1, "{duties:?}");
    assert_eq!(duties[0].1, Some(d("750.00")));
}

#[test]
fn two_headings_split_by_a_definitional_note_make_the_line_partial_with_the_range_8517_62_00() {
    // HTSUS 2026 Rev 10, 8517.62.00: "See 9903.88.04 and 9903.88.15." — 9903.88.04 (+ 25 %) covers
    // the products of U.S. note 20(g), 9903.88.15 (+ 7.5 %) those of note 20(s): one or the other,
    // never both (it was 25 % + 7.5 % = 975.00 complete). At least 7.5 % × 3,000 = 225.00, at
    // most 25 % = 750.00 (17.5 points more for a note 20(g) product).
    let q = quote(us("2026-05-01", "CN", "8517.62.00.90"));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial);
    assert!(!q.totals.complete);
    assert_eq!(q.totals.duty, d("225.00"));
    let duties = s301(&q);
    assert_eq!(duties.len(), 2, "{duties:?}");
    assert!(duties[0].0.contains("9903.88.15") && duties[0].1 == Some(d("225.00")), "{duties:?}");
    assert!(duties[1].0.contains("9903.88.04") && duties[1].1.is_none(), "{duties:?}");
    let why = l
        .levies
        .iter()
        .find(|x| x.name.to_string().contains("note 20(g)"))
        .expect("the note 20(g) layer")
        .formula
        .to_string();
    assert!(why.contains("U.S. note 20(g)") && why.contains("20(s)(ii)"), "{why}");
    assert!(why.contains("no request field states which"), "{why}");
    assert!(why.contains("condition met: 17.5% × 3,000.00 = 525.00"), "{why}");
    // Upholstered seats 9401.71.00, footnoted the same way with the definitional notes.
    let q = quote(us("2026-05-01", "CN", "9401.71.00"));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert_eq!(s301(&q).iter().filter(|(_, a)| a.is_some()).count(), 1);
}

#[test]
fn lithium_ion_batteries_pay_list_4a_until_9903_91_06_takes_over_8507_60_00() {
    // HTSUS 2026 Rev 3/Rev 10, 8507.60.00: "See 9903.88.15 and 9903.91.06." The list file has the
    // code on list 4B (suspended) and not on 4A (audit-k K2). USTR 89 FR 76581: lithium-ion
    // non-electric-vehicle batteries from 7.5 % to 25 % on 2026-01-01 (9903.91.06, note 31(g)).
    // 2025-12-31: 3.4 % × 3,000 = 102.00; list 4A 7.5 % = 225.00; IEEPA fentanyl 10 % = 300.00.
    let q = quote(us("2025-12-31", "CN", "8507.60.00.90"));
    let duties = s301(&q);
    assert_eq!(duties.len(), 1, "{duties:?}");
    assert!(duties[0].0.contains("9903.88.15"), "{duties:?}");
    assert_eq!(duties[0].1, Some(d("225.00")));
    assert_eq!(q.totals.duty, d("627.00"));
    // 2026-11-20: 9903.91.06's 25 % in place of list 4A, not stacked on it.
    // (The forced-labour Section 301 of 2026-07-24 is listed beside it, unpriced:
    // tests/golden/us_additional_duties.rs.)
    // The non-EV statistical line: the EV batteries of 8507.60.00.10 are under 9903.91.01 (audit-m
    // M2, tests/golden/us_additional_duties/batteries_and_note_20.rs), so the bare 8-digit code no
    // longer settles which heading applies.
    let q = quote(us("2026-11-20", "CN", "8507.60.00.90"));
    let (forced_labour, duties): (Vec<_>, Vec<_>) =
        s301(&q).into_iter().partition(|(n, _)| n.contains("forced-labour"));
    assert_eq!((forced_labour.len(), forced_labour[0].1), (1, None), "{forced_labour:?}");
    assert_eq!(duties.len(), 1, "{duties:?}");
    assert!(duties[0].0.contains("9903.91.06") && duties[0].1 == Some(d("750.00")), "{duties:?}");
}

#[test]
fn repairs_of_9802_pay_the_list_of_the_article_not_four_lists_stacked() {
    // HTSUS 2026 Rev 10, 9802.00.40: "See 9903.88.01 and 9903.88.02": an article returned after
    // repair pays the Section 301 duty of its own subheading's list, which the 9802 code does not
    // show: lists 1 and 2 unpriced, the line not complete (it was 25+25+25+7.5 %).
    let q = quote(us("2026-05-01", "CN", "9802.00.40"));
    assert!(!q.totals.complete);
    let duties = s301(&q);
    assert!(duties.iter().all(|(_, a)| a.is_none()), "{duties:?}");
    assert!(
        duties.iter().any(|(n, _)| n.contains("9903.88.01")) && duties.iter().any(|(n, _)| n.contains("9903.88.02"))
    );
}
