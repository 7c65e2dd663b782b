//! The order of the Canada/Mexico IEEPA duties and Section 232 (EO 14289, Proclamation 10947),
//! and Section 301 on face masks and medical gloves (U.S. note 31).

use crate::common::{d, engine, quote};
use landed::date::Date;
use landed::quote::{LineQuote, LineStatus, Quote};
use serde_json::{json, Value};

// research-h's settled verdicts as rules (findings/research-h.md; audit-f F2): the US and
// Canadian low-value reliefs against anti-dumping and countervailing duties, the order of the
// Canada/Mexico IEEPA duties and Section 232 (EO 14289, Proclamation 10947), Section 301 on face
// masks and medical gloves (U.S. note 31), the 50 U.S.C. 1702(b) exception to the suspension of
// de minimis, Ireland's duty under €10, Norway's VOEC registration threshold, and Finland's
// soft-drinks and beverage-packaging taxes. Each case cites its law; figures are worked by hand.

/// One formal ocean entry into the US, DDP, shipped from its origin.
fn us(origin: &str, date: &str, line: Value) -> Quote {
    quote(json!({"destination": "US", "date": date, "currency": "USD", "channel": "freight", "transport": "ocean",
        "entry_type": "formal", "incoterm": "DDP", "origin": origin, "ship_from": origin, "lines": [line]}))
}

fn line(code: &str, price: &str) -> Value {
    json!({"id": "a", "code": code, "quantity": "1", "unit_price": price})
}

/// The levy of a line whose name contains `text`.
fn levy_named<'q>(line: &'q LineQuote, text: &str) -> Option<&'q landed::quote::Levy> {
    line.levies.iter().find(|l| l.name.as_str().contains(text))
}

fn excluded(line: &LineQuote, ch99: &str) -> bool {
    line.excluded.iter().any(|e| e.ch99 == ch99)
}

/// The layers charged (not excluded) on a code, by id (`?`: may apply, not settled).
fn applied(date: &str, origin: &str, code: &str) -> Vec<String> {
    let rules = engine().rules();
    rules
        .us()
        .unwrap()
        .decide(&rules.us_scopes_for(code).unwrap(), origin, Date::parse(date).unwrap())
        .into_iter()
        .filter(|d| d.excluded_by.is_none())
        .map(|d| format!("{}{}", d.layer.id, if d.unknown.is_some() { "?" } else { "" }))
        .collect()
}

// D11. EO 14289 (90 FR 18907) s.3(a)(ii), retroactive to entries from 2025-03-04 (CBP CSMS
// #65054270 as reproduced): an article subject to the IEEPA duties on Canada (EO 14193) or Mexico
// (EO 14194) is not subject to the Section 232 steel and aluminum duties. Proclamation 10947
// (90 FR 24199) reverses the order for entries from 2025-06-04 (CBP CSMS #65236574 as reproduced:
// "Articles subject to Section 232 Aluminum and/or Steel tariffs shall not be subject to
// additional tariffs: IEEPA Canada, IEEPA Mexico"). The order before 2025-06-04 rests on those
// reproductions alone (no HTS heading states it), so the IEEPA duty in place of 232 is `verify`.

#[test]
fn canadian_steel_pays_ieepa_in_place_of_232_until_2025_06_03_eo_14289() {
    // 7208.10.15.00, hot-rolled steel in coils, column 1 Free; US$10,000, not USMCA-claimed.
    let q = us("CA", "2025-05-01", line("7208.10.15.00", "10000.00"));
    let l = &q.lines[0];
    let ieepa = levy_named(l, "9903.01.10").expect("IEEPA Canada listed");
    assert_eq!(ieepa.amount, None, "verify: listed, not priced: {:?}", ieepa.formula);
    assert!(ieepa.formula.as_str().contains("not verified from a primary source"), "{}", ieepa.formula);
    assert!(excluded(l, "9903.81.87"), "232 steel not charged: {:?}", l.excluded);
    assert!(levy_named(l, "9903.81.87").is_none());
    assert_eq!(l.status, LineStatus::Partial);
    assert!(!q.totals.complete);
}

#[test]
fn canadian_steel_pays_232_and_no_ieepa_from_2025_06_04_proclamation_10947() {
    // Heading 9903.81.87 (+ 50 % from 2025-06-04): 50 % × 10,000.00 = 5,000.00.
    for date in ["2025-06-04", "2025-08-07"] {
        let q = us("CA", date, line("7208.10.15.00", "10000.00"));
        let l = &q.lines[0];
        let s232 = levy_named(l, "9903.81.87").expect("232 steel");
        assert_eq!(s232.amount, Some(d("5000.00")), "{date}");
        assert!(excluded(l, "9903.01.10"), "{date}: IEEPA Canada not charged: {:?}", l.excluded);
        assert!(levy_named(l, "9903.01.10").is_none(), "{date}");
    }
}

