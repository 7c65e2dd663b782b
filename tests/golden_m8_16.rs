//! m8-16: audit-m M8's smaller findings (findings/audit-m.md) and the CA luxury tax beside an
//! unpriced excise (session 15's note), each decided from the text named beside it.

mod common;

use common::{d, quote, warned};
use landed::freshness::DatasetKind;
use landed::quote::{LevyKind, LineStatus, Quote};
use serde_json::{json, Value};

/// A one-line request, `line` merged into the line.
fn one_line(destination: &str, currency: &str, date: &str, origin: &str, line: Value) -> Value {
    let mut l = json!({"id": "a", "quantity": "1"});
    l.as_object_mut().unwrap().extend(line.as_object().unwrap().clone());
    json!({"destination": destination, "date": date, "currency": currency, "channel": "courier",
        "transport": "air", "incoterm": "DDP", "origin": origin, "ship_from": origin, "lines": [l]})
}

fn dataset<'q>(q: &'q Quote, id: &str) -> &'q landed::freshness::DatasetUsed {
    q.datasets.iter().find(|d| d.id == id).unwrap_or_else(|| panic!("{id} listed: {:?}", q.datasets))
}

// M8 provenance.

/// USITC, HTSUS 2026 Revision 10 (`hts_2026_revision_10_json.json`, in force from 2026-06-08):
/// heading 9903.88.15 "The duty provided in the applicable subheading + 7.5%", as in Revision 3.
/// A quote of 2026-11-20 is priced under Revision 10 (the datasets list it), so the layer cites
/// Revision 10, not only Revision 3 (audit-m M8: "cites HTS 2026 Revision 3, vintage 2026-02-12
/// while the datasets list Rev 10").
#[test]
fn a_us_layer_of_2026_11_cites_the_hts_revision_in_force_htsus_2026_rev_10() {
    let q = quote(one_line("US", "USD", "2026-11-20", "CN", json!({"code": "6109100012", "unit_price": "1000"})));
    let l = &q.lines[0];
    let duty = l.levies.iter().find(|v| v.kind == LevyKind::Duty).unwrap();
    let cited = format!("{} {} {}", duty.source.publisher, duty.source.dataset, duty.source.vintage);
    assert!(cited.contains("Revision 10") && cited.contains("2026-06-08"), "{cited}");
    let layer = l.levies.iter().find(|v| v.name.as_str().contains("9903.88.15")).expect("list 4A");
    let cited = format!("{} {}", layer.source.publisher, layer.source.dataset);
    assert!(cited.contains("Rev 10 heading 9903.88.15"), "{cited}");
    assert_eq!(dataset(&q, "usitc-hts-2026-rev10").kind, DatasetKind::Tariff);
}

/// A dataset's age runs from its edition to the date priced. The hand-encoded rule tables were
/// reviewed on 2026-11-26 (datasets.tsv `landed-rules`): on a quote of 2026-11-20 they are 6 days
/// newer than the date, never "age_days: -6" (audit-m M8), and their date-effective rows still
/// answer for the date, so they are not stale.
#[test]
fn a_table_newer_than_the_date_priced_says_so_never_a_negative_age() {
    let q = quote(one_line("US", "USD", "2026-11-20", "CN", json!({"code": "6109100012", "unit_price": "1000"})));
    let rules = dataset(&q, "landed-rules");
    assert_eq!((rules.age_days, rules.newer_by_days, rules.stale), (None, Some(6), false));
    let json = serde_json::to_value(rules).unwrap();
    assert!(json.get("age_days").is_none() && json["newer_by_days"] == 6, "{json}");
    // The HTS revision before the date keeps its age.
    let hts = dataset(&q, "usitc-hts-2026-rev10");
    assert_eq!((hts.age_days, hts.newer_by_days), (Some(165), None));
}

/// ../shared/tariff-sources/SOURCES.md: the UK Global Tariff file of 2021-01-27 carries the EU
/// Common External Tariff (CN 2020) in its `cet_duty_rate` column, which is the EU table
/// (tariffs/eu.tsv). An EU quote lists and warns about that table under its own name; a DE quote
/// named "UK Global Tariff (with the EU Common External Tariff…)" (audit-m M8).
#[test]
fn an_eu_quote_names_the_eu_tariff_a_gb_quote_the_uk_global_tariff() {
    for dest in ["DE", "FR"] {
        let q = quote(one_line(dest, "EUR", "2026-11-20", "CN", json!({"code": "6109100010", "unit_price": "1000"})));
        let t = q.datasets.iter().find(|d| d.kind == DatasetKind::Tariff).unwrap();
        assert_eq!(&*t.id, "dit-ukgt-2021@EU");
        assert!(t.dataset.starts_with("EU Common External Tariff (CN 2020)"), "{}", t.dataset);
        assert!(
            q.warnings.iter().all(|w| !w.message.to_string().contains("UK Global Tariff (with")),
            "{:?}",
            q.warnings
        );
        assert!(warned(&q, "W_OLD_TARIFF"));
    }
    let q = quote(one_line("GB", "GBP", "2026-11-20", "CN", json!({"code": "6109100010", "unit_price": "200"})));
    let t = q.datasets.iter().find(|d| d.kind == DatasetKind::Tariff).unwrap();
    assert_eq!(&*t.id, "dit-ukgt-2021");
}

