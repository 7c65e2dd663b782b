//! Preference claims ([docs/rules.md](../../docs/rules.md#preferences)): a request or line `claim`
//! applies a programme's rate only when the programme is in force, open to the origin and has a
//! rate for the code; it removes the additional duties the programme waives, shows what it saved
//! and states what it assumes. An invalid claim is `E_CLAIM` naming the field; a programme from a
//! secondary source never prices a claim (the line is `partial`).

mod eu_gb_agreements;

use crate::common;
use crate::common::{d, engine, request};
use landed::date::Date;
use landed::error::ErrorCode;
use landed::quote::{LevyKind, LineStatus, Quote};
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// The quote of a JSON request, or its error.
fn try_quote(v: Value) -> landed::error::Result<Quote> {
    engine().quote(&request(v))
}

/// One US$100 T-shirt (HTS 6109.10.00: general 16.5 %, special `Free (…,S,…)`), formal entry.
fn us_tee(date: &str, origin: &str, claim: Option<&str>) -> landed::error::Result<Quote> {
    let mut line = json!({"id": "tee", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00"});
    if let Some(c) = claim {
        line["claim"] = json!(c);
    }
    try_quote(json!({"destination": "US", "date": date, "currency": "USD", "origin": origin, "channel": "freight",
        "transport": "air", "entry_type": "formal", "lines": [line]}))
}

fn duty(q: &Quote) -> Option<Decimal> {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).and_then(|l| l.amount)
}

#[test]
fn usmca_claim_on_a_mexican_tshirt_charges_free_and_removes_the_ieepa_duty_gn_11() {
    // HTSUS heading 6109.10.00: general 16.5 %, special "Free (…,S,…)"; General Note 11 (USMCA,
    // programme S). Heading 9903.01.01 (+25 %, Mexico, EO 14194 as amended) does not apply to
    // USMCA-originating goods (9903.01.04). US$100 on 2025-09-01:
    //   without a claim: duty 16.5 % × 100 = 16.50, IEEPA 25 % × 100 = 25.00, formal MPF at the
    //   FY2025 minimum 32.71 (19 CFR 24.23(b)(1)(i));
    //   claiming S: duty Free = 0.00, no IEEPA duty, and no MPF on originating goods
    //   (19 U.S.C. 58c(b)(10)(B)): saving 16.50 + 25.00 + 32.71 = 74.21.
    let without = us_tee("2025-09-01", "MX", None).unwrap();
    assert_eq!(duty(&without), Some(d("16.50")));
    assert_eq!(without.totals.duty, d("41.50"));

    let q = us_tee("2025-09-01", "MX", Some("S")).unwrap();
    let line = &q.lines[0];
    assert_eq!(line.status, LineStatus::Priced);
    assert_eq!(duty(&q), Some(d("0.00")));
    assert_eq!(q.totals.duty, d("0.00"));
    assert!(q.totals.complete);
    let claim = line.claim.as_ref().expect("the claim is reported");
    assert_eq!((claim.program.as_str(), claim.rate.as_str()), ("S", "Free"));
    assert_eq!((claim.general_duty, claim.duty, claim.saving), (Some(d("16.50")), Some(d("0.00")), Some(d("16.50"))));
    assert_eq!(claim.waived.len(), 1);
    assert_eq!((claim.waived[0].ch99.as_str(), claim.waived[0].amount), ("9903.01.01", d("25.00")));
    assert_eq!(
        claim.fees_removed.iter().map(|f| (f.name.as_str(), f.amount)).collect::<Vec<_>>(),
        vec![("Merchandise Processing Fee", Some(d("32.71")))]
    );
    assert_eq!(claim.total_saving, Some(d("74.21")));
    assert!(line.excluded.iter().any(|e| e.ch99 == "9903.01.01" && e.reason.contains("claim")));
    // The claimed programme is not offered again as an alternative.
    assert!(line.alternatives.iter().all(|a| a.program != "S"));
    // The condition is an explicit assumption.
    let w = q.warnings.iter().find(|w| w.code == "W_CLAIM").expect("W_CLAIM states the condition");
    assert!(w.message.contains("rules of origin") && w.message.contains("proof of origin"), "{}", w.message);
    // The buyer pays 74.21 less: what the claim says it saved.
    assert_eq!(without.totals.buyer_total - q.totals.buyer_total, d("74.21"));
}

#[test]
fn usmca_claim_on_a_canadian_tshirt_removes_the_35_percent_ieepa_duty_gn_11() {
    // Heading 9903.01.10 (+35 % on Canada from 2025-08-01, EO 14325), not on USMCA goods.
    // US$100 on 2025-09-01: saving 16.50 + 35.00 + the FY2025 MPF minimum 32.71 (19 U.S.C.
    // 58c(b)(10)(B)) = 84.21.
    let q = us_tee("2025-09-01", "CA", Some("S")).unwrap();
    let claim = q.lines[0].claim.as_ref().unwrap();
    assert_eq!(
        claim.waived.iter().map(|w| (w.ch99.as_str(), w.amount)).collect::<Vec<_>>(),
        vec![("9903.01.10", d("35.00"))]
    );
    assert_eq!(claim.total_saving, Some(d("84.21")));
    assert_eq!(q.totals.duty, d("0.00"));
}

#[test]
fn usmca_claim_removes_the_section_122_surcharge_heading_9903_03_01() {
    // From 2026-02-24 the IEEPA duties are not collected and the Section 122 surcharge
    // (9903.03.01, +10 %) applies except to USMCA goods: saving 16.50 + 10.00 + the FY2026 MPF
    // minimum 33.58 (19 U.S.C. 58c(b)(10)(B)) = 60.08.
    let q = us_tee("2026-03-02", "MX", Some("S")).unwrap();
    let claim = q.lines[0].claim.as_ref().unwrap();
    assert_eq!(
        claim.waived.iter().map(|w| (w.ch99.as_str(), w.amount)).collect::<Vec<_>>(),
        vec![("9903.03.01", d("10.00"))]
    );
    assert_eq!(claim.total_saving, Some(d("60.08")));
}

#[test]
fn a_request_claim_is_every_lines_default_and_none_opts_a_line_out() {
    let q = try_quote(json!({"destination": "US", "date": "2025-09-01", "currency": "USD", "origin": "MX",
        "channel": "freight", "entry_type": "formal", "claim": "S", "lines": [
            {"id": "a", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00"},
            {"id": "b", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00", "claim": "none"}]}))
    .unwrap();
    assert_eq!(q.lines[0].claim.as_ref().map(|c| c.program.as_str()), Some("S"));
    assert!(q.lines[1].claim.is_none());
    // Line a: nothing; line b: 16.50 + 25.00.
    assert_eq!(q.totals.duty, d("41.50"));
}

fn claim_error(v: Value) -> landed::error::Error {
    let e = try_quote(v).expect_err("an invalid claim is an error");
    assert_eq!(e.code, ErrorCode::Claim, "{e:?}");
    e
}

#[test]
fn invalid_claims_are_e_claim_naming_the_field() {
    // Unknown programme.
    let e = claim_error(us_tee_request("2025-09-01", "MX", "ZZ"));
    assert_eq!(e.field.as_deref(), Some("lines[0].claim"));
    assert!(e.message.contains("not a programme"), "{}", e.message);
    // Origin not a partner: USMCA is open to CA and MX only (preferences.tsv, HTSUS GN 11).
    let e = claim_error(us_tee_request("2025-09-01", "CN", "S"));
    assert!(e.message.contains("CA, MX"), "{}", e.message);
    // Not in force: USMCA (S) entered into force on 2020-07-01 (HTSUS GN 11).
    let e = claim_error(us_tee_request("2020-06-30", "MX", "S"));
    assert!(e.message.contains("not in force"), "{}", e.message);
    // No rate under it: the USMCA treatment of cream 0401.40.25 is in chapter 98 headings
    // ("See 9823.01.01-9823.01.07 (S+)"), not a rate in the special column.
    let mut v = us_tee_request("2026-03-02", "MX", "S");
    v["lines"][0]["code"] = json!("0401.40.2500");
    v["lines"][0]["volume_l"] = json!("10");
    let e = claim_error(v);
    assert!(e.message.contains("no S rate"), "{}", e.message);
    // A destination without programmes in our data.
    let e = claim_error(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP", "origin": "MX",
        "claim": "S", "lines": [{"id": "tee", "code": "61091000", "quantity": "1", "unit_price": "100"}]}));
    assert_eq!(e.field.as_deref(), Some("claim"));
    // The caller's duty_rate replaces the tariff and its preferential rates: give one or the other.
    let mut v = us_tee_request("2025-09-01", "MX", "S");
    v["lines"][0]["duty_rate"] = json!("0%");
    claim_error(v);
    // No origin.
    let mut v = us_tee_request("2025-09-01", "MX", "S");
    v.as_object_mut().unwrap().remove("origin");
    claim_error(v);
    // Not a programme code at all: refused when the request is read.
    let e = claim_error(us_tee_request("2025-09-01", "MX", "S; DROP"));
    assert_eq!(e.field.as_deref(), Some("lines[0].claim"));
}

fn us_tee_request(date: &str, origin: &str, claim: &str) -> Value {
    json!({"destination": "US", "date": date, "currency": "USD", "origin": origin, "channel": "freight",
        "transport": "air", "entry_type": "formal",
        "lines": [{"id": "tee", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00", "claim": claim}]})
}

#[test]
fn a_claim_under_a_programme_marked_verify_is_partial_never_priced() {
    // CBERA (E, HTSUS GN 7) is marked [verify] in preferences.tsv. Asses 0101.30.00 from Jamaica
    // (general 6.8 %, special Free (…,E,…)): the claim's duty (0) is only a lower bound, the line
    // is partial and says why.
    let q = try_quote(json!({"destination": "US", "date": "2026-03-02", "currency": "USD", "origin": "JM",
        "channel": "freight", "entry_type": "formal",
        "lines": [{"id": "ass", "code": "0101.30.0000", "quantity": "1", "unit_price": "1000.00", "claim": "E"}]}))
    .unwrap();
    let line = &q.lines[0];
    assert_eq!(line.status, LineStatus::Partial);
    assert!(line.reason.as_deref().unwrap().contains("secondary source"), "{:?}", line.reason);
    let levy = line.levies.iter().find(|l| l.kind == LevyKind::Duty).unwrap();
    assert_eq!((levy.amount, levy.partial_amount), (None, Some(d("0.00"))));
    let claim = line.claim.as_ref().unwrap();
    assert_eq!((claim.duty, claim.saving, claim.general_duty), (None, None, Some(d("68.00"))));
    assert!(!q.totals.complete && q.totals.at_least);
}

/// One line of Japan's Tariff Schedule of 2026-07-09 worth ¥100,000 CIF, from `origin` on
/// 2026-08-01, claiming `claim`: a business import, valued at its price (goods for personal use
/// are valued otherwise, Customs Tariff Act art. 4-6(2), docs/rules.md#japan).
fn jp_line(code: &str, origin: &str, claim: &str) -> landed::error::Result<Quote> {
    try_quote(
        json!({"destination": "JP", "date": "2026-08-01", "currency": "JPY", "origin": origin, "business_buyer": true,
        "channel": "freight", "claim": claim,
        "lines": [{"id": "l", "code": code, "quantity": "1", "unit_price": "100000"}]}),
    )
}

/// The priced claim of a line: (programme, rate, duty, duty at the general rate, saving).
fn priced_claim(q: &Quote) -> (&str, &str, Option<Decimal>, Option<Decimal>, Option<Decimal>) {
    let line = &q.lines[0];
    assert_eq!(line.status, LineStatus::Priced, "{:?}", line.reason);
    assert!(q.totals.complete && !q.totals.at_least);
    assert!(q.warnings.iter().any(|w| w.code == "W_CLAIM"), "W_CLAIM states the condition");
    let c = line.claim.as_ref().expect("the claim is reported");
    (c.program.as_str(), c.rate.as_str(), c.duty, c.general_duty, c.saving)
}

#[test]
fn japan_rcep_claim_from_china_is_priced_at_the_schedules_rcep_china_rate() {
    // Japan's Tariff Schedule of 2026-07-09, 6109.10-020 (T-shirts, other): applied general rate
    // 7.4 %, column EPA_RCEP_中国 4.6 %. RCEP is in force between Japan and China from 2022-01-01
    // (Japan Customs, Customs Answer 4055, jp_programmes.tsv RCEP_CN, official). ¥100,000 CIF
    // from China on 2026-08-01: RCEP duty 100,000 × 4.6 % = ¥4,600 instead of
    // 100,000 × 7.4 % = ¥7,400: the claim saves ¥2,800.
    let q = jp_line("6109.10.020", "CN", "RCEP_CN").unwrap();
    assert_eq!(priced_claim(&q), ("RCEP_CN", "4.6%", Some(d("4600")), Some(d("7400")), Some(d("2800"))));
    let levy = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).unwrap();
    assert_eq!((&*levy.rate.as_str(), levy.amount), ("4.6%", Some(d("4600"))));
    assert_eq!(q.lines[0].claim.as_ref().unwrap().general_rate, "7.4%");
    assert_eq!(q.totals.duty, d("4600"));
    // Goods of Korea cannot claim Japan's RCEP schedule for China.
    let e = jp_line("6109.10.020", "KR", "RCEP_CN").unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Claim, Some("claim")));
}

#[test]
fn japan_epa_claims_verified_from_primary_sources_are_priced_at_the_epa_column() {
    // 6109.10-020, applied general rate 7.4 % (¥7,400 on ¥100,000). Each programme's partner and
    // entry into force are verified in jp_programmes.tsv (source column): the Japan-Singapore EPA
    // (Singapore MFA, 2002-11-30), Mexico (MOFA, 2005-04-01), Thailand (MOFA, 2007-11-01), Brunei
    // (Brunei MOFE, 2008-07-31), the Philippines (MOFA, 2008-12-11), Switzerland (MOFA,
    // 2009-09-01), Viet Nam (MOFA, 2009-10-01), Peru (Embassy of Japan in Peru, 2012-03-01),
    // Australia (MOFA, 2015-01-15), Mongolia (MOFA, 2016-06-07), the Japan-UK CEPA (MOFA Diplomatic
    // Bluebook 2022, 2021-01-01), Malaysia (METI, 2006-07-13), Chile (METI, 2007-09-03), Indonesia
    // (METI, 2008-07-01), India (METI, 2011-08-01), the Japan-EU EPA (the EU Delegation to Japan,
    // 2019-02-01; goods of Germany, an EU Member State, rules/groups.tsv) and RCEP for Korea (Japan
    // Customs, Customs Answer 4055, 2022-02-01). The schedule's EPA columns for the code: Free under
    // each bilateral EPA, 4.6 % under EPA_RCEP_韓国, so the duty is ¥0 (saving ¥7,400) or
    // 100,000 × 4.6 % = ¥4,600 (saving ¥2,800).
    let free = [
        ("SG", "SG"),
        ("MX", "MX"),
        ("TH", "TH"),
        ("BN", "BN"),
        ("PH", "PH"),
        ("CH", "CH"),
        ("VN", "VN"),
        ("PE", "PE"),
        ("AU", "AU"),
        ("MN", "MN"),
        ("UK", "GB"),
        ("MY", "MY"),
        ("CL", "CL"),
        ("ID", "ID"),
        ("IN", "IN"),
        ("EU", "DE"),
    ];
    for (programme, origin) in free {
        let q = jp_line("6109.10.020", origin, programme).unwrap();
        assert_eq!(
            priced_claim(&q),
            (programme, "Free", Some(d("0")), Some(d("7400")), Some(d("7400"))),
            "{programme}"
        );
        assert_eq!(q.totals.duty, d("0"), "{programme}");
    }
    let q = jp_line("6109.10.020", "KR", "RCEP_KR").unwrap();
    assert_eq!(priced_claim(&q), ("RCEP_KR", "4.6%", Some(d("4600")), Some(d("7400")), Some(d("2800"))));
}

#[test]
fn japan_us_trade_agreement_claim_is_priced_at_the_usjta_column() {
    // Japan-US Trade Agreement, in force 2020-01-01 (U.S. International Trade Administration,
    // trade.gov, Japan Country Commercial Guide; jp_programmes.tsv USJTA, official). Schedule of
    // 2026-07-09, 0201.10-000 (bovine carcasses, fresh or chilled): general 38.5 %, column
    // EPA_日米貿易協定 20.8 %. ¥100,000 from the United States: 100,000 × 20.8 % = ¥20,800 instead of
    // 100,000 × 38.5 % = ¥38,500: the claim saves ¥17,700.
    let q = jp_line("0201.10.000", "US", "USJTA").unwrap();
    assert_eq!(priced_claim(&q), ("USJTA", "20.8%", Some(d("20800")), Some(d("38500")), Some(d("17700"))));
}

#[test]
fn a_japan_epa_claim_before_its_entry_into_force_is_e_claim() {
    // The Japan-UK CEPA entered into force on 2021-01-01 (MOFA Diplomatic Bluebook 2022); RCEP for
    // Korea on 2022-02-01 (Japan Customs, Customs Answer 4055). A claim dated the day before is
    // refused, not priced; the programmes are open to their partners from those dates.
    let on = |s| landed::date::Date::parse(s).unwrap();
    let rules = engine().rules();
    assert!(rules.programme("JP", "UK", on("2020-12-31")).is_none());
    let uk = rules.programme("JP", "UK", on("2021-01-01")).unwrap();
    assert!(!uk.open_to("GB", on("2020-12-31")) && uk.open_to("GB", on("2021-01-01")));
    let kr = rules.programme("JP", "RCEP_KR", on("2026-08-01")).unwrap();
    assert!(!kr.open_to("KR", on("2022-01-31")) && kr.open_to("KR", on("2022-02-01")));
    assert!(!kr.open_to("CN", on("2026-08-01")));
    let mut v = json!({"destination": "JP", "date": "2020-12-31", "currency": "JPY", "origin": "GB", "business_buyer": true,
        "channel": "freight", "claim": "UK",
        "lines": [{"id": "tee", "code": "6109.10.020", "quantity": "1", "unit_price": "100000"}]});
    let e = try_quote(v.clone()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Claim, "{e}");
    assert!(e.message.contains("not in force"), "{e}");
    v["date"] = json!("2026-08-01");
    assert!(try_quote(v).is_ok());
}

#[test]
fn japan_epa_claims_verified_from_meti_and_the_eu_are_priced_at_their_own_columns_rate() {
    // Japan's Tariff Schedule of 2026-07-09, ¥100,000 CIF on 2026-08-01 (jp_programmes.tsv, each
    // row's source: METI for the Japan-Malaysia, -Chile and -Indonesia EPAs, the EU Delegation to
    // Japan for the Japan-EU EPA):
    // - 1517.10-000 (margarine): general 35 %, WTO 29.8 % (applied), EPA_マレーシア 25 %: from
    //   Malaysia 100,000 × 25 % = ¥25,000 instead of ¥29,800, saving ¥4,800;
    // - 1905.32-000 (waffles and wafers): general 30 %, WTO 18 % (applied), EPA_チリ 10 % and
    //   EPA_インドネシア 13 %: ¥10,000 from Chile (saving ¥8,000), ¥13,000 from Indonesia (saving
    //   ¥5,000) instead of ¥18,000;
    // - 0201.10-000 (bovine carcasses): temporary 38.5 % (applied), EPA_欧州連合 20.8 %: from
    //   France 100,000 × 20.8 % = ¥20,800 instead of ¥38,500, saving ¥17,700.
    let cases = [
        ("1517.10.000", "MY", "MY", "25%", "25000", "29800", "4800"),
        ("1905.32.000", "CL", "CL", "10%", "10000", "18000", "8000"),
        ("1905.32.000", "ID", "ID", "13%", "13000", "18000", "5000"),
        ("0201.10.000", "FR", "EU", "20.8%", "20800", "38500", "17700"),
    ];
    for (code, origin, programme, rate, duty, general, saving) in cases {
        let q = jp_line(code, origin, programme).unwrap();
        assert_eq!(
            priced_claim(&q),
            (programme, rate, Some(d(duty)), Some(d(general)), Some(d(saving))),
            "{programme}"
        );
        assert_eq!(q.totals.duty, d(duty), "{programme}");
    }
}

#[test]
fn japan_bilateral_epas_verified_from_meti_and_the_eu_open_on_their_entry_into_force() {
    // Entry into force: Japan-Malaysia 2006-07-13, -Chile 2007-09-03, -Indonesia 2008-07-01,
    // -India 2011-08-01 (METI, jp_programmes.tsv), Japan-EU 2019-02-01 (the EU Delegation to
    // Japan). The day before, no row of the programme is in force; from that day its partner may
    // claim it, and goods of another country may not.
    let on = |s| landed::date::Date::parse(s).unwrap();
    let rules = engine().rules();
    let starts = [
        ("MY", "MY", "2006-07-12", "2006-07-13"),
        ("CL", "CL", "2007-09-02", "2007-09-03"),
        ("ID", "ID", "2008-06-30", "2008-07-01"),
        ("IN", "IN", "2011-07-31", "2011-08-01"),
        ("EU", "FR", "2019-01-31", "2019-02-01"),
    ];
    for (programme, origin, before, from) in starts {
        assert!(rules.programme("JP", programme, on(before)).is_none(), "{programme} before {from}");
        let p = rules.programme("JP", programme, on(from)).unwrap();
        assert!(p.open_to(origin, on(from)) && !p.open_to("CN", on(from)), "{programme}");
    }
    let e = jp_line("1905.32.000", "TH", "CL").unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Claim, Some("claim")), "{e}");
}

#[test]
fn japan_gsp_and_ldc_preferences_end_on_2031_03_31_and_are_never_applied_by_origin() {
    // MOFA, 'Generalized System of Preferences' (2024-05-28): Japan's GSP 'is effective until
    // March 31, 2031'; its special preferences for LDCs are part of the scheme. The beneficiaries
    // are designated by Cabinet Order and not encoded (jp_programmes.tsv GSP, LDC, [verify]), so
    // no origin may claim either: goods of Bangladesh (an LDC) are refused, not priced.
    let on = |s| landed::date::Date::parse(s).unwrap();
    let rules = engine().rules();
    for programme in ["GSP", "LDC"] {
        let p = rules.programme("JP", programme, on("2031-03-31")).unwrap();
        assert!(p.unverified() && !p.open_to("BD", on("2031-03-31")), "{programme}");
        assert!(rules.programme("JP", programme, on("2031-04-01")).is_none(), "{programme}");
    }
    let e = jp_line("6109.10.020", "BD", "LDC").unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Claim, Some("claim")), "{e}");
}

#[test]
fn japan_quotes_offer_the_epa_alternatives_of_the_special_column() {
    // Goods of Viet Nam may claim the Japan-Viet Nam EPA, AJCEP, CPTPP and RCEP (ASEAN/AU/NZ
    // schedule): each is offered (Free under each in Japan's schedule for 6109.10-020), never
    // applied. The Japan-Viet Nam EPA (MOFA, in force 2009-10-01), AJCEP for Viet Nam (Japan
    // Customs, Customs Answer 4022: 2008-12-01) and RCEP for Viet Nam (Customs Answer 4055:
    // 2022-01-01) are verified: their saving is priced (¥7,400). CPTPP's row is verified, but Viet
    // Nam's membership of its partner group is from a secondary source (rules/groups.tsv, [verify]),
    // so CPTPP is offered without a priced saving.
    let q = try_quote(
        json!({"destination": "JP", "date": "2026-08-01", "currency": "JPY", "origin": "VN", "business_buyer": true,
        "lines": [{"id": "tee", "code": "6109.10.020", "quantity": "1", "unit_price": "100000"}]}),
    )
    .unwrap();
    let line = &q.lines[0];
    assert_eq!(duty(&q), Some(d("7400")));
    let offered: Vec<(&str, &str, Option<Decimal>)> =
        line.alternatives.iter().map(|a| (a.program.as_str(), a.rate.as_str(), a.saving)).collect();
    for p in ["VN", "AJCEP", "CPTPP", "RCEP_AANZ"] {
        assert!(offered.iter().any(|(o, _, _)| *o == p), "{p} not offered: {offered:?}");
    }
    for (p, rate, saving) in &offered {
        assert_eq!(*rate, "Free", "{p}");
        let expected = if *p == "CPTPP" { None } else { Some(d("7400")) };
        assert_eq!(*saving, expected, "{p}");
    }
    assert!(line.claim.is_none());
}

#[test]
fn japan_eu_epa_claim_follows_the_eu_groups_membership_dates() {
    // jp_programmes.tsv names the Japan-EU EPA's partners as the EU group (rules/groups.tsv,
    // TEU art. 52 and each Act of Accession; the United Kingdom until 2020-12-31, Withdrawal
    // Agreement): goods of Germany may claim it on 2026-08-01, goods of the United Kingdom
    // cannot (they have the Japan-UK CEPA).
    let req = |origin: &str| {
        json!({"destination": "JP", "date": "2026-08-01", "currency": "JPY", "origin": origin, "business_buyer": true,
            "channel": "freight", "claim": "EU",
            "lines": [{"id": "tee", "code": "6109.10.020", "quantity": "1", "unit_price": "100000"}]})
    };
    let q = try_quote(req("DE")).unwrap();
    assert_eq!(q.lines[0].claim.as_ref().map(|c| c.program.as_str()), Some("EU"));
    assert_eq!(q.lines[0].status, LineStatus::Priced, "the row is official (the EU Delegation to Japan)");
    let e = try_quote(req("GB")).unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Claim, Some("claim")), "{e}");
    assert!(e.message.contains("goods of GB cannot claim EU"), "{e}");
}

