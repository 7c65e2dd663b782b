//! Sweeps over origins, places of shipment and preference claims: "the cheapest compliant way to
//! land this cart" is one call, complete quotes rank first, and the answer says what each choice
//! saved ([docs/rules.md](../../docs/rules.md#preferences), [not priced](../../docs/rules.md#not-priced)).

use crate::common;
use crate::common::{d, engine, request};
use landed::request::QuoteRequest;
use landed::sweep::{sweep, SweepAxes, SweepRow};
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

// Sweeps and the caller's own duties: a `duty_rate` or an extra duty (anti-dumping,
// countervailing, safeguard) is given for one destination, origin and code, and a sweep row that
// changes one of them must not charge it as that row's law ([docs/rules.md](../../docs/rules.md#sweeps)).

/// Ten T-shirts at US$100 from China by sea, with an anti-dumping duty the caller knows of for
/// Chinese goods into the US (a made-up 50 %: the figure is the caller's, not ours).
fn tees_with_ad_duty() -> QuoteRequest {
    request(json!({"destination": "US", "origin": "CN", "ship_from": "CN", "date": "2026-11-26",
        "currency": "USD", "channel": "freight", "incoterm": "DDP", "transport": "ocean",
        "lines": [{"id": "a", "code": "6109.10.00", "quantity": "10", "unit_price": "100.00",
            "extra_duties": [{"name": "AD duty on CN goods", "rate": "50%"}]}]}))
}

fn row<'a>(rows: &'a [SweepRow], destination: &str, origin: &str) -> &'a SweepRow {
    rows.iter().find(|r| r.destination == destination && r.origin.as_deref() == Some(origin)).unwrap()
}

#[test]
fn another_destination_never_pays_the_callers_duties() {
    // An anti-dumping order is the importing country's own measure (19 U.S.C. 1673; in the EU
    // Regulation (EU) 2016/1036 art. 1 and 14): a US order is not due in Germany.
    // DE from CN, the same cart without the caller's duty: customs value 890.15 EUR (US$1,000
    // / 1.1234, the ECB rate of 2026-10-21, unrounded; audit-ff FF36: 890.16 at the 6-place
    // inverse 0.890155), duty 12 % = 106.82 (CN 6109 10 00), VAT 19 % × 996.97 = 189.42,
    // landed 1,186.39 EUR, complete.
    let axes = SweepAxes { destinations: strs(&["US", "DE"]), ..Default::default() };
    let r = sweep(&engine(), &tees_with_ad_duty(), &axes).unwrap();
    let de = row(&r.rows, "DE", "CN");
    assert_eq!(de.landed, Some(d("1186.39")));
    assert!(de.complete);
    assert_eq!(de.duty, Some(d("106.82")));
    assert!(de.notes[0].contains("given for destination US, not charged for DE"), "{:?}", de.notes);
    // The request's own destination keeps the caller's duty, with no note.
    let us = row(&r.rows, "US", "CN");
    assert!(us.notes.is_empty());
    assert!(us.duty.unwrap() > d("500"), "the 50 % duty is charged in the US row: {:?}", us.duty);
}

#[test]
fn another_origin_leaves_the_callers_extra_duties_out_as_a_lower_bound() {
    // Anti-dumping and countervailing orders name their origins: whether the Chinese order's duty
    // applies to Vietnamese goods is not known, so the VN row leaves it out and is "at least",
    // never the cheapest complete row on that omission.
    let axes = SweepAxes { origins: strs(&["CN", "VN"]), ..Default::default() };
    let r = sweep(&engine(), &tees_with_ad_duty(), &axes).unwrap();
    let vn = row(&r.rows, "US", "VN");
    assert!(!vn.complete);
    assert!(vn.at_least);
    assert!(
        vn.notes[0].contains("given for origin CN; whether they apply to origin VN is not known"),
        "{:?}",
        vn.notes
    );
    let cn = row(&r.rows, "US", "CN");
    assert!(cn.notes.is_empty());
    assert!(cn.duty > vn.duty, "CN {:?} pays the caller's duty, VN {:?} does not", cn.duty, vn.duty);
    assert!(r.cheapest.as_ref().is_none_or(|c| c.origin.as_deref() != Some("VN")));
}