// M8 missing-month FX on a threshold.

/// HMRC's monthly exchange rates apply to their month (gov.uk "HMRC exchange rates for 2026:
/// monthly"); the snapshot has no December 2026 rates, so a GB quote of 2026-12-01 uses
/// November's (W_FX_FALLBACK). US$180 is then £134.37, within the GBP 135 line of the customs
/// duty relief (thresholds.tsv gb-low-value-135: Customs Duty on goods "worth more than £135"):
/// the relief rests on the stand-in rate, so its 0.00 is not priced; the line says so once.
#[test]
fn a_relief_decided_at_a_stand_in_exchange_rate_is_not_priced_audit_m_m8() {
    let q = quote(one_line("GB", "USD", "2026-12-01", "CN", json!({"code": "6109100010", "unit_price": "180"})));
    assert!(warned(&q, "W_FX_FALLBACK"));
    assert_eq!(q.totals.goods, d("134.37"));
    let l = &q.lines[0];
    let duty = l.levies.iter().find(|v| v.kind == LevyKind::Duty).unwrap();
    assert_eq!(duty.rate.as_str(), "relieved");
    assert_eq!((duty.amount, duty.partial_amount), (None, None), "{}", duty.formula);
    let f = duty.formula.as_str();
    assert!(f.contains("relieved at the stand-in exchange rate only") && f.contains("2026-11"), "{f}");
    assert_eq!(f.matches("not in this snapshot").count(), 1, "{f}");
    let reason = l.reason.as_deref().unwrap();
    assert_eq!(reason.matches("not in this snapshot").count(), 1, "{reason}");
    assert!(reason.contains("the relief was decided on a value converted at that stand-in rate"), "{reason}");
    assert_eq!(l.status, LineStatus::NotPriced);
    assert!(!q.totals.complete);
    // With the month's rate given, the relief is priced.
    let mut r = one_line("GB", "USD", "2026-12-01", "CN", json!({"code": "6109100010", "unit_price": "180"}));
    r["fx"] = json!({"USD/GBP": "0.7465"});
    let q = quote(r);
    let duty = q.lines[0].levies.iter().find(|v| v.kind == LevyKind::Duty).unwrap();
    assert_eq!(duty.amount, Some(d("0.00")), "{}", duty.formula);
}

// M8 Switzerland: the 100 g rounding per declared item.

/// Zolltarifgesetz (SR 632.10) art. 2(3): "Ist der Zollansatz auf je 100 kg festgelegt, so wird
/// das für die Veranlagung massgebende Gewicht jeweils auf die nächsten 100 g aufgerundet." The
/// weight rounded is the one of the assessment; whether the declaration puts two request lines of
/// one tariff number and origin in one item (one weight, rounded once: 2.02 kg → 2.1 kg, CHF 2.10
/// at CHF 100/100 kg) or two (1.1 + 1.1 kg, CHF 2.20) is not in our sources (the e-dec rules are
/// not), so the quote rounds per line and says so (audit-m M8).
#[test]
fn two_swiss_lines_of_one_tariff_number_state_the_per_line_rounding_ztg_art_2_3() {
    let line = |id: &str, code: &str| {
        json!({"id": id, "code": code, "quantity": "1", "unit_price": "200.00",
            "duty_rate": "100 CHF/100 kg", "weight_kg": "1.01"})
    };
    let req = |lines: Vec<Value>| {
        json!({"destination": "CH", "date": "2026-11-26", "currency": "CHF", "channel": "post", "transport": "air",
            "incoterm": "DDP", "origin": "US", "ship_from": "US", "lines": lines})
    };
    let q = quote(req(vec![line("a", "1806.32"), line("b", "1806.32")]));
    for l in &q.lines {
        assert_eq!(common::levy(l, LevyKind::Duty), d("1.10"));
    }
    let said =
        q.warnings.iter().find(|w| w.code == "W_ASSUMPTION" && w.message.to_string().contains("ch-weight-per-100kg"));
    assert!(said.is_some_and(|w| w.message.to_string().contains("one item")), "{:?}", q.warnings);
    // One line, or lines of different tariff numbers: each is its own item, nothing to state.
    for lines in [vec![line("a", "1806.32")], vec![line("a", "1806.32"), line("b", "1806.31")]] {
        let q = quote(req(lines));
        assert!(q.warnings.iter().all(|w| !w.message.to_string().contains("ch-weight-per-100kg")), "{:?}", q.warnings);
    }
}

// M8 Australia: chocolate confectionery.