/// A claim on `date` from `origin` for one T-shirt of 6109.10-020 worth ¥100,000 CIF.
fn jp_tee_on(date: &str, origin: &str, claim: &str) -> landed::error::Result<Quote> {
    try_quote(json!({"destination": "JP", "date": date, "currency": "JPY", "origin": origin, "business_buyer": true,
        "channel": "freight", "claim": claim,
        "lines": [{"id": "tee", "code": "6109.10.020", "quantity": "1", "unit_price": "100000"}]}))
}

#[test]
fn japan_rcep_aanz_claim_follows_each_partys_entry_into_force() {
    // RCEP entered into force for Malaysia on 2022-03-18 and for the Philippines on 2023-06-02
    // (Japan Customs, Customs Answer 4055; rules/groups.tsv RCEPAANZ, official). The day before,
    // goods of either cannot claim Japan's RCEP schedule for ASEAN/AU/NZ: E_CLAIM, not priced.
    let on = |s| landed::date::Date::parse(s).unwrap();
    let rcep = engine().rules().programme("JP", "RCEP_AANZ", on("2022-03-18")).unwrap();
    assert_eq!(rcep.countries, vec!["RCEPAANZ"]);
    assert!(!rcep.open_to("MY", on("2022-03-17")) && rcep.open_to("MY", on("2022-03-18")));
    assert!(!rcep.open_to("PH", on("2023-06-01")) && rcep.open_to("PH", on("2023-06-02")));
    assert!(!rcep.open_to("ID", on("2023-01-01")) && rcep.open_to("ID", on("2023-01-02")));
    assert!(rcep.open_to("VN", on("2022-01-01")) && !rcep.open_to("MM", on("2026-08-01")));
    for (before, origin) in [("2022-03-17", "MY"), ("2023-06-01", "PH")] {
        let e = jp_tee_on(before, origin, "RCEP_AANZ").unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Claim, Some("claim")), "{e}");
        assert!(e.message.contains(&format!("goods of {origin} cannot claim RCEP_AANZ")), "{e}");
    }
    // On the day of entry into force the claim is accepted, not E_CLAIM; our tariff file starts
    // on 2026-07-09, so that day's line has no tariff row to price and says so (partial).
    for (from, origin) in [("2022-03-18", "MY"), ("2023-06-02", "PH")] {
        let q = jp_tee_on(from, origin, "RCEP_AANZ").unwrap();
        assert_eq!(q.lines[0].status, LineStatus::Partial);
        let reason = q.lines[0].reason.as_deref().unwrap();
        assert!(reason.contains(&format!("no JP line for 610910020 is in force on {from}")), "{reason}");
    }
    // On 2026-08-01 the schedule's EPA_RCEP_アセアン豪州NZ column for 6109.10-020 is Free: duty ¥0
    // instead of 100,000 × 7.4 % = ¥7,400; the row is verified, so the saving is priced.
    for origin in ["MY", "PH"] {
        let q = jp_tee_on("2026-08-01", origin, "RCEP_AANZ").unwrap();
        assert_eq!(priced_claim(&q), ("RCEP_AANZ", "Free", Some(d("0")), Some(d("7400")), Some(d("7400"))));
    }
}

