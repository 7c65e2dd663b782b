//! Property tests of the engine's invariants (docs/rules.md#allocation, docs/rules.md#not-priced).

use crate::common::engine;
use landed::allocation::allocate;
use landed::quote::LevyKind;
use landed::request::QuoteRequest;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::json;

fn cents(c: u64) -> Decimal {
    Decimal::new(c as i64, 2)
}

const DESTINATIONS: [&str; 8] = ["GB", "DE", "FR", "US", "CA", "AU", "JP", "CH"];
const CODES: [&str; 6] = ["6109100010", "8471300000", "6404110000", "8516710000", "4202210000", "9503000000"];

fn request(dest: &str, lines: &[(usize, u64, u64)], shipping: u64) -> QuoteRequest {
    let lines: Vec<_> = lines
        .iter()
        .enumerate()
        .map(|(i, (code, qty, price))| {
            json!({"id": format!("l{i}"), "code": CODES[*code % CODES.len()], "quantity": qty.to_string(),
                   "unit_price": cents(*price).to_string(), "weight_kg": "1.5", "duty_rate": "5%"})
        })
        .collect();
    landed::request::decode(
        &json!({"destination": dest, "date": "2026-03-02", "currency": "USD", "origin": "CN",
        "ship_from": "CN", "channel": "freight", "shipping": cents(shipping).to_string(), "lines": lines})
        .to_string(),
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn allocation_always_sums_to_the_total(total in 0u64..10_000_000, weights in prop::collection::vec(0u64..1_000_000, 1..40), dp in 0u32..4) {
        let weights: Vec<Decimal> = weights.into_iter().map(Decimal::from).collect();
        prop_assume!(weights.iter().any(|w| !w.is_zero()));
        let total = Decimal::new(total as i64, dp);
        let parts = allocate(total, &weights, dp).unwrap();
        prop_assert_eq!(parts.iter().copied().sum::<Decimal>(), total);
        prop_assert!(parts.iter().all(|p| !p.is_sign_negative()));
        // A zero weight never receives anything.
        for (p, w) in parts.iter().zip(&weights) {
            if w.is_zero() { prop_assert!(p.is_zero()); }
        }
    }

    #[test]
    fn duty_and_tax_are_never_negative_and_totals_add_up(dest in 0usize..8, lines in prop::collection::vec((0usize..6, 1u64..20, 1u64..200_000), 1..8), shipping in 0u64..20_000) {
        let q = engine().quote(&request(DESTINATIONS[dest], &lines, shipping)).unwrap();
        for line in &q.lines {
            for levy in &line.levies {
                if let Some(a) = levy.amount { prop_assert!(!a.is_sign_negative(), "{:?}", levy); }
            }
        }
        let t = &q.totals;
        prop_assert!(!t.duty.is_sign_negative() && !t.tax.is_sign_negative() && !t.fees.is_sign_negative());
        prop_assert_eq!(t.landed, t.goods + t.shipping + t.insurance + t.duty + t.tax + t.fees);
        prop_assert_eq!(q.lines.len(), lines.len(), "no line is dropped");
        let line_shipping: Decimal = q.lines.iter().map(|l| l.shipping).sum();
        prop_assert_eq!(line_shipping, t.shipping);
    }

    #[test]
    fn raising_the_price_never_lowers_ad_valorem_duty(dest in 0usize..4, price in 20_000u64..500_000, raise in 1u64..100_000) {
        // Above every threshold, so only the rate and the value matter.
        let dest = ["GB", "DE", "US", "AU"][dest];
        let duty = |p: u64| {
            let q = engine().quote(&request(dest, &[(0, 1, p)], 0)).unwrap();
            q.lines[0].levies.iter().filter(|l| l.kind == LevyKind::Duty).filter_map(|l| l.amount).sum::<Decimal>()
        };
        prop_assert!(duty(price + raise) >= duty(price));
    }

    #[test]
    fn a_quote_is_deterministic_and_line_order_does_not_change_totals(dest in 0usize..8, lines in prop::collection::vec((0usize..6, 1u64..5, 100u64..50_000), 2..6)) {
        let dest = DESTINATIONS[dest];
        let a = engine().quote(&request(dest, &lines, 0)).unwrap();
        let b = engine().quote(&request(dest, &lines, 0)).unwrap();
        prop_assert_eq!(&a, &b);
        let mut reversed = lines.clone();
        reversed.reverse();
        let c = engine().quote(&request(dest, &reversed, 0)).unwrap();
        prop_assert_eq!(&a.totals, &c.totals);
        prop_assert_eq!(&a.snapshot_id, &c.snapshot_id);
    }

    #[test]
    fn any_text_parses_without_panicking(text in ".{0,80}") {
        let _ = landed::duty::DutyExpr::parse(&text);
        let _ = landed::hs::HsCode::parse(&text);
        let _ = landed::date::Date::parse(&text);
    }
}