#[test]
fn another_code_does_not_take_the_callers_duty_rate() {
    // A laptop (8471 30 00 00, UK Global Tariff 0 %) priced in a code sweep of a request whose
    // T-shirt line carries duty_rate 32 %: the laptop row pays 0 % duty and VAT 20 % × 1,000.00
    // = 200.00, landed 1,200.00 GBP; the T-shirt row keeps the caller's 32 %.
    let base = request(json!({"destination": "GB", "origin": "CN", "ship_from": "CN", "date": "2026-11-26",
        "currency": "GBP", "channel": "courier", "incoterm": "DDP",
        "lines": [{"id": "a", "code": "6109100010", "quantity": "1", "unit_price": "1000.00", "duty_rate": "32%"}]}));
    let axes = SweepAxes { codes: strs(&["6109100010", "8471300000"]), ..Default::default() };
    let r = sweep(&engine(), &base, &axes).unwrap();
    let laptop = r.rows.iter().find(|x| x.code == "8471300000").unwrap();
    assert_eq!(laptop.landed, Some(d("1200.00")));
    assert!(laptop.complete);
    assert!(laptop.notes[0].contains("duty_rate was given for code 6109100010"), "{:?}", laptop.notes);
    let tee = r.rows.iter().find(|x| x.code == "6109100010").unwrap();
    assert_eq!(tee.duty, Some(d("320.00")));
    assert!(tee.notes.is_empty());
    assert_eq!(r.cheapest.as_ref().map(|c| c.code.as_str()), Some("8471300000"));
    assert!(r.ties.is_empty(), "the codes are not tied: {:?}", r.ties);
}

// audit-g (the merchant's optimisation workflows and Japan): each finding G2-G7 fixed at its
// source, with the law or official example that settles the figure
// ([docs/rules.md](../../docs/rules.md#japan), [sweeps](../../docs/rules.md#sweeps)).

#[test]
fn a_sweep_converts_each_row_back_at_its_own_quotes_rate_hmrc_monthly_rate() {
    // audit-g G3: €80 of T-shirts swept to GB and CH. The GB quote converts the goods at HMRC's
    // EUR/GBP rate for 2026-11 (Taxation (Cross-border Trade) Act 2018 s.18); its landed total
    // goes back to euros at the same rate, divided: 80.47 / 0.838222967309 = 96.0003… → 96.00
    // (it was 96.51, the ECB rate of 2026-10-30).
    let base = request(json!({"destination": "DE", "origin": "CN", "date": "2026-11-26", "currency": "EUR",
        "incoterm": "DDP", "lines": [{"id": "tee", "code": "6109.10.00", "quantity": "2", "unit_price": "40.00"}]}));
    let axes = SweepAxes {
        destinations: strs(&["GB", "CH"]),
        ship_froms: strs(&["CN"]),
        channels: vec![landed::request::Channel::Post],
        ..Default::default()
    };
    let r = sweep(&engine(), &base, &axes).unwrap();
    let gb = r.rows.iter().find(|x| x.destination == "GB").unwrap();
    let fx = gb.fx.as_ref().expect("the rate is shown");
    assert_eq!(fx.pair, "EUR/GBP");
    assert!(fx.source.starts_with("HMRC monthly exchange rate for 2026-11"), "{}", fx.source);
    assert_eq!(gb.landed, Some(d("80.47")));
    assert_eq!(gb.landed_in_request_currency, Some(d("96.00")));
}

#[test]
fn none_beside_auto_prices_the_unclaimed_combination_once() {
    // audit-g G7: `--claim none,auto` listed (and counted) the unclaimed row twice per date.
    let base = request(json!({"destination": "JP", "origin": "CN", "ship_from": "CN", "date": "2026-11-26",
        "currency": "JPY", "channel": "courier", "business_buyer": true,
        "lines": [{"id": "tee", "code": "6109.10.020", "quantity": "10", "unit_price": "3000"}]}));
    let axes = SweepAxes { claims: strs(&["none", "auto"]), ..Default::default() };
    let r = sweep(&engine(), &base, &axes).unwrap();
    let unclaimed = r.rows.iter().filter(|x| x.claim.is_none()).count();
    assert_eq!(unclaimed, 1, "{:?}", r.rows);
    assert_eq!(r.combinations, r.rows.len());
}