#[test]
fn japan_ajcep_claim_follows_each_members_entry_into_force() {
    // AJCEP entered into force for the Philippines on 2010-07-01 and for Cambodia on 2009-12-01
    // (Japan Customs, Customs Answer 4022; MOFA press release of 2010-06-16; rules/groups.tsv
    // AJCEP, official). Indonesia's date was not found on a primary host: it is no partner here.
    let on = |s| landed::date::Date::parse(s).unwrap();
    let ajcep = engine().rules().programme("JP", "AJCEP", on("2026-08-01")).unwrap();
    assert!(!ajcep.open_to("PH", on("2010-06-30")) && ajcep.open_to("PH", on("2010-07-01")));
    assert!(!ajcep.open_to("KH", on("2009-11-30")) && ajcep.open_to("KH", on("2009-12-01")));
    assert!(ajcep.open_to("MM", on("2008-12-01")) && !ajcep.open_to("ID", on("2026-08-01")));
    // 6109.10-020 is Free under EPA_アセアン: ¥0 instead of ¥7,400 for goods of the Philippines.
    let q = jp_tee_on("2026-08-01", "PH", "AJCEP").unwrap();
    assert_eq!(priced_claim(&q), ("AJCEP", "Free", Some(d("0")), Some(d("7400")), Some(d("7400"))));
    let e = jp_tee_on("2026-08-01", "ID", "AJCEP").unwrap_err();
    assert_eq!(e.code, ErrorCode::Claim, "{e}");
}

