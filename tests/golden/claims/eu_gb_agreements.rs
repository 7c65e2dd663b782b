//! The EU's and the UK's agreements (`tariffs/rules/eu_gb_agreements.tsv`, docs/rules.md §16):
//! goods of a partner are offered the agreement, unclaimed; a claim under the EU-UK Trade and
//! Cooperation Agreement (art. 21: no customs duty on goods originating in the other Party) is
//! priced Free, and a claim under an agreement whose rates are not in our data is partial, at
//! least 0.00 and at most the general rate (audit-mm MM1).

use crate::common::{d, engine, request, warned};
use landed::error::ErrorCode;
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

/// One T-shirt of 1,000 (EU and UK tariff 6109.10.00: 12 %) into `dest` from `origin`.
fn tee(dest: &str, origin: &str, date: &str, claim: Option<&str>) -> landed::error::Result<Quote> {
    let mut line = json!({"id": "tee", "code": "6109100010", "quantity": "1", "unit_price": "1000"});
    if let Some(c) = claim {
        line["claim"] = json!(c);
    }
    let currency = if dest == "GB" { "GBP" } else { "EUR" };
    engine().quote(&request(
        json!({"destination": dest, "date": date, "currency": currency, "origin": origin, "lines": [line]}),
    ))
}

fn duty(q: &Quote) -> (Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>) {
    let l = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("a duty levy");
    (l.amount, l.partial_amount)
}

/// TCA art. 21, both ways: goods of GB into Germany and goods of Germany into GB, unclaimed, are
/// charged 12 % = 120.00 (complete) and offered the TCA at 0.00, saving 120.00; claimed, Free
/// with `W_CLAIM` (origin and proof are the caller's declaration).
#[test]
fn the_tca_is_offered_unclaimed_and_priced_free_when_claimed_both_ways() {
    for (dest, origin) in [("DE", "GB"), ("GB", "DE")] {
        let q = tee(dest, origin, "2026-03-02", None).unwrap();
        assert_eq!(duty(&q).0, Some(d("120.00")), "{dest} {origin}");
        assert!(q.totals.complete);
        let alt = q.lines[0].alternatives.iter().find(|a| a.program == "TCA").expect("TCA offered");
        assert_eq!((alt.duty, alt.saving), (Some(d("0")), Some(d("120.00"))), "{}", alt.note);
        let q = tee(dest, origin, "2026-03-02", Some("TCA")).unwrap();
        assert_eq!(duty(&q).0, Some(d("0.00")), "{dest} {origin}");
        assert!(q.totals.complete && warned(&q, "W_CLAIM"));
        let claim = q.lines[0].claim.as_ref().unwrap();
        assert_eq!((claim.saving, claim.general_duty), (Some(d("120.00")), Some(d("120.00"))));
    }
    // Not before its provisional application (2021-01-01), nor for a non-party.
    assert_eq!(tee("DE", "GB", "2020-12-31", Some("TCA")).unwrap_err().code, ErrorCode::Claim);
    assert_eq!(tee("DE", "CN", "2026-03-02", Some("TCA")).unwrap_err().code, ErrorCode::Claim);
    let q = tee("DE", "CN", "2026-03-02", None).unwrap();
    assert!(q.lines[0].alternatives.is_empty());
}

/// Agreements whose preferential rates are not in our data (EU-Korea, CETA, EVFTA, EU-Japan,
/// the EU-Turkey customs union; GB: UK-Japan CEPA, UK-Australia, UK-New Zealand): offered without
/// a figure; claimed, the line is partial, the duty at least 0.00 and at most 120.00.
#[test]
fn an_agreement_whose_rates_are_not_in_our_data_is_offered_without_a_figure_and_a_claim_is_partial() {
    for (dest, origin, code) in [
        ("FR", "KR", "EU_KR_FTA"),
        ("FR", "CA", "CETA"),
        ("FR", "VN", "EVFTA"),
        ("DE", "JP", "EU_JP_EPA"),
        ("DE", "SG", "EUSFTA"),
        ("DE", "TR", "EU_TR_CU"),
        ("GB", "JP", "UK_JP_CEPA"),
        ("GB", "AU", "UK_AU_FTA"),
        ("GB", "NZ", "UK_NZ_FTA"),
    ] {
        let q = tee(dest, origin, "2026-03-02", None).unwrap();
        let alt = q.lines[0].alternatives.iter().find(|a| a.program == code).expect(code);
        assert!(alt.duty.is_none() && alt.saving.is_none(), "{code}");
        assert!(alt.note.contains("not in our data"), "{}", alt.note);
        let q = tee(dest, origin, "2026-03-02", Some(code)).unwrap();
        assert_eq!(duty(&q), (None, Some(d("0.00"))), "{code}");
        assert_eq!(q.lines[0].status, LineStatus::Partial);
        assert!(!q.totals.complete);
        let reason = q.lines[0].reason.as_deref().unwrap_or_default();
        assert!(reason.contains("at most the general 120.00"), "{reason}");
    }
}