/// A New Tax System (Goods and Services Tax) Act 1999 s.38-3(1)(c): food of a kind in Schedule 1
/// is not GST-free; Schedule 1 clause 1 item 8 (Confectionery): "confectionery, food marketed as
/// confectionery, food marketed as ingredients for confectionery or food consisting principally
/// of confectionery"; the Further Supplementary Explanatory Memorandum para. 1.45: "Confectionery
/// includes food that is marketed as confectionery, such as chocolate, boiled sweets, ..." (ATO GST
/// issues register, Food industry partnership, issue 12). Chocolate bars 1806.32 at A$2,000: GST
/// 10 % × 2,000 = 200.00 (a lower bound only because the AU duty is not embedded), not the food
/// row's 0 % lower bound (audit-m M8); sugar confectionery 1704 is taxable by its name.
#[test]
fn au_chocolate_and_sugar_confectionery_bear_gst_gst_act_sch_1_item_8() {
    let gst = |code: &str| {
        let q = quote(one_line("AU", "AUD", "2026-03-02", "GB", json!({"code": code, "unit_price": "2000.00"})));
        let t = q.lines[0].levies.iter().find(|v| v.kind == LevyKind::Tax).unwrap().clone();
        (q, t)
    };
    let (q, t) = gst("1806.32");
    assert_eq!(t.partial_amount.or(t.amount), Some(d("200.00")), "{}", t.formula);
    assert!(t.formula.as_str().contains("vat_classes.tsv#au-chocolate"), "{}", t.formula);
    assert!(q.warnings.iter().any(|w| w.message.to_string().starts_with("au-chocolate: assumes")), "{:?}", q.warnings);
    let (_, t) = gst("1704.90");
    assert_eq!(t.partial_amount.or(t.amount), Some(d("200.00")), "{}", t.formula);
    assert!(t.formula.as_str().contains("au-sugar-confectionery"), "{}", t.formula);
    // The rest of heading 1806 (cocoa preparations, not only confectionery) keeps the food row.
    let (_, t) = gst("1806.90");
    assert!(t.formula.as_str().contains("au-food"), "{}", t.formula);
}

// Canada: the luxury tax beside the unpriced A/C excise.

/// A car into Alberta from Japan on 2026-11-20 at `price`, 6.1 % duty, with `extra_duties`.
fn ca_car(price: &str, extra: Value) -> Quote {
    quote(json!({"destination": "CA", "origin": "JP", "ship_from": "JP", "date": "2026-11-20", "currency": "CAD",
        "channel": "freight", "transport": "ocean", "incoterm": "DDP", "subdivision": "AB",
        "lines": [{"id": "car", "code": "8703.23", "quantity": "1", "unit_price": price, "duty_rate": "6.1%",
            "weight_kg": "1400", "fuel_l_per_100km": "7.0", "extra_duties": extra}]}))
}

fn luxury(q: &Quote) -> &landed::quote::Levy {
    q.lines[0].levies.iter().find(|v| v.name.as_str().starts_with("Luxury tax")).expect("luxury tax listed")
}

/// Select Luxury Items Tax Act (CRA, as quoted, excise_rates.tsv ca-luxury-tax-vehicles): the
/// lesser of 10 % of the taxable amount and 20 % of its excess over CAD 100,000, on value + duty +
/// the excises before it; the Excise Tax Act Sch. I s.7 A/C tax is CAD 100 when the car has an air
/// conditioner (the code does not tell). CAD 94,200 + 6.1 % = 99,946.20: with the A/C tax,
/// 100,046.20 and a luxury tax of min(20 % × 46.20, 10 % × 100,046.20) = 9.24. Without the
/// caller's answer the priced part's 0.00 is not "not due" (it was priced 0.00). The rate row is
/// `verify`: its figures are listed in the formula, no `partial_amount` (fix-cc, docs/rules.md
/// §18: a figure from a secondary source is no lower bound; they were "at least 0.00" and 9.24).
#[test]
fn a_luxury_tax_zero_beside_an_unpriced_ac_excise_is_a_lower_bound() {
    let q = ca_car("94200.00", json!([]));
    let lux = luxury(&q);
    assert_eq!((lux.amount, lux.partial_amount), (None, None), "{}", lux.formula);
    assert!(lux.formula.as_str().contains("not due on the priced part of its base"), "{}", lux.formula);
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    // The caller says the car has an air conditioner: CAD 100 in the base, 9.24.
    let ac = |rate: &str| json!([{"name": "A/C excise", "rate": rate, "kind": "excise", "answers": ["ca-ac-excise"]}]);
    let q = ca_car("94200.00", ac("100 CAD each"));
    assert_eq!(luxury(&q).partial_amount, None, "{}", luxury(&q).formula);
    assert!(luxury(&q).formula.as_str().contains("= 9.24"), "{}", luxury(&q).formula);
    // ... or none: the threshold settles it, 0.00 not due, priced.
    let q = ca_car("94200.00", ac("0%"));
    let lux = luxury(&q);
    assert_eq!((lux.amount, lux.partial_amount), (Some(d("0.00")), None), "{}", lux.formula);
    assert_eq!(q.lines[0].status, LineStatus::Priced);
}