#[test]
fn japan_cptpp_partners_carry_their_own_dates_and_a_secondary_membership_leaves_the_claim_partial() {
    // CPTPP entered into force for Peru on 2021-09-19 and for Malaysia on 2022-11-29 (the
    // depositary, NZ MFAT), for Chile on 2023-02-21 (Japan Customs); a claim from Peru on
    // 2021-09-18 is refused. Peru's claim in force is priced: Free under EPA_CPTPP for
    // 6109.10-020 (Japan Customs' schedule of 2026-07-09), saving ¥100,000 × 7.4 % = ¥7,400.
    // The United Kingdom's accession is in force with Japan from 2024-12-15 (Cabinet Secretariat
    // of Japan, TPP office): its claim is priced too. Viet Nam's date (2019-01-14) is from a
    // secondary source only (its membership row is [verify]): its claim is partial, at least the
    // schedule's Free.
    let on = |s| landed::date::Date::parse(s).unwrap();
    let cptpp = engine().rules().programme("JP", "CPTPP", on("2026-08-01")).unwrap();
    assert!(!cptpp.open_to("PE", on("2021-09-18")) && cptpp.open_to("PE", on("2021-09-19")));
    assert!(!cptpp.open_to("MY", on("2022-11-28")) && cptpp.open_to("MY", on("2022-11-29")));
    assert!(!cptpp.open_to("CL", on("2023-02-20")) && cptpp.open_to("CL", on("2023-02-21")));
    assert!(!cptpp.open_to("GB", on("2024-12-14")) && cptpp.open_to("GB", on("2024-12-15")));
    let e = jp_tee_on("2021-09-18", "PE", "CPTPP").unwrap_err();
    assert!(e.message.contains("goods of PE cannot claim CPTPP"), "{e}");
    let q = jp_tee_on("2026-08-01", "PE", "CPTPP").unwrap();
    assert_eq!(q.lines[0].status, LineStatus::Priced);
    assert_eq!(q.totals.duty, d("0"));
    assert_eq!(q.lines[0].claim.as_ref().unwrap().saving, Some(d("7400")));
    let q = jp_tee_on("2026-08-01", "GB", "CPTPP").unwrap();
    assert_eq!(priced_claim(&q), ("CPTPP", "Free", Some(d("0")), Some(d("7400")), Some(d("7400"))));
    let q = jp_tee_on("2026-08-01", "VN", "CPTPP").unwrap();
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    let reason = q.lines[0].reason.as_deref().unwrap();
    assert!(
        reason.contains("membership") && reason.contains("rules/groups.tsv") && reason.contains("[verify]"),
        "{reason}"
    );
}

