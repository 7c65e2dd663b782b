//! Session 14's review residue (issue 13: country behaviour as data; no silent paths): the
//! Australian tobacco-by-post prohibition read from `tariffs/rules/prohibitions.tsv`
//! ([not priced](../docs/rules.md#not-priced)), the `components` a duty read reported by the
//! evaluator ([duty expressions](../docs/rules.md#duty-expressions)), and a caller's excise that
//! says which excise rows of its line it answers ([excise](../docs/rules.md#excise)).

mod common;

use common::quote;
use landed::quote::{LevyKind, LineStatus};
use serde_json::json;

/// The reason the line carried when the rule was code (session 14, `au_tobacco_by_post`), byte
/// for byte: the table's `reason` column is the same text.
const AU_TOBACCO_REASON: &str = "tobacco products are a prohibited import into Australia unless a permission to import them, granted in writing, is produced (Customs (Prohibited Imports) Regulations 1956 reg. 4DA(1), from 2019-07-01; cigars, chewing tobacco and snuff are outside it, reg. 4DA(2)); the Minister's approval under reg. 4DA(9) (Importation of Tobacco Products Approval 2019, read only in part) is for goods reported in a cargo report, which mail is not: the duty and GST shown are those due if a permission covers these goods";

#[test]
fn tobacco_by_post_into_australia_is_prohibited_from_the_table_reg_4da() {
    // Customs (Prohibited Imports) Regulations 1956 reg. 4DA(1) (tobacco products prohibited
    // unless a permission in writing is produced, from 2019-07-01), reg. 4DA(2) (cigars outside
    // it): 200 cigarettes by post from Indonesia at AUD 0.50, duty 0 %: GST 10 % of 100.00 is
    // priced as if a permission covered them, and the line says the goods are prohibited.
    let tobacco = |code: &str, channel: Option<&str>, date: &str| {
        let mut r = json!({"destination": "AU", "date": date, "currency": "AUD",
            "transport": "air", "incoterm": "DDP", "origin": "ID", "ship_from": "ID",
            "lines": [{"id": "c", "code": code, "quantity": "200", "unit_price": "0.50", "duty_rate": "0%"}]});
        if let Some(c) = channel {
            r["channel"] = json!(c);
        }
        quote(r)
    };
    let q = tobacco("2402.20", Some("post"), "2026-03-02");
    assert_eq!(q.lines[0].status, LineStatus::Partial);
    assert_eq!(q.lines[0].reason.as_deref(), Some(AU_TOBACCO_REASON));
    // Pipe tobacco (2403) too; cigars (2402.10) are excluded; the day before, by courier, as
    // freight or with no channel (courier assumed), nothing is said.
    assert_eq!(tobacco("2403.11", Some("post"), "2026-03-02").lines[0].reason.as_deref(), Some(AU_TOBACCO_REASON));
    for q in [
        tobacco("2402.10", Some("post"), "2026-03-02"),
        tobacco("2402.20", Some("post"), "2019-06-30"),
        tobacco("2402.20", Some("courier"), "2026-03-02"),
        tobacco("2402.20", Some("freight"), "2026-03-02"),
        tobacco("2402.20", None, "2026-03-02"),
    ] {
        assert!(!q.lines[0].reason.as_deref().unwrap_or_default().contains("reg. 4DA"), "{:?}", q.lines[0].reason);
    }
}

/// The `W_INPUT_UNUSED` messages of a quote.
fn unused(q: &landed::quote::Quote) -> Vec<String> {
    q.warnings.iter().filter(|w| w.code == "W_INPUT_UNUSED").map(|w| w.message.to_string()).collect()
}

