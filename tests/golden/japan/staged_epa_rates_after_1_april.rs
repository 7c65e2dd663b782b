//! Japan's EPA columns are the fiscal year's staged rates (from 1 April): past the next 1 April
//! after the tariff edition read (japan-customs-2026-07-09), the stage in force is not in our
//! data, so a claim is partial (at least 0.00) and an offer has no saving (audit-mm MM3,
//! docs/rules.md §16; `stage_day` of `tariffs/rules/jp_programmes.tsv`).

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::json;

/// Beef 0201.10-000 of the United States, ¥100,000 (customs value ¥60,000 for personal use,
/// the audit's case), claiming the US-Japan Trade Agreement, or not.
fn beef(date: &str, claim: Option<&str>) -> Quote {
    let mut line = json!({"id": "beef", "code": "0201100000", "quantity": "1", "unit_price": "100000"});
    if let Some(c) = claim {
        line["claim"] = json!(c);
    }
    quote(json!({"destination": "JP", "date": date, "currency": "JPY", "origin": "US", "lines": [line]}))
}

fn duty(q: &Quote) -> (Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>) {
    let l = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).expect("a duty levy");
    (l.amount, l.partial_amount)
}

#[test]
fn a_staged_epa_claim_after_the_next_1_april_is_partial_not_the_last_stage_read() {
    // FY2026 (from 2026-04-01): USJTA beef 20.8 % × ¥60,000 = ¥12,480, priced to 2027-03-31.
    for date in ["2026-08-01", "2027-03-31"] {
        let q = beef(date, Some("USJTA"));
        assert_eq!(duty(&q).0, Some(d("12480")), "{date}");
        assert!(q.totals.complete, "{date}");
    }
    // From 2027-04-01 the FY2027 stage applies, which the 2026 edition does not hold: at least
    // 0.00, the reason naming the FY2026 figure; was 12,480 complete with only W_STALE_DATA.
    let q = beef("2027-05-01", Some("USJTA"));
    assert_eq!(duty(&q), (None, Some(d("0.00"))));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(!q.totals.complete);
    let reason = q.lines[0].reason.as_deref().unwrap_or_default();
    assert!(reason.contains("staged rate from 2027-04-01 is not in our data") && reason.contains("12,480"), "{reason}");
    let claim = q.lines[0].claim.as_ref().unwrap();
    assert!(claim.duty.is_none() && claim.saving.is_none());
}

#[test]
fn a_staged_epa_offer_after_the_next_1_april_has_no_saving_and_a_free_rate_stays_priced() {
    let q = beef("2027-05-01", None);
    let alt = q.lines[0].alternatives.iter().find(|a| a.program == "USJTA").expect("USJTA offered");
    assert!(alt.duty.is_none() && alt.saving.is_none(), "{}", alt.note);
    assert!(alt.note.contains("not in our data"), "{}", alt.note);
    // An eliminated duty stays eliminated: a T-shirt 6109.10-010 of Viet Nam under the
    // Japan-Viet Nam EPA (Free) is priced at ¥0 in FY2027 too.
    let q = quote(json!({"destination": "JP", "date": "2027-05-01", "currency": "JPY", "origin": "VN",
        "lines": [{"id": "t", "code": "6109100100", "quantity": "1", "unit_price": "100000", "claim": "VN"}]}));
    assert_eq!(duty(&q).0, Some(d("0")), "{:?}", q.lines[0].reason);
}
