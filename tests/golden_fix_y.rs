//! fix-y (session 19): the review's leftovers on fix-x and audit-x's residues
//! (findings/audit-x.md X5, X7, X8, X10, X11), each fixed at its source and tested here against
//! the law it cites; the figures are checked by hand in the comments.

mod common;

use common::{d, fails_with, landed, quote, stdout, warned};
use landed::quote::{LevyKind, LineStatus};
use serde_json::json;

/// A US-origin T-shirt into Germany on 2026-07-01 (the cart of audit-x X4).
fn us_tee(origin: &str, duty_rate: Option<&str>) -> serde_json::Value {
    let mut line = json!({"id": "tee", "code": "6109.10.00", "quantity": "2", "unit_price": "100"});
    if let Some(r) = duty_rate {
        line["duty_rate"] = json!(r);
    }
    json!({"destination": "DE", "origin": origin, "date": "2026-07-01", "currency": "EUR",
        "incoterm": "DDP", "shipping": "10", "lines": [line]})
}

/// Review: a levy made not priced carries that state as a field (`Levy::not_priced`), set where it
/// is unpriced, not found again by reading "not priced" in its text; the JSON is unchanged (the
/// field is not written). Regulation (EU) 2026/1455 as reported (`eu-us-industrial-2026`,
/// `verify`): the US-origin T-shirt's duty and VAT are listed unpriced; Australia's luxury car tax
/// on a date after its last thresholds (2027-06-30) is listed for want of data, not "not priced".
#[test]
fn a_levy_made_not_priced_says_so_in_a_field_not_in_its_text() {
    let q = quote(us_tee("US", None));
    let tee = &q.lines[0];
    let duty = tee.levies.iter().find(|l| l.kind == LevyKind::Duty).unwrap();
    let vat = tee.levies.iter().find(|l| l.kind == LevyKind::Tax).unwrap();
    assert!(duty.not_priced && vat.not_priced, "{} / {}", duty.formula, vat.formula);
    let text = serde_json::to_string(&q).unwrap();
    assert!(!text.contains("not_priced"), "the state is not written");
    let car = quote(json!({"destination": "AU", "origin": "JP", "date": "2027-08-01", "currency": "AUD",
        "incoterm": "DDP", "channel": "freight", "transport": "ocean", "shipping": "0",
        "lines": [{"id": "car", "code": "8703.23.00", "quantity": "1", "unit_price": "90000",
                   "fuel_l_per_100km": "6", "duty_rate": "5%"}]}));
    let lct = car.lines[0].levies.iter().find(|l| l.name.as_str().starts_with("Luxury car tax")).unwrap();
    assert!(lct.amount.is_none() && lct.partial_amount.is_none() && !lct.not_priced, "{}", lct.formula);
}

/// Review: one computation for a tax's figure and its lower bound. Directive 2006/112/EC art.
/// 85-86: VAT on the customs value plus the duty. The US-origin T-shirt's duty is unpriced by
/// `eu-us-industrial-2026`; the VAT's lower bound is the taxes stage's own figure on the base
/// without it, which is the VAT the same cart owes with the caller's `duty_rate` "0%":
/// 19 % × (2 × 100.00 + 10.00) = 19 % × 210.00 = 39.90 (by hand: 210 × 0.19 = 39.90) both ways.
#[test]
fn the_vat_lower_bound_under_an_unpriced_duty_is_the_taxes_stage_figure_without_it() {
    let bound = quote(us_tee("US", None));
    let vat = bound.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).unwrap();
    assert_eq!((vat.amount, vat.partial_amount), (None, Some(d("39.90"))), "{}", vat.formula);
    let zero = quote(us_tee("US", Some("0%")));
    let vat0 = zero.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).unwrap();
    assert_eq!(vat0.amount, Some(d("39.90")), "{}", vat0.formula);
    assert_eq!(bound.totals.tax, zero.totals.tax);
}

/// X5. `landed diff` words a bounded change as a rise or a fall: across 2026-07-01 the US-origin
/// cart of audit-x (10 T-shirts at 100.00, 12 % duty, and 10 cosmetics at 10.00, 0 %) goes from
/// 1,451.80 to at least 1,309.00 (VAT 19 % × 1,100.00 = 209.00 certainly due): a fall of at most
/// 142.80 (1,451.80 − 1,309.00 = 142.80), never "at least -142.80".
#[test]
fn diff_words_a_lower_bounded_fall_as_a_fall_of_at_most_x5() {
    let cart = json!({"destination": "DE", "origin": "US", "date": "2026-06-30", "currency": "EUR", "incoterm": "DDP",
        "channel": "freight", "transport": "ocean", "shipping": "0",
        "lines": [{"id": "tee", "code": "6109.10.00", "quantity": "10", "unit_price": "100"},
                  {"id": "cos", "code": "3304.99.00", "quantity": "10", "unit_price": "10"}]})
    .to_string();
    let out = landed(&["diff", "-", "--from", "2026-06-30", "--to", "2026-07-01"], Some(&cart));
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert!(first.ends_with("landed 1451.80 → ≥1309.00 EUR (a fall of at most 142.80)"), "{text}");
    assert!(text.contains("[tee] Import VAT: a fall of at most 22.80"), "{text}");
    assert!(!text.contains("at least -"), "{text}");
}