#[test]
fn the_components_a_duty_read_are_those_the_evaluator_reports_htsus_9102_11_45() {
    // HTSUS 9102.11.45: "40¢ each + 8.5% on the case + 2.8% on the strap, band or bracelet +
    // 5.3% on the battery". The evaluator reports the components it read: `case` and `battery`
    // are read (used), `movement` is read by no duty and `strap` is not the name the duty asks
    // for (unused, with the hint).
    let q = quote(json!({"destination": "US", "date": "2026-05-01", "currency": "USD", "channel": "freight",
        "transport": "ocean", "origin": "CH", "ship_from": "CH", "incoterm": "DDP",
        "lines": [{"id": "w", "code": "9102.11.45", "quantity": "100", "unit_price": "50.00",
            "components": {"battery": "100", "case": "1500", "movement": "900", "strap": "500"}}]}));
    let unused = unused(&q);
    assert_eq!(unused.len(), 2, "{unused:?}");
    assert!(unused.iter().any(|w| w.contains("components.movement") && !w.contains("asks for")), "{unused:?}");
    assert!(unused.iter().any(|w| w.contains("components.strap") && w.contains("\"strap_band_or_bracelet\"")));
    assert!(!unused.iter().any(|w| w.contains("components.case") || w.contains("components.battery")));
}

#[test]
fn a_component_read_only_by_a_second_levy_is_used_uk_calculator_retail_price() {
    // Tobacco Products Duty Act 1979 Sch. 1: cigarettes bear a percentage of the retail price
    // (the UK duty calculator's retail_price_spec.rb: 16.50 % × £1,000.00 = 165.0). The retail
    // price is read only by the second levy, the caller's excise, not by the customs duty: it is
    // used; `pack` is read by neither and is named.
    let q = quote(json!({"destination": "GB", "date": "2026-03-02", "currency": "GBP", "origin": "US",
        "lines": [{"id": "c", "code": "2402200000", "quantity": "40", "unit_price": "10", "duty_rate": "0%",
            "components": {"pack": "3", "retail_price": "1000"},
            "extra_duties": [{"name": "Tobacco Products Duty", "rate": "16.5% of the retail price", "kind": "excise"}]}]}));
    let excise = q.lines[0].levies.iter().find(|l| l.kind == LevyKind::Excise).unwrap();
    assert_eq!(excise.amount, Some(common::d("165.00")));
    let unused = unused(&q);
    assert_eq!(unused.len(), 1, "{unused:?}");
    assert!(unused[0].contains("components.pack"), "{unused:?}");
}

/// A car of CAD 40,000 from Japan into Ontario on 2025-06-02, GST registrant, with `extra` as
/// its caller duties: it bears three excises of `tariffs/rules/excise.tsv`, the air-conditioner
/// tax (Excise Tax Act Sch. I s.7), the green levy (Sch. I s.8) and the luxury tax (Select Luxury
/// Items Tax Act), none with a rate in our data.
fn japanese_car(extra: serde_json::Value) -> serde_json::Value {
    json!({"destination": "CA", "subdivision": "ON", "date": "2025-06-02", "currency": "CAD",
        "channel": "freight", "transport": "ocean", "incoterm": "DDP", "business_buyer": true,
        "origin": "JP", "ship_from": "JP",
        "lines": [{"id": "car", "code": "8703.80", "quantity": "1", "unit_price": "40000.00",
            "duty_rate": "6.1%", "extra_duties": extra}]})
}

#[test]
fn one_caller_excise_naming_no_row_settles_none_of_a_cars_three_excises_excise_tax_act_sch_i() {
    // Excise Tax Act Sch. I s.7 (air conditioners, CAD 100) and s.8 (green levy), Select Luxury
    // Items Tax Act: three excises, each its own. One "0%" that does not say which it answers
    // used to settle all three in silence (session 14's review); now each is listed, saying so.
    let q = quote(japanese_car(json!([{"name": "Vehicle excise", "rate": "0%", "kind": "excise"}])));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial, "{:?}", l.reason);
    let listed: Vec<&landed::quote::Levy> =
        l.levies.iter().filter(|v| v.kind == LevyKind::Excise && v.amount.is_none()).collect();
    assert_eq!(listed.len(), 3, "{:?}", l.levies);
    for (levy, row) in listed.iter().zip(["ca-ac-excise", "ca-green-levy", "ca-luxury-tax"]) {
        assert_eq!(levy.source.row(), format!("excise.tsv#{row}"));
        assert_eq!(levy.rate.as_str(), "not answered");
        assert!(levy.formula.as_str().contains(&format!("\"answers\": [\"{row}\"]")), "{}", levy.formula.as_str());
    }
    let reason = l.reason.as_deref().unwrap();
    let says = "the caller's excise \"Vehicle excise\" (extra_duties[0]) does not say which of the line's 3 excises";
    assert!(reason.contains(says), "{reason}");
    // The caller's 0 % is still charged (a levy of its own), and the GST is a lower bound.
    assert_eq!(l.levies.iter().filter(|v| v.kind == LevyKind::Excise && v.amount.is_some()).count(), 1);
    assert!(q.totals.at_least);
}