#[test]
fn auto_beside_the_programme_it_resolves_to_lists_the_claimed_row_once_naming_both() {
    // audit-rr RR4: `--claim none,auto,TCA` listed the TCA row twice (`auto` claims the TCA for a
    // GB T-shirt into Germany, TCA art. 21, and the explicit TCA is the same quote); US `S,auto`
    // did the same for USMCA. Each route's identical rows are listed once, naming the claims.
    let gb_tee = request(json!({"destination": "DE", "origin": "GB", "ship_from": "GB", "date": "2026-03-02",
        "currency": "EUR", "lines": [{"id": "tee", "code": "6109100010", "quantity": "1", "unit_price": "1000"}]}));
    let axes = SweepAxes { claims: strs(&["none", "auto", "TCA"]), ..Default::default() };
    let r = sweep(&engine(), &gb_tee, &axes).unwrap();
    let claims: Vec<Option<&str>> = r.rows.iter().map(|x| x.claim.as_deref()).collect();
    assert_eq!(claims, vec![Some("TCA"), None], "{:?}", r.rows);
    assert_eq!(r.rows[0].notes, vec!["claims auto, TCA give this same row: listed once".to_string()]);
    assert_eq!(r.combinations, 2);
    let axes = SweepAxes { origins: strs(&["MX"]), claims: strs(&["S", "auto"]), ..Default::default() };
    let r = sweep(&engine(), &tee_to_us(), &axes).unwrap();
    assert_eq!(r.rows.iter().filter(|x| x.claim.as_deref() == Some("S")).count(), 1, "{:?}", r.rows);
}

// audit-n (session 15, fix-n): an unknown code under a low-value relief, the EU's EUR 150 duty
// relief before it existed, and the sweep's code axis as a what-if.

/// audit-n N6. Classification follows from the goods (General Interpretative Rules 1 and 6):
/// declaring a cheaper code for the same goods is a misdeclaration (CEMA 1979 s.167; Regulation
/// (EU) 952/2013 art. 15). The code axis of a sweep is a what-if for other goods, and says so.
#[test]
fn a_sweep_across_codes_is_a_what_if_not_a_saving() {
    let cart = request(json!({"destination": "GB", "origin": "DE", "ship_from": "DE", "date": "2026-11-26",
        "currency": "GBP", "channel": "courier", "incoterm": "DDP",
        "lines": [{"id": "shoes", "code": "6403.99.93.00", "quantity": "2", "unit_price": "150.00"}]}));
    let axes = SweepAxes { codes: vec!["6403.99.93.00".into(), "6404.19.90.00".into()], ..Default::default() };
    let r = sweep(&engine(), &cart, &axes).unwrap();
    let code = r.savings.iter().find(|s| s.axis == "code").expect("a code entry");
    assert!(code.note.as_deref().is_some_and(|n| n.starts_with("a what-if") && n.contains("GIR 1 and 6")), "{code:?}");
}

/// audit-n N3. The EU-UK Trade and Cooperation Agreement (OJ L 149, 30.4.2021) art. 21: no
/// customs duties on goods originating in the other Party (with a statement on origin, art.
/// 54-55). Our data has no EU or GB preference programmes, so a sweep across origins into DE
/// charges every origin the general 12 % and must not call GB and CN "the same total, no
/// saving"; `rate` says the preferences are not in our data.
#[test]
fn an_origin_sweep_where_preferences_are_not_in_our_data_says_so() {
    let cart = request(json!({"destination": "DE", "origin": "GB", "ship_from": "GB", "date": "2026-11-26",
        "currency": "EUR", "channel": "courier", "incoterm": "DDP",
        "lines": [{"id": "jacket", "code": "6201.40.00", "quantity": "2", "unit_price": "200.00"}]}));
    let axes = SweepAxes { origins: vec!["GB".into(), "CN".into()], ..Default::default() };
    let r = sweep(&engine(), &cart, &axes).unwrap();
    let tie = r.ties.iter().find(|t| t.axis == "origin").expect("an origin tie");
    assert!(tie.note.as_deref().is_some_and(|n| n.contains("preference programmes are not in our data")), "{tie:?}");
    let rate =
        landed::api::rate(&engine(), "DE", "87038010", landed::date::Date::parse("2026-11-26").unwrap()).unwrap();
    assert!(rate.covers.contains("preferences") && rate.covers.contains("not in our data"));
    let us =
        landed::api::rate(&engine(), "US", "6109100012", landed::date::Date::parse("2026-11-26").unwrap()).unwrap();
    assert_eq!(us.covers, landed::api::RATE_COVERS);
}

