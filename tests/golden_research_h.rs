//! research-h's settled verdicts as rules (findings/research-h.md; audit-f F2): the US and
//! Canadian low-value reliefs against anti-dumping and countervailing duties, the order of the
//! Canada/Mexico IEEPA duties and Section 232 (EO 14289, Proclamation 10947), Section 301 on face
//! masks and medical gloves (U.S. note 31), the 50 U.S.C. 1702(b) exception to the suspension of
//! de minimis, Ireland's duty under €10, Norway's VOEC registration threshold, and Finland's
//! soft-drinks and beverage-packaging taxes. Each case cites its law; figures are worked by hand.

mod common;

use common::{d, engine, quote};
use landed::date::Date;
use landed::quote::{LevyKind, LineQuote, LineStatus, Quote};
use serde_json::{json, Value};

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
    // 7326.90.86.88 (chapter 73, on the full value until 2025-06-03, heading 9903.81.87 + 25 %,
    // Proclamation 10896): 25 % × 1,000.00 = 250.00; column 1 Free under claim S.
    let mut l = line("7326.90.86.88", "1000.00");
    l["claim"] = json!("S");
    let q = us("CA", "2025-05-01", l);
    let l = &q.lines[0];
    assert_eq!(levy_named(l, "9903.81.87").and_then(|l| l.amount), Some(d("250.00")), "{:?}", l.levies);
    assert!(l.excluded.iter().any(|e| e.ch99 == "9903.01.10" && e.reason.contains("claim")), "{:?}", l.excluded);
    // Without the claim the IEEPA duty takes 232's place (listed, verify).
    let q = us("CA", "2025-05-01", line("7326.90.86.88", "1000.00"));
    assert!(excluded(&q.lines[0], "9903.81.87"));
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

// US de minimis and anti-dumping/countervailing duties. CBP, E-Commerce FAQ: "Section 321 does
// not allow: • Merchandise subject to antidumping and countervailing duties." 19 U.S.C.
// 1321(a)(2)(C), 19 CFR 10.151: a line bearing such a duty is entered, and its duty and fees are due.

fn us_courier(origin: &str, date: &str, lines: Value) -> Quote {
    quote(json!({"destination": "US", "date": date, "currency": "USD", "channel": "courier", "transport": "air",
        "origin": origin, "ship_from": origin, "lines": lines}))
}

