//! audit-m's findings M2, M4-M7 (findings/audit-m.md), each figure from the law named beside it.

mod common;

use common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

/// A car into Alberta from Japan on 2026-11-20 (audit-m M4's request), at `price`, with the
/// caller's `extra` line fields.
fn ca_car(price: &str, extra: Value) -> Quote {
    let mut line = json!({"id": "car", "code": "8703.23", "quantity": "1", "unit_price": price,
                          "duty_rate": "6.1%", "weight_kg": "1400"});
    if let (Some(l), Some(e)) = (line.as_object_mut(), extra.as_object()) {
        l.extend(e.clone());
    }
    quote(json!({"destination": "CA", "origin": "JP", "ship_from": "JP", "date": "2026-11-20", "currency": "CAD",
                 "channel": "freight", "transport": "ocean", "incoterm": "DDP", "subdivision": "AB",
                 "lines": [line]}))
}

fn excise<'q>(q: &'q Quote, name: &str) -> &'q landed::quote::Levy {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Excise && l.name.as_str().starts_with(name)).expect(name)
}

/// Excise Tax Act Sch. I s.6(1): the green levy is $1,000 on a weighted fuel consumption rating
/// of 13 litres or more per 100 km but less than 14, ... $4,000 at 16 or more; none below 13
/// (CBSA Tariff Notice 21: "fuel-efficiency ratings of 13.0 L/100 km or more"). A 7.0 l/100 km
/// car owes none and the levy is not "due on this line" (audit-m M4).
#[test]
fn ca_green_levy_by_band_of_the_rating_excise_tax_act_sch_i_s6() {
    for (fuel, amount, row) in [
        ("7.0", "0.00", "ca-green-levy-none"),
        ("12.99", "0.00", "ca-green-levy-none"),
        ("13.0", "1000.00", "ca-green-levy-13"),
        ("14.0", "2000.00", "ca-green-levy-14"),
        ("15.5", "3000.00", "ca-green-levy-15"),
        ("16.0", "4000.00", "ca-green-levy-16"),
    ] {
        let q = ca_car("30000.00", json!({"fuel_l_per_100km": fuel}));
        let g = excise(&q, "Excise tax on fuel-inefficient vehicles");
        assert_eq!(g.amount, Some(d(amount)), "{fuel}: {}", g.formula);
        assert_eq!(g.source.row(), format!("excise_rates.tsv#{row}"));
    }
    // Without the rating: at least 0.00, the line partial and the reason asks for it.
    let q = ca_car("30000.00", json!({}));
    let g = excise(&q, "Excise tax on fuel-inefficient vehicles");
    assert_eq!((g.amount, g.partial_amount), (None, Some(d("0.00"))));
    assert!(q.lines[0].reason.as_deref().unwrap_or("").contains("give fuel_l_per_100km"));
    // Before 2007-03-20 (Tariff Notice 21: deemed in force that day) there was no green levy.
    let mut r = json!({"destination": "CA", "origin": "JP", "date": "2007-03-19", "currency": "CAD",
                       "channel": "freight", "lines": [{"id": "car", "code": "8703.23", "quantity": "1",
                       "unit_price": "30000.00", "duty_rate": "6.1%", "fuel_l_per_100km": "16"}]});
    let q = quote(r.clone());
    assert!(q.lines[0].levies.iter().all(|l| !l.name.as_str().contains("green levy")));
    r["date"] = json!("2007-03-20");
    let q = quote(r);
    assert_eq!(excise(&q, "Excise tax on fuel-inefficient vehicles").amount, Some(d("4000.00")));
}

/// audit-m M4: a CAD 30,000 car at 7.0 l/100 km. Select Luxury Items Tax Act / CBSA D18-4-1
/// para. 4: subject vehicles are taxed above a taxable amount of CAD 100,000, so 30,000 + duty
/// 1,830 owes no luxury tax on the priced part of its base; nor does the green levy apply
/// (above). Only the CAD 100 air-conditioner excise (Sch. I s.7, whether the car has one) stays
/// unpriced, and the GST says that an excise, not the duty, is what is missing: 5 % × 31,830 = at
/// least 1,591.50. The A/C excise belongs in the luxury tax's base, but at most CAD 100 (fix-r,
/// `excise.tsv` `most`): 31,830 + 100 stays far below CAD 100,000, so the luxury tax is 0.00, not
/// due, priced (it was a lower bound "at least 0.00", m8-16, `tests/golden_fix_r.rs`).
#[test]
fn ca_car_under_cad_100000_owes_no_luxury_tax_and_the_gst_names_the_excise_audit_m_m4() {
    let q = ca_car("30000.00", json!({"fuel_l_per_100km": "7.0"}));
    let l = &q.lines[0];
    let lux = excise(&q, "Luxury tax");
    assert_eq!((lux.amount, lux.partial_amount), (Some(d("0.00")), None), "{}", lux.formula);
    assert!(lux.formula.as_str().contains("not due, also with the most"), "{}", lux.formula);
    let reason = l.reason.as_deref().unwrap_or("");
    assert!(!reason.contains("Luxury tax (Select Luxury Items Tax Act) is due"), "{reason}");
    assert!(!reason.contains("green levy"), "{reason}");
    assert!(reason.contains("air conditioners"), "{reason}");
    assert!(reason.contains("GST depends on an excise in its base"), "{reason}");
    let gst = l.levies.iter().find(|v| v.kind == LevyKind::Tax).unwrap();
    assert_eq!(gst.partial_amount, Some(d("1591.50")));
    assert!(
        gst.formula.as_str().ends_with("at least 1,591.50 (an excise in its base is not priced)"),
        "{}",
        gst.formula
    );
    // The A/C excise settled by the caller ("0%": no air conditioner, naming the row it answers):
    // the car is complete.
    let q = ca_car(
        "30000.00",
        json!({"fuel_l_per_100km": "7.0", "extra_duties": [{"name": "A/C excise", "rate": "0%", "kind": "excise",
            "answers": ["ca-ac-excise"]}]}),
    );
    assert_eq!(q.lines[0].status, LineStatus::Priced, "{:?}", q.lines[0].reason);
    let lux = excise(&q, "Luxury tax");
    assert_eq!((lux.amount, lux.partial_amount), (Some(d("0.00")), None), "{}", lux.formula);
    assert!(lux.formula.as_str().contains("= 0.00: not due"), "{}", lux.formula);
}