// Session 16's residue: no caller figure settles a row it does not name, no input ignored in
// silence (docs/rules.md §21, §22; audit-n N7).

/// Two T-shirts of CAD 150 from China into Ontario (HST 13 %, Excise Tax Act s.165(2)) by
/// courier on 2026-03-02 (audit-n N7's `ca4.json`).
const ONTARIO_TEES: &str = r#"{"destination":"CA","subdivision":"ON","date":"2026-03-02","currency":"CAD",
    "channel":"courier","origin":"CN","lines":[{"id":"tee","code":"6109100010","quantity":"2","unit_price":"150.00"}]}"#;

#[test]
fn a_province_is_applied_to_its_own_destination_only_in_a_sweep() {
    // audit-n N7: `sweep --dest CA,AU,GB,US` of a request with "subdivision": "ON" refused every
    // other destination (E_INVALID_FIELD subdivision: their duty and taxes do not differ by
    // subdivision) and named the one CA row "cheapest" with a spread of 0.00. The province is
    // Canada's: the other rows are priced without it, and say so.
    let base = common::request(serde_json::from_str(ONTARIO_TEES).unwrap());
    let axes = landed::sweep::SweepAxes {
        destinations: ["CA", "AU", "GB", "US"].map(String::from).to_vec(),
        ..Default::default()
    };
    let r = landed::sweep::sweep(&common::engine(), &base, &axes).expect("sweep");
    assert_eq!(r.rows.len(), 4);
    for row in &r.rows {
        assert_eq!(row.error, None, "{row:?}");
        let said = row
            .notes
            .iter()
            .any(|n| n == &format!("subdivision ON was given for destination CA, not applied to {}", row.destination));
        assert_eq!(said, row.destination != "CA", "{row:?}");
    }
    // The text's spread is over two complete rows or more, and says over how many.
    let out = common::stdout(&common::landed(&["sweep", "-", "--dest", "CA,AU,GB,US"], Some(ONTARIO_TEES)));
    let complete = r.rows.iter().filter(|row| row.complete).count();
    match complete {
        0 | 1 => assert!(!out.contains("spread:"), "{out}"),
        n => assert!(out.trim_end().ends_with(&format!(" over {n} complete quotes")), "{out}"),
    }
}

#[test]
fn a_claim_that_holds_on_a_transit_condition_is_marked_and_ranked_after_the_complete_rows_usmca_art_4_18() {
    // A Mexican T-shirt shipped from China claiming USMCA (S) holds only under the agreement's
    // transit rule (USMCA art. 4.18, W_CLAIM_TRANSIT): `complete: false`, `at_least: false`. Its
    // 200.00 (no duty) is printed "200.00?", after the complete rows, and the summary says it
    // holds on a condition, not that it is a lower bound.
    let us = r#"{"destination":"US","date":"2026-03-02","currency":"USD","channel":"courier","ship_from":"CN",
        "lines":[{"id":"tee","code":"6109100012","quantity":"2","unit_price":"100.00"}]}"#;
    let out = common::stdout(&common::landed(&["sweep", "-", "--origin", "CN,VN,MX,IN", "--claim", "auto"], Some(us)));
    let rows: Vec<&str> = out.lines().filter(|l| l.contains(" 2026-03-02 US ")).collect();
    let conditional = rows.iter().position(|l| l.contains("claim S")).expect("the S row");
    assert!(rows[conditional].trim_start().starts_with("200.00? "), "{out}");
    assert!(rows[..conditional].iter().all(|l| !l.contains('?') && !l.contains('≥')), "{out}");
    assert!(out.contains("1 quotes below it hold only on a condition (marked ?)"), "{out}");
    assert!(!out.contains("have a lower bound below it"), "{out}");
}

