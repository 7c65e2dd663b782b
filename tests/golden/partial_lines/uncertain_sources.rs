//! fix-cc: session 19's review leftovers, each a silent or misleading path, each figure from the
//! law or source named beside it (docs/rules.md §18, §21, §4, §16, §17).

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

fn levy<'q>(q: &'q Quote, kind: LevyKind, name: &str) -> &'q landed::quote::Levy {
    q.lines[0].levies.iter().find(|l| l.kind == kind && l.name.as_str().starts_with(name)).expect(name)
}

// 1. Rule 18 for every `verify` excise row, also inside the VAT base.

/// A car into Ontario from Germany on 2026-11-26, 6.1 % duty, 8 l/100 km (no green levy), with
/// the caller's `extra_duties`.
fn ca_car(price: &str, extra: Value) -> Quote {
    quote(json!({"destination": "CA", "subdivision": "ON", "date": "2026-11-26", "currency": "CAD",
                 "channel": "freight", "origin": "DE", "ship_from": "DE", "incoterm": "DDP",
                 "lines": [{"id": "car", "code": "8703.23", "quantity": "1", "unit_price": price,
                            "duty_rate": "6.1%", "fuel_l_per_100km": "8.0", "extra_duties": extra}]}))
}

/// Select Luxury Items Tax Act (S.C. 2022, c. 10): the rate row `ca-luxury-tax-vehicles` (the
/// lesser of 20 % of the excess over CAD 100,000 and 10 % of the taxable amount) is from a
/// secondary source (the CRA's formula as brokers quote it; the import provision not read), so
/// its figure is no lower bound: a higher true threshold or a lower true rate gives less
/// (docs/rules.md §18, "a guess is never a lower bound"). A CAD 150,000 car, duty 9,150.00:
/// min(20 % × 59,150, 10 % × 159,150) = 11,830.00 stays in the formula only; the HST is at least
/// 13 % × (150,000 + 9,150) = 20,689.50 on a base without it (the true tax is at least 0), not
/// 13 % × 170,980 = 22,227.40, and the totals count no luxury tax (tax 20,689.50, not 34,057.40).
#[test]
fn a_verify_excise_in_the_vat_base_is_no_lower_bound_and_not_in_the_tax_base() {
    // The caller answers the A/C excise (no air conditioner): only the luxury tax is unverified.
    let ac = json!([{"name": "A/C excise", "rate": "0%", "kind": "excise", "answers": ["ca-ac-excise"]}]);
    let q = ca_car("150000.00", ac);
    let l = &q.lines[0];
    let lux = levy(&q, LevyKind::Excise, "Luxury tax");
    assert_eq!((lux.amount, lux.partial_amount), (None, None), "{}", lux.formula);
    assert!(lux.formula.as_str().contains("= 11,830.00"), "{}", lux.formula);
    assert!(
        lux.formula.as_str().ends_with(": not priced (a figure from a secondary source, not a lower bound)"),
        "{}",
        lux.formula
    );
    let hst = levy(&q, LevyKind::Tax, "Import HST");
    assert_eq!((hst.amount, hst.partial_amount), (None, Some(d("20689.50"))), "{}", hst.formula);
    assert!(
        hst.formula.as_str().ends_with("13% × 159,150.00 = at least 20,689.50 (an excise in its base is not priced)"),
        "{}",
        hst.formula
    );
    assert_eq!(l.status, LineStatus::Partial);
    let reason = l.reason.as_deref().unwrap_or("");
    assert!(reason.contains("excise_rates.tsv#ca-luxury-tax-vehicles is from a secondary source [verify]"), "{reason}");
    assert_eq!((q.totals.tax, q.totals.landed), (d("20689.50"), d("179839.50")));
    assert!(!q.totals.complete && q.totals.at_least);
}