/// X7. `rate DE 61091000` on 2026-11-27 names the origin row a quote applies (Regulation (EU)
/// 2026/1455 as reported, `eu-us-industrial-2026`, 2026-07-01 to 2029-12-31), not only partner
/// countries; on 2026-06-30 it is not in force and not named.
#[test]
fn rate_names_the_origin_row_in_force_x7() {
    let covers = |date: &str| {
        let out = landed(&["rate", "DE", "61091000", "--date", date, "--json"], None);
        common::json(&out)["covers"].as_str().unwrap().to_string()
    };
    let after = covers("2026-11-27");
    assert!(
        after.contains("goods of origin US, PR may owe no duty on this date by duty_free.tsv#eu-us-industrial-2026"),
        "{after}"
    );
    assert!(!covers("2026-06-30").contains("eu-us-industrial-2026"));
}

/// X7. Wordings: `eval "0"` suggests "0%" once (zero is zero as a percent or a fraction);
/// `rate CH 22042109` names the code asked and the prefix of the Swiss row (SR 632.10 as amended
/// from 2024-01-01: chapters 25-97 free, chapter 22 dutiable); a CH duty per 100 kg gross weight
/// does not read `weight_kg` (the net weight) and the warning says so, asking for units
/// {"kg:gross": …} (not "no levy of this line is charged per kg").
#[test]
fn wordings_of_audit_x_x7() {
    let err = fails_with(&landed(&["eval", "0", "--value", "100"], None), "E_DUTY_EXPRESSION");
    assert!(err.contains("write \"0%\" for 0 percent (zero, whether meant as a percent or a fraction)"), "{err}");
    assert!(!err.contains("if 0 is a fraction"), "{err}");
    let err = fails_with(&landed(&["rate", "CH", "22042109", "--date", "2026-03-02"], None), "E_NO_TARIFF");
    assert!(err.contains("22042109 (HS 22) is among the goods CH charges duty on"), "{err}");
    let q = quote(json!({"destination": "CH", "origin": "FR", "date": "2026-03-02", "currency": "CHF",
        "lines": [{"id": "wine", "code": "2204.21.50", "quantity": "12", "unit_price": "10", "volume_l": "9",
                   "alcohol_pct": "12", "weight_kg": "16", "duty_rate": "50 CHF/100 kg gross"}]}));
    let msg: Vec<&str> = q.warnings.iter().filter(|w| w.code == "W_INPUT_UNUSED").map(|w| w.message.as_str()).collect();
    assert!(
        msg.iter()
            .any(|m| m.starts_with("lines[0].weight_kg: the net weight is not the weight the duty is charged on")
                && m.ends_with("give units {\"kg:gross\": …}")),
        "{msg:?}"
    );
    assert!(!msg.iter().any(|m| m.contains("no levy of this line is charged per kg")), "{msg:?}");
}

/// X7. Customs Tariff s.85 as CBSA Memorandum D2-1-4 quotes it (row `ca-gift-excess-over-60`,
/// `verify`): a gift over CAD 60 owes duty and tax on the excess only. A CAD 60.01 gift into
/// Ontario on 2018-11-26: the HST on the whole value (13 % × 60.01 = 7.80, a lower bound while
/// the duty is unknown) is not a lower bound under that row (13 % × 0.01 = 0.00), so its
/// unpriced text no longer calls 7.80 one.
#[test]
fn an_unpriced_lower_bound_is_not_called_a_lower_bound_any_more_x7() {
    let q = quote(json!({"destination": "CA", "subdivision": "ON", "origin": "US", "date": "2018-11-26",
        "currency": "CAD", "incoterm": "DDP", "channel": "post", "gift": true, "shipping": "0",
        "lines": [{"id": "tee", "code": "6109.10.00", "quantity": "1", "unit_price": "60.01"}]}));
    let hst = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Tax).unwrap();
    assert_eq!((hst.amount, hst.partial_amount), (None, None));
    let f = hst.formula.as_str();
    assert!(f.contains("— not priced, 7.80 no longer a lower bound: ca-gift-excess-over-60"), "{f}");
    assert_eq!(q.totals.tax, d("0.00"));
}