#[test]
fn a_us_line_bearing_antidumping_duty_is_not_within_de_minimis_cbp_section_321() {
    // 2025-03-03, before the suspension for China (2025-05-02): a US$100 T-shirt alone is relieved.
    let tee = json!({"id": "tee", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00"});
    let q = us_courier("CN", "2025-03-03", json!([tee]));
    assert_eq!(q.totals.duty, d("0.00"), "{:?}", q.lines[0].levies);
    // With a caller antidumping duty of 50 %: the line leaves de minimis. Column 1 16.5 % × 100.00
    // = 16.50, the antidumping duty 50 % × 100.00 = 50.00, and the layers of the day (301 list
    // 4A 7.5 % = 7.50, IEEPA China 20 % = 20.00 from 2025-03-04: not yet; 10 % = 10.00).
    let mut ad = tee.clone();
    ad["extra_duties"] = json!([{"name": "Antidumping duty A-570-979", "rate": "50%"}]);
    let q = us_courier(
        "CN",
        "2025-03-03",
        json!([ad, {"id": "mug", "code": "6912.00.4400", "quantity": "1", "unit_price": "20.00"}]),
    );
    let (a, mug) = (&q.lines[0], &q.lines[1]);
    assert_eq!(levy_named(a, "Antidumping").and_then(|l| l.amount), Some(d("50.00")), "{:?}", a.levies);
    assert_eq!(a.levies.iter().find(|l| l.kind == LevyKind::Duty).and_then(|l| l.amount), Some(d("16.50")));
    assert!(
        q.warnings.iter().any(|w| w.message.to_string().contains("Section 321 does not allow")),
        "{:?}",
        q.warnings
    );
    // The other line keeps the relief.
    assert_eq!(mug.levies.iter().find(|l| l.kind == LevyKind::Duty).and_then(|l| l.amount), Some(d("0.00")));
    // The line's duty: 16.50 + 50.00 + 301 list 4A 7.5 % = 7.50 + IEEPA China 10 % (9903.01.20)
    // = 10.00, total 84.00. The fees are charged on the entered line's value (US$100), not
    // relieved: the informal-entry MPF of FY2025, flat US$2.62 (19 CFR 24.23(b)(2)(i),
    // fees.tsv), where before the whole consignment was relieved of it.
    assert_eq!(q.totals.duty, d("84.00"));
    let fee_total: rust_decimal::Decimal =
        q.levies.iter().filter(|l| l.kind == LevyKind::Fee).filter_map(|l| l.amount).sum();
    assert_eq!(fee_total, d("2.62"), "{:?}", q.levies);
    assert!(q.totals.complete);
}

#[test]
fn a_us_countervailing_duty_given_by_its_kind_takes_the_line_out_of_de_minimis_cbp_section_321() {
    // The same CBP rule (E-Commerce FAQ: Section 321 does not allow merchandise subject to
    // antidumping and countervailing duties), the duty typed by its `kind` whatever its name:
    // the line is entered, 16.50 + the CVD 20 % × 100.00 = 20.00 + 7.50 (9903.88.15) + 10.00
    // (9903.01.20) = 54.00, and the informal MPF of FY2025, US$2.62, on it.
    let tee = json!({"id": "tee", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00",
        "extra_duties": [{"name": "Order C-570-xxx (case number not known to the caller)", "rate": "20%", "kind": "countervailing"}]});
    let q = us_courier("CN", "2025-03-03", json!([tee]));
    assert_eq!(q.totals.duty, d("54.00"), "{:?}", q.lines[0].levies);
    let fee_total: rust_decimal::Decimal =
        q.levies.iter().filter(|l| l.kind == LevyKind::Fee).filter_map(|l| l.amount).sum();
    assert_eq!(fee_total, d("2.62"), "{:?}", q.levies);
    assert!(q.totals.complete);
}

#[test]
fn a_us_caller_duty_not_named_ad_cvd_under_de_minimis_stays_listed() {
    // A Section 201 safeguard is within de minimis (CBP NPRM 90 FR 6852 only proposes otherwise);
    // a duty whose name does not say what it is stays listed, not priced, with what settles it.
    let tee = json!({"id": "tee", "code": "6109.10.0012", "quantity": "1", "unit_price": "100.00",
        "extra_duties": [{"name": "safeguard", "rate": "20%"}]});
    let q = us_courier("DE", "2025-03-03", json!([tee]));
    let l = levy_named(&q.lines[0], "safeguard").expect("listed");
    assert_eq!(l.amount, None);
    assert!(l.formula.as_str().contains("antidumping"), "{}", l.formula);
    assert_eq!(q.lines[0].status, LineStatus::Partial);
}

// Canada: the Courier Imports Remission Order remits "customs duties and taxes" on goods of
// CAD 20 or less (CBSA D8-2-16); SIMA duties are imposed under another Act (CBSA D8-4-1) and the
// Customs Tariff's surtaxes are not its "customs duties": a SIMA duty on such goods is due.

#[test]
fn a_sima_duty_is_due_on_goods_within_the_courier_remission_order_cbsa_d8_2_16() {
    let q = quote(json!({"destination": "CA", "subdivision": "ON", "date": "2026-11-26", "currency": "CAD",
        "channel": "courier", "origin": "CN", "ship_from": "CN",
        "lines": [{"id": "a", "code": "7308.90", "quantity": "1", "unit_price": "15.00", "duty_rate": "0%",
            "extra_duties": [{"name": "SIMA anti-dumping duty", "rate": "30%"}]}]}));
    let l = &q.lines[0];
    // 30 % × 15.00 = 4.50, charged; the customs duty and the HST stay remitted.
    assert_eq!(levy_named(l, "SIMA").and_then(|l| l.amount), Some(d("4.50")), "{:?}", l.levies);
    assert_eq!(q.totals.tax, d("0.00"));
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
}

// 50 U.S.C. 1702(b) (CBP CSMS #67845486 as reproduced; EO of 2026-02-20): informational
// materials keep de minimis after 2025-08-29. Reproductions only: `verify`, so a consignment of
// books within US$800 has the levies it would relieve listed, not priced.

#[test]
fn books_after_2025_08_29_are_listed_under_the_1702b_exception() {
    let q = us_courier(
        "GB",
        "2026-03-02",
        json!([{"id": "b", "code": "4901.99.0093", "quantity": "1", "unit_price": "50.00"}]),
    );
    let check = q.thresholds.iter().find(|c| c.id == "us-de-minimis-800-1702b").expect("checked");
    assert!(!check.applies);
    assert!(q
        .warnings
        .iter()
        .any(|w| w.code == "W_VERIFY" && w.message.to_string().contains("us-de-minimis-800-1702b")));
    // A T-shirt is no informational material: the row does not touch it, and its check says why
    // in the row's words: the suspension, not a list of headings (audit-r).
    let q = us_courier(
        "GB",
        "2026-03-02",
        json!([{"id": "t", "code": "6109.10.0012", "quantity": "1", "unit_price": "50.00"}]),
    );
    let check = q.thresholds.iter().find(|c| c.id == "us-de-minimis-800-1702b").expect("checked");
    assert!(
        check.note.as_ref().is_some_and(|n| n.to_string().contains("EO 14324") && !n.to_string().contains("HS 61")),
        "{:?}",
        check.note
    );
}

// Ireland: Revenue PN 1179 s.2, "Where the customs duty on a consignment of goods amounts to less
// than €10 it will not be collected"; a later Revenue page withdrew it on a date not stated
// (no later than 2021-06-30): `verify`, so a duty under €10 is listed, not priced.

#[test]
fn ireland_duty_under_10_euro_is_listed_unverified_pn_1179() {
    let ie = |date: &str| {
        quote(json!({"destination": "IE", "date": date, "currency": "EUR", "channel": "courier", "origin": "US",
            "ship_from": "US", "lines": [{"id": "a", "code": "8471.30", "quantity": "1", "unit_price": "200.00", "duty_rate": "4%"}]}))
    };
    // 4 % × 200.00 = 8.00 < 10.
    let q = ie("2019-06-03");
    let duty = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).unwrap();
    assert_eq!(duty.amount, None, "{}", duty.formula);
    assert!(duty.formula.as_str().contains("ie-duty-min-10"), "{}", duty.formula);
    let q = ie("2021-07-01");
    let duty = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Duty).unwrap();
    assert_eq!(duty.amount, Some(d("8.00")));
}