/// The same rule below the threshold beside an unpriced A/C excise (Excise Tax Act Sch. I s.7,
/// CAD 100): CAD 94,200 + 6.1 % = 99,946.20, and the A/C tax could bring the base over
/// CAD 100,000. The zero on the priced part is a `verify` row's figure too: listed, no
/// `partial_amount` (it was "at least 0.00"), the line partial.
#[test]
fn a_verify_excise_zero_on_a_base_not_fully_priced_is_listed_not_a_lower_bound() {
    let q = ca_car("94200.00", json!([]));
    let lux = levy(&q, LevyKind::Excise, "Luxury tax");
    assert_eq!((lux.amount, lux.partial_amount), (None, None), "{}", lux.formula);
    assert!(lux.formula.as_str().contains("not due on the priced part of its base"), "{}", lux.formula);
    assert!(!lux.formula.as_str().contains("so at least 0.00"), "{}", lux.formula);
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    // With the caller's "0%" for the A/C excise the threshold settles it: 0.00, not due, priced
    // (docs/rules.md §21: a zero on a known base is priced even from a `verify` row).
    let ac = json!([{"name": "A/C excise", "rate": "0%", "kind": "excise", "answers": ["ca-ac-excise"]}]);
    let q = ca_car("94200.00", ac);
    let lux = levy(&q, LevyKind::Excise, "Luxury tax");
    assert_eq!((lux.amount, lux.partial_amount), (Some(d("0.00")), None), "{}", lux.formula);
    assert_eq!(q.lines[0].status, LineStatus::Priced);
}

// 3. The unused-input hint names a `verify` excise as listed with a figure, not "without a rate".

/// A New Tax System (Luxury Car Tax) Act 1999 s.7-15(1), s.25-1: the 2026-27 rows
/// (`au-lct-2026-27`, $80,809 over 3.5 l/100 km) are `verify`, so the LCT is listed with its
/// figure, not priced (docs/rules.md §21). Nothing on the car reads its weight; the warning said
/// the LCT was "listed without a rate" and that a rate per kg for it would read the value: its
/// rate is 33 % × 10/11 of the excess of the LCT value, and the warning now says so.
#[test]
fn an_unused_weight_beside_a_verify_excise_names_it_listed_with_a_figure() {
    let q = quote(json!({"destination": "AU", "date": "2026-08-01", "currency": "AUD", "channel": "freight",
        "origin": "DE", "ship_from": "DE", "incoterm": "DDP",
        "lines": [{"id": "car", "code": "8703.23", "quantity": "1", "unit_price": "90000.00", "duty_rate": "0%",
                   "fuel_l_per_100km": "5.0", "weight_kg": "1500"}]}));
    let lct = levy(&q, LevyKind::Excise, "Luxury car tax");
    assert_eq!((lct.amount, lct.partial_amount), (None, None), "{}", lct.formula);
    let w: Vec<&str> = q
        .warnings
        .iter()
        .filter(|w| w.code == "W_INPUT_UNUSED" && w.message.starts_with("lines[0].weight_kg"))
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        w,
        ["lines[0].weight_kg: no levy of this line is charged per kg, and charges are not allocated by weight, so the value was not used; Luxury car tax (excise_rates.tsv#au-lct-2026-27) is listed with a figure from a secondary source, not priced, and its rate is not per kg"]
    );
    // Beside an excise listed without a rate (Canada's A/C excise, Excise Tax Act Sch. I s.7),
    // each is named as what it is.
    let q = quote(json!({"destination": "CA", "subdivision": "ON", "date": "2026-11-26", "currency": "CAD",
        "channel": "freight", "origin": "DE", "ship_from": "DE", "incoterm": "DDP",
        "lines": [{"id": "car", "code": "8703.23", "quantity": "1", "unit_price": "150000.00", "duty_rate": "6.1%",
                   "fuel_l_per_100km": "8.0", "weight_kg": "1500"}]}));
    let w = q.warnings.iter().find(|w| w.message.starts_with("lines[0].weight_kg")).expect("weight unused");
    assert!(
        w.message.contains("(excise.tsv#ca-ac-excise) is listed without a rate, and a rate per kg"),
        "{}",
        w.message
    );
    assert!(
        w.message.ends_with("Luxury tax (Select Luxury Items Tax Act) (excise_rates.tsv#ca-luxury-tax-vehicles) is listed with a figure from a secondary source, not priced, and its rate is not per kg"),
        "{}",
        w.message
    );
}

// 4. The EU's EUR 2 handling fee and Northern Ireland.