#[test]
fn caller_excises_answer_the_rows_they_name_and_leave_the_others_listed_excise_tax_act_s215_1() {
    // Excise Tax Act Sch. I s.7: CAD 100 per air conditioner (named ca-ac-excise). The green levy,
    // named by no entry, is priced from our rates as it would be without the caller: with no fuel
    // consumption rating given, at least 0.00 and the line partial asking for it; the luxury tax
    // (Select Luxury Items Tax Act), named by no entry either, is not due on the priced part of
    // its base under CAD 100,000, at least 0.00 while the green levy in its base is not priced
    // (m8-16, tests/golden_m8_16.rs).
    let ac = json!({"name": "A/C excise tax", "rate": "100 CAD each", "kind": "excise", "answers": ["ca-ac-excise"]});
    let q = quote(japanese_car(json!([ac])));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Partial, "{:?}", l.reason);
    let reason = l.reason.as_deref().unwrap();
    assert!(reason.contains("fuel_l_per_100km"), "{reason}");
    assert!(
        !reason.contains("air conditioners") && !reason.contains("Luxury tax (Select Luxury Items Tax Act) is due"),
        "{reason}"
    );
    // The green levy answered too (not due, named, 0 %): priced. 40,000 + duty 6.1 % = 2,440.00
    // + A/C excise 100.00: GST 5 % × 42,540.00 = 2,127.00 (Excise Tax Act s.215(1)).
    let green = json!({"name": "Green levy (none)", "rate": "0%", "kind": "excise", "answers": ["ca-green-levy"]});
    let q = quote(japanese_car(json!([ac, green])));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert_eq!(common::levy(l, LevyKind::Tax), common::d("2127.00"));
    // All three answered: priced. 40,000 + duty 6.1 % = 2,440.00 + A/C excise 100.00:
    // GST 5 % × 42,540.00 = 2,127.00.
    let luxury = json!({"name": "Luxury tax (none: under CAD 100,000)", "rate": "0%", "kind": "excise",
        "answers": ["ca-luxury-tax"]});
    let q = quote(japanese_car(json!([ac, green, luxury])));
    let l = &q.lines[0];
    assert_eq!(l.status, LineStatus::Priced, "{:?}", l.reason);
    assert_eq!(common::levy(l, LevyKind::Excise), common::d("100.00"));
    assert_eq!(common::levy(l, LevyKind::Tax), common::d("2127.00"));
    // One entry may answer several rows.
    let all = json!({"name": "Vehicle excise", "rate": "100 CAD each", "kind": "excise",
        "answers": ["ca-ac-excise", "ca-green-levy", "ca-luxury-tax"]});
    assert_eq!(quote(japanese_car(json!([all]))).lines[0].status, LineStatus::Priced);
}

#[test]
fn an_answer_that_is_no_excise_of_the_line_is_an_error_never_a_figure_that_answers_nothing() {
    let engine = common::engine();
    let e = engine
        .quote(&common::request(japanese_car(
            json!([{"name": "Wine tax", "rate": "0%", "kind": "excise", "answers": ["au-wet"]}]),
        )))
        .expect_err("au-wet is no excise of a car into Canada");
    assert_eq!(e.field.as_deref(), Some("lines[0].extra_duties[0].answers[0]"), "{e}");
    assert!(e.message.contains("ca-ac-excise, ca-green-levy, ca-luxury-tax"), "{e}");
    // Only an excise entry answers excise rows (a customs entry answers trade remedies: a
    // Japanese car bears none).
    let e = engine
        .quote(&common::request(japanese_car(
            json!([{"name": "Safeguard", "rate": "0%", "answers": ["ca-green-levy"]}]),
        )))
        .expect_err("a customs duty answers no excise");
    assert_eq!(e.field.as_deref(), Some("lines[0].extra_duties[0].answers[0]"), "{e}");
    assert!(e.message.contains("not a trade remedy of this line"), "{e}");
}