/// The claims axis `auto` tries the EU's and the UK's agreements too (audit-mm MM1): two jackets
/// 6201.40 of GB origin into Germany, EUR 200 each: claiming TCA (art. 21: no customs duty on
/// originating goods) ranks first and complete; no claim pays the 12 % duty.
#[test]
fn auto_claims_try_the_tca_into_the_eu_and_it_ranks_first() {
    let cart = request(json!({"destination": "DE", "origin": "GB", "ship_from": "GB", "date": "2026-11-26",
        "currency": "EUR", "channel": "freight", "incoterm": "DDP",
        "lines": [{"id": "jacket", "code": "6201.40.00", "quantity": "2", "unit_price": "200.00"}]}));
    let axes = SweepAxes { claims: vec!["auto".into()], ..Default::default() };
    let r = sweep(&engine(), &cart, &axes).unwrap();
    let first = &r.rows[0];
    assert!(first.complete, "{first:?}");
    assert_eq!(first.claim.as_deref(), Some("TCA"), "{:?}", r.rows);
    let none = r.rows.iter().find(|row| row.claim.as_deref().is_none_or(|c| c == "none")).expect("no claim");
    assert!(none.buyer_total_in_request_currency > first.buyer_total_in_request_currency);
}

/// audit-qq QQ19. A sweep with no origin axis keeps each line's own origin: a Chinese mug in a
/// Mexican cart was priced as Mexican (25 % under 9903.01.01 instead of China's layers) and the
/// `auto` claim took USMCA on it, "1200.00, claim S saves 517.31", where the engine's own quote
/// refuses that claim for goods of CN (HTSUS GN 11: originating goods only). The sweep's plain
/// row now equals the quote of the same request, and the USMCA row is a lower bound (the mug
/// cannot claim, and the MPF of an entry of claiming and non-claiming lines is not known).
#[test]
fn a_sweep_without_an_origin_axis_keeps_each_lines_own_origin_qq19() {
    let req = request(json!({"destination": "US", "date": "2025-09-01", "currency": "USD", "origin": "MX",
        "ship_from": "MX", "channel": "freight", "entry_type": "formal", "transport": "road",
        "lines": [{"id": "tee", "code": "6109.10.0012", "quantity": "10", "unit_price": "100.00"},
                  {"id": "mug", "code": "6912.00.4810", "quantity": "10", "unit_price": "20.00", "origin": "CN"}]}));
    let quoted = engine().quote(&req).unwrap();
    let axes = SweepAxes { claims: strs(&["none", "auto"]), ..Default::default() };
    let r = sweep(&engine(), &req, &axes).unwrap();
    let plain = r.rows.iter().find(|x| x.claim.is_none()).expect("the row without a claim");
    assert_eq!(plain.buyer_total_in_request_currency, Some(quoted.totals.buyer_total));
    assert_eq!(quoted.totals.buyer_total, d("1727.31"));
    let usmca = r.rows.iter().find(|x| x.claim.is_some()).expect("the auto row");
    assert!(!usmca.complete, "the mug of CN cannot claim S: {:?}", usmca.claim);
}