/// X10. A New Tax System (Luxury Car Tax) Act 1999 s.25-1: the fuel-efficient car threshold
/// (at most 7 l/100 km) depends on the car's fuel consumption. On 2026-11-27 our data has no LCT
/// threshold (the rows end 2025-06-30), so the tax is listed unpriced; the `fuel_l_per_100km`
/// given is what it would read, so no W_INPUT_UNUSED says it was irrelevant. On 2025-03-01 the
/// rows price it, reading the value (6 l: the fuel-efficient threshold 91,387).
#[test]
fn fuel_consumption_is_not_unused_beside_an_unpriced_luxury_car_tax_x10() {
    let car = |date: &str| {
        quote(json!({"destination": "AU", "origin": "JP", "date": date, "currency": "AUD", "incoterm": "DDP",
            "channel": "freight", "transport": "ocean", "shipping": "0",
            "lines": [{"id": "car", "code": "8703.23.00", "quantity": "1", "unit_price": "90000",
                       "fuel_l_per_100km": "6", "duty_rate": "5%"}]}))
    };
    let fuel_unused = |q: &landed::Quote| {
        q.warnings.iter().any(|w| w.code == "W_INPUT_UNUSED" && w.message.contains("fuel_l_per_100km"))
    };
    let late = car("2026-11-27");
    assert!(late.lines[0].levies.iter().any(|l| l.name.as_str().starts_with("Luxury car tax") && l.amount.is_none()));
    assert!(!fuel_unused(&late), "{:?}", late.warnings);
    assert!(!fuel_unused(&car("2025-03-01")));
}

/// X8. Puerto Rico is in the customs territory of the United States (HTSUS General Note 2; 21 CFR
/// 1300.02: "the several States, the District of Columbia, and Puerto Rico"), and its goods are
/// counted as of US origin for the EU row (Regulation (EU) No 952/2013 art. 60; Regulation (EU)
/// 2026/1455 as reported): 10 T-shirts of origin PR into DE on 2026-11-27 list the 12 % duty
/// (120.00) unpriced, with VAT at least 19 % × 1,000.00 = 190.00 (by hand), never MFN priced
/// complete; a Canadian-origin line is still priced at MFN.
#[test]
fn puerto_rico_origin_is_counted_with_the_us_for_the_eu_us_row_x8() {
    let tees = |origin: &str| {
        quote(json!({"destination": "DE", "origin": origin, "date": "2026-11-27", "currency": "EUR",
            "channel": "freight", "transport": "ocean", "incoterm": "DDP", "shipping": "0",
            "lines": [{"id": "tee", "code": "6109.10.00", "quantity": "10", "unit_price": "100"}]}))
    };
    let pr = tees("PR");
    let tee = &pr.lines[0];
    assert_eq!(tee.status, LineStatus::Partial, "{:?}", tee.reason);
    assert!(tee.reason.as_deref().unwrap_or_default().contains("eu-us-industrial-2026"), "{:?}", tee.reason);
    assert_eq!((pr.totals.duty, pr.totals.tax), (d("0.00"), d("190.00")));
    assert!(pr.totals.at_least && !pr.totals.complete);
    let ca = tees("CA");
    assert_eq!((ca.totals.duty, ca.totals.tax, ca.totals.complete), (d("120.00"), d("212.80"), true));
}

/// X11. The lev is replaced by the euro on 2026-01-01 at its legal conversion rate, 1.95583 lev
/// per euro (Council Regulation (EC) No 2866/98 as amended for Bulgaria; Regulation (EC) No
/// 1103/97 art. 4: the only rate between them, not rounded, not inverted). Where the ECB's table
/// has no lev rate for the date:
/// - into DE on 2026-11-27: BGN 391.166 → 391.166 / 1.95583 = EUR 200.00 (by hand), priced (it
///   was E_FX_RATE; above EUR 150, so no low-value handling fee is listed beside it);
/// - into JP on 2026-11-27: the ECB's EUR/JPY of 2026-10-30 (175.68, the stand-in day) divided by
///   1.95583: 89.823758 (by hand: 175.68 / 1.95583 = 89.8237577), so BGN 5,000 → JPY 449,118.79
///   before rounding to the yen: 449,119 (it was 94.125166, the cross of 2025-12-31);
/// - dated before (2025-12-15 into JP) the ECB's own lev rate of the day stands: 182.32 / 1.9558.
#[test]
fn the_lev_after_the_changeover_converts_at_its_legal_rate_x11() {
    let cart = |dest: &str, date: &str, currency: &str, price: &str| {
        quote(json!({"destination": dest, "origin": "CN", "date": date, "currency": currency, "incoterm": "DDP",
            "channel": "courier", "shipping": "0",
            "lines": [{"id": "phone", "code": "8517.13.00", "quantity": "1", "unit_price": price, "duty_rate": "0%"}]}))
    };
    let de = cart("DE", "2026-11-27", "BGN", "391.166");
    assert_eq!(de.lines[0].goods_value, d("200.00"));
    assert!(de.fx[0].source.starts_with("BGN at its legal conversion rate of 1.95583 per euro"), "{}", de.fx[0].source);
    assert!(de.totals.complete);
    let jp = cart("JP", "2026-11-27", "BGN", "5000");
    assert_eq!(jp.fx[0].rate, d("89.823758"), "{}", jp.fx[0].source);
    assert!(
        jp.fx[0].source.contains("with the EUR/JPY rate: ECB euro reference rates of 2026-10-30"),
        "{}",
        jp.fx[0].source
    );
    assert_eq!(jp.lines[0].goods_value, d("449119"));
    let before = cart("JP", "2025-12-15", "BGN", "5000");
    assert!(before.fx[0].source.starts_with("ECB euro reference rates of 2025-12-15"), "{}", before.fx[0].source);
    assert!(!warned(&de, "W_STALE_FX"));
}