// Norway: Skatteetaten, "Registration in the VOEC Register": "You must register the business at
// the latest when you've sold vatable goods and/or services to Norwegian consumers for NOK 50,000
// or more in a period of 12 months."

#[test]
fn norway_voec_is_mandatory_above_nok_50000_skatteetaten() {
    let rules = engine().rules();
    for id in ["no-voec-3000", "no-duty-3000"] {
        let row = rules.thresholds.iter().find(|t| t.id == id).unwrap();
        assert_eq!(row.scheme, Some(landed::rules::Scheme::MandatoryAboveTurnover), "{id}");
        assert!(row.source.publisher.contains("NOK 50,000"), "{id}");
    }
}

// Finland (audit-f F2): the soft-drinks tax (Act 1127/2010) and the beverage-packaging tax (Act
// 1037/2004) are levied on import; their rates are not in our data, so a soft drink lists both,
// without an amount, and is partial. Goods of Canada: from 2026-07-01 a US drink's EU duty is not
// priced either (Reg. (EU) 2026/1455 as reported, `duty_free.tsv#eu-us-agri-seafood-2026`).

#[test]
fn a_soft_drink_into_finland_lists_both_finnish_taxes() {
    let q = quote(json!({"destination": "FI", "date": "2026-11-26", "currency": "EUR", "channel": "courier",
        "origin": "CA", "ship_from": "CA", "seller_registered": false,
        "lines": [{"id": "soda", "code": "2202.10", "quantity": "24", "unit_price": "8.00", "volume_l": "8.4"}]}));
    let l = &q.lines[0];
    for name in ["Virvoitusjuomavero", "Juomapakkausvero"] {
        let e = levy_named(l, name).unwrap_or_else(|| panic!("{name}: {:?}", l.levies));
        assert_eq!((e.kind, e.amount), (LevyKind::Excise, None), "{name}");
    }
    assert_eq!(l.status, LineStatus::Partial);
    assert!(!q.totals.complete);
    // Beer lists the EU's harmonised excise and the packaging tax (another tax, other codes).
    let q = quote(json!({"destination": "FI", "date": "2026-11-26", "currency": "EUR", "channel": "courier",
        "origin": "CA", "ship_from": "CA", "seller_registered": false,
        "lines": [{"id": "beer", "code": "2203.00", "quantity": "6", "unit_price": "3.00", "volume_l": "0.33", "alcohol_pct": "5"}]}));
    let excises: Vec<String> =
        q.lines[0].levies.iter().filter(|l| l.kind == LevyKind::Excise).map(|l| l.name.to_string()).collect();
    assert_eq!(excises.len(), 2, "{excises:?}");
    assert!(excises.iter().any(|n| n.contains("Juomapakkausvero")), "{excises:?}");
}