/// audit-qq QQ8. US, 2025-10-15, two mugs (6912.00.48, 9.8 %) at US$20 by courier: goods of VN
/// pay VN's reciprocal rate of EO 14326 s.2 (20 %, HTSUS 9903.02.69), goods of CN the fentanyl
/// 20 % and the baseline 10 %: 54.61 against 58.61 whichever the place of shipment. On that tie
/// the direct route (VN shipped from VN) is named cheapest, not "origin VN, ship from CN"; and a
/// row of VN goods shipped from CN says what it rests on: goods CBP determines to have been
/// transshipped to evade the rate pay 40 % in its place (EO 14326 s.3(a), HTSUS 9903.02.01).
#[test]
fn a_tie_names_the_direct_route_and_an_indirect_one_names_the_transshipment_rule_qq8() {
    let req = request(json!({"destination": "US", "origin": "CN", "ship_from": "CN", "date": "2025-10-15",
        "currency": "USD", "channel": "courier",
        "lines": [{"id": "mug", "code": "6912.00.4810", "quantity": "2", "unit_price": "20.00"}]}));
    let axes = SweepAxes { origins: strs(&["CN", "VN"]), ship_froms: strs(&["CN", "VN"]), ..Default::default() };
    let r = sweep(&engine(), &req, &axes).unwrap();
    let best = r.cheapest.as_ref().expect("a complete row");
    assert_eq!(best.buyer_total_in_request_currency, Some(d("54.61")));
    assert_eq!((best.origin.as_deref(), best.ship_from.as_deref()), (Some("VN"), Some("VN")), "{:?}", r.rows);
    assert!(best.notes.is_empty(), "{:?}", best.notes);
    let via_cn = r.rows.iter().find(|x| x.origin.as_deref() == Some("VN") && x.ship_from.as_deref() == Some("CN"));
    let via_cn = via_cn.expect("VN from CN");
    assert_eq!(via_cn.buyer_total_in_request_currency, Some(d("54.61")));
    assert!(via_cn.notes.iter().any(|n| n.contains("40 %") && n.contains("EO 14326 s.3(a)")), "{:?}", via_cn.notes);
    // The only route offered is the indirect one: its saving says what it rests on.
    let axes = SweepAxes { origins: strs(&["CN", "VN"]), ship_froms: strs(&["CN"]), ..Default::default() };
    let r = sweep(&engine(), &req, &axes).unwrap();
    let saving = r.savings.iter().find(|s| s.axis == "origin").expect("origin VN saves 4.00");
    assert_eq!(saving.saving, d("4.00"));
    assert!(saving.note.as_deref().is_some_and(|n| n.contains("transshipped")), "{saving:?}");
}

/// audit-qq QQ18. Canada, C$100 of CN tees by courier to ON, 2026-11-26: shipped from the US they
/// are duty free under the CUSMA courier band (≤ C$150, CBSA D8-2-16), HST 13 % → 113.00, the same
/// as US goods shipped from the US. On that tie the unconditioned route (US from US) is named
/// cheapest; the CN-via-US row names its condition (entered into US commerce: CBSA Customs Notice
/// 20-18) and that the duty of that US import is in no figure.
#[test]
fn a_cusma_courier_tie_names_the_unconditioned_route_and_the_us_import_left_out_qq18() {
    let req = request(json!({"destination": "CA", "subdivision": "ON", "origin": "CN", "ship_from": "CN",
        "date": "2026-11-26", "currency": "CAD", "channel": "courier",
        "lines": [{"id": "tee", "code": "6109.10.00", "quantity": "2", "unit_price": "50.00"}]}));
    let axes = SweepAxes {
        origins: strs(&["CN", "US"]),
        ship_froms: strs(&["CN", "US"]),
        claims: strs(&["auto"]),
        ..Default::default()
    };
    let r = sweep(&engine(), &req, &axes).unwrap();
    let best = r.cheapest.as_ref().expect("a complete row");
    assert_eq!(best.buyer_total_in_request_currency, Some(d("113.00")));
    assert_eq!((best.origin.as_deref(), best.ship_from.as_deref()), (Some("US"), Some("US")), "{:?}", r.rows);
    let via_us = r.rows.iter().find(|x| x.origin.as_deref() == Some("CN") && x.ship_from.as_deref() == Some("US"));
    let via_us = via_us.expect("CN from US");
    assert_eq!(via_us.buyer_total_in_request_currency, Some(d("113.00")));
    assert!(via_us
        .notes
        .iter()
        .any(|n| n.contains("entered into the commerce") && n.contains("import into that country")));
}