#[test]
fn an_agoa_claim_in_its_lapse_is_e_claim_naming_both_periods() {
    // AGOA (SPI D) lapsed for articles entered after 2025-09-30 and was renewed through
    // 2026-12-31 by H.R. 7148 (CBP CSMS #67647279: refunds of ad valorem duties only for entries of
    // 2025-10-01..2026-02-03, SPI D accepted again from 2026-02-06), so preferences.tsv has two D
    // rows. A claim dated in the lapse is E_CLAIM, naming both periods; on 2026-03-02 the renewed
    // row is in force (still [verify]: its beneficiary countries are not in our sources). The
    // code: 0101.30.00 (asses), general 6.8 %, Free under D.
    let claim_on = |date: &str| {
        try_quote(json!({"destination": "US", "date": date, "currency": "USD", "origin": "KE",
            "channel": "freight", "entry_type": "formal", "transport": "air", "claim": "D",
            "lines": [{"id": "ass", "code": "0101.30.00", "quantity": "1", "unit_price": "100.00"}]}))
    };
    let e = claim_on("2025-12-01").unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::Claim, Some("claim")), "{e}");
    assert!(e.message.contains("not in force on 2025-12-01"), "{e}");
    assert!(e.message.contains("2000-10-01–2025-09-30, 2026-02-04–2026-12-31"), "{e}");
    let on = |s| landed::date::Date::parse(s).unwrap();
    let rules = engine().rules();
    assert_eq!(rules.programme("US", "D", on("2025-09-30")).unwrap().valid_to, Some(on("2025-09-30")));
    assert_eq!(rules.programme("US", "D", on("2026-02-04")).unwrap().valid_from, Some(on("2026-02-04")));
    assert!(rules.programme("US", "D", on("2026-02-03")).is_none());
    let q = claim_on("2026-03-02").unwrap();
    assert_eq!(q.lines[0].claim.as_ref().map(|c| c.program.as_str()), Some("D"));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
}