/// Above the threshold the luxury tax is the lesser of 10 % of the taxable amount and 20 % of
/// the excess over CAD 100,000 (CRA, as quoted by Livingston International): at 150,000 + duty
/// 9,150 + green levy 1,000 (13.5 l/100 km) = 160,150, min(20 % × 60,150, 10 % × 160,150) =
/// 12,030.00; at 300,000 + 18,300 + 1,000 = 319,300 the 10 % cap: 31,930.00. The import base is
/// not read in the Act ([verify]): the figure is in the formula only, no lower bound (fix-cc,
/// docs/rules.md §18: a higher true threshold or a lower rate gives less; it was the
/// `partial_amount`), the line partial, never complete.
#[test]
fn ca_luxury_tax_is_the_lesser_of_20_percent_of_the_excess_and_10_percent_slita() {
    for (price, tax) in [("150000.00", "= 12,030.00"), ("300000.00", "= 31,930.00")] {
        let q = ca_car(price, json!({"fuel_l_per_100km": "13.5"}));
        let lux = excise(&q, "Luxury tax");
        assert_eq!((lux.amount, lux.partial_amount), (None, None), "{}", lux.formula);
        assert!(lux.formula.as_str().contains(tax), "{}", lux.formula);
        assert_eq!(lux.source.row(), "excise_rates.tsv#ca-luxury-tax-vehicles");
        assert_eq!(q.lines[0].status, LineStatus::Partial);
        assert!(!q.totals.complete);
    }
}

fn us_battery(origin: &str, date: &str, code: &str) -> Quote {
    quote(json!({"destination": "US", "origin": origin, "ship_from": origin, "date": date, "currency": "USD",
                 "channel": "freight", "transport": "ocean", "incoterm": "DDP",
                 "lines": [{"id": "b", "code": code, "quantity": "300", "unit_price": "10.00"}]}))
}

fn layer<'q>(q: &'q Quote, ch99: &str) -> Option<&'q landed::quote::Levy> {
    q.lines[0].levies.iter().find(|l| l.kind == LevyKind::AdditionalDuty && l.name.as_str().contains(ch99))
}

/// audit-m M2. USTR 89 FR 76581 (2024-09-18): lithium-ion electric vehicle batteries from China
/// 7.5 % → 25 % from 2024-09-27 under heading 9903.91.01 ("as provided for in subdivision (b) of
/// U.S. note 31", HTSUS Rev 10); HTSUS 8507.60.00.10 is "of a kind used as the primary source of
/// electrical power for electrically powered vehicles of subheadings 8703.40 ... 8703.80". Note
/// 31(b)'s statistical numbers are not in our sources: listed + 25 % unpriced in place of list
/// 4A (it was 4A's 225.00, complete), the line partial. The day before: 4A, 225.00. Other
/// lithium-ion batteries (.90) keep 4A until 2025-12-31 and pay 9903.91.06's 25 % (750.00) from
/// 2026-01-01, which the EV line does not pay on top.
#[test]
fn chinese_ev_batteries_8507_60_00_10_leave_list_4a_for_9903_91_01_from_2024_09_27_89_fr_76581() {
    let q = us_battery("CN", "2024-09-26", "8507.60.00.10");
    assert_eq!(layer(&q, "9903.88.15").and_then(|l| l.amount), Some(d("225.00")));
    for date in ["2024-09-27", "2025-06-01", "2025-12-31", "2026-03-01"] {
        let q = us_battery("CN", date, "8507.60.00.10");
        let ev = layer(&q, "9903.91.01").expect(date);
        assert_eq!((ev.amount, ev.partial_amount), (None, None), "{date}");
        assert!(layer(&q, "9903.88.15").is_none() && layer(&q, "9903.91.06").is_none(), "{date}");
        assert_eq!(q.lines[0].status, LineStatus::Partial, "{date}");
    }
    let q = us_battery("CN", "2025-06-01", "8507.60.00.90");
    assert_eq!(layer(&q, "9903.88.15").and_then(|l| l.amount), Some(d("225.00")));
    assert!(layer(&q, "9903.91.01").is_none());
    let q = us_battery("CN", "2026-03-01", "8507.60.00.90");
    assert_eq!(layer(&q, "9903.91.06").and_then(|l| l.amount), Some(d("750.00")));
}