/// The EU-Turkey customs union covers industrial goods: hazelnuts (chapter 8) are neither
/// offered it nor may claim it (Decision No 1/95; agricultural concessions not encoded).
#[test]
fn the_customs_union_with_turkey_leaves_out_agricultural_chapters() {
    let nuts = |claim: Option<&str>| {
        let mut line = json!({"id": "n", "code": "0802220000", "quantity": "1", "unit_price": "1000"});
        if let Some(c) = claim {
            line["claim"] = json!(c);
        }
        engine().quote(&request(
            json!({"destination": "DE", "date": "2026-03-02", "currency": "EUR", "origin": "TR", "lines": [line]}),
        ))
    };
    assert!(nuts(None).unwrap().lines[0].alternatives.is_empty());
    let e = nuts(Some("EU_TR_CU")).unwrap_err();
    assert!(e.code == ErrorCode::Claim && e.message.contains("chapter 08"), "{}", e.message);
}

/// Schemes whose beneficiaries are not in our data (EBA, the UK's DCTS) are never offered, and a
/// claim says its partners are designated elsewhere.
#[test]
fn schemes_whose_beneficiaries_are_not_in_our_data_say_so_when_claimed() {
    let q = tee("DE", "BD", "2026-03-02", None).unwrap();
    assert!(q.lines[0].alternatives.is_empty());
    for (dest, code) in [("DE", "EBA"), ("GB", "DCTS")] {
        let e = tee(dest, "BD", "2026-03-02", Some(code)).unwrap_err();
        assert!(e.message.contains("designated elsewhere and not in our data"), "{}", e.message);
    }
}

/// The TCA's UK Party is "the United Kingdom of Great Britain and Northern Ireland" (the
/// agreement's title and preamble, OJ L 149, 30.4.2021, p. 10): goods made in Northern Ireland
/// (origin `XI`) and sent to Germany from Great Britain are UK goods under it, offered the TCA
/// unclaimed (12 % × 1,000 = 120.00, saving 120.00) and priced Free when claimed, as goods of GB
/// (audit-rr RR1: before, `E_CLAIM` "its partners are GB" and no offer).
#[test]
fn goods_of_northern_ireland_sent_from_great_britain_are_offered_and_can_claim_the_tca() {
    let tee_from_gb = |claim: Option<&str>| {
        let mut line = json!({"id": "tee", "code": "6109100010", "quantity": "1", "unit_price": "1000"});
        if let Some(c) = claim {
            line["claim"] = json!(c);
        }
        engine().quote(&request(json!({"destination": "DE", "date": "2026-03-02", "currency": "EUR",
            "origin": "XI", "ship_from": "GB", "lines": [line]})))
    };
    let q = tee_from_gb(None).unwrap();
    assert_eq!(duty(&q).0, Some(d("120.00")));
    let alt = q.lines[0].alternatives.iter().find(|a| a.program == "TCA").expect("TCA offered to XI goods");
    assert_eq!((alt.duty, alt.saving), (Some(d("0")), Some(d("120.00"))), "{}", alt.note);
    let q = tee_from_gb(Some("TCA")).unwrap();
    assert_eq!(duty(&q).0, Some(d("0.00")));
    assert!(q.totals.complete && warned(&q, "W_CLAIM"));
}

/// The EEC-Andorra Agreement of 1990, art. 11(1) (as the European Commission's page quotes it:
/// "Products covered by Chapters 1 to 24 … which originate in the Principality of Andorra are
/// exempt from import duties"; the Agreement itself not read, so `verify`): 100 bottles of
/// Andorran water (EU 2202.10.00, 9.6 %) into Germany are charged 19.20 unclaimed and offered the
/// exemption; claimed, the duty is partial (at least 0.00). Andorran T-shirts (chapter 61, the
/// customs union of chapters 25-97, rules/movements.tsv) are not offered it (audit-xx XX2).
#[test]
fn andorran_goods_of_chapters_1_to_24_are_offered_the_agreement_exemption_eec_ad_1990_art_11() {
    let water = |claim: Option<&str>| {
        let mut line = json!({"id": "w", "code": "2202100000", "quantity": "100", "unit_price": "2.00"});
        if let Some(c) = claim {
            line["claim"] = json!(c);
        }
        engine()
            .quote(&request(json!({"destination": "DE", "date": "2026-03-02", "currency": "EUR", "origin": "AD",
                "ship_from": "AD", "lines": [line]})))
            .expect("priced")
    };
    let q = water(None);
    assert_eq!(duty(&q), (Some(d("19.20")), None));
    assert!(q.lines[0].alternatives.iter().any(|a| a.program == "EU_AD_AGRI"), "{:?}", q.lines[0].alternatives);
    let q = water(Some("EU_AD_AGRI"));
    assert_eq!(duty(&q), (None, Some(d("0.00"))));
    assert!(!q.totals.complete);
    let q = tee("DE", "AD", "2026-03-02", None).expect("priced");
    assert!(q.lines[0].alternatives.iter().all(|a| a.program != "EU_AD_AGRI"), "{:?}", q.lines[0].alternatives);
}