/// audit-qq QQ3. A GB jacket (6201.40.00) to DE, EUR 400, 2026-11-26, origins GB and CN, claims
/// `auto`: GB claiming the TCA 476.00 (duty 0, TCA art. 21; VAT 19 % × 400) against CN 533.12
/// (12 %; VAT 19 % × 448). The origin saving 57.12 is the claim's: its note says so (goods
/// originating in GB under the TCA's rules of origin, with its proof), and that an origin is a
/// sourcing choice, not a label; no longer "the origin axis does not claim" beside it.
#[test]
fn an_origin_saving_that_is_a_claims_says_it_rests_on_the_claim_qq3() {
    let req = request(json!({"destination": "DE", "origin": "GB", "ship_from": "GB", "date": "2026-11-26",
        "currency": "EUR", "channel": "courier",
        "lines": [{"id": "jacket", "code": "6201.40.00", "quantity": "1", "unit_price": "400.00"}]}));
    let axes = SweepAxes { origins: strs(&["GB", "CN"]), claims: strs(&["auto"]), ..Default::default() };
    let r = sweep(&engine(), &req, &axes).unwrap();
    let best = r.cheapest.as_ref().expect("a complete row");
    assert_eq!((best.buyer_total_in_request_currency, best.claim.as_deref()), (Some(d("476.00")), Some("TCA")));
    let saving = r.savings.iter().find(|s| s.axis == "origin").expect("origin GB saves");
    assert_eq!(saving.saving, d("57.12"));
    let note = saving.note.as_deref().unwrap_or_default();
    assert!(note.contains("rests on the claim TCA") && note.contains("not goods relabelled GB"), "{note}");
    assert!(!note.contains("does not claim"), "{note}");
}

/// audit-qq QQ5, QQ33. A DE leather bag (4202.21.110) to JP, JPY 300,000 for personal use
/// (60 %: 180,000, within the simplified tariff's 200,000; Customs Tariff Act art. 3-3),
/// 2026-11-26, claims `auto`: claiming the EU EPA (2.5 %: 4,500) sets the simplified tariff aside,
/// and its line saving was "20700 JPY" against the general 14 %, which the unclaimed bag does
/// not pay: it is under the simplified tariff (rate not known). The saving is not known.
#[test]
fn a_japanese_claims_saving_beside_the_simplified_tariff_is_not_known_qq5() {
    let req = request(json!({"destination": "JP", "origin": "DE", "ship_from": "DE", "date": "2026-11-26",
        "currency": "JPY", "channel": "courier",
        "lines": [{"id": "bag", "code": "4202.21.110", "quantity": "1", "unit_price": "300000"}]}));
    let axes = SweepAxes { claims: strs(&["auto"]), ..Default::default() };
    let r = sweep(&engine(), &req, &axes).unwrap();
    let eu = r.rows.iter().find(|x| x.claim.as_deref() == Some("EU")).expect("the EU claim");
    assert_eq!(eu.buyer_total_in_request_currency, Some(d("322800")));
    assert_eq!((eu.line_claims[0].saving, eu.claim_saving), (None, None), "{eu:?}");
    assert!(eu.notes.iter().any(|n| n.contains("saving is not known")), "{:?}", eu.notes);
}

/// audit-qq QQ2. The GB jacket to DE claiming the TCA, shipped from GB or CN: from CN the claim
/// holds only under the TCA's non-alteration rule (art. 43: kept under customs control in the
/// third country), so that row is `476.00?` and ranks after the complete ones; "ship_from GB
/// instead of CN saves 57.12" (against CN without a claim) is at most the saving: with the rule
/// met it is 0.00, and the saving's note says so.
#[test]
fn a_ship_from_saving_against_a_route_whose_claim_holds_on_transit_is_at_most_qq2() {
    let req = request(json!({"destination": "DE", "origin": "GB", "ship_from": "GB", "date": "2026-11-26",
        "currency": "EUR", "channel": "courier",
        "lines": [{"id": "jacket", "code": "6201.40.00", "quantity": "1", "unit_price": "400.00"}]}));
    let axes = SweepAxes { ship_froms: strs(&["GB", "CN"]), claims: strs(&["auto"]), ..Default::default() };
    let r = sweep(&engine(), &req, &axes).unwrap();
    let saving = r.savings.iter().find(|s| s.axis == "ship_from").expect("ship_from GB saves");
    assert_eq!((saving.chosen.as_str(), saving.saving), ("GB", d("57.12")));
    let note = saving.note.as_deref().unwrap_or_default();
    assert!(note.contains("at most this") && note.contains("the saving is then 0.00"), "{note}");
}