#[test]
fn a_us_gsp_claim_before_our_first_period_says_our_data_starts_there_not_that_gsp_was_out_of_force_rr3() {
    // GSP (SPI A, HTSUS GN 4): the Trade Preferences Extension Act of 2015 renewed it to 2017-12-31
    // (duty-free from 2015-07-29, refunds for the 2013-07-31 lapse); it lapsed after 2017-12-31 and
    // the Consolidated Appropriations Act, 2018 (P.L. 115-141 s.501) renewed it to 2020-12-31 for
    // articles entered from 2018-04-22, refunding the lapse on request (as secondary sources
    // summarise them). A claim in a lapse is E_CLAIM naming both periods; before 2015-07-29 it is
    // E_CLAIM saying our data starts there (audit-rr RR3: "not in force on 2017-06-01
    // (2018-01-01–2020-12-31)" stated a false fact).
    let claim_on = |date: &str| {
        try_quote(json!({"destination": "US", "date": date, "currency": "USD", "origin": "TH",
            "channel": "freight", "claim": "A",
            "lines": [{"id": "bag", "code": "4202.21.90", "quantity": "2", "unit_price": "200"}]}))
        .unwrap_err()
    };
    let e = claim_on("2012-06-01");
    assert_eq!(e.code, ErrorCode::Claim);
    assert!(e.message.contains("our data holds it from 2015-07-29") && !e.message.contains("not in force"), "{e}");
    let e = claim_on("2018-02-01");
    assert!(e.message.contains("not in force on 2018-02-01 (2015-07-29–2017-12-31, 2018-04-22–2020-12-31)"), "{e}");
    // In a period, the beneficiaries (GN 4(a)) are not in our data.
    let e = claim_on("2017-06-01");
    assert!(e.message.contains("designated elsewhere and not in our data"), "{e}");
}

/// The merchandise processing fee levy of a US quote.
fn mpf(q: &Quote) -> &landed::quote::Levy {
    q.levies.iter().find(|l| l.name.as_str().starts_with("Merchandise Processing Fee")).expect("the MPF is listed")
}

#[test]
fn originating_goods_claimed_under_usmca_pay_no_mpf_19_usc_58c_b_10() {
    // docs/audit-12 F4. 19 U.S.C. 58c(b)(10)(B): "No fee may be charged under paragraph (9) or
    // (10) of subsection (a) with respect to goods that qualify as originating goods under
    // section 4531 of this title" (USMCA; under NAFTA 19 CFR 24.23(c)(3), T.D. 99-61). A US$100
    // T-shirt of Mexico shipped from Mexico by courier, formal entry, 2026-03-02, claiming S: duty
    // Free, no 9903.03.01, and MPF 0.00 instead of the FY2026 minimum 33.58: landed 100.00; the
    // claim saved 16.50 + 10.00 + 33.58 = 60.08.
    let q = try_quote(json!({"destination": "US", "date": "2026-03-02", "currency": "USD", "channel": "courier",
        "incoterm": "DDP", "entry_type": "formal", "origin": "MX", "ship_from": "MX", "claim": "S",
        "lines": [{"id": "a", "code": "6109.10.00", "quantity": "1", "unit_price": "100.00"}]}))
    .unwrap();
    let fee = mpf(&q);
    assert_eq!((fee.rate.to_string().as_str(), fee.amount), ("exempt", Some(d("0.00"))));
    assert!(fee.formula.to_string().contains("minimum 33.58"), "{}", fee.formula);
    assert!(q.totals.complete);
    assert_eq!(q.totals.landed, d("100.00"));
    let claim = q.lines[0].claim.as_ref().unwrap();
    assert_eq!(claim.fees_removed.len(), 1);
    assert_eq!(claim.fees_removed[0].amount, Some(d("33.58")));
    assert!(claim.fees_removed[0].source.contains("58c(b)(10)(B)"), "{}", claim.fees_removed[0].source);
    assert_eq!(claim.total_saving, Some(d("60.08")));
    assert!(!claim.transit_condition);
    assert!(q.warnings.iter().all(|w| w.code != "W_CLAIM_TRANSIT"));
}

