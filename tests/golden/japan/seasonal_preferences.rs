//! audit-q Q3 (session 16, fix-q3): Japan's seasonal lines keep every preferential rate that
//! differs by season, dated by the same windows as the MFN rate.
//!
//! Source: Japan's Tariff Schedule (Japan Customs, version of 2026-07-09), chapter 8, 0803.90-100
//! (bananas), published as two nodes: "(1)毎年4月1日から同年9月30日までに輸入されるもの" and
//! "(2)毎年10月1日から翌年3月31日までに輸入されるもの". WTO 20 % / 25 %; 特恵 and EPA_アセアン
//! (AJCEP) 10 % / 20 %; EPA_CPTPP 3.6 % / 4.5 %; EPA_フィリピン "イナバニコ種…セニョリタ種のバナナ
//! である旨がフィリピン政府により証明されているもの 無税 / その他のもの 8 %" (April–September) and
//! "… 無税 / その他のもの 18 %" (October–March). A claim takes the rate of the window the date
//! falls in (Customs Tariff Act art. 3; the windows are the schedule's own).

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

/// ¥300,000 of bananas 0803.90-100 (1,000 kg at ¥300/kg) by sea, DDP, no freight given, on `date`.
fn bananas(date: &str, origin: &str, claim: Option<&str>) -> Quote {
    let mut line =
        json!({"id": "b", "code": "0803.90-100", "quantity": "1000", "unit_price": "300", "weight_kg": "1000"});
    if let Some(c) = claim {
        line["claim"] = Value::from(c);
    }
    quote(json!({"destination": "JP", "date": date, "currency": "JPY", "channel": "freight", "transport": "ocean",
        "incoterm": "DDP", "business_buyer": true, "origin": origin, "lines": [line]}))
}

fn duty(q: &Quote) -> Option<rust_decimal::Decimal> {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).and_then(|l| l.amount)
}

/// Philippine bananas claimed under the Japan-Philippines EPA in both seasons: the claim is
/// accepted (it was `E_CLAIM` "the JP tariff has no PH rate"), and since the PH cell's rate turns
/// on a variety certified by the Philippine government, which the request cannot show, the line
/// is `partial` with the published text as its reason, never priced at a guess.
#[test]
fn philippine_bananas_claimed_in_both_seasons_are_partial_with_the_published_text() {
    for date in ["2026-08-10", "2026-11-20"] {
        let q = bananas(date, "PH", Some("PH"));
        let line = &q.lines[0];
        assert_eq!(line.status, LineStatus::Partial, "{date}: {line:?}");
        let claim = line.claim.as_ref().expect("the PH claim is applied");
        assert_eq!(claim.program, "PH");
        assert!(
            claim.rate.contains("フィリピン政府により証明") && claim.rate.contains("18%（01 OCT-31 MAR）"),
            "{}",
            claim.rate
        );
        let reason = line.reason.clone().unwrap_or_default();
        assert!(reason.contains("フィリピン政府"), "{date}: {reason}");
    }
}

/// Without a claim, a Philippine consignment is offered the programmes open to it at the rate of
/// the date's season: AJCEP 10 % from April to September (¥30,000 against the MFN 20 %,
/// ¥60,000), 20 % from October to March (¥60,000 against 25 %, ¥75,000); the PH rate is offered
/// unpriced with its text.
#[test]
fn philippine_bananas_are_offered_the_seasonal_ajcep_rate() {
    for (date, mfn, ajcep) in [("2026-08-10", "60000", "30000"), ("2026-11-20", "75000", "60000")] {
        let q = bananas(date, "PH", None);
        assert_eq!(duty(&q), Some(d(mfn)), "{date}");
        let alt = |p: &str| q.lines[0].alternatives.iter().find(|a| a.program == p).cloned();
        let a = alt("AJCEP").unwrap_or_else(|| panic!("{date}: {:?}", q.lines[0].alternatives));
        assert_eq!(a.rate, "10% (01 APR-30 SEP), 20% (01 OCT-31 MAR)");
        assert_eq!((a.duty, a.saving), (Some(d(ajcep)), Some(d(mfn) - d(ajcep))), "{date}");
        let ph = alt("PH").expect("PH offered");
        assert_eq!(ph.duty, None, "{date}: {ph:?}");
    }
}

/// Australian bananas claimed under CPTPP: 3.6 % in April–September (¥10,800), 4.5 % in
/// October–March (¥13,500), priced and priced.
#[test]
fn cptpp_bananas_claimed_in_both_seasons_take_the_seasons_rate() {
    for (date, general, cptpp) in [("2026-08-10", "60000", "10800"), ("2026-11-20", "75000", "13500")] {
        let q = bananas(date, "AU", Some("CPTPP"));
        let line = &q.lines[0];
        assert_eq!(line.status, LineStatus::Priced, "{date}: {line:?}");
        assert_eq!(duty(&q), Some(d(cptpp)), "{date}");
        let claim = line.claim.as_ref().expect("claim");
        assert_eq!((claim.general_duty, claim.saving), (Some(d(general)), Some(d(general) - d(cptpp))), "{date}");
    }
}
