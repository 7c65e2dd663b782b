//! Sweeps over origins, places of shipment and preference claims: "the cheapest compliant way to
//! land this cart" is one call, complete quotes rank first, and the answer says what each choice
//! saved ([docs/rules.md](../docs/rules.md#preferences), [not priced](../docs/rules.md#not-priced)).

mod common;

use common::{d, engine, request};
use landed::request::QuoteRequest;
use landed::sweep::{sweep, SweepAxes};
use rust_decimal::Decimal;
use serde_json::json;

fn tee_to_us() -> QuoteRequest {
    request(json!({"destination": "US", "date": "2025-09-01", "currency": "USD", "origin": "CN",
        "channel": "freight", "entry_type": "formal", "transport": "air",
        "lines": [{"id": "tee", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00"}]}))
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn auto_claims_find_usmca_cheapest_and_rank_an_incomplete_origin_below_complete_ones() {
    // A US$100 T-shirt (HTS 6109.10.00, general 16.5 %) on 2025-09-01, formal entry: MPF is the
    // FY2025 minimum US$32.71 (19 CFR 24.23(b)(1)) in every row without a claim.
    //   MX claiming S (USMCA, HTSUS GN 11): duty Free, no 9903.01.01, and no MPF on originating
    //     goods (19 U.S.C. 58c(b)(10)(B)) → 100.00;
    //   MX without a claim: 16.50 + 25.00 (9903.01.01) → 174.21;
    //   CN: 16.50 + 20.00 (9903.01.24) + 10.00 (9903.01.25) + 7.50 (9903.88.15, list 4A) → 186.71;
    //   BR: its 40 % (9903.01.77) is marked [verify], so 159.21 is only a lower bound.
    let axes = SweepAxes { origins: strs(&["CN", "MX", "BR"]), claims: strs(&["auto"]), ..Default::default() };
    let r = sweep(&engine(), &tee_to_us(), &axes).unwrap();
    /// Origin, claim, what the buyer pays in all, complete.
    type Seen<'a> = (Option<&'a str>, Option<&'a str>, Option<Decimal>, bool);
    let seen: Vec<Seen> = r
        .rows
        .iter()
        .map(|x| (x.origin.as_deref(), x.claim.as_deref(), x.buyer_total_in_request_currency, x.complete))
        .collect();
    assert_eq!(
        seen,
        vec![
            (Some("MX"), Some("S"), Some(d("100.00")), true),
            (Some("MX"), None, Some(d("174.21")), true),
            (Some("CN"), None, Some(d("186.71")), true),
            (Some("BR"), None, Some(d("159.21")), false),
        ],
        "auto tries no claim and USMCA for Mexico only; the incomplete quote ranks last although its bound is lower"
    );
    assert!(r.rows[3].at_least);
    let best = r.cheapest.as_ref().unwrap();
    assert_eq!(
        (best.origin.as_deref(), best.claim.as_deref(), best.claim_saving),
        (Some("MX"), Some("S"), Some(d("74.21")))
    );
    let saved: Vec<(&str, &str, &str, Decimal)> =
        r.savings.iter().map(|s| (s.axis.as_str(), s.chosen.as_str(), s.instead_of.as_str(), s.saving)).collect();
    assert_eq!(saved, vec![("origin", "MX", "CN", d("86.71")), ("claim", "S", "none", d("74.21"))]);
    assert_eq!(r.incomplete_below_cheapest, 0);
}

#[test]
fn an_explicit_claim_the_origin_cannot_make_is_that_rows_error() {
    let axes = SweepAxes { origins: strs(&["CN", "MX"]), claims: strs(&["none", "S"]), ..Default::default() };
    let r = sweep(&engine(), &tee_to_us(), &axes).unwrap();
    assert_eq!(r.combinations, 4);
    let cn_s = r.rows.iter().find(|x| x.origin.as_deref() == Some("CN") && x.claim.as_deref() == Some("S")).unwrap();
    assert!(cn_s.error.as_deref().unwrap().contains("E_CLAIM"), "{:?}", cn_s.error);
    assert_eq!(r.rows.last().unwrap().error, cn_s.error, "rows that could not be priced rank last");
    assert_eq!(r.cheapest.as_ref().unwrap().claim.as_deref(), Some("S"));
}

/// A ¥100,000 T-shirt (6109.10-020, applied general rate 7.4 %) to Japan on 2026-08-01, a
/// business import (valued at its price, not as goods for personal use: docs/rules.md#japan).
fn tee_to_japan(origin: &str) -> QuoteRequest {
    request(json!({"destination": "JP", "date": "2026-08-01",
        "currency": "JPY", "origin": origin, "channel": "freight", "business_buyer": true,
        "lines": [{"id": "tee", "code": "6109.10.020", "quantity": "1", "unit_price": "100000"}]}))
}

/// (claim, duty, complete, a lower bound) of each sweep row, in rank order.
type Ranked<'a> = (Option<&'a str>, Option<Decimal>, bool, bool);

fn ranked(r: &landed::sweep::SweepResult) -> Vec<Ranked<'_>> {
    r.rows.iter().map(|x| (x.claim.as_deref(), x.duty, x.complete, x.at_least)).collect()
}

#[test]
fn an_unverified_claim_never_beats_a_complete_quote() {
    // Japan, a T-shirt of Brunei (Free under the Japan-Brunei EPA, AJCEP, CPTPP and RCEP in
    // Japan's schedule of 2026-07-09). The Japan-Brunei EPA (Brunei MOFE: in force 2008-07-31),
    // AJCEP (Brunei from 2009-01-01, Customs Answer 4022) and RCEP (Brunei from 2022-01-01,
    // Customs Answer 4055) are verified: complete quotes with no duty, in the table's order.
    // Brunei's CPTPP membership date (2023-07-12) is from secondary sources only
    // (rules/groups.tsv, [verify]): its claim is only a lower bound of ¥0 and ranks below every
    // complete quote, the no-claim ¥7,400 (100,000 × 7.4 %) included.
    let axes = SweepAxes { claims: strs(&["auto"]), ..Default::default() };
    let r = sweep(&engine(), &tee_to_japan("BN"), &axes).unwrap();
    assert_eq!(r.combinations, 5, "no claim + BN, AJCEP, CPTPP, RCEP_AANZ");
    assert_eq!(
        ranked(&r),
        vec![
            (Some("BN"), Some(d("0")), true, false),
            (Some("AJCEP"), Some(d("0")), true, false),
            (Some("RCEP_AANZ"), Some(d("0")), true, false),
            (None, Some(d("7400")), true, false),
            (Some("CPTPP"), Some(d("0")), false, true),
        ]
    );
    assert_eq!(r.cheapest.as_ref().unwrap().claim_saving, Some(d("7400")));
    assert_eq!(r.incomplete_below_cheapest, 0, "a lower bound of ¥0 is not below the ¥0 complete quote");
}

#[test]
fn a_united_kingdom_tshirt_claims_the_japan_uk_cepa_or_cptpp_both_verified() {
    // A T-shirt of the United Kingdom: the Japan-UK CEPA (MOFA Diplomatic Bluebook 2022: in force
    // 2021-01-01) and CPTPP for the United Kingdom (Cabinet Secretariat of Japan: in force
    // 2024-12-15) are verified and Free for 6109.10-020: two complete ¥0 quotes in the table's
    // order (CPTPP's row comes first), then the no-claim ¥7,400. Goods of the United Kingdom no
    // longer claim the Japan-EU EPA.
    let axes = SweepAxes { claims: strs(&["auto"]), ..Default::default() };
    let r = sweep(&engine(), &tee_to_japan("GB"), &axes).unwrap();
    assert_eq!(r.combinations, 3, "no claim + CPTPP, UK");
    assert_eq!(
        ranked(&r),
        vec![
            (Some("CPTPP"), Some(d("0")), true, false),
            (Some("UK"), Some(d("0")), true, false),
            (None, Some(d("7400")), true, false),
        ]
    );
}

#[test]
fn the_verified_japan_malaysia_epa_ranks_with_the_other_free_claims_in_table_order() {
    // A T-shirt of Malaysia: the Japan-Malaysia EPA (METI: in force 2006-07-13), AJCEP (Malaysia
    // from 2009-02-01, Customs Answer 4022), CPTPP (Malaysia from 2022-11-29, the depositary NZ
    // MFAT) and RCEP (Malaysia from 2022-03-18, Customs Answer 4055) are all verified and Free for
    // 6109.10-020: four complete quotes with no duty, in the table's order (jp_programmes.tsv),
    // each ¥7,400 (100,000 × 7.4 %) below the no-claim quote.
    let axes = SweepAxes { claims: strs(&["auto"]), ..Default::default() };
    let r = sweep(&engine(), &tee_to_japan("MY"), &axes).unwrap();
    assert_eq!(r.combinations, 5, "no claim + MY, AJCEP, CPTPP, RCEP_AANZ");
    assert_eq!(
        ranked(&r),
        vec![
            (Some("MY"), Some(d("0")), true, false),
            (Some("AJCEP"), Some(d("0")), true, false),
            (Some("CPTPP"), Some(d("0")), true, false),
            (Some("RCEP_AANZ"), Some(d("0")), true, false),
            (None, Some(d("7400")), true, false),
        ]
    );
    assert_eq!(r.cheapest.as_ref().unwrap().claim.as_deref(), Some("MY"));
    assert_eq!(r.cheapest.as_ref().unwrap().claim_saving, Some(d("7400")));
}

#[test]
fn a_verified_japan_epa_claim_wins_and_the_unverified_ones_rank_below_the_complete_quotes() {
    // A T-shirt of Viet Nam: the Japan-Viet Nam EPA (MOFA: in force 2009-10-01), AJCEP (Viet Nam
    // from 2008-12-01, Customs Answer 4022) and RCEP (Viet Nam from 2022-01-01, Customs Answer
    // 4055) are verified and Free for 6109.10-020, so each claim is a complete quote with no duty,
    // ¥7,400 below the no-claim quote (100,000 × 7.4 %); equal totals keep the table's order.
    // CPTPP's claim stays partial (Viet Nam's membership date is from a secondary source,
    // rules/groups.tsv [verify]) and ranks last.
    let axes = SweepAxes { claims: strs(&["auto"]), ..Default::default() };
    let r = sweep(&engine(), &tee_to_japan("VN"), &axes).unwrap();
    assert_eq!(r.combinations, 5, "no claim + VN, AJCEP, CPTPP, RCEP_AANZ");
    assert_eq!(
        ranked(&r),
        vec![
            (Some("AJCEP"), Some(d("0")), true, false),
            (Some("VN"), Some(d("0")), true, false),
            (Some("RCEP_AANZ"), Some(d("0")), true, false),
            (None, Some(d("7400")), true, false),
            (Some("CPTPP"), Some(d("0")), false, true),
        ]
    );
    assert_eq!(r.cheapest.as_ref().unwrap().claim.as_deref(), Some("AJCEP"));
    assert_eq!(r.cheapest.as_ref().unwrap().claim_saving, Some(d("7400")));
}

#[test]
fn ship_from_is_an_axis_and_a_bad_claim_axis_value_is_e_claim() {
    let axes = SweepAxes { ship_froms: strs(&["MX", "US"]), claims: strs(&["none"]), ..Default::default() };
    let r = sweep(&engine(), &tee_to_us(), &axes).unwrap();
    let mut from: Vec<_> = r.rows.iter().map(|x| x.ship_from.clone().unwrap()).collect();
    from.sort();
    assert_eq!(from, vec!["MX", "US"]);
    let axes = SweepAxes { claims: strs(&["S;"]), ..Default::default() };
    let e = sweep(&engine(), &tee_to_us(), &axes).unwrap_err();
    assert_eq!((e.code.as_str(), e.field.as_deref()), ("E_CLAIM", Some("axes.claims[0]")));
}

#[test]
fn auto_claims_the_best_programme_per_line_when_lines_are_best_served_by_different_programmes() {
    // Two US$100 T-shirts (HTS 6109.10.00, general 16.5 %, "Free (AU,…,S,SG)") on 2025-09-01,
    // formal entry; MPF is the FY2025 minimum US$32.71 (19 CFR 24.23(b)(1)).
    //   line mx, of Mexico: 16.50 + 25.00 (9903.01.01, waived by a USMCA claim, HTSUS GN 11) =
    //     41.50 without a claim, 0 claiming S;
    //   line au, of Australia: 16.50 + 10.00 (9903.01.25, not waived by the US-Australia FTA,
    //     HTSUS GN 28) = 26.50 without a claim, 10.00 claiming AU.
    // Originating goods under either agreement pay no MPF (19 U.S.C. 58c(b)(10)(B), (14)).
    // No claim 200 + 41.50 + 26.50 + 32.71 = 300.71; each line its own best programme: every line
    // exempt, 200 + 0 + 10.00 = 210.00, the claims sharing the 32.71 by value (16.36 and 16.35).
    // S alone or AU alone leaves one line not exempt: how the MPF applies to such an entry is not
    // in our sources, so those rows are incomplete (at least 226.50 and 251.50) and rank below.
    let base = request(json!({"destination": "US", "date": "2025-09-01", "currency": "USD",
        "channel": "freight", "entry_type": "formal", "transport": "air",
        "lines": [{"id": "mx", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00", "origin": "MX"},
                  {"id": "au", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00", "origin": "AU"}]}));
    let axes = SweepAxes { claims: strs(&["auto"]), ..Default::default() };
    let r = sweep(&engine(), &base, &axes).unwrap();
    let seen: Vec<(Option<&str>, Option<Decimal>)> =
        r.rows.iter().map(|x| (x.claim.as_deref(), x.buyer_total_in_request_currency)).collect();
    assert_eq!(
        seen,
        vec![
            (Some("S+AU"), Some(d("210.00"))),
            (None, Some(d("300.71"))),
            (Some("S"), Some(d("226.50"))),
            (Some("AU"), Some(d("251.50"))),
        ]
    );
    assert_eq!(r.combinations, 4, "no claim, S, AU, and the best claim per line");
    let best = r.cheapest.as_ref().unwrap();
    let per_line: Vec<(&str, &str, Option<Decimal>)> =
        best.line_claims.iter().map(|l| (l.line.as_str(), l.program.as_str(), l.saving)).collect();
    assert_eq!(per_line, vec![("mx", "S", Some(d("57.86"))), ("au", "AU", Some(d("32.85")))]);
    assert_eq!(best.claim_saving, Some(d("90.71")));
    let saved: Vec<(&str, &str, &str, Decimal)> =
        r.savings.iter().map(|s| (s.axis.as_str(), s.chosen.as_str(), s.instead_of.as_str(), s.saving)).collect();
    assert_eq!(
        saved,
        vec![("claim", "S+AU", "none", d("90.71"))],
        "S alone is incomplete: the next complete row is no claim"
    );
}

#[test]
fn auto_adds_no_per_line_row_when_one_programme_already_serves_every_line_best() {
    // One line of Mexico: the best claim per line is the S row itself, so auto prices no claim
    // and S only (the figures of the first test: 100.00 and 174.21).
    let axes = SweepAxes { origins: strs(&["MX"]), claims: strs(&["auto"]), ..Default::default() };
    let r = sweep(&engine(), &tee_to_us(), &axes).unwrap();
    let seen: Vec<(Option<&str>, Option<Decimal>)> =
        r.rows.iter().map(|x| (x.claim.as_deref(), x.buyer_total_in_request_currency)).collect();
    assert_eq!(seen, vec![(Some("S"), Some(d("100.00"))), (None, Some(d("174.21")))]);
    assert_eq!(r.rows[0].line_claims.len(), 1);
    assert!(r.rows[1].line_claims.is_empty());
}

#[test]
fn a_claim_shipped_through_a_non_party_is_not_the_cheapest_compliant_route_usmca_art_4_18() {
    // USMCA art. 4.18 (transit and transhipment): Mexican goods whose place of direct shipment is
    // China keep their origin only if they stayed under customs control there, which the request
    // cannot show. Claiming S from MX and from CN costs the same; only the route from Mexico is
    // compliant on its face, so it is the cheapest, and the CN row is ranked after the complete
    // rows with a note.
    let mut base = tee_to_us();
    base.origin = Some("MX".into());
    let axes = SweepAxes { ship_froms: strs(&["CN", "MX"]), claims: strs(&["auto"]), ..Default::default() };
    let r = sweep(&engine(), &base, &axes).unwrap();
    let best = r.cheapest.as_ref().expect("a complete route");
    assert_eq!((best.ship_from.as_deref(), best.claim.as_deref()), (Some("MX"), Some("S")));
    let via_cn =
        r.rows.iter().find(|x| x.ship_from.as_deref() == Some("CN") && x.claim.as_deref() == Some("S")).unwrap();
    assert!(!via_cn.complete);
    assert!(via_cn.notes.iter().any(|n| n.contains("transit rule")), "{:?}", via_cn.notes);
}