#[test]
fn a_usmca_claim_leaves_232_charged_in_the_early_window_subject_to_means_more_than_0() {
    // CBP CSMS #65054270: "'Subject to' means that duty more than 0% is owed". A USMCA-claimed
    // steel article of Canada owes no IEEPA duty (heading 9903.01.14), so it is subject to 232:
    // 7326.90.86.88 (chapter 73, on the full value until 2025-06-03, a derivative of heading
    // 9903.81.89 or 9903.81.90 + 25 %, which 9903.81.87 excepts (audit-ee M4), Proclamation
    // 10896): 25 % × 1,000.00 = 250.00; column 1 Free under claim S.
    let mut l = line("7326.90.86.88", "1000.00");
    l["claim"] = json!("S");
    let q = us("CA", "2025-05-01", l);
    let l = &q.lines[0];
    assert_eq!(levy_named(l, "9903.81.89 or 9903.81.90").and_then(|l| l.amount), Some(d("250.00")), "{:?}", l.levies);
    assert!(l.excluded.iter().any(|e| e.ch99 == "9903.01.10" && e.reason.contains("claim")), "{:?}", l.excluded);
    // Without the claim the IEEPA duty takes 232's place (listed, verify).
    let q = us("CA", "2025-05-01", line("7326.90.86.88", "1000.00"));
    assert!(excluded(&q.lines[0], "9903.81.89 or 9903.81.90"));
    assert_eq!(levy_named(&q.lines[0], "9903.01.10").map(|l| l.amount), Some(None));
}

#[test]
fn mexico_and_canada_layers_on_both_sides_of_2025_06_04() {
    let steel = "7208510030";
    assert_eq!(applied("2025-03-05", "MX", steel), ["ieepa-mx-over-s232-0304"], "EO 14289: 9903.01.01, not 9903.81.85");
    assert_eq!(applied("2025-06-03", "MX", steel), ["ieepa-mx-over-s232"]);
    assert_eq!(applied("2025-06-04", "MX", steel), ["s232-steel"], "Proclamation 10947");
    assert_eq!(applied("2025-06-03", "CA", steel), ["ieepa-ca-over-s232"]);
    assert_eq!(applied("2025-06-04", "CA", steel), ["s232-steel"]);
    // A T-shirt is no 232 article: the IEEPA duty either side, priced (official).
    assert_eq!(applied("2025-06-03", "CA", "6109100012"), ["ieepa-fentanyl-ca"]);
    assert_eq!(applied("2025-06-04", "CA", "6109100012"), ["ieepa-fentanyl-ca-0604"]);
    // China's fentanyl duty stacks with 232 either side (EO 14289 does not list EO 14195).
    assert!(applied("2025-05-01", "CN", steel).contains(&"ieepa-fentanyl-cn".to_string()));
    assert!(applied("2025-05-01", "CN", steel).contains(&"s232-steel-25".to_string()));
}

// Section 301, U.S. note 31. Heading 9903.91.04 ("entries on or after January 1, 2025, and before
// January 1, 2026 ... subdivision (e) of U.S. note 31": + 25 %) covers disposable textile face
// masks 6307.90.98.70 (note 31(e), read in reproductions: `verify`); from 2026-01-01 heading
// 9903.91.07 (+ 50 %), which HTSUS 2026 Rev 3 footnotes on five statistical lines of 6307.90.98
// only (.42, .44, .50, .70, .75). USTR 89 FR 76581.

#[test]
fn disposable_face_masks_pay_9903_91_04_in_2025_and_9903_91_07_from_2026() {
    let mask_2025 = applied("2025-06-02", "CN", "6307909870");
    assert!(mask_2025.contains(&"s301-biden-25-2025-masks".to_string()), "{mask_2025:?}");
    assert!(!mask_2025.contains(&"s301-list4a".to_string()), "9903.91.04 in place of 9903.88.15: {mask_2025:?}");
    assert_eq!(applied("2026-03-02", "CN", "6307909870").first().map(String::as_str), Some("s301-biden-50-2026"));
    // Before 2025: list 4A (9903.88.15) as the rest of 6307.90.98.
    assert!(applied("2024-12-31", "CN", "6307909870").contains(&"s301-list4a".to_string()));
    let q = us("CN", "2025-06-02", line("6307.90.98.70", "1000.00"));
    assert_eq!(levy_named(&q.lines[0], "9903.91.04").map(|l| l.amount), Some(None), "verify: listed");
}

#[test]
fn other_made_up_textile_articles_are_not_charged_9903_91_07() {
    // 6307.90.98.91 ("Other"): no "See 9903.91.07" in HTSUS 2026 Rev 3; list 4A stays.
    let other = applied("2026-03-02", "CN", "6307909891");
    assert!(!other.iter().any(|l| l.starts_with("s301-biden")), "{other:?}");
    assert!(other.contains(&"s301-list4a".to_string()), "{other:?}");
    // A face mask: + 50 % priced. US$100 × 50 % = 50.00.
    let q = us("CN", "2026-03-02", line("6307.90.98.70", "100.00"));
    assert_eq!(levy_named(&q.lines[0], "9903.91.07").and_then(|l| l.amount), Some(d("50.00")));
    // The 8-digit code: the 10-digit line decides, the line is partial and says so.
    assert!(applied("2026-03-02", "CN", "63079098").contains(&"s301-biden-50-2026?".to_string()));
}

#[test]
fn medical_gloves_pay_9903_91_05_in_2025_and_9903_91_08_from_2026() {
    // USTR 89 FR 76581: medical gloves 50 % in 2025 (note 31(f), read in reproductions: verify),
    // 100 % from 2026 (9903.91.08, "See 9903.91.08" on 4015.12.10 in HTSUS 2026 Rev 3).
    assert!(applied("2025-06-02", "CN", "4015121010").contains(&"s301-biden-50-2025-gloves".to_string()));
    assert!(applied("2026-03-02", "CN", "4015121010").contains(&"s301-biden-100-2026".to_string()));
    assert!(!applied("2026-03-02", "CN", "4015121010").contains(&"s301-biden-50-2025-gloves".to_string()));
}
