//! Any text: the duty parser classifies it and the evaluator prices or explains it, never panics.
#![no_main]
use landed::duty::{DutyExpr, DutyInput};
use landed::money::Currency;
use landed::units::Quantities;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let expr = DutyExpr::parse(text);
        let mut q = Quantities::new();
        let _ = q.add_text("12.5kg", "qty");
        let _ = q.add_text("3hl", "qty");
        q.alcohol_pct = Some(Decimal::new(125, 1));
        let fx = [(Currency::EUR, Decimal::new(108, 2)), (Currency::GBP, Decimal::new(126, 2))];
        let mut input = DutyInput::value_only(Decimal::new(123_456, 2), Currency::USD, &q);
        input.fx = &fx;
        input.date = landed::date::Date::parse("2026-03-02").ok();
        let r = expr.evaluate(&input);
        assert!(r.priceable == r.amount.is_some());
        // A caller's rate, read for a dollar's country and for one without a dollar.
        for customs in ["AUD", "EUR"] {
            let customs = Currency::parse(customs).unwrap();
            let caller = DutyExpr::parse_caller(text, customs);
            let r = caller.evaluate(&DutyInput { currency: customs, ..input.clone() });
            assert!(r.priceable == r.amount.is_some());
            let _ = landed::duty::dollar_unsaid(text, customs);
        }
    }
});