/// audit-m M2: Section 232 automobile parts (headings 9903.94.05-.69, U.S. note 33, not in our
/// sources; a public reproduction of the note lists 8507.60.0010): a Korean EV battery on
/// 2026-03-01 may owe the parts duty (15 % all-in for Korea, 9903.94.63): flagged, unpriced,
/// the line partial, no longer complete at the 3.4 % duty alone.
#[test]
fn korean_ev_batteries_may_be_section_232_automobile_parts_note_33() {
    let q = us_battery("KR", "2026-03-01", "8507.60.00.10");
    let parts = layer(&q, "automobile parts").expect("a 232 parts layer");
    assert_eq!((parts.amount, parts.partial_amount), (None, None));
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert!(!q.totals.complete);
}

/// audit-m M6. HTSUS 2026 Rev 10, 2931.90.90: "Pursuant to U.S. note 20(g) to subchapter III,
/// chapter 99, heading 9903.88.04 covers certain goods of this rate line, as indicated by the
/// footnote", footnoted on .10, .21, .25 and .29: the 25 % is filed under 9903.88.04, not list 3's
/// 9903.88.03 (same amount, 750.00 on US$3,000). 9401.79.00 ("See 9903.88.04 and its associated
/// definitional note") likewise; pumps 8413.50.00 ("See 9903.88.01.") keep list 1's heading.
#[test]
fn note_20g_lines_are_charged_under_9903_88_04_htsus_rev_10_footnote() {
    let us = |code: &str| {
        quote(json!({"destination": "US", "origin": "CN", "ship_from": "CN", "date": "2026-03-01", "currency": "USD",
                     "channel": "freight", "transport": "ocean", "incoterm": "DDP",
                     "lines": [{"id": "a", "code": code, "quantity": "300", "unit_price": "10.00"}]}))
    };
    for code in ["2931.90.90.10", "2931.90.90.29", "9401.79.00"] {
        let q = us(code);
        let l = layer(&q, "9903.88.04").unwrap_or_else(|| panic!("{code}: {:?}", q.lines[0].levies));
        assert_eq!(l.amount, Some(d("750.00")), "{code}");
        assert!(layer(&q, "9903.88.03").is_none(), "{code}");
    }
    assert!(layer(&us("2931.90.90.30"), "9903.88").is_none());
    assert_eq!(layer(&us("8413.50.00"), "9903.88.01").and_then(|l| l.amount), Some(d("750.00")));
}

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
    let e = claim("CN", "2010-01-01").expect_err("CN");
    assert!(e.message.contains("its partners are"), "{}", e.message);
    assert!(claim("CR", "2009-01-01").is_ok());
}

/// audit-m M5. IRAS, "GST on imports of low-value goods": low-value goods are goods "delivered to
/// Singapore by air or post"; Singapore Customs: the S$400 GST import relief is for goods
/// imported by post or air. A consignment declared by sea pays import GST at the border on
/// CIF + duty: 10 × S$100 + duty S$0.50/kg × 20 kg = 1,010.00, GST 9 % = **90.90** at import,
/// nothing collected at the sale. By air the same goods are low-value goods taxed at the sale.
#[test]
fn sg_low_value_goods_gst_is_for_air_or_post_only_iras() {
    let sg = |channel: &str, transport: &str, price: &str| {
        quote(json!({"destination": "SG", "origin": "CN", "ship_from": "CN", "date": "2026-11-20", "currency": "SGD",
                     "channel": channel, "transport": transport, "incoterm": "DDP",
                     "lines": [{"id": "a", "code": "3926.90", "quantity": "10", "unit_price": price,
                                "weight_kg": "20", "duty_rate": "$0.50/kg"}]}))
    };
    let q = sg("freight", "ocean", "100.00");
    let gst = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).unwrap();
    assert_eq!((gst.name.to_string(), gst.amount), ("Import GST".to_string(), Some(d("90.90"))));
    assert_eq!(q.totals.collected_at_sale, d("0.00"));
    assert!(q.totals.complete);
    let q = sg("courier", "air", "100.00");
    assert_eq!(q.totals.collected_at_sale, d("90.90"));
    // S$300 by sea: no GST import relief either (9 % × 300.00 = 27.00 at the border).
    let q = sg("freight", "ocean", "30.00");
    let gst = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).unwrap();
    assert_eq!((gst.name.to_string(), gst.amount), ("Import GST".to_string(), Some(d("27.00"))));
}