/// Windsor Framework art. 5(3)-(4) and Annex 2: Union customs legislation applies in respect of
/// Northern Ireland; art. 13(3): an act amending a listed act applies as amended. Whether the
/// EU's handling fee (Regulation (EU) 2026/2108 art. 20, as reported; `eu-handling-fee-2026`)
/// applies there, and who collects it, is not read (HL Deb 26 February 2026 asked; no answer in
/// our sources). A book from China into Northern Ireland by post, GBP 40, IOSS, was complete on
/// 2026-11-27 with no word; it lists the fee as it may be due, the quote not complete, as into
/// Germany (`golden_fix_aa.rs`). A gift, not a distance sale (Directive 2006/112/EC art. 14(4)),
/// does not list it; nor does the day before the expected start.
#[test]
fn the_eu_handling_fee_may_be_due_in_northern_ireland_and_is_listed_windsor_framework_art_13_3() {
    let book = |date: &str, gift: bool| {
        quote(json!({"destination": "XI", "origin": "CN", "ship_from": "CN", "date": date, "currency": "GBP",
            "channel": "post", "incoterm": "DDP", "seller_registered": !gift, "gift": gift,
            "lines": [{"id": "b", "code": "4901.99.00.00", "quantity": "1", "unit_price": "40.00"}]}))
    };
    let fee = |q: &Quote| q.levies.iter().find(|l| l.name.as_str().contains("EU customs handling fee")).cloned();
    let before = book("2026-10-31", false);
    assert!(fee(&before).is_none() && before.totals.complete);
    assert_eq!(before.totals.landed, d("40.00"));
    let q = book("2026-11-27", false);
    let f = fee(&q).expect("the EU fee is listed for XI");
    assert_eq!((f.amount, f.partial_amount), (None, None));
    assert_eq!(f.source.row(), "fees.tsv#xi-eu-handling-fee-2026");
    assert!(f.name.as_str().contains("not read whether it applies there"), "{}", f.name);
    assert!(!q.totals.complete && q.totals.at_least);
    assert_eq!(q.totals.landed, d("40.00"));
    let w = q.warnings.iter().find(|w| w.code == "W_FEE_UNKNOWN").expect("W_FEE_UNKNOWN");
    assert!(w.message.contains("may be due from 2026-11-01") && w.message.contains("art. 13(3)"), "{}", w.message);
    let gift = book("2026-11-27", true);
    assert!(fee(&gift).is_none());
}

// 5. US FTA staged rates between 1 January and the first 2026 edition in our data.

/// KORUS (US-Korea FTA Implementation Act; Presidential Proclamation 8783): staged reductions take
/// effect on 1 January of each year. Beef 0201.10.50 from Korea: the 2025 tariff database (our
/// row until 2026-02-11) gives 1.7 % (KR), HTS 2026 Revision 3 (from 2026-02-12) Free (KR). On
/// 2026-01-15 the year's staged rate is not read (the 2026 Basic Edition is not in our sources):
/// the duty is at least 0.00 (Revision 3's) and at most 170.00 (the 2025 rate), the line partial
/// naming both; it was priced 170.00, complete. On 2025-12-31 and from 2026-02-12 it is priced.
#[test]
fn a_claim_between_1_january_and_the_first_edition_of_the_year_is_between_both_staged_rates() {
    let beef = |date: &str| {
        quote(json!({"destination": "US", "origin": "KR", "ship_from": "KR", "date": date, "currency": "USD",
            "channel": "freight", "transport": "ocean", "incoterm": "DDP", "claim": "KR",
            "lines": [{"id": "beef", "code": "0201.10.50", "quantity": "1", "unit_price": "10000", "weight_kg": "1000"}]}))
    };
    let duty = |q: &Quote| q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).cloned().expect("duty");
    let before = beef("2025-12-31");
    assert_eq!((duty(&before).amount, duty(&before).partial_amount), (Some(d("170.00")), None));
    let q = beef("2026-01-15");
    let l = &q.lines[0];
    let dt = duty(&q);
    assert_eq!((dt.amount, dt.partial_amount), (None, Some(d("0.00"))), "{}", dt.formula);
    assert!(
        dt.formula.as_str().ends_with("= 170.00; at least 0.00 (the year's staged rate not read)"),
        "{}",
        dt.formula
    );
    assert_eq!(l.status, LineStatus::Partial);
    let reason = l.reason.as_deref().unwrap_or("");
    assert!(
        reason.contains("the staged rate in force from 1 January 2026 is not read")
            && reason.contains("gives 1.7% (170.00)")
            && reason.contains("Revision 3 (JSON), in force from 2026-02-12, gives Free (0.00)"),
        "{reason}"
    );
    let claim = l.claim.as_ref().expect("claim");
    assert_eq!((claim.duty, claim.saving), (None, None));
    assert!(!q.totals.complete && q.totals.at_least);
    let after = beef("2026-02-12");
    assert_eq!((duty(&after).amount, duty(&after).partial_amount), (Some(d("0.00")), None));
}