#[test]
fn every_line_exempt_under_different_ftas_pays_no_mpf_and_the_claims_share_it_by_value() {
    // 19 U.S.C. 58c(b)(10)(B) (USMCA) and (14) (US-Australia FTA): a T-shirt of Mexico (US$100)
    // claiming S and one of Australia (US$300) claiming AU, 2026-03-02, formal entry. MPF 0.3464 %
    // × 400 = 1.39 → FY2026 minimum 33.58 is not charged; the claims share it by customs value:
    // 33.58 × 100/400 = 8.40 (rounded) and 33.58 − 8.40 = 25.18.
    let q = try_quote(json!({"destination": "US", "date": "2026-03-02", "currency": "USD", "channel": "freight",
        "entry_type": "formal", "lines": [
            {"id": "mx", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00", "origin": "MX", "claim": "S"},
            {"id": "au", "code": "6109.10.0012", "quantity": "1", "unit_price": "300.00", "origin": "AU", "claim": "AU"}]}))
    .unwrap();
    assert_eq!(mpf(&q).amount, Some(d("0.00")));
    let shares: Vec<Option<Decimal>> =
        q.lines.iter().map(|l| l.claim.as_ref().unwrap().fees_removed[0].amount).collect();
    assert_eq!(shares, vec![Some(d("8.40")), Some(d("25.18"))]);
}

#[test]
fn an_entry_with_a_line_not_exempt_leaves_the_mpf_unpriced_never_guessed() {
    // 19 U.S.C. 58c(b)(10)(B) exempts the originating goods only: line a claims S, line b
    // claims nothing. How the fee's minimum applies to an entry of exempt and non-exempt goods is
    // not in our sources: the MPF is listed without an amount (W_FEE_UNKNOWN) and the quote is
    // incomplete; the claim records no fee removed.
    let q = try_quote(json!({"destination": "US", "date": "2026-03-02", "currency": "USD", "origin": "MX",
        "channel": "freight", "entry_type": "formal", "claim": "S", "lines": [
            {"id": "a", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00"},
            {"id": "b", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00", "claim": "none"}]}))
    .unwrap();
    let fee = mpf(&q);
    assert_eq!((fee.rate.to_string().as_str(), fee.amount), ("unknown", None));
    assert!(fee.formula.to_string().contains("line b does"), "{}", fee.formula);
    assert!(q.warnings.iter().any(|w| w.code == "W_FEE_UNKNOWN" && w.message.contains("non-exempt")));
    assert!(!q.totals.complete);
    let claim = q.lines[0].claim.as_ref().unwrap();
    assert!(claim.fees_removed.is_empty());
    assert_eq!(claim.total_saving, Some(d("26.50")));
}

#[test]
fn a_claim_under_an_fta_without_the_exemption_still_pays_the_mpf() {
    // 19 U.S.C. 58c(b) exempts no goods of the US-Morocco FTA (CBP's MPF table: "Not exempted by
    // 19 CFR 24.23(c)"): a T-shirt of Morocco claiming MA pays the FY2026 minimum 33.58.
    let q = us_tee("2026-03-02", "MA", Some("MA")).unwrap();
    assert_eq!(q.lines[0].claim.as_ref().unwrap().program, "MA");
    assert_eq!(mpf(&q).amount, Some(d("33.58")));
    assert!(q.lines[0].claim.as_ref().unwrap().fees_removed.is_empty());
}

#[test]
fn products_of_a_cbera_country_are_exempt_whether_claimed_or_not_but_the_beneficiaries_are_verify() {
    // 19 U.S.C. 58c(b)(8)(B)(iii): no MPF on products of a CBERA beneficiary (GN 3(c)(v)), CBP's
    // table: "irrespective of whether CBERA is claimed". The beneficiaries (GN 7(a)) are a
    // [verify] row: a T-shirt of Jamaica without a claim lists the MPF without an amount, and says
    // it is 0.00 if the exemption holds.
    let q = us_tee("2026-03-02", "JM", None).unwrap();
    let fee = mpf(&q);
    assert_eq!((fee.rate.to_string().as_str(), fee.amount), ("unverified", None));
    assert!(fee.formula.to_string().contains("0.00 if every line is exempt under E"), "{}", fee.formula);
    assert!(!q.totals.complete);
}

#[test]
fn a_usmca_claim_pays_no_mpf_even_when_the_fiscal_years_figures_are_unknown() {
    // The FY2027 MPF figures (from 2026-10-01) are from secondary sources only (fees.tsv, verify),
    // but originating goods owe none of it (19 U.S.C. 58c(b)(10)(B)): MPF 0.00; an unverified
    // figure is not a saving, so the fee removed has no amount and the claim's total saving is
    // unknown.
    let q = us_tee("2026-10-15", "MX", Some("S")).unwrap();
    assert_eq!(mpf(&q).amount, Some(d("0.00")));
    let claim = q.lines[0].claim.as_ref().unwrap();
    assert_eq!(claim.fees_removed.len(), 1);
    assert_eq!(claim.fees_removed[0].amount, None);
    assert_eq!(claim.total_saving, None);
}

#[test]
fn a_claim_on_goods_shipped_from_a_non_party_is_conditional_on_the_transit_rule() {
    // docs/audit-12 F9. USMCA art. 4.18 (transit and transhipment): Mexican goods shipped from
    // China keep their origin only if they stayed under customs control there. The claim is still
    // priced but marked conditional (transit_condition, W_CLAIM_TRANSIT naming the rule); shipped
    // from Mexico (the origin) or Canada (a party) it is not.
    let quote_from = |from: &str| {
        let mut v = us_tee_request("2026-03-02", "MX", "S");
        v["ship_from"] = json!(from);
        try_quote(v).unwrap()
    };
    let q = quote_from("CN");
    let claim = q.lines[0].claim.as_ref().unwrap();
    assert!(claim.transit_condition);
    assert_eq!(claim.duty, Some(d("0.00")));
    let w = q.warnings.iter().find(|w| w.code == "W_CLAIM_TRANSIT").expect("the condition is stated");
    assert!(w.message.contains("Article 4.18") && w.message.contains("shipped from CN"), "{}", w.message);
    for from in ["MX", "CA"] {
        let q = quote_from(from);
        assert!(!q.lines[0].claim.as_ref().unwrap().transit_condition, "{from}");
        assert!(q.warnings.iter().all(|w| w.code != "W_CLAIM_TRANSIT"), "{from}");
    }
    // Japan's EPAs: a T-shirt of Viet Nam claiming the Japan-Viet Nam EPA, shipped from China (not
    // a party of it): conditional; shipped from Viet Nam: not.
    let jp = |from: &str| {
        try_quote(json!({"destination": "JP", "date": "2026-08-01", "currency": "JPY", "origin": "VN",
            "business_buyer": true, "channel": "freight", "claim": "VN", "ship_from": from,
            "lines": [{"id": "tee", "code": "6109.10.020", "quantity": "1", "unit_price": "100000"}]}))
        .unwrap()
    };
    assert!(jp("CN").lines[0].claim.as_ref().unwrap().transit_condition);
    assert!(!jp("VN").lines[0].claim.as_ref().unwrap().transit_condition);
}

// audit-i (every dated rule at its edges): findings I1-I4 fixed at their source, each test with
// the law or official text that settles the date and the figure
// ([docs/rules.md](../../docs/rules.md#us-additional-duties), [freshness](../../tariffs/README.md#datasets-and-publication-periods)).

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[test]
fn cafta_dr_is_open_to_each_party_from_its_own_entry_into_force() {
    // ITA (trade.gov): CAFTA-DR entered into force for El Salvador on 2006-03-01, Honduras and
    // Nicaragua 2006-04-01, Guatemala 2006-07-01, the Dominican Republic 2007-03-01 and Costa
    // Rica 2009-01-01 (each by Presidential Proclamation of the day before or earlier).
    let rules = engine().rules();
    let us = rules.us().unwrap();
    let open = |c: &str, on: &str| us.programmes_for(c, date(on)).any(|p| p.code == "P");
    assert!(open("SV", "2006-03-01") && !open("HN", "2006-03-31") && open("NI", "2006-04-01"));
    assert!(!open("GT", "2006-06-30") && open("GT", "2006-07-01"));
    assert!(!open("DO", "2007-02-28") && open("DO", "2007-03-01"));
    assert!(!open("CR", "2008-12-31") && open("CR", "2009-01-01"));
}

// audit-m's findings M2, M4-M7 (findings/audit-m.md), each figure from the law named beside it.

/// audit-m M7. CAFTA-DR entered into force for each party on its own date (ITA, 'Central
/// American Free Trade Agreement': Costa Rica on 2009-01-01, the Dominican Republic on
/// 2007-03-01; HTSUS general note 29). A claim the day before is refused, saying when the
/// agreement is in force for that country, not that it is no partner; a non-party still hears
/// who the partners are.
#[test]
fn a_cafta_dr_claim_before_the_partys_entry_into_force_says_when_general_note_29() {
    let claim = |origin: &str, date: &str| {
        let r = json!({"destination": "US", "origin": origin, "ship_from": origin, "date": date, "currency": "USD",
                       "channel": "freight", "transport": "ocean", "incoterm": "DDP", "claim": "P",
                       "lines": [{"id": "t", "code": "6109.10.00.12", "quantity": "10", "unit_price": "10.00"}]});
        common::engine().quote(&common::request(r))
    };
    for (origin, date, from) in [("CR", "2008-12-31", "2009-01-01"), ("DO", "2007-02-28", "2007-03-01")] {
        let e = claim(origin, date).expect_err(origin);
        assert!(e.message.contains(&format!("not in force for {origin} on {date}")), "{}", e.message);
        assert!(
            e.message.contains(&format!("from {from}")) && !e.message.contains("its partners are"),
            "{}",
            e.message
        );
    }
    // A non-party hears the group's members on the date (audit-mm MM7), not the group's name.
    let e = claim("CN", "2010-01-01").expect_err("CN");
    assert!(e.message.contains("its partners then are CR, DO, GT, HN, NI, SV"), "{}", e.message);
    assert!(claim("CR", "2009-01-01").is_ok());
}

/// KORUS beef (0201.10.50, general 26.4 %): the 2025 database gives the KR rate 1.7 %, HTS 2026
/// Revision 3 (from 2026-02-12) Free; staged reductions take effect on 1 January and the 2026 Basic
/// Edition is not in our sources. The unclaimed offer in 2026-01-01..02-11 gives no sure duty or
/// saving but both editions' figures (audit-dd DD5: it showed 170.00, a saving of 2,470.00, as
/// certain); before and after the window the offer is priced as before.
#[test]
fn an_unclaimed_fta_offer_in_the_staging_window_says_the_saving_is_between_two_figures_dd5() {
    let beef = |date: &str| {
        common::quote(json!({"destination": "US", "origin": "KR", "ship_from": "KR", "date": date, "currency": "USD",
            "channel": "freight", "transport": "ocean", "incoterm": "DDP",
            "lines": [{"id": "beef", "code": "0201.10.50", "quantity": "1", "unit_price": "10000"}]}))
    };
    let offer = |q: &Quote| q.lines[0].alternatives.iter().find(|a| a.program == "KR").cloned().expect("KR offered");
    for date in ["2026-01-01", "2026-02-11"] {
        let a = offer(&beef(date));
        assert_eq!((a.duty, a.saving, a.total_saving), (None, None, None), "{date}");
        assert!(a.note.contains("(170.00)") && a.note.contains("(0.00)") && a.note.contains("between"), "{}", a.note);
    }
    assert_eq!(offer(&beef("2025-12-31")).saving, Some(d("2470.00")));
    assert_eq!(offer(&beef("2026-02-12")).saving, Some(d("2640.00")));
}

/// audit-dd DD5: an offer's full saving is what its claim would save. KORUS beef (0201.10.50,
/// US$10,000 by ocean, 2026-03-15: Free under Revision 3, general 26.4 % = 2,640.00): claimed,
/// the MPF goes too (19 U.S.C. 58c(b)(19): goods originating under KORUS; 0.3464 % × 10,000 =
/// 34.64), so `claim.total_saving` is 2,674.64; the unclaimed offer said 2,640.00. A line of
/// another origin in the entry would still pay the MPF: then the offer counts none of it.
#[test]
fn an_offers_total_saving_counts_the_mpf_its_claim_removes_dd5() {
    let request = |claim: bool, other: bool| {
        let mut v = json!({"destination": "US", "origin": "KR", "ship_from": "KR", "date": "2026-03-15",
            "currency": "USD", "channel": "freight", "transport": "ocean", "incoterm": "DDP",
            "lines": [{"id": "beef", "code": "0201.10.50", "quantity": "1", "unit_price": "10000"}]});
        if claim {
            v["lines"][0]["claim"] = json!("KR");
        }
        if other {
            v["lines"].as_array_mut().unwrap().push(
                json!({"id": "toy", "code": "9503.00.00", "quantity": "1", "unit_price": "1000", "origin": "DE"}),
            );
        }
        common::quote(v)
    };
    let claimed = request(true, false);
    let c = claimed.lines[0].claim.as_ref().expect("claimed");
    assert_eq!((c.saving, c.total_saving), (Some(d("2640.00")), Some(d("2674.64"))), "{c:?}");
    let offered = request(false, false);
    let a = offered.lines[0].alternatives.iter().find(|a| a.program == "KR").expect("KR offered");
    assert_eq!((a.saving, a.total_saving), (Some(d("2640.00")), Some(d("2674.64"))), "{}", a.note);
    assert!(a.note.contains("removes the Merchandise Processing Fee (34.64"), "{}", a.note);
    let mixed = request(false, true);
    let a = mixed.lines[0].alternatives.iter().find(|a| a.program == "KR").expect("KR offered");
    assert_eq!(a.total_saving, Some(d("2640.00")), "{}", a.note);
}

/// US GSP (HTSUS GN 4; SPI A, A+, A*) expired on 2020-12-31 and has not been renewed (CBP CSMS
/// of 2020-12-21: column 1 rates from 2021-01-01). A claim after it says so whichever mark it
/// uses (it said "not a programme of the US tariff" for A and "not a preference programme code"
/// for A+: audit-mm MM5); before it, the beneficiaries are not in our data and the refusal says so.
#[test]
fn a_us_gsp_claim_after_2020_says_gsp_expired_whichever_mark_it_uses_mm5() {
    let claim = |date: &str, code: &str| {
        try_quote(json!({"destination": "US", "date": date, "currency": "USD", "origin": "ID",
            "lines": [{"id": "a", "code": "0106.31.0000", "quantity": "1", "unit_price": "5000", "claim": code}]}))
        .unwrap_err()
    };
    for code in ["A", "A+", "A*"] {
        let e = claim("2026-03-15", code);
        assert_eq!(e.code, ErrorCode::Claim);
        assert!(e.message.contains("expired 2020-12-31") && e.message.contains("not in force"), "{}", e.message);
    }
    let e = claim("2020-10-01", "A+");
    assert!(e.message.contains("designated elsewhere and not in our data"), "{}", e.message);
    // Any other mark is still refused as no programme code.
    assert!(claim("2026-03-15", "A-").message.contains("not a preference programme code"));
}

/// A refusal by a programme whose partners are a group names the group's members on the date and
/// says the origin is not among them, not the group's name (audit-mm MM7: goods of Indonesia
/// claiming AJCEP heard "its partners are AJCEP"; Indonesia is left out of the group for want of
/// a primary date of entry into force, `tariffs/rules/groups.tsv`). A programme naming countries
/// directly still lists them (USMCA: CA, MX).
#[test]
fn a_refusal_under_a_group_programme_names_its_members_on_the_date_mm7() {
    let claim = |dest: &str, origin: &str, code: &str, programme: &str| {
        let currency = if dest == "JP" { "JPY" } else { "USD" };
        try_quote(json!({"destination": dest, "date": "2026-08-01", "currency": currency, "origin": origin,
            "lines": [{"id": "t", "code": code, "quantity": "1", "unit_price": "100000", "claim": programme}]}))
        .unwrap_err()
        .message
        .to_string()
    };
    let m = claim("JP", "ID", "6109100100", "AJCEP");
    assert!(m.contains("ID is not a party in our data on 2026-08-01"), "{m}");
    assert!(m.contains("BN, KH, LA, MM, MY, PH, SG, TH, VN") && m.contains("group AJCEP"), "{m}");
    let m = claim("US", "CN", "6109.10.0012", "S");
    assert!(m.ends_with("its partners are CA, MX"), "{m}");
}
