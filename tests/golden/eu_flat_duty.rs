//! The EU's flat customs duty of EUR 3 per tariff line on low-value consignments (Council
//! Regulation (EU) 2026/382) at its edges. Each test names its law; figures are worked by hand.

mod short_codes;

use crate::common::{applies, d, levy, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

// audit-i (every dated rule at its edges): findings I1-I4 fixed at their source, each test with
// the law or official text that settles the date and the figure
// ([docs/rules.md](../../docs/rules.md#us-additional-duties), [freshness](../../tariffs/README.md#datasets-and-publication-periods)).

#[test]
fn the_eur_3_duty_applies_on_1_july_2028_itself() {
    // Council Regulation (EU) 2026/382 art. 2: "From 1 July 2026 until 1 July 2028, a customs duty
    // of EUR 3 per item ... shall apply": the period names 1 July 2028 as its last day (a date on
    // which an act's application ceases is that day's end, Regulation (EEC, Euratom) 1182/71
    // art. 4(3)), so the row's valid_to 2028-07-01 is inclusive.
    let post = |on: &str| {
        quote(json!({"destination": "DE", "origin": "CN", "ship_from": "CN", "date": on, "currency": "EUR",
            "channel": "post", "incoterm": "DDP",
            "lines": [{"id": "t", "code": "6109.10.00", "quantity": "1", "unit_price": "40.00"}]}))
    };
    assert!(applies(&post("2028-07-01"), "eu-flat-duty-3-post"));
    assert!(!post("2028-07-02").thresholds.iter().any(|c| c.id == "eu-flat-duty-3-post" && c.applies));
}

// audit-n (session 15, fix-n): an unknown code under a low-value relief, the EU's EUR 150 duty
// relief before it existed, and the sweep's code axis as a what-if.

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

// fix-o: audit-o O1 (the EU's EUR 3 per tariff line on a gift's lines outside the gift relief)
// and O2 (a US layer owed whichever statistical line an 8-digit code falls in counts in the
// lower bound). Each test names its law; the figures are worked by hand from it.

fn duty_levy(q: &Quote, line: usize) -> &landed::quote::Levy {
    q.lines[line].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("a duty levy")
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
