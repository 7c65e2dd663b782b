//! Canada's green levy (Excise Tax Act, Schedule I, s. 6) and luxury tax (SLITA) on cars.

use crate::common::{d, quote};
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

// audit-m's findings M2, M4-M7 (findings/audit-m.md), each figure from the law named beside it.

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
/// due, priced (it was a lower bound "at least 0.00", m8-16, `tests/golden/luxury_car_taxes.rs`).
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
